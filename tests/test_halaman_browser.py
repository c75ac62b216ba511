"""The Voila pages in a real browser: Debian's chromium driven by playwright against a
running `kinerja serve` on localhost, over the sample store and a small batch's outputs."""

import json
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from halaman_server import jalankan_serve, tangkap_layar as _shot
from kinerja.dokumen.daftar import DOKUMEN
from kinerja import format_angka, format_persen
from kinerja.core.formatting import nama_bulan
from kinerja.analisis import dari_store as analisis
from kinerja.run import batch
from kinerja.contoh import store as contoh

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
TOKEN = uuid.uuid4().hex


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = contoh.store_contoh(TAHUN, BULAN)
    db = store.url
    out = tmp_path_factory.mktemp("keluaran")
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["craapk", "lkjip"], jobs=2, db=db, keluaran=out,
                                    progress=False)
    assert all(t["status"] == "berhasil" for t in manifest["tugas"])
    # Every test opens its pages from this one address: more than the default 8 per client.
    with jalankan_serve(db, out, TOKEN, "--batas-halaman-klien", "24", "--batas-halaman", "30") as base:
        yield {"base": base, "port": int(base.rsplit(":", 1)[1]), "store": store, "keluaran": out}


@pytest.fixture(scope="module")
def server_dingin(server):
    """The same store without pre-started kernels, as with personal links: a page knows the
    address that opened it only when its kernel starts for it (kinerja.halaman.kerangka)."""
    with jalankan_serve(server["store"].url, server["keluaran"], TOKEN, "--tanpa-pemanasan") as base:
        yield {**server, "base": base, "port": int(base.rsplit(":", 1)[1])}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = batch.chromium()
    assert executable, "Debian's chromium is required (make test installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def _open(page, server, name: str, ready: str):
    page.goto(f"{server['base']}/voila/render/{name}.ipynb?token={TOKEN}", wait_until="domcontentloaded")
    page.wait_for_selector(ready, state="visible", timeout=60_000)


def _no_code(page) -> None:
    text = page.content()
    assert "import kinerja" not in text and "halaman.ringkasan" not in text and "Traceback" not in text


def test_pages_need_the_token_and_serve_no_sources(server):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def status(path: str) -> int:
        try:
            return opener.open(server["base"] + path, timeout=60).status
        except urllib.error.HTTPError as err:
            return err.code

    assert status("/voila/render/tren.ipynb") == 302  # to the login page
    assert status("/voila/render/tren.ipynb?token=salah") == 302
    assert status(f"/voila/render/tren.ipynb?token={TOKEN}") == 200
    assert status(f"/voila/files/tren.ipynb?token={TOKEN}") in (403, 404)  # the notebook itself is not served
    assert status(f"/api/contents?token={TOKEN}") in (403, 404)


def test_ringkasan_kabupaten_shows_the_stores_numbers(server, page):
    _open(page, server, "ringkasan_kabupaten", ".kinerja-jumlah-pd")
    store = server["store"]
    units = store.current("unit")
    pds = units[units["jenis"] == "perangkat_daerah"]["kode"].tolist()
    assert page.inner_text(".kinerja-jumlah-pd .angka").strip() == format_angka(len(pds), 0)
    # independent of the page's all-units path: one unit at a time
    # (rows waiting for verification stay out of every mean)
    kums = [analisis.capaian_kumulatif(store, u, TAHUN, BULAN) for u in pds]
    # a unit's capaian: its counted indicators averaged per sasaran, then the sasaran (equal weights)
    means = [k[k["dihitung"]].groupby("sasaran")["capaian"].mean().mean() if not k.empty else float("nan")
             for k in kums]
    means = [m for m in means if m == m]
    assert page.inner_text(".kinerja-rata-capaian .angka").strip() == format_persen(sum(means) / len(means))
    own = analisis.capaian_kumulatif(store, "nusa-rekaan", TAHUN, BULAN)
    assert page.inner_text(".kinerja-capaian-iku .angka").strip() == format_persen(
        own[own["dihitung"]].groupby("sasaran")["capaian"].mean().mean())
    assert page.inner_text(".kinerja-di-bawah .angka").strip() == format_angka(sum(m < 100 for m in means), 0)
    money = analisis.anggaran_program(store, None, TAHUN)
    now = money[(money["bulan"] == BULAN) & money["unit_kode"].isin(pds)]
    assert page.inner_text(".kinerja-penyerapan .angka").strip() == format_persen(
        now["realisasi_kumulatif"].sum() / now["pagu"].sum() * 100)  # Σ realisasi ÷ Σ pagu, not a mean of %
    flagged = [k for k in kums if not k.empty and (~k["dihitung"] & k["capaian"].notna()).any()]
    assert (len(flagged) > 0) == ("perlu diverifikasi" in page.inner_text(".kinerja-verifikasi").lower()
                                  or "Perlu diverifikasi" in page.inner_text(".kinerja-verifikasi"))
    assert page.locator(".kinerja-peta img, img.kinerja-peta").count() == 1
    table = page.inner_text(".kinerja-tabel-pd")
    assert "Dinas Kesehatan" in table and "Kuadran" in table
    page.select_option(".kinerja-pilih-unit select", label="Dinas Kesehatan")
    page.wait_for_function("document.querySelector('.kinerja-detail').innerText.includes('Indikator Kinerja')")
    detail = page.inner_text(".kinerja-detail")
    for _, row in analisis.capaian_kumulatif(store, "dinkes", TAHUN, BULAN).iterrows():
        assert row["indikator"] in detail and format_angka(row["capaian"]) in detail
    _no_code(page)
    _shot(page, "ringkasan_kabupaten")


def test_peringkat_ranks_every_perangkat_daerah_with_its_components(server, page):
    from kinerja.analisis.peringkat import muat_bobot_peringkat, peringkat

    _open(page, server, "peringkat", ".kinerja-peringkat table")
    expected = peringkat(server["store"], TAHUN, BULAN)
    assert page.inner_text(".kinerja-jumlah-diperingkat .angka").strip() == format_angka(len(expected), 0) == "40"
    rows = page.locator(".kinerja-peringkat tbody tr")
    assert rows.count() == 40
    w = muat_bobot_peringkat()
    for i in (0, 19, 39):  # top, middle, bottom: names in order, composite = weights × the scores shown
        cells = [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
        assert cells[0] == str(i + 1) and cells[1] == expected["nama"].iloc[i]
        nilai, *shown = (float(c.replace(".", "").replace(",", ".")) for c in cells[2:7])
        assert abs(nilai - sum(wi * si for wi, si in zip(w.values(), shown)) / sum(w.values())) < 0.01
    assert "Nilai = 40 % capaian" in page.inner_text(".kinerja-penjelasan")
    _no_code(page)
    _shot(page, "peringkat")


def test_pohon_kinerja_pick_a_sasaran_then_a_node(server, page):
    """The tree of a kabupaten sasaran drawn (SVG, coloured nodes, crosscutting edges), a
    node's indicators with the capaian every document shows, its contributors, and the
    sample's deliberate faults among the findings."""
    from kinerja.dokumen.pohon_kinerja import pohon_kinerja

    store = server["store"]
    lap = pohon_kinerja(store, "nusa-rekaan", TAHUN, BULAN)
    _open(page, server, "pohon_kinerja", ".kinerja-gambar-pohon svg")
    assert "Temuan keselarasan" in page.inner_text(".kinerja-ringkasan-pohon")
    # SK1 first: its picture holds the perangkat daerah sasaran under it and the four crosscutting links
    svg = " ".join(page.inner_text(".kinerja-gambar-pohon").split())  # labels wrap over lines
    for unit in ("Dinas Tenaga Kerja", "Badan Perencanaan Pembangunan Daerah", "Dinas Pemuda dan Olahraga"):
        assert unit in svg
    assert "crosscutting ditolak" in svg and "crosscutting diusulkan" in svg
    assert page.locator(".kinerja-gambar-pohon svg g.node").count() >= 9
    findings = page.inner_text(".kinerja-temuan")
    assert "K06" in findings and "K05" in findings and "K07" in findings  # refused, pending, contradicting target
    # the kabupaten sasaran's own indicators, with their capaian as the CRAAPK computes it
    own = analisis.capaian_kumulatif(store, "nusa-rekaan", TAHUN, BULAN).set_index("indikator")
    page.wait_for_function("document.querySelector('.kinerja-detail-simpul').innerText.includes('Angka kemiskinan')")
    detail = page.inner_text(".kinerja-detail-simpul")
    assert format_angka(own.loc["Angka kemiskinan", "capaian"]) in detail
    assert "Dinas Sosial" in detail and "crosscutting diterima" in detail and "crosscutting ditolak" in detail
    assert page.locator(".kinerja-grafik-simpul img, img.kinerja-grafik-simpul").count() == 1
    # another sasaran: the orphaned environment sasaran is flagged as unserved
    sasaran = dict(zip(lap.sasaran_kabupaten()["id"], lap.sasaran_kabupaten()["kondisi"]))
    pilih = lambda kode: page.select_option(".kinerja-pilih-sasaran select", label=f"{kode}: {sasaran[kode]}")  # noqa: E731
    pilih("nusa-rekaan/SK5")
    page.wait_for_function("document.querySelector('.kinerja-temuan').innerText.includes('K02')")
    # a perangkat daerah node: its indicators carry that unit's capaian
    pilih("nusa-rekaan/SK3")
    page.wait_for_function("document.querySelector('.kinerja-gambar-pohon').innerText.includes('Dinas Kesehatan')")
    node = lap.simpul.set_index("id").loc["dinkes/S1"]
    page.select_option(".kinerja-pilih-simpul select",
                       label=f"{node['tingkat']}: {node['kondisi']} — Dinas Kesehatan (dinkes/S1)")
    page.wait_for_function("document.querySelector('.kinerja-detail-simpul').innerText.includes('Persentase balita stunting')")
    dinkes = analisis.capaian_kumulatif(store, "dinkes", TAHUN, BULAN).set_index("indikator")
    detail = page.inner_text(".kinerja-detail-simpul")
    assert format_angka(dinkes.loc["Persentase balita stunting", "capaian"]) in detail
    assert "dinkes/P2" in detail  # its children contribute
    assert len(lap.temuan) >= 8
    pilih("nusa-rekaan/SK1")
    page.wait_for_function("document.querySelector('.kinerja-gambar-pohon').innerText.includes('Dinas Sosial')")
    _no_code(page)
    _shot(page, "pohon_kinerja")


def test_perangkat_daerah_choose_a_unit_see_its_numbers_and_reports(server, page):
    _open(page, server, "perangkat_daerah", ".kinerja-pilih-unit select")
    page.wait_for_selector(".kinerja-tabel-indikator table", timeout=60_000)
    before = page.get_attribute(".kinerja-grafik-bulanan img", "src")
    page.select_option(".kinerja-pilih-unit select", label="Dinas Kesehatan")
    page.wait_for_function("document.querySelector('.kinerja-ringkasan-unit').innerText.includes('Dinas Kesehatan')")
    page.wait_for_function(f"document.querySelector('.kinerja-grafik-bulanan img').src !== {json.dumps(before)}")
    expected = analisis.capaian_kumulatif(server["store"], "dinkes", TAHUN, BULAN)
    last = json.dumps(expected["indikator"].iloc[-1])  # widgets update one by one: wait for the table's turn
    page.wait_for_function(f"document.querySelector('.kinerja-tabel-indikator').innerText.includes({last})")
    table = page.inner_text(".kinerja-tabel-indikator")
    for _, row in expected.iterrows():
        assert row["indikator"] in table and format_angka(row["capaian"]) in table
    assert page.inner_text(".kinerja-narasi").strip()
    page.select_option(".kinerja-pilih-dokumen select", label=DOKUMEN["craapk"].judul)  # titles from the registry
    # named by unit and document, not craapk.pdf for every unit
    link = page.wait_for_selector(f"a.kinerja-unduh[download='dinkes-craapk-{TAHUN}.pdf']", timeout=30_000)
    assert link.get_attribute("href").startswith("data:application/pdf;base64,JVBER")  # %PDF
    with page.expect_download() as download:
        page.click(f"a.kinerja-unduh[download='dinkes-craapk-{TAHUN}.xlsx']")
    saved = Path(download.value.path())
    assert saved.read_bytes()[:2] == b"PK" and saved.stat().st_size > 5_000
    _no_code(page)
    _shot(page, "perangkat_daerah")


def test_tren_shows_years_against_renstra(server, page):
    _open(page, server, "tren", ".kinerja-pilih-indikator select")
    page.wait_for_selector(".kinerja-tabel-tren table", timeout=60_000)
    page.select_option(".kinerja-pilih-unit select", label="Dinas Kesehatan")
    page.wait_for_function("document.querySelector('.kinerja-pilih-indikator select').innerText.includes('kematian')")
    table = page.inner_text(".kinerja-tabel-tren")
    assert "Target Renstra/RPJMD" in table and str(TAHUN) in table
    history = analisis.riwayat(server["store"], "dinkes")
    first = page.eval_on_selector(".kinerja-pilih-indikator select", "s => s.options[s.selectedIndex].text")
    assert first  # an indicator is chosen and drawn
    assert page.get_attribute(".kinerja-grafik-tren img", "src")
    assert not history.empty
    _no_code(page)
    _shot(page, "tren")


def test_execute_request_over_the_kernel_websocket_is_refused(server, page, tmp_path):
    """A hand-made execute_request on the page's own kernel does nothing; a harmless
    kernel_info_request on the same socket is answered (so the silence is a refusal)."""
    import websocket

    _open(page, server, "tren", ".kinerja-pilih-indikator select")
    html_text = page.content()
    kernel = html_text.split('"kernelId": "', 1)[1].split('"', 1)[0]
    marker = tmp_path / "dijalankan.txt"
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server['port']}/api/kernels/{kernel}/channels?token={TOKEN}", timeout=10)

    def message(msg_type: str, content: dict) -> dict:
        msg_id = uuid.uuid4().hex
        return {"header": {"msg_id": msg_id, "msg_type": msg_type, "username": "uji", "session": uuid.uuid4().hex,
                           "version": "5.3", "date": ""}, "parent_header": {}, "metadata": {}, "content": content,
                "channel": "shell", "buffers": []}

    execute = message("execute_request", {"code": f"open({str(marker)!r}, 'w').write('x')", "silent": False,
                                          "store_history": False, "user_expressions": {}, "allow_stdin": False})
    ws.send(json.dumps(execute))
    info = message("kernel_info_request", {})
    ws.send(json.dumps(info))
    replies = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            data = json.loads(ws.recv())
        except websocket.WebSocketTimeoutException:
            break
        replies.append((data.get("parent_header", {}).get("msg_id"), data["header"]["msg_type"]))
        if (info["header"]["msg_id"], "kernel_info_reply") in replies:
            time.sleep(2)  # give a (wrongly) accepted execute time to run
            break
    ws.close()
    assert (info["header"]["msg_id"], "kernel_info_reply") in replies
    assert not [r for r in replies if r[0] == execute["header"]["msg_id"]]
    assert not marker.exists()


def test_perangkat_daerah_page_of_a_unit_that_reports_by_quarter(browser, tmp_path_factory):
    """A store filled only from the real Renja evaluation (kinerja impor): the page opens on
    its year, shows its capaian and says the numbers rest on quarters."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_impor import REAL, _store_with_bappeda

    from kinerja.impor.jalankan import impor_berkas

    folder = tmp_path_factory.mktemp("triwulan")
    store = _store_with_bappeda(folder)
    loaded = impor_berkas(REAL, "evaluasi-renja", unit="bappeda", tahun=2025, store=store, arsip=folder / "arsip")
    assert loaded.muat.status == "dimuat"
    out = folder / "keluaran"
    out.mkdir()
    token = uuid.uuid4().hex
    with jalankan_serve(store.url, out, token, "--tanpa-pemanasan") as base:  # one page: no pool run ahead
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/voila/render/perangkat_daerah.ipynb?token={token}", wait_until="domcontentloaded")
        page.wait_for_selector(".kinerja-pilih-unit select", state="visible", timeout=60_000)
        page.select_option(".kinerja-pilih-unit select", label="Badan Perencanaan Pembangunan Daerah")
        page.wait_for_function("document.body.innerText.includes('dilaporkan per triwulan')", timeout=60_000)
        expected = analisis.capaian_kumulatif(store, "bappeda", 2025, 12)
        row = expected[expected["indikator"] == "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN"].iloc[0]
        page.wait_for_function("document.querySelector('.kinerja-tabel-indikator').innerText"
                               f".includes({json.dumps(row['indikator'])})", timeout=60_000)
        table = page.inner_text(".kinerja-tabel-indikator")
        assert format_angka(row["capaian"]) in table
        assert "Semua indikator dilaporkan per triwulan" in page.inner_text("body")
        _no_code(page)
        _shot(page, "perangkat_daerah_triwulan")
        context.close()


# Wider than the screen outside a box that scrolls by itself (tables, the tree): what a phone cuts.
_TERLALU_LEBAR = """() => {
  const area = document.querySelector('.jp-OutputArea-output, #rendered_cells') || document.body;
  const W = Math.min(document.documentElement.clientWidth, area.getBoundingClientRect().right), bad = [];
  const boxes = 'div.kinerja-tabel, .kinerja-gambar-pohon, .kinerja-jawaban-lke, .kinerja-rekomendasi-terbuka, .kinerja-rekap-lke';
  for (const e of document.querySelectorAll('.jp-OutputArea-output *, #rendered_cells *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= W + 1) continue;
    const box = e.closest(boxes);
    if (box && box !== e && box.getBoundingClientRect().right <= W + 1
        && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) continue;
    bad.push(e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(r.right));
  }
  return bad.slice(0, 8);
}"""


def test_home_page_links_every_page_and_each_page_links_the_others(server, page):
    page.goto(f"{server['base']}/?token={TOKEN}", wait_until="domcontentloaded")  # "/": not Voila's file list
    page.wait_for_selector(".kinerja-beranda", state="visible", timeout=60_000)
    assert page.url.split("?")[0].endswith("/voila/render/beranda.ipynb")
    text = page.inner_text(".kinerja-beranda")
    assert "Pilih halaman" in text and ".ipynb" not in text
    links = page.eval_on_selector_all("a.kinerja-tautan-beranda", "as => as.map(a => a.getAttribute('href'))")
    assert {"ringkasan_kabupaten.ipynb", "perangkat_daerah.ipynb", "tren.ipynb", "peringkat.ipynb",
            "pohon_kinerja.ipynb", "evaluasi_akip.ipynb"} <= set(links)
    _shot(page, "beranda")
    page.click("a.kinerja-tautan-beranda[href='tren.ipynb']")
    page.wait_for_selector(".kinerja-pilih-unit select", state="visible", timeout=60_000)
    assert page.inner_text(".kinerja-navigasi a[aria-current='page']") == "Tren"
    assert page.locator(".kinerja-navigasi a[href^='beranda.ipynb?']").count() == 1  # with the period


def test_the_period_is_chosen_on_the_page(server, page):
    _open(page, server, "peringkat", ".kinerja-peringkat table")
    options = page.eval_on_selector(".kinerja-pilih-bulan select", "s => Array.from(s.options).map(o => o.text)")
    options = [o.replace("\xa0", " ") for o in options]  # the page's spaces do not break
    months = server["store"].current("realisasi", tahun=TAHUN)["bulan"].dropna().astype(int).unique()
    assert len(options) == len(months) and options[-1].startswith(f"s.d. {nama_bulan(BULAN)}")
    assert page.eval_on_selector(".kinerja-pilih-bulan select", "s => s.selectedIndex") == len(options) - 1
    page.select_option(".kinerja-pilih-bulan select", index=options.index("s.d. Juni (Triwulan II)"))
    page.wait_for_function("document.querySelector('.kinerja-peringkat')?.innerText.includes('s.d. Juni')",
                           timeout=60_000)
    assert f"s.d. {nama_bulan(BULAN)}" not in page.inner_text(".kinerja-peringkat")


def test_a_link_keeps_the_period_chosen_on_the_page(server_dingin, page):
    server = server_dingin
    _open(page, server, "peringkat", ".kinerja-peringkat table")
    options = page.eval_on_selector(".kinerja-pilih-bulan select", "s => Array.from(s.options).map(o => o.text)")
    page.select_option(".kinerja-pilih-bulan select", index=[o.replace("\xa0", " ") for o in options]
                       .index("s.d. Juni (Triwulan II)"))
    page.wait_for_function("document.querySelector('.kinerja-peringkat')?.innerText.includes('s.d. Juni')",
                           timeout=60_000)
    href = page.get_attribute(".kinerja-navigasi a[href^='tren.ipynb']", "href")
    assert href == f"tren.ipynb?tahun={TAHUN}&bulan=6"
    page.click(".kinerja-navigasi a[href^='tren.ipynb']")
    page.wait_for_selector(".kinerja-tabel-tren table", state="visible", timeout=60_000)
    assert page.eval_on_selector(".kinerja-pilih-bulan select", "s => s.options[s.selectedIndex].text") \
        .replace("\xa0", " ") == "s.d. Juni (Triwulan II)"
    assert "s.d. Juni" in page.inner_text(".kinerja-isi") and "s.d. September" not in page.inner_text(".kinerja-isi")
    assert page.get_attribute(".kinerja-navigasi a[href^='beranda.ipynb']", "href").endswith("bulan=6")


def test_a_bad_period_in_the_address_shows_the_latest_with_a_note(server_dingin, page):
    server = server_dingin
    page.goto(f"{server['base']}/voila/render/peringkat.ipynb?token={TOKEN}&tahun=abc&bulan=99%3Cb%3E",
              wait_until="domcontentloaded")
    page.wait_for_selector(".kinerja-peringkat table", state="visible", timeout=60_000)
    note = page.wait_for_selector(".kinerja-catatan-periode p", timeout=30_000).inner_text().replace("\xa0", " ")
    assert "tidak ada dalam data" in note and f"s.d. {nama_bulan(BULAN)} {TAHUN}" in note
    assert page.eval_on_selector(".kinerja-pilih-bulan select", "s => s.selectedIndex == s.options.length - 1")
    assert page.locator(".kinerja-catatan-periode b").count() == 0 and "Traceback" not in page.content()


# Every form control that overflows the box it sits in (whose right border the page then cuts): a
# dropdown 100% wide plus ipywidgets' 2 px margins ran 2 px past its box at 390 px (issue 25).
KELUAR_KOTAK = """() => Array.from(document.querySelectorAll(
    '.widget-dropdown, .widget-textarea, .widget-text, .widget-upload, select, textarea')).filter(e => {
  const r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect();
  return r.width > 0 && (r.right > p.right + 0.5 || r.left < p.left - 0.5);
}).map(e => String(e.className).slice(0, 80) + ' ' + Math.round(e.getBoundingClientRect().right))"""


# The smallest text of every chart as the phone shows it: its size at the image's natural width
# (data-huruf of the layout shown; matplotlib's default 10 pt, 13,3 px, for an image that has
# none), times the width it is drawn at over its natural width.
_HURUF_GRAFIK = """sel => Array.from(document.querySelectorAll(sel)).map(img => {
  const source = img.closest('picture')?.querySelector('source');
  const natural = source && img.currentSrc === source.srcset ? source.dataset.huruf : img.dataset.huruf;
  return (parseFloat(natural) || 13.3) * img.getBoundingClientRect().width / img.naturalWidth;
})"""


def test_chart_text_stays_readable_on_a_phone_390px_wide(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for name, chart in (("perangkat_daerah", "kinerja-grafik-bulanan"), ("tren", "kinerja-grafik-tren")):
            _open(page, server, name, f".{chart} img, img.{chart}")
            page.wait_for_function(f"document.querySelector('.{chart} img, img.{chart}').naturalWidth > 0")
            sizes = page.evaluate(_HURUF_GRAFIK, f".{chart} img, img.{chart}")
            assert sizes and min(sizes) >= 9, (name, sizes)
            page.screenshot(path=str(_layar(f"{name}-grafik-390")), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("name,ready", [("ringkasan_kabupaten", ".kinerja-tabel-pd table"),
                                        ("perangkat_daerah", ".kinerja-tabel-indikator table"),
                                        ("tren", ".kinerja-tabel-tren table")])
def test_pages_fit_a_phone_390px_wide(server, browser, name, ready):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        _open(page, server, name, ready)
        page.wait_for_timeout(500)
        assert page.evaluate(_TERLALU_LEBAR) == []
        for select in page.query_selector_all("select"):
            assert select.bounding_box()["x"] + select.bounding_box()["width"] <= 391
        assert page.evaluate(KELUAR_KOTAK) == []  # every dropdown keeps its right border
        if name == "ringkasan_kabupaten":  # the predikat grid re-laid for a phone, readable without zooming
            page.wait_for_function("document.querySelector('.kinerja-peta img')?.naturalWidth > 0")
            sizes = page.evaluate(_HURUF_GRAFIK, ".kinerja-peta img")
            assert sizes and min(sizes) >= 9, sizes
        height = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
        page.set_viewport_size({"width": 390, "height": min(int(height) + 40, 8000)})  # Voila scrolls in a panel
        page.wait_for_timeout(300)
        assert page.evaluate(_TERLALU_LEBAR) == []
        page.screenshot(path=str(_layar(f"{name}-390")), full_page=True)
    finally:
        context.close()


def test_quick_choices_leave_no_stale_text(server, page):
    _open(page, server, "perangkat_daerah", ".kinerja-tabel-indikator table")
    units = server["store"].current("unit")
    names = units[units["jenis"] == "perangkat_daerah"].sort_values("nama")["nama"].tolist()[:4]
    for name in names:  # one after another, without waiting for the page
        page.select_option(".kinerja-pilih-unit select", label=name)
    last = json.dumps(names[-1])
    page.wait_for_function(f"document.querySelector('.kinerja-ringkasan-unit').innerText.includes({last})",
                           timeout=60_000)
    page.wait_for_timeout(2_000)  # anything older still drawing would land now
    chosen = page.eval_on_selector(".kinerja-pilih-unit select", "s => s.options[s.selectedIndex].text")
    shown = page.inner_text(".kinerja-ringkasan-unit").replace("\xa0", " ")
    assert chosen.replace("\xa0", " ") == names[-1] and names[-1] in shown
    assert not any(n in shown for n in names[:-1] if n not in names[-1])


def test_ringkasan_first_screen_holds_cards_gaps_and_the_unit_picker(server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    _open(page, server, "ringkasan_kabupaten", ".kinerja-jumlah-pd")
    page.wait_for_selector(".kinerja-kesenjangan table", timeout=60_000)
    picker = page.query_selector(".kinerja-pilih-unit select").bounding_box()
    assert picker["y"] + picker["height"] <= 800, picker  # on the first screen, not 15 screens down
    first_gap = page.query_selector(".kinerja-kesenjangan tbody tr").bounding_box()
    assert first_gap["y"] + first_gap["height"] <= 800, first_gap
    assert page.query_selector(".kinerja-tabel-pd").bounding_box()["y"] > 800
    assert page.locator("img:not([src]), img[src='']").count() == 0  # no broken image
    page.screenshot(path=str(_layar("ringkasan_kabupaten-1280")))


def _layar(name: str) -> Path:
    """Where a screenshot to look at goes (LAMAN_LAYAR, else the tests' screenshot folder)."""
    import os

    from halaman_server import TANGKAPAN

    folder = Path(os.environ.get("LAMAN_LAYAR", TANGKAPAN))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"
