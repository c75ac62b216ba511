"""Automatic reviu rules beyond the measurement: IKU (:func:`iku`), causes and solutions of every
missed target (:func:`sebab_solusi`), budget (:func:`anggaran`), sasaran in the RPJMD/Renstra
and the pohon kinerja (:func:`sasaran_selaras`) and the kabupaten's LKjIP not being a mere sum of
its units' (:func:`bukan_jumlah_unit`).

Budget figures come from :func:`kinerja.analisis.dari_store.anggaran_program`, alignment from
:func:`kinerja.analisis.keselarasan.periksa_keselarasan` (codes K01–K11), "target met" from
:func:`kinerja.core.capaian.memenuhi_target`.
"""

from __future__ import annotations

import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.aturan import berbeda
from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import format_persen, format_rupiah
from kinerja.evaluasi.reviu_bahan import BahanReviu, Keputusan, temuan

__all__ = ["anggaran", "bukan_jumlah_unit", "iku", "sasaran_selaras", "sebab_solusi"]

# Budget documents of kinerja's own formulir; any other document is an import (DPA, SIPD, Renja…).
_FORMULIR = {"rkt", "pk", "raapk", "craapk"}


def _hasil(rows: list[dict]) -> str:
    return "Tidak" if rows else "Ya"


def iku(b: BahanReviu) -> Keputusan:
    """Every Indikator Kinerja Utama the store holds for the unit is measured in the LKjIP."""
    langkah = ("Indikator yang ditandai IKU di daftar indikator unit dibandingkan dengan indikator Perjanjian Kinerja "
               "yang diukur: setiap IKU harus diukur dan disajikan.")
    meta = b.indikator
    utama = meta[meta["iku"].fillna(False).astype(bool)] if not meta.empty else meta
    if utama.empty:
        return Keputusan("Belum diuji", langkah, catatan="Basis data tidak memuat penetapan IKU unit ini; pereviu "
                         "membandingkannya dengan dokumen IKU.")
    measured = set(b.kum["indikator_kode"]) if not b.kum.empty else set()
    rows = [{"tabel": "IKU", "baris": r["kode"], "indikator": r["nama"], "tertulis": "–", "seharusnya": "diukur",
             "uraian": "IKU tidak termasuk indikator yang diukur dalam LKjIP (tidak ada di Perjanjian Kinerja)"}
            for _, r in utama.iterrows() if r["kode"] not in measured]
    bukti = utama[["kode", "sasaran", "nama", "satuan"]].assign(diukur=utama["kode"].isin(measured).map(
        {True: "Ya", False: "Tidak"}))
    return Keputusan(_hasil(rows), langkah, bukti, "", temuan(rows))


def _sebab_dan_upaya(keterangan: list[str]) -> tuple[bool, bool]:
    """Whether the notes hold a cause and a solution (``Upaya:``/``Solusi:``/``Tindak lanjut:``)."""
    from kinerja.dokumen.narasi.sebab import _UPAYA

    sebab = upaya = False
    for k in keterangan:
        if not isinstance(k, str) or not k.strip():
            continue
        head, *tail = _UPAYA.split(k, maxsplit=1)
        sebab |= bool(head.strip(" .;:"))
        upaya |= bool(tail and tail[0].strip())
    return sebab, upaya


def sebab_solusi(b: BahanReviu) -> Keputusan:
    """Every indicator below its target has its causes and the solutions taken or planned."""
    langkah = ("Untuk setiap indikator yang capaiannya di bawah target dicari keterangan unit: faktor penyebab dan "
               "upaya/solusi (\"Upaya:\", \"Solusi:\" atau \"Tindak lanjut:\").")
    kum = b.kum
    if kum.empty:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data pengukuran tahun ini.")
    below = kum[kum["capaian"].notna() & ~memenuhi_target(kum["capaian"])]
    rows = []
    for _, r in below.iterrows():
        own = [k for k in r["keterangan"] if k not in r["keterangan_kosong"]]
        sebab, upaya = _sebab_dan_upaya(own)
        kurang = [apa for apa, ada in (("penyebab", sebab), ("upaya/solusi", upaya)) if not ada]
        if kurang:
            rows.append({"tabel": "CRAAPK", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": "; ".join(dict.fromkeys(own)) or "–", "seharusnya": " dan ".join(kurang),
                         "uraian": f"capaian {format_persen(r['capaian'])} di bawah target tanpa {' dan '.join(kurang)}"})
    bukti = below[["indikator_kode", "indikator", "capaian"]].assign(
        keterangan=below["keterangan"].map(lambda v: "; ".join(v)))
    catatan = "" if not below.empty else "Semua indikator yang terukur mencapai target."
    return Keputusan(_hasil(rows), langkah, bukti, catatan, temuan(rows))


def _impor(b: BahanReviu) -> pd.DataFrame:
    """The budget rows of the year loaded from another system (DPA, SIPD, Renja evaluation)."""
    rows = b.store.current("anggaran", unit_kode=b.unit, tahun=b.tahun)
    if rows.empty:
        return rows
    return rows[~rows["dokumen"].isin(_FORMULIR) & rows["kegiatan"].isna()]


def anggaran(b: BahanReviu) -> Keputusan:
    """Realisasi anggaran of every program is at most its pagu, and equals the imported budget
    system's figure where one is loaded."""
    langkah = (f"Realisasi anggaran kumulatif setiap program sampai bulan {b.bulan} dibandingkan dengan pagunya dan, "
               "bila basis data memuat data sistem anggaran (DPA/SIPD), dengan realisasi dan pagu sistem itu.")
    prog = analisis.anggaran_program(b.store, b.unit, b.tahun)
    if prog.empty or "realisasi_kumulatif" not in prog:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data anggaran tahun ini.")
    now = prog[prog["bulan"] == b.bulan]
    rows = [{"tabel": "Realisasi anggaran", "baris": r["program"], "indikator": "", "tertulis":
             format_rupiah(r["realisasi_kumulatif"]), "seharusnya": f"≤ {format_rupiah(r['pagu'])}",
             "uraian": "realisasi anggaran melebihi pagu"}
            for _, r in now.iterrows() if pd.notna(r["pagu"]) and r["realisasi_kumulatif"] > r["pagu"]
            and berbeda([r["realisasi_kumulatif"]], [r["pagu"]])[0]]
    imp = _impor(b)
    if not imp.empty:
        for jenis, ours in (("realisasi", now.set_index("program")["realisasi_kumulatif"]),
                            ("pagu", now.set_index("program")["pagu"])):
            part = imp[imp["jenis"] == jenis]
            part = part[part["bulan"].isna() | (part["bulan"] <= b.bulan)] if jenis == "realisasi" else part
            theirs = part.groupby("program")["nilai"].sum()
            for program in theirs.index.intersection(ours.index):
                if berbeda([ours[program]], [theirs[program]])[0]:
                    rows.append({"tabel": "Realisasi anggaran", "baris": program, "indikator": "",
                                 "tertulis": format_rupiah(ours[program]), "seharusnya": format_rupiah(theirs[program]),
                                 "uraian": f"{jenis} anggaran tidak sama dengan data sistem anggaran yang dimuat"})
    bukti = now[["program", "pagu", "realisasi_kumulatif"]].rename(columns={"realisasi_kumulatif": "realisasi"})
    catatan = "" if not imp.empty else "Basis data tidak memuat data sistem anggaran; hanya realisasi terhadap pagu diuji."
    return Keputusan(_hasil(rows), langkah, bukti, catatan, temuan(rows))


def sasaran_selaras(b: BahanReviu) -> Keputusan:
    """Every indicator measured is in the RPJMD/Renstra, and the unit's sasaran hang in the pohon
    kinerja (alignment findings K01, K10 and K11 of the unit)."""
    from kinerja.analisis.keselarasan import TEMUAN, periksa_keselarasan, temuan_unit
    from kinerja.analisis.pohon import baca_pohon
    from kinerja.core.wilayah import kabupaten_unit

    langkah = ("Setiap indikator yang diukur dicari di target Renstra/RPJMD tahun ini; pohon kinerja kabupaten "
               "diperiksa keselarasannya dan temuan tentang sasaran unit ini (K01, K10, K11) dicatat.")
    kum = b.kum
    if kum.empty:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data pengukuran tahun ini.")
    plan = analisis.target_renstra_tahunan(b.store, b.unit, b.tahun)
    known = set(plan["indikator_kode"]) if not plan.empty else set()
    dokumen = "RPJMD" if b.kabupaten else "Renstra"
    rows = [{"tabel": dokumen, "baris": r["indikator_kode"], "indikator": r["indikator"], "tertulis": "–",
             "seharusnya": f"target {dokumen} {b.tahun}", "uraian": f"indikator tidak ada di {dokumen} tahun {b.tahun}"}
            for _, r in kum.iterrows() if r["indikator_kode"] not in known]
    pohon = baca_pohon(b.store, b.tahun, kabupaten_unit(b.units).get(b.unit))
    found = temuan_unit(periksa_keselarasan(pohon, kum), b.unit)
    found = found[found["kode"].isin(["K01", "K10", "K11"])]
    rows += [{"tabel": "Pohon kinerja", "baris": r["simpul"] or "", "indikator": "", "tertulis": "–",
              "seharusnya": TEMUAN[r["kode"]][1], "uraian": f"{r['kode']} {r['temuan']}: {r['uraian']}"}
             for _, r in found.iterrows()]
    bukti = kum[["indikator_kode", "sasaran", "indikator"]].assign(
        **{f"di_{dokumen.lower()}": kum["indikator_kode"].isin(known).map({True: "Ya", False: "Tidak"})})
    return Keputusan(_hasil(rows), langkah, bukti, "", temuan(rows))


def bukan_jumlah_unit(b: BahanReviu) -> Keputusan:
    """The kabupaten's LKjIP measures its own sasaran: not every indicator is a perangkat
    daerah's, and no indicator's realisasi is merely the sum of its units' (same indicator code)."""
    langkah = ("Indikator Pemerintah Kabupaten dibandingkan dengan indikator perangkat daerahnya: indikator yang "
               "sama kodenya dicatat, dan realisasi kabupaten yang sama persis dengan jumlah realisasi perangkat "
               "daerah ditandai.")
    if not b.kabupaten:
        return Keputusan("Tidak berlaku", langkah, catatan="Hanya untuk LKjIP Pemerintah Kabupaten.")
    kum = b.kum
    if kum.empty:
        return Keputusan("Belum diuji", langkah, catatan="Belum ada data pengukuran tahun ini.")
    from kinerja.core.wilayah import kabupaten_unit

    milik = kabupaten_unit(b.units)
    anak = [k for k in b.units.loc[b.units["jenis"] == "perangkat_daerah", "kode"] if milik.get(k) == b.unit]
    semua = analisis.capaian_kumulatif(b.store, None, b.tahun, b.bulan)
    pd_rows = semua[semua["unit_kode"].isin(anak)] if not semua.empty else semua
    sums = pd_rows.groupby("indikator_kode").agg(n=("unit_kode", "nunique"), jumlah=(
        "realisasi", lambda v: pd.to_numeric(v, errors="coerce").sum(min_count=1))) if not pd_rows.empty else None
    rows, copies = [], []
    for _, r in kum.iterrows():
        if sums is None or r["indikator_kode"] not in sums.index:
            continue
        copies.append(r["indikator_kode"])
        s = sums.loc[r["indikator_kode"]]
        if s["n"] >= 2 and not berbeda([r["realisasi"]], [s["jumlah"]])[0] and pd.notna(s["jumlah"]):
            rows.append({"tabel": "Pengukuran kinerja", "baris": r["indikator_kode"], "indikator": r["indikator"],
                         "tertulis": str(r["realisasi"]), "seharusnya": "realisasi kabupaten dari sumber datanya",
                         "uraian": f"realisasi kabupaten sama dengan jumlah realisasi {int(s['n'])} perangkat daerah"})
    if copies and len(copies) == len(kum):
        rows.append({"tabel": "Pengukuran kinerja", "baris": "", "indikator": "", "tertulis":
                     f"{len(copies)} dari {len(kum)} indikator", "seharusnya": "indikator sasaran kabupaten sendiri",
                     "uraian": "semua indikator kabupaten adalah indikator perangkat daerah"})
    bukti = kum[["indikator_kode", "indikator", "realisasi"]].assign(
        juga_di_perangkat_daerah=kum["indikator_kode"].isin(copies).map({True: "Ya", False: "Tidak"}))
    return Keputusan(_hasil(rows), langkah, bukti, "", temuan(rows))
