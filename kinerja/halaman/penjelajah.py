"""The evaluator's explorer of gaps (Penjelajah Kesenjangan Kinerja, in JupyterLab):
filter by unit, sasaran, predikat and polaritas, rank the gaps, compare years, try a
different target and export the selection to .xlsx.
"""

from __future__ import annotations

import datetime as dt
import os
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


def cari_db(db: str = "", mulai: Path | None = None) -> str:
    """The explorer's store as its parameters cell says: ``db`` when given, else ``KINERJA_DB``,
    else ``outputs/kinerja.sqlite`` of the folder the notebook runs in or the nearest folder
    above it that has one (the project's folder, where ``kinerja`` commands write it), never a
    new empty file beside the notebook.

    >>> import tempfile; root = Path(tempfile.mkdtemp()); (root / "outputs").mkdir(); (root / "notebooks").mkdir()
    >>> _ = (root / "outputs" / "kinerja.sqlite").write_bytes(b"")
    >>> import os; lama = os.environ.pop("KINERJA_DB", None)  # (the variable, when set, comes first)
    >>> cari_db("", root / "notebooks") == f"sqlite:///{root / 'outputs' / 'kinerja.sqlite'}"
    True
    >>> if lama is not None: os.environ["KINERJA_DB"] = lama
    """
    if db or os.environ.get("KINERJA_DB"):
        return db or os.environ["KINERJA_DB"]
    here = (mulai or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "outputs" / "kinerja.sqlite").is_file():
            return f"sqlite:///{folder / 'outputs' / 'kinerja.sqlite'}"
    return ""


_LEBAR = {"description_width": "initial"}


# long: the explorer's widgets and the handlers that wire them, read best together
def penjelajah(k: dasbor.Konteks | None = None, folder_ekspor: str | Path = "outputs/ekspor") -> widgets.VBox:
    """Filter by unit, sasaran, predikat and polaritas; rank gaps (or list every indicator);
    compare years; try a different target; export the selection to .xlsx."""
    k = k or dasbor.konteks(cari_db())
    semua = dasbor.semua_indikator(k)
    f_unit, f_sasaran, f_predikat, f_polaritas = _saringan(semua, k)
    hanya = widgets.Checkbox(value=True, description="Hanya indikator di bawah target", style=_LEBAR,
                             layout=widgets.Layout(width="auto"))
    n = widgets.IntSlider(value=15, min=5, max=100, step=5, description="Tampilkan", style=_LEBAR)
    hasil = widgets.HTML()
    indikator, gambar, target_baru, andai = _bandingkan(k, semua)
    ekspor = widgets.Button(description="Ekspor pilihan ke .xlsx", icon="download")
    pesan = widgets.HTML()
    state: dict = {}

    def filtered() -> pd.DataFrame:
        return dasbor.kesenjangan(k, f_unit.value or None, f_sasaran.value or None, f_predikat.value or None,
                                  f_polaritas.value or None, n=None, data=semua, semua=not hanya.value)

    def narrow(change=None) -> None:
        """The sasaran of the chosen unit only (all of them without a unit)."""
        rows = semua[semua["unit_kode"] == f_unit.value] if f_unit.value else semua
        keep = f_sasaran.value if f_sasaran.value in set(rows["sasaran"]) else ""
        f_sasaran.unobserve(show, names="value")
        f_sasaran.options = _opsi(rows, "sasaran", "sasaran")
        f_sasaran.value = keep
        f_sasaran.observe(show, names="value")

    def show(change=None) -> None:
        view = filtered()
        state["view"] = view
        shown = pd.DataFrame({"Unit": view["nama_unit"], "Indikator Kinerja": view["indikator"],
                              "Polaritas": view["polaritas"], "Target": view["target"], "Realisasi": view["realisasi"],
                              "Capaian (%)": view["capaian"], "Kesenjangan (poin)": view["kesenjangan"],
                              "Predikat": view["predikat"]}).head(n.value)
        hasil.value = _blok(Tabel(shown, {"Capaian (%)": "angka", "Kesenjangan (poin)": "angka", "Target": "nilai",
                                          "Realisasi": "nilai"}, "Predikat", k.skala),
                            pengantar=f"{format_angka(len(view), 0)} indikator"
                                      + (" di bawah target." if hanya.value else " (semua yang memiliki capaian)."))
        indikator.options = [(f"{u} · {i}", f"{c}|{ik}") for u, i, c, ik in
                             zip(view["nama_unit"], view["indikator"], view["unit_kode"], view["indikator_kode"])]

    def export(_button) -> None:
        folder = Path(folder_ekspor)
        path = folder / f"kesenjangan-{k.tahun}-{k.bulan:02d}-{dt.datetime.now():%Y%m%d-%H%M%S}.xlsx"
        dasbor.ekspor_xlsx(state["view"], path, k.skala)
        pesan.value = _p("Tersimpan:", str(path), f" ({len(state['view'])} baris).")

    f_unit.observe(narrow, names="value")
    for w in (f_unit, f_sasaran, f_predikat, f_polaritas, hanya, n):
        w.observe(show, names="value")
    ekspor.on_click(export)
    show()
    return widgets.VBox([
        _judul("Penjelajah Kesenjangan Kinerja", k),
        f_unit, f_sasaran, widgets.HBox([f_predikat, f_polaritas], layout=_BARIS),
        widgets.HBox([hanya, n], layout=_BARIS), hasil,
        _h3("Bandingkan tahun dan coba target lain"), indikator, gambar, target_baru, andai,
        ekspor, pesan,
    ])


_BARIS = widgets.Layout(flex_flow="row wrap", max_width="100%")


def _opsi(rows: pd.DataFrame, col: str, label: str, urutan: list[str] | None = None) -> list:
    """A filter's choices: "(semua …)" first, then the column's values (in ``urutan`` when given)."""
    present = {v for v in rows[col].dropna().unique() if v != ""}
    values = [v for v in urutan if v in present] if urutan is not None else sorted(present)
    return [(f"(semua {label})", "")] + [(str(v), v) for v in values]


def _saringan(semua: pd.DataFrame, k: dasbor.Konteks) -> tuple[widgets.Dropdown, widgets.Dropdown, widgets.Dropdown,
                                                                widgets.Dropdown]:
    """The filters by unit, sasaran, predikat (in the scale's order) and polaritas, each with
    "(semua …)" first, as wide as their longest label allows on the screen."""
    units = semua.drop_duplicates("unit_kode").sort_values("nama_unit")
    lebar = widgets.Layout(width="100%", max_width="900px")
    f_unit = widgets.Dropdown(options=[("(semua unit)", "")] + list(zip(units["nama_unit"], units["unit_kode"])),
                              description="Unit", layout=lebar, style=_LEBAR)
    f_sasaran = widgets.Dropdown(options=_opsi(semua, "sasaran", "sasaran"), description="Sasaran", layout=lebar,
                                 style=_LEBAR)
    f_predikat = widgets.Dropdown(options=_opsi(semua, "predikat", "predikat", list(k.skala.warna_label)),
                                  description="Predikat", style=_LEBAR)
    f_polaritas = widgets.Dropdown(options=_opsi(semua, "polaritas", "polaritas"), description="Polaritas",
                                   style=_LEBAR)
    return f_unit, f_sasaran, f_predikat, f_polaritas


def _bandingkan(k: dasbor.Konteks, semua: pd.DataFrame) -> tuple[widgets.Dropdown, widgets.Image, widgets.FloatText,
                                                                 widgets.HTML]:
    """Compare years and try another target, for an indicator among the gaps shown (the
    explorer fills the choice): its trend chart, then capaian and predikat again with the
    target typed."""
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator", "900px")
    indikator.style = _LEBAR
    target_baru = widgets.FloatText(description="Target andai", style=_LEBAR)
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
        target_baru.value = round(float(target), 2) if pd.notna(target) else 0.0
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
