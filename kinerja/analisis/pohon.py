"""The pohon kinerja (penjenjangan kinerja) of a kabupaten, as long tables.

Nodes come from the units' POHON formulir; each node is known everywhere by ``id`` =
``unit/kode``. The store's ``indikator_induk`` links are folded in: a perangkat daerah
sasaran written without a parent hangs under the kabupaten sasaran that holds the
kabupaten indicator its indicators name as induk (``sumber_induk`` "indikator induk"),
and a unit that sent no pohon formulir for the year is represented by its sasaran from
the Renstra/PK (``sumber`` "Renstra"), placed the same way. Crosscutting links carry
their status as the contributor answered (``diusulkan`` until it does).

Values: every node indicator is matched to the store's indicator of the same unit and
name, so it has the capaian every document shows (:func:`kinerja.analisis.dari_store.capaian_kumulatif`);
a node's capaian is its indicators' roll-up (:mod:`kinerja.core.berjenjang`, the same weights).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core import berjenjang
from kinerja.core.aturan import berbeda
from kinerja.core.formatting import format_nilai
from kinerja.formulir.tata_letak import DAFTAR
from kinerja.store.store import Store
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["Pohon", "anak_simpul", "baca_pohon", "nilai_pohon", "status_crosscutting"]

TINGKAT = DAFTAR["tingkat_pohon"]
URUTAN_TINGKAT = {t: i for i, t in enumerate(TINGKAT)}
KOLOM_SIMPUL = ["id", "unit_kode", "kode", "induk_id", "tingkat", "kondisi", "penanggung_jawab", "sumber",
                "sumber_induk", "urutan"]
KOLOM_INDIKATOR = ["id", "unit_kode", "indikator_kode", "indikator", "satuan", "target_teks", "target"]


@dataclass
class Pohon:
    """One kabupaten's tree for a year: ``simpul`` one row per node, ``indikator`` one row per
    node and indicator, ``crosscutting`` one row per link with its status, ``units`` the
    kabupaten's units (kode, nama, jenis, induk)."""

    kabupaten: str
    tahun: int
    simpul: pd.DataFrame
    indikator: pd.DataFrame
    crosscutting: pd.DataFrame
    units: pd.DataFrame

    @property
    def nama_unit(self) -> pd.Series:
        return self.units.set_index("kode")["nama"]


def _kabupaten_dari(units: pd.DataFrame, kabupaten: str | None) -> str:
    kab = units[units["jenis"] == "kabupaten"]["kode"]
    if kabupaten is None:
        return str(kab.iloc[0]) if len(kab) else ""
    return kabupaten


def baca_pohon(store: Store, tahun: int, kabupaten: str | None = None) -> Pohon:
    """The pohon kinerja of ``kabupaten`` (the store's first when None) for ``tahun``."""
    all_units = store.current("unit")
    kab = _kabupaten_dari(all_units, kabupaten)
    milik = kabupaten_unit(all_units)
    units = all_units[all_units["kode"].map(milik) == kab].reset_index(drop=True)
    rows = store.current("pohon", tahun=tahun)
    rows = rows[rows["unit_kode"].isin(units["kode"])]
    rows = rows.sort_values(["unit_kode", "urutan"], kind="stable")
    rows = rows.assign(id=rows["unit_kode"] + "/" + rows["kode"])
    induk = rows["induk"].fillna("")
    rows["induk_id"] = np.where(induk == "", None,
                                np.where(induk.str.contains("/", regex=False), induk, rows["unit_kode"] + "/" + induk))
    simpul = rows.drop_duplicates("id")
    simpul = simpul.assign(sumber="pohon kinerja", sumber_induk=np.where(simpul["induk_id"].notna(), "formulir", ""))
    indikator = rows[KOLOM_INDIKATOR]
    meta = store.current("indikator")
    meta = meta[meta["unit_kode"].isin(units["kode"])]
    simpul, indikator = _dari_renstra(store, tahun, units, kab, simpul, indikator, meta)
    simpul = _lipat_indikator_induk(simpul, indikator, meta, kab)
    cross = status_crosscutting(store.current("crosscutting", tahun=tahun), units)
    return Pohon(kab, tahun, simpul[KOLOM_SIMPUL].reset_index(drop=True), indikator.reset_index(drop=True), cross,
                 units[["kode", "nama", "jenis", "induk"]])


def _dari_renstra(store: Store, tahun: int, units: pd.DataFrame, kab: str, simpul: pd.DataFrame,
                  indikator: pd.DataFrame, meta: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sasaran nodes for the units (kabupaten, perangkat daerah) that sent no pohon for the year,
    from their indicators and PK targets: ``S1``, ``S2`` … in the order of their sasaran."""
    have = set(simpul["unit_kode"])
    missing = units[units["jenis"].isin(["kabupaten", "perangkat_daerah"]) & ~units["kode"].isin(have)]["kode"]
    m = meta[meta["unit_kode"].isin(missing) & meta["tingkat"].isna()] if "tingkat" in meta else meta
    if m.empty:
        return simpul, indikator
    pk = store.current("target", dokumen="pk", tahun=tahun)
    pk = pk[pk["unit_kode"].isin(missing)].drop_duplicates(["unit_kode", "indikator_kode"])
    m = m.merge(pk[["unit_kode", "indikator_kode", "nilai_teks", "nilai"]].rename(columns={"indikator_kode": "kode"}),
                on=["unit_kode", "kode"], how="inner")  # the year's indicators: those in its PK
    if m.empty:
        return simpul, indikator
    nomor = m.groupby("unit_kode")["sasaran"].transform(lambda s: pd.factorize(s)[0] + 1)
    m = m.assign(node=("S" + nomor.astype(str)), id=m["unit_kode"] + "/S" + nomor.astype(str))
    nodes = m.drop_duplicates("id")
    jenis = units.set_index("kode")["jenis"]
    new = pd.DataFrame({
        "id": nodes["id"], "unit_kode": nodes["unit_kode"], "kode": nodes["node"], "induk_id": None,
        "tingkat": np.where(nodes["unit_kode"].map(jenis) == "kabupaten", "sasaran kabupaten", "sasaran perangkat daerah"),
        "kondisi": nodes["sasaran"], "penanggung_jawab": None, "sumber": "Renstra", "sumber_induk": "",
        "urutan": np.arange(1, len(nodes) + 1)})
    ind = pd.DataFrame({"id": m["id"], "unit_kode": m["unit_kode"], "indikator_kode": m["kode"], "indikator": m["nama"],
                        "satuan": m["satuan"], "target_teks": m["nilai_teks"], "target": m["nilai"]})
    return (pd.concat([simpul, new], ignore_index=True) if not simpul.empty else new,
            pd.concat([indikator, ind], ignore_index=True) if not indikator.empty else ind)


def _lipat_indikator_induk(simpul: pd.DataFrame, indikator: pd.DataFrame, meta: pd.DataFrame, kab: str) -> pd.DataFrame:
    """A perangkat daerah sasaran without a parent gets the kabupaten sasaran node holding the
    kabupaten indicator its indicators name as ``indikator_induk`` (the first such node)."""
    if simpul.empty:
        return simpul
    orphan = simpul["induk_id"].isna() & (simpul["tingkat"] == "sasaran perangkat daerah")
    if not orphan.any():
        return simpul
    links = indikator[indikator["id"].isin(simpul.loc[orphan, "id"])].merge(
        meta[["unit_kode", "kode", "indikator_induk"]].rename(columns={"kode": "indikator_kode"}),
        on=["unit_kode", "indikator_kode"], how="left")
    links = links[links["indikator_induk"].fillna("") != ""]
    links = links.assign(induk_kode=links["indikator_induk"].str.strip().str.lower())
    kab_nodes = simpul[(simpul["unit_kode"] == kab) & (simpul["tingkat"] == "sasaran kabupaten")]["id"]
    holders = indikator[indikator["id"].isin(kab_nodes)].drop_duplicates("indikator_kode")
    found = links.merge(holders[["id", "indikator_kode"]].rename(columns={"id": "parent", "indikator_kode": "induk_kode"}),
                        on="induk_kode").drop_duplicates("id").set_index("id")["parent"]
    hit = orphan & simpul["id"].isin(found.index)
    simpul = simpul.copy()
    simpul.loc[hit, "induk_id"] = simpul.loc[hit, "id"].map(found)
    simpul.loc[hit, "sumber_induk"] = "indikator induk"
    return simpul


def status_crosscutting(rows: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Every crosscutting link (``simpul``, ``kontributor``) once, with ``pengusul`` (the
    node's unit), ``status`` as the contributor answered (``diusulkan`` until it does),
    ``peran`` and the contributor's ``keterangan``; links of other kabupaten left out.

    Examples
    --------
    >>> rows = pd.DataFrame({"unit_kode": ["kab", "kab", "dinsos"], "simpul": ["kab/SK1", "kab/SK1", "kab/SK1"],
    ...                      "kontributor": ["dinsos", "dpmd", "dinsos"], "peran": ["a", "b", None],
    ...                      "status": ["diusulkan", "diusulkan", "ditolak"], "keterangan": [None, None, "bukan tugas"]})
    >>> units = pd.DataFrame({"kode": ["kab", "dinsos", "dpmd"]})
    >>> status_crosscutting(rows, units)[["kontributor", "status", "peran"]].values.tolist()
    [['dinsos', 'ditolak', 'a'], ['dpmd', 'diusulkan', 'b']]
    """
    cols = ["simpul", "pengusul", "kontributor", "peran", "status", "keterangan", "dijawab"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.assign(pengusul=rows["simpul"].str.split("/").str[0])
    rows = rows[rows["pengusul"].isin(units["kode"]) & rows["kontributor"].isin(units["kode"])]
    usul = rows[rows["unit_kode"] == rows["pengusul"]]
    jawab = rows[(rows["unit_kode"] == rows["kontributor"]) & (rows["unit_kode"] != rows["pengusul"])]
    out = usul[["simpul", "pengusul", "kontributor", "peran"]].merge(
        jawab[["simpul", "kontributor", "peran", "status", "keterangan"]].rename(columns={"peran": "peran_jawab"}),
        on=["simpul", "kontributor"], how="outer")
    out["pengusul"] = out["simpul"].str.split("/").str[0]
    out["peran"] = out["peran"].fillna(out["peran_jawab"])
    out["dijawab"] = out["status"].notna()
    out["status"] = out["status"].fillna("diusulkan")
    return out[cols].sort_values(["simpul", "kontributor"]).reset_index(drop=True)


def anak_simpul(pohon: Pohon, simpul_id: str) -> pd.DataFrame:
    """The nodes under ``simpul_id`` (all depths), in tree order, with ``kedalaman`` (1 =
    its children)."""
    s = pohon.simpul
    out, frontier, depth = [], [simpul_id], 0
    while frontier:  # one vectorised step per level of the tree (at most seven)
        depth += 1
        kids = s[s["induk_id"].isin(frontier)]
        kids = kids[~kids["id"].isin([o for f in out for o in f["id"]])]
        if kids.empty or depth > len(TINGKAT) + 2:
            break
        out.append(kids.assign(kedalaman=depth))
        frontier = list(kids["id"])
    return pd.concat(out, ignore_index=True) if out else s.iloc[0:0].assign(kedalaman=[])


def nilai_pohon(pohon: Pohon, kum: pd.DataFrame, bobot: berjenjang.Bobot | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node indicators with their capaian for the period, and each node's capaian.

    ``kum`` is :func:`kinerja.analisis.dari_store.capaian_kumulatif` of the kabupaten's units; a node
    indicator takes the row of its own unit and indicator (so a jabatan node shows the
    perangkat daerah's indicator it carries). A node's capaian rolls up its indicators with
    the weights of :mod:`kinerja.core.berjenjang`; ``ada_data`` says whether any indicator has a
    capaian. Returns ``(indikator, simpul)`` with ``capaian``, ``realisasi``, ``predikat``,
    ``dihitung``, ``verifikasi``, ``ragu`` on indicators and ``capaian``, ``ada_data`` on nodes.
    """
    ind = pohon.indikator
    cols = ["unit_kode", "indikator_kode", "capaian", "realisasi", "target", "target_tahunan_nilai", "predikat",
            "dihitung", "verifikasi", "catatan", "bulan_kosong", "ragu"]
    k = kum.reindex(columns=cols).rename(columns={"target": "target_periode"})
    ind = ind.merge(k, on=["unit_kode", "indikator_kode"], how="left")
    # A node below the unit's sasaran (program, kegiatan, jabatan) that carries a share of the
    # indicator (a kegiatan's part of the program's km) measures something else than the unit's PK
    # indicator: it takes no capaian from it. A sasaran node IS the unit's PK indicator: it keeps the
    # capaian every document shows (against the PK target) and names a tree target that differs.
    sasaran = ind["id"].map(pohon.simpul.set_index("id")["tingkat"]).isin(["sasaran kabupaten", "sasaran perangkat daerah"])
    differs = ind["target"].notna() & ind["target_tahunan_nilai"].notna() & berbeda(ind["target"], ind["target_tahunan_nilai"])
    share = differs & ~sasaran
    for col in ("capaian", "realisasi", "target_periode", "predikat"):
        ind[col] = ind[col].astype(object).where(~share, None) if col != "capaian" else ind[col].where(~share)
    own = ind["catatan"].fillna("").astype(str)
    beda = ("target di pohon kinerja " + format_nilai(ind["target"]) + " berbeda dari target PK "
            + format_nilai(ind["target_tahunan_nilai"]) + "; capaian dihitung terhadap target PK")
    note = np.where(share, "target simpul bagian dari target PK; capaiannya tidak dari realisasi unit",
                    np.where(own != "", own + "; " + beda, beda))
    ind = ind.assign(catatan=ind["catatan"].astype(object).where(~differs, note)).drop(columns="target_tahunan_nilai")
    ind["dihitung"] = ind["dihitung"].astype("boolean").fillna(False).astype(bool)
    roll = berjenjang.capaian_berjenjang(
        ind.assign(sasaran=ind["id"]).drop(columns=["target_periode"]), bobot=bobot)
    per_node = roll[roll["tingkat"] == "sasaran"].set_index("sasaran")["capaian"]
    simpul = pohon.simpul.assign(capaian=pohon.simpul["id"].map(per_node),
                                 ada_data=pohon.simpul["id"].isin(ind.loc[ind["capaian"].notna(), "id"]))
    return ind, simpul


def analisis_kum(store: Store, tahun: int, bulan: int, units: pd.DataFrame) -> pd.DataFrame:
    """:func:`kinerja.analisis.dari_store.capaian_kumulatif` for the units of one kabupaten."""
    kum = analisis.capaian_kumulatif(store, None, tahun, bulan)
    return kum[kum["unit_kode"].isin(units["kode"])] if not kum.empty else kum
