"""``kinerja lke nilai``: the Nilai AKIP and predikat of an evaluasi AKIP from one answer per
sub-komponen (Peraturan Menteri PANRB Nomor 88 Tahun 2021); ``kinerja lke saran``: the suggested
answers of a unit's LKE from the kriteria marked met, and the evidence kinerja holds;
``kinerja template lke`` (:func:`templat`): the unit's LKE workbook."""

from __future__ import annotations

import argparse
import sys

from kinerja.cli.umum import FORMAT_TEMUAN, Parser, contoh, opsi_db, tahun
from kinerja.render.keluaran import teks_format

__all__ = ["daftar", "templat"]

_JUDUL = "Evaluasi AKIP menurut Peraturan Menteri PANRB Nomor 88 Tahun 2021"

# The columns of -o as a reader sees them (.xlsx, .html); the .csv keeps the plain names.
_KOLOM = {"tingkat": "Tingkat", "kode": "Kode", "uraian": "Uraian", "bobot": "Bobot", "jawaban": "Jawaban",
          "nilai": "Nilai", "predikat": "Predikat", "keterangan": "Keterangan"}


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    lke = sub.add_parser("lke", help="evaluasi AKIP: nilai dan predikat dari jawaban Lembar Kerja Evaluasi",
                         description=f"{_JUDUL}: Lembar Kerja Evaluasi (LKE) dengan 4 komponen, 12 sub-komponen "
                         "dan 80 kriteria\n(parameters/lke/).",
                         epilog=contoh("kinerja lke nilai jawaban.csv", "kinerja lke saran --unit dinkes --tahun 2026"))
    lke_sub = lke.add_subparsers(dest="aksi", metavar="AKSI", title="aksi", parser_class=Parser)
    lke_sub.required = True
    nilai = lke_sub.add_parser(
        "nilai", help="hitung Nilai AKIP dan predikat dari jawaban per sub-komponen",
        description="Hitung nilai setiap sub-komponen (bobot × nilai jawaban ÷ 100), setiap komponen, Nilai AKIP\n"
        "dan predikatnya. Jawaban dibaca dari tabel .csv atau .xlsx (lembar tampak pertama) dengan\n"
        "kolom 'kode' (1.a … 4.c) dan 'jawaban' (AA, A, BB, B, CC, C, D, E; huruf kecil boleh).\n"
        "Sub-komponen yang belum dijawab tidak dihitung 0: komponennya dan Nilai AKIP 'belum lengkap'.\n"
        "Bila lengkap, disebutkan juga peningkatan terkecil yang menaikkan predikat.\n\n"
        "Contoh:\n"
        "  kinerja lke nilai jawaban.csv\n"
        "  kinerja lke nilai jawaban.xlsx -o hasil-lke.xlsx\n\n"
        "Isi jawaban.csv:\n"
        "  kode;jawaban\n"
        "  1.a;BB\n"
        "  1.b;B\n"
        "  …\n"
        "  4.c;CC\n\n"
        "Kode keluar: 0 selesai, 1 berkas jawaban ditolak (setiap masalah disebut dengan letaknya),\n"
        "2 perintah atau berkas parameter salah.")
    nilai.add_argument("jawaban", metavar="JAWABAN", help="berkas jawaban .csv atau .xlsx")
    nilai.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(FORMAT_TEMUAN)}")
    nilai.set_defaults(format_keluaran=FORMAT_TEMUAN, func=_cmd_nilai)
    _saran(lke_sub)


def _saran(lke_sub) -> None:
    sp = lke_sub.add_parser(
        "saran", help="saran jawaban per sub-komponen dari kriteria terpenuhi, dan bukti dukung dari kinerja",
        description="Untuk LKE satu perangkat daerah yang sudah dimuat ('kinerja ingest'): per sub-komponen\n"
        "banyaknya kriteria yang ditandai terpenuhi oleh unit dan oleh evaluator, saran jawaban darinya\n"
        "(0 → E, ≤ 25 % D, ≤ 50 % C, ≤ 75 % CC, < 100 % B, semua BB; A dan AA hanya oleh evaluator) dan\n"
        "jawaban yang diberikan; lalu bukti dukung yang sudah dimiliki kinerja, dengan sumbernya.\n\n"
        "Contoh:\n  kinerja lke saran --unit dinkes --tahun 2026")
    sp.add_argument("--unit", metavar="KODE", required=True, help="kode perangkat daerah")
    sp.add_argument("--tahun", metavar="T", type=tahun, required=True, help="tahun yang dievaluasi")
    opsi_db(sp)
    sp.set_defaults(func=_cmd_saran)


def _cmd_saran(args: argparse.Namespace) -> int:
    from kinerja.cli.umum import buka
    from kinerja.core.formatting import KOSONG
    from kinerja.evaluasi.lke_bukti import bukti_lke
    from kinerja.evaluasi.lke_templat import saran_lke

    store = buka(args, tahun=args.tahun)
    tabel = saran_lke(store, args.unit, args.tahun)
    print(f"Saran jawaban LKE {args.unit} tahun {args.tahun} dari kriteria terpenuhi\n")
    print(f"{'Kode':<6}{'Kriteria':>9}  {'Unit: terpenuhi → saran':<26}{'Evaluator: terpenuhi → saran':<30}Uraian")
    for r in tabel.itertuples(index=False):
        cells = []
        for pihak in ("mandiri", "evaluator"):
            saran = getattr(r, f"saran_{pihak}")
            cells.append(f"{getattr(r, f'terpenuhi_{pihak}')} → {saran}, dijawab {getattr(r, f'jawaban_{pihak}') or KOSONG}"
                         if saran else f"belum ditandai, dijawab {getattr(r, f'jawaban_{pihak}') or KOSONG}")
        print(f"{r.kode:<6}{r.kriteria:>9}  {cells[0]:<26}{cells[1]:<30}{r.nama}")
    bukti = bukti_lke(store, args.unit, args.tahun)
    print("\nBukti dukung yang dimiliki kinerja:" if bukti else "\nBelum ada bukti dukung di basis data kinerja.")
    for kode, teks in bukti.items():
        for line in teks.split("\n"):
            print(f"  {kode:<6}{line}")
    return 0


def templat(args: argparse.Namespace) -> int:
    """``kinerja template lke --unit KODE --tahun T [-o BERKAS]``: the unit's LKE workbook."""
    from kinerja.cli.umum import buka
    from kinerja.core.errors import KinerjaError
    from kinerja.evaluasi.lke_templat import templat_lke
    from kinerja.render.keluaran import tulis_keluaran

    if not args.unit or not args.tahun:
        raise KinerjaError("LKE ditulis per perangkat daerah dan tahun: sebutkan --unit KODE dan --tahun T, mis. "
                           "'kinerja template lke --unit dinkes --tahun 2026'")
    store = buka(args, tahun=args.tahun)
    target = args.keluaran or f"LKE_{args.unit}_{args.tahun}.xlsx"
    out = tulis_keluaran(target, {".xlsx": lambda path: templat_lke(store, args.unit, args.tahun, path)})
    print(f"formulir LKE-PD {args.unit} {args.tahun} ditulis ke {out}")
    return 0


def _baris_layar(row) -> str:
    """One row of the result as printed: kode, bobot, jawaban, nilai, uraian."""
    from kinerja.core.formatting import KOSONG, format_angka
    from kinerja.core.lke import BELUM_LENGKAP

    kode = "Total" if row.tingkat == "total" else row.kode
    jawaban = (row.jawaban or KOSONG) if row.tingkat == "sub-komponen" else ""
    if row.nilai is not None:
        nilai = format_angka(row.nilai, 2)
    else:
        nilai = KOSONG if row.tingkat == "sub-komponen" else BELUM_LENGKAP
    uraian = f"Komponen {row.uraian}" if row.tingkat == "komponen" else row.uraian
    note = f" ({row.keterangan})" if row.keterangan and row.tingkat == "komponen" else ""
    return f"{kode:<6}{format_angka(row.bobot, 2):>7}  {jawaban:<8}{nilai:>13}  {uraian}{note}"


def _cetak(hasil, tabel, berkas: str) -> None:
    from kinerja.core.formatting import format_angka

    print(f"{_JUDUL}: {berkas}\n")
    print(f"{'Kode':<6}{'Bobot':>7}  {'Jawaban':<8}{'Nilai':>13}  Uraian")
    for row in tabel.itertuples(index=False):
        print(_baris_layar(row))
        if row.tingkat == "komponen":
            print()
    if hasil.lengkap:
        print(f"Nilai AKIP {format_angka(hasil.nilai, 2)}, predikat {hasil.label}")
    else:
        print(f"Nilai AKIP belum lengkap: {', '.join(hasil.kurang)} belum dijawab; predikat belum dapat ditentukan")


def _cetak_peningkatan(hasil) -> None:
    """The smallest improvement to a higher predikat, when the answers are complete."""
    from kinerja.core.formatting import format_angka
    from kinerja.core.lke_saran import peningkatan_predikat

    if not hasil.lengkap:
        return
    jawaban = dict(zip(hasil.subkomponen["kode"], hasil.subkomponen["jawaban"]))
    naik = peningkatan_predikat(jawaban, hasil.lke)
    if naik is None:
        print("Predikat sudah yang tertinggi.")
        return
    steps = "; ".join(f"{r.kode} dari {r.dari} ke {r.ke} (+{format_angka(r.tambahan, 2)})"
                      for r in naik.langkah.itertuples(index=False))
    print(f"Peningkatan terkecil ke predikat {naik.predikat} ({hasil.lke.arti[naik.predikat]}): {steps}; "
          f"Nilai AKIP menjadi {format_angka(naik.nilai, 2)}")


def _dua_desimal(tabel):
    """Bobot and nilai as a reviewer reads them: two decimals ("6,00" beside "4,50"), exact."""
    from decimal import ROUND_HALF_UP, Decimal

    def dua(v):
        return None if v is None else Decimal(v).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    return tabel.assign(bobot=tabel["bobot"].map(dua).astype(object), nilai=tabel["nilai"].map(dua).astype(object))


def _tulis(path: str, hasil, tabel) -> None:
    """``-o``: .csv (plain names, two decimals), .xlsx (numbers, two-decimal format, predikat
    coloured), .html."""
    from kinerja.core.berkas import tulis_atomik
    from kinerja.render.keluaran import penulis_csv, penulis_xlsx, tulis_keluaran

    shown = tabel.rename(columns=_KOLOM)

    def html(target) -> None:
        from kinerja.render.html import render, siap
        from kinerja.render.tabel import Tabel

        table = Tabel(shown, {"Bobot": "angka", "Nilai": "angka"}, predikat="Predikat", skala=hasil.lke.skala,
                      judul=_JUDUL)
        page = str(render("lke.html.j2", judul=_JUDUL, tabel=siap(table.html())))
        tulis_atomik(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))

    tulis_keluaran(path, {".csv": penulis_csv(_dua_desimal(tabel)), ".html": html, ".htm": html, ".xlsx": penulis_xlsx(
        shown, lembar="Evaluasi AKIP", kolom_angka=("Bobot", "Nilai"), kolom_predikat="Predikat",
        skala=hasil.lke.skala)})


def _cmd_nilai(args: argparse.Namespace) -> int:
    from kinerja.core.lke import nilai_lke, tabel_lke
    from kinerja.core.lke_parameter import muat_lke
    from kinerja.evaluasi.jawaban import baca_jawaban

    lke = muat_lke()
    bacaan = baca_jawaban(args.jawaban, lke)
    if bacaan.ditolak:
        for m in bacaan.masalah:
            print(m, file=sys.stderr)
        print(f"{bacaan.berkas}: DITOLAK, {len(bacaan.masalah)} masalah; tidak ada yang dihitung", file=sys.stderr)
        return 1
    hasil = nilai_lke(bacaan.jawaban, lke)
    tabel = tabel_lke(hasil)
    _cetak(hasil, tabel, bacaan.berkas)
    _cetak_peningkatan(hasil)
    if args.keluaran:
        _tulis(args.keluaran, hasil, tabel)
        print(f"ditulis ke {args.keluaran}", file=sys.stderr)
    return 0
