"""The ``kinerja`` command. Everything it prints is in Bahasa Indonesia."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import __version__
from .capaian import capaian_tabel
from .errors import KinerjaError
from .excel import tulis_xlsx
from .formatting import format_persen
from .predikat import DEFAULT_SKALA, daftar_skala, muat_skala
from .tables import baca_tabel, tulis_csv

__all__ = ["main"]

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


class _Parser(argparse.ArgumentParser):
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


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kinerja",
        description="kinerja: alat analisis akuntabilitas kinerja (SAKIP) untuk Bappeda, "
        "Bagian Organisasi dan Inspektorat.",
    )
    parser.add_argument("--versi", action="version", version=f"kinerja {__version__}", help="tampilkan versi")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah", parser_class=_Parser)
    sub.required = True

    cap = sub.add_parser(
        "capaian",
        help="hitung capaian dan predikat dari tabel target dan realisasi",
        description="Hitung capaian (%), predikat dan catatan untuk setiap baris tabel.\n\n"
        "Tabel .csv atau .xlsx harus punya kolom 'target' dan 'realisasi', boleh juga 'polaritas'\n"
        "(positif, negatif, stabil/rentang, kualitatif) dan 'batas_capaian' (batas atas per\n"
        "indikator). Nama kolom tidak peka huruf besar/kecil. Nilai boleh ditulis seperti di\n"
        "laporan: 87,5%, Rp1.500.000, 1.000 orang, kurang dari 49, 80–90, 3±1, WTP, BB.\n\n"
        "Keluaran memuat semua kolom masukan ditambah capaian, predikat dan catatan.\n"
        "CSV: desimal titik, tanpa pemisah ribuan, presisi penuh, kosong bila capaian tidak\n"
        "terdefinisi. XLSX: angka asli dengan format tampilan Indonesia.",
    )
    cap.add_argument("masukan", metavar="MASUKAN", help="berkas .csv atau .xlsx")
    cap.add_argument("-o", "--keluaran", metavar="KELUARAN", help="berkas .csv atau .xlsx (tanpa ini: CSV ke layar)")
    cap.add_argument("--lembar", metavar="NAMA", help="nama lembar pada berkas .xlsx (bawaan: lembar pertama)")
    cap.add_argument(
        "--skala",
        default=DEFAULT_SKALA,
        metavar="SKALA",
        help=f"skala predikat: nama berkas di parameters/predikat/ atau jalur .yaml (bawaan: {DEFAULT_SKALA})",
    )
    cap.add_argument(
        "--batas-capaian",
        type=float,
        metavar="N",
        help="batasi capaian paling tinggi N (mis. 120); bawaan: tanpa batas",
    )
    cap.add_argument(
        "--desimal",
        choices=("koma", "titik"),
        help="paksa pemisah desimal untuk semua nilai teks (bawaan: dikenali per nilai)",
    )
    cap.add_argument(
        "--tabel",
        action="store_true",
        help="tampilkan juga tabel ringkas berformat Indonesia di layar",
    )
    cap.set_defaults(func=_cmd_capaian)

    sk = sub.add_parser("skala", help="daftar skala predikat yang tersedia")
    sk.set_defaults(func=_cmd_skala)
    return parser


def _cmd_capaian(args: argparse.Namespace) -> int:
    data = baca_tabel(args.masukan, args.lembar)
    out = capaian_tabel(
        data,
        skala=args.skala,
        batas_capaian=args.batas_capaian,
        desimal=args.desimal,
        sumber=Path(args.masukan).name,
    )
    if args.keluaran:
        suffix = Path(args.keluaran).suffix.lower()
        if suffix == ".csv":
            tulis_csv(out, args.keluaran)
        elif suffix == ".xlsx":
            tulis_xlsx(out, args.keluaran, skala=muat_skala(args.skala))
        else:
            raise KinerjaError(f"{args.keluaran}: format keluaran harus .csv atau .xlsx")
    elif not args.tabel:
        tulis_csv(out, sys.stdout)
    if args.tabel:
        shown = out.copy()
        shown["capaian"] = format_persen(out["capaian"])
        shown["predikat"] = out["predikat"].fillna("–")
        with pd.option_context("display.max_colwidth", 70, "display.width", 200):
            print(shown.to_string(index=False))
    n = len(out)
    done = int(out["capaian"].notna().sum())
    note = f"{n} baris: {done} capaian dihitung"
    if n - done:
        note += f", {n - done} tanpa capaian (lihat kolom catatan)"
    if args.keluaran:
        note += f"; ditulis ke {args.keluaran}"
    print(note, file=sys.stderr)
    return 0


def _cmd_skala(args: argparse.Namespace) -> int:
    for name in daftar_skala():
        skala = muat_skala(name)
        bands = ", ".join(
            f"{k.label} ({'≥' if k.inklusif else '>'} {k.batas:g})" if k.batas is not None else f"{k.label} (sisanya)"
            for k in skala.kelas
        )
        print(f"{name}: {skala.nama}: {bands}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kinerja`` console command; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KinerjaError as exc:
        print(f"kinerja {args.perintah}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
