"""Confirming a suspect number on a page: what ``parameters/kewajaran.yaml`` ``dikonfirmasi`` does,
done by a Bappeda or Inspektorat visitor and recorded in the store with who and when.

:func:`perlu_konfirmasi` lists the numbers flagged "perlu diverifikasi" and not yet confirmed;
:func:`konfirmasi_angka` records one, refusing a visitor whose role may not (pimpinan, a unit),
a visitor without a personal link (nobody would be named), and a number that is not flagged;
:func:`panel_konfirmasi` is the widget the Evaluasi AKIP page shows. Once recorded, the number
enters averages and its documents say "telah dikonfirmasi evaluator", as with the yaml.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_persen, format_waktu
from kinerja.halaman import dasbor
from kinerja.halaman.pengunjung import NAMA_PERAN
from kinerja.render.tabel import Tabel

__all__ = ["daftar_konfirmasi", "konfirmasi_angka", "panel_konfirmasi", "perlu_konfirmasi"]


def perlu_konfirmasi(k: dasbor.Konteks, semua: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of :func:`kinerja.halaman.dasbor.semua_indikator` flagged and not yet confirmed."""
    semua = dasbor.semua_indikator(k) if semua is None else semua
    ragu = semua[(semua["verifikasi"].map(len) > 0) & ~semua["dihitung"].astype(bool) & semua["capaian"].notna()]
    return ragu.sort_values(["nama_unit", "indikator"]).reset_index(drop=True)


def konfirmasi_angka(k: dasbor.Konteks, unit: str, indikator_kode: str, catatan: str,
                     semua: pd.DataFrame | None = None) -> str:
    """Record that ``unit``'s ``indikator_kode`` of the page's year is right; the sentence saying so.

    Raises :class:`KinerjaError` (in Indonesian) for a visitor who may not confirm, or a number
    that is not waiting for a confirmation."""
    from kinerja.store.akses import tambah_konfirmasi

    p = k.pengunjung
    if not p.boleh_konfirmasi:
        raise KinerjaError(f"peran {p.nama_peran} tidak dapat mengonfirmasi angka; hanya Bappeda atau Inspektorat")
    if not p.nama:
        raise KinerjaError("konfirmasi memerlukan tautan pribadi (kinerja akses buat) agar tercatat siapa "
                           "yang mengonfirmasi")
    ragu = perlu_konfirmasi(k, semua)
    baris = ragu[(ragu["unit_kode"] == unit) & (ragu["indikator_kode"] == indikator_kode)]
    if baris.empty:
        raise KinerjaError(f"indikator {indikator_kode} unit {unit} tahun {k.tahun} tidak sedang menunggu konfirmasi")
    waktu = tambah_konfirmasi(k.store, unit, indikator_kode, k.tahun, catatan.strip(), p.nama, p.peran)
    return (f"Angka {baris['indikator'].iloc[0]} ({baris['nama_unit'].iloc[0]}) dikonfirmasi oleh {p.nama} "
            f"pada {format_waktu(waktu)}.")


def daftar_konfirmasi(k: dasbor.Konteks) -> Tabel:
    """The confirmations made on the pages for the page's year: who, when, what and why."""
    from kinerja.store.akses import baca_konfirmasi

    rows = baca_konfirmasi(k.store, k.tahun)
    units = k.store.current("unit").set_index("kode")["nama"]
    names = k.store.current("indikator")[["unit_kode", "kode", "nama"]]
    rows = rows.merge(names, how="left", left_on=["unit_kode", "indikator_kode"], right_on=["unit_kode", "kode"])
    table = pd.DataFrame({"Unit": rows["unit_kode"].map(units).fillna(rows["unit_kode"]),
                          "Indikator": rows["nama"].fillna(rows["indikator_kode"]),
                          "Catatan": rows["catatan"].fillna(""), "Oleh": rows["oleh"],
                          "Peran": rows["peran"].map(NAMA_PERAN).fillna(rows["peran"]),
                          "Waktu": rows["waktu"].map(format_waktu)})
    return Tabel(table, judul=f"Angka yang dikonfirmasi di halaman, tahun {k.tahun}")


def _pilihan(ragu: pd.DataFrame) -> list[tuple[str, str]]:
    return [(f"{r.nama_unit} — {r.indikator} (capaian {format_persen(r.capaian)})",
             f"{r.unit_kode}\x1f{r.indikator_kode}") for r in ragu.itertuples()]


def panel_konfirmasi(k: dasbor.Konteks) -> widgets.VBox:
    """The numbers waiting for a confirmation, and for a Bappeda or Inspektorat visitor a choice
    (the chosen number written out in full below it, which a phone's dropdown cuts), a catatan and
    a button that records the confirmation; the confirmations made, below. With no number left
    waiting, the choice, the catatan and the button give way to a sentence saying so."""
    from kinerja.halaman.widget import _blok, _kelas, _lebar, _p

    semua = dasbor.semua_indikator(k)
    daftar = _kelas(widgets.HTML(_blok(daftar_konfirmasi(k))), "kinerja-daftar-konfirmasi")
    if not k.pengunjung.boleh_konfirmasi or not k.pengunjung.nama:
        return widgets.VBox([widgets.HTML(_p("Konfirmasi angka hanya dapat dilakukan oleh Bappeda atau "
                                             "Inspektorat yang membuka halaman ini dengan tautan pribadi.")),
                             daftar])
    pilih = _kelas(widgets.Dropdown(description="Angka", layout=_lebar()), "kinerja-pilih-ragu")
    terpilih = _kelas(widgets.HTML(), "kinerja-ragu-terpilih")
    catatan = _kelas(widgets.Textarea(placeholder="alasan angka ini benar (mis. dicek dengan dokumen sumber)",
                                      layout=_lebar()), "kinerja-catatan-konfirmasi")
    tombol = _kelas(widgets.Button(description="Konfirmasi angka ini"), "kinerja-tombol-konfirmasi")
    status = _kelas(widgets.HTML(), "kinerja-status-konfirmasi")

    def tunjuk(change=None) -> None:
        terpilih.value = _p(pilih.label) if pilih.value else _p(f"Tidak ada angka tahun {k.tahun} yang menunggu "
                                                                "konfirmasi.")

    def isi_pilihan() -> None:
        pilih.options = _pilihan(perlu_konfirmasi(k, semua))
        pilih.index = 0 if pilih.options else None
        for w in (pilih, catatan, tombol):
            w.layout.display = None if pilih.options else "none"
        tunjuk()

    def tekan(_=None) -> None:
        nonlocal semua
        if not pilih.value:
            return
        unit, indikator = pilih.value.split("\x1f", 1)
        try:
            pesan = konfirmasi_angka(k, unit, indikator, catatan.value, semua)
        except KinerjaError as exc:
            status.value = _p(str(exc))
            return
        semua = dasbor.semua_indikator(k)
        isi_pilihan()
        catatan.value = ""
        daftar.value = _blok(daftar_konfirmasi(k))
        status.value = _p(pesan)  # last: when it says so, the list and the choices have changed

    isi_pilihan()
    pilih.observe(tunjuk, names="value")
    tombol.on_click(tekan)
    return widgets.VBox([pilih, terpilih, catatan, tombol, status, daftar], layout=widgets.Layout(max_width="100%"))
