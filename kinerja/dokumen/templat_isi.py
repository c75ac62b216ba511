"""A unit's formulir pre-filled from the store (``kinerja template craapk|raapk|pk … --db``):
its indicators, targets, programs and pagu as the latest revision holds them, so the clerk
types only realisasi.

- PK and RAAPK: the form as the store holds it (:func:`kinerja.dokumen.rencana.rencana`), to
  correct or to send again; ingested unchanged it changes no target or pagu.
- CRAAPK of month ``bulan``: every indicator with its monthly targets and its program's budget
  plan (from the RAAPK), the realisasi already in the store for the months before ``bulan``,
  and month ``bulan``'s realisasi left blank to type.

Text from the store is written as text, never as a formula (:func:`kinerja.formulir.templat.tulis_formulir`).
"""

from __future__ import annotations

from pathlib import Path

from kinerja.core.errors import KinerjaError
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import kode_formulir
from kinerja.formulir.templat import tulis_formulir
from kinerja.store.store import Store

__all__ = ["JENIS_TERISI", "templat_terisi"]

# The formulir that can be pre-filled.
JENIS_TERISI = ("craapk", "raapk", "pk")


def templat_terisi(store: Store, jenis: str, unit: str, tahun: int, bulan: int | None, path: str | Path) -> Path:
    """Write ``jenis`` (craapk, raapk, pk) of ``unit`` for ``tahun`` (and month ``bulan`` for a
    CRAAPK) pre-filled from ``store`` to ``path`` (.xlsx); returns the path."""
    if jenis not in JENIS_TERISI or not unit or not tahun:
        raise KinerjaError(f"dengan --db hanya formulir {', '.join(JENIS_TERISI)} yang diisi dari basis data, dan "
                           "perlu --unit KODE dan --tahun T, mis. 'kinerja template craapk pd --unit dinkes --tahun "
                           "2026 --bulan 9 --db URL -o craapk-dinkes.xlsx'")
    if jenis == "craapk":
        return _craapk(store, unit, tahun, bulan, Path(path))
    from kinerja.dokumen.rencana import rencana

    doc = rencana(store, unit, tahun, jenis)
    f, rows, lampiran = doc.isian
    return tulis_formulir(f, path, unit=unit, tahun=tahun, baris=rows, baris_lampiran=lampiran,
                          subjudul=doc.unit["nama"], angka=True)


def _craapk(store: Store, unit: str, tahun: int, bulan: int | None, path: Path) -> Path:
    from kinerja.dokumen.craapk import craapk

    if bulan is None:
        raise KinerjaError("CRAAPK yang diisi dari basis data perlu --bulan (bulan laporan yang akan diisi)")
    report = craapk(store, unit, tahun, bulan)
    report.bulan = bulan - 1  # the rows carry the realisasi of the months before; this month's is typed
    rows = report.formulir_baris()
    return tulis_formulir(FORMULIR[kode_formulir("craapk", report.unit["jenis"])], path, unit=unit, tahun=tahun,
                          bulan=bulan, baris=rows, subjudul=report.unit["nama"], angka=True)
