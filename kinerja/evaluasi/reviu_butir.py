"""The 23 items of the reviu checklist (Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran
III, Anak Lampiran III/2-2) as editable data: ``parameters/reviu/butir.yaml`` read into
:func:`butir_reviu`.

The file keeps every item's text verbatim, or ``null`` where the text is not yet known (never an
invented wording), and the names of the automatic rules (:data:`kinerja.evaluasi.reviu_aturan.ATURAN`)
that decide it; an item without a rule is the reviewer's to answer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import Field, field_validator, model_validator

from kinerja.core.konfigurasi import Teks, _Berkas
from kinerja.core.parameter import _galat, muat_konfigurasi
from kinerja.core.sumber import parameters_dir

__all__ = ["BAGIAN", "KODE_BUTIR", "JAWABAN", "TEKS_KOSONG", "butir_reviu", "teks_tampil"]

# The guideline's three parts and how many items each has, in order.
BAGIAN = {"I": 6, "II": 7, "III": 10}
KODE_BUTIR = tuple(f"{b}.{n}" for b, jumlah in BAGIAN.items() for n in range(1, jumlah + 1))
# The answers an item can have (kertas kerja and automatic decisions alike).
JAWABAN = ("Ya", "Tidak", "Tidak berlaku", "Belum diuji")
# What a kertas kerja, the KKR and the document show for an item whose text the file does not hold yet.
TEKS_KOSONG = "(teks butir belum tersedia pada salinan pedoman yang dipegang)"


class Butir(_Berkas):
    """One checklist item."""

    kode: Teks
    teks: Teks | None = None
    otomatis: list[Teks] = []

    @field_validator("teks")
    @classmethod
    def _rapat(cls, value: str | None) -> str | None:
        return " ".join(value.split()) or None if value is not None else None  # blank: not known yet


class BerkasButir(_Berkas):
    """``parameters/reviu/butir.yaml``: the 23 items in the guideline's order, each rule once."""

    sumber: Teks
    bagian: dict[str, Annotated[Teks, Field(min_length=1)]]
    butir: list[Butir]

    @model_validator(mode="after")
    def _lengkap(self) -> BerkasButir:
        from kinerja.evaluasi.reviu_aturan import ATURAN

        kode = [b.kode for b in self.butir]
        if tuple(kode) != KODE_BUTIR:
            raise _galat(f"kode butir harus {', '.join(KODE_BUTIR)} berurutan, bukan {', '.join(kode)}", "butir")
        if list(self.bagian) != list(BAGIAN):
            raise _galat(f"bagian harus {', '.join(BAGIAN)}, bukan {', '.join(self.bagian)}", "bagian")
        seen: set[str] = set()
        for b in self.butir:
            for nama in b.otomatis:
                if nama not in ATURAN:
                    raise _galat(f"aturan otomatis {nama!r} di butir {b.kode} tidak dikenal; yang ada: "
                                 f"{', '.join(ATURAN)}", "butir")
                if nama in seen:
                    raise _galat(f"aturan otomatis {nama!r} dipakai lebih dari satu butir", "butir")
                seen.add(nama)
        return self


def butir_reviu(path: str | Path | None = None) -> pd.DataFrame:
    """The reviu checklist: one row per item, in the guideline's order.

    Parameters
    ----------
    path : str or Path, optional
        The items file; default ``parameters/reviu/butir.yaml``.

    Returns
    -------
    pandas.DataFrame
        Columns ``kode`` (I.1 … III.10), ``bagian`` (Format, Mekanisme penyusunan, Substansi),
        ``teks`` (verbatim; None where the file does not hold it yet) and ``otomatis`` (the rule
        names deciding the item; an empty list means the reviewer answers it).

    Examples
    --------
    >>> b = butir_reviu()
    >>> len(b), b["kode"].iloc[0], b["bagian"].iloc[-1]
    (23, 'I.1', 'Substansi')
    >>> b.set_index("kode").loc["I.2", "teks"]
    'LKj telah menyajikan informasi target kinerja'
    """
    berkas = muat_konfigurasi(path or parameters_dir() / "reviu" / "butir.yaml", BerkasButir)
    rows = [{"kode": b.kode, "bagian": berkas.bagian[re.sub(r"\..*", "", b.kode)], "teks": b.teks,
             "otomatis": list(b.otomatis)} for b in berkas.butir]
    return pd.DataFrame(rows, columns=["kode", "bagian", "teks", "otomatis"])


def teks_tampil(teks: pd.Series) -> pd.Series:
    """The item texts as every output shows them (kertas kerja, KKR, document, page): the
    guideline's words from ``parameters/reviu/butir.yaml``, or :data:`TEKS_KOSONG` where the
    file does not hold them yet.

    Examples
    --------
    >>> teks_tampil(pd.Series(["LKj telah menyajikan informasi target kinerja", None])).tolist()[1]
    '(teks butir belum tersedia pada salinan pedoman yang dipegang)'
    """
    return teks.where(teks.map(lambda t: isinstance(t, str) and bool(t.strip())), TEKS_KOSONG)
