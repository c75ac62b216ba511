"""Parts shared by the documents: the unit looked up, the capaian, kepatuhan, efficiency,
between-levels and early-warning tables, and the subject a sentence names."""

from __future__ import annotations

import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.analisis.kepatuhan import status_teks
from kinerja.analisis.proyeksi import PASTI
from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import ROMAWI_TRIWULAN, format_nilai_satuan, format_tanggal, nama_bulan
from kinerja.core.predikat import SkalaPredikat
from kinerja.dokumen import narasi
from kinerja.render.tabel import Tabel
from kinerja.store.store import Store

__all__ = ["narasi_tercapai", "tabel_antartingkat", "tabel_capaian_periode", "tabel_efisiensi", "tabel_kepatuhan",
           "tabel_peringatan_dini", "tanda_ragu"]


def _unit(store: Store, unit: str) -> tuple[pd.DataFrame, dict]:
    """The current unit list and one unit's row; an Indonesian error if it is unknown."""
    from kinerja.core.wilayah import cari_unit

    units = store.current("unit")
    return units, cari_unit(units, unit)


def tanda_ragu(ragu: pd.Series | None, *kolom: str) -> dict[str, list[bool]] | None:
    """The marks of a table's values to verify (:class:`kinerja.render.tabel.Tabel` ``tanda``): in each
    of ``kolom``, the rows whose measurement carries ``ragu`` (:mod:`kinerja.core.kewajaran`).

    Examples
    --------
    >>> tanda_ragu(pd.Series([False, True]), "Realisasi", "Capaian (%)")
    {'Realisasi': [False, True], 'Capaian (%)': [False, True]}
    """
    if ragu is None:
        return None
    rows = pd.Series(ragu).astype("boolean").fillna(False).astype(bool).tolist()
    return {k: rows for k in kolom}


def tabel_capaian_periode(kum: pd.DataFrame, skala: SkalaPredikat, judul: str, tahun_penuh: bool = False) -> Tabel:
    """The period's capaian per indicator as every document shows it: annual PK target
    beside the target and realisasi of the same months, capaian, predikat, and a Catatan
    column (months not reported, numbers to verify) whenever a row has one."""
    catatan = analisis.catatan_periode(kum)
    # Where the annual target comes from: the PK, or (a unit read by kinerja impor) its Renja.
    source = "Renja" if "sumber_target" in kum and (kum["sumber_target"] == "renja").all() else "PK"
    shown = pd.DataFrame({"Indikator Kinerja": kum["indikator"], "Satuan": kum["satuan"],
                          f"Target Tahunan ({source})": kum["target_tahunan"]})
    if not tahun_penuh:
        shown["Target Periode"] = kum["target"]
    shown["Realisasi"] = kum["realisasi"]
    shown["Capaian (%)"] = kum["capaian"]
    shown["Predikat"] = kum["predikat"].where(kum["dihitung"].astype(bool) | kum["capaian"].isna(), "perlu diverifikasi")
    if (catatan != "").any():
        shown["Catatan"] = catatan
    return Tabel(shown, {"Target Periode": "nilai", "Realisasi": "nilai", "Capaian (%)": "angka"}, "Predikat", skala,
                 judul, tanda=tanda_ragu(kum.get("ragu"), "Realisasi", "Capaian (%)"))


def tabel_kepatuhan(patuh: pd.DataFrame | None, periode: str) -> Tabel | None:
    """A unit's CRAAPK submissions month by month (:func:`kinerja.analisis.kepatuhan.kepatuhan`)."""
    if patuh is None or patuh.empty:
        return None
    k = patuh.sort_values("bulan")
    # A unit judged by quarter (kinerja.analisis.kepatuhan.kepatuhan_triwulan): its quarterly reports.
    quarterly = "triwulan" in k
    first = ({"Triwulan": k["triwulan"].map(lambda q: ROMAWI_TRIWULAN[int(q) - 1])} if quarterly
             else {"Bulan": k["bulan"].map(nama_bulan)})
    shown = pd.DataFrame(first | {"Batas Waktu": k["batas_waktu"].map(format_tanggal),
                                  "Diterima": k["diterima"].map(format_tanggal), "Status": k["status"],
                                  "Terlambat (hari)": k["hari_terlambat"].where(k["status"] == "terlambat")})
    what = "laporan triwulanan (Evaluasi Renja)" if quarterly else "CRAAPK"
    return Tabel(shown, {"Terlambat (hari)": "bulat"}, judul=f"Penyampaian {what} {periode}")


def tabel_antartingkat(beda: pd.DataFrame | None, periode: str) -> Tabel | None:
    """:func:`kinerja.analisis.dari_store.beda_tingkat` as a document table (None when there is none)."""
    if beda is None or beda.empty:
        return None
    def teks(col: str) -> list[str]:  # one format per unit (a percentage with its two decimals)
        return [format_nilai_satuan(v, sat, tulis_satuan=False) for v, sat in zip(beda[col], beda["satuan"])]
    shown = pd.DataFrame({"Indikator Kinerja": beda["indikator"], "Satuan": beda["satuan"],
                          "Pemerintah Kabupaten": teks("realisasi_kabupaten"), "Perangkat Daerah": beda["nama_unit"],
                          "Realisasi Perangkat Daerah": teks("realisasi_pd"), "Catatan": beda["catatan"]})
    marks = {**(tanda_ragu(beda.get("ragu_kabupaten"), "Pemerintah Kabupaten") or {}),
             **(tanda_ragu(beda.get("ragu_pd"), "Realisasi Perangkat Daerah") or {})}
    return Tabel(shown, {"Pemerintah Kabupaten": "nilai", "Realisasi Perangkat Daerah": "nilai"},  # right-aligned
                 judul=f"Indikator yang sama di tingkat kabupaten dan perangkat daerah, {periode}", tanda=marks or None)


def tabel_efisiensi(eff: pd.DataFrame | None, bulan: int, periode: str) -> Tabel | None:
    """Efficiency per sasaran (the form named in the caption's paragraph)."""
    if eff is None or eff.empty:
        return None
    dasar = "Rencana Penyerapan" if bulan < 12 else "Pagu"
    shown = pd.DataFrame({"Sasaran": eff["sasaran"], "Program": eff["program"].map("; ".join),
                          "Rata-rata Capaian (%)": eff["capaian"], "Pagu": eff["pagu"],
                          f"{dasar} s.d. {nama_bulan(bulan)}" if bulan < 12 else "Pagu Tahunan":
                              eff["rencana_anggaran"] if bulan < 12 else eff["pagu"],
                          "Realisasi Anggaran": eff["realisasi_anggaran"],
                          f"Penyerapan thd {dasar} (%)": eff["penyerapan"],
                          "Indeks Efisiensi": eff["indeks_efisiensi"]})
    shown = shown.loc[:, ~shown.columns.duplicated()]
    judul = f"Efisiensi per sasaran, {periode}"
    if "dibagi" in eff and eff["dibagi"].fillna(False).astype(bool).any():  # one pagu, never counted per sasaran
        shown["Catatan"] = eff["dibagi"].fillna(False).astype(bool).map(
            {True: "anggaran program bersama: bagian sasaran ini", False: ""}).to_numpy()
        judul += " (anggaran program bersama dibagi menurut jumlah indikator sasaran yang ditautkan RAAPK)"
    money = {c: "rupiah" for c in shown.columns if c in ("Pagu", "Realisasi Anggaran") or c.startswith("Rencana")
             or c == "Pagu Tahunan"}
    return Tabel(shown, money | {"Rata-rata Capaian (%)": "angka", f"Penyerapan thd {dasar} (%)": "angka",
                                 "Indeks Efisiensi": "angka"}, judul=judul)


_SUBJEK = {"kabupaten": "Pemerintah Kabupaten", "pejabat": "pejabat"}


def tabel_peringatan_dini(risky: pd.DataFrame, judul: str, dengan_unit: bool = False) -> Tabel:
    """The early-warning list (:func:`kinerja.analisis.proyeksi.daftar_berisiko`) as a document
    table: projection, band, projected capaian and, for a miss already certain, why; below it
    the sentence counting the indicators it leaves out, the same the CLI prints."""
    data = pd.DataFrame({
        **({"Unit": risky["nama_unit"]} if dengan_unit else {}),
        "Indikator": risky.get("indikator", pd.Series(dtype=object)), "Satuan": risky.get("satuan"),
        "Target tahunan": risky.get("target"), "Realisasi s.d. bulan ini": risky.get("realisasi_kini"),
        "Proyeksi akhir tahun": risky.get("proyeksi"), "Rentang bawah": risky.get("bawah"),
        "Rentang atas": risky.get("atas"), "Capaian proyeksi (%)": risky.get("capaian_proyeksi"),
        "Status": risky.get("status")})
    if "catatan" in risky and (risky["status"] == PASTI).any():  # a certain miss says why, not a projection
        data["Keterangan"] = risky["catatan"].where(risky["status"] == PASTI, "").to_numpy()
    fmt = {c: "nilai" for c in ("Target tahunan", "Realisasi s.d. bulan ini", "Proyeksi akhir tahun", "Rentang bawah",
                                "Rentang atas")}
    rest = narasi.kalimat_peringatan_lainnya(len(risky), risky.attrs.get("lainnya", 0),
                                             risky.attrs.get("batas_capaian", 0))
    return Tabel(data.reset_index(drop=True), fmt | {"Capaian proyeksi (%)": "angka"}, judul=judul,
                 catatan=[rest + "."] if rest else None)


def _subjek(info: dict) -> str:
    """Who wrote a unit's keterangan, as a sentence names it."""
    return _SUBJEK.get(info.get("jenis"), "perangkat daerah")


def _kalimat_indikator(kum: pd.DataFrame, periode: str, skala: SkalaPredikat, subjek: str = "perangkat daerah"
                       ) -> list[str]:
    """Per indicator: its capaian, the months not reported, what to verify and the causes
    the unit wrote for the months it did report (no sentence twice)."""
    sentences = []
    for _, row in kum.iterrows():
        sentences.append(narasi.kalimat_capaian(row["indikator"], row["capaian"], row["predikat"], row["target"],
                                                row["realisasi"], row["satuan"], periode, ragu=bool(row.get("ragu"))))
        sentences.append(narasi.kalimat_kosong(row["indikator"], row["bulan_kosong"], row["keterangan_kosong"], subjek,
                                               triwulan=row.get("periode_data") == "triwulan"))
        sentences.append(narasi.kalimat_verifikasi(row["indikator"], row["verifikasi"]))
        own = [k for k in row["keterangan"] if k not in row["keterangan_kosong"]]
        sentences.append(narasi.kalimat_keterangan(row["indikator"], own, subjek))
    return [s for s in dict.fromkeys(sentences) if s]


def narasi_tercapai(row: pd.Series) -> bool | None:
    """Whether the indicator met its target for the period: None when unknown, or when its
    value needs verifying (``ragu``: a sentence never judges such a value)."""
    if bool(row.get("ragu", False)):
        return None
    return memenuhi_target(row["capaian"])


def _peringatan(info: dict, tahun: int, bulan: int, kum: pd.DataFrame, patuh: pd.DataFrame | None) -> list[str]:
    """What the first page must say before any number: this month not received, months
    missing, numbers to verify."""
    notes = []
    basis = analisis.dasar_periode(kum, bulan)
    if basis:
        notes.append(basis)
    quarterly_only = basis.startswith("Semua")  # a unit that sends no CRAAPK: its monthly kepatuhan says nothing
    if patuh is not None and not patuh.empty and not quarterly_only:
        this = patuh[patuh["bulan"] == bulan]
        if not this.empty and this["status"].iloc[0] == "belum menyampaikan":
            got = patuh[patuh["status"] != "belum menyampaikan"]["bulan"]
            notes.append(f"CRAAPK bulan {nama_bulan(bulan)} {tahun} dari {info['nama']} belum diterima "
                         f"(batas {format_tanggal(this['batas_waktu'].iloc[0])}). Dokumen ini memuat data yang sudah "
                         "diterima" + (f" sampai {nama_bulan(int(got.max()))}" if not got.empty else "")
                         + "; realisasi bulan yang belum diterima tidak dihitung, begitu pula targetnya.")
        late = patuh[(patuh["status"] != "tepat waktu") & (patuh["bulan"] != bulan)]
        if not late.empty:
            notes.append("Penyampaian CRAAPK yang terlambat atau belum diterima: "
                         + " ".join(status_teks(r) for _, r in late.sort_values("bulan").iterrows()))
    gaps = kum[kum["bulan_kosong"].map(len) > 0]
    if not gaps.empty:
        notes.append(f"{len(gaps)} dari {len(kum)} indikator memiliki {'triwulan' if quarterly_only else 'bulan'} "
                     "tanpa realisasi; lihat kolom Catatan.")
    flagged = kum[(kum["verifikasi"].map(len) > 0) & ~kum["dihitung"].astype(bool)]
    if not flagged.empty:
        notes.append(f"{len(flagged)} indikator perlu diverifikasi dan tidak dihitung dalam rata-rata: "
                     + ", ".join(flagged["indikator"].astype(str)) + ".")
    return notes
