"""Realisasi of a pejabat administrator/pengawas from the indicators cascaded to him.

A pejabat's PK names indicators; he reports no CRAAPK of his own. When the perangkat
daerah's pohon kinerja gives a node to him (its penanggung jawab is his unit code), the
realisasi the perangkat daerah reports for that node's indicator is his realisasi of the
same indicator: his PK shows a capaian, and he can have a monthly CRAAPK.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.store.store import Store

__all__ = ["realisasi_dijenjangkan"]


def realisasi_dijenjangkan(store: Store, real: pd.DataFrame, tahun: int | None = None,
                           unit: str | None = None) -> pd.DataFrame:
    """``real`` (rows of the realisasi table) with the realisasi of the indicators a perangkat
    daerah cascaded to its pejabat: a pohon node whose penanggung jawab is a pejabat's unit
    code hands that pejabat the perangkat daerah's realisasi of the node's indicator (when
    the pejabat's PK has that indicator), marked in ``keterangan``. A pejabat's own realisasi
    for the same indicator and month, if he ever reports one, stands. ``real`` holds every
    unit's rows when ``unit`` is None, else only that unit's."""
    where = {"tahun": tahun} if tahun is not None else {}
    nodes = store.current("pohon", **where)  # filtered after the current view: a correction may move a node
    if unit is not None:
        nodes = nodes[nodes["penanggung_jawab"] == unit]
    if nodes.empty:
        return real
    units = store.current("unit")
    pejabat = units[units["jenis"] == "pejabat"].set_index("kode")
    nodes = nodes.assign(pj=nodes["penanggung_jawab"])  # written on every row of its node (validasi)
    nodes = nodes[nodes["pj"].isin(pejabat.index)]
    nodes = nodes[(nodes["pj"].map(pejabat["induk"]) == nodes["unit_kode"]) & (unit is None or nodes["pj"] == unit)]
    if nodes.empty:
        return real
    links = nodes[["unit_kode", "tahun", "indikator_kode", "pj"]].drop_duplicates()
    src = real if unit is None else store.current("realisasi", **where)
    got = src.merge(links, on=["unit_kode", "tahun", "indikator_kode"])
    if got.empty:
        return real
    nama = units.set_index("kode")["nama"]
    ket = "dijenjangkan dari " + got["unit_kode"].map(nama).fillna(got["unit_kode"])
    got = got.assign(unit_kode=got["pj"], keterangan=np.where(got["keterangan"].fillna("") != "",
                                                              ket + ": " + got["keterangan"].fillna(""), ket))
    got = got.drop(columns=["pj"])
    key = ["unit_kode", "indikator_kode", "tahun", "bulan", "periode"]
    own = real[real["unit_kode"].isin(got["unit_kode"].unique())]
    if not own.empty:
        mine = pd.MultiIndex.from_frame(own[key].astype(object).where(own[key].notna(), None))
        theirs = pd.MultiIndex.from_frame(got[key].astype(object).where(got[key].notna(), None))
        got = got[~theirs.isin(mine)]
    return pd.concat([real, got[real.columns.intersection(got.columns)]], ignore_index=True)
