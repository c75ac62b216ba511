"""The checks of the Renstra and RPJMD target tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.agregasi import _ALIAS as AGREGASI_ALIAS
from kinerja.core.capaian_kolom import normalise_polaritas
from kinerja.core.parsing import kode_indikator
from kinerja.core.periode import TAHUN_AKHIR, TAHUN_AWAL
from kinerja.core.wilayah import kabupaten_unit
from kinerja.formulir.tata_letak import DAFTAR
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _blank, _show, _text


def _polaritas_agregasi(c: Pemeriksa, rows: np.ndarray | None = None) -> tuple[pd.Series, pd.Series]:
    d = c.d
    pol = normalise_polaritas(d["polaritas"].astype(object))
    bad = (pol == "?").to_numpy()
    c.report("V21", bad if rows is None else bad & rows, "polaritas",
             lambda r: f"polaritas \"{_show(r['polaritas'])}\" tidak dikenal; pilih positif, negatif, stabil atau kualitatif")
    agr = _text(d["agregasi"]).str.lower().map(AGREGASI_ALIAS)
    bad = (agr.isna() & (_text(d["agregasi"]) != "")).to_numpy()
    c.report("V22", bad if rows is None else bad & rows, "agregasi",
             lambda r: f"agregasi \"{_show(r['agregasi'])}\" tidak dikenal; pilih {', '.join(DAFTAR['agregasi'])}")
    return pol, agr


def _indicator_sheet(main: Lembar, p: Penampung) -> tuple[Pemeriksa, pd.DataFrame, pd.Series]:
    """Required cells and duplicate indicators of a sheet with one indicator per row."""
    c = Pemeriksa(main, p)
    c.wajib()
    kode = _text(main.data["indikator"]).map(kode_indikator)
    c.kembar(kode, "indikator", "indikator")
    return c, main.data, kode


def _renstra(f, ident, main, second, store, p) -> dict | None:
    c, d, kode = _indicator_sheet(main, p)
    unit, awal = ident["unit"], ident["tahun"]
    pol, agr = _polaritas_agregasi(c)
    iku = _text(d["iku"]).str.lower()
    c.report("V23", (~iku.isin(["ya", "tidak", "y", "t", ""])).to_numpy(), "iku",
             lambda r: f"IKU \"{_show(r['iku'])}\" harus Ya atau Tidak")
    c.angka("standar_nasional", "V12", "standar nasional", tunggal=False)
    induk = _text(d["indikator_induk"])
    if f.tingkat == "perangkat_daerah" and (induk != "").any():
        kab_kode = kabupaten_unit(store.current("unit")).get(unit)
        known = set()
        if isinstance(kab_kode, str):
            known = set(store.current("indikator", unit_kode=kab_kode)["kode"])
        c.report("V24", ((induk != "") & ~induk.map(kode_indikator).isin(known)).to_numpy(), "indikator_induk",
                 lambda r: f"indikator induk \"{_show(r['indikator_induk'])}\" tidak ditemukan di RPJMD kabupaten",
                 tingkat="peringatan")
    targets = []
    for field, tahun, jenis in (
        [("kondisi_awal", awal - 1, "awal")]
        + [(f"target_{i}", awal + i - 1, "tahunan") for i in range(1, 6)]
        + [("target_akhir", awal + 4, "akhir_periode")]
    ):
        parsed = c.angka(field, "V12", "target", tunggal=False)
        texts = _text(d[field])
        has = texts != ""
        targets.append(pd.DataFrame({
            "unit_kode": unit, "indikator_kode": kode[has], "dokumen": "renstra", "tahun": tahun, "bulan": None,
            "jenis": jenis, "nilai_teks": texts[has], "nilai": parsed.nilai[has.to_numpy()],
            "sel": main.rujukan(field)[has],
        }))
    indikator = pd.DataFrame({
        "unit_kode": unit, "kode": kode, "tujuan": _text(d["tujuan"]).replace("", None), "sasaran": _text(d["sasaran"]),
        "nama": _text(d["indikator"]), "satuan": _text(d["satuan"]), "polaritas": pol, "agregasi": agr.fillna(""),
        "iku": iku.isin(["ya", "y"]), "definisi": _text(d["definisi"]).replace("", None),
        "sumber_data": _text(d["sumber_data"]).replace("", None),
        "standar_nasional": _text(d["standar_nasional"]).replace("", None),
        "indikator_induk": induk.map(lambda v: kode_indikator(v) if v else None),
    })
    realisasi = None
    if second is not None and not second.data.empty:
        c2 = Pemeriksa(second, p)
        d2 = second.data
        c2.wajib()
        k2 = _text(d2["indikator"]).map(kode_indikator)
        c2.report("V25", (~k2.isin(set(kode)) & (k2 != "")).to_numpy(), "indikator",
                  lambda r: f"indikator \"{_show(r['indikator'])}\" tidak ada di lembar {f.lembar}")
        tahun = pd.to_numeric(_text(d2["tahun"]), errors="coerce")
        c2.report("V26", (tahun.isna() | ~tahun.between(TAHUN_AWAL, TAHUN_AKHIR)).to_numpy() & ~_blank(d2["tahun"]),
                  "tahun",
                  lambda r: f"tahun \"{_show(r['tahun'])}\" bukan tahun yang sah")
        parsed = c2.angka("realisasi", "V13", "realisasi", tunggal=False)
        realisasi = pd.DataFrame({
            "unit_kode": unit, "indikator_kode": k2, "tahun": tahun.fillna(0).astype(int), "bulan": None,
            "nilai_teks": _text(d2["realisasi"]), "nilai": parsed.nilai, "keterangan": _text(d2["keterangan"]).replace("", None),
            "sel": second.rujukan("realisasi"),
        })
        c2.kembar(k2 + "|" + tahun.astype(str), "tahun", "realisasi indikator pada tahun")
    return {"indikator": indikator, "target": pd.concat(targets, ignore_index=True), "realisasi": realisasi}
