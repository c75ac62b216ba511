"""Ingest: read a formulir workbook, check all of it, then load the whole file or nothing.

:func:`muat_berkas` recognises the formulir from its identity block, reads every row,
and runs every check of :mod:`kinerja.formulir.validasi`. Every problem is collected (not just
the first), each naming file, sheet, cell and what was expected, in Bahasa Indonesia.
Errors stop the file; warnings are reported and the file still loads. A loaded file is
archived under its sha256 with its received time; the same file again changes nothing;
a corrected file becomes a new revision whose rows supersede the old ones. :func:`urutkan`
orders a folder's files so that what others depend on loads first. The steps live in
:mod:`kinerja.formulir.berkas` (the file), :mod:`kinerja.formulir.lembar` (its sheets) and
:mod:`kinerja.formulir.kiriman` (the store).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from kinerja.formulir import validasi
from kinerja.formulir.berkas import baca_isi
from kinerja.formulir.daftar import FORMULIR, urutan_muat
from kinerja.formulir.kiriman import simpan_kiriman, sudah_dimuat, waktu_terima
from kinerja.formulir.lembar import baca_formulir
from kinerja.formulir.masalah import HasilMuat, Masalah, Penampung, pendek, teks_sel
from kinerja.formulir.tata_letak import BARIS_IDENTITAS
from kinerja.store import Store

__all__ = ["muat_berkas", "urutkan"]


_text = teks_sel


def muat_berkas(
    path: str | Path,
    store: Store,
    arsip: str | Path,
    diterima: dt.datetime | None = None,
    unit: str | None = None,
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
    unit : str, optional
        Accept only a formulir of this unit (a unit's clerk sending on a page): another unit's
        file, or a file of no unit (the Daftar Unit), is refused at its unit cell (V82) before
        any of its rows is checked against the store.

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
        return _muat(Path(path), store, arsip, diterima, unit)
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        from kinerja.core.errors import KinerjaError
        from kinerja.core.sistem import pesan_sistem

        if isinstance(exc, KinerjaError) and "basis data" in str(exc) or pesan_sistem(exc):
            raise  # the store or the disk is unusable: stop, the files are not at fault
        hasil = HasilMuat(berkas=Path(path).name, status="ditolak")
        hasil.masalah = [Masalah("galat", Path(path).name, "", "", "berkas tidak dapat diproses karena kesalahan "
                                 f"program ({pendek(' '.join(str(exc).split()), 120)}); laporkan berkas ini kepada "
                                 "pengelola kinerja", "V00")]
        return hasil


def _muat(path: Path, store: Store, arsip: str | Path, diterima: dt.datetime | None, unit: str | None) -> HasilMuat:
    p = Penampung(path.name)
    hasil = HasilMuat(berkas=path.name, status="ditolak")
    raw = baca_isi(path, p)
    if raw is None:
        hasil.masalah = p.daftar
        return hasil
    sha, existing = sudah_dimuat(hasil, raw, store)
    if existing is not None and (unit is None or existing["unit_kode"] == unit):
        hasil.formulir = existing["dokumen"]
        return hasil
    hasil.status, hasil.submission_id = "ditolak", None  # another unit's file already loaded: read to say where
    read = baca_formulir(path, p, raw)
    if read is None:
        hasil.masalah = p.daftar
        return hasil
    f, ident, main, second = read
    if unit is not None and ident["unit"] != unit:
        _unit_lain(p, main.nama, ident["unit"], unit)
        hasil.masalah = p.daftar
        return hasil
    ident["diterima"] = waktu_terima(path, diterima)  # what a CRAAPK may report is bounded by it (V70, V71)
    hasil.formulir, hasil.unit, hasil.tahun, hasil.bulan = f.kode, ident["unit"], ident["tahun"], ident["bulan"]
    rows = validasi.periksa(f, ident, main, second, store, p)
    hasil.masalah = p.daftar
    if p.ada_galat or rows is None:
        return hasil
    if rows.get("anggaran") is not None:  # budget rows belong to their document (schema 3)
        rows["anggaran"] = rows["anggaran"].assign(dokumen=f.jenis.lower())
    return simpan_kiriman(hasil, path, raw, sha, store, arsip, diterima, f.jenis, f.tingkat, ident, rows,
                          len(p.daftar))


def _unit_lain(p: Penampung, lembar: str, tertulis: str, unit: str) -> None:
    """V82: a unit's clerk sent a formulir of another unit (or of none, the Daftar Unit)."""
    found = f"formulir unit \"{pendek(tertulis)}\"" if tertulis else "formulir tanpa kode unit (Daftar Unit)"
    p.galat("V82", lembar, f"B{BARIS_IDENTITAS['unit']}", f"berkas ini {found}, sedangkan Anda mengirim untuk unit "
            f"\"{unit}\"; kirim formulir unit Anda sendiri (formulir unit lain dikirim oleh unit itu atau Bappeda)")


def urutkan(paths: list[Path]) -> list[Path]:
    """Order files so that what others depend on loads first (unit, renstra, rkt, pk, ...).

    Peeks at each workbook's formulir code; unreadable files go last (they are reported).
    """

    def rank(path: Path) -> tuple[int, int, str]:
        if path.is_symlink() or not path.is_file():  # a link, a FIFO, a device: refused when loaded, never opened here
            return 99, 0, path.name
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    code = _text(ws.cell(row=BARIS_IDENTITAS["formulir"], column=2).value)
                    if code in FORMULIR:
                        f = FORMULIR[code]
                        order = urutan_muat(f)
                        # an LKE follows up the year before's recommendations: older years first
                        tahun = _text(ws.cell(row=BARIS_IDENTITAS["tahun"], column=2).value) if f.jenis == "LKE" else ""
                        return order, int(tahun) if tahun.isdecimal() else 0, path.name
            finally:
                wb.close()
        except Exception:  # noqa: BLE001 - reported properly when the file is loaded
            pass
        return 99, 0, path.name

    return sorted(paths, key=rank)
