"""Reading the data a kabupaten already has: the Renja evaluation of Permendagri Nomor 86
Tahun 2017, SIPD-RI exports and flat tables from other applications (``kinerja impor``).

Private modules hold one source each (``renja``, ``sipd``, ``tabel``), the grid every
reader questions (``lembar``), the one long table they all return (``hasil``), which
source a workbook is (``kenali``) and the loading into the store (``muat``).
"""

from kinerja.impor.hasil import KOLOM_HASIL, PERIODE_IMPOR, Bacaan, tulis_hasil
from kinerja.impor.renja import baca_evaluasi_renja

__all__ = ["Bacaan", "KOLOM_HASIL", "PERIODE_IMPOR", "baca_evaluasi_renja", "tulis_hasil"]
