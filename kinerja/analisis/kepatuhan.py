"""Kepatuhan: which units sent their monthly CRAAPK, or their quarterly report, on time, late,
or not at all.

Deadlines (Peraturan Bupati Buleleng Nomor 59 Tahun 2023): a perangkat daerah sends its
CRAAPK by the 5th of the next month, the Pemerintah Kabupaten by the 10th. Quarterly
monitoring (the Evaluasi Renja read by ``kinerja impor``) is due 20 days after the quarter
ends (:data:`kinerja.core.jadwal.BATAS_TRIWULAN_HARI`). A unit's first submission for the period
decides timeliness (a later correction does not make it late); revisions are counted.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kinerja.core.jadwal import BATAS_HARI, BATAS_TRIWULAN_HARI
from kinerja.core.errors import KinerjaError
from kinerja.store.store import Store

__all__ = ["BATAS_HARI", "WAKTU_TIDAK_DIKETAHUI", "batas_triwulan", "batas_waktu", "kepatuhan", "kepatuhan_triwulan",
           "status_teks"]

# The status of a period whose report was loaded without a receipt time (an import given none).
WAKTU_TIDAK_DIKETAHUI = "waktu terima tidak diketahui"
TIDAK_DIKETAHUI = dt.datetime(9999, 12, 31)  # sorts after every known time: a known revision decides



def batas_waktu(tahun: int, bulan: int, jenis: str) -> dt.datetime:
    """The last moment a CRAAPK for ``bulan`` may arrive (end of the due day)."""
    nxt_year, nxt_month = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return dt.datetime(nxt_year, nxt_month, BATAS_HARI[jenis], 23, 59, 59)


def batas_triwulan(tahun: int, triwulan: int) -> dt.datetime:
    """The last moment the quarterly report of ``triwulan`` may arrive: 20 days after the
    quarter's last day, end of day.

    Examples
    --------
    >>> batas_triwulan(2025, 1), batas_triwulan(2025, 4)
    (datetime.datetime(2025, 4, 20, 23, 59, 59), datetime.datetime(2026, 1, 20, 23, 59, 59))
    """
    end = dt.date(tahun + 1, 1, 1) if triwulan == 4 else dt.date(tahun, 3 * triwulan + 1, 1)
    due = end - dt.timedelta(days=1) + dt.timedelta(days=BATAS_TRIWULAN_HARI)
    return dt.datetime(due.year, due.month, due.day, 23, 59, 59)


def kepatuhan(store: Store, tahun: int, bulan: int | list[int], unit: str | None = None) -> pd.DataFrame:
    """One row per kabupaten and perangkat daerah (or only ``unit``) and month: status
    ``tepat waktu``, ``terlambat`` or ``belum menyampaikan`` of the CRAAPK, with batas_waktu,
    diterima (first), hari_terlambat, revisi. ``bulan`` is one month or a list of months."""
    months = [bulan] if isinstance(bulan, (int, np.integer)) else list(bulan)
    if not months or any(not 1 <= int(m) <= 12 for m in months):
        raise KinerjaError(f"bulan harus 1–12, bukan {bulan}")
    return _kepatuhan(store, tahun, [int(m) for m in months], unit, "CRAAPK",
                      lambda jenis, m: batas_waktu(tahun, m, jenis))


def kepatuhan_triwulan(store: Store, tahun: int, triwulan: int | list[int], unit: str | None = None,
                       dokumen: str = "EVALUASI-RENJA") -> pd.DataFrame:
    """As :func:`kepatuhan` for a quarterly document (the Evaluasi Renja), due 20 days after
    each quarter; ``bulan`` in the result is the quarter's last month, ``triwulan`` its number."""
    quarters = [triwulan] if isinstance(triwulan, (int, np.integer)) else list(triwulan)
    if not quarters or any(not 1 <= int(q) <= 4 for q in quarters):
        raise KinerjaError(f"triwulan harus 1–4, bukan {triwulan}")
    out = _kepatuhan(store, tahun, [3 * int(q) for q in quarters], unit, dokumen,
                     lambda jenis, m: batas_triwulan(tahun, m // 3))
    out.insert(4, "triwulan", out["bulan"] // 3)
    return out


def _kepatuhan(store: Store, tahun: int, months: list[int], unit: str | None, dokumen: str, batas_fn) -> pd.DataFrame:
    units = store.current("unit")
    if units.empty:
        raise KinerjaError("Daftar Unit belum dimuat; jalankan 'kinerja ingest' dengan berkas daftar unit lebih dahulu")
    units = units[units["jenis"].isin(list(BATAS_HARI))]
    if unit is not None:
        units = units[units["kode"] == unit]
    grid = units[["kode", "nama", "jenis"]].merge(pd.DataFrame({"bulan": [int(m) for m in months]}), how="cross")
    subs = store.submissions()
    if not subs.empty:
        subs = subs[(subs["dokumen"] == dokumen) & (subs["tahun"] == tahun) & subs["bulan"].isin(months)]
    if subs.empty:
        per = pd.DataFrame(columns=["kode", "bulan", "diterima", "revisi"])
    else:
        # An import given no receipt time records its loading time as both (kinerja.formulir.kiriman).
        subs = subs.assign(diterima=subs["diterima"].where(subs["diterima"] != subs["dimuat"], TIDAK_DIKETAHUI))
        per = subs.assign(bulan=subs["bulan"].astype("int64")).groupby(["unit_kode", "bulan"]).agg(
            diterima=("diterima", "min"), revisi=("diterima", "size")).reset_index().rename(columns={"unit_kode": "kode"})
    out = grid.merge(per, on=["kode", "bulan"], how="left")
    unknown = out["diterima"].eq(TIDAK_DIKETAHUI)
    out["diterima"] = out["diterima"].where(~unknown, None)
    batas = {(j, m): batas_fn(j, m) for j in out["jenis"].unique() for m in months}
    out["batas_waktu"] = pd.to_datetime(pd.Series(list(zip(out["jenis"], out["bulan"])), dtype=object).map(batas))
    out["diterima"] = pd.to_datetime(out["diterima"], errors="coerce")
    out["revisi"] = out["revisi"].fillna(0).astype(int)
    late = (out["diterima"] - out["batas_waktu"]).dt.total_seconds()
    out["hari_terlambat"] = np.where(late > 0, np.ceil(late / 86400), 0).astype(int)
    out["status"] = np.select([unknown.to_numpy(), out["diterima"].isna(), late > 0],
                              [WAKTU_TIDAK_DIKETAHUI, "belum menyampaikan", "terlambat"], default="tepat waktu")
    order = {"belum menyampaikan": 0, WAKTU_TIDAK_DIKETAHUI: 1, "terlambat": 1, "tepat waktu": 2}
    out = out.sort_values(["bulan", "status", "kode"], key=lambda s: s.map(order) if s.name == "status" else s,
                          kind="stable").reset_index(drop=True)
    return out[["kode", "nama", "jenis", "bulan", "batas_waktu", "diterima", "revisi", "hari_terlambat", "status"]]


def status_teks(baris: pd.Series | dict) -> str:
    """One kepatuhan row as a reader's sentence.

    Examples
    --------
    >>> import datetime as dt
    >>> status_teks({"bulan": 9, "status": "terlambat", "diterima": dt.datetime(2026, 10, 8, 9),
    ...              "hari_terlambat": 3, "batas_waktu": dt.datetime(2026, 10, 5, 23, 59), "revisi": 1})
    'CRAAPK September diterima 8 Oktober 2026, terlambat 3 hari (batas 5 Oktober 2026).'
    """
    from kinerja.core.formatting import format_tanggal, nama_bulan

    if "triwulan" in baris and not pd.isna(baris["triwulan"]):
        from kinerja.core.formatting import ROMAWI_TRIWULAN

        nama = f"Laporan triwulan {ROMAWI_TRIWULAN[int(baris['triwulan']) - 1]}"
    else:
        nama = f"CRAAPK {nama_bulan(int(baris['bulan']))}"
    batas = format_tanggal(baris["batas_waktu"])
    if baris["status"] == "belum menyampaikan":
        return f"{nama} belum diterima (batas {batas})."
    if baris["status"] == WAKTU_TIDAK_DIKETAHUI:
        return (f"{nama} sudah dimuat, tetapi waktu terimanya tidak diketahui (berkas diimpor tanpa waktu terima), "
                f"sehingga ketepatan waktunya tidak dapat dinilai (batas {batas}).")
    teks = f"{nama} diterima {format_tanggal(baris['diterima'])}"
    if baris["status"] == "terlambat":
        teks += f", terlambat {int(baris['hari_terlambat'])} hari (batas {batas})"
    else:
        teks += ", tepat waktu"
    revisi = int(baris.get("revisi", 1) or 1)
    return teks + (f"; {revisi - 1} kali diperbaiki" if revisi > 1 else "") + "."
