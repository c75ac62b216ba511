"""The ``kinerja`` command. Everything it prints is in Bahasa Indonesia."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kinerja import __version__
from kinerja.core.capaian import capaian_tabel
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_persen
from kinerja.formulir.daftar import cari_formulir
from kinerja.core.predikat import DEFAULT_SKALA, daftar_skala, muat_skala
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.core.jadwal import batas_teks
from kinerja.store.url import DEFAULT_URL
from kinerja.formulir.templat import tulis_formulir
from kinerja.core.berkas import baca_tabel, tulis_csv
from kinerja.render.keluaran import akhiran_keluaran, penulis_csv, penulis_xlsx, teks_format, tulis_keluaran

__all__ = ["main"]

# The suffixes each command's -o writes (checked before the command runs, named in its help).
_CSV_XLSX = (".csv", ".xlsx")
_FORMAT_TEMUAN = (".xlsx", ".html", ".htm", ".csv")

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
    cap.add_argument("-o", "--keluaran", metavar="KELUARAN",
                     help=f"berkas {teks_format(_CSV_XLSX)} (tanpa ini: CSV ke layar)")
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

    tp = sub.add_parser(
        "template",
        help="tulis formulir kosong (.xlsx) untuk diisi unit",
        description="Tulis formulir kosong sesuai Peraturan Bupati tentang Pedoman Pengukuran Kinerja: nomor kolom (1)…(N), lembar Cara Pengisian,\n"
        "pilihan (dropdown) polaritas, agregasi dan bulan, baris judul terkunci.\n\n"
        "JENIS: unit, renstra (rpjmd untuk kabupaten), rkt, pk, raapk, craapk, profil, pohon\n"
        "TINGKAT: kabupaten, pd (perangkat daerah), pejabat (administrator/pengawas), semua (untuk unit)",
    )
    tp.add_argument("jenis", metavar="JENIS")
    tp.add_argument("tingkat", metavar="TINGKAT")
    tp.add_argument("-o", "--keluaran", metavar="BERKAS", required=True, help="berkas .xlsx yang ditulis")
    tp.set_defaults(format_keluaran=(".xlsx",))
    tp.add_argument("--unit", metavar="KODE", default="", help="isi kode unit di identitas formulir")
    tp.add_argument("--tahun", metavar="T", type=int, help="isi tahun di identitas formulir")
    tp.add_argument("--bulan", metavar="M", type=int, help="isi bulan laporan (CRAAPK)")
    tp.set_defaults(func=_cmd_template)

    ing = sub.add_parser(
        "ingest",
        help="periksa dan muat formulir .xlsx ke basis data",
        description="Periksa setiap berkas seluruhnya, lalu muat utuh atau tidak sama sekali. Semua masalah\n"
        "dilaporkan dengan nama berkas, lembar dan sel. Galat menolak berkas; peringatan tidak.\n"
        "Berkas yang sama persis tidak dimuat dua kali; berkas perbaikan menjadi revisi baru.\n"
        "Folder dibaca seluruhnya (*.xlsx); urutan muat diatur otomatis (unit, renstra, rkt, pk, raapk, craapk).",
    )
    ing.add_argument("berkas", metavar="BERKAS", nargs="+", help="berkas .xlsx atau folder")
    _db_option(ing)
    ing.add_argument("--arsip", metavar="FOLDER", help="folder arsip berkas asli (bawaan: arsip/ di samping basis data)")
    ing.add_argument("--diterima", metavar="TANGGAL", help="waktu terima, mis. 2026-07-04 atau 2026-07-04T09:30 "
                     "(bawaan: waktu ubah berkas)")
    ing.add_argument("--ringkas", action="store_true", help="hanya tampilkan berkas yang bermasalah")
    ing.set_defaults(func=_cmd_ingest)

    im = sub.add_parser(
        "impor",
        help="baca data yang sudah dimiliki Pemda: Evaluasi Renja, ekspor SIPD, tabel datar",
        description="Baca Evaluasi terhadap Hasil Renja (Permendagri 86/2017), ekspor SIPD-RI (realisasi belanja per\n"
        "transaksi, anggaran/DPA) atau tabel datar dari aplikasi lain (dengan pemetaan kolom), periksa,\n"
        "lalu muat ke basis data melalui jalur yang sama dengan 'kinerja ingest' (arsip, revisi).\n"
        "Jenis berkas dikenali dari isinya bila --jenis tidak disebut. Setiap masalah disebut dengan\n"
        "berkas, lembar dan sel; berkas yang rusak dilewati, berkas lain tetap diproses.",
    )
    im.add_argument("berkas", metavar="BERKAS", nargs="*", help="berkas .xlsx atau folder")
    im.add_argument("--jenis", metavar="JENIS", choices=("evaluasi-renja", "sipd-realisasi", "sipd-anggaran", "tabel"),
                    help="evaluasi-renja, sipd-realisasi, sipd-anggaran atau tabel (bawaan: dikenali dari isi)")
    im.add_argument("--pemetaan", metavar="BERKAS.yaml", help="pemetaan kolom tabel datar (nama di parameters/impor/ "
                    "atau jalur berkas)")
    im.add_argument("--buat-pemetaan", metavar="BERKAS.yaml", help="buat rancangan pemetaan dari judul kolom BERKAS "
                    "pertama, lalu berhenti")
    im.add_argument("--unit", metavar="KODE", help="kode unit pemilik data (Evaluasi Renja, tabel datar; SIPD: bila "
                    "satu SKPD)")
    im.add_argument("--tahun", metavar="T", type=int, help="tahun data (bawaan: dari judul atau tanggal berkas)")
    _db_option(im)
    im.add_argument("--arsip", metavar="FOLDER", help="folder arsip berkas asli (bawaan: arsip/ di samping basis data)")
    im.add_argument("--periksa", action="store_true", help="baca dan periksa saja, tanpa memuat ke basis data")
    im.set_defaults(format_keluaran=_CSV_XLSX)
    im.add_argument("-o", "--keluaran", metavar="HASIL.csv|.xlsx", help="tulis yang terbaca sebagai satu tabel panjang "
                    "(satu baris per indikator atau baris anggaran dan periode)")
    im.set_defaults(func=_cmd_impor)

    sp = sub.add_parser("sample", help="buat contoh kabupaten rekaan sebagai berkas formulir",
                        description="Tulis Kabupaten Nusa Rekaan (rekaan) sebagai formulir yang dikirim unit-unitnya.")
    sp.add_argument("folder", metavar="FOLDER")
    sp.add_argument("--tahun", type=int, default=2026, help="tahun berjalan (bawaan: 2026)")
    sp.add_argument("--bulan", type=int, default=9, help="CRAAPK sampai bulan ini (bawaan: 9)")
    sp.add_argument("--benih", type=int, default=2026, help="benih acak; hasil sama untuk benih sama")
    sp.add_argument("--skala", type=int, default=1, help="kalikan jumlah perangkat daerah (uji beban)")
    sp.add_argument("--kabupaten", type=int, default=1, metavar="N",
                    help="tulis sebuah provinsi rekaan: N kabupaten, masing-masing di FOLDER/KODE/ dengan Daftar Unit "
                         "dan unitnya sendiri, untuk satu basis data (bawaan: 1)")
    sp.add_argument("--salah", metavar="FOLDER", help="tulis juga berkas contoh yang sengaja salah ke folder ini")
    sp.set_defaults(func=_cmd_sample)

    kp = sub.add_parser("kepatuhan", help="siapa yang menyampaikan CRAAPK (atau laporan triwulan) tepat waktu, "
                        "terlambat, atau belum",
                        description=f"Batas CRAAPK: {batas_teks()}. Laporan triwulan (Evaluasi Renja yang diimpor): "
                        "20 hari setelah triwulan berakhir.")
    kp.add_argument("--tahun", type=int, required=True)
    period = kp.add_mutually_exclusive_group(required=True)
    period.add_argument("--bulan", type=int, help="bulan CRAAPK (1–12)")
    period.add_argument("--triwulan", type=int, choices=(1, 2, 3, 4), help="triwulan laporan Evaluasi Renja (1–4)")
    _db_option(kp)
    kp.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(_CSV_XLSX)}")
    kp.set_defaults(format_keluaran=_CSV_XLSX)
    kp.set_defaults(func=_cmd_kepatuhan)

    pr = sub.add_parser("peringkat", help="peringkat perangkat daerah menurut nilai gabungan yang terdokumentasi",
                        description="Peringkat perangkat daerah: capaian berjenjang, penyerapan terhadap rencana, "
                        "kepatuhan CRAAPK dan kualitas data, masing-masing 0–100, digabung dengan bobot "
                        "parameters/peringkat.yaml (metodologi: docs/metodologi.md).")
    pr.add_argument("--tahun", type=int, required=True)
    pr.add_argument("--bulan", type=int, required=True, help="bulan laporan (capaian dan kepatuhan Januari s.d. bulan ini)")
    pr.add_argument("--kabupaten", metavar="KODE", help="hanya perangkat daerah kabupaten ini (basis data berisi "
                    "beberapa kabupaten; bawaan: semua, dengan peringkat per kabupaten dan gabungan)")
    _db_option(pr)
    pr.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(_CSV_XLSX)}")
    pr.set_defaults(format_keluaran=_CSV_XLSX)
    pr.set_defaults(func=_cmd_peringkat)

    ks = sub.add_parser("keselarasan", help="periksa keselarasan pohon kinerja (temuan K01–K11)",
                        description="Temuan keselarasan pohon kinerja: sasaran tanpa induk, sasaran kabupaten tanpa "
                        "pendukung, simpul tanpa induk, crosscutting belum dijawab atau ditolak, target dan realisasi "
                        "berbeda antartingkat, target anak yang tidak menjumlah ke induk (metodologi: docs/metodologi.md).")
    ks.add_argument("--tahun", type=int, required=True)
    ks.add_argument("--bulan", type=int, required=True, help="realisasi dibandingkan sampai bulan ini")
    ks.add_argument("--kabupaten", metavar="KODE", help="kabupaten yang diperiksa (bawaan: setiap kabupaten di basis data)")
    ks.add_argument("--unit", metavar="KODE", help="hanya temuan unit ini")
    _db_option(ks)
    ks.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(_FORMAT_TEMUAN)}")
    ks.set_defaults(format_keluaran=_FORMAT_TEMUAN)
    ks.set_defaults(func=_cmd_keselarasan)

    pdn = sub.add_parser("peringatan-dini", help="indikator yang diproyeksikan tidak mencapai target tahunan",
                         description="Peringatan dini: proyeksi akhir tahun setiap indikator dari realisasi s.d. bulan "
                         "laporan dan rencana aksi (RAAPK), dengan rentangnya; daftar indikator yang diproyeksikan "
                         "meleset atau berisiko (metodologi: docs/metodologi.md).")
    pdn.add_argument("--tahun", type=int, required=True)
    pdn.add_argument("--bulan", type=int, required=True, help="data s.d. bulan ini (1–11)")
    pdn.add_argument("--kabupaten", metavar="KODE", help="hanya unit kabupaten ini")
    pdn.add_argument("--unit", metavar="KODE", help="hanya unit ini")
    pdn.add_argument("--semua", action="store_true", help="tampilkan semua indikator, bukan hanya yang berisiko")
    _db_option(pdn)
    pdn.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(_CSV_XLSX)}")
    pdn.set_defaults(format_keluaran=_CSV_XLSX)
    pdn.set_defaults(func=_cmd_peringatan_dini)

    bt = sub.add_parser(
        "batch",
        help="susun dokumen (notebook papermill) untuk semua unit sekaligus",
        description="Jalankan notebook setiap dokumen untuk setiap unit dengan papermill, paralel. Hasil per unit di\n"
        "KELUARAN/TAHUN/UNIT/: notebook yang dijalankan dan halaman HTML tanpa kode. manifest.json mencatat\n"
        "setiap tugas; index.html menautkan semuanya. Unit yang gagal dicatat dan yang lain tetap jalan.\n"
        "HTML, PDF dan Word (.docx) disusun dari notebook yang sama; notebook di --notebooks (atau\n"
        "$KINERJA_NOTEBOOKS) dipakai lebih dahulu daripada bawaan paket.\n"
        f"Basis data: --db, atau $KINERJA_DB, atau {DEFAULT_URL}; contoh Kabupaten Nusa Rekaan hanya dengan --contoh.",
    )
    bt.add_argument("--set", metavar="NAMA", help="kumpulan parameter dari parameters/batch/NAMA.yaml (atau jalur "
                    ".yaml); opsi lain di baris perintah mengalahkannya")
    bt.add_argument("--tahun", type=int, help="tahun (wajib, di sini atau di --set)")
    bt.add_argument("--bulan", type=int, help="bulan laporan (dokumen bulanan)")
    bt.add_argument("--unit", nargs="+", metavar="KODE", help="hanya unit ini (bawaan: semua)")
    bt.add_argument("--kabupaten", nargs="+", metavar="KODE",
                    help="hanya unit kabupaten ini (basis data berisi beberapa kabupaten; bawaan: semua)")
    bt.add_argument("--dokumen", nargs="+", metavar="DOK", choices=list(DOKUMEN),
                    help=f"hanya dokumen ini: {', '.join(DOKUMEN)} (bawaan: semua)")
    bt.add_argument("--jobs", type=int, help=f"jumlah proses paralel (bawaan: {os.cpu_count() or 2})")
    bt.add_argument("--resume", action="store_true", help="jalankan ulang hanya yang gagal atau belum ada")
    bt.add_argument("--scheduler", metavar="ALAMAT",
                    help="jalankan di klaster Dask: alamat penjadwal (mis. tcp://10.0.0.5:8786; pekerja satu utas, "
                         "folder keluaran dan basis data terjangkau dari setiap pekerja) atau 'local' untuk "
                         "LocalCluster di mesin ini dengan --jobs pekerja")
    _db_option(bt)
    _contoh_option(bt)
    _notebooks_option(bt)
    bt.add_argument("--skala", help=f"skala predikat (bawaan: {DEFAULT_SKALA})")
    bt.add_argument("-o", "--keluaran", metavar="FOLDER", help="folder keluaran (bawaan: outputs)")
    bt.add_argument("--tanpa-pdf", action="store_true", help="jangan cetak PDF (tanpa chromium)")
    bt.add_argument("--kertas", choices=["a4", "f4"], help="ukuran kertas HTML cetak dan PDF (bawaan: a4; f4 = 215 × 330 mm)")
    bt.set_defaults(func=_cmd_batch)

    sv = sub.add_parser(
        "serve",
        help="sajikan halaman Voila untuk pimpinan (Ringkasan Kabupaten, Perangkat Daerah, Tren)",
        description="Jalankan Voila atas notebooks/dashboard/. Hanya di 127.0.0.1 kecuali --host diberikan, dengan\n"
        "token (dibuat acak bila tidak diberikan), tanpa kode sumber dan tanpa traceback. Kernel yang diam\n"
        "dihentikan otomatis. Halaman membaca basis data dan keluaran 'kinerja batch'.",
    )
    sv.add_argument("--port", type=int, default=8866, help="port (bawaan: 8866)")
    sv.add_argument("--host", default="127.0.0.1", help="alamat yang didengarkan (bawaan: 127.0.0.1, hanya komputer ini)")
    sv.add_argument("--token", default=os.environ.get("KINERJA_TOKEN"),
                    help="token akses (bawaan: $KINERJA_TOKEN atau dibuat acak)")
    _db_option(sv)
    _contoh_option(sv)
    _notebooks_option(sv)
    sv.add_argument("--tahun", type=int, help="tahun (bawaan: tahun terakhir di basis data)")
    sv.add_argument("--bulan", type=int, help="bulan (bawaan: bulan terakhir yang dilaporkan)")
    sv.add_argument("--skala", default=None, help=f"skala predikat (bawaan: {DEFAULT_SKALA})")
    sv.add_argument("-o", "--keluaran", default="outputs", metavar="FOLDER",
                    help="folder keluaran 'kinerja batch' (bawaan: outputs)")
    sv.add_argument("--batas-diam", type=int, default=15, metavar="MENIT",
                    help="hentikan kernel yang diam selama MENIT menit (bawaan: 15)")
    sv.add_argument("--tanpa-pemanasan", action="store_true",
                    help="jangan siapkan kernel terlebih dahulu (halaman pertama lebih lambat, memori lebih hemat)")
    sv.set_defaults(func=_cmd_serve)

    rk = sub.add_parser("ringkasan", help="ringkasan isi basis data")
    _db_option(rk)
    rk.set_defaults(func=_cmd_ringkasan)

    nb = sub.add_parser("notebook", help="salin notebook dokumen agar dapat disesuaikan",
                        description="Salin notebook dokumen (RKT, PK, RAAPK, CRAAPK, LKjIP) dan halaman pimpinan ke\n"
                        "FOLDER untuk disunting. Pakai folder itu dengan 'kinerja batch --notebooks FOLDER' atau\n"
                        "variabel KINERJA_NOTEBOOKS; notebook yang tidak ada di folder itu diambil dari paket.")
    nb_sub = nb.add_subparsers(dest="aksi", metavar="AKSI", title="aksi", parser_class=_Parser)
    nb_sub.required = True
    salin = nb_sub.add_parser("salin", help="salin notebook bawaan ke FOLDER (berkas yang sudah ada tidak ditimpa)")
    salin.add_argument("folder", metavar="FOLDER")
    salin.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")
    salin.set_defaults(func=_cmd_notebook_salin)
    return parser


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help=f"basis data SQLAlchemy (bawaan: $KINERJA_DB, atau {DEFAULT_URL})")


def _contoh_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--contoh", action="store_true",
                   help="pakai basis data contoh Kabupaten Nusa Rekaan (kabupaten rekaan; dibuat bila belum ada)")


def _notebooks_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notebooks", metavar="FOLDER", default=None,
                   help="folder notebook yang disesuaikan (bawaan: $KINERJA_NOTEBOOKS, lalu bawaan paket)")


def _store(args: argparse.Namespace, harus_ada: bool = True):
    """The store every command uses (``--db``, ``$KINERJA_DB``, the default), announced on stderr."""
    from kinerja.store import Store, buka_store, tampil_url, url_store

    url = url_store(args.db)
    print(f"basis data: {tampil_url(url)}", file=sys.stderr)
    return buka_store(url) if harus_ada else Store(url)


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
        tulis_keluaran(args.keluaran, {".csv": penulis_csv(out),
                                       ".xlsx": penulis_xlsx(out, lembar="Capaian", kolom_angka=("capaian",),
                                                             kolom_predikat="predikat", skala=muat_skala(args.skala))})
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


def _cmd_template(args: argparse.Namespace) -> int:
    f = cari_formulir(args.jenis, args.tingkat)
    out = tulis_keluaran(args.keluaran, {".xlsx": lambda path: tulis_formulir(
        f, path, unit=args.unit, tahun=args.tahun or "", bulan=args.bulan)})
    print(f"formulir {f.kode} ditulis ke {out}")
    return 0


def _files(items: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.xlsx") if not p.name.startswith((".", "~$")))
        else:
            found.append(path)
    return found


def _archive_dir(args: argparse.Namespace) -> Path:
    if args.arsip:
        return Path(args.arsip)
    from kinerja.store.url import url_store

    url = url_store(args.db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.removeprefix("sqlite:///")).parent / "arsip"
    return Path("outputs") / "arsip"


def _cmd_ingest(args: argparse.Namespace) -> int:
    import datetime as dt

    from kinerja.formulir.ingest import muat_berkas, urutkan

    received = None
    if args.diterima:
        try:
            received = dt.datetime.fromisoformat(args.diterima)
        except ValueError:
            raise KinerjaError(f"--diterima {args.diterima!r} bukan tanggal; tulis mis. 2026-07-04 atau 2026-07-04T09:30")
    store = _store(args, harus_ada=False)
    files = urutkan(_files(args.berkas))
    if not files:
        raise KinerjaError("tidak ada berkas .xlsx untuk dimuat")
    counts = {"dimuat": 0, "sama": 0, "ditolak": 0}
    warnings = 0
    for path in files:
        hasil = muat_berkas(path, store, _archive_dir(args), received)
        counts[hasil.status] += 1
        warnings += len(hasil.peringatan)
        if hasil.status == "dimuat":
            if not args.ringkas or hasil.peringatan:
                rows = sum(hasil.baris.values())
                print(f"dimuat   {path}: {hasil.formulir} {hasil.unit} {hasil.tahun}"
                      f"{'-%02d' % hasil.bulan if hasil.bulan else ''}, revisi {hasil.revisi}, {rows} baris")
        elif hasil.status == "sama":
            if not args.ringkas:
                print(f"sama     {path}: sudah pernah dimuat (sha256 sama), tidak ada perubahan")
        else:
            print(f"DITOLAK  {path}: {len(hasil.galat)} galat, tidak ada yang dimuat")
        for m in hasil.masalah:
            print(f"  - {m}")
    print(f"{len(files)} berkas: {counts['dimuat']} dimuat, {counts['sama']} sudah ada, {counts['ditolak']} ditolak; "
          f"{warnings} peringatan", file=sys.stderr)
    return 1 if counts["ditolak"] else 0


def _cmd_impor(args: argparse.Namespace) -> int:
    import pandas as pd

    from kinerja.core.formatting import format_angka
    from kinerja.impor.jalankan import impor_berkas
    from kinerja.impor.hasil import tulis_hasil

    files = _files(args.berkas)
    if args.buat_pemetaan:
        from kinerja.impor.lembar import buka_lembar
        from kinerja.impor.tabel import buat_pemetaan
        from kinerja.formulir.masalah import Penampung

        if not files:
            raise KinerjaError("sebutkan BERKAS tabel yang judul kolomnya dipakai untuk rancangan pemetaan")
        p = Penampung(files[0].name)
        grids = buka_lembar(files[0].read_bytes(), p, rumus=False)
        if grids is None:
            raise KinerjaError("; ".join(str(m) for m in p.daftar))
        out = buat_pemetaan(grids, args.buat_pemetaan)
        print(f"rancangan pemetaan ditulis ke {out}; periksa lalu pakai dengan --jenis tabel --pemetaan {out}")
        return 0
    if not files:
        raise KinerjaError("tidak ada berkas .xlsx untuk diimpor")
    store = None if args.periksa and not args.db else _store(args, harus_ada=not args.periksa)
    tables, rejected = [], 0
    for path in files:
        hasil = impor_berkas(path, args.jenis, pemetaan=args.pemetaan, unit=args.unit, tahun=args.tahun,
                             store=store, arsip=_archive_dir(args), periksa=args.periksa)
        b = hasil.bacaan
        dikenali = " (dikenali dari isi berkas)" if hasil.dikenali else ""
        if b is not None:
            ind = b.tabel[b.tabel["periode"] == "tahun"]
            n_ind = int(ind["indikator"].notna().sum())
            tw = f", triwulan {b.triwulan}" if b.triwulan else ""
            print(f"{path}: {hasil.jenis}{dikenali}, tahun {b.tahun or '?'}{tw}; "
                  f"{format_angka(b.info.get('baris_data', 0), 0)} baris data, {format_angka(n_ind, 0)} baris indikator, "
                  f"{format_angka(int(b.tabel['catatan'].notna().sum()), 0)} baris bercatatan")
            tables.append(b.tabel)
        elif hasil.jenis:
            print(f"{path}: {hasil.jenis}{dikenali}")
        if hasil.ditolak:
            rejected += 1
            print(f"DITOLAK  {path}: {sum(m.tingkat == 'galat' for m in hasil.masalah)} galat, tidak ada yang dimuat")
        elif hasil.muat is not None and hasil.muat.status == "dimuat":
            m = hasil.muat
            print(f"dimuat   {path}: {m.formulir} {m.unit} {m.tahun}{'-%02d' % m.bulan if m.bulan else ''}, "
                  f"revisi {m.revisi}, {sum(m.baris.values())} baris")
        elif hasil.muat is not None and hasil.muat.status == "sama":
            print(f"sama     {path}: sudah pernah dimuat (sha256 sama), tidak ada perubahan")
        for msg in hasil.masalah:
            print(f"  - {msg}")
    if args.keluaran and tables:
        out = tulis_hasil(pd.concat(tables, ignore_index=True), args.keluaran)
        print(f"tabel hasil baca: {out}", file=sys.stderr)
    print(f"{len(files)} berkas: {len(files) - rejected} terbaca, {rejected} ditolak"
          + ("; tidak dimuat (--periksa)" if args.periksa else ""), file=sys.stderr)
    return 1 if rejected else 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from kinerja.contoh.kabupaten import buat_sampel
    from kinerja.contoh.salah import buat_sampel_salah

    if args.kabupaten < 1:
        raise KinerjaError("--kabupaten harus paling sedikit 1")
    files = buat_sampel(args.folder, tahun=args.tahun, bulan=args.bulan, benih=args.benih, skala=args.skala,
                        kabupaten=args.kabupaten)
    wilayah = "Kabupaten Nusa Rekaan" if args.kabupaten == 1 else f"provinsi rekaan ({args.kabupaten} kabupaten)"
    print(f"{len(files)} berkas contoh {wilayah} ditulis ke {args.folder}")
    if args.salah:
        faulty = buat_sampel_salah(args.folder, args.salah, tahun=args.tahun)
        print(f"{len(faulty)} berkas yang sengaja salah ditulis ke {args.salah}")
    return 0


def _cmd_kepatuhan(args: argparse.Namespace) -> int:
    from kinerja.core.formatting import ROMAWI_TRIWULAN, format_waktu, nama_bulan
    from kinerja.analisis.kepatuhan import kepatuhan, kepatuhan_triwulan

    if args.triwulan:
        table = kepatuhan_triwulan(_store(args), args.tahun, args.triwulan)
        print(f"Kepatuhan penyampaian laporan triwulan {ROMAWI_TRIWULAN[args.triwulan - 1]} {args.tahun} "
              "(Evaluasi Renja)")
    else:
        table = kepatuhan(_store(args), args.tahun, args.bulan)
        print(f"Kepatuhan penyampaian CRAAPK {nama_bulan(args.bulan)} {args.tahun}")
    for status in ("belum menyampaikan", "terlambat", "tepat waktu"):
        part = table[table["status"] == status]
        print(f"\n{status.upper()} ({len(part)} unit)")
        for _, row in part.iterrows():
            when = "" if pd.isna(row["diterima"]) else f" diterima {format_waktu(row['diterima'])}"
            late = f", {row['hari_terlambat']} hari" if row["hari_terlambat"] else ""
            print(f"  {row['kode']:<14} {row['nama']}{when}{late}")
    if args.keluaran:
        shown = table.assign(bulan=table["bulan"].map(nama_bulan), batas_waktu=table["batas_waktu"].map(format_waktu),
                             diterima=table["diterima"].map(format_waktu))
        tulis_keluaran(args.keluaran, {".csv": penulis_csv(table), ".xlsx": penulis_xlsx(shown, lembar="Kepatuhan")})
    return 0


def _cmd_peringkat(args: argparse.Namespace) -> int:
    from kinerja.core.formatting import format_angka, nama_bulan
    from kinerja.analisis.peringkat import peringkat

    if not 1 <= args.bulan <= 12:
        raise KinerjaError(f"bulan harus 1–12, bukan {args.bulan}")
    table = peringkat(_store(args), args.tahun, args.bulan, args.kabupaten)
    across = "peringkat_provinsi" in table
    print(f"Peringkat perangkat daerah, Januari s.d. {nama_bulan(args.bulan)} {args.tahun} "
          f"({len(table)} perangkat daerah; nilai = rata-rata berbobot skor 0–100)")
    width = 64 if across else 44
    print(f"{'No':>4} {'Perangkat daerah':<{width}} {'Nilai':>7} {'Capaian':>8} {'Serapan':>8} {'Patuh':>7} "
          f"{'Data':>7}  Catatan")
    fmt = lambda v: "–" if pd.isna(v) else format_angka(v, 2)  # noqa: E731
    for _, row in table.iterrows():
        rank = "–" if pd.isna(row["peringkat_provinsi" if across else "peringkat"]) else \
            str(int(row["peringkat_provinsi" if across else "peringkat"]))
        name = row["nama"] + (f" ({row['nama_kabupaten'].removeprefix('Pemerintah ')})" if across else "")
        print(f"{rank:>4} {name[:width]:<{width}} {fmt(row['nilai']):>7} {fmt(row['skor_capaian']):>8} "
              f"{fmt(row['skor_penyerapan']):>8} {fmt(row['skor_kepatuhan']):>7} {fmt(row['skor_kualitas']):>7}  "
              f"{row['catatan']}")
    if args.keluaran:
        from kinerja.analisis.peringkat import ANGKA_TAMPIL, tampilan_peringkat

        # the workbook is for readers: the page's headers
        tulis_keluaran(args.keluaran, {".csv": penulis_csv(table), ".xlsx": penulis_xlsx(
            tampilan_peringkat(table), lembar="Peringkat", kolom_angka=ANGKA_TAMPIL)})
    return 0


def _cmd_keselarasan(args: argparse.Namespace) -> int:
    from kinerja.analisis.keselarasan import periksa_keselarasan, temuan_unit
    from kinerja.dokumen.pohon_kinerja import tulis_temuan
    from kinerja.analisis.pohon import analisis_kum, baca_pohon
    from kinerja.core.wilayah import cari_unit, daftar_kabupaten

    if not 1 <= args.bulan <= 12:
        raise KinerjaError(f"bulan harus 1–12, bukan {args.bulan}")
    store = _store(args)
    units = store.current("unit")
    kabupaten = daftar_kabupaten(units)["kode"].tolist()
    if args.kabupaten:
        if args.kabupaten not in kabupaten:
            raise KinerjaError(f"kabupaten \"{args.kabupaten}\" tidak ada di basis data; yang ada: {', '.join(kabupaten)}")
        kabupaten = [args.kabupaten]
    if args.unit:
        cari_unit(units, args.unit)
    parts = []
    for kab in kabupaten:  # one tree per kabupaten
        pohon = baca_pohon(store, args.tahun, kab)
        found = periksa_keselarasan(pohon, analisis_kum(store, args.tahun, args.bulan, pohon.units))
        parts.append(temuan_unit(found, args.unit) if args.unit else found)
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    print(f"Temuan keselarasan pohon kinerja tahun {args.tahun} (realisasi s.d. bulan {args.bulan}): {len(table)}")
    for row in table.itertuples(index=False):
        print(f"  {row.kode} {row.nama_unit}: {row.uraian}")
    if args.keluaran:
        print(f"ditulis: {tulis_temuan(table, args.keluaran)}")
    return 0


def _cmd_peringatan_dini(args: argparse.Namespace) -> int:
    from kinerja.core.formatting import format_angka, nama_bulan
    from kinerja.dokumen.bagian import tabel_peringatan_dini
    from kinerja.analisis.proyeksi import daftar_berisiko, proyeksi
    from kinerja.core.wilayah import cari_unit, unit_kabupaten

    if not 1 <= args.bulan <= 11:
        raise KinerjaError(f"bulan harus 1–11 (Desember sudah akhir tahun), bukan {args.bulan}")
    store = _store(args)
    units = unit_kabupaten(store.current("unit"), args.kabupaten)
    if args.unit:
        cari_unit(units, args.unit, args.kabupaten)
    proj = proyeksi(store, args.unit, args.tahun, args.bulan)
    proj = proj[proj["unit_kode"].isin(units["kode"])]
    shown = proj if args.semua else daftar_berisiko(proj)
    shown = shown.assign(nama_unit=shown["unit_kode"].map(units.set_index("kode")["nama"]))
    counts = proj["status"].value_counts()
    print(f"Peringatan dini {args.tahun}, data s.d. {nama_bulan(args.bulan)}: {len(proj)} indikator; "
          + ", ".join(f"{s} {counts.get(s, 0)}" for s in ("meleset", "berisiko", "waspada", "aman", "tidak diproyeksikan")))
    fmt = lambda v: "–" if pd.isna(v) else format_angka(v, 2)  # noqa: E731
    for r in shown.itertuples(index=False):
        print(f"  {r.status:<9} {r.nama_unit}: {r.indikator} — proyeksi {fmt(r.proyeksi)} (rentang {fmt(r.bawah)}–"
              f"{fmt(r.atas)}) terhadap target {fmt(r.target)} {r.satuan or ''}, capaian {fmt(r.capaian_proyeksi)} %")
    if args.keluaran:
        table = tabel_peringatan_dini(shown, "", dengan_unit=True).data
        tulis_keluaran(args.keluaran, {".csv": penulis_csv(shown), ".xlsx": penulis_xlsx(
            table, lembar="Peringatan Dini",
            kolom_angka=tuple(c for c in table.columns if c not in ("Unit", "Indikator", "Satuan", "Status")))})
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from kinerja.run.batch import jalankan_batch, muat_set
    from kinerja.core.formatting import format_angka

    preset = muat_set(args.set) if args.set else {}

    def pick(name: str, default):
        value = getattr(args, name)
        return value if value is not None else preset.get(name, default)

    tahun = pick("tahun", None)
    if tahun is None:
        raise KinerjaError("tahun belum ditentukan: beri --tahun atau pakai --set dengan kunci tahun")
    args.tahun, args.keluaran = tahun, pick("keluaran", "outputs")
    contoh = args.contoh or preset.get("contoh", False)
    if not contoh:
        from kinerja.store.url import tampil_url, url_store

        print(f"basis data: {tampil_url(url_store(pick('db', None)))}", file=sys.stderr)
    manifest = jalankan_batch(tahun, pick("bulan", None), pick("unit", None), pick("dokumen", None),
                              pick("jobs", os.cpu_count() or 2), args.resume, pick("db", None) or "", args.keluaran,
                              pick("skala", DEFAULT_SKALA), progress=sys.stderr.isatty(),
                              pdf=preset.get("pdf", True) and not args.tanpa_pdf, contoh=contoh,
                              notebooks=pick("notebooks", None), kertas=pick("kertas", "a4"),
                              scheduler=args.scheduler, kabupaten=pick("kabupaten", None))
    if contoh:
        print("basis data: contoh Kabupaten Nusa Rekaan (kabupaten rekaan)", file=sys.stderr)
    failed = [t for t in manifest["tugas"] if t["status"] != "berhasil"]
    for t in failed:
        print(f"GAGAL  {t['unit']} {t['dokumen']}: {t['galat'].splitlines()[-1] if t['galat'] else ''}")
    n = len(manifest["tugas"])
    per_doc = manifest["durasi"] / max(1, manifest["dijalankan"])
    print(f"{n} dokumen: {n - len(failed)} berhasil, {len(failed)} gagal; {manifest['dijalankan']} dijalankan dalam "
          f"{format_angka(manifest['durasi'], 1)} detik ({format_angka(per_doc, 2)} detik/dokumen)")
    print(f"daftar dokumen: {Path(args.keluaran) / str(args.tahun) / 'index.html'}")
    return 1 if failed else 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import subprocess

    from kinerja.halaman.serve import perintah_voila

    if args.bulan is not None and not 1 <= args.bulan <= 12:
        raise KinerjaError(f"bulan harus 1–12, bukan {args.bulan}")
    if args.contoh:
        from kinerja.contoh.store import store_contoh

        db = store_contoh().url
        print("basis data: contoh Kabupaten Nusa Rekaan (kabupaten rekaan)", file=sys.stderr)
    else:
        db = _store(args).url
    argv, env, token = perintah_voila(args.port, args.host, args.token, db, args.tahun, args.bulan,
                                      args.keluaran, args.skala, args.batas_diam, not args.tanpa_pemanasan,
                                      args.notebooks)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"PERINGATAN: halaman dapat dibuka dari jaringan ({args.host}); bagikan token hanya kepada yang berhak.",
              file=sys.stderr)
    print(f"Halaman kinerja: http://{args.host}:{args.port}/?token={token}", flush=True)
    print("Hentikan dengan Ctrl+C.", flush=True)
    try:
        return subprocess.run(argv, env=env).returncode
    except KeyboardInterrupt:
        return 0


def _cmd_ringkasan(args: argparse.Namespace) -> int:
    from kinerja.store.url import tampil_url

    store = _store(args, harus_ada=False)
    units = store.current("unit")
    ind = store.current("indikator")
    real = store.current("realisasi")
    subs = store.submissions()
    monthly = real[real["bulan"].notna()]
    print(f"Basis data: {tampil_url(store.url)}")
    print(f"  unit: {len(units)} ({', '.join(f'{n} {j}' for j, n in units['jenis'].value_counts().items())})")
    print(f"  indikator: {len(ind)} ({', '.join(f'{n} {p}' for p, n in ind['polaritas'].value_counts().items())})")
    if not monthly.empty:
        months = sorted(monthly["bulan"].astype(int).unique())
        print(f"  realisasi bulanan: {len(monthly)} nilai, bulan {months[0]}–{months[-1]} tahun "
              f"{int(monthly['tahun'].max())}; realisasi tahun lalu: {int(real['bulan'].isna().sum())} nilai")
    print(f"  berkas dimuat: {len(subs)} ({', '.join(f'{n} {d}' for d, n in subs['dokumen'].value_counts().items())})"
          if not subs.empty else "  berkas dimuat: 0")
    return 0


def _cmd_notebook_salin(args: argparse.Namespace) -> int:
    from kinerja.core.sumber import salin_notebook

    written = salin_notebook(args.folder, timpa=args.timpa)
    print(f"{len(written)} notebook disalin ke {args.folder}" + ("" if args.timpa else
          " (berkas yang sudah ada tidak ditimpa)"))
    print(f"Pakai dengan: kinerja batch --notebooks {args.folder} …  atau  KINERJA_NOTEBOOKS={args.folder}")
    return 0


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
