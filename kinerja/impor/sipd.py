"""Readers of SIPD-RI exports: realisasi belanja (one row per transaction) and the
anggaran/DPA (one row per sub kegiatan and rekening).

An export has one header row somewhere near the top (columns found by their header text,
in any order, among the ~45 an export has), a row-number first column (data rows hold a
digit there), money as Indonesian text (``1.234,56``) and dates as text (``5 Januari
2024``) or real dates. :func:`baca_sipd` sums the rows, vectorised, to pagu or realisasi per
sub kegiatan, kegiatan, program and SKPD and, for realisasi, per month of the document
date; :func:`muat_sipd` matches SKPD to the units of the store (by name, or the unit
given) and programs to the programs the store knows, lists what did not match, and loads
the rest as budget rows (``anggaran`` dokumen ``sipd-realisasi`` / ``sipd-anggaran``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.periode import EJAAN_BULAN
from kinerja.formulir.masalah import HasilMuat, Penampung, pendek
from kinerja.core.parsing import kode_indikator
from kinerja.core.parsing_kolom import parse_series
from kinerja.store.store import Store
from kinerja.impor.hasil import Bacaan, rapikan, rujukan
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.tampak import periksa_tampak

__all__ = ["KOLOM_SIPD", "baca_sipd", "cari_kepala_sipd", "muat_sipd"]

# Field -> header texts an export uses for it (normalised: lower case, single spaces).
KOLOM_SIPD: dict[str, tuple[str, ...]] = {
    "kode_skpd": ("kode skpd",), "nama_skpd": ("nama skpd",),
    "kode_program": ("kode program",), "nama_program": ("nama program", "program"),
    "kode_kegiatan": ("kode kegiatan",), "nama_kegiatan": ("nama kegiatan", "kegiatan"),
    "kode_subkegiatan": ("kode sub kegiatan", "kode subkegiatan"),
    "nama_subkegiatan": ("nama sub kegiatan", "nama subkegiatan", "sub kegiatan"),
    "kode_rekening": ("kode rekening", "kode akun"), "nama_rekening": ("nama rekening", "nama akun"),
    "tanggal": ("tanggal dokumen", "tgl dokumen", "tanggal sp2d", "tgl sp2d"),
    "nilai_realisasi": ("nilai realisasi", "realisasi"),
    "anggaran": ("anggaran", "nilai anggaran", "pagu", "nilai pagu", "total anggaran"),
    "sumber_dana": ("sumber dana",), "sp2d": ("nomor sp2d", "no sp2d", "no. sp2d"),
}
_WAJIB = {"sipd-realisasi": ("nama_skpd", "nama_program", "nama_subkegiatan", "tanggal", "nilai_realisasi"),
          "sipd-anggaran": ("nama_skpd", "nama_program", "nama_subkegiatan", "kode_rekening", "anggaran")}


def _norm(text: str) -> str:
    return " ".join(str(text).replace("_", " ").replace(".", ". ").split()).lower().replace(". ", ".").strip(" :")


def cari_kepala_sipd(grid: Grid, batas: int = 30) -> tuple[str, int, dict[str, int]] | None:
    """``(jenis, header row, {field: column})`` of a SIPD export in ``grid``, else None."""
    for r in range(1, min(grid.baris_maks, batas) + 1):
        heads = {_norm(grid.teks(r, c)): c for c in range(1, grid.kolom_maks + 1) if grid.teks(r, c)}
        cols = {}
        for name, words in KOLOM_SIPD.items():
            found = next((heads[w] for w in words if w in heads), None)
            if found is not None:
                cols[name] = found
        for jenis, need in _WAJIB.items():
            if all(n in cols for n in need):
                if jenis == "sipd-anggaran" and "nilai_realisasi" in cols:
                    continue
                return jenis, r, cols
    return None


def _bulan(values: pd.Series) -> pd.Series:
    """The month of each document date: real dates, ``5 Januari 2024``, ``05/01/2024``,
    ``2024-01-05``; NaN when unreadable (vectorised over the distinct texts)."""
    out = pd.Series(np.nan, index=values.index)
    real = values.map(lambda v: isinstance(v, (dt.date, dt.datetime)))
    out[real] = values[real].map(lambda v: v.month)
    text = values[~real].astype(str).str.strip().str.lower()
    named = text.str.extract(r"^\d{1,2}[\s\-]+([a-z]+)[\s\-]+(\d{4})")
    out[~real] = named[0].map(EJAAN_BULAN).astype("float64")
    iso = text.str.extract(r"^(\d{4})-(\d{1,2})-\d{1,2}")[1].astype("float64")
    dmy = text.str.extract(r"^\d{1,2}[/.](\d{1,2})[/.]\d{4}")[0].astype("float64")
    out[~real] = out[~real].fillna(iso).fillna(dmy)
    return out.where(out.between(1, 12))


def _teks(v: object) -> str:
    return "(kosong)" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


def _tahun(values: pd.Series) -> pd.Series:
    real = values.map(lambda v: v.year if isinstance(v, (dt.date, dt.datetime)) else np.nan)
    text = values.astype(str).str.extract(r"(?<!\d)((?:19|20)\d\d)(?!\d)")[0].astype("float64")
    return real.fillna(text)


def _tahun_judul(grid: Grid, head: int) -> int | None:
    """The year the export's title above its header row names ("... TAHUN ANGGARAN 2026"):
    the one after "tahun", else the only year there; None when there is none or several."""
    title = " ".join(grid.teks(r, c) for r in range(1, head) for c in range(1, grid.kolom_maks + 1)).lower()
    named = re.findall(r"tahun(?:\s+anggaran)?\s+((?:19|20)\d\d)\b", title)
    years = set(named) or set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", title))
    return int(years.pop()) if len(years) == 1 else None


def baca_sipd(grids: list[Grid], jenis: str, berkas: str, p: Penampung, tahun: int | None = None) -> Bacaan | None:
    """Read a SIPD export (``sipd-realisasi`` or ``sipd-anggaran``); see the module docstring."""
    found = next(((g, f) for g in grids if (f := cari_kepala_sipd(g)) is not None and f[0] == jenis), None)
    if found is None:
        need = ", ".join(KOLOM_SIPD[n][0] for n in _WAJIB[jenis])
        p.galat("I30", "", "", f"judul kolom ekspor SIPD tidak ditemukan: perlu kolom {need}")
        return None
    grid, (_, head, cols) = found
    rows = range(head + 1, grid.baris_maks + 1)
    frame = pd.DataFrame({name: [grid.mentah(r, c) for r in rows] for name, c in cols.items()})
    frame["_baris"] = list(rows)
    first = pd.Series([grid.teks(r, 1, gabung=False) for r in rows])
    frame = frame[first.str.fullmatch(r"\d+").to_numpy()].reset_index(drop=True)  # data rows number themselves
    if frame.empty:
        p.galat("I31", grid.lembar, sel(head + 1, 1), "tidak ada baris data (kolom pertama berisi nomor urut) di bawah "
                "judul kolom")
        return None
    periksa_tampak(grid, frame["_baris"].tolist(), cols.values(), p)
    money_col = "nilai_realisasi" if jenis == "sipd-realisasi" else "anggaran"
    frame = _rupiah(frame, grid, cols, money_col, p)
    if frame.empty:
        p.galat("I31", grid.lembar, sel(head + 1, cols[money_col]), "tidak ada baris dengan nilai Rupiah yang terbaca "
                "di bawah judul kolom")
        return None
    if jenis == "sipd-realisasi":
        frame, tahun = _bulan_transaksi(frame, grid, head, cols, tahun, p)
        if frame.empty:
            p.galat("I33", grid.lembar, sel(head + 1, cols["tanggal"]), "tidak ada transaksi dengan tanggal dokumen "
                    "yang terbaca (mis. 5 Januari 2025 atau 05/01/2025)")
            return None
        frame["periode"] = ["B%02d" % int(b) for b in frame["bulan"]]
    else:
        frame["periode"] = "tahun"
    _rapikan_teks(frame)
    table = _jumlah(frame, jenis, berkas, grid.lembar, cols[money_col])
    info = {"lembar": grid.lembar, "baris_kepala": head, "baris_data": int(len(frame)),
            "skpd": sorted(frame["nama_skpd"].dropna().unique().tolist()), "jumlah": float(frame["nilai"].sum())}
    return Bacaan(jenis, table, tahun, None, info)


def _rupiah(frame: pd.DataFrame, grid: Grid, cols: dict[str, int], money_col: str, p: Penampung) -> pd.DataFrame:
    """The rows whose ``money_col`` reads as Rupiah, its value in ``nilai``; the first rows that
    do not are counted and named (I32, :mod:`kinerja.impor.lewat`)."""
    parsed = parse_series(frame[money_col])
    money = parsed["nilai"].where(parsed["jenis"].isin(["angka", "rupiah"]))
    bad = np.flatnonzero(money.isna().to_numpy())  # a numbered row without a readable amount, blank included
    lewati_baris(p, "I32", grid.lembar, [
        (sel(int(frame["_baris"].iloc[i]), cols[money_col]),
         f"nilai \u201c{pendek(_teks(frame[money_col].iloc[i]), 30)}\u201d bukan angka Rupiah") for i in bad],
        "nilainya bukan angka Rupiah")
    frame["nilai"] = money
    return frame[frame["nilai"].notna()]


def _bulan_transaksi(frame: pd.DataFrame, grid: Grid, head: int, cols: dict[str, int], tahun: int | None,
                     p: Penampung) -> tuple[pd.DataFrame, int | None]:
    """The transactions with a readable document date, their month in ``bulan``, and the year
    (``tahun`` when given, else the title's, else the dates' own); the undated are counted and
    named (I33), and so are those dated in another year (I45; with no year given or in the
    title, dates of several years are ambiguous and all but the most common year's are named)."""
    frame["bulan"] = _bulan(frame["tanggal"])
    undated = np.flatnonzero(frame["bulan"].isna().to_numpy())
    lewati_baris(p, "I33", grid.lembar, [
        (sel(int(frame["_baris"].iloc[i]), cols["tanggal"]),
         f"tanggal \u201c{pendek(_teks(frame['tanggal'].iloc[i]), 30)}\u201d tidak terbaca") for i in undated],
        "tanggal dokumennya tidak terbaca (transaksinya tidak masuk bulan mana pun)")
    frame = frame[frame["bulan"].notna()]
    years = _tahun(frame["tanggal"])
    own = tahun if tahun is not None else _tahun_judul(grid, head)
    if own is None and years.nunique() > 1:
        tahun = int(years.mode().iloc[0])
        alasan = (f"tanggal dokumennya dari beberapa tahun ({', '.join(str(int(y)) for y in sorted(years.dropna().unique()))}) "
                  "padahal judul berkas tidak menyebut tahun anggaran: sebutkan dengan --tahun")
    else:
        tahun = own if own is not None else (int(years.iloc[0]) if not years.empty else None)
        alasan = f"tanggal dokumennya di luar tahun anggaran berkas ({tahun})"
    other = np.flatnonzero((years != tahun).to_numpy()) if tahun is not None else []
    lewati_baris(p, "I45", grid.lembar, [
        (sel(int(frame["_baris"].iloc[i]), cols["tanggal"]),
         f"tanggal \u201c{pendek(_teks(frame['tanggal'].iloc[i]), 30)}\u201d bukan tahun {tahun}") for i in other],
        alasan)
    return frame[(years == tahun).to_numpy()] if tahun is not None else frame, tahun


# The names and codes the sums are grouped by, from the SKPD down to the sub kegiatan.
_TEKS = ["kode_skpd", "nama_skpd", "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan",
         "kode_subkegiatan", "nama_subkegiatan"]


def _rapikan_teks(frame: pd.DataFrame) -> None:
    """Every name and code column present (blank where the export has none), with single
    spaces and blank for empty text, in place."""
    for name in ("kode_skpd", "kode_program", "kode_kegiatan", "kode_subkegiatan", "nama_kegiatan"):
        if name not in frame:
            frame[name] = None
    for c in _TEKS:
        frame[c] = frame[c].map(lambda v: " ".join(str(v).split()) if v is not None and str(v).strip() else None)


def _jumlah(frame: pd.DataFrame, jenis: str, berkas: str, lembar: str, kolom: int) -> pd.DataFrame:
    """The long table: pagu or realisasi summed per sub kegiatan, kegiatan, program and SKPD
    and period, with how many transactions or rekening each sum holds and the cells (of
    column ``kolom``) it sums."""
    value_col = "realisasi_anggaran" if jenis == "sipd-realisasi" else "pagu"
    levels = [("subkegiatan", _TEKS, "nama_subkegiatan"), ("kegiatan", _TEKS[:6], "nama_kegiatan"),
              ("program", _TEKS[:4], "nama_program"), ("skpd", _TEKS[:2], "nama_skpd")]
    out = []
    for tingkat, keys, name_col in levels:
        sums = (frame.groupby([*keys, "periode"], dropna=False, sort=False)
                .agg(nilai=("nilai", "sum"), baris=("_baris", "min"), n=("nilai", "size"),
                     sel=("_baris", lambda rows: rujukan(lembar, [(int(r), kolom) for r in rows])))
                .reset_index())
        sums = sums.reindex(columns=[*_TEKS, "periode", "nilai", "baris", "n", "sel"])  # coarser levels: blank
        out.append(pd.DataFrame({
            "berkas": berkas, "lembar": lembar, "baris": sums["baris"], "tingkat": tingkat,
            "nama": sums[name_col], "induk": sums["nama_skpd"], "program": sums["nama_program"],
            "kegiatan": sums.get("nama_kegiatan"), "periode": sums["periode"], value_col: sums["nilai"],
            "kode_unit": sums["kode_skpd"], "kode_program": sums["kode_program"],
            "kode_kegiatan": sums.get("kode_kegiatan"), "kode_subkegiatan": sums.get("kode_subkegiatan"),
            "catatan": sums["n"].map(lambda n: f"{n} {'transaksi' if jenis == 'sipd-realisasi' else 'rekening'}"),
            f"sel_{value_col}": sums["sel"]}))
    return rapikan(pd.concat(out, ignore_index=True).to_dict("records"))


def muat_sipd(bacaan: Bacaan, path: Path, raw: bytes, store: Store, arsip, p: Penampung,
              diterima: dt.datetime | None = None, unit: str | None = None) -> HasilMuat:
    """Match SKPD and programs to the store and load the sub kegiatan rows (see the module
    docstring). What did not match is listed as warnings and not loaded."""
    from kinerja.formulir.kiriman import simpan_kiriman, sudah_dimuat

    hasil = HasilMuat(berkas=path.name, status="ditolak", formulir=bacaan.jenis.upper(), tahun=bacaan.tahun)
    sha, existing = sudah_dimuat(hasil, raw, store)
    if existing is not None:
        return hasil
    if bacaan.tahun is None:
        p.galat("I11", "", "", "tahun anggaran tidak terbaca dari tanggal; sebutkan dengan --tahun")
        return hasil
    units = store.current("unit")
    by_name = dict(zip(units["nama"].map(kode_indikator), units["kode"]))
    # Sub kegiatan rows, and the program sums the documents' budget tables read (kegiatan blank).
    rows = bacaan.tabel[bacaan.tabel["tingkat"].isin(["subkegiatan", "program"])].copy()
    rows.loc[rows["tingkat"] == "program", "kegiatan"] = None
    rows["unit_kode"] = unit if unit else rows["induk"].map(lambda n: by_name.get(kode_indikator(n)) if n else None)
    missing = sorted(rows.loc[rows["unit_kode"].isna(), "induk"].dropna().unique())
    for name in missing:
        p.peringatan("I34", bacaan.info.get("lembar", ""), "", f"SKPD \u201c{pendek(name, 60)}\u201d tidak cocok dengan "
                     "nama unit mana pun di Daftar Unit; barisnya tidak dimuat (samakan namanya atau pakai --unit)")
    rows = rows[rows["unit_kode"].notna()]
    if rows.empty:
        p.galat("I35", "", "", "tidak ada SKPD yang cocok dengan Daftar Unit; tidak ada yang dimuat")
        return hasil
    known = store.current("anggaran")
    known_programs = set(known["program"].dropna().map(kode_indikator)) if not known.empty else set()
    unknown = sorted({n for n in rows["program"].dropna() if kode_indikator(n) not in known_programs})
    for name in unknown[:50]:
        p.peringatan("I36", bacaan.info.get("lembar", ""), "", f"program \u201c{pendek(name, 70)}\u201d tidak ada di "
                     "RKT/PK/RAAPK basis data; dimuat, tetapi tidak tertaut ke indikator mana pun")
    jenis = "realisasi" if bacaan.jenis == "sipd-realisasi" else "pagu"
    value = rows["realisasi_anggaran"] if jenis == "realisasi" else rows["pagu"]
    month = rows["periode"].str.extract(r"^B(\d\d)$")[0].astype("float64")
    anggaran = pd.DataFrame({"unit_kode": rows["unit_kode"], "dokumen": bacaan.jenis, "tahun": bacaan.tahun,
                             "program": rows["program"].fillna("-"), "kegiatan": rows["kegiatan"],
                             "sub_kegiatan": rows["nama"].where(rows["tingkat"] == "subkegiatan"), "bulan": month,
                             "jenis": jenis, "nilai": value,
                             "keterangan": rows["kode_subkegiatan"]})
    only = anggaran["unit_kode"].unique()
    one = str(only[0]) if len(only) == 1 else None
    tingkat = "perangkat_daerah" if one else "kabupaten"
    ident = {"unit": one, "tahun": bacaan.tahun, "bulan": None}
    hasil.unit = one or ""
    return simpan_kiriman(hasil, path, raw, sha, store, arsip, diterima, bacaan.jenis.upper(), tingkat, ident,
                          {"anggaran": anggaran}, len(p.daftar))
