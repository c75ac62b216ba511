"""What every page shares around its content: the list of pages and who may see each
(``HALAMAN``), the header (links to the other pages, the choice of year and month), and the
home page (``beranda``) that links every page the visitor's role may see.

The period is chosen on the page, among the store's periods only (:func:`dasbor.periode_tersedia`),
the latest reported first; a new choice builds a new :class:`dasbor.Konteks` and the page's
content again. The visitor is :func:`kinerja.halaman.pengunjung.pengunjung`, never the URL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import ipywidgets as widgets

from kinerja.core.formatting import nama_bulan
from kinerja.core.periode import ROMAWI_TRIWULAN
from kinerja.halaman import dasbor
from kinerja.halaman.pengunjung import PERAN, Pengunjung, pengunjung
from kinerja.halaman.widget import _kelas, _p, terbaru
from kinerja.render.html import render

__all__ = ["HALAMAN", "Halaman", "beranda", "bingkai", "halaman_untuk", "pilihan_bulan"]

_SEMUA = PERAN  # the roles of kinerja.halaman.pengunjung, one list
_PEMDA = tuple(p for p in PERAN if p != "unit")


class Halaman(NamedTuple):
    """A page: its notebook's name, title, what it is for (one line) and the roles that see it."""

    berkas: str
    judul: str
    keterangan: str
    peran: tuple[str, ...]


HALAMAN: tuple[Halaman, ...] = (
    Halaman("ringkasan_kabupaten", "Ringkasan Kabupaten",
            "seluruh perangkat daerah sekilas: capaian, kesenjangan terbesar dan sebabnya, peringatan dini.", _PEMDA),
    Halaman("perangkat_daerah", "Perangkat Daerah",
            "indikator satu perangkat daerah, grafik bulanan, analisis dan laporan untuk diunduh.", _SEMUA),
    Halaman("tren", "Tren", "realisasi beberapa tahun dibanding target Renstra/RPJMD.", _SEMUA),
    Halaman("peringkat", "Peringkat", "perangkat daerah diperingkat menurut nilai gabungan beserta komponennya.",
            _PEMDA),
    Halaman("pohon_kinerja", "Pohon Kinerja",
            "sasaran kabupaten dan sasaran perangkat daerah di bawahnya, dengan temuan keselarasan.", _PEMDA),
    Halaman("evaluasi_akip", "Evaluasi AKIP",
            "jawaban Lembar Kerja Evaluasi, Nilai AKIP, predikat dan rekomendasi yang belum ditindaklanjuti.", _PEMDA),
    Halaman("kirim_formulir", "Kirim Formulir",
            "unggah formulir isian, lihat hasil pemeriksaannya, dan unduh tanda terimanya.",
            ("unit", "bappeda", "inspektorat")),
)


def halaman_untuk(p: Pengunjung, folder: Path | None = None) -> list[Halaman]:
    """The pages visitor ``p`` may open (those whose notebook is in ``folder``, when given).

    >>> [h.berkas for h in halaman_untuk(Pengunjung("unit", "dinkes"))]
    ['perangkat_daerah', 'tren', 'kirim_formulir']
    >>> "kirim_formulir" in [h.berkas for h in halaman_untuk(Pengunjung("pimpinan", None))]
    False
    """
    return [h for h in HALAMAN if p.peran in h.peran and (folder is None or (folder / f"{h.berkas}.ipynb").is_file())]


def _folder() -> Path | None:
    """The served pages' folder: the kernel's working folder (Voila starts it beside the page)."""
    here = Path.cwd()
    return here if (here / "beranda.ipynb").is_file() else None


def pilihan_bulan(bulan: list[int]) -> list[tuple[str, int]]:
    """The month choices of a year: "s.d. Maret (Triwulan I)" at a quarter's end.

    >>> pilihan_bulan([2, 3])
    [('s.d. Februari', 2), ('s.d. Maret (Triwulan I)', 3)]
    """
    return [(f"s.d. {nama_bulan(b)}" + (f" (Triwulan {ROMAWI_TRIWULAN[b // 3 - 1]})" if b % 3 == 0 else ""), b)
            for b in bulan]


def _navigasi(aktif: str, p: Pengunjung) -> widgets.HTML:
    pages = [{"berkas": "beranda.ipynb", "judul": "Beranda", "aktif": aktif == "beranda"}]
    pages += [{"berkas": f"{h.berkas}.ipynb", "judul": h.judul, "aktif": h.berkas == aktif}
              for h in halaman_untuk(p, _folder())]
    return _kelas(widgets.HTML(str(render("halaman/kepala.html.j2", halaman=pages))), "kinerja-kepala")


def _pilih_periode(k: dasbor.Konteks) -> tuple[widgets.Dropdown, widgets.Dropdown, dict[int, list[int]]]:
    periode = dasbor.periode_tersedia(k.store)
    periode.setdefault(k.tahun, [k.bulan])
    if k.bulan not in periode[k.tahun]:
        periode[k.tahun] = sorted({*periode[k.tahun], k.bulan})
    lebar = widgets.Layout(width="auto", max_width="100%")
    tahun = _kelas(widgets.Dropdown(options=[(str(t), t) for t in sorted(periode, reverse=True)], value=k.tahun,
                                    description="Tahun", layout=lebar), "kinerja-pilih-tahun")
    bulan = _kelas(widgets.Dropdown(options=pilihan_bulan(periode[k.tahun]), value=k.bulan, description="Data",
                                    layout=lebar), "kinerja-pilih-bulan")
    return tahun, bulan, periode


def bingkai(aktif: str, k: dasbor.Konteks, isi: Callable[[dasbor.Konteks], widgets.Widget]) -> widgets.VBox:
    """Page ``aktif`` (a notebook's name) with the shared header above ``isi(k)``: links to the
    other pages and the period's choice; a new period builds ``isi`` again for it."""
    tahun, bulan, periode = _pilih_periode(k)
    badan = _kelas(widgets.VBox([isi(k)], layout=widgets.Layout(max_width="100%")), "kinerja-isi")

    @terbaru
    def ganti(change=None, *, masih_terbaru) -> None:
        if change is not None and change["owner"] is tahun:
            bulan.unobserve(ganti, names="value")
            bulan.options = pilihan_bulan(periode[tahun.value])
            bulan.value = periode[tahun.value][-1]  # the latest reported month of that year
            bulan.observe(ganti, names="value")
        badan.children = [widgets.HTML(_p("Memuat data periode yang dipilih …"))]
        content = isi(dataclasses.replace(k, tahun=int(tahun.value), bulan=int(bulan.value)))
        if masih_terbaru():
            badan.children = [content]

    tahun.observe(ganti, names="value")
    bulan.observe(ganti, names="value")
    periode_box = _kelas(widgets.HBox([tahun, bulan], layout=widgets.Layout(flex_flow="row wrap", max_width="100%")),
                         "kinerja-periode")
    return widgets.VBox([_navigasi(aktif, pengunjung()), periode_box, badan], layout=widgets.Layout(max_width="100%"))


def beranda(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """The home page: who the visitor is and one line on every page the visitor may open."""
    k = k or dasbor.konteks()
    p = pengunjung()
    pages = [{"berkas": f"{h.berkas}.ipynb", "judul": h.judul, "keterangan": h.keterangan}
             for h in halaman_untuk(p, _folder())]
    if p.peran == "unit":
        nama = k.store.current("unit").set_index("kode")["nama"].get(p.unit, p.unit)
        sapaan = f"Anda membuka halaman ini untuk {nama}. Pilih halaman:"
    else:
        sapaan = {"bappeda": "Anda membuka halaman ini sebagai Bappeda.",
                  "inspektorat": "Anda membuka halaman ini sebagai Inspektorat.",
                  "pimpinan": "Anda membuka halaman ini sebagai pimpinan."}[p.peran] + " Pilih halaman:"
    return widgets.VBox([_navigasi("beranda", p),
                         _kelas(widgets.HTML(str(render("halaman/beranda.html.j2", sapaan=sapaan, halaman=pages))),
                                "kinerja-beranda")])
