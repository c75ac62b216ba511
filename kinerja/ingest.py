"""Ingest: read a formulir workbook, check all of it, then load the whole file or nothing.

:func:`muat_berkas` recognises the formulir from its identity block, reads every row,
and runs every check of :mod:`kinerja.validasi`. Every problem is collected (not just
the first), each naming file, sheet, cell and what was expected, in Bahasa Indonesia.
Errors stop the file; warnings are reported and the file still loads. A loaded file is
archived under its sha256 with its received time; the same file again changes nothing;
a corrected file becomes a new revision whose rows supersede the old ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from . import validasi
from .formulir import BARIS_DATA, BARIS_IDENTITAS, BARIS_NOMOR, BULAN_KAPITAL, FORMULIR, Formulir
from .masalah import HasilMuat, Lembar, Masalah, Penampung, kode_indikator, teks_sel
from .store import ROW_KEYS, Store

__all__ = ["Masalah", "HasilMuat", "Lembar", "muat_berkas", "kode_indikator", "baca_formulir"]

URUTAN_DOKUMEN = {"UNIT": 0, "RENSTRA": 1, "RKT": 2, "PK": 3, "RAAPK": 4, "CRAAPK": 5}


_text = teks_sel


def _read_sheet(ws, f: Formulir, p: Penampung) -> Lembar | None:
    """Check the numbering row and read the data rows of one sheet."""
    rows = list(ws.iter_rows(min_row=BARIS_NOMOR, values_only=True))
    nomor = [(_text(v)) for v in (rows[0] if rows else ())]
    ok = True
    for j, expected in enumerate(f.nomor(), start=1):
        got = nomor[j - 1] if j - 1 < len(nomor) else ""
        if got != expected:
            p.galat("V08", ws.title, f"{get_column_letter(j)}{BARIS_NOMOR}",
                    f"nomor kolom \"{got or '(kosong)'}\" seharusnya \"{expected}\": kolom formulir tidak boleh "
                    "digeser, ditambah atau dihapus")
            ok = False
            break
    if not ok:
        return None
    width = len(f.kolom)
    records = []
    for offset, values in enumerate(rows[BARIS_DATA - BARIS_NOMOR:], start=BARIS_DATA):
        values = list(values[:width]) + [None] * max(0, width - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        records.append([*values, offset])
    data = pd.DataFrame(records, columns=[*f.fields(), "_baris"], dtype=object)
    return Lembar(ws.title, f, data)


def _find_formulir(wb, p: Penampung) -> tuple[Formulir, object] | None:
    kode_row = BARIS_IDENTITAS["formulir"]
    for ws in wb.worksheets:
        code = _text(ws.cell(row=kode_row, column=2).value) if ws.max_row >= kode_row else ""
        if code in FORMULIR:
            return FORMULIR[code], ws
    p.galat("V02", "", "", f"bukan formulir kinerja: kode formulir tidak ditemukan di sel B{kode_row}; "
            f"yang dikenal: {', '.join(FORMULIR)} (buat berkas dengan 'kinerja template')")
    return None


def _identity(ws, f: Formulir, p: Penampung) -> dict:
    out: dict = {"unit": _text(ws.cell(row=BARIS_IDENTITAS["unit"], column=2).value)}
    if not out["unit"] and f.jenis != "UNIT":
        p.galat("V03", ws.title, f"B{BARIS_IDENTITAS['unit']}", "kode unit kosong; isi dengan kode dari Daftar Unit")
    raw_tahun = ws.cell(row=BARIS_IDENTITAS["tahun"], column=2).value
    tahun = None
    try:
        tahun = int(float(_text(raw_tahun)))
        if not 2000 <= tahun <= 2100:
            raise ValueError
    except ValueError:
        p.galat("V06", ws.title, f"B{BARIS_IDENTITAS['tahun']}",
                f"tahun \"{_text(raw_tahun) or '(kosong)'}\" bukan tahun yang sah, mis. 2026")
        tahun = None
    out["tahun"] = tahun
    out["bulan"] = None
    if f.dengan_bulan:
        raw = _text(ws.cell(row=BARIS_IDENTITAS["bulan"], column=2).value)
        bulan = _bulan(raw)
        if bulan is None:
            p.galat("V07", ws.title, f"B{BARIS_IDENTITAS['bulan']}",
                    f"bulan laporan \"{raw or '(kosong)'}\" tidak dikenal; isi nama bulan, mis. Juni, atau angka 1–12")
        out["bulan"] = bulan
    return out


def _bulan(text: str) -> int | None:
    t = text.strip().upper()
    if t in BULAN_KAPITAL:
        return BULAN_KAPITAL.index(t) + 1
    if t.isdigit() and 1 <= int(t) <= 12:
        return int(t)
    return None


def baca_formulir(path: Path, p: Penampung) -> tuple[Formulir, dict, Lembar, Lembar | None] | None:
    """Open a workbook and read its identity, main sheet and second sheet."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        p.galat("V01", "", "", f"bukan berkas Excel .xlsx yang dapat dibaca ({exc.__class__.__name__})")
        return None
    try:
        found = _find_formulir(wb, p)
        if found is None:
            return None
        f, ws = found
        ident = _identity(ws, f, p)
        main = _read_sheet(ws, f, p)
        second = None
        if f.lampiran is not None:
            if f.lampiran.lembar not in wb.sheetnames:
                p.galat("V09", f.lampiran.lembar, "", f"lembar \"{f.lampiran.lembar}\" tidak ada; formulir {f.kode} "
                        "memerlukannya (buat ulang dari 'kinerja template')")
            else:
                second = _read_sheet(wb[f.lampiran.lembar], f.lampiran, p)
        if main is None:
            return None
        return f, ident, main, second
    finally:
        wb.close()


def muat_berkas(
    path: str | Path,
    store: Store,
    arsip: str | Path,
    diterima: dt.datetime | None = None,
) -> HasilMuat:
    """Check one workbook and load it into ``store`` in one transaction, or not at all."""

    path = Path(path)
    p = Penampung(path.name)
    hasil = HasilMuat(berkas=path.name, status="ditolak")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        p.galat("V01", "", "", f"berkas tidak dapat dibaca: {exc.strerror or exc}")
        hasil.masalah = p.daftar
        return hasil
    sha = hashlib.sha256(raw).hexdigest()
    existing = store.find_sha(sha)
    if existing is not None:
        hasil.status = "sama"
        hasil.submission_id = existing["id"]
        hasil.formulir = existing["dokumen"]
        return hasil
    read = baca_formulir(path, p)
    if read is None:
        hasil.masalah = p.daftar
        return hasil
    f, ident, main, second = read
    hasil.formulir, hasil.unit, hasil.tahun, hasil.bulan = f.kode, ident["unit"], ident["tahun"], ident["bulan"]
    rows = validasi.periksa(f, ident, main, second, store, p)
    hasil.masalah = p.daftar
    if p.ada_galat or rows is None:
        return hasil
    received = diterima or dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    archive_dir = Path(arsip)
    archive_dir.mkdir(parents=True, exist_ok=True)
    archived = archive_dir / f"{sha}.xlsx"
    if not archived.exists():
        tmp = archived.with_suffix(".tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(archived)
    earlier = store.count_submissions(f.jenis, ident["unit"] or None, ident["tahun"], ident["bulan"])
    info = {
        "dokumen": f.jenis,
        "tingkat": f.tingkat,
        "unit_kode": ident["unit"] or None,
        "tahun": ident["tahun"],
        "bulan": ident["bulan"],
        "berkas": path.name,
        "sha256": sha,
        "ukuran": len(raw),
        "diterima": received,
        "dimuat": dt.datetime.now().replace(microsecond=0),
        "arsip": str(archived),
        "peringatan": len(p.daftar),
    }
    if rows.get("anggaran") is not None:  # budget rows belong to their document (schema 3)
        rows["anggaran"] = rows["anggaran"].assign(dokumen=f.jenis.lower())
    rows = _dengan_penghapusan(f.jenis, ident, rows, store)
    hasil.submission_id = store.add_submission(info, rows)
    hasil.status = "dimuat"
    hasil.revisi = earlier + 1
    hasil.baris = {k: len(v) for k, v in rows.items() if v is not None}
    return hasil


def _cakupan(jenis: str, unit: str, tahun: int | None, bulan: int | None, store: Store) -> dict[str, pd.DataFrame]:
    """The current rows a submission of this document, unit and period speaks for as a whole."""
    doc = jenis.lower()
    if jenis == "RENSTRA":
        real = store.current("realisasi", unit_kode=unit)
        return {"target": store.current("target", unit_kode=unit, dokumen="renstra"),
                "realisasi": real[real["bulan"].isna()]}
    if jenis in ("RKT", "PK", "RAAPK"):
        return {"target": store.current("target", unit_kode=unit, dokumen=doc, tahun=tahun),
                "anggaran": store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)}
    if jenis == "CRAAPK":
        upto = bulan or 12
        real = store.current("realisasi", unit_kode=unit, tahun=tahun)
        money = store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)
        return {"realisasi": real[real["bulan"].notna() & (real["bulan"] <= upto)],
                "anggaran": money[money["bulan"].notna() & (money["bulan"] <= upto)]}
    return {}


def _kunci(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Row keys comparable across a new frame and the store (NaN as None, numbers as float)."""
    def norm(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return None
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    columns = [frame[k].map(norm) if k in frame else [None] * len(frame) for k in keys]
    return pd.Series(list(zip(*columns)), index=frame.index, dtype=object)


def _dengan_penghapusan(jenis: str, ident: dict, rows: dict, store: Store) -> dict:
    """A newer submission of the same unit, document and period replaces that document's rows
    as a whole: every current key it no longer holds (an emptied cell, a dropped indicator or
    program) gets a row marked ``dihapus``, so the current view leaves it out while the history
    keeps the old value and the file that removed it (docs/metodologi.md §7)."""
    if not ident.get("unit"):
        return rows
    out = dict(rows)
    for name, old in _cakupan(jenis, ident["unit"], ident["tahun"], ident["bulan"], store).items():
        if old.empty:
            continue
        keys = list(ROW_KEYS[name])
        new = rows.get(name)
        kept = set(_kunci(new, keys)) if new is not None and not new.empty else set()
        gone = old[~_kunci(old, keys).isin(kept)]
        if gone.empty:
            continue
        marks = gone[keys].assign(dihapus=True)
        out[name] = marks if new is None or new.empty else pd.concat([new, marks], ignore_index=True)
    return out


def urutkan(paths: list[Path]) -> list[Path]:
    """Order files so that what others depend on loads first (unit, renstra, rkt, pk, ...).

    Peeks at each workbook's formulir code; unreadable files go last (they are reported).
    """

    def rank(path: Path) -> tuple[int, str]:
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    code = _text(ws.cell(row=BARIS_IDENTITAS["formulir"], column=2).value)
                    if code in FORMULIR:
                        f = FORMULIR[code]
                        order = URUTAN_DOKUMEN[f.jenis] * 10 + (0 if f.tingkat == "kabupaten" else 1)
                        return order, path.name
            finally:
                wb.close()
        except Exception:  # noqa: BLE001 - reported properly when the file is loaded
            pass
        return 99, path.name

    return sorted(paths, key=rank)

