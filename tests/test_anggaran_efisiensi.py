"""Penyerapan and the five efficiency forms of domain.md §5."""

import numpy as np
import pandas as pd
import pytest

from kinerja import KinerjaError
from kinerja.core.efisiensi import BENTUK_EFISIENSI, efisiensi_pmk214
from kinerja.core.anggaran import penyerapan, penyerapan_bulanan
from kinerja.core.efisiensi import efisiensi


def test_penyerapan():
    assert penyerapan(350e6, 375e6) == pytest.approx(93.3333333333)
    assert np.isnan(penyerapan(10, 0))
    assert np.isnan(penyerapan(10, np.nan))
    s = penyerapan(pd.Series([50.0, 75.0]), pd.Series([100.0, 100.0]))
    assert s.tolist() == [50.0, 75.0]


def test_monthly_and_cumulative_absorption_s_curve():
    df = pd.DataFrame(
        {
            "kegiatan": ["k"] * 4,
            "bulan": [1, 2, 3, 4],
            "pagu": [1000.0] * 4,
            "target_anggaran": [100.0, 200.0, np.nan, 300.0],
            "realisasi_anggaran": [50.0, 250.0, 100.0, np.nan],
        }
    )
    out = penyerapan_bulanan(df, ["kegiatan"])
    assert out["capaian_anggaran"].iloc[:2].tolist() == [50.0, 125.0]
    assert np.isnan(out["capaian_anggaran"].iloc[2])  # no target that month: undefined, not 0
    assert out["target_kumulatif"].tolist() == [100.0, 300.0, 300.0, 600.0]
    assert out["realisasi_kumulatif"].tolist() == [50.0, 300.0, 400.0, 400.0]
    assert out["penyerapan_kumulatif"].tolist() == [5.0, 30.0, 40.0, 40.0]
    assert out["rencana_penyerapan_kumulatif"].tolist() == [10.0, 30.0, 30.0, 60.0]


def test_cumulative_absorption_is_nan_before_first_report():
    df = pd.DataFrame({"k": ["a", "a"], "bulan": [1, 2], "pagu": [10.0, 10.0],
                       "target_anggaran": [1.0, 1.0], "realisasi_anggaran": [np.nan, 2.0]})
    out = penyerapan_bulanan(df, ["k"])
    assert np.isnan(out["penyerapan_kumulatif"].iloc[0]) and out["penyerapan_kumulatif"].iloc[1] == 20.0


def test_all_efficiency_forms_side_by_side():
    df = pd.DataFrame(
        {
            "capaian": [110.0, 80.0, 100.0],
            "pagu": [1000.0, 1000.0, 0.0],
            "realisasi_anggaran": [900.0, 950.0, 0.0],
            "target_keluaran": [10.0, 10.0, 5.0],
            "realisasi_keluaran": [11.0, 8.0, 5.0],
        }
    )
    out = efisiensi(df)
    assert set(BENTUK_EFISIENSI) <= set(out.columns)
    r = out.iloc[0]
    assert r["penyerapan"] == 90.0
    assert r["indeks_efisiensi"] == pytest.approx(110 / 90)
    assert r["selisih_efisiensi"] == pytest.approx(20.0)
    assert r["sisa_anggaran"] == pytest.approx(10.0)
    assert r["biaya_per_unit_rencana"] == 100.0
    assert r["biaya_per_unit_realisasi"] == pytest.approx(900 / 11)
    assert r["efisiensi_biaya_unit"] == pytest.approx(100 / (900 / 11) * 100)
    assert r["efisiensi_pmk214"] == pytest.approx((1000 * 1.1 - 900) / (1000 * 1.1) * 100)
    r = out.iloc[1]
    assert r["indeks_efisiensi"] < 1 and r["selisih_efisiensi"] == pytest.approx(80 - 95)
    assert np.isnan(r["sisa_anggaran"])  # target not met: not counted
    r = out.iloc[2]  # pagu 0: nothing divides by zero
    assert np.isnan(r["penyerapan"]) and np.isnan(r["indeks_efisiensi"]) and np.isnan(r["efisiensi_pmk214"])


def test_efficiency_from_given_penyerapan():
    out = efisiensi(pd.DataFrame({"capaian": [90.0], "penyerapan": [100.0]}))
    assert out["indeks_efisiensi"].iloc[0] == 0.9
    assert np.isnan(out["efisiensi_biaya_unit"].iloc[0])


def test_efficiency_needs_capaian():
    with pytest.raises(KinerjaError, match="capaian"):
        efisiensi(pd.DataFrame({"pagu": [1.0]}))


def test_pmk214_sums_over_outputs():
    df = pd.DataFrame(
        {"unit": ["A", "A", "B"], "pagu": [100.0, 300.0, 50.0], "realisasi_anggaran": [90.0, 240.0, 50.0],
         "capaian": [100.0, 90.0, np.nan]}
    )
    out = efisiensi_pmk214(df, ["unit"]).set_index("unit")["efisiensi_pmk214"]
    expected = ((100 * 1.0 - 90) + (300 * 0.9 - 240)) / (100 * 1.0 + 300 * 0.9) * 100
    assert out["A"] == pytest.approx(expected)
    assert np.isnan(out["B"])


def test_s_curve_plots_the_one_absorption_of_core_anggaran():
    """The chart's lines are kinerja.core.anggaran.penyerapan of the cumulative sums, so a
    pagu of 0 gives no line (NaN), never an infinite one."""
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd

    from kinerja.core.anggaran import penyerapan
    from kinerja.render.grafik import grafik_kurva_s

    a = pd.DataFrame({"program": ["P"] * 3, "bulan": [1, 2, 3], "pagu": [200.0] * 3,
                      "target_kumulatif": [50.0, 100.0, 150.0], "realisasi_kumulatif": [40.0, 90.0, np.nan],
                      "realisasi_anggaran": [40.0, 50.0, np.nan]})
    fig = grafik_kurva_s(a)
    plan, real = fig.axes[0].get_lines()[:2]
    assert plan.get_ydata().tolist() == penyerapan(a["target_kumulatif"], 200.0).tolist() == [25.0, 50.0, 75.0]
    assert real.get_ydata()[:2].tolist() == [20.0, 45.0] and np.isnan(real.get_ydata()[2])
    plt.close(fig)
    fig = grafik_kurva_s(a.assign(pagu=0.0))
    assert np.isnan(fig.axes[0].get_lines()[0].get_ydata()).all()
    plt.close(fig)


def test_a_line_without_any_raapk_plan_has_no_cumulative_plan_not_zero():
    """Before: a pejabat without a RAAPK showed "Rencana Kumulatif 0,00" on every month of its CRAAPK."""
    rows = pd.DataFrame({"program": ["P"] * 3 + ["Q"] * 3, "bulan": [1, 2, 3] * 2, "pagu": [100.0] * 6,
                         "target_anggaran": [np.nan] * 3 + [10.0, np.nan, 20.0], "realisasi_anggaran": [np.nan] * 6})
    out = penyerapan_bulanan(rows, ["program"]).set_index(["program", "bulan"])
    assert out.loc["P", "rencana_penyerapan_kumulatif"].isna().all()
    assert out.loc["Q", "target_kumulatif"].tolist() == [10.0, 10.0, 30.0]  # a month without a plan still adds 0


def test_the_craapk_ket_is_a_capitalised_sentence_naming_a_cascade_once():
    """Before: every month's Ket of a pejabat's CRAAPK began "dijenjangkan dari Dinas Kesehatan" in lower case."""
    from kinerja.dokumen.craapk import _ket

    t = pd.DataFrame({"indikator_kode": ["a"] * 3 + ["b"],
                      "keterangan": ["dijenjangkan dari Dinas Kesehatan", "dijenjangkan dari Dinas Kesehatan",
                                     "dijenjangkan dari Dinas Kesehatan: faktor penghambat: data terlambat", None]})
    assert _ket(t).tolist() == ["Dijenjangkan dari Dinas Kesehatan.", "", "Faktor penghambat: data terlambat", ""]
