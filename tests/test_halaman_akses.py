"""Personal links in a real browser: ``kinerja serve`` over a copy of the sample store holding
links for two units and the Bappeda. With unit A's link every page URL and every option of
every unit picker shows A's data and nobody else's; A's cookie gets 403 on B's kernel (API,
websocket, shutdown); each unit's clerk sends its own and the other unit's workbook on the Kirim
Formulir page and only its own is loaded; the Bappeda sees every unit and confirms a number; an
unknown or revoked link and the shared token get the Indonesian 403."""

import re
import shutil
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from halaman_server import jalankan_serve, peramban
from kinerja.contoh import store as contoh
from kinerja.halaman.serve import folder_halaman
from kinerja.store import akses
from kinerja.store.store import Store

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
TOKEN = uuid.uuid4().hex
A, B = "dinkes", "dinsos"
# What each page shows when it is ready (a unit's link gets the refusal, .kinerja-ditolak, on the others).
_SIAP = {"perangkat_daerah": ".kinerja-tabel-indikator table", "tren": ".kinerja-tabel-tren table",
         "evaluasi_akip": ".kinerja-ditolak, .kinerja-ragu-terpilih", "kirim_formulir": ".kinerja-unggah",
         "beranda": ".kinerja-beranda"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("akses")
    shutil.copy(Path(contoh.store_contoh(TAHUN, BULAN).url.removeprefix("sqlite:///")), folder / "k.sqlite")
    store = Store(f"sqlite:///{folder / 'k.sqlite'}")
    kunci = {who: akses.buat_tautan(store, f"Uji {who}", peran, unit, 1)[1]
             for who, peran, unit in ((A, "unit", A), (B, "unit", B), ("bappeda", "bappeda", None))}
    with jalankan_serve(store.url, folder / "keluaran", TOKEN, "--batas-halaman-klien", "30",
                        "--batas-halaman", "40") as base:
        yield {"base": base, "store": store, "kunci": kunci}


@pytest.fixture(scope="module")
def browser():
    with peramban() as b:
        yield b


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _buka(page, server, nama: str, kunci: str | None = None) -> str:
    """Open page ``nama`` (with a link the first time), wait until it is drawn; its kernel id."""
    url = f"{server['base']}/voila/render/{nama}.ipynb" + (f"?kunci={kunci}" if kunci else "")
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(_SIAP.get(nama, ".kinerja-ditolak"), state="visible", timeout=90_000)
    return re.search(r'"kernelId": "([^"]+)"', page.content())[1]


def test_a_units_link_shows_its_own_unit_on_every_page_and_option(server, browser):
    units = server["store"].current("unit")
    others = [n for kode, n in zip(units["kode"], units["nama"]) if kode != A and len(n) > 12]
    own = units.set_index("kode")["nama"][A]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    pages = sorted(p.stem for p in folder_halaman().glob("*.ipynb"))
    kunci = server["kunci"][A]
    seen = {}
    for nama in pages:
        _buka(page, server, nama, kunci)
        kunci = None  # from now on the cookie carries the visitor
        for select in page.query_selector_all(".kinerja-pilih-unit select"):
            labels = select.eval_on_selector_all("option", "os => os.map(o => o.textContent.replace(/\\s+/g, ' '))")
            assert labels == [own], (nama, labels)
            for label in labels:
                select.select_option(label=label)
                page.wait_for_timeout(300)
        text = re.sub(r"\s+", " ", page.inner_text("body"))
        seen[nama] = text
        assert not [n for n in others if n in text], nama
        assert "Traceback" not in text
    assert own in seen["perangkat_daerah"] and own in seen["tren"]
    assert "Kirim Formulir" in seen["kirim_formulir"]
    for nama in ("ringkasan_kabupaten", "peringkat", "pohon_kinerja", "evaluasi_akip"):
        assert f"tidak tersedia untuk tautan unit {A}" in seen[nama], nama
    ctx.close()


def test_a_personal_link_leaves_the_address_bar_and_the_period_stays(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    kunci = server["kunci"][A]
    response = page.goto(f"{server['base']}/voila/render/tren.ipynb?kunci={kunci}&tahun={TAHUN}&bulan=6",
                         wait_until="domcontentloaded")
    page.wait_for_selector(_SIAP["tren"], state="visible", timeout=90_000)
    assert kunci not in page.url and "kunci" not in page.url and page.url.endswith(f"?tahun={TAHUN}&bulan=6")
    assert response.request.redirected_from is not None  # the server answered the link with a redirect
    assert "s.d. Juni" in page.inner_text(".kinerja-isi")  # the page works, at the address's period
    cookie = [c for c in ctx.cookies() if c["name"] != "_xsrf"]
    assert len(cookie) == 1 and cookie[0]["httpOnly"] and kunci not in cookie[0]["value"]
    ctx.close()


def test_a_units_cookie_gets_403_on_another_visitors_kernel(server, browser):
    import websocket

    ctx_a, ctx_b = browser.new_context(), browser.new_context()
    page_a, page_b = ctx_a.new_page(), ctx_b.new_page()
    own = _buka(page_a, server, "tren", server["kunci"][A])
    other = _buka(page_b, server, "perangkat_daerah", server["kunci"][B])
    assert "Dinas Sosial" in re.sub(r"\s+", " ", page_b.inner_text(".kinerja-pilih-unit select"))
    base = server["base"]
    assert page_a.request.get(f"{base}/api/kernels/{own}").status == 200
    assert page_a.request.get(f"{base}/api/kernels/{other}").status == 403
    assert page_a.request.delete(f"{base}/api/kernels/{other}").status == 403
    assert page_a.request.post(f"{base}/voila/api/shutdown/{other}").status == 403
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in ctx_a.cookies())
    # the visitor's cookie (not Tornado's _xsrf, which the page's script must read to close its kernel)
    assert all(c["httpOnly"] and c["sameSite"] == "Strict" for c in ctx_a.cookies() if c["name"] != "_xsrf")
    with pytest.raises(websocket.WebSocketBadStatusException, match="403"):
        websocket.create_connection(f"{base.replace('http', 'ws')}/api/kernels/{other}/channels",
                                    header=[f"Cookie: {cookie}"], timeout=10)
    ws = websocket.create_connection(f"{base.replace('http', 'ws')}/api/kernels/{own}/channels",
                                     header=[f"Cookie: {cookie}"], timeout=10)
    ws.close()
    assert page_b.request.get(f"{base}/api/kernels/{other}").status == 200  # B's kernel lives on
    ctx_a.close()
    ctx_b.close()


def _simpan_ulang(path: Path, tujuan: Path) -> Path:
    """``path`` saved again under ``tujuan`` (same cells, other bytes): a file the store has not seen."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.save(tujuan)
    return tujuan


def test_each_unit_sends_its_own_workbook_and_another_units_is_refused(server, browser, tmp_path):
    sampel = contoh.folder_contoh() / f"sampel-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"
    berkas = {u: _simpan_ulang(sampel / u / f"CRAAPK_{TAHUN}-{BULAN:02d}.xlsx", tmp_path / f"{u}_CRAAPK.xlsx")
              for u in (A, B)}
    for unit, lain in ((A, B), (B, A)):
        kunci = akses.buat_tautan(server["store"], f"Kirim {unit}", "unit", unit, 1)[1]
        ctx = browser.new_context()
        page = ctx.new_page()
        _buka(page, server, "kirim_formulir", kunci)
        with page.expect_file_chooser() as chooser:
            page.click(".kinerja-unggah")
        chooser.value.set_files([str(berkas[unit]), str(berkas[lain])])
        page.wait_for_selector(".kinerja-hasil-kirim .kinerja-kiriman >> nth=1", timeout=90_000)
        text = re.sub(r"\s+", " ", page.inner_text(".kinerja-hasil-kirim"))
        nama = server["store"].current("unit").set_index("kode").loc[unit, "nama"]
        assert f"{unit}_CRAAPK.xlsx: diterima dan dimuat" in text and f"{nama} ({unit})," in text, text
        assert f"untuk {nama} ({unit});" in page.inner_text(".kinerja-pengirim")
        assert f"{lain}_CRAAPK.xlsx: DITOLAK" in text and "sedangkan Anda mengirim untuk unit" in text, text
        ctx.close()
    loaded = server["store"].submissions()["berkas"].astype(str)
    for unit in (A, B):
        assert loaded.str.endswith(f"{unit}_CRAAPK.xlsx").sum() == 1  # its own clerk's upload only


def _masih_menunggu(server) -> int:
    """How many suspect numbers of the store still wait for a confirmation."""
    from kinerja.halaman.dasbor import konteks
    from kinerja.halaman.konfirmasi import perlu_konfirmasi

    return len(perlu_konfirmasi(konteks(server["store"].url, TAHUN, BULAN)))


def test_the_bappeda_sees_every_unit_and_confirms_and_unknown_revoked_or_shared_token_get_403(server, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    _buka(page, server, "perangkat_daerah", server["kunci"]["bappeda"])
    options = re.sub(r"\s+", " ", page.inner_text(".kinerja-pilih-unit select"))
    assert "Dinas Kesehatan" in options and "Dinas Sosial" in options
    _buka(page, server, "evaluasi_akip")  # the Bappeda confirms a suspect number there
    page.fill(".kinerja-catatan-konfirmasi textarea", "dicek dengan dokumen sumber")
    page.click(".kinerja-tombol-konfirmasi")
    page.wait_for_function("document.querySelector('.kinerja-status-konfirmasi').innerText.includes('dikonfirmasi')")
    assert "dikonfirmasi oleh Uji bappeda" in page.inner_text(".kinerja-status-konfirmasi")
    row = akses.baca_konfirmasi(server["store"]).iloc[-1]
    assert (row["oleh"], row["peran"], row["catatan"]) == ("Uji bappeda", "bappeda", "dicek dengan dokumen sumber")
    assert "Uji bappeda" in page.inner_text(".kinerja-daftar-konfirmasi")
    assert _masih_menunggu(server) == 0  # the sample's only suspect number: nothing left, and the page says so
    assert "Tidak ada angka tahun" in page.inner_text(".kinerja-ragu-terpilih")
    assert not page.is_visible(".kinerja-pilih-ragu") and not page.is_visible(".kinerja-tombol-konfirmasi")
    ctx.close()
    base = f"{server['base']}/voila/render/tren.ipynb"
    for url in (f"{base}?kunci=bukan-tautan", f"{base}?token={TOKEN}", base):
        status, body = _status(url)
        assert status == 403 and "Akses ditolak" in body and 'lang="id"' in body, url
    ctx = browser.new_context()
    page = ctx.new_page()
    _buka(page, server, "tren", server["kunci"][B])
    akses.cabut_tautan(server["store"], unit_kode=B)
    assert "sudah dicabut" in _status(f"{base}?kunci={server['kunci'][B]}")[1]
    response = page.goto(base)  # the cookie no longer opens anything (the page's own calls already cleared it)
    assert response.status == 403 and "Akses ditolak" in page.inner_text("body")
    ctx.close()
