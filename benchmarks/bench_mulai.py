"""Benchmark: how long ``kinerja --versi``, ``kinerja --help`` and a command's ``--help`` take
from a shell (issue 25, item 7: at most 0,5 s), and what ``import kinerja.cli.perintah`` loads.

Each command is started ``--kali`` times as a new process (what a user pays: the interpreter,
the imports, building the parser); the median and the slowest wall time are printed. With
``--pembanding PATH`` the same is measured for another installation's ``kinerja`` (e.g. the
main checkout's ``.venv/bin/kinerja``), on the same machine in the same run. Then
``python -X importtime`` names the slowest imports behind the parser (nothing of pandas,
numpy, SQLAlchemy, matplotlib or papermill should appear). Nothing here asserts a figure.

The ``python -c`` runs start in the temporary folder, so that each installation imports its own
``kinerja`` (not the one in the current folder).

Run: ``python benchmarks/bench_mulai.py [--kali 10] [--pembanding /work/main/.venv/bin/kinerja]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kinerja.core.formatting import format_angka

PERINTAH = (["--versi"], ["--help"], ["kepatuhan", "--help"], ["batch", "--help"])
BERAT = ("pandas", "numpy", "sqlalchemy", "matplotlib", "papermill", "openpyxl", "pydantic")


def ukur(kinerja: str, argv: list[str], kali: int) -> list[float]:
    """Wall seconds of ``kali`` fresh runs of ``kinerja argv``."""
    waktu = []
    for _ in range(kali):
        mulai = time.perf_counter()
        subprocess.run([kinerja, *argv], capture_output=True, check=False)
        waktu.append(time.perf_counter() - mulai)
    return waktu


def impor_terlama(python: str, n: int = 8) -> list[tuple[int, str]]:
    """The ``n`` slowest imports (cumulative microseconds) behind ``kinerja.cli.perintah``."""
    res = subprocess.run([python, "-X", "importtime", "-c", "import kinerja.cli.perintah"],
                         capture_output=True, text=True, check=False, cwd=tempfile.gettempdir())
    rows = []
    for line in res.stderr.splitlines()[1:]:
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].strip()))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kali", type=int, default=10, help="runs per command")
    ap.add_argument("--pembanding", help="another installation's kinerja executable, measured alike")
    args = ap.parse_args()
    kinerja = str(Path(sys.executable).parent / "kinerja")
    pasangan = [("cabang ini", kinerja)] + ([("pembanding", args.pembanding)] if args.pembanding else [])
    for nama, exe in pasangan:
        print(f"{nama}: {exe}")
        for argv in PERINTAH:
            w = ukur(exe, argv, args.kali)
            print(f"  kinerja {' '.join(argv):<18} median {format_angka(statistics.median(w), 3)} s, "
                  f"terlama {format_angka(max(w), 3)} s ({args.kali} kali)")
        python = str(Path(exe).parent / "python")
        print("  impor terlama di balik parser (mikrodetik kumulatif):")
        for us, modul in impor_terlama(python):
            print(f"    {us:>9} {modul}")
        cek = subprocess.run([python, "-c", "import sys, kinerja.cli.perintah as p\ntry:\n p.main(['--help'])\n"
                              "except SystemExit:\n pass\nprint(sorted(m for m in %r if m in sys.modules))" % (BERAT,)],
                             capture_output=True, text=True, check=False, cwd=tempfile.gettempdir())
        print(f"  pustaka berat dimuat oleh --help: {cek.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
