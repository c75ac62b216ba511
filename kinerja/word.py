"""The LKjIP as an editable Word document (.docx, python-docx).

LKjIP drafts are finished in Word, so the document carries the whole outline of seed 002
§3.2.4 with real Word tables (predikat cells shaded), the charts as pictures and the
narrative as paragraphs, in the same words as the notebook (:data:`kinerja.laporan.TEKS_LKJIP`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .tables import tulis_atomik

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .laporan import LaporanLkjip, Tabel
    from .predikat import SkalaPredikat

__all__ = ["teks_docx", "tulis_lkjip"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _paragraf(doc, text: str, style: str | None = None) -> None:
    """A paragraph; ``**bold**`` spans of the narrative become bold runs."""
    p = doc.add_paragraph(style=style)
    parts = _BOLD.split(text)
    for i, part in enumerate(parts):
        if part:
            p.add_run(part).bold = i % 2 == 1


def _shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())
    props.append(shd)


def _tabel(doc, tabel: Tabel, skala: SkalaPredikat) -> None:
    from .laporan import tabel_teks

    text = tabel_teks(tabel.data, tabel.format)
    table = doc.add_table(rows=1, cols=len(text.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, text.columns):
        cell.text = str(name)
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell, "#DDEBF7")
    colours = skala.warna_label
    right = {c for c, kind in tabel.format.items() if kind in ("angka", "rupiah", "persen")}
    for values in text.itertuples(index=False):
        cells = table.add_row().cells
        for cell, name, value in zip(cells, text.columns, values):
            cell.text = value
            if name in right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if name == tabel.predikat and value in colours:
                _shade(cell, colours[value])
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(9)
    doc.add_paragraph()


def _gambar(doc, fig: Figure) -> None:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    buffer.seek(0)
    doc.add_picture(buffer, width=Cm(16))


def tulis_lkjip(lap: LaporanLkjip, path: str | Path) -> Path:
    """Write the LKjIP of ``lap`` to ``path`` (.docx), atomically."""
    from .laporan import DASAR_HUKUM, JUDUL_ANALISIS, TEKS_LKJIP, Tabel

    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = f"Laporan Kinerja {lap.unit['nama']} {lap.periode}"
    doc.core_properties.language = "id-ID"
    title = doc.add_heading("LAPORAN KINERJA INSTANSI PEMERINTAH", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"{lap.unit['nama']}\n{lap.periode[0].upper()}{lap.periode[1:]}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading("Kata Pengantar", level=1)
    _paragraf(doc, TEKS_LKJIP["kata_pengantar"])
    doc.add_heading("Ringkasan Eksekutif", level=1)
    _paragraf(doc, lap.ringkasan_eksekutif)
    _gambar(doc, lap.grafik_capaian())

    doc.add_heading("Bab I Pendahuluan", level=1)
    doc.add_heading("A. Latar Belakang", level=2)
    _paragraf(doc, TEKS_LKJIP["latar_belakang"])
    doc.add_heading("B. Dasar Hukum", level=2)
    for item in DASAR_HUKUM:
        _paragraf(doc, item, "List Number")
    doc.add_heading("C. Maksud dan Tujuan", level=2)
    _paragraf(doc, TEKS_LKJIP["maksud"])
    doc.add_heading("D. Gambaran Umum, Struktur Organisasi dan SDM", level=2)
    _paragraf(doc, f"Unit: **{lap.unit['nama']}**, dipimpin oleh {lap.unit.get('jabatan') or '–'}.")
    if not lap.pejabat.empty:
        _tabel(doc, Tabel(lap.pejabat), lap.skala)

    doc.add_heading("Bab II Perencanaan Kinerja", level=1)
    _paragraf(doc, TEKS_LKJIP["bab_ii"])
    _tabel(doc, lap.data_pk(), lap.skala)

    doc.add_heading("Bab III Akuntabilitas Kinerja", level=1)
    doc.add_heading("A. Capaian Kinerja Organisasi", level=2)
    _tabel(doc, lap.data_pengukuran(), lap.skala)
    for i, a in enumerate(lap.sasaran, 1):
        doc.add_heading(f"Sasaran {i}: {a.sasaran}", level=3)
        if not a.tabel.empty:
            _tabel(doc, Tabel(a.tabel.rename(columns=str)), lap.skala)
        for key, judul in JUDUL_ANALISIS.items():
            _paragraf(doc, f"**{judul}**")
            for kalimat in a.kalimat[key]:
                _paragraf(doc, kalimat, "List Bullet")
    doc.add_heading("B. Realisasi Anggaran", level=2)
    _tabel(doc, lap.data_anggaran(), lap.skala)
    pd_table = lap.data_perangkat_daerah()
    if pd_table is not None:
        _paragraf(doc, "Capaian dan penyerapan anggaran seluruh perangkat daerah:")
        _tabel(doc, pd_table, lap.skala)

    doc.add_heading("Bab IV Penutup", level=1)
    _paragraf(doc, lap.penutup)
    doc.add_heading("Lampiran", level=1)
    _paragraf(doc, TEKS_LKJIP["lampiran"])
    path = Path(path)
    tulis_atomik(path, lambda tmp: doc.save(str(tmp)))
    return path


def teks_docx(path: str | Path) -> str:
    """All text of a .docx (paragraphs and table cells), for checks and tests."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


