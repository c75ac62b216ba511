"""Parse values as they are written in Indonesian performance reports.

Two layers share one grammar:

* :func:`parse_value` is the scalar reference parser. It understands every form in
  docs/metodologi.md §3: Indonesian and dot-decimal numbers, percent, Rupiah, units and
  multiplier words, missing markers, bounds, ranges and qualitative grades.
* :func:`parse_series` is what callers use on columns. It takes numeric columns as
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
    "tanpa_nilai",
    "JENIS",
    "JENIS_KODE",
    "PARSED_COLUMNS",
    "SKALA_KUALITATIF",
    "Desimal",
    "Nilai",
    "Parsed",
    "parse_column",
    "parse_number",
    "parse_series",
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
    if words and words[0] in _MULTIPLIERS:
        value *= _MULTIPLIERS[words[0]]
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

_FAST_RE = r"^[+-]?\d+(?:[.,]\d+)?(?:\s*%)?$"
JENIS_KODE = {name: code for code, name in enumerate(JENIS)}
_SKALA = tuple(SKALA_KUALITATIF)


class _Columns:
    """Parsed fields of ``n`` values as numpy arrays (satuan/skala as Python objects)."""

    def __init__(self, n: int) -> None:
        self.nilai = np.full(n, np.nan)
        self.bawah = np.full(n, np.nan)
        self.atas = np.full(n, np.nan)
        self.peringkat = np.full(n, np.nan)
        self.jenis = np.full(n, JENIS_KODE["tidak_valid"], dtype=np.int8)
        self.satuan = np.full(n, "", dtype=object)
        self.skala = np.full(n, None, dtype=object)
        self.ambigu = np.zeros(n, dtype=bool)

    def put(self, positions: np.ndarray, values: list) -> None:
        for pos, v in zip(positions.tolist(), values):
            self.nilai[pos], self.bawah[pos], self.atas[pos] = v.nilai, v.bawah, v.atas
            self.peringkat[pos], self.jenis[pos] = v.peringkat, JENIS_KODE[v.jenis]
            self.satuan[pos], self.skala[pos], self.ambigu[pos] = v.satuan, v.skala, v.ambigu

    def rows(self, take: np.ndarray, index: pd.Index) -> Parsed:
        """Per-row arrays: the distinct values' fields taken by each row's code."""
        n = len(take)

        def pick(values: np.ndarray, fill) -> np.ndarray:
            # Fields that no distinct value uses (ranges, grades) need no gather.
            if fill is np.nan and np.isnan(values).all():
                return np.full(n, np.nan)
            if fill is not np.nan and (values == fill).all():
                return np.full(n, fill, dtype=values.dtype)
            return values[take]

        sat_codes, sat_levels = pd.factorize(self.satuan)
        skala_codes = np.array([-1 if v is None else _SKALA.index(v) for v in self.skala], dtype=np.int8)
        return Parsed(
            index=index,
            nilai=self.nilai[take],
            bawah=pick(self.bawah, np.nan),
            atas=pick(self.atas, np.nan),
            peringkat=pick(self.peringkat, np.nan),
            jenis=self.jenis[take],
            skala=pick(skala_codes, -1),
            satuan=pick(sat_codes, 0) if len(sat_levels) == 1 else sat_codes[take],
            satuan_levels=tuple(sat_levels),
            ambigu=pick(self.ambigu, False),
        )


@dataclass(frozen=True)
class Parsed:
    """A parsed column as numpy arrays (what the engine reads); :meth:`frame` gives the
    DataFrame of :func:`parse_series`. ``jenis`` holds codes into :data:`JENIS`,
    ``skala`` codes into :data:`SKALA_KUALITATIF` (-1 none), ``satuan`` codes into
    ``satuan_levels``."""

    index: pd.Index
    nilai: np.ndarray
    bawah: np.ndarray
    atas: np.ndarray
    peringkat: np.ndarray
    jenis: np.ndarray
    skala: np.ndarray
    satuan: np.ndarray
    satuan_levels: tuple[str, ...]
    ambigu: np.ndarray

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "nilai": self.nilai,
                "bawah": self.bawah,
                "atas": self.atas,
                "peringkat": self.peringkat,
                "skala": pd.Categorical.from_codes(self.skala, categories=list(_SKALA)),
                "jenis": pd.Categorical.from_codes(self.jenis, categories=list(JENIS)),
                "satuan": pd.Categorical.from_codes(self.satuan, categories=list(self.satuan_levels)),
                "ambigu": self.ambigu,
            },
            index=self.index,
        )


def _fast_numbers(texts, desimal: Desimal, cols: _Columns, positions: np.ndarray) -> np.ndarray:
    """Arrow kernels for plain numbers (``87,5``, ``97.32``, ``-3``, ``12,5 %``).

    Returns the mask (over ``positions``) of values it converted; lone separators before
    exactly three digits (thousands, to be flagged) and separators that a forced
    ``desimal`` rules out are left to the scalar parser, as is everything else.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pc.utf8_trim_whitespace(pa.array(texts, type=pa.string()))
    plain = pc.fill_null(pc.match_substring_regex(arr, _FAST_RE), False)
    body = pc.utf8_rtrim(arr, characters="% ")
    comma, dot = pc.find_substring(body, ","), pc.find_substring(body, ".")
    sep_at = pc.max_element_wise(comma, dot)
    frac_len = pc.subtract(pc.subtract(pc.utf8_length(body), sep_at), 1)
    zero_int = pc.match_substring_regex(body, r"^[+-]?0*[.,]")
    thousands = pc.and_(pc.and_(pc.greater_equal(sep_at, 0), pc.equal(frac_len, 3)), pc.invert(zero_int))
    ok = pc.and_(plain, pc.invert(pc.fill_null(thousands, False)))
    if desimal is not None:
        other = pc.greater_equal(dot if desimal == "koma" else comma, 0)
        ok = pc.and_(ok, pc.invert(pc.fill_null(other, False)))
    ok_np = ok.to_numpy(zero_copy_only=False)
    if not ok_np.any():
        return ok_np
    numbers = pc.cast(pc.replace_substring(pc.filter(body, ok), ",", "."), pa.float64()).to_numpy()
    is_pct = pc.ends_with(pc.filter(arr, ok), "%").to_numpy(zero_copy_only=False)
    where = positions[ok_np]
    cols.nilai[where] = numbers
    cols.jenis[where] = np.where(is_pct, JENIS_KODE["persen"], JENIS_KODE["angka"])
    cols.satuan[where] = np.where(is_pct, "%", "")
    return ok_np


def parse_column(values: pd.Series | list | np.ndarray, desimal: Desimal = None) -> Parsed:
    """Parse a column into :class:`Parsed` arrays (see :func:`parse_series`)."""
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return _batasi(_numeric(s.to_numpy(dtype="float64", na_value=np.nan).copy(), s.index))
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    n = len(uniques)
    cols = _Columns(n + 1)  # the extra last entry stands for missing (code -1)
    cols.jenis[n] = JENIS_KODE["kosong"]
    if isinstance(s.dtype, pd.StringDtype):
        text_pos = np.arange(n)
        texts = uniques
    else:
        uniques = np.asarray(uniques, dtype=object)
        text_pos = np.flatnonzero(np.fromiter((isinstance(v, str) for v in uniques), dtype=bool, count=n))
        texts = uniques[text_pos].tolist()
    done = np.zeros(n, dtype=bool)
    if len(text_pos):
        done[text_pos] = _fast_numbers(texts, desimal, cols, text_pos)
    rest = np.flatnonzero(~done)
    leftover = uniques.take(rest) if len(rest) else []
    cols.put(rest, [parse_value(v, desimal) for v in list(leftover)])
    return _batasi(cols.rows(np.where(codes < 0, n, codes), s.index))


def _batasi(parsed: Parsed) -> Parsed:
    """The vectorised twin of :func:`_dalam_batas`: values beyond ±BATAS_ANGKA become tidak_valid."""
    with np.errstate(invalid="ignore"):
        out = np.zeros(len(parsed.nilai), dtype=bool)
        for arr in (parsed.nilai, parsed.bawah, parsed.atas):
            out |= ~np.isnan(arr) & ~(np.abs(arr) <= BATAS_ANGKA)
    if out.any():
        for arr in (parsed.nilai, parsed.bawah, parsed.atas, parsed.peringkat):
            arr[out] = np.nan
        parsed.jenis[out] = JENIS_KODE["tidak_valid"]
        parsed.satuan[out] = 0
        parsed.skala[out] = -1
    return parsed


def parse_series(values: pd.Series | list | np.ndarray, desimal: Desimal = None) -> pd.DataFrame:
    """Parse a column of values; returns one row per input with :data:`PARSED_COLUMNS`.

    Numeric dtypes are taken as numbers (jenis ``angka``). Text and mixed (object)
    columns are parsed once per distinct value: plain numbers by Arrow kernels, the
    rest by :func:`parse_value`; cost grows with the number of distinct values.
    ``jenis``, ``satuan`` and ``skala`` are Categoricals.

    Examples
    --------
    >>> p = parse_series(pd.Series(["87,5%", "80–90", "WTP", "–"]))
    >>> p["jenis"].tolist()
    ['persen', 'rentang', 'kualitatif', 'kosong']
    >>> float(p["bawah"].iloc[1]), float(p["atas"].iloc[1])
    (80.0, 90.0)
    """
    return parse_column(values, desimal).frame()


def _numeric(number: np.ndarray, index: pd.Index) -> Parsed:
    """Parsed arrays for values that are already numbers: no text to read."""
    n = len(number)
    nan = np.full(n, np.nan)
    return Parsed(
        index=index,
        nilai=number,
        bawah=nan,
        atas=nan,
        peringkat=nan,
        jenis=np.where(np.isnan(number), JENIS_KODE["kosong"], JENIS_KODE["angka"]).astype(np.int8),
        skala=np.full(n, -1, dtype=np.int8),
        satuan=np.zeros(n, dtype=np.int64),
        satuan_levels=("",),
        ambigu=np.zeros(n, dtype=bool),
    )


def tanpa_nilai(values: pd.Series) -> np.ndarray:
    """True where a cell holds no value: empty, NaN or one of :data:`PENANDA_KOSONG`.

    Examples
    --------
    >>> tanpa_nilai(pd.Series(["12", "–", None, " n/a ", "0"])).tolist()
    [False, True, True, True, False]
    """
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip().str.lower()
    return text.isin(PENANDA_KOSONG).to_numpy()


def kode_indikator(nama: object) -> str:
    """The key of an indicator name: lower case, single spaces, no trailing punctuation."""
    text = re.sub(r"\s+", " ", str(nama)).strip().lower()
    return text.rstrip(" .;:")
