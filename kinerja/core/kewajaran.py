"""Plausibility: numbers that cannot be right are flagged "perlu diverifikasi", not celebrated.

A row of the period's capaian table (:func:`kinerja.analisis.dari_store.capaian_kumulatif`) is flagged
when

* its capaian is above ``capaian_maks`` (default 200 %) or, with realisasi above zero,
  below ``capaian_min`` (default 10 %): a target or realisasi written an order of
  magnitude off ("4" for 48) looks like this;
* its PK target is ``rasio_renstra`` times (default 10) above or below the Renstra/RPJMD
  target of the same year, or differs from it at all (a reviu finding, the same
  comparison as ingest rule V28);
* it sums its months (``jumlah``), has a RAAPK, and a month up to the period has a blank
  target there (``–`` is "no target that month" and is not flagged);
* a month's realisasi cannot be right as written: "-0", a zero after months of data, a tenfold
  jump from the month before (:mod:`kinerja.core.janggal`, the rule ingest warns with as V73).

A flagged row keeps its capaian on display with the reason beside it, and is left out of
every average until an evaluator confirms it in ``parameters/kewajaran.yaml``
(``dikonfirmasi``: unit, indikator, tahun and a catatan), or a Bappeda or Inspektorat visitor
confirms it on a page (kept in the store, joined to these by the store's reader). The limits are
in that file too.

The flag travels with the value: every measurement (a month, a quarter, January to a month)
carries it as one boolean column ``ragu`` (:func:`perlu_verifikasi`, :func:`bulan_perlu_verifikasi`),
and every table prints such a value with :data:`kinerja.core.kosakata.TANDA_VERIFIKASI` and the note
:data:`kinerja.core.kosakata.CATATAN_VERIFIKASI`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.aturan import berbeda, jauh
from kinerja.core.formatting import format_nilai, format_persen, nama_bulan
from kinerja.core.janggal import realisasi_janggal
from kinerja.core.konfigurasi import BerkasKewajaran
from kinerja.core.parameter import muat_konfigurasi
from kinerja.core.sumber import parameters_dir

__all__ = ["DIKONFIRMASI", "Kewajaran", "bulan_perlu_verifikasi", "di_luar_batas", "muat_kewajaran", "perlu_verifikasi",
           "periksa_kewajaran"]

# The reason added to a flagged row an evaluator has confirmed: it is judged and averaged again.
DIKONFIRMASI = "telah dikonfirmasi evaluator"


@dataclass(frozen=True)
class Kewajaran:
    """The plausibility limits and the rows an evaluator has confirmed."""

    capaian_maks: float = 200.0
    capaian_min: float = 10.0
    rasio_renstra: float = 10.0
    dikonfirmasi: frozenset[tuple[str, str, int]] = field(default_factory=frozenset)
    sumber: str = ""


def muat_kewajaran(path: str | os.PathLike | None = None) -> Kewajaran:
    """Read the limits from ``path`` or ``parameters/kewajaran.yaml`` (defaults if absent);
    the file is checked by :class:`kinerja.core.konfigurasi.BerkasKewajaran`.

    Examples
    --------
    >>> k = muat_kewajaran()
    >>> (k.capaian_maks, k.capaian_min, k.rasio_renstra)
    (200.0, 10.0, 10.0)
    """
    file = Path(path) if path else parameters_dir() / "kewajaran.yaml"
    if not path and not file.exists():
        return Kewajaran()
    doc = muat_konfigurasi(file, BerkasKewajaran)
    return Kewajaran(doc.capaian_maks, doc.capaian_min, doc.rasio_renstra,
                     frozenset((k.unit, k.indikator, k.tahun) for k in doc.dikonfirmasi), str(file))


def di_luar_batas(capaian, realisasi, aturan: Kewajaran) -> np.ndarray:
    """True where a capaian is beyond the plausibility band: above ``capaian_maks``, or
    below ``capaian_min`` although realisasi is above zero.

    Examples
    --------
    >>> di_luar_batas([635.0, 5.0, 5.0, 95.0], [25.4, 2.0, 0.0, 40.0], Kewajaran()).tolist()
    [True, True, False, False]
    """
    cap = pd.to_numeric(pd.Series(capaian), errors="coerce").to_numpy(dtype="float64")
    real = pd.to_numeric(pd.Series(realisasi), errors="coerce").to_numpy(dtype="float64")
    return (cap > aturan.capaian_maks) | ((cap < aturan.capaian_min) & (real > 0))


class _Alasan:
    """The reasons each row needs verifying, collected check by check, and which rows have any."""

    def __init__(self, n: int) -> None:
        self.reasons: list[list[str]] = [[] for _ in range(n)]
        self.flagged = np.zeros(n, dtype=bool)

    def note(self, rows: np.ndarray, text) -> None:
        for i in rows:
            self.reasons[i].append(text(i))
        self.flagged[rows] = True


def _cek_batas_capaian(alasan: _Alasan, cap: np.ndarray, real: np.ndarray, aturan: Kewajaran) -> None:
    """A capaian above ``capaian_maks``, or below ``capaian_min`` with realisasi above zero."""
    beyond = di_luar_batas(cap, real, aturan)
    alasan.note(
        np.flatnonzero(beyond & (cap > aturan.capaian_maks)),
        lambda i: f"capaian {format_persen(cap[i])} di atas batas kewajaran {format_persen(aturan.capaian_maks)}")
    alasan.note(
        np.flatnonzero(beyond & (cap < aturan.capaian_min)),
        lambda i: f"capaian {format_persen(cap[i])} di bawah batas kewajaran {format_persen(aturan.capaian_min)}; "
                  "periksa penulisan target dan realisasi")


def _cek_target_renstra(alasan: _Alasan, kum: pd.DataFrame, key: pd.MultiIndex, renstra: pd.Series, tahun: int,
                        aturan: Kewajaran) -> None:
    """A PK target that differs from the Renstra/RPJMD target of the year (saying so when it
    is ``rasio_renstra`` times off)."""
    n = len(kum)
    acuan = renstra.reindex(key).to_numpy(dtype="float64") if len(renstra) else np.full(n, np.nan)
    pk = kum["target_tahunan_nilai"].to_numpy(dtype="float64")
    far = jauh(pk, acuan, aturan.rasio_renstra)
    differ = np.asarray(berbeda(pk, acuan)) & ~np.isnan(acuan) & ~np.isnan(pk)
    shown = format_nilai(pd.Series(acuan))
    alasan.note(
        np.flatnonzero(differ),
        lambda i: f"target PK ({kum['target_tahunan'].iloc[i]}) berbeda dari target Renstra/RPJMD tahun {tahun} "
                  f"({shown[i]})" + (", selisih satu orde besaran atau lebih" if far[i] else ""))


def _cek_target_bulan_kosong(alasan: _Alasan, bulanan: pd.DataFrame, key: pd.MultiIndex, dari_bulan: int,
                             sampai_bulan: int) -> None:
    """A ``jumlah`` indicator with a RAAPK whose target of a month ``dari_bulan``…``sampai_bulan`` is blank."""
    upto = bulanan[bulanan["bulan"].between(dari_bulan, sampai_bulan) & (bulanan["agregasi"] == "jumlah")]
    text = upto["target"].astype(object).where(upto["target"].notna(), "").astype(str).str.strip()
    # Only where the indicator has a RAAPK at all (some month has a target written).
    planned = (text != "").groupby([upto["unit_kode"], upto["indikator_kode"]]).transform("any")
    months = upto[(text == "") & planned].groupby(["unit_kode", "indikator_kode"])["bulan"].agg(list)
    months = months.reindex(key).to_numpy()
    alasan.note(
        np.flatnonzero([isinstance(m, list) for m in months]),
        lambda i: "target bulan " + ", ".join(nama_bulan(int(m)) for m in months[i])
                  + " kosong di RAAPK (bukan tanda –)")


def _cek_realisasi_janggal(alasan: _Alasan, bulanan: pd.DataFrame, key: pd.MultiIndex, dari_bulan: int,
                           sampai_bulan: int) -> None:
    """A month's realisasi ``dari_bulan``…``sampai_bulan`` that cannot be right as written
    (:func:`kinerja.core.janggal.realisasi_janggal`: "-0", a zero after months of data, a tenfold jump),
    judged against the months before it (from January)."""
    upto = bulanan[bulanan["bulan"] <= sampai_bulan]
    why = _janggal(upto)
    keep = (why != "") & (upto["bulan"] >= dari_bulan)
    hit = upto[keep].assign(_why=why[keep])
    texts = hit.groupby(["unit_kode", "indikator_kode"])["_why"].agg("; ".join).reindex(key).to_numpy()
    alasan.note(np.flatnonzero([isinstance(t, str) for t in texts]), lambda i: texts[i] + "; periksa penulisan")


def _janggal(bulanan: pd.DataFrame) -> pd.Series:
    """:func:`kinerja.core.janggal.realisasi_janggal` of monthly rows (several indicators and units)."""
    return realisasi_janggal(bulanan["unit_kode"] + "\x1f" + bulanan["indikator_kode"], bulanan["bulan"],
                             bulanan["realisasi"], bulanan["realisasi_nilai"], bulanan["agregasi"])


def _dikonfirmasi(kum: pd.DataFrame, tahun: int, aturan: Kewajaran) -> np.ndarray:
    """The rows an evaluator has confirmed (``parameters/kewajaran.yaml`` or a page)."""
    n = len(kum)
    if aturan.dikonfirmasi:
        mine = pd.MultiIndex.from_arrays([kum["unit_kode"], kum["indikator_kode"], np.full(n, tahun)])
        return mine.isin(pd.MultiIndex.from_tuples(sorted(aturan.dikonfirmasi)))
    return np.zeros(n, dtype=bool)


def periksa_kewajaran(kum: pd.DataFrame, bulanan: pd.DataFrame, renstra: pd.Series, tahun: int,
                      sampai_bulan: int, aturan: Kewajaran, dari_bulan: int = 1) -> tuple[pd.Series, pd.Series]:
    """The reasons each row needs verifying, and whether its capaian may enter averages.
    ``kum`` measures the months ``dari_bulan``…``sampai_bulan`` (January to a month, or a quarter).

    ``kum`` has ``unit_kode``, ``indikator_kode``, ``capaian``, ``realisasi``,
    ``target_tahunan``/``target_tahunan_nilai`` and ``agregasi``; ``bulanan`` the monthly
    rows with ``target`` as written (and ``realisasi`` as written and as ``realisasi_nilai``,
    when the months' realisasi are to be judged too); ``renstra`` the Renstra/RPJMD target of ``tahun``
    indexed by (unit_kode, indikator_kode). Returns (``verifikasi``: list of sentences per
    row, ``dihitung``: bool per row).

    Examples
    --------
    >>> kum = pd.DataFrame({"unit_kode": ["a"], "indikator_kode": ["i"], "capaian": [635.0],
    ...                     "realisasi": [25.4], "target_tahunan": ["4"], "target_tahunan_nilai": [4.0],
    ...                     "agregasi": ["akhir"]})
    >>> renstra = pd.Series([48.0], index=pd.MultiIndex.from_tuples([("a", "i")]))
    >>> alasan, dihitung = periksa_kewajaran(kum, kum.iloc[:0], renstra, 2026, 9, Kewajaran())
    >>> alasan[0][0]
    'capaian 635,00% di atas batas kewajaran 200,00%'
    >>> bool(dihitung[0])
    False
    """
    alasan = _Alasan(len(kum))
    cap = pd.to_numeric(kum["capaian"], errors="coerce").to_numpy(dtype="float64")
    real = pd.to_numeric(kum["realisasi"], errors="coerce").to_numpy(dtype="float64")
    _cek_batas_capaian(alasan, cap, real, aturan)
    key = pd.MultiIndex.from_frame(kum[["unit_kode", "indikator_kode"]])
    _cek_target_renstra(alasan, kum, key, renstra, tahun, aturan)
    if not bulanan.empty:
        _cek_target_bulan_kosong(alasan, bulanan, key, dari_bulan, sampai_bulan)
    if not bulanan.empty and "realisasi_nilai" in bulanan:
        _cek_realisasi_janggal(alasan, bulanan, key, dari_bulan, sampai_bulan)
    confirmed = _dikonfirmasi(kum, tahun, aturan)
    alasan.note(np.flatnonzero(alasan.flagged & confirmed), lambda i: DIKONFIRMASI)
    dihitung = ~np.isnan(cap) & (~alasan.flagged | confirmed)
    return pd.Series(alasan.reasons, index=kum.index, dtype=object), pd.Series(dihitung, index=kum.index)


def perlu_verifikasi(verifikasi: pd.Series) -> pd.Series:
    """The flag every measurement carries as ``ragu``: the row has reasons to verify
    (:func:`periksa_kewajaran`) and no evaluator has confirmed it. Such a value is printed
    with its mark, never judged, and kept out of every average.

    Examples
    --------
    >>> perlu_verifikasi(pd.Series([[], ["capaian 635,00% di atas batas"], ["x", DIKONFIRMASI]])).tolist()
    [False, True, False]
    """
    return verifikasi.map(lambda v: isinstance(v, list) and bool(v) and DIKONFIRMASI not in v).astype(bool)


def bulan_perlu_verifikasi(bulanan: pd.DataFrame, tahun: int, aturan: Kewajaran) -> np.ndarray:
    """The flag of each monthly row (``ragu`` of a month): its capaian beyond the band
    (:func:`di_luar_batas`) or its realisasi implausible as written (:mod:`kinerja.core.janggal`),
    unless an evaluator has confirmed the indicator for ``tahun``. ``bulanan`` has the key,
    ``bulan``, ``realisasi`` (as written), ``realisasi_nilai``, ``agregasi`` and ``capaian``.

    Examples
    --------
    >>> b = pd.DataFrame({"unit_kode": "u", "indikator_kode": "i", "bulan": [1, 2, 3], "agregasi": "akhir",
    ...                   "realisasi": ["80", "81", "8418"], "realisasi_nilai": [80.0, 81.0, 8418.0],
    ...                   "capaian": [100.0, 101.0, 190.0]})
    >>> bulan_perlu_verifikasi(b, 2026, Kewajaran()).tolist()
    [False, False, True]
    """
    if bulanan.empty:
        return np.zeros(0, dtype=bool)
    flagged = di_luar_batas(bulanan["capaian"], bulanan["realisasi_nilai"], aturan) | (_janggal(bulanan) != "").to_numpy()
    return flagged & ~_dikonfirmasi(bulanan, tahun, aturan)
