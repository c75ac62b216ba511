"""Flat tables from other applications, read through a saved mapping (``parameters/impor/*.yaml``).

A flat table has one header row, an indicator per row (often a code), and its quarterly
or monthly realisasi in columns of their own, sometimes kendala/solusi. The mapping says
which column is which field, by header text or by position (a letter ``C`` or a number),
and which columns hold which period::

    lembar: Sheet1            # optional: the first sheet
    baris_judul: 1            # optional: found as the first row with three texts or more
    kolom:
      kode: Kode Indikator
      indikator: Indikator Kinerja
      satuan: Satuan
      target: Target 2025
      kendala: Kendala
      solusi: Solusi
    realisasi:                # period -> column: TW1…TW4, B01…B12 or tahun
      TW1: Realisasi TW I
      TW2: Realisasi TW II
    realisasi_anggaran: {}    # the same for money, when the table has it

:func:`buat_pemetaan` drafts such a file from a workbook's headers for the user to check.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import yaml
from openpyxl.utils import column_index_from_string

from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator

from kinerja.core.konfigurasi import Kolom, _Berkas, _kosong, _kunci
from kinerja.core.parameter import _galat, cari_parameter, muat_konfigurasi
from kinerja.core.periode import cari_bulan, cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.core.polaritas import tebak_meta
from kinerja.core.capaian import hitung_capaian
from kinerja.impor.hasil import PERIODE_IMPOR, Bacaan, rapikan, rujukan
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.tampak import periksa_tampak

__all__ = ["BerkasPemetaan", "FIELD_TABEL", "baca_tabel_datar", "buat_pemetaan", "muat_pemetaan"]

FIELD_TABEL = ("kode", "indikator", "satuan", "target", "pagu", "polaritas", "agregasi", "program", "sasaran",
               "kendala", "solusi", "tindak_lanjut")

class BerkasPemetaan(_Berkas):
    """A flat-table mapping (``parameters/impor/*.yaml``), checked by the one loader of
    :mod:`kinerja.core.parameter`: which
    column holds which field and which period.

    Examples
    --------
    >>> BerkasPemetaan(kolom={"kode": "B"}, realisasi={"TW1": 4}).realisasi
    {'TW1': 4}
    """

    lembar: str | None = None
    baris_judul: Annotated[int, Field(strict=True, ge=1)] | None = None
    kolom: dict[Annotated[str, _kunci(lambda: FIELD_TABEL)], Kolom]
    realisasi: Annotated[dict[Annotated[str, _kunci(lambda: PERIODE_IMPOR)], Kolom], Field(min_length=1)]
    realisasi_anggaran: Annotated[dict[Annotated[str, _kunci(lambda: PERIODE_IMPOR)], Kolom], BeforeValidator(_kosong)] = {}

    @field_validator("kolom")
    @classmethod
    def _indikator(cls, kolom: dict) -> dict:
        if "indikator" not in kolom and "kode" not in kolom:
            raise _galat("petakan setidaknya kolom indikator atau kode")
        return kolom


# Words in a header that suggest each field, for the draft mapping.
_SARAN = {"kode": ("kode",), "indikator": ("indikator",), "satuan": ("satuan",), "target": ("target",),
          "pagu": ("pagu", "anggaran"), "polaritas": ("polaritas",), "agregasi": ("agregasi",),
          "program": ("program",), "sasaran": ("sasaran",), "kendala": ("kendala", "hambatan", "permasalahan"),
          "solusi": ("solusi", "upaya"), "tindak_lanjut": ("tindak lanjut", "rencana tindak")}


def muat_pemetaan(path: str | os.PathLike) -> dict:
    """Read a mapping file (a name under ``parameters/impor/`` or the path of a .yaml file),
    checked by :class:`BerkasPemetaan`; the keys left empty are left out.

    Examples
    --------
    >>> muat_pemetaan("contoh-tabel-triwulan")["realisasi"]["TW1"]
    'Realisasi TW I'
    """
    return muat_konfigurasi(cari_parameter("impor", path), BerkasPemetaan).model_dump(exclude_none=True)


def _judul(grid: Grid) -> int:
    for r in range(1, min(grid.baris_maks, 30) + 1):
        if sum(1 for c in range(1, grid.kolom_maks + 1) if grid.teks(r, c)) >= 3:
            return r
    return 1


def _kolom(grid: Grid, head: int, ref, p: Penampung, what: str) -> int | None:
    """The column a mapping names: a header text (case and spaces ignored), a letter or a number."""
    if isinstance(ref, int):
        return ref
    text = " ".join(str(ref).split())
    if re.fullmatch(r"[A-Za-z]{1,3}", text) and not any(grid.teks(head, c).lower() == text.lower()
                                                          for c in range(1, grid.kolom_maks + 1)):
        return column_index_from_string(text.upper())
    for c in range(1, grid.kolom_maks + 1):
        if grid.teks(head, c).lower() == text.lower():
            return c
    p.galat("I21", grid.lembar, f"baris {head}", f"kolom \u201c{pendek(text, 40)}\u201d untuk {what} tidak ada di baris "
            "judul; perbaiki pemetaan (judul kolom harus persis sama, atau pakai huruf kolom)")
    return None


def baca_tabel_datar(grids: list[Grid], pemetaan: dict, berkas: str, p: Penampung, tahun: int | None = None,
                     dikenal: pd.DataFrame | None = None) -> Bacaan | None:
    """Read a flat table through ``pemetaan`` (see the module docstring)."""
    name = pemetaan.get("lembar")
    grid = next((g for g in grids if g.lembar == name), None) if name else next((g for g in grids if g.tampak), None)
    if grid is None:
        p.galat("I22", str(name), "", f"lembar \u201c{pendek(str(name), 40)}\u201d tidak ada di berkas")
        return None
    head = int(pemetaan.get("baris_judul") or _judul(grid))
    fields = {k: _kolom(grid, head, v, p, k) for k, v in pemetaan["kolom"].items()}
    periods = {part: {per: _kolom(grid, head, ref, p, f"{part} {per}") for per, ref in (pemetaan.get(part) or {}).items()}
               for part in ("realisasi", "realisasi_anggaran")}
    if p.ada_galat:
        return None
    rows, dilewati = _baca_baris(grid, head, fields, periods, p)
    periksa_tampak(grid, [r for r, _, _ in rows], [*fields.values(), *(c for cols in periods.values()
                                                                        for c in cols.values())], p)
    if not rows:
        p.galat("I24", grid.lembar, f"baris {head + 1}", "tidak ada baris indikator di bawah baris judul")
        return None
    all_periods = sorted({per for cols in periods.values() for per in cols}, key=PERIODE_IMPOR.index)
    where = {("target", "tahun"): fields.get("target"), ("pagu", "tahun"): fields.get("pagu"),
             **{(part, per): c for part, cols in periods.items() for per, c in cols.items()}}
    frame = pd.DataFrame(_panjang(rows, all_periods, berkas, grid.lembar, dikenal, where))
    for col in ("target", "pagu"):  # a table whose year row carries none of them
        if col not in frame:
            frame[col] = float("nan")
    year = frame["periode"] == "tahun"
    cap = hitung_capaian(pd.DataFrame({"target": frame["target"], "realisasi": frame["realisasi"],
                                       "polaritas": frame["polaritas"]}))["capaian"]
    frame["capaian"] = cap.where(year & frame["target"].notna())
    periods_used = [k for k in all_periods if k.startswith("TW")]
    triwulan = int(periods_used[-1][2]) if periods_used else None
    return Bacaan("tabel", rapikan(frame.to_dict("records")), tahun, triwulan,
                  {"lembar": grid.lembar, "baris_judul": head, "baris_data": len(rows), "dilewati": dilewati,
                   "pengali": 1, "periode_dari": "--tahun" if tahun is not None else None})


def _baca_baris(grid: Grid, head: int, fields: dict, periods: dict,
                p: Penampung) -> tuple[list[tuple[int, dict, dict]], list[tuple[int, str]]]:
    """The rows below the header that name an indicator (or its code): the row, its texts by
    field and its numbers by (part, period); a number that does not read is warned about (I23);
    a row with numbers but no indicator or code is counted and named (I37). Also the rows
    skipped, with why."""
    rows, nameless, dilewati = [], [], []
    number_cols = [c for c in (fields.get("target"), fields.get("pagu"), *(c for cols in periods.values()
                                                                           for c in cols.values())) if c]
    for r in range(head + 1, grid.baris_maks + 1):
        record = {k: grid.teks(r, c, gabung=False) for k, c in fields.items() if c}
        if not record.get("indikator") and not record.get("kode"):
            filled = next((c for c in number_cols if grid.teks(r, c, gabung=False)), None)
            if filled is not None:  # numbers nobody can attribute: counted, not dropped unseen
                nameless.append((sel(r, fields.get("indikator") or fields.get("kode") or filled),
                                 f"baris {r} berisi angka \u201c{pendek(grid.teks(r, filled, gabung=False), 30)}\u201d "
                                 "tanpa indikator maupun kode"))
            empty = not any(grid.teks(r, c, gabung=False) for c in range(1, grid.kolom_maks + 1))
            dilewati.append((r, "berangka tanpa indikator maupun kode" if filled is not None else
                             "kosong" if empty else "tanpa indikator maupun kode"))
            continue
        numbers = {}
        for part, cols in [("target", {"tahun": fields.get("target")}), ("pagu", {"tahun": fields.get("pagu")}),
                           *periods.items()]:
            for per, c in cols.items():
                if not c:
                    continue
                v, why = grid.angka(r, c)
                if why:
                    p.peringatan("I23", grid.lembar, sel(r, c), why)
                numbers[(part, per)] = v
        rows.append((r, record, numbers))
    lewati_baris(p, "I37", grid.lembar, nameless, "berisi angka tanpa indikator maupun kode")
    return rows, dilewati


def _panjang(rows: list[tuple[int, dict, dict]], all_periods: list[str], berkas: str, lembar: str,
             dikenal: pd.DataFrame | None, where: dict) -> list[dict]:
    """The long table's rows: per indicator one for each period the mapping names and, when
    it names no year, one for the year (the last quarter for ``akhir``, else their sum).
    ``where`` is the column of each (part, period), for the source cells (``sel_*``)."""
    names = pd.Series([rec.get("indikator") or rec.get("kode") for _, rec, _ in rows])
    meta = tebak_meta(names, pd.Series([rec.get("satuan", "") for _, rec, _ in rows]), dikenal)
    out = []
    for i, (r, rec, num) in enumerate(rows):
        m = meta.iloc[i]
        pol = rec.get("polaritas") or m["polaritas"]
        agg = rec.get("agregasi") or m["agregasi"]
        notes = [f"{k} ditebak" for k in ("polaritas", "agregasi")
                 if not rec.get(k) and m[f"{k}_sumber"] == "ditebak"]
        sebab = "; ".join(f"{label}: {rec[k]}" for k, label in (("kendala", "Faktor penghambat"), ("solusi", "Upaya"),
                                                                 ("tindak_lanjut", "Rencana tindak lanjut")) if rec.get(k))
        base = {"berkas": berkas, "lembar": lembar, "baris": r, "tingkat": "indikator",
                "nama": rec.get("program") or None, "program": rec.get("program") or None,
                "sasaran": rec.get("sasaran") or None, "indikator": rec.get("indikator") or rec.get("kode"),
                "satuan": rec.get("satuan") or None, "polaritas": pol, "agregasi": agg,
                "kode_subkegiatan": rec.get("kode") or None}
        used = {}

        def cells(*keys, r=r, num=num) -> str | None:
            return rujukan(lembar, [(r, where[k]) for k in keys if where.get(k) and num.get(k) is not None])
        for per in all_periods:
            v = num.get(("realisasi", per))
            money = num.get(("realisasi_anggaran", per))
            if v is not None:
                used[per] = v
            extra = ({"target": num.get(("target", "tahun")), "pagu": num.get(("pagu", "tahun")),
                      "catatan": "; ".join(x for x in [*notes, sebab] if x) or None,
                      "sel_target": cells(("target", "tahun")), "sel_pagu": cells(("pagu", "tahun"))}
                     if per == "tahun" else {})
            out.append(base | {"periode": per, "realisasi": v, "realisasi_tertulis": v, "realisasi_anggaran": money,
                               "catatan": sebab or None, "sel_realisasi": cells(("realisasi", per)),
                               "sel_realisasi_anggaran": cells(("realisasi_anggaran", per))} | extra)
        if "tahun" not in all_periods:
            quarters = [used[k] for k in all_periods if k in used]
            total = (quarters[-1] if agg in ("akhir",) else sum(quarters)) if quarters else None
            summed = [("realisasi", k) for k in all_periods if k in used]
            out.append(base | {"periode": "tahun", "target": num.get(("target", "tahun")), "realisasi": total,
                               "pagu": num.get(("pagu", "tahun")),
                               "catatan": "; ".join(x for x in [*notes, sebab] if x) or None,
                               "sel_target": cells(("target", "tahun")), "sel_pagu": cells(("pagu", "tahun")),
                               "sel_realisasi": cells(*(summed[-1:] if agg in ("akhir",) else summed))})
    return out


def buat_pemetaan(grids: list[Grid], path: str | os.PathLike) -> Path:
    """Draft a mapping from the first sheet's header row and write it to ``path`` (YAML with
    the header texts), for the user to check before ``kinerja impor --pemetaan``."""
    from kinerja.core.berkas import tulis_atomik

    grid = next((g for g in grids if g.tampak), grids[0])  # the sheet a reader sees first
    head = _judul(grid)
    heads = {c: grid.teks(head, c) for c in range(1, grid.kolom_maks + 1) if grid.teks(head, c)}
    kolom, realisasi, uang = {}, {}, {}
    for c, text in heads.items():
        low = text.lower()
        tw, month = cari_triwulan(low), cari_bulan(low)
        per = f"TW{tw}" if tw else (f"B{month:02d}" if month else None)
        if per and ("realisasi" in low or "capaian" not in low):
            (uang if any(w in low for w in ("rp", "anggaran", "keuangan")) else realisasi).setdefault(per, text)
            continue
        for field, words in _SARAN.items():
            if field not in kolom and any(w in low for w in words):
                kolom[field] = text
                break
    doc = {"lembar": grid.lembar, "baris_judul": head, "kolom": kolom, "realisasi": realisasi,
           "realisasi_anggaran": uang}
    # The header is fixed text: names from the workbook (sheet, headers) are written only by
    # the YAML library, so a newline or "key: value" in them cannot add a key.
    text = ("# Rancangan pemetaan dari judul kolom lembar yang disebut pada 'lembar'; PERIKSA sebelum dipakai.\n"
            "# Kolom boleh disebut dengan judulnya, hurufnya (C) atau nomornya (3).\n"
            + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    out = Path(path)
    tulis_atomik(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return out
