"""The draft mapping of a flat table (``kinerja impor --buat-pemetaan``): which column is which
field, guessed from the titles of a visible sheet's real header row (:mod:`kinerja.impor.tabel_kepala`)
and, for a column without a title, from its content (polarity or agregasi words). Every guess is
said, in the file's comment lines and in the list returned, for the user to check.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import yaml

from kinerja.core.kosakata import baca_agregasi
from kinerja.core.capaian_kolom import normalise_polaritas
from kinerja.core.errors import KinerjaError
from kinerja.core.periode import cari_bulan, cari_semester, cari_triwulan
from kinerja.formulir.masalah import Penampung
from kinerja.impor.lembar import Grid
from kinerja.impor.tabel_kepala import cari_judul, judul_kolom, periode_judul

__all__ = ["buat_pemetaan", "periksa_pemetaan", "rancang_pemetaan"]

# Words in a header that suggest each field, in the order they are tried.
SARAN = {"kode": ("kode",), "capaian_renstra": ("capaian kinerja s/d", "capaian s/d", "capaian s.d"),
         "capaian": ("capaian",), "indikator": ("indikator",), "satuan": ("satuan",),
         "target_renstra": ("target 5 tahun", "target akhir", "target renstra", "kondisi akhir"),
         "realisasi_renstra_lalu": ("realisasi s/d tahun", "realisasi s.d. tahun", "realisasi s/d th"),
         "target": ("target",), "pagu": ("pagu", "anggaran"), "polaritas": ("polaritas",),
         "agregasi": ("agregasi", "karakter"), "program": ("program",), "sasaran": ("sasaran",),
         "kendala": ("kendala", "hambatan", "permasalahan"), "solusi": ("solusi", "upaya"),
         "tindak_lanjut": ("tindak lanjut", "rencana tindak")}
_UANG = ("rp", "anggaran", "keuangan")


def _polos(low: str) -> bool:
    """A title that says "TW" or "Triwulan" without saying which ("Realisasi TW")."""
    return any(w in low.split() for w in ("tw", "triwulan", "tw.")) and not cari_triwulan(low)


def _periode(low: str, triwulan: int | None) -> str | None:
    """The period a title names: TW1…TW4, S1/S2, B01…B12; a bare "Realisasi TW" is the given quarter."""
    tw, semester, month = cari_triwulan(low), cari_semester(low), cari_bulan(low)
    if not tw and not semester and not month and triwulan and _polos(low):
        tw = triwulan
    return f"TW{tw}" if tw else f"S{semester}" if semester else (f"B{month:02d}" if month else None)


def _isi(grid: Grid, c: int, first: int) -> str | None:
    """``polaritas`` or ``agregasi`` when every text in the column's first data rows is such a word."""
    texts = pd.Series([grid.teks(r, c, gabung=False) for r in range(first, min(grid.baris_maks, first + 200) + 1)])
    texts = texts[texts != ""]
    if texts.empty:
        return None
    pol = normalise_polaritas(texts)
    if (pol != "?").all() and (pol != "").any():
        return "polaritas"
    if all(baca_agregasi(t) for t in texts):
        return "agregasi"
    return None


def _bagian(low: str) -> str | None:
    """Which part of the mapping a period's column belongs to."""
    if "capaian" in low or "s/d" in low or "s.d" in low:
        return None  # a progress percentage or a running total, not the period's value
    if "target" in low or "rencana" in low:
        return "target_periode"
    return "realisasi_anggaran" if any(w in low for w in _UANG) else "realisasi"


def _saran(low: str) -> list[tuple[str, str]]:
    """The fields a lower-case header's words suggest, in :data:`SARAN` order, each with the word."""
    return [(field, next(w for w in words if w in low)) for field, words in SARAN.items() if any(w in low for w in words)]


def periksa_pemetaan(lembar: str, heads: dict[int, str], head: int, fields: dict, periods: dict,
                     triwulan: int | None, p: Penampung) -> None:
    """Check a mapping (a preset or a draft) against the header it is used on: a mapped column
    whose header text says another field than the one it is mapped to, in the words the draft
    mapping is guessed by (:data:`SARAN`, a period's column and part), is an error (I89) at the
    column's header cell; a column without a title, or whose title says none of those words, passes."""
    from openpyxl.utils import get_column_letter

    wanted = [(c, ("kolom", f)) for f, c in fields.items() if c] + \
             [(c, (part, per)) for part, cols in periods.items() for per, c in cols.items() if c]
    # A field another column rightly holds (its title's first word is that field's) is not what a
    # title says besides ("Karakter Indikator" next to "Indikator …" is the agregasi), as in the draft.
    held = {f for f, c in fields.items() if c and next(iter(_saran(heads.get(c, "").lower())), ("",))[0] == f}
    for c, (part, key) in wanted:
        text = heads.get(c, "")
        low = text.lower()
        per = _periode(low, triwulan)
        said = (_bagian(low), per) if per and _bagian(low) else \
            next((("kolom", f) for f, _ in _saran(low) if f == key or f not in held), None)
        if said is None or said == (part, key):
            continue
        what = key if part == "kolom" else f"{part.replace('_', ' ')} {key}"
        says = said[1] if said[0] == "kolom" else f"{said[0].replace('_', ' ')} {said[1]}"
        p.galat("I89", lembar, f"{get_column_letter(c)}{head}",
                f"pemetaan memakai kolom {get_column_letter(c)} untuk {what}, tetapi judulnya \u201c{text}\u201d "
                f"menunjukkan {says}; berkas tidak dibaca agar tidak ada angka dari kolom yang salah: perbaiki "
                "pemetaan (pakai judul kolom, bukan hurufnya) atau urutan kolom berkas")


# long: one pass over the columns whose branches each say what was guessed; splitting them hides that
def rancang_pemetaan(grids: list[Grid], triwulan: int | None = None) -> tuple[dict, list[str]]:
    """The draft mapping of the first visible sheet and what was guessed, one sentence each.

    Examples
    --------
    >>> g = Grid("Data", {(1, 1): "Judul laporan", (3, 1): "Indikator", (3, 2): "Target", (3, 3): "Realisasi TW",
    ...                   (4, 1): "IK", (4, 2): 5.0, (4, 3): 4.0}, baris_maks=4, kolom_maks=3)
    >>> doc, said = rancang_pemetaan([g], triwulan=2)
    >>> doc["baris_judul"], doc["realisasi"]
    (3, {'TW2': 'Realisasi TW'})
    """
    grid = next((g for g in grids if g.tampak), None)
    if grid is None:
        raise KinerjaError("tidak ada lembar yang tampak di berkas; tampilkan lembar yang berisi tabel (klik kanan tab lembar, Unhide)")
    head = cari_judul(grid)
    heads, first = judul_kolom(grid, head)
    said_period = ""
    if triwulan is None:
        found = periode_judul(grid, head)
        triwulan = found.triwulan if found else None
        if triwulan:
            said_period = f"triwulan {triwulan} dari judul berkas (sel {found.sel}: \u201c{found.label}\u201d)"
    said = [f"lembar \u201c{grid.lembar}\u201d (lembar tampak pertama), baris judul {head}"
            + (f" dan {head + 1}" if first == head + 2 else "") + f", data mulai baris {first}"]
    kolom, parts = {}, {"realisasi": {}, "realisasi_anggaran": {}, "target_periode": {}}
    for c, text in heads.items():
        low = text.lower()
        per = _periode(low, triwulan)
        if re.match(r"(?:no|nomor)\b", low) and "kode" not in low:
            said.append(f"kolom \u201c{text}\u201d tidak dipetakan (nomor)")
            continue
        if not per and _polos(low):
            said.append(f"kolom \u201c{text}\u201d tidak dipetakan: triwulannya tidak tertulis di judul kolom maupun "
                        "judul berkas; sebutkan --triwulan")
            continue
        part = _bagian(low) if per else None
        if part is not None:
            parts[part].setdefault(per, text)
            said.append(f"kolom \u201c{text}\u201d \u2192 {part.replace('_', ' ')} {per}")
            continue
        for field, word in _saran(low):
            if field not in kolom:
                kolom[field] = text
                said.append(f"kolom \u201c{text}\u201d \u2192 {field} (kata \u201c{word}\u201d)")
                break
    for c in range(1, grid.kolom_maks + 1):
        what = _isi(grid, c, first) if c not in heads or heads[c] not in kolom.values() else None
        if what and what not in kolom:
            from openpyxl.utils import get_column_letter

            kolom[what] = get_column_letter(c)
            said.append(f"kolom {get_column_letter(c)} \u2192 {what} (isinya kata {what})")
    if said_period:
        said.insert(1, said_period)
    doc = {"lembar": grid.lembar, "baris_judul": head, "kolom": kolom, "realisasi": parts["realisasi"],
           "realisasi_anggaran": parts["realisasi_anggaran"]}
    if parts["target_periode"]:
        doc["target_periode"] = parts["target_periode"]
    return doc, said


def buat_pemetaan(grids: list[Grid], path: str | os.PathLike, triwulan: int | None = None) -> Path:
    """Draft a mapping (:func:`rancang_pemetaan`) and write it to ``path`` (YAML with the
    header texts, what was guessed in comment lines), for the user to check before
    ``kinerja impor --pemetaan``."""
    from kinerja.core.berkas import tulis_atomik

    doc, said = rancang_pemetaan(grids, triwulan)
    # The header is fixed text: names from the workbook (sheet, headers) are written only by
    # the YAML library, so a newline or "key: value" in them cannot add a key; the guesses go
    # into comment lines one per line with line breaks removed.
    notes = "".join(f"#   {' '.join(s.split())}\n" for s in said)
    text = ("# Rancangan pemetaan dari judul kolom lembar yang disebut pada 'lembar'; PERIKSA sebelum dipakai.\n"
            "# Kolom boleh disebut dengan judulnya, hurufnya (C) atau nomornya (3).\n"
            "# Yang ditebak:\n" + notes + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    out = Path(path)
    tulis_atomik(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return out
