"""The kertas kerja reviu as a file: .xlsx (one sheet per part of the checklist, the reviewer's
answer columns unlocked, the rest protected), .csv (the checklist as one table) or .html.

The layout (sheet names, header row, columns) is the contract :mod:`kinerja.evaluasi.reviu_baca`
reads back. Every text is written as text, never as a formula
(:func:`kinerja.core.berkas.netralkan_rumus`), and escaped in HTML.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.evaluasi.reviu_hasil import KOLOM_KOREKSI, PENJAWAB_PEREVIU, HasilReviu
from kinerja.evaluasi.reviu_butir import BAGIAN, JAWABAN, TEKS_KOSONG, teks_tampil

__all__ = ["BARIS_KEPALA", "KEPALA", "KEPALA_KOREKSI", "KEPALA_TEMUAN", "lembar_tabel", "LEMBAR_BAGIAN", "LEMBAR_IDENTITAS", "LEMBAR_KOREKSI",
           "TEKS_KOSONG", "judul_kertas", "tulis_kertas_kerja"]

LEMBAR_IDENTITAS, LEMBAR_KOREKSI, LEMBAR_TEMUAN, LEMBAR_BUKTI = "Identitas", "Koreksi", "Temuan", "Bukti"
LEMBAR_BAGIAN = {"I": "I Format", "II": "II Mekanisme penyusunan", "III": "III Substansi"}
KEPALA = ["Kode", "Pernyataan", "Diputuskan oleh", "Jawaban", "Langkah reviu", "Bukti", "Catatan"]
KEPALA_KOREKSI = ["Butir", "Uraian koreksi", "Disepakati (Ya/Tidak)", "Dilakukan (Ya/Tidak)", "Belum dilakukan/keterangan"]
KEPALA_TEMUAN = ["Butir", "Tabel", "Baris", "Indikator", "Tertulis", "Seharusnya", "Uraian", "Sumber"]
BARIS_KEPALA = 4  # the header row of every table sheet; data start below it
BARIS_KOREKSI_TAMBAHAN = 30  # blank unlocked rows for corrections the reviewer adds
# Identitas: label cell → value cell; read back to check the file is this unit's and year's.
SEL_UNIT, SEL_TAHUN = "B3", "B5"


def judul_kertas(hasil: HasilReviu) -> str:
    """The title: "Kertas Kerja Reviu" for the kabupaten, "Kertas Kerja Evaluasi" for a perangkat daerah."""
    return f"Kertas Kerja {hasil.kegiatan.capitalize()} atas LKjIP {hasil.info.get('nama', hasil.unit)} " \
           f"Tahun {hasil.tahun}"


def _lebar(ws, widths) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _kepala(ws, judul: str, catatan: str, kepala: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws["A1"], ws["A2"] = judul, catatan
    ws["A1"].font = Font(bold=True, size=13)
    for j, text in enumerate(kepala, start=1):
        cell = ws.cell(row=BARIS_KEPALA, column=j, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"A{BARIS_KEPALA + 1}"


def _buka(cell) -> None:
    """Unlock a cell the reviewer fills in (the sheet is protected) and tint it."""
    from openpyxl.styles import PatternFill, Protection

    cell.protection = Protection(locked=False)
    cell.fill = PatternFill("solid", fgColor="FFF7D6")


def _lembar_bagian(wb, hasil: HasilReviu, bagian: str) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(LEMBAR_BAGIAN[bagian])
    _kepala(ws, f"{judul_kertas(hasil)}: {LEMBAR_BAGIAN[bagian]}",
            "Kolom berwarna diisi pereviu (Jawaban: Ya, Tidak, Tidak berlaku atau Belum diuji). Butir yang diputuskan "
            "kinerja dari data tidak diubah di sini; keberatan ditulis di lembar Koreksi.", KEPALA)
    _lebar(ws, (8, 50, 18, 14, 50, 30, 40))
    valid = DataValidation(type="list", formula1='"' + ",".join(JAWABAN) + '"', allow_blank=True)
    ws.add_data_validation(valid)
    rows = hasil.butir[hasil.butir["kode"].str.split(".").str[0] == bagian]
    rows = rows.assign(teks=teks_tampil(rows["teks"]))
    for i, r in enumerate(rows.itertuples(index=False), start=BARIS_KEPALA + 1):
        values = [r.kode, r.teks, r.penjawab, r.jawaban, r.langkah, r.bukti, r.catatan]
        for j, v in enumerate(values, start=1):
            ws.cell(row=i, column=j, value=v or None).alignment = Alignment(wrap_text=True, vertical="top")
        if r.penjawab == PENJAWAB_PEREVIU:
            for j in range(4, 8):
                _buka(ws.cell(row=i, column=j))
            valid.add(f"D{i}")
    ws.protection.sheet = True


def lembar_tabel(wb, nama: str, judul: str, kepala: list[str], data: pd.DataFrame, terbuka: bool = False) -> None:
    from openpyxl.styles import Alignment

    ws = wb.create_sheet(nama)
    _kepala(ws, judul, "Diisi pereviu: kolom berwarna; baris baru di bawahnya." if terbuka else "", kepala)
    _lebar(ws, [10, 60, 16, 16, 40, 30, 50][:len(kepala)] if terbuka else [8, 20, 16, 36, 18, 18, 60, 14][:len(kepala)])
    n = len(data)
    for i, row in enumerate(data.itertuples(index=False), start=BARIS_KEPALA + 1):
        for j, v in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=_sel(v)).alignment = Alignment(wrap_text=True, vertical="top")
    if terbuka:
        for i in range(BARIS_KEPALA + 1, BARIS_KEPALA + 1 + n + BARIS_KOREKSI_TAMBAHAN):
            for j in range(1 if i > BARIS_KEPALA + n else 3, len(kepala) + 1):
                _buka(ws.cell(row=i, column=j))
        ws.protection.sheet = True


def _lembar_identitas(wb, hasil: HasilReviu) -> None:
    import datetime as dt

    from kinerja.core.formatting import format_tanggal

    ws = wb.active
    ws.title = LEMBAR_IDENTITAS
    ws["A1"] = judul_kertas(hasil)
    rows = [("Kode unit", hasil.unit), ("Unit", hasil.info.get("nama")), ("Tahun", hasil.tahun),
            ("Kegiatan", "Reviu (PermenPANRB 53/2014 Lampiran III)" if hasil.kabupaten else
             "Evaluasi LKjIP perangkat daerah (reviu hanya atas LKjIP Pemerintah Kabupaten)"),
            ("Disusun", format_tanggal(dt.date.today()))]
    for i, (label, value) in enumerate(rows, start=3):
        ws.cell(row=i, column=1, value=label)
        ws.cell(row=i, column=2, value=value)
    _lebar(ws, (16, 80))
    ws.protection.sheet = True


def _lembar_bukti(wb, hasil: HasilReviu) -> None:
    """Every rule's evidence rows, one block per rule: its name and step, its header, its rows."""
    from openpyxl.styles import Font

    from kinerja.evaluasi.reviu_aturan import ATURAN

    ws = wb.create_sheet(LEMBAR_BUKTI)
    ws["A1"] = "Bukti keputusan otomatis"
    ws["A1"].font = Font(bold=True, size=13)
    row = 3
    for nama, frame in hasil.bukti.items():
        ws.cell(row=row, column=1, value=f"{nama}: {ATURAN[nama][1]}").font = Font(bold=True)
        row += 1
        if frame.empty:
            ws.cell(row=row, column=1, value="(tidak ada baris)")
            row += 2
            continue
        for j, col in enumerate(frame.columns, start=1):
            ws.cell(row=row, column=j, value=str(col)).font = Font(bold=True)
        for values in frame.itertuples(index=False):
            row += 1
            for j, v in enumerate(values, start=1):
                ws.cell(row=row, column=j, value=_sel(v))
        row += 2
    _lebar(ws, [24] * 8)
    ws.protection.sheet = True


def _sel(v):
    """A value as a cell holds it: numbers as numbers, lists joined, blanks empty."""
    if isinstance(v, list):
        return "; ".join(map(str, v)) or None
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v if isinstance(v, (str, int, float)) else str(v)


def _tulis_xlsx(hasil: HasilReviu, target: Path) -> None:
    from openpyxl import Workbook

    from kinerja.core.berkas import netralkan_rumus

    wb = Workbook()
    _lembar_identitas(wb, hasil)
    for bagian in BAGIAN:
        _lembar_bagian(wb, hasil, bagian)
    lembar_tabel(wb, LEMBAR_KOREKSI, "Daftar koreksi: disepakati, dilakukan, belum dilakukan", KEPALA_KOREKSI,
                  hasil.koreksi[KOLOM_KOREKSI], terbuka=True)
    lembar_tabel(wb, LEMBAR_TEMUAN, "Temuan otomatis", KEPALA_TEMUAN, hasil.semua_temuan)
    _lembar_bukti(wb, hasil)
    netralkan_rumus(wb)
    wb.save(target)


def _html(hasil: HasilReviu) -> str:
    from kinerja.render.html import render

    parts = [(LEMBAR_BAGIAN[b], hasil.butir[hasil.butir["kode"].str.split(".").str[0] == b].assign(
        teks=lambda f: teks_tampil(f["teks"]))) for b in BAGIAN]
    return str(render("reviu.html.j2", judul=judul_kertas(hasil), bagian=parts, temuan=hasil.semua_temuan,
                      koreksi=hasil.koreksi, kepala_temuan=KEPALA_TEMUAN, kepala_koreksi=KEPALA_KOREKSI))


def tulis_kertas_kerja(hasil: HasilReviu, path: str | Path) -> Path:
    """Write the kertas kerja of ``hasil`` to ``path`` by its suffix (.xlsx, .csv or .html).

    Examples
    --------
    >>> import tempfile
    >>> from kinerja.contoh.store import store_contoh
    >>> from kinerja.evaluasi.reviu import reviu
    >>> out = tulis_kertas_kerja(reviu(store_contoh(), "dinkes", 2026), Path(tempfile.mkdtemp()) / "kk.csv")
    >>> out.read_text(encoding="utf-8").splitlines()[0]
    'kode;bagian;teks;penjawab;jawaban;langkah;bukti;catatan'
    """
    from kinerja.core.berkas import tulis_atomik, tulis_csv
    from kinerja.render.keluaran import tulis_keluaran

    def html(target: Path) -> None:
        tulis_atomik(target, lambda tmp: tmp.write_text(_html(hasil), encoding="utf-8"))

    return tulis_keluaran(path, {
        ".xlsx": lambda target: tulis_atomik(target, lambda tmp: _tulis_xlsx(hasil, tmp)),
        ".csv": lambda target: tulis_csv(hasil.butir.assign(teks=teks_tampil(hasil.butir["teks"])), target),
        ".html": html, ".htm": html})
