"""The sample kabupaten as a ready store, for the tests, the benchmarks and ``--contoh``.

:func:`store_contoh` returns the store of Kabupaten Nusa Rekaan, building it once
(generate the workbooks, ingest them through the real path) in ``$KINERJA_CONTOH`` or
the user's cache folder. The file name carries a fingerprint of the whole package and its
parameter files, so any change to the code or the parameters builds a new store instead
of reusing a stale one.
Building is locked and atomic, so parallel batch workers and test runs never see a
half-built store. Nothing uses the sample unless asked to (``--contoh``).
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from filelock import FileLock

from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.contoh.kabupaten import buat_sampel
from kinerja.store.store import Store

__all__ = ["folder_contoh", "sidik_kode", "store_contoh", "TAHUN_CONTOH", "BULAN_CONTOH"]

TAHUN_CONTOH, BULAN_CONTOH = 2026, 9



def folder_contoh() -> Path:
    """``$KINERJA_CONTOH``, else ``$XDG_CACHE_HOME/kinerja/contoh`` (``~/.cache`` by default)."""
    env = os.environ.get("KINERJA_CONTOH")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "kinerja" / "contoh"


@functools.cache
def sidik_kode() -> str:
    """A fingerprint (12 hex digits) of every source file of the package and every
    parameter file: whatever the sample store could depend on. Taken once per process,
    so that an edit while tests run does not make the same run build a second store.

    Examples
    --------
    >>> len(sidik_kode())
    12
    """
    from kinerja.core.sumber import folder_paket

    digest = hashlib.sha256()
    paket = Path(__file__).resolve().parents[1]
    for root in (paket, folder_paket("parameters")):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml"} and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def store_contoh(tahun: int = TAHUN_CONTOH, bulan: int = BULAN_CONTOH) -> Store:
    """The sample store (built on first use, or after its code changed; about half a minute)."""
    folder = folder_contoh()
    folder.mkdir(parents=True, exist_ok=True)
    sidik = sidik_kode()
    db = folder / f"nusa-rekaan-{tahun}-{bulan:02d}-{sidik}.sqlite"
    with FileLock(folder / ".kunci"):
        if not db.exists():
            tmp = db.with_suffix(".sedang-dibuat")
            tmp.unlink(missing_ok=True)
            files = buat_sampel(folder / f"sampel-{tahun}-{bulan:02d}-{sidik}", tahun=tahun, bulan=bulan)
            store = Store(f"sqlite:///{tmp}")
            for path in urutkan(files):
                muat_berkas(path, store, folder / "arsip")
            store.engine.dispose()
            os.replace(tmp, db)
    return Store(f"sqlite:///{db}")
