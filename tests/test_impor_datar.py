"""Flat tables as Pemda keep them (issue #22, items 3 and 6): plans without realisasi, targets
per quarter, realisasi without targets matched to the store's, polarity and agregasi in the
files' own words, the period from the file, the draft mapping from the real header row, the
Bondowoso e-monev sheet read with its own numbers (each checked here against its cell, read
without kinerja), and ``kinerja capaian`` guessing polarity from the indicator's name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.cli import main
from kinerja.formulir.masalah import Penampung
from kinerja.impor.jalankan import impor_berkas
from kinerja.impor.lembar import Grid
from kinerja.store.store import Store
from test_impor import _store_with_bappeda
from test_impor_jejak import beda_sel

DATA = Path(__file__).parent / "data" / "impor"
BONDOWOSO = DATA / "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx"


def _xlsx(path: Path, rows: list[list], title: list[list] | None = None, hidden_first: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first:
        ws.title = "daftar"
        ws.append(["Kode", "Indikator", "Target", "Realisasi TW I"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("Data")
    for row in title or []:
        ws.append(row)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _mapping(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "pemetaan.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _store(tmp_path: Path) -> Store:
    return _store_with_bappeda(tmp_path)


def _codes(hasil, kode: str) -> list:
    return [m for m in hasil.masalah if m.kode == kode]


PLAN = [["Kode", "Indikator Kinerja", "Satuan", "Target 2025", "Pagu 2025", "Target TW I", "Target TW II",
         "Target TW III", "Target TW IV", "Program"],
        ["IK-1", "Jumlah dokumen perencanaan", "dokumen", 8, 150_000_000, 2, 2, 2, 2, "Program Perencanaan"],
        ["IK-2", "Persentase desa mandiri", "%", 40, 90_500_000.5, 10, 20, 30, 40, None]]
PLAN_MAP = {"kolom": {"kode": "Kode", "indikator": "Indikator Kinerja", "satuan": "Satuan", "target": "Target 2025",
                      "pagu": "Pagu 2025", "program": "Program"},
            "target_periode": {"TW1": "Target TW I", "TW2": "Target TW II", "TW3": "Target TW III",
                               "TW4": "Target TW IV"}}


# --- 1. plans, period targets, realisasi without targets --------------------------------------


def test_a_plan_without_realisasi_enters_as_targets_quarterly_targets_and_pagu(tmp_path):
    """On main a mapping without realisasi is refused ("realisasi wajib ada") and a quarterly
    target column has no field: a plan could only enter as realisasi."""
    path = _xlsx(tmp_path / "rencana.xlsx", PLAN)
    store = _store(tmp_path)
    out = impor_berkas(path, "tabel", pemetaan=_mapping(tmp_path, PLAN_MAP), unit="bappeda", tahun=2025, store=store,
                       arsip=tmp_path / "arsip")
    assert out.muat is not None and out.muat.status == "dimuat", [str(m) for m in out.masalah]
    t = out.bacaan.tabel
    assert t["realisasi"].isna().all()  # nothing of the plan became a realisasi
    tw = t[t["periode"] == "TW3"].set_index("indikator")
    assert tw.loc["Persentase desa mandiri", "target"] == 30 and tw.loc["Persentase desa mandiri", "sel_target"] == "Sheet!H3"
    target = store.current("target", unit_kode="bappeda")
    year = target[target["jenis"] == "tahunan"].set_index("indikator_kode")["nilai"]
    assert sorted(year) == [8, 40]
    quarters = target[target["jenis"] == "bulanan"]
    assert len(quarters) == 8 and set(quarters["bulan"]) == {3, 6, 9, 12} and set(quarters["periode"]) == {"triwulan"}
    assert store.current("realisasi", unit_kode="bappeda").empty
    pagu = store.current("anggaran", unit_kode="bappeda")
    assert sorted(pagu.loc[pagu["jenis"] == "pagu", "nilai"]) == [90_500_000.5, 150_000_000]
    assert set(pagu["program"]) == {"Program Perencanaan"}  # written once over its indicators


def test_a_pagu_without_its_program_is_named_not_loaded_under_none(tmp_path):
    rows = [r[:9] for r in PLAN]
    mapping = _mapping(tmp_path, {"kolom": {k: v for k, v in PLAN_MAP["kolom"].items() if k != "program"}})
    out = impor_berkas(_xlsx(tmp_path / "r.xlsx", rows), "tabel", pemetaan=mapping, unit="bappeda", tahun=2025,
                       store=_store(tmp_path), arsip=tmp_path / "arsip")
    assert out.ditolak and [m.sel for m in _codes(out, "I64")] == ["baris 2", "baris 3", ""]


def _realisasi_table(tmp_path: Path, names: list[str]) -> Path:
    rows = [["Kode", "Indikator", "Realisasi TW I"]] + [[f"K-{i}", n, 3 + i] for i, n in enumerate(names)]
    return _xlsx(tmp_path / "realisasi.xlsx", rows, title=[["Laporan Triwulan I Tahun 2025"]])


def test_realisasi_without_targets_is_matched_to_the_stores_targets_or_named(tmp_path):
    """On main a realisasi table without targets loads every row as a new indicator without a
    target, whatever its name: an unmatched name is silently a new indicator."""
    store = _store(tmp_path)
    plan = impor_berkas(_xlsx(tmp_path / "rencana.xlsx", PLAN), "tabel", pemetaan=_mapping(tmp_path, PLAN_MAP),
                        unit="bappeda", tahun=2025, store=store, arsip=tmp_path / "arsip")
    assert plan.muat.status == "dimuat"
    mapping = _mapping(tmp_path, {"kolom": {"kode": "Kode", "indikator": "Indikator"},
                                  "realisasi": {"TW1": "Realisasi TW I"}})
    bad = impor_berkas(_realisasi_table(tmp_path, ["JUMLAH  dokumen perencanaan", "Jumlah lomba"]), "tabel",
                       pemetaan=mapping, unit="bappeda", store=store, arsip=tmp_path / "arsip")
    assert bad.ditolak and bad.muat.status == "ditolak"
    named = _codes(bad, "I63")
    assert named[0].sel == "baris 4" and "Jumlah lomba" in named[0].pesan and "tahun 2025" in named[0].pesan
    ok = impor_berkas(_realisasi_table(tmp_path, ["JUMLAH  dokumen perencanaan"]), "tabel", pemetaan=mapping,
                      unit="bappeda", store=store, arsip=tmp_path / "arsip")
    assert ok.muat.status == "dimuat", [str(m) for m in ok.masalah]
    real = store.current("realisasi", unit_kode="bappeda")
    ind = store.current("indikator", unit_kode="bappeda")
    assert real["nilai"].tolist() == [3] and real["bulan"].tolist() == [3]
    assert set(real["indikator_kode"]) <= set(ind["kode"]) and len(ind) == 2  # no new indicator


# --- 2. polarity and agregasi in the files' words -------------------------------------------------


def test_polarity_and_agregasi_are_read_in_the_words_files_use(tmp_path):
    """On main "naik (baik)" and "non absolut" pass through as written (and a store refuses
    them later); "% (persen)" was guessed "jumlah", so 25 and 50 made 75."""
    rows = [["Indikator", "Satuan", "Karakter", "Polaritas", "Target", "Realisasi TW I", "Realisasi TW II"],
            ["Persentase sekolah terakreditasi", "% (persen)", "non absolut", "naik (baik)", 60, 25, 50],
            ["Angka putus sekolah", "orang", "absolut", "turun (baik)", 10, 2, 3],
            ["Rata-rata nilai ujian", "nilai", "rata-rata", "Naik (Baik)", 70, 60, 80],
            ["Persentase guru", "% (persen)", "", "", 50, 25, 50]]
    path = _xlsx(tmp_path / "t.xlsx", rows, title=[["Laporan s.d. Juni 2025"]])
    mapping = _mapping(tmp_path, {"kolom": {"indikator": "Indikator", "satuan": "Satuan", "agregasi": "Karakter",
                                            "polaritas": "Polaritas", "target": "Target"},
                                  "realisasi": {"TW1": "Realisasi TW I", "TW2": "Realisasi TW II"}})
    out = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, periksa=True)
    assert not out.ditolak, [str(m) for m in out.masalah]
    year = out.bacaan.tabel.query("periode == 'tahun'").set_index("indikator")
    assert year["polaritas"].tolist() == ["positif", "negatif", "positif", "positif"]
    assert year["agregasi"].tolist() == ["akhir", "jumlah", "rata-rata", "akhir"]
    assert year["realisasi"].tolist() == [50, 5, 70, 50]  # never 75 for a percentage
    assert year.loc["Angka putus sekolah", "capaian"] == pytest.approx(150)  # (2×10 − 5)/10
    assert "agregasi ditebak: akhir" in year.loc["Persentase guru", "catatan"]
    assert "polaritas" not in str(year.loc["Persentase sekolah terakreditasi", "catatan"])  # written, not guessed


def test_a_polarity_word_nobody_knows_stops_the_file_at_its_cell(tmp_path):
    rows = [["Indikator", "Polaritas", "Target", "Realisasi TW I"], ["Jumlah lomba", "kadang naik", 4, 1]]
    mapping = _mapping(tmp_path, {"kolom": {"indikator": "Indikator", "polaritas": "Polaritas", "target": "Target"},
                                  "realisasi": {"TW1": "Realisasi TW I"}})
    out = impor_berkas(_xlsx(tmp_path / "t.xlsx", rows), "tabel", pemetaan=mapping, tahun=2025, triwulan=1,
                       periksa=True)
    assert out.ditolak and [(m.sel, "naik (baik)" in m.pesan) for m in _codes(out, "I58")] == [("B2", True)]


# --- 3. the period from the file ------------------------------------------------------------------


TW_ROWS = [["Kode", "Indikator", "Target", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV"],
           ["A", "Jumlah pelatihan", 12, 3, None, None, None]]
TW_MAP = {"kolom": {"kode": "Kode", "indikator": "Indikator", "target": "Target"},
          "realisasi": {f"TW{q}": f"Realisasi TW {'I' * q if q < 4 else 'IV'}" for q in range(1, 5)}}


def test_a_tw_i_file_is_a_tw_i_file(tmp_path):
    """On main the quarter was the last one the mapping names: "triwulan 4"."""
    path = _xlsx(tmp_path / "t.xlsx", TW_ROWS, title=[["Nama OPD :", "", "Dinas"], ["Tahun :", "", 2025, "Triwulan I"]])
    out = impor_berkas(path, "tabel", pemetaan=_mapping(tmp_path, TW_MAP), periksa=True)
    assert out.bacaan.triwulan == 1 and out.bacaan.tahun == 2025 and out.bacaan.info["periode_dari"] == "judul"
    assert not _codes(out, "I59")


def test_the_period_is_never_guessed_silently(tmp_path):
    rows = [TW_ROWS[0], ["A", "Jumlah pelatihan", 12, 3, 4, None, None]]
    path = _xlsx(tmp_path / "t.xlsx", rows)
    out = impor_berkas(path, "tabel", pemetaan=_mapping(tmp_path, TW_MAP), tahun=2025, periksa=True)
    assert out.bacaan.triwulan == 2 and "triwulan 2" in _codes(out, "I59")[0].pesan and "--triwulan" in _codes(out, "I59")[0].pesan
    asked = impor_berkas(path, "tabel", pemetaan=_mapping(tmp_path, TW_MAP), tahun=2025, triwulan=1, periksa=True)
    assert asked.bacaan.triwulan == 1 and [m.sel for m in _codes(asked, "I61")] == ["E2"]  # TW II named, not read
    year = asked.bacaan.tabel.query("periode == 'tahun'")
    assert year["realisasi"].tolist() == [3]
    titled = _xlsx(tmp_path / "u.xlsx", rows, title=[["Laporan s.d. Maret 2025"]])
    clash = impor_berkas(titled, "tabel", pemetaan=_mapping(tmp_path, TW_MAP), triwulan=2, periksa=True)
    assert clash.ditolak and _codes(clash, "I60")[0].sel == "A1"


# --- 4. the draft mapping -------------------------------------------------------------------------


def test_the_draft_mapping_reads_the_visible_sheet_and_its_real_header_row(tmp_path, capsys):
    """On main the draft came from the hidden first sheet, row 1."""
    rows = [["No", "Kode", "Indikator", "Satuan", "Target", "Realisasi TW", "Polaritas"],
            [1, "A", "Persentase guru bersertifikat", "% (persen)", 60, 30, "naik (baik)"]]
    path = _xlsx(tmp_path / "t.xlsx", rows, title=[["Nama OPD :", None, "Dinas"], ["Tahun :", None, 2025]],
                 hidden_first=True)
    mapping = tmp_path / "p.yaml"
    assert main(["impor", str(path), "--buat-pemetaan", str(mapping), "--triwulan", "2"]) == 0
    said = capsys.readouterr().out
    doc = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert doc["lembar"] == "Data" and doc["baris_judul"] == 3
    assert doc["realisasi"] == {"TW2": "Realisasi TW"} and doc["kolom"]["polaritas"] == "Polaritas"
    assert "Realisasi TW" in said and "realisasi TW2" in said and "baris judul 3" in said
    assert "# Yang ditebak:" in mapping.read_text(encoding="utf-8")
    out = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, triwulan=2, periksa=True)
    year = out.bacaan.tabel.query("periode == 'tahun'")
    assert year["agregasi"].tolist() == ["akhir"] and year["realisasi"].tolist() == [30]


def test_guessed_polarity_and_agregasi_are_named_per_row_and_in_the_store(tmp_path, capsys):
    rows = [["Indikator", "Satuan", "Target", "Realisasi TW I"], ["Angka kematian ibu", "kasus", 10, 2]]
    path = _xlsx(tmp_path / "t.xlsx", rows)
    mapping = _mapping(tmp_path, {"kolom": {"indikator": "Indikator", "satuan": "Satuan", "target": "Target"},
                                  "realisasi": {"TW1": "Realisasi TW I"}})
    out_csv = tmp_path / "hasil.csv"
    assert main(["impor", str(path), "--jenis", "tabel", "--pemetaan", str(mapping), "--tahun", "2025", "--triwulan", "1",
                 "--periksa", "-o", str(out_csv)]) == 0
    printed = capsys.readouterr().out
    assert "polaritas ditebak untuk 1 indikator" in printed and "agregasi ditebak untuk 1 indikator" in printed
    assert "polaritas ditebak: negatif (kata \u201cangka kematian\u201d)" in out_csv.read_text(encoding="utf-8")
    store = _store(tmp_path)
    out = impor_berkas(path, "tabel", pemetaan=mapping, unit="bappeda", tahun=2025, triwulan=1, store=store,
                       arsip=tmp_path / "arsip")
    definisi = store.current("indikator", unit_kode="bappeda")["definisi"].iloc[0]
    assert out.muat.status == "dimuat" and "Polaritas ditebak: negatif" in definisi and "Agregasi ditebak" in definisi


# --- 5. the real Bondowoso e-monev sheet ----------------------------------------------------------


def _bondowoso_cells() -> dict[int, list]:
    """The "Isian Kinerja" rows that name an indicator, as the file holds them (python-calamine)."""
    calamine = pytest.importorskip("python_calamine")
    sheet = calamine.CalamineWorkbook.from_filelike(BONDOWOSO.open("rb")).get_sheet_by_name("Isian Kinerja")
    rows = sheet.to_python(skip_empty_area=False)
    return {r: row for r, row in enumerate(rows, start=1) if r > 7 and str(row[5]).strip()}


def _num(v):
    return None if v in ("", None) else float(v)


def test_bondowoso_isian_kinerja_enters_with_the_files_own_numbers(tmp_path):
    """Eight indicator rows, each number equal to its cell; the two rows whose printed capaian
    the file's own numbers do not give (a TW II value in a TW I file; a capaian of 200 without
    realisasi) are named per row. On main the file is refused (.xls, mapping without
    realisasi words) or read as triwulan 4."""
    cells = _bondowoso_cells()
    out = impor_berkas(BONDOWOSO, "tabel", pemetaan="emonev-isian-kinerja", periksa=True)
    assert not out.ditolak, [str(m) for m in out.masalah]
    b = out.bacaan
    assert (b.tahun, b.triwulan) == (2021, 1)
    year = b.tabel.query("periode == 'tahun'").set_index("baris")
    tw1 = b.tabel.query("periode == 'TW1'").set_index("baris")
    assert sorted(year.index) == sorted(cells) == list(range(9, 17))
    pol = {"naik (baik)": "positif", "turun (baik)": "negatif"}
    agg = {"absolut": "jumlah", "non absolut": "akhir"}
    right = 0
    for r, row in cells.items():
        got = year.loc[r]
        assert got["indikator"] == row[5] and got["kode_subkegiatan"] == row[1]
        assert got["target"] == pytest.approx(_num(row[8]), nan_ok=True) or (pd.isna(got["target"]) and row[8] == "")
        assert got["target_renstra"] == pytest.approx(_num(row[6]), nan_ok=True) or row[6] == ""
        assert got["realisasi_renstra_lalu"] == pytest.approx(_num(row[7]), nan_ok=True) or row[7] == ""
        assert tw1.loc[r, "realisasi"] == pytest.approx(_num(row[12]), nan_ok=True) or row[12] == ""
        if row[11]:
            assert got["polaritas"] == pol[row[11]]
        if row[10]:
            assert got["agregasi"] == agg[row[10]]
        printed = _num(row[17])
        if printed is not None and got["capaian"] == pytest.approx(printed):
            right += 1
        elif printed is not None:
            assert f"capaian tertulis {printed:g}" in got["catatan"]
        else:
            right += 1  # nothing printed, nothing computed
            assert pd.isna(got["capaian"])
    assert right == 6  # rows 10 and 15 carry the file's own inconsistency, named
    assert [m.sel for m in _codes(out, "I61")] == ["N10"]
    assert {m.sel for m in _codes(out, "I62")} == {"R10", "R15", "T10", "T15"}


def test_bondowoso_draft_mapping_finds_the_two_row_header(tmp_path):
    from kinerja.formulir.berkas import baca_isi
    from kinerja.impor.lembar import buka_lembar
    from kinerja.impor.pemetaan import rancang_pemetaan

    p = Penampung(BONDOWOSO.name)
    grids = buka_lembar(baca_isi(BONDOWOSO, p), p, rumus=False)
    assert grids is not None, [str(m) for m in p.daftar]
    doc, said = rancang_pemetaan(grids)
    assert doc["lembar"] == "Isian Kinerja" and doc["baris_judul"] == 6
    assert doc["kolom"]["indikator"].startswith("Indikator Program") and doc["kolom"]["polaritas"] == "L"
    assert doc["kolom"]["agregasi"] == "Karakter Indikator" and doc["kolom"]["target"] == "Target Tahun 2021"
    assert doc["realisasi"]["TW1"] == "Realisasi Kinerja TW 1" and "triwulan 1 dari judul berkas" in " ".join(said)


# --- 6. kinerja capaian guesses polarity from the name ------------------------------------------


def test_kinerja_capaian_guesses_polarity_from_the_name_and_says_so(tmp_path, capsys):
    """On main every row without a polarity column is positif: 80 cases against a target of
    100 deaths came out 80 %."""
    src = tmp_path / "c.csv"
    src.write_text("indikator;target;realisasi\nAngka kematian ibu;100;80\nJumlah pelatihan;10;8\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["capaian", str(src), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    got = pd.read_csv(out, sep=";", decimal=",")
    assert got["capaian"].tolist() == [120, 80] and got["polaritas"].tolist() == ["negatif", "positif"]
    assert got["polaritas_sumber"].iloc[0] == "ditebak dari nama indikator (kata \u201cangka kematian\u201d)"
    assert "polaritas ditebak dari nama indikator untuk 2 baris (1 negatif, 1 positif" in err


# --- 7. fuzz: any column order and header wording ------------------------------------------------

_WORDS = {"indikator": ["Indikator", "Indikator Kinerja", "INDIKATOR SASARAN"], "target": ["Target", "Target 2025"],
          "pagu": ["Pagu", "Pagu Anggaran"], "TW1": ["Target TW I", "Target Triwulan 1"],
          "TW2": ["Target TW II", "Target Triwulan 2"]}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(_WORDS)), pick=st.lists(st.integers(0, 2), min_size=5, max_size=5),
       values=st.lists(st.one_of(st.none(), st.integers(-5, 10**9), st.sampled_from(["1.234,5", "x", "-", "Rp1.500"])),
                       min_size=10, max_size=10), blank_top=st.integers(0, 3))
def test_a_flat_plan_in_any_column_order_is_read_right_or_refused_located(tmp_path, order, pick, values, blank_top):
    heads = [_WORDS[k][i % len(_WORDS[k])] for k, i in zip(order, pick)]
    rows = [heads] + [[f"Jumlah kegiatan {n}" if k == "indikator" else values[5 * n + j]
                       for j, k in enumerate(order)] for n in range(2)]
    path = _xlsx(tmp_path / "f.xlsx", rows, title=[["Rencana Kinerja Tahun 2025"]] + [[]] * blank_top)
    mapping = _mapping(tmp_path, {"kolom": {"indikator": heads[order.index("indikator")],
                                            "target": heads[order.index("target")], "pagu": heads[order.index("pagu")]},
                                  "target_periode": {"TW1": heads[order.index("TW1")], "TW2": heads[order.index("TW2")]}})
    out = impor_berkas(path, "tabel", pemetaan=mapping, periksa=True)
    if out.ditolak:
        assert all(m.lembar or m.sel for m in out.masalah if m.tingkat == "galat")
        return
    t = out.bacaan.tabel
    assert beda_sel(path, t) == []
    assert t["realisasi"].isna().all()
    for col in ("target", "pagu"):
        filled = t[col].notna()
        assert t.loc[filled, f"sel_{col}"].notna().all()
