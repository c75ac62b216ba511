"""kinerja.core.periode: every Indonesian spelling of a month, quarter and semester, one parser each."""

import pytest

from kinerja.core.periode import (NAMA_BULAN, baca_bulan, baca_romawi, cari_bulan, cari_semester, cari_triwulan,
                                  triwulan_bulan)

EJAAN = {
    1: ("Januari", "Jan"), 2: ("Februari", "Feb", "Pebruari"), 3: ("Maret", "Mar"), 4: ("April", "Apr"),
    5: ("Mei",), 6: ("Juni", "Jun"), 7: ("Juli", "Jul"), 8: ("Agustus", "Agu", "Agt", "Ags"),
    9: ("September", "Sep", "Sept"), 10: ("Oktober", "Okt"), 11: ("November", "Nov", "Nop", "Nopember"),
    12: ("Desember", "Des"),
}


@pytest.mark.parametrize("bulan,ejaan", [(b, e) for b, es in EJAAN.items() for e in es])
def test_every_month_spelling_in_every_case(bulan, ejaan):
    for form in (ejaan, ejaan.upper(), ejaan.lower(), f" {ejaan}. "):
        assert baca_bulan(form) == bulan, form
    assert cari_bulan(f"Realisasi {ejaan} 2026") == bulan


def test_month_numbers_names_and_non_months():
    assert NAMA_BULAN == ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                          "Oktober", "November", "Desember")
    assert [baca_bulan(str(m)) for m in range(1, 13)] == list(range(1, 13))
    assert baca_bulan(8) == 8 and baca_bulan(8.0) == 8
    for bad in ("0", "13", "Agustusan", "", None, True, 8.5, "desa"):
        assert baca_bulan(bad) is None, bad
    assert cari_bulan("Keterangan desa") is None and cari_bulan("Capaian (%)") is None


@pytest.mark.parametrize("teks,tw", [("Triwulan I", 1), ("triwulan II", 2), ("TRIWULAN III", 3), ("Triwulan IV", 4),
                                     ("TW 1", 1), ("TW2", 2), ("TW-III", 3), ("tw iv", 4), ("Trw. 4", 4),
                                     ("Realisasi TW IV 2025", 4), ("Triwulan 3", 3)])
def test_every_quarter_spelling(teks, tw):
    assert cari_triwulan(teks) == tw


def test_not_a_quarter():
    assert cari_triwulan("TW 5") is None and cari_triwulan("TWIN") is None and cari_triwulan("Tahunan") is None


@pytest.mark.parametrize("teks,smt", [("Semester I", 1), ("semester II", 2), ("Semester 1", 1), ("SMT 2", 2),
                                      ("Smt. II", 2)])
def test_every_semester_spelling(teks, smt):
    assert cari_semester(teks) == smt


def test_roman_numerals_are_parsed_once():
    assert [baca_romawi(r) for r in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")] \
        == list(range(1, 13))
    assert baca_romawi("iv", 4) == 4 and baca_romawi("V", 4) is None and baca_romawi("IIII") is None
    assert [triwulan_bulan(b) for b in range(1, 13)] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
