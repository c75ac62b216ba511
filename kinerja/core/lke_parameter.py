"""The evaluasi AKIP parameter files (Peraturan Menteri PANRB Nomor 88 Tahun 2021) as data
models, and :class:`ParameterLKE`, the loaded criteria and scale the rule works on.

Two files under ``parameters/lke/``, read by :func:`muat_lke` through the one loader of
:mod:`kinerja.core.konfigurasi` (unknown keys, keys written twice, wrong types and values out
of range are refused with the file, the key path and what is expected):

=================  ============================  ==================================================
file               model                         holds
=================  ============================  ==================================================
``kriteria.yaml``  :class:`BerkasKriteriaLKE`    komponen → sub-komponen → kriteria, keyed by code,
                                                 with names, jenis and weights (weights must add up)
``skala.yaml``     :class:`BerkasSkalaLKE`       the answers and their values, the suggestion
                                                 thresholds, the predikat scale and its meanings
=================  ============================  ==================================================

Weights and values are :class:`decimal.Decimal`, taken from the number as the file writes it
(``4.5`` is exactly 4,5), so sums are exact. The predikat bands are not written here: the
scale file names a file of ``parameters/predikat/`` and :func:`kinerja.core.predikat.muat_skala`
reads it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import AfterValidator, Field, field_validator, model_validator

from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_nilai
from kinerja.core.konfigurasi import AngkaPositif, AngkaTakNegatif, Teks, _Berkas
from kinerja.core.parameter import _galat, muat_konfigurasi
from kinerja.core.predikat import SkalaPredikat, muat_skala
from kinerja.core.sumber import parameters_dir

__all__ = ["JENIS_SUBKOMPONEN", "BerkasKriteriaLKE", "BerkasSkalaLKE", "ParameterLKE", "muat_lke"]

# What a sub-komponen asks about: that the thing exists, that it is good, that it is used.
JENIS_SUBKOMPONEN = ("keberadaan", "kualitas", "pemanfaatan")


def _desimal(value: float) -> Decimal:
    """The number as the file writes it: ``repr`` of a float is its shortest decimal form."""
    return Decimal(repr(value))


def _jenis(value: str) -> str:
    if value not in JENIS_SUBKOMPONEN:
        raise _galat(f"jenis tidak dikenal ({value!r}); pakai {', '.join(JENIS_SUBKOMPONEN)}")
    return value


def _teks(value: Decimal) -> str:
    """A weight in a message, the Indonesian way (``4,50``, ``30``)."""
    return format_nilai(pd.Series([value], dtype=object)).iloc[0]


Bobot = Annotated[AngkaPositif, AfterValidator(_desimal)]
Persen = Annotated[AngkaTakNegatif, Field(le=100), AfterValidator(_desimal)]
TeksIsi = Annotated[Teks, Field(min_length=1)]


class SubKomponen(_Berkas):
    """One sub-komponen: its name, jenis, weight and kriteria (code → text)."""

    nama: TeksIsi
    jenis: Annotated[Teks, AfterValidator(_jenis)]
    bobot: Bobot
    kriteria: Annotated[dict[str, TeksIsi], Field(min_length=1)]


class Komponen(_Berkas):
    """One komponen: its name, weight and sub-komponen, whose weights add up to its own."""

    nama: TeksIsi
    bobot: Bobot
    subkomponen: Annotated[dict[str, SubKomponen], Field(min_length=1)]

    @model_validator(mode="after")
    def _jumlah(self) -> Komponen:
        parts = [s.bobot for s in self.subkomponen.values()]
        if sum(parts) != self.bobot:
            raise _galat(f"jumlah bobot sub-komponen ({' + '.join(map(_teks, parts))} = {_teks(sum(parts))}) harus "
                         f"sama dengan bobot komponen ({_teks(self.bobot)})", "bobot")
        return self


class BerkasKriteriaLKE(_Berkas):
    """The LKE criteria (``parameters/lke/kriteria.yaml``): komponen ``1``…, sub-komponen
    ``<komponen>.<huruf>`` (``1.a``), kriteria ``<sub-komponen>.<nomor>`` numbered 1, 2, … in
    order; sub-komponen weights add up to their komponen's, komponen weights to 100.

    Examples
    --------
    >>> sub = {"nama": "Ada", "jenis": "keberadaan", "bobot": 40, "kriteria": {"1.a.1": "Ada pedoman."}}
    >>> b = BerkasKriteriaLKE(komponen={"1": {"nama": "Perencanaan", "bobot": 100,
    ...                                       "subkomponen": {"1.a": sub, "1.b": {**sub, "bobot": 60,
    ...                                                        "kriteria": {"1.b.1": "Ada pedoman."}}}}})
    >>> [s.bobot for s in b.komponen["1"].subkomponen.values()]
    [Decimal('40.0'), Decimal('60.0')]
    """

    nama: str | None = None
    komponen: Annotated[dict[str, Komponen], Field(min_length=1)]

    @field_validator("komponen")
    @classmethod
    def _kode(cls, komponen: dict[str, Komponen]) -> dict[str, Komponen]:
        for k, kom in komponen.items():
            if not re.fullmatch(r"[1-9][0-9]*", k):
                raise _galat(f"kode komponen harus nomor (1, 2, …), bukan {k!r}", k)
            for s, sub in kom.subkomponen.items():
                if not re.fullmatch(rf"{k}\.[a-z]", s):
                    raise _galat(f"kode sub-komponen komponen {k} harus {k}.<huruf> (mis. {k}.a), bukan {s!r}",
                                 k, "subkomponen", s)
                wanted = [f"{s}.{n}" for n in range(1, len(sub.kriteria) + 1)]
                if list(sub.kriteria) != wanted:
                    raise _galat(f"kode kriteria harus berurutan {wanted[0]}, {wanted[1] if len(wanted) > 1 else '…'}"
                                 f", … ({', '.join(sub.kriteria)})", k, "subkomponen", s, "kriteria")
        return komponen

    @model_validator(mode="after")
    def _seratus(self) -> BerkasKriteriaLKE:
        parts = [k.bobot for k in self.komponen.values()]
        if sum(parts) != 100:
            raise _galat(f"jumlah bobot komponen ({' + '.join(map(_teks, parts))} = {_teks(sum(parts))}) harus 100",
                         "komponen")
        return self


class BatasSaran(_Berkas):
    """One suggestion band: ``jawaban`` up to ``paling_banyak`` % (≤) or below ``kurang_dari`` %
    (<) of the kriteria met; the last band has no bound and takes the rest."""

    jawaban: TeksIsi
    paling_banyak: Persen | None = None
    kurang_dari: Persen | None = None

    @property
    def batas(self) -> Decimal | None:
        return self.paling_banyak if self.paling_banyak is not None else self.kurang_dari


class ArtiPredikat(_Berkas):
    """The predikat scale of the Nilai AKIP (a name in ``parameters/predikat/``), the
    meaning of each of its labels and, optionally, the regulation's interpretation of each
    (what a Laporan Hasil Evaluasi says a predikat means)."""

    skala: TeksIsi
    arti: Annotated[dict[str, TeksIsi], Field(min_length=1)]
    interpretasi: dict[str, TeksIsi] = Field(default_factory=dict)


class BerkasSkalaLKE(_Berkas):
    """The LKE scale (``parameters/lke/skala.yaml``): answers from the top with strictly
    decreasing values in 0–100; suggestion bands from the bottom with rising bounds and
    rising answers; the predikat scale and the meaning of its labels.

    Examples
    --------
    >>> s = BerkasSkalaLKE(jawaban={"Y": 100, "T": 0}, saran=[{"jawaban": "T", "kurang_dari": 100},
    ...                    {"jawaban": "Y"}], predikat={"skala": "lke-akip", "arti": {"AA": "Sangat Memuaskan"}})
    >>> s.jawaban, s.saran[0].batas
    ({'Y': Decimal('100.0'), 'T': Decimal('0.0')}, Decimal('100.0'))
    """

    jawaban: Annotated[dict[str, Persen], Field(min_length=2)]
    saran: Annotated[list[BatasSaran], Field(min_length=2)]
    predikat: ArtiPredikat

    @field_validator("jawaban")
    @classmethod
    def _urut_jawaban(cls, jawaban: dict[str, Decimal]) -> dict[str, Decimal]:
        for key in jawaban:
            if not re.fullmatch(r"[A-Z]{1,3}", key):
                raise _galat(f"jawaban ditulis dengan huruf besar (mis. AA, B), bukan {key!r}", key)
        values = list(jawaban.items())
        for (upper, a), (lower, b) in zip(values, values[1:]):
            if b >= a:
                raise _galat(f"nilai jawaban harus menurun dari yang tertinggi ({lower} {_teks(b)} tidak di bawah "
                             f"{upper} {_teks(a)})", lower)
        return jawaban

    @model_validator(mode="after")
    def _urut_saran(self) -> BerkasSkalaLKE:
        order = list(self.jawaban)[::-1]  # from the bottom
        last = len(self.saran) - 1  # positions below are 0-based, shown from 1
        for i, band in enumerate(self.saran):
            given = [f for f in ("paling_banyak", "kurang_dari") if getattr(band, f) is not None]
            if band.jawaban not in order:
                raise _galat(f"jawaban {band.jawaban!r} tidak ada di daftar jawaban ({', '.join(self.jawaban)})",
                             "saran", i, "jawaban")
            if i == last and given:
                raise _galat("butir terakhir menampung sisanya dan tidak boleh punya batas", "saran", i, given[0])
            if i < last and len(given) != 1:
                raise _galat("isi tepat satu dari paling_banyak (≤) atau kurang_dari (<)", "saran", i)
        for i, (lower, upper) in enumerate(zip(self.saran, self.saran[1:]), start=1):
            if order.index(upper.jawaban) <= order.index(lower.jawaban):
                raise _galat(f"jawaban harus naik dari butir ke butir ({upper.jawaban} tidak di atas {lower.jawaban})",
                             "saran", i, "jawaban")
            if i < last and upper.batas <= lower.batas:
                raise _galat(f"batas harus naik dari butir ke butir ({_teks(upper.batas)} tidak di atas "
                             f"{_teks(lower.batas)})", "saran", i)
        return self


@dataclass(frozen=True)
class ParameterLKE:
    """The loaded LKE: tables in the file's order, answers from the top, suggestion bands
    from the bottom (``(jawaban, batas, inklusif)``, the last with ``batas`` None), the
    predikat scale of the Nilai AKIP and the meaning of each predikat."""

    nama: str
    komponen: pd.DataFrame  # kode, nama, bobot
    subkomponen: pd.DataFrame  # kode, komponen, nama, jenis, bobot
    kriteria: pd.DataFrame  # kode, subkomponen, komponen, jenis, nomor, uraian
    jawaban: dict[str, Decimal]
    saran: tuple[tuple[str, Decimal | None, bool], ...]
    skala: SkalaPredikat
    arti: dict[str, str]
    interpretasi: dict[str, str] = field(default_factory=dict)  # predikat -> the regulation's interpretation


def _tabel(doc: BerkasKriteriaLKE) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    komponen, sub, kriteria = [], [], []
    for k, kom in doc.komponen.items():
        komponen.append({"kode": k, "nama": kom.nama, "bobot": kom.bobot})
        for s, isi in kom.subkomponen.items():
            sub.append({"kode": s, "komponen": k, "nama": isi.nama, "jenis": isi.jenis, "bobot": isi.bobot})
            kriteria += [{"kode": c, "subkomponen": s, "komponen": k, "jenis": isi.jenis,
                          "nomor": int(c.rsplit(".", 1)[1]), "uraian": teks} for c, teks in isi.kriteria.items()]
    return pd.DataFrame(komponen), pd.DataFrame(sub), pd.DataFrame(kriteria)


def muat_lke(folder: str | os.PathLike | None = None) -> ParameterLKE:
    """Load and check ``kriteria.yaml`` and ``skala.yaml`` of ``folder`` (default
    ``parameters/lke/`` of ``$KINERJA_PARAMETERS`` or the package) and the predikat scale the
    scale file names.

    Parameters
    ----------
    folder : str or path-like, optional
        A folder holding the two files.

    Returns
    -------
    ParameterLKE
        The komponen, sub-komponen and kriteria tables, the answers, the suggestion bands, the
        predikat scale and the meanings of its labels.

    Raises
    ------
    KinerjaError
        A file missing or refused, or meanings that do not match the predikat scale's labels.

    Examples
    --------
    >>> lke = muat_lke()
    >>> len(lke.komponen), len(lke.subkomponen), len(lke.kriteria), sum(lke.komponen["bobot"])
    (4, 12, 80, Decimal('100.0'))
    >>> list(lke.jawaban)[:3], lke.saran[1], lke.arti["BB"]
    (['AA', 'A', 'BB'], ('D', Decimal('25.0'), True), 'Sangat Baik')
    """
    folder = Path(folder) if folder is not None else parameters_dir() / "lke"
    kriteria = muat_konfigurasi(folder / "kriteria.yaml", BerkasKriteriaLKE)
    skala = muat_konfigurasi(folder / "skala.yaml", BerkasSkalaLKE)
    predikat = muat_skala(skala.predikat.skala)
    labels = [k.label for k in predikat.kelas]
    if list(skala.predikat.arti) != labels:
        raise KinerjaError(f"skala.yaml: predikat.arti harus memberi arti setiap predikat skala "
                           f"{skala.predikat.skala!r}, berurutan dari atas ({', '.join(labels)}), bukan "
                           f"{', '.join(skala.predikat.arti)}")
    if skala.predikat.interpretasi and list(skala.predikat.interpretasi) != labels:
        raise KinerjaError(f"skala.yaml: predikat.interpretasi harus memberi interpretasi setiap predikat skala "
                           f"{skala.predikat.skala!r}, berurutan dari atas ({', '.join(labels)}), bukan "
                           f"{', '.join(skala.predikat.interpretasi)}")
    komponen, sub, tabel_kriteria = _tabel(kriteria)
    saran = tuple((b.jawaban, b.batas, b.kurang_dari is None) for b in skala.saran)
    return ParameterLKE(nama=kriteria.nama or "Evaluasi AKIP", komponen=komponen, subkomponen=sub,
                        kriteria=tabel_kriteria, jawaban=dict(skala.jawaban), saran=saran, skala=predikat,
                        arti=dict(skala.predikat.arti), interpretasi=dict(skala.predikat.interpretasi))
