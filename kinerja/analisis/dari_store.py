"""From the store to the tables a CRAAPK, LKjIP or dashboard shows, for one unit and year
or, with ``unit=None``, for every unit at once (one query per table, not one per unit).

All functions read the store's *current* view and return long-format DataFrames; the
capaian itself always comes from :mod:`kinerja.core.capaian` and period sums from
:mod:`kinerja.core.agregasi`, so no formula is written here a second time.

``tabel_bulanan``       indicator × month: targets (RAAPK), realisasi (CRAAPK), keterangan
``capaian_bulanan``     the same with the month's capaian, predikat and catatan
``capaian_kumulatif``   per indicator, the period January–m: realisasi and target aggregated
                        by the indicator's agregasi (like with like, a month not reported
                        left out of both sides), capaian, months missing, plausibility flags
``riwayat``             earlier years' realisasi and the Renstra/RPJMD targets per year
``anggaran_program``    per program and month: plan, realisasi, penyerapan and S-curve
``ringkasan_unit``      per unit: indicators, mean capaian of the period (flagged rows out),
                        gaps and flags counted, penyerapan against its plan, predikat
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.agregasi import agregasikan
from kinerja.core.anggaran import penyerapan, penyerapan_bulanan
from kinerja.core.capaian import hitung_capaian
from kinerja.core.kewajaran import Kewajaran, di_luar_batas, muat_kewajaran, periksa_kewajaran
from kinerja.core.aturan import berbeda
from kinerja.core.efisiensi import efisiensi
from kinerja.core.formatting import daftar_bulan, daftar_triwulan, nama_bulan
from kinerja.core.parsing_kolom import tanpa_nilai
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.store.store import Store
from kinerja.core.berjenjang import capaian_sasaran, capaian_unit
from kinerja.analisis.jabatan import realisasi_dijenjangkan
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["anggaran_program", "beda_tingkat", "bentuk_efisiensi", "bulan_terakhir", "capaian_bulanan", "capaian_kumulatif", "catatan_periode", "dasar_periode",
           "efisiensi_sasaran", "penyerapan_total", "per_triwulan", "rata_capaian", "riwayat", "tanpa_target",
           "ringkasan_unit", "tabel_bulanan"]

_META = ["kode", "sasaran", "nama", "satuan", "polaritas", "agregasi", "iku", "standar_nasional", "indikator_induk"]


_KEY = ["unit_kode", "indikator_kode"]
_TANDA_TIADA = frozenset({"-", "–", "—", "--"})  # "no target this month" in a RAAPK (not blank)


def tanpa_target(target: pd.Series) -> np.ndarray:
    """True where a RAAPK month says "no target this month" (``–``), which is neither a
    blank cell nor 0: such a month expects no realisasi.

    Examples
    --------
    >>> tanpa_target(pd.Series(["–", "-", None, "0", " — "])).tolist()
    [True, True, False, False, True]
    """
    return target.astype(object).where(target.notna(), "").astype(str).str.strip().isin(_TANDA_TIADA).to_numpy()


def _skala(skala: str | SkalaPredikat) -> SkalaPredikat:
    return skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)


def _where(unit: str | None, **more) -> dict:
    return ({"unit_kode": unit} if unit is not None else {}) | more


def target_renstra_tahunan(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """The Renstra/RPJMD annual targets of ``tahun``: the current ``target`` rows of
    ``dokumen`` renstra and ``jenis`` tahunan, one per unit and indicator. The one query
    behind the plausibility check, the V28 ingest check and the documents' reviu.

    Parameters
    ----------
    store : Store
        The store read.
    unit : str or None
        A unit's code; None for every unit.
    tahun : int
        The year of the targets.

    Returns
    -------
    pandas.DataFrame
        The store's target columns (``unit_kode``, ``indikator_kode``, ``nilai_teks``,
        ``nilai``, …); empty when the unit has no Renstra for that year.

    Examples
    --------
    >>> from kinerja.store.store import Store
    >>> target_renstra_tahunan(Store("sqlite://"), "dinkes", 2026).empty
    True
    """
    plan = store.current("target", **_where(unit, dokumen="renstra", tahun=tahun))
    return plan[plan["jenis"] == "tahunan"].drop_duplicates(_KEY) if not plan.empty else plan


def tabel_bulanan(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """One row per unit, indicator of the unit's PK and month 1–12 (``unit=None``: every unit).

    Columns: indicator metadata, ``target_tahunan`` (PK, as written), ``bulan``,
    ``target``/``target_nilai`` and ``program`` (RAAPK), ``realisasi``/``realisasi_nilai`` (CRAAPK; for
    rasio the value is pembilang/penyebut in %), ``pembilang``, ``penyebut``, ``keterangan``.
    """
    meta = store.current("indikator", **_where(unit))
    pk = store.current("target", **_where(unit, dokumen="pk", tahun=tahun))
    # A unit without a PK for the year but with a Renja evaluation (kinerja impor) is measured
    # against its Renja targets: the indicators it reported on, as the Renja form has them.
    renja = store.current("target", **_where(unit, dokumen="renja", tahun=tahun))
    if not renja.empty:
        renja = renja[(renja["jenis"] == "tahunan") & ~renja["unit_kode"].isin(pk["unit_kode"])]
        pk = pd.concat([pk, renja], ignore_index=True) if not pk.empty else renja
    if pk.empty:
        return pd.DataFrame(columns=[*_KEY, "bulan"])
    pk = pk.drop_duplicates(_KEY)
    base = pk[[*_KEY, "nilai_teks", "nilai", "dokumen"]].rename(
        columns={"nilai_teks": "target_tahunan", "nilai": "target_tahunan_nilai", "dokumen": "sumber_target"})
    base["urutan"] = base.groupby("unit_kode").cumcount().to_numpy()  # the PK's own order of indicators
    base = base.merge(meta[["unit_kode", *_META]].rename(columns={"kode": "indikator_kode", "nama": "indikator"}),
                      on=_KEY, how="left")
    months = pd.DataFrame({"bulan": np.arange(1, 13)})
    grid = base.merge(months, how="cross")
    plan = store.current("target", **_where(unit, dokumen="raapk", tahun=tahun))
    plan = plan[[*_KEY, "bulan", "nilai_teks", "nilai", "program", "penanggung_jawab"]].rename(
        columns={"nilai_teks": "target", "nilai": "target_nilai"})
    real = realisasi_dijenjangkan(store, store.current("realisasi", **_where(unit, tahun=tahun)), tahun, unit)
    # A quarter is kept at its last month (schema 5); where a month has both a monthly and a
    # quarterly value the monthly one (the finer source) stands.
    real = real[real["bulan"].notna()].sort_values("periode", na_position="first", kind="stable")
    real = real.drop_duplicates([*_KEY, "bulan"]).rename(columns={"periode": "periode_data"})
    real = real[[*_KEY, "bulan", "nilai_teks", "nilai", "pembilang", "penyebut", "keterangan",
                 "periode_data"]].rename(columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    for frame in (plan, real):
        frame["bulan"] = frame["bulan"].astype("int64")
    out = grid.merge(plan, on=[*_KEY, "bulan"], how="left").merge(real, on=[*_KEY, "bulan"], how="left")
    return out.sort_values(["unit_kode", "urutan", "bulan"], kind="stable").reset_index(drop=True)


def _engine_value(text: pd.Series, number: pd.Series) -> pd.Series:
    """What the engine reads: the stored number where there is one, else the text
    (grades, ranges, '–'); a rasio's "45/50" is represented by its number."""
    return number.astype(object).where(number.notna(), text.astype(object))


def _numerik(tabel: pd.DataFrame) -> pd.DataFrame:
    """:func:`tabel_bulanan` as :func:`kinerja.core.agregasi.agregasikan` takes it: the numbers read,
    an indicator without agregasi measured at its end (akhir)."""
    return tabel.assign(target=tabel["target_nilai"], realisasi=tabel["realisasi_nilai"],
                        agregasi=tabel["agregasi"].fillna("akhir").replace("", "akhir"))


def per_triwulan(bulanan: pd.DataFrame, triwulan: int) -> pd.DataFrame:
    """Target, realisasi and capaian of every indicator in each quarter up to ``triwulan``,
    aggregated from :func:`tabel_bulanan` by the indicator's agregasi (a quarter reported as
    one value stays that value). Columns: the key, ``periode`` (1–4), ``target``,
    ``realisasi``, ``indikator``, ``polaritas``, ``capaian``."""
    if bulanan.empty:
        return pd.DataFrame(columns=[*_KEY, "periode", "target", "realisasi", "indikator", "polaritas", "capaian"])
    out = agregasikan(_numerik(bulanan), _KEY, "triwulan", sampai_bulan=3 * triwulan)
    meta = bulanan.drop_duplicates(_KEY)[[*_KEY, "indikator", "polaritas"]]
    out = out.merge(meta, on=_KEY, how="left")
    out["capaian"] = hitung_capaian(out[["target", "realisasi", "polaritas"]])["capaian"].to_numpy()
    return out


def capaian_bulanan(store: Store, unit: str | None, tahun: int, skala: str | SkalaPredikat = DEFAULT_SKALA) -> pd.DataFrame:
    """:func:`tabel_bulanan` with each month's ``capaian``, ``predikat`` and ``catatan``."""
    tabel = tabel_bulanan(store, unit, tahun)
    if tabel.empty:
        return tabel
    frame = pd.DataFrame({
        "target": _engine_value(tabel["target"], tabel["target_nilai"]),
        "realisasi": _engine_value(tabel["realisasi"], tabel["realisasi_nilai"]),
        "polaritas": tabel["polaritas"],
    })
    result = hitung_capaian(frame)
    tabel["capaian"] = result["capaian"].to_numpy()
    # A month beyond the plausibility band gets no predikat (kinerja.core.kewajaran).
    tabel["wajar"] = ~di_luar_batas(tabel["capaian"], tabel["realisasi_nilai"], muat_kewajaran())
    tabel["predikat"] = _skala(skala).predikat(result["capaian"]).where(tabel["wajar"].to_numpy()).to_numpy()
    tabel["catatan"] = result["catatan"].to_numpy()
    return tabel


def capaian_kumulatif(
    store: Store, unit: str | None, tahun: int, sampai_bulan: int = 12, skala: str | SkalaPredikat = DEFAULT_SKALA,
    kewajaran: Kewajaran | None = None,
) -> pd.DataFrame:
    """The capaian of every indicator for the period January to ``sampai_bulan``: the one
    definition every document, page and table of kinerja shows (docs/metodologi.md §4).

    ``realisasi`` and ``target`` are aggregated by the indicator's agregasi over the months
    of the period (Σ for jumlah, the last for akhir, ...), a month without realisasi left
    out of both sides, and ``capaian`` compares them. The annual PK target
    (``target_tahunan``) is shown beside it and is never the denominator before the year
    is over (for jumlah indicators it equals the sum of the twelve monthly targets).
    Indicators whose target is a range, a bound or a grade are measured against the PK
    target as written.

    Also returned: ``bulan_kosong`` (months of the period with a target but no realisasi),
    ``keterangan_kosong`` (what the unit wrote for those months), ``keterangan`` (all its
    notes in the period), ``verifikasi`` (reasons the row needs verifying, see
    :mod:`kinerja.core.kewajaran`) and ``dihitung`` (the capaian may enter averages).
    """
    tabel = tabel_bulanan(store, unit, tahun)
    if tabel.empty:
        return tabel
    total = agregasikan(_numerik(tabel), _KEY, "tahun", sampai_bulan=sampai_bulan)
    first = tabel.drop_duplicates(_KEY).set_index(_KEY)
    total = total.join(first[["sasaran", "indikator", "satuan", "polaritas", "iku", "standar_nasional",
                              "indikator_induk", "target_tahunan", "target_tahunan_nilai", "sumber_target"]], on=_KEY)
    upto = tabel[tabel["bulan"] <= sampai_bulan]
    reported = ~tanpa_nilai(upto["realisasi"])
    # A month is expected unless its RAAPK target is "–" (no target that month).
    dash = tanpa_target(upto["target"])
    noted = upto["keterangan"].notna() & (upto["keterangan"].astype(str).str.strip() != "")
    key = pd.MultiIndex.from_frame(total[_KEY])

    def listed(rows: pd.DataFrame, col: str) -> list:
        found = rows.groupby(_KEY)[col].agg(list).reindex(key)
        return [v if isinstance(v, list) else [] for v in found]

    # Latest written realisasi (grades, '–') for indicators measured as written.
    last_text = upto[reported].groupby(_KEY)["realisasi"].last()
    as_written = total["target_tahunan_nilai"].isna()
    frame = pd.DataFrame({
        "target": total["target"].astype(object).where(~as_written, total["target_tahunan"]),
        "realisasi": total["realisasi"].astype(object).where(
            ~as_written | total["realisasi"].notna(), last_text.reindex(key).to_numpy()),
        "polaritas": total["polaritas"],
    })
    # An indicator reported by quarter (or year) with no target for those periods (a Renja
    # evaluation has only the year's) is set against the annual target, and says so.
    # How each indicator reports, from the whole year (a quarter not yet over still counts).
    rank = tabel["periode_data"].map({"tahun": 1, "triwulan": 2}).fillna(0)  # a quarter outranks a year
    kinds = rank.groupby([tabel[k] for k in _KEY]).max().reindex(key).map({0: "bulan", 1: "tahun", 2: "triwulan"})
    period_targets = upto["target_nilai"].notna().groupby([upto[k] for k in _KEY]).any().reindex(key)
    annual = (frame["target"].isna() & total["target_tahunan_nilai"].notna()
              & ~period_targets.fillna(False).to_numpy() & total["realisasi"].notna())
    frame.loc[annual.to_numpy(), "target"] = total.loc[annual, "target_tahunan_nilai"]
    total["periode_data"] = kinds.fillna("bulan").to_numpy()
    # Over the whole year the annual target is the period's own: nothing to point out then.
    total["pembanding"] = np.where(annual & (sampai_bulan < 12), "tahunan", "periode")
    result = hitung_capaian(frame)
    scale = _skala(skala)
    total["target"] = frame["target"]
    total["realisasi"] = frame["realisasi"]
    total["capaian"] = result["capaian"].to_numpy()
    total["predikat"] = scale.predikat(result["capaian"]).to_numpy()
    total["catatan"] = result["catatan"].to_numpy()
    # A month is expected where the indicator reports: every month, or only a quarter's last
    # month for an indicator reported by quarter.
    kind = np.asarray(upto.set_index(_KEY).index.map(dict(zip(key, total["periode_data"]))), dtype=object)
    month = upto["bulan"].to_numpy()
    expected = (kind == "bulan") | ((kind == "triwulan") & (month % 3 == 0)) | ((kind == "tahun") & (month == 12))
    gaps = upto[~reported & ~dash & expected]
    total["bulan_kosong"] = listed(gaps, "bulan")
    total["keterangan_kosong"] = listed(gaps[noted[~reported & ~dash & expected].to_numpy()], "keterangan")
    total["keterangan"] = listed(upto[noted.to_numpy()], "keterangan")
    plan = target_renstra_tahunan(store, unit, tahun)
    renstra = plan.set_index(_KEY)["nilai"] if not plan.empty else pd.Series(dtype="float64")
    total["verifikasi"], total["dihitung"] = periksa_kewajaran(
        total, upto, renstra, tahun, sampai_bulan, kewajaran or muat_kewajaran())
    # A flagged row keeps its number on display but no predikat until it is confirmed.
    total["predikat"] = total["predikat"].where(total["dihitung"] | total["capaian"].isna())
    return total.drop(columns=["periode"]).reset_index(drop=True)


def dasar_periode(kum: pd.DataFrame, sampai_bulan: int) -> str:
    """Which periods a capaian to ``sampai_bulan`` rests on, when it is not every month: the
    indicators reported by quarter and the quarters used; ``""`` when all are monthly.

    Examples
    --------
    >>> kum = pd.DataFrame({"periode_data": ["triwulan", "triwulan", "bulan"],
    ...                     "pembanding": ["tahunan", "periode", "periode"]})
    >>> dasar_periode(kum, 9)
    '2 dari 3 indikator dilaporkan per triwulan (Evaluasi Renja); capaian sampai September memakai triwulan I, II dan III; 1 di antaranya dibandingkan dengan target tahunan karena target per triwulan tidak ada.'
    """
    if kum.empty or "periode_data" not in kum:
        return ""
    yearly = kum["periode_data"] == "tahun"
    year_note = (f"{int(yearly.sum())} indikator dilaporkan per tahun"
                 + ("" if sampai_bulan == 12 else "; realisasinya baru ada pada akhir tahun") + ".") if yearly.any() else ""
    quarterly = kum["periode_data"] == "triwulan"
    if not quarterly.any():
        return year_note
    quarters = list(range(1, sampai_bulan // 3 + 1))
    used = daftar_triwulan(quarters) if quarters else "belum ada triwulan yang berakhir"
    annual = int((quarterly & (kum["pembanding"] == "tahunan")).sum()) if "pembanding" in kum else 0
    head = ("Semua indikator" if quarterly.all() else f"{int(quarterly.sum())} dari {len(kum)} indikator")
    return (f"{head} dilaporkan per triwulan (Evaluasi Renja); capaian sampai {nama_bulan(sampai_bulan)} memakai "
            f"{used}" + (f"; {annual} di antaranya dibandingkan dengan target tahunan karena target per triwulan "
                         "tidak ada." if annual else ".") + (f" {year_note}" if year_note else ""))


def rata_capaian(kum: pd.DataFrame, by: str | None = None) -> float | pd.Series:
    """A unit's capaian for the period: the weighted roll-up indikator → sasaran → unit of
    the rows that may enter averages (:mod:`kinerja.core.berjenjang`, weights from
    ``parameters/bobot.yaml``, equal by default); flagged rows wait for an evaluator's
    confirmation, indicators without realisasi are not zero. ``by="unit_kode"``: one value
    per unit; else one value (the mean of the units' values if ``kum`` holds several).

    Examples
    --------
    >>> kum = pd.DataFrame({"unit_kode": ["a", "a", "a"], "capaian": [90.0, 635.0, None],
    ...                     "dihitung": [True, False, False]})
    >>> rata_capaian(kum)
    90.0
    """
    if by not in (None, "unit_kode"):
        raise ValueError("rata_capaian: by harus None atau 'unit_kode'")
    per_unit = capaian_unit(kum)
    if by == "unit_kode":
        return per_unit
    return float(per_unit.mean()) if per_unit.notna().any() else float("nan")


def beda_tingkat(kum: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The same indicator reported by the kabupaten and by a perangkat daerah
    (``indikator_induk`` naming the kabupaten's indicator of the same code and satuan):
    both values side by side and whether they differ (the tolerance every check shares).

    ``kum`` is :func:`capaian_kumulatif` for every unit; returns one row per link with
    ``unit_kode``, ``nama_unit``, ``indikator``, ``satuan``, ``realisasi_kabupaten``,
    ``realisasi_pd``, ``berbeda`` (bool) and ``catatan``.
    """
    cols = ["unit_kode", "nama_unit", "indikator_kode", "indikator", "satuan", "realisasi_kabupaten", "realisasi_pd",
            "berbeda", "catatan"]
    kab = units[units["jenis"] == "kabupaten"]["kode"]
    if kum.empty or kab.empty or "indikator_induk" not in kum:
        return pd.DataFrame(columns=cols)
    milik = kabupaten_unit(units)  # in a province, each perangkat daerah against its own kabupaten
    top = kum[kum["unit_kode"].isin(kab)][["unit_kode", "indikator_kode", "satuan", "realisasi"]].rename(
        columns={"unit_kode": "_kab", "satuan": "satuan_kabupaten", "realisasi": "realisasi_kabupaten"})
    same = kum[~kum["unit_kode"].isin(kab) & (kum["indikator_induk"] == kum["indikator_kode"])]
    out = same.assign(_kab=same["unit_kode"].map(milik)).merge(top, on=["_kab", "indikator_kode"])
    out = out[out["satuan"].fillna("") == out["satuan_kabupaten"].fillna("")].rename(columns={"realisasi": "realisasi_pd"})
    a = pd.to_numeric(out["realisasi_pd"], errors="coerce")
    b = pd.to_numeric(out["realisasi_kabupaten"], errors="coerce")
    text_differ = (a.isna() | b.isna()) & (out["realisasi_pd"].astype(str) != out["realisasi_kabupaten"].astype(str))
    out["berbeda"] = np.asarray(berbeda(a, b)) & a.notna().to_numpy() & b.notna().to_numpy() | text_differ.to_numpy()
    out["nama_unit"] = out["unit_kode"].map(units.set_index("kode")["nama"])
    out["catatan"] = np.where(out["berbeda"], "berbeda antartingkat: perlu dijelaskan atau diselaraskan", "sama")
    return out[cols].reset_index(drop=True)


def bulan_terakhir(store: Store, tahun: int) -> int:
    """The latest month of ``tahun`` for which any unit reported realisasi: the period end
    every document and page of that year shares (12 when nothing monthly is stored), so a
    unit that is late has its missing month named instead of getting a shorter period."""
    real = store.current("realisasi", tahun=tahun)
    months = real["bulan"].dropna() if not real.empty else pd.Series(dtype="float64")
    return int(months.max()) if not months.empty else 12


def catatan_periode(kum: pd.DataFrame) -> pd.Series:
    """The note a table shows beside each indicator of :func:`capaian_kumulatif`: months
    not reported (with the unit's own keterangan) and the reasons to verify; ``""`` when
    there is nothing to say.

    Examples
    --------
    >>> kum = pd.DataFrame({"bulan_kosong": [[3, 7], []], "keterangan_kosong": [["Data belum tersedia"], []],
    ...                     "verifikasi": [[], ["capaian 635,00% di atas batas kewajaran 200,00%"]]})
    >>> catatan_periode(kum).tolist()[0]
    'Belum dilaporkan: Maret dan Juli (keterangan: Data belum tersedia); capaian dari bulan yang dilaporkan.'
    >>> catatan_periode(kum).tolist()[1]
    'Perlu diverifikasi: capaian 635,00% di atas batas kewajaran 200,00%; tidak dihitung dalam rata-rata.'
    """
    out = pd.Series("", index=kum.index, dtype=object)
    annual = kum["pembanding"] == "tahunan" if "pembanding" in kum else pd.Series(False, index=kum.index)
    for i in kum.index[(kum["bulan_kosong"].map(len) > 0) | (kum["verifikasi"].map(len) > 0) | annual]:
        parts = []
        gaps, notes, checks = kum.at[i, "bulan_kosong"], kum.at[i, "keterangan_kosong"], kum.at[i, "verifikasi"]
        quarterly = kum.at[i, "periode_data"] == "triwulan" if "periode_data" in kum else False
        if gaps:
            said = "; ".join(dict.fromkeys(n.strip().rstrip(".") for n in notes))
            what = daftar_triwulan([g // 3 for g in gaps]) if quarterly else daftar_bulan(gaps)
            parts.append(f"Belum dilaporkan: {what}" + (f" (keterangan: {said})" if said else "")
                         + f"; capaian dari {'triwulan' if quarterly else 'bulan'} yang dilaporkan.")
        if checks:
            confirmed = "telah dikonfirmasi evaluator" in checks
            parts.append("Perlu diverifikasi: " + "; ".join(checks)
                         + ("." if confirmed else "; tidak dihitung dalam rata-rata."))
        if annual[i]:
            parts.append("Dibandingkan dengan target tahunan (sumber data tidak memuat target per triwulan).")
        out.at[i] = " ".join(parts)
    return out


def efisiensi_sasaran(kum: pd.DataFrame, bulanan: pd.DataFrame, anggaran: pd.DataFrame,
                      sampai_bulan: int) -> pd.DataFrame:
    """Efficiency per unit and sasaran from the programs the RAAPK links to its indicators.

    Absorption is measured like with like: the realisasi anggaran of those programs to
    ``sampai_bulan`` against their planned (RAAPK) absorption to the same month, or
    against the pagu once the year is over (``sampai_bulan`` 12). ``capaian`` is the
    sasaran's rolled-up capaian (:func:`kinerja.core.berjenjang.capaian_sasaran`). Columns: ``unit_kode``,
    ``sasaran``, ``program`` (list), ``capaian``, ``pagu``, ``rencana_anggaran``,
    ``realisasi_anggaran``, ``penyerapan`` (the like-with-like one), ``penyerapan_pagu``
    and the forms of :func:`kinerja.core.efisiensi.efisiensi`.
    """
    links = bulanan[bulanan["program"].notna()][["unit_kode", "sasaran", "program"]].drop_duplicates()
    per = capaian_sasaran(kum)
    programs = links.groupby(["unit_kode", "sasaran"])["program"].agg(list).rename("program")
    per = per.join(programs, on=["unit_kode", "sasaran"])
    per["program"] = [v if isinstance(v, list) else [] for v in per["program"]]
    if anggaran.empty:
        money = pd.DataFrame(columns=["unit_kode", "sasaran", "pagu", "rencana_anggaran", "realisasi_anggaran"])
    else:
        now = anggaran[anggaran["bulan"] == sampai_bulan][["unit_kode", "program", "pagu", "target_kumulatif",
                                                            "realisasi_kumulatif"]]
        money = links.merge(now, on=["unit_kode", "program"]).groupby(["unit_kode", "sasaran"]).agg(
            pagu=("pagu", "sum"), rencana_anggaran=("target_kumulatif", lambda x: x.sum(min_count=1)),
            realisasi_anggaran=("realisasi_kumulatif", lambda x: x.sum(min_count=1))).reset_index()
    per = per.merge(money, on=["unit_kode", "sasaran"], how="left")
    basis = per["pagu"] if sampai_bulan == 12 else per["rencana_anggaran"]
    per["penyerapan_pagu"] = penyerapan(per["realisasi_anggaran"], per["pagu"])
    per["penyerapan"] = penyerapan(per["realisasi_anggaran"], basis)
    forms = efisiensi(per[["capaian", "penyerapan"]])
    return pd.concat([per, forms.drop(columns="penyerapan")], axis=1)


def bentuk_efisiensi(sampai_bulan: int) -> str:
    """The efficiency form kinerja's documents show, in the reader's words."""
    dasar = ("pagu" if sampai_bulan == 12 else
             f"rencana penyerapan (RAAPK) sampai {nama_bulan(sampai_bulan)}")
    return (f"Efisiensi ditampilkan sebagai indeks efisiensi: capaian kinerja (%) dibagi penyerapan anggaran (%), "
            f"dengan penyerapan dihitung terhadap {dasar} dari program yang mendukung sasaran; 1 atau lebih "
            "berarti efisien.")


def riwayat(store: Store, unit: str | None) -> pd.DataFrame:
    """Per indicator and year: realisasi of earlier years (the Renstra's sheet) and the
    Renstra/RPJMD target of that year (``jenis`` ``awal`` marks the baseline before the
    period), with the end-of-period target and its year on every row."""
    real = store.current("realisasi", **_where(unit))
    real = real[real["bulan"].isna()][[*_KEY, "tahun", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "realisasi", "nilai": "realisasi_nilai"})
    plan = store.current("target", **_where(unit, dokumen="renstra"))
    yearly = plan[plan["jenis"].isin(["tahunan", "awal"])][[*_KEY, "tahun", "jenis", "nilai_teks", "nilai"]].rename(
        columns={"nilai_teks": "target_renstra", "nilai": "target_renstra_nilai"})
    out = yearly.merge(real, on=[*_KEY, "tahun"], how="outer")
    end = plan[plan["jenis"] == "akhir_periode"][[*_KEY, "nilai_teks", "nilai", "tahun"]].rename(
        columns={"nilai_teks": "target_akhir", "nilai": "target_akhir_nilai", "tahun": "tahun_akhir"})
    out = out.merge(end.drop_duplicates(_KEY), on=_KEY, how="left")
    return out.sort_values([*_KEY, "tahun"]).reset_index(drop=True)


# Which document's budget row counts when several hold the same program, month and kind:
# the latest stage of the plan (a CRAAPK's monthly target over the RAAPK's, the RAAPK's
# pagu over the PK's and the RKT's).
_TAHAP_ANGGARAN = {"rkt": 0, "pk": 1, "raapk": 2, "craapk": 3}


def _anggaran_terkini(rows: pd.DataFrame) -> pd.DataFrame:
    """One budget row per program, kegiatan, sub kegiatan, month and kind, from the latest plan stage."""
    if rows.empty:
        return rows
    stage = rows["dokumen"].map(_TAHAP_ANGGARAN).fillna(-1)
    keys = ["unit_kode", "tahun", "program", "kegiatan", "sub_kegiatan", "bulan", "jenis"]
    ordered = rows.assign(_tahap=stage).sort_values("_tahap", kind="stable")
    return ordered.drop_duplicates(keys, keep="last").drop(columns="_tahap").sort_index()


def anggaran_program(store: Store, unit: str | None, tahun: int) -> pd.DataFrame:
    """Per unit, program and month: pagu, plan (RAAPK), realisasi (CRAAPK), monthly capaian
    anggaran and the cumulative S-curves (see :func:`kinerja.penyerapan_bulanan`)."""
    rows = _anggaran_terkini(store.current("anggaran", **_where(unit, tahun=tahun)))
    rows = rows[rows["kegiatan"].isna()]
    if rows.empty:
        return pd.DataFrame(columns=["unit_kode", "program", "bulan"])
    keys = ["unit_kode", "program"]
    pagu = rows[(rows["jenis"] == "pagu") & rows["bulan"].isna()].groupby(keys)["nilai"].max()
    monthly = rows[rows["bulan"].notna()].pivot_table(index=[*keys, "bulan"], columns="jenis", values="nilai",
                                                      aggfunc="sum")
    # Every program with a pagu or any monthly value (a SIPD export may bring realisasi
    # before a DPA is loaded: its penyerapan is then unknown, not hidden).
    programs = list(dict.fromkeys([*pagu.index, *monthly.index.droplevel("bulan")])) if not monthly.empty else list(pagu.index)
    grid = pd.MultiIndex.from_tuples([(*k, m) for k in programs for m in range(1, 13)],
                                     names=[*keys, "bulan"])
    monthly = monthly.reindex(grid).reset_index()
    monthly["bulan"] = monthly["bulan"].astype("int64")
    monthly["pagu"] = pagu.reindex(pd.MultiIndex.from_frame(monthly[keys])).to_numpy()
    monthly["target_anggaran"] = monthly.get("target", np.nan)
    monthly["realisasi_anggaran"] = monthly.get("realisasi", np.nan)
    return penyerapan_bulanan(monthly[[*keys, "bulan", "pagu", "target_anggaran", "realisasi_anggaran"]], keys)


def ringkasan_unit(store: Store, tahun: int, sampai_bulan: int, skala: str | SkalaPredikat = DEFAULT_SKALA,
                   jenis: tuple[str, ...] = ("perangkat_daerah",), kum: pd.DataFrame | None = None,
                   kabupaten: str | None = None) -> pd.DataFrame:
    """One row per unit of the given ``jenis`` for the period January to ``sampai_bulan``:
    ``indikator`` (count), ``terukur`` (indicators whose capaian enters the mean),
    ``perlu_verifikasi`` and ``bulan_kosong`` (indicators flagged, indicator-months not
    reported), ``capaian`` (:func:`rata_capaian`), ``predikat``, ``pagu``,
    ``realisasi_anggaran`` and ``rencana_anggaran`` (cumulative, Rupiah), ``penyerapan`` and
    ``rencana_penyerapan`` (% of pagu). Units without a PK have ``indikator`` 0 and NaN means.
    ``kum`` reuses a :func:`capaian_kumulatif` table of all units already read. Each row
    carries its ``kabupaten`` (code); ``kabupaten`` keeps only that kabupaten's units."""
    scale = _skala(skala)
    semua = store.current("unit")
    units = semua[semua["jenis"].isin(jenis)][["kode", "nama", "jenis"]].rename(columns={"kode": "unit_kode"})
    units["kabupaten"] = units["unit_kode"].map(kabupaten_unit(semua))
    if kabupaten is not None:
        units = units[units["kabupaten"] == kabupaten]
    if kum is None:
        kum = capaian_kumulatif(store, None, tahun, sampai_bulan, scale)
    if kum.empty:
        kum = pd.DataFrame(columns=["unit_kode", "indikator_kode", "capaian", "dihitung", "verifikasi",
                                    "bulan_kosong"])
    grouped = kum.assign(_flag=kum["verifikasi"].map(len) > 0, _gap=kum["bulan_kosong"].map(len),
                         _ok=kum["dihitung"].astype(bool)).groupby("unit_kode")
    per_unit = grouped.agg(indikator=("indikator_kode", "size"), terukur=("_ok", "sum"),
                           perlu_verifikasi=("_flag", "sum"), bulan_kosong=("_gap", "sum"))
    per_unit["capaian"] = rata_capaian(kum, "unit_kode")
    money = anggaran_program(store, None, tahun)
    if not money.empty:
        now = money[money["bulan"] == sampai_bulan].groupby("unit_kode")[
            ["pagu", "realisasi_kumulatif", "target_kumulatif"]].sum(min_count=1)
        now = now.rename(columns={"realisasi_kumulatif": "realisasi_anggaran", "target_kumulatif": "rencana_anggaran"})
        now["penyerapan"] = penyerapan(now["realisasi_anggaran"], now["pagu"])
        now["rencana_penyerapan"] = penyerapan(now["rencana_anggaran"], now["pagu"])
        per_unit = per_unit.join(now, how="outer")
    out = units.join(per_unit, on="unit_kode")
    for col in ("capaian", "pagu", "realisasi_anggaran", "rencana_anggaran", "penyerapan", "rencana_penyerapan"):
        out[col] = out[col].astype("float64") if col in out else np.nan
    for col in ("indikator", "terukur", "perlu_verifikasi", "bulan_kosong"):
        out[col] = out[col].fillna(0).astype("int64")
    out["predikat"] = scale.predikat(out["capaian"]).to_numpy()
    return out.sort_values("nama").reset_index(drop=True)


def penyerapan_total(ringkasan: pd.DataFrame) -> tuple[float, float]:
    """Penyerapan of a group of units as Σ realisasi / Σ pagu (and the plan likewise), never
    a mean of their percentages.

    Examples
    --------
    >>> r = pd.DataFrame({"pagu": [100.0, 900.0], "realisasi_anggaran": [90.0, 450.0],
    ...                   "rencana_anggaran": [80.0, 600.0]})
    >>> penyerapan_total(r)
    (54.0, 68.0)
    """
    pagu = ringkasan["pagu"].sum(min_count=1)
    if pd.isna(pagu) or not pagu:
        return float("nan"), float("nan")
    return (float(penyerapan(ringkasan["realisasi_anggaran"].sum(min_count=1), pagu)),
            float(penyerapan(ringkasan["rencana_anggaran"].sum(min_count=1), pagu)))
