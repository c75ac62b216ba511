"""The paragraph that sums up a unit's indicators (LKjIP executive summary, CRAAPK): how many
per predikat, the best and the worst, the capaian berjenjang, what was not reported and what
needs verifying, one sentence each."""

from __future__ import annotations

import pandas as pd

from kinerja.core.berjenjang import capaian_unit
from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import format_angka, format_persen
from kinerja.core.predikat import SkalaPredikat, predikat_keseluruhan


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
    parts.append(_kalimat_tertinggi_terendah(tabel, computed, ok))
    if memenuhi_target(computed["capaian"]).all():
        parts.append("Seluruh indikator yang terukur telah mencapai atau melampaui targetnya.")
    if flagged.any():
        parts.append(f"{int(flagged.sum())} indikator perlu diverifikasi dan tidak dihitung dalam rata-rata: "
                     + ", ".join(tabel.loc[flagged, "indikator"].astype(str)) + ".")
    parts += _kalimat_belum_dihitung(tabel, flagged)
    parts += _kalimat_periode_kosong(tabel)
    return " ".join(parts)


def kalimat_predikat_keseluruhan(nama_unit: str, periode: str, tercapai: int, terukur: int, rata: float,
                                 skala: SkalaPredikat, simpulan: bool = False) -> str:
    """The unit's word for the period (:func:`kinerja.core.predikat.predikat_keseluruhan`, the
    class of its capaian berjenjang) with the targets met beside it: when some were missed the
    sentence says so in the same breath, so a high mean never reads as every target met;
    ``simpulan``: worded as the closing chapter's conclusion, so the report does not say the same
    sentence twice.

    Examples
    --------
    >>> from kinerja.core.predikat import muat_skala
    >>> kalimat_predikat_keseluruhan("Dinas X", "2026", 4, 8, 100.97, muat_skala())
    'Secara keseluruhan capaian berjenjang Dinas X 2026 sebesar 100,97% (berkategori Sangat Tinggi), tetapi baru 4 dari 8 indikator terukur (50,00%) mencapai target; 4 target belum tercapai.'
    >>> kalimat_predikat_keseluruhan("Dinas X", "2026", 8, 8, 104.0, muat_skala(), simpulan=True)
    'Seluruh 8 target indikator yang terukur tercapai dengan capaian berjenjang 104,00%; kinerja Dinas X 2026 disimpulkan berkategori Sangat Tinggi.'
    """
    word = predikat_keseluruhan(skala, tercapai, terukur, rata)
    if word is None:
        return f"Kinerja {nama_unit} {periode} belum dapat dinilai karena belum ada capaian yang dapat dihitung."
    n, t, cap = format_angka(terukur, 0), format_angka(tercapai, 0), format_persen(rata)
    if tercapai == terukur:
        if simpulan and terukur == 1:
            return (f"Satu-satunya target indikator yang terukur tercapai dengan capaian {cap}; kinerja "
                    f"{nama_unit} {periode} disimpulkan berkategori {word}.")
        if simpulan:
            return (f"Seluruh {n} target indikator yang terukur tercapai dengan capaian berjenjang {cap}; kinerja "
                    f"{nama_unit} {periode} disimpulkan berkategori {word}.")
        semua = "satu-satunya indikator terukur" if terukur == 1 else f"seluruh {n} indikator terukur"
        return (f"Secara keseluruhan kinerja {nama_unit} {periode} berkategori {word}: {semua} "
                f"mencapai target, dengan capaian berjenjang {cap}.")
    kurang = format_angka(terukur - tercapai, 0)
    if simpulan:
        return (f"Dengan {t} dari {n} target indikator tercapai, kinerja {nama_unit} {periode} belum mencapai "
                f"seluruh sasaran yang diperjanjikan: {kurang} target belum tercapai, walaupun capaian berjenjangnya "
                f"{cap} (berkategori {word}).")
    return (f"Secara keseluruhan capaian berjenjang {nama_unit} {periode} sebesar {cap} (berkategori {word}), tetapi "
            f"baru {t} dari {n} indikator terukur ({format_persen(100 * tercapai / terukur)}) mencapai target; "
            f"{kurang} target belum tercapai.")


def _kalimat_tertinggi_terendah(tabel: pd.DataFrame, computed: pd.DataFrame, ok: pd.Series) -> str:
    """The best and the worst indicator and the unit's capaian berjenjang; with one
    indicator computed, its capaian."""
    best, worst = computed.loc[computed["capaian"].idxmax()], computed.loc[computed["capaian"].idxmin()]
    if len(computed) > 1:
        return (f"Capaian tertinggi pada {best['indikator']} ({format_persen(best['capaian'])}), terendah pada "
                f"{worst['indikator']} ({format_persen(worst['capaian'])}); capaian berjenjang "
                "(indikator → sasaran → unit) "
                f"{format_persen(capaian_unit(tabel.assign(dihitung=ok)).mean())}.")
    return f"Capaian {best['indikator']} {format_persen(best['capaian'])}."


def _kalimat_belum_dihitung(tabel: pd.DataFrame, flagged: pd.Series) -> list[str]:
    """The indicators without a capaian that are not waiting for verification: not
    reported, or reported but not computable."""
    parts = []
    undefined = tabel["capaian"].isna() & ~flagged
    reported = tabel["realisasi"].notna() if "realisasi" in tabel else pd.Series(False, index=tabel.index)
    missing, other = int((undefined & ~reported).sum()), int((undefined & reported).sum())
    if missing:
        parts.append(f"{missing} indikator belum dapat dihitung karena realisasinya belum dilaporkan.")
    if other:  # reported, but no capaian can be computed (a target of 0, a grade against a number)
        parts.append(f"{other} indikator sudah dilaporkan tetapi capaiannya tidak dapat dihitung (mis. target 0); "
                     "lihat kolom Catatan.")
    return parts


def _kalimat_periode_kosong(tabel: pd.DataFrame) -> list[str]:
    """The months (or quarters) not reported, per indicator that has a capaian."""
    if "bulan_kosong" not in tabel:
        return []
    gaps = tabel[(tabel["bulan_kosong"].map(len) > 0) & tabel["capaian"].notna()]
    if gaps.empty:
        return []
    from kinerja.core.formatting import daftar_bulan, daftar_triwulan

    def when(r) -> str:
        if r.get("periode_data") == "triwulan":
            return daftar_triwulan([b // 3 for b in r["bulan_kosong"]])
        return daftar_bulan(r["bulan_kosong"])

    kinds = set(gaps["periode_data"]) if "periode_data" in gaps else {"bulan"}
    word = "bulan" if kinds == {"bulan"} else "triwulan" if kinds == {"triwulan"} else "periode"
    return [f"Ada {word} yang belum dilaporkan untuk " + "; ".join(
        f"{r['indikator']} ({when(r)})" for _, r in gaps.iterrows()) + "."]
