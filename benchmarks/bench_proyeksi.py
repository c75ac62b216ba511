"""Benchmark (e): the early-warning backtest. Does the year-end projection tell, month by
month, which indicators will miss their annual target?

For each earlier year of the sample (default 2024 and 2025, the whole year reported, with
the sample's usual unreported months), the store is filled and the December capaian of
every indicator taken as the truth (miss: capaian < 100 %). Then at every month M = 1 … 11
the projection is made from January … M only (:func:`kinerja.analisis.proyeksi.proyeksi`) and
compared with the truth. Baseline in the same run: the capaian to date (the figure a
CRAAPK shows at month M) read as the forecast, the rule an evaluator uses without kinerja.
The truth leaves out December values the plausibility checks hold for verification (the
sample's deliberate typo), as every capaian average does.

Printed per month and overall: indicators judged, hit rate of the projection and of the
baseline (share of indicators whose miss / no miss was called right), their ratio, recall
of the misses (share of the real misses flagged ``meleset`` or ``berisiko``; for the baseline,
below 100 % to date), the band's
coverage (share of final realisasi inside the projected band) and the mean absolute error
of the projected capaian in percentage points.

Run: ``python benchmarks/bench_proyeksi.py [--tahun 2024 2025]`` (about four minutes).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.analisis.dari_store.capaian import capaian_kumulatif
from kinerja.core.formatting import format_angka
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.analisis.proyeksi import proyeksi
from kinerja.contoh.kabupaten import buat_sampel
from kinerja.store.store import Store

KEY = ["unit_kode", "indikator_kode"]
PERLU = ("00_daftar_unit", "RENSTRA_", "PK_", "RAAPK_", "CRAAPK_")  # what capaian needs


def _store(folder: Path, tahun: int) -> Store:
    files = buat_sampel(folder / "sampel", tahun=tahun, bulan=12, benih=tahun)  # each year its own draw
    store = Store(f"sqlite:///{folder / f'{tahun}.sqlite'}")
    for path in urutkan([f for f in files if f.name.startswith(PERLU)]):
        muat_berkas(path, store, folder / "arsip")
    return store


def _uji(store: Store, tahun: int) -> pd.DataFrame:
    final = capaian_kumulatif(store, None, tahun, 12)
    final = final[final["capaian"].notna() & final["dihitung"]].set_index(KEY)  # a flagged value is no truth
    final_real = pd.to_numeric(final["realisasi"], errors="coerce")
    rows = []
    for m in range(1, 12):
        p = proyeksi(store, None, tahun, m).set_index(KEY)
        p = p[p["capaian_proyeksi"].notna()]
        now = capaian_kumulatif(store, None, tahun, m).set_index(KEY)["capaian"]
        common = p.index.intersection(final.index).intersection(now.dropna().index)
        truth = final.loc[common, "capaian"] < 100
        pred = p.loc[common, "capaian_proyeksi"] < 100
        base = now.loc[common] < 100
        flagged = p.loc[common, "status"].isin(["meleset", "berisiko"])
        inside = (final_real.loc[common] >= p.loc[common, "bawah"] - 1e-9) & (
            final_real.loc[common] <= p.loc[common, "atas"] + 1e-9)
        rows.append({"tahun": tahun, "bulan": m, "n": len(common), "tepat": float((pred == truth).mean()),
                     "tepat_dasar": float((base == truth).mean()), "meleset_nyata": int(truth.sum()),
                     "terdeteksi": float(flagged[truth].mean()) if truth.any() else np.nan,
                     "terdeteksi_dasar": float(base[truth].mean()) if truth.any() else np.nan,
                     "dalam_pita": float(inside.mean()),
                     "galat_pp": float((p.loc[common, "capaian_proyeksi"] - final.loc[common, "capaian"]).abs().mean())})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark: uji mundur peringatan dini (proyeksi akhir tahun)")
    parser.add_argument("--tahun", type=int, nargs="+", default=[2024, 2025])
    args = parser.parse_args()
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for tahun in args.tahun:
            start = time.perf_counter()
            store = _store(Path(tmp) / str(tahun), tahun)
            built = time.perf_counter() - start
            start = time.perf_counter()
            parts.append(_uji(store, tahun))
            print(f"tahun {tahun}: basis data {format_angka(built, 1)} detik, uji {format_angka(time.perf_counter() - start, 1)}"
                  " detik")
    res = pd.concat(parts, ignore_index=True)
    pct = lambda v: format_angka(100 * v, 1)  # noqa: E731
    print(f"{'Tahun':>5} {'Bulan':>5} {'n':>4} {'Tepat':>7} {'Dasar':>7} {'Rasio':>6} {'Meleset':>7} {'Terdeteksi':>10} "
          f"{'DlmPita':>8} {'Galat pp':>8}")
    for r in res.itertuples(index=False):
        print(f"{r.tahun:>5} {r.bulan:>5} {r.n:>4} {pct(r.tepat):>7} {pct(r.tepat_dasar):>7} "
              f"{format_angka(r.tepat / r.tepat_dasar, 2):>6} {r.meleset_nyata:>7} {pct(r.terdeteksi):>10} "
              f"{pct(r.dalam_pita):>8} {format_angka(r.galat_pp, 2):>8}")
    w = res["n"]
    overall = {c: float(np.average(res[c], weights=w)) for c in ("tepat", "tepat_dasar", "dalam_pita", "galat_pp")}
    detected = float(np.nansum(res["terdeteksi"] * res["meleset_nyata"]) / res["meleset_nyata"].sum())
    detected_base = float(np.nansum(res["terdeteksi_dasar"] * res["meleset_nyata"]) / res["meleset_nyata"].sum())
    print(f"Keseluruhan ({int(w.sum())} proyeksi): ketepatan proyeksi {pct(overall['tepat'])} %, dasar (capaian s.d. "
          f"bulan itu) {pct(overall['tepat_dasar'])} %, rasio {format_angka(overall['tepat'] / overall['tepat_dasar'], 2)}×; "
          f"meleset terdeteksi {pct(detected)} % (dasar {pct(detected_base)} %); realisasi akhir dalam pita {pct(overall['dalam_pita'])} %; "
          f"galat capaian rata-rata {format_angka(overall['galat_pp'], 2)} poin persen")
    late = res[res["bulan"] >= 6]
    print(f"Juni–November: ketepatan {pct(np.average(late['tepat'], weights=late['n']))} % (dasar "
          f"{pct(np.average(late['tepat_dasar'], weights=late['n']))} %)")


if __name__ == "__main__":
    main()
