"""Sentences on one indicator's capaian (LKjIP analysis 1, CRAAPK): the capaian of the
period, the months not reported, the numbers to verify, and the early warning of a year-end
projection."""

from __future__ import annotations

from kinerja.core.formatting import format_persen
from kinerja.dokumen.narasi.nilai import _angka, _kosong, nilai_dengan_satuan


def kalimat_capaian(
    indikator: str,
    capaian: float,
    predikat: str | None,
    target: object,
    realisasi: object,
    satuan: str = "",
    periode: str = "",
) -> str:
    """The capaian sentence of one indicator, or an honest one when it cannot be computed."""
    waktu = f" {periode}" if periode else ""
    if _kosong(realisasi):
        return (f"Realisasi indikator {indikator}{waktu} belum dilaporkan, sehingga capaiannya belum dapat "
                "dihitung.")
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
                     status: str, satuan: str = "") -> str:
    """The early-warning sentence for an indicator likely to miss its annual target.

    Examples
    --------
    >>> kalimat_proyeksi("Jumlah pasien", 96, 90, 102, 120, 80, "meleset", "orang")
    'Peringatan dini: dengan kinerja sejauh ini, Jumlah pasien diproyeksikan 96 orang pada akhir tahun (rentang 90 orang–102 orang), capaian 80% terhadap target 120 orang; target tahunan kemungkinan besar tidak tercapai.'
    """
    akhir = ("target tahunan kemungkinan besar tidak tercapai" if status == "meleset"
             else "target tahunan berisiko tidak tercapai bila tidak ada percepatan")
    return (f"Peringatan dini: dengan kinerja sejauh ini, {indikator} diproyeksikan "
            f"{nilai_dengan_satuan(proyeksi, satuan)} pada akhir tahun (rentang {nilai_dengan_satuan(bawah, satuan)}–"
            f"{nilai_dengan_satuan(atas, satuan)}), capaian {_angka(capaian)}% terhadap target "
            f"{nilai_dengan_satuan(target, satuan)}; {akhir}.")


def kalimat_verifikasi(indikator: str, alasan: list[str]) -> str:
    """Why an indicator's number needs verifying before it is used; ``""`` if it does not.

    Examples
    --------
    >>> kalimat_verifikasi("IKM", ["capaian 1.005,00% di atas batas kewajaran 200,00%"])
    'Angka IKM perlu diverifikasi: capaian 1.005,00% di atas batas kewajaran 200,00%. Capaian ini tidak dihitung dalam rata-rata sampai dikonfirmasi.'
    """
    if not alasan:
        return ""
    if "telah dikonfirmasi evaluator" in alasan:
        return f"Angka {indikator} sempat ditandai ({'; '.join(a for a in alasan if a != 'telah dikonfirmasi evaluator')}) dan telah dikonfirmasi evaluator."
    return (f"Angka {indikator} perlu diverifikasi: {'; '.join(alasan)}. Capaian ini tidak dihitung dalam rata-rata "
            "sampai dikonfirmasi.")
