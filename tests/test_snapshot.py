"""Snapshot tests of the key tables of every document type, on the sample kabupaten.

Each table is stored as the reader sees it (caption, columns, cell texts) by syrupy, as
JSON under ``tests/__snapshots__/test_snapshot/``. A change in any number, format, column
or caption fails here and must be looked at; when the change is intended, refresh the
snapshots with ``python -m pytest tests/test_snapshot.py --snapshot-update`` and review
the diff.
"""

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

from kinerja.contoh import store as contoh
import kinerja

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH


@pytest.fixture
def snapshot(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture(scope="module")
def store():
    return contoh.store_contoh(TAHUN, BULAN)


CASES = {
    "craapk-dinkes": lambda s: (lambda l: [l.tabel_kumulatif(), l.tabel_efisiensi(), l.tabel_kepatuhan(),
                                           l.tabel_anggaran()])(kinerja.craapk(s, "dinkes", TAHUN, BULAN)),
    "craapk-dispar": lambda s: (lambda l: [l.tabel_kumulatif(), l.tabel_kinerja()])(
        kinerja.craapk(s, "dispar", TAHUN, BULAN)),
    "lkjip-dinkes": lambda s: (lambda l: [l.tabel_pengukuran(), l.tabel_anggaran(), l.tabel_efisiensi(),
                                          l.tabel_iku(), *[t for t in l.gambaran_umum() if hasattr(t, "isi")]])(
        kinerja.lkjip(s, "dinkes", TAHUN)),
    "lkjip-nusa-rekaan": lambda s: (lambda l: [l.tabel_pengukuran(), l.tabel_perangkat_daerah(),
                                               l.tabel_antartingkat()])(kinerja.lkjip(s, "nusa-rekaan", TAHUN)),
    "pk-dinkes": lambda s: (lambda l: [l.tabel_target(), l.tabel_anggaran(), l.pernyataan()[1]])(
        kinerja.pk(s, "dinkes", TAHUN)),
    "rkt-dinkes": lambda s: (lambda l: [l.tabel_target(), l.tabel_anggaran()])(kinerja.rkt(s, "dinkes", TAHUN)),
    "raapk-dinkes": lambda s: (lambda l: [l.tabel_target(), l.tabel_anggaran()])(
        kinerja.raapk(s, "dinkes", TAHUN)),
    "lhe-dinkes": lambda s: (lambda l: [l.tabel_nilai(), l.tabel_tindak_lanjut()])(kinerja.lhe(s, "dinkes", TAHUN)),
    "rekap-lke-nusa-rekaan": lambda s: (lambda l: [l.tabel_rekap(), l.tabel_belum_lengkap()])(
        kinerja.lhe(s, "nusa-rekaan", TAHUN)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_key_tables_match_their_snapshot(store, name, snapshot):
    tables = [t.isi() for t in CASES[name](store) if t is not None]
    seen = [{"judul": t["judul"], "kolom": t["kolom"], "baris": t["baris"]} for t in tables]
    assert seen == snapshot
