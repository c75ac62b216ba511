"""Reading the store into long tables, for one unit and year or, with ``unit=None``, for
every unit at once (one query per table, not one per unit): the PK indicators by month with
their RAAPK targets and CRAAPK realisasi (:func:`tabel_bulanan`), the Renstra/RPJMD annual
targets (:func:`target_renstra_tahunan`), earlier years (:func:`riwayat`) and the last
month reported (:func:`bulan_terakhir`). The key, the unit filter and the indicator
metadata every table of :mod:`kinerja.analisis.dari_store` shares live here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.analisis.jabatan import realisasi_dijenjangkan
from kinerja.store.store import Store

__all__ = ["bulan_terakhir", "riwayat", "tabel_bulanan", "target_renstra_tahunan"]

_KEY = ["unit_kode", "indikator_kode"]
_META = ["kode", "sasaran", "nama", "satuan", "polaritas", "agregasi", "iku", "standar_nasional", "indikator_induk"]


def _where(unit: str | None, **more) -> dict:
    return ({"unit_kode": unit} if unit is not None else {}) | more


def target_renstra_tahunan(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """The Renstra/RPJMD annual targets of ``tahun``: the current ``target`` rows of
    ``dokumen`` renstra and ``jenis`` tahunan, one per unit and indicator. The one query
    behind the plausibility check, the V28 ingest check and the documents' reviu.

    Parameters
    ----------
    store : Store
        The store read.
    unit : str or None
        A unit's code; None for every unit.
    tahun : int
        The year of the targets.

    Returns
    -------
    pandas.DataFrame
        The store's target columns (``unit_kode``, ``indikator_kode``, ``nilai_teks``,
        ``nilai``, …); empty when the unit has no Renstra for that year.

    Examples
    --------
    >>> from kinerja.store.store import Store
    >>> target_renstra_tahunan(Store("sqlite://"), "dinkes", 2026).empty
    True
    """
    plan = store.current("target", **_where(unit, dokumen="renstra", tahun=tahun))
    return plan[plan["jenis"] == "tahunan"].drop_duplicates(_KEY) if not plan.empty else plan


def tabel_bulanan(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """One row per unit, indicator of the unit's PK and month 1–12 (``unit=None``: every unit).

    Columns: indicator metadata, ``target_tahunan`` (PK, as written), ``bulan``,
    ``target``/``target_nilai`` and ``program`` (RAAPK), ``realisasi``/``realisasi_nilai`` (CRAAPK; for
    rasio the value is pembilang/penyebut in %), ``pembilang``, ``penyebut``, ``keterangan``.
    """
    meta = store.current("indikator", **_where(unit))
    pk = store.current("target", **_where(unit, dokumen="pk", tahun=tahun))
    # A unit without a PK for the year but with a Renja evaluation (kinerja impor) is measured
    # against its Renja targets: the indicators it reported on, as the Renja form has them.
    renja = store.current("target", **_where(unit, dokumen="renja", tahun=tahun))
    if not renja.empty:
        renja = renja[(renja["jenis"] == "tahunan") & ~renja["unit_kode"].isin(pk["unit_kode"])]
        pk = pd.concat([pk, renja], ignore_index=True) if not pk.empty else renja
    if pk.empty:
        return pd.DataFrame(columns=[*_KEY, "bulan"])
    pk = pk.drop_duplicates(_KEY)
    base = pk[[*_KEY, "nilai_teks", "nilai", "dokumen"]].rename(
        columns={"nilai_teks": "target_tahunan", "nilai": "target_tahunan_nilai", "dokumen": "sumber_target"})
    base["urutan"] = base.groupby("unit_kode").cumcount().to_numpy()  # the PK's own order of indicators
    base = base.merge(meta[["unit_kode", *_META]].rename(columns={"kode": "indikator_kode", "nama": "indikator"}),
                      on=_KEY, how="left")
    months = pd.DataFrame({"bulan": np.arange(1, 13)})
    grid = base.merge(months, how="cross")
    plan = store.current("target", **_where(unit, dokumen="raapk", tahun=tahun))
    plan = plan[[*_KEY, "bulan", "nilai_teks", "nilai", "program", "penanggung_jawab"]].rename(
        columns={"nilai_teks": "target", "nilai": "target_nilai"})
    real = realisasi_dijenjangkan(store, store.current("realisasi", **_where(unit, tahun=tahun)), tahun, unit)
    # A quarter is kept at its last month (schema 5); where a month has both a monthly and a
    # quarterly value the monthly one (the finer source) stands.
    real = real[real["bulan"].notna()].sort_values("periode", na_position="first", kind="stable")
    real = real.drop_duplicates([*_KEY, "bulan"]).rename(columns={"periode": "periode_data"})
    real = real[[*_KEY, "bulan", "nilai_teks", "nilai", "pembilang", "penyebut", "keterangan",
                 "periode_data"]].rename(columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    for frame in (plan, real):
        frame["bulan"] = frame["bulan"].astype("int64")
    out = grid.merge(plan, on=[*_KEY, "bulan"], how="left").merge(real, on=[*_KEY, "bulan"], how="left")
    return out.sort_values(["unit_kode", "urutan", "bulan"], kind="stable").reset_index(drop=True)


def bulan_terakhir(store: Store, tahun: int) -> int:
    """The latest month of ``tahun`` for which any unit reported realisasi: the period end
    every document and page of that year shares (12 when nothing monthly is stored), so a
    unit that is late has its missing month named instead of getting a shorter period."""
    real = store.current("realisasi", tahun=tahun)
    months = real["bulan"].dropna() if not real.empty else pd.Series(dtype="float64")
    return int(months.max()) if not months.empty else 12


def riwayat(store: Store, unit: str | None) -> pd.DataFrame:
    """Per indicator and year: realisasi of earlier years (the Renstra's sheet) and the
    Renstra/RPJMD target of that year (``jenis`` ``awal`` marks the baseline before the
    period), with the end-of-period target and its year on every row."""
    real = store.current("realisasi", **_where(unit))
    real = real[real["bulan"].isna()][[*_KEY, "tahun", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    plan = store.current("target", **_where(unit, dokumen="renstra"))
    yearly = plan[plan["jenis"].isin(["tahunan", "awal"])][[*_KEY, "tahun", "jenis", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "target_renstra", "nilai": "target_renstra_nilai"})
    out = yearly.merge(real, on=[*_KEY, "tahun"], how="outer")
    end = plan[plan["jenis"] == "akhir_periode"][[*_KEY, "nilai_teks", "nilai", "tahun"]].rename(
        columns={"nilai_teks": "target_akhir", "nilai": "target_akhir_nilai", "tahun": "tahun_akhir"})
    out = out.merge(end.drop_duplicates(_KEY), on=_KEY, how="left")
    return out.sort_values([*_KEY, "tahun"]).reset_index(drop=True)
