"""A worksheet cut short inside a whole zip (issue #22: the zip's checksums hold, as when a tool stops
writing, or someone writes the cut part again) is refused, located at its file and sheet, and never
read as fewer rows; a part cut and closed again (well-formed) is another, valid file, whose numbers
are read as its cells hold them. Real files of tests/data/impor/, cut at random offsets (seeded)."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.contoh.jahat import _salin
from kinerja.formulir.masalah import Penampung
from kinerja.impor.jalankan import impor_berkas
from kinerja.impor.lembar import buka_lembar
from test_impor_acak import periksa_acak

DATA = Path(__file__).parent / "data" / "impor"
XLSX = ["ebudgeting-apbd-perubahan-2023.xlsx", "evaluasi-renja-bappedalitbang-2025.xlsx",
        "sukabumi-bappeda-evaluasi-renja-2018.xlsx"]
SHEET = "xl/worksheets/sheet1.xml"
_TAG = re.compile(rb"<(/?)([A-Za-z_][^\s/>]*)[^>]*?(/?)>")


def _ganti(raw: bytes, member: str, data: bytes) -> bytes:
    """``raw`` with ``member`` written again as ``data`` (a whole zip: every checksum holds)."""
    return _salin(raw, {member: lambda: iter([data])})


def _bagian(raw: bytes, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return z.read(member)


def _potongan(data: bytes, seed: int, n: int) -> list[int]:
    """``n`` random offsets that cut ``data`` short, and the places a cut is hardest to see: before
    ``<sheetData``, after the last row, after ``</sheetData>``, inside the closing tag."""
    rnd = random.Random(seed)
    end = len(data.rstrip())
    marks = [data.find(b"<sheetData"), data.rfind(b"</row>") + 6, data.rfind(b"</sheetData>") + 12, end - 3]
    return sorted({m for m in marks if 0 < m < end} | {rnd.randrange(1, end) for _ in range(n)})


def _tolak(raw: bytes, rumus: bool, nama: str):
    p = Penampung(nama)
    grids = buka_lembar(raw, p, rumus=rumus)
    assert grids is None, f"read as {[(g.lembar, g.baris_maks) for g in grids]}"
    (galat,) = [m for m in p.daftar if m.tingkat == "galat"]
    return galat


@pytest.mark.parametrize("nama", XLSX)
def test_a_worksheet_cut_anywhere_is_refused_at_its_sheet_never_read_as_fewer_rows(nama):
    """Fails on main: a cut before the rows read as an empty sheet, a cut after them was refused
    as a damaged workbook naming no sheet ("struktur workbook tidak dikenal")."""
    raw = (DATA / nama).read_bytes()
    title = load_workbook(io.BytesIO(raw), read_only=True).sheetnames
    assert len(title) == 1 and SHEET in zipfile.ZipFile(io.BytesIO(raw)).namelist()
    data = _bagian(raw, SHEET)
    for cut in _potongan(data, seed=len(nama), n=4):
        cut_raw = _ganti(raw, SHEET, data[:cut])
        for rumus in (False, True):
            galat = _tolak(cut_raw, rumus, nama)
            assert (galat.kode, galat.berkas, galat.lembar) == ("V01", nama, title[0]), (cut, str(galat))
            assert "terpotong" in galat.pesan and SHEET in galat.pesan, (cut, str(galat))


def test_the_shared_strings_cut_are_refused_as_cut():
    """Fails on main: refused as "struktur workbook tidak dikenal", which names neither the cut nor the part."""
    nama = "ebudgeting-apbd-perubahan-2023.xlsx"
    raw = (DATA / nama).read_bytes()
    data = _bagian(raw, "xl/sharedStrings.xml")
    for cut in _potongan(data, seed=7, n=3):
        galat = _tolak(_ganti(raw, "xl/sharedStrings.xml", data[:cut]), False, nama)
        assert galat.kode == "V01" and "terpotong" in galat.pesan and "xl/sharedStrings.xml" in galat.pesan, str(galat)


def test_impor_names_the_file_the_sheet_and_the_row_of_a_cut(tmp_path):
    """What the user reads (``impor --periksa``): file, sheet, the last row begun, and that nothing was read.
    Fails on main (no sheet, no row, no word of a cut)."""
    src = DATA / "ebudgeting-apbd-perubahan-2023.xlsx"
    data = _bagian(src.read_bytes(), SHEET)
    cut = data.find(b"</row>", len(data) // 2) + 6  # after a whole row: the rest of the table is gone
    path = tmp_path / src.name
    path.write_bytes(_ganti(src.read_bytes(), SHEET, data[:cut]))
    out = impor_berkas(path, periksa=True)
    assert out.ditolak and out.bacaan is None
    (galat,) = [m for m in out.masalah if m.tingkat == "galat"]
    row = int(re.findall(rb'<row r="(\d+)"', data[:cut])[-1])
    assert (galat.lembar, galat.sel) == ("Sheet1", f"baris {row:,}".replace(",", ".")), str(galat)
    assert "terpotong" in galat.pesan and "ditolak utuh" in galat.pesan


def _tutup(data: bytes, cut: int) -> bytes:
    """``data`` cut after the last tag that ends before ``cut`` and closed again: the elements left
    open are closed in order (a well-formed part with fewer rows or cells)."""
    prefix = data[:data.rfind(b">", 0, cut) + 1]
    stack = []
    for m in _TAG.finditer(prefix):
        if m.group(2).startswith(b"?") or m.group(3):
            continue
        if m.group(1):
            assert stack.pop() == m.group(2)
        else:
            stack.append(m.group(2))
    return prefix + b"".join(b"</" + name + b">" for name in reversed(stack))


@pytest.mark.parametrize("nama", ["ebudgeting-apbd-perubahan-2023.xlsx", "sukabumi-bappeda-evaluasi-renja-2018.xlsx"])
def test_a_worksheet_cut_and_closed_again_is_read_as_its_cells_hold(nama, tmp_path):
    """The other side of the refusal: a part closed again is a whole file; it is read (never refused as
    cut), every value read equals its cell (openpyxl), and ``impor`` reads or refuses it with located
    messages, never a number its cell does not hold. Passes on main too (the check refuses no whole file)."""
    raw = (DATA / nama).read_bytes()
    data = _bagian(raw, SHEET)
    start = data.find(b"<sheetData>") + 11
    rnd = random.Random(len(nama))
    for cut in [rnd.randrange(start, len(data))]:
        closed = _ganti(raw, SHEET, _tutup(data, cut))
        (grid,) = buka_lembar(closed, Penampung(nama), rumus=False)
        ws = load_workbook(io.BytesIO(closed), data_only=True).worksheets[0]
        cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
        assert {k: v for k, v in grid.nilai.items() if v not in (None, "")} == cells
        periksa_acak(closed, tmp_path, nama)
