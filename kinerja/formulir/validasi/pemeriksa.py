"""What every formulir check uses: the column checker (:class:`Pemeriksa`) and the small
helpers that read a sheet's cells."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.parsing import JENIS_KODE
from kinerja.core.parsing_kolom import parse_column
from kinerja.formulir.masalah import Lembar, Penampung, pendek, teks_sel

__all__ = ["Pemeriksa"]


_TUNGGAL = [JENIS_KODE["angka"], JENIS_KODE["persen"], JENIS_KODE["rupiah"]]
_KOSONG = JENIS_KODE["kosong"]


def _blank(values: pd.Series) -> np.ndarray:
    """Empty cells: None, NaN (what a fill leaves in a block whose first row is empty) or blank text."""
    return values.map(lambda v: v is None or (isinstance(v, float) and np.isnan(v))
                      or (isinstance(v, str) and not v.strip())).to_numpy(dtype=bool)


def _text(values: pd.Series) -> pd.Series:
    return values.map(teks_sel)


def _show(value: object) -> str:
    """A cell's value inside a message: as written, cut to 60 characters."""
    return pendek(teks_sel(value))


class Pemeriksa:
    """Checks over one sheet, reporting into a :class:`Penampung`."""

    def __init__(self, lembar: Lembar, p: Penampung) -> None:
        self.l, self.p, self.d = lembar, p, lembar.data

    def report(self, kode: str, mask: np.ndarray, field: str, pesan, tingkat: str = "galat") -> None:
        for i in np.flatnonzero(mask):
            row = self.d.iloc[i]
            text = pesan(row) if callable(pesan) else pesan
            getattr(self.p, tingkat)(kode, self.l.nama, self.l.sel(field, int(row["_baris"])), text)

    def wajib(self, rows: np.ndarray | None = None) -> None:
        for k in self.l.formulir.kolom:
            if not k.wajib:
                continue
            mask = _blank(self.d[k.field])
            if rows is not None:
                mask = mask & rows
            self.report("V10", mask, k.field, f"kolom \"{k.judul}\" wajib diisi")

    def angka(self, field: str, kode: str, label: str, *, rows: np.ndarray | None = None,
              tunggal: bool = True, huruf: bool = False, negatif: bool = True):
        """Parse a column; report unreadable values, values that are not one number (grades
        allowed with ``huruf``) and, unless ``negatif``, negative numbers."""
        parsed = parse_column(self.d[field].astype(object))
        bad = parsed.jenis == JENIS_KODE["tidak_valid"]
        if rows is not None:
            bad = bad & rows
        self.report(kode, bad, field, lambda r: f"{label} \"{_show(r[field])}\" bukan angka yang dapat dibaca")
        if tunggal:
            allowed = [*_TUNGGAL, _KOSONG, JENIS_KODE["tidak_valid"]] + ([JENIS_KODE["kualitatif"]] if huruf else [])
            odd = ~np.isin(parsed.jenis, allowed)
            if rows is not None:
                odd = odd & rows
            self.report(kode if kode != "V13" else "V40", odd, field,
                        lambda r: f"{label} \"{_show(r[field])}\" harus satu angka, bukan rentang, batas atau nilai huruf")
        if not negatif:
            neg = parsed.nilai < 0
            if rows is not None:
                neg = neg & rows
            self.report("V15", neg, field, lambda r: f"{label} \"{_show(r[field])}\" tidak boleh negatif")
        return parsed

    def kembar(self, keys: pd.Series, field: str, what: str, rows: np.ndarray | None = None) -> None:
        k = keys.where(pd.Series(rows if rows is not None else True, index=keys.index))
        dup = (k.duplicated(keep="first") & k.notna() & (k != "")).to_numpy()
        self.report("V11", dup, field, lambda r: f"{what} \"{_show(r[field])}\" muncul lebih dari sekali")
