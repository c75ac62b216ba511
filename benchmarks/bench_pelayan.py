"""Benchmark: does the pages' server give memory back when pages are closed?

Starts ``kinerja serve`` as shipped (one pre-executed kernel per page) on the sample
kabupaten, then opens ``--kunjungan`` page visits in a real browser (Debian's chromium via
playwright), ``--serentak`` at a time, each waiting for its widgets, and closes them as a
reader closes a tab (the page's ``beforeunload`` runs). Prints the RSS of ``kinerja serve``
with every process below it (the Voila server and all kernels) before the first visit, at the
peak, and after the last page was closed, with the number of kernels each time; and the
server's start-up: seconds from starting ``kinerja serve`` to the home page's full answer, and
to the pool filled (every page's pre-started kernel has run its notebook: Voila's "Kernel pool
of … is filled" for each page in the server's log).
Goal (issue 25): after ≈ before; before the fix every visit left its kernel running (~23
kernels, 5,4 GB after 22 visits) until culled after 15 idle minutes.

Run: ``python benchmarks/bench_pelayan.py [--kunjungan 40] [--serentak 5] [--db URL]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
TOKEN = "uji-bench-pelayan-0123456789"
# Each page and what shows its widgets are ready.
HALAMAN = ("peringkat", "ringkasan_kabupaten", "perangkat_daerah", "tren")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, log: Path) -> tuple[subprocess.Popen, str, float]:
    """The server, its address, and the seconds until its home page was answered in full."""
    port = _port()
    mulai = time.perf_counter()
    # Closed pages' kernels end after the grace (kinerja serve --tenggang-tutup): until then they count
    # towards the cap of 8 pages per client, and the next round of visits would see the cap's message.
    with open(log, "w") as out:
        proc = subprocess.Popen([KINERJA, "serve", "--port", str(port), "--db", db, "--batas-halaman-klien", "60",
                                 "--batas-halaman", "80"], stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, env={**os.environ, "KINERJA_TOKEN": TOKEN})
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{base}/?token={TOKEN}", timeout=300) as r:  # "/" → the home page
                r.read()
            return proc, base, time.perf_counter() - mulai
        except OSError:
            time.sleep(0.2)
    raise SystemExit("kinerja serve did not start")


def _kolam_penuh(log: Path, halaman: int, mulai: float, detik: float = 300) -> float:
    """Seconds from ``mulai`` until every one of ``halaman`` pages' pool is filled (per the log)."""
    while time.perf_counter() - mulai < detik:
        if len(set(re.findall(r"Kernel pool of (\S+) is filled", log.read_text(errors="replace")))) >= halaman:
            return time.perf_counter() - mulai
        time.sleep(0.2)
    return float("nan")


def _ukur(pid: int) -> tuple[float, int]:
    """RSS in MB of ``pid`` and every process below it, and how many of them are kernels."""
    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    rss, kernels = 0, 0
    for p in procs:
        try:
            rss += p.memory_info().rss
            kernels += "ipykernel" in " ".join(p.cmdline())
        except psutil.NoSuchProcess:
            pass
    return rss / 2**20, kernels


def _tenang(pid: int, detik: float = 120, diam: float = 25) -> tuple[float, int]:
    """The measure once the number of kernels has not changed for ``diam`` seconds (longer than
    the 15 s grace after a page closes: the pool refilled, the closed pages' kernels gone), or
    after ``detik``."""
    batas, last, sejak = time.monotonic() + detik, None, time.monotonic()
    while time.monotonic() < batas:
        time.sleep(2)
        now = _ukur(pid)
        if last is None or now[1] != last[1]:
            sejak = time.monotonic()
        elif time.monotonic() - sejak >= diam:
            return now
        last = now
    return _ukur(pid)


def main() -> None:
    parser = argparse.ArgumentParser(description="Memori server halaman sebelum, saat puncak dan sesudah kunjungan")
    parser.add_argument("--kunjungan", type=int, default=40)
    parser.add_argument("--serentak", type=int, default=5, help="halaman terbuka sekaligus (≤ 8, batas per klien)")
    parser.add_argument("--db", help="basis data (bawaan: contoh Nusa Rekaan)")
    args = parser.parse_args()
    if args.db is None:
        from kinerja.contoh import store as contoh

        args.db = contoh.store_contoh().url
    from kinerja.run import batch

    from kinerja.halaman.serve import folder_halaman

    log = Path(tempfile.mkdtemp(prefix="bench-pelayan-")) / "serve.log"
    mulai = time.perf_counter()
    proc, base, jawab = _serve(args.db, log)
    try:
        kolam = _kolam_penuh(log, len(list(folder_halaman().glob("*.ipynb"))), mulai)
        awal = _tenang(proc.pid)
        puncak, dibuka = awal, 0
        mulai = time.perf_counter()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
            while dibuka < args.kunjungan:
                pages = []
                for _ in range(min(args.serentak, args.kunjungan - dibuka)):
                    page = browser.new_page()
                    page.goto(f"{base}/voila/render/{HALAMAN[dibuka % len(HALAMAN)]}.ipynb?token={TOKEN}")
                    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
                    pages.append(page)
                    dibuka += 1
                now = _ukur(proc.pid)
                puncak = max(puncak, now)
                for page in pages:
                    page.close(run_before_unload=True)  # as a reader closes the tab
            browser.close()
        detik = time.perf_counter() - mulai
        akhir = _tenang(proc.pid)
        print(json.dumps({"detik_mulai_sampai_beranda": round(jawab, 1),
                          "detik_mulai_sampai_kolam_penuh": round(kolam, 1), "kunjungan": dibuka, "serentak": args.serentak, "detik": round(detik, 1),
                          "rss_mb_awal": round(awal[0]), "kernel_awal": awal[1],
                          "rss_mb_puncak": round(puncak[0]), "kernel_puncak": puncak[1],
                          "rss_mb_akhir": round(akhir[0]), "kernel_akhir": akhir[1]}, ensure_ascii=False))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
