"""``kinerja reviu``: the reviu of the kabupaten's LKjIP (and the evaluation of a perangkat
daerah's) by Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran III: the kertas kerja with
kinerja's automatic decisions, then, read back with the reviewer's answers, the findings file,
the KKR and the Pernyataan Telah Direviu."""

from __future__ import annotations

import argparse
import sys

from kinerja.cli.umum import buka, contoh, opsi_contoh, opsi_db, tahun
from kinerja.render.keluaran import teks_format

__all__ = ["daftar"]

FORMAT_KERTAS = (".xlsx", ".csv", ".html", ".htm")
FORMAT_TEMUAN_REVIU = (".csv", ".xlsx", ".html", ".htm")


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    p = sub.add_parser(
        "reviu", help="reviu LKjIP: kertas kerja, temuan, KKR dan Pernyataan Telah Direviu",
        description=(
            "Reviu atas LKjIP menurut Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran III: 23 butir\n"
            "checklist (parameters/reviu/butir.yaml). Butir yang dapat diputuskan dari data (target sama dengan PK,\n"
            "realisasi dan capaian dihitung ulang, riwayat, anggaran, penyebab dan solusi, keselarasan) diputuskan\n"
            "kinerja; butir lain dijawab pereviu di kertas kerja.\n"
            "Hanya LKjIP Pemerintah Kabupaten yang direviu; LKjIP perangkat daerah dievaluasi dengan checklist yang\n"
            "sama, tanpa Pernyataan Telah Direviu.\n\n"
            "Langkah 1, kertas kerja (kolom berwarna diisi pereviu):\n"
            "  kinerja reviu --tahun 2026 --unit nusa-rekaan -o kertas-kerja.xlsx\n"
            "Langkah 2, baca kembali kertas kerja yang sudah diisi; tulis temuan, KKR dan Pernyataan:\n"
            "  kinerja reviu --tahun 2026 --unit nusa-rekaan --kertas-kerja kertas-kerja.xlsx -o temuan.csv \\\n"
            "      --kkr kkr.xlsx --pernyataan pernyataan.pdf --inspektur \"Nama Inspektur\" --nip \"19700101 ...\"\n"
            "Dengan LKjIP Word yang disusun unit sendiri, setiap nilainya dibandingkan dengan basis data:\n"
            "  kinerja reviu --tahun 2026 --unit dinkes --lkjip lkjip-dinkes.docx -o temuan.csv\n"
            "Kertas kerja yang butirnya sudah diputuskan juga dari LKjIP Word itu:\n"
            "  kinerja reviu --tahun 2026 --unit dinkes --lkjip lkjip-dinkes.docx --tulis-kertas-kerja kk.xlsx\n\n"
            "Kode keluar: 0 selesai, 1 kertas kerja ditolak (setiap masalah disebut dengan lembar dan selnya),\n"
            "2 perintah salah, atau Pernyataan diminta untuk perangkat daerah atau sebelum semua butir diuji."),
        epilog=contoh("kinerja reviu --tahun 2026 --unit nusa-rekaan -o kertas-kerja.xlsx"))
    p.add_argument("--tahun", type=tahun, required=True, help="tahun LKjIP")
    p.add_argument("--unit", required=True, metavar="KODE", help="kode unit di Daftar Unit (kabupaten atau perangkat daerah)")
    p.add_argument("--lkjip", metavar="BERKAS.docx", help="LKjIP Word yang disusun unit; temuannya masuk berkas temuan")
    p.add_argument("--kertas-kerja", metavar="BERKAS.xlsx", help="kertas kerja yang sudah diisi pereviu (dibaca kembali)")
    p.add_argument("--kkr", metavar="BERKAS.xlsx", help="tulis juga kertas kerja reviu (KKR) empat bagian")
    p.add_argument("--pernyataan", metavar="BERKAS", help="tulis juga Pernyataan Telah Direviu (.docx, .pdf atau .html)")
    p.add_argument("--inspektur", metavar="NAMA", help="nama Inspektur penanda tangan Pernyataan")
    p.add_argument("--nip", metavar="NIP", help="NIP Inspektur")
    p.add_argument("--tanggal", metavar="YYYY-MM-DD", help="tanggal Pernyataan (bawaan: hari ini)")
    p.add_argument("--tulis-kertas-kerja", metavar="BERKAS",
                   help=f"tulis juga kertas kerja ({teks_format(FORMAT_KERTAS)}) dengan butir yang sudah diputuskan, "
                   "termasuk dari temuan --lkjip, untuk diisi pereviu")
    p.add_argument("-o", "--keluaran", metavar="BERKAS",
                   help=f"tanpa --kertas-kerja: kertas kerja ({teks_format(FORMAT_KERTAS)}); dengan --kertas-kerja "
                   f"atau --lkjip: berkas temuan ({teks_format(FORMAT_TEMUAN_REVIU)})")
    opsi_db(p)
    opsi_contoh(p)
    p.set_defaults(func=_cmd_reviu)


def _store(args: argparse.Namespace):
    if args.contoh:
        from kinerja.contoh.store import store_contoh

        print("basis data: contoh Kabupaten Nusa Rekaan (kabupaten rekaan)", file=sys.stderr)
        return store_contoh()
    return buka(args, tahun=args.tahun)


def _tanggal(teks: str | None):
    import datetime as dt

    from kinerja.core.errors import KinerjaError

    if teks is None:
        return None
    try:
        return dt.date.fromisoformat(teks)
    except ValueError:
        raise KinerjaError(f"--tanggal {teks!r} bukan tanggal YYYY-MM-DD (mis. 2027-03-15)") from None


def _tulis_temuan(path: str, temuan) -> None:
    from kinerja.render.keluaran import penulis_csv, penulis_xlsx, tulis_keluaran

    def html(target) -> None:
        from kinerja.core.berkas import tulis_atomik
        from kinerja.render.html import render, siap
        from kinerja.render.tabel import Tabel

        page = str(render("temuan.html.j2", tabel=siap(Tabel(temuan, {}, judul="Temuan reviu LKjIP").html())))
        tulis_atomik(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))

    tulis_keluaran(path, {".csv": penulis_csv(temuan), ".xlsx": penulis_xlsx(temuan, lembar="Temuan"),
                          ".html": html, ".htm": html})


def _baca_kembali(args, hasil):
    """The reviewer's answers of ``--kertas-kerja`` merged into ``hasil``; None when refused."""
    from kinerja.evaluasi.reviu_baca import baca_kertas_kerja, gabung_jawaban

    bacaan = baca_kertas_kerja(args.kertas_kerja, args.unit, args.tahun)
    if not bacaan.ditolak:
        hasil = gabung_jawaban(hasil, bacaan)
    for m in bacaan.masalah:
        print(m, file=sys.stderr)
    if bacaan.ditolak:
        print(f"{bacaan.berkas}: DITOLAK, {len([m for m in bacaan.masalah if m.tingkat == 'galat'])} masalah; "
              "tidak ada yang ditulis", file=sys.stderr)
        return None
    return hasil


def _ringkas(hasil, lkjip: str | None = None) -> None:
    from pathlib import Path

    from kinerja.core.formatting import format_angka
    from kinerja.evaluasi.reviu_kkr import simpulan

    kerja = "Reviu" if hasil.kabupaten else "Evaluasi (LKjIP perangkat daerah dievaluasi, tidak direviu)"
    print(f"{kerja} LKjIP {hasil.info.get('nama', hasil.unit)} tahun {hasil.tahun}")
    for r in hasil.butir.itertuples(index=False):
        print(f"{r.kode:<7}{r.jawaban:<15}{r.penjawab:<20}{r.catatan}")
    print(f"Temuan basis data: {format_angka(len(hasil.temuan), 0)}")
    if lkjip:
        print(f"Temuan dokumen LKjIP Word {Path(lkjip).name}: {format_angka(len(hasil.temuan_dokumen), 0)}")
    print(simpulan(hasil))


def _cmd_reviu(args: argparse.Namespace) -> int:
    from kinerja.core.errors import KinerjaError
    from kinerja.evaluasi.reviu import gabung_lkjip, reviu, temuan_lkjip
    from kinerja.evaluasi.reviu_kertas import tulis_kertas_kerja
    from kinerja.evaluasi.reviu_kkr import temuan_akhir, tulis_kkr
    from kinerja.evaluasi.reviu_pernyataan import pernyataan_reviu, tulis_pernyataan
    from kinerja.render.keluaran import akhiran_keluaran

    tanggal = _tanggal(args.tanggal)
    dibaca = bool(args.kertas_kerja or args.lkjip)
    if args.keluaran:
        akhiran_keluaran(args.keluaran, FORMAT_TEMUAN_REVIU if dibaca else FORMAT_KERTAS)
    if args.tulis_kertas_kerja:
        akhiran_keluaran(args.tulis_kertas_kerja, FORMAT_KERTAS)
    if args.kkr:
        akhiran_keluaran(args.kkr, (".xlsx",))
    if args.pernyataan:
        akhiran_keluaran(args.pernyataan, (".docx", ".pdf", ".html"))
    if (args.kkr or args.pernyataan) and not args.kertas_kerja:
        raise KinerjaError("--kkr dan --pernyataan memerlukan --kertas-kerja yang sudah diisi pereviu")
    store = _store(args)
    hasil = reviu(store, args.unit, args.tahun)
    if args.pernyataan and not hasil.kabupaten:
        pernyataan_reviu(hasil)  # R14: refused before anything is read or written
    if args.kertas_kerja:
        hasil = _baca_kembali(args, hasil)
        if hasil is None:
            return 1
    if args.lkjip:  # after the read-back: the document's findings decide the items they name
        from pathlib import Path

        hasil = gabung_lkjip(hasil, temuan_lkjip(args.lkjip, store, args.unit, args.tahun), Path(args.lkjip).name)
    _ringkas(hasil, args.lkjip)
    # R14/R15 refuse the statement before anything is written.
    pernyataan = pernyataan_reviu(hasil, tanggal, args.inspektur, args.nip) if args.pernyataan else None
    if args.keluaran:
        if dibaca:
            _tulis_temuan(args.keluaran, temuan_akhir(hasil))
        else:
            tulis_kertas_kerja(hasil, args.keluaran)
        print(f"ditulis ke {args.keluaran}", file=sys.stderr)
    if args.tulis_kertas_kerja:
        print(f"kertas kerja ditulis ke {tulis_kertas_kerja(hasil, args.tulis_kertas_kerja)}", file=sys.stderr)
    if args.kkr:
        print(f"KKR ditulis ke {tulis_kkr(hasil, args.kkr)}", file=sys.stderr)
    if pernyataan is not None:
        print(f"Pernyataan Telah Direviu ditulis ke {tulis_pernyataan(pernyataan, args.pernyataan)}", file=sys.stderr)
    return 0
