"""HTML from templates: hostile text from workbooks stays text in index.html and in a
document page's title, Daftar Isi and Daftar Tabel; numbering works on the parsed tree."""

import html
import re

import nbformat
import pandas as pd
from bs4 import BeautifulSoup

from kinerja.render.html import lingkungan, render
from kinerja.render.tabel import Tabel, aman_md
from kinerja.run import batch

SKRIP = "<script>alert(1)</script>"
GAMBAR = '"><img src=x onerror=alert(1)>'


def _jinak(page: str) -> BeautifulSoup:
    """The parsed page, asserted free of anything the hostile text could have made."""
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], "event handler"
    assert not soup.find_all("img", src="x")
    return soup


def test_hostile_names_stay_text_in_the_index(tmp_path):
    status = pd.DataFrame({"nama": [SKRIP, GAMBAR], "kabupaten": ["u1", "kab"], "kepatuhan": [GAMBAR, "tepat waktu"],
                           "bulan": [9, 9], "bulan_kosong": [0, 0], "perlu_verifikasi": [0, 0], "capaian": [90.0, None]},
                          index=pd.Index(["u1", "kab"], name="unit_kode"))
    status.loc["u1", "kepatuhan"] = "terlambat"
    status["nama"] = status["nama"].astype(object)
    folder = tmp_path / "2026"
    hasil = [{"unit": "u1", "dokumen": "pk", "status": "berhasil", "keluaran": [str(folder / "u1" / "pk.html")],
              "galat": ""},
             {"unit": "kab", "dokumen": "lkjip", "status": "gagal", "keluaran": [], "galat": SKRIP + GAMBAR}]
    batch.tulis_indeks(hasil, 2026, 9, folder / "index.html", status)
    soup = _jinak((folder / "index.html").read_text(encoding="utf-8"))
    rows = soup.find("tbody").find_all("tr")
    cells = {r.find("small").get_text().split(" · ")[0]: r.find_all("td") for r in rows}
    assert cells["u1"][0].get_text().startswith(SKRIP)  # the name, shown as written
    assert cells["kab"][0].get_text().startswith(GAMBAR)
    assert SKRIP + GAMBAR in cells["kab"][3].get_text()  # the error message too
    assert "CRAAPK September: terlambat" in cells["u1"][2].get_text()
    assert cells["u1"][3].find("a")["href"] == "u1/pk.html"
    assert "1 dari 2 dokumen berhasil disusun" in soup.get_text()


def _notebook(path, judul: str) -> None:
    """An executed notebook as a document: title, cover ending in a rule, then a data heading and table."""
    tabel = Tabel(pd.DataFrame({"Indikator": [SKRIP]}), judul=judul)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# LKjIP"), nbformat.v4.new_markdown_cell("Sampul\n\n---"),
        nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data={
            "text/markdown": f"## {aman_md(judul)}", "text/plain": "h"})]),
        nbformat.v4.new_markdown_cell("### Bagian biasa"),
        nbformat.v4.new_code_cell("t", outputs=[nbformat.v4.new_output("display_data", data={
            "text/html": tabel.html(), "text/plain": "t"})]),
    ])
    nbformat.write(nb, path)


def test_hostile_names_stay_text_in_a_document_title_and_its_lists(tmp_path):
    for hostile in (SKRIP, GAMBAR):
        _notebook(tmp_path / "d.ipynb", f"Sasaran {hostile}")
        soup = _jinak(batch._html(tmp_path / "d.ipynb", f"LKJIP {hostile}"))
        assert soup.title.get_text() == f"LKJIP {hostile}"
        nav = soup.find("nav", class_="daftar-isi")
        toc = [(li["class"], li.get_text(), li.a["href"]) for li in nav.find("ul").find_all("li")]
        heading = soup.find("h2", id=lambda i: i and i != "")
        assert toc[0] == (["tingkat2"], f"Sasaran {hostile}", f"#{heading['id']}")
        assert toc[1][1] == "Bagian biasa" and toc[1][0] == ["tingkat3"]
        assert [li.get_text() for li in nav.find_all("ul")[1].find_all("li")] == [f"Tabel 1. Sasaran {hostile}"]
        assert soup.find("caption").get_text() == f"Tabel 1. Sasaran {hostile}"
        assert soup.find("td").get_text() == SKRIP
        assert soup.find("hr").find_next("nav") is nav  # after the cover


def test_templates_escape_and_come_from_the_package():
    env = lingkungan()
    assert env.autoescape is True and type(env.loader).__name__ == "PackageLoader"
    assert {"dokumen.html.j2", "indeks.html.j2", "dokumen.css", "halaman/judul.html.j2"} <= set(env.list_templates())
    assert str(render("halaman/pesan.html.j2", teks=GAMBAR)) == '<p>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</p>'


def test_an_address_typed_in_data_shows_as_written_and_links_nowhere():
    """An evaluator's note "=HYPERLINK("http://x")" or "www.…" became a live, altered link in the
    LHE's HTML and PDF: the markdown renderer links bare addresses. Escaped at the one home of text
    from data, it reads as typed, in the HTML and in the Word file."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from kinerja.render.tabel import aman_md
    from kinerja.render.word import _MARKDOWN

    for text in ['=HYPERLINK("http://x")', "lihat www.contoh.go.id", "ftp://a.b/c?d=1"]:
        out = markdown2html_mistune(aman_md(text))
        assert "<a " not in out and "href" not in out
        assert html.unescape(re.sub(r"<[^>]+>", "", out)).strip() == text
        assert "link" not in str(_MARKDOWN(aman_md(text)))
