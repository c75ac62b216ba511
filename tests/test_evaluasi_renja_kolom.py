"""Every cell of the Evaluasi RKPD/Renja and of the Triwulanan by the indicator's own rule: column (7)
counts only the Renstra period's years, column (13) is January to the quarter's end by the agregasi
(the value every other document shows), range and qualitative targets as written, a program's
rows grouped by unit, a quarter with data showing its value; and the LKjIP's monthly Lampiran
printing a rasio in its satuan."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import kinerja

from conftest import TAHUN
from kinerja.analisis import dari_store as analisis
from kinerja.dokumen.evaluasi_renja import LaporanEvaluasiRenja, evaluasi_renja
from kinerja.dokumen.evaluasi_renja_tabel import JUDUL_KOLOM, KOLOM_FORM, tabel_evaluasi_renja
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
    lap = LaporanEvaluasiRenja({"jenis": "kabupaten", "nama": "X"}, TAHUN, 1, form.reset_index(), pd.DataFrame())
    shown = lap.tabel_formulir().isi()
    row = next(r for r in shown["baris"] if "Laju inflasi" in r)
    k = [i for i, c in enumerate(shown["kolom"]) if c == "K"]  # (6)…(15) K in order
    assert row[k[0]] == "3±1" and row[k[-1]] != "–"


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
    shown = lap.tabel_formulir().isi()
    i = 2  # column (3), urusan/program/kegiatan
    assert [r[i] for r in shown["baris"]] == ["Program Perencanaan", "Program Perencanaan"]


def test_lkjip_monthly_lampiran_prints_a_rasio_in_its_satuan(store):
    from kinerja.dokumen.lkjip import lkjip

    shown = lkjip(store, "dinkes", TAHUN).tabel_bulanan().isi()
    row = next(r for r in shown["baris"] if r[0] == "Cakupan imunisasi dasar lengkap")
    months = row[2:2 + 3]
    assert not any("/" in str(v) for v in months) and all("," in v or v.isdigit() for v in months)


def test_a_quarter_without_a_target_month_shows_no_target(store):
    # Opini BPK is targeted in June only: the RAAPK has "–" in January–March, so TW I has no target.
    bulanan = analisis.tabel_bulanan(store, "nusa-rekaan", TAHUN)
    opini = bulanan[(bulanan["indikator"] == "Opini BPK atas LKPD") & (bulanan["bulan"] <= 3)]
    assert (opini["target"] == "–").all()
    shown = triwulanan(store, "nusa-rekaan", TAHUN, 3).tabel_triwulan().isi()
    row = next(r for r in shown["baris"] if r[0] == "Opini BPK atas LKPD")
    assert row[shown["kolom"].index("Target TW I")] == "–"
    assert row[shown["kolom"].index("Capaian (%) TW I")] == "–"
    # a quarter holding its target month keeps it (Predikat SAKIP: March)
    row = next(r for r in shown["baris"] if r[0] == "Predikat SAKIP Kabupaten")
    assert row[shown["kolom"].index("Target TW I")] == "BB"


NOTEBOOK = Path(kinerja.__file__).parent.parent / "notebooks" / "evaluasi_renja.ipynb"


def test_the_signed_form_holds_the_form_and_its_notes_follow_the_signature():
    cells = [c for c in nbformat.read(NOTEBOOK, 4).cells if "parameters" not in c.metadata.get("tags", [])]
    ttd = next(i for i, c in enumerate(cells) if "tanda_tangan()" in c.source)
    notes = next(i for i, c in enumerate(cells) if "catatan()" in c.source)
    before = cells[:ttd]
    assert notes > ttd and "Catatan" in cells[notes].source
    assert not any(c.cell_type == "markdown" for c in before)  # no method text above the signature
    assert any("tabel_formulir()" in c.source for c in before)


def test_the_notes_name_no_software(store):
    ev = evaluasi_renja(store, "dinkes", TAHUN, 3)
    # as from an imported Renja evaluation whose polarity was guessed
    ev.tabel = ev.tabel.assign(sumber="impor", definisi="polaritas ditebak dari nama")
    text = " ".join(ev.catatan())
    assert "kinerja impor" not in text and "parameters/" not in text and ".xlsx" not in text
    assert any("ditebak" in n for n in ev.catatan_penyusun())  # for the compiler, in the notebook only


def _kepala_xlsx(ev, folder) -> list[str]:
    from openpyxl import load_workbook

    ws = load_workbook(ev.simpan(folder)[0]).active
    return [c.value for c in ws[5] if c.value]


def test_the_printed_form_has_the_workbooks_header_texts_in_one_table(store, tmp_path):
    ev = evaluasi_renja(store, "dinkes", TAHUN, 3)
    isi = ev.tabel_formulir().isi()
    assert list(dict.fromkeys(isi["kepala"])) == _kepala_xlsx(ev, tmp_path) == list(JUDUL_KOLOM.values())
    assert isi["kolom"][5:] == ["K", "Rp"] * len(KOLOM_FORM)  # K and Rp side by side under each of (6)–(15)
    html = ev.tabel_formulir().html()
    assert 'colspan="2">Target Renstra Perangkat Daerah pada Akhir Periode Renstra</th>' in html
    assert "(6) K" not in html


def test_the_rkpd_evaluation_is_headed_rpjmd_and_rkpd(store, tmp_path):
    ev = evaluasi_renja(store, "nusa-rekaan", TAHUN, 3)
    heads = _kepala_xlsx(ev, tmp_path)
    assert heads == list(dict.fromkeys(ev.tabel_formulir().isi()["kepala"]))
    assert not any("Renstra" in h or "Renja" in h or "Perangkat Daerah" in h for h in heads[5:]), heads
    assert "RPJMD" in heads[5] and "RKPD" in heads[7] and "RPJMD" in heads[-1]


def test_a_program_serving_several_indicators_is_counted_once(store):
    form = tabel_evaluasi_renja(store, "dinkes", TAHUN, 1)
    money = analisis.anggaran_program(store, "dinkes", TAHUN)
    shared = form["uraian"].value_counts()
    assert (shared > 1).any()  # Program Penunjang serves two indicators
    assert form["rp8"].sum() == pytest.approx(money.drop_duplicates("program")["pagu"].sum())
    assert form["rp13"].sum() == pytest.approx(money.loc[money["bulan"] <= 3, "realisasi_anggaran"].sum())
    for program, rows in form.groupby("uraian"):
        assert rows["rp8"].notna().sum() == 1, program  # printed once, on its first row
        assert rows["rp8"].first_valid_index() == rows.index[0]
