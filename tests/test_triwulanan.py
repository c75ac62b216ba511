"""The quarterly documents from the store: the Evaluasi Renja/RKPD form per agregasi, the laporan
kinerja triwulanan, and the kepatuhan of quarterly reports (due 20 days after the quarter)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
import pytest

from conftest import TAHUN
from kinerja.analisis import dari_store as analisis
from kinerja.core.agregasi import agregasikan
from kinerja.core.errors import KinerjaError
from kinerja.dokumen.evaluasi_renja import evaluasi_renja, triwulan_laporan
from kinerja.dokumen.evaluasi_renja_tabel import renstra_sampai, tabel_evaluasi_renja
from kinerja.analisis.kepatuhan import batas_triwulan, kepatuhan_triwulan, status_teks
from kinerja.dokumen.triwulanan import triwulanan


def test_column_14_never_adds_percentages_across_years():
    out = renstra_sampai(pd.Series([3.0, 100.0, np.nan, np.nan]), pd.Series([4.0, 100.0, 2.0, np.nan]),
                         pd.Series(["jumlah", "akhir", "jumlah", "jumlah"]))
    assert out.iloc[:3].tolist() == [7.0, 100.0, 2.0] and np.isnan(out.iloc[3])


def test_the_quarter_of_a_report_month():
    assert [triwulan_laporan(m) for m in (3, 5, 6, 12)] == [1, 1, 2, 4]
    with pytest.raises(KinerjaError, match="belum ada triwulan"):
        triwulan_laporan(2)


def test_form_from_monthly_formulir_follows_each_indicators_agregasi(store):
    form = tabel_evaluasi_renja(store, "dinkes", TAHUN, 3)
    bulanan = analisis.tabel_bulanan(store, "dinkes", TAHUN)
    numeric = bulanan.assign(target=bulanan["target_nilai"], realisasi=bulanan["realisasi_nilai"])
    quarters = agregasikan(numeric, ["indikator_kode"], "triwulan", sampai_bulan=9)
    for _, row in form.iterrows():
        mine = quarters[quarters["indikator_kode"] == row["indikator_kode"]].set_index("periode")["realisasi"]
        assert [row[f"k{8 + q}"] for q in (1, 2, 3)] == pytest.approx(mine.reindex([1, 2, 3]).tolist(), nan_ok=True)
        if row["agregasi"] == "jumlah":
            assert row["k13"] == pytest.approx(mine.sum())
        else:  # the last quarter's value, never the sum of percentages
            assert row["k13"] == pytest.approx(mine.dropna().iloc[-1])
    assert form["k12"].isna().all()  # the fourth quarter is not over
    assert (form["sumber"] == "formulir").all()


def test_laporan_triwulanan_agrees_with_the_period_capaian(store):
    lap = triwulanan(store, "dinkes", TAHUN, 9)
    kum = analisis.capaian_kumulatif(store, "dinkes", TAHUN, 9)
    assert lap.triwulan == 3 and lap.periode == f"Triwulan III Tahun {TAHUN}"
    pd.testing.assert_series_equal(lap.kumulatif["capaian"], kum["capaian"])
    assert f"{batas_triwulan(TAHUN, 3).day} Oktober {TAHUN}" in lap.pengantar()  # 20 days after 30 September
    table = lap.tabel_triwulan().isi()
    assert table["kolom"][1:4] == ["Target TW I", "Realisasi TW I", "Capaian (%)TW I".replace(")T", ") T")]
    assert lap.masalah and all(isinstance(m, str) and m for m in lap.masalah)
    assert lap.penyampaian()  # a perangkat daerah that sends CRAAPK: its three months


def test_quarterly_reports_are_due_twenty_days_after_the_quarter(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_impor import REAL, _store_with_bappeda
    from kinerja.impor.jalankan import impor_berkas

    store = _store_with_bappeda(tmp_path)
    impor_berkas(REAL, "evaluasi-renja", unit="bappeda", tahun=2025, store=store, arsip=tmp_path / "a",
                 diterima=dt.datetime(2026, 1, 19, 10))
    rows = kepatuhan_triwulan(store, 2025, [3, 4], "bappeda").set_index("triwulan", drop=False)
    assert rows.loc[4, "status"] == "tepat waktu" and rows.loc[4, "batas_waktu"] == dt.datetime(2026, 1, 20, 23, 59, 59)
    assert rows.loc[3, "status"] == "belum menyampaikan"
    assert status_teks(rows.loc[3]) == "Laporan triwulan III belum diterima (batas 20 Oktober 2025)."
    lap = triwulanan(store, "bappeda", 2025, 12)
    assert "Laporan triwulan IV diterima 19 Januari 2026, tepat waktu." in lap.penyampaian()
    assert "dari data per triwulan" in lap.pengantar()
    ev = evaluasi_renja(store, "bappeda", 2025, 12)
    assert (ev.tabel["sumber"] == "impor").all() and ev.unit_meta_guessed() == len(ev.tabel)
    path = ev.simpan(tmp_path)[0]
    ws = openpyxl.load_workbook(path).worksheets[0]
    numbers = [ws.cell(7, c).value for c in range(1, 26)]
    assert numbers[:6] == [1, 2, 3, 4, 5, 6] and str(numbers[-2]).startswith("15")  # the regulation's numbering
    assert any(ws.cell(r, 19).value and "NIP" in str(ws.cell(r, 19).value) for r in range(1, ws.max_row + 1))


def test_polarity_override_table(tmp_path):
    from kinerja.core.polaritas import muat_aturan_polaritas, tebak_meta

    rules = tmp_path / "polaritas.yaml"
    rules.write_text("kata:\n  negatif: [kematian]\ntetap:\n  \"Indeks Williamson\": negatif\nakhir:\n  satuan: ['%']\n",
                     encoding="utf-8")
    out = tebak_meta(pd.Series(["Indeks Williamson", "Angka Kematian Bayi"]), pd.Series(["indeks", "%"]),
                     aturan=muat_aturan_polaritas(rules))
    assert out["polaritas"].tolist() == ["negatif", "negatif"]
    assert out["polaritas_sumber"].tolist() == ["tetap", "ditebak"]
    rules.write_text("tetap:\n  x: naik\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match="polaritas tidak dikenal"):
        muat_aturan_polaritas(rules)


def test_sipd_anggaran_is_summed_to_pagu_per_sub_kegiatan(tmp_path):
    from kinerja.impor.jalankan import impor_berkas

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Kode SKPD", "Nama SKPD", "Nama Program", "Nama Kegiatan", "Kode Sub Kegiatan",
               "Nama Sub Kegiatan", "Kode Rekening", "Nama Rekening", "Sumber Dana", "Anggaran"])
    ws.append(["1", "1.02", "Dinas Kesehatan", "PROGRAM A", "Kegiatan A", "1.02.01", "Sub A", "5.1.02.01", "ATK",
               "DAU", "1.500.000,00"])
    ws.append(["2", "1.02", "Dinas Kesehatan", "PROGRAM A", "Kegiatan A", "1.02.01", "Sub A", "5.1.02.02", "Cetak",
               "DAU", 2500000])
    ws.append(["3", "1.02", "Dinas Kesehatan", "PROGRAM A", "Kegiatan A", "1.02.02", "Sub B", "5.1.02.01", "ATK",
               "DAK", "Rp1.000.000"])
    path = tmp_path / "dpa.xlsx"
    wb.save(path)
    out = impor_berkas(path, periksa=True, tahun=2026)
    assert out.jenis == "sipd-anggaran"
    t = out.bacaan.tabel
    sub = t[t["tingkat"] == "subkegiatan"].set_index("nama")["pagu"]
    assert sub.to_dict() == {"Sub A": 4_000_000.0, "Sub B": 1_000_000.0}
    assert t.loc[t["tingkat"] == "program", "pagu"].iloc[0] == 5_000_000.0
    assert (t["periode"] == "tahun").all()
