"""The data rows of a Renja evaluation, read below the header down to the signature block:
per row its uraian (a merged cell continued from the row above marked ``lanjutan``), indicator,
satuan, the sasaran in force and the numbers of columns (6)–(15) by part (K, Rp, %). A
``Perangkat Daerah:`` line gives the unit's name; a row with numbers but no uraian (a total) is
skipped and said so. The hierarchy of these rows is worked out by
:mod:`kinerja.impor.renja.tingkat`.
"""

from __future__ import annotations

import re
from functools import partial

from kinerja.formulir.masalah import Penampung
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.renja.kepala import kolom

__all__ = ["baca_baris"]

_TTD = re.compile(r"^(NIP\b|NIP\.|KEPALA\b|Kepala\s|Mengetahui|Plt\.?\s|Pembina|Penata|Pj\.?\s)|,\s.*\b20\d\d\s*$")


def baca_baris(grid: Grid, kepala: dict, p: Penampung) -> tuple[list[dict], list[int], int | None, str]:
    """The form's data rows (dicts: ``r``, ``sel``, ``uraian``, ``lanjutan``, ``indikator``,
    ``satuan``, ``sasaran``, ``v`` the numbers by (column number, part), ``kol`` their columns, ``no``), the rows
    skipped (their row numbers), the signature block's row (None without one) and the unit's name."""
    K = kepala["kolom"]
    col = partial(kolom, K)
    num_cols = sorted({c for n, parts in K.items() if n >= 6 for c in parts.values()})
    rows: list[dict] = []
    skipped: list[int] = []
    ttd = None
    sasaran = ""
    unit_nama = ""
    for r in range(kepala["mulai"], grid.baris_maks + 1):
        texts = {c: t for c in range(1, grid.kolom_maks + 1) if (t := grid.teks(r, c, gabung=False))}
        has_number = any(isinstance(grid.mentah(r, c), (int, float)) and grid.mentah(r, c) not in (0, 0.0)
                         for c in num_cols)
        if not texts and not any(grid.mentah(r, c) is not None for c in num_cols):
            continue
        if not has_number and any(_TTD.search(t) for t in texts.values()):
            ttd = r
            break
        if any(re.match(r"^(perangkat daerah|skpd|opd)\s*:", t, re.IGNORECASE) for t in texts.values()):
            unit_nama = next(t for t in texts.values() if ":" in t).split(":", 1)[1].strip()
            continue
        uraian = grid.teks(r, col(3)) if col(3) else ""
        lanjutan = col(3) is not None and (r, col(3)) in grid.gabung and grid.gabung[(r, col(3))][0] < r
        indikator = grid.teks(r, col(4), gabung=False) if col(4) else ""
        satuan = grid.teks(r, col(5), gabung=False) if col(5) else ""
        if col(2) and grid.teks(r, col(2), gabung=False):
            sasaran = grid.teks(r, col(2), gabung=False)
        if not uraian and not indikator:
            if any(grid.mentah(r, c) is not None for c in num_cols):
                skipped.append(r)
            continue
        rows.append({"r": r, "sel": sel(r, col(4) or 1), "uraian": uraian, "lanjutan": lanjutan,
                     "indikator": indikator, "satuan": satuan, "sasaran": sasaran, "v": _nilai(grid, r, K, p),
                     "kol": {(n, part): c for n, parts in K.items() for part, c in parts.items()},
                     "no": grid.teks(r, K[1]["k"], gabung=False) if 1 in K else ""})
    return rows, skipped, ttd, unit_nama


def _nilai(grid: Grid, r: int, K: dict, p: Penampung) -> dict:
    """Row ``r``'s numbers of columns (6)–(15) by (column number, part); a cell that is not a
    number is warned about (I03)."""
    values, problems = {}, []
    for n, parts in K.items():
        if not 6 <= n <= 15:  # (16) unit penanggung jawab, (17) keterangan: text, not numbers
            continue
        for part, c in parts.items():
            v, why = grid.angka(r, c)
            if why:
                problems.append((c, why))
            if part == "persen" and v is not None and (r, c) not in grid.persen and v > 1.5:
                v = v / 100.0  # written as 29 meaning 29 %
            values[(n, part)] = v
    for c, why in problems:
        p.peringatan("I03", grid.lembar, sel(r, c), why)
    return values
