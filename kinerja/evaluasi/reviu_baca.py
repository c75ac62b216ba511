"""Reading a filled kertas kerja reviu back (the layout of :mod:`kinerja.evaluasi.reviu_kertas`):
the reviewer's answers and the correction register, with a located message for every problem.

=====  ==========================================================================================
R01    the file cannot be opened as an .xlsx workbook
R02    a sheet of the kertas kerja is missing
R03    a header cell was changed (the columns are read by position)
R04    an item code that is unknown, on the wrong sheet, or written twice
R05    an item of the checklist is missing from its sheet
R06    an answer that is not Ya, Tidak, Tidak berlaku or Belum diuji
R07    a cell holding a formula (a kertas kerja holds values; a formula is never evaluated)
R08    the kertas kerja of another unit or year than the one asked for
R09    (warning) an automatic item's answer changed in the file: kinerja's decision is kept
R10    (warning) a reviewer's item still "Belum diuji" (or blank): the conclusion waits for it
R11    a correction whose Disepakati or Dilakukan is not Ya or Tidak
R12    a correction row filled in without its Uraian
R13    (warning) a reviewer's "Tidak" without a note: the finding says only the item
R14    a Pernyataan Telah Direviu asked for a perangkat daerah (its LKjIP is evaluated, not reviewed)
R15    a Pernyataan Telah Direviu asked while an item is still "Belum diuji" (the reviu is not finished)
=====  ==========================================================================================

Text is taken as written and stays text: it is never evaluated, and every writer makes it inert
(a leading "=" neutralised in .xlsx and .csv, escaped in HTML).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from kinerja.evaluasi.reviu_hasil import KOLOM_KOREKSI, PENJAWAB_OTOMATIS, HasilReviu
from kinerja.evaluasi.reviu_butir import BAGIAN, JAWABAN, KODE_BUTIR
from kinerja.evaluasi.reviu_kertas import (BARIS_KEPALA, KEPALA, KEPALA_KOREKSI, LEMBAR_BAGIAN, LEMBAR_IDENTITAS,
                                           LEMBAR_KOREKSI, SEL_TAHUN, SEL_UNIT)
from kinerja.formulir.masalah import Masalah, Penampung, pendek

__all__ = ["BacaanKertas", "baca_kertas_kerja", "gabung_jawaban"]

_JAWABAN = {j.lower(): j for j in JAWABAN}


@dataclass
class BacaanKertas:
    """A kertas kerja as read: the reviewer's answers per item and the corrections."""

    berkas: str
    masalah: list[Masalah] = field(default_factory=list)
    jawaban: pd.DataFrame = field(default_factory=pd.DataFrame)  # kode, jawaban, langkah, bukti, catatan, sel
    koreksi: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_KOREKSI))

    @property
    def ditolak(self) -> bool:
        return any(m.tingkat == "galat" for m in self.masalah)


def _teks(cell) -> str | None:
    v = cell.value
    if v is None:
        return None
    text = " ".join(str(v).split()) if not isinstance(v, str) else v.strip()
    return text or None


def _tanpa_rumus(ws, p: Penampung) -> None:
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                p.galat("R07", ws.title, cell.coordinate, f"sel berisi rumus {pendek(str(cell.value), 40)!r}; isi "
                        "nilainya sebagai teks (rumus tidak dihitung kinerja)")


def _kepala(ws, kepala: list[str], p: Penampung) -> bool:
    from openpyxl.utils import get_column_letter

    ok = True
    for j, want in enumerate(kepala, start=1):
        got = _teks(ws.cell(row=BARIS_KEPALA, column=j))
        if (got or "").lower() != want.lower():
            p.galat("R03", ws.title, f"{get_column_letter(j)}{BARIS_KEPALA}",
                    f"judul kolom {got!r}, seharusnya {want!r}; jangan mengubah atau menggeser kolom kertas kerja")
            ok = False
    return ok


def _identitas(wb, unit: str, tahun: int, p: Penampung) -> None:
    if LEMBAR_IDENTITAS not in wb.sheetnames:
        p.galat("R02", "", "", f"lembar {LEMBAR_IDENTITAS!r} tidak ada; pakai kertas kerja yang ditulis kinerja reviu")
        return
    ws = wb[LEMBAR_IDENTITAS]
    got_unit, got_tahun = _teks(ws[SEL_UNIT]), _teks(ws[SEL_TAHUN])
    if got_unit != unit:
        p.galat("R08", ws.title, SEL_UNIT, f"kertas kerja unit {got_unit!r}, bukan {unit!r} yang diminta (--unit)")
    if got_tahun != str(tahun):
        p.galat("R08", ws.title, SEL_TAHUN, f"kertas kerja tahun {got_tahun!r}, bukan {tahun} yang diminta (--tahun)")


def _baris_butir(ws, bagian: str, seen: dict, p: Penampung) -> list[dict]:
    rows = []
    for i in range(BARIS_KEPALA + 1, ws.max_row + 1):
        kode = _teks(ws.cell(row=i, column=1))
        if kode is None:
            continue
        where = f"A{i}"
        if kode not in KODE_BUTIR or kode.split(".")[0] != bagian:
            p.galat("R04", ws.title, where, f"kode butir {pendek(kode, 20)!r} tidak dikenal di lembar ini; yang ada: "
                    f"{bagian}.1 … {bagian}.{BAGIAN[bagian]}")
            continue
        if kode in seen:
            p.galat("R04", ws.title, where, f"butir {kode} tertulis dua kali (juga di sel {seen[kode]})")
            continue
        seen[kode] = where
        raw = _teks(ws.cell(row=i, column=4))
        answer = _JAWABAN.get((raw or "").lower())
        if raw is not None and answer is None:
            p.galat("R06", ws.title, f"D{i}", f"jawaban {pendek(raw, 30)!r} tidak dikenal; isi {', '.join(JAWABAN)}")
        rows.append({"kode": kode, "jawaban": answer, "langkah": _teks(ws.cell(row=i, column=5)),
                     "bukti": _teks(ws.cell(row=i, column=6)), "catatan": _teks(ws.cell(row=i, column=7)),
                     "sel": f"{ws.title}!D{i}"})
    return rows


def _koreksi(ws, p: Penampung) -> pd.DataFrame:
    rows = []
    for i in range(BARIS_KEPALA + 1, ws.max_row + 1):
        values = [_teks(ws.cell(row=i, column=j)) for j in range(1, len(KEPALA_KOREKSI) + 1)]
        if not any(values):
            continue
        butir, uraian, sepakat, lakukan, belum = values
        if uraian is None:
            p.galat("R12", ws.title, f"B{i}", "koreksi tanpa uraian; tulis koreksi yang dimaksud atau kosongkan barisnya")
        for col, v in (("C", sepakat), ("D", lakukan)):
            if v is not None and v.lower() not in ("ya", "tidak"):
                p.galat("R11", ws.title, f"{col}{i}", f"{pendek(v, 20)!r} bukan Ya atau Tidak")
        rows.append(dict(zip(KOLOM_KOREKSI, (butir, uraian, sepakat and sepakat.capitalize(),
                                             lakukan and lakukan.capitalize(), belum))))
    return pd.DataFrame(rows, columns=KOLOM_KOREKSI)


def baca_kertas_kerja(path: str | Path, unit: str, tahun: int) -> BacaanKertas:
    """Read a filled kertas kerja (.xlsx): the reviewer's answers and corrections, or the problems
    that refuse it, each with its sheet and cell.

    Examples
    --------
    >>> b = baca_kertas_kerja("tidak-ada.xlsx", "dinkes", 2026)
    >>> b.ditolak, b.masalah[0].kode
    (True, 'R01')
    """
    from openpyxl import load_workbook

    path = Path(path)
    p = Penampung(path.name)
    out = BacaanKertas(path.name)
    try:
        wb = load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one located refusal
        p.galat("R01", "", "", f"tidak dapat dibuka sebagai buku kerja .xlsx ({type(exc).__name__}); pakai kertas kerja "
                "yang ditulis kinerja reviu -o KERTAS.xlsx")
        out.masalah = p.daftar
        return out
    _identitas(wb, unit, tahun, p)
    rows, seen = [], {}
    for bagian, nama in LEMBAR_BAGIAN.items():
        if nama not in wb.sheetnames:
            p.galat("R02", "", "", f"lembar {nama!r} tidak ada")
            continue
        ws = wb[nama]
        _tanpa_rumus(ws, p)
        if _kepala(ws, KEPALA, p):
            rows += _baris_butir(ws, bagian, seen, p)
    for kode in KODE_BUTIR:
        sheet = LEMBAR_BAGIAN[kode.split(".")[0]]
        if kode not in seen and sheet in wb.sheetnames:
            p.galat("R05", sheet, "", f"butir {kode} tidak ada; baris butir tidak boleh dihapus")
    if LEMBAR_KOREKSI in wb.sheetnames:
        ws = wb[LEMBAR_KOREKSI]
        _tanpa_rumus(ws, p)
        if _kepala(ws, KEPALA_KOREKSI, p):
            out.koreksi = _koreksi(ws, p)
    else:
        p.galat("R02", "", "", f"lembar {LEMBAR_KOREKSI!r} tidak ada")
    out.jawaban = pd.DataFrame(rows, columns=["kode", "jawaban", "langkah", "bukti", "catatan", "sel"])
    out.masalah = p.daftar
    return out


def _isi(value) -> str:
    """A cell's text as read, "" for a blank (None or NaN in a frame)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def gabung_jawaban(hasil: HasilReviu, bacaan: BacaanKertas) -> HasilReviu:
    """``hasil`` with the reviewer's answers of ``bacaan`` on the reviewer's items and its
    correction register; kinerja's automatic decisions are kept (R09 when the file changed one),
    a reviewer's item left blank stays "Belum diuji" (R10). Warnings are added to ``bacaan``."""
    p = Penampung(bacaan.berkas)
    butir = hasil.butir.copy()
    given = bacaan.jawaban.set_index("kode") if not bacaan.jawaban.empty else bacaan.jawaban
    for i, r in butir.iterrows():
        if r["kode"] not in given.index:
            continue
        g = given.loc[r["kode"]]
        sheet, cell = g["sel"].split("!")
        if r["penjawab"] == PENJAWAB_OTOMATIS:
            if g["jawaban"] is not None and g["jawaban"] != r["jawaban"]:
                p.peringatan("R09", sheet, cell, f"butir {r['kode']} diputuskan kinerja dari data ({r['jawaban']}); "
                             f"jawaban {g['jawaban']!r} di berkas tidak dipakai; keberatan ditulis di lembar Koreksi")
            continue
        if g["jawaban"] in (None, "Belum diuji"):
            p.peringatan("R10", sheet, cell, f"butir {r['kode']} belum diuji; simpulan reviu menunggu jawabannya")
        if g["jawaban"] is None:
            continue
        if g["jawaban"] == "Tidak" and not _isi(g["catatan"]):
            p.peringatan("R13", sheet, f"G{cell[1:]}", f"butir {r['kode']} dijawab Tidak tanpa catatan")
        butir.loc[i, ["jawaban", "langkah", "bukti", "catatan"]] = [g["jawaban"], *(
            _isi(g[k]) for k in ("langkah", "bukti", "catatan"))]
    bacaan.masalah = [*bacaan.masalah, *p.daftar]
    return replace(hasil, butir=butir, koreksi=bacaan.koreksi)
