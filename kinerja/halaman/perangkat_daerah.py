"""The Kinerja Perangkat Daerah page: choose a unit to see its indicators, their monthly
chart, the narrative of its CRAAPK and the batch's reports as download links.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.halaman import dasbor
from kinerja.render import grafik
from kinerja.dokumen.craapk import LaporanCraapk, craapk_dari_data
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.analisis.proyeksi import proyeksi_tabel
from kinerja.render.html import render
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.bertahap import GrafikBertahap
from kinerja.halaman.widget import (_blok, _daftar, _ganti_pilihan, _gambar_ponsel, _h3, _judul, _kelas, _p,
                                    _pilihan, _pilihan_unit, terbaru)

__all__ = ["perangkat_daerah"]


_MIME = {".pdf": "application/pdf", ".html": "text/html",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _tautan(files: list[Path], unit: str = "", dokumen: str = "") -> list[dict]:
    """Download links carrying the files themselves (the page server serves no files), each
    named by its unit and document (``dinkes-craapk-2026.pdf``), not the batch's bare name."""
    return [{"nama": nama_unduhan(path, unit, dokumen), "mime": _MIME.get(path.suffix, "application/octet-stream"),
             "data": base64.b64encode(path.read_bytes()).decode("ascii"), "jenis": path.suffix[1:].upper()}
            for path in files]


def perangkat_daerah(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Choose a unit: its indicators, monthly chart, narrative and the batch's reports."""
    return bingkai("perangkat_daerah", k or dasbor.konteks(), _isi)


# long: one page's widgets and the three handlers that wire them, read best together
def _isi(k: dasbor.Konteks) -> widgets.VBox:
    pilih = _pilihan_unit(k)
    bagian, craapk = _craapk_per_unit(k)
    ringkasan = _kelas(widgets.HTML(), "kinerja-ringkasan-unit")
    tabel = _kelas(widgets.HTML(), "kinerja-tabel-indikator")
    narasi = _kelas(widgets.HTML(), "kinerja-narasi")
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator")
    bulanan = GrafikBertahap(_gambar_ponsel("kinerja-grafik-bulanan"), _kelas(widgets.HTML(), "kinerja-grafik-kosong"))
    dokumen = _pilihan("Dokumen", "kinerja-pilih-dokumen", "520px")
    berkas = _kelas(widgets.HTML(), "kinerja-berkas")
    state: dict = {}

    def show_indicator(change=None) -> None:
        rows = state.get("bulanan")
        rows = rows[rows["indikator_kode"] == indikator.value] if rows is not None and indikator.value else []
        fig = grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0], k.bulan) \
            if len(rows) else None
        bulanan.tampilkan(fig, "Grafik bulanan belum dapat dibuat: unit ini belum memiliki target dan realisasi "
                          "bulanan untuk indikator ini.", tunda=state.get("tunda", False))

    def show_files(change=None) -> None:
        berkas.value = _berkas(state.get("docs"), dokumen.value, state.get("unit", ""))

    @terbaru
    def show(change=None, *, masih_terbaru) -> None:
        unit = pilih.value
        part = bagian(unit)  # slices of what the page read once: no query, no computation
        state.update(unit=unit, bulanan=part["bulanan"], docs=None, tunda=True)
        # The chart first, in its wide layout (what the eye goes to, and quick); the CRAAPK's
        # tables and sentences next; the chart's phone layout last (GrafikBertahap).
        first = part["kumulatif"].drop_duplicates("indikator_kode")
        _ganti_pilihan(indikator, list(zip(first["indikator"], first["indikator_kode"])),
                       first["indikator_kode"].iloc[0] if len(first) else None, show_indicator)
        state["tunda"] = False
        try:
            lap = craapk(unit, part)
        except Exception as exc:  # noqa: BLE001 - shown to the official, the page stays usable
            ringkasan.value = _p(str(exc))
            tabel.value = narasi.value = ""
            _ganti_pilihan(dokumen, [], None, show_files)
            bulanan.selesai()
            return
        if not masih_terbaru():
            return
        ringkasan.value = str(render("halaman/ringkasan_unit.html.j2", ringkasan=lap.ringkasan,
                                     peringatan=list(lap.peringatan)))
        tabel.value = _blok(lap.tabel_kumulatif())
        narasi.value = _daftar(lap.narasi)
        docs = dasbor.laporan_unit(k, unit)
        state["docs"] = docs
        _ganti_pilihan(dokumen, [("— pilih —", "")] + list(zip(docs["judul"], docs["dokumen"])), "", show_files)
        bulanan.selesai()

    pilih.observe(show, names="value")
    indikator.observe(show_indicator, names="value")
    dokumen.observe(show_files, names="value")
    show()
    return widgets.VBox([
        _judul("Kinerja Perangkat Daerah", k), pilih, ringkasan,
        _h3("Capaian sampai bulan ini"), tabel,
        _h3("Target dan realisasi per bulan"), indikator, bulanan.tempat, bulanan.pesan,
        _h3("Analisis"), narasi,
        _h3("Laporan"), dokumen, berkas,
    ])


def _craapk_per_unit(k: dasbor.Konteks) -> tuple[Callable[[str], dict], Callable[[str, dict], LaporanCraapk]]:
    """``bagian(unit)``: the unit's slices of the tables read once for every unit; and
    ``craapk(unit, bagian)``: the unit's CRAAPK from them (see craapk_dari_data)."""
    units = k.store.current("unit").set_index("kode")
    semua = {"bulanan": analisis.capaian_bulanan(k.store, None, k.tahun, k.skala),
             "kumulatif": analisis.capaian_kumulatif(k.store, None, k.tahun, k.bulan, k.skala),
             "anggaran": analisis.anggaran_program(k.store, None, k.tahun),
             "kepatuhan": kepatuhan(k.store, k.tahun, list(range(1, k.bulan + 1))).rename(columns={"kode": "unit_kode"})}
    if k.bulan < 12:  # every unit projected at once (the projection is per indicator)
        semua["proyeksi"] = proyeksi_tabel(semua["bulanan"], k.bulan)
    # Efficiency per unit and sasaran, of every unit at once (half of assembling one unit's CRAAPK).
    semua["efisiensi"] = analisis.efisiensi_sasaran(semua["kumulatif"], semua["bulanan"], semua["anggaran"], k.bulan)
    groups = {name: dict(tuple(frame.groupby("unit_kode"))) for name, frame in semua.items()}

    def bagian(unit: str) -> dict:
        return {name: g[unit].reset_index(drop=True) if unit in g else semua[name].iloc[0:0]
                for name, g in groups.items()}

    def craapk(unit: str, part: dict) -> LaporanCraapk:
        return craapk_dari_data(units.loc[unit].to_dict() | {"kode": unit}, k.tahun, k.bulan, k.skala,
                                part["bulanan"], part["kumulatif"], part["anggaran"], part["kepatuhan"],
                                part.get("proyeksi"), part["efisiensi"])

    return bagian, craapk


def nama_unduhan(path: Path, unit: str, dokumen: str) -> str:
    """The name a downloaded file gets: unit, document and the batch's own name (which holds the
    period), so that the files of several units never share a name.

    >>> nama_unduhan(Path("/k/2026/dinkes/craapk.pdf"), "dinkes", "CRAAPK")
    'dinkes-craapk-2026.pdf'
    >>> nama_unduhan(Path("/k/lkjip-dinkes-2026.docx"), "dinkes", "LKJIP")
    'lkjip-dinkes-2026.docx'
    """
    stem = path.stem
    if unit and unit not in stem:
        periode = [p for p in path.parts[:-1] if p.isdigit()][-2:]
        stem = "-".join([unit, stem if dokumen.lower() in stem.lower() else f"{dokumen.lower()}-{stem}", *periode])
    return stem + path.suffix


def _berkas(docs: pd.DataFrame | None, dokumen: str, unit: str = "") -> str:
    """The chosen report's download links, or what to do when none is chosen or there is none."""
    if docs is None or not dokumen:
        return _p("Pilih dokumen untuk mengunduh laporannya.") if docs is not None and len(docs) else \
            _p("Belum ada laporan dari", "kinerja batch", " untuk unit ini.")
    row = docs[docs["dokumen"] == dokumen].iloc[0]
    return str(render("halaman/berkas.html.j2", judul=row["judul"], status=row["status"],
                      tautan=_tautan(row["berkas"], unit, row["dokumen"])))
