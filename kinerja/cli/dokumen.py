"""Documents: ``kinerja batch`` and ``kinerja notebook salin``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kinerja.cli.umum import (Parser, bilangan, bulan, buka, contoh, opsi_contoh, opsi_db, opsi_notebooks, skala_bawaan,
                              tahun)
from kinerja.core.errors import KinerjaError
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.store.url import DEFAULT_URL

__all__ = ["daftar"]


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    _batch(sub)
    _notebook(sub)


def _batch(sub) -> None:
    bt = sub.add_parser(
        "batch",
        help="susun dokumen (notebook papermill) untuk semua unit sekaligus",
        description="Jalankan notebook setiap dokumen untuk setiap unit dengan papermill, paralel. Hasil per unit di\n"
        "KELUARAN/TAHUN/UNIT/: notebook yang dijalankan dan halaman HTML tanpa kode. manifest.json mencatat\n"
        "setiap tugas; index.html menautkan semuanya. Unit yang gagal dicatat dan yang lain tetap jalan.\n"
        "HTML, PDF dan Word (.docx) disusun dari notebook yang sama; notebook di --notebooks (atau\n"
        "$KINERJA_NOTEBOOKS) dipakai lebih dahulu daripada bawaan paket.\n"
        f"Basis data: --db, atau $KINERJA_DB, atau {DEFAULT_URL}; contoh Kabupaten Nusa Rekaan hanya dengan --contoh.\n"
        "Ctrl-C menghentikan batch: yang sudah selesai dicatat di manifest.json dan index.html; lanjutkan\n"
        "dengan --resume. Catatan jalannya (notebook yang dijalankan, log) ada di KELUARAN/TAHUN/UNIT/_kerja/.",
        epilog=contoh("kinerja batch --tahun 2026 --bulan 9 --dokumen craapk",
                      "kinerja batch --set craapk-bulanan --tahun 2026 --bulan 9 --unit dinkes bappeda",
                      "kinerja batch --tahun 2026 --bulan 9 --resume"),
    )
    bt.add_argument("--set", metavar="NAMA", help="kumpulan parameter dari parameters/batch/NAMA.yaml (atau jalur "
                    ".yaml); opsi lain di baris perintah mengalahkannya")
    bt.add_argument("--tahun", type=tahun, help="tahun (wajib, di sini atau di --set)")
    bt.add_argument("--bulan", type=bulan, help="bulan laporan (dokumen bulanan)")
    bt.add_argument("--unit", nargs="+", metavar="KODE", help="hanya unit ini (bawaan: semua)")
    bt.add_argument("--kabupaten", nargs="+", metavar="KODE",
                    help="hanya unit kabupaten ini (basis data berisi beberapa kabupaten; bawaan: semua)")
    bt.add_argument("--dokumen", nargs="+", metavar="DOK", choices=list(DOKUMEN),
                    help=f"hanya dokumen ini: {', '.join(DOKUMEN)} (bawaan: semua)")
    bt.add_argument("--jobs", type=bilangan(1, 256), help=f"jumlah proses paralel (bawaan: {os.cpu_count() or 2})")
    bt.add_argument("--resume", action="store_true", help="jalankan ulang hanya yang gagal atau belum ada")
    bt.add_argument("--scheduler", metavar="ALAMAT",
                    help="jalankan di klaster Dask: alamat penjadwal (mis. tcp://10.0.0.5:8786; pekerja satu utas, "
                         "folder keluaran dan basis data terjangkau dari setiap pekerja) atau 'local' untuk "
                         "LocalCluster di mesin ini dengan --jobs pekerja")
    opsi_db(bt)
    opsi_contoh(bt)
    opsi_notebooks(bt)
    bt.add_argument("--skala", help=lambda: f"skala predikat (bawaan: {skala_bawaan()})")
    bt.add_argument("-o", "--keluaran", metavar="FOLDER", help="folder keluaran (bawaan: outputs)")
    bt.add_argument("--tanpa-pdf", action="store_true", help="jangan cetak PDF (tanpa chromium)")
    bt.add_argument("--kertas", choices=["a4", "f4"], help="ukuran kertas HTML cetak dan PDF (bawaan: a4; f4 = 215 × 330 mm)")
    bt.set_defaults(func=_cmd_batch)


def _notebook(sub) -> None:
    nb = sub.add_parser("notebook", help="salin notebook dokumen agar dapat disesuaikan",
                        description="Salin notebook dokumen (RKT, PK, RAAPK, CRAAPK, LKjIP) dan halaman pimpinan ke\n"
                        "FOLDER untuk disunting. Pakai folder itu dengan 'kinerja batch --notebooks FOLDER' atau\n"
                        "variabel KINERJA_NOTEBOOKS; notebook yang tidak ada di folder itu diambil dari paket.",
                        epilog=contoh("kinerja notebook salin notebook-saya"))
    nb_sub = nb.add_subparsers(dest="aksi", metavar="AKSI", title="aksi", parser_class=Parser)
    nb_sub.required = True
    salin = nb_sub.add_parser("salin", help="salin notebook bawaan ke FOLDER (berkas yang sudah ada tidak ditimpa)",
                              description="Salin notebook bawaan ke FOLDER; berkas yang sudah ada tidak ditimpa.",
                              epilog=contoh("kinerja notebook salin notebook-saya",
                                            "kinerja batch --notebooks notebook-saya --tahun 2026 --bulan 9"))
    salin.add_argument("folder", metavar="FOLDER")
    salin.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")
    salin.set_defaults(func=_cmd_notebook_salin)


def _cmd_batch(args: argparse.Namespace) -> int:
    from kinerja.core.formatting import format_angka
    from kinerja.run.batch import jalankan_batch, muat_set

    preset = muat_set(args.set) if args.set else {}

    def pick(name: str, default):
        value = getattr(args, name)
        return value if value is not None else preset.get(name, default)

    tahun = pick("tahun", None)
    if tahun is None:
        raise KinerjaError("tahun belum ditentukan: beri --tahun atau pakai --set dengan kunci tahun")
    args.tahun, args.keluaran = tahun, pick("keluaran", "outputs")
    contoh_ = args.contoh or preset.get("contoh", False)
    if not contoh_:  # a missing store, or one without this year, is named before anything runs
        args.db = pick("db", None)
        buka(args, tahun=tahun)
    manifest = jalankan_batch(tahun, pick("bulan", None), pick("unit", None), pick("dokumen", None),
                              pick("jobs", os.cpu_count() or 2), args.resume, pick("db", None) or "", args.keluaran,
                              pick("skala", skala_bawaan()),
                              progress=True if sys.stderr.isatty() else "baris",
                              pdf=preset.get("pdf", True) and not args.tanpa_pdf, contoh=contoh_,
                              notebooks=pick("notebooks", None), kertas=pick("kertas", "a4"),
                              scheduler=args.scheduler, kabupaten=pick("kabupaten", None))
    if contoh_:
        print("basis data: contoh Kabupaten Nusa Rekaan (kabupaten rekaan)", file=sys.stderr)
    if manifest.get("dihentikan"):
        return _dihentikan(args, manifest)
    failed = [t for t in manifest["tugas"] if t["status"] != "berhasil"]
    for t in failed:
        print(f"GAGAL  {t['unit']} {t['dokumen']}: {t['galat'].splitlines()[-1] if t['galat'] else ''}")
    n = len(manifest["tugas"])
    per_doc = manifest["durasi"] / max(1, manifest["dijalankan"])
    print(f"{n} dokumen: {n - len(failed)} berhasil, {len(failed)} gagal; {manifest['dijalankan']} dijalankan dalam "
          f"{format_angka(manifest['durasi'], 1)} detik ({format_angka(per_doc, 2)} detik/dokumen)")
    print(f"daftar dokumen: {Path(args.keluaran) / str(args.tahun) / 'index.html'}")
    return 1 if failed else 0


def _dihentikan(args: argparse.Namespace, manifest: dict) -> int:
    """Ctrl-C: what was done is recorded; say where, and how to go on."""
    folder = Path(args.keluaran) / str(args.tahun)
    print(f"kinerja batch: dihentikan (Ctrl-C); {len(manifest['tugas'])} dari {manifest['direncanakan']} dokumen "
          f"selesai dan dicatat di {folder / 'manifest.json'} dan {folder / 'index.html'}. Lanjutkan dengan perintah "
          "yang sama ditambah --resume: yang sudah selesai tidak dibuat ulang.", file=sys.stderr)
    return 130


def _cmd_notebook_salin(args: argparse.Namespace) -> int:
    from kinerja.core.sumber import salin_notebook

    written = salin_notebook(args.folder, timpa=args.timpa)
    print(f"{len(written)} notebook disalin ke {args.folder}" + ("" if args.timpa else
          " (berkas yang sudah ada tidak ditimpa)"))
    print(f"Pakai dengan: kinerja batch --notebooks {args.folder} …  atau  KINERJA_NOTEBOOKS={args.folder}")
    return 0
