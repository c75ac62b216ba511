"""From the store to the tables of the documents (on the sample's Dinas Kesehatan)."""

import numpy as np
import pandas as pd
import pytest

from conftest import BULAN, TAHUN
from kinerja import hitung_capaian
from kinerja.analisis import dari_store as analisis
from kinerja import capaian


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
    assert "capaian_tahunan" not in k.columns  # the annual target is never the denominator before December
    assert row["target_tahunan_nilai"] > row["target"]
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


def test_all_units_at_once_equals_one_unit_at_a_time(store):
    """unit=None reads every unit in one pass; each unit's slice is what the per-unit call gives."""
    from kinerja.analisis import dari_store as a

    for name, call in [("bulanan", lambda u: a.capaian_bulanan(store, u, TAHUN)),
                       ("kumulatif", lambda u: a.capaian_kumulatif(store, u, TAHUN, 3)),
                       ("riwayat", lambda u: a.riwayat(store, u)),
                       ("anggaran", lambda u: a.anggaran_program(store, u, TAHUN))]:
        every = call(None)
        assert set(every["unit_kode"]) >= {"nusa-rekaan", "dinkes"}, name
        for unit in ("nusa-rekaan", "dinkes", "dinkes-kesmas"):
            one = call(unit)
            part = every[every["unit_kode"] == unit].reset_index(drop=True)
            def same_missing(frame):  # None in a one-unit column is NaN once mixed with text
                return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)

            pd.testing.assert_frame_equal(same_missing(part), same_missing(one), check_dtype=False,
                                          obj=f"{name} {unit}")
