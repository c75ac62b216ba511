"""The LKjIP as its notebook shows it, chapter by chapter: ``LaporanLkjip`` holds what the
builder (:func:`kinerja.dokumen.lkjip.lkjip`) computed and gives each part of the outline its
table or text: Bab I D (gambaran umum from the PROFIL formulir, pejabat), Bab II (the PK),
Bab III (measurement, chart, the table per sasaran, between-levels, budget, every perangkat
daerah, efficiency) and the Lampiran (IKU, realisasi per month, CRAAPK submissions)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from matplotlib.figure import Figure

from kinerja.analisis import dari_store as analisis
from kinerja.core.anggaran import keterangan_pagu, penyerapan
from kinerja.core.formatting import format_angka, format_nilai, nama_bulan, periode_laporan
from kinerja.core.parsing_kolom import tanpa_nilai
from kinerja.core.predikat import SkalaPredikat
from kinerja.dokumen import lkjip_pelengkap as pelengkap
from kinerja.dokumen.bagian import tabel_antartingkat, tabel_capaian_periode, tabel_efisiensi, tabel_kepatuhan, tanda_ragu
from kinerja.dokumen.lkjip_sasaran import JUDUL_ANALISIS, AnalisisSasaran, kolom_tahun_ini
from kinerja.dokumen.pengesahan import TandaTangan, tanda_tangan
from kinerja.render import grafik
from kinerja.render.tabel import Tabel

__all__ = ["LaporanLkjip"]


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
    langkah: list[str] = field(default_factory=list)
    program: pd.DataFrame | None = None

    def aspek_strategis(self) -> list:
        """Bab I: aspek strategis and permasalahan utama (PROFIL, and the targets missed)."""
        return pelengkap.aspek_strategis(self.profil, self.kumulatif)

    def langkah_mendatang(self) -> list:
        """Bab IV: the langkah di masa mendatang, from the solutions of the targets missed."""
        return pelengkap.langkah_mendatang(self.langkah)

    def tabel_program(self):
        """Bab II: the programs and their anggaran (RKT, else PK), with their total."""
        return pelengkap.tabel_program(self.program, self.kumulatif, self.tahun)

    def lampiran_prestasi(self) -> list:
        """Lampiran: prestasi yang dicapai (PROFIL), or the gap named."""
        return pelengkap.lampiran_profil(self.profil, "prestasi")

    def lampiran_lain(self) -> list:
        """Lampiran: lain-lain yang dianggap perlu (PROFIL), or the gap named."""
        return pelengkap.lampiran_profil(self.profil, "lain-lain")

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
        # A month expects realisasi unless its RAAPK says "–" or the indicator reports by quarter
        # (or year) and the month ends none.
        kind = pd.MultiIndex.from_frame(b[["unit_kode", "indikator_kode"]]).map(dict(zip(
            pd.MultiIndex.from_frame(self.kumulatif[["unit_kode", "indikator_kode"]]),
            self.kumulatif.get("periode_data", pd.Series("bulan", index=self.kumulatif.index)))))
        expected = analisis.bulan_diharapkan(b["bulan"], kind) & ~analisis.tanpa_target(b["target"])
        value = b["realisasi"].astype(object).where(~tanpa_nilai(b["realisasi"]), None)
        # A rasio is shown as its value in the indicator's satuan, not as "103/113".
        rasio = (b["agregasi"] == "rasio").to_numpy() & b["realisasi_nilai"].notna().to_numpy() & value.notna()
        value = value.where(~rasio, format_nilai(b["realisasi_nilai"]))
        value = value.where(value.notna() | ~expected, "belum dilaporkan").fillna("–")
        ragu = b["ragu"].astype(bool) if "ragu" in b else pd.Series(False, index=b.index)
        index = ["urutan", "indikator", "satuan"]
        wide = b.assign(_v=value.to_numpy()).pivot_table(index=index, columns="bulan", values="_v", aggfunc="first",
                                                         sort=True)
        marks = b.assign(_r=ragu.to_numpy()).pivot_table(index=index, columns="bulan", values="_r", aggfunc="any",
                                                         sort=True).reindex(index=wide.index, columns=wide.columns)
        wide.columns = marks.columns = [nama_bulan(int(m))[:3] for m in wide.columns]
        wide = wide.reset_index().drop(columns="urutan").rename(columns={"indikator": "Indikator Kinerja",
                                                                         "satuan": "Satuan"})
        tanda = {c: marks[c].fillna(False).astype(bool).tolist() for c in marks.columns if marks[c].fillna(False).any()}
        return Tabel(wide, judul=f"Realisasi per bulan {self.periode}", tanda=tanda or None)

    def tanda_tangan(self) -> TandaTangan:
        """The signature under the Kata Pengantar (the head of the unit)."""
        return tanda_tangan(self.units, self.unit, self.tahun + (self.sampai_bulan == 12))

    @property
    def periode(self) -> str:
        return periode_laporan(self.tahun, self.sampai_bulan)

    @property
    def tahun_penuh(self) -> bool:
        return self.sampai_bulan == 12

    @property
    def nama_pk(self) -> str:
        """What the targets are: the Perjanjian Kinerja, or for a unit read from its Evaluasi Renja
        (``kinerja impor``, no PK loaded) the Renja's targets, never called a PK."""
        k = self.kumulatif
        renja = "sumber_target" in k and not k.empty and (k["sumber_target"] == "renja").all()
        return "Target Kinerja Renja (Evaluasi Renja yang diimpor)" if renja else "Perjanjian Kinerja"

    def tabel_pk(self) -> Tabel:
        k = self.kumulatif
        return Tabel(pd.DataFrame({"No": range(1, len(k) + 1), "Sasaran": k["sasaran"], "Indikator Kinerja": k["indikator"],
                                   "Satuan": k["satuan"], "Target": k["target_tahunan"]}),
                     {"No": "bulat"}, judul=f"{self.nama_pk} tahun {self.tahun}")

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
                     judul=f"Realisasi anggaran per program {self.periode}" + keterangan_pagu(a.get("tahap_pagu", [])))

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
        terukur = r["capaian"].notna()
        rata = float(r.loc[terukur, "capaian"].mean()) if terukur.any() else float("nan")  # as rata_capaian of units
        total = {"Perangkat Daerah": "Jumlah seluruh perangkat daerah", "Indikator": r["indikator"].sum(),
                 "Rata-rata Capaian (%)": rata, "Predikat": self.skala.predikat(pd.Series([rata])).iloc[0],
                 "Pagu": r["pagu"].sum(min_count=1), "Realisasi Anggaran": r["realisasi_anggaran"].sum(min_count=1),
                 "Penyerapan (%)": serap,
                 "Catatan": "" if terukur.all() else (f"rata-rata {format_angka(terukur.sum(), 0)} dari "
                                                      f"{format_angka(len(r), 0)} perangkat daerah yang capaiannya "
                                                      "terukur")}
        shown = pd.concat([shown, pd.DataFrame([total])], ignore_index=True)
        return Tabel(shown, {"Indikator": "bulat", "Rata-rata Capaian (%)": "angka", "Pagu": "rupiah",
                             "Realisasi Anggaran": "rupiah", "Penyerapan (%)": "angka"}, "Predikat", self.skala,
                     f"Capaian kinerja dan realisasi anggaran seluruh perangkat daerah {self.periode}")

    def tabel_efisiensi(self) -> Tabel | None:
        return tabel_efisiensi(self.efisiensi, self.sampai_bulan, self.periode)

    def teks_efisiensi(self) -> str:
        """Which form of efficiency the table shows, and why, for the period; then the staff
        and facilities the data holds (analysis 6 beyond money)."""
        return analisis.bentuk_efisiensi(self.sampai_bulan) + " " + pelengkap.sumber_daya(self.profil)

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
        if t.empty:
            return None
        flagged = t["Indikator"].isin(analisis_sasaran.ragu)
        return Tabel(t.rename(columns=str), judul=f"Realisasi per tahun: {analisis_sasaran.sasaran}",
                     tanda=tanda_ragu(flagged, kolom_tahun_ini(self.tahun, self.sampai_bulan)))

    def grafik_capaian(self) -> Figure:
        return grafik.grafik_capaian(self.kumulatif, self.skala, f"Capaian kinerja {self.periode}")


def _catatan_unit(r) -> str:
    parts = []
    if r.bulan_kosong:
        parts.append(f"{r.bulan_kosong} bulan-indikator belum dilaporkan")
    if r.perlu_verifikasi:
        parts.append(f"{r.perlu_verifikasi} indikator perlu diverifikasi")
    return "; ".join(parts)
