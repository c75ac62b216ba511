"""What an import recognised in a file, in Bahasa Indonesia, for ``kinerja impor --periksa``: the
layout, the sheet and header row, the Rupiah multiplier, the rows read and those skipped with
why, the period and where it came from, and the sums of pagu and realisasi anggaran, so that a
user can hold them against the printed file before anything is loaded. Everything here comes
from :attr:`kinerja.impor.hasil.Bacaan.info` (its keys are listed in :mod:`kinerja.impor.hasil`)
and the long table; nothing is read again.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from kinerja.core.formatting import format_angka
from kinerja.impor.hasil import Bacaan

__all__ = ["asal_meta", "ringkasan_bacaan"]

_JENIS = {"evaluasi-renja": "Evaluasi terhadap Hasil Renja", "sipd-realisasi": "ekspor SIPD realisasi belanja",
          "sipd-anggaran": "ekspor SIPD anggaran (DPA)", "tabel": "tabel datar melalui pemetaan"}
_DISEBUT = 8  # skipped rows named per reason; the rest counted


def _rupiah(v: float) -> str:
    return f"Rp{format_angka(v, 2 if v != round(v) else 0)}"


def _dilewati(dilewati: list) -> list[str]:
    """The skipped rows grouped by reason: the count, then the first rows' numbers."""
    by_reason: dict[str, list[int]] = defaultdict(list)
    for baris, alasan in dilewati:
        by_reason[str(alasan)].append(int(baris))
    lines = []
    for alasan, rows in by_reason.items():
        named = ", ".join(str(r) for r in rows[:_DISEBUT]) + (f" dan {len(rows) - _DISEBUT} lainnya"
                                                                if len(rows) > _DISEBUT else "")
        lines.append(f"    {format_angka(len(rows), 0)} baris {alasan}: baris {named}")
    return lines


def _jumlah(tabel: pd.DataFrame, col: str) -> list[str]:
    """The sum of ``col`` per level of the long table (``tingkat``), each level once: the
    year's rows where they carry it, else every period's."""
    out = []
    for tingkat, rows in tabel.groupby("tingkat", sort=False, dropna=False):
        year = rows[(rows["periode"] == "tahun") & rows[col].notna()]
        values = year[col] if not year.empty else rows[col].dropna()
        if values.empty:
            continue
        name = tingkat if isinstance(tingkat, str) else "tanpa tingkat"
        out.append(f"{name} {_rupiah(float(values.sum()))} ({format_angka(len(values), 0)} baris)")
    return out


_ASAL = {"basis data": "dari basis data (metadata indikator unit)", "tetap": "dari parameters/polaritas.yaml"}


def asal_meta(baris: int, kolom: str, nilai: str, sumber: str, alasan: str = "", kata: str = "",
              sel: str = "") -> tuple[int, str, str, str]:
    """Where a row's polaritas or agregasi came from, as ``--periksa`` names it: the word the
    file wrote and its cell, the store, the parameter file, or the guess from the indicator's name.

    Examples
    --------
    >>> asal_meta(5, "polaritas", "negatif", "berkas", kata="turun (baik)", sel="G5")[3]
    'dari kata “turun (baik)” di berkas (sel G5)'
    >>> asal_meta(6, "polaritas", "negatif", "ditebak", alasan="kata “kemiskinan”")[3]
    'ditebak dari nama indikator (kata “kemiskinan”)'
    """
    if sumber == "berkas":
        return baris, kolom, nilai, f"dari kata \u201c{kata}\u201d di berkas" + (f" (sel {sel})" if sel else "")
    if sumber in _ASAL:
        return baris, kolom, nilai, _ASAL[sumber]
    if kolom == "agregasi":  # (core.polaritas.tebak_meta: a level by its satuan or the name's first word)
        return baris, kolom, nilai, "ditebak dari nama dan satuan indikator"
    return baris, kolom, nilai, "ditebak dari nama indikator" + (f" ({alasan})" if alasan else "")


def _meta(asal: list) -> list[str]:
    """Every row's polaritas and agregasi grouped by value and where it came from, each row named."""
    by: dict[tuple, list[int]] = defaultdict(list)
    for baris, kolom, nilai, dari in asal:
        by[(kolom, nilai, dari)].append(int(baris))
    return [f"    {kolom} {nilai}, {dari}: baris {', '.join(str(r) for r in sorted(set(rows)))}"
            for (kolom, nilai, dari), rows in sorted(by.items())]


def _periode(bacaan: Bacaan) -> str:
    info = bacaan.info
    parts = [f"tahun {bacaan.tahun}" if bacaan.tahun else "tahun tidak diketahui"]
    if bacaan.triwulan:
        parts.append(f"triwulan {bacaan.triwulan}")
    if info.get("bulan"):
        parts.append(f"bulan {info['bulan']}")
    dari = info.get("periode_dari")
    return ", ".join(parts) + (f" ({dari})" if dari else "")


def ringkasan_bacaan(bacaan: Bacaan, jenis: str | None = None) -> list[str]:
    """The lines ``kinerja impor --periksa`` prints under a file it read (indented, Indonesian).

    Examples
    --------
    >>> from kinerja.impor.hasil import rapikan
    >>> b = Bacaan("tabel", rapikan([{"baris": 5, "tingkat": "indikator", "periode": "tahun", "pagu": 1500000.5}]),
    ...            2025, None, {"lembar": "Isian", "baris_judul": 4, "baris_data": 1, "dilewati": [(6, "kosong")],
    ...                         "periode_dari": "--tahun"})
    >>> print("\\n".join(ringkasan_bacaan(b)))
      jenis: tabel datar melalui pemetaan
      lembar: Isian; baris judul: 4
      pengali Rupiah: tidak ada (angka Rupiah dibaca seperti tertulis)
      periode: tahun 2025 (--tahun)
      baris dibaca: 1; baris dilewati: 1
        1 baris kosong: baris 6
      jumlah pagu: indikator Rp1.500.000,50 (1 baris)
      jumlah realisasi anggaran: tidak ada
    """
    info = bacaan.info
    jenis = jenis or bacaan.jenis
    layout = info.get("tata_letak")
    lines = [f"  jenis: {_JENIS.get(jenis, jenis)}" + (f" ({layout})" if layout else "")]
    lines.append(f"  lembar: {info.get('lembar') or '?'}; baris judul: {info.get('baris_judul') or '?'}")
    pengali = info.get("pengali") or 1
    lines.append("  pengali Rupiah: " + (f"× {format_angka(pengali, 0)}" + (f" (dari judul \u201c{info['satuan_rupiah']}\u201d)"
                                                                          if info.get("satuan_rupiah") else "")
                                      if pengali != 1 else "tidak ada (angka Rupiah dibaca seperti tertulis)"))
    lines.append(f"  periode: {_periode(bacaan)}")
    dilewati = list(info.get("dilewati") or [])
    lines.append(f"  baris dibaca: {format_angka(info.get('baris_data', 0), 0)}; "
                 f"baris dilewati: {format_angka(len(dilewati), 0)}")
    lines += _dilewati(dilewati)
    if info.get("asal_meta"):
        lines.append("  polaritas dan agregasi:")
        lines += _meta(info["asal_meta"])
    tahap = info.get("tahap") or {}
    for col, label in (("pagu", "pagu"), ("pagu_perubahan", "pagu perubahan"),
                       ("realisasi_anggaran", "realisasi anggaran")):
        sums = _jumlah(bacaan.tabel, col)
        if col == "pagu_perubahan" and not sums:  # only an APBD-P export has a second pagu
            continue
        if col == "pagu" and tahap.get("pagu"):
            label = f"pagu ({tahap['pagu']})"
        lines.append(f"  jumlah {label}: " + ("; ".join(sums) if sums else "tidak ada"))
    return lines
