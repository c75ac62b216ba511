"""Benchmark: the Voila pages in a real browser (Debian's chromium via playwright).

Measures, for ``kinerja serve`` as shipped (one kernel per page kept pre-executed), on the
sample kabupaten and on a province of four kabupaten in one store (``kinerja sample
--kabupaten 4``, built once and kept in ``outputs/bench-halaman/``):

- request → first widget visible, for every page (the home page included);
- choosing a unit → the page redrawn for it, on Perangkat Daerah and Tren (the chart
  replaced) and on Ringkasan Kabupaten (the unit's table shown).

Goals (issue 25): first widget ≤ 2 s, a unit change ≤ 300 ms. ``--pembanding`` adds, as the
baseline in the same run, the first widget with pre-execution off (a kernel starts and runs
the notebook on each request).

Run: ``make bench`` or ``python benchmarks/bench_halaman.py [--ulang N] [--tanpa-provinsi]``
(under the shared lock on a shared machine).
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

from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

from kinerja.contoh import store as contoh
from kinerja.run import batch

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
PAGES = {"beranda": ".kinerja-beranda", "ringkasan_kabupaten": ".kinerja-jumlah-pd",
         "perangkat_daerah": ".kinerja-pilih-unit select", "tren": ".kinerja-pilih-unit select",
         "peringkat": ".kinerja-peringkat table", "pohon_kinerja": ".kinerja-pilih-sasaran select",
         "evaluasi_akip": ".kinerja-pilih-unit select"}
# Page → what shows that a unit change is drawn: a chart replaced (or hidden), or the unit's table.
UPDATE = {"perangkat_daerah": ".kinerja-grafik-bulanan img", "tren": ".kinerja-grafik-tren img",
          "ringkasan_kabupaten": ".kinerja-detail"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, panas: bool) -> tuple[subprocess.Popen, str]:
    port = _port()
    # One client opens every page several times: over the default cap of 8 pages per client, the later
    # pages would show the cap's message instead of their widgets (Peringkat and Pohon "never showed").
    cmd = [KINERJA, "serve", "--port", str(port), "--db", db, "--batas-halaman-klien", "60", "--batas-halaman", "80"]
    if not panas:
        cmd.append("--tanpa-pemanasan")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "KINERJA_TOKEN": "uji"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{base}/voila/tree?token=uji", timeout=5)  # "/" opens a page
            break
        except OSError:
            time.sleep(0.5)
    return proc, base


def provinsi(kabupaten: int = 4) -> str:
    """A store of the sample kabupaten and ``kabupaten - 1`` more (built once, then reused)."""
    from kinerja.formulir.ingest import muat_berkas, urutkan
    from kinerja.store.store import Store

    folder = Path("outputs") / "bench-halaman"
    db = folder / f"provinsi-{kabupaten}.sqlite"
    if not db.exists():
        shutil.rmtree(folder / "sampel", ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([KINERJA, "sample", str(folder / "sampel"), "--kabupaten", str(kabupaten)], check=True,
                       stdout=subprocess.DEVNULL)
        tmp = db.with_suffix(".sedang-dibuat")
        shutil.copy(contoh.store_contoh().url.removeprefix("sqlite:///"), tmp)
        store = Store(f"sqlite:///{tmp.resolve()}")
        others = [p for p in sorted((folder / "sampel").iterdir()) if p.is_dir() and p.name != "nusa-rekaan"]
        for path in urutkan([f for d in others for f in sorted(d.rglob("*.xlsx"))]):
            muat_berkas(path, store, folder / "arsip")
        store.engine.dispose()
        os.replace(tmp, db)
    return f"sqlite:///{db.resolve()}"


def _first_widget(page, base: str, name: str) -> float:
    """Seconds to the page's first widget; ``inf`` when it never shows (printed, the run goes on)."""
    start = time.perf_counter()
    page.goto(f"{base}/voila/render/{name}.ipynb?token=uji", wait_until="commit")
    try:
        page.wait_for_selector(PAGES[name], state="visible", timeout=60_000)
    except PlaywrightTimeout:
        return float("inf")
    return time.perf_counter() - start


def _unit_change(page, name: str, n: int) -> list[float]:
    """Choose ``n`` units one after another; the seconds until each is drawn."""
    target = UPDATE[name]
    count = page.eval_on_selector(".kinerja-pilih-unit select", "s => s.options.length")
    times = []
    for i in range(2, min(count, n + 2)):
        before = page.eval_on_selector(target, "e => e.src || e.innerText")
        start = time.perf_counter()
        page.select_option(".kinerja-pilih-unit select", index=i)
        try:
            page.wait_for_function(f"(() => {{ const e = document.querySelector({json.dumps(target)}); "
                                   f"return e && ((e.src || e.innerText) !== {json.dumps(before)} "
                                   "|| e.style.display === 'none'); })()", timeout=30_000)
        except PlaywrightTimeout:
            times.append(float("inf"))
            continue
        times.append(time.perf_counter() - start)
    return times


def _ukur(browser, db: str, ulang: int, panas: bool = True, ganti: bool = True) -> dict[str, list[float]]:
    """First widget per page (``ulang`` visits each) and, when ``ganti``, unit changes."""
    proc, base = _serve(db, panas)
    out: dict[str, list[float]] = {}
    try:
        for name in PAGES:
            out[name] = []
            for _ in range(ulang):
                time.sleep(8 if panas else 1)  # let the pool refill after the previous visit
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                out[name].append(_first_widget(context.new_page(), base, name))
                context.close()
            _baris(name, out[name])
        if ganti:
            for name in UPDATE:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                if _first_widget(page, base, name) == float("inf"):
                    out[f"ganti unit: {name}"] = []
                else:
                    page.wait_for_timeout(1_500)
                    out[f"ganti unit: {name}"] = _unit_change(page, name, 8)
                context.close()
                _baris(f"ganti unit: {name}", out[f"ganti unit: {name}"])
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return out


def _baris(name: str, times: list[float]) -> None:
    """One line of figures, printed as soon as measured (a later failure keeps it)."""
    goal = 0.3 if name.startswith("ganti unit") else 2.0
    if not times:
        print(f"  {name:34s}: tidak terukur", flush=True)
        return
    mark = "ya" if max(times) <= goal else "TIDAK"
    print(f"  {name:34s}: median {statistics.median(times):6.3f} s, maks {max(times):6.3f} s "
          f"({len(times)} kali; target ≤ {goal:g} s: {mark})", flush=True)


def _cetak(label: str) -> None:
    print(label, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark halaman Voila")
    parser.add_argument("--ulang", type=int, default=2, help="berapa kali setiap halaman dibuka")
    parser.add_argument("--tanpa-provinsi", action="store_true", help="hanya basis data contoh satu kabupaten")
    parser.add_argument("--pembanding", action="store_true", help="ukur juga tanpa kernel siap")
    args = parser.parse_args()
    stores = {"contoh (1 kabupaten)": contoh.store_contoh().url}
    if not args.tanpa_provinsi:
        stores["provinsi (4 kabupaten)"] = provinsi(4)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
        for label, db in stores.items():
            _cetak(label)
            _ukur(browser, db, args.ulang)
        if args.pembanding:
            _cetak("tanpa kernel siap (pembanding, contoh)")
            _ukur(browser, stores["contoh (1 kabupaten)"], args.ulang, panas=False, ganti=False)
        browser.close()


if __name__ == "__main__":
    main()
