"""Budget exports (issue #22, item 4): the real e-budgeting export of an APBD-Perubahan read to the
sen at every level, checked against the file's own cells read here with openpyxl; variants made of
it (columns moved, header wordings, JUMLAH/JUMLAH PERUBAHAN swapped, thousands, text and blank
amounts, total rows, shifted cells) read right or refused at their cell; pagu murni and perubahan
kept apart into the store and the documents' budget table."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.impor.hasil import tulis_hasil
from kinerja.impor.jalankan import impor_berkas
from kinerja.store.store import Store
from test_impor import _store_with_bappeda

EBUDGETING = Path(__file__).parent / "data" / "impor" / "ebudgeting-apbd-perubahan-2023.xlsx"
HEAD = ["SKPD", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "SUBKELUARAN", "URAIAN BELANJA", "SUMBERDANA",
        "SUMBERDANA PERUBAHAN", "JUMLAH", "JUMLAH PERUBAHAN"]


def _uang(v) -> Decimal | None:
    """A cell's amount as the file holds it (the export writes the text "None" for no amount)."""
    return Decimal(repr(v)) if isinstance(v, (int, float)) else None


def _d(x) -> Decimal:
    """A float the reader gave, as the decimal it stands for."""
    return Decimal(repr(float(x)))


def _kode(text: str) -> str:
    return text.split()[0]


@pytest.fixture(scope="module")
def sel_berkas():
    """The export's rows as openpyxl reads them (not kinerja)."""
    ws = openpyxl.load_workbook(EBUDGETING, read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEAD
    return rows[1:]


@pytest.fixture(scope="module")
def nyata():
    out = impor_berkas(EBUDGETING, periksa=True)
    assert out.bacaan is not None and not out.ditolak, [str(m) for m in out.masalah]
    return out


def _jumlah_per_tingkat(rows) -> dict[str, dict[tuple, list]]:
    """Σ JUMLAH and Σ JUMLAH PERUBAHAN per SKPD, program, kegiatan and sub kegiatan, keyed by
    the codes at the start of the cells' text, computed exactly from the cells."""
    depth = {"skpd": 1, "program": 2, "kegiatan": 3, "subkegiatan": 4}
    sums = {t: defaultdict(lambda: [Decimal(0), Decimal(0)]) for t in depth}
    for row in rows:
        for tingkat, d in depth.items():
            key = tuple(_kode(row[i]) for i in range(d))
            for j, col in enumerate((8, 9)):
                amount = _uang(row[col])
                if amount is not None:
                    sums[tingkat][key][j] += amount
    return sums


def _kunci(t: pd.DataFrame, tingkat: str) -> pd.Series:
    cols = ["kode_unit", "kode_program", "kode_kegiatan", "kode_subkegiatan"][:["skpd", "program", "kegiatan",
                                                                                "subkegiatan"].index(tingkat) + 1]
    return pd.Series(list(t[cols].itertuples(index=False, name=None)), index=t.index)


def test_the_real_export_is_recognised_and_its_totals_are_the_files_to_the_sen(nyata, sel_berkas):
    b = nyata.bacaan
    assert nyata.jenis == "sipd-anggaran" and nyata.dikenali
    skpd = b.tabel[b.tabel["tingkat"] == "skpd"]
    murni = sum((_uang(r[8]) or 0 for r in sel_berkas), Decimal(0))
    perubahan = sum((_uang(r[9]) or 0 for r in sel_berkas), Decimal(0))
    assert murni == Decimal("1156925987516") and perubahan == Decimal("1247743534764.44")  # the README's figures
    assert sum(_d(v) for v in skpd["pagu"]) == murni
    assert sum(_d(v) for v in skpd["pagu_perubahan"]) == perubahan
    assert _d(b.info["jumlah_pagu_perubahan"]) == perubahan and b.info["jumlah_pagu"] == float(murni)
    assert len(skpd) == 40 and b.info["baris_data"] == len(sel_berkas) == 3311
    sub = b.tabel[b.tabel["tingkat"] == "subkegiatan"]
    assert len(set(zip(sub["kode_subkegiatan"], sub["nama"]))) == 637 == len({r[3] for r in sel_berkas})
    assert b.info["tahap"] == {"pagu": "murni", "pagu_perubahan": "perubahan"}


@pytest.mark.parametrize("tingkat", ["skpd", "program", "kegiatan", "subkegiatan"])
def test_every_sum_per_level_equals_the_sum_of_the_files_cells(nyata, sel_berkas, tingkat):
    expected = _jumlah_per_tingkat(sel_berkas)[tingkat]
    t = nyata.bacaan.tabel
    level = t[t["tingkat"] == tingkat]
    got = {k: [_d(a), _d(b)] for k, a, b in
           zip(_kunci(level, tingkat), level["pagu"], level["pagu_perubahan"])}
    assert len(got) == len(level) == len(expected)
    assert got == {k: v for k, v in expected.items()}


def test_every_rekening_row_carries_its_cells_and_codes_split_from_the_text(nyata, sel_berkas):
    t = nyata.bacaan.tabel
    rek = t[t["tingkat"] == "rekening"].set_index("baris")
    assert len(rek) == 3311
    for r, row in enumerate(sel_berkas, start=2):
        got = rek.loc[r]
        for col, cell in (("pagu", row[8]), ("pagu_perubahan", row[9])):
            amount = _uang(cell)
            assert (pd.isna(got[col]) if amount is None else _d(got[col]) == amount), (r, col)
        assert f"{got['kode_subkegiatan']} " in f"{row[3]} " and row[0] == f"{got['kode_unit']} - {got['induk']}"
        assert row[1] == f"{got['kode_program']} {got['program']}"
        assert row[2] == f"{got['kode_kegiatan']} {got['kegiatan']}"
    blank = rek[rek["pagu"].isna()]
    assert len(blank) == 24 and blank["catatan"].str.contains("pagu kosong di I").all()  # named per row, not 0


def test_blank_amounts_are_named_at_their_cell_not_read_as_zero(nyata):
    named = [m for m in nyata.masalah if m.kode == "I67"]
    assert named[0].sel == "I433" and named[0].tingkat == "peringatan" and "None" in named[0].pesan
    assert any(m.sel == "J433" for m in named) and "bukan 0" in named[0].pesan


def test_source_cells_of_each_sum(monkeypatch):
    """sel_pagu / sel_pagu_perubahan name the cells each sum was made of (kept by the long table
    once it has those columns; captured here as the reader hands them over)."""
    import kinerja.impor.sipd_jumlah as jumlah

    seen = []
    monkeypatch.setattr(jumlah, "rapikan", lambda rows: seen.extend(rows.to_dict("records")) or rows)
    impor_berkas(EBUDGETING, periksa=True)
    sub = next(r for r in seen if r["tingkat"] == "subkegiatan")
    assert sub["sel_pagu"] == "Sheet1!I2:I5" and sub["sel_pagu_perubahan"] == "Sheet1!J2:J5"
    rek = [r for r in seen if r["tingkat"] == "rekening"]
    assert rek[0]["sel_pagu"] == "Sheet1!I2" and pd.isna(next(r for r in rek if r["baris"] == 433)["sel_pagu"])
    hole = next(r for r in seen if r["tingkat"] == "subkegiatan" and r["baris"] <= 433 and
                r["sel_pagu"] and "I432+I434" in r["sel_pagu"])
    assert "I433" not in hole["sel_pagu"]


def test_the_long_table_writes_both_pagu_to_the_sen(nyata, tmp_path):
    out = tulis_hasil(nyata.bacaan.tabel, tmp_path / "hasil.csv")
    head, *lines = out.read_text(encoding="utf-8").splitlines()
    assert "pagu_perubahan" in head.split(";")
    assert any('"32426546596,13"' in line for line in lines)  # DINAS PENDIDIKAN's first sub kegiatan sums, I10 included


# --- variants made of the real rows ------------------------------------------------------------------


def _varian(path: Path, rows, head=HEAD, order=None, judul: list | None = None, tambah: list | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    order = order or list(range(len(head)))
    for line in judul or []:
        ws.append(line)
    ws.append([head[i] for i in order])
    for row in rows:
        ws.append([row[i] for i in order])
    for row in tambah or []:
        ws.append([row[i] for i in order])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def contoh_baris(sel_berkas):
    """Rows 2–61 of the export (two SKPD-levels deep, with I10's cents): enough for a variant."""
    return [list(r) for r in sel_berkas[:60]]


def _sub(out) -> dict[str, tuple]:
    t = out.bacaan.tabel
    sub = t[t["tingkat"] == "subkegiatan"]
    return {k: (a, b) for k, a, b in zip(sub["kode_subkegiatan"], sub["pagu"], sub["pagu_perubahan"])}


def _periksa(path, **kw):
    out = impor_berkas(path, periksa=True, **kw)
    assert out.bacaan is not None and not out.ditolak, [str(m) for m in out.masalah]
    return out


def _harapan(rows) -> dict[str, tuple]:
    sums = _jumlah_per_tingkat(rows)["subkegiatan"]
    return {k[-1]: (float(v[0]), float(v[1])) for k, v in sums.items()}


def test_columns_moved_read_the_same(tmp_path, contoh_baris):
    order = list(range(10))
    random.Random(22).shuffle(order)
    out = _periksa(_varian(tmp_path / "acak.xlsx", contoh_baris, order=order))
    assert _sub(out) == _harapan(contoh_baris)


def test_jumlah_and_jumlah_perubahan_swapped_stay_with_their_headers(tmp_path, contoh_baris):
    order = [0, 1, 2, 3, 4, 5, 6, 7, 9, 8]
    changed = [r[:9] + [r[9] + 1000 if isinstance(r[9], (int, float)) else r[9]] for r in contoh_baris]
    out = _periksa(_varian(tmp_path / "tukar.xlsx", changed, order=order))
    assert _sub(out) == _harapan(changed)


@pytest.mark.parametrize("head", [
    ["NAMA SKPD", "Nama Program", "Nama Kegiatan", "SUB KEGIATAN", "SUBKELUARAN", "Nama Rekening", "SUMBERDANA",
     "SUMBERDANA PERUBAHAN", "PAGU", "PAGU PERUBAHAN"],
    ["Skpd", "Program", "Kegiatan", "Sub Kegiatan", "Sub Keluaran", "Uraian Belanja", "Sumber Dana", "Sumber Dana P",
     "Sebelum Perubahan", "Setelah Perubahan"],
    ["SKPD", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "SUBKELUARAN", "REKENING", "SUMBERDANA", "SUMBERDANA PERUBAHAN",
     "JUMLAH (Rp)", "JUMLAH PERUBAHAN (Rp)"],
])
def test_header_wording_variants(tmp_path, contoh_baris, head):
    out = _periksa(_varian(tmp_path / "judul.xlsx", contoh_baris, head=head))
    assert _sub(out) == _harapan(contoh_baris)


def test_amounts_in_thousands_are_read_as_whole_rupiah(tmp_path, contoh_baris):
    ribu = [r[:8] + [v / 1000 if isinstance(v, (int, float)) else v for v in r[8:]] for r in contoh_baris]
    head = HEAD[:8] + ["JUMLAH (Rp. 000)", "JUMLAH PERUBAHAN (Rp. 000)"]
    out = _periksa(_varian(tmp_path / "ribu.xlsx", ribu, head=head))
    assert _sub(out) == _harapan(contoh_baris) and out.bacaan.info["pengali"] == 1000
    title = _periksa(_varian(tmp_path / "judul-ribu.xlsx", ribu, judul=[["APBD-P 2023 (dalam ribuan rupiah)"], []]))
    assert _sub(title) == _harapan(contoh_baris) and title.bacaan.tahun == 2023


def test_text_amounts_are_read_the_indonesian_way_and_other_text_refused_at_its_cell(tmp_path, contoh_baris):
    rows = [list(r) for r in contoh_baris]
    rows[0][8], rows[1][9] = "4.950.000,00", "Rp1.200.000"
    out = _periksa(_varian(tmp_path / "teks.xlsx", rows))
    assert _sub(out) == _harapan(contoh_baris)
    rows[2][8] = "delapan juta"
    bad = impor_berkas(_varian(tmp_path / "salah.xlsx", rows), periksa=True)
    assert bad.ditolak and [m.sel for m in bad.masalah if m.kode == "I32"][0] == "I4"


def test_a_blank_amount_is_named_and_a_sum_of_blanks_is_blank(tmp_path, contoh_baris):
    rows = [list(r) for r in contoh_baris]
    for r in rows[:4]:  # the first sub kegiatan (rows 2–5): no murni amount at all
        r[8] = None
    out = _periksa(_varian(tmp_path / "kosong.xlsx", rows))
    first = _sub(out)[_kode(rows[0][3])]
    assert pd.isna(first[0]) and first[1] == 22_500_000
    assert [m.sel for m in out.masalah if m.kode == "I67"][:4] == ["I2", "I3", "I4", "I5"]


def test_a_total_row_is_checked_against_the_rows(tmp_path, contoh_baris):
    murni = sum(_uang(r[8]) or 0 for r in contoh_baris)
    total = [None] * 5 + ["JUMLAH"] + [None] * 2
    good = _periksa(_varian(tmp_path / "total.xlsx", contoh_baris, tambah=[total + [float(murni), None]]))
    assert good.bacaan.info["baris_data"] == 60
    bad = impor_berkas(_varian(tmp_path / "total-salah.xlsx", contoh_baris, tambah=[total + [float(murni) + 1, None]]),
                       periksa=True)
    assert bad.ditolak and next(m for m in bad.masalah if m.kode == "I71").sel == "I62"


def test_a_row_without_its_skpd_or_a_code_under_another_parent_is_refused_at_its_cell(tmp_path, contoh_baris):
    rows = [list(r) for r in contoh_baris]
    rows[5][0] = None
    bad = impor_berkas(_varian(tmp_path / "tanpa-skpd.xlsx", rows), periksa=True)
    assert bad.ditolak and next(m for m in bad.masalah if m.kode == "I68").sel == "A7"
    rows = [list(r) for r in contoh_baris]
    rows[5][3] = contoh_baris[-1][3]  # a sub kegiatan cell moved in from another kegiatan
    shifted = impor_berkas(_varian(tmp_path / "geser.xlsx", rows), periksa=True)
    assert shifted.ditolak and next(m for m in shifted.masalah if m.kode == "I69").sel == "D7"


def test_two_columns_answering_one_field_stop_the_file(tmp_path, contoh_baris):
    head = HEAD[:6] + ["PAGU"] + HEAD[7:]  # SUMBERDANA renamed: two pagu murni columns
    bad = impor_berkas(_varian(tmp_path / "ganda.xlsx", contoh_baris, head=head), periksa=True)
    ganda = [m for m in bad.masalah if m.kode == "I66"]
    assert bad.ditolak and bad.bacaan is None and ganda[0].sel == "I1" and "G1" in ganda[0].pesan


def test_a_realisasi_export_takes_its_document_date_beside_the_sp2d_date(tmp_path, monkeypatch):
    """Two date columns are no clash: Tanggal Dokumen gives the month, as before, and an
    Anggaran column beside Nilai Realisasi is no second realisasi; the sum is exact to the sen."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Nama SKPD", "Nama Program", "Nama Sub Kegiatan", "Tanggal SP2D", "Tanggal Dokumen",
               "Anggaran", "Nilai Realisasi"])
    ws.append(["1", "Dinas Kesehatan", "PROGRAM KESEHATAN", "Imunisasi", "3 Februari 2026", "30 Januari 2026",
               "9.000.000", "1.000.000,10"])
    ws.append(["2", "Dinas Kesehatan", "PROGRAM KESEHATAN", "Imunisasi", "4 Februari 2026", "31 Januari 2026",
               "9.000.000", "2.000.000,20"])
    wb.save(tmp_path / "sipd.xlsx")
    out = _periksa(tmp_path / "sipd.xlsx")
    t = out.bacaan.tabel
    sub = t[t["tingkat"] == "subkegiatan"].set_index("periode")
    assert list(sub.index) == ["B01"] and _d(sub.loc["B01", "realisasi_anggaran"]) == Decimal("3000000.30")
    import kinerja.impor.sipd_jumlah as jumlah  # no code columns: the cells still named per sum

    seen = []
    monkeypatch.setattr(jumlah, "rapikan", lambda rows: seen.extend(rows.to_dict("records")) or rows)
    impor_berkas(tmp_path / "sipd.xlsx", periksa=True)
    assert {r["sel_realisasi_anggaran"] for r in seen} == {"Sheet!H2:H3"}


# --- into the store ----------------------------------------------------------------------------------


def test_both_pagu_enter_the_store_apart_and_documents_use_the_perubahan(tmp_path, sel_berkas):
    from kinerja.analisis import dari_store as analisis

    store = _store_with_bappeda(tmp_path)  # the file's BADAN PERENCANAAN PEMBANGUNAN DAERAH
    no_year = impor_berkas(EBUDGETING, store=store, arsip=tmp_path / "arsip")
    assert no_year.ditolak and any(m.kode == "I11" for m in no_year.masalah)
    out = impor_berkas(EBUDGETING, tahun=2023, store=store, arsip=tmp_path / "arsip")
    assert out.muat is not None and out.muat.status == "dimuat", [str(m) for m in out.masalah]
    lost = [m.pesan for m in out.masalah if m.kode == "I34"]
    assert any("DINAS KESEHATAN" in t and "pagu perubahan Rp" in t for t in lost)
    assert "1 dari 40 SKPD" in lost[-1] and len(lost) == 40
    money = store.current("anggaran", dokumen="sipd-anggaran")
    assert set(money["unit_kode"]) == {"bappeda"} and set(money["tahap"]) == {"murni", "perubahan"}
    sums = _jumlah_per_tingkat(sel_berkas)
    for unit, code in (("bappeda", "5.1.01.0000"),):
        prog = money[(money["unit_kode"] == unit) & money["kegiatan"].isna()]
        for j, tahap in enumerate(("murni", "perubahan")):
            got = sum(_d(v) for v in prog.loc[prog["tahap"] == tahap, "nilai"])
            assert got == sums["skpd"][(code,)][j], (unit, tahap)
    table = analisis.anggaran_program(store, "bappeda", 2023)
    dec = table[table["bulan"] == 12].set_index("program")
    first = dec.loc["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"]
    murni, perubahan = sums["program"][("5.1.01.0000", "5.01.01")]
    assert murni != perubahan and _d(first["pagu"]) == perubahan and first["tahap_pagu"] == "perubahan"


def test_unit_is_refused_for_a_file_of_many_skpd(tmp_path):
    store = _store_with_bappeda(tmp_path)  # the file's BADAN PERENCANAAN PEMBANGUNAN DAERAH
    out = impor_berkas(EBUDGETING, tahun=2023, unit="bappeda", store=store, arsip=tmp_path / "arsip")
    assert out.ditolak and any(m.kode == "I70" and "40 SKPD" in m.pesan for m in out.masalah)
    assert store.current("anggaran").empty


def test_a_version_8_store_gains_the_stage_and_keeps_its_budget_rows(tmp_path):
    from sqlalchemy import inspect

    copy = tmp_path / "v8.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "store-v2.sqlite", copy)
    Store(f"sqlite:///{copy}")  # up to today's version
    with sqlite3.connect(copy) as raw:  # as version 8 wrote it: no stage
        before = raw.execute("SELECT count(*) FROM anggaran").fetchone()[0]
        raw.execute("ALTER TABLE anggaran DROP COLUMN tahap")
        raw.execute("DELETE FROM skema WHERE versi >= 9")  # 10 (lke) adds tables only
    store = Store(f"sqlite:///{copy}")
    assert store.versi == 12 and "tahap" in {c["name"] for c in inspect(store.engine).get_columns("anggaran")}
    rows = store.history("anggaran")
    assert len(rows) == before and rows["tahap"].isna().all()
    assert not store.current("anggaran", unit_kode="dinkes", dokumen="pk", tahun=2026).empty


# --- fuzz: no edit yields an accepted file with a number other than its cells' --------------------------

_EDIT = st.tuples(st.integers(0, 19), st.integers(0, 9),
                  st.one_of(st.none(), st.integers(-10**9, 10**12), st.floats(0, 1e9).map(lambda f: round(f, 2)),
                            st.sampled_from(["None", "-", "lima juta", "1.234.567,89", "JUMLAH", ""]),
                            st.integers(0, 19)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_fuzz_an_edited_export_is_read_from_its_cells_or_refused(tmp_path_factory, contoh_baris, edits):
    """Random edits to 20 real rows (a cell blanked, a number or text typed, another row's cell
    copied in): the file is refused, or every sub kegiatan's sums are its cells' numbers."""
    rows = [list(r) for r in contoh_baris[:20]]
    for r, c, v in edits:
        rows[r][c] = rows[v][c] if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 20 and c < 8 else v
    path = _varian(tmp_path_factory.mktemp("fuzz") / "f.xlsx", rows)
    out = impor_berkas(path, periksa=True)
    if out.ditolak:
        assert out.masalah and not [m for m in out.masalah if m.kode == "I00"], [str(m) for m in out.masalah]
        return
    text = {"1.234.567,89": Decimal("1234567.89")}
    t = out.bacaan.tabel
    rek = t[t["tingkat"] == "rekening"].set_index("baris")
    total = [Decimal(0), Decimal(0)]
    for r, row in enumerate(rows, start=2):
        for j, col in enumerate(("pagu", "pagu_perubahan")):
            v = row[8 + j]
            amount = text.get(v) if isinstance(v, str) else _uang(v)
            got = rek.loc[r, col]
            assert (pd.isna(got) if amount is None else _d(got) == amount), (r, col, v, got)
            total[j] += amount or 0
    skpd = t[t["tingkat"] == "skpd"]
    assert [sum((_d(v) for v in skpd[c].dropna()), Decimal(0)) for c in ("pagu", "pagu_perubahan")] == total
