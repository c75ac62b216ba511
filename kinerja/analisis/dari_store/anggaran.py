"""The budget side of the tables: per program and month the pagu, the RAAPK plan, the
realisasi and the S-curves (:func:`anggaran_program`, the latest plan stage winning where
several documents hold the same row), and the efficiency of each sasaran from the programs
its indicators are linked to (:func:`efisiensi_sasaran`, worded by
:func:`bentuk_efisiensi`). Penyerapan and efficiency themselves come from
:mod:`kinerja.core.anggaran` and :mod:`kinerja.core.efisiensi`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.analisis.dari_store.tabel import _where
from kinerja.core.anggaran import penyerapan, penyerapan_bulanan, urutan_tahap
from kinerja.core.berjenjang import capaian_sasaran
from kinerja.core.efisiensi import efisiensi
from kinerja.core.formatting import nama_bulan
from kinerja.store.store import Store

__all__ = ["anggaran_program", "bentuk_efisiensi", "efisiensi_sasaran"]


# Which document's budget row counts when several hold the same program, month and kind:
# the latest stage of the plan (a CRAAPK's monthly target over the RAAPK's, the RAAPK's
# pagu over the PK's and the RKT's).
_TAHAP_ANGGARAN = {"rkt": 0, "pk": 1, "raapk": 2, "craapk": 3}


def _anggaran_terkini(rows: pd.DataFrame) -> pd.DataFrame:
    """One budget row per program, kegiatan, sub kegiatan, month and kind: the latest APBD stage
    (a pagu perubahan over the murni one, :data:`kinerja.core.anggaran.TAHAP_PAGU`), then the
    latest plan stage."""
    if rows.empty:
        return rows
    stage = rows["dokumen"].map(_TAHAP_ANGGARAN).fillna(-1)
    apbd = urutan_tahap(rows["tahap"]) if "tahap" in rows else 0
    keys = ["unit_kode", "tahun", "program", "kegiatan", "sub_kegiatan", "bulan", "jenis"]
    ordered = rows.assign(_apbd=apbd, _tahap=stage).sort_values(["_apbd", "_tahap"], kind="stable")
    return ordered.drop_duplicates(keys, keep="last").drop(columns=["_apbd", "_tahap"]).sort_index()


def anggaran_program(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """Per unit, program and month: pagu (the latest APBD stage's; ``tahap_pagu`` says which),
    plan (RAAPK), realisasi (CRAAPK), monthly capaian anggaran and the cumulative S-curves (see
    :func:`kinerja.penyerapan_bulanan`)."""
    rows = _anggaran_terkini(store.current("anggaran", **_where(unit, tahun=tahun)))
    rows = rows[rows["kegiatan"].isna()]
    if rows.empty:
        return pd.DataFrame(columns=["unit_kode", "program", "bulan"])
    keys = ["unit_kode", "program"]
    pagu_rows = rows[(rows["jenis"] == "pagu") & rows["bulan"].isna()]
    pagu = pagu_rows.groupby(keys)["nilai"].max()
    monthly = rows[rows["bulan"].notna()].pivot_table(index=[*keys, "bulan"], columns="jenis", values="nilai",
                                                      aggfunc="sum")
    # Every program with a pagu or any monthly value (a SIPD export may bring realisasi
    # before a DPA is loaded: its penyerapan is then unknown, not hidden).
    programs = list(dict.fromkeys([*pagu.index, *monthly.index.droplevel("bulan")])) if not monthly.empty else list(pagu.index)
    grid = pd.MultiIndex.from_tuples([(*k, m) for k in programs for m in range(1, 13)],
                                     names=[*keys, "bulan"])
    monthly = monthly.reindex(grid).reset_index()
    monthly["bulan"] = monthly["bulan"].astype("int64")
    monthly["pagu"] = pagu.reindex(pd.MultiIndex.from_frame(monthly[keys])).to_numpy()
    monthly["target_anggaran"] = monthly.get("target", np.nan)
    monthly["realisasi_anggaran"] = monthly.get("realisasi", np.nan)
    out = penyerapan_bulanan(monthly[[*keys, "bulan", "pagu", "target_anggaran", "realisasi_anggaran"]], keys)
    # Which APBD stage each program's pagu is (perubahan, murni, or none said), for the documents to say.
    stage = pagu_rows.groupby(keys)["tahap"].first() if "tahap" in pagu_rows else pd.Series(dtype="object")
    out["tahap_pagu"] = stage.reindex(pd.MultiIndex.from_frame(out[keys])).to_numpy() if len(stage) else None
    # The CRAAPK's Ket of the budget (column 17): why the month's absorption is what it is.
    said = rows[(rows["jenis"] == "realisasi") & rows["bulan"].notna() & rows["keterangan"].notna()]
    ket = said.groupby([*keys, "bulan"])["keterangan"].agg("; ".join) if not said.empty else pd.Series(dtype=object)
    out["keterangan_anggaran"] = ket.reindex(pd.MultiIndex.from_frame(out[[*keys, "bulan"]])).to_numpy() \
        if len(ket) else None
    return out


def efisiensi_sasaran(kum: pd.DataFrame, bulanan: pd.DataFrame, anggaran: pd.DataFrame,
                      sampai_bulan: int) -> pd.DataFrame:
    """Efficiency per unit and sasaran from the programs the RAAPK links to its indicators.

    Absorption is measured like with like: the realisasi anggaran of those programs to
    ``sampai_bulan`` against their planned (RAAPK) absorption to the same month, or
    against the pagu once the year is over (``sampai_bulan`` 12). ``capaian`` is the
    sasaran's rolled-up capaian (:func:`kinerja.core.berjenjang.capaian_sasaran`). A program that
    serves several sasaran is never counted once per sasaran: its pagu, plan and realisasi are
    split by the data's own link, the share of the indicators naming it in the RAAPK that belong
    to each sasaran (``dibagi`` says a sasaran's money is such a share). Columns: ``unit_kode``,
    ``sasaran``, ``program`` (list), ``capaian``, ``pagu``, ``rencana_anggaran``,
    ``realisasi_anggaran``, ``dibagi``, ``penyerapan`` (the like-with-like one), ``penyerapan_pagu``
    and the forms of :func:`kinerja.core.efisiensi.efisiensi`.
    """
    named = bulanan[bulanan["program"].notna()]
    per_indikator = named[["unit_kode", "sasaran", "indikator_kode", "program"]].drop_duplicates()
    links = per_indikator.groupby(["unit_kode", "sasaran", "program"], sort=False).size().rename("n").reset_index()
    links["bagian"] = links["n"] / links.groupby(["unit_kode", "program"])["n"].transform("sum")
    per = capaian_sasaran(kum)
    programs = links.groupby(["unit_kode", "sasaran"])["program"].agg(list).rename("program")
    per = per.join(programs, on=["unit_kode", "sasaran"])
    per["program"] = [v if isinstance(v, list) else [] for v in per["program"]]
    if anggaran.empty:
        money = pd.DataFrame(columns=["unit_kode", "sasaran", "pagu", "rencana_anggaran", "realisasi_anggaran",
                                      "dibagi"])
    else:
        now = anggaran[anggaran["bulan"] == sampai_bulan][["unit_kode", "program", "pagu", "target_kumulatif",
                                                            "realisasi_kumulatif"]]
        shared = links.merge(now, on=["unit_kode", "program"])
        for column in ("pagu", "target_kumulatif", "realisasi_kumulatif"):
            shared[column] = shared[column] * shared["bagian"]
        money = shared.assign(dibagi=shared["bagian"] < 1).groupby(["unit_kode", "sasaran"]).agg(
            pagu=("pagu", "sum"), rencana_anggaran=("target_kumulatif", lambda x: x.sum(min_count=1)),
            realisasi_anggaran=("realisasi_kumulatif", lambda x: x.sum(min_count=1)), dibagi=("dibagi", "any"),
        ).reset_index()
    per = per.merge(money, on=["unit_kode", "sasaran"], how="left")
    basis = per["pagu"] if sampai_bulan == 12 else per["rencana_anggaran"]
    per["penyerapan_pagu"] = penyerapan(per["realisasi_anggaran"], per["pagu"])
    per["penyerapan"] = penyerapan(per["realisasi_anggaran"], basis)
    forms = efisiensi(per[["capaian", "penyerapan"]])
    return pd.concat([per, forms.drop(columns="penyerapan")], axis=1)


def bentuk_efisiensi(sampai_bulan: int) -> str:
    """The efficiency form kinerja's documents show, in the reader's words."""
    dasar = ("pagu" if sampai_bulan == 12 else
             f"rencana penyerapan (RAAPK) sampai {nama_bulan(sampai_bulan)}")
    return (f"Efisiensi ditampilkan sebagai indeks efisiensi: capaian kinerja (%) dibagi penyerapan anggaran (%), "
            f"dengan penyerapan dihitung terhadap {dasar} dari program yang mendukung sasaran; 1 atau lebih "
            "berarti efisien.")
