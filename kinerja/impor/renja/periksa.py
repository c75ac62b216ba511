"""What is computed on a Renja evaluation's long table and checked there: capaian of the year
and of the Renstra (with the indicator's polarity), penyerapan, and the notes in ``catatan``
where a number cannot be right (outside the :mod:`kinerja.core.kewajaran` limits), where a
capaian cannot be computed (a target of 0) and where the printed column (15) differs from the
computed capaian.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.anggaran import penyerapan
from kinerja.core.aturan import berbeda
from kinerja.core.capaian import hitung_capaian
from kinerja.core.formatting import format_angka, format_nilai
from kinerja.impor.renja.tata import CAPAIAN

__all__ = ["lengkapi", "teks_angka"]


def teks_angka(v: float | None) -> str:
    """A number as a note names it, ``(kosong)`` for none."""
    return format_nilai(pd.Series([v])).iloc[0] if v is not None else "(kosong)"


def lengkapi(frame: pd.DataFrame, kolom=lambda role: f"kolom ({role})") -> pd.Series | None:
    """Add ``capaian``, ``capaian_renstra`` and ``penyerapan`` to the long table (rows with the
    printed (15) in ``_printed15`` and, where the layout prints one, the year's capaian in
    ``_printed_capaian`` from the cell ``_sel_capaian``) and the checks' notes to ``catatan``,
    in place; ``kolom`` names a role's column as the file numbers it. Returns which rows' printed
    capaian differs from the computed one (None when the layout prints none)."""
    has_ind = frame["indikator"].notna()
    cap = hitung_capaian(pd.DataFrame({"target": frame["target"], "realisasi": frame["realisasi"],
                                       "polaritas": frame["polaritas"]}))["capaian"]
    frame["capaian"] = cap.where(has_ind & frame["target"].notna())
    ren = hitung_capaian(pd.DataFrame({"target": frame["target_renstra"], "realisasi": frame["realisasi_renstra"],
                                       "polaritas": frame["polaritas"]}))["capaian"]
    frame["capaian_renstra"] = ren.where(has_ind)
    frame["penyerapan"] = penyerapan(frame["realisasi_anggaran"], frame["pagu"])
    _tandai(frame, has_ind)
    _tertulis(frame, "_printed15", "capaian_renstra", kolom(15))
    if "_printed_capaian" in frame:
        wrong = _tertulis(frame, "_printed_capaian", "capaian", kolom(CAPAIAN))
        printed = frame["_printed_capaian"].notna() & frame["capaian"].notna() & ~wrong
        frame["sel_capaian"] = frame["_sel_capaian"].where(printed, None)
        # agreeing within the tolerance, the printed capaian is the file's (rounded) statement: the cell cited holds it
        frame["capaian"] = frame["capaian"].where(~printed, pd.to_numeric(frame["_printed_capaian"], errors="coerce"))
        return wrong
    return None


# No pagu or realisasi of a program, kegiatan or sub kegiatan is below a thousand Rupiah (after the
# file's multiplier): such amounts are numbers of another column under a Rupiah header.
RUPIAH_TERKECIL = 1_000


def kolom_tak_sesuai(frame: pd.DataFrame, wrong: pd.Series | None, ws: str, p, label) -> None:
    """Stop the file (I93) when on most rows a number cannot be what its header says: the printed
    capaian differs from what the row's target and realisasi give, the capaian lies outside the
    plausibility limits (``parameters/kewajaran.yaml``), or realisasi anggaran exceeds pagu. Then
    the columns do not hold what their headers say (values swapped or shifted under the headers)
    and no number of the file can be trusted. A few such rows are the file's own slips and stay
    notes (``lengkapi``)."""
    from kinerja.core.kewajaran import di_luar_batas, muat_kewajaran

    printed = pd.to_numeric(frame.get("_printed_capaian", pd.Series(np.nan, index=frame.index)), errors="coerce")
    has_cap = frame["indikator"].notna() & frame["capaian"].notna()
    money = frame["pagu"].gt(0) & frame["realisasi_anggaran"].notna()
    terbesar = frame[["pagu", "realisasi_anggaran"]].where(frame[["pagu", "realisasi_anggaran"]].gt(0)).max(axis=1)
    signals = (
        (printed.notna() & has_cap, wrong if wrong is not None else np.zeros(len(frame), dtype=bool),
         f"capaian tertulis di {label(CAPAIAN)} berbeda dari capaian yang dihitung dari target dan realisasi barisnya",
         "_sel_capaian"),
        (has_cap, di_luar_batas(frame["capaian"], frame["realisasi"], muat_kewajaran()),
         "capaian yang dihitung dari target dan realisasi di luar batas kewajaran", "sel_target"),
        (money, (frame["realisasi_anggaran"] > frame["pagu"] * 1.0001).to_numpy(), "realisasi anggaran melebihi pagu",
         "sel_pagu"),
        (terbesar.notna(), terbesar.lt(RUPIAH_TERKECIL).to_numpy(),
         f"angka Rupiah (pagu, realisasi anggaran) di bawah Rp{format_angka(RUPIAH_TERKECIL, 0)}",
         "sel_realisasi_anggaran"),
    )
    for compared, bad, what, ref in signals:
        n, hit = int(compared.sum()), compared & pd.Series(np.asarray(bad, dtype=bool), index=frame.index)
        if n < 3 or int(hit.sum()) * 2 <= n:
            continue
        first = frame[hit].iloc[0]
        sel = str(first.get(ref) or "").rsplit("!", 1)[-1]
        p.galat("I93", ws, sel, f"{what} pada {format_angka(int(hit.sum()), 0)} dari {format_angka(n, 0)} baris "
                f"(pertama baris {first['baris']}); kolom target, realisasi atau anggaran tampaknya tidak berisi yang "
                "disebut judulnya (tertukar atau bergeser); berkas tidak dibaca agar tidak ada angka yang diambil dari "
                "kolom yang salah")
        return


def _tertulis(frame: pd.DataFrame, printed_col: str, col: str, label: str):
    """Name in ``catatan`` every row whose printed capaian (``printed_col``) differs from the one
    computed (``col``); returns which rows differ."""
    printed = pd.to_numeric(frame.get(printed_col, pd.Series(np.nan, index=frame.index)), errors="coerce")
    wrong = berbeda(printed, frame[col])
    frame.loc[wrong, "catatan"] = [
        "; ".join(x for x in (c, f"{label} tertulis {teks_angka(a)}, dihitung {teks_angka(b)}")
                  if isinstance(x, str))
        for c, a, b in zip(frame.loc[wrong, "catatan"], printed[wrong], frame.loc[wrong, col])]
    return wrong


def _tambah(frame: pd.DataFrame, mask, texts) -> None:
    """Append ``texts`` (one per masked row, or one for all) to those rows' catatan."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return
    texts = pd.Series(texts, index=frame.index[mask]) if not isinstance(texts, str) else texts
    old = frame.loc[mask, "catatan"]
    frame.loc[mask, "catatan"] = old.where(old.isna(), old + "; ").fillna("") + texts


def _tandai(frame: pd.DataFrame, has_ind: pd.Series) -> None:
    """Numbers that cannot be right are flagged (kinerja.core.kewajaran limits), and a capaian
    that cannot be computed says why (a target of 0)."""
    from kinerja.core.formatting import format_persen
    from kinerja.core.kewajaran import di_luar_batas, muat_kewajaran

    rules = muat_kewajaran()
    for col, real, label in (("capaian", "realisasi", "capaian"), ("capaian_renstra", "realisasi_renstra",
                                                                      "capaian Renstra (15)")):
        bad = di_luar_batas(frame[col], frame[real], rules) & has_ind.to_numpy()
        _tambah(frame, bad, [f"perlu diverifikasi: {label} {format_persen(v)} di luar batas kewajaran "
                             f"({format_persen(rules.capaian_min)}–{format_persen(rules.capaian_maks)})"
                             for v in frame.loc[bad, col]])
    zero = has_ind & (frame["target"] == 0) & frame["realisasi"].notna()
    _tambah(frame, zero, "capaian tidak dapat dihitung karena target tahun berjalan 0")
