"""Benchmark: the Voila pages in a real browser (Debian's chromium via playwright).

Measures, on the sample kabupaten:
- request → first widget visible, per page, for `kinerja serve` as shipped (one kernel per
  page kept pre-executed) and, as the baseline in the same run, with pre-execution off
  (a kernel starts and runs the notebook on each request);
- selection → updated figure: choosing a unit on Perangkat Daerah and on Tren until the
  chart has been redrawn.
Goals (issue 5): first widget under 3 s, update under 300 ms.

Run: ``make bench`` or ``python benchmarks/bench_halaman.py [--ulang N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from kinerja.run import batch
from kinerja.contoh import store as contoh

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
PAGES = {"ringkasan_kabupaten": ".kinerja-jumlah-pd", "perangkat_daerah": ".kinerja-pilih-unit select",
         "tren": ".kinerja-pilih-unit select"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, panas: bool, *opsi: str) -> tuple[subprocess.Popen, str]:
    port = _port()
    cmd = [KINERJA, "serve", "--port", str(port), "--db", db, *opsi]
    if not panas:
        cmd.append("--tanpa-pemanasan")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "KINERJA_TOKEN": "uji"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{base}/?token=uji", timeout=5)
            break
        except OSError:
            time.sleep(0.5)
    return proc, base


def _first_widget(page, base: str, name: str) -> float:
    start = time.perf_counter()
    page.goto(f"{base}/voila/render/{name}.ipynb?token=uji", wait_until="commit")
    page.wait_for_selector(PAGES[name], state="visible", timeout=120_000)
    return time.perf_counter() - start


def _update(page, image: str, units: list[str]) -> list[float]:
    times = []
    for unit in units:
        before = page.get_attribute(image, "src")
        start = time.perf_counter()
        page.select_option(".kinerja-pilih-unit select", value=None, label=unit)
        page.wait_for_function(f"document.querySelector({json.dumps(image)}).src !== {json.dumps(before)}",
                               timeout=30_000)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark halaman Voila")
    parser.add_argument("--ulang", type=int, default=3, help="berapa kali setiap halaman dibuka")
    args = parser.parse_args()
    store = contoh.store_contoh()
    units = store.current("unit")
    names = units[units["jenis"] == "perangkat_daerah"].sort_values("nama")["nama"].tolist()[:10]
    results: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
        for label, panas in (("dengan kernel siap (bawaan)", True), ("tanpa kernel siap (pembanding)", False)):
            proc, base = _serve(store.url, panas)
            try:
                results[label] = {}
                for name in PAGES:
                    times = []
                    for _ in range(args.ulang):
                        time.sleep(8 if panas else 1)  # let the pool refill after the previous visit
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        times.append(_first_widget(context.new_page(), base, name))
                        context.close()
                    results[label][name] = times
                if panas:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    _first_widget(page, base, "perangkat_daerah")
                    page.wait_for_selector("img.kinerja-grafik-bulanan[src]", timeout=60_000)
                    results["pembaruan Perangkat Daerah"] = {"pilih unit": _update(page, "img.kinerja-grafik-bulanan",
                                                                                    names)}
                    _first_widget(page, base, "tren")
                    page.wait_for_selector("img.kinerja-grafik-tren[src]", timeout=60_000)
                    results["pembaruan Tren"] = {"pilih unit": _update(page, "img.kinerja-grafik-tren", names)}
                    context.close()
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        browser.close()
    for label, pages in results.items():
        print(label)
        for name, times in pages.items():
            print(f"  {name:22s}: median {statistics.median(times):6.3f} s, maks {max(times):6.3f} s  "
                  f"({len(times)} kali)")
    warm = statistics.median(sum(results["dengan kernel siap (bawaan)"].values(), []))
    cold = statistics.median(sum(results["tanpa kernel siap (pembanding)"].values(), []))
    print(f"widget pertama: {warm:.2f} s dengan kernel siap, {cold:.2f} s tanpa ({cold / warm:.1f}x); target < 3 s")
    upd = sum(results["pembaruan Perangkat Daerah"].values(), []) + sum(results["pembaruan Tren"].values(), [])
    print(f"pembaruan grafik: median {statistics.median(upd) * 1000:.0f} ms, maks {max(upd) * 1000:.0f} ms; "
          "target < 300 ms")


if __name__ == "__main__":
    main()
