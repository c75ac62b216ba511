"""The one registry of documents kinerja builds: type, levels, notebook, outputs.

Read by the batch (which documents to run for which unit, with which parameters), the
command line (choices), the pages (download links) and the tests (the contract every
notebook's ``parameters`` cell must meet). Levels are the unit kinds of the Daftar Unit;
each document has one notebook, and the notebook reads the level from the unit.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DOKUMEN", "TINGKAT", "Dokumen", "dokumen"]

# Unit kinds (``unit.jenis``) and how documents name them.
TINGKAT: dict[str, str] = {
    "kabupaten": "Pemerintah Kabupaten",
    "perangkat_daerah": "Perangkat Daerah",
    "pejabat": "Pejabat Administrator/Pengawas",
}


@dataclass(frozen=True)
class Dokumen:
    """One document type.

    ``berkas`` are the files rendered from the executed notebook (besides the notebook
    itself); ``formulir`` says whether the notebook also writes a spreadsheet
    ``<kode>.xlsx`` into its ``keluaran`` folder (the filled formulir; for the pohon
    kinerja, its findings table).
    """

    kode: str
    judul: str
    tingkat: tuple[str, ...]
    notebook: str
    bulanan: bool = False
    formulir: bool = True
    berkas: tuple[str, ...] = ("html", "pdf", "docx")
    melintang: bool = False  # landscape pages: a form too wide for portrait (Evaluasi Renja, 25 columns)
    tambahan: tuple[str, ...] = ()  # parameters of this document only, after the common ones (a copy may set them)

    @property
    def parameter(self) -> tuple[str, ...]:
        """The parameters the notebook's ``parameters`` cell must declare, in order."""
        return ("unit", "tahun", *(("bulan",) if self.bulanan else ()), "db", "skala", "keluaran", *self.tambahan)


# The Inspektur who signs an LHE or its recap: a kabupaten's copy of the notebook names him (the Daftar
# Unit holds positions, not people); empty, the lines are dotted.
_INSPEKTUR = ("nama_inspektur", "nip_inspektur")

DOKUMEN: dict[str, Dokumen] = {d.kode: d for d in (
    # The Perbup's forms are wide (RKT 13, RAAPK 12, CRAAPK 18 columns): landscape, as printed.
    Dokumen("rkt", "Rencana Kinerja Tahunan (RKT)", ("kabupaten", "perangkat_daerah"), "rkt.ipynb", melintang=True),
    Dokumen("pk", "Perjanjian Kinerja (PK)", ("kabupaten", "perangkat_daerah", "pejabat"), "pk.ipynb"),
    Dokumen("raapk", "Rencana Aksi atas Perjanjian Kinerja (RAAPK)", ("kabupaten", "perangkat_daerah"),
            "raapk.ipynb", melintang=True),
    # A pejabat's CRAAPK: the realisasi of the indicators his perangkat daerah cascaded to him.
    Dokumen("craapk", "Capaian Rencana Aksi atas Perjanjian Kinerja (CRAAPK)",
            ("kabupaten", "perangkat_daerah", "pejabat"), "craapk.ipynb", bulanan=True, melintang=True),
    # The LKjIP's Dasar Hukum names the Pemda's own regulation on measuring performance when a
    # kabupaten's copy sets it (its number and title); empty, the item is left out.
    Dokumen("lkjip", "Laporan Kinerja Instansi Pemerintah (LKjIP)", ("kabupaten", "perangkat_daerah"),
            "lkjip.ipynb", formulir=False, tambahan=("peraturan_daerah",)),
    Dokumen("evaluasi-renja", "Evaluasi terhadap Hasil Renja/RKPD (triwulanan)", ("kabupaten", "perangkat_daerah"),
            "evaluasi_renja.ipynb", bulanan=True, melintang=True),
    Dokumen("triwulanan", "Laporan Kinerja Triwulanan", ("kabupaten", "perangkat_daerah"), "triwulanan.ipynb",
            bulanan=True, formulir=False),
    Dokumen("pohon-kinerja", "Pohon Kinerja dan Keselarasan", ("kabupaten", "perangkat_daerah"), "pohon_kinerja.ipynb",
            bulanan=True),
    # The Inspektorat's evaluasi AKIP (Peraturan Menteri PANRB Nomor 88 Tahun 2021): a Laporan Hasil
    # Evaluasi per perangkat daerah, and for the kabupaten the recap and ranking of all of them.
    Dokumen("lhe", "Laporan Hasil Evaluasi AKIP", ("perangkat_daerah",), "lhe.ipynb", formulir=False,
            tambahan=_INSPEKTUR),
    Dokumen("rekap-lke", "Rekapitulasi Hasil Evaluasi AKIP Perangkat Daerah", ("kabupaten",), "rekap_lke.ipynb",
            formulir=False, tambahan=_INSPEKTUR),

    # The kertas kerja reviu (reviu.xlsx, to be filled in) and, for the kabupaten, the Pernyataan Telah Direviu.
    Dokumen("reviu", "Kertas Kerja Reviu LKjIP dan Pernyataan Telah Direviu", ("kabupaten", "perangkat_daerah"),
            "reviu.ipynb"),
)}


def dokumen(kode: str) -> Dokumen:
    """The registered document ``kode``, or an Indonesian error naming the choices.

    Examples
    --------
    >>> dokumen("craapk").parameter
    ('unit', 'tahun', 'bulan', 'db', 'skala', 'keluaran')
    >>> dokumen("lkjip").tingkat
    ('kabupaten', 'perangkat_daerah')
    """
    from kinerja.core.errors import KinerjaError

    if kode not in DOKUMEN:
        raise KinerjaError(f"dokumen tidak dikenal: {kode}; yang tersedia: {', '.join(DOKUMEN)}")
    return DOKUMEN[kode]
