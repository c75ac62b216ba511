"""Broken and hostile workbooks of this suite's own design (not the sample's faulty set).

Each case starts from a workbook of the sample (Dinas Kesehatan, March), breaks it one way,
and must be rejected with its rule at its sheet and cell, in Bahasa Indonesia, with no
Python class name or traceback in the message, and with the store unchanged. A few cases
are valid files that must load (a sheet without a <dimension>), and a few must load with a
warning at the cell (values an order of magnitude off their plan).
"""

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import load_workbook

from conftest import TAHUN, counts
from kinerja.formulir.ingest import muat_berkas

KINERJA = str(Path(sys.executable).parent / "kinerja")
CRAAPK, RAAPK, PK = f"dinkes/CRAAPK_{TAHUN}-03.xlsx", f"dinkes/RAAPK_{TAHUN}.xlsx", f"dinkes/PK_{TAHUN}.xlsx"
RENSTRA, UNIT, PEJABAT = "dinkes/RENSTRA_2025-2029.xlsx", "00_daftar_unit.xlsx", f"dinkes-kesmas/PK_{TAHUN}.xlsx"
INGGRIS = re.compile(r"Error\b|Exception|Traceback|BadZip|KeyError|ValueError|\bNone\b|\bnan\b")


@dataclass(frozen=True)
class Kasus:
    nama: str
    dasar: str
    ubah: Callable  # (workbook) -> None, or (bytes) -> bytes when ``biner``
    kode: str
    lembar: str = ""
    sel: str = ""
    biner: bool = False
    hasil: str = "ditolak"  # or "dimuat" (a valid file, or one loaded with a warning)
    kata: str = ""  # a phrase the message must contain


def _set(sheet: str, cell: str, value):
    def ubah(wb):
        wb[sheet][cell] = value
    return ubah


def _zip(transform_sheet: Callable[[str], str]):
    """Rewrite every worksheet's XML of a workbook with ``transform_sheet``."""
    def ubah(raw: bytes) -> bytes:
        src = zipfile.ZipFile(io.BytesIO(raw))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename.startswith("xl/worksheets/sheet") and item.filename.endswith(".xml"):
                    data = transform_sheet(data.decode("utf-8")).encode("utf-8")
                z.writestr(item, data)
        return out.getvalue()
    return ubah


def _copy_sheet(wb):
    wb.copy_worksheet(wb["CRAAPK"]).title = "CRAAPK kedua"


def _blank_row_cell(sheet: str, cell: str):
    return _set(sheet, cell, None)


def _huge_file(raw: bytes) -> bytes:
    out = io.BytesIO(raw)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        z.writestr("xl/media/lampiran.bin", b"\0" * (21 * 1024 * 1024))
    return out.getvalue()


def _formula(sheet: str, cell: str, formula: str):
    def ubah(wb):
        wb[sheet][cell] = formula  # openpyxl writes a formula with no stored value, as a script would
    return ubah


def _error_value(sheet: str, cell: str, code: str):
    def ubah(wb):
        wb[sheet][cell] = code
        wb[sheet][cell].data_type = "e"
    return ubah


def _insert_column(wb):
    wb["CRAAPK"].insert_cols(8)


def _extra_number(wb):
    wb["CRAAPK"]["S10"] = "(19)"


def _unit_row(values):
    def ubah(wb):
        ws = wb["Unit"]
        r = ws.max_row + 1
        for j, v in enumerate(values, start=1):
            ws.cell(r, j, v)
    return ubah


KASUS: tuple[Kasus, ...] = (
    # --- files that cannot be read ----------------------------------------------------------
    Kasus("xml-lembar-terpotong", CRAAPK, _zip(lambda x: x[: len(x) // 2]), "V01", "CRAAPK", "baris 22",
          kata="terpotong", biner=True),
    Kasus("berkas-xls-lama", CRAAPK, lambda raw: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "V01",
          kata=".xls", biner=True),
    Kasus("sampah-biner", CRAAPK, lambda raw: bytes(range(256)) * 64, "V01", kata="bukan berkas Excel", biner=True),
    Kasus("zip-terpotong", CRAAPK, lambda raw: raw[: len(raw) // 2], "V01", kata="simpan ulang", biner=True),
    Kasus("berkas-kosong", CRAAPK, lambda raw: b"", "V01", biner=True),
    Kasus("berkas-terlalu-besar", CRAAPK, _huge_file, "V48", kata="MB", biner=True),
    Kasus("isi-raksasa-terkompresi", CRAAPK, _zip(lambda x: x.replace("</worksheet>", "<!--" + "x" * 210_000_000
                                                                   + "--></worksheet>")), "V48", kata="setelah dibuka",
          biner=True),
    Kasus("xml-rusak-di-tengah", CRAAPK, _zip(lambda x: x.replace("<sheetData>", "<sheetData><row r=\"1\"><c", 1)),
          "V01", "CRAAPK", biner=True),
    # --- valid variants that must load ------------------------------------------------------
    Kasus("tanpa-elemen-dimension", CRAAPK, _zip(lambda x: re.sub(r"<dimension[^>]*/>", "", x)), "", biner=True,
          hasil="dimuat"),
    Kasus("dimension-salah", CRAAPK, _zip(lambda x: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:B2"', x)),
          "", biner=True, hasil="dimuat"),
    # --- identity cells -------------------------------------------------------------------
    Kasus("bulan-superskrip", CRAAPK, _set("CRAAPK", "B6", "³"), "V07", "CRAAPK", "B6"),
    Kasus("bulan-13", CRAAPK, _set("CRAAPK", "B6", 13), "V07", "CRAAPK", "B6"),
    Kasus("tahun-inf", CRAAPK, _set("CRAAPK", "B5", "inf"), "V06", "CRAAPK", "B5"),
    Kasus("tahun-pecahan", CRAAPK, _set("CRAAPK", "B5", 2026.5), "V06", "CRAAPK", "B5"),
    Kasus("tahun-angka-arab-timur", CRAAPK, _set("CRAAPK", "B5", "٢٠٢٦"), "V06", "CRAAPK", "B5"),
    Kasus("tahun-1e9", CRAAPK, _set("CRAAPK", "B5", 1e9), "V06", "CRAAPK", "B5"),
    Kasus("kode-unit-kosong", CRAAPK, _set("CRAAPK", "B4", None), "V03", "CRAAPK", "B4"),
    Kasus("unit-tidak-dikenal", CRAAPK, _set("CRAAPK", "B4", "dinas-antah"), "V04", "CRAAPK", "B4"),
    Kasus("unit-tingkat-lain", CRAAPK, _set("CRAAPK", "B4", "nusa-rekaan"), "V05", "CRAAPK", "B4"),
    Kasus("kode-formulir-hilang", CRAAPK, _set("CRAAPK", "B3", None), "V02"),
    # --- cells ------------------------------------------------------------------------------
    Kasus("realisasi-anggaran-1e309", CRAAPK, _set("CRAAPK", "O11", "1e309"), "V14", "CRAAPK", "O11"),
    Kasus("realisasi-anggaran-angka-raksasa", CRAAPK, _set("CRAAPK", "O11", 1e20), "V14", "CRAAPK", "O11"),
    Kasus("realisasi-400-digit", CRAAPK, _set("CRAAPK", "H11", "9" * 400), "V13", "CRAAPK", "H11"),
    Kasus("realisasi-dua-titik-desimal", CRAAPK, _set("CRAAPK", "H12", "12.5.3"), "V13", "CRAAPK", "H12"),
    Kasus("nilai-galat-excel", CRAAPK, _error_value("CRAAPK", "H11", "#N/A"), "V43", "CRAAPK", "H11"),
    Kasus("nilai-galat-ref", CRAAPK, _error_value("CRAAPK", "O12", "#REF!"), "V43", "CRAAPK", "O12"),
    Kasus("rumus-tanpa-nilai", CRAAPK, _formula("CRAAPK", "H11", "=8+1"), "V42", "CRAAPK", "H11", kata="simpan"),
    Kasus("rumus-anggaran-tanpa-nilai", CRAAPK, _formula("CRAAPK", "O11", "=SUM(N11:N12)"), "V42", "CRAAPK", "O11"),
    Kasus("sel-40-ribu-karakter", CRAAPK, _set("CRAAPK", "J11", "x" * 40_000), "V44", "CRAAPK", "J11"),
    Kasus("nama-indikator-100-ribu", CRAAPK, _set("CRAAPK", "C11", "y" * 100_000), "V30", "CRAAPK", "C11",
          kata="karakter"),
    Kasus("target-bulanan-huruf-o", RAAPK, _set("RAAPK", "G13", "1O"), "V12", "RAAPK", "G13"),
    Kasus("pagu-negatif", RAAPK, _set("RAAPK", "I11", -5_000_000), "V15", "RAAPK", "I11"),
    Kasus("polaritas-tidak-dikenal", PEJABAT, _set("PK", "F11", "ke atas"), "V21", "PK", "F11"),
    Kasus("tahun-realisasi-renstra", RENSTRA, _set("Realisasi Tahun Lalu", "C11", "20x5"), "V26",
          "Realisasi Tahun Lalu", "C11"),
    Kasus("kode-unit-kembar", UNIT, _unit_row([99, "dinkes", "Dinas Kesehatan Lagi", "perangkat_daerah",
                                               "nusa-rekaan", "Kepala"]), "V16", "Unit"),
    Kasus("jenis-unit-tidak-dikenal", UNIT, _unit_row([99, "dinas-baru", "Dinas Baru", "dinas", "nusa-rekaan",
                                                       "Kepala"]), "V18", "Unit"),
    # --- structure --------------------------------------------------------------------------
    Kasus("dua-formulir-satu-workbook", CRAAPK, _copy_sheet, "V45", "CRAAPK kedua", "B3"),
    Kasus("craapk-berlabel-raapk", CRAAPK, _set("CRAAPK", "B3", "RAAPK-PD"), "V46", "CRAAPK", "B3", kata="CRAAPK-PD"),
    Kasus("raapk-berlabel-craapk", RAAPK, _set("RAAPK", "B3", "CRAAPK-PD"), "V46", "RAAPK", "B3", kata="RAAPK-PD"),
    Kasus("kolom-disisipkan", CRAAPK, _insert_column, "V08", "CRAAPK", "H10"),
    Kasus("kolom-bernomor-tambahan", CRAAPK, _extra_number, "V08", "CRAAPK", "S10"),
    Kasus("satuan-kosong-baris-pertama", RAAPK, _blank_row_cell("RAAPK", "D11"), "V10", "RAAPK", "D11"),
    Kasus("program-kosong-baris-pertama", RAAPK, _blank_row_cell("RAAPK", "H11"), "V10", "RAAPK", "H11"),
    Kasus("pagu-kosong-baris-pertama", RAAPK, _blank_row_cell("RAAPK", "I11"), "V10", "RAAPK", "I11"),
    Kasus("target-tahunan-kosong-baris-pertama", RAAPK, _blank_row_cell("RAAPK", "E11"), "V10", "RAAPK", "E11"),
    Kasus("program-kosong-craapk", CRAAPK, _blank_row_cell("CRAAPK", "K11"), "V10", "CRAAPK", "K11"),
    Kasus("indikator-kosong-craapk", CRAAPK, _blank_row_cell("CRAAPK", "C11"), "V10", "CRAAPK", "C11"),
    Kasus("program-lampiran-pk-kosong", PK, _blank_row_cell("Program", "A11"), "V10", "Program", "A11"),
    # --- loaded, with a warning at the cell ---------------------------------------------------
    Kasus("realisasi-seratus-kali-target", CRAAPK, _set("CRAAPK", "H13", "100"), "V47", "CRAAPK", "H13",
          hasil="dimuat"),
    Kasus("realisasi-anggaran-dalam-ribuan", CRAAPK, _set("CRAAPK", "O13", 1_000), "V47", "CRAAPK", "O13",
          hasil="dimuat"),
)


def _build(sampel: Path, kasus: Kasus, folder: Path) -> Path:
    source = sampel / kasus.dasar
    target = folder / f"{kasus.nama}.xlsx"
    if kasus.biner:
        target.write_bytes(kasus.ubah(source.read_bytes()))
    else:
        wb = load_workbook(source)
        kasus.ubah(wb)
        wb.save(target)
    return target


def test_the_suite_is_large_and_each_case_is_distinct():
    faults = [k for k in KASUS if k.hasil == "ditolak"]
    assert len(faults) >= 40 and len({k.nama for k in KASUS}) == len(KASUS)


@pytest.mark.parametrize("kasus", KASUS, ids=[k.nama for k in KASUS])
def test_each_broken_workbook_is_handled_at_its_cell(kasus, sampel, store, tmp_path):
    path = _build(sampel, kasus, tmp_path)
    before = counts(store)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    messages = [str(m) for m in hasil.masalah]
    assert hasil.status == kasus.hasil, messages
    if kasus.hasil == "ditolak":
        assert counts(store) == before  # nothing half-loaded
    if kasus.kode:
        hits = [m for m in hasil.masalah if m.kode == kasus.kode and m.lembar == kasus.lembar
                and (not kasus.sel or m.sel == kasus.sel)]
        assert hits, messages
        text = str(hits[0])
        assert text.startswith(path.name) and kasus.kata in text, text
        if kasus.sel:
            assert f"sel {kasus.sel}" in text
    for text in messages:
        assert not INGGRIS.search(text), text  # Indonesian, no class names, no "nan"
        assert len(text) < 700, text[:200]  # long values are shortened


def test_a_folder_goes_on_past_every_bad_file_and_ends_with_its_summary(sampel, dasar, tmp_path):
    import shutil

    folder = tmp_path / "masuk"
    folder.mkdir()
    for kasus in KASUS[:12]:
        _build(sampel, kasus, folder)
    shutil.copy(sampel / "dinkes" / f"CRAAPK_{TAHUN}-01.xlsx", folder / "zz_baik.xlsx")
    db = tmp_path / "k.sqlite"
    shutil.copy(dasar, db)
    res = subprocess.run([KINERJA, "ingest", str(folder), "--db", f"sqlite:///{db}"], capture_output=True, text=True)
    assert res.returncode == 1  # something was rejected
    assert "Traceback" not in res.stdout + res.stderr
    summary = res.stderr.strip().splitlines()[-1]
    assert summary.startswith("13 berkas:") and "ditolak" in summary, summary
    assert "zz_baik.xlsx" in res.stdout  # the good file after the bad ones was read
