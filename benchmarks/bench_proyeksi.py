"""Benchmark (e): the early-warning backtest. Does the year-end projection tell, month by
month, which indicators will miss their annual target, and does the list an official reads
(:func:`kinerja.analisis.proyeksi.daftar_berisiko`) name the ones to act on?

For each sample year and seed (default 2024 and 2025 with their own seed, and 2025 with two
other seeds; the whole year reported, with the sample's usual unreported months) the store is
filled and the December capaian of every indicator taken as the truth. Then at every month
M = 1 … 11 the projection is made from January … M only
(:func:`kinerja.analisis.proyeksi.proyeksi`) and compared with the truth. The truth leaves out
December values the plausibility checks hold for verification (the sample's deliberate typo),
as every capaian average does.

Printed:

* the projection itself, per month and overall: hit rate against the baseline (the capaian to
  date read as the forecast), coverage of the band, mean absolute error in percentage points;
* the flag, before and after: precision (share of the indicators listed that did miss) and
  recall (share of the misses listed), against two truths: a miss (December capaian below
  100 %) and a miss that matters (below ``batas_capaian`` of ``parameters/peringatan_dini.yaml``).
  "Sebelum" is the rule kinerja used before the thresholds (every ``meleset`` or ``berisiko``
  indicator, i.e. central projection below 100 %); "sesudah" is the list as it is now;
* a grid of other thresholds, to show why the file's were chosen.

Run: ``python benchmarks/bench_proyeksi.py [--tahun 2024 2025] [--benih …] [--simpan rows.csv]``
(about a minute per year and seed; ``--baca rows.csv`` evaluates saved rows without a store).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.analisis.dari_store.capaian import capaian_kumulatif
from kinerja.analisis.proyeksi import daftar_berisiko, muat_peringatan_dini, proyeksi
from kinerja.contoh.kabupaten import buat_sampel
from kinerja.core.formatting import format_angka
from kinerja.formulir.ingest import muat_berkas, urutkan
from kinerja.store.store import Store

KEY = ["unit_kode", "indikator_kode"]
PERLU = ("00_daftar_unit", "RENSTRA_", "PK_", "RAAPK_", "CRAAPK_")  # what capaian needs
# (year, seed): each year with its own draw, and one year drawn twice more.
DEFAULT = ((2024, 2024), (2025, 2025), (2025, 11), (2025, 29))


def _store(folder: Path, tahun: int, benih: int) -> Store:
    files = buat_sampel(folder / "sampel", tahun=tahun, bulan=12, benih=benih)
    store = Store(f"sqlite:///{folder / f'{tahun}-{benih}.sqlite'}")
    for path in urutkan([f for f in files if f.name.startswith(PERLU)]):
        muat_berkas(path, store, folder / "arsip")
    return store


def _baris(store: Store, tahun: int, benih: int) -> pd.DataFrame:
    """One row per indicator and month of projection: the projection, its flag before and
    after, the capaian to date and the December truth."""
    final = capaian_kumulatif(store, None, tahun, 12)
    final = final[final["capaian"].notna() & final["dihitung"]].set_index(KEY)  # a flagged value is no truth
    final_real = pd.to_numeric(final["realisasi"], errors="coerce")
    parts = []
    for m in range(1, 12):
        p = proyeksi(store, None, tahun, m).set_index(KEY)
        p = p[p["capaian_proyeksi"].notna()]
        now = capaian_kumulatif(store, None, tahun, m).set_index(KEY)["capaian"]
        common = p.index.intersection(final.index).intersection(now.dropna().index)
        listed = daftar_berisiko(p.reset_index()).set_index(KEY).index
        q = p.loc[common]
        parts.append(pd.DataFrame({
            "tahun": tahun, "benih": benih, "bulan": m, "capaian_proyeksi": q["capaian_proyeksi"],
            "capaian_atas": q["capaian_atas"], "capaian_bawah": q["capaian_bawah"], "status": q["status"],
            "capaian_kini": now.loc[common], "capaian_akhir": final.loc[common, "capaian"],
            "dalam_pita": (final_real.loc[common] >= q["bawah"] - 1e-9) & (final_real.loc[common] <= q["atas"] + 1e-9),
            "sesudah": common.isin(listed)}, index=common).reset_index())
    return pd.concat(parts, ignore_index=True)


def _pr(flag: pd.Series, truth: pd.Series) -> tuple[float, float, int]:
    """Precision, recall and the number listed."""
    n = int(flag.sum())
    precision = float((flag & truth).sum() / n) if n else float("nan")
    recall = float((flag & truth).sum() / truth.sum()) if truth.any() else float("nan")
    return precision, recall, n


def _pct(v: float) -> str:
    return "–" if np.isnan(v) else format_angka(100 * v, 1)


def _cetak_proyeksi(rows: pd.DataFrame) -> None:
    truth = rows["capaian_akhir"] < 100
    rows = rows.assign(tepat=(rows["capaian_proyeksi"] < 100) == truth, tepat_dasar=(rows["capaian_kini"] < 100) == truth,
                       galat=(rows["capaian_proyeksi"] - rows["capaian_akhir"]).abs())
    by = rows.groupby("bulan")
    print(f"{'Bulan':>5} {'n':>5} {'Tepat':>7} {'Dasar':>7} {'DlmPita':>8} {'Galat pp':>8}")
    for m, g in by:
        print(f"{m:>5} {len(g):>5} {_pct(g['tepat'].mean()):>7} {_pct(g['tepat_dasar'].mean()):>7} "
              f"{_pct(g['dalam_pita'].mean()):>8} {format_angka(g['galat'].mean(), 2):>8}")
    print(f"Keseluruhan ({len(rows)} proyeksi): ketepatan proyeksi {_pct(rows['tepat'].mean())} %, dasar (capaian s.d. "
          f"bulan itu) {_pct(rows['tepat_dasar'].mean())} %; realisasi akhir dalam pita {_pct(rows['dalam_pita'].mean())} "
          f"%; galat capaian rata-rata {format_angka(rows['galat'].mean(), 2)} poin persen")


def _cetak_daftar(rows: pd.DataFrame, batas: float) -> None:
    """Precision and recall of the list before and after, per month and overall, and the grid."""
    before = rows["status"].isin(["meleset", "berisiko"])
    after = rows["sesudah"]
    truths = {"meleset (<100 %)": rows["capaian_akhir"] < 100,
              f"meleset berarti (<{format_angka(batas, 0)} %)": rows["capaian_akhir"] < batas}
    runs = rows.groupby(["tahun", "benih", "bulan"]).ngroups
    for name, truth in truths.items():
        print(f"\nKebenaran: capaian Desember {name}; {int(truth.sum())} dari {len(rows)} baris")
        print(f"{'Aturan':<9} {'Presisi':>8} {'Recall':>7} {'Daftar/bulan':>13}")
        for label, flag in (("sebelum", before), ("sesudah", after)):
            p, r, n = _pr(flag, truth)
            print(f"{label:<9} {_pct(p):>8} {_pct(r):>7} {format_angka(n / runs, 1):>13}")
    print("\nPer bulan (kebenaran: meleset berarti): presisi/recall/daftar sebelum → sesudah")
    truth = truths[list(truths)[1]]
    for m, g in rows.groupby("bulan"):
        t = truth.loc[g.index]
        pb, rb, nb = _pr(before.loc[g.index], t)
        pa, ra, na = _pr(after.loc[g.index], t)
        k = g.groupby(["tahun", "benih"]).ngroups
        print(f"  bulan {m:>2}: {_pct(pb)}/{_pct(rb)}/{format_angka(nb / k, 1)} → {_pct(pa)}/{_pct(ra)}/"
              f"{format_angka(na / k, 1)}")
    print("\nKisi ambang (kebenaran: meleset berarti; daftar = pita atas < 100 % dan proyeksi < ambang):")
    for t in (90, 92.5, 95, 97.5, 100):
        for pita in (False, True):
            flag = (rows["capaian_proyeksi"] < t) & ((rows["capaian_atas"] < 100) if pita else True)
            p, r, n = _pr(flag, truth)
            f1 = 2 * p * r / (p + r) if p + r else float("nan")
            print(f"  proyeksi < {format_angka(t, 1):>5}{' + pita atas < 100' if pita else '':<19} presisi {_pct(p):>5} "
                  f"recall {_pct(r):>5} F1 {_pct(f1):>5} daftar/bulan {format_angka(n / runs, 1)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark: uji mundur peringatan dini (proyeksi akhir tahun)")
    parser.add_argument("--tahun", type=int, nargs="+", help="tahun (benih = tahun); bawaan: 2024, 2025 dan 2025 "
                        "dengan dua benih lain")
    parser.add_argument("--benih", type=int, nargs="+", help="benih tambahan untuk tahun terakhir")
    parser.add_argument("--simpan", type=Path, help="simpan baris uji ke CSV ini")
    parser.add_argument("--baca", type=Path, help="nilai baris uji yang sudah disimpan (tanpa membangun basis data)")
    args = parser.parse_args()
    if args.baca:
        rows = pd.read_csv(args.baca)
    else:
        runs = DEFAULT if not args.tahun else tuple((t, t) for t in args.tahun) + tuple(
            (args.tahun[-1], b) for b in args.benih or ())
        parts = []
        with tempfile.TemporaryDirectory() as tmp:
            for tahun, benih in runs:
                start = time.perf_counter()
                store = _store(Path(tmp) / f"{tahun}-{benih}", tahun, benih)
                built = time.perf_counter() - start
                start = time.perf_counter()
                parts.append(_baris(store, tahun, benih))
                print(f"tahun {tahun} benih {benih}: basis data {format_angka(built, 1)} detik, uji "
                      f"{format_angka(time.perf_counter() - start, 1)} detik")
        rows = pd.concat(parts, ignore_index=True)
        if args.simpan:
            rows.to_csv(args.simpan, index=False)
    _cetak_proyeksi(rows)
    _cetak_daftar(rows, muat_peringatan_dini().batas_capaian)


if __name__ == "__main__":
    main()
