"""Polarity and agregasi for indicators whose source does not write them (docs/metodologi.md §10).

The Renja evaluation, SIPD exports and flat tables almost never say whether more is better
or how quarters combine. :func:`tebak_meta` decides, in this order: the store's own
indicator metadata (when the indicator is known there), the fixed table ``tetap`` of
``parameters/polaritas.yaml``, then a guess from words of the indicator's name (``kata``)
and, for agregasi, from its satuan and first word (``akhir``). Every guess is marked so that
documents can say "ditebak" and an evaluator can fix it in that file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from kinerja.core.parsing import kode_indikator
from kinerja.core.konfigurasi import BerkasPolaritas
from kinerja.core.parameter import muat_konfigurasi
from kinerja.core.sumber import parameters_dir

__all__ = ["AturanPolaritas", "muat_aturan_polaritas", "tebak_meta"]


@dataclass(frozen=True)
class AturanPolaritas:
    """The word lists and fixed values of ``parameters/polaritas.yaml``."""

    kata: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tetap: dict[str, str] = field(default_factory=dict)
    satuan_akhir: tuple[str, ...] = ()
    awal_akhir: tuple[str, ...] = ()


def muat_aturan_polaritas(path: str | os.PathLike | None = None) -> AturanPolaritas:
    """Read ``parameters/polaritas.yaml`` (or ``path``), checked by
    :class:`kinerja.core.konfigurasi.BerkasPolaritas`.

    Examples
    --------
    >>> a = muat_aturan_polaritas()
    >>> "kematian" in a.kata["negatif"], a.kata["stabil"]
    (True, ('inflasi',))
    """
    file = Path(path) if path else parameters_dir() / "polaritas.yaml"
    doc = muat_konfigurasi(file, BerkasPolaritas)
    kata = {k: tuple(w.lower() for w in v) for k, v in doc.kata.model_dump().items()}
    return AturanPolaritas(kata, {kode_indikator(k): v for k, v in doc.tetap.items()},
                           tuple(s.lower() for s in doc.akhir.satuan), tuple(s.lower() for s in doc.akhir.awal_nama))


def _words(words: tuple[str, ...]) -> re.Pattern | None:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None


def tebak_meta(nama: pd.Series, satuan: pd.Series, dikenal: pd.DataFrame | None = None,
               aturan: AturanPolaritas | None = None) -> pd.DataFrame:
    """Polaritas and agregasi for each indicator name, with where each came from.

    ``dikenal`` is the store's indicator metadata (columns ``kode``, ``polaritas``,
    ``agregasi``) for the unit, matched on the normalised name. Returns a frame on
    ``nama``'s index with ``polaritas``, ``agregasi``, ``polaritas_sumber`` and
    ``agregasi_sumber`` (``basis data``, ``tetap`` or ``ditebak``) and ``alasan`` (the
    word that decided a guess).

    Examples
    --------
    >>> out = tebak_meta(pd.Series(["Angka Kematian Ibu", "Tingkat Inflasi", "Jumlah Dokumen"]),
    ...                  pd.Series(["per 100.000", "%", "Dok"]))
    >>> out[["polaritas", "agregasi", "polaritas_sumber"]].values.tolist()
    [['negatif', 'akhir', 'ditebak'], ['stabil', 'akhir', 'ditebak'], ['positif', 'jumlah', 'ditebak']]
    """
    aturan = aturan or muat_aturan_polaritas()
    key = nama.map(kode_indikator)
    low = nama.astype(str).str.lower()
    out = pd.DataFrame(index=nama.index)
    out["polaritas"], out["alasan"] = "positif", ""
    for pol in ("stabil", "negatif"):  # negatif wins over stabil when both words occur
        pattern = _words(aturan.kata.get(pol, ()))
        if pattern is None:
            continue
        found = low.str.extract(f"({pattern.pattern})", expand=False)
        hit = found.notna()
        out.loc[hit, "polaritas"] = pol
        out.loc[hit, "alasan"] = "kata \u201c" + found[hit] + "\u201d"
    # A verb of handling makes a count of bad things a good one: "kasus TBC yang diobati" is positif.
    handled = _words(aturan.kata.get("positif", ()))
    if handled is not None:
        found = low.str.extract(f"({handled.pattern})", expand=False)
        hit = found.notna() & out["polaritas"].ne("positif")
        out.loc[hit, "polaritas"] = "positif"
        out.loc[hit, "alasan"] = "kata \u201c" + found[hit] + "\u201d"
    out["polaritas_sumber"] = "ditebak"
    fixed = key.map(aturan.tetap)
    out["polaritas"] = fixed.where(fixed.notna(), out["polaritas"])
    out.loc[fixed.notna(), ["polaritas_sumber", "alasan"]] = ["tetap", ""]
    # A satuan is a level when any of its words is ("% (persen)", "indeks poin"), and so is a
    # name that starts with "%" ("% ASN terlatih"): never added up as "jumlah".
    words = satuan.fillna("").astype(str).str.lower().str.findall(r"%|[\w-]+")
    unit_akhir = words.map(lambda ws: any(w in aturan.satuan_akhir for w in ws))
    first = low.str.strip().str.findall(r"^(?:%|[\w-]+)").str[0].fillna("")
    akhir = unit_akhir | first.isin(aturan.awal_akhir) | first.eq("%")
    out["agregasi"] = np.where(akhir, "akhir", "jumlah")
    out["agregasi_sumber"] = "ditebak"
    if dikenal is not None and not dikenal.empty:
        known = dikenal.drop_duplicates("kode").set_index("kode")
        for col in ("polaritas", "agregasi"):
            value = key.map(known[col])
            out[col] = value.where(value.notna(), out[col])
            out.loc[value.notna(), f"{col}_sumber"] = "basis data"
        out.loc[out["polaritas_sumber"] == "basis data", "alasan"] = ""
    return out
