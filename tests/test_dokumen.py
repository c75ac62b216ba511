"""The notebook is the document: one registry, adaptable copies, HTML, PDF and Word from the same cells."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from docx import Document
from pypdf import PdfReader

from kinerja.run import batch
from kinerja.run.proses import FOLDER_KERJA
from kinerja.contoh import store as contoh
import kinerja
from kinerja.dokumen.daftar import DOKUMEN, dokumen
from kinerja.core.errors import KinerjaError
from kinerja.core.predikat import muat_skala
from kinerja.core.sumber import cari_notebook, folder_paket, salin_notebook
from kinerja.render.tabel import MIME_TABEL, Tabel
from kinerja.render.word import teks_docx, tulis_docx

KINERJA = str(Path(sys.executable).parent / "kinerja")
TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
PENANDA = "Paragraf khusus Kabupaten Nusa Rekaan XQ-4711"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_registry_is_the_one_list_of_documents():
    assert set(DOKUMEN) == {"rkt", "pk", "raapk", "craapk", "lkjip", "evaluasi-renja", "triwulanan", "pohon-kinerja",
                            "lhe", "rekap-lke", "reviu"}
    assert dokumen("pk").tingkat == ("kabupaten", "perangkat_daerah", "pejabat")
    assert "pejabat" in dokumen("craapk").tingkat  # his CRAAPK from the indicators cascaded to him
    # documents of a period take the report month (the quarterly ones: the last complete quarter)
    assert [d.kode for d in DOKUMEN.values() if d.bulanan] == ["craapk", "evaluasi-renja", "triwulanan",
                                                               "pohon-kinerja"]
    with pytest.raises(KinerjaError, match="dokumen tidak dikenal: lkjap"):
        dokumen("lkjap")
    shipped = {p.name for p in folder_paket("notebooks").glob("*.ipynb")}
    assert {d.notebook for d in DOKUMEN.values()} <= shipped


def test_copied_notebooks_are_found_before_the_package_and_never_overwritten(tmp_path, monkeypatch):
    written = salin_notebook(tmp_path)
    assert {p.name for p in written} >= {d.notebook for d in DOKUMEN.values()}
    assert (tmp_path / "dashboard" / "ringkasan_kabupaten.ipynb").exists()
    (tmp_path / "lkjip.ipynb").write_text("diubah", encoding="utf-8")
    assert salin_notebook(tmp_path) == []  # an edited copy is kept
    assert (tmp_path / "lkjip.ipynb").read_text(encoding="utf-8") == "diubah"
    (tmp_path / "rkt.ipynb").unlink()
    monkeypatch.setenv("KINERJA_NOTEBOOKS", str(tmp_path))
    assert cari_notebook("lkjip.ipynb") == tmp_path / "lkjip.ipynb"
    assert cari_notebook("rkt.ipynb") == folder_paket("notebooks") / "rkt.ipynb"  # missing: the package's
    monkeypatch.setenv("KINERJA_NOTEBOOKS", str(tmp_path / "tidak-ada"))
    with pytest.raises(KinerjaError, match="kinerja notebook salin"):
        cari_notebook("lkjip.ipynb")


def test_cli_copies_the_notebooks(tmp_path):
    res = subprocess.run([KINERJA, "notebook", "salin", str(tmp_path / "nb")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "notebook disalin" in res.stdout and (tmp_path / "nb" / "lkjip.ipynb").is_file()


def _adapt(path: Path) -> None:
    """What a kabupaten does: add its own paragraph to Bab I, drop section B of Bab III."""
    nb = nbformat.read(path, 4)
    cells = nb.cells
    at = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## Kata Pengantar" in c.source)
    cells.insert(at + 1, nbformat.v4.new_markdown_cell(f"### Profil Daerah\n\n{PENANDA}."))
    start = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "### B. Realisasi Anggaran" in c.source)
    end = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## Bab IV" in c.source)
    del cells[start:end]
    nbformat.write(nb, path)


def test_an_adapted_lkjip_changes_html_pdf_and_word_alike(tmp_path):
    folder = tmp_path / "notebook-kabupaten"
    salin_notebook(folder)
    _adapt(folder / "lkjip.ipynb")
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["lkjip"], jobs=1, contoh=True,
                                    keluaran=tmp_path / "keluaran", progress=False, notebooks=str(folder))
    task = manifest["tugas"][0]
    assert task["status"] == "berhasil", task["galat"]
    out = tmp_path / "keluaran" / str(TAHUN) / "dinkes"
    html = (out / "lkjip.html").read_text(encoding="utf-8")
    pdf = _pdf_text(out / "lkjip.pdf")
    word = teks_docx(out / "lkjip.docx")
    for text in (html, pdf, word):
        assert PENANDA in text.replace("\n", " ")
        assert "Realisasi Anggaran" not in text and "Bab IV Penutup" in text.replace("\n", " ")
    # the unadapted package notebook still has the section
    original = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["lkjip"], jobs=1, contoh=True, pdf=False,
                                    keluaran=tmp_path / "asli", progress=False)
    assert original["tugas"][0]["status"] == "berhasil"
    assert "B. Realisasi Anggaran" in teks_docx(tmp_path / "asli" / str(TAHUN) / "dinkes" / "lkjip.docx")
    # the reviu reads kinerja's own LKjIP of the unit as a unit's Word LKjIP: nothing to correct
    # (tests/test_lkjip_word.py holds the rest; this batch run is reused to keep CI short)
    from kinerja.evaluasi.lkjip_word import bandingkan_lkjip

    own = bandingkan_lkjip(tmp_path / "asli" / str(TAHUN) / "dinkes" / "lkjip.docx", contoh.store_contoh(TAHUN, BULAN),
                           "dinkes", TAHUN)
    assert own.empty, own.to_string()


def test_word_follows_the_executed_notebook_heading_for_heading(tmp_path):
    """No outline of its own: the .docx headings are the notebook's markdown headings, in order."""
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["nusa-rekaan"], ["lkjip"], jobs=1, contoh=True, pdf=False,
                                    keluaran=tmp_path, progress=False)
    assert manifest["tugas"][0]["status"] == "berhasil", manifest["tugas"][0]["galat"]
    out = tmp_path / str(TAHUN) / "nusa-rekaan"
    nb = nbformat.read(out / FOLDER_KERJA / "lkjip.ipynb", 4)  # the executed notebook, in its working folder
    md_headings = [line.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
                   for line in c.source.splitlines() if line.startswith("#")]
    doc = Document(str(out / "lkjip.docx"))
    word_headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    it = iter(word_headings)
    assert all(h in it for h in md_headings), (md_headings, word_headings)  # same order, none left out
    # every kinerja table of the notebook is a Word table with the same cells
    tables = [o["data"][MIME_TABEL] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if MIME_TABEL in o.get("data", {})]
    assert len(doc.tables) == len(tables) >= 4
    for isi, table in zip(tables, doc.tables):
        if isi.get("gaya") == "ttd":  # a signature block: no header row, no borders
            assert [[c.text for c in row.cells] for row in table.rows] == isi["baris"]
            assert table.style.name != "Table Grid"
            continue
        assert [c.text for c in table.rows[0].cells] == isi["kolom"]
        body = table.rows[1:]
        if isi.get("nomor"):  # the regulation's column numbers under the header
            assert [c.text for c in body[0].cells] == isi["nomor"]
            body = body[1:]
        assert [[c.text for c in row.cells] for row in body] == isi["baris"]
    assert sum(t.get("gaya") == "ttd" for t in tables) == 2  # Kata Pengantar and Penutup are signed
    # Cover, then Daftar Isi/Tabel/Gambar as fields, and numbered captions Word can list.
    body = doc.element.body.xml
    assert 'TOC \\o "1-3"' in body and 'TOC \\h \\z \\c "Tabel"' in body and 'SEQ Tabel' in body
    assert [p.text for p in doc.paragraphs].index("Daftar Isi") > [p.text for p in doc.paragraphs].index(
        "PEMERINTAH KABUPATEN NUSA REKAAN")
    assert any("seluruh perangkat daerah" in t["judul"] for t in tables)  # the kabupaten's own table
    from kinerja.evaluasi.lkjip_word import bandingkan_lkjip  # read back as a Word LKjIP: nothing to correct

    own = bandingkan_lkjip(out / "lkjip.docx", contoh.store_contoh(TAHUN, BULAN), "nusa-rekaan", TAHUN)
    assert own.empty, own.to_string()
    text = teks_docx(out / "lkjip.docx")
    lap = kinerja.lkjip(contoh.store_contoh(TAHUN, BULAN), "nusa-rekaan", TAHUN)
    assert lap.ringkasan_eksekutif in text and lap.penutup in text
    for a in lap.sasaran:  # every sentence of every analysis is in the Word file
        for sentences in a.kalimat.values():
            assert all(s in text for s in sentences)
    assert len(doc.inline_shapes) >= 1  # the capaian chart
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7  # A4


def test_tabel_escapes_text_and_carries_its_data_for_word(tmp_path):
    skala = muat_skala("permendagri-86-2017")
    t = Tabel(pd.DataFrame({"Indikator": ['<img src=x onerror="alert(1)">'], "Capaian (%)": [93.333],
                            "Predikat": ["Sangat Tinggi"]}), {"Capaian (%)": "angka"}, "Predikat", skala, "Uji <b>")
    html = t.html()
    assert "<img" not in html and "&lt;img" in html and "Uji &lt;b&gt;" in html
    assert 'class="angka">93,33<' in html and skala.warna_label["Sangat Tinggi"] in html
    bundle = t._repr_mimebundle_()
    assert bundle[MIME_TABEL]["baris"] == [['<img src=x onerror="alert(1)">', "93,33", "Sangat Tinggi"]]
    assert bundle[MIME_TABEL]["warna"][0] == [None, None, skala.warna_label["Sangat Tinggi"]]
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Judul\n\n## Bab I\n\nTeks **tebal** dan *miring*.\n\n- butir satu"),
        nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data=bundle)])])
    doc = Document(str(tulis_docx(nb, tmp_path / "t.docx")))
    assert doc.tables[0].rows[1].cells[0].text == '<img src=x onerror="alert(1)">'
    assert "Tabel 1. Uji <b>" in [p.text for p in doc.paragraphs]
    shading = doc.tables[0].rows[1].cells[2]._tc.xml
    assert skala.warna_label["Sangat Tinggi"].lstrip("#").upper() in shading
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert "tebal" in bold


def test_what_the_program_says_on_stderr_or_stdout_stays_out_of_the_signed_document(tmp_path):
    """A store-lock wait message printed while a notebook ran once landed in a CRAAPK page (found as a
    flaky local-vs-Dask comparison): a document shows markdown and displayed outputs, never a stream."""
    from kinerja.run.dokumen_html import halaman_dokumen

    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stderr", text="menunggu kunci basis data x.kunci\n"),
        nbformat.v4.new_output("stream", name="stdout", text="cetak sisa\n"),
        nbformat.v4.new_output("display_data", data={"text/markdown": "Isi **tabel**", "text/plain": "Isi"})])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Judul"), cell])
    path = tmp_path / "d.ipynb"
    nbformat.write(nb, path)
    page = halaman_dokumen(path, "Judul")
    word = teks_docx(tulis_docx(nb, tmp_path / "d.docx"))
    for text in (page, word):
        assert "Judul" in text and "tabel" in text
        assert "menunggu kunci" not in text and "cetak sisa" not in text
