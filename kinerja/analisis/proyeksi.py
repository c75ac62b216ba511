"""Early warning: every indicator's year-end value projected from its path so far and its plan.

The method (docs/metodologi.md, peringatan dini), vectorised over all indicators:

1. For every month up to ``sampai_bulan`` with a realisasi and a RAAPK target above zero,
   the ratio realisasi ÷ target says how the unit performs against its own plan.
2. The months still to come are filled with their RAAPK target × the mean ratio of the
   reported months (central; the backtest found the mean of all months better than of the
   last three, since a month's deviation from plan does not persist), × the 10th and × the 90th percentile of all
   the year's ratios (the band; with one ratio only, ±10 %). An indicator without a
   monthly plan is filled with its pace so far: the mean monthly realisasi for a summed
   indicator, the last value for any other (band: the 10th and 90th percentile of the
   reported values).
3. The filled twelve months are aggregated by the indicator's agregasi exactly as every
   capaian is (:func:`kinerja.core.agregasi.agregasikan`) and set against the year's target, so
   the projected capaian is what the December CRAAPK will show if the projection holds.

Status: ``pasti tidak tercapai`` when the miss is no longer a projection but already certain
(:func:`_pasti`: a ``maks`` indicator with a ceiling already above it, a ``min`` one with a floor
already below it, a ``jumlah`` count already past its ceiling, a ``jumlah`` target out of reach
even at the best monthly rate of the year so far, or the indicator's last planned month
reported), ``meleset`` when even the band's better end stays below 100 %, ``berisiko`` when the
central projection does, ``waspada`` when only the worse end does, ``aman`` otherwise;
indicators that cannot be projected (no numeric target, stabil or kualitatif, no
realisasi yet, a value that needs verifying) say why in ``catatan``.

The list an official reads (:func:`daftar_berisiko`) is narrower than "below 100 %": the
thresholds of ``parameters/peringatan_dini.yaml`` (chosen with the backtest,
``benchmarks/bench_proyeksi.py``) keep the indicators to act on, worst first, and
:func:`jumlah_lainnya` counts the rest.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.agregasi import agregasikan
from kinerja.analisis.dari_store.tabel import _KEY, tabel_bulanan
from kinerja.core.capaian import hitung_capaian, memenuhi_target
from kinerja.core.formatting import format_nilai, nama_bulan
from kinerja.core.konfigurasi import BerkasPeringatanDini
from kinerja.core.parameter import muat_konfigurasi
from kinerja.core.sumber import parameters_dir
from kinerja.store.store import Store

__all__ = ["PASTI", "STATUS", "daftar_berisiko", "jumlah_lainnya", "muat_peringatan_dini", "proyeksi", "proyeksi_tabel"]

PASTI = "pasti tidak tercapai"
STATUS = (PASTI, "meleset", "berisiko", "waspada", "aman", "tidak diproyeksikan")
PITA = (0.10, 0.90)  # quantiles of the band


def proyeksi(store: Store, unit: str | None, tahun: int, sampai_bulan: int) -> pd.DataFrame:
    """:func:`proyeksi_tabel` on the store's months of ``tahun`` (every unit when None), with
    the measurement of January to ``sampai_bulan`` whose values to verify it does not project."""
    from kinerja.analisis.dari_store.capaian import capaian_kumulatif

    return proyeksi_tabel(tabel_bulanan(store, unit, tahun), sampai_bulan,
                          capaian_kumulatif(store, unit, tahun, sampai_bulan))


def _isi(d: pd.DataFrame, future: np.ndarray, ratio: pd.Series, pace: pd.Series) -> np.ndarray:
    """The months after the cut filled with target × ratio, or the pace where there is no plan."""
    key = pd.MultiIndex.from_frame(d[_KEY])
    r = ratio.reindex(key).to_numpy()
    p = pace.reindex(key).to_numpy()
    planned = d["target_nilai"].to_numpy(dtype=float)
    fill = np.where(~np.isnan(planned) & ~np.isnan(r), planned * r, p)
    real = d["realisasi_nilai"].to_numpy(dtype=float)
    return np.where(future, fill, real)


def proyeksi_tabel(bulanan: pd.DataFrame, sampai_bulan: int, kumulatif: pd.DataFrame | None = None,
                   aturan: BerkasPeringatanDini | None = None) -> pd.DataFrame:
    """Project every indicator of :func:`kinerja.analisis.dari_store.tabel_bulanan` rows to December,
    from the realisasi of January to ``sampai_bulan`` only (later months are ignored).
    ``kumulatif`` (:func:`kinerja.analisis.dari_store.capaian_kumulatif` of the same months): its
    values to verify (``ragu``) are not projected; ``aturan`` the thresholds
    (:func:`muat_peringatan_dini`).

    Returns one row per indicator: ``unit_kode``, ``indikator_kode``, ``indikator``,
    ``satuan``, ``polaritas``, ``agregasi``, ``target`` (the year's), ``realisasi_kini``
    (to date), ``proyeksi``, ``bawah``, ``atas`` (the band), ``capaian_proyeksi``,
    ``capaian_bawah``, ``capaian_atas`` (worse and better end), ``status``, ``catatan``,
    ``ragu`` (not projected: the value to date needs verifying).

    Examples
    --------
    >>> b = pd.DataFrame({"unit_kode": "u", "indikator_kode": "i", "indikator": "Pasien", "satuan": "orang",
    ...     "polaritas": "positif", "agregasi": "jumlah", "target_tahunan_nilai": 120.0,
    ...     "bulan": range(1, 13), "target_nilai": 10.0,
    ...     "realisasi_nilai": [8.0, 8.0, 8.0] + [np.nan] * 9})
    >>> r = proyeksi_tabel(b, 3).iloc[0]
    >>> float(r["proyeksi"]), float(r["capaian_proyeksi"]), r["status"]
    (96.0, 80.0, 'pasti tidak tercapai')
    >>> r["catatan"]
    'target setahun (120 orang) tidak terjangkau lagi: realisasi s.d. Maret (24 orang) ditambah 9 bulan pada laju bulanan terbaik tahun ini (8 orang, atau rencana bulanan bila lebih besar) hanya 114 orang'
    """
    cols = ["unit_kode", "indikator_kode", "indikator", "satuan", "polaritas", "agregasi", "target", "realisasi_kini",
            "proyeksi", "bawah", "atas", "capaian_proyeksi", "capaian_bawah", "capaian_atas", "status", "catatan", "ragu"]
    if bulanan.empty:
        return pd.DataFrame(columns=cols)
    aturan = aturan or muat_peringatan_dini()
    d = bulanan.sort_values([*_KEY, "bulan"], kind="stable").reset_index(drop=True)
    d["agregasi"] = d["agregasi"].fillna("akhir").replace("", "akhir")
    real = d["realisasi_nilai"].astype(float).where(d["bulan"] <= sampai_bulan)
    d["realisasi_nilai"] = real
    target = d["target_nilai"].astype(float)
    group = [d[k] for k in _KEY]
    out = _nilai_proyeksi(d, real, target, group, sampai_bulan)
    pol = out["polaritas"].fillna("").astype(str).str.lower()
    ragu = _ragu(out.index, kumulatif)
    projectable = out["target"].notna() & pol.isin(["positif", "negatif"]) & out["realisasi_kini"].notna() & ~ragu
    _capaian_proyeksi(out, pol, projectable)
    certain = _pasti(out, d, real, target, group, pol, sampai_bulan, aturan).where(projectable, "")
    status = np.where(certain != "", PASTI, _status(out))
    out["status"] = status
    plan = target.notna().groupby(group).any().reindex(out.index)
    out["catatan"] = np.where(certain != "", certain, _catatan(out, pol, status, plan, sampai_bulan))
    out["ragu"] = ragu.to_numpy()
    if ragu.any():  # a value to verify is named, never projected
        out.loc[ragu.to_numpy(), "catatan"] = _alasan_ragu(out.index, kumulatif)[ragu.to_numpy()]
    return out.reset_index()[cols]


def _capaian_proyeksi(out: pd.DataFrame, pol: pd.Series, projectable: pd.Series) -> None:
    """The projected capaian, its band's worse and better end, and the band in value terms
    (low ≤ high whatever the polarity), in place; blank where nothing is projected."""
    caps = {}
    for name, col in (("proyeksi", "capaian_proyeksi"), ("bawah", "_c1"), ("atas", "_c2")):
        frame = pd.DataFrame({"target": out["target"], "realisasi": out[name], "polaritas": pol})
        caps[col] = hitung_capaian(frame)["capaian"].where(projectable)
    out["capaian_proyeksi"] = caps["capaian_proyeksi"]
    out["capaian_bawah"] = np.fmin(caps["_c1"], caps["_c2"])
    out["capaian_atas"] = np.fmax(caps["_c1"], caps["_c2"])
    for name in ("proyeksi", "bawah", "atas"):
        out[name] = out[name].where(projectable)
    lo, hi = np.fmin(out["bawah"], out["atas"]), np.fmax(out["bawah"], out["atas"])
    out["bawah"], out["atas"] = lo, hi


def _ragu(key: pd.MultiIndex, kumulatif: pd.DataFrame | None) -> pd.Series:
    """Per indicator of ``key``, whether its value to date needs verifying (``ragu``)."""
    if kumulatif is None or kumulatif.empty or "ragu" not in kumulatif:
        return pd.Series(False, index=key)
    flag = kumulatif.set_index(_KEY)["ragu"]
    return pd.Series(flag[~flag.index.duplicated()].reindex(key).eq(True).to_numpy(), index=key)


def _alasan_ragu(key: pd.MultiIndex, kumulatif: pd.DataFrame) -> np.ndarray:
    """Why an indicator to verify is not projected, with the reasons of the measurement."""
    why = kumulatif.set_index(_KEY)["verifikasi"]
    why = why[~why.index.duplicated()].reindex(key)
    return np.array(["tidak diproyeksikan: angka perlu diverifikasi"
                     + (f" ({'; '.join(w)})" if isinstance(w, list) and w else "") for w in why], dtype=object)


def _pasti(out: pd.DataFrame, d: pd.DataFrame, real: pd.Series, target: pd.Series, group: list[pd.Series],
           pol: pd.Series, sampai_bulan: int, aturan: BerkasPeringatanDini) -> pd.Series:
    """Why the year's target is already certain to be missed ("" when it is not): a value that
    can only move away from the target (the year's maximum of a ``maks`` indicator with a
    ceiling, the minimum of a ``min`` one with a floor, the sum of a ``jumlah`` count with a
    ceiling) is already past it; a ``jumlah`` target that the months left cannot reach even at
    ``kali_laju_terbaik`` × the best monthly realisasi so far (or the month's plan where it asks
    more: following the plan is never out of reach); or the indicator's last planned
    month (December without a plan) is reported and the target missed. Judged by the capaian
    engine (its tolerance) as every capaian is."""
    agg, now, goal = out["agregasi"], out["realisasi_kini"], out["target"]
    shown = lambda v: format_nilai(pd.Series(v, index=out.index)) + (" " + out["satuan"].fillna("")).str.rstrip()  # noqa: E731
    short_now = _meleset(goal, now, pol)
    moving_away = ((agg == "maks") & (pol == "negatif")) | ((agg == "min") & (pol == "positif")) | (
        (agg == "jumlah") & (pol == "negatif"))
    left = 12 - int(sampai_bulan)
    best = real.groupby(group).max().reindex(out.index)
    # Each month left at the best monthly rate so far, or at its plan where the plan asks more.
    pace = (aturan.kali_laju_terbaik * real.groupby(group).transform("max")).fillna(0)
    to_come = np.fmax(pace, target.fillna(0)).where(d["bulan"] > sampai_bulan, 0.0)
    reach = now + to_come.groupby(group).sum().reindex(out.index)
    out_of_reach = (agg == "jumlah") & (pol == "positif") & _meleset(goal, reach, pol)
    last_planned = d["bulan"].where(target.notna()).groupby(group).max().reindex(out.index).fillna(12)
    over = last_planned <= sampai_bulan
    bulan = nama_bulan(int(sampai_bulan))
    word = agg.map({"maks": "nilai terbesar", "min": "nilai terkecil", "jumlah": "jumlah"}).fillna("nilai")
    side = agg.map({"min": "di bawah"}).fillna("melampaui")
    return pd.Series(np.select(
        [moving_away & short_now, out_of_reach, over & short_now],
        [word + f" s.d. {bulan} (" + shown(now) + ") sudah " + side + " target setahun (" + shown(goal)
         + "); nilainya tidak dapat kembali ke target",
         "target setahun (" + shown(goal) + f") tidak terjangkau lagi: realisasi s.d. {bulan} (" + shown(now)
         + f") ditambah {left} bulan pada laju bulanan terbaik tahun ini (" + shown(best)
         + ", atau rencana bulanan bila lebih besar) hanya " + shown(reach),
         f"bulan terakhir yang direncanakan sudah dilaporkan (s.d. {bulan}) dan targetnya tidak tercapai"], ""),
        index=out.index, dtype=object)


def _meleset(target: pd.Series, realisasi: pd.Series, pol: pd.Series) -> pd.Series:
    """True where ``realisasi`` misses ``target`` by the capaian engine (NaN: False)."""
    c = hitung_capaian(pd.DataFrame({"target": target, "realisasi": realisasi, "polaritas": pol}))["capaian"]
    return pd.Series((c.notna() & ~memenuhi_target(c)).to_numpy(), index=target.index)


def _rasio(real: pd.Series, target: pd.Series, group: list[pd.Series]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per indicator, how it performs against its own plan: the mean of realisasi ÷ RAAPK
    target over the reported months with a target above zero, and the band's quantiles of
    those ratios (±10 % around the mean when there is one ratio only)."""
    seen = real.notna()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (real / target).where(seen & (target > 0))
    recent = ratio.groupby(group).mean()
    lo_r = ratio.groupby(group).quantile(PITA[0])
    hi_r = ratio.groupby(group).quantile(PITA[1])
    n_r = ratio.notna().groupby(group).sum()
    single = n_r == 1
    lo_r = lo_r.where(~single, recent * 0.9)
    hi_r = hi_r.where(~single, recent * 1.1)
    return recent, lo_r, hi_r


def _laju(d: pd.DataFrame, real: pd.Series, group: list[pd.Series]) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per indicator, its pace so far (the mean monthly realisasi for a summed indicator, the
    last value for any other) and the band's quantiles of the reported values."""
    summed = d["agregasi"].eq("jumlah").groupby(group).first()
    last = real.groupby(group).last()
    mean = real.groupby(group).mean()
    pace = last.where(~summed, mean)
    pace_lo = real.groupby(group).quantile(PITA[0])
    pace_hi = real.groupby(group).quantile(PITA[1])
    return pace, pace_lo, pace_hi


def _nilai_proyeksi(d: pd.DataFrame, real: pd.Series, target: pd.Series, group: list[pd.Series],
                    sampai_bulan: int) -> pd.DataFrame:
    """One row per indicator: its metadata, the year's ``target``, ``realisasi_kini`` (to
    date) and the year's realisasi with the months to come filled three ways: ``proyeksi``
    (central), ``bawah`` and ``atas`` (the band's ends, in filling order)."""
    future = (d["bulan"] > sampai_bulan).to_numpy()
    base = d[[*_KEY, "bulan", "agregasi"]].assign(target=target)
    runs = {}
    for name, r, p in zip(("proyeksi", "bawah", "atas"), _rasio(real, target, group), _laju(d, real, group)):
        filled = base.assign(realisasi=_isi(d, future, r, p))
        runs[name] = agregasikan(filled, _KEY, "tahun").set_index(_KEY)
    now = agregasikan(base.assign(realisasi=real.to_numpy()), _KEY, "tahun", sampai_bulan=sampai_bulan).set_index(_KEY)
    first = d.drop_duplicates(_KEY).set_index(_KEY)
    out = pd.DataFrame(index=first.index)
    for c in ("indikator", "satuan", "polaritas", "agregasi"):
        out[c] = first[c]
    # The year's target: the twelve monthly targets aggregated, else the PK's annual target.
    out["target"] = runs["proyeksi"]["target"].where(runs["proyeksi"]["target"].notna(), first["target_tahunan_nilai"])
    out["realisasi_kini"] = now["realisasi"].reindex(out.index)
    for name in runs:
        out[name] = runs[name]["realisasi"].reindex(out.index)
    return out


def _status(out: pd.DataFrame) -> np.ndarray:
    """``meleset``, ``berisiko``, ``waspada`` or ``aman`` by which end of the band misses the
    target, ``tidak diproyeksikan`` without a projected capaian."""
    def below(c: pd.Series) -> np.ndarray:
        return (c.notna() & ~memenuhi_target(c)).to_numpy()

    return np.select([below(out["capaian_atas"]), below(out["capaian_proyeksi"]), below(out["capaian_bawah"]),
                      out["capaian_proyeksi"].notna()], ["meleset", "berisiko", "waspada", "aman"],
                     "tidak diproyeksikan")


def _catatan(out: pd.DataFrame, pol: pd.Series, status: np.ndarray, plan: pd.Series, sampai_bulan: int) -> np.ndarray:
    """Why an indicator is not projected, else what its projection rests on (its monthly
    plan, or its pace where it has none)."""
    reason = np.select([out["realisasi_kini"].isna(), ~pol.isin(["positif", "negatif"]), out["target"].isna()],
                       [f"belum ada realisasi s.d. bulan {sampai_bulan}",
                        "target berupa rentang, batas atau nilai huruf (stabil/kualitatif)",
                        "tanpa target angka"], "")
    return np.where(status == "tidak diproyeksikan", reason,
                    np.where(plan.to_numpy(), "menurut rencana aksi (RAAPK) dan kinerja terhadapnya",
                             "tanpa rencana bulanan: menurut laju sejauh ini"))


def muat_peringatan_dini(path: str | os.PathLike | None = None) -> BerkasPeringatanDini:
    """The early-warning thresholds from ``path`` or ``parameters/peringatan_dini.yaml``
    (defaults if absent), checked by :class:`kinerja.core.konfigurasi.BerkasPeringatanDini`.

    Examples
    --------
    >>> a = muat_peringatan_dini()
    >>> a.batas_capaian, a.syarat_pita
    (95.0, True)
    """
    file = Path(path) if path else parameters_dir() / "peringatan_dini.yaml"
    return muat_konfigurasi(file, BerkasPeringatanDini) if path or file.exists() else BerkasPeringatanDini()


def _didaftar(proj: pd.DataFrame, aturan: BerkasPeringatanDini) -> pd.Series:
    """The indicators an official should act on: a projected capaian below the threshold and
    a miss already certain or, with ``syarat_pita``, the band's better end below the target too
    (``meleset``)."""
    status = [PASTI, "meleset"] if aturan.syarat_pita else [PASTI, "meleset", "berisiko"]
    return proj["status"].isin(status) & (proj["capaian_proyeksi"] < aturan.batas_capaian)


def daftar_berisiko(proj: pd.DataFrame, aturan: BerkasPeringatanDini | None = None) -> pd.DataFrame:
    """The early-warning list: the indicators an official should act on
    (:func:`muat_peringatan_dini`: projected capaian below ``batas_capaian`` and, with
    ``syarat_pita``, even the band's better end missing the target), the largest shortfall
    first (the misses already certain before them). :func:`jumlah_lainnya` counts the others
    projected below their target; the list carries that count and the threshold in its
    ``attrs`` (``lainnya``, ``batas_capaian``) for the sentence every reader of it prints
    (:func:`kinerja.dokumen.narasi.kalimat_peringatan_lainnya`).

    Examples
    --------
    >>> p = pd.DataFrame({"indikator": ["a", "b", "c"], "status": ["meleset", "meleset", "berisiko"],
    ...                   "capaian_proyeksi": [99.1, 80.0, 90.0]})
    >>> daftar_berisiko(p)["indikator"].tolist(), jumlah_lainnya(p)
    (['b'], 2)
    """
    aturan = aturan or muat_peringatan_dini()
    risky = proj[_didaftar(proj, aturan)]
    risky = risky.assign(_pasti=risky["status"] != PASTI).sort_values(["_pasti", "capaian_proyeksi"], kind="stable")
    risky = risky.drop(columns="_pasti").reset_index(drop=True)
    risky.attrs.update(lainnya=jumlah_lainnya(proj, aturan), batas_capaian=aturan.batas_capaian)
    return risky


def jumlah_lainnya(proj: pd.DataFrame, aturan: BerkasPeringatanDini | None = None) -> int:
    """How many indicators are projected below their target (``pasti tidak tercapai``,
    ``meleset`` or ``berisiko``) but left off the list by its thresholds."""
    aturan = aturan or muat_peringatan_dini()
    below = proj["status"].isin([PASTI, "meleset", "berisiko"])
    return int((below & ~_didaftar(proj, aturan)).sum())
