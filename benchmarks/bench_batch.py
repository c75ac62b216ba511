"""Benchmark: `kinerja batch` against the loop a user would write, over the same documents.

Baseline: a shell loop that, per unit and document, runs the ``papermill`` CLI (a fresh
kernel each time) then ``jupyter nbconvert --to html --no-input``. The batch runs the same
notebooks for the same units with the same parameters (it also writes the .xlsx/.docx
files, which the loop does not; PDF printing is left out of both). Both run in this
session on the sample kabupaten (its store is built first and not timed). Prints wall time
per document for each and their ratio. Goal (issue 4): the batch at least 10x faster.

Run: ``make bench`` or ``python benchmarks/bench_batch.py [--units N] [--dokumen D ...] [--jobs J]``.
By default: the whole sample kabupaten, every document (211 documents; the loop takes
about a quarter of an hour).
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kinerja import batch, contoh


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark batch vs papermill + nbconvert loop")
    parser.add_argument("--units", type=int, default=0, help="only the first N units (0: all)")
    parser.add_argument("--dokumen", nargs="+", default=None, help="documents (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    tahun, bulan = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
    store = contoh.store_contoh(tahun, bulan)
    codes = sorted(store.current("unit")["kode"])
    codes = codes[: args.units] if args.units else None
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        tasks = batch.rencana_batch(store, tahun, bulan, codes, args.dokumen, out / "batch", "", "permendagri-86-2017")
        start = time.perf_counter()
        manifest = batch.jalankan_batch(tahun, bulan, codes, args.dokumen, jobs=args.jobs, keluaran=out / "batch",
                                        progress=False, pdf=False)
        t_batch = time.perf_counter() - start
        failed = [t for t in manifest["tugas"] if t["status"] != "berhasil"]
        assert not failed, failed
        loop = out / "loop"
        loop.mkdir()
        lines = []
        for i, t in enumerate(tasks):
            params = " ".join(f"-p {k} {shlex.quote(str(v))}" for k, v in t.parameter.items() if k in
                              ("unit", "tahun", "bulan"))
            target = loop / f"{i:03d}-{t.unit}-{t.dokumen}.ipynb"
            lines.append(f"{shlex.quote(str(bindir / 'papermill'))} --no-progress-bar "
                         f"{shlex.quote(str(batch.NOTEBOOKS / t.notebook))} {shlex.quote(str(target))} {params} "
                         f"--cwd {shlex.quote(str(batch.NOTEBOOKS))} 2>/dev/null && "
                         f"{shlex.quote(str(bindir / 'jupyter'))} nbconvert --to html --no-input "
                         f"{shlex.quote(str(target))} --log-level ERROR")
        start = time.perf_counter()
        subprocess.run(["bash", "-e", "-c", "\n".join(lines)], check=True)
        t_loop = time.perf_counter() - start
        assert len(list(loop.glob("*.html"))) == len(tasks)
    n = len(tasks)
    print(f"{n} dokumen ({', '.join(sorted({t.dokumen for t in tasks}))}), {args.jobs} proses")
    print(f"  kinerja batch           : {t_batch:7.1f} s  ({t_batch / n:.2f} s/dokumen)")
    print(f"  loop papermill+nbconvert: {t_loop:7.1f} s  ({t_loop / n:.2f} s/dokumen)")
    print(f"  rasio loop/batch        : {t_loop / t_batch:7.2f}x   (target: >= 10x)")


if __name__ == "__main__":
    main()
