"""Fuzz tests for every reader: formulir workbooks (cell values, sheet structure, raw bytes)
and user tables (CSV bytes). Whatever hypothesis generates, the readers answer with a result
or a located Indonesian message; nothing raises, nothing is half-loaded, and rule V00 (a
failure inside kinerja itself) never appears."""

import datetime as dt
import os
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell

from conftest import TAHUN, counts
from kinerja.core.capaian import capaian_tabel
from kinerja.core.errors import KinerjaError
from kinerja.formulir.ingest import muat_berkas
from kinerja.store.store import Store
from kinerja.core.berkas import baca_tabel

FUZZ = settings(max_examples=int(os.environ.get("KINERJA_FUZZ", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
FILE_LEVEL = {"V01", "V02", "V45", "V48", "V65", "V66"}  # problems of the whole file: no sheet or cell to name

texts = st.text(max_size=80).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
values = st.one_of(
    st.none(), texts, st.integers(min_value=-10**20, max_value=10**20), st.floats(allow_nan=True),
    st.booleans(), st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
    st.sampled_from(["–", "-", "n/a", "#N/A", "=1/0", "3±1", "80–90", "kurang dari 49", "WTP", "Rp1.500.000,-",
                     "Januari", "JANUARI", "13", "³", "inf", "-0", "1e309", "45/0", "45/50", "0,125", "1.000",
                     "CRAAPK-PD", "RAAPK-PD", "dinkes", "nusa-rekaan", "2026", "2026.5", " ", "\t"]),
)
cells = st.tuples(st.integers(3, 40), st.integers(1, 20))


@pytest.fixture(scope="module")
def base(sampel):
    return {name: (sampel / path).read_bytes() for name, path in
            {"craapk": f"dinkes/CRAAPK_{TAHUN}-03.xlsx", "raapk": f"dinkes/RAAPK_{TAHUN}.xlsx",
             "pk": f"dinkes/PK_{TAHUN}.xlsx", "unit": "00_daftar_unit.xlsx",
             "pohon": f"dinkes/POHON_{TAHUN}.xlsx"}.items()}


def _check(raw: bytes, dasar: Path) -> None:
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        shutil.copy(dasar, folder / "k.sqlite")
        store = Store(f"sqlite:///{folder / 'k.sqlite'}")
        before = counts(store)
        path = folder / "uji.xlsx"
        path.write_bytes(raw)
        hasil = muat_berkas(path, store, folder / "arsip")  # must not raise
        assert hasil.status in ("dimuat", "ditolak", "sama")
        assert not [m for m in hasil.masalah if m.kode == "V00"], [str(m) for m in hasil.masalah]
        if hasil.status == "ditolak":
            assert hasil.galat and counts(store) == before
            for m in hasil.galat:
                assert str(m).startswith("uji.xlsx")
                assert m.kode in FILE_LEVEL or m.lembar, str(m)  # located
        store.engine.dispose()


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@FUZZ
@given(doc=st.sampled_from(["craapk", "raapk", "pk", "unit", "pohon", "pohon/crosscutting"]),
       edits=st.lists(st.tuples(cells, values), max_size=6))
def test_any_cell_values(base, dasar, doc, edits):
    wb = load_workbook(io.BytesIO(base[doc.split("/")[0]]))
    ws = wb.worksheets[1 if doc.endswith("/crosscutting") else 0]
    for (row, col), value in edits:
        cell = ws.cell(row, col)
        if isinstance(cell, MergedCell):  # inside a merged header: Excel itself lets nobody type there
            continue
        cell.value = value
    _check(_save(wb), dasar)


@FUZZ
@given(doc=st.sampled_from(["craapk", "raapk", "pk", "pohon"]),
       ops=st.lists(st.tuples(st.sampled_from(["hapus_baris", "sisip_baris", "hapus_kolom", "sisip_kolom",
                                               "ganti_nama", "hapus_lembar", "salin_lembar", "lembar_kosong"]),
                              st.integers(1, 30)), min_size=1, max_size=3))
def test_any_sheet_structure(base, dasar, doc, ops):
    wb = load_workbook(io.BytesIO(base[doc]))
    for op, n in ops:
        ws = wb.worksheets[0]
        if op == "hapus_baris":
            ws.delete_rows(n)
        elif op == "sisip_baris":
            ws.insert_rows(n)
        elif op == "hapus_kolom":
            ws.delete_cols(min(n, 20))
        elif op == "sisip_kolom":
            ws.insert_cols(min(n, 20))
        elif op == "ganti_nama":
            ws.title = f"Lembar{n}"
        elif op == "hapus_lembar" and len(wb.worksheets) > 1:
            del wb[wb.worksheets[-1].title]
        elif op == "salin_lembar":
            wb.copy_worksheet(ws)
        elif op == "lembar_kosong":
            wb.create_sheet(f"Kosong{n}")
    _check(_save(wb), dasar)


@FUZZ
@given(doc=st.sampled_from(["craapk", "pk"]), cut=st.floats(0, 1),
       flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8))
def test_any_damaged_bytes(base, dasar, doc, cut, flips):
    raw = bytearray(base[doc])
    for where, byte in flips:
        raw[int(where * (len(raw) - 1))] = byte
    if cut < 0.9:
        raw = raw[: int(cut * len(raw))]
    _check(bytes(raw), dasar)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000),
                      st.lists(st.lists(st.one_of(texts, st.sampled_from(["80", "87,5%", "–", "kurang dari 49", "WTP",
                                                                               "=HYPERLINK(\"x\")", '"', "9" * 400])),
                                        min_size=1, max_size=5), max_size=20)
                      .map(lambda rows: "\n".join(";".join(r) for r in [["target", "realisasi"], *rows]).encode()),
                      st.sampled_from(["utf-8", "utf-16", "cp1252"]).map(
                          lambda enc: "target;realisasi\n80;70\n".encode(enc))),
       suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_any_table_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"tabel{suffix}"
        path.write_bytes(data)
        try:
            table = baca_tabel(path)
        except KinerjaError as exc:
            assert str(exc).startswith(path.name) and "Error" not in str(exc)
            return
        try:
            out = capaian_tabel(table, sumber=path.name)
        except KinerjaError as exc:  # e.g. no target column: said, naming the file
            assert path.name in str(exc)
            return
        assert len(out) == len(table)
        assume(len(out))
        finite = out["capaian"].dropna()
        assert (finite.abs() < 1e16).all()  # never inf, never a 400-digit number


# --- kinerja impor: the Renja evaluation reader, SIPD and flat tables ------------------------

_RENJA = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"


@pytest.fixture(scope="module")
def renja_nilai(tmp_path_factory):
    """The real Renja evaluation as values (what Excel would have cached), as bytes."""
    wb = load_workbook(_RENJA, data_only=True)
    out = tmp_path_factory.mktemp("renja") / "nilai.xlsx"
    wb.save(out)
    return out.read_bytes()


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(1, 130), st.integers(1, 36), values), max_size=12),
       drop_rows=st.lists(st.integers(1, 20), max_size=3))
def test_fuzz_renja_reader_never_raises(renja_nilai, edits, drop_rows):
    from kinerja.impor.jalankan import impor_berkas

    wb = load_workbook(io.BytesIO(renja_nilai))
    ws = wb.worksheets[0]
    for r in sorted(set(drop_rows), reverse=True):
        ws.delete_rows(r)
    for r, c, v in edits:
        if isinstance(ws.cell(r, c), MergedCell):
            continue
        ws.cell(r, c).value = v
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "renja.xlsx"
        wb.save(path)
        out = impor_berkas(path, periksa=True)  # must not raise
    assert not [m for m in out.masalah if m.kode == "I00"], [str(m) for m in out.masalah]
    if out.bacaan is not None:
        t = out.bacaan.tabel
        assert t["periode"].isin(["TW1", "TW2", "TW3", "TW4", "tahun"]).all()
        assert not (t.select_dtypes("number").abs() == float("inf")).any().any()


@FUZZ
@given(raw=st.binary(max_size=2_000))
def test_fuzz_impor_of_arbitrary_bytes_is_a_located_refusal(raw):
    from kinerja.impor.jalankan import impor_berkas

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "acak.xlsx"
        path.write_bytes(raw)
        out = impor_berkas(path, periksa=True)
    assert out.ditolak and not [m for m in out.masalah if m.kode == "I00"]


@FUZZ
@given(rows=st.lists(st.tuples(values, values, values), min_size=1, max_size=15))
def test_fuzz_sipd_reader_never_raises(rows):
    from openpyxl import Workbook

    from kinerja.impor.jalankan import impor_berkas

    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama SKPD", "Nama Program", "Nama Sub Kegiatan", "Tanggal Dokumen", "Nilai Realisasi"])
    for i, (a, b, c) in enumerate(rows, 1):
        ws.append([str(i), "Dinas Kesehatan", a, "Sub", b, c])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "sipd.xlsx"
        try:
            wb.save(path)
        except (ValueError, TypeError):
            assume(False)
        out = impor_berkas(path, periksa=True)
    assert not [m for m in out.masalah if m.kode == "I00"], [str(m) for m in out.masalah]


@FUZZ
@given(rows=st.lists(st.tuples(values, values, values, values), min_size=0, max_size=12),
       header=st.lists(texts, min_size=0, max_size=4))
def test_fuzz_flat_table_through_a_mapping_never_raises(rows, header):
    from openpyxl import Workbook

    from kinerja.impor.jalankan import impor_berkas

    wb = Workbook()
    ws = wb.active
    ws.append(header or ["Indikator", "Satuan", "Target", "Realisasi TW I"])
    for row in rows:
        ws.append(list(row))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "tabel.xlsx"
        try:
            wb.save(path)
        except (ValueError, TypeError):
            assume(False)
        mapping = Path(d) / "p.yaml"
        mapping.write_text("kolom:\n  indikator: Indikator\n  satuan: B\n  target: 3\nrealisasi:\n  TW1: Realisasi TW I\n",
                           encoding="utf-8")
        out = impor_berkas(path, "tabel", pemetaan=mapping, periksa=True)
    assert not [m for m in out.masalah if m.kode == "I00"], [str(m) for m in out.masalah]
