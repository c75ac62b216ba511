"""From the store to the tables a CRAAPK, LKjIP or dashboard shows, for one unit and year
or, with ``unit=None``, for every unit at once (one query per table, not one per unit).

All functions read the store's *current* view and return long-format DataFrames; the
capaian itself always comes from :mod:`kinerja.core.capaian` and period sums from
:mod:`kinerja.core.agregasi`, so no formula is written here a second time. The package
exports every table under one name (``from kinerja.analisis import dari_store``); each
lives in the module of its concern:

``tabel``         the store read into long tables: ``tabel_bulanan`` (indicator × month:
                  targets (RAAPK), realisasi (CRAAPK), keterangan), ``riwayat`` (earlier
                  years' realisasi and the Renstra/RPJMD targets per year),
                  ``target_renstra_tahunan``, ``bulan_terakhir``
``capaian``       ``capaian_bulanan`` (the same with the month's capaian, predikat and
                  catatan), ``capaian_kumulatif`` (per indicator, the period January–m:
                  realisasi and target aggregated by the indicator's agregasi (like with
                  like, a month not reported left out of both sides), capaian, months
                  missing, plausibility flags), ``per_triwulan``, the notes beside them
                  (``catatan_periode``, ``dasar_periode``) and ``rata_capaian``
``anggaran``      ``anggaran_program`` (per program and month: plan, realisasi,
                  penyerapan and S-curve), ``efisiensi_sasaran``, ``bentuk_efisiensi``
``ringkasan``     ``ringkasan_unit`` (per unit: indicators, mean capaian of the period
                  (flagged rows out), gaps and flags counted, penyerapan against its plan,
                  predikat) and ``penyerapan_total``
``antartingkat``  ``beda_tingkat`` (the same indicator at the kabupaten and a perangkat
                  daerah)
"""

from kinerja.analisis.dari_store.anggaran import anggaran_program, bentuk_efisiensi, efisiensi_sasaran
from kinerja.analisis.dari_store.antartingkat import beda_tingkat
from kinerja.analisis.dari_store.capaian import (
    bulan_diharapkan, capaian_bulanan, capaian_kumulatif, capaian_periode, catatan_periode, dasar_periode,
    per_triwulan, rata_capaian, tanpa_target)
from kinerja.analisis.dari_store.ringkasan import penyerapan_total, ringkasan_unit
from kinerja.analisis.dari_store.tabel import bulan_terakhir, riwayat, tabel_bulanan, target_renstra_tahunan

__all__ = ["anggaran_program", "beda_tingkat", "bentuk_efisiensi", "bulan_diharapkan", "bulan_terakhir",
           "capaian_bulanan", "capaian_kumulatif", "capaian_periode", "catatan_periode", "dasar_periode",
           "efisiensi_sasaran", "penyerapan_total", "per_triwulan", "rata_capaian", "riwayat", "ringkasan_unit",
           "tabel_bulanan", "tanpa_target", "target_renstra_tahunan"]
