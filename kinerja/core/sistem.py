"""Files on a shared machine: opening a file without following a link, refusing a folder
below an output root that is a link, what kind of thing a path is when it is not a plain
file, and the Indonesian name of a fault of the system rather than of the user's workbook
(a full disk, a read-only folder, a missing permission, a file where a folder must be, a
damaged or busy SQLite store).

The command line's top-level handler and the per-file handlers of ingest and impor ask
:func:`pesan_sistem` before they call anything a "kesalahan program".
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from pathlib import Path

from kinerja.core.errors import KinerjaError

__all__ = ["buka_tulis_baru", "jenis_bukan_berkas", "pesan_sistem", "periksa_tautan"]


def jenis_bukan_berkas(mode: int) -> str | None:
    """What a path whose ``lstat`` mode is ``mode`` is, in Bahasa Indonesia, when it is not a
    plain file; None for a plain file.

    Examples
    --------
    >>> import stat
    >>> jenis_bukan_berkas(stat.S_IFIFO), jenis_bukan_berkas(stat.S_IFREG) is None
    ('pipa bernama (FIFO)', True)
    """
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISLNK, "tautan simbolik (symlink)"), (stat.S_ISFIFO, "pipa bernama (FIFO)"),
                       (stat.S_ISCHR, "berkas perangkat"), (stat.S_ISBLK, "berkas perangkat"),
                       (stat.S_ISSOCK, "soket"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "bukan berkas biasa"


def periksa_tautan(path: str | os.PathLike, akar: str | os.PathLike) -> None:
    """Refuse (:class:`KinerjaError`) when a folder between ``akar`` (the output folder the user
    named, which may itself be a link) and ``path`` is a symbolic link: a link planted in a
    shared output folder must not send kinerja's writes elsewhere. ``path`` itself is replaced,
    never followed, by the writers (:func:`kinerja.core.berkas.tulis_atomik`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp()); (root / "2026").mkdir()
    >>> (root / "2026" / "dinkes").symlink_to("/tmp")
    >>> try:
    ...     periksa_tautan(root / "2026" / "dinkes" / "pk.html", root)
    ... except KinerjaError as e:
    ...     print(str(e).split(":")[1].split(";")[0].strip())
    folder keluaran ini adalah tautan simbolik (symlink) ke /tmp
    """
    root, target = Path(os.path.abspath(akar)), Path(os.path.abspath(path))
    try:
        rest = target.parent.relative_to(root)
    except ValueError:
        return
    here = root
    for part in rest.parts:
        here = here / part
        if here.is_symlink():
            raise KinerjaError(f"{here}: folder keluaran ini adalah tautan simbolik (symlink) ke {os.readlink(here)}; "
                               "kinerja tidak menulis melalui tautan di dalam folder keluaran. Hapus tautan itu "
                               "(atau pilih folder keluaran lain) lalu jalankan ulang")


def buka_tulis_baru(path: str | os.PathLike, mode: int = 0o644) -> int:
    """A file descriptor of a new, empty file at ``path`` for writing: whatever was there (a
    file, or a link planted to make kinerja overwrite its target) is removed first, and the file
    is created exclusively, so a link is never followed (used for the batch's logs)."""
    path = os.fspath(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)


# What an errno means for the user, and what to do. {nama} is the file or folder the system named.
_ERRNO = {
    errno.ENOSPC: "ruang disk penuh sehingga {nama} tidak dapat ditulis; kosongkan ruang pada disk itu (atau pilih "
                  "folder lain) lalu jalankan ulang perintah. Berkas yang sudah ada tidak diubah",
    errno.EROFS: "{nama} berada di sistem berkas yang hanya dapat dibaca (read-only); pilih folder keluaran lain "
                 "atau minta pengelola server memasangnya dapat ditulis",
    errno.EACCES: "tidak ada izin mengakses {nama}; periksa izin folder itu (atau pilih folder lain) lalu jalankan "
                  "ulang perintah",
    errno.ENOTDIR: "{nama}: sebagian jalur ini adalah berkas, bukan folder; pindahkan berkas itu atau pilih folder "
                   "lain (mis. --arsip, -o)",
    errno.EEXIST: "{nama} sudah ada sebagai berkas, padahal di sini dibutuhkan folder; pindahkan berkas itu atau pilih "
                  "folder lain (mis. --arsip, -o)",
    errno.EISDIR: "{nama} adalah folder, padahal di sini dibutuhkan berkas; sebutkan nama berkas",
    errno.ELOOP: "{nama} adalah tautan simbolik (symlink); kinerja tidak membaca atau menulis melalui tautan. Hapus "
                 "tautan itu atau sebutkan berkas aslinya",
    errno.EIO: "kesalahan baca/tulis perangkat pada {nama} (disk rusak atau sambungan jaringan terputus); periksa "
               "disk itu lalu jalankan ulang perintah",
}
_ERRNO[errno.EFBIG] = ("{nama} melebihi ukuran berkas terbesar yang diizinkan sistem (batas ukuran berkas, mis. "
                       "ulimit -f, atau sistem berkas FAT); pilih folder lain atau minta pengelola server "
                       "menaikkan batasnya")
_ERRNO[errno.ENOENT] = "{nama} tidak ada (atau foldernya tidak ada); periksa jalurnya lalu jalankan ulang perintah"
_ERRNO[errno.ENAMETOOLONG] = "nama atau jalur {nama} terlalu panjang untuk sistem berkas ini; pilih jalur yang lebih pendek"
_ERRNO[errno.EPERM] = _ERRNO[errno.EACCES]
_ERRNO[errno.EDQUOT] = _ERRNO[errno.ENOSPC].replace("ruang disk penuh", "kuota disk habis")

_LXML_IO = {"IO_EFBIG": errno.EFBIG, "IO_ENOSPC": errno.ENOSPC, "IO_EACCES": errno.EACCES, "IO_EROFS": errno.EROFS}

# What SQLite says of a store it cannot write, and what it means for the user.
_SQLITE = (
    ("database or disk is full", _ERRNO[errno.ENOSPC]),
    ("readonly database", "basis data {nama} hanya dapat dibaca (berkas atau foldernya tidak dapat ditulis); periksa "
                          "izinnya atau salin basis data ke folder yang dapat ditulis"),
    ("malformed", "basis data {nama} rusak; pulihkan dari cadangan, atau buat basis data baru dan muat ulang "
                  "berkas asli di folder arsip"),
    ("not a database", "{nama} bukan basis data kinerja (SQLite); periksa --db atau KINERJA_DB"),
    ("database is locked", "basis data {nama} sedang dipakai proses lain terlalu lama; tunggu proses itu selesai lalu "
                           "jalankan ulang perintah"),
)


def pesan_sistem(exc: BaseException, nama: str = "", keluaran: str = "") -> str | None:
    """The Indonesian message for a fault of the system (disk, folder, permission, store) found
    in ``exc`` or the exceptions it was raised from; None when ``exc`` is no such fault.

    ``nama`` names the store for SQLite's errors (which name none), ``keluaran`` the file being
    written for a system error that names none (a full disk while a library writes).

    Examples
    --------
    >>> import errno
    >>> pesan_sistem(OSError(errno.ENOSPC, "No space left on device", "hasil/pk.pdf"))[:47]
    'ruang disk penuh sehingga hasil/pk.pdf tidak da'
    >>> pesan_sistem(ValueError("x")) is None
    True
    """
    seen = 0
    while exc is not None and seen < 5:
        seen += 1
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.Error):
            text = str(orig)
            for kata, pesan in _SQLITE:
                if kata in text:
                    return pesan.format(nama=nama or "SQLite")
        if isinstance(exc, OSError) and exc.errno in _ERRNO:
            where = exc.filename if exc.filename is not None else (keluaran or "berkas keluaran")
            return _ERRNO[exc.errno].format(nama=where)
        if isinstance(exc, OSError) and exc.errno is not None:  # any other refusal of the system, named
            where = exc.filename if exc.filename is not None else (keluaran or "berkas keluaran")
            return (f"sistem menolak mengakses {where} ({exc.strerror or exc}); periksa jalur, disk dan izinnya lalu "
                    "jalankan ulang perintah")
        for kode, nomor in _LXML_IO.items():  # lxml names the errno in its message, not as an OSError
            if kode in str(exc):
                return _ERRNO[nomor].format(nama=keluaran or "berkas keluaran")
        exc = exc.__cause__ or exc.__context__
    return None
