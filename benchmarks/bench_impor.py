"""Benchmark: reading a SIPD-RI realisasi export (one row per transaction) with ``kinerja impor``.

An export of a kabupaten's year runs to tens of thousands of transactions. The reader is
measured against the floor any reader pays on the same file in the same run: openpyxl's
streaming read of every cell plus one pandas groupby (no parsing of Indonesian money or
dates, no checks). The ratio is what counts on a shared machine; the goal is that
kinerja's checks and parsing add less than the reading itself (ratio below 2).
The real Renja evaluation (about 100 rows) is timed too.

Run: ``python benchmarks/bench_impor.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook

from kinerja.core.formatting import format_angka, format_rupiah
from kinerja.impor.jalankan import impor_berkas

HEAD = ["No", "Kode SKPD", "Nama SKPD", "Kode Program", "Nama Program", "Kode Kegiatan", "Nama Kegiatan",
        "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Rekening", "Nama Rekening", "Nomor Dokumen",
        "Tanggal Dokumen", "Keterangan", "Nilai Realisasi", "Nomor SP2D"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


def tulis(path: Path, rows: int, seed: int = 3) -> None:
    rng = np.random.default_rng(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Realisasi")
    ws.append(["LAPORAN REALISASI BELANJA TAHUN 2025"])
    ws.append(HEAD)
    skpd, prog, sub = rng.integers(0, 40, rows), rng.integers(0, 6, rows), rng.integers(0, 12, rows)
    day, month = rng.integers(1, 29, rows), rng.integers(0, 12, rows)
    money = rng.integers(10_000, 50_000_000, rows)
    for i in range(rows):
        s, p, k = skpd[i], prog[i], sub[i]
        value = f"{money[i]:,}".replace(",", ".") + ",00"
        ws.append([str(i + 1), f"1.{s:02d}", f"Dinas {s}", f"1.{s:02d}.{p:02d}", f"PROGRAM {p}", f"1.{s:02d}.{p:02d}.1",
                   f"Kegiatan {p}", f"1.{s:02d}.{p:02d}.1.{k:02d}", f"Sub kegiatan {k}", "5.1.02.01", "Belanja",
                   f"SPM-{i}", f"{day[i]} {BULAN[month[i]]} 2025", "-", value, f"SP2D-{i}"])
    wb.save(path)


def lantai(path: Path) -> float:
    """The floor: stream every cell, then one groupby of the raw values."""
    start = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(min_row=3, values_only=True))
    frame = pd.DataFrame(rows, columns=HEAD)
    frame.groupby(["Nama SKPD", "Nama Sub Kegiatan"])["Nilai Realisasi"].size()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "sipd.xlsx"
        tulis(path, args.rows)
        floor = min(lantai(path) for _ in range(2))
        start = time.perf_counter()
        out = impor_berkas(path, periksa=True)
        took = time.perf_counter() - start
        assert out.bacaan is not None and out.jenis == "sipd-realisasi", [str(m) for m in out.masalah]
        total = out.bacaan.tabel.query("tingkat == 'skpd'")["realisasi_anggaran"].sum()
    print(f"SIPD realisasi, {format_angka(args.rows, 0)} transaksi: kinerja impor {format_angka(took)} s "
          f"({format_angka(args.rows / took, 0)} transaksi/s); lantai (openpyxl streaming + groupby) "
          f"{format_angka(floor)} s; rasio {format_angka(took / floor)}× (sasaran < 2); jumlah {format_rupiah(total)}")
    real = Path(__file__).resolve().parent.parent / "tests" / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"
    start = time.perf_counter()
    out = impor_berkas(real, "evaluasi-renja", tahun=2025, periksa=True)
    print(f"Evaluasi Renja nyata ({out.bacaan.info['baris_data']} baris): {format_angka(time.perf_counter() - start)} s")


if __name__ == "__main__":
    main()
