"""What every page shares around its content: the list of pages and who may see each
(``HALAMAN``), the header (links to the other pages, the choice of year and month), and the
home page (``beranda``) that links every page the visitor's role may see.

The period is chosen on the page, among the store's periods only (:func:`dasbor.periode_tersedia`),
the latest reported first; a new choice builds a new :class:`dasbor.Konteks` and the page's
content again. The period travels with the visitor: every link carries it (``?tahun=…&bulan=…``)
and a page opened with one shows it (:func:`periode_diminta`); a period the store does not hold
shows the latest with a note, never an error. The period is the only thing a page takes from its
address: the visitor is :func:`kinerja.halaman.pengunjung.pengunjung`, never the URL.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

import ipywidgets as widgets

from kinerja.core.formatting import nama_bulan
from kinerja.core.periode import ROMAWI_TRIWULAN, baca_romawi, periode_alamat
from kinerja.halaman import dasbor
from kinerja.halaman.pengunjung import PERAN, Pengunjung, pengunjung
from kinerja.halaman.widget import _kelas, _p, nama_unit, terbaru
from kinerja.render.html import render

__all__ = ["HALAMAN", "Halaman", "alamat_periode", "beranda", "bingkai", "halaman_untuk", "periode_diminta",
           "pilihan_bulan", "sebagai"]

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


def _navigasi(aktif: str, p: Pengunjung, periode: str = "") -> widgets.HTML:
    return _kelas(widgets.HTML(_html_navigasi(aktif, p, periode)), "kinerja-kepala")


def _html_navigasi(aktif: str, p: Pengunjung, periode: str) -> str:
    """The header's links, each carrying ``periode`` (a query string, "" for none)."""
    ke = (lambda berkas: f"{berkas}.ipynb?{periode}") if periode else (lambda berkas: f"{berkas}.ipynb")
    pages = [{"berkas": ke("beranda"), "judul": "Beranda", "aktif": aktif == "beranda"}]
    pages += [{"berkas": ke(h.berkas), "judul": h.judul, "aktif": h.berkas == aktif} for h in halaman_untuk(p, _folder())]
    return str(render("halaman/kepala.html.j2", halaman=pages))


def _dipanaskan() -> bool:
    """Whether this kernel was started before its page was asked for (Voila's preheat)."""
    return os.environ.get("VOILA_PREHEAT") == "True"


def alamat_periode() -> dict[str, str]:
    """``tahun``, ``bulan`` and ``triwulan`` of the address that opened this page, as given.

    Voila gives a page's kernel the request's query string in ``QUERY_STRING``. A kernel started
    ahead (preheat, the shared-token mode) knows no address and gives none: waiting for the request
    there (Voila's ``wait_for_request``) held every page's first answer for the whole notebook
    (27–31 s instead of 8 s on 2 cores), so such a page opens at the latest period. Everything else in
    the query (a token, a personal link's key) is removed from the kernel's environment.

    >>> os.environ["QUERY_STRING"] = "token=rahasia&tahun=2026&bulan=9"
    >>> alamat_periode(), os.environ["QUERY_STRING"]
    ({'tahun': '2026', 'bulan': '9'}, 'tahun=2026&bulan=9')
    >>> del os.environ["QUERY_STRING"]
    """
    if _dipanaskan():
        return {}
    os.environ.pop("VOILA_REQUEST_URL", None)
    diminta = periode_alamat(os.environ.get("QUERY_STRING", ""))
    if "QUERY_STRING" in os.environ:
        os.environ["QUERY_STRING"] = urlencode(diminta)
    return diminta


def _tahun(teks: str) -> int | None:
    return int(teks) if re.fullmatch("[0-9]{4}", teks) else None


def periode_diminta(k: dasbor.Konteks, diminta: dict[str, str] | None = None) -> tuple[dasbor.Konteks, str]:
    """``k`` for the period of the page's address (:func:`alamat_periode`, or ``diminta``) when the
    store holds it; else ``k`` and a short note (none when the address names no period).

    A year without a month is that year's latest reported month; ``triwulan`` (1–4 or I–IV) is
    the quarter's last month; a month without a year is of ``k``'s year.
    """
    diminta = alamat_periode() if diminta is None else diminta
    if not diminta:
        return k, ""
    tahun = _tahun(diminta.get("tahun", str(k.tahun)))
    if "triwulan" in diminta:
        bulan = 3 * triwulan if (triwulan := baca_romawi(diminta["triwulan"][:8], 4)) else None
    else:
        bulan = baca_romawi(diminta["bulan"][:8]) if "bulan" in diminta else 0
    periode = dasbor.periode_tersedia(k.store)
    if tahun in periode and bulan is not None and (bulan == 0 or bulan in periode[tahun]):
        return dataclasses.replace(k, tahun=tahun, bulan=bulan or periode[tahun][-1]), ""
    return k, (f"Periode pada alamat halaman ini tidak ada dalam data; yang ditampilkan periode terakhir, "
               f"s.d. {nama_bulan(k.bulan)} {k.tahun}.")


def _query(k: dasbor.Konteks) -> str:
    return urlencode({"tahun": k.tahun, "bulan": k.bulan})


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
    other pages and the period's choice; a new period builds ``isi`` again for it. The page
    opens at the period of its address (:func:`periode_diminta`), which every link carries on."""
    k, catatan = periode_diminta(k)
    tahun, bulan, periode = _pilih_periode(k)
    p = pengunjung()
    navigasi = _navigasi(aktif, p, _query(k))
    catatan_periode = _kelas(widgets.HTML(_p(catatan) if catatan else ""), "kinerja-catatan-periode")
    badan = _kelas(widgets.VBox([isi(k)], layout=widgets.Layout(max_width="100%")), "kinerja-isi")

    def atur(t: int, b: int) -> None:  # both choices, without a rebuild per choice
        tahun.unobserve(ganti, names="value")
        bulan.unobserve(ganti, names="value")
        tahun.value, bulan.options = t, pilihan_bulan(periode[t])
        bulan.value = b
        tahun.observe(ganti, names="value")
        bulan.observe(ganti, names="value")

    @terbaru
    def ganti(change=None, *, masih_terbaru) -> None:
        if change is not None and change["owner"] is tahun:
            atur(int(tahun.value), periode[tahun.value][-1])  # the latest reported month of that year
        baru = dataclasses.replace(k, tahun=int(tahun.value), bulan=int(bulan.value))
        navigasi.value = _html_navigasi(aktif, p, _query(baru))
        catatan_periode.value = ""
        badan.children = [widgets.HTML(_p("Memuat data periode yang dipilih …"))]
        content = isi(baru)
        if masih_terbaru():
            badan.children = [content]

    tahun.observe(ganti, names="value")
    bulan.observe(ganti, names="value")
    periode_box = _kelas(widgets.HBox([tahun, bulan], layout=widgets.Layout(flex_flow="row wrap", max_width="100%")),
                         "kinerja-periode")
    return widgets.VBox([navigasi, periode_box, catatan_periode, badan], layout=widgets.Layout(max_width="100%"))


def sebagai(p: Pengunjung, store) -> str:
    """Who the visitor is, as the pages say it: "untuk <unit's name (code)>" or "sebagai <role>" (the role's
    one spelling, :data:`kinerja.halaman.pengunjung.NAMA_PERAN`).

    >>> sebagai(Pengunjung("pimpinan", None), None), sebagai(Pengunjung("bappeda", None), None)
    ('sebagai Pimpinan', 'sebagai Bappeda')
    """
    if p.peran != "unit":
        return f"sebagai {p.nama_peran}"
    return f"untuk {nama_unit(store, p.unit)}"


def beranda(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """The home page: who the visitor is and one line on every page the visitor may open."""
    k = k or dasbor.konteks()
    p = pengunjung()
    diminta, catatan = periode_diminta(k)  # carried on to the pages when the address names one
    periode = _query(diminta) if alamat_periode() and not catatan else ""
    pages = [{"berkas": f"{h.berkas}.ipynb" + (f"?{periode}" if periode else ""), "judul": h.judul,
              "keterangan": h.keterangan} for h in halaman_untuk(p, _folder())]
    sapaan = f"Anda membuka halaman ini {sebagai(p, k.store)}. Pilih halaman:"
    return widgets.VBox([_navigasi("beranda", p, periode),
                         *([_kelas(widgets.HTML(_p(catatan)), "kinerja-catatan-periode")] if catatan else []),
                         _kelas(widgets.HTML(str(render("halaman/beranda.html.j2", sapaan=sapaan, halaman=pages))),
                                "kinerja-beranda")])
