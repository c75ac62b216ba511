"""Limits before work (issue #26): a hostile workbook is refused while its zip streams, before
openpyxl reads it, at its sheet and cell, in Bahasa Indonesia.

Each case is built by :mod:`kinerja.contoh.jahat` just over its limit (a limit that would need a
large file is lowered for the test); the worst cases of the issue themselves are timed and
measured by ``benchmarks/bench_berkas_jahat.py``, not here.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TAHUN
from kinerja.contoh import jahat
from kinerja.core.berkas import baca_tabel
from kinerja.core.errors import KinerjaError
from kinerja.formulir.lembar import baca_formulir
from kinerja.formulir.masalah import Penampung
from kinerja.impor.jalankan import impor_berkas

KINERJA = str(Path(sys.executable).parent / "kinerja")
RENJA = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"
LEMBAR_RENJA = "Realisasi TW IV"
INGGRIS = re.compile(r"Error\b|Exception|Traceback|BadZip|KeyError|ValueError|\bNone\b")


def _impor(tmp_path: Path, raw: bytes):
    path = tmp_path / "renja.xlsx"
    path.write_bytes(raw)
    out = impor_berkas(path, periksa=True)
    return [m for m in out.masalah if m.tingkat == "galat"]


def _formulir(tmp_path: Path, raw: bytes):
    path = tmp_path / f"CRAAPK_{TAHUN}-03.xlsx"
    path.write_bytes(raw)
    p = Penampung(path.name)
    assert baca_formulir(path, p) is None
    return [m for m in p.daftar if m.tingkat == "galat"]


def _satu(galat, kode: str, lembar: str, sel: str, kata: str):
    assert [(m.kode, m.lembar, m.sel) for m in galat] == [(kode, lembar, sel)], [str(m) for m in galat]
    assert kata in galat[0].pesan and not INGGRIS.search(galat[0].pesan), galat[0].pesan
    return galat[0]


@pytest.fixture
def craapk(sampel) -> bytes:
    return (sampel / f"dinkes/CRAAPK_{TAHUN}-03.xlsx").read_bytes()


def test_a_renja_with_one_far_cell_is_refused_at_that_cell_before_it_is_read_whole(tmp_path):
    # SF600: 600 rows x 500 columns, an area a full openpyxl read makes 300.000 cells of (the issue's
    # SF30000 made 15 million: 162 s, 2,5 GB)
    m = _satu(_impor(tmp_path, jahat.sel_jauh(RENJA.read_bytes(), "SF600")), "V48", LEMBAR_RENJA, "SF600",
              "600 baris × 500 kolom = 300.000 sel")
    assert "250.000" in m.pesan


def test_a_cell_past_the_column_limit_is_refused_at_its_cell(tmp_path, craapk):
    _satu(_formulir(tmp_path, jahat.sel_jauh(craapk, "SG40")), "V48", "CRAAPK", "SG40", "kolom SG (kolom ke-501)")


def test_a_merged_range_to_the_end_of_the_sheet_is_refused_at_the_range(tmp_path):
    # the case, which ended in a MemoryError traceback; refused here by the scan alone
    ref = "AM200:XFD1048576"
    _satu(_impor(tmp_path, jahat.gabung_luas(RENJA.read_bytes(), ref)), "V48", LEMBAR_RENJA, ref,
          "mencapai sel XFD1048576")


def test_merged_ranges_covering_too_many_cells_are_refused(tmp_path):
    ref = "A200:Z20000"  # 514.826 cells inside the sheet's limits, more than 250.000 merged
    m = _satu(_impor(tmp_path, jahat.gabung_luas(RENJA.read_bytes(), ref)), "V48", LEMBAR_RENJA, ref, "250.000")
    assert "gabungan" in m.pesan


def test_too_many_merged_ranges_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("kinerja.core.pindai.BATAS_GABUNG", 40)  # the Renja has 46
    _satu(_impor(tmp_path, RENJA.read_bytes()), "V48", LEMBAR_RENJA, "F6:F7", "lebih dari 40 rentang sel gabungan")


def test_a_shared_string_longer_than_excel_allows_is_refused_while_it_streams(tmp_path):
    _satu(_impor(tmp_path, jahat.teks_panjang(RENJA.read_bytes(), 40_000)), "V48", "", "",
          "lebih panjang dari 32.767 karakter")


def test_too_many_shared_strings_are_refused_before_they_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr("kinerja.core.pindai.BATAS_TEKS", 1_000)
    _satu(_impor(tmp_path, jahat.teks_banyak(RENJA.read_bytes(), 1_001)), "V48", "", "",
          "lebih dari 1.000 teks bersama")


def test_rows_past_the_limit_are_refused_at_the_first_such_row(tmp_path):
    _satu(_impor(tmp_path, jahat.baris_banyak(RENJA.read_bytes(), 100_001, 1)), "V48", LEMBAR_RENJA, "",
          "baris 100.001 terisi")


def test_too_many_written_cells_are_refused_at_the_cell_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("kinerja.core.pindai.BATAS_SEL_TERISI", 1_000)
    _satu(_impor(tmp_path, jahat.baris_banyak(RENJA.read_bytes(), 300, 4)), "V48", LEMBAR_RENJA, "A251",
          "lebih dari 1.000 sel terisi")


@pytest.mark.parametrize("nama", ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"])
def test_two_zip_members_of_one_name_are_refused(tmp_path, craapk, nama):
    m = _satu(_formulir(tmp_path, jahat.anggota_kembar(craapk, nama)), "V65", "", "", "dua bagian bernama sama")
    assert nama in m.pesan


@pytest.mark.parametrize("nama", ["../../lampiran.txt", "/etc/lampiran.txt", "xl/../../lampiran.txt"])
def test_a_zip_member_leading_outside_is_refused(tmp_path, craapk, nama):
    _satu(_formulir(tmp_path, jahat.jalur_luar(craapk, nama)), "V66", "", "", "jalur tidak sah")


def test_the_capaian_table_reader_scans_as_every_reader(tmp_path, craapk):
    path = tmp_path / "tabel.xlsx"
    path.write_bytes(jahat.anggota_kembar(craapk))
    with pytest.raises(KinerjaError, match="tabel.xlsx: arsip .xlsx berisi dua bagian bernama sama"):
        baca_tabel(path)


def test_the_command_refuses_without_a_traceback(tmp_path):
    path = tmp_path / "renja.xlsx"
    path.write_bytes(jahat.gabung_luas(RENJA.read_bytes(), "AM200:XFD1048576"))
    run = subprocess.run([KINERJA, "impor", "--periksa", str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "AM200:XFD1048576" in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_real_workbooks_pass_the_scan_read_whole():
    from kinerja.core.pindai import pindai

    for path in sorted(RENJA.parent.glob("*.xlsx")):
        raw = path.read_bytes()
        if raw[:4] == b"PK\x03\x04":  # (an .xls under an .xlsx name has its own limits: test_impor_format)
            pindai(raw, penuh=True)


def test_a_zip_of_a_future_version_is_a_damaged_file_not_a_program_error(tmp_path, craapk):
    # found by test_fuzz: the central directory asks for zip version 6.4, which zipfile refuses
    # with NotImplementedError while the archive is opened
    at = craapk.index(b"PK\x01\x02") + 6
    raw = craapk[:at] + bytes([64, 0]) + craapk[at + 2:]
    _satu(_formulir(tmp_path, raw), "V01", "", "", "arsip zip tidak utuh")


@pytest.mark.parametrize("bagian, sebelum", [("xl/styles.xml", "<fonts"), ("docProps/core.xml", "</cp:coreProperties>")])
def test_a_huge_part_other_than_a_sheet_is_refused_while_it_streams(tmp_path, craapk, bagian, sebelum):
    """Found by an independent tester: 190 MB of XML comment in styles.xml (under the 200 MB
    total) loaded the CRAAPK at 551 MB. Every part other than the sheets and shared strings has
    its own limit, counted while it streams."""
    import io
    import zipfile

    src, buf = zipfile.ZipFile(io.BytesIO(craapk)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == bagian:
                text = data.decode("utf-8")
                assert sebelum in text
                data = text.replace(sebelum, "<!--" + "x" * (21 * 1024 * 1024) + "-->" + sebelum, 1).encode()
            out.writestr(info.filename, data)
    galat = _formulir(tmp_path, buf.getvalue())
    _satu(galat, "V48", "", "", f"bagian {bagian} berisi lebih dari 20 MB")
