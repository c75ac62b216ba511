"""The Ringkasan Kinerja Kabupaten page: every perangkat daerah at a glance (cards, the
largest gaps and their causes, early warnings, numbers to verify, differences between
levels, capaian against penyerapan, predikat per month), then one perangkat daerah's
indicators; in a store of several kabupaten, a choice of kabupaten and a view of all.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.halaman import dasbor
from kinerja.render import grafik
from kinerja.dokumen.bagian import tabel_antartingkat, tabel_peringatan_dini
from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import format_angka, format_persen, nama_bulan
from kinerja.render.tabel import Tabel
from kinerja.dokumen.narasi.sebab import sebab_kesenjangan
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.widget import (_blok, _h3, _huruf_terkecil, _kartu, _kelas, _p, _per_kabupaten, _pilihan_unit,
                                    _png, _tabel, gambar_dua_lebar, terbaru)

__all__ = ["ringkasan_kabupaten"]


def ringkasan_kabupaten(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Every perangkat daerah at a glance; choose one to see its indicators. A store that
    holds several kabupaten (a province) gets a choice of kabupaten first, and a view of
    all of them together."""
    k = k or dasbor.konteks()

    def isi(k: dasbor.Konteks) -> widgets.VBox:
        semua = dasbor.semua_indikator(k) if k.pengunjung.semua_unit else None  # else refused below
        return _per_kabupaten(k, "Ringkasan Kinerja Kabupaten", lambda kab: _isi_ringkasan(k, semua, kab))

    return bingkai("ringkasan_kabupaten", k, isi)


def _isi_ringkasan(k: dasbor.Konteks, semua: pd.DataFrame, kabupaten: str | None) -> list:
    """The Ringkasan page's content for one kabupaten (or all, with a Kabupaten column)."""
    units = k.store.current("unit")
    banyak = kabupaten is None and (units["jenis"] == "kabupaten").sum() > 1
    if kabupaten is not None:
        semua = semua[semua["kabupaten"] == kabupaten]
    r = dasbor.ringkasan_kabupaten(k, kabupaten, kum=semua)  # the indicators read once for the page
    sendiri = analisis.ringkasan_unit(k.store, k.tahun, k.bulan, k.skala, jenis=("kabupaten",), kum=semua,
                                      kabupaten=kabupaten)
    per = dasbor.per_kabupaten(r, units, sendiri)
    dini = dasbor.peringatan_dini(k, kabupaten)
    cards = _kartu_ringkasan(k, r, per, sendiri, dini, banyak)
    styled = _tabel_perangkat_daerah(k, r, units, banyak)
    peta = _peta(k, per, kabupaten, banyak)
    kuadran = _kuadran(r)
    gap_table = _tabel_kesenjangan(k, semua)
    ragu_table = _tabel_verifikasi(semua)

    beda = analisis.beda_tingkat(semua, units)
    beda_table = tabel_antartingkat(beda, f"s.d. {nama_bulan(k.bulan)} {k.tahun}")

    pilih, detail = _lihat_perangkat_daerah(k, semua, kabupaten)
    return [
        # The cards, the unit picker and who is off track and why on the first screen; the rest below.
        widgets.HTML(cards),
        _h3("Lihat satu perangkat daerah"), pilih, detail,
        _h3("Kesenjangan terbesar dan sebabnya"), _tabel(gap_table, "kinerja-kesenjangan"),
        _h3("Peringatan dini: indikator yang diproyeksikan tidak mencapai target tahunan"),
        _tabel(tabel_peringatan_dini(dini, f"Proyeksi akhir tahun {k.tahun} dari data s.d. "
                                             f"{nama_bulan(k.bulan)}", dengan_unit=True), "kinerja-peringatan-dini"),
        _h3("Angka yang perlu diverifikasi (tidak ikut dirata-ratakan)"),
        _tabel(ragu_table, "kinerja-verifikasi"),
        *([_h3("Beda antartingkat"), _tabel(beda_table, "kinerja-antartingkat")]
          if beda_table is not None else []),
        _h3("Capaian dan penyerapan per perangkat daerah"), _tabel(styled, "kinerja-tabel-pd"),
        _h3("Per kabupaten" if banyak else "Predikat per bulan"), peta,
        _h3("Capaian dibanding penyerapan anggaran"), *kuadran,
    ]


def _kartu_ringkasan(k: dasbor.Konteks, r: pd.DataFrame, per: pd.DataFrame, sendiri: pd.DataFrame,
                     dini: pd.DataFrame, banyak: bool) -> str:
    """The cards at the top: how many perangkat daerah, their capaian (a province: the mean
    of its kabupaten), how many below target, penyerapan, late CRAAPK, early warnings."""
    measured = r[r["capaian"].notna()]
    late = (r["kepatuhan"] == "terlambat").sum()
    missing = (r["kepatuhan"] == "belum menyampaikan").sum()
    if banyak:  # a province: the kabupaten's roll-ups side by side (table below), their mean here
        capaian = [_kartu(f"rata-rata capaian gabungan {len(per)} kabupaten s.d. {nama_bulan(k.bulan)}",
                          format_persen(per["capaian"].mean()), "kinerja-rata-capaian")]
    else:
        capaian = [_kartu(f"capaian gabungan perangkat daerah s.d. {nama_bulan(k.bulan)}",
                          format_persen(per["capaian"].iloc[0] if len(per) else float("nan")), "kinerja-rata-capaian"),
                   _kartu("capaian indikator kabupaten sendiri (IKU)",
                          format_persen(sendiri["capaian"].iloc[0] if len(sendiri) else float("nan")),
                          "kinerja-capaian-iku")]
    return "".join([
        _kartu("perangkat daerah", format_angka(len(r), 0), "kinerja-jumlah-pd"),
        *capaian,
        _kartu("perangkat daerah di bawah target", format_angka(int((measured["capaian"].notna() & ~memenuhi_target(measured["capaian"])).sum()), 0),
               "kinerja-di-bawah"),
        _kartu("penyerapan anggaran seluruh PD (Σ realisasi ÷ Σ pagu)",
               format_persen(analisis.penyerapan_total(r)[0]), "kinerja-penyerapan"),
        _kartu(f"CRAAPK {nama_bulan(k.bulan)} terlambat / belum", f"{late} / {missing}", "kinerja-kepatuhan"),
        _kartu("indikator diproyeksikan tidak mencapai target tahunan", format_angka(len(dini), 0),
               "kinerja-jumlah-dini"),
    ])


def _tabel_perangkat_daerah(k: dasbor.Konteks, r: pd.DataFrame, units: pd.DataFrame, banyak: bool) -> Tabel:
    """Capaian and penyerapan per perangkat daerah (a province: with its Kabupaten)."""
    table = pd.DataFrame({**({"Kabupaten": r["kabupaten"].map(units.set_index("kode")["nama"])} if banyak else {}),
                          "Perangkat Daerah": r["nama"], "Indikator": r["indikator"], "Capaian (%)": r["capaian"],
                          "Predikat": r["predikat"], "Penyerapan (%)": r["penyerapan"],
                          "Rencana penyerapan (%)": r["rencana_penyerapan"], "Kuadran": r["kuadran"],
                          "CRAAPK bulan ini": r["kepatuhan"]})
    return Tabel(table, {"Capaian (%)": "angka", "Penyerapan (%)": "angka",
                                          "Rencana penyerapan (%)": "angka"}, "Predikat", k.skala)


def _peta(k: dasbor.Konteks, per: pd.DataFrame, kabupaten: str | None, banyak: bool) -> widgets.DOMWidget:
    """The predikat of every perangkat daerah per month as a heat map; a province gets a
    table of one row per kabupaten instead."""
    if banyak:  # a province: one row per kabupaten instead of a heat map of every perangkat daerah
        return _tabel(Tabel(pd.DataFrame({
            "Kabupaten": per["nama"], "Perangkat daerah": per["perangkat_daerah"],
            "Capaian gabungan PD (%)": per["capaian"], "Capaian IKU kabupaten (%)": per["capaian_iku"],
            "Penyerapan (%)": per["penyerapan"], "CRAAPK terlambat": per["terlambat"], "CRAAPK belum": per["belum"]}),
            {"Capaian gabungan PD (%)": "angka", "Capaian IKU kabupaten (%)": "angka", "Penyerapan (%)": "angka",
             "Perangkat daerah": "bulat",
             "CRAAPK terlambat": "bulat", "CRAAPK belum": "bulat"}), "kinerja-per-kabupaten")
    return _kelas(widgets.HTML(_peta_dua_lebar(dasbor.peta_predikat(k, kabupaten), k), layout=widgets.Layout(
        max_width="100%")), "kinerja-peta")


def _peta_dua_lebar(peta: pd.DataFrame, k: dasbor.Konteks) -> str:
    """The predikat grid drawn twice: wide, and for a phone (names on their own lines, larger
    type), each image saying its smallest text (:func:`kinerja.halaman.widget.gambar_dua_lebar`)."""
    figures = [grafik.grafik_peta_predikat(peta, k.skala), grafik.grafik_peta_predikat(peta, k.skala, lebar=4.2,
                                                                                          huruf=10)]
    huruf = tuple(_huruf_terkecil(f) for f in figures)
    return gambar_dua_lebar(*(_png(f) for f in figures), "Predikat capaian per bulan per perangkat daerah", huruf)


def _tabel_kesenjangan(k: dasbor.Konteks, semua: pd.DataFrame) -> Tabel:
    """The ten largest gaps of perangkat daerah indicators, with the causes their units gave."""
    gaps = dasbor.kesenjangan(k, data=semua[semua["jenis_unit"] == "perangkat_daerah"], n=10)
    # The unit's faktor penghambat (a gap's cause is never a pendukung), not its notes on
    # months it did not report (those are in Catatan).
    why = [sebab_kesenjangan([k_ for k_ in ket if k_ not in kosong]) or "belum ada faktor penghambat dari perangkat daerah"
           for ket, kosong in zip(gaps["keterangan"], gaps["keterangan_kosong"])]
    return Tabel(pd.DataFrame({
        "Perangkat Daerah": gaps["nama_unit"], "Indikator Kinerja": gaps["indikator"], "Capaian (%)": gaps["capaian"],
        "Kesenjangan (poin)": gaps["kesenjangan"], "Predikat": gaps["predikat"], "Sebab (faktor penghambat)": why,
        "Catatan": gaps["catatan_periode"]}),
        {"Capaian (%)": "angka", "Kesenjangan (poin)": "angka"}, "Predikat", k.skala)


def _kuadran(r: pd.DataFrame) -> list:
    """The chart of capaian against penyerapan, each point numbered, and the table that names
    the numbers (labels never overlap or get cut); or the sentence saying why there is none."""
    known = r.dropna(subset=["capaian", "penyerapan", "rencana_penyerapan"]).sort_values("nama").reset_index(drop=True)
    if known.empty:
        return [_kelas(widgets.HTML(_p("Grafik capaian dibanding penyerapan belum dapat dibuat: belum ada perangkat "
                                       "daerah dengan capaian dan penyerapan anggaran s.d. bulan ini.")),
                       "kinerja-kuadran-kosong")]
    nomor = [str(i) for i in range(1, len(known) + 1)]
    html = gambar_dua_lebar(_png(grafik.grafik_kuadran(known, label=nomor)),
                            _png(grafik.grafik_kuadran(known, label=nomor, lebar=4.6, huruf=10)),
                            "Capaian kinerja dan penyerapan anggaran per perangkat daerah")
    daftar = Tabel(pd.DataFrame({"No.": nomor, "Perangkat Daerah": known["nama"], "Capaian (%)": known["capaian"],
                                 "Penyerapan − rencana (poin)": known["penyerapan"] - known["rencana_penyerapan"],
                                 "Kuadran": known["kuadran"]}),
                   {"Capaian (%)": "angka", "Penyerapan − rencana (poin)": "angka"})
    return [_kelas(widgets.HTML(html), "kinerja-kuadran"), _tabel(daftar, "kinerja-kuadran-daftar")]


def _tabel_verifikasi(semua: pd.DataFrame) -> Tabel:
    """Perangkat daerah numbers to verify, left out of the means."""
    ragu = semua[(semua["verifikasi"].map(len) > 0) & ~semua["dihitung"].astype(bool)
                 & (semua["jenis_unit"] == "perangkat_daerah")]
    return Tabel(pd.DataFrame({"Perangkat Daerah": ragu["nama_unit"], "Indikator Kinerja": ragu["indikator"],
                               "Capaian (%)": ragu["capaian"], "Catatan": ragu["catatan_periode"]}),
                 {"Capaian (%)": "angka"})


def _lihat_perangkat_daerah(k: dasbor.Konteks, semua: pd.DataFrame,
                            kabupaten: str | None) -> tuple[widgets.Dropdown, widgets.HTML]:
    """A perangkat daerah picker and the table of the chosen unit's indicators."""
    pilih = _pilihan_unit(k, ("perangkat_daerah",), kosong=True, kabupaten=kabupaten)
    detail = _kelas(widgets.HTML(), "kinerja-detail")

    @terbaru
    def show(change=None, *, masih_terbaru) -> None:
        unit = pilih.value
        if not unit:
            detail.value = _p("Pilih perangkat daerah untuk melihat indikatornya.")
            return
        rows = semua[semua["unit_kode"] == unit]
        html = _blok(_tabel_indikator(rows, k))
        if masih_terbaru() and unit == pilih.value:  # only the latest choice draws
            detail.value = html

    pilih.observe(show, names="value")
    show()
    return pilih, detail


def _tabel_indikator(data: pd.DataFrame, k: dasbor.Konteks):
    shown = pd.DataFrame({"Sasaran": data["sasaran"], "Indikator Kinerja": data["indikator"], "Satuan": data["satuan"],
                          "Target s.d. bulan ini": data["target"], "Realisasi s.d. bulan ini": data["realisasi"],
                          "Capaian (%)": data["capaian"], "Predikat": data["predikat"],
                          "Catatan": data["catatan_periode"]})
    return Tabel(shown, {"Capaian (%)": "angka", "Target s.d. bulan ini": "nilai", "Realisasi s.d. bulan ini": "nilai"},
                 "Predikat", k.skala)
