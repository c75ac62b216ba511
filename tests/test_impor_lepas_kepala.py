"""Two-row headers (issue #22, item 2 of brief "lepas"): "JUMLAH" over "Sebelum Perubahan |
Sesudah Perubahan" (or "Murni | Perubahan") in a budget export, merged or not, in either order:
each column's meaning comes from both rows, so pagu murni and perubahan are never swapped; and
"Target | Realisasi" under "Triwulan I" in a flat table."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from kinerja.formulir.masalah import Penampung
from kinerja.impor.jalankan import impor_berkas
from kinerja.impor.lembar import buka_lembar
from kinerja.impor.pemetaan import rancang_pemetaan

ATAS = ["SKPD", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "URAIAN BELANJA", "JUMLAH", None]
DATA = [["1.01.01 Dinas Pendidikan", "1.01.01 Program Penunjang", "1.01.01.2.01 Perencanaan",
         "1.01.01.2.01.0001 Penyusunan Dokumen", "5.1.02.01.01.0024 Belanja Alat Tulis Kantor", 1000, 1500],
        ["1.01.01 Dinas Pendidikan", "1.01.01 Program Penunjang", "1.01.01.2.01 Perencanaan",
         "1.01.01.2.01.0001 Penyusunan Dokumen", "5.1.02.01.01.0026 Belanja Bahan Cetak", 2000, 1800]]


def _ekspor(path: Path, bawah: list[str], gabung: bool, tukar: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Rincian APBD Perubahan Tahun Anggaran 2023"])
    ws.append(ATAS)
    ws.append([None] * 5 + (bawah[::-1] if tukar else bawah))
    for row in DATA:
        ws.append(row[:5] + ([row[6], row[5]] if tukar else row[5:]))
    if gabung:
        ws.merge_cells("F2:G2")
        for c in "ABCDE":
            ws.merge_cells(f"{c}2:{c}3")
    wb.save(path)
    return path


@pytest.mark.parametrize("bawah", [["Sebelum Perubahan", "Sesudah Perubahan"], ["Murni", "Perubahan"]])
@pytest.mark.parametrize("gabung", [True, False], ids=["gabung", "lepas"])
@pytest.mark.parametrize("tukar", [False, True], ids=["murni-dulu", "perubahan-dulu"])
def test_jumlah_over_before_and_after_perubahan_is_read_by_both_rows(tmp_path, bawah, gabung, tukar):
    """On main "JUMLAH" alone was the pagu: with "Sesudah" first, the perubahan as murni."""
    out = impor_berkas(_ekspor(tmp_path / "e.xlsx", bawah, gabung, tukar), "sipd-anggaran", tahun=2023,
                       periksa=True)
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"]
    t = out.bacaan.tabel.set_index("tingkat")
    assert t.loc["rekening", "pagu"].tolist() == [1000, 2000]
    assert t.loc["rekening", "pagu_perubahan"].tolist() == [1500, 1800]
    assert (t.loc["skpd", "pagu"], t.loc["skpd", "pagu_perubahan"]) == (3000, 3300)
    assert out.bacaan.info["baris_judul"] == 3


def test_target_and_realisasi_under_each_quarter_are_mapped_by_both_rows(tmp_path):
    wb = openpyxl.Workbook()
    for row in [["Laporan Kinerja Triwulan II Tahun 2025"],
                ["Kode", "Indikator Kinerja", "Satuan", "Triwulan I", None, "Triwulan II", None],
                [None, None, None, "Target", "Realisasi", "Target", "Realisasi"],
                ["A", "Jumlah dokumen", "dok", 2, 1, 2, 3]]:
        wb.active.append(row)
    raw = io.BytesIO()
    wb.save(raw)
    doc, _ = rancang_pemetaan(buka_lembar(raw.getvalue(), Penampung("t.xlsx")))
    assert doc["target_periode"] == {"TW1": "Triwulan I Target", "TW2": "Triwulan II Target"}
    assert doc["realisasi"] == {"TW1": "Triwulan I Realisasi", "TW2": "Triwulan II Realisasi"}
