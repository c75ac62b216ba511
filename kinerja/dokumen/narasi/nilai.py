"""Values as a sentence writes them: Indonesian number format (no decimals for a whole
number), the unit after the number, a capitalised subject, and what counts as missing."""

from __future__ import annotations

import math

import pandas as pd

from kinerja.core.formatting import format_angka, format_nilai_satuan


def _awal_kapital(teks: str) -> str:
    """The first letter capitalised, the rest as written ("perangkat daerah" → "Perangkat daerah")."""
    return teks[:1].upper() + teks[1:]


def _kosong(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (not isinstance(x, str) and pd.isna(x))


def _angka(x: float, desimal: int = 2) -> str:
    """A number in a sentence: Indonesian format, no decimals when it is whole (a count)."""
    text = format_angka(float(x), desimal)
    return text[: -(desimal + 1)] if desimal and text.endswith("," + "0" * desimal) else text


def nilai_dengan_satuan(nilai: object, satuan: str = "", desimal: int = 2) -> str:
    """``6.12, "%" → "6,12%"``; ``11, "%" → "11,00%"``; ``10.38, "tahun" → "10,38 tahun"``; text stays as
    written (:func:`kinerja.core.formatting.format_nilai_satuan`, the one rule)."""
    return format_nilai_satuan(nilai, satuan, desimal)
