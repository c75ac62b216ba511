"""The documents of a unit known only from its imported Evaluasi Renja (the real Bappedalitbang 2025
file, reported by quarter): its Renja targets are not a Perjanjian Kinerja, it is judged by quarter,
its receipt time is the one given or said to be unknown, the file's own contradiction is named, the
missing earlier years are said once, and the import's notes are never the unit's words."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_impor import REAL, _store_with_bappeda  # noqa: E402

import kinerja  # noqa: E402
from kinerja.analisis import dari_store as analisis  # noqa: E402
from kinerja.analisis.kepatuhan import kepatuhan_triwulan  # noqa: E402
from kinerja.impor.jalankan import impor_berkas  # noqa: E402


@pytest.fixture(scope="module")
def impor(tmp_path_factory):
    """The real file, copied (a copy's modification time is the copy's: 1 December 2026 here),
    imported without a receipt time; its LKjIP."""
    tmp = tmp_path_factory.mktemp("impor-dokumen")
    copy = tmp / REAL.name
    shutil.copy(REAL, copy)
    stamp = dt.datetime(2026, 12, 1, 9).timestamp()
    os.utime(copy, (stamp, stamp))
    store = _store_with_bappeda(tmp)
    out = impor_berkas(copy, "evaluasi-renja", unit="bappeda", tahun=2025, store=store, arsip=tmp / "arsip")
    assert out.muat.status == "dimuat"
    return store, kinerja.lkjip(store, "bappeda", 2025)


def _kalimat(lap, key=None):
    return [t for a in lap.sasaran for k, v in a.kalimat.items() if key in (None, k) for t in v]


def test_renja_targets_are_not_called_a_perjanjian_kinerja(impor):
    _, lap = impor
    assert "Perjanjian Kinerja" not in lap.tabel_pk().judul and "Renja" in lap.tabel_pk().judul


def test_a_unit_reporting_by_quarter_is_judged_by_quarter(impor):
    _, lap = impor
    sent = lap.tabel_kepatuhan().isi()
    assert sent["kolom"][0] == "Triwulan" and [r[0] for r in sent["baris"]] == ["I", "II", "III", "IV"]
    months = lap.tabel_bulanan().isi()
    other = [i for i, c in enumerate(months["kolom"]) if c in ("Jan", "Feb", "Apr", "Mei", "Jul", "Agu", "Okt", "Nov")]
    assert not any(row[i] == "belum dilaporkan" for row in months["baris"] for i in other)


def test_receipt_time_is_never_a_copied_files_modification_time(impor):
    store, lap = impor
    tw4 = kepatuhan_triwulan(store, 2025, 4, "bappeda").iloc[0]
    assert tw4["status"] == "waktu terima tidak diketahui" and tw4["hari_terlambat"] == 0
    text = " ".join(kinerja.triwulanan(store, "bappeda", 2025, 12).penyampaian())
    assert "tidak diketahui" in text and "terlambat" not in text and "Desember 2026" not in text


def test_a_zero_beside_one_hundred_percent_is_named_not_judged(impor):
    store, lap = impor
    kum = analisis.capaian_kumulatif(store, "bappeda", 2025, 12).set_index("indikator")
    row = kum.loc["Jumlah Laporan Penyediaan Jasa Surat Menyurat"]
    assert any("bertentangan" in v for v in row["verifikasi"]) and not row["dihitung"]
    said = [t for t in _kalimat(lap, "target") if "Jumlah Laporan Penyediaan Jasa Surat Menyurat" in t]
    assert not any("Sangat Rendah" in t for t in said) and any("bertentangan" in t for t in said)


def test_missing_earlier_years_are_said_once(impor):
    _, lap = impor
    assert sum("tahun-tahun sebelumnya belum tersedia" in t for t in _kalimat(lap)) == 1


def test_the_imports_notes_are_not_the_units_words(impor):
    _, lap = impor
    sebab = _kalimat(lap, "sebab")
    assert not any("menurut perangkat daerah: K tertulis" in t for t in sebab)
    assert any("Catatan pembacaan berkas sumber (bukan keterangan" in t and "K tertulis" in t for t in sebab)
