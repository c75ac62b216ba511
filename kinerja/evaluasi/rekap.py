"""The evaluasi AKIP of every perangkat daerah side by side (docs/metodologi.md §12): each unit's
Nilai AKIP from the evaluator's answers, its predikat, its rank and what it takes to reach the
next predikat.

The answers come as :func:`kinerja.evaluasi.muat_lke` gives them: one row per unit and
sub-komponen with ``jawaban_mandiri`` (the unit's self-assessment) and ``jawaban_evaluator``.
The score is the evaluator's (the self-assessment is shown beside it, never counted). A unit
with a sub-komponen the evaluator has not answered is *belum lengkap*: it has no Nilai AKIP and
no predikat, it is listed apart and not ranked (never scored 0). Complete units are ranked by
their exact Nilai AKIP, highest first; equal values share a rank and the next rank skips
(1, 2, 2, 4). The gap to the next predikat is :func:`kinerja.core.lke_saran.peningkatan_predikat`,
the smallest set of sub-komponen improvements, raising answers at most to the highest answer
the kriteria can show (BB, the top of the suggestion bands): A and AA are the evaluator's
recognition of efforts beyond the national mandate, not a step a unit plans. Only when no plan
within BB reaches the next predikat (from A, AA needs answers above BB) does it go higher.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kinerja.core.lke import BELUM_LENGKAP, HasilLKE, nilai_lke
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.core.lke_saran import Peningkatan, peningkatan_predikat

__all__ = ["KOLOM_REKAP", "hasil_lke", "jawaban_unit", "muat_rekap_lke", "muat_rekomendasi_terbuka", "rekap_lke",
           "rencana_naik"]

KOLOM_REKAP = ("kode_unit", "nama", "nilai", "predikat", "arti", "peringkat", "kurang", "menuju", "nilai_menuju",
               "peningkatan")


def jawaban_unit(jawaban: pd.DataFrame, kode_unit: str, kolom: str = "jawaban_evaluator") -> dict[str, str | None]:
    """One unit's answers (sub-komponen code → letter, None where not answered) from a table
    shaped as :func:`kinerja.evaluasi.muat_lke` returns it; ``kolom`` chooses the evaluator's
    (default) or the unit's own (``jawaban_mandiri``).

    Examples
    --------
    >>> t = pd.DataFrame({"kode_unit": ["a", "a", "b"], "kode": ["1.a", "1.b", "1.a"],
    ...                   "jawaban_evaluator": ["BB", None, "A"], "jawaban_mandiri": ["A", "B", "A"]})
    >>> jawaban_unit(t, "a"), jawaban_unit(t, "a", "jawaban_mandiri")
    ({'1.a': 'BB', '1.b': None}, {'1.a': 'A', '1.b': 'B'})
    """
    rows = jawaban[jawaban["kode_unit"] == kode_unit] if len(jawaban) else jawaban
    if not len(rows) or kolom not in rows:
        return {}
    return {str(k): (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in zip(rows["kode"], rows[kolom])}


def hasil_lke(jawaban: pd.DataFrame, kode_unit: str, lke: ParameterLKE | None = None) -> HasilLKE:
    """The scores of one unit from the evaluator's answers (missing ones make it belum lengkap).

    Examples
    --------
    >>> lke = muat_lke()
    >>> t = pd.DataFrame({"kode_unit": "a", "kode": lke.subkomponen["kode"], "jawaban_evaluator": "B"})
    >>> h = hasil_lke(t, "a", lke)
    >>> h.nilai, h.predikat, hasil_lke(t.iloc[1:], "a", lke).kurang
    (Decimal('70.00'), 'B', ('1.a',))
    """
    return nilai_lke(jawaban_unit(jawaban, kode_unit), lke or muat_lke())


def rencana_naik(hasil: HasilLKE) -> Peningkatan | None:
    """The smallest improvement of a complete result to the next predikat, answers raised at
    most to the top of the suggestion bands (BB) unless only a higher one can reach it; None
    at the top predikat (or for answers belum lengkap).

    Examples
    --------
    >>> lke = muat_lke()
    >>> h = nilai_lke(dict(dict.fromkeys(lke.subkomponen["kode"], "B"), **{"1.c": "CC", "2.c": "CC", "4.c": "CC"}), lke)
    >>> h.nilai, rencana_naik(h).uraian()  # 1.c CC → A (+4,50) alone would do, but A is no plan
    (Decimal('65.75'), '1.c dari CC ke B (+1,50); 2.c dari CC ke BB (+3,00)')
    >>> rencana_naik(nilai_lke(dict.fromkeys(lke.subkomponen["kode"], "A"), lke)).predikat
    'AA'
    """
    if not hasil.lengkap:
        return None
    jawaban = dict(zip(hasil.subkomponen["kode"], hasil.subkomponen["jawaban"]))
    batas = hasil.lke.saran[-1][0]
    return peningkatan_predikat(jawaban, hasil.lke, tertinggi=batas) or peningkatan_predikat(jawaban, hasil.lke)


def _peringkat(nilai: list[Decimal | None]) -> list[int | None]:
    """Competition ranks by exact value, highest first (1, 2, 2, 4); None stays unranked."""
    ordered = sorted((v for v in nilai if v is not None), reverse=True)
    first = {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
    return [None if v is None else first[v] for v in nilai]


def _baris(kode: str, nama: str, hasil: HasilLKE) -> dict:
    """One unit's recap row; the plan to the next predikat when its answers are complete."""
    lke = hasil.lke
    row = {"kode_unit": kode, "nama": nama, "nilai": hasil.nilai, "predikat": hasil.predikat,
           "arti": lke.arti[hasil.predikat] if hasil.predikat else BELUM_LENGKAP, "peringkat": None,
           "kurang": ", ".join(hasil.kurang), "menuju": None, "nilai_menuju": None, "peningkatan": ""}
    if hasil.lengkap:
        plan = rencana_naik(hasil)
        if plan is None:
            row["peningkatan"] = "predikat sudah yang tertinggi"
        else:
            row.update(menuju=plan.predikat, nilai_menuju=plan.nilai, peningkatan=plan.uraian())
    else:
        row["peningkatan"] = f"{BELUM_LENGKAP}: {row['kurang']} belum dijawab evaluator"
    return row


def rekap_lke(jawaban: pd.DataFrame, units: pd.DataFrame, lke: ParameterLKE | None = None) -> pd.DataFrame:
    """The recap and ranking of the given units.

    Parameters
    ----------
    jawaban : pandas.DataFrame
        Answers shaped as :func:`kinerja.evaluasi.muat_lke` returns them (``kode_unit``,
        ``kode``, ``jawaban_evaluator``, …); units with no rows are belum lengkap.
    units : pandas.DataFrame
        The units to recap (``kode``, ``nama``), e.g. the perangkat daerah of the Daftar Unit.
    lke : ParameterLKE, optional
        The criteria and scale (default :func:`kinerja.core.lke_parameter.muat_lke`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KOLOM_REKAP`: ranked units first (by ``peringkat``, then name), then
        the belum lengkap ones by name with ``peringkat`` None. ``nilai`` and
        ``nilai_menuju`` are exact Decimals; ``menuju`` is the next predikat, ``peningkatan``
        the smallest set of improvements in words.

    Examples
    --------
    >>> lke = muat_lke()
    >>> kode = list(lke.subkomponen["kode"])
    >>> t = pd.DataFrame([{"kode_unit": u, "kode": k, "jawaban_evaluator": j}
    ...                   for u, j in (("a", "B"), ("b", "BB"), ("c", "B")) for k in kode])
    >>> t = t[~((t["kode_unit"] == "c") & (t["kode"] == "4.c"))]  # c: one answer missing
    >>> units = pd.DataFrame({"kode": ["a", "b", "c", "d"], "nama": ["A", "B", "C", "D"]})
    >>> r = rekap_lke(t, units, lke)
    >>> r[["kode_unit", "nilai", "predikat", "peringkat", "menuju"]].values.tolist()[:2]
    [['b', Decimal('80.00'), 'BB', 1, 'A'], ['a', Decimal('70.00'), 'B', 2, 'BB']]
    >>> r[["kode_unit", "peringkat", "kurang"]].values.tolist()[2:]
    [['c', None, '4.c'], ['d', None, '1.a, 1.b, 1.c, 2.a, 2.b, 2.c, 3.a, 3.b, 3.c, 4.a, 4.b, 4.c']]
    """
    lke = lke or muat_lke()
    rows = [_baris(str(k), str(n), hasil_lke(jawaban, str(k), lke)) for k, n in zip(units["kode"], units["nama"])]
    out = pd.DataFrame(rows, columns=list(KOLOM_REKAP), dtype=object)
    out["peringkat"] = pd.Series(_peringkat(list(out["nilai"])), index=out.index, dtype=object)
    ranked = out[out["peringkat"].notna()].sort_values(["peringkat", "nama"], key=_kunci)
    apart = out[out["peringkat"].isna()].sort_values("nama")
    return pd.concat([ranked, apart], ignore_index=True)


def _kunci(col: pd.Series) -> pd.Series:
    return col.astype(int) if col.name == "peringkat" else col.str.lower()


def muat_rekap_lke(store, tahun: int, kabupaten: str | None = None, lke: ParameterLKE | None = None) -> pd.DataFrame:
    """:func:`rekap_lke` of every perangkat daerah in the store's Daftar Unit (of one
    ``kabupaten`` in a store of several), from the LKE answers of ``tahun`` in the store."""
    from kinerja.core.wilayah import unit_kabupaten
    from kinerja.evaluasi import muat_lke as muat_jawaban

    units = unit_kabupaten(store.current("unit"), kabupaten)
    units = units[units["jenis"] == "perangkat_daerah"]
    jawaban = muat_jawaban(store, tahun)
    return rekap_lke(jawaban, units, lke)


def muat_rekomendasi_terbuka(store, tahun: int, tahun_lalu: int = 4) -> pd.DataFrame:
    """The recommendations still open at ``tahun``: those of ``tahun`` and of the
    ``tahun_lalu`` years before whose status is not ``ditindaklanjuti`` (shaped as
    :func:`kinerja.evaluasi.muat_rekomendasi` returns them, newest year first)."""
    from kinerja.evaluasi import muat_rekomendasi

    parts = [muat_rekomendasi(store, t) for t in range(tahun, tahun - tahun_lalu - 1, -1)]
    parts = [p for p in parts if len(p)]
    if not parts:
        return muat_rekomendasi(store, tahun)
    every = pd.concat(parts, ignore_index=True)
    return every[every["status"] != "ditindaklanjuti"].reset_index(drop=True)
