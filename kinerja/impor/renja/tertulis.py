"""What a Renja evaluation prints about its own year, held against what kinerja computes.

* The printed realisasi of the year (86/2017 column (13), 54/2010 column 12) is the file's
  statement. :func:`cocokkan_tertulis` checks it against the year kinerja makes of the quarters
  by the indicator's agregasi. When they differ and the agregasi was guessed, the one agregasi of
  ``jumlah`` (sum), ``akhir`` (last), ``rata-rata`` (mean) and ``maks`` (max) that reproduces the
  printed value is used and named (I85); when several reproduce it, the file cannot say which and
  it is refused at the cell (I86). When none reproduces it, or the agregasi is known (store or
  ``parameters/polaritas.yaml``), the file contradicts itself: the quarters are read as printed
  and the contradiction is named at the cell (I87), in ``--periksa`` as in ``catatan``.
* A quarter header saying "s.d. Triwulan", "s/d" or "kumulatif" (:func:`kolom_kumulatif`) holds
  running totals: :func:`dari_kumulatif` makes each quarter's own value of them (the Rupiah and
  the K of a summed indicator: the running total less the one before; the K of an ``akhir``
  indicator: the running total itself, the level at the quarter's end), so the year is the last
  filled quarter, never the sum. A running total that falls is refused at its cell (I88).
"""

from __future__ import annotations

import re

from kinerja.core.aturan import berbeda
from kinerja.formulir.masalah import Penampung
from kinerja.impor.lembar import Grid
from kinerja.impor.renja.periksa import teks_angka
from kinerja.impor.renja.tata import teks_kepala

__all__ = ["cocokkan_tertulis", "dari_kumulatif", "kolom_kumulatif"]

# The aggregations a printed year may be made by, and how each is said.
_CARA = {"jumlah": ("jumlah", sum), "akhir": ("nilai terakhir", lambda xs: xs[-1]),
         "rata-rata": ("rata-rata", lambda xs: sum(xs) / len(xs)), "maks": ("nilai tertinggi", max),
         "min": ("nilai terendah", min)}
_BAGIAN = {"k": "K", "rp": "Rp"}
_KUMULATIF = re.compile(r"kumulatif|\bs\s*\.?\s*[/.]\s*d\b\.?|sampai\s+dengan")


def kolom_kumulatif(grid: Grid, kepala: dict) -> bool:
    """Whether the header over the quarters' columns (roles 9–12) says they hold running totals
    ("Realisasi Kinerja dan Anggaran s.d. Triwulan (kumulatif)")."""
    texts = [teks_kepala(grid, kepala["baris"], c) for q in range(9, 13) for c in kepala["kolom"].get(q, {}).values()]
    return any(_KUMULATIF.search(t) for t in texts)


def cocokkan_tertulis(base: dict, v: dict, quarters: range, m, where: str | None, ws: str, p: Penampung,
                      notes: list[str], label, kumulatif: bool = False) -> None:
    """Hold the printed year ``v[(13, "k")]`` against the quarters aggregated by ``base["agregasi"]``;
    see the module docstring. ``m`` is the indicator's :func:`~kinerja.core.polaritas.tebak_meta`
    row, ``where`` the printed cell, ``label`` names a role's column; changes ``base`` and ``notes``."""
    printed, agregasi = v.get((13, "k")), base.get("agregasi")
    values = [x for q in quarters if (x := v.get((8 + q, "k"))) is not None]
    persen = any(v.get((8 + q, "persen")) is not None for q in quarters)
    if printed is None or not values or agregasi not in _CARA or (persen and agregasi != "jumlah"):
        return  # an akhir indicator's quarters with a % column are % × target (panjang._dari_persen)
    own = _CARA[agregasi][1](values)
    if not berbeda([printed], [own])[0]:
        return
    fits = [a for a in ("jumlah", "akhir", "rata-rata", "maks") if not berbeda([printed], [_CARA[a][1](values)])[0]]
    if kumulatif or persen:  # running totals: the year is the last one; a % column: the K are increments
        fits = []
    said = (f"{label(13)} tertulis {teks_angka(printed)}, sedangkan {_CARA[agregasi][0]} triwulan "
            f"({'; '.join(teks_angka(x) for x in values)}) = {teks_angka(own)} menurut agregasi {agregasi}")
    cell = where.rsplit("!", 1)[-1] if where else ""
    if m["agregasi_sumber"] != "ditebak" or not fits:
        why = ("" if fits else " (kolom triwulan kumulatif: tahun = triwulan terakhir)" if kumulatif else
               "" if persen else
               " dan tidak ada agregasi (jumlah, nilai terakhir, rata-rata, tertinggi) yang menghasilkannya")
        p.peringatan("I87", ws, cell, f"{said}{why}: berkas bertentangan sendiri; dipakai angka triwulan, "
                     f"periksa {label(13)} di sumbernya")
        return
    if len(fits) > 1:
        p.galat("I86", ws, cell, f"{said}; angka itu dihasilkan oleh lebih dari satu agregasi ({', '.join(fits)}), "
                "jadi tidak dapat dipastikan cara menggabungkan triwulannya: tetapkan agregasi indikator ini di "
                "basis data (formulir PK/Renstra) atau perbaiki kolom itu; berkas tidak dibaca")
        return
    base["agregasi"] = fits[0]
    notes[:] = [n.replace(f" dan agregasi {agregasi} ditebak", " ditebak") for n in notes
                if not n.startswith(f"agregasi {agregasi} ditebak")]
    text = (f"agregasi {fits[0]} dipakai karena {label(13)} tertulis {teks_angka(printed)} = "
            f"{_CARA[fits[0]][0]} triwulan (tebakan agregasi {agregasi} memberi {teks_angka(own)})")
    notes.append(text)
    p.peringatan("I85", ws, cell, text)


def dari_kumulatif(v: dict, akhir: bool, cells, ws: str, r: int, p: Penampung, label):
    """The quarters' own values of running totals ``v`` (see the module docstring), the ``cells``
    function of :func:`~kinerja.impor.renja.panjang._sel_baris` made to cite them (none for a
    difference, the last running total for the year's sum), and a note per quarter."""
    out, derived, notes = dict(v), set(), {}
    for part in ("k", "rp"):
        if part == "k" and akhir:
            continue
        before, before_q = None, None
        for q in range(1, 5):
            x = v.get((8 + q, part))
            if x is None:
                continue
            if before is not None:
                if x < before and berbeda([x], [before])[0]:
                    p.galat("I88", ws, (cells((8 + q, part)) or "").rsplit("!", 1)[-1] or f"baris {r}",
                            f"{label(8 + q)} berjudul kumulatif (s.d. triwulan) tetapi {_BAGIAN[part]} "
                            f"{teks_angka(x)} lebih kecil dari triwulan {before_q} ({teks_angka(before)}); "
                            "angka kumulatif tidak dapat turun: berkas tidak dibaca")
                out[(8 + q, part)] = x - before
                derived.add((8 + q, part))
                notes.setdefault(q, []).append(f"{_BAGIAN[part]} s.d. triwulan {teks_angka(x)} − "
                                               f"{teks_angka(before)} = {teks_angka(x - before)}")
            before, before_q = x, q
    return out, _sel_kumulatif(cells, derived), {q: "kolom kumulatif: " + "; ".join(n) for q, n in notes.items()}


def _sel_kumulatif(cells, derived: set):
    """``cells`` citing nothing for one quarter's difference and, for a sum of quarters whose
    values are differences, the last running total (which that sum equals)."""
    def cited(*keys) -> str | None:
        if not any(k in derived for k in keys):
            return cells(*keys)
        if len(keys) == 1:
            return None
        return next((ref for k in sorted(keys, reverse=True) if (ref := cells(k))), None)
    return cited
