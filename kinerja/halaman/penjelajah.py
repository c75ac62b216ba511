"""The evaluator's explorer of gaps (Penjelajah Kesenjangan Kinerja, in JupyterLab):
filter by unit, sasaran, predikat and polaritas, rank the gaps, compare years, try a
different target and export the selection to .xlsx.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from kinerja.halaman import dasbor
from kinerja.render import grafik
from kinerja.core.formatting import format_angka, format_persen
from kinerja.render.html import render
from kinerja.render.tabel import Tabel
from kinerja.halaman.widget import _blok, _gambar, _h3, _judul, _p, _pilihan, _png

__all__ = ["penjelajah"]


def penjelajah(k: dasbor.Konteks | None = None, folder_ekspor: str | Path = "outputs/ekspor") -> widgets.VBox:
    """Filter by unit, sasaran, predikat and polaritas; rank gaps; compare years; try a
    different target; export the selection to .xlsx."""
    k = k or dasbor.konteks()
    semua = dasbor.semua_indikator(k)
    f_unit, f_sasaran, f_predikat, f_polaritas = _saringan(semua)
    n = widgets.IntSlider(value=15, min=5, max=100, step=5, description="Tampilkan")
    hasil = widgets.HTML()
    indikator, gambar, target_baru, andai = _bandingkan(k, semua)
    ekspor = widgets.Button(description="Ekspor pilihan ke .xlsx", icon="download")
    pesan = widgets.HTML()
    state: dict = {}

    def filtered() -> pd.DataFrame:
        return dasbor.kesenjangan(k, f_unit.value or None, f_sasaran.value or None, f_predikat.value or None,
                                  f_polaritas.value or None, n=None, data=semua)

    def show(change=None) -> None:
        view = filtered()
        state["view"] = view
        shown = pd.DataFrame({"Unit": view["nama_unit"], "Indikator Kinerja": view["indikator"],
                              "Polaritas": view["polaritas"], "Target": view["target"], "Realisasi": view["realisasi"],
                              "Capaian (%)": view["capaian"], "Kesenjangan (poin)": view["kesenjangan"],
                              "Predikat": view["predikat"]}).head(n.value)
        hasil.value = _blok(Tabel(shown, {"Capaian (%)": "angka", "Kesenjangan (poin)": "angka"}, "Predikat", k.skala),
                            pengantar=f"{len(view)} indikator di bawah target.")
        indikator.options = [(f"{u} · {i}", f"{c}|{ik}") for u, i, c, ik in
                             zip(view["nama_unit"], view["indikator"], view["unit_kode"], view["indikator_kode"])]

    def export(_button) -> None:
        folder = Path(folder_ekspor)
        path = folder / f"kesenjangan-{k.tahun}-{k.bulan:02d}-{dt.datetime.now():%Y%m%d-%H%M%S}.xlsx"
        dasbor.ekspor_xlsx(state["view"], path, k.skala)
        pesan.value = _p("Tersimpan:", str(path), f" ({len(state['view'])} baris).")

    for w in (f_unit, f_sasaran, f_predikat, f_polaritas, n):
        w.observe(show, names="value")
    ekspor.on_click(export)
    show()
    return widgets.VBox([
        _judul("Penjelajah Kesenjangan Kinerja", k),
        widgets.HBox([f_unit, f_sasaran]), widgets.HBox([f_predikat, f_polaritas, n]), hasil,
        _h3("Bandingkan tahun dan coba target lain"), indikator, gambar, target_baru, andai,
        ekspor, pesan,
    ])


def _saringan(semua: pd.DataFrame) -> tuple[widgets.Dropdown, widgets.Dropdown, widgets.Dropdown, widgets.Dropdown]:
    """The filters by unit, sasaran, predikat and polaritas, each with "(semua …)" first."""

    def options(col: str, label: str) -> list:
        values = sorted(v for v in semua[col].dropna().unique() if v != "")
        return [(f"(semua {label})", "")] + [(str(v), v) for v in values]

    units = semua.drop_duplicates("unit_kode").sort_values("nama_unit")
    f_unit = widgets.Dropdown(options=[("(semua unit)", "")] + list(zip(units["nama_unit"], units["unit_kode"])),
                              description="Unit")
    f_sasaran = widgets.Dropdown(options=options("sasaran", "sasaran"), description="Sasaran")
    f_predikat = widgets.Dropdown(options=options("predikat", "predikat"), description="Predikat")
    f_polaritas = widgets.Dropdown(options=options("polaritas", "polaritas"), description="Polaritas")
    return f_unit, f_sasaran, f_predikat, f_polaritas


def _bandingkan(k: dasbor.Konteks, semua: pd.DataFrame) -> tuple[widgets.Dropdown, widgets.Image, widgets.FloatText,
                                                                 widgets.HTML]:
    """Compare years and try another target, for an indicator among the gaps shown (the
    explorer fills the choice): its trend chart, then capaian and predikat again with the
    target typed."""
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator")
    target_baru = widgets.FloatText(description="Target andai")
    andai = widgets.HTML()
    gambar = _gambar("kinerja-grafik-tren")

    def show_indicator(change=None) -> None:
        if not indikator.value:
            andai.value, gambar.value = "", b""
            return
        unit, kode = indikator.value.split("|", 1)
        row = semua[(semua["unit_kode"] == unit) & (semua["indikator_kode"] == kode)]
        history = dasbor.tren(k, unit)
        history = history[history["indikator_kode"] == kode]
        gambar.value = _png(grafik.grafik_tren(history, row["indikator"].iloc[0], row["satuan"].iloc[0])) \
            if not history.empty else b""
        target = pd.to_numeric(row["target"], errors="coerce").iloc[0]
        target_baru.value = float(target) if pd.notna(target) else 0.0
        show_whatif()

    def show_whatif(change=None) -> None:
        if not indikator.value:
            return
        unit, kode = indikator.value.split("|", 1)
        row = semua[(semua["unit_kode"] == unit) & (semua["indikator_kode"] == kode)]
        res = dasbor.andai_target(row, {kode: target_baru.value}, k.skala).iloc[0]
        andai.value = str(render("halaman/andai.html.j2", capaian=format_persen(res["capaian"]),
                                 predikat=str(res["predikat"]), target=format_angka(target_baru.value),
                                 capaian_andai=format_persen(res["capaian_andai"]),
                                 predikat_andai=str(res["predikat_andai"])))

    indikator.observe(show_indicator, names="value")
    target_baru.observe(show_whatif, names="value")
    return indikator, gambar, target_baru, andai
