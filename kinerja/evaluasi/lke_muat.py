"""A unit's evaluasi AKIP as the store holds it: the answers per sub-komponen of the latest
revision of each unit's Lembar Kerja Evaluasi (:func:`muat_lke`), the kriteria marked met
(:func:`muat_kriteria`), and the register of the evaluator's recommendations with their
follow-up status (:func:`muat_rekomendasi`).

A recommendation of year *T* is ``baru`` until the LKE of a later year says whether it was
followed up (its row ``R<T>-<komponen>.<nomor>`` under 4.c): the evaluator's Ya makes it
``ditindaklanjuti``, Tidak ``belum``; without the evaluator's mark the unit's own counts.
"""

from __future__ import annotations

import pandas as pd

from kinerja.formulir.validasi.lke import parameter_lke as _parameter
from kinerja.store.store import Store

__all__ = ["KOLOM_LKE", "KOLOM_REKOMENDASI", "muat_kriteria", "muat_lke", "muat_rekomendasi"]

KOLOM_LKE = ["kode_unit", "tahun", "kode", "jawaban_mandiri", "jawaban_evaluator", "catatan", "bukti", "revisi",
             "diterima"]
KOLOM_REKOMENDASI = ["kode_unit", "tahun", "komponen", "nomor", "teks", "status"]


def _revisi(store: Store) -> pd.DataFrame:
    """Every LKE submission with its revision number (1 for a unit's first of a year) and
    its received time."""
    subs = store.submissions()
    subs = subs[subs["dokumen"] == "LKE"].sort_values("id")
    subs = subs.assign(revisi=subs.groupby(["unit_kode", "tahun"]).cumcount() + 1)
    return subs[["id", "revisi", "diterima"]].rename(columns={"id": "submission_id"})


def _baris(store: Store, tahun: int, kode_unit: str | None) -> pd.DataFrame:
    where = {"tahun": int(tahun)} | ({"unit_kode": kode_unit} if kode_unit is not None else {})
    rows = store.current("lke", **where)
    return rows.merge(_revisi(store), on="submission_id", how="left")


def _kosong(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def muat_lke(store: Store, tahun: int, kode_unit: str | None = None) -> pd.DataFrame:
    """The answers per sub-komponen of every unit's latest LKE of ``tahun`` (or one unit's).

    Parameters
    ----------
    store : Store
    tahun : int
        The year evaluated.
    kode_unit : str, optional
        One unit; default every unit that sent an LKE of that year.

    Returns
    -------
    pandas.DataFrame
        One row per unit × sub-komponen (``1.a`` … ``4.c``, in the LKE's order):
        ``kode_unit``, ``tahun``, ``kode``, ``jawaban_mandiri``, ``jawaban_evaluator``
        (letters, None where not answered), ``catatan``, ``bukti`` (the evidence typed on the
        sub-komponen row), ``revisi`` (of the LKE the row came from: 1 the first) and
        ``diterima``. Empty (with these columns) when none was sent.

    Examples
    --------
    >>> muat_lke(Store("sqlite://"), 2026).columns.tolist()
    ['kode_unit', 'tahun', 'kode', 'jawaban_mandiri', 'jawaban_evaluator', 'catatan', 'bukti', 'revisi', 'diterima']
    """
    rows = _baris(store, tahun, kode_unit)
    order = list(_parameter().subkomponen["kode"])
    rows = rows[rows["kode"].isin(order)]
    if rows.empty:
        return pd.DataFrame(columns=KOLOM_LKE)
    out = rows.rename(columns={"unit_kode": "kode_unit"}).assign(
        _urut=rows["kode"].map(order.index)).sort_values(["kode_unit", "_urut"], kind="stable")
    out = out[KOLOM_LKE].reset_index(drop=True)
    for col in ("jawaban_mandiri", "jawaban_evaluator", "catatan", "bukti"):
        out[col] = pd.Series([_kosong(v) for v in out[col]], index=out.index, dtype=object)
    out["tahun"] = out["tahun"].astype(int)
    out["revisi"] = out["revisi"].astype(int)
    return out


def muat_kriteria(store: Store, tahun: int, kode_unit: str | None = None) -> pd.DataFrame:
    """The kriteria and follow-up rows of every unit's latest LKE of ``tahun``: ``kode_unit``,
    ``tahun``, ``kode`` (``1.a.1``, ``R2025-2.1``), ``terpenuhi_mandiri``,
    ``terpenuhi_evaluator`` (True, False, None), ``catatan``, ``bukti``.

    Examples
    --------
    >>> muat_kriteria(Store("sqlite://"), 2026).empty
    True
    """
    rows = _baris(store, tahun, kode_unit)
    subs = set(_parameter().subkomponen["kode"])
    rows = rows[~rows["kode"].isin(subs)].rename(columns={"unit_kode": "kode_unit"})
    cols = ["kode_unit", "tahun", "kode", "terpenuhi_mandiri", "terpenuhi_evaluator", "catatan", "bukti"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows[cols].reset_index(drop=True)
    for col in cols[3:]:
        values = [_kosong(v) for v in out[col]]
        if col.startswith("terpenuhi"):
            values = [None if v is None else bool(v) for v in values]
        out[col] = pd.Series(values, index=out.index, dtype=object)
    return out


def _status(store: Store, rek: pd.DataFrame) -> pd.Series:
    """baru, ditindaklanjuti or belum, from the latest follow-up row of a later year's LKE."""
    follow = store.current("lke")
    follow = follow[follow["kode"].str.startswith("R")]
    marks: dict[tuple, str] = {}
    for r in follow.sort_values("tahun", kind="stable").itertuples(index=False):
        mark = r.terpenuhi_evaluator if _kosong(r.terpenuhi_evaluator) is not None else _kosong(r.terpenuhi_mandiri)
        if mark is not None:
            marks[(r.unit_kode, r.kode)] = "ditindaklanjuti" if bool(mark) else "belum"
    keys = [(u, f"R{t}-{k}.{n}") for u, t, k, n in zip(rek["kode_unit"], rek["tahun"], rek["komponen"], rek["nomor"])]
    return pd.Series([marks.get(k, "baru") for k in keys], index=rek.index, dtype=object)


def muat_rekomendasi(store: Store, tahun: int, kode_unit: str | None = None) -> pd.DataFrame:
    """The evaluator's recommendations of ``tahun`` (every unit, or one) with their status.

    Parameters
    ----------
    store : Store
    tahun : int
        The year of the LKE that gave them.
    kode_unit : str, optional
        One unit; default all.

    Returns
    -------
    pandas.DataFrame
        ``kode_unit``, ``tahun``, ``komponen`` (1–4), ``nomor``, ``teks``, ``status``
        (``baru``; ``ditindaklanjuti`` or ``belum`` once a later LKE says so), ordered by
        unit, komponen and nomor.

    Examples
    --------
    >>> muat_rekomendasi(Store("sqlite://"), 2026).columns.tolist()
    ['kode_unit', 'tahun', 'komponen', 'nomor', 'teks', 'status']
    """
    where = {"tahun": int(tahun)} | ({"unit_kode": kode_unit} if kode_unit is not None else {})
    rows = store.current("lke_rekomendasi", **where)
    if rows.empty:
        return pd.DataFrame(columns=KOLOM_REKOMENDASI)
    out = rows.rename(columns={"unit_kode": "kode_unit"}).astype({"tahun": int, "komponen": int, "nomor": int})
    out = out.sort_values(["kode_unit", "komponen", "nomor"], kind="stable").reset_index(drop=True)
    out["status"] = _status(store, out)
    return out[KOLOM_REKOMENDASI]
