"""Sentences on one indicator's capaian (LKjIP analysis 1, CRAAPK): the capaian of the
period, the months not reported, the numbers to verify, and the early warning of a year-end
projection."""

from __future__ import annotations

from kinerja.core.formatting import format_persen
from kinerja.core.kewajaran import DIKONFIRMASI
from kinerja.dokumen.narasi.nilai import _angka, _kosong, nilai_dengan_satuan


def kalimat_capaian(
    indikator: str,
    capaian: float,
    predikat: str | None,
    target: object,
    realisasi: object,
    satuan: str = "",
    periode: str = "",
    ragu: bool = False,
) -> str:
    """The capaian sentence of one indicator, or an honest one when it cannot be computed;
    ``ragu`` (the value needs verifying): its numbers, and that it is not judged until verified.

    Examples
    --------
    >>> kalimat_capaian("IKM", 10628.79, None, 79.2, 8418, "poin", "Januari–Juni 2026", ragu=True)
    'Capaian indikator IKM Januari–Juni 2026 belum dinilai: realisasi 8.418 poin terhadap target 79,20 poin perlu diverifikasi lebih dahulu.'
    """
    waktu = f" {periode}" if periode else ""
    if _kosong(realisasi):
        return (f"Realisasi indikator {indikator}{waktu} belum dilaporkan, sehingga capaiannya belum dapat "
                "dihitung.")
    if ragu:
        return (f"Capaian indikator {indikator}{waktu} belum dinilai: realisasi {nilai_dengan_satuan(realisasi, satuan)} "
                f"terhadap target {nilai_dengan_satuan(target, satuan)} perlu diverifikasi lebih dahulu.")
    if _kosong(capaian):
        return (f"Capaian indikator {indikator}{waktu} tidak dapat dihitung dari target "
                f"{nilai_dengan_satuan(target, satuan)} dan realisasi {nilai_dengan_satuan(realisasi, satuan)}; "
                "lihat catatan perhitungan.")
    label = f" dengan kategori {predikat}" if isinstance(predikat, str) and predikat else ""  # none when flagged
    return (f"Capaian indikator {indikator}{waktu} sebesar {format_persen(capaian)}{label}: realisasi "
            f"{nilai_dengan_satuan(realisasi, satuan)} terhadap target {nilai_dengan_satuan(target, satuan)}.")


def kalimat_kosong(indikator: str, bulan: list[int], keterangan: list[str] | None = None,
                   subjek: str = "perangkat daerah", triwulan: bool = False) -> str:
    """The months (``triwulan``: the quarters, given by their last month) an indicator was
    not reported, with what the unit wrote; ``""`` if none.

    Examples
    --------
    >>> kalimat_kosong("Cakupan imunisasi", [3, 9], ["Data belum tersedia dari sumber"])
    'Realisasi Cakupan imunisasi bulan Maret dan September belum dilaporkan (keterangan perangkat daerah: Data belum tersedia dari sumber); capaian dihitung dari bulan yang dilaporkan saja, target bulan tersebut tidak ikut dihitung.'
    >>> kalimat_kosong("Jumlah dokumen", [6], triwulan=True)[:64]
    'Realisasi Jumlah dokumen triwulan II belum dilaporkan dan perang'
    """
    from kinerja.core.formatting import daftar_bulan, daftar_triwulan

    if not bulan:
        return ""
    said = "; ".join(dict.fromkeys(k.strip().rstrip(".") for k in (keterangan or []) if k and k.strip()))
    when = daftar_triwulan([b // 3 for b in bulan]) if triwulan else f"bulan {daftar_bulan(bulan)}"
    unit = "triwulan" if triwulan else "bulan"
    return (f"Realisasi {indikator} {when} belum dilaporkan"
            + (f" (keterangan {subjek}: {said})" if said else f" dan {subjek} tidak memberi keterangan")
            + f"; capaian dihitung dari {unit} yang dilaporkan saja, target {unit} tersebut tidak ikut dihitung.")


def kalimat_proyeksi(indikator: str, proyeksi: float, bawah: float, atas: float, target: float, capaian: float,
                     status: str, satuan: str = "", catatan: str = "") -> str:
    """The early-warning sentence for an indicator likely to miss its annual target, or
    (status ``pasti tidak tercapai``) certain to: then no projection, but why (``catatan``).

    Examples
    --------
    >>> kalimat_proyeksi("Jumlah pasien", 96, 90, 102, 120, 80, "meleset", "orang")
    'Peringatan dini: dengan kinerja sejauh ini, Jumlah pasien diproyeksikan 96 orang pada akhir tahun (rentang 90 orang–102 orang), capaian 80% terhadap target 120 orang; target tahunan kemungkinan besar tidak tercapai.'
    >>> kalimat_proyeksi("Waktu tanggap", 14, 14, 14, 10, 60, "pasti tidak tercapai", "jam",
    ...                  "nilai terbesar s.d. Juni (14 jam) sudah melampaui target setahun (10 jam)")
    'Peringatan dini: target tahunan Waktu tanggap sudah pasti tidak tercapai: nilai terbesar s.d. Juni (14 jam) sudah melampaui target setahun (10 jam).'
    """
    if status == "pasti tidak tercapai":
        return f"Peringatan dini: target tahunan {indikator} sudah pasti tidak tercapai: {catatan}."
    akhir = ("target tahunan kemungkinan besar tidak tercapai" if status == "meleset"
             else "target tahunan berisiko tidak tercapai bila tidak ada percepatan")
    return (f"Peringatan dini: dengan kinerja sejauh ini, {indikator} diproyeksikan "
            f"{nilai_dengan_satuan(proyeksi, satuan)} pada akhir tahun (rentang {nilai_dengan_satuan(bawah, satuan)}–"
            f"{nilai_dengan_satuan(atas, satuan)}), capaian {_angka(capaian)}% terhadap target "
            f"{nilai_dengan_satuan(target, satuan)}; {akhir}.")


def kalimat_belum_dibandingkan(indikator: str, realisasi: object, satuan: str, pembanding: str) -> str:
    """In place of a comparison (LKjIP analyses 2 to 4) for a value that needs verifying: it is
    named, never called better, worse, met or missed.

    Examples
    --------
    >>> kalimat_belum_dibandingkan("IKM", 8418, "poin", "target akhir periode")
    'Realisasi IKM (8.418 poin) perlu diverifikasi, sehingga belum dibandingkan dengan target akhir periode.'
    """
    return (f"Realisasi {indikator} ({nilai_dengan_satuan(realisasi, satuan)}) perlu diverifikasi, sehingga belum "
            f"dibandingkan dengan {pembanding}.")


def kalimat_peringatan_lainnya(didaftar: int, lainnya: int, batas_capaian: float) -> str:
    """What the shortened early-warning list leaves out, counted: the one sentence the CLI,
    the CRAAPK and the pages print under the list (``""`` when nothing is left out).

    Examples
    --------
    >>> kalimat_peringatan_lainnya(9, 102, 95)
    'Daftar peringatan dini memuat 9 indikator, dan 102 indikator lain diproyeksikan sedikit di bawah target (capaian proyeksi 95% atau lebih, atau rentangnya masih menjangkau target)'
    >>> kalimat_peringatan_lainnya(0, 3, 95)[:62]
    'Daftar peringatan dini tidak memuat indikator, dan 3 indikator'
    """
    from kinerja.core.formatting import format_angka

    if not lainnya:
        return ""
    head = "Daftar peringatan dini " + (f"memuat {format_angka(didaftar, 0)} indikator" if didaftar
                                        else "tidak memuat indikator")
    return (f"{head}, dan {format_angka(lainnya, 0)} indikator lain diproyeksikan sedikit di bawah target (capaian "
            f"proyeksi {format_persen(batas_capaian, 0)} atau lebih, atau rentangnya masih menjangkau target)")


def kalimat_verifikasi(indikator: str, alasan: list[str]) -> str:
    """Why an indicator's number needs verifying before it is used; ``""`` if it does not.

    Examples
    --------
    >>> kalimat_verifikasi("IKM", ["capaian 1.005,00% di atas batas kewajaran 200,00%"])
    'Angka IKM perlu diverifikasi: capaian 1.005,00% di atas batas kewajaran 200,00%. Capaian ini tidak dihitung dalam rata-rata sampai dikonfirmasi.'
    """
    if not alasan:
        return ""
    if DIKONFIRMASI in alasan:
        return f"Angka {indikator} sempat ditandai ({'; '.join(a for a in alasan if a != DIKONFIRMASI)}) dan {DIKONFIRMASI}."
    return (f"Angka {indikator} perlu diverifikasi: {'; '.join(alasan)}. Capaian ini tidak dihitung dalam rata-rata "
            "sampai dikonfirmasi.")
