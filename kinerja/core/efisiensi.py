"""Efficiency of resource use, in the five forms in use (docs/metodologi.md §5).

Reports differ in which form they print, so all five are computed side by side and
:data:`BENTUK_EFISIENSI` says in words what each one is; a report names the form it shows.

``indeks_efisiensi`` (BPOM)
    IE = capaian kinerja % / penyerapan %; IE >= 1 is efisien.
``selisih_efisiensi`` (many Pemda)
    capaian % − penyerapan %, in percentage points; negative when spending ran ahead.
``sisa_anggaran`` (Pemda LKjIPs)
    (1 − realisasi / pagu) × 100, counted only where the target was met (capaian >= 100).
``biaya_per_unit_rencana`` / ``biaya_per_unit_realisasi`` (Keputusan Kepala LAN Nomor 239/IX/6/8/2003)
    input per unit of output: pagu / target output against realisasi anggaran /
    realisasi output; ``efisiensi_biaya_unit`` = rencana / realisasi × 100 (above 100:
    each unit cost less than planned).
``efisiensi_pmk214`` (PMK 214/2017)
    E = Σ(PAK·CK − RAK) / Σ(PAK·CK) × 100, with PAK pagu keluaran, RAK realisasi anggaran
    keluaran and CK capaian keluaran as a ratio; per row here, per group with
    :func:`efisiensi_pmk214`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import memenuhi_target
from kinerja.core.errors import KinerjaError

__all__ = ["BENTUK_EFISIENSI", "efisiensi", "efisiensi_pmk214"]

BENTUK_EFISIENSI: dict[str, str] = {
    "indeks_efisiensi": "Indeks efisiensi = capaian kinerja (%) ÷ penyerapan anggaran (%); 1 atau lebih berarti efisien",
    "selisih_efisiensi": "Selisih = capaian kinerja (%) − penyerapan anggaran (%), dalam poin persen",
    "sisa_anggaran": "Sisa anggaran = (1 − realisasi ÷ pagu) × 100, hanya bila target tercapai",
    "efisiensi_biaya_unit": "Biaya per unit keluaran: rencana (pagu ÷ target keluaran) dibanding realisasi "
    "(realisasi anggaran ÷ realisasi keluaran) × 100; di atas 100 berarti lebih hemat dari rencana",
    "efisiensi_pmk214": "PMK 214/2017: (pagu × capaian keluaran − realisasi anggaran) ÷ (pagu × capaian keluaran) × 100",
}


def _col(data: pd.DataFrame, name: str) -> np.ndarray:
    if name not in data.columns:
        return np.full(len(data), np.nan)
    return pd.to_numeric(data[name], errors="coerce").to_numpy(dtype="float64")


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / b, np.nan)


def efisiensi(data: pd.DataFrame) -> pd.DataFrame:
    """All efficiency forms for every row.

    ``data`` needs ``capaian`` (%) and either ``penyerapan`` (%) or ``pagu`` with
    ``realisasi_anggaran``; ``target_keluaran``/``realisasi_keluaran`` enable the unit
    cost form. Returns a DataFrame on ``data``'s index with ``penyerapan`` and the
    columns named in :data:`BENTUK_EFISIENSI`, plus both unit costs. NaN where inputs
    are missing or a denominator is 0.

    Examples
    --------
    >>> e = efisiensi(pd.DataFrame({"capaian": [95.0], "pagu": [1000.0], "realisasi_anggaran": [800.0]}))
    >>> e[["penyerapan", "indeks_efisiensi", "selisih_efisiensi"]].round(4).values.tolist()
    [[80.0, 1.1875, 15.0]]
    """
    if "capaian" not in data.columns:
        raise KinerjaError("kolom 'capaian' wajib ada untuk menghitung efisiensi")
    capaian = _col(data, "capaian")
    pagu, realisasi = _col(data, "pagu"), _col(data, "realisasi_anggaran")
    serap = _col(data, "penyerapan") if "penyerapan" in data.columns else penyerapan(realisasi, pagu)
    rencana_unit = _ratio(pagu, _col(data, "target_keluaran"))
    realisasi_unit = _ratio(realisasi, _col(data, "realisasi_keluaran"))
    pak_ck = pagu * capaian / 100.0
    out = pd.DataFrame(
        {
            "penyerapan": serap,
            "indeks_efisiensi": _ratio(capaian, serap),
            "selisih_efisiensi": capaian - serap,
            "sisa_anggaran": np.where(memenuhi_target(capaian), (1.0 - _ratio(realisasi, pagu)) * 100.0, np.nan),
            "biaya_per_unit_rencana": rencana_unit,
            "biaya_per_unit_realisasi": realisasi_unit,
            "efisiensi_biaya_unit": _ratio(rencana_unit, realisasi_unit) * 100.0,
            "efisiensi_pmk214": _ratio(pak_ck - realisasi, pak_ck) * 100.0,
        },
        index=data.index,
    )
    return out


def efisiensi_pmk214(data: pd.DataFrame, kunci: Sequence[str]) -> pd.DataFrame:
    """PMK 214/2017 efficiency per group: Σ(PAK·CK − RAK) / Σ(PAK·CK) × 100.

    ``data`` has the key columns, ``pagu`` (PAK), ``realisasi_anggaran`` (RAK) and
    ``capaian`` (CK in %); rows missing any of them are left out of the sums.
    """
    kunci = list(kunci)
    pagu, rak, ck = _col(data, "pagu"), _col(data, "realisasi_anggaran"), _col(data, "capaian") / 100.0
    ok = ~(np.isnan(pagu) | np.isnan(rak) | np.isnan(ck))
    frame = data[kunci].copy()
    frame["pak_ck"] = np.where(ok, pagu * ck, np.nan)
    frame["selisih"] = np.where(ok, pagu * ck - rak, np.nan)
    sums = frame.groupby(kunci, sort=True)[["pak_ck", "selisih"]].sum(min_count=1)
    sums["efisiensi_pmk214"] = _ratio(sums["selisih"].to_numpy(), sums["pak_ck"].to_numpy()) * 100.0
    return sums[["efisiensi_pmk214"]].reset_index()
