"""Sentences on money (LKjIP analysis 6, CRAAPK): the efficiency of a sasaran (capaian
against budget absorbed) and a program's budget absorption against its pagu and plan."""

from __future__ import annotations

from kinerja.core.formatting import format_angka, format_persen, nama_bulan
from kinerja.dokumen.narasi.nilai import _kosong


def kalimat_efisiensi(indeks: float, selisih: float) -> str:
    """The efficiency sentence (indeks efisiensi and selisih capaian − penyerapan)."""
    if _kosong(indeks):
        return "Efisiensi belum dapat dihitung karena capaian kinerja atau penyerapan anggaran belum tersedia."
    status = "efisien" if indeks >= 1 else "belum efisien"
    return (f"Indeks efisiensi {format_angka(indeks)} ({status}): capaian kinerja "
            f"{'melampaui' if selisih >= 0 else 'tertinggal dari'} penyerapan anggaran sebesar "
            f"{format_angka(abs(selisih))} poin.")


def kalimat_anggaran(program: str, realisasi: float, pagu: float, rencana: float | None = None,
                     bulan: int | None = None) -> str:
    """Budget absorption of a program (to date), against its plan when given."""
    from kinerja.core.anggaran import penyerapan
    from kinerja.core.formatting import format_rupiah

    waktu = f" sampai {nama_bulan(bulan)}" if bulan else ""
    if _kosong(realisasi) or _kosong(pagu) or not pagu:
        return f"Realisasi anggaran {program}{waktu} belum dilaporkan."
    serap = penyerapan(realisasi, pagu)
    kalimat = (f"Penyerapan anggaran {program}{waktu} sebesar {format_persen(serap)} "
               f"({format_rupiah(realisasi)} dari pagu {format_rupiah(pagu)})")
    if rencana is not None and not _kosong(rencana):
        beda = serap - float(rencana)
        kalimat += (f", {'di atas' if beda >= 0 else 'di bawah'} rencana ({format_persen(rencana)}) "
                    f"sebesar {format_angka(abs(beda))} poin")
    return kalimat + "."
