"""Semester periods in flat tables (issue #22, item 3 of brief "lepas"): "Semester I/II", "S1/S2",
"Realisasi Semester I" are the months 1–6 and 7–12, read and loaded as triwulan columns are to
quarters, and ``--periksa`` names the period."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml

from kinerja.cli import main
from kinerja.impor.jalankan import impor_berkas
from kinerja.impor.lembar import buka_lembar
from kinerja.formulir.masalah import Penampung
from kinerja.impor.pemetaan import rancang_pemetaan

ROWS = [["Kode", "Indikator Kinerja", "Satuan", "Target", "Realisasi Semester I", "Realisasi S2"],
        ["IK-1", "Jumlah dokumen perencanaan", "dokumen", 8, 3, 5],
        ["IK-2", "Persentase desa mandiri", "%", 40, 25, 38]]


def _xlsx(path: Path, title: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in title + ROWS:
        ws.append(row)
    wb.save(path)
    return path


def test_semester_words_name_their_months():
    from kinerja.core.periode import bulan_periode, cari_semester

    assert [cari_semester(t) for t in ("Semester I", "Realisasi Semester II", "S1", "Realisasi S2", "Smt. 1")] == \
        [1, 2, 1, 2, 1]
    assert [bulan_periode(p) for p in ("S1", "S2", "TW2", "B06")] == [6, 12, 6, 6]


def test_a_flat_table_of_semesters_is_read_as_months_1_6_and_7_12_and_the_period_named(tmp_path, capsys):
    """On main "Realisasi Semester I" was left unmapped ("periode semester belum dibaca")."""
    path = _xlsx(tmp_path / "s.xlsx", [["Laporan Realisasi Kinerja Semester II Tahun 2025"]])
    doc, said = rancang_pemetaan(buka_lembar(path.read_bytes(), Penampung(path.name)))
    assert doc["realisasi"] == {"S1": "Realisasi Semester I", "S2": "Realisasi S2"}, said
    mapping = tmp_path / "p.yaml"
    mapping.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    out = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, periksa=True)
    assert not out.ditolak, [str(m) for m in out.masalah]
    t = out.bacaan.tabel.set_index(["indikator", "periode"])
    assert t.loc[("Jumlah dokumen perencanaan", "S1"), "realisasi"] == 3
    assert t.loc[("Jumlah dokumen perencanaan", "S2"), "sel_realisasi"].endswith("F3")
    # jumlah: the year is S1 + S2; a percentage (akhir): the last semester
    assert t.loc[("Jumlah dokumen perencanaan", "tahun"), "realisasi"] == 8
    assert t.loc[("Persentase desa mandiri", "tahun"), "realisasi"] == 38
    assert out.bacaan.info["bulan"] == 12
    assert main(["impor", "--periksa", "--jenis", "tabel", "--pemetaan", str(mapping), "--tahun", "2025",
                 str(path)]) == 0
    assert "Semester II" in capsys.readouterr().out


def test_a_semester_i_file_names_a_semester_ii_value_and_does_not_read_it(tmp_path):
    path = _xlsx(tmp_path / "s.xlsx", [["Laporan Semester I 2025"]])
    mapping = tmp_path / "p.yaml"
    mapping.write_text(yaml.safe_dump({"kolom": {"kode": "Kode", "indikator": "Indikator Kinerja", "target": "Target"},
                                       "realisasi": {"S1": "Realisasi Semester I", "S2": "Realisasi S2"}}),
                       encoding="utf-8")
    out = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, periksa=True)
    assert out.bacaan.info["bulan"] == 6
    late = [m for m in out.masalah if m.kode == "I61"]
    assert late and "F3" in late[0].pesan + late[0].sel


def test_semester_realisasi_enters_the_store_at_months_6_and_12(tmp_path):
    from test_impor import _store_with_bappeda

    store = _store_with_bappeda(tmp_path)
    path = _xlsx(tmp_path / "s.xlsx", [["Laporan Semester II 2025"]])
    mapping = tmp_path / "p.yaml"
    mapping.write_text(yaml.safe_dump({"kolom": {"kode": "Kode", "indikator": "Indikator Kinerja", "target": "Target"},
                                       "realisasi": {"S1": "Realisasi Semester I", "S2": "Realisasi S2"}}),
                       encoding="utf-8")
    out = impor_berkas(path, "tabel", pemetaan=mapping, unit="bappeda", tahun=2025, store=store,
                       arsip=tmp_path / "arsip")
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"]
    real = store.current("realisasi")
    real = real[real["indikator_kode"].str.contains("dokumen")].set_index("bulan")
    assert real.loc[6, "nilai"] == 3 and real.loc[12, "nilai"] == 5
    assert set(real["periode"]) == {"semester"}
