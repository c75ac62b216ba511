"""The Evaluasi AKIP page for the Inspektorat's evaluator: choose a perangkat daerah to see its
answers per sub-komponen (the unit's self-assessment beside the evaluator's), its Nilai AKIP,
predikat and rank, what it takes to reach the next predikat, and the recommendations still
open; below, every perangkat daerah ranked, and the numbers waiting for a confirmation, which a
Bappeda or Inspektorat visitor confirms here (:mod:`kinerja.halaman.konfirmasi`).

Every unit is scored once when the page opens (:func:`data_evaluasi`, from the store's LKE of
the page's year, :func:`kinerja.evaluasi.muat_lke`); a selection only takes its slice. Text
from the workbooks (catatan, recommendations, names) reaches the page through escaped
tables and templates only.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from kinerja.core.formatting import format_angka
from kinerja.core.lke import BELUM_LENGKAP, HasilLKE, nilai_lke
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.dokumen.lhe_rekap import ringkasan_rekap, tabel_belum_lengkap, tabel_rekap
from kinerja.evaluasi.rekap import jawaban_unit, muat_rekomendasi_terbuka, rekap_lke
from kinerja.halaman import dasbor
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.konfirmasi import panel_konfirmasi
from kinerja.halaman.widget import _blok, _ditolak, _h3, _kartu, _kelas, _p, _pilihan_unit
from kinerja.render.html import render
from kinerja.render.tabel import Tabel

__all__ = ["DataEvaluasi", "data_evaluasi", "evaluasi_akip", "label_peringkat", "tabel_jawaban", "tabel_rekomendasi"]


@dataclass(frozen=True)
class DataEvaluasi:
    """What the page shows, for every perangkat daerah of the year."""

    tahun: int
    lke: ParameterLKE
    jawaban: pd.DataFrame  # kinerja.evaluasi.muat_lke
    rekap: pd.DataFrame  # kinerja.evaluasi.rekap.rekap_lke
    rekomendasi: pd.DataFrame  # open ones (kinerja.evaluasi.rekap.muat_rekomendasi_terbuka)

    def hasil(self, unit: str, kolom: str = "jawaban_evaluator") -> HasilLKE:
        return nilai_lke(jawaban_unit(self.jawaban, unit, kolom), self.lke)

    def baris(self, unit: str) -> dict:
        row = self.rekap[self.rekap["kode_unit"] == unit]
        return row.iloc[0].to_dict() if len(row) else {}


def data_evaluasi(k: dasbor.Konteks) -> DataEvaluasi:
    """Every perangkat daerah scored once, with the open recommendations, for the page's year."""
    from kinerja.evaluasi import muat_lke as muat_jawaban

    lke = muat_lke()
    units = k.store.current("unit")
    jawaban = muat_jawaban(k.store, k.tahun)
    rekap = rekap_lke(jawaban, units[units["jenis"] == "perangkat_daerah"], lke)
    return DataEvaluasi(k.tahun, lke, jawaban, rekap, muat_rekomendasi_terbuka(k.store, k.tahun))


def _selisih(mandiri: str | None, evaluator: str | None, urutan: list[str]) -> str:
    if mandiri is None or evaluator is None or mandiri == evaluator:
        return ""
    return "evaluator lebih rendah" if urutan.index(evaluator) > urutan.index(mandiri) else "evaluator lebih tinggi"


def tabel_jawaban(data: DataEvaluasi, unit: str) -> Tabel:
    """One unit's answers: per sub-komponen the unit's and the evaluator's answer, the nilai from
    the evaluator's, where they differ, and the evaluator's catatan.

    Examples
    --------
    >>> lke = muat_lke()
    >>> j = pd.DataFrame({"kode_unit": "a", "kode": lke.subkomponen["kode"], "jawaban_mandiri": "A",
    ...                   "jawaban_evaluator": ["B"] * 11 + [None], "catatan": None})
    >>> d = DataEvaluasi(2026, lke, j, pd.DataFrame(), pd.DataFrame())
    >>> tabel_jawaban(d, "a").data.iloc[[0, 11]][["Kode", "Mandiri", "Evaluator", "Nilai", "Selisih"]].values.tolist()
    [['1.a', 'A', 'B', '4,20', 'evaluator lebih rendah'], ['4.c', 'A', '–', 'belum dijawab', '']]
    """
    hasil = data.hasil(unit)
    mandiri = jawaban_unit(data.jawaban, unit, "jawaban_mandiri")
    rows = data.jawaban[data.jawaban["kode_unit"] == unit]
    notes = dict(zip(rows["kode"], rows["catatan"])) if "catatan" in rows else {}
    urutan = list(data.lke.jawaban)
    sub = hasil.subkomponen
    shown = pd.DataFrame({
        "Kode": sub["kode"].to_numpy(), "Sub-komponen": sub["nama"].to_numpy(),
        "Bobot": [format_angka(b, 2) for b in sub["bobot"]],
        "Mandiri": [mandiri.get(c) or "–" for c in sub["kode"]],
        "Evaluator": [j or "–" for j in sub["jawaban"]],
        "Nilai": ["belum dijawab" if n is None else format_angka(n, 2) for n in sub["nilai"]],
        "Selisih": [_selisih(mandiri.get(c), j, urutan) for c, j in zip(sub["kode"], sub["jawaban"])],
        "Catatan Evaluator": [n if isinstance(n, str) else "" for n in sub["kode"].map(notes)]})
    return Tabel(shown, {"Bobot": "nilai", "Nilai": "nilai"})  # the page's heading names it


def tabel_rekomendasi(data: DataEvaluasi, unit: str) -> Tabel | None:
    """The unit's recommendations not yet followed up, newest year first."""
    r = data.rekomendasi
    r = r[r["kode_unit"] == unit] if len(r) else r
    if r.empty:
        return None
    names = dict(zip(data.lke.komponen["kode"].astype(str), data.lke.komponen["nama"]))
    shown = pd.DataFrame({"Tahun": r["tahun"].astype(str).to_numpy(),
                          "Komponen": [names.get(str(k), str(k)) for k in r["komponen"]],
                          "No.": r["nomor"].astype(str).to_numpy(), "Rekomendasi": r["teks"].to_numpy(),
                          "Status": r["status"].to_numpy()})
    return Tabel(shown)  # the page's heading names it


def label_peringkat(rekap: pd.DataFrame) -> str:
    """What a rank is out of: the perangkat daerah whose evaluation is complete, and how many
    others are not ranked (belum lengkap), never a silently smaller denominator.

    >>> label_peringkat(pd.DataFrame({"peringkat": [1, 2, None]}))
    'peringkat dari 2 perangkat daerah yang selesai dievaluasi; 1 lainnya belum lengkap, tidak diperingkat'
    """
    ranked = int(rekap["peringkat"].notna().sum())
    teks = f"peringkat dari {ranked} perangkat daerah yang selesai dievaluasi"
    lain = len(rekap) - ranked
    return teks + (f"; {lain} lainnya belum lengkap, tidak diperingkat" if lain else "")


def _kartu_unit(data: DataEvaluasi, unit: str) -> str:
    row, own = data.baris(unit), data.hasil(unit, "jawaban_mandiri")
    nilai = format_angka(row["nilai"], 2) if row.get("nilai") is not None else BELUM_LENGKAP
    cards = [_kartu("Nilai AKIP (evaluator)", nilai, "kinerja-nilai-akip"),
             _kartu("predikat", row.get("predikat") or "–", "kinerja-predikat-akip"),
             _kartu(label_peringkat(data.rekap), str(row["peringkat"]) if row.get("peringkat") else "–",
                    "kinerja-peringkat-akip"),
             _kartu("nilai penilaian mandiri", format_angka(own.nilai, 2) if own.lengkap else BELUM_LENGKAP,
                    "kinerja-nilai-mandiri")]
    return "".join(cards)


def _naik(data: DataEvaluasi, unit: str) -> str:
    row = data.baris(unit)
    if not row:
        return _p("Unit ini belum memiliki jawaban Lembar Kerja Evaluasi tahun ini.")
    if row.get("menuju"):
        return _p(f"Ke predikat {row['menuju']} ({data.lke.arti[row['menuju']]}): {row['peningkatan']}; Nilai AKIP "
                  f"menjadi {format_angka(row['nilai_menuju'], 2)}.")
    return _p(str(row["peningkatan"]).capitalize() + ".")


def evaluasi_akip(k: dasbor.Konteks | None = None) -> widgets.VBox:
    """Choose a perangkat daerah: its answers, nilai, predikat, rank, gap to the next predikat
    and open recommendations; every perangkat daerah ranked below."""
    k = k or dasbor.konteks()
    if (tolak := _ditolak(k, "Evaluasi AKIP")) is not None:
        return tolak
    return bingkai("evaluasi_akip", k, _isi)


def _isi(k: dasbor.Konteks) -> widgets.VBox:
    data = data_evaluasi(k)
    pilih = _pilihan_unit(k, jenis=("perangkat_daerah",))
    pilih.layout = widgets.Layout(width="100%", max_width="520px")
    scroll = {"overflow_x": "auto", "max_width": "100%"}
    kartu = _kelas(widgets.HTML(), "kinerja-evaluasi-kartu")
    jawaban = _kelas(widgets.HTML(layout=widgets.Layout(**scroll)), "kinerja-jawaban-lke")
    naik = _kelas(widgets.HTML(), "kinerja-naik-predikat")
    rekom = _kelas(widgets.HTML(layout=widgets.Layout(**scroll)), "kinerja-rekomendasi-terbuka")

    def show(change=None) -> None:
        unit = pilih.value
        jawaban.value = _blok(tabel_jawaban(data, unit)) if unit else ""
        naik.value = _naik(data, unit) if unit else ""
        table = tabel_rekomendasi(data, unit) if unit else None
        rekom.value = _blok(table) if table is not None else _p("Tidak ada rekomendasi yang belum ditindaklanjuti.")
        kartu.value = _kartu_unit(data, unit) if unit else ""  # last: when the cards change, the rest has

    pilih.observe(show, names="value")
    show()
    ranked = [t for t in (tabel_rekap(data.rekap, data.tahun), tabel_belum_lengkap(data.rekap, data.tahun))
              if t is not None]
    semua = _kelas(widgets.HTML(_blok(*ranked, pengantar=ringkasan_rekap(data.rekap, data.tahun)) if ranked else
                                _p("Belum ada jawaban Lembar Kerja Evaluasi tahun ini."),
                                layout=widgets.Layout(**scroll)), "kinerja-rekap-lke")
    judul = widgets.HTML(str(render("halaman/evaluasi.html.j2", teks="Evaluasi AKIP Perangkat Daerah",
                                    keterangan=f"Tahun {data.tahun} · Peraturan Menteri PANRB Nomor 88 Tahun 2021")))
    return widgets.VBox([judul, pilih, kartu, _h3("Jawaban per sub-komponen"), jawaban,
                         _h3("Yang diperlukan untuk naik predikat"), naik,
                         _h3("Rekomendasi yang belum ditindaklanjuti"), rekom,
                         _h3("Peringkat seluruh perangkat daerah"), semua,
                         _h3("Konfirmasi angka yang perlu diverifikasi"), panel_konfirmasi(k)],
                        layout=widgets.Layout(max_width="100%"))
