"""Parse values as they are written in Indonesian performance reports.

Two layers share one grammar:

* :func:`parse_value` is the scalar reference parser. It understands every form in
  docs/metodologi.md §3: Indonesian and dot-decimal numbers, percent, Rupiah, units and
  multiplier words, missing markers, bounds, ranges and qualitative grades.
* :func:`~kinerja.core.parsing_kolom.parse_series` (module ``parsing_kolom``) is what
  callers use on columns. It takes numeric columns as
  they are, factorises text columns, converts the plain numeric forms of the unique
  values with vectorised Arrow string kernels, and hands only the remaining unique
  values to :func:`parse_value`. The two layers are tested to agree.

The result of a parse is a :class:`Nilai` (scalar) or a DataFrame with the columns
of :data:`PARSED_COLUMNS` (vectorised):

``nilai``
    the number (the bound's number for ``batas_*``), NaN where there is none;
``bawah``/``atas``
    the ends of a range (``rentang``), NaN otherwise;
``peringkat``
    rank of a qualitative grade, counted from 1 at the bottom of its scale;
``skala``
    the qualitative scale of the grade (``opini_bpk``, ``predikat_akip``);
``jenis``
    one of :data:`JENIS`;
``satuan``
    the unit written after the number (``%``, ``Rp``, ``orang``...), ``""`` if none;
``ambigu``
    True where a separator had to be guessed (``1.000`` read as one thousand).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "BATAS_ANGKA",
    "kode_indikator",
    "PENANDA_KOSONG",
    "JENIS",
    "JENIS_KODE",
    "PARSED_COLUMNS",
    "SKALA_KUALITATIF",
    "Desimal",
    "Nilai",
    "parse_number",
    "parse_value",
]


Desimal = Literal["koma", "titik"] | None
"""Run-level decimal separator: ``"koma"``, ``"titik"`` or None to infer per value."""

# The order is relied on: the capaian engine tests "one number" as code <= rupiah and
# "a bound" as the two codes after rentang (tests/test_parsing.py pins it).
JENIS = (
    "angka",
    "persen",
    "rupiah",
    "rentang",
    "batas_atas",
    "batas_bawah",
    "kualitatif",
    "kosong",
    "tidak_valid",
)

JENIS_KODE = {name: code for code, name in enumerate(JENIS)}
PARSED_COLUMNS = ("nilai", "bawah", "atas", "peringkat", "skala", "jenis", "satuan", "ambigu")

# Ordinal scales, listed from the bottom (rank 1) to the top.
SKALA_KUALITATIF: dict[str, tuple[tuple[str, ...], ...]] = {
    "opini_bpk": (
        ("TMP", "TIDAK MEMBERIKAN PENDAPAT", "TIDAK MENYATAKAN PENDAPAT", "DISCLAIMER"),
        ("TW", "TIDAK WAJAR", "ADVERSE"),
        ("WDP", "WAJAR DENGAN PENGECUALIAN"),
        ("WTP", "WAJAR TANPA PENGECUALIAN"),
    ),
    "predikat_akip": (("D",), ("C",), ("CC",), ("B",), ("BB",), ("A",), ("AA",)),
}

_GRADES: dict[str, tuple[str, int]] = {
    alias: (skala, rank)
    for skala, levels in SKALA_KUALITATIF.items()
    for rank, aliases in enumerate(levels, start=1)
    for alias in aliases
}

# The one set of texts that mean "no value" (a target or realisasi left out), everywhere.
PENANDA_KOSONG = frozenset({
    "",
    "-",
    "--",
    "–",
    "—",
    "n/a",
    "na",
    "n.a",
    "n.a.",
    "nan",
    "none",
    "null",
    "#n/a",
    "tidak ada",
    "tidak ada data",
    "belum ada data",
    "belum tersedia",
    "t.a.d",
})

_MULTIPLIERS = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
    "trilyun": 1e12,
}

# After "Rp" only, a letter is the multiplier it abbreviates ("Rp 1 M" is a miliar, not one Rupiah);
# without "Rp", "m" is a metre and "t" a tonne.
_RP_SINGKAT = {"m": 1e9, "t": 1e12}

# Bound phrases, longest first so that "tidak kurang dari" wins over "kurang dari".
_UPPER = (
    "tidak lebih dari",
    "sebanyak-banyaknya",
    "setinggi-tingginya",
    "lebih kecil dari",
    "paling banyak",
    "paling tinggi",
    "kurang dari",
    "di bawah",
    "dibawah",
    "maksimal",
    "maksimum",
    "maks.",
    "maks",
    "max.",
    "max",
    "<=",
    "≤",
    "<",
)
_LOWER = (
    "tidak kurang dari",
    "sekurang-kurangnya",
    "lebih besar dari",
    "paling sedikit",
    "paling rendah",
    "sedikitnya",
    "lebih dari",
    "di atas",
    "diatas",
    "minimal",
    "minimum",
    "min.",
    "min",
    ">=",
    "≥",
    ">",
)
_BOUND_RE = re.compile(
    r"^(?P<phrase>"
    + "|".join(re.escape(p) for p in sorted(_UPPER + _LOWER, key=len, reverse=True))
    + r")\s*(?P<rest>.+)$"
)

_NUM = r"[+\-−]?\d[\d.,]*"
_UNIT = r"(?:%|[^\W\d_][\w./²³]*(?:\s+[^\W\d_][\w./²³]*)*)"
_QUANTITY_RE = re.compile(
    r"^(?P<rp>rp\.?\s*)?(?P<num>" + _NUM + r")(?P<dash>,-+|\.-+)?"
    r"(?:\s*(?P<pct>%)|\s+(?P<unit>" + _UNIT + r"))?$"
)
_PLUSMINUS_RE = re.compile(r"^(?P<a>.+?)\s*(?:±|\+/-|\+-)\s*(?P<b>.+)$")
_RANGE_RE = re.compile(
    r"^(?P<a>[+\-−]?\d.*?)\s*(?:–|—|-|s\.\s?d\.?|s/d|sd|sampai dengan|sampai|hingga)\s*(?P<b>\d.*)$"
)


@dataclass(frozen=True)
class Nilai:
    """One parsed value; see the module docstring for the fields."""

    nilai: float = np.nan
    bawah: float = np.nan
    atas: float = np.nan
    peringkat: float = np.nan
    skala: str | None = None
    jenis: str = "tidak_valid"
    satuan: str = ""
    ambigu: bool = False


_KOSONG = Nilai(jenis="kosong")
_INVALID = Nilai(jenis="tidak_valid")


def parse_number(token: str, desimal: Desimal = None) -> tuple[float, bool] | None:
    """Convert one number token such as ``1.234.567,89`` to ``(value, ambiguous)``.

    Rules (docs/metodologi.md §3): with both separators the last one is the decimal; the same
    separator more than once is thousands; a lone separator followed by exactly three
    digits is thousands (flagged ambiguous, except ``0,125`` which is clearly a
    decimal); any other lone separator is the decimal. ``desimal`` forces the decimal
    separator for the whole run. Returns None when the token is not a number
    (``1.23.4``, ``12,``).
    """
    sign = -1.0 if token[:1] in "-−" else 1.0
    body = token.lstrip("+-−")
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        return None
    dots, commas = body.count("."), body.count(",")
    ambiguous = False
    if desimal is not None:
        dec = "," if desimal == "koma" else "."
        thou = "." if dec == "," else ","
        if body.count(dec) > 1:
            return None
        int_part, _, frac = body.partition(dec)
    elif dots and commas:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        thou = "." if dec == "," else ","
        if body.count(dec) > 1:
            return None
        int_part, _, frac = body.partition(dec)
    elif dots + commas == 0:
        int_part, frac, thou = body, "", ""
    else:
        sep = "." if dots else ","
        parts = body.split(sep)
        if len(parts) > 2 or (len(parts[1]) == 3 and parts[0].lstrip("0") != ""):
            int_part, frac, thou = body, "", sep
            ambiguous = len(parts) == 2
        else:
            int_part, frac, thou = parts[0], parts[1], ""
    if thou and thou in int_part:
        groups = int_part.split(thou)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        int_part = "".join(groups)
    if not int_part.isdigit() or (frac and not frac.isdigit()):
        return None
    value = float(f"{int_part}.{frac}" if frac else int_part)
    return sign * value, ambiguous


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _quantity(text: str, desimal: Desimal) -> Nilai:
    """Parse ``[Rp] number [multiplier] [unit]`` (text already lower-cased)."""
    m = _QUANTITY_RE.match(text)
    if m is None:
        return _INVALID
    parsed = parse_number(m["num"], desimal)
    if parsed is None:
        return _INVALID
    value, ambiguous = parsed
    unit = m["unit"] or ""
    if m["dash"] and not m["rp"] and unit not in ("rupiah", "rp"):
        return _INVALID
    words = unit.split(" ", 1) if unit else []
    if words and (words[0] in _MULTIPLIERS or (m["rp"] and words[0] in _RP_SINGKAT)):
        value *= _MULTIPLIERS.get(words[0]) or _RP_SINGKAT[words[0]]
        unit = words[1] if len(words) > 1 else ""
    if m["pct"] or unit == "persen":
        return Nilai(nilai=value, jenis="persen", satuan="%", ambigu=ambiguous)
    if m["rp"] or unit in ("rupiah", "rp"):
        return Nilai(nilai=value, jenis="rupiah", satuan="Rp", ambigu=ambiguous)
    return Nilai(nilai=value, jenis="angka", satuan=unit, ambigu=ambiguous)


def _range(low: Nilai, high: Nilai) -> Nilai:
    numeric = {"angka", "persen", "rupiah"}
    if low.jenis not in numeric or high.jenis not in numeric:
        return _INVALID
    a, b = sorted((low.nilai, high.nilai))
    return Nilai(
        bawah=a,
        atas=b,
        jenis="rentang",
        satuan=high.satuan or low.satuan,
        ambigu=low.ambigu or high.ambigu,
    )


# Numbers beyond this (in absolute value), and infinities, are not read: no target,
# realisasi or Rupiah amount of a kabupaten comes near 10^15 (a thousand trillion).
BATAS_ANGKA = 1e15


def _dalam_batas(v: Nilai) -> Nilai:
    values = [x for x in (v.nilai, v.bawah, v.atas) if x is not None and not np.isnan(x)]
    return v if all(abs(x) <= BATAS_ANGKA for x in values) else _INVALID


@lru_cache(maxsize=65536, typed=True)  # True == 1 == 1.0: without typed, a cached True poisons 1.0
def parse_value(text: object, desimal: Desimal = None) -> Nilai:
    """Parse one value written as in a report; see the module docstring for the grammar.

    Parameters
    ----------
    text : object
        A cell's value: a number, or text such as ``"1.234,5"``, ``"87,5%"``,
        ``"Rp1,5 miliar"``, ``"kurang dari 49"``, ``"60–85"``, ``"WTP"``, ``"-"``.
    desimal : {",", "."}, optional
        Forces the decimal separator; None decides from the text (Indonesian first).

    Returns
    -------
    Nilai
        ``jenis`` (``angka``, ``rentang``, ``batas``, ``kualitatif``, ``kosong`` or
        ``tidak_valid``), ``nilai`` (the number, when there is one), the bounds and the
        satuan written. Numbers beyond ±10^15 (:data:`BATAS_ANGKA`) and infinities are
        ``tidak_valid``; missing markers are ``kosong``.

    Examples
    --------
    >>> parse_value("1e309").jenis, parse_value("9" * 400).jenis, parse_value("1.234,5").nilai
    ('tidak_valid', 'tidak_valid', 1234.5)
    >>> parse_value("-").jenis
    'kosong'
    """
    return _dalam_batas(_parse_value(text, desimal))


def _parse_value(text: object, desimal: Desimal = None) -> Nilai:
    if text is None or text is pd.NA:
        return _KOSONG
    if isinstance(text, bool):
        return _INVALID
    if isinstance(text, (int, float, np.integer, np.floating)):
        value = float(text)
        return _KOSONG if np.isnan(value) else Nilai(nilai=value, jenis="angka")
    raw = _normalise(str(text))
    low = raw.lower()
    if low in PENANDA_KOSONG:
        return _KOSONG
    grade = _GRADES.get(raw.upper())
    if grade is not None:
        return Nilai(peringkat=float(grade[1]), skala=grade[0], jenis="kualitatif")
    bound = _BOUND_RE.match(low)
    if bound is not None:
        inner = _quantity(bound["rest"], desimal)
        if inner.jenis == "tidak_valid":
            return _INVALID
        jenis = "batas_atas" if bound["phrase"] in _UPPER else "batas_bawah"
        return Nilai(nilai=inner.nilai, jenis=jenis, satuan=inner.satuan, ambigu=inner.ambigu)
    plain = _quantity(low, desimal)
    if plain.jenis != "tidak_valid":
        return plain
    pm = _PLUSMINUS_RE.match(low)
    if pm is not None:
        mid, half = _quantity(pm["a"], desimal), _quantity(pm["b"], desimal)
        if mid.jenis == "tidak_valid" or half.jenis == "tidak_valid":
            return _INVALID
        result = _range(
            Nilai(nilai=mid.nilai - abs(half.nilai), jenis=mid.jenis, satuan=mid.satuan),
            Nilai(nilai=mid.nilai + abs(half.nilai), jenis=half.jenis, satuan=half.satuan),
        )
        return Nilai(**{**result.__dict__, "ambigu": mid.ambigu or half.ambigu})
    rg = _RANGE_RE.match(low)
    if rg is not None:
        return _range(_quantity(rg["a"], desimal), _quantity(rg["b"], desimal))
    return _INVALID


# ---------------------------------------------------------------------------
# Vectorised layer
# ---------------------------------------------------------------------------
# Parsed columns are built as numpy arrays over the distinct values, then taken by
# each row's code; jenis/satuan/skala are Categoricals so the engine compares small
# integer codes instead of a million strings.

def kode_indikator(nama: object) -> str:
    """The key of an indicator name: lower case, single spaces, no trailing punctuation."""
    text = re.sub(r"\s+", " ", str(nama)).strip().lower()
    return text.rstrip(" .;:")
