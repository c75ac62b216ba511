"""The checks of the POHON formulir and its crosscutting."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.parsing import kode_indikator
from kinerja.formulir.tata_letak import DAFTAR, Formulir
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _show, _text
from kinerja.store.store import Store

_KODE_SIMPUL = r"[A-Za-z0-9][A-Za-z0-9._-]*"


def _pohon(f: Formulir, ident: dict, main: Lembar, second, store: Store, p: Penampung) -> dict | None:
    """One unit's pohon kinerja: nodes (their first row carries tingkat, induk, kondisi and
    penanggung jawab; later rows of the node may leave them blank) and crosscutting links.
    Whether a parent in another unit exists is an alignment question (:mod:`kinerja.analisis.pohon`),
    since units send their trees in any order; here only what the file itself can answer."""
    c = Pemeriksa(main, p)
    d = main.data
    c.wajib()
    unit, tahun = ident["unit"], ident["tahun"]
    units = store.current("unit")
    kode = _text(d["kode"])
    c.report("V52", (~kode.str.fullmatch(_KODE_SIMPUL) & (kode != "")).to_numpy(), "kode",
             lambda r: f"kode simpul \"{_show(r['kode'])}\" hanya boleh huruf, angka, titik, garis bawah dan tanda hubung")
    first = ~kode.duplicated(keep="first").to_numpy()
    node: dict[str, pd.Series] = {}
    for field in ("induk", "tingkat", "kondisi", "penanggung_jawab"):
        raw = _text(d[field])
        if field == "tingkat":
            raw = raw.str.lower().str.replace("_", " ")
        head = raw.where(pd.Series(first, index=d.index)).groupby(kode).transform("first")
        c.report("V53", ((raw != "") & (raw != head) & ~first).to_numpy(), field,
                 lambda r, f_=field: f"simpul \"{_show(r['kode'])}\" sudah ditulis dengan {f_.replace('_', ' ')} lain "
                 "pada baris pertamanya; kolom ini cukup diisi pada baris pertama simpul")
        node[field] = head.fillna("")
    tingkat = node["tingkat"]
    c.report("V10", first & (tingkat == "").to_numpy(), "tingkat", "kolom \"Tingkat\" wajib diisi pada baris pertama simpul")
    c.report("V10", first & (node["kondisi"] == "").to_numpy(), "kondisi",
             "kolom \"Kondisi / Sasaran\" wajib diisi pada baris pertama simpul")
    c.report("V54", first & (~tingkat.isin(DAFTAR["tingkat_pohon"]) & (tingkat != "")).to_numpy(), "tingkat",
             lambda r: f"tingkat \"{_show(r['tingkat'])}\" tidak dikenal; pilih {', '.join(DAFTAR['tingkat_pohon'])}")
    ind_kode = _text(d["indikator"]).map(kode_indikator)
    c.kembar(kode + "\u0000" + ind_kode, "indikator", "indikator simpul yang sama")
    induk = node["induk"]
    qualified = induk.str.contains("/", regex=False)
    local = set(kode)
    lain = induk.str.split("/").str[0]
    known_units = set(units["kode"]) if not units.empty else set()
    c.report("V55", first & ((induk != "") & ~qualified & ~induk.isin(local)).to_numpy(), "induk",
             lambda r: f"simpul induk \"{_show(r['induk'])}\" tidak ada di formulir ini; untuk simpul unit lain tulis "
             "kode-unit/kode-simpul")
    c.report("V55", first & (qualified & ~lain.isin(known_units)).to_numpy(), "induk",
             lambda r: f"unit \"{_show(r['induk']).split('/')[0]}\" pada simpul induk \"{_show(r['induk'])}\" tidak ada "
             "di Daftar Unit")
    c.report("V56", first & _dalam_lingkaran(kode, induk.where(~qualified, "")), "induk",
             lambda r: f"simpul \"{_show(r['kode'])}\" menjadi induk bagi dirinya sendiri (lewat simpul induknya)")
    pj = node["penanggung_jawab"]
    if not units.empty:
        pejabat = units[units["jenis"] == "pejabat"].set_index("kode")["induk"]
        lain_pejabat = pj.isin(pejabat.index) & (pj.map(pejabat) != unit)
        c.report("V57", first & lain_pejabat.to_numpy(), "penanggung_jawab",
                 lambda r: f"pejabat \"{_show(r['penanggung_jawab'])}\" bukan pejabat unit {unit}", tingkat="peringatan")
    target = c.angka("target", "V12", "target", tunggal=False)
    rows = {"pohon": pd.DataFrame({
        "unit_kode": unit, "tahun": tahun, "kode": kode, "induk": induk.replace("", None),
        "tingkat": tingkat, "kondisi": node["kondisi"], "indikator_kode": ind_kode, "indikator": _text(d["indikator"]),
        "satuan": _text(d["satuan"]).replace("", None), "target_teks": _text(d["target"]).replace("", None),
        "target": target.nilai, "penanggung_jawab": pj.replace("", None), "urutan": np.arange(1, len(d) + 1)})}
    if second is not None and not second.data.empty:
        rows["crosscutting"] = _crosscutting(second, p, unit, tahun, local, known_units)
    return rows


def _dalam_lingkaran(kode: pd.Series, induk: pd.Series) -> np.ndarray:
    """Rows whose node reaches itself by following parents within the file: the parent map
    is applied as many times as there are nodes (vectorised over all nodes at once)."""
    parent = pd.Series(induk.to_numpy(), index=kode.to_numpy())
    parent = parent[~parent.index.duplicated()]
    walk = induk.copy()
    hit = np.zeros(len(kode), dtype=bool)
    for _ in range(len(parent)):
        hit |= (walk == kode).to_numpy() & (walk != "").to_numpy()
        walk = walk.map(parent).fillna("")
        if (walk == "").all():
            break
    return hit


def _crosscutting(second: Lembar, p: Penampung, unit: str, tahun: int, local: set, known_units: set) -> pd.DataFrame:
    """Crosscutting rows: a node of this file (the unit proposes a contributor) or another
    unit's node ``unit/kode`` (this unit, the contributor, answers)."""
    c = Pemeriksa(second, p)
    d = second.data
    c.wajib()
    simpul = _text(d["simpul"])
    kontributor = _text(d["kontributor"]).str.lower()
    status = _text(d["status"]).str.lower()
    jawaban = simpul.str.contains("/", regex=False)
    c.report("V55", (~jawaban & (simpul != "") & ~simpul.isin(local)).to_numpy(), "simpul",
             lambda r: f"simpul \"{_show(r['simpul'])}\" tidak ada di lembar Pohon Kinerja; untuk menjawab usulan unit "
             "lain tulis kode-unit/kode-simpul")
    c.report("V55", (jawaban & ~simpul.str.split("/").str[0].isin(known_units)).to_numpy(), "simpul",
             lambda r: f"unit pada simpul \"{_show(r['simpul'])}\" tidak ada di Daftar Unit")
    c.report("V58", ((kontributor != "") & (~kontributor.isin(known_units) | (~jawaban & (kontributor == unit))))
             .to_numpy(), "kontributor",
             lambda r: f"unit kontributor \"{_show(r['kontributor'])}\" tidak ada di Daftar Unit atau adalah unit ini sendiri")
    c.report("V59", ((status != "") & ~status.isin(DAFTAR["status_crosscutting"])).to_numpy(), "status",
             lambda r: f"status \"{_show(r['status'])}\" tidak dikenal; pilih {', '.join(DAFTAR['status_crosscutting'])}")
    c.report("V59", (jawaban & (kontributor != unit) & (kontributor != "")).to_numpy(), "kontributor",
             lambda r: f"jawaban atas simpul unit lain hanya untuk unit ini sendiri ({unit}); baris dicatat sebagai "
             "usulan", tingkat="peringatan")
    usul = ~jawaban | (kontributor != unit)
    c.report("V59", (usul & status.isin(["diterima", "ditolak"])).to_numpy(), "status",
             lambda r: "hanya unit kontributor yang dapat menerima atau menolak; baris dicatat sebagai diusulkan",
             tingkat="peringatan")
    c.kembar(simpul + "\u0000" + kontributor, "kontributor", "pasangan simpul dan unit kontributor")
    return pd.DataFrame({
        "unit_kode": unit, "tahun": tahun, "simpul": simpul.where(jawaban, unit + "/" + simpul),
        "kontributor": kontributor,
        "peran": _text(d["peran"]).replace("", None),
        "status": status.where(~usul & status.isin(["diterima", "ditolak"]), "diusulkan"),
        "keterangan": _text(d["keterangan"]).replace("", None)})
