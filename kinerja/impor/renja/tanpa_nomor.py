"""A Renja or RKPD evaluation whose header has no numbering row (1), (2), (3) …: its columns are
numbered here in the order their header texts begin (a text over several columns, "Realisasi
Kinerja Pada Triwulan", is one heading; "I" … "IV" under it start one column each), above the row
of K / Rp labels and from the row that says "No". The numbers are then held against every layout
of :mod:`kinerja.impor.renja.tata`; the header is read by the one layout all of whose columns say
what it expects. When none, or more than one, does, the header is named (sheet and row) and the
file is refused (I90) rather than read by a guess.
"""

from __future__ import annotations

import re

from kinerja.formulir.masalah import Penampung
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.renja.kepala import _label, cari_kepala
from kinerja.impor.renja.tata import TATA_LETAK, _salah

__all__ = ["periksa_tanpa_nomor", "temukan_kepala"]

_NO = re.compile(r"^no\.?(\s*urut)?$", re.IGNORECASE)


def temukan_kepala(grid: Grid, batas: int = 60) -> dict | None:
    """The header of a Renja or RKPD evaluation: by its numbering row
    (:func:`~kinerja.impor.renja.kepala.cari_kepala`), else by its header texts alone (``tanpa_nomor``
    set, ``cocok`` the names of the layouts it fits); None when the sheet holds neither."""
    found = cari_kepala(grid, batas)
    if found is not None:
        return found
    for r in range(2, min(grid.baris_maks, batas) + 1):
        row = {c: grid.teks(r, c, gabung=False) for c in range(1, grid.kolom_maks + 1)}
        labels = {c: v for c, t in row.items() if (v := _label(t))}
        top = next((rr for rr in range(r - 1, max(0, r - 7), -1)
                    if any(_NO.match(grid.teks(rr, c, gabung=False)) for c in range(1, min(grid.kolom_maks, 3) + 1))),
                   None)
        if len(labels) < 4 or top is None:
            continue
        starts = sorted({c for rr in range(top, r) for c in range(1, grid.kolom_maks + 1)
                         if grid.teks(rr, c, gabung=False)})
        words = " ".join(grid.teks(top, c).lower() for c in starts)
        if len(starts) < 12 or not all(w in words for w in ("indikator", "target", "realisasi")):
            continue
        cols = {n: c for n, c in enumerate(starts, start=1)}
        spans = {n: (c, (cols[n + 1] - 1) if n + 1 in cols else c + 1) for n, c in cols.items()}
        fits = [t.nama for t in TATA_LETAK if all(n in cols for n in t.kolom)
                and not any(_salah(grid, r, cols[n], n, k) for n, k in t.kolom.items())]
        return {"baris": r, "label": r, "nomor_kolom": cols, "rentang": spans, "labels": labels,
                "teks_label": {c: row[c] for c in labels}, "mulai": r + 1, "tanpa_nomor": top, "cocok": fits}
    return None


def periksa_tanpa_nomor(grid: Grid, kepala: dict, p: Penampung) -> bool:
    """Whether a header found without a numbering row fits exactly one layout; else the error
    (I90) at the header's first cell, naming the sheet, the header rows and the layouts it fits."""
    if not kepala.get("tanpa_nomor") or len(kepala["cocok"]) == 1:
        return True
    top, r = kepala["tanpa_nomor"], kepala["baris"]
    fits = kepala["cocok"]
    why = (f"judulnya cocok dengan lebih dari satu tata letak ({'; '.join(fits)})" if fits else
           "judulnya tidak cocok seluruhnya dengan tata letak mana pun yang dikenali ("
           + "; ".join(t.nama for t in TATA_LETAK) + ")")
    p.galat("I90", grid.lembar, sel(top, kepala["nomor_kolom"][1]),
            f"kepala tabel Evaluasi Renja di baris {top}\u2013{r} tanpa baris nomor kolom (1), (2), (3) \u2026, dan "
            f"{why}; berkas tidak dibaca agar tidak ada angka dari kolom yang salah: tambahkan baris nomor kolom "
            "formulir di bawah judul kolom")
    return False
