"""From the store to the tables a CRAAPK, LKjIP or dashboard shows, for one unit and year
or, with ``unit=None``, for every unit at once (one query per table, not one per unit).

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
``ringkasan_unit``      per unit: indicators, mean capaian (year to date and against the
                        annual target), penyerapan against its plan, predikat
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .agregasi import agregasikan
from .anggaran import penyerapan, penyerapan_bulanan
from .capaian import hitung_capaian
from .parsing import tanpa_nilai
from .predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from .store import Store

__all__ = ["anggaran_program", "capaian_bulanan", "capaian_kumulatif", "riwayat", "ringkasan_unit", "tabel_bulanan"]

_META = ["kode", "sasaran", "nama", "satuan", "polaritas", "agregasi", "iku", "standar_nasional", "indikator_induk"]


_KEY = ["unit_kode", "indikator_kode"]


def _skala(skala: str | SkalaPredikat) -> SkalaPredikat:
    return skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)


def _where(unit: str | None, **more) -> dict:
    return ({"unit_kode": unit} if unit is not None else {}) | more


def tabel_bulanan(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """One row per unit, indicator of the unit's PK and month 1–12 (``unit=None``: every unit).

    Columns: indicator metadata, ``target_tahunan`` (PK, as written), ``bulan``,
    ``target``/``target_nilai`` and ``program`` (RAAPK), ``realisasi``/``realisasi_nilai`` (CRAAPK; for
    rasio the value is pembilang/penyebut in %), ``pembilang``, ``penyebut``, ``keterangan``.
    """
    meta = store.current("indikator", **_where(unit))
    pk = store.current("target", **_where(unit, dokumen="pk", tahun=tahun))
    if pk.empty:
        return pd.DataFrame(columns=[*_KEY, "bulan"])
    pk = pk.drop_duplicates(_KEY)
    base = pk[[*_KEY, "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "target_tahunan", "nilai": "target_tahunan_nilai"})
    base["urutan"] = base.groupby("unit_kode").cumcount().to_numpy()  # the PK's own order of indicators
    base = base.merge(meta[["unit_kode", *_META]].rename(columns={"kode": "indikator_kode", "nama": "indikator"}),
                      on=_KEY, how="left")
    months = pd.DataFrame({"bulan": np.arange(1, 13)})
    grid = base.merge(months, how="cross")
    plan = store.current("target", **_where(unit, dokumen="raapk", tahun=tahun))
    plan = plan[[*_KEY, "bulan", "nilai_teks", "nilai", "program", "penanggung_jawab"]].rename(
        columns={"nilai_teks": "target", "nilai": "target_nilai"})
    real = store.current("realisasi", **_where(unit, tahun=tahun))
    real = real[real["bulan"].notna()][[*_KEY, "bulan", "nilai_teks", "nilai", "pembilang", "penyebut",
                                        "keterangan"]].rename(columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    for frame in (plan, real):
        frame["bulan"] = frame["bulan"].astype("int64")
    out = grid.merge(plan, on=[*_KEY, "bulan"], how="left").merge(real, on=[*_KEY, "bulan"], how="left")
    return out.sort_values(["unit_kode", "urutan", "bulan"], kind="stable").reset_index(drop=True)


def _engine_value(text: pd.Series, number: pd.Series) -> pd.Series:
    """What the engine reads: the stored number where there is one, else the text
    (grades, ranges, '–'); a rasio's "45/50" is represented by its number."""
    return number.astype(object).where(number.notna(), text.astype(object))


def capaian_bulanan(store: Store, unit: str | None, tahun: int, skala: str | SkalaPredikat = DEFAULT_SKALA) -> pd.DataFrame:
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
    store: Store, unit: str | None, tahun: int, sampai_bulan: int = 12, skala: str | SkalaPredikat = DEFAULT_SKALA
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
    total = agregasikan(numeric, _KEY, "tahun", sampai_bulan=sampai_bulan)
    first = tabel.drop_duplicates(_KEY).set_index(_KEY)
    total = total.join(first[["sasaran", "indikator", "satuan", "polaritas", "iku", "standar_nasional",
                              "target_tahunan", "target_tahunan_nilai"]], on=_KEY)
    # Latest written realisasi (grades, '–') for indicators measured as written.
    reported = ~tanpa_nilai(tabel["realisasi"])
    upto = tabel[(tabel["bulan"] <= sampai_bulan) & reported]
    last_text = upto.groupby(_KEY)["realisasi"].last()
    notes = upto[upto["keterangan"].notna() & (upto["keterangan"] != "")].groupby(_KEY)["keterangan"].agg(list)
    key = pd.MultiIndex.from_frame(total[_KEY])
    as_written = total["target_tahunan_nilai"].isna()
    frame = pd.DataFrame({
        "target": total["target"].astype(object).where(~as_written, total["target_tahunan"]),
        "realisasi": total["realisasi"].astype(object).where(
            ~as_written | total["realisasi"].notna(), last_text.reindex(key).to_numpy()),
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
    total["keterangan"] = [v if isinstance(v, list) else [] for v in notes.reindex(key)]
    return total.drop(columns=["periode"]).reset_index(drop=True)


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


# Which document's budget row counts when several hold the same program, month and kind:
# the latest stage of the plan (a CRAAPK's monthly target over the RAAPK's, the RAAPK's
# pagu over the PK's and the RKT's).
_TAHAP_ANGGARAN = {"rkt": 0, "pk": 1, "raapk": 2, "craapk": 3}


def _anggaran_terkini(rows: pd.DataFrame) -> pd.DataFrame:
    """One budget row per program, kegiatan, sub kegiatan, month and kind, from the latest plan stage."""
    if rows.empty:
        return rows
    stage = rows["dokumen"].map(_TAHAP_ANGGARAN).fillna(-1)
    keys = ["unit_kode", "tahun", "program", "kegiatan", "sub_kegiatan", "bulan", "jenis"]
    ordered = rows.assign(_tahap=stage).sort_values("_tahap", kind="stable")
    return ordered.drop_duplicates(keys, keep="last").drop(columns="_tahap").sort_index()


def anggaran_program(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """Per unit, program and month: pagu, plan (RAAPK), realisasi (CRAAPK), monthly capaian
    anggaran and the cumulative S-curves (see :func:`kinerja.penyerapan_bulanan`)."""
    rows = _anggaran_terkini(store.current("anggaran", **_where(unit, tahun=tahun)))
    rows = rows[rows["kegiatan"].isna()]
    if rows.empty:
        return pd.DataFrame(columns=["unit_kode", "program", "bulan"])
    keys = ["unit_kode", "program"]
    pagu = rows[(rows["jenis"] == "pagu") & rows["bulan"].isna()].groupby(keys)["nilai"].max()
    monthly = rows[rows["bulan"].notna()].pivot_table(index=[*keys, "bulan"], columns="jenis", values="nilai",
                                                      aggfunc="sum")
    grid = pd.MultiIndex.from_tuples([(*k, m) for k in pagu.index for m in range(1, 13)],
                                     names=[*keys, "bulan"])
    monthly = monthly.reindex(grid).reset_index()
    monthly["bulan"] = monthly["bulan"].astype("int64")
    monthly["pagu"] = pagu.reindex(pd.MultiIndex.from_frame(monthly[keys])).to_numpy()
    monthly["target_anggaran"] = monthly.get("target", np.nan)
    monthly["realisasi_anggaran"] = monthly.get("realisasi", np.nan)
    return penyerapan_bulanan(monthly[[*keys, "bulan", "pagu", "target_anggaran", "realisasi_anggaran"]], keys)


def ringkasan_unit(store: Store, tahun: int, sampai_bulan: int, skala: str | SkalaPredikat = DEFAULT_SKALA,
                   jenis: tuple[str, ...] = ("perangkat_daerah",)) -> pd.DataFrame:
    """One row per unit of the given ``jenis``: ``indikator`` (count), ``capaian`` (mean
    year-to-date capaian), ``capaian_tahunan`` (mean against the annual target),
    ``predikat`` (of ``capaian``), ``penyerapan`` and ``rencana_penyerapan`` (cumulative %
    of pagu up to ``sampai_bulan``). Units without a PK have ``indikator`` 0 and NaN means."""
    scale = _skala(skala)
    units = store.current("unit")
    units = units[units["jenis"].isin(jenis)][["kode", "nama", "jenis"]].rename(columns={"kode": "unit_kode"})
    kum = capaian_kumulatif(store, None, tahun, sampai_bulan, scale)
    if kum.empty:
        kum = pd.DataFrame(columns=["unit_kode", "indikator_kode", "capaian", "capaian_tahunan"])
    per_unit = kum.groupby("unit_kode").agg(indikator=("indikator_kode", "size"), capaian=("capaian", "mean"),
                                           capaian_tahunan=("capaian_tahunan", "mean"))
    money = anggaran_program(store, None, tahun)
    if not money.empty:
        now = money[money["bulan"] == sampai_bulan].groupby("unit_kode")[
            ["pagu", "realisasi_kumulatif", "target_kumulatif"]].sum(min_count=1)
        per_unit = per_unit.join(pd.DataFrame({"penyerapan": penyerapan(now["realisasi_kumulatif"], now["pagu"]),
                                               "rencana_penyerapan": penyerapan(now["target_kumulatif"], now["pagu"])}),
                                 how="outer")
    out = units.join(per_unit, on="unit_kode")
    for col in ("capaian", "capaian_tahunan", "penyerapan", "rencana_penyerapan"):
        out[col] = out[col].astype("float64") if col in out else np.nan
    out["indikator"] = out["indikator"].fillna(0).astype("int64")
    out["predikat"] = scale.predikat(out["capaian"]).to_numpy()
    return out.sort_values("nama").reset_index(drop=True)
