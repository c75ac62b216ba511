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
import re

import pandas as pd

from kinerja.core.berjenjang import capaian_unit
from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import format_angka, format_persen, nama_bulan

__all__ = [
    "kalimat_anggaran",
    "kalimat_capaian",
    "kalimat_efisiensi",
    "kalimat_keterangan",
    "kalimat_kosong",
    "kalimat_perbandingan",
    "kalimat_sebab",
    "kalimat_renstra",
    "kalimat_standar",
    "kalimat_verifikasi",
    "ringkasan_capaian",
]


def _awal_kapital(teks: str) -> str:
    """The first letter capitalised, the rest as written ("perangkat daerah" → "Perangkat daerah")."""
    return teks[:1].upper() + teks[1:]


def _kosong(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (not isinstance(x, str) and pd.isna(x))


def _angka(x: float, desimal: int = 2) -> str:
    """A number in a sentence: Indonesian format, no decimals when it is whole (a count)."""
    text = format_angka(float(x), desimal)
    return text[: -(desimal + 1)] if desimal and text.endswith("," + "0" * desimal) else text


def nilai_dengan_satuan(nilai: object, satuan: str = "", desimal: int = 2) -> str:
    """``6.12, "%" → "6,12%"``; ``10.38, "tahun" → "10,38 tahun"``; text stays as written."""
    if _kosong(nilai):
        return "–"
    satuan = (satuan or "").strip()
    if isinstance(nilai, str):
        from kinerja.core.parsing import parse_value

        # A number, range or bound written as text ("8", "3±1", "kurang dari 49") gets its unit;
        # grades stay as written.
        if satuan and parse_value(nilai).jenis in ("angka", "rentang", "batas_atas", "batas_bawah"):
            return f"{nilai}%" if satuan == "%" else f"{nilai} {satuan}"
        return nilai
    text = _angka(float(nilai), desimal)
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
    if isinstance(realisasi, str) or isinstance(target_akhir, str) or polaritas == "stabil":
        return f"Realisasi {indikator} ({shown_r}) belum mencapai target akhir periode{akhir} ({shown_t})."
    r, t = float(realisasi), float(target_akhir)
    unit = "poin" if (satuan or "").strip() == "%" else (satuan or "").strip()
    arah = "diturunkan" if polaritas == "negatif" else "ditingkatkan"
    return (f"Realisasi {indikator} ({shown_r}) masih perlu {arah} {_angka(abs(t - r))} {unit}".rstrip()
            + f" untuk mencapai target akhir periode{akhir} ({shown_t}).")


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


def kalimat_keterangan(indikator: str, keterangan: list[str], subjek: str = "perangkat daerah") -> str:
    """The causes the unit wrote (faktor penghambat/pendukung), or an honest note if none.
    ``subjek`` names who wrote them (perangkat daerah, Pemerintah Kabupaten, pejabat)."""
    items = [k.strip().rstrip(".") for k in keterangan if isinstance(k, str) and k.strip()]
    if not items:
        return f"{_awal_kapital(subjek)} belum menuliskan faktor penghambat atau pendukung untuk {indikator}."
    unique = list(dict.fromkeys(items))
    return f"Menurut {subjek}, untuk {indikator}: " + "; ".join(unique) + "."


_UPAYA = re.compile(r"\b(?:upaya|solusi|tindak lanjut|rencana tindak lanjut)\s*:\s*", re.IGNORECASE)
_SEBAB = re.compile(r"^\s*faktor\s+(penghambat|pendukung)\s*:\s*", re.IGNORECASE)


def kalimat_sebab(indikator: str, keterangan: list[str], tercapai: bool | None,
                  subjek: str = "perangkat daerah") -> str:
    """Analysis 5: the causes the unit wrote, under its own label (faktor penghambat or
    pendukung), and, where it wrote them, its solutions (``Upaya:``/``Solusi:``/``Tindak
    lanjut:``); an honest sentence when the unit wrote none, and a reminder when a missed
    target has no solution.

    Examples
    --------
    >>> kalimat_sebab("AKI", ["Faktor penghambat: rujukan terlambat. Upaya: ambulans desa siaga"], False)
    'Target AKI belum tercapai. Faktor penghambat menurut perangkat daerah: rujukan terlambat. Upaya yang ditempuh: ambulans desa siaga.'
    >>> kalimat_sebab("AKI", ["Faktor penghambat: rujukan terlambat"], False)
    'Target AKI belum tercapai. Faktor penghambat menurut perangkat daerah: rujukan terlambat. Perangkat daerah belum menuliskan upaya pemecahannya.'
    """
    causes: dict[str, list[str]] = {}
    fixes: list[str] = []
    for k in keterangan:
        if not isinstance(k, str) or not k.strip():
            continue
        head, *tail = _UPAYA.split(k, maxsplit=1)
        label = _SEBAB.match(head)
        kind = f"Faktor {label.group(1).lower()}" if label else "Keterangan"
        cause = _SEBAB.sub("", head).strip().rstrip(".;")
        if cause:
            causes.setdefault(kind, []).append(cause)
        if tail and tail[0].strip():
            fixes.append(tail[0].strip().rstrip("."))
    fixes = list(dict.fromkeys(fixes))
    status = {True: f"Target {indikator} tercapai. ", False: f"Target {indikator} belum tercapai. ",
              None: ""}[tercapai]
    if not causes and not fixes:
        return status + (f"{_awal_kapital(subjek)} belum menuliskan faktor penghambat atau pendukung "
                         f"untuk {indikator}.")
    text = status + " ".join(f"{kind} menurut {subjek}: {'; '.join(dict.fromkeys(items))}."
                             for kind, items in causes.items())
    if fixes:
        text += " Upaya yang ditempuh: " + "; ".join(fixes) + "."
    elif tercapai is False:
        text += f" {_awal_kapital(subjek)} belum menuliskan upaya pemecahannya."
    return " ".join(text.split())


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


def ringkasan_capaian(tabel: pd.DataFrame, nama_unit: str, periode: str) -> str:
    """A paragraph on a unit's indicators: how many per predikat, the best and the worst,
    the mean, what was not reported and what needs verifying.

    ``tabel`` has ``indikator``, ``capaian`` and ``predikat`` per indicator, and may have
    ``dihitung`` (rows that enter the mean), ``verifikasi`` and ``bulan_kosong`` (lists).

    Examples
    --------
    >>> t = pd.DataFrame({"indikator": ["A", "B", "C"], "capaian": [120.0, 80.0, None],
    ...                   "predikat": ["Sangat Tinggi", "Tinggi", None]})
    >>> print(ringkasan_capaian(t, "Dinas X", "Januari–September 2026"))
    Pada Januari–September 2026, Dinas X mengukur 3 indikator kinerja; 2 dapat dihitung capaiannya: 1 berkategori Sangat Tinggi, 1 berkategori Tinggi. Capaian tertinggi pada A (120,00%), terendah pada B (80,00%); capaian berjenjang (indikator → sasaran → unit) 100,00%. 1 indikator belum dapat dihitung karena realisasinya belum dilaporkan.
    """
    n = len(tabel)
    if n == 0:
        return f"{nama_unit} belum memiliki indikator kinerja yang dapat diukur untuk {periode}."
    ok = tabel["dihitung"].astype(bool) if "dihitung" in tabel else tabel["capaian"].notna()
    flagged = (tabel["verifikasi"].map(len) > 0) & ~ok if "verifikasi" in tabel else pd.Series(False, index=tabel.index)
    computed = tabel[ok]
    intro = f"Pada {periode}, {nama_unit} mengukur {n} indikator kinerja"
    if computed.empty:
        text = intro + ", namun belum satu pun capaiannya dapat dihitung"
        return text + (" atau seluruhnya masih perlu diverifikasi." if flagged.any() else
                       " karena realisasi belum dilaporkan.")
    counts = computed["predikat"].value_counts()
    parts = [intro + f"; {len(computed)} dapat dihitung capaiannya: "
             + ", ".join(f"{c} berkategori {p}" for p, c in counts.items()) + "."]
    best, worst = computed.loc[computed["capaian"].idxmax()], computed.loc[computed["capaian"].idxmin()]
    if len(computed) > 1:
        parts.append(f"Capaian tertinggi pada {best['indikator']} ({format_persen(best['capaian'])}), terendah pada "
                     f"{worst['indikator']} ({format_persen(worst['capaian'])}); capaian berjenjang "
                     "(indikator → sasaran → unit) "
                     f"{format_persen(capaian_unit(tabel.assign(dihitung=ok)).mean())}.")
    else:
        parts.append(f"Capaian {best['indikator']} {format_persen(best['capaian'])}.")
    if memenuhi_target(computed["capaian"]).all():
        parts.append("Seluruh indikator yang terukur telah mencapai atau melampaui targetnya.")
    if flagged.any():
        parts.append(f"{int(flagged.sum())} indikator perlu diverifikasi dan tidak dihitung dalam rata-rata: "
                     + ", ".join(tabel.loc[flagged, "indikator"].astype(str)) + ".")
    undefined = tabel["capaian"].isna() & ~flagged
    reported = tabel["realisasi"].notna() if "realisasi" in tabel else pd.Series(False, index=tabel.index)
    missing, other = int((undefined & ~reported).sum()), int((undefined & reported).sum())
    if missing:
        parts.append(f"{missing} indikator belum dapat dihitung karena realisasinya belum dilaporkan.")
    if other:  # reported, but no capaian can be computed (a target of 0, a grade against a number)
        parts.append(f"{other} indikator sudah dilaporkan tetapi capaiannya tidak dapat dihitung (mis. target 0); "
                     "lihat kolom Catatan.")
    if "bulan_kosong" in tabel:
        gaps = tabel[(tabel["bulan_kosong"].map(len) > 0) & tabel["capaian"].notna()]
        if not gaps.empty:
            from kinerja.core.formatting import daftar_bulan, daftar_triwulan

            def when(r) -> str:
                if r.get("periode_data") == "triwulan":
                    return daftar_triwulan([b // 3 for b in r["bulan_kosong"]])
                return daftar_bulan(r["bulan_kosong"])

            kinds = set(gaps["periode_data"]) if "periode_data" in gaps else {"bulan"}
            word = "bulan" if kinds == {"bulan"} else "triwulan" if kinds == {"triwulan"} else "periode"
            parts.append(f"Ada {word} yang belum dilaporkan untuk " + "; ".join(
                f"{r['indikator']} ({when(r)})" for _, r in gaps.iterrows()) + ".")
    return " ".join(parts)
