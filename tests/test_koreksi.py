"""Corrections replace: a newer submission of the same unit, document and period replaces that
document's current rows as a whole; the history keeps every earlier value with its file."""

import datetime as dt

from openpyxl import load_workbook

from conftest import BULAN, TAHUN
import kinerja
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import BARIS_DATA
from kinerja.formulir.ingest import muat_berkas
from kinerja.core.parsing import kode_indikator


def _load(path, store, tmp_path, day=20):
    hasil = muat_berkas(path, store, tmp_path / "arsip", diterima=dt.datetime(TAHUN, BULAN + 1, day))
    assert hasil.status == "dimuat" and not hasil.galat, [str(m) for m in hasil.masalah]
    return hasil


def _column(f, name):
    return f.fields().index(name) + 1


def test_an_emptied_craapk_cell_becomes_empty(store, sampel, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-{BULAN:02d}.xlsx")
    ws = wb["CRAAPK"]
    f = FORMULIR["CRAAPK-PD"]
    kode = kode_indikator(ws.cell(BARIS_DATA, _column(f, "indikator")).value)
    before = store.current("realisasi", unit_kode="dinkes", indikator_kode=kode, bulan=1)
    assert before["nilai_teks"].notna().all() and len(before) == 1
    ws.cell(BARIS_DATA, _column(f, "realisasi")).value = None  # January of the first indicator, emptied
    path = tmp_path / "CRAAPK_koreksi.xlsx"
    wb.save(path)
    _load(path, store, tmp_path)
    assert store.current("realisasi", unit_kode="dinkes", indikator_kode=kode, bulan=1).empty
    other = store.current("realisasi", unit_kode="dinkes", indikator_kode=kode, bulan=2)
    assert len(other) == 1  # untouched months stay
    history = store.history("realisasi")
    mine = history[(history["unit_kode"] == "dinkes") & (history["indikator_kode"] == kode) & (history["bulan"] == 1)]
    assert mine["nilai_teks"].iloc[0] == before["nilai_teks"].iloc[0]  # the old value, with its file
    assert bool(mine["dihapus"].iloc[-1]) and mine["berkas"].iloc[-1] == "CRAAPK_koreksi.xlsx"
    # the document now says the month was not reported instead of showing the old value
    lap = kinerja.craapk(store, "dinkes", TAHUN, BULAN)
    row = lap.bulanan[(lap.bulanan["indikator_kode"] == kode) & (lap.bulanan["bulan"] == 1)]
    assert row["realisasi"].isna().all()


def test_a_pk_perubahan_that_drops_an_indicator_drops_it(store, sampel, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"PK_{TAHUN}.xlsx")
    ws = wb["PK"]
    f = FORMULIR["PK-PD"]
    dropped = ws.cell(BARIS_DATA + 2, _column(f, "indikator")).value  # the last of three indicators
    for j in range(1, len(f.fields()) + 1):
        ws.cell(BARIS_DATA + 2, j).value = None
    path = tmp_path / "PK_perubahan.xlsx"
    wb.save(path)
    before = store.current("target", unit_kode="dinkes", dokumen="pk", tahun=TAHUN)
    assert kode_indikator(dropped) in set(before["indikator_kode"])
    _load(path, store, tmp_path, day=1)
    after = store.current("target", unit_kode="dinkes", dokumen="pk", tahun=TAHUN)
    assert set(after["indikator_kode"]) == set(before["indikator_kode"]) - {kode_indikator(dropped)}
    assert dropped not in kinerja.pk(store, "dinkes", TAHUN).target["Indikator Kinerja"].tolist()
    assert len(store.history("target").query("dokumen == 'pk' and unit_kode == 'dinkes'")) > len(before)
    # loading the original again brings it back: a revision, not a deletion forever
    wb2 = load_workbook(sampel / "dinkes" / f"PK_{TAHUN}.xlsx")
    wb2.properties.title = "PK dikembalikan"  # a different file (sha256) with the same content
    again = tmp_path / "PK_kembali.xlsx"
    wb2.save(again)
    _load(again, store, tmp_path, day=3)
    restored = store.current("target", unit_kode="dinkes", dokumen="pk", tahun=TAHUN)
    assert set(restored["indikator_kode"]) == set(before["indikator_kode"])


def test_a_program_dropped_from_the_pk_leaves_its_budget_rows(store, sampel, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"PK_{TAHUN}.xlsx")
    ws = wb.worksheets[1]  # the Program sheet
    f = FORMULIR["PK-PD"].lampiran
    program = ws.cell(BARIS_DATA + 1, _column(f, "program")).value
    for j in range(1, len(f.fields()) + 1):
        ws.cell(BARIS_DATA + 1, j).value = None
    path = tmp_path / "PK_tanpa_program.xlsx"
    wb.save(path)
    _load(path, store, tmp_path, day=1)
    pk = store.current("anggaran", unit_kode="dinkes", dokumen="pk", tahun=TAHUN)
    assert program not in set(pk["program"]) and len(pk) >= 1
    raapk = store.current("anggaran", unit_kode="dinkes", dokumen="raapk", tahun=TAHUN)
    assert program in set(raapk["program"])  # another document's rows are not touched
