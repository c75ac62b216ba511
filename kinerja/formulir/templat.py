"""Writing formulir workbooks: blank templates for units to fill, or filled ones.

The layout comes from :mod:`kinerja.formulir.kolom`. A template has the regulation's title, the
identity block (formulir code, unit, tahun, bulan), the numbered headers ``(1) … (N)``,
dropdowns for polaritas, agregasi, bulan and IKU, an instructions sheet (Cara
Pengisian), and protected header rows: clerks can type data but cannot shift columns.
"""

from __future__ import annotations

import re

import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.core.formatting import NAMA_BULAN
from kinerja.formulir.tata_letak import (
    BARIS_DATA,
    BARIS_GRUP,
    BARIS_IDENTITAS,
    BARIS_KEPALA,
    BARIS_NOMOR,
    BULAN_KAPITAL,
    DAFTAR,
    TINGKAT,
    Formulir,
)
from kinerja.core.berkas import netralkan_rumus
from kinerja.core.berkas import tulis_atomik

__all__ = ["tulis_formulir"]

_BARIS_KOSONG = 400  # rows left open for typing below the headers of a blank formulir
_BARIS_TAMBAHAN = 40  # rows left open below a filled formulir, for corrections
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ANGKA_RUPIAH = {"pagu", "anggaran", "anggaran_program", "anggaran_kegiatan", "anggaran_sub_kegiatan",
                 "target_anggaran", "realisasi_anggaran"}


def _headers(ws: Worksheet, f: Formulir) -> None:
    for j, kolom in enumerate(f.kolom, start=1):
        for row, text in ((BARIS_GRUP, kolom.grup), (BARIS_KEPALA, kolom.judul), (BARIS_NOMOR, f"({j})")):
            cell = ws.cell(row=row, column=j, value=text or None)
            cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = kolom.lebar
    # Merge each group's label across its columns.
    start = 0
    for j in range(1, len(f.kolom) + 1):
        same = j < len(f.kolom) and f.kolom[j].grup == f.kolom[start].grup
        if not same:
            if f.kolom[start].grup and j - start > 1:
                ws.merge_cells(start_row=BARIS_GRUP, start_column=start + 1, end_row=BARIS_GRUP, end_column=j)
            start = j
    ws.row_dimensions[BARIS_KEPALA].height = 42
    ws.freeze_panes = ws.cell(row=BARIS_DATA, column=4 if len(f.kolom) > 6 else 2)


def _unlock(ws: Worksheet, first_row: int, last_row: int, n_cols: int) -> None:
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=n_cols):
        for cell in row:
            cell.protection = Protection(locked=False)


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    ws.protection.deleteRows = False
    ws.protection.sort = False
    ws.protection.autoFilter = False


def _dropdowns(ws: Worksheet, f: Formulir, ranges: dict[str, str], last_row: int) -> None:
    for j, kolom in enumerate(f.kolom, start=1):
        if kolom.daftar:
            dv = DataValidation(type="list", formula1=ranges[kolom.daftar], allow_blank=True, showErrorMessage=True)
            dv.error = f"Pilih salah satu nilai dari daftar {kolom.daftar}."
            dv.errorTitle = "Nilai tidak dikenal"
            ws.add_data_validation(dv)
            letter = get_column_letter(j)
            dv.add(f"{letter}{BARIS_DATA}:{letter}{last_row}")


# A number written the Indonesian way and nothing else ("72,80", "1.250", "-3"): in a
# document's workbook it becomes a real number; ranges, bounds, grades and "45/50" stay text.
_ANGKA_TEKS = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
_NILAI = {"target", "target_tahunan", "realisasi", "capaian", "capaian_anggaran"}


def _angka(value: object) -> tuple[object, str | None]:
    """The cell value and number format for a target/realisasi written as text.

    Examples
    --------
    >>> _angka("1.250"), _angka("72,80"), _angka("3±1"), _angka(93.5)
    ((1250.0, '#,##0'), (72.8, '#,##0.00'), ('3±1', None), (93.5, '#,##0.00'))
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, "#,##0.00"
    if isinstance(value, str) and (m := _ANGKA_TEKS.match(value.strip())):
        decimals = len(m.group(1) or "")
        return float(value.strip().replace(".", "").replace(",", ".")), "#,##0" + ("." + "0" * decimals if decimals else "")
    return value, None


def _rows(ws: Worksheet, f: Formulir, rows: Sequence[dict], angka: bool = False) -> int:
    r = BARIS_DATA
    for record in rows:
        for j, kolom in enumerate(f.kolom, start=1):
            value = record.get(kolom.field)
            if value is not None and value != "":
                fmt = None
                if angka and kolom.field in _NILAI:
                    value, fmt = _angka(value)
                cell = ws.cell(row=r, column=j, value=value)
                if kolom.field in _ANGKA_RUPIAH and isinstance(value, (int, float)):
                    cell.number_format = "#,##0"
                elif fmt:
                    cell.number_format = fmt
        r += 1
    return r


def _blank_blocks(f: Formulir, blocks: int) -> list[dict]:
    """For monthly forms: empty indicator blocks with the month names already in place."""
    out = []
    for _ in range(blocks):
        for bulan in BULAN_KAPITAL:
            row = {k.field: bulan for k in f.kolom if k.daftar == "bulan"}
            out.append(row)
    return out


def _cetak(ws: Worksheet, f: Formulir) -> None:
    """Print set-up: A4, landscape for wide forms, fitted to the page width, the header and
    numbering rows repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(f.kolom) > 7 else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{min(BARIS_GRUP, BARIS_KEPALA)}:{BARIS_NOMOR}"


def _lembar_daftar(wb: Workbook) -> dict[str, str]:
    """The hidden sheet of dropdown lists; the cell range of each list, by name."""
    ws_list = wb.create_sheet("Daftar")
    ranges = {}
    for j, (name, values) in enumerate(DAFTAR.items(), start=1):
        letter = get_column_letter(j)
        ws_list.cell(row=1, column=j, value=name)
        for i, v in enumerate(values, start=2):
            ws_list.cell(row=i, column=j, value=v)
        ranges[name] = f"Daftar!${letter}$2:${letter}${len(values) + 1}"
    ws_list.sheet_state = "hidden"
    return ranges


def _identitas(ws: Worksheet, f: Formulir, unit: str, tahun: int | str, bulan: int | None,
               subjudul: str | None) -> None:
    """The title, the subtitle and the identity block (formulir code, unit, tahun, bulan)."""
    title = f.judul.replace("{tahun}", str(tahun or "XXXX"))
    if "{periode}" in title:
        periode = f"{tahun}–{int(tahun) + 4}" if str(tahun).isdigit() else "XXXX–XXXX"
        title = title.replace("{periode}", periode)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=(subjudul or TINGKAT[f.tingkat]).upper()).font = _BOLD
    identity = {"formulir": f.kode, "unit": unit or None, "tahun": tahun or None}
    if f.dengan_bulan:
        identity["bulan"] = NAMA_BULAN[bulan - 1] if bulan else None
    labels = {"formulir": "Formulir", "unit": "Kode Unit", "tahun": "Tahun", "bulan": "Bulan Laporan"}
    for key, value in identity.items():
        row = BARIS_IDENTITAS[key]
        ws.cell(row=row, column=1, value=labels[key]).font = _BOLD
        cell = ws.cell(row=row, column=2, value=value)
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
        if key != "formulir":
            cell.protection = Protection(locked=False)
    if f.dengan_bulan:
        dv = DataValidation(type="list", formula1='"' + ",".join(NAMA_BULAN) + '"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"B{BARIS_IDENTITAS['bulan']}")


def _tabel(ws: Worksheet, f: Formulir, rows: list[dict], ranges: dict[str, str], spare: int, protect: bool,
           angka: bool) -> None:
    """The numbered table of a sheet: headers, ``rows``, ``spare`` open rows with their
    dropdowns, print set-up and, with ``protect``, everything locked but the data cells."""
    _headers(ws, f)
    end = _rows(ws, f, rows, angka)
    last = max(end, BARIS_DATA) + spare
    _dropdowns(ws, f, ranges, last)
    _cetak(ws, f)
    if protect:
        _unlock(ws, BARIS_DATA, last, len(f.kolom))
        _protect(ws)


def _cara_pengisian(wb: Workbook, f: Formulir) -> None:
    """The instructions sheet: the rules every formulir shares, then this formulir's own."""
    guide = wb.create_sheet("Cara Pengisian")
    guide.column_dimensions["A"].width = 120
    lines = [
        f"CARA PENGISIAN {f.kode}",
        "",
        "Identitas (lembar pertama, kolom B): Kode Unit sesuai Daftar Unit, Tahun, dan Bulan Laporan "
        "untuk formulir bulanan.",
        "Jangan menggeser, menambah atau menghapus kolom: nomor kolom (1), (2), ... dipakai untuk membaca berkas.",
        "Angka boleh ditulis seperti di laporan: 87,5 / 87,5% / 1.250.000 / Rp1.500.000 / kurang dari 49 / "
        "80–90 / 3±1 / WTP.",
        "Tanda – berarti tidak ada target atau data pada bulan itu; itu berbeda dengan 0.",
        "",
        *f.petunjuk,
        *(("", f"Lembar '{f.lampiran.lembar}':", *f.lampiran.petunjuk) if f.lampiran else ()),
    ]
    for i, line in enumerate(lines, start=1):
        cell = guide.cell(row=i, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = Font(bold=True, size=13)


def _buku(f: Formulir, *, unit: str, tahun: int | str, bulan: int | None, baris: Sequence[dict] | None,
          baris_lampiran: Sequence[dict] | None, subjudul: str | None, protect: bool, angka: bool) -> Workbook:
    """The whole workbook of formulir ``f`` (see :func:`tulis_formulir`), text neutralised."""
    filled = baris is not None
    wb = Workbook()
    ws = wb.active
    ws.title = f.lembar
    ranges = _lembar_daftar(wb)
    _identitas(ws, f, unit, tahun, bulan, subjudul)
    spare = _BARIS_TAMBAHAN if filled else _BARIS_KOSONG
    _tabel(ws, f, list(baris) if filled else (_blank_blocks(f, 20) if f.bulanan else []), ranges, spare, protect,
           angka)
    if f.lampiran is not None:
        lam = f.lampiran
        ws2 = wb.create_sheet(lam.lembar, 1)
        ws2.cell(row=1, column=1, value=lam.judul).font = Font(bold=True, size=13)
        _tabel(ws2, lam, list(baris_lampiran or []), ranges, spare, protect, angka)
    _cara_pengisian(wb, f)
    netralkan_rumus(wb)  # text from data is never a formula
    return wb


def tulis_formulir(
    f: Formulir,
    path: str | os.PathLike,
    *,
    unit: str = "",
    tahun: int | str = "",
    bulan: int | None = None,
    baris: Sequence[dict] | None = None,
    baris_lampiran: Sequence[dict] | None = None,
    subjudul: str | None = None,
    protect: bool = True,
    angka: bool = False,
) -> Path:
    """Write formulir ``f`` to ``path`` (.xlsx), blank for a unit to fill or filled with
    ``baris``. Written atomically; text never becomes a formula.

    Parameters
    ----------
    f : Formulir
        The formulir (``kinerja.formulir.daftar.FORMULIR``, or ``cari_formulir``).
    path : str or path-like
        The .xlsx to write.
    unit, tahun, bulan : optional
        The identity block: unit code, year and (monthly forms) month.
    baris : sequence of dict, optional
        Rows keyed by the formulir's field names (for monthly forms, one per month row,
        in order); ``baris_lampiran`` fill the second sheet.
    subjudul : str, optional
        A line under the title.
    protect : bool, default True
        Protect the header and identity cells.
    angka : bool, default False
        Write targets and realisasi that are plain numbers as real numbers with their
        number format (documents' own workbooks); ranges, bounds and grades stay text.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kinerja
    >>> from kinerja.formulir.daftar import cari_formulir
    >>> out = kinerja.tulis_formulir(cari_formulir("pk", "perangkat_daerah"), Path(tempfile.mkdtemp()) / "pk.xlsx", unit="dinkes", tahun=2026)
    >>> out.suffix
    '.xlsx'
    """
    path = Path(path)
    tulis_atomik(path, lambda tmp: _buku(f, unit=unit, tahun=tahun, bulan=bulan, baris=baris,
                                         baris_lampiran=baris_lampiran, subjudul=subjudul, protect=protect,
                                         angka=angka).save(tmp))
    return path
