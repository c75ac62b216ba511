"""Penyerapan anggaran (absorption) per period and cumulative (docs/metodologi.md §5), and
the rules of Rupiah amounts as budget files write them.

``penyerapan = realisasi anggaran / pagu × 100``. Against the monthly anggaran target
of the rencana aksi the same ratio is CRAAPK column (16), ``capaian anggaran``. The
cumulative series against pagu is the S-curve, drawn beside the planned one.

Budget files: an amount is exact to the sen (:func:`sen`: sums of thousands of rekening are
made in whole sen, never drifting as float sums do); a header or title may say the Rupiah are
in thousands or millions (:func:`pengali_rupiah`); the pagu a document uses is the latest
stage of the APBD, the perubahan where there is one (:data:`TAHAP_PAGU`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kinerja.core.errors import KinerjaError

__all__ = ["TAHAP_PAGU", "keterangan_pagu", "pengali_rupiah", "penyerapan", "penyerapan_bulanan", "sen", "urutan_tahap"]

# The stages of an APBD, in order: the pagu of the latest stage a store holds is the one a
# document uses (the murni pagu of a PK or RAAPK, which names no stage, counts as murni).
TAHAP_PAGU = ("murni", "perubahan")
_PENGALI = ((r"\bmilyar\b|\bmiliar\b|\(\s*0{3}\.?0{3}\.?0{3}\s*\)", 1_000_000_000),
            (r"\bjuta(?:an)?\b|\(\s*0{3}\.?0{3}\s*\)|\brp\.?\s*0{3}\.?0{3}\b", 1_000_000),
            (r"\bribu(?:an)?\b|\(\s*0{3}\s*\)|\brp\.?\s*\(?\s*0{3}\b", 1_000))


def pengali_rupiah(teks: object) -> int | None:
    """What the Rupiah under a header or title are multiplied by: 1.000 for "Rp. (000)",
    "(Rp 000)" or "dalam ribuan rupiah", 1.000.000 for "jutaan rupiah"; 1 when the text names
    plain Rupiah ("(Rp)"); None when it names no unit.

    Examples
    --------
    >>> [pengali_rupiah(t) for t in ("JUMLAH (Rp. 000)", "Rp. (000)", "dalam ribuan rupiah", "Pagu (Rp)", "JUMLAH")]
    [1000, 1000, 1000, 1, None]
    >>> pengali_rupiah("Anggaran (dalam jutaan rupiah)")
    1000000
    """
    text = " ".join(str(teks or "").lower().split())
    money = re.search(r"\brp\b|rupiah|\(\s*0{3}", text) is not None
    for pattern, factor in _PENGALI:
        found = re.search(pattern, text)
        if found and (money or found.group(0).startswith("(")):
            return factor
    return 1 if money else None


def sen(nilai, pengali: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Amounts as whole sen (int64, exact) and where an amount is finer than a sen.

    A float read from a cell (18953066778.13) is the decimal the cell shows; × 100 it is a
    whole number up to float rounding, taken exactly. Sums of sen are exact, so a file's
    total comes out to the sen whatever the order of its rows. NaN stays missing (0 in the
    first array, masked by the caller); the second array is True where × 100 is not whole.

    Examples
    --------
    >>> s, halus = sen([18953066778.13, 0.1, 0.2, 1.005])
    >>> s.tolist(), int(s[1] + s[2]), halus.tolist()
    ([1895306677813, 10, 20, 100], 30, [False, False, False, True])
    >>> sen([1.5], pengali=1000)[0].tolist()
    [150000]
    """
    values = np.asarray(nilai, dtype="float64") * float(pengali) * 100.0
    known = ~np.isnan(values)
    whole = np.rint(np.where(known, values, 0.0))
    fine = known & (np.abs(values - whole) > 1e-3 + 16 * np.spacing(np.abs(whole)))  # a few float steps
    return whole.astype("int64"), fine


def keterangan_pagu(tahap) -> str:
    """What a budget table's title adds to say which pagu it shows, from each row's
    ``tahap_pagu``: nothing when no row names a stage (kinerja's own formulir), else the stage.

    Examples
    --------
    >>> keterangan_pagu([None, None]), keterangan_pagu(["perubahan", "perubahan"])
    ('', ' (pagu APBD Perubahan)')
    >>> keterangan_pagu(["perubahan", "murni"])
    ' (pagu APBD Perubahan bila ada, selain itu pagu murni)'
    """
    stages = {t if isinstance(t, str) else "murni" for t in tahap}
    if not any(isinstance(t, str) for t in tahap):
        return ""
    if stages == {"perubahan"}:
        return " (pagu APBD Perubahan)"
    return " (pagu murni)" if stages == {"murni"} else " (pagu APBD Perubahan bila ada, selain itu pagu murni)"


def urutan_tahap(tahap) -> np.ndarray:
    """The rank of each row's APBD stage in :data:`TAHAP_PAGU` (no stage: murni, 0)."""
    return np.asarray(pd.Series(tahap, dtype="object").map({t: i for i, t in enumerate(TAHAP_PAGU)}).fillna(0),
                      dtype="int64")


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
    # A line the RAAPK gives no plan at all has no cumulative plan ("–"), not a plan of zero.
    planned = df["target_anggaran"].notna().groupby(groups, sort=False).transform("any")
    df["target_kumulatif"] = df["target_anggaran"].fillna(0.0).groupby(groups, sort=False).cumsum().where(planned)
    cum_r = df["realisasi_anggaran"].fillna(0.0).groupby(groups, sort=False).cumsum()
    df["realisasi_kumulatif"] = cum_r.where(reported > 0)
    df["rencana_penyerapan_kumulatif"] = penyerapan(df["target_kumulatif"], df["pagu"])
    df["penyerapan_kumulatif"] = penyerapan(df["realisasi_kumulatif"], df["pagu"])
    return df
