"""A unit's LKE workbook issued (again) from the store: the answers and marks of its latest
revision, kinerja's suggested answer per sub-komponen from the kriteria the unit marked met
(:func:`kinerja.core.lke_saran.saran`), the evidence kinerja holds
(:func:`kinerja.evaluasi.lke_bukti.bukti_lke`) beside the unit's own, last year's
recommendations under 4.c for follow-up, and this year's recommendations so far. Also the
suggestion table of ``kinerja lke saran`` (:func:`saran_lke`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.lke_saran import saran
from kinerja.evaluasi.lke_bukti import bukti_lke
from kinerja.evaluasi.lke_muat import muat_kriteria, muat_lke, muat_rekomendasi
from kinerja.formulir.lke import tulis_lke
from kinerja.formulir.tata_letak import TINGKAT
from kinerja.formulir.validasi.lke import kode_tindak_lanjut, parameter_lke
from kinerja.store.store import Store

__all__ = ["saran_lke", "templat_lke"]


def _unit(store: Store, unit: str) -> str:
    """The unit's name; a unit that is no perangkat daerah is refused."""
    units = store.current("unit")
    row = units[units["kode"] == unit] if not units.empty else units
    if row.empty:
        raise KinerjaError(f"unit {unit!r} tidak ada di Daftar Unit basis data ini; muat Daftar Unit lebih dahulu atau "
                           "periksa ejaannya")
    if row.iloc[0]["jenis"] != "perangkat_daerah":
        raise KinerjaError(f"unit {unit!r} adalah {TINGKAT[row.iloc[0]['jenis']]}; LKE diisi per perangkat daerah "
                           "(nilai kabupaten diberikan kementerian)")
    return str(row.iloc[0]["nama"])


def _ya(value: object) -> str | None:
    return None if value is None else ("Ya" if value else "Tidak")


def saran_lke(store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """The suggested answer of every sub-komponen from the kriteria each party marked met.

    Parameters
    ----------
    store : Store
    unit : str
        The perangkat daerah.
    tahun : int
        The year evaluated.

    Returns
    -------
    pandas.DataFrame
        One row per sub-komponen: ``kode``, ``nama``, ``kriteria`` (how many),
        ``ditandai_mandiri`` and ``terpenuhi_mandiri`` (how many the unit marked, and marked
        met), ``saran_mandiri`` (None when the unit marked none), the same three for the
        evaluator, and ``jawaban_mandiri``, ``jawaban_evaluator`` (as answered).

    Examples
    --------
    >>> saran_lke(Store("sqlite://"), "dinkes", 2026)
    Traceback (most recent call last):
    ...
    kinerja.core.errors.KinerjaError: unit 'dinkes' tidak ada di Daftar Unit basis data ini; muat Daftar Unit lebih dahulu atau periksa ejaannya
    """
    _unit(store, unit)
    lke = parameter_lke()
    marks = muat_kriteria(store, tahun, unit).set_index("kode")
    answers = muat_lke(store, tahun, unit).set_index("kode")
    rows = []
    for sub in lke.subkomponen.itertuples(index=False):
        codes = list(lke.kriteria.loc[lke.kriteria["subkomponen"] == sub.kode, "kode"])
        row = {"kode": sub.kode, "nama": sub.nama, "kriteria": len(codes)}
        for pihak in ("mandiri", "evaluator"):
            given = [marks.at[c, f"terpenuhi_{pihak}"] for c in codes if c in marks.index]
            given = [g for g in given if g is not None]
            met = sum(bool(g) for g in given)
            row |= {f"ditandai_{pihak}": len(given), f"terpenuhi_{pihak}": met,
                    f"saran_{pihak}": saran(met, len(codes), lke) if given else None}
        for pihak in ("mandiri", "evaluator"):
            row[f"jawaban_{pihak}"] = answers.at[sub.kode, f"jawaban_{pihak}"] if sub.kode in answers.index else None
        rows.append(row)
    return pd.DataFrame(rows, dtype=object)


def _isian(store: Store, unit: str, tahun: int, tabel_saran: pd.DataFrame) -> dict[str, dict]:
    """Kode → the values the re-issued workbook shows: marks, answers, catatan, saran, bukti."""
    isian: dict[str, dict] = {}
    for r in muat_kriteria(store, tahun, unit).itertuples(index=False):
        isian[r.kode] = {"terpenuhi_mandiri": _ya(r.terpenuhi_mandiri), "terpenuhi_evaluator": _ya(r.terpenuhi_evaluator),
                         "catatan": r.catatan, "bukti": r.bukti}
    for r in muat_lke(store, tahun, unit).itertuples(index=False):
        isian[r.kode] = {"jawaban_mandiri": r.jawaban_mandiri, "jawaban_evaluator": r.jawaban_evaluator,
                         "catatan": r.catatan, "bukti": r.bukti}
    for r in tabel_saran.itertuples(index=False):
        isian.setdefault(r.kode, {})["saran"] = r.saran_mandiri
    for kode, teks in bukti_lke(store, unit, tahun).items():
        row = isian.setdefault(kode, {})
        own = [line for line in (row.get("bukti") or "").split("\n") if line and "[sumber:" not in line]
        row["bukti"] = "\n".join([*own, teks])  # kinerja's evidence as of today replaces what it wrote before
    return isian


def templat_lke(store: Store, unit: str, tahun: int, path: str | os.PathLike) -> Path:
    """Write ``unit``'s LKE workbook of ``tahun``, filled with what the store holds so far.

    Parameters
    ----------
    store : Store
    unit : str
        The perangkat daerah (a unit of the Daftar Unit).
    tahun : int
        The year evaluated.
    path : str or path-like
        The .xlsx to write.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    KinerjaError
        The unit is unknown or no perangkat daerah.

    Examples
    --------
    >>> import tempfile
    >>> templat_lke(Store("sqlite://"), "dinkes", 2026, Path(tempfile.mkdtemp()) / "lke.xlsx")
    Traceback (most recent call last):
    ...
    kinerja.core.errors.KinerjaError: unit 'dinkes' tidak ada di Daftar Unit basis data ini; muat Daftar Unit lebih dahulu atau periksa ejaannya
    """
    nama = _unit(store, unit)
    isian = _isian(store, unit, tahun, saran_lke(store, unit, tahun))
    lalu = muat_rekomendasi(store, tahun - 1, unit)
    tindak = [{"kode": kode_tindak_lanjut(r.tahun, r.komponen, r.nomor),
               "uraian": f"Tindak lanjut rekomendasi {r.tahun} komponen {r.komponen} nomor {r.nomor}: {r.teks}"}
              for r in lalu.itertuples(index=False)]
    rekomendasi = [{"komponen": r.komponen, "nomor": r.nomor, "teks": r.teks}
                   for r in muat_rekomendasi(store, tahun, unit).itertuples(index=False)]
    return tulis_lke(path, unit=unit, tahun=tahun, subjudul=nama, isian=isian, tindak_lanjut=tindak,
                     rekomendasi=rekomendasi, lke=parameter_lke())
