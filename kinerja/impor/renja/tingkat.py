"""The hierarchy of a Renja evaluation's rows, urusan → program → kegiatan → sub kegiatan,
which the form shows only by position and by SUM rows: each row's ``tingkat``, its parent
(``induk_r``), program and kegiatan. Parents come from SUM formulas where the file has them,
else from the pagu the rows below add up to, else from position.
"""

from __future__ import annotations

import re

from kinerja.impor.lembar import Grid, sel

__all__ = ["tetapkan_tingkat"]

_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


def _anak(grid: Grid, r: int, c: int | None) -> list[int]:
    """Rows a SUM-like formula in (r, c) adds up, in the same column."""
    if c is None:
        return []
    formula = grid.rumus.get((r, c), "")
    if not formula:
        return []
    letter = sel(1, c)[:-1]
    rows: list[int] = []
    for a, r1, b, r2 in _REF.findall(formula.upper()):
        if a != letter:
            continue
        start, end = int(r1), int(r2) if r2 else int(r1)
        rows.extend(range(start, end + 1) if b == letter or not b else [])
    return [x for x in rows if x != r]


def tetapkan_tingkat(grid: Grid, rows: list[dict], rp_cols: list[int]) -> None:
    """Urusan, program, kegiatan or sub kegiatan for every row, from SUM formulas where the
    file has them, else from the sums the values make, and from position."""
    index = {row["r"]: i for i, row in enumerate(rows)}
    parent: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    with_formulas = any(c in rp_cols for (_, c) in grid.rumus)
    for row in rows:
        kids = next((found for c in rp_cols if (found := [k for k in _anak(grid, row["r"], c) if k in index])), [])
        if kids:
            children[row["r"]] = kids
            for k in kids:
                parent.setdefault(k, row["r"])
    if not with_formulas and rp_cols:
        _anak_jumlah(rows, parent, children)
    _beri_tingkat(rows, index, parent, children)


def _anak_jumlah(rows: list[dict], parent: dict[int, int], children: dict[int, list[int]]) -> None:
    """Values pasted without formulas: a row whose pagu is the sum of the rows right below it
    (up to the next program) is their kegiatan; adds to ``parent`` and ``children``."""
    pagu = [row["v"].get((8, "rp")) or row["v"].get((6, "rp")) for row in rows]
    for i, row in enumerate(rows):
        if _program(row) or not pagu[i] or pagu[i] <= 0 or row["r"] in parent:
            continue
        total, kids = 0.0, []
        for j in range(i + 1, len(rows)):
            if _program(rows[j]) or _urusan(rows[j]) or rows[j]["lanjutan"]:
                break
            total += pagu[j] or 0.0
            kids.append(rows[j]["r"])
            if total >= pagu[i] - 0.5:
                break
        if kids and abs(total - pagu[i]) <= 0.5:
            children[row["r"]] = kids
            for k in kids:
                parent[k] = row["r"]


def _beri_tingkat(rows: list[dict], index: dict[int, int], parent: dict[int, int],
                  children: dict[int, list[int]]) -> None:
    """Each row's ``tingkat``, ``induk_r``, ``program_r`` and ``kegiatan_r`` from the parents
    found and, where none was, from the rows above it."""
    level: dict[int, str] = {}
    current_program, current_kegiatan = None, None
    for row in rows:
        r = row["r"]
        if row["lanjutan"] and level:
            prev = rows[index[r] - 1]["r"]
            level[r] = level[prev]
            row["induk_r"] = rows[index[r] - 1].get("induk_r")
            continue
        kids = children.get(r, [])
        if _program(row) or (kids and any(k in children for k in kids) and not _urusan(row)):
            level[r] = "program" if _program(row) or row["indikator"] else "urusan"
        elif _urusan(row):
            level[r] = "urusan"
        elif kids:
            level[r] = "kegiatan"
        elif r in parent:
            level[r] = {"kegiatan": "subkegiatan", "program": "kegiatan"}.get(level.get(parent[r], ""), "subkegiatan")
        else:
            level[r] = "subkegiatan" if current_kegiatan is not None else "kegiatan"
        if level[r] in ("program", "urusan"):
            current_program = r if level[r] == "program" else None
            current_kegiatan = None
        elif level[r] == "kegiatan":
            current_kegiatan = r
        row["induk_r"] = parent.get(r) or (current_kegiatan if level[r] == "subkegiatan" else
                                             current_program if level[r] == "kegiatan" else None)
        row["program_r"] = current_program
        row["kegiatan_r"] = current_kegiatan if level[r] == "subkegiatan" else None
    for row in rows:
        row["tingkat"] = level[row["r"]]


def _program(row: dict) -> bool:
    return row["uraian"].lower().startswith("program") and not row["lanjutan"]


def _urusan(row: dict) -> bool:
    return not row["indikator"] and not row["satuan"] and not _program(row)
