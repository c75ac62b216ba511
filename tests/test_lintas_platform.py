"""kinerja where ``fcntl`` and ``os.fork`` do not exist (Windows laptops of Bappeda and
Inspektorat staff): importing, ingesting, importing Pemda files and building the pages'
data must not need them. Simulated on Linux in a child process that has neither."""

import json
import subprocess
import sys
from pathlib import Path

from conftest import TAHUN

RENJA = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"

# Run first in the child: no fcntl module, no os.fork (as on Windows).
TANPA_POSIX = """
import os, sys
sys.modules["fcntl"] = None
for name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, name):
        delattr(os, name)
"""

ANAK = TANPA_POSIX + """
import json
from pathlib import Path
import kinerja
from kinerja.formulir.ingest import urutkan

sampel, folder, renja = (Path(p) for p in sys.argv[1:4])
assert not hasattr(os, "fork")
try:
    import fcntl  # noqa: F401
    raise SystemExit("fcntl should be missing")
except ImportError:
    pass
store = kinerja.Store(f"sqlite:///{folder / 'k.sqlite'}")
files = [sampel / "00_daftar_unit.xlsx", *(sampel / "nusa-rekaan").glob("*.xlsx"), *(sampel / "dinkes").glob("*.xlsx")]
status = [kinerja.muat_berkas(p, store, folder / "arsip").status for p in urutkan(files)]
impor = kinerja.impor_berkas(renja, periksa=True)
lap = kinerja.craapk(store, "dinkes", int(sys.argv[4]), 3)
print(json.dumps({"status": sorted(set(status)), "n": len(status), "impor_ditolak": impor.ditolak,
                  "indikator": len(lap.kumulatif)}))
"""


def test_import_ingest_impor_and_a_document_without_fcntl_or_fork(sampel, tmp_path):
    done = subprocess.run([sys.executable, "-c", ANAK, str(sampel), str(tmp_path), str(RENJA), str(TAHUN)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    hasil = json.loads(done.stdout.strip().splitlines()[-1])
    assert hasil["status"] == ["dimuat"] and hasil["n"] > 5
    assert hasil["impor_ditolak"] is False
    assert hasil["indikator"] > 0
