"""The data rows of a Renja or RKPD evaluation, read below the header down to the signature
block: per row its uraian (a merged cell continued from the row above, or an indicator written
under the one above without its own uraian, marked ``lanjutan``), indicator, satuan (its own
column, a column inside a target's span, or the text after the target's number: "12 dokumen"),
the sasaran in force and the numbers of the numbered columns by role and part (K, Rp, %),
Rupiah times the multiplier the header states, each with the cell it came from. A
``Perangkat Daerah:`` line gives the unit's name; summary rows (rata-rata capaian, predikat,
jumlah) and notes under the table (faktor pendorong, tindak lanjut) are skipped and named, and
so is a row with numbers but no uraian (a total). The hierarchy of these rows is worked out by
:mod:`kinerja.impor.renja.tingkat`.
"""

from __future__ import annotations

import re
from functools import partial

from kinerja.core.parsing import parse_value
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.renja.kepala import ANGKA, UANG, kolom
from kinerja.impor.renja.lapis import angka_per_baris
from kinerja.impor.renja.tata import KODE

__all__ = ["baca_baris"]

_TTD = re.compile(r"^(NIP\b|NIP\.|KEPALA\b|Kepala\s|Mengetahui|Disusun\b|Dievaluasi\b|Plt\.?\s|Pembina\b|Penata\b|Pj\.?\s)|,\s.*\b20\d\d\s*$")
# The label of a row that is no indicator: a summary of the rows above it, or a note under the table.
_RINGKASAN = re.compile(r"^(rata-?\s*rata|predikat|jumlah|total|faktor\s+(pendorong|penghambat)|tindak\s+lanjut|"
                        r"\*+\)|catatan\s*:|keterangan\s*:)", re.IGNORECASE)


# A summary label written in the indicator column itself: the whole text, never an indicator's first words
# ("Jumlah dokumen surat yang terselesaikan" and "Rata-rata lama sekolah" are indicators).
_RINGKASAN_INDIKATOR = re.compile(r"(sub\s*)?(jumlah|total)(\s+(total|keseluruhan|seluruhnya))?|grand\s+total|"
                                  r"rata-?\s*rata(\s+capaian(\s+kinerja)?)?(\s*\(%\))?|predikat(\s+kinerja)?")


def baca_baris(grid: Grid, kepala: dict, p: Penampung) -> dict:
    """The form's rows: ``rows`` (dicts: ``r``, ``sel``, ``uraian``, ``lanjutan``, ``indikator``,
    ``satuan``, ``sasaran``, ``v`` the numbers by (role, part), ``kol`` their sheet columns, ``no``),
    ``skipped`` the rows with numbers but no uraian, ``ringkasan`` the summary and note rows
    skipped ((row, label)), ``galat`` the rows whose uraian, indicator and numbers are all Excel
    errors or blank (a template's unused rows, "#N/A" from a lookup), ``ttd`` the signature block's row (None without one) and
    ``unit_nama`` the unit's name."""
    K = kepala["kolom"]
    col = partial(kolom, K)
    num_cols = sorted({c for n, parts in K.items() if n in ANGKA for c in parts.values()})
    out = {"rows": [], "skipped": [], "ringkasan": [], "galat": [], "ttd": None, "unit_nama": ""}
    rows = out["rows"]
    sasaran = ""
    for r in range(kepala["mulai"], grid.baris_maks + 1):
        texts = {c: t for c in range(1, grid.kolom_maks + 1) if (t := grid.teks(r, c, gabung=False))}
        has_number = any(grid.angka(r, c)[0] not in (None, 0.0) for c in num_cols)  # a CSV's numbers are text
        if not texts and not any(grid.mentah(r, c) is not None for c in num_cols):
            continue
        if not has_number and any(_TTD.search(t) for t in texts.values()):
            out["ttd"] = r
            break
        if any(re.match(r"^(perangkat daerah|skpd|opd)\s*:", t, re.IGNORECASE) for t in texts.values()):
            out["unit_nama"] = next(t for t in texts.values() if ":" in t).split(":", 1)[1].strip()
            continue
        indikator = grid.teks(r, col(4), gabung=False) if col(4) else ""
        if _hanya_galat(grid, r, [c for c in (col(3), col(4)) if c], num_cols):
            out["galat"].append(r)
            continue
        label = _label_ringkasan(texts, indikator, col(4))
        if label:
            out["ringkasan"].append((r, label))
            continue
        uraian = grid.teks(r, col(3)) if col(3) else ""
        lanjutan = col(3) is not None and (r, col(3)) in grid.gabung and grid.gabung[(r, col(3))][0] < r
        if not uraian and indikator and rows and col(3):  # another indicator of the row above
            uraian, lanjutan = rows[-1]["uraian"], True
        if col(2) and grid.teks(r, col(2), gabung=False):
            sasaran = grid.teks(r, col(2), gabung=False)
        if not uraian and not indikator:
            if any(grid.mentah(r, c) is not None for c in num_cols):
                out["skipped"].append(r)
            continue
        rows.append({"r": r, "sel": sel(r, col(4) or 1), "uraian": uraian, "lanjutan": lanjutan,
                     "indikator": indikator, "satuan": _satuan(grid, r, kepala), "sasaran": sasaran,
                     "v": _nilai(grid, r, kepala, p, lapis := {}), "lapis": lapis,
                     "satuan_baris": str(grid.mentah(r, K[5]["k"]) or "").splitlines() if 5 in K else [],
                     "kol": {(n, part): c for n, parts in K.items() for part, c in parts.items()},
                     "no": grid.teks(r, K[1]["k"], gabung=False) if 1 in K else "",
                     "kode": _kode(grid, r, kepala)})
    return out


def _kode(grid: Grid, r: int, kepala: dict) -> str:
    """Row ``r``'s code: the Kode column, or its parts over the unnumbered columns under the one
    number ("1" | "02" | "02" | "2.02" | "0001" is 1.02.02.2.02.0001)."""
    if KODE not in kepala["kolom"]:
        return ""
    c0, c1 = kepala["rentang"].get(kepala.get("nomor", {}).get(KODE), (kepala["kolom"][KODE]["k"],) * 2)
    return ".".join(t for c in range(c0, c1 + 1) if (t := grid.teks(r, c, gabung=False)))


_GALAT = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!")


def _hanya_galat(grid: Grid, r: int, text_cols: list[int], num_cols: list[int]) -> bool:
    """Whether row ``r`` holds nothing but Excel errors: its uraian or indicator an error, no
    other text there, and every number cell blank or an error."""
    texts = [grid.teks(r, c, gabung=False) for c in text_cols]
    if not any(t in _GALAT for t in texts) or any(t and t not in _GALAT for t in texts):
        return False
    return all(grid.mentah(r, c) is None or str(grid.mentah(r, c)).strip() in _GALAT for c in num_cols)


def _label_ringkasan(texts: dict[int, str], indikator: str, kolom_indikator: int | None) -> str:
    """The label of a summary or note row ("Rata-rata capaian kinerja (%)", "Predikat kinerja",
    "Faktor pendorong …"): its first text, left of the indicator column, when the row has no
    indicator of its own; else ""."""
    if _RINGKASAN_INDIKATOR.fullmatch(" ".join(indikator.lower().split())):  # "Jumlah" where an indicator goes
        return indikator
    if indikator or not texts:
        return ""
    c, first = min(texts.items())
    if kolom_indikator is not None and c > kolom_indikator:
        return ""
    return first if _RINGKASAN.match(first) else ""


def _satuan(grid: Grid, r: int, kepala: dict) -> str:
    """Row ``r``'s satuan: its column (86/2017 column (5)), else the column inside a target's
    span that holds it (54/2010), else the text after the number in the year's or the
    Renstra's target cell ("12 dokumen", "100 %")."""
    K = kepala["kolom"]
    if 5 in K:
        return grid.teks(r, K[5]["k"], gabung=False)
    for c in kepala.get("satuan", []):
        if text := grid.teks(r, c, gabung=False):
            return text
    for n in (8, 6):
        raw = grid.mentah(r, K[n]["k"]) if "k" in K.get(n, {}) else None
        if isinstance(raw, str) and (unit := parse_value(raw).satuan):
            return unit
    return ""


def _nilai(grid: Grid, r: int, kepala: dict, p: Penampung, lapis: dict) -> dict:
    """Row ``r``'s numbers of the numbered columns by (role, part), Rupiah times the header's
    multiplier; a cell that is not a number is warned about (I03). A cell written one number per
    line ("80⏎12", two indicators in one cell) gives its first line here and all of them in ``lapis``."""
    values, problems = {}, []
    k = kepala.get("pengali", 1.0)

    def scaled(v, n, part, c):
        if part == "persen" and v is not None and (r, c) not in grid.persen and v > 1.5:
            v = v / 100.0  # written as 29 meaning 29 %
        return v * k if part == "rp" and n in UANG and v is not None else v

    for n, parts in kepala["kolom"].items():
        if n not in ANGKA:  # (16) unit penanggung jawab, (17) keterangan: text, not numbers
            continue
        for part, c in parts.items():
            v, why = grid.angka(r, c)
            if why and (lines := angka_per_baris(grid.mentah(r, c))):
                lapis[(n, part)] = [scaled(x, n, part, c) for x in lines]
                v, why = lines[0], None
            if why:
                problems.append((c, why))
            values[(n, part)] = scaled(v, n, part, c)
    for c, why in problems:
        p.peringatan("I03", grid.lembar, sel(r, c), why)
    return values


def nama_ringkasan(r: int, label: str) -> str:
    """How a skipped summary row is named in the reading's info and in its message."""
    return f"baris {r} (\u201c{pendek(label, 50)}\u201d: ringkasan atau catatan, bukan indikator)"
