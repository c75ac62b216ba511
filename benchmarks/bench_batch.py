"""Benchmarks (a) and (b): `kinerja batch` against what a competent user would write, over
the same documents, PDF included on both sides; and the batch's time per document with
and without PDF.

Baseline (a): a pool of as many processes as the batch uses (``--jobs``), each document
through papermill's Python API (``papermill.execute_notebook``, a kernel per document as
papermill does), nbconvert's API (``HTMLExporter`` without input cells) and one headless
chromium started per PDF (``--print-to-pdf``). The batch builds the same notebooks for the
same units with the same parameters, and more: its Word file and filled formulir, and a
page numbered and laid out for print. Both run in this session on the sample kabupaten
(its store is built first and not timed), batch first. Goals (issue 14): (a) the batch at
least 5× faster; (b) ≤ 0,25 s per document with PDF on the 2-core machine.

Run: ``make bench`` or ``python benchmarks/bench_batch.py [--units N] [--dokumen D ...] [--jobs J]``.
By default the first 10 units of the sample (their 49 documents of all seven types).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kinerja.run import batch
from kinerja.contoh import store as contoh

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer")


def _baseline(args: tuple[str, str, dict, str]) -> float:
    """One document as a user would script it: papermill, nbconvert, one chromium per PDF."""
    import papermill
    from nbconvert import HTMLExporter

    notebook, target, parameters, db = args
    os.environ["KINERJA_DB"] = db
    start = time.perf_counter()
    papermill.execute_notebook(notebook, target, parameters=parameters, progress_bar=False,
                               cwd=str(Path(notebook).parent))
    body, _ = HTMLExporter(exclude_input=True).from_filename(target)
    page = Path(target).with_suffix(".html")
    page.write_text(body, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([batch.chromium(), *_FLAGS, f"--user-data-dir={profile}",
                        f"--print-to-pdf={page.with_suffix('.pdf')}", page.as_uri()],
                       check=True, capture_output=True, timeout=300)
    assert page.with_suffix(".pdf").read_bytes()[:4] == b"%PDF"
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark: batch vs papermill + nbconvert + chromium per PDF")
    parser.add_argument("--units", type=int, default=10, help="the first N units (0: all)")
    parser.add_argument("--dokumen", nargs="+", default=None, help="documents (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    tahun, bulan = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
    store = contoh.store_contoh(tahun, bulan)
    db = store.url
    codes = sorted(store.current("unit")["kode"])
    codes = codes[: args.units] if args.units else codes
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        tasks = batch.rencana_batch(store, tahun, bulan, codes, args.dokumen, out / "rencana", db,
                                    "permendagri-86-2017")
        n = len(tasks)
        times = {}
        for label, pdf in (("pdf", True), ("tanpa_pdf", False)):
            start = time.perf_counter()
            manifest = batch.jalankan_batch(tahun, bulan, codes, args.dokumen, jobs=args.jobs, db=db,
                                            keluaran=out / f"batch-{label}", progress=False, pdf=pdf)
            times[label] = time.perf_counter() - start
            failed = [t for t in manifest["tugas"] if t["status"] != "berhasil"]
            assert not failed and len(manifest["tugas"]) == n, failed[:3]
        loop = out / "baseline"
        loop.mkdir()
        work = [(t.notebook, str(loop / f"{i:03d}-{t.unit}-{t.dokumen}.ipynb"),
                 {k: v for k, v in t.parameter.items() if k != "keluaran"} | {"keluaran": str(loop / f"{i:03d}")}, db)
                for i, t in enumerate(tasks)]
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(_baseline, work))
        t_base = time.perf_counter() - start
        assert len(list(loop.glob("*.pdf"))) == n
    print(f"{n} dokumen ({', '.join(sorted({t.dokumen for t in tasks}))}) dari {len(codes)} unit, {args.jobs} proses")
    print(f"  kinerja batch dengan PDF        : {times['pdf']:7.1f} s  ({times['pdf'] / n:.3f} s/dokumen; target <= 0,25)")
    print(f"  kinerja batch tanpa PDF         : {times['tanpa_pdf']:7.1f} s  ({times['tanpa_pdf'] / n:.3f} s/dokumen)")
    print(f"  papermill+nbconvert+chromium/PDF: {t_base:7.1f} s  ({t_base / n:.3f} s/dokumen)")
    print(f"  rasio pembanding/batch (PDF)    : {t_base / times['pdf']:7.2f}x   (target: >= 5x)")


if __name__ == "__main__":
    main()
