"""A worksheet as a grid the readers can question: cached values, formulas, merged ranges.

Real workbooks keep their meaning in merged multi-row headers and in formulas whose cached
value is what the reader must take (and whose absence must be said). :func:`buka_lembar`
opens a workbook once for values and, when asked, once for formulas, after the same
checks as every formulir (:func:`kinerja.formulir.berkas.periksa_berkas`), and returns one
:class:`Grid` per sheet. Nothing here knows any form; the readers do.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kinerja.formulir.masalah import Penampung, pendek
from kinerja.formulir.tampak import Tampilan, baca_tampilan
from kinerja.core.parsing import BATAS_ANGKA, parse_value
from kinerja.core.pindai import BATAS_BARIS, BATAS_KOLOM

__all__ = ["Grid", "buka_lembar", "sel"]


def sel(baris: int, kolom: int) -> str:
    """The A1 name of a cell.

    Examples
    --------
    >>> sel(13, 28)
    'AB13'
    """
    return f"{get_column_letter(kolom)}{baris}"


@dataclass
class Grid:
    """One sheet: ``nilai[(row, col)]`` cached values (1-based), ``rumus`` the formulas,
    ``gabung`` the top-left cell of every cell inside a merged range."""

    lembar: str
    nilai: dict[tuple[int, int], object]
    rumus: dict[tuple[int, int], str] = field(default_factory=dict)
    gabung: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    baris_maks: int = 0
    kolom_maks: int = 0
    persen: frozenset = frozenset()  # cells whose number format shows a percent (0.25 is 25 %)
    tampak: bool = True  # False for a hidden (or very hidden) sheet
    tampilan: Tampilan | None = None  # what Excel hides and merges (kinerja.formulir.tampak)

    def mentah(self, r: int, c: int) -> object:
        return self.nilai.get((r, c))

    def kolom(self, c: int, baris: range) -> list:
        """``mentah`` of column ``c`` for each row of ``baris``, in one call (a reader of an
        export takes whole columns of tens of thousands of rows)."""
        fast = getattr(self.nilai, "kolom", None)
        if fast is not None:
            return fast(c, baris)
        get = self.nilai.get
        return [get((r, c)) for r in baris]

    def teks(self, r: int, c: int, gabung: bool = True) -> str:
        """The cell as text; inside a merged range (``gabung``) the range's text."""
        if gabung:
            r, c = self.gabung.get((r, c), (r, c))
        v = self.nilai.get((r, c))
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return " ".join(str(v).split())

    def angka(self, r: int, c: int) -> tuple[float | None, str | None]:
        """The number in a cell: a real number as it is, a text such as ``1.234,56`` or
        ``Rp1.500.000`` read the Indonesian way. Returns ``(value, problem)``: ``(None,
        None)`` for a blank cell or "-", a message for a formula without cached value or a
        text that is not a number."""
        v = self.nilai.get((r, c))
        if v is None:
            if (r, c) in self.rumus:
                return None, (f"sel {sel(r, c)} berisi rumus tanpa nilai tersimpan ({pendek(self.rumus[(r, c)], 40)}); "
                              "buka dan simpan berkas di Excel agar nilainya tersimpan, atau ketik nilainya")
            return None, None
        if isinstance(v, bool):
            return None, f"sel {sel(r, c)} berisi nilai benar/salah, bukan angka"
        if isinstance(v, (int, float)):
            if not abs(float(v)) <= BATAS_ANGKA:  # also NaN and infinity
                return None, f"sel {sel(r, c)} berisi angka di luar batas wajar (±10^15); periksa isinya"
            return float(v), None
        text = str(v).strip()
        if not text or text in ("-", "–", "—"):
            return None, None
        if text.startswith("#"):
            return None, f"sel {sel(r, c)} berisi galat Excel {pendek(text, 12)}; perbaiki rumusnya"
        parsed = parse_value(text)
        if parsed.jenis == "kosong":
            return None, None
        if parsed.jenis in ("angka", "persen", "rupiah", "satuan") and parsed.nilai == parsed.nilai:
            return float(parsed.nilai), None
        return None, f"sel {sel(r, c)} berisi \u201c{pendek(text, 40)}\u201d, bukan angka"


def _isi(ws) -> tuple[dict, frozenset, int, int] | None:
    """The values of a sheet (either openpyxl mode), the cells shown as a percent, and its
    size; None when it passes the row or column limit."""
    cells, percent = {}, set()
    rows = cols = 0
    for r, row in enumerate(ws.iter_rows(), start=1):
        if r > BATAS_BARIS:
            return None
        for c, cell in enumerate(row, start=1):
            if c > BATAS_KOLOM:
                return None
            v = cell.value
            if v is not None:
                cells[(r, c)] = v
                cols = max(cols, c)
                if "%" in (getattr(cell, "number_format", None) or ""):
                    percent.add((r, c))
        rows = r
    return cells, frozenset(percent), rows, cols


def buka_lembar(raw: bytes, p: Penampung, rumus: bool = True) -> list[Grid] | None:
    """Every sheet of the workbook ``raw`` as a :class:`Grid`, or None with the reason in ``p``.

    The format is decided by the content (:func:`kinerja.impor.format.jenis_format`): an
    Excel 97–2003 workbook, an .ods or a CSV is read as such whatever its name. An .xlsx
    export (``rumus`` False) is read with python-calamine; a form whose formulas matter with
    openpyxl. Both give the same Grids (tests/test_impor_format.py)."""
    from python_calamine import CalamineError

    from kinerja.core.berkas import bukan_xlsx
    from kinerja.core.pindai_cepat import pindai_cepat
    from kinerja.formulir.berkas import _RUSAK, BATAS_UKURAN, _penyebab, periksa_berkas
    from kinerja.impor.format import buka_bukan_xlsx, buka_xlsx_kalamin

    other = buka_bukan_xlsx(raw, p, rumus)
    if other is not False:
        return None if other is None else [Grid(*sheet) for sheet in other]
    # An export is first scanned at C speed; when that is in doubt (or for a form read whole)
    # the full scan decides, with its located reason.
    bagian = None if rumus or len(raw) > BATAS_UKURAN or bukan_xlsx(raw[:8]) else pindai_cepat(raw)
    if bagian is None and not periksa_berkas(raw, p, penuh=rumus):
        return None
    try:
        if not rumus:  # an export: values by calamine, what Excel shows from the same unpacked sheet XML
            return [Grid(*sheet) for sheet in buka_xlsx_kalamin(raw, bagian)]
    except (*_RUSAK, CalamineError) as exc:
        p.galat("V01", "", "", f"isi berkas .xlsx rusak sehingga tidak dapat dibaca ({_penyebab(exc)}); buka di "
                "Excel lalu simpan ulang sebagai .xlsx")
        return None
    return _buka_openpyxl(raw, p, rumus)


def _buka_openpyxl(raw: bytes, p: Penampung, rumus: bool) -> list[Grid] | None:
    """An .xlsx read with openpyxl: whole with its formulas (``rumus``), else streaming."""
    from kinerja.formulir.berkas import _RUSAK, _penyebab

    try:
        # A form (rumus=True) needs its merged header cells and its formulas; an export of tens
        # of thousands of rows is read in openpyxl's streaming mode, which has neither.
        values = load_workbook(io.BytesIO(raw), data_only=True, read_only=not rumus)
        formulas = load_workbook(io.BytesIO(raw), data_only=False) if rumus else None
        grids = []
        for ws in values.worksheets:
            if not rumus:
                ws.reset_dimensions()  # a wrong <dimension> element must not hide rows
            read = _isi(ws)
            if read is None:
                p.galat("V48", ws.title, "", f"lembar berisi lebih dari {BATAS_BARIS:,} baris atau {BATAS_KOLOM} "
                        "kolom; pisahkan berkasnya".replace(",", "."))
                return None
            cells, percent, n_rows, n_cols = read
            if not rumus:
                grids.append(Grid(ws.title, cells, {}, {}, n_rows, n_cols, percent, ws.sheet_state == "visible"))
                continue
            merged = {}
            for rng in ws.merged_cells.ranges:
                top = (rng.min_row, rng.min_col)
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        if (r, c) != top:
                            merged[(r, c)] = top
            found = {(c.row, c.column): c.value for row in formulas[ws.title].iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.startswith("=")}
            for key, text in found.items():
                if cells.get(key) == text:  # a formula openpyxl kept as the cached value: none cached
                    cells.pop(key)
            grids.append(Grid(ws.title, cells, found, merged, n_rows, n_cols, percent, ws.sheet_state == "visible"))
        views = baca_tampilan(raw)
        for grid in grids:
            grid.tampilan = views.get(grid.lembar)
        return grids
    except _RUSAK as exc:
        p.galat("V01", "", "", f"isi berkas .xlsx rusak sehingga tidak dapat dibaca ({_penyebab(exc)}); buka di "
                "Excel lalu simpan ulang sebagai .xlsx")
        return None
