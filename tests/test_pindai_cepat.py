"""The fast scan of an export (kinerja.core.pindai_cepat and the tag read of
kinerja.formulir.tampak) gives the answers of the expat scans it replaces: on the real files,
and on hostile and odd files it either gives the same answer or steps aside for the full scan
(issue #22 item 8; the limits are issue #26's)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.contoh import jahat
from kinerja.core import pindai as pindai_mod
from kinerja.core.pindai import Tolak, pindai
from kinerja.core.pindai_cepat import pindai_cepat
from kinerja.formulir import tampak
from kinerja.formulir.masalah import Penampung
from kinerja.formulir.tampak import baca_tampilan
from kinerja.impor.lembar import buka_lembar

DATA = Path(__file__).parent / "data" / "impor"
RENJA = DATA / "evaluasi-renja-bappedalitbang-2025.xlsx"
EBUDGETING = DATA / "ebudgeting-apbd-perubahan-2023.xlsx"
XLSX = ["evaluasi-renja-bappedalitbang-2025.xlsx", "sukabumi-bappeda-evaluasi-renja-2018.xlsx",
        "ebudgeting-apbd-perubahan-2023.xlsx"]  # (the Bondowoso file is an .xls: test_impor_format)
SHEET = "xl/worksheets/sheet1.xml"


def _ubah(raw: bytes, fn) -> bytes:
    return jahat._salin(raw, {SHEET: jahat._lembar(raw, fn)})


def _pindai_lama(raw: bytes) -> str | None:
    try:
        pindai(raw)
    except Tolak as t:
        return t.kode
    return None


def _sama(raw: bytes) -> dict | None:
    """The fast verdict, checked against the full one: what the full scan refuses the fast one
    never passes, and what the fast one passes shows the same as the expat read."""
    fast, old = pindai_cepat(raw), _pindai_lama(raw)
    if old is not None:
        assert fast is None, old
    if fast is not None:
        assert baca_tampilan(raw, True, fast) == baca_tampilan(raw, True)
    return fast


@pytest.mark.parametrize("nama", XLSX)
def test_the_real_files_take_the_fast_scan_and_show_the_same(nama):
    assert _sama((DATA / nama).read_bytes()) is not None


def test_the_hidden_rows_of_deli_serdang_are_still_reported():
    raw = RENJA.read_bytes()
    ws = load_workbook(RENJA).worksheets[0]  # the file's own row attributes, read by openpyxl
    hidden = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    assert 40 in hidden
    fast = pindai_cepat(raw)
    view = baca_tampilan(raw, True, fast)[ws.title]
    assert hidden <= view.baris_sembunyi and view.baris_tersembunyi(40)


def test_an_export_is_read_without_the_expat_scans(monkeypatch):
    """Fails on main: there every export went through pindai's and tampak's expat callbacks."""
    def no(*_a, **_k):
        raise AssertionError("expat scan called")

    monkeypatch.setattr("kinerja.formulir.berkas.pindai", no)
    monkeypatch.setattr(tampak, "_baca_bagian", no)
    grids = buka_lembar(EBUDGETING.read_bytes(), Penampung(EBUDGETING.name), rumus=False)
    ws = load_workbook(EBUDGETING, read_only=True).worksheets[0]
    first = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    assert grids is not None and grids[0].baris_maks == ws.max_row == 3312
    assert [grids[0].mentah(2, c) for c in range(1, 11)] == list(first)


@pytest.mark.parametrize("buat", [
    lambda raw: jahat.sel_jauh(raw, "SG600"),
    lambda raw: jahat.sel_jauh(raw, "A100001"),
    lambda raw: jahat.gabung_luas(raw, "AM200:XFD1048576"),
    lambda raw: jahat.gabung_luas(raw, "A1:Z20000"),
    lambda raw: jahat.baris_banyak(raw, 100_001, 1),
    lambda raw: jahat.teks_panjang(raw, 40_000),
    lambda raw: jahat.anggota_kembar(raw),
    lambda raw: jahat.jalur_luar(raw),
], ids=["sel-jauh", "baris-jauh", "gabung-luas", "gabung-banyak-sel", "baris-banyak", "teks-panjang",
        "anggota-kembar", "jalur-luar"])
def test_a_hostile_file_is_never_passed_by_the_fast_scan(buat):
    raw = buat(RENJA.read_bytes())
    assert _pindai_lama(raw) is not None and _sama(raw) is None


def test_limits_lowered_at_run_time_hold_for_the_fast_scan(monkeypatch):
    raw = EBUDGETING.read_bytes()
    for name, value in (("BATAS_SEL_TERISI", 30_000), ("BATAS_TEKS", 100), ("BATAS_ISI", 1_000_000),
                        ("BATAS_BARIS", 3_000)):
        with monkeypatch.context() as m:
            m.setattr(pindai_mod, name, value)
            assert _pindai_lama(raw) == "V48" and _sama(raw) is None, name


def test_a_zip_bomb_is_still_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(EBUDGETING.read_bytes())) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == SHEET:  # 210 MB of blanks inside the sheet: a few hundred kB packed
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (210 * 1024 * 1024), 1)
            z.writestr(item.filename, data)
    raw = buf.getvalue()
    assert len(raw) < 2_000_000 and _pindai_lama(raw) == "V48" and pindai_cepat(raw) is None
    p = Penampung("bom.xlsx")
    assert buka_lembar(raw, p, rumus=False) is None and [m.kode for m in p.daftar] == ["V48"]


@pytest.mark.parametrize("ubah", [
    lambda t: t.replace("</sheetData>", '<!-- <row r="5" hidden="1"/> --></sheetData>', 1),
    lambda t: t.replace("</sheetData>", '<?pi <row r="5" hidden="1"/> ?></sheetData>', 1),
    lambda t: t.replace('<row r="5"', '<row r="5" hidden="&#49;"', 1),
    lambda t: t.replace('<row r="5"', "<row r='5' hidden='1'", 1),
    lambda t: t.replace("<worksheet ", '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
                        '2006/main" ', 1).replace("</sheetData>", '<x:row r="9000"><x:c r="ZZ9000"><x:v>1</x:v>'
                                                                  "</x:c></x:row></sheetData>", 1),
    lambda t: re.sub(r'<c r="B5"', '<c s="0" r="B5"', t, count=1),
    lambda t: t.replace("</sheetData>", '<row r="9000"><c r="B9000" t="e"><v>#DIV/0!</v></c></row></sheetData>', 1),
    lambda t: t.replace("<sheetData>", '<sheetFormatPr zeroHeight="1"/><sheetData>', 1),
    lambda t: t.replace("</sheetData>", '</sheetData><sheetFormatPr zeroHeight="1"/>', 1),
    lambda t: t.replace("<sheetData>", '<cols><col min="3" max="4" width="0.5"/></cols><sheetData>', 1),
    lambda t: t.replace('<row r="5"', '<row r="5" ht="2"', 1),
], ids=["komentar", "instruksi", "entitas", "kutip-tunggal", "prefiks", "sel-tanpa-r-dulu", "galat",
        "tinggi-nol", "format-setelah-baris", "kolom-sempit", "baris-pendek"])
def test_an_odd_sheet_gets_the_same_answer_or_the_full_scan(ubah):
    """Each odd writing either makes the fast scan step aside or gives exactly what expat reads."""
    _sama(_ubah(EBUDGETING.read_bytes(), ubah))


def test_a_cell_without_its_address_first_makes_the_fast_scan_step_aside():
    raw = _ubah(EBUDGETING.read_bytes(), lambda t: t.replace('<c r="B5"', '<c s="0" r="B5"', 1))
    assert pindai_cepat(raw) is None


def _lembar_lain(raw: bytes, target: str, kembar: bool) -> bytes:
    """``raw`` with one more worksheet at ``target`` (a relationship's target as python-calamine takes
    it, under xl/worksheets/ but not where openpyxl resolves it) holding a cell at row 100.001; with
    ``kembar`` it bears the name of the real sheet and comes first (calamine reads it under that name)."""
    part = target.lstrip("/")
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="100001"><c r="A100001"><v>7</v></c></row></sheetData></worksheet>')
    entry = f'<sheet name="{"Sheet1" if kembar else "Lain"}" sheetId="9" r:id="rIdLain"/>'
    rel = ('<Relationship Id="rIdLain" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           f'worksheet" Target="{target}"/>')
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        book, rels = z.read("xl/workbook.xml").decode(), z.read("xl/_rels/workbook.xml.rels").decode()
    book = book.replace("<sheets>", "<sheets>" + entry, 1) if kembar else book.replace("</sheets>", entry + "</sheets>")
    rels = rels.replace("</Relationships>", rel + "</Relationships>")
    return jahat._salin(raw, {"xl/workbook.xml": lambda: iter([book.encode()]),
                              "xl/_rels/workbook.xml.rels": lambda: iter([rels.encode()])},
                        tambah=((part, sheet.encode()),))


@pytest.mark.parametrize("kembar", [True, False], ids=["nama-kembar", "nama-lain"])
def test_every_part_calamine_may_take_as_a_worksheet_is_scanned(kembar):
    """Fails on main with ``kembar``: python-calamine took the first sheet of the name, whose part
    (xl/worksheets/lain/jauh.xml, named "xl/..." in the relationship) neither scan read, and its
    row 100.001 came through."""
    raw = _lembar_lain(EBUDGETING.read_bytes(), "xl/worksheets/lain/jauh.xml", kembar)
    assert _pindai_lama(raw) == "V48" and pindai_cepat(raw) is None
    p = Penampung("lain.xlsx")
    assert buka_lembar(raw, p, rumus=False) is None and [m.kode for m in p.daftar] == ["V48"]

