"""A received file before any of its sheets is read: its bytes, the checks every workbook
passes before it is opened (size, that it is an .xlsx at all, what it unpacks to), opening it,
and a short Indonesian name for the damage that stops a read. Used by formulir ingest and by
every import (Renja evaluations, SIPD exports, flat tables) alike.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
import zlib
from pathlib import Path

from openpyxl import load_workbook

from kinerja.core.berkas import bukan_xlsx
from kinerja.core.sistem import jenis_bukan_berkas
from kinerja.core.pindai import BATAS_ISI, Tolak, pindai
from kinerja.formulir.masalah import Penampung

__all__ = ["BATAS_ISI", "BATAS_UKURAN", "baca_isi", "periksa_berkas", "pesan_ukuran"]


# Limits on what a file may hold (stated in the methodology): a file size far above any
# formulir (a month's CRAAPK of a large dinas is ~100 kB).
BATAS_UKURAN = 20 * 1024 * 1024  # (what it unpacks to and holds: kinerja.core.pindai)

def pesan_ukuran(ukuran: int, batas: int = BATAS_UKURAN) -> str:
    """The message of a file larger than the limit (V48), the one wording of ingest, impor and
    the Kirim Formulir page (whose limit is lower).

    >>> pesan_ukuran(25 * 1048576 + 100_000)
    'berkas 25,1 MB, melebihi batas 20 MB untuk satu berkas'
    """
    return f"berkas {ukuran / 1048576:.1f} MB, melebihi batas {batas // 1048576} MB untuk satu berkas".replace(".", ",")


# What a damaged workbook raises while openpyxl reads it (XML errors are SyntaxErrors).
_RUSAK = (SyntaxError, ValueError, KeyError, TypeError, EOFError, OSError, IndexError, AttributeError,
          zipfile.BadZipFile, zlib.error)


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
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            p.galat("V01", "", "", f"berkas tidak dapat dibaca: {exc.strerror or exc}")
            return None
        fd = None
    try:
        return _isi_berkas_biasa(path, fd, p)
    finally:
        if fd is not None:
            os.close(fd)


def _isi_berkas_biasa(path: Path, fd: int | None, p: Penampung) -> bytes | None:
    """The bytes behind ``fd`` when it is a plain file no larger than the limit, checked before
    anything is read: a link (``fd`` None: opened without following it), a FIFO (which would
    block forever), a device (``/dev/zero`` never ends) or a socket is refused and named."""
    info = os.lstat(path) if fd is None else os.fstat(fd)
    jenis = jenis_bukan_berkas(info.st_mode)
    if jenis is not None:
        kode, apa = ("V77", f" ke {os.readlink(path)}") if stat.S_ISLNK(info.st_mode) else ("V78", "")
        p.galat(kode, "", "", f"berkas ini adalah {jenis}{apa}, bukan berkas biasa; kinerja hanya membaca berkas .xlsx "
                "yang benar-benar ada di folder itu. Salin berkas aslinya ke sini")
        return None
    if info.st_size > BATAS_UKURAN:
        p.galat("V48", "", "", pesan_ukuran(info.st_size))
        return None
    with os.fdopen(os.dup(fd), "rb") as fh:
        return fh.read(BATAS_UKURAN + 1)


def periksa_berkas(raw: bytes, p: Penampung, penuh: bool = False) -> bool:
    """The checks every workbook passes before it is opened (a formulir, a Renja evaluation, an
    export): size, that it is an .xlsx at all, and what its zip holds, counted while it streams
    (:func:`kinerja.core.pindai.pindai`; ``penuh`` when it will be read whole). False when it
    fails (the reason is in ``p``)."""
    if len(raw) > BATAS_UKURAN:
        p.galat("V48", "", "", pesan_ukuran(len(raw)))
        return False
    why = bukan_xlsx(raw[:8])
    if why:
        p.galat("V01", "", "", why)
        return False
    try:
        pindai(raw, penuh)
    except Tolak as t:
        p.galat(t.kode, t.lembar, t.sel, t.pesan)
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
