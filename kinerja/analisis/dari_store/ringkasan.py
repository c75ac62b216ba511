"""One row per unit for a period: how many indicators, how many measured, flagged or
missing, the unit's rolled-up capaian and predikat, and its penyerapan against pagu and
plan (:func:`ringkasan_unit`, what the LKjIP's table of perangkat daerah, the ranking and
the pages show), and the penyerapan of a group of units (:func:`penyerapan_total`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.analisis.dari_store.anggaran import anggaran_program
from kinerja.analisis.dari_store.capaian import _skala, capaian_kumulatif, rata_capaian
from kinerja.core.anggaran import penyerapan
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat
from kinerja.core.wilayah import kabupaten_unit
from kinerja.store.store import Store

__all__ = ["penyerapan_total", "ringkasan_unit"]


def ringkasan_unit(store: Store, tahun: int, sampai_bulan: int, skala: str | SkalaPredikat = DEFAULT_SKALA,
                   jenis: tuple[str, ...] = ("perangkat_daerah",), kum: pd.DataFrame | None = None,
                   kabupaten: str | None = None) -> pd.DataFrame:
    """One row per unit of the given ``jenis`` for the period January to ``sampai_bulan``:
    ``indikator`` (count), ``terukur`` (indicators whose capaian enters the mean),
    ``perlu_verifikasi`` and ``bulan_kosong`` (indicators flagged, indicator-months not
    reported), ``capaian`` (:func:`rata_capaian`), ``predikat``, ``pagu``,
    ``realisasi_anggaran`` and ``rencana_anggaran`` (cumulative, Rupiah), ``penyerapan`` and
    ``rencana_penyerapan`` (% of pagu). Units without a PK have ``indikator`` 0 and NaN means.
    ``kum`` reuses a :func:`capaian_kumulatif` table of all units already read. Each row
    carries its ``kabupaten`` (code); ``kabupaten`` keeps only that kabupaten's units."""
    scale = _skala(skala)
    semua = store.current("unit")
    units = semua[semua["jenis"].isin(jenis)][["kode", "nama", "jenis"]].rename(columns={"kode": "unit_kode"})
    units["kabupaten"] = units["unit_kode"].map(kabupaten_unit(semua))
    if kabupaten is not None:
        units = units[units["kabupaten"] == kabupaten]
    if kum is None:
        kum = capaian_kumulatif(store, None, tahun, sampai_bulan, scale)
    if kum.empty:
        kum = pd.DataFrame(columns=["unit_kode", "indikator_kode", "capaian", "dihitung", "verifikasi",
                                    "bulan_kosong"])
    grouped = kum.assign(_flag=kum["verifikasi"].map(len) > 0, _gap=kum["bulan_kosong"].map(len),
                         _ok=kum["dihitung"].astype(bool)).groupby("unit_kode")
    per_unit = grouped.agg(indikator=("indikator_kode", "size"), terukur=("_ok", "sum"),
                           perlu_verifikasi=("_flag", "sum"), bulan_kosong=("_gap", "sum"))
    per_unit["capaian"] = rata_capaian(kum, "unit_kode")
    money = anggaran_program(store, None, tahun)
    if not money.empty:
        now = money[money["bulan"] == sampai_bulan].groupby("unit_kode")[
            ["pagu", "realisasi_kumulatif", "target_kumulatif"]].sum(min_count=1)
        now = now.rename(columns={"realisasi_kumulatif": "realisasi_anggaran", "target_kumulatif": "rencana_anggaran"})
        now["penyerapan"] = penyerapan(now["realisasi_anggaran"], now["pagu"])
        now["rencana_penyerapan"] = penyerapan(now["rencana_anggaran"], now["pagu"])
        per_unit = per_unit.join(now, how="outer")
    out = units.join(per_unit, on="unit_kode")
    for col in ("capaian", "pagu", "realisasi_anggaran", "rencana_anggaran", "penyerapan", "rencana_penyerapan"):
        out[col] = out[col].astype("float64") if col in out else np.nan
    for col in ("indikator", "terukur", "perlu_verifikasi", "bulan_kosong"):
        out[col] = out[col].fillna(0).astype("int64")
    out["predikat"] = scale.predikat(out["capaian"]).to_numpy()
    return out.sort_values("nama").reset_index(drop=True)


def penyerapan_total(ringkasan: pd.DataFrame) -> tuple[float, float]:
    """Penyerapan of a group of units as Σ realisasi / Σ pagu (and the plan likewise), never
    a mean of their percentages.

    Examples
    --------
    >>> r = pd.DataFrame({"pagu": [100.0, 900.0], "realisasi_anggaran": [90.0, 450.0],
    ...                   "rencana_anggaran": [80.0, 600.0]})
    >>> penyerapan_total(r)
    (54.0, 68.0)
    """
    pagu = ringkasan["pagu"].sum(min_count=1)
    if pd.isna(pagu) or not pagu:
        return float("nan"), float("nan")
    return (float(penyerapan(ringkasan["realisasi_anggaran"].sum(min_count=1), pagu)),
            float(penyerapan(ringkasan["rencana_anggaran"].sum(min_count=1), pagu)))
