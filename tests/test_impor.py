"""kinerja impor: the real Renja evaluation of a kabupaten, variants made of it, synthetic SIPD
exports, flat tables through a mapping, and the round trip impor → store → form → impor."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kinerja.impor.hasil import KOLOM_HASIL
from kinerja.impor.jalankan import impor_berkas
from kinerja.core.polaritas import tebak_meta
from kinerja.store.store import Store

REAL = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"
SIGNATURE_ROW = 116


def _read(path, **kw):
    out = impor_berkas(path, kw.pop("jenis", None), periksa=True, **kw)
    assert out.bacaan is not None, [str(m) for m in out.masalah]
    return out


def _indicator_rows(path: Path) -> dict[int, dict]:
    """What the sheet prints for every row with an indicator (cached values)."""
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    rows = {}
    for r in range(11, SIGNATURE_ROW):
        if ws[f"H{r}"].value:
            quarters = [ws[f"{c}{r}"].value for c in ("R", "U", "X", "AA")]
            rows[r] = {"target": ws[f"N{r}"].value, "pagu": ws[f"O{r}"].value,
                       "realisasi_anggaran": sum(q or 0 for q in quarters) if any(q is not None for q in quarters)
                       else None, "realisasi_13": ws[f"AB{r}"].value}
    return rows


@pytest.fixture(scope="module")
def real():
    return _read(REAL, tahun=2025)


def test_the_real_workbook_is_recognised_and_every_indicator_row_read_as_printed(real):
    b = real.bacaan
    assert real.jenis == "evaluasi-renja" and real.dikenali
    assert (b.tahun, b.triwulan) == (2025, 4)
    assert list(b.tabel.columns) == list(KOLOM_HASIL)
    year = b.tabel[b.tabel["periode"] == "tahun"].drop_duplicates("baris")
    printed = _indicator_rows(REAL)
    assert set(year.loc[year["indikator"].notna(), "baris"]) == set(printed)
    for _, row in year[year["indikator"].notna()].iterrows():
        want = printed[row["baris"]]
        for col in ("target", "pagu", "realisasi_anggaran"):
            got = row[col]
            assert (pd.isna(got) and want[col] in (None, 0)) or got == pytest.approx(want[col] or 0), (row["baris"], col)
    # capaian where there is a target and realisasi
    with_target = year[year["target"].notna() & year["realisasi"].notna() & (year["target"] > 0)]
    assert with_target["capaian"].notna().all()
    assert year.loc[year["baris"] == 15, "capaian"].iloc[0] == pytest.approx(100.0)
    # numbers that cannot be right are flagged, not celebrated: (15) of 233 % for a document count
    row15 = year[year["baris"] == 15].iloc[0]
    assert row15["capaian_renstra"] == pytest.approx(233.333333) and "perlu diverifikasi" in row15["catatan"]
    zero = year[year["baris"] == 40].iloc[0]  # a target of 0: no capaian, said why
    assert pd.isna(zero["capaian"]) and "target tahun berjalan 0" in zero["catatan"]


def test_the_hierarchy_is_built_from_sum_rows_and_position(real):
    t = real.bacaan.tabel
    level = t.drop_duplicates("baris").set_index("baris")["tingkat"]
    assert level[11] == "urusan" and level[12] == "urusan" and level[91] == "urusan"
    assert level[13] == "program" and level[55] == "program" and level[106] == "program"
    assert level[14] == "kegiatan" and level[22] == "kegiatan" and level[110] == "kegiatan"  # =SUM(K111:K112)
    assert level[15] == "subkegiatan" and level[111] == "subkegiatan"
    assert level[107] == "program"  # the program's second indicator, on its own row under a merged cell
    sub = t[(t["baris"] == 15) & (t["periode"] == "tahun")].iloc[0]
    assert sub["induk"].startswith("Perencanaan, Penganggaran") and sub["program"].startswith("Program Penunjang")


def test_two_numbered_indicators_in_one_cell_are_split_and_flagged(real):
    rows = real.bacaan.tabel[(real.bacaan.tabel["baris"] == 13) & (real.bacaan.tabel["periode"] == "tahun")]
    assert rows["indikator"].tolist() == ["Nilai LHE AKIP Perangkat Daerah", "Indeks Kepuasan Masyarakat (IKM)"]
    assert rows["target"].iloc[0] == 100 and pd.isna(rows["target"].iloc[1])
    assert all("2 indikator bernomor" in c for c in rows["catatan"])
    assert any(m.sel == "H13" and "bernomor" in m.pesan for m in real.masalah)


def test_a_percentage_summed_over_years_is_recomputed_and_said(real):
    t = real.bacaan.tabel
    row = t[(t["baris"] == 14) & (t["periode"] == "tahun")].iloc[0]
    assert row["agregasi"] == "akhir"
    assert row["realisasi_renstra"] == pytest.approx(100.0)  # the form printed 100 + 100 = 200
    assert row["capaian_renstra"] == pytest.approx(100.0)  # printed 200
    assert "kolom (14) tertulis 200" in row["catatan"] and "kolom (15) tertulis 200" in row["catatan"]
    # quarterly K of an akhir indicator are increments; the quarter's value is % × target
    tw2 = t[(t["baris"] == 14) & (t["periode"] == "TW2")].iloc[0]
    assert tw2["realisasi_tertulis"] == pytest.approx(16.428571, rel=1e-5)
    assert tw2["realisasi"] == pytest.approx(45.714286, rel=1e-5)
    # a summed indicator keeps the sum
    jumlah = t[(t["baris"] == 15) & (t["periode"] == "tahun")].iloc[0]
    assert jumlah["realisasi"] == 4 and jumlah["realisasi_renstra"] == 7


def test_reading_stops_at_the_signature_block_and_skips_the_total_row(real):
    assert real.bacaan.info["tanda_tangan"] == SIGNATURE_ROW
    assert real.bacaan.tabel["baris"].max() < SIGNATURE_ROW
    assert (113, "jumlah tanpa uraian") in real.bacaan.info["dilewati"]  # (baris, alasan)


def test_polarity_is_guessed_and_says_so(real):
    t = real.bacaan.tabel[real.bacaan.tabel["periode"] == "tahun"]
    assert t["catatan"].str.contains("ditebak", na=False).sum() >= 90
    out = tebak_meta(pd.Series(["Angka kematian bayi", "Laju inflasi", "Jumlah dokumen"]), pd.Series(["", "%", "Dok"]),
                     pd.DataFrame({"kode": ["jumlah dokumen"], "polaritas": ["negatif"], "agregasi": ["jumlah"]}))
    assert out["polaritas"].tolist() == ["negatif", "stabil", "negatif"]
    assert out["polaritas_sumber"].tolist() == ["ditebak", "ditebak", "basis data"]


# --- variants of the real file ---------------------------------------------------------------


def _values_only(tmp_path: Path) -> Path:
    wb = openpyxl.load_workbook(REAL, data_only=True)
    out = tmp_path / "nilai-saja.xlsx"
    wb.save(out)
    return out


def test_values_pasted_without_formulas_read_the_same(real, tmp_path):
    other = _read(_values_only(tmp_path), tahun=2025).bacaan.tabel
    base = real.bacaan.tabel
    pd.testing.assert_series_equal(other["realisasi"], base["realisasi"])
    pd.testing.assert_series_equal(other["pagu"], base["pagu"])
    level = other.drop_duplicates("baris").set_index("baris")["tingkat"]
    assert level[14] == "kegiatan" and level[15] == "subkegiatan" and level[13] == "program"  # from the sums


def test_rows_and_columns_shifted_sheet_renamed_rupiah_as_text(real, tmp_path):
    src = openpyxl.load_workbook(_values_only(tmp_path)).worksheets[0]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Lembar Evaluasi TW IV"
    dr, dc = 3, 2
    for row in src.iter_rows():
        for c in row:
            if c.value is not None:
                v = c.value
                if c.column == 15 and isinstance(v, (int, float)) and c.row > 10:  # O: pagu as Indonesian text
                    v = "Rp" + f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
                ws.cell(c.row + dr, c.column + dc, v).number_format = c.number_format
    for rng in src.merged_cells.ranges:
        ws.merge_cells(start_row=rng.min_row + dr, start_column=rng.min_col + dc,
                       end_row=rng.max_row + dr, end_column=rng.max_col + dc)
    path = tmp_path / "geser.xlsx"
    wb.save(path)
    out = _read(path, tahun=2025)
    t, base = out.bacaan.tabel, real.bacaan.tabel
    assert out.bacaan.triwulan == 4
    assert (t["baris"] - dr).tolist() == base["baris"].tolist()
    pd.testing.assert_series_equal(t["pagu"], base["pagu"])
    pd.testing.assert_series_equal(t["realisasi"], base["realisasi"])


def test_a_tw_ii_file_reads_two_quarters(tmp_path):
    wb = openpyxl.load_workbook(_values_only(tmp_path))
    ws = wb.worksheets[0]
    ws.title = "Realisasi TW II"
    for r in range(11, 113):
        for col in ("V", "W", "X", "Y", "Z", "AA"):
            ws[f"{col}{r}"] = None
        if ws[f"H{r}"].value:
            ws[f"AB{r}"] = None  # Excel would recompute; no cached value here
    path = tmp_path / "tw2.xlsx"
    wb.save(path)
    out = _read(path, tahun=2025)
    t = out.bacaan.tabel
    assert out.bacaan.triwulan == 2
    assert set(t["periode"]) == {"TW1", "TW2", "tahun"}
    row = t[(t["baris"] == 15) & (t["periode"] == "tahun")].iloc[0]
    assert row["realisasi"] == pytest.approx(2.8)  # 2 + 0,8: TW I + TW II
    assert row["realisasi_tertulis"] is None or pd.isna(row["realisasi_tertulis"])


def test_formulas_without_cached_values_are_named_not_read_as_zero(tmp_path):
    path = tmp_path / "tanpa-cache.xlsx"
    openpyxl.load_workbook(REAL).save(path)  # openpyxl keeps formulas but no cached values
    out = _read(path, tahun=2025)
    said = [m for m in out.masalah if "rumus tanpa nilai tersimpan" in m.pesan]
    assert said and said[0].lembar == "Realisasi TW IV" and said[0].sel
    row = out.bacaan.tabel[(out.bacaan.tabel["baris"] == 15) & (out.bacaan.tabel["periode"] == "TW2")].iloc[0]
    assert pd.isna(row["realisasi"])  # S15 is =T15*N15-P15: unknown, not 0


def test_a_file_that_is_not_a_workbook_is_reported_and_the_folder_goes_on(tmp_path):
    (tmp_path / "a.xlsx").write_text("bukan excel", encoding="utf-8")
    bad = impor_berkas(tmp_path / "a.xlsx", periksa=True)
    assert bad.ditolak and bad.bacaan is None
    assert all("Traceback" not in str(m) for m in bad.masalah)
    plain = openpyxl.Workbook()
    plain.active["A1"] = "tabel lain"
    plain.save(tmp_path / "b.xlsx")
    other = impor_berkas(tmp_path / "b.xlsx", periksa=True)
    assert other.ditolak and "tidak dikenali" in str(other.masalah[0])


# --- SIPD ---------------------------------------------------------------------------------


def _sipd_realisasi(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "LAPORAN REALISASI BELANJA"
    head = ["No", "Kode SKPD", "Nama SKPD", "Kode Program", "Nama Program", "Kode Kegiatan", "Nama Kegiatan",
            "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Rekening", "Nama Rekening", "Nomor Dokumen",
            "Tanggal Dokumen", "Keterangan", "Nilai Realisasi", "Nomor SP2D"]
    ws.append([])
    ws.append(head)
    rows = [
        ("5.01.0.00", "Badan Perencanaan Pembangunan Daerah", "5.01.01", "PROGRAM PERENCANAAN", "5.01.01.1.01",
         "Penyusunan Dokumen", "5.01.01.1.01.01", "Penyusunan RKPD", "5.1.02", "Belanja ATK", "SPM-1",
         "5 Januari 2025", "ATK", "1.234.567,89", "SP2D-1"),
        ("5.01.0.00", "Badan Perencanaan Pembangunan Daerah", "5.01.01", "PROGRAM PERENCANAAN", "5.01.01.1.01",
         "Penyusunan Dokumen", "5.01.01.1.01.01", "Penyusunan RKPD", "5.1.02", "Belanja Cetak", "SPM-2",
         "28 Januari 2025", "Cetak", "765.432,11", "SP2D-2"),
        ("5.01.0.00", "Badan Perencanaan Pembangunan Daerah", "5.01.01", "PROGRAM PERENCANAAN", "5.01.01.1.01",
         "Penyusunan Dokumen", "5.01.01.1.01.01", "Penyusunan RKPD", "5.1.02", "Belanja ATK", "SPM-3",
         dt.date(2025, 2, 3), "ATK", 500000, "SP2D-3"),
        ("9.99.0.00", "Dinas Tidak Terdaftar", "9.99.01", "PROGRAM LAIN", "9.99.01.1.01", "Kegiatan Lain",
         "9.99.01.1.01.01", "Sub Lain", "5.1.02", "Belanja", "SPM-4", "10 Maret 2025", "-", "Rp100.000", "SP2D-4"),
    ]
    for i, row in enumerate(rows, 1):
        ws.append([str(i), *row])
    ws.append(["", "JUMLAH", "", "", "", "", "", "", "", "", "", "", "", "", "2.599.999,99"])
    wb.save(path)


def test_sipd_realisasi_is_summed_per_sub_kegiatan_and_month(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_realisasi(path)
    out = _read(path)
    assert out.jenis == "sipd-realisasi" and out.dikenali
    t = out.bacaan.tabel
    sub = t[(t["tingkat"] == "subkegiatan") & (t["nama"] == "Penyusunan RKPD")].set_index("periode")
    assert sub.loc["B01", "realisasi_anggaran"] == pytest.approx(2_000_000.00)
    assert sub.loc["B02", "realisasi_anggaran"] == pytest.approx(500_000)
    assert set(t["tingkat"]) == {"subkegiatan", "kegiatan", "program", "skpd"}
    assert out.bacaan.tahun == 2025 and out.bacaan.info["baris_data"] == 4  # the JUMLAH row is not data


def test_sipd_rows_are_matched_to_units_and_the_rest_listed(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_realisasi(path)
    store = _store_with_bappeda(tmp_path)
    out = impor_berkas(path, store=store, arsip=tmp_path / "arsip")
    assert out.muat is not None and out.muat.status == "dimuat", [str(m) for m in out.masalah]
    assert any("Dinas Tidak Terdaftar" in m.pesan for m in out.masalah)
    money = store.current("anggaran", dokumen="sipd-realisasi")
    assert set(money["unit_kode"]) == {"bappeda"}
    sub = money[money["sub_kegiatan"].notna()]
    assert sub.groupby("bulan")["nilai"].sum().to_dict() == pytest.approx({1.0: 2_000_000.0, 2.0: 500_000.0})
    # the program sums reach the documents' budget tables (no pagu yet: penyerapan unknown, not 0)
    from kinerja.analisis import dari_store as analisis

    prog = analisis.anggaran_program(store, "bappeda", 2025).set_index("bulan")
    assert prog.loc[2, "realisasi_kumulatif"] == pytest.approx(2_500_000.0)
    assert prog["penyerapan_kumulatif"].isna().all()


# --- flat tables -----------------------------------------------------------------------------


def test_a_flat_table_through_a_drafted_mapping(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode Indikator", "Indikator Kinerja", "Satuan", "Target 2025", "Realisasi TW I", "Realisasi TW II",
               "Kendala", "Solusi"])
    ws.append(["IK-1", "Persentase desa mandiri", "%", "40", "35,5", "38,25", "Data terlambat", "Pendampingan"])
    ws.append(["IK-2", "Jumlah pelatihan", "kegiatan", 12, 3, 4, None, None])
    path = tmp_path / "tabel.xlsx"
    wb.save(path)
    from kinerja.impor.lembar import buka_lembar
    from kinerja.impor.tabel import buat_pemetaan, muat_pemetaan
    from kinerja.formulir.masalah import Penampung

    mapping = buat_pemetaan(buka_lembar(path.read_bytes(), Penampung("t"), rumus=False), tmp_path / "p.yaml")
    doc = muat_pemetaan(mapping)
    assert doc["realisasi"] == {"TW1": "Realisasi TW I", "TW2": "Realisasi TW II"}
    assert doc["kolom"]["indikator"] == "Indikator Kinerja" and doc["kolom"]["kendala"] == "Kendala"
    out = _read(path, jenis="tabel", pemetaan=mapping, tahun=2025)
    year = out.bacaan.tabel[out.bacaan.tabel["periode"] == "tahun"].set_index("indikator")
    assert year.loc["Persentase desa mandiri", "realisasi"] == pytest.approx(38.25)  # akhir: the last quarter
    assert year.loc["Jumlah pelatihan", "realisasi"] == 7  # jumlah: the sum
    assert "Faktor penghambat: Data terlambat" in year.loc["Persentase desa mandiri", "catatan"]


# --- into the store and back ---------------------------------------------------------------------


def _store_with_bappeda(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    units = pd.DataFrame({"kode": ["kab", "bappeda"], "nama": ["Pemerintah Kabupaten Deli Serdang",
                                                               "Badan Perencanaan Pembangunan Daerah"],
                          "jenis": ["kabupaten", "perangkat_daerah"], "induk": [None, "kab"],
                          "jabatan": ["Bupati Deli Serdang", "Kepala Badan Perencanaan Pembangunan Daerah"]})
    store.add_submission({"dokumen": "UNIT", "tingkat": "kabupaten", "unit_kode": None, "tahun": None, "bulan": None,
                          "berkas": "unit.xlsx", "sha256": "0" * 64, "ukuran": 1, "diterima": dt.datetime(2025, 1, 2),
                          "dimuat": dt.datetime(2025, 1, 2), "arsip": "-", "peringatan": 0}, {"unit": units})
    return store


def test_round_trip_impor_store_form_impor(real, tmp_path):
    from kinerja.analisis import dari_store as analisis
    from kinerja.dokumen.evaluasi_renja_tabel import tabel_evaluasi_renja
    from kinerja.dokumen.evaluasi_renja_xlsx import tulis_evaluasi_renja_xlsx

    store = _store_with_bappeda(tmp_path)
    loaded = impor_berkas(REAL, "evaluasi-renja", unit="bappeda", tahun=2025, store=store, arsip=tmp_path / "arsip")
    assert loaded.muat.status == "dimuat" and loaded.muat.bulan == 12
    again = impor_berkas(REAL, "evaluasi-renja", unit="bappeda", tahun=2025, store=store, arsip=tmp_path / "arsip")
    assert again.muat.status == "sama"  # the same file twice changes nothing
    kum = analisis.capaian_kumulatif(store, "bappeda", 2025, 12)
    assert len(kum) == 93 and (kum["periode_data"] == "triwulan").all()
    assert kum.loc[kum["indikator"] == "Jumlah Dokumen Perencanaan Perangkat Daerah", "capaian"].iloc[0] == 100
    form = tabel_evaluasi_renja(store, "bappeda", 2025, 4)
    path = tmp_path / "evaluasi.xlsx"
    tulis_evaluasi_renja_xlsx(form, path, judul="Evaluasi terhadap Hasil Renja Perangkat Daerah",
                              unit_nama="Badan Perencanaan Pembangunan Daerah", tahun=2025, triwulan=4)
    back = _read(path, tahun=2025).bacaan.tabel
    first = real.bacaan.tabel
    a = first[(first["periode"] == "tahun") & first["target"].notna()].drop_duplicates("indikator").set_index("indikator")
    b = back[back["periode"] == "tahun"].drop_duplicates("indikator").set_index("indikator").reindex(a.index)
    for col in ("target", "realisasi", "pagu", "realisasi_anggaran", "target_renstra", "realisasi_renstra",
                "capaian_renstra"):
        np.testing.assert_allclose(b[col].to_numpy(float), a[col].to_numpy(float), rtol=1e-9,
                                   err_msg=f"{col}: {list(a.index[:2])} {list(back['indikator'].head(12))}")


def test_quarterly_gaps_are_named_by_quarter(tmp_path):
    from kinerja.analisis import dari_store as analisis

    wb = openpyxl.load_workbook(_values_only(tmp_path))
    ws = wb.worksheets[0]
    ws["S15"] = None  # TW II of "Jumlah Dokumen Perencanaan" not reported
    path = tmp_path / "lubang.xlsx"
    wb.save(path)
    store = _store_with_bappeda(tmp_path)
    impor_berkas(path, "evaluasi-renja", unit="bappeda", tahun=2025, store=store, arsip=tmp_path / "arsip")
    kum = analisis.capaian_kumulatif(store, "bappeda", 2025, 12)
    row = kum[kum["indikator"] == "Jumlah Dokumen Perencanaan Perangkat Daerah"]
    assert row["bulan_kosong"].iloc[0] == [6]
    note = analisis.catatan_periode(row).iloc[0]
    assert "Belum dilaporkan: triwulan II" in note
    assert "target tahunan" not in note  # over the whole year the annual target is the period's own
    to_september = analisis.capaian_kumulatif(store, "bappeda", 2025, 9)
    row = to_september[to_september["indikator"] == "Jumlah Dokumen Perencanaan Perangkat Daerah"]
    assert "Dibandingkan dengan target tahunan" in analisis.catatan_periode(row).iloc[0]
    assert row["sumber_target"].iloc[0] == "renja"


def test_cli_reads_the_real_workbook_and_writes_the_long_table(tmp_path):
    out = tmp_path / "hasil.csv"
    res = subprocess.run([sys.executable, "-m", "kinerja", "impor", str(REAL), "--jenis", "evaluasi-renja", "--unit",
                          "bappeda", "--tahun", "2025", "--periksa", "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "evaluasi-renja, tahun 2025, triwulan 4" in res.stdout and "Traceback" not in res.stderr
    table = pd.read_csv(out, sep=";", decimal=",")
    assert list(table.columns) == list(KOLOM_HASIL)
    assert '"4,0"' in out.read_text(encoding="utf-8")  # decimal comma, for an Indonesian Excel


def test_a_table_with_only_the_years_realisasi_is_kept_as_the_year(tmp_path):
    from kinerja.analisis import dari_store as analisis

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator", "Satuan", "Target", "Realisasi 2025"])
    ws.append(["Jumlah dokumen perencanaan", "dok", 4, 5])
    path = tmp_path / "tahunan.xlsx"
    wb.save(path)
    mapping = tmp_path / "p.yaml"
    mapping.write_text("kolom:\n  indikator: Indikator\n  satuan: Satuan\n  target: Target\nrealisasi:\n"
                       "  tahun: Realisasi 2025\n", encoding="utf-8")
    store = _store_with_bappeda(tmp_path)
    # a flat table has no Renja target row of its own: give the unit one through the Renja file first
    out = impor_berkas(path, "tabel", pemetaan=mapping, unit="bappeda", tahun=2025, store=store,
                       arsip=tmp_path / "arsip")
    assert out.muat is not None and out.muat.status == "dimuat", [str(m) for m in out.masalah]
    real = store.current("realisasi", unit_kode="bappeda", tahun=2025)
    assert real[["bulan", "periode", "nilai"]].values.tolist() == [[12, "tahun", 5.0]]
    kum = analisis.capaian_kumulatif(store, "bappeda", 2025, 12)
    assert kum["periode_data"].tolist() == ["tahun"] and kum["capaian"].iloc[0] == pytest.approx(125.0)
    early = analisis.capaian_kumulatif(store, "bappeda", 2025, 9)
    assert early["bulan_kosong"].iloc[0] == [] and pd.isna(early["capaian"].iloc[0])  # not due before December
    assert "dilaporkan per tahun" in analisis.dasar_periode(early, 9)


def test_another_pemdas_layout_reads_too(tmp_path):
    """Another kabupaten's form: numbering in parentheses with (16) unit and (17) keterangan,
    the year only in column (8)'s header, the quarter in the title, numbers as text, no
    formulas, no % columns."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form"
    ws["A1"] = "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH"
    ws["A2"] = "DINAS LAIN"
    ws["A3"] = "PERIODE PELAKSANAAN: TRIWULAN I"
    heads = {1: "No", 2: "Sasaran", 3: "Program/Kegiatan/Sub Kegiatan", 4: "Indikator Kinerja", 5: "Satuan",
             6: "Target Renstra Akhir Periode (2026)", 7: "Realisasi Renstra s.d. Tahun Lalu",
             8: "Target Kinerja dan Anggaran Renja Tahun Berjalan (2025)", 9: "Realisasi Triwulan I",
             10: "Realisasi Triwulan II", 11: "Realisasi Triwulan III", 12: "Realisasi Triwulan IV",
             13: "Realisasi Capaian Kinerja dan Anggaran", 14: "Realisasi Renstra", 15: "Tingkat Capaian",
             16: "Unit Penanggung Jawab", 17: "Keterangan"}
    col = 1
    for n in range(1, 18):
        span = 2 if 6 <= n <= 15 else 1
        ws.cell(5, col, heads[n])
        ws.cell(7, col, f"({n})")
        if span == 2:
            ws.merge_cells(start_row=7, start_column=col, end_row=7, end_column=col + 1)
            ws.cell(8, col, "K")
            ws.cell(8, col + 1, "Rp")
        col += span
    rows = [
        ["1", "Meningkatnya kualitas layanan", "Program Pelayanan Publik", "Persentase layanan tepat waktu", "%",
         "95", "Rp3.000.000,00", "", "", "90", "Rp1.000.000,00", "75,5", "Rp200.000,00"],
        ["2", "", "Kegiatan Layanan Terpadu", "Jumlah layanan", "layanan", "400", "Rp3.000.000,00", "", "", "100",
         "Rp1.000.000,00", "20", "Rp200.000,00"],
        ["3", "", "Sub Kegiatan Loket", "Jumlah loket aktif", "unit", "4", "Rp3.000.000,00", "", "", "4",
         "Rp1.000.000,00", "3", "Rp200.000,00"],
    ]
    for i, values in enumerate(rows):
        for j, v in enumerate(values, 1):
            ws.cell(9 + i, j, v or None)
        ws.cell(9 + i, 26, "Bidang Layanan")
        ws.cell(9 + i, 27, "Sesuai jadwal")
    ws["V14"] = "Kepala Dinas Lain,"
    ws["V17"] = "NIP. 19700101 199001 1 001"
    path = tmp_path / "lain.xlsx"
    wb.save(path)
    out = _read(path)
    b = out.bacaan
    assert (b.tahun, b.triwulan) == (2025, 1)
    assert not [m for m in out.masalah if "bukan angka" in m.pesan], [str(m) for m in out.masalah]
    year = b.tabel[b.tabel["periode"] == "tahun"].set_index("indikator")
    assert year["tingkat"].tolist() == ["program", "kegiatan", "subkegiatan"]
    assert year.loc["Persentase layanan tepat waktu", "realisasi"] == pytest.approx(75.5)
    assert year.loc["Persentase layanan tepat waktu", "pagu"] == 1_000_000
    assert year.loc["Jumlah loket aktif", "capaian"] == pytest.approx(75.0)
    assert b.info["tanda_tangan"] == 14


def test_an_unreadable_file_has_the_same_code_in_impor_as_in_ingest(tmp_path, store):
    from kinerja.formulir.ingest import muat_berkas
    from kinerja.impor.jalankan import impor_berkas

    missing = tmp_path / "tidak-ada.xlsx"
    out = impor_berkas(missing, "evaluasi-renja", unit="dinkes", tahun=2025, periksa=True)
    assert [m.kode for m in out.masalah] == ["V01"] and "tidak dapat dibaca" in str(out.masalah[0])
    assert [m.kode for m in muat_berkas(missing, store, tmp_path).galat] == ["V01"]


SUKABUMI = Path(__file__).parent / "data" / "impor" / "sukabumi-bappeda-evaluasi-renja-2018.xlsx"


@pytest.mark.parametrize("edits, refused", [
    ({"I6": "Target"}, {"I8"}),  # column (5) is not satuan any more
    ({"P7": "II", "S7": "I"}, {"P8", "S8"}),  # quarters swapped: (9) says TW II, (10) says TW I
])
def test_a_header_that_does_not_say_its_column_stops_the_file(tmp_path, edits, refused):
    wb = openpyxl.load_workbook(REAL)
    ws = wb.worksheets[0]
    for cell, value in edits.items():
        ws[cell] = value
    path = tmp_path / "judul-lain.xlsx"
    wb.save(path)
    out = impor_berkas(path, "evaluasi-renja", periksa=True)
    assert out.ditolak and out.bacaan.tabel.empty
    assert {m.sel for m in out.masalah if m.kode == "I02"} == refused


def test_the_year_read_from_a_title_is_the_same_in_every_process():
    """Years tied in count were broken by set order, which changes with PYTHONHASHSEED."""
    code = ("from kinerja.impor.jalankan import impor_berkas; import sys; "
            f"print(impor_berkas(sys.argv[1], 'evaluasi-renja', periksa=True).bacaan.tahun)")
    years = {subprocess.run([sys.executable, "-c", code, str(SUKABUMI)], capture_output=True, text=True, check=True,
                            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"}).stdout.strip()
             for seed in (1, 2, 3, 4)}
    assert years == {"2018"}


def test_a_header_without_its_k_labels_is_no_program_error(tmp_path):
    """Found by the Renja fuzz: with the "K" labels of the label row gone (only "Rp" left), the
    header check looked up a K column that was not there and ended in "kesalahan program"
    (I00, KeyError 'k'). The file is now judged on its header titles like any other."""
    wb = openpyxl.load_workbook(REAL)
    ws = wb.worksheets[0]
    emptied = 0
    for row in ws.iter_rows(min_row=9, max_row=9):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower() == "k":
                cell.value = None
                emptied += 1
    assert emptied >= 4
    path = tmp_path / "tanpa-label-k.xlsx"
    wb.save(path)
    out = impor_berkas(path, "evaluasi-renja", periksa=True)
    assert not [m for m in out.masalah if m.kode == "I00"], [str(m) for m in out.masalah]
