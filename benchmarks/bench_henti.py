"""Benchmark: how long a batch takes to end after Ctrl-C (issue 25, item 7: at most 5 s).

A ``kinerja batch`` of nine documents runs on a copy of the sample store; when the first
document's progress line appears, the whole process group gets SIGINT, as a terminal's Ctrl-C
sends it. Printed per run: the seconds from start to the first document (the baseline: what one
document costs on this machine now) and from Ctrl-C to the end of the command, with their ratio.
The test suite checks the behaviour (manifest, index, ``--resume``, no process left) with a
bound loose enough for a loaded CI machine; the 5 s goal is read here. Nothing asserts a figure.

Run: ``python benchmarks/bench_henti.py [--kali 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def sekali(db: Path, folder: Path) -> tuple[float, float, int]:
    """(seconds to the first document, seconds from Ctrl-C to the end, exit code) of one batch."""
    kinerja = Path(sys.executable).parent / "kinerja"
    salinan = folder / "k.sqlite"
    shutil.copy(db, salinan)
    mulai = time.perf_counter()
    proc = subprocess.Popen([str(kinerja), "batch", "--tahun", "2026", "--bulan", "3", "--unit", "dinkes",
                             "dinkes-kesmas", "nusa-rekaan", "--dokumen", "craapk", "pk", "rkt", "--tanpa-pdf",
                             "--jobs", "1", "--db", f"sqlite:///{salinan}", "-o", str(folder / "keluaran")],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as in a terminal
    for line in proc.stderr:
        if line.startswith("[1/"):
            break
    pertama = time.perf_counter() - mulai
    henti = time.perf_counter()
    os.killpg(proc.pid, signal.SIGINT)
    proc.communicate(timeout=120)
    return pertama, time.perf_counter() - henti, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description="Lama batch berhenti setelah Ctrl-C")
    parser.add_argument("--kali", type=int, default=3)
    args = parser.parse_args()
    from kinerja.contoh import store as contoh

    db = Path(contoh.store_contoh().engine.url.database)
    hasil = []
    for _ in range(args.kali):
        with tempfile.TemporaryDirectory() as tmp:
            hasil.append(sekali(db, Path(tmp)))
    henti = [h[1] for h in hasil]
    print(json.dumps({"kali": args.kali, "detik_dokumen_pertama": [round(h[0], 2) for h in hasil],
                      "detik_henti": [round(h, 2) for h in henti], "kode_keluar": [h[2] for h in hasil],
                      "henti_median": round(statistics.median(henti), 2), "henti_maks": round(max(henti), 2),
                      "rasio_henti_per_dokumen": [round(h[1] / h[0], 2) for h in hasil]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
