"""Benchmark: memory of the pages' server with many pages open, with and without the caps.

Opens ``--halaman`` pages (HTTP GET, as a browser's first request: each starts and runs a
kernel that stays until the page is closed or culled) from one client address, or spread over
``--klien`` addresses (127.0.0.x), and measures the memory of ``kinerja serve`` and all its
processes (server and kernels) before and after: PSS, each process's own pages plus its share
of the pages it shares (libraries, the forked interpreter), so the sum is what the machine gives. Run once as shipped (caps 20 per
server, 8 per client) and once with the caps out of reach (what every page cost before there
were caps). Issue 26 measured 168 → 3.675 MB for 30 open pages without caps.

Run: ``python benchmarks/bench_halaman_memori.py [--halaman 30] [--klien 1] [--db URL]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import time

import psutil

from bench_halaman import _serve  # kinerja serve on a free port, token "uji"


def _mb(pid: int) -> float:
    proc = psutil.Process(pid)
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def _ukur(db: str, halaman: int, klien: int, batas: list[str]) -> dict:
    proc, base = _serve(db, True, *batas)
    port = int(base.rsplit(":", 1)[1])
    try:
        time.sleep(10)  # the pre-executed kernels settle
        awal = _mb(proc.pid)
        status: dict[int, int] = {}
        mulai = time.perf_counter()
        for i in range(halaman):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300,
                                              source_address=(f"127.0.0.{2 + i % klien}", 0))
            conn.request("GET", "/voila/render/peringkat.ipynb?token=uji")
            res = conn.getresponse()
            res.read()
            conn.close()
            status[res.status] = status.get(res.status, 0) + 1
        detik = time.perf_counter() - mulai
        time.sleep(5)
        return {"batas": " ".join(batas) or "bawaan", "halaman": halaman, "klien": klien, "status": status,
                "mb_awal": round(awal), "mb_akhir": round(_mb(proc.pid)), "detik": round(detik, 1)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description="Memori server halaman dengan banyak halaman terbuka")
    parser.add_argument("--halaman", type=int, default=30)
    parser.add_argument("--klien", type=int, default=1)
    parser.add_argument("--db", help="basis data (bawaan: contoh Nusa Rekaan)")
    args = parser.parse_args()
    if args.db is None:
        from kinerja.contoh import store as contoh

        args.db = contoh.store_contoh().url
    for batas in ([], ["--batas-halaman", "1000", "--batas-halaman-klien", "1000"]):
        print(json.dumps(_ukur(args.db, args.halaman, args.klien, batas), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
