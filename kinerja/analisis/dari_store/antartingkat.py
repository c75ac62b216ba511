"""The same indicator reported at two levels, the kabupaten and one of its perangkat
daerah, set side by side (:func:`beda_tingkat`): the comparison behind the alignment
finding K09 (:mod:`kinerja.analisis.keselarasan`) and the documents' table of differences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.aturan import berbeda
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["beda_tingkat"]


def beda_tingkat(kum: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The same indicator reported by the kabupaten and by a perangkat daerah
    (``indikator_induk`` naming the kabupaten's indicator of the same code and satuan):
    both values side by side and whether they differ (the tolerance every check shares).

    ``kum`` is :func:`kinerja.analisis.dari_store.capaian_kumulatif` for every unit; returns one row per link with
    ``unit_kode``, ``nama_unit``, ``indikator``, ``satuan``, ``realisasi_kabupaten``,
    ``realisasi_pd``, ``berbeda`` (bool), ``catatan`` and, when ``kum`` carries it, whether each
    value needs verifying (``ragu_kabupaten``, ``ragu_pd``).
    """
    cols = ["unit_kode", "nama_unit", "indikator_kode", "indikator", "satuan", "realisasi_kabupaten", "realisasi_pd",
            "berbeda", "catatan"] + (["ragu_kabupaten", "ragu_pd"] if "ragu" in kum else [])
    kab = units[units["jenis"] == "kabupaten"]["kode"]
    if kum.empty or kab.empty or "indikator_induk" not in kum:
        return pd.DataFrame(columns=cols)
    milik = kabupaten_unit(units)  # in a province, each perangkat daerah against its own kabupaten
    top = kum[kum["unit_kode"].isin(kab)][["unit_kode", "indikator_kode", "satuan", "realisasi"]
                                          + (["ragu"] if "ragu" in kum else [])].rename(
        columns={"unit_kode": "_kab", "satuan": "satuan_kabupaten", "realisasi": "realisasi_kabupaten",
                 "ragu": "ragu_kabupaten"})
    same = kum[~kum["unit_kode"].isin(kab) & (kum["indikator_induk"] == kum["indikator_kode"])]
    out = same.assign(_kab=same["unit_kode"].map(milik)).merge(top, on=["_kab", "indikator_kode"])
    out = out[out["satuan"].fillna("") == out["satuan_kabupaten"].fillna("")].rename(
        columns={"realisasi": "realisasi_pd", "ragu": "ragu_pd"})
    a = pd.to_numeric(out["realisasi_pd"], errors="coerce")
    b = pd.to_numeric(out["realisasi_kabupaten"], errors="coerce")
    text_differ = (a.isna() | b.isna()) & (out["realisasi_pd"].astype(str) != out["realisasi_kabupaten"].astype(str))
    out["berbeda"] = np.asarray(berbeda(a, b)) & a.notna().to_numpy() & b.notna().to_numpy() | text_differ.to_numpy()
    out["nama_unit"] = out["unit_kode"].map(units.set_index("kode")["nama"])
    out["catatan"] = np.where(out["berbeda"], "berbeda antartingkat: perlu dijelaskan atau diselaraskan", "sama")
    return out[cols].reset_index(drop=True)
