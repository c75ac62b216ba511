"""Predikat scales as data (docs/metodologi.md §6).

A scale is a YAML file under ``parameters/predikat/``: a ``nama`` and a list of
``kelas`` from the top down. Every class but the last states its lower bound, either
strict (``lebih_dari: 90`` means > 90) or inclusive (``minimal: 90`` means >= 90); the
last class has no bound and takes the rest. Capaian above 100 falls in the top class.
NaN capaian has no predikat.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.core.konfigurasi import BerkasSkala
from kinerja.core.parameter import cari_parameter, daftar_parameter, muat_konfigurasi

__all__ = ["DEFAULT_SKALA", "Kelas", "SkalaPredikat", "daftar_skala", "muat_skala", "predikat_keseluruhan"]

DEFAULT_SKALA = "permendagri-86-2017"


@dataclass(frozen=True)
class Kelas:
    """One class of a scale: ``label`` applies above ``batas`` (strict unless ``inklusif``)."""

    label: str
    batas: float | None
    inklusif: bool
    warna: str


@dataclass(frozen=True)
class SkalaPredikat:
    """An ordered scale; classify a capaian column with :meth:`predikat`."""

    nama: str
    kelas: tuple[Kelas, ...]
    sumber: str = ""

    def _select(self, capaian: pd.Series | np.ndarray, values: list) -> np.ndarray:
        x = np.asarray(capaian, dtype="float64")
        conditions = [
            (x >= k.batas) if k.inklusif else (x > k.batas) for k in self.kelas if k.batas is not None
        ]
        conditions.append(~np.isnan(x))
        return np.select(conditions, values, default=None)

    def predikat(self, capaian: pd.Series | np.ndarray) -> pd.Series:
        """The label of every value; None where capaian is NaN."""
        index = capaian.index if isinstance(capaian, pd.Series) else None
        return pd.Series(self._select(capaian, [k.label for k in self.kelas]), index=index, dtype=object)

    def warna(self, capaian: pd.Series | np.ndarray) -> pd.Series:
        """The colour (hex) of every value's class; None where capaian is NaN."""
        index = capaian.index if isinstance(capaian, pd.Series) else None
        return pd.Series(self._select(capaian, [k.warna for k in self.kelas]), index=index, dtype=object)

    @property
    def warna_label(self) -> dict[str, str]:
        """Label → colour, top class first (for legends)."""
        return {k.label: k.warna for k in self.kelas}


def daftar_skala() -> list[str]:
    """Names of the scales under ``parameters/predikat/``.

    Examples
    --------
    >>> "permendagri-86-2017" in daftar_skala()
    True
    """
    return daftar_parameter("predikat")


def muat_skala(nama: str | os.PathLike = DEFAULT_SKALA) -> SkalaPredikat:
    """Load a predikat scale by name (a file in ``parameters/predikat/``) or by path, and
    check it (the file is checked by :class:`kinerja.core.konfigurasi.BerkasSkala`).

    Parameters
    ----------
    nama : str or path-like
        The scale's name (``kinerja skala`` lists them) or the path of a .yaml file.

    Returns
    -------
    SkalaPredikat
        The scale: its name, its bands and ``predikat(capaian)``.

    Raises
    ------
    KinerjaError
        Unknown name, or a file whose bands are not a valid scale.

    Examples
    --------
    >>> skala = muat_skala("permendagri-86-2017")
    >>> skala.predikat(pd.Series([95, 90, 70.5, None])).tolist()
    ['Sangat Tinggi', 'Tinggi', 'Sedang', None]
    """
    path = cari_parameter("predikat", nama)
    doc = muat_konfigurasi(path, BerkasSkala)
    kelas = tuple(Kelas(k.label, k.batas, k.minimal is not None, k.warna) for k in doc.kelas)
    return SkalaPredikat(nama=doc.nama or path.stem, kelas=kelas, sumber=str(path))


def predikat_keseluruhan(skala: SkalaPredikat, tercapai: int, terukur: int, rata: float) -> str | None:
    """The one word for a unit's whole period (docs/metodologi.md §6, predikat keseluruhan):
    the scale's class of the share of measured indicators that met their target (percent),
    never above the class of the mean capaian. A unit whose mean capaian is high because a
    few indicators overshoot, while half its targets were missed, is not "Sangat Tinggi".
    None when nothing was measured.

    Examples
    --------
    >>> skala = muat_skala("permendagri-86-2017")
    >>> predikat_keseluruhan(skala, 4, 8, 98.5), predikat_keseluruhan(skala, 8, 8, 104.0)
    ('Sangat Rendah', 'Sangat Tinggi')
    >>> predikat_keseluruhan(skala, 7, 8, 80.0), predikat_keseluruhan(skala, 0, 0, float("nan")) is None
    ('Tinggi', True)
    """
    if terukur <= 0 or np.isnan(rata):
        return None
    labels = [k.label for k in skala.kelas]
    by_share, by_mean = skala.predikat(np.array([100.0 * tercapai / terukur, rata]))
    return labels[max(labels.index(by_share), labels.index(by_mean))]

