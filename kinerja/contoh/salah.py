"""The faulty set: workbooks of the sample, each with one known mistake, and the rule that
must reject it (``kinerja sample --salah``, the ingest tests, ``make run``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from kinerja.core.berkas import netralkan_rumus

__all__ = ["KESALAHAN", "Kesalahan", "buat_sampel_salah"]


@dataclass(frozen=True)
class Kesalahan:
    """One deliberate mistake: start from ``dasar`` (a file of the sample), change ``sel`` of
    sheet ``lembar`` to ``nilai``; ingest must reject it with rule ``kode`` at that cell
    (``lokasi`` when the reported cell differs from the edited one)."""

    nama: str
    dasar: str
    lembar: str
    sel: str
    nilai: object
    kode: str
    lokasi: str | None = None
    peringatan: bool = False


KESALAHAN: tuple[Kesalahan, ...] = (
    Kesalahan("realisasi-bukan-angka", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "H12", "12,5a", "V13"),
    Kesalahan("target-bulanan-bukan-angka", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "G13", "sepuluh", "V12"),
    Kesalahan("realisasi-anggaran-bukan-angka", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "O11", "Rp lima juta", "V14"),
    Kesalahan("realisasi-anggaran-negatif", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "O12", -2500000, "V15"),
    Kesalahan("pagu-rentang", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "I11", "1–2 miliar", "V14"),
    Kesalahan("kode-formulir-hilang", "dinkes/PK_{t}.xlsx", "PK", "B3", None, "V02", lokasi=""),
    Kesalahan("kode-unit-kosong", "dinkes/PK_{t}.xlsx", "PK", "B4", None, "V03"),
    Kesalahan("unit-tidak-dikenal", "dinkes/PK_{t}.xlsx", "PK", "B4", "dinas-kesehatan", "V04"),
    Kesalahan("unit-beda-tingkat", "dinkes/PK_{t}.xlsx", "PK", "B4", "nusa-rekaan", "V05"),
    Kesalahan("tahun-bukan-tahun", "dinkes/PK_{t}.xlsx", "PK", "B5", "dua ribu", "V06"),
    Kesalahan("bulan-laporan-salah", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "B6", "Maretan", "V07"),
    Kesalahan("kolom-bergeser", "dinkes/PK_{t}.xlsx", "PK", "D10", "(5)", "V08"),
    Kesalahan("indikator-kosong", "dinkes/PK_{t}.xlsx", "PK", "C12", None, "V10"),
    Kesalahan("indikator-kembar", "dinkes/PK_{t}.xlsx", "PK", "C12", "Angka kematian ibu", "V11"),
    Kesalahan("target-pk-bukan-angka", "dinkes/PK_{t}.xlsx", "PK", "E11", "enam", "V12"),
    Kesalahan("polaritas-salah", "dinkes/RENSTRA_{a}-{b}.xlsx", "RENSTRA", "F11", "naik turun", "V21"),
    Kesalahan("agregasi-salah", "dinkes/RENSTRA_{a}-{b}.xlsx", "RENSTRA", "G12", "median", "V22"),
    Kesalahan("iku-salah", "dinkes/RENSTRA_{a}-{b}.xlsx", "RENSTRA", "H11", "mungkin", "V23"),
    Kesalahan("realisasi-lalu-indikator-asing", "dinkes/RENSTRA_{a}-{b}.xlsx", "Realisasi Tahun Lalu", "B11",
              "Indikator yang tidak ada", "V25"),
    Kesalahan("realisasi-lalu-tahun-salah", "dinkes/RENSTRA_{a}-{b}.xlsx", "Realisasi Tahun Lalu", "C12", "kemarin", "V26"),
    Kesalahan("pk-indikator-di-luar-renstra", "dinkes/PK_{t}.xlsx", "PK", "C13", "Indikator baru tanpa Renstra", "V27"),
    Kesalahan("bulan-tertukar", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "F13", "APRIL", "V29"),
    Kesalahan("craapk-indikator-di-luar-pk", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "C23", "Indikator di luar PK", "V30"),
    Kesalahan("target-tahunan-beda-dari-pk", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "E11", "99", "V31"),
    Kesalahan("jumlah-bulanan-tidak-sama-tahunan", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "G14", "5", "V32", lokasi="G11"),
    Kesalahan("realisasi-setelah-bulan-laporan", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "H16", "1", "V34"),
    Kesalahan("realisasi-negatif-indikator-hitung", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "H12", "-2", "V35"),
    Kesalahan("target-bulanan-negatif-indikator-hitung", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "G12", "-1", "V35"),
    Kesalahan("pagu-program-berbeda", "dinkes/RAAPK_{t}.xlsx", "RAAPK", "I35", 123456789, "V37"),
    Kesalahan("target-bulanan-beda-dari-raapk", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "G12", "9", "V38"),
    Kesalahan("realisasi-berupa-rentang", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "H23", "18–19", "V40"),
    Kesalahan("rasio-tanpa-pembilang", "dinkes/CRAAPK_{t}-03.xlsx", "CRAAPK", "H36", "91,5", "V41"),
    Kesalahan("unit-kode-huruf-besar", "00_daftar_unit.xlsx", "Unit", "B12", "DINKES BARU", "V17"),
    Kesalahan("unit-kode-kembar", "00_daftar_unit.xlsx", "Unit", "B13", "dinkes", "V16"),
    Kesalahan("unit-jenis-salah", "00_daftar_unit.xlsx", "Unit", "D12", "dinas", "V18"),
    Kesalahan("unit-induk-asing", "00_daftar_unit.xlsx", "Unit", "E12", "dinas-hilang", "V19"),
    Kesalahan("unit-dua-kabupaten", "00_daftar_unit.xlsx", "Unit", "D12", "kabupaten", "V20", lokasi=""),
)


def buat_sampel_salah(sample: str | Path, folder: str | Path, tahun: int = 2026) -> list[tuple[Kesalahan, Path]]:
    """Write one faulty workbook per :data:`KESALAHAN`, derived from the sample in ``sample``."""
    sample, folder = Path(sample), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, k in enumerate(KESALAHAN, start=1):
        source = sample / k.dasar.format(t=tahun, a=tahun - 1, b=tahun + 3)
        wb = load_workbook(source)
        wb[k.lembar][k.sel] = k.nilai
        target = folder / f"{i:02d}_{k.nama}.xlsx"
        netralkan_rumus(wb)  # like every workbook kinerja writes: text is never a formula
        wb.save(target)
        out.append((k, target))
    return out
