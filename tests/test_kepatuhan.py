"""Kepatuhan: on time by the 5th (perangkat daerah) / 10th (kabupaten), late, or missing."""

import datetime as dt

import pandas as pd

from conftest import TAHUN
from kinerja.formulir.ingest import muat_berkas
from kinerja.analisis.kepatuhan import batas_waktu, kepatuhan


def test_deadlines():
    assert batas_waktu(2026, 6, "perangkat_daerah") == dt.datetime(2026, 7, 5, 23, 59, 59)
    assert batas_waktu(2026, 6, "kabupaten") == dt.datetime(2026, 7, 10, 23, 59, 59)
    assert batas_waktu(2026, 12, "perangkat_daerah") == dt.datetime(2027, 1, 5, 23, 59, 59)


def test_on_time_late_and_missing(sampel, store, tmp_path):
    path = sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx"
    table = kepatuhan(store, TAHUN, 3).set_index("kode")
    assert table.loc["dinkes", "status"] in ("tepat waktu", "terlambat")
    assert table.loc["setda", "status"] == "belum menyampaikan"  # not loaded in this store
    assert pd.isna(table.loc["setda", "diterima"])
    # A correction arriving late does not make an on-time unit late: the first arrival counts.
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["CRAAPK"]["J11"] = "perbaikan keterangan"
    fixed = tmp_path / "fix.xlsx"
    wb.save(fixed)
    first = table.loc["dinkes", "status"]
    assert muat_berkas(fixed, store, tmp_path, diterima=dt.datetime(TAHUN, 5, 30)).status == "dimuat"
    again = kepatuhan(store, TAHUN, 3).set_index("kode")
    assert again.loc["dinkes", "status"] == first and again.loc["dinkes", "revisi"] == 2


def test_late_by_days(store, sampel, tmp_path):
    from openpyxl import load_workbook

    assert kepatuhan(store, TAHUN, 4).set_index("kode").loc["dinkes", "status"] == "belum menyampaikan"
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx")
    wb["CRAAPK"]["B6"] = "April"
    path = tmp_path / "april.xlsx"
    wb.save(path)
    assert muat_berkas(path, store, tmp_path, diterima=dt.datetime(TAHUN, 5, 8, 10)).status == "dimuat"
    row = kepatuhan(store, TAHUN, 4).set_index("kode").loc["dinkes"]
    assert row["status"] == "terlambat" and row["hari_terlambat"] == 3  # due 5 May 23:59, came 8 May 10:00


def test_kabupaten_deadline_is_the_10th(store):
    table = kepatuhan(store, TAHUN, 1).set_index("kode")
    row = table.loc["nusa-rekaan"]
    assert row["batas_waktu"] == dt.datetime(TAHUN, 2, 10, 23, 59, 59)
    assert not pd.isna(row["diterima"])
    assert (row["status"] == "tepat waktu") == (row["diterima"] <= row["batas_waktu"])
