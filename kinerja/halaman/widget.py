"""What the Voila pages share: the widget helpers (a CSS class on a widget, a chart as an
image, a dropdown refilled without firing twice), the HTML fragments rendered from
``kinerja/render/templat/halaman/`` (cards, table blocks, messages, headings, lists, the
page title), the unit picker and the choice of kabupaten in a store of several.

Widgets carry ``kinerja-…`` CSS classes that the browser tests use.
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
import textwrap

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text

from kinerja.halaman import dasbor
from kinerja.core.formatting import nama_bulan
from kinerja.render.html import render, siap
from kinerja.render.tabel import Tabel
from kinerja.core.wilayah import daftar_kabupaten, kabupaten_unit, unit_kabupaten


def _png(fig: Figure) -> bytes:
    png = _simpan(fig)
    plt.close(fig)
    return png


def _simpan(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


def _huruf_terkecil(fig: Figure) -> float:
    """The size in pixels (at the PNG's 96 dpi) of the smallest text ``fig`` shows."""
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return round(min(sizes, default=0) * 96 / 72, 1)


_HP_LEBAR, _HP_HURUF = 4.2, 1.2  # a phone's chart: 4.2 in (403 px at 96 dpi) wide, every text 1.2 times larger


def _untuk_ponsel(fig: Figure) -> None:
    """``fig`` re-laid for a phone's width: narrower and a little taller, every text but the
    title larger, the title wrapped again to the new width, the legend under the chart in two
    columns."""
    lebar, tinggi = fig.get_size_inches()
    fig.set_size_inches(_HP_LEBAR, max(tinggi + 0.6, _HP_LEBAR * 0.8))
    for ax in fig.axes:
        judul = ax.get_title().replace("\n", " ")
        ax.set_title(textwrap.fill(judul, width=int(_HP_LEBAR * 9)))  # the title keeps its size
        for sumbu, nama in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if ticks := sumbu.get_major_ticks():
                ax.tick_params(axis=nama, labelsize=ticks[0].label1.get_fontsize() * _HP_HURUF)
        if len(ax.get_xticks()) > 7:  # twelve months side by side would run into each other
            ax.tick_params(axis="x", labelrotation=90)
        for label in (ax.xaxis.label, ax.yaxis.label, *ax.texts):
            label.set_fontsize(label.get_fontsize() * _HP_HURUF)
        if (legenda := ax.get_legend()) is not None:
            teks = [t.get_text() for t in legenda.get_texts()]
            ukuran = legenda.get_texts()[0].get_fontsize() * _HP_HURUF
            legenda.remove()
            fig.legend(legenda.legend_handles, teks, loc="outside lower center", ncol=min(2, len(teks)),
                       fontsize=ukuran, frameon=False)


def grafik_dua_lebar(fig: Figure) -> str:
    """Chart ``fig`` as HTML in two layouts (:func:`gambar_dua_lebar`): as drawn, and re-laid for
    a phone (:func:`_untuk_ponsel`), so its text stays readable when the phone scales it down.
    Each image says the size of its smallest text (``data-huruf``, pixels at natural size)."""
    lebar, huruf_lebar = _simpan(fig), _huruf_terkecil(fig)
    _untuk_ponsel(fig)
    sempit, huruf_sempit = _simpan(fig), _huruf_terkecil(fig)
    plt.close(fig)
    return gambar_dua_lebar(lebar, sempit, getattr(fig, "judul", ""), (huruf_lebar, huruf_sempit))


def _kelas(widget, kelas: str):
    widget.add_class(kelas)
    return widget


def _gambar(kelas: str) -> widgets.Image:
    return _kelas(widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto")), kelas)


def _gambar_ponsel(kelas: str) -> widgets.HTML:
    """A chart's place that shows it in two layouts (:func:`grafik_dua_lebar`), one for a phone."""
    return _kelas(widgets.HTML(layout=widgets.Layout(max_width="100%")), kelas)


def tampilkan_grafik(gambar: widgets.Image | widgets.HTML, png: bytes | Figure | None, pesan: widgets.HTML,
                     kosong: str) -> None:
    """Show chart ``png`` in ``gambar`` (a PNG in an image, a figure in a :func:`_gambar_ponsel`),
    or, when there is none, hide the image (never a broken one) and say in ``pesan`` what is
    missing (``kosong``, a sentence)."""
    ada = png is not None and (isinstance(png, Figure) or len(png) > 0)
    if isinstance(gambar, widgets.HTML):
        gambar.value = grafik_dua_lebar(png) if ada else ""
    else:
        gambar.value = png if ada else b""
    gambar.layout.display = None if ada else "none"
    pesan.value = "" if ada else _p(kosong)


def gambar_dua_lebar(lebar: bytes, sempit: bytes, alt: str, huruf: tuple[float, float] | None = None) -> str:
    """A chart as HTML: the wide PNG on a wide screen, the one laid out for a phone (narrower
    figure, larger type) on a screen under 600 px; ``huruf``: each one's smallest text in pixels."""
    return str(render("halaman/gambar.html.j2", lebar=base64.b64encode(lebar).decode("ascii"),
                      sempit=base64.b64encode(sempit).decode("ascii"), alt=alt, huruf=huruf))


def _lebar(lebar: str = "620px") -> widgets.Layout:
    """A picker's layout: as wide as ``lebar`` on a wide screen, never wider than the page."""
    return widgets.Layout(width="100%", max_width=lebar)


def _pilihan(deskripsi: str, kelas: str, lebar: str = "620px") -> widgets.Dropdown:
    return _kelas(widgets.Dropdown(description=deskripsi, layout=_lebar(lebar)), kelas)


def terbaru(handler):
    """``handler(change, masih_terbaru=…)`` numbered per call: ``masih_terbaru()`` is False once a
    later call has begun, so a slow draw for an earlier choice never overwrites a newer one."""
    nomor = itertools.count(1)
    terakhir = [0]

    @functools.wraps(handler)
    def panggil(change=None):
        ini = terakhir[0] = next(nomor)
        return handler(change, masih_terbaru=lambda: terakhir[0] == ini)

    return panggil


def _ganti_pilihan(dropdown: widgets.Dropdown, options: list, value, handler) -> None:
    """New options and value without firing ``handler`` twice; then call it once."""
    dropdown.unobserve(handler, names="value")
    dropdown.options = options
    dropdown.value = value
    dropdown.observe(handler, names="value")
    handler()


# The pages' HTML comes from the templates in kinerja/render/templat/halaman/ (autoescaped).
def _kartu(label: str, angka: str, kelas: str = "") -> str:
    return str(render("halaman/kartu.html.j2", kartu=[{"label": label, "angka": angka, "kelas": kelas}]))


def _blok(*tabel: Tabel, kelas: str = "", pengantar: str = "", catatan: str = "") -> str:
    """Tables (escaped by :meth:`Tabel.html`) in styled blocks, with a sentence before or after."""
    return str(render("halaman/tabel.html.j2", tabel=[siap(t.html()) for t in tabel], kelas=kelas,
                      pengantar=pengantar, catatan=catatan))


def _p(teks: str, kode: str = "", sesudah: str = "") -> str:
    """A message paragraph, with an optional command or path in ``<code>`` and text after it."""
    return str(render("halaman/pesan.html.j2", teks=teks, kode=kode, sesudah=sesudah))


def _h3(teks: str) -> widgets.HTML:
    return widgets.HTML(str(render("halaman/subjudul.html.j2", teks=teks)))


def _daftar(butir) -> str:
    return str(render("halaman/daftar.html.j2", butir=list(butir)))


def _tabel(tabel: Tabel, kelas: str) -> widgets.HTML:
    return _kelas(widgets.HTML(_blok(tabel)), kelas)


def _judul(teks: str, k: dasbor.Konteks) -> widgets.HTML:
    return widgets.HTML(str(render("halaman/judul.html.j2", teks=teks, bulan=nama_bulan(k.bulan), tahun=k.tahun,
                                   skala=k.skala.nama)))


def _pilihan_unit(k: dasbor.Konteks, jenis=("kabupaten", "perangkat_daerah"), kosong: bool = False,
                  kabupaten: str | None = None) -> widgets.Dropdown:
    """A unit picker; in a store of several kabupaten each name says its kabupaten
    (``kabupaten`` limits the list to one)."""
    semua = k.store.current("unit")
    units = unit_kabupaten(semua, kabupaten)
    units = units[units["jenis"].isin(jenis)].sort_values(["jenis", "nama"])
    names = units["nama"]
    if kabupaten is None and (semua["jenis"] == "kabupaten").sum() > 1:
        kab_nama = units["kode"].map(kabupaten_unit(semua)).map(semua.set_index("kode")["nama"])
        names = np.where(units["jenis"] == "kabupaten", names,
                         names + " — " + kab_nama.fillna("").str.removeprefix("Pemerintah ").to_numpy())
    options = [(n, c) for n, c in zip(names, units["kode"])]
    if kosong:
        options = [("— pilih perangkat daerah —", "")] + options
    return _kelas(widgets.Dropdown(options=options, description="Unit", layout=_lebar("520px")),
                  "kinerja-pilih-unit")


def nama_unit(store, kode: str | None) -> str:
    """A unit as the pages name it: its name and, in brackets, its code ("–" for none)."""
    if not kode:
        return "–"
    nama = store.current("unit").set_index("kode")["nama"].get(kode)
    return f"{nama} ({kode})" if isinstance(nama, str) and nama else kode


def _ditolak(k: dasbor.Konteks, judul: str) -> widgets.VBox | None:
    """The page ``judul`` of every unit as a ``unit`` visitor gets it: its title and one sentence
    saying why not (:func:`kinerja.halaman.dasbor.penolakan`); None for a visitor who may see it."""
    alasan = dasbor.penolakan(k, judul)
    return widgets.VBox([_judul(judul, k), _kelas(widgets.HTML(_p(alasan)), "kinerja-ditolak")]) if alasan else None


def _per_kabupaten(k: dasbor.Konteks, judul: str, isi_untuk, semua: bool = True) -> widgets.VBox:
    """A page whose content ``isi_untuk(kabupaten)`` is for one kabupaten: in a store of
    several, a choice of kabupaten first ("Semua kabupaten": ``None``, unless ``semua`` is
    False: then the first kabupaten is shown first). A kabupaten's page holds every unit: a
    ``unit`` visitor gets :func:`_ditolak` instead."""
    if (tolak := _ditolak(k, judul)) is not None:
        return tolak
    kab = daftar_kabupaten(k.store.current("unit"))
    if len(kab) <= 1:
        return widgets.VBox([_judul(judul, k), *isi_untuk(None)])
    options = ([("Semua kabupaten", "")] if semua else []) + list(zip(kab["nama"], kab["kode"]))
    pilih = _kelas(widgets.Dropdown(options=options, description="Kabupaten", layout=_lebar("520px")),
                   "kinerja-pilih-kabupaten")
    isi = widgets.VBox(isi_untuk(None if semua else options[0][1]))
    pilih.observe(lambda change: setattr(isi, "children", isi_untuk(change["new"] or None)), names="value")
    return widgets.VBox([_judul(judul, k), pilih, isi])
