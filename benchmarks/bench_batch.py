"""Benchmark: `kinerja batch` against the loop a user would write, over the same documents.

Baseline: a shell loop that, per unit, runs the ``papermill`` CLI then
``jupyter nbconvert --to html --no-input``. Both run in the same session on the sample
kabupaten's CRAAPK for the same units (the sample store is built first and not timed).
Prints wall time per document for each and their ratio. Goal (issue 4): batch at least
10x faster than the loop, with fresh kernels.

Run: ``make bench`` or ``python benchmarks/bench_batch.py [--units N] [--jobs J]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kinerja import batch, contoh


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark batch vs papermill + nbconvert loop")
    parser.add_argument("--units", type=int, default=10, help="how many perangkat daerah (the same for both)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    tahun, bulan = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
    store = contoh.store_contoh(tahun, bulan)
    units = store.current("unit")
    codes = sorted(units.loc[units["jenis"] == "perangkat_daerah", "kode"])[: args.units]
    bindir = Path(sys.executable).parent
    notebook = batch.NOTEBOOKS / "craapk_perangkat_daerah.ipynb"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        manifest = batch.jalankan_batch(tahun, bulan, codes, ["craapk"], jobs=args.jobs, keluaran=out / "batch",
                                        progress=False)
        t_batch = time.perf_counter() - start
        assert all(t["status"] == "berhasil" for t in manifest["tugas"]), manifest
        loop = out / "loop"
        loop.mkdir()
        script = "\n".join(
            f'"{bindir}/papermill" --no-progress-bar "{notebook}" "{loop}/{u}.ipynb" -p unit {u} -p tahun {tahun} -p bulan {bulan} '
            f'--cwd "{batch.NOTEBOOKS}" 2>/dev/null && "{bindir}/jupyter" nbconvert --to html --no-input '
            f'"{loop}/{u}.ipynb" --log-level ERROR'
            for u in codes)
        start = time.perf_counter()
        subprocess.run(["bash", "-e", "-c", script], check=True)
        t_loop = time.perf_counter() - start
    n = len(codes)
    print(f"{n} dokumen CRAAPK perangkat daerah, {args.jobs} proses")
    print(f"  kinerja batch        : {t_batch:7.1f} s  ({t_batch / n:.2f} s/dokumen)")
    print(f"  loop papermill+nbconvert: {t_loop:7.1f} s  ({t_loop / n:.2f} s/dokumen)")
    print(f"  rasio loop/batch     : {t_loop / t_batch:7.2f}x   (target: >= 10x)")


if __name__ == "__main__":
    main()
