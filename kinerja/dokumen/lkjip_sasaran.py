"""LKjIP Bab III A: the seven analyses of the outline (Perbup §3.2.4) written for every
sasaran strategis, indicator by indicator: target and realisasi, against last year, against
the Renstra/RPJMD end target, against the national standard, causes and solutions, then the
sasaran's efficiency and the programs that support it; with the table of realisasi per year."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.formatting import format_persen, nama_bulan
from kinerja.core.predikat import SkalaPredikat
from kinerja.dokumen import narasi
from kinerja.dokumen.bagian import _subjek, narasi_tercapai
from kinerja.store.store import Store

__all__ = ["JUDUL_ANALISIS", "AnalisisSasaran", "analisis_per_sasaran", "kolom_tahun_ini"]


JUDUL_ANALISIS = {
    "target": "1. Target dan realisasi tahun ini",
    "tahun_lalu": "2. Dibanding tahun lalu dan beberapa tahun terakhir",
    "renstra": "3. Dibanding target akhir Renstra/RPJMD",
    "standar": "4. Dibanding standar nasional",
    "sebab": "5. Penyebab keberhasilan/kegagalan dan solusinya",
    "efisiensi": "6. Efisiensi penggunaan sumber daya",
    "program": "7. Program/kegiatan yang menunjang",
}


@dataclass
class AnalisisSasaran:
    """The seven analyses of the LKjIP outline (Perbup §3.2.4) for one sasaran strategis;
    ``ragu``: the indicators whose value of this year needs verifying (marked in ``tabel``)."""

    sasaran: str
    tabel: pd.DataFrame
    kalimat: dict[str, list[str]]
    ragu: list[str] = field(default_factory=list)


def analisis_per_sasaran(store: Store, unit: str, info: dict, tahun: int, bulan: int, periode: str,
                         skala: SkalaPredikat, kum: pd.DataFrame, hist: pd.DataFrame,
                         eff: pd.DataFrame) -> list[AnalisisSasaran]:
    """The analyses of every sasaran of ``kum`` (the period's capaian), in its order;
    ``hist`` is the unit's realisasi per year, ``eff`` its efficiency per sasaran. Reads
    last year's capaian of the same months and the national standards."""
    last_year = analisis.capaian_kumulatif(store, unit, tahun - 1, bulan, skala)
    last_year = last_year.set_index("indikator_kode") if not last_year.empty else None
    standar = store.current("indikator", unit_kode=unit).set_index("kode")["standar_nasional"]
    return _tanpa_riwayat_sekali([
        _analisis_sasaran(sasaran, rows, eff, hist, last_year, standar, _subjek(info), tahun, bulan, periode)
        for sasaran, rows in kum.groupby("sasaran", sort=False)])


_TANPA_RIWAYAT = "tahun-tahun sebelumnya belum tersedia, sehingga belum dapat dibandingkan."


def _tanpa_riwayat_sekali(analyses: list[AnalisisSasaran]) -> list[AnalisisSasaran]:
    """Analysis 2's "no earlier years" said once: per sasaran one sentence naming its indicators,
    and, when no indicator of the document has earlier years, one sentence for the whole
    document (the first sasaran's; the others point to it)."""
    lacking = [[t.removeprefix("Realisasi ").removesuffix(" " + _TANPA_RIWAYAT) for t in a.kalimat["tahun_lalu"]
                if t.endswith(_TANPA_RIWAYAT)] for a in analyses]
    for a, names in zip(analyses, lacking):
        a.kalimat["tahun_lalu"] = [t for t in a.kalimat["tahun_lalu"] if not t.endswith(_TANPA_RIWAYAT)]
    if analyses and all(names and not a.kalimat["tahun_lalu"] for a, names in zip(analyses, lacking)):
        n = sum(map(len, lacking))
        analyses[0].kalimat["tahun_lalu"] = [f"Realisasi tahun-tahun sebelumnya belum tersedia untuk seluruh {n} "
                                             "indikator laporan ini, sehingga belum dapat dibandingkan."]
        for a in analyses[1:]:
            a.kalimat["tahun_lalu"] = ["Lihat analisis 2 pada sasaran pertama."]
        return analyses
    for a, names in zip(analyses, lacking):
        if names:
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
            a.kalimat["tahun_lalu"].append(f"Realisasi {listed} {_TANPA_RIWAYAT}")
    return analyses


def _analisis_sasaran(sasaran: str, rows: pd.DataFrame, eff: pd.DataFrame, hist: pd.DataFrame,
                      last_year: pd.DataFrame | None, standar: pd.Series, subjek: str, tahun: int, bulan: int,
                      periode: str) -> AnalisisSasaran:
    """One sasaran: analyses 1 to 5 per indicator, 6 and 7 for the sasaran, no sentence twice."""
    text: dict[str, list[str]] = {k: [] for k in JUDUL_ANALISIS}
    years = []
    for _, r in rows.iterrows():
        kode, nama, sat, pol = r["indikator_kode"], r["indikator"], r["satuan"], r["polaritas"]
        h = hist[hist["indikator_kode"] == kode].sort_values("tahun")
        lalu = last_year.loc[kode] if last_year is not None and kode in last_year.index else None
        text["target"] += _kalimat_target(r, subjek, bulan, periode)
        years += _realisasi_per_tahun(r, h, tahun, bulan)
        earlier = _banding_tahun_lalu(r, lalu, h, tahun, bulan, periode)
        if r.get("ragu"):  # a value to verify is named, never compared (no history: nothing to compare anyway)
            for key, sentence in _belum_dibandingkan(r, standar.get(kode)).items():
                text[key].append(earlier if key == "tahun_lalu" and earlier.endswith(_TANPA_RIWAYAT) else sentence)
        else:
            text["tahun_lalu"].append(earlier)
            text["renstra"].append(_banding_renstra(r, h, bulan, periode))
            real = r["realisasi"] if not isinstance(r["realisasi"], str) else None
            text["standar"].append(narasi.kalimat_standar(nama, real, standar.get(kode), pol, sat))
        own = [k for k in r["keterangan"] if k not in r["keterangan_kosong"]]
        text["sebab"].append(narasi.kalimat_sebab(nama, own, narasi_tercapai(r), subjek, ragu=bool(r.get("ragu"))))
    efisiensi, program = _efisiensi_dan_program(eff[eff["sasaran"] == sasaran], bulan)
    text["efisiensi"].append(efisiensi)
    text["program"].append(program)
    for key in text:
        text[key] = [t for t in dict.fromkeys(text[key]) if t]
    table = pd.DataFrame(years).pivot_table(index="Indikator", columns="Tahun", values="Realisasi",
                                            aggfunc="first", sort=False) if years else pd.DataFrame()
    flagged = rows.loc[rows["ragu"].astype(bool), "indikator"].tolist() if "ragu" in rows else []
    return AnalisisSasaran(sasaran, table.reset_index() if not table.empty else table, text, flagged)


def _belum_dibandingkan(r: pd.Series, standar: object) -> dict[str, str]:
    """Analyses 2 to 4 of an indicator whose value needs verifying: it is not compared yet."""
    nama, real, sat = r["indikator"], r["realisasi"], r["satuan"]
    no_standard = standar is None or (not isinstance(standar, str) and pd.isna(standar)) or not str(standar).strip()
    return {"tahun_lalu": narasi.kalimat_belum_dibandingkan(nama, real, sat, "tahun-tahun sebelumnya"),
            "renstra": narasi.kalimat_belum_dibandingkan(nama, real, sat, "target akhir periode Renstra/RPJMD"),
            "standar": (narasi.kalimat_standar(nama, None, None, r["polaritas"], sat) if no_standard
                        else narasi.kalimat_belum_dibandingkan(nama, real, sat, "standar nasional"))}


def _kalimat_target(r: pd.Series, subjek: str, bulan: int, periode: str) -> list[str]:
    """Analysis 1 for one indicator: its capaian (and, before December, its annual PK
    target), the months not reported and what needs verifying."""
    nama, sat = r["indikator"], r["satuan"]
    return [narasi.kalimat_capaian(nama, r["capaian"], r["predikat"], r["target"], r["realisasi"], sat, periode,
                                   ragu=bool(r.get("ragu")))
            + ("" if bulan == 12 else f" Target tahunan PK {narasi.nilai_dengan_satuan(r['target_tahunan'], sat)}."),
            narasi.kalimat_kosong(nama, r["bulan_kosong"], r["keterangan_kosong"], subjek,
                                  triwulan=r.get("periode_data") == "triwulan"),
            narasi.kalimat_verifikasi(nama, r["verifikasi"])]


def _banding_tahun_lalu(row: pd.Series, lalu: pd.Series | None, hist: pd.DataFrame, tahun: int, bulan: int,
                        periode: str) -> str:
    """Analysis 2 for one indicator, from the data whenever there is history: the same
    months of last year when stored; else last year's value, level against level for an
    indicator measured at a point or as a mean (its value so far is a level too), and for a
    summed one before December the share of last year's total reached and the capaian of
    both; then the trend of the earlier years. Deferred only without any history."""
    nama, pol, sat = row["indikator"], row["polaritas"], row["satuan"]
    earlier = hist[(hist["tahun"] < tahun) & hist["realisasi"].notna()]
    trend = _kalimat_tren(row, earlier)
    if lalu is not None and not _kosong(lalu.get("realisasi")):
        return " ".join(filter(None, [narasi.kalimat_perbandingan(
            nama, row["realisasi"], lalu["realisasi"], pol, sat, pembanding=f"periode yang sama tahun {tahun - 1}",
            target=row["target_tahunan"]), trend]))
    if earlier.empty:
        return f"Realisasi {nama} {_TANPA_RIWAYAT}"
    last = earlier.iloc[-1]
    value = _nilai_tahun(last)
    if bulan == 12 or row["agregasi"] != "jumlah":
        label = nama if bulan == 12 else f"{nama} {periode}"
        first = narasi.kalimat_perbandingan(label, row["realisasi"], value, pol, sat,
                                            pembanding=f"tahun {int(last['tahun'])}", target=row["target_tahunan"])
    else:
        first = _banding_jumlah(row, last, value, periode)
    return " ".join(filter(None, [first, trend]))


def _nilai_tahun(h: pd.Series) -> object:
    """A year's realisasi from the history: its number, else its text (a grade)."""
    return h["realisasi_nilai"] if not pd.isna(h["realisasi_nilai"]) else h["realisasi"]


def _banding_jumlah(row: pd.Series, last: pd.Series, value: object, periode: str) -> str:
    """A summed indicator before December against last year's total: the share of it reached
    so far, and this period's capaian beside last year's (both against their own target)."""
    from kinerja.core.capaian import capaian

    nama, sat, year = row["indikator"], row["satuan"], int(last["tahun"])
    now = row["realisasi"]
    text = f"Realisasi {nama} {periode} sebesar {narasi.nilai_dengan_satuan(now, sat)}"
    if not _kosong(now) and not isinstance(now, str) and not isinstance(value, str) and float(value) > 0:
        text += (f", atau {format_persen(100 * float(now) / float(value))} dari realisasi setahun tahun {year} "
                 f"({narasi.nilai_dengan_satuan(value, sat)})")
    text += "."
    target_lalu = last.get("target_renstra")
    c_lalu = capaian(target_lalu, value, row["polaritas"]) if not _kosong(target_lalu) else float("nan")
    if not pd.isna(c_lalu) and not pd.isna(row["capaian"]):
        beda = float(row["capaian"]) - c_lalu
        arah = "lebih tinggi" if beda > 0 else "lebih rendah" if beda < 0 else "sama dengan"
        text += (f" Capaian terhadap target periode ini {format_persen(row['capaian'])}, {arah} "
                 + (f"{narasi.nilai_dengan_satuan(abs(beda), 'poin')} dari " if beda else "")
                 + f"capaian tahun {year} ({format_persen(c_lalu)}).")
    return text


def _kalimat_tren(row: pd.Series, earlier: pd.DataFrame) -> str:
    """The earlier years' realisasi in order and where they went (from the capaian engine),
    when there are at least two."""
    from kinerja.core.capaian import arah_kinerja

    if len(earlier) < 2:
        return ""
    values = [_nilai_tahun(h) for _, h in earlier.iterrows()]
    years = earlier["tahun"].astype(int).tolist()
    arah = arah_kinerja(values[-1], values[0], row["polaritas"], row["target_tahunan"])
    word = {1: "membaik", -1: "memburuk", 0: "tetap"}.get(arah)
    return (f"Realisasi {years[0]}–{years[-1]}: "
            + " → ".join(narasi.nilai_dengan_satuan(v, row["satuan"]) for v in values)
            + (f"; dalam {len(years)} tahun itu kinerjanya {word}." if word else "."))


def _kosong(x) -> bool:
    return x is None or (not isinstance(x, str) and pd.isna(x))


def kolom_tahun_ini(tahun: int, bulan: int) -> str:
    """The column of this year (so far) in a sasaran's table of realisasi per year."""
    return str(tahun) if bulan == 12 else f"{tahun} (s.d. {nama_bulan(bulan)})"


def _realisasi_per_tahun(r: pd.Series, h: pd.DataFrame, tahun: int, bulan: int) -> list[dict]:
    """The rows of the sasaran's table for one indicator: its realisasi of earlier years,
    then of this year (so far)."""
    nama, sat = r["indikator"], r["satuan"]
    years = []
    for _, hr in h[(h["tahun"] < tahun) & h["realisasi"].notna()].iterrows():
        years.append({"Indikator": nama, "Tahun": str(int(hr["tahun"])),
                      "Realisasi": narasi.nilai_dengan_satuan(
                          hr["realisasi_nilai"] if not pd.isna(hr["realisasi_nilai"]) else hr["realisasi"], sat)})
    years.append({"Indikator": nama, "Tahun": kolom_tahun_ini(tahun, bulan),
                  "Realisasi": narasi.nilai_dengan_satuan(r["realisasi"], sat)})
    return years


def _banding_renstra(r: pd.Series, h: pd.DataFrame, bulan: int, periode: str) -> str:
    """Analysis 3 for one indicator: its realisasi against the end-of-period target; a summed
    indicator only once the year is complete."""
    nama = r["indikator"]
    end = h["target_akhir_nilai"].iloc[0] if not h.empty else None
    end = h["target_akhir"].iloc[0] if (end is None or pd.isna(end)) and not h.empty else end
    if r["agregasi"] == "jumlah" and bulan < 12:
        return (f"Target akhir periode {nama} adalah nilai setahun penuh; realisasi {periode} "
                "baru sebagian tahun, sehingga dibandingkan setelah tahun berakhir.")
    return narasi.kalimat_renstra(nama, r["realisasi"], end, r["polaritas"], r["satuan"],
                                  int(h["tahun_akhir"].iloc[0]) if not h.empty
                                  and not pd.isna(h["tahun_akhir"].iloc[0]) else None)


def _efisiensi_dan_program(e: pd.DataFrame, bulan: int) -> tuple[str, str]:
    """Analyses 6 and 7 from the sasaran's row of the efficiency table (none: the RAAPK links
    no program to it)."""
    if e.empty:
        return ("Belum ada program yang dikaitkan dengan sasaran ini di RAAPK, sehingga "
                "efisiensinya belum dapat dihitung.",
                "RAAPK belum mengaitkan program dengan indikator sasaran ini.")
    e = e.iloc[0]
    return (narasi.kalimat_efisiensi(e["indeks_efisiensi"], e["selisih_efisiensi"])
            + f" Penyerapan {format_persen(e['penyerapan'])} "
            + ("dari pagu." if bulan == 12 else
               f"dari rencana penyerapan sampai {nama_bulan(bulan)}; capaian sasaran "
               f"{format_persen(e['capaian'])}."),
            "Program yang mendukung sasaran ini (menurut RAAPK): " + "; ".join(e["program"]) + ".")
