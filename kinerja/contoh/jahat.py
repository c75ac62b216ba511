"""Hostile workbooks: small files that cost minutes and gigabytes to a reader that trusts them.

Each builder takes a real workbook (its bytes) and returns a copy changed at the zip level, sized
by its arguments: the benchmark (``benchmarks/bench_berkas_jahat.py``) builds the worst cases of
issue #26, the tests (``tests/test_batas_berkas.py``) variants just over each limit. Every one
must be refused by :func:`kinerja.core.pindai.pindai` before openpyxl reads it.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator

__all__ = ["anggota_kembar", "baris_banyak", "gabung_luas", "jalur_luar", "sel_jauh", "teks_banyak",
           "teks_panjang"]

_SHEET = "xl/worksheets/sheet1.xml"
_SST_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _salin(raw: bytes, ganti: dict[str, Callable[[], Iterator[bytes]]], tambah: tuple = ()) -> bytes:
    """A copy of the workbook ``raw`` whose members named in ``ganti`` are written from the
    chunks their function yields (streamed, so a 400 MB member never sits in memory), plus the
    ``(name, bytes)`` members of ``tambah`` (a name may repeat one already there)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        missing = set(ganti) - set(src.namelist())
        if missing:  # replaced, never added: a new part would need its content type to be read
            raise ValueError(f"not in the workbook: {sorted(missing)}")
        for item in src.infolist():
            if item.filename in ganti:
                continue
            z.writestr(item, src.read(item.filename))
        for name, chunks in ganti.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as fh:
                for chunk in chunks():
                    fh.write(chunk)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
            for name, data in tambah:
                z.writestr(name, data)
    return out.getvalue()


def _lembar(raw: bytes, ubah: Callable[[str], str]) -> Callable[[], Iterator[bytes]]:
    with zipfile.ZipFile(io.BytesIO(raw)) as src:
        text = src.read(_SHEET).decode("utf-8")
    return lambda: iter([ubah(text).encode("utf-8")])


def sel_jauh(raw: bytes, ref: str = "SF30000") -> bytes:
    """One text cell at ``ref`` (a row below every other) in the first sheet."""
    row = re.search(r"\d+$", ref).group(0)
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    return _salin(raw, {_SHEET: _lembar(raw, lambda t: _ganti(t, "</sheetData>", cell + "</sheetData>"))})


def gabung_luas(raw: bytes, ref: str = "AM200:XFD1048576") -> bytes:
    """A merged range ``ref`` in the first sheet."""
    def ubah(text: str) -> str:
        if "<mergeCells" in text:
            return re.sub(r"<mergeCells[^>]*>", f'<mergeCells><mergeCell ref="{ref}"/>', text, count=1)
        return _ganti(text, "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>')
    return _salin(raw, {_SHEET: _lembar(raw, ubah)})


def baris_banyak(raw: bytes, n: int = 200_000, kolom: int = 5) -> bytes:
    """The first sheet replaced by ``n`` rows of ``kolom`` numbers each."""
    def chunks() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{_SST_NS}"><sheetData>'.encode()
        for r in range(1, n + 1):
            yield (f'<row r="{r}">' + "".join(f"<c><v>{r * 1000 + c}</v></c>" for c in range(kolom)) + "</row>").encode()
        yield b"</sheetData></worksheet>"
    return _salin(raw, {_SHEET: chunks})


def teks_banyak(raw: bytes, n: int = 2_000_000) -> bytes:
    """``n`` distinct shared strings no cell uses."""
    def chunks() -> Iterator[bytes]:
        yield f'<sst xmlns="{_SST_NS}" count="{n}" uniqueCount="{n}">'.encode()
        for i in range(0, n, 10_000):
            yield "".join(f"<si><t>teks {j}</t></si>" for j in range(i, min(n, i + 10_000))).encode()
        yield b"</sst>"
    return _salin(raw, {"xl/sharedStrings.xml": chunks})


def teks_panjang(raw: bytes, panjang: int = 400 * 1024 * 1024) -> bytes:
    """One shared string ``panjang`` characters long (it compresses to a few hundred kB)."""
    def chunks() -> Iterator[bytes]:
        yield f'<sst xmlns="{_SST_NS}" count="1" uniqueCount="1"><si><t>'.encode()
        block = b"A" * (1 << 20)
        for start in range(0, panjang, len(block)):
            yield block[: min(len(block), panjang - start)]
        yield b"</t></si></sst>"
    return _salin(raw, {"xl/sharedStrings.xml": chunks})


def anggota_kembar(raw: bytes, nama: str = _SHEET) -> bytes:
    """A second zip member named ``nama`` (in other capitals when ``nama`` differs only so),
    holding an empty sheet: openpyxl reads the last, Excel another."""
    return _salin(raw, {}, ((nama, f'<worksheet xmlns="{_SST_NS}"><sheetData/></worksheet>'.encode()),))


def jalur_luar(raw: bytes, nama: str = "../../lampiran.txt") -> bytes:
    """A member whose name leads outside the archive."""
    return _salin(raw, {}, ((nama, b"x"),))


def _ganti(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"{old} not in the sheet")
    return text.replace(old, new, 1)
