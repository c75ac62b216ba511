"""Shared fixtures: one generated sample kabupaten and a store loaded with part of it (both
built once for every test process: tests/bersama.py). TAHUN and BULAN, the month they are of,
are imported from here by the test modules."""

import shutil
from pathlib import Path

import pytest

from bersama import BULAN, TAHUN, salin_dasar, salin_sampel  # noqa: F401 - BULAN: for the test modules
from kinerja.contoh.salah import buat_sampel_salah
from kinerja.store.store import Store


@pytest.fixture(scope="session")
def sampel(tmp_path_factory) -> Path:
    """The sample kabupaten's workbooks of TAHUN/BULAN (generated once for all processes: tests/bersama.py)."""
    return salin_sampel(tmp_path_factory.mktemp("sampel"))


@pytest.fixture(scope="session")
def salah(sampel, tmp_path_factory):
    return buat_sampel_salah(sampel, tmp_path_factory.mktemp("salah"), tahun=TAHUN)


@pytest.fixture(scope="session")
def dasar(tmp_path_factory) -> Path:
    """A store file holding the unit list, the kabupaten and Dinas Kesehatan (with pejabat)."""
    return salin_dasar(tmp_path_factory.mktemp("dasar") / "dasar.sqlite")


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


# Which test modules need what (the markers are registered in pyproject.toml). ``make
# test-cepat`` runs everything that is none of these: unit, property and reader tests.
_PENANDA = {
    "contoh": {"test_batch", "test_berjenjang", "test_cli", "test_dasbor", "test_dokumen", "test_halaman_browser",
               "test_inert", "test_isian", "test_klaster", "test_peringkat", "test_periode", "test_pohon",
               "test_provinsi", "test_provinsi_halaman", "test_proyeksi", "test_serve", "test_snapshot", "test_wheel",
               "test_engine", "test_lke_contoh", "test_halaman_akses"},
    "browser": {"test_halaman_browser", "test_halaman_aman", "test_halaman_kirim", "test_inert", "test_batch",
                "test_periode", "test_provinsi_halaman", "test_halaman_akses", "test_pelayan_tahan"},
    "halaman": {"test_halaman_browser", "test_halaman_aman", "test_halaman_kirim", "test_inert",
                "test_provinsi_halaman", "test_halaman_akses", "test_pelayan_tahan"},
    "postgres": {"test_postgres", "test_konkurensi", "test_cli"},
    "lambat": {"test_batch", "test_batch_gabung", "test_dokumen", "test_klaster", "test_wheel", "test_provinsi",
               "test_halaman_kirim",
               "test_provinsi_halaman", "test_konkurensi"},
}


# The modules that take longest (seconds of one worker, measured with ``--durations``), longest
# first. Two workers take whole modules in collection order (``--dist loadfile
# --no-loadscope-reorder``), so these start first and the short ones fill in at the end, and
# both workers finish together instead of one waiting out a two-minute module started last.
_LAMA = ("test_wheel", "test_batch", "test_provinsi", "test_klaster", "test_konkurensi", "test_postgres", "test_engine",
         "test_fuzz", "test_impor_varian", "test_ingest", "test_cli", "test_masukan_rusak", "test_proyeksi",
         "test_berkas_aman", "test_dokumen", "test_cetak", "test_periode", "test_batch_gabung", "test_impor",
         # the page modules (make test runs them on two workers of their own after the rest)
         "test_halaman_browser", "test_halaman_akses", "test_pelayan_tahan", "test_halaman_aman", "test_inert",
         "test_provinsi_halaman", "test_halaman_evaluasi", "test_halaman_kirim")


def pytest_collection_modifyitems(config, items):
    urutan = {nama: i for i, nama in enumerate(_LAMA)}
    items.sort(key=lambda item: urutan.get(item.path.stem, len(urutan)))  # stable: a module's order stays
    for item in items:
        nama = item.path.stem
        dtest = getattr(item, "dtest", None)  # a doctest that opens the sample store needs it built
        if dtest is not None and any("store_contoh" in ex.source for ex in dtest.examples):
            item.add_marker("contoh")
        if item.path.suffix == ".ipynb":
            for penanda in ("notebook", "contoh", "lambat"):
                item.add_marker(penanda)
            continue
        for penanda, modul in _PENANDA.items():
            if nama in modul:
                item.add_marker(penanda)


def pytest_collection_finish(session):
    # nbval starts a notebook's kernel with the environment of that moment, possibly before a
    # test's setup hook: when notebooks are to run, the store is in place before any of them.
    # Asked here, after -m has deselected (make test-cepat runs no notebook and builds nothing).
    if any(item.path.suffix == ".ipynb" for item in session.items):
        _pasang_contoh()


def _pasang_contoh() -> None:
    """The sample kabupaten store, cached under outputs/contoh-db and keyed on the whole
    package and its parameter files (``kinerja.contoh.store.sidik_kode``), reaches every
    notebook and page through ``KINERJA_DB``, the way a user points kinerja at a store;
    nothing falls back to it implicitly. Built only for a run that needs it: at the end of
    collection when notebooks are selected (this conftest's per-item hooks do not reach
    notebooks/ or kinerja/), else at the first test under tests/ marked ``contoh``."""
    import os

    if os.environ.get("KINERJA_DB"):
        return
    from kinerja.contoh.store import store_contoh

    os.environ["KINERJA_DB"] = store_contoh().url


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("contoh"):
        _pasang_contoh()


def pytest_configure(config):
    import os

    os.environ.setdefault("KINERJA_CONTOH", str(Path(__file__).resolve().parents[1] / "outputs" / "contoh-db"))
    os.environ.pop("KINERJA_NOTEBOOKS", None)
    os.environ.pop("KINERJA_DB", None)
    config._kinerja_mulai = __import__("time").monotonic()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    import time

    detik = time.monotonic() - getattr(config, "_kinerja_mulai", time.monotonic())
    terminalreporter.write_line(f"durasi pengujian: {int(detik // 60)} menit {detik % 60:.0f} detik")


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server started for this test session (see tests/postgres.py)."""
    from postgres import Server

    server = Server()
    yield server
    server.stop()
