"""Narrative analysis in Bahasa Indonesia, written from the numbers (no language model).

Every function returns one sentence (or a short paragraph) built from values and the
indicator's polarity, so the same numbers always give the same text. Numbers use
Indonesian formatting (``105,85%``, ``2,30 poin``). Missing data get an honest sentence
instead of a guess. The rules that matter most:

* a fall is good news for a ``negatif`` indicator (angka kemiskinan turun = membaik);
* differences of percentages are in *poin*, not percent;
* a ``stabil`` indicator is judged against its band, a ``kualitatif`` one by its grade.
"""

from __future__ import annotations

import math

import pandas as pd

from .formatting import format_angka, format_persen, nama_bulan

__all__ = [
    "kalimat_anggaran",
    "kalimat_capaian",
    "kalimat_efisiensi",
    "kalimat_keterangan",
    "kalimat_perbandingan",
    "kalimat_renstra",
    "kalimat_standar",
    "ringkasan_capaian",
]


def _kosong(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (not isinstance(x, str) and pd.isna(x))


def nilai_dengan_satuan(nilai: object, satuan: str = "", desimal: int = 2) -> str:
    """``6.12, "%" → "6,12%"``; ``10.38, "tahun" → "10,38 tahun"``; text stays as written."""
    if _kosong(nilai):
        return "–"
    satuan = (satuan or "").strip()
    if isinstance(nilai, str):
        from .parsing import parse_value

        # A number written as text ("8", "18,20") still gets its unit; ranges and grades stay as written.
        if satuan and parse_value(nilai).jenis == "angka":
            return f"{nilai}%" if satuan == "%" else f"{nilai} {satuan}"
        return nilai
    text = format_angka(float(nilai), desimal)
    if desimal and text.endswith("," + "0" * desimal):
        text = text[: -(desimal + 1)]
    if satuan == "%":
        return f"{text}%"
    return f"{text} {satuan}" if satuan else text


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
    label = f" dengan kategori {predikat}" if predikat else ""
    return (f"Capaian indikator {indikator}{waktu} sebesar {format_persen(capaian)}{label}: realisasi "
            f"{nilai_dengan_satuan(realisasi, satuan)} terhadap target {nilai_dengan_satuan(target, satuan)}.")


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
    the capaian engine (:func:`kinerja.capaian.arah_kinerja`), never decided here.

    For ``%`` indicators the difference is in *poin*. A ``negatif`` indicator that falls is
    improving, and the sentence says so; a ``stabil`` indicator is judged against its band
    (``target``), and without it the direction is not judged.

    Examples
    --------
    >>> kalimat_perbandingan("Inflasi", 4.6, 3.5, "stabil", "%", target="3±1")
    'Realisasi Inflasi sebesar 4,60%, naik 1,10 poin dibanding tahun lalu (3,50%), sehingga kinerja memburuk: nilainya menjauh dari rentang target 3±1.'
    >>> kalimat_perbandingan("Inflasi", 3.2, 3.5, "stabil", "%", target="3±1")
    'Realisasi Inflasi sebesar 3,20%, turun 0,30 poin dibanding tahun lalu (3,50%); keduanya berada dalam rentang target 3±1.'
    """
    from .capaian import arah_kinerja

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
    size = f"{format_angka(abs(diff))} {unit}".rstrip()
    if diff == 0:
        return f"Realisasi {indikator} sebesar {nilai_dengan_satuan(now, satuan)}, sama dengan {pembanding}."
    kata = "naik" if diff > 0 else "turun"
    awal = (f"Realisasi {indikator} sebesar {nilai_dengan_satuan(now, satuan)}, {kata} {size} "
            f"dibanding {pembanding} ({nilai_dengan_satuan(before, satuan)})")
    if polaritas == "stabil":
        if arah is None:
            return awal + "; arah kinerjanya tidak dinilai karena rentang targetnya tidak tersedia."
        if arah == 0:
            return awal + f"; keduanya berada dalam rentang target {target}."
        gerak = "mendekati atau masuk ke" if arah == 1 else "menjauh dari"
        return awal + f", sehingga kinerja {_STATUS[arah]}: nilainya {gerak} rentang target {target}."
    if arah is None:
        return awal + "."
    kalimat = awal + f", sehingga kinerja {_STATUS[arah]}."
    if polaritas == "negatif":
        kalimat += " Untuk indikator ini angka yang lebih rendah berarti lebih baik."
    return kalimat


def kalimat_renstra(indikator: str, realisasi: object, target_akhir: object, polaritas: str, satuan: str = "",
                    tahun_akhir: int | None = None) -> str:
    """Progress against the end-of-period (Renstra/RPJMD) target; "met" is the capaian
    engine's (:func:`kinerja.capaian.tercapai`), for every polarity and range target.

    Examples
    --------
    >>> kalimat_renstra("Inflasi", 3.4, "3±1", "stabil", "%", 2029)
    'Realisasi Inflasi (3,40%) telah mencapai target akhir periode tahun 2029 (3±1).'
    """
    from .capaian import tercapai

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
    if isinstance(realisasi, str) or isinstance(target_akhir, str) or polaritas == "stabil":
        return f"Realisasi {indikator} ({shown_r}) belum mencapai target akhir periode{akhir} ({shown_t})."
    r, t = float(realisasi), float(target_akhir)
    unit = "poin" if (satuan or "").strip() == "%" else (satuan or "").strip()
    arah = "diturunkan" if polaritas == "negatif" else "ditingkatkan"
    return (f"Realisasi {indikator} ({shown_r}) masih perlu {arah} {format_angka(abs(t - r))} {unit}".rstrip()
            + f" untuk mencapai target akhir periode{akhir} ({shown_t}).")


def kalimat_standar(indikator: str, realisasi: object, standar: object, polaritas: str, satuan: str = "") -> str:
    """Realisasi against the national standard, or a sentence saying there is none.
    Whether it meets the standard is the capaian engine's answer, as for a target."""
    from .capaian import tercapai

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
    from .anggaran import penyerapan
    from .formatting import format_rupiah

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


def kalimat_keterangan(indikator: str, keterangan: list[str]) -> str:
    """The causes the unit wrote (faktor penghambat/pendukung), or an honest note if none."""
    items = [k.strip().rstrip(".") for k in keterangan if isinstance(k, str) and k.strip()]
    if not items:
        return f"Perangkat daerah belum menuliskan faktor penghambat atau pendukung untuk {indikator}."
    unique = list(dict.fromkeys(items))
    if len(unique) == 1:
        return f"Menurut perangkat daerah, untuk {indikator}: {unique[0]}."
    return f"Menurut perangkat daerah, untuk {indikator}: " + "; ".join(unique) + "."


def ringkasan_capaian(tabel: pd.DataFrame, nama_unit: str, periode: str) -> str:
    """A paragraph on a unit's indicators: how many per predikat, the largest gap, missing data.

    ``tabel`` has ``indikator``, ``capaian`` and ``predikat`` per indicator.
    """
    n = len(tabel)
    if n == 0:
        return f"{nama_unit} belum memiliki indikator kinerja yang dapat diukur untuk {periode}."
    computed = tabel[tabel["capaian"].notna()]
    parts = [f"Pada {periode}, {nama_unit} mengukur {n} indikator kinerja"]
    if computed.empty:
        return parts[0] + ", namun belum satu pun capaiannya dapat dihitung karena realisasi belum dilaporkan."
    counts = computed["predikat"].value_counts()
    parts[0] += "; " + ", ".join(f"{c} berkategori {p}" for p, c in counts.items())
    missing = n - len(computed)
    if missing:
        parts.append(f"{missing} indikator belum dapat dihitung capaiannya karena datanya belum lengkap")
    worst = computed.loc[computed["capaian"].idxmin()]
    if worst["capaian"] < 100:
        parts.append(f"kesenjangan terbesar ada pada {worst['indikator']} dengan capaian "
                     f"{format_persen(worst['capaian'])}")
    else:
        parts.append("seluruh indikator yang terukur telah mencapai atau melampaui targetnya")
    rata = computed["capaian"].mean()
    parts.append(f"rata-rata capaian {format_persen(rata)}")
    return "; ".join(parts) + "."
