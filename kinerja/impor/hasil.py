"""What an import read, as one long table: one row per indicator (or budget line) and period.

The same columns for every source (Renja evaluation, SIPD, flat table), so that a user can
check what was read before loading (``kinerja impor --periksa -o HASIL.csv``) and the
loader has one shape to take. Numbers are floats at full precision (a CSV writes them with
a decimal comma, ``;``-separated, for an Indonesian Excel); blank where the source had nothing, never 0.

Every number keeps where it came from: ``sel_target``, ``sel_realisasi``, ``sel_capaian``,
``sel_pagu``, ``sel_pagu_perubahan`` and ``sel_realisasi_anggaran`` name the cells of the value in that row, written as
Excel writes a reference (:func:`kinerja.core.rujukan.rujukan`): ``Lembar!F12`` for a value read from one cell,
``Lembar!J12+K12`` or ``Lembar!F12:F40+F44`` for a sum the reader made of those cells (a
quarter's sum, a sub kegiatan's rekening), the sheet quoted when its name is not one word
(``'Isian Kinerja'!F12``). Blank when there is no value, or when kinerja computed it from other
columns rather than read it (a capaian kinerja computes; the reader's ``catatan`` says how).

:attr:`Bacaan.info` says what the reader recognised, for ``kinerja impor --periksa`` (every key
optional; a reader fills what it knows):

``lembar``
    the sheet read;
``baris_judul``
    the header row (the numbering row of a form, the column titles of a table);
``pengali``
    what the file's Rupiah were multiplied by (1.000 for "Rp. (000)"; absent or 1: as written);
``satuan_rupiah``
    the header text the multiplier was read from;
``baris_data``
    how many data rows were read;
``dilewati``
    the rows skipped, as ``(baris, alasan)`` pairs (``alasan``: ``"baris jumlah"``,
    ``"tanda tangan"``, ``"kosong"``, ``"ringkasan"``, or a sentence);
``periode_dari``
    where the year and the quarter or month came from (``"judul baris 3"``, ``"--tahun"``,
    ``"tanggal dokumen"``, ``"kolom terakhir yang terisi"``);
``bulan``
    the month the file reports, when it reports a month;
``tata_letak``
    the layout recognised, in words (``"Permendagri 86/2017"``, ``"ekspor SIPD"``, …);
``jumlah_pagu`` / ``jumlah_realisasi_anggaran``
    the file's own sums in Rupiah, when the reader checks them (else the long table's are shown).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.rujukan import rujukan

__all__ = ["Bacaan", "KOLOM_HASIL", "KOLOM_SEL", "PERIODE_IMPOR", "rujukan", "tulis_hasil"]

KOLOM_HASIL = (
    "berkas", "lembar", "baris", "tingkat", "nama", "induk", "program", "kegiatan", "sasaran", "indikator", "satuan",
    "polaritas", "agregasi", "periode", "target", "realisasi", "realisasi_tertulis", "capaian", "pagu",
    "pagu_perubahan", "realisasi_anggaran", "penyerapan", "target_renstra", "pagu_renstra", "realisasi_renstra_lalu",
    "realisasi_anggaran_renstra_lalu", "realisasi_renstra", "realisasi_anggaran_renstra", "capaian_renstra",
    "kode_unit", "kode_program", "kode_kegiatan", "kode_subkegiatan", "catatan",
    "sel_target", "sel_realisasi", "sel_capaian", "sel_pagu", "sel_pagu_perubahan", "sel_realisasi_anggaran",
)
# The value columns whose source cells the long table names, and the column naming each.
KOLOM_SEL = {"target": "sel_target", "realisasi": "sel_realisasi", "capaian": "sel_capaian", "pagu": "sel_pagu",
             "pagu_perubahan": "sel_pagu_perubahan", "realisasi_anggaran": "sel_realisasi_anggaran"}
# Periods as the long table names them: a quarter, a semester, a month, the year.
PERIODE_IMPOR = (*(f"TW{q}" for q in range(1, 5)), "S1", "S2", *(f"B{m:02d}" for m in range(1, 13)), "tahun")
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


def rapikan(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """The long table from the reader's rows (records, or a frame of them): every column of
    :data:`KOLOM_HASIL`, numbers as floats (NaN = blank), periods checked."""
    if isinstance(rows, pd.DataFrame):  # (a column at a time, as records of the same values would give)
        rows = pd.DataFrame({c: pd.Series(rows[c].tolist(), dtype=None if len(rows) else object)
                             for c in rows.columns})
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
