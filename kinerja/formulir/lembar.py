"""Reading a formulir workbook: which formulir it is (the code in its identity block), the
identity (unit, tahun, bulan), and the data rows of its main and second sheet under the
numbering row, with the checks only reading can make (shifted columns, Excel error values,
formulas without a stored value, cut text, too many rows), and whether the sheets read are
read as Excel shows them (:mod:`kinerja.formulir.terlihat`: merged, hidden, outside the form).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kinerja.core.periode import TAHUN_AKHIR, TAHUN_AWAL, baca_bulan
from kinerja.core.pindai import BATAS_BARIS, BATAS_PANJANG_TEKS
from kinerja.formulir.berkas import _RUSAK, _buka, _penyebab
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.masalah import Angka, Lembar, Penampung, pendek, teks_angka, teks_sel
from kinerja.formulir.tampak import Tampilan, baca_tampilan
from kinerja.formulir.terlihat import periksa_area, periksa_lembar
from kinerja.formulir.tata_letak import BARIS_DATA, BARIS_IDENTITAS, BARIS_NOMOR, Formulir

__all__ = ["BATAS_BARIS", "BATAS_SEL", "baca_formulir"]


_text = teks_sel


# Limits on what a sheet may hold (stated in the methodology): Excel's own cell length, and
# a row count far above any formulir (kinerja.core.pindai, where every workbook limit is).
BATAS_SEL = BATAS_PANJANG_TEKS

_GALAT_EXCEL = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


def _nomor_salah(ws, f: Formulir, nomor: list[str], p: Penampung) -> None:
    """Say how the numbering row ``nomor`` differs from the formulir's (V46, V08)."""
    expected = f.nomor()
    extra = [n for n in nomor[len(expected):] if n]
    written = list(nomor)
    # Another formulir's columns under this code: same numbering, another document, and the
    # sheet still carries that formulir's sheet name (a CRAAPK sheet labelled RAAPK).
    while written and not written[-1]:
        written.pop()
    other = next((g for g in FORMULIR.values() if g.jenis != f.jenis and g.lembar == ws.title
                  and g.nomor() == written and g.tingkat == f.tingkat), None)
    if other is not None:  # the columns are another formulir's: say so, once, instead of every shift
        p.galat("V46", ws.title, f"B{BARIS_IDENTITAS['formulir']}",
                f"kode formulir {f.kode} tidak cocok dengan kolom lembar ini, yang merupakan kolom formulir "
                f"{other.kode}; perbaiki kode di B{BARIS_IDENTITAS['formulir']} atau pakai template "
                f"{f.jenis} dari 'kinerja template'")
        return
    for j, want in enumerate(expected, start=1):
        got = nomor[j - 1] if j - 1 < len(nomor) else ""
        if got != want:
            p.galat("V08", ws.title, f"{get_column_letter(j)}{BARIS_NOMOR}",
                    f"nomor kolom \"{pendek(got) or '(kosong)'}\" seharusnya \"{want}\": kolom formulir tidak "
                    "boleh digeser, ditambah atau dihapus")
            return
    j = len(expected) + nomor[len(expected):].index(extra[0]) + 1
    p.galat("V08", ws.title, f"{get_column_letter(j)}{BARIS_NOMOR}",
            f"kolom tambahan bernomor \"{pendek(extra[0])}\": formulir {f.kode} hanya punya kolom "
            f"{expected[0]}–{expected[-1]}")


def _read_sheet(ws, f: Formulir, p: Penampung, sel_rumus: set | None = None,
                view: Tampilan | None = None) -> Lembar | None:
    """Check the numbering row and read the data rows of one sheet; ``view`` is what Excel
    hides and merges in it (:mod:`kinerja.formulir.terlihat` checks the sheet as shown)."""
    # Cells, not bare values: a number keeps the text its number format shows (masalah.Angka).
    # (A merged or empty cell has no number format of its own.)
    cells = list(ws.iter_rows(min_row=BARIS_NOMOR, max_row=BARIS_NOMOR + BATAS_BARIS))
    rows = [tuple(Angka(c.value, teks_angka(c.value, getattr(c, "number_format", None)))
                  if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) else c.value for c in row)
            for row in cells]
    nomor = [(_text(v)) for v in (rows[0] if rows else ())]
    if not f.nomor_sah(nomor):
        _nomor_salah(ws, f, nomor, p)
        return None
    seen = periksa_area(ws, f, rows, view, p, cells)
    width = len(f.kolom)
    records = []
    for offset, values in enumerate(rows[BARIS_DATA - BARIS_NOMOR:], start=BARIS_DATA):
        values = list(values[:width]) + [None] * max(0, width - len(values))
        for j, v in enumerate(values, start=1):
            where = f"{get_column_letter(j)}{offset}"
            if isinstance(v, str) and len(v) >= BATAS_SEL:  # Excel's limit; longer text arrives cut to it
                p.galat("V44", ws.title, where, f"isi sel mencapai batas Excel {BATAS_SEL:,} karakter, sehingga "
                        f"kemungkinan terpotong (\"{pendek(v)}\"); ringkas isinya".replace(",", "."))
            elif isinstance(v, str) and v.startswith("#") and v.upper() in _GALAT_EXCEL:
                p.galat("V43", ws.title, where, f"sel berisi nilai galat Excel {v}; perbaiki rumus atau isi nilainya")
            elif v is None and sel_rumus and (ws.title, where) in sel_rumus:
                p.galat("V42", ws.title, where, "sel berisi rumus tanpa nilai tersimpan; buka dan simpan berkas "
                        "di Excel agar nilai rumus tersimpan, atau ketik nilainya")
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        records.append([*values, offset])
    if len(rows) > BATAS_BARIS:
        p.galat("V48", ws.title, "", f"lembar berisi lebih dari {BATAS_BARIS:,} baris; formulir sebesar ini "
                "bukan formulir kinerja".replace(",", "."))
        return None
    if not seen:  # read differently from what Excel shows: nothing of it is checked or loaded
        return None
    data = pd.DataFrame(records, columns=[*f.fields(), "_baris"], dtype=object)
    return Lembar(ws.title, f, data)


def _find_formulir(wb, p: Penampung) -> tuple[Formulir, object] | None:
    """The workbook's formulir; a second one in the same workbook is refused, not ignored."""
    kode_row = BARIS_IDENTITAS["formulir"]
    found = []
    for ws in wb.worksheets:
        code = _text(next(ws.iter_rows(min_row=kode_row, max_row=kode_row, min_col=2, max_col=2, values_only=True),
                          (None,))[0])
        if code in FORMULIR:
            found.append((FORMULIR[code], ws))
    if not found:
        p.galat("V02", "", "", f"bukan formulir kinerja: kode formulir tidak ditemukan di sel B{kode_row}; "
                f"yang dikenal: {', '.join(FORMULIR)} (buat berkas dengan 'kinerja template')")
        return None
    if len(found) > 1:
        names = ", ".join(f"lembar {ws.title} ({f.kode})" for f, ws in found)
        p.galat("V45", found[1][1].title, f"B{kode_row}", f"workbook berisi lebih dari satu formulir: {names}; "
                "kirim satu formulir per berkas agar setiap formulir diperiksa dan dicatat sendiri")
        return None
    return found[0]


def _sel_rumus(raw: bytes) -> set:
    """(sheet, cell) of every formula in the workbook, read only when its XML holds formulas."""
    import io

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return set()
    wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        out = set()
        for ws in wb.worksheets:
            ws.reset_dimensions()
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        out.add((ws.title, cell.coordinate))
        return out
    finally:
        wb.close()


def _identity(ws, f: Formulir, p: Penampung) -> dict:
    out: dict = {"unit": _text(ws.cell(row=BARIS_IDENTITAS["unit"], column=2).value),
                 # the title and subtitle as issued (an LKE names its year and unit there: J24, J25)
                 "judul": _text(ws.cell(row=1, column=1).value), "subjudul": _text(ws.cell(row=2, column=1).value)}
    if not out["unit"] and f.jenis != "UNIT":
        p.galat("V03", ws.title, f"B{BARIS_IDENTITAS['unit']}", "kode unit kosong; isi dengan kode dari Daftar Unit")
    raw_tahun = ws.cell(row=BARIS_IDENTITAS["tahun"], column=2).value
    tahun = _tahun(raw_tahun)
    if tahun is None:
        p.galat("V06", ws.title, f"B{BARIS_IDENTITAS['tahun']}",
                f"tahun \"{pendek(_text(raw_tahun)) or '(kosong)'}\" bukan tahun yang sah, mis. 2026")
    out["tahun"] = tahun
    out["bulan"] = None
    if f.dengan_bulan:
        raw = _text(ws.cell(row=BARIS_IDENTITAS["bulan"], column=2).value)
        bulan = baca_bulan(raw)
        if bulan is None:
            p.galat("V07", ws.title, f"B{BARIS_IDENTITAS['bulan']}",
                    f"bulan laporan \"{pendek(raw) or '(kosong)'}\" tidak dikenal; isi nama bulan, mis. Juni, atau "
                    "angka 1–12")
        out["bulan"] = bulan
    return out


def _tahun(value: object) -> int | None:
    """A year TAHUN_AWAL–TAHUN_AKHIR written as a whole number (2026, "2026", 2026.0); nothing else."""
    text = _text(value)
    if not (text.isascii() and text.isdecimal()):
        return None
    year = int(text)
    return year if TAHUN_AWAL <= year <= TAHUN_AKHIR else None


def baca_formulir(path: Path, p: Penampung, raw: bytes | None = None) -> tuple[Formulir, dict, Lembar, Lembar | None] | None:
    """Open a workbook and read its identity, main sheet and second sheet."""
    raw = path.read_bytes() if raw is None else raw
    wb = _buka(path, raw, p)
    if wb is None:
        return None
    try:
        found = _find_formulir(wb, p)
        if found is None:
            return None
        f, ws = found
        shown = periksa_lembar(wb, [ws.title, f.lampiran.lembar if f.lampiran else ws.title], p)
        views = baca_tampilan(raw)
        ident = _identity(ws, f, p)
        formulas = _sel_rumus(raw)
        main = _read_sheet(ws, f, p, formulas, views.get(ws.title))
        second = None
        if f.lampiran is not None:
            if f.lampiran.lembar not in wb.sheetnames:
                p.galat("V09", f.lampiran.lembar, "", f"lembar \"{f.lampiran.lembar}\" tidak ada; formulir {f.kode} "
                        "memerlukannya (buat ulang dari 'kinerja template')")
            else:
                second = _read_sheet(wb[f.lampiran.lembar], f.lampiran, p, formulas, views.get(f.lampiran.lembar))
        if main is None or not shown:
            return None
        return f, ident, main, second
    except _RUSAK as exc:  # sheets are parsed lazily: a damaged one fails while it is read
        p.galat("V01", "", "", f"isi berkas .xlsx rusak sehingga tidak dapat dibaca ({_penyebab(exc)}); buka di "
                "Excel lalu simpan ulang sebagai .xlsx")
        return None
    finally:
        wb.close()
