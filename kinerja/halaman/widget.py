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

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from kinerja.halaman import dasbor
from kinerja.core.formatting import nama_bulan
from kinerja.render.html import render, siap
from kinerja.render.tabel import Tabel
from kinerja.core.wilayah import daftar_kabupaten, kabupaten_unit, unit_kabupaten


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    plt.close(fig)
    return buffer.getvalue()


def _kelas(widget, kelas: str):
    widget.add_class(kelas)
    return widget


def _gambar(kelas: str) -> widgets.Image:
    return _kelas(widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto")), kelas)


def tampilkan_grafik(gambar: widgets.Image, png: bytes, pesan: widgets.HTML, kosong: str) -> None:
    """Show chart ``png`` in ``gambar``, or, when there is none, hide the image (never a broken
    one) and say in ``pesan`` what is missing (``kosong``, a sentence)."""
    gambar.value = png
    gambar.layout.display = None if png else "none"
    pesan.value = "" if png else _p(kosong)


def gambar_dua_lebar(lebar: bytes, sempit: bytes, alt: str) -> str:
    """A chart as HTML: the wide PNG on a wide screen, the one laid out for a phone (narrower
    figure, larger type) on a screen under 600 px."""
    return str(render("halaman/gambar.html.j2", lebar=base64.b64encode(lebar).decode("ascii"),
                      sempit=base64.b64encode(sempit).decode("ascii"), alt=alt))


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
