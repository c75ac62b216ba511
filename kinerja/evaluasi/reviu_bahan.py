"""What the automatic reviu rules work on and what each returns.

:class:`BahanReviu` holds the unit, year and the tables of the store every rule reads, read
once (:func:`bahan_reviu`): the PK indicators by month (:func:`kinerja.analisis.dari_store.tabel_bulanan`)
and the year's capaian (:func:`kinerja.analisis.dari_store.capaian_kumulatif`), the one
measurement every document of kinerja shows. :class:`Keputusan` is one rule's decision: the
answer, the step taken, the evidence rows and the findings (columns :data:`KOLOM_TEMUAN`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.errors import KinerjaError
from kinerja.core.predikat import DEFAULT_SKALA, muat_skala
from kinerja.store.store import Store

__all__ = ["KOLOM_TEMUAN", "BahanReviu", "Keputusan", "bahan_reviu", "temuan"]

# The findings file's columns (fixed interface of issue #24, shared with the Word LKjIP reader).
KOLOM_TEMUAN = ["butir", "tabel", "baris", "indikator", "tertulis", "seharusnya", "uraian"]


@dataclass
class Keputusan:
    """One automatic rule's decision on its item."""

    hasil: str  # one of kinerja.evaluasi.reviu_butir.JAWABAN
    langkah: str
    bukti: pd.DataFrame = field(default_factory=pd.DataFrame)
    catatan: str = ""
    temuan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_TEMUAN[1:]))


def temuan(rows: list[dict]) -> pd.DataFrame:
    """Findings rows (``tabel``, ``baris``, ``indikator``, ``tertulis``, ``seharusnya``, ``uraian``)
    as a frame, text everywhere (the value as written, not a float)."""
    frame = pd.DataFrame(rows, columns=KOLOM_TEMUAN[1:])
    return frame.astype(object).where(frame.notna(), None)


@dataclass
class BahanReviu:
    """The unit and year under reviu and the store's tables the rules share."""

    store: Store
    unit: str
    tahun: int
    info: dict
    units: pd.DataFrame
    bulan: int

    @property
    def kabupaten(self) -> bool:
        return self.info.get("jenis") == "kabupaten"

    @cached_property
    def bulanan(self) -> pd.DataFrame:
        return analisis.tabel_bulanan(self.store, self.unit, self.tahun)

    @cached_property
    def kum(self) -> pd.DataFrame:
        return analisis.capaian_kumulatif(self.store, self.unit, self.tahun, self.bulan, muat_skala(DEFAULT_SKALA))

    @cached_property
    def pk(self) -> pd.DataFrame:
        """The current (latest, perubahan included) PK target rows of the year."""
        return self.store.current("target", unit_kode=self.unit, dokumen="pk", tahun=self.tahun)

    @cached_property
    def indikator(self) -> pd.DataFrame:
        return self.store.current("indikator", unit_kode=self.unit)


def bahan_reviu(store: Store, unit: str, tahun: int) -> BahanReviu:
    """The material of a reviu of ``unit``'s LKjIP of ``tahun``.

    Raises
    ------
    KinerjaError
        The unit is not in the Daftar Unit, or is a pejabat (who writes no LKjIP).
    """
    units = store.current("unit")
    found = units[units["kode"] == unit] if not units.empty else units
    if found.empty:
        raise KinerjaError(f"unit {unit!r} tidak ada di Daftar Unit store ini")
    info = found.iloc[0].to_dict()
    if info.get("jenis") == "pejabat":
        raise KinerjaError(f"unit {unit!r} adalah pejabat; LKjIP disusun oleh Pemerintah Kabupaten dan perangkat "
                           "daerah, sehingga tidak ada yang direviu")
    return BahanReviu(store, unit, int(tahun), info, units, analisis.bulan_terakhir(store, int(tahun)))
