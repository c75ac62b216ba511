"""The checks of the Daftar Unit."""

from __future__ import annotations

import pandas as pd

from kinerja.formulir.tata_letak import DAFTAR
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _show, _text


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
