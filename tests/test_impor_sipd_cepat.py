"""The SIPD reader's once-per-distinct-value helper (issue #22 item 8) gives per-row answers."""

import datetime as dt

import numpy as np
import pandas as pd

from kinerja.impor.sipd_jumlah import per_nilai


def test_per_nilai_keeps_values_that_hash_alike_apart_by_type():
    values = pd.Series([1, 1.0, True, "1", None, np.nan, 1, dt.date(2025, 1, 5)], dtype=object)
    got = per_nilai(lambda vs: [repr(v) for v in vs], values)
    assert list(got) == [repr(v) for v in values]


def test_per_nilai_on_pairs_and_on_nothing():
    a = pd.Series(["1.01", "1.01", "1.02", None], dtype=object)
    b = pd.Series(["1", "2", "1", "1"], dtype=object)
    got = per_nilai(lambda xs, ys: [str(x).startswith(f"{y}.") for x, y in zip(xs, ys)], a, b)
    assert list(got) == [True, False, True, False]
    assert len(per_nilai(lambda v: list(v), pd.Series([], dtype=object))) == 0
