"""What every ``kinerja`` command shares: an argument parser speaking Bahasa Indonesia, the
common options, the store a command opens, the suffixes an ``-o`` accepts."""

from __future__ import annotations

import argparse
import re
import sys

from kinerja.store.url import DEFAULT_URL

__all__ = ["FORMAT_CSV_XLSX", "FORMAT_TEMUAN", "Parser", "buka", "opsi_contoh", "opsi_db", "opsi_notebooks",
           "tutup_store"]


# The suffixes each command's -o writes (checked before the command runs, named in its help).
FORMAT_CSV_XLSX = (".csv", ".xlsx")


FORMAT_TEMUAN = (".xlsx", ".html", ".htm", ".csv")


# argparse builds its own messages in English; these patterns give them in Indonesian.
_ARGPARSE_ID = (
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"argumen \1: pilihan \2 tidak sah (pilih dari \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argumen \1: nilai \3 bukan angka yang sah"),
    (r"argument (\S+): expected one argument", r"argumen \1: memerlukan satu nilai"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"pilihan \1 tidak sah (pilih dari \2)"),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """ArgumentParser speaking Bahasa Indonesia."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str):
        for pattern, replacement in _ARGPARSE_ID:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def opsi_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help=f"basis data SQLAlchemy (bawaan: $KINERJA_DB, atau {DEFAULT_URL})")


def opsi_contoh(p: argparse.ArgumentParser) -> None:
    p.add_argument("--contoh", action="store_true",
                   help="pakai basis data contoh Kabupaten Nusa Rekaan (kabupaten rekaan; dibuat bila belum ada)")


def opsi_notebooks(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notebooks", metavar="FOLDER", default=None,
                   help="folder notebook yang disesuaikan (bawaan: $KINERJA_NOTEBOOKS, lalu bawaan paket)")


def buka(args: argparse.Namespace, harus_ada: bool = True, menulis: bool = False):
    """The store every command uses (``--db``, ``$KINERJA_DB``, the default), announced on stderr;
    for a command that ``menulis`` (writes), checked to be undamaged before anything is written."""
    from kinerja.store import Store, buka_store, tampil_url, url_store

    url = url_store(args.db)
    print(f"basis data: {tampil_url(url)}", file=sys.stderr)
    store = buka_store(url) if harus_ada else Store(url)
    _DIBUKA.append(store)
    if menulis:
        store.periksa_utuh()
    return store


_DIBUKA: list = []  # the stores this command opened, closed by tutup_store


def tutup_store() -> None:
    """Close the stores the command opened; one it created and loaded nothing into is removed
    with its lock and journal (a refused ingest, a summary of a store that did not exist)."""
    while _DIBUKA:
        _DIBUKA.pop().tutup(buang_bila_kosong=True)
