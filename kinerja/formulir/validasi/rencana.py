"""The checks of the RKT and the PK."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.aturan import berbeda, satuan_berbeda
from kinerja.core.formatting import format_angka
from kinerja.core.parsing import kode_indikator
from kinerja.formulir.masalah import Lembar
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _blank, _show, _text
from kinerja.formulir.validasi.renstra import _indicator_sheet, _polaritas_agregasi
from kinerja.store.store import Store


def _renstra_check(c: Pemeriksa, kode: pd.Series, parsed, store: Store, unit: str, tahun: int,
                   rows: np.ndarray, doc: str) -> pd.DataFrame:
    """V27 (indicator in the Renstra) and V28 (target equals the Renstra's for the year)."""
    meta = store.current("indikator", unit_kode=unit)
    known = set(meta["kode"]) if not meta.empty else set()
    c.report("V27", rows & ~kode.isin(known).to_numpy(), "indikator",
             lambda r: f"indikator \"{_show(r['indikator'])}\" tidak ada di Renstra/RPJMD unit ini; muat Renstra lebih "
             "dahulu atau samakan nama indikatornya")
    from kinerja.analisis.dari_store.tabel import target_renstra_tahunan

    plan = target_renstra_tahunan(store, unit, tahun)
    plan = plan.set_index("indikator_kode")["nilai"] if not plan.empty else pd.Series(dtype=float)
    expected = kode.map(plan).to_numpy(dtype=float)
    differ = rows & berbeda(parsed.nilai, expected)
    c.report("V28", differ, "target",
             lambda r: f"target {doc} \"{_show(r['target'])}\" berbeda dari target Renstra/RPJMD tahun {tahun} "
             f"({format_angka(plan.get(kode_indikator(r['indikator'])))})", tingkat="peringatan")
    return meta


def _satuan_tetap(c: Pemeriksa, kode: pd.Series, rows: np.ndarray, meta: pd.DataFrame) -> None:
    """V72: an indicator keeps the satuan its Renstra/RPJMD (a pejabat's: its PK) gives it, in the
    PK, the RAAPK and the CRAAPK alike; numbers in another unit are not the same indicator's."""
    if meta.empty or "satuan" not in c.d:
        return
    want = kode.map(meta.drop_duplicates("kode").set_index("kode")["satuan"])
    differ = rows & satuan_berbeda(_text(c.d["satuan"]), want)
    c.report("V72", differ, "satuan", lambda r: f"satuan \"{_show(r['satuan'])}\" berbeda dari satuan indikator ini di "
             f"Renstra/PK \"{_show(want[r.name])}\"; satuan tidak berubah dalam setahun, samakan atau perbarui "
             "Renstra/PK lebih dahulu")


def _rkt(f, ident, main, second, store, p) -> dict | None:
    d = main.data.copy()
    ffill = ["sasaran", "indikator", "satuan", "target", "program"] + (["kegiatan", "indikator_kegiatan", "anggaran_kegiatan"]
                                                                       if f.tingkat == "perangkat_daerah" else [])
    first = ~_blank(d["indikator"])
    own_program = ~_blank(d["program"])  # rows that name a program themselves, before the fill
    # The row each carried-down value was written in: the store's ``sel`` names that cell.
    asal = {col: d["_baris"].where(~pd.Series(_blank(d[col]), index=d.index)).ffill() for col in ffill}
    for col in ffill:
        d[col] = d[col].where(~pd.Series(_blank(d[col]), index=d.index)).ffill()
    lembar = Lembar(main.nama, main.formulir, d)
    c = Pemeriksa(lembar, p)
    c.wajib()
    unit, tahun = ident["unit"], ident["tahun"]
    kode = _text(d["indikator"]).map(kode_indikator)
    c.kembar(kode.where(first), "indikator", "indikator")
    parsed = c.angka("target", "V12", "target", tunggal=False)
    _renstra_check(c, kode, parsed, store, unit, tahun, first, "RKT")
    target = pd.DataFrame({"unit_kode": unit, "indikator_kode": kode[first], "dokumen": "rkt", "tahun": tahun,
                           "bulan": None, "jenis": "tahunan", "nilai_teks": _text(d["target"])[first],
                           "nilai": parsed.nilai[first], "sel": main.rujukan("target", asal["target"])[first]})
    budgets = []
    # Budget rows remember the indicator they are listed under and who answers for them (schema 3).
    pj = _text(d["penanggung_jawab"]).replace("", None) if "penanggung_jawab" in d else None
    if f.tingkat == "kabupaten":
        pagu = c.angka("anggaran_program", "V14", "anggaran", negatif=False)
        # An indicator row without a program of its own continues the one above; it adds no budget line.
        budgets.append(pd.DataFrame({"program": _text(d["program"]), "kegiatan": None, "sub_kegiatan": None,
                                     "indikator_keluaran": None, "nilai": pagu.nilai, "indikator_kode": kode,
                                     "penanggung_jawab": pj, "sel": main.rujukan("anggaran_program")})[own_program])
    else:
        keg = c.angka("anggaran_kegiatan", "V14", "anggaran kegiatan", negatif=False)
        sub = c.angka("anggaran_sub_kegiatan", "V14", "anggaran sub kegiatan", negatif=False)
        has_keg = (_text(d["kegiatan"]) != "").to_numpy()
        kegiatan = pd.DataFrame({"program": _text(d["program"]), "kegiatan": _text(d["kegiatan"]), "sub_kegiatan": None,
                                 "indikator_keluaran": _text(d["indikator_kegiatan"]), "nilai": keg.nilai,
                                 "indikator_kode": kode, "penanggung_jawab": pj,
                                 "sel": main.rujukan("anggaran_kegiatan", asal["anggaran_kegiatan"])})[has_keg]
        budgets.append(kegiatan.drop_duplicates(subset=["indikator_kode", "program", "kegiatan"]))
        has_sub = (_text(d["sub_kegiatan"]) != "").to_numpy()
        budgets.append(pd.DataFrame({"program": _text(d["program"]), "kegiatan": _text(d["kegiatan"]),
                                     "sub_kegiatan": _text(d["sub_kegiatan"]),
                                     "indikator_keluaran": _text(d["indikator_sub_kegiatan"]), "nilai": sub.nilai,
                                     "indikator_kode": kode, "penanggung_jawab": pj,
                                     "sel": main.rujukan("anggaran_sub_kegiatan")})[has_sub])
    anggaran = pd.concat(budgets, ignore_index=True)
    anggaran = anggaran[anggaran["program"] != ""].assign(unit_kode=unit, tahun=tahun, bulan=None, jenis="pagu",
                                                          keterangan=None)
    return {"target": target, "anggaran": anggaran}


def _pk(f, ident, main, second, store, p) -> dict | None:
    c, d, kode = _indicator_sheet(main, p)
    unit, tahun = ident["unit"], ident["tahun"]
    parsed = c.angka("target", "V12", "target", tunggal=False)
    rows: dict[str, pd.DataFrame | None] = {}
    everything = np.ones(len(d), dtype=bool)
    if f.tingkat == "pejabat":
        pol, agr = _polaritas_agregasi(c)
        rows["indikator"] = pd.DataFrame({
            "unit_kode": unit, "kode": kode, "tujuan": None, "sasaran": _text(d["sasaran"]), "nama": _text(d["indikator"]),
            "satuan": _text(d["satuan"]), "polaritas": pol, "agregasi": agr.fillna(""), "iku": False, "definisi": None,
            "sumber_data": None, "standar_nasional": None, "indikator_induk": None,
        })
    else:
        meta = _renstra_check(c, kode, parsed, store, unit, tahun, everything, "PK")
        _satuan_tetap(c, kode, everything, meta)
    rows["target"] = pd.DataFrame({"unit_kode": unit, "indikator_kode": kode, "dokumen": "pk", "tahun": tahun,
                                   "bulan": None, "jenis": "tahunan", "nilai_teks": _text(d["target"]),
                                   "nilai": parsed.nilai, "sel": main.rujukan("target")})
    if second is not None and not second.data.empty:
        c2 = Pemeriksa(second, p)
        c2.wajib()
        program = _text(second.data["program"]).str.replace(r"^\d+\.\s*", "", regex=True)
        c2.kembar(program, "program", "program")
        pagu = c2.angka("anggaran", "V14", "anggaran", negatif=False)
        ket = _text(second.data["keterangan"]) if "keterangan" in second.data else pd.Series("", index=second.data.index)
        rows["anggaran"] = pd.DataFrame({"unit_kode": unit, "tahun": tahun, "program": program, "kegiatan": None,
                                         "sub_kegiatan": None, "indikator_keluaran": None, "bulan": None, "jenis": "pagu",
                                         "nilai": pagu.nilai, "keterangan": ket.replace("", None),
                                         "sel": second.rujukan("anggaran")})
    return rows
