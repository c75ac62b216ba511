"""Every spreadsheet format a Pemda sends (issue #22, item 2): the format is decided by the
file's content, never its name, and every format gives the same Grids, with what Excel shows
(hidden sheets, rows and columns, merged ranges, percent formats) checked alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlrd

from kinerja.formulir.masalah import Penampung
from kinerja.impor.format import jenis_format
from kinerja.impor.lembar import buka_lembar

DATA = Path(__file__).parent / "data" / "impor"
BONDOWOSO = DATA / "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx"


def _buka(raw: bytes, rumus: bool = False, nama: str = "berkas"):
    p = Penampung(nama)
    return buka_lembar(raw, p, rumus=rumus), p


def _xlrd_nilai(book, sh) -> dict:
    """The sheet's non-blank cells as xlrd reads them, dates as datetimes."""
    out = {}
    for r in range(sh.nrows):
        for c in range(sh.row_len(r)):
            kind, v = sh.cell_type(r, c), sh.cell_value(r, c)
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) or v == "":
                continue
            if kind == xlrd.XL_CELL_DATE:
                v = xlrd.xldate_as_datetime(v, book.datemode)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                v = bool(v)
            elif kind == xlrd.XL_CELL_ERROR:
                v = xlrd.error_text_from_code[v]
            out[(r + 1, c + 1)] = v
    return out


@pytest.mark.parametrize("rumus", [False, True])
def test_bondowoso_dibaca_sebagai_xls_walau_bernama_xlsx(rumus):
    raw = BONDOWOSO.read_bytes()
    assert BONDOWOSO.suffix == ".xlsx" and jenis_format(raw) == "xls"
    grids, p = _buka(raw, rumus)
    assert grids is not None, [str(m) for m in p.daftar]
    assert [g.lembar for g in grids] == ["Isian Kinerja", "Isian Keuangan", "cetak Laporan", "data1"]
    assert all(g.tampak for g in grids) and not p.daftar
    book = xlrd.open_workbook(file_contents=raw, formatting_info=True, ragged_rows=True)
    for g in grids:
        sh = book.sheet_by_name(g.lembar)
        assert g.nilai == _xlrd_nilai(book, sh), g.lembar
        assert g.tampilan is not None and g.tampilan.gabungan == [
            (r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]
        if rumus:  # merged header cells read as their range's text, as in an .xlsx
            for r1, c1, r2, c2 in g.tampilan.gabungan:
                assert all(g.teks(r, c) == g.teks(r1, c1) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
    kinerja = grids[0]
    assert kinerja.teks(2, 3) == "2021" and kinerja.teks(2, 4) == "Triwulan I"
    assert kinerja.teks(6, 4) == "Bidang/Program/Kegiatan/Sub Kegiatan"


def test_xls_rusak_ditolak_dengan_alasan():
    raw = BONDOWOSO.read_bytes()[:300_000]
    grids, p = _buka(raw)
    assert grids is None and [m.kode for m in p.daftar] == ["I47"]
    assert ".xls" in p.daftar[0].pesan and "simpan ulang" in p.daftar[0].pesan


def test_tanggal_xls_seperti_openpyxl():
    raw = BONDOWOSO.read_bytes()
    grids, _ = _buka(raw)
    values = [v for g in grids for v in g.nilai.values()]
    assert not any(type(v) is dt.date for v in values)
