"""The logic behind the pages, without a browser: summaries, colour map, gaps, trend, what-if, export."""

import json

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import BULAN, TAHUN
from kinerja.analisis import dari_store as analisis
from kinerja.halaman import dasbor
from kinerja.halaman.penjelajah import penjelajah
from kinerja.halaman.perangkat_daerah import perangkat_daerah
from kinerja.core.predikat import muat_skala


@pytest.fixture
def k(store, tmp_path) -> dasbor.Konteks:
    return dasbor.Konteks(store, TAHUN, BULAN, muat_skala("permendagri-86-2017"), tmp_path)


def test_konteks_reads_the_server_environment_not_the_url(store, monkeypatch, tmp_path):
    monkeypatch.setenv("KINERJA_DB", store.url)
    monkeypatch.setenv("KINERJA_TAHUN", str(TAHUN))
    monkeypatch.setenv("KINERJA_BULAN", "2")
    monkeypatch.setenv("KINERJA_KELUARAN", str(tmp_path))
    got = dasbor.konteks()
    assert (got.store.url, got.tahun, got.bulan, got.keluaran) == (store.url, TAHUN, 2, tmp_path.resolve())
    monkeypatch.delenv("KINERJA_TAHUN")
    monkeypatch.delenv("KINERJA_BULAN")
    latest = dasbor.konteks()
    assert (latest.tahun, latest.bulan) == (TAHUN, BULAN)  # the last month reported in the store


def test_ringkasan_kabupaten_matches_unit_by_unit(k):
    r = dasbor.ringkasan_kabupaten(k).set_index("unit_kode")
    units = k.store.current("unit")
    assert set(r.index) == set(units[units["jenis"] == "perangkat_daerah"]["kode"])
    empty = r.drop(index="dinkes")  # only Dinas Kesehatan has data in the test store
    assert (empty["indikator"] == 0).all() and empty["capaian"].isna().all()
    assert (empty["kuadran"] == "belum dapat dinilai").all()
    row = r.loc["dinkes"]
    per_unit = analisis.capaian_kumulatif(k.store, "dinkes", TAHUN, BULAN)
    assert row["capaian"] == pytest.approx(per_unit["capaian"].mean())
    assert row["predikat"] == k.skala.predikat(pd.Series([row["capaian"]])).iloc[0]
    money = analisis.anggaran_program(k.store, "dinkes", TAHUN)
    now = money[money["bulan"] == BULAN]
    assert row["penyerapan"] == pytest.approx(now["realisasi_kumulatif"].sum() / now["pagu"].sum() * 100)
    assert row["kepatuhan"] in ("tepat waktu", "terlambat", "belum menyampaikan")
    expected = dasbor.KUADRAN[(bool(row["capaian"] >= 100), bool(row["penyerapan"] >= row["rencana_penyerapan"]))]
    assert row["kuadran"] == expected


@pytest.mark.parametrize("capaian,serapan,rencana,label", [
    (105, 40, 50, dasbor.KUADRAN[(True, False)]), (100, 50, 50, dasbor.KUADRAN[(True, True)]),
    (80, 70, 50, dasbor.KUADRAN[(False, True)]), (99.99, 49.99, 50, dasbor.KUADRAN[(False, False)]),
    (np.nan, 40, 50, "belum dapat dinilai")])
def test_quadrant_boundaries(k, monkeypatch, capaian, serapan, rencana, label):
    fake = pd.DataFrame({"unit_kode": ["x"], "nama": ["X"], "jenis": ["perangkat_daerah"], "indikator": [1],
                         "capaian": [capaian], "capaian_tahunan": [capaian], "penyerapan": [serapan],
                         "rencana_penyerapan": [rencana], "predikat": ["-"]})
    monkeypatch.setattr(analisis, "ringkasan_unit", lambda *a, **kw: fake.copy())
    assert dasbor.ringkasan_kabupaten(k)["kuadran"].iloc[0] == label


def test_peta_predikat_is_unit_by_month_with_grey_for_no_data(k):
    peta = dasbor.peta_predikat(k)
    units = k.store.current("unit")
    assert len(peta) == (units["jenis"] == "perangkat_daerah").sum() * BULAN
    dinkes = peta[peta["unit_kode"] == "dinkes"]
    assert list(dinkes["bulan"]) == list(range(1, BULAN + 1))
    monthly = analisis.capaian_bulanan(k.store, "dinkes", TAHUN)
    jan = monthly[monthly["bulan"] == 1]["capaian"].mean()
    assert dinkes.iloc[0]["capaian"] == pytest.approx(jan)
    assert (peta["warna"] == "#e0e0e0").eq(peta["capaian"].isna()).all()


def test_kesenjangan_ranks_the_largest_gap_first_and_filters(k):
    all_ = dasbor.semua_indikator(k)
    gaps = dasbor.kesenjangan(k, n=None, data=all_)
    assert (gaps["capaian"] < 100).all() and gaps["kesenjangan"].is_monotonic_decreasing
    assert gaps["kesenjangan"].iloc[0] == pytest.approx(100 - all_["capaian"].min())
    only = dasbor.kesenjangan(k, unit="dinkes", polaritas="negatif", n=None, data=all_)
    assert set(only["unit_kode"]) <= {"dinkes"} and set(only["polaritas"]) <= {"negatif"}
    assert len(dasbor.kesenjangan(k, n=1, data=all_)) == 1


def test_tren_joins_earlier_years_and_this_year_with_renstra_capaian(k):
    t = dasbor.tren(k, "nusa-rekaan")
    aki = t[t["indikator_kode"] == "angka kematian ibu"].set_index("tahun")
    assert TAHUN in aki.index and TAHUN - 1 in aki.index
    row = aki.loc[TAHUN - 1]  # negatif: capaian = (2 × target − realisasi) / target
    assert row["capaian"] == pytest.approx((2 * row["target_renstra"] - row["realisasi"]) / row["target_renstra"] * 100)
    now = analisis.capaian_kumulatif(k.store, "nusa-rekaan", TAHUN, BULAN).set_index("indikator_kode")
    assert aki.loc[TAHUN, "realisasi"] == pytest.approx(float(now.loc["angka kematian ibu", "realisasi"]))
    # The Renstra's baseline year is kept, with its kondisi awal and no capaian.
    base = aki[aki["awal"]]
    assert len(base) == 1 and base.index[0] == TAHUN - 2 and base["capaian"].isna().all()
    assert base["realisasi"].notna().all() and base["target_renstra"].isna().all()


def test_andai_target_recomputes_capaian_and_predikat(k):
    row = dasbor.semua_indikator(k)
    row = row[row["polaritas"] == "positif"].head(1)
    real = float(row["realisasi"].iloc[0])
    out = dasbor.andai_target(row, {row["indikator_kode"].iloc[0]: real / 2}, k.skala).iloc[0]
    assert out["capaian_andai"] == pytest.approx(200.0)
    assert out["predikat_andai"] == k.skala.predikat(pd.Series([200.0])).iloc[0]
    same = dasbor.andai_target(row, {}, k.skala).iloc[0]
    assert same["capaian_andai"] == pytest.approx(same["capaian"])


def test_laporan_unit_only_lists_files_inside_the_output_folder(k, tmp_path):
    folder = k.keluaran / str(TAHUN) / "dinkes"
    folder.mkdir(parents=True)
    (folder / "craapk.pdf").write_bytes(b"%PDF-1.4")
    (folder / "craapk.ipynb").write_text("{}")
    outside = tmp_path.parent / "rahasia.txt"
    outside.write_text("x")
    manifest = {"tugas": [{"unit": "dinkes", "dokumen": "craapk", "status": "berhasil",
                           "keluaran": [str(folder / "craapk.pdf"), str(folder / "craapk.ipynb"), str(outside),
                                        str(folder / "hilang.xlsx")]},
                          {"unit": "dinkes", "dokumen": "bukan-dokumen", "status": "berhasil", "keluaran": []},
                          {"unit": "dinkes", "dokumen": "rkt", "status": "gagal", "keluaran": []},
                          {"unit": "lain", "dokumen": "pk", "status": "berhasil", "keluaran": []}]}
    (k.keluaran / str(TAHUN) / "manifest.json").write_text(json.dumps(manifest))
    docs = dasbor.laporan_unit(k, "dinkes")
    assert list(docs["dokumen"]) == ["RKT", "CRAAPK"]  # registry order; unknown documents are not offered
    assert docs["judul"].iloc[1] == "Capaian Rencana Aksi atas Perjanjian Kinerja (CRAAPK)"
    assert [p.name for p in docs["berkas"].iloc[1]] == ["craapk.pdf"]
    assert dasbor.laporan_unit(k, "tidak-ada").empty


def test_ekspor_xlsx_keeps_numbers_and_indonesian_headers(k, tmp_path):
    gaps = dasbor.kesenjangan(k, n=None, data=dasbor.semua_indikator(k))
    path = dasbor.ekspor_xlsx(gaps, tmp_path / "pilihan.xlsx", k.skala)
    ws = load_workbook(path)["Pilihan"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Unit", "Sasaran", "Indikator Kinerja"] and "Kesenjangan (poin)" in headers
    col = headers.index("Capaian (%)") + 1
    assert ws.cell(row=2, column=col).value == pytest.approx(gaps["capaian"].iloc[0])
    assert ws.max_row == len(gaps) + 1


def test_pages_build_and_react_without_a_browser(k):
    """The widget wiring: a selection changes what is shown (what the browser tests see)."""
    page = perangkat_daerah(k)
    widgets_ = {tuple(w._dom_classes): w for w in _walk(page) if getattr(w, "_dom_classes", ())}
    pilih = widgets_[("kinerja-pilih-unit",)]
    ringkasan = widgets_[("kinerja-ringkasan-unit",)]
    pilih.value = "dinkes"
    assert "Dinas Kesehatan" in ringkasan.value
    before = widgets_[("kinerja-grafik-bulanan",)].value
    options = widgets_[("kinerja-pilih-indikator",)].options
    widgets_[("kinerja-pilih-indikator",)].value = options[-1][1]
    assert widgets_[("kinerja-grafik-bulanan",)].value != before
    explorer = penjelajah(k, folder_ekspor=k.keluaran / "ekspor")
    button = next(w for w in _walk(explorer) if getattr(w, "description", "") == "Ekspor pilihan ke .xlsx")
    button.click()
    assert len(list((k.keluaran / "ekspor").glob("kesenjangan-*.xlsx"))) == 1


def _walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _walk(child)
