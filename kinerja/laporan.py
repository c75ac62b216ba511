"""Documents assembled for one unit and period: the tables, sentences and charts a
notebook shows, so that notebooks stay a parameters cell and a few calls.

:func:`craapk` builds the monthly CRAAPK view (kinerja and anggaran, year to date,
narrative, charts); :func:`tabel_tampil` styles any table with Indonesian number
formats and predikat colours for HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import analisis, grafik, narasi
from .efisiensi import efisiensi
from .errors import KinerjaError
from .formatting import format_angka, format_persen, format_rupiah, nama_bulan
from .predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from .store import Store

__all__ = ["LaporanCraapk", "craapk", "tabel_tampil"]

_FORMAT = {"persen": format_persen, "angka": format_angka, "rupiah": format_rupiah}


def tabel_tampil(tabel: pd.DataFrame, formats: dict[str, str] | None = None, predikat: str | None = None,
                 skala: SkalaPredikat | None = None):
    """A pandas Styler: Indonesian formats per column (``persen``, ``angka``, ``rupiah``),
    ``–`` for missing values, predikat cells coloured by ``skala``, no index."""
    formats = formats or {}
    styler = tabel.style.hide(axis="index")
    styler = styler.format({col: _FORMAT[kind] for col, kind in formats.items() if col in tabel.columns},
                           na_rep="–")
    if predikat and skala is not None and predikat in tabel.columns:
        colours = skala.warna_label
        styler = styler.map(lambda v: f"background-color: {colours[v]}; color: white" if v in colours else "",
                            subset=[predikat])
    return styler


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
        return tabel_tampil(shown, {"Capaian (%)": "angka"}, "Predikat", self.skala)

    def tabel_kumulatif(self):
        k = self.kumulatif
        shown = pd.DataFrame({
            "Indikator Kinerja": k["indikator"], "Agregasi": k["agregasi"], "Target s.d. bulan ini": k["target"],
            "Realisasi s.d. bulan ini": k["realisasi"], "Capaian (%)": k["capaian"], "Predikat": k["predikat"],
            "Capaian thd target tahunan (%)": k["capaian_tahunan"],
        })
        return tabel_tampil(shown, {"Capaian (%)": "angka", "Capaian thd target tahunan (%)": "angka"},
                            "Predikat", self.skala)

    def tabel_anggaran(self):
        a = self.anggaran[self.anggaran["bulan"] == self.bulan]
        shown = pd.DataFrame({
            "Program": a["program"], "Pagu": a["pagu"], "Target bulan ini": a["target_anggaran"],
            "Realisasi bulan ini": a["realisasi_anggaran"], "Capaian anggaran (%)": a["capaian_anggaran"],
            "Penyerapan kumulatif (%)": a["penyerapan_kumulatif"],
            "Rencana kumulatif (%)": a["rencana_penyerapan_kumulatif"],
        })
        return tabel_tampil(shown, {"Pagu": "rupiah", "Target bulan ini": "rupiah", "Realisasi bulan ini": "rupiah",
                                    "Capaian anggaran (%)": "angka", "Penyerapan kumulatif (%)": "angka",
                                    "Rencana kumulatif (%)": "angka"})

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


def craapk(store: Store, unit: str, tahun: int, bulan: int,
           skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanCraapk:
    """Assemble the CRAAPK of ``unit`` for ``bulan``/``tahun`` from the store."""
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units = store.current("unit")
    found = units[units["kode"] == unit]
    if found.empty:
        raise KinerjaError(f"unit {unit!r} tidak ada di basis data")
    info = found.iloc[0].to_dict()
    bulanan = analisis.capaian_bulanan(store, unit, tahun, scale)
    if bulanan.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; CRAAPK tidak dapat disusun")
    kumulatif = analisis.capaian_kumulatif(store, unit, tahun, bulan, scale)
    anggaran = analisis.anggaran_program(store, unit, tahun)
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
