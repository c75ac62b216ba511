"""Benchmark: how long and how much memory it takes to refuse a hostile workbook (issue #26).

Each worst case of the issue is built in a temporary folder (``kinerja.contoh.jahat``) and read
in its own subprocess, as ``kinerja impor --periksa`` reads it (a Renja-looking file: the real
Renja evaluation of the test data, changed) or as ``kinerja ingest`` reads a formulir (the
sample's March CRAAPK, changed). For each: the wall time, the peak memory of that process
(``os.wait4``), and the rule and message that refused it. The baseline is the same run's time
and memory to read the two good files in a subprocess, so the figures can be compared on a
loaded machine. The goal is at most 300 MB and 10 s for each refusal; nothing here asserts it.

Run: ``python benchmarks/bench_berkas_jahat.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kinerja.contoh import jahat
from kinerja.core.formatting import format_angka

RENJA = Path(__file__).resolve().parent.parent / "tests" / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"

# What each subprocess runs: read one file the way the CLI does, print the first problem, then
# the process's own peak memory (VmHWM: ru_maxrss would carry the parent's over exec).
PUNCAK = "\nprint(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])"
BACA = {
    "impor": "from kinerja.impor.jalankan import impor_berkas\n"
             "out = impor_berkas(sys.argv[1], periksa=True)\n"
             "print(next((f'{m.kode} {m}' for m in out.masalah if m.tingkat == 'galat'), 'terbaca'))",
    "formulir": "from kinerja.formulir.lembar import baca_formulir\nfrom kinerja.formulir.masalah import Penampung\n"
                "p = Penampung(Path(sys.argv[1]).name)\nbaca_formulir(Path(sys.argv[1]), p)\n"
                "print(next((f'{m.kode} {m}' for m in p.daftar if m.tingkat == 'galat'), 'terbaca'))",
}


def ukur(path: Path, cara: str) -> tuple[float, float, str]:
    """Seconds, peak MB and the first line printed, for reading ``path`` in a fresh process."""
    code = "import sys\nfrom pathlib import Path\n" + BACA[cara] + PUNCAK
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read().decode("utf-8", "replace")
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait()
    took = time.perf_counter() - start
    lines = out.strip().splitlines()
    if proc.returncode or len(lines) < 2:  # a traceback or MemoryError: its last line is the figure
        return took, float("nan"), f"(keluar {proc.returncode}) {(err.strip().splitlines() or [''])[-1]}"
    return took, int(lines[-1]) / 1024, lines[0]


# name, how it is read, the sample it starts from, how it is changed (built one at a time)
KASUS = [
    ("sel di SF30000 (Renja)", "impor", "renja", lambda raw: jahat.sel_jauh(raw, "SF30000")),
    ("gabungan AM200:XFD1048576 (Renja)", "impor", "renja", lambda raw: jahat.gabung_luas(raw, "AM200:XFD1048576")),
    ("satu teks bersama 400 MB", "impor", "renja", lambda raw: jahat.teks_panjang(raw, 400 * 1024 * 1024)),
    ("2 juta teks bersama tak terpakai", "impor", "renja", lambda raw: jahat.teks_banyak(raw, 2_000_000)),
    ("200.000 baris", "impor", "renja", lambda raw: jahat.baris_banyak(raw, 200_000)),
    ("dua xl/worksheets/sheet1.xml (CRAAPK)", "formulir", "craapk", jahat.anggota_kembar),
    ("bagian ../../lampiran.txt (CRAAPK)", "formulir", "craapk", jahat.jalur_luar),
    # the declared sizes pass (150 MB < 200 MB): the string is stopped while it streams
    ("satu teks bersama 150 MB", "impor", "renja", lambda raw: jahat.teks_panjang(raw, 150 * 1024 * 1024)),
    # just under the limits: what a file that is read may cost
    ("sel di SF499 (Renja, di bawah batas luas dibaca utuh)", "impor", "renja", lambda raw: jahat.sel_jauh(raw, "SF499")),
    ("49.500 baris × 20 kolom (di bawah batas sel terisi)", "impor", "renja",
     lambda raw: jahat.baris_banyak(raw, 49_500, 20)),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        subprocess.run([sys.executable, "-m", "kinerja", "sample", str(folder / "sampel")], check=True,
                       stdout=subprocess.DEVNULL)
        craapk = next((folder / "sampel" / "dinkes").glob("CRAAPK_*-03.xlsx"))
        base = {"impor": ukur(RENJA, "impor"), "formulir": ukur(craapk, "formulir")}
        for cara, (took, mb, first) in base.items():
            print(f"dasar {cara}: {format_angka(took)} s, {format_angka(mb, 0)} MB ({first[:60]})")
        dasar = {"renja": RENJA, "craapk": craapk}
        for nama, cara, sumber, buat in KASUS:
            path = folder / "jahat.xlsx"
            raw = buat(dasar[sumber].read_bytes())
            path.write_bytes(raw)
            took, mb, first = ukur(path, cara)
            print(f"{nama}: berkas {format_angka(len(raw) / 1024, 0)} kB; {format_angka(took)} s "
                  f"({format_angka(took / base[cara][0])}× dasar), puncak {format_angka(mb, 0)} MB "
                  f"(sasaran ≤ 10 s, ≤ 300 MB)\n    {first[:200]}")


if __name__ == "__main__":
    main()
