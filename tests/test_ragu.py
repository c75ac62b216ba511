"""A value that cannot be right travels with its flag (``ragu``) from the measurement into every
table that prints it (one mark, one note) and every sentence (it must be verified, never judged);
the early warning does not project it, says when a miss is already certain, names the kabupaten and
counts what its list leaves out with one sentence. Issue #23: Dinas Pariwisata's June IKM typed
"8418" was called above target (capaian 1.851 %), printed unmarked in LKjIP Tabel 6, Triwulanan
Tabel 2 and the Evaluasi Renja, and listed by the early warning."""

import re
import shutil

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

import kinerja
from conftest import TAHUN
from kinerja.analisis import dari_store as analisis
from kinerja.analisis.proyeksi import PASTI, daftar_berisiko, proyeksi, proyeksi_tabel
from kinerja.core.kosakata import CATATAN_VERIFIKASI, TANDA_VERIFIKASI
from kinerja.dokumen.bagian import tabel_peringatan_dini
from kinerja.dokumen.narasi import kalimat_peringatan_lainnya
from kinerja.formulir.ingest import muat_berkas
from kinerja.store.store import Store

IMUNISASI = "Cakupan imunisasi dasar lengkap"
TANDA = f" {TANDA_VERIFIKASI}"
# Words that judge a value: a flagged one is never met, missed, better, worse or within a standard.
MENILAI = re.compile(r"\b(?:tercapai|telah mencapai|membaik|memburuk|memenuhi|melampaui|Sangat)\b")


@pytest.fixture(scope="module")
def ragu(sampel, dasar, tmp_path_factory):
    """The small store with Dinas Kesehatan's March immunisation typed ten times too large
    ("2630/292" for 263/292): positive polarity, so unflagged it reads as a target met."""
    folder = tmp_path_factory.mktemp("ragu")
    shutil.copy(dasar, folder / "k.sqlite")
    store = Store(f"sqlite:///{folder / 'k.sqlite'}")
    wb = load_workbook(sampel / "dinkes" / f"CRAAPK_{TAHUN}-03.xlsx")
    ws = wb["CRAAPK"]
    assert ws["C35"].value == IMUNISASI and ws["F37"].value == "MARET" and "/" in ws["H37"].value
    pembilang, penyebut = ws["H37"].value.split("/")
    ws["H37"] = f"{int(pembilang) * 10}/{penyebut}"
    wb.save(folder / "CRAAPK_ragu.xlsx")
    assert muat_berkas(folder / "CRAAPK_ragu.xlsx", store, folder / "arsip").status == "dimuat"
    return store


def _kalimat_imunisasi(sentences) -> list[str]:
    return [s for s in sentences if IMUNISASI in s]


def test_the_flag_travels_with_every_measurement_and_out_of_every_average(ragu):
    kum = analisis.capaian_kumulatif(ragu, "dinkes", TAHUN, 3)
    flagged = kum.set_index("indikator")["ragu"]
    assert flagged[IMUNISASI] and not flagged.drop(IMUNISASI).any()
    assert analisis.rata_capaian(kum) == analisis.rata_capaian(kum[~kum["ragu"]])  # out of the unit's capaian
    quarter = analisis.per_triwulan(analisis.tabel_bulanan(ragu, "dinkes", TAHUN), 1, TAHUN).set_index("indikator")
    assert quarter.loc[IMUNISASI, "ragu"] and not quarter.drop(IMUNISASI)["ragu"].any()
    months = analisis.capaian_bulanan(ragu, "dinkes", TAHUN)
    odd = months[months["ragu"]]
    assert odd[["indikator", "bulan"]].values.tolist() == [[IMUNISASI, 3]] and odd["predikat"].isna().all()
    ringkasan = analisis.ringkasan_unit(ragu, TAHUN, 3).set_index("unit_kode")
    assert ringkasan.loc["dinkes", "perlu_verifikasi"] == 1  # the ranking's data-quality score counts it


def _bertanda(tabel, kolom: str, baris: int) -> bool:
    isi = tabel.isi()
    return isi["baris"][baris][isi["kolom"].index(kolom)].endswith(TANDA) and CATATAN_VERIFIKASI in isi["catatan"]


def test_every_lkjip_table_marks_the_value_and_no_sentence_judges_it(ragu):
    lap = kinerja.lkjip(ragu, "dinkes", TAHUN)
    row = lap.kumulatif["indikator"].tolist().index(IMUNISASI)
    assert _bertanda(lap.tabel_pengukuran(), "Realisasi", row) and _bertanda(lap.tabel_pengukuran(), "Capaian (%)", row)
    sasaran = next(a for a in lap.sasaran if IMUNISASI in a.tabel["Indikator"].tolist())
    per_tahun = lap.tabel_sasaran(sasaran)
    assert _bertanda(per_tahun, per_tahun.isi()["kolom"][-1], sasaran.tabel["Indikator"].tolist().index(IMUNISASI))
    lampiran = lap.tabel_bulanan()
    i = lampiran.data["Indikator Kinerja"].tolist().index(IMUNISASI)
    assert _bertanda(lampiran, "Mar", i) and not lampiran.isi()["baris"][i][lampiran.isi()["kolom"].index("Feb")].endswith(TANDA)
    html = lap.tabel_pengukuran().html()
    assert CATATAN_VERIFIKASI.removeprefix(TANDA_VERIFIKASI) in html
    said = _kalimat_imunisasi([s for a in lap.sasaran for part in a.kalimat.values() for s in part])
    assert said and not [s for s in said if MENILAI.search(s)], said
    assert any("perlu diverifikasi" in s for s in said) and any("belum dinilai" in s for s in said)


def test_the_quarterly_report_and_the_craapk_mark_it_and_do_not_judge_it(ragu):
    tw = kinerja.triwulanan(ragu, "dinkes", TAHUN, 3)
    tabel = tw.tabel_triwulan()
    row = tabel.data["Indikator Kinerja"].tolist().index(IMUNISASI)
    assert _bertanda(tabel, "Realisasi TW I", row) and _bertanda(tabel, "Capaian (%) TW I", row)
    assert not tabel.isi()["baris"][row][tabel.isi()["kolom"].index("Target TW I")].endswith(TANDA)
    said = _kalimat_imunisasi(tw.masalah)
    assert said and not [s for s in said if MENILAI.search(s)], said
    lap = kinerja.craapk(ragu, "dinkes", TAHUN, 3)
    bulanan = lap.tabel_kinerja()
    march = [i for i, r in enumerate(bulanan.isi()["baris"]) if r[bulanan.isi()["kolom"].index("Bulan")] == "Maret"]
    marked = [i for i in march if _bertanda(bulanan, "Realisasi", i)]
    assert len(marked) == 1 and _bertanda(bulanan, "Capaian (%)", marked[0])
    said = _kalimat_imunisasi(lap.narasi)
    assert said and not [s for s in said if MENILAI.search(s)], said


def test_the_evaluasi_renja_marks_it_in_its_tables_and_its_workbook(ragu, tmp_path):
    ev = kinerja.evaluasi_renja(ragu, "dinkes", TAHUN, 3)
    tabel = ev.tabel_formulir()
    head = ev.kolom
    row = tabel.data[(head[4], "")].tolist().index(IMUNISASI)
    isi, kolom = tabel.isi(), list(tabel.data.columns)
    for n in (9, 13, 14, 15):
        assert isi["baris"][row][kolom.index((head[n], "K"))].endswith(TANDA), n
    assert CATATAN_VERIFIKASI in isi["catatan"]
    assert not isi["baris"][row][kolom.index((head[8], "K"))].endswith(TANDA)
    ws = load_workbook(ev.simpan(tmp_path)[0]).active
    cells = {c.coordinate: c for r in ws.iter_rows() for c in r if c.value is not None}
    marked = [c for c in cells.values() if TANDA_VERIFIKASI in str(c.number_format)]
    assert marked and all(isinstance(c.value, (int, float)) for c in marked)  # still a number to compute with
    assert any(c.value == CATATAN_VERIFIKASI for c in cells.values())


def test_the_early_warning_does_not_project_a_value_to_verify(ragu):
    p = proyeksi(ragu, "dinkes", TAHUN, 3).set_index("indikator")
    assert p.loc[IMUNISASI, "status"] == "tidak diproyeksikan" and p.loc[IMUNISASI, "ragu"]
    assert pd.isna(p.loc[IMUNISASI, "capaian_proyeksi"]) and "perlu diverifikasi" in p.loc[IMUNISASI, "catatan"]


def _bulanan(real, target=10.0, agregasi="jumlah", polaritas="positif", tahunan=120.0, kode="i"):
    real = list(real) + [np.nan] * (12 - len(real))
    return pd.DataFrame({"unit_kode": "u", "indikator_kode": kode, "indikator": kode.upper(), "satuan": "x",
                         "polaritas": polaritas, "agregasi": agregasi, "target_tahunan_nilai": tahunan,
                         "bulan": range(1, 13), "target_nilai": target, "realisasi_nilai": real})


@pytest.mark.parametrize("bulanan, pasti", [
    (_bulanan([8.0, 14.0, 9.0], agregasi="maks", polaritas="negatif", target=np.nan, tahunan=10.0), True),
    (_bulanan([8.0, 9.0, 9.5], agregasi="maks", polaritas="negatif", target=np.nan, tahunan=10.0), False),
    (_bulanan([60.0, 36.0, 58.0], agregasi="min", polaritas="positif", target=np.nan, tahunan=56.0), True),
    (_bulanan([3.0, 4.0, 3.0], polaritas="negatif", target=np.nan, tahunan=8.0), True),  # 10 cases, at most 8
    (_bulanan([7.0, 8.0, 7.0]), True),  # 22 + 9 × max(8, plan 10) = 112 < 120 even at the best month
    (_bulanan([7.0, 12.0, 7.0]), False),  # 26 + 9 × 12 = 134: still reachable
    (_bulanan([70.0, 72.0, 74.0], agregasi="akhir", target=[80.0, 80.0, 80.0] + [np.nan] * 9, tahunan=80.0), True),
    (_bulanan([70.0, 72.0, 74.0], agregasi="akhir", target=80.0, tahunan=80.0), False),
])
def test_a_miss_already_certain_is_said_so_not_projected(bulanan, pasti):
    r = proyeksi_tabel(bulanan, 3).iloc[0]
    assert (r["status"] == PASTI) == pasti, r["catatan"]
    if pasti:
        assert "diproyeksikan" not in r["catatan"] and r["catatan"]


def test_one_sentence_counts_what_the_list_leaves_out():
    b = pd.concat([_bulanan([7.0] * 3, kode="jauh"), _bulanan([9.9] * 3, kode="hampir"),
                   _bulanan([7.0, 12.0, 7.0], kode="pita")])
    risky = daftar_berisiko(proyeksi_tabel(b, 3))
    assert risky["indikator_kode"].tolist() == ["jauh"] and risky.attrs["lainnya"] == 2
    sentence = kalimat_peringatan_lainnya(1, 2, risky.attrs["batas_capaian"])
    assert sentence.startswith("Daftar peringatan dini memuat 1 indikator, dan 2 indikator lain")
    tabel = tabel_peringatan_dini(risky, "Peringatan dini")
    assert tabel.isi()["catatan"] == [sentence + "."]
    isi = tabel.isi()  # a miss already certain says why beside it
    assert isi["baris"][0][isi["kolom"].index("Status")] == PASTI
    assert isi["baris"][0][isi["kolom"].index("Keterangan")].startswith("target setahun (120 x) tidak terjangkau lagi")
