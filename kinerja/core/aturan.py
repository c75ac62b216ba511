"""Comparisons shared by ingest, reviu and documents: one function, one tolerance.

Whether two amounts are "the same" (a target against the Renstra's, monthly targets
against the annual one, a CRAAPK target against the RAAPK's) is decided here and nowhere
else, so a value accepted at ingest is never called different by a reviu finding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["TOLERANSI_MUTLAK", "TOLERANSI_RELATIF", "berbeda", "jauh", "satuan_berbeda", "tidak_kurang"]

# Two amounts differ when they are further apart than 1e-6 of the reference, and never
# by less than half a hundredth (what a two-decimal display could hide).
TOLERANSI_RELATIF = 1e-6
TOLERANSI_MUTLAK = 0.005


def berbeda(nilai, acuan) -> np.ndarray:
    """True where ``nilai`` and ``acuan`` are both known and differ beyond the tolerance.

    A missing value on either side is not a difference here (the checks that need a value
    say so themselves).

    Examples
    --------
    >>> berbeda([6.5, 6.5, 48.0, np.nan], [6.50, 6.504, 4.0, 1.0]).tolist()
    [False, False, True, False]
    """
    a = np.asarray(pd.to_numeric(pd.Series(np.asarray(nilai, dtype=object).ravel()), errors="coerce"), dtype=float)
    b = np.asarray(pd.to_numeric(pd.Series(np.asarray(acuan, dtype=object).ravel()), errors="coerce"), dtype=float)
    limit = _batas(b)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(a) & ~np.isnan(b) & (np.abs(a - b) > limit)


def _batas(acuan: np.ndarray) -> np.ndarray:
    """How far apart two amounts may be around ``acuan`` and still count as the same."""
    return np.maximum(np.abs(acuan) * TOLERANSI_RELATIF, TOLERANSI_MUTLAK)


def tidak_kurang(nilai, acuan) -> np.ndarray:
    """True where ``nilai`` reaches ``acuan``: both known and ``nilai`` not below it beyond
    the tolerance of :func:`berbeda` (so a value :func:`berbeda` calls equal is reached).

    Parameters
    ----------
    nilai, acuan : array-like of float
        The amounts compared, broadcast against each other.

    Returns
    -------
    numpy.ndarray of bool
        False where either side is missing.

    Examples
    --------
    >>> tidak_kurang([99.99999999999999, 99.996, 99.99, 101.0, np.nan], 100.0).tolist()
    [True, True, False, True, False]
    """
    a, b = np.asarray(nilai, dtype=float), np.asarray(acuan, dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(a) & ~np.isnan(b) & (a >= b - _batas(b))


def jauh(nilai, acuan, kali: float = 10.0) -> np.ndarray:
    """True where both are positive and one is at least ``kali`` times the other: a value an
    order of magnitude off its plan, as a mistyped or mis-scaled number is (ingest rule V47,
    the documents' plausibility check against the Renstra).

    Examples
    --------
    >>> jauh([4.0, 48.0, 0.0, 600.0], [48.0, 50.0, 10.0, 50.0]).tolist()
    [True, False, False, True]
    """
    a, b = np.asarray(nilai, dtype=float), np.asarray(acuan, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = a / b
    return (a > 0) & (b > 0) & ((ratio >= kali) | (ratio <= 1 / kali))


_SATUAN_SAMA = {"persen": "%", "prosen": "%", "rupiah": "rp", "rp.": "rp"}


def satuan_berbeda(satuan, acuan) -> np.ndarray:
    """True where two satuan are both written and name different units: case, spacing and the
    usual spellings of one unit (``%``, ``persen``; ``Rp``, ``rupiah``) are not a difference.

    Examples
    --------
    >>> satuan_berbeda(["%", "Orang ", "orang", "", "Dokumen"], ["Persen", "orang", "jiwa", "kasus", None]).tolist()
    [False, False, True, False, False]
    """
    def baku(values) -> np.ndarray:
        text = pd.Series(list(values), dtype=object).map(lambda v: " ".join(str(v).split()).lower()
                                                         if v is not None and v == v else "")
        return text.map(lambda t: _SATUAN_SAMA.get(t, t)).to_numpy(dtype=object)

    a, b = baku(satuan), baku(acuan)
    return (a != "") & (b != "") & (a != b)
