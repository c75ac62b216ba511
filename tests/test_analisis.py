"""From the store to the tables of the documents (on the sample's Dinas Kesehatan)."""

import numpy as np
import pandas as pd
import pytest

from conftest import BULAN, TAHUN
from kinerja import analisis, capaian, hitung_capaian


def test_monthly_table_has_every_pk_indicator_and_month(store):
    t = analisis.tabel_bulanan(store, "dinkes", TAHUN)
    pk = store.current("target", unit_kode="dinkes", dokumen="pk", tahun=TAHUN)
    assert set(t["indikator_kode"]) == set(pk["indikator_kode"])
    assert len(t) == 12 * len(pk) and sorted(t["bulan"].unique()) == list(range(1, 13))
    assert t[t["bulan"] > BULAN]["realisasi"].isna().all()


def test_monthly_capaian_is_the_engine_on_the_stored_values(store):
    t = analisis.capaian_bulanan(store, "dinkes", TAHUN)
    row = t[(t["indikator_kode"] == "persentase balita stunting") & (t["bulan"] == 2)].iloc[0]
    assert row["capaian"] == pytest.approx(capaian(row["target"], row["realisasi"], "negatif"))
    rasio = t[(t["indikator_kode"] == "cakupan imunisasi dasar lengkap") & t["pembilang"].notna()].iloc[0]
    assert rasio["capaian"] == pytest.approx(rasio["pembilang"] / rasio["penyebut"] * 100 * 100 /
                                             rasio["target_nilai"])


def test_year_to_date_compares_like_with_like(store):
    t = analisis.tabel_bulanan(store, "dinkes", TAHUN)
    k = analisis.capaian_kumulatif(store, "dinkes", TAHUN, BULAN).set_index("indikator_kode")
    aki = t[(t["indikator_kode"] == "angka kematian ibu") & (t["bulan"] <= BULAN)]
    row = k.loc["angka kematian ibu"]
    assert row["realisasi"] == aki["realisasi_nilai"].sum() and row["target"] == aki["target_nilai"].sum()
    assert row["capaian"] == pytest.approx(capaian(row["target"], row["realisasi"], "negatif"))
    assert row["capaian_tahunan"] == pytest.approx(capaian(row["target_tahunan_nilai"], row["realisasi"], "negatif"))
    stunting = t[(t["indikator_kode"] == "persentase balita stunting") & (t["bulan"] <= BULAN)
                 & t["realisasi_nilai"].notna()]
    assert k.loc["persentase balita stunting", "realisasi"] == stunting["realisasi_nilai"].iloc[-1]  # akhir


def test_grades_are_measured_as_written(store):
    k = analisis.capaian_kumulatif(store, "nusa-rekaan", TAHUN, 12).set_index("indikator_kode")
    inflasi = k.loc["laju inflasi"]
    assert inflasi["target"] == "3±1" and not np.isnan(inflasi["capaian"])
    opini = k.loc["opini bpk atas lkpd"]
    assert opini["target"] == "WTP"
    assert opini["realisasi"] in ("WTP", "WDP", "–") or pd.isna(opini["realisasi"])


def test_history_has_earlier_realisasi_and_renstra_targets(store):
    h = analisis.riwayat(store, "dinkes")
    aki = h[h["indikator_kode"] == "angka kematian ibu"].set_index("tahun")
    assert {TAHUN - 3, TAHUN - 2, TAHUN - 1} <= set(aki.index[aki["realisasi"].notna()])
    assert aki.loc[TAHUN, "target_renstra"] is not None and aki["tahun_akhir"].iloc[0] == TAHUN + 3
    assert aki.loc[TAHUN - 2, "jenis"] == "awal"


def test_budget_s_curve(store):
    a = analisis.anggaran_program(store, "dinkes", TAHUN)
    one = a[a["program"] == a["program"].iloc[0]]
    assert list(one["bulan"]) == list(range(1, 13))
    assert one["rencana_penyerapan_kumulatif"].iloc[-1] == pytest.approx(100.0)
    assert one["penyerapan_kumulatif"].is_monotonic_increasing
    assert one["penyerapan_kumulatif"].iloc[BULAN - 1] == pytest.approx(
        one["realisasi_anggaran"].iloc[:BULAN].sum() / one["pagu"].iloc[0] * 100)
