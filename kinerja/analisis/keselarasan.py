"""Alignment checks of a pohon kinerja: what an evaluator looks for in a kabupaten's cascade.

Every check yields rows of one findings table (long format): the unit and node it
concerns, a stable code (``K01`` …), the finding in the reader's words and what to do.
The same table feeds the findings document, its spreadsheet, the Pohon Kinerja page and
the reviu of a unit's RKT/PK (:func:`temuan_unit`). The checks are the functions of
``PEMERIKSAAN``, one per code or pair of codes, which :func:`periksa_keselarasan` runs in order.

=====  ==============================================================================
K01    a perangkat daerah sasaran with no kabupaten sasaran above it
K02    a kabupaten sasaran no perangkat daerah serves (no sasaran below, no accepted
       crosscutting)
K03    a program, kegiatan, sub kegiatan or jabatan node without a parent
K04    a parent that does not exist, or is not of the level above
K05    a crosscutting link still waiting for the contributor's answer
K06    a crosscutting link the contributor refused
K07    the same indicator with different targets at two levels
K08    children's targets of a summed indicator that do not add up to their parent's
K09    the same indicator with different realisasi at the kabupaten and a perangkat daerah
K10    a unit that sent no pohon kinerja (its sasaran taken from the Renstra)
K11    a sasaran node indicator the unit's PK does not hold (no capaian can be computed)
=====  ==============================================================================
"""

from __future__ import annotations

import pandas as pd

from kinerja.analisis.dari_store.antartingkat import beda_tingkat
from kinerja.core.aturan import berbeda
from kinerja.core.formatting import format_angka
from kinerja.analisis.pohon import Pohon

__all__ = ["KOLOM_TEMUAN", "TEMUAN", "periksa_keselarasan", "temuan_unit"]

KOLOM_TEMUAN = ["kode", "temuan", "unit_kode", "nama_unit", "simpul", "tingkat", "uraian", "tindak_lanjut"]

# code -> (short name, what to do); the one registry of alignment findings.
TEMUAN: dict[str, tuple[str, str]] = {
    "K01": ("Sasaran perangkat daerah tanpa induk", "Kaitkan sasaran ini ke sasaran Pemerintah Kabupaten yang didukungnya."),
    "K02": ("Sasaran kabupaten tanpa pendukung", "Tetapkan perangkat daerah yang sasarannya mendukung sasaran ini."),
    "K03": ("Simpul tanpa induk", "Isi kode simpul induk (program → sasaran, kegiatan → program, dst.)."),
    "K04": ("Induk tidak sesuai", "Perbaiki kode simpul induk: simpul itu tidak ada atau bukan tingkat di atasnya."),
    "K05": ("Crosscutting belum dijawab", "Unit kontributor menjawab usulan di formulir pohon kinerjanya."),
    "K06": ("Crosscutting ditolak", "Bahas ulang pembagian peran atau cabut usulan crosscutting ini."),
    "K07": ("Target berbeda antartingkat", "Selaraskan target, atau jelaskan perbedaannya."),
    "K08": ("Target anak tidak menjumlah ke induk", "Sesuaikan target simpul anak agar jumlahnya sama dengan target "
            "induk."),
    "K09": ("Realisasi berbeda antartingkat", "Selaraskan data realisasi dengan sumber yang sama, atau jelaskan."),
    "K10": ("Pohon kinerja belum disampaikan", "Sampaikan formulir pohon kinerja unit ini."),
    "K11": ("Indikator simpul di luar PK", "Samakan nama indikator dengan PK, atau masukkan indikator ke PK."),
}

# The level a node's parent must have (any of these).
INDUK_SAH = {
    "sasaran kabupaten": ("tujuan",),
    "sasaran perangkat daerah": ("sasaran kabupaten",),
    "program": ("sasaran perangkat daerah",),
    "kegiatan": ("program",),
    "sub kegiatan": ("kegiatan",),
    "jabatan": ("sasaran perangkat daerah", "program", "kegiatan", "sub kegiatan"),
}


def _rows(kode: str, frame: pd.DataFrame, uraian: pd.Series | list, pohon: Pohon) -> pd.DataFrame:
    if len(frame) == 0:
        return pd.DataFrame(columns=KOLOM_TEMUAN)
    nama, tindak = TEMUAN[kode]
    simpul = frame["simpul"] if "simpul" in frame else frame["id"]
    tingkat = simpul.map(pohon.simpul.set_index("id")["tingkat"]).fillna("")
    return pd.DataFrame({
        "kode": kode, "temuan": nama, "unit_kode": frame["unit_kode"].to_numpy(),
        "nama_unit": frame["unit_kode"].map(pohon.nama_unit).fillna(frame["unit_kode"]).to_numpy(),
        "simpul": simpul.to_numpy(), "tingkat": tingkat.to_numpy(),
        "uraian": list(uraian), "tindak_lanjut": tindak})


def _label(node: pd.DataFrame) -> pd.Series:
    return node["id"] + " \u201c" + node["kondisi"].astype(str) + "\u201d"


def periksa_keselarasan(pohon: Pohon, kum: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every alignment finding of ``pohon``, sorted by unit and code.

    ``kum`` (:func:`kinerja.analisis.dari_store.capaian_kumulatif` of the kabupaten's units for the
    period) adds the realisasi comparison (K09) and the nodes whose indicator is not in the
    unit's PK (K11); without it only the tree itself is checked (a reviu of plans).

    Examples
    --------
    >>> import pandas as pd
    >>> from kinerja.analisis.pohon import Pohon
    >>> simpul = pd.DataFrame({"id": ["kab/SK1", "dlh/S1"], "unit_kode": ["kab", "dlh"], "kode": ["SK1", "S1"],
    ...     "induk_id": [None, None], "tingkat": ["sasaran kabupaten", "sasaran perangkat daerah"],
    ...     "kondisi": ["Lingkungan lestari", "Layanan DLH"], "penanggung_jawab": [None, None],
    ...     "sumber": "pohon kinerja", "sumber_induk": "", "urutan": [1, 1]})
    >>> units = pd.DataFrame({"kode": ["kab", "dlh"], "nama": ["Kab", "DLH"], "jenis": ["kabupaten", "perangkat_daerah"],
    ...                       "induk": [None, "kab"]})
    >>> p = Pohon("kab", 2026, simpul, pd.DataFrame(columns=["id", "unit_kode", "indikator_kode", "indikator", "satuan",
    ...     "target_teks", "target"]), pd.DataFrame(columns=["simpul", "kontributor", "status"]), units)
    >>> periksa_keselarasan(p)["kode"].tolist()
    ['K02', 'K01']
    """
    parts = [part for periksa in PEMERIKSAAN for part in periksa(pohon, kum)]
    out = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(not p.empty for p in parts) else \
        pd.DataFrame(columns=KOLOM_TEMUAN)
    urut = out["unit_kode"].map({pohon.kabupaten: ""}).fillna(out["nama_unit"])
    return out.assign(_u=urut).sort_values(["_u", "kode", "simpul"], kind="stable").drop(columns="_u").reset_index(
        drop=True)


def _tanpa_induk(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K01 / K03: nodes that should hang under something and do not."""
    s = pohon.simpul
    has_parent = s["induk_id"].notna()
    orphan_pd = (s["tingkat"] == "sasaran perangkat daerah") & ~has_parent
    lower = s["tingkat"].isin(["program", "kegiatan", "sub kegiatan", "jabatan"]) & ~has_parent
    return [_rows("K01", s[orphan_pd], "Sasaran " + _label(s[orphan_pd]) + " tidak menginduk ke sasaran Pemerintah "
                  "Kabupaten mana pun (juga tidak lewat indikator induk di Renstra).", pohon),
            _rows("K03", s[lower], "Simpul " + s.loc[lower, "tingkat"] + " " + _label(s[lower])
                  + " tidak punya simpul induk.", pohon)]


def _induk_tidak_sesuai(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K04: a parent that does not exist, or of the wrong level."""
    s = pohon.simpul
    has_parent = s["induk_id"].notna()
    parent_level = s["induk_id"].map(s.set_index("id")["tingkat"])
    missing = has_parent & ~s["induk_id"].isin(set(s["id"]))
    sah = [(anak, induk) for anak, induk_ in INDUK_SAH.items() for induk in induk_]
    level_ok = pd.MultiIndex.from_arrays([s["tingkat"], parent_level.fillna("")]).isin(sah)
    wrong = has_parent & ~missing & s["tingkat"].isin(list(INDUK_SAH)) & ~level_ok
    return [_rows("K04", s[missing], "Simpul induk " + s.loc[missing, "induk_id"].astype(str) + " dari "
                  + _label(s[missing]) + " tidak ditemukan di pohon kinerja kabupaten ini.", pohon),
            _rows("K04", s[wrong], _label(s[wrong]) + " (" + s.loc[wrong, "tingkat"] + ") menginduk ke "
                  + s.loc[wrong, "induk_id"].astype(str) + " yang bertingkat " + parent_level[wrong].astype(str)
                  + "; seharusnya " + s.loc[wrong, "tingkat"].map(lambda t: " atau ".join(INDUK_SAH[t])) + ".",
                  pohon)]


def _sasaran_tanpa_pendukung(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K02: kabupaten sasaran no perangkat daerah serves."""
    s = pohon.simpul
    kab_sasaran = s[s["tingkat"] == "sasaran kabupaten"]
    served = set(s.loc[s["tingkat"] == "sasaran perangkat daerah", "induk_id"].dropna())
    cross = pohon.crosscutting
    accepted = set(cross.loc[cross["status"] == "diterima", "simpul"]) if not cross.empty else set()
    lonely = kab_sasaran[~kab_sasaran["id"].isin(served | accepted)]
    return [_rows("K02", lonely, "Sasaran kabupaten " + _label(lonely) + " tidak didukung sasaran perangkat daerah "
                  "mana pun dan tidak punya crosscutting yang diterima.", pohon)]


def _crosscutting_terbuka(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K05 / K06: crosscutting still open or refused (the finding belongs to the contributor)."""
    cross = pohon.crosscutting
    parts = []
    if not cross.empty:
        for kode, status, what in (("K05", "diusulkan", "belum dijawab"), ("K06", "ditolak", "ditolak")):
            c = cross[cross["status"] == status]
            c = c.assign(unit_kode=c["kontributor"])
            ket = c["keterangan"].fillna("").map(lambda k: f" Alasan: {k}." if k else "")
            parts.append(_rows(kode, c, "Usulan crosscutting dari " + c["pengusul"].map(pohon.nama_unit).fillna(
                c["pengusul"]) + " pada simpul " + c["simpul"] + " (" + c["peran"].fillna("tanpa uraian peran") + ") "
                + what + " oleh " + c["kontributor"].map(pohon.nama_unit).fillna(c["kontributor"]) + "." + ket, pohon))
    return parts


def _nilai_antartingkat(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K07 and K08: an indicator held by a node and by its parent (or by a kabupaten node and
    a perangkat daerah node anywhere in the tree) with the same satuan. A summed indicator
    (satuan not a percentage, more than one child) must add up; any other must be equal."""
    s, ind = pohon.simpul, pohon.indikator
    if ind.empty:
        return []
    ind = ind.merge(s[["id", "induk_id", "tingkat"]], on="id")
    ind = ind.assign(satuan=ind["satuan"].fillna("").str.strip().str.lower())
    key = ["indikator_kode", "satuan"]
    parent = ind[["id", *key, "target", "target_teks", "unit_kode"]].add_suffix("_induk")
    pairs = ind.merge(parent, left_on=["induk_id", *key], right_on=["id_induk", *(k + "_induk" for k in key)])
    kab = ind[ind["unit_kode"] == pohon.kabupaten][["id", *key, "target", "target_teks", "unit_kode"]].add_suffix(
        "_induk")
    far = ind[ind["unit_kode"] != pohon.kabupaten].merge(
        kab, left_on=key, right_on=[k + "_induk" for k in key])
    pairs = pd.concat([pairs, far], ignore_index=True).drop_duplicates(["id", "indikator_kode", "id_induk"])
    pairs = pairs[pairs["target"].notna() & pairs["target_induk"].notna()]
    if pairs.empty:
        return []
    n_children = pairs.groupby(["id_induk", "indikator_kode"])["id"].transform("count")
    summed = (n_children > 1) & ~pairs["satuan"].isin(["%", "persen", "poin", "indeks"]) & (
        pairs["induk_id"] == pairs["id_induk"])
    out = []
    total = pairs[summed].groupby(["id_induk", "indikator_kode"]).agg(
        jumlah=("target", "sum"), target_induk=("target_induk", "first"), target_teks_induk=("target_teks_induk", "first"),
        indikator=("indikator", "first"), satuan=("satuan", "first"), anak=("id", lambda x: ", ".join(x)),
        unit_kode=("unit_kode_induk", "first")).reset_index()
    bad = total[berbeda(total["jumlah"], total["target_induk"])].astype({"indikator": object, "satuan": object,
                                                                         "anak": object, "id_induk": object})
    out.append(_rows("K08", bad.rename(columns={"id_induk": "simpul"}),
                     "Target " + bad["indikator"] + " di " + bad["anak"] + " berjumlah " + bad["jumlah"].map(_angka) + " "
                     + bad["satuan"] + ", sedangkan target induknya " + bad["id_induk"] + " "
                     + bad["target_teks_induk"].astype(str) + " " + bad["satuan"] + ".", pohon))
    single = pairs[~summed]
    diff = single[berbeda(single["target"], single["target_induk"])].astype(
        {"indikator": object, "satuan": object, "id": object, "id_induk": object})
    out.append(_rows("K07", diff.rename(columns={"id": "simpul"}), "Target " + diff["indikator"] + " di " + diff["id"]
                     + " " + diff["target_teks"].astype(str) + " " + diff["satuan"] + ", di " + diff["id_induk"] + " "
                     + diff["target_teks_induk"].astype(str) + " " + diff["satuan"] + ".", pohon))
    return out


def _realisasi_antartingkat(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K09: the same indicator with different realisasi at the kabupaten and a perangkat daerah."""
    if kum is None or kum.empty:
        return []
    beda = beda_tingkat(kum, pohon.units)
    beda = beda[beda["berbeda"]]
    satuan = beda["satuan"].fillna("")
    return [_rows("K09", beda.assign(simpul=""), beda["indikator"] + ": realisasi "
                  + beda["nama_unit"] + " " + _dengan_satuan(beda["realisasi_pd"], satuan)
                  + ", realisasi Pemerintah Kabupaten " + _dengan_satuan(beda["realisasi_kabupaten"], satuan)
                  + ".", pohon)]


def _indikator_di_luar_pk(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K11: a sasaran node indicator the unit's PK does not hold."""
    if kum is None or kum.empty:
        return []
    ind = pohon.indikator.merge(pohon.simpul[["id", "tingkat"]], on="id")
    ind = ind[ind["tingkat"].isin(["sasaran kabupaten", "sasaran perangkat daerah"])]
    known = pd.MultiIndex.from_frame(kum[["unit_kode", "indikator_kode"]])
    luar = ind[~pd.MultiIndex.from_frame(ind[["unit_kode", "indikator_kode"]]).isin(known)]
    return [_rows("K11", luar.rename(columns={"id": "simpul"}), "Indikator \u201c" + luar["indikator"]
                  + "\u201d pada simpul " + luar["id"] + " tidak ada di PK unit ini; capaiannya tidak dapat "
                  "dihitung.", pohon)]


def _pohon_belum_disampaikan(pohon: Pohon, kum: pd.DataFrame | None) -> list[pd.DataFrame]:
    """K10: a unit that sent no pohon kinerja (its sasaran taken from the Renstra)."""
    s = pohon.simpul
    renstra = s[s["sumber"] == "Renstra"].drop_duplicates("unit_kode")
    teks = (f"Unit ini belum menyampaikan pohon kinerja tahun {pohon.tahun}; sasarannya diambil dari Renstra "
            "dan PK.")
    return [_rows("K10", renstra.assign(simpul=""), [teks] * len(renstra), pohon)]


# The checks periksa_keselarasan runs, in this order (findings of one unit, code and node
# keep it): each takes the pohon and the period's capaian (or None) and returns its findings.
PEMERIKSAAN = (_tanpa_induk, _induk_tidak_sesuai, _sasaran_tanpa_pendukung, _crosscutting_terbuka,
               _nilai_antartingkat, _realisasi_antartingkat, _indikator_di_luar_pk, _pohon_belum_disampaikan)


def _dengan_satuan(values: pd.Series, satuan: pd.Series) -> pd.Series:
    """Numbers written the Indonesian way with their satuan; grades (A, WTP) as written."""
    number = pd.to_numeric(values, errors="coerce")
    return values.map(_angka) + (" " + satuan).where(number.notna(), "")


def _angka(v) -> str:
    number = pd.to_numeric(pd.Series([v]), errors="coerce").iloc[0]
    return format_angka(number) if pd.notna(number) else str(v)


def temuan_unit(temuan: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The findings that concern ``unit`` (its nodes, and crosscutting it must answer)."""
    return temuan[temuan["unit_kode"] == unit].reset_index(drop=True)
