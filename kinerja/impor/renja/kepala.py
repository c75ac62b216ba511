"""The layout of the Evaluasi terhadap Hasil Renja form of Permendagri 86/2017, as found in a
sheet: the row that numbers the columns (1), (2) … (15), each number's columns and its
K / Rp / % sub-columns, the header texts above them (checked against the words each numbered
column must mention), the title above the header and the years it names. Everything the
reader knows about where this form keeps what is here; the rows below the header are read by
:mod:`kinerja.impor.renja.baris`.
"""

from __future__ import annotations

import re
from collections import Counter

from kinerja.core.periode import cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel

__all__ = ["baca_judul", "cari_kepala", "cari_tahun", "kolom", "periksa_kepala", "teks_kepala"]

_NOMOR = re.compile(r"^\(?(\d{1,2})\)?(?:\s*=.*)?$")
_LABEL = {"k": "k", "rp": "rp", "rp.": "rp", "%": "persen", "(%)": "persen"}
# What the header text above each numbered column of the Permendagri 86/2017 form must
# mention (any of the words), and what the column holds, for the message when it does not.
_KEPALA = {
    2: (("sasaran",), "sasaran perangkat daerah"),
    3: (("program", "kegiatan", "urusan"), "urusan/program/kegiatan"),
    4: (("indikator",), "indikator kinerja"),
    5: (("satuan",), "satuan"),
    6: (("target",), "target Renstra pada akhir periode"),
    7: (("realisasi",), "realisasi Renstra sampai tahun lalu"),
    8: (("target",), "target Renja tahun berjalan"),
    9: (("triwulan",), "realisasi triwulan I"),
    10: (("triwulan",), "realisasi triwulan II"),
    11: (("triwulan",), "realisasi triwulan III"),
    12: (("triwulan",), "realisasi triwulan IV"),
    13: (("realisasi",), "realisasi tahun berjalan"),
    14: (("realisasi",), "realisasi Renstra sampai tahun berjalan"),
    15: (("capaian",), "tingkat capaian Renstra"),
}


def cari_kepala(grid: Grid, batas: int = 60) -> dict | None:
    """The header of a Renja evaluation in ``grid``: the numbering row (1 … 12 or more in
    rising columns), each number's columns and its K / Rp / % sub-columns.

    Returns None when the sheet has no such row.
    """
    for r in range(1, min(grid.baris_maks, batas) + 1):
        found = []
        for c in range(1, grid.kolom_maks + 1):
            m = _NOMOR.match(grid.teks(r, c, gabung=False))
            if m:
                found.append((int(m.group(1)), c))
        numbers = [n for n, _ in found]
        if len(found) < 12 or numbers[:12] != list(range(1, 13)):
            continue
        cols = {n: c for n, c in found if n <= 20}
        ordered = sorted(cols.items(), key=lambda kv: kv[1])
        spans = {}
        for i, (n, c) in enumerate(ordered):
            end = ordered[i + 1][1] - 1 if i + 1 < len(ordered) else c + 1
            spans[n] = (c, max(c, end))
        label_row, labels = None, {}
        for rr in (r + 1, r + 2, r - 1):
            row = {c: _LABEL.get(grid.teks(rr, c, gabung=False).lower()) for c in range(1, grid.kolom_maks + 1)}
            row = {c: v for c, v in row.items() if v}
            if len(row) >= 4:
                label_row, labels = rr, row
                break
        sub = {}
        for n, (c0, c1) in spans.items():
            if n < 6:
                sub[n] = {"k": c0}
                continue
            own = {labels[c]: c for c in range(c0, c1 + 1) if c in labels} if labels else {}
            sub[n] = own or {"k": c0, "rp": c0 + 1}
        return {"baris": r, "label": label_row, "kolom": sub, "mulai": max(r, label_row or r) + 1}
    return None


def kolom(kolom_kepala: dict, n: int, part: str = "k") -> int | None:
    """The sheet column of numbered column ``n``'s ``part`` (``k``, ``rp``, ``persen``) in a
    header's ``kolom``; None when the form has no such column."""
    return kolom_kepala.get(n, {}).get(part)


def _awal(K: dict, n: int) -> int:
    """The first sheet column of numbered column ``n`` (its K part when labelled, else its first
    labelled part: a header whose K label is missing still has a title above it)."""
    return K[n].get("k", min(K[n].values()))


def teks_kepala(grid: Grid, baris: int, kolom: int) -> str:
    """The header text above the numbering row in ``kolom`` (up to six rows), lower case."""
    return " ".join(grid.teks(r, kolom) for r in range(max(1, baris - 6), baris)).lower()


def periksa_kepala(grid: Grid, kepala: dict, p: Penampung) -> None:
    """Refuse the file (I02) where the header text above a numbered column does not say what
    that column of the Permendagri 86/2017 form holds: another layout numbered 1, 2, 3 … (the
    older Permendagri 54/2010 form, the RKPD evaluation) keeps other things under the same
    numbers, and reading it as this form takes numbers from the wrong column."""
    K = kepala["kolom"]
    for n, (words, holds) in _KEPALA.items():
        if n not in K:
            continue
        c = _awal(K, n)
        text = teks_kepala(grid, kepala["baris"], c)
        quarter = _triwulan_kolom(grid, kepala["baris"], c) if 9 <= n <= 12 else None
        wrong_quarter = quarter is not None and quarter != n - 8
        if wrong_quarter or not any(w in text for w in words):
            found = pendek(_judul_kolom(grid, kepala["baris"], c), 80) or "(kosong)"
            p.galat("I02", grid.lembar, sel(kepala["baris"], c),
                    f"kolom ({n}) berjudul \u201c{found}\u201d, padahal di formulir Evaluasi terhadap Hasil Renja "
                    f"(Permendagri 86/2017) kolom ({n}) berisi {holds}; berkas tidak dibaca agar tidak ada angka "
                    "yang diambil dari kolom yang salah (tata letak lain, mis. Permendagri 54/2010 atau evaluasi "
                    "RKPD bernomor 1\u201316, belum dikenali)")


def _triwulan_kolom(grid: Grid, baris: int, kolom: int) -> int | None:
    """The quarter the header above the numbering row names in ``kolom``, read from the rows
    nearest to it first ("Triwulan" and "I" may sit in two rows; a title merged over every
    column, "Triwulan IV Tahun 2025", lies further up)."""
    for awal in range(baris - 1, max(0, baris - 7), -1):
        quarter = cari_triwulan(" ".join(grid.teks(r, kolom) for r in range(awal, baris)))
        if quarter is not None:
            return quarter
    return None


def _judul_kolom(grid: Grid, baris: int, kolom: int) -> str:
    """The header texts above the numbering row in ``kolom`` as written, each once."""
    texts = [" ".join(grid.teks(r, kolom).split()) for r in range(max(1, baris - 6), baris)]
    return " / ".join(dict.fromkeys(t for t in texts if t))


def baca_judul(grid: Grid, kepala: dict) -> str:
    """Every text above the numbering row, in reading order."""
    return " ".join(grid.teks(r, c) for r in range(1, kepala["baris"]) for c in range(1, min(grid.kolom_maks, 40) + 1)
                    if grid.teks(r, c, gabung=False))


def cari_tahun(grid: Grid, kepala: dict, judul: str, tahun: int | None) -> tuple[int | None, list[str]]:
    """The report's year (``tahun`` when given) and the years the header of column (6), the
    Renstra's target, names."""
    K = kepala["kolom"]
    renstra = re.findall(r"\b(20\d\d)\b", teks_kepala(grid, kepala["baris"], _awal(K, 6))) if 6 in K else []
    if tahun is None:
        # The year of column (8) ("Tahun Berjalan (Tahun 2025)"), else the year the title and
        # headers name most often, never the Renstra's end year of column (6).
        own = re.findall(r"\b(20\d\d)\b", teks_kepala(grid, kepala["baris"], _awal(K, 8))) if 8 in K else []
        years = [y for y in re.findall(r"\b(20\d\d)\b", judul) if y not in renstra[-1:]]
        # Counter keeps first-seen order among equal counts: the same file always gives the same year.
        tahun = int(own[-1]) if own else (int(Counter(years).most_common(1)[0][0]) if years else None)
    return tahun, renstra
