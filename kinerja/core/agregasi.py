"""Combining monthly values into triwulan, semester, year and year to date (docs/metodologi.md §4).

Monthly values are not cumulative (Peraturan Bupati Buleleng Nomor 59 Tahun 2023). Each indicator declares its ``agregasi``:

==============  =====================================================================
``jumlah``      sum of the months; the target is the sum of the targets of the months
                that have realisasi (a month not reported is left out of both sides)
``akhir``       last reported realisasi, against the target in effect that month (its
                own, else the latest given before it), else the annual target
                (``target_tahunan``), else the last target given in the period
``rata-rata``   mean of the reported months (targets: mean of the targets of those months)
``rasio``       Σ pembilang / Σ penyebut × faktor (faktor defaults to 100); target as ``akhir``
``maks``        largest realisasi (targets likewise)
``min``         smallest realisasi (targets likewise)
==============  =====================================================================

Input is long format: one row per indicator and month, with the key columns, ``bulan``
(1–12), ``target`` and ``realisasi`` as numbers (NaN = none), ``agregasi`` and, for
``rasio``, ``pembilang``/``penyebut`` (and optionally ``faktor``). A month with no
realisasi is never counted as 0 and its target is not counted either, so a late or
missing month never looks like a month of zero performance; ``bulan_tanpa_realisasi``
names how many such months a period has. A period whose months are all missing has
NaN realisasi and, as its target, the plan for the whole period.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kinerja.core.aturan import berbeda
from kinerja.core.errors import KinerjaError
from kinerja.core.kosakata import AGREGASI, ALIAS_AGREGASI as _ALIAS
from kinerja.core.periode import triwulan_bulan

__all__ = ["AGREGASI", "PERIODE", "agregasikan", "cek_target_bulanan", "kumulatif", "label_periode", "normalise_agregasi"]

PERIODE = ("bulan", "triwulan", "semester", "tahun")


def normalise_agregasi(values: pd.Series) -> pd.Series:
    """Map written agregasi to a Categorical over :data:`AGREGASI`, resolving each
    distinct text once; raises naming the rows it cannot read."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = [str(u).strip().lower() for u in uniques]
    lookup = np.array([AGREGASI.index(_ALIAS[t]) if t in _ALIAS else -1 for t in texts] + [-1], dtype=np.int8)
    mapped = lookup[np.where(codes < 0, len(texts), codes)]
    bad = np.flatnonzero(mapped < 0)
    if len(bad):
        shown = ", ".join(f"baris {values.index[i]}: {values.iloc[i]!r}" for i in bad[:5])
        raise KinerjaError(f"agregasi tidak dikenal ({shown}); yang diterima: {', '.join(AGREGASI)}")
    return pd.Series(pd.Categorical.from_codes(mapped, categories=list(AGREGASI)), index=values.index)


def label_periode(bulan: pd.Series, periode: str) -> pd.Series:
    """The period number of each month: bulan 1–12, triwulan 1–4, semester 1–2, tahun 1."""
    if pd.api.types.is_integer_dtype(bulan.dtype):
        b = bulan
        valid = len(b) == 0 or (b.min() >= 1 and b.max() <= 12)
    else:
        b = pd.to_numeric(bulan, errors="coerce")
        valid = not b.isna().any() and b.between(1, 12).all() and (b == b.round()).all()
    if not valid:
        raise KinerjaError("kolom bulan harus berisi angka bulat 1 sampai 12")
    b = b.astype("int64")
    if periode == "bulan":
        return b
    if periode == "triwulan":
        return triwulan_bulan(b)
    if periode == "semester":
        return (b - 1) // 6 + 1
    if periode == "tahun":
        return pd.Series(1, index=b.index, dtype="int64")
    raise KinerjaError(f"periode {periode!r} tidak dikenal; pilih salah satu: {', '.join(PERIODE)}")


def _indicator_codes(df: pd.DataFrame, kunci: Sequence[str]) -> np.ndarray:
    """One integer per indicator, numbered in order of first appearance."""
    if not kunci:
        return np.zeros(len(df), dtype=np.int64)
    if len(kunci) == 1:
        return pd.factorize(df[kunci[0]], use_na_sentinel=False)[0].astype(np.int64)
    combined = np.zeros(len(df), dtype=np.int64)
    for key in kunci:
        codes, uniques = pd.factorize(df[key], use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes
    return pd.factorize(combined)[0]


def _prepare(data: pd.DataFrame, kunci: Sequence[str]) -> pd.DataFrame:
    """Checked, numeric copy of the monthly rows; each indicator's rows contiguous and in
    month order (indicators keep their order of first appearance)."""
    missing = [c for c in [*kunci, "bulan", "target", "realisasi", "agregasi"] if c not in data.columns]
    if missing:
        raise KinerjaError(f"kolom berikut wajib ada untuk agregasi: {', '.join(missing)}")
    cols = [*kunci, "bulan", "target", "realisasi", "agregasi"]
    cols += [c for c in ("pembilang", "penyebut", "faktor", "target_tahunan") if c in data.columns]
    df = data[cols]
    df["agregasi"] = normalise_agregasi(df["agregasi"])
    for col in ("target", "realisasi", "pembilang", "penyebut", "faktor", "target_tahunan"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    if "faktor" not in df.columns:
        df["faktor"] = 100.0
    df["bulan"] = label_periode(df["bulan"], "bulan")
    if "pembilang" in df.columns and "penyebut" in df.columns:
        # A rasio month is reported when it has both counts; its own ratio is its realisasi.
        with np.errstate(divide="ignore", invalid="ignore"):
            monthly = df["pembilang"] / df["penyebut"].where(df["penyebut"] != 0) * df["faktor"]
        df["realisasi"] = df["realisasi"].where(df["agregasi"] != "rasio", monthly)
    ind = _indicator_codes(df, kunci)
    bulan = df["bulan"].to_numpy()
    same = ind[1:] == ind[:-1]
    if not (np.all(ind[1:] >= ind[:-1]) and np.all(~same | (bulan[1:] > bulan[:-1]))):
        order = np.lexsort((bulan, ind))
        df, ind, bulan = df.iloc[order], ind[order], bulan[order]
        same = ind[1:] == ind[:-1]
    starts = np.flatnonzero(np.concatenate(([True], ~same))) if len(df) else np.zeros(0, dtype=np.int64)
    rule = df["agregasi"].cat.codes.to_numpy()
    if len(df) and np.any(np.maximum.reduceat(rule, starts) != np.minimum.reduceat(rule, starts)):
        bad = np.flatnonzero(np.maximum.reduceat(rule, starts) != np.minimum.reduceat(rule, starts))
        shown = ", ".join(str(tuple(df[kunci].iloc[starts[i]])) for i in bad[:5])
        raise KinerjaError(f"satu indikator harus memakai satu agregasi untuk semua bulan; berbeda pada: {shown}")
    # The target in effect in a month: its own, else the latest one given before it
    # within the same indicator (a forward fill that restarts at every indicator).
    target = df["target"].to_numpy()
    rows = np.arange(len(df))
    group_start = np.repeat(starts, np.diff(np.append(starts, len(df))))
    latest = np.maximum.accumulate(np.where(np.isnan(target), -1, rows)) if len(df) else rows
    df["_t_efektif"] = np.where(latest >= group_start, target[np.maximum(latest, 0)], np.nan)
    df["_indikator"] = ind
    return df


class _Runs:
    """The (indicator, period) groups of prepared monthly rows, each one contiguous run (rows are
    sorted by indicator then month, and periods rise with the month), and reductions over them:
    numpy's reduceat does each reduction in one pass over the data."""

    def __init__(self, df: pd.DataFrame) -> None:
        ind, per = df["_indikator"].to_numpy(), df["periode"].to_numpy()
        self.starts = np.flatnonzero(np.concatenate(([True], (ind[1:] != ind[:-1]) | (per[1:] != per[:-1]))))
        self.rows = np.arange(len(df))

    def total(self, x: np.ndarray) -> np.ndarray:
        return np.add.reduceat(np.where(np.isnan(x), 0.0, x), self.starts)

    def count(self, mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask.astype(np.int64), self.starts)

    def last_index(self, mask: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(np.where(mask, self.rows, -1), self.starts)


def _at(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    return np.where(idx >= 0, x[np.maximum(idx, 0)], np.nan)


def _jumlah_dan_rerata(runs: _Runs, r: np.ndarray, t: np.ndarray, present: set[int]) -> tuple[np.ndarray, ...]:
    """Per run, for ``jumlah`` and ``rata-rata``: realisasi sum, target sum, realisasi mean and
    target mean (NaN where no run uses them)."""
    J, RR = AGREGASI.index("jumlah"), AGREGASI.index("rata-rata")
    has_r, has_t = ~np.isnan(r), ~np.isnan(t)
    n_r, n_t = runs.count(has_r), runs.count(has_t)
    nan = np.full(len(runs.starts), np.nan)
    r_sum = runs.total(r) if present & {J, RR} else nan
    # Like with like: a month without realisasi leaves its target out too. Where nothing
    # was reported the period's whole plan stays as its target (capaian is NaN anyway).
    both = has_t & has_r
    n_tr = runs.count(both)
    t_sum_plan = runs.total(t) if present & {J, RR} else nan
    t_sum_lfl = runs.total(np.where(both, t, np.nan)) if present & {J, RR} else nan
    t_sum = np.where(n_r > 0, np.where(n_tr > 0, t_sum_lfl, np.nan), np.where(n_t > 0, t_sum_plan, np.nan))
    with np.errstate(divide="ignore", invalid="ignore"):
        r_mean = r_sum / n_r if RR in present else nan
        t_mean = np.where(n_r > 0, t_sum_lfl / n_tr, t_sum_plan / n_t) if RR in present else nan
    return r_sum, t_sum, r_mean, t_mean


def _target_akhir(df: pd.DataFrame, runs: _Runs, t: np.ndarray, last_r: np.ndarray) -> np.ndarray:
    """Per run, for ``akhir`` and ``rasio``: the target in effect in the month of the last
    realisasi, else the annual target, else the last target given in the period."""
    t_akhir = _at(df["_t_efektif"].to_numpy(), last_r)
    if "target_tahunan" in df.columns:
        annual = df["target_tahunan"].to_numpy(dtype="float64")
        t_akhir = np.where(np.isnan(t_akhir), _at(annual, runs.last_index(~np.isnan(annual))), t_akhir)
    return np.where(np.isnan(t_akhir), _at(t, runs.last_index(~np.isnan(t))), t_akhir)


def _rasio(df: pd.DataFrame, runs: _Runs) -> np.ndarray:
    """Per run, for ``rasio``: Σ pembilang / Σ penyebut × the last month's faktor, over the
    months with both counts."""
    p, q = df["pembilang"].to_numpy(dtype="float64"), df["penyebut"].to_numpy(dtype="float64")
    ok = ~np.isnan(p) & ~np.isnan(q)
    p_sum, q_sum = runs.total(np.where(ok, p, np.nan)), runs.total(np.where(ok, q, np.nan))
    ends = np.append(runs.starts[1:], len(df)) - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(q_sum != 0, p_sum / q_sum * df["faktor"].to_numpy()[ends], np.nan)
    return np.where(runs.count(ok) > 0, ratio, np.nan)


def _per_aturan(df: pd.DataFrame, runs: _Runs, rule: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The realisasi and the target of every run under each agregasi, in :data:`AGREGASI`
    order (given the rule code of every run; NaN under a rule no run uses)."""
    r = df["realisasi"].to_numpy(dtype="float64")
    t = df["target"].to_numpy(dtype="float64")
    last_r = runs.last_index(~np.isnan(r))
    present = set(np.unique(rule).tolist())
    J, A, RR, RS, MX, MN = (AGREGASI.index(a) for a in AGREGASI)
    nan = np.full(len(runs.starts), np.nan)
    r_sum, t_sum, r_mean, t_mean = _jumlah_dan_rerata(runs, r, t, present)
    t_akhir = _target_akhir(df, runs, t, last_r) if present & {A, RS} else nan
    ratio = _rasio(df, runs) if RS in present and "pembilang" in df.columns else nan
    extreme = {
        MX: (np.fmax.reduceat(r, runs.starts), np.fmax.reduceat(t, runs.starts)) if MX in present else (nan, nan),
        MN: (np.fmin.reduceat(r, runs.starts), np.fmin.reduceat(t, runs.starts)) if MN in present else (nan, nan),
    }
    return ([r_sum, _at(r, last_r), r_mean, ratio, extreme[MX][0], extreme[MN][0]],
            [t_sum, t_akhir, t_mean, t_akhir, extreme[MX][1], extreme[MN][1]])


def agregasikan(
    data: pd.DataFrame,
    kunci: Sequence[str],
    periode: str = "tahun",
    sampai_bulan: int | None = None,
) -> pd.DataFrame:
    """Aggregate monthly rows to ``periode`` for every indicator identified by ``kunci``.

    ``sampai_bulan`` keeps months up to and including that month (year to date when
    ``periode="tahun"``). Returns one row per indicator and period with ``target``,
    ``realisasi``, ``agregasi``, ``bulan_lapor`` (months with realisasi),
    ``bulan_tanpa_realisasi`` (months with a target but no realisasi) and
    ``bulan_terakhir`` (last month with realisasi, NaN if none).

    Examples
    --------
    >>> m = pd.DataFrame({"indikator": ["A"] * 3 + ["B"] * 3, "bulan": [1, 2, 3] * 2,
    ...                   "target": [10, 10, 10, 80, 80, 80], "realisasi": [8, 12, 9, 78, 79, 81],
    ...                   "agregasi": ["jumlah"] * 3 + ["akhir"] * 3})
    >>> agregasikan(m, ["indikator"], "triwulan")[["indikator", "target", "realisasi"]].values.tolist()
    [['A', 30.0, 29.0], ['B', 80.0, 81.0]]
    """
    kunci = list(kunci)
    df = _prepare(data, kunci)
    if sampai_bulan is not None:
        df = df[df["bulan"] <= int(sampai_bulan)]
    df["periode"] = label_periode(df["bulan"], periode)
    keys = [*kunci, "periode"]
    if len(df) == 0:
        return pd.DataFrame(columns=[*keys, "target", "realisasi", "agregasi", "bulan_lapor",
                                     "bulan_tanpa_realisasi", "bulan_terakhir"])
    runs = _Runs(df)
    has_r, has_t = (~np.isnan(df[c].to_numpy(dtype="float64")) for c in ("realisasi", "target"))
    n_r = runs.count(has_r)
    rule = df["agregasi"].cat.codes.to_numpy()[runs.starts]
    realisasi_per, target_per = _per_aturan(df, runs, rule)
    choices = [rule == c for c in range(len(AGREGASI))]
    realisasi = np.where(n_r == 0, np.nan, np.select(choices, realisasi_per, default=np.nan))
    target = np.select(choices, target_per, default=np.nan)
    result = df[keys].iloc[runs.starts].reset_index(drop=True)
    result["target"] = target
    result["realisasi"] = realisasi
    result["agregasi"] = df["agregasi"].iloc[runs.starts].to_numpy()
    result["bulan_lapor"] = n_r
    result["bulan_tanpa_realisasi"] = runs.count(has_t & ~has_r)
    result["bulan_terakhir"] = _at(df["bulan"].to_numpy(dtype="float64"), runs.last_index(has_r))
    return result


def _running(df: pd.DataFrame, ind: pd.Series, col: str, how: str) -> pd.Series:
    """The running ``how`` (sum, max or min) of ``col`` within each indicator."""
    if how == "sum":
        return df[col].fillna(0.0).groupby(ind, sort=False).cumsum()
    running = df[col].groupby(ind, sort=False)
    running = running.cummax() if how == "max" else running.cummin()
    return running.groupby(ind, sort=False).ffill()


def _running_target_akhir(df: pd.DataFrame, ind: pd.Series, has_r: pd.Series) -> pd.Series:
    """The target in effect at the last realisasi so far, else the annual target, else the
    target in effect this month."""
    t_last = df["_t_efektif"]  # the target in effect: already forward-filled per indicator
    t_akhir = df["_t_efektif"].where(has_r).groupby(ind, sort=False).ffill()
    if "target_tahunan" in df.columns:
        t_akhir = t_akhir.fillna(df["target_tahunan"].groupby(ind, sort=False).ffill())
    return t_akhir.fillna(t_last)


def _running_rasio(df: pd.DataFrame, ind: pd.Series) -> np.ndarray:
    """Σ pembilang / Σ penyebut × faktor over the months so far that have both counts."""
    if "pembilang" not in df.columns:
        return np.full(len(df), np.nan)
    ok = df["pembilang"].notna() & df["penyebut"].notna()
    p = df["pembilang"].where(ok, 0.0).groupby(ind, sort=False).cumsum()
    q = df["penyebut"].where(ok, 0.0).groupby(ind, sort=False).cumsum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(q != 0, p / q * df["faktor"], np.nan)


def kumulatif(data: pd.DataFrame, kunci: Sequence[str]) -> pd.DataFrame:
    """Year to date at every month: the same rules as :func:`agregasikan` applied to
    months 1..m for each m. Returns the monthly rows with ``target_kumulatif`` and
    ``realisasi_kumulatif`` added. Vectorised with grouped cumulative operations.

    Examples
    --------
    >>> m = pd.DataFrame({"indikator": "A", "bulan": [1, 2, 3], "target": [10, 10, 10],
    ...                   "realisasi": [8, 12, 9], "agregasi": "jumlah"})
    >>> kumulatif(m, ["indikator"])["realisasi_kumulatif"].tolist()
    [8.0, 20.0, 29.0]
    """
    kunci = list(kunci)
    df = _prepare(data, kunci).reset_index(drop=True)
    ind = df["_indikator"]  # one integer per indicator, computed once by _prepare
    has_r = df["realisasi"].notna()
    n_r = has_r.astype("int64").groupby(ind, sort=False).cumsum()
    has_t = df["target"].notna()
    n_t = has_t.astype("int64").groupby(ind, sort=False).cumsum()
    # Like with like (as in agregasikan): only months with realisasi add their target,
    # until something is reported the plan so far stands as the target.
    both = has_t & has_r
    n_tr = both.astype("int64").groupby(ind, sort=False).cumsum()
    r_sum = _running(df, ind, "realisasi", "sum")
    t_plan = _running(df, ind, "target", "sum")
    t_lfl = df["target"].where(both, 0.0).groupby(ind, sort=False).cumsum()
    t_sum = t_lfl.where(n_r > 0, t_plan)
    t_n = n_tr.where(n_r > 0, n_t)
    r_last = df["realisasi"].groupby(ind, sort=False).ffill()
    t_akhir = _running_target_akhir(df, ind, has_r)
    ratio = _running_rasio(df, ind)
    r_max, r_min = _running(df, ind, "realisasi", "max"), _running(df, ind, "realisasi", "min")
    t_max, t_min = _running(df, ind, "target", "max"), _running(df, ind, "target", "min")
    rule = df["agregasi"].cat.codes.to_numpy()
    choices = [rule == c for c in range(len(AGREGASI))]
    with np.errstate(divide="ignore", invalid="ignore"):
        realisasi = np.select(choices, [r_sum, r_last, r_sum / n_r, ratio, r_max, r_min], default=np.nan)
        target = np.select(choices, [t_sum, t_akhir, t_sum / t_n, t_akhir, t_max, t_min], default=np.nan)
    realisasi = np.where(n_r == 0, np.nan, realisasi)
    summed = np.isin(rule, [AGREGASI.index(a) for a in ("jumlah", "rata-rata")])
    extreme = np.isin(rule, [AGREGASI.index(a) for a in ("maks", "min")])
    target = np.where(((t_n == 0) & summed) | ((n_t == 0) & extreme), np.nan, target)
    df["target_kumulatif"] = target
    df["realisasi_kumulatif"] = realisasi
    return df.drop(columns=["_t_efektif", "_indikator"])


def cek_target_bulanan(
    bulanan: pd.DataFrame,
    tahunan: pd.DataFrame,
    kunci: Sequence[str],
) -> pd.DataFrame:
    """For ``jumlah`` indicators, compare the sum of monthly targets with the annual one.

    ``bulanan`` has the key columns, ``target`` and ``agregasi``; ``tahunan`` has the key
    columns and ``target`` (annual). Returns the indicators whose sums differ
    (:func:`kinerja.core.aturan.berbeda`, the tolerance every check shares) or where only one
    side is known, with ``jumlah_bulanan``, ``target_tahunan`` and ``selisih``; an empty
    frame when all agree. Ingest (rule V32) and the RAAPK reviu both call this.
    """
    kunci = list(kunci)
    b = bulanan[[*kunci, "target", "agregasi"]].copy()
    b["agregasi"] = normalise_agregasi(b["agregasi"])
    b = b[b["agregasi"] == "jumlah"]
    b["target"] = pd.to_numeric(b["target"], errors="coerce")
    sums = b.groupby(kunci, sort=True)["target"].sum(min_count=1).rename("jumlah_bulanan")
    annual = tahunan.set_index(kunci)["target"].rename("target_tahunan")
    annual = pd.to_numeric(annual, errors="coerce")
    merged = pd.concat([sums, annual], axis=1, join="inner")
    merged["selisih"] = merged["jumlah_bulanan"] - merged["target_tahunan"]
    one_missing = merged["jumlah_bulanan"].isna() != merged["target_tahunan"].isna()
    bad = berbeda(merged["jumlah_bulanan"], merged["target_tahunan"]) | one_missing
    return merged[bad].reset_index()
