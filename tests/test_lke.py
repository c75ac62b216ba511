"""Evaluasi AKIP (Peraturan Menteri PANRB Nomor 88 Tahun 2021): the parameter files, the
scoring rule, the suggestion, "what it takes", the answer reader and ``kinerja lke nilai``.

Fast: no sample store. The expected criteria are literals here (count, codes, a hash of the
texts), copied once from the regulation's lampiran; the test reads no reference file.
"""

import hashlib
import re
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kinerja.cli import main
from kinerja.core.errors import KinerjaError
from kinerja.core.lke import baku_jawaban, nilai_lke, predikat_lke, tabel_lke
from kinerja.core.lke_parameter import muat_lke
from kinerja.core.lke_saran import peningkatan_predikat, saran, saran_jawaban
from kinerja.core.sumber import folder_paket
from kinerja.evaluasi.jawaban import baca_jawaban

LKE = muat_lke()
KODE = ["1.a", "1.b", "1.c", "2.a", "2.b", "2.c", "3.a", "3.b", "3.c", "4.a", "4.b", "4.c"]
SKALA = ["AA", "A", "BB", "B", "CC", "C", "D", "E"]
PARAM = folder_paket("parameters")
# English words pydantic would put in a message; none may reach the user.
ENGLISH = re.compile(r"\b(Input|should|valid|required|Field|permitted|Extra|expected|found|while)\b")

# The worked example (its arithmetic is written out in test_worked_example).
CONTOH = {"1.a": "BB", "1.b": "B", "1.c": "BB", "2.a": "A", "2.b": "B", "2.c": "CC",
          "3.a": "BB", "3.b": "B", "3.c": "CC", "4.a": "BB", "4.b": "B", "4.c": "C"}


def semua(jawaban):
    return dict.fromkeys(KODE, jawaban)


# --- the parameter files ----------------------------------------------------------------------

def test_kriteria_are_the_regulations_80_keyed_by_code():
    k = LKE.kriteria
    assert len(k) == 80 and k["kode"].is_unique
    assert k.groupby("subkomponen", sort=False).size().to_dict() == {
        "1.a": 6, "1.b": 11, "1.c": 8, "2.a": 3, "2.b": 7, "2.c": 10, "3.a": 6, "3.b": 9, "3.c": 7,
        "4.a": 3, "4.b": 5, "4.c": 5}
    assert k["jenis"].value_counts().to_dict() == {"kualitas": 32, "pemanfaatan": 30, "keberadaan": 18}
    # sha256 of the 80 texts in code order, joined by newlines, as the lampiran writes them
    texts = "\n".join(k["uraian"]).encode("utf-8")
    assert hashlib.sha256(texts).hexdigest() == "3b09c2817718d2c1b1eb8002537b19bce0df5af5ef4082973a54e99f8bc7ae84"
    by_code = k.set_index("kode")["uraian"]
    assert by_code["1.a.1"] == "Terdapat pedoman teknis perencanaan kinerja."
    assert by_code["1.b.6"] == "Ukuran Keberhasilan (Indikator Kinerja) telah memenuhi kriteria SMART."
    assert by_code["4.c.5"] == ("Telah terjadi perbaikan dan peningkatan kinerja dengan memanfaatkan hasil evaluasi "
                                "akuntabilitas kinerja internal.")
    # two kriteria have the same text: the key is the code
    assert by_code["4.a.2"] == by_code["4.b.4"] == ("Evaluasi Akuntabilitas Kinerja Internal telah dilaksanakan pada "
                                                    "seluruh unit kerja/perangkat daerah.")
    assert k["uraian"].nunique() == 79


def test_weights_add_up():
    kom = LKE.komponen.set_index("kode")["bobot"].to_dict()
    assert kom == {"1": 30, "2": 30, "3": 15, "4": 25} and sum(kom.values()) == 100
    sub = LKE.subkomponen.set_index("kode")["bobot"].to_dict()
    assert sub == {"1.a": 6, "1.b": 9, "1.c": 15, "2.a": 6, "2.b": 9, "2.c": 15, "3.a": 3, "3.b": Decimal("4.5"),
                   "3.c": Decimal("7.5"), "4.a": 5, "4.b": Decimal("7.5"), "4.c": Decimal("12.5")}
    for k, total in kom.items():
        assert sum(b for s, b in sub.items() if s.startswith(f"{k}.")) == total
    assert list(LKE.subkomponen["jenis"]) == ["keberadaan", "kualitas", "pemanfaatan"] * 4
    assert LKE.jawaban == {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}
    assert [label for label in LKE.arti] == [k.label for k in LKE.skala.kelas] == ["AA", "A", "BB", "B", "CC", "C", "D"]


@pytest.fixture
def salinan(tmp_path):
    folder = tmp_path / "lke"
    shutil.copytree(PARAM / "lke", folder)
    return folder


def ubah(folder: Path, nama: str, lama: str, baru: str) -> None:
    path = folder / nama
    text = path.read_text(encoding="utf-8")
    assert lama in text, lama
    path.write_text(text.replace(lama, baru, 1), encoding="utf-8")


@pytest.mark.parametrize("nama, lama, baru, pesan", [
    ("kriteria.yaml", "bobot: 6\n", "bobot: 7\n",
     "kriteria.yaml: komponen.1.bobot: jumlah bobot sub-komponen (7 + 9 + 15 = 31) harus sama dengan bobot "
     "komponen (30)"),
    ("kriteria.yaml", "bobot: 30\n", "bobot: 31\n", None),  # komponen 1 then disagrees with its sub-komponen
    ("kriteria.yaml", "jenis: keberadaan", "jenis: ada", "kriteria.yaml: komponen.1.subkomponen.1.a.jenis: jenis "
     "tidak dikenal ('ada'); pakai keberadaan, kualitas, pemanfaatan"),
    ("kriteria.yaml", "      1.b:", "      2.b:",
     "kode sub-komponen komponen 1 harus 1.<huruf> (mis. 1.a), bukan '2.b'"),
    ("kriteria.yaml", "1.a.2:", "1.a.7:", "kode kriteria harus berurutan 1.a.1, 1.a.2, …"),
    ("kriteria.yaml", "bobot: 6\n", "bobot: enam\n", "komponen.1.subkomponen.1.a.bobot harus angka, bukan 'enam'"),
    ("kriteria.yaml", "bobot: 6\n", "bobot: 6\n        bobott: 6\n", "kunci 'komponen.1.subkomponen.1.a.bobott' tidak "
     "dikenal; yang boleh: nama, jenis, bobot, kriteria"),
    ("skala.yaml", "CC: 60", "CC: 75", "skala.yaml: jawaban.CC: nilai jawaban harus menurun dari yang tertinggi "
     "(CC 75 tidak di bawah B 70)"),
    ("skala.yaml", "A: 90", "A: 120", "skala.yaml: jawaban.A harus angka ≤ 100, bukan 120"),
    ("skala.yaml", "paling_banyak: 50", "paling_banyak: 20", "saran[3]: batas harus naik dari butir ke butir "
     "(20 tidak di atas 25)"),
    ("skala.yaml", "jawaban: CC\n", "jawaban: F\n", "saran[4].jawaban: jawaban 'F' tidak ada di daftar jawaban"),
    ("skala.yaml", "  - jawaban: BB\n", "  - jawaban: BB\n    paling_banyak: 100\n",
     "saran[6].paling_banyak: butir terakhir menampung sisanya dan tidak boleh punya batas"),
    ("skala.yaml", "    D: Sangat Kurang\n", "", "skala.yaml: predikat.arti harus memberi arti setiap predikat skala "
     "'lke-akip', berurutan dari atas (AA, A, BB, B, CC, C, D)"),
])
def test_a_wrong_parameter_file_is_refused_with_its_key(salinan, nama, lama, baru, pesan):
    ubah(salinan, nama, lama, baru)
    with pytest.raises(KinerjaError) as err:
        muat_lke(salinan)
    assert pesan is None or pesan in str(err.value), str(err.value)
    assert str(err.value).startswith(nama) or "predikat.arti" in str(err.value)
    assert not ENGLISH.search(str(err.value)), str(err.value)


def test_weights_that_do_not_reach_100_are_refused(salinan):
    ubah(salinan, "kriteria.yaml", "bobot: 30\n", "bobot: 31\n")
    ubah(salinan, "kriteria.yaml", "bobot: 6\n", "bobot: 7\n")
    with pytest.raises(KinerjaError, match=r"kriteria\.yaml: komponen: jumlah bobot komponen \(31 \+ 30 \+ 15 \+ 25 = "
                       r"101\) harus 100"):
        muat_lke(salinan)


# --- the rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize("nilai, predikat", [
    ("100", "AA"), ("90.01", "AA"), ("90.00", "A"), ("80.01", "A"), ("80", "BB"), ("70.01", "BB"), ("70", "B"),
    ("60.01", "B"), ("60.00", "CC"), ("50.01", "CC"), ("50", "C"), ("30.01", "C"), ("30.00", "D"), ("0", "D"),
])
def test_predikat_bands_are_strict_lower_bounds(nilai, predikat):
    assert predikat_lke(Decimal(nilai), LKE) == predikat


@pytest.mark.parametrize("jawaban, nilai, predikat", [
    ("AA", "100", "AA (Sangat Memuaskan)"), ("A", "90", "A (Memuaskan)"), ("CC", "60", "CC (Cukup (Memadai))"),
    ("D", "30", "D (Sangat Kurang)"), ("E", "0", "D (Sangat Kurang)"),
])
def test_uniform_answers_hit_the_bounds_exactly(jawaban, nilai, predikat):
    hasil = nilai_lke(semua(jawaban), LKE)
    assert hasil.nilai == Decimal(nilai) and hasil.label == predikat
    assert tabel_lke(hasil).iloc[-1]["keterangan"] == predikat


def test_all_aa_and_all_e_as_printed(tmp_path, capsys):
    for jawaban, teks in (("AA", "Nilai AKIP 100,00, predikat AA (Sangat Memuaskan)"),
                          ("e", "Nilai AKIP 0,00, predikat D (Sangat Kurang)")):
        path = tmp_path / f"{jawaban}.csv"
        path.write_text("kode,jawaban\n" + "".join(f"{k},{jawaban}\n" for k in KODE), encoding="utf-8")
        assert main(["lke", "nilai", str(path)]) == 0
        assert teks in capsys.readouterr().out


def test_worked_example():
    # nilai sub-komponen = bobot × nilai jawaban ÷ 100:
    # 1.a 6 × 80 = 4,80   1.b 9 × 70 = 6,30    1.c 15 × 80 = 12,00   → komponen 1 = 23,10
    # 2.a 6 × 90 = 5,40   2.b 9 × 70 = 6,30    2.c 15 × 60 = 9,00    → komponen 2 = 20,70
    # 3.a 3 × 80 = 2,40   3.b 4,5 × 70 = 3,15  3.c 7,5 × 60 = 4,50   → komponen 3 = 10,05
    # 4.a 5 × 80 = 4,00   4.b 7,5 × 70 = 5,25  4.c 12,5 × 50 = 6,25  → komponen 4 = 15,50
    # Nilai AKIP = 23,10 + 20,70 + 10,05 + 15,50 = 69,35: > 60 and not > 70, predikat B (Baik)
    hasil = nilai_lke(CONTOH, LKE)
    assert dict(zip(hasil.subkomponen["kode"], hasil.subkomponen["nilai"])) == {
        "1.a": Decimal("4.80"), "1.b": Decimal("6.30"), "1.c": Decimal("12.00"), "2.a": Decimal("5.40"),
        "2.b": Decimal("6.30"), "2.c": Decimal("9.00"), "3.a": Decimal("2.40"), "3.b": Decimal("3.15"),
        "3.c": Decimal("4.50"), "4.a": Decimal("4.00"), "4.b": Decimal("5.25"), "4.c": Decimal("6.25")}
    assert list(hasil.komponen["nilai"]) == [Decimal("23.10"), Decimal("20.70"), Decimal("10.05"), Decimal("15.50")]
    assert hasil.nilai == Decimal("69.35") and hasil.predikat == "B" and hasil.label == "B (Baik)"


def test_a_missing_answer_is_belum_lengkap_never_zero(tmp_path, capsys):
    jawaban = {**CONTOH, "2.b": None}
    del jawaban["3.c"]
    hasil = nilai_lke(jawaban, LKE)
    assert hasil.nilai is None and hasil.predikat is None and hasil.label == "belum lengkap"
    assert hasil.kurang == ("2.b", "3.c")
    assert list(hasil.komponen["nilai"]) == [Decimal("23.10"), None, None, Decimal("15.50")]
    assert list(hasil.komponen["kurang"]) == [(), ("2.b",), ("3.c",), ()]
    tabel = tabel_lke(hasil).set_index("kode")
    assert tabel.loc["2", "keterangan"] == "belum lengkap: 2.b belum dijawab"
    assert tabel.loc["2.b", "keterangan"] == "belum dijawab"
    with pytest.raises(KinerjaError, match="belum lengkap"):
        peningkatan_predikat(jawaban, LKE)
    path = tmp_path / "kurang.csv"
    path.write_text("kode;jawaban\n" + "".join(f"{k};{'' if k == '2.b' else v}\n" for k, v in CONTOH.items()
                                               if k != "3.c"), encoding="utf-8")
    assert main(["lke", "nilai", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Nilai AKIP belum lengkap: 2.b, 3.c belum dijawab; predikat belum dapat ditentukan" in out
    assert "Komponen Pengukuran Kinerja (belum lengkap: 2.b belum dijawab)" in out
    assert "2.b      9,00  –                   –  " in out and not re.search(r"(?<![\d,])0,00", out)


def test_an_unknown_code_or_answer_is_refused_by_the_rule():
    assert baku_jawaban("  cc ", LKE) == "CC" and baku_jawaban("C C", LKE) is None and baku_jawaban(70, LKE) is None
    with pytest.raises(KinerjaError, match="sub-komponen '5.a' tidak dikenal"):
        nilai_lke({"5.a": "A"}, LKE)
    with pytest.raises(KinerjaError, match="sub-komponen 1.a: jawaban 'F' tidak ada di skala"):
        nilai_lke({"1.a": "F"}, LKE)


# --- suggestion and "what it takes" -----------------------------------------------------------

@pytest.mark.parametrize("terpenuhi, jumlah, jawaban", [
    (0, 4, "E"), (1, 400, "D"), (1, 4, "D"), (100, 400, "D"), (101, 400, "C"), (2, 4, "C"), (200, 400, "C"),
    (201, 400, "CC"), (3, 4, "CC"), (300, 400, "CC"), (301, 400, "B"), (399, 400, "B"), (4, 4, "BB"), (1, 1, "BB"),
    (2, 8, "D"), (3, 8, "C"), (1, 3, "C"), (2, 3, "CC"),
])
def test_suggestion_thresholds_at_their_edges(terpenuhi, jumlah, jawaban):
    assert saran(terpenuhi, jumlah, LKE) == jawaban


def test_suggestion_per_subkomponen_from_kriteria_met():
    met = [f"1.b.{n}" for n in range(1, 12)] + ["1.c.1", "1.c.2", "2.a.1", "2.a.2"] + ["4.b.4", "4.b.4"]
    t = saran_jawaban(met, LKE).set_index("kode")
    assert t.loc["1.b", ["kriteria", "terpenuhi", "saran"]].tolist() == [11, 11, "BB"]
    assert t.loc["1.c", ["terpenuhi", "persen", "saran"]].tolist() == [2, Decimal(25), "D"]  # exactly 25 %: D
    assert t.loc["2.a", ["terpenuhi", "saran"]].tolist() == [2, "CC"]  # 66,67 %
    assert t.loc["4.b", ["terpenuhi", "saran"]].tolist() == [1, "D"]  # 4.b.4, not 4.a.2 (same text)
    assert t.loc["4.a", "saran"] == "E"
    assert not set(t["saran"]) & {"A", "AA"}
    with pytest.raises(KinerjaError, match="kriteria tidak dikenal: '1.a.9'"):
        saran_jawaban(["1.a.9"], LKE)


def test_what_it_takes_one_step_with_a_tie():
    # 69,35 (B) needs more than 70: at least +0,65. One sub-komponen one step up: the smallest
    # increases that are enough are 3.c CC→B (7,5 × 10 % = 0,75) and 4.b B→BB (7,5 × 10 % = 0,75);
    # 1.a BB→A and 2.a A→AA give 0,60, too little. Tie on (1 changed, 1 step, +0,75): 3.c is
    # earlier in the LKE than 4.b.
    p = peningkatan_predikat(CONTOH, LKE)
    assert p.langkah[["kode", "dari", "ke", "langkah", "tambahan"]].values.tolist() == [
        ["3.c", "CC", "B", 1, Decimal("0.75")]]
    assert (p.nilai_awal, p.predikat_awal, p.nilai, p.predikat) == (Decimal("69.35"), "B", Decimal("70.10"), "BB")


def test_what_it_takes_two_subkomponen():
    # All CC, 3.a B: 60,30 (B); BB needs more than 70, i.e. more than +9,70. One sub-komponen is
    # not enough (the most, 1.c or 2.c CC→AA, is 15 × 40 % = 6,00), so two. Fewest steps: per step
    # 1.c and 2.c give 1,50, 4.c 1,25, the rest less; six steps give at most 9,00, seven give
    # 1.c+2.c 10,50 or 1.c/2.c 4 steps (6,00) + 4.c 3 steps (3,75) = 9,75, the smallest increase
    # above 9,70. Tie between 1.c and 2.c: 1.c is earlier. 60,30 + 9,75 = 70,05, BB.
    jawaban = {**semua("CC"), "3.a": "B"}
    p = peningkatan_predikat(jawaban, LKE)
    assert p.langkah[["kode", "dari", "ke", "langkah", "tambahan"]].values.tolist() == [
        ["1.c", "CC", "AA", 4, Decimal("6.00")], ["4.c", "CC", "A", 3, Decimal("3.75")]]
    assert (p.nilai_awal, p.nilai, p.predikat) == (Decimal("60.30"), Decimal("70.05"), "BB")
    # within BB alone (what kriteria can show) it takes three: 1.c, 2.c, 4.c each CC→BB (3,00+3,00+2,50)
    # gives only 8,50, so four are needed
    within = peningkatan_predikat(jawaban, LKE, tertinggi="BB")
    assert len(within.langkah) == 4 and set(within.langkah["ke"]) == {"BB"} and within.predikat == "BB"


def test_what_it_takes_at_the_top_and_out_of_reach():
    assert peningkatan_predikat(semua("AA"), LKE) is None
    assert peningkatan_predikat(semua("B"), LKE, tertinggi="B") is None
    with pytest.raises(KinerjaError, match="jawaban tertinggi 'Z' tidak ada di skala"):
        peningkatan_predikat(semua("B"), LKE, tertinggi="Z")


# --- properties -------------------------------------------------------------------------------

BOBOT = {"1.a": 6, "1.b": 9, "1.c": 15, "2.a": 6, "2.b": 9, "2.c": 15, "3.a": 3, "3.b": Fraction(9, 2),
         "3.c": Fraction(15, 2), "4.a": 5, "4.b": Fraction(15, 2), "4.c": Fraction(25, 2)}
NILAI = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}
RANK = ["AA", "A", "BB", "B", "CC", "C", "D"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SKALA), min_size=12, max_size=12))
def test_total_is_exactly_the_weighted_sum(answers):
    hasil = nilai_lke(dict(zip(KODE, answers)), LKE)
    expected = sum(BOBOT[k] * NILAI[a] / Fraction(100) for k, a in zip(KODE, answers))
    assert Fraction(hasil.nilai) == expected
    assert sum(hasil.komponen["nilai"]) == hasil.nilai


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=2), st.decimals(min_value=0, max_value=100, places=2))
def test_predikat_is_monotone_in_the_total(a, b):
    low, high = sorted((a, b))
    assert RANK.index(predikat_lke(low, LKE)) >= RANK.index(predikat_lke(high, LKE))


# --- reading answers --------------------------------------------------------------------------

def tulis_csv(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def tulis_xlsx(path: Path, rows, sembunyi_dulu=False, judul="LKE") -> Path:
    wb = Workbook()
    ws = wb.active
    if sembunyi_dulu:
        ws.title = "Petunjuk"
        ws.append(["kode", "jawaban"])
        ws.append(["1.a", "E"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet(judul)
    else:
        ws.title = judul
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def pesan(bacaan):
    return [(m.kode, str(m)) for m in bacaan.masalah]


def test_reader_accepts_the_usual_spellings(tmp_path):
    body = "kode;jawaban\n" + "".join(f" {k} ;{v.lower()}  \n" for k, v in CONTOH.items())
    for name, data in (("bom.csv", "\ufeff" + body), ("koma.csv", body.replace(";", ","))):
        assert baca_jawaban(tulis_csv(tmp_path / name, data), LKE).jawaban == CONTOH
    cp = tulis_csv(tmp_path / "cp1252.csv", "Catatan;Kode;Jawaban\nPerencanaan – tahap 1;1.a;BB\n", "cp1252")
    assert baca_jawaban(cp, LKE).jawaban == {"1.a": "BB"}
    x = tulis_xlsx(tmp_path / "lke.xlsx", [["Lembar Kerja Evaluasi 2026"], [], ["No", "KODE", "Uraian", " Jawaban "],
                                            *[[i, k, "…", v] for i, (k, v) in enumerate(CONTOH.items(), 1)]],
                   sembunyi_dulu=True)
    bacaan = baca_jawaban(x, LKE)
    assert not bacaan.ditolak and bacaan.jawaban == CONTOH  # the hidden first sheet is skipped


@pytest.mark.parametrize("isi, kode, teks", [
    ("kode,jawaban\n1.a,A\n5.a,B\n", "J02", "salah.csv: baris 3, kolom kode: kode '5.a' bukan sub-komponen LKE; "
     "yang dikenal: 1.a, 1.b"),
    ("kode,jawaban\n1.a,A\n1.b,B\n1.A,C\n", "J03", "salah.csv: baris 4, kolom kode: kode 1.a tertulis dua kali "
     "(pertama di baris 2, kolom kode)"),
    ("kode,jawaban\n1.a,B+\n", "J04", "salah.csv: baris 2, kolom jawaban: jawaban 'B+' tidak ada di skala; pakai "
     "salah satu dari AA, A, BB, B, CC, C, D, E"),
    ("kode,jawaban\n1.a,B B\n", "J04", "jawaban 'B B' tidak ada di skala"),
    ("kode,jawaban\n1.a,80\n", "J04", "jawaban '80' tidak ada di skala"),
    ("kode,jawaban\n,B\n", "J06", "salah.csv: baris 2, kolom kode: jawaban 'B' tanpa kode sub-komponen"),
    ("", "J01", "salah.csv: berkas kosong; isi tabel dengan kolom kode dan jawaban"),
    ("\n \n", "J01", "salah.csv: berkas kosong"),
    ("kode,nilai\n1.a,A\n", "J01", "salah.csv: judul kolom kode dan jawaban tidak ditemukan di berkas"),
    ("kode,jawaban\n", "J01", "salah.csv: tidak ada baris jawaban di bawah judul kolom (baris 1)"),
    ("kode,jawaban\n1.a,A\n1.b," + "x" * 200_000 + "\n", "J00", "salah.csv: baris 3: isi CSV tidak dapat dibaca"),
])
def test_reader_csv_problems_are_located(tmp_path, isi, kode, teks):
    bacaan = baca_jawaban(tulis_csv(tmp_path / "salah.csv", isi), LKE)
    assert bacaan.ditolak and bacaan.jawaban == {}
    assert any(k == kode and teks in s for k, s in pesan(bacaan)), pesan(bacaan)


def test_reader_xlsx_problems_are_located(tmp_path):
    path = tulis_xlsx(tmp_path / "salah.xlsx", [["Judul"], ["kode", "jawaban"], ["1.a", "=\"B\""], ["=\"1.b\"", "A"],
                                               ["9.x", "A"], ["1.c", "Q"], ["1.c", "A"], [None, "B"]])
    got = pesan(baca_jawaban(path, LKE))
    assert got == [
        ("J05", "salah.xlsx, lembar LKE, sel B3: sel berisi rumus (=\"B\"); ketik nilainya, bukan rumus"),
        ("J05", "salah.xlsx, lembar LKE, sel A4: sel berisi rumus (=\"1.b\"); ketik nilainya, bukan rumus"),
        ("J02", "salah.xlsx, lembar LKE, sel A5: kode '9.x' bukan sub-komponen LKE; yang dikenal: 1.a, 1.b, 1.c, "
                "2.a, 2.b, 2.c, 3.a, 3.b, 3.c, 4.a, 4.b, 4.c"),
        ("J04", "salah.xlsx, lembar LKE, sel B6: jawaban 'Q' tidak ada di skala; pakai salah satu dari AA, A, BB, B, "
                "CC, C, D, E"),
        ("J03", "salah.xlsx, lembar LKE, sel A7: kode 1.c tertulis dua kali (pertama di A6); setiap sub-komponen "
                "dijawab sekali"),
        ("J06", "salah.xlsx, lembar LKE, sel A8: jawaban 'B' tanpa kode sub-komponen; isi kodenya (1.a … 4.c)"),
    ]


def test_reader_refuses_files_it_cannot_read(tmp_path):
    kosong = tulis_xlsx(tmp_path / "kosong.xlsx", [])
    assert pesan(baca_jawaban(kosong, LKE)) == [("J01", "kosong.xlsx, lembar LKE: lembar kosong; isi tabel dengan "
                                                         "kolom kode dan jawaban")]
    # Read by content, not by name: a CSV saved as .xlsx is a CSV (here with no answer under its header)
    bukan = tulis_csv(tmp_path / "bukan.xlsx", "kode,jawaban\n")
    assert pesan(baca_jawaban(bukan, LKE)) == [("J01", "bukan.xlsx, lembar bukan.xlsx: tidak ada baris jawaban di "
                                                       "bawah judul kolom (baris 1)")]
    sampah = tmp_path / "sampah.xlsx"
    sampah.write_bytes(b"\x00\x01sampah" * 10)
    assert pesan(baca_jawaban(sampah, LKE))[0][0] == "I46"
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 terpotong")
    assert pesan(baca_jawaban(rusak, LKE))[0][0] == "V01"
    assert pesan(baca_jawaban(tmp_path / "tidak-ada.csv", LKE)) == [("J00", "tidak-ada.csv: berkas tidak ditemukan")]
    assert pesan(baca_jawaban(tulis_csv(tmp_path / "a.txt", "x"), LKE))[0][1] == (
        "a.txt: format .txt tidak didukung; pakai .csv atau .xlsx")
    biner = tmp_path / "biner.csv"
    biner.write_bytes(b"\x00\x01\x02kode")
    assert pesan(baca_jawaban(biner, LKE))[0][0] == "J00"


# --- the command ------------------------------------------------------------------------------

def test_command_prints_every_row_in_indonesian(tmp_path, capsys):
    path = tulis_csv(tmp_path / "jawaban.csv", "kode;jawaban\n" + "".join(f"{k};{v}\n" for k, v in CONTOH.items()))
    assert main(["lke", "nilai", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Evaluasi AKIP menurut Peraturan Menteri PANRB Nomor 88 Tahun 2021: jawaban.csv"
    assert "3.b      4,50  B                3,15  Dokumen Laporan Kinerja telah memenuhi Standar menggambarkan " \
           "Kualitas atas Pencapaian Kinerja" in lines
    assert "3       15,00                  10,05  Komponen Pelaporan Kinerja" in lines
    assert "Total  100,00                  69,35  Nilai AKIP" in lines
    assert "Nilai AKIP 69,35, predikat B (Baik)" in lines
    assert lines[-1] == ("Peningkatan terkecil ke predikat BB (Sangat Baik): 3.c dari CC ke B (+0,75); Nilai AKIP "
                         "menjadi 70,10")


def test_command_exit_codes(tmp_path, capsys):
    bad = tulis_csv(tmp_path / "salah.csv", "kode;jawaban\n1.a;F\n")
    assert main(["lke", "nilai", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "salah.csv: baris 2, kolom jawaban: jawaban 'F' tidak ada di skala" in err
    assert "salah.csv: DITOLAK, 1 masalah; tidak ada yang dihitung" in err and "Traceback" not in err
    good = tulis_csv(tmp_path / "ok.csv", "kode;jawaban\n1.a;A\n")
    assert main(["lke", "nilai", str(good), "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "x.pdf: akhiran .pdf tidak dikenal untuk keluaran ini; pakai .xlsx, .html, .htm atau .csv" in err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit) as usage:
        main(["lke", "nilai"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as helped:
        main(["lke", "nilai", "--help"])
    assert helped.value.code == 0
    out = capsys.readouterr().out
    assert "Contoh:\n  kinerja lke nilai jawaban.csv" in out and "-o BERKAS, --keluaran BERKAS" in out


def test_command_outputs_and_hostile_text_stay_inert(tmp_path, monkeypatch, capsys):
    params = tmp_path / "parameters"
    shutil.copytree(PARAM, params)
    ubah(params / "lke", "kriteria.yaml", '"Dokumen Perencanaan kinerja telah tersedia"',
         '"=HYPERLINK(\\"http://x\\",\\"klik\\")"')
    ubah(params / "lke", "kriteria.yaml", '"Pengukuran Kinerja telah dilakukan"', '"<script>alert(1)</script>"')
    monkeypatch.setenv("KINERJA_PARAMETERS", str(params))
    src = tulis_xlsx(tmp_path / "jawaban.xlsx", [["kode", "jawaban", "catatan"],
                                                 *[[k, v, "<script>alert(2)</script>"] for k, v in CONTOH.items()]])
    for suffix in (".xlsx", ".csv", ".html"):
        assert main(["lke", "nilai", str(src), "-o", str(tmp_path / f"hasil{suffix}")]) == 0
    out = capsys.readouterr().out
    assert '1.a      6,00  BB               4,80  =HYPERLINK("http://x","klik")' in out  # printed as plain text
    assert "<script>alert(1)</script>" in out
    ws = load_workbook(tmp_path / "hasil.xlsx").active
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells['=HYPERLINK("http://x","klik")'] == "s" and "f" not in cells.values()
    assert ws.cell(ws.max_row, 6).value == pytest.approx(69.35) and ws.cell(ws.max_row, 6).number_format == "#,##0.00"
    assert ws.cell(ws.max_row, 7).value == "B" and ws.cell(ws.max_row, 7).fill.fgColor.rgb.endswith("f2c744")
    csv_text = (tmp_path / "hasil.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text and ";=HYPERLINK" not in csv_text
    assert 'total;;Nilai AKIP;"100,00";;"69,35";B;B (Baik)' in csv_text  # ;-separated, decimal comma
    html = (tmp_path / "hasil.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "69,35" in html


def test_command_outputs_two_decimals_and_numbers_as_numbers(tmp_path, capsys):
    """Issue #24 defect: the .csv wrote bobot "6,0" beside nilai "4,80"; a reviewer expects every
    bobot and nilai with two decimals, and a final newline; the .xlsx holds numbers, not text."""
    answers = dict(CONTOH)
    path = tulis_csv(tmp_path / "jawaban.csv", "kode;jawaban\n" + "".join(f"{k};{v}\n" for k, v in answers.items()))
    assert main(["lke", "nilai", str(path), "-o", str(tmp_path / "hasil.csv")]) == 0
    text = (tmp_path / "hasil.csv").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert text.endswith("\n") and lines[-1] == "" and len(lines) == 1 + 12 + 4 + 1 + 1
    assert lines[1].startswith("sub-komponen;1.a;") and lines[1].endswith(';"6,00";BB;"4,80";;')
    assert ';"30,00";;"' in lines[4] and lines[-2].startswith('total;;Nilai AKIP;"100,00";;"69,35";B;')
    numbers = [re.findall(r'"(-?\d+,\d+)"', line) for line in lines[1:-1]]
    assert all(len(n) == 2 and all(len(x.split(",")[1]) == 2 for x in n) for n in numbers), numbers
    del answers["2.a"]  # belum lengkap: the missing nilai stay empty, never 0
    path = tulis_csv(tmp_path / "jawaban-kurang.csv", "kode;jawaban\n" + "".join(f"{k};{v}\n" for k, v in answers.items()))
    for suffix in ("csv", "xlsx"):
        assert main(["lke", "nilai", str(path), "-o", str(tmp_path / f"kurang.{suffix}")]) == 0
    assert 'sub-komponen;2.a;Pengukuran Kinerja telah dilakukan;"6,00";;;;belum dijawab\n' in \
        (tmp_path / "kurang.csv").read_text(encoding="utf-8")
    ws = load_workbook(tmp_path / "kurang.xlsx").active
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for name in ("Bobot", "Nilai"):
            cell = row[head.index(name)]
            assert cell.value is None or (cell.data_type == "n" and cell.number_format == "#,##0.00"), (name, cell)
    nilai = {row[head.index("Kode")].value: row[head.index("Nilai")].value for row in ws.iter_rows(min_row=2)}
    assert nilai["1.a"] == pytest.approx(4.8) and nilai["2.a"] is None and nilai["2"] is None
    capsys.readouterr()


def test_hostile_text_in_an_answer_file_is_quoted_in_the_message(tmp_path, capsys):
    path = tulis_csv(tmp_path / "jahat.csv", 'kode;jawaban\n"=HYPERLINK(""http://x"",""klik"")";A\n'
                     "1.a;<script>alert(1)</script>\n")
    assert main(["lke", "nilai", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "jahat.csv: baris 2, kolom kode: kode '=HYPERLINK(\"http://x\",\"klik\")' bukan sub-komponen LKE" \
        in captured.err
    assert "jahat.csv: baris 3, kolom jawaban: jawaban '<script>alert(1)</script>' tidak ada di skala" in captured.err
