"""What the Voila pages and the evaluator's explorer show, as plain functions of the store.

Everything here is computed once per page for every unit (one query per table, see
:mod:`kinerja.analisis.dari_store`) and then filtered, so a selection on a page only slices
DataFrames. No widget here: the page modules of :mod:`kinerja.halaman` wire these to ipywidgets.

``Konteks``               store, year, month, scale, batch output folder and visitor of a page
``penolakan``             the sentence a page says to a visitor who may not see it
``ringkasan_kabupaten``   per perangkat daerah: capaian, predikat, penyerapan, kuadran, kepatuhan
``peta_predikat``         unit × month mean capaian and its predikat colour
``kesenjangan``           indicators furthest below target, largest gap first, filterable
``tren``                  several years of realisasi against the Renstra targets
``laporan_unit``          the batch's documents for one unit, read from its manifest
``andai_target``          what-if: capaian and predikat again with changed targets
``ekspor_xlsx``           a selection written to .xlsx with Indonesian headers
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.berjenjang import capaian_kabupaten
from kinerja.core.capaian import hitung_capaian, memenuhi_target
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.core.errors import KinerjaError
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.store.store import Store, buka_store
from kinerja.core.wilayah import kabupaten_unit, unit_kabupaten
from kinerja.halaman.pengunjung import Pengunjung, pengunjung

__all__ = ["KUADRAN", "Konteks", "andai_target", "ekspor_xlsx", "kesenjangan", "konteks", "laporan_unit",
           "penolakan", "per_kabupaten", "periode_tersedia", "peringatan_dini", "peta_predikat", "ringkasan_kabupaten",
           "tren"]

# Quadrants of capaian (year to date, against 100%) and penyerapan (against the unit's own
# RAAPK plan up to the month).
KUADRAN = {
    (True, False): "Efisien: target tercapai, serapan di bawah rencana",
    (True, True): "Baik: target tercapai, serapan sesuai rencana",
    (False, True): "Perlu evaluasi: serapan berjalan, target belum tercapai",
    (False, False): "Tertinggal: target dan serapan di bawah rencana",
}


@dataclass(frozen=True)
class Konteks:
    """What a page runs against. Built by :func:`konteks` from the server's environment,
    never from the page's URL or widgets. For a ``unit`` visitor ``store`` is that unit's view
    of the store (:class:`kinerja.store.terbatas.StoreUnit`): every function here then sees
    that unit's rows only."""

    store: Store
    tahun: int
    bulan: int
    skala: SkalaPredikat
    keluaran: Path
    pengunjung: Pengunjung = Pengunjung("bappeda", None)


def penolakan(k: Konteks, judul: str) -> str:
    """The sentence a page of every unit (``judul``) says to a ``unit`` visitor, "" for others.

    >>> penolakan(Konteks(None, 2026, 9, None, Path("."), Pengunjung("unit", "dinkes")), "Peringkat")[:40]
    'Halaman Peringkat memuat data semua pera'
    """
    if k.pengunjung.semua_unit:
        return ""
    return (f"Halaman {judul} memuat data semua perangkat daerah dan tidak tersedia untuk tautan unit "
            f"{k.pengunjung.unit}. Buka halaman Perangkat Daerah atau Tren untuk data unit Anda.")


def _latest_period(store: Store) -> tuple[int, int]:
    pk = store.current("target", dokumen="pk")
    if pk.empty:  # a store filled from Renja evaluations only (kinerja impor)
        pk = store.current("target", dokumen="renja")
    if pk.empty:
        raise KinerjaError("basis data belum memuat Perjanjian Kinerja atau Evaluasi Renja; jalankan 'kinerja ingest' "
                           "atau 'kinerja impor' lebih dahulu")
    tahun = int(pk["tahun"].max())
    return tahun, analisis.bulan_terakhir(store, tahun)


def periode_tersedia(store: Store) -> dict[int, list[int]]:
    """The periods a page may show: every year with a Perjanjian Kinerja (or Renja evaluation),
    newest first, each with the months any unit reported realisasi for (``[12]`` for a year
    with nothing monthly, as :func:`kinerja.analisis.dari_store.bulan_terakhir`)."""
    years = set()
    for dokumen in ("pk", "renja"):
        target = store.current("target", dokumen=dokumen)
        years |= {int(t) for t in target["tahun"].dropna().unique()} if not target.empty else set()
    real = store.current("realisasi")
    real = real[real["bulan"].notna()] if not real.empty else real
    months = real.groupby("tahun")["bulan"].unique() if not real.empty else pd.Series(dtype=object)
    return {t: sorted({int(b) for b in months.get(t, [])}) or [12] for t in sorted(years, reverse=True)}


def konteks(db: str = "", tahun: int | None = None, bulan: int | None = None, skala: str | None = None,
            keluaran: str | None = None) -> Konteks:
    """The page's context: arguments first, then ``KINERJA_DB``, ``KINERJA_TAHUN``,
    ``KINERJA_BULAN``, ``KINERJA_SKALA``, ``KINERJA_KELUARAN`` (set by ``kinerja serve``),
    then the default store (:func:`kinerja.store.url.url_store`) and its latest reported month.
    There is no implicit sample: an empty store says how to fill one. The visitor comes from the
    kernel's environment (:func:`kinerja.halaman.pengunjung.pengunjung`, which refuses a kernel of
    the personal-link server without one); a ``unit`` visitor gets that unit's view of the store."""
    visitor = pengunjung()
    store = buka_store(db or None)
    if not visitor.semua_unit:
        from kinerja.store.terbatas import StoreUnit

        store = StoreUnit(store, visitor.unit)
    env_tahun, env_bulan = os.environ.get("KINERJA_TAHUN"), os.environ.get("KINERJA_BULAN")
    if tahun is None and env_tahun:
        tahun = int(env_tahun)
    if bulan is None and env_bulan:
        bulan = int(env_bulan)
    if tahun is None or bulan is None:
        latest_tahun, latest_bulan = _latest_period(store)
        tahun = tahun or latest_tahun
        bulan = bulan or (latest_bulan if tahun == latest_tahun else 12)
    scale = muat_skala(skala or os.environ.get("KINERJA_SKALA", DEFAULT_SKALA))
    folder = Path(keluaran or os.environ.get("KINERJA_KELUARAN", "outputs")).resolve()
    return Konteks(store, int(tahun), int(bulan), scale, folder, visitor)


def ringkasan_kabupaten(k: Konteks, kabupaten: str | None = None, kum: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per perangkat daerah: ``capaian`` (mean, year to date), ``predikat``, ``warna``,
    ``penyerapan`` and ``rencana_penyerapan`` (% of pagu), ``kuadran``, and the
    month's ``kepatuhan`` (tepat waktu / terlambat / belum menyampaikan), worst first;
    of one ``kabupaten`` in a store that holds several, else of all. ``kum``: the indicators
    of :func:`semua_indikator` when the page has them already (not computed again)."""
    r = analisis.ringkasan_unit(k.store, k.tahun, k.bulan, k.skala, kum=kum, kabupaten=kabupaten)
    comply = kepatuhan(k.store, k.tahun, k.bulan).set_index("kode")
    r["kepatuhan"] = r["unit_kode"].map(comply["status"]).fillna("–")
    r["hari_terlambat"] = r["unit_kode"].map(comply["hari_terlambat"]).fillna(0).astype("int64")
    r["warna"] = k.skala.warna(r["capaian"]).fillna("#cccccc").to_numpy()
    known = r["capaian"].notna() & r["penyerapan"].notna() & r["rencana_penyerapan"].notna()
    met = memenuhi_target(r["capaian"])
    spent = (r["penyerapan"] >= r["rencana_penyerapan"]).to_numpy()
    labels = np.select([met & ~spent, met & spent, ~met & spent, ~met & ~spent],
                       [KUADRAN[(True, False)], KUADRAN[(True, True)], KUADRAN[(False, True)], KUADRAN[(False, False)]],
                       default="")
    r["kuadran"] = np.where(known, labels, "belum dapat dinilai")
    return r.sort_values(["capaian", "nama"], na_position="first").reset_index(drop=True)


def per_kabupaten(r: pd.DataFrame, units: pd.DataFrame, sendiri: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per kabupaten from :func:`ringkasan_kabupaten` (of one or all of them):
    ``nama``, ``perangkat_daerah`` (count), ``capaian`` (the roll-up of its perangkat
    daerah, :func:`kinerja.core.berjenjang.capaian_kabupaten`), ``capaian_iku`` (the kabupaten's
    own indicators, from ``sendiri``: :func:`kinerja.analisis.dari_store.ringkasan_unit` of the
    kabupaten units), ``penyerapan`` (Σ realisasi ÷ Σ pagu), ``terlambat`` and ``belum``
    (the month's CRAAPK), by name.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["a", "b", "a1", "a2", "b1"], "nama": ["Kab. A", "Kab. B", "", "", ""],
    ...                       "jenis": ["kabupaten"] * 2 + ["perangkat_daerah"] * 3, "induk": [None, None, "a", "a", "b"]})
    >>> r = pd.DataFrame({"unit_kode": ["a1", "a2", "b1"], "kabupaten": ["a", "a", "b"], "capaian": [90.0, 110.0, None],
    ...                   "pagu": [100.0, 100.0, 50.0], "realisasi_anggaran": [50.0, 70.0, 10.0],
    ...                   "rencana_anggaran": [60.0, 60.0, 20.0], "kepatuhan": ["terlambat", "tepat waktu", "–"]})
    >>> per_kabupaten(r, units)[["nama", "perangkat_daerah", "capaian", "penyerapan"]].values.tolist()
    [['Kab. A', 2, 100.0, 60.0], ['Kab. B', 1, nan, 20.0]]
    """
    g = r.groupby("kabupaten", sort=False)
    out = pd.DataFrame({"perangkat_daerah": g.size(),
                        "penyerapan": g[["pagu", "realisasi_anggaran", "rencana_anggaran"]].apply(
                            lambda x: analisis.penyerapan_total(x)[0]),
                        "terlambat": g["kepatuhan"].apply(lambda x: int((x == "terlambat").sum())),
                        "belum": g["kepatuhan"].apply(lambda x: int((x == "belum menyampaikan").sum()))})
    out.index.name = "kabupaten"
    out = out.reset_index()
    out["capaian"] = out["kabupaten"].map(capaian_kabupaten(r, units).set_index("kabupaten")["capaian"])
    own = sendiri.set_index("unit_kode")["capaian"] if sendiri is not None else pd.Series(dtype=float)
    out["capaian_iku"] = out["kabupaten"].map(own)
    out.insert(1, "nama", out["kabupaten"].map(units.set_index("kode")["nama"]))
    cols = ["kabupaten", "nama", "perangkat_daerah", "capaian", "capaian_iku", "penyerapan", "terlambat", "belum"]
    return out[cols].sort_values("nama").reset_index(drop=True)


def peta_predikat(k: Konteks, kabupaten: str | None = None) -> pd.DataFrame:
    """Long table unit × month (1 … ``bulan``): mean monthly ``capaian`` of the unit's
    indicators, its ``predikat`` and ``warna``; months without realisasi are NaN/grey.
    Only one ``kabupaten``'s perangkat daerah when given."""
    monthly = analisis.capaian_bulanan(k.store, None, k.tahun, k.skala)
    units = unit_kabupaten(k.store.current("unit"), kabupaten)
    pd_units = units[units["jenis"] == "perangkat_daerah"][["kode", "nama"]].rename(columns={"kode": "unit_kode"})
    monthly = monthly[(monthly["bulan"] <= k.bulan) & monthly["unit_kode"].isin(pd_units["unit_kode"])]
    # A month's capaian beyond the plausibility band would colour the whole unit: left out.
    plausible = monthly["capaian"].where(monthly["wajar"])
    mean = plausible.groupby([monthly["unit_kode"], monthly["bulan"]]).mean()
    grid = pd.MultiIndex.from_product([pd_units["unit_kode"], range(1, k.bulan + 1)], names=["unit_kode", "bulan"])
    out = mean.reindex(grid).reset_index()
    out = out.merge(pd_units, on="unit_kode", how="left")
    out["predikat"] = k.skala.predikat(out["capaian"]).to_numpy()
    out["warna"] = k.skala.warna(out["capaian"]).fillna("#e0e0e0").to_numpy()
    return out


def kesenjangan(k: Konteks, unit: str | None = None, sasaran: str | None = None, predikat: str | None = None,
                polaritas: str | None = None, n: int | None = 10, data: pd.DataFrame | None = None,
                semua: bool = False) -> pd.DataFrame:
    """Indicators below target, largest gap first: ``kesenjangan`` = 100 − capaian (poin);
    with ``semua`` every indicator with a capaian (those at or above target have a gap ≤ 0).

    Filters take values from the data's own columns; ``data`` is :func:`kinerja.analisis.dari_store.capaian_kumulatif`
    for every unit when a page has it already (so a filter change does not read the store)."""
    if data is None:
        data = semua_indikator(k)
    view = data
    for col, value in (("unit_kode", unit), ("sasaran", sasaran), ("predikat", predikat), ("polaritas", polaritas)):
        if value:
            view = view[view[col] == value]
    # Rows waiting for verification are not gaps (nor successes) until confirmed.
    below = ~memenuhi_target(view["capaian"]) if not semua else True
    view = view[view["capaian"].notna() & below & view["dihitung"].astype(bool)].assign(
        kesenjangan=lambda d: 100 - d["capaian"])
    view = view.sort_values(["kesenjangan", "nama_unit", "indikator"], ascending=[False, True, True])
    return (view.head(n) if n else view).reset_index(drop=True)


def semua_indikator(k: Konteks) -> pd.DataFrame:
    """Every indicator of every unit, year to date (one row each), with the unit's name and
    the ``kabupaten`` it belongs to."""
    kum = analisis.capaian_kumulatif(k.store, None, k.tahun, k.bulan, k.skala)
    semua = k.store.current("unit")
    kum["kabupaten"] = kum["unit_kode"].map(kabupaten_unit(semua))
    units = semua.set_index("kode")
    kum["nama_unit"] = kum["unit_kode"].map(units["nama"])
    kum["catatan_periode"] = analisis.catatan_periode(kum)
    kum["jenis_unit"] = kum["unit_kode"].map(units["jenis"])
    return kum


_TREN = ["indikator_kode", "indikator", "satuan", "polaritas", "iku", "tahun", "awal", "realisasi", "target_renstra",
         "capaian", "target_akhir", "tahun_akhir"]


def tren(k: Konteks, unit: str | None) -> pd.DataFrame:
    """Per indicator and year: ``realisasi`` (earlier years from the Renstra sheet, this year
    to date), ``target_renstra`` for that year, their ``capaian`` and the end-of-period target;
    the Renstra's baseline year (``awal`` True) keeps its kondisi awal and has no capaian.
    Of every unit (``unit_kode`` says whose) when ``unit`` is None: a page reads it once."""
    hist = analisis.riwayat(k.store, unit)
    now = analisis.capaian_kumulatif(k.store, unit, k.tahun, k.bulan, k.skala)
    if hist.empty and now.empty:
        return pd.DataFrame(columns=["unit_kode", *_TREN])
    meta = k.store.current("indikator", **({"unit_kode": unit} if unit else {})).set_index(["unit_kode", "kode"])
    meta = meta[~meta.index.duplicated(keep="last")]
    current = pd.DataFrame({"unit_kode": now["unit_kode"] if unit is None else unit,
                            "indikator_kode": now["indikator_kode"], "tahun": k.tahun,
                            "realisasi_baru": pd.to_numeric(now["realisasi"], errors="coerce")})
    out = hist.merge(current, on=["unit_kode", "indikator_kode", "tahun"], how="outer")
    out["realisasi_nilai"] = out["realisasi_nilai"].where(out["realisasi_nilai"].notna(), out["realisasi_baru"])
    key = pd.MultiIndex.from_frame(out[["unit_kode", "indikator_kode"]])
    out = out[key.isin(meta.index)]
    key = pd.MultiIndex.from_frame(out[["unit_kode", "indikator_kode"]])
    for col in ("nama", "satuan", "polaritas", "iku"):
        out[col] = meta[col].reindex(key).to_numpy()
    out = out.rename(columns={"nama": "indikator"})
    out["iku"] = out["iku"].fillna(False).astype(bool)
    # The baseline year (kondisi awal of the Renstra) stays, with its value and no capaian:
    # it is where the path starts, not a target.
    out["awal"] = out["jenis"].fillna("tahunan") == "awal"
    out.loc[out["awal"], "realisasi_nilai"] = out.loc[out["awal"], "realisasi_nilai"].fillna(
        out.loc[out["awal"], "target_renstra_nilai"])
    out.loc[out["awal"], "target_renstra_nilai"] = np.nan
    measured = hitung_capaian(pd.DataFrame({"target": out["target_renstra_nilai"], "realisasi": out["realisasi_nilai"],
                                            "polaritas": out["polaritas"]}))
    out["capaian"] = measured["capaian"].to_numpy()
    nilai = {"realisasi": "realisasi_nilai", "target_renstra": "target_renstra_nilai", "target_akhir": "target_akhir_nilai"}
    out = out[["unit_kode", *(nilai.get(c, c) for c in _TREN)]].rename(columns={v: c for c, v in nilai.items()})
    out["tahun"] = out["tahun"].astype("int64")
    return out.sort_values(["unit_kode", "indikator_kode", "tahun"]).reset_index(drop=True)


def laporan_unit(k: Konteks, unit: str) -> pd.DataFrame:
    """The batch's documents for ``unit``: ``dokumen``, ``status`` and ``berkas`` (paths of its
    outputs as the batch's manifest lists them, kept only when they lie in the output folder)."""
    manifest = k.keluaran / str(k.tahun) / "manifest.json"
    if not manifest.is_file() or not k.pengunjung.boleh_lihat(unit):
        return pd.DataFrame(columns=["dokumen", "judul", "status", "berkas"])
    tugas = json.loads(manifest.read_text(encoding="utf-8")).get("tugas", [])
    root = k.keluaran.resolve()
    rows = []
    for t in tugas:
        if t.get("unit") != unit:
            continue
        files = [Path(p).resolve() for p in t.get("keluaran", [])]
        files = [p for p in files if p.is_file() and p.is_relative_to(root) and p.suffix != ".ipynb"]
        kode = str(t.get("dokumen", ""))
        if kode in DOKUMEN:  # only documents the registry knows, in its order, under its titles
            rows.append({"dokumen": kode.upper(), "judul": DOKUMEN[kode].judul, "status": t.get("status", ""),
                         "berkas": files, "_urutan": list(DOKUMEN).index(kode)})
    out = pd.DataFrame(rows, columns=["dokumen", "judul", "status", "berkas", "_urutan"])
    return out.sort_values("_urutan", kind="stable").drop(columns="_urutan").reset_index(drop=True)


def andai_target(data: pd.DataFrame, target_baru: dict[str, float], skala: SkalaPredikat) -> pd.DataFrame:
    """What-if: the year-to-date capaian and predikat again with some targets replaced.

    ``data`` has ``indikator_kode``, ``target``, ``realisasi``, ``polaritas`` (as from
    :func:`semua_indikator` for one unit); ``target_baru`` maps indikator_kode to the new
    target. Adds ``target_andai``, ``capaian_andai``, ``predikat_andai``."""
    out = data.copy()
    new = out["indikator_kode"].map(target_baru)
    out["target_andai"] = out["target"].astype(object).where(new.isna(), new)
    measured = hitung_capaian(pd.DataFrame({"target": out["target_andai"], "realisasi": out["realisasi"],
                                            "polaritas": out["polaritas"]}))
    out["capaian_andai"] = measured["capaian"].to_numpy()
    out["predikat_andai"] = skala.predikat(out["capaian_andai"]).to_numpy()
    return out


_EKSPOR = {"nama_unit": "Unit", "sasaran": "Sasaran", "indikator": "Indikator Kinerja", "satuan": "Satuan",
           "polaritas": "Polaritas", "target": "Target s.d. bulan ini", "realisasi": "Realisasi s.d. bulan ini",
           "capaian": "Capaian (%)", "predikat": "Predikat", "kesenjangan": "Kesenjangan (poin)",
           "target_andai": "Target andai", "capaian_andai": "Capaian andai (%)", "predikat_andai": "Predikat andai"}


def ekspor_xlsx(data: pd.DataFrame, path: str | Path, skala: SkalaPredikat) -> Path:
    """Write a selection to ``path`` (.xlsx): Indonesian headers, numbers kept as numbers,
    predikat cells coloured."""
    from kinerja.render.excel import tulis_xlsx

    cols = [c for c in _EKSPOR if c in data.columns]
    table = data[cols].rename(columns=_EKSPOR)
    for col in ("Target s.d. bulan ini", "Realisasi s.d. bulan ini", "Target andai"):
        if col in table:  # numbers where the value is one, text (grades, ranges) otherwise
            number = pd.to_numeric(table[col], errors="coerce")
            table[col] = number.astype(object).where(number.notna(), table[col])
    numbers = tuple(c for c in ("Capaian (%)", "Kesenjangan (poin)", "Capaian andai (%)") if c in table)
    tulis_xlsx(table, Path(path), lembar="Pilihan", kolom_angka=numbers, kolom_predikat="Predikat", skala=skala)
    return Path(path)


def peringatan_dini(k: Konteks, kabupaten: str | None = None) -> pd.DataFrame:
    """The early-warning list (:func:`kinerja.analisis.proyeksi.daftar_berisiko`) of every unit of
    ``kabupaten`` (all when None), with ``nama_unit`` (preceded by its kabupaten's when the list
    spans several) and, in ``attrs``, the count of the rest; empty in December (the year is known)."""
    from kinerja.analisis.proyeksi import daftar_berisiko, proyeksi, proyeksi_tabel
    from kinerja.core.wilayah import nama_dengan_kabupaten, unit_kabupaten

    if k.bulan >= 12:
        return proyeksi_tabel(pd.DataFrame(), 12).assign(nama_unit=[])
    semua = k.store.current("unit")
    units = unit_kabupaten(semua, kabupaten)
    proj = proyeksi(k.store, None, k.tahun, k.bulan)
    risky = daftar_berisiko(proj[proj["unit_kode"].isin(units["kode"])])  # the rest counted in the same kabupaten
    return risky.assign(nama_unit=nama_dengan_kabupaten(units if kabupaten else semua, risky["unit_kode"]))
