"""The rows of a budget export summed to the long table, exactly, level by level.

Codes written inside the text (``1.01.01.2.01 Perencanaan …``, ``1.1.01.0000 - DINAS
PENDIDIKAN``) are split from the names (:func:`pisah_kode`) and checked against their parent's
(a sub kegiatan's code begins with its kegiatan's, a kegiatan's with its program's): a code
under the wrong parent means cells moved out of their column, and the file stops (I69).
Amounts are summed in whole sen (:func:`kinerja.core.anggaran.sen`), so every sum per SKPD,
program, kegiatan and sub kegiatan is the file's to the sen; a sum keeps the cells it was made
of (``sel_pagu`` …), and one whose rows are all blank is blank, never 0.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.core.rujukan import rujukan_kelompok
from kinerja.formulir.masalah import Penampung
from kinerja.impor.hasil import rapikan
from kinerja.impor.lembar import sel
from kinerja.impor.lewat import lewati_baris

__all__ = ["TEKS", "ada_nilai", "per_nilai", "periksa_kode", "pisah_kode", "tabel_jumlah"]

# The names and codes the sums are grouped by, from the SKPD down to the sub kegiatan.
TEKS = ["kode_skpd", "nama_skpd", "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan",
        "kode_subkegiatan", "nama_subkegiatan"]
_KODE_RE = r"^\s*(\d+(?:\.\d+)+)\.?\s*(?:[-\u2013:]\s*)?(.*?)\s*$"
_KODE = re.compile(_KODE_RE)


def per_nilai(fn, *columns) -> np.ndarray:
    """``fn`` applied once per distinct combination of values (of the same Python types) of
    ``columns`` rather than per row: ``fn`` gets one Series per column holding one row of
    each combination and returns its results in that order; they are spread back to every row."""
    n = len(columns[0])
    if not n:
        return np.empty(0, dtype=object)
    key = np.zeros(n, dtype=np.int64)
    for col in columns:
        arr = np.asarray(col, dtype=object)
        parts = [pd.factorize(arr, use_na_sentinel=False)[0]]
        if len(set(map(type, arr)) - _NEVER_ALIKE) > 1:  # types too: 1, 1.0 and True hash alike, None and
            parts.append(pd.factorize(_TYPE(arr))[0])  # NaN are both blank (a text equals no other type)
        for part in parts:
            key = key * (int(part.max(initial=0)) + 1) + part
        key = pd.factorize(key)[0]
    k = int(key.max(initial=-1)) + 1
    first = np.empty(k, dtype=np.int64)
    first[key[::-1]] = np.arange(n - 1, -1, -1)
    picked = [pd.Series(np.asarray(col, dtype=object)[first], dtype=object) for col in columns]
    done = np.empty(k, dtype=object)
    done[:] = list(fn(*picked))
    return done[key]


_TYPE = np.frompyfunc(type, 1, 1)
_NEVER_ALIKE = frozenset({str})


def pisah_kode(frame: pd.DataFrame) -> None:
    """For each level (and the rekening) whose export has no code column, the code written at
    the start of its name split off into ``kode_…``, in place; names without one keep no code."""
    for level in ("skpd", "program", "kegiatan", "subkegiatan", "rekening"):
        name, code = f"nama_{level}", f"kode_{level}"
        if name not in frame or (code in frame and frame[code].notna().any()):
            continue
        pair = per_nilai(_kode_nama, frame[name])
        frame[code] = pd.Series([c for c, _ in pair], index=frame.index, dtype=object) if len(pair) else None
        frame[name] = pd.Series([v for _, v in pair], index=frame.index, dtype=object) if len(pair) else frame[name]


def _kode_nama(names: pd.Series) -> list[tuple]:
    """Each name's (code at its start or None, the name without it; None when blank).

    Examples
    --------
    >>> _kode_nama(pd.Series(["1.01.01.2.01 Perencanaan", "1.1.01.0000 - DINAS", "Belanja", "5.1", None]))
    [('1.01.01.2.01', 'Perencanaan'), ('1.1.01.0000', 'DINAS'), (None, 'Belanja'), (None, '5.1'), (None, None)]
    """
    out = []
    for v in names:  # (one name per distinct value, :func:`per_nilai`: a loop of re is faster than pandas here)
        if pd.isna(v):
            out.append((None, None))
            continue
        m = _KODE.search(str(v))
        out.append((m.group(1), m.group(2)) if m is not None and m.group(2) else (None, str(v)))
    return out


def periksa_kode(frame: pd.DataFrame, lembar: str, cols: dict[str, int], p: Penampung) -> bool:
    """I69: each kegiatan's code under its program's and each sub kegiatan's under its
    kegiatan's, where both are written; the rows that are not, named at their cell."""
    bad = []
    for child, parent in (("kegiatan", "program"), ("subkegiatan", "kegiatan")):
        a, b = frame.get(f"kode_{child}"), frame.get(f"kode_{parent}")
        if a is None or b is None:
            continue
        both = a.notna() & b.notna()
        under = per_nilai(lambda xs, ys: [str(x).startswith(f"{y}.") for x, y in zip(xs, ys)], a, b)
        wrong = both & ~pd.Series(under.astype(bool), index=frame.index)
        col = cols.get(f"nama_{child}") or cols.get(f"kode_{child}")
        bad += [(int(r), sel(int(r), col), f"kode {_ARTI[child]} {x} tidak berada di bawah kode {_ARTI[parent]} {y} "
                 "pada baris yang sama") for r, x, y in zip(frame.loc[wrong, "_baris"], a[wrong], b[wrong])]
    bad.sort()
    lewati_baris(p, "I69", lembar, [(c, m) for _, c, m in bad], "kodenya tidak sesuai dengan kode induknya pada baris "
                 "yang sama (isi kolom bergeser?)")
    return not bad


_ARTI = {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub kegiatan"}


def _kode_kolom(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The column's values as integer codes, equal values (blanks too) one code."""
    return pd.factorize(frame[column].to_numpy(dtype=object), use_na_sentinel=False)[0]


def _nomor_kelompok(codes: list[np.ndarray]) -> np.ndarray:
    """Each row's group number over the columns coded ``codes`` (:func:`_kode_kolom`) as
    ``groupby(keys, dropna=False, sort=False).ngroup()`` numbers it (in order of first
    appearance; blank keys a group of their own), without a groupby."""
    gid = np.zeros(len(codes[0]), dtype=np.int64)
    for part in codes:
        gid = pd.factorize(gid * (int(part.max(initial=0)) + 1) + part)[0]
    return gid


def _level_sums(frame: pd.DataFrame, keys: list[str], nilai: dict[str, tuple[str, int]], lembar: str,
                kode: dict[str, np.ndarray]) -> pd.DataFrame:
    """Per group of ``keys`` and period: each value's sum in sen (NA when all blank), how many
    rows had none, the cells it was made of, the first row and the row count (one pass of numpy
    over the group numbers, not a groupby per level; ``kode``: each key column's codes)."""
    gid = _nomor_kelompok([kode[c] for c in [*keys, "periode"]])
    rows = frame["_baris"].to_numpy(dtype=np.int64)
    k = int(gid.max(initial=-1)) + 1
    first = np.empty(k, dtype=np.int64)
    first[gid[::-1]] = np.arange(len(gid) - 1, -1, -1)
    out = pd.DataFrame({c: pd.Series(frame[c].to_numpy(dtype=object)[first].tolist()) for c in [*keys, "periode"]})
    least = np.full(k, np.iinfo(np.int64).max)
    np.minimum.at(least, gid, rows)
    out["baris"], out["n"] = least, np.bincount(gid, minlength=k)
    for value, (sen_col, col) in nilai.items():
        known = frame[sen_col].notna().to_numpy()
        total = np.zeros(k, dtype=np.int64)
        np.add.at(total, gid[known], frame[sen_col].to_numpy(dtype=np.int64, na_value=0)[known])  # exact, in sen
        count = np.bincount(gid[known], minlength=k)
        out[value] = pd.array(total, dtype="Int64")
        out.loc[count == 0, value] = pd.NA
        out[f"_kosong_{value}"] = out["n"].to_numpy() - count
        cells = rujukan_kelompok(lembar, col, gid[known], rows[known]) if known.any() else pd.Series(dtype=object)
        out[f"sel_{value}"] = cells.reindex(range(len(out))).to_numpy()
    return out


def tabel_jumlah(frame: pd.DataFrame, jenis: str, berkas: str, lembar: str, nilai: dict[str, tuple[str, int]],
                 rekening: bool = False) -> pd.DataFrame:
    """The long table: every value of ``nilai`` (long-table column -> (sen column, sheet
    column)) summed per sub kegiatan, kegiatan, program and SKPD and period, with how many
    transactions or rekening each sum holds; with ``rekening``, each rekening row as well."""
    unit = "transaksi" if jenis == "sipd-realisasi" else "rekening"
    levels = [("subkegiatan", TEKS, "nama_subkegiatan"), ("kegiatan", TEKS[:6], "nama_kegiatan"),
              ("program", TEKS[:4], "nama_program"), ("skpd", TEKS[:2], "nama_skpd")]
    out = [_baris_rekening(frame, berkas, lembar, nilai)] if rekening else []
    kode = {c: _kode_kolom(frame, c) for c in [*TEKS, "periode"]}  # (each column coded once for every level)
    for tingkat, keys, name_col in levels:
        sums = _level_sums(frame, keys, nilai, lembar, kode).reindex(
            columns=[*TEKS, "periode", "baris", "n", *(c for v in nilai for c in (v, f"_kosong_{v}", f"sel_{v}"))])
        notes = [f"{n} {unit}" for n in sums["n"]]
        for value in nilai:
            notes = [t + (f"; {k} {unit} tanpa nilai {value.replace('_', ' ')}" if k else "")
                     for t, k in zip(notes, sums[f"_kosong_{value}"].fillna(0).astype(int))]
        level = pd.DataFrame({
            "berkas": berkas, "lembar": lembar, "baris": sums["baris"], "tingkat": tingkat,
            "nama": sums[name_col], "induk": sums["nama_skpd"], "program": sums["nama_program"],
            "kegiatan": sums["nama_kegiatan"], "periode": sums["periode"],
            "kode_unit": sums["kode_skpd"], "kode_program": sums["kode_program"],
            "kode_kegiatan": sums["kode_kegiatan"], "kode_subkegiatan": sums["kode_subkegiatan"], "catatan": notes})
        for value in nilai:
            level[value] = sums[value].astype("Float64") / 100
            level[f"sel_{value}"] = sums[f"sel_{value}"]
        out.append(level)
    return rapikan(pd.concat(out, ignore_index=True))


def _baris_rekening(frame: pd.DataFrame, berkas: str, lembar: str, nilai: dict[str, tuple[str, int]]) -> pd.DataFrame:
    """One long-table row per rekening as the file has it (blank amounts blank, and said)."""
    notes = ("kode rekening " + frame["kode_rekening"].fillna("-").astype(str)) if "kode_rekening" in frame else None
    rows = pd.DataFrame({
        "berkas": berkas, "lembar": lembar, "baris": frame["_baris"], "tingkat": "rekening",
        "nama": frame.get("nama_rekening", frame.get("kode_rekening")), "induk": frame["nama_skpd"],
        "program": frame["nama_program"], "kegiatan": frame["nama_kegiatan"], "periode": frame["periode"],
        "kode_unit": frame["kode_skpd"], "kode_program": frame["kode_program"],
        "kode_kegiatan": frame["kode_kegiatan"], "kode_subkegiatan": frame["kode_subkegiatan"],
        "catatan": notes if notes is not None else "rekening"})
    for value, (sen_col, col) in nilai.items():
        rows[value] = frame[sen_col].astype("Float64") / 100
        blank = frame[sen_col].isna()
        one = rujukan_kelompok(lembar, col, np.arange(len(frame)), frame["_baris"]).to_numpy()
        rows[f"sel_{value}"] = np.where(blank.to_numpy(), None, one)
        rows["catatan"] = [t + (f"; {value.replace('_', ' ')} kosong di {sel(int(r), col)}" if b else "")
                           for t, b, r in zip(rows["catatan"], blank, frame["_baris"])]
    return rows


_TINGKAT = ("nama_skpd", "nama_program", "nama_kegiatan", "nama_subkegiatan")


def subtotal(part: pd.DataFrame, rekening: str | None) -> pd.Series:
    """Which rows of ``part`` (rows not naming every level) are a subtotal an e-budgeting export
    writes over its rows: they name the first levels (SKPD; SKPD and program; … down to the sub
    kegiatan) and nothing below, and no rekening."""
    levels = [c for c in _TINGKAT if c in part]
    if part.empty or not levels:
        return pd.Series(False, index=part.index)
    named = np.column_stack([ada_nilai(part[c]) for c in levels])
    k = named.sum(axis=1)
    prefix = (k >= 1) & np.array([row[:n].all() for row, n in zip(named, k)])
    no_rek = ~ada_nilai(part[rekening]) if rekening in part else True
    said = part[levels[0]].astype(str).str.contains(r"\b(?:jumlah|total|subtotal)\b", case=False).to_numpy()
    return pd.Series(prefix & no_rek & ~said, index=part.index)  # "JUMLAH" in the SKPD column: the file's total


def _ada(v) -> bool:
    return not pd.isna(v) and str(v).strip() not in ("", "None")


def ada_nilai(values) -> np.ndarray:
    """:func:`_ada` of every value, asked once per distinct value (a blank or missing value is
    never one of them).

    Examples
    --------
    >>> ada_nilai(["a", " ", None, float("nan"), "None", 0.0, "a"]).tolist()
    [True, False, False, False, False, True, True]
    """
    codes, distinct = pd.factorize(np.asarray(values, dtype=object))
    return np.append([_ada(v) for v in distinct], False).astype(bool)[codes]


def _kunci(values: pd.Series) -> list[str]:
    """Each value as the key a subtotal row's name is matched by: single-spaced text, "" for none."""
    return [" ".join(str(v).split()) if _ada(v) else "" for v in values]


def periksa_subtotal(frame: pd.DataFrame, sub: pd.DataFrame, lembar: str, nilai: dict, sen_tertulis,
                     p: Penampung) -> bool:
    """Each subtotal row (:func:`subtotal`) held against the sum, to the sen, of the data rows under
    the same SKPD, program, kegiatan and sub kegiatan it names: equal, it is skipped and named (I71,
    a warning); not equal, the file stops at its cell (I71). ``sen_tertulis(row, field, col)`` is
    the row's written amount in sen (None when it writes none)."""
    from kinerja.impor.sipd_muat import rp_pesan

    if sub.empty:  # (an export without subtotal rows: nothing to key, nothing to check)
        return True
    levels = [c for c in _TINGKAT if c in frame]
    key = {c: per_nilai(_kunci, frame[c]) for c in levels}
    ok, said = True, []
    for _, row in sub.iterrows():
        named = [c for c in levels if _ada(row[c])]
        mask = np.logical_and.reduce([key[c] == " ".join(str(row[c]).split()) for c in named])
        r, what = int(row["_baris"]), _ARTI.get(named[-1].removeprefix("nama_"), "SKPD")
        for value, (sen_col, col) in nilai.items():
            written = sen_tertulis(row, sen_col.removeprefix("_sen_"), col)
            summed = int(frame.loc[mask, sen_col].sum())
            if written is not None and written != summed:
                ok = False
                p.galat("I71", lembar, sel(r, col), f"baris subtotal {what} \u201c{row[named[-1]]}\u201d tertulis "
                        f"{rp_pesan(written / 100)}, sedangkan jumlah {int(mask.sum())} baris rinciannya "
                        f"{rp_pesan(summed / 100)}: ada baris yang hilang, berlebih atau salah kolom; berkas tidak dimuat")
        said.append((sel(r, 1), f"baris {r} adalah subtotal {what} \u201c{row[named[-1]]}\u201d dari "
                     f"{int(mask.sum())} baris rincian di bawahnya (jumlahnya diperiksa)"))
    if ok:
        lewati_baris(p, "I71", lembar, said, "berupa baris subtotal yang jumlahnya sama dengan baris rinciannya",
                     tingkat="peringatan")
    return ok
