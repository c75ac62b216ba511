"""What Excel shows of a workbook's sheets, read from the sheet XML itself: the state of each
sheet (visible, hidden, very hidden), its hidden and zero-height rows and columns, and its
merged ranges. openpyxl's streaming mode gives none of these, so each worksheet part is read
once more, with expat's callbacks (nothing is built or kept but these few facts; a merged
range is kept as its bounds, never expanded). Used by the formulir reader
(:mod:`kinerja.formulir.terlihat`) and by the import grid (:mod:`kinerja.impor.lembar`), so
that what loads is what a reader of the workbook sees.
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
from dataclasses import dataclass, field
from typing import NamedTuple

from openpyxl.utils.cell import range_boundaries

from kinerja.core.pindai_cepat import _tag

__all__ = ["TINGGI_MIN", "LEBAR_MIN", "SisiLembar", "Tampilan", "baca_tampilan"]

# A row lower than this many points, or a column narrower than this many characters, shows
# nothing a reader can read: it counts as hidden (stated in the methodology).
TINGGI_MIN = 3.0
LEBAR_MIN = 1.0

# Rows and merged ranges past these are not kept: the readers refuse such a sheet for its size.
_BARIS_MAKS = 1_048_576
_GABUNG_MAKS = 100_000


@dataclass
class Tampilan:
    """What Excel hides or merges in one sheet. ``keadaan`` is the sheet's state as Excel
    writes it (``visible``, ``hidden``, ``veryHidden``); ``gabungan`` the merged ranges as
    ``(min_row, min_col, max_row, max_col)``."""

    nama: str
    keadaan: str = "visible"
    baris_sembunyi: set[int] = field(default_factory=set)
    baris_tampak: set[int] = field(default_factory=set)  # rows given a visible height
    baris_bawaan_sembunyi: bool = False  # <sheetFormatPr zeroHeight="1">: unlisted rows are hidden
    kolom_sembunyi: list[tuple[int, int]] = field(default_factory=list)
    kolom_tampak: list[tuple[int, int]] = field(default_factory=list)
    kolom_bawaan_sembunyi: bool = False  # a default column width of (almost) zero
    gabungan: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Read only when asked (``baca_tampilan(raw, sel_khusus=True)``): the cells whose number
    # format shows a percent, and the cells holding an Excel error with its text.
    persen: set[tuple[int, int]] = field(default_factory=set)
    galat: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def tampak(self) -> bool:
        return self.keadaan == "visible"

    def baris_tersembunyi(self, r: int) -> bool:
        """Whether row ``r`` is hidden (or too low to show anything)."""
        if r in self.baris_sembunyi:
            return True
        return self.baris_bawaan_sembunyi and r not in self.baris_tampak

    def kolom_tersembunyi(self, c: int) -> bool:
        """Whether column ``c`` (1-based) is hidden (or too narrow to show anything)."""
        if any(lo <= c <= hi for lo, hi in self.kolom_sembunyi):
            return True
        return self.kolom_bawaan_sembunyi and not any(lo <= c <= hi for lo, hi in self.kolom_tampak)


def _benar(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def _angka(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _baris(t: Tampilan, a: dict) -> None:
    try:
        r = int(a.get("r", ""))
    except ValueError:
        return
    if not 1 <= r <= _BARIS_MAKS:
        return
    ht = _angka(a.get("ht"))
    if _benar(a.get("hidden")) or (ht is not None and ht < TINGGI_MIN):
        t.baris_sembunyi.add(r)
    elif ht is not None and t.baris_bawaan_sembunyi:
        t.baris_tampak.add(r)


def _kolom(t: Tampilan, a: dict) -> None:
    try:
        lo, hi = int(a.get("min", "")), int(a.get("max", ""))
    except ValueError:
        return
    width = _angka(a.get("width"))
    hidden = _benar(a.get("hidden")) or (width is not None and width < LEBAR_MIN)
    (t.kolom_sembunyi if hidden else t.kolom_tampak).append((lo, hi))


def _format(t: Tampilan, a: dict) -> None:
    t.baris_bawaan_sembunyi = _benar(a.get("zeroHeight"))
    width = _angka(a.get("defaultColWidth"))
    t.kolom_bawaan_sembunyi = width is not None and width < LEBAR_MIN


def _gabung(t: Tampilan, a: dict) -> None:
    if len(t.gabungan) >= _GABUNG_MAKS:
        return
    try:
        min_col, min_row, max_col, max_row = range_boundaries(a.get("ref", ""))
    except (ValueError, TypeError):
        return
    if None not in (min_col, min_row, max_col, max_row):
        t.gabungan.append((min_row, min_col, max_row, max_col))


_PENANGAN = {"row": _baris, "col": _kolom, "sheetFormatPr": _format, "mergeCell": _gabung}


def _posisi(ref: str | None, state: dict) -> tuple[int, int]:
    """The (row, column) of a ``<c>`` from its ``r`` (or, without one, after the last)."""
    if ref:
        from openpyxl.utils.cell import coordinate_to_tuple

        try:
            return coordinate_to_tuple(ref)
        except (ValueError, TypeError):
            pass
    state["col"] += 1
    return state["row"], state["col"]


def _baca_bagian(stream, t: Tampilan, gaya_persen: frozenset | None = None) -> None:
    """Read one worksheet part from ``stream`` into ``t`` (streamed, in chunks); with
    ``gaya_persen`` (the cell styles that show a percent) also its percent and error cells."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    state = {"row": 0, "col": 0, "galat": None, "teks": []}

    def selesai() -> None:  # the text of an error cell's <v> ends at the next element
        parser.CharacterDataHandler = None
        t.galat[state["galat"]] = "".join(state["teks"]).strip() or "#N/A"
        state["galat"], state["teks"] = None, []

    def start(name: str, attrs: dict) -> None:
        local = name.rsplit(" ", 1)[-1]
        if gaya_persen is not None:
            if parser.CharacterDataHandler is not None:
                selesai()
            if local == "c":
                style, kind = attrs.get("s"), attrs.get("t")
                if kind == "e" or (style is not None and style.isdigit() and int(style) in gaya_persen):
                    pos = _posisi(attrs.get("r"), state)
                    if kind == "e":
                        state["galat"] = pos
                    else:
                        t.persen.add(pos)
                elif not attrs.get("r"):
                    state["col"] += 1
                return
            if local == "v" and state["galat"] is not None:
                parser.CharacterDataHandler = state["teks"].append
            elif local == "row":
                r = attrs.get("r")
                state["row"], state["col"] = (int(r) if r and r.isdigit() else state["row"] + 1), 0
        handler = _PENANGAN.get(local)
        if handler is not None:
            handler(t, attrs)

    parser.StartElementHandler = start
    try:
        parser.ParseFile(stream)
    except xml.parsers.expat.ExpatError as exc:  # named as every damaged sheet XML is (berkas._penyebab)
        raise SyntaxError(f"XML lembar {t.nama}: {exc}") from exc
    if parser.CharacterDataHandler is not None:
        selesai()


_ATRIBUT = re.compile(rb'([^\s=]+)="([^"]*)"')


def _atribut(raw: bytes) -> dict | None:
    """The attributes of a tag written plainly (double quotes, no entity), else None."""
    if b"&" in raw or b"'" in raw:
        return None
    return {k.decode("utf-8"): v.decode("utf-8") for k, v in _ATRIBUT.findall(raw)}


_BARIS = re.compile(rb"<row\b([^>]*)>")
_GALAT = re.compile(rb"""t=["']e["']""")  # an error cell (or, rarely, a text that reads like one)


def _baca_cepat(lembar, t: Tampilan, gaya_persen: frozenset | None) -> bool:
    """:func:`_baca_bagian` for a plain worksheet part the fast scan already unpacked and
    found within the limits (:class:`kinerja.core.pindai_cepat.LembarPolos`): the same facts,
    filled into ``t`` from its row, column, format and merge tags (each kind found by one search
    in C) instead of a callback per element. False, with ``t`` untouched, when it holds what only
    the callbacks read (an error cell, a cell in a percent style, a format tag after the rows it
    rules, a tag not written plainly)."""
    d = lembar.data
    if gaya_persen is not None:
        styles = b"|".join(b"%d" % i for i in sorted(gaya_persen))
        if _GALAT.search(d) is not None or (styles and re.search(rb"""s=["'](?:%s)["']""" % styles, d)):
            return False
    first, formats = d.find(b"<row"), _tag(d, b"sheetFormatPr")
    if any(first != -1 and at > first for at, _ in formats):
        return False
    rows = _BARIS.findall(d)
    joined = b"\0".join(rows)  # (the row tags only, not the part again)
    if b"hidden" not in joined and b' ht="' not in joined:
        rows = []
    tags = [*((_format, a) for _, a in formats), *((_kolom, a) for a in lembar.kolom),
            *((_baris, a) for a in rows if b"hidden" in a or b' ht="' in a),
            *((_gabung, a) for a in lembar.gabung)]
    parsed = [(handler, _atribut(a)) for handler, a in tags]
    if any(attrs is None for _, attrs in parsed):
        return False
    for handler, attrs in parsed:
        handler(t, attrs)
    return True


def _gaya_persen(reader) -> frozenset:
    """The cell styles (indices into ``cellXfs``) whose number format shows a percent."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    codes, xfs, state = dict(BUILTIN_FORMATS), [], {"in": False}

    def start(name: str, attrs: dict) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "numFmt" and (attrs.get("numFmtId") or "").isdigit():
            codes[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            state["in"] = True
        elif local == "xf" and state["in"]:
            fmt = attrs.get("numFmtId") or "0"
            xfs.append(int(fmt) if fmt.isdigit() else 0)

    def end(name: str) -> None:
        if name.rsplit(" ", 1)[-1] == "cellXfs":
            state["in"] = False

    if "xl/styles.xml" not in reader.valid_files:
        return frozenset()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    with reader.archive.open("xl/styles.xml") as stream:
        try:
            parser.ParseFile(stream)
        except xml.parsers.expat.ExpatError as exc:
            raise SyntaxError(f"XML gaya: {exc}") from exc
    return frozenset(i for i, fmt in enumerate(xfs) if "%" in (codes.get(fmt) or ""))


def baca_tampilan(raw: bytes, sel_khusus: bool = False, bagian: dict | None = None) -> dict[str, Tampilan]:
    """Every worksheet of the workbook ``raw`` by its name: its state, hidden rows and
    columns, merged ranges. The parts are found as openpyxl finds them (the workbook part
    from the package manifest, each sheet through the workbook's relationships), so the sheet
    read here is the sheet whose values are read. Raises what a damaged part raises
    (:data:`kinerja.formulir.berkas._RUSAK`, ``xml.parsers.expat.ExpatError``). With
    ``sel_khusus`` each sheet's percent and error cells are read in the same pass
    (``Tampilan.persen``, ``Tampilan.galat``), for a reader that takes only the values.
    ``bagian`` holds worksheet parts already unpacked, tagged and found within the limits
    (:func:`kinerja.core.pindai_cepat.pindai_cepat`): they are read from their tags
    (:func:`_baca_cepat`, the same facts), any other part streamed as before.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook(); ws = wb.active; ws.title = "Data"
    >>> ws["A1"] = 1; ws.row_dimensions[3].hidden = True; ws.merge_cells("B2:C4")
    >>> ws.column_dimensions["D"].hidden = True
    >>> wb.create_sheet("Rahasia").sheet_state = "veryHidden"
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> t = baca_tampilan(buf.getvalue())
    >>> t["Data"].baris_tersembunyi(3), t["Data"].baris_tersembunyi(2), t["Data"].kolom_tersembunyi(4)
    (True, False, True)
    >>> t["Data"].gabungan, t["Rahasia"].keadaan
    ([(2, 2, 4, 3)], 'veryHidden')
    """
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(io.BytesIO(raw), read_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        out: dict[str, Tampilan] = {}
        percent = _gaya_persen(reader) if sel_khusus else None
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                continue
            t = Tampilan(sheet.name, sheet.state or "visible")
            data = (bagian or {}).get(rel.target)
            if data is None or not _baca_cepat(data, t, percent):
                with reader.archive.open(rel.target) as stream:
                    _baca_bagian(stream, t, percent)
            out[sheet.name] = t
        return out
    finally:
        reader.archive.close()


class SisiLembar(NamedTuple):
    """What a values-only reader (python-calamine, for .xls and .ods) does not give of one
    sheet: what is shown of it, the cells shown as a percent, and the cells holding an Excel
    error with its text (calamine reads them as blank)."""

    tampilan: Tampilan
    persen: frozenset = frozenset()
    galat: dict = {}
