"""Fuzz on the bytes of every format a Pemda sends (issue #22, item 7): real workbooks and
exports written as .xls (xlwt, and the real Bondowoso file, an .xls under an .xlsx name), .ods
(content.xml written by hand, and as LibreOffice 7.4 writes it: ``data/impor/varian/``,
converted there from the real files with ``soffice --headless --convert-to``), .xlsx and CSV (Windows-1252,
UTF-16 with a BOM, ``;``-separated), then bits flipped, the file cut, bytes inserted, a zip
member's XML edited or a member written twice. Whatever comes out, ``impor_berkas(periksa=True)``
never raises: it refuses with a located Indonesian message or it reads, and then every number of
the long table equals the value of the cell its ``sel_*`` names, read here with xlrd, openpyxl,
python-calamine or the csv module (never through kinerja)."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.impor.hasil import KOLOM_SEL
from kinerja.impor.jalankan import impor_berkas
from test_impor_jejak import _angka
from varian_lembar import Lembar, tulis_ods, tulis_xls, tulis_xlsx

DATA = Path(__file__).parent / "data" / "impor"
RENJA = DATA / "evaluasi-renja-bappedalitbang-2025.xlsx"
SUKABUMI = DATA / "sukabumi-bappeda-evaluasi-renja-2018.xlsx"
BONDOWOSO = DATA / "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx"
RUPIAH = ("pagu", "pagu_perubahan", "realisasi_anggaran")  # the columns a "Rp. (000)" header multiplies
_ZIP = b"PK\x03\x04"
MIMETYPE_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_XLSX = re.compile(r"(berkas|arsip) \.xlsx|sebagai \.xlsx")

# --- the cells of a file, read without kinerja ------------------------------------------------------


def _teks_csv(raw: bytes) -> str:
    """A CSV's text in the encodings Excel writes: UTF-16 with a BOM, UTF-8, else Windows-1252."""
    utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff")
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp1252"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding)
    return raw.decode("utf-16" if utf16 else "latin-1", errors="replace")


def _csv(raw: bytes, nama: str) -> dict[str, dict]:
    text = _teks_csv(raw)
    sample = "\n".join(text.splitlines()[:20])
    try:
        sep = csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text.strip() else ""
        sep = max(";,\t|", key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    return {nama: {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)}}


def _xls(raw: bytes) -> dict[str, dict]:
    import xlrd

    with open(os.devnull, "w") as quiet:
        book = xlrd.open_workbook(file_contents=raw, ragged_rows=True, logfile=quiet)
    out = {}
    for sh in book.sheets():
        cells = {}
        for r in range(sh.nrows):
            for c, (kind, v) in enumerate(zip(sh.row_types(r), sh.row_values(r)), 1):
                if kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT):
                    cells[(r + 1, c)] = v
        out[sh.name] = cells
    return out


def _ods(raw: bytes) -> dict[str, dict]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    return {name: {(r, c): v for r, row in enumerate(wb.get_sheet_by_name(name).to_python(skip_empty_area=False), 1)
                   for c, v in enumerate(row, 1) if isinstance(v, (int, float, str)) and not isinstance(v, bool)}
            for name in wb.sheet_names}


def _xlsx(raw: bytes) -> dict[str, dict]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    return {ws.title: {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
                       if isinstance(c.value, (int, float, str)) and not isinstance(c.value, bool)}
            for ws in wb.worksheets}


def sel_berkas(raw: bytes, nama: str) -> dict[str, dict]:
    """Every sheet's cells by (row, column), numbers and text, read by the library of the
    format the bytes are (not the name): xlrd for OLE2, calamine for an OpenDocument zip,
    openpyxl for any other zip, the csv module for text."""
    if raw[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        return _xls(raw)
    if raw[:4] == _ZIP:
        return _ods(raw) if b"opendocument.spreadsheet" in raw[:100] else _xlsx(raw)
    return _csv(raw, nama)


def _nilai(cells: dict[str, dict], ref: str) -> float | None:
    """The value a reference names (``'Lembar A'!F12``, ``F12:F14+F20``): its cells summed as
    numbers the Indonesian way; None when none of them holds a number."""
    sheet, refs = ref.rsplit("!", 1)
    sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
    grid = cells[sheet]
    values = []
    for part in refs.split("+"):
        first, _, last = part.partition(":")
        (c0, r0), (c1, r1) = (re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in (first, last or first))
        assert c0 == c1, ref
        col = 0
        for ch in c0:
            col = col * 26 + ord(ch) - 64
        values += [_angka(grid.get((r, col))) for r in range(int(r0), int(r1) + 1)]
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def beda_sel(raw: bytes, nama: str, bacaan) -> list[str]:
    """Every number of the long table that the cells its ``sel_*`` names (× the multiplier the
    header gave, for Rupiah) do not hold, and every named cell that is not there."""
    if bacaan is None or bacaan.tabel.empty:
        return []
    pengali = bacaan.info.get("pengali") or 1
    assert pengali == 1 or ("000" in str(bacaan.info.get("satuan_rupiah")) and pengali == 1000), bacaan.info
    cells = sel_berkas(raw, nama)
    wrong = []
    for _, row in bacaan.tabel.iterrows():
        for col, sel_col in KOLOM_SEL.items():
            value, ref = row[col], row[sel_col]
            if pd.isna(ref):
                continue
            got = _nilai(cells, ref)
            if got is not None and col in RUPIAH:
                got *= pengali
            if pd.isna(value) or got is None or abs(got - value) > 1e-6 * max(1.0, abs(value)):
                wrong.append(f"baris {row['baris']} {row['periode']} {col}={value} tetapi {ref}={got}")
    return wrong


def periksa_acak(raw: bytes, tmp_path: Path, nama: str = "acak.xlsx", **kw):
    """The property: a read, or a refusal with located Indonesian messages, never a program
    error; a read's numbers are those of the cells they name. Returns the result."""
    path = tmp_path / nama
    path.write_bytes(raw)
    out = impor_berkas(path, periksa=True, **kw)  # never raises
    program = [str(m) for m in out.masalah if m.kode in ("I00", "V00")]
    if os.environ.get("KINERJA_FUZZ_ACAK_LOG"):  # a tally of outcomes for a deeper run
        with open(os.environ["KINERJA_FUZZ_ACAK_LOG"], "a", encoding="utf-8") as log:
            codes = sorted({m.kode for m in out.masalah if m.tingkat == "galat"})
            log.write(f"{nama}\t{'ditolak ' + ','.join(codes) if out.ditolak else 'dibaca'}\n")
    assert not program, program
    if raw[:4] + raw[30:84] == _ZIP + b"mimetype" + MIMETYPE_ODS:  # an OpenDocument file is never called .xlsx
        assert not [m for m in out.masalah if _XLSX.search(m.pesan)], [str(m) for m in out.masalah]
    if out.ditolak or out.bacaan is None:
        assert [m for m in out.masalah if m.tingkat == "galat"]
        assert all(m.pesan.strip() for m in out.masalah)
        return out
    assert beda_sel(raw, nama, out.bacaan) == []
    return out


# --- the bytes fuzzed ---------------------------------------------------------------------------------


def _lembar_xlsx(path: Path) -> list[Lembar]:
    """A workbook's sheets as values (cached, formulas dropped) with their merged ranges."""
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True)
    return [Lembar(ws.title, {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None},
                   gabung=[(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges],
                   tersembunyi=ws.sheet_state != "visible") for ws in wb.worksheets]


def _lembar_xls(raw: bytes, nama: str) -> Lembar:
    """One sheet of an .xls as values with its merged ranges."""
    import xlrd

    book = xlrd.open_workbook(file_contents=raw, formatting_info=True, ragged_rows=True, logfile=open(os.devnull, "w"))
    sh = book.sheet_by_name(nama)
    values = {(r + 1, c + 1): v for r in range(sh.nrows) for c, v in enumerate(sh.row_values(r))
              if v != "" and sh.cell_type(r, c) in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT)}
    return Lembar(sh.name, values, gabung=[(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells])


def _sipd_csv(encoding: str, sep: str) -> bytes:
    """The SIPD realisasi export of the tests as a CSV an Excel would write."""
    import tempfile

    import openpyxl

    from test_impor import _sipd_realisasi

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "sipd.xlsx"
        _sipd_realisasi(path)
        ws = openpyxl.load_workbook(path).active
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
        for row in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v for v in row])
    return buf.getvalue().encode(encoding)


@lru_cache(maxsize=None)
def contoh(nama: str) -> bytes:
    """The bytes fuzzed, made once per session."""
    if nama == "renja.xls":
        return tulis_xls(_lembar_xlsx(RENJA))
    if nama == "renja.ods":
        return tulis_ods(_lembar_xlsx(RENJA))
    if nama == "bondowoso-cetak.xls":
        return tulis_xls([_lembar_xls(BONDOWOSO.read_bytes(), "cetak Laporan")])
    if nama == "sukabumi.xlsx":
        return SUKABUMI.read_bytes()
    if nama in ("sukabumi-libreoffice.ods", "renja-libreoffice.xls"):
        return (DATA / "varian" / nama).read_bytes()
    if nama == "bondowoso.xls":
        return BONDOWOSO.read_bytes()
    encoding, sep = {"sipd-cp1252.csv": ("cp1252", ";"), "sipd-utf16.csv": ("utf-16", "\t"),
                     "sipd-utf8.csv": ("utf-8-sig", ",")}[nama]
    return _sipd_csv(encoding, sep)


def _zip_ulang(raw: bytes, ubah) -> bytes:
    """The zip written again with ``ubah(members)`` applied to its ``[(name, bytes)]``."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # a duplicate name is the point
        for name, data in ubah(members):
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED if name == "mimetype"
                       else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _ganti(data: bytes, op: tuple) -> bytes:
    """One byte edit: a bit flipped, the bytes cut, bytes inserted, a run duplicated."""
    kind, at, arg = op
    if not data:
        return data + arg if kind == "sisip" else data
    i = at % len(data)
    if kind == "balik":
        return data[:i] + bytes([data[i] ^ (1 << (arg[0] % 8))]) + data[i + 1:]
    if kind == "potong":
        return data[:i]
    if kind == "sisip":
        return data[:i] + arg + data[i:]
    return data[:i] + data[i:i + 64] * 2 + data[i + 64:]  # "ganda": a run of 64 bytes written twice


def mutasi(raw: bytes, ops: list[tuple]) -> bytes:
    """``raw`` with the edits ``ops`` made: byte edits anywhere, or (in a zip) edits of one
    member's unpacked bytes and members written twice."""
    for op in ops:
        if op[0] in ("anggota", "rangkap"):
            if raw[:4] != _ZIP:
                continue
            try:
                if op[0] == "rangkap":
                    raw = _zip_ulang(raw, lambda ms: ms + [ms[op[1] % len(ms)]])
                else:
                    raw = _zip_ulang(raw, lambda ms: [(n, _ganti(d, op[2]) if i == op[1] % len(ms) else d)
                                                      for i, (n, d) in enumerate(ms)])
            except Exception:  # noqa: BLE001 - already no zip (bad CRC, bad deflate …): the byte edits go on
                continue
        else:
            raw = _ganti(raw, op)
    return raw


_SISIP = st.sampled_from([b"\x00", b"\xff\xfe", b";", b"\r\n", b"1.234,5", b"<", b"</table:table-cell>", b"\"",
                          b'<c r="A1" t="s"><v>99</v></c>', b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"9" * 20])
_BYTE = st.one_of(st.tuples(st.just("balik"), st.integers(0, 2**31), st.binary(min_size=1, max_size=1)),
                  st.tuples(st.just("potong"), st.integers(0, 2**31), st.none()),
                  st.tuples(st.just("sisip"), st.integers(0, 2**31), _SISIP),
                  st.tuples(st.just("ganda"), st.integers(0, 2**31), st.none()))
SUNTING = st.lists(st.one_of(_BYTE, st.tuples(st.just("anggota"), st.integers(0, 50), _BYTE),
                             st.tuples(st.just("rangkap"), st.integers(0, 50), st.none())), min_size=1, max_size=4)

# A Renja form (~100 rows) takes ~0,5 s an example, an export ~0,1 s; ≤ 5 s a test in the normal run.
_N = int(os.environ.get("KINERJA_FUZZ_ACAK", "1"))
ACAK = settings(max_examples=6 * _N, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ACAK_MURAH = settings(ACAK, max_examples=25 * _N)


@pytest.mark.parametrize("nama", ["renja.xls", "renja.ods", "bondowoso-cetak.xls", "sukabumi.xlsx",
                                  "sukabumi-libreoffice.ods", "renja-libreoffice.xls"])
@ACAK
@given(ops=SUNTING)
def test_fuzz_bytes_of_a_form_never_yield_a_number_its_cell_does_not_hold(nama, ops, tmp_path):
    periksa_acak(mutasi(contoh(nama), ops), tmp_path, f"{Path(nama).stem}.xlsx")


@pytest.mark.parametrize("nama", ["sipd-cp1252.csv", "sipd-utf16.csv", "sipd-utf8.csv"])
@ACAK_MURAH
@given(ops=SUNTING)
def test_fuzz_bytes_of_a_csv_export_never_yield_a_sum_its_cells_do_not_hold(nama, ops, tmp_path):
    periksa_acak(mutasi(contoh(nama), ops), tmp_path, f"{Path(nama).stem}.csv")


@pytest.mark.lambat
@settings(ACAK, max_examples=20 * _N)
@given(ops=SUNTING)
def test_fuzz_bytes_of_the_real_bondowoso_xls(ops, tmp_path):
    periksa_acak(mutasi(contoh("bondowoso.xls"), ops), tmp_path, "bondowoso.xlsx")


@pytest.mark.parametrize("nama", ["renja.xls", "renja.ods", "bondowoso-cetak.xls", "sukabumi.xlsx",
                                  "sukabumi-libreoffice.ods", "renja-libreoffice.xls", "sipd-cp1252.csv",
                                  "sipd-utf16.csv", "sipd-utf8.csv"])
def test_every_fuzzed_sample_reads_unedited(nama, tmp_path):
    """The property is not empty: each sample, unedited, is read and every number checked."""
    out = periksa_acak(contoh(nama), tmp_path, "utuh" + Path(nama).suffix)
    assert not out.ditolak and len(out.bacaan.tabel) >= 4, [str(m) for m in out.masalah if m.tingkat == "galat"]
    assert out.bacaan.tabel[list(KOLOM_SEL.values())].notna().any(axis=None)


@pytest.mark.parametrize("ops, kode", [([("rangkap", 2, None)], "V65"),
                                       ([("anggota", 2, ("potong", 3000, None))], "V01")],
                         ids=["bagian-ganda", "content-xml-terpotong"])
def test_a_damaged_ods_is_refused_as_an_ods_not_as_an_xlsx(ops, kode, tmp_path):
    """Found by the fuzz: the zip checks shared with .xlsx told the user of an .ods that their
    ".xlsx" was damaged and to save it again "sebagai .xlsx"."""
    out = periksa_acak(mutasi(contoh("renja.ods"), ops), tmp_path, "renja.ods")
    (galat,) = [m for m in out.masalah if m.tingkat == "galat"]
    assert galat.kode == kode and "OpenDocument (.ods)" in galat.pesan or "arsip .ods" in galat.pesan, galat.pesan
    assert "LibreOffice atau Excel" in galat.pesan


def test_a_run_written_twice_that_leaves_a_word_after_an_amount_is_refused(tmp_path):
    """Found by the fuzz: 64 bytes written twice from byte 610 of the Windows-1252 export cut
    row 5's "765.432,11" to "765.432,1 RKPD" (the rest of the row follows, then the row again).
    kinerja took that text as 765.432,1 (a number and a unit, as a target "100 orang" is) and
    accepted the file with Rp1.999.999,99 for the sub kegiatan, a sen off the cells: text with a
    word after the number is no Rupiah amount, and the row is named (I32) and the file refused."""
    raw = mutasi(contoh("sipd-cp1252.csv"), [("ganda", 610, None)])
    assert "Cetak;765.432,1 RKPD;5.1.02;" in raw.decode("cp1252")
    out = periksa_acak(raw, tmp_path, "sipd-cp1252.csv")
    assert out.ditolak
    (galat,) = [m for m in out.masalah if m.kode == "I32" and m.sel]
    assert galat.sel == "O5" and "765.432,1 RKPD" in galat.pesan and "bukan angka Rupiah" in galat.pesan, str(galat)
