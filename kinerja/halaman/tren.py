"""The Tren Kinerja Beberapa Tahun page: several years against the Renstra/RPJMD targets,
for the kabupaten's IKU and per unit.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from kinerja.halaman import dasbor
from kinerja.render import grafik
from kinerja.core.formatting import nama_bulan
from kinerja.render.tabel import Tabel
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.bertahap import GrafikBertahap
from kinerja.halaman.widget import _blok, _ganti_pilihan, _gambar_ponsel, _judul, _kelas, _pilihan, _pilihan_unit

__all__ = ["tren"]


def tren(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Several years against the Renstra/RPJMD targets, for the kabupaten's IKU and per unit."""
    return bingkai("tren", k or dasbor.konteks(), _isi)


# long: one page's widgets and the two handlers that wire them, read best together
def _isi(k: dasbor.Konteks) -> widgets.VBox:
    pilih = _pilihan_unit(k)
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator")
    grafik_tren = GrafikBertahap(_gambar_ponsel("kinerja-grafik-tren"), _kelas(widgets.HTML(), "kinerja-grafik-kosong"))
    tabel = _kelas(widgets.HTML(), "kinerja-tabel-tren")
    every = dasbor.tren(k, None)
    semua = dict(tuple(every.groupby("unit_kode")))  # every unit read once, sliced per choice
    state: dict = {}

    def show_indicator(change=None) -> None:
        data = state.get("tren")
        if data is None or not indikator.value:
            grafik_tren.tampilkan(None, "Grafik tren belum dapat dibuat: belum ada data beberapa tahun untuk unit ini.")
            tabel.value = ""
            return
        rows = data[data["indikator_kode"] == indikator.value]
        # The chart's wide layout first, then the table, the phone's layout last (GrafikBertahap).
        grafik_tren.tampilkan(grafik.grafik_tren(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0]), "",
                              tunda=True)
        label = rows["tahun"].astype(str).where(~rows["awal"], rows["tahun"].astype(str) + " (kondisi awal)")
        if k.bulan < 12:
            label = label.where(rows["tahun"] != k.tahun, f"{k.tahun} (s.d. {nama_bulan(k.bulan)})")
        shown = pd.DataFrame({"Tahun": label, "Target Renstra/RPJMD": rows["target_renstra"],
                              "Realisasi": rows["realisasi"], "Capaian (%)": rows["capaian"],
                              "Predikat": k.skala.predikat(rows["capaian"]).to_numpy()})
        note = f"Tahun {k.tahun}: realisasi s.d. {nama_bulan(k.bulan)}." if k.bulan < 12 else ""
        tabel.value = _blok(Tabel(shown, {"Target Renstra/RPJMD": "nilai", "Realisasi": "nilai", "Capaian (%)": "angka"},
                                  "Predikat", k.skala), catatan=note)
        grafik_tren.selesai()

    def show(change=None) -> None:
        data = semua.get(pilih.value, every.iloc[0:0]).reset_index(drop=True)  # a unit without data: none (no query)
        state["tren"] = data
        first = data.sort_values(["iku", "indikator"], ascending=[False, True]).drop_duplicates("indikator_kode")
        _ganti_pilihan(indikator, [(("IKU · " if iku else "") + str(n), c)
                                   for n, c, iku in zip(first["indikator"], first["indikator_kode"], first["iku"])],
                       first["indikator_kode"].iloc[0] if len(first) else None, show_indicator)

    pilih.observe(show, names="value")
    indikator.observe(show_indicator, names="value")
    show()
    return widgets.VBox([_judul("Tren Kinerja Beberapa Tahun", k), pilih, indikator, grafik_tren.tempat,
                         grafik_tren.pesan, tabel])
