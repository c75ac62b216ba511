"""The sample province for test_provinsi and test_provinsi_halaman: the sample store of Nusa
Rekaan with a second kabupaten (`kinerja sample --kabupaten 2`) loaded beside it.

Built once and cached beside the sample store, on the same fingerprint of the package: the
page test runs in the later, one-process part of ``make test`` and reuses what the first part
built. What the build printed and how each workbook loaded are kept with it, so the fixtures
check them on every run, cached or not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from filelock import FileLock

from kinerja.contoh import store as contoh
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.store.store import Store

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
BUKIT = "bukit-rekaan"


def _buat(folder: Path) -> dict:
    done = subprocess.run([KINERJA, "sample", str(folder / "sampel"), "--kabupaten", "2", "--tahun", str(TAHUN),
                           "--bulan", str(BULAN)], capture_output=True, text=True, timeout=600)
    hasil = {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "status": []}
    if done.returncode == 0:
        db = folder / "k.sqlite"
        shutil.copy(contoh.store_contoh(TAHUN, BULAN).url.removeprefix("sqlite:///"), db)
        store = Store(f"sqlite:///{db}")
        files = urutkan(sorted((folder / "sampel" / BUKIT).rglob("*.xlsx")))
        hasil["status"] = [muat_berkas(p, store, folder / "arsip").status for p in files]
        store.engine.dispose()
    return hasil


def buat_provinsi() -> dict:
    """The province's sample folder, store and URL, with the build's output and load statuses."""
    folder = contoh.folder_contoh() / f"provinsi-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"
    folder.parent.mkdir(parents=True, exist_ok=True)
    selesai = folder / "selesai.json"  # written last: its presence means the build is complete
    with FileLock(f"{folder}.kunci"):
        if not selesai.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            hasil = _buat(folder)
            if hasil["returncode"] != 0:  # not cached: the next run tries again
                return hasil
            selesai.write_text(json.dumps(hasil), encoding="utf-8")
    hasil = json.loads(selesai.read_text(encoding="utf-8"))
    db = f"sqlite:///{folder / 'k.sqlite'}"
    return hasil | {"folder": folder / "sampel", "db": db, "store": Store(db)}
