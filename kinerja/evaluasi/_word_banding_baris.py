"""The findings row by row: each measurement row against its indicator in the store, each
budget row against its program (:mod:`kinerja.evaluasi._word_banding` says what "the store"
and "equal" mean)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.core.anggaran import penyerapan
from kinerja.core.formatting import format_angka, nama_bulan, periode_laporan
from kinerja.core.parsing import kode_indikator
from kinerja.evaluasi._word_nilai import (
    kosong, tampil, temuan, capaian_tertulis, cocokkan, penyerapan_tertulis, setara)

__all__ = ["temuan_anggaran", "temuan_pengukuran"]

_NOMOR_DEPAN = re.compile(r"^(?:[0-9]+|[ivxIVX]+|[a-zA-Z])[.)]\s+")
_RUMUS = {"positif": "realisasi/target × 100", "negatif": "(2 × target − realisasi)/target × 100"}


def _nama(x: object) -> str:
    return kode_indikator(_NOMOR_DEPAN.sub("", str(x)))


def _tertulis(row: dict, f: str) -> str | None:
    """The text written in field ``f``; None when the table has no such column."""
    v = row.get(f)
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


def _set_nama(rows: list[dict], kunci: str, ada: list[str], apa: str, dokumen: str) -> tuple[list[dict], list]:
    """Missing, extra and renamed names; returns the findings and, per row, the store's index (or None)."""
    same, renamed = cocokkan([r[kunci] for r in rows], ada)
    jenis = "indikator" if kunci == "indikator" else "anggaran"
    out, where = [], []
    for r in rows:
        k = kode_indikator(r[kunci])
        i = same.get(k, renamed.get(k))
        where.append(i)
        if i is None:
            out.append(temuan(jenis, r, r[kunci], r[kunci], "", f"{apa} ini tidak ada di {dokumen}; hapus, atau "
                               f"samakan namanya dengan {apa} {dokumen}"))
        elif k in renamed:
            out.append(temuan(jenis, r, ada[i], r[kunci], ada[i], f"nama {apa} berbeda dari {dokumen}; dianggap "
                               f"{apa} yang sama karena namanya mirip; samakan namanya"))
    found = set(same.values()) | set(renamed.values())
    for i, name in enumerate(ada):
        if i not in found:
            out.append(temuan(jenis, None, name, "", name, f"{apa} {dokumen} ini tidak disajikan di tabel mana pun"))
    return out, where


def temuan_pengukuran(rows: pd.DataFrame, kum: pd.DataFrame, tahun: int, bulan: int) -> list[dict]:
    """Findings of the measurement rows against the period's capaian of the store."""
    records = [r for r in rows.to_dict("records") if not r.get("ringkasan")]
    out, where = _set_nama(records, "indikator", kum["indikator"].tolist(), "indikator",
                           f"Perjanjian Kinerja {tahun}")
    periode = periode_laporan(tahun, bulan)
    for r, i in zip(records, where):
        if i is not None:
            out += _nilai_indikator(r, kum.iloc[i], tahun, periode)
    return out + _tanpa_capaian(records, where, kum)


def _tanpa_capaian(records: list[dict], where: list, kum: pd.DataFrame) -> list[dict]:
    """An indicator of the PK that some table names but no table measures (no capaian beside it),
    while the document measures others: it was left out of the measurement table."""
    measured = {i for r, i in zip(records, where) if i is not None and _tertulis(r, "capaian")}
    named = {i for i in where if i is not None}
    if not measured:
        return []
    return [temuan("indikator", None, kum["indikator"].iloc[i], "", kum["indikator"].iloc[i],
                   "indikator Perjanjian Kinerja ini disebut di dokumen, tetapi tidak diukur di tabel mana pun "
                   "(tidak ada capaiannya)") for i in sorted(named - measured)]


def _nilai_indikator(r: dict, s: pd.Series, tahun: int, periode: str) -> list[dict]:
    out, name = [], s["indikator"]
    sas = _tertulis(r, "sasaran")
    if sas and _nama(sas) != _nama(s["sasaran"]):
        out.append(temuan("sasaran", r, name, sas, s["sasaran"], f"sasaran indikator ini di Perjanjian Kinerja "
                           f"{tahun} berbeda"))
    checks = (("target", s["target_tahunan"], "target", f"target berbeda dari Perjanjian Kinerja {tahun} yang "
               "terakhir (termasuk perubahannya)"),
              ("target_periode", s["target"], "target", f"target {periode} berbeda dari rencana aksi (RAAPK) yang "
               f"dijumlahkan menurut agregasi indikator ({s['agregasi']})"),
              ("realisasi", s["realisasi"], "realisasi", f"realisasi berbeda dari CRAAPK {periode} yang dihitung "
               f"ulang menurut agregasi indikator ({s['agregasi']})"))
    for f, acuan, jenis, why in checks:
        text = _tertulis(r, f)
        if text is None or (kosong(text) and kosong(acuan)):
            continue
        if kosong(text) or kosong(acuan) or not setara(text, acuan):
            what = "tidak diisi" if kosong(text) else ("tidak ada di data" if kosong(acuan) else why)
            out.append(temuan(jenis, r, name, text, tampil(acuan, text), what))
    out += _capaian(r, s)
    return out


def _capaian(r: dict, s: pd.Series) -> list[dict]:
    """A capaian written: right when it follows from the target and realisasi written beside
    it by the indicator's polaritas, or equals the store's."""
    text = _tertulis(r, "capaian")
    if text is None or (kosong(text) and kosong(s["capaian"])):
        return []
    if kosong(text):
        return [temuan("capaian", r, s["indikator"], text, tampil(s["capaian"]), "capaian tidak diisi")]
    t = next((x for x in (_tertulis(r, "target_periode"), _tertulis(r, "target")) if x and not kosong(x)), None)
    t = t if t is not None else s["target"]
    real = _tertulis(r, "realisasi")
    real = s["realisasi"] if real is None or kosong(real) else real
    pol = s["polaritas"]

    def hitung(polaritas: str) -> float:
        return float(capaian_tertulis(pd.Series([t], dtype=object), pd.Series([real], dtype=object),
                                      pd.Series([polaritas])).iloc[0])

    own = hitung(pol)
    if (np.isfinite(own) and setara(text, own)) or (not kosong(s["capaian"]) and setara(text, s["capaian"])):
        return []
    expected = own if np.isfinite(own) else s["capaian"]
    why = (f"capaian tidak mengikuti target ({t if isinstance(t, str) else format_angka(t)}) dan realisasi "
           f"({real if isinstance(real, str) else format_angka(real)}) menurut polaritas {pol}")
    why += f" ({_RUMUS[pol]})" if pol in _RUMUS else ""
    other = {"positif": "negatif", "negatif": "positif"}.get(pol)
    if other and np.isfinite(hitung(other)) and setara(text, hitung(other)):
        why += f"; angka tertulis dihitung dengan rumus polaritas {other} ({_RUMUS[other]})"
    return [temuan("capaian", r, s["indikator"], text, tampil(expected, text), why)]


def temuan_anggaran(rows: pd.DataFrame, ang: pd.DataFrame, bulan: int) -> list[dict]:
    """Findings of the budget rows against the store's programs at the period's month."""
    if ang.empty and rows.empty:
        return []
    if rows.empty:
        return [temuan("anggaran", None, "", "", "", "tidak ada tabel realisasi anggaran per program (kolom Program "
                        "dan Pagu/Anggaran); akuntabilitas keuangan tidak dapat diuji")]
    records = rows.to_dict("records")
    body = [r for r in records if not r.get("ringkasan")]
    out, where = _set_nama(body, "program", ang["program"].tolist() if not ang.empty else [], "program",
                           "anggaran yang dimuat")
    for r, i in zip(body, where):
        if i is not None:
            s = ang.iloc[i]
            out += _nilai_program(r, s["program"], s["pagu"], s["realisasi_kumulatif"], s["penyerapan_kumulatif"], bulan)
    for r in records:
        if r.get("ringkasan") and not ang.empty:
            pagu, real = ang["pagu"].sum(min_count=1), ang["realisasi_kumulatif"].sum(min_count=1)
            out += _nilai_program(r, r["program"], pagu, real, float(penyerapan(real, pagu)), bulan)
    return out


def _nilai_program(r: dict, name: str, pagu: float, real: float, serap: float, bulan: int) -> list[dict]:
    out = []
    for f, acuan, why in (("pagu", pagu, "pagu berbeda dari anggaran yang dimuat (pagu terakhir, termasuk perubahan)"),
                          ("realisasi_anggaran", real, f"realisasi anggaran berbeda dari realisasi yang dimuat "
                           f"(Januari–{nama_bulan(bulan)})")):
        text = _tertulis(r, f)
        if text is not None and not (kosong(text) and kosong(acuan)) and (
                kosong(text) or kosong(acuan) or not setara(text, acuan)):
            out.append(temuan("anggaran", r, name, text, tampil(acuan, rupiah=True), why))
    text = _tertulis(r, "persen")
    if text and not kosong(text):
        own = penyerapan_tertulis(_tertulis(r, "realisasi_anggaran") or "", _tertulis(r, "pagu") or "")
        if not ((np.isfinite(own) and setara(text, own)) or (not kosong(serap) and setara(text, serap))):
            out.append(temuan("anggaran", r, name, text, tampil(own if np.isfinite(own) else serap, text),
                               "persentase penyerapan tidak sama dengan realisasi dibagi pagu × 100"))
    return out
