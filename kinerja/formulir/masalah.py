"""What reading a workbook yields before it is loaded: the sheet as read (:class:`Lembar`),
the problems found (:class:`Masalah`, collected by :class:`Penampung`) and the outcome of a
file (:class:`HasilMuat`). Shared by :mod:`kinerja.formulir.lembar` (reading) and
:mod:`kinerja.formulir.validasi` (checking), which therefore do not import each other both ways.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from kinerja.core.formatting import bulatkan, format_angka, pendek
from kinerja.formulir.tata_letak import Formulir

__all__ = ["Angka", "BATAS_SEBUT", "HasilMuat", "Lembar", "Masalah", "Penampung", "pendek", "sebut_terbatas",
           "teks_angka", "teks_sel"]


@dataclass(frozen=True)
class Masalah:
    """One problem found in a file; ``galat`` blocks the file, ``peringatan`` does not."""

    tingkat: str  # "galat" or "peringatan"
    berkas: str
    lembar: str
    sel: str
    pesan: str
    kode: str  # a stable rule identifier, e.g. "V13"

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.berkas, f"lembar {self.lembar}" if self.lembar else "",
                                      f"sel {self.sel}" if self.sel else "") if p)
        label = "" if self.tingkat == "galat" else "peringatan: "
        return f"{where}: {label}{self.pesan}"


@dataclass
class HasilMuat:
    """The outcome of one file."""

    berkas: str
    status: str  # "dimuat", "sama" (already loaded), "ditolak"
    masalah: list[Masalah] = field(default_factory=list)
    formulir: str = ""
    unit: str = ""
    tahun: int | None = None
    bulan: int | None = None
    submission_id: int | None = None
    revisi: int = 0
    baris: dict[str, int] = field(default_factory=dict)

    @property
    def galat(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == "galat"]

    @property
    def peringatan(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == "peringatan"]


@dataclass
class Lembar:
    """A sheet's data rows as read: one column per field, ``_baris`` the Excel row."""

    nama: str
    formulir: Formulir
    data: pd.DataFrame

    def sel(self, field_name: str, baris: int) -> str:
        j = self.formulir.fields().index(field_name) + 1
        return f"{get_column_letter(j)}{baris}"

    def rujukan(self, field_name: str, baris: pd.Series | None = None) -> pd.Series:
        """Each data row's cell of ``field_name`` as a reference (``Lembar!F12``), for the store's
        ``sel``: where the value was read (``baris``: the row each value came from, when a value
        was carried down from a row above; default the row's own)."""
        from kinerja.core.rujukan import rujukan_kolom

        baris = self.data["_baris"] if baris is None else baris
        return rujukan_kolom(self.nama, self.formulir.fields().index(field_name) + 1, baris)


class Penampung:
    """Collects problems for one file."""

    def __init__(self, berkas: str) -> None:
        self.berkas = berkas
        self.daftar: list[Masalah] = []

    def galat(self, kode: str, lembar: str, sel: str, pesan: str) -> None:
        self.daftar.append(Masalah("galat", self.berkas, lembar, sel, pesan, kode))

    def peringatan(self, kode: str, lembar: str, sel: str, pesan: str) -> None:
        self.daftar.append(Masalah("peringatan", self.berkas, lembar, sel, pesan, kode))

    @property
    def ada_galat(self) -> bool:
        return any(m.tingkat == "galat" for m in self.daftar)


class Angka(float):
    """A number read from an Excel cell, with the text the cell shows (its number format
    applied the Indonesian way): the value is kept exactly, the text is what documents
    repeat "as written"."""

    teks: str

    def __new__(cls, value: float, teks: str) -> "Angka":
        obj = super().__new__(cls, value)
        obj.teks = teks
        return obj

    def __reduce__(self):
        return (Angka, (float(self), self.teks))


_FORMAT_DESIMAL = re.compile(r"0\.(0+)")


def teks_angka(value: float, number_format: str | None = None) -> str:
    """What a numeric cell shows, the Indonesian way: the decimals and grouping of its number
    format (``#,##0.00``), else as many decimals as the value has, no grouping.

    Examples
    --------
    >>> teks_angka(90.8, "#,##0.00"), teks_angka(1250.0, "#,##0"), teks_angka(19.74, "General"), teks_angka(2023, None)
    ('90,80', '1.250', '19,74', '2023')

    Rounded half up as :func:`kinerja.core.formatting.format_angka` and Excel:

    >>> teks_angka(2.675, "0.00")
    '2,68'
    """
    fmt = number_format or "General"
    m = _FORMAT_DESIMAL.search(fmt)
    if m:
        decimals = len(m.group(1))
    else:
        text = repr(float(value))
        decimals = 0 if "e" in text or text.endswith(".0") else min(10, len(text.split(".")[1]))
    rounded = bulatkan(float(value), decimals)  # half up, as format_angka and Excel
    out = f"{rounded:,.{decimals}f}" if "#,##" in fmt else f"{rounded:.{decimals}f}"
    return out.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def teks_sel(value: object) -> str:
    """A cell as text: empty for None, a number as its cell shows it (:class:`Angka`), whole
    floats without ``.0``, surrounding space removed.

    Examples
    --------
    >>> teks_sel(None), teks_sel(float("nan")), teks_sel(2026.0), teks_sel("  Dinas Kesehatan ")
    ('', '', '2026', 'Dinas Kesehatan')
    >>> teks_sel(Angka(90.8, "90,80"))
    '90,80'
    """
    if isinstance(value, Angka):
        return value.teks
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


BATAS_SEBUT = 10  # problems of one kind per sheet named one by one; the rest are counted


def sebut_terbatas(p: Penampung, kode: str, lembar: str, hits: list[tuple[str, str]], apa: str,
                   tingkat: str = "galat") -> None:
    """Report ``hits`` (cell, message) of one kind: the first :data:`BATAS_SEBUT` at their
    cell, then one line counting the rest as ``apa``.

    Examples
    --------
    >>> p = Penampung("x.xlsx")
    >>> sebut_terbatas(p, "V62", "CRAAPK", [(f"A{r}", f"baris {r} disembunyikan") for r in range(1, 1013)], "baris")
    >>> len(p.daftar), p.daftar[-1].pesan
    (11, 'dan 1.002 baris lain seperti di atas')
    """
    report = getattr(p, tingkat)
    for where, text in hits[:BATAS_SEBUT]:
        report(kode, lembar, where, text)
    if len(hits) > BATAS_SEBUT:
        report(kode, lembar, "", f"dan {format_angka(len(hits) - BATAS_SEBUT, 0)} {apa} lain seperti di atas")
