"""``kinerja akses buat|daftar|cabut``: personal links to the pages (:mod:`kinerja.store.akses`)."""

from __future__ import annotations

import argparse
import sys

from kinerja.cli.umum import Parser, bilangan, buka, contoh, opsi_db, saran_ketik
from kinerja.core.errors import KinerjaError
from kinerja.halaman.pengunjung import PERAN

__all__ = ["daftar", "periksa_unit"]

_URAIAN = (
    "Tautan pribadi ke halaman 'kinerja serve', satu per orang. Peran menentukan yang boleh dilihat:\n"
    "  unit         data unitnya saja (Perangkat Daerah, Tren, Kirim Formulir); halaman seluruh\n"
    "               kabupaten (Ringkasan, Peringkat, Pohon Kinerja, Evaluasi AKIP) ditolak\n"
    "  bappeda      semua unit; dapat mengonfirmasi angka yang perlu diverifikasi\n"
    "  inspektorat  semua unit; dapat mengonfirmasi angka yang perlu diverifikasi\n"
    "  pimpinan     semua unit; tidak dapat mengubah apa pun\n"
    "Rahasia tautan dicetak SEKALI saat dibuat; basis data hanya menyimpan sidiknya (SHA-256), jadi\n"
    "tautan yang hilang tidak dapat ditampilkan lagi: cabut lalu buat yang baru. Begitu basis data\n"
    "memuat satu tautan yang berlaku, 'kinerja serve' hanya menerima tautan pribadi."
)


def daftar(sub) -> None:
    """Add ``kinerja akses`` and its three commands to ``sub`` (the parser's subcommands)."""
    ak = sub.add_parser("akses", help="tautan pribadi ke halaman: buat, daftar, cabut", description=_URAIAN,
                        epilog=contoh("kinerja akses buat --db sqlite:///outputs/kinerja.sqlite --unit dinkes "
                                      "--nama 'Operator Dinkes'",
                                      "kinerja akses daftar --db sqlite:///outputs/kinerja.sqlite",
                                      "kinerja akses cabut --db sqlite:///outputs/kinerja.sqlite --id 3"))
    perintah = ak.add_subparsers(dest="perintah_akses", metavar="PERINTAH", parser_class=Parser, required=True)
    buat = perintah.add_parser("buat", help="buat satu tautan pribadi dan cetak sekali", description=_URAIAN,
                               epilog=contoh("kinerja akses buat --unit dinkes --nama 'Operator Dinkes' --berlaku 30",
                                             "kinerja akses buat --unit bappeda --peran bappeda --nama 'Kabid Renbang' "
                                             "--url-dasar https://kinerja.example.go.id"))
    opsi_db(buat)
    buat.add_argument("--unit", metavar="KODE", help="kode unit di Daftar Unit (wajib untuk peran unit)")
    buat.add_argument("--peran", choices=PERAN, default="unit", help="peran pemegang tautan (bawaan: unit)")
    buat.add_argument("--nama", metavar="LABEL", help="nama pemegang tautan, tercatat pada konfirmasi "
                                                      "(bawaan: peran dan unit)")
    buat.add_argument("--berlaku", type=bilangan(1, 3660), default=90, metavar="HARI",
                      help="masa berlaku dalam hari (bawaan: 90)")
    buat.add_argument("--url-dasar", default="http://127.0.0.1:8866", metavar="URL",
                      help="alamat 'kinerja serve' sebagaimana dibuka pengunjung (bawaan: http://127.0.0.1:8866)")
    buat.set_defaults(func=_cmd_buat)
    lihat = perintah.add_parser("daftar", help="daftar tautan (tanpa rahasia)", description=_URAIAN,
                                epilog=contoh("kinerja akses daftar --unit dinkes"))
    opsi_db(lihat)
    lihat.add_argument("--unit", metavar="KODE", help="hanya tautan unit ini")
    lihat.set_defaults(func=_cmd_daftar)
    cabut = perintah.add_parser("cabut", help="cabut tautan: satu (--id) atau semua milik satu unit (--unit)",
                                description=_URAIAN, epilog=contoh("kinerja akses cabut --id 3",
                                                                   "kinerja akses cabut --unit dinkes"))
    opsi_db(cabut)
    cabut.add_argument("--id", type=bilangan(1), metavar="N", help="nomor tautan (lihat 'kinerja akses daftar')")
    cabut.add_argument("--unit", metavar="KODE", help="cabut semua tautan unit ini yang masih berlaku")
    cabut.add_argument("--nama", metavar="LABEL", help="bersama --unit: hanya tautan dengan nama ini")
    cabut.set_defaults(func=_cmd_cabut)


def periksa_unit(store, kode: str | None) -> None:
    """Refuse a unit code the Daftar Unit does not hold, with the nearest one."""
    if kode is None:
        return
    units = store.current("unit")["kode"].tolist()
    if kode not in units:
        raise KinerjaError(f"unit '{kode}' tidak ada di Daftar Unit"
                           + (saran_ketik(kode, units) or "; periksa kode unit di berkas Daftar Unit"))


def _cmd_buat(args: argparse.Namespace) -> int:
    from kinerja.halaman.pengunjung import Pengunjung
    from kinerja.store.akses import buat_tautan

    store = buka(args, menulis=True)
    periksa_unit(store, args.unit)
    if args.peran == "unit" and not args.unit:
        raise KinerjaError("peran unit memerlukan --unit KODE")
    Pengunjung(args.peran, args.unit if args.peran == "unit" else None)  # the role's own rules
    nama = args.nama or (f"{args.peran} {args.unit}" if args.unit else args.peran)
    tautan, rahasia = buat_tautan(store, nama.strip(), args.peran, args.unit, args.berlaku)
    print(f"tautan {tautan.id} dibuat: {tautan.nama}, peran {tautan.peran}"
          + (f", unit {tautan.unit_kode}" if tautan.unit_kode else "")
          + f", berlaku sampai {_waktu(tautan.berlaku_sampai)}", file=sys.stderr)
    print("Simpan tautan ini sekarang; tautan tidak dapat ditampilkan lagi:", file=sys.stderr)
    print(f"{args.url_dasar.rstrip('/')}/?kunci={rahasia}", flush=True)
    return 0


def _status(t) -> str:
    return t.alasan_tolak().removeprefix("tautan ini ").removeprefix("masa berlaku tautan ini ") or "berlaku"


def _cmd_daftar(args: argparse.Namespace) -> int:
    from kinerja.store.akses import daftar_tautan

    store = buka(args)
    periksa_unit(store, args.unit)
    semua = [t for t in daftar_tautan(store) if args.unit is None or t.unit_kode == args.unit]
    if not semua:
        print("belum ada tautan pribadi" + (f" untuk unit {args.unit}" if args.unit else ""))
        return 0
    print("id\tnama\tperan\tunit\tdibuat\tberlaku sampai\tstatus")
    for t in semua:
        print("\t".join([str(t.id), t.nama, t.peran, t.unit_kode or "–", _waktu(t.dibuat),
                         _waktu(t.berlaku_sampai), _status(t)]))
    return 0


def _cmd_cabut(args: argparse.Namespace) -> int:
    from kinerja.store.akses import cabut_tautan, daftar_tautan

    if (args.id is None) == (args.unit is None):
        raise KinerjaError("sebutkan tautan yang dicabut: --id N, atau --unit KODE (semua tautan unit itu)")
    store = buka(args, menulis=True)
    periksa_unit(store, args.unit)
    if args.id is not None and args.id not in {t.id for t in daftar_tautan(store)}:
        raise KinerjaError(f"tidak ada tautan nomor {args.id}; lihat 'kinerja akses daftar'")
    dicabut = cabut_tautan(store, args.id, args.unit, args.nama)
    for t in dicabut:
        print(f"tautan {t.id} ({t.nama}) dicabut")
    if not dicabut:
        print("tidak ada tautan berlaku yang cocok; tidak ada yang dicabut")
    return 0


def _waktu(waktu) -> str:
    from kinerja.core.formatting import format_waktu

    return format_waktu(waktu) if waktu is not None else "tanpa batas"
