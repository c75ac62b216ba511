"""The sample kabupaten's evaluasi AKIP: every perangkat daerah has an LKE of the sample year in
the store (some unfinished by the evaluator: belum lengkap), last year's recommendations are
followed up, and the evidence kinerja holds names its source."""

from __future__ import annotations

import pytest

from conftest import BULAN, TAHUN
from kinerja.contoh import store as contoh
from kinerja.core.formatting import format_tanggal
from kinerja.core.lke import nilai_lke
from kinerja.evaluasi import muat_lke, muat_rekomendasi
from kinerja.evaluasi.lke_bukti import bukti_lke


@pytest.fixture(scope="module")
def store():
    return contoh.store_contoh(TAHUN, BULAN)


def test_every_perangkat_daerah_has_lke_answers_and_some_are_unfinished(store):
    units = store.current("unit")
    pd_units = set(units.loc[units["jenis"] == "perangkat_daerah", "kode"])
    lke = muat_lke(store, TAHUN)
    assert set(lke["kode_unit"]) == pd_units and (lke.groupby("kode_unit").size() == 12).all()
    hasil = {u: nilai_lke(dict(zip(g["kode"], g["jawaban_evaluator"]))) for u, g in lke.groupby("kode_unit")}
    unfinished = [u for u, h in hasil.items() if not h.lengkap]
    assert 0 < len(unfinished) < len(hasil) and all(hasil[u].label == "belum lengkap" for u in unfinished)
    assert {h.predikat for h in hasil.values() if h.lengkap} >= {"CC", "B"}
    assert lke["jawaban_mandiri"].notna().all() and set(lke["revisi"]) == {1, 2}


def test_last_years_recommendations_are_followed_up(store):
    rek = muat_rekomendasi(store, TAHUN - 1)
    assert len(rek) > 20 and set(rek["status"]) == {"ditindaklanjuti", "belum"}
    assert not muat_rekomendasi(store, TAHUN).empty  # the evaluator's of this year, status baru
    assert set(muat_rekomendasi(store, TAHUN)["status"]) == {"baru"}


def test_kinerja_holds_evidence_of_pk_craapk_alignment_and_lkjip_analyses(store):
    bukti = bukti_lke(store, "dinkes", TAHUN)
    subs = store.submissions()
    pk = subs[(subs["dokumen"] == "PK") & (subs["unit_kode"] == "dinkes") & (subs["tahun"] == TAHUN)]["diterima"].min()
    assert f"Perjanjian Kinerja {TAHUN} diterima kinerja {format_tanggal(pk)}" in bukti["1.a.4"]
    assert bukti["1.c.4"].startswith(f"CRAAPK Januari–Maret {TAHUN}: ") and "[sumber: kepatuhan" in bukti["1.c.4"]
    assert "[sumber: pemeriksaan keselarasan pohon kinerja" in bukti["1.b.8"]
    assert "[sumber: data LKjIP" in bukti["3.b.7"] and "4.c.1" in bukti
    assert all("[sumber: " in line for text in bukti.values() for line in text.split("\n"))
