"""Data in: ``kinerja template``, ``ingest``, ``impor`` and ``sample``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kinerja.cli.umum import FORMAT_CSV_XLSX, bilangan, bulan, buka, contoh, opsi_db, tahun, triwulan
from kinerja.core.errors import KinerjaError
from kinerja.render.keluaran import tulis_keluaran

__all__ = ["daftar"]


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    _template(sub)
    _ingest(sub)
    _impor(sub)
    _sample(sub)


def _template(sub) -> None:
    tp = sub.add_parser(
        "template",
        help="tulis formulir kosong (.xlsx) untuk diisi unit",
        description="Tulis formulir kosong sesuai Peraturan Bupati tentang Pedoman Pengukuran Kinerja: nomor kolom (1)…(N), lembar Cara Pengisian,\n"
        "pilihan (dropdown) polaritas, agregasi dan bulan, baris judul terkunci.\n\n"
        "JENIS: unit, renstra (rpjmd untuk kabupaten), rkt, pk, raapk, craapk, profil, pohon, lke\n"
        "TINGKAT: kabupaten, pd (perangkat daerah), pejabat (administrator/pengawas), semua (untuk unit)\n\n"
        "LKE (Lembar Kerja Evaluasi) ditulis per perangkat daerah dari basis data, tanpa TINGKAT:\n"
        "  kinerja template lke --unit dinkes --tahun 2026 [-o LKE_dinkes_2026.xlsx] [--db URL]\n"
        "berisi jawaban yang sudah dimuat, saran jawaban dari kriteria terpenuhi, bukti dukung yang\n"
        "dimiliki kinerja dan rekomendasi tahun lalu di bawah 4.c untuk ditindaklanjuti.\n\n"
        "Dengan --db: craapk, raapk, pk unit --unit diisi dari basis data (indikator, target, program, pagu;\n"
        "CRAAPK dengan realisasi bulan-bulan sebelum --bulan), sehingga petugas hanya mengetik realisasi.",
        epilog=contoh("kinerja template craapk pd --unit dinkes --tahun 2026 --bulan 9 -o craapk-dinkes.xlsx",
                      "kinerja template craapk pd --unit dinkes --tahun 2026 --bulan 9 --db URL -o craapk-09.xlsx",
                      "kinerja template lke --unit dinkes --tahun 2026"),
    )
    tp.add_argument("jenis", metavar="JENIS")
    tp.add_argument("tingkat", metavar="TINGKAT", nargs="?")
    tp.add_argument("-o", "--keluaran", metavar="BERKAS", help="berkas .xlsx yang ditulis (wajib, kecuali lke)")
    opsi_db(tp)
    tp.set_defaults(format_keluaran=(".xlsx",))
    tp.add_argument("--unit", metavar="KODE", default="", help="isi kode unit di identitas formulir")
    tp.add_argument("--tahun", metavar="T", type=tahun, help="isi tahun di identitas formulir")
    tp.add_argument("--bulan", metavar="M", type=bulan, help="isi bulan laporan (CRAAPK)")
    tp.set_defaults(func=_cmd_template)


def _ingest(sub) -> None:
    ing = sub.add_parser(
        "ingest",
        help="periksa dan muat formulir .xlsx ke basis data",
        description="Periksa setiap berkas seluruhnya, lalu muat utuh atau tidak sama sekali. Semua masalah\n"
        "dilaporkan dengan nama berkas, lembar dan sel. Galat menolak berkas; peringatan tidak.\n"
        "Berkas yang sama persis tidak dimuat dua kali; berkas perbaikan menjadi revisi baru.\n"
        "Folder dibaca seluruhnya (*.xlsx); urutan muat diatur otomatis (unit, renstra, rkt, pk, raapk, craapk).\n"
        "Berkas lain di folder (PDF, Word, .xls) disebut satu per satu sebagai dilewati, dengan alasannya.",
        epilog=contoh("kinerja ingest masuk/", "kinerja ingest masuk/ --ringkas --db sqlite:///outputs/kinerja.sqlite"),
    )
    ing.add_argument("berkas", metavar="BERKAS", nargs="+", help="berkas .xlsx atau folder")
    opsi_db(ing)
    ing.add_argument("--arsip", metavar="FOLDER", help="folder arsip berkas asli (bawaan: arsip/ di samping basis data)")
    ing.add_argument("--diterima", metavar="TANGGAL", help="waktu terima, mis. 2026-07-04 atau 2026-07-04T09:30 "
                     "(bawaan: waktu ubah berkas)")
    ing.add_argument("--ringkas", action="store_true", help="hanya tampilkan berkas yang bermasalah")
    ing.set_defaults(func=_cmd_ingest, membuat_store=True)


def _impor(sub) -> None:
    im = sub.add_parser(
        "impor",
        help="baca data yang sudah dimiliki Pemda: Evaluasi Renja, ekspor SIPD, tabel datar",
        description="Baca Evaluasi terhadap Hasil Renja (Permendagri 86/2017), ekspor SIPD-RI (realisasi belanja per\n"
        "transaksi, anggaran/DPA) atau tabel datar dari aplikasi lain (dengan pemetaan kolom), periksa,\n"
        "lalu muat ke basis data melalui jalur yang sama dengan 'kinerja ingest' (arsip, revisi).\n"
        "Jenis berkas dikenali dari isinya bila --jenis tidak disebut. Setiap masalah disebut dengan\n"
        "berkas, lembar dan sel; berkas yang rusak dilewati, berkas lain tetap diproses. Format berkas\n"
        "(.xlsx, .xls, .ods, CSV) dikenali dari isinya, bukan dari namanya.",
        epilog=contoh("kinerja impor evaluasi-renja.xlsx --unit bappeda --tahun 2025",
                      "kinerja impor realisasi-sipd.xlsx --jenis sipd-realisasi --periksa -o bacaan.csv"),
    )
    im.add_argument("berkas", metavar="BERKAS", nargs="*", help="berkas .xlsx, .xls, .ods, .csv atau folder")
    im.add_argument("--jenis", metavar="JENIS", choices=("evaluasi-renja", "sipd-realisasi", "sipd-anggaran", "tabel"),
                    help="evaluasi-renja, sipd-realisasi, sipd-anggaran atau tabel (bawaan: dikenali dari isi)")
    im.add_argument("--pemetaan", metavar="BERKAS.yaml", help="pemetaan kolom tabel datar (nama di parameters/impor/ "
                    "atau jalur berkas)")
    im.add_argument("--buat-pemetaan", metavar="BERKAS.yaml", help="buat rancangan pemetaan dari judul kolom BERKAS "
                    "pertama, lalu berhenti")
    im.add_argument("--unit", metavar="KODE", help="kode unit pemilik data (Evaluasi Renja, tabel datar; SIPD: bila "
                    "satu SKPD)")
    im.add_argument("--tahun", metavar="T", type=tahun, help="tahun data (bawaan: dari judul atau tanggal berkas)")
    per = im.add_mutually_exclusive_group()
    per.add_argument("--triwulan", metavar="Q", type=triwulan,
                     help="tabel datar: triwulan laporan bila judul berkas tidak menyebutnya; juga triwulan kolom "
                     "'Realisasi TW' tanpa nomor pada --buat-pemetaan; Evaluasi Renja: triwulan laporan bila "
                     "judul formulir dan nama lembar berbeda")
    per.add_argument("--bulan", metavar="M", type=bulan,
                     help="tabel datar: bulan terakhir laporan bila judul berkas tidak menyebutnya")
    opsi_db(im)
    im.add_argument("--arsip", metavar="FOLDER", help="folder arsip berkas asli (bawaan: arsip/ di samping basis data)")
    im.add_argument("--diterima", metavar="TANGGAL", help="waktu terima berkas, mis. 2026-01-19 atau 2026-01-19T10:00 "
                    "(bawaan: tidak diketahui; waktu ubah berkas tidak dipakai karena berubah saat disalin)")
    im.add_argument("--periksa", action="store_true", help="baca dan periksa saja, tanpa memuat ke basis data")
    im.set_defaults(format_keluaran=FORMAT_CSV_XLSX)
    im.add_argument("-o", "--keluaran", metavar="HASIL.csv|.xlsx", help="tulis yang terbaca sebagai satu tabel panjang "
                    "(satu baris per indikator atau baris anggaran dan periode)")
    im.set_defaults(func=_cmd_impor, membuat_store=True)


def _sample(sub) -> None:
    sp = sub.add_parser("sample", help="buat contoh kabupaten rekaan sebagai berkas formulir",
                        description="Tulis Kabupaten Nusa Rekaan (rekaan) sebagai formulir yang dikirim unit-unitnya.",
                        epilog=contoh("kinerja sample outputs/sampel --tahun 2026 --bulan 9",
                                      "kinerja sample outputs/sampel --salah outputs/sampel-salah"))
    sp.add_argument("folder", metavar="FOLDER")
    sp.add_argument("--tahun", type=tahun, default=2026, help="tahun berjalan (bawaan: 2026)")
    sp.add_argument("--bulan", type=bulan, default=9, help="CRAAPK sampai bulan ini (bawaan: 9)")
    sp.add_argument("--benih", type=bilangan(0, 2**32 - 1), default=2026,
                    help="benih acak; hasil sama untuk benih sama")
    sp.add_argument("--skala", type=bilangan(1, 100), default=1, help="kalikan jumlah perangkat daerah (uji beban)")
    sp.add_argument("--kabupaten", type=bilangan(1, 100), default=1, metavar="N",
                    help="tulis sebuah provinsi rekaan: N kabupaten, masing-masing di FOLDER/KODE/ dengan Daftar Unit "
                         "dan unitnya sendiri, untuk satu basis data (bawaan: 1)")
    sp.add_argument("--salah", metavar="FOLDER", help="tulis juga berkas contoh yang sengaja salah ke folder ini")
    sp.set_defaults(func=_cmd_sample)


def _cmd_template(args: argparse.Namespace) -> int:
    if args.jenis.strip().lower() == "lke":
        from kinerja.cli.lke import templat

        return templat(args)
    from kinerja.formulir.daftar import cari_formulir
    from kinerja.formulir.templat import tulis_formulir

    if not args.tingkat or not args.keluaran:
        raise KinerjaError(f"sebutkan TINGKAT dan -o BERKAS, mis. 'kinerja template {args.jenis} pd -o "
                           f"{args.jenis}.xlsx'")
    f = cari_formulir(args.jenis, args.tingkat)
    if args.db:  # the unit's form filled from the store (kinerja.dokumen.templat_isi)
        from kinerja.dokumen.templat_isi import templat_terisi

        store = buka(args, tahun=args.tahun)
        out = tulis_keluaran(args.keluaran, {".xlsx": lambda path: templat_terisi(
            store, args.jenis.strip().lower(), args.unit, args.tahun, args.bulan, path)})
        print(f"formulir {f.kode} unit {args.unit} diisi dari basis data dan ditulis ke {out}")
        return 0
    out = tulis_keluaran(args.keluaran, {".xlsx": lambda path: tulis_formulir(
        f, path, unit=args.unit, tahun=args.tahun or "", bulan=args.bulan)})
    print(f"formulir {f.kode} ditulis ke {out}")
    return 0


def berkas_masukan(items: Sequence[str], akhiran: tuple[str, ...] = (".xlsx",),
                   lewat: list[Path] | None = None) -> list[Path]:
    """The files named, and those below each folder named whose name ends in ``akhiran``
    (case ignored); the other files of those folders go to ``lewat`` when it is given."""
    found: list[Path] = []
    for item in items:
        path = Path(item)
        found += _isi_folder(path, akhiran, lewat) if path.is_dir() else [path]
    return found


def _isi_folder(folder: Path, akhiran: tuple[str, ...], lewat: list[Path] | None) -> list[Path]:
    """The files below ``folder`` ending in ``akhiran``, and the links there (to a file or a
    folder) by their own names: a link is never followed, the reader refuses it by name (V77),
    as a FIFO or a device named .xlsx (V78), which is never opened for reading."""
    found = []
    for root, dirs, files in os.walk(folder):  # never into a linked folder
        for name in dirs + files:
            path = Path(root) / name
            linked_folder = name in dirs and path.is_symlink()
            wanted = name.lower().endswith(akhiran) and name in files or linked_folder
            if not name.startswith((".", "~$")) and wanted:
                found.append(path)
            elif name in files and lewat is not None:
                lewat.append(path)
    return sorted(found)


# Why a file of a folder is not read, by its suffix (the rest: "bukan berkas yang dibaca perintah ini").
_JENIS_LAIN = {".pdf": "PDF", ".doc": "dokumen Word", ".docx": "dokumen Word", ".odt": "dokumen teks",
               ".xls": "lembar kerja Excel lama (.xls)", ".xlsm": "lembar kerja bermakro (.xlsm)",
               ".ods": "lembar kerja OpenDocument (.ods)", ".csv": "tabel CSV", ".zip": "arsip zip",
               ".jpg": "gambar", ".jpeg": "gambar", ".png": "gambar"}


def cetak_dilewati(lewat: Sequence[Path], akhiran: tuple[str, ...], perintah: str) -> None:
    """Name every file of a folder that ``perintah`` (``ingest``, ``impor``) does not read, with why,
    on stderr: nothing in a folder is skipped without a word."""
    diterima = ", ".join(akhiran)
    for path in sorted(lewat):
        name = path.name
        if name.startswith("~$"):
            why = "berkas sementara Excel (dibuat selama berkas dibuka); tutup berkasnya"
        elif name.startswith("."):
            why = "berkas tersembunyi"
        elif perintah == "ingest" and path.suffix.lower() in (".xls", ".xlsm", ".ods", ".csv"):
            why = (f"{_JENIS_LAIN[path.suffix.lower()]}, bukan formulir .xlsx; simpan ulang formulir sebagai .xlsx, "
                   "atau gunakan `kinerja impor` untuk Evaluasi Renja, ekspor SIPD dan tabel dari aplikasi lain")
        else:
            jenis = _JENIS_LAIN.get(path.suffix.lower(), "berkas")
            why = f"{jenis}, bukan {'formulir' if perintah == 'ingest' else 'berkas'} {diterima}"
            if perintah == "ingest" and path.suffix.lower() == ".docx":
                why += "; LKjIP Word dibandingkan dengan data oleh `kinerja reviu --lkjip`"
        print(f"dilewati: {path} — {why}", file=sys.stderr)


def folder_arsip(args: argparse.Namespace) -> Path:
    if args.arsip:
        return Path(args.arsip)
    from kinerja.formulir.kiriman import folder_arsip_store
    from kinerja.store.url import url_store

    return folder_arsip_store(url_store(args.db))


def _cmd_ingest(args: argparse.Namespace) -> int:
    from kinerja.formulir.ingest import urutkan

    received = _diterima(args)
    skipped: list[Path] = []
    files = urutkan(berkas_masukan(args.berkas, lewat=skipped))
    cetak_dilewati(skipped, (".xlsx",), "ingest")
    if not files:
        raise KinerjaError("tidak ada berkas .xlsx untuk dimuat" + (
            f" ({len(skipped)} berkas lain dilewati, lihat di atas)" if skipped else ""))
    store = buka(args, harus_ada=False, menulis=True)  # a new store left empty is removed at the end (tutup_store)
    return _muat_semua(args, store, files, received)


def _muat_semua(args: argparse.Namespace, store, files: list[Path], received) -> int:
    from kinerja.formulir.ingest import muat_berkas

    counts = {"dimuat": 0, "sama": 0, "ditolak": 0}
    warnings = 0
    arsip = folder_arsip(args)
    for path in files:
        hasil = muat_berkas(path, store, arsip, received)
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


def _buat_pemetaan(args: argparse.Namespace, files: list) -> int:
    """``kinerja impor --buat-pemetaan``: draft a mapping from the first file, say what was guessed."""
    from kinerja.formulir.berkas import baca_isi
    from kinerja.formulir.masalah import Penampung
    from kinerja.impor.lembar import buka_lembar
    from kinerja.impor.pemetaan import buat_pemetaan, rancang_pemetaan

    if not files:
        raise KinerjaError("sebutkan BERKAS tabel yang judul kolomnya dipakai untuk rancangan pemetaan")
    p = Penampung(files[0].name)
    raw = baca_isi(files[0], p)
    grids = buka_lembar(raw, p, rumus=False) if raw is not None else None
    if grids is None:
        raise KinerjaError("; ".join(str(m) for m in p.daftar))
    _, said = rancang_pemetaan(grids, args.triwulan)
    out = buat_pemetaan(grids, args.buat_pemetaan, args.triwulan)
    for line in said:
        print(f"  ditebak: {line}")
    print(f"rancangan pemetaan ditulis ke {out}; periksa lalu pakai dengan --jenis tabel --pemetaan {out}")
    return 0


def _berkas_impor(items: Sequence[str]) -> list[Path]:
    """The files ``kinerja impor`` reads: those named, and the spreadsheets in the folders
    named (the format itself is decided by content); every other file there is named."""
    skipped: list[Path] = []
    akhiran = (".xlsx", ".xls", ".ods", ".csv")
    files = berkas_masukan(items, akhiran, skipped)
    cetak_dilewati(skipped, akhiran, "impor")
    return files


def _diterima(args: argparse.Namespace):
    """The receipt time given with --diterima, or None."""
    import datetime as dt

    if not args.diterima:
        return None
    try:
        return dt.datetime.fromisoformat(args.diterima)
    except ValueError:
        raise KinerjaError(f"--diterima {args.diterima!r} bukan tanggal; tulis mis. 2026-07-04 atau 2026-07-04T09:30")


def _cmd_impor(args: argparse.Namespace) -> int:
    import pandas as pd

    from kinerja.impor.hasil import tulis_hasil
    from kinerja.impor.jalankan import impor_berkas

    files = _berkas_impor(args.berkas)
    if args.buat_pemetaan:
        return _buat_pemetaan(args, files)
    if not files:
        raise KinerjaError("tidak ada berkas .xlsx, .xls, .ods atau .csv untuk diimpor")
    store = None if args.periksa and not args.db else buka(args, harus_ada=not args.periksa, menulis=not args.periksa)
    tables, rejected = [], 0
    for path in files:
        hasil = impor_berkas(path, args.jenis, pemetaan=args.pemetaan, unit=args.unit, tahun=args.tahun,
                             store=store, arsip=None if args.periksa else folder_arsip(args), periksa=args.periksa,
                             triwulan=args.triwulan, bulan=args.bulan, diterima=_diterima(args))
        if hasil.bacaan is not None:
            tables.append(hasil.bacaan.tabel)
        _cetak_bacaan(path, hasil, args.periksa)
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


def _cetak_bacaan(path, hasil, periksa: bool) -> None:
    """The line saying what a file was read as and, with ``--periksa``, what was recognised in it
    (layout, sheet, header row, multiplier, rows read and skipped, period, sums)."""
    from kinerja.core.formatting import format_angka

    b = hasil.bacaan
    dikenali = " (dikenali dari isi berkas)" if hasil.dikenali else ""
    if b is None:
        if hasil.jenis:
            print(f"{path}: {hasil.jenis}{dikenali}")
        return
    ind = b.tabel[b.tabel["periode"] == "tahun"]
    n_ind = int(ind["indikator"].notna().sum())
    tw = f", periode {b.info['periode']}" if b.info.get("periode") else (f", triwulan {b.triwulan}" if b.triwulan else "")
    tahun = f"tahun {b.tahun}" if b.tahun else "tahun tidak disebut berkas (sebutkan --tahun)"
    # an export's every row notes its rekening or transactions: a count of notes would say nothing there
    noted = "" if hasil.jenis.startswith("sipd") else \
        f", {format_angka(int(b.tabel['catatan'].notna().sum()), 0)} baris bercatatan"
    print(f"{path}: {hasil.jenis}{dikenali}, {tahun}{tw}; {format_angka(b.info.get('baris_data', 0), 0)} baris data, "
          f"{format_angka(n_ind, 0)} baris indikator{noted}")
    for what in ("polaritas", "agregasi"):
        guessed = int(ind["catatan"].astype("string").str.contains(f"{what} ditebak", regex=False, na=False).sum())
        if guessed:
            print(f"  {what} ditebak untuk {format_angka(guessed, 0)} indikator (lihat kolom catatan pada -o)")
    if periksa:  # what was recognised, to hold against the printed file
        from kinerja.impor.ringkasan import ringkasan_bacaan

        print("\n".join(ringkasan_bacaan(b, hasil.jenis)))


def _cmd_sample(args: argparse.Namespace) -> int:
    from kinerja.contoh.kabupaten import buat_sampel
    from kinerja.contoh.salah import buat_sampel_salah

    for folder in (args.folder, args.salah):
        if folder is not None and (not folder.strip() or Path(folder).exists() and not Path(folder).is_dir()):
            raise KinerjaError(f"FOLDER {folder!r} bukan folder; sebutkan folder tujuan, mis. outputs/sampel")
    files = buat_sampel(args.folder, tahun=args.tahun, bulan=args.bulan, benih=args.benih, skala=args.skala,
                        kabupaten=args.kabupaten)
    wilayah = "Kabupaten Nusa Rekaan" if args.kabupaten == 1 else f"provinsi rekaan ({args.kabupaten} kabupaten)"
    print(f"{len(files)} berkas contoh {wilayah} ditulis ke {args.folder}")
    if args.kabupaten == 1 and args.skala == 1:
        from kinerja.contoh.lkjip_word import tulis_lkjip_word_sampel

        word = tulis_lkjip_word_sampel(files, args.folder, args.tahun, args.bulan)
        print(f"LKjIP Word buatan unit (dengan kesalahan yang disengaja, untuk kinerja reviu --lkjip) ditulis ke {word}")
    if args.salah:
        faulty = buat_sampel_salah(args.folder, args.salah, tahun=args.tahun)
        print(f"{len(faulty)} berkas yang sengaja salah ditulis ke {args.salah}")
    return 0
