"""The result of a reviu (:class:`HasilReviu`): the checklist with its answers, the findings,
the evidence and the correction register, and the columns every reviu module shares. Built by
:func:`kinerja.evaluasi.reviu.reviu`; written by ``reviu_kertas`` and ``reviu_kkr``, completed by
``reviu_baca``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["KOLOM_BUTIR", "KOLOM_KOREKSI", "PENJAWAB_OTOMATIS", "PENJAWAB_PEREVIU", "HasilReviu"]

# The checklist as the kertas kerja holds it.
KOLOM_BUTIR = ["kode", "bagian", "teks", "penjawab", "jawaban", "langkah", "bukti", "catatan"]
# The correction register: the finding, whether a correction was agreed, done, and what is still open.
KOLOM_KOREKSI = ["butir", "uraian", "disepakati", "dilakukan", "belum"]

PENJAWAB_OTOMATIS, PENJAWAB_PEREVIU = "pengujian data", "pereviu"


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

    @property
    def kabupaten(self) -> bool:
        return self.info.get("jenis") == "kabupaten"

    @property
    def kegiatan(self) -> str:
        """What the Inspektorat does to this LKjIP: "reviu" (kabupaten) or "evaluasi" (a perangkat daerah)."""
        return "reviu" if self.kabupaten else "evaluasi"

    @property
    def koreksi_terbuka(self) -> pd.DataFrame:
        """Corrections agreed but not (yet) done: what the Pernyataan's paragraf penjelas names."""
        k = self.koreksi
        if k.empty:
            return k
        agreed = k["disepakati"].fillna("").astype(str).str.strip().str.lower() == "ya"
        done = k["dilakukan"].fillna("").astype(str).str.strip().str.lower() == "ya"
        return k[agreed & ~done].reset_index(drop=True)
