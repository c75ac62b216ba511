"""The layout every formulir workbook shares, and the records that describe one formulir.

Every workbook carries its identity in a fixed block (rows 3–6, columns A–B): the
formulir code, the unit, the year and, for monthly documents, the month. The column
headers are on rows 8–9, the numbering ``(1) … (N)`` on row 10 and data from row 11.
This module holds those row positions, the unit levels (``TINGKAT``) and the code suffix
of each, the dropdown lists the templates offer (``DAFTAR``), and the :class:`Kolom` and
:class:`Formulir` records; :mod:`kinerja.formulir.kolom` declares each formulir's columns
with them and :mod:`kinerja.formulir.daftar` registers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.core.agregasi import AGREGASI
from kinerja.core.kosakata import POLARITAS
from kinerja.core.periode import NAMA_BULAN

__all__ = [
    "BARIS_DATA",
    "BARIS_NOMOR",
    "DAFTAR",
    "Formulir",
    "Kolom",
    "TINGKAT",
    "kode_formulir",
]

TINGKAT = {
    "kabupaten": "Pemerintah Kabupaten",
    "perangkat_daerah": "Perangkat Daerah",
    "pejabat": "Pejabat Administrator/Pengawas",
    "semua": "Semua unit",
}

BARIS_JUDUL, BARIS_SUBJUDUL = 1, 2
BARIS_IDENTITAS = {"formulir": 3, "unit": 4, "tahun": 5, "bulan": 6}
BARIS_GRUP, BARIS_KEPALA, BARIS_NOMOR, BARIS_DATA = 8, 9, 10, 11

BULAN_KAPITAL = tuple(nama.upper() for nama in NAMA_BULAN)  # as the month dropdown offers them

# Dropdown lists offered in the templates (data validation).
DAFTAR: dict[str, tuple[str, ...]] = {
    "polaritas": POLARITAS,
    "agregasi": AGREGASI,
    "bulan": BULAN_KAPITAL,
    "iku": ("Ya", "Tidak"),
    "jenis_unit": ("kabupaten", "perangkat_daerah", "pejabat"),
    # The PROFIL formulir's parts: Bab I of the LKjIP (aspek strategis, permasalahan utama), the
    # staff and facilities of analysis 6, and the Lampiran "prestasi" and "lain-lain".
    "bagian_profil": ("tugas dan fungsi", "struktur organisasi", "sdm golongan", "sdm pendidikan", "isu strategis",
                      "permasalahan utama", "sarana dan prasarana", "prestasi", "lain-lain"),
    # Levels of a pohon kinerja node, top to bottom (PermenPANRB Nomor 89 Tahun 2021).
    "tingkat_pohon": ("tujuan", "sasaran kabupaten", "sasaran perangkat daerah", "program", "kegiatan", "sub kegiatan",
                      "jabatan"),
    "status_crosscutting": ("diusulkan", "diterima", "ditolak"),
    # The Lembar Kerja Evaluasi (formulir.lke): a kriteria met or not, an answer per sub-komponen
    # (the letters of parameters/lke/skala.yaml; the reader checks against the file), a komponen.
    "terpenuhi": ("Ya", "Tidak"),
    "jawaban_lke": ("AA", "A", "BB", "B", "CC", "C", "D", "E"),
    "komponen_lke": ("1", "2", "3", "4"),
}


@dataclass(frozen=True)
class Kolom:
    """One numbered column: ``field`` is the name ingest gives the values."""

    judul: str
    field: str
    grup: str = ""
    lebar: int = 16
    daftar: str | None = None
    wajib: bool = False
    per_blok: bool = True  # for monthly forms: written once per indicator block


@dataclass(frozen=True)
class Formulir:
    kode: str
    jenis: str
    tingkat: str
    judul: str
    lembar: str
    kolom: tuple[Kolom, ...]
    bulanan: bool = False
    lampiran: Formulir | None = None
    petunjuk: tuple[str, ...] = field(default=())
    dengan_bulan: bool = False  # identity block holds a month (CRAAPK)
    kolom_lama: int = 0  # an older template's column count, still read: the columns after it are optional

    def nomor_sah(self, nomor: list[str]) -> bool:
        """Whether a sheet's numbering row is this formulir's: all its columns, or (``kolom_lama``)
        an older template's first columns with nothing numbered after them.

        Examples
        --------
        >>> from kinerja.formulir.daftar import FORMULIR
        >>> f = FORMULIR["UNIT"]
        >>> f.nomor_sah(f.nomor()), f.nomor_sah(f.nomor()[:6]), f.nomor_sah(f.nomor()[:5])
        (True, True, False)
        """
        full = self.nomor()
        n = len(full) if nomor[: len(full)] == full else self.kolom_lama
        return bool(n) and nomor[:n] == full[:n] and not any(nomor[n:])

    def nomor(self) -> list[str]:
        return [f"({i})" for i in range(1, len(self.kolom) + 1)]

    def fields(self) -> list[str]:
        return [k.field for k in self.kolom]

    def nomor_untuk(self, fields) -> list[str]:
        """The regulation's column number of each field ("(8)"), ``""`` for a column the
        formulir does not have (one kinerja adds, such as predikat).

        Examples
        --------
        >>> from kinerja.formulir.daftar import FORMULIR
        >>> FORMULIR["CRAAPK-PD"].nomor_untuk(["indikator", "realisasi", None])
        ['(3)', '(8)', '']
        """
        where = {k.field: i for i, k in enumerate(self.kolom, start=1)}
        return [f"({where[f]})" if f in where else "" for f in fields]


_SUFFIX = {"kabupaten": "KAB", "perangkat_daerah": "PD", "pejabat": "PEJABAT"}


def _suffix(tingkat: str) -> str:
    return _SUFFIX[tingkat]


def kode_formulir(jenis: str, tingkat: str) -> str:
    """The code of the formulir for a document type and unit level: the one level-suffix rule.

    Examples
    --------
    >>> kode_formulir("craapk", "perangkat_daerah"), kode_formulir("pk", "pejabat"), kode_formulir("renstra", "kabupaten")
    ('CRAAPK-PD', 'PK-PEJABAT', 'RPJMD-KAB')
    """
    nama = jenis.upper()
    if nama in ("RENSTRA", "RPJMD"):
        nama = "RPJMD" if tingkat == "kabupaten" else "RENSTRA"
    return f"{nama}-{_SUFFIX[tingkat]}"
