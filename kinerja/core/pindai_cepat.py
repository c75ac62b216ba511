"""The limits of :mod:`kinerja.core.pindai` checked at C speed, for a workbook written the plain
way (as Excel, openpyxl and the e-budgeting/SIPD exporters write it).

:func:`kinerja.core.pindai.pindai` parses every worksheet with expat callbacks, one Python call
per element: about two seconds for an export of 50.000 rows. What it counts can be bounded
without a call per cell when the XML is plain: every cell starts ``<c r="``, every row
``<row r="``, no element of the sheet carries a namespace prefix, and there is no comment,
CDATA, DTD or processing instruction. Then the written cells are ``count(b'<c r="')``, a cell
past column Z or row 99.999 is found by one search, and the rows, columns and merged ranges are
the few tags read by regular expressions (all byte scans in C). :func:`pindai_cepat` returns the
unpacked worksheet parts when every bound is within the limits, so that
:mod:`kinerja.formulir.tampak` reads what Excel shows from the same bytes; it returns None
whenever it is in doubt (a part that is not plain, a bound past a limit, a damaged zip), and the
caller then runs :func:`~kinerja.core.pindai.pindai`, which gives the exact verdict and message.
It never accepts what ``pindai`` refuses (tests/test_pindai_cepat.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import NamedTuple

from kinerja.core import pindai as _p

__all__ = ["LembarPolos", "pindai_cepat", "polos"]

_BAGIAN_MAKS = 64 * 1024 * 1024  # a worksheet unpacked in memory at most; a larger one is streamed by pindai
# An element of interest under a namespace prefix (expat folds it to its local name, a byte scan does not).
_BERAWALAN = re.compile(rb":(?:c|row|col|cols|mergeCell|mergeCells|sheetFormatPr|sheetData|dimension|si|v|is|t"
                        rb"|worksheet|sst)[\s/>]")
_C_LAIN = re.compile(rb'<c(?! r=")')  # <col>, <cols>, <cfRule> … and a cell without its r first
_TAG = re.compile(rb"<([^\s/>]+)([^>]*)>")
_BARIS = re.compile(rb"<row\b([^>]*)>")
_BARIS_R = re.compile(rb'\0 r="(\d+)"')
_SEL_JAUH = re.compile(rb'<c r="(?![A-Z]\d{1,5}")')  # a cell past column Z or row 99.999, or an odd address
_ANEH = re.compile(rb'<c r="(?!\$?[A-Za-z]{1,3}\$?\d{1,5}")')  # an odd address, or a row past 99.999
_HURUF = re.compile(rb'<c r="\$?([A-Za-z]+)')
_REF = re.compile(rb'\sref="([^"]*)"')


class LembarPolos(NamedTuple):
    """A plain worksheet part within the limits: its bytes and the attributes (raw bytes) of the
    tags that say what Excel shows, in document order; ``format`` with each tag's offset and
    ``baris_awal`` the offset of the first row (-1 for none)."""

    data: bytes
    baris: list
    baris_awal: int
    kolom: list
    format: list
    gabung: list


def _tag(d: bytes, name: bytes) -> list[tuple[int, bytes]]:
    """Every ``<name …>`` tag of ``d`` (not ``<nameMore``) as (offset, attributes): a rare tag,
    found by ``bytes.find`` (faster than a regular expression on a long name)."""
    out, i = [], d.find(b"<" + name)
    while i != -1:
        m = _TAG.match(d, i)
        if m is not None and m.group(1) == name:
            out.append((i, m.group(2)))
        i = d.find(b"<" + name, i + 1)
    return out


def polos(d: bytes) -> bool:
    """Whether an XML part is plain: no comment, CDATA, DTD or processing instruction after its
    declaration, and no element of a worksheet or of the shared strings under a prefix."""
    start = d.find(b"?>") + 2 if d.startswith(b"<?xml") else 0
    for mark in (b"!", b"?"):  # (memchr for the rare byte, then a look at the byte before)
        i = d.find(mark, start)
        while i != -1:
            if d[i - 1:i] == b"<":
                return False
            i = d.find(mark, i + 1)
    return _BERAWALAN.search(d) is None


def _jangkau(d: bytes, rows_attrs: list[bytes]) -> tuple[int, int] | None:
    """Upper bounds of the farthest row and column a row element or a cell reaches; None when
    not plain (a row without its r first, an odd address) or a cell is at row 100.000 or later."""
    numbers = _BARIS_R.findall(b"\0" + b"\0".join(rows_attrs))  # (the row tags only, not the sheet again)
    if len(numbers) != len(rows_attrs):
        return None  # a row without its r first: its place is counted, not read
    rows = max(map(int, numbers), default=0)
    if _SEL_JAUH.search(d) is None:  # every cell in A1:Z99999
        return max(rows, 99_999), 26
    if _ANEH.search(d) is not None:
        return None
    return max(rows, 99_999), max(_p._nomor_kolom(x.decode("ascii")) for x in set(_HURUF.findall(d)))


def _gabung_aman(merges: list[bytes], rows: int, cols: int, luas: int) -> bool:
    """Whether the merged ranges and the area they make with the cells are within the limits."""
    merged_area = 0
    for attrs in merges:
        ref = _REF.search(attrs)
        first, _, last = (ref.group(1).decode("ascii", "replace") if ref else "").partition(":")
        a, b = _p._SEL.match(first), _p._SEL.match(last or first)
        if not (a and b):
            return False
        (r1, r2), (c1, c2) = (sorted((int(a.group(2)), int(b.group(2)))),
                              sorted((_p._nomor_kolom(a.group(1)), _p._nomor_kolom(b.group(1)))))
        rows, cols = max(rows, r2), max(cols, c2)
        merged_area += (r2 - r1 + 1) * (c2 - c1 + 1)
    return not (len(merges) > _p.BATAS_GABUNG or merged_area > _p.BATAS_LUAS_PENUH or rows > _p.BATAS_BARIS
                or cols > _p.BATAS_KOLOM or rows * cols > luas)


def _lembar_aman(d: bytes, luas: int) -> tuple[int, LembarPolos] | None:
    """The cells of a plain worksheet and its tags when every bound is within the limits, else None."""
    if not polos(d):
        return None
    cols_attrs = []
    for m in _C_LAIN.finditer(d):
        tag = _TAG.match(d, m.start())
        if tag is None or tag.group(1) == b"c":
            return None  # a cell without its address first: its place is counted, not read
        if tag.group(1) == b"col":
            cols_attrs.append(tag.group(2))
    rows_attrs = _BARIS.findall(d)
    reach = _jangkau(d, rows_attrs)
    merges = [a for _, a in _tag(d, b"mergeCell")]
    if reach is None or not _gabung_aman(merges, *reach, luas):
        return None
    return d.count(b'<c r="'), LembarPolos(d, rows_attrs, d.find(b"<row"), cols_attrs, _tag(d, b"sheetFormatPr"),
                                           merges)


def _teks_aman(d: bytes) -> bool:
    """Whether the shared strings are surely within the limits: no more ``<si`` than allowed
    and no stretch between two of them longer than one string may be (a character is at least
    one byte, an entity more)."""
    if not polos(d):
        return False
    parts = d.split(b"<si")
    return len(parts) - 1 <= _p.BATAS_TEKS and max(map(len, parts)) <= _p.BATAS_PANJANG_TEKS


def _baca(z: zipfile.ZipFile, info: zipfile.ZipInfo, sisa: int, batas: int) -> bytes | None:
    """A member unpacked (at most ``min(sisa, batas)`` bytes, else None)."""
    cap = min(sisa, batas)
    with z.open(info) as fh:
        data = fh.read(cap + 1)
    return None if len(data) > cap else data


def pindai_cepat(berkas: bytes, penuh: bool = False) -> dict[str, LembarPolos] | None:
    """The unpacked worksheet parts (by member name, with their tags) when the workbook is surely within every
    limit of :func:`~kinerja.core.pindai.pindai`, else None (then ``pindai`` decides).

    Examples
    --------
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1"/></row>'
    ...                '</sheetData></worksheet>')
    >>> sorted(pindai_cepat(buf.getvalue()))
    ['xl/worksheets/sheet1.xml']
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="SF600"/></row>'
    ...                '</sheetData></worksheet>')
    >>> pindai_cepat(buf.getvalue()) is None
    True
    """
    try:
        with zipfile.ZipFile(io.BytesIO(berkas)) as z:
            return _periksa(z, penuh)
    except (_p.Tolak, *_p._ZIP_RUSAK):
        return None


def _periksa(z: zipfile.ZipFile, penuh: bool) -> dict[str, LembarPolos] | None:
    infos = z.infolist()
    _p._nama_aman(infos)
    if sum(info.file_size for info in infos) > _p.BATAS_ISI:
        return None
    names = {info.filename for info in infos}
    arsip = _p._Arsip(z)
    sheets = set(_p._nama_lembar(arsip, names))
    sheets |= {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml") and n.count("/") == 2}
    out, cells, sisa = {}, 0, arsip.sisa
    luas = _p.BATAS_LUAS_PENUH if penuh else _p.BATAS_LUAS
    for info in infos:
        if info.is_dir() or info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            continue
        part = info.filename in sheets or info.filename == "xl/sharedStrings.xml"
        data = _baca(z, info, sisa, _BAGIAN_MAKS if part else _p.BATAS_BAGIAN)
        if data is None:
            return None
        sisa -= len(data)
        if info.filename == "xl/sharedStrings.xml":
            if not _teks_aman(data):
                return None
        elif part:
            found = _lembar_aman(data, luas)
            if found is None:
                return None
            cells += found[0]
            out[info.filename] = found[1]
    return out if cells <= _p.BATAS_SEL_TERISI else None
