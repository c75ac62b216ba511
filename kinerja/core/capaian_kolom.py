"""The vectorised engine behind :mod:`kinerja.core.capaian`: capaian of parsed target and
realisasi columns, one step per part of the rule (docs/metodologi.md §2). The polarity each
row is computed with (written, implied by the target, or assumed), the checks on the inputs,
the qualitative rank ratio, the numeric formula with its band, target-0 and below-0
conventions, then the optional cap; every step leaves its :class:`~kinerja.core.catatan.Catatan`
bits in ``kode``. Written polarities are read here too (``normalise_polaritas``). Each step
works on whole columns at once; no step loops over rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.catatan import Catatan as C
from kinerja.core.kosakata import POLARITAS
from kinerja.core.parsing import JENIS_KODE, PENANDA_KOSONG
from kinerja.core.parsing_kolom import Parsed

__all__ = ["normalise_polaritas"]


_POLARITAS_ALIAS = {
    "positif": "positif",
    "positive": "positif",
    "+": "positif",
    "naik": "positif",
    "naik (baik)": "positif",  # e-monev workbooks: "naik (baik)"/"turun (baik)"
    "naik baik": "positif",
    "semakin besar semakin baik": "positif",
    "maksimalisasi": "positif",
    "semakin tinggi semakin baik": "positif",
    "negatif": "negatif",
    "negative": "negatif",
    "turun": "negatif",
    "turun (baik)": "negatif",
    "turun baik": "negatif",
    "semakin kecil semakin baik": "negatif",
    "minimalisasi": "negatif",
    "semakin rendah semakin baik": "negatif",
    "stabil": "stabil",
    "rentang": "stabil",
    "stable": "stabil",
    "range": "stabil",
    "kualitatif": "kualitatif",
    "ordinal": "kualitatif",
}
_EMPTY = PENANDA_KOSONG


def normalise_polaritas(values: pd.Series) -> pd.Series:
    """Map written polarity to ``positif|negatif|stabil|kualitatif``, ``""`` (not given)
    or ``"?"`` (unknown). Case and surrounding spaces are ignored."""
    codes = _polaritas_codes(values)
    labels = np.array([*POLARITAS, "?", ""], dtype=object)
    return pd.Series(labels[codes], index=values.index, dtype=object)


# Internal polarity codes: index into POLARITAS, or these two.
_TIDAK_DIKENAL, _KOSONG = len(POLARITAS), len(POLARITAS) + 1
_POS, _NEG, _STA, _KUA = (POLARITAS.index(p) for p in POLARITAS)


def _polaritas_codes(values: pd.Series) -> np.ndarray:
    """Polarity code per row, resolving each distinct text once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    resolved = []
    for text in (str(u).strip().lower() for u in uniques):
        if text in _POLARITAS_ALIAS:
            resolved.append(POLARITAS.index(_POLARITAS_ALIAS[text]))
        else:
            resolved.append(_KOSONG if text in _EMPTY else _TIDAK_DIKENAL)
    lookup = np.array([*resolved, _KOSONG], dtype=np.int8)
    return lookup[np.where(codes < 0, len(resolved), codes)]


def _formula(r: np.ndarray, t: np.ndarray, negatif: np.ndarray) -> np.ndarray:
    """The regulations' formulas verbatim for T > 0; 100 ± (R − T)/|T| × 100 for T < 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        positif = np.where(t > 0, r * 100.0 / t, 100.0 + (r - t) * 100.0 / np.abs(t))
        negatif_ = np.where(t > 0, (2.0 * t - r) * 100.0 / t, 100.0 - (r - t) * 100.0 / np.abs(t))
    return np.where(negatif, negatif_, positif)


def _same_units(t: Parsed, r: Parsed) -> np.ndarray:
    """Rows where target and realisasi both name a unit and the units differ."""
    levels = sorted(set(t.satuan_levels) | set(r.satuan_levels))
    remap_t = np.array([levels.index(u) for u in t.satuan_levels], dtype=np.int64)
    remap_r = np.array([levels.index(u) for u in r.satuan_levels], dtype=np.int64)
    ts, rs = remap_t[t.satuan], remap_r[r.satuan]
    empty = levels.index("") if "" in levels else -1
    return (ts != empty) & (rs != empty) & (ts != rs)


class _Kode:
    """The :class:`~kinerja.core.catatan.Catatan` bits of every row, set step by step."""

    def __init__(self, n: int) -> None:
        self.kode = np.zeros(n, dtype=np.int64)

    def flag(self, mask: np.ndarray, bit: C) -> None:
        if mask.any():
            np.bitwise_or(self.kode, int(bit), out=self.kode, where=mask)


class _Jenis:
    """What each row's target (``t``) and realisasi (``r``) hold, as masks over :data:`JENIS_KODE`."""

    def __init__(self, t: Parsed, r: Parsed) -> None:
        J = JENIS_KODE
        self.t, self.r = tj, rj = t.jenis, r.jenis
        # JENIS lists angka, persen, rupiah first and the two bounds next to each other.
        self.t_single, self.r_single = tj <= J["rupiah"], rj <= J["rupiah"]
        self.t_kual, self.r_kual = tj == J["kualitatif"], rj == J["kualitatif"]
        self.both_kual = self.t_kual & self.r_kual
        self.t_kosong, self.r_kosong = tj == J["kosong"], rj == J["kosong"]
        self.t_bound = (tj == J["batas_atas"]) | (tj == J["batas_bawah"])
        self.t_range = tj == J["rentang"]


def _polaritas_dipakai(pol_in: np.ndarray, j: _Jenis, kode: _Kode) -> tuple[np.ndarray, np.ndarray]:
    """The polarity code each row is computed with (written, else implied by how the target is
    written, else positif), flagging every inference and conflict; and the rows whose written
    polarity is unknown."""
    J = JENIS_KODE
    given = pol_in != _KOSONG
    unknown = pol_in == _TIDAK_DIKENAL
    implied = np.select(
        [j.t == J["batas_atas"], j.t == J["batas_bawah"], j.t_range, j.t_kual], [_NEG, _POS, _STA, _KUA], default=-1
    )
    pol = np.where(given, pol_in, np.where(implied >= 0, implied, _POS))
    kode.flag(~given & j.t_bound, C.POLARITAS_DARI_BATAS)
    kode.flag(~given & j.t_range, C.POLARITAS_DARI_RENTANG)
    kode.flag(~given & (implied < 0) & ~j.t_kosong & (j.t != J["tidak_valid"]), C.POLARITAS_DIANGGAP_POSITIF)
    kode.flag(given & ~unknown & j.t_bound & (pol_in != implied), C.POLARITAS_BERTENTANGAN)
    kode.flag(j.both_kual & given & ~unknown & (pol_in != _KUA), C.POLARITAS_KUALITATIF)
    pol = np.where(j.both_kual & ~unknown, _KUA, pol)
    kode.flag(unknown, C.POLARITAS_TIDAK_DIKENAL)
    return pol, unknown


def _flag_masukan(t: Parsed, r: Parsed, j: _Jenis, kode: _Kode) -> None:
    """Flag inputs that are blank or unreadable, a realisasi that is not one value, a decimal
    separator guessed, and target and realisasi in different units."""
    J = JENIS_KODE
    kode.flag(j.t_kosong, C.TARGET_KOSONG)
    kode.flag(j.t == J["tidak_valid"], C.TARGET_TIDAK_VALID)
    kode.flag(j.r_kosong, C.REALISASI_KOSONG)
    kode.flag(j.r == J["tidak_valid"], C.REALISASI_TIDAK_VALID)
    kode.flag((j.r >= J["rentang"]) & (j.r <= J["batas_bawah"]), C.REALISASI_BUKAN_TUNGGAL)
    kode.flag(t.ambigu, C.PEMISAH_DITEBAK_TARGET)
    kode.flag(r.ambigu, C.PEMISAH_DITEBAK_REALISASI)
    kode.flag(_same_units(t, r), C.SATUAN_BERBEDA)


def _capaian_kualitatif(t: Parsed, r: Parsed, is_kual: np.ndarray, j: _Jenis,
                        kode: _Kode) -> tuple[np.ndarray, np.ndarray]:
    """Capaian and the T used of the kualitatif rows: rank(R) / rank(T) × 100 where both are
    grades of one scale (NaN elsewhere)."""
    n = len(t.nilai)
    capaian = np.full(n, np.nan)
    target_dipakai = np.full(n, np.nan)
    if is_kual.any():
        kual_ok = is_kual & j.both_kual & (t.skala == r.skala)
        kode.flag(is_kual & ~kual_ok & ~j.t_kosong & ~j.r_kosong, C.SKALA_KUALITATIF_TIDAK_COCOK)
        with np.errstate(divide="ignore", invalid="ignore"):
            capaian = np.where(kual_ok, r.peringkat * 100.0 / t.peringkat, capaian)
        target_dipakai = np.where(kual_ok, t.peringkat, target_dipakai)
    return capaian, target_dipakai


def _capaian_angka(t: Parsed, r: Parsed, pol: np.ndarray, numeric: np.ndarray, j: _Jenis,
                   kode: _Kode) -> tuple[np.ndarray, np.ndarray]:
    """Capaian and the T used of the ``numeric`` rows: 100 inside the target's band, else the
    formula against the edge passed, then the target-0 and below-0 conventions."""
    value = r.nilai
    lo = np.where(j.t_range, t.bawah, t.nilai)
    hi = np.where(j.t_range, t.atas, t.nilai)
    below, above = numeric & (value < lo), numeric & (value > hi)
    inside = numeric & ~below & ~above
    band = numeric & (lo != hi)
    kode.flag(band & below, C.DI_BAWAH_RENTANG)
    kode.flag(band & above, C.DI_ATAS_RENTANG)
    teff = np.where(below, lo, np.where(above, hi, lo))
    negatif_formula = (pol == _NEG) | ((pol == _STA) & above)
    raw = _formula(value, teff, negatif_formula)
    kode.flag(numeric & (teff < 0), C.TARGET_NEGATIF)
    # Target 0 (docs/metodologi.md §2): negatif R <= 0 -> 100, R > 0 -> 0; positif undefined.
    # It applies to a point target of 0 and to realisasi outside a band whose edge is 0;
    # inside a real band (lo < hi) capaian is 100 whatever the edges are.
    raw = np.where(inside, 100.0, raw)
    zero = numeric & (teff == 0) & (~inside | (lo == hi))
    if zero.any():
        stabil_hit = zero & (pol == _STA) & inside
        kode.flag(zero & (pol == _NEG), C.TARGET_NOL_NEGATIF)
        kode.flag(zero & (pol != _NEG) & ~stabil_hit, C.TARGET_NOL_POSITIF)
        zero_value = np.select(
            [pol == _NEG, stabil_hit],
            [np.where(value <= 0, 100.0, 0.0), 100.0],
            default=np.where(negatif_formula, 0.0, np.nan),
        )
        raw = np.where(zero, zero_value, raw)
    clamped = numeric & (raw < 0)
    kode.flag(clamped & negatif_formula, C.NEGATIF_DIBATASI_NOL)
    return np.where(clamped, 0.0, raw), teff


def _capaian_parsed(t: Parsed, r: Parsed, pol_in: np.ndarray, cap: np.ndarray | None) -> pd.DataFrame:
    """The columns of :func:`kinerja.core.capaian.hitung_capaian` but ``catatan``, from parsed
    target and realisasi, polarity codes (:func:`_polaritas_codes`) and an optional cap per row."""
    kode = _Kode(len(t.nilai))
    j = _Jenis(t, r)
    pol, unknown = _polaritas_dipakai(pol_in, j, kode)
    _flag_masukan(t, r, j, kode)

    is_kual = (pol == _KUA) & ~unknown
    capaian, target_dipakai = _capaian_kualitatif(t, r, is_kual, j, kode)

    numeric = ~is_kual & ~unknown & j.r_single & (j.t_single | j.t_bound | j.t_range)
    if j.t_kual.any() or j.r_kual.any():
        mixed = ~is_kual & ~unknown & (j.t_kual | j.r_kual) & ~j.both_kual & ~j.t_kosong & ~j.r_kosong
        kode.flag(mixed, C.SKALA_KUALITATIF_TIDAK_COCOK)
    raw, teff = _capaian_angka(t, r, pol, numeric, j, kode)
    capaian = np.where(numeric, raw, capaian)
    target_dipakai = np.where(numeric, teff, target_dipakai)

    if cap is not None:
        capped = ~np.isnan(cap) & (capaian > cap)
        kode.flag(capped, C.DIBATASI)
        capaian = np.where(capped, cap, capaian)

    labels = pd.Categorical.from_codes(np.where(unknown, -1, pol).astype(np.int8), categories=list(POLARITAS))
    return pd.DataFrame(
        {
            "capaian": capaian,
            "polaritas_dipakai": labels,
            "target_nilai": t.nilai,
            "realisasi_nilai": r.nilai,
            "target_dipakai": target_dipakai,
            "kode": kode.kode,
        },
        index=t.index,
    )
