"""The LKE in the store: revisions kept, the schema 10 upgrade, scores through the whole path
(workbook → ingest → store → Nilai AKIP) at the predikat boundaries and for a worked example
computed by hand, the workbook issued again with suggestions, evidence and last year's
recommendations, the register of recommendations, the commands, and the sample."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.core.lke import nilai_lke
from kinerja.evaluasi import muat_lke, muat_rekomendasi
from kinerja.formulir.lke import tulis_lke
from kinerja.store import SCHEMA_VERSION, Store
from test_lke_lembar import DITERIMA, KOLOM, LKE, buat_store, isi, jawaban_penuh, muat

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"


@pytest.fixture
def store(tmp_path) -> Store:
    return buat_store(tmp_path)


def _lewat_semua(store: Store, tmp_path: Path, jawaban: dict[str, str], nama: str = "LKE.xlsx"):
    """Write the evaluator's answers into a workbook, ingest it, score what the store holds."""
    path = tulis_lke(tmp_path / nama, unit="dinkes", tahun=2026)
    hasil = muat(isi(path, jawaban_penuh(jawaban)), store, tmp_path)
    assert hasil.status == "dimuat", [str(m) for m in hasil.galat]
    got = muat_lke(store, 2026, "dinkes")
    return nilai_lke(dict(zip(got["kode"], got["jawaban_evaluator"])))


@pytest.mark.parametrize("huruf, nilai, predikat", [("AA", "100.00", "AA"), ("A", "90.00", "A"),
                                                     ("CC", "60.00", "CC"), ("D", "30.00", "D")])
def test_boundary_sums_through_the_whole_path(huruf, nilai, predikat, store, tmp_path):
    hasil = _lewat_semua(store, tmp_path, dict.fromkeys(LKE.subkomponen["kode"], huruf))
    assert hasil.nilai == Decimal(nilai) and hasil.predikat == predikat


def _terjangkau() -> dict[Decimal, dict[str, str]]:
    """Every Nilai AKIP some set of answers gives, with one such set (a dynamic programme over
    the sub-komponen: 12 bobot × 8 answers, at most 2.001 sums of 0,05)."""
    reach: dict[Decimal, dict[str, str]] = {Decimal(0): {}}
    for kode, bobot in zip(LKE.subkomponen["kode"], LKE.subkomponen["bobot"]):
        nxt: dict[Decimal, dict[str, str]] = {}
        for total, answers in reach.items():
            for huruf, persen in LKE.jawaban.items():
                nxt.setdefault(total + bobot * persen / 100, {**answers, kode: huruf})
        reach = nxt
    return reach


def test_which_sums_are_possible_and_the_first_above_90_is_aa_through_the_whole_path(store, tmp_path):
    reach = _terjangkau()
    # every bobot is a multiple of 0,5 and every answer of 10 %: sums step by 0,05
    assert all((v * 20) == (v * 20).to_integral_value() for v in reach)
    assert Decimal("90.01") not in reach and Decimal("60.01") not in reach
    above = min(v for v in reach if v > 90)
    assert above == Decimal("90.05")
    assert {Decimal("100"), Decimal("90"), Decimal("60"), Decimal("30"), Decimal("30.05")} <= set(reach)
    hasil = _lewat_semua(store, tmp_path, reach[above])
    assert hasil.nilai == Decimal("90.05") and hasil.predikat == "AA"


def test_a_worked_example_computed_by_hand_to_the_cent(store, tmp_path):
    jawaban = {"1.a": "BB", "1.b": "B", "1.c": "CC", "2.a": "A", "2.b": "BB", "2.c": "C",
               "3.a": "AA", "3.b": "B", "3.c": "D", "4.a": "BB", "4.b": "CC", "4.c": "E"}
    # bobot × nilai jawaban ÷ 100, by hand:
    # 1: 6 × 80 = 4,80; 9 × 70 = 6,30; 15 × 60 = 9,00          → 20,10
    # 2: 6 × 90 = 5,40; 9 × 80 = 7,20; 15 × 50 = 7,50          → 20,10
    # 3: 3 × 100 = 3,00; 4,5 × 70 = 3,15; 7,5 × 30 = 2,25      →  8,40
    # 4: 5 × 80 = 4,00; 7,5 × 60 = 4,50; 12,5 × 0 = 0,00       →  8,50
    # Nilai AKIP 20,10 + 20,10 + 8,40 + 8,50 = 57,10 → CC (> 50–60)
    hasil = _lewat_semua(store, tmp_path, jawaban)
    assert [str(v) for v in hasil.komponen["nilai"]] == ["20.10", "20.10", "8.40", "8.50"]
    assert hasil.nilai == Decimal("57.10") and hasil.predikat == "CC"


def test_a_second_submission_is_revision_2_and_the_first_is_kept(store, tmp_path):
    path = tulis_lke(tmp_path / "LKE.xlsx", unit="dinkes", tahun=2026)
    first = muat(isi(path, {"1.a": {"jawaban_mandiri": "B"}}, keluar=tmp_path / "mandiri.xlsx"), store, tmp_path,
                 dt.datetime(2026, 10, 1))
    second = muat(isi(path, {"1.a": {"jawaban_mandiri": "B", "jawaban_evaluator": "CC"}},
                      [(1, 1, "Perbaiki IKU")], keluar=tmp_path / "evaluator.xlsx"), store, tmp_path, DITERIMA)
    assert (first.revisi, second.revisi) == (1, 2)
    now = muat_lke(store, 2026, "dinkes").set_index("kode")
    assert now.loc["1.a", "jawaban_evaluator"] == "CC" and now.loc["1.a", "revisi"] == 2
    assert now.loc["1.a", "diterima"] == DITERIMA
    history = store.history("lke")
    row = history[history["kode"] == "1.a"]
    assert [None if pd.isna(v) else v for v in row["jawaban_evaluator"]] == [None, "CC"] and row["berkas"].tolist() == ["mandiri.xlsx",
                                                                                            "evaluator.xlsx"]
    # a third revision that drops the recommendation removes it from the current view, not from history
    muat(isi(path, {"1.a": {"jawaban_evaluator": "C"}}, keluar=tmp_path / "ketiga.xlsx"), store, tmp_path,
         DITERIMA + dt.timedelta(days=1))
    assert muat_rekomendasi(store, 2026).empty and len(store.history("lke_rekomendasi")) == 2
    assert muat_lke(store, 2026, "dinkes").set_index("kode").loc["1.a", "revisi"] == 3


def test_a_version_9_store_gains_the_lke_tables(tmp_path):
    copy = tmp_path / "v9.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "store-v2.sqlite", copy)
    Store(f"sqlite:///{copy}")
    with sqlite3.connect(copy) as raw:  # as version 9 left it
        raw.execute("DROP TABLE lke")
        raw.execute("DROP TABLE lke_rekomendasi")
        raw.execute("DELETE FROM skema WHERE versi = 10")
        before = raw.execute("SELECT count(*) FROM target").fetchone()[0]
    store = Store(f"sqlite:///{copy}")
    assert store.versi == SCHEMA_VERSION == 12
    assert store.current("lke").empty and muat_rekomendasi(store, 2026).empty
    assert len(store.history("target")) == before


def test_the_register_follows_recommendations_up_in_the_next_year(store, tmp_path):
    path = tulis_lke(tmp_path / "LKE_2025.xlsx", unit="dinkes", tahun=2025)
    isi(path, {}, [(1, 1, "Tetapkan IKU"), (2, 1, "Ukur tiap bulan"), (2, 2, "Kaitkan TPP")])
    assert muat(path, store, tmp_path, dt.datetime(2026, 2, 20)).status == "dimuat"
    from kinerja.evaluasi.lke_templat import templat_lke

    baru = templat_lke(store, "dinkes", 2026, tmp_path / "LKE_2026.xlsx")
    ws = load_workbook(baru)["LKE"]
    codes = [ws.cell(r, 1).value for r in range(11, ws.max_row + 1)]
    assert codes[-4:] == ["4.c.5", "R2025-1.1", "R2025-2.1", "R2025-2.2"]  # under 4.c, for follow-up
    assert ws.cell(11 + codes.index("R2025-2.2"), 2).value.endswith("komponen 2 nomor 2: Kaitkan TPP")
    isi(baru, {"R2025-1.1": {"terpenuhi_mandiri": "Ya", "terpenuhi_evaluator": "Ya"},
               "R2025-2.1": {"terpenuhi_mandiri": "Ya", "terpenuhi_evaluator": "Tidak"}})
    assert muat(baru, store, tmp_path).status == "dimuat"
    rek = muat_rekomendasi(store, 2025, "dinkes")
    assert rek["status"].tolist() == ["ditindaklanjuti", "belum", "baru"]
    from kinerja.evaluasi.lke_bukti import bukti_lke

    assert bukti_lke(store, "dinkes", 2026)["4.c.1"].startswith("rekomendasi evaluasi 2025: 1 dari 3 ditindaklanjuti")


def test_the_reissued_workbook_shows_answers_suggestions_and_evidence_with_its_source(store, tmp_path):
    from kinerja.evaluasi.lke_templat import saran_lke, templat_lke

    path = tulis_lke(tmp_path / "LKE.xlsx", unit="dinkes", tahun=2026)
    marks = {k: {"terpenuhi_mandiri": "Ya" if k in ("1.a.1", "1.a.2", "1.a.3") else "Tidak"}
             for k in LKE.kriteria.loc[LKE.kriteria["subkomponen"] == "1.a", "kode"]}
    marks["1.a.1"]["bukti"] = "SK Tim SAKIP"
    assert muat(isi(path, {**marks, "1.a": {"jawaban_mandiri": "C"}}), store, tmp_path).status == "dimuat"
    tabel = saran_lke(store, "dinkes", 2026).set_index("kode")
    assert (tabel.loc["1.a", "terpenuhi_mandiri"], tabel.loc["1.a", "saran_mandiri"]) == (3, "C")  # 3 of 6 = 50 %
    assert tabel.loc["1.b", "saran_mandiri"] is None and tabel.loc["1.a", "saran_evaluator"] is None
    again = templat_lke(store, "dinkes", 2026, tmp_path / "lagi.xlsx")
    ws = load_workbook(again)["LKE"]
    rows = {ws.cell(r, 1).value: r for r in range(11, ws.max_row + 1)}
    assert ws.cell(rows["1.a"], KOLOM["saran"]).value == "C" and ws.cell(rows["1.a"], KOLOM["jawaban_mandiri"]).value == "C"
    assert ws.cell(rows["1.a.2"], KOLOM["terpenuhi_mandiri"]).value == "Ya"
    assert ws.cell(rows["1.a.1"], KOLOM["bukti"]).value == "SK Tim SAKIP"
    # evidence kinerja holds, with its source: the Daftar Unit alone gives none for this unit yet
    assert ws.cell(rows["1.c.4"], KOLOM["bukti"]).value is None


def test_commands_write_the_workbook_and_print_the_suggestions(store, tmp_path):
    path = tulis_lke(tmp_path / "LKE.xlsx", unit="dinkes", tahun=2026)
    isi(path, {"2.a.1": {"terpenuhi_evaluator": "Ya"}, "2.a.2": {"terpenuhi_evaluator": "Tidak"},
               "2.a.3": {"terpenuhi_evaluator": "Tidak"}, "2.a": {"jawaban_evaluator": "D"}})
    assert muat(path, store, tmp_path).status == "dimuat"
    out = subprocess.run([KINERJA, "lke", "saran", "--unit", "dinkes", "--tahun", "2026", "--db", store.url],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("2.a "))
    assert "belum ditandai" in line and "1 → C, dijawab D" in line  # 1 of 3 = 33 % → C
    target = tmp_path / "keluar" / "LKE_dinkes.xlsx"
    out = subprocess.run([KINERJA, "template", "lke", "--unit", "dinkes", "--tahun", "2026", "-o", str(target),
                          "--db", store.url], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert load_workbook(target)["LKE"]["B3"].value == "LKE-PD"
    bad = subprocess.run([KINERJA, "template", "lke", "--unit", "kab", "--tahun", "2026", "--db", store.url],
                         capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode != 0 and "LKE diisi per perangkat daerah" in bad.stderr and "Traceback" not in bad.stderr


def test_the_sample_writes_lke_workbooks_that_load_with_some_unfinished(tmp_path, store):
    from kinerja.contoh.lke import lke_sampel
    from kinerja.formulir.ingest import urutkan

    files = []
    for ke, (unit, nama) in enumerate((("dinkes", "Dinas Kesehatan"), ("bappeda", "Bappeda"))):
        files += lke_sampel(tmp_path / unit, unit, nama, 2026, 2026, ke)
    again = lke_sampel(tmp_path / "lagi", "dinkes", "Dinas Kesehatan", 2026, 2026, 0)
    def cells(path):
        wb = load_workbook(path)
        return [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]

    assert [cells(p) == cells(q) for p, q in zip(files[:3], again)] == [True] * 3  # deterministic
    assert [f.name for f in files] == ["LKE_2025_evaluator.xlsx", "LKE_2026_1_mandiri.xlsx",
                                       "LKE_2026_2_evaluator.xlsx", "LKE_2026_2_evaluator.xlsx"]
    for f in urutkan(files):
        from kinerja.formulir.ingest import muat_berkas

        assert muat_berkas(f, store, tmp_path / "arsip").status == "dimuat"
    now = muat_lke(store, 2026)
    assert set(now["kode_unit"]) == {"dinkes", "bappeda"} and now.groupby("kode_unit")["revisi"].max().to_dict() == {
        "bappeda": 1, "dinkes": 2}
    assert not muat_rekomendasi(store, 2025, "dinkes").empty


def test_a_folder_loads_last_years_lke_before_the_one_that_follows_it_up(tmp_path, store):
    from kinerja.formulir.ingest import muat_berkas, urutkan

    lalu = tulis_lke(tmp_path / "b_lalu.xlsx", unit="dinkes", tahun=2025)
    isi(lalu, {}, [(1, 1, "Tetapkan IKU")])
    kini = tulis_lke(tmp_path / "a_kini.xlsx", unit="dinkes", tahun=2026, tindak_lanjut=[
        {"kode": "R2025-1.1", "uraian": "Tindak lanjut rekomendasi 2025 komponen 1 nomor 1: Tetapkan IKU"}])
    assert urutkan([kini, lalu]) == [lalu, kini]  # by year, whatever the names
    for path in urutkan([kini, lalu]):
        assert muat_berkas(path, store, tmp_path / "arsip", DITERIMA).status == "dimuat"


def _isian(path: Path) -> dict[tuple[str, str], object]:
    """Every input cell of an LKE workbook that holds something typed: (kode, field) → value,
    and the Rekomendasi sheet's rows as ("rekomendasi", n) → (komponen, nomor, teks)."""
    from kinerja.formulir.lke import KOLOM_ISIAN

    wb = load_workbook(path)
    ws = wb["LKE"]
    fields = {f for names in KOLOM_ISIAN.values() for f in names}
    out: dict[tuple[str, str], object] = {}
    for r in range(11, ws.max_row + 1):
        kode = ws.cell(r, 1).value
        for name in fields:
            value = ws.cell(r, KOLOM[name]).value
            if name == "bukti" and value:  # what kinerja writes itself ("[sumber: …]") is refreshed, not typed
                value = "\n".join(line for line in str(value).split("\n") if "[sumber:" not in line)
            if kode and value not in (None, ""):
                out[(str(kode), name)] = value
    rek = wb["Rekomendasi"]
    for n, r in enumerate(range(11, rek.max_row + 1)):
        row = tuple(rek.cell(r, j).value for j in (1, 2, 3))
        if any(v is not None for v in row):
            out[("rekomendasi", str(n))] = tuple(str(v) for v in row)
    return out


def test_the_reissued_workbook_keeps_every_field_typed_on_every_kind_of_row(store, tmp_path):
    """Issue #24 defect: a Bukti Dukung typed on a sub-komponen row was stored but lost when the
    workbook was issued again from the store; every field typed must come back."""
    from kinerja.evaluasi.lke_templat import templat_lke

    lalu = tulis_lke(tmp_path / "LKE_2025.xlsx", unit="dinkes", tahun=2025)
    assert muat(isi(lalu, {}, [(2, 1, "Ukur tiap bulan")]), store, tmp_path, dt.datetime(2026, 2, 20)).status == "dimuat"
    path = templat_lke(store, "dinkes", 2026, tmp_path / "LKE_2026.xlsx")
    typed = jawaban_penuh({"1.a": "BB", "2.b": "A"}, mandiri="B")
    typed["1.a"] |= {"bukti": "Renstra 2025–2029 hal. 12\nSK Tim SAKIP", "catatan": "Renstra sudah berbasis hasil"}
    typed["2.b"] |= {"bukti": "Laporan pengukuran bulanan"}
    typed["1.a.2"] |= {"catatan": "Hanya sebagian", "bukti": "Notulen rapat"}
    typed["R2025-2.1"] = {"terpenuhi_mandiri": "Ya", "terpenuhi_evaluator": "Tidak", "catatan": "Belum bulanan",
                          "bukti": "Surat Edaran 3/2026"}
    isi(path, typed, [(1, 1, "Tetapkan IKU sampai eselon IV"), (2, 1, "Ukur tiap bulan")])
    assert muat(path, store, tmp_path).status == "dimuat"
    again = templat_lke(store, "dinkes", 2026, tmp_path / "lagi.xlsx")
    before, after = _isian(path), _isian(again)
    lost = {k: v for k, v in before.items() if after.get(k) != v}
    assert not lost, lost
    assert after[("1.a", "bukti")] == "Renstra 2025–2029 hal. 12\nSK Tim SAKIP"
    # and the re-issued workbook, sent again unchanged, stores the same rows
    assert muat(again, store, tmp_path, DITERIMA + dt.timedelta(days=1)).status == "dimuat"
    assert _isian(templat_lke(store, "dinkes", 2026, tmp_path / "ketiga.xlsx")) == after
