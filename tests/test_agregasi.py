"""Aggregation of monthly values: every rule, every period, year to date."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import KinerjaError
from kinerja.core.agregasi import agregasikan, cek_target_bulanan, kumulatif, label_periode

NAN = np.nan


def monthly(ind, agregasi, targets, realisasi, **extra):
    rows = {"ind": ind, "bulan": list(range(1, 13)), "target": targets, "realisasi": realisasi, "agregasi": agregasi}
    rows.update(extra)
    return pd.DataFrame(rows)


def year(df, **kw):
    return agregasikan(df, ["ind"], "tahun", **kw).set_index("ind")


def test_label_periode():
    b = pd.Series(range(1, 13))
    assert label_periode(b, "triwulan").tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    assert label_periode(b, "semester").tolist() == [1] * 6 + [2] * 6
    assert label_periode(b, "tahun").tolist() == [1] * 12
    with pytest.raises(KinerjaError, match="1 sampai 12"):
        label_periode(pd.Series([13]), "bulan")
    with pytest.raises(KinerjaError, match="periode"):
        label_periode(b, "minggu")


def test_jumlah_sums_targets_and_realisasi_and_skips_dash_months():
    targets = [NAN, NAN, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]  # "–": no target in Jan, Feb
    df = monthly("latih", "jumlah", targets, [NAN, NAN] + [12.0] * 10)
    r = year(df).loc["latih"]
    assert (r["target"], r["realisasi"]) == (100.0, 120.0)
    q = agregasikan(df, ["ind"], "triwulan").set_index("periode")
    assert q.loc[1, "target"] == 10.0 and q.loc[1, "realisasi"] == 12.0
    assert q.loc[2, "target"] == 30.0


def test_percentages_are_not_summed_across_quarters():
    df = monthly("pct", "akhir", [80.0] * 12, [70, 72, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83.0])
    r = year(df).loc["pct"]
    assert (r["target"], r["realisasi"]) == (80.0, 83.0)
    q = agregasikan(df, ["ind"], "triwulan")
    assert q["realisasi"].tolist() == [74.0, 77.0, 80.0, 83.0]


def test_akhir_uses_target_of_the_month_of_last_realisasi():
    targets = [50.0 + m for m in range(1, 13)]
    real = [49.0 + m for m in range(1, 13)]
    real[10] = real[11] = NAN
    r = year(pd.DataFrame(monthly("x", "akhir", targets, real))).loc["x"]
    assert (r["realisasi"], r["target"], r["bulan_terakhir"]) == (59.0, 60.0, 10)
    assert r["bulan_tanpa_realisasi"] == 2


def test_akhir_falls_back_to_annual_target_without_monthly_targets():
    df = monthly("x", "akhir", [NAN] * 12, [NAN] * 5 + [70.0] + [NAN] * 6, target_tahunan=[75.0] * 12)
    r = year(df).loc["x"]
    assert (r["realisasi"], r["target"]) == (70.0, 75.0)


def test_rata_rata_means_reported_months_only():
    df = monthly("x", "rata-rata", [5.0] * 12, [1, 2, 3, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN])
    r = year(df).loc["x"]
    assert (r["realisasi"], r["target"], r["bulan_lapor"]) == (2.0, 5.0, 3)


def test_rasio_divides_sums_not_averages_of_ratios():
    p = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 90.0]
    q = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 100.0]
    df = monthly("x", "rasio", [80.0] * 12, [NAN] * 12, pembilang=p, penyebut=q)
    r = year(df).loc["x"]
    assert r["realisasi"] == pytest.approx(101 / 122 * 100)
    assert r["bulan_lapor"] == 12
    df["faktor"] = 1000.0
    assert year(df).loc["x", "realisasi"] == pytest.approx(101 / 122 * 1000)


def test_maks_and_min():
    real = [3, 9, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.0]
    assert year(monthly("x", "maks", [7.0] * 12, real)).loc["x", "realisasi"] == 9.0
    assert year(monthly("x", "min", [7.0] * 12, real)).loc["x", "realisasi"] == 1.0


def test_a_period_with_no_realisasi_is_nan_not_zero():
    df = monthly("x", "jumlah", [10.0] * 12, [5.0] * 3 + [NAN] * 9)
    q = agregasikan(df, ["ind"], "triwulan")
    assert q["realisasi"].iloc[0] == 15.0
    assert q["realisasi"].iloc[1:].isna().all()
    assert q["bulan_tanpa_realisasi"].tolist() == [0, 3, 3, 3]


def test_a_month_not_reported_leaves_both_sides_of_the_sum():
    # March not reported: neither its realisasi nor its target counts, so a late month
    # does not look like a month of zero performance.
    df = monthly("x", "jumlah", [10.0] * 12, [9.0, 11.0, NAN, 10.0] + [NAN] * 8)
    r = year(df, sampai_bulan=4).loc["x"]
    assert (r["target"], r["realisasi"], r["bulan_tanpa_realisasi"]) == (30.0, 30.0, 1)
    cum = kumulatif(df, ["ind"]).set_index("bulan")
    assert cum.loc[3, "target_kumulatif"] == 20.0 and cum.loc[4, "target_kumulatif"] == 30.0
    # Nothing reported yet: the plan for the period stays as the target, realisasi NaN.
    q = agregasikan(df, ["ind"], "triwulan").set_index("periode")
    assert q.loc[3, "target"] == 30.0 and np.isnan(q.loc[3, "realisasi"])
    # rata-rata: the mean of the targets of the reported months only.
    m = monthly("y", "rata-rata", [4.0, 8.0] + [20.0] * 10, [5.0, 7.0] + [NAN] * 10)
    assert year(m).loc["y", "target"] == 6.0


def test_year_to_date_compares_like_with_like():
    df = monthly("x", "jumlah", [10.0] * 12, [12.0] * 6 + [NAN] * 6)
    r = year(df, sampai_bulan=6).loc["x"]
    assert (r["target"], r["realisasi"]) == (60.0, 72.0)


def test_aliases_and_unknown_rule():
    df = monthly("x", "Rata2", [5.0] * 12, [5.0] * 12)
    assert year(df).loc["x", "agregasi"] == "rata-rata"
    with pytest.raises(KinerjaError, match="agregasi tidak dikenal"):
        year(monthly("x", "median", [5.0] * 12, [5.0] * 12))


def test_one_rule_per_indicator():
    df = monthly("x", "jumlah", [5.0] * 12, [5.0] * 12)
    df.loc[3, "agregasi"] = "akhir"
    with pytest.raises(KinerjaError, match="satu agregasi"):
        year(df)


def test_several_indicators_and_keys():
    a = monthly("a", "jumlah", [1.0] * 12, [2.0] * 12).assign(unit="U1")
    b = monthly("b", "akhir", [1.0] * 12, [2.0] * 12).assign(unit="U2")
    out = agregasikan(pd.concat([a, b]), ["unit", "ind"], "semester")
    assert len(out) == 4
    assert out.set_index(["ind", "periode"]).loc[("a", 2), "realisasi"] == 12.0
    assert out.set_index(["ind", "periode"]).loc[("b", 2), "realisasi"] == 2.0


def test_check_monthly_targets_add_up_to_annual():
    a = monthly("a", "jumlah", [10.0] * 12, [NAN] * 12)
    b = monthly("b", "jumlah", [NAN] * 2 + [10.0] * 10, [NAN] * 12)
    c = monthly("c", "akhir", [50.0] * 12, [NAN] * 12)  # not jumlah: not checked
    annual = pd.DataFrame({"ind": ["a", "b", "c"], "target": [120, 120, 50]})
    bad = cek_target_bulanan(pd.concat([a, b, c]), annual, ["ind"])
    assert bad["ind"].tolist() == ["b"]
    assert bad["selisih"].iloc[0] == -20.0


rules = st.sampled_from(["jumlah", "akhir", "rata-rata", "maks", "min", "rasio"])
maybe = st.one_of(st.none(), st.floats(min_value=0, max_value=1000, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(rules, st.lists(maybe, min_size=12, max_size=12), st.lists(maybe, min_size=12, max_size=12), st.integers(1, 12))
def test_cumulative_equals_year_to_date_aggregation(rule, targets, realisasi, month):
    df = monthly("x", rule, [NAN if v is None else v for v in targets], [NAN if v is None else v for v in realisasi])
    if rule == "rasio":
        df["pembilang"] = df["realisasi"]
        df["penyebut"] = df["target"].fillna(1.0) + 1.0
        df["realisasi"] = NAN
    cum = kumulatif(df, ["ind"]).set_index("bulan")
    ytd = year(df, sampai_bulan=month).loc["x"]
    for got, want in ((cum.loc[month, "realisasi_kumulatif"], ytd["realisasi"]),
                      (cum.loc[month, "target_kumulatif"], ytd["target"])):
        assert (pd.isna(got) and pd.isna(want)) or got == pytest.approx(want, rel=1e-9)


def test_row_order_does_not_change_results():
    a = monthly("a", "akhir", [1.0 + m for m in range(12)], [NAN] * 3 + [5.0 + m for m in range(9)])
    b = monthly("b", "jumlah", [2.0] * 12, [3.0] * 12)
    df = pd.concat([a, b], ignore_index=True)
    shuffled = df.sample(frac=1.0, random_state=3)
    for periode in ("bulan", "triwulan", "tahun"):
        want = agregasikan(df, ["ind"], periode).sort_values(["ind", "periode"]).reset_index(drop=True)
        got = agregasikan(shuffled, ["ind"], periode).sort_values(["ind", "periode"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
    cum_want = kumulatif(df, ["ind"]).sort_values(["ind", "bulan"])["realisasi_kumulatif"].to_numpy()
    cum_got = kumulatif(shuffled, ["ind"]).sort_values(["ind", "bulan"])["realisasi_kumulatif"].to_numpy()
    np.testing.assert_array_equal(cum_got, cum_want)


def test_mixed_rules_error_names_the_indicator():
    df = monthly("x", "jumlah", [5.0] * 12, [5.0] * 12)
    df.loc[5, "agregasi"] = "akhir"
    with pytest.raises(KinerjaError, match=r"\('x',\)"):
        agregasikan(df, ["ind"])
