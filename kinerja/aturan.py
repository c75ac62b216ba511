"""Comparisons shared by ingest, reviu and documents: one function, one tolerance.

Whether two amounts are "the same" (a target against the Renstra's, monthly targets
against the annual one, a CRAAPK target against the RAAPK's) is decided here and nowhere
else, so a value accepted at ingest is never called different by a reviu finding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["TOLERANSI_MUTLAK", "TOLERANSI_RELATIF", "berbeda"]

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
    limit = np.maximum(np.abs(b) * TOLERANSI_RELATIF, TOLERANSI_MUTLAK)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(a) & ~np.isnan(b) & (np.abs(a - b) > limit)
