"""Ingest: every validation rule with its own faulty workbook, history, re-ingest."""

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from conftest import BULAN, TAHUN, counts
from kinerja.formulir.ingest import muat_berkas
from kinerja.contoh.salah import KESALAHAN
from kinerja.store import SCHEMA_VERSION, Store

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
CODES = {k.kode for k in KESALAHAN}


def test_faulty_set_covers_at_least_30_distinct_faults():
    assert len(KESALAHAN) >= 30
    assert len({k.nama for k in KESALAHAN}) == len(KESALAHAN)
    assert len(CODES) >= 30


@pytest.mark.parametrize("index", range(len(KESALAHAN)), ids=[k.nama for k in KESALAHAN])
def test_each_fault_is_rejected_at_its_cell_and_the_store_is_unchanged(index, salah, store, tmp_path):
    kesalahan, path = salah[index]
    before = counts(store)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "ditolak"
    cell = kesalahan.sel if kesalahan.lokasi is None else kesalahan.lokasi
    hits = [m for m in hasil.galat if m.kode == kesalahan.kode and m.sel == cell]
    assert hits, [f"{m.kode} {m}" for m in hasil.masalah]
    text = str(hits[0])
    assert text.startswith(path.name)  # names the file ...
    if cell:
        assert f"lembar {kesalahan.lembar}" in text and f"sel {cell}" in text  # ... sheet and cell
    assert counts(store) == before
    assert not (tmp_path / "arsip").exists() or not any((tmp_path / "arsip").iterdir())


def test_message_reads_like_the_issue_example(salah, store, tmp_path):
    kesalahan, path = salah[0]
    hasil = muat_berkas(path, store, tmp_path)
    assert str(hasil.galat[0]) == (
        f'{path.name}, lembar CRAAPK, sel H12: realisasi "12,5a" bukan angka yang dapat dibaca')


def test_all_problems_are_reported_not_just_the_first(sampel, store, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx")
    ws = wb["CRAAPK"]
    ws["H11"], ws["H12"], ws["O11"], ws["B6"] = "x1", "x2", -5, "Maretan"
    path = tmp_path / "banyak.xlsx"
    wb.save(path)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    found = {(m.kode, m.sel) for m in hasil.galat}
    assert {("V13", "H11"), ("V13", "H12"), ("V15", "O11"), ("V07", "B6")} <= found


def test_unreadable_missing_sheet_and_empty_files(sampel, store, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 bukan zip")
    assert [m.kode for m in muat_berkas(bad, store, tmp_path).galat] == ["V01"]
    wb = load_workbook(sampel / "dinkes" / f"PK_{TAHUN}.xlsx")
    del wb["Program"]
    path = tmp_path / "tanpa_program.xlsx"
    wb.save(path)
    assert "V09" in [m.kode for m in muat_berkas(path, store, tmp_path).galat]
    wb = load_workbook(sampel / "dinkes" / f"PK_{TAHUN}.xlsx")
    ws = wb["PK"]
    for row in ws.iter_rows(min_row=11):
        for cell in row:
            cell.value = None
    path = tmp_path / "kosong.xlsx"
    wb.save(path)
    assert [m.kode for m in muat_berkas(path, store, tmp_path).galat] == ["V39"]


def test_same_file_again_changes_nothing(sampel, store, tmp_path):
    before = counts(store)
    hasil = muat_berkas(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx", store, tmp_path)
    assert hasil.status == "sama" and counts(store) == before


def test_corrected_file_is_a_new_revision_and_history_keeps_the_old_value(sampel, store, tmp_path):
    source = sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx"
    wb = load_workbook(source)
    old_text = wb["CRAAPK"]["H11"].value
    wb["CRAAPK"]["H11"] = "0"
    fixed = tmp_path / "CRAAPK_Dinkes_perbaikan.xlsx"
    wb.save(fixed)
    hasil = muat_berkas(fixed, store, tmp_path / "arsip", diterima=dt.datetime(TAHUN, 4, 7, 9, 0))
    assert hasil.status == "dimuat" and hasil.revisi == 2
    kode = "angka kematian ibu"
    now = store.current("realisasi", unit_kode="dinkes", tahun=TAHUN)
    row = now[(now["indikator_kode"] == kode) & (now["bulan"] == 1)]
    assert row["nilai_teks"].tolist() == ["0"] and row["nilai"].tolist() == [0.0]
    hist = store.history("realisasi")
    old = hist[(hist["unit_kode"] == "dinkes") & (hist["indikator_kode"] == kode) & (hist["bulan"] == 1)]
    assert str(old_text) in old["nilai_teks"].tolist() and "0" in old["nilai_teks"].tolist()
    assert {source.name, fixed.name} <= set(old["berkas"])
    assert (tmp_path / "arsip" / f"{store.submissions().iloc[-1]['sha256']}.xlsx").exists()


def test_warnings_do_not_block(sampel, store, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx")
    wb["CRAAPK"]["O11"] = 9e12  # far above the programme's pagu
    path = tmp_path / "lebih_pagu.xlsx"
    wb.save(path)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "dimuat"
    assert sorted(m.kode for m in hasil.peringatan) == ["V36", "V47"] and not hasil.galat
    assert [m.sel for m in hasil.peringatan if m.kode == "V47"] == ["O11"]  # far off its monthly plan, at its cell


def test_dash_means_no_target_not_zero(store):
    plan = store.current("target", unit_kode="nusa-rekaan", dokumen="raapk", tahun=TAHUN)
    opini = plan[plan["indikator_kode"] == "opini bpk atas lkpd"].sort_values("bulan")
    assert opini["nilai_teks"].iloc[0] == "–" and np.isnan(opini["nilai"].iloc[0])
    assert opini["nilai_teks"].iloc[5] == "WTP"


def test_rasio_realisasi_keeps_its_counts(store):
    real = store.current("realisasi", unit_kode="dinkes", tahun=TAHUN)
    imun = real[(real["indikator_kode"] == "cakupan imunisasi dasar lengkap") & real["bulan"].notna()]
    assert len(imun) >= 1
    r = imun.iloc[0]
    assert r["nilai"] == pytest.approx(r["pembilang"] / r["penyebut"] * 100)


def test_template_fill_ingest_read_back(store, tmp_path):
    """A blank template from the CLI, filled by hand (openpyxl), loads and reads back."""
    path = tmp_path / "pk_pejabat.xlsx"
    res = subprocess.run([KINERJA, "template", "pk", "pejabat", "-o", path, "--unit", "dinkes-kesmas",
                          "--tahun", str(TAHUN + 1)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    wb = load_workbook(path)
    ws = wb["PK"]
    assert [c.value for c in ws[10][:7]] == [f"({i})" for i in range(1, 8)]
    assert ws.protection.sheet and not ws["A11"].protection.locked and ws["A9"].protection.locked
    assert any("F11" in str(dv.sqref) for dv in ws.data_validations.dataValidation)  # polaritas dropdown
    assert "Cara Pengisian" in wb.sheetnames and wb["Daftar"].sheet_state == "hidden"
    for col, value in zip("ABCDEFG", [1, "Terlaksananya posyandu aktif", "Jumlah posyandu aktif", "posyandu",
                                      "1.250", "positif", "jumlah"]):
        ws[f"{col}11"] = value
    wb["Kegiatan"]["A11"], wb["Kegiatan"]["B11"] = "Pembinaan Posyandu", "Rp 250.000.000"
    wb.save(path)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    target = store.current("target", unit_kode="dinkes-kesmas", tahun=TAHUN + 1)
    assert target["nilai_teks"].tolist() == ["1.250"] and target["nilai"].tolist() == [1250.0]
    meta = store.current("indikator", unit_kode="dinkes-kesmas")
    assert "jumlah posyandu aktif" in set(meta["kode"])
    pagu = store.current("anggaran", unit_kode="dinkes-kesmas", tahun=TAHUN + 1)
    assert pagu["nilai"].tolist() == [250_000_000.0]


@pytest.mark.parametrize("jenis,tingkat", [("unit", "semua"), ("rpjmd", "kabupaten"), ("renstra", "pd"),
                                           ("rkt", "kabupaten"), ("rkt", "pd"), ("pk", "kabupaten"), ("pk", "pd"),
                                           ("pk", "pejabat"), ("raapk", "kabupaten"), ("raapk", "pd"),
                                           ("craapk", "kabupaten"), ("craapk", "pd")])
def test_every_template_has_the_seed_numbering(jenis, tingkat, tmp_path):
    from kinerja.formulir.daftar import cari_formulir

    path = tmp_path / "t.xlsx"
    res = subprocess.run([KINERJA, "template", jenis, tingkat, "-o", path], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    f = cari_formulir(jenis, tingkat)
    ws = load_workbook(path)[f.lembar]
    assert ws["B3"].value == f.kode
    assert [c.value for c in ws[10][: len(f.kolom)]] == f.nomor()
    if f.jenis == "CRAAPK":
        assert len(f.kolom) == 18 and ws["H9"].value == "Realisasi" and ws["F11"].value == "JANUARI"


def test_template_errors_are_in_indonesian(tmp_path):
    res = subprocess.run([KINERJA, "template", "lkjip", "pd", "-o", tmp_path / "x.xlsx"], capture_output=True, text=True)
    assert res.returncode == 2 and "formulir lkjip untuk tingkat pd tidak ada" in res.stderr


def test_cli_ingest_reports_and_exits_non_zero(salah, dasar, tmp_path):
    copy = tmp_path / "k.sqlite"
    shutil.copy(dasar, copy)
    _, path = salah[0]
    res = subprocess.run([KINERJA, "ingest", path, "--db", f"sqlite:///{copy}"], capture_output=True, text=True)
    assert res.returncode == 1
    assert "DITOLAK" in res.stdout and 'sel H12: realisasi "12,5a" bukan angka' in res.stdout
    assert "1 ditolak" in res.stderr



def test_a_refused_ingest_leaves_no_new_store_lock_or_archive(salah, sampel, tmp_path):
    """A first ingest whose every file is refused creates nothing beside it (no store, no
    .kunci lock, no arsip); a store that already existed stays, unchanged."""
    _, path = salah[0]
    work = tmp_path / "kerja"
    work.mkdir()
    db = work / "baru.sqlite"
    res = subprocess.run([KINERJA, "ingest", path, "--db", f"sqlite:///{db}"], capture_output=True, text=True)
    assert res.returncode == 1 and "1 ditolak" in res.stderr
    assert list(work.iterdir()) == []
    ok = subprocess.run([KINERJA, "ingest", sampel / "00_daftar_unit.xlsx", "--db", f"sqlite:///{db}"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and db.exists()
    before = counts(Store(f"sqlite:///{db}"))
    res = subprocess.run([KINERJA, "ingest", path, "--db", f"sqlite:///{db}"], capture_output=True, text=True)
    assert res.returncode == 1 and db.exists() and counts(Store(f"sqlite:///{db}")) == before

def test_schema_version_and_newer_schema_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'v.sqlite'}"
    assert Store(url).versi == SCHEMA_VERSION
    assert Store(url).versi == SCHEMA_VERSION  # reopening does not re-apply
    from sqlalchemy import insert

    from kinerja.core.errors import KinerjaError
    from kinerja.store.skema import skema

    s = Store(url)
    with s.engine.begin() as conn:
        conn.execute(insert(skema).values(versi=SCHEMA_VERSION + 1, diterapkan=dt.datetime.now()))
    with pytest.raises(KinerjaError, match="lebih baru"):
        Store(url)


def test_sample_is_deterministic(sampel, tmp_path):
    from kinerja.contoh.kabupaten import buat_sampel

    again = tmp_path / "lagi"
    buat_sampel(again, tahun=TAHUN, bulan=BULAN)
    for rel in ("00_daftar_unit.xlsx", f"dinkes/CRAAPK_{TAHUN}-03.xlsx", f"nusa-rekaan/RAAPK_{TAHUN}.xlsx"):
        a = [[c for c in r] for r in load_workbook(sampel / rel, read_only=True).worksheets[0].iter_rows(values_only=True)]
        b = [[c for c in r] for r in load_workbook(again / rel, read_only=True).worksheets[0].iter_rows(values_only=True)]
        assert a == b
    assert sorted(p.relative_to(sampel) for p in sampel.rglob("*.xlsx")) == sorted(
        p.relative_to(again) for p in again.rglob("*.xlsx"))


def test_sample_has_every_polaritas_and_agregasi_and_about_40_units(sampel):
    from kinerja.contoh.data import PERANGKAT_DAERAH, RPJMD, _indikator

    inds = RPJMD + [i for k, n in PERANGKAT_DAERAH for i in _indikator(k, n)]
    assert {i.polaritas for i in inds} == {"positif", "negatif", "stabil", "kualitatif"}
    assert {i.agregasi for i in inds} == {"jumlah", "akhir", "rata-rata", "rasio", "maks", "min"}
    assert len(PERANGKAT_DAERAH) == 40


def test_a_real_version_2_store_is_upgraded_in_place(tmp_path):
    """tests/data/store-v2.sqlite was written by kinerja at schema 2 (sample kabupaten and
    Dinas Kesehatan, January to March): opening it upgrades it, and nothing is lost."""
    from sqlalchemy import inspect

    copy = tmp_path / "v2.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "store-v2.sqlite", copy)
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT max(versi) FROM skema").fetchone()[0] == 2
        before = {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("unit", "indikator", "target", "realisasi", "anggaran", "submission")}
    store = Store(f"sqlite:///{copy}")
    assert store.versi == SCHEMA_VERSION == 12
    columns = {c["name"] for c in inspect(store.engine).get_columns("anggaran")}
    assert {"dokumen", "indikator_kode", "penanggung_jawab"} <= columns
    assert counts(store) == before  # every row kept
    money = store.history("anggaran")
    subs = store.submissions().set_index("id")["dokumen"].str.lower()
    assert (money["dokumen"] == money["submission_id"].map(subs)).all()  # filled from each row's file
    # the PK's program rows with their Keterangan are no longer superseded by the RAAPK's
    pk = store.current("anggaran", unit_kode="dinkes", dokumen="pk", tahun=2026)
    assert not pk.empty and pk["keterangan"].notna().all()
    assert not store.current("anggaran", unit_kode="dinkes", dokumen="raapk", tahun=2026).empty
    assert Store(f"sqlite:///{copy}").versi == SCHEMA_VERSION  # reopening applies nothing twice
    assert "profil" in inspect(store.engine).get_table_names() and store.current("profil").empty
    assert store.current("pohon").empty and store.current("crosscutting").empty  # version 7: the pohon kinerja
    for table in ("target", "realisasi", "anggaran"):  # version 5: every value says its period
        assert "periode" in {c["name"] for c in inspect(store.engine).get_columns(table)}
    assert store.history("realisasi")["periode"].isna().all()  # old rows stay monthly/annual
    assert {"tingkat", "uraian"} <= {c["name"] for c in inspect(store.engine).get_columns("indikator")}


def test_a_version_1_store_is_upgraded_through_every_version(tmp_path):
    from sqlalchemy import inspect

    copy = tmp_path / "v1.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "store-v2.sqlite", copy)
    with sqlite3.connect(copy) as raw:  # make it look like a store written by version 1
        raw.execute("ALTER TABLE target DROP COLUMN program")
        raw.execute("UPDATE skema SET versi = 1")
    upgraded = Store(f"sqlite:///{copy}")
    assert upgraded.versi == SCHEMA_VERSION
    assert {"program", "penanggung_jawab"} <= {c["name"] for c in inspect(upgraded.engine).get_columns("target")}



def test_ingest_accepts_agt_as_the_sipd_import_does(sampel, store, tmp_path):
    """"Agt" (and the other spellings of kinerja.core.periode) is August in the report-month
    cell and in the month column, as the SIPD import has always read it."""
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx")  # the report month becomes August
    ws = wb["CRAAPK"]
    assert str(ws["B6"].value).strip().upper() in ("MARET", "3")
    ws["B6"] = "Agt"
    changed = 0
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().upper() == "AGUSTUS" and cell.row > 10:
                cell.value = "Agt."
                changed += 1
    assert changed
    path = tmp_path / "CRAAPK_agt.xlsx"
    wb.save(path)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert not hasil.galat, [str(m) for m in hasil.galat]
    assert hasil.bulan == 8
