"""Files of other Pemda (issue #22, tester's set rood23a): a year the file prints held against
kinerja's own aggregation, running totals "s.d. Triwulan (kumulatif)", the 86/2017 form with its
Kode column, satuan in its own column, several form sheets, polarity of "kasus … yang diobati".
Every number is checked against the file's own cell, read here with openpyxl."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kinerja.core.polaritas import tebak_meta
from kinerja.impor.jalankan import impor_berkas

VARIAN = Path(__file__).parent / "data" / "impor" / "varian"
BONDOWOSO = Path(__file__).parent / "data" / "impor" / "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx"


def _read(path, **kw):
    return impor_berkas(path, "evaluasi-renja", periksa=True, **kw)


def _sheet(path, name=None):
    wb = openpyxl.load_workbook(path, data_only=True)
    return wb[name] if name else wb.worksheets[0]


def _year(out) -> pd.DataFrame:
    t = out.bacaan.tabel
    return t[t["periode"] == "tahun"].set_index("baris")


def _tw(out, q) -> pd.DataFrame:
    t = out.bacaan.tabel
    return t[t["periode"] == f"TW{q}"].set_index("baris")


# ---- 1. the year the file prints is its statement ------------------------------------------------


def test_a_printed_year_that_is_the_sum_of_its_quarters_is_read_as_the_sum_and_named():
    """f13: percentage rows whose (13) is the sum of their quarters; on main the guessed agregasi
    'akhir' took the last quarter (18 instead of the printed 78)."""
    path = VARIAN / "f13-renja86d-kode5.xlsx"
    out = _read(path)
    ws = _sheet(path)
    year = _year(out)
    assert not out.ditolak
    for r in range(11, 18):
        assert year.loc[r, "realisasi"] == pytest.approx(ws[f"Y{r}"].value), r  # (13) as printed
        assert year.loc[r, "realisasi_anggaran"] == pytest.approx(ws[f"Z{r}"].value), r
    for r in (11, 14, 15, 16):  # guessed akhir, printed sum: jumlah used and named at the (13) cell
        assert year.loc[r, "agregasi"] == "jumlah"
        assert "agregasi jumlah dipakai karena kolom (13) tertulis" in year.loc[r, "catatan"]
        assert "agregasi akhir ditebak" not in year.loc[r, "catatan"]
        assert any(m.kode == "I85" and m.sel == f"Y{r}" for m in out.masalah)


def test_a_printed_year_that_several_agregasi_make_refuses_the_file_at_its_cell(tmp_path):
    """Quarters 300, 300, 300, 300 and (13) 300 of a 'Jumlah …' indicator: last, mean and max all
    give 300, the guessed sum 1.200. On main it was read as 1.200."""
    path = tmp_path / "f13-rata.xlsx"
    wb = openpyxl.load_workbook(VARIAN / "f13-renja86d-kode5.xlsx")
    ws = wb.worksheets[0]
    for c in ("Q", "S", "U", "W", "Y"):
        ws[f"{c}12"] = 300
    wb.save(path)
    out = _read(path)
    assert out.ditolak
    [m] = [m for m in out.masalah if m.kode == "I86"]
    assert m.sel == "Y12" and "tertulis 300" in m.pesan and "1.200" in m.pesan and "agregasi jumlah" in m.pesan


def test_a_printed_year_no_agregasi_makes_is_named_in_periksa_not_only_in_catatan():
    """Bondowoso row 11 prints 50 in its year column for a TW I realisasi of 25 (on main: only in catatan)."""
    out = _read(BONDOWOSO)
    [m] = [m for m in out.masalah if m.kode == "I87"]
    assert m.tingkat == "peringatan" and m.sel == "V11" and "tertulis 50" in m.pesan
    assert _year(out).loc[11, "realisasi"] == 25


def test_running_totals_s_d_triwulan_make_the_year_the_last_quarter():
    """f22: 'Realisasi Kinerja dan Anggaran s.d. Triwulan (kumulatif)'. On main the year was the sum
    of the running totals (3.000 layanan for 1.180)."""
    path = VARIAN / "f22-renja86d-kumulatif-sd-triwulan.xlsx"
    out = _read(path)
    ws = _sheet(path)
    year, tw2 = _year(out), _tw(out, 2)
    assert not out.ditolak and out.bacaan.info["kumulatif"]
    for r in range(11, 18):
        assert year.loc[r, "realisasi"] == pytest.approx(ws[f"R{r}"].value), r  # TW IV's running total
        assert year.loc[r, "realisasi"] == pytest.approx(ws[f"T{r}"].value), r  # = the printed (13)
        assert year.loc[r, "realisasi_anggaran"] == pytest.approx(ws[f"S{r}"].value), r
        assert year.loc[r, "sel_realisasi_anggaran"] == f"'Evaluasi Renja'!S{r}"
        assert tw2.loc[r, "realisasi_anggaran"] == pytest.approx(ws[f"O{r}"].value - ws[f"M{r}"].value), r
        assert pd.isna(tw2.loc[r, "sel_realisasi_anggaran"]) and "kolom kumulatif" in tw2.loc[r, "catatan"]
    for r in (12, 13, 17):  # summed indicators: a quarter's own K is the difference
        assert tw2.loc[r, "realisasi"] == pytest.approx(ws[f"N{r}"].value - ws[f"L{r}"].value)
        assert tw2.loc[r, "realisasi_tertulis"] == pytest.approx(ws[f"N{r}"].value)
    assert year.loc[11, "agregasi"] == "akhir" and tw2.loc[11, "realisasi"] == ws["N11"].value  # a level


def test_a_running_total_that_falls_is_refused_at_its_cell(tmp_path):
    path = tmp_path / "f22-turun.xlsx"
    wb = openpyxl.load_workbook(VARIAN / "f22-renja86d-kumulatif-sd-triwulan.xlsx")
    wb.worksheets[0]["P12"] = 500  # below TW II's 610
    wb.save(path)
    out = _read(path)
    assert any(m.kode == "I88" and m.sel == "P12" and m.tingkat == "galat" for m in out.masalah)


# ---- 6. a refused file still says the year its title names ----------------------------------------


def test_a_refused_form_says_the_year_of_its_title():
    """f20 is rightly refused (a numbered Satuan column); on main its summary said 'tahun tidak
    disebut berkas' though the title says 'Tahun 2019'."""
    out = _read(VARIAN / "f20-renja54-satuan-bernomor.xlsx")
    assert out.ditolak and out.bacaan.tahun == 2019


# ---- 7. polarity: a count of cases handled is positive ----------------------------------------------


def test_cases_treated_are_positive_and_cases_are_negative():
    names = ["Persentase kasus TBC yang diobati", "Jumlah kasus TBC", "Angka kematian ibu",
             "Persentase kasus kekerasan yang ditangani", "Jumlah kasus baru TBC yang ditemukan"]
    out = tebak_meta(pd.Series(names), pd.Series(["%", "kasus", "per 100.000 KH", "%", "kasus"]))
    assert out["polaritas"].tolist() == ["positif", "negatif", "negatif", "positif", "positif"]
    assert out["alasan"].tolist()[:2] == ["kata \u201cdiobati\u201d", "kata \u201ckasus\u201d"]


# ---- 2. a mapping by letter checks the header it lands on -----------------------------------------


def test_a_preset_mapping_by_letter_is_refused_where_the_header_says_another_field():
    """e3: 'Target Tahun 2021' (H) before 'Realisasi s/d Tahun 2020' (I); the shipped preset maps
    H and I by letter. On main the target was read from 'Realisasi s/d Tahun 2020'."""
    path = VARIAN / "e3-emonev-target-sebelum-realisasi-lalu.xlsx"
    ws = _sheet(path, "Isian Kinerja")
    assert ws["H6"].value == "Target Tahun 2021" and ws["I6"].value == "Realisasi s/d Tahun 2020"
    out = impor_berkas(path, "tabel", pemetaan="emonev-isian-kinerja", periksa=True)
    assert out.ditolak
    found = {m.sel: m.pesan for m in out.masalah if m.kode == "I89"}
    assert set(found) == {"H6", "I6"}
    assert "untuk target" in found["I6"] and "Realisasi s/d Tahun 2020" in found["I6"]
    # the same preset on the file it was made for still reads ("Karakter Indikator" is the agregasi)
    assert not impor_berkas(BONDOWOSO, "tabel", pemetaan="emonev-isian-kinerja", periksa=True).ditolak


# ---- 3. the 86/2017 form as the regulation prints it; a header without numbers ---------------------

_F01 = {"target": "S", "pagu": "T", "realisasi": "AH", "realisasi_anggaran": "AI", "capaian": "AK", "satuan": "K",
        "target_renstra": "M", "kode": "E"}


@pytest.mark.parametrize("name, first, cols, layout", [
    ("f01-renja86-tw2-spasi-keterangan.xlsx", 11, _F01, "Permendagri 86/2017 dengan kolom Kode"),
    ("f04-renja86-tanpa-satuan-tw1.xlsx", 11,
     {"target": "J", "pagu": "K", "realisasi": "T", "realisasi_anggaran": "U", "capaian": "V", "target_renstra": "F"},
     "Permendagri 86/2017 dengan kolom Kode, tanpa kolom Satuan"),
    ("f03-renja86-kode5-judul2baris.xlsx", 10,
     {"target": "O", "pagu": "P", "realisasi": "Y", "realisasi_anggaran": "Z", "capaian": "AA", "satuan": "J",
      "target_renstra": "K"}, "Permendagri 86/2017 dengan kolom Kode"),
    ("f02-renja86-angka-teks.xlsx", 10,
     {"target": "K", "pagu": "L", "realisasi": "U", "realisasi_anggaran": "V", "satuan": "F", "target_renstra": "G"},
     "Permendagri 86/2017 dengan kolom Kode (dikenali dari judul kolom"),
    ("f12-renja86d-tanpa-nomor.xlsx", 10,
     {"target": "J", "pagu": "K", "realisasi": "T", "realisasi_anggaran": "U", "satuan": "E", "target_renstra": "F"},
     "Permendagri 86/2017 (dikenali dari judul kolom"),
])
def test_the_86_2017_form_with_kode_or_without_numbers_is_read_as_printed(name, first, cols, layout):
    """Refused on main: a Kode column (3) 'is not' urusan/program/kegiatan; no numbering row 'is not' a Renja."""
    path = VARIAN / name
    out = impor_berkas(path, periksa=True)  # recognised from its content
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"]
    assert out.bacaan.info["tata_letak"].startswith(layout)
    ws = _sheet(path)
    year = _year(out)
    rows = [r for r in range(first, first + 7)]
    assert sorted(year.index[year["indikator"].notna()]) == rows
    for r in rows:
        for field, c in cols.items():
            if field == "kode":
                continue
            want = ws[f"{c}{r}"].value
            if field == "satuan":
                assert year.loc[r, "satuan"] == want, (r, field)
            elif isinstance(want, str):  # f02: numbers as text "1.234,00", "56,25 %"
                assert year.loc[r, field] == pytest.approx(float(want.replace("%", "").replace(".", "")
                                                                 .replace(",", ".").strip())), (r, field)
            elif field == "capaian" and year.loc[r, "capaian"] != pytest.approx(want):  # negatif: named, not taken
                assert year.loc[r, "polaritas"] == "negatif" and f"tertulis {want:g}".replace(".", ",") in year.loc[r, "catatan"]
            else:
                assert year.loc[r, field] == pytest.approx(want), (r, field)
    assert year["tingkat"].tolist()[:3] == ["urusan", "program", "kegiatan"]


def test_a_split_kode_gives_the_level_of_each_row():
    out = _read(VARIAN / "f03-renja86-kode5-judul2baris.xlsx")
    level = _year(out)["tingkat"]
    assert [level[r] for r in (9, 10, 11, 12, 15, 16)] == ["urusan", "program", "kegiatan", "subkegiatan",
                                                           "program", "kegiatan"]


def test_a_header_without_numbers_that_fits_no_layout_is_refused_at_its_row(tmp_path):
    path = tmp_path / "f12-tanpa-satuan.xlsx"
    wb = openpyxl.load_workbook(VARIAN / "f12-renja86d-tanpa-nomor.xlsx")
    wb.worksheets[0]["E5"] = "Ukuran"
    wb.save(path)
    out = impor_berkas(path, periksa=True)
    [m] = [m for m in out.masalah if m.tingkat == "galat"]
    assert m.kode == "I90" and m.lembar == "Evaluasi Renja" and m.sel == "A5" and "baris 5\u20137" in m.pesan


# ---- 4. satuan in its own column, a second form sheet, a title and a sheet naming two quarters --------


@pytest.mark.parametrize("name, first, n, col", [("f05-renja54-rupiah-penuh-satuan-sendiri.xlsx", 11, 7, "H"),
                                                 ("f23-rkpd16-satuan-terpisah.xlsx", 10, 7, "G")])
def test_satuan_in_its_own_unnumbered_column_is_read(name, first, n, col):
    """On main the satuan came out empty (the column has no number in 54/2010 and RKPD)."""
    path = VARIAN / name
    out = _read(path)
    ws = _sheet(path)
    year = _year(out)
    for r in range(first, first + n):
        assert year.loc[r, "satuan"] == ws[f"{col}{r}"].value, r


def test_a_second_form_sheet_is_named_not_passed_over():
    out = _read(VARIAN / "f19-renja86d-dua-lembar-tw1-tw2.xlsx")
    assert out.bacaan.info["lembar"] == "TW I" and out.bacaan.triwulan == 1
    [m] = [m for m in out.masalah if m.kode == "I91"]
    assert m.lembar == "TW II" and "triwulan 2" in m.pesan and "TW I" in m.pesan


def test_a_title_and_a_sheet_naming_two_quarters_stop_the_file_unless_triwulan_says():
    """Title 'Triwulan II', sheet 'Realisasi TW III' (TW I–III filled): on main read as TW II, unsaid."""
    path = VARIAN / "f26-renja86d-judul-tw2-lembar-tw3.xlsx"
    out = _read(path)
    assert out.ditolak
    [m] = [m for m in out.masalah if m.kode == "I92"]
    assert m.lembar == "Realisasi TW III" and "triwulan 2" in m.pesan and "triwulan 3" in m.pesan
    told = _read(path, triwulan=3)
    assert not told.ditolak and told.bacaan.triwulan == 3
    ws = _sheet(path)
    tw3 = _tw(told, 3)
    assert tw3.loc[12, "realisasi"] == ws["P12"].value and tw3.loc[12, "realisasi_anggaran"] == ws["Q12"].value


# ---- 4. two indicators in one cell with their numbers one per line ---------------------------------


def test_two_indicators_in_one_cell_take_their_own_line_of_each_number():
    """f21: '1. Persentase …⏎2. Jumlah puskesmas …' with '80⏎12', '%⏎unit'. On main the numbers of
    row 11 were dropped (I03) and both indicators got the satuan '%⏎unit'."""
    path = VARIAN / "f21-renja86d-dua-indikator-satu-sel.xlsx"
    out = _read(path)
    ws = _sheet(path)
    assert not out.ditolak
    t = out.bacaan.tabel
    row = t[t["baris"] == 11].set_index(["indikator", "periode"])
    names = [x.split(". ", 1)[1] for x in ws["D11"].value.split("\n")]
    units = ws["E11"].value.split("\n")
    for i, name in enumerate(names):
        assert row.loc[(name, "tahun"), "satuan"] == units[i]
        assert row.loc[(name, "tahun"), "target"] == float(ws["J11"].value.split("\n")[i])
        assert row.loc[(name, "tahun"), "sel_target"] == "'Evaluasi Renja'!J11"
        for q, c in enumerate("LNPR", start=1):
            assert row.loc[(name, f"TW{q}"), "realisasi"] == float(ws[f"{c}11"].value.split("\n")[i])
    assert row.loc[(names[0], "tahun"), "pagu"] == ws["K11"].value  # one Rupiah: the first indicator's
    assert pd.isna(row.loc[(names[1], "tahun"), "pagu"])
    assert not [m for m in out.masalah if m.kode == "I03" and m.sel.endswith("11")]


def test_lines_that_do_not_match_the_indicators_stop_the_file_at_the_cell(tmp_path):
    path = tmp_path / "f21-tiga.xlsx"
    wb = openpyxl.load_workbook(VARIAN / "f21-renja86d-dua-indikator-satu-sel.xlsx")
    wb.worksheets[0]["L11"] = "20\n3\n4"
    wb.save(path)
    out = _read(path)
    assert any(m.kode == "I05" and m.tingkat == "galat" and m.sel == "L11" and "3 angka" in m.pesan
               for m in out.masalah)


# ---- 5. e-budgeting subtotal rows ----------------------------------------------------------------------


def test_ebudgeting_subtotal_rows_are_checked_against_their_rows_and_skipped_named():
    """b5: a subtotal row per SKPD and per sub kegiatan (URAIAN empty). Refused on main (I68, 39 rows)."""
    path = VARIAN / "b5-ebudgeting-subtotal.xlsx"
    out = impor_berkas(path, periksa=True)
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"][:3]
    ws = _sheet(path)
    t = out.bacaan.tabel
    skpd = t[t["tingkat"] == "skpd"].set_index("baris")
    sub = [r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value and not ws[f"B{r}"].value
           and "JUMLAH" not in str(ws[f"A{r}"].value)]
    assert len(sub) == 3 and len(skpd) == 3
    # each SKPD's sum is its subtotal row, as printed
    assert sorted(skpd["pagu"].astype(float)) == pytest.approx(sorted(float(ws[f"G{r}"].value) for r in sub))
    assert sorted(skpd["pagu_perubahan"].astype(float)) == pytest.approx(sorted(float(ws[f"H{r}"].value) for r in sub))
    named = [m for m in out.masalah if m.kode == "I71"]
    assert all(m.tingkat == "peringatan" for m in named) and any("subtotal SKPD" in m.pesan for m in named)


def test_an_ebudgeting_subtotal_that_differs_from_its_rows_refuses_the_file_at_its_cell(tmp_path):
    path = tmp_path / "b5-selisih.xlsx"
    wb = openpyxl.load_workbook(VARIAN / "b5-ebudgeting-subtotal.xlsx")
    wb.worksheets[0]["G3"] = 101_750_001
    wb.save(path)
    out = impor_berkas(path, periksa=True)
    errors = [m for m in out.masalah if m.tingkat == "galat"]
    assert [(m.kode, m.sel) for m in errors] == [("I71", "G3")] and "Rp101.750.001" in errors[0].pesan
    assert not any("dilewati" in m.pesan for m in out.masalah)  # no row message says it was skipped and read
