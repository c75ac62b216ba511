"""Monthly realisasi that cannot be right as written: a negative zero, a zero after months of
data, a jump of an order of magnitude from the month before.

One rule for the two places that judge it: ingest warns at the cell of the CRAAPK (V73) and the
documents' plausibility check (:mod:`kinerja.core.kewajaran`) flags the indicator "perlu
diverifikasi" and keeps it out of every average until an evaluator confirms it. Indicators that
sum their months (agregasi ``jumlah``) are judged on the sign only: a month with no case, or ten
times the cases of the month before, is what such counts do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.aturan import jauh
from kinerja.core.formatting import format_nilai, nama_bulan

__all__ = ["realisasi_janggal"]

_NOL_MINUS = r"^\s*[-\u2212\u2013]\s*0+(?:[.,]0*)?\s*%?\s*$"
_SEBELUM = 2  # months of data before a zero that make the zero implausible


def realisasi_janggal(kelompok: pd.Series, bulan: pd.Series, teks: pd.Series, nilai: pd.Series,
                      agregasi: pd.Series) -> pd.Series:
    """Per row of monthly realisasi, why its value looks implausible ("" when it does not).

    ``kelompok`` names the indicator (rows of one indicator share it), ``teks`` is the
    realisasi as written, ``nilai`` its number (NaN when blank), ``agregasi`` the rule.

    Examples
    --------
    >>> k = pd.Series(["ikm"] * 4 + ["kasus"] * 2)
    >>> out = realisasi_janggal(k, pd.Series([1, 2, 3, 4, 1, 2]), pd.Series(["80", "81", "82", "-0", "3", "0"]),
    ...                         pd.Series([80.0, 81.0, 82.0, -0.0, 3.0, 0.0]), pd.Series(["akhir"] * 4 + ["jumlah"] * 2))
    >>> out.tolist()[3]
    'realisasi April tertulis "-0": nol bertanda minus; realisasi April 0 padahal 3 bulan sebelumnya terisi (terakhir 82)'
    >>> out.tolist()[:3] + out.tolist()[4:]
    ['', '', '', '', '']
    """
    frame = pd.DataFrame({"k": kelompok.to_numpy(), "b": bulan.to_numpy(), "t": teks.to_numpy(),
                          "v": pd.to_numeric(nilai, errors="coerce").to_numpy(dtype="float64"),
                          "a": agregasi.to_numpy()}).sort_values(["k", "b"], kind="stable")
    reported = frame["v"].notna()
    # Earlier reported months of the same indicator: how many, whether all were above zero, the last one.
    before = reported.astype(int).groupby(frame["k"]).cumsum() - reported.astype(int)
    zero_or_less = (frame["v"] <= 0) & reported
    nonpositive_before = zero_or_less.astype(int).groupby(frame["k"]).cumsum() - zero_or_less.astype(int)
    prev = frame.groupby("k", sort=False)["v"].ffill().groupby(frame["k"], sort=False).shift()  # the last month reported before
    counted = frame["a"].astype(str).eq("jumlah")
    minus_zero = frame["t"].astype(str).str.contains(_NOL_MINUS, regex=True, na=False) & reported
    zero_after = ~counted & (frame["v"] == 0) & (before >= _SEBELUM) & (nonpositive_before == 0)
    jump = ~counted & pd.Series(jauh(frame["v"], prev), index=frame.index)
    month = frame["b"].map(lambda m: nama_bulan(int(m)) if pd.notna(m) else "")
    shown_prev = pd.Series(format_nilai(prev), index=frame.index)
    shown = pd.Series(format_nilai(frame["v"]), index=frame.index)
    parts = [
        np.where(minus_zero, "realisasi " + month + " tertulis \"" + frame["t"].astype(str).str.strip()
                 + "\": nol bertanda minus", ""),
        np.where(zero_after, "realisasi " + month + " 0 padahal " + before.astype(str) + " bulan sebelumnya terisi "
                 "(terakhir " + shown_prev + ")", ""),
        np.where(jump, "realisasi " + month + " " + shown + " berubah sepuluh kali lipat atau lebih dari bulan "
                 "sebelumnya (" + shown_prev + ")", ""),
    ]
    out = pd.Series(parts[0], index=frame.index, dtype=object)
    for part in parts[1:]:
        out = out + np.where((out != "") & (part != ""), "; ", "") + part
    return out.reindex(range(len(frame))).set_axis(kelompok.index)
