"""The Voila pages and the evaluator's explorer: ipywidgets wired to :mod:`kinerja.halaman.dasbor`.

Each page function builds its widgets from data computed once for every unit, so a
selection only filters tables and redraws one figure. Choices come from the store
(units, indicators) or fixed lists; nothing typed or taken from the URL becomes a path,
SQL or code. Widgets carry ``kinerja-…`` CSS classes that the browser tests use.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kinerja.analisis import dari_store as analisis
from kinerja.halaman import dasbor
from kinerja.render import grafik
from kinerja.dokumen.bagian import tabel_antartingkat, tabel_peringatan_dini
from kinerja.dokumen.craapk import craapk_dari_data
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import format_angka, format_persen, nama_bulan
from kinerja.render.html import render, siap
from kinerja.render.tabel import Tabel
from kinerja.core.wilayah import daftar_kabupaten, kabupaten_unit, unit_kabupaten

__all__ = ["penjelajah", "perangkat_daerah", "peringkat", "pohon_kinerja", "ringkasan_kabupaten", "tren"]


_MIME = {".pdf": "application/pdf", ".html": "text/html",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    plt.close(fig)
    return buffer.getvalue()


def _kelas(widget, kelas: str):
    widget.add_class(kelas)
    return widget


def _gambar(kelas: str) -> widgets.Image:
    return _kelas(widgets.Image(format="png", layout=widgets.Layout(max_width="100%")), kelas)


def _pilihan(deskripsi: str, kelas: str, lebar: str = "620px") -> widgets.Dropdown:
    return _kelas(widgets.Dropdown(description=deskripsi, layout=widgets.Layout(width=lebar)), kelas)


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
    return _kelas(widgets.Dropdown(options=options, description="Unit", layout=widgets.Layout(width="520px")),
                  "kinerja-pilih-unit")


def _tabel_indikator(data: pd.DataFrame, k: dasbor.Konteks):
    shown = pd.DataFrame({"Sasaran": data["sasaran"], "Indikator Kinerja": data["indikator"], "Satuan": data["satuan"],
                          "Target s.d. bulan ini": data["target"], "Realisasi s.d. bulan ini": data["realisasi"],
                          "Capaian (%)": data["capaian"], "Predikat": data["predikat"],
                          "Catatan": data["catatan_periode"]})
    return Tabel(shown, {"Capaian (%)": "angka", "Target s.d. bulan ini": "nilai", "Realisasi s.d. bulan ini": "nilai"},
                 "Predikat", k.skala)


# --- Ringkasan Kabupaten ----------------------------------------------------------------------


def ringkasan_kabupaten(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Every perangkat daerah at a glance; choose one to see its indicators. A store that
    holds several kabupaten (a province) gets a choice of kabupaten first, and a view of
    all of them together."""
    k = k or dasbor.konteks()
    semua = dasbor.semua_indikator(k)
    return _per_kabupaten(k, "Ringkasan Kinerja Kabupaten", lambda kab: _isi_ringkasan(k, semua, kab))


def _per_kabupaten(k: dasbor.Konteks, judul: str, isi_untuk, semua: bool = True) -> widgets.VBox:
    """A page whose content ``isi_untuk(kabupaten)`` is for one kabupaten: in a store of
    several, a choice of kabupaten first ("Semua kabupaten": ``None``, unless ``semua`` is
    False: then the first kabupaten is shown first)."""
    kab = daftar_kabupaten(k.store.current("unit"))
    if len(kab) <= 1:
        return widgets.VBox([_judul(judul, k), *isi_untuk(None)])
    options = ([("Semua kabupaten", "")] if semua else []) + list(zip(kab["nama"], kab["kode"]))
    pilih = _kelas(widgets.Dropdown(options=options, description="Kabupaten", layout=widgets.Layout(width="520px")),
                   "kinerja-pilih-kabupaten")
    isi = widgets.VBox(isi_untuk(None if semua else options[0][1]))
    pilih.observe(lambda change: setattr(isi, "children", isi_untuk(change["new"] or None)), names="value")
    return widgets.VBox([_judul(judul, k), pilih, isi])


# --- Peringkat -------------------------------------------------------------------------------


def peringkat(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Perangkat daerah ranked by the documented composite, every component shown."""
    from kinerja.analisis import peringkat as ranking

    k = k or dasbor.konteks()

    def isi(kabupaten: str | None) -> list:
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

    return _per_kabupaten(k, "Peringkat Perangkat Daerah", isi)


# --- Pohon Kinerja -----------------------------------------------------------------------------


def pohon_kinerja(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """The pohon kinerja: pick a kabupaten sasaran to see its tree (perangkat daerah sasaran
    under it, crosscutting), then a node to see its indicators, their monthly path and the
    units that contribute; the alignment findings of that part of the tree below."""
    k = k or dasbor.konteks()
    return _per_kabupaten(k, "Pohon Kinerja", lambda kab: _isi_pohon(k, kab), semua=False)


def _isi_pohon(k: dasbor.Konteks, kabupaten: str | None) -> list:
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
    gambar = _kelas(widgets.HTML(layout=widgets.Layout(overflow="auto", max_height="720px")), "kinerja-gambar-pohon")
    pilih_simpul = _pilihan("Simpul", "kinerja-pilih-simpul", "720px")
    detail = _kelas(widgets.HTML(), "kinerja-detail-simpul")
    tren = _gambar("kinerja-grafik-simpul")
    temuan = _kelas(widgets.HTML(), "kinerja-temuan")
    ringkas.value = _daftar(lap.ringkasan())
    nama = lap.pohon.nama_unit

    def label(row) -> str:
        unit = "" if row.unit_kode == kab else f" — {nama.get(row.unit_kode, row.unit_kode)}"
        return f"{row.tingkat}: {row.kondisi}{unit} ({row.id})"

    def show_node(change=None) -> None:
        node = pilih_simpul.value
        if not node:
            detail.value, tren.value = "", b""
            return
        ind = lap.indikator[lap.indikator["id"] == node]
        table = Tabel(pd.DataFrame({"Indikator": ind["indikator"], "Satuan": ind["satuan"], "Target": ind["target_teks"],
                                    "Realisasi s.d. bulan ini": ind["realisasi"], "Capaian (%)": ind["capaian"],
                                    "Predikat": ind["predikat"], "Catatan": ind["catatan"]}),
                      {"Realisasi s.d. bulan ini": "nilai", "Capaian (%)": "angka"}, "Predikat", k.skala,
                      judul="Indikator simpul")
        anak = anak_simpul(lap.pohon, node)
        anak = anak[anak["kedalaman"] == 1].merge(lap.simpul[["id", "capaian"]], on="id", how="left")
        cross = lap.pohon.crosscutting
        cross = cross[cross["simpul"] == node] if not cross.empty else cross
        kontributor = pd.concat([
            pd.DataFrame({"Unit": anak["unit_kode"].map(nama), "Peran": anak["tingkat"] + " " + anak["id"] + ": "
                          + anak["kondisi"], "Status": "simpul anak", "Capaian (%)": anak["capaian"]}),
            pd.DataFrame({"Unit": cross["kontributor"].map(nama) if not cross.empty else [], "Peran":
                          cross["peran"].fillna("") if not cross.empty else [],
                          "Status": ("crosscutting " + cross["status"]) if not cross.empty else [],
                          "Capaian (%)": np.nan})], ignore_index=True)
        detail.value = _blok(table) + (
            _blok(Tabel(kontributor, {"Capaian (%)": "angka"}, judul="Unit yang berkontribusi"),
                  kelas="kinerja-kontributor")
            if not kontributor.empty else _p("Tidak ada simpul anak atau crosscutting."))
        first = ind[ind["capaian"].notna()].head(1)
        if first.empty:
            tren.value = b""
            return
        unit, kode = first["unit_kode"].iloc[0], first["indikator_kode"].iloc[0]
        rows = analisis.capaian_bulanan(k.store, unit, k.tahun, k.skala)
        rows = rows[rows["indikator_kode"] == kode]
        tren.value = _png(grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0], k.bulan)) \
            if not rows.empty else b""

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
    return [ringkas, pilih_sasaran, gambar, pilih_simpul, detail, tren,
            _h3("Temuan keselarasan"), temuan]


def _isi_ringkasan(k: dasbor.Konteks, semua: pd.DataFrame, kabupaten: str | None) -> list:
    """The Ringkasan page's content for one kabupaten (or all, with a Kabupaten column)."""
    units = k.store.current("unit")
    banyak = kabupaten is None and (units["jenis"] == "kabupaten").sum() > 1
    r = dasbor.ringkasan_kabupaten(k, kabupaten)
    if kabupaten is not None:
        semua = semua[semua["kabupaten"] == kabupaten]
    measured = r[r["capaian"].notna()]
    late = (r["kepatuhan"] == "terlambat").sum()
    missing = (r["kepatuhan"] == "belum menyampaikan").sum()
    sendiri = analisis.ringkasan_unit(k.store, k.tahun, k.bulan, k.skala, jenis=("kabupaten",), kum=semua,
                                      kabupaten=kabupaten)
    per = dasbor.per_kabupaten(r, units, sendiri)
    dini = dasbor.peringatan_dini(k, kabupaten)
    if banyak:  # a province: the kabupaten's roll-ups side by side (table below), their mean here
        capaian = [_kartu(f"rata-rata capaian gabungan {len(per)} kabupaten s.d. {nama_bulan(k.bulan)}",
                          format_persen(per["capaian"].mean()), "kinerja-rata-capaian")]
    else:
        capaian = [_kartu(f"capaian gabungan perangkat daerah s.d. {nama_bulan(k.bulan)}",
                          format_persen(per["capaian"].iloc[0] if len(per) else float("nan")), "kinerja-rata-capaian"),
                   _kartu("capaian indikator kabupaten sendiri (IKU)",
                          format_persen(sendiri["capaian"].iloc[0] if len(sendiri) else float("nan")),
                          "kinerja-capaian-iku")]
    cards = "".join([
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
    table = pd.DataFrame({**({"Kabupaten": r["kabupaten"].map(units.set_index("kode")["nama"])} if banyak else {}),
                          "Perangkat Daerah": r["nama"], "Indikator": r["indikator"], "Capaian (%)": r["capaian"],
                          "Predikat": r["predikat"], "Penyerapan (%)": r["penyerapan"],
                          "Rencana penyerapan (%)": r["rencana_penyerapan"], "Kuadran": r["kuadran"],
                          "CRAAPK bulan ini": r["kepatuhan"]})
    styled = Tabel(table, {"Capaian (%)": "angka", "Penyerapan (%)": "angka",
                                          "Rencana penyerapan (%)": "angka"}, "Predikat", k.skala)
    if banyak:  # a province: one row per kabupaten instead of a heat map of every perangkat daerah
        peta = _tabel(Tabel(pd.DataFrame({
            "Kabupaten": per["nama"], "Perangkat daerah": per["perangkat_daerah"],
            "Capaian gabungan PD (%)": per["capaian"], "Capaian IKU kabupaten (%)": per["capaian_iku"],
            "Penyerapan (%)": per["penyerapan"], "CRAAPK terlambat": per["terlambat"], "CRAAPK belum": per["belum"]}),
            {"Capaian gabungan PD (%)": "angka", "Capaian IKU kabupaten (%)": "angka", "Penyerapan (%)": "angka",
             "Perangkat daerah": "bulat",
             "CRAAPK terlambat": "bulat", "CRAAPK belum": "bulat"}), "kinerja-per-kabupaten")
    else:
        peta = _gambar("kinerja-peta")
        peta.value = _png(grafik.grafik_peta_predikat(dasbor.peta_predikat(k, kabupaten), k.skala))
    kuadran = _gambar("kinerja-kuadran")
    kuadran.value = _png(grafik.grafik_kuadran(r))
    gaps = dasbor.kesenjangan(k, data=semua[semua["jenis_unit"] == "perangkat_daerah"], n=10)
    # The unit's own causes, not its notes on months it did not report (those are in Catatan).
    why = [("; ".join(dict.fromkeys(k_ for k_ in ket if k_ not in kosong)) or "belum ada keterangan dari perangkat daerah")
           for ket, kosong in zip(gaps["keterangan"], gaps["keterangan_kosong"])]
    gap_table = Tabel(pd.DataFrame({
        "Perangkat Daerah": gaps["nama_unit"], "Indikator Kinerja": gaps["indikator"], "Capaian (%)": gaps["capaian"],
        "Kesenjangan (poin)": gaps["kesenjangan"], "Predikat": gaps["predikat"], "Sebab (keterangan PD)": why,
        "Catatan": gaps["catatan_periode"]}),
        {"Capaian (%)": "angka", "Kesenjangan (poin)": "angka"}, "Predikat", k.skala)
    ragu = semua[(semua["verifikasi"].map(len) > 0) & ~semua["dihitung"].astype(bool)
                 & (semua["jenis_unit"] == "perangkat_daerah")]
    ragu_table = Tabel(pd.DataFrame({"Perangkat Daerah": ragu["nama_unit"], "Indikator Kinerja": ragu["indikator"],
                                     "Capaian (%)": ragu["capaian"], "Catatan": ragu["catatan_periode"]}),
                       {"Capaian (%)": "angka"})

    beda = analisis.beda_tingkat(semua, units)
    beda_table = tabel_antartingkat(beda, f"s.d. {nama_bulan(k.bulan)} {k.tahun}")

    pilih = _pilihan_unit(k, ("perangkat_daerah",), kosong=True, kabupaten=kabupaten)
    detail = _kelas(widgets.HTML(), "kinerja-detail")

    def show(change=None) -> None:
        unit = pilih.value
        if not unit:
            detail.value = _p("Pilih perangkat daerah untuk melihat indikatornya.")
            return
        rows = semua[semua["unit_kode"] == unit]
        detail.value = _blok(_tabel_indikator(rows, k))

    pilih.observe(show, names="value")
    show()
    return [
        # Who is off track and why comes first, above the fold; the detail follows.
        widgets.HTML(cards),
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
        _h3("Capaian dibanding penyerapan anggaran"), kuadran,
        _h3("Lihat satu perangkat daerah"), pilih, detail,
    ]


# --- Perangkat Daerah -------------------------------------------------------------------------


def _tautan(files: list[Path]) -> list[dict]:
    """Download links carrying the files themselves (the page server serves no files)."""
    return [{"nama": path.name, "mime": _MIME.get(path.suffix, "application/octet-stream"),
             "data": base64.b64encode(path.read_bytes()).decode("ascii"), "jenis": path.suffix[1:].upper()}
            for path in files]


def perangkat_daerah(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Choose a unit: its indicators, monthly chart, narrative and the batch's reports."""
    k = k or dasbor.konteks()
    pilih = _pilihan_unit(k)
    # Every unit read once; a selection only takes its slice (see craapk_dari_data).
    units = k.store.current("unit").set_index("kode")
    semua = {"bulanan": analisis.capaian_bulanan(k.store, None, k.tahun, k.skala),
             "kumulatif": analisis.capaian_kumulatif(k.store, None, k.tahun, k.bulan, k.skala),
             "anggaran": analisis.anggaran_program(k.store, None, k.tahun),
             "kepatuhan": kepatuhan(k.store, k.tahun, list(range(1, k.bulan + 1))).rename(columns={"kode": "unit_kode"})}
    groups = {name: dict(tuple(frame.groupby("unit_kode"))) for name, frame in semua.items()}
    ringkasan = _kelas(widgets.HTML(), "kinerja-ringkasan-unit")
    tabel = _kelas(widgets.HTML(), "kinerja-tabel-indikator")
    narasi = _kelas(widgets.HTML(), "kinerja-narasi")
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator")
    bulanan = _gambar("kinerja-grafik-bulanan")
    dokumen = _pilihan("Dokumen", "kinerja-pilih-dokumen", "520px")
    berkas = _kelas(widgets.HTML(), "kinerja-berkas")
    state: dict = {}

    def show_indicator(change=None) -> None:
        lap = state.get("lap")
        if lap is None or not indikator.value:
            bulanan.value = b""
            return
        rows = lap.bulanan[lap.bulanan["indikator_kode"] == indikator.value]
        bulanan.value = _png(grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0],
                                                   lap.bulan))

    def show_files(change=None) -> None:
        docs = state.get("docs")
        if docs is None or not dokumen.value:
            berkas.value = _p("Pilih dokumen untuk mengunduh laporannya.") if docs is not None and len(docs) else \
                _p("Belum ada laporan dari", "kinerja batch", " untuk unit ini.")
            return
        row = docs[docs["dokumen"] == dokumen.value].iloc[0]
        berkas.value = str(render("halaman/berkas.html.j2", judul=row["judul"], status=row["status"],
                                  tautan=_tautan(row["berkas"])))

    def show(change=None) -> None:
        unit = pilih.value
        part = {name: g[unit].reset_index(drop=True) if unit in g else semua[name].iloc[0:0]
                for name, g in groups.items()}
        try:
            lap = craapk_dari_data(units.loc[unit].to_dict() | {"kode": unit}, k.tahun, k.bulan, k.skala,
                                           part["bulanan"], part["kumulatif"], part["anggaran"], part["kepatuhan"])
        except Exception as exc:  # noqa: BLE001 - shown to the official, the page stays usable
            state.clear()
            ringkasan.value = _p(str(exc))
            tabel.value = narasi.value = ""
            indikator.options = []
            return
        state["lap"] = lap
        first = lap.kumulatif.drop_duplicates("indikator_kode")
        # The chart first: it is what the eye goes to, then the table and the sentences.
        _ganti_pilihan(indikator, list(zip(first["indikator"], first["indikator_kode"])),
                       first["indikator_kode"].iloc[0] if len(first) else None, show_indicator)
        ringkasan.value = str(render("halaman/ringkasan_unit.html.j2", ringkasan=lap.ringkasan,
                                     peringatan=list(lap.peringatan)))
        tabel.value = _blok(lap.tabel_kumulatif())
        narasi.value = _daftar(lap.narasi)
        docs = dasbor.laporan_unit(k, unit)
        state["docs"] = docs
        _ganti_pilihan(dokumen, [("— pilih —", "")] + list(zip(docs["judul"], docs["dokumen"])), "", show_files)

    pilih.observe(show, names="value")
    indikator.observe(show_indicator, names="value")
    dokumen.observe(show_files, names="value")
    show()
    return widgets.VBox([
        _judul("Kinerja Perangkat Daerah", k), pilih, ringkasan,
        _h3("Capaian sampai bulan ini"), tabel,
        _h3("Target dan realisasi per bulan"), indikator, bulanan,
        _h3("Analisis"), narasi,
        _h3("Laporan"), dokumen, berkas,
    ])


# --- Tren -------------------------------------------------------------------------------------


def tren(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Several years against the Renstra/RPJMD targets, for the kabupaten's IKU and per unit."""
    k = k or dasbor.konteks()
    pilih = _pilihan_unit(k)
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator")
    gambar = _gambar("kinerja-grafik-tren")
    tabel = _kelas(widgets.HTML(), "kinerja-tabel-tren")
    state: dict = {}

    def show_indicator(change=None) -> None:
        data = state.get("tren")
        if data is None or not indikator.value:
            gambar.value, tabel.value = b"", _p("Belum ada data beberapa tahun untuk unit ini.")
            return
        rows = data[data["indikator_kode"] == indikator.value]
        gambar.value = _png(grafik.grafik_tren(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0]))
        label = rows["tahun"].astype(str).where(~rows["awal"], rows["tahun"].astype(str) + " (kondisi awal)")
        if k.bulan < 12:
            label = label.where(rows["tahun"] != k.tahun, f"{k.tahun} (s.d. {nama_bulan(k.bulan)})")
        shown = pd.DataFrame({"Tahun": label, "Target Renstra/RPJMD": rows["target_renstra"],
                              "Realisasi": rows["realisasi"], "Capaian (%)": rows["capaian"],
                              "Predikat": k.skala.predikat(rows["capaian"]).to_numpy()})
        note = f"Tahun {k.tahun}: realisasi s.d. {nama_bulan(k.bulan)}." if k.bulan < 12 else ""
        tabel.value = _blok(Tabel(shown, {"Target Renstra/RPJMD": "nilai", "Realisasi": "nilai", "Capaian (%)": "angka"},
                                  "Predikat", k.skala), catatan=note)

    def show(change=None) -> None:
        data = dasbor.tren(k, pilih.value)
        state["tren"] = data
        first = data.sort_values(["iku", "indikator"], ascending=[False, True]).drop_duplicates("indikator_kode")
        _ganti_pilihan(indikator, [(("IKU · " if iku else "") + str(n), c)
                                   for n, c, iku in zip(first["indikator"], first["indikator_kode"], first["iku"])],
                       first["indikator_kode"].iloc[0] if len(first) else None, show_indicator)

    pilih.observe(show, names="value")
    indikator.observe(show_indicator, names="value")
    show()
    return widgets.VBox([_judul("Tren Kinerja Beberapa Tahun", k), pilih, indikator, gambar, tabel])


# --- Evaluator's explorer (JupyterLab) --------------------------------------------------------


def penjelajah(k: dasbor.Konteks | None = None, folder_ekspor: str | Path = "outputs/ekspor") -> widgets.VBox:
    """Filter by unit, sasaran, predikat and polaritas; rank gaps; compare years; try a
    different target; export the selection to .xlsx."""
    k = k or dasbor.konteks()
    semua = dasbor.semua_indikator(k)

    def options(col: str, label: str) -> list:
        values = sorted(v for v in semua[col].dropna().unique() if v != "")
        return [(f"(semua {label})", "")] + [(str(v), v) for v in values]

    units = semua.drop_duplicates("unit_kode").sort_values("nama_unit")
    f_unit = widgets.Dropdown(options=[("(semua unit)", "")] + list(zip(units["nama_unit"], units["unit_kode"])),
                              description="Unit")
    f_sasaran = widgets.Dropdown(options=options("sasaran", "sasaran"), description="Sasaran")
    f_predikat = widgets.Dropdown(options=options("predikat", "predikat"), description="Predikat")
    f_polaritas = widgets.Dropdown(options=options("polaritas", "polaritas"), description="Polaritas")
    n = widgets.IntSlider(value=15, min=5, max=100, step=5, description="Tampilkan")
    hasil = widgets.HTML()
    indikator = _pilihan("Indikator", "kinerja-pilih-indikator")
    target_baru = widgets.FloatText(description="Target andai")
    andai = widgets.HTML()
    gambar = _gambar("kinerja-grafik-tren")
    ekspor = widgets.Button(description="Ekspor pilihan ke .xlsx", icon="download")
    pesan = widgets.HTML()
    state: dict = {}

    def filtered() -> pd.DataFrame:
        return dasbor.kesenjangan(k, f_unit.value or None, f_sasaran.value or None, f_predikat.value or None,
                                  f_polaritas.value or None, n=None, data=semua)

    def show(change=None) -> None:
        view = filtered()
        state["view"] = view
        shown = pd.DataFrame({"Unit": view["nama_unit"], "Indikator Kinerja": view["indikator"],
                              "Polaritas": view["polaritas"], "Target": view["target"], "Realisasi": view["realisasi"],
                              "Capaian (%)": view["capaian"], "Kesenjangan (poin)": view["kesenjangan"],
                              "Predikat": view["predikat"]}).head(n.value)
        hasil.value = _blok(Tabel(shown, {"Capaian (%)": "angka", "Kesenjangan (poin)": "angka"}, "Predikat", k.skala),
                            pengantar=f"{len(view)} indikator di bawah target.")
        indikator.options = [(f"{u} · {i}", f"{c}|{ik}") for u, i, c, ik in
                             zip(view["nama_unit"], view["indikator"], view["unit_kode"], view["indikator_kode"])]

    def show_indicator(change=None) -> None:
        if not indikator.value:
            andai.value, gambar.value = "", b""
            return
        unit, kode = indikator.value.split("|", 1)
        row = semua[(semua["unit_kode"] == unit) & (semua["indikator_kode"] == kode)]
        history = dasbor.tren(k, unit)
        history = history[history["indikator_kode"] == kode]
        gambar.value = _png(grafik.grafik_tren(history, row["indikator"].iloc[0], row["satuan"].iloc[0])) \
            if not history.empty else b""
        target = pd.to_numeric(row["target"], errors="coerce").iloc[0]
        target_baru.value = float(target) if pd.notna(target) else 0.0
        show_whatif()

    def show_whatif(change=None) -> None:
        if not indikator.value:
            return
        unit, kode = indikator.value.split("|", 1)
        row = semua[(semua["unit_kode"] == unit) & (semua["indikator_kode"] == kode)]
        res = dasbor.andai_target(row, {kode: target_baru.value}, k.skala).iloc[0]
        andai.value = str(render("halaman/andai.html.j2", capaian=format_persen(res["capaian"]),
                                 predikat=str(res["predikat"]), target=format_angka(target_baru.value),
                                 capaian_andai=format_persen(res["capaian_andai"]),
                                 predikat_andai=str(res["predikat_andai"])))

    def export(_button) -> None:
        folder = Path(folder_ekspor)
        path = folder / f"kesenjangan-{k.tahun}-{k.bulan:02d}-{dt.datetime.now():%Y%m%d-%H%M%S}.xlsx"
        dasbor.ekspor_xlsx(state["view"], path, k.skala)
        pesan.value = _p("Tersimpan:", str(path), f" ({len(state['view'])} baris).")

    for w in (f_unit, f_sasaran, f_predikat, f_polaritas, n):
        w.observe(show, names="value")
    indikator.observe(show_indicator, names="value")
    target_baru.observe(show_whatif, names="value")
    ekspor.on_click(export)
    show()
    return widgets.VBox([
        _judul("Penjelajah Kesenjangan Kinerja", k),
        widgets.HBox([f_unit, f_sasaran]), widgets.HBox([f_predikat, f_polaritas, n]), hasil,
        _h3("Bandingkan tahun dan coba target lain"), indikator, gambar, target_baru, andai,
        ekspor, pesan,
    ])
