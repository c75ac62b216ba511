"""Sentences comparing a realisasi with a reference (LKjIP analyses 2 to 4): an earlier
value (last year, the same months of last year), the end-of-period Renstra/RPJMD target and
the national standard. Better or worse, met or not, is always the capaian engine's answer
(:mod:`kinerja.core.capaian`), for every polarity."""

from __future__ import annotations

from kinerja.dokumen.narasi.nilai import _angka, _kosong, nilai_dengan_satuan

_STATUS = {1: "membaik", -1: "memburuk", 0: "tidak berubah"}


def kalimat_perbandingan(
    indikator: str,
    sekarang: object,
    dulu: object,
    polaritas: str,
    satuan: str = "",
    pembanding: str = "tahun lalu",
    target: object = None,
) -> str:
    """Realisasi now against an earlier value; whether that is better or worse is asked of
    the capaian engine (:func:`kinerja.core.capaian.arah_kinerja`), never decided here.

    For ``%`` indicators the difference is in *poin*. A ``negatif`` indicator that falls is
    improving, and the sentence says so; a ``stabil`` indicator is judged against its band
    (``target``), and without it the direction is not judged.

    Examples
    --------
    >>> kalimat_perbandingan("Inflasi", 4.6, 3.5, "stabil", "%", target="3±1")
    'Realisasi Inflasi sebesar 4,60%, naik 1,10 poin dibanding tahun lalu (3,50%), sehingga kinerja memburuk: nilainya menjauh dari rentang target 3±1%.'
    >>> kalimat_perbandingan("Inflasi", 3.2, 3.5, "stabil", "%", target="3±1")
    'Realisasi Inflasi sebesar 3,20%, turun 0,30 poin dibanding tahun lalu (3,50%); keduanya berada dalam rentang target 3±1%.'
    """
    from kinerja.core.capaian import arah_kinerja

    if _kosong(sekarang) or _kosong(dulu):
        return f"Realisasi {indikator} {pembanding} belum tersedia, sehingga belum dapat dibandingkan."
    arah = arah_kinerja(sekarang, dulu, polaritas, target)
    if isinstance(sekarang, str) or isinstance(dulu, str):
        if str(sekarang) == str(dulu):
            return f"Realisasi {indikator} tetap {sekarang}, sama dengan {pembanding}."
        if arah in (1, -1):
            kata = "naik" if arah == 1 else "turun"
            return (f"Realisasi {indikator} {kata} dari {dulu} ({pembanding}) menjadi {sekarang}, sehingga kinerja "
                    f"{_STATUS[arah]}.")
        return f"Realisasi {indikator} berubah dari {dulu} ({pembanding}) menjadi {sekarang}."
    now, before = float(sekarang), float(dulu)
    diff = now - before
    unit = "poin" if (satuan or "").strip() == "%" else (satuan or "").strip()
    size = f"{_angka(abs(diff))} {unit}".rstrip()
    if diff == 0:
        return f"Realisasi {indikator} sebesar {nilai_dengan_satuan(now, satuan)}, sama dengan {pembanding}."
    kata = "naik" if diff > 0 else "turun"
    awal = (f"Realisasi {indikator} sebesar {nilai_dengan_satuan(now, satuan)}, {kata} {size} "
            f"dibanding {pembanding} ({nilai_dengan_satuan(before, satuan)})")
    if polaritas == "stabil":
        if arah is None:
            return awal + "; arah kinerjanya tidak dinilai karena rentang targetnya tidak tersedia."
        if arah == 0:
            return awal + f"; keduanya berada dalam rentang target {nilai_dengan_satuan(target, satuan)}."
        gerak = "mendekati atau masuk ke" if arah == 1 else "menjauh dari"
        return (awal + f", sehingga kinerja {_STATUS[arah]}: nilainya {gerak} rentang target "
                f"{nilai_dengan_satuan(target, satuan)}.")
    if arah is None:
        return awal + "."
    kalimat = awal + f", sehingga kinerja {_STATUS[arah]}."
    if polaritas == "negatif":
        kalimat += " Untuk indikator ini angka yang lebih rendah berarti lebih baik."
    return kalimat


def kalimat_renstra(indikator: str, realisasi: object, target_akhir: object, polaritas: str, satuan: str = "",
                    tahun_akhir: int | None = None) -> str:
    """Progress against the end-of-period (Renstra/RPJMD) target; "met" is the capaian
    engine's (:func:`kinerja.core.capaian.tercapai`), for every polarity and range target.

    Examples
    --------
    >>> kalimat_renstra("Inflasi", 3.4, "3±1", "stabil", "%", 2029)
    'Realisasi Inflasi (3,40%) telah mencapai target akhir periode tahun 2029 (3±1%).'
    >>> kalimat_renstra("Inflasi", 1.37, "3±1", "stabil", "%", 2029)
    'Realisasi Inflasi (1,37%) berada di bawah rentang target akhir periode tahun 2029 (3±1%).'
    """
    from kinerja.core.capaian import tercapai

    akhir = f" tahun {tahun_akhir}" if tahun_akhir else ""
    if _kosong(realisasi) or _kosong(target_akhir):
        return f"Perbandingan {indikator} dengan target akhir periode{akhir} belum dapat dilakukan karena datanya belum lengkap."
    met = tercapai(target_akhir, realisasi, polaritas)
    shown_r, shown_t = nilai_dengan_satuan(realisasi, satuan), nilai_dengan_satuan(target_akhir, satuan)
    if met is None:
        return (f"Realisasi {indikator} ({shown_r}) belum dapat dibandingkan dengan target akhir periode{akhir} "
                f"({shown_t}).")
    if met:
        return f"Realisasi {indikator} ({shown_r}) telah mencapai target akhir periode{akhir} ({shown_t})."
    sisi = _sisi_rentang(realisasi, target_akhir)
    if sisi:
        return f"Realisasi {indikator} ({shown_r}) {sisi} rentang target akhir periode{akhir} ({shown_t})."
    if isinstance(realisasi, str) or isinstance(target_akhir, str) or polaritas == "stabil":
        return f"Realisasi {indikator} ({shown_r}) belum mencapai target akhir periode{akhir} ({shown_t})."
    r, t = float(realisasi), float(target_akhir)
    unit = "poin" if (satuan or "").strip() == "%" else (satuan or "").strip()
    arah = "diturunkan" if polaritas == "negatif" else "ditingkatkan"
    return (f"Realisasi {indikator} ({shown_r}) masih perlu {arah} {_angka(abs(t - r))} {unit}".rstrip()
            + f" untuk mencapai target akhir periode{akhir} ({shown_t}).")


def _sisi_rentang(realisasi: object, target: object) -> str:
    """"berada di bawah"/"berada di atas" for a number outside a range target, else ``""``:
    outside a band a value is neither short of nor beyond it, but on one side."""
    from kinerja.core.parsing import parse_value

    band, value = parse_value(target), parse_value(realisasi)
    if band.jenis != "rentang" or value.jenis != "angka":
        return ""
    if value.nilai < band.bawah:
        return "berada di bawah"
    return "berada di atas" if value.nilai > band.atas else ""


def kalimat_standar(indikator: str, realisasi: object, standar: object, polaritas: str, satuan: str = "") -> str:
    """Realisasi against the national standard, or a sentence saying there is none.
    Whether it meets the standard is the capaian engine's answer, as for a target."""
    from kinerja.core.capaian import tercapai

    if _kosong(standar) or str(standar).strip() == "":
        return f"Indikator {indikator} tidak memiliki standar nasional sebagai pembanding."
    if _kosong(realisasi):
        return f"Realisasi {indikator} belum tersedia untuk dibandingkan dengan standar nasional ({standar})."
    met = tercapai(standar, realisasi, polaritas)
    shown = nilai_dengan_satuan(realisasi, satuan)
    if met is None:
        return f"Realisasi {indikator} ({shown}) tidak dapat dibandingkan dengan standar nasional ({standar})."
    return (f"Realisasi {indikator} ({shown}) {'memenuhi' if met else 'belum memenuhi'} standar nasional "
            f"({nilai_dengan_satuan(standar, satuan)}).")
