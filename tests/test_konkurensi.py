"""Several processes writing one store at once, on a real PostgreSQL server and on SQLite:
the store must equal one built file by file (issue: a shared store that holds under
concurrency). Each worker is its own process (spawned, not forked), as clerks' sessions are."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from conftest import BULAN, TAHUN
from kinerja.formulir.ingest import muat_berkas
from kinerja.store import SCHEMA_VERSION, Store
from test_postgres import TABLES, _files, _view

_SPAWN = multiprocessing.get_context("spawn")


def _buka(url: str) -> int:
    return Store(url).versi


def _muat(url: str, paths: list[str], arsip: str, diterima: list[dt.datetime | None] | None = None) -> list[tuple]:
    store = Store(url)
    out = []
    for i, path in enumerate(paths):
        hasil = muat_berkas(Path(path), store, arsip, diterima[i] if diterima else None)
        out.append((f"{Path(path).parent.name}/{Path(path).name}", hasil.status, hasil.revisi, [str(m) for m in hasil.galat]))
    return out


def _paralel(jobs: list[tuple]) -> list:
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=_SPAWN) as pool:
        futures = [pool.submit(*job) for job in jobs]
        return [f.result(timeout=600) for f in futures]


def _sama(a: Store, b: Store) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(_view(a, table), _view(b, table), check_dtype=False)
    for store in (a, b):
        subs = store.submissions()
        assert not subs["sha256"].duplicated().any()  # every file landed once


@pytest.fixture(scope="module")
def berurutan(sampel, tmp_path_factory):
    """The reference: the same files loaded one after another."""
    folder = tmp_path_factory.mktemp("urut")
    store = Store(f"sqlite:///{folder / 'k.sqlite'}")
    for path in _files(sampel):
        assert muat_berkas(path, store, folder / "arsip").status == "dimuat"
    return store


@pytest.fixture(params=["postgresql", "sqlite"])
def kosong(request, postgres, tmp_path):
    return postgres.database() if request.param == "postgresql" else f"sqlite:///{tmp_path / 'k.sqlite'}"


def test_five_processes_open_an_empty_store_at_once(kosong):
    assert _paralel([(_buka, kosong) for _ in range(5)]) == [SCHEMA_VERSION] * 5
    with Store(kosong).engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM skema")).scalar() == 1  # created once


def test_the_same_files_by_three_processes_land_once(kosong, sampel, berurutan, tmp_path):
    paths = [str(p) for p in _files(sampel)]
    results = _paralel([(_muat, kosong, paths, str(tmp_path / f"arsip{i}")) for i in range(3)])
    for name in {f"{Path(p).parent.name}/{Path(p).name}" for p in paths}:
        statuses = [s for run in results for (n, s, _, _) in run if n == name]
        assert sorted(statuses) == ["dimuat", "sama", "sama"], (name, statuses)
    _sama(Store(kosong), berurutan)


def test_different_units_at_once_equal_one_after_another(kosong, sampel, berurutan, tmp_path):
    files = _files(sampel)
    first = [p for p in files if p.parent.name == "nusa-rekaan" or p.name.startswith("00_")]
    rest = [p for p in files if p not in first]
    assert _muat(kosong, [str(p) for p in first], str(tmp_path / "a"))  # the kabupaten and its units first
    halves = [[str(p) for p in rest if p.parent.name == "dinkes"], [str(p) for p in rest if p.parent.name != "dinkes"]]
    _paralel([(_muat, kosong, half, str(tmp_path / f"arsip{i}")) for i, half in enumerate(halves)])
    _sama(Store(kosong), berurutan)


def test_two_corrections_at_once_get_their_own_revision_and_the_later_received_wins(kosong, sampel, tmp_path):
    from openpyxl import load_workbook

    paths = [str(p) for p in _files(sampel)]
    _muat(kosong, paths, str(tmp_path / "a"))
    source = sampel / "dinkes" / f"CRAAPK_{TAHUN}-{BULAN:02d}.xlsx"
    fixes = []
    for value in ("2", "3"):
        wb = load_workbook(source)
        wb["CRAAPK"]["H11"] = value  # January realisasi of the first indicator
        fixes.append(tmp_path / f"koreksi-{value}.xlsx")
        wb.save(fixes[-1])
    morning, ten = dt.datetime(TAHUN, BULAN + 1, 6, 9), dt.datetime(TAHUN, BULAN + 1, 6, 10)
    # the 10:00 correction first in one process, the 09:00 one in the other: loaded in any order
    results = _paralel([(_muat, kosong, [str(fixes[1])], str(tmp_path / "b"), [ten]),
                        (_muat, kosong, [str(fixes[0])], str(tmp_path / "c"), [morning])])
    revisions = sorted(run[0][2] for run in results)
    assert revisions == [2, 3], results
    store = Store(kosong)
    first = load_workbook(source)["CRAAPK"]["C11"].value
    from kinerja.core.parsing import kode_indikator

    current = store.current("realisasi", unit_kode="dinkes", indikator_kode=kode_indikator(first), bulan=1)
    assert current["nilai_teks"].tolist() == ["3"]  # received at 10:00, whatever was loaded last


def test_a_correction_received_earlier_but_loaded_later_does_not_win(sampel, tmp_path):
    from openpyxl import load_workbook

    from kinerja.core.parsing import kode_indikator

    store = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    for path in _files(sampel):
        muat_berkas(path, store, tmp_path / "a")
    source = sampel / "dinkes" / f"CRAAPK_{TAHUN}-{BULAN:02d}.xlsx"
    late, early = tmp_path / "jam10.xlsx", tmp_path / "jam09.xlsx"
    for path, value in ((late, "5"), (early, "4")):
        wb = load_workbook(source)
        wb["CRAAPK"]["H11"] = value
        wb.save(path)
    muat_berkas(late, store, tmp_path / "a", dt.datetime(TAHUN, BULAN + 1, 6, 10))
    hasil = muat_berkas(early, store, tmp_path / "a", dt.datetime(TAHUN, BULAN + 1, 6, 9))
    assert hasil.status == "dimuat" and hasil.revisi == 3  # loaded, counted, kept in the history
    kode = kode_indikator(load_workbook(source)["CRAAPK"]["C11"].value)
    assert store.current("realisasi", unit_kode="dinkes", indikator_kode=kode, bulan=1)["nilai_teks"].tolist() == ["5"]
    assert "4" in store.history("realisasi").query("indikator_kode == @kode and bulan == 1")["nilai_teks"].tolist()
