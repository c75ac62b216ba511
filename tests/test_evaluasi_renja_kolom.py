"""Every cell of the Evaluasi RKPD/Renja and of the Triwulanan by the indicator's own rule: column (7)
counts only the Renstra period's years, column (13) is January to the quarter's end by the agregasi
(the value every other document shows), range and qualitative targets as written, a program's
rows grouped by unit, a quarter with data showing its value; and the LKjIP's monthly Lampiran
printing a rasio in its satuan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TAHUN
from kinerja.analisis import dari_store as analisis
from kinerja.dokumen.evaluasi_renja import LaporanEvaluasiRenja
from kinerja.dokumen.evaluasi_renja_tabel import KOLOM_FORM, tabel_evaluasi_renja
from kinerja.dokumen.triwulanan import triwulanan


def _dua_triwulan(store, unit: str) -> pd.DataFrame:
    """The unit's monthly table with April–June filled from January–March, each value changed,
    so that a quarter's value differs from January–June's."""
    t = analisis.tabel_bulanan(store, unit, TAHUN).copy()
    t["realisasi"] = t["realisasi"].astype(object)
    for m in (4, 5, 6):
        src, dst = t["bulan"] == m - 3, t["bulan"] == m
        for col, factor in (("realisasi_nilai", 1.1), ("pembilang", 1.5), ("penyebut", 1.0)):
            t.loc[dst, col] = t.loc[src, col].to_numpy() * factor
        t.loc[dst, "realisasi"] = t.loc[dst, "realisasi_nilai"]
        t.loc[dst, "target_nilai"] = t.loc[src, "target_nilai"].to_numpy()
    return t


def test_column_13_is_january_to_the_quarter_by_the_rule(store, monkeypatch):
    tabel = _dua_triwulan(store, "dinkes")
    monkeypatch.setattr(analisis, "tabel_bulanan", lambda *a, **k: tabel)
    form = tabel_evaluasi_renja(store, "dinkes", TAHUN, 2).set_index("indikator")
    upto = tabel[tabel["bulan"] <= 6]
    for name, rows in upto.groupby("indikator"):
        rule = rows["agregasi"].iloc[0]
        real = rows.dropna(subset=["realisasi_nilai"])
        expected = {"jumlah": real["realisasi_nilai"].sum(), "akhir": real["realisasi_nilai"].iloc[-1],
                    "rasio": real["pembilang"].sum() / real["penyebut"].sum() * 100}[rule]
        assert form.loc[name, "k13"] == pytest.approx(expected), (name, rule)
    # the rasio: January–June's Σ pembilang / Σ penyebut, not the second quarter's ratio
    imun = form.loc["Cakupan imunisasi dasar lengkap"]
    assert imun["k13"] != pytest.approx(imun["k10"])


def test_column_7_counts_only_the_renstra_period(store):
    hist = analisis.riwayat(store, "dinkes")
    form = tabel_evaluasi_renja(store, "dinkes", TAHUN, 1)
    aki = form[form["agregasi"] == "jumlah"].iloc[0]  # Angka kematian ibu, summed across years
    h = hist[hist["indikator_kode"] == aki["indikator_kode"]]
    start = int(h.loc[h["jenis"] == "tahunan", "tahun"].min())
    earlier = h[(h["tahun"] < TAHUN) & h["realisasi_nilai"].notna()]
    assert (earlier["tahun"] < start).any()  # the Renstra's sheet has years before its period
    assert aki["k7"] == pytest.approx(earlier.loc[earlier["tahun"] >= start, "realisasi_nilai"].sum())
    assert aki["k14"] == pytest.approx(aki["k7"] + aki["k13"])


def test_range_and_grade_targets_are_shown_as_written(store):
    form = tabel_evaluasi_renja(store, "nusa-rekaan", TAHUN, 1).set_index("indikator")
    assert form.loc["Laju inflasi", "k6"] == "3±1" and form.loc["Laju inflasi", "k8"] == "3±1"
    assert not pd.isna(form.loc["Laju inflasi", "k15"])
    assert form.loc["Opini BPK atas LKPD", "k8"] == "WTP"
    shown = LaporanEvaluasiRenja({"jenis": "kabupaten", "nama": "X"}, TAHUN, 1, form.reset_index(),
                                 pd.DataFrame()).tabel_kinerja().isi()
    row = next(r for r in shown["baris"] if "Laju inflasi" in r)
    assert row[shown["kolom"].index("(6) K")] == "3±1" and row[shown["kolom"].index("(15) K")] != "–"


def test_a_quarter_with_data_has_its_value_whatever_the_target(store):
    lap = triwulanan(store, "nusa-rekaan", TAHUN, 3)
    t = lap.triwulanan.set_index("indikator")
    for name in ("Laju inflasi", "Predikat SAKIP Kabupaten", "Opini BPK atas LKPD"):
        if pd.isna(t.loc[name, "realisasi"]):
            continue  # not reported in this quarter
        assert not pd.isna(t.loc[name, "target"]) and not pd.isna(t.loc[name, "capaian"]), name
    shown = lap.tabel_triwulan().isi()
    row = next(r for r in shown["baris"] if "Laju inflasi" in r)
    assert row[shown["kolom"].index("Target TW I")] == "3±1"


def test_a_program_is_not_blanked_by_another_units_row():
    cols = {f"k{n}": [1.0, 2.0] for n in KOLOM_FORM} | {f"rp{n}": [np.nan, np.nan] for n in KOLOM_FORM}
    tabel = pd.DataFrame({"no": [1, 2], "sasaran": ["S", "S"], "uraian": ["Program Perencanaan"] * 2,
                          "indikator": ["A", "B"], "satuan": ["%", "%"], "perangkat_daerah": ["Bappeda", "Dinkes"],
                          "unit_kode": ["bappeda", "dinkes"]} | cols)
    lap = LaporanEvaluasiRenja({"jenis": "kabupaten", "nama": "X"}, TAHUN, 1, tabel, pd.DataFrame())
    shown = lap.tabel_kinerja().isi()
    i = shown["kolom"].index("Program/Kegiatan")
    assert [r[i] for r in shown["baris"]] == ["Program Perencanaan", "Program Perencanaan"]


def test_lkjip_monthly_lampiran_prints_a_rasio_in_its_satuan(store):
    from kinerja.dokumen.lkjip import lkjip

    shown = lkjip(store, "dinkes", TAHUN).tabel_bulanan().isi()
    row = next(r for r in shown["baris"] if r[0] == "Cakupan imunisasi dasar lengkap")
    months = row[2:2 + 3]
    assert not any("/" in str(v) for v in months) and all("," in v or v.isdigit() for v in months)
