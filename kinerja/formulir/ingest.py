"""Ingest: read a formulir workbook, check all of it, then load the whole file or nothing.

:func:`muat_berkas` recognises the formulir from its identity block, reads every row,
and runs every check of :mod:`kinerja.formulir.validasi`. Every problem is collected (not just
the first), each naming file, sheet, cell and what was expected, in Bahasa Indonesia.
Errors stop the file; warnings are reported and the file still loads. A loaded file is
archived under its sha256 with its received time; the same file again changes nothing;
a corrected file becomes a new revision whose rows supersede the old ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
import zlib
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kinerja.formulir import validasi
from kinerja.formulir.daftar import FORMULIR, urutan_muat
from kinerja.formulir.tata_letak import BARIS_DATA, BARIS_IDENTITAS, BARIS_NOMOR, Formulir
from kinerja.formulir.masalah import Angka, HasilMuat, Lembar, Masalah, Penampung, pendek, teks_angka, teks_sel
from kinerja.core.parsing import kode_indikator
from kinerja.store import ROW_KEYS, Store
from kinerja.core.berkas import bukan_xlsx
from kinerja.core.periode import baca_bulan

__all__ = ["Masalah", "HasilMuat", "Lembar", "muat_berkas", "kode_indikator", "baca_formulir", "periksa_berkas",
           "simpan_kiriman", "sudah_dimuat", "baca_isi"]



_text = teks_sel


# Limits on what a workbook may hold (stated in the methodology): Excel's own cell length,
# and a file size far above any formulir (a month's CRAAPK of a large dinas is ~100 kB).
BATAS_SEL = 32_767
BATAS_UKURAN = 20 * 1024 * 1024
BATAS_ISI = 200 * 1024 * 1024  # unpacked
BATAS_BARIS = 100_000


def _read_sheet(ws, f: Formulir, p: Penampung, sel_rumus: set | None = None) -> Lembar | None:
    """Check the numbering row and read the data rows of one sheet."""
    # Cells, not bare values: a number keeps the text its number format shows (masalah.Angka).
    # (A merged or empty cell has no number format of its own.)
    rows = [tuple(Angka(c.value, teks_angka(c.value, getattr(c, "number_format", None)))
                  if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) else c.value for c in row)
            for row in ws.iter_rows(min_row=BARIS_NOMOR, max_row=BARIS_NOMOR + BATAS_BARIS)]
    nomor = [(_text(v)) for v in (rows[0] if rows else ())]
    expected = f.nomor()
    extra = [n for n in nomor[len(expected):] if n]
    if nomor[: len(expected)] != expected or extra:
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
            return None
        for j, want in enumerate(expected, start=1):
            got = nomor[j - 1] if j - 1 < len(nomor) else ""
            if got != want:
                p.galat("V08", ws.title, f"{get_column_letter(j)}{BARIS_NOMOR}",
                        f"nomor kolom \"{pendek(got) or '(kosong)'}\" seharusnya \"{want}\": kolom formulir tidak "
                        "boleh digeser, ditambah atau dihapus")
                return None
        j = len(expected) + nomor[len(expected):].index(extra[0]) + 1
        p.galat("V08", ws.title, f"{get_column_letter(j)}{BARIS_NOMOR}",
                f"kolom tambahan bernomor \"{pendek(extra[0])}\": formulir {f.kode} hanya punya kolom "
                f"{expected[0]}–{expected[-1]}")
        return None
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
    data = pd.DataFrame(records, columns=[*f.fields(), "_baris"], dtype=object)
    return Lembar(ws.title, f, data)


# What a damaged workbook raises while openpyxl reads it (XML errors are SyntaxErrors).
_RUSAK = (SyntaxError, ValueError, KeyError, TypeError, EOFError, OSError, IndexError, AttributeError,
          zipfile.BadZipFile, zlib.error)

_GALAT_EXCEL = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


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
    out: dict = {"unit": _text(ws.cell(row=BARIS_IDENTITAS["unit"], column=2).value)}
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
    """A year 2000–2100 written as a whole number (2026, "2026", 2026.0); nothing else."""
    text = _text(value)
    if not (text.isascii() and text.isdecimal()):
        return None
    year = int(text)
    return year if 2000 <= year <= 2100 else None


def periksa_berkas(raw: bytes, p: Penampung) -> bool:
    """The checks every workbook passes before it is opened (a formulir, a Renja evaluation, an
    export): size, that it is an .xlsx at all, and what it unpacks to. False when it fails
    (the reason is in ``p``)."""
    import io

    if len(raw) > BATAS_UKURAN:
        p.galat("V48", "", "", f"berkas {len(raw) / 1048576:.1f} MB, melebihi batas {BATAS_UKURAN // 1048576} MB "
                "untuk satu berkas".replace(".", ","))
        return False
    why = bukan_xlsx(raw[:8])
    if why:
        p.galat("V01", "", "", why)
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            unpacked = sum(item.file_size for item in z.infolist())
    except zipfile.BadZipFile:
        p.galat("V01", "", "", "berkas .xlsx rusak atau terpotong (arsip zip tidak utuh); simpan ulang dari Excel")
        return False
    if unpacked > BATAS_ISI:  # a small file can unpack to gigabytes (one enormous cell, a zip bomb)
        p.galat("V48", "", "", f"isi berkas {unpacked / 1048576:.0f} MB setelah dibuka, melebihi batas "
                f"{BATAS_ISI // 1048576} MB untuk satu berkas")
        return False
    return True


def _buka(path: Path, raw: bytes, p: Penampung):
    """Open the workbook, or say in Bahasa Indonesia why it cannot be opened and what to do."""
    import io

    if not periksa_berkas(raw, p):
        return None
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        for ws in wb.worksheets:
            ws.reset_dimensions()  # a missing or wrong <dimension> element must not hide rows
        return wb
    except zipfile.BadZipFile:
        p.galat("V01", "", "", "berkas .xlsx rusak atau terpotong (arsip zip tidak utuh); simpan ulang dari Excel")
    except _RUSAK as exc:
        p.galat("V01", "", "", "isi berkas .xlsx rusak sehingga tidak dapat dibaca "
                f"({_penyebab(exc)}); buka di Excel lalu simpan ulang sebagai .xlsx")
    return None


def _penyebab(exc: BaseException) -> str:
    """A short Indonesian name for what went wrong inside a file, never a Python class name."""
    import xml.etree.ElementTree as ET

    if isinstance(exc, (ET.ParseError, SyntaxError)) or "XML" in type(exc).__name__:
        return "XML lembar tidak lengkap atau tidak sah"
    if isinstance(exc, KeyError):
        return "bagian workbook hilang"
    return "struktur workbook tidak dikenal"


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
        ident = _identity(ws, f, p)
        formulas = _sel_rumus(raw)
        main = _read_sheet(ws, f, p, formulas)
        second = None
        if f.lampiran is not None:
            if f.lampiran.lembar not in wb.sheetnames:
                p.galat("V09", f.lampiran.lembar, "", f"lembar \"{f.lampiran.lembar}\" tidak ada; formulir {f.kode} "
                        "memerlukannya (buat ulang dari 'kinerja template')")
            else:
                second = _read_sheet(wb[f.lampiran.lembar], f.lampiran, p, formulas)
        if main is None:
            return None
        return f, ident, main, second
    except _RUSAK as exc:  # sheets are parsed lazily: a damaged one fails while it is read
        p.galat("V01", "", "", f"isi berkas .xlsx rusak sehingga tidak dapat dibaca ({_penyebab(exc)}); buka di "
                "Excel lalu simpan ulang sebagai .xlsx")
        return None
    finally:
        wb.close()


def muat_berkas(
    path: str | Path,
    store: Store,
    arsip: str | Path,
    diterima: dt.datetime | None = None,
) -> HasilMuat:
    """Check one formulir workbook and load it into ``store`` in one transaction, or not at all.

    Never raises for anything in the file: whatever goes wrong becomes a located message
    (rule V00 when the failure is kinerja's own), so a folder run goes on past a bad file.

    Parameters
    ----------
    path : str or Path
        The workbook (.xlsx) a unit sent.
    store : Store
        The store to load into.
    arsip : str or Path
        The folder where the accepted file is kept under its sha256.
    diterima : datetime, optional
        When the file was received (kepatuhan counts from it); default the file's time.

    Returns
    -------
    HasilMuat
        ``status`` (``dimuat``, ``ditolak``, ``sudah ada``…) and ``masalah``: every
        problem found, each with file, sheet, cell, rule code and an Indonesian message.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kinerja
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "x.xlsx").write_bytes(b"bukan workbook")
    >>> hasil = kinerja.muat_berkas(folder / "x.xlsx", kinerja.Store(f"sqlite:///{folder}/k.sqlite"), folder / "arsip")
    >>> hasil.status, hasil.masalah[0].kode
    ('ditolak', 'V01')
    """
    try:
        return _muat(Path(path), store, arsip, diterima)
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        from kinerja.core.errors import KinerjaError

        if isinstance(exc, KinerjaError) and "basis data" in str(exc):
            raise  # the store itself is unusable: stop, the files are not at fault
        hasil = HasilMuat(berkas=Path(path).name, status="ditolak")
        hasil.masalah = [Masalah("galat", Path(path).name, "", "", "berkas tidak dapat diproses karena kesalahan "
                                 f"program ({pendek(' '.join(str(exc).split()), 120)}); laporkan berkas ini kepada "
                                 "pengelola kinerja", "V00")]
        return hasil


def _muat(path: Path, store: Store, arsip: str | Path, diterima: dt.datetime | None) -> HasilMuat:
    p = Penampung(path.name)
    hasil = HasilMuat(berkas=path.name, status="ditolak")
    raw = baca_isi(path, p)
    if raw is None:
        hasil.masalah = p.daftar
        return hasil
    sha, existing = sudah_dimuat(hasil, raw, store)
    if existing is not None:
        hasil.formulir = existing["dokumen"]
        return hasil
    read = baca_formulir(path, p, raw)
    if read is None:
        hasil.masalah = p.daftar
        return hasil
    f, ident, main, second = read
    hasil.formulir, hasil.unit, hasil.tahun, hasil.bulan = f.kode, ident["unit"], ident["tahun"], ident["bulan"]
    rows = validasi.periksa(f, ident, main, second, store, p)
    hasil.masalah = p.daftar
    if p.ada_galat or rows is None:
        return hasil
    if rows.get("anggaran") is not None:  # budget rows belong to their document (schema 3)
        rows["anggaran"] = rows["anggaran"].assign(dokumen=f.jenis.lower())
    return simpan_kiriman(hasil, path, raw, sha, store, arsip, diterima, f.jenis, f.tingkat, ident, rows,
                          len(p.daftar))


def baca_isi(path: Path, p: Penampung) -> bytes | None:
    """The bytes of a file that ingest or impor was given; None, with galat V01 (the one
    code of an unreadable file, in ingest and impor alike), when the system cannot read it.

    Parameters
    ----------
    path : pathlib.Path
    p : Penampung
        Where the problem is reported.

    Returns
    -------
    bytes or None

    Examples
    --------
    >>> p = Penampung("tidak-ada.xlsx")
    >>> baca_isi(Path("/tidak/ada/tidak-ada.xlsx"), p) is None, [m.kode for m in p.daftar]
    (True, ['V01'])
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        p.galat("V01", "", "", f"berkas tidak dapat dibaca: {exc.strerror or exc}")
        return None


def sudah_dimuat(hasil: HasilMuat, raw: bytes, store: Store) -> tuple[str, dict | None]:
    """The sha256 of a file's bytes and the submission that already holds the same file,
    if any; then ``hasil`` is marked ``sama`` with that submission. The one de-duplication of
    every source (formulir, Evaluasi Renja and table imports, SIPD exports).

    Parameters
    ----------
    hasil : HasilMuat
        The result being built for the file; changed only when the file is already loaded.
    raw : bytes
        The file's bytes.
    store : Store

    Returns
    -------
    tuple of (str, dict or None)
        The hex digest and the existing submission's row (None when the file is new).

    Examples
    --------
    >>> s = Store("sqlite://")
    >>> h = HasilMuat(berkas="x.xlsx", status="ditolak")
    >>> sha, existing = sudah_dimuat(h, b"isi", s)
    >>> len(sha), existing, h.status
    (64, None, 'ditolak')
    """
    sha = hashlib.sha256(raw).hexdigest()
    existing = store.find_sha(sha)
    if existing is not None:
        hasil.status, hasil.submission_id = "sama", existing["id"]
    return sha, existing


def simpan_kiriman(hasil: HasilMuat, path: Path, raw: bytes, sha: str, store: Store, arsip: str | Path,
                   diterima: dt.datetime | None, dokumen: str, tingkat: str, ident: dict,
                   rows: dict[str, pd.DataFrame], peringatan: int) -> HasilMuat:
    """Archive a checked file under its sha256 and load its rows as one submission (a new
    revision of this unit's document and period: what the file no longer holds is marked
    removed). Every source goes this way: formulir (``kinerja ingest``) and imports
    (``kinerja impor``)."""
    received = diterima or dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    archive_dir = Path(arsip)
    archive_dir.mkdir(parents=True, exist_ok=True)
    archived = archive_dir / f"{sha}{path.suffix.lower() or '.xlsx'}"
    if not archived.exists():
        tmp = archived.with_suffix(".tmp")
        tmp.write_bytes(raw)
        tmp.replace(archived)
    info = {
        "dokumen": dokumen,
        "tingkat": tingkat,
        "unit_kode": ident["unit"] or None,
        "tahun": ident["tahun"],
        "bulan": ident["bulan"],
        "berkas": path.name,
        "sha256": sha,
        "ukuran": len(raw),
        "diterima": received,
        "dimuat": dt.datetime.now().replace(microsecond=0),
        "arsip": str(archived),
        "peringatan": peringatan,
    }
    loaded: dict = {}

    def baris() -> dict:  # computed under the store's lock, against the current view as it stands
        loaded.update(_dengan_penghapusan(dokumen, ident, rows, store))
        return loaded

    hasil.submission_id, hasil.revisi, hasil.status = store.tambah_kiriman(info, baris)
    if hasil.status == "dimuat":
        hasil.baris = {k: len(v) for k, v in loaded.items() if v is not None}
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
    if jenis == "EVALUASI-RENJA":  # a quarter's file speaks for the year's Renja and its quarters so far
        upto = bulan or 12
        real = store.current("realisasi", unit_kode=unit, tahun=tahun)
        return {"target": store.current("target", unit_kode=unit, dokumen="renja", tahun=tahun),
                "realisasi": real[(real["periode"] == "triwulan") & (real["bulan"] <= upto)],
                "anggaran": store.current("anggaran", unit_kode=unit, dokumen="renja", tahun=tahun)}
    if jenis in ("SIPD-REALISASI", "SIPD-ANGGARAN"):  # an export speaks for the unit's year in that source
        return {"anggaran": store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)}
    if jenis == "PROFIL":
        return {"profil": store.current("profil", unit_kode=unit, tahun=tahun)}
    if jenis == "POHON":
        return {"pohon": store.current("pohon", unit_kode=unit, tahun=tahun),
                "crosscutting": store.current("crosscutting", unit_kode=unit, tahun=tahun)}
    if jenis == "CRAAPK":
        upto = bulan or 12
        real = store.current("realisasi", unit_kode=unit, tahun=tahun)
        money = store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)
        return {"realisasi": real[real["bulan"].notna() & (real["bulan"] <= upto) & real["periode"].isna()],
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
                        order = urutan_muat(f)
                        return order, path.name
            finally:
                wb.close()
        except Exception:  # noqa: BLE001 - reported properly when the file is loaded
            pass
        return 99, path.name

    return sorted(paths, key=rank)

