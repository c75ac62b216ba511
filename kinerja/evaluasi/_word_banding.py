"""A Word LKjIP as read (:class:`kinerja.evaluasi.lkjip_word.BacaanLkjipWord`) held against the
store, value by value, one finding per difference.

What the store says is what kinerja's own LKjIP of the unit shows: the period January to the
latest month reported in the kabupaten (:func:`kinerja.analisis.dari_store.bulan_terakhir`),
each indicator's realisasi and target of those months aggregated by its own agregasi and its
capaian (:func:`kinerja.analisis.dari_store.capaian_kumulatif`, which uses
:mod:`kinerja.core.agregasi` and :mod:`kinerja.core.capaian`), the annual target of the latest
PK, and per program the pagu and realisasi anggaran up to that month. A value written equals
the store's when it equals it at the precision written: "95,3" matches 95,27, "95" matches
95,4. A capaian is right when it follows, by the indicator's polaritas, from the target and
realisasi written beside it, or equals the store's capaian.
"""

from __future__ import annotations

import re

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.evaluasi._word_banding_baris import temuan_anggaran, temuan_pengukuran
from kinerja.evaluasi._word_nilai import temuan

__all__ = ["bandingkan"]


def _harapan(store, unit: str, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The store's indicators (capaian of the period) and programs (at the period's month)."""
    from kinerja.analisis import dari_store as analisis
    from kinerja.core.predikat import DEFAULT_SKALA, muat_skala
    from kinerja.core.wilayah import cari_unit

    cari_unit(store.current("unit"), unit)
    bulan = analisis.bulan_terakhir(store, tahun)
    kum = analisis.capaian_kumulatif(store, unit, tahun, bulan, muat_skala(DEFAULT_SKALA)).reset_index(drop=True)
    if kum.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; LKjIP tidak dapat dibandingkan")
    ang = analisis.anggaran_program(store, unit, tahun)
    ang = ang[ang["bulan"] == bulan].reset_index(drop=True) if not ang.empty else ang
    return kum, ang, bulan


def bandingkan(bacaan, store, unit: str, tahun: int) -> pd.DataFrame:
    """The findings of :func:`kinerja.evaluasi.lkjip_word.bandingkan_lkjip`."""
    if bacaan.ditolak:
        raise KinerjaError("LKjIP tidak dapat dibaca:\n" + "\n".join(bacaan.pesan()))
    kum, ang, bulan = _harapan(store, unit, tahun)
    kinds = dict(zip("Tabel " + bacaan.tabel["nomor"].astype(str), bacaan.tabel["jenis"]))
    found = [temuan("anggaran" if kinds.get(m.lembar) == "anggaran" else "capaian", None, "", "", "",
                     f"{m.kode}: {m.pesan}") | {"tabel": m.lembar, "baris": _baris(m.sel)} for m in bacaan.masalah]
    found += temuan_pengukuran(bacaan.pengukuran, kum, tahun, bulan)
    found += temuan_anggaran(bacaan.anggaran, ang, bulan)
    out = pd.DataFrame(found, columns=["butir", "tabel", "baris", "indikator", "tertulis", "seharusnya", "uraian"])
    # a row number or None (a finding without a row): plain Python values, so "if baris" and str() work
    out["baris"] = pd.Series([None if pd.isna(b) else int(b) for b in out["baris"]], index=out.index, dtype=object)
    return out.reset_index(drop=True)


def _baris(sel: str) -> object:
    m = re.match(r"baris (\d+)", sel or "")
    return int(m.group(1)) if m else None
