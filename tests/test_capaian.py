"""Capaian: the seeds' worked examples, every formula and convention, and properties."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kinerja.core.catatan import Catatan as C
from kinerja import hitung_capaian
from kinerja.core.formatting import bulatkan
from kinerja.core.capaian import capaian_tabel
from kinerja import capaian


def one(target, realisasi, polaritas=None, **kw):
    frame = pd.DataFrame(
        {"target": pd.Series([target], dtype=object), "realisasi": pd.Series([realisasi], dtype=object),
         "polaritas": [polaritas]}
    )
    row = hitung_capaian(frame, **kw).iloc[0]
    return row["capaian"], C(int(row["kode"])), row


# --- worked examples from the seeds -----------------------------------------------


def test_seed001_lan_dana_350_of_375_juta():
    assert bulatkan(capaian("375 juta", "350 juta"), 2) == 93.33


def test_seed001_lan_hasil_75_of_80_percent():
    assert capaian("80%", "75%") == 93.75


def test_seed001_lan_sasaran_23_of_25_percent():
    assert capaian("25%", "23%") == pytest.approx(92.0)


def test_seed001_lan_full_achievement_examples():
    assert capaian("150 peserta", "150 peserta") == 100.0
    assert capaian("950 juta", "950 juta") == 100.0
    assert capaian("20%", "20%") == 100.0


def test_seed002_positive_formula():
    # Capaian = Realisasi / Target × 100%
    assert capaian(80, 60, "positif") == 75.0


def test_seed002_negative_formula():
    # Capaian = ((2 × Target) − Realisasi) / Target × 100%
    assert capaian(10, 8, "negatif") == pytest.approx(120.0)
    assert capaian(10, 12, "negatif") == pytest.approx(80.0)
    assert capaian(49, 49, "negatif") == 100.0  # not 0, as some applications compute


# --- polarities -------------------------------------------------------------------


def test_negative_polarity_real_kemiskinan():
    value, flags, _ = one("6,50%", "6,12%", "Negatif")
    assert value == pytest.approx((2 * 6.5 - 6.12) / 6.5 * 100)
    assert flags == 0


@pytest.mark.parametrize(
    "realisasi,expected,flag",
    [
        (70, 87.5, C.DI_BAWAH_RENTANG),
        (80, 100.0, 0),
        (85, 100.0, 0),
        (90, 100.0, 0),
        (92, 92 / 90 * 100, C.DI_ATAS_RENTANG),
    ],
)
def test_range_target_on_positive_indicator(realisasi, expected, flag):
    value, flags, _ = one("80–90", realisasi, "positif")
    assert value == pytest.approx(expected)
    assert bulatkan(value, 2) in (87.5, 100.0, 102.22)
    assert flags == flag


def test_range_target_on_negative_indicator():
    assert one("10-12", 9, "negatif")[0] == pytest.approx((2 * 10 - 9) / 10 * 100)
    assert one("10-12", 11, "negatif")[0] == 100.0
    assert one("10-12", 15, "negatif")[0] == pytest.approx((2 * 12 - 15) / 12 * 100)


@pytest.mark.parametrize(
    "target,realisasi,expected",
    [("3±1", 3.5, 100.0), ("3±1", 2, 100.0), ("3±1", 4, 100.0), ("3±1", 1.5, 75.0), ("3±1", 5, 75.0), ("2-4", 6, 50.0)],
)
def test_stabil_band(target, realisasi, expected):
    assert one(target, realisasi, "stabil")[0] == pytest.approx(expected)
    assert one(target, realisasi, "rentang")[0] == pytest.approx(expected)


def test_stabil_with_point_target():
    assert one(3, 3, "stabil")[0] == 100.0
    assert one(4, 2, "stabil")[0] == 50.0
    assert one(4, 6, "stabil")[0] == 50.0


@pytest.mark.parametrize(
    "target,realisasi,expected",
    [("WTP", "WTP", 100.0), ("WTP", "WDP", 75.0), ("WTP", "TMP", 25.0), ("BB", "A", 600 / 5), ("A", "BB", 500 / 6)],
)
def test_kualitatif_ranks(target, realisasi, expected):
    assert one(target, realisasi, "kualitatif")[0] == pytest.approx(expected)
    value, flags, row = one(target, realisasi)  # inferred from the grades
    assert value == pytest.approx(expected)
    assert row["polaritas_dipakai"] == "kualitatif"


def test_kualitatif_scale_mismatch_is_flagged_not_guessed():
    value, flags, _ = one("WTP", "A", "kualitatif")
    assert math.isnan(value) and C.SKALA_KUALITATIF_TIDAK_COCOK in flags
    value, flags, _ = one("WTP", 75, "kualitatif")
    assert math.isnan(value) and C.SKALA_KUALITATIF_TIDAK_COCOK in flags
    value, flags, _ = one(80, "WDP", "positif")
    assert math.isnan(value) and C.SKALA_KUALITATIF_TIDAK_COCOK in flags


def test_grades_override_a_numeric_polarity_with_a_flag():
    value, flags, row = one("WTP", "WDP", "positif")
    assert value == 75.0 and C.POLARITAS_KUALITATIF in flags and row["polaritas_dipakai"] == "kualitatif"


# --- conventions of domain.md §2 -----------------------------------------------------


def test_target_zero_negative():
    assert one(0, 0, "negatif")[0] == 100.0
    value, flags, _ = one(0, 3, "negatif")
    assert value == 0.0 and C.TARGET_NOL_NEGATIF in flags


def test_band_starting_at_zero_is_a_band_not_a_zero_target():
    assert one("0-1", 1, "negatif")[0] == 100.0
    assert one("0-1", 0.5, "positif")[0] == 100.0
    value, flags, _ = one("0-1", 3, "negatif")
    assert value == 0.0 and C.NEGATIF_DIBATASI_NOL in flags and C.TARGET_NOL_NEGATIF not in flags
    assert one(0, 0, "stabil")[0] == 100.0


def test_target_zero_positive_is_undefined():
    value, flags, _ = one(0, 5, "positif")
    assert math.isnan(value) and C.TARGET_NOL_POSITIF in flags
    value, flags, _ = one(0, 0, "positif")
    assert math.isnan(value) and C.TARGET_NOL_POSITIF in flags


@pytest.mark.parametrize("missing", ["", "-", "–", "n/a", None])
def test_missing_realisasi_is_nan_never_zero(missing):
    value, flags, row = one(80, missing, "positif")
    assert math.isnan(value)
    assert C.REALISASI_KOSONG in flags
    assert "realisasi belum diisi" in row["catatan"]


def test_missing_target():
    value, flags, _ = one("-", 80, "positif")
    assert math.isnan(value) and C.TARGET_KOSONG in flags


def test_negative_beyond_twice_target_reports_zero_with_flag():
    value, flags, row = one(5, 12, "negatif")
    assert value == 0.0 and C.NEGATIF_DIBATASI_NOL in flags
    assert "dilaporkan 0" in row["catatan"]
    assert one(5, 10, "negatif")[0] == 0.0  # exactly 2T: formula gives 0, no clamp needed
    assert C.NEGATIF_DIBATASI_NOL not in one(5, 10, "negatif")[1]


@pytest.mark.parametrize(
    "target,implied", [("kurang dari 49", "negatif"), ("< 49", "negatif"), ("maksimal 49", "negatif"),
                       ("minimal 49", "positif"), ("lebih dari 49", "positif"), ("≥ 49", "positif")]
)
def test_polarity_inferred_from_bound(target, implied):
    value, flags, row = one(target, 40)
    assert row["polaritas_dipakai"] == implied
    assert C.POLARITAS_DARI_BATAS in flags
    expected = (2 * 49 - 40) / 49 * 100 if implied == "negatif" else 40 / 49 * 100
    assert value == pytest.approx(expected)


def test_explicit_polarity_wins_over_bound_with_a_flag():
    value, flags, row = one("kurang dari 49", 40, "positif")
    assert row["polaritas_dipakai"] == "positif" and C.POLARITAS_BERTENTANGAN in flags
    assert value == pytest.approx(40 / 49 * 100)


def test_missing_polarity_defaults_to_positive_with_a_flag():
    value, flags, row = one(80, 60)
    assert value == 75.0 and row["polaritas_dipakai"] == "positif" and C.POLARITAS_DIANGGAP_POSITIF in flags


def test_range_without_polarity_is_stabil():
    value, flags, row = one("3±1", 5)
    assert row["polaritas_dipakai"] == "stabil" and C.POLARITAS_DARI_RENTANG in flags and value == 75.0


def test_unknown_polarity_withholds_capaian():
    value, flags, row = one(80, 60, "kadang-kadang")
    assert math.isnan(value) and C.POLARITAS_TIDAK_DIKENAL in flags


@pytest.mark.parametrize("alias,canonical", [("POSITIF", "positif"), (" Negatif ", "negatif"), ("rentang", "stabil")])
def test_polarity_aliases(alias, canonical):
    assert one(10, 10, alias)[2]["polaritas_dipakai"] == canonical


def test_invalid_values_name_the_raw_text():
    value, flags, row = one(100, "12,5a", "positif")
    assert math.isnan(value) and C.REALISASI_TIDAK_VALID in flags
    assert 'realisasi "12,5a"' in row["catatan"]
    value, flags, row = one("sepuluh", 5, "positif")
    assert math.isnan(value) and 'target "sepuluh"' in row["catatan"]


def test_range_realisasi_is_rejected():
    value, flags, _ = one(80, "70-90", "positif")
    assert math.isnan(value) and C.REALISASI_BUKAN_TUNGGAL in flags


def test_negative_target_generalised_formula():
    # pertumbuhan −2 % target, −1 % achieved: better than target
    value, flags, _ = one(-2, -1, "positif")
    assert value == 150.0 and C.TARGET_NEGATIF in flags
    assert one(-2, -3, "positif")[0] == 50.0
    assert one(-2, -1, "negatif")[0] == 50.0


def test_ambiguous_separators_are_flagged():
    _, flags, row = one("1.000 orang", "1.120 orang", "positif")
    assert C.PEMISAH_DITEBAK_TARGET in flags and C.PEMISAH_DITEBAK_REALISASI in flags
    assert '"1.000 orang"' in row["catatan"]


def test_different_units_are_flagged():
    _, flags, _ = one("100 orang", "90 dokumen", "positif")
    assert C.SATUAN_BERBEDA in flags
    assert C.SATUAN_BERBEDA not in one("80%", "75", "positif")[1]


# --- no cap by default; cap per run or per indicator -------------------------------


def test_no_cap_by_default():
    assert one(120, 221.7, "positif")[0] == pytest.approx(184.75)


def test_cap_per_run():
    value, flags, _ = one(100, 150, "positif", batas_capaian=120)
    assert value == 120.0 and C.DIBATASI in flags
    value, flags, _ = one(100, 110, "positif", batas_capaian=120)
    assert value == 110.0 and C.DIBATASI not in flags


def test_cap_per_indicator_and_per_run_together():
    frame = pd.DataFrame({"target": [100, 100, 100], "realisasi": [150, 150, 150], "batas_capaian": [110, None, "-"]})
    out = capaian_tabel(frame, batas_capaian=130)
    assert out["capaian"].tolist() == [110.0, 130.0, 130.0]
    out = capaian_tabel(frame)
    assert out["capaian"].tolist() == [110.0, 150.0, 150.0]


# --- vectorised table behaviour -------------------------------------------------------


def test_bad_rows_do_not_stop_good_rows():
    frame = pd.DataFrame({"target": ["80%", "x", "10"], "realisasi": ["75%", "5", "?"], "polaritas": ["", "", "negatif"]})
    out = hitung_capaian(frame)
    assert out["capaian"].iloc[0] == 93.75
    assert out["capaian"].iloc[1:].isna().all()
    assert (out["catatan"].iloc[1:] != "").all()


def test_full_precision_is_kept():
    assert capaian(3, 1) == 100 / 3
    assert capaian(375, 350) == 35000 / 375
    assert bulatkan(capaian(375, 350), 2) == 93.33


def test_table_keeps_input_columns_and_renames_clashes():
    frame = pd.DataFrame({"Target": ["80"], "REALISASI": ["60"], "Capaian": ["75,00"], "indikator": ["x"]})
    out = capaian_tabel(frame)
    # without a polaritas column the polarity guessed from the indicator's name is shown per row
    assert list(out.columns) == ["Target", "REALISASI", "Capaian (berkas)", "indikator", "capaian", "predikat", "catatan",
                                 "polaritas", "polaritas_sumber"]
    assert out["predikat"].iloc[0] == "Sedang"


# --- properties -------------------------------------------------------------------------

positive = st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False)
anything = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


def engine(targets, realisasis, polaritas):
    frame = pd.DataFrame({"target": targets, "realisasi": realisasis, "polaritas": polaritas})
    return hitung_capaian(frame)["capaian"].to_numpy()


@settings(max_examples=200, deadline=None)
@given(positive, anything, anything)
def test_capaian_rises_with_realisasi_for_positif(t, r1, r2):
    assume(r1 != r2)
    lo, hi = sorted((r1, r2))
    c = engine([t, t], [lo, hi], ["positif"] * 2)
    assert c[0] <= c[1]


@settings(max_examples=200, deadline=None)
@given(positive, st.floats(min_value=0, max_value=1e9), st.floats(min_value=0, max_value=1e9))
def test_capaian_falls_with_realisasi_for_negatif(t, r1, r2):
    lo, hi = sorted((r1, r2))
    c = engine([t, t], [lo, hi], ["negatif"] * 2)
    assert c[0] >= c[1]
    assert (c >= 0).all()


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e9, max_value=1e9).filter(lambda x: abs(x) > 1e-6), st.sampled_from(["positif", "negatif", "stabil"]))
def test_realisasi_equal_to_target_gives_100(t, pol):
    assert engine([t], [t], [pol])[0] == 100.0


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=1e-3, max_value=1e6),
    st.floats(min_value=0, max_value=1),
    st.sampled_from(["positif", "negatif", "stabil"]),
)
def test_inside_a_range_gives_100(a, width, frac, pol):
    lo, hi = round(a, 6), round(a + width, 6)
    r = lo + frac * (hi - lo)
    assume(lo < hi and lo <= r <= hi)
    frame = pd.DataFrame({"target": [f"{lo:.6f} s/d {hi:.6f}"], "realisasi": [r], "polaritas": [pol]})
    assert hitung_capaian(frame, desimal="titik")["capaian"].iloc[0] == 100.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(positive, anything, st.sampled_from(["positif", "negatif", "stabil", ""])), min_size=1, max_size=40))
def test_vectorised_equals_row_by_row(rows):
    t, r, p = zip(*rows)
    together = engine(list(t), list(r), list(p))
    alone = np.array([engine([a], [b], [c])[0] for a, b, c in rows])
    np.testing.assert_array_equal(together, alone)


def test_a_catatan_never_speaks_of_a_capaian_that_is_not_there():
    """Before: a pejabat's indicator with nothing reported read "Belum dilaporkan: Januari–Juni; capaian dari
    bulan yang dilaporkan" beside capaian "–", and a monthly one compared with its annual target was said to
    lack "target per triwulan"."""
    kum = pd.DataFrame({"bulan_kosong": [[1, 2, 3, 4, 5, 6], [3], []], "keterangan_kosong": [[], [], []],
                        "verifikasi": [[], [], []], "capaian": [float("nan"), 97.1, 94.2],
                        "realisasi": [float("nan"), 75.7, 19.26], "pembanding": ["periode", "periode", "tahunan"],
                        "periode_data": ["bulan", "bulan", "bulan"]})
    from kinerja.analisis.dari_store import catatan_periode

    notes = catatan_periode(kum).tolist()
    assert notes[0] == "Belum dilaporkan: Januari–Juni; capaian belum dapat dihitung."
    assert notes[1] == "Belum dilaporkan: Maret; capaian dari bulan yang dilaporkan."
    assert notes[2] == "Dibandingkan dengan target tahunan (sumber data tidak memuat target per bulan)."
