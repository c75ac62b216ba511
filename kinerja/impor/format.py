"""Which spreadsheet a received file is, by its content (never its name); non-.xlsx workbooks read into
the same :class:`~kinerja.impor.lembar.Grid`. Pemda send .xlsx, Excel 97–2003 .xls (often under an
.xlsx name), LibreOffice .ods and CSV. :func:`jenis_format` looks at the bytes: the OLE2 signature
is an .xls, a zip whose ``mimetype`` member names an OpenDocument spreadsheet is an .ods, any other
zip is left to the .xlsx reader, text is CSV. The values of an .xls or .ods are read with python-
calamine; what Excel shows of them (hidden sheets, rows and columns, merged ranges, percent formats)
comes from :mod:`kinerja.impor.tampak_xls` and :mod:`kinerja.impor.ods`, so the readers and the view
checks (:mod:`kinerja.impor.tampak`) work on every format alike.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import MutableMapping
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from kinerja.formulir.masalah import Penampung
from kinerja.formulir.tampak import Tampilan

__all__ = ["FORMAT_IMPOR", "OLE2", "LembarMentah", "NilaiBaris", "buka_bukan_xlsx", "buka_csv", "buka_kalamin", "buka_xlsx_kalamin",
           "jenis_format", "lembar_kalamin"]

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 (and every other OLE2 compound file)
MIMETYPE_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
FORMAT_IMPOR = ("xlsx", "xls", "ods", "csv")


class LembarMentah(NamedTuple):
    """One sheet as read, in the fields of :class:`kinerja.impor.lembar.Grid` (which the
    caller builds from it)."""

    lembar: str
    nilai: dict
    rumus: dict
    gabung: dict
    baris_maks: int
    kolom_maks: int
    persen: frozenset
    tampak: bool
    tampilan: Tampilan | None


_NAMA = {"xls": "Excel 97–2003 (.xls)", "ods": "OpenDocument (.ods)"}


def jenis_format(raw: bytes) -> str | None:
    """``xlsx``, ``xls``, ``ods`` or ``csv`` from what ``raw`` holds; None for an empty file
    or one that is none of these (a PDF, an image, a Word file …).

    Examples
    --------
    >>> jenis_format(OLE2 + b"rest"), jenis_format(b"PK\\x03\\x04rest"), jenis_format(b"a;b\\n1;2\\n")
    ('xls', 'xlsx', 'csv')
    >>> jenis_format(b"%PDF-1.7\\n\\x00\\x01"), jenis_format(b"")
    (None, None)
    """
    if raw[:8] == OLE2:
        return "xls"
    if raw[:4] == b"PK\x03\x04":
        return "ods" if _mimetype(raw) == MIMETYPE_ODS else "xlsx"
    if not raw.strip():
        return None
    return "csv" if _teks(raw) else None


def _mimetype(raw: bytes) -> bytes | None:
    """The ``mimetype`` member of a zip: OpenDocument stores it first and uncompressed (so it
    is found even in a damaged zip), else it is looked up in the zip's directory."""
    if raw[30:38] == b"mimetype":
        return raw[38:38 + len(MIMETYPE_ODS)]
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            info = z.getinfo("mimetype")
            if info.file_size > 200:
                return None
            with z.open(info) as fh:
                return fh.read(200).strip()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return None


def _teks(raw: bytes) -> bool:
    """Whether ``raw`` reads as text the way Excel writes CSV (UTF-16 with a BOM, or no NUL and
    no other control bytes than tab and line ends in its first 64 kB)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:65536]
    return not any(b in head for b in (b"\0", b"\x01", b"\x02", b"\x03", b"\x04", b"\x05", b"\x06", b"\x07",
                                       b"\x08", b"\x0b", b"\x0e", b"\x0f", b"\x10", b"\x1a", b"\x1b", b"\x7f"))


def _nilai_sel(v: object) -> object:
    """A calamine value as openpyxl gives it: a blank cell is absent (calamine: ''), a date is
    a datetime at midnight."""
    if type(v) is dt.date:
        return dt.datetime(v.year, v.month, v.day)
    return v


_TIADA = object()


def _terisi(v: object) -> bool:
    return v != "" and v is not None


class NilaiBaris(MutableMapping):
    """The values of a sheet read by calamine as ``{(row, col): value}`` (1-based; a blank cell
    absent, a date a datetime, :func:`_nilai_sel`), answered from calamine's rows: a reader asks
    for a few columns of tens of thousands of rows, and a dict of every cell would cost more than
    the read itself. The dict is made only when the mapping is walked or changed.

    Examples
    --------
    >>> v = NilaiBaris([["a", ""], [1.5, dt.date(2025, 1, 2)]])
    >>> v.get((1, 1)), v.get((1, 2)), (2, 1) in v, v[(2, 2)], v.get((3, 1)), v.get((0, 1))
    ('a', None, True, datetime.datetime(2025, 1, 2, 0, 0), None, None)
    >>> v.kolom(2, range(1, 4)), v.kolom(1, range(2, 3))
    ([None, datetime.datetime(2025, 1, 2, 0, 0), None], [1.5])
    >>> dict(v) == {(1, 1): "a", (2, 1): 1.5, (2, 2): dt.datetime(2025, 1, 2)}, len(v), v.kolom_maks()
    (True, 3, 2)
    """

    __slots__ = ("_rows", "_isi", "_kolom")

    def __init__(self, rows: list[list]) -> None:
        self._rows, self._isi, self._kolom = rows, None, None

    def _dict(self) -> dict:
        if self._isi is None:
            self._isi = {(r, c): _nilai_sel(v) for r, row in enumerate(self._rows, start=1)
                         for c, v in enumerate(row, start=1) if _terisi(v)}
        return self._isi

    def get(self, key, default=None):
        if self._isi is not None:
            return self._isi.get(key, default)
        try:
            r, c = key
        except (TypeError, ValueError):
            return default
        if type(r) is not int or type(c) is not int:  # (a float or numpy key: as a dict answers it)
            return self._dict().get(key, default)
        if r < 1 or c < 1 or r > len(self._rows):
            return default
        row = self._rows[r - 1]
        if c > len(row) or (v := row[c - 1]) == "" or v is None:
            return default
        return _nilai_sel(v) if type(v) is dt.date else v

    def __getitem__(self, key):
        v = self.get(key, _TIADA)
        if v is _TIADA:
            raise KeyError(key)
        return v

    def __contains__(self, key) -> bool:
        return self.get(key, _TIADA) is not _TIADA

    def __iter__(self):
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def __bool__(self) -> bool:
        return bool(self._isi) if self._isi is not None else any(map(_terisi, chain.from_iterable(self._rows)))

    def __setitem__(self, key, value) -> None:
        self._dict()[key] = value

    def __delitem__(self, key) -> None:
        del self._dict()[key]

    def __repr__(self) -> str:
        return repr(self._dict())

    def kolom(self, c: int, baris: range) -> list:
        """The values of column ``c`` over the rows ``baris`` (None for a blank), as ``get`` gives
        them one by one, without a call per cell."""
        if self._isi is not None or type(c) is not int or baris.step != 1 or c < 1 or baris.start < 1:
            return [self.get((r, c)) for r in baris]
        if self._kolom is None:  # the width every row reaches (calamine's rows are all alike)
            self._kolom = min(map(len, self._rows), default=0)
        rows = self._rows[baris.start - 1:baris.stop - 1]
        if c <= self._kolom:  # taken at C speed
            picked = list(map(itemgetter(c - 1), rows))
        else:
            picked = [row[c - 1] if len(row) >= c else "" for row in rows]
        picked += [""] * (len(baris) - len(picked))
        if dt.date in set(map(type, picked)):
            return [None if v == "" or v is None else _nilai_sel(v) for v in picked]
        return [None if v == "" else v for v in picked]

    def kolom_maks(self) -> int:
        """The last column holding a value (0 for none)."""
        width = max(map(len, self._rows), default=0)
        for c in range(width, 0, -1):
            if any(len(row) >= c and _terisi(row[c - 1]) for row in self._rows):
                return c
        return 0


def lembar_kalamin(nama: str, rows: list[list], tampak: bool, gabungan=None, persen=frozenset(),
                   tampilan: Tampilan | None = None) -> LembarMentah:
    """One sheet read by python-calamine (``to_python(skip_empty_area=False)``: rows from A1);
    ``gabungan`` (``(min_row, min_col, max_row, max_col)``, 1-based) fills ``gabung`` as the
    full openpyxl read does. The values stay in calamine's rows (:class:`NilaiBaris`)."""
    cells = NilaiBaris(rows)
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in gabungan or ():
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    merged[(r, c)] = (r1, c1)
    return LembarMentah(nama, cells, {}, merged, len(rows), cells.kolom_maks(), persen, tampak, tampilan)


def buka_kalamin(raw: bytes, jenis: str, p: Penampung, rumus: bool):
    """Every worksheet of an .xls or .ods ``raw`` with what Excel shows of it, or None
    with the reason in ``p``."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    from kinerja.formulir.berkas import _RUSAK

    tampilan = _tampilan(raw, jenis, p)
    if tampilan is None:
        return None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        grids = []
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sisi = tampilan.get(meta.name)
            if sisi is None:  # a sheet calamine sees and the view reader does not: nothing to check it by
                p.galat("I48", meta.name, "", f"tampilan lembar \u201c{meta.name[:40]}\u201d (baris/kolom "
                        "tersembunyi, format persen) tidak dapat diperiksa; buka di Excel atau LibreOffice lalu "
                        "simpan ulang sebagai .xlsx")
                return None
            rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheet = lembar_kalamin(meta.name, rows, meta.visible == SheetVisibleEnum.Visible and sisi.tampilan.tampak,
                                   sisi.tampilan.gabungan if rumus else None, sisi.persen, sisi.tampilan)
            sheet.nilai.update(sisi.galat)
            grids.append(sheet)
        return grids
    except BaseException as exc:  # a panic of calamine's Rust code on damaged bytes is no Exception
        if not isinstance(exc, (CalamineError, *_RUSAK)) and type(exc).__name__ != "PanicException":
            raise
        p.galat("I47", "", "", f"isi berkas {_NAMA[jenis]} rusak sehingga tidak dapat dibaca "
                f"({' '.join(str(exc).split())[:80]}); buka di Excel atau LibreOffice lalu simpan ulang")
        return None


def _tampilan(raw: bytes, jenis: str, p: Penampung):
    """Per sheet name: its :class:`~kinerja.formulir.tampak.Tampilan` and the cells shown as a
    percent; None with the reason in ``p`` when the file passes a limit or cannot be read."""
    from kinerja.core.pindai import Tolak

    try:
        if jenis == "xls":
            from kinerja.impor.tampak_xls import baca_tampak_xls

            return baca_tampak_xls(raw)
        from kinerja.impor.ods import baca_tampak_ods

        return baca_tampak_ods(raw)
    except Tolak as t:
        p.galat(t.kode, t.lembar, t.sel, t.pesan)
        return None


def buka_xlsx_kalamin(raw: bytes, bagian: dict[str, bytes] | None = None) -> list[LembarMentah]:
    """The values of every worksheet of an .xlsx (already through the checks of
    :func:`kinerja.formulir.berkas.periksa_berkas`) read with python-calamine, and what Excel
    shows of them, percent and error cells included, from one streaming pass over the sheet
    XML (:func:`kinerja.formulir.tampak.baca_tampilan`; ``bagian``: the worksheet parts the fast
    scan already unpacked, :func:`kinerja.core.pindai_cepat.pindai_cepat`): the same sheets
    openpyxl's streaming read gives, about ten times faster. Raises what a damaged part raises."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    from kinerja.formulir.tampak import baca_tampilan

    try:  # (before the thread starts: calamine takes the bytes through Python, under the GIL read by read)
        wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except CalamineError:
        baca_tampilan(raw, True, bagian)  # a damaged part is named as before, when the view reader can name it
        raise
    # What Excel shows is read in a thread while calamine parses (without the GIL): every part calamine
    # may parse as a worksheet passed the scan (kinerja.core.pindai._bagian_lembar); nothing is returned
    # before both are done, and a sheet the view reader does not list is dropped, as openpyxl drops it.
    got: dict = {}

    def tampil() -> None:
        try:
            got["views"] = baca_tampilan(raw, True, bagian)
        except BaseException as exc:  # (raised in the caller's thread, below)
            got["galat"] = exc

    worker = threading.Thread(target=tampil, daemon=True)
    worker.start()
    try:
        parsed = [(meta.name, wb.get_sheet_by_name(meta.name)) for meta in wb.sheets_metadata
                  if meta.typ == SheetTypeEnum.WorkSheet]
    finally:
        worker.join()
        if "galat" in got:  # a damaged part is named as before, whatever calamine made of it
            raise got["galat"]
    out = []
    for name, sheet in parsed:
        view = got["views"].get(name)
        if view is not None:
            grid = lembar_kalamin(name, sheet.to_python(skip_empty_area=False), view.tampak, None, tampilan=view)
            grid.nilai.update(view.galat)
            out.append(grid._replace(persen=frozenset(pos for pos in view.persen if pos in grid.nilai)))
    return out


def buka_csv(raw: bytes, p: Penampung):
    """A CSV as one Grid named after the file (UTF-8 with or without BOM, UTF-16 with BOM or
    Windows-1252; separator ``;``, ``,`` or tab found from the text), or None with the reason in
    ``p`` (I49). Every cell is text, read as numbers the Indonesian way by ``Grid.angka``."""
    import csv

    from kinerja.core.berkas import _decode, pemisah_csv
    from kinerja.core.errors import KinerjaError
    from kinerja.core.pindai import BATAS_BARIS, BATAS_KOLOM, BATAS_SEL_TERISI
    nama = p.berkas
    try:
        text = _decode(raw, nama)
    except KinerjaError as exc:
        p.galat("I49", "", "", str(exc).removeprefix(f"{nama}: "))
        return None
    cells: dict[tuple[int, int], object] = {}
    n_rows = n_cols = 0
    sep = pemisah_csv(text)
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep), start=1):
            if r > BATAS_BARIS or len(row) > BATAS_KOLOM or len(cells) > BATAS_SEL_TERISI:
                p.galat("V48", nama, f"baris {r}", f"tabel CSV melebihi batas {BATAS_BARIS:,} baris, {BATAS_KOLOM} "
                        f"kolom atau {BATAS_SEL_TERISI:,} sel terisi; pisahkan berkasnya".replace(",", "."))
                return None
            for c, v in enumerate(row, start=1):
                if v.strip():
                    cells[(r, c)] = _angka_titik(v) if sep == "," else v
                    n_cols = max(n_cols, c)
            n_rows = r
    except csv.Error as exc:
        p.galat("I49", nama, "", f"isi CSV tidak dapat dibaca ({' '.join(str(exc).split())[:80]}); periksa tanda "
                "kutip dan pemisahnya, atau simpan ulang dari Excel sebagai CSV UTF-8")
        return None
    return [LembarMentah(nama, cells, {}, {}, n_rows, n_cols, frozenset(), True, Tampilan(nama))]


_ANGKA_TITIK = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?|-?\d+[eE][-+]?\d+")


def _angka_titik(v: str) -> object:
    """A cell of a comma-separated CSV: a plain number with a decimal point ("15.625", "1e-05")
    is that number, as the program that wrote it meant (a comma-separated file is not written by
    an Indonesian-locale Excel, which separates by ";" because its decimal mark is ","); any other
    text stays text, read the Indonesian way by ``Grid.angka``.

    Examples
    --------
    >>> _angka_titik("15.625"), _angka_titik("1.234.567"), _angka_titik("Rp 1.500")
    (15.625, '1.234.567', 'Rp 1.500')
    """
    return float(v) if _ANGKA_TITIK.fullmatch(v.strip()) else v


def buka_bukan_xlsx(raw: bytes, p: Penampung, rumus: bool):
    """The sheets of a workbook that is not an .xlsx (None with the reason in ``p``), or False
    when ``raw`` is to be read as an .xlsx (which includes a damaged zip and an empty file:
    the .xlsx checks name what is wrong with them)."""
    from kinerja.formulir.berkas import BATAS_UKURAN

    jenis = jenis_format(raw)
    if jenis == "xlsx" or not raw:
        return False
    if len(raw) > BATAS_UKURAN:
        p.galat("V48", "", "", f"berkas {len(raw) / 1048576:.1f} MB, melebihi batas {BATAS_UKURAN // 1048576} MB "
                "untuk satu berkas".replace(".", ","))
        return None
    if jenis is None:
        p.galat("I46", "", "", "isi berkas bukan lembar kerja yang dapat dibaca: bukan Excel (.xlsx, .xls), "
                "OpenDocument (.ods) maupun teks CSV (apa pun akhiran namanya); simpan tabelnya sebagai .xlsx atau "
                ".csv")
        return None
    if jenis == "csv":
        return buka_csv(raw, p)
    return buka_kalamin(raw, jenis, p, rumus)
