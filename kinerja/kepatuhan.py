"""Kepatuhan: which units sent their monthly CRAAPK on time, late, or not at all.

Deadlines (Peraturan Bupati Buleleng Nomor 59 Tahun 2023): a perangkat daerah sends by the 5th of the next month, the
Pemerintah Kabupaten by the 10th. A unit's first submission for the month decides
timeliness (a later correction does not make it late); revisions are counted.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .dokumen import BATAS_HARI
from .errors import KinerjaError
from .store import Store

__all__ = ["BATAS_HARI", "batas_waktu", "kepatuhan"]



def batas_waktu(tahun: int, bulan: int, jenis: str) -> dt.datetime:
    """The last moment a CRAAPK for ``bulan`` may arrive (end of the due day)."""
    nxt_year, nxt_month = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return dt.datetime(nxt_year, nxt_month, BATAS_HARI[jenis], 23, 59, 59)


def kepatuhan(store: Store, tahun: int, bulan: int) -> pd.DataFrame:
    """One row per kabupaten and perangkat daerah: status ``tepat waktu``, ``terlambat`` or
    ``belum menyampaikan``, with batas_waktu, diterima (first), hari_terlambat, revisi."""
    if not 1 <= bulan <= 12:
        raise KinerjaError(f"bulan harus 1–12, bukan {bulan}")
    units = store.current("unit")
    if units.empty:
        raise KinerjaError("Daftar Unit belum dimuat; jalankan 'kinerja ingest' dengan berkas daftar unit lebih dahulu")
    units = units[units["jenis"].isin(list(BATAS_HARI))][["kode", "nama", "jenis"]].reset_index(drop=True)
    subs = store.submissions()
    if not subs.empty:
        subs = subs[(subs["dokumen"] == "CRAAPK") & (subs["tahun"] == tahun) & (subs["bulan"] == bulan)]
    first = subs.groupby("unit_kode")["diterima"].min().to_dict() if not subs.empty else {}
    count = subs.groupby("unit_kode").size().to_dict() if not subs.empty else {}
    units["batas_waktu"] = [batas_waktu(tahun, bulan, j) for j in units["jenis"]]
    units["diterima"] = pd.to_datetime(units["kode"].map(first), errors="coerce")
    units["revisi"] = units["kode"].map(count).fillna(0).astype(int)
    late = (units["diterima"] - pd.to_datetime(units["batas_waktu"])).dt.total_seconds()
    units["hari_terlambat"] = np.where(late > 0, np.ceil(late / 86400), 0).astype(int)
    units["status"] = np.select(
        [units["diterima"].isna(), late > 0], ["belum menyampaikan", "terlambat"], default="tepat waktu"
    )
    order = {"belum menyampaikan": 0, "terlambat": 1, "tepat waktu": 2}
    return units.sort_values(["status", "kode"], key=lambda s: s.map(order) if s.name == "status" else s,
                             kind="stable").reset_index(drop=True)
