"""Plan formulir (RKT, PK, RAAPK) filled again from the store, re-ingestable as they stand.

The rows follow the layouts of :mod:`kinerja.formulir.kolom` (the Perbup's formulir). The store keeps which
program serves which indicator only through the RAAPK (``target.program``); the RKT uses
that link to place each program under its indicator, and programs no indicator names are
listed under the last indicator, which is how the formulir continues rows. The CRAAPK's
filled formulir is :meth:`kinerja.dokumen.LaporanCraapk.formulir_baris`.
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import BULAN_KAPITAL, Formulir, kode_formulir
from kinerja.store.store import Store

__all__ = ["isian_rencana"]

def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _program_links(store: Store, unit: str, tahun: int, indicators: list[str]) -> dict[str, list[str]]:
    """indicator code -> programs the RAAPK names for it, in order of first mention."""
    raapk = store.current("target", unit_kode=unit, dokumen="raapk", tahun=tahun)
    links: dict[str, list[str]] = {k: [] for k in indicators}
    if raapk.empty:
        return links
    named = raapk.dropna(subset=["program"]).drop_duplicates(["indikator_kode", "program"])
    for kode, program in zip(named["indikator_kode"], named["program"]):
        if kode in links:
            links[kode].append(program)
    return links


def _assign_programs(links: dict[str, list[str]], programs: list[str]) -> dict[str, list[str]]:
    """Each program once: under the first indicator that names it, else under the last indicator."""
    placed: dict[str, list[str]] = {k: [] for k in links}
    seen: set[str] = set()
    for kode, names in links.items():
        for name in names:
            if name in programs and name not in seen:
                placed[kode].append(name)
                seen.add(name)
    if placed:
        placed[list(placed)[-1]] += [p for p in programs if p not in seen]
    return placed


def _kepala(meta: pd.DataFrame, no: int, kode: str) -> dict:
    """The columns every plan formulir opens an indicator with: no, sasaran, indikator, satuan."""
    m = meta.loc[kode] if kode in meta.index else pd.Series(dtype=object)
    return {"no": no, "sasaran": _text(m.get("sasaran")), "indikator": _text(m.get("nama")) or kode,
            "satuan": _text(m.get("satuan"))}


def isian_rencana(store: Store, unit: dict, tahun: int, dokumen: str, targets: pd.DataFrame, meta: pd.DataFrame,
                  money: pd.DataFrame) -> tuple[Formulir, list[dict], list[dict] | None]:
    """The formulir, its rows and its lampiran rows for ``dokumen`` (rkt, pk, raapk) of ``unit``,
    from the tables :func:`kinerja.dokumen.rencana` has read: the document's ``targets``, the
    unit's indicator ``meta`` (indexed by kode) and its ``money`` (anggaran) for the year."""
    kode_unit, tingkat = unit["kode"], unit["jenis"]
    if dokumen in ("rkt", "raapk") and tingkat == "pejabat":
        raise KinerjaError(f"{dokumen.upper()} tidak disusun untuk pejabat")
    f = FORMULIR[kode_formulir(dokumen, tingkat)]
    if targets.empty:
        raise KinerjaError(f"{dokumen.upper()} {tahun} unit {kode_unit!r} belum dimuat")
    order = list(dict.fromkeys(targets["indikator_kode"]))
    pagu = money[(money["jenis"] == "pagu") & money["bulan"].isna()]
    program_pagu = pagu[pagu["kegiatan"].isna()].drop_duplicates("program")
    if dokumen == "pk":
        return f, _baris_pk(tingkat, targets, meta, order), _lampiran_pk(program_pagu)
    if dokumen == "raapk":
        return f, _baris_raapk(store, unit, tahun, targets, meta, money, order, program_pagu), None
    return f, _baris_rkt(store, unit, tahun, targets, meta, pagu, order, program_pagu), None


def _baris_pk(tingkat: str, targets: pd.DataFrame, meta: pd.DataFrame, order: list[str]) -> list[dict]:
    """One PK row per indicator with its annual target (a pejabat's also with polaritas and agregasi)."""
    annual = targets.drop_duplicates("indikator_kode").set_index("indikator_kode")["nilai_teks"]
    rows = []
    for no, kode in enumerate(order, 1):
        row = _kepala(meta, no, kode) | {"target": _text(annual.get(kode))}
        if tingkat == "pejabat":
            row |= {"polaritas": _text(meta.loc[kode, "polaritas"]), "agregasi": _text(meta.loc[kode, "agregasi"])}
        rows.append(row)
    return rows


def _lampiran_pk(program_pagu: pd.DataFrame) -> list[dict]:
    """The PK's second sheet: each program with its pagu."""
    return [{"program": p, "anggaran": _number(n), "keterangan": _text(k)}
            for p, n, k in zip(program_pagu["program"], program_pagu["nilai"], program_pagu["keterangan"])]


def _baris_raapk(store: Store, unit: dict, tahun: int, targets: pd.DataFrame, meta: pd.DataFrame,
                 money: pd.DataFrame, order: list[str], program_pagu: pd.DataFrame) -> list[dict]:
    """Twelve RAAPK rows per indicator, Januari to Desember: its monthly targets and its program's
    monthly plan; the January row also carries the indicator, the PK's annual target and the pagu."""
    kode_unit = unit["kode"]
    pagu_of = dict(zip(program_pagu["program"], program_pagu["nilai"]))
    pk = store.current("target", unit_kode=kode_unit, dokumen="pk", tahun=tahun)
    annual = pk.drop_duplicates("indikator_kode").set_index("indikator_kode")["nilai_teks"] if not pk.empty \
        else pd.Series(dtype=object)
    monthly = targets.set_index(["indikator_kode", "bulan"])
    plan = money[(money["jenis"] == "target") & money["bulan"].notna() & money["kegiatan"].isna()]
    plan = plan.set_index(["program", plan["bulan"].astype(int)])["nilai"]
    rows = []
    for no, kode in enumerate(order, 1):
        block = targets.loc[targets["indikator_kode"] == kode]
        named = block["program"].dropna()
        program = named.iloc[0] if not named.empty else None
        answering = block["penanggung_jawab"].dropna() if "penanggung_jawab" in block else pd.Series(dtype=object)
        for m in range(1, 13):
            key = (kode, m)
            row = {"bulan": BULAN_KAPITAL[m - 1], "bulan_anggaran": BULAN_KAPITAL[m - 1],
                   "target": _text(monthly.loc[key, "nilai_teks"]) if key in monthly.index else None,
                   "target_anggaran": _number(plan.get((program, m))) if program else None}
            if m == 1:
                row |= _kepala(meta, no, kode) | {"target_tahunan": _text(annual.get(kode)), "program": program,
                                                  "pagu": _number(pagu_of.get(program)),
                                                  "penanggung_jawab": _text(answering.iloc[0]) if not answering.empty
                                                  else _text(unit.get("jabatan"))}
            rows.append(row)
    return rows


def _baris_rkt(store: Store, unit: dict, tahun: int, targets: pd.DataFrame, meta: pd.DataFrame, pagu: pd.DataFrame,
               order: list[str], program_pagu: pd.DataFrame) -> list[dict]:
    """The RKT rows: each indicator with its annual target, then its programs (kabupaten) or its
    kegiatan and sub kegiatan (perangkat daerah), one per row; the first shares the indicator's row."""
    kode_unit, tingkat = unit["kode"], unit["jenis"]
    annual = targets.drop_duplicates("indikator_kode").set_index("indikator_kode")["nilai_teks"]
    kegiatan = pagu[pagu["kegiatan"].notna() & pagu["sub_kegiatan"].isna()]
    sub = pagu[pagu["sub_kegiatan"].notna()]
    listed = "indikator_kode" in pagu and pagu["indikator_kode"].notna().any()
    pagu_of = dict(zip(program_pagu["program"], program_pagu["nilai"]))
    if not listed:  # stores loaded before schema 3: place programs by the RAAPK's links
        programs = list(program_pagu["program"])
        if tingkat != "kabupaten":  # the perangkat daerah's RKT budgets kegiatan and sub kegiatan
            programs = list(dict.fromkeys(kegiatan["program"]))
        placed = _assign_programs(_program_links(store, kode_unit, tahun, order), programs)
    rows = []
    for no, kode in enumerate(order, 1):
        first = _kepala(meta, no, kode) | {"target": _text(annual.get(kode))}
        if listed:  # the rows as the RKT listed them under this indicator
            lines = _rkt_tercatat(pagu[pagu["indikator_kode"] == kode], tingkat)
        else:
            lines = _rkt_ditempatkan(placed.get(kode, []), kegiatan, sub, pagu_of, tingkat)
        rows.append(first | (lines[0] if lines else {}))
        rows += lines[1:]
    return rows


def _rkt_tercatat(mine: pd.DataFrame, tingkat: str) -> list[dict]:
    """An indicator's RKT lines as the RKT listed them under it (stores of schema 3 on)."""
    lines: list[dict] = []
    if tingkat == "kabupaten":
        lines = [{"program": r["program"], "anggaran_program": _number(r["nilai"]),
                  "penanggung_jawab": _text(r.get("penanggung_jawab"))}
                 for _, r in mine[mine["kegiatan"].isna()].iterrows()]
    for _, keg in mine[mine["kegiatan"].notna() & mine["sub_kegiatan"].isna()].iterrows():
        base = {"program": keg["program"], "kegiatan": keg["kegiatan"],
                "indikator_kegiatan": _text(keg["indikator_keluaran"]),
                "anggaran_kegiatan": _number(keg["nilai"]), "penanggung_jawab": _text(keg.get("penanggung_jawab"))}
        subs = mine[(mine["program"] == keg["program"]) & (mine["kegiatan"] == keg["kegiatan"])
                    & mine["sub_kegiatan"].notna()]
        lines += [base | {"sub_kegiatan": s["sub_kegiatan"], "indikator_sub_kegiatan": _text(s["indikator_keluaran"]),
                          "anggaran_sub_kegiatan": _number(s["nilai"]),
                          "penanggung_jawab": _text(s.get("penanggung_jawab"))} for _, s in subs.iterrows()] or [base]
    return lines


def _rkt_ditempatkan(programs: list[str], kegiatan: pd.DataFrame, sub: pd.DataFrame, pagu_of: dict,
                     tingkat: str) -> list[dict]:
    """An indicator's RKT lines from the programs placed under it by the RAAPK's links (stores
    loaded before schema 3)."""
    lines: list[dict] = []
    for program in programs:
        if tingkat == "kabupaten":
            lines.append({"program": program, "anggaran_program": _number(pagu_of.get(program))})
            continue
        for _, keg in kegiatan[kegiatan["program"] == program].iterrows():
            base = {"program": program, "kegiatan": keg["kegiatan"],
                    "indikator_kegiatan": _text(keg["indikator_keluaran"]), "anggaran_kegiatan": _number(keg["nilai"])}
            subs = sub[(sub["program"] == program) & (sub["kegiatan"] == keg["kegiatan"])]
            lines += [base | {"sub_kegiatan": s["sub_kegiatan"], "indikator_sub_kegiatan": _text(s["indikator_keluaran"]),
                              "anggaran_sub_kegiatan": _number(s["nilai"])} for _, s in subs.iterrows()] or [base]
    return lines
