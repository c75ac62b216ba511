"""Where in a workbook a value was read: a cell reference as Excel writes it.

Every number kinerja reads from someone's file keeps the cells it came from, so that a user can
check it against the printed file and a document can cite it (the long table of an import, the
store's ``sel`` column): ``Lembar!F12`` for one cell, ``Lembar!J12+K12`` or
``Lembar!F12:F40+F44`` for a sum of cells, the sheet quoted when its name is not one word
(``'Isian Kinerja'!F12``). A sum scattered over thousands of rows (an SKPD's total in an export
sorted by date) is cut after :data:`BATAS_RUJUKAN` characters: ``…+F900+… (1234 sel lagi)``;
its parts, the sub kegiatan rows, name their cells in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

__all__ = ["BATAS_RUJUKAN", "rujukan", "rujukan_kelompok", "rujukan_kolom"]


def _lembar(nama: str) -> str:
    """A sheet's name as a reference writes it: quoted unless it is one word."""
    return nama if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", nama) else "'" + nama.replace("'", "''") + "'"


def rujukan(lembar: str, sel: Iterable[tuple[int, int]]) -> str | None:
    """The reference of the cells ``sel`` ((row, column), 1-based) of sheet ``lembar``: one cell,
    or the cells of a sum joined by ``+`` with runs down a column written as a range.

    Examples
    --------
    >>> rujukan("Renja", [(12, 6)])
    'Renja!F12'
    >>> rujukan("Isian Kinerja", [(5, 10), (5, 11)])
    "'Isian Kinerja'!J5+K5"
    >>> rujukan("Sheet1", [(12, 6), (13, 6), (14, 6), (20, 6)])
    'Sheet1!F12:F14+F20'
    >>> rujukan("Sheet1", []) is None
    True
    """
    cells = sorted(set(sel), key=lambda rc: (rc[1], rc[0]))
    if not cells:
        return None
    parts, start = [], 0
    for i in range(1, len(cells) + 1):
        if i == len(cells) or cells[i] != (cells[i - 1][0] + 1, cells[i - 1][1]):
            first, last = cells[start], cells[i - 1]
            name = f"{get_column_letter(first[1])}{first[0]}"
            parts.append(name if first == last else f"{name}:{get_column_letter(last[1])}{last[0]}")
            start = i
    return f"{_lembar(lembar)}!{_jumlahan(parts, len(cells))}"


def rujukan_kolom(lembar: str, kolom: int, baris: pd.Series) -> pd.Series:
    """The reference of each row's cell in column ``kolom`` (1-based) of sheet ``lembar``; None
    where the row is not known (NaN).

    Examples
    --------
    >>> rujukan_kolom("PK", 4, pd.Series([12, None])).tolist()
    ['PK!D12', None]
    """
    head = f"{_lembar(lembar)}!{get_column_letter(kolom)}"
    return pd.Series([None if pd.isna(r) else f"{head}{int(r)}" for r in baris], index=baris.index, dtype=object)


def rujukan_kelompok(lembar: str, kolom: int, kelompok, baris) -> pd.Series:
    """The reference of each group's cells in column ``kolom`` of sheet ``lembar``, as
    :func:`rujukan` writes a sum, for many groups at once (vectorised: an export of 50.000
    rows summed per sub kegiatan, program and SKPD). ``kelompok`` is each row's group number
    (``groupby(...).ngroup()``), ``baris`` its sheet row; indexed by group number.

    Examples
    --------
    >>> rujukan_kelompok("Data", 15, [0, 1, 0, 0], [5, 6, 7, 8]).tolist()
    ['Data!O5+O7:O8', 'Data!O6']
    """
    gid, rows = np.asarray(kelompok, dtype=np.int64), np.asarray(baris, dtype=np.int64)
    order = np.lexsort((rows, gid))
    gid, rows = gid[order], rows[order]
    start = np.r_[True, (gid[1:] != gid[:-1]) | (rows[1:] != rows[:-1] + 1)]
    end = np.r_[start[1:], True]
    letter, head = get_column_letter(kolom), f"{_lembar(lembar)}!"
    runs = [f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}"
            for a, b in zip(rows[start].tolist(), rows[end].tolist())]
    groups = gid[start]  # sorted: each group's runs are contiguous
    cuts = [*np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]).tolist(), len(runs)]
    sizes = rows[end] - rows[start] + 1
    counts = np.add.reduceat(sizes, cuts[:-1]) if len(runs) else sizes
    return pd.Series([head + _jumlahan(runs[a:b], int(n)) for a, b, n in zip(cuts, cuts[1:], counts)],
                     index=groups[cuts[:-1]], dtype=object)


# A sum's reference is cut here (Excel holds 32.767 characters in a cell; nobody reads more):
# its first runs, then how many cells it leaves out.
BATAS_RUJUKAN = 2000


def _jumlahan(parts: list[str], n: int) -> str:
    """The runs of a sum of ``n`` cells joined by ``+``, cut at :data:`BATAS_RUJUKAN` characters."""
    text = "+".join(parts)
    if len(text) <= BATAS_RUJUKAN:
        return text
    kept = text[:BATAS_RUJUKAN].rsplit("+", 1)[0]
    left = n - sum(_banyak(x) for x in kept.split("+"))
    return f"{kept}+… ({left} sel lagi)"


def _banyak(run: str) -> int:
    """How many cells a run (``F12`` or ``F12:F40``) holds."""
    a, _, b = run.partition(":")
    return int(re.sub(r"\D", "", b)) - int(re.sub(r"\D", "", a)) + 1 if b else 1
