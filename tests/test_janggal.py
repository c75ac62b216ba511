"""Monthly realisasi that cannot be right as written ("-0", a zero after months of data, a tenfold
jump): a warning at its cell on ingest (V73) and "perlu diverifikasi" in the documents, out of every
average. Issue #23: Dinas Pariwisata's June IKM typed "-0" gave capaian 0, "Sangat Rendah" and the last
rank without a word."""

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import TAHUN
from kinerja.analisis.dari_store.capaian import rata_capaian
from kinerja.core.janggal import realisasi_janggal
from kinerja.core.kewajaran import Kewajaran, periksa_kewajaran
from kinerja.formulir.ingest import muat_berkas


def _bulanan(unit, kode, agregasi, values):
    return pd.DataFrame({"unit_kode": unit, "indikator_kode": kode, "bulan": range(1, len(values) + 1),
                         "target": "80", "agregasi": agregasi, "realisasi": [str(v) for v in values],
                         "realisasi_nilai": pd.to_numeric(pd.Series(values).astype(str).str.replace(",", "."),
                                                          errors="coerce")})


@pytest.mark.parametrize("values, agregasi, expected", [
    (["80", "81", "82", "83", "84", "-0"], "akhir", ["nol bertanda minus", "0 padahal 5 bulan sebelumnya"]),
    (["80", "81", "82", "83", "84", "0"], "rata-rata", ["0 padahal 5 bulan sebelumnya terisi (terakhir 84)"]),
    (["80", "81", "8348"], "akhir", ["realisasi Maret 8.348 berubah sepuluh kali lipat"]),
    (["3", "0", "31"], "jumlah", []),  # counts: a month without cases, a busy month
    (["3", "-0"], "jumlah", ["nol bertanda minus"]),
    (["80", "0"], "akhir", []),  # one month before is not yet "months of data"
    (["0", "0", "0"], "akhir", []),
    (["80", None, "79"], "akhir", []),
])
def test_implausible_months_are_named(values, agregasi, expected):
    b = _bulanan("u", "i", agregasi, values)
    why = realisasi_janggal(b["indikator_kode"], b["bulan"], b["realisasi"], b["realisasi_nilai"], b["agregasi"])
    text = " | ".join(w for w in why if w)
    assert all(e in text for e in expected) and (bool(text) == bool(expected)), text
    assert (why.iloc[:-1] == "").all()  # only the odd (last) month is named


def test_a_minus_zero_is_verified_before_it_decides_a_mean():
    kum = pd.DataFrame({"unit_kode": ["dispar", "dispar"], "indikator_kode": ["ikm", "kunjungan"],
                        "capaian": [0.0, 96.0], "realisasi": [0.0, 96.0], "target_tahunan": ["85", "100"],
                        "target_tahunan_nilai": [85.0, 100.0], "agregasi": ["akhir", "akhir"]})
    bulanan = pd.concat([_bulanan("dispar", "ikm", "akhir", ["80", "81", "82", "83", "84", "-0"]),
                         _bulanan("dispar", "kunjungan", "akhir", ["90", "92", "93", "94", "95", "96"])])
    alasan, dihitung = periksa_kewajaran(kum, bulanan, pd.Series(dtype="float64"), TAHUN, 6, Kewajaran())
    assert alasan[0] == ['realisasi Juni tertulis "-0": nol bertanda minus; realisasi Juni 0 padahal 5 bulan '
                         'sebelumnya terisi (terakhir 84); periksa penulisan']
    assert alasan[1] == [] and dihitung.tolist() == [False, True]
    assert rata_capaian(kum.assign(dihitung=dihitung)) == 96.0  # was 48: the unit's mean halved by a typo


def test_ingest_warns_at_the_cell_of_a_minus_zero(sampel, store, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx")
    assert wb["CRAAPK"]["C23"].value == "Persentase balita stunting" and wb["CRAAPK"]["H24"].value == "19,46"
    wb["CRAAPK"]["H25"] = "-0"  # March, after 19,74 and 19,46
    path = tmp_path / "CRAAPK_minus_nol.xlsx"
    wb.save(path)
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "dimuat" and not hasil.galat
    v73 = [m for m in hasil.peringatan if m.kode == "V73"]
    assert [m.sel for m in v73] == ["H25"]
    assert "realisasi Maret tertulis \"-0\": nol bertanda minus" in v73[0].pesan and "periksa penulisan" in v73[0].pesan
