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


def _arah(selisih: float, polaritas: str) -> tuple[str, str]:
    """("naik"|"turun", "membaik"|"memburuk") for a nonzero change, read by polarity."""
    naik = selisih > 0
    baik = naik if polaritas != "negatif" else not naik
    return ("naik" if naik else "turun"), ("membaik" if baik else "memburuk")


def kalimat_perbandingan(
    indikator: str,
    sekarang: object,
    dulu: object,
    polaritas: str,
    satuan: str = "",
    pembanding: str = "tahun lalu",
) -> str:
    """Realisasi now against an earlier value, with the direction read by polarity.

    For ``%`` indicators the difference is in *poin*. A ``negatif`` indicator that falls
    is improving; the sentence says so explicitly.
    """
    if _kosong(sekarang) or _kosong(dulu):
        return f"Realisasi {indikator} {pembanding} belum tersedia, sehingga belum dapat dibandingkan."
    if isinstance(sekarang, str) or isinstance(dulu, str):
        from .parsing import parse_value

        if str(sekarang) == str(dulu):
            return f"Realisasi {indikator} tetap {sekarang}, sama dengan {pembanding}."
        a, b = parse_value(sekarang), parse_value(dulu)
        if a.jenis == b.jenis == "kualitatif" and a.skala == b.skala:
            kata, status = _arah(a.peringkat - b.peringkat, "positif")
            return f"Realisasi {indikator} {kata} dari {dulu} ({pembanding}) menjadi {sekarang}, sehingga kinerja {status}."
        return f"Realisasi {indikator} berubah dari {dulu} ({pembanding}) menjadi {sekarang}."
    now, before = float(sekarang), float(dulu)
    diff = now - before
    unit = "poin" if (satuan or "").strip() == "%" else (satuan or "").strip()
    size = f"{format_angka(abs(diff))} {unit}".rstrip()
    if diff == 0:
        return (f"Realisasi {indikator} sebesar {nilai_dengan_satuan(now, satuan)}, sama dengan {pembanding}.")
    kata, status = _arah(diff, polaritas)
    kalimat = (f"Realisasi {indikator} sebesar {nilai_dengan_satuan(now, satuan)}, {kata} {size} "
               f"dibanding {pembanding} ({nilai_dengan_satuan(before, satuan)}), sehingga kinerja {status}.")
    if polaritas == "negatif":
        kalimat += " Untuk indikator ini angka yang lebih rendah berarti lebih baik."
    return kalimat


def kalimat_renstra(indikator: str, realisasi: object, target_akhir: object, polaritas: str, satuan: str = "",
                    tahun_akhir: int | None = None) -> str:
    """Progress against the end-of-period (Renstra/RPJMD) target."""
    akhir = f" tahun {tahun_akhir}" if tahun_akhir else ""
    if _kosong(realisasi) or _kosong(target_akhir):
        return f"Perbandingan {indikator} dengan target akhir periode{akhir} belum dapat dilakukan karena datanya belum lengkap."
    if isinstance(realisasi, str) or isinstance(target_akhir, str):
        status = "sudah sama dengan" if str(realisasi) == str(target_akhir) else "belum mencapai"
        return f"Realisasi {indikator} ({realisasi}) {status} target akhir periode{akhir} ({target_akhir})."
    r, t = float(realisasi), float(target_akhir)
    met = r >= t if polaritas != "negatif" else r <= t
    if met:
        return (f"Realisasi {indikator} ({nilai_dengan_satuan(r, satuan)}) telah mencapai target akhir "
                f"periode{akhir} ({nilai_dengan_satuan(t, satuan)}).")
    gap = abs(t - r)
    unit = "poin" if (satuan or "").strip() == "%" else (satuan or "").strip()
    arah = "diturunkan" if polaritas == "negatif" else "ditingkatkan"
    return (f"Realisasi {indikator} ({nilai_dengan_satuan(r, satuan)}) masih perlu {arah} "
            f"{format_angka(gap)} {unit}".rstrip() + f" untuk mencapai target akhir periode{akhir} "
            f"({nilai_dengan_satuan(t, satuan)}).")


def kalimat_standar(indikator: str, realisasi: object, standar: object, polaritas: str, satuan: str = "") -> str:
    """Realisasi against the national standard, or a sentence saying there is none."""
    if _kosong(standar) or str(standar).strip() == "":
        return f"Indikator {indikator} tidak memiliki standar nasional sebagai pembanding."
    if _kosong(realisasi):
        return f"Realisasi {indikator} belum tersedia untuk dibandingkan dengan standar nasional ({standar})."
    from .parsing import parse_value

    std = parse_value(standar)
    r = float(realisasi)
    if std.jenis == "rentang":
        inside = std.bawah <= r <= std.atas
        where = "berada dalam" if inside else ("di bawah" if r < std.bawah else "di atas")
        return f"Realisasi {indikator} ({nilai_dengan_satuan(r, satuan)}) {where} rentang standar nasional ({standar})."
    s = std.nilai
    better = r <= s if polaritas == "negatif" else r >= s
    return (f"Realisasi {indikator} ({nilai_dengan_satuan(r, satuan)}) "
            f"{'lebih baik dari' if better else 'belum memenuhi'} standar nasional ({nilai_dengan_satuan(s, satuan)}).")


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
