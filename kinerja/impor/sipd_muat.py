"""A budget export into the store: its SKPD matched to the units of the Daftar Unit, its sums per
sub kegiatan and program loaded as budget rows (``anggaran``, dokumen ``sipd-realisasi`` /
``sipd-anggaran``), pagu murni and pagu perubahan as two rows of their own stage (``tahap``).

An SKPD is the unit whose code is the SKPD's code, else the unit whose name is the SKPD's name
(case and spacing aside, the code written before it left out). An SKPD that matches none is
named with the sums that are therefore not loaded (I34); ``--unit`` enters a one-SKPD file under
the unit given, and is refused for a file of several SKPD (I70), whose rows would otherwise be
summed under one unit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kinerja.core.formatting import format_rupiah
from kinerja.core.parsing import kode_indikator
from kinerja.formulir.masalah import HasilMuat, Penampung, pendek
from kinerja.impor.hasil import Bacaan

if TYPE_CHECKING:  # (SQLAlchemy only to load: `impor --periksa` reads without it)
    from kinerja.store.store import Store

__all__ = ["muat_sipd", "rp_pesan"]

# Long-table column -> (store jenis, the stage its pagu belongs to when the file says nothing).
_NILAI = {"realisasi_anggaran": ("realisasi", None), "pagu": ("pagu", None), "pagu_perubahan": ("pagu", "perubahan")}


def rp_pesan(x: float) -> str:
    """Rupiah for a message: with sen only where the amount has them."""
    return format_rupiah(x, 0 if round(float(x), 2).is_integer() else 2)


def _unit_skpd(rows: pd.DataFrame, units: pd.DataFrame, unit: str | None) -> pd.Series:
    """Each row's unit: the one given, else the unit of the SKPD's code, else of its name."""
    if unit:
        return pd.Series(unit, index=rows.index, dtype="object")
    by_code = dict(zip(units["kode"].astype(str), units["kode"]))
    by_name = dict(zip(units["nama"].map(kode_indikator), units["kode"]))
    code = rows["kode_unit"].map(lambda k: by_code.get(str(k)) if isinstance(k, str) else None)
    name = rows["induk"].map(lambda n: by_name.get(kode_indikator(n)) if isinstance(n, str) else None)
    return code.where(code.notna(), name)


def _sebut_skpd(rows: pd.DataFrame, lembar: str, p: Penampung) -> None:
    """I34: every SKPD that matches no unit, with the sums of its that are not loaded."""
    lost = rows[rows["unit_kode"].isna() & (rows["tingkat"] == "program")]
    for name, part in lost.groupby("induk", sort=True, dropna=False):
        sums = [f"{label} {rp_pesan(part[col].sum())}" for col, label in
                (("pagu", "pagu"), ("pagu_perubahan", "pagu perubahan"), ("realisasi_anggaran", "realisasi"))
                if part[col].notna().any()]
        code = part["kode_unit"].dropna()
        shown = f"{code.iloc[0]} {name}" if not code.empty else name
        p.peringatan("I34", lembar, "", f"SKPD \u201c{pendek(str(shown), 70)}\u201d tidak cocok dengan kode maupun "
                     f"nama unit mana pun di Daftar Unit; {', '.join(sums)} tidak dimuat (samakan namanya di Daftar "
                     "Unit, atau untuk berkas satu SKPD pakai --unit)")
    if not lost.empty:
        n_all, n_lost = rows["induk"].nunique(), lost["induk"].nunique()
        p.peringatan("I34", lembar, "", f"{n_all - n_lost} dari {n_all} SKPD berkas ini dimuat; {n_lost} SKPD di atas "
                     "tidak dimuat, sehingga jumlah basis data lebih kecil daripada jumlah berkas")


def _baris_anggaran(rows: pd.DataFrame, bacaan: Bacaan) -> pd.DataFrame:
    """The store's budget rows: one per sub kegiatan or program, value and stage."""
    tahap = bacaan.info.get("tahap", {})
    month = rows["periode"].str.extract(r"^B(\d\d)$")[0].astype("float64")
    out = []
    for col, (jenis, stage) in _NILAI.items():
        if col not in rows or rows[col].isna().all():
            continue
        have = rows[col].notna()
        part = rows[have]
        out.append(pd.DataFrame({
            "unit_kode": part["unit_kode"], "dokumen": bacaan.jenis, "tahun": bacaan.tahun,
            "program": part["program"].fillna("-"), "kegiatan": part["kegiatan"],
            "sub_kegiatan": part["nama"].where(part["tingkat"] == "subkegiatan"), "bulan": month[have],
            "jenis": jenis, "tahap": tahap.get(col, stage), "nilai": part[col].astype("float64"),
            "keterangan": part["kode_subkegiatan"], "sel": part.get(f"sel_{col}")}))
    return pd.concat(out, ignore_index=True)


def muat_sipd(bacaan: Bacaan, path: Path, raw: bytes, store: Store, arsip, p: Penampung,
              diterima: dt.datetime | None = None, unit: str | None = None) -> HasilMuat:
    """Match SKPD and programs to the store and load the sub kegiatan and program rows (see
    the module docstring)."""
    from kinerja.formulir.kiriman import simpan_kiriman, sudah_dimuat

    hasil = HasilMuat(berkas=path.name, status="ditolak", formulir=bacaan.jenis.upper(), tahun=bacaan.tahun)
    sha, existing = sudah_dimuat(hasil, raw, store)
    if existing is not None:
        return hasil
    if bacaan.tahun is None:
        p.galat("I11", "", "", "tahun anggaran tidak terbaca dari judul atau tanggal berkas; sebutkan dengan --tahun")
        return hasil
    lembar = bacaan.info.get("lembar", "")
    skpd = bacaan.tabel.loc[bacaan.tabel["tingkat"] == "skpd", "nama"].dropna().unique()
    if unit and len(skpd) > 1:
        p.galat("I70", lembar, "", f"berkas memuat {len(skpd)} SKPD ({pendek(', '.join(map(str, skpd[:3])), 90)} …); "
                "--unit hanya untuk berkas satu SKPD: tanpa --unit setiap SKPD dimuat ke unit yang nama atau kodenya "
                "sama di Daftar Unit")
        return hasil
    # Sub kegiatan rows, and the program sums the documents' budget tables read (kegiatan blank).
    rows = bacaan.tabel[bacaan.tabel["tingkat"].isin(["subkegiatan", "program"])].copy()
    rows.loc[rows["tingkat"] == "program", "kegiatan"] = None
    rows["unit_kode"] = _unit_skpd(rows, store.current("unit"), unit)
    _sebut_skpd(rows, lembar, p)
    rows = rows[rows["unit_kode"].notna()]
    if rows.empty:
        p.galat("I35", "", "", "tidak ada SKPD yang cocok dengan Daftar Unit; tidak ada yang dimuat")
        return hasil
    known = store.current("anggaran")
    known_programs = set(known["program"].dropna().map(kode_indikator)) if not known.empty else set()
    unknown = sorted({n for n in rows["program"].dropna() if kode_indikator(n) not in known_programs})
    for name in unknown[:50]:
        p.peringatan("I36", lembar, "", f"program \u201c{pendek(name, 70)}\u201d tidak ada di RKT/PK/RAAPK basis data; "
                     "dimuat, tetapi tidak tertaut ke indikator mana pun")
    anggaran = _baris_anggaran(rows, bacaan)
    only = anggaran["unit_kode"].unique()
    one = str(only[0]) if len(only) == 1 else None
    tingkat = "perangkat_daerah" if one else "kabupaten"
    ident = {"unit": one, "tahun": bacaan.tahun, "bulan": None}
    hasil.unit = one or ""
    return simpan_kiriman(hasil, path, raw, sha, store, arsip, diterima, bacaan.jenis.upper(), tingkat, ident,
                          {"anggaran": anggaran}, len(p.daftar))
