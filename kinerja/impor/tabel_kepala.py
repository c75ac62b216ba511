"""A flat table's header and period: where its header row is, what each column is called, and
which period the file reports, for the reader (:mod:`kinerja.impor.tabel`) and the draft
mapping (:mod:`kinerja.impor.pemetaan`) alike, so that both see the same columns.

Pemda tables put a title block above the header ("Nama OPD : …", "Tahun : 2021",
"Triwulan I"), and often a second header row under the first ("Realisasi Kinerja" over
"TW 1" … "TW 4"). The header row is the row whose cells read most like column titles, not
the first row with text; a row under it that holds only short titles (and at most a number
in its first column) is its second row, and the data start below it.
"""

from __future__ import annotations

import re

from kinerja.core.periode import cari_bulan, cari_semester, cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel

__all__ = ["KATA_JUDUL", "Periode", "cari_judul", "judul_kolom", "periode_berkas", "periode_judul"]

# Words of a column title in the tables Pemda keep (lower case, found inside the text).
KATA_JUDUL = ("kode", "indikator", "satuan", "target", "pagu", "anggaran", "polaritas", "agregasi", "program",
              "sasaran", "kegiatan", "kendala", "hambatan", "permasalahan", "solusi", "upaya", "tindak lanjut",
              "realisasi", "capaian", "uraian", "keterangan", "karakter", "rencana", "no urut")
_BARIS_CARI = 30  # the header is looked for in the first rows only


def _judulish(grid: Grid, r: int, c: int) -> bool:
    """Whether a cell reads as a column title: a short text with a title word or a period."""
    text = grid.teks(r, c, gabung=False)
    if not text or len(text) > 80 or isinstance(grid.mentah(r, c), (int, float)):
        return False
    low = text.lower()
    return any(w in low for w in KATA_JUDUL) or bool(cari_triwulan(low) or cari_semester(low))


def cari_judul(grid: Grid) -> int:
    """The header row: among the first rows, the one with the most cells that read as column
    titles (the first such row when several tie); without any, the first row with three texts.

    Examples
    --------
    >>> g = Grid("s", {(1, 1): "Tahun :", (1, 2): 2021.0, (1, 3): "Triwulan I", (1, 4): "(tahun yang dievaluasi)",
    ...                (3, 1): "Kode", (3, 2): "Indikator", (3, 3): "Target", (3, 4): "Realisasi TW 1"},
    ...          baris_maks=4, kolom_maks=4)
    >>> cari_judul(g)
    3
    """
    last = min(grid.baris_maks, _BARIS_CARI)
    scores = [(sum(_judulish(grid, r, c) for c in range(1, grid.kolom_maks + 1)), -r) for r in range(1, last + 1)]
    best = max(scores, default=(0, -1))
    if best[0] >= 2:
        return -best[1]
    for r in range(1, last + 1):
        if sum(1 for c in range(1, grid.kolom_maks + 1) if grid.teks(r, c)) >= 3:
            return r
    return 1


def _baris_kedua(grid: Grid, head: int) -> bool:
    """Whether the row under ``head`` is the header's second row: two titles or more, every
    text short, and no number but in the first column (a running "0")."""
    r = head + 1
    if r > grid.baris_maks:
        return False
    cells = [c for c in range(1, grid.kolom_maks + 1) if grid.teks(r, c, gabung=False)]
    numbers = [c for c in cells if isinstance(grid.mentah(r, c), (int, float)) and c != 1]
    texts = [c for c in cells if not isinstance(grid.mentah(r, c), (int, float))]
    return (not numbers and sum(_judulish(grid, r, c) for c in texts) >= 2
            and all(len(grid.teks(r, c, gabung=False)) <= 40 for c in texts))


def judul_kolom(grid: Grid, head: int) -> tuple[dict[int, str], int]:
    """Each column's title and the first data row. With a second header row a column's title
    is both rows' texts ("Realisasi Kinerja TW 1"); a blank top cell takes the top text on its
    left when that column heads a group too (a merged "Realisasi Kinerja" over TW 1…TW 4).

    Examples
    --------
    >>> g = Grid("s", {(1, 1): "Indikator", (1, 2): "Realisasi Kinerja", (2, 2): "TW 1", (2, 3): "TW 2",
    ...                (2, 1): "Kode", (3, 1): "IK", (3, 2): 4.0}, baris_maks=3, kolom_maks=3)
    >>> judul_kolom(g, 1)
    ({1: 'Indikator Kode', 2: 'Realisasi Kinerja TW 1', 3: 'Realisasi Kinerja TW 2'}, 3)
    """
    if not _baris_kedua(grid, head):
        return {c: grid.teks(head, c) for c in range(1, grid.kolom_maks + 1) if grid.teks(head, c)}, head + 1
    out, group = {}, ""
    for c in range(1, grid.kolom_maks + 1):
        top = grid.teks(head, c)
        sub = "" if isinstance(grid.mentah(head + 1, c), (int, float)) else grid.teks(head + 1, c, gabung=False)
        if top:
            group = top if sub else ""
        elif sub:
            top = group
        else:
            group = ""
        text = " ".join(t for t in (top, sub) if t)
        if text:
            out[c] = text
    return out, head + 2


class Periode:
    """The period a file reports: the last month it covers, how it was found, where it is written."""

    def __init__(self, bulan: int | None, sumber: str = "", sel: str = "", label: str = "") -> None:
        self.bulan, self.sumber, self.sel, self.label = bulan, sumber, sel, label

    @property
    def triwulan(self) -> int | None:
        return self.bulan // 3 if self.bulan and self.bulan % 3 == 0 else None


def periode_judul(grid: Grid, head: int) -> Periode | None:
    """The period the title block above the header names: "Triwulan I", "Semester II",
    "s.d. Maret" / "Bulan Mei"."""
    for r in range(1, head):
        for c in range(1, grid.kolom_maks + 1):
            text = grid.teks(r, c, gabung=False)
            if not text or isinstance(grid.mentah(r, c), (int, float)):
                continue
            low = text.lower()
            q, s = cari_triwulan(low), cari_semester(low)
            month = cari_bulan(low) if re.search(r"\b(?:s\.?\s?d\.?|s/d|sampai|bulan)\b", low) else None
            bulan = 3 * q if q else (6 * s if s else month)
            if bulan:
                return Periode(bulan, "judul", sel(r, c), text)
    return None


def periode_berkas(grid: Grid, head: int, triwulan: int | None, bulan: int | None, p: Penampung) -> Periode | None:
    """The period of the file: from ``--triwulan``/``--bulan`` or the title block; an option
    that contradicts the title stops the file (I60). None when neither says."""
    asked = 3 * triwulan if triwulan else bulan
    title = periode_judul(grid, head)
    if asked and title and title.bulan != asked:
        p.galat("I60", grid.lembar, title.sel, f"judul berkas menyebut \u201c{pendek(title.label, 40)}\u201d (sampai bulan "
                f"{title.bulan}), tetapi perintah menyebut {'--triwulan ' + str(triwulan) if triwulan else '--bulan ' + str(bulan)}"
                "; samakan periode di judul berkas atau di perintah")
        return None
    if asked:
        return Periode(asked, "perintah", "", f"triwulan {triwulan}" if triwulan else f"bulan {bulan}")
    return title
