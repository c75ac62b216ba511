"""Automatic reviu rules on the measurement: targets equal to the latest PK (:func:`target_pk`),
the year's realisasi re-aggregated from the periodic data (:func:`realisasi_agregasi`), capaian
recomputed (:func:`capaian_ulang`) and the comparisons with earlier years and the Renstra/RPJMD
(:func:`pembanding_riwayat`).

Every number is the measurement core's (:mod:`kinerja.core.agregasi`, :mod:`kinerja.core.capaian`)
through :func:`kinerja.analisis.dari_store.capaian_kumulatif`: a rule compares what the store
holds with what the core computes from it, and never computes a capaian its own way.
"""

from __future__ import annotations

import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.agregasi import cek_target_bulanan
from kinerja.core.aturan import berbeda
from kinerja.core.capaian import hitung_capaian
from kinerja.core.formatting import daftar_bulan, format_nilai
from kinerja.evaluasi.reviu_bahan import BahanReviu, Keputusan, temuan

__all__ = ["capaian_ulang", "pembanding_riwayat", "realisasi_agregasi", "target_pk"]


def _teks(value) -> str:
    return format_nilai(pd.Series([value], dtype=object)).iloc[0]


def _hasil(rows: list[dict], ada_data: bool = True) -> str:
    return "Tidak" if rows else ("Ya" if ada_data else "Belum diuji")


def _perubahan_pk(b: BahanReviu) -> pd.DataFrame:
    """The PK targets of the year that were revised (PK perubahan): earlier and latest value."""
    hist = b.store.history("target")
    hist = hist[(hist["unit_kode"] == b.unit) & (hist["dokumen"] == "pk") & (hist["tahun"] == b.tahun)]
    if hist.empty:
        return pd.DataFrame(columns=["indikator_kode", "target_sebelumnya"])
    values = hist.groupby("indikator_kode", sort=False)["nilai_teks"].agg(lambda v: list(dict.fromkeys(v.astype(str))))
    changed = values[values.map(len) > 1]
    return pd.DataFrame({"indikator_kode": changed.index,
                         "target_sebelumnya": changed.map(lambda v: " → ".join(v[:-1])).to_numpy()})


def target_pk(b: BahanReviu) -> Keputusan:
    """Sasaran, indikator and targets measured are the latest PK's (PK perubahan included), and
    the RAAPK's monthly targets of a summed indicator add up to its PK target."""
    langkah = (f"Indikator dan target yang diukur dibandingkan dengan Perjanjian Kinerja {b.tahun} terakhir di basis data "
               "(termasuk PK perubahan); target bulanan RAAPK indikator berjumlah dijumlahkan dan dibandingkan dengan "
               "target tahunan PK.")
    if b.bulanan.empty:
        return Keputusan("Belum diuji", langkah, catatan=f"Perjanjian Kinerja {b.tahun} unit ini belum dimuat.")
    measured = b.bulanan.drop_duplicates("indikator_kode")
    sel = b.pk.drop_duplicates("indikator_kode").set_index("indikator_kode")["sel"] if not b.pk.empty else {}
    rows = []
    for _, r in measured.iterrows():
        if r["sumber_target"] != "pk":
            rows.append({"tabel": "Perjanjian Kinerja", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": f"{r['target_tahunan']} (Renja)", "seharusnya": "target Perjanjian Kinerja",
                         "uraian": f"target diambil dari Renja karena Perjanjian Kinerja {b.tahun} belum dimuat"})
        elif pd.isna(r["indikator"]) or pd.isna(r["sasaran"]):
            rows.append({"tabel": "Perjanjian Kinerja", "baris": sel.get(r["indikator_kode"]) or r["indikator_kode"],
                         "indikator": r["indikator_kode"], "tertulis": "–", "seharusnya": "nama indikator dan sasarannya",
                         "uraian": "indikator PK tidak ada di daftar indikator unit (sasaran dan namanya tidak diketahui)"})
    plan = b.bulanan.drop(columns="target").rename(columns={"target_nilai": "target"})
    annual = measured[["indikator_kode", "target_tahunan_nilai"]].rename(columns={"target_tahunan_nilai": "target"})
    for _, r in cek_target_bulanan(plan, annual, ["indikator_kode"]).iterrows():
        nama = measured.set_index("indikator_kode").at[r["indikator_kode"], "indikator"]
        rows.append({"tabel": "RAAPK", "baris": r["indikator_kode"], "indikator": nama,
                     "tertulis": _teks(r["jumlah_bulanan"]), "seharusnya": _teks(r["target_tahunan"]),
                     "uraian": "jumlah target bulanan RAAPK tidak sama dengan target tahunan PK"})
    bukti = measured[["indikator_kode", "sasaran", "indikator", "satuan", "target_tahunan", "sumber_target"]].merge(
        _perubahan_pk(b), on="indikator_kode", how="left")
    catatan = (f"{int(bukti['target_sebelumnya'].notna().sum())} target diubah dengan PK perubahan; yang diukur "
               "target terakhir." if bukti["target_sebelumnya"].notna().any() else "")
    return Keputusan(_hasil(rows), langkah, bukti, catatan, temuan(rows))


def realisasi_agregasi(b: BahanReviu) -> Keputusan:
    """The year's realisasi is the re-aggregation of the periodic (monthly or quarterly) data,
    every month of the period is reported, and an annual value stored beside the periodic data
    equals their aggregation."""
    langkah = (f"Realisasi Januari–{daftar_bulan([b.bulan])} {b.tahun} diagregasi ulang dari data bulanan/triwulanan "
               "(jumlah, nilai akhir, rata-rata atau rasio menurut sifat indikator) dan dibandingkan dengan realisasi "
               "tahunan yang tersimpan; bulan tanpa realisasi dicatat.")
    kum = b.kum
    if kum.empty:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data pengukuran tahun ini.")
    real = b.store.current("realisasi", unit_kode=b.unit, tahun=b.tahun)
    whole = real[real["periode"].fillna("") == "tahun"].set_index("indikator_kode") if not real.empty else real
    rows = []
    for _, r in kum.iterrows():
        if r["bulan_kosong"] and not r["keterangan_kosong"]:
            rows.append({"tabel": "CRAAPK", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": "–", "seharusnya": "realisasi setiap bulan",
                         "uraian": f"realisasi bulan {daftar_bulan(r['bulan_kosong'])} belum dilaporkan tanpa keterangan"})
        if r["periode_data"] != "tahun" and not whole.empty and r["indikator_kode"] in whole.index:
            stored = whole.loc[[r["indikator_kode"]]].iloc[-1]
            if berbeda([stored["nilai"]], [r["realisasi"]])[0]:
                rows.append({"tabel": "Realisasi tahunan", "baris": stored.get("sel") or r["indikator_kode"],
                             "indikator": r["indikator"], "tertulis": stored["nilai_teks"],
                             "seharusnya": _teks(r["realisasi"]),
                             "uraian": "realisasi tahunan tidak sama dengan agregasi data bulanan/triwulanan"})
    bukti = kum[["indikator_kode", "indikator", "agregasi", "periode_data", "bulan_lapor", "realisasi"]].assign(
        bulan_kosong=kum["bulan_kosong"].map(lambda v: daftar_bulan(v) if v else ""))
    return Keputusan(_hasil(rows), langkah, bukti, "", temuan(rows))


def capaian_ulang(b: BahanReviu) -> Keputusan:
    """Every capaian recomputes from its target, realisasi and polaritas, and none waits for
    verification."""
    langkah = ("Capaian setiap indikator dihitung ulang dari target dan realisasi periode menurut polaritasnya "
               "(rumus docs/metodologi.md §2) dan dibandingkan dengan capaian yang disajikan; angka yang ditandai "
               "perlu verifikasi dicatat.")
    kum = b.kum
    if kum.empty:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data pengukuran tahun ini.")
    ulang = hitung_capaian(kum.assign(target=kum["target"].astype(object), realisasi=kum["realisasi"].astype(object)))
    rows = []
    for i, r in kum.iterrows():
        again = ulang.at[i, "capaian"]
        if pd.isna(again) and not pd.isna(r["realisasi"]) and r["realisasi"] != "":
            rows.append({"tabel": "Pengukuran kinerja", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": _teks(r["realisasi"]), "seharusnya": "capaian yang dapat dihitung",
                         "uraian": f"capaian tidak dapat dihitung: {ulang.at[i, 'catatan'] or 'nilai tidak terbaca'}"})
        elif not pd.isna(again) and berbeda([again], [r["capaian"]])[0]:
            rows.append({"tabel": "Pengukuran kinerja", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": _teks(r["capaian"]), "seharusnya": _teks(again),
                         "uraian": "capaian tidak sama dengan hasil hitung ulang"})
        for alasan in r["verifikasi"]:
            rows.append({"tabel": "Pengukuran kinerja", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": _teks(r["capaian"]), "seharusnya": "angka yang telah diverifikasi",
                         "uraian": f"perlu verifikasi: {alasan}"})
    bukti = kum[["indikator_kode", "indikator", "polaritas", "target", "realisasi"]].assign(
        capaian=ulang["capaian"].to_numpy(), catatan=ulang["catatan"].to_numpy())
    return Keputusan(_hasil(rows), langkah, bukti, "", temuan(rows))


def pembanding_riwayat(b: BahanReviu) -> Keputusan:
    """Every indicator has last year's realisasi and the Renstra/RPJMD end target to compare
    with, and last year's annual realisasi equals the aggregation of last year's periodic data."""
    langkah = (f"Untuk setiap indikator dicari realisasi tahun {b.tahun - 1} dan target akhir Renstra/RPJMD di riwayat "
               f"basis data; realisasi tahunan {b.tahun - 1} dibandingkan dengan agregasi data bulanan tahun itu bila ada.")
    kum = b.kum
    if kum.empty:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data pengukuran tahun ini.")
    hist = analisis.riwayat(b.store, b.unit)
    lalu = hist[(hist["tahun"] == b.tahun - 1) & hist["realisasi"].notna()].drop_duplicates("indikator_kode")
    lalu = lalu.set_index("indikator_kode")
    akhir = hist[hist["target_akhir"].notna()].drop_duplicates("indikator_kode").set_index("indikator_kode")
    bulanan_lalu = analisis.capaian_kumulatif(b.store, b.unit, b.tahun - 1, 12)
    bulanan_lalu = bulanan_lalu.set_index("indikator_kode") if not bulanan_lalu.empty else bulanan_lalu
    rows = []
    for _, r in kum.iterrows():
        kode, nama = r["indikator_kode"], r["indikator"]
        if kode not in lalu.index:
            rows.append({"tabel": "Riwayat realisasi", "baris": kode, "indikator": nama, "tertulis": "–",
                         "seharusnya": f"realisasi {b.tahun - 1}",
                         "uraian": f"realisasi tahun {b.tahun - 1} tidak ada, perbandingan dengan tahun lalu tidak dapat disajikan"})
        elif not bulanan_lalu.empty and kode in bulanan_lalu.index and berbeda(
                [lalu.at[kode, "realisasi_nilai"]], [bulanan_lalu.at[kode, "realisasi"]])[0]:
            rows.append({"tabel": "Riwayat realisasi", "baris": kode, "indikator": nama,
                         "tertulis": lalu.at[kode, "realisasi"], "seharusnya": _teks(bulanan_lalu.at[kode, "realisasi"]),
                         "uraian": f"realisasi {b.tahun - 1} di riwayat tidak sama dengan agregasi data bulanan tahun itu"})
        if kode not in akhir.index:
            rows.append({"tabel": "Renstra/RPJMD", "baris": kode, "indikator": nama, "tertulis": "–",
                         "seharusnya": "target akhir periode",
                         "uraian": "target akhir Renstra/RPJMD tidak ada, perbandingan dengan target jangka menengah "
                                   "tidak dapat disajikan"})
    bukti = kum[["indikator_kode", "indikator"]].assign(
        realisasi_tahun_lalu=kum["indikator_kode"].map(lalu["realisasi"]) if not lalu.empty else None,
        target_akhir=kum["indikator_kode"].map(akhir["target_akhir"]) if not akhir.empty else None)
    return Keputusan(_hasil(rows), langkah, bukti, "", temuan(rows))
