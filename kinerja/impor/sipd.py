"""Readers of budget exports: SIPD-RI realisasi belanja (one row per transaction), and the
anggaran/DPA of SIPD-RI or of the e-budgeting systems before it (one row per sub kegiatan and
rekening, pagu murni and, for an APBD-Perubahan, pagu perubahan).

An export has one header row somewhere near the top (columns found by their header text, in
any order, among the ~45 an export has: :mod:`kinerja.impor.sipd_kepala`), and money as numbers
or Indonesian text (``1.234,56``). Its data rows are those holding a row number in the first
column when that column is titled "No", else every row that names its SKPD, program, sub
kegiatan (and rekening); a row naming only some of them is a total row when it says "Jumlah" or
"Total" (its amount checked against the rows', I71), else an error (I68). :func:`baca_sipd`
sums the rows, exactly to the sen, to pagu or realisasi per sub kegiatan, kegiatan, program and
SKPD (:mod:`kinerja.impor.sipd_jumlah`) and, for realisasi, per month of the document date
(:mod:`kinerja.impor.sipd_tanggal`); :func:`muat_sipd` (:mod:`kinerja.impor.sipd_muat`) loads
them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.core.anggaran import sen
from kinerja.core.parsing_kolom import parse_series
from kinerja.formulir.masalah import Penampung, pendek, sebut_terbatas
from kinerja.impor.hasil import Bacaan
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.sipd_jumlah import (TEKS, ada_nilai, per_nilai, periksa_kode, periksa_subtotal, pisah_kode,
                                       subtotal, tabel_jumlah)
from kinerja.impor.sipd_kepala import KOLOM_SIPD, cari_kepala_sipd, judul_baku, pengali_kolom, periksa_kepala, syarat
from kinerja.impor.sipd_muat import muat_sipd, rp_pesan
from kinerja.impor.sipd_tanggal import bulan_transaksi, tahun_judul, teks_sel
from kinerja.impor.tampak import periksa_tampak

__all__ = ["KOLOM_SIPD", "baca_sipd", "cari_kepala_sipd", "muat_sipd"]

# The money columns each kind reads: header field -> long-table column.
_UANG = {"sipd-realisasi": {"nilai_realisasi": "realisasi_anggaran"},
         "sipd-anggaran": {"anggaran": "pagu", "anggaran_perubahan": "pagu_perubahan"}}
_NOMOR = ("no", "no.", "nomor", "no urut", "no. urut")
_JUMLAH_RE = r"\b(?:jumlah|total|subtotal)\b"
# What a data row must name, per kind (a tuple: one of these).
_ISI = {"sipd-realisasi": ("nama_skpd", "nama_program", "nama_subkegiatan"),
        "sipd-anggaran": ("nama_skpd", "nama_program", "nama_subkegiatan", ("nama_rekening", "kode_rekening"))}
_ARTI = {"nama_skpd": "SKPD", "nama_program": "program", "nama_subkegiatan": "sub kegiatan",
         "nama_rekening": "rekening", "kode_rekening": "rekening"}


# long: one reader's steps in the order a file is checked; each step is a named function
def baca_sipd(grids: list[Grid], jenis: str, berkas: str, p: Penampung, tahun: int | None = None) -> Bacaan | None:
    """Read a SIPD or e-budgeting export (``sipd-realisasi`` or ``sipd-anggaran``); see the module docstring."""
    found = next(((g, f) for g in grids if (f := cari_kepala_sipd(g)) is not None and f[0] == jenis), None)
    if found is None:
        p.galat("I30", "", "", f"judul kolom ekspor SIPD tidak ditemukan: perlu kolom {syarat(jenis)}")
        return None
    grid, (_, head, cols) = found
    if not periksa_kepala(grid, head, jenis, p):
        return None
    frame, total = _baris_data(grid, head, cols, jenis, p)
    if frame is None:
        return None
    dilewati = _dilewati(grid, head, frame, total)
    periksa_tampak(grid, frame["_baris"].tolist(), cols.values(), p)
    layout = "ekspor realisasi SIPD" if jenis == "sipd-realisasi" else "ekspor anggaran SIPD/e-budgeting"
    nilai, info = {}, {"lembar": grid.lembar, "baris_kepala": head, "baris_judul": head, "tahap": {},
                       "tata_letak": layout, "dilewati": dilewati, "periode_dari": "--tahun" if tahun is not None else None}
    for field, value in _UANG[jenis].items():
        if field in cols:
            frame, pengali = _rupiah(frame, grid, head, cols, field, jenis, p)
            nilai[value] = (f"_sen_{field}", cols[field])
            info.setdefault("pengali", pengali)
            info.setdefault("satuan_rupiah", pengali_kolom(grid, head, cols[field])[1])
            info["tahap"][value] = _tahap(grid.teks(head, cols[field]), field, cols)
    if frame.empty:
        p.galat("I31", grid.lembar, sel(head + 1, 1), "tidak ada baris dengan nilai Rupiah yang terbaca di bawah judul "
                "kolom")
        return None
    if jenis == "sipd-realisasi":
        frame, tahun = bulan_transaksi(frame, grid, head, cols, tahun, p)
        info["periode_dari"] = ((info["periode_dari"] or ("judul ekspor" if tahun_judul(grid, head) == tahun
                                                          else "tanggal dokumen"))
                                + "; bulan dari tanggal dokumen tiap transaksi")
        if frame.empty:
            p.galat("I33", grid.lembar, sel(head + 1, cols["tanggal"]), "tidak ada transaksi dengan tanggal dokumen "
                    "yang terbaca (mis. 5 Januari 2025 atau 05/01/2025)")
            return None
        frame["periode"] = ["B%02d" % int(b) for b in frame["bulan"]]
    else:
        frame["periode"] = "tahun"
        if tahun is None and (tahun := tahun_judul(grid, head)) is not None:
            info["periode_dari"] = "judul ekspor"
    _rapikan_teks(frame)
    pisah_kode(frame)
    sub = total[subtotal(total, "nama_rekening" if "nama_rekening" in cols else "kode_rekening")].copy() \
        if jenis == "sipd-anggaran" else total.iloc[0:0]
    _rapikan_teks(sub)
    pisah_kode(sub)  # named as the data rows are
    if not periksa_subtotal(frame, sub, grid.lembar, nilai, _sen_tertulis(grid, head), p) or \
            not _periksa_total(frame, total.drop(sub.index), grid, head, nilai, p) or \
            not periksa_kode(frame, grid.lembar, cols, p):
        return None
    table = tabel_jumlah(frame, jenis, berkas, grid.lembar, nilai, rekening=jenis == "sipd-anggaran")
    for value, (sen_col, _) in nilai.items():
        info[f"jumlah_{value}"] = int(frame[sen_col].sum()) / 100
    info.update({"baris_data": int(len(frame)), "skpd": sorted(frame["nama_skpd"].dropna().unique().tolist()),
                 "jumlah": next(iter(info[f"jumlah_{v}"] for v in nilai))})
    return Bacaan(jenis, table, tahun, None, info)


def _dilewati(grid: Grid, head: int, frame: pd.DataFrame, total: pd.DataFrame) -> list[tuple[int, str]]:
    """The rows under the header not read as data, with why (for ``impor --periksa``)."""
    data, sums = set(frame["_baris"].tolist()), set(total["_baris"].tolist())
    out = []
    for r in (r for r in range(head + 1, grid.baris_maks + 1) if r not in data):  # the few rows not read only
        filled = any(grid.teks(r, c, gabung=False) for c in range(1, grid.kolom_maks + 1))
        out.append((r, "baris jumlah" if r in sums else
                    "tanpa nomor urut atau tingkatnya (judul, jumlah atau catatan)" if filled else "kosong"))
    return out


def _tahap(header: str, field: str, cols: dict[str, int]) -> str | None:
    """The APBD stage a pagu column holds: perubahan for its own column; murni when the header
    says so or the file also has a perubahan column; else not said (None)."""
    if field == "anggaran_perubahan":
        return "perubahan"
    text = judul_baku(header)
    return "murni" if "anggaran_perubahan" in cols or "murni" in text or "sebelum" in text else None


def _bernomor(grid: Grid, head: int) -> bool:
    return judul_baku(grid.teks(head, 1)) in _NOMOR


def _baris_data(grid: Grid, head: int, cols: dict[str, int], jenis: str,
                p: Penampung) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The data rows under the header (see the module docstring) and the total rows."""
    rows = range(head + 1, grid.baris_maks + 1)
    frame = pd.DataFrame({name: grid.kolom(c, rows) for name, c in cols.items()}, dtype=object)  # (no inference)
    frame["_baris"] = list(rows)
    total = frame.iloc[0:0]
    if _bernomor(grid, head) or jenis == "sipd-realisasi":
        frame = frame[_nomor_urut(grid.kolom(1, rows))].reset_index(drop=True)  # data rows number themselves
        where = "kolom pertama berisi nomor urut"
    else:
        frame, total = _tanpa_nomor(frame, grid, cols, jenis, p)
        where = f"baris yang menyebut {', '.join(_ARTI[n if isinstance(n, str) else n[0]] for n in _ISI[jenis])}"
        if frame is None:
            return None, None
    if frame.empty:
        p.galat("I31", grid.lembar, sel(head + 1, 1), f"tidak ada baris data ({where}) di bawah judul kolom")
        return None, None
    return frame, total


_DIGIT = re.compile(r"\d+").fullmatch


def _nomor_urut(values: list) -> np.ndarray:
    """Which cells hold a row number: whose text (:meth:`Grid.teks`) is digits only, without a
    call per cell (a whole number stored as a number counts, as its text has no point).

    Examples
    --------
    >>> _nomor_urut([1.0, " 12 ", "1 2", 1.5, -1.0, None, True, 7, "No"]).tolist()
    [True, True, False, False, False, False, False, True, False]
    """
    return np.array([(type(v) is float and v.is_integer() and v >= 0) or (type(v) is int and v >= 0)
                     or (type(v) is str and _DIGIT(v.strip()) is not None) for v in values], dtype=bool)


def _isi(values: pd.Series) -> pd.Series:
    return pd.Series(ada_nilai(values), index=values.index)


def _tanpa_nomor(frame: pd.DataFrame, grid: Grid, cols: dict[str, int], jenis: str,
                 p: Penampung) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """Rows of an export without a row-number column: data rows name every level; a row that
    names only some and says "Jumlah"/"Total" is a total row; any other is named (I68)."""
    filled = pd.concat([_isi(frame[c]) for c in cols], axis=1).any(axis=1)
    frame = frame[filled]
    need = [n if isinstance(n, str) else next((m for m in n if m in cols), n[0]) for n in _ISI[jenis]]
    named = pd.concat([_isi(frame[n]) if n in frame else pd.Series(False, index=frame.index) for n in need], axis=1)
    whole = named.all(axis=1)
    label = pd.Series([" ".join(grid.teks(int(r), c) for c in range(1, grid.kolom_maks + 1)).lower().strip()
                       for r in frame.loc[~whole, "_baris"]], index=frame.index[~whole], dtype="object")
    is_total = label.str.contains(_JUMLAH_RE, regex=True) if not label.empty else label
    part = frame.loc[~whole]
    is_total = is_total.reindex(part.index, fill_value=False).astype(bool)
    is_total |= subtotal(part, need[-1] if jenis == "sipd-anggaran" else None)  # a subtotal: checked like a total
    bad = part[~is_total]
    missing = [need[int(np.argmin(ok))] for ok in named.loc[bad.index].to_numpy()]
    lewati_baris(p, "I68", grid.lembar, [
        (sel(int(r), cols.get(n, 1)), f"baris {int(r)} tidak menyebut {_ARTI[n]} (kolomnya kosong)")
        for r, n in zip(bad["_baris"], missing)],
        "barisnya tidak menyebut SKPD, program, sub kegiatan atau rekening dan bukan baris jumlah")
    total = part.loc[is_total]
    return (None if not bad.empty else frame[whole].reset_index(drop=True)), total


def _rupiah(frame: pd.DataFrame, grid: Grid, head: int, cols: dict[str, int], field: str, jenis: str,
            p: Penampung) -> tuple[pd.DataFrame, int]:
    """``field`` in whole sen (``_sen_<field>``, × the column's Rupiah multiplier). A text that is
    not Rupiah, or an amount finer than a sen, is named and refuses the file (I32); a blank
    amount is an error in a realisasi export and, in an anggaran export, named (I67) and left
    blank: not 0, and not in any sum."""
    col = cols[field]
    pengali, _ = pengali_kolom(grid, head, col)
    money, blank = _uang(frame[field])
    whole, fine = sen(money.to_numpy(), pengali)
    unread = money.isna().to_numpy() & (~blank if jenis == "sipd-anggaran" else True)
    bad = np.flatnonzero(unread | fine)
    lewati_baris(p, "I32", grid.lembar, [
        (sel(int(frame["_baris"].iloc[i]), col), f"nilai \u201c{pendek(teks_sel(frame[field].iloc[i]), 30)}\u201d "
         + ("memuat pecahan sen" if fine[i] else "bukan angka Rupiah")) for i in bad],
        "nilainya bukan angka Rupiah")
    if jenis == "sipd-anggaran":
        title = grid.teks(head, col)
        sebut_terbatas(p, "I67", grid.lembar, [
            (sel(int(r), col), f"{pendek(title, 30)} kosong (tertulis \u201c{pendek(teks_sel(v), 12)}\u201d): nilainya "
             "dibiarkan kosong, bukan 0, dan tidak ikut dijumlahkan") for r, v in
            zip(frame["_baris"].to_numpy()[blank], frame[field].to_numpy()[blank])],
            f"sel {title} kosong", "peringatan")
    frame = frame.copy()
    frame[f"_sen_{field}"] = pd.array(np.where(money.isna().to_numpy(), 0, whole), dtype="Int64")
    frame.loc[money.isna().to_numpy(), f"_sen_{field}"] = pd.NA
    if jenis == "sipd-realisasi":
        frame = frame[frame[f"_sen_{field}"].notna()]
    return frame, pengali


def _uang(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The amounts of a money column (NaN where a cell holds none) and which cells are blank. An
    amount is a number or Rupiah text (``Rp1.234,5``, ``1.234 rupiah``); a number followed by
    another word (``765.432,1 RKPD``: a cell cut where a line was written twice) is no amount,
    though the parser reads it as a number and its unit as an indicator's target is read."""
    parsed = parse_series(values)
    money = (parsed["jenis"] == "rupiah") | ((parsed["jenis"] == "angka") & (parsed["satuan"].fillna("") == ""))
    return parsed["nilai"].where(money.to_numpy()), (parsed["jenis"] == "kosong").to_numpy()


def _sen_tertulis(grid: Grid, head: int):
    """A row's written amount of ``field`` in whole sen (× its column's multiplier), None when none."""
    def written(row, field: str, col: int) -> int | None:
        value = _uang(pd.Series([row[field]]))[0].iloc[0]
        return None if pd.isna(value) else int(sen([value], pengali_kolom(grid, head, col)[0])[0][0])
    return written


def _periksa_total(frame: pd.DataFrame, total: pd.DataFrame | None, grid: Grid, head: int, nilai: dict,
                   p: Penampung) -> bool:
    """I71: a single total row of the file equal, to the sen, to the sum of its data rows."""
    if total is None or len(total) != 1:
        return True
    ok = True
    row = int(total["_baris"].iloc[0])
    for value, (sen_col, col) in nilai.items():
        field = sen_col.removeprefix("_sen_")
        value = _uang(total[field])[0].iloc[0]
        if pd.isna(value):
            continue
        pengali, _ = pengali_kolom(grid, head, col)
        written = int(sen([value], pengali)[0][0])
        summed = int(frame[sen_col].sum())
        if written != summed:
            ok = False
            beda = rp_pesan(abs(written - summed) / 100)
            p.galat("I71", grid.lembar, sel(row, col), f"baris jumlah tertulis {rp_pesan(written / 100)}, sedangkan "
                    f"jumlah baris rinciannya {rp_pesan(summed / 100)} (selisih {beda}): ada baris yang hilang, "
                    "berlebih atau salah kolom; periksa berkasnya")
    return ok


def _rapikan_teks(frame: pd.DataFrame) -> None:
    """Every name and code column present (blank where the export has none), with single
    spaces and blank for empty text, in place."""
    for name in TEKS:
        if name not in frame:
            frame[name] = None
    for c in [*TEKS, *(c for c in ("kode_rekening", "nama_rekening") if c in frame)]:
        frame[c] = pd.Series(per_nilai(_satu_spasi, frame[c]), index=frame.index, dtype=object)


def _satu_spasi(values: pd.Series) -> list:
    return [None if pd.isna(v) or not str(v).strip() else " ".join(str(v).split()) for v in values]
