"""What was read is traceable (issue #22, item 5): every number of an import's long table names
the cells it came from (``sel_*``), and those cells, read here with openpyxl and not through
kinerja, hold that number; the store keeps the source, ``impor --periksa`` says what it
recognised, and random edits to real files never yield a number its cell does not hold."""

from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string

from kinerja.impor.hasil import KOLOM_SEL
from kinerja.impor.jalankan import impor_berkas
from test_impor import _sipd_realisasi

DATA = Path(__file__).parent / "data" / "impor"
RENJA = DATA / "evaluasi-renja-bappedalitbang-2025.xlsx"


def _angka(v) -> float | None:
    """A cell's number as a reader of Indonesian tables sees it: a number, or text such as
    ``Rp1.234,5``, ``1.500.000`` or ``12,5`` (a dot before three digits groups thousands);
    None for a blank, "-" or text that is no number."""
    if v is None or isinstance(v, (int, float)):
        return v
    text = re.sub(r"^rp\.?\s*", "", str(v).strip(), flags=re.IGNORECASE).removesuffix("%").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None


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


# --- the store keeps each value's source ----------------------------------------------------------


def _sama(cell, row) -> bool:
    """Whether a form's cell holds the stored value: its text as written, or its number."""
    if isinstance(cell, (int, float)) and not pd.isna(row["nilai"]):
        return abs(cell - row["nilai"]) <= 1e-6 * max(1.0, abs(cell))
    return str(cell).strip() == str(row.get("nilai_teks", "")).strip()


def _sel_berkas(path) -> dict[str, object]:
    """Every cell of a workbook by its reference (``Lembar!F12``), cached values, read once."""
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = {f"{ws.title}!{get_column_letter(c)}{r}": v for ws in wb.worksheets
             for r, row in enumerate(ws.iter_rows(values_only=True), 1) for c, v in enumerate(row, 1) if v is not None}
    wb.close()
    return cells


def test_ingest_keeps_the_form_cell_of_every_value(store):
    arsip = store.submissions().set_index("id")["arsip"]  # each file as it was loaded
    books: dict[int, dict] = {}
    checked = 0
    for table in ("target", "realisasi", "anggaran"):
        rows = store.history(table)
        assert rows["sel"].notna().all(), rows.loc[rows["sel"].isna(), ["berkas"]].drop_duplicates()
        for _, row in rows.iterrows():
            sub = int(row["submission_id"])
            if sub not in books:
                books[sub] = _sel_berkas(arsip[sub])
            cells = books[sub]
            sheet, cell = row["sel"].rsplit("!", 1)
            got = cells.get(f"{sheet.strip(chr(39))}!{cell}")
            assert _sama(got, row), (table, row["berkas"], row["sel"], got, row["nilai"])
            checked += 1
    assert checked > 200


def test_an_older_store_gains_the_source_column_and_the_evaluasi_renja_cites_each_cell(tmp_path):
    import shutil
    import sqlite3

    from sqlalchemy import inspect

    from kinerja.store import SCHEMA_VERSION, Store

    copy = tmp_path / "lama.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "store-v2.sqlite", copy)
    with sqlite3.connect(copy) as raw:
        before = raw.execute("SELECT count(*) FROM target").fetchone()[0]
    store = Store(f"sqlite:///{copy}")
    assert store.versi == SCHEMA_VERSION == 12
    for table in ("target", "realisasi", "anggaran"):
        assert "sel" in {c["name"] for c in inspect(store.engine).get_columns(table)}
        assert store.history(table)["sel"].isna().all()  # loaded before: the cell is not known
    assert len(store.history("target")) == before
    units = store.current("unit")
    unit = units.loc[units["jenis"] == "perangkat_daerah", "kode"].iloc[0]
    out = impor_berkas(RENJA, unit=unit, tahun=2025, store=store, arsip=tmp_path / "arsip")
    assert out.muat is not None and out.muat.status == "dimuat", [str(m) for m in out.masalah]
    renja = store.current("target", dokumen="renja", jenis="tahunan")
    assert len(renja) > 50 and renja["sel"].str.fullmatch(r"'Realisasi TW IV'!N\d+").all()
    assert beda_store(RENJA, store) == []
    # the Evaluasi Renja built from it cites each number's file and cell in a lampiran
    import kinerja

    ev = kinerja.evaluasi_renja(store, unit, 2025, 12)
    sumber = ev.sumber()
    assert len(sumber) > 300 and set(sumber["Kolom"]) >= {"(8) K", "(8) Rp", "(9) K", "(12) Rp"}
    wb = openpyxl.load_workbook(RENJA, data_only=True)
    for _, row in sumber.iterrows():
        berkas, ref = row["Sumber"].split(", ", 1)
        assert berkas == RENJA.name and _isi_sel(wb, ref) == pytest.approx(row["Nilai"]), row.to_dict()
    saved = openpyxl.load_workbook(ev.simpan(tmp_path)[0])
    assert saved.sheetnames[1] == "Sumber angka" and saved["Sumber angka"].max_row == len(sumber) + 1
    assert "Sumber" not in [c.value for c in saved.worksheets[0][8]]  # the signed form stays the form
    assert any("lampiran Sumber angka" in n for n in ev.catatan())


def beda_store(path: Path, store) -> list[str]:
    """Every value loaded from ``path`` whose stored cell (read here) does not hold it."""
    wb = openpyxl.load_workbook(path, data_only=True)
    wrong = []
    for table in ("target", "realisasi", "anggaran"):
        rows = store.history(table)
        rows = rows[(rows["berkas"] == path.name) & rows["sel"].notna()]
        for _, row in rows.iterrows():
            got = _isi_sel(wb, row["sel"])
            if got is None or abs(got - row["nilai"]) > 1e-6 * max(1.0, abs(got)):
                wrong.append(f"{table} {row['sel']}: {row['nilai']} tetapi sel berisi {got}")
    return wrong


# --- impor --periksa says what it recognised -------------------------------------------------------


def _periksa(capsys, *args) -> str:
    from kinerja.cli.perintah import main

    main(["impor", "--periksa", *map(str, args)])
    return capsys.readouterr().out


def _tidak_tercetak(out: str, lines: list[str]) -> list[str]:
    """The expected lines that ``out`` does not print."""
    return [line for line in lines if line not in out]


def _rp(v: float) -> str:
    """Rupiah the Indonesian way, written here independently of kinerja: 1.234.567,5."""
    whole, frac = f"{v:,.2f}".split(".")
    return whole.replace(",", ".") + ("" if frac == "00" else "," + frac)


def test_periksa_prints_layout_sheet_header_rows_period_and_sums_of_the_real_renja(capsys):
    out = _periksa(capsys, RENJA)
    assert _tidak_tercetak(out, [
        "jenis: Evaluasi terhadap Hasil Renja (Permendagri 86/2017)", "lembar: Realisasi TW IV; baris judul: 8",
        "pengali Rupiah: tidak ada (angka Rupiah dibaca seperti tertulis)",
        "periode: tahun 2025, triwulan 4 (tahun dari judul formulir; triwulan dari nama lembar)",
        "baris dibaca: 102; baris dilewati: 2", "1 baris jumlah tanpa uraian: baris 113",
        "1 baris awal blok tanda tangan (baris di bawahnya tidak dibaca): baris 116"]) == []
    # the sums equal the form's own total row (113), read here from the file
    ws = openpyxl.load_workbook(RENJA, data_only=True)["Realisasi TW IV"]
    pagu, real = out.split("jumlah pagu:")[1].splitlines()[0], out.split("jumlah realisasi anggaran:")[1].splitlines()[0]
    for level in ("program", "kegiatan", "subkegiatan"):
        assert f"{level} Rp{_rp(ws['O113'].value)} (" in pagu
        assert f"{level} Rp{_rp(ws['AC113'].value)} (" in real


def test_periksa_names_a_sipd_exports_skipped_rows_and_where_its_year_came_from(capsys, tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_realisasi(path)
    out = _periksa(capsys, path)
    assert _tidak_tercetak(out, [
        "jenis: ekspor SIPD realisasi belanja (ekspor realisasi SIPD)", "lembar: Sheet; baris judul: 3",
        "periode: tahun 2025 (tanggal dokumen; bulan dari tanggal dokumen tiap transaksi)",
        "baris dibaca: 4; baris dilewati: 1",
        "1 baris tanpa nomor urut atau tingkatnya (judul, jumlah atau catatan): baris 8"]) == []
    ws = openpyxl.load_workbook(path)["Sheet"]
    total = sum(_angka(ws[f"O{r}"].value) for r in range(4, 8))
    assert f"skpd Rp{_rp(total)} (" in out.split("jumlah realisasi anggaran:")[1]


# --- a refused command leaves no store behind ------------------------------------------------------


@pytest.mark.parametrize("args", [["ingest", RENJA], ["impor", RENJA, "--unit", "bappeda"],
                                  ["impor", "--periksa", RENJA], ["impor", DATA / "ebudgeting-apbd-perubahan-2023.xlsx"]],
                         ids=["ingest-bukan-formulir", "impor-tanpa-basis-data", "impor-periksa", "impor-ditolak"])
def test_a_refused_or_checking_command_leaves_no_store_or_lock_behind(args, tmp_path, capsys):
    from kinerja.cli.perintah import main

    db = tmp_path / "baru" / "k.sqlite"
    code = main([*map(str, args), "--db", f"sqlite:///{db}"])
    capsys.readouterr()
    assert code in (0, 1, 2)
    assert list(tmp_path.iterdir()) == []  # no store, no .kunci, no journal, no folder made for them


# --- fuzz: no random edit yields an accepted number its cell does not hold --------------------------

# A Renja example reads a 100-row form (~0,7 s); the synthetic exports are cheap: more of them.
FUZZ = settings(max_examples=int(os.environ.get("KINERJA_FUZZ_JEJAK", "6")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FUZZ_MURAH = settings(FUZZ, max_examples=4 * FUZZ.max_examples)
_ISI = st.one_of(st.none(), st.integers(-5, 10**9), st.floats(-1e6, 1e12, allow_nan=False),
                 st.sampled_from(["abc", "-", " ", "1.234,5", "Rp1.500.000", "12,5", "7.5", "2.000"]))


def _suntingan(baris: tuple[int, int], kolom: tuple[int, int]):
    """Random edits of a sheet: a cell given a value (a number, text, a blank), a row or a
    column inserted."""
    return st.lists(st.one_of(
        st.tuples(st.just("sel"), st.integers(*baris), st.integers(*kolom), _ISI),
        st.tuples(st.just("baris"), st.integers(*baris), st.just(0), st.none()),
        st.tuples(st.just("kolom"), st.integers(1, kolom[1]), st.just(0), st.none())), max_size=6)


def _sunting(ws, edits) -> None:
    from openpyxl.cell.cell import MergedCell

    for what, r, c, v in edits:
        if what == "baris":
            ws.insert_rows(r)
        elif what == "kolom":
            ws.insert_cols(r)
        elif not isinstance(ws.cell(r, c), MergedCell):
            ws.cell(r, c).value = v


def _periksa_hasil(path: Path, out, semua_bersel: tuple[str, ...]) -> None:
    """The invariant: refused with located reasons and no program error, or every number named
    by its cells (read here) and held by them; the columns ``semua_bersel`` never without cells."""
    assert not [m for m in out.masalah if m.kode in ("I00", "V00")], [str(m) for m in out.masalah]
    if out.ditolak or out.bacaan is None:
        assert [m for m in out.masalah if m.tingkat == "galat"]
        return
    t = out.bacaan.tabel
    assert beda_sel(path, t) == []
    for col in semua_bersel:
        assert t.loc[t[col].notna(), KOLOM_SEL[col]].notna().all(), col


@pytest.fixture(scope="module")
def renja_nilai(tmp_path_factory) -> bytes:
    """The real Renja evaluation with its values pasted over its formulas (what Excel cached)."""
    out = tmp_path_factory.mktemp("renja") / "nilai.xlsx"
    openpyxl.load_workbook(RENJA, data_only=True).save(out)
    return out.read_bytes()


@FUZZ
@given(edits=_suntingan((9, 114), (1, 34)))
def test_fuzz_renja_edits_never_yield_a_number_its_cell_does_not_hold(renja_nilai, edits, tmp_path):
    import io

    wb = openpyxl.load_workbook(io.BytesIO(renja_nilai))
    _sunting(wb.worksheets[0], edits)
    path = tmp_path / "renja.xlsx"
    wb.save(path)
    _periksa_hasil(path, impor_berkas(path, periksa=True, tahun=2025), ("target", "pagu", "realisasi_anggaran"))


@FUZZ_MURAH
@given(edits=_suntingan((3, 9), (1, 17)))
def test_fuzz_sipd_edits_never_yield_a_sum_its_cells_do_not_hold(edits, tmp_path):
    path = tmp_path / "sipd.xlsx"
    _sipd_realisasi(path)
    wb = openpyxl.load_workbook(path)
    _sunting(wb.active, edits)
    wb.save(path)
    _periksa_hasil(path, impor_berkas(path, periksa=True), ("realisasi_anggaran",))


@FUZZ_MURAH
@given(edits=_suntingan((1, 5), (1, 8)))
def test_fuzz_flat_table_edits_never_yield_a_number_its_cell_does_not_hold(edits, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Indikator", "Satuan", "Target", "Pagu", "Realisasi TW I", "Realisasi TW II", "Anggaran TW II"])
    ws.append(["IK-1", "Persentase desa mandiri", "%", "40", "1.500.000", "35,5", 38.25, 700000])
    ws.append(["IK-2", "Jumlah pelatihan", "kegiatan", 12, None, 3, "4", "Rp250.000"])
    _sunting(ws, edits)
    path = tmp_path / "tabel.xlsx"
    wb.save(path)
    mapping = tmp_path / "p.yaml"
    mapping.write_text("kolom: {kode: Kode, indikator: Indikator, satuan: Satuan, target: Target, pagu: Pagu}\n"
                       "realisasi: {TW1: Realisasi TW I, TW2: Realisasi TW II}\n"
                       "realisasi_anggaran: {TW2: Anggaran TW II}\n", encoding="utf-8")
    out = impor_berkas(path, "tabel", pemetaan=mapping, tahun=2025, periksa=True)
    _periksa_hasil(path, out, ("target", "pagu", "realisasi", "realisasi_anggaran"))


def test_periksa_of_an_apbd_p_export_prints_both_pagu_and_asks_for_the_year(capsys):
    """Found by an independent tester: only the murni total was printed, and the year showed as "?"."""
    from kinerja.cli.perintah import main

    main(["impor", "--periksa", str(DATA / "ebudgeting-apbd-perubahan-2023.xlsx")])
    out = capsys.readouterr().out
    assert "tahun tidak disebut berkas (sebutkan --tahun)" in out and "bercatatan" not in out.splitlines()[0]
    assert "jumlah pagu (murni): rekening Rp1.156.925.987.516 " in out
    assert "jumlah pagu perubahan: rekening Rp1.247.743.534.764,44 " in out
