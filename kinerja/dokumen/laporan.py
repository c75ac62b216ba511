"""Documents assembled for one unit and period: the tables, sentences and charts a
notebook shows, so that notebooks stay a parameters cell, prose and a few calls.

Tables are :class:`kinerja.render.tabel.Tabel` objects: they show as HTML in the notebook and
carry their data for the Word file rendered from the same executed notebook. The
documents' outline and fixed prose live in the notebooks themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kinerja.analisis import dari_store as analisis
from kinerja.render import grafik
from kinerja.dokumen import narasi
from kinerja.core.agregasi import cek_target_bulanan
from kinerja.core.aturan import berbeda
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.core.capaian import memenuhi_target
from kinerja.core.efisiensi import efisiensi
from kinerja.core.errors import KinerjaError
from kinerja.dokumen.daftar import BATAS_HARI
from kinerja.core.anggaran import penyerapan
from kinerja.core.formatting import format_persen, format_rupiah, format_tanggal, nama_bulan, periode_laporan
from kinerja.analisis.kepatuhan import kepatuhan, status_teks
from kinerja.core.parsing import tanpa_nilai
from kinerja.dokumen.pengesahan import TandaTangan, pernyataan_pk, tambah_pernyataan_xlsx, tanda_tangan
from kinerja.formulir.daftar import kode_formulir
from kinerja.formulir.isian import isian_rencana
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.store.store import Store
from kinerja.render.tabel import Tabel
from kinerja.analisis.wilayah import kabupaten_unit

__all__ = ["JUDUL_ANALISIS", "LaporanCraapk", "LaporanLkjip", "LaporanRencana", "craapk", "craapk_dari_data",
           "lkjip", "rencana"]


def _unit(store: Store, unit: str) -> tuple[pd.DataFrame, dict]:
    """The current unit list and one unit's row; an Indonesian error if it is unknown."""
    from kinerja.analisis.wilayah import cari_unit

    units = store.current("unit")
    return units, cari_unit(units, unit)


@dataclass
class LaporanCraapk:
    """Everything the CRAAPK notebook shows for one unit and month."""

    unit: dict
    tahun: int
    bulan: int
    skala: SkalaPredikat
    bulanan: pd.DataFrame
    kumulatif: pd.DataFrame
    anggaran: pd.DataFrame
    ringkasan: str
    narasi: list[str] = field(default_factory=list)
    kepatuhan: pd.DataFrame | None = None
    efisiensi: pd.DataFrame | None = None
    peringatan: list[str] = field(default_factory=list)
    units: pd.DataFrame | None = field(default=None, repr=False)
    proyeksi: pd.DataFrame | None = None

    def tabel_proyeksi(self) -> Tabel:
        """Early warning: the indicators projected to miss their annual target."""
        from kinerja.analisis.proyeksi import daftar_berisiko

        risky = daftar_berisiko(self.proyeksi) if self.proyeksi is not None else pd.DataFrame()
        return tabel_peringatan_dini(risky, f"Indikator yang diproyeksikan tidak mencapai target tahunan "
                                     f"(data s.d. {nama_bulan(self.bulan)} {self.tahun})")

    def tanda_tangan(self) -> TandaTangan | None:
        """The formulir's signature block (the unit's head)."""
        return None if self.units is None else tanda_tangan(self.units, self.unit, self.tahun)

    @property
    def periode(self) -> str:
        """The month reported."""
        return f"{nama_bulan(self.bulan)} {self.tahun}"

    @property
    def periode_kumulatif(self) -> str:
        """The period the capaian covers (January to the month reported)."""
        return periode_laporan(self.tahun, self.bulan)

    def tabel_kinerja(self):
        """The kinerja half of the formulir, up to the reported month (columns (1)–(10)); a
        month with a target but no realisasi says so."""
        t = self.bulanan[self.bulanan["bulan"] <= self.bulan]
        missing = tanpa_nilai(t["realisasi"]) & ~analisis.tanpa_target(t["target"])
        note = t["keterangan"].fillna("").astype(str)
        note = note.where(~missing, ("belum dilaporkan. " + note).str.strip())
        shown = pd.DataFrame({
            "Indikator Kinerja": t["indikator"], "Satuan": t["satuan"], "Target Tahunan": t["target_tahunan"],
            "Bulan": t["bulan"].map(nama_bulan), "Target": t["target"].fillna("–"),
            "Realisasi": t["realisasi"].fillna("–"), "Capaian (%)": t["capaian"],
            "Predikat": t["predikat"].where(t["wajar"], "perlu diverifikasi"), "Keterangan": note,
        })
        return Tabel(shown, {"Capaian (%)": "angka"}, "Predikat", self.skala,
                     f"Capaian kinerja per bulan, {self.periode_kumulatif}",
                     self._formulir().nomor_untuk(["indikator", "satuan", "target_tahunan", "bulan", "target",
                                                   "realisasi", "capaian", None, "keterangan"]))

    def _formulir(self):
        from kinerja.formulir.daftar import FORMULIR

        return FORMULIR[kode_formulir("craapk", self.unit["jenis"] if self.unit["jenis"] != "pejabat"
                                      else "perangkat_daerah")]

    def tabel_kumulatif(self):
        """Capaian of the period: target and realisasi of the same months, the annual PK
        target beside it, and a Catatan column where a row has a gap or a flag."""
        return tabel_capaian_periode(self.kumulatif, self.skala,
                                     f"Capaian kinerja {self.periode_kumulatif} (bulan yang sama untuk target dan "
                                     "realisasi)")

    def tabel_kepatuhan(self) -> Tabel | None:
        """When each month's CRAAPK arrived (kepatuhan)."""
        return tabel_kepatuhan(self.kepatuhan, self.periode_kumulatif)

    def tabel_efisiensi(self) -> Tabel | None:
        return tabel_efisiensi(self.efisiensi, self.bulan, self.periode_kumulatif)

    def tabel_anggaran(self):
        a = self.anggaran[self.anggaran["bulan"] == self.bulan]
        shown = pd.DataFrame({
            "Program": a["program"], "Pagu": a["pagu"], "Target bulan ini": a["target_anggaran"],
            "Realisasi bulan ini": a["realisasi_anggaran"], "Capaian anggaran (%)": a["capaian_anggaran"],
            "Penyerapan kumulatif (%)": a["penyerapan_kumulatif"],
            "Rencana kumulatif (%)": a["rencana_penyerapan_kumulatif"],
        })
        return Tabel(shown, {"Pagu": "rupiah", "Target bulan ini": "rupiah", "Realisasi bulan ini": "rupiah",
                             "Capaian anggaran (%)": "angka", "Penyerapan kumulatif (%)": "angka",
                             "Rencana kumulatif (%)": "angka"}, judul=f"Anggaran per program, {self.periode}",
                     nomor=self._formulir().nomor_untuk(["program", "pagu", "target_anggaran", "realisasi_anggaran",
                                                         "capaian_anggaran", None, None]))

    def grafik_capaian(self) -> Figure:
        return grafik.grafik_capaian(self.kumulatif, self.skala, f"Capaian kinerja {self.periode_kumulatif}")

    def grafik_bulanan(self) -> list[Figure]:
        figures = []
        for kode, rows in self.bulanan.groupby("indikator_kode", sort=False):
            if rows["target_nilai"].notna().any() or rows["realisasi_nilai"].notna().any():
                figures.append(grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0],
                                                     self.bulan))
        return figures

    def grafik_kurva_s(self) -> Figure:
        return grafik.grafik_kurva_s(self.anggaran, f"Penyerapan anggaran kumulatif {self.periode_kumulatif}")

    def formulir_baris(self) -> list[dict]:
        """The CRAAPK formulir rows (the Perbup's columns (1)–(18)): twelve month rows per
        indicator, realisasi and capaian up to the reported month, the budget of the program
        the RAAPK names for the indicator."""
        from kinerja.formulir.daftar import BULAN_KAPITAL

        budget = self.anggaran.set_index(["program", "bulan"]) if not self.anggaran.empty else None
        rows: list[dict] = []
        for no, (_, ind) in enumerate(self.bulanan.groupby("indikator_kode", sort=False), start=1):
            program = ind["program"].dropna().iloc[0] if ind["program"].notna().any() else None
            answering = ind["penanggung_jawab"].dropna() if "penanggung_jawab" in ind else pd.Series(dtype=object)
            for _, r in ind.sort_values("bulan").iterrows():
                m = int(r["bulan"])
                row = {"bulan": BULAN_KAPITAL[m - 1], "bulan_anggaran": BULAN_KAPITAL[m - 1],
                       "target": r["target"] if isinstance(r["target"], str) else None}
                if m <= self.bulan:
                    row["realisasi"] = r["realisasi"] if isinstance(r["realisasi"], str) else None
                    row["capaian"] = None if pd.isna(r["capaian"]) else round(float(r["capaian"]), 2)
                    row["keterangan"] = r["keterangan"] if isinstance(r["keterangan"], str) else None
                if budget is not None and program is not None and (program, m) in budget.index:
                    b = budget.loc[(program, m)]
                    row["target_anggaran"] = None if pd.isna(b["target_anggaran"]) else float(b["target_anggaran"])
                    if m <= self.bulan and not pd.isna(b["realisasi_anggaran"]):
                        row["realisasi_anggaran"] = float(b["realisasi_anggaran"])
                        row["capaian_anggaran"] = None if pd.isna(b["capaian_anggaran"]) else \
                            round(float(b["capaian_anggaran"]), 2)
                if m == 1:
                    pagu = budget.loc[(program, 1)]["pagu"] if budget is not None and program is not None and \
                        (program, 1) in budget.index else None
                    row.update({"no": no, "sasaran": r["sasaran"], "indikator": r["indikator"], "satuan": r["satuan"],
                                "target_tahunan": r["target_tahunan"], "program": program,
                                "pagu": None if pagu is None or pd.isna(pagu) else float(pagu),
                                "penanggung_jawab": answering.iloc[0] if not answering.empty
                                else self.unit.get("jabatan")})
                rows.append(row)
        return rows

    def simpan(self, folder) -> list[Path]:
        """Write this document's files into ``folder``: the filled formulir ``craapk.xlsx``."""
        path = Path(folder) / "craapk.xlsx"
        self.tulis_formulir(path)
        return [path]

    def tulis_formulir(self, path) -> None:
        """Write the filled CRAAPK workbook (.xlsx), re-ingestable as it stands."""
        from kinerja.formulir.daftar import FORMULIR
        from kinerja.formulir.templat import tulis_formulir

        tulis_formulir(FORMULIR[kode_formulir("craapk", self.unit["jenis"])], path, unit=self.unit["kode"],
                       tahun=self.tahun, bulan=self.bulan, baris=self.formulir_baris(), subjudul=self.unit["nama"],
                       angka=True)


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
                 judul)


def tabel_kepatuhan(patuh: pd.DataFrame | None, periode: str) -> Tabel | None:
    """A unit's CRAAPK submissions month by month (:func:`kinerja.analisis.kepatuhan.kepatuhan`)."""
    if patuh is None or patuh.empty:
        return None
    k = patuh.sort_values("bulan")
    shown = pd.DataFrame({"Bulan": k["bulan"].map(nama_bulan), "Batas Waktu": k["batas_waktu"].map(format_tanggal),
                          "Diterima": k["diterima"].map(format_tanggal), "Status": k["status"],
                          "Terlambat (hari)": k["hari_terlambat"].where(k["status"] == "terlambat")})
    return Tabel(shown, {"Terlambat (hari)": "bulat"}, judul=f"Penyampaian CRAAPK {periode}")


def tabel_antartingkat(beda: pd.DataFrame | None, periode: str) -> Tabel | None:
    """:func:`kinerja.analisis.dari_store.beda_tingkat` as a document table (None when there is none)."""
    if beda is None or beda.empty:
        return None
    shown = pd.DataFrame({"Indikator Kinerja": beda["indikator"], "Satuan": beda["satuan"],
                          "Pemerintah Kabupaten": beda["realisasi_kabupaten"], "Perangkat Daerah": beda["nama_unit"],
                          "Realisasi Perangkat Daerah": beda["realisasi_pd"], "Catatan": beda["catatan"]})
    return Tabel(shown, {"Pemerintah Kabupaten": "nilai", "Realisasi Perangkat Daerah": "nilai"},
                 judul=f"Indikator yang sama di tingkat kabupaten dan perangkat daerah, {periode}")


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
    money = {c: "rupiah" for c in shown.columns if c in ("Pagu", "Realisasi Anggaran") or c.startswith("Rencana")
             or c == "Pagu Tahunan"}
    return Tabel(shown, money | {"Rata-rata Capaian (%)": "angka", f"Penyerapan thd {dasar} (%)": "angka",
                                 "Indeks Efisiensi": "angka"}, judul=f"Efisiensi per sasaran, {periode}")


def craapk(store: Store, unit: str, tahun: int, bulan: int,
           skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanCraapk:
    """Assemble the CRAAPK of ``unit`` for ``bulan``/``tahun`` from the store."""
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units, info = _unit(store, unit)
    patuh = kepatuhan(store, tahun, list(range(1, bulan + 1)), unit) if info["jenis"] in BATAS_HARI else None
    lap = craapk_dari_data(info, tahun, bulan, scale, analisis.capaian_bulanan(store, unit, tahun, scale),
                           analisis.capaian_kumulatif(store, unit, tahun, bulan, scale),
                           analisis.anggaran_program(store, unit, tahun), patuh)
    lap.units = units
    return lap


_SUBJEK = {"kabupaten": "Pemerintah Kabupaten", "pejabat": "pejabat"}


def tabel_peringatan_dini(risky: pd.DataFrame, judul: str, dengan_unit: bool = False) -> Tabel:
    """The early-warning list as a document table: projection, band and projected capaian."""
    data = pd.DataFrame({
        **({"Unit": risky["nama_unit"]} if dengan_unit else {}),
        "Indikator": risky.get("indikator", pd.Series(dtype=object)), "Satuan": risky.get("satuan"),
        "Target tahunan": risky.get("target"), "Realisasi s.d. bulan ini": risky.get("realisasi_kini"),
        "Proyeksi akhir tahun": risky.get("proyeksi"), "Rentang bawah": risky.get("bawah"),
        "Rentang atas": risky.get("atas"), "Capaian proyeksi (%)": risky.get("capaian_proyeksi"),
        "Status": risky.get("status")})
    fmt = {c: "nilai" for c in ("Target tahunan", "Realisasi s.d. bulan ini", "Proyeksi akhir tahun", "Rentang bawah",
                                "Rentang atas")}
    return Tabel(data.reset_index(drop=True), fmt | {"Capaian proyeksi (%)": "angka"}, judul=judul)


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
                                                row["realisasi"], row["satuan"], periode))
        sentences.append(narasi.kalimat_kosong(row["indikator"], row["bulan_kosong"], row["keterangan_kosong"], subjek,
                                               triwulan=row.get("periode_data") == "triwulan"))
        sentences.append(narasi.kalimat_verifikasi(row["indikator"], row["verifikasi"]))
        own = [k for k in row["keterangan"] if k not in row["keterangan_kosong"]]
        sentences.append(narasi.kalimat_keterangan(row["indikator"], own, subjek))
    return [s for s in dict.fromkeys(sentences) if s]


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


def craapk_dari_data(info: dict, tahun: int, bulan: int, scale: SkalaPredikat, bulanan: pd.DataFrame,
                     kumulatif: pd.DataFrame, anggaran: pd.DataFrame,
                     kepatuhan_unit: pd.DataFrame | None = None) -> LaporanCraapk:
    """Assemble the CRAAPK from tables already read (one unit's slice of the all-units
    tables of :mod:`kinerja.analisis.dari_store`), so a page can switch units without the store."""
    unit = info["kode"]
    if bulanan.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; CRAAPK tidak dapat disusun")
    periode = periode_laporan(tahun, bulan)
    ringkasan = narasi.ringkasan_capaian(kumulatif, info["nama"], periode)
    sentences = _kalimat_indikator(kumulatif, periode, scale, _subjek(info))
    eff = analisis.efisiensi_sasaran(kumulatif, bulanan, anggaran, bulan)
    if not anggaran.empty:
        now = anggaran[anggaran["bulan"] == bulan]
        for _, row in now.iterrows():
            sentences.append(narasi.kalimat_anggaran(row["program"], row["realisasi_kumulatif"], row["pagu"],
                                                     row["rencana_penyerapan_kumulatif"], bulan))
    for _, row in eff.iterrows():
        sentences.append(f"Sasaran {row['sasaran']}: " + narasi.kalimat_efisiensi(row["indeks_efisiensi"],
                                                                                  row["selisih_efisiensi"]))
    proj = None
    if bulan < 12:  # early warning: the year-end projection (docs/metodologi.md, peringatan dini)
        from kinerja.analisis.proyeksi import daftar_berisiko, proyeksi_tabel

        proj = proyeksi_tabel(bulanan, bulan)
        for r in daftar_berisiko(proj).itertuples(index=False):
            sentences.append(narasi.kalimat_proyeksi(r.indikator, r.proyeksi, r.bawah, r.atas, r.target,
                                                     r.capaian_proyeksi, r.status, r.satuan))
    return LaporanCraapk(unit=info, tahun=tahun, bulan=bulan, skala=scale, bulanan=bulanan, kumulatif=kumulatif,
                         anggaran=anggaran, ringkasan=ringkasan, narasi=sentences, kepatuhan=kepatuhan_unit,
                         efisiensi=eff, peringatan=_peringatan(info, tahun, bulan, kumulatif, kepatuhan_unit),
                         proyeksi=proj)


@dataclass
class LaporanRencana:
    """A plan document (RKT, PK, RAAPK) of one unit and year, as stored."""

    unit: dict
    tahun: int
    dokumen: str
    target: pd.DataFrame
    anggaran: pd.DataFrame
    ringkasan: str
    reviu: list[str] = field(default_factory=list)
    isian: tuple | None = field(default=None, repr=False)  # (formulir, rows, lampiran rows) to write
    units: pd.DataFrame | None = field(default=None, repr=False)

    def tanda_tangan(self) -> TandaTangan | None:
        """The signature block under the form (the PK's is in :meth:`pernyataan`)."""
        return None if self.units is None else tanda_tangan(self.units, self.unit, self.tahun)

    def pernyataan(self) -> tuple[list[str], TandaTangan]:
        """The Pernyataan Perjanjian Kinerja of the unit's level (PK only)."""
        return pernyataan_pk(self.units, self.unit, self.tahun)

    def simpan(self, folder) -> list[Path]:
        """Write this document's files into ``folder``: the filled formulir ``<dokumen>.xlsx``."""
        from kinerja.formulir.templat import tulis_formulir

        f, rows, lampiran = self.isian
        path = Path(folder) / f"{self.dokumen}.xlsx"
        tulis_formulir(f, path, unit=self.unit["kode"], tahun=self.tahun, baris=rows, baris_lampiran=lampiran,
                       subjudul=self.unit["nama"], angka=True)
        if self.dokumen == "pk" and self.units is not None:
            teks, ttd = self.pernyataan()
            tambah_pernyataan_xlsx(path, f"PERJANJIAN KINERJA TAHUN {self.tahun}", teks, ttd)
        return [path]

    def tabel_target(self):
        nomor = None
        if self.dokumen in ("rkt", "pk") and self.isian is not None:
            fields = {"Sasaran": "sasaran", "Indikator Kinerja": "indikator", "Satuan": "satuan", "Target": "target"}
            nomor = self.isian[0].nomor_untuk([fields.get(c) for c in self.target.columns])
        return Tabel(self.target, judul=f"Sasaran, indikator dan target {self.judul} {self.tahun}", nomor=nomor)

    def tabel_anggaran(self):
        numbers = {c: "rupiah" for c in self.anggaran.columns if c not in ("Program", "Kegiatan", "Sub Kegiatan",
                                                                             "Indikator Keluaran")}
        return Tabel(self.anggaran, numbers, judul=f"Program dan anggaran {self.judul} {self.tahun}")

    @property
    def judul(self) -> str:
        return DOKUMEN[self.dokumen].judul

    def grafik_rencana_anggaran(self) -> Figure | None:
        """The planned cumulative absorption (RAAPK), or None for other documents."""
        if self.dokumen != "raapk" or self.anggaran.empty:
            return None
        months = [nama_bulan(m) for m in range(1, 13)]
        plan = self.anggaran.set_index("Program")[months].sum()
        frame = pd.DataFrame({"program": "semua", "bulan": range(1, 13), "pagu": self.anggaran["Pagu"].sum(),
                              "target_kumulatif": plan.cumsum().to_numpy(), "realisasi_kumulatif": np.nan,
                              "realisasi_anggaran": np.nan})
        return grafik.grafik_kurva_s(frame, f"Rencana penyerapan anggaran {self.tahun} (RAAPK)")


def rencana(store: Store, unit: str, tahun: int, dokumen: str) -> LaporanRencana:
    """Assemble RKT, PK or RAAPK of ``unit`` for ``tahun``, with the automated reviu checks
    against the Renstra (targets) and, for RAAPK, the monthly sums of jumlah indicators."""
    if dokumen not in ("rkt", "pk", "raapk"):
        raise KinerjaError(f"dokumen {dokumen!r} bukan dokumen rencana; pilih rkt, pk atau raapk")
    units, info = _unit(store, unit)
    targets = store.current("target", unit_kode=unit, dokumen=dokumen, tahun=tahun)
    if targets.empty:
        raise KinerjaError(f"{DOKUMEN[dokumen].judul} {tahun} unit {unit!r} belum dimuat")
    meta = store.current("indikator", unit_kode=unit).set_index("kode")
    names = targets["indikator_kode"].map(meta["nama"]).fillna(targets["indikator_kode"])
    base = pd.DataFrame({"Sasaran": targets["indikator_kode"].map(meta["sasaran"]), "Indikator Kinerja": names,
                         "Satuan": targets["indikator_kode"].map(meta["satuan"]), "bulan": targets["bulan"],
                         "Target": targets["nilai_teks"]})
    if dokumen == "raapk":
        wide = base.pivot_table(index=["Sasaran", "Indikator Kinerja", "Satuan"], columns="bulan", values="Target",
                                aggfunc="first").reindex(columns=range(1, 13))
        wide.columns = [nama_bulan(int(m)) for m in wide.columns]
        table = wide.reset_index()
    else:
        table = base.drop(columns="bulan").drop_duplicates().reset_index(drop=True)
    money = store.current("anggaran", unit_kode=unit, dokumen=dokumen, tahun=tahun)  # this document's own rows
    budget = _anggaran_rencana(money, dokumen)
    reviu = _reviu(store, unit, tahun, dokumen, targets, meta)
    n_sasaran = table["Sasaran"].nunique()
    total = money[(money["jenis"] == "pagu") & money["kegiatan"].isna()]["nilai"].sum()
    ringkasan = (f"{DOKUMEN[dokumen].judul} {tahun} {info['nama']} memuat {len(table)} indikator kinerja dari {n_sasaran} "
                 f"sasaran" + (f", dengan anggaran program {format_rupiah(total)}" if total else "") + ".")
    return LaporanRencana(info, tahun, dokumen, table, budget, ringkasan, reviu,
                          isian_rencana(store, info, tahun, dokumen, targets, meta, money), units)


def _anggaran_rencana(money: pd.DataFrame, dokumen: str) -> pd.DataFrame:
    pagu = money[(money["jenis"] == "pagu") & money["bulan"].isna()]
    if dokumen == "rkt" and pagu["kegiatan"].notna().any():
        rows = pagu[pagu["kegiatan"].notna()]
        return pd.DataFrame({"Program": rows["program"], "Kegiatan": rows["kegiatan"],
                             "Sub Kegiatan": rows["sub_kegiatan"].fillna("(kegiatan)"),
                             "Indikator Keluaran": rows["indikator_keluaran"], "Pagu": rows["nilai"]}).reset_index(drop=True)
    programs = pagu[pagu["kegiatan"].isna()].drop_duplicates("program").set_index("program")["nilai"]
    table = pd.DataFrame({"Program": programs.index, "Pagu": programs.to_numpy()})
    if dokumen == "raapk":
        plan = money[(money["jenis"] == "target") & money["bulan"].notna()].pivot_table(
            index="program", columns="bulan", values="nilai", aggfunc="sum").reindex(columns=range(1, 13))
        plan.columns = [nama_bulan(int(m)) for m in plan.columns]
        table = table.join(plan, on="Program")
    return table


def _reviu(store: Store, unit: str, tahun: int, dokumen: str, targets: pd.DataFrame, meta: pd.DataFrame) -> list[str]:
    """Automated reviu findings (docs/metodologi.md §7), each as a sentence."""
    found: list[str] = []
    plan = analisis.target_renstra_tahunan(store, unit, tahun)
    plan = plan.set_index("indikator_kode") if not plan.empty else None
    pejabat = store.current("unit").set_index("kode")["jenis"].get(unit) == "pejabat"
    if dokumen in ("rkt", "pk") and pejabat:
        found.append("Pejabat administrator/pengawas tidak menyusun Renstra; targetnya diturunkan dari PK "
                     "perangkat daerah.")
    elif dokumen in ("rkt", "pk"):
        if plan is None:
            found.append(f"Target Renstra/RPJMD tahun {tahun} tidak tersedia sebagai pembanding.")
        else:
            # The same comparison as ingest rule V28: parsed values, one tolerance.
            annual = targets.drop_duplicates("indikator_kode")
            acuan = annual["indikator_kode"].map(plan["nilai"])
            differ = annual[berbeda(annual["nilai"], acuan)]
            if not differ.empty:
                found += [f"Target {meta['nama'].get(k, k)} ({t}) berbeda dari target Renstra/RPJMD "
                          f"({plan['nilai_teks'].get(k)})." for k, t in zip(differ["indikator_kode"], differ["nilai_teks"])]
            else:
                found.append(f"Semua target sama dengan target Renstra/RPJMD tahun {tahun}.")
    if dokumen in ("rkt", "pk") and not pejabat:
        found += _reviu_pohon(store, unit, tahun)
    if dokumen == "raapk":
        pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
        monthly = targets.assign(target=targets["nilai"], agregasi=targets["indikator_kode"].map(meta["agregasi"]))
        annual = pk.drop_duplicates("indikator_kode").assign(target=lambda t: t["nilai"])
        # The same check as ingest rule V32.
        bad = cek_target_bulanan(monthly, annual[["indikator_kode", "target"]], ["indikator_kode"])
        found.append("Target bulanan indikator beragregasi jumlah sesuai dengan target tahunan PK."
                     if bad.empty else "Target bulanan tidak sama dengan target tahunan PK: "
                     + ", ".join(meta["nama"].get(k, k) for k in bad["indikator_kode"]) + ".")
    return found


def _reviu_pohon(store: Store, unit: str, tahun: int) -> list[str]:
    """The alignment findings of the unit's part of the pohon kinerja (the tree only; the
    realisasi comparison belongs to the reports), as reviu sentences."""
    from kinerja.analisis.keselarasan import periksa_keselarasan, temuan_unit
    from kinerja.analisis.pohon import baca_pohon

    if store.current("pohon", tahun=tahun).empty:
        return [f"Pohon kinerja tahun {tahun} belum dimuat; keselarasan sasaran dengan sasaran kabupaten belum dapat "
                "diperiksa."]
    units = store.current("unit")
    found = temuan_unit(periksa_keselarasan(baca_pohon(store, tahun, kabupaten_unit(units).get(unit))), unit)
    if found.empty:
        return ["Pohon kinerja: tidak ada temuan keselarasan untuk unit ini."]
    return [f"Pohon kinerja ({k}, {t.lower()}): {u}" for k, t, u in zip(found["kode"], found["temuan"], found["uraian"])]


# --- LKjIP -------------------------------------------------------------------------------

# The seven analyses of Bab III for every sasaran strategis, in order.
JUDUL_ANALISIS = {
    "target": "1. Target dan realisasi tahun ini",
    "tahun_lalu": "2. Dibanding tahun lalu dan beberapa tahun terakhir",
    "renstra": "3. Dibanding target akhir Renstra/RPJMD",
    "standar": "4. Dibanding standar nasional",
    "sebab": "5. Penyebab keberhasilan/kegagalan dan solusinya",
    "efisiensi": "6. Efisiensi penggunaan sumber daya",
    "program": "7. Program/kegiatan yang menunjang",
}


@dataclass
class AnalisisSasaran:
    """The seven analyses of the LKjIP outline (Perbup §3.2.4) for one sasaran strategis."""

    sasaran: str
    tabel: pd.DataFrame
    kalimat: dict[str, list[str]]


@dataclass
class LaporanLkjip:
    unit: dict
    tahun: int
    sampai_bulan: int
    skala: SkalaPredikat
    kumulatif: pd.DataFrame
    riwayat: pd.DataFrame
    anggaran: pd.DataFrame
    sasaran: list[AnalisisSasaran]
    ringkasan_eksekutif: str
    penutup: str
    pejabat: pd.DataFrame
    perangkat_daerah: pd.DataFrame | None = None
    efisiensi: pd.DataFrame | None = None
    kepatuhan: pd.DataFrame | None = None
    peringatan: list[str] = field(default_factory=list)
    units: pd.DataFrame | None = field(default=None, repr=False)
    bulanan: pd.DataFrame | None = field(default=None, repr=False)
    antartingkat: pd.DataFrame | None = None
    profil: pd.DataFrame | None = None

    def gambaran_umum(self) -> list:
        """Bab I D from the unit's PROFIL formulir: tugas dan fungsi, struktur organisasi, SDM
        by golongan and pendidikan (tables with totals), isu strategis; a sentence naming the
        missing formulir when there is none."""
        from kinerja.render.tabel import daftar, paragraf

        p = self.profil
        out: list = [paragraf(f"{self.unit['nama']} dipimpin oleh {self.unit.get('jabatan') or '–'}.")]
        if p is None or p.empty:
            out.append(paragraf("Profil organisasi (formulir PROFIL: tugas dan fungsi, struktur organisasi, SDM dan "
                                "isu strategis) belum dimuat, sehingga bagian ini belum dapat disusun."))
            return out
        tahun_profil = int(p["tahun"].iloc[0])
        if tahun_profil != self.tahun:
            out.append(paragraf(f"Profil organisasi yang tersedia adalah profil tahun {tahun_profil}."))
        for bagian, judul_bagian in (("tugas dan fungsi", "Tugas dan fungsi"),
                                     ("struktur organisasi", "Struktur organisasi")):
            items = p[p["bagian"] == bagian]["uraian"].tolist()
            if items:
                out += [paragraf(judul_bagian, tebal=True), daftar(items)]
        for bagian, kolom in (("sdm golongan", "Golongan"), ("sdm pendidikan", "Pendidikan")):
            rows = p[p["bagian"] == bagian]
            if not rows.empty:
                table = pd.DataFrame({kolom: rows["uraian"], "Jumlah (orang)": rows["jumlah"]})
                table = pd.concat([table, pd.DataFrame([{kolom: "Jumlah", "Jumlah (orang)": rows["jumlah"].sum()}])],
                                  ignore_index=True)
                out.append(Tabel(table, {"Jumlah (orang)": "bulat"},
                                 judul=f"Sumber daya manusia menurut {kolom.lower()}, tahun {tahun_profil}"))
        isu = p[p["bagian"] == "isu strategis"]["uraian"].tolist()
        if isu:
            out += [paragraf("Isu strategis", tebal=True), daftar(isu)]
        return out

    def tabel_antartingkat(self) -> Tabel | None:
        """The same indicator at the kabupaten and a perangkat daerah, both values and a flag."""
        return tabel_antartingkat(self.antartingkat, self.periode)

    def tabel_bulanan(self) -> Tabel | None:
        """Realisasi per indicator and month as written (Lampiran: hasil pengukuran); a month
        with a target but no realisasi shows "belum dilaporkan"."""
        b = self.bulanan
        if b is None or b.empty:
            return None
        b = b[b["bulan"] <= self.sampai_bulan]
        dash = analisis.tanpa_target(b["target"])
        value = b["realisasi"].astype(object).where(~tanpa_nilai(b["realisasi"]), None)
        value = value.where(value.notna() | dash, "belum dilaporkan").fillna("–")
        wide = b.assign(_v=value.to_numpy()).pivot_table(index=["urutan", "indikator", "satuan"], columns="bulan",
                                                         values="_v", aggfunc="first", sort=True)
        wide.columns = [nama_bulan(int(m))[:3] for m in wide.columns]
        wide = wide.reset_index().drop(columns="urutan").rename(columns={"indikator": "Indikator Kinerja",
                                                                         "satuan": "Satuan"})
        return Tabel(wide, judul=f"Realisasi per bulan {self.periode}")

    def tanda_tangan(self) -> TandaTangan:
        """The signature under the Kata Pengantar (the head of the unit)."""
        return tanda_tangan(self.units, self.unit, self.tahun + (self.sampai_bulan == 12))

    @property
    def periode(self) -> str:
        return periode_laporan(self.tahun, self.sampai_bulan)

    @property
    def tahun_penuh(self) -> bool:
        return self.sampai_bulan == 12

    def tabel_pk(self) -> Tabel:
        k = self.kumulatif
        return Tabel(pd.DataFrame({"No": range(1, len(k) + 1), "Sasaran": k["sasaran"], "Indikator Kinerja": k["indikator"],
                                   "Satuan": k["satuan"], "Target": k["target_tahunan"]}),
                     {"No": "bulat"}, judul=f"Perjanjian Kinerja tahun {self.tahun}")

    def tabel_iku(self) -> Tabel:
        k = self.kumulatif[self.kumulatif["iku"].astype(bool)]
        return Tabel(pd.DataFrame({"No": range(1, len(k) + 1), "Sasaran": k["sasaran"], "Indikator Kinerja Utama":
                                   k["indikator"], "Satuan": k["satuan"], "Target": k["target_tahunan"]}),
                     {"No": "bulat"}, judul=f"Indikator Kinerja Utama tahun {self.tahun}")

    def tabel_pengukuran(self) -> Tabel:
        return tabel_capaian_periode(self.kumulatif, self.skala, f"Pengukuran kinerja {self.periode}",
                                     tahun_penuh=self.tahun_penuh)

    def tabel_anggaran(self) -> Tabel:
        a = self.anggaran[self.anggaran["bulan"] == self.sampai_bulan] if not self.anggaran.empty else self.anggaran
        shown = pd.DataFrame({"Program": a.get("program"), "Pagu": a.get("pagu"),
                              "Rencana s.d. " + nama_bulan(self.sampai_bulan): a.get("target_kumulatif"),
                              "Realisasi": a.get("realisasi_kumulatif"),
                              "Penyerapan thd Pagu (%)": a.get("penyerapan_kumulatif")})
        if len(shown) > 1:
            total = {"Program": "Jumlah", "Pagu": shown["Pagu"].sum(min_count=1),
                     "Rencana s.d. " + nama_bulan(self.sampai_bulan):
                         shown["Rencana s.d. " + nama_bulan(self.sampai_bulan)].sum(min_count=1),
                     "Realisasi": shown["Realisasi"].sum(min_count=1)}
            total["Penyerapan thd Pagu (%)"] = penyerapan(total["Realisasi"], total["Pagu"])
            shown = pd.concat([shown, pd.DataFrame([total])], ignore_index=True)
        return Tabel(shown, {"Pagu": "rupiah", "Rencana s.d. " + nama_bulan(self.sampai_bulan): "rupiah",
                             "Realisasi": "rupiah", "Penyerapan thd Pagu (%)": "angka"},
                     judul=f"Realisasi anggaran per program {self.periode}")

    def tabel_perangkat_daerah(self) -> Tabel | None:
        """Capaian and budget of every perangkat daerah, with their total (the kabupaten's
        LKjIP only): Bab III B covers the whole kabupaten's budget."""
        if self.perangkat_daerah is None:
            return None
        r = self.perangkat_daerah
        shown = pd.DataFrame({"Perangkat Daerah": r["nama"], "Indikator": r["indikator"],
                              "Rata-rata Capaian (%)": r["capaian"], "Predikat": r["predikat"],
                              "Pagu": r["pagu"], "Realisasi Anggaran": r["realisasi_anggaran"],
                              "Penyerapan (%)": r["penyerapan"],
                              "Catatan": [_catatan_unit(x) for x in r.itertuples()]})
        serap, _ = analisis.penyerapan_total(r)
        total = {"Perangkat Daerah": "Jumlah seluruh perangkat daerah", "Indikator": r["indikator"].sum(),
                 "Pagu": r["pagu"].sum(min_count=1), "Realisasi Anggaran": r["realisasi_anggaran"].sum(min_count=1),
                 "Penyerapan (%)": serap, "Catatan": ""}
        shown = pd.concat([shown, pd.DataFrame([total])], ignore_index=True)
        return Tabel(shown, {"Indikator": "bulat", "Rata-rata Capaian (%)": "angka", "Pagu": "rupiah",
                             "Realisasi Anggaran": "rupiah", "Penyerapan (%)": "angka"}, "Predikat", self.skala,
                     f"Capaian kinerja dan realisasi anggaran seluruh perangkat daerah {self.periode}")

    def tabel_efisiensi(self) -> Tabel | None:
        return tabel_efisiensi(self.efisiensi, self.sampai_bulan, self.periode)

    def tabel_kepatuhan(self) -> Tabel | None:
        return tabel_kepatuhan(self.kepatuhan, self.periode)

    def tabel_pejabat(self) -> Tabel | None:
        """The pejabat administrator/pengawas of the unit, if any."""
        return None if self.pejabat.empty else Tabel(self.pejabat, judul="Pejabat administrator dan pengawas")

    def tabel_sasaran(self, analisis_sasaran: "AnalisisSasaran") -> Tabel | None:
        """Realisasi of one sasaran's indicators over the years (analysis 2)."""
        t = analisis_sasaran.tabel
        return None if t.empty else Tabel(t.rename(columns=str), judul=f"Realisasi per tahun: {analisis_sasaran.sasaran}")

    def grafik_capaian(self) -> Figure:
        return grafik.grafik_capaian(self.kumulatif, self.skala, f"Capaian kinerja {self.periode}")


def _catatan_unit(r) -> str:
    parts = []
    if r.bulan_kosong:
        parts.append(f"{r.bulan_kosong} bulan-indikator belum dilaporkan")
    if r.perlu_verifikasi:
        parts.append(f"{r.perlu_verifikasi} indikator perlu diverifikasi")
    return "; ".join(parts)


def _banding_tahun_lalu(row: pd.Series, lalu: pd.Series | None, hist: pd.DataFrame, tahun: int, bulan: int,
                        periode: str) -> str:
    """Analysis 2 for one indicator, like with like: the same months of last year when
    stored; the full year only when this year is complete too; otherwise said so."""
    nama, pol, sat = row["indikator"], row["polaritas"], row["satuan"]
    if lalu is not None and not _kosong(lalu.get("realisasi")):
        return narasi.kalimat_perbandingan(nama, row["realisasi"], lalu["realisasi"], pol, sat,
                                           pembanding=f"periode yang sama tahun {tahun - 1}", target=row["target_tahunan"])
    earlier = hist[(hist["tahun"] < tahun) & hist["realisasi"].notna()]
    if earlier.empty:
        return f"Realisasi {nama} tahun-tahun sebelumnya belum tersedia, sehingga belum dapat dibandingkan."
    last = earlier.iloc[-1]
    value = last["realisasi_nilai"] if not pd.isna(last["realisasi_nilai"]) else last["realisasi"]
    if bulan == 12:
        return narasi.kalimat_perbandingan(nama, row["realisasi"], value, pol, sat,
                                           pembanding=f"tahun {int(last['tahun'])}", target=row["target_tahunan"])
    return (f"Realisasi {nama} tahun {int(last['tahun'])} ({narasi.nilai_dengan_satuan(value, sat)}) tersedia untuk "
            f"setahun penuh, sedangkan data tahun {tahun} baru {periode}; keduanya belum sebanding, sehingga arah "
            "kinerjanya dinilai setelah tahun berakhir.")


def _kosong(x) -> bool:
    return x is None or (not isinstance(x, str) and pd.isna(x))


def lkjip(store: Store, unit: str, tahun: int, skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanLkjip:
    """Assemble the LKjIP of ``unit`` for ``tahun``: measurement of the period (January to
    the latest month reported in the kabupaten, the same for every unit), the seven
    analyses per sasaran, budget, executive summary and closing, from the numbers."""
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units, info = _unit(store, unit)
    bulan = analisis.bulan_terakhir(store, tahun)
    kum = analisis.capaian_kumulatif(store, unit, tahun, bulan, scale)
    if kum.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; LKjIP tidak dapat disusun")
    periode = periode_laporan(tahun, bulan)
    hist = analisis.riwayat(store, unit)
    bulanan = analisis.tabel_bulanan(store, unit, tahun)
    budget = analisis.anggaran_program(store, unit, tahun)
    eff = analisis.efisiensi_sasaran(kum, bulanan, budget, bulan)
    last_year = analisis.capaian_kumulatif(store, unit, tahun - 1, bulan, scale)
    last_year = last_year.set_index("indikator_kode") if not last_year.empty else None
    meta = store.current("indikator", unit_kode=unit).set_index("kode")
    analyses = []
    for sasaran, rows in kum.groupby("sasaran", sort=False):
        text: dict[str, list[str]] = {k: [] for k in JUDUL_ANALISIS}
        years = []
        for _, r in rows.iterrows():
            kode, nama, sat, pol = r["indikator_kode"], r["indikator"], r["satuan"], r["polaritas"]
            text["target"].append(narasi.kalimat_capaian(nama, r["capaian"], r["predikat"], r["target"],
                                                         r["realisasi"], sat, periode)
                                  + ("" if bulan == 12 else
                                     f" Target tahunan PK {narasi.nilai_dengan_satuan(r['target_tahunan'], sat)}."))
            text["target"].append(narasi.kalimat_kosong(nama, r["bulan_kosong"], r["keterangan_kosong"], _subjek(info),
                                                        triwulan=r.get("periode_data") == "triwulan"))
            text["target"].append(narasi.kalimat_verifikasi(nama, r["verifikasi"]))
            h = hist[hist["indikator_kode"] == kode].sort_values("tahun")
            lalu = last_year.loc[kode] if last_year is not None and kode in last_year.index else None
            text["tahun_lalu"].append(_banding_tahun_lalu(r, lalu, h, tahun, bulan, periode))
            for _, hr in h[(h["tahun"] < tahun) & h["realisasi"].notna()].iterrows():
                years.append({"Indikator": nama, "Tahun": str(int(hr["tahun"])),
                              "Realisasi": narasi.nilai_dengan_satuan(
                                  hr["realisasi_nilai"] if not pd.isna(hr["realisasi_nilai"]) else hr["realisasi"], sat)})
            years.append({"Indikator": nama, "Tahun": str(tahun) if bulan == 12 else f"{tahun} (s.d. {nama_bulan(bulan)})",
                          "Realisasi": narasi.nilai_dengan_satuan(r["realisasi"], sat)})
            end = h["target_akhir_nilai"].iloc[0] if not h.empty else None
            end = h["target_akhir"].iloc[0] if (end is None or pd.isna(end)) and not h.empty else end
            if r["agregasi"] == "jumlah" and bulan < 12:
                text["renstra"].append(f"Target akhir periode {nama} adalah nilai setahun penuh; realisasi {periode} "
                                       "baru sebagian tahun, sehingga dibandingkan setelah tahun berakhir.")
            else:
                text["renstra"].append(narasi.kalimat_renstra(nama, r["realisasi"], end, pol, sat,
                                                              int(h["tahun_akhir"].iloc[0]) if not h.empty
                                                              and not pd.isna(h["tahun_akhir"].iloc[0]) else None))
            std = meta["standar_nasional"].get(kode)
            real = r["realisasi"] if not isinstance(r["realisasi"], str) else None
            text["standar"].append(narasi.kalimat_standar(nama, real, std, pol, sat))
            own = [k for k in r["keterangan"] if k not in r["keterangan_kosong"]]
            text["sebab"].append(narasi.kalimat_sebab(nama, own, narasi_tercapai(r), _subjek(info)))
        e = eff[eff["sasaran"] == sasaran]
        if e.empty:
            text["efisiensi"].append("Belum ada program yang dikaitkan dengan sasaran ini di RAAPK, sehingga "
                                     "efisiensinya belum dapat dihitung.")
            text["program"].append("RAAPK belum mengaitkan program dengan indikator sasaran ini.")
        else:
            e = e.iloc[0]
            text["efisiensi"].append(narasi.kalimat_efisiensi(e["indeks_efisiensi"], e["selisih_efisiensi"])
                                     + f" Penyerapan {format_persen(e['penyerapan'])} "
                                     + ("dari pagu." if bulan == 12 else
                                        f"dari rencana penyerapan sampai {nama_bulan(bulan)}; capaian sasaran "
                                        f"{format_persen(e['capaian'])}."))
            text["program"].append("Program yang mendukung sasaran ini (menurut RAAPK): " + "; ".join(e["program"])
                                   + ".")
        for key in text:
            text[key] = [t for t in dict.fromkeys(text[key]) if t]
        table = pd.DataFrame(years).pivot_table(index="Indikator", columns="Tahun", values="Realisasi",
                                                aggfunc="first", sort=False) if years else pd.DataFrame()
        analyses.append(AnalisisSasaran(sasaran, table.reset_index() if not table.empty else table, text))
    mean = analisis.rata_capaian(kum)
    now = budget[budget["bulan"] == bulan] if not budget.empty else budget
    pagu = now.drop_duplicates("program")["pagu"].sum() if not now.empty else 0.0
    spent = now["realisasi_kumulatif"].sum(min_count=1) if not now.empty else np.nan
    table_pd = None
    # Every unit's capaian is read once, and only by the kabupaten's LKjIP (its table of all
    # perangkat daerah); a unit's LKjIP needs only its own rows and the kabupaten's.
    if info["jenis"] == "kabupaten":
        semua = analisis.capaian_kumulatif(store, None, tahun, bulan, scale)
        table_pd = analisis.ringkasan_unit(store, tahun, bulan, scale, kum=semua, kabupaten=unit)
        pagu_pd = table_pd["pagu"].sum(min_count=1)
        spent_pd = table_pd["realisasi_anggaran"].sum(min_count=1)
    counted = kum["dihitung"].astype(bool)
    met = int(memenuhi_target(kum.loc[counted, "capaian"]).sum())
    exec_summary = (
        f"Laporan Kinerja {info['nama']} tahun {tahun} mengukur {len(kum)} indikator kinerja dari {len(analyses)} "
        f"sasaran strategis yang diperjanjikan, untuk periode {periode}"
        + ("" if bulan == 12 else ", sebab data bulan berikutnya belum diterima") + ". "
        f"{met} dari {int(counted.sum())} indikator yang terukur telah mencapai atau melampaui target periode ini. "
        + narasi.ringkasan_capaian(kum, info["nama"], periode)
        + (f" Penyerapan anggaran {info['nama']} {format_persen(penyerapan(spent, pagu))} dari pagu "
           f"{format_rupiah(pagu)}." if pagu else "")
        + (f" Seluruh perangkat daerah menyerap {format_rupiah(spent_pd)} dari pagu {format_rupiah(pagu_pd)} "
           f"({format_persen(penyerapan(spent_pd, pagu_pd))})." if table_pd is not None and pagu_pd else ""))
    worst = kum[counted].sort_values("capaian").iloc[0] if counted.any() else None
    closing = (f"Secara umum kinerja {info['nama']} {periode} berkategori "
               f"{scale.predikat(pd.Series([mean])).iloc[0] if not np.isnan(mean) else 'belum dapat dinilai'}"
               + (f" (capaian berjenjang {format_persen(mean)})" if not np.isnan(mean) else "") + ". "
               + (f"Perhatian utama ke depan diberikan pada {worst['indikator']} (capaian "
                  f"{format_persen(worst['capaian'])}) dengan memperkuat program yang mendukungnya."
                  if worst is not None and not memenuhi_target(worst["capaian"]) else
                  "Seluruh indikator yang terukur telah mencapai target; capaian ini perlu dipertahankan."))
    flagged = kum[(kum["verifikasi"].map(len) > 0) & ~counted]
    if not flagged.empty:
        closing += (" Sebelum laporan ini ditandatangani, angka berikut perlu diverifikasi: "
                    + ", ".join(flagged["indikator"].astype(str)) + ".")
    pejabat = units[(units["induk"] == unit) & (units["jenis"] == "pejabat")][["nama", "jabatan"]].rename(
        columns={"nama": "Unit", "jabatan": "Jabatan"})
    patuh = kepatuhan(store, tahun, list(range(1, bulan + 1)), unit) if info["jenis"] in BATAS_HARI else None
    notes = _peringatan(info, tahun, bulan, kum, patuh)
    if info["jenis"] != "kabupaten":
        kab = kabupaten_unit(units).get(unit)
        semua = pd.concat([kum] + ([analisis.capaian_kumulatif(store, kab, tahun, bulan, scale)]
                                   if isinstance(kab, str) else []),
                          ignore_index=True)
    beda = analisis.beda_tingkat(semua, units)
    beda = beda if info["jenis"] == "kabupaten" else beda[beda["unit_kode"] == unit]
    if beda["berbeda"].any():
        notes.append("Indikator yang sama dilaporkan berbeda oleh kabupaten dan perangkat daerah: "
                     + "; ".join(f"{r['indikator']} ({r['nama_unit']})" for _, r in beda[beda["berbeda"]].iterrows())
                     + ". Perbedaannya perlu dijelaskan atau diselaraskan.")
    if bulan < 12:
        notes.insert(0, f"Data tahun {tahun} baru tersedia sampai {nama_bulan(bulan)}: capaian dalam laporan ini "
                        f"adalah capaian {periode} (target dan realisasi bulan yang sama), bukan capaian setahun.")
    return LaporanLkjip(info, tahun, bulan, scale, kum, hist, budget, analyses, exec_summary, closing, pejabat,
                        table_pd, eff, patuh, notes, units, bulanan, beda, _profil_terakhir(store, unit, tahun))


def _profil_terakhir(store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """The unit's profile of ``tahun``, else of the latest earlier year (in its own order)."""
    p = store.current("profil", unit_kode=unit)
    p = p[p["tahun"] <= tahun] if not p.empty else p
    if p.empty:
        return p
    return p[p["tahun"] == p["tahun"].max()].sort_values("urutan").reset_index(drop=True)


def narasi_tercapai(row: pd.Series) -> bool | None:
    """Whether the indicator met its target for the period (None when unknown)."""
    return memenuhi_target(row["capaian"])
