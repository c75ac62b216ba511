"""Capaian (achievement) engine, vectorised over DataFrames (docs/metodologi.md §2).

All polarities share one rule. The target defines a band ``[lo, hi]`` (a point target
has ``lo == hi``; a range ``a–b`` or ``m±d`` has ``lo = a``, ``hi = b``):

* realisasi inside the band gives 100;
* below the band, the formula runs against ``lo``; above it, against ``hi``;
* the formula is ``positif`` (R / T × 100) or ``negatif`` ((2T − R) / T × 100), both as
  in Peraturan Bupati Buleleng Nomor 59 Tahun 2023; ``stabil`` uses ``positif`` below the band and ``negatif`` above it;
* ``kualitatif`` compares ranks on an ordinal scale: rank(R) / rank(T) × 100.

For T > 0 both formulas are the regulations' verbatim; they are written as
100 ± (R − T) / |T| × 100 so that a negative target (e.g. pertumbuhan −2 %) still
rises (positif) or falls (negatif) with realisasi; such rows carry a flag.

Conventions, each leaving a :class:`~kinerja.core.catatan.Catatan` bit: target 0
(negatif: R = 0 → 100, R > 0 → 0; positif: NaN), missing realisasi (NaN, never 0),
negatif below 0 reported as 0, polarity inferred from a bound or a range, optional
cap (off by default, never silent). Full precision is kept; round only for display.

This module holds the entry points (a table, one value, a user's file, "target met", the
direction of a change); the rule runs over whole columns in :mod:`kinerja.core.capaian_kolom`.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from kinerja.core.catatan import render_catatan
from kinerja.core.capaian_kolom import _KOSONG, _capaian_parsed, _polaritas_codes
from kinerja.core.parsing import Desimal, parse_value
from kinerja.core.parsing_kolom import parse_column
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.core.aturan import tidak_kurang
from kinerja.core.berkas import cari_kolom

__all__ = ["arah_kinerja", "capaian", "capaian_tabel", "hitung_capaian", "memenuhi_target", "tercapai"]


def _cap_values(batas: float | str | pd.Series | None, data: pd.DataFrame) -> np.ndarray | None:
    n = len(data)
    if batas is None:
        return None
    if isinstance(batas, pd.Series):
        return parse_column(batas).nilai
    if isinstance(batas, str) and batas in data.columns:
        return parse_column(data[batas]).nilai
    return np.full(n, float(batas))


def hitung_capaian(
    data: pd.DataFrame,
    *,
    target: Hashable = "target",
    realisasi: Hashable = "realisasi",
    polaritas: Hashable | None = "polaritas",
    batas_capaian: float | str | pd.Series | None = None,
    desimal: Desimal = None,
) -> pd.DataFrame:
    """Capaian for every row of ``data``, with the reason wherever a number is withheld.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per indicator and period.
    target, realisasi : hashable
        The columns holding the target and realisasi, as numbers or as text written in
        reports.
    polaritas : hashable or None
        An optional column of polaritas (absent or blank: inferred from the target).
    batas_capaian : float, str or pandas.Series, optional
        A cap: a number for the whole run, a column name or a Series for a cap per
        indicator (NaN rows uncapped); None caps nothing.
    desimal : {",", "."}, optional
        Forces the decimal separator of text values.

    Returns
    -------
    pandas.DataFrame
        On ``data``'s index: ``capaian`` (float, NaN where undefined),
        ``polaritas_dipakai``, ``target_nilai`` and ``realisasi_nilai`` (the numbers
        read; NaN for ranges, grades and blanks), ``target_dipakai`` (the T the formula
        used), ``kode`` (int flags, :class:`~kinerja.core.catatan.Catatan`) and
        ``catatan`` (the flags in Indonesian).

    Examples
    --------
    >>> t = pd.DataFrame({"target": ["80", "kurang dari 49", "3±1", "WTP"],
    ...                   "realisasi": ["70", "40", "4,6", "WDP"],
    ...                   "polaritas": ["positif", None, "stabil", "kualitatif"]})
    >>> hitung_capaian(t)["capaian"].round(2).tolist()
    [87.5, 118.37, 85.0, 75.0]
    """
    t = parse_column(data[target], desimal)
    r = parse_column(data[realisasi], desimal)
    if polaritas is not None and polaritas in data.columns:
        pol_in = _polaritas_codes(data[polaritas])
    else:
        pol_in = np.full(len(data), _KOSONG, dtype=np.int8)
    out = _capaian_parsed(t, r, pol_in, _cap_values(batas_capaian, data))
    out["catatan"] = render_catatan(out["kode"], data[target], data[realisasi])
    return out


def capaian(
    target: object,
    realisasi: object,
    polaritas: str | None = None,
    *,
    batas_capaian: float | None = None,
    desimal: Desimal = None,
) -> float:
    """Capaian of one indicator, in percent, by its polaritas (docs/metodologi.md §2).

    Parameters
    ----------
    target : number or str
        The target as written in a report: ``80``, ``"87,5%"``, ``"375 juta"``,
        ``"kurang dari 49"``, a range ``"60–85"`` or ``"3±1"``, a grade ``"WTP"``.
    realisasi : number or str
        The realisasi, written the same way.
    polaritas : str, optional
        ``positif`` (more is better), ``negatif``, ``stabil`` (a band) or ``kualitatif``;
        None infers it from how the target is written.
    batas_capaian : float, optional
        A cap on the result (e.g. 120); None caps nothing.
    desimal : {",", "."}, optional
        Forces the decimal separator of text values.

    Returns
    -------
    float
        The capaian in percent; NaN where it is undefined (a blank, a target of 0, an
        unreadable value). :func:`hitung_capaian` gives the reason with every row.

    Examples
    --------
    >>> round(capaian("375 juta", "350 juta"), 2)
    93.33
    >>> capaian(80, 100, "positif"), capaian(10, 8, "negatif")
    (125.0, 120.0)
    """
    frame = pd.DataFrame(
        {"target": pd.Series([target], dtype=object), "realisasi": pd.Series([realisasi], dtype=object),
         "polaritas": [polaritas]}
    )
    result = hitung_capaian(frame, batas_capaian=batas_capaian, desimal=desimal)
    return float(result["capaian"].iloc[0])


def capaian_tabel(
    data: pd.DataFrame,
    *,
    skala: str | SkalaPredikat = DEFAULT_SKALA,
    batas_capaian: float | None = None,
    desimal: Desimal = None,
    sumber: str = "",
) -> pd.DataFrame:
    """A user's table with ``capaian``, ``predikat`` and ``catatan`` added.

    Finds the columns ``target``, ``realisasi`` and the optional ``polaritas`` and
    ``batas_capaian`` whatever their case. Without ``polaritas``, a table that names its
    indicators (``indikator``, ``nama indikator``, ``nama``) has each polarity guessed from
    the name as ``kinerja impor`` does, and the output says so per row (``polaritas``,
    ``polaritas_sumber``). A per-row ``batas_capaian`` wins over the
    run-level one. Input columns already called capaian/predikat/catatan are kept,
    renamed with the suffix `` (berkas)``. ``sumber`` names the file in error messages.

    Examples
    --------
    >>> t = pd.DataFrame({"Target": ["80", "kurang dari 49"], "Realisasi": ["70", "40"]})
    >>> capaian_tabel(t)[["capaian", "predikat"]].round(2).values.tolist()
    [[87.5, 'Tinggi'], [118.37, 'Sangat Tinggi']]
    """
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    tcol = cari_kolom(data, "target", sumber=sumber)
    rcol = cari_kolom(data, "realisasi", sumber=sumber)
    pcol = cari_kolom(data, "polaritas", wajib=False)
    guessed = _tebak_polaritas(data) if pcol is None else None
    if guessed is not None:  # polarity from the indicator's name, as kinerja impor guesses it
        data = data.assign(**{_POL_TEBAK: guessed["polaritas"]})
        pcol = _POL_TEBAK
    ccol = cari_kolom(data, "batas_capaian", wajib=False)
    batas: float | pd.Series | None = batas_capaian
    if ccol is not None:
        per_row = pd.Series(parse_column(data[ccol]).nilai, index=data.index)
        batas = per_row if batas_capaian is None else per_row.fillna(batas_capaian)
    result = hitung_capaian(data, target=tcol, realisasi=rcol, polaritas=pcol, batas_capaian=batas, desimal=desimal)
    clashes = {"capaian", "predikat", "catatan"}
    out = data.rename(columns={c: f"{c} (berkas)" for c in data.columns if str(c).strip().lower() in clashes})
    out["capaian"] = result["capaian"]
    out["predikat"] = scale.predikat(result["capaian"])
    out["catatan"] = result["catatan"].astype(object)
    if guessed is not None:
        out = out.drop(columns=[_POL_TEBAK])
        out["polaritas"] = guessed["polaritas"]
        out["polaritas_sumber"] = ("ditebak dari nama indikator"
                                   + guessed["alasan"].map(lambda a: f" ({a})" if a else "")).where(
                                       guessed["polaritas_sumber"] == "ditebak", "daftar tetap parameters/polaritas.yaml")
    return out


_POL_TEBAK = "\x00polaritas"  # a column name no table has
_KOLOM_NAMA = ("indikator", "nama indikator", "indikator kinerja", "nama")


def _tebak_polaritas(data: pd.DataFrame) -> pd.DataFrame | None:
    """Polarity per row from the indicator's name (:func:`kinerja.core.polaritas.tebak_meta`),
    when the table names its indicators; None when it does not."""
    from kinerja.core.polaritas import tebak_meta

    ncol = next((c for c in (cari_kolom(data, n, wajib=False) for n in _KOLOM_NAMA) if c is not None), None)
    if ncol is None:
        return None
    scol = cari_kolom(data, "satuan", wajib=False)
    names = data[ncol].astype(object).where(data[ncol].notna(), "").astype(str)
    units = data[scol] if scol is not None else pd.Series("", index=data.index)
    return tebak_meta(names, units)


def memenuhi_target(capaian):
    """Whether a capaian meets its target: capaian ≥ 100 within the tolerance of
    :mod:`kinerja.core.aturan` (:func:`~kinerja.core.aturan.tidak_kurang`). The one test of
    "target met" for every table, count, narrative and page, so a capaian shown as
    "100,00" is never called missed.

    Parameters
    ----------
    capaian : float or array-like of float
        One capaian or a column of them (percent).

    Returns
    -------
    bool or None, or numpy.ndarray of bool
        For one value: True/False, None when it is NaN. For a column: a boolean array,
        False where capaian is NaN (write ``c.notna() & ~memenuhi_target(c)`` for "below").

    Examples
    --------
    >>> memenuhi_target(99.99999999999999), memenuhi_target(99.9), memenuhi_target(float("nan"))
    (True, False, None)
    >>> memenuhi_target(pd.Series([100.0, 80.0, np.nan])).tolist()
    [True, False, False]
    """
    value = np.asarray(capaian, dtype=float)
    met = tidak_kurang(value, 100.0)
    if value.ndim == 0:
        return None if np.isnan(value) else bool(met)
    return met


def tercapai(target: object, realisasi: object, polaritas: str | None = None) -> bool | None:
    """Whether ``realisasi`` meets ``target`` for the indicator's polarity and range
    (:func:`memenuhi_target` of its capaian); None when capaian cannot be computed.

    Examples
    --------
    >>> tercapai("3±1", "3,5", "stabil"), tercapai("3±1", "4,6", "stabil")
    (True, False)
    >>> tercapai("kurang dari 49", "40"), tercapai("80–90", "92", "positif")
    (True, True)
    """
    return memenuhi_target(capaian(target, realisasi, polaritas))


def arah_kinerja(baru: object, lama: object, polaritas: str | None = None, target: object = None) -> int | None:
    """Whether a change from ``lama`` to ``baru`` is better (+1), worse (−1) or neither (0),
    decided by the capaian engine: both values are measured against the same reference (the
    ``target`` when given, else ``lama`` itself) with the indicator's polarity, so a falling
    negatif indicator improves and a stabil one improves only towards its band. None when it
    cannot be judged (a stabil indicator without its band, values that are not numbers).

    Examples
    --------
    >>> arah_kinerja(6.1, 6.5, "negatif"), arah_kinerja(6.1, 6.5, "positif")
    (1, -1)
    >>> arah_kinerja(4.6, 3.5, "stabil", "3±1"), arah_kinerja(3.2, 1.5, "stabil", "3±1")
    (-1, 1)
    >>> arah_kinerja(3.2, 3.5, "stabil", "3±1")
    0
    >>> arah_kinerja("WTP", "WDP", "kualitatif")
    1
    >>> arah_kinerja(3.2, 3.5, "stabil") is None
    True
    """
    no_target = target is None or (not isinstance(target, str) and pd.isna(target))
    if no_target and polaritas in ("stabil", "rentang"):
        return None  # a band indicator is judged against its band only
    reference = lama if no_target else target
    now, before = capaian(reference, baru, polaritas), capaian(reference, lama, polaritas)
    if np.isnan(now) or np.isnan(before):
        return None
    if abs(now - before) > 1e-9:
        return 1 if now > before else -1
    # Both clipped to the same bound (a negatif value beyond twice its target): compare the values.
    a, b = parse_value(baru), parse_value(lama)
    if polaritas in ("positif", "negatif") and a.jenis == b.jenis == "angka" and a.nilai != b.nilai:
        return (1 if a.nilai > b.nilai else -1) * (1 if polaritas == "positif" else -1)
    return 0
