"""Every CSV, .xlsx and YAML kinerja writes is inert (issue #26, deliver 2).

Names, sheet names, file names, headers and catatan that look like spreadsheet formulas
(``=HYPERLINK(…)``, ``@SUM(…)``, ``-1+1``, ``;=1+1`` …) go through every writer; each output
is then opened the way a spreadsheet would open it, splitting a CSV on ``;`` (an Indonesian
Excel) and on ``,`` (an English one), and no cell may be a formula or begin like one. A
mapping drafted by ``kinerja impor --buat-pemetaan`` from hostile sheet names and headers
reads back exactly, with no key added.
"""

import csv
import io
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from openpyxl import Workbook, load_workbook

from kinerja.cli import main
from kinerja.core.berkas import baca_tabel, tulis_csv
from kinerja.core.parsing import parse_number
from kinerja.dokumen.pengesahan import TandaTangan, tambah_pernyataan_xlsx
from kinerja.formulir.daftar import cari_formulir
from kinerja.formulir.templat import tulis_formulir
from kinerja.impor.lembar import Grid
from kinerja.impor.tabel import buat_pemetaan, muat_pemetaan

RUMUS = ['=HYPERLINK("http://contoh.invalid","y")', "@SUM(1)", "+1+1", "-1+1", "\t=1", ";=1+1", "Dinas;=1+1",
         "Dinas,-1+HYPERLINK(1)", "baris\n=1+1", "\uff1d1+1", '"=1+1"']
_PEMICU = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _hidup(sel: str) -> bool:
    """A cell a spreadsheet would run: it begins with a formula sign and is not a number."""
    return sel.startswith(_PEMICU) and not re.fullmatch(r"[+-]?[\d.,]+\s*%?|[+-]", sel)


def cek_csv(teks: str) -> int:
    """Every cell of ``teks`` split on ``;`` and on ``,`` is inert; returns how many were seen."""
    seen = 0
    for pemisah in ";,":
        for row in csv.reader(io.StringIO(teks), delimiter=pemisah):
            live = [sel for sel in row if _hidup(sel)]
            assert not live, (pemisah, live, row)
            seen += len(row)
    return seen


def cek_xlsx(path: Path) -> None:
    """No formula anywhere in the workbook."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, (path, name)
    for ws in load_workbook(path).worksheets:
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"], (path, ws.title)


def cek(path: Path) -> None:
    assert path.exists(), path
    if path.suffix.lower() == ".csv":
        assert cek_csv(path.read_text(encoding="utf-8")) > 0
    else:
        cek_xlsx(path)


@pytest.mark.parametrize("dtype", [object, "str", "string", "category"])
def test_csv_neutralises_text_of_every_dtype_and_the_header(dtype):
    data = pd.DataFrame({'=HYPERLINK("http://x","judul")': pd.Series(RUMUS, dtype=dtype),
                         "nilai": [-1.5] * len(RUMUS)})
    out = io.StringIO()
    tulis_csv(data, out)
    assert cek_csv(out.getvalue()) >= 2 * len(RUMUS)
    row = next(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert row == ["'=HYPERLINK(\"http://x\",\"judul\")", "nilai"]


def test_csv_numbers_and_text_read_back_by_kinerja(tmp_path):
    angka = [-1.5, 1 / 3, 1.234, 1234.5, 1e-7, 1e20, -27.24, 0.0, 123456789.123, 2.0, float("nan")]
    teks = ["-", "-27,24", "+5%", "Dinas Kesehatan", "Cakupan, desa", 'kutip "x"', *RUMUS[:5]]
    data = pd.DataFrame({"teks": teks, "angka": angka, "bulat": pd.array(range(len(angka)), dtype="Int64") - 3})
    path = tmp_path / "bolak-balik.csv"
    tulis_csv(data, path)
    raw = path.read_text(encoding="utf-8")
    assert raw.splitlines()[0] == "teks;angka;bulat"
    assert '"-1,5";-3' in raw and "'-1,5" not in raw and "'-27,24" not in raw  # negative numbers stay numbers
    back = baca_tabel(path)
    got = [parse_number(v, "koma") for v in back["angka"]]
    assert [g[0] for g in got[:-1]] == angka[:-1] and not any(g[1] for g in got[:-1]) and back["angka"].iloc[-1] == ""
    assert back["bulat"].tolist() == [str(i - 3) for i in range(len(angka))]
    assert back["teks"].tolist()[:6] == teks[:6]  # text that is not a formula is kept exactly
    assert back["teks"].tolist()[6:] == ["'" + t for t in RUMUS[:5]]


def _tabel_bermusuhan(folder: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "@SUM(1)"
    ws.append(["Kode Indikator", "Indikator Kinerja", "Satuan", "Target 2025", "Realisasi TW I", "Realisasi TW II",
               "Kendala", "Solusi"])
    for i, nama in enumerate(RUMUS):
        ws.append([f"IK-{i}", nama, "%", "40", "35,5", -3, "terlambat;=1+1", "@A1, -2+3"])
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    path = folder / "=HYPERLINK(1);-1+1.xlsx"
    wb.save(path)
    return path


def test_impor_writes_names_sheet_file_and_catatan_inert(tmp_path, capsys):
    source = _tabel_bermusuhan(tmp_path)
    mapping = tmp_path / "pemetaan.yaml"
    assert main(["impor", str(source), "--buat-pemetaan", str(mapping)]) == 0
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"hasil{suffix}"
        assert main(["impor", str(source), "--jenis", "tabel", "--pemetaan", str(mapping), "--tahun", "2025",
                     "--periksa", "-o", str(out)]) == 0, capsys.readouterr().err
        cek(out)
    hasil = baca_tabel(tmp_path / "hasil.csv")
    assert "'" + RUMUS[0] in set(hasil["indikator"]) and not any(map(_hidup, hasil["indikator"]))
    assert hasil["catatan"].str.endswith("Faktor penghambat: terlambat;'=1+1; Upaya: @A1, '-2+3").all()
    assert hasil["lembar"].iloc[0] == "'@SUM(1)" and hasil["berkas"].iloc[0] == "'=HYPERLINK(1);'-1+1.xlsx"
    assert load_workbook(tmp_path / "hasil.xlsx").active["J2"].value == RUMUS[0]  # .xlsx keeps the text exactly


def test_capaian_writes_every_output_inert(tmp_path, capsys):
    source = tmp_path / "masuk.xlsx"
    wb = Workbook()
    wb.active.append(["indikator", "target", "realisasi", "=HYPERLINK(\"http://x\",\"judul\")"])
    for nama in RUMUS:
        wb.active.append([nama, 100, 90, nama])
    for row in wb.active.iter_rows():
        for cell in row:
            cell.data_type = "s" if cell.data_type == "f" else cell.data_type
    wb.save(source)
    for suffix in (".csv", ".xlsx"):
        assert main(["capaian", str(source), "-o", str(tmp_path / f"hasil{suffix}")]) == 0
        cek(tmp_path / f"hasil{suffix}")
    capsys.readouterr()
    assert main(["capaian", str(source)]) == 0
    assert cek_csv(capsys.readouterr().out) > 0


@pytest.fixture
def store_bermusuhan(dasar, tmp_path):
    """A copy of the sample store whose unit and indicator names are formulas."""
    path = tmp_path / "k.sqlite"
    shutil.copy(dasar, path)
    with sqlite3.connect(path) as db:
        for table in ("unit", "indikator"):
            ids = [r[0] for r in db.execute(f"SELECT rowid FROM {table}")]
            for i, rowid in enumerate(ids):
                db.execute(f"UPDATE {table} SET nama = ? WHERE rowid = ?", (RUMUS[i % len(RUMUS)] + f" {i}", rowid))
    return f"sqlite:///{path}"


@pytest.mark.parametrize("perintah,args", [
    ("kepatuhan", ["--tahun", "2026", "--bulan", "3"]),
    ("peringkat", ["--tahun", "2026", "--bulan", "3"]),
    ("keselarasan", ["--tahun", "2026", "--bulan", "3"]),
    ("peringatan-dini", ["--tahun", "2026", "--bulan", "6", "--semua"]),
])
def test_store_commands_write_names_inert(perintah, args, store_bermusuhan, tmp_path, capsys):
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"{perintah}{suffix}"
        assert main([perintah, *args, "--db", store_bermusuhan, "-o", str(out)]) == 0, capsys.readouterr().err
        cek(out)
    text = (tmp_path / f"{perintah}.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text or "'@SUM(1)" in text or "'-1+1" in text, text[:400]


def test_workbooks_built_from_names_hold_no_formula(tmp_path):
    f = cari_formulir("pk", "perangkat_daerah")
    fields = f.fields()
    rows = [{k: RUMUS[(i + j) % len(RUMUS)] for j, k in enumerate(fields)} for i in range(4)]
    pk = tulis_formulir(f, tmp_path / "pk.xlsx", unit=RUMUS[1], tahun=2026, baris=rows, subjudul=RUMUS[0])
    tambah_pernyataan_xlsx(pk, RUMUS[0], RUMUS, TandaTangan([[RUMUS[1], "", RUMUS[2]], [RUMUS[3], "", RUMUS[4]]]))
    cek_xlsx(pk)
    values = {c.value for ws in load_workbook(pk).worksheets for row in ws.iter_rows() for c in row}
    assert set(RUMUS) <= values  # kept exactly, as text


HOSTILE_LEMBAR = "Data\n- kolom # x 'q\" \u00fcn\u00ef"
HOSTILE_JUDUL = ["Kode: indikator", "Indikator\nkinerja: x", "# Satuan", "Target 'T'", "- Realisasi TW I",
                 'Realisasi "TW II"', "Kendala \u2013 \u00fc"]


def test_mapping_round_trips_hostile_sheet_names_and_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = HOSTILE_LEMBAR
    ws.append(HOSTILE_JUDUL)
    ws.append(["IK-1", "Persentase desa mandiri", "%", 40, 35.5, 38.25, "Data terlambat"])
    source = tmp_path / "tabel.xlsx"
    wb.save(source)
    mapping = tmp_path / "p.yaml"
    assert main(["impor", str(source), "--buat-pemetaan", str(mapping)]) == 0
    doc = muat_pemetaan(mapping)
    assert doc["lembar"] == HOSTILE_LEMBAR and set(doc) == {"lembar", "baris_judul", "kolom", "realisasi",
                                                              "realisasi_anggaran"}
    assert doc["realisasi"] == {"TW1": "- Realisasi TW I", "TW2": 'Realisasi "TW II"'}
    assert doc["kolom"]["kode"] == "Kode: indikator" and doc["kolom"]["kendala"] == "Kendala \u2013 \u00fc"
    out = tmp_path / "hasil.csv"
    assert main(["impor", str(source), "--jenis", "tabel", "--pemetaan", str(mapping), "--tahun", "2025",
                 "--periksa", "-o", str(out)]) == 0
    assert baca_tabel(out)["indikator"].iloc[0] == "Persentase desa mandiri"


@pytest.mark.parametrize("lembar", ["Data\nkolom: {}\nrealisasi: {TW4: Z}", "x\n---\ny", "#\n? lembar",
                                    "'\"\n  - [", "\u2028baris\u2029", "\n%YAML 1.1"])
def test_mapping_file_takes_no_key_from_a_sheet_name(lembar, tmp_path):
    grid = Grid(lembar, {(1, c): f"Judul {c}" for c in range(1, 4)} | {(1, 4): "Indikator", (1, 5): "Realisasi TW I"},
                baris_maks=1, kolom_maks=5)
    path = buat_pemetaan([grid], tmp_path / "p.yaml")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc == {"lembar": lembar, "baris_judul": 1, "kolom": {"indikator": "Indikator"},
                   "realisasi": {"TW1": "Realisasi TW I"}, "realisasi_anggaran": {}}
