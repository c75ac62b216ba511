"""The Pohon Kinerja page: a kabupaten sasaran's tree drawn, a node's indicators, its
monthly path and the units that contribute, and the alignment findings of that part of
the tree.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.halaman import dasbor
from kinerja.render import grafik
from kinerja.render.tabel import Tabel
from kinerja.core.wilayah import daftar_kabupaten
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.widget import (_blok, _daftar, _ganti_pilihan, _gambar, _h3, _kelas, _p, _per_kabupaten,
                                    _pilihan, _png, tampilkan_grafik)

__all__ = ["pohon_kinerja"]


def pohon_kinerja(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """The pohon kinerja: pick a kabupaten sasaran to see its tree (perangkat daerah sasaran
    under it, crosscutting), then a node to see its indicators, their monthly path and the
    units that contribute; the alignment findings of that part of the tree below."""
    return bingkai("pohon_kinerja", k or dasbor.konteks(),
                   lambda k: _per_kabupaten(k, "Pohon Kinerja", lambda kab: _isi_pohon(k, kab), semua=False))


def _isi_pohon(k: dasbor.Konteks, kabupaten: str | None) -> list:
    """The Pohon Kinerja page's content for one kabupaten (the first one for ``None``)."""
    from kinerja.dokumen.pohon_kinerja import pohon_kinerja as susun, tabel_temuan
    from kinerja.analisis.pohon import anak_simpul

    units = k.store.current("unit")
    kab = kabupaten or str(daftar_kabupaten(units)["kode"].iloc[0])
    lap = susun(k.store, kab, k.tahun, k.bulan, k.skala)
    sasaran = lap.sasaran_kabupaten()
    if sasaran.empty:
        return [widgets.HTML(_p("Belum ada pohon kinerja untuk tahun ini. Muat formulir POHON dengan",
                                "kinerja ingest", "."))]
    ringkas = _kelas(widgets.HTML(), "kinerja-ringkasan-pohon")
    pilih_sasaran = _pilihan("Sasaran", "kinerja-pilih-sasaran", "720px")
    gambar = _kelas(widgets.HTML(layout=widgets.Layout(overflow="auto", max_height="720px", max_width="100%")),
                    "kinerja-gambar-pohon")
    pilih_simpul = _pilihan("Simpul", "kinerja-pilih-simpul", "720px")
    detail = _kelas(widgets.HTML(), "kinerja-detail-simpul")
    tren = _gambar("kinerja-grafik-simpul")
    tren_kosong = _kelas(widgets.HTML(), "kinerja-grafik-kosong")
    temuan = _kelas(widgets.HTML(), "kinerja-temuan")
    ringkas.value = _daftar(lap.ringkasan())
    nama = lap.pohon.nama_unit

    def label(row) -> str:
        unit = "" if row.unit_kode == kab else f" — {nama.get(row.unit_kode, row.unit_kode)}"
        return f"{row.tingkat}: {row.kondisi}{unit} ({row.id})"

    def show_node(change=None) -> None:
        node = pilih_simpul.value
        if not node:
            detail.value = ""
            tampilkan_grafik(tren, b"", tren_kosong, "Pilih simpul untuk melihat grafik bulanannya.")
            return
        ind = lap.indikator[lap.indikator["id"] == node]
        kontributor = _kontributor(lap, node)
        detail.value = _blok(_tabel_simpul(ind, k)) + (
            _blok(Tabel(kontributor, {"Capaian (%)": "angka"}, judul="Unit yang berkontribusi"),
                  kelas="kinerja-kontributor")
            if not kontributor.empty else _p("Tidak ada simpul anak atau crosscutting."))
        tampilkan_grafik(tren, _grafik_simpul(k, ind), tren_kosong, "Grafik bulanan simpul ini belum dapat dibuat: "
                         "indikatornya belum memiliki capaian s.d. bulan ini.")

    def show_sasaran(change=None) -> None:
        akar = pilih_sasaran.value
        svg = lap.gambar(akar=akar, sampai="sasaran perangkat daerah", format="svg")
        gambar.value = svg[svg.find("<svg"):]  # without the XML prologue; Graphviz escaped the text in it
        nodes = pd.concat([lap.simpul[lap.simpul["id"] == akar], anak_simpul(lap.pohon, akar)], ignore_index=True)
        _ganti_pilihan(pilih_simpul, [(label(r), r.id) for r in nodes.itertuples(index=False)], akar, show_node)
        found = lap.temuan[lap.temuan["simpul"].isin(nodes["id"]) | lap.temuan["unit_kode"].isin(
            nodes["unit_kode"])]
        temuan.value = (_blok(tabel_temuan(found)) if not found.empty
                        else _p("Tidak ada temuan keselarasan pada bagian pohon ini."))

    pilih_sasaran.observe(show_sasaran, names="value")
    pilih_simpul.observe(show_node, names="value")
    _ganti_pilihan(pilih_sasaran, [(f"{r.id}: {r.kondisi}", r.id) for r in sasaran.itertuples(index=False)],
                   sasaran["id"].iloc[0], show_sasaran)
    return [ringkas, pilih_sasaran, gambar, pilih_simpul, detail, tren, tren_kosong,
            _h3("Temuan keselarasan"), temuan]


def _tabel_simpul(ind: pd.DataFrame, k: dasbor.Konteks) -> Tabel:
    """A node's indicators: target, realisasi to date, capaian, predikat."""
    return Tabel(pd.DataFrame({"Indikator": ind["indikator"], "Satuan": ind["satuan"], "Target": ind["target_teks"],
                               "Realisasi s.d. bulan ini": ind["realisasi"], "Capaian (%)": ind["capaian"],
                               "Predikat": ind["predikat"], "Catatan": ind["catatan"]}),
                 {"Realisasi s.d. bulan ini": "nilai", "Capaian (%)": "angka"}, "Predikat", k.skala,
                 judul="Indikator simpul")


def _kontributor(lap, node: str) -> pd.DataFrame:
    """The units that contribute to a node: its child nodes (with their capaian) and its
    crosscutting contributors."""
    from kinerja.analisis.pohon import anak_simpul

    nama = lap.pohon.nama_unit
    anak = anak_simpul(lap.pohon, node)
    anak = anak[anak["kedalaman"] == 1].merge(lap.simpul[["id", "capaian"]], on="id", how="left")
    cross = lap.pohon.crosscutting
    cross = cross[cross["simpul"] == node] if not cross.empty else cross
    return pd.concat([
        pd.DataFrame({"Unit": anak["unit_kode"].map(nama), "Peran": anak["tingkat"] + " " + anak["id"] + ": "
                      + anak["kondisi"], "Status": "simpul anak", "Capaian (%)": anak["capaian"]}),
        pd.DataFrame({"Unit": cross["kontributor"].map(nama) if not cross.empty else [], "Peran":
                      cross["peran"].fillna("") if not cross.empty else [],
                      "Status": ("crosscutting " + cross["status"]) if not cross.empty else [],
                      "Capaian (%)": np.nan})], ignore_index=True)


def _grafik_simpul(k: dasbor.Konteks, ind: pd.DataFrame) -> bytes:
    """The monthly chart of a node's first indicator with a capaian (no chart: empty bytes)."""
    first = ind[ind["capaian"].notna()].head(1)
    if first.empty:
        return b""
    unit, kode = first["unit_kode"].iloc[0], first["indikator_kode"].iloc[0]
    rows = analisis.capaian_bulanan(k.store, unit, k.tahun, k.skala)
    rows = rows[rows["indikator_kode"] == kode]
    return _png(grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0], k.bulan)) \
        if not rows.empty else b""
