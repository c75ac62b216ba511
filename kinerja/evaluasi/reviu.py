"""The reviu of one unit's LKjIP (Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran III):
the 23 checklist items with kinerja's decisions where the data decides, the reviewer's answers
where it does not, the findings and the correction register (:class:`HasilReviu`, built by
:func:`reviu`).

Only the Pemerintah Kabupaten's LKjIP is "direviu"; a perangkat daerah's is "dievaluasi" by the
Inspektorat with the same checklist (:attr:`HasilReviu.kegiatan`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.evaluasi.reviu_aturan import putuskan
from kinerja.evaluasi.reviu_bahan import KOLOM_TEMUAN, BahanReviu, bahan_reviu
from kinerja.evaluasi.reviu_butir import butir_reviu
from kinerja.store.store import Store

__all__ = ["KOLOM_BUTIR", "KOLOM_KOREKSI", "HasilReviu", "reviu", "temuan_lkjip"]

# The checklist as the kertas kerja holds it.
KOLOM_BUTIR = ["kode", "bagian", "teks", "penjawab", "jawaban", "langkah", "bukti", "catatan"]
# The correction register: the finding, whether a correction was agreed, done, and what is still open.
KOLOM_KOREKSI = ["butir", "uraian", "disepakati", "dilakukan", "belum"]

PENJAWAB_OTOMATIS, PENJAWAB_PEREVIU = "kinerja (otomatis)", "pereviu"


@dataclass
class HasilReviu:
    """The reviu of one unit and year."""

    unit: str
    tahun: int
    info: dict
    units: pd.DataFrame
    butir: pd.DataFrame  # KOLOM_BUTIR, 23 rows
    temuan: pd.DataFrame  # KOLOM_TEMUAN
    bukti: dict[str, pd.DataFrame] = field(default_factory=dict)  # rule name → evidence rows
    koreksi: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_KOREKSI))

    @property
    def kabupaten(self) -> bool:
        return self.info.get("jenis") == "kabupaten"

    @property
    def kegiatan(self) -> str:
        """What the Inspektorat does to this LKjIP: "reviu" (kabupaten) or "evaluasi" (a perangkat daerah)."""
        return "reviu" if self.kabupaten else "evaluasi"

    @property
    def koreksi_terbuka(self) -> pd.DataFrame:
        """Corrections agreed but not (yet) done: what the Pernyataan's paragraf penjelas names."""
        k = self.koreksi
        if k.empty:
            return k
        agreed = k["disepakati"].fillna("").astype(str).str.strip().str.lower() == "ya"
        done = k["dilakukan"].fillna("").astype(str).str.strip().str.lower() == "ya"
        return k[agreed & ~done].reset_index(drop=True)


def _ringkas_bukti(bukti: pd.DataFrame, nama: str) -> str:
    return f"{len(bukti)} baris (lembar Bukti, {nama})" if not bukti.empty else ""


def _baris_otomatis(row: pd.Series, bahan: BahanReviu, bukti: dict[str, pd.DataFrame]) -> tuple[dict, pd.DataFrame]:
    decision, each = putuskan(bahan, row["otomatis"])
    for nama, k in each.items():
        bukti[nama] = k.bukti
    found = decision.temuan.assign(butir=row["kode"])[KOLOM_TEMUAN]
    shown = "; ".join(s for s in (_ringkas_bukti(k.bukti, n) for n, k in each.items()) if s)
    return ({"penjawab": PENJAWAB_OTOMATIS, "jawaban": decision.hasil, "langkah": decision.langkah, "bukti": shown,
             "catatan": decision.catatan or (f"{len(found)} temuan" if len(found) else "")}, found)


def reviu(store: Store, unit: str, tahun: int, butir: pd.DataFrame | None = None) -> HasilReviu:
    """Decide every checklist item the store's data can decide, leave the others to the reviewer.

    Parameters
    ----------
    store : Store
        The store.
    unit : str
        The unit whose LKjIP is reviewed (the kabupaten) or evaluated (a perangkat daerah).
    tahun : int
        The year of the LKjIP.
    butir : pandas.DataFrame, optional
        The checklist (:func:`kinerja.evaluasi.reviu_butir.butir_reviu`); read from
        ``parameters/reviu/butir.yaml`` when None.

    Returns
    -------
    HasilReviu
        ``butir`` (answer, step, evidence and note per item; the reviewer's items "Belum diuji"
        until the kertas kerja is filled in), ``temuan`` (one row per finding) and ``bukti``.

    Raises
    ------
    KinerjaError
        The unit is unknown or a pejabat.

    Examples
    --------
    >>> from kinerja.contoh.store import store_contoh
    >>> r = reviu(store_contoh(), "nusa-rekaan", 2026)
    >>> len(r.butir), r.kegiatan
    (23, 'reviu')
    """
    bahan = bahan_reviu(store, unit, tahun)
    items = butir_reviu() if butir is None else butir
    rows, found, bukti = [], [], {}
    for _, row in items.iterrows():
        base = {"kode": row["kode"], "bagian": row["bagian"], "teks": row["teks"]}
        if row["otomatis"]:
            extra, f = _baris_otomatis(row, bahan, bukti)
            found.append(f)
        else:
            extra = {"penjawab": PENJAWAB_PEREVIU, "jawaban": "Belum diuji", "langkah": "", "bukti": "", "catatan": ""}
        rows.append(base | extra)
    temuan = pd.concat([f for f in found if not f.empty], ignore_index=True) if any(not f.empty for f in found) \
        else pd.DataFrame(columns=KOLOM_TEMUAN)
    koreksi = pd.DataFrame({"butir": temuan["butir"], "uraian": _uraian_koreksi(temuan), "disepakati": None,
                            "dilakukan": None, "belum": None}, columns=KOLOM_KOREKSI)
    return HasilReviu(unit, int(tahun), bahan.info, bahan.units, pd.DataFrame(rows, columns=KOLOM_BUTIR), temuan,
                      bukti, koreksi)


def _uraian_koreksi(temuan: pd.DataFrame) -> pd.Series:
    """A finding as a correction to agree on: where, what is written, what it should be."""
    def one(r) -> str:
        where = " ".join(str(x) for x in (r["tabel"], r["baris"]) if x)
        ind = f" ({r['indikator']})" if r["indikator"] else ""
        tertulis = f"tertulis {r['tertulis']}, " if r["tertulis"] not in (None, "", "–") else ""
        return f"{where}{ind}: {r['uraian']} ({tertulis}seharusnya {r['seharusnya']})"

    return temuan.apply(one, axis=1) if not temuan.empty else pd.Series(dtype=object)


def temuan_lkjip(path: str | Path, store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """The findings of a unit's own Word LKjIP compared with the store
    (:func:`kinerja.evaluasi.lkjip_word.bandingkan_lkjip`), columns :data:`KOLOM_TEMUAN`."""
    from kinerja.evaluasi.lkjip_word import bandingkan_lkjip  # the Word reader (issue #24, "word")

    return bandingkan_lkjip(path, store, unit, int(tahun))[KOLOM_TEMUAN]

