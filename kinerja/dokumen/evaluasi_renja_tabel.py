"""The rows of the Evaluasi terhadap Hasil Renja Perangkat Daerah form (Permendagri Nomor 86
Tahun 2017) and, at kabupaten level, of the Evaluasi terhadap Hasil RKPD, built from the store
for a quarter: the one layout of columns (1)…(15) with K and Rp, filled per agregasi.

Where the unit's data came from a Renja evaluation (``kinerja impor``) its rows are its
programs, kegiatan and sub kegiatan with their indicators; where it came from kinerja's own
formulir, its rows are the PK indicators under their sasaran and the programs the RAAPK
links to them, quarters aggregated from the months. Either way:

* (9)–(12) the quarters' realisasi (K) and realisasi anggaran (Rp), up to the quarter;
* (7) the realisasi of the Renstra period's earlier years only (summed for jumlah, else the last);
* (13) January to the quarter's end **by the indicator's agregasi**, the one measurement of a
  period every document shows (:func:`kinerja.analisis.dari_store.capaian_periode`), where the
  regulation's printed formula sums the quarters;
* (14) for jumlah (7) + (13); for akhir (13) itself (a percentage is not added across years);
* (15) capaian of (14) against the Renstra end target (6), polarity respected; Rp: (14)/(6).

``ragu_k9`` … ``ragu_k15`` say which K values need verifying (:mod:`kinerja.core.kewajaran`: the
quarter's measurement for (9)–(12), January to the quarter's end for (13) and the (14), (15)
computed from it), so the HTML tables and the workbook mark them as every document does.

A target that is a range, a bound or a grade (3±1, 60–85, WTP) stays as written in (6) and (8),
a grade realisasi as written in (9)–(14): the capaian engine reads them as every document does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.analisis.dari_store.capaian import _engine_value
from kinerja.core.agregasi import agregasikan
from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import hitung_capaian
from kinerja.store.store import Store

__all__ = ["KOLOM_FORM", "JUDUL_KOLOM", "RUMUS_KOLOM", "judul_kolom", "renstra_sampai", "tabel_evaluasi_renja"]

# The numbered columns (6)…(15) of the form, each with K and Rp.
KOLOM_FORM = tuple(range(6, 16))
JUDUL_KOLOM = {
    1: "No", 2: "Sasaran", 3: "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    4: "Indikator Kinerja Program (Outcome)/Kegiatan (Output)", 5: "Satuan",
    6: "Target Renstra Perangkat Daerah pada Akhir Periode Renstra",
    7: "Realisasi Capaian Kinerja Renstra Perangkat Daerah s.d. Renja Tahun Lalu",
    8: "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan",
    9: "Realisasi Kinerja pada Triwulan I", 10: "Realisasi Kinerja pada Triwulan II",
    11: "Realisasi Kinerja pada Triwulan III", 12: "Realisasi Kinerja pada Triwulan IV",
    13: "Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi",
    14: "Realisasi Kinerja dan Anggaran Renstra s.d. Tahun Berjalan",
    15: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s.d. Tahun Berjalan (%)",
}
# The numbering row's text where the column is a formula (the others: their number).
RUMUS_KOLOM = {13: "13 = 9+10+11+12 (menurut agregasi)", 14: "14 = 7 + 13 (menurut agregasi)",
               15: "15 = 14 / 6 x 100"}
# The RKPD evaluation of a kabupaten: the same columns against the RPJMD and the RKPD.
_JUDUL_RKPD = {
    6: "Target RPJMD Kabupaten pada Akhir Periode RPJMD",
    7: "Realisasi Capaian Kinerja RPJMD Kabupaten s.d. RKPD Kabupaten Tahun Lalu",
    8: "Target Kinerja dan Anggaran RKPD Kabupaten Tahun Berjalan yang Dievaluasi",
    13: "Realisasi Capaian Kinerja dan Anggaran RKPD Kabupaten yang Dievaluasi",
    14: "Realisasi Kinerja dan Anggaran RPJMD Kabupaten s.d. Tahun Berjalan",
    15: "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD Kabupaten s.d. Tahun Berjalan (%)",
}
_SUM_LIKE = ("jumlah",)


def judul_kolom(tingkat: str) -> dict[int, str]:
    """The header text of columns (1)…(15) by level, the one home of the form's wording for the
    workbook and the printed document: the Renja evaluation's (:data:`JUDUL_KOLOM`), or for the
    kabupaten the RKPD evaluation's, against the RPJMD and the RKPD.

    Examples
    --------
    >>> judul_kolom("kabupaten")[6]
    'Target RPJMD Kabupaten pada Akhir Periode RPJMD'
    >>> judul_kolom("perangkat_daerah")[8]
    'Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan'
    """
    return JUDUL_KOLOM | (_JUDUL_RKPD if tingkat == "kabupaten" else {})

TAHUN_RENSTRA = 5  # a Renstra/RPJMD covers five years


def renstra_sampai(lalu: pd.Series, kini: pd.Series, agregasi: pd.Series) -> pd.Series:
    """Column (14): the Renstra realisasi up to this year. Summed indicators add this year's
    (13) to the earlier years' (7); an indicator measured at a point (akhir, rata-rata…)
    is this year's value, never a sum of percentages.

    Examples
    --------
    >>> renstra_sampai(pd.Series([3.0, 100.0]), pd.Series([4.0, 100.0]), pd.Series(["jumlah", "akhir"])).tolist()
    [7.0, 100.0]
    """
    summed = agregasi.isin(_SUM_LIKE).to_numpy()
    a, b = pd.to_numeric(lalu, errors="coerce"), pd.to_numeric(kini, errors="coerce")
    total = (a.fillna(0) + b.fillna(0)).where(a.notna() | b.notna())
    return kini.where(~summed, total)


def _dari_impor(store: Store, unit: str, tahun: int, triwulan: int, meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta[meta["tingkat"].notna()]
    target = store.current("target", unit_kode=unit, dokumen="renja", tahun=tahun)
    real = store.current("realisasi", unit_kode=unit, tahun=tahun)
    real = real[(real["periode"] == "triwulan") & (real["bulan"] <= 3 * triwulan)]
    money = store.current("anggaran", unit_kode=unit, dokumen="renja", tahun=tahun)
    out = meta.rename(columns={"kode": "indikator_kode", "nama": "indikator"})[
        ["indikator_kode", "sasaran", "tingkat", "uraian", "indikator", "satuan", "polaritas", "agregasi",
         "definisi"]].copy()
    idx = out["indikator_kode"]
    berkas = store.submissions().set_index("id")["berkas"]
    target, real, money = (_sumber(f, berkas) for f in (target, real, money))
    for jenis, col in (("akhir_periode", "k6"), ("realisasi_lalu", "k7"), ("tahunan", "k8")):
        rows = target[target["jenis"] == jenis].drop_duplicates("indikator_kode").set_index("indikator_kode")
        out[col] = idx.map(_engine_value(rows["nilai_teks"], rows["nilai"]))
        out[f"sumber_{col}"] = idx.map(rows["_sumber"])
    for jenis, col in (("pagu_renstra", "rp6"), ("realisasi_lalu", "rp7"), ("pagu", "rp8")):
        rows = money[(money["jenis"] == jenis) & money["indikator_kode"].notna()].groupby("indikator_kode")
        out[col] = idx.map(rows["nilai"].sum()).astype("float64")
        out[f"sumber_{col}"] = idx.map(rows["_sumber"].agg(_gabung))
    for q in range(1, 5):
        k = real[real["bulan"] == 3 * q].drop_duplicates("indikator_kode").set_index("indikator_kode")
        k = k.assign(nilai=_engine_value(k["nilai_teks"], k["nilai"]))
        rp = money[(money["jenis"] == "realisasi") & (money["bulan"] == 3 * q) & money["indikator_kode"].notna()]
        rp = rp.groupby("indikator_kode")
        out[f"k{8 + q}"] = idx.map(k["nilai"]) if q <= triwulan else np.nan
        out[f"rp{8 + q}"] = idx.map(rp["nilai"].sum()).astype("float64") if q <= triwulan else np.nan
        out[f"sumber_k{8 + q}"] = idx.map(k["_sumber"]) if q <= triwulan else None
        out[f"sumber_rp{8 + q}"] = idx.map(rp["_sumber"].agg(_gabung)) if q <= triwulan else None
    return out


def _sumber(frame: pd.DataFrame, berkas: pd.Series) -> pd.DataFrame:
    """``frame`` with ``_sumber``: each value's file and cell ("berkas.xlsx, Lembar!F12"), None
    where the store does not know the cell."""
    sel = frame["sel"] if "sel" in frame else pd.Series(None, index=frame.index, dtype=object)
    return frame.assign(_sumber=(frame["submission_id"].map(berkas) + ", " + sel).where(sel.notna(), None))


def _gabung(sources: pd.Series) -> str | None:
    """The sources of a sum, each once."""
    found = list(dict.fromkeys(sources.dropna()))
    return "; ".join(found) if found else None


def _dari_formulir(store: Store, unit: str, tahun: int, triwulan: int, tabel: pd.DataFrame,
                   quarters: pd.DataFrame) -> pd.DataFrame:
    if tabel.empty:
        return pd.DataFrame()
    first = tabel.drop_duplicates("indikator_kode").set_index("indikator_kode")
    programs = tabel.dropna(subset=["program"]).groupby("indikator_kode")["program"].agg(
        lambda v: "; ".join(dict.fromkeys(v)))
    out = pd.DataFrame({"indikator_kode": first.index})
    idx = out["indikator_kode"]
    for col in ("sasaran", "indikator", "satuan", "polaritas", "agregasi"):
        out[col] = idx.map(first[col]).to_numpy()
    out["tingkat"] = "sasaran"
    out["uraian"] = idx.map(programs).fillna("")
    out["k8"] = idx.map(_engine_value(first["target_tahunan"], first["target_tahunan_nilai"]))
    hist = analisis.riwayat(store, unit)
    end = hist.drop_duplicates("indikator_kode").set_index("indikator_kode") if not hist.empty else None
    out["k6"] = idx.map(_engine_value(end["target_akhir"], end["target_akhir_nilai"])) if end is not None else np.nan
    out["k7"] = _realisasi_lalu(hist, tahun, idx, out["agregasi"])
    money = analisis.anggaran_program(store, unit, tahun)
    for q in range(1, 5):
        k = quarters[quarters["periode"] == q].set_index("indikator_kode")["realisasi"]
        out[f"k{8 + q}"] = idx.map(k) if q <= triwulan else np.nan
    out["rp6"] = out["rp7"] = np.nan
    out["program_anggaran"] = ""
    if not money.empty:
        money = money.assign(triwulan=(money["bulan"] - 1) // 3 + 1)
        links = _program_sekali(tabel, idx)
        out["program_anggaran"] = idx.map(links.groupby("indikator_kode")["program"].agg("; ".join)).fillna("")
        per = money.merge(links, on="program")
        pagu = per.drop_duplicates(["indikator_kode", "program"]).groupby("indikator_kode")["pagu"].sum()
        out["rp8"] = idx.map(pagu).astype("float64")
        for q in range(1, 5):
            rp = per[per["triwulan"] == q].groupby("indikator_kode")["realisasi_anggaran"].sum(min_count=1)
            out[f"rp{8 + q}"] = idx.map(rp).astype("float64") if q <= triwulan else np.nan
    else:
        for c in ("rp8", "rp9", "rp10", "rp11", "rp12"):
            out[c] = np.nan
    return out


def _program_sekali(tabel: pd.DataFrame, idx: pd.Series) -> pd.DataFrame:
    """Each program with the indicator row that carries its pagu and realisasi: the first row
    the RAAPK links it to, as the form writes a program's money once in its merged cells, so
    that a program serving several indicators is neither repeated nor summed twice."""
    links = tabel.dropna(subset=["program"])[["indikator_kode", "program"]].drop_duplicates()
    order = pd.Series(range(len(idx)), index=idx.to_numpy())
    links = links.assign(_urut=links["indikator_kode"].map(order)).sort_values("_urut", kind="stable")
    return links.drop_duplicates("program")[["indikator_kode", "program"]]


def _realisasi_lalu(hist: pd.DataFrame, tahun: int, idx: pd.Series, agregasi: pd.Series) -> pd.Series:
    """Column (7): the realisasi of the Renstra period's years before ``tahun`` (the baseline
    before the period never counts): their sum for a jumlah indicator, else the latest."""
    if hist.empty:
        return pd.Series(np.nan, index=idx.index)
    # The Renstra's five years end at its end-of-period year; its first is the first with a yearly target.
    first = hist[hist["jenis"] == "tahunan"].groupby("indikator_kode")["tahun"].min()
    start = hist["indikator_kode"].map(first).fillna(hist["tahun_akhir"] - (TAHUN_RENSTRA - 1))
    before = hist[(hist["tahun"] < tahun) & (hist["tahun"] >= start) & hist["realisasi"].notna()]
    before = before.sort_values("tahun").assign(_v=_engine_value(before["realisasi"], before["realisasi_nilai"]))
    summed = before.groupby("indikator_kode")["realisasi_nilai"].sum(min_count=1)
    last = before.groupby("indikator_kode")["_v"].last()  # a grade (WTP) as written
    out = pd.Series(idx.map(last).to_numpy(), index=idx.index, dtype=object)
    out[agregasi.isin(_SUM_LIKE).to_numpy()] = idx.map(summed)[agregasi.isin(_SUM_LIKE).to_numpy()].to_numpy()
    return _angka(out)


def _tahun_berjalan(out: pd.DataFrame, tabel: pd.DataFrame, triwulan: int, tahun: int) -> pd.Series:
    """Column (13): January to the quarter's end by the indicator's agregasi, measured as every
    other document measures the period (:func:`kinerja.analisis.dari_store.capaian_periode`);
    an indicator the monthly table lacks (a Renja row without a target of the year) from its
    quarters by the same rule. Sets ``ragu_k13``, the measurement's flag (:mod:`kinerja.core.kewajaran`)."""
    k13 = pd.Series(np.nan, index=out.index, dtype=object)
    out["ragu_k13"] = False
    if not tabel.empty:
        period = analisis.capaian_periode(tabel, 1, 3 * triwulan, tahun).drop_duplicates("indikator_kode")
        k13 = out["indikator_kode"].map(period.set_index("indikator_kode")["realisasi"])
        out["ragu_k13"] = out["indikator_kode"].map(period.set_index("indikator_kode")["ragu"]).eq(True).to_numpy()
    cols = [f"k{8 + q}" for q in range(1, triwulan + 1)]
    rest = k13.isna() & out[cols].notna().any(axis=1)
    if rest.any():
        long = out.loc[rest, ["indikator_kode", "agregasi", *cols]].melt(
            id_vars=["indikator_kode", "agregasi"], value_vars=cols, var_name="kolom", value_name="realisasi")
        long["bulan"] = 3 * (long["kolom"].str[1:].astype(int) - 8)
        long["realisasi"] = pd.to_numeric(long["realisasi"], errors="coerce")
        long["agregasi"] = long["agregasi"].fillna("akhir").replace("", "akhir")
        agg = agregasikan(long.assign(target=np.nan), ["indikator_kode"], "tahun").set_index("indikator_kode")
        k13[rest] = out.loc[rest, "indikator_kode"].map(agg["realisasi"])
    return _angka(k13)


def _angka(values: pd.Series) -> pd.Series:
    """``values`` as floats when each is a number (or blank); else as they are (a grade, a range)."""
    return pd.to_numeric(values) if values.map(lambda v: not isinstance(v, str)).all() else values


def tabel_evaluasi_renja(store: Store, unit: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The form's rows for ``unit`` to quarter ``triwulan``: identifying columns, ``k6``…``k15``
    and ``rp6``…``rp15`` (see the module docstring), ``sumber`` (``impor`` or ``formulir``).

    Examples
    --------
    >>> from kinerja.contoh.store import store_contoh
    >>> t = tabel_evaluasi_renja(store_contoh(), "dinkes", 2026, 3)
    >>> t[["indikator", "agregasi", "k8", "k13"]].head(2).round(2).values.tolist()
    [['Angka kematian ibu', 'jumlah', 8.0, 6.0], ['Persentase balita stunting', 'akhir', 18.2, 17.89]]
    """
    if not 1 <= int(triwulan) <= 4:
        raise ValueError("triwulan harus 1–4")
    units = store.current("unit")
    own = units[units["kode"] == unit]
    if not own.empty and own.iloc[0]["jenis"] == "kabupaten":
        # The RKPD evaluation: the kabupaten's own indicators, then every perangkat daerah's rows.
        parts = [_satu_unit(store, unit, tahun, triwulan).assign(perangkat_daerah="")]
        for _, pd_row in units[(units["jenis"] == "perangkat_daerah") & (units["induk"] == unit)].iterrows():
            parts.append(_satu_unit(store, pd_row["kode"], tahun, triwulan).assign(perangkat_daerah=pd_row["nama"]))
        parts = [p for p in parts if not p.empty]
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    else:
        out = _satu_unit(store, unit, tahun, triwulan)
        if not out.empty:
            out["perangkat_daerah"] = ""
    if out.empty:
        return out
    out.insert(0, "no", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def _satu_unit(store: Store, unit: str, tahun: int, triwulan: int) -> pd.DataFrame:
    meta = store.current("indikator", unit_kode=unit)
    pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
    imported = pk.empty and not meta.empty and meta["tingkat"].notna().any()
    tabel = analisis.tabel_bulanan(store, unit, tahun)
    quarters = analisis.per_triwulan(tabel, triwulan, tahun)  # the quarters' values, measured once
    out = (_dari_impor(store, unit, tahun, triwulan, meta) if imported
           else _dari_formulir(store, unit, tahun, triwulan, tabel, quarters))
    if out.empty:
        return out
    for q in range(1, 5):  # each quarter's value to verify (kinerja.core.kewajaran), as every document marks it
        flag = quarters[quarters["periode"] == q].drop_duplicates("indikator_kode").set_index("indikator_kode")["ragu"]
        out[f"ragu_k{8 + q}"] = out["indikator_kode"].map(flag).eq(True).to_numpy()
    out["sumber"] = "impor" if imported else "formulir"
    out["unit_kode"] = unit
    for col in ("k6", "k7", "k8", "k9", "k10", "k11", "k12"):  # numbers stay numbers where no cell is text
        out[col] = _angka(out[col].astype(object))
    out["k13"] = _tahun_berjalan(out, tabel, triwulan, tahun)
    out["ragu_k14"] = out["ragu_k15"] = out["ragu_k13"]  # computed from (13)
    out["rp13"] = out[[f"rp{8 + q}" for q in range(1, 5)]].sum(axis=1, min_count=1)
    out["k14"] = renstra_sampai(out["k7"], out["k13"], out["agregasi"])
    out["rp14"] = renstra_sampai(out["rp7"], out["rp13"], pd.Series("jumlah", index=out.index))
    out["k15"] = hitung_capaian(pd.DataFrame({"target": out["k6"], "realisasi": out["k14"],
                                              "polaritas": out["polaritas"]}))["capaian"].to_numpy()
    out["rp15"] = penyerapan(out["rp14"], out["rp6"])
    out["capaian_tahun"] = hitung_capaian(pd.DataFrame({"target": out["k8"], "realisasi": out["k13"],
                                                        "polaritas": out["polaritas"]}))["capaian"].to_numpy()
    out["penyerapan_tahun"] = penyerapan(out["rp13"], out["rp8"])
    return out.reset_index(drop=True)
