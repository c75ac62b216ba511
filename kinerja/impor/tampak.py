"""An import reads what a reader of the workbook sees, and says where Excel shows otherwise.

* I43: a hidden or very hidden sheet is never read. When it is the only sheet the reader
  would take, the file is refused naming it; when a visible sheet is read instead, a
  warning names the hidden one.
* I44 (warnings): rows the reader took that Excel hides, hidden columns it read, merged
  ranges over cells it read (Excel shows only the top-left value). Pemda's own files hide
  rows of unbudgeted activities and merge a program's pagu over its indicators as a matter
  of course, so these are named at their cells and counted, not refused.

The sheet's states, hidden rows and columns and merged ranges are those of
:mod:`kinerja.formulir.tampak` (``Grid.tampilan``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from openpyxl.utils import get_column_letter

from kinerja.formulir.masalah import Penampung, pendek, sebut_terbatas
from kinerja.impor.lembar import Grid, sel

__all__ = ["periksa_tampak", "pilih_tampak"]



def pilih_tampak(grids: list[Grid], p: Penampung, cocok: Callable[[Grid], bool]) -> list[Grid]:
    """The visible sheets of ``grids``; every hidden sheet ``cocok`` would take is named (I43):
    an error when no visible sheet would be taken, else a warning."""
    visible = [g for g in grids if g.tampak]
    hidden = [g for g in grids if not g.tampak and (g.nilai or g.rumus) and cocok(g)]
    if not hidden:
        return visible
    fallback = any(cocok(g) for g in visible)
    for g in hidden:
        how = "veryHidden" if g.tampilan is not None and g.tampilan.keadaan == "veryHidden" else "hidden"
        if fallback:
            p.peringatan("I43", g.lembar, "", f"lembar \u201c{pendek(g.lembar, 40)}\u201d disembunyikan ({how}) dan "
                         "berisi data yang serupa; yang dibaca hanya lembar yang tampak")
        else:
            p.galat("I43", g.lembar, "", f"lembar \u201c{pendek(g.lembar, 40)}\u201d yang berisi data ini "
                    f"disembunyikan ({how}), sehingga yang akan dimuat bukan yang terlihat; tampilkan lembarnya "
                    "di Excel (klik kanan tab lembar, Unhide) atau salin isinya ke lembar yang tampak")
    return visible


def periksa_tampak(grid: Grid, rows: Iterable[int], cols: Iterable[int], p: Penampung) -> None:
    """I44: among the rows and columns a reader took from ``grid``, those Excel hides, and
    the merged ranges over them, each named at its cell (warnings)."""
    view = grid.tampilan
    if view is None:
        return
    rows, cols = sorted(set(rows)), sorted(set(c for c in cols if c))
    if not rows or not cols:
        return
    first = cols[0]
    hidden_rows = [(sel(r, first), f"baris {r} disembunyikan di Excel tetapi dibaca; periksa isinya atau tampilkan "
                    "barisnya (Unhide)") for r in rows if view.baris_tersembunyi(r)]
    sebut_terbatas(p, "I44", grid.lembar, hidden_rows, "baris tersembunyi", "peringatan")
    hidden_cols = [(sel(rows[0], c), f"kolom {get_column_letter(c)} disembunyikan di Excel tetapi dibaca; periksa "
                    "isinya atau tampilkan kolomnya (Unhide)") for c in cols if view.kolom_tersembunyi(c)]
    sebut_terbatas(p, "I44", grid.lembar, hidden_cols, "kolom tersembunyi", "peringatan")
    merged = []
    for r1, c1, r2, c2 in sorted(view.gabungan):
        read_row = bisect_left(rows, r1) < len(rows) and rows[bisect_left(rows, r1)] <= r2
        read_col = bisect_left(cols, c1) < len(cols) and cols[bisect_left(cols, c1)] <= c2
        if (r1, c1) == (r2, c2) or not (read_row and read_col):
            continue
        merged.append((f"{sel(r1, c1)}:{sel(r2, c2)}", f"sel digabung (merge) di baris data; yang dibaca hanya isi "
                       f"sel kiri atas {sel(r1, c1)}, seperti yang ditampilkan Excel; periksa bahwa nilainya memang "
                       "untuk seluruh gabungan"))
    sebut_terbatas(p, "I44", grid.lembar, merged, "gabungan sel", "peringatan")
