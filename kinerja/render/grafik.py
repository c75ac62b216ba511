"""Charts for reports and pages (matplotlib), labelled in Bahasa Indonesia.

Each function takes a table from :mod:`kinerja.analisis.dari_store` and returns a Figure; axis
numbers use Indonesian formatting and month names are Indonesian.

Every chart is a :class:`Grafik`: laid out by matplotlib's constrained layout with its legend
inside the figure (beside or under the axes), so nothing is cut however long a label is, and,
displayed in a notebook, its PNG carries the chart's title as its ``alt`` text, which the HTML
page and the Word file use for the caption and the Daftar Gambar ("Gambar 2. Capaian …").
"""

from __future__ import annotations

import textwrap

import matplotlib.colors as matplotlib_colors
import matplotlib.transforms as matplotlib_transforms
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, MaxNLocator

from kinerja.core.anggaran import penyerapan
from kinerja.core.formatting import NAMA_BULAN, format_angka
from kinerja.core.parsing_kolom import parse_series
from kinerja.core.predikat import SkalaPredikat

__all__ = ["grafik_capaian", "grafik_bulanan", "grafik_kuadran", "grafik_kurva_s", "grafik_peta_predikat",
           "grafik_tren"]

_BULAN_PENDEK = [b[:3] for b in NAMA_BULAN]


class Grafik(Figure):
    """A chart that carries its title (``judul``) to the document that shows it."""

    judul = ""


def _png_berjudul(fig: Grafik):
    """The notebook's PNG of ``fig``, with its title as the image's alt text (output metadata)."""
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches=None, base64=True), {"alt": fig.judul}


def _grafik(judul: str, figsize: tuple[float, float]):
    """A new chart (figure and axes) titled ``judul``, laid out so that nothing leaves the figure."""
    from IPython import get_ipython

    fig, ax = plt.subplots(figsize=figsize, FigureClass=Grafik, layout="constrained")
    fig.judul = judul
    # Wrapped to the figure's width (about 9 characters of the 12 pt title per inch): a
    # long indicator name never runs off the edge.
    ax.set_title(textwrap.fill(judul, width=max(20, int(figsize[0] * 9))))
    shell = get_ipython()
    if shell is not None:  # displayed in a notebook: the PNG with its title
        shell.display_formatter.formatters["image/png"].for_type(Grafik, _png_berjudul)
    return fig, ax


def _legenda_bawah(fig: Figure, handles: list, labels: list[str]) -> None:
    """The legend under the chart, in as many columns as the figure's width holds."""
    per_kolom = 0.3 + 0.075 * max(len(t) for t in labels)  # inches one entry needs at 8 pt
    ncol = max(1, min(len(labels), int(fig.get_figwidth() // per_kolom)))
    fig.legend(handles, labels, loc="outside lower center", ncol=ncol, fontsize=8, frameon=False)


class _Angka(Formatter):
    """Axis ticks the Indonesian way with as many decimals as the tick step needs, so ticks
    0,2 apart never all read "0" or "1"."""

    def __init__(self, akhiran: str = "") -> None:
        self.akhiran = akhiran

    def __call__(self, x, pos=None) -> str:
        return self.format_ticks([x])[0]

    def format_ticks(self, values) -> list[str]:
        steps = [abs(b - a) for a, b in zip(values, values[1:]) if b != a]
        step = min(steps) if steps else 1.0
        decimals = 0 if step >= 1 else min(3, int(np.ceil(-np.log10(step) - 1e-9)))
        return [f"{format_angka(v, decimals)}{self.akhiran}" for v in values]


_ANGKA = _Angka()
_PERSEN = _Angka("%")


def grafik_capaian(tabel: pd.DataFrame, skala: SkalaPredikat, judul: str = "Capaian per indikator") -> Figure:
    """Horizontal bars of ``capaian`` per ``indikator``, coloured by predikat, line at 100%."""
    data = tabel.sort_values("capaian", na_position="first")
    # A long name is wrapped onto more lines, never cut ("… RSUD Bukit Rekaa"); its bar gets the room.
    labels = [textwrap.fill(str(s), 48, break_long_words=False) for s in data["indikator"]]
    height = max(3.0, sum(0.3 + 0.15 * label.count("\n") for label in labels) + 0.15 * len(labels) + 1.8)
    fig, ax = _grafik(judul, (9, height))
    # A row waiting for verification is drawn grey and cut at the axis, not as a record.
    ragu = ~data["dihitung"].astype(bool).to_numpy() & data["capaian"].notna().to_numpy() \
        if "dihitung" in data else np.zeros(len(data), dtype=bool)
    sure = data["capaian"].where(~ragu).fillna(0).to_numpy()
    limit = max(120.0, float(np.nanmax(np.append(sure, 0))) * 1.15)
    values = np.where(ragu, limit * 0.9, sure)
    colours = np.where(ragu, "#bdbdbd", skala.warna(data["capaian"]).fillna("#cccccc").to_numpy()).tolist()
    bars = ax.barh(labels, values, color=colours)
    for bar, flagged in zip(bars, ragu):
        if flagged:
            bar.set_hatch("//")
    ax.axvline(100, color="#333333", linewidth=1, linestyle="--")
    for y, (v, raw, flagged) in enumerate(zip(values, data["capaian"], ragu)):
        text = "belum ada data" if pd.isna(raw) else f"{format_angka(raw)}%"
        if flagged:
            text = f"{text}: perlu diverifikasi"
            ax.text(v * 0.02, y, text, va="center", fontsize=9)
        else:
            ax.text(max(v, 0) + 1, y, text, va="center", fontsize=9)
    ax.xaxis.set_major_formatter(_PERSEN)
    ax.set_xlim(0, limit)
    ax.set_xlabel("Capaian (%)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in skala.warna_label.values()]
    _legenda_bawah(fig, handles, list(skala.warna_label))
    return fig


def grafik_bulanan(tabel: pd.DataFrame, indikator: str, satuan: str = "", sampai_bulan: int | None = None) -> Figure:
    """Target and realisasi of one indicator by month. A month up to ``sampai_bulan`` with a
    target but no realisasi is marked "belum dilaporkan" (a red ×), and a realisasi of zero
    is labelled 0, so the two never look alike."""
    data = tabel.set_index("bulan").reindex(range(1, 13))
    fig, ax = _grafik(f"{indikator}: target dan realisasi per bulan", (8, 3.2))
    x = np.arange(1, 13)
    if data["target_nilai"].notna().any():
        ax.bar(x - 0.2, data["target_nilai"], width=0.4, label="Target", color="#9ecae1")
    rentang = _rentang_target(ax, x, data["target"] if "target" in data else pd.Series(index=data.index, dtype=object))
    ax.bar(x + 0.2, data["realisasi_nilai"], width=0.4, label="Realisasi", color="#3182bd")
    if sampai_bulan:
        upto = x <= sampai_bulan
        gap = upto & data["realisasi_nilai"].isna().to_numpy() & (data["target_nilai"].notna().to_numpy() | rentang)
        if gap.any():
            ax.plot(x[gap] + 0.2, np.zeros(gap.sum()), "x", color="#c0392b", markersize=9, markeredgewidth=2,
                    label="Belum dilaporkan", clip_on=False)
        for m in x[upto & (data["realisasi_nilai"].to_numpy() == 0)]:
            ax.annotate("0", (m + 0.2, 0), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, _BULAN_PENDEK)
    values = pd.concat([data["target_nilai"], data["realisasi_nilai"]]).dropna()
    if not values.empty and (values == values.round()).all():  # counts: whole-number ticks only
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(_ANGKA)
    ax.set_ylabel(satuan or "Nilai")
    top = np.nanmax(np.append(values.to_numpy(dtype=float), ax.get_ylim()[1] if rentang.any() else 0.0))
    if top > 0:  # room above the tallest bar, so the legend covers none
        ax.set_ylim(top=top * 1.3)
    ax.legend(fontsize=8, loc="upper right", ncol=4)
    return fig


def _rentang_target(ax, x: np.ndarray, target: pd.Series) -> np.ndarray:
    """A range target ("3±1", "60–85") drawn as a band from its low to its high end across each
    month that has it, labelled "Rentang target": it has no single value for a bar. Returns
    which months have one."""
    ends = parse_series(target.reset_index(drop=True))
    low, high = ends["bawah"].to_numpy(dtype=float), ends["atas"].to_numpy(dtype=float)
    has = ~np.isnan(low) & ~np.isnan(high)
    if has.any():  # each month's band spans its whole slot, so neighbouring months join
        edges = np.column_stack([x - 0.5, x + 0.5]).ravel()
        ax.fill_between(edges, np.repeat(low, 2), np.repeat(high, 2), where=np.repeat(has, 2), color="#9ecae1",
                        alpha=0.45, linewidth=0, label="Rentang target")
    return has


def grafik_kurva_s(anggaran: pd.DataFrame, judul: str = "Penyerapan anggaran kumulatif") -> Figure:
    """Cumulative absorption (all programs together) against the RAAPK plan, in % of pagu."""
    total = anggaran.groupby("bulan")[["target_kumulatif", "realisasi_kumulatif"]].sum(min_count=1)
    pagu = anggaran.drop_duplicates("program")["pagu"].sum()
    reported = anggaran.groupby("bulan")["realisasi_anggaran"].count() > 0
    fig, ax = _grafik(judul, (8, 3.2))
    x = total.index.to_numpy()
    ax.plot(x, penyerapan(total["target_kumulatif"], pagu), label="Rencana (RAAPK)", color="#9ecae1", linewidth=2)
    real = penyerapan(total["realisasi_kumulatif"], pagu).where(reported)
    ax.plot(x, real, label="Realisasi", color="#e6550d", linewidth=2, marker="o")
    ax.set_xticks(range(1, 13), _BULAN_PENDEK)
    ax.yaxis.set_major_formatter(_PERSEN)
    ax.set_ylim(0, 105)
    ax.set_ylabel("% dari pagu")
    ax.legend(fontsize=8)
    return fig


def grafik_peta_predikat(peta: pd.DataFrame, skala: SkalaPredikat, judul: str = "Predikat capaian per bulan",
                         lebar: float = 9, huruf: float = 8) -> Figure:
    """Unit × month grid coloured by predikat (from :func:`kinerja.halaman.dasbor.peta_predikat`),
    ``lebar`` inches wide with ``huruf``-point labels. A narrow figure (a phone's, under 6 in)
    wraps each unit's name onto lines of its own (a wide one writes it whole on one line), turns the months' names
    upright and puts the legend below the grid in two columns."""
    units = peta.drop_duplicates("unit_kode")[["unit_kode", "nama"]]
    months = sorted(peta["bulan"].unique())
    colours = peta.pivot(index="unit_kode", columns="bulan", values="warna").reindex(index=units["unit_kode"],
                                                                                   columns=months)
    rgb = np.array([[matplotlib_colors.to_rgb(c) for c in row] for row in colours.to_numpy()])
    sempit = lebar < 6
    names = [textwrap.fill(str(n), 28) if sempit else str(n) for n in units["nama"]]  # whole, never cut
    baris = max((n.count("\n") + 1 for n in names), default=1) if sempit else 1
    handles = [Patch(color=w, label=label) for label, w in skala.warna_label.items()]
    handles.append(Patch(color="#e0e0e0", label="belum ada data"))
    baris_in = baris * huruf / 72 * 1.15 + 0.04 if sempit else 0.24  # one unit's row, inches
    tinggi = baris_in * len(units) + 1.5 + (0.2 * len(handles) if sempit else 0)
    fig, ax = _grafik(judul, (lebar, max(3.0, tinggi)))
    ax.imshow(rgb, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(months)), [_BULAN_PENDEK[m - 1] for m in months],
                  **({"fontsize": huruf, "rotation": 90 if len(months) > 6 else 0} if sempit else {}))
    ax.set_yticks(range(len(units)), names, fontsize=huruf)
    if sempit:  # a tall grid: the months named above it too; the title over the whole width, not the grid
        ax.tick_params(axis="x", labeltop=True)
        fig.suptitle(ax.get_title())
        ax.set_title("")
        fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=huruf, frameon=False)
    else:
        fig.legend(handles=handles, loc="outside right upper", fontsize=huruf, frameon=False)
    return fig


def grafik_kuadran(ringkasan: pd.DataFrame, judul: str = "Capaian kinerja dan penyerapan anggaran",
                   label: list[str] | None = None, lebar: float = 8, huruf: float = 8) -> Figure:
    """Each unit at (penyerapan − rencana penyerapan, capaian), with the quadrant lines. Each
    point carries its ``label`` (the unit's name unless given, e.g. its number in a table
    beside the chart), placed where it overlaps no other label or point and stays inside
    the axes; a label with no free place is left out (the table names every unit)."""
    data = ringkasan.dropna(subset=["capaian", "penyerapan", "rencana_penyerapan"])
    x = (data["penyerapan"] - data["rencana_penyerapan"]).to_numpy()
    y = data["capaian"].to_numpy()
    fig, ax = _grafik(judul, (lebar, lebar * 0.62))
    ax.scatter(x, y, c=data["warna"].tolist(), s=60, edgecolors="#333333", linewidths=0.5)
    ax.axhline(100, color="#333333", linewidth=1, linestyle="--")
    ax.axvline(0, color="#333333", linewidth=1, linestyle="--")
    ax.set_xlabel("Penyerapan dibanding rencana (poin)", fontsize=huruf + 1)
    ax.set_ylabel("Capaian kinerja s.d. bulan ini (%)", fontsize=huruf + 1)
    ax.tick_params(labelsize=huruf)
    ax.xaxis.set_major_formatter(_ANGKA)
    ax.yaxis.set_major_formatter(_PERSEN)
    ax.margins(0.12)
    _label_terpisah(ax, x, y, [str(t) for t in (label if label is not None else data["nama"])], huruf)
    return fig


def _label_terpisah(ax, x, y, teks: list[str], huruf: float) -> None:
    """Label each point where its text overlaps no other label or point and stays inside
    the axes (first free place of a ring of offsets around it); the layout is then frozen
    so that the places hold."""
    fig = ax.figure
    fig.canvas.draw()
    fig.set_layout_engine("none")
    r = fig.canvas.get_renderer()
    box = ax.get_window_extent(r)
    px = ax.transData.transform(np.column_stack([x, y])) if len(x) else np.empty((0, 2))
    dot = 5 * fig.dpi / 72  # a marker's radius in pixels
    taken = [matplotlib_transforms.Bbox([[a - dot, b - dot], [a + dot, b + dot]]) for a, b in px]
    rings = [(d * np.cos(t), d * np.sin(t)) for d in (7, 14, 24, 36) for t in np.linspace(0, 2 * np.pi, 12,
                                                                                           endpoint=False)]
    scale = fig.dpi / 72  # offset points to pixels
    for xi, yi, (a, b), t in zip(x, y, px, teks):
        # The text's size does not depend on where it goes: measured once, then each place of
        # the ring is plain box arithmetic (a trial annotation per place cost seconds on a province).
        probe = ax.annotate(t, (xi, yi), xytext=(0, 0), textcoords="offset points", fontsize=huruf)
        ext = probe.get_window_extent(r)
        probe.remove()
        w, h = ext.width, ext.height
        for dx, dy in rings:
            x0 = a + dx * scale - (0 if dx >= 0 else w)
            y0 = b + dy * scale - (0 if dy >= 0 else h)
            bb = matplotlib_transforms.Bbox([[x0, y0], [x0 + w, y0 + h]])
            if (bb.x0 >= box.x0 and bb.x1 <= box.x1 and bb.y0 >= box.y0 and bb.y1 <= box.y1
                    and not any(bb.overlaps(o) for o in taken)):
                ax.annotate(t, (xi, yi), xytext=(dx, dy), textcoords="offset points", fontsize=huruf,
                            ha="left" if dx >= 0 else "right", va="bottom" if dy >= 0 else "top")
                taken.append(bb)
                break


def grafik_tren(tren: pd.DataFrame, indikator: str, satuan: str = "") -> Figure:
    """One indicator over the years: realisasi against the Renstra target of each year."""
    data = tren.sort_values("tahun")
    fig, ax = _grafik(f"{indikator}: realisasi dan target per tahun", (8, 3.4))
    ax.plot(data["tahun"], data["target_renstra"], label="Target Renstra/RPJMD", color="#9ecae1", linewidth=2,
            marker="s")
    ax.plot(data["tahun"], data["realisasi"], label="Realisasi", color="#e6550d", linewidth=2, marker="o")
    if "awal" in data and data["awal"].any():
        base = data[data["awal"]]
        ax.plot(base["tahun"], base["realisasi"], "D", color="#555555", markersize=8, label="Kondisi awal")
    end = data["target_akhir"].dropna()
    if not end.empty:
        ax.axhline(end.iloc[0], color="#777777", linewidth=1, linestyle=":", label="Target akhir periode")
    ax.set_xticks(data["tahun"].tolist(), [str(t) for t in data["tahun"]])
    ax.yaxis.set_major_formatter(_ANGKA)
    ax.set_ylabel(satuan or "Nilai")
    ax.legend(fontsize=8, loc="best")
    return fig
