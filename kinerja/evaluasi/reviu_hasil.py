"""The result of a reviu (:class:`HasilReviu`): the checklist with its answers, the findings,
the evidence and the correction register, and the columns every reviu module shares. Built by
:func:`kinerja.evaluasi.reviu.reviu`; written by ``reviu_kertas`` and ``reviu_kkr``, completed by
``reviu_baca``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kinerja.evaluasi.reviu_bahan import KOLOM_TEMUAN

__all__ = ["KOLOM_BUTIR", "KOLOM_KOREKSI", "KOLOM_TEMUAN_SUMBER", "PENJAWAB_OTOMATIS", "PENJAWAB_PEREVIU", "SUMBER",
           "HasilReviu"]

# The checklist as the kertas kerja holds it.
KOLOM_BUTIR = ["kode", "bagian", "teks", "penjawab", "jawaban", "langkah", "bukti", "catatan"]
# The correction register: the finding, whether a correction was agreed, done, and what is still open.
KOLOM_KOREKSI = ["butir", "uraian", "disepakati", "dilakukan", "belum"]

PENJAWAB_OTOMATIS, PENJAWAB_PEREVIU = "pengujian data", "pereviu"
# Where a finding comes from: the store's data, the unit's own Word LKjIP, the reviewer's answer.
SUMBER = {"data": "basis data", "dokumen": "dokumen", "pereviu": "kertas kerja"}
# The findings as every reader sees them: the columns and where each finding comes from.
KOLOM_TEMUAN_SUMBER = [*KOLOM_TEMUAN, "sumber"]


@dataclass
class HasilReviu:
    """The reviu of one unit and year."""

    unit: str
    tahun: int
    info: dict
    units: pd.DataFrame
    butir: pd.DataFrame  # KOLOM_BUTIR, 23 rows
    temuan: pd.DataFrame  # KOLOM_TEMUAN
    bukti: dict[str, pd.DataFrame] = field(default_factory=dict)  # rule name → evidence rows
    koreksi: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_KOREKSI))
    temuan_dokumen: pd.DataFrame = field(  # the unit's Word LKjIP compared with the store (KOLOM_TEMUAN)
        default_factory=lambda: pd.DataFrame(columns=KOLOM_TEMUAN))

    @property
    def kabupaten(self) -> bool:
        return self.info.get("jenis") == "kabupaten"

    @property
    def kegiatan(self) -> str:
        """What the Inspektorat does to this LKjIP: "reviu" (kabupaten) or "evaluasi" (a perangkat daerah)."""
        return "reviu" if self.kabupaten else "evaluasi"

    @property
    def semua_temuan(self) -> pd.DataFrame:
        """The store's findings, then the Word document's, each with its ``sumber``
        (columns :data:`KOLOM_TEMUAN_SUMBER`)."""
        parts = [f[KOLOM_TEMUAN].assign(sumber=SUMBER[s]) for f, s in
                 ((self.temuan, "data"), (self.temuan_dokumen, "dokumen")) if not f.empty]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=KOLOM_TEMUAN_SUMBER)

    @property
    def koreksi_terbuka(self) -> pd.DataFrame:
        """Corrections agreed but not (yet) done: what the Pernyataan's paragraf penjelas names."""
        k = self.koreksi
        if k.empty:
            return k
        agreed = k["disepakati"].fillna("").astype(str).str.strip().str.lower() == "ya"
        done = k["dilakukan"].fillna("").astype(str).str.strip().str.lower() == "ya"
        return k[agreed & ~done].reset_index(drop=True)
