"""What the test processes share instead of each building it: the sample workbooks of the
tests' month (fixture ``sampel``), the small store loaded from part of them (``dasar``), and
the sample store of that month (test_lke_contoh).

They are kept beside the sample store (``kinerja.contoh.store.folder_contoh``), keyed on the
package's fingerprint like it, so the two pytest-xdist workers, the later page run and the
next run after no code change build them once between them instead of once per process.
``make test`` builds them before pytest starts (``python tests/bersama.py``), beside the
September sample store's build, on the core that build leaves idle. Fixtures hand out copies.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from filelock import FileLock

from kinerja.contoh import store as contoh
from kinerja.contoh.kabupaten import buat_sampel
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.store.store import Store

TAHUN, BULAN = 2026, 3


def _nama(jenis: str) -> Path:
    folder = contoh.folder_contoh()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"uji-{jenis}-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"


def _sampel() -> Path:
    """The workbooks of ``buat_sampel(tahun=TAHUN, bulan=BULAN)``, written once."""
    sampel, selesai = _nama("sampel"), _nama("sampel-selesai")  # the mark is written after the last workbook
    with FileLock(f"{sampel}.kunci"):
        if not selesai.exists():
            shutil.rmtree(sampel, ignore_errors=True)
            buat_sampel(sampel, tahun=TAHUN, bulan=BULAN)
            selesai.touch()
    return sampel


def salin_sampel(tujuan: Path) -> Path:
    """A copy of the sample workbooks (modification times kept: they are the receipt times)."""
    shutil.copytree(_sampel(), tujuan, dirs_exist_ok=True)
    return tujuan


def _db_dasar() -> Path:
    """The unit list, the kabupaten and Dinas Kesehatan (with pejabat) in one store, loaded once."""
    db = _nama("dasar").with_suffix(".sqlite")
    with FileLock(f"{db}.kunci"):
        if not db.exists():
            tmp = db.with_suffix(".sedang-dibuat")
            tmp.unlink(missing_ok=True)
            sampel = _sampel()
            files = [sampel / "00_daftar_unit.xlsx", *(sampel / "nusa-rekaan").glob("*.xlsx"),
                     *(sampel / "dinkes").glob("*.xlsx"), *(sampel / "dinkes-kesmas").glob("*.xlsx")]
            store = Store(f"sqlite:///{tmp}")
            for path in urutkan(files):
                hasil = muat_berkas(path, store, _nama("dasar-arsip"))
                assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
            store.engine.dispose()
            os.replace(tmp, db)
    return db


def salin_dasar(tujuan: Path) -> Path:
    """A copy of the small store (the archive it names stays in the shared folder, read only)."""
    shutil.copy(_db_dasar(), tujuan)
    return tujuan


def _store_bulan_uji() -> None:
    """``store_contoh(TAHUN, BULAN)``, built while the September one builds: ``store_contoh``
    holds one lock per folder, so this one is built in a folder of its own (which keeps it and
    the archive it names) and copied beside the September one."""
    folder = contoh.folder_contoh()
    if (folder / f"nusa-rekaan-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}.sqlite").exists():  # store_contoh's name
        return
    os.environ["KINERJA_CONTOH"] = str(folder / f"bulan-{BULAN:02d}")
    try:
        dibuat = Path(contoh.store_contoh(TAHUN, BULAN).url.removeprefix("sqlite:///"))
    finally:
        os.environ["KINERJA_CONTOH"] = str(folder)
    with FileLock(folder / ".kunci"):  # store_contoh's own lock of the shared folder
        if not (folder / dibuat.name).exists():
            shutil.copy(dibuat, folder / f"{dibuat.name}.sedang-disalin")
            os.replace(folder / f"{dibuat.name}.sedang-disalin", folder / dibuat.name)


def siapkan() -> None:
    """Everything above, built ahead of the tests (``make test``)."""
    _db_dasar()  # first: the copy of the store below waits until the September store is built
    _store_bulan_uji()


if __name__ == "__main__":
    siapkan()
