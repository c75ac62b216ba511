"""Charts for reports and pages (matplotlib), labelled in Bahasa Indonesia.

Each function takes a table from :mod:`kinerja.analisis` and returns a Figure; axis
numbers use Indonesian formatting and month names are Indonesian.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .formatting import NAMA_BULAN, format_angka
from .predikat import SkalaPredikat

__all__ = ["grafik_capaian", "grafik_bulanan", "grafik_kurva_s"]

_BULAN_PENDEK = [b[:3] for b in NAMA_BULAN]
_ANGKA = FuncFormatter(lambda v, _: format_angka(v, 0))
_PERSEN = FuncFormatter(lambda v, _: f"{format_angka(v, 0)}%")


def grafik_capaian(tabel: pd.DataFrame, skala: SkalaPredikat, judul: str = "Capaian per indikator") -> Figure:
    """Horizontal bars of ``capaian`` per ``indikator``, coloured by predikat, line at 100%."""
    data = tabel.sort_values("capaian", na_position="first")
    height = max(3.0, 0.45 * len(data) + 1.8)
    fig, ax = plt.subplots(figsize=(9, height))
    values = data["capaian"].fillna(0).to_numpy()
    colours = skala.warna(data["capaian"]).fillna("#cccccc").tolist()
    labels = [str(s)[:60] for s in data["indikator"]]
    ax.barh(labels, values, color=colours)
    ax.axvline(100, color="#333333", linewidth=1, linestyle="--")
    for y, (v, raw) in enumerate(zip(values, data["capaian"])):
        text = "belum ada data" if pd.isna(raw) else f"{format_angka(raw)}%"
        ax.text(max(v, 0) + 1, y, text, va="center", fontsize=9)
    ax.xaxis.set_major_formatter(_PERSEN)
    ax.set_xlim(0, max(120, np.nanmax(np.append(values, 0)) * 1.15))
    ax.set_xlabel("Capaian (%)")
    ax.set_title(judul)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in skala.warna_label.values()]
    ax.legend(handles, list(skala.warna_label), loc="upper center", bbox_to_anchor=(0.5, -0.22),
              ncol=len(handles), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def grafik_bulanan(tabel: pd.DataFrame, indikator: str, satuan: str = "") -> Figure:
    """Target and realisasi of one indicator by month (months without data left empty)."""
    data = tabel.set_index("bulan").reindex(range(1, 13))
    fig, ax = plt.subplots(figsize=(8, 3.2))
    x = np.arange(1, 13)
    ax.bar(x - 0.2, data["target_nilai"], width=0.4, label="Target", color="#9ecae1")
    ax.bar(x + 0.2, data["realisasi_nilai"], width=0.4, label="Realisasi", color="#3182bd")
    ax.set_xticks(x, _BULAN_PENDEK)
    ax.yaxis.set_major_formatter(_ANGKA)
    ax.set_ylabel(satuan or "Nilai")
    ax.set_title(f"{indikator}: target dan realisasi per bulan")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def grafik_kurva_s(anggaran: pd.DataFrame, judul: str = "Penyerapan anggaran kumulatif") -> Figure:
    """Cumulative absorption (all programs together) against the RAAPK plan, in % of pagu."""
    total = anggaran.groupby("bulan")[["target_kumulatif", "realisasi_kumulatif"]].sum(min_count=1)
    pagu = anggaran.drop_duplicates("program")["pagu"].sum()
    reported = anggaran.groupby("bulan")["realisasi_anggaran"].count() > 0
    fig, ax = plt.subplots(figsize=(8, 3.2))
    x = total.index.to_numpy()
    ax.plot(x, total["target_kumulatif"] / pagu * 100, label="Rencana (RAAPK)", color="#9ecae1", linewidth=2)
    real = (total["realisasi_kumulatif"] / pagu * 100).where(reported)
    ax.plot(x, real, label="Realisasi", color="#e6550d", linewidth=2, marker="o")
    ax.set_xticks(range(1, 13), _BULAN_PENDEK)
    ax.yaxis.set_major_formatter(_PERSEN)
    ax.set_ylim(0, 105)
    ax.set_ylabel("% dari pagu")
    ax.set_title(judul)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
