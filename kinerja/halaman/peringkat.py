"""The Peringkat Perangkat Daerah page: perangkat daerah ranked by the documented
composite, every component shown, per kabupaten in a store of several.
"""

from __future__ import annotations

import ipywidgets as widgets

from kinerja.halaman import dasbor
from kinerja.core.formatting import format_angka, nama_bulan
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.widget import _kartu, _kelas, _p, _per_kabupaten, _tabel

__all__ = ["peringkat"]


def peringkat(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Perangkat daerah ranked by the documented composite, every component shown."""
    from kinerja.analisis import peringkat as ranking

    def isi(k: dasbor.Konteks, kabupaten: str | None) -> list:
        table = ranking.peringkat(k.store, k.tahun, k.bulan, kabupaten, k.skala)
        top = table[table["nilai"].notna()]
        cards = "".join([
            _kartu("perangkat daerah diperingkat", format_angka(len(top), 0), "kinerja-jumlah-diperingkat"),
            _kartu("nilai tertinggi", format_angka(top["nilai"].max(), 2) if len(top) else "–", "kinerja-nilai-atas"),
            _kartu("nilai terendah", format_angka(top["nilai"].min(), 2) if len(top) else "–", "kinerja-nilai-bawah"),
        ])
        judul = f"Peringkat perangkat daerah, Januari s.d. {nama_bulan(k.bulan)} {k.tahun}"
        return [widgets.HTML(cards),
                _kelas(widgets.HTML(_p(ranking.penjelasan())), "kinerja-penjelasan"),
                _tabel(ranking.tabel_peringkat(table, judul), "kinerja-peringkat")]

    return bingkai("peringkat", k or dasbor.konteks(),
                   lambda k: _per_kabupaten(k, "Peringkat Perangkat Daerah", lambda kab: isi(k, kab)))
