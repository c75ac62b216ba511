"""The parts of the LKjIP outline around the measurement (the Perbup's Pedoman Pengukuran Kinerja
and PermenPANRB Nomor 53 Tahun 2014, Lampiran II), each from the data or naming what is missing:
Bab I's aspek strategis and permasalahan utama (PROFIL formulir, and the targets missed), Bab
II's programs and anggaran (RKT, else PK), the staff and facilities of analysis 6 (PROFIL), and
the Lampiran "prestasi" and "lain-lain" (PROFIL)."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from kinerja.core.capaian import memenuhi_target
from kinerja.core.formatting import format_angka
from kinerja.render.tabel import Tabel, daftar, paragraf
from kinerja.store.store import Store

__all__ = ["aspek_strategis", "lampiran_profil", "langkah_mendatang", "program_anggaran", "sumber_daya", "tabel_program"]

# A signed document names the gap, never how to use the software to fill it (no command, no file name).
_BELUM = "formulir PROFIL unit ini belum memuat bagian \"{bagian}\"; bagian ini belum dapat disusun dari data."


def _butir(profil: pd.DataFrame | None, bagian: str) -> list[str]:
    if profil is None or profil.empty:
        return []
    return [u for u in profil.loc[profil["bagian"] == bagian, "uraian"].astype(str) if u.strip()]


def _belum(bagian: str) -> str:
    text = _BELUM.format(bagian=bagian)
    return text[:1].upper() + text[1:]


def aspek_strategis(profil: pd.DataFrame | None, kum: pd.DataFrame) -> list:
    """Bab I: the unit's aspek strategis (the PROFIL's isu strategis) and the permasalahan
    utama it faces: the PROFIL's own, and the targets the measurement shows missed."""
    out: list = []
    isu, masalah = _butir(profil, "isu strategis"), _butir(profil, "permasalahan utama")
    out += [paragraf("Aspek strategis", tebal=True)] + ([daftar(isu)] if isu else [paragraf(_belum("isu strategis"))])
    out.append(paragraf("Permasalahan utama", tebal=True))
    out.append(daftar(masalah) if masalah else paragraf(_belum("permasalahan utama")))
    ok = kum["dihitung"].astype(bool)
    missed = kum[ok & ~memenuhi_target(kum["capaian"])].sort_values("capaian")
    if not missed.empty:
        out.append(paragraf("Menurut hasil pengukuran, indikator yang belum mencapai target periode ini: "
                            + "; ".join(f"{r['indikator']} (capaian {format_angka(r['capaian'])}%)"
                                        for _, r in missed.iterrows()) + "."))
    return out


def program_anggaran(store: Store, unit: str, tahun: int) -> pd.DataFrame:
    """The unit's programs and their anggaran for Bab II: per program its pagu as the PK
    agreed it (else the RKT's, each kegiatan counted once however many indicators it
    serves), and from the RKT its kegiatan, the indicators it serves and its penanggung
    jawab. Columns ``program``, ``kegiatan``, ``indikator_kode``, ``penanggung_jawab``,
    ``pagu``, ``sumber`` (``PK``/``RKT``); empty without either."""
    money = store.current("anggaran", unit_kode=unit, tahun=tahun)
    cols = ["program", "kegiatan", "indikator_kode", "penanggung_jawab", "pagu", "sumber"]
    if money.empty:
        return pd.DataFrame(columns=cols)
    money = money[money["jenis"] == "pagu"]
    rkt, pk = money[money["dokumen"] == "rkt"], money[money["dokumen"] == "pk"]
    if rkt.empty and pk.empty:
        return pd.DataFrame(columns=cols)
    text = lambda c: rkt[c].fillna("").astype(str)  # noqa: E731
    rkt = rkt.assign(kegiatan=text("kegiatan"), sub_kegiatan=text("sub_kegiatan"), indikator_kode=text("indikator_kode"),
                     penanggung_jawab=text("penanggung_jawab"))
    join = lambda xs: "; ".join(dict.fromkeys(x for x in xs if x))  # noqa: E731
    g = rkt.groupby("program", sort=False)
    out = pd.DataFrame({"kegiatan": g["kegiatan"].agg(join), "indikator_kode": g["indikator_kode"].agg(join),
                        "penanggung_jawab": g["penanggung_jawab"].agg(join)})
    if not pk.empty:
        pagu, sumber = pk.groupby("program", sort=False)["nilai"].sum(min_count=1), "PK"
    else:  # the RKT repeats a kegiatan's pagu on every indicator and sub kegiatan row: count it once
        top = rkt[rkt["sub_kegiatan"] == ""].drop_duplicates(["program", "kegiatan"])
        pagu, sumber = top.groupby("program", sort=False)["nilai"].sum(min_count=1), "RKT"
    out = out.reindex(list(dict.fromkeys([*pagu.index, *out.index]))).fillna("")
    return out.assign(pagu=pagu.reindex(out.index), sumber=sumber).rename_axis("program").reset_index()[cols]


def tabel_program(program: pd.DataFrame | None, kum: pd.DataFrame, tahun: int) -> Tabel | Markdown:
    """Bab II's table of programs and anggaran (with the indicators each serves by name, and
    their total), or the sentence naming the missing RKT and PK."""
    if program is None or program.empty:
        return paragraf(f"Program dan anggaran tahun {tahun} belum dapat disajikan: RKT dan Perjanjian Kinerja belum "
                        "memuatnya.")
    names = kum.drop_duplicates("indikator_kode").set_index("indikator_kode")["indikator"]
    served = program["indikator_kode"].map(
        lambda codes: "; ".join(dict.fromkeys(str(names.get(c, c)) for c in codes.split("; ") if c)))
    shown = pd.DataFrame({"No": range(1, len(program) + 1), "Program": program["program"],
                          "Kegiatan": program["kegiatan"], "Indikator Kinerja yang Didukung": served,
                          "Penanggung Jawab": program["penanggung_jawab"], "Pagu": program["pagu"]})
    shown = shown.loc[:, [c for c in shown.columns if c in ("No", "Program", "Pagu") or (shown[c] != "").any()]]
    total = {c: "" for c in shown.columns} | {"No": None, "Program": "Jumlah", "Pagu": program["pagu"].sum(min_count=1)}
    shown = pd.concat([shown, pd.DataFrame([total])], ignore_index=True)
    sumber = "pagu menurut Rencana Kinerja Tahunan" if (program["sumber"] == "RKT").all() else \
        "pagu menurut Perjanjian Kinerja"
    return Tabel(shown, {"No": "bulat", "Pagu": "rupiah"}, judul=f"Program dan anggaran tahun {tahun} ({sumber})")


def sumber_daya(profil: pd.DataFrame | None) -> str:
    """Analysis 6 beyond money: the staff (PROFIL SDM) and facilities (PROFIL sarana dan
    prasarana) the unit works with, or which of them the data does not hold."""
    parts = []
    sdm = profil[profil["bagian"] == "sdm golongan"] if profil is not None and not profil.empty else None
    if sdm is not None and not sdm.empty and sdm["jumlah"].notna().any():
        parts.append(f"Sumber daya manusia yang digunakan: {format_angka(sdm['jumlah'].sum(), 0)} pegawai "
                     f"(profil organisasi tahun {int(profil['tahun'].iloc[0])}).")
    else:
        parts.append("Jumlah pegawai belum tersedia dalam formulir PROFIL, sehingga efisiensi penggunaan sumber daya "
                     "manusia belum dapat diuraikan.")
    sarana = _butir(profil, "sarana dan prasarana")
    parts.append("Sarana dan prasarana: " + "; ".join(s.rstrip(".") for s in sarana) + "." if sarana else
                 "Data sarana dan prasarana belum tersedia dalam formulir PROFIL, sehingga penggunaannya belum dapat "
                 "dianalisis.")
    return " ".join(parts)


def langkah_mendatang(langkah: list[str]) -> list:
    """Bab IV's "langkah di masa mendatang": per target missed, the solution the unit wrote."""
    if not langkah:
        return [paragraf("Langkah di masa mendatang", tebal=True),
                paragraf("Seluruh target yang terukur tercapai; langkah ke depan adalah mempertahankan capaian itu.")]
    return [paragraf("Langkah di masa mendatang", tebal=True),
            paragraf("Untuk setiap indikator yang belum mencapai target, upaya yang akan ditempuh:"), daftar(langkah)]


def lampiran_profil(profil: pd.DataFrame | None, bagian: str) -> list:
    """Lampiran "prestasi" or "lain-lain" from the PROFIL formulir, or the sentence naming
    the gap."""
    items = _butir(profil, bagian)
    return [daftar(items)] if items else [paragraf(_belum(bagian))]
