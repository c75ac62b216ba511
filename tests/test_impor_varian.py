"""The four real files and variants of them a Pemda could send (issue #22, item 7): a row
moved up, two numeric columns swapped with or without their headers, the sheet renamed, a
blank sheet first, a hidden sheet first (holding other numbers), values pasted without
formulas, written as .xls and as .ods, "Rp. (000)" ↔ "Rp" with the values ×/÷ 1.000, a summary
row in the middle, a row typed as Indonesian text numbers ("1.234,5"). Each variant is made at
test time from the file's own cells (openpyxl, xlrd) and must be read with the original's
numbers (adjusted for the edit) or refused with a located message; and every number read
equals the cell its ``sel_*`` names, read here without kinerja. Never a number from the wrong
column."""

from __future__ import annotations

import copy
import io
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from kinerja.impor.jalankan import impor_berkas
from test_impor_acak import beda_sel
from varian_lembar import Lembar, tulis_ods, tulis_xls, tulis_xlsx

DATA = Path(__file__).parent / "data" / "impor"
BERKAS = {"renja": "evaluasi-renja-bappedalitbang-2025.xlsx", "sukabumi": "sukabumi-bappeda-evaluasi-renja-2018.xlsx",
          "bondowoso": "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx",
          "ebudgeting": "ebudgeting-apbd-perubahan-2023.xlsx"}
NILAI = ("target", "realisasi", "capaian", "pagu", "pagu_perubahan", "realisasi_anggaran")
_RP = re.compile(r"^rp\.?\s*(\(000\))?$", re.IGNORECASE)

# --- the real files as sheets of values -------------------------------------------------------------


def _buku_xlsx(raw: bytes) -> list[Lembar]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    return [Lembar(ws.title, {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None},
                   gabung=[(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges],
                   tersembunyi=ws.sheet_state != "visible") for ws in wb.worksheets]


def _buku_xls(raw: bytes) -> list[Lembar]:
    """The report sheets of an .xls (its "data1" of dropdown lists is left out)."""
    import xlrd

    with open(os.devnull, "w") as quiet:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, ragged_rows=True, logfile=quiet)
    out = []
    for sh in book.sheets()[:3]:
        values = {(r + 1, c + 1): v for r in range(sh.nrows) for c, v in enumerate(sh.row_values(r))
                  if v != "" and sh.cell_type(r, c) in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT)}
        out.append(Lembar(sh.name, values, gabung=[(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]))
    return out


@lru_cache(maxsize=None)
def asli(nama: str):
    """The real file's bytes, its sheets as values, and what kinerja reads of it (once a session)."""
    path = DATA / BERKAS[nama]
    raw = path.read_bytes()
    buku = _buku_xls(raw) if raw[:4] == bytes.fromhex("d0cf11e0") else _buku_xlsx(raw)
    out = impor_berkas(path, periksa=True)
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"]
    assert beda_sel(raw, path.name, out.bacaan) == []
    return raw, buku, out.bacaan


def ringkas(tabel: pd.DataFrame) -> Counter:
    """What a variant must read alike: per indicator (or budget line) and period, its numbers."""
    name = tabel["indikator"].where(tabel["indikator"].notna(), tabel["nama"]).astype(str)
    keys = zip(name, tabel["periode"], *(tabel[c].map(lambda v: "" if pd.isna(v) else f"{v:.9g}") for c in NILAI))
    return Counter(keys)


# --- the edits ----------------------------------------------------------------------------------------


def _lembar_data(buku, bacaan) -> Lembar:
    return next(sh for sh in buku if sh.nama == bacaan.info["lembar"])


def _gabung_di(sh: Lembar, r: int) -> bool:
    return any(r1 <= r <= r2 for r1, _, r2, _ in sh.gabung)


def _kolom(ref: str) -> int:
    col = 0
    for ch in re.search(r"!\$?([A-Z]+)", ref).group(1):
        col = col * 26 + ord(ch) - 64
    return col


def _baris_data(bacaan, sh: Lembar) -> list[int]:
    """The rows read, as numbers, outside any merged range, in file order."""
    rows = sorted({int(r) for r in bacaan.tabel["baris"].dropna()})
    return [r for r in rows if not _gabung_di(sh, r)]


def _tukar_baris(sh: Lembar, a: int, b: int) -> None:
    sh.nilai = {((b if r == a else a if r == b else r), c): v for (r, c), v in sh.nilai.items()}


def _geser(sh: Lembar, mulai: int) -> None:
    """Rows from ``mulai`` down one row (a row inserted at ``mulai``)."""
    sh.nilai = {((r + 1 if r >= mulai else r), c): v for (r, c), v in sh.nilai.items()}
    sh.gabung = [(r1 + (r1 >= mulai), c1, r2 + (r2 >= mulai), c2) for r1, c1, r2, c2 in sh.gabung]


def _dua_kolom_angka(bacaan) -> tuple[int, int]:
    """Two columns read as numbers of different kinds (target and pagu, or murni and perubahan)."""
    year = bacaan.tabel
    first = {}
    for col in ("target", "pagu", "realisasi_anggaran", "pagu_perubahan"):
        refs = year[f"sel_{col}"].dropna().astype(str)
        refs = refs[~refs.str.contains(r"[+:]")]
        if not refs.empty:
            first[col] = _kolom(refs.iloc[0])
    cols = list(dict.fromkeys(first.values()))
    return cols[0], cols[1]


def _rp_kolom(sh: Lembar, bacaan) -> tuple[int, list[int]]:
    """The row of the "Rp." labels in the header and the columns it labels; for an export
    whose money headers name no unit ("JUMLAH"), its header row and money columns, their
    headers given "(Rp)"."""
    for r in range(1, 25):
        cols = [c for (rr, c), v in sh.nilai.items() if rr == r and isinstance(v, str) and _RP.match(v.strip())]
        if len(cols) >= 2:
            return r, cols
    r0 = int(bacaan.info["baris_judul"])
    cols = sorted({_kolom(ref) for col in ("pagu", "pagu_perubahan") for ref in bacaan.tabel[f"sel_{col}"].dropna()})
    for c in cols:
        sh.nilai[(r0, c)] = f"{sh.nilai[(r0, c)]} (Rp)"
    return r0, cols


def _teks_id(v: float) -> str:
    """A number as an Indonesian types it: 1.234.567,891."""
    whole, _, frac = repr(float(v)).partition(".")
    if "e" in repr(float(v)):
        whole, frac = f"{v:.0f}", ""
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(re.findall(r"\d{1,3}(?=(?:\d{3})*$)", digits))
    frac = frac.rstrip("0")
    return sign + grouped + ("," + frac if frac else "")


# long: one edit per variant, each a few lines; reads as the list the module docstring gives
def buat_varian(nama: str, varian: str) -> tuple[bytes, str, Counter | None]:
    """The variant's bytes, its file name, and what it must read (None: to be refused)."""
    raw, buku, bacaan = asli(nama)
    buku = copy.deepcopy(buku)
    sh = _lembar_data(buku, bacaan)
    expect = ringkas(bacaan.tabel)
    tulis = tulis_xlsx
    rows = _baris_data(bacaan, sh)
    if varian == "asli":
        return raw, BERKAS[nama], expect
    if varian == "baris_naik":  # a data row moved above the one before it
        a, b = next(((a, b) for a, b in zip(rows, rows[1:]) if b == a + 1), (rows[1], rows[2]))
        _tukar_baris(sh, a, b)
    elif varian in ("kolom_tukar_judul", "kolom_tukar_isi"):
        x, y = _dua_kolom_angka(bacaan)
        # under the headers: every data row from the first one read (rows in a merged range too)
        top = int(bacaan.tabel["baris"].dropna().min()) if varian == "kolom_tukar_isi" else 1
        sh.nilai = {(r, (y if c == x else x if c == y else c) if r >= top else c): v for (r, c), v in sh.nilai.items()}
        if varian == "kolom_tukar_isi":
            expect = None
    elif varian == "lembar_ganti_nama":
        sh.nama = "Data Evaluasi (salinan)"
    elif varian == "lembar_kosong_dulu":
        buku.insert(0, Lembar("Sheet1 kosong", {}))
    elif varian == "lembar_tersembunyi_dulu":  # an older copy, other numbers, hidden
        old = copy.deepcopy(sh)
        old.nama, old.tersembunyi = "Lama", True
        old.nilai = {k: (v * 2 if isinstance(v, (int, float)) else v) for k, v in old.nilai.items()}
        buku.insert(0, old)
    elif varian == "xls":
        tulis = tulis_xls
    elif varian == "ods":
        tulis = tulis_ods
    elif varian == "rupiah":  # "Rp. (000)" ↔ "Rp", the values ×/÷ 1.000: the same Rupiah
        r0, cols = _rp_kolom(sh, bacaan)
        ribu = "000" in str(sh.nilai[(r0, cols[0])])
        for c in cols:
            sh.nilai[(r0, c)] = re.sub(r"\(Rp\)|Rp\.?( \(000\))?", lambda m: "(Rp. 000)" if m.group() == "(Rp)"
                                       else "Rp." if ribu else "Rp. (000)", sh.nilai[(r0, c)])
        for (r, c), v in list(sh.nilai.items()):
            if c in cols and r > r0 and isinstance(v, (int, float)):
                sh.nilai[(r, c)] = v * 1000 if ribu else v / 1000
    elif varian == "ringkasan_tengah":  # "Rata-rata capaian" with a number, between two data rows
        at = rows[len(rows) // 2]
        _geser(sh, at)
        year = bacaan.tabel[bacaan.tabel["baris"] == at].iloc[0]
        text_col = next((c for (r, c), v in sorted(sh.nilai.items()) if r == at + 1 and v == (
            year["indikator"] if isinstance(year["indikator"], str) else year["nama"])), 1)
        sh.nilai[(at, text_col)] = "Rata-rata capaian kinerja"
        sh.nilai[(at, text_col + 3)] = 77.5
    elif varian == "teks_angka":  # one row's numbers typed as text, the Indonesian way
        r = rows[len(rows) // 2]
        for (rr, c), v in list(sh.nilai.items()):
            if rr == r and isinstance(v, (int, float)) and not isinstance(v, bool):
                sh.nilai[(rr, c)] = _teks_id(v)
    elif varian == "tanpa_gabung":
        for s in buku:
            s.gabung = []
    elif varian != "nilai":
        raise ValueError(varian)
    return tulis(buku), f"varian-{varian}.xlsx", expect


VARIAN = ("asli", "nilai", "baris_naik", "kolom_tukar_judul", "kolom_tukar_isi", "lembar_ganti_nama",
          "lembar_kosong_dulu", "lembar_tersembunyi_dulu", "xls", "ods", "rupiah", "ringkasan_tengah", "teks_angka",
          "tanpa_gabung")


def hasil_varian(nama: str, varian: str, tmp_path: Path) -> str:
    """``dibaca`` (the original's numbers), ``ditolak`` (a located refusal), or what went wrong."""
    raw, name, expect = buat_varian(nama, varian)
    path = tmp_path / name
    path.write_bytes(raw)
    out = impor_berkas(path, periksa=True)
    if [m for m in out.masalah if m.kode in ("I00", "V00")]:
        return "GALAT PROGRAM: " + "; ".join(str(m) for m in out.masalah if m.kode in ("I00", "V00"))
    if out.ditolak or out.bacaan is None:
        galat = [m for m in out.masalah if m.tingkat == "galat"]
        if [m.kode for m in galat] == ["I01"]:
            return "tidak dikenali"
        located = galat and all(m.lembar or m.sel for m in galat)
        return "ditolak" if located else "DITOLAK TANPA LETAK: " + str(galat[:2])
    wrong = beda_sel(raw, name, out.bacaan)
    if wrong:
        return f"SALAH SEL ({len(wrong)}): {wrong[:3]}"
    got = ringkas(out.bacaan.tabel)
    if expect is None:
        return "dibaca (nilai mengikuti judul kolom)"
    if got != expect:
        return f"BEDA ANGKA: kurang {list((expect - got).items())[:2]}, lebih {list((got - expect).items())[:2]}"
    return "dibaca"


# What each variant must give, per file: "dibaca" (the original's numbers), "ditolak" (refused
# at a sheet and cell). A form's columns are fixed by its numbering row: two columns swapped with
# their headers and numbers make it no longer the form (I01, named for the whole file).
_FORMULIR = ("renja", "sukabumi", "bondowoso")
HARAP = {(nama, varian): {"dibaca"} for nama in BERKAS for varian in VARIAN}
HARAP |= {(nama, "kolom_tukar_judul"): {"ditolak", "tidak dikenali"} for nama in _FORMULIR}
HARAP |= {(nama, "kolom_tukar_isi"): {"ditolak"} for nama in _FORMULIR}
# murni and perubahan are both Rupiah: data swapped under their headers is what the file says
HARAP[("ebudgeting", "kolom_tukar_isi")] = {"dibaca (nilai mengikuti judul kolom)"}
HARAP[("ebudgeting", "ringkasan_tengah")] = {"dibaca", "ditolak"}
# Merged headers unmerged (a paste without formats): a form is refused at its cells today; read
# right is as good (helper "lepas" reads them).
HARAP |= {(nama, "tanpa_gabung"): {"dibaca", "ditolak"} for nama in _FORMULIR}
# Quick ones in the normal run (each under a second); the whole matrix with -m lambat.
CEPAT = {("sukabumi", v) for v in VARIAN} | {("renja", v) for v in ("xls", "ods", "rupiah", "teks_angka")}


def _kasus():
    for nama in BERKAS:
        for varian in VARIAN:
            marks = [] if (nama, varian) in CEPAT else [pytest.mark.lambat]
            yield pytest.param(nama, varian, marks=marks, id=f"{nama}-{varian}")


@pytest.mark.parametrize("nama, varian", list(_kasus()))
def test_a_variant_is_read_with_the_originals_numbers_or_refused_at_its_cell(nama, varian, tmp_path):
    got = hasil_varian(nama, varian, tmp_path)
    assert got in HARAP[(nama, varian)], got


def test_a_printed_capaian_whose_target_is_blank_names_no_cell(tmp_path):
    """Found by the variants (target and a Rupiah column swapped in Bondowoso's "cetak Laporan"):
    with the year's target blank, no capaian is computed, yet ``sel_capaian`` named the printed
    (13) cell, a source for a value the row does not have."""
    from test_impor_acak import contoh

    raw = contoh("bondowoso-cetak.xls")
    sh = _buku_xls(raw)[0]
    del sh.nilai[(10, 11)]  # K10, the year's target of row 10 (its capaian X10 prints 100)
    path = tmp_path / "cetak.xls"
    path.write_bytes(tulis_xls([sh]))
    out = impor_berkas(path, periksa=True)
    t = out.bacaan.tabel
    row = t[(t["baris"] == 10) & (t["periode"] == "tahun")].iloc[0]
    assert pd.isna(row["target"]) and pd.isna(row["capaian"]) and pd.isna(row["sel_capaian"])
    assert beda_sel(path.read_bytes(), path.name, out.bacaan) == []


@pytest.mark.parametrize("nama", ["sukabumi", "renja"])
def test_numbers_swapped_under_their_headers_stop_the_file_at_a_cell_with_i93(nama, tmp_path):
    """Target and pagu (Sukabumi: two numeric columns) swapped under unchanged headers: most rows
    then hold numbers no row can have (capaian outside the limits, realisasi anggaran above pagu,
    a few Rupiah); the file is refused at a cell, never read with a number from the wrong column."""
    raw, name, _ = buat_varian(nama, "kolom_tukar_isi")
    path = tmp_path / name
    path.write_bytes(raw)
    out = impor_berkas(path, periksa=True)
    [m] = [m for m in out.masalah if m.kode == "I93"]
    assert out.ditolak and m.lembar and m.sel and "berkas tidak dibaca" in m.pesan
