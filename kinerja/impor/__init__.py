"""Reading the data a kabupaten already has: the Renja evaluation of Permendagri Nomor 86
Tahun 2017, SIPD-RI exports and flat tables from other applications (``kinerja impor``).

Private modules hold one source each (``renja``, ``sipd``, ``tabel``), the grid every
reader questions (``lembar``), the one long table they all return (``hasil``), which
source a workbook is (``kenali``), the count of rows a reader skips (``lewat``: every one
named or counted, a file with unreadable data rows refused) and the loading into the store
(``muat``, which refuses satuan, polaritas or agregasi other than the store's PK/Renstra, I39).
"""

from kinerja.impor.hasil import KOLOM_HASIL, PERIODE_IMPOR, Bacaan, tulis_hasil
from kinerja.impor.renja import baca_evaluasi_renja

__all__ = ["Bacaan", "KOLOM_HASIL", "PERIODE_IMPOR", "baca_evaluasi_renja", "tulis_hasil"]
