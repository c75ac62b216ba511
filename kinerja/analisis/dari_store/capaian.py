"""The capaian of every indicator per period, computed from :func:`tabel_bulanan`: each
month's (:func:`capaian_bulanan`), each quarter's (:func:`per_triwulan`) and January to a
month's (:func:`capaian_kumulatif`, the one definition every document and page shows),
with the notes a table prints beside it (:func:`catatan_periode`, :func:`dasar_periode`)
and a unit's rolled-up mean (:func:`rata_capaian`). The capaian itself always comes from
:mod:`kinerja.core.capaian` and period sums from :mod:`kinerja.core.agregasi`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.analisis.dari_store.tabel import _KEY, tabel_bulanan, target_renstra_tahunan
from kinerja.core.agregasi import agregasikan
from kinerja.core.berjenjang import capaian_unit
from kinerja.core.capaian import hitung_capaian
from kinerja.core.formatting import ROMAWI_TRIWULAN, daftar_bulan, daftar_triwulan, nama_bulan
from kinerja.core.kosakata import BERKAS_BERTENTANGAN, CATATAN_IMPOR
from kinerja.core.kewajaran import (DIKONFIRMASI, Kewajaran, bulan_perlu_verifikasi, muat_kewajaran,
                                    perlu_verifikasi, periksa_kewajaran)
from kinerja.core.parsing_kolom import tanpa_nilai
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.store.akses import dengan_konfirmasi
from kinerja.store.store import Store

__all__ = ["bulan_diharapkan", "capaian_bulanan", "capaian_kumulatif", "capaian_periode", "catatan_periode",
           "dasar_periode", "per_triwulan", "rata_capaian", "tanpa_target"]

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


def _engine_value(text: pd.Series, number: pd.Series) -> pd.Series:
    """What the engine reads: the stored number where there is one, else the text
    (grades, ranges, '–'); a rasio's "45/50" is represented by its number."""
    return number.astype(object).where(number.notna(), text.astype(object))


def _numerik(tabel: pd.DataFrame) -> pd.DataFrame:
    """:func:`tabel_bulanan` as :func:`kinerja.core.agregasi.agregasikan` takes it: the numbers read,
    an indicator without agregasi measured at its end (akhir)."""
    return tabel.assign(target=tabel["target_nilai"], realisasi=tabel["realisasi_nilai"],
                        agregasi=tabel["agregasi"].fillna("akhir").replace("", "akhir"))


def per_triwulan(bulanan: pd.DataFrame, triwulan: int, tahun: int | None = None) -> pd.DataFrame:
    """Target, realisasi and capaian of every indicator in each quarter up to ``triwulan``, each
    quarter measured as :func:`capaian_kumulatif` measures a period (:func:`capaian_periode`):
    aggregated by the indicator's agregasi (a quarter reported as one value stays that value), a
    range, bound or grade target as written, a grade realisasi as written, an indicator reported
    by quarter without quarterly targets against its annual target. Columns: the key,
    ``periode`` (1–4), ``target``, ``realisasi``, ``indikator``, ``polaritas``, ``capaian``, ``ragu``
    (the quarter's value needs verifying, :func:`capaian_periode`)."""
    cols = [*_KEY, "periode", "target", "realisasi", "indikator", "polaritas", "capaian", "ragu"]
    if bulanan.empty:
        return pd.DataFrame(columns=cols)
    parts = [capaian_periode(bulanan, 3 * q - 2, 3 * q, tahun).assign(periode=q) for q in range(1, int(triwulan) + 1)]
    out = pd.concat(parts, ignore_index=True)
    order = bulanan.drop_duplicates(_KEY)[_KEY].reset_index(drop=True).reset_index()
    out = out.merge(order, on=_KEY, how="left").sort_values(["index", "periode"], kind="stable")
    return _triwulan_tanpa_target(out[cols].reset_index(drop=True), bulanan)


def _triwulan_tanpa_target(kuartal: pd.DataFrame, bulanan: pd.DataFrame) -> pd.DataFrame:
    """``kuartal`` (:func:`per_triwulan`) with no target and no capaian in a quarter whose every
    month the RAAPK marks "no target" (``–``; Opini BPK targeted in June only), as the RAAPK
    has it: such a quarter is not measured against the annual target."""
    months = bulanan[_KEY].assign(periode=(bulanan["bulan"] - 1) // 3 + 1, _tiada=tanpa_target(bulanan["target"]))
    none = months.groupby([*_KEY, "periode"], as_index=False)["_tiada"].all()
    flag = kuartal.merge(none, on=[*_KEY, "periode"], how="left")["_tiada"].fillna(False).astype(bool).to_numpy()
    kuartal.loc[flag, ["target", "capaian"]] = np.nan
    return kuartal


def capaian_periode(bulanan: pd.DataFrame, dari_bulan: int, sampai_bulan: int, tahun: int | None = None,
                    kewajaran: Kewajaran | None = None) -> pd.DataFrame:
    """Target, realisasi and capaian of every indicator of :func:`tabel_bulanan` over the months
    ``dari_bulan``…``sampai_bulan``: the one measurement of a period that :func:`capaian_kumulatif`
    (January to a month), :func:`per_triwulan` (each quarter) and the Evaluasi Renja (its
    columns (9)–(13)) share. Columns: the key, ``target``, ``realisasi`` (numbers, or the text
    written for a grade), ``indikator``, ``polaritas``, ``capaian``, ``pembanding``, and the
    plausibility of the period's value (:mod:`kinerja.core.kewajaran`, the months of the period
    judged against those before them): ``verifikasi``, ``dihitung`` and ``ragu``; ``tahun``
    finds an evaluator's confirmations."""
    total, upto, _, key, frame, annual = _ukur_periode(bulanan, dari_bulan, sampai_bulan)
    out = total[[*_KEY, "indikator", "polaritas"]].copy()
    frame.loc[annual.to_numpy(), "target"] = total.loc[annual, "target_tahunan_nilai"]
    out["target"] = frame["target"].to_numpy()
    out["realisasi"] = frame["realisasi"].to_numpy()
    out["capaian"] = hitung_capaian(frame)["capaian"].to_numpy()
    out["pembanding"] = np.where(annual, "tahunan", "periode")
    judged = total.assign(target=frame["target"].to_numpy(), realisasi=frame["realisasi"].to_numpy(),
                          capaian=out["capaian"].to_numpy())
    _periksa(judged, bulanan[bulanan["bulan"] <= sampai_bulan], upto, key, pd.Series(dtype="float64"), tahun,
             dari_bulan, sampai_bulan, kewajaran)
    for col in ("verifikasi", "dihitung", "ragu"):
        out[col] = judged[col].to_numpy()
    return out


def _periksa(total: pd.DataFrame, sejak_januari: pd.DataFrame, upto: pd.DataFrame, key: pd.MultiIndex,
             renstra: pd.Series, tahun: int | None, dari_bulan: int, sampai_bulan: int,
             kewajaran: Kewajaran | None) -> None:
    """The plausibility of a period's measurement (:func:`kinerja.core.kewajaran.periksa_kewajaran`
    and a file's own contradiction), in place: ``verifikasi``, ``dihitung`` and the flag ``ragu``
    every table marks its value by. ``sejak_januari`` holds the months from January (a month is
    judged against the ones before it), ``upto`` the period's."""
    total["verifikasi"], total["dihitung"] = periksa_kewajaran(
        total, sejak_januari, renstra, tahun if tahun is not None else 0, sampai_bulan,
        kewajaran or muat_kewajaran(), dari_bulan)
    _bertentangan(total, upto, key)
    total["ragu"] = perlu_verifikasi(total["verifikasi"]).to_numpy()


def _ukur_periode(tabel: pd.DataFrame, dari_bulan: int, sampai_bulan: int):
    """The steps of measuring months ``dari_bulan``…``sampai_bulan``: the aggregated period
    (``total``), its monthly rows, which were reported, the indicators' key, what the engine
    compares and which indicators are set against their annual target."""
    upto = tabel[tabel["bulan"].between(dari_bulan, sampai_bulan)]
    total = _jumlah_periode(upto, sampai_bulan)
    reported = ~tanpa_nilai(upto["realisasi"])
    key = pd.MultiIndex.from_frame(total[_KEY])
    frame = _nilai_dibandingkan(total, upto, reported, key)
    return total, upto, reported, key, frame, _pembanding_tahunan(frame, total, upto, key)


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
    # A month beyond the plausibility band or written implausibly needs verifying and gets no
    # predikat (kinerja.core.kewajaran): ``ragu``, and ``wajar`` its opposite.
    tabel["ragu"] = bulan_perlu_verifikasi(tabel, tahun, muat_kewajaran())
    tabel["wajar"] = ~tabel["ragu"]
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
    :mod:`kinerja.core.kewajaran`), ``dihitung`` (the capaian may enter averages) and ``ragu``
    (the value needs verifying: every table marks it, no sentence judges it).
    """
    tabel = tabel_bulanan(store, unit, tahun)
    if tabel.empty:
        return tabel
    total, upto, reported, key, frame, annual = _ukur_periode(tabel, 1, sampai_bulan)
    frame.loc[annual.to_numpy(), "target"] = total.loc[annual, "target_tahunan_nilai"]
    total["periode_data"] = _cara_lapor(tabel, key).fillna("bulan").to_numpy()
    # Over the whole year the annual target is the period's own: nothing to point out then.
    total["pembanding"] = np.where(annual & (sampai_bulan < 12), "tahunan", "periode")
    result = hitung_capaian(frame)
    scale = _skala(skala)
    total["target"] = frame["target"]
    total["realisasi"] = frame["realisasi"]
    total["capaian"] = result["capaian"].to_numpy()
    total["predikat"] = scale.predikat(result["capaian"]).to_numpy()
    total["catatan"] = result["catatan"].to_numpy()
    total["bulan_kosong"], total["keterangan_kosong"], total["keterangan"] = _bulan_kosong(
        upto, reported, total["periode_data"], key)
    plan = target_renstra_tahunan(store, unit, tahun)
    renstra = plan.set_index(_KEY)["nilai"] if not plan.empty else pd.Series(dtype="float64")
    _periksa(total, upto, upto, key, renstra, tahun, 1, sampai_bulan,
             dengan_konfirmasi(store, tahun, kewajaran or muat_kewajaran()))
    # A flagged row keeps its number on display but no predikat until it is confirmed.
    total["predikat"] = total["predikat"].where(total["dihitung"] | total["capaian"].isna())
    return total.drop(columns=["periode"]).reset_index(drop=True)


def _bertentangan(total: pd.DataFrame, upto: pd.DataFrame, key: pd.MultiIndex) -> None:
    """Rows whose imported file contradicts itself (kinerja impor's note, e.g. a K of 0 beside its
    % of 100) need verifying and are not judged: the note joins ``verifikasi``, in place."""
    notes = upto["keterangan"].astype(object).where(upto["keterangan"].notna(), "").astype(str)
    hit = upto[notes.str.contains(BERKAS_BERTENTANGAN, regex=False)]
    if hit.empty:
        return
    parts = hit.assign(keterangan=[
        [f"triwulan {ROMAWI_TRIWULAN[(int(m) - 1) // 3]}: {x.strip()}" for x in n.removeprefix(CATATAN_IMPOR).split(";")
         if BERKAS_BERTENTANGAN in x] for n, m in zip(notes[hit.index], hit["bulan"])])
    found = _per_indikator(parts, "keterangan", key)
    for i, lists in zip(total.index, found):
        if lists:
            total.at[i, "verifikasi"] = list(total.at[i, "verifikasi"]) + [x for part in lists for x in part]
            total.at[i, "dihitung"] = False


def _jumlah_periode(tabel: pd.DataFrame, sampai_bulan: int) -> pd.DataFrame:
    """Per indicator, target and realisasi of January to ``sampai_bulan`` aggregated by its
    agregasi, with its metadata and its PK target (as written and as a number) beside them."""
    total = agregasikan(_numerik(tabel), _KEY, "tahun", sampai_bulan=sampai_bulan)
    first = tabel.drop_duplicates(_KEY).set_index(_KEY)
    return total.join(first[["sasaran", "indikator", "satuan", "polaritas", "iku", "standar_nasional",
                             "indikator_induk", "target_tahunan", "target_tahunan_nilai", "sumber_target"]], on=_KEY)


def _nilai_dibandingkan(total: pd.DataFrame, upto: pd.DataFrame, reported: pd.Series,
                        key: pd.MultiIndex) -> pd.DataFrame:
    """What the engine compares per indicator (``target``, ``realisasi``, ``polaritas``): the
    period's aggregated values or, for an indicator measured as written (its PK target is
    not a number), the PK target as written and the latest written realisasi."""
    # Latest written realisasi (grades, '–') for indicators measured as written.
    last_text = upto[reported].groupby(_KEY)["realisasi"].last()
    as_written = total["target_tahunan_nilai"].isna()
    return pd.DataFrame({
        "target": total["target"].astype(object).where(~as_written, total["target_tahunan"]),
        "realisasi": total["realisasi"].astype(object).where(
            ~as_written | total["realisasi"].notna(), last_text.reindex(key).to_numpy()),
        "polaritas": total["polaritas"],
    })


def _cara_lapor(tabel: pd.DataFrame, key: pd.MultiIndex) -> pd.Series:
    """How each indicator reports (``bulan``, ``triwulan`` or ``tahun``; NaN for none), in
    ``key`` order."""
    # How each indicator reports, from the whole year (a quarter not yet over still counts).
    rank = tabel["periode_data"].map({"tahun": 1, "triwulan": 2}).fillna(0)  # a quarter outranks a year
    return rank.groupby([tabel[k] for k in _KEY]).max().reindex(key).map({0: "bulan", 1: "tahun", 2: "triwulan"})


def _pembanding_tahunan(frame: pd.DataFrame, total: pd.DataFrame, upto: pd.DataFrame,
                        key: pd.MultiIndex) -> pd.Series:
    """True for the indicators set against their annual target instead of the period's."""
    # An indicator reported by quarter (or year) with no target for those periods (a Renja
    # evaluation has only the year's) is set against the annual target, and says so.
    period_targets = upto["target_nilai"].notna().groupby([upto[k] for k in _KEY]).any().reindex(key)
    return (frame["target"].isna() & total["target_tahunan_nilai"].notna()
            & ~period_targets.fillna(False).to_numpy() & total["realisasi"].notna())


def _bulan_kosong(upto: pd.DataFrame, reported: pd.Series, periode_data: pd.Series,
                  key: pd.MultiIndex) -> tuple[list, list, list]:
    """Per indicator in ``key`` order: the months of the period expected but not reported,
    the keterangan the unit wrote for those months, and all its keterangan of the period."""
    # A month is expected unless its RAAPK target is "–" (no target that month).
    dash = tanpa_target(upto["target"])
    noted = upto["keterangan"].notna() & (upto["keterangan"].astype(str).str.strip() != "")
    kind = np.asarray(upto.set_index(_KEY).index.map(dict(zip(key, periode_data))), dtype=object)
    expected = bulan_diharapkan(upto["bulan"].to_numpy(), kind)
    gaps = upto[~reported & ~dash & expected]
    return (_per_indikator(gaps, "bulan", key),
            _per_indikator(gaps[noted[~reported & ~dash & expected].to_numpy()], "keterangan", key),
            _per_indikator(upto[noted.to_numpy()], "keterangan", key))


def bulan_diharapkan(bulan, cara_lapor) -> np.ndarray:
    """Whether a realisasi is expected in each month, given how its indicator reports
    (``periode_data``: ``bulan``, ``triwulan`` or ``tahun``): every month, only a quarter's last
    month, or only December. A month not expected is never "belum dilaporkan".

    Examples
    --------
    >>> bulan_diharapkan(np.array([2, 3, 12, 5]), np.array(["bulan", "triwulan", "tahun", "triwulan"])).tolist()
    [True, True, True, False]
    """
    month, kind = np.asarray(bulan), np.asarray(cara_lapor, dtype=object)
    return (kind == "bulan") | ((kind == "triwulan") & (month % 3 == 0)) | ((kind == "tahun") & (month == 12))


def _per_indikator(rows: pd.DataFrame, col: str, key: pd.MultiIndex) -> list:
    """``col`` of ``rows`` listed per indicator in ``key`` order (``[]`` for none)."""
    found = rows.groupby(_KEY)[col].agg(list).reindex(key)
    return [v if isinstance(v, list) else [] for v in found]


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
            none = "capaian" in kum and pd.isna(kum.at[i, "capaian"]) and pd.isna(kum.at[i, "realisasi"]) \
                if "realisasi" in kum else False  # nothing reported at all: no capaian to speak of
            parts.append(f"Belum dilaporkan: {what}" + (f" (keterangan: {said})" if said else "")
                         + ("; capaian belum dapat dihitung." if none
                            else f"; capaian dari {'triwulan' if quarterly else 'bulan'} yang dilaporkan."))
        if checks:
            confirmed = DIKONFIRMASI in checks
            parts.append("Perlu diverifikasi: " + "; ".join(checks)
                         + ("." if confirmed else "; tidak dihitung dalam rata-rata."))
        if annual[i]:
            parts.append("Dibandingkan dengan target tahunan (sumber data tidak memuat target per "
                         + ("triwulan" if quarterly else "bulan") + ").")
        out.at[i] = " ".join(parts)
    return out
