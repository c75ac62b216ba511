"""The ``kinerja`` command: its parser, built from one module per command group, and
``main``. Everything it prints is in Bahasa Indonesia."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kinerja import __version__
from kinerja.cli import analisis, dokumen, halaman, hitung, lke, masuk
from kinerja.cli.umum import Parser
from kinerja.core.errors import KinerjaError
from kinerja.render.keluaran import akhiran_keluaran

__all__ = ["main"]


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kinerja",
        description="kinerja: alat analisis akuntabilitas kinerja (SAKIP) untuk Bappeda, "
        "Bagian Organisasi dan Inspektorat.",
    )
    parser.add_argument("--versi", action="version", version=f"kinerja {__version__}", help="tampilkan versi")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah", parser_class=Parser)
    sub.required = True
    for kelompok in (hitung, masuk, analisis, lke, dokumen, halaman):
        kelompok.daftar(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kinerja`` console command; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
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

        print(f"kinerja {args.perintah}: kesalahan program yang tidak terduga ({pendek(' '.join(str(exc).split()), 200)}); "
              "laporkan kepada pengelola kinerja beserta perintah dan berkasnya", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
