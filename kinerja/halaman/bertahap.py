"""A page's chart redrawn in two steps, so that a choice shows its chart at once.

A chart on a page comes in two layouts (:func:`kinerja.halaman.widget.grafik_dua_lebar`): the
wide one, and one re-laid for a phone. Drawing each takes about as long as the other, and
together they were most of a unit change on Perangkat Daerah (issue 25: ≤ 300 ms). Here the
wide layout is sent first, standing in for both (a phone scales it down for the moment), and the
phone's layout follows with :meth:`GrafikBertahap.selesai`, which a page calls once the rest of
its update (tables, sentences) is sent. Each image's ``data-huruf`` always says the size of the
text it shows.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from kinerja.halaman.widget import (_huruf_terkecil, _simpan, _untuk_ponsel, gambar_dua_lebar,
                                    tampilkan_grafik)

__all__ = ["GrafikBertahap"]


class GrafikBertahap:
    """The chart's place ``tempat`` (a :func:`kinerja.halaman.widget._gambar_ponsel`) and the
    sentence ``pesan`` shown instead when there is no chart."""

    def __init__(self, tempat: widgets.HTML, pesan: widgets.HTML):
        self.tempat, self.pesan = tempat, pesan
        self._tunda: tuple[Figure, bytes, float] | None = None

    def tampilkan(self, fig: Figure | None, kosong: str, tunda: bool = False) -> None:
        """Show ``fig`` (its wide layout), or hide the chart and say ``kosong`` when None; the
        phone's layout at once, unless ``tunda``: then at :meth:`selesai`."""
        self._buang()
        if fig is None:
            tampilkan_grafik(self.tempat, None, self.pesan, kosong)
            return
        lebar, huruf = _simpan(fig), _huruf_terkecil(fig)
        self.tempat.value = gambar_dua_lebar(lebar, lebar, getattr(fig, "judul", ""), (huruf, huruf))
        self.tempat.layout.display = None
        self.pesan.value = ""
        self._tunda = (fig, lebar, huruf)
        if not tunda:
            self.selesai()

    def selesai(self) -> None:
        """Draw the phone's layout of the chart last shown, if it waits."""
        if self._tunda is None:
            return
        fig, lebar, huruf = self._tunda
        self._tunda = None
        _untuk_ponsel(fig)
        sempit, huruf_sempit = _simpan(fig), _huruf_terkecil(fig)
        plt.close(fig)
        self.tempat.value = gambar_dua_lebar(lebar, sempit, getattr(fig, "judul", ""), (huruf, huruf_sempit))

    def _buang(self) -> None:
        """Drop a phone layout still waiting: a newer chart replaces it."""
        if self._tunda is not None:
            plt.close(self._tunda[0])
            self._tunda = None
