"""The evidence (bukti dukung) kinerja already holds for a unit's LKE, per kriteria, each
naming its source: the documents the unit sent (Renstra, PK, RAAPK: received when), its
monthly CRAAPK on time or not (:func:`kinerja.analisis.kepatuhan.kepatuhan`), the alignment
findings of the pohon kinerja (:func:`kinerja.analisis.keselarasan.periksa_keselarasan`), and
whether the LKjIP kinerja writes has its analyses (comparisons with the Renstra target and
earlier years, causes of indicators below target), and how many of last year's recommendations
were followed up (the register, :func:`kinerja.evaluasi.muat_rekomendasi`).

A bukti is a sentence and ``[sumber: …]``; kinerja never marks a kriteria met: the unit and the
evaluator decide from it.
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.formatting import format_tanggal
from kinerja.store.store import Store

__all__ = ["bukti_lke"]


def _dokumen(store: Store, unit: str, tahun: int) -> dict[str, list[str]]:
    """Planning documents the unit sent: 1.a.3 (jangka menengah), 1.a.4 (jangka pendek),
    1.a.5 (rencana aksi), 1.b.1 (diformalkan)."""
    subs = store.submissions()
    subs = subs[subs["unit_kode"] == unit]
    out: dict[str, list[str]] = {}
    for dokumen, kode, nama, tahun_dok in (("RENSTRA", "1.a.3", "Renstra", None), ("PK", "1.a.4", "Perjanjian Kinerja", tahun),
                                           ("RKT", "1.a.4", "Rencana Kinerja Tahunan", tahun),
                                           ("RAAPK", "1.a.5", "Rencana Aksi atas PK", tahun)):
        rows = subs[(subs["dokumen"] == dokumen) & ((subs["tahun"] == tahun_dok) if tahun_dok else True)]
        if rows.empty:
            continue
        first = pd.to_datetime(rows["diterima"]).min()
        text = (f"{nama}{f' {tahun_dok}' if tahun_dok else ''} diterima kinerja {format_tanggal(first)}"
                f"{f', {len(rows)} revisi' if len(rows) > 1 else ''}")
        out.setdefault(kode, []).append(f"{text} [sumber: formulir {dokumen} di basis data kinerja]")
        if dokumen == "PK":
            out.setdefault("1.b.1", []).append(f"{text} [sumber: formulir PK di basis data kinerja]")
    return out


def _kepatuhan(store: Store, unit: str, tahun: int) -> dict[str, list[str]]:
    """CRAAPK sent on time, month by month: 1.c.4 (dipantau berkala) and 2.b.4 (diukur berkala)."""
    from kinerja.analisis.kepatuhan import kepatuhan

    subs = store.submissions()
    sent = subs[(subs["dokumen"] == "CRAAPK") & (subs["tahun"] == tahun)]
    if sent.empty:
        return {}
    months = list(range(1, int(sent["bulan"].max()) + 1))
    tabel = kepatuhan(store, tahun, months, unit)
    if tabel.empty:
        return {}
    n = tabel["status"].value_counts()
    text = (f"CRAAPK Januari–{_bulan(months[-1])} {tahun}: {n.get('tepat waktu', 0)} bulan tepat waktu, "
            f"{n.get('terlambat', 0)} terlambat, {n.get('belum menyampaikan', 0)} belum disampaikan "
            "[sumber: kepatuhan penyampaian CRAAPK, kinerja]")
    return {"1.c.4": [text], "2.b.4": [text]}


def _bulan(m: int) -> str:
    from kinerja.core.formatting import nama_bulan

    return nama_bulan(m)


def _keselarasan(store: Store, unit: str, tahun: int) -> dict[str, list[str]]:
    """Alignment findings of the unit's place in the pohon kinerja: 1.b.8 (cascading), 1.b.9
    (crosscutting)."""
    from kinerja.analisis.keselarasan import periksa_keselarasan, temuan_unit
    from kinerja.analisis.pohon import baca_pohon
    from kinerja.core.wilayah import kabupaten_unit

    units = store.current("unit")
    if units.empty or unit not in set(units["kode"]):
        return {}
    kab = kabupaten_unit(units).get(unit)
    kab = None if pd.isna(kab) else kab
    found = temuan_unit(periksa_keselarasan(baca_pohon(store, tahun, kab)), unit)
    cross = found["kode"].isin(["K05", "K06"])
    out = {}
    for kode, part, what in (("1.b.8", found[~cross], "keselarasan (cascading)"),
                             ("1.b.9", found[cross], "crosscutting")):
        codes = ", ".join(f"{k} ×{c}" for k, c in part["kode"].value_counts().sort_index().items())
        text = (f"pohon kinerja {tahun}: tidak ada temuan {what}" if part.empty
                else f"pohon kinerja {tahun}: {len(part)} temuan {what} ({codes})")
        out[kode] = [f"{text} [sumber: pemeriksaan keselarasan pohon kinerja, kinerja]"]
    return out


def _analisis_lkjip(store: Store, unit: str, tahun: int) -> dict[str, list[str]]:
    """What the LKjIP kinerja writes can analyse: 3.b.4 (Renstra target), 3.b.5 (earlier years),
    3.b.7 (causes of the year's results)."""
    target = store.current("target", unit_kode=unit, dokumen="renstra")
    real = store.current("realisasi", unit_kode=unit)
    earlier = real[(real["tahun"] < tahun) & real["bulan"].isna()]
    causes = real[(real["tahun"] == tahun) & real["keterangan"].fillna("").str.strip().ne("")]
    src = "[sumber: data LKjIP di basis data kinerja]"
    out = {}
    if not target.empty:
        out["3.b.4"] = [f"target Renstra {target['indikator_kode'].nunique()} indikator tersedia untuk "
                        f"perbandingan jangka menengah {src}"]
    if not earlier.empty:
        years = sorted(int(y) for y in earlier["tahun"].unique())
        out["3.b.5"] = [f"realisasi tahun {years[0]}–{years[-1]} tersedia untuk perbandingan antartahun {src}"]
    out["3.b.7"] = [f"{causes['indikator_kode'].nunique()} indikator {tahun} dengan keterangan faktor penghambat/"
                    f"pendukung {src}"] if not causes.empty else [
        f"belum ada keterangan faktor penghambat/pendukung capaian {tahun} {src}"]
    return out


def _tindak_lanjut(store: Store, unit: str, tahun: int) -> dict[str, list[str]]:
    """Last year's recommendations and how many were followed up: 4.c.1."""
    from kinerja.evaluasi.lke_muat import muat_rekomendasi

    rek = muat_rekomendasi(store, tahun - 1, unit)
    if rek.empty:
        return {}
    n = rek["status"].value_counts()
    return {"4.c.1": [f"rekomendasi evaluasi {tahun - 1}: {n.get('ditindaklanjuti', 0)} dari {len(rek)} "
                      f"ditindaklanjuti, {n.get('belum', 0)} belum, {n.get('baru', 0)} belum dinilai "
                      "[sumber: register rekomendasi LKE, kinerja]"]}


def bukti_lke(store: Store, unit: str, tahun: int) -> dict[str, str]:
    """The evidence kinerja holds for ``unit``'s LKE of ``tahun``, per kriteria code.

    Parameters
    ----------
    store : Store
    unit : str
        The perangkat daerah.
    tahun : int
        The year evaluated.

    Returns
    -------
    dict of str to str
        Kriteria code (``1.c.4``) → its bukti, one line per source, each ending with
        ``[sumber: …]``. Kriteria without evidence in kinerja are left out.

    Examples
    --------
    >>> bukti_lke(Store("sqlite://"), "dinkes", 2026)
    {}
    """
    found: dict[str, list[str]] = {}
    for part in (_dokumen, _kepatuhan, _keselarasan, _analisis_lkjip, _tindak_lanjut):
        if store.current("unit").empty and part is not _dokumen:
            break
        for kode, lines in part(store, unit, tahun).items():
            found.setdefault(kode, []).extend(lines)
    return {k: "\n".join(v) for k, v in sorted(found.items())}
