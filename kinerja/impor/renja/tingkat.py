"""The hierarchy of a Renja evaluation's rows, urusan → program → kegiatan → sub kegiatan,
which the form shows only by position and by SUM rows: each row's ``tingkat``, its parent
(``induk_r``), program and kegiatan. A full code in the Kode column (54/2010, RKPD) says the
level; else parents come from SUM formulas where the file has them, else from the pagu the rows
below add up to, else from position.
"""

from __future__ import annotations

import re

from kinerja.impor.lembar import Grid, sel

__all__ = ["dari_kode", "tetapkan_tingkat"]

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
    (up to the next program) is their kegiatan, an urusan whose pagu is the sum of the urusan or
    programs below it their urusan, and a program whose pagu is the sum of every row
    down to the next program (a SUM over its kegiatan, none with sub kegiatan) their program; adds
    to ``parent`` and ``children``. A row's pagu is the year's (8), else, where that cell is blank,
    the Renstra's (6), and the rows below are summed in the same column: a row whose year pagu is
    0 must not add its Renstra pagu to a sum."""
    for i, row in enumerate(rows):
        if (row["r"] in parent and not _urusan(row)) or row["lanjutan"]:
            continue  # (an urusan under another still sums its own programs)
        role = 8 if row["v"].get((8, "rp")) is not None else 6
        own = row["v"].get((role, "rp"))
        if not own or own <= 0:
            continue
        kids = _dijumlah_kepala(rows, i, role, own) if _urusan(row) else _dijumlah(rows, i, role, own)
        if kids:
            children[row["r"]] = kids
            for k in kids:
                parent[k] = row["r"]


def _dijumlah_kepala(rows: list[dict], i: int, role: int, own: float) -> list[int]:
    """The urusan or programs below the urusan ``rows[i]`` (whichever comes first under it)
    whose pagu in column ``role`` add up to ``own``, skipping the rows under each; [] when they do
    not add up before an urusan above the kind summed."""
    heads = [j for j in range(i + 1, len(rows)) if _urusan(rows[j]) or _program(rows[j])]
    if not heads:
        return []
    kind = _urusan(rows[heads[0]])
    total, kids = 0.0, []
    for j in heads:
        if _urusan(rows[j]) != kind:
            if kind:
                continue  # a program under one of the urusan summed
            break  # an urusan after programs: the next urusan's programs follow
        total += rows[j]["v"].get((role, "rp")) or 0.0
        kids.append(rows[j]["r"])
        if total >= own - 0.5:
            break
    return kids if abs(total - own) <= 0.5 else []


def _dijumlah(rows: list[dict], i: int, role: int, own: float) -> list[int]:
    """The rows below ``rows[i]`` whose pagu in column ``role`` add up to ``own``: for a program
    every row to the next program or urusan, for any other row the rows up to where the sum is
    reached (never past a continued indicator's row); [] when they do not add up."""
    total, kids = 0.0, []
    for j in range(i + 1, len(rows)):
        if _program(rows[j]) or _urusan(rows[j]) or (rows[j]["lanjutan"] and not _program(rows[i])):
            break
        total += rows[j]["v"].get((role, "rp")) or 0.0
        kids.append(rows[j]["r"])
        if not _program(rows[i]) and total >= own - 0.5:
            break
    return kids if kids and abs(total - own) <= 0.5 else []


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
        if (by_code := dari_kode(row.get("kode", ""))) is not None:
            level[r] = by_code
        elif _program(row) or (kids and any(k in children for k in kids) and not _urusan(row)):
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


def dari_kode(kode: str) -> str | None:
    """The level a Permendagri 90/Kepmendagri 050 code in one cell names: ``X.XX.01`` program,
    ``X.XX.01.2.02`` kegiatan, ``X.XX.01.2.02.0001`` sub kegiatan, trailing zero parts
    not counted; a seventh part is an indicator's number ("X.XX.01.2.01.00.02"). None for
    anything else (a code split over several cells, no code).

    Examples
    --------
    >>> [dari_kode(k) for k in ("X.XX.01.0.00.00.01", "X.XX.01.2.02.00.01", "1.01.02.2.01.0003", "1", "")]
    ['program', 'kegiatan', 'subkegiatan', None, None]
    """
    parts = kode.strip().split(".")
    if not 3 <= len(parts) <= 7 or not all(p.strip() for p in parts):
        return None
    parts = parts[:6]
    while len(parts) > 3 and set(parts[-1]) <= {"0"}:
        parts.pop()
    return {3: "program", 5: "kegiatan", 6: "subkegiatan"}.get(len(parts))


def _program(row: dict) -> bool:
    return row["uraian"].lower().startswith("program") and not row["lanjutan"]


def _urusan(row: dict) -> bool:
    return not row["indikator"] and not row["satuan"] and not _program(row)
