"""The Evaluasi Renja/RKPD form written as .xlsx in the regulation's layout: title, merged
header, the numbering row (1)…(15), the K/Rp row, the rows (a perangkat daerah's name above
its rows in the RKPD evaluation) and the signature block. It reads back with ``kinerja
impor``."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from kinerja.core.berkas import netralkan_rumus, tulis_atomik
from kinerja.core.formatting import ROMAWI_TRIWULAN
from kinerja.core.kosakata import CATATAN_VERIFIKASI, TANDA_VERIFIKASI
from kinerja.dokumen.evaluasi_renja_tabel import JUDUL_KOLOM, KOLOM_FORM, RUMUS_KOLOM

__all__ = ["tulis_evaluasi_renja_xlsx"]

# The header's rows: column titles (two rows, merged), the numbering (1)…(15), K and Rp.
_KEPALA, _NOMOR, _LABEL = 5, 7, 8
_NCOL = 5 + 2 * len(KOLOM_FORM)


def tulis_evaluasi_renja_xlsx(tabel: pd.DataFrame, path, *, judul: str, unit_nama: str, tahun: int,
                              triwulan: int, ttd=None, sumber: pd.DataFrame | None = None,
                              kolom: dict[int, str] = JUDUL_KOLOM) -> None:
    """Write the form in the regulation's layout: title, merged header, the numbering row
    (1)…(15), the K/Rp row, the rows and the signature block; text never a formula. The
    sources of its numbers (``sumber``: No, Indikator, Kolom, Nilai, Sumber), when given,
    go to a sheet "Sumber angka" of their own, so that the signed sheet stays the form.
    ``kolom``: the header texts (:func:`kinerja.dokumen.evaluasi_renja_tabel.judul_kolom`).

    The file reads back with ``kinerja impor`` (round trip)."""

    def write(tmp) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = f"Evaluasi TW {ROMAWI_TRIWULAN[triwulan - 1]}"
        _tulis_judul(ws, (judul, unit_nama, f"Triwulan {ROMAWI_TRIWULAN[triwulan - 1]} Tahun {tahun}"))
        _tulis_kepala(ws, kolom)
        r = _tulis_baris(ws, tabel, _LABEL + 1)
        _rapikan(ws, r - 1)
        if any(tabel[c].astype(bool).any() for c in tabel.columns if c.startswith("ragu_k")):
            ws.cell(r, 2, CATATAN_VERIFIKASI).font = Font(italic=True, size=9)  # the note on the values marked
            r += 1
        if ttd is not None:
            _tulis_tanda_tangan(ws, ttd, r + 2)
        netralkan_rumus(wb)
        ws.freeze_panes = ws.cell(_LABEL + 1, 6)
        if sumber is not None and not sumber.empty:
            _tulis_sumber(wb.create_sheet("Sumber angka"), sumber)
            netralkan_rumus(wb)
        wb.save(tmp)

    tulis_atomik(path, write)


def _tulis_sumber(ws, sumber: pd.DataFrame) -> None:
    """The lampiran of sources: a bold header row and one row per value."""
    ws.append(list(sumber.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in sumber.itertuples(index=False):
        ws.append([None if isinstance(v, float) and v != v else v for v in row])
    for col, width in zip("ABCDE", (6, 60, 10, 18, 50)):
        ws.column_dimensions[col].width = width


def _tulis_judul(ws, baris: tuple[str, ...]) -> None:
    """The title lines, bold and centred across the form."""
    for r, text in enumerate(baris, 1):
        ws.cell(r, 1, text).font = Font(bold=True, size=12)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=_NCOL)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")


def _tulis_kepala(ws, kolom: dict[int, str]) -> None:
    """Columns (1)–(5) one cell wide, (6)–(15) two (K and Rp), with the formulas of (13)–(15)
    in the numbering row."""
    for n in range(1, 6):
        ws.cell(_KEPALA, n, kolom[n])
        ws.merge_cells(start_row=_KEPALA, start_column=n, end_row=_KEPALA + 1, end_column=n)
        ws.cell(_NOMOR, n, n)
    for i, n in enumerate(KOLOM_FORM):
        c = 6 + 2 * i
        ws.cell(_KEPALA, c, kolom[n])
        ws.merge_cells(start_row=_KEPALA, start_column=c, end_row=_KEPALA + 1, end_column=c + 1)
        ws.cell(_NOMOR, c, RUMUS_KOLOM.get(n, n))
        ws.merge_cells(start_row=_NOMOR, start_column=c, end_row=_NOMOR, end_column=c + 1)
        ws.cell(_LABEL, c, "K")
        ws.cell(_LABEL, c + 1, "Rp")


def _tulis_baris(ws, tabel: pd.DataFrame, r: int) -> int:
    """The form's rows from row ``r`` (a perangkat daerah's name above its run of rows);
    returns the next free row."""
    current = ""
    for row in tabel.itertuples(index=False):
        rec = row._asdict()
        if rec.get("perangkat_daerah") and rec["perangkat_daerah"] != current:
            current = rec["perangkat_daerah"]
            ws.cell(r, 2, f"Perangkat Daerah : {current}").font = Font(bold=True)
            r += 1
        values = [rec["no"], rec.get("sasaran"), rec.get("uraian"), rec.get("indikator"), rec.get("satuan")]
        marked = [False] * 5
        for n in KOLOM_FORM:
            values += [rec.get(f"k{n}"), rec.get(f"rp{n}")]
            marked += [bool(rec.get(f"ragu_k{n}", False)), False]
        for j, (v, mark) in enumerate(zip(values, marked), 1):
            cell = ws.cell(r, j, None if (not isinstance(v, str) and pd.isna(v)) else v)
            if j > 5 and cell.value is not None:
                cell.number_format = "#,##0" if (j - 6) % 2 else "#,##0.00"
            if mark and cell.value is not None:  # a value to verify keeps its number, shown with the mark
                if isinstance(cell.value, str):
                    cell.value = f"{cell.value} {TANDA_VERIFIKASI}"
                else:
                    cell.number_format += f'" {TANDA_VERIFIKASI}"'
        r += 1
    return r


def _rapikan(ws, baris_akhir: int) -> None:
    """Borders and wrapped text from the header to ``baris_akhir``; the column widths."""
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=_KEPALA, max_row=baris_akhir, max_col=_NCOL):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, width in enumerate([5, 28, 36, 36, 10] + [14] * (2 * len(KOLOM_FORM)), 1):
        ws.column_dimensions[get_column_letter(j)].width = width


def _tulis_tanda_tangan(ws, ttd, r: int) -> None:
    """The unit head's column of the signature block, from row ``r``."""
    for line in ttd.blok[-1]:  # the unit head's column
        ws.cell(r, _NCOL - 6, line or None)
        r += 1
