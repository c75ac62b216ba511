"""A header's group headings spread over the columns they cover when the file keeps no merged
ranges: a pasted, CSV or .xls copy of a Renja evaluation writes "Realisasi Kinerja Pada
Triwulan" once, above the first of its sub-columns, and leaves the cells to its right blank.

Within the header block only (from the top of the "No" header down to the row above the
numbering row, never across it), an empty cell that is no part of a merged range takes the text
of the nearest cell to its left in the same row that has text of its own, as long as both
columns share the same headings in every row above (so "IV" over the last quarter does not run
on under the next group's heading) and no cell with its own text lies between. The result is a
copy of the grid whose ``gabung`` names these cells' source as a merged range would, so every
reader of header texts sees the same words in a merged and an unmerged copy.
"""

from __future__ import annotations

import dataclasses

from kinerja.impor.lembar import Grid

__all__ = ["atas_kepala", "sebar_kepala"]


def atas_kepala(grid: Grid, kepala: dict) -> int:
    """The top row of the column headers above the numbering row: where the header of the
    first numbered column ("No") starts, a merged range or not; the numbering row itself when
    that column has no header text (the title above is no header)."""
    first = kepala["nomor_kolom"][min(kepala["nomor_kolom"])]
    top = kepala["baris"]
    for r in range(kepala["baris"] - 1, max(0, kepala["baris"] - 7), -1):
        if grid.teks(r, first):
            top = grid.gabung.get((r, first), (r, first))[0]
        elif top < kepala["baris"]:
            break  # the "No" header ends here; above it is the title
    return top


def sebar_kepala(grid: Grid, kepala: dict) -> Grid:
    """``grid`` with every blank header cell covered by a group heading written once at its
    left named in ``gabung`` (see the module docstring); ``grid`` itself when nothing is."""
    top, bottom = atas_kepala(grid, kepala), kepala["baris"] - 1
    last = max(c1 for _, c1 in kepala["rentang"].values())
    tops = set(grid.gabung.values())
    source: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) -> the cell whose text it shows

    def asal(r: int, c: int) -> tuple[int, int] | None:
        if (r, c) in grid.gabung:
            return grid.gabung[(r, c)]
        if (r, c) in source:
            return source[(r, c)]
        return (r, c) if grid.teks(r, c, gabung=False) else None

    for r in range(top, bottom + 1):
        left = None  # the cell with its own text that a blank cell here would show
        for c in range(1, last + 1):
            if (r, c) in grid.gabung or (r, c) in tops:
                left = None  # a merged range says itself how far it reaches
            elif grid.teks(r, c, gabung=False):
                left = (r, c)
            elif left is not None and all(asal(rr, c) == asal(rr, left[1]) for rr in range(top, r)):
                source[(r, c)] = left
            else:
                left = None
    if not source:
        return grid
    return dataclasses.replace(grid, gabung={**grid.gabung, **source})
