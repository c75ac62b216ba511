"""Benchmark (c): a province in one store, the batch on a 2-worker Dask LocalCluster
against the local batch (2 processes), at two sizes of the same province.

A province of ``--kabupaten`` kabupaten is generated (``kinerja sample --kabupaten N``) and
loaded into one SQLite store (ingest is timed and reported: per workbook and the store's
size per kabupaten, the figures the README's estimate for 514 kabupaten/kota rests on).
Then, for the first ``--kecil`` kabupaten and for all of them, the same documents are built
by the local batch and by ``--scheduler local`` (a LocalCluster of 2 single-threaded
workers), in that order, in the same run. Printed: documents, seconds, documents per
second, the Dask/local throughput ratio (goal: within 15 %) and seconds per document at
both sizes (linear: about equal).

Run: ``python benchmarks/bench_provinsi.py [--kabupaten 10] [--kecil 2] [--dokumen …] [--pdf]``.
The full default (10 kabupaten, ~2.100 documents per run, four runs, without PDF) takes
about an hour on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from kinerja.run import batch
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.contoh.kabupaten import buat_sampel
from kinerja.store.store import Store
from kinerja.core.wilayah import daftar_kabupaten

DOKUMEN = ["rkt", "pk", "raapk", "craapk", "lkjip"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark: provinsi, Dask LocalCluster vs batch lokal")
    parser.add_argument("--kabupaten", type=int, default=10)
    parser.add_argument("--kecil", type=int, default=2, help="ukuran kecil untuk uji linear (kabupaten)")
    parser.add_argument("--dokumen", nargs="+", default=DOKUMEN)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pdf", action="store_true", help="cetak PDF juga (dua kali lebih lama)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        buat_sampel(work / "sampel", tahun=2026, bulan=9, kabupaten=args.kabupaten)
        t_sample = time.perf_counter() - start
        db = work / "provinsi.sqlite"
        store = Store(f"sqlite:///{db}")
        files = urutkan(sorted((work / "sampel").rglob("*.xlsx")))
        start = time.perf_counter()
        bad = sum(muat_berkas(p, store, work / "arsip").status == "ditolak" for p in files)
        t_ingest = time.perf_counter() - start
        assert not bad, f"{bad} berkas ditolak"
        size = os.path.getsize(db) + sum(p.stat().st_size for p in (work / "arsip").rglob("*") if p.is_file())
        kab = daftar_kabupaten(store.current("unit"))["kode"].tolist()
        store.engine.dispose()
        print(f"provinsi {args.kabupaten} kabupaten: {len(files)} workbook ditulis dalam {t_sample:.1f} s, dimuat dalam "
              f"{t_ingest:.1f} s ({t_ingest / len(files) * 1000:.0f} ms/workbook); basis data {os.path.getsize(db) / 2**20:.0f} MiB "
              f"+ arsip = {size / 2**20:.0f} MiB ({size / 2**20 / args.kabupaten:.0f} MiB per kabupaten)")
        rows = []
        for n in sorted({min(args.kecil, len(kab)), len(kab)}):
            for scheduler in (None, "local"):
                out = work / f"keluaran-{n}-{scheduler or 'lokal'}"
                start = time.perf_counter()
                manifest = batch.jalankan_batch(2026, 9, dokumen=args.dokumen, jobs=args.jobs, db=f"sqlite:///{db}",
                                                keluaran=out, progress=False, pdf=args.pdf, kabupaten=kab[:n],
                                                scheduler=scheduler)
                elapsed = time.perf_counter() - start
                failed = [t for t in manifest["tugas"] if t["status"] != "berhasil"]
                assert not failed, failed[:3]
                docs = len(manifest["tugas"])
                rows.append((n, scheduler or "lokal", docs, elapsed))
                print(f"  {n:2d} kabupaten, {'Dask LocalCluster' if scheduler else 'batch lokal      '}: {docs:5d} dokumen "
                      f"dalam {elapsed:7.1f} s = {docs / elapsed:5.2f} dok/s ({elapsed / docs:.3f} s/dok)", flush=True)
    by = {(n, s): (d, t) for n, s, d, t in rows}
    for n in sorted({r[0] for r in rows}):
        (d, t_l), (_, t_d) = by[(n, "lokal")], by[(n, "local")]
        print(f"{n} kabupaten: throughput Dask / lokal = {t_l / t_d:.3f} (target: 0,85–1,15)")
    small, big = min(r[0] for r in rows), max(r[0] for r in rows)
    for s in ("lokal", "local"):
        (d1, t1), (d2, t2) = by[(small, s)], by[(big, s)]
        print(f"linear ({s}): {d2 / d1:.2f}x dokumen -> {t2 / t1:.2f}x waktu; s/dok {t1 / d1:.3f} -> {t2 / d2:.3f}")


if __name__ == "__main__":
    main()
