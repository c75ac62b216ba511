"""The store on a real PostgreSQL server, against the same work on SQLite.

Schema creation and upgrade, ingest with revisions, kepatuhan, and a batch whose documents
equal those built from SQLite. The server is started by the ``postgres`` fixture.
"""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from sqlalchemy import inspect, text

from conftest import BULAN, TAHUN, counts
from kinerja.run import batch
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.core.parsing import kode_indikator
from kinerja.store import SCHEMA_VERSION, Store
from kinerja.render.tabel import MIME_TABEL
from kinerja.render.word import teks_docx

TABLES = ("unit", "indikator", "target", "realisasi", "anggaran")


def _files(sampel: Path) -> list[Path]:
    return urutkan([sampel / "00_daftar_unit.xlsx", *(sampel / "nusa-rekaan").glob("*.xlsx"),
                    *(sampel / "dinkes").glob("*.xlsx"), *(sampel / "dinkes-kesmas").glob("*.xlsx")])


def _view(store: Store, table: str) -> pd.DataFrame:
    data = store.current(table).drop(columns="submission_id")
    data = data.astype(object).where(data.notna(), None)
    return data.sort_values(list(data.columns), key=lambda c: c.astype(str)).reset_index(drop=True)


@pytest.fixture(scope="module")
def kedua(postgres, sampel, tmp_path_factory):
    """The same files ingested into SQLite and into PostgreSQL."""
    folder = tmp_path_factory.mktemp("pg")
    stores = {"sqlite": Store(f"sqlite:///{folder / 'k.sqlite'}"), "postgresql": Store(postgres.database())}
    for name, store in stores.items():
        for path in _files(sampel):
            hasil = muat_berkas(path, store, folder / f"arsip-{name}")
            assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    return stores


def test_schema_is_created_on_a_new_database(postgres):
    store = Store(postgres.database())
    assert store.versi == SCHEMA_VERSION
    assert {"skema", "submission", *TABLES} <= set(inspect(store.engine).get_table_names())
    assert Store(store.url).versi == SCHEMA_VERSION  # reopening applies nothing twice


def test_ingest_gives_the_same_store_as_sqlite(kedua):
    sqlite, pg = kedua["sqlite"], kedua["postgresql"]
    assert counts(pg) == counts(sqlite)
    for table in TABLES:
        pd.testing.assert_frame_equal(_view(pg, table), _view(sqlite, table), check_dtype=False)
    pd.testing.assert_frame_equal(kepatuhan(pg, TAHUN, BULAN), kepatuhan(sqlite, TAHUN, BULAN), check_dtype=False)


def test_a_correction_is_a_revision_and_history_keeps_both(kedua, sampel, tmp_path):
    from openpyxl import load_workbook

    source = sampel / "dinkes" / f"CRAAPK_{TAHUN}-{BULAN:02d}.xlsx"
    wb = load_workbook(source)
    ws = wb["CRAAPK"]
    ws["H11"] = "2"  # January realisasi of the first indicator, corrected
    fixed = tmp_path / "CRAAPK_koreksi.xlsx"
    wb.save(fixed)
    for name, store in kedua.items():
        hasil = muat_berkas(fixed, store, tmp_path / name, diterima=dt.datetime(TAHUN, BULAN + 1, 6))
        assert hasil.status == "dimuat" and hasil.revisi == 2, [str(m) for m in hasil.masalah]
        again = muat_berkas(fixed, store, tmp_path / name)
        assert again.status == "sama"
    for table in TABLES:
        pd.testing.assert_frame_equal(_view(kedua["postgresql"], table), _view(kedua["sqlite"], table),
                                      check_dtype=False)
    kode = kode_indikator(ws["C11"].value)
    history = kedua["postgresql"].history("realisasi")
    january = history[(history["unit_kode"] == "dinkes") & (history["bulan"] == 1) & (history["indikator_kode"] == kode)]
    assert january["nilai_teks"].tolist()[-1] == "2" and len(january) >= 2  # the earlier value is kept too
    current = kedua["postgresql"].current("realisasi", unit_kode="dinkes", indikator_kode=kode, bulan=1)
    assert current["nilai_teks"].tolist() == ["2"]


def test_a_version_2_store_on_postgresql_is_upgraded_in_place(postgres):
    """The rows of the real schema-2 fixture, written into a PostgreSQL database at schema 2."""
    url = postgres.database()
    Store(url).engine.dispose()
    fixture = Path(__file__).parent / "data" / "store-v2.sqlite"
    store = Store(url)
    with store.engine.begin() as conn:  # take the database back to schema 2
        for column in ("dokumen", "indikator_kode", "penanggung_jawab"):
            conn.execute(text(f"ALTER TABLE anggaran DROP COLUMN {column}"))
        conn.execute(text("ALTER TABLE target DROP COLUMN penanggung_jawab"))
        for table in ("target", "realisasi", "anggaran"):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN dihapus"))
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN periode"))  # schema 5
        conn.execute(text("ALTER TABLE indikator DROP COLUMN tingkat"))
        conn.execute(text("ALTER TABLE indikator DROP COLUMN uraian"))
        for table in ("target", "realisasi", "anggaran"):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN sel"))  # schema 8
        conn.execute(text("ALTER TABLE anggaran DROP COLUMN tahap"))  # schema 9
        conn.execute(text("DROP TABLE lke_rekomendasi"))  # schema 10
        conn.execute(text("DROP TABLE lke"))
        conn.execute(text("UPDATE skema SET versi = 2"))
    with sqlite3.connect(fixture) as raw:
        frames = {t: pd.read_sql(f"SELECT * FROM {t}", raw) for t in ("submission", *TABLES)}
    frames["submission"]["diterima"] = pd.to_datetime(frames["submission"]["diterima"])
    frames["submission"]["dimuat"] = pd.to_datetime(frames["submission"]["dimuat"])
    frames["indikator"]["iku"] = frames["indikator"]["iku"].astype(bool)
    with store.engine.begin() as conn:
        for name, frame in frames.items():
            frame.to_sql(name, conn, if_exists="append", index=False)
    store.engine.dispose()
    upgraded = Store(url)
    assert upgraded.versi == SCHEMA_VERSION == 12
    assert {"lke", "lke_rekomendasi"} <= set(inspect(upgraded.engine).get_table_names())
    assert upgraded.current("lke").empty
    money = upgraded.history("anggaran")
    assert len(money) == len(frames["anggaran"])
    subs = upgraded.submissions().set_index("id")["dokumen"].str.lower()
    assert (money["dokumen"] == money["submission_id"].map(subs)).all()
    assert upgraded.current("anggaran", unit_kode="dinkes", dokumen="pk")["keterangan"].notna().all()


def _shown(notebook: Path) -> list:
    """What a document shows: its tables' data and its markdown, in order."""
    nb = nbformat.read(notebook, 4)
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if MIME_TABEL in data:
                out.append(data[MIME_TABEL])
            elif "text/markdown" in data:
                out.append(data["text/markdown"])
    return out


def test_a_batch_from_postgresql_equals_one_from_sqlite(kedua, tmp_path):
    results = {}
    for name, store in kedua.items():
        manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes", "nusa-rekaan"], ["craapk", "pk", "lkjip"], jobs=2,
                                        db=store.url, keluaran=tmp_path / name, progress=False, pdf=False)
        assert all(t["status"] == "berhasil" for t in manifest["tugas"]), manifest["tugas"]
        results[name] = tmp_path / name / str(TAHUN)
    for unit in ("dinkes", "nusa-rekaan"):
        for doc in ("craapk", "pk", "lkjip"):
            a, b = (results[s] / unit / "_kerja" / f"{doc}.ipynb" for s in ("sqlite", "postgresql"))
            assert _shown(a) == _shown(b) and _shown(a)
            assert teks_docx(a.parent.parent / f"{doc}.docx") == teks_docx(b.parent.parent / f"{doc}.docx")
    executed = (results["postgresql"] / "dinkes" / "_kerja" / "craapk.ipynb").read_text(encoding="utf-8")
    assert "kinerja@" not in executed and "psycopg" not in executed  # the store's address is not in the documents


def test_a_password_never_reaches_output_log_or_notebook(kedua, tmp_path):
    """The test server trusts its socket, so a password in the URL is accepted and ignored:
    the run is real, and nothing it writes or prints may hold the password."""
    import subprocess
    import sys

    secret = "rahasia-Zq81"
    url = kedua["postgresql"].url.replace("kinerja@", f"kinerja:{secret}@")
    out = tmp_path / "keluaran"
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["pk", "craapk"], jobs=1, db=url, keluaran=out,
                                    progress=False, pdf=False)
    assert all(t["status"] == "berhasil" for t in manifest["tugas"]), manifest["tugas"]
    cli = [subprocess.run([sys.executable, "-m", "kinerja", *args, "--db", url], capture_output=True, text=True,
                          timeout=300) for args in (["ringkasan"], ["kepatuhan", "--tahun", str(TAHUN),
                                                                    "--bulan", str(BULAN)])]
    assert all(r.returncode == 0 for r in cli), [r.stderr for r in cli]
    printed = "".join(r.stdout + r.stderr for r in cli)
    assert secret not in printed and "kinerja:***@" in printed
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) > 5
    for path in written:
        assert secret.encode() not in path.read_bytes(), path
