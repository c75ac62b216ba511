"""Help for an evaluasi AKIP (docs/metodologi.md §12): the answer a sub-komponen's kriteria
suggest, and the smallest improvement that lifts a Nilai AKIP into the next predikat.

**Suggestion.** Under Peraturan Menteri PANRB Nomor 88 Tahun 2021 the answer is given per
sub-komponen; its kriteria are the questions behind it. The share of kriteria met suggests the
answer by the bands of ``parameters/lke/skala.yaml`` (none met E, ≤ 25 % D, ≤ 50 % C, ≤ 75 % CC,
< 100 % B, all BB), compared exactly as a fraction. A and AA are never suggested: only the
evaluator gives them.

**What it takes.** For a complete set of answers, :func:`peningkatan_predikat` finds the
smallest set of sub-komponen improvements (each one answer or more up the scale) that puts the
Nilai AKIP in a higher predikat than it has. "Smallest" is, in this order: the fewest
sub-komponen changed; then the fewest steps up the scale in total; then the lowest total
increase of the Nilai AKIP (no more than is needed); and among plans still equal, the one that
changes sub-komponen earliest in the LKE's order (1.a before 1.b …), then the one with fewer
steps on the earliest. The search is exact (a dynamic programme over the sub-komponen in order,
keeping for every count of changes, count of steps and increase the first plan in that order).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.lke import nilai_lke, predikat_lke
from kinerja.core.lke_parameter import ParameterLKE, muat_lke

__all__ = ["Peningkatan", "peningkatan_predikat", "saran", "saran_jawaban"]


def saran(terpenuhi: int, jumlah: int, lke: ParameterLKE) -> str:
    """The answer suggested when ``terpenuhi`` of a sub-komponen's ``jumlah`` kriteria are met.

    Parameters
    ----------
    terpenuhi : int
        How many kriteria are met (0 … ``jumlah``).
    jumlah : int
        How many kriteria the sub-komponen has (at least 1).
    lke : ParameterLKE
        The criteria and scale; its ``saran`` bands decide.

    Returns
    -------
    str
        The suggested answer; the share is compared exactly, as a fraction.

    Examples
    --------
    >>> lke = muat_lke()
    >>> [saran(n, 8, lke) for n in range(9)]
    ['E', 'D', 'D', 'C', 'C', 'CC', 'CC', 'B', 'BB']
    """
    if not 0 <= terpenuhi <= jumlah or jumlah < 1:
        raise ValueError((terpenuhi, jumlah))
    share = Fraction(terpenuhi * 100, jumlah)
    for jawaban, batas, inklusif in lke.saran:
        if batas is None or share < batas or (inklusif and share == batas):
            return jawaban
    raise AssertionError("the last band has no bound")  # pragma: no cover - the model guarantees it


def saran_jawaban(terpenuhi: Iterable[str], lke: ParameterLKE | None = None) -> pd.DataFrame:
    """The suggested answer of every sub-komponen from the kriteria marked met.

    Parameters
    ----------
    terpenuhi : iterable of str
        The codes of the kriteria met (``1.a.1``, ``4.c.5``); a code given twice counts once.
    lke : ParameterLKE, optional
        The criteria and scale (default :func:`kinerja.core.lke_parameter.muat_lke`).

    Returns
    -------
    pandas.DataFrame
        One row per sub-komponen: ``kode``, ``nama``, ``kriteria`` (how many), ``terpenuhi``
        (how many met), ``persen`` (Decimal) and ``saran`` (the answer).

    Raises
    ------
    KinerjaError
        A code that is no kriteria of the LKE.

    Examples
    --------
    >>> t = saran_jawaban(["1.a.1", "1.a.2", "1.a.3", "3.a.1", "3.a.2", "3.a.3", "3.a.4", "3.a.5", "3.a.6"])
    >>> t.loc[t["kode"].isin(["1.a", "1.b", "3.a"]), ["kode", "kriteria", "terpenuhi", "saran"]].values.tolist()
    [['1.a', 6, 3, 'C'], ['1.b', 11, 0, 'E'], ['3.a', 6, 6, 'BB']]
    """
    lke = lke or muat_lke()
    met = set(terpenuhi)
    unknown = sorted(met - set(lke.kriteria["kode"]))
    if unknown:
        raise KinerjaError(f"kriteria tidak dikenal: {', '.join(map(repr, unknown[:5]))}"
                           f"{' …' if len(unknown) > 5 else ''}; kode kriteria ditulis mis. 1.a.1")
    kriteria = lke.kriteria.assign(met=lke.kriteria["kode"].isin(met))
    counts = kriteria.groupby("subkomponen", sort=False)["met"].agg(["size", "sum"])
    out = lke.subkomponen[["kode", "nama"]].copy()
    out["kriteria"] = out["kode"].map(counts["size"]).astype(int)
    out["terpenuhi"] = out["kode"].map(counts["sum"]).astype(int)
    out["persen"] = [Decimal(100 * m) / Decimal(n) for m, n in zip(out["terpenuhi"], out["kriteria"])]
    out["saran"] = [saran(m, n, lke) for m, n in zip(out["terpenuhi"], out["kriteria"])]
    return out


@dataclass(frozen=True)
class Peningkatan:
    """A plan: ``langkah`` (kode, nama, dari, ke, langkah, tambahan) lifts the Nilai AKIP from
    ``nilai_awal`` (predikat ``predikat_awal``) to ``nilai`` (predikat ``predikat``)."""

    langkah: pd.DataFrame
    nilai_awal: Decimal
    predikat_awal: str
    nilai: Decimal
    predikat: str

    def uraian(self) -> str:
        """The plan in words, as documents and pages show it.

        Examples
        --------
        >>> lke = muat_lke()
        >>> peningkatan_predikat(dict.fromkeys(lke.subkomponen["kode"], "B"), lke).uraian()
        '3.a dari B ke BB (+0,30)'
        """
        from kinerja.core.formatting import format_angka

        return "; ".join(f"{r.kode} dari {r.dari} ke {r.ke} (+{format_angka(r.tambahan, 2)})"
                         for r in self.langkah.itertuples(index=False))


def _pilihan(sub: pd.DataFrame, lke: ParameterLKE, tertinggi: str) -> list[list[tuple[int, str, Decimal]]]:
    """Per sub-komponen, every raise allowed: (steps, new answer, increase of the Nilai AKIP)."""
    naik = list(lke.jawaban)[::-1]  # from the bottom
    top = naik.index(tertinggi)
    options = []
    for bobot, now in zip(sub["bobot"], sub["jawaban"]):
        i = naik.index(now)
        options.append([(s, naik[i + s], bobot * (lke.jawaban[naik[i + s]] - lke.jawaban[now]) / 100)
                        for s in range(1, top - i + 1)])
    return options


def _paling_sedikit(options, cukup) -> int | None:
    """The fewest sub-komponen whose raises can be enough: the largest possible raises first."""
    total = Decimal(0)
    for n, gain in enumerate(sorted((c[-1][2] for c in options if c), reverse=True), start=1):
        total += gain
        if cukup(total):
            return n
    return None


def _rencana(options, cukup) -> tuple | None:
    """The smallest plan (see the module docstring) whose increase is ``cukup``: a tuple of
    (position, steps, new answer, increase), or None when no plan is enough."""
    fewest = _paling_sedikit(options, cukup)
    if fewest is None:
        return None
    states = {(0, 0, Decimal(0)): ()}  # (changed, steps, increase) -> first plan in LKE order
    for i, choices in enumerate(options):
        new = dict(states)
        for (changed, steps, inc), plan in states.items():
            if changed == fewest or cukup(inc):
                continue  # a plan with more changes than needed, or one already enough, is never smallest
            for s, ke, tambah in choices:
                key = (changed + 1, steps + s, inc + tambah)
                candidate = (*plan, (i, s, ke, tambah))
                if key not in new or candidate < new[key]:
                    new[key] = candidate
        states = new
    done = [(key, plan) for key, plan in states.items() if cukup(key[2])]
    return min(done)[1] if done else None


def peningkatan_predikat(jawaban: Mapping[str, object], lke: ParameterLKE | None = None,
                         tertinggi: str | None = None) -> Peningkatan | None:
    """The smallest set of sub-komponen improvements that lifts the Nilai AKIP into a higher
    predikat (the ordering of "smallest" is in the module docstring).

    Parameters
    ----------
    jawaban : mapping of str to str
        One answer for every sub-komponen, as for :func:`kinerja.core.lke.nilai_lke`.
    lke : ParameterLKE, optional
        The criteria and scale (default :func:`kinerja.core.lke_parameter.muat_lke`).
    tertinggi : str, optional
        The highest answer a plan may give (e.g. ``"BB"``, what kriteria alone can show);
        default the top of the scale.

    Returns
    -------
    Peningkatan or None
        The plan, or None when the predikat is already the highest or no plan within
        ``tertinggi`` reaches a higher one.

    Raises
    ------
    KinerjaError
        Answers missing (the Nilai AKIP is belum lengkap), or ``tertinggi`` not on the scale.

    Examples
    --------
    Every sub-komponen B gives 70,00, predikat B; BB needs more than 70. One sub-komponen one
    step up is enough; the smallest increase is 3.a (bobot 3) from B to BB, +0,30:

    >>> lke = muat_lke()
    >>> p = peningkatan_predikat(dict.fromkeys(lke.subkomponen["kode"], "B"), lke)
    >>> p.langkah[["kode", "dari", "ke", "langkah", "tambahan"]].values.tolist(), p.nilai, p.predikat
    ([['3.a', 'B', 'BB', 1, Decimal('0.30')]], Decimal('70.30'), 'BB')
    """
    lke = lke or muat_lke()
    hasil = nilai_lke(jawaban, lke)
    if not hasil.lengkap:
        raise KinerjaError(f"Nilai AKIP belum lengkap ({', '.join(hasil.kurang)} belum dijawab); peningkatan "
                           "predikat dihitung dari jawaban yang lengkap")
    tertinggi = list(lke.jawaban)[0] if tertinggi is None else tertinggi
    if tertinggi not in lke.jawaban:
        raise KinerjaError(f"jawaban tertinggi {tertinggi!r} tidak ada di skala; pakai {', '.join(lke.jawaban)}")
    labels = [k.label for k in lke.skala.kelas]
    rank = labels.index(hasil.predikat)
    cukup = functools.cache(lambda inc: labels.index(predikat_lke(hasil.nilai + inc, lke)) < rank)
    plan = _rencana(_pilihan(hasil.subkomponen, lke, tertinggi), cukup) if rank else None
    if plan is None:
        return None
    sub = hasil.subkomponen
    langkah = pd.DataFrame([{"kode": sub["kode"].iat[i], "nama": sub["nama"].iat[i], "dari": sub["jawaban"].iat[i],
                             "ke": ke, "langkah": s, "tambahan": tambah} for i, s, ke, tambah in plan])
    nilai = hasil.nilai + sum(langkah["tambahan"], Decimal(0))
    return Peningkatan(langkah=langkah, nilai_awal=hasil.nilai, predikat_awal=hasil.predikat, nilai=nilai,
                       predikat=predikat_lke(nilai, lke))
