"""The sample kabupaten as a ready store, so notebooks and pages run as they stand.

:func:`store_contoh` returns the store of Kabupaten Nusa Rekaan, building it once
(generate the workbooks, ingest them through the real path) in ``$KINERJA_CONTOH`` or
``outputs/contoh-db`` beside the package. Building is locked and atomic, so parallel
batch workers and test runs never see a half-built store.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .ingest import muat_berkas, urutkan
from .sample import buat_sampel
from .store import Store

__all__ = ["folder_contoh", "store_contoh", "TAHUN_CONTOH", "BULAN_CONTOH"]

TAHUN_CONTOH, BULAN_CONTOH = 2026, 9


def folder_contoh() -> Path:
    env = os.environ.get("KINERJA_CONTOH")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "outputs" / "contoh-db"


def store_contoh(tahun: int = TAHUN_CONTOH, bulan: int = BULAN_CONTOH) -> Store:
    """The sample store (built on first use; about half a minute)."""
    folder = folder_contoh()
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"nusa-rekaan-{tahun}-{bulan:02d}.sqlite"
    with open(folder / ".kunci", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not db.exists():
            tmp = db.with_suffix(".sedang-dibuat")
            tmp.unlink(missing_ok=True)
            files = buat_sampel(folder / f"sampel-{tahun}-{bulan:02d}", tahun=tahun, bulan=bulan)
            store = Store(f"sqlite:///{tmp}")
            for path in urutkan(files):
                muat_berkas(path, store, folder / "arsip")
            store.engine.dispose()
            os.replace(tmp, db)
    return Store(f"sqlite:///{db}")
