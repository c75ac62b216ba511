"""Reviu LKjIP (issue #24): the kertas kerja written, filled in by a reviewer and read back with
located R-codes; hostile text inert in every output; the KKR's four parts; the Pernyataan Telah
Direviu in the guideline's words; the ``kinerja reviu`` command.

On main none of this exists (no kinerja.evaluasi.reviu*, no ``kinerja reviu``): every test fails there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.cli.perintah import main
from kinerja.core.errors import KinerjaError
from kinerja.evaluasi.reviu import reviu
from kinerja.evaluasi.reviu_butir import TEKS_KOSONG
from kinerja.evaluasi.reviu_baca import baca_kertas_kerja, gabung_jawaban
from kinerja.evaluasi.reviu_kertas import LEMBAR_BAGIAN, tulis_kertas_kerja
from kinerja.evaluasi.reviu_kkr import LEMBAR_KKR, temuan_akhir, tulis_kkr
from kinerja.evaluasi.reviu_pernyataan import pernyataan_reviu, tulis_pernyataan
from reviu_store import buat_store

RUJUKAN = Path(__file__).parent / "data" / "reviu" / "anak-lampiran-III.txt"
HYPERLINK = '=HYPERLINK("http://contoh.invalid","klik")'
SKRIP = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return buat_store(tmp_path_factory.mktemp("reviu") / "tanpa-upaya.sqlite", "tanpa_upaya")


def _teks(cell, value) -> None:
    """Put ``value`` in ``cell`` as text, the way a reviewer's typed text arrives (never a formula)."""
    cell.value = value
    cell.data_type = "s"


def _isi(path: Path, jawab: dict[str, tuple[str, str]], koreksi: list[tuple] = ()) -> Path:
    """Fill the reviewer's columns of the kertas kerja at ``path``: kode → (jawaban, catatan)."""
    wb = load_workbook(path)
    for nama in LEMBAR_BAGIAN.values():
        ws = wb[nama]
        for row in range(5, ws.max_row + 1):
            kode = ws.cell(row=row, column=1).value
            if kode in jawab:
                ws.cell(row=row, column=4, value=jawab[kode][0])
                ws.cell(row=row, column=5, value="wawancara dan telaah dokumen")
                _teks(ws.cell(row=row, column=7), jawab[kode][1])
    ws = wb["Koreksi"]
    for i, values in enumerate(koreksi):
        for j, v in enumerate(values, start=1):
            _teks(ws.cell(row=5 + i, column=j), v)
    wb.save(path)
    return path


def test_the_kertas_kerja_has_a_sheet_per_part_and_unlocks_only_the_reviewers_answers(store, tmp_path):
    path = tulis_kertas_kerja(reviu(store, "kab", 2026), tmp_path / "kk.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Identitas", "I Format", "II Mekanisme penyusunan", "III Substansi", "Koreksi", "Temuan",
                             "Bukti"]
    ws = wb["II Mekanisme penyusunan"]
    assert ws.protection.sheet and [ws.cell(row=4, column=j).value for j in range(1, 8)] == [
        "Kode", "Pernyataan", "Diputuskan oleh", "Jawaban", "Langkah reviu", "Bukti", "Catatan"]
    assert ws["A5"].value == "II.1" and ws["B5"].value == "LKj IP disusun oleh unit kerja yang memiliki tugas fungsi untuk itu"
    assert not ws["D5"].protection.locked and not ws["G5"].protection.locked  # II.1: the reviewer's
    assert ws["A6"].value == "II.2" and ws["D6"].value == "Ya" and ws["D6"].protection.locked  # kinerja's
    assert any("D5" in str(v.sqref) for v in ws.data_validations.dataValidation)
    assert wb["I Format"]["D9"].value == "Tidak"  # I.5: KAB1 below target without a solution
    # an item whose text the guideline's copy lacks says so in its cell (it was left blank)
    assert ws["A10"].value == "II.6" and ws["B10"].value == TEKS_KOSONG
    assert wb["III Substansi"]["B5"].value == TEKS_KOSONG


def test_a_filled_kertas_kerja_is_read_back_and_hostile_text_stays_inert_everywhere(store, tmp_path):
    hasil = reviu(store, "kab", 2026)
    path = _isi(tulis_kertas_kerja(hasil, tmp_path / "kk.xlsx"),
                {"II.1": ("ya", ""), "II.3": ("Tidak", HYPERLINK), "III.2": ("Tidak berlaku", SKRIP)},
                [("I.5", "Tambahkan upaya KAB1 " + SKRIP, "Ya", "Tidak", HYPERLINK)])
    bacaan = baca_kertas_kerja(path, "kab", 2026)
    assert not bacaan.ditolak, [str(m) for m in bacaan.masalah]
    final = gabung_jawaban(hasil, bacaan)
    answers = final.butir.set_index("kode")
    assert answers.at["II.1", "jawaban"] == "Ya" and answers.at["II.3", "catatan"] == HYPERLINK
    assert answers.at["III.2", "jawaban"] == "Tidak berlaku" and answers.at["I.5", "jawaban"] == "Tidak"
    assert answers.at["II.1", "catatan"] == "" and answers.at["II.1", "langkah"] == "wawancara dan telaah dokumen"
    assert [m.kode for m in bacaan.masalah].count("R10") == 16 - 3  # the reviewer's items (I.6 too) not yet answered
    assert len(final.koreksi_terbuka) == 1
    temuan = temuan_akhir(final)
    assert HYPERLINK in temuan["uraian"].tolist()  # the reviewer's "Tidak" with its note, as written
    for suffix in ("csv", "xlsx", "html"):
        out = tmp_path / f"temuan.{suffix}"
        main(["reviu", "--tahun", "2026", "--unit", "kab", "--db", store.url, "--kertas-kerja", str(path), "-o", str(out)])
        text = out.read_text(encoding="utf-8", errors="replace") if suffix != "xlsx" else ""
        if suffix == "csv":
            assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ";=HYPERLINK" not in text
        if suffix == "html":
            assert "<script>" not in text and HYPERLINK.replace('"', "&#34;") in text
        if suffix == "xlsx":
            cells = [c for row in load_workbook(out).active.iter_rows() for c in row]
            assert not any(c.data_type == "f" for c in cells) and any(c.value == HYPERLINK for c in cells)
    kkr = load_workbook(tulis_kkr(final, tmp_path / "kkr.xlsx"))
    assert [s for s in kkr.sheetnames if s in LEMBAR_KKR] == list(LEMBAR_KKR)
    assert not any(c.data_type == "f" for ws in kkr.worksheets for row in ws.iter_rows() for c in row)
    koreksi = kkr["4 Hasil dan simpulan koreksi"]
    assert koreksi["E5"].value == HYPERLINK and koreksi["C5"].value == "Ya"


def _masalah(bacaan) -> list[tuple[str, str, str]]:
    return [(m.kode, m.lembar, m.sel) for m in bacaan.masalah if m.tingkat == "galat"]


def test_reading_back_refuses_with_the_sheet_and_cell(store, tmp_path):
    hasil = reviu(store, "kab", 2026)
    path = tulis_kertas_kerja(hasil, tmp_path / "kk.xlsx")
    wb = load_workbook(path)
    wb["II Mekanisme penyusunan"]["D5"] = "Mungkin"  # R06
    wb["II Mekanisme penyusunan"]["G7"] = HYPERLINK  # a formula cell: R07
    wb["III Substansi"].delete_rows(6)  # III.2 gone: R05
    wb["I Format"]["D5"] = "Ya"  # I.1 is kinerja's (Tidak is not on this store): R09 warning only
    wb["Identitas"]["B5"] = 2025  # R08
    wb["Koreksi"]["C5"] = "mungkin"  # R11
    wb.save(path)
    bacaan = baca_kertas_kerja(path, "kab", 2026)
    assert bacaan.ditolak
    assert set(_masalah(bacaan)) == {("R06", "II Mekanisme penyusunan", "D5"), ("R07", "II Mekanisme penyusunan", "G7"),
                                     ("R05", "III Substansi", ""), ("R08", "Identitas", "B5"), ("R11", "Koreksi", "C5")}
    text = {m.kode: str(m) for m in bacaan.masalah}
    assert text["R06"] == ("kk.xlsx, lembar II Mekanisme penyusunan, sel D5: jawaban 'Mungkin' tidak dikenal; isi Ya, "
                           "Tidak, Tidak berlaku, Belum diuji")
    assert "III.2 tidak ada" in text["R05"] and "tahun '2025', bukan 2026" in text["R08"]
    assert baca_kertas_kerja(tmp_path / "kk.csv", "kab", 2026).masalah[0].kode == "R01"


def test_an_automatic_answer_changed_in_the_file_is_kept_as_kinerja_decided(store, tmp_path):
    hasil = reviu(store, "kab", 2026)
    path = tulis_kertas_kerja(hasil, tmp_path / "kk.xlsx")
    wb = load_workbook(path)
    wb["I Format"]["D9"] = "Ya"  # I.5 is Tidak from the data
    wb.save(path)
    bacaan = baca_kertas_kerja(path, "kab", 2026)
    final = gabung_jawaban(hasil, bacaan)
    assert final.butir.set_index("kode").at["I.5", "jawaban"] == "Tidak"
    r09 = [m for m in bacaan.masalah if m.kode == "R09"]
    assert len(r09) == 1 and r09[0].tingkat == "peringatan" and (r09[0].lembar, r09[0].sel) == ("I Format", "D9")


def _template_pedoman() -> tuple[list[str], str, list[str]]:
    """The guideline's Pernyataan (Anak Lampiran III/1-2): heading lines, body, signature lines."""
    lines = [line.strip() for line in RUJUKAN.read_text(encoding="utf-8").splitlines()]
    start = lines.index("PERNYATAAN TELAH DIREVIU")
    end = next(i for i, line in enumerate(lines) if line.startswith("(Nama Kota)"))
    body = " ".join(" ".join(lines[start + 3:end]).split())
    sign = [line for line in lines[end:end + 5] if line]
    return lines[start:start + 3], body, sign


def test_the_pernyataan_is_the_guidelines_form_with_the_fields_filled(store, tmp_path):
    kepala, body, sign = _template_pedoman()
    nama = "Pemerintah Kabupaten Uji"
    body = body.replace("(Kementerian/Lembaga/Pemda)", nama)
    body = re.sub(r"tahun\s+anggaran…+\.*", "tahun anggaran 2026", body)
    body = body.replace("Kementerian/Lembaga/Pemda........", f"{nama}.")
    hasil = reviu(store, "kab", 2026)
    with pytest.raises(KinerjaError, match=r"R15: reviu belum selesai: butir I.6, II.1, II.3, .* belum diuji"):
        pernyataan_reviu(hasil)
    hasil.butir["jawaban"] = hasil.butir["jawaban"].replace("Belum diuji", "Ya")  # as the reviewer answered
    p = pernyataan_reviu(hasil, dt.date(2027, 3, 15), "Dra. Ani Wulandari", "197001012000032001")
    assert p.kepala == [kepala[0], kepala[1].replace("KEMENTERIAN/LEMBAGA/PEMDA", nama.upper()),
                        kepala[2] + " 2026"]
    assert " ".join(p.paragraf) == body
    assert [p.tempat_tanggal, p.jabatan, p.nama, p.nip] == [
        sign[0].replace("(Nama Kota), (tanggal, bulan, tahun)", "Uji, 15 Maret 2027"),
        re.sub(r"\.+$", "Kabupaten Uji", sign[1]), sign[2].replace("(nama Penanda tangan)", "Dra. Ani Wulandari"),
        sign[3] + " 197001012000032001"]
    assert p.penjelas == []  # no correction agreed and still open: no paragraf penjelas
    open_fix = hasil.koreksi.assign(disepakati="Ya", dilakukan="Tidak", belum="menunggu data Desember")
    hasil.koreksi = open_fix.iloc[:1]
    p = pernyataan_reviu(hasil, dt.date(2027, 3, 15))
    assert len(p.penjelas) == 1 and p.penjelas[0].startswith("(butir I.5) CRAAPK KAB1 (Indeks kesejahteraan)")
    assert p.penjelas[0].endswith("— menunggu data Desember") and p.nama == "(………………………………)"
    from docx import Document

    docx = "\n".join(par.text for par in Document(tulis_pernyataan(p, tmp_path / "p.docx")).paragraphs)
    assert all(t in docx for t in (*p.kepala, *p.paragraf, p.pembuka_penjelas, p.tempat_tanggal, p.jabatan))


def test_a_perangkat_daerahs_lkjip_is_evaluated_and_gets_no_pernyataan_telah_direviu(store, tmp_path):
    hasil = reviu(store, "dinas", 2026)
    with pytest.raises(KinerjaError, match="R14: .*dievaluasi oleh Inspektorat, tidak direviu"):
        pernyataan_reviu(hasil)
    path = tulis_kertas_kerja(hasil, tmp_path / "kk.xlsx")
    assert load_workbook(path)["Identitas"]["A1"].value == "Kertas Kerja Evaluasi atas LKjIP Dinas Uji Tahun 2026"
    code = main(["reviu", "--tahun", "2026", "--unit", "dinas", "--db", store.url, "--kertas-kerja", str(path),
                 "--pernyataan", str(tmp_path / "p.docx")])
    assert code == 2 and not (tmp_path / "p.docx").exists()


def test_the_command_writes_the_kertas_kerja_then_reads_it_back_into_findings_kkr_and_pernyataan(store, tmp_path,
                                                                                               capsys):
    kk = tmp_path / "kertas-kerja.xlsx"
    assert main(["reviu", "--tahun", "2026", "--unit", "kab", "--db", store.url, "-o", str(kk)]) == 0
    assert "Reviu LKjIP Pemerintah Kabupaten Uji tahun 2026" in capsys.readouterr().out
    semua = {k: ("Ya", "") for k in ("I.6", "II.1", "II.3", "II.4", "II.6", "II.7", *(f"III.{i}" for i in range(1, 11)))}
    _isi(kk, {"II.1": ("Ya", "")})
    args_p = ["reviu", "--tahun", "2026", "--unit", "kab", "--db", store.url, "--kertas-kerja", str(kk),
              "--pernyataan", str(tmp_path / "p.docx")]
    assert main(args_p) == 2 and "R15" in capsys.readouterr().err and not (tmp_path / "p.docx").exists()
    _isi(kk, semua)
    args = ["reviu", "--tahun", "2026", "--unit", "kab", "--db", store.url, "--kertas-kerja", str(kk),
            "-o", str(tmp_path / "temuan.csv"), "--kkr", str(tmp_path / "kkr.xlsx"), "--pernyataan",
            str(tmp_path / "p.docx"), "--inspektur", "Dra. Ani", "--nip", "1970", "--tanggal", "2027-03-15"]
    assert main(args) == 0
    temuan = pd.read_csv(tmp_path / "temuan.csv", sep=";", dtype=str)
    assert list(temuan.columns) == ["butir", "tabel", "baris", "indikator", "tertulis", "seharusnya", "uraian", "sumber"]
    assert temuan.iloc[0].to_dict() == {"butir": "I.5", "tabel": "CRAAPK", "baris": "KAB1",
                                        "indikator": "Indeks kesejahteraan",
                                        "tertulis": "Faktor penghambat: harga pangan naik",
                                        "seharusnya": "upaya/solusi",
                                        "uraian": "capaian 92,86% di bawah target tanpa upaya/solusi",
                                        "sumber": "basis data"}
    assert (tmp_path / "kkr.xlsx").exists() and (tmp_path / "p.docx").exists()
    wb = load_workbook(kk)
    wb["II Mekanisme penyusunan"]["D5"] = "=1+1"
    wb.save(kk)
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "kertas-kerja.xlsx, lembar II Mekanisme penyusunan, sel D5: sel berisi rumus '=1+1'" in err
    assert "DITOLAK" in err


@pytest.mark.lambat
def test_the_pernyataan_prints_as_a_pdf_page(store, tmp_path):
    hasil = reviu(store, "kab", 2026)
    hasil.butir["jawaban"] = hasil.butir["jawaban"].replace("Belum diuji", "Ya")
    p = pernyataan_reviu(hasil, dt.date(2027, 3, 15), "Dra. Ani", "1970")
    assert tulis_pernyataan(p, tmp_path / "p.pdf").read_bytes()[:4] == b"%PDF"


def test_a_text_typed_later_into_the_items_file_reaches_every_output_at_once(store, tmp_path, monkeypatch):
    """Issue #24: the texts of II.6 … III.10 stay null until someone types the official words into
    parameters/reviu/butir.yaml; that one file feeds the kertas kerja (.xlsx, .csv, .html), the KKR
    and the document, and a blank text counts as not known yet everywhere alike."""
    import shutil

    from kinerja.core.sumber import parameters_dir

    params = tmp_path / "parameters"
    shutil.copytree(parameters_dir(), params)
    items = params / "reviu" / "butir.yaml"
    source = items.read_text(encoding="utf-8")
    filled = "Analisis/penjelasan dalam LKj <uji> telah   memadai"
    source = source.replace("  - kode: II.6\n    teks: null", f"  - kode: II.6\n    teks: \"{filled}\"", 1)
    source = source.replace("  - kode: III.10\n    teks: null", "  - kode: III.10\n    teks: \"   \"", 1)
    items.write_text(source, encoding="utf-8")
    monkeypatch.setenv("KINERJA_PARAMETERS", str(params))
    shown = "Analisis/penjelasan dalam LKj <uji> telah memadai"  # spaces closed up, as every text
    hasil = reviu(store, "kab", 2026)
    kk = load_workbook(tulis_kertas_kerja(hasil, tmp_path / "kk.xlsx"))
    cells = {ws.cell(r, 1).value: ws.cell(r, 2).value for ws in kk.worksheets[1:4] for r in range(5, ws.max_row + 1)}
    assert cells["II.6"] == shown and cells["III.10"] == TEKS_KOSONG and cells["II.7"] == TEKS_KOSONG
    csv = tulis_kertas_kerja(hasil, tmp_path / "kk.csv").read_text(encoding="utf-8")
    assert f"II.6;Mekanisme penyusunan;{shown};" in csv and f"III.10;Substansi;{TEKS_KOSONG};" in csv
    html = tulis_kertas_kerja(hasil, tmp_path / "kk.html").read_text(encoding="utf-8")
    assert "Analisis/penjelasan dalam LKj &lt;uji&gt; telah memadai" in html and "<uji>" not in html
    kkr = load_workbook(tulis_kkr(hasil, tmp_path / "kkr.xlsx"))["3 Langkah reviu"]
    langkah = {kkr.cell(r, 1).value: kkr.cell(r, 3).value for r in range(5, kkr.max_row + 1)}
    assert langkah["II.6"] == shown and langkah["III.10"] == TEKS_KOSONG
    dokumen = hasil.tabel_butir("II").data.set_index("Kode")["Pernyataan"]
    assert dokumen["II.6"] == shown and hasil.tabel_butir("III").data.set_index("Kode").loc["III.10", "Pernyataan"] \
        == TEKS_KOSONG
