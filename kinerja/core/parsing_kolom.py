"""The vectorised layer of the parsing grammar (see :mod:`kinerja.core.parsing`): columns of
values as reports write them, parsed once per unique text, numeric forms converted with
Arrow string kernels, everything else handed to the scalar :func:`parse_value`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.core.parsing import BATAS_ANGKA, JENIS, JENIS_KODE, PENANDA_KOSONG, SKALA_KUALITATIF, Desimal, parse_value

__all__ = ["Parsed", "parse_column", "parse_series", "tanpa_nilai"]


_FAST_RE = r"^[+-]?\d+(?:[.,]\d+)?(?:\s*%)?$"
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


# Indonesian grouped numbers: dots between groups of three (at most 15 digits, below BATAS_ANGKA), an
# optional decimal comma; a single group without decimals ("1.234") is ambiguous and left to parse_value.
_RIBUAN_RE = r"^[+-]?\d{1,3}(?:\.\d{3}){1,4}(?:,\d+)?$"
_RIBUAN_RAGU_RE = r"^[+-]?\d{1,3}\.\d{3}$"


def _fast_ribuan(texts: list, cols: _Columns, positions: np.ndarray) -> np.ndarray:
    """Arrow kernels for numbers written with thousands dots (``47.205.709,00``, ``1.234,5``,
    ``-12.500.000``), as an export's Rupiah are: read as :func:`parse_number` reads them (the
    dots dropped, the comma the decimal), without a call per value. Returns the mask (over
    ``positions``) of values it converted; only for a run whose decimal mark is not forced to a dot."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pc.utf8_trim_whitespace(pa.array(texts, type=pa.string()))
    ok = pc.and_(pc.fill_null(pc.match_substring_regex(arr, _RIBUAN_RE), False),
                 pc.invert(pc.fill_null(pc.match_substring_regex(arr, _RIBUAN_RAGU_RE), False)))
    ok_np = ok.to_numpy(zero_copy_only=False)
    if not ok_np.any():
        return ok_np
    plain = pc.replace_substring(pc.replace_substring(pc.filter(arr, ok), ".", ""), ",", ".")
    where = positions[ok_np]
    cols.nilai[where] = pc.cast(plain, pa.float64()).to_numpy()
    cols.jenis[where] = JENIS_KODE["angka"]
    cols.satuan[where] = ""
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
        left = np.flatnonzero(~done[text_pos])
        if len(left) and desimal != "titik":
            texts = pd.Series(texts, dtype=object).to_numpy()[left].tolist() if len(left) < len(text_pos) else texts
            done[text_pos[left]] = _fast_ribuan(texts, cols, text_pos[left])
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
