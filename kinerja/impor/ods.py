"""What an OpenDocument spreadsheet (.ods) holds and shows, counted from its zip before any of
it is loaded: one streaming pass over ``content.xml`` (expat, no DTD, under the unpacked-size
budget of :mod:`kinerja.core.pindai`) gives every sheet's written cells, rows, columns and
merged ranges against the limits every workbook passes, and what Excel or LibreOffice shows
of it: the sheet hidden by its table style (``table:display="false"``), rows and columns
with ``table:visibility`` collapse or filter or too low or narrow to show anything, merged
ranges (``number-columns-spanned``/``number-rows-spanned``), cells of value type
``percentage`` (a 0,25 shown as 25 %) and cells holding a formula error.

A row or column written once with a repeat count (LibreOffice writes a million empty rows
that way) counts only where it holds something.
"""

from __future__ import annotations

import io
import re
import zipfile

from kinerja.core.pindai import (BATAS_BAGIAN, BATAS_ISI, BATAS_LUAS, Tolak, _Arsip, _kolom, _Lembar,
                                 _nama_aman, _ZIP_RUSAK)
from kinerja.formulir.tampak import LEBAR_MIN, TINGGI_MIN, SisiLembar, Tampilan

__all__ = ["baca_tampak_ods"]

_TITIK = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "px": 0.75}
_PANJANG = re.compile(r"\s*([\d.]+)\s*([a-z]*)")
_LEBAR_HURUF = 5.25  # points of one character of the default font (7 px)
_TERSEMBUNYI = ("collapse", "filter")


def _titik(value: str | None) -> float | None:
    """A length such as ``0.1in`` or ``2.5mm`` in points; None when it cannot be read."""
    m = _PANJANG.match(value or "")
    if not m or m.group(2) not in _TITIK:
        return None
    try:
        return float(m.group(1)) * _TITIK[m.group(2)]
    except ValueError:
        return None


def _atribut(attrs: dict) -> dict:
    return {k.rpartition(" ")[2]: v for k, v in attrs.items()}


def _ulang(a: dict, key: str) -> int:
    v = a.get(key, "1")
    return int(v) if v.isdigit() and int(v) > 0 else 1


class _Isi:
    """Streams content.xml: styles first (which hide a sheet, a row or a column), then each
    table, row and cell."""

    def __init__(self) -> None:
        self.gaya: dict[str, str] = {}  # style name -> its family, while its properties are read
        self.sembunyi_gaya: set[str] = set()
        self.hasil: dict = {}
        self.hitung = [0]
        self.lembar = None
        self.sel_aktif = None  # [column, repeat, percent, has content, error, text]

    def start(self, tag, attrs):
        name, a = tag.rpartition(" ")[2], _atribut(attrs)
        if name == "style":
            self.gaya_kini = a.get("name", "")
        elif name in ("table-properties", "table-row-properties", "table-column-properties"):
            self._gaya(name, a)
        elif name == "table":
            self._tabel(a)
        elif self.lembar is None:
            return
        elif name == "table-column":
            self._kolom_tabel(a)
        elif name == "table-row":
            self.r, self.c, self.n_baris = self.r + 1, 0, _ulang(a, "number-rows-repeated")
            self.isi_baris: list[tuple[int, int, bool, str | None]] = []
            if a.get("visibility") in _TERSEMBUNYI or a.get("style-name") in self.sembunyi_gaya:
                self.baris_sembunyi.append((self.r, self.r + self.n_baris - 1))
        elif name in ("table-cell", "covered-table-cell"):
            self._sel(name, a, any(k.endswith("value-type") and v == "error" for k, v in attrs.items()))
        elif self.sel_aktif is not None:
            self.sel_aktif[3] = True  # text:p, text:span … inside a cell

    def _gaya(self, name: str, a: dict) -> None:
        hidden = {"table-properties": a.get("display") == "false",
                  "table-row-properties": (_titik(a.get("row-height")) or TINGGI_MIN) < TINGGI_MIN,
                  "table-column-properties": (_titik(a.get("column-width")) or 99) < LEBAR_MIN * _LEBAR_HURUF}[name]
        if hidden:
            self.sembunyi_gaya.add(getattr(self, "gaya_kini", ""))

    def _tabel(self, a: dict) -> None:
        if self.lembar is not None:  # a table inside a table: nothing Excel would show as a sheet
            raise Tolak("I47", self.lembar.nama, "", "lembar berisi tabel di dalam tabel, yang tidak dapat dibaca "
                        "sebagai lembar kerja; simpan ulang sebagai .xlsx")
        nama = a.get("name", "")
        keadaan = "hidden" if a.get("style-name") in self.sembunyi_gaya or a.get("display") == "false" else "visible"
        self.lembar, self.tampilan = _Lembar(nama, BATAS_LUAS, self.hitung), Tampilan(nama, keadaan)
        self.r = self.c_kolom = 0
        self.baris_sembunyi: list[tuple[int, int]] = []
        self.persen, self.galat = set(), {}

    def _kolom_tabel(self, a: dict) -> None:
        n = _ulang(a, "number-columns-repeated")
        lo, self.c_kolom = self.c_kolom + 1, self.c_kolom + n
        if a.get("visibility") in _TERSEMBUNYI or a.get("style-name") in self.sembunyi_gaya:
            self.tampilan.kolom_sembunyi.append((lo, self.c_kolom))

    def _sel(self, name: str, a: dict, error: bool) -> None:
        n = _ulang(a, "number-columns-repeated")
        col = self.c + 1
        self.c += n
        content = "value-type" in a or "formula" in a
        self.sel_aktif = [col, n, a.get("value-type") == "percentage", content, error, []]
        spans = _ulang(a, "number-rows-spanned"), _ulang(a, "number-columns-spanned")
        if name == "table-cell" and spans != (1, 1):
            ref = f"{_kolom(col)}{self.r}:{_kolom(col + spans[1] - 1)}{self.r + spans[0] - 1}"
            self.lembar.gabungan(ref)
            self.tampilan.gabungan.append((self.r, col, self.r + spans[0] - 1, col + spans[1] - 1))

    def text(self, data):
        if self.sel_aktif is not None and data.strip():
            self.sel_aktif[3] = True
            if self.sel_aktif[4]:
                self.sel_aktif[5].append(data)

    def end(self, tag):
        name = tag.rpartition(" ")[2]
        if name in ("table-cell", "covered-table-cell") and self.sel_aktif is not None:
            col, n, percent, content, error, text = self.sel_aktif
            if content:
                self.isi_baris.append((col, n, percent, "".join(text).strip() or "#N/A" if error else None))
            self.sel_aktif = None
        elif name == "table-row" and self.lembar is not None:
            self._akhir_baris()
        elif name == "table" and self.lembar is not None:
            self._akhir_tabel()

    def _akhir_baris(self) -> None:
        first = self.r
        self.r += self.n_baris - 1
        for r in range(first, self.r + 1) if self.isi_baris else ():
            for col, n, percent, error in self.isi_baris:
                for c in range(col, col + n):
                    self.lembar.sel(f"{_kolom(c)}{r}")
                    if percent:
                        self.persen.add((r, c))
                    if error is not None:
                        self.galat[(r, c)] = error

    def _akhir_tabel(self) -> None:
        last = self.lembar.max_row
        for lo, hi in self.baris_sembunyi:
            self.tampilan.baris_sembunyi.update(range(lo, min(hi, last) + 1))
        self.hasil[self.tampilan.nama] = SisiLembar(self.tampilan, frozenset(self.persen), self.galat)
        self.lembar = None


def _sebut_ods(t: Tolak) -> Tolak:
    """A refusal of the zip checks shared with .xlsx (:mod:`kinerja.core.pindai`) worded for the
    file it is: an OpenDocument file, saved again from LibreOffice or Excel."""
    pesan = re.sub(r"(?<!LibreOffice atau )\bExcel\b", "LibreOffice atau Excel", t.pesan.replace(
        "berkas .xlsx", "berkas OpenDocument (.ods)").replace("arsip .xlsx", "arsip .ods").replace(".xlsx", ".ods"))
    return Tolak(t.kode, t.lembar, t.sel, pesan.replace("workbook", "berkas"))


def baca_tampak_ods(raw: bytes) -> dict:
    """Per sheet name, a :class:`~kinerja.formulir.tampak.SisiLembar` (what is shown of it, its
    percent and error cells), after the limits; raises :class:`~kinerja.core.pindai.Tolak`.

    Examples
    --------
    >>> try:
    ...     baca_tampak_ods(b"PK\\x03\\x04 terpotong")
    ... except Tolak as t:
    ...     print(t.kode, t.pesan[:46])
    I47 isi berkas OpenDocument (.ods) rusak atau terp
    """
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_RUSAK:
        raise Tolak("I47", "", "", "isi berkas OpenDocument (.ods) rusak atau terpotong (arsip zip tidak utuh); "
                    "simpan ulang dari LibreOffice atau Excel") from None
    try:
        return _baca(z)
    except Tolak as t:
        raise _sebut_ods(t) from None


def _baca(z: zipfile.ZipFile) -> dict:
    """The zip's members checked and content.xml streamed (see :func:`baca_tampak_ods`)."""
    with z:
        infos = z.infolist()
        _nama_aman(infos)
        if sum(info.file_size for info in infos) > BATAS_ISI:
            raise Tolak("V48", "", "", f"isi berkas lebih dari {BATAS_ISI // 1048576} MB setelah dibuka, melebihi "
                        "batas untuk satu berkas")
        if "content.xml" not in {info.filename for info in infos}:
            raise Tolak("I47", "", "", "berkas OpenDocument (.ods) tanpa bagian content.xml, sehingga tidak berisi "
                        "lembar; simpan ulang dari LibreOffice atau Excel")
        arsip, isi = _Arsip(z), _Isi()
        arsip.alir("content.xml", start=isi.start, end=isi.end, text=isi.text)
        for info in infos:
            if info.filename != "content.xml" and not info.is_dir():
                arsip.alir(info.filename, batas=BATAS_BAGIAN)
    return isi.hasil
