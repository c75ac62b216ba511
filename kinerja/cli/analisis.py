"""Tables from the store: ``kinerja kepatuhan``, ``peringkat``, ``keselarasan``, ``peringatan-dini``
and ``ringkasan``."""

from __future__ import annotations

import argparse

from kinerja.cli.umum import (BANTUAN_TAHUN, DATA_KINERJA, FORMAT_CSV_XLSX, FORMAT_TEMUAN, bulan, buka, contoh,
                              opsi_db, opsi_tahun_bulan, tahun, triwulan)
from kinerja.core.errors import KinerjaError
from kinerja.core.jadwal import batas_teks
from kinerja.render.keluaran import penulis_csv, penulis_xlsx, teks_format, tulis_keluaran

__all__ = ["daftar"]

STATUS_URUT = ("pasti tidak tercapai", "meleset", "berisiko", "waspada", "aman", "tidak diproyeksikan")


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    _kepatuhan(sub)
    _peringkat(sub)
    _keselarasan(sub)
    _peringatan_dini(sub)
    _ringkasan(sub)


def _kepatuhan(sub) -> None:
    kp = sub.add_parser("kepatuhan", help="siapa yang menyampaikan CRAAPK (atau laporan triwulan) tepat waktu, "
                        "terlambat, atau belum",
                        description=f"Batas CRAAPK: {batas_teks()}. Laporan triwulan (Evaluasi Renja yang diimpor): "
                        "20 hari setelah triwulan berakhir.",
                        epilog=contoh("kinerja kepatuhan --tahun 2026 --bulan 9",
                                      "kinerja kepatuhan --tahun 2026 --triwulan 3 -o kepatuhan-tw3.xlsx"))
    kp.add_argument("--tahun", type=tahun, required=True, help=BANTUAN_TAHUN)
    period = kp.add_mutually_exclusive_group(required=True)
    period.add_argument("--bulan", type=bulan, help="bulan CRAAPK (1–12)")
    period.add_argument("--triwulan", type=triwulan, help="triwulan laporan Evaluasi Renja (1–4)")
    opsi_db(kp)
    kp.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(FORMAT_CSV_XLSX)}")
    kp.set_defaults(format_keluaran=FORMAT_CSV_XLSX)
    kp.set_defaults(func=_cmd_kepatuhan)


def _peringkat(sub) -> None:
    pr = sub.add_parser("peringkat", help="peringkat perangkat daerah menurut nilai gabungan yang terdokumentasi",
                        description="Peringkat perangkat daerah: capaian berjenjang, penyerapan terhadap rencana, "
                        "kepatuhan CRAAPK dan kualitas data, masing-masing 0–100, digabung dengan bobot "
                        "parameters/peringkat.yaml (metodologi: docs/metodologi.md).",
                        epilog=contoh("kinerja peringkat --tahun 2026 --bulan 9",
                                      "kinerja peringkat --tahun 2026 --bulan 9 -o peringkat.xlsx"))
    opsi_tahun_bulan(pr, "bulan laporan (capaian dan kepatuhan Januari s.d. bulan ini)")
    pr.add_argument("--kabupaten", metavar="KODE", help="hanya perangkat daerah kabupaten ini (basis data berisi "
                    "beberapa kabupaten; bawaan: semua, dengan peringkat per kabupaten dan gabungan)")
    opsi_db(pr)
    pr.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(FORMAT_CSV_XLSX)}")
    pr.set_defaults(format_keluaran=FORMAT_CSV_XLSX)
    pr.set_defaults(func=_cmd_peringkat)


def _keselarasan(sub) -> None:
    ks = sub.add_parser("keselarasan", help="periksa keselarasan pohon kinerja (temuan K01–K11)",
                        description="Temuan keselarasan pohon kinerja: sasaran tanpa induk, sasaran kabupaten tanpa "
                        "pendukung, simpul tanpa induk, crosscutting belum dijawab atau ditolak, target dan realisasi "
                        "berbeda antartingkat, target anak yang tidak menjumlah ke induk "
                        "(metodologi: docs/metodologi.md).",
                        epilog=contoh("kinerja keselarasan --tahun 2026 --bulan 9",
                                      "kinerja keselarasan --tahun 2026 --bulan 9 --unit dinkes -o keselarasan.xlsx"))
    opsi_tahun_bulan(ks, "realisasi dibandingkan sampai bulan ini")
    ks.add_argument("--kabupaten", metavar="KODE", help="kabupaten yang diperiksa (bawaan: setiap kabupaten di basis data)")
    ks.add_argument("--unit", metavar="KODE", help="hanya temuan unit ini")
    opsi_db(ks)
    ks.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(FORMAT_TEMUAN)}")
    ks.set_defaults(format_keluaran=FORMAT_TEMUAN)
    ks.set_defaults(func=_cmd_keselarasan)


def _peringatan_dini(sub) -> None:
    pdn = sub.add_parser("peringatan-dini", help="indikator yang diproyeksikan tidak mencapai target tahunan",
                         description="Peringatan dini: proyeksi akhir tahun setiap indikator dari realisasi s.d. bulan "
                         "laporan dan rencana aksi (RAAPK), dengan rentangnya; daftar indikator yang proyeksinya perlu "
                         "ditindaklanjuti (ambang: parameters/peringatan_dini.yaml), yang terparah lebih dulu "
                         "(metodologi: docs/metodologi.md).",
                         epilog=contoh("kinerja peringatan-dini --tahun 2026 --bulan 9",
                                       "kinerja peringatan-dini --tahun 2026 --bulan 9 --unit dinkes --semua"))
    opsi_tahun_bulan(pdn, "data s.d. bulan ini (1–11)")
    pdn.add_argument("--kabupaten", metavar="KODE", help="hanya unit kabupaten ini")
    pdn.add_argument("--unit", metavar="KODE", help="hanya unit ini")
    pdn.add_argument("--semua", action="store_true", help="tampilkan semua indikator, bukan hanya yang berisiko")
    opsi_db(pdn)
    pdn.add_argument("-o", "--keluaran", metavar="BERKAS", help=f"simpan juga sebagai {teks_format(FORMAT_CSV_XLSX)}")
    pdn.set_defaults(format_keluaran=FORMAT_CSV_XLSX)
    pdn.set_defaults(func=_cmd_peringatan_dini)


def _ringkasan(sub) -> None:
    rk = sub.add_parser("ringkasan", help="ringkasan isi basis data",
                        description="Ringkasan isi basis data: unit, indikator, realisasi dan berkas yang dimuat.",
                        epilog=contoh("kinerja ringkasan", "kinerja ringkasan --db sqlite:///outputs/kinerja.sqlite"))
    opsi_db(rk)
    rk.set_defaults(func=_cmd_ringkasan)


def _cmd_kepatuhan(args: argparse.Namespace) -> int:
    import pandas as pd

    from kinerja.analisis.kepatuhan import WAKTU_TIDAK_DIKETAHUI, kepatuhan, kepatuhan_triwulan
    from kinerja.core.formatting import ROMAWI_TRIWULAN, format_waktu, nama_bulan

    if args.triwulan:
        table = kepatuhan_triwulan(buka(args, tahun=args.tahun, dokumen=DATA_KINERJA), args.tahun, args.triwulan)
        print(f"Kepatuhan penyampaian laporan triwulan {ROMAWI_TRIWULAN[args.triwulan - 1]} {args.tahun} "
              "(Evaluasi Renja)")
    else:
        table = kepatuhan(buka(args, tahun=args.tahun, dokumen=DATA_KINERJA), args.tahun, args.bulan)
        print(f"Kepatuhan penyampaian CRAAPK {nama_bulan(args.bulan)} {args.tahun}")
    for status in ("belum menyampaikan", "terlambat", "tepat waktu", WAKTU_TIDAK_DIKETAHUI):
        part = table[table["status"] == status]
        if status == WAKTU_TIDAK_DIKETAHUI and part.empty:
            continue
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
    import pandas as pd

    from kinerja.analisis.peringkat import peringkat
    from kinerja.core.formatting import format_angka, nama_bulan

    table = peringkat(buka(args, tahun=args.tahun, dokumen=DATA_KINERJA), args.tahun, args.bulan, args.kabupaten)
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
    import pandas as pd

    from kinerja.analisis.keselarasan import periksa_keselarasan, temuan_unit
    from kinerja.analisis.pohon import analisis_kum, baca_pohon
    from kinerja.core.wilayah import cari_unit, daftar_kabupaten
    from kinerja.dokumen.pohon_kinerja import tulis_temuan

    store = buka(args, tahun=args.tahun, dokumen=DATA_KINERJA)
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
    from kinerja.analisis.proyeksi import daftar_berisiko, muat_peringatan_dini, proyeksi
    from kinerja.core.formatting import nama_bulan
    from kinerja.core.wilayah import cari_unit, nama_dengan_kabupaten, unit_kabupaten
    from kinerja.dokumen.bagian import tabel_peringatan_dini
    from kinerja.dokumen.narasi import kalimat_peringatan_lainnya

    if not 1 <= args.bulan <= 11:
        raise KinerjaError(f"bulan harus 1–11 (Desember sudah akhir tahun), bukan {args.bulan}")
    store = buka(args, tahun=args.tahun, dokumen=DATA_KINERJA)
    semua_unit = store.current("unit")
    units = unit_kabupaten(semua_unit, args.kabupaten)
    if args.unit:
        cari_unit(units, args.unit, args.kabupaten)
    proj = proyeksi(store, args.unit, args.tahun, args.bulan)
    proj = proj[proj["unit_kode"].isin(units["kode"])]
    # Several kabupaten in the store: every line names its kabupaten (their units bear the same names).
    proj = proj.assign(nama_unit=nama_dengan_kabupaten(semua_unit if args.kabupaten is None else units,
                                                       proj["unit_kode"]).to_numpy())
    aturan = muat_peringatan_dini()
    risky = daftar_berisiko(proj, aturan)
    shown = proj if args.semua else risky
    counts = proj["status"].value_counts()
    print(f"Peringatan dini {args.tahun}, data s.d. {nama_bulan(args.bulan)}: {len(proj)} indikator; "
          + ", ".join(f"{s} {counts.get(s, 0)}" for s in STATUS_URUT))
    for r in shown.itertuples(index=False):
        print(f"  {r.status:<20} {r.nama_unit}: {r.indikator} — {_baris_proyeksi(r)}")
    ragu = proj[proj["ragu"].astype(bool)]
    if not args.semua and not ragu.empty:
        print(f"  {len(ragu)} indikator tidak diproyeksikan karena angkanya perlu diverifikasi: "
              + "; ".join(f"{r.nama_unit}: {r.indikator}" for r in ragu.itertuples(index=False)))
    rest = kalimat_peringatan_lainnya(len(risky), risky.attrs.get("lainnya", 0), aturan.batas_capaian)
    if not args.semua and rest:
        print(f"  {rest}; lihat --semua")
    if args.keluaran:
        table = tabel_peringatan_dini(shown, "", dengan_unit=True).data
        tulis_keluaran(args.keluaran, {".csv": penulis_csv(shown), ".xlsx": penulis_xlsx(
            table, lembar="Peringatan Dini",
            kolom_angka=tuple(c for c in table.columns if c not in ("Unit", "Indikator", "Satuan", "Status")))})
    return 0


def _baris_proyeksi(r) -> str:
    """One indicator's early warning in a line: why a miss is certain, why it is not projected,
    or its projection, band and projected capaian."""
    import pandas as pd

    from kinerja.analisis.proyeksi import PASTI
    from kinerja.core.formatting import format_angka, format_persen

    if r.status == PASTI:
        return f"sudah pasti tidak tercapai: {r.catatan}"
    if r.status == "tidak diproyeksikan":
        return r.catatan
    fmt = lambda v: "–" if pd.isna(v) else format_angka(v, 2)  # noqa: E731
    return (f"proyeksi {fmt(r.proyeksi)} (rentang {fmt(r.bawah)}–{fmt(r.atas)}) terhadap target {fmt(r.target)} "
            f"{r.satuan or ''}, capaian {format_persen(r.capaian_proyeksi)}")


def _cmd_ringkasan(args: argparse.Namespace) -> int:
    from kinerja.store.url import tampil_url

    store = buka(args)  # a missing store is named, never created to report "unit: 0"
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
