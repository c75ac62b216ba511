"""The LKjIP (Laporan Kinerja Instansi Pemerintah) of one unit and year: measurement of the
period, the seven analyses per sasaran, budget, efficiency, executive summary and closing.

The builder reads the store and writes the texts of the outline part by part (ringkasan
eksekutif, Bab III A in :mod:`kinerja.dokumen.lkjip_sasaran`, Bab IV penutup, the warnings
before the numbers); :class:`kinerja.dokumen.lkjip_bab.LaporanLkjip` gives every chapter its
tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.analisis.kepatuhan import kepatuhan, kepatuhan_triwulan
from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import memenuhi_target
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_persen, format_rupiah, nama_bulan, periode_laporan
from kinerja.core.jadwal import BATAS_HARI
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.core.wilayah import kabupaten_unit
from kinerja.dokumen import narasi
from kinerja.dokumen.bagian import _peringatan, _subjek, _unit
from kinerja.dokumen.lkjip_bab import LaporanLkjip
from kinerja.dokumen.lkjip_pelengkap import program_anggaran
from kinerja.dokumen.lkjip_sasaran import analisis_per_sasaran
from kinerja.store.store import Store

__all__ = ["lkjip"]


def lkjip(store: Store, unit: str, tahun: int, skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanLkjip:
    """The LKjIP of ``unit`` for ``tahun``: measurement of the period (January to the latest
    month reported in the unit's kabupaten, the same for every unit), the analyses per
    sasaran, budget, efficiency, executive summary and closing, written from the numbers.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit. A kabupaten or a perangkat daerah.
    tahun : int
        The year reported on.
    skala : str or SkalaPredikat, default "permendagri-86-2017"
        The predikat scale.

    Returns
    -------
    LaporanLkjip
        The chapters' tables (``tabel_pengukuran()``, ``tabel_anggaran()``,
        ``tabel_perangkat_daerah()``…), ``sasaran`` (the analyses), ``ringkasan_eksekutif``,
        ``penutup``, ``peringatan`` and signature block.

    Raises
    ------
    KinerjaError
        The unit is unknown, is a pejabat, or has no data for the year.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.lkjip(store_contoh(), "dinkes", 2026)
    >>> lap.periode
    'Januari–September 2026'
    """
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units, info = _unit(store, unit)
    bulan = analisis.bulan_terakhir(store, tahun)
    kum = analisis.capaian_kumulatif(store, unit, tahun, bulan, scale)
    if kum.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; LKjIP tidak dapat disusun")
    periode = periode_laporan(tahun, bulan)
    hist = analisis.riwayat(store, unit)
    bulanan = analisis.capaian_bulanan(store, unit, tahun, scale)  # each month's value and its flag (ragu)
    budget = analisis.anggaran_program(store, unit, tahun)
    eff = analisis.efisiensi_sasaran(kum, bulanan, budget, bulan)
    analyses = analisis_per_sasaran(store, unit, info, tahun, bulan, periode, scale, kum, hist, eff)
    semua, table_pd = _perangkat_daerah(store, units, unit, info, tahun, bulan, scale)
    exec_summary = _ringkasan_eksekutif(info, tahun, bulan, periode, kum, len(analyses), budget, table_pd, scale)
    closing, langkah = _penutup(info, periode, kum, scale)
    pejabat = units[(units["induk"] == unit) & (units["jenis"] == "pejabat")][["nama", "jabatan"]].rename(
        columns={"nama": "Unit", "jabatan": "Jabatan"})
    patuh = _penyampaian(store, unit, info, tahun, bulan, kum)
    beda = _antartingkat(store, units, unit, info, tahun, bulan, scale, kum, semua)
    notes = _peringatan_lkjip(info, tahun, bulan, periode, kum, patuh, beda)
    return LaporanLkjip(info, tahun, bulan, scale, kum, hist, budget, analyses, exec_summary, closing, pejabat,
                        table_pd, eff, patuh, notes, units, bulanan, beda, _profil_terakhir(store, unit, tahun),
                        langkah, program_anggaran(store, unit, tahun))


def _penyampaian(store: Store, unit: str, info: dict, tahun: int, bulan: int, kum: pd.DataFrame) -> pd.DataFrame | None:
    """Lampiran 4: when the unit's reports came in, judged as it reports: a unit whose every
    indicator is reported by quarter (an imported Evaluasi Renja) by its quarterly reports, else
    by its monthly CRAAPK; None for a pejabat."""
    if info["jenis"] not in BATAS_HARI:
        return None
    if "periode_data" in kum and (kum["periode_data"] == "triwulan").all():
        return kepatuhan_triwulan(store, tahun, list(range(1, bulan // 3 + 1)), unit) if bulan >= 3 else None
    return kepatuhan(store, tahun, list(range(1, bulan + 1)), unit)


def _perangkat_daerah(store: Store, units: pd.DataFrame, unit: str, info: dict, tahun: int, bulan: int,
                      skala: SkalaPredikat) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Every unit's capaian and the table of all perangkat daerah (Bab III B), or ``(None,
    None)``: every unit's capaian is read once, and only by the kabupaten's LKjIP; a unit's
    LKjIP needs only its own rows and the kabupaten's."""
    if info["jenis"] != "kabupaten":
        return None, None
    semua = analisis.capaian_kumulatif(store, None, tahun, bulan, skala)
    # A province store holds other kabupaten whose units bear the same names: none of theirs may enter.
    semua = semua[semua["unit_kode"].map(kabupaten_unit(units)).eq(unit)].reset_index(drop=True)
    return semua, analisis.ringkasan_unit(store, tahun, bulan, skala, kum=semua, kabupaten=unit)


def _tercapai(kum: pd.DataFrame) -> tuple[int, int]:
    """How many indicators that enter averages met their target, of how many."""
    counted = kum["dihitung"].astype(bool)
    return int(memenuhi_target(kum.loc[counted, "capaian"]).sum()), int(counted.sum())


def _ringkasan_eksekutif(info: dict, tahun: int, bulan: int, periode: str, kum: pd.DataFrame, n_sasaran: int,
                         budget: pd.DataFrame, table_pd: pd.DataFrame | None, skala: SkalaPredikat) -> str:
    """The executive summary: what was measured, the paragraph on capaian, how many
    indicators met their target and the one word for the period, the unit's budget
    absorption and (the kabupaten) every perangkat daerah's."""
    now = budget[budget["bulan"] == bulan] if not budget.empty else budget
    pagu = now.drop_duplicates("program")["pagu"].sum() if not now.empty else 0.0
    spent = now["realisasi_kumulatif"].sum(min_count=1) if not now.empty else np.nan
    if table_pd is not None:
        pagu_pd = table_pd["pagu"].sum(min_count=1)
        spent_pd = table_pd["realisasi_anggaran"].sum(min_count=1)
    met, counted = _tercapai(kum)
    return (
        f"Laporan Kinerja {info['nama']} tahun {tahun} disusun atas {n_sasaran} sasaran strategis yang diperjanjikan, "
        f"untuk periode {periode}" + ("" if bulan == 12 else ", sebab data bulan berikutnya belum diterima") + ". "
        + narasi.ringkasan_capaian(kum, info["nama"], periode) + " "
        + narasi.kalimat_predikat_keseluruhan(info["nama"], periode, met, counted, analisis.rata_capaian(kum), skala)
        + (f" Penyerapan anggaran {info['nama']} {format_persen(penyerapan(spent, pagu))} dari pagu "
           f"{format_rupiah(pagu)}." if pagu else "")
        + (f" Seluruh perangkat daerah menyerap {format_rupiah(spent_pd)} dari pagu {format_rupiah(pagu_pd)} "
           f"({format_persen(penyerapan(spent_pd, pagu_pd))})." if table_pd is not None and pagu_pd else ""))


def _penutup(info: dict, periode: str, kum: pd.DataFrame, skala: SkalaPredikat) -> tuple[str, list[str]]:
    """Bab IV: the simpulan umum (the one word for the period, the indicator to attend to
    first, the numbers to verify before signing) and the langkah di masa mendatang (the
    solutions the unit wrote for every target missed)."""
    met, counted = _tercapai(kum)
    ok = kum["dihitung"].astype(bool)
    worst = kum[ok].sort_values("capaian").iloc[0] if ok.any() else None
    closing = (narasi.kalimat_predikat_keseluruhan(info["nama"], periode, met, counted, analisis.rata_capaian(kum),
                                                   skala, simpulan=True) + " "
               + (f"Perhatian utama ke depan diberikan pada {worst['indikator']} (capaian "
                  f"{format_persen(worst['capaian'])}) dengan memperkuat program yang mendukungnya."
                  if worst is not None and not memenuhi_target(worst["capaian"]) else
                  "Seluruh indikator yang terukur telah mencapai target; capaian ini perlu dipertahankan."))
    flagged = kum[(kum["verifikasi"].map(len) > 0) & ~ok]
    if not flagged.empty:
        closing += (" Sebelum laporan ini ditandatangani, angka berikut perlu diverifikasi: "
                    + ", ".join(flagged["indikator"].astype(str)) + ".")
    missed = kum[ok & ~memenuhi_target(kum["capaian"])].sort_values("capaian")
    langkah = narasi.langkah_mendatang(
        [(r["indikator"], r["capaian"], [k for k in r["keterangan"] if k not in r["keterangan_kosong"]])
         for _, r in missed.iterrows()], _subjek(info))
    return closing, langkah


def _antartingkat(store: Store, units: pd.DataFrame, unit: str, info: dict, tahun: int, bulan: int,
                  skala: SkalaPredikat, kum: pd.DataFrame, semua: pd.DataFrame | None) -> pd.DataFrame:
    """The indicators reported by both the kabupaten and a perangkat daerah
    (:func:`kinerja.analisis.dari_store.beda_tingkat`): the kabupaten's LKjIP over every unit
    (``semua``), a unit's over its own rows and its kabupaten's."""
    if info["jenis"] != "kabupaten":
        kab = kabupaten_unit(units).get(unit)
        semua = pd.concat([kum] + ([analisis.capaian_kumulatif(store, kab, tahun, bulan, skala)]
                                   if isinstance(kab, str) else []),
                          ignore_index=True)
    beda = analisis.beda_tingkat(semua, units)
    return beda if info["jenis"] == "kabupaten" else beda[beda["unit_kode"] == unit]


def _peringatan_lkjip(info: dict, tahun: int, bulan: int, periode: str, kum: pd.DataFrame,
                      patuh: pd.DataFrame | None, beda: pd.DataFrame) -> list[str]:
    """What the first page says before any number (:func:`kinerja.dokumen.bagian._peringatan`),
    the indicators reported differently at two levels, and, before December, that the
    capaian is of the months so far."""
    notes = _peringatan(info, tahun, bulan, kum, patuh)
    if beda["berbeda"].any():
        notes.append("Indikator yang sama dilaporkan berbeda oleh kabupaten dan perangkat daerah: "
                     + "; ".join(f"{r['indikator']} ({r['nama_unit']})" for _, r in beda[beda["berbeda"]].iterrows())
                     + ". Perbedaannya perlu dijelaskan atau diselaraskan.")
    if bulan < 12:
        notes.insert(0, f"Data tahun {tahun} baru tersedia sampai {nama_bulan(bulan)}: capaian dalam laporan ini "
                        f"adalah capaian {periode} (target dan realisasi bulan yang sama), bukan capaian setahun.")
    return notes


def _profil_terakhir(store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """The unit's profile of ``tahun``, else of the latest earlier year (in its own order)."""
    p = store.current("profil", unit_kode=unit)
    p = p[p["tahun"] <= tahun] if not p.empty else p
    if p.empty:
        return p
    return p[p["tahun"] == p["tahun"].max()].sort_values("urutan").reset_index(drop=True)
