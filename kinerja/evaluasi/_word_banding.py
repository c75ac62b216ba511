"""A Word LKjIP as read (:class:`kinerja.evaluasi.lkjip_word.BacaanLkjipWord`) held against the
store, value by value, one finding per difference.

What the store says is what kinerja's own LKjIP of the unit shows: the period January to the
latest month reported in the kabupaten (:func:`kinerja.analisis.dari_store.bulan_terakhir`),
each indicator's realisasi and target of those months aggregated by its own agregasi and its
capaian (:func:`kinerja.analisis.dari_store.capaian_kumulatif`, which uses
:mod:`kinerja.core.agregasi` and :mod:`kinerja.core.capaian`), the annual target of the latest
PK, and per program the pagu and realisasi anggaran up to that month. A value written equals
the store's when it equals it at the precision written: "95,3" matches 95,27, "95" matches
95,4. A capaian is right when it follows, by the indicator's polaritas, from the target and
realisasi written beside it, or equals the store's capaian.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import hitung_capaian
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka, format_rupiah
from kinerja.core.parsing import kode_indikator, parse_number, parse_value

__all__ = ["BUTIR_TEMUAN", "bandingkan"]

# The checklist item each kind of finding answers, as parameters/reviu/butir.yaml maps its
# automatic rules: equal to the PK (target_pk), capaian recomputed (capaian_ulang), realisasi
# re-aggregated (realisasi_agregasi), akuntabilitas keuangan (anggaran). One place to move them.
BUTIR_TEMUAN = {"indikator": "I.2", "sasaran": "I.2", "target": "I.2", "capaian": "I.3", "realisasi": "II.2",
                "anggaran": "I.6"}
_MIRIP = 0.75  # a name this close to an unmatched one of the store is that one, renamed
_TOKEN = re.compile(r"\d[\d.]*(?:,(\d+))?")
_NUMERIK = ("angka", "persen", "rupiah", "batas_atas", "batas_bawah")


def _toleransi(text: str, nilai: float) -> float:
    """Half a unit of the last digit written (times the multiplier of "1,5 miliar")."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return 1e-9
    tok = tokens[0]
    decimals = len(tok.group(1) or "")
    parsed = parse_number(tok.group(0).rstrip("."), "koma")
    scale = abs(nilai / parsed[0]) if parsed and parsed[0] else 1.0
    return 0.5 * 10.0 ** -decimals * scale * (1 + 1e-9) + 1e-9


def setara(tertulis: str, acuan: object) -> bool:
    """Whether a value written equals the store's ``acuan`` (a number or a text as the store
    keeps it) at the precision written.

    Examples
    --------
    >>> setara("95,3", 95.27), setara("95", 95.4), setara("95,30", 95.27), setara("Rp1.430.802.000", 1430802000.0)
    (True, True, False, True)
    >>> setara("WTP", "WTP"), setara("60–85", "60-85"), setara("18,20", "18,2")
    (True, True, True)
    """
    w = parse_value(tertulis, "koma")
    a = parse_value(acuan) if isinstance(acuan, str) else parse_value(float(acuan))
    if w.jenis in _NUMERIK and a.jenis in _NUMERIK:
        same_kind = (w.jenis in ("batas_atas", "batas_bawah")) == (a.jenis in ("batas_atas", "batas_bawah"))
        return same_kind and abs(w.nilai - a.nilai) <= _toleransi(tertulis, w.nilai)
    if w.jenis == "rentang" and a.jenis == "rentang":
        return (abs(w.bawah - a.bawah) <= _toleransi(tertulis, w.bawah)
                and abs(w.atas - a.atas) <= _toleransi(tertulis, w.atas))
    if w.jenis == "kualitatif" and a.jenis == "kualitatif":
        return w.skala == a.skala and w.peringkat == a.peringkat
    return kode_indikator(tertulis) == kode_indikator(acuan)


def _kosong(x: object) -> bool:
    return x is None or (isinstance(x, float) and np.isnan(x)) or (isinstance(x, str) and not x.strip())


def _desimal(text: str) -> int:
    tok = _TOKEN.search(text or "")
    return len(tok.group(1) or "") if tok else 2


def _tampil(acuan: object, seperti: str = "", rupiah: bool = False) -> str:
    """The store's value as the document would write it (the decimals of what was written)."""
    if _kosong(acuan):
        return "(tidak ada di data)"
    if isinstance(acuan, str):
        return acuan
    if rupiah:
        return format_rupiah(float(acuan))
    return format_angka(float(acuan), _desimal(seperti) if seperti else 2)


def _temuan(jenis: str, row: dict | None, indikator: str, tertulis: str, seharusnya: str, uraian: str) -> dict:
    return {"butir": BUTIR_TEMUAN[jenis], "tabel": row["tabel"] if row else "",
            "baris": int(row["baris"]) if row else pd.NA, "indikator": indikator, "tertulis": tertulis,
            "seharusnya": seharusnya, "uraian": uraian}


def cocokkan(tertulis: list[str], ada: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Written names to the store's (by their position in ``ada``): equal keys
    (:func:`kinerja.core.parsing.kode_indikator`), then, among those left, the closest pairs
    at least :data:`_MIRIP` alike (renamed). Returns (equal, renamed), keyed by written key.

    Examples
    --------
    >>> cocokkan(["Prevalensi balita stunting", "Angka kematian ibu", "Jumlah posyandu"],
    ...          ["Angka kematian ibu", "Persentase balita stunting"])
    ({'angka kematian ibu': 0}, {'prevalensi balita stunting': 1})
    """
    keys = {kode_indikator(n): i for i, n in enumerate(ada)}
    same = {k: keys[k] for k in map(kode_indikator, tertulis) if k in keys}
    left_w = [k for k in dict.fromkeys(map(kode_indikator, tertulis)) if k not in same]
    left_s = [i for k, i in keys.items() if i not in same.values()]
    pairs = sorted(((SequenceMatcher(None, w, kode_indikator(ada[i])).ratio(), w, i) for w in left_w for i in left_s),
                   reverse=True)
    renamed: dict[str, int] = {}
    for ratio, w, i in pairs:
        if ratio >= _MIRIP and w not in renamed and i not in renamed.values():
            renamed[w] = i
    return same, renamed


def _harapan(store, unit: str, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The store's indicators (capaian of the period) and programs (at the period's month)."""
    from kinerja.analisis import dari_store as analisis
    from kinerja.core.predikat import DEFAULT_SKALA, muat_skala
    from kinerja.core.wilayah import cari_unit

    cari_unit(store.current("unit"), unit)
    bulan = analisis.bulan_terakhir(store, tahun)
    kum = analisis.capaian_kumulatif(store, unit, tahun, bulan, muat_skala(DEFAULT_SKALA)).reset_index(drop=True)
    if kum.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; LKjIP tidak dapat dibandingkan")
    ang = analisis.anggaran_program(store, unit, tahun)
    ang = ang[ang["bulan"] == bulan].reset_index(drop=True) if not ang.empty else ang
    return kum, ang, bulan


def bandingkan(bacaan, store, unit: str, tahun: int) -> pd.DataFrame:
    """The findings of :func:`kinerja.evaluasi.lkjip_word.bandingkan_lkjip`."""
    from kinerja.evaluasi._word_banding_baris import temuan_anggaran, temuan_pengukuran

    if bacaan.ditolak:
        raise KinerjaError("LKjIP tidak dapat dibaca:\n" + "\n".join(bacaan.pesan()))
    kum, ang, bulan = _harapan(store, unit, tahun)
    kinds = dict(zip("Tabel " + bacaan.tabel["nomor"].astype(str), bacaan.tabel["jenis"]))
    found = [_temuan("anggaran" if kinds.get(m.lembar) == "anggaran" else "capaian", None, "", "", "",
                     f"{m.kode}: {m.pesan}") | {"tabel": m.lembar, "baris": _baris(m.sel)} for m in bacaan.masalah]
    found += temuan_pengukuran(bacaan.pengukuran, kum, tahun, bulan)
    found += temuan_anggaran(bacaan.anggaran, ang, bulan)
    out = pd.DataFrame(found, columns=["butir", "tabel", "baris", "indikator", "tertulis", "seharusnya", "uraian"])
    out["baris"] = out["baris"].astype("Int64")
    return out.reset_index(drop=True)


def _baris(sel: str) -> object:
    m = re.match(r"baris (\d+)", sel or "")
    return int(m.group(1)) if m else pd.NA


def capaian_tertulis(target: pd.Series, realisasi: pd.Series, polaritas: pd.Series) -> pd.Series:
    """Capaian from the target and realisasi written, by the store's polaritas (one rule: core.capaian)."""
    data = pd.DataFrame({"target": target.to_numpy(), "realisasi": realisasi.to_numpy(),
                         "polaritas": polaritas.to_numpy()})
    return hitung_capaian(data, desimal="koma")["capaian"].set_axis(target.index)


def penyerapan_tertulis(realisasi: str, pagu: str) -> float:
    """Penyerapan from the realisasi and pagu written (one rule: core.anggaran)."""
    r, p = parse_value(realisasi, "koma").nilai, parse_value(pagu, "koma").nilai
    return float(penyerapan(r, p))
