"""Loading what an import read into the store, the way ``kinerja ingest`` loads a formulir:
checked as a whole, archived under its sha256, one submission per file, a later file of the
same unit, source and period a new revision (docs/metodologi.md §10).

A Renja evaluation becomes, for its unit and year: indicators (with their level and the
program/kegiatan they measure, polarity and agregasi as read or guessed), the Renja target
(``target`` dokumen ``renja``, jenis ``tahunan``) with the Renstra end target
(``akhir_periode``) and the Renstra realisasi up to last year (``realisasi_lalu``),
quarterly realisasi (``realisasi`` periode ``triwulan``, bulan 3, 6, 9, 12) and the budget
lines (``anggaran`` dokumen ``renja``: pagu, realisasi per quarter, the Renstra's).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.aturan import satuan_berbeda
from kinerja.core.formatting import format_nilai
from kinerja.core.kosakata import CATATAN_IMPOR
from kinerja.formulir.kiriman import simpan_kiriman, sudah_dimuat
from kinerja.formulir.masalah import HasilMuat, Penampung, pendek
from kinerja.core.parsing import kode_indikator
from kinerja.store.store import Store
from kinerja.impor.hasil import KOLOM_SEL, Bacaan
from kinerja.impor.lewat import lewati_baris

__all__ = ["baris_store", "muat_bacaan"]

_BULAN_TW = {f"TW{q}": 3 * q for q in range(1, 5)}
_BULAN = _BULAN_TW | {"S1": 6, "S2": 12} | {f"B{m:02d}": m for m in range(1, 13)}


def _kode(tabel: pd.DataFrame) -> pd.Series:
    """One indicator code per (row, indicator): its normalised name, and where two rows of
    the file carry the same name, the name with its program/kegiatan."""
    base = tabel["indikator"].map(kode_indikator, na_action="ignore")
    pairs = pd.DataFrame({"kode": base, "baris": tabel["baris"], "nama": tabel["nama"]})
    firsts = pairs.dropna(subset=["kode"]).drop_duplicates(["kode", "baris"])
    clash = firsts["kode"].duplicated(keep=False)
    longer = firsts["kode"].where(~clash, firsts["kode"] + " (" + firsts["nama"].map(kode_indikator) + ")")
    table = dict(zip(zip(firsts["kode"], firsts["baris"]), longer))
    return pd.Series([table.get((k, b)) if isinstance(k, str) else None for k, b in zip(base, tabel["baris"])],
                     index=tabel.index, dtype=object)


def baris_store(bacaan: Bacaan, unit: str, dikenal: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The store rows of a Renja evaluation read for ``unit`` (see the module docstring).
    Indicators the store already describes (from the unit's PK or Renstra) keep their
    metadata; only new ones are added."""
    t = bacaan.tabel.copy()
    t["kode"] = _kode(t)
    if "kode_cocok" in t:  # a realisasi table matched to the store's targets (_cocokkan)
        t["kode"] = t["kode_cocok"].fillna(t["kode"])
    tahun = bacaan.tahun
    if bacaan.jenis == "evaluasi-renja":  # its catatan are the reader's notes, never the unit's keterangan
        t["catatan"] = (CATATAN_IMPOR + t["catatan"].astype(object).fillna("")).where(t["catatan"].notna(), None)
    ind = t[t["kode"].notna()]
    year = ind[ind["periode"] == "tahun"].drop_duplicates("kode")
    targets = [x for x in (_target(year, unit, tahun), _target_periode(ind, unit, tahun)) if x is not None]
    return {"indikator": _indikator(year, unit, dikenal),
            "target": _gabung(targets),
            "realisasi": _realisasi(ind, year, bacaan.triwulan, unit, tahun), "anggaran": _anggaran(t, unit, tahun)}


def _indikator(year: pd.DataFrame, unit: str, dikenal: pd.DataFrame) -> pd.DataFrame:
    """The indicators of the year rows that the store does not describe yet."""
    known = set(dikenal["kode"]) if not dikenal.empty else set()
    new = year[~year["kode"].isin(known)]
    return pd.DataFrame({
        "unit_kode": unit, "kode": new["kode"],
        "sasaran": new["sasaran"].fillna(new["program"]).fillna(new["nama"]).fillna("-"),
        "nama": new["indikator"], "satuan": new["satuan"].fillna("-"), "polaritas": new["polaritas"],
        "agregasi": new["agregasi"], "iku": False, "tingkat": new["tingkat"], "uraian": new["nama"],
        # A guess made on import stays visible to every document that shows the indicator.
        "definisi": new["catatan"].str.findall(r"(?:polaritas|agregasi)[^;]*ditebak[^;]*")
                                  .map(lambda gs: " ".join(f"{g[0].upper()}{g[1:]} saat impor." for g in gs)
                                       if isinstance(gs, list) and gs else None),
    })


def _sel(frame: pd.DataFrame, col: str) -> pd.Series:
    """The source cells of column ``col``'s values (``sel_*`` of the long table), None where
    the long table names none."""
    name = KOLOM_SEL.get(col)
    return frame[name] if name in frame else pd.Series(None, index=frame.index, dtype=object)


def _nilai(frame: pd.DataFrame, col: str) -> tuple[pd.Series, pd.Series]:
    """A column as the store keeps a value: its text and its number."""
    return format_nilai(frame[col]).astype(object), frame[col]


def _target(year: pd.DataFrame, unit: str, tahun: int | None) -> pd.DataFrame | None:
    """The Renja target, the Renstra end target and the Renstra realisasi up to last year."""
    targets = []
    for col, jenis in (("target", "tahunan"), ("target_renstra", "akhir_periode"),
                       ("realisasi_renstra_lalu", "realisasi_lalu")):
        rows = year[year[col].notna()]
        if rows.empty:
            continue
        text, number = _nilai(rows, col)
        targets.append(pd.DataFrame({"unit_kode": unit, "indikator_kode": rows["kode"], "dokumen": "renja",
                                     "tahun": tahun, "bulan": None, "jenis": jenis, "nilai_teks": text,
                                     "nilai": number, "program": rows["program"].fillna(rows["nama"]),
                                     "sel": _sel(rows, col)}))
    return pd.concat(targets, ignore_index=True) if targets else None


def _gabung(frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    """Frames of one table as one, a column some lack blank (None) rather than NaN."""
    if not frames:
        return None
    out = pd.concat(frames, ignore_index=True)
    return out.astype(object).where(out.notna(), None) if len(frames) > 1 else out


def _jenis_periode(periode: pd.Series) -> np.ndarray:
    """The store's ``periode`` of a long-table period: ``triwulan``, ``semester``, NULL for a month."""
    return np.where(periode.str.startswith("TW"), "triwulan", np.where(periode.str.startswith("S"), "semester", None))


def _target_periode(ind: pd.DataFrame, unit: str, tahun: int | None) -> pd.DataFrame | None:
    """Targets per quarter or month of a flat plan (``target`` jenis ``bulanan``; a quarter's
    at its last month with periode ``triwulan``)."""
    rows = ind[ind["periode"].isin(list(_BULAN)) & ind["target"].notna()].drop_duplicates(["kode", "periode"])
    if rows.empty:
        return None
    text, number = _nilai(rows, "target")
    return pd.DataFrame({"unit_kode": unit, "indikator_kode": rows["kode"], "dokumen": "renja", "tahun": tahun,
                         "bulan": rows["periode"].map(_BULAN), "jenis": "bulanan", "nilai_teks": text, "nilai": number,
                         "program": rows["program"].fillna(rows["nama"]),
                         "periode": _jenis_periode(rows["periode"])})


def _realisasi(ind: pd.DataFrame, year: pd.DataFrame, triwulan: int | None, unit: str,
               tahun: int | None) -> pd.DataFrame:
    """Realisasi per quarter or month, and the year's where it came as one value."""
    quarter = ind[ind["periode"].isin(list(_BULAN)) & ind["realisasi"].notna()].drop_duplicates(["kode", "periode"])
    text, number = _nilai(quarter, "realisasi")
    realisasi = pd.DataFrame({"unit_kode": unit, "indikator_kode": quarter["kode"], "tahun": tahun,
                              "bulan": quarter["periode"].map(_BULAN),
                              "periode": _jenis_periode(quarter["periode"]),
                              "nilai_teks": text, "nilai": number, "keterangan": quarter["catatan"],
                              "sel": _sel(quarter, "realisasi")})
    # A year given as one value (a flat table with only the year, or a Renja evaluation of
    # the fourth quarter without quarterly values) is kept as the year's (bulan 12).
    if triwulan in (None, 4):
        per_period = set(quarter["kode"])
        whole = year[year["realisasi"].notna() & ~year["kode"].isin(per_period)]
        if not whole.empty:
            text, number = _nilai(whole, "realisasi")
            realisasi = pd.concat([realisasi, pd.DataFrame({
                "unit_kode": unit, "indikator_kode": whole["kode"], "tahun": tahun, "bulan": 12, "periode": "tahun",
                "nilai_teks": text, "nilai": number, "keterangan": whole["catatan"],
                "sel": _sel(whole, "realisasi")})], ignore_index=True)
    return realisasi


def _anggaran(t: pd.DataFrame, unit: str, tahun: int | None) -> pd.DataFrame | None:
    """The budget lines: pagu, realisasi per quarter, the Renstra's pagu and realisasi to last
    year, each under its program, kegiatan and sub kegiatan."""
    money = t[t["tingkat"] != "urusan"].copy()
    money["program_"] = money["program"].where(money["tingkat"] != "program", money["nama"]).fillna(money["nama"])
    money["kegiatan_"] = np.where(money["tingkat"] == "kegiatan", money["nama"],
                                  np.where(money["tingkat"] == "subkegiatan", money["kegiatan"], None))
    money["sub_"] = money["nama"].where(money["tingkat"] == "subkegiatan")
    money = money.drop_duplicates(["baris", "periode"])  # a second indicator of a row repeats no money
    budget = []
    for col, jenis, periods in (("pagu", "pagu", ["tahun"]), ("realisasi_anggaran", "realisasi", list(_BULAN_TW)),
                                ("pagu_renstra", "pagu_renstra", ["tahun"]),
                                ("realisasi_anggaran_renstra_lalu", "realisasi_lalu", ["tahun"])):
        rows = money[money["periode"].isin(periods) & money[col].notna()]
        budget.append(pd.DataFrame({
            "unit_kode": unit, "dokumen": "renja", "tahun": tahun, "program": rows["program_"],
            "kegiatan": rows["kegiatan_"], "sub_kegiatan": rows["sub_"], "indikator_kode": rows["kode"],
            "bulan": rows["periode"].map(_BULAN_TW), "periode": np.where(rows["periode"] == "tahun", None, "triwulan"),
            "jenis": jenis, "nilai": rows[col], "keterangan": rows["tingkat"], "sel": _sel(rows, col)}))
    return pd.concat(budget, ignore_index=True) if budget else None


def _meta_tetap(bacaan: Bacaan, dikenal: pd.DataFrame, p: Penampung) -> None:
    """I39: an indicator the store already describes (its PK or Renstra) is imported with the
    same satuan, polaritas and agregasi; the file's own used to be set aside without a word
    while its numbers were loaded under the store's. The same rule as V72 for a formulir."""
    if dikenal.empty:
        return
    t = bacaan.tabel[bacaan.tabel["periode"] == "tahun"].copy()
    t["kode"] = _kode(t)
    meta = dikenal.drop_duplicates("kode").set_index("kode")
    t = t[t["kode"].isin(set(meta.index))].drop_duplicates("kode")
    for col, label in (("satuan", "satuan"), ("polaritas", "polaritas"), ("agregasi", "agregasi")):
        want = t["kode"].map(meta[col])
        differ = satuan_berbeda(t[col], want)  # written on both sides and different beyond case and spacing
        for i in np.flatnonzero(differ):
            row = t.iloc[i]
            p.galat("I39", str(row["lembar"] or ""), f"baris {row['baris']}",
                    f"{label} \u201c{pendek(str(row[col]), 30)}\u201d indikator \u201c{pendek(str(row['indikator']), 60)}"
                    f"\u201d berbeda dari {label} di PK/Renstra \u201c{pendek(str(want.iloc[i]), 30)}\u201d; samakan, atau "
                    "perbarui PK/Renstra lebih dahulu")


def _cocokkan(bacaan: Bacaan, store: Store, unit: str, p: Penampung) -> Bacaan:
    """A flat table of realisasi without any target: each indicator is matched to one the unit
    has a target for in the store that year, by its normalised name or by its code; one that
    matches none is named (I63) and the file is refused, never loaded as an indicator
    without a target nor dropped."""
    t = bacaan.tabel
    if t["target"].notna().any() or t["target_renstra"].notna().any() or t["realisasi"].isna().all():
        return bacaan
    targets = store.current("target", unit_kode=unit)
    if bacaan.tahun is not None and not targets.empty:
        targets = targets[targets["tahun"] == bacaan.tahun]
    known = set(targets["indikator_kode"]) if not targets.empty else set()
    by_name = t["indikator"].map(kode_indikator, na_action="ignore")
    by_code = t["kode_subkegiatan"].map(kode_indikator, na_action="ignore")
    matched = by_name.where(by_name.isin(known), by_code.where(by_code.isin(known)))
    year = t[(t["periode"] == "tahun") & t["indikator"].notna()]
    missing = [(f"baris {row['baris']}", f"indikator \u201c{pendek(str(row['indikator']), 60)}\u201d"
                + (f" (kode {pendek(str(row['kode_subkegiatan']), 30)})" if isinstance(row["kode_subkegiatan"], str) else "")
                + f" tidak cocok dengan indikator unit {unit} yang punya target tahun {bacaan.tahun} di basis data")
               for i, row in year.iterrows() if not isinstance(matched[i], str)]
    lewati_baris(p, "I63", str(year["lembar"].iloc[0]) if not year.empty else "", missing,
                 "realisasinya tanpa target dan indikatornya tidak cocok (nama maupun kode) dengan target unit di basis "
                 "data; samakan nama atau kode dengan PK/Renja, atau muat targetnya lebih dahulu")
    out = bacaan.tabel.copy()
    out["kode_cocok"] = matched
    return Bacaan(bacaan.jenis, out, bacaan.tahun, bacaan.triwulan, bacaan.info)


def muat_bacaan(bacaan: Bacaan, path: Path, raw: bytes, unit: str, store: Store, arsip: str | Path,
                p: Penampung, diterima: dt.datetime | None = None) -> HasilMuat:
    """Check and load one read source for ``unit``; the file is archived and becomes a
    submission (``EVALUASI-RENJA`` for the quarter's last month). Errors stop the file."""
    hasil = HasilMuat(berkas=path.name, status="ditolak", formulir=bacaan.jenis.upper(), unit=unit,
                      tahun=bacaan.tahun)
    sha, existing = sudah_dimuat(hasil, raw, store)
    if existing is not None:
        hasil.masalah = p.daftar
        return hasil
    units = store.current("unit")
    match = units[units["kode"] == unit]
    if match.empty:
        p.galat("I10", "", "", f"unit \u201c{unit}\u201d tidak ada di Daftar Unit basis data; muat Daftar Unit lebih "
                "dulu atau pakai --unit dengan kode yang ada")
    if bacaan.tahun is None:
        p.galat("I11", "", "", "tahun laporan tidak tertulis di berkas; sebutkan dengan --tahun")
    if bacaan.jenis == "evaluasi-renja" and bacaan.triwulan is None:
        p.galat("I12", "", "", "triwulan laporan tidak dapat ditentukan (tidak tertulis dan tidak ada realisasi)")
    if bacaan.tabel["indikator"].notna().sum() == 0:
        p.galat("I13", "", "", "tidak ada baris indikator yang terbaca")
    months = bacaan.tabel["periode"].str.extract(r"^B(\d\d)$")[0].dropna().astype(int)
    hasil.bulan = bacaan.info.get("bulan") or (3 * bacaan.triwulan if bacaan.triwulan else (
        int(months.max()) if not months.empty else None))
    if p.ada_galat:
        hasil.masalah = p.daftar
        return hasil
    dikenal = store.current("indikator", unit_kode=unit)
    if bacaan.jenis == "tabel":
        bacaan = _cocokkan(bacaan, store, unit, p)
        money = bacaan.tabel[(bacaan.tabel["pagu"].notna() | bacaan.tabel["realisasi_anggaran"].notna())
                             & bacaan.tabel["program"].isna()].drop_duplicates("baris")
        lewati_baris(p, "I64", str(money["lembar"].iloc[0]) if not money.empty else "",
                     [(f"baris {r}", f"baris {r} berisi pagu atau realisasi anggaran tanpa program") for r in money["baris"]],
                     "anggarannya tanpa program (anggaran disimpan per program); petakan kolom program di pemetaan "
                     "atau isi programnya")
    _meta_tetap(bacaan, dikenal, p)
    if p.ada_galat:
        hasil.masalah = p.daftar
        return hasil
    rows = baris_store(bacaan, unit, dikenal)
    tingkat = "kabupaten" if match.iloc[0]["jenis"] == "kabupaten" else "perangkat_daerah"
    ident = {"unit": unit, "tahun": bacaan.tahun, "bulan": hasil.bulan}
    hasil = simpan_kiriman(hasil, path, raw, sha, store, arsip, diterima, bacaan.jenis.upper(), tingkat, ident,
                           rows, len(p.daftar))
    hasil.masalah = p.daftar
    return hasil
