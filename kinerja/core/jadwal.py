"""Deadlines: by when each level sends its reports (one table, read by kepatuhan, the
formulir's instructions, the documents and the pages)."""

from __future__ import annotations

__all__ = ["BATAS_HARI", "BATAS_TRIWULAN_HARI", "batas_teks"]

# The one deadline table: the day of the next month by which each level sends its monthly
# CRAAPK (Peraturan Bupati Buleleng Nomor 59 Tahun 2023).
BATAS_HARI: dict[str, int] = {"perangkat_daerah": 5, "kabupaten": 10}

# Quarterly monitoring and the laporan kinerja triwulanan: at the latest this many days after
# the quarter ends (the ministry regulation on SAKIP indexed in docs/metodologi.md §1).
BATAS_TRIWULAN_HARI = 20


def batas_teks() -> str:
    """The deadlines as users read them.

    Examples
    --------
    >>> batas_teks()
    'tanggal 5 bulan berikutnya (perangkat daerah), tanggal 10 (pemerintah kabupaten)'
    """
    return (f"tanggal {BATAS_HARI['perangkat_daerah']} bulan berikutnya (perangkat daerah), "
            f"tanggal {BATAS_HARI['kabupaten']} (pemerintah kabupaten)")
