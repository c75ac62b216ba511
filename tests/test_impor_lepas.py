"""Layouts as files really arrive (issue #22, items 1 and 3): a Renja or RKPD evaluation copied
without its merged ranges (a paste, a CSV, an .xls written by another program) keeps its group
headings once, at the left of the columns they cover. Each of the three layouts (Permendagri
86/2017, Deli Serdang; 54/2010, Sukabumi; the RKPD evaluation 1–16, Bondowoso) is read from
copies made here of the real files (merged ranges removed, values pasted, .csv via pandas from
python-calamine's values, .xls via xlwt) and the long table must equal the original's cell by
cell (the source cells may differ in the sheet's name only, for a CSV, whose one sheet is the
file)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kinerja.impor.jalankan import impor_berkas

DATA = Path(__file__).parent / "data" / "impor"
DELI = DATA / "evaluasi-renja-bappedalitbang-2025.xlsx"
SUKABUMI = DATA / "sukabumi-bappeda-evaluasi-renja-2018.xlsx"
BONDOWOSO = DATA / "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx"
LEMBAR = {DELI: "Realisasi TW IV", SUKABUMI: "Sheet-1", BONDOWOSO: "cetak Laporan"}
_TEKS = ["lembar", "tingkat", "nama", "induk", "program", "kegiatan", "sasaran", "indikator", "satuan", "polaritas",
         "agregasi", "periode", "kode_unit", "kode_program", "kode_kegiatan", "kode_subkegiatan", "catatan",
         "sel_target", "sel_realisasi", "sel_capaian", "sel_pagu", "sel_pagu_perubahan", "sel_realisasi_anggaran"]
_SEL = _TEKS[-6:]


def _read(path):
    return impor_berkas(path, "evaluasi-renja", periksa=True)


def _nilai(src: Path) -> list[list]:
    """The values of the form's sheet as python-calamine reads them (rows from A1)."""
    from python_calamine import CalamineWorkbook

    with src.open("rb") as fh:
        return CalamineWorkbook.from_filelike(fh).get_sheet_by_name(LEMBAR[src]).to_python(skip_empty_area=False)


def tanpa_gabung(src: Path, dst: Path) -> Path:
    """``src`` (an .xlsx) with every merged range removed and nothing else changed (formulas and
    their cached values stay): the text of a merged header is left in its top-left cell."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<mergeCells\b[^>]*?(/>|>.*?</mergeCells>)", b"", data, flags=re.S)
            zout.writestr(item, data)
    return dst


def nilai_saja(src: Path, dst: Path) -> Path:
    """``src`` pasted as values (formulas replaced by their cached values, merged ranges kept)."""
    openpyxl.load_workbook(src, data_only=True).save(dst)
    return dst


def tempel(src: Path, dst: Path) -> Path:
    """The form's sheet pasted as values into a new workbook: no formulas, formats or merges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = LEMBAR[src]
    for row in _nilai(src):
        ws.append([None if v == "" else v for v in row])
    wb.save(dst)
    return dst


def sebagai_csv(src: Path, dst: Path) -> Path:
    """The form's sheet as a CSV written by pandas from python-calamine's values."""
    pd.DataFrame(_nilai(src)).to_csv(dst, header=False, index=False)
    return dst


def sebagai_xls(src: Path, dst: Path) -> Path:
    """The form's sheet as an Excel 97–2003 workbook written by xlwt from its values (no merges)."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet(LEMBAR[src])
    for r, row in enumerate(_nilai(src)):
        for c, v in enumerate(row):
            if v != "":
                ws.write(r, c, v)
    wb.save(str(dst))
    return dst


def _tabel(out, csv: bool = False) -> pd.DataFrame:
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"][:5]
    t = out.bacaan.tabel.drop(columns=["berkas"]).reset_index(drop=True)
    if csv:  # a CSV's one sheet is named after the file: the cell is the same, its sheet's name is not
        t = t.drop(columns=["lembar"])
        for c in _SEL:
            t[c] = t[c].map(lambda ref: ref.rsplit("!", 1)[-1] if isinstance(ref, str) else ref)
    return t


def _sama(asli, varian, csv: bool = False) -> None:
    """The long tables of the original and of a variant, equal cell by cell."""
    a, b = _tabel(asli, csv), _tabel(varian, csv)
    assert list(a.columns) == list(b.columns) and len(a) == len(b) > 0
    beda = []
    for col in a.columns:  # numbers equal to 12 digits: a copy may write a cached float to fewer
        x, y = a[col], b[col]
        if col not in _TEKS:
            same = np.isclose(pd.to_numeric(x).astype(float), pd.to_numeric(y).astype(float), rtol=1e-12,
                              atol=1e-9, equal_nan=True)
        else:
            same = [(u == v) or (pd.isna(u) and pd.isna(v)) if not isinstance(u, str) or not isinstance(v, str)
                    else u == v for u, v in zip(x, y)]
        beda += [(col, i, x[i], y[i]) for i in np.flatnonzero(~np.asarray(same, dtype=bool))]
    assert not beda, beda[:10]


@pytest.fixture(scope="module")
def asli():
    return {src: _read(src) for src in (DELI, SUKABUMI, BONDOWOSO)}


_VARIAN = {"tanpa-gabung.xlsx": tanpa_gabung, "nilai-saja.xlsx": nilai_saja, "tempel.xlsx": tempel,
           "salinan.csv": sebagai_csv, "salinan.xls": sebagai_xls}


# Bondowoso is an .xls: it has no merged ranges or formulas openpyxl could strip, so its unmerged
# and pasted copies are tempel.xlsx and salinan.xls
_KASUS = [pytest.param(src, nama, id=f"{label}-{nama}")
          for src, label in ((DELI, "86-2017"), (SUKABUMI, "54-2010"), (BONDOWOSO, "rkpd-1-16")) for nama in _VARIAN
          if not (src == BONDOWOSO and nama in ("tanpa-gabung.xlsx", "nilai-saja.xlsx"))]


@pytest.mark.parametrize("src, nama", _KASUS)
def test_every_layout_reads_the_same_from_unmerged_pasted_csv_and_xls_copies(asli, tmp_path, src, nama):
    out = _read(_VARIAN[nama](src, tmp_path / nama))
    _sama(asli[src], out, csv=nama.endswith(".csv"))
    assert (out.bacaan.tahun, out.bacaan.triwulan) == (asli[src].bacaan.tahun, asli[src].bacaan.triwulan)
    assert out.bacaan.info["tata_letak"] == asli[src].bacaan.info["tata_letak"]


def test_an_unmerged_copy_that_lost_a_quarter_heading_is_refused_at_that_column_not_read_as_another(tmp_path):
    """Without "IV" over column (12), the heading "III" written once at its left would cover it:
    the fill must not make (12) a third quarter, and the file is refused at Y8, naming what it found."""
    path = tanpa_gabung(DELI, tmp_path / "tanpa-gabung.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0]["Y7"] = None
    wb.save(path)
    out = _read(path)
    assert out.ditolak and (out.bacaan is None or out.bacaan.tabel.empty)
    i02 = {m.sel: m.pesan for m in out.masalah if m.kode == "I02"}
    assert set(i02) == {"Y8"} and "III" in i02["Y8"] and "triwulan IV" in i02["Y8"], i02


def test_a_group_heading_does_not_run_past_a_column_with_its_own_heading(tmp_path):
    """Unit: "Realisasi … Triwulan" written once over P covers Q…AA, never AB (its own heading);
    "IV" over Y covers Z, AA, not AB; nothing is filled on or below the numbering row."""
    from openpyxl.utils import column_index_from_string as c

    from kinerja.formulir.masalah import Penampung
    from kinerja.impor.lembar import buka_lembar
    from kinerja.impor.renja.kepala import cari_kepala
    from kinerja.impor.renja.sebar import sebar_kepala

    path = tanpa_gabung(DELI, tmp_path / "tanpa-gabung.xlsx")
    grid = buka_lembar(path.read_bytes(), Penampung(path.name))[0]
    assert not grid.gabung
    kepala = cari_kepala(grid)
    filled = sebar_kepala(grid, kepala)
    assert [filled.teks(6, c(x)) for x in ("Q", "AA")] == ["Realisasi Kinerja Pada Triwulan"] * 2
    assert filled.teks(6, c("AB")).startswith("Realisasi Capaian Kinerja dan Anggaran Renja")
    assert [filled.teks(7, c(x)) for x in ("Z", "AA", "AB")] == ["IV", "IV", ""]
    assert filled.gabung and all(r < kepala["baris"] for r, _ in filled.gabung)
