"""The reviu of one unit's LKjIP (Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran III):
the 23 checklist items with kinerja's decisions where the data decides, the reviewer's answers
where it does not, the findings and the correction register (:class:`LaporanReviu`, built by
:func:`reviu`; the data itself is :class:`kinerja.evaluasi.reviu_hasil.HasilReviu`).

Only the Pemerintah Kabupaten's LKjIP is "direviu"; a perangkat daerah's is "dievaluasi" by the
Inspektorat with the same checklist (:attr:`HasilReviu.kegiatan`).
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pandas as pd

from kinerja.evaluasi.reviu_aturan import putuskan
from kinerja.evaluasi.reviu_bahan import KOLOM_TEMUAN, BahanReviu, bahan_reviu
from kinerja.evaluasi.reviu_butir import butir_reviu, teks_tampil
from kinerja.evaluasi.reviu_hasil import KOLOM_BUTIR, KOLOM_KOREKSI, PENJAWAB_OTOMATIS, PENJAWAB_PEREVIU, HasilReviu
from kinerja.store.store import Store

__all__ = ["LaporanReviu", "gabung_lkjip", "reviu", "temuan_lkjip"]


class LaporanReviu(HasilReviu):
    """A :class:`HasilReviu` as the document notebook shows it: its tables and texts."""

    def dengan_kertas_kerja(self, path: str | Path) -> tuple[LaporanReviu, list[str]]:
        """This reviu with the reviewer's answers of the filled kertas kerja at ``path`` (none when the
        file is absent or refused), and the problems found in it, each with its sheet and cell."""
        from kinerja.evaluasi.reviu_baca import baca_kertas_kerja, gabung_jawaban

        if not Path(path).is_file():
            return self, []
        bacaan = baca_kertas_kerja(path, self.unit, self.tahun)
        hasil = self if bacaan.ditolak else _laporan(gabung_jawaban(self, bacaan))
        return hasil, [str(m) for m in bacaan.masalah]

    def dengan_lkjip(self, path: str | Path, store: Store) -> LaporanReviu:
        """This reviu with the findings of the unit's own Word LKjIP at ``path``
        (:func:`gabung_lkjip`)."""
        return _laporan(gabung_lkjip(self, temuan_lkjip(path, store, self.unit, self.tahun), Path(path).name))

    def tabel_butir(self, bagian: str):
        """The items of one part (``"I"``, ``"II"``, ``"III"``) as a document table."""
        from kinerja.render.tabel import Tabel

        rows = self.butir[self.butir["kode"].str.split(".").str[0] == bagian]
        shown = rows.assign(teks=teks_tampil(rows["teks"]))[
            ["kode", "teks", "penjawab", "jawaban", "catatan"]].rename(columns={
                "kode": "Kode", "teks": "Pernyataan", "penjawab": "Diputuskan oleh", "jawaban": "Jawaban",
                "catatan": "Catatan"})
        return Tabel(shown.reset_index(drop=True), judul=f"{bagian}. {rows['bagian'].iloc[0]}")

    def tabel_temuan(self):
        from kinerja.render.tabel import Tabel

        return Tabel(self.semua_temuan.rename(columns=str.capitalize), judul="Temuan")

    def tabel_koreksi(self):
        from kinerja.render.tabel import Tabel

        return Tabel(self.koreksi.rename(columns=str.capitalize), judul="Koreksi: disepakati, dilakukan, belum")

    def simpulan(self) -> str:
        from kinerja.evaluasi.reviu_kkr import simpulan

        return simpulan(self)

    def pernyataan(self, **isian):
        """The Pernyataan Telah Direviu (:func:`kinerja.evaluasi.reviu_pernyataan.pernyataan_reviu`)."""
        from kinerja.evaluasi.reviu_pernyataan import pernyataan_reviu

        return pernyataan_reviu(self, **isian)

    def simpan(self, keluaran: str | Path) -> Path:
        """The kertas kerja ``reviu.xlsx`` in the folder ``keluaran``, to be filled in by the reviewer."""
        from kinerja.evaluasi.reviu_kertas import tulis_kertas_kerja

        folder = Path(keluaran)
        folder.mkdir(parents=True, exist_ok=True)
        return tulis_kertas_kerja(self, folder / "reviu.xlsx")


def _laporan(hasil: HasilReviu) -> LaporanReviu:
    return LaporanReviu(**{f.name: getattr(hasil, f.name) for f in fields(HasilReviu)})


def _ringkas_bukti(bukti: pd.DataFrame, nama: str) -> str:
    return f"{len(bukti)} baris (lembar Bukti, {nama})" if not bukti.empty else ""


def _baris_otomatis(row: pd.Series, bahan: BahanReviu, bukti: dict[str, pd.DataFrame]) -> tuple[dict, pd.DataFrame]:
    decision, each = putuskan(bahan, row["otomatis"])
    for nama, k in each.items():
        bukti[nama] = k.bukti
    found = decision.temuan.assign(butir=row["kode"])[KOLOM_TEMUAN]
    shown = "; ".join(s for s in (_ringkas_bukti(k.bukti, n) for n, k in each.items()) if s)
    if decision.hasil == "Belum diuji":  # the data cannot decide it: the reviewer answers, told why
        return ({"penjawab": PENJAWAB_PEREVIU, "jawaban": "Belum diuji", "langkah": "", "bukti": shown,
                 "catatan": f"Tidak dapat diuji dari data: {decision.catatan}"}, found)
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
    LaporanReviu
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
    return LaporanReviu(unit, int(tahun), bahan.info, bahan.units, pd.DataFrame(rows, columns=KOLOM_BUTIR), temuan,
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
    try:
        from kinerja.evaluasi.lkjip_word import bandingkan_lkjip  # the Word reader (issue #24, "word")
    except ImportError:
        from kinerja.core.errors import KinerjaError

        raise KinerjaError(f"{Path(path).name}: pembaca LKjIP Word belum terpasang pada versi kinerja ini; "
                           "jalankan tanpa --lkjip") from None
    return bandingkan_lkjip(path, store, unit, int(tahun))[KOLOM_TEMUAN]


def gabung_lkjip(hasil: HasilReviu, temuan: pd.DataFrame, berkas: str = "") -> HasilReviu:
    """``hasil`` decided from both the store and the unit's own Word LKjIP: every item a
    finding of the document names is "Tidak" (whatever the store's data alone said) with the
    count in its note, the findings are kept as ``temuan_dokumen`` (``sumber`` "dokumen" in
    every findings table) and each joins the correction register once.

    Parameters
    ----------
    hasil : HasilReviu
        The reviu (:func:`reviu`, with the reviewer's answers read back or not).
    temuan : pandas.DataFrame
        The document's findings (:func:`temuan_lkjip`), columns :data:`KOLOM_TEMUAN`.
    berkas : str, optional
        The document's file name, for the notes.

    Returns
    -------
    HasilReviu
        A new result; ``hasil`` is left as it was.
    """
    temuan = temuan[KOLOM_TEMUAN].reset_index(drop=True)
    butir = hasil.butir.copy()
    per = temuan["butir"].value_counts()
    label = f"LKjIP Word {berkas}" if berkas else "LKjIP Word"
    for i, r in butir.iterrows():
        n = int(per.get(r["kode"], 0))
        if n:
            note = f"{n} temuan dokumen ({label})"
            butir.loc[i, ["penjawab", "jawaban", "catatan"]] = [
                PENJAWAB_OTOMATIS, "Tidak", "; ".join(x for x in (r["catatan"], note) if isinstance(x, str) and x)]
    koreksi = hasil.koreksi
    if not temuan.empty:
        uraian = _uraian_koreksi(temuan)
        new = ~uraian.isin(set(koreksi["uraian"].astype(str)))  # once, also when the register read back has it
        added = pd.DataFrame({"butir": temuan["butir"][new], "uraian": uraian[new], "disepakati": None,
                              "dilakukan": None, "belum": None}, columns=KOLOM_KOREKSI)
        parts = [k for k in (koreksi, added) if not k.empty]
        koreksi = pd.concat(parts, ignore_index=True) if parts else koreksi
    return replace(hasil, butir=butir, temuan_dokumen=temuan, koreksi=koreksi)
