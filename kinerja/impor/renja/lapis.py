"""Two or more numbered indicators written in one cell ("1. … ⏎2. …") whose numbers are written the
same way, one line each ("80⏎12" under the target, "%⏎unit" under the satuan): each indicator
takes its own line of every such cell. A cell whose lines do not match the indicators one to one
(three lines for two indicators, two lines for a single one) stops the file at that cell (I05):
which number belongs to which indicator would be a guess. Cells of one value (the program's
Rupiah) stay with the first indicator, as before.
"""

from __future__ import annotations

from kinerja.core.parsing import parse_value
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import sel

__all__ = ["angka_per_baris", "nilai_indikator", "satuan_indikator"]


def angka_per_baris(raw) -> list[float | None] | None:
    """The numbers of a cell written one per line ("80⏎12"; "-" a blank line's nil), None unless
    it has two lines or more and every one is a number or "-".

    Examples
    --------
    >>> angka_per_baris("80\\n12"), angka_per_baris("1.250,5\\n-"), angka_per_baris("80 12"), angka_per_baris("80\\nx")
    ([80.0, 12.0], [1250.5, None], None, None)
    """
    if not isinstance(raw, str) or "\n" not in raw.strip():
        return None
    out: list[float | None] = []
    for line in (x.strip() for x in raw.strip().splitlines()):
        if line in ("-", "\u2013", "\u2014"):
            out.append(None)
            continue
        parsed = parse_value(line)
        if parsed.jenis not in ("angka", "persen", "rupiah", "satuan") or parsed.nilai != parsed.nilai:
            return None
        out.append(float(parsed.nilai))
    return out


def nilai_indikator(row: dict, i: int, n_parts: int, ws: str, p: Penampung) -> dict:
    """The numbers of the ``i``-th of the ``n_parts`` indicators of ``row``'s cell: its line of each
    cell written one number per line, and (the first indicator only) every other number."""
    lapis = row.get("lapis") or {}
    if i == 0:
        for key, values in lapis.items():
            if len(values) != n_parts:
                p.galat("I05", ws, sel(row["r"], row["kol"][key]),
                        f"sel berisi {len(values)} angka satu per baris, sedangkan sel indikator baris {row['r']} "
                        f"berisi {n_parts} indikator (\u201c{pendek(row['indikator'], 60)}\u201d); angka mana milik "
                        "indikator mana tidak dapat dipastikan: tulis setiap indikator di barisnya sendiri")
    own = {key: values[i] for key, values in lapis.items() if len(values) == n_parts}
    return (dict(row["v"]) if i == 0 else {}) | own


def satuan_indikator(row: dict, i: int, n_parts: int) -> str:
    """The ``i``-th indicator's satuan: its line of a satuan cell written one per line ("%⏎unit")
    when the lines match the indicators, else the cell."""
    lines = [x.strip() for x in row.get("satuan_baris", []) if x.strip()]
    return lines[i] if n_parts > 1 and len(lines) == n_parts else row["satuan"]
