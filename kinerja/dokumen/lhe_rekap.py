"""The kabupaten's recap of the evaluasi AKIP as document tables: the perangkat daerah ranked
by Nilai AKIP (equal values share a rank) with the gap to the next predikat, and, apart and
unranked, those whose evaluation is belum lengkap. The numbers are
:func:`kinerja.evaluasi.rekap.rekap_lke`'s.
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.formatting import format_angka
from kinerja.render.tabel import Tabel

__all__ = ["ringkasan_rekap", "tabel_belum_lengkap", "tabel_rekap"]


def tabel_rekap(rekap: pd.DataFrame, tahun: int) -> Tabel | None:
    """The ranked perangkat daerah: rank, name, Nilai AKIP, predikat with its meaning, what it
    takes to reach the next predikat. The predikat is not coloured: the scale's light colours
    under white print are hard to read on paper."""
    ranked = rekap[rekap["peringkat"].notna()]
    if ranked.empty:
        return None
    shown = pd.DataFrame({
        "Peringkat": ranked["peringkat"].astype(int).astype(str).to_numpy(),
        "Perangkat Daerah": ranked["nama"].to_numpy(),
        "Nilai AKIP": [format_angka(v, 2) for v in ranked["nilai"]],
        "Predikat": [f"{p} ({a})" for p, a in zip(ranked["predikat"], ranked["arti"])],
        "Peningkatan Terkecil ke Predikat Berikutnya": [
            f"{m}: {p}" if isinstance(m, str) else p for m, p in zip(ranked["menuju"], ranked["peningkatan"])],
    })
    return Tabel(shown, {"Nilai AKIP": "nilai"}, judul=f"Peringkat Nilai AKIP perangkat daerah tahun {tahun}")


def tabel_belum_lengkap(rekap: pd.DataFrame, tahun: int) -> Tabel | None:
    """The perangkat daerah not ranked: the sub-komponen the evaluator has not answered yet."""
    apart = rekap[rekap["peringkat"].isna()]
    if apart.empty:
        return None
    shown = pd.DataFrame({"Perangkat Daerah": apart["nama"].to_numpy(),
                          "Sub-komponen Belum Dijawab Evaluator": apart["kurang"].to_numpy()})
    return Tabel(shown, judul=f"Perangkat daerah yang evaluasinya belum lengkap tahun {tahun} (tidak diperingkat)")


def ringkasan_rekap(rekap: pd.DataFrame, tahun: int) -> str:
    """How many were ranked, the predikat they got, and how many are belum lengkap.

    Examples
    --------
    >>> r = pd.DataFrame({"peringkat": [1, 2, None], "predikat": ["BB", "B", None]})
    >>> ringkasan_rekap(r, 2026)
    'Tahun 2026, 2 dari 3 perangkat daerah telah selesai dievaluasi: BB 1, B 1. Evaluasi 1 perangkat daerah belum lengkap sehingga belum diberi nilai dan tidak diperingkat.'
    """
    ranked = rekap[rekap["peringkat"].notna()]
    counts = ranked["predikat"].value_counts(sort=False)
    per = ", ".join(f"{p} {n}" for p, n in counts.items())
    text = (f"Tahun {tahun}, {len(ranked)} dari {len(rekap)} perangkat daerah telah selesai dievaluasi"
            + (f": {per}." if per else "."))
    missing = len(rekap) - len(ranked)
    if missing:
        text += (f" Evaluasi {missing} perangkat daerah belum lengkap sehingga belum diberi nilai dan tidak "
                 "diperingkat.")
    return text
