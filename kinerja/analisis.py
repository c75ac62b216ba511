"""From the store to the tables a CRAAPK, LKjIP or dashboard shows, for one unit and year.

All functions read the store's *current* view and return long-format DataFrames; the
capaian itself always comes from :mod:`kinerja.capaian` and period sums from
:mod:`kinerja.agregasi`, so no formula is written here a second time.

``tabel_bulanan``       indicator × month: targets (RAAPK), realisasi (CRAAPK), keterangan
``capaian_bulanan``     the same with the month's capaian, predikat and catatan
``capaian_kumulatif``   per indicator, year to date: realisasi and target aggregated by the
                        indicator's agregasi (like with like), capaian against that target
                        and progress against the annual (PK) target
``riwayat``             earlier years' realisasi and the Renstra/RPJMD targets per year
``anggaran_program``    per program and month: plan, realisasi, penyerapan and S-curve
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .agregasi import agregasikan
from .anggaran import penyerapan_bulanan
from .capaian import hitung_capaian
from .predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from .store import Store

__all__ = ["anggaran_program", "capaian_bulanan", "capaian_kumulatif", "riwayat", "tabel_bulanan"]

_META = ["kode", "sasaran", "nama", "satuan", "polaritas", "agregasi", "iku", "standar_nasional", "indikator_induk"]


def _skala(skala: str | SkalaPredikat) -> SkalaPredikat:
    return skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)


def tabel_bulanan(store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """One row per indicator of the unit's PK and month 1–12.

    Columns: indicator metadata, ``target_tahunan`` (PK, as written), ``bulan``,
    ``target``/``target_nilai`` and ``program`` (RAAPK), ``realisasi``/``realisasi_nilai`` (CRAAPK; for
    rasio the value is pembilang/penyebut in %), ``pembilang``, ``penyebut``, ``keterangan``.
    """
    meta = store.current("indikator", unit_kode=unit)
    pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
    if pk.empty:
        return pd.DataFrame(columns=["indikator_kode", "bulan"])
    base = pk[["indikator_kode", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "target_tahunan", "nilai": "target_tahunan_nilai"})
    base = base.merge(meta[_META].rename(columns={"kode": "indikator_kode", "nama": "indikator"}),
                      on="indikator_kode", how="left")
    months = pd.DataFrame({"bulan": np.arange(1, 13)})
    grid = base.merge(months, how="cross")
    plan = store.current("target", unit_kode=unit, dokumen="raapk", tahun=tahun)
    plan = plan[["indikator_kode", "bulan", "nilai_teks", "nilai", "program"]].rename(
        columns={"nilai_teks": "target", "nilai": "target_nilai"})
    real = store.current("realisasi", unit_kode=unit, tahun=tahun)
    real = real[real["bulan"].notna()][["indikator_kode", "bulan", "nilai_teks", "nilai", "pembilang", "penyebut",
                                        "keterangan"]].rename(columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    for frame in (plan, real):
        frame["bulan"] = frame["bulan"].astype("int64")
    out = grid.merge(plan, on=["indikator_kode", "bulan"], how="left").merge(
        real, on=["indikator_kode", "bulan"], how="left")
    return out.sort_values(["indikator_kode", "bulan"], kind="stable").reset_index(drop=True)


def _engine_value(text: pd.Series, number: pd.Series) -> pd.Series:
    """What the engine reads: the stored number where there is one, else the text
    (grades, ranges, '–'); a rasio's "45/50" is represented by its number."""
    return number.astype(object).where(number.notna(), text.astype(object))


def capaian_bulanan(store: Store, unit: str, tahun: int, skala: str | SkalaPredikat = DEFAULT_SKALA) -> pd.DataFrame:
    """:func:`tabel_bulanan` with each month's ``capaian``, ``predikat`` and ``catatan``."""
    tabel = tabel_bulanan(store, unit, tahun)
    if tabel.empty:
        return tabel
    frame = pd.DataFrame({
        "target": _engine_value(tabel["target"], tabel["target_nilai"]),
        "realisasi": _engine_value(tabel["realisasi"], tabel["realisasi_nilai"]),
        "polaritas": tabel["polaritas"],
    })
    result = hitung_capaian(frame)
    tabel["capaian"] = result["capaian"].to_numpy()
    tabel["predikat"] = _skala(skala).predikat(result["capaian"]).to_numpy()
    tabel["catatan"] = result["catatan"].to_numpy()
    return tabel


def capaian_kumulatif(
    store: Store, unit: str, tahun: int, sampai_bulan: int = 12, skala: str | SkalaPredikat = DEFAULT_SKALA
) -> pd.DataFrame:
    """Per indicator, year to date up to ``sampai_bulan``.

    ``realisasi`` and ``target`` are aggregated by the indicator's agregasi over the
    months so far (Σ for jumlah, the last for akhir, ...), and ``capaian`` compares them.
    ``capaian_tahunan`` compares the same realisasi with the annual PK target (for jumlah
    indicators: progress towards the year's total). Indicators whose target is a range,
    a bound or a grade are measured against the PK target as written.
    """
    tabel = tabel_bulanan(store, unit, tahun)
    if tabel.empty:
        return tabel
    numeric = tabel.rename(columns={"target_nilai": "_t", "realisasi_nilai": "_r"})
    numeric = numeric.assign(target=numeric["_t"], realisasi=numeric["_r"],
                             agregasi=numeric["agregasi"].fillna("akhir").replace("", "akhir"))
    total = agregasikan(numeric, ["indikator_kode"], "tahun", sampai_bulan=sampai_bulan)
    first = tabel.drop_duplicates("indikator_kode").set_index("indikator_kode")
    total = total.join(first[["sasaran", "indikator", "satuan", "polaritas", "iku", "standar_nasional",
                              "target_tahunan", "target_tahunan_nilai"]], on="indikator_kode")
    # Latest written realisasi (grades, '–') for indicators measured as written.
    reported = tabel["realisasi"].notna() & ~tabel["realisasi"].astype(str).str.strip().isin(["", "-", "–", "—"])
    upto = tabel[(tabel["bulan"] <= sampai_bulan) & reported]
    last_text = upto.groupby("indikator_kode")["realisasi"].last()
    notes = upto.groupby("indikator_kode")["keterangan"].agg(lambda s: [k for k in s if isinstance(k, str) and k])
    as_written = total["target_tahunan_nilai"].isna()
    frame = pd.DataFrame({
        "target": total["target"].astype(object).where(~as_written, total["target_tahunan"]),
        "realisasi": total["realisasi"].astype(object).where(
            ~as_written | total["realisasi"].notna(), total["indikator_kode"].map(last_text)),
        "polaritas": total["polaritas"],
    })
    result = hitung_capaian(frame)
    year = hitung_capaian(pd.DataFrame({"target": total["target_tahunan"], "realisasi": frame["realisasi"],
                                        "polaritas": total["polaritas"]}))
    scale = _skala(skala)
    total["target"] = frame["target"]
    total["realisasi"] = frame["realisasi"]
    total["capaian"] = result["capaian"].to_numpy()
    total["predikat"] = scale.predikat(result["capaian"]).to_numpy()
    total["catatan"] = result["catatan"].to_numpy()
    total["capaian_tahunan"] = year["capaian"].to_numpy()
    total["keterangan"] = total["indikator_kode"].map(notes).apply(lambda v: v if isinstance(v, list) else [])
    return total.drop(columns=["periode"]).reset_index(drop=True)


def riwayat(store: Store, unit: str) -> pd.DataFrame:
    """Per indicator and year: realisasi of earlier years (the Renstra's sheet) and the
    Renstra/RPJMD target of that year (``jenis`` ``awal`` marks the baseline before the
    period), with the end-of-period target and its year on every row."""
    real = store.current("realisasi", unit_kode=unit)
    real = real[real["bulan"].isna()][["indikator_kode", "tahun", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    plan = store.current("target", unit_kode=unit, dokumen="renstra")
    yearly = plan[plan["jenis"].isin(["tahunan", "awal"])][["indikator_kode", "tahun", "jenis", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "target_renstra", "nilai": "target_renstra_nilai"})
    out = yearly.merge(real, on=["indikator_kode", "tahun"], how="outer")
    end = plan[plan["jenis"] == "akhir_periode"].set_index("indikator_kode")
    out["target_akhir"] = out["indikator_kode"].map(end["nilai_teks"])
    out["target_akhir_nilai"] = out["indikator_kode"].map(end["nilai"])
    out["tahun_akhir"] = out["indikator_kode"].map(end["tahun"])
    return out.sort_values(["indikator_kode", "tahun"]).reset_index(drop=True)


def anggaran_program(store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """Per program and month: pagu, plan (RAAPK), realisasi (CRAAPK), monthly capaian
    anggaran and the cumulative S-curves (see :func:`kinerja.penyerapan_bulanan`)."""
    rows = store.current("anggaran", unit_kode=unit, tahun=tahun)
    rows = rows[rows["kegiatan"].isna()]
    if rows.empty:
        return pd.DataFrame(columns=["program", "bulan"])
    pagu = rows[(rows["jenis"] == "pagu") & rows["bulan"].isna()].groupby("program")["nilai"].max()
    monthly = rows[rows["bulan"].notna()].pivot_table(index=["program", "bulan"], columns="jenis", values="nilai",
                                                      aggfunc="sum")
    grid = pd.MultiIndex.from_product([pagu.index, range(1, 13)], names=["program", "bulan"])
    monthly = monthly.reindex(grid).reset_index()
    monthly["bulan"] = monthly["bulan"].astype("int64")
    monthly["pagu"] = monthly["program"].map(pagu)
    monthly["target_anggaran"] = monthly.get("target", np.nan)
    monthly["realisasi_anggaran"] = monthly.get("realisasi", np.nan)
    return penyerapan_bulanan(monthly[["program", "bulan", "pagu", "target_anggaran", "realisasi_anggaran"]],
                              ["program"])
