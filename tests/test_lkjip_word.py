"""The LKjIP a unit wrote itself in Word: read whatever its layout, compared with the store
value by value (issue 24, item 1), and never a traceback on a bad or hostile file."""

import io
import re
import random
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from docx import Document

from conftest import BULAN
from kinerja.contoh.lkjip_word import KESALAHAN_WORD, tulis_lkjip_word, tulis_lkjip_word_sampel
from kinerja.core.errors import KinerjaError
from kinerja.evaluasi import _word_docx
from kinerja.evaluasi.lkjip_word import KOLOM_TEMUAN, baca_lkjip_word, bandingkan_lkjip

TAHUN = 2026


def _docx(path: Path, tables: list[list[list[str]]], judul: str = "Tabel 3.1") -> Path:
    doc = Document()
    for rows in tables:
        doc.add_paragraph(judul)
        t = doc.add_table(rows=0, cols=len(rows[0]))
        for r in rows:
            for c, v in zip(t.add_row().cells, r):
                c.text = v
    doc.save(str(path))
    return path


def _kunci(df: pd.DataFrame) -> set:
    return {(r.butir, r.tabel, None if pd.isna(r.baris) else int(r.baris), r.indikator) for r in df.itertuples()}


def test_each_deliberate_fault_of_the_sample_is_found_at_its_table_and_row(store, tmp_path):
    path = tmp_path / "lkjip-dinkes.docx"
    faults = tulis_lkjip_word(store, path, "dinkes", TAHUN)
    assert [k.nama for k in faults] == [k.nama for k in KESALAHAN_WORD] and len(faults) == 8
    found = bandingkan_lkjip(path, store, "dinkes", TAHUN)
    assert list(found.columns) == KOLOM_TEMUAN
    assert {type(b) for b in found["baris"]} == {int, type(None)}  # plain values: "if baris" never raises
    assert _kunci(found) == {(k.butir, k.tabel, k.baris, k.indikator) for k in faults}, found.to_string()
    by = {k.nama: found[(found["tabel"] == k.tabel) & (found["butir"] == k.butir)
                        & (found["indikator"] == k.indikator)].iloc[0] for k in faults}
    assert "polaritas positif" in by["capaian-polaritas-terbalik"]["uraian"]  # the wrong formula is named
    assert by["indikator-berganti-nama"]["tertulis"].startswith("Prevalensi")
    assert by["pagu-beda"]["seharusnya"].startswith("Rp") and "pagu" in by["pagu-beda"]["uraian"]
    kum_real = by["realisasi-beda-dari-craapk"]
    assert float(kum_real["tertulis"]) == float(kum_real["seharusnya"]) + 1


def test_an_unfaulted_word_lkjip_written_from_the_store_finds_nothing(store, tmp_path):
    path = tmp_path / "bersih.docx"
    assert tulis_lkjip_word(store, path, "dinkes", TAHUN, salah=False) == []
    found = bandingkan_lkjip(path, store, "dinkes", TAHUN)
    assert found.empty, found.to_string()
    b = baca_lkjip_word(path, TAHUN)
    assert len(b.pengukuran) == 3 and b.masalah == []  # a table continued without its header is read on
    assert b.pengukuran["tabel"].tolist() == ["Tabel 1", "Tabel 1", "Tabel 2"]


def test_the_kabupaten_written_clean_finds_nothing_for_every_kind_of_indicator(store, tmp_path):
    path = tmp_path / "kab.docx"
    tulis_lkjip_word(store, path, "nusa-rekaan", TAHUN, salah=False)
    assert len(baca_lkjip_word(path, TAHUN).pengukuran) == 8  # every polaritas and agregasi of the sample
    found = bandingkan_lkjip(path, store, "nusa-rekaan", TAHUN)
    assert found.empty, found.to_string()


def test_kinerja_sample_writes_the_faulty_word_lkjip_beside_the_workbooks(sampel, store, tmp_path):
    import shutil

    folder = tmp_path / "sampel"
    (folder / "dinkes").mkdir(parents=True)
    files = [Path(shutil.copy(sampel / "00_daftar_unit.xlsx", folder))]
    files += [Path(shutil.copy(f, folder / "dinkes")) for f in (sampel / "dinkes").glob("*.xlsx")]
    path = tulis_lkjip_word_sampel(files, folder, TAHUN, BULAN)
    assert path == folder / "dinkes" / f"LKjIP_{TAHUN}_dinkes.docx"
    assert len(bandingkan_lkjip(path, store, "dinkes", TAHUN)) == len(KESALAHAN_WORD)


# kinerja's own LKjIP .docx of the unit finds nothing: asserted in tests/test_dokumen.py
# (test_an_adapted_lkjip_changes_html_pdf_and_word_alike), which already runs its notebook.


def test_columns_in_any_order_with_indonesian_numbers_and_two_header_rows(tmp_path):
    rows = [["No", "Sasaran Strategis", "Capaian (%)", "Realisasi", "Target", "Target", "Indikator Kinerja", "Satuan"],
            ["", "", "", "", "Tahunan", "s.d. Triwulan III", "", ""],
            ["Sasaran 1: Meningkatnya derajat kesehatan"] * 8,
            ["1", "", "95,3 %", "1.234,56", "1.300", "1.296", "Jumlah kunjungan", "orang"],
            ["", "", "", "", "", "", "", ""]]
    b = baca_lkjip_word(_docx(tmp_path / "a.docx", [rows]))
    assert b.masalah == []
    r = b.pengukuran.iloc[0]
    assert (r["indikator"], r["target"], r["target_periode"], r["realisasi"], r["capaian"], r["baris"]) == (
        "Jumlah kunjungan", "1.300", "1.296", "1.234,56", "95,3 %", 4)
    assert r["sasaran"] == "Meningkatnya derajat kesehatan"  # a sasaran written as a row across the table


def test_an_indicator_named_jumlah_stays_an_indicator_and_a_header_needs_no_numbers(tmp_path):
    rows = [["Indikator Kinerja", "Target", "Realisasi"], ["Jumlah dokumen perencanaan", "4", "4"],
            ["Rata-rata lama sekolah", "8,18", "8,25"], ["Jumlah", "12,18", "12,25"]]
    # a continued table whose first row holds title words ("Perencanaan", "Realisasi") and numbers is data
    more = [["Indeks perencanaan dan realisasi", "79,20", "76,43"]]
    b = baca_lkjip_word(_docx(tmp_path / "j.docx", [rows, more]))
    assert b.pengukuran["ringkasan"].tolist() == [False, False, True, False]
    assert b.pengukuran["tabel"].tolist()[-1] == "Tabel 2"


def test_a_table_of_kinerja_and_anggaran_side_by_side(tmp_path):
    rows = [["Indikator Kinerja", "Kinerja", "Kinerja", "Kinerja", "Anggaran", "Anggaran", "Anggaran"],
            ["", "Target", "Realisasi", "%", "Pagu", "Realisasi", "%"],
            ["IK", "90", "85", "94,44", "1.000.000", "900.000", "90,00"]]
    b = baca_lkjip_word(_docx(tmp_path / "k.docx", [rows]))
    assert b.masalah == [] and b.pengukuran.iloc[0][["target", "realisasi", "capaian"]].tolist() == ["90", "85", "94,44"]


def test_a_budget_table_with_rupiah_and_a_total_row(tmp_path):
    rows = [["Program", "Anggaran (Rp)", "Realisasi Anggaran", "Penyerapan (%)"],
            ["Program A", "Rp1.234.000", "Rp1.000.000", "81,04"], ["Jumlah", "Rp1.234.000", "Rp1.000.000", "81,04"]]
    b = baca_lkjip_word(_docx(tmp_path / "b.docx", [rows]))
    assert b.anggaran[["program", "pagu", "realisasi_anggaran", "persen", "ringkasan"]].values.tolist() == [
        ["Program A", "Rp1.234.000", "Rp1.000.000", "81,04", False], ["Jumlah", "Rp1.234.000", "Rp1.000.000", "81,04", True]]


def test_a_value_column_of_another_year_is_passed_over_when_the_year_is_known(tmp_path):
    rows = [["Indikator Kinerja Kabupaten", "Realisasi 2025", "Target RPJMD", "Target 2026", "Realisasi 2026"],
            ["IK", "80", "95", "90", "85"]]
    path = _docx(tmp_path / "c.docx", [rows])
    assert baca_lkjip_word(path, 2026).pengukuran.iloc[0][["indikator", "target", "realisasi"]].tolist() == [
        "IK", "90", "85"]  # the RPJMD's end target is not the year's
    unknown = baca_lkjip_word(path)  # without the year the two realisasi columns are ambiguous: named, not guessed
    assert unknown.pengukuran.empty and [m.kode for m in unknown.masalah] == ["W05"]
    assert "Realisasi 2025" in unknown.masalah[0].pesan and unknown.masalah[0].lembar == "Tabel 1"


def test_unmappable_tables_and_unreadable_numbers_are_named_where_they_are(tmp_path):
    no_indicator = [["Uraian", "Target", "Realisasi", "Capaian"], ["x", "1", "2", "3"]]
    bad_number = [["Indikator Kinerja", "Target", "Realisasi"], ["IK", "90", "95.3"]]
    other = [["Golongan", "Jumlah (orang)"], ["I", "2"]]
    levels = [["Indikator Kinerja", "Satuan", "Pemerintah Kabupaten", "Perangkat Daerah", "Realisasi Perangkat Daerah"],
              ["Angka kemiskinan", "%", "9,1", "Bappeda", "9,3"]]  # kinerja's table of two levels: not the unit's
    b = baca_lkjip_word(_docx(tmp_path / "d.docx", [no_indicator, bad_number, other, levels]))
    assert [(m.kode, m.lembar, m.sel) for m in b.masalah] == [("W05", "Tabel 1", "baris 1"), ("W06", "Tabel 2", "baris 2")]
    assert "\u201c95.3\u201d" in b.masalah[1].pesan and "Realisasi" in b.masalah[1].pesan
    assert b.tabel["jenis"].tolist() == ["diabaikan", "pengukuran", "diabaikan", "diabaikan"]
    assert any("d.docx, Tabel 2, baris 2" in s for s in b.pesan())


def test_capaian_equal_at_the_precision_written(store, tmp_path):
    from kinerja.analisis import dari_store as analisis
    from kinerja.core.formatting import format_angka
    from kinerja.core.predikat import DEFAULT_SKALA, muat_skala

    bulan = analisis.bulan_terakhir(store, TAHUN)
    kum = analisis.capaian_kumulatif(store, "dinkes", TAHUN, bulan, muat_skala(DEFAULT_SKALA))
    rows = [["Indikator Kinerja", "Target s.d. Maret", "Realisasi", "Capaian (%)"]]
    for s in kum.itertuples():
        rows.append([s.indikator, format_angka(s.target, 2), format_angka(s.realisasi, 2), format_angka(s.capaian, 1)])
    path = _docx(tmp_path / "e.docx", [rows])
    no_budget = [["I.6", "", None]]  # this document has no budget table: said, not passed over
    assert bandingkan_lkjip(path, store, "dinkes", TAHUN)[["butir", "tabel", "baris"]].values.tolist() == no_budget
    rows[1][3] = format_angka(kum["capaian"].iloc[0] + 0.2, 1)  # one decimal off: found
    found = bandingkan_lkjip(_docx(tmp_path / "f.docx", [rows]), store, "dinkes", TAHUN)
    assert found[["butir", "tabel", "baris"]].values.tolist() == [["I.3", "Tabel 1", 2]] + no_budget


# --- bad and hostile files --------------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _kode(path: Path) -> list[str]:
    b = baca_lkjip_word(path)
    assert b.pengukuran.empty and b.ditolak
    return [m.kode for m in b.masalah]


def test_not_a_docx_a_doc_and_a_macro_document_are_refused(tmp_path):
    (tmp_path / "teks.docx").write_text("bukan dokumen")
    (tmp_path / "lama.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert _kode(tmp_path / "teks.docx") == ["W01"] and _kode(tmp_path / "lama.docx") == ["W01"]
    assert "Word 97" in baca_lkjip_word(tmp_path / "lama.docx").masalah[0].pesan
    _docx(tmp_path / "m.docm", [[["Indikator", "Target"], ["a", "1"]]])
    assert _kode(tmp_path / "m.docm") == ["W02"]
    good = _docx(tmp_path / "g.docx", [[["Indikator", "Target"], ["a", "1"]]])
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    assert _kode(_zip(tmp_path / "vba.docx", members | {"word/vbaProject.bin": b"\0" * 10})) == ["W02"]
    dtd = members | {"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                     + members["word/document.xml"].split(b"?>", 1)[1]}
    assert _kode(_zip(tmp_path / "dtd.docx", dtd)) == ["W01"]
    assert _kode(_zip(tmp_path / "kosong.docx", {"a.txt": b"x"})) == ["W01"]
    with pytest.raises(KinerjaError, match="W01"):
        bandingkan_lkjip(tmp_path / "teks.docx", None, "dinkes", TAHUN)


def test_a_zip_bomb_and_a_huge_table_stop_at_the_limits(tmp_path, monkeypatch):
    good = _docx(tmp_path / "g.docx", [[["Indikator", "Target"], ["a", "1"]]])
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    monkeypatch.setattr(_word_docx, "BATAS_ISI", 2 * 1024 * 1024)
    bomb = members | {"word/media/bom.xml": b"\0" * (3 * 1024 * 1024)}
    assert _kode(_zip(tmp_path / "bom.docx", bomb)) == ["W03"]
    monkeypatch.setattr(_word_docx, "BATAS_XML", 1024 * 1024)
    big = members | {"word/document.xml": members["word/document.xml"] + b" " * (1024 * 1024)}
    assert _kode(_zip(tmp_path / "xml.docx", big)) == ["W03"]
    monkeypatch.setattr(_word_docx, "BATAS_BARIS", 50)
    rows = [["Indikator", "Target"]] + [[f"IK {i}", "1"] for i in range(60)]
    b = baca_lkjip_word(_docx(tmp_path / "besar.docx", [rows]))
    assert [(m.kode, m.lembar) for m in b.masalah][:1] == [("W03", "Tabel 1")] and b.pengukuran.empty


def test_fuzzed_docx_never_raises(tmp_path):
    good = _docx(tmp_path / "g.docx", [[["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"],
                                         ["1", "IK", "90", "85", "94,44"]]]).read_bytes()
    rng = random.Random(24)
    for i in range(40):
        raw = bytearray(good)
        if i % 4 == 0:
            raw = raw[: rng.randrange(len(raw))]
        else:
            for _ in range(rng.randint(1, 20)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        path = tmp_path / f"f{i}.docx"
        path.write_bytes(bytes(raw))
        b = baca_lkjip_word(path)  # never raises
        assert all(m.kode.startswith("W") for m in b.masalah)


def test_hostile_text_in_a_table_stays_text(tmp_path, store):
    rows = [["Indikator Kinerja", "Target", "Realisasi"], ["=HYPERLINK(\"http://x\")<script>", "1", "2"]]
    found = bandingkan_lkjip(_docx(tmp_path / "h.docx", [rows]), store, "dinkes", TAHUN)
    extra = found[found["tertulis"].str.startswith("=HYPERLINK", na=False)]
    assert len(extra) == 1 and extra["baris"].iloc[0] == 2  # kept as written; writers neutralise it
    buf = io.StringIO()
    found.to_csv(buf)


def test_an_indicator_named_in_a_pk_table_but_left_out_of_the_measurement_is_found(store, tmp_path):
    """The independent reviewer deleted one indicator's row from the only table with target,
    realisasi and capaian; it still stood in a PK-copy table (indikator, target), so nothing was
    reported. It is found: named, but measured nowhere."""
    import docx

    path = tmp_path / "bersih.docx"
    tulis_lkjip_word(store, path, "dinkes", TAHUN, salah=False)
    doc = docx.Document(str(path))
    table = doc.tables[0]
    row = table.rows[-1]
    name = row.cells[[c.text for c in table.rows[0].cells].index(
        next(t for t in (c.text for c in table.rows[0].cells) if "ndikator" in t))].text
    row._tr.getparent().remove(row._tr)
    pk = doc.add_table(rows=2, cols=2)
    for cell, text in zip(pk.rows[0].cells + pk.rows[1].cells, ["Indikator Kinerja", "Target", name, "8"]):
        cell.text = text
    doc.save(str(path))
    found = bandingkan_lkjip(path, store, "dinkes", TAHUN)
    hit = found[found["uraian"].str.contains("tidak diukur")]
    assert hit["indikator"].tolist() == [name] and hit["butir"].tolist() == ["I.2"], found.to_string()


def test_the_reviu_decides_each_item_from_the_store_and_the_document_and_says_where_each_finding_comes_from(
        store, tmp_path, capsys):
    """Issue #24 defects: with --lkjip the screen summary showed I.2 "Ya" beside the document's
    findings, and the findings file mixed the store's with the document's without saying which."""
    from openpyxl import load_workbook

    from kinerja.cli.perintah import main

    path = tmp_path / "lkjip-dinkes.docx"
    faults = tulis_lkjip_word(store, path, "dinkes", TAHUN)
    out = tmp_path / "temuan.csv"
    assert main(["reviu", "--tahun", str(TAHUN), "--unit", "dinkes", "--db", store.url, "--lkjip", str(path),
                 "-o", str(out)]) == 0
    screen = capsys.readouterr().out
    answers = {line.split()[0]: line.split()[1] for line in screen.splitlines() if re.match(r"I+\.\d+ ", line)}
    for butir in {k.butir for k in faults}:
        assert answers[butir] == "Tidak", (butir, screen)
    assert f"Temuan dokumen LKjIP Word lkjip-dinkes.docx: {len(faults)}" in screen
    temuan = pd.read_csv(out, sep=";", dtype=str, keep_default_na=False)
    assert list(temuan.columns) == [*KOLOM_TEMUAN, "sumber"]
    assert (temuan["sumber"] == "dokumen").sum() == len(faults)
    db = temuan[temuan["sumber"] == "basis data"]
    assert not db.empty and set(temuan["sumber"]) == {"basis data", "dokumen"}
    # the kertas kerja written from the same result shows the same decisions and sources
    from kinerja.evaluasi.reviu import gabung_lkjip, reviu, temuan_lkjip
    from kinerja.evaluasi.reviu_kertas import tulis_kertas_kerja

    hasil = gabung_lkjip(reviu(store, "dinkes", TAHUN), temuan_lkjip(path, store, "dinkes", TAHUN), path.name)
    wb = load_workbook(tulis_kertas_kerja(hasil, tmp_path / "kk.xlsx"))
    rows = {r[0].value: r[3].value for ws in wb.worksheets[1:4] for r in ws.iter_rows(min_row=5) if r[0].value}
    assert rows["I.2"] == "Tidak" and rows["I.3"] == "Tidak"
    sumber = [r[7].value for r in wb["Temuan"].iter_rows(min_row=5) if r[0].value]
    assert sumber.count("dokumen") == len(faults) and "basis data" in sumber
    # a reviu without the document decides from the store alone, and its kertas kerja read back with the
    # document gives a KKR decided from both, without a warning that kinerja's own answer was changed (R09)
    kk = tmp_path / "kertas.xlsx"
    assert main(["reviu", "--tahun", str(TAHUN), "--unit", "dinkes", "--db", store.url, "-o", str(kk)]) == 0
    assert "Temuan dokumen" not in capsys.readouterr().out
    kkr = tmp_path / "kkr.xlsx"
    assert main(["reviu", "--tahun", str(TAHUN), "--unit", "dinkes", "--db", store.url, "--kertas-kerja", str(kk),
                 "--lkjip", str(path), "--kkr", str(kkr)]) == 0
    assert "R09" not in capsys.readouterr().err
    wb = load_workbook(kkr)
    hasil_kkr = {r[0].value: r[1].value for r in wb["4 Hasil dan simpulan"].iter_rows(min_row=5) if r[0].value}
    assert hasil_kkr["I.2"] == "Tidak"
    koreksi = " ".join(r[1].value for r in wb["4 Hasil dan simpulan koreksi"].iter_rows(min_row=5) if r[1].value)
    assert all(u in koreksi for u in hasil.temuan_dokumen["uraian"])  # each document finding to be corrected


def test_the_command_writes_the_kertas_kerja_decided_from_the_word_lkjip_too(store, tmp_path):
    """Issue #24: ``reviu --lkjip`` wrote only the findings file (its -o); the kertas kerja whose
    items the document's findings decide could only be written from Python."""
    from openpyxl import load_workbook

    from kinerja.cli.perintah import main

    path = tmp_path / "lkjip-dinkes.docx"
    faults = tulis_lkjip_word(store, path, "dinkes", TAHUN)
    kk = tmp_path / "kk.xlsx"
    assert main(["reviu", "--tahun", str(TAHUN), "--unit", "dinkes", "--db", store.url, "--lkjip", str(path),
                 "--tulis-kertas-kerja", str(kk)]) == 0
    wb = load_workbook(kk)
    rows = {r[0].value: r[3].value for ws in wb.worksheets[1:4] for r in ws.iter_rows(min_row=5) if r[0].value}
    assert all(rows[k.butir] == "Tidak" for k in faults), rows
    sumber = [r[7].value for r in wb["Temuan"].iter_rows(min_row=5) if r[0].value]
    assert sumber.count("dokumen") == len(faults)
