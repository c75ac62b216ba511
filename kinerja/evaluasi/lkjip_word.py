"""The LKjIP a unit wrote itself, in Word: its measurement and budget tables read
(:func:`baca_lkjip_word`) and every value compared with the store (:func:`bandingkan_lkjip`).

Reading is in :mod:`kinerja.evaluasi._word_docx` (the file, opened safely, its tables as grids)
and :mod:`kinerja.evaluasi._word_tabel` (which table is which, which column holds what); the
comparison in :mod:`kinerja.evaluasi._word_banding`. Problems of the file are W-codes, located
at the table and row of the document (W01–W07, listed in ``docs/metodologi.md``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.evaluasi._word_docx import buka_docx
from kinerja.evaluasi._word_tabel import Pemetaan, baris_data, petakan
from kinerja.formulir.masalah import Masalah, Penampung

__all__ = ["BacaanLkjipWord", "KOLOM_TEMUAN", "baca_lkjip_word", "bandingkan_lkjip"]

KOLOM_TEMUAN = ["butir", "tabel", "baris", "indikator", "tertulis", "seharusnya", "uraian"]
KOLOM_PENGUKURAN = ["tabel", "baris", "sasaran", "indikator", "satuan", "target", "target_periode", "realisasi",
                    "capaian", "ringkasan"]
KOLOM_ANGGARAN = ["tabel", "baris", "program", "pagu", "realisasi_anggaran", "persen", "ringkasan"]


@dataclass
class BacaanLkjipWord:
    """What was read from a Word LKjIP: the rows of its measurement tables (``pengukuran``)
    and budget tables (``anggaran``), one row per table row with the texts as written; which
    table was read as what (``tabel``: nomor, jenis, kolom) and the problems (``masalah``)."""

    berkas: str
    pengukuran: pd.DataFrame
    anggaran: pd.DataFrame
    tabel: pd.DataFrame
    masalah: list[Masalah] = field(default_factory=list)

    @property
    def ditolak(self) -> bool:
        """The file itself could not be read (W01–W03 without a table): nothing to compare."""
        return any(m.tingkat == "galat" and not m.lembar for m in self.masalah)

    def pesan(self) -> list[str]:
        """Every problem as one located Indonesian line: file, table, row, message."""
        return [", ".join(x for x in (m.berkas, m.lembar, m.sel) if x) + f": {m.pesan} [{m.kode}]" for m in self.masalah]


def _ringkas_tabel(nomor: int, jenis: str, m: Pemetaan | None, judul: str) -> dict:
    kolom = "; ".join(f"{m.judul[c]} \u2192 {f.replace('_', ' ')}" for f, c in sorted(m.kolom.items(), key=lambda x: x[1])) if m else ""
    return {"nomor": nomor, "jenis": jenis, "judul": judul, "kolom": kolom}


def baca_lkjip_word(path: str | os.PathLike, tahun: int | None = None) -> BacaanLkjipWord:
    """Read the measurement and budget tables of a unit's Word LKjIP.

    Parameters
    ----------
    path : str or os.PathLike
        The .docx file.
    tahun : int, optional
        The year reported on: a value column titled with another year ("Realisasi 2025"
        beside "Realisasi 2026") is then passed over instead of making the table ambiguous.

    Returns
    -------
    BacaanLkjipWord
        ``pengukuran`` (tabel, baris, sasaran, indikator, satuan, target, target_periode,
        realisasi, capaian as written), ``anggaran`` (tabel, baris, program, pagu,
        realisasi_anggaran, persen), ``tabel`` (what each table was read as) and ``masalah``.
        Never raises on a bad or hostile file: the reason is in ``masalah``.

    Examples
    --------
    >>> b = baca_lkjip_word("tidak-ada.docx")
    >>> b.ditolak, b.masalah[0].kode
    (True, 'W01')
    """
    p = Penampung(Path(path).name)
    tables = buka_docx(path, p) or []
    ukur, uang, seen, prev = [], [], [], None
    for t in tables:
        m = petakan(t, p, tahun, prev) if t.baris else None
        prev = (t, m) if m is not None else None
        seen.append(_ringkas_tabel(t.nomor, m.jenis if m else "diabaikan", m, t.judul))
        if m is not None:
            (ukur if m.jenis == "pengukuran" else uang).extend(baris_data(t, m, p))
    if tables and not ukur and not p.ada_galat:
        p.galat("W04", "", "", f"tidak ada tabel pengukuran kinerja di antara {len(tables)} tabel dokumen (tabel dengan "
                "kolom indikator dan kolom target, realisasi atau capaian); periksa judul kolomnya")
    elif not tables and not p.ada_galat:
        p.galat("W04", "", "", "dokumen tidak berisi tabel; pengukuran kinerja LKjIP harus disajikan dalam tabel")
    return BacaanLkjipWord(p.berkas, pd.DataFrame(ukur).reindex(columns=KOLOM_PENGUKURAN),
                           pd.DataFrame(uang).reindex(columns=KOLOM_ANGGARAN),
                           pd.DataFrame(seen, columns=["nomor", "jenis", "judul", "kolom"]), p.daftar)


def bandingkan_lkjip(path: str | os.PathLike, store, kode_unit: str, tahun: int) -> pd.DataFrame:
    """Compare every value of a unit's Word LKjIP with the store.

    Parameters
    ----------
    path : str or os.PathLike
        The unit's LKjIP (.docx).
    store : Store
        The store (``kinerja.buka_store``).
    kode_unit : str
        The unit's code in the Daftar Unit.
    tahun : int
        The year reported on.

    Returns
    -------
    pandas.DataFrame
        One row per finding, columns ``butir`` (the checklist item of the reviu guideline),
        ``tabel`` ("Tabel n", tables counted in document order), ``baris`` (the row of that
        table, 1 = its first row), ``indikator`` (or program), ``tertulis`` (as written),
        ``seharusnya`` (as the store has it) and ``uraian`` (why). Indicators missing, extra
        or renamed; targets that differ from the latest PK; realisasi that differ from the
        CRAAPK re-aggregated by each indicator's agregasi; capaian that do not follow from the
        target and realisasi written by the indicator's polaritas; pagu and realisasi anggaran
        that differ from the store. A value equals when it equals at the precision written.
        Empty when the document agrees with the store.

    Raises
    ------
    KinerjaError
        The file cannot be read at all (not a .docx, damaged, macro-enabled, beyond the
        limits), or the unit has no Perjanjian Kinerja for the year.
    """
    from kinerja.evaluasi._word_banding import bandingkan

    bacaan = baca_lkjip_word(path, tahun)
    return bandingkan(bacaan, store, kode_unit, tahun)
