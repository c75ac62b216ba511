"""Data rows a reader could not read: every one counted, the first named at its cell, the count
of all by reason. A file with such rows is refused (its sums would be short by what was skipped,
with nothing in the loaded numbers to show it); the clerk fixes the rows, or removes them, and
imports again. The one home of this rule for every reader of :mod:`kinerja.impor`.
"""

from __future__ import annotations

from kinerja.core.formatting import format_angka
from kinerja.formulir.masalah import Penampung

__all__ = ["BATAS_DISEBUT", "lewati_baris"]

BATAS_DISEBUT = 20  # rows named one by one per reason; the rest are counted


def lewati_baris(p: Penampung, kode: str, lembar: str, baris: list[tuple[str, str]], alasan: str,
                 tingkat: str = "galat") -> int:
    """Report the data rows skipped for one reason as errors: the first :data:`BATAS_DISEBUT`
    at their cell, then one line with the count of all. Returns how many were skipped. Rows
    that are rightly not data (a form's total rows) are reported the same way as warnings
    (``tingkat="peringatan"``): counted and named, the file still loads.

    Parameters
    ----------
    p : Penampung
        Where the file's problems are collected.
    kode : str
        The rule's code (``I32`` …).
    lembar : str
        The sheet.
    baris : list of (str, str)
        Each skipped row's cell and what was found there, in sheet order.
    alasan : str
        Why they cannot be read, as it ends the count line ("nilainya bukan angka Rupiah").
    tingkat : {"galat", "peringatan"}
        An error (the file is refused) or a warning.

    Returns
    -------
    int
        The number of rows skipped.

    Examples
    --------
    >>> p = Penampung("x.xlsx")
    >>> lewati_baris(p, "I32", "Data", [(f"O{r}", "nilai “x” bukan angka Rupiah") for r in range(5, 30)],
    ...              "nilainya bukan angka Rupiah")
    25
    >>> len(p.daftar), str(p.daftar[-1])
    (21, 'x.xlsx, lembar Data: 25 baris dilewati karena nilainya bukan angka Rupiah (20 yang pertama disebut di atas); berkas tidak dimuat karena jumlahnya tidak lengkap: perbaiki atau hapus baris itu lalu impor lagi')
    """
    report = getattr(p, tingkat)
    for cell, pesan in baris[:BATAS_DISEBUT]:
        report(kode, lembar, cell, f"{pesan}; baris dilewati")
    n = len(baris)
    if n:
        named = f"{BATAS_DISEBUT} yang pertama disebut di atas" if n > BATAS_DISEBUT else "semuanya disebut di atas"
        akibat = ("berkas tidak dimuat karena jumlahnya tidak lengkap: perbaiki atau hapus baris itu lalu impor lagi"
                  if tingkat == "galat" else "baris itu tidak dimuat")
        report(kode, lembar, "", f"{format_angka(n, 0)} baris dilewati karena {alasan} ({named}); {akibat}")
    return n
