"""Flat tables from other applications, read through a saved mapping (``parameters/impor/*.yaml``).

A flat table has a header row (sometimes two: "Realisasi Kinerja" over "TW 1" … "TW 4"), an
indicator per row (often a code), and its targets, pagu and realisasi per year, quarter or
month in columns of their own, sometimes kendala/solusi. A plan (targets and pagu, no
realisasi) is a flat table too, and so is a realisasi table without targets (its indicators
are then matched to the unit's in the store, :mod:`kinerja.impor.muat`). The mapping says
which column is which field, by header text or by position (a letter ``C`` or a number),
and which columns hold which period::

    lembar: Sheet1            # optional: the first visible sheet
    baris_judul: 1            # optional: the row whose cells read most like column titles
    kolom:
      kode: Kode Indikator
      indikator: Indikator Kinerja
      satuan: Satuan
      polaritas: L            # "naik (baik)", "turun (baik)", positif, negatif, …
      agregasi: Karakter      # "absolut", "non absolut", kumulatif, rata-rata, akhir, …
      target: Target 2025
      capaian: Capaian 2025   # the file's own capaian, checked against the computed one
    target_periode:           # period -> column: TW1…TW4, S1/S2, B01…B12
      TW1: Target TW I
    realisasi:
      TW1: Realisasi TW I
      TW2: Realisasi TW II
    realisasi_anggaran: {}    # the same for money, when the table has it

The period the file reports comes from ``--triwulan``/``--bulan`` or its title ("Triwulan
I", "s.d. Maret"); values of later periods are named and not read (I61); without either, the
last period with a value is taken and said (I59). The draft mapping is :mod:`kinerja.impor.pemetaan`.
"""

from __future__ import annotations

import os
import re
from typing import Annotated

import pandas as pd
from openpyxl.utils import column_index_from_string
from pydantic import BeforeValidator, Field, field_validator, model_validator

from kinerja.core.kosakata import baca_agregasi
from kinerja.core.aturan import berbeda
from kinerja.core.capaian import hitung_capaian
from kinerja.core.capaian_kolom import normalise_polaritas
from kinerja.core.formatting import format_angka
from kinerja.core.konfigurasi import Kolom, _Berkas, _kosong, _kunci
from kinerja.core.parameter import _galat, cari_parameter, muat_konfigurasi
from kinerja.core.periode import bulan_periode, nama_periode
from kinerja.core.polaritas import tebak_meta
from kinerja.formulir.masalah import Penampung, pendek, sebut_terbatas
from kinerja.impor.hasil import PERIODE_IMPOR, Bacaan, rapikan, rujukan
from kinerja.impor.ringkasan import asal_meta
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.pemetaan import buat_pemetaan, periksa_pemetaan
from kinerja.impor.tabel_kepala import Periode, cari_judul, judul_kolom, periode_berkas
from kinerja.impor.tampak import periksa_tampak

__all__ = ["BerkasPemetaan", "FIELD_TABEL", "baca_tabel_datar", "buat_pemetaan", "muat_pemetaan"]

# Number fields of the year row: the year's target and pagu, the Renstra's end target and
# realisasi up to last year, and the file's own capaian (checked, never taken).
ANGKA_TAHUN = ("target", "pagu", "target_renstra", "realisasi_renstra_lalu", "capaian", "capaian_renstra")
FIELD_TABEL = ("kode", "indikator", "satuan", *ANGKA_TAHUN, "polaritas", "agregasi", "program", "sasaran",
               "kendala", "solusi", "tindak_lanjut")
_BAGIAN = ("realisasi", "realisasi_anggaran", "target_periode")
_Periode = Annotated[str, _kunci(lambda: PERIODE_IMPOR)]
_PeriodeSaja = Annotated[str, _kunci(lambda: PERIODE_IMPOR[:-1])]


class BerkasPemetaan(_Berkas):
    """A flat-table mapping (``parameters/impor/*.yaml``), checked by the one loader of
    :mod:`kinerja.core.parameter`: which column holds which field and which period.

    Examples
    --------
    >>> BerkasPemetaan(kolom={"kode": "B"}, realisasi={"TW1": 4}).realisasi
    {'TW1': 4}
    >>> BerkasPemetaan(kolom={"indikator": "C", "target": "D"}).target_periode is None  # a plan
    True
    """

    lembar: str | None = None
    baris_judul: Annotated[int, Field(strict=True, ge=1)] | None = None
    kolom: dict[Annotated[str, _kunci(lambda: FIELD_TABEL)], Kolom]
    realisasi: Annotated[dict[_Periode, Kolom], BeforeValidator(_kosong)] = {}
    realisasi_anggaran: Annotated[dict[_Periode, Kolom], BeforeValidator(_kosong)] = {}
    target_periode: dict[_PeriodeSaja, Kolom] | None = None

    @field_validator("kolom")
    @classmethod
    def _indikator(cls, kolom: dict) -> dict:
        if "indikator" not in kolom and "kode" not in kolom:
            raise _galat("petakan setidaknya kolom indikator atau kode")
        return kolom

    @model_validator(mode="after")
    def _angka(self) -> "BerkasPemetaan":
        if not (set(self.kolom) & {"target", "pagu"} or self.realisasi or self.realisasi_anggaran
                or self.target_periode):
            raise _galat("petakan setidaknya satu kolom angka: kolom target atau pagu, target_periode, realisasi "
                         "atau realisasi_anggaran")
        return self


def muat_pemetaan(path: str | os.PathLike) -> dict:
    """Read a mapping file (a name under ``parameters/impor/`` or the path of a .yaml file),
    checked by :class:`BerkasPemetaan`; the keys left empty are left out.

    Examples
    --------
    >>> muat_pemetaan("contoh-tabel-triwulan")["realisasi"]["TW1"]
    'Realisasi TW I'
    """
    return muat_konfigurasi(cari_parameter("impor", path), BerkasPemetaan).model_dump(exclude_none=True)


def _kolom(grid: Grid, heads: dict[int, str], head: int, first: int, ref, p: Penampung, what: str) -> int | None:
    """The column a mapping names: a header text (case and spaces ignored; with two header
    rows either row's text or both), a letter or a number."""
    if isinstance(ref, int):
        return ref
    text = " ".join(str(ref).split()).lower()
    for c, title in heads.items():
        if text == title.lower() or any(text == grid.teks(r, c, gabung=r == head).lower() for r in range(head, first)):
            return c
    if re.fullmatch(r"[a-z]{1,3}", text):
        return column_index_from_string(text.upper())
    p.galat("I21", grid.lembar, f"baris {head}", f"kolom \u201c{pendek(str(ref), 40)}\u201d untuk {what} tidak ada di baris "
            "judul; perbaiki pemetaan (judul kolom harus persis sama, atau pakai huruf kolom)")
    return None


def _lembar(grids: list[Grid], name: str | None, p: Penampung) -> Grid | None:
    grid = next((g for g in grids if g.lembar == name), None) if name else next((g for g in grids if g.tampak), None)
    if grid is None:
        p.galat("I22", str(name or ""), "", f"lembar \u201c{pendek(str(name), 40)}\u201d tidak ada di berkas" if name
                else "tidak ada lembar yang tampak di berkas")
    return grid


# long: the reader's outline, one named step a line; the steps are the functions below
def baca_tabel_datar(grids: list[Grid], pemetaan: dict, berkas: str, p: Penampung, tahun: int | None = None,
                     dikenal: pd.DataFrame | None = None, triwulan: int | None = None,
                     bulan: int | None = None) -> Bacaan | None:
    """Read a flat table through ``pemetaan`` (see the module docstring); ``triwulan`` or
    ``bulan`` is the period the user says the file reports."""
    from kinerja.impor.sipd_tanggal import tahun_judul

    grid = _lembar(grids, pemetaan.get("lembar"), p)
    if grid is None:
        return None
    head = int(pemetaan.get("baris_judul") or cari_judul(grid))
    heads, first = judul_kolom(grid, head)
    fields = {k: _kolom(grid, heads, head, first, v, p, k) for k, v in pemetaan["kolom"].items()}
    periods = {part: {per: _kolom(grid, heads, head, first, ref, p, f"{part} {per}")
                      for per, ref in (pemetaan.get(part) or {}).items()} for part in _BAGIAN}
    periode = periode_berkas(grid, head, triwulan, bulan, p)
    periksa_pemetaan(grid.lembar, heads, head, fields, periods, triwulan or (periode.triwulan if periode else None), p)
    if p.ada_galat:
        return None
    rows, dilewati = _baca_baris(grid, first, fields, periods, p)
    periksa_tampak(grid, [r for r, _, _ in rows], [*fields.values(), *(c for cols in periods.values()
                                                                        for c in cols.values())], p)
    if not rows:
        p.galat("I24", grid.lembar, f"baris {first}", "tidak ada baris indikator di bawah baris judul")
        return None
    periode = _periode_isi(grid, rows, periods, periode, p)
    meta = _meta(grid, rows, fields, dikenal, p)
    if p.ada_galat:
        return None
    frame = pd.DataFrame(_panjang(rows, meta, fields, periods, berkas, grid.lembar))
    _capaian(frame, grid.lembar, p)
    info = {"lembar": grid.lembar, "baris_judul": head, "baris_data": len(rows), "tata_letak": "tabel datar",
            "bulan": periode.bulan if periode else None, "periode": _sebut_periode(periode),
            "periode_dari": periode.sumber if periode else None, "dilewati": dilewati, "pengali": 1,
            "asal_meta": [a for pair in meta["asal"] for a in pair]}
    return Bacaan("tabel", rapikan(frame.to_dict("records")), tahun or tahun_judul(grid, head),
                  periode.triwulan if periode else None, info)


def _sebut_periode(periode: Periode | None) -> str | None:
    if periode is None:
        return None
    where = {"judul": f"dari judul berkas, sel {periode.sel}", "perintah": "dari perintah",
             "isi": "ditebak dari kolom terakhir yang berisi realisasi"}[periode.sumber]
    return f"{periode.label} ({where})"


def _baca_baris(grid: Grid, first: int, fields: dict, periods: dict,
                p: Penampung) -> tuple[list[tuple[int, dict, dict]], list[tuple[int, str]]]:
    """The rows from ``first`` on that name an indicator (when the mapping names the indicator
    column, a code alone does not: template rows carry codes without indicators): the row, its
    texts by field and its numbers by (part, period); a number that does not read is warned
    about (I23); a row with numbers but no indicator is counted and named (I37). Also the rows
    skipped, with why (for ``impor --periksa``)."""
    rows, nameless, program, dilewati = [], [], "", []
    key = "indikator" if fields.get("indikator") else "kode"
    year = {f: {"tahun": fields.get(f)} for f in ANGKA_TAHUN}
    number_cols = [c for cols in (*year.values(), *periods.values()) for c in cols.values() if c]
    for r in range(first, grid.baris_maks + 1):
        record = {k: grid.teks(r, c, gabung=False) for k, c in fields.items() if c and k not in ANGKA_TAHUN}
        if "program" in record:  # a program is written once over its indicators' rows
            program = record["program"] = record["program"] or program
        if not record.get(key):
            # an Excel error ("#DIV/0!") in a template row without indicator is no number anyone wrote
            filled = next((c for c in number_cols if grid.teks(r, c, gabung=False)
                           and not grid.teks(r, c, gabung=False).startswith("#")), None)
            if filled is not None:  # numbers nobody can attribute: counted, not dropped unseen
                nameless.append((sel(r, fields.get(key) or filled),
                                 f"baris {r} berisi angka \u201c{pendek(grid.teks(r, filled, gabung=False), 30)}\u201d "
                                 f"tanpa {'indikator' if key == 'indikator' else 'indikator maupun kode'}"))
            empty = not any(grid.teks(r, c, gabung=False) for c in range(1, grid.kolom_maks + 1))
            dilewati.append((r, "berangka tanpa indikator" if filled is not None else
                             "kosong" if empty else "tanpa indikator (baris templat)"))
            continue
        numbers = {}
        for part, cols in [*year.items(), *periods.items()]:
            for per, c in cols.items():
                if not c:
                    continue
                v, why = grid.angka(r, c)
                if why:
                    p.peringatan("I23", grid.lembar, sel(r, c), why)
                numbers[(part, per)] = v
        rows.append((r, record, numbers))
    lewati_baris(p, "I37", grid.lembar, nameless, "berisi angka tanpa indikator")
    return rows, dilewati


def _periode_isi(grid: Grid, rows: list, periods: dict, periode: Periode | None, p: Penampung) -> Periode | None:
    """The file's period, taken from its last filled column when nothing says it (I59, said);
    values of periods after it are named and not read (I61)."""
    filled = sorted({per for _, _, num in rows for (part, per), v in num.items()
                     if part in ("realisasi", "realisasi_anggaran") and v is not None and per != "tahun"},
                    key=PERIODE_IMPOR.index)
    if not filled:
        return periode
    last = max(filled, key=bulan_periode)
    if periode is None:
        periode = Periode(bulan_periode(last), "isi", "", nama_periode(last))
        p.peringatan("I59", grid.lembar, "", f"periode laporan tidak tertulis di judul berkas; dipakai {periode.label} "
                     "(kolom terakhir yang berisi realisasi); bila lain, sebutkan --triwulan atau --bulan")
        return periode
    late = []
    for r, _, num in rows:
        for (part, per), v in num.items():
            month = bulan_periode(per) if per != "tahun" else 0
            if part in _BAGIAN and v is not None and month > periode.bulan:
                c = periods[part][per]
                late.append((sel(r, c), f"sel {sel(r, c)} berisi {_angka(v)} untuk {per}, sesudah periode berkas "
                             f"({periode.label}); nilai ini tidak dibaca, laporkan dengan berkas periode itu"))
                num[(part, per)] = None
    sebut_terbatas(p, "I61", grid.lembar, late, "sel sesudah periode berkas", "peringatan")
    return periode


def _meta(grid: Grid, rows: list, fields: dict, dikenal: pd.DataFrame | None, p: Penampung) -> pd.DataFrame:
    """Polaritas and agregasi per row: as written, in the words files use ("naik (baik)",
    "non absolut"), else from the store or guessed (:func:`~kinerja.core.polaritas.tebak_meta`),
    with the note a guess leaves. Words that are neither stop the file at their cell (I58)."""
    names = pd.Series([rec.get("indikator") or rec.get("kode") for _, rec, _ in rows])
    meta = tebak_meta(names, pd.Series([rec.get("satuan", "") for _, rec, _ in rows]), dikenal)
    written = {"polaritas": normalise_polaritas(pd.Series([rec.get("polaritas", "") for _, rec, _ in rows],
                                                          dtype=object)),
               "agregasi": pd.Series([baca_agregasi(rec.get("agregasi", "")) for _, rec, _ in rows], dtype=object)}
    notes = [[] for _ in rows]
    for col, known in written.items():
        for i, (r, rec, _) in enumerate(rows):
            value = known.iloc[i]
            if value in ("?", None):
                p.galat("I58", grid.lembar, sel(r, fields[col]), f"{col} \u201c{pendek(rec[col], 30)}\u201d tidak dikenal; "
                        + ("tulis naik (baik), turun (baik), positif, negatif, stabil atau kualitatif" if col == "polaritas"
                           else "tulis absolut, non absolut, kumulatif, akhir, rata-rata, rasio, maks atau min"))
            elif value:
                meta.loc[i, [col, f"{col}_sumber", f"{col}_kata"]] = [value, "berkas", f"{rec[col]}@{sel(r, fields[col])}"]
            elif meta.loc[i, f"{col}_sumber"] == "ditebak":
                why = f" ({meta.loc[i, 'alasan']})" if col == "polaritas" and meta.loc[i, "alasan"] else ""
                notes[i].append(f"{col} ditebak: {meta.loc[i, col]}{why}")
    meta["catatan_tebak"] = ["; ".join(n) for n in notes]
    meta["asal"] = [[asal_meta(r, col, meta.loc[i, col], meta.loc[i, f"{col}_sumber"], meta.loc[i, "alasan"],
                               *str(meta.loc[i].get(f"{col}_kata") or "@").rsplit("@", 1))
                     for col in ("polaritas", "agregasi")] for i, (r, _, _) in enumerate(rows)]
    return meta


def _tahun_dari(values: dict, agregasi: str) -> float | None:
    """The year's realisasi from its quarters (or, without quarters, its semesters, else its months) by agregasi."""
    seq = next((found for kind in ("TW", "S", "B")
                if (found := [v for per, v in values.items() if per.startswith(kind) and v is not None])), [])
    if not seq or agregasi == "rasio":  # a ratio needs its numerator and denominator
        return None
    return {"akhir": seq[-1], "rata-rata": sum(seq) / len(seq), "maks": max(seq), "min": min(seq)}.get(agregasi, sum(seq))


def _sel(lembar: str, r: int, c: int | None, value) -> str | None:
    """Where a value came from (:func:`~kinerja.impor.hasil.rujukan`); None when the cell gave none."""
    return rujukan(lembar, [(r, c)]) if c and value is not None and value == value else None


# long: one row dict per period with its source cells; the keys are the long table's columns
def _panjang(rows: list, meta: pd.DataFrame, fields: dict, periods: dict, berkas: str, lembar: str) -> list[dict]:
    """The long table's rows: per indicator one for each period the mapping names and one for
    the year (its realisasi by agregasi from the periods read, unless the mapping names it)."""
    out = []
    all_periods = sorted({per for cols in periods.values() for per in cols if per != "tahun"}, key=PERIODE_IMPOR.index)
    for i, (r, rec, num) in enumerate(rows):
        m = meta.iloc[i]
        sebab = "; ".join(f"{label}: {rec[k]}" for k, label in (("kendala", "Faktor penghambat"), ("solusi", "Upaya"),
                                                                 ("tindak_lanjut", "Rencana tindak lanjut")) if rec.get(k))
        base = {"berkas": berkas, "lembar": lembar, "baris": r, "tingkat": "indikator",
                "nama": rec.get("program") or None, "program": rec.get("program") or None,
                "sasaran": rec.get("sasaran") or None, "indikator": rec.get("indikator") or rec.get("kode"),
                "satuan": rec.get("satuan") or None, "polaritas": m["polaritas"], "agregasi": m["agregasi"],
                "kode_subkegiatan": rec.get("kode") or None}
        real = {}
        for per in all_periods:
            v, money, t = (num.get((part, per)) for part in _BAGIAN)
            real[per] = v
            cols = {part: periods[part].get(per) for part in _BAGIAN}
            out.append(base | {"periode": per, "target": t, "realisasi": v, "realisasi_tertulis": v,
                               "realisasi_anggaran": money, "catatan": sebab or None,
                               "sel_target": _sel(lembar, r, cols["target_periode"], t),
                               "sel_realisasi": _sel(lembar, r, cols["realisasi"], v), "sel_capaian": None,
                               "sel_pagu": None, "sel_realisasi_anggaran": _sel(lembar, r, cols["realisasi_anggaran"], money)})
        written = num.get(("realisasi", "tahun"))
        total = written if ("realisasi", "tahun") in num else _tahun_dari(real, m["agregasi"])
        year = {f: num.get((f, "tahun")) for f in ANGKA_TAHUN}
        used = [per for per in all_periods if real.get(per) is not None]
        used = next((found for kind in ("TW", "S") if (found := [per for per in used if per.startswith(kind)])),
                    used)  # the year comes from quarters when it has them, else from semesters
        used = (["tahun"] if ("realisasi", "tahun") in num else used[-1:] if m["agregasi"] == "akhir"
                else used if m["agregasi"] == "jumlah" else [])  # a mean names no cell: it is computed
        out.append(base | {k: year[k] for k in ("target", "pagu", "target_renstra", "realisasi_renstra_lalu")} | {
            "periode": "tahun", "realisasi": total, "realisasi_tertulis": written,
            "realisasi_anggaran": num.get(("realisasi_anggaran", "tahun")),
            "catatan": "; ".join(x for x in [m["catatan_tebak"], sebab] if x) or None,
            "capaian_tertulis": year["capaian"], "capaian_renstra_tertulis": year["capaian_renstra"],
            "sel_capaian_tertulis": _sel(lembar, r, fields.get("capaian"), year["capaian"]),
            "sel_capaian_renstra_tertulis": _sel(lembar, r, fields.get("capaian_renstra"), year["capaian_renstra"]),
            "sel_target": _sel(lembar, r, fields.get("target"), year["target"]),
            "sel_realisasi": rujukan(lembar, [(r, periods["realisasi"][per]) for per in used])
                             if total is not None else None,
            "sel_pagu": _sel(lembar, r, fields.get("pagu"), year["pagu"]),
            "sel_realisasi_anggaran": _sel(lembar, r, periods["realisasi_anggaran"].get("tahun"),
                                           num.get(("realisasi_anggaran", "tahun")))})
    return out


def _capaian(frame: pd.DataFrame, lembar: str, p: Penampung) -> None:
    """Capaian of the year against its target, and of the Renstra (realisasi up to last year
    added for a summed indicator) against its end target; a capaian the file prints that
    differs is named per row (I62, in its catatan too), never taken."""
    year = frame["periode"] == "tahun"
    for col in ("target", "realisasi", "target_renstra", "realisasi_renstra_lalu", "capaian_tertulis",
                "capaian_renstra_tertulis", "sel_capaian_tertulis", "sel_capaian_renstra_tertulis"):
        if col not in frame:
            frame[col] = None
    frame["capaian"] = _hitung(frame["target"], frame["realisasi"], frame["polaritas"]).where(year)
    summed = frame["agregasi"].isin(["jumlah"]) & frame["realisasi_renstra_lalu"].notna()
    frame["realisasi_renstra"] = (frame["realisasi"] + frame["realisasi_renstra_lalu"].where(summed, 0)).where(year)
    frame["capaian_renstra"] = _hitung(frame["target_renstra"], frame["realisasi_renstra"], frame["polaritas"]).where(year)
    for printed, computed, label in (("capaian_tertulis", "capaian", "capaian"),
                                     ("capaian_renstra_tertulis", "capaian_renstra", "capaian Renstra")):
        p_num = pd.to_numeric(frame[printed], errors="coerce")
        c_num = pd.to_numeric(frame[computed], errors="coerce")
        differ = year & p_num.notna() & (berbeda(p_num, c_num) | c_num.isna())
        for i in frame.index[differ]:
            shown = "tidak dapat dihitung" if pd.isna(c_num[i]) else f"dihitung {_angka(c_num[i])}"
            what = f"{label} tertulis {_angka(p_num[i])}, {shown}"
            frame.at[i, "catatan"] = "; ".join(x for x in (frame.at[i, "catatan"], what) if isinstance(x, str) and x)
            cell = str(frame.at[i, f"sel_{printed}"]).rsplit("!", 1)[-1]
            p.peringatan("I62", lembar, cell, f"baris {frame.at[i, 'baris']} (\u201c{pendek(str(frame.at[i, 'indikator']), 50)}"
                         f"\u201d): {what} dari target, realisasi sampai periode berkas dan polaritas; yang dipakai "
                         "angka hitungan")
    agree = year & frame["sel_capaian_tertulis"].notna() & ~berbeda(pd.to_numeric(frame["capaian_tertulis"], errors="coerce"),
                                                                     pd.to_numeric(frame["capaian"], errors="coerce"))
    frame["sel_capaian"] = frame["sel_capaian_tertulis"].where(agree & frame["capaian"].notna(), None)


def _angka(v: float) -> str:
    return format_angka(v, 0 if float(v).is_integer() else 2)


def _hitung(target: pd.Series, realisasi: pd.Series, polaritas: pd.Series) -> pd.Series:
    cap = hitung_capaian(pd.DataFrame({"target": target, "realisasi": realisasi, "polaritas": polaritas}))["capaian"]
    return cap.where(target.notna() & realisasi.notna())
