"""Penyerapan anggaran (absorption) per period and cumulative (docs/metodologi.md §5).

``penyerapan = realisasi anggaran / pagu × 100``. Against the monthly anggaran target
of the rencana aksi the same ratio is CRAAPK column (16), ``capaian anggaran``. The
cumulative series against pagu is the S-curve, drawn beside the planned one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kinerja.core.errors import KinerjaError

__all__ = ["penyerapan", "penyerapan_bulanan"]


def penyerapan(realisasi, pagu):
    """``realisasi / pagu × 100``; NaN where pagu is 0, negative or missing.

    Examples
    --------
    >>> float(penyerapan(750, 1000))
    75.0
    """
    r = np.asarray(realisasi, dtype="float64")
    p = np.asarray(pagu, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(p > 0, r / p * 100.0, np.nan)
    if isinstance(realisasi, pd.Series):
        return pd.Series(result, index=realisasi.index)
    return float(result) if np.ndim(result) == 0 else result


def penyerapan_bulanan(data: pd.DataFrame, kunci: Sequence[str]) -> pd.DataFrame:
    """Monthly and cumulative absorption for every budget line identified by ``kunci``.

    ``data`` has the key columns, ``bulan``, ``pagu`` (per line), ``target_anggaran`` (the
    month's rencana aksi target, NaN for none) and ``realisasi_anggaran`` (NaN if not
    reported). Adds ``capaian_anggaran`` (month realisasi / month target × 100),
    ``target_kumulatif``, ``realisasi_kumulatif``, ``rencana_penyerapan_kumulatif`` and
    ``penyerapan_kumulatif`` (both × 100 / pagu), sorted by key and month.
    """
    kunci = list(kunci)
    need = [*kunci, "bulan", "pagu", "target_anggaran", "realisasi_anggaran"]
    missing = [c for c in need if c not in data.columns]
    if missing:
        raise KinerjaError(f"kolom berikut wajib ada untuk penyerapan: {', '.join(missing)}")
    df = data.sort_values([*kunci, "bulan"], kind="stable").reset_index(drop=True)
    for col in ("pagu", "target_anggaran", "realisasi_anggaran"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    groups = [df[k] for k in kunci]
    df["capaian_anggaran"] = penyerapan(df["realisasi_anggaran"], df["target_anggaran"])
    reported = df["realisasi_anggaran"].notna().astype("int64").groupby(groups, sort=False).cumsum()
    df["target_kumulatif"] = df["target_anggaran"].fillna(0.0).groupby(groups, sort=False).cumsum()
    cum_r = df["realisasi_anggaran"].fillna(0.0).groupby(groups, sort=False).cumsum()
    df["realisasi_kumulatif"] = cum_r.where(reported > 0)
    df["rencana_penyerapan_kumulatif"] = penyerapan(df["target_kumulatif"], df["pagu"])
    df["penyerapan_kumulatif"] = penyerapan(df["realisasi_kumulatif"], df["pagu"])
    return df
