"""The sentences of the Laporan Hasil Evaluasi (LHE) that follow from the regulation and the LKE
parameters, not from one unit's answers: its purpose, scope and method (the legal basis is the
notebook's own text). Numbers (weights, answer values, predikat bounds) are read from ``parameters/lke/``
and the predikat scale, so a changed parameter file changes the text with it.
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.formatting import format_nilai
from kinerja.core.lke_parameter import ParameterLKE

__all__ = ["metodologi", "penutup", "ruang_lingkup", "tujuan"]


def _angka(values) -> list[str]:
    return list(format_nilai(pd.Series(list(values), dtype=object)))


def _daftar_kata(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"


def tujuan(nama: str, tahun: int) -> str:
    """The purpose of the evaluation, as the regulation states it, for one unit and year."""
    return (f"Evaluasi akuntabilitas kinerja atas {nama} tahun {tahun} bertujuan memperoleh informasi tentang "
            "implementasi Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP), menilai tingkat "
            "implementasinya, memberikan saran perbaikan untuk peningkatan implementasi SAKIP, dan memantau "
            "tindak lanjut rekomendasi hasil evaluasi periode sebelumnya.")


def ruang_lingkup(nama: str, tahun: int, lke: ParameterLKE) -> str:
    """The scope: the komponen evaluated, with their weights.

    Examples
    --------
    >>> from kinerja.core.lke_parameter import muat_lke
    >>> ruang_lingkup("Dinas Kesehatan", 2026, muat_lke())[:120]
    'Evaluasi mencakup penerapan SAKIP pada Dinas Kesehatan tahun 2026 dalam empat komponen: Perencanaan Kinerja (bobot 30), '
    """
    bobot = _angka(lke.komponen["bobot"])
    parts = [f"{n} (bobot {b})" for n, b in zip(lke.komponen["nama"], bobot)]
    jumlah = {4: "empat", 3: "tiga", 5: "lima"}.get(len(parts), str(len(parts)))
    return (f"Evaluasi mencakup penerapan SAKIP pada {nama} tahun {tahun} dalam {jumlah} komponen: "
            f"{_daftar_kata(parts)}, yang masing-masing terdiri atas sub-komponen keberadaan, kualitas dan "
            f"pemanfaatan, dengan {len(lke.kriteria)} kriteria sebagai pertanyaan penuntun.")


def _batas_predikat(lke: ParameterLKE) -> str:
    """The predikat bands in words, from the scale: ``lebih dari 90 AA (Sangat Memuaskan), …``."""
    parts = []
    for kelas in lke.skala.kelas:
        arti = lke.arti.get(kelas.label, "")
        if kelas.batas is None:
            parts.append(f"selebihnya {kelas.label} ({arti})")
        else:
            batas = _angka([kelas.batas])[0]
            kata = "paling sedikit" if kelas.inklusif else "lebih dari"
            parts.append(f"{kata} {batas} {kelas.label} ({arti})")
    return "; ".join(parts)


def metodologi(nama: str, lke: ParameterLKE) -> list[str]:
    """How the evaluation was done and scored, in a few sentences.

    Examples
    --------
    >>> from kinerja.core.lke_parameter import muat_lke
    >>> print(metodologi("Dinas Kesehatan", muat_lke())[1].split(". ")[0])
    Jawaban bernilai AA 100, A 90, BB 80, B 70, CC 60, C 50, D 30 dan E 0 (persen)
    """
    nilai = _angka(lke.jawaban.values())
    jawaban = _daftar_kata([f"{j} {v}" for j, v in zip(lke.jawaban, nilai)])
    pertama = nama[0].upper() + nama[1:]
    return [
        f"Evaluasi dilakukan dengan Lembar Kerja Evaluasi (LKE). {pertama} lebih dahulu menilai dirinya sendiri "
        "(penilaian mandiri); evaluator kemudian menelaah bukti dukung setiap kriteria, melakukan wawancara "
        "dan konfirmasi, lalu memberikan satu jawaban untuk setiap sub-komponen.",
        f"Jawaban bernilai {jawaban} (persen). Nilai sub-komponen adalah bobot × nilai jawaban ÷ 100; nilai "
        "komponen adalah jumlah nilai sub-komponennya; Nilai AKIP adalah jumlah nilai seluruh komponen "
        "(0–100), dihitung persis dan ditulis dengan dua desimal.",
        f"Predikat ditetapkan dari Nilai AKIP: {_batas_predikat(lke)}. Sub-komponen yang belum dijawab tidak "
        "dinilai nol: Nilai AKIP dinyatakan belum lengkap dan predikat belum ditetapkan.",
    ]


def penutup(kabupaten: bool = False) -> list[str]:
    """The closing paragraph of a unit's LHE, printed with the Inspektur's signature so that the
    two stay on one page (none for the kabupaten's recap).

    Examples
    --------
    >>> penutup()[0].split(". ")[1]
    'Demikian laporan hasil evaluasi ini disampaikan untuk dapat ditindaklanjuti.'
    """
    if kabupaten:
        return []
    return ["Tindak lanjut atas rekomendasi ini akan dinilai pada evaluasi tahun berikutnya. Demikian laporan hasil "
            "evaluasi ini disampaikan untuk dapat ditindaklanjuti."]
