"""The number parser on every form of domain.md §3, and its two layers agreeing."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import format_angka, parse_value
from kinerja.core.parsing import parse_number
from kinerja.core.parsing_kolom import parse_series

NAN = math.nan

# text, nilai, bawah, atas, jenis, satuan, ambigu
CASES = [
    ("87,5", 87.5, NAN, NAN, "angka", "", False),
    ("87,5%", 87.5, NAN, NAN, "persen", "%", False),
    ("87,5 %", 87.5, NAN, NAN, "persen", "%", False),
    ("1.234.567,89", 1234567.89, NAN, NAN, "angka", "", False),
    ("Rp1.500.000,00", 1500000.0, NAN, NAN, "rupiah", "Rp", False),
    ("Rp. 22.275.313.470,-", 22275313470.0, NAN, NAN, "rupiah", "Rp", False),
    ("Rp 5 juta", 5e6, NAN, NAN, "rupiah", "Rp", False),
    ("1.000 orang", 1000.0, NAN, NAN, "angka", "orang", True),
    ("10,41 Tahun", 10.41, NAN, NAN, "angka", "tahun", False),
    ("5 juta", 5e6, NAN, NAN, "angka", "", False),
    ("2,5 miliar", 2.5e9, NAN, NAN, "angka", "", False),
    ("350 juta", 350e6, NAN, NAN, "angka", "", False),
    ("100 persen", 100.0, NAN, NAN, "persen", "%", False),
    ("-27,24", -27.24, NAN, NAN, "angka", "", False),
    ("−3,5", -3.5, NAN, NAN, "angka", "", False),
    ("97.32", 97.32, NAN, NAN, "angka", "", False),
    ("119.16%", 119.16, NAN, NAN, "persen", "%", False),
    ("1,004,422,800", 1004422800.0, NAN, NAN, "angka", "", False),
    ("1,234.5", 1234.5, NAN, NAN, "angka", "", False),
    ("0,125", 0.125, NAN, NAN, "angka", "", False),
    ("1.000", 1000.0, NAN, NAN, "angka", "", True),
    ("1,500", 1500.0, NAN, NAN, "angka", "", True),
    ("  42  ", 42.0, NAN, NAN, "angka", "", False),
    ("kurang dari 49", 49.0, NAN, NAN, "batas_atas", "", False),
    ("< 49", 49.0, NAN, NAN, "batas_atas", "", False),
    ("maksimal 49", 49.0, NAN, NAN, "batas_atas", "", False),
    ("maksimal 10", 10.0, NAN, NAN, "batas_atas", "", False),
    ("≤ 5%", 5.0, NAN, NAN, "batas_atas", "%", False),
    ("minimal 80", 80.0, NAN, NAN, "batas_bawah", "", False),
    ("lebih dari 80", 80.0, NAN, NAN, "batas_bawah", "", False),
    ("≥ 80", 80.0, NAN, NAN, "batas_bawah", "", False),
    (">=80%", 80.0, NAN, NAN, "batas_bawah", "%", False),
    ("tidak kurang dari 75", 75.0, NAN, NAN, "batas_bawah", "", False),
    ("tidak lebih dari 75", 75.0, NAN, NAN, "batas_atas", "", False),
    ("80–90", NAN, 80.0, 90.0, "rentang", "", False),
    ("80 - 90 %", NAN, 80.0, 90.0, "rentang", "%", False),
    ("80-90", NAN, 80.0, 90.0, "rentang", "", False),
    ("80% - 90%", NAN, 80.0, 90.0, "rentang", "%", False),
    ("80 s.d. 90", NAN, 80.0, 90.0, "rentang", "", False),
    ("80 s/d 90", NAN, 80.0, 90.0, "rentang", "", False),
    ("90 - 80", NAN, 80.0, 90.0, "rentang", "", False),
    ("3±1", NAN, 2.0, 4.0, "rentang", "", False),
    ("3 ± 1 %", NAN, 2.0, 4.0, "rentang", "%", False),
    ("3 +/- 1", NAN, 2.0, 4.0, "rentang", "", False),
    ("5,1 - 5,5 %", NAN, 5.1, 5.5, "rentang", "%", False),
]


@pytest.mark.parametrize("text,nilai,bawah,atas,jenis,satuan,ambigu", CASES, ids=[c[0] for c in CASES])
def test_parse_value_forms(text, nilai, bawah, atas, jenis, satuan, ambigu):
    v = parse_value(text)
    assert v.jenis == jenis
    assert v.satuan == satuan
    assert v.ambigu is ambigu
    for got, want in ((v.nilai, nilai), (v.bawah, bawah), (v.atas, atas)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("text", ["", "-", "–", "—", "n/a", "N/A", "NA", " - ", None, float("nan"), "tidak ada data"])
def test_missing_markers_are_kosong_not_zero(text):
    v = parse_value(text)
    assert v.jenis == "kosong"
    assert math.isnan(v.nilai)


@pytest.mark.parametrize(
    "text,skala,peringkat",
    [
        ("WTP", "opini_bpk", 4),
        ("wdp", "opini_bpk", 3),
        ("TW", "opini_bpk", 2),
        ("TMP", "opini_bpk", 1),
        ("Wajar Tanpa Pengecualian", "opini_bpk", 4),
        ("AA", "predikat_akip", 7),
        ("A", "predikat_akip", 6),
        ("BB", "predikat_akip", 5),
        ("B", "predikat_akip", 4),
        ("CC", "predikat_akip", 3),
        ("C", "predikat_akip", 2),
        ("D", "predikat_akip", 1),
    ],
)
def test_qualitative_grades(text, skala, peringkat):
    v = parse_value(text)
    assert (v.jenis, v.skala, v.peringkat) == ("kualitatif", skala, peringkat)


@pytest.mark.parametrize("text", ["12,5a", "abc", "1.23.4", "10.", ",5", "1,2,3.4.5", "Rp", "s.d", "12 %%", "kurang dari", "5,-"])
def test_invalid_values(text):
    assert parse_value(text).jenis == "tidak_valid"


def test_forced_decimal_separator():
    assert parse_value("1.000", "koma").nilai == 1000.0
    assert parse_value("1.000", "titik").nilai == 1.0
    assert parse_value("1,000", "koma").nilai == 1.0
    assert parse_value("1.234,5", "koma").nilai == 1234.5
    assert parse_value("97.32", "koma").jenis == "tidak_valid"  # 32 is no thousands group
    assert not parse_value("1.000", "koma").ambigu
    s = parse_series(pd.Series(["1.000", "2,5", "97.32"]), desimal="titik")
    assert s["nilai"].iloc[0] == 1.0
    assert s["jenis"].iloc[1] == "tidak_valid"
    assert s["nilai"].iloc[2] == 97.32


def test_parse_number_rules():
    assert parse_number("1.234.567,89") == (1234567.89, False)
    assert parse_number("1,234,567.89") == (1234567.89, False)
    assert parse_number("1.234") == (1234.0, True)
    assert parse_number("1.23") == (1.23, False)
    assert parse_number("1.2345") == (1.2345, False)
    assert parse_number("12.34.567") is None
    assert parse_number("-") is None


def test_numeric_columns_are_taken_as_numbers():
    out = parse_series(pd.Series([1, 2.5, None, 1234.5]))
    assert out["nilai"].tolist()[:2] == [1.0, 2.5]
    assert out["jenis"].tolist() == ["angka", "angka", "kosong", "angka"]
    assert out["nilai"].iloc[3] == 1234.5


def test_mixed_excel_column_keeps_numbers_and_parses_text():
    col = pd.Series([1000, "1.000", 12.5, "12,5%", None, "–", "WTP"], dtype=object)
    out = parse_series(col)
    assert out["nilai"].tolist()[:4] == [1000.0, 1000.0, 12.5, 12.5]
    assert out["jenis"].tolist() == ["angka", "angka", "angka", "persen", "kosong", "kosong", "kualitatif"]
    assert out["ambigu"].tolist() == [False, True, False, False, False, False, False]


def test_parse_series_keeps_index_and_order():
    s = pd.Series(["5", "x", "5", None], index=[10, 20, 30, 40])
    out = parse_series(s)
    assert list(out.index) == [10, 20, 30, 40]
    assert out["jenis"].tolist() == ["angka", "tidak_valid", "angka", "kosong"]


# --- properties ---------------------------------------------------------------

number_texts = st.one_of(
    st.from_regex(r"\A[+-]?\d{1,7}([.,]\d{1,5})?( ?%)?\Z", fullmatch=True),
    st.from_regex(r"\A\d{1,3}(\.\d{3}){1,3}(,\d{1,3})?\Z", fullmatch=True),
    st.from_regex(r"\A\d{1,3}(,\d{3}){1,3}(\.\d{1,3})?\Z", fullmatch=True),
    st.from_regex(r"\A(Rp\.? ?)?\d{1,4}(,\d{1,2})? (juta|miliar|orang|Tahun)\Z", fullmatch=True),
    st.from_regex(r"\A(kurang dari|minimal|<|≥) ?\d{1,3}(,\d)?\Z", fullmatch=True),
    st.from_regex(r"\A\d{1,2}(,\d)? ?(-|–|±) ?\d{1,2}(,\d)?( %)?\Z", fullmatch=True),
    st.sampled_from(["-", "–", "n/a", "", "WTP", "BB", "12,5a", "x", "1.23.4"]),
    st.text(max_size=8),
)


def _same(a, b):
    return (pd.isna(a) and pd.isna(b)) or a == b


@settings(max_examples=300, deadline=None)
@given(st.lists(number_texts, min_size=1, max_size=30), st.sampled_from([None, "koma", "titik"]))
def test_vectorised_layer_agrees_with_scalar_parser(texts, desimal):
    vec = parse_series(pd.Series(texts, dtype="str"), desimal=desimal)
    for i, text in enumerate(texts):
        ref = parse_value(text, desimal)
        row = vec.iloc[i]
        for field in ("nilai", "bawah", "atas", "peringkat", "jenis", "satuan", "ambigu"):
            assert _same(row[field], getattr(ref, field)), (text, field, row[field], getattr(ref, field))


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
)
def test_formatting_then_parsing_gives_the_number_back(value):
    text = format_angka(float(value), 2)
    parsed = parse_value(text, "koma")
    assert parsed.jenis == "angka"
    assert parsed.nilai == pytest.approx(float(value), rel=1e-12, abs=1e-9)
    # Without the run-level hint the rules still read Indonesian output correctly,
    # since two decimals are always written.
    assert parse_value(text).nilai == pytest.approx(float(value), rel=1e-12, abs=1e-9)


def test_large_column_costs_by_distinct_values():
    values = np.random.default_rng(1).integers(0, 50, 20000).astype(str)
    out = parse_series(pd.Series(values))
    assert out["nilai"].to_numpy().tolist() == values.astype(float).tolist()


def test_jenis_order_the_engine_relies_on():
    from kinerja.core.parsing import JENIS

    assert JENIS[:6] == ("angka", "persen", "rupiah", "rentang", "batas_atas", "batas_bawah")


def test_a_boolean_cell_never_poisons_the_cache_for_the_number_one():
    """A fuzzed workbook held a boolean TRUE; the parse cache used to answer later 1 and 1.0
    (equal to True in Python) with "not readable"."""
    from kinerja.core.parsing import parse_value

    assert parse_value(True).jenis == "tidak_valid"
    assert parse_value(1.0).nilai == 1.0 and parse_value(1).nilai == 1.0
    assert parse_value(False).jenis == "tidak_valid" and parse_value(0.0).nilai == 0.0


def test_rp_with_a_letter_is_the_multiplier_it_abbreviates_not_one_rupiah():
    """ "Rp 1 M" was read as Rp1 (the letter dropped as a unit): a pagu a thousand million times too small."""
    assert parse_value("Rp 1 M", "koma").nilai == 1e9
    assert parse_value("Rp 1,5 M", "koma").nilai == 1.5e9
    assert parse_value("Rp 2 T", "koma").nilai == 2e12
    assert parse_value("1 M", "koma").nilai == 1 and parse_value("1 M", "koma").satuan == "m"  # a metre
