"""Benchmark: ingest of the whole sample kabupaten and of one ten times larger.

Both are generated here (the larger one has ten times as many perangkat daerah, each
with the same documents), ingested into fresh SQLite stores through the real path
(``kinerja.formulir.ingest.muat_berkas``: read, validate against the store, archive, load), and
timed in the same run. Ingest should grow linearly with the data: the ratio of the two
times should stay near the ratio of their sizes (10), not above it.

Run: ``make bench`` or ``python benchmarks/bench_ingest.py [--skala 10] [--bulan 9]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.contoh.kabupaten import buat_sampel
from kinerja.store.store import Store


def ingest_all(folder: Path, work: Path) -> tuple[float, int, int]:
    store = Store(f"sqlite:///{work / 'k.sqlite'}")
    files = urutkan(sorted(folder.rglob("*.xlsx")))
    start = time.perf_counter()
    rejected = 0
    for path in files:
        rejected += muat_berkas(path, store, work / "arsip").status == "ditolak"
    elapsed = time.perf_counter() - start
    rows = sum(len(store.history(t)) for t in ("unit", "indikator", "target", "realisasi", "anggaran"))
    return elapsed, len(files), rows if not rejected else -rejected


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark ingest")
    parser.add_argument("--skala", type=int, default=10)
    parser.add_argument("--bulan", type=int, default=9)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for skala in (1, args.skala):
            folder, work = Path(tmp) / f"sampel{skala}", Path(tmp) / f"kerja{skala}"
            work.mkdir()
            t0 = time.perf_counter()
            buat_sampel(folder, bulan=args.bulan, skala=skala)
            made = time.perf_counter() - t0
            elapsed, n_files, rows = ingest_all(folder, work)
            if rows < 0:
                raise SystemExit(f"{-rows} berkas ditolak pada skala {skala}: sampel harus bersih")
            results[skala] = (elapsed, n_files, rows)
            print(f"skala {skala:>2}: {n_files:,} berkas, {rows:,} baris dimuat, ingest {elapsed:7.1f} s "
                  f"({elapsed / n_files * 1000:.0f} ms/berkas); pembuatan sampel {made:.1f} s")
    (t1, f1, r1), (tn, fn, rn) = results[1], results[args.skala]
    print(f"rasio waktu {tn / t1:.2f}x untuk {fn / f1:.2f}x berkas dan {rn / r1:.2f}x baris "
          f"(linear bila rasio waktu ≈ rasio ukuran)")


if __name__ == "__main__":
    main()
