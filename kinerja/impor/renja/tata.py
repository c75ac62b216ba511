"""The layouts of the Renja and RKPD evaluation form that kinerja reads, as data, and how a
header is matched to one of them.

Every layout numbers its columns 1, 2, 3 … on one row, but the same number holds different
things: (5) is the satuan in Permendagri 86/2017 and the RPJMD target in the older layout of
Permendagri 54/2010. A layout is therefore a table of its numbered columns: what each holds
(its *role*, written as the number the Permendagri 86/2017 form gives it, so that the rows
are read by one reader), the words its header text must say and the words it must not. A
header is taken for the layout whose texts it matches best; any numbered column of that
layout whose header does not say what the layout expects stops the file (I02), at the
numbering cell, with what was found and what was expected.

* Permendagri 86/2017: columns (1)…(15) (more may follow), sasaran in (2), satuan in (5).
* Permendagri 54/2010, Evaluasi terhadap Hasil Renja: columns 1–17, kode in 2, no sasaran
  and no satuan column (the satuan sits inside the span of a target column, under its "K"),
  a printed capaian of the year in 13, Rupiah often in thousands ("Rp. (000)").
* Evaluasi terhadap Hasil RKPD (the same columns, numbered 1–16, without Keterangan).
* Permendagri 86/2017 as the regulation prints it, with a Kode column (3) between sasaran and
  urusan, a printed capaian of the year, numbered 1–19 (1–18 without the Satuan column).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.core.periode import cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel

__all__ = ["CAPAIAN", "KODE", "TATA_LETAK", "Kolom", "TataLetak", "kenali_tata", "teks_kepala"]

KODE = 0  # role of the Kode column (54/2010 column 2); Permendagri 86/2017 has none
CAPAIAN = 23  # role of the printed capaian of the year (54/2010 column 13); 86/2017 has none


@dataclass(frozen=True)
class Kolom:
    """One numbered column of a layout: its role (the Permendagri 86/2017 number of what it
    holds, or :data:`KODE` / :data:`CAPAIAN`), what it holds in words, the word groups its
    header must mention (one word of every group) and the words it must not mention."""

    peran: int
    isi: str
    kata: tuple[tuple[str, ...], ...]
    bukan: tuple[str, ...] = ()


@dataclass(frozen=True)
class TataLetak:
    """A layout: its name, its numbered columns by the number printed in the file, its last
    number (None: any) and the roles whose span holds the satuan under their "K"."""

    nama: str
    kolom: dict[int, Kolom]
    nomor_akhir: int | None = None
    satuan_di: tuple[int, ...] = field(default=())

    def nomor(self, peran: int) -> int | None:
        """The number this layout prints over the column of ``peran``."""
        return next((n for n, k in self.kolom.items() if k.peran == peran), None)


# A quarter's column must say it holds realisasi: a header "Target … Triwulan" over it is another table.
_TW = {q: Kolom(8 + q, f"realisasi triwulan {'I' * q if q < 4 else 'IV'}", (("triwulan",), ("realisasi",)),
                ("target",)) for q in range(1, 5)}

PERMENDAGRI_86 = TataLetak("Permendagri 86/2017", {
    2: Kolom(2, "sasaran perangkat daerah", (("sasaran",),)),
    3: Kolom(3, "urusan/program/kegiatan", (("program", "kegiatan", "urusan"),)),
    4: Kolom(4, "indikator kinerja", (("indikator",),)),
    5: Kolom(5, "satuan", (("satuan",),)),
    6: Kolom(6, "target Renstra pada akhir periode", (("target",),)),
    7: Kolom(7, "realisasi Renstra sampai tahun lalu", (("realisasi",),)),
    8: Kolom(8, "target Renja tahun berjalan", (("target",),)),
    **{8 + q: k for q, k in _TW.items()},
    13: Kolom(13, "realisasi tahun berjalan", (("realisasi",),)),
    14: Kolom(14, "realisasi Renstra sampai tahun berjalan", (("realisasi",),)),
    15: Kolom(15, "tingkat capaian Renstra", (("capaian",),)),
})

_PANJANG = ("rpjmd", "renstra")  # the five-year plan's words
_TAHUNAN = ("rkpd", "renja", "berjalan", "dievaluasi")  # the year's plan's words
_KOLOM_54 = {
    2: Kolom(KODE, "kode", (("kode",),)),
    3: Kolom(3, "urusan/program/kegiatan", (("program", "kegiatan", "urusan"),)),
    4: Kolom(4, "indikator kinerja", (("indikator",),)),
    5: Kolom(6, "target RPJMD/Renstra pada akhir periode", (("target",), _PANJANG), ("berjalan", "dievaluasi")),
    6: Kolom(7, "realisasi RPJMD/Renstra sampai tahun lalu", (("realisasi",), ("lalu", "n-2", "sebelum"))),
    7: Kolom(8, "target tahun berjalan", (("target",), _TAHUNAN), _PANJANG),
    **{7 + q: k for q, k in _TW.items()},
    12: Kolom(13, "realisasi tahun berjalan", (("realisasi",), _TAHUNAN), (*_PANJANG, "lalu", "tingkat")),
    13: Kolom(CAPAIAN, "tingkat capaian tahun berjalan (%)", (("capaian",), _TAHUNAN + ("n-1",)), _PANJANG),
    14: Kolom(14, "realisasi RPJMD/Renstra sampai tahun berjalan", (("realisasi",), _PANJANG), ("lalu", "tingkat")),
    15: Kolom(15, "tingkat capaian RPJMD/Renstra (%)", (("capaian",), _PANJANG)),
}
PERMENDAGRI_54 = TataLetak("Permendagri 54/2010, kolom 1\u201317", _KOLOM_54, 17, (6, 8))
RKPD = TataLetak("Evaluasi terhadap Hasil RKPD, kolom 1\u201316", _KOLOM_54, 16, (6, 8))



def _dengan_kode(satuan: bool) -> dict[int, Kolom]:
    """The Permendagri 86/2017 form as the regulation prints it: (1) no, (2) sasaran, (3) kode,
    (4) urusan/program/kegiatan, (5) indikator, (6) satuan, then the 54/2010 columns from the
    Renstra's target on (target, realisasi to last year, the year's target, the quarters, the
    year's realisasi and its capaian, the Renstra's realisasi and capaian), the unit responsible and
    keterangan; without satuan every number after (5) one less."""
    cols = [PERMENDAGRI_86.kolom[2], _KOLOM_54[2], _KOLOM_54[3], _KOLOM_54[4]]
    cols += [PERMENDAGRI_86.kolom[5]] if satuan else []
    cols += [_KOLOM_54[n] for n in range(5, 16)]
    cols += [Kolom(16, "unit perangkat daerah penanggung jawab", (("penanggung", "unit"),)),
             Kolom(17, "keterangan", (("keterangan",),))]
    return {n: k for n, k in enumerate(cols, start=2)}


PERMENDAGRI_86_KODE = TataLetak("Permendagri 86/2017 dengan kolom Kode", _dengan_kode(True))
PERMENDAGRI_86_KODE_TANPA_SATUAN = TataLetak("Permendagri 86/2017 dengan kolom Kode, tanpa kolom Satuan",
                                             _dengan_kode(False), satuan_di=(6, 8))

TATA_LETAK = (PERMENDAGRI_86, PERMENDAGRI_54, RKPD, PERMENDAGRI_86_KODE, PERMENDAGRI_86_KODE_TANPA_SATUAN)


def teks_kepala(grid: Grid, baris: int, kolom: int) -> str:
    """The header text above the numbering row in ``kolom`` (up to six rows), lower case."""
    return " ".join(grid.teks(r, kolom) for r in range(max(1, baris - 6), baris)).lower()


def _salah(grid: Grid, baris: int, kolom: int, nomor: int, k: Kolom) -> bool:
    """Whether the header above numbered column ``nomor`` (sheet column ``kolom``) fails to
    say what ``k`` holds: a word group it does not mention, a word it must not, or, for a
    quarter, another quarter's number."""
    text = teks_kepala(grid, baris, kolom)
    if not all(any(w in text for w in group) for group in k.kata) or any(w in text for w in k.bukan):
        return True
    if 9 <= k.peran <= 12:
        quarter = _triwulan_kolom(grid, baris, kolom)
        return quarter is not None and quarter != k.peran - 8
    return False


def kenali_tata(grid: Grid, kepala: dict, p: Penampung) -> TataLetak:
    """The layout whose header texts the header found by :func:`~kinerja.impor.renja.kepala.cari_kepala`
    matches best (fewest columns that say something else; at a tie, the one whose last number
    is the file's); every column of it whose header does not say what it holds is an error
    (I02) in ``p``, and then nothing of the file may be read."""
    where = kepala["nomor_kolom"]
    last = max(where)

    def wrong(tata: TataLetak) -> list[int]:
        return [n for n, k in tata.kolom.items() if n in where and _salah(grid, kepala["baris"], where[n], n, k)]

    ranked = sorted(TATA_LETAK, key=lambda t: (len(wrong(t)), t.nomor_akhir not in (None, last),
                                                t.nomor_akhir is None))
    best = ranked[0]
    others = "; ".join(t.nama for t in TATA_LETAK if t is not best)
    for n in wrong(best):
        c = where[n]
        found = pendek(_judul_kolom(grid, kepala["baris"], c), 80) or "(kosong)"
        p.galat("I02", grid.lembar, sel(kepala["baris"], c),
                f"kolom ({n}) berjudul \u201c{found}\u201d, padahal pada tata letak yang paling mirip "
                f"({best.nama}) kolom ({n}) berisi {best.kolom[n].isi}; berkas tidak dibaca agar tidak ada angka "
                f"yang diambil dari kolom yang salah (tata letak lain yang dikenali: {others})")
    return best


def _triwulan_kolom(grid: Grid, baris: int, kolom: int) -> int | None:
    """The quarter the header above the numbering row names in ``kolom``, read from the rows
    nearest to it first ("Triwulan" and "I" may sit in two rows; a title merged over every
    column, "Triwulan IV Tahun 2025", lies further up)."""
    for awal in range(baris - 1, max(0, baris - 7), -1):
        quarter = cari_triwulan(" ".join(grid.teks(r, kolom) for r in range(awal, baris)))
        if quarter is not None:
            return quarter
    return None


def _judul_kolom(grid: Grid, baris: int, kolom: int) -> str:
    """The header texts above the numbering row in ``kolom`` as written, each once."""
    texts = [" ".join(grid.teks(r, kolom).split()) for r in range(max(1, baris - 6), baris)]
    return " / ".join(dict.fromkeys(t for t in texts if t))
