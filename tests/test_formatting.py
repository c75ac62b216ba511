"""Indonesian display formatting and half-up rounding."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja import format_angka, format_persen, format_rupiah
from kinerja.core.formatting import NAMA_BULAN, bulatkan, nama_bulan


def test_numbers():
    assert format_angka(1234567.891) == "1.234.567,89"
    assert format_angka(0.5, 0) == "1"
    assert format_angka(-27.24) == "-27,24"
    assert format_angka(np.nan) == "–"
    assert format_angka(None) == "–"


def test_percent_without_space():
    assert format_persen(87.5) == "87,50%"
    assert format_persen(184.745) == "184,75%"
    assert format_persen(100 / 3) == "33,33%"


def test_rupiah_puebi():
    assert format_rupiah(1500000) == "Rp1.500.000"
    assert format_rupiah(22275313470) == "Rp22.275.313.470"
    assert format_rupiah(1500000.5, 2) == "Rp1.500.000,50"


def test_series_and_lists():
    s = format_persen(pd.Series([93.75, np.nan], index=[5, 6]))
    assert s.tolist() == ["93,75%", "–"] and list(s.index) == [5, 6]
    assert format_angka([1000, 2.5]) == ["1.000,00", "2,50"]


def test_months():
    assert NAMA_BULAN[0] == "Januari" and NAMA_BULAN[11] == "Desember"
    assert [nama_bulan(m) for m in (2, 5, 8, 11)] == ["Februari", "Mei", "Agustus", "November"]
    with pytest.raises(ValueError):
        nama_bulan(13)


@pytest.mark.parametrize("value,expected", [(1.005, 1.01), (93.335, 93.34), (2.675, 2.68), (-1.005, -1.01),
                                            (93.3333, 93.33), (0.125, 0.13), (87.5, 87.5)])
def test_half_up(value, expected):
    assert bulatkan(value, 2) == expected
    assert format_angka(value).replace(",", ".") == f"{expected:.2f}"


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_half_up_matches_decimal_arithmetic(value):
    want = float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert bulatkan(float(value), 2) == want
    assert bulatkan(np.array([float(value)]), 2)[0] == want


def test_pendek_keeps_the_commas_of_the_message_and_dots_only_the_length():
    """A quoted "1,5" must stay 1,5 (an Indonesian reader would read "1.5" as fifteen)."""
    from kinerja.core.formatting import pendek

    text = 'nilai "1,5" pada sel C4, ' + "x" * 1200
    out = pendek(text, 40)
    assert out.startswith('nilai "1,5" pada sel C4,') and "1.5" not in out
    assert out.endswith("… (1.225 karakter)")


@pytest.mark.parametrize("value,fmt,expected", [(2.675, "0.00", "2,68"), (1.005, "#,##0.00", "1,01"),
                                                (-2.675, "0.00", "-2,68"), (1234.565, "#,##0.00", "1.234,57"),
                                                (0.125, "0.00", "0,13"), (2023, None, "2023"),
                                                (2.5, "0.00", "2,50"), (2.5, "#,##0.0", "2,5"), (19.74, "General", "19,74")])
def test_teks_angka_rounds_half_up_as_format_angka_and_excel(value, fmt, expected):
    from kinerja.formulir.masalah import teks_angka

    assert teks_angka(value, fmt) == expected


def test_huge_and_infinite_numbers_format_without_error():
    """A workbook may hold 1e196 (fuzzing found it): it is written out in full, not a crash;
    an infinity is shown as missing, never as a number."""
    from kinerja.formulir.masalah import teks_angka

    assert format_angka(1.9e196).startswith("19.000.000") and format_angka(1.9e196).endswith(",00")
    assert teks_angka(1.9e196).startswith("19000000")
    assert format_rupiah(-1e300).startswith("-Rp1.000")
    assert format_angka(float("inf")) == format_angka(None) == "–"


def test_teks_angka_of_huge_and_infinite_values_does_not_fail():
    """Found by test_fuzz: a cell of 1e300 with format 0.00 must still be shown."""
    from kinerja.formulir.masalah import teks_angka

    assert teks_angka(1e300, "0.00").endswith(",00") and len(teks_angka(1e300, "0.00")) == 304
    assert teks_angka(float("inf"), "0.00") == "inf"


def test_a_percentage_has_one_format_in_tables_and_sentences():
    """Before: LKjIP Tabel 7 printed "11%" beside "10,26%" and "6%" beside "5,37%" (a whole number lost its
    decimals); one rule now, core/formatting.format_nilai_satuan, which the sentences use too."""
    from kinerja.core.formatting import format_nilai_satuan
    from kinerja.dokumen.narasi import nilai_dengan_satuan

    assert [format_nilai_satuan(v, "%") for v in (11.0, "11", 10.2563, "6")] == ["11,00%", "11,00%", "10,26%", "6,00%"]
    assert nilai_dengan_satuan(11.0, "%") == "11,00%" and nilai_dengan_satuan("3±1", "%") == "3±1%"
    assert nilai_dengan_satuan(6.0, "orang") == "6 orang" and nilai_dengan_satuan("WTP", "opini") == "WTP"
