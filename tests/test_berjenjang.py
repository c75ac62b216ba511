"""Capaian rolled up indikator → sasaran → unit → kabupaten: weights as data, the cap,
traceability (a parent is the sum of its children's contributions), one definition."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.analisis import dari_store as analisis
from kinerja.contoh import store as contoh
from kinerja.core.berjenjang import Bobot, capaian_berjenjang, capaian_kabupaten, capaian_unit, muat_bobot
from kinerja.core.errors import KinerjaError

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH


def _kum(rows):
    return pd.DataFrame(rows, columns=["unit_kode", "sasaran", "indikator_kode", "indikator", "capaian", "dihitung"])


def test_equal_weights_average_within_sasaran_then_across_sasaran():
    kum = _kum([("a", "S1", "i1", "I1", 60.0, True), ("a", "S1", "i2", "I2", 80.0, True),
                ("a", "S1", "i3", "I3", 100.0, True), ("a", "S2", "i4", "I4", 120.0, True)])
    r = capaian_berjenjang(kum)
    sas = r[r["tingkat"] == "sasaran"].set_index("sasaran")
    assert sas.loc["S1", "capaian"] == 80.0 and sas.loc["S2", "capaian"] == 120.0
    assert r[r["tingkat"] == "unit"]["capaian"].item() == 100.0  # not the indicators' plain mean (90)
    assert sas["bagian"].to_dict() == {"S1": 3, "S2": 1}


def test_weights_change_the_roll_up_as_documented():
    kum = _kum([("a", "S1", "i1", "I1", 60.0, True), ("a", "S1", "i2", "I2", 100.0, True),
                ("a", "S2", "i3", "I3", 120.0, True)])
    bobot = Bobot(indikator={("a", "i2"): 3.0}, sasaran={("a", "S2"): 2.0})
    r = capaian_berjenjang(kum, bobot=bobot)
    s1 = (60 * 1 + 100 * 3) / 4
    assert r[r["tingkat"] == "sasaran"].set_index("sasaran").loc["S1", "capaian"] == s1
    assert math.isclose(r[r["tingkat"] == "unit"]["capaian"].item(), (s1 * 1 + 120 * 2) / 3)


def test_a_cap_limits_what_one_indicator_brings():
    kum = _kum([("a", "S1", "i1", "I1", 250.0, True), ("a", "S1", "i2", "I2", 50.0, True)])
    r = capaian_berjenjang(kum, bobot=Bobot(batas_kontribusi=120))
    ind = r[r["tingkat"] == "indikator"].set_index("indikator_kode")
    assert ind.loc["i1", "capaian"] == 250.0 and ind.loc["i1", "kontribusi"] == 60.0  # capped at 120, half share
    assert "batas sumbangan" in ind.loc["i1", "catatan"]
    assert r[r["tingkat"] == "unit"]["capaian"].item() == 85.0


def test_rows_that_may_not_enter_averages_are_kept_but_bring_nothing():
    kum = _kum([("a", "S1", "i1", "I1", 90.0, True), ("a", "S1", "i2", "I2", 635.0, False),
                ("a", "S2", "i3", "I3", None, False)])
    r = capaian_berjenjang(kum)
    ind = r[r["tingkat"] == "indikator"].set_index("indikator_kode")
    assert ind.loc["i2", "capaian"] == 635.0 and np.isnan(ind.loc["i2", "kontribusi"])
    assert "perlu diverifikasi" in ind.loc["i2", "catatan"] and "tanpa capaian" in ind.loc["i3", "catatan"]
    sas = r[r["tingkat"] == "sasaran"].set_index("sasaran")
    assert np.isnan(sas.loc["S2", "capaian"]) and sas.loc["S2", "bagian"] == 0  # not zero: not measured
    assert r[r["tingkat"] == "unit"]["capaian"].item() == 90.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["S1", "S2", "S3"]),
                          st.floats(0, 300), st.booleans(), st.floats(0.1, 5)), min_size=1, max_size=25),
       st.one_of(st.none(), st.floats(50, 200)))
def test_every_parent_is_the_sum_of_its_childrens_contributions(rows, batas):
    kum = _kum([(u, s, f"i{n}", f"I{n}", c, d) for n, (u, s, c, d, _) in enumerate(rows)])
    bobot = Bobot(batas_kontribusi=batas, indikator={(u, f"i{n}"): w for n, (u, _, _, _, w) in enumerate(rows)})
    r = capaian_berjenjang(kum, bobot=bobot)
    ind, sas, uni = (r[r["tingkat"] == t] for t in ("indikator", "sasaran", "unit"))
    summed = ind.groupby(["unit_kode", "sasaran"])["kontribusi"].sum(min_count=1)
    got = sas.set_index(["unit_kode", "sasaran"])["capaian"]
    assert np.allclose(got.reindex(summed.index), summed, equal_nan=True)
    assert np.allclose(uni.set_index("unit_kode")["capaian"],
                       sas.groupby("unit_kode")["kontribusi"].sum(min_count=1).reindex(uni["unit_kode"]),
                       equal_nan=True)
    shares = ind.groupby(["unit_kode", "sasaran"])["porsi"].sum(min_count=1).dropna()
    assert np.allclose(shares, 1.0)
    counted = ind[ind["dihitung"] & ind["capaian"].notna()]["capaian"]
    top = batas if batas is not None else counted.max() if len(counted) else 0
    assert (uni["capaian"].dropna() <= min(top, counted.max() if len(counted) else 0) + 1e-9).all()


def test_the_kabupaten_rolls_up_its_perangkat_daerah_not_its_own_indicators():
    store = contoh.store_contoh(TAHUN, BULAN)
    units = store.current("unit")
    kum = analisis.capaian_kumulatif(store, None, TAHUN, BULAN)
    r = capaian_berjenjang(kum, units, muat_bobot())
    kab = r[r["tingkat"] == "kabupaten"]
    pds = r[(r["tingkat"] == "unit") & r["unit_kode"].isin(units.loc[units["jenis"] == "perangkat_daerah", "kode"])]
    assert len(kab) == 1 and kab["bagian"].item() == pds["capaian"].notna().sum() == 40
    assert math.isclose(kab["capaian"].item(), pds["kontribusi"].sum())
    assert math.isclose(kab["capaian"].item(), pds["capaian"].mean())  # equal weights
    # the same value the pages and documents use
    ringkasan = analisis.ringkasan_unit(store, TAHUN, BULAN, kum=kum)
    assert math.isclose(capaian_kabupaten(ringkasan, units)["capaian"].item(), kab["capaian"].item())
    own = r[(r["tingkat"] == "unit") & (r["unit_kode"] == "nusa-rekaan")]["capaian"].item()
    assert math.isclose(own, analisis.rata_capaian(kum[kum["unit_kode"] == "nusa-rekaan"]))


def test_every_unit_gets_the_same_capaian_everywhere():
    store = contoh.store_contoh(TAHUN, BULAN)
    kum = analisis.capaian_kumulatif(store, None, TAHUN, BULAN)
    ringkasan = analisis.ringkasan_unit(store, TAHUN, BULAN, kum=kum).set_index("unit_kode")["capaian"]
    per_unit = capaian_unit(kum)
    for unit in ("dinkes", "dispar", "bappeda"):
        alone = analisis.rata_capaian(analisis.capaian_kumulatif(store, unit, TAHUN, BULAN))
        assert math.isclose(alone, ringkasan[unit]) and math.isclose(alone, per_unit[unit])


def test_weights_file_is_checked_with_located_messages(tmp_path):
    path = tmp_path / "bobot.yaml"
    path.write_text("indikator:\n  dinkes:\n    angka kematian ibu: dua\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match=r"bobot.yaml: indikator\.dinkes\.angka kematian ibu harus angka, bukan 'dua'"):
        muat_bobot(path)
    path.write_text("unit:\n  dinkes: -1\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match=r"bobot.yaml: unit\.dinkes harus angka > 0 \(lebih dari nol\)"):
        muat_bobot(path)
    path.write_text("bobot_lain: 1\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match="tidak dikenal"):
        muat_bobot(path)
    path.write_text("batas_kontribusi: 120\nsasaran:\n  dinkes:\n    S: 2\nunit:\n  dinkes: 3\n", encoding="utf-8")
    assert muat_bobot(path) == Bobot(120.0, {}, {("dinkes", "S"): 2.0}, {"dinkes": 3.0})
