"""The Kirim Formulir page in a real browser (Debian's chromium driven by playwright) against
``kinerja serve`` on a copy of the small store: one upload of a good and a bad workbook, the
messages as the clerk reads them, and the receipt downloaded through its link."""

import shutil
import uuid

import pytest
from halaman_server import TANGKAPAN, jalankan_serve, tangkap_layar
from test_halaman_browser import KELUAR_KOTAK, browser  # noqa: F401 - the module's chromium, shared
from test_kirim_formulir import _rusak

TOKEN = uuid.uuid4().hex


@pytest.fixture(scope="module")
def server(dasar, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kirim")
    shutil.copy(dasar, folder / "k.sqlite")
    # one page visited: its kernel starts for it, no pool of eight pages run ahead
    with jalankan_serve(f"sqlite:///{folder / 'k.sqlite'}", folder / "keluaran", TOKEN, "--tanpa-pemanasan") as base:
        yield {"base": base, "folder": folder}


def test_a_clerk_uploads_a_good_and_a_bad_workbook_and_downloads_the_receipt(server, browser, sampel,  # noqa: F811
                                                                             tmp_path):
    bad = tmp_path / "RENSTRA <script>salah.xlsx"
    bad.write_bytes(_rusak(sampel))
    good = sampel / "bapenda" / "RENSTRA_2025-2029.xlsx"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server['base']}/voila/render/kirim_formulir.ipynb?token={TOKEN}", wait_until="domcontentloaded")
        page.wait_for_selector(".kinerja-unggah", state="visible", timeout=60_000)
        head = page.inner_text(".kinerja-judul") + page.inner_text("body")
        assert "Kirim Formulir" in head and "5,0 MB per berkas" in head
        # the header every page has: the links to the others, carrying the period chosen here, and that period
        assert page.inner_text(".kinerja-navigasi a[aria-current='page']") == "Kirim Formulir"
        assert page.locator(".kinerja-navigasi a[href^='beranda.ipynb?tahun=']").count() == 1
        tahun = page.eval_on_selector(".kinerja-pilih-tahun select", "s => s.options[s.selectedIndex].text")
        assert f" {tahun}: CRAAPK " in page.inner_text(".kinerja-periode-kiriman").replace("\xa0", " ")
        label = "(e => [getComputedStyle(e, '::after').content, getComputedStyle(e).fontSize, e.disabled])"
        assert page.eval_on_selector(".kinerja-unggah", label) == ['"Pilih berkas .xlsx"', "0px", False]
        with page.expect_file_chooser() as chooser:  # ipywidgets 8 keeps its file input out of the page
            page.click(".kinerja-unggah")
        assert chooser.value.is_multiple()
        chooser.value.set_files([str(good), str(bad)])
        page.wait_for_selector(".kinerja-hasil-kirim .kinerja-kiriman >> nth=1", timeout=60_000)
        text = page.inner_text(".kinerja-hasil-kirim")
        assert ("RENSTRA_2025-2029.xlsx: diterima dan dimuat — Renstra/RPJMD (RENSTRA-PD), Badan Pendapatan Daerah "
                "(bapenda), periode 2025–2029, revisi 1") in text  # the unit by its name, as every page names it
        # the button is cleared and says so: no "(0)" left from the upload, ready for the next file
        page.wait_for_function("document.querySelector('.kinerja-unggah').title === 'Kirim berkas lain (.xlsx)'")
        assert page.eval_on_selector(".kinerja-unggah", label) == ['"Kirim berkas lain (.xlsx)"', "0px", False]
        assert "RENSTRA <script>salah.xlsx: DITOLAK" in text  # the name shown as text, not run
        for where in ("lembar RENSTRA, sel F11", "lembar RENSTRA, sel G12", "lembar RENSTRA, sel N11"):
            assert where in text, where
        assert '=HYPERLINK("http://contoh.invalid","klik")' in text and "<script>alert(1)</script>" in text
        assert page.locator(".kinerja-hasil-kirim script").count() == 0
        assert page.locator(".kinerja-tanda-terima").count() == 1
        with page.expect_download() as info:
            page.click(".kinerja-tanda-terima")
        unduhan = info.value
        assert unduhan.suggested_filename == "tanda-terima_bapenda_renstra-pd_2025.html"
        receipt = open(unduhan.path(), encoding="utf-8").read()
        assert "Tanda Terima Formulir" in receipt and "Badan Pendapatan Daerah (bapenda)" in receipt
        assert "Traceback" not in page.content()
        tangkap_layar(page, "kirim_formulir")
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: long cell text wraps, nothing is cut
        assert page.evaluate("(e => e.scrollWidth <= e.clientWidth)(document.querySelector('.kinerja-hasil-kirim'))")
        assert page.evaluate(KELUAR_KOTAK) == []
        page.screenshot(path=str(TANGKAPAN / "kirim_formulir_ponsel.png"), full_page=True)
    finally:
        context.close()
