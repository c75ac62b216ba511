"""Values that cannot be right for their period, unit or place in the hierarchy (issue 26, part
one): realisasi for a month that had not ended when the file came, realisasi anggaran after the
reported month, a satuan other than the PK's, a unit hung at the wrong level, a unit code that
cannot be a folder, and import rows that could not be read. Each is refused (or, for rows that
are rightly not data, warned) at its cell; nothing is loaded or dropped without a word.
"""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl import load_workbook

from conftest import TAHUN, counts
from kinerja.core.errors import KinerjaError
from kinerja.formulir.ingest import muat_berkas
from kinerja.impor.jalankan import impor_berkas

KINERJA = str(Path(sys.executable).parent / "kinerja")
CRAAPK, PK, UNIT = f"dinkes/CRAAPK_{TAHUN}-03.xlsx", f"dinkes/PK_{TAHUN}.xlsx", "00_daftar_unit.xlsx"
RENJA = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"


def _edit(sampel: Path, dasar: str, folder: Path, name: str, **cells) -> Path:
    wb = load_workbook(sampel / dasar)
    ws = wb.worksheets[0]
    for cell, value in cells.items():
        ws[cell] = value
    path = folder / f"{name}.xlsx"
    wb.save(path)
    return path


def _found(hasil, kode: str, sel: str | None = None) -> list[str]:
    return [str(m) for m in hasil.masalah if m.kode == kode and (sel is None or m.sel == sel)]


# --- 1. a month that had not ended when the file was received -------------------------------------


def test_a_december_craapk_received_on_3_october_is_refused_at_each_future_month(sampel, store, tmp_path):
    path = _edit(sampel, CRAAPK, tmp_path, "desember-dini", B6="DESEMBER", H20="10", H21="11", H22="12",
                 O20=1_000_000)
    before = counts(store)
    hasil = muat_berkas(path, store, tmp_path / "arsip", diterima=dt.datetime(TAHUN, 10, 3, 9, 0))
    assert hasil.status == "ditolak", [str(m) for m in hasil.masalah]
    assert "3 Oktober 2026" in _found(hasil, "V71", "B6")[0]
    for cell in ("H20", "H21", "H22", "O20"):
        assert _found(hasil, "V70", cell), (cell, [str(m) for m in hasil.masalah])
    assert not _found(hasil, "V70", "H13")  # March had ended: its realisasi is fine
    assert counts(store) == before


def test_a_craapk_received_before_its_own_month_ended_is_refused(sampel, store, tmp_path):
    path = _edit(sampel, CRAAPK, tmp_path, "maret-dini")
    hasil = muat_berkas(path, store, tmp_path / "arsip", diterima=dt.datetime(TAHUN, 3, 28, 9, 0))
    assert hasil.status == "ditolak"
    assert _found(hasil, "V71", "B6") and _found(hasil, "V70", "H13")


def test_the_received_time_defaults_to_the_file_time(sampel, store, tmp_path):
    import os

    path = _edit(sampel, CRAAPK, tmp_path, "berkas-lama")
    stamp = dt.datetime(TAHUN, 3, 20, 10, 0).timestamp()
    os.utime(path, (stamp, stamp))
    assert _found(muat_berkas(path, store, tmp_path / "arsip"), "V71", "B6")


# --- 2. realisasi anggaran after the reported month --------------------------------------------------


def test_realisasi_anggaran_after_the_reported_month_is_refused_not_dropped(sampel, store, tmp_path):
    path = _edit(sampel, CRAAPK, tmp_path, "anggaran-april", O14=2_500_000)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "ditolak"
    assert "realisasi anggaran bulan April" in _found(hasil, "V34", "O14")[0]


# --- 3. a satuan other than the PK's -----------------------------------------------------------------


def test_a_satuan_changed_between_pk_and_craapk_is_refused(sampel, store, tmp_path):
    wb = load_workbook(sampel / CRAAPK)
    written = wb["CRAAPK"]["D11"].value
    path = _edit(sampel, CRAAPK, tmp_path, "satuan-lain", D11="kali lipat")
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "ditolak"
    assert f"\"{written}\"" in _found(hasil, "V72", "D11")[0]
    # spelling alone is not a change
    same = _edit(sampel, CRAAPK, tmp_path, "satuan-sama", D11=f"  {str(written).upper()} ")
    assert not _found(muat_berkas(same, store, tmp_path / "arsip"), "V72")


def test_a_pk_whose_satuan_differs_from_the_renstra_is_refused(sampel, store, tmp_path):
    path = _edit(sampel, PK, tmp_path, "pk-satuan", D12="ekor")
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "ditolak" and _found(hasil, "V72", "D12")


# --- 4. the unit hierarchy ---------------------------------------------------------------------------


def _unit_rows(sampel, folder, name, *rows) -> tuple[Path, list[int]]:
    wb = load_workbook(sampel / UNIT)
    ws = wb["Unit"]
    at = []
    for values in rows:
        r = ws.max_row + 1
        for j, v in enumerate(values, start=1):
            ws.cell(r, j, v)
        at.append(r)
    path = folder / f"{name}.xlsx"
    wb.save(path)
    return path, at


def test_a_unit_hierarchy_that_skips_or_repeats_a_level_is_refused(sampel, store, tmp_path):
    path, (pd_row, pj_row, kab_pd) = _unit_rows(
        sampel, tmp_path, "jenjang",
        [97, "dinas-anak", "Dinas di bawah Dinas", "perangkat_daerah", "dinkes", "Kepala"],
        [98, "kasi-kab", "Kepala Seksi langsung di bawah Kabupaten", "pejabat", "nusa-rekaan", "Kepala Seksi"],
        [99, "dinas-yatim", "Dinas tanpa induk", "perangkat_daerah", None, "Kepala"])
    before = counts(store)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "ditolak"
    assert "Perangkat Daerah berinduk pada Pemerintah Kabupaten" in _found(hasil, "V74", f"E{pd_row}")[0]
    assert "Pejabat Administrator/Pengawas berinduk pada Perangkat Daerah" in _found(hasil, "V74", f"E{pj_row}")[0]
    assert _found(hasil, "V74", f"E{kab_pd}")
    assert counts(store) == before


# --- 5. unit codes that cannot be folders ------------------------------------------------------------


@pytest.mark.parametrize("kode", ["d" * 300, "con", "lpt9", "aux", "nul"], ids=["300-karakter", "con", "lpt9", "aux", "nul"])
def test_a_unit_code_that_cannot_be_a_folder_is_refused(kode, sampel, store, tmp_path):
    path, (row,) = _unit_rows(sampel, tmp_path, "kode", [99, kode, "Dinas Baru", "perangkat_daerah", "nusa-rekaan",
                                                         "Kepala"])
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "ditolak"
    hits = _found(hasil, "V75", f"B{row}")
    assert hits and len(hits[0]) < 400, [str(m) for m in hasil.masalah]


def test_the_batch_refuses_a_stored_unit_code_that_cannot_be_a_folder(store, tmp_path):
    from kinerja.run.rencana import rencana_batch

    with store.engine.begin() as con:  # a store written before the Daftar Unit checked codes
        con.exec_driver_sql("UPDATE unit SET kode = 'con' WHERE kode = 'dinkes-kesmas'")
    with pytest.raises(KinerjaError, match="\"con\".*dicadangkan Windows"):
        rencana_batch(store, TAHUN, 3, None, ["pk"], tmp_path / "keluaran", "", "kabupaten")
    assert not (tmp_path / "keluaran").exists()


# --- 6. import rows that could not be read -----------------------------------------------------------


def _sipd(path: Path, good: int, bad: int) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Kode SKPD", "Nama SKPD", "Nama Program", "Nama Sub Kegiatan", "Tanggal Dokumen",
               "Nilai Realisasi"])
    for i in range(good + bad):
        money = "1.000.000,00" if i < good else f"satu juta {i}"
        ws.append([str(i + 1), "1.02.0.00", "Dinas Kesehatan", "PROGRAM KESEHATAN", "Imunisasi", "5 Januari 2026", money])
    ws.append([str(good + bad + 1), "1.02.0.00", "Dinas Kesehatan", "PROGRAM KESEHATAN", "Imunisasi", "kemarin",
               "5.000,00"])
    wb.save(path)


def test_a_sipd_export_with_unreadable_rows_is_refused_with_every_row_counted(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd(path, good=1, bad=53)
    hasil = impor_berkas(path, periksa=True)
    assert hasil.ditolak
    money = [m for m in hasil.masalah if m.kode == "I32"]
    assert len(money) == 21 and money[0].sel == "G3"  # 20 named at their cell, then the count of all
    assert "53 baris dilewati" in money[-1].pesan and "20 yang pertama" in money[-1].pesan
    dates = [m for m in hasil.masalah if m.kode == "I33"]
    assert dates[0].sel == "F56" and "1 baris dilewati" in dates[-1].pesan


def test_the_cli_does_not_call_a_file_with_unreadable_rows_read(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd(path, good=1, bad=3)
    run = subprocess.run([KINERJA, "impor", str(path), "--periksa"], capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "0 terbaca, 1 ditolak" in run.stderr


def _sipd_tahun(path: Path, judul: str, dates: list[str]) -> None:
    """A SIPD realisasi export titled ``judul`` with one transaction of 1.000.000 per date."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = judul
    ws.append([])
    ws.append(["No", "Kode SKPD", "Nama SKPD", "Kode Program", "Nama Program", "Kode Kegiatan", "Nama Kegiatan",
               "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Rekening", "Nama Rekening", "Nomor Dokumen",
               "Tanggal Dokumen", "Keterangan", "Nilai Realisasi", "Nomor SP2D"])
    for i, date in enumerate(dates, 1):
        ws.append([str(i), "1.02.0.00", "Dinas Kesehatan", "1.02.02", "PROGRAM KESEHATAN", "1.02.02.2.01", "Kegiatan",
                   "1.02.02.2.01.01", "Imunisasi", "5.1.02", "Belanja", f"SPM-{i}", date, "-", "1.000.000,00", f"S{i}"])
    wb.save(path)


_TAHUN_LAIN = ["5 Januari 2026", "6 Februari 2026", "7 Maret 2026", "8 Januari 2019", "9 Januari 2027"]


def test_sipd_rows_dated_outside_the_title_year_are_refused_at_their_cell(tmp_path):
    path = tmp_path / "sipdyear.xlsx"
    _sipd_tahun(path, "LAPORAN REALISASI BELANJA TAHUN ANGGARAN 2026", _TAHUN_LAIN)
    hasil = impor_berkas(path, periksa=True)
    assert hasil.ditolak
    assert [m.sel for m in hasil.masalah if m.kode == "I45"] == ["M7", "M8", ""]
    assert "2 baris dilewati" in _found(hasil, "I45")[-1] and "(2026)" in _found(hasil, "I45")[-1]
    run = subprocess.run([KINERJA, "impor", str(path), "--periksa", "-o", str(tmp_path / "r.csv")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "0 terbaca, 1 ditolak" in run.stderr, run.stdout + run.stderr


def test_sipd_rows_are_judged_by_the_given_year_over_the_dates(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_tahun(path, "LAPORAN REALISASI BELANJA", ["5 Januari 2026", "6 Februari 2026"])
    assert not impor_berkas(path, periksa=True).ditolak
    hasil = impor_berkas(path, periksa=True, tahun=2025)
    assert hasil.ditolak and [m.sel for m in hasil.masalah if m.kode == "I45"] == ["M4", "M5", ""]


def test_sipd_rows_of_several_years_without_a_year_in_the_title_are_ambiguous(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_tahun(path, "LAPORAN REALISASI BELANJA", _TAHUN_LAIN)
    hasil = impor_berkas(path, periksa=True)
    assert hasil.ditolak and [m.sel for m in hasil.masalah if m.kode == "I45"] == ["M7", "M8", ""]
    assert "beberapa tahun (2019, 2026, 2027)" in _found(hasil, "I45")[-1] and "--tahun" in _found(hasil, "I45")[-1]


def test_a_flat_table_row_with_numbers_but_no_indicator_is_counted(tmp_path):
    import yaml

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator Kinerja", "Satuan", "Target", "Realisasi TW I"])
    ws.append(["Persentase desa mandiri", "%", "40", "35,5"])
    ws.append([None, None, None, "12"])
    path = tmp_path / "tabel.xlsx"
    wb.save(path)
    mapping = tmp_path / "p.yaml"
    mapping.write_text(yaml.safe_dump({"kolom": {"indikator": "Indikator Kinerja", "satuan": "Satuan",
                                                 "target": "Target"}, "realisasi": {"TW1": "Realisasi TW I"}}))
    hasil = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, periksa=True)
    assert hasil.ditolak
    assert [m.sel for m in hasil.masalah if m.kode == "I37"] == ["A3", ""]


def test_the_total_rows_a_renja_evaluation_skips_are_named():
    hasil = impor_berkas(RENJA, tahun=2025, periksa=True)
    assert not hasil.ditolak
    named = [m for m in hasil.masalah if m.kode == "I38"]
    assert named[0].sel == "A113" and named[0].tingkat == "peringatan"
    assert "1 baris dilewati" in named[-1].pesan


def test_an_import_whose_satuan_differs_from_the_pk_is_refused(store, tmp_path):
    import yaml

    meta = store.current("indikator", unit_kode="dinkes").iloc[0]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator Kinerja", "Satuan", "Polaritas", "Realisasi TW I"])
    ws.append([meta["nama"], "ekor", meta["polaritas"], "12"])
    path = tmp_path / "tabel.xlsx"
    wb.save(path)
    mapping = tmp_path / "p.yaml"
    mapping.write_text(yaml.safe_dump({"kolom": {"indikator": "Indikator Kinerja", "satuan": "Satuan",
                                                 "polaritas": "Polaritas"}, "realisasi": {"TW1": "Realisasi TW I"}}))
    before = counts(store)
    hasil = impor_berkas(path, "tabel", pemetaan=mapping, unit="dinkes", tahun=TAHUN, store=store,
                         arsip=tmp_path / "arsip")
    assert hasil.ditolak, [str(m) for m in hasil.masalah]
    hits = [m for m in hasil.masalah if m.kode == "I39"]
    assert hits and hits[0].sel == "baris 2" and "ekor" in hits[0].pesan
    assert counts(store) == before
