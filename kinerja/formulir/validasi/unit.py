"""The checks of the Daftar Unit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.kode_unit import masalah_kode_unit
from kinerja.formulir.tata_letak import DAFTAR, TINGKAT
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _show, _text

# The one level each level hangs under (Kabupaten → Perangkat Daerah → Pejabat Administrator/
# Pengawas, Peraturan Bupati Buleleng Nomor 59 Tahun 2023); the kabupaten hangs under nothing.
INDUK_JENIS = {"kabupaten": None, "perangkat_daerah": "kabupaten", "pejabat": "perangkat_daerah"}


def _unit(main: Lembar, p: Penampung, units: pd.Series) -> dict | None:
    c = Pemeriksa(main, p)
    d = main.data
    c.wajib()
    kode = _text(d["kode"])
    wrong = kode.map(lambda k: masalah_kode_unit(k) if k else None)
    for rule in ("V17", "V75"):
        c.report(rule, wrong.map(lambda m, rule=rule: m is not None and m[0] == rule).to_numpy(dtype=bool), "kode",
                 lambda r: wrong[r.name][1])
    c.report("V16", (kode.duplicated(keep=False) & (kode != "")).to_numpy(), "kode",
             lambda r: f"kode unit \"{_show(r['kode'])}\" muncul lebih dari sekali")
    jenis = _text(d["jenis"]).str.lower()
    c.report("V18", (~jenis.isin(DAFTAR["jenis_unit"]) & (jenis != "")).to_numpy(), "jenis",
             lambda r: f"jenis \"{_show(r['jenis'])}\" tidak dikenal; pilih {', '.join(DAFTAR['jenis_unit'])}")
    induk = _text(d["induk"])
    all_codes = set(kode) | (set(units["kode"]) if not units.empty else set())
    c.report("V19", ((induk != "") & ~induk.isin(all_codes)).to_numpy(), "induk",
             lambda r: f"kode induk \"{_show(r['induk'])}\" tidak ada di daftar unit")
    _jenjang(c, kode, jenis, induk, units)
    n_kab = int((jenis == "kabupaten").sum())
    if n_kab != 1:
        p.galat("V20", main.nama, "", f"daftar unit harus memuat tepat satu unit berjenis kabupaten, ditemukan {n_kab}")
    return {"unit": pd.DataFrame({"kode": kode, "nama": _text(d["nama"]), "jenis": jenis,
                                  "induk": induk.replace("", None), "jabatan": _text(d["jabatan"]).replace("", None),
                                  "nama_pimpinan": _text(d["nama_pimpinan"]).replace("", None),
                                  "nip_pimpinan": _text(d["nip_pimpinan"]).replace("", None)})}


def _jenjang(c: Pemeriksa, kode: pd.Series, jenis: pd.Series, induk: pd.Series, units: pd.DataFrame) -> None:
    """V74: every unit hangs exactly one level below its induk; the kabupaten under none. The
    induk's level is read from this list, else from the units already in the store."""
    known = units.set_index("kode")["jenis"] if not units.empty else pd.Series(dtype=object)
    level = pd.concat([known[~known.index.isin(set(kode))], pd.Series(jenis.to_numpy(), index=kode.to_numpy())])
    level = level[~level.index.duplicated(keep="first")]
    want = jenis.map(INDUK_JENIS)
    got = induk.map(level)
    rated = jenis.isin(list(INDUK_JENIS)).to_numpy()
    top = rated & want.isna().to_numpy() & (induk != "").to_numpy()
    c.report("V74", top, "induk", lambda r: f"unit berjenis kabupaten tidak berinduk; kosongkan kode induk "
             f"\"{_show(r['induk'])}\"")
    missing = rated & want.notna().to_numpy() & (induk == "").to_numpy()
    c.report("V74", missing, "induk", lambda r: f"{TINGKAT[jenis[r.name]]} harus berinduk pada "
             f"{TINGKAT[INDUK_JENIS[jenis[r.name]]]}; isi kode induk")
    other = rated & want.notna().to_numpy() & got.notna().to_numpy() & (got != want).to_numpy()
    other &= np.asarray(got.isin(list(INDUK_JENIS)), dtype=bool)  # an unknown jenis of the induk is V18's
    c.report("V74", other, "induk", lambda r: f"induk \"{_show(r['induk'])}\" adalah {TINGKAT[got[r.name]]}, "
             f"sedangkan {TINGKAT[jenis[r.name]]} berinduk pada {TINGKAT[INDUK_JENIS[jenis[r.name]]]} (satu tingkat "
             "di atasnya)")
