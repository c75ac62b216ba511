"""What Excel shows of an Excel 97–2003 (.xls) workbook, and its size, read with xlrd
(``formatting_info=True``): each sheet's state, hidden and too-low rows, hidden and
too-narrow columns, merged ranges (as :class:`kinerja.formulir.tampak.Tampilan`, the same
facts the .xlsx reader takes from the sheet XML) and the numeric cells whose number format
shows a percent. The sizes are checked against the limits every workbook passes
(:mod:`kinerja.core.pindai`) before python-calamine reads the values.
"""

from __future__ import annotations

import os

from kinerja.core.pindai import BATAS_GABUNG, BATAS_LUAS, BATAS_SEL_TERISI, Tolak
from kinerja.formulir.tampak import LEBAR_MIN, TINGGI_MIN, SisiLembar, Tampilan

__all__ = ["baca_tampak_xls"]

_KEADAAN = {0: "visible", 1: "hidden", 2: "veryHidden"}


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _buka(raw: bytes):
    """The xlrd book, or :class:`Tolak` (I47) for a file xlrd cannot read."""
    import xlrd

    try:
        with open(os.devnull, "w") as quiet:  # xlrd writes its warnings to a log file
            return xlrd.open_workbook(file_contents=raw, formatting_info=True, ragged_rows=True, logfile=quiet)
    except Exception as exc:  # noqa: BLE001 - any damage is the file's, said in Indonesian
        why = " ".join(str(exc).split())[:80] or "struktur berkas tidak dikenal"
        raise Tolak("I47", "", "", f"isi berkas Excel 97–2003 (.xls) rusak sehingga tidak dapat dibaca ({why}); buka di "
                    "Excel atau LibreOffice lalu simpan ulang") from None


def _ukuran(sh, total: list[int]) -> None:
    """Refuse a sheet past the area, merged-range or written-cell limits (V48)."""
    width = max((sh.row_len(r) for r in range(sh.nrows)), default=0)
    area = sh.nrows * width
    if area > BATAS_LUAS:
        raise Tolak("V48", sh.name, "", f"lembar terisi sampai {_angka(sh.nrows)} baris \u00d7 {_angka(width)} kolom "
                    f"= {_angka(area)} sel, melebihi batas {_angka(BATAS_LUAS)} sel untuk lembar yang dibaca; hapus "
                    "isi atau format sel di luar tabel")
    if len(sh.merged_cells) > BATAS_GABUNG:
        raise Tolak("V48", sh.name, "", f"lembar berisi lebih dari {_angka(BATAS_GABUNG)} rentang sel gabungan, "
                    "melebihi batas untuk satu lembar")
    total[0] += sum(sh.row_len(r) for r in range(sh.nrows))
    if total[0] > BATAS_SEL_TERISI:
        raise Tolak("V48", sh.name, "", f"workbook berisi lebih dari {_angka(BATAS_SEL_TERISI)} sel terisi, melebihi "
                    "batas untuk satu berkas; pisahkan berkasnya")


def _tampilan(sh) -> Tampilan:
    """The sheet's state, hidden rows and columns and merged ranges (1-based)."""
    t = Tampilan(sh.name, _KEADAAN.get(sh.visibility, "hidden"))
    t.baris_bawaan_sembunyi = bool(getattr(sh, "default_row_hidden", 0))
    for r, info in sh.rowinfo_map.items():
        if info.hidden or info.height < TINGGI_MIN * 20:  # heights in twips
            t.baris_sembunyi.add(r + 1)
        elif t.baris_bawaan_sembunyi:
            t.baris_tampak.add(r + 1)
    for c, info in sh.colinfo_map.items():  # widths in 1/256 of a character
        hidden = info.hidden or info.width < LEBAR_MIN * 256
        (t.kolom_sembunyi if hidden else t.kolom_tampak).append((c + 1, c + 1))
    default = sh.defcolwidth if sh.defcolwidth is not None else None
    t.kolom_bawaan_sembunyi = default is not None and default < LEBAR_MIN
    t.gabungan = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]
    return t


def _sel_khusus(book, sh) -> tuple[frozenset, dict]:
    """The numeric cells (1-based) whose number format shows a percent, and the cells holding
    an Excel error with its text (``#DIV/0!``), as openpyxl gives an .xlsx's."""
    import xlrd

    fmt = book.format_map
    percent_xf = {i for i, xf in enumerate(book.xf_list) if "%" in getattr(fmt.get(xf.format_key), "format_str", "")}
    percent, errors = set(), {}
    for r in range(sh.nrows):
        for c, kind in enumerate(sh.row_types(r)):
            if kind == xlrd.XL_CELL_NUMBER and percent_xf and sh.cell_xf_index(r, c) in percent_xf:
                percent.add((r + 1, c + 1))
            elif kind == xlrd.XL_CELL_ERROR:
                errors[(r + 1, c + 1)] = xlrd.error_text_from_code.get(sh.cell_value(r, c), "#N/A")
    return frozenset(percent), errors


def baca_tampak_xls(raw: bytes) -> dict:
    """Per worksheet name, a :class:`~kinerja.formulir.tampak.SisiLembar`: what Excel shows of
    it, its percent cells and its error cells. Raises
    :class:`~kinerja.core.pindai.Tolak` for a damaged file (I47) or one past a limit (V48).

    Examples
    --------
    >>> try:
    ...     baca_tampak_xls(bytes.fromhex("d0cf11e0a1b11ae1") + b" terpotong")
    ... except Tolak as t:
    ...     print(t.kode, t.pesan[:40])
    I47 isi berkas Excel 97–2003 (.xls) rusak se
    """
    book = _buka(raw)
    out, total = {}, [0]
    try:
        for sh in book.sheets():
            _ukuran(sh, total)
            out[sh.name] = SisiLembar(_tampilan(sh), *_sel_khusus(book, sh))
    finally:
        book.release_resources()
    return out
