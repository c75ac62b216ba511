"""The checks of the Lembar Kerja Evaluasi (LKE) workbook (:mod:`kinerja.formulir.lke`), and
the rows it yields for the store (tables ``lke`` and ``lke_rekomendasi``).

Before these, the workbook passed every check a formulir passes (V-codes: the file, the
identity block, the numbering row, hidden or merged cells, Excel error values, text cut at
Excel's limit, a unit that is no perangkat daerah). Codes of this formulir:

====  ================================================================================
J07   the LKE's tahun is after the year the file was received
J08   a kode that is no komponen, sub-komponen, kriteria or follow-up row of the LKE
J09   a sub-komponen or kriteria row missing
J10   a kode written twice
J11   the uraian of a row differs from the LKE's text for its kode (a row moved or edited)
J12   terpenuhi not Ya or Tidak
J13   terpenuhi written on a row that is no kriteria or follow-up row
J14   an answer not on the scale (AA … E)
J15   an answer written on a row that is no sub-komponen
J16   an answer that does not follow from the kriteria marked met (warning; names both)
J17   an answer A or AA without a catatan
J18   the unit's own answer A or AA: only the evaluator gives them (warning)
J19   a recommendation's komponen is not 1–4
J20   a recommendation's nomor is not a whole number from 1
J21   a recommendation's komponen and nomor written twice
J22   a follow-up row names a recommendation the store does not hold for this unit and an
      earlier year
J23   the bobot of a row differs from the LKE's
J24   the year in the title (row 1) is not the tahun of the identity block (B5)
J25   the unit named under the title (row 2) is another unit of the Daftar Unit than the one of
      the identity block (B4): a workbook issued for one unit, sent with another's code (a name
      no unit has now, after a rename, is a warning)
====  ================================================================================
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from kinerja.core.formatting import format_angka, format_persen
from kinerja.core.lke import baku_jawaban
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.core.lke_saran import saran
from kinerja.formulir.masalah import Lembar, Penampung, pendek, teks_sel
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _text
from kinerja.store.store import Store

__all__ = ["TINDAK_LANJUT", "kode_tindak_lanjut", "parameter_lke"]

# A follow-up row: R<year>-<komponen>.<nomor>
TINDAK_LANJUT = re.compile(r"^r(\d{4})-(\d+)\.(\d+)$")
_YA_TIDAK = {"ya": True, "tidak": False}
_PIHAK = {"mandiri": "unit", "evaluator": "evaluator"}


@functools.lru_cache(maxsize=4)
def _parameter(folder: str) -> ParameterLKE:
    return muat_lke(folder)


def parameter_lke() -> ParameterLKE:
    """The LKE's criteria and scale, loaded once per parameter folder (a folder of LKE
    workbooks is checked against the same file)."""
    from kinerja.core.sumber import parameters_dir

    return _parameter(str(parameters_dir() / "lke"))


def kode_tindak_lanjut(tahun: int, komponen: int, nomor: int) -> str:
    """The kode of the follow-up row of a recommendation.

    Examples
    --------
    >>> kode_tindak_lanjut(2025, 2, 1)
    'R2025-2.1'
    """
    return f"R{tahun}-{komponen}.{nomor}"


def _k(value: object) -> str:
    """A cell's kode as written, for a message."""
    return pendek(teks_sel(value).strip(), 30)


def _jenis_kode(kode: pd.Series, lke: ParameterLKE) -> pd.Series:
    """What each row's kode is: komponen, subkomponen, kriteria, tindak_lanjut or '' (unknown)."""
    kinds = {**dict.fromkeys(lke.komponen["kode"], "komponen"), **dict.fromkeys(lke.subkomponen["kode"], "subkomponen"),
             **dict.fromkeys(lke.kriteria["kode"], "kriteria")}
    return kode.map(lambda k: kinds.get(k, "tindak_lanjut" if TINDAK_LANJUT.match(k) else ""))


def _uraian_baku(lke: ParameterLKE) -> dict[str, str]:
    out = {k: n.upper() for k, n in zip(lke.komponen["kode"], lke.komponen["nama"])}
    out.update(zip(lke.subkomponen["kode"], lke.subkomponen["nama"]))
    out.update(zip(lke.kriteria["kode"], lke.kriteria["uraian"]))
    return out


def _bobot_baku(lke: ParameterLKE) -> dict[str, object]:
    return {**dict(zip(lke.komponen["kode"], lke.komponen["bobot"])),
            **dict(zip(lke.subkomponen["kode"], lke.subkomponen["bobot"]))}


def _baris(c: Pemeriksa, main: Lembar, lke: ParameterLKE, p: Penampung) -> tuple[pd.Series, pd.Series]:
    """Each row's normalised kode and its kind; unknown, duplicate, missing and edited rows said."""
    d = main.data
    kode = _text(d["kode"]).str.strip().str.lower().map(lambda k: k.upper() if TINDAK_LANJUT.match(k) else k)
    jenis = _jenis_kode(kode.str.lower(), lke)
    c.report("J08", ((jenis == "") & (kode != "")).to_numpy(), "kode",
             lambda r: f"kode \"{_k(r['kode'])}\" bukan komponen, sub-komponen, "
             "kriteria atau baris tindak lanjut LKE; jangan menambah baris (buat ulang dari 'kinerja template lke')")
    known = (jenis != "").to_numpy()
    dup = kode.where(known).duplicated(keep="first").to_numpy() & known
    c.report("J10", dup, "kode", lambda r: f"kode {_k(r['kode'])} tertulis dua kali; "
             "setiap komponen, sub-komponen dan kriteria satu baris")
    baku = _uraian_baku(lke)
    norm = _text(d["uraian"]).map(lambda t: " ".join(t.split()))
    moved = np.array([k in baku and n != " ".join(baku[k].split()) for k, n in zip(kode, norm)], dtype=bool)
    c.report("J11", moved, "uraian", lambda r: f"uraian baris ini bukan uraian {_k(r['kode'])} di LKE "
             f"(tertulis \"{pendek(teks_sel(r['uraian']), 40)}\"); baris tidak boleh digeser "
             "atau diubah")
    bobot = _bobot_baku(lke)
    ditulis = pd.to_numeric(d["bobot"].map(lambda v: v if isinstance(v, (int, float)) else None), errors="coerce")
    salah = np.array([k in bobot and not (pd.notna(b) and abs(float(bobot[k]) - b) < 1e-9)
                      for k, b in zip(kode, ditulis)], dtype=bool)
    c.report("J23", salah, "bobot", lambda r: f"bobot {_k(r['kode'])} harus "
             f"{format_angka(bobot[_k(r['kode']).lower()], 2)}; bobot tidak boleh diubah")
    missing = [k for k in [*lke.subkomponen["kode"], *lke.kriteria["kode"]] if k not in set(kode)]
    if missing:
        p.galat("J09", main.nama, "", f"baris {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''} tidak ada; "
                "setiap sub-komponen dan kriteria LKE harus ada (buat ulang dari 'kinerja template lke')")
    return kode, jenis


def _terpenuhi(c: Pemeriksa, jenis: pd.Series, pihak: str) -> pd.Series:
    """Ya/Tidak of one party as True/False/None (J12, J13)."""
    field = f"terpenuhi_{pihak}"
    raw = _text(c.d[field]).str.strip()
    value = raw.str.lower().map(_YA_TIDAK)
    filled = (raw != "").to_numpy()
    allowed = jenis.isin(["kriteria", "tindak_lanjut"]).to_numpy()
    c.report("J12", filled & allowed & value.isna().to_numpy(), field,
             lambda r: f"terpenuhi ({_PIHAK[pihak]}) \"{_k(r[field])}\" harus Ya atau Tidak")
    c.report("J13", filled & ~allowed & (jenis != "").to_numpy(), field,
             f"terpenuhi ({_PIHAK[pihak]}) hanya diisi pada baris kriteria atau tindak lanjut; jawaban sub-komponen "
             "ditulis di kolom Jawaban")
    return value.where(allowed & filled, None).astype(object)


def _jawaban(c: Pemeriksa, jenis: pd.Series, pihak: str, lke: ParameterLKE) -> pd.Series:
    """The answer of one party per sub-komponen row (J14, J15)."""
    field = f"jawaban_{pihak}"
    raw = _text(c.d[field]).str.strip()
    value = raw.map(lambda t: baku_jawaban(t, lke))
    filled = (raw != "").to_numpy()
    sub = (jenis == "subkomponen").to_numpy()
    c.report("J14", filled & sub & value.isna().to_numpy(), field,
             lambda r: f"jawaban ({_PIHAK[pihak]}) \"{_k(r[field])}\" tidak ada di skala; pakai salah "
             f"satu dari {', '.join(lke.jawaban)}")
    c.report("J15", filled & ~sub & (jenis != "").to_numpy(), field,
             f"jawaban ({_PIHAK[pihak]}) diberikan per sub-komponen (baris 1.a, 1.b, …), bukan pada baris ini")
    return value.where(sub, None).astype(object)


def _sesuai(c: Pemeriksa, kode: pd.Series, jawaban: pd.Series, met: pd.Series, pihak: str,
            lke: ParameterLKE) -> None:
    """J16: an answer that does not follow from the kriteria the same party marked met."""
    field = f"jawaban_{pihak}"
    counts = {}
    for sub, part in lke.kriteria.groupby("subkomponen", sort=False):
        marks = met[kode.isin(part["kode"])]
        counts[sub] = (int((marks == True).sum()), len(part), bool(marks.notna().any()))  # noqa: E712
    top = list(lke.jawaban)[:2]
    for i in np.flatnonzero(jawaban.notna().to_numpy()):
        got, (n_met, n, marked) = jawaban.iat[i], counts[kode.iat[i]]
        if not marked:
            continue
        want = saran(n_met, n, lke)
        if got == want or (got in top and want == list(lke.jawaban)[2]):
            continue
        persen = format_persen(100 * n_met / n, 0)
        c.p.peringatan("J16", c.l.nama, c.l.sel(field, int(c.d["_baris"].iat[i])),
                       f"jawaban {_PIHAK[pihak]} {got} untuk {kode.iat[i]} tidak sesuai dengan kriteria yang "
                       f"ditandai terpenuhi oleh {_PIHAK[pihak]}: {n_met} dari {n} ({persen}), yang menunjuk "
                       f"jawaban {want}; periksa jawaban atau tanda kriterianya")


def _tindak_lanjut(c: Pemeriksa, kode: pd.Series, jenis: pd.Series, unit: str, tahun: int, store: Store) -> None:
    """J22: follow-up rows name recommendations of this unit from earlier years."""
    rows = (jenis == "tindak_lanjut").to_numpy()
    if not rows.any():
        return
    held = store.current("lke_rekomendasi", unit_kode=unit)
    keys = set(zip(held["tahun"].astype(int), held["komponen"].astype(int), held["nomor"].astype(int)))
    for i in np.flatnonzero(rows):
        y, k, n = (int(g) for g in TINDAK_LANJUT.match(kode.iat[i].lower()).groups())
        if y < tahun and (y, k, n) in keys:
            continue
        why = (f"tahun {y} bukan tahun sebelum {tahun}" if y >= tahun else
               f"basis data tidak memuat rekomendasi {y} komponen {k} nomor {n} untuk unit {unit}")
        c.p.galat("J22", c.l.nama, c.l.sel("kode", int(c.d["_baris"].iat[i])),
                  f"baris tindak lanjut {kode.iat[i]}: {why}; buat ulang LKE dari 'kinerja template lke' agar "
                  "rekomendasi tahun lalu tertulis dengan benar")


def _rekomendasi(second: Lembar | None, ident: dict, p: Penampung) -> pd.DataFrame:
    """The evaluator's recommendations (J19–J21, V10)."""
    cols = ["unit_kode", "tahun", "komponen", "nomor", "teks", "sel"]
    if second is None or second.data.empty:
        return pd.DataFrame(columns=cols)
    c = Pemeriksa(second, p)
    d = second.data
    c.wajib()
    komponen = pd.to_numeric(_text(d["komponen"]).str.strip().where(lambda s: s.str.fullmatch(r"[1-4]"), None),
                             errors="coerce")
    c.report("J19", (komponen.isna() & (_text(d["komponen"]).str.strip() != "")).to_numpy(), "komponen",
             lambda r: f"komponen \"{_k(r['komponen'])}\" harus 1, 2, 3 atau 4")
    nomor = pd.to_numeric(_text(d["nomor"]).str.strip().where(lambda s: s.str.fullmatch(r"[1-9]\d{0,2}"), None),
                          errors="coerce")
    c.report("J20", (nomor.isna() & (_text(d["nomor"]).str.strip() != "")).to_numpy(), "nomor",
             lambda r: f"nomor \"{_k(r['nomor'])}\" harus bilangan bulat 1, 2, 3, …")
    key = komponen.astype("Int64").astype(str) + "." + nomor.astype("Int64").astype(str)
    dup = (key.duplicated(keep="first") & komponen.notna() & nomor.notna()).to_numpy()
    c.report("J21", dup, "nomor", lambda r: f"rekomendasi komponen {_k(r['komponen'])} nomor {_k(r['nomor'])} tertulis dua "
             "kali; beri nomor lain")
    return pd.DataFrame({"unit_kode": ident["unit"], "tahun": ident["tahun"], "komponen": komponen.astype("Int64"),
                         "nomor": nomor.astype("Int64"), "teks": _text(d["teks"]).str.strip(),
                         "sel": second.rujukan("teks")})[cols]


def _tahun_terima(main: Lembar, ident: dict, p: Penampung) -> None:
    """J07: an LKE of a year that had not begun when the file was received."""
    diterima = ident.get("diterima")
    if diterima is not None and ident["tahun"] > diterima.year:
        p.galat("J07", main.nama, "B5", f"tahun LKE {ident['tahun']} sesudah tahun berkas diterima "
                f"({diterima.year}); evaluasi menilai tahun yang sudah berjalan")


def _judul(main: Lembar, ident: dict, store: Store, p: Penampung) -> None:
    """J24, J25: the workbook was issued for the year and unit its identity block names."""
    from kinerja.formulir.tata_letak import TINGKAT

    found = re.search(r"TAHUN (\d{4})\s*$", ident.get("judul", ""))
    if found and int(found.group(1)) != ident["tahun"]:
        p.galat("J24", main.nama, "B5", f"tahun {ident['tahun']} berbeda dengan tahun di judul (A1: {found.group(1)}); "
                "LKE diterbitkan untuk satu tahun, buat ulang dari 'kinerja template lke'")
    sub = ident.get("subjudul", "").strip()
    units = store.current("unit")
    nama = units.loc[units["kode"] == ident["unit"], "nama"]
    if sub and sub.upper() != TINGKAT["perangkat_daerah"].upper() and not nama.empty \
            and sub.upper() != str(nama.iloc[0]).strip().upper():
        other = units.loc[(units["kode"] != ident["unit"]) & (units["nama"].astype(str).str.strip().str.upper()
                                                              == sub.upper()), "kode"]
        if not other.empty:  # the title names another unit: a workbook issued for it, sent with this code
            p.galat("J25", main.nama, "B4", f"kode unit {ident['unit']} ({nama.iloc[0]}) berbeda dengan unit di bawah "
                    f"judul (A2: {pendek(sub, 60)}, unit {other.iloc[0]}); lembar kerja ini diterbitkan untuk unit "
                    "lain, buat ulang dari 'kinerja template lke'")
        else:  # a name no unit has now: the Daftar Unit renamed the unit since the workbook was issued
            p.peringatan("J25", main.nama, "A2", f"nama unit di bawah judul ({pendek(sub, 60)}) berbeda dengan nama "
                         f"unit {ident['unit']} di Daftar Unit ({nama.iloc[0]}); lembar kerja dimuat untuk "
                         f"{ident['unit']} menurut B4")


# long: a linear outline of the checks, each one call; splitting it hides the order
def _lke(f, ident: dict, main: Lembar, second: Lembar | None, store: Store, p: Penampung) -> dict | None:
    lke = parameter_lke()
    c = Pemeriksa(main, p)
    _tahun_terima(main, ident, p)
    _judul(main, ident, store, p)
    kode, jenis = _baris(c, main, lke, p)
    met = {pihak: _terpenuhi(c, jenis, pihak) for pihak in _PIHAK}
    jawaban = {pihak: _jawaban(c, jenis, pihak, lke) for pihak in _PIHAK}
    catatan = _text(main.data["catatan"]).str.strip()
    top = list(lke.jawaban)[:2]
    for pihak in _PIHAK:
        _sesuai(c, kode, jawaban[pihak], met[pihak], pihak, lke)
        tinggi = jawaban[pihak].isin(top).to_numpy()
        c.report("J17", tinggi & (catatan == "").to_numpy(), "catatan",
                 lambda r, pihak=pihak: f"jawaban {_PIHAK[pihak]} {_k(r[f'jawaban_{pihak}']).upper()} "
                 "wajib disertai catatan: upaya yang melampaui mandat nasional dan buktinya")
    c.report("J18", jawaban["mandiri"].isin(top).to_numpy(), "jawaban_mandiri",
             lambda r: f"jawaban unit {_k(r['jawaban_mandiri']).upper()}: A dan AA hanya diberikan "
             "evaluator; penilaian mandiri paling tinggi BB", tingkat="peringatan")
    _tindak_lanjut(c, kode, jenis, ident["unit"], ident["tahun"], store)
    rekomendasi = _rekomendasi(second, ident, p)
    if p.ada_galat:
        return None
    keep = jenis.isin(["subkomponen", "kriteria", "tindak_lanjut"]).to_numpy()
    rows = pd.DataFrame({
        "unit_kode": ident["unit"], "tahun": ident["tahun"], "kode": kode,
        "jawaban_mandiri": jawaban["mandiri"], "jawaban_evaluator": jawaban["evaluator"],
        "terpenuhi_mandiri": met["mandiri"], "terpenuhi_evaluator": met["evaluator"],
        "catatan": catatan.where(catatan != "", None), "bukti": _text(main.data["bukti"]).str.strip(),
        "sel": main.rujukan("kode")})[keep]
    rows["bukti"] = rows["bukti"].where(rows["bukti"] != "", None)
    return {"lke": rows.reset_index(drop=True), "lke_rekomendasi": rekomendasi}
