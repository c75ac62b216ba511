"""Capaian rolled up: indikator → sasaran → unit → kabupaten, as weighted means.

The one definition of a unit's capaian for a period (documents, pages, the ranking): the
indicators that may enter averages (``dihitung``: measured, not waiting for verification)
are averaged within their sasaran, the sasaran within the unit, and the perangkat daerah
within their kabupaten, each with the weights of ``parameters/bobot.yaml`` (equal when
not given). An optional cap (``batas_kontribusi``) limits what one indicator can bring to
its sasaran, so one indicator far above target cannot hide another below it. Every rolled
up value is traceable: each row says its weight, its share among its siblings (``porsi``)
and the points it brings to its parent (``kontribusi``); a parent's capaian is the sum of
its children's contributions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.konfigurasi import BerkasBobot
from kinerja.core.parameter import muat_konfigurasi
from kinerja.core.sumber import parameters_dir
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["Bobot", "capaian_berjenjang", "capaian_kabupaten", "capaian_sasaran", "capaian_unit", "muat_bobot"]

KOLOM = ["tingkat", "kabupaten", "unit_kode", "sasaran", "indikator_kode", "nama", "capaian", "dihitung", "bobot",
         "porsi", "kontribusi", "bagian", "catatan"]


@dataclass(frozen=True)
class Bobot:
    """Weights of the roll-up (1 where not given) and the optional cap, in percent."""

    batas_kontribusi: float | None = None
    indikator: dict = field(default_factory=dict)  # (unit, indikator_kode) -> weight
    sasaran: dict = field(default_factory=dict)  # (unit, sasaran) -> weight
    unit: dict = field(default_factory=dict)  # unit -> weight


def muat_bobot(path: str | os.PathLike | None = None) -> Bobot:
    """Read the weights from ``path`` or ``parameters/bobot.yaml`` (all equal if absent);
    the file is checked by :class:`kinerja.core.konfigurasi.BerkasBobot`.

    Examples
    --------
    >>> muat_bobot()
    Bobot(batas_kontribusi=None, indikator={}, sasaran={}, unit={})
    """
    file = Path(path) if path else parameters_dir() / "bobot.yaml"
    if not path and not file.exists():
        return Bobot()
    doc = muat_konfigurasi(file, BerkasBobot)
    return Bobot(doc.batas_kontribusi,
                 {(unit, kode.lower()): w for unit, inner in doc.indikator.items() for kode, w in inner.items()},
                 {(unit, teks): w for unit, inner in doc.sasaran.items() for teks, w in inner.items()},
                 dict(doc.unit))


def _bobot(keys: pd.DataFrame, table: dict) -> np.ndarray:
    """The weight of each row's key (1 where the table has none), by a join, not a loop."""
    if not table:
        return np.ones(len(keys))
    known = pd.DataFrame(list(table.keys()), columns=list(keys.columns))
    known["_w"] = list(table.values())
    return keys.merge(known, how="left", on=list(keys.columns))["_w"].fillna(1.0).to_numpy()


def _tingkat(children: pd.DataFrame, by: list[str], weight: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Share and contribution of each child among its counted siblings; the parents' values."""
    counted = children["capaian"].notna().to_numpy() & children["dihitung"].to_numpy(bool)
    w = np.where(counted, weight, 0.0)
    total = pd.Series(w, index=children.index).groupby([children[c] for c in by]).transform("sum").to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        porsi = np.where(counted & (total > 0), w / total, np.nan)
    children = children.assign(bobot=weight, porsi=porsi, kontribusi=porsi * children["nilai"].to_numpy())
    grouped = children.assign(_n=counted).groupby(by, sort=False, dropna=False)
    parents = grouped.agg(capaian=("kontribusi", lambda s: s.sum(min_count=1)), bagian=("_n", "sum")).reset_index()
    return children, parents


def capaian_berjenjang(kum: pd.DataFrame, units: pd.DataFrame | None = None, bobot: Bobot | None = None) -> pd.DataFrame:
    """The roll-up of :func:`kinerja.analisis.dari_store.capaian_kumulatif` rows as one long table.

    One row per indikator, sasaran, unit and (with ``units``) kabupaten, ``tingkat`` naming
    which; ``capaian`` is the row's value (an indicator's own, a parent's weighted mean of
    its children), ``bobot`` its weight, ``porsi`` its share among its counted siblings,
    ``kontribusi`` the points it brings to its parent (Σ kontribusi = the parent's
    capaian), ``bagian`` how many children a parent rests on. An indicator that may not
    enter averages keeps its capaian with ``dihitung`` False and no share. The kabupaten
    rows roll up its perangkat daerah (not its own indicators, which are its unit row).

    Examples
    --------
    >>> kum = pd.DataFrame({"unit_kode": ["a"] * 3, "sasaran": ["S1", "S1", "S2"],
    ...                     "indikator_kode": ["i1", "i2", "i3"], "indikator": ["I1", "I2", "I3"],
    ...                     "capaian": [80.0, 100.0, 120.0], "dihitung": [True] * 3})
    >>> r = capaian_berjenjang(kum)
    >>> r[["tingkat", "nama", "capaian", "porsi", "kontribusi"]].values.tolist()[-3:]
    [['sasaran', 'S1', 90.0, 0.5, 45.0], ['sasaran', 'S2', 120.0, 0.5, 60.0], ['unit', 'a', 105.0, nan, nan]]
    >>> float(capaian_berjenjang(kum, bobot=Bobot(batas_kontribusi=110))["capaian"].iloc[-1])
    100.0
    """
    bobot = bobot or Bobot()
    ind = kum.reindex(columns=["unit_kode", "sasaran", "indikator_kode", "indikator", "capaian", "dihitung",
                               "verifikasi"]).copy()
    ind["sasaran"] = ind["sasaran"].astype(object).fillna("")
    ind["unit_kode"] = ind["unit_kode"].astype(object).fillna("")
    ind["dihitung"] = ind["dihitung"].fillna(False).astype(bool)
    ind["capaian"] = pd.to_numeric(ind["capaian"], errors="coerce")
    ind["nilai"] = ind["capaian"] if bobot.batas_kontribusi is None else ind["capaian"].clip(
        upper=bobot.batas_kontribusi)
    catatan = np.where(ind["capaian"].isna(), "tanpa capaian periode ini", np.where(
        ~ind["dihitung"], "perlu diverifikasi, tidak ikut digabung", ""))
    if bobot.batas_kontribusi is not None:
        catatan = np.where(ind["dihitung"] & (ind["capaian"] > bobot.batas_kontribusi),
                           f"dihitung {bobot.batas_kontribusi:g} % (batas sumbangan)", catatan)
    ind = ind.assign(catatan=catatan, nama=ind["indikator"])
    ind, sas = _tingkat(ind, ["unit_kode", "sasaran"],
                        _bobot(ind[["unit_kode", "indikator_kode"]].astype(str), bobot.indikator))
    sas = sas.assign(nilai=sas["capaian"], dihitung=sas["capaian"].notna(), nama=sas["sasaran"],
                     catatan=np.where(sas["capaian"].isna(), "tidak ada indikator yang dapat digabung", ""))
    sas, uni = _tingkat(sas, ["unit_kode"], _bobot(sas[["unit_kode", "sasaran"]].astype(str), bobot.sasaran))
    uni = uni.assign(nilai=uni["capaian"], dihitung=uni["capaian"].notna(), nama=uni["unit_kode"],
                     catatan=np.where(uni["capaian"].isna(), "tidak ada sasaran yang dapat digabung", ""))
    parts = [ind.assign(tingkat="indikator"), sas.assign(tingkat="sasaran")]
    milik = kabupaten_unit(units) if units is not None and not units.empty else None
    if milik is not None:
        uni, kab = _kabupaten(uni, units, bobot, milik)
        parts += [uni.assign(tingkat="unit"), kab.assign(tingkat="kabupaten")]
    else:
        parts.append(uni.assign(tingkat="unit"))
    out = pd.concat(parts, ignore_index=True).reindex(columns=KOLOM)
    if milik is not None:
        out["kabupaten"] = out["kabupaten"].fillna(out["unit_kode"].map(milik))
    out["bagian"] = out["bagian"].fillna(0).astype("int64")
    out["dihitung"] = out["dihitung"].fillna(False).astype(bool)
    return out


def _kabupaten(uni: pd.DataFrame, units: pd.DataFrame, bobot: Bobot,
               milik: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Unit rows (``unit_kode``, ``capaian``, ``dihitung``) with their share in their kabupaten
    (``milik``: :func:`kinerja.core.wilayah.kabupaten_unit`), and one row per kabupaten rolling up
    its perangkat daerah."""
    info = units.set_index("kode")
    uni = uni.assign(nama=uni["unit_kode"].map(info["nama"]).fillna(uni["unit_kode"]),
                     kabupaten=uni["unit_kode"].map(milik), nilai=uni["capaian"])
    is_pd = uni["unit_kode"].map(info["jenis"]).eq("perangkat_daerah").to_numpy()
    pds, kab = _tingkat(uni[is_pd], ["kabupaten"],
                        _bobot(uni.loc[is_pd, ["unit_kode"]].astype(str), {(k,): v for k, v in bobot.unit.items()}))
    uni = pd.concat([pds, uni[~is_pd]]).sort_index()
    kab = kab.assign(nama=kab["kabupaten"].map(info["nama"]), dihitung=kab["capaian"].notna(),
                     catatan="gabungan perangkat daerah")
    return uni, kab


def capaian_kabupaten(ringkasan: pd.DataFrame, units: pd.DataFrame, bobot: Bobot | None = None) -> pd.DataFrame:
    """Each kabupaten's roll-up of its perangkat daerah from their capaian (``unit_kode``,
    ``capaian``, e.g. :func:`kinerja.analisis.dari_store.ringkasan_unit`): ``kabupaten``, ``nama``,
    ``capaian``, ``bagian`` (units it rests on).

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["k", "a", "b", "c"], "nama": ["Kab", "A", "B", "C"],
    ...                       "jenis": ["kabupaten"] + ["perangkat_daerah"] * 3, "induk": [None, "k", "k", "k"]})
    >>> r = pd.DataFrame({"unit_kode": ["a", "b", "c"], "capaian": [90.0, 110.0, None]})
    >>> capaian_kabupaten(r, units)[["kabupaten", "capaian", "bagian"]].values.tolist()
    [['k', 100.0, 2]]
    >>> float(capaian_kabupaten(r, units, Bobot(unit={"b": 3}))["capaian"].iloc[0])
    105.0
    """
    uni = ringkasan[["unit_kode", "capaian"]].assign(dihitung=ringkasan["capaian"].notna())
    _, kab = _kabupaten(uni, units, bobot if bobot is not None else muat_bobot(), kabupaten_unit(units))
    return kab[["kabupaten", "nama", "capaian", "bagian"]].reset_index(drop=True)


def capaian_sasaran(kum: pd.DataFrame, bobot: Bobot | None = None) -> pd.DataFrame:
    """Each sasaran's rolled-up capaian: ``unit_kode``, ``sasaran``, ``capaian``, in the
    order they first appear.

    Examples
    --------
    >>> kum = pd.DataFrame({"unit_kode": ["a", "a", "a"], "sasaran": ["S1", "S1", "S2"],
    ...                     "capaian": [80.0, 100.0, 635.0], "dihitung": [True, True, False]})
    >>> capaian_sasaran(kum).values.tolist()
    [['a', 'S1', 90.0], ['a', 'S2', nan]]
    """
    r = capaian_berjenjang(kum, bobot=bobot if bobot is not None else muat_bobot())
    return r[r["tingkat"] == "sasaran"][["unit_kode", "sasaran", "capaian"]].reset_index(drop=True)


def capaian_unit(kum: pd.DataFrame, bobot: Bobot | None = None) -> pd.Series:
    """Each unit's rolled-up capaian (indikator → sasaran → unit), by ``unit_kode``.

    Examples
    --------
    >>> kum = pd.DataFrame({"unit_kode": ["a", "a", "b"], "sasaran": ["S1", "S2", "S1"],
    ...                     "capaian": [80.0, 120.0, 635.0], "dihitung": [True, True, False]})
    >>> capaian_unit(kum).to_dict()
    {'a': 100.0, 'b': nan}
    """
    r = capaian_berjenjang(kum, bobot=bobot if bobot is not None else muat_bobot())
    r = r[r["tingkat"] == "unit"]
    return pd.Series(r["capaian"].to_numpy(), index=r["unit_kode"].to_numpy(), name="capaian")
