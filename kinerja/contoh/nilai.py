"""The numbers of the sample kabupaten, all from a generator seeded by what they are for: a
target on the straight path from the Renstra's start to its end, a plausible realisasi around
it (sometimes behind, sometimes ahead), qualitative grades, monthly series as a clerk writes
them (Indonesian format, some months missing), an S-shaped budget plan with spending that lags
it, and the day each CRAAPK arrives.
"""

from __future__ import annotations

import datetime as dt
import zlib

import numpy as np

from kinerja.contoh.data import Ind
from kinerja.core.formatting import format_angka


def _rng(*parts: object) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode()))


def _tulis(value: float, desimal: int) -> str:
    """A number as a clerk writes it: Indonesian format, no needless decimals."""
    text = format_angka(value, desimal)
    return text[: -(desimal + 1)] if desimal and text.endswith("," + "0" * desimal) else text


def _path(ind: Ind, tahun_ke: int) -> float:
    """Target of year ``tahun_ke`` (1–5): a straight line from awal to akhir."""
    return ind.awal + (ind.akhir - ind.awal) * tahun_ke / 5


def _target_teks(ind: Ind, tahun_ke: int) -> str | float:
    if ind.teks:
        return ind.teks[tahun_ke - 1]
    return _tulis(round(_path(ind, tahun_ke), ind.desimal), ind.desimal)


def _aktual(ind: Ind, tahun_ke: float, rng: np.random.Generator) -> float:
    """A plausible realisasi: the target path with noise (sometimes behind, sometimes ahead)."""
    base = _path(ind, tahun_ke)
    spread = abs(ind.akhir - ind.awal) * 0.25 + abs(base) * 0.01
    return max(0.0, base + rng.normal(0.0, spread))


def _kualitatif(ind: Ind, tahun_ke: int, rng: np.random.Generator) -> str:
    target = ind.teks[max(0, min(4, tahun_ke - 1))]
    if target in ("WTP", "WDP"):
        return "WTP" if rng.random() < 0.8 else "WDP"
    ladder = ["C", "CC", "B", "BB", "A", "AA"]
    i = ladder.index(target) + int(rng.choice([-1, 0, 0, 1]))
    return ladder[max(0, min(len(ladder) - 1, i))]


def _stabil_value(ind: Ind, rng: np.random.Generator) -> float:
    if "±" in ind.teks[0]:
        return round(float(rng.normal(3.2, 0.8)), 2)
    return round(float(rng.normal(74, 8)), 2)


def _received(tahun: int, bulan: int, tingkat: str, rng: np.random.Generator) -> dt.datetime | None:
    """Day a CRAAPK arrives: mostly on time, some late, a few never."""
    due = 10 if tingkat == "kabupaten" else 5
    nxt = dt.date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    draw = rng.random()
    if draw < 0.04:
        return None
    day = int(rng.integers(1, due + 1)) if draw < 0.84 else int(rng.integers(due + 1, 25))
    return dt.datetime(nxt.year, nxt.month, day, int(rng.integers(8, 16)), int(rng.integers(0, 60)))


def _monthly(inds, tahun_ke, bulan, rng) -> list[dict]:
    """Monthly targets and realisasi (as written) per indicator."""
    out = []
    for ind in inds:
        target_year = _path(ind, tahun_ke)
        t, r = [], []
        for m in range(1, 13):
            if ind.polaritas == "kualitatif":
                announce = 6 if ind.teks[0] in ("WTP", "WDP") else 3
                t.append(ind.teks[tahun_ke - 1] if m == announce else "–")
                r.append(_kualitatif(ind, tahun_ke, rng) if m == announce else "–")
                continue
            if ind.agregasi == "jumlah":
                # Cumulative split: every month >= 0 and the months add up to the year exactly.
                whole = np.diff(np.round(np.linspace(0.0, round(target_year, ind.desimal), 13), ind.desimal))
                t.append(_tulis(whole[m - 1], ind.desimal))
                r.append(_tulis(max(0.0, round(whole[m - 1] * rng.uniform(0.7, 1.25), ind.desimal)), ind.desimal))
            elif ind.agregasi == "rasio":
                t.append(_target_teks(ind, tahun_ke))
                penyebut = int(rng.integers(40, 400))
                pembilang = min(penyebut, int(round(penyebut * min(1.0, _aktual(ind, tahun_ke, rng) / 100))))
                r.append(f"{pembilang}/{penyebut}")
            elif ind.polaritas == "stabil":
                t.append(_target_teks(ind, tahun_ke))
                r.append(_tulis(_stabil_value(ind, rng), 2))
            else:
                t.append(_target_teks(ind, tahun_ke))
                r.append(_tulis(round(_aktual(ind, tahun_ke - 1 + m / 12, rng), ind.desimal), ind.desimal))
        missing = [m for m in range(1, bulan + 1) if rng.random() < 0.05 and ind.polaritas != "kualitatif"]
        for m in missing:
            r[m - 1] = "-"
        out.append({"target": t, "realisasi": r})
    return out


def _salah_ketik(series: dict, bulan: int) -> None:
    written = series["realisasi"][bulan - 1]
    series["realisasi"][bulan - 1] = written.replace(",", "") if "," in written else written + "0"


def _budget(pagu: dict[str, float], bulan: int, rng) -> tuple[dict, dict]:
    """Monthly plan (S-curve, sums to pagu) and spending that lags and wobbles around it."""
    weights = np.array([2, 4, 6, 7, 8, 9, 9, 10, 10, 11, 11, 13], dtype=float)
    plan, spend = {}, {}
    for program, total in pagu.items():
        p = np.round(total * weights / weights.sum(), -3)
        p[-1] = total - p[:-1].sum()
        plan[program] = p
        pace = rng.uniform(0.75, 1.02)
        spend[program] = np.round(p * pace * rng.uniform(0.6, 1.3, 12), -3)
    return plan, spend
