"""Hostile text from workbooks stays inert everywhere: ingest → batch → HTML, PDF, .xlsx, .docx,
the Voila pages in a real browser, and ``kinerja capaian`` outputs.

A perangkat daerah is renamed to an HTML payload, one of its indicators carries a script
tag, and its CRAAPK keterangan are spreadsheet formulas. Nothing may execute, and no
formula may appear in any spreadsheet kinerja writes.
"""

import shutil
import subprocess
import uuid
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from halaman_server import KINERJA, jalankan_serve
from kinerja.run import batch
from kinerja.contoh import store as contoh
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import BARIS_DATA
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.store.store import Store
from kinerja.render.word import teks_docx

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
NAMA_UNIT = 'Dinas <img src=x onerror="window.__xss=1"> Kesehatan'
NAMA_INDIKATOR = "<script>window.__xss=2</script>Angka kematian ibu"
RUMUS = '=HYPERLINK("http://contoh.invalid/curi","klik di sini")'
TOKEN = uuid.uuid4().hex


def _ganti(path: Path, lama: str, baru: str) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == lama:
                    cell.value = baru
    for ws in wb.worksheets:  # keterangan of the CRAAPK become formulas (written as text cells)
        f = next((f for f in FORMULIR.values() if f.kode == ws["B3"].value and f.jenis == "CRAAPK"), None)
        if f is not None:
            col = f.fields().index("keterangan") + 1
            for r in range(BARIS_DATA, ws.max_row + 1):
                if ws.cell(r, col).value:
                    ws.cell(r, col).value = RUMUS
                    ws.cell(r, col).data_type = "s"
    wb.save(path)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    sample = contoh.folder_contoh() / f"sampel-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"
    contoh.store_contoh(TAHUN, BULAN)  # makes sure the sample workbooks exist
    folder = tmp_path_factory.mktemp("hostile")
    for part in ("nusa-rekaan", "dinkes", "dinkes-kesmas"):
        shutil.copytree(sample / part, folder / part)
    shutil.copy(sample / "00_daftar_unit.xlsx", folder)
    _ganti(folder / "00_daftar_unit.xlsx", "Dinas Kesehatan", NAMA_UNIT)
    for path in (folder / "dinkes").glob("*.xlsx"):
        _ganti(path, "Angka kematian ibu", NAMA_INDIKATOR)
    store = Store(f"sqlite:///{folder / 'k.sqlite'}")
    for path in urutkan(list(folder.rglob("*.xlsx"))):
        hasil = muat_berkas(path, store, folder / "arsip")
        assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    assert NAMA_UNIT in store.current("unit")["nama"].tolist()
    assert (store.current("realisasi", unit_kode="dinkes")["keterangan"] == RUMUS).any()
    out = folder / "keluaran"
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes", "nusa-rekaan"], None, jobs=2, db=store.url,
                                    keluaran=out, progress=False)
    assert all(t["status"] == "berhasil" for t in manifest["tugas"]), manifest["tugas"]
    return {"store": store, "keluaran": out, "unit": out / str(TAHUN) / "dinkes"}


class _Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]


def test_html_shows_the_names_as_text(hostile):
    pages = list(hostile["keluaran"].rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        parsed = _Tags()
        parsed.feed(page.read_text(encoding="utf-8"))
        assert "script" not in parsed.tags, page
        assert not [a for a in parsed.attrs if a[1].startswith("on")], page  # no event handler attribute
        assert not [a for a in parsed.attrs if a[0] == "img" and a[1] == "src" and a[2] == "x"], page
    craapk = (hostile["unit"] / "craapk.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in craapk and "&lt;script&gt;window.__xss=2&lt;/script&gt;" in craapk


def test_pdf_and_word_carry_the_literal_text(hostile):
    for doc in ("craapk", "lkjip", "pk"):
        pdf = " ".join(p.extract_text() for p in PdfReader(str(hostile["unit"] / f"{doc}.pdf")).pages)
        assert "onerror" in pdf and "window.__xss=1" in pdf.replace("\n", ""), doc
        word = teks_docx(hostile["unit"] / f"{doc}.docx")
        assert NAMA_UNIT in word, doc
    assert NAMA_INDIKATOR in teks_docx(hostile["unit"] / "craapk.docx")


def test_no_spreadsheet_holds_a_formula(hostile):
    books = list(hostile["keluaran"].rglob("*.xlsx"))
    assert len(books) >= 6
    for book in books:
        with zipfile.ZipFile(book) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert "<f>" not in z.read(name).decode("utf-8") and "<f " not in z.read(name).decode("utf-8"), book
    ws = load_workbook(hostile["unit"] / "craapk.xlsx")["CRAAPK"]
    values = {c.value for row in ws.iter_rows() for c in row}
    assert RUMUS in values and NAMA_INDIKATOR in values  # kept exactly, as text


def test_the_regenerated_formulir_reingests(hostile, tmp_path):
    hasil = muat_berkas(hostile["unit"] / "craapk.xlsx", hostile["store"], tmp_path / "arsip")
    assert hasil.status in ("dimuat", "sama") and not hasil.galat, [str(m) for m in hasil.masalah]


def test_capaian_outputs_are_inert(tmp_path):
    source = tmp_path / "masuk.csv"
    source.write_text(f"indikator;target;realisasi\n{RUMUS.replace(';', ',')};100;90\n@SUM(A1);10;-27,24\n",
                      encoding="utf-8")
    res = subprocess.run([KINERJA, "capaian", str(source), "-o", str(tmp_path / "hasil.xlsx")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    with zipfile.ZipFile(tmp_path / "hasil.xlsx") as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    res = subprocess.run([KINERJA, "capaian", str(source), "-o", str(tmp_path / "hasil.csv")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "hasil.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert '"-27,24"' in text and "'-27,24" not in text  # a negative number written as text stays as it is


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(hostile):
    """One ``kinerja serve`` for the five pages (each opens in its own browser context)."""
    with jalankan_serve(hostile["store"].url, hostile["keluaran"], TOKEN) as base:
        yield base


@pytest.mark.parametrize("halaman,siap", [("ringkasan_kabupaten", ".kinerja-jumlah-pd"),
                                          ("perangkat_daerah", ".kinerja-pilih-unit select"),
                                          ("peringkat", ".kinerja-peringkat table"),
                                          ("tren", ".kinerja-pilih-indikator select"),
                                          ("pohon_kinerja", ".kinerja-gambar-pohon svg")])
def test_no_page_runs_the_payload(server, browser, halaman, siap):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/voila/render/{halaman}.ipynb?token={TOKEN}", wait_until="domcontentloaded")
    page.wait_for_selector(siap, state="visible", timeout=60_000)
    if halaman == "pohon_kinerja":  # the sasaran Dinas Kesehatan serves: its name drawn in the SVG tree
        page.select_option(".kinerja-pilih-sasaran select", label="nusa-rekaan/SK3: Meningkatnya kualitas SDM")
        page.wait_for_timeout(2_000)
        assert page.locator(".kinerja-gambar-pohon svg g.node").count() >= 2
    elif halaman not in ("ringkasan_kabupaten", "peringkat"):
        page.select_option(".kinerja-pilih-unit select", label=NAMA_UNIT)
        page.wait_for_timeout(2_000)
    else:
        page.select_option(".kinerja-pilih-pd select", label=NAMA_UNIT) if page.query_selector(
            ".kinerja-pilih-pd select") else None
        page.wait_for_timeout(1_000)
    options = page.eval_on_selector_all("select option", "os => os.map(o => o.text)")
    shown = (page.inner_text("body") + "\n".join(options)).replace("\xa0", " ")  # widgets use no-break spaces
    assert NAMA_UNIT in shown  # shown, as text
    assert page.evaluate("window.__xss") is None and not dialogs
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    context.close()
