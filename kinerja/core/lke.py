"""The Nilai AKIP of an evaluasi AKIP (Peraturan Menteri PANRB Nomor 88 Tahun 2021), from one
answer per sub-komponen (docs/metodologi.md §12).

nilai sub-komponen = bobot × nilai jawaban ÷ 100; nilai komponen = Σ its sub-komponen; Nilai
AKIP = Σ komponen (0–100); predikat from the Nilai AKIP by the scale the LKE parameters name
(``parameters/predikat/lke-akip.yaml``: > 90 AA … > 30 C, else D). Everything is computed in
:class:`decimal.Decimal`, so 60,00 is exactly 60 (CC, not B) and a sum never drifts. A
sub-komponen without an answer is not counted as 0: its komponen and the Nilai AKIP are *belum
lengkap* and say which sub-komponen are missing. The criteria and the scale are data
(:mod:`kinerja.core.lke_parameter`); the suggestion from kriteria met and the smallest
improvement to the next predikat are in :mod:`kinerja.core.lke_saran`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka, pendek
from kinerja.core.lke_parameter import ParameterLKE, muat_lke

__all__ = ["BELUM_LENGKAP", "HasilLKE", "baku_jawaban", "nilai_lke", "predikat_lke", "tabel_lke"]

BELUM_LENGKAP = "belum lengkap"


def baku_jawaban(teks: object, lke: ParameterLKE) -> str | None:
    """An answer as the scale writes it: surrounding space removed, upper case; None when it
    is not on the scale (an empty text is None too: no answer).

    Parameters
    ----------
    teks : object
        The answer as written (a cell's value).
    lke : ParameterLKE
        The criteria and scale.

    Returns
    -------
    str or None
        The answer (``"BB"``), or None.

    Examples
    --------
    >>> lke = muat_lke()
    >>> baku_jawaban(" bb ", lke), baku_jawaban("A", lke), baku_jawaban("F", lke), baku_jawaban("B+", lke)
    ('BB', 'A', None, None)
    """
    if not isinstance(teks, str):
        return None
    text = teks.strip().upper()
    return text if text in lke.jawaban else None


def predikat_lke(nilai: Decimal, lke: ParameterLKE) -> str:
    """The predikat of a Nilai AKIP, by the LKE's predikat scale (strict lower bounds).

    The scale compares floats; a Nilai AKIP has a few decimals (weights and values as the
    files write them), and such a decimal converts to the float nearest to it, which lies on
    the same side of every bound of a few digits as the decimal itself: 60,00 is 60.0, not B.

    Parameters
    ----------
    nilai : decimal.Decimal
        A Nilai AKIP (0–100).
    lke : ParameterLKE
        The criteria and scale; its ``skala`` is the predikat scale.

    Returns
    -------
    str
        The predikat label (``"BB"``); :attr:`ParameterLKE.arti` gives its meaning.

    Examples
    --------
    >>> lke = muat_lke()
    >>> [predikat_lke(Decimal(v), lke) for v in ("100", "90.01", "90.00", "60.00", "30.01", "30.00", "0")]
    ['AA', 'AA', 'A', 'CC', 'C', 'D', 'D']
    """
    return lke.skala.predikat(pd.Series([float(nilai)], dtype="float64")).iloc[0]


def _periksa(jawaban: Mapping[str, object], lke: ParameterLKE) -> dict[str, str]:
    """Kode → answer for the answered sub-komponen; an unknown kode or answer is refused."""
    known = list(lke.subkomponen["kode"])
    out = {}
    for kode, teks in jawaban.items():
        if kode not in known:
            raise KinerjaError(f"sub-komponen {pendek(str(kode), 20)!r} tidak dikenal; yang dikenal: "
                               f"{', '.join(known)}")
        if teks is None or (isinstance(teks, str) and not teks.strip()):
            continue
        baku = baku_jawaban(teks, lke)
        if baku is None:
            raise KinerjaError(f"sub-komponen {kode}: jawaban {pendek(str(teks), 20)!r} tidak ada di skala; pakai "
                               f"{', '.join(lke.jawaban)}")
        out[kode] = baku
    return out


@dataclass(frozen=True)
class HasilLKE:
    """The scores of one set of answers.

    ``subkomponen``: kode, komponen, nama, bobot, jawaban (None if missing), nilai (Decimal,
    None if missing). ``komponen``: kode, nama, bobot, nilai (None if belum lengkap), kurang
    (the missing sub-komponen codes, a tuple). ``nilai`` and ``predikat`` are None while any
    answer is missing; ``kurang`` names the missing sub-komponen.
    """

    subkomponen: pd.DataFrame
    komponen: pd.DataFrame
    nilai: Decimal | None
    predikat: str | None
    kurang: tuple[str, ...]
    lke: ParameterLKE

    @property
    def lengkap(self) -> bool:
        return not self.kurang

    @property
    def label(self) -> str:
        """The predikat with its meaning, ``BB (Sangat Baik)``; ``belum lengkap`` without one."""
        if self.predikat is None:
            return BELUM_LENGKAP
        return f"{self.predikat} ({self.lke.arti[self.predikat]})"


def nilai_lke(jawaban: Mapping[str, object], lke: ParameterLKE | None = None) -> HasilLKE:
    """Score one answer per sub-komponen.

    Parameters
    ----------
    jawaban : mapping of str to str
        Sub-komponen code (``1.a`` … ``4.c``) → answer (``AA`` … ``E``; lower case and
        surrounding space accepted). A code left out, None or empty text is a missing answer.
    lke : ParameterLKE, optional
        The criteria and scale (default :func:`kinerja.core.lke_parameter.muat_lke`).

    Returns
    -------
    HasilLKE
        Every sub-komponen and komponen with its nilai, the Nilai AKIP and its predikat.

    Raises
    ------
    KinerjaError
        An unknown sub-komponen code or an answer not on the scale.

    Examples
    --------
    >>> lke = muat_lke()
    >>> h = nilai_lke(dict.fromkeys(lke.subkomponen["kode"], "BB"), lke)
    >>> format_angka(h.nilai), h.label
    ('80,00', 'BB (Sangat Baik)')
    >>> h = nilai_lke({"1.a": "aa", "1.b": "A", "1.c": "BB"}, lke)
    >>> h.komponen.loc[0, "nilai"], h.nilai, h.label, h.kurang[:2]
    (Decimal('26.10'), None, 'belum lengkap', ('2.a', '2.b'))
    """
    lke = lke or muat_lke()
    given = _periksa(jawaban, lke)
    sub = lke.subkomponen.copy()
    answers = [given.get(k) for k in sub["kode"]]
    sub["jawaban"] = pd.Series(answers, index=sub.index, dtype=object)
    sub["nilai"] = pd.Series([None if j is None else b * lke.jawaban[j] / 100 for b, j in zip(sub["bobot"], answers)],
                             index=sub.index, dtype=object)
    komponen = lke.komponen.copy()
    missing, totals = {}, {}
    for k, part in sub.groupby("komponen", sort=False):
        missing[k] = tuple(part.loc[part["jawaban"].isna(), "kode"])
        totals[k] = None if missing[k] else sum(part["nilai"], Decimal(0))
    komponen["kurang"] = pd.Series([missing[k] for k in komponen["kode"]], index=komponen.index, dtype=object)
    komponen["nilai"] = pd.Series([totals[k] for k in komponen["kode"]], index=komponen.index, dtype=object)
    kurang = tuple(sub.loc[sub["jawaban"].isna(), "kode"])
    nilai = None if kurang else sum(komponen["nilai"], Decimal(0))
    return HasilLKE(subkomponen=sub, komponen=komponen, nilai=nilai,
                    predikat=None if nilai is None else predikat_lke(nilai, lke), kurang=kurang, lke=lke)


def tabel_lke(hasil: HasilLKE) -> pd.DataFrame:
    """The result as one table, for the screen and for ``-o``: every sub-komponen, then its
    komponen, and last the Nilai AKIP with its predikat. Numbers stay Decimal (None where belum
    lengkap); ``keterangan`` says ``belum lengkap`` and which sub-komponen are missing.

    Parameters
    ----------
    hasil : HasilLKE
        The scores (:func:`nilai_lke`).

    Returns
    -------
    pandas.DataFrame
        Columns ``tingkat`` (sub-komponen, komponen, total), ``kode``, ``uraian``, ``bobot``,
        ``jawaban``, ``nilai``, ``predikat`` (on the total row) and ``keterangan``.

    Examples
    --------
    >>> lke = muat_lke()
    >>> t = tabel_lke(nilai_lke(dict.fromkeys(lke.subkomponen["kode"][1:], "B"), lke))
    >>> for row in t[["tingkat", "kode", "jawaban", "nilai", "keterangan"]].head(4).values.tolist():
    ...     print(row)
    ['sub-komponen', '1.a', None, None, 'belum dijawab']
    ['sub-komponen', '1.b', 'B', Decimal('6.30'), '']
    ['sub-komponen', '1.c', 'B', Decimal('10.50'), '']
    ['komponen', '1', '', None, 'belum lengkap: 1.a belum dijawab']
    >>> t.iloc[-1][["uraian", "nilai", "predikat", "keterangan"]].tolist()
    ['Nilai AKIP', None, '', 'belum lengkap: 1.a belum dijawab']
    """
    rows = []
    sub = hasil.subkomponen
    for kom in hasil.komponen.itertuples(index=False):
        for s in sub[sub["komponen"] == kom.kode].itertuples(index=False):
            rows.append({"tingkat": "sub-komponen", "kode": s.kode, "uraian": s.nama, "bobot": s.bobot,
                         "jawaban": s.jawaban, "nilai": s.nilai, "predikat": "",
                         "keterangan": "belum dijawab" if s.jawaban is None else ""})
        rows.append({"tingkat": "komponen", "kode": kom.kode, "uraian": kom.nama, "bobot": kom.bobot, "jawaban": "",
                     "nilai": kom.nilai, "predikat": "", "keterangan": _kurang(kom.kurang)})
    rows.append({"tingkat": "total", "kode": "", "uraian": "Nilai AKIP", "bobot": sum(hasil.komponen["bobot"]),
                 "jawaban": "", "nilai": hasil.nilai, "predikat": hasil.predikat or "",
                 "keterangan": _kurang(hasil.kurang) if hasil.kurang else hasil.label})
    return pd.DataFrame(rows, dtype=object)


def _kurang(kode: tuple[str, ...]) -> str:
    return f"{BELUM_LENGKAP}: {', '.join(kode)} belum dijawab" if kode else ""
