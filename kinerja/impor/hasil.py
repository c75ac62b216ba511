"""What an import read, as one long table: one row per indicator (or budget line) and period.

The same columns for every source (Renja evaluation, SIPD, flat table), so that a user can
check what was read before loading (``kinerja impor --periksa -o HASIL.csv``) and the
loader has one shape to take. Numbers are floats at full precision (a CSV writes them with
a decimal comma, ``;``-separated, for an Indonesian Excel); blank where the source had nothing, never 0.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core.errors import KinerjaError

__all__ = ["Bacaan", "KOLOM_HASIL", "PERIODE_IMPOR", "tulis_hasil"]

KOLOM_HASIL = (
    "berkas", "lembar", "baris", "tingkat", "nama", "induk", "program", "kegiatan", "sasaran", "indikator", "satuan",
    "polaritas", "agregasi", "periode", "target", "realisasi", "realisasi_tertulis", "capaian", "pagu",
    "pagu_perubahan", "realisasi_anggaran", "penyerapan", "target_renstra", "pagu_renstra", "realisasi_renstra_lalu",
    "realisasi_anggaran_renstra_lalu", "realisasi_renstra", "realisasi_anggaran_renstra", "capaian_renstra",
    "kode_unit", "kode_program", "kode_kegiatan", "kode_subkegiatan", "catatan",
)
# Periods as the long table names them: a quarter, a month, the year.
PERIODE_IMPOR = (*(f"TW{q}" for q in range(1, 5)), *(f"B{m:02d}" for m in range(1, 13)), "tahun")
_ANGKA = ("target", "realisasi", "realisasi_tertulis", "capaian", "pagu", "pagu_perubahan", "realisasi_anggaran",
          "penyerapan",
          "target_renstra", "pagu_renstra", "realisasi_renstra_lalu", "realisasi_anggaran_renstra_lalu",
          "realisasi_renstra", "realisasi_anggaran_renstra", "capaian_renstra")


@dataclass
class Bacaan:
    """One source read: its kind, the long table, and what the reader found out about it."""

    jenis: str
    tabel: pd.DataFrame
    tahun: int | None = None
    triwulan: int | None = None
    info: dict = field(default_factory=dict)


def rapikan(rows: list[dict]) -> pd.DataFrame:
    """The long table from the reader's rows: every column of :data:`KOLOM_HASIL`, numbers as
    floats (NaN = blank), periods checked."""
    frame = pd.DataFrame(rows).reindex(columns=list(KOLOM_HASIL))
    for col in _ANGKA:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["baris"] = pd.to_numeric(frame["baris"], errors="coerce").astype("Int64")
    bad = ~frame["periode"].isin(PERIODE_IMPOR)
    if bad.any():
        raise KinerjaError(f"periode tidak dikenal: {', '.join(map(str, frame.loc[bad, 'periode'].unique()[:5]))}")
    return frame


def tulis_hasil(tabel: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write the long table to ``.csv`` (``;``-separated, decimal comma, full precision, UTF-8) or ``.xlsx``
    (text from the data never written as a formula), atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> t = rapikan([{"baris": 15, "periode": "tahun", "target": 4, "realisasi": 1 / 3}])
    >>> out = tulis_hasil(t, pathlib.Path(tempfile.mkdtemp()) / "hasil.csv")
    >>> out.read_text(encoding="utf-8").splitlines()[1].split(";")[14:17]
    ['"4,0"', '"0,3333333333333333"', '']
    """
    from kinerja.render.keluaran import penulis_csv, penulis_xlsx, tulis_keluaran

    return tulis_keluaran(path, {".csv": penulis_csv(tabel), ".xlsx": penulis_xlsx(tabel, lembar="Hasil impor")})
