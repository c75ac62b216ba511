"""The checks of the PROFIL formulir (Bab I of the LKjIP)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.formatting import format_angka
from kinerja.formulir.tata_letak import DAFTAR, Formulir
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.pemeriksa import Pemeriksa, _blank, _show, _text
from kinerja.store.store import Store


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
