"""Narrative analysis in Bahasa Indonesia, written from the numbers (no language model).

Every function returns one sentence (or a short paragraph) built from values and the
indicator's polarity, so the same numbers always give the same text. Numbers use
Indonesian formatting (``105,85%``, ``2,30 poin``). Missing data get an honest sentence
instead of a guess. The rules that matter most:

* a fall is good news for a ``negatif`` indicator (angka kemiskinan turun = membaik);
* differences of percentages are in *poin*, not percent;
* a ``stabil`` indicator is judged against its band, a ``kualitatif`` one by its grade.

One module per kind of sentence: ``nilai`` (a value as written in a sentence), ``capaian``
(an indicator's capaian, months not reported, numbers to verify, projection), ``banding``
(against last year, the Renstra target, the national standard), ``sebab`` (causes and
solutions the unit wrote), ``anggaran`` (efficiency and budget absorption) and ``ringkasan``
(the paragraph on all of a unit's indicators).
"""

from kinerja.dokumen.narasi.anggaran import kalimat_anggaran, kalimat_efisiensi
from kinerja.dokumen.narasi.banding import kalimat_perbandingan, kalimat_renstra, kalimat_standar
from kinerja.dokumen.narasi.capaian import (kalimat_belum_dibandingkan, kalimat_capaian, kalimat_kosong,
                                           kalimat_peringatan_lainnya, kalimat_proyeksi, kalimat_verifikasi)
from kinerja.dokumen.narasi.nilai import nilai_dengan_satuan
from kinerja.dokumen.narasi.ringkasan import kalimat_predikat_keseluruhan, ringkasan_capaian
from kinerja.dokumen.narasi.sebab import kalimat_keterangan, kalimat_sebab, langkah_mendatang

__all__ = [
    "kalimat_anggaran",
    "kalimat_belum_dibandingkan",
    "kalimat_capaian",
    "kalimat_efisiensi",
    "kalimat_keterangan",
    "kalimat_kosong",
    "kalimat_perbandingan",
    "kalimat_peringatan_lainnya",
    "kalimat_predikat_keseluruhan",
    "kalimat_proyeksi",
    "kalimat_sebab",
    "kalimat_renstra",
    "kalimat_standar",
    "kalimat_verifikasi",
    "langkah_mendatang",
    "nilai_dengan_satuan",
    "ringkasan_capaian",
]
