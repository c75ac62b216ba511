"""Ranking of perangkat daerah by a documented composite (``kinerja peringkat``).

Four components, each on 0–100, shown beside the composite so a unit sees why it stands
where it stands; their weights are data (``parameters/peringkat.yaml``):

- ``capaian``: the unit's rolled-up capaian for the period (:mod:`kinerja.core.berjenjang`,
  the same value as in every document), counted up to 100: exceeding targets does not
  make up for late reports or poor data;
- ``penyerapan``: 100 minus the distance (points) between budget absorption and the
  RAAPK plan for the same months; under- and over-spending against one's own plan alike;
- ``kepatuhan``: the CRAAPK of January to the report month, 100 on time, 50 late, 0 not
  sent, averaged;
- ``kualitas``: the share of expected indicator-months reported, times the share of
  indicators not waiting for verification.

A component a unit lacks (no budget, say) is named in ``catatan`` and the composite rests
on the others; a unit without any capaian is listed last, unranked. Ranks are per
kabupaten and, in a store of several, across them too.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.errors import KinerjaError
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat
from kinerja.store.store import Store
from kinerja.core.konfigurasi import BerkasPeringkat, BobotPeringkat
from kinerja.core.parameter import muat_konfigurasi
from kinerja.core.sumber import parameters_dir
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["KOMPONEN", "muat_bobot_peringkat", "nilai_gabungan", "penjelasan", "peringkat", "skor_komponen",
           "tabel_peringkat", "tampilan_peringkat"]

KOMPONEN = tuple(BobotPeringkat.model_fields)  # capaian, penyerapan, kepatuhan, kualitas
_NAMA = {"capaian": "capaian", "penyerapan": "penyerapan terhadap rencana", "kepatuhan": "kepatuhan CRAAPK",
         "kualitas": "kualitas data"}
_NILAI_STATUS = {"tepat waktu": 100.0, "terlambat": 50.0, "belum menyampaikan": 0.0}


def muat_bobot_peringkat(path: str | os.PathLike | None = None) -> dict[str, float]:
    """The components' weights from ``path`` or ``parameters/peringkat.yaml`` (1 each where
    not given), checked by :class:`kinerja.core.konfigurasi.BerkasPeringkat`.

    Examples
    --------
    >>> muat_bobot_peringkat()
    {'capaian': 40.0, 'penyerapan': 20.0, 'kepatuhan': 20.0, 'kualitas': 20.0}
    """
    file = Path(path) if path else parameters_dir() / "peringkat.yaml"
    doc = muat_konfigurasi(file, BerkasPeringkat) if path or file.exists() else BerkasPeringkat()
    return doc.bobot.model_dump()


def skor_komponen(r: pd.DataFrame) -> pd.DataFrame:
    """The four scores (0–100) from a unit table with ``capaian``, ``penyerapan``,
    ``rencana_penyerapan``, ``nilai_kepatuhan``, ``kelengkapan`` and ``wajar`` (shares, 0–1).

    Examples
    --------
    >>> r = pd.DataFrame({"capaian": [130.0, 80.0], "penyerapan": [50.0, 70.0], "rencana_penyerapan": [60.0, 60.0],
    ...                   "nilai_kepatuhan": [100.0, 50.0], "kelengkapan": [1.0, 0.9], "wajar": [1.0, 2 / 3]})
    >>> skor_komponen(r).round(1).values.tolist()
    [[100.0, 90.0, 100.0, 100.0], [80.0, 90.0, 50.0, 60.0]]
    """
    return pd.DataFrame({
        "capaian": r["capaian"].clip(upper=100.0, lower=0.0),
        "penyerapan": (100.0 - (r["penyerapan"] - r["rencana_penyerapan"]).abs()).clip(lower=0.0, upper=100.0),
        "kepatuhan": r["nilai_kepatuhan"],
        "kualitas": 100.0 * r["kelengkapan"] * r["wajar"],
    }, index=r.index)


def nilai_gabungan(scores: pd.DataFrame, bobot: dict[str, float]) -> tuple[pd.Series, pd.Series]:
    """The composite of :func:`skor_komponen` rows and its note: the weighted mean of the
    components a unit has; a missing one is named; without capaian, no composite.

    Examples
    --------
    >>> scores = pd.DataFrame({"capaian": [90.0, 95.0, None], "penyerapan": [80.0, None, 70.0],
    ...                        "kepatuhan": [100.0, 100.0, 100.0], "kualitas": [90.0, 90.0, 90.0]})
    >>> nilai, catatan = nilai_gabungan(scores, {"capaian": 2, "penyerapan": 1, "kepatuhan": 1, "kualitas": 0})
    >>> nilai.round(2).tolist()
    [90.0, 96.67, nan]
    >>> catatan.tolist()[1:]
    ['tanpa penyerapan terhadap rencana (nilai dari komponen lain)', 'belum ada capaian yang dapat dihitung; tidak diperingkat']
    """
    w = pd.Series(bobot, dtype=float).reindex(list(KOMPONEN)).fillna(0.0)
    present = scores[list(KOMPONEN)].notna()
    used = present.mul(w, axis=1).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        nilai = (scores[list(KOMPONEN)].fillna(0.0).mul(w, axis=1).sum(axis=1) / used.where(used > 0))
    nilai = nilai.where(scores["capaian"].notna())
    missing = ~present & (w > 0).to_numpy()
    names = pd.Series([_NAMA[c] for c in KOMPONEN], index=list(KOMPONEN))
    listed = missing.apply(lambda row: "; ".join(f"tanpa {names[c]}" for c in KOMPONEN if row[c]), axis=1)
    catatan = pd.Series(np.where(scores["capaian"].isna(), "belum ada capaian yang dapat dihitung; tidak diperingkat",
                                 np.where(listed != "", listed + " (nilai dari komponen lain)", "")),
                        index=scores.index)
    return nilai, catatan


def peringkat(store: Store, tahun: int, bulan: int, kabupaten: str | None = None,
              skala: str | SkalaPredikat = DEFAULT_SKALA, bobot: dict[str, float] | None = None) -> pd.DataFrame:
    """Perangkat daerah ranked by the composite (best first), every component shown.

    Columns: ``peringkat`` (within its kabupaten), ``peringkat_provinsi`` (across all
    kabupaten of the store, when it holds several and ``kabupaten`` is None), ``kabupaten``,
    ``nama_kabupaten``, ``unit_kode``, ``nama``, the inputs (``capaian``, ``penyerapan``,
    ``rencana_penyerapan``, ``tepat_waktu``, ``terlambat``, ``belum``, ``kelengkapan``,
    ``perlu_verifikasi``, ``indikator``), the scores ``skor_capaian`` … ``skor_kualitas``,
    ``nilai`` (the composite) and ``catatan``.
    """
    weights = bobot or muat_bobot_peringkat()
    units = store.current("unit")
    kum = analisis.capaian_kumulatif(store, None, tahun, bulan, skala)
    r = analisis.ringkasan_unit(store, tahun, bulan, skala, kum=kum, kabupaten=kabupaten)
    if r.empty:
        raise KinerjaError("tidak ada perangkat daerah untuk diperingkat" + (f" di kabupaten {kabupaten}" if kabupaten
                                                                             else ""))
    # Kepatuhan: every month from January to the report month.
    comply = kepatuhan(store, tahun, list(range(1, bulan + 1)))
    comply = comply[comply["kode"].isin(r["unit_kode"])]
    counts = pd.crosstab(comply["kode"], comply["status"]).reindex(columns=list(_NILAI_STATUS), fill_value=0)
    score = comply["status"].map(_NILAI_STATUS).groupby(comply["kode"]).mean()
    r["tepat_waktu"] = r["unit_kode"].map(counts["tepat waktu"]).fillna(0).astype("int64")
    r["terlambat"] = r["unit_kode"].map(counts["terlambat"]).fillna(0).astype("int64")
    r["belum"] = r["unit_kode"].map(counts["belum menyampaikan"]).fillna(0).astype("int64")
    r["nilai_kepatuhan"] = r["unit_kode"].map(score)
    # Kualitas: expected indicator-months reported; indicators not waiting for verification.
    own = kum[kum["unit_kode"].isin(r["unit_kode"])]
    expected = own["bulan_lapor"].fillna(0) + own["bulan_kosong"].map(len)
    g = pd.DataFrame({"lapor": own["bulan_lapor"].fillna(0), "harap": expected}).groupby(own["unit_kode"]).sum()
    r["kelengkapan"] = r["unit_kode"].map(g["lapor"] / g["harap"].where(g["harap"] > 0))
    r["wajar"] = 1.0 - r["perlu_verifikasi"] / r["indikator"].where(r["indikator"] > 0)
    scores = skor_komponen(r)
    r["nilai"], r["catatan"] = nilai_gabungan(scores, weights)
    for name in KOMPONEN:
        r[f"skor_{name}"] = scores[name]
    r["kabupaten"] = r["unit_kode"].map(kabupaten_unit(units))
    r["nama_kabupaten"] = r["kabupaten"].map(units.set_index("kode")["nama"])
    r = r.sort_values(["nilai", "capaian", "nama"], ascending=[False, False, True], na_position="last")
    r["peringkat"] = r.groupby("kabupaten")["nilai"].rank(method="min", ascending=False).astype("Int64")
    cols = ["peringkat"]
    if kabupaten is None and r["kabupaten"].nunique() > 1:
        r["peringkat_provinsi"] = r["nilai"].rank(method="min", ascending=False).astype("Int64")
        cols.append("peringkat_provinsi")
    cols += ["kabupaten", "nama_kabupaten", "unit_kode", "nama", "nilai", *(f"skor_{c}" for c in KOMPONEN),
             "capaian", "penyerapan", "rencana_penyerapan", "tepat_waktu", "terlambat", "belum", "kelengkapan",
             "perlu_verifikasi", "indikator", "catatan"]
    return r[cols].reset_index(drop=True)


def penjelasan(bobot: dict[str, float] | None = None) -> str:
    """How the composite is made, in one sentence for readers (weights as shares).

    Examples
    --------
    >>> penjelasan()[:60]
    'Nilai = 40 % capaian + 20 % penyerapan terhadap rencana + 20'
    """
    from kinerja.core.formatting import format_angka

    w = bobot or muat_bobot_peringkat()
    total = sum(w.values())
    parts = " + ".join(f"{format_angka(100 * w[c] / total, 0)} % {_NAMA[c]}" for c in KOMPONEN if w[c] > 0)
    return (f"Nilai = {parts}. Skor capaian = capaian berjenjang, paling tinggi 100; skor penyerapan = 100 dikurangi "
            "selisih penyerapan terhadap rencana RAAPK (poin); skor kepatuhan = CRAAPK Januari s.d. bulan laporan "
            "(tepat waktu 100, terlambat 50, belum 0); skor kualitas data = bulan-indikator yang dilaporkan × "
            "indikator yang tidak perlu diverifikasi. Bobot: parameters/peringkat.yaml.")


ANGKA_TAMPIL = ("Nilai", "Skor capaian", "Skor penyerapan", "Skor kepatuhan", "Skor kualitas data", "Capaian (%)",
                "Penyerapan (%)", "Rencana penyerapan (%)")


def tampilan_peringkat(table: pd.DataFrame) -> pd.DataFrame:
    """The ranking with the headers a reader sees (page, document, spreadsheet)."""
    across = "peringkat_provinsi" in table
    return pd.DataFrame({
        **({"Peringkat provinsi": table["peringkat_provinsi"]} if across else {}),
        "Peringkat": table["peringkat"],
        **({"Kabupaten": table["nama_kabupaten"].str.removeprefix("Pemerintah ")} if across else {}),
        "Perangkat Daerah": table["nama"], "Nilai": table["nilai"],
        "Skor capaian": table["skor_capaian"], "Skor penyerapan": table["skor_penyerapan"],
        "Skor kepatuhan": table["skor_kepatuhan"], "Skor kualitas data": table["skor_kualitas"],
        "Capaian (%)": table["capaian"], "Penyerapan (%)": table["penyerapan"],
        "Rencana penyerapan (%)": table["rencana_penyerapan"],
        "CRAAPK tepat / terlambat / belum": [f"{a} / {b} / {c}" for a, b, c in
                                             zip(table["tepat_waktu"], table["terlambat"], table["belum"])],
        "Catatan": table["catatan"]})


def tabel_peringkat(table: pd.DataFrame, judul: str = "") -> "Tabel":
    """The ranking as a document table (Indonesian headers and number formats)."""
    from kinerja.render.tabel import Tabel

    shown = tampilan_peringkat(table)
    formats = {c: "angka" for c in ANGKA_TAMPIL}
    formats.update({c: "bulat" for c in ("Peringkat", "Peringkat provinsi") if c in shown})
    return Tabel(shown, formats, judul=judul)
