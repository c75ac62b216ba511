"""``kinerja pengingat``: who owes a report for a month, a ready message each, sent by e-mail."""

from __future__ import annotations

import argparse

from kinerja.cli.umum import DATA_KINERJA, buka, contoh, opsi_db, opsi_tahun_bulan
from kinerja.core.jadwal import batas_teks

__all__ = ["daftar"]


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    pg = sub.add_parser(
        "pengingat", help="siapa yang belum menyampaikan laporan bulan ini, dengan pesan pengingat siap kirim",
        description=f"Daftar unit yang belum menyampaikan atau terlambat untuk satu bulan (batas CRAAPK: "
        f"{batas_teks()}; unit yang melapor per triwulan hanya ditagih pada bulan terakhir triwulannya,\n"
        "20 hari setelah triwulan berakhir), dengan pesan pengingat dalam Bahasa Indonesia untuk setiap unit yang\n"
        "laporannya belum diterima: apa yang harus disampaikan, batas waktunya, sudah lewat berapa hari, dan\n"
        "alamat halaman Kirim Formulir. Tautan pribadi unit tidak pernah ditulis di pesan.\n\n"
        "Alamat surel unit dan server SMTP di parameters/pengingat.yaml (surel: kode unit → alamat; smtp: host,\n"
        "port, pengirim, starttls, pengguna). Sandi SMTP hanya dari variabel lingkungan KINERJA_SMTP_SANDI.\n"
        "Tanpa --kirim pesan hanya ditampilkan; dengan --kirim dikirim dan hasilnya dilaporkan per unit.",
        epilog=contoh("kinerja pengingat --tahun 2026 --bulan 9",
                      "kinerja pengingat --tahun 2026 --bulan 9 --url-halaman https://kinerja.bulelengkab.go.id",
                      "KINERJA_SMTP_SANDI=... kinerja pengingat --tahun 2026 --bulan 9 --kirim"))
    opsi_tahun_bulan(pg, "bulan laporan yang ditagih (1–12)")
    pg.add_argument("--kabupaten", metavar="KODE", help="hanya unit kabupaten ini (basis data berisi beberapa "
                    "kabupaten; bawaan: semua)")
    pg.add_argument("--url-halaman", metavar="URL", help="alamat server halaman (kinerja serve), mis. "
                    "https://kinerja.bulelengkab.go.id; bawaan: url_halaman di pengingat.yaml")
    pg.add_argument("--berkas", metavar="BERKAS", help="berkas pengaturan (bawaan: parameters/pengingat.yaml)")
    pg.add_argument("--kirim", action="store_true", help="kirim pesan lewat surel (tanpa ini: hanya ditampilkan)")
    opsi_db(pg)
    pg.set_defaults(func=_cmd_pengingat)


def _cmd_pengingat(args: argparse.Namespace) -> int:
    from kinerja.analisis.pengingat import pesan_pengingat, tunggakan
    from kinerja.core.errors import KinerjaError
    from kinerja.core.formatting import format_tanggal
    from kinerja.run.surel import BerkasPengingat, Kiriman, kirim_surel, muat_pengingat

    store = buka(args, tahun=args.tahun, dokumen=DATA_KINERJA)
    cfg = muat_pengingat(args.berkas, set(store.current("unit")["kode"]))
    url = args.url_halaman or cfg.url_halaman
    if args.url_halaman:
        url = BerkasPengingat(url_halaman=args.url_halaman).url_halaman  # the same check as the file's
    table = tunggakan(store, args.tahun, args.bulan, args.kabupaten)
    owing = table[table["status"] == "belum menyampaikan"]
    late = table[table["status"] == "terlambat"]
    print(f"Pengingat laporan bulan {args.bulan:02d}/{args.tahun}: {len(owing)} unit belum menyampaikan, "
          f"{len(late)} unit terlambat (sudah diterima).")
    for _, row in late.iterrows():
        print(f"  terlambat: {row['kode']:<14} {row['nama']}: {row['periode']} diterima "
              f"{format_tanggal(row['diterima'])}, {row['hari']} hari setelah batas; tidak perlu pengingat")
    kiriman, tanpa = [], []
    for _, row in owing.iterrows():
        subjek, isi = pesan_pengingat(row, url, cfg.nama_pengirim)
        kepada = cfg.surel.get(row["kode"], "")
        print(f"\n=== {row['kode']} — {row['nama']} — kepada: {kepada or '(alamat surel belum ada di pengingat.yaml)'}")
        print(f"Perihal: {subjek}\n\n{isi}")
        (kiriman.append(Kiriman(row["kode"], kepada, subjek, isi)) if kepada else tanpa.append(row["kode"]))
    if not args.kirim:
        if kiriman:
            print("Pesan belum dikirim; tambahkan --kirim untuk mengirimnya lewat surel.")
        return 0
    if not kiriman:
        if tanpa:
            raise KinerjaError(f"tidak ada pesan yang dapat dikirim: alamat surel {', '.join(tanpa)} belum ada "
                               "di pengingat.yaml")
        print("Tidak ada pesan yang perlu dikirim.")
        return 0
    hasil = kirim_surel(cfg, kiriman)
    print("\nHasil pengiriman:")
    for k in kiriman:
        print(f"  {k.kode:<14} {'terkirim ke ' + k.kepada if not hasil[k.kode] else 'GAGAL: ' + hasil[k.kode]}")
    for kode in tanpa:
        print(f"  {kode:<14} tidak dikirim: alamat surel belum ada di pengingat.yaml")
    return 1 if any(hasil.values()) or tanpa else 0
