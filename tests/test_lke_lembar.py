"""The Lembar Kerja Evaluasi workbook per unit: written, filled as a clerk and an evaluator
would (cells found by their kode), read back through ingest with every J-code located, and
hostile text kept inert."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.core.lke_parameter import muat_lke
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.ingest import muat_berkas
from kinerja.formulir.lke import tulis_lke
from kinerja.formulir.templat import tulis_formulir
from kinerja.store import Store

LKE = muat_lke()
F = FORMULIR["LKE-PD"]
KOLOM = {name: i for i, name in enumerate(F.fields(), start=1)}
DITERIMA = dt.datetime(2026, 11, 16, 10, 0)
UNITS = [{"no": 1, "kode": "kab", "nama": "Pemerintah Kabupaten Uji", "jenis": "kabupaten", "jabatan": "Bupati"},
         {"no": 2, "kode": "dinkes", "nama": "Dinas Kesehatan", "jenis": "perangkat_daerah", "induk": "kab",
          "jabatan": "Kepala Dinas Kesehatan"},
         {"no": 3, "kode": "bappeda", "nama": "Bappeda", "jenis": "perangkat_daerah", "induk": "kab",
          "jabatan": "Kepala Bappeda"}]


def buat_store(folder: Path) -> Store:
    """A store holding only the Daftar Unit."""
    store = Store(f"sqlite:///{folder}/k.sqlite")
    tulis_formulir(FORMULIR["UNIT"], folder / "unit.xlsx", tahun=2026, baris=UNITS)
    assert muat_berkas(folder / "unit.xlsx", store, folder / "arsip").status == "dimuat"
    return store


def isi(path: Path, nilai: dict[str, dict[str, object]], rekomendasi: list[tuple] = (), keluar: Path | None = None,
        **sel) -> Path:
    """Type into the LKE workbook as a clerk would: the row is found by its kode in column A,
    the column by the formulir's field; ``rekomendasi`` rows go below the Rekomendasi sheet's
    header; ``sel`` writes single cells (``LKE!B5``)."""
    wb = load_workbook(path)
    ws = wb["LKE"]
    rows = {str(ws.cell(r, 1).value): r for r in range(11, ws.max_row + 1) if ws.cell(r, 1).value is not None}
    for kode, fields in nilai.items():
        for name, value in fields.items():
            ws.cell(rows[kode], KOLOM[name], value)
    rek = wb["Rekomendasi"]
    for i, row in enumerate(rekomendasi, start=11):
        for j, value in enumerate(row, start=1):
            rek.cell(i, j, value)
    for where, value in sel.items():
        sheet, cell = where.split("__")
        wb[sheet][cell] = value
    out = keluar or path
    wb.save(out)
    return out


def semua(field: str, value: str, jenis: str = "kriteria") -> dict[str, dict[str, str]]:
    table = LKE.kriteria if jenis == "kriteria" else LKE.subkomponen
    return {k: {field: value} for k in table["kode"]}


def jawaban_penuh(evaluator: dict[str, str], mandiri: str | None = None) -> dict[str, dict[str, str]]:
    """Every kriteria met by both; the evaluator's answers as given (a catatan where A/AA)."""
    out = {k: {"terpenuhi_mandiri": "Ya", "terpenuhi_evaluator": "Ya"} for k in LKE.kriteria["kode"]}
    for kode, j in evaluator.items():
        out[kode] = {"jawaban_evaluator": j, "jawaban_mandiri": mandiri or "BB"}
        if j in ("A", "AA"):
            out[kode]["catatan"] = "Inovasi yang menjadi rujukan daerah lain"
    return out


@pytest.fixture
def store(tmp_path) -> Store:
    return buat_store(tmp_path)


@pytest.fixture
def kosong(tmp_path) -> Path:
    return tulis_lke(tmp_path / "LKE_dinkes_2026.xlsx", unit="dinkes", tahun=2026, subjudul="Dinas Kesehatan")


def muat(path: Path, store: Store, tmp_path: Path, diterima: dt.datetime = DITERIMA):
    return muat_berkas(path, store, tmp_path / "arsip", diterima)


def test_the_workbook_holds_80_kriteria_under_12_sub_komponen_with_locked_labels_and_dropdowns(kosong):
    wb = load_workbook(kosong)
    ws = wb["LKE"]
    assert (ws["B3"].value, ws["B4"].value, ws["B5"].value) == ("LKE-PD", "dinkes", 2026)
    codes = [ws.cell(r, 1).value for r in range(11, ws.max_row + 1)]
    assert codes[0] == "1" and codes[1] == "1.a" and codes[2] == "1.a.1"
    assert len([c for c in codes if c.count(".") == 2]) == 80 and len([c for c in codes if c.count(".") == 1]) == 12
    # two kriteria with the same text keep their own codes
    text = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(11, ws.max_row + 1)}
    assert text["4.a.2"] == text["4.b.4"]
    assert [ws.cell(10, j).value for j in range(1, 11)] == [f"({i})" for i in range(1, 11)]
    assert ws.protection.sheet and ws["B4"].protection.locked and ws["B2"].protection.locked
    row = codes.index("1.a.1") + 11
    sub = codes.index("1.a") + 11
    assert not ws.cell(row, KOLOM["terpenuhi_mandiri"]).protection.locked
    assert ws.cell(row, KOLOM["jawaban_mandiri"]).protection.locked  # no answer on a kriteria row
    assert not ws.cell(sub, KOLOM["jawaban_evaluator"]).protection.locked
    assert ws.cell(sub, KOLOM["saran"]).protection.locked and ws.cell(sub, KOLOM["uraian"]).protection.locked
    lists = {str(dv.sqref).split()[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("Daftar!" in f for f in lists.values())
    covered = " ".join(str(dv.sqref) for dv in ws.data_validations.dataValidation)
    assert ws.cell(row, KOLOM["terpenuhi_evaluator"]).coordinate in covered.split()
    assert wb["Daftar"].sheet_state == "hidden" and "Rekomendasi" in wb.sheetnames


def test_template_fill_ingest_read_back(kosong, store, tmp_path):
    from kinerja.evaluasi import muat_lke, muat_rekomendasi
    from kinerja.evaluasi.lke_muat import muat_kriteria

    nilai = jawaban_penuh({"1.a": "BB", "1.b": "A", "3.c": "c"})
    nilai["1.a.2"] = {"terpenuhi_mandiri": "tidak", "terpenuhi_evaluator": " Ya ", "bukti": "SK Bupati 12/2026"}
    path = isi(kosong, nilai, [(1, 1, "Tetapkan IKU sampai pejabat pengawas"), ("3", "2", "Publikasikan LKjIP")])
    hasil = muat(path, store, tmp_path)
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    assert (hasil.formulir, hasil.unit, hasil.tahun, hasil.revisi) == ("LKE-PD", "dinkes", 2026, 1)
    assert hasil.baris == {"lke": 92, "lke_rekomendasi": 2}
    got = muat_lke(store, 2026).set_index("kode")
    assert len(got) == 12 and list(got.index[:3]) == ["1.a", "1.b", "1.c"]
    assert got.loc["1.b", "jawaban_evaluator"] == "A" and got.loc["1.b", "catatan"].startswith("Inovasi")
    assert got.loc["3.c", "jawaban_evaluator"] == "C" and got.loc["2.a", "jawaban_evaluator"] is None
    assert got.loc["1.a", "jawaban_mandiri"] == "BB" and (got["revisi"] == 1).all()
    kriteria = muat_kriteria(store, 2026, "dinkes").set_index("kode")
    assert kriteria.loc["1.a.2", "terpenuhi_mandiri"] is False and kriteria.loc["1.a.2", "terpenuhi_evaluator"] is True
    assert kriteria.loc["1.a.2", "bukti"] == "SK Bupati 12/2026"
    rek = muat_rekomendasi(store, 2026, "dinkes")
    assert rek[["komponen", "nomor", "teks", "status"]].values.tolist() == [
        [1, 1, "Tetapkan IKU sampai pejabat pengawas", "baru"], [3, 2, "Publikasikan LKjIP", "baru"]]


def _kode(hasil) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in hasil.masalah:
        out.setdefault(m.kode, []).append(m)
    return out


def _baris(path: Path, kode: str) -> int:
    ws = load_workbook(path)["LKE"]
    return next(r for r in range(11, ws.max_row + 1) if ws.cell(r, 1).value == kode)


def _sel(path: Path, kode: str, field: str) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(KOLOM[field])}{_baris(path, kode)}"


@pytest.mark.parametrize("kode, nilai, field, baris, potongan", [
    ("J12", {"1.b.3": {"terpenuhi_mandiri": "Mungkin"}}, "terpenuhi_mandiri", "1.b.3", "harus Ya atau Tidak"),
    ("J13", {"1.b": {"terpenuhi_evaluator": "Ya"}}, "terpenuhi_evaluator", "1.b", "hanya diisi pada baris kriteria"),
    ("J14", {"2.a": {"jawaban_evaluator": "F"}}, "jawaban_evaluator", "2.a", "\"F\" tidak ada di skala"),
    ("J15", {"2.a.1": {"jawaban_mandiri": "BB"}}, "jawaban_mandiri", "2.a.1", "diberikan per sub-komponen"),
    ("J17", {"3.a": {"jawaban_evaluator": "A"}}, "catatan", "3.a", "jawaban evaluator A wajib disertai catatan"),
    ("J11", {"1.b.3": {"uraian": "Kriteria yang diganti"}}, "uraian", "1.b.3", "bukan uraian 1.b.3"),
    ("J23", {"2.c": {"bobot": 20}}, "bobot", "2.c", "bobot 2.c harus 15,00"),
    ("J08", {"4.c.5": {"kode": "4.c.9"}}, "kode", "4.c.5", "kode \"4.c.9\" bukan komponen"),
])
def test_each_cell_fault_is_refused_at_its_cell(kode, nilai, field, baris, potongan, kosong, store, tmp_path):
    cell = _sel(kosong, baris, field)
    path = isi(kosong, nilai)
    hasil = muat(path, store, tmp_path)
    assert hasil.status == "ditolak"
    hits = [m for m in hasil.galat if m.kode == kode]
    assert hits, [f"{m.kode} {m}" for m in hasil.masalah]
    assert (hits[0].lembar, hits[0].sel) == ("LKE", cell) and potongan in hits[0].pesan, str(hits[0])
    assert str(hits[0]).startswith(f"{path.name}, lembar LKE, sel {cell}: ")
    assert store.current("lke").empty


def test_a_row_written_twice_or_missing_is_refused(kosong, store, tmp_path):
    row = _baris(kosong, "1.a.2")
    path = isi(kosong, {"1.a.2": {"kode": "1.a.1", "uraian": LKE.kriteria.set_index("kode").at["1.a.1", "uraian"]}})
    found = _kode(muat(path, store, tmp_path))
    assert found["J10"][0].sel == f"A{row}" and "1.a.1 tertulis dua kali" in found["J10"][0].pesan
    assert "1.a.2" in found["J09"][0].pesan and found["J09"][0].lembar == "LKE"


def test_an_lke_of_a_year_not_begun_when_received_is_refused(tmp_path, store):
    path = tulis_lke(tmp_path / "LKE_2027.xlsx", unit="dinkes", tahun=2027)
    found = _kode(muat(path, store, tmp_path, dt.datetime(2026, 12, 30)))
    assert found["J07"][0].sel == "B5" and "2027 sesudah tahun berkas diterima (2026)" in found["J07"][0].pesan


def test_a_workbook_issued_for_another_unit_or_year_is_refused(kosong, store, tmp_path):
    other = isi(kosong, {}, keluar=tmp_path / "lain.xlsx", LKE__B4="bappeda")
    found = _kode(muat(other, store, tmp_path))
    assert [m.sel for m in found["J25"]] == ["B4"]
    assert "kode unit bappeda (Bappeda) berbeda dengan unit di bawah judul (A2: DINAS KESEHATAN, unit dinkes)" in \
        found["J25"][0].pesan and found["J25"][0].tingkat == "galat"
    # a name no unit has now (the Daftar Unit renamed the unit): loaded for B4's unit, with a warning
    renamed = isi(kosong, {}, keluar=tmp_path / "ganti-nama.xlsx", LKE__A2="DINAS KESEHATAN LAMA")
    hasil = muat(renamed, store, tmp_path)
    assert hasil.status == "dimuat" and [(m.kode, m.tingkat, m.sel) for m in hasil.masalah if m.kode == "J25"] == [
        ("J25", "peringatan", "A2")]
    year = isi(kosong, {}, keluar=tmp_path / "tahun.xlsx", LKE__B5=2025)
    found = _kode(muat(year, store, tmp_path))
    assert [m.sel for m in found["J24"]] == ["B5"] and "di judul (A1: 2026)" in found["J24"][0].pesan


def test_recommendation_faults_are_located_on_their_sheet(kosong, store, tmp_path):
    path = isi(kosong, {}, [(5, 1, "Satu"), (1, "1,5", "Dua"), (2, 1, "Tiga"), (2, 1, "Empat"), (3, 1, None)])
    found = _kode(muat(path, store, tmp_path))
    assert [(m.lembar, m.sel) for m in found["J19"]] == [("Rekomendasi", "A11")]
    assert [(m.lembar, m.sel) for m in found["J20"]] == [("Rekomendasi", "B12")]
    assert [(m.lembar, m.sel) for m in found["J21"]] == [("Rekomendasi", "B14")]
    assert [(m.lembar, m.sel) for m in found["V10"]] == [("Rekomendasi", "C15")]


def test_a_follow_up_row_must_name_a_recommendation_the_store_holds(tmp_path, store):
    path = tulis_lke(tmp_path / "LKE.xlsx", unit="dinkes", tahun=2026, tindak_lanjut=[
        {"kode": "R2025-1.1", "uraian": "Tindak lanjut rekomendasi 2025 komponen 1 nomor 1"},
        {"kode": "R2026-1.1", "uraian": "Tindak lanjut rekomendasi 2026 komponen 1 nomor 1"}])
    found = _kode(muat(path, store, tmp_path))
    assert [m.sel for m in found["J22"]] == [f"A{_baris(path, 'R2025-1.1')}", f"A{_baris(path, 'R2026-1.1')}"]
    assert "tidak memuat rekomendasi 2025 komponen 1 nomor 1 untuk unit dinkes" in found["J22"][0].pesan
    assert "tahun 2026 bukan tahun sebelum 2026" in found["J22"][1].pesan


def test_an_answer_beside_its_kriteria_is_a_warning_naming_both_and_the_file_loads(kosong, store, tmp_path):
    nilai = {k: {"terpenuhi_evaluator": "Ya"} for k in LKE.kriteria.loc[LKE.kriteria["subkomponen"] == "1.a", "kode"]}
    nilai["1.a.6"] = {"terpenuhi_evaluator": "Tidak"}
    nilai["1.a"] = {"jawaban_evaluator": "CC", "jawaban_mandiri": "AA", "catatan": "Unit menilai diri AA"}
    hasil = muat(isi(kosong, nilai), store, tmp_path)
    assert hasil.status == "dimuat"
    j16 = [m for m in hasil.peringatan if m.kode == "J16"]
    assert [m.sel for m in j16] == [_sel(kosong, "1.a", "jawaban_evaluator")]
    assert "jawaban evaluator CC untuk 1.a" in j16[0].pesan and "5 dari 6 (83%)" in j16[0].pesan \
        and "jawaban B" in j16[0].pesan
    j18 = [m for m in hasil.peringatan if m.kode == "J18"]
    assert j18 and j18[0].sel == _sel(kosong, "1.a", "jawaban_mandiri") and "hanya diberikan evaluator" in j18[0].pesan


def test_an_a_given_when_every_kriteria_is_met_is_no_warning(kosong, store, tmp_path):
    nilai = {k: {"terpenuhi_evaluator": "Ya"} for k in LKE.kriteria.loc[LKE.kriteria["subkomponen"] == "2.a", "kode"]}
    nilai["2.a"] = {"jawaban_evaluator": "A", "catatan": "Dipertahankan lima tahun"}
    hasil = muat(isi(kosong, nilai), store, tmp_path)
    assert hasil.status == "dimuat" and not hasil.masalah


def test_an_lke_of_the_kabupaten_or_an_unknown_unit_is_refused(tmp_path, store):
    kab = muat(tulis_lke(tmp_path / "kab.xlsx", unit="kab", tahun=2026), store, tmp_path)
    assert [(m.kode, m.sel) for m in kab.galat] == [("V05", "B4")]
    lain = muat(tulis_lke(tmp_path / "lain.xlsx", unit="dinas-x", tahun=2026), store, tmp_path)
    assert [(m.kode, m.sel) for m in lain.galat] == [("V04", "B4")]


HOSTILE = ["=HYPERLINK(\"http://example.invalid\",\"klik\")", "=cmd|' /C calc'!A0", "<script>alert(1)</script>",
           "+1+1", "@SUM(A1:A2)"]


def test_hostile_text_is_stored_as_written_and_written_back_inert(kosong, store, tmp_path):
    from kinerja.evaluasi.lke_muat import muat_kriteria
    from kinerja.evaluasi.lke_templat import templat_lke

    nilai = {"1.a": {"catatan": HOSTILE[0]}, "1.a.1": {"bukti": HOSTILE[1]}, "1.a.2": {"catatan": HOSTILE[2]}}
    wb = load_workbook(kosong)  # typed as text, not as a formula
    path = isi(kosong, nilai, [(1, 1, HOSTILE[3]), (2, 1, HOSTILE[4])])
    wb = load_workbook(path)
    for row in wb["LKE"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for row in wb["Rekomendasi"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:1] in "=+@":
                cell.data_type = "s"
    wb.save(path)
    hasil = muat(path, store, tmp_path)
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    kriteria = muat_kriteria(store, 2026, "dinkes").set_index("kode")
    assert kriteria.loc["1.a.1", "bukti"] == HOSTILE[1] and kriteria.loc["1.a.2", "catatan"] == HOSTILE[2]
    again = templat_lke(store, "dinkes", 2026, tmp_path / "lagi.xlsx")
    wb = load_workbook(again)
    formulas = [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    ws = wb["LKE"]
    assert ws[_sel(again, "1.a", "catatan")].value == HOSTILE[0]
    assert ws[_sel(again, "1.a.1", "bukti")].value.startswith(HOSTILE[1])
    assert [wb["Rekomendasi"]["C11"].value, wb["Rekomendasi"]["C12"].value] == HOSTILE[3:5]


def test_a_folder_goes_on_past_a_bad_lke(tmp_path, store, kosong):
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "masuk"
    folder.mkdir()
    isi(kosong, {"2.a": {"jawaban_evaluator": "Z"}}, keluar=folder / "a_salah.xlsx")
    tulis_lke(folder / "b_baik.xlsx", unit="bappeda", tahun=2026)
    kinerja = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
    out = subprocess.run([kinerja, "ingest", str(folder), "--db", store.url, "--arsip", str(tmp_path / "arsip"),
                          "--diterima", "2026-11-16"], capture_output=True, text=True)
    assert out.returncode == 1
    assert "DITOLAK" in out.stdout and "a_salah.xlsx, lembar LKE, sel H" in out.stdout and "\"Z\"" in out.stdout
    assert "dimuat" in out.stdout and "LKE-PD bappeda 2026, revisi 1" in out.stdout
    assert set(store.current("lke")["unit_kode"]) == {"bappeda"}
