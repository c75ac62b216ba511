"""``impor --periksa`` names, for every polaritas and agregasi, the word of the file it was read
from (with its cell) or that it was guessed from the indicator's name (issue #22, item 5 of brief
"lepas")."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml

from kinerja.cli import main

ROWS = [["Kode", "Indikator Kinerja", "Satuan", "Target", "Realisasi TW I", "Polaritas", "Karakter"],
        ["A", "Persentase penduduk miskin", "%", 10, 11, "turun (baik)", "non absolut"],
        ["B", "Angka kemiskinan ekstrem", "%", 2, 1.5, None, None],
        ["C", "Jumlah dokumen perencanaan", "dokumen", 8, 3, None, None]]


def test_periksa_names_the_file_word_or_the_guess_for_every_polaritas_and_agregasi(tmp_path, capsys):
    """On main --periksa printed nothing of where polaritas and agregasi came from."""
    wb = openpyxl.Workbook()
    for row in [["Laporan Triwulan I Tahun 2025"], *ROWS]:
        wb.active.append(row)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    mapping = tmp_path / "p.yaml"
    mapping.write_text(yaml.safe_dump({"kolom": {"kode": "Kode", "indikator": "Indikator Kinerja", "satuan": "Satuan",
                                                 "target": "Target", "polaritas": "Polaritas", "agregasi": "Karakter"},
                                       "realisasi": {"TW1": "Realisasi TW I"}}), encoding="utf-8")
    assert main(["impor", "--periksa", "--jenis", "tabel", "--pemetaan", str(mapping), str(path)]) == 0
    out = capsys.readouterr().out
    assert "polaritas negatif, dari kata \u201cturun (baik)\u201d di berkas (sel F3): baris 3" in out, out
    assert "agregasi akhir, dari kata \u201cnon absolut\u201d di berkas (sel G3): baris 3" in out, out
    # the other two were guessed: named per row, the word of the name that made the guess said
    assert "polaritas negatif, ditebak dari nama indikator (kata \u201ckemiskinan\u201d): baris 4" in out, out
    assert "polaritas positif, ditebak dari nama indikator: baris 5" in out, out
    assert "agregasi jumlah, ditebak dari nama dan satuan indikator: baris 5" in out, out
