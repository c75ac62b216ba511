"""Snapshot tests of the Laporan Hasil Evaluasi's tables on the sample kabupaten, as
tests/test_snapshot.py keeps the other documents' (JSON under
``tests/__snapshots__/test_lhe_snapshot/``; refresh with ``--snapshot-update`` after an intended
change and review the diff)."""

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

import kinerja
from kinerja.contoh import store as contoh

pytestmark = pytest.mark.contoh

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH


@pytest.fixture
def snapshot(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture(scope="module")
def store():
    return contoh.store_contoh(TAHUN, BULAN)


CASES = {
    "lhe-dinkes": lambda s: [kinerja.lhe(s, "dinkes", TAHUN).tabel_nilai()],
    "rekap-lke-nusa-rekaan": lambda s: (lambda l: [l.tabel_rekap(), l.tabel_belum_lengkap()])(
        kinerja.lhe(s, "nusa-rekaan", TAHUN)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_lhe_tables_match_their_snapshot(store, name, snapshot):
    tables = [t.isi() for t in CASES[name](store) if t is not None]
    seen = [{"judul": t["judul"], "kolom": t["kolom"], "baris": t["baris"]} for t in tables]
    assert seen == snapshot
