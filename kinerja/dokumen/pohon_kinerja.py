"""The pohon kinerja document: the tree pictured, its alignment findings, its crosscutting.

:func:`pohon_kinerja` assembles, for a kabupaten or one perangkat daerah, everything the
notebook ``pohon_kinerja.ipynb`` shows and the spreadsheet of findings it writes; the
command ``kinerja keselarasan`` writes the same findings table (.xlsx, .html, .csv).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import Image

from kinerja.core.formatting import format_angka, nama_bulan
from kinerja.render.gambar_pohon import GambarPohon, gambar_pohon, gambar_terbagi, simpul_gambar
from kinerja.analisis.keselarasan import KOLOM_TEMUAN, TEMUAN, periksa_keselarasan
from kinerja.analisis.pohon import Pohon, analisis_kum, baca_pohon, nilai_pohon
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.store.store import Store
from kinerja.render.tabel import Tabel
from kinerja.core.wilayah import kabupaten_unit
from kinerja.dokumen.bagian import tanda_ragu

__all__ = ["LaporanPohon", "JUDUL_TEMUAN", "pohon_kinerja", "tabel_temuan", "tulis_temuan"]

# Findings as readers see them: column headers of the table, the spreadsheet and the page.
JUDUL_TEMUAN = {"kode": "Kode", "temuan": "Temuan", "nama_unit": "Unit", "simpul": "Simpul", "tingkat": "Tingkat",
                "uraian": "Uraian", "tindak_lanjut": "Tindak lanjut"}


def tabel_temuan(temuan: pd.DataFrame, judul: str = "Temuan keselarasan pohon kinerja") -> Tabel:
    """The findings as a document table (text escaped by :class:`kinerja.render.tabel.Tabel`)."""
    data = temuan.reindex(columns=list(JUDUL_TEMUAN)).rename(columns=JUDUL_TEMUAN)
    return Tabel(data.reset_index(drop=True), judul=judul)


def tulis_temuan(temuan: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write the findings to ``path``: .xlsx (text never a formula), .html or .csv."""
    from kinerja.core.berkas import tulis_atomik
    from kinerja.render.keluaran import penulis_csv, penulis_xlsx, tulis_keluaran

    data = temuan.reindex(columns=list(JUDUL_TEMUAN)).rename(columns=JUDUL_TEMUAN)

    def html(path: Path) -> None:
        from kinerja.render.html import render, siap

        page = str(render("temuan.html.j2", tabel=siap(tabel_temuan(temuan).html())))
        tulis_atomik(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))

    return tulis_keluaran(path, {".xlsx": penulis_xlsx(data, lembar="Temuan Keselarasan"), ".html": html, ".htm": html,
                                 ".csv": penulis_csv(data)})


@dataclass
class LaporanPohon:
    """The pohon kinerja of a kabupaten (``unit`` is the kabupaten) or of one perangkat daerah."""

    unit: dict
    tahun: int
    bulan: int
    skala: SkalaPredikat
    pohon: Pohon
    indikator: pd.DataFrame
    simpul: pd.DataFrame
    temuan: pd.DataFrame

    @property
    def kabupaten(self) -> bool:
        return self.unit["jenis"] == "kabupaten"

    @property
    def periode(self) -> str:
        return f"Januari s.d. {nama_bulan(self.bulan)} {self.tahun}" if self.bulan > 1 else \
            f"Januari {self.tahun}"

    def _milik(self) -> pd.DataFrame:
        s = self.simpul
        return s if self.kabupaten else s[s["unit_kode"] == self.unit["kode"]]

    def ringkasan(self) -> list[str]:
        """Sentences: what the tree holds, where it comes from, how many findings of which kind."""
        s = self._milik()
        per_tingkat = s["tingkat"].value_counts()
        bagian = ", ".join(f"{format_angka(per_tingkat[t], 0)} {t}" for t in
                           [t for t in self.pohon.simpul["tingkat"].drop_duplicates() if t in per_tingkat])
        out = [f"Pohon kinerja tahun {self.tahun} memuat {format_angka(len(s), 0)} simpul ({bagian or 'tidak ada'}); "
               f"warna simpul menurut capaian {self.periode} (skala {self.skala.nama})."]
        if self.kabupaten:
            units = self.pohon.units
            pd_units = units[units["jenis"] == "perangkat_daerah"]["kode"]
            sent = set(s.loc[s["sumber"] == "pohon kinerja", "unit_kode"])
            out.append(f"{format_angka(len(sent & set(pd_units)), 0)} dari {format_angka(len(pd_units), 0)} perangkat "
                       "daerah menyampaikan pohon kinerjanya; yang belum diwakili sasaran dari Renstra/PK-nya.")
            lipat = int((s["sumber_induk"] == "indikator induk").sum())
            if lipat:
                out.append(f"{format_angka(lipat, 0)} sasaran perangkat daerah tanpa kode induk dikaitkan ke sasaran "
                           "kabupaten lewat indikator induk di Renstra (garis putus-putus).")
        if self.temuan.empty:
            out.append("Tidak ada temuan keselarasan.")
        else:
            per = self.temuan["kode"].value_counts().sort_index()
            out.append(f"Temuan keselarasan: {format_angka(len(self.temuan), 0)} — " + "; ".join(
                f"{TEMUAN[k][0][0].lower() + TEMUAN[k][0][1:]} {format_angka(n, 0)}" for k, n in per.items()) + ".")
        return out

    def tabel_temuan(self) -> Tabel:
        return tabel_temuan(self.temuan)

    def tabel_sasaran(self) -> Tabel:
        """Kabupaten sasaran: their capaian, the perangkat daerah sasaran under them and the
        crosscutting by status."""
        s = self.simpul
        kab = s[s["tingkat"] == "sasaran kabupaten"]
        anak = s[s["tingkat"] == "sasaran perangkat daerah"].groupby("induk_id")
        cross = self.pohon.crosscutting
        count = (cross.groupby(["simpul", "status"]).size().unstack(fill_value=0)
                 if not cross.empty else pd.DataFrame())
        data = pd.DataFrame({
            "Simpul": kab["id"], "Sasaran kabupaten": kab["kondisi"], "Capaian (%)": kab["capaian"],
            "Sasaran perangkat daerah": kab["id"].map(anak.size()).fillna(0),
            "Capaian rata-rata sasaran pendukung (%)": kab["id"].map(anak["capaian"].mean()),
            "Crosscutting diterima": kab["id"].map(count.get("diterima", pd.Series(dtype=float))).fillna(0),
            "diusulkan": kab["id"].map(count.get("diusulkan", pd.Series(dtype=float))).fillna(0),
            "ditolak": kab["id"].map(count.get("ditolak", pd.Series(dtype=float))).fillna(0)})
        fmt = {"Capaian (%)": "angka", "Capaian rata-rata sasaran pendukung (%)": "angka", "Sasaran perangkat daerah": "bulat",
               "Crosscutting diterima": "bulat", "diusulkan": "bulat", "ditolak": "bulat"}
        return Tabel(data.reset_index(drop=True), fmt, judul="Sasaran Pemerintah Kabupaten dan pendukungnya")

    def tabel_crosscutting(self) -> Tabel:
        c = self.pohon.crosscutting
        if not self.kabupaten and not c.empty:
            c = c[(c["pengusul"] == self.unit["kode"]) | (c["kontributor"] == self.unit["kode"])]
        nama = self.pohon.nama_unit
        data = pd.DataFrame({"Simpul": c["simpul"], "Diusulkan oleh": c["pengusul"].map(nama),
                             "Unit kontributor": c["kontributor"].map(nama), "Peran": c["peran"],
                             "Status": c["status"], "Keterangan": c["keterangan"]})
        return Tabel(data.reset_index(drop=True), judul="Crosscutting")

    def tabel_indikator(self) -> Tabel:
        """Every node indicator of the unit with its target and capaian for the period."""
        ind = self.indikator.merge(self.simpul[["id", "tingkat", "kondisi"]], on="id")
        if not self.kabupaten:
            ind = ind[ind["unit_kode"] == self.unit["kode"]]
        else:  # the kabupaten's document: down to the perangkat daerah sasaran (each unit's own document goes on)
            ind = ind[ind["tingkat"].isin(["tujuan", "sasaran kabupaten", "sasaran perangkat daerah"])]
        data = pd.DataFrame({"Simpul": ind["id"], "Tingkat": ind["tingkat"], "Indikator": ind["indikator"], "Satuan": ind["satuan"], "Target": ind["target_teks"],
                             "Realisasi": ind["realisasi"], "Capaian (%)": ind["capaian"], "Predikat": ind["predikat"],
                             "Catatan": ind["catatan"]})
        marks = ind["ragu"].eq(True) & ind["capaian"].notna() if "ragu" in ind else None  # values to verify
        return Tabel(data.reset_index(drop=True), {"Realisasi": "nilai", "Capaian (%)": "angka"}, "Predikat",
                     self.skala, judul="Indikator simpul", tanda=tanda_ragu(marks, "Realisasi", "Capaian (%)"))

    def gambar(self, akar: str | None = None, unit: str | None = None, sampai: str | None = None,
               format: str = "png"):
        """The picture of the tree under ``akar`` / of ``unit`` (``format="svg"``: SVG text for
        pages, one picture). For documents (HTML, PDF and Word alike) PNG pictures, as many as
        the tree needs to print readably on A4 (:func:`~kinerja.render.gambar_pohon.gambar_terbagi`),
        each titled for the Daftar Gambar."""
        nodes = simpul_gambar(self.pohon, akar=akar, unit=unit, sampai=sampai)
        args = (self.pohon, (self.indikator, self.simpul), self.skala, nodes, self.temuan)
        ringkas = akar is not None and self.kabupaten
        if format == "svg":
            return gambar_pohon(*args, ringkas=ringkas).pipe(format="svg", encoding="utf-8")
        parts = gambar_terbagi(*args, ringkas=ringkas)
        judul = f"Pohon kinerja {akar if akar is not None else self.pohon.nama_unit.get(unit, unit or '')}".strip()
        images = []
        for i, g in enumerate(parts, 1):
            g.attr(dpi="144")  # sharp when a reader zooms into the PDF or Word page
            label = f"{judul} (bagian {i} dari {len(parts)})" if len(parts) > 1 else judul
            images.append(Image(g.pipe(format="png"), format="png", metadata={"alt": label}))
        return GambarPohon(images)

    def sasaran_kabupaten(self) -> pd.DataFrame:
        s = self.simpul
        return s[s["tingkat"] == "sasaran kabupaten"][["id", "kondisi"]].reset_index(drop=True)

    def simpan(self, keluaran: str | os.PathLike) -> Path:
        """The findings spreadsheet ``pohon-kinerja.xlsx`` in ``keluaran``."""
        folder = Path(keluaran)
        folder.mkdir(parents=True, exist_ok=True)
        return tulis_temuan(self.temuan, folder / "pohon-kinerja.xlsx")


def pohon_kinerja(store: Store, unit: str, tahun: int, bulan: int,
                  skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanPohon:
    """The pohon kinerja document of ``unit`` (a kabupaten or a perangkat daerah): the tree
    pictured with each node's capaian, its alignment findings and its crosscutting.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit.
    tahun : int
        The year of the tree.
    bulan : int
        Capaian of the nodes runs from January to this month.
    skala : str or SkalaPredikat, default "permendagri-86-2017"
        The predikat scale (the nodes' colours).

    Returns
    -------
    LaporanPohon
        The pictures, the table of sasaran and supporters, ``ringkasan()`` and the
        findings table.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.pohon_kinerja(store_contoh(), "nusa-rekaan", 2026, 9)
    >>> lap.unit["kode"]
    'nusa-rekaan'
    """
    from kinerja.core.wilayah import cari_unit

    units = store.current("unit")
    info = cari_unit(units, unit)
    kab = kabupaten_unit(units).get(unit)
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    pohon = baca_pohon(store, tahun, kab)
    kum = analisis_kum(store, tahun, bulan, pohon.units)
    ind, simpul = nilai_pohon(pohon, kum)
    temuan = periksa_keselarasan(pohon, kum)
    if info["jenis"] != "kabupaten":
        temuan = temuan[temuan["unit_kode"] == unit].reset_index(drop=True)
    return LaporanPohon(info, tahun, bulan, scale, pohon, ind, simpul, temuan.reindex(columns=KOLOM_TEMUAN))
