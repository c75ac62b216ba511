"""Benchmark (d): concurrent ingest into one PostgreSQL store, 2 and 4 processes against 1.

A throwaway PostgreSQL server is started as the tests start theirs (Debian's binaries, a
Unix socket in a temporary folder; ``make test`` installs the package). The sample
kabupaten is generated once. For 1, 2 and 4 processes, a fresh database gets the Daftar
Unit (not timed), then the processes load the units' workbooks at once, each its share of
the units (as clerks of different perangkat daerah would), through the real path
(``kinerja.formulir.ingest.muat_berkas``: read, validate against the store, archive, load under
the store's lock). Printed: seconds, workbooks per second, speed-up against one process,
and a check that every run leaves the same rows in the store.

Run: ``python benchmarks/bench_ingest_pg.py [--proses 1 2 4] [--bulan 9]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from postgres import Server  # noqa: E402 - the tests' throwaway server

from kinerja.formulir.ingest import muat_berkas, urutkan  # noqa: E402
from kinerja.contoh.kabupaten import buat_sampel  # noqa: E402
from kinerja.store.store import Store  # noqa: E402


def _muat(args: tuple[str, list[str], str]) -> int:
    url, files, arsip = args
    store = Store(url)
    bad = sum(muat_berkas(Path(p), store, arsip).status == "ditolak" for p in files)
    store.engine.dispose()
    return bad


def _isi(url: str) -> tuple:
    store = Store(url)
    out = tuple(len(store.history(t)) for t in ("unit", "indikator", "target", "realisasi", "anggaran"))
    out += (len(store.submissions()),)
    store.engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark: ingest serentak ke PostgreSQL")
    parser.add_argument("--proses", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--bulan", type=int, default=9)
    args = parser.parse_args()
    server = Server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            buat_sampel(work / "sampel", tahun=2026, bulan=args.bulan)
            files = urutkan(sorted((work / "sampel").rglob("*.xlsx")))
            daftar = [p for p in files if p.name == "00_daftar_unit.xlsx"]
            # Each unit's files stay together and in dependency order (RENSTRA before PK before CRAAPK).
            per_unit: dict[str, list[str]] = {}
            for p in files:
                if p not in daftar:
                    per_unit.setdefault(p.parent.name, []).append(str(p))
            units = sorted(per_unit)
            n_files = sum(len(v) for v in per_unit.values())
            results = {}
            ctx = multiprocessing.get_context("spawn")
            for n in args.proses:
                url = server.database()
                assert _muat((url, [str(p) for p in daftar], str(work / f"arsip-{n}"))) == 0
                # The kabupaten's own files first (perangkat daerah Renstra refer to its RPJMD).
                kab = [u for u in units if u == "nusa-rekaan"]
                assert _muat((url, [f for u in kab for f in per_unit[u]], str(work / f"arsip-{n}"))) == 0
                rest = [u for u in units if u not in kab]
                shares = [[f for u in rest[i::n] for f in per_unit[u]] for i in range(n)]
                with ctx.Pool(n) as pool:
                    pool.map(_muat, [(url, [], str(work / f"arsip-{n}"))] * n)  # start-up not timed
                    start = time.perf_counter()
                    bad = sum(pool.map(_muat, [(url, s, str(work / f"arsip-{n}")) for s in shares]))
                    elapsed = time.perf_counter() - start
                assert bad == 0, f"{bad} ditolak"
                timed = sum(len(s) for s in shares)
                results[n] = (elapsed, timed, _isi(url))
                print(f"  {n} proses: {timed} workbook dalam {elapsed:6.1f} s = {timed / elapsed:5.1f} workbook/s",
                      flush=True)
    finally:
        server.stop()
    base = results[min(results)]
    for n, (elapsed, timed, isi) in sorted(results.items()):
        same = "sama" if isi == base[2] else f"BEDA {isi} vs {base[2]}"
        print(f"{n} proses: percepatan {base[0] / elapsed:.2f}x terhadap 1 proses; isi basis data {same}")
    print(f"({n_files + len(daftar)} workbook contoh; PostgreSQL sementara)")


if __name__ == "__main__":
    main()
