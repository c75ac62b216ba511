"""Layout on paper, at its one home (render/): tables fit the page and keep their header with
rows, headings stay with their text, captions carry titles, the Daftar Isi has page numbers,
the cover names the Pemda (and shows its emblem when configured), chart legends stay whole.
The LKjIP tests read one printed PDF per unit (kabupaten and a perangkat daerah)."""

import base64
import re
import unicodedata
from collections import Counter

import matplotlib
import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from kinerja.contoh import store as contoh
from kinerja.core.predikat import muat_skala
from kinerja.render import grafik
from kinerja.render.cetak import cetak_pdf, halaman_tujuan
from kinerja.render.html import render, siap
from kinerja.render.tabel import MIME_TABEL, Tabel
from kinerja.render.word import tulis_docx
from kinerja.run import batch
from kinerja.run.dokumen_html import halaman_dokumen

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
TEPI = 2 / 2.54 * 72  # the page margin of dokumen.css, in points
# The tests that print the sample's LKjIP need the sample store and take ~30 s together.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0g"
                       "AAAABJRU5ErkJggg==")


def _potongan(pdf) -> list[list[tuple[float, float, str]]]:
    """Per page, each piece of text: (x where it starts, its type size, the text), in points."""
    pages = []
    for page in PdfReader(str(pdf)).pages:
        pieces = []

        def lihat(text, cm, tm, font, size, pieces=pieces):
            if text.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                pieces.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], size * scale, text.strip()))
        page.extract_text(visitor_text=lihat)
        pages.append(pieces)
    return pages


def _kata(teks: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", teks).split())


def _halaman(pdf) -> list[list[str]]:
    return [[line.strip() for line in p.extract_text().splitlines() if line.strip()] for p in PdfReader(str(pdf)).pages]


def _contoh(test):
    """A test that reads the sample's printed LKjIP (sample store; ~30 s for the module)."""
    return pytest.mark.contoh(pytest.mark.lambat(test))


@pytest.fixture(scope="module")
def lkjip(tmp_path_factory):
    """The LKjIP of the kabupaten and of Dinas Kesehatan, HTML and PDF, printed once."""
    out = tmp_path_factory.mktemp("cetak")
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["nusa-rekaan", "dinkes"], ["lkjip"], jobs=1, contoh=True,
                                    keluaran=out, progress=False)
    assert all(t["status"] == "berhasil" for t in manifest["tugas"]), [t["galat"] for t in manifest["tugas"]]
    return {u: out / str(TAHUN) / u for u in ("nusa-rekaan", "dinkes")}


@pytest.fixture(params=["nusa-rekaan", "dinkes"])
def cetakan(lkjip, request):
    """One unit's LKjIP: its PDF and its HTML page."""
    folder = lkjip[request.param]
    return folder / "lkjip.pdf", (folder / "lkjip.html").read_text(encoding="utf-8")


def _lebar_huruf(font) -> tuple[dict, float]:
    """A CID font's glyph widths (/W, in 1/1000 em) and its default width: Chromium's PDF fonts."""
    desc = font.get_object()["/DescendantFonts"][0].get_object()
    widths, w, i = {}, list(desc.get("/W", [])), 0
    while i < len(w):
        if isinstance(w[i + 1], list):
            widths.update({int(w[i]) + k: float(v) for k, v in enumerate(w[i + 1])})
            i += 2
        else:
            widths.update({c: float(w[i + 2]) for c in range(int(w[i]), int(w[i + 1]) + 1)})
            i += 3
    return widths, float(desc.get("/DW", 1000))


def _ujung(page) -> float:
    """Where the rightmost text of ``page`` ends (pt), from the glyphs' own widths."""
    fonts, state, cache = page["/Resources"]["/Font"], {"end": 0.0}, {}

    def before(op, args, cm, tm):
        if op == b"Tf":
            state["font"], state["size"] = cache.setdefault(args[0], _lebar_huruf(fonts[args[0]])), float(args[1])
        elif op in (b"Tj", b"TJ") and "font" in state:
            widths, default = state["font"]
            units = 0.0
            for part in (args[0] if op == b"TJ" else [args[0]]):
                if isinstance(part, (int, float)):
                    units -= float(part)  # a TJ adjustment, in 1/1000 em
                    continue
                raw = part.original_bytes if hasattr(part, "original_bytes") else bytes(part)
                cids = (int.from_bytes(raw[k:k + 2], "big") for k in range(0, len(raw) - 1, 2))
                units += sum(widths.get(cid, default) for cid in cids)
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            state["end"] = max(state["end"], x + units / 1000 * state["size"] * scale)
    page.extract_text(visitor_operand_before=before)
    return state["end"]


def _di_luar(pdf) -> list:
    """Pages whose text passes the right margin, and a shrunk document: Chromium shrinks a
    whole document whose content is wider than the paper, so prose printed below the
    stylesheet's 12 pt means something ran past the margin (before: 8 pt, the efficiency
    table cut at the page's edge)."""
    pages = PdfReader(str(pdf)).pages
    limit = float(pages[0].mediabox.width) - TEPI + 1.5
    found = [(n, round(end, 1)) for n, end in enumerate(map(_ujung, pages), 1) if end > limit]
    body = Counter(round(size) for pieces in _potongan(pdf) for _, size, t in pieces if len(t) > 40).most_common(1)
    if body[0][0] < 12:
        found.append(f"teks badan {body[0][0]} pt")
    return found


@_contoh
def test_no_table_runs_past_the_right_margin_and_the_page_is_not_shrunk(cetakan):
    pdf, page = cetakan
    assert not _di_luar(pdf)
    text = _kata(" ".join(" ".join(p) for p in _halaman(pdf)))
    assert "Efisiensi per sasaran" in text and "Indeks Efisiensi" in text


@_contoh
def test_daftar_isi_names_the_page_of_every_heading_table_and_figure(cetakan):
    pdf, page = cetakan
    pages = _halaman(pdf)
    target = halaman_tujuan(pdf)
    entries = re.findall(r'<li[^>]*><a href="#([^"]+)">([^<]+)</a><span class="halaman">', page)
    assert len(entries) > 10
    toc = " ".join(pages[1] + pages[2])
    for anchor, label in entries:
        label = label.replace("&amp;", "&")
        on = target[anchor]
        assert label.split(".")[0] in " ".join(pages[on - 1]), (label, on)  # the target is on that page
        words = label.split()[-1]
        assert re.search(rf"{re.escape(words)}\s*{on}\b", toc), (label, on)  # and the Daftar Isi says so
        assert pages[on - 1][-1] == str(on)  # the page's number in its footer
    assert re.search(r"Gambar 1\. Capaian kinerja Januari–September \d{4}\s*\d+", toc)


@_contoh
def test_no_heading_or_table_header_is_left_alone_at_a_page_foot(cetakan):
    """Before: Tabel 12's and Tabel 16's header rows ended pages 13 and 15 of the kabupaten's
    LKjIP, their rows on the next page; "5. Penyebab keberhasilan…" ended page 6 of Dinas Kesehatan's."""
    pdf, page = cetakan
    soup = BeautifulSoup(page, "html.parser")
    headings = {_kata(h.get_text()) for h in soup.find_all(["h2", "h3", "h4"])}
    headings |= {_kata(p.get_text()) for p in soup.find_all("p")  # a bold line standing as a heading
                 if p.strong is not None and _kata(p.get_text()) == _kata(p.strong.get_text())}
    headers = [set(_kata(t.thead.get_text(" ")).split()) for t in soup.find_all("table") if t.thead is not None]
    captions = [_kata(c.get_text()) for c in soup.find_all("caption")]
    pages = _halaman(pdf)
    first = _kata(next(h.get_text() for h in soup.find_all("h2") if h.find_parent("nav") is None))
    seen = [n for n, lines in enumerate(pages) for x in lines if _kata(x) == first]
    start = seen[-1] if seen else 0  # pages before the body's first heading (its last occurrence)
    for n, lines in enumerate(pages[:-1], 1):
        if n <= start:  # the cover and the Daftar Isi/Tabel/Gambar, whose entries end in page numbers
            continue
        body = [x for x in lines if x.strip()]
        while body and _kata(body[-1]).isdigit():  # the page number, or a Daftar Isi entry's on its own line
            body.pop()
        last = _kata(body[-1])
        assert last not in headings and not any(last in c for c in captions), (n, last)
        assert not any(set(last.split()) <= words for words in headers), (n, last)  # a header with no row


@_contoh
def test_the_cover_names_the_pemda_the_document_and_the_year(lkjip):
    cover = " ".join(_halaman(lkjip["nusa-rekaan"] / "lkjip.pdf")[0])
    assert "Laporan Kinerja Instansi Pemerintah" in cover and "PEMERINTAH KABUPATEN NUSA REKAAN" in cover
    assert f"TAHUN {TAHUN}" in cover
    page = (lkjip["nusa-rekaan"] / "lkjip.html").read_text(encoding="utf-8")
    assert 'class="sampul"' in page and 'class="lambang"' not in page  # no emblem configured: none, not a broken image


def _dokumen(tmp_path, rows: int = 3) -> nbformat.NotebookNode:
    tabel = Tabel(pd.DataFrame({"Indikator": [f"baris {i}" for i in range(1, rows + 1)]}), judul="Uji")
    bundle = tabel._repr_mimebundle_()
    image = nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(PNG).decode()},
                                   metadata={"image/png": {"alt": "Capaian per indikator"}})
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# LKjIP\n\n**PEMERINTAH KABUPATEN UJI**\n\n---\n\n## Bab I\n\nTeks."),
        nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data=bundle), image])])


def test_the_emblem_configured_for_the_cover_is_on_the_page_and_in_the_word_file(tmp_path, monkeypatch):
    from kinerja.core.sumber import parameters_dir

    folder = tmp_path / "parameter"
    folder.mkdir()
    for f in parameters_dir().glob("*.yaml"):
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "lambang.png").write_bytes(PNG)
    (folder / "sampul.yaml").write_text("lambang: lambang.png\n", encoding="utf-8")
    monkeypatch.setenv("KINERJA_PARAMETERS", str(folder))
    nb = _dokumen(tmp_path)
    nbformat.write(nb, tmp_path / "d.ipynb")
    page = halaman_dokumen(tmp_path / "d.ipynb", "LKJIP")
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in page and 'class="lambang"' in page
    doc = Document(str(tulis_docx(nb, tmp_path / "d.docx")))
    assert len(doc.inline_shapes) == 2  # the emblem and the chart
    (folder / "sampul.yaml").write_text("lambang: tidak-ada.png\n", encoding="utf-8")
    with pytest.raises(Exception, match="tidak-ada.png"):
        halaman_dokumen(tmp_path / "d.ipynb", "LKJIP")


def test_a_figure_caption_and_the_daftar_gambar_carry_the_title(tmp_path):
    nb = _dokumen(tmp_path)
    nbformat.write(nb, tmp_path / "d.ipynb")
    page = halaman_dokumen(tmp_path / "d.ipynb", "LKJIP")
    assert '<p class="keterangan" id="gambar-1">Gambar 1. Capaian per indikator</p>' in page
    assert '<a href="#gambar-1">Gambar 1. Capaian per indikator</a>' in page
    doc = Document(str(tulis_docx(nb, tmp_path / "d.docx")))
    assert "Gambar 1. Capaian per indikator" in [p.text for p in doc.paragraphs]


def test_a_chart_displayed_in_a_notebook_carries_its_title():
    skala = muat_skala("permendagri-86-2017")
    fig = grafik.grafik_capaian(pd.DataFrame({"indikator": ["A"], "capaian": [90.0]}), skala, "Capaian kinerja 2026")
    png, meta = grafik._png_berjudul(fig)
    assert meta == {"alt": "Capaian kinerja 2026"} and base64.b64decode(png)[:4] == b"\x89PNG"
    matplotlib.pyplot.close(fig)


def test_a_chart_legend_stays_inside_the_figure_however_long_the_labels():
    skala = muat_skala("permendagri-86-2017")
    long = "Persentase perangkat daerah yang menyampaikan laporan kinerja tepat waktu dan lengkap"
    fig = grafik.grafik_capaian(pd.DataFrame({"indikator": [long, "B"], "capaian": [50.0, 90.0]}), skala, "Uji")
    fig.canvas.draw()
    legends = fig.legends + [a.get_legend() for a in fig.axes if a.get_legend() is not None]
    assert legends
    for legend in legends:
        box = legend.get_window_extent(fig.canvas.get_renderer())
        assert box.x0 >= 0 and box.x1 <= fig.bbox.x1 and box.y0 >= 0, (box, fig.bbox)  # before: "Sangat Ren…" cut
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("target, low, high", [("3±1", 2.0, 4.0), ("60–85", 60.0, 85.0)])
def test_a_range_target_is_drawn_as_a_band_in_the_monthly_chart(target, low, high):
    """Before: a range target has no single value, so the monthly chart drew no target at all."""
    months = pd.DataFrame({"bulan": range(1, 13), "target": [target] * 12, "target_nilai": [float("nan")] * 12,
                           "realisasi": ["3"] * 5 + [None] * 7, "realisasi_nilai": [3.0] * 5 + [float("nan")] * 7})
    fig = grafik.grafik_bulanan(months, "Laju inflasi", "%", 6)
    ax = fig.axes[0]
    band = [c for c in ax.collections if c.get_label() == "Rentang target"]
    assert len(band) == 1
    ys = band[0].get_paths()[0].vertices[:, 1]
    xs = band[0].get_paths()[0].vertices[:, 0]
    assert (ys.min(), ys.max()) == (low, high) and (xs.min(), xs.max()) == (0.5, 12.5)
    assert "Rentang target" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_ylim()[1] >= high
    missing = [line for line in ax.lines if line.get_label() == "Belum dilaporkan"]  # June: target, no realisasi
    assert missing and list(missing[0].get_xdata()) == [6.2]
    matplotlib.pyplot.close(fig)


def test_a_long_indicator_name_is_wrapped_in_the_capaian_chart_never_cut():
    """Before: the RSUD CRAAPK chart read "Indeks kepuasan … RSUD Bukit Rekaa" (names cut at 60 characters)."""
    name = "Indeks kepuasan masyarakat terhadap layanan RSUD Bukit Rekaan"
    fig = grafik.grafik_capaian(pd.DataFrame({"indikator": [name, "Net death rate"], "capaian": [99.22, 95.76]}),
                                muat_skala("permendagri-86-2017"), "Uji")
    shown = [" ".join(t.get_text().split()) for t in fig.axes[0].get_yticklabels()]
    assert name in shown
    fig.canvas.draw()
    assert all(t.get_window_extent().x0 >= 0 for t in fig.axes[0].get_yticklabels())  # inside the figure
    matplotlib.pyplot.close(fig)


def _cetak_tabel(tmp_path, isi: int, rows: int) -> list[list[str]]:
    tabel = Tabel(pd.DataFrame({"Kolom A": [f"baris {i}" for i in range(1, rows + 1)], "Kolom B": range(rows)}),
                  judul="Tabel uji")
    body = f'<p style="height:{isi}px;margin:0">isi</p><h3 id="j">Judul bagian</h3>{tabel.html()}<p>sesudah</p>'
    (tmp_path / "t.html").write_text(render("dokumen.html.j2", judul="Uji", kertas="A4", melintang=False,
                                            isi=siap(body)), encoding="utf-8")
    return _halaman(cetak_pdf(tmp_path / "t.html", tmp_path / "t.pdf"))


@pytest.mark.parametrize("isi, rows", [(800, 30), (745, 30), (700, 3), (730, 3)])
def test_a_table_header_stays_with_two_rows_and_its_last_row_is_never_alone(tmp_path, isi, rows):
    """Filler pushes the heading and table to a page foot (before: heading, caption and header
    alone at the foot with no row; a last row alone on the next page)."""
    pages = _cetak_tabel(tmp_path, isi, rows)
    for lines in pages:
        body = [line for line in lines if line.startswith("baris ")]
        if "Kolom A Kolom B" in lines or "Judul bagian" in lines:
            assert len(body) >= min(2, rows), lines
        if body and body[-1] == f"baris {rows} {rows - 1}":
            assert len(body) >= 2, lines
    heading = next(lines for lines in pages if "Judul bagian" in lines)
    assert heading[-1] != "Judul bagian"


def _cetak_ttd(tmp_path, isi: int, badan: str) -> list[list[str]]:
    """``badan`` after ``isi`` px of filler, then a signature block, each in a notebook output's nested
    divs as a document page has them; the printed lines per page."""
    from kinerja.dokumen.pengesahan import TandaTangan

    def sel(x):
        return (f'<div class="cell"><div class="output_wrapper"><div class="output"><div class="output_area">'
                f'<div class="output_html">{x}</div></div></div></div></div>')
    ttd = TandaTangan(blok=[["Kota, ………… 2026", "Kepala Dinas,", "", "", "", "Nama Pejabat", "NIP. 1"]])
    body = (f'<p style="height:{isi}px;margin:0">isi</p>' + sel(badan) + sel(ttd.html())
            + '<div class="cell"></div><div class="cell"></div>')
    (tmp_path / "t.html").write_text(render("dokumen.html.j2", judul="Uji", kertas="A4", melintang=False,
                                            isi=siap(body)), encoding="utf-8")
    return _halaman(cetak_pdf(tmp_path / "t.html", tmp_path / "t.pdf"))


@pytest.mark.parametrize("isi", [590, 700])
def test_a_list_before_the_signatures_is_not_split_to_leave_one_bullet_with_them(tmp_path, isi):
    """Before: the kabupaten Triwulanan's last bullet stood alone with the signatures on its last page."""
    items = "".join(f"<li>butir {i} diterima tepat waktu.</li>" for i in range(1, 4))
    pages = _cetak_ttd(tmp_path, isi, f"<h2>V. Penyampaian</h2><ul>{items}</ul>")
    last = pages[-1]
    assert "Nama Pejabat" in last and "V. Penyampaian" in last
    assert sum(line.startswith("butir") for line in last) == 3


@pytest.mark.parametrize("isi", [585, 590, 700])
def test_a_signature_block_leaves_no_empty_page_after_it(tmp_path, isi):
    """Before: Dinas Kesehatan's RKT printed a blank third page after its signatures (the block's bottom
    margin spilled over), and the block could stand alone on its page."""
    tabel = Tabel(pd.DataFrame({"Kolom A": [f"baris {i}" for i in range(1, 6)], "Kolom B": range(5)}), judul="Uji")
    pages = _cetak_ttd(tmp_path, isi, tabel.html())
    assert all(pages), [len(p) for p in pages]
    signed = next(p for p in pages if "Nama Pejabat" in p)
    assert sum(line.startswith("baris") for line in signed) >= 2


def test_word_headings_captions_and_rows_keep_together(tmp_path):
    doc = Document(str(tulis_docx(_dokumen(tmp_path, rows=5), tmp_path / "d.docx")))
    heading = next(p for p in doc.paragraphs if p.text == "Bab I")
    assert heading.paragraph_format.keep_with_next
    caption = next(p for p in doc.paragraphs if p.text == "Tabel 1. Uji")
    assert caption.paragraph_format.keep_with_next
    table = doc.tables[0]
    xml = [row._tr.xml for row in table.rows]
    assert all("w:cantSplit" in x for x in xml) and "w:tblHeader" in xml[0]
    keeps = [all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs) for row in table.rows]
    assert keeps == [True, True, False, False, True, False]  # header with 2 rows; the last row with the one before
    assert MIME_TABEL  # the table came from kinerja's own output


def test_a_large_pohon_kinerja_is_split_into_pictures_readable_at_print_size():
    from test_pohon import _pohon

    from kinerja.render.gambar_pohon import HURUF_CETAK_MIN, gambar_pohon, gambar_terbagi, huruf_cetak

    rows = [("kab/T1", None, "tujuan"), ("kab/SK1", "kab/T1", "sasaran kabupaten")]
    rows += [(f"pd/S{i}", "kab/SK1", "sasaran perangkat daerah") for i in range(10)]
    rows += [(f"pd/P{i}{j}", f"pd/S{i}", "program") for i in range(10) for j in range(2)]
    pohon = _pohon(rows)
    pohon.simpul["kondisi"] = "Meningkatnya kualitas layanan kesehatan masyarakat di seluruh kecamatan"
    ind = pd.DataFrame(columns=["id", "unit_kode", "indikator_kode", "indikator", "capaian"])
    nilai = (ind, pohon.simpul.assign(capaian=float("nan"), ada_data=False))
    skala = muat_skala("permendagri-86-2017")
    assert huruf_cetak(gambar_pohon(pohon, nilai, skala)) < HURUF_CETAK_MIN  # one picture: unreadable on A4
    parts = gambar_terbagi(pohon, nilai, skala, pohon.simpul)
    assert len(parts) > 1 and min(huruf_cetak(g) for g in parts) >= HURUF_CETAK_MIN
    shown = set().union(*(re.findall(r'^node "([^"]+)"', g.pipe(format="plain", encoding="utf-8"), re.M)
                          for g in parts))
    assert set(pohon.simpul["id"]) <= shown  # every node is in some picture
