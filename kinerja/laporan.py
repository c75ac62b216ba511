"""Documents assembled for one unit and period: the tables, sentences and charts a
notebook shows, so that notebooks stay a parameters cell, prose and a few calls.

Tables are :class:`kinerja.tampilan.Tabel` objects: they show as HTML in the notebook and
carry their data for the Word file rendered from the same executed notebook. The
documents' outline and fixed prose live in the notebooks themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import analisis, grafik, narasi
from .agregasi import cek_target_bulanan
from .aturan import berbeda
from .dokumen import DOKUMEN
from .efisiensi import efisiensi
from .errors import KinerjaError
from .formatting import format_angka, format_persen, format_rupiah, nama_bulan
from .formulir import kode_formulir
from .isian import isian_rencana
from .predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from .store import Store
from .tampilan import Tabel

__all__ = ["JUDUL_ANALISIS", "LaporanCraapk", "LaporanLkjip", "LaporanRencana", "craapk", "craapk_dari_data",
           "lkjip", "rencana"]


def _unit(store: Store, unit: str) -> tuple[pd.DataFrame, dict]:
    """The current unit list and one unit's row; an Indonesian error if it is unknown."""
    units = store.current("unit")
    found = units[units["kode"] == unit]
    if found.empty:
        raise KinerjaError(f"unit {unit!r} tidak ada di basis data")
    return units, found.iloc[0].to_dict()


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

    @property
    def periode(self) -> str:
        return f"{nama_bulan(self.bulan)} {self.tahun}"

    def tabel_kinerja(self):
        """The kinerja half of the formulir, up to the reported month (columns (1)–(10))."""
        t = self.bulanan[self.bulanan["bulan"] <= self.bulan]
        shown = pd.DataFrame({
            "Indikator Kinerja": t["indikator"], "Satuan": t["satuan"], "Target Tahunan": t["target_tahunan"],
            "Bulan": t["bulan"].map(nama_bulan), "Target": t["target"].fillna("–"),
            "Realisasi": t["realisasi"].fillna("–"), "Capaian (%)": t["capaian"], "Predikat": t["predikat"],
            "Keterangan": t["keterangan"].fillna(""),
        })
        return Tabel(shown, {"Capaian (%)": "angka"}, "Predikat", self.skala,
                     f"Capaian kinerja per bulan sampai {self.periode}")

    def tabel_kumulatif(self):
        k = self.kumulatif
        shown = pd.DataFrame({
            "Indikator Kinerja": k["indikator"], "Agregasi": k["agregasi"], "Target s.d. bulan ini": k["target"],
            "Realisasi s.d. bulan ini": k["realisasi"], "Capaian (%)": k["capaian"], "Predikat": k["predikat"],
            "Capaian thd target tahunan (%)": k["capaian_tahunan"],
        })
        return Tabel(shown, {"Capaian (%)": "angka", "Capaian thd target tahunan (%)": "angka",
                             "Target s.d. bulan ini": "nilai", "Realisasi s.d. bulan ini": "nilai"},
                     "Predikat", self.skala, f"Capaian kinerja Januari sampai {self.periode}")

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
                             "Rencana kumulatif (%)": "angka"}, judul=f"Anggaran per program, {self.periode}")

    def grafik_capaian(self) -> Figure:
        return grafik.grafik_capaian(self.kumulatif, self.skala, f"Capaian kinerja s.d. {self.periode}")

    def grafik_bulanan(self) -> list[Figure]:
        figures = []
        for kode, rows in self.bulanan.groupby("indikator_kode", sort=False):
            if rows["target_nilai"].notna().any() or rows["realisasi_nilai"].notna().any():
                figures.append(grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0]))
        return figures

    def grafik_kurva_s(self) -> Figure:
        return grafik.grafik_kurva_s(self.anggaran, f"Penyerapan anggaran kumulatif s.d. {self.periode}")

    def formulir_baris(self) -> list[dict]:
        """The CRAAPK formulir rows (the Perbup's columns (1)–(18)): twelve month rows per
        indicator, realisasi and capaian up to the reported month, the budget of the program
        the RAAPK names for the indicator."""
        from .formulir import BULAN_KAPITAL

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
        from .formulir import FORMULIR
        from .templates import tulis_formulir

        tulis_formulir(FORMULIR[kode_formulir("craapk", self.unit["jenis"])], path, unit=self.unit["kode"],
                       tahun=self.tahun, bulan=self.bulan, baris=self.formulir_baris(), subjudul=self.unit["nama"])


def craapk(store: Store, unit: str, tahun: int, bulan: int,
           skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanCraapk:
    """Assemble the CRAAPK of ``unit`` for ``bulan``/``tahun`` from the store."""
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units, info = _unit(store, unit)
    return craapk_dari_data(info, tahun, bulan, scale, analisis.capaian_bulanan(store, unit, tahun, scale),
                            analisis.capaian_kumulatif(store, unit, tahun, bulan, scale),
                            analisis.anggaran_program(store, unit, tahun))


def craapk_dari_data(info: dict, tahun: int, bulan: int, scale: SkalaPredikat, bulanan: pd.DataFrame,
                     kumulatif: pd.DataFrame, anggaran: pd.DataFrame) -> LaporanCraapk:
    """Assemble the CRAAPK from tables already read (one unit's slice of the all-units
    tables of :mod:`kinerja.analisis`), so a page can switch units without the store."""
    unit = info["kode"]
    if bulanan.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; CRAAPK tidak dapat disusun")
    periode = f"{nama_bulan(bulan)} {tahun}"
    ringkasan = narasi.ringkasan_capaian(kumulatif, info["nama"], f"periode Januari s.d. {periode}")
    sentences = []
    for _, row in kumulatif.iterrows():
        sentences.append(narasi.kalimat_capaian(row["indikator"], row["capaian"], row["predikat"], row["target"],
                                                row["realisasi"], row["satuan"], f"s.d. {periode}"))
        sentences.append(narasi.kalimat_keterangan(row["indikator"], row["keterangan"]))
    if not anggaran.empty:
        now = anggaran[anggaran["bulan"] == bulan]
        for _, row in now.iterrows():
            sentences.append(narasi.kalimat_anggaran(row["program"], row["realisasi_kumulatif"], row["pagu"],
                                                     row["rencana_penyerapan_kumulatif"], bulan))
        pagu = now.drop_duplicates("program")["pagu"].sum()
        spent = now["realisasi_kumulatif"].sum(min_count=1)
        mean = kumulatif["capaian"].mean()
        if pagu and not np.isnan(spent) and not np.isnan(mean):
            eff = efisiensi(pd.DataFrame({"capaian": [mean], "pagu": [pagu], "realisasi_anggaran": [spent]})).iloc[0]
            kalimat = narasi.kalimat_efisiensi(eff["indeks_efisiensi"], eff["selisih_efisiensi"])
            sentences.append(kalimat[:-1] + f" (rata-rata capaian {format_persen(mean)}, penyerapan "
                             f"{format_persen(eff['penyerapan'])}).")
    return LaporanCraapk(unit=info, tahun=tahun, bulan=bulan, skala=scale, bulanan=bulanan, kumulatif=kumulatif,
                         anggaran=anggaran, ringkasan=ringkasan, narasi=sentences)


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

    def simpan(self, folder) -> list[Path]:
        """Write this document's files into ``folder``: the filled formulir ``<dokumen>.xlsx``."""
        from .templates import tulis_formulir

        f, rows, lampiran = self.isian
        path = Path(folder) / f"{self.dokumen}.xlsx"
        tulis_formulir(f, path, unit=self.unit["kode"], tahun=self.tahun, baris=rows, baris_lampiran=lampiran,
                       subjudul=self.unit["nama"])
        return [path]

    def tabel_target(self):
        return Tabel(self.target, judul=f"Sasaran, indikator dan target {self.judul} {self.tahun}")

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
                          isian_rencana(store, info, tahun, dokumen, targets, meta, money))


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
    plan = store.current("target", unit_kode=unit, dokumen="renstra", tahun=tahun)
    plan = plan[plan["jenis"] == "tahunan"].set_index("indikator_kode") if not plan.empty else None
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

    @property
    def periode(self) -> str:
        return f"tahun {self.tahun}" if self.sampai_bulan == 12 else \
            f"tahun {self.tahun} (data sampai {nama_bulan(self.sampai_bulan)})"

    def tabel_pk(self) -> Tabel:
        k = self.kumulatif
        return Tabel(pd.DataFrame({"Sasaran": k["sasaran"], "Indikator Kinerja": k["indikator"], "Satuan": k["satuan"],
                                   "Target": k["target_tahunan"]}), judul=f"Perjanjian Kinerja tahun {self.tahun}")

    def tabel_pengukuran(self) -> Tabel:
        k = self.kumulatif
        shown = pd.DataFrame({"Indikator Kinerja": k["indikator"], "IKU": k["iku"].map({True: "Ya", False: "Tidak"}),
                              "Target": k["target_tahunan"], "Realisasi": k["realisasi"], "Capaian (%)": k["capaian_tahunan"],
                              "Predikat": self.skala.predikat(k["capaian_tahunan"])})
        return Tabel(shown, {"Capaian (%)": "angka", "Realisasi": "nilai"}, "Predikat", self.skala,
                     f"Pengukuran kinerja {self.periode}")

    def tabel_anggaran(self) -> Tabel:
        a = self.anggaran[self.anggaran["bulan"] == self.sampai_bulan] if not self.anggaran.empty else self.anggaran
        return Tabel(pd.DataFrame({"Program": a.get("program"), "Pagu": a.get("pagu"),
                                   "Realisasi": a.get("realisasi_kumulatif"),
                                   "Penyerapan (%)": a.get("penyerapan_kumulatif")}),
                     {"Pagu": "rupiah", "Realisasi": "rupiah", "Penyerapan (%)": "angka"},
                     judul=f"Realisasi anggaran per program {self.periode}")

    def tabel_perangkat_daerah(self) -> Tabel | None:
        """Capaian and penyerapan of every perangkat daerah (the kabupaten's LKjIP only)."""
        if self.perangkat_daerah is None:
            return None
        return Tabel(self.perangkat_daerah, {"Rata-rata capaian (%)": "angka", "Penyerapan (%)": "angka"}, "Predikat",
                     self.skala, f"Capaian dan penyerapan anggaran seluruh perangkat daerah {self.periode}")

    def tabel_pejabat(self) -> Tabel | None:
        """The pejabat administrator/pengawas of the unit, if any."""
        return None if self.pejabat.empty else Tabel(self.pejabat, judul="Pejabat administrator dan pengawas")

    def tabel_sasaran(self, analisis_sasaran: "AnalisisSasaran") -> Tabel | None:
        """Realisasi of one sasaran's indicators over the years (analysis 2)."""
        t = analisis_sasaran.tabel
        return None if t.empty else Tabel(t.rename(columns=str), judul=f"Realisasi per tahun: {analisis_sasaran.sasaran}")

    def grafik_capaian(self) -> Figure:
        k = self.kumulatif.assign(capaian=self.kumulatif["capaian_tahunan"])
        k["predikat"] = self.skala.predikat(k["capaian"])
        return grafik.grafik_capaian(k, self.skala, f"Capaian kinerja {self.periode}")


def _latest_month(store: Store, unit: str, tahun: int) -> int:
    real = store.current("realisasi", unit_kode=unit, tahun=tahun)
    months = real["bulan"].dropna()
    return int(months.max()) if not months.empty else 12


def lkjip(store: Store, unit: str, tahun: int, skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanLkjip:
    """Assemble the LKjIP of ``unit`` for ``tahun``: measurement against the PK, the seven
    analyses per sasaran, budget, executive summary and closing, from the numbers."""
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units, info = _unit(store, unit)
    bulan = _latest_month(store, unit, tahun)
    kum = analisis.capaian_kumulatif(store, unit, tahun, bulan, scale)
    if kum.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; LKjIP tidak dapat disusun")
    hist = analisis.riwayat(store, unit)
    budget = analisis.anggaran_program(store, unit, tahun)
    now = budget[budget["bulan"] == bulan] if not budget.empty else budget
    pagu = now.drop_duplicates("program")["pagu"].sum() if not now.empty else 0.0
    spent = now["realisasi_kumulatif"].sum(min_count=1) if not now.empty else np.nan
    mean = kum["capaian_tahunan"].mean()
    eff = efisiensi(pd.DataFrame({"capaian": [mean], "pagu": [pagu], "realisasi_anggaran": [spent]})).iloc[0]
    programs = now["program"].tolist() if not now.empty else []
    meta = store.current("indikator", unit_kode=unit).set_index("kode")
    analyses = []
    for sasaran, rows in kum.groupby("sasaran", sort=False):
        text: dict[str, list[str]] = {k: [] for k in JUDUL_ANALISIS}
        years = []
        for _, r in rows.iterrows():
            kode, nama, sat, pol = r["indikator_kode"], r["indikator"], r["satuan"], r["polaritas"]
            text["target"].append(narasi.kalimat_capaian(nama, r["capaian_tahunan"],
                                                         scale.predikat(pd.Series([r["capaian_tahunan"]])).iloc[0],
                                                         r["target_tahunan"], r["realisasi"], sat, f"tahun {tahun}"))
            h = hist[hist["indikator_kode"] == kode].set_index("tahun")
            earlier = h[(h.index < tahun) & h["realisasi"].notna()]
            last = earlier["realisasi_nilai"].iloc[-1] if not earlier.empty else None
            last = earlier["realisasi"].iloc[-1] if (last is None or pd.isna(last)) and not earlier.empty else last
            text["tahun_lalu"].append(narasi.kalimat_perbandingan(nama, r["realisasi"], last, pol, sat,
                                                                    target=r["target_tahunan"]))
            for y, hr in earlier.iterrows():
                years.append({"Indikator": nama, "Tahun": int(y), "Realisasi": hr["realisasi"]})
            years.append({"Indikator": nama, "Tahun": tahun, "Realisasi": narasi.nilai_dengan_satuan(r["realisasi"])})
            end = h["target_akhir_nilai"].iloc[0] if not h.empty else None
            end = h["target_akhir"].iloc[0] if (end is None or pd.isna(end)) and not h.empty else end
            text["renstra"].append(narasi.kalimat_renstra(nama, r["realisasi"], end, pol, sat,
                                                          int(h["tahun_akhir"].iloc[0]) if not h.empty else None))
            std = meta["standar_nasional"].get(kode)
            real = r["realisasi"] if not isinstance(r["realisasi"], str) else None
            text["standar"].append(narasi.kalimat_standar(nama, real, std, pol, sat))
            text["sebab"].append(narasi.kalimat_keterangan(nama, r["keterangan"]))
        text["efisiensi"].append(narasi.kalimat_efisiensi(eff["indeks_efisiensi"], eff["selisih_efisiensi"]))
        text["program"].append(
            "Program yang mendukung sasaran ini: " + "; ".join(programs) + "." if programs
            else "Belum ada program dan anggaran yang dimuat untuk unit ini.")
        table = pd.DataFrame(years).pivot_table(index="Indikator", columns="Tahun", values="Realisasi",
                                                aggfunc="first") if years else pd.DataFrame()
        analyses.append(AnalisisSasaran(sasaran, table.reset_index() if not table.empty else table, text))
    periode = f"tahun {tahun}" + ("" if bulan == 12 else f" (data sampai {nama_bulan(bulan)})")
    counted = kum["capaian_tahunan"].notna()
    met = int((kum["capaian_tahunan"] >= 100).sum())
    exec_summary = (
        f"Laporan Kinerja {info['nama']} {periode} mengukur {len(kum)} indikator kinerja dari {len(analyses)} "
        f"sasaran strategis yang diperjanjikan. {met} dari {int(counted.sum())} indikator yang terukur telah mencapai "
        f"atau melampaui targetnya; rata-rata capaian {format_persen(mean)}. "
        + narasi.ringkasan_capaian(kum.assign(capaian=kum["capaian_tahunan"],
                                              predikat=scale.predikat(kum["capaian_tahunan"])), info["nama"], periode)
        + (f" Penyerapan anggaran mencapai {format_persen(eff['penyerapan'])} dari pagu {format_rupiah(pagu)}."
           if pagu else ""))
    worst = kum.loc[kum["capaian_tahunan"].idxmin()] if counted.any() else None
    closing = (f"Secara umum kinerja {info['nama']} {periode} berkategori "
               f"{scale.predikat(pd.Series([mean])).iloc[0] if not np.isnan(mean) else 'belum dapat dinilai'}. "
               + (f"Perhatian utama ke depan diberikan pada {worst['indikator']} (capaian "
                  f"{format_persen(worst['capaian_tahunan'])}) dengan memperkuat program yang mendukungnya."
                  if worst is not None and worst["capaian_tahunan"] < 100 else
                  "Seluruh indikator yang terukur telah mencapai target; capaian ini perlu dipertahankan."))
    pejabat = units[(units["induk"] == unit) & (units["jenis"] == "pejabat")][["nama", "jabatan"]].rename(
        columns={"nama": "Unit", "jabatan": "Jabatan"})
    table_pd = None
    if info["jenis"] == "kabupaten":
        r = analisis.ringkasan_unit(store, tahun, bulan, scale)
        table_pd = pd.DataFrame({"Perangkat Daerah": r["nama"], "Indikator": r["indikator"],
                                 "Rata-rata capaian (%)": r["capaian_tahunan"],
                                 "Predikat": scale.predikat(r["capaian_tahunan"]).to_numpy(),
                                 "Penyerapan (%)": r["penyerapan"]})
    return LaporanLkjip(info, tahun, bulan, scale, kum, hist, budget, analyses, exec_summary, closing, pejabat,
                        table_pd)
