"""The checks run on every formulir before anything is loaded, and the rows it yields.

Each rule has a stable code (``V01`` …) so tests and users can refer to it. Problems
are collected, never raised: a clerk sees all of them at once. Checks are vectorised
over the sheet's rows; only the rows that fail are formatted into messages.

=====  ===================================================================================
V01    not a readable .xlsx                     V21  polaritas not one of the four
V02    no formulir code in B3                   V22  agregasi not one of the six
V03    unit code empty                          V23  IKU not Ya/Tidak
V04    unit not in the Daftar Unit              V24  indikator induk unknown (warning)
V05    unit of another level than the form      V25  earlier realisasi for an unknown indicator
V06    tahun not a year                         V26  tahun of an earlier realisasi not a year
V07    bulan laporan not a month                V27  indicator not in the unit's Renstra/RPJMD
V08    numbered columns shifted                 V28  target differs from Renstra (warning)
V09    second sheet missing                     V29  month rows not Januari … Desember
V10    required cell empty                      V30  indicator not in the PK of that year
V11    duplicate indicator/program/unit         V31  annual target differs from the PK
V12    target not readable                      V32  jumlah: monthly targets ≠ annual target
V13    realisasi not readable                   V33  monthly anggaran ≠ pagu (warning)
V14    anggaran not a plain number              V34  realisasi after the reported month
V15    negative anggaran                        V35  negative target/realisasi of a counted indicator
V16    duplicate unit code                      V36  realisasi anggaran above pagu (warning)
V17    unit code with other characters          V37  one program with two different pagu
V18    unit jenis unknown                       V38  monthly target differs from the RAAPK
V19    induk unit unknown                       V39  no data rows
V20    not exactly one kabupaten                V40  realisasi is a range or a bound
V00    the file could not be processed      V41  rasio realisasi not written as a/b
V42    formula without a stored value           V46  the sheet's columns are another formulir's
V43    Excel error value (#N/A, #REF! …)        V47  realisasi far from its target (warning)
V44    cell longer than Excel's 32.767          V48  file larger than the limit
V45    more than one formulir in a workbook     V49  profile part unknown
                                                V50  staff count not a whole number
                                                V51  staff by golongan ≠ by pendidikan (warning)
V52    pohon node code with other characters    V56  pohon node is its own ancestor (a cycle)
V53    a node's rows disagree (tingkat, induk)  V57  penanggung jawab is another unit's pejabat
V54    pohon tingkat unknown                    V58  crosscutting unit unknown or the unit itself
V55    parent node unknown                      V59  crosscutting status unknown or not the
                                                     writer's to give (warning)
=====  ===================================================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.agregasi import _ALIAS as AGREGASI_ALIAS
from kinerja.core.agregasi import cek_target_bulanan
from kinerja.core.aturan import berbeda, jauh
from kinerja.core.capaian import normalise_polaritas
from kinerja.core.formatting import format_angka
from kinerja.formulir.daftar import BULAN_KAPITAL, DAFTAR, JENIS_FORMULIR, TINGKAT, Formulir
from kinerja.core.periode import baca_bulan
from kinerja.formulir.masalah import Lembar, Penampung, pendek, teks_sel
from kinerja.core.parsing import JENIS_KODE, kode_indikator
from kinerja.core.parsing_kolom import parse_column
from kinerja.store.store import Store
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["periksa"]

_TUNGGAL = [JENIS_KODE["angka"], JENIS_KODE["persen"], JENIS_KODE["rupiah"]]
_KOSONG = JENIS_KODE["kosong"]


def _blank(values: pd.Series) -> np.ndarray:
    """Empty cells: None, NaN (what a fill leaves in a block whose first row is empty) or blank text."""
    return values.map(lambda v: v is None or (isinstance(v, float) and np.isnan(v))
                      or (isinstance(v, str) and not v.strip())).to_numpy(dtype=bool)


def _text(values: pd.Series) -> pd.Series:
    return values.map(teks_sel)


def _show(value: object) -> str:
    """A cell's value inside a message: as written, cut to 60 characters."""
    return pendek(teks_sel(value))


class Pemeriksa:
    """Checks over one sheet, reporting into a :class:`Penampung`."""

    def __init__(self, lembar: Lembar, p: Penampung) -> None:
        self.l, self.p, self.d = lembar, p, lembar.data

    def report(self, kode: str, mask: np.ndarray, field: str, pesan, tingkat: str = "galat") -> None:
        for i in np.flatnonzero(mask):
            row = self.d.iloc[i]
            text = pesan(row) if callable(pesan) else pesan
            getattr(self.p, tingkat)(kode, self.l.nama, self.l.sel(field, int(row["_baris"])), text)

    def wajib(self, rows: np.ndarray | None = None) -> None:
        for k in self.l.formulir.kolom:
            if not k.wajib:
                continue
            mask = _blank(self.d[k.field])
            if rows is not None:
                mask = mask & rows
            self.report("V10", mask, k.field, f"kolom \"{k.judul}\" wajib diisi")

    def angka(self, field: str, kode: str, label: str, *, rows: np.ndarray | None = None,
              tunggal: bool = True, huruf: bool = False, negatif: bool = True):
        """Parse a column; report unreadable values, values that are not one number (grades
        allowed with ``huruf``) and, unless ``negatif``, negative numbers."""
        parsed = parse_column(self.d[field].astype(object))
        bad = parsed.jenis == JENIS_KODE["tidak_valid"]
        if rows is not None:
            bad = bad & rows
        self.report(kode, bad, field, lambda r: f"{label} \"{_show(r[field])}\" bukan angka yang dapat dibaca")
        if tunggal:
            allowed = [*_TUNGGAL, _KOSONG, JENIS_KODE["tidak_valid"]] + ([JENIS_KODE["kualitatif"]] if huruf else [])
            odd = ~np.isin(parsed.jenis, allowed)
            if rows is not None:
                odd = odd & rows
            self.report(kode if kode != "V13" else "V40", odd, field,
                        lambda r: f"{label} \"{_show(r[field])}\" harus satu angka, bukan rentang, batas atau nilai huruf")
        if not negatif:
            neg = parsed.nilai < 0
            if rows is not None:
                neg = neg & rows
            self.report("V15", neg, field, lambda r: f"{label} \"{_show(r[field])}\" tidak boleh negatif")
        return parsed

    def kembar(self, keys: pd.Series, field: str, what: str, rows: np.ndarray | None = None) -> None:
        k = keys.where(pd.Series(rows if rows is not None else True, index=keys.index))
        dup = (k.duplicated(keep="first") & k.notna() & (k != "")).to_numpy()
        self.report("V11", dup, field, lambda r: f"{what} \"{_show(r[field])}\" muncul lebih dari sekali")


def periksa(f: Formulir, ident: dict, main: Lembar, second: Lembar | None, store: Store,
            p: Penampung) -> dict[str, pd.DataFrame] | None:
    """Run every check for formulir ``f``; return the rows to load (None if nothing to load)."""
    if main.data.empty:
        p.galat("V39", main.nama, "", f"tidak ada baris data di bawah nomor kolom; formulir {f.kode} kosong")
        return None
    units = store.current("unit")
    if f.jenis == "UNIT":  # its validator needs no identity block
        return globals()[JENIS_FORMULIR["UNIT"].pemeriksa](main, p, units)
    unit = ident["unit"]
    known = units[units["kode"] == unit] if not units.empty else units
    if unit and known.empty:
        p.galat("V04", main.nama, "B4", f"kode unit \"{unit}\" tidak ada di Daftar Unit; muat Daftar Unit lebih dahulu "
                "atau periksa ejaannya")
        return None
    if unit and known.iloc[0]["jenis"] != f.tingkat:
        p.galat("V05", main.nama, "B4", f"unit \"{unit}\" adalah {TINGKAT[known.iloc[0]['jenis']]}, sedangkan formulir "
                f"{f.kode} untuk {TINGKAT[f.tingkat]}")
        return None
    if not unit or ident["tahun"] is None:
        return None
    handler = globals()[JENIS_FORMULIR[f.jenis].pemeriksa]
    return handler(f, ident, main, second, store, p)


# --- Daftar Unit ------------------------------------------------------------------------


def _unit(main: Lembar, p: Penampung, units: pd.Series) -> dict | None:
    c = Pemeriksa(main, p)
    d = main.data
    c.wajib()
    kode = _text(d["kode"])
    c.report("V17", (~kode.str.fullmatch(r"[a-z0-9][a-z0-9-]*") & (kode != "")).to_numpy(), "kode",
             lambda r: f"kode \"{_show(r['kode'])}\" hanya boleh huruf kecil, angka dan tanda hubung")
    c.report("V16", (kode.duplicated(keep=False) & (kode != "")).to_numpy(), "kode",
             lambda r: f"kode unit \"{_show(r['kode'])}\" muncul lebih dari sekali")
    jenis = _text(d["jenis"]).str.lower()
    c.report("V18", (~jenis.isin(DAFTAR["jenis_unit"]) & (jenis != "")).to_numpy(), "jenis",
             lambda r: f"jenis \"{_show(r['jenis'])}\" tidak dikenal; pilih {', '.join(DAFTAR['jenis_unit'])}")
    induk = _text(d["induk"])
    all_codes = set(kode) | (set(units["kode"]) if not units.empty else set())
    c.report("V19", ((induk != "") & ~induk.isin(all_codes)).to_numpy(), "induk",
             lambda r: f"kode induk \"{_show(r['induk'])}\" tidak ada di daftar unit")
    n_kab = int((jenis == "kabupaten").sum())
    if n_kab != 1:
        p.galat("V20", main.nama, "", f"daftar unit harus memuat tepat satu unit berjenis kabupaten, ditemukan {n_kab}")
    return {"unit": pd.DataFrame({"kode": kode, "nama": _text(d["nama"]), "jenis": jenis,
                                  "induk": induk.replace("", None), "jabatan": _text(d["jabatan"]).replace("", None)})}


# --- Profil ---------------------------------------------------------------------------


def _profil(f: Formulir, ident: dict, main: Lembar, second, store: Store, p: Penampung) -> dict | None:
    c = Pemeriksa(main, p)
    d = main.data
    c.wajib()
    bagian = _text(d["bagian"]).str.lower().str.strip()
    c.report("V49", (~bagian.isin(DAFTAR["bagian_profil"]) & (bagian != "")).to_numpy(), "bagian",
             lambda r: f"bagian \"{_show(r['bagian'])}\" tidak dikenal; pilih {', '.join(DAFTAR['bagian_profil'])}")
    sdm = bagian.str.startswith("sdm").to_numpy()
    jumlah = c.angka("jumlah", "V50", "jumlah pegawai", rows=sdm, negatif=False)
    whole = ~np.isnan(jumlah.nilai) & (jumlah.nilai != np.round(jumlah.nilai))
    c.report("V50", sdm & whole, "jumlah", lambda r: f"jumlah pegawai \"{_show(r['jumlah'])}\" harus bilangan bulat")
    c.report("V10", sdm & _blank(d["jumlah"]), "jumlah", "kolom \"Jumlah (orang)\" wajib diisi untuk baris SDM")
    uraian = _text(d["uraian"])
    c.kembar(bagian + "\u0000" + uraian.str.lower(), "uraian", "butir profil")
    by_gol = np.nansum(jumlah.nilai[(bagian == "sdm golongan").to_numpy()])
    by_edu = np.nansum(jumlah.nilai[(bagian == "sdm pendidikan").to_numpy()])
    if by_gol and by_edu and by_gol != by_edu:
        p.peringatan("V51", main.nama, "", f"jumlah pegawai menurut golongan ({format_angka(by_gol, 0)}) berbeda "
                     f"dengan menurut pendidikan ({format_angka(by_edu, 0)})")
    return {"profil": pd.DataFrame({
        "unit_kode": ident["unit"], "tahun": ident["tahun"], "bagian": bagian, "urutan": np.arange(1, len(d) + 1),
        "uraian": uraian, "jumlah": np.where(sdm, jumlah.nilai, np.nan)})}


# --- Pohon kinerja -------------------------------------------------------------------------

_KODE_SIMPUL = r"[A-Za-z0-9][A-Za-z0-9._-]*"


def _pohon(f: Formulir, ident: dict, main: Lembar, second, store: Store, p: Penampung) -> dict | None:
    """One unit's pohon kinerja: nodes (their first row carries tingkat, induk, kondisi and
    penanggung jawab; later rows of the node may leave them blank) and crosscutting links.
    Whether a parent in another unit exists is an alignment question (:mod:`kinerja.analisis.pohon`),
    since units send their trees in any order; here only what the file itself can answer."""
    c = Pemeriksa(main, p)
    d = main.data
    c.wajib()
    unit, tahun = ident["unit"], ident["tahun"]
    units = store.current("unit")
    kode = _text(d["kode"])
    c.report("V52", (~kode.str.fullmatch(_KODE_SIMPUL) & (kode != "")).to_numpy(), "kode",
             lambda r: f"kode simpul \"{_show(r['kode'])}\" hanya boleh huruf, angka, titik, garis bawah dan tanda hubung")
    first = ~kode.duplicated(keep="first").to_numpy()
    node: dict[str, pd.Series] = {}
    for field in ("induk", "tingkat", "kondisi", "penanggung_jawab"):
        raw = _text(d[field])
        if field == "tingkat":
            raw = raw.str.lower().str.replace("_", " ")
        head = raw.where(pd.Series(first, index=d.index)).groupby(kode).transform("first")
        c.report("V53", ((raw != "") & (raw != head) & ~first).to_numpy(), field,
                 lambda r, f_=field: f"simpul \"{_show(r['kode'])}\" sudah ditulis dengan {f_.replace('_', ' ')} lain "
                 "pada baris pertamanya; kolom ini cukup diisi pada baris pertama simpul")
        node[field] = head.fillna("")
    tingkat = node["tingkat"]
    c.report("V10", first & (tingkat == "").to_numpy(), "tingkat", "kolom \"Tingkat\" wajib diisi pada baris pertama simpul")
    c.report("V10", first & (node["kondisi"] == "").to_numpy(), "kondisi",
             "kolom \"Kondisi / Sasaran\" wajib diisi pada baris pertama simpul")
    c.report("V54", first & (~tingkat.isin(DAFTAR["tingkat_pohon"]) & (tingkat != "")).to_numpy(), "tingkat",
             lambda r: f"tingkat \"{_show(r['tingkat'])}\" tidak dikenal; pilih {', '.join(DAFTAR['tingkat_pohon'])}")
    ind_kode = _text(d["indikator"]).map(kode_indikator)
    c.kembar(kode + "\u0000" + ind_kode, "indikator", "indikator simpul yang sama")
    induk = node["induk"]
    qualified = induk.str.contains("/", regex=False)
    local = set(kode)
    lain = induk.str.split("/").str[0]
    known_units = set(units["kode"]) if not units.empty else set()
    c.report("V55", first & ((induk != "") & ~qualified & ~induk.isin(local)).to_numpy(), "induk",
             lambda r: f"simpul induk \"{_show(r['induk'])}\" tidak ada di formulir ini; untuk simpul unit lain tulis "
             "kode-unit/kode-simpul")
    c.report("V55", first & (qualified & ~lain.isin(known_units)).to_numpy(), "induk",
             lambda r: f"unit \"{_show(r['induk']).split('/')[0]}\" pada simpul induk \"{_show(r['induk'])}\" tidak ada "
             "di Daftar Unit")
    c.report("V56", first & _dalam_lingkaran(kode, induk.where(~qualified, "")), "induk",
             lambda r: f"simpul \"{_show(r['kode'])}\" menjadi induk bagi dirinya sendiri (lewat simpul induknya)")
    pj = node["penanggung_jawab"]
    if not units.empty:
        pejabat = units[units["jenis"] == "pejabat"].set_index("kode")["induk"]
        lain_pejabat = pj.isin(pejabat.index) & (pj.map(pejabat) != unit)
        c.report("V57", first & lain_pejabat.to_numpy(), "penanggung_jawab",
                 lambda r: f"pejabat \"{_show(r['penanggung_jawab'])}\" bukan pejabat unit {unit}", tingkat="peringatan")
    target = c.angka("target", "V12", "target", tunggal=False)
    rows = {"pohon": pd.DataFrame({
        "unit_kode": unit, "tahun": tahun, "kode": kode, "induk": induk.replace("", None),
        "tingkat": tingkat, "kondisi": node["kondisi"], "indikator_kode": ind_kode, "indikator": _text(d["indikator"]),
        "satuan": _text(d["satuan"]).replace("", None), "target_teks": _text(d["target"]).replace("", None),
        "target": target.nilai, "penanggung_jawab": pj.replace("", None), "urutan": np.arange(1, len(d) + 1)})}
    if second is not None and not second.data.empty:
        rows["crosscutting"] = _crosscutting(second, p, unit, tahun, local, known_units)
    return rows


def _dalam_lingkaran(kode: pd.Series, induk: pd.Series) -> np.ndarray:
    """Rows whose node reaches itself by following parents within the file: the parent map
    is applied as many times as there are nodes (vectorised over all nodes at once)."""
    parent = pd.Series(induk.to_numpy(), index=kode.to_numpy())
    parent = parent[~parent.index.duplicated()]
    walk = induk.copy()
    hit = np.zeros(len(kode), dtype=bool)
    for _ in range(len(parent)):
        hit |= (walk == kode).to_numpy() & (walk != "").to_numpy()
        walk = walk.map(parent).fillna("")
        if (walk == "").all():
            break
    return hit


def _crosscutting(second: Lembar, p: Penampung, unit: str, tahun: int, local: set, known_units: set) -> pd.DataFrame:
    """Crosscutting rows: a node of this file (the unit proposes a contributor) or another
    unit's node ``unit/kode`` (this unit, the contributor, answers)."""
    c = Pemeriksa(second, p)
    d = second.data
    c.wajib()
    simpul = _text(d["simpul"])
    kontributor = _text(d["kontributor"]).str.lower()
    status = _text(d["status"]).str.lower()
    jawaban = simpul.str.contains("/", regex=False)
    c.report("V55", (~jawaban & (simpul != "") & ~simpul.isin(local)).to_numpy(), "simpul",
             lambda r: f"simpul \"{_show(r['simpul'])}\" tidak ada di lembar Pohon Kinerja; untuk menjawab usulan unit "
             "lain tulis kode-unit/kode-simpul")
    c.report("V55", (jawaban & ~simpul.str.split("/").str[0].isin(known_units)).to_numpy(), "simpul",
             lambda r: f"unit pada simpul \"{_show(r['simpul'])}\" tidak ada di Daftar Unit")
    c.report("V58", ((kontributor != "") & (~kontributor.isin(known_units) | (~jawaban & (kontributor == unit))))
             .to_numpy(), "kontributor",
             lambda r: f"unit kontributor \"{_show(r['kontributor'])}\" tidak ada di Daftar Unit atau adalah unit ini sendiri")
    c.report("V59", ((status != "") & ~status.isin(DAFTAR["status_crosscutting"])).to_numpy(), "status",
             lambda r: f"status \"{_show(r['status'])}\" tidak dikenal; pilih {', '.join(DAFTAR['status_crosscutting'])}")
    c.report("V59", (jawaban & (kontributor != unit) & (kontributor != "")).to_numpy(), "kontributor",
             lambda r: f"jawaban atas simpul unit lain hanya untuk unit ini sendiri ({unit}); baris dicatat sebagai "
             "usulan", tingkat="peringatan")
    usul = ~jawaban | (kontributor != unit)
    c.report("V59", (usul & status.isin(["diterima", "ditolak"])).to_numpy(), "status",
             lambda r: "hanya unit kontributor yang dapat menerima atau menolak; baris dicatat sebagai diusulkan",
             tingkat="peringatan")
    c.kembar(simpul + "\u0000" + kontributor, "kontributor", "pasangan simpul dan unit kontributor")
    return pd.DataFrame({
        "unit_kode": unit, "tahun": tahun, "simpul": simpul.where(jawaban, unit + "/" + simpul),
        "kontributor": kontributor,
        "peran": _text(d["peran"]).replace("", None),
        "status": status.where(~usul & status.isin(["diterima", "ditolak"]), "diusulkan"),
        "keterangan": _text(d["keterangan"]).replace("", None)})


# --- Renstra / RPJMD --------------------------------------------------------------------


def _polaritas_agregasi(c: Pemeriksa, rows: np.ndarray | None = None) -> tuple[pd.Series, pd.Series]:
    d = c.d
    pol = normalise_polaritas(d["polaritas"].astype(object))
    bad = (pol == "?").to_numpy()
    c.report("V21", bad if rows is None else bad & rows, "polaritas",
             lambda r: f"polaritas \"{_show(r['polaritas'])}\" tidak dikenal; pilih positif, negatif, stabil atau kualitatif")
    agr = _text(d["agregasi"]).str.lower().map(AGREGASI_ALIAS)
    bad = (agr.isna() & (_text(d["agregasi"]) != "")).to_numpy()
    c.report("V22", bad if rows is None else bad & rows, "agregasi",
             lambda r: f"agregasi \"{_show(r['agregasi'])}\" tidak dikenal; pilih {', '.join(DAFTAR['agregasi'])}")
    return pol, agr


def _indicator_sheet(main: Lembar, p: Penampung) -> tuple[Pemeriksa, pd.DataFrame, pd.Series]:
    """Required cells and duplicate indicators of a sheet with one indicator per row."""
    c = Pemeriksa(main, p)
    c.wajib()
    kode = _text(main.data["indikator"]).map(kode_indikator)
    c.kembar(kode, "indikator", "indikator")
    return c, main.data, kode


def _renstra(f, ident, main, second, store, p) -> dict | None:
    c, d, kode = _indicator_sheet(main, p)
    unit, awal = ident["unit"], ident["tahun"]
    pol, agr = _polaritas_agregasi(c)
    iku = _text(d["iku"]).str.lower()
    c.report("V23", (~iku.isin(["ya", "tidak", "y", "t", ""])).to_numpy(), "iku",
             lambda r: f"IKU \"{_show(r['iku'])}\" harus Ya atau Tidak")
    c.angka("standar_nasional", "V12", "standar nasional", tunggal=False)
    induk = _text(d["indikator_induk"])
    if f.tingkat == "perangkat_daerah" and (induk != "").any():
        kab_kode = kabupaten_unit(store.current("unit")).get(unit)
        known = set()
        if isinstance(kab_kode, str):
            known = set(store.current("indikator", unit_kode=kab_kode)["kode"])
        c.report("V24", ((induk != "") & ~induk.map(kode_indikator).isin(known)).to_numpy(), "indikator_induk",
                 lambda r: f"indikator induk \"{_show(r['indikator_induk'])}\" tidak ditemukan di RPJMD kabupaten",
                 tingkat="peringatan")
    targets = []
    for field, tahun, jenis in (
        [("kondisi_awal", awal - 1, "awal")]
        + [(f"target_{i}", awal + i - 1, "tahunan") for i in range(1, 6)]
        + [("target_akhir", awal + 4, "akhir_periode")]
    ):
        parsed = c.angka(field, "V12", "target", tunggal=False)
        texts = _text(d[field])
        has = texts != ""
        targets.append(pd.DataFrame({
            "unit_kode": unit, "indikator_kode": kode[has], "dokumen": "renstra", "tahun": tahun, "bulan": None,
            "jenis": jenis, "nilai_teks": texts[has], "nilai": parsed.nilai[has.to_numpy()],
        }))
    indikator = pd.DataFrame({
        "unit_kode": unit, "kode": kode, "tujuan": _text(d["tujuan"]).replace("", None), "sasaran": _text(d["sasaran"]),
        "nama": _text(d["indikator"]), "satuan": _text(d["satuan"]), "polaritas": pol, "agregasi": agr.fillna(""),
        "iku": iku.isin(["ya", "y"]), "definisi": _text(d["definisi"]).replace("", None),
        "sumber_data": _text(d["sumber_data"]).replace("", None),
        "standar_nasional": _text(d["standar_nasional"]).replace("", None),
        "indikator_induk": induk.map(lambda v: kode_indikator(v) if v else None),
    })
    realisasi = None
    if second is not None and not second.data.empty:
        c2 = Pemeriksa(second, p)
        d2 = second.data
        c2.wajib()
        k2 = _text(d2["indikator"]).map(kode_indikator)
        c2.report("V25", (~k2.isin(set(kode)) & (k2 != "")).to_numpy(), "indikator",
                  lambda r: f"indikator \"{_show(r['indikator'])}\" tidak ada di lembar {f.lembar}")
        tahun = pd.to_numeric(_text(d2["tahun"]), errors="coerce")
        c2.report("V26", (tahun.isna() | ~tahun.between(2000, 2100)).to_numpy() & ~_blank(d2["tahun"]), "tahun",
                  lambda r: f"tahun \"{_show(r['tahun'])}\" bukan tahun yang sah")
        parsed = c2.angka("realisasi", "V13", "realisasi", tunggal=False)
        realisasi = pd.DataFrame({
            "unit_kode": unit, "indikator_kode": k2, "tahun": tahun.fillna(0).astype(int), "bulan": None,
            "nilai_teks": _text(d2["realisasi"]), "nilai": parsed.nilai, "keterangan": _text(d2["keterangan"]).replace("", None),
        })
        c2.kembar(k2 + "|" + tahun.astype(str), "tahun", "realisasi indikator pada tahun")
    return {"indikator": indikator, "target": pd.concat(targets, ignore_index=True), "realisasi": realisasi}


# --- RKT and PK --------------------------------------------------------------------------


def _renstra_check(c: Pemeriksa, kode: pd.Series, parsed, store: Store, unit: str, tahun: int,
                   rows: np.ndarray, doc: str) -> pd.DataFrame:
    """V27 (indicator in the Renstra) and V28 (target equals the Renstra's for the year)."""
    meta = store.current("indikator", unit_kode=unit)
    known = set(meta["kode"]) if not meta.empty else set()
    c.report("V27", rows & ~kode.isin(known).to_numpy(), "indikator",
             lambda r: f"indikator \"{_show(r['indikator'])}\" tidak ada di Renstra/RPJMD unit ini; muat Renstra lebih "
             "dahulu atau samakan nama indikatornya")
    from kinerja.analisis.dari_store import target_renstra_tahunan

    plan = target_renstra_tahunan(store, unit, tahun)
    plan = plan.set_index("indikator_kode")["nilai"] if not plan.empty else pd.Series(dtype=float)
    expected = kode.map(plan).to_numpy(dtype=float)
    differ = rows & berbeda(parsed.nilai, expected)
    c.report("V28", differ, "target",
             lambda r: f"target {doc} \"{_show(r['target'])}\" berbeda dari target Renstra/RPJMD tahun {tahun} "
             f"({format_angka(plan.get(kode_indikator(r['indikator'])))})", tingkat="peringatan")
    return meta


def _rkt(f, ident, main, second, store, p) -> dict | None:
    d = main.data.copy()
    ffill = ["sasaran", "indikator", "satuan", "target", "program"] + (["kegiatan", "indikator_kegiatan", "anggaran_kegiatan"]
                                                                       if f.tingkat == "perangkat_daerah" else [])
    first = ~_blank(d["indikator"])
    own_program = ~_blank(d["program"])  # rows that name a program themselves, before the fill
    for col in ffill:
        d[col] = d[col].where(~pd.Series(_blank(d[col]), index=d.index)).ffill()
    lembar = Lembar(main.nama, main.formulir, d)
    c = Pemeriksa(lembar, p)
    c.wajib()
    unit, tahun = ident["unit"], ident["tahun"]
    kode = _text(d["indikator"]).map(kode_indikator)
    c.kembar(kode.where(first), "indikator", "indikator")
    parsed = c.angka("target", "V12", "target", tunggal=False)
    _renstra_check(c, kode, parsed, store, unit, tahun, first, "RKT")
    target = pd.DataFrame({"unit_kode": unit, "indikator_kode": kode[first], "dokumen": "rkt", "tahun": tahun,
                           "bulan": None, "jenis": "tahunan", "nilai_teks": _text(d["target"])[first],
                           "nilai": parsed.nilai[first]})
    budgets = []
    # Budget rows remember the indicator they are listed under and who answers for them (schema 3).
    pj = _text(d["penanggung_jawab"]).replace("", None) if "penanggung_jawab" in d else None
    if f.tingkat == "kabupaten":
        pagu = c.angka("anggaran_program", "V14", "anggaran", negatif=False)
        # An indicator row without a program of its own continues the one above; it adds no budget line.
        budgets.append(pd.DataFrame({"program": _text(d["program"]), "kegiatan": None, "sub_kegiatan": None,
                                     "indikator_keluaran": None, "nilai": pagu.nilai, "indikator_kode": kode,
                                     "penanggung_jawab": pj})[own_program])
    else:
        keg = c.angka("anggaran_kegiatan", "V14", "anggaran kegiatan", negatif=False)
        sub = c.angka("anggaran_sub_kegiatan", "V14", "anggaran sub kegiatan", negatif=False)
        has_keg = (_text(d["kegiatan"]) != "").to_numpy()
        kegiatan = pd.DataFrame({"program": _text(d["program"]), "kegiatan": _text(d["kegiatan"]), "sub_kegiatan": None,
                                 "indikator_keluaran": _text(d["indikator_kegiatan"]), "nilai": keg.nilai,
                                 "indikator_kode": kode, "penanggung_jawab": pj})[has_keg]
        budgets.append(kegiatan.drop_duplicates(subset=["indikator_kode", "program", "kegiatan"]))
        has_sub = (_text(d["sub_kegiatan"]) != "").to_numpy()
        budgets.append(pd.DataFrame({"program": _text(d["program"]), "kegiatan": _text(d["kegiatan"]),
                                     "sub_kegiatan": _text(d["sub_kegiatan"]),
                                     "indikator_keluaran": _text(d["indikator_sub_kegiatan"]), "nilai": sub.nilai,
                                     "indikator_kode": kode, "penanggung_jawab": pj})[has_sub])
    anggaran = pd.concat(budgets, ignore_index=True)
    anggaran = anggaran[anggaran["program"] != ""].assign(unit_kode=unit, tahun=tahun, bulan=None, jenis="pagu",
                                                          keterangan=None)
    return {"target": target, "anggaran": anggaran}


def _pk(f, ident, main, second, store, p) -> dict | None:
    c, d, kode = _indicator_sheet(main, p)
    unit, tahun = ident["unit"], ident["tahun"]
    parsed = c.angka("target", "V12", "target", tunggal=False)
    rows: dict[str, pd.DataFrame | None] = {}
    everything = np.ones(len(d), dtype=bool)
    if f.tingkat == "pejabat":
        pol, agr = _polaritas_agregasi(c)
        rows["indikator"] = pd.DataFrame({
            "unit_kode": unit, "kode": kode, "tujuan": None, "sasaran": _text(d["sasaran"]), "nama": _text(d["indikator"]),
            "satuan": _text(d["satuan"]), "polaritas": pol, "agregasi": agr.fillna(""), "iku": False, "definisi": None,
            "sumber_data": None, "standar_nasional": None, "indikator_induk": None,
        })
    else:
        _renstra_check(c, kode, parsed, store, unit, tahun, everything, "PK")
    rows["target"] = pd.DataFrame({"unit_kode": unit, "indikator_kode": kode, "dokumen": "pk", "tahun": tahun,
                                   "bulan": None, "jenis": "tahunan", "nilai_teks": _text(d["target"]),
                                   "nilai": parsed.nilai})
    if second is not None and not second.data.empty:
        c2 = Pemeriksa(second, p)
        c2.wajib()
        program = _text(second.data["program"]).str.replace(r"^\d+\.\s*", "", regex=True)
        c2.kembar(program, "program", "program")
        pagu = c2.angka("anggaran", "V14", "anggaran", negatif=False)
        ket = _text(second.data["keterangan"]) if "keterangan" in second.data else pd.Series("", index=second.data.index)
        rows["anggaran"] = pd.DataFrame({"unit_kode": unit, "tahun": tahun, "program": program, "kegiatan": None,
                                         "sub_kegiatan": None, "indikator_keluaran": None, "bulan": None, "jenis": "pagu",
                                         "nilai": pagu.nilai, "keterangan": ket.replace("", None)})
    return rows


# --- RAAPK and CRAAPK (twelve month rows per indicator) --------------------------------------


def _blocks(main: Lembar, p: Penampung) -> pd.DataFrame | None:
    """Give every row its block (indicator) number and month; check Januari … Desember."""
    d = main.data.copy()
    starts = ~_blank(d["indikator"]) | ~_blank(d["no"])
    if not starts.any():
        p.galat("V39", main.nama, "", "tidak ada indikator: kolom (3) kosong di semua baris")
        return None
    block = np.cumsum(starts) - 1  # -1 for rows above the first indicator
    d["_blok"] = block
    d["_bulan"] = np.nan
    c = Pemeriksa(Lembar(main.nama, main.formulir, d), p)
    orphan = block < 0
    c.report("V29", orphan, "bulan", "baris ini berada di atas indikator pertama; setiap blok dimulai dengan "
             "baris Januari yang berisi indikator")
    month = _text(d["bulan"]).map(baca_bulan).fillna(0).astype("int64").to_numpy()
    position = d.groupby("_blok").cumcount().to_numpy()
    names = np.array([*BULAN_KAPITAL, ""], dtype=object)
    d["_harap"] = names[np.minimum(position, 12)]
    wrong = (month != np.where(position < 12, position + 1, -1)) & ~orphan
    c.report("V29", wrong, "bulan", lambda r: f"bulan \"{_show(r['bulan']) or '(kosong)'}\" seharusnya "
             f"{r['_harap'] or 'awal indikator baru (kolom (3) diisi)'}; setiap indikator berisi 12 baris "
             "Januari s.d. Desember")
    sizes = d.groupby("_blok")["_baris"].agg(["count", "first"])
    for blk, (count, first_row) in sizes.iterrows():
        if blk >= 0 and count < 12:
            p.galat("V29", main.nama, main.sel("bulan", int(first_row)),
                    f"indikator pada baris {first_row} hanya punya {count} baris bulan, seharusnya 12")
    if "bulan_anggaran" in d:
        text = _text(d["bulan_anggaran"])
        ba = text.map(baca_bulan).fillna(0).astype("int64").to_numpy()
        c.report("V29", (text != "").to_numpy() & (ba != month) & ~wrong, "bulan_anggaran",
                 lambda r: f"bulan anggaran \"{_show(r['bulan_anggaran'])}\" harus sama dengan bulan kinerja "
                 f"\"{_show(r['bulan'])}\"")
    d["_bulan"] = np.where(position < 12, position + 1, 0)
    per_blok = [k.field for k in main.formulir.kolom if k.per_blok]
    for col in per_blok:
        d[col] = d[col].where(pd.Series(starts, index=d.index)).groupby(d["_blok"]).ffill()
    return d


def _rencana_aksi(f, ident, main, second, store, p) -> dict | None:
    d = _blocks(main, p)
    if d is None:
        return None
    lembar = Lembar(main.nama, main.formulir, d)
    c = Pemeriksa(lembar, p)
    unit, tahun = ident["unit"], ident["tahun"]
    first = (d.groupby("_blok").cumcount() == 0).to_numpy() & (d["_blok"] >= 0).to_numpy()
    c.wajib(rows=first)
    kode = _text(d["indikator"]).map(kode_indikator)
    c.kembar(kode.where(pd.Series(first, index=d.index)), "indikator", "indikator")

    pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
    if pk.empty:
        p.galat("V30", main.nama, "B4", f"Perjanjian Kinerja {tahun} unit \"{unit}\" belum dimuat; muat PK lebih dahulu")
        return None
    pk_target = pk.set_index("indikator_kode")["nilai"]
    pk_text = pk.set_index("indikator_kode")["nilai_teks"]
    c.report("V30", first & ~kode.isin(set(pk_target.index)).to_numpy(), "indikator",
             lambda r: f"indikator \"{_show(r['indikator'])}\" tidak ada di Perjanjian Kinerja {tahun}")
    annual = c.angka("target_tahunan", "V12", "target kinerja tahunan", rows=first, tunggal=False)
    want = kode.map(pk_target).to_numpy(dtype=float)
    differ = first & berbeda(annual.nilai, want)
    text_differ = first & np.isnan(want) & kode.isin(set(pk_target.index)).to_numpy() & \
        (_text(d["target_tahunan"]).str.lower() != kode.map(pk_text).fillna("").str.lower()).to_numpy()
    c.report("V31", differ | text_differ, "target_tahunan",
             lambda r: f"target tahunan \"{_show(r['target_tahunan'])}\" berbeda dari target PK "
             f"\"{pk_text.get(kode_indikator(r['indikator']), '')}\"")

    monthly = c.angka("target", "V12", "target bulanan", tunggal=False)
    meta = store.current("indikator", unit_kode=unit)
    rule = kode.map(meta.set_index("kode")["agregasi"]) if not meta.empty else pd.Series("", index=d.index)
    c.report("V35", (rule == "jumlah").to_numpy() & (monthly.nilai < 0), "target",
             lambda r: f"target bulanan \"{_show(r['target'])}\" negatif, padahal indikator ini dihitung (agregasi jumlah)")
    heads = d[first].assign(target=annual.nilai[first]).set_index("_blok")
    blocks = pd.DataFrame({"_blok": d["_blok"], "target": monthly.nilai, "agregasi": rule.to_numpy()})
    blocks = blocks[(blocks["_blok"] >= 0) & (blocks["agregasi"] == "jumlah")]  # unknown indicators: V30 says so
    off = cek_target_bulanan(blocks, heads.reset_index()[["_blok", "target"]], ["_blok"])
    off = off.dropna(subset=["jumlah_bulanan", "target_tahunan"])
    for _, row in off.iterrows():
        head = heads.loc[row["_blok"]]
        p.galat("V32", main.nama, lembar.sel("target", int(head["_baris"])),
                f"indikator \"{head['indikator']}\" beragregasi jumlah: total target bulanan "
                f"{format_angka(row['jumlah_bulanan'])} tidak sama dengan target tahunan "
                f"{format_angka(row['target_tahunan'])}")

    pagu = c.angka("pagu", "V14", "anggaran tahunan", rows=first, negatif=False)
    t_ang = c.angka("target_anggaran", "V14", "target anggaran", negatif=False)
    program = _text(d["program"])
    pagu_s = pd.Series(pagu.nilai, index=d.index)[first]
    conflict = pd.DataFrame({"program": program[first], "pagu": pagu_s}).groupby("program")["pagu"].nunique() > 1
    for name in conflict[conflict].index:
        row = d[first & (program == name).to_numpy()].iloc[1]
        p.galat("V37", main.nama, lembar.sel("pagu", int(row["_baris"])),
                f"program \"{name}\" tercantum dengan anggaran tahunan yang berbeda di beberapa indikator")
    month_budget = pd.DataFrame({"program": program, "bulan": d["_bulan"], "target": t_ang.nilai,
                                 "pagu": pd.Series(pagu.nilai, index=d.index).where(pd.Series(first, index=d.index)),
                                 "_blok": d["_blok"]})
    # A program repeated over several indicators carries the same monthly plan: count it once.
    one_block = month_budget.groupby("program")["_blok"].transform("min") == month_budget["_blok"]
    plan = month_budget[one_block].groupby("program").agg(target=("target", lambda s: s.sum(min_count=1)),
                                                          pagu=("pagu", "max"))
    for name, row in plan.iterrows():
        if berbeda([row["target"]], [row["pagu"]])[0]:
            p.peringatan("V33", main.nama, "", f"program \"{name}\": total target anggaran bulanan "
                         f"{format_angka(row['target'], 0)} tidak sama dengan anggaran tahunan {format_angka(row['pagu'], 0)}")

    valid_month = d["_bulan"].to_numpy() > 0
    rows: dict[str, pd.DataFrame | None] = {}
    program_rows = pd.DataFrame({"unit_kode": unit, "tahun": tahun, "program": program, "kegiatan": None,
                                 "sub_kegiatan": None, "indikator_keluaran": None})
    if f.jenis == "RAAPK":
        rows["target"] = pd.DataFrame({
            "unit_kode": unit, "indikator_kode": kode, "dokumen": "raapk", "tahun": tahun, "bulan": d["_bulan"],
            "jenis": "bulanan", "nilai_teks": _text(d["target"]), "nilai": monthly.nilai,
            "program": program, "penanggung_jawab": _text(d["penanggung_jawab"]).replace("", None)
            if "penanggung_jawab" in d else None})[valid_month]
        budget = program_rows.assign(bulan=d["_bulan"], jenis="target", nilai=t_ang.nilai, keterangan=None)[valid_month & one_block.to_numpy()]
        pagu_rows = program_rows.assign(bulan=None, jenis="pagu", nilai=pagu.nilai, keterangan=None)[first]
        rows["anggaran"] = pd.concat([pagu_rows.drop_duplicates(subset=["program"]), budget], ignore_index=True)
        return rows

    # CRAAPK: realisasi up to the reported month.
    laporan = ident["bulan"] or 12
    plan = store.current("target", unit_kode=unit, dokumen="raapk", tahun=tahun)
    if plan.empty:
        p.peringatan("V38", main.nama, "", f"RAAPK {tahun} unit \"{unit}\" belum dimuat; target bulanan belum dapat "
                     "dicocokkan")
    else:
        key = plan.set_index(["indikator_kode", "bulan"])["nilai"]
        want = pd.Series(list(zip(kode, d["_bulan"])), index=d.index).map(key).to_numpy(dtype=float)
        differ = valid_month & berbeda(monthly.nilai, want)
        differ |= valid_month & (np.isnan(want) != np.isnan(monthly.nilai)) & kode.isin(set(plan["indikator_kode"])).to_numpy()
        c.report("V38", differ, "target", lambda r: f"target bulan {_show(r['bulan']).title()} \"{_show(r['target']) or '(kosong)'}\" "
                 "berbeda dari target RAAPK")
    # A rasio indicator reports its counts, "45/50" (pembilang/penyebut); its value is the ratio in %.
    fraction = _text(d["realisasi"]).str.extract(r"^\s*(\d[\d.,]*)\s*(?:/|dari)\s*(\d[\d.,]*)\s*$")
    is_rasio = (rule == "rasio").to_numpy()
    counts = fraction.notna().all(axis=1).to_numpy() & is_rasio
    pembilang = parse_column(fraction[0].astype(object)).nilai
    penyebut = parse_column(fraction[1].astype(object)).nilai
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(counts & (penyebut > 0), pembilang / penyebut * 100.0, np.nan)
    plain = d.copy()
    plain["realisasi"] = plain["realisasi"].where(~pd.Series(counts, index=d.index), None)
    real = Pemeriksa(Lembar(main.nama, main.formulir, plain), p).angka("realisasi", "V13", "realisasi", huruf=True)
    real_nilai = np.where(counts, ratio, real.nilai)
    c.report("V41", is_rasio & valid_month & ~counts & ~_blank(d["realisasi"]) & (real.jenis != _KOSONG), "realisasi",
             lambda r: f"indikator \"{_show(r['indikator'])}\" beragregasi rasio: tulis realisasi sebagai "
             f"pembilang/penyebut, mis. 45/50, bukan \"{_show(r['realisasi'])}\"")
    c.report("V41", counts & (penyebut <= 0), "realisasi",
             lambda r: f"penyebut pada \"{_show(r['realisasi'])}\" harus lebih dari 0")
    later = valid_month & (d["_bulan"].to_numpy() > laporan) & ~_blank(d["realisasi"])
    c.report("V34", later, "realisasi", lambda r: f"realisasi bulan {_show(r['bulan']).title()} diisi, padahal laporan "
             f"ini untuk bulan {BULAN_KAPITAL[laporan - 1].title()}; kosongkan bulan sesudahnya")
    counted = (rule == "jumlah").to_numpy()
    c.report("V35", counted & (real_nilai < 0), "realisasi",
             lambda r: f"realisasi \"{_show(r['realisasi'])}\" negatif, padahal indikator ini dihitung (agregasi jumlah)")
    r_ang = c.angka("realisasi_anggaran", "V14", "realisasi anggaran", negatif=False)
    spent = pd.DataFrame({"program": program, "r": r_ang.nilai, "_blok": d["_blok"]})[one_block.to_numpy()]
    total = spent.groupby("program")["r"].sum(min_count=1)
    ceiling = pd.Series(pagu.nilai, index=d.index)[first].groupby(program[first]).max()
    for name, value in total.items():
        if not np.isnan(value) and name in ceiling and not np.isnan(ceiling[name]) and value > ceiling[name] + 0.5:
            p.peringatan("V36", main.nama, "", f"program \"{name}\": realisasi anggaran {format_angka(value, 0)} melebihi "
                         f"pagu {format_angka(ceiling[name], 0)}")
    # V47: a value an order of magnitude or more off its plan is loaded, with a warning at its cell
    # (a mistyped "4" for 48, a budget written in thousands).
    upto = valid_month & (d["_bulan"].to_numpy() <= laporan)
    c.report("V47", upto & jauh(real_nilai, monthly.nilai), "realisasi",
             lambda r: f"realisasi \"{_show(r['realisasi'])}\" jauh dari target bulan itu \"{_show(r['target'])}\" "
             f"(sepuluh kali lipat atau lebih); periksa satuan atau salah ketik", tingkat="peringatan")
    c.report("V47", upto & jauh(r_ang.nilai, t_ang.nilai), "realisasi_anggaran",
             lambda r: f"realisasi anggaran \"{_show(r['realisasi_anggaran'])}\" jauh dari target anggaran bulan itu "
             f"\"{_show(r['target_anggaran'])}\" (sepuluh kali lipat atau lebih); periksa satuan atau salah ketik",
             tingkat="peringatan")
    reported = valid_month & (d["_bulan"].to_numpy() <= laporan) & ~_blank(d["realisasi"])
    rows["realisasi"] = pd.DataFrame({
        "unit_kode": unit, "indikator_kode": kode, "tahun": tahun, "bulan": d["_bulan"],
        "nilai_teks": _text(d["realisasi"]), "nilai": real_nilai,
        "pembilang": np.where(counts, pembilang, np.nan), "penyebut": np.where(counts, penyebut, np.nan),
        "keterangan": _text(d["keterangan"]).replace("", None)})[reported]
    spent_rows = valid_month & (d["_bulan"].to_numpy() <= laporan) & ~_blank(d["realisasi_anggaran"]) & one_block.to_numpy()
    rows["anggaran"] = program_rows.assign(bulan=d["_bulan"], jenis="realisasi", nilai=r_ang.nilai,
                                           keterangan=_text(d["keterangan_anggaran"]).replace("", None))[spent_rows]
    return rows

