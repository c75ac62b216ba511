"""The dates of a SIPD realisasi export: each transaction's month, and the year the export
covers (``--tahun``, else the title's "TAHUN ANGGARAN 2026", else the dates' own); transactions
without a readable date (I33) or dated in another year (I45) are named.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from kinerja.core.periode import EJAAN_BULAN
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.sipd_jumlah import per_nilai

__all__ = ["bulan_transaksi", "tahun_judul", "teks_sel"]


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


def _sekali(fn, values: pd.Series) -> pd.Series:
    """``fn`` (month or year of each date) computed once per distinct date, as floats."""
    return pd.Series(per_nilai(lambda v: fn(v).to_numpy(), values).astype("float64"), index=values.index)


def teks_sel(v: object) -> str:
    return "(kosong)" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


def _tahun(values: pd.Series) -> pd.Series:
    real = values.map(lambda v: v.year if isinstance(v, (dt.date, dt.datetime)) else np.nan)
    text = values.astype(str).str.extract(r"(?<!\d)((?:19|20)\d\d)(?!\d)")[0].astype("float64")
    return real.fillna(text)


def tahun_judul(grid: Grid, head: int) -> int | None:
    """The year the export's title above its header row names ("... TAHUN ANGGARAN 2026"):
    the one after "tahun", else the only year there; None when there is none or several."""
    title = " ".join(grid.teks(r, c) for r in range(1, head) for c in range(1, grid.kolom_maks + 1)).lower()
    named = re.findall(r"tahun(?:\s+anggaran)?\s+((?:19|20)\d\d)\b", title)
    years = set(named) or set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", title))
    return int(years.pop()) if len(years) == 1 else None


def bulan_transaksi(frame: pd.DataFrame, grid: Grid, head: int, cols: dict[str, int], tahun: int | None,
                     p: Penampung) -> tuple[pd.DataFrame, int | None]:
    """The transactions with a readable document date, their month in ``bulan``, and the year
    (``tahun`` when given, else the title's, else the dates' own); the undated are counted and
    named (I33), and so are those dated in another year (I45; with no year given or in the
    title, dates of several years are ambiguous and all but the most common year's are named)."""
    frame["bulan"] = _sekali(_bulan, frame["tanggal"])
    undated = np.flatnonzero(frame["bulan"].isna().to_numpy())
    lewati_baris(p, "I33", grid.lembar, [
        (sel(int(frame["_baris"].iloc[i]), cols["tanggal"]),
         f"tanggal \u201c{pendek(teks_sel(frame['tanggal'].iloc[i]), 30)}\u201d tidak terbaca") for i in undated],
        "tanggal dokumennya tidak terbaca (transaksinya tidak masuk bulan mana pun)")
    frame = frame[frame["bulan"].notna()]
    years = _sekali(_tahun, frame["tanggal"])
    own = tahun if tahun is not None else tahun_judul(grid, head)
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
         f"tanggal \u201c{pendek(teks_sel(frame['tanggal'].iloc[i]), 30)}\u201d bukan tahun {tahun}") for i in other],
        alasan)
    return frame[(years == tahun).to_numpy()] if tahun is not None else frame, tahun
