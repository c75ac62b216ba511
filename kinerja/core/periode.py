"""Months, quarters and semesters: their Indonesian names and every spelling read from a
workbook, in one place (formulir ingest, the Renja/SIPD/table imports, formatting and
agregasi all read and name periods through here).

Month spellings accepted (case-insensitive, a trailing dot allowed): Januari/Jan,
Februari/Feb/Pebruari, Maret/Mar, April/Apr, Mei, Juni/Jun, Juli/Jul, Agustus/Agu/Agt/Ags,
September/Sep/Sept, Oktober/Okt, November/Nov/Nop/Nopember, Desember/Des, and the English
abbreviations an export may carry (May, Aug, Oct, Dec). Quarters: triwulan I–IV, TW 1,
Triwulan II, TW-III, Trw. 4; semesters: semester I/II, Semester 1, S1/S2. A period of the
long table of :mod:`kinerja.impor` (``TW1``…``TW4``, ``S1``/``S2``, ``B01``…``B12``) ends at the
month :func:`bulan_periode` gives.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from babel.dates import get_month_names

__all__ = ["EJAAN_BULAN", "NAMA_BULAN", "ROMAWI", "ROMAWI_TRIWULAN", "TAHUN_AKHIR", "TAHUN_AWAL", "baca_bulan",
           "baca_romawi", "bulan_periode", "cari_bulan", "cari_semester", "cari_triwulan", "nama_periode",
           "periode_alamat", "triwulan_bulan"]

TAHUN_AWAL, TAHUN_AKHIR = 2000, 2100
"""The years kinerja reads (a formulir's identity, every ``--tahun`` of the command line)."""

NAMA_BULAN: tuple[str, ...] = tuple(get_month_names("wide", locale="id_ID")[m] for m in range(1, 13))
"""Januari … Desember."""

ROMAWI: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
ROMAWI_TRIWULAN: tuple[str, ...] = ROMAWI[:4]

_SINGKATAN = {
    1: ("jan",), 2: ("feb", "pebruari"), 3: ("mar",), 4: ("apr",), 5: ("may",), 6: ("jun",), 7: ("jul",),
    8: ("agu", "agt", "ags", "aug"), 9: ("sep", "sept"), 10: ("okt", "oct"), 11: ("nov", "nop", "nopember"),
    12: ("des", "dec"),
}
EJAAN_BULAN: dict[str, int] = {n.lower(): i for i, n in enumerate(NAMA_BULAN, start=1)} | {
    s: i for i, ss in _SINGKATAN.items() for s in ss}
"""Every accepted spelling (lower case) → month number."""

_KATA_BULAN = re.compile(r"\b(" + "|".join(sorted(EJAAN_BULAN, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_ANGKA_ROMAWI = {r.lower(): i for i, r in enumerate(ROMAWI, start=1)}
_TRIWULAN = re.compile(r"\b(?:tw|triwulan|trw)\.?\s*-?\s*(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)
_SEMESTER = re.compile(r"\b(?:semester|smt|sem)\.?\s*-?\s*(ii|i|[12])\b|\bs-?([12])\b", re.IGNORECASE)


def baca_bulan(teks: object) -> int | None:
    """The month a cell names: a spelling of :data:`EJAAN_BULAN` or a whole number 1–12.

    Parameters
    ----------
    teks : object
        The cell (text or number).

    Returns
    -------
    int or None
        1–12, None when it names no month.

    Examples
    --------
    >>> [baca_bulan(t) for t in ("Januari", "AGT", "Agt.", "Nopember", "Sept", "9", 12, "13", "Agustusan", None)]
    [1, 8, 8, 11, 9, 9, 12, None, None, None]
    """
    if teks is None or isinstance(teks, bool):
        return None
    if isinstance(teks, (int, float)):
        return int(teks) if float(teks).is_integer() and 1 <= teks <= 12 else None
    t = str(teks).strip().lower().removesuffix(".")
    if t.isascii() and t.isdecimal():
        return int(t) if 1 <= int(t) <= 12 else None
    return EJAAN_BULAN.get(t)


def cari_bulan(teks: str) -> int | None:
    """The first month named as a word inside a longer text (a column header).

    Examples
    --------
    >>> cari_bulan("Realisasi Agt. 2025"), cari_bulan("Target bulan Maret"), cari_bulan("Keterangan")
    (8, 3, None)
    """
    m = _KATA_BULAN.search(str(teks))
    return EJAAN_BULAN[m.group(1).lower()] if m else None


def baca_romawi(teks: object, batas: int = 12) -> int | None:
    """A Roman numeral (I–XII) or a digit string, up to ``batas``; None otherwise.

    Examples
    --------
    >>> baca_romawi("IV", 4), baca_romawi("iii", 4), baca_romawi("2", 4), baca_romawi("V", 4), baca_romawi("XII")
    (4, 3, 2, None, 12)
    """
    t = str(teks).strip().lower()
    n = int(t) if t.isascii() and t.isdecimal() else _ANGKA_ROMAWI.get(t)
    return n if n is not None and 1 <= n <= batas else None


def cari_triwulan(teks: str) -> int | None:
    """The quarter a text names: ``Triwulan II``, ``TW 1``, ``TW-III``, ``trw. 4``.

    Examples
    --------
    >>> [cari_triwulan(t) for t in ("Realisasi TW IV", "Triwulan II", "TW 1", "tw-iii", "Trw. 4", "TWIN")]
    [4, 2, 1, 3, 4, None]
    """
    return _cari(_TRIWULAN, teks, 4)


def cari_semester(teks: str) -> int | None:
    """The semester a text names: ``Semester I``, ``semester 2``, ``Smt. II``.

    Examples
    --------
    >>> cari_semester("Realisasi Semester II"), cari_semester("smt 1"), cari_semester("S2"), cari_semester("Tahunan")
    (2, 1, 2, None)
    """
    return _cari(_SEMESTER, teks, 2)


def periode_alamat(query: str) -> dict[str, str]:
    """The period fields (``tahun``, ``bulan``, ``triwulan``) of a page address's query string,
    as given; nothing else of it (a token, a personal link's key).

    Examples
    --------
    >>> periode_alamat("token=rahasia&tahun=2026&bulan=9&kunci=x")
    {'tahun': '2026', 'bulan': '9'}
    """
    return {k: v for k, v in parse_qsl(query)[:20] if k in ("tahun", "bulan", "triwulan")}


def bulan_periode(periode: str) -> int:
    """The last month of a period of the import's long table: ``TWq`` 3q, ``Sn`` 6n, ``Bmm`` mm.

    Examples
    --------
    >>> [bulan_periode(p) for p in ("TW1", "TW4", "S1", "S2", "B05")]
    [3, 12, 6, 12, 5]
    """
    if periode.startswith("TW"):
        return 3 * int(periode[2:])
    if periode.startswith("S"):
        return 6 * int(periode[1:])
    return int(periode[1:])


def nama_periode(periode: str) -> str:
    """How a message names a period of the import's long table.

    Examples
    --------
    >>> nama_periode("TW2"), nama_periode("S1"), nama_periode("B07")
    ('triwulan 2', 'semester 1', 'bulan 7')
    """
    kind = {"T": "triwulan", "S": "semester"}.get(periode[0], "bulan")
    return f"{kind} {int(periode.lstrip('TWSB'))}"


def _cari(pola: re.Pattern, teks: str, batas: int) -> int | None:
    m = pola.search(str(teks))
    return baca_romawi(next(g for g in m.groups() if g), batas) if m else None


def triwulan_bulan(bulan):
    """The quarter (1–4) of a month (1–12): scalars, arrays and Series alike.

    Examples
    --------
    >>> triwulan_bulan(1), triwulan_bulan(9), triwulan_bulan(10)
    (1, 3, 4)
    """
    return (bulan - 1) // 3 + 1
