"""Word (.docx) from an executed document notebook, with python-docx.

The notebook is the document: its markdown cells (headings, paragraphs, lists, bold and
italic), the markdown its code cells display, kinerja's tables (read from their
``application/vnd.kinerja.tabel+json`` output, see :mod:`kinerja.render.tabel`) and its
charts (``image/png``) are written in order. There is no outline here: a section added
to or removed from a notebook is added to or removed from the Word file.

python-docx rather than pandoc: pandoc would need its own install, and it sees a table
only as HTML, losing the predikat colours and the numeric alignment that the table
output carries as data. The document gets A4 pages and numbered "Tabel n"/"Gambar n"
captions (SEQ fields). A notebook whose title is followed by a cover ending in a
horizontal rule (``---``), as the LKjIP's, gets Daftar Isi, Daftar Tabel and Daftar
Gambar fields after the cover (Word fills them when the file is opened).
"""

from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path

import mistune
import nbformat
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kinerja.core.berkas import tulis_atomik
from kinerja.render.isi import isi_dokumen
from kinerja.render.sampul import berkas_lambang
from kinerja.render import _ooxml as ox
from kinerja.render.tabel import MIME_TABEL, kepala_bertingkat

__all__ = ["teks_docx", "tulis_docx"]

_MARKDOWN = mistune.create_markdown(renderer=None, plugins=["strikethrough"])


def _inline(paragraph, children: list, bold: bool = False, italic: bool = False) -> None:
    for node in children:
        kind = node["type"]
        if kind in ("text", "inline_html", "codespan"):
            run = paragraph.add_run(html.unescape(node.get("raw", "")))  # entities as the characters they stand for
            run.bold, run.italic = bold or None, italic or None
        elif kind == "strong":
            _inline(paragraph, node["children"], True, italic)
        elif kind == "emphasis":
            _inline(paragraph, node["children"], bold, True)
        elif kind in ("softbreak", "linebreak"):
            paragraph.add_run().add_break() if kind == "linebreak" else paragraph.add_run(" ")
        elif "children" in node:
            _inline(paragraph, node["children"], bold, italic)


class _Penulis:
    """Writes one notebook into one Word document, numbering tables and figures."""

    def __init__(self, melintang: bool = False) -> None:
        self.doc = Document()
        self.tabel = self.gambar = 0
        self.judul = ""
        self.sampul = False
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Arial", Pt(11)
        self.doc.core_properties.language = "id-ID"
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
        if melintang:  # a wide form: landscape
            from docx.enum.section import WD_ORIENT

            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))

    # --- markdown ---------------------------------------------------------------------
    def markdown(self, text: str) -> None:
        for block in _MARKDOWN(text):
            self.blok(block)

    def blok(self, block: dict, list_style: str | None = None) -> None:
        kind = block["type"]
        if kind == "heading":
            level = block["attrs"]["level"]
            if level == 1 and not self.judul:
                self.judul = html.unescape("".join(c.get("raw", "") for c in block["children"]))
                self.doc.core_properties.title = self.judul
                self._lambang()
                heading = self.doc.add_heading(level=0)
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _inline(heading, block["children"])
                self.sampul = True  # the cover runs to the first break or the first section
                return
            self.sampul = False  # a document without a cover page gets no lists of contents
            heading = self.doc.add_heading(level=min(max(level - 1, 1), 4))
            heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
            _inline(heading, block["children"])
        elif kind in ("paragraph", "block_text"):
            paragraph = self.doc.add_paragraph(style=list_style)
            if self.sampul:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _inline(paragraph, block["children"])
        elif kind == "list":
            style = "List Number" if block["attrs"].get("ordered") else "List Bullet"
            for item in block["children"]:
                for child in item["children"]:
                    self.blok(child, style)
        elif kind == "block_quote":
            for child in block["children"]:
                self.blok(child, "Quote")
        elif kind == "thematic_break":
            self.doc.add_page_break()
            if self.sampul:
                self._daftar_isi()
        elif kind == "block_code":
            self.doc.add_paragraph(block.get("raw", ""))

    def _daftar_isi(self) -> None:
        """Daftar Isi, Daftar Tabel and Daftar Gambar as real fields after the cover; Word
        fills them on opening (updateFields). Tables and figures are listed from their
        numbered captions (SEQ fields)."""
        self.sampul = False
        for title, instr in (("Daftar Isi", 'TOC \\o "1-3" \\h \\z \\u'),
                             ("Daftar Tabel", 'TOC \\h \\z \\c "Tabel"'),
                             ("Daftar Gambar", 'TOC \\h \\z \\c "Gambar"')):
            self.doc.add_paragraph(title).runs[0].bold = True
            ox.field(self.doc.add_paragraph().add_run(), instr,
                   f"Klik kanan lalu pilih Update Field untuk menyusun {title.lower()}.")
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        self.doc.add_page_break()

    def _lambang(self) -> None:
        """The Pemda's emblem above the cover's title, when ``parameters/sampul.yaml`` names one."""
        found = berkas_lambang()
        if found is not None:
            self.doc.add_picture(io.BytesIO(found[0]), height=Cm(3.2))
            self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _keterangan(self, jenis: str, nomor: int, judul: str = "") -> None:
        """A numbered caption ("Tabel 3. …") in Word's Caption style with a SEQ field, so the
        Daftar Tabel/Gambar can list it."""
        p = self.doc.add_paragraph(style="Caption")
        p.add_run(f"{jenis} ")
        ox.field(p.add_run(), f"SEQ {jenis} \\* ARABIC", str(nomor))
        if judul:
            p.add_run(f". {judul}")
        if jenis == "Gambar":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:  # a table's caption stays with the table under it
            p.paragraph_format.keep_with_next = True

    # --- outputs ----------------------------------------------------------------------
    def keluaran(self, output: dict) -> None:
        data = output.get("data", {})
        if MIME_TABEL in data:
            self.tabel_kinerja(data[MIME_TABEL])
        elif "image/png" in data:
            self.gambar_png(data["image/png"], output.get("metadata", {}).get("image/png", {}).get("alt", ""))
        elif "text/markdown" in data:
            self.markdown(data["text/markdown"])

    def tabel_kinerja(self, isi: dict) -> None:
        if not isi["kolom"]:
            return
        if isi.get("gaya") == "ttd":
            self.tanda_tangan(isi)
            return
        if isi.get("gaya") == "kop":
            self.kop(isi)
            return
        self.tabel += 1
        self._keterangan("Tabel", self.tabel, isi["judul"])
        grouped = kepala_bertingkat(isi)  # a form's grouped header: two rows of merged cells
        table = self.doc.add_table(rows=2 if grouped else 1, cols=len(isi["kolom"]))
        table.style = "Table Grid"
        if grouped:
            own = [k == g for k, g in zip(isi["kolom"], isi["kepala"])]  # its name over both rows
            self._gabung(table.rows[0], grouped[0])
            self._gabung(table.rows[1], [("" if o else k, 1, 1) for k, o in zip(isi["kolom"], own)])
        else:
            self._gabung(table.rows[0], [(k, 1, 1) for k in isi["kolom"]])
        for row in table.rows:
            for cell in {c._tc: c for c in row.cells}.values():  # a merged cell once
                for run in cell.paragraphs[0].runs:
                    run.bold = True
                ox.shade(cell, "#DDEBF7")
            ox.ulangi_judul(row)
        for j in (j for j, o in enumerate(own) if o) if grouped else ():
            table.cell(0, j).merge(table.cell(1, j))
        if isi.get("nomor"):  # the regulation's column numbers under the header, repeated with it
            row = table.add_row()
            self._gabung(row, grouped[-1] if grouped else [(n, 1, 1) for n in isi["nomor"]])
            for cell in row.cells:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            ox.ulangi_judul(row)
        tebal = isi.get("tebal") or [False] * len(isi["baris"])
        for values, colours, bold in zip(isi["baris"], isi["warna"], tebal):
            cells = table.add_row().cells
            for cell, value, right, colour in zip(cells, values, isi["kanan"], colours):
                cell.text = value
                for run in cell.paragraphs[0].runs if bold else ():
                    run.bold = True
                if right:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if colour:
                    ox.shade(cell, colour)
        wide = len(isi["kolom"]) > 10  # a form like the Evaluasi Renja: smaller type
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(7 if wide else 9)
        self._lebar(table, isi)
        if isi.get("utuh"):  # the whole table on one page
            ox.utuh(table)
        else:
            ox.jaga_baris(table, (2 if grouped else 1) + bool(isi.get("nomor")))
        for note in isi.get("catatan") or ():  # the note on the values marked to verify, under the table
            self.doc.add_paragraph().add_run(note).font.size = Pt(8)
        self.doc.add_paragraph()

    @staticmethod
    def _gabung(row, cells: list[tuple[str, int, int]]) -> None:
        """Write ``cells`` ((text, colspan, rowspan)) into ``row``, a run of columns merged into one."""
        j = 0
        for text, span, _ in cells:
            if text:  # an empty cell stays empty, so that merging it adds no blank line
                row.cells[j].text = text
            if span > 1:
                row.cells[j].merge(row.cells[j + span - 1])
            j += span

    def _lebar(self, table, isi: dict) -> None:
        """Column widths by what the columns hold instead of Word's equal columns: a number
        and a header word are never broken (their width is their length in the table's
        type), and the room left goes to text columns by their typical length."""
        section = self.doc.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        char = Cm(0.19 if len(isi["kolom"]) <= 10 else 0.15)  # one character of the table's type
        padding = Cm(0.45)  # the cell margins every column pays
        floors, shares = [], []
        for j, name in enumerate(isi["kolom"]):
            lengths = sorted(len(str(r[j])) for r in isi["baris"] if j < len(r) and str(r[j]).strip())
            word = max([len(w) for w in str(name).split()] + [2])
            unbroken = max(word, max(lengths, default=0)) if isi["kanan"][j] else max(word, 4)
            floors.append(padding + char * unbroken)
            shares.append(0 if isi["kanan"][j] else min(40, lengths[len(lengths) // 2] if lengths else 0))
        room = usable - sum(floors)
        if room < 0:  # even the floors do not fit: shrink all alike
            widths = [int(f * usable / sum(floors)) for f in floors]
        else:
            total = sum(shares) or 1
            widths = [int(f + room * sh / total) if sum(shares) else int(f + room / len(floors))
                      for f, sh in zip(floors, shares)]
        table.autofit = False
        for j, width in enumerate(widths):
            table.columns[j].width = width  # the grid (LibreOffice reads this) and each cell (Word)
            for cell in table.columns[j].cells:
                cell.width = width

    def tanda_tangan(self, isi: dict) -> None:
        """A signature block: borderless, centred, no caption and no number; never split across
        pages, and kept on the page of the paragraphs it closes (``pembuka``)."""
        for text in isi.get("pembuka", ()):
            self.doc.add_paragraph(text).paragraph_format.keep_with_next = True
        self.doc.add_paragraph().paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=0, cols=len(isi["kolom"]))
        for i, values in enumerate(isi["baris"]):
            row = table.add_row()
            ox.tidak_terpisah(row)
            for cell, value in zip(row.cells, values):
                cell.text = value
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                cell.paragraphs[0].paragraph_format.keep_with_next = i < len(isi["baris"]) - 1
        self.doc.add_paragraph()

    def kop(self, isi: dict) -> None:
        """A letterhead: its lines centred and bold, the first largest, a double rule under it."""
        for i, (text,) in enumerate(isi["baris"]):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            run.bold, run.font.size = True, Pt(14 if i < len(isi["baris"]) - 1 else 16)
        ox.garis_bawah(p)
        self.doc.add_paragraph()

    def gambar_png(self, payload: str, judul: str = "") -> None:
        from docx.image.image import Image as Gambar

        self.gambar += 1
        blob = base64.b64decode(payload)
        size = Gambar.from_blob(blob)  # a tall picture (a split pohon kinerja) fits the page's height too
        width = min(Cm(15.5), int(Cm(22) * size.px_width / max(size.px_height, 1)))
        self.doc.add_picture(io.BytesIO(blob), width=width)
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the figure with its caption
        self._keterangan("Gambar", self.gambar, judul)


def tulis_docx(notebook: nbformat.NotebookNode | str | os.PathLike, path: str | os.PathLike,
               melintang: bool = False) -> Path:
    """Write the executed ``notebook`` (a node or a path) as a Word document at ``path``, atomically
    (``melintang``: landscape pages).

    The ``parameters`` cell and code are left out; everything the notebook shows goes in.

    Examples
    --------
    >>> import tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Judul\\n\\n## Bab I\\n\\nTeks **tebal**.")])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(teks_docx(tulis_docx(nb, Path(d) / "a.docx")).split("\\n")[0])
    Judul
    """
    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(os.fspath(notebook), as_version=4)
    w = _Penulis(melintang)
    for cell in isi_dokumen(notebook).cells:
        if cell.cell_type == "markdown":
            w.markdown(cell.source)
        elif cell.cell_type == "code":
            for output in cell.outputs:
                w.keluaran(output)
    path = Path(path)
    tulis_atomik(path, lambda tmp: w.doc.save(str(tmp)))
    return path


def teks_docx(path: str | os.PathLike) -> str:
    """All text of a .docx (paragraphs, then table cells), for checks and tests."""
    doc = Document(os.fspath(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)
