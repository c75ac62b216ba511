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
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.sumber import baca_yaml, parameters_dir

__all__ = ["DEFAULT_SKALA", "Kelas", "SkalaPredikat", "daftar_skala", "muat_skala"]

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


def _resolve(nama: str | os.PathLike) -> Path:
    path = Path(nama)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return path
    name = str(nama)
    if not name.replace("-", "").replace("_", "").isalnum():
        raise KinerjaError(f"nama skala predikat tidak sah: {name!r} (pakai nama berkas tanpa .yaml)")
    candidate = parameters_dir() / "predikat" / f"{name}.yaml"
    if not candidate.exists():
        raise KinerjaError(
            f"skala predikat {name!r} tidak ditemukan; yang tersedia: {', '.join(daftar_skala()) or '(tidak ada)'}"
        )
    return candidate


def daftar_skala() -> list[str]:
    """Names of the scales under ``parameters/predikat/``."""
    folder = parameters_dir() / "predikat"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.exists() else []


def muat_skala(nama: str | os.PathLike = DEFAULT_SKALA) -> SkalaPredikat:
    """Load a predikat scale by name (a file in ``parameters/predikat/``) or by path, and
    check it.

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
    path = _resolve(nama)
    doc = baca_yaml(path, "skala predikat")
    if not isinstance(doc.get("kelas"), list) or len(doc["kelas"]) < 2:
        raise KinerjaError(f"{path}: harus memuat 'nama' dan daftar 'kelas' (paling sedikit dua)")
    kelas: list[Kelas] = []
    for i, item in enumerate(doc["kelas"], start=1):
        where = f"{path}, kelas ke-{i}"
        if not isinstance(item, dict) or not item.get("label"):
            raise KinerjaError(f"{where}: setiap kelas harus punya 'label'")
        keys = {"lebih_dari", "minimal"} & item.keys()
        last = i == len(doc["kelas"])
        if last and keys:
            raise KinerjaError(f"{where}: kelas terakhir menampung sisanya dan tidak boleh punya batas")
        if not last and len(keys) != 1:
            raise KinerjaError(f"{where}: isi tepat satu dari 'lebih_dari' (>) atau 'minimal' (>=)")
        batas = None
        if keys:
            key = keys.pop()
            try:
                batas = float(item[key])
            except (TypeError, ValueError):
                raise KinerjaError(f"{where}: batas {item[key]!r} bukan angka") from None
        kelas.append(Kelas(str(item["label"]), batas, "minimal" in item, str(item.get("warna", "#999999"))))
    bounds = [k.batas for k in kelas if k.batas is not None]
    if any(a <= b for a, b in zip(bounds, bounds[1:])):
        raise KinerjaError(f"{path}: batas kelas harus menurun dari kelas teratas ke terbawah")
    labels = [k.label for k in kelas]
    if len(set(labels)) != len(labels):
        raise KinerjaError(f"{path}: label kelas tidak boleh kembar")
    return SkalaPredikat(nama=str(doc.get("nama", path.stem)), kelas=tuple(kelas), sumber=str(path))
