"""The ``kinerja`` command: its parser, built from one module per command group, and
``main``. Everything it prints is in Bahasa Indonesia."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kinerja import __version__
from kinerja.cli import analisis, dokumen, halaman, hitung, lke, masuk, pengingat, reviu
from kinerja.cli.umum import Parser, contoh, tutup_store
from kinerja.core.errors import KinerjaError
from kinerja.render.keluaran import akhiran_keluaran

__all__ = ["main"]


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kinerja",
        description="kinerja: alat analisis akuntabilitas kinerja (SAKIP) untuk Bappeda, "
        "Bagian Organisasi dan Inspektorat.",
        epilog=contoh("kinerja sample outputs/sampel", "kinerja ingest outputs/sampel",
                      "kinerja kepatuhan --tahun 2026 --bulan 9", "kinerja PERINTAH --help"),
    )
    parser.add_argument("--versi", action="version", version=f"kinerja {__version__}", help="tampilkan versi")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah", parser_class=Parser)
    sub.required = True
    for kelompok in (hitung, masuk, analisis, pengingat, lke, reviu, dokumen, halaman):
        kelompok.daftar(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kinerja`` console command; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    # A library's writer left half-closed by a fault (openpyxl's zip and XML streams on a full disk)
    # complains again, in English with a traceback, when it is collected: the fault is named once,
    # in Indonesian, by the handlers below (or per file by ingest).
    sys.unraisablehook = lambda _unraisable: None
    try:
        if getattr(args, "keluaran", None) and getattr(args, "format_keluaran", None):
            akhiran_keluaran(args.keluaran, args.format_keluaran)  # refuse before any work is done
        return args.func(args)
    except KinerjaError as exc:
        print(f"kinerja {args.perintah}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(f"kinerja {args.perintah}: dihentikan", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a user never sees a traceback
        from kinerja.core.formatting import pendek
        from kinerja.core.sistem import pesan_sistem


        pesan = pesan_sistem(exc, _berkas_db(args), str(getattr(args, "keluaran", None) or ""))
        if pesan:  # a full disk, a read-only folder, a damaged store: named for what it is
            print(f"kinerja {args.perintah}: {pesan}", file=sys.stderr)
            return 2
        print(f"kinerja {args.perintah}: kesalahan program yang tidak terduga ({pendek(' '.join(str(exc).split()), 200)}); "
              "laporkan kepada pengelola kinerja beserta perintah dan berkasnya", file=sys.stderr)
        return 3
    finally:
        tutup_store()


def _berkas_db(args: argparse.Namespace) -> str:
    """The store a command used, for a message about it (SQLite's errors name no file)."""
    from kinerja.store.url import tampil_url, url_store

    try:
        return tampil_url(url_store(getattr(args, "db", None)))
    except Exception:  # noqa: BLE001 - only for a message
        return ""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
