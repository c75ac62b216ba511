"""Vocabularies that the parameter files and the engine share, in a module that imports
nothing, so every layer (and the parameter-file models) can use the one list.

Examples
--------
>>> POLARITAS
('positif', 'negatif', 'stabil', 'kualitatif')
"""

__all__ = ["AGREGASI", "ALIAS_AGREGASI", "BERKAS_BERTENTANGAN", "CATATAN_IMPOR", "CATATAN_VERIFIKASI", "POLARITAS",
           "SKALA_BAWAAN", "TANDA_VERIFIKASI", "baca_agregasi"]

# The polarities of an indicator (docs/metodologi.md §2): more is better, less is better,
# within a band, a grade.
POLARITAS = ("positif", "negatif", "stabil", "kualitatif")

# The predikat scale used unless a command or page is told another (parameters/predikat/): here, not in
# kinerja.core.predikat, so that a help text can name it without loading pandas.
SKALA_BAWAAN = "permendagri-86-2017"


# How a note that ``kinerja impor`` wrote while reading a file (not the unit's own keterangan)
# starts in the store, so that documents name it as the reading's and never as the unit's words
# (in words a signed document may hold: no name of the software).
CATATAN_IMPOR = "Catatan pembacaan berkas sumber: "
# The words of such a note when the file contradicts itself (a K of 0 beside its % of 100): the
# documents then ask for verification instead of judging the number.
BERKAS_BERTENTANGAN = "isi berkas bertentangan"


# A value that needs verifying (kinerja.core.kewajaran: the column ``ragu`` of every measurement) is
# printed with this mark after it in every table, and a table holding one prints the note below it,
# the same words in every document: the number is shown, never judged, and kept out of averages.
TANDA_VERIFIKASI = "*)"
CATATAN_VERIFIKASI = (f"{TANDA_VERIFIKASI} Angka perlu diverifikasi (tidak wajar atau tertulis janggal): belum dinilai "
                      "dan tidak dihitung dalam rata-rata maupun peringkat sampai dikonfirmasi.")


# How an indicator's periods combine into a longer period (docs/metodologi.md §4), and the
# words Pemda files write for each: an e-monev workbook's "karakter indikator" is absolut
# (added up) or non absolut (a level).
AGREGASI = ("jumlah", "akhir", "rata-rata", "rasio", "maks", "min")
ALIAS_AGREGASI = {
    "jumlah": "jumlah", "sum": "jumlah", "total": "jumlah", "kumulatif": "jumlah", "absolut": "jumlah",
    "akhir": "akhir", "terakhir": "akhir", "posisi akhir": "akhir", "last": "akhir", "non absolut": "akhir",
    "non-absolut": "akhir", "nonabsolut": "akhir", "tidak kumulatif": "akhir", "non kumulatif": "akhir",
    "rata-rata": "rata-rata", "rata rata": "rata-rata", "rata2": "rata-rata", "rerata": "rata-rata", "mean": "rata-rata",
    "rasio": "rasio", "ratio": "rasio",
    "maks": "maks", "maksimum": "maks", "max": "maks",
    "min": "min", "minimum": "min",
}


def baca_agregasi(teks: object) -> str | None:
    """One written agregasi as one of :data:`AGREGASI`, ``""`` when blank, None when the
    words are not known (the reader names the cell).

    Examples
    --------
    >>> baca_agregasi("Non Absolut"), baca_agregasi(" kumulatif "), baca_agregasi(None), baca_agregasi("kadang")
    ('akhir', 'jumlah', '', None)
    """
    text = " ".join(str(teks).split()).lower() if teks is not None and teks == teks else ""
    return "" if text in ("", "-") else ALIAS_AGREGASI.get(text)
