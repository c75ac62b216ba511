"""Benchmark: parse + capaian + aggregation over 1,000,000 indicator-month rows.

The vectorised engine (kinerja's public API) runs against a straightforward per-row
Python implementation of the same work, on the same generated data, in the same run;
the ratio is what counts on a shared, noisy machine. Goals (issue "Measurement core"):
under 1 s for the engine on 2 cores, and at least 50x faster than per-row.

The data are written as reports write them: Indonesian decimals (``87,5``), dot
decimals (``97.32``), percent signs, thousands (``1.250``), missing months (``-``).
A second, harder case makes every realisasi text distinct (4 decimals), since the
parser's cost grows with the number of distinct texts.

Run: ``make bench`` or ``python benchmarks/bench_capaian.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time

import numpy as np
import pandas as pd

import kinerja
from kinerja.core.catatan import PESAN
from kinerja.core.catatan import Catatan as C
from kinerja.core.agregasi import agregasikan
from kinerja.core.parsing import parse_value

RULES = np.array(["jumlah", "akhir", "rata-rata", "maks", "min"])
POLARITAS = np.array(["positif", "positif", "positif", "negatif", "stabil"])


def generate(rows: int, distinct: bool, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_ind = rows // 12
    ind = np.repeat(np.arange(n_ind), 12)
    bulan = np.tile(np.arange(1, 13), n_ind)
    kind = rng.integers(0, 5, n_ind)
    base = rng.choice([5.0, 12.0, 49.0, 80.0, 95.0, 1250.0], n_ind)[ind]
    target = np.round(base * rng.uniform(0.95, 1.05, len(ind)), 1)
    realisasi = target * rng.uniform(0.6, 1.3, len(ind))
    realisasi = np.round(realisasi, 4 if distinct else 2)
    t_text = pd.Series(target).map("{:.1f}".format).str.replace(".", ",", regex=False)
    fmt = "{:.4f}" if distinct else "{:.2f}"
    r_text = pd.Series(realisasi).map(fmt.format)
    style = rng.integers(0, 10, len(ind))
    r_text = r_text.where(style < 5, r_text.str.replace(".", ",", regex=False))  # half Indonesian
    r_text = r_text.where(style != 6, r_text + "%")
    r_text = r_text.where(style != 9, "-")  # missing month: never 0
    big = target >= 1000
    t_text = t_text.where(~big, pd.Series(np.round(target).astype(int)).map("{:,}".format).str.replace(",", "."))
    return pd.DataFrame(
        {
            "indikator": ind,
            "bulan": bulan,
            # Text columns as kinerja.baca_tabel reads a CSV: pandas' Arrow-backed str.
            "target": t_text.astype("str"),
            "realisasi": r_text.astype("str"),
            "polaritas": POLARITAS[kind][ind],
            "agregasi": RULES[kind][ind],
        }
    )


# --- the engine --------------------------------------------------------------------


def vectorised(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    monthly = kinerja.hitung_capaian(df)  # parses the text once, flags every row
    numeric = pd.DataFrame(
        {"indikator": df["indikator"], "bulan": df["bulan"], "target": monthly["target_nilai"],
         "realisasi": monthly["realisasi_nilai"], "agregasi": df["agregasi"]}
    )
    annual = agregasikan(numeric, ["indikator"], "tahun")
    annual["polaritas"] = df["polaritas"].iloc[::12].to_numpy()
    annual["capaian"] = kinerja.hitung_capaian(annual)["capaian"].to_numpy()
    return annual, monthly


# --- the per-row baseline a user would write ---------------------------------------


def per_row(df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    """The same outputs as the engine (monthly capaian and catatan, annual capaian),
    one row at a time with plain Python, as a user would write it without kinerja."""
    parse = parse_value.__wrapped__  # the same grammar, without the engine's cache
    acc: dict[int, dict] = {}
    monthly, notes = [], []
    for ind, t_text, r_text, pol, rule in zip(
        df["indikator"], df["target"], df["realisasi"], df["polaritas"], df["agregasi"]
    ):
        t, r = parse(t_text), parse(r_text)
        value, note = _capaian_one(t, r, pol, t_text, r_text)
        monthly.append(value)
        notes.append(note)
        a = acc.setdefault(ind, {"rule": rule, "pol": pol, "t": [], "r": []})
        a["t"].append(t.nilai)
        a["r"].append(r.nilai)
    out = []
    for ind, a in acc.items():
        ts = [x for x in a["t"] if x == x]
        pairs = [(t, r) for t, r in zip(a["t"], a["r"]) if r == r]
        rs = [r for _, r in pairs]
        if not rs:
            out.append((ind, np.nan))
            continue
        rule = a["rule"]
        reported_t = [t for t, _ in pairs if t == t]  # like with like: targets of the reported months
        if rule == "jumlah":
            t, r = sum(reported_t), sum(rs)
        elif rule == "akhir":
            t, r = pairs[-1]
        elif rule == "rata-rata":
            t, r = sum(reported_t) / len(reported_t), sum(rs) / len(rs)
        elif rule == "maks":
            t, r = max(ts), max(rs)
        else:
            t, r = min(ts), min(rs)
        out.append((ind, _capaian_one(parse(t), parse(r), a["pol"], "", "")[0]))
    return pd.DataFrame(out, columns=["indikator", "capaian"]), np.array(monthly), notes


def _capaian_one(t, r, pol: str, t_text: str, r_text: str) -> tuple[float, str]:
    flags = []
    if t.jenis == "kosong":
        flags.append(C.TARGET_KOSONG)
    if r.jenis == "kosong":
        flags.append(C.REALISASI_KOSONG)
    if t.jenis == "tidak_valid":
        flags.append(C.TARGET_TIDAK_VALID)
    if r.jenis == "tidak_valid":
        flags.append(C.REALISASI_TIDAK_VALID)
    if t.ambigu:
        flags.append(C.PEMISAH_DITEBAK_TARGET)
    if r.ambigu:
        flags.append(C.PEMISAH_DITEBAK_REALISASI)
    value = np.nan
    T, R = t.nilai, r.nilai
    if T == T and R == R:
        if pol == "negatif" or (pol == "stabil" and R > T):
            if T == 0:
                value = 100.0 if R <= 0 or pol == "stabil" else 0.0
                flags.append(C.TARGET_NOL_NEGATIF if pol == "negatif" else C.TARGET_NOL_POSITIF)
            else:
                value = (2 * T - R) * 100.0 / T
                if value < 0:
                    value = 0.0
                    flags.append(C.NEGATIF_DIBATASI_NOL)
        elif R == T:
            value = 100.0
        elif T == 0:
            flags.append(C.TARGET_NOL_POSITIF)
        else:
            value = R * 100.0 / T
    messages = [
        PESAN[f].replace("{target}", str(t_text)).replace("{realisasi}", str(r_text))
        for f in PESAN
        if f in flags
    ]
    return value, "; ".join(messages)


# --- measuring ----------------------------------------------------------------------


def timed(fn, *args, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def case(name: str, rows: int, distinct: bool, baseline: bool) -> None:
    df = generate(rows, distinct)
    n_text = df["target"].nunique() + df["realisasi"].nunique()
    parse_value.cache_clear()
    t_vec, (annual, monthly) = timed(vectorised, df, repeat=3)
    print(f"\n[{name}] {len(df):,} baris indikator-bulan, {annual.shape[0]:,} indikator, "
          f"{n_text:,} teks berbeda")
    print(f"  vektor (terbaik dari 3) : {t_vec:8.3f} s   ({len(df) / t_vec / 1e6:.2f} juta baris/s)")
    if not baseline:
        return
    t_row, (slow, slow_monthly, slow_notes) = timed(per_row, df)
    print(f"  per baris               : {t_row:8.3f} s")
    print(f"  rasio per-baris/vektor  : {t_row / t_vec:8.1f}x")
    # Both implementations must agree before their times mean anything.
    merged = annual.merge(slow, on="indikator", suffixes=("", "_baris"))
    np.testing.assert_allclose(merged["capaian"], merged["capaian_baris"], rtol=1e-9, equal_nan=True)
    np.testing.assert_allclose(monthly["capaian"], slow_monthly, rtol=1e-9, equal_nan=True)
    assert monthly["catatan"].tolist() == slow_notes
    flagged = int((monthly["catatan"] != "").sum())
    print(f"  hasil kedua cara sama   : ya (capaian bulanan dan tahunan, {flagged:,} catatan bulanan)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark mesin capaian")
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"kinerja {kinerja.__version__}, pandas {pd.__version__}, numpy {np.__version__}")
    case("laporan biasa (2 desimal)", args.rows, distinct=False, baseline=True)
    case("kasus berat: semua realisasi berbeda (4 desimal)", args.rows, distinct=True, baseline=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nmemori puncak proses: {peak:,.0f} MiB")
    print("target: vektor < 1 s dan >= 50x lebih cepat dari per baris")


if __name__ == "__main__":
    main()
