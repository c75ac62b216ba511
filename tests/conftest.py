"""Shared fixtures: one generated sample kabupaten and a store loaded with part of it."""

import shutil
from pathlib import Path

import pytest

from kinerja.ingest import muat_berkas, urutkan
from kinerja.sample import buat_sampel, buat_sampel_salah
from kinerja.store import Store

TAHUN, BULAN = 2026, 3


@pytest.fixture(scope="session")
def sampel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sampel")
    buat_sampel(folder, tahun=TAHUN, bulan=BULAN)
    return folder


@pytest.fixture(scope="session")
def salah(sampel, tmp_path_factory):
    return buat_sampel_salah(sampel, tmp_path_factory.mktemp("salah"), tahun=TAHUN)


@pytest.fixture(scope="session")
def dasar(sampel, tmp_path_factory) -> Path:
    """A store file holding the unit list, the kabupaten and Dinas Kesehatan (with pejabat)."""
    folder = tmp_path_factory.mktemp("dasar")
    store = Store(f"sqlite:///{folder / 'dasar.sqlite'}")
    files = [sampel / "00_daftar_unit.xlsx", *(sampel / "nusa-rekaan").glob("*.xlsx"),
             *(sampel / "dinkes").glob("*.xlsx"), *(sampel / "dinkes-kesmas").glob("*.xlsx")]
    for path in urutkan(files):
        hasil = muat_berkas(path, store, folder / "arsip")
        assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    store.engine.dispose()
    return folder / "dasar.sqlite"


@pytest.fixture
def store(dasar, tmp_path) -> Store:
    """A private copy of the loaded store for one test."""
    copy = tmp_path / "k.sqlite"
    shutil.copy(dasar, copy)
    s = Store(f"sqlite:///{copy}")
    yield s
    s.engine.dispose()


def counts(store: Store) -> dict[str, int]:
    return {t: len(store.history(t)) for t in ("unit", "indikator", "target", "realisasi", "anggaran")} | {
        "submission": len(store.submissions())}


def pytest_configure(config):
    """The sample kabupaten store, cached under outputs/contoh-db (rebuilt when the code that
    makes it changes), reaches every notebook and page through ``KINERJA_DB``, the way a user
    points kinerja at a store; nothing falls back to it implicitly. This conftest is loaded
    for the whole run (tests/ is a test path), so nbval's kernels inherit the variable."""
    import os

    os.environ.setdefault("KINERJA_CONTOH", str(Path(__file__).resolve().parents[1] / "outputs" / "contoh-db"))
    os.environ.pop("KINERJA_NOTEBOOKS", None)
    from kinerja.contoh import store_contoh

    os.environ["KINERJA_DB"] = store_contoh().url


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server started for this test session (see tests/postgres.py)."""
    from postgres import Server

    server = Server()
    yield server
    server.stop()
