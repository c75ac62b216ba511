"""What "equal" means between a value written in a Word LKjIP and the store's, and what a
finding holds: equal at the precision written (:func:`setara`), names matched as equal or
renamed (:func:`cocokkan`), the capaian and penyerapan the written numbers give (by the rules
of :mod:`kinerja.core.capaian` and :mod:`kinerja.core.anggaran`, never a formula of their own),
and the checklist item each kind of finding answers (:data:`BUTIR_TEMUAN`).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import hitung_capaian
from kinerja.core.formatting import format_angka, format_rupiah
from kinerja.core.parsing import kode_indikator, parse_number, parse_value

__all__ = ["BUTIR_TEMUAN", "capaian_tertulis", "cocokkan", "kosong", "penyerapan_tertulis", "setara", "tampil", "temuan"]

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


def kosong(x: object) -> bool:
    """No value: None, NaN, a blank text or a text that marks a missing value ("–", "-", "n/a")."""
    if isinstance(x, str):
        return parse_value(x, "koma").jenis == "kosong"
    return x is None or (isinstance(x, float) and np.isnan(x))


def _desimal(text: str) -> int:
    tok = _TOKEN.search(text or "")
    return len(tok.group(1) or "") if tok else 2


def tampil(acuan: object, seperti: str = "", rupiah: bool = False) -> str:
    """The store's value as the document would write it (the decimals of what was written)."""
    if kosong(acuan):
        return "(tidak ada di data)"
    if isinstance(acuan, str):
        return acuan
    if rupiah:
        return format_rupiah(float(acuan))
    return format_angka(float(acuan), _desimal(seperti) if seperti else 2)


def temuan(jenis: str, row: dict | None, indikator: str, tertulis: str, seharusnya: str, uraian: str) -> dict:
    return {"butir": BUTIR_TEMUAN[jenis], "tabel": row["tabel"] if row else "",
            "baris": int(row["baris"]) if row else None, "indikator": indikator, "tertulis": tertulis,
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


def capaian_tertulis(target: pd.Series, realisasi: pd.Series, polaritas: pd.Series) -> pd.Series:
    """Capaian from the target and realisasi written, by the store's polaritas (one rule: core.capaian)."""
    data = pd.DataFrame({"target": target.to_numpy(), "realisasi": realisasi.to_numpy(),
                         "polaritas": polaritas.to_numpy()})
    return hitung_capaian(data, desimal="koma")["capaian"].set_axis(target.index)


def penyerapan_tertulis(realisasi: str, pagu: str) -> float:
    """Penyerapan from the realisasi and pagu written (one rule: core.anggaran)."""
    r, p = parse_value(realisasi, "koma").nilai, parse_value(pagu, "koma").nilai
    return float(penyerapan(r, p))
