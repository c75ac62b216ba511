"""Every spreadsheet format a Pemda sends (issue #22, item 2): the format is decided by the
file's content, never its name, and every format gives the same Grids, with what Excel shows
(hidden sheets, rows and columns, merged ranges, percent formats) checked alike."""

from __future__ import annotations

import dataclasses
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


# --- one workbook in every format --------------------------------------------------------

from varian_lembar import Lembar, tulis_ods, tulis_xls, tulis_xlsx  # noqa: E402

PENULIS = {"xlsx": tulis_xlsx, "xls": tulis_xls, "ods": tulis_ods}


def _contoh() -> list[Lembar]:
    data = Lembar("Data", {(1, 1): "Kode", (1, 2): "Nilai", (1, 3): "Capaian", (2, 1): "1.01", (2, 2): 1500,
                           (2, 3): 0.25, (3, 1): "1.02", (3, 2): 2.5, (3, 3): "#DIV/0!", (4, 1): "Tanggal",
                           (4, 2): dt.datetime(2021, 3, 1), (4, 3): True, (5, 1): "Program", (5, 2): 7},
                  persen={(2, 3)}, baris_sembunyi={3}, kolom_sembunyi={2}, gabung=[(5, 2, 6, 3)])
    return [data, Lembar("Rahasia", {(1, 1): "Kode", (2, 1): 9}, tersembunyi=True)]


def _ringkas(g, rumus: bool) -> tuple:
    """What a reader may rely on of a Grid: everything but the format's own bookkeeping."""
    view = g.tampilan
    rows = range(1, g.baris_maks + 1)
    cols = range(1, g.kolom_maks + 1)
    return (g.lembar, g.tampak, g.nilai, g.persen, g.gabung if rumus else None, view.keadaan == "visible",
            [r for r in rows if view.baris_tersembunyi(r)], [c for c in cols if view.kolom_tersembunyi(c)],
            sorted(view.gabungan))


@pytest.mark.parametrize("rumus", [False, True])
@pytest.mark.parametrize("jenis", ["xls", "ods"])
def test_setiap_format_memberi_grid_yang_sama(jenis, rumus):
    """Hidden sheet, hidden row and column, merged range, percent format and an Excel error
    read alike from .xlsx, .xls and .ods; the .xls and .ods carry an .xlsx name."""
    base, p0 = _buka(tulis_xlsx(_contoh()), rumus)
    raw = PENULIS[jenis](_contoh())
    assert jenis_format(raw) == jenis
    grids, p = _buka(raw, rumus, "varian.xlsx")
    assert grids is not None and not p.daftar and not p0.daftar, [str(m) for m in p.daftar]
    assert [_ringkas(g, rumus) for g in grids] == [_ringkas(g, rumus) for g in base]
    data = grids[0]
    assert data.persen == {(2, 3)} and data.tampilan.baris_tersembunyi(3) and data.tampilan.kolom_tersembunyi(2)
    assert not grids[1].tampak
    assert data.angka(3, 3)[1].startswith("sel C3 berisi galat Excel #DIV/0!")


def test_bondowoso_pulang_pergi_xls_xlsx_ods():
    """The real .xls written again as .xlsx and as .ods (values, merged ranges) reads the same
    (its three report sheets; "data1" holds only the dropdown lists)."""
    grids, _ = _buka(BONDOWOSO.read_bytes(), rumus=True)
    grids = grids[:3]
    book = [Lembar(g.lembar, dict(g.nilai), gabung=list(g.tampilan.gabungan)) for g in grids]
    for raw in (tulis_xlsx(book), tulis_ods(book)):
        again, p = _buka(raw, rumus=True)
        assert again is not None, [str(m) for m in p.daftar]
        assert [(g.lembar, g.nilai, g.gabung) for g in again] == [(g.lembar, g.nilai, g.gabung) for g in grids]


# --- CSV and what is none of these ------------------------------------------------------

CSV = "Kode;Indikator;Target;Realisasi\n1.01;Persentase sekolah \u201cbaik\u201d;75,5;80\n1.02;Angka putus sekolah;1.234,5;\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_semua_pengodean_dan_pemisah(encoding, sep):
    text = CSV if sep == ";" else CSV.replace(";", sep).replace("75,5", '"75,5"').replace("1.234,5", '"1.234,5"')
    if encoding == "cp1252":
        text = text.replace("\u201c", "\u00e9").replace("\u201d", "\u00e8")
    raw = text.encode(encoding)
    assert jenis_format(raw) == "csv"
    grids, p = _buka(raw, nama="capaian.csv")
    assert grids is not None and not p.daftar, [str(m) for m in p.daftar]
    (g,) = grids
    assert g.lembar == "capaian.csv" and g.tampak and g.tampilan is not None
    assert g.teks(1, 4) == "Realisasi" and g.angka(2, 3) == (75.5, None) and g.angka(3, 3) == (1234.5, None)
    assert g.teks(2, 2).startswith("Persentase sekolah") and g.mentah(3, 4) is None and g.kolom_maks == 4


@pytest.mark.parametrize("raw", [b"%PDF-1.7\n\x00\x01\x02binary", b"\x89PNG\r\n\x1a\n\x00\x00", b"   \n\n"])
def test_isi_yang_bukan_lembar_kerja_ditolak_dengan_alasan(raw):
    grids, p = _buka(raw, nama="laporan.xlsx")
    assert grids is None and [m.kode for m in p.daftar] == ["I46"]
    assert ".xlsx" in p.daftar[0].pesan and ".csv" in p.daftar[0].pesan


def test_impor_folder_mengambil_semua_format_dan_menyebut_yang_dilewati(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.xls").write_bytes(tulis_xls(_contoh()))
    (tmp_path / "b.ods").write_bytes(tulis_ods(_contoh()))
    (tmp_path / "c.CSV").write_text(CSV, encoding="utf-8")
    (tmp_path / "catatan.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    exe = str(Path(sys.executable).parent / "kinerja")
    run = subprocess.run([exe, "impor", "--periksa", str(tmp_path)], capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    assert "Traceback" not in out
    for name in ("a.xls", "b.ods", "c.CSV"):
        assert f"{tmp_path / name}:" in out or f"DITOLAK  {tmp_path / name}" in out, out
    assert f"dilewati: {tmp_path / 'catatan.pdf'} — PDF" in out and f"dilewati: {tmp_path / '~$a.xlsx'}" in out
    assert "3 berkas" in out


# --- the fast path: calamine for exports gives what openpyxl gives ------------------------

def _sampel_ekspor(tmp_path) -> list[bytes]:
    """SIPD exports as the tests make them, and the variant workbook with its view."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_impor import tulis

    path = tmp_path / "sipd.xlsx"
    tulis(path, 300)
    from test_impor import _sipd_realisasi

    kecil = tmp_path / "sipd-kecil.xlsx"
    _sipd_realisasi(kecil)
    return [path.read_bytes(), kecil.read_bytes(), tulis_xlsx(_contoh())]


def test_jalur_calamine_sama_dengan_jalur_openpyxl(tmp_path):
    from kinerja.impor.lembar import _buka_openpyxl

    files = [f.read_bytes() for f in sorted(DATA.glob("*.xlsx")) if jenis_format(f.read_bytes()) == "xlsx"]
    assert len(files) == 3
    for raw in files + _sampel_ekspor(tmp_path):
        fast, p = _buka(raw, rumus=False)
        slow = _buka_openpyxl(raw, Penampung("x"), rumus=False)
        whole = _buka_openpyxl(raw, Penampung("x"), rumus=True)
        assert fast is not None and not p.daftar
        for a, b, c in zip(fast, slow, whole, strict=True):
            view = dataclasses.replace(a.tampilan, persen=set(), galat={})  # (read for the fast path only)
            assert (a.lembar, a.tampak, a.persen, view) == (b.lembar, b.tampak, b.persen, b.tampilan)
            assert a.nilai == b.nilai == c.nilai, a.lembar
            assert a.persen == c.persen
