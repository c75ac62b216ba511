"""The limits of :mod:`kinerja.core.pindai` checked at C speed, for a workbook written the plain
way (as Excel, openpyxl and the e-budgeting/SIPD exporters write it).

:func:`kinerja.core.pindai.pindai` parses every worksheet with expat callbacks, one Python call
per element: about two seconds for an export of 50.000 rows. What it counts can be bounded
without a call per cell when the XML is plain: every cell starts ``<c r="``, every row
``<row r="``, no element of the sheet carries a namespace prefix, and there is no comment,
CDATA, DTD or processing instruction. Then a cell past column Z or row 99.999 (and every tag
``<c…`` that is not a cell) is found by one search, a row past 99.999 by another, the written cells
are ``count(b'<c r="')`` (only when the parts are large enough to hold more than the limit) and the
merged ranges the few tags read by regular expressions (all byte scans in C). :func:`pindai_cepat`
returns the unpacked worksheet parts when every bound is within the limits, so that
:mod:`kinerja.formulir.tampak` reads what Excel shows from the same bytes; it returns None
whenever it is in doubt (a part that is not plain, a bound past a limit, a damaged zip), and the
caller then runs :func:`~kinerja.core.pindai.pindai`, which gives the exact verdict and message.
It scans the parts ``pindai`` scans (:func:`kinerja.core.pindai._bagian_lembar`: every part
python-calamine may parse as a worksheet). It bounds sizes, and of the syntax only that each worksheet
and the shared strings end whole (:func:`utuh`): a part cut short, even inside a zip whose checksums
hold, is left to ``pindai``, which refuses it located at its sheet (V01), never read as fewer rows (a
tag left open inside a part that ends whole is refused by ``pindai`` or calamine). No file past a
limit that ``pindai`` refuses passes it (tests/test_pindai_cepat.py, tests/test_impor_potong.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import NamedTuple

from kinerja.core import pindai as _p

__all__ = ["LembarPolos", "pindai_cepat", "polos", "utuh"]

_BAGIAN_MAKS = 64 * 1024 * 1024  # a worksheet unpacked in memory at most; a larger one is streamed by pindai
# An element of interest under a namespace prefix (expat folds it to its local name, a byte scan does not).
_BERAWALAN = re.compile(rb":(?:c|row|col|cols|mergeCell|mergeCells|sheetFormatPr|sheetData|dimension|si|v|is|t"
                        rb"|worksheet|sst)[\s/>]")
_C_LAIN = re.compile(rb'<c(?! r=")')  # <col>, <cols>, <cfRule> … and a cell without its r first
# The same, and a cell past column Z or row 99.999 (or with an odd address), in one pass: on most exports
# this finds only the few <col>/<cols>/<cfRule> tags.
_C_JAUH = re.compile(rb'<c(?! r="[A-Z]\d{1,5}")')
_TAG = re.compile(rb"<([^\s/>]+)([^>]*)>")
_BARIS_ANEH = re.compile(rb'<row\b(?! r="\d{1,5}")')  # a row without its r first, or at row 100.000 or later
_ANEH = re.compile(rb'<c r="(?!\$?[A-Za-z]{1,3}\$?\d{1,5}")')  # an odd address, or a row past 99.999
_HURUF = re.compile(rb'<c r="\$?([A-Za-z]+)')
_REF = re.compile(rb'\sref="([^"]*)"')


class LembarPolos(NamedTuple):
    """A plain worksheet part within the limits: its bytes and the attributes (raw bytes) of its
    ``<col>`` and ``<mergeCell>`` tags, in document order (the tags found on the way; the rest of
    what Excel shows is read from the bytes by :mod:`kinerja.formulir.tampak`)."""

    data: bytes
    kolom: list
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


def _tag_c(d: bytes, pola: re.Pattern) -> tuple[list[bytes], bool] | None:
    """Among the tags ``<c…`` that ``pola`` finds: the attributes of the ``<col>`` tags, and whether
    one is a cell with its address first (only :data:`_C_JAUH` finds one: a cell far from A1, at
    which the search stops); None for a cell without its address first (its place is counted, not
    read)."""
    cols = []
    for m in pola.finditer(d):
        if d.startswith(b'<c r="', m.start()):
            return cols, True
        tag = _TAG.match(d, m.start())
        if tag is None or tag.group(1) == b"c":
            return None
        if tag.group(1) == b"col":
            cols.append(tag.group(2))
    return cols, False


def _jangkau(d: bytes) -> tuple[int, int] | None:
    """Upper bounds of the farthest row and column a cell reaches, for a part with a cell past
    column Z or row 99.999: None for an odd address or a cell at row 100.000 or later."""
    if _ANEH.search(d) is not None:
        return None
    return 99_999, max(_p._nomor_kolom(x.decode("ascii")) for x in set(_HURUF.findall(d)))


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


_AKAR = re.compile(rb"<([^\s/>?!]+)")


def utuh(d: bytes) -> bool:
    """Whether a plain part (:func:`polos`) ends with the closing tag of its root element (after
    whitespace) and, in a worksheet, closes its ``<sheetData>`` before that: a part cut short (its
    zip may still be whole) ends neither way. In a plain part the bytes ``</worksheet>`` can only be
    the root's end tag (``<`` is escaped in text and attributes), so this looks at the two ends of
    the part, never at the bytes between them; a part cut and closed again by hand is another,
    whole file (what it holds is read), and one closed wrongly is refused by the parsers.

    Examples
    --------
    >>> whole = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    >>> utuh(whole), utuh(whole[:40]), utuh(whole[:29] + b"</worksheet>"), utuh(b'<?xml version="1.0"?><sst/>')
    (True, False, False, True)
    """
    root = _AKAR.search(d)
    if root is None:
        return False
    end = d.rstrip()
    if not (end.endswith(b"</" + root.group(1) + b">") or end.endswith(b"/>") and d.find(b"<", root.end()) == -1):
        return False
    if root.group(1) != b"worksheet":
        return True
    start = d.find(b"<sheetData")
    return start != -1 and (d.startswith(b"<sheetData/>", start) or d.rfind(b"</sheetData>") > start)


def _lembar_aman(d: bytes, luas: int) -> LembarPolos | None:
    """A plain worksheet's tags when it is whole (:func:`utuh`) and every bound but the count of
    cells is within the limits, else None. A row element gives its number first and below 100.000
    and a cell its address, so the farthest row is below 100.000 and, unless a cell lies past
    column Z, the farthest column Z."""
    if not (polos(d) and utuh(d)):
        return None
    found = _tag_c(d, _C_JAUH)
    far = found is not None and found[1]
    if far:  # the tags once more, past the far cells
        found = _tag_c(d, _C_LAIN)
    if found is None or _BARIS_ANEH.search(d) is not None:
        return None
    reach = _jangkau(d) if far else (99_999, 26)
    merges = [a for _, a in _tag(d, b"mergeCell")]
    if reach is None or not _gabung_aman(merges, *reach, luas):
        return None
    return LembarPolos(d, found[0], merges)


def _teks_aman(d: bytes) -> bool:
    """Whether the shared strings are surely within the limits: no more ``<si`` than allowed
    and no stretch between two of them longer than one string may be (a character is at least
    one byte, an entity more)."""
    if not (polos(d) and utuh(d)):
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
    sheets = set(_p._bagian_lembar(arsip, names))
    out, sisa = {}, arsip.sisa
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
            out[info.filename] = found
    # Each written cell takes at least the six bytes of `<c r="` (which cannot overlap): they are
    # counted only when the parts are large enough to hold more than the limit.
    if sum(len(part.data) for part in out.values()) // 6 <= _p.BATAS_SEL_TERISI:
        return out
    return out if sum(part.data.count(b'<c r="') for part in out.values()) <= _p.BATAS_SEL_TERISI else None
