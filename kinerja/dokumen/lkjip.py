"""The LKjIP (Laporan Kinerja Instansi Pemerintah) of one unit and year: measurement of the
period, the seven analyses per sasaran, budget, efficiency, executive summary and closing."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kinerja.analisis import dari_store as analisis
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import memenuhi_target
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_persen, format_rupiah, nama_bulan, periode_laporan
from kinerja.core.jadwal import BATAS_HARI
from kinerja.core.parsing_kolom import tanpa_nilai
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.core.wilayah import kabupaten_unit
from kinerja.dokumen import narasi
from kinerja.dokumen.bagian import (
    _peringatan,
    _subjek,
    _unit,
    narasi_tercapai,
    tabel_antartingkat,
    tabel_capaian_periode,
    tabel_efisiensi,
    tabel_kepatuhan,
)
from kinerja.dokumen.pengesahan import TandaTangan, tanda_tangan
from kinerja.render import grafik
from kinerja.render.tabel import Tabel
from kinerja.store.store import Store

__all__ = ["JUDUL_ANALISIS", "AnalisisSasaran", "LaporanLkjip", "lkjip"]


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

    def teks_efisiensi(self) -> str:
        """Which form of efficiency the table shows, and why, for the period."""
        return analisis.bentuk_efisiensi(self.sampai_bulan)

    @property
    def judul_analisis(self) -> dict[str, str]:
        """The headings of the analyses written for every sasaran, in order."""
        return JUDUL_ANALISIS

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
    """The LKjIP of ``unit`` for ``tahun``: measurement of the period (January to the latest
    month reported in the unit's kabupaten, the same for every unit), the analyses per
    sasaran, budget, efficiency, executive summary and closing, written from the numbers.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit. A kabupaten or a perangkat daerah.
    tahun : int
        The year reported on.
    skala : str or SkalaPredikat, default "permendagri-86-2017"
        The predikat scale.

    Returns
    -------
    LaporanLkjip
        The chapters' tables (``tabel_pengukuran()``, ``tabel_anggaran()``,
        ``tabel_perangkat_daerah()``…), ``sasaran`` (the analyses), ``ringkasan_eksekutif``,
        ``penutup``, ``peringatan`` and signature block.

    Raises
    ------
    KinerjaError
        The unit is unknown, is a pejabat, or has no data for the year.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.lkjip(store_contoh(), "dinkes", 2026)
    >>> lap.periode
    'Januari–September 2026'
    """
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
