"""Benchmark: the Voila pages in a real browser (Debian's chromium via playwright).

Measures, for ``kinerja serve`` as shipped (one kernel per page kept pre-executed), on the
sample kabupaten and on a province of four kabupaten in one store (``kinerja sample
--kabupaten 4``, built once and kept in ``outputs/bench-halaman/``):

- request → first widget visible, for every page (the home page included);
- choosing a unit → the page redrawn for it, on Perangkat Daerah and Tren (the chart
  replaced) and on Ringkasan Kabupaten (the unit's table shown); on Perangkat Daerah and Tren
  also → the whole update sent ("lengkap": the chart's phone layout, drawn last).

The pages are measured once the server's pre-started kernels have run their notebooks (as
for a reader arriving some time after the server started): right after start, 8 notebooks
pre-execute at once on the machine (~35 s on 2 cores), and a page opened then waits for the
processor, not for its own kernel. "Kernel pool … is filled" in the log comes when a kernel
has started, before it has run its page; so the bench also waits until the server and its
kernels are idle, at the start and before each visit (the pool refilled).

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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from halaman_server import _tunggu_pemanasan  # noqa: E402 - the page tests' wait for the pre-started kernels

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
PAGES = {"beranda": ".kinerja-beranda", "ringkasan_kabupaten": ".kinerja-jumlah-pd",
         "perangkat_daerah": ".kinerja-pilih-unit select", "tren": ".kinerja-pilih-unit select",
         "peringkat": ".kinerja-peringkat table", "pohon_kinerja": ".kinerja-pilih-sasaran select",
         "evaluasi_akip": ".kinerja-pilih-unit select"}
# Page → what shows that a unit change is drawn: a chart replaced (or hidden), or the unit's table.
UPDATE = {"perangkat_daerah": ".kinerja-grafik-bulanan img", "tren": ".kinerja-grafik-tren img",
          "ringkasan_kabupaten": ".kinerja-detail"}
# Page → what shows that the whole update is sent: the chart's phone layout (kinerja.halaman.bertahap).
LENGKAP = {"perangkat_daerah": ".kinerja-grafik-bulanan source", "tren": ".kinerja-grafik-tren source"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, panas: bool, log: Path) -> tuple[subprocess.Popen, str]:
    port = _port()
    # One client opens every page several times: over the default cap of 8 pages per client, the later
    # pages would show the cap's message instead of their widgets (Peringkat and Pohon "never showed").
    cmd = [KINERJA, "serve", "--port", str(port), "--db", db, "--batas-halaman-klien", "60", "--batas-halaman", "80"]
    if not panas:
        cmd.append("--tanpa-pemanasan")
    with log.open("w") as out:  # a file, not a pipe nobody reads
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
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


def _cpu_sesi(sid: int) -> float:
    """CPU seconds used so far by the processes of session ``sid`` (the server and its kernels)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # the session id; utime and stime follow at 11 and 12
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _tunggu_tenang(proc: subprocess.Popen, batas: float = 240) -> float:
    """Wait until the server and its kernels are idle (under 0,2 processor-seconds a second for
    2 s): "Kernel pool … is filled" is logged when a kernel has started, before it has run its
    page. The seconds waited."""
    mulai, tenang, sebelum = time.monotonic(), 0, _cpu_sesi(proc.pid)
    while time.monotonic() - mulai < batas and tenang < 4:
        time.sleep(0.5)
        sekarang = _cpu_sesi(proc.pid)
        tenang = tenang + 1 if sekarang - sebelum < 0.1 else 0
        sebelum = sekarang
    return time.monotonic() - mulai


def _first_widget(page, base: str, name: str) -> float:
    """Seconds to the page's first widget; ``inf`` when it never shows (printed, the run goes on)."""
    start = time.perf_counter()
    page.goto(f"{base}/voila/render/{name}.ipynb?token=uji", wait_until="commit")
    try:
        page.wait_for_selector(PAGES[name], state="visible", timeout=60_000)
    except PlaywrightTimeout:
        return float("inf")
    return time.perf_counter() - start


def _isi(selector: str) -> str:
    """JavaScript: what the element shows (an image's source, else its text), or "" when hidden."""
    return (f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
            "if (!e || e.closest('[style*=\"display: none\"]')) return ''; return e.srcset || e.src || e.innerText; })()")


def _tunggu_berubah(page, selector: str, before: str, start: float, lengkap: bool = False) -> float:
    """Seconds from ``start`` until ``selector`` shows something other than ``before`` (``lengkap``:
    a phone layout of its own, not the wide one standing in for it)."""
    syarat = f"{_isi(selector)} !== {json.dumps(before)}"
    if lengkap:
        syarat += f" && {_isi(selector)} !== {_isi(selector.replace('source', 'img'))}"
    try:
        page.wait_for_function(syarat, timeout=30_000)
    except PlaywrightTimeout:
        return float("inf")
    return time.perf_counter() - start


def _unit_change(page, name: str, n: int) -> tuple[list[float], list[float]]:
    """Choose ``n`` units one after another; the seconds until each is drawn, and (pages with a
    chart in two layouts) until its whole update is sent."""
    target, lengkap = UPDATE[name], LENGKAP.get(name)
    count = page.eval_on_selector(".kinerja-pilih-unit select", "s => s.options.length")
    times, full = [], []
    for i in range(2, min(count, n + 2)):
        before = page.evaluate(_isi(target))
        before_full = page.evaluate(_isi(lengkap)) if lengkap else ""
        start = time.perf_counter()
        page.select_option(".kinerja-pilih-unit select", index=i)
        times.append(_tunggu_berubah(page, target, before, start))
        if lengkap:
            full.append(_tunggu_berubah(page, lengkap, before_full, start, lengkap=True))
        page.wait_for_timeout(300)  # anything still on its way lands before the next choice
    return times, full


def _ukur(browser, db: str, ulang: int, panas: bool = True, ganti: bool = True) -> dict[str, list[float]]:
    """First widget per page (``ulang`` visits each) and, when ``ganti``, unit changes."""
    log = Path("outputs") / "bench-halaman" / "serve.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    proc, base = _serve(db, panas, log)
    out: dict[str, list[float]] = {}
    try:
        if panas:
            mulai = time.monotonic()
            _tunggu_pemanasan(proc, log)
            _tunggu_tenang(proc)
            print(f"  (kernel yang disiapkan selesai setelah {time.monotonic() - mulai:.0f} s)", flush=True)
        for name in PAGES:
            out[name] = []
            for _ in range(ulang):
                time.sleep(1)
                if panas:  # the pool refilled after the previous visit (its kernel has run the page)
                    _tunggu_tenang(proc)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                out[name].append(_first_widget(context.new_page(), base, name))
                context.close()
            _baris(name, out[name])
        if ganti:
            for name in UPDATE:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                times, full = [], []
                if _first_widget(page, base, name) != float("inf"):
                    page.wait_for_timeout(1_500)
                    times, full = _unit_change(page, name, 8)
                context.close()
                out[f"ganti unit: {name}"] = times
                _baris(f"ganti unit: {name}", times)
                if name in LENGKAP:
                    out[f"ganti unit: {name} (lengkap)"] = full
                    _baris(f"ganti unit: {name} (lengkap)", full)
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
    # The province's store is built (once) only after the sample is measured: its figures come first.
    stores = {"contoh (1 kabupaten)": contoh.store_contoh().url,
              **({} if args.tanpa_provinsi else {"provinsi (4 kabupaten)": lambda: provinsi(4)})}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
        for label, db in stores.items():
            db = db() if callable(db) else db
            _cetak(label)
            _ukur(browser, db, args.ulang)
        if args.pembanding:
            _cetak("tanpa kernel siap (pembanding, contoh)")
            _ukur(browser, stores["contoh (1 kabupaten)"], args.ulang, panas=False, ganti=False)
        browser.close()


if __name__ == "__main__":
    main()
