"""Where in a workbook a value was read: a cell reference as Excel writes it.

Every number kinerja reads from someone's file keeps the cells it came from, so that a user can
check it against the printed file and a document can cite it (the long table of an import, the
store's ``sel`` column): ``Lembar!F12`` for one cell, ``Lembar!J12+K12`` or
``Lembar!F12:F40+F44`` for a sum of cells, the sheet quoted when its name is not one word
(``'Isian Kinerja'!F12``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from openpyxl.utils import get_column_letter

__all__ = ["rujukan", "rujukan_kolom"]


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
    return f"{_lembar(lembar)}!{'+'.join(parts)}"


def rujukan_kolom(lembar: str, kolom: int, baris: pd.Series) -> pd.Series:
    """The reference of each row's cell in column ``kolom`` (1-based) of sheet ``lembar``; None
    where the row is not known (NaN).

    Examples
    --------
    >>> rujukan_kolom("PK", 4, pd.Series([12, None])).tolist()
    ['PK!D12', None]
    """
    head = f"{_lembar(lembar)}!{get_column_letter(kolom)}"
    return baris.map(lambda r: None if pd.isna(r) else f"{head}{int(r)}").astype(object)
