"""``kinerja capaian`` and ``kinerja skala``: capaian of a user's table, and the predikat scales."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kinerja.cli.umum import FORMAT_CSV_XLSX, contoh, skala_bawaan
from kinerja.render.keluaran import penulis_csv, penulis_xlsx, teks_format, tulis_keluaran

__all__ = ["daftar"]


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    _capaian(sub)
    _skala(sub)


def _capaian(sub) -> None:
    cap = sub.add_parser(
        "capaian",
        help="hitung capaian dan predikat dari tabel target dan realisasi",
        description="Hitung capaian (%), predikat dan catatan untuk setiap baris tabel.\n\n"
        "Tabel .csv atau .xlsx harus punya kolom 'target' dan 'realisasi', boleh juga 'polaritas'\n"
        "(positif, negatif, stabil/rentang, kualitatif) dan 'batas_capaian' (batas atas per\n"
        "indikator). Tanpa kolom 'polaritas', polaritas ditebak dari kolom 'indikator' (atau 'nama')\n"
        "seperti pada 'kinerja impor' dan disebut per baris di kolom 'polaritas_sumber'. Nama kolom tidak peka huruf besar/kecil. Nilai boleh ditulis seperti di\n"
        "laporan: 87,5%, Rp1.500.000, 1.000 orang, kurang dari 49, 80–90, 3±1, WTP, BB.\n\n"
        "Keluaran memuat semua kolom masukan ditambah capaian, predikat dan catatan.\n"
        "CSV untuk Excel Indonesia: pemisah titik koma (;), desimal koma, tanpa pemisah ribuan,\n"
        "presisi penuh, kosong bila capaian tidak terdefinisi. XLSX: angka asli dengan format\n"
        "tampilan Indonesia.",
        epilog=contoh("kinerja capaian data/contoh/capaian.csv --tabel",
                      "kinerja capaian capaian.xlsx --lembar Capaian -o hasil.xlsx"),
    )
    cap.add_argument("masukan", metavar="MASUKAN", help="berkas .csv atau .xlsx")
    cap.add_argument("-o", "--keluaran", metavar="KELUARAN",
                     help=f"berkas {teks_format(FORMAT_CSV_XLSX)} (tanpa ini: CSV ke layar)")
    cap.add_argument("--lembar", metavar="NAMA", help="nama lembar pada berkas .xlsx (bawaan: lembar pertama)")
    cap.add_argument(
        "--skala",
        metavar="SKALA",
        help=lambda: f"skala predikat: nama berkas di parameters/predikat/ atau jalur .yaml (bawaan: {skala_bawaan()})",
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


def _skala(sub) -> None:
    sk = sub.add_parser("skala", help="daftar skala predikat yang tersedia",
                        description="Daftar skala predikat di parameters/predikat/ dengan batas setiap predikat.",
                        epilog=contoh("kinerja skala"))
    sk.set_defaults(func=_cmd_skala)


def _cmd_capaian(args: argparse.Namespace) -> int:
    from kinerja.core.berkas import baca_tabel
    from kinerja.core.capaian import capaian_tabel
    from kinerja.core.predikat import muat_skala

    data = baca_tabel(args.masukan, args.lembar)
    skala = args.skala or skala_bawaan()
    out = capaian_tabel(
        data,
        skala=skala,
        batas_capaian=args.batas_capaian,
        desimal=args.desimal,
        sumber=Path(args.masukan).name,
    )
    if args.keluaran:
        tulis_keluaran(args.keluaran, {".csv": penulis_csv(out),
                                       ".xlsx": penulis_xlsx(out, lembar="Capaian", kolom_angka=("capaian",),
                                                             kolom_predikat="predikat", skala=muat_skala(skala))})
    elif not args.tabel:
        from kinerja.core.berkas import tulis_csv

        tulis_csv(out, sys.stdout)
    _tampilkan(args, data, out)
    return 0


def _tampilkan(args: argparse.Namespace, data, out) -> None:
    """``--tabel`` and the closing note of ``kinerja capaian``."""
    import pandas as pd

    from kinerja.core.berkas import cari_kolom
    from kinerja.core.formatting import format_persen

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
    if "polaritas_sumber" in out:
        guessed = out["polaritas_sumber"].str.startswith("ditebak")
        counts = out.loc[guessed, "polaritas"].value_counts()
        note += (f"; polaritas ditebak dari nama indikator untuk {int(guessed.sum())} baris ("
                 + ", ".join(f"{int(n)} {pol}" for pol, n in counts.items()) + "; lihat kolom polaritas_sumber)")
    elif cari_kolom(data, "polaritas", wajib=False) is None:
        note += "; tanpa kolom polaritas maupun nama indikator: semua baris dihitung sebagai positif"
    if args.keluaran:
        note += f"; ditulis ke {args.keluaran}"
    print(note, file=sys.stderr)


def _cmd_skala(args: argparse.Namespace) -> int:
    from kinerja.core.predikat import daftar_skala, muat_skala

    for name in daftar_skala():
        skala = muat_skala(name)
        bands = ", ".join(
            f"{k.label} ({'≥' if k.inklusif else '>'} {k.batas:g})" if k.batas is not None else f"{k.label} (sisanya)"
            for k in skala.kelas
        )
        print(f"{name}: {skala.nama}: {bands}")
    return 0
