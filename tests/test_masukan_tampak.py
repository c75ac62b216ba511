"""What loads is what a reader of the workbook sees (issue #26, deliver 1, sheet level).

Each case starts from a workbook of the sample (Dinas Kesehatan, March) and changes what
Excel shows without changing what a streaming read sees: merged data cells (V60), hidden and
very hidden sheets (V61), hidden, zero-height and outline-collapsed rows, hidden columns
(V62), data right of the form's last column (V63), a number format or font colour that shows
other text than the value (V64). Each is refused at its cell with the
store unchanged, or loaded with a warning at its cell; the fuzz test at the end mixes them.
Imports (Renja, SIPD) never read a hidden sheet (I43) and name hidden rows they read (I44).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import TAHUN
from test_masukan_rusak import Kasus, _zip
from test_masukan_rusak import test_each_broken_workbook_is_handled_at_its_cell as periksa_kasus
from kinerja.formulir.ingest import muat_berkas
from kinerja.formulir.tampak import baca_tampilan
from kinerja.impor.jalankan import impor_berkas
from kinerja.store.store import Store

CRAAPK, PK = f"dinkes/CRAAPK_{TAHUN}-03.xlsx", f"dinkes/PK_{TAHUN}.xlsx"
RENJA = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"


def _merge(ref: str, value=None):
    def ubah(wb):
        ws = wb["CRAAPK"]
        if value is not None:
            ws[ref.split(":")[0]] = value
        ws.merge_cells(ref)
    return ubah


def _hide_row(r: int, how: str = "hidden", value=None):
    def ubah(wb):
        ws = wb["CRAAPK"]
        if value is not None:
            ws[f"H{r}"] = value
        if how == "hidden":
            ws.row_dimensions[r].hidden = True
        elif how == "pendek":  # openpyxl does not write a height of 0; Excel's zero-height case is in KASUS
            ws.row_dimensions[r].height = 1
        else:  # an outline group collapsed, as Excel writes it
            ws.row_dimensions.group(r, r + 1, outline_level=1, hidden=True)
    return ubah


def _hide_column(letter: str):
    def ubah(wb):
        wb["CRAAPK"].column_dimensions[letter].hidden = True
    return ubah


def _look_alike(state: str):
    """The form's sheet hidden with 5 in H11 behind a visible copy without the code showing 19."""
    def ubah(wb):
        ws = wb["CRAAPK"]
        ws["H11"] = 5
        copy = wb.copy_worksheet(ws)
        copy.title = "CRAAPK\u00a0"
        copy["B3"] = "CRAAPK\u2013PD"
        copy["H11"] = 19
        ws.sheet_state = state
        wb.active = wb.index(copy)
    return ubah


def _hidden_other(title: str, state: str = "hidden", value="catatan"):
    def ubah(wb):
        ws = wb.create_sheet(title)
        ws["A1"] = value
        ws.sheet_state = state
    return ubah


def _hide_sheet(title: str):
    def ubah(wb):
        wb[title].sheet_state = "hidden"
    return ubah


def _set(cell: str, value):
    def ubah(wb):
        wb["CRAAPK"][cell] = value
    return ubah


def _shown(cell: str, value, fmt: str = "General", white: bool = False):
    """``value`` in ``cell`` under number format ``fmt`` (and in white ink on no fill)."""
    def ubah(wb):
        c = wb["CRAAPK"][cell]
        c.value, c.number_format = value, fmt
        if white:
            c.font = openpyxl.styles.Font(color="FFFFFFFF")
    return ubah


def _zero_height_default(x: str) -> str:
    """Rows hidden by default (<sheetFormatPr zeroHeight>); openpyxl lists rows without a height."""
    return x.replace("<sheetFormatPr ", '<sheetFormatPr zeroHeight="1" ', 1)


def _huge_merge(x: str) -> str:
    return re.sub(r"(<mergeCells[^>]*>)", r'\1<mergeCell ref="AM200:XFD1048576"/>', x, count=1)


KASUS: tuple[Kasus, ...] = (
    # V60: merged data cells (the three-month realisasi that emptied March and April)
    Kasus("realisasi-digabung-tiga-bulan", CRAAPK, _merge("H12:H14"), "V60", "CRAAPK", "H12:H14",
          kata="Excel hanya menampilkan"),
    Kasus("anggaran-digabung-dua-kolom", CRAAPK, _merge("N11:O11"), "V60", "CRAAPK", "N11:O11"),
    # a merge over a million rows is refused by the pre-scan's limits, located, before any expansion
    Kasus("gabungan-raksasa-di-luar-formulir", CRAAPK, _zip(_huge_merge), "V48", "CRAAPK", "AM200:XFD1048576",
          biner=True, kata="hapus gabungan sel di luar tabel"),
    # V62: hidden rows and columns
    Kasus("baris-tersembunyi-berisi-realisasi", CRAAPK, _hide_row(13, value=99), "V62", "CRAAPK", "F13",
          kata="baris 13 disembunyikan"),
    Kasus("baris-tinggi-nol", CRAAPK, _zip(lambda x: x.replace('<row r="12"', '<row r="12" ht="0" customHeight="1"')),
          "V62", "CRAAPK", "F12", biner=True),
    Kasus("baris-kerangka-dilipat", CRAAPK, _hide_row(14, "kerangka"), "V62", "CRAAPK", "F14"),
    Kasus("baris-identitas-tersembunyi", CRAAPK, lambda wb: setattr(wb["CRAAPK"].row_dimensions[6], "hidden", True),
          "V62", "CRAAPK", "A6"),
    Kasus("kolom-realisasi-tersembunyi", CRAAPK, _hide_column("H"), "V62", "CRAAPK", "H10", kata="kolom H"),
    Kasus("semua-baris-tersembunyi-bawaan", CRAAPK, _zip(_zero_height_default), "V62", "CRAAPK", biner=True),
    # V61: hidden and very hidden sheets
    Kasus("lembar-veryhidden-di-balik-kembaran", CRAAPK, _look_alike("veryHidden"), "V61", "CRAAPK",
          kata="veryHidden"),
    Kasus("lembar-hidden-di-balik-kembaran", CRAAPK, _look_alike("hidden"), "V61", "CRAAPK", kata="Unhide"),
    Kasus("lembar-lampiran-pk-tersembunyi", PK, _hide_sheet("Program"), "V61", "Program"),
    Kasus("lembar-tersembunyi-bernama-formulir", CRAAPK, _hidden_other("RAAPK", "veryHidden"), "V61", "RAAPK"),
    Kasus("lembar-tersembunyi-lain-berisi-data", CRAAPK, _hidden_other("Coretan"), "V61", "Coretan", hasil="dimuat"),
    Kasus("lembar-daftar-berisi-data-lain", CRAAPK, lambda wb: wb["Daftar"].__setitem__("Z40", 5), "V61", "Daftar",
          hasil="dimuat"),
    # V63: data right of the form's last column (R)
    # column XFD is past the pre-scan's column limit: refused there, at its cell
    Kasus("data-di-kolom-xfd", CRAAPK, _set("XFD12", 5), "V48", "CRAAPK", "XFD12", kata="melebihi batas 500 kolom"),
    Kasus("data-di-kolom-az", CRAAPK, _set("AZ12", 5), "V63", "CRAAPK", "AZ12", kata="di luar kolom formulir"),
    Kasus("realisasi-tergeser-ke-kolom-s", CRAAPK, _set("S13", 12.5), "V63", "CRAAPK", "S13"),
    Kasus("catatan-di-samping-judul", CRAAPK, _set("T1", "catatan pengisi"), "V63", "CRAAPK", "T1", hasil="dimuat"),
    # V64: a filled data cell Excel shows as other text (or nothing)
    Kasus("format-angka-teks-tetap", CRAAPK, _shown("O12", 60000000, '"103.324.000"'), "V64", "CRAAPK", "O12",
          kata="menampilkan \u201c103.324.000\u201d"),
    Kasus("format-teks-bagian-keempat", CRAAPK, _shown("H24", "150/191", ';;"143/191";"143/191"'), "V64", "CRAAPK",
          "H24", kata="teks lain daripada isinya"),
    Kasus("format-kosong", CRAAPK, _shown("H12", 12.5, ";;;"), "V64", "CRAAPK", "H12", kata="sel kosong"),
    Kasus("format-nol-kosong", CRAAPK, _shown("H13", 0, "0;-0;;@"), "V64", "CRAAPK", "H13"),
    Kasus("huruf-putih", CRAAPK, _shown("H12", 99, white=True), "V64", "CRAAPK", "H12", kata="warna huruf"),
    # formats that show the value pass
    Kasus("format-rupiah-dan-warna", CRAAPK, _shown("O12", 60000000, '"Rp"#,##0;[Red]-#,##0;"-"'), "",
          hasil="dimuat"),
    Kasus("format-persen-dan-teks", CRAAPK, lambda wb: (_shown("H12", 0.5, "0.00%")(wb),
                                                         _shown("B12", wb["CRAAPK"]["B12"].value, "@")(wb)), "",
          hasil="dimuat"),
)


@pytest.mark.parametrize("kasus", KASUS, ids=[k.nama for k in KASUS])
def test_what_excel_does_not_show_is_refused_or_named_at_its_cell(kasus, sampel, store, tmp_path):
    # the same assertions as every hostile workbook: status, store unchanged when refused, code at its
    # sheet and cell, Indonesian text (a refused case's code is a galat: a warning alone would load)
    periksa_kasus(kasus, sampel, store, tmp_path)


def _current(store: Store, bulan: int) -> dict:
    real = store.current("realisasi", unit_kode="dinkes", tahun=TAHUN)
    real = real[real["bulan"] == bulan]
    return dict(zip(real["indikator_kode"], real["nilai"]))


def test_a_merged_realisasi_never_removes_the_months_loaded_before(sampel, store, tmp_path):
    march = _current(store, 3)
    assert march  # the sample's March CRAAPK is loaded
    wb = load_workbook(sampel / CRAAPK)
    wb["CRAAPK"].merge_cells("H12:H14")  # February to April: Excel shows February's value over three rows
    wb.save(tmp_path / "gabung.xlsx")
    hasil = muat_berkas(tmp_path / "gabung.xlsx", store, tmp_path / "arsip")
    assert hasil.status == "ditolak" and [m.sel for m in hasil.galat] == ["H12:H14"], [str(m) for m in hasil.masalah]
    assert _current(store, 3) == march


def test_an_emptied_visible_cell_still_removes_its_value(sampel, store, tmp_path):
    """A correction removes a value where the new file visibly says so (as before this rule)."""
    march = _current(store, 3)
    wb = load_workbook(sampel / CRAAPK)
    ws = wb["CRAAPK"]
    ws["H13"] = None  # March of the first indicator, emptied where everyone sees it
    wb.save(tmp_path / "koreksi.xlsx")
    hasil = muat_berkas(tmp_path / "koreksi.xlsx", store, tmp_path / "arsip")
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    assert len(_current(store, 3)) == len(march) - 1


def test_the_templates_hidden_list_sheet_is_expected(sampel):
    views = baca_tampilan((sampel / CRAAPK).read_bytes())
    assert views["Daftar"].keadaan == "hidden" and views["CRAAPK"].tampak


# --- fuzz: random merges, hidden rows and columns, sheet states over the sample CRAAPK ------------

FUZZ = settings(max_examples=int(os.environ.get("KINERJA_FUZZ", "25")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ubahan = st.lists(st.one_of(
    st.tuples(st.just("gabung"), st.integers(9, 40), st.integers(1, 20), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("baris"), st.integers(3, 40), st.sampled_from(["hidden", "pendek", "kerangka"])),
    st.tuples(st.just("kolom"), st.integers(1, 22)),
    st.tuples(st.just("lembar"), st.sampled_from(["CRAAPK", "Daftar", "Cara Pengisian"]),
              st.sampled_from(["hidden", "veryHidden", "visible"])),
), min_size=1, max_size=4)


def _apply(wb, changes) -> None:
    ws = wb["CRAAPK"]
    for change in changes:
        if change[0] == "gabung":
            _, r, c, dr, dc = change
            if dr or dc:
                try:
                    ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
                except ValueError:
                    pass
        elif change[0] == "baris":
            _hide_row(change[1], change[2])(wb)
        elif change[0] == "kolom":
            ws.column_dimensions[openpyxl.utils.get_column_letter(change[1])].hidden = True
        elif any(w.sheet_state == "visible" for w in wb.worksheets if w.title != change[1]) or change[2] == "visible":
            wb[change[1]].sheet_state = change[2]


def _visible_read(raw: bytes) -> bool:
    """Whether the CRAAPK sheet reads the same as Excel shows it: no merge over its data area,
    no hidden form column, no hidden row holding data, the sheet itself visible."""
    view = baca_tampilan(raw)["CRAAPK"]
    ws = load_workbook(io.BytesIO(raw), read_only=True)["CRAAPK"]
    rows = list(ws.iter_rows(values_only=True))
    filled = {r for r, row in enumerate(rows, start=1) if any(v not in (None, "") for v in row[:18])}
    return (view.tampak and not any(g[2] >= 11 and g[1] <= 18 for g in view.gabungan)
            and not any(view.kolom_tersembunyi(c) for c in range(1, 19))
            and not any(view.baris_tersembunyi(r) for r in filled if r >= 11 or 3 <= r <= 6))


@FUZZ
@given(changes=ubahan)
def test_fuzz_a_changed_view_is_refused_at_its_cell_or_loads_what_excel_shows(sampel, dasar, changes):
    wb = load_workbook(sampel / CRAAPK)
    _apply(wb, changes)
    buf = io.BytesIO()
    wb.save(buf)
    raw = buf.getvalue()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        shutil.copy(dasar, folder / "k.sqlite")
        store = Store(f"sqlite:///{folder / 'k.sqlite'}")
        before = {t: store.current(t) for t in ("realisasi", "anggaran")}
        (folder / "uji.xlsx").write_bytes(raw)
        hasil = muat_berkas(folder / "uji.xlsx", store, folder / "arsip")
        codes = {m.kode for m in hasil.galat}
        if _visible_read(raw):
            assert not codes & {"V60", "V61", "V62"}, [str(m) for m in hasil.masalah]
        else:
            # refused at a cell: by these rules, or earlier (a merge that empties the numbering row is V08)
            assert hasil.status == "ditolak" and codes & {"V08", "V60", "V61", "V62"}, [str(m) for m in hasil.masalah]
            for t, frame in before.items():
                assert len(store.current(t)) == len(frame)  # store unchanged
        for m in hasil.masalah:
            if m.kode in ("V60", "V62"):
                assert m.sel and m.lembar == "CRAAPK", str(m)
        store.engine.dispose()


# --- imports ------------------------------------------------------------------------------------

def test_a_renja_evaluation_on_a_hidden_sheet_behind_a_look_alike_is_refused(tmp_path):
    wb = load_workbook(RENJA)
    ws = wb.worksheets[0]
    decoy = wb.create_sheet("Realisasi TW IV ")
    decoy["A1"] = "EVALUASI TERHADAP HASIL RENJA"
    ws.sheet_state = "veryHidden"
    wb.active = 1
    wb.save(tmp_path / "renja.xlsx")
    out = impor_berkas(tmp_path / "renja.xlsx", None, periksa=True, tahun=2025)
    hits = [m for m in out.masalah if m.kode == "I43" and m.lembar == ws.title]
    assert out.ditolak and hits and hits[0].tingkat == "galat", [str(m) for m in out.masalah]
    assert out.bacaan is None


def test_a_hidden_copy_beside_the_visible_evaluation_is_named_not_read(tmp_path):
    wb = load_workbook(RENJA)
    copy = wb.copy_worksheet(wb.worksheets[0])
    copy["R13"] = 1  # a different realisasi on the hidden copy
    copy.sheet_state = "hidden"
    wb.save(tmp_path / "renja.xlsx")
    out = impor_berkas(tmp_path / "renja.xlsx", None, periksa=True, tahun=2025)
    assert not out.ditolak and out.bacaan.info["lembar"] == wb.worksheets[0].title
    assert [m.tingkat for m in out.masalah if m.kode == "I43"] == ["peringatan"]


def test_hidden_rows_an_import_reads_are_named_at_their_cells():
    out = impor_berkas(RENJA, None, periksa=True, tahun=2025)  # the real file hides unbudgeted activities
    named = [m for m in out.masalah if m.kode == "I44" and "baris 40 " in m.pesan]
    assert named and named[0].sel == "J40" and named[0].tingkat == "peringatan"
    assert any(m.kode == "I44" and m.sel == "K106:K107" for m in out.masalah)  # a pagu merged over two rows
