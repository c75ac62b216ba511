"""Where a Renja or RKPD evaluation keeps what, as found in a sheet: the row that numbers the
columns 1, 2, 3 …, each number's columns and its K / Rp / % sub-columns, the Rupiah
multiplier the headers state ("Rp. (000)": thousands), the title above the header and the
years and quarter it names. Which layout the numbers belong to is
:mod:`kinerja.impor.renja.tata`; :func:`susun_kolom` turns the numbers into the roles the
rows are read by (:mod:`kinerja.impor.renja.baris`).
"""

from __future__ import annotations

import re
from collections import Counter

from kinerja.core.anggaran import pengali_rupiah
from kinerja.core.periode import cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.renja.sebar import atas_kepala
from kinerja.impor.renja.tata import CAPAIAN, KODE, TataLetak, teks_kepala

__all__ = ["ANGKA", "UANG", "baca_judul", "cari_kepala", "cari_tahun", "cari_triwulan_judul", "kolom", "satuan_sendiri",
           "susun_kolom"]

# "1.0": a column number as a CSV written from a float cell has it
_NOMOR = re.compile(r"^\(?(\d{1,2})(?:\.0)?\)?(?:\s*=.*)?$")
_RP = re.compile(r"^\(?\s*rp\b\.?")
# Roles holding numbers, and among them those whose Rp part is money (not a capaian in %).
ANGKA = frozenset((*range(6, 16), CAPAIAN))
UANG = frozenset(range(6, 15))
_TEKS = frozenset((1, 2, 3, 4, 5, 16, 17, KODE))  # roles of one text column each
def pengali(teks: str) -> float | None:
    """The multiplier a Rupiah header states: ``Rp. (000)`` or ``ribuan`` 1.000, ``juta``
    1.000.000, ``miliar``; None when it states none.

    Examples
    --------
    >>> [pengali(t) for t in ("Rp. (000)", "Rp.", "(Rp juta)", "Anggaran (dalam ribuan rupiah)")]
    [1000.0, None, 1000000.0, 1000.0]
    """
    k = pengali_rupiah(teks)  # the one reading of a Rupiah unit, shared with the budget exports
    return float(k) if k and k != 1 else None


def _label(teks: str) -> str | None:
    """What a cell of the label row under the numbers names: ``k``, ``rp``, ``persen``."""
    text = teks.strip().lower()
    if text == "k":
        return "k"
    if text in ("%", "(%)"):
        return "persen"
    return "rp" if _RP.match(text) else None


def cari_kepala(grid: Grid, batas: int = 60) -> dict | None:
    """The header of a Renja or RKPD evaluation in ``grid``: the numbering row (1 … 12 or more
    in rising columns), each number's sheet column (``nomor_kolom``) and span, and the label row
    under it (K / Rp / %, ``label``, with the text of every label in ``teks_label``).

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
        label_row, labels, texts = None, {}, {}
        for rr in (r + 1, r + 2, r - 1):
            row = {c: grid.teks(rr, c, gabung=False) for c in range(1, grid.kolom_maks + 1)}
            named = {c: v for c, t in row.items() if (v := _label(t))}
            if len(named) >= 4:
                label_row, labels, texts = rr, named, {c: row[c] for c in named}
                break
        return {"baris": r, "label": label_row, "nomor_kolom": cols, "rentang": spans, "labels": labels,
                "teks_label": texts, "mulai": max(r, label_row or r) + 1}
    return None


def susun_kolom(grid: Grid, kepala: dict, tata: TataLetak, p: Penampung) -> None:
    """Add to ``kepala`` what the rows are read by: ``kolom``, each role's sheet columns by part
    (``k``, ``rp``, ``persen``), ``nomor`` the number the file prints over each role,
    ``satuan`` the columns inside a target's span that hold the satuan, ``pengali`` the
    Rupiah multiplier the headers state and ``satuan_rupiah`` the text that states it; money
    columns stating different multipliers are an error (I50)."""
    labels = kepala["labels"]
    kolom_peran, nomor, satuan = {}, {}, []
    for n, (c0, c1) in kepala["rentang"].items():
        role = tata.kolom[n].peran if n in tata.kolom else (n if n in (1, 16, 17) else None)
        if role is None:
            continue
        nomor[role] = n
        if role in _TEKS:
            kolom_peran[role] = {"k": c0}
            continue
        own = {labels[c]: c for c in range(c0, c1 + 1) if c in labels}
        kolom_peran[role] = own or {"k": c0, "rp": c0 + 1}
        if role in tata.satuan_di and labels:
            satuan += [c for c in range(c0, c1 + 1) if c not in labels]
    kepala.update(kolom=kolom_peran, nomor=nomor, satuan=satuan, tata=tata)
    kepala["pengali"], kepala["satuan_rupiah"] = _pengali_uang(grid, kepala, p)


def _pengali_uang(grid: Grid, kepala: dict, p: Penampung) -> tuple[float, str]:
    """The one Rupiah multiplier of the money columns and the text it was read from: each
    column's label ("Rp. (000)"), else its header text, else a title saying "(dalam) ribuan
    rupiah"; 1 when none says any. Money columns stating different multipliers are an error (I50)."""
    title = baca_judul(grid, kepala).lower()
    m = re.search(r"(ribuan|jutaan) rupiah|rupiah\s*\(\s*000[.0]*\s*\)", title)
    found: dict[int, tuple[float, str]] = {}
    for role, parts in sorted(kepala["kolom"].items()):
        c = parts.get("rp")
        if role not in UANG or c is None:
            continue
        label, header = kepala["teks_label"].get(c, ""), teks_kepala(grid, kepala["baris"], c)
        found[c] = next(((k, text) for text in (label, header, m.group(0) if m else "") if (k := pengali(text))),
                        (1.0, label))
    kinds = Counter(k for k, _ in found.values())
    usual = kinds.most_common(1)[0][0] if kinds else 1.0
    for c, (k, text) in found.items():
        if k != usual:
            p.galat("I50", grid.lembar, sel(kepala["label"] or kepala["baris"], c),
                    f"kolom Rupiah ini berjudul \u201c{pendek(text, 60)}\u201d (\u00d7{_teks_kali(k)}) sedangkan "
                    f"kolom Rupiah lain \u00d7{_teks_kali(usual)}; berkas tidak dibaca karena satuan Rupiah kolomnya "
                    "berbeda: samakan judul Rp-nya (mis. semua \u201cRp. (000)\u201d)")
    return usual, next((text for k, text in found.values() if k == usual), "")


def _teks_kali(k: float) -> str:
    return f"{k:,.0f}".replace(",", ".")


def kolom(kolom_kepala: dict, n: int, part: str = "k") -> int | None:
    """The sheet column of role ``n``'s ``part`` (``k``, ``rp``, ``persen``) in a header's
    ``kolom``; None when the form has no such column."""
    return kolom_kepala.get(n, {}).get(part)


def baca_judul(grid: Grid, kepala: dict) -> str:
    """Every text above the numbering row, in reading order."""
    return " ".join(grid.teks(r, c) for r in range(1, kepala["baris"]) for c in range(1, min(grid.kolom_maks, 40) + 1)
                    if grid.teks(r, c, gabung=False))


def cari_triwulan_judul(grid: Grid, kepala: dict) -> int | None:
    """The quarter the title above the header names ("Triwulan I Tahun 2021"), read from the
    rows above the column headers only: the header's own "Realisasi Kinerja Pada Triwulan" / "I"
    names a column, not the report."""
    top = atas_kepala(grid, kepala)
    return cari_triwulan(" ".join(grid.teks(r, c, gabung=False) for r in range(1, top)
                                  for c in range(1, min(grid.kolom_maks, 40) + 1)))


def cari_tahun(grid: Grid, kepala: dict, judul: str, tahun: int | None) -> tuple[int | None, list[str]]:
    """The report's year (``tahun`` when given) and the years the header of the Renstra's
    (or RPJMD's) target names."""
    K = kepala.get("kolom", {})  # none when the layout was refused: then the title's years only
    renstra = re.findall(r"\b(20\d\d)\b", teks_kepala(grid, kepala["baris"], _awal(K, 6))) if 6 in K else []
    if tahun is None:
        # The year of the year's target column ("Tahun Berjalan (Tahun 2025)"), else the year the
        # title and headers name most often, never the Renstra's end year.
        own = re.findall(r"\b(20\d\d)\b", teks_kepala(grid, kepala["baris"], _awal(K, 8))) if 8 in K else []
        years = [y for y in re.findall(r"\b(20\d\d)\b", judul) if y not in renstra[-1:]]
        # Counter keeps first-seen order among equal counts: the same file always gives the same year.
        tahun = int(own[-1]) if own else (int(Counter(years).most_common(1)[0][0]) if years else None)
    return tahun, renstra


def _awal(K: dict, n: int) -> int:
    """The first sheet column of role ``n`` (its K part when labelled, else its first labelled part)."""
    return K[n].get("k", min(K[n].values()))


def satuan_sendiri(grid: Grid, kepala: dict) -> None:
    """A layout without a numbered satuan column (54/2010, RKPD) whose file gives the satuan its
    own unnumbered column titled "Satuan" (next to the indicator): that column is the satuan's
    (role 5) in ``kepala["kolom"]``, when neither a numbered column nor one inside a target's span holds it."""
    if 5 in kepala["kolom"] or kepala.get("satuan"):
        return
    numbered = set(kepala["nomor_kolom"].values())
    found = next((c for c in range(1, grid.kolom_maks + 1) if c not in numbered and c not in kepala["labels"]
                  and "satuan" in teks_kepala(grid, kepala["baris"], c).split()), None)
    if found is not None:
        kepala["kolom"][5] = {"k": found}
