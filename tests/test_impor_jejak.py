"""What was read is traceable (issue #22, item 5): every number of an import's long table names
the cells it came from (``sel_*``), and those cells, read here with openpyxl and not through
kinerja, hold that number; the store keeps the source, ``impor --periksa`` says what it
recognised, and random edits to real files never yield a number its cell does not hold."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import column_index_from_string

from kinerja.impor.hasil import KOLOM_SEL
from kinerja.impor.jalankan import impor_berkas
from test_impor import _sipd_realisasi

DATA = Path(__file__).parent / "data" / "impor"
RENJA = DATA / "evaluasi-renja-bappedalitbang-2025.xlsx"


def _angka(v) -> float | None:
    """A cell's number as the file shows it: a number, or Indonesian text (``Rp1.234,5``)."""
    if v is None or isinstance(v, (int, float)):
        return v
    text = re.sub(r"^rp\.?\s*", "", str(v).strip(), flags=re.IGNORECASE)
    return float(text.replace(".", "").replace(",", ".")) if text not in ("", "-") else None


def _isi_sel(wb, ref: str) -> float | None:
    """The value a reference names, read from ``wb``: one cell, or the sum of the cells and
    ranges joined by ``+`` (``'Lembar A'!F12:F14+F20``); None when every cell is blank."""
    sheet, cells = ref.rsplit("!", 1)
    ws = wb[sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet]
    values = []
    for part in cells.split("+"):
        first, _, last = part.partition(":")
        (c0, r0), (c1, r1) = (re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in (first, last or first))
        assert c0 == c1, ref  # a run down one column
        values += [_angka(ws.cell(r, column_index_from_string(c0)).value) for r in range(int(r0), int(r1) + 1)]
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def beda_sel(path: Path, tabel: pd.DataFrame) -> list[str]:
    """Every value of ``tabel`` whose named cells (read here, cached values) do not hold it,
    and every value read from a cell that names none; empty when all agree."""
    wb = openpyxl.load_workbook(path, data_only=True)
    wrong = []
    for i, row in tabel.iterrows():
        for col, sel_col in KOLOM_SEL.items():
            value, ref = row[col], row[sel_col]
            if pd.isna(ref):
                continue
            got = _isi_sel(wb, ref)
            if pd.isna(value) or got is None or abs(got - value) > 1e-6 * max(1.0, abs(value)):
                wrong.append(f"baris {row['baris']} {row['periode']} {col}={value} tetapi {ref}={got}")
    return wrong


def test_every_number_of_the_real_renja_names_the_cell_that_holds_it():
    out = impor_berkas(RENJA, periksa=True, tahun=2025)
    t = out.bacaan.tabel
    assert beda_sel(RENJA, t) == []
    year = t[(t["periode"] == "tahun") & t["target"].notna()]
    # every target, pagu and quarter read from a cell names it (the year's realisasi of an
    # indicator measured at a point may be % × target, computed: then it names none)
    assert year["sel_target"].notna().all() and len(year) == 93
    assert t.loc[t["pagu"].notna(), "sel_pagu"].notna().all()
    assert t.loc[t["realisasi_anggaran"].notna(), "sel_realisasi_anggaran"].notna().all()
    row15 = t[(t["baris"] == 15) & (t["periode"] == "tahun")].iloc[0]
    assert row15["sel_target"] == "'Realisasi TW IV'!N15"
    assert row15["sel_realisasi"] == "'Realisasi TW IV'!P15+S15+V15+Y15"  # jumlah: the quarters' sum


def test_sipd_sums_name_the_rows_they_sum(tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_realisasi(path)
    t = impor_berkas(path, periksa=True).bacaan.tabel
    assert t["sel_realisasi_anggaran"].notna().all()
    assert beda_sel(path, t) == []
    sub = t[(t["tingkat"] == "subkegiatan") & (t["periode"] == "B01")].iloc[0]
    assert sub["sel_realisasi_anggaran"] == "Sheet!O4:O5"


def test_a_flat_tables_numbers_name_their_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Isian Kinerja"
    ws.append(["Indikator", "Satuan", "Target", "Pagu", "Realisasi TW I", "Realisasi TW II"])
    ws.append(["Jumlah pelatihan", "kegiatan", 12, "1.500.000", 3, "4"])
    ws.append(["Persentase desa mandiri", "%", 40, None, 35.5, 38.25])
    path = tmp_path / "tabel.xlsx"
    wb.save(path)
    mapping = tmp_path / "p.yaml"
    mapping.write_text("lembar: Isian Kinerja\nkolom: {indikator: A, satuan: B, target: C, pagu: D}\n"
                       "realisasi: {TW1: E, TW2: F}\n", encoding="utf-8")
    t = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, periksa=True).bacaan.tabel
    assert beda_sel(path, t) == []
    year = t[t["periode"] == "tahun"].set_index("indikator")
    assert year.loc["Jumlah pelatihan", "sel_realisasi"] == "'Isian Kinerja'!E2+F2"
    assert year.loc["Persentase desa mandiri", "sel_realisasi"] == "'Isian Kinerja'!F3"  # akhir: the last quarter
    assert year.loc["Jumlah pelatihan", "sel_pagu"] == "'Isian Kinerja'!D2"
    assert pd.isna(year.loc["Persentase desa mandiri", "sel_pagu"])
