"""The Laporan Hasil Evaluasi and the recap of the evaluasi AKIP, from answer tables shaped as
the store gives them (kinerja.evaluasi.muat_lke): numbers equal a hand computation, a missing
answer is "belum lengkap" (never 0), ranks with ties, hostile text stays text."""

from decimal import Decimal

import pandas as pd
import pytest

from kinerja.core.lke_parameter import muat_lke
from kinerja.dokumen.lhe import susun_lhe
from kinerja.evaluasi.rekap import rekap_lke

LKE = muat_lke()
KODE = list(LKE.subkomponen["kode"])
TAHUN = 2026

UNITS = pd.DataFrame({
    "kode": ["kab", "dinkes", "disdik", "dishub", "dinsos", "inspektorat"],
    "jenis": ["kabupaten"] + ["perangkat_daerah"] * 5,
    "nama": ["Pemerintah Kabupaten Nusa Rekaan", "Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan",
             "Dinas Sosial", "Inspektorat"],
    "jabatan": ["Bupati Nusa Rekaan", "Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan", "Kepala Dinas Perhubungan",
                "Kepala Dinas Sosial", "Kepala Inspektorat"],
    "induk": [None, "kab", "kab", "kab", "kab", "kab"]})

# A worked example: one answer per sub-komponen, 1.a … 4.c.
JAWABAN = dict(zip(KODE, ["BB", "B", "CC", "A", "BB", "B", "B", "CC", "C", "BB", "B", "CC"]))
# By hand, bobot × nilai ÷ 100:
#  1.a 6 × 80 = 4,80   1.b 9 × 70 = 6,30    1.c 15 × 60 = 9,00    → komponen 1: 20,10
#  2.a 6 × 90 = 5,40   2.b 9 × 80 = 7,20    2.c 15 × 70 = 10,50   → komponen 2: 23,10
#  3.a 3 × 70 = 2,10   3.b 4,5 × 60 = 2,70  3.c 7,5 × 50 = 3,75   → komponen 3:  8,55
#  4.a 5 × 80 = 4,00   4.b 7,5 × 70 = 5,25  4.c 12,5 × 60 = 7,50  → komponen 4: 16,75
#  Nilai AKIP 20,10 + 23,10 + 8,55 + 16,75 = 68,50 → B (> 60 and ≤ 70)
TANGAN = [  # every bobot and nilai with two decimals ("6,00" beside "4,50")
    ["1", "Komponen Perencanaan Kinerja", "30,00", "", "20,10"],
    ["1.a", None, "6,00", "BB", "4,80"], ["1.b", None, "9,00", "B", "6,30"], ["1.c", None, "15,00", "CC", "9,00"],
    ["2", "Komponen Pengukuran Kinerja", "30,00", "", "23,10"],
    ["2.a", None, "6,00", "A", "5,40"], ["2.b", None, "9,00", "BB", "7,20"], ["2.c", None, "15,00", "B", "10,50"],
    ["3", "Komponen Pelaporan Kinerja", "15,00", "", "8,55"],
    ["3.a", None, "3,00", "B", "2,10"], ["3.b", None, "4,50", "CC", "2,70"], ["3.c", None, "7,50", "C", "3,75"],
    ["4", "Komponen Evaluasi Akuntabilitas Kinerja Internal", "25,00", "", "16,75"],
    ["4.a", None, "5,00", "BB", "4,00"], ["4.b", None, "7,50", "B", "5,25"], ["4.c", None, "12,50", "CC", "7,50"],
    ["", "Nilai AKIP", "100,00", "", "68,50"],
]


def _jawaban(unit: str, answers: dict, catatan: dict | None = None, mandiri: str = "A") -> list[dict]:
    catatan = catatan or {}
    return [{"kode_unit": unit, "tahun": TAHUN, "kode": k, "jawaban_mandiri": mandiri,
             "jawaban_evaluator": answers.get(k), "catatan": catatan.get(k), "revisi": 2, "diterima": None}
            for k in KODE]


def _rekomendasi(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kode_unit", "tahun", "komponen", "nomor", "teks", "status"])


def _lhe(unit: str, jawaban: pd.DataFrame, rekomendasi: pd.DataFrame | None = None, **kw):
    info = UNITS[UNITS["kode"] == unit].iloc[0].to_dict()
    return susun_lhe(UNITS, info, TAHUN, jawaban, rekomendasi if rekomendasi is not None else _rekomendasi([]), LKE,
                     **kw)


def test_lhe_table_equals_the_hand_computation():
    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN)))
    table = lap.tabel_nilai().isi()
    assert table["kolom"] == ["Kode", "Komponen / Sub-komponen", "Bobot", "Jawaban", "Nilai"]
    rows = table["baris"]
    assert len(rows) == len(TANGAN) == 17
    for got, want in zip(rows, TANGAN):
        assert [got[0], got[2], got[3], got[4]] == [want[0], want[2], want[3], want[4]], got
        if want[1] is not None:
            assert got[1] == want[1]
    assert rows[1][1] == "Dokumen Perencanaan kinerja telah tersedia"  # a sub-komponen row names itself
    assert table["kanan"] == [False, False, True, False, True]  # numbers right-aligned
    assert lap.hasil.nilai == Decimal("68.50") and lap.hasil.predikat == "B"
    assert lap.ringkasan() == ("Berdasarkan hasil evaluasi, Nilai AKIP Dinas Kesehatan tahun 2026 adalah 68,50 "
                               "dengan predikat B (Baik).")
    assert lap.interpretasi().startswith("Interpretasi predikat B (Baik): Terdapat gambaran bahwa AKIP sudah baik "
                                         "pada 1/3 unit kerja")
    # the next predikat: BB needs > 70,00, i.e. + 1,51 or more, answers raised at most to BB (A and AA are the
    # evaluator's recognition, no plan). No single step is enough (the largest, 1.c CC → B and 2.c B → BB, add
    # 1,50: 70,00 is still B); of one sub-komponen two steps up to BB, 1.c CC → BB (15 × 20 ÷ 100 = 3,00) and 4.c
    # CC → BB (12,5 × 20 ÷ 100 = 2,50) are enough, and 4.c adds less. (Without the cap 1.b B → A, +1,80, would do.)
    assert lap.peningkatan() == ("Untuk mencapai predikat BB (Sangat Baik), peningkatan terkecil yang diperlukan: "
                                 "4.c dari CC ke BB (+2,50); Nilai AKIP menjadi 71,00.")


def test_a_missing_answer_is_belum_lengkap_never_zero():
    partial = {k: v for k, v in JAWABAN.items() if k not in ("2.b", "4.c")}
    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", partial)))
    rows = {r[0]: r for r in lap.tabel_nilai().isi()["baris"]}
    assert rows["2.b"][3:] == ["", "belum dijawab"] and rows["4.c"][3:] == ["", "belum dijawab"]
    assert rows["2"][4] == rows["4"][4] == rows[""][4] == "belum lengkap"
    assert rows["1"][4] == "20,10" and rows["3"][4] == "8,55"  # complete komponen keep their nilai
    assert not any(r[4] in ("0", "0,00") for r in rows.values())
    assert lap.hasil.nilai is None and lap.hasil.predikat is None
    assert lap.ringkasan() == ("Evaluasi atas Dinas Kesehatan tahun 2026 belum lengkap: sub-komponen 2.b, 4.c belum "
                               "diberi jawaban evaluator, sehingga Nilai AKIP dan predikat belum dapat ditetapkan.")
    assert lap.interpretasi() == "" and lap.peningkatan() == ""


def test_a_unit_without_any_answer_gets_no_lhe_but_a_reason():
    from kinerja.core.errors import KinerjaError

    with pytest.raises(KinerjaError, match="Dinas Pendidikan belum memiliki jawaban Lembar Kerja Evaluasi tahun 2026"):
        _lhe("disdik", pd.DataFrame(_jawaban("dinkes", JAWABAN)))


def test_catatan_per_komponen_rekomendasi_numbered_signature_and_tembusan():
    catatan = {"1.b": "IKU belum SMART.", "3.c": "LKjIP <script>alert(1)</script> belum memuat analisis."}
    rek = _rekomendasi([
        ("dinkes", TAHUN, 3, 1, "Lengkapi analisis LKjIP.", "baru"),
        ("dinkes", TAHUN, 1, 2, "=HYPERLINK(\"http://x\")", "baru"),
        ("dinkes", TAHUN, 1, 1, "Tetapkan IKU sampai level pengawas.", "baru"),
        ("disdik", TAHUN, 1, 1, "Rekomendasi unit lain.", "baru")])
    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN, catatan)), rek,
               nama_inspektur="Ir. Rekaan, M.Si.", nip_inspektur="19700101 199001 1 001")
    notes = dict(lap.catatan())
    assert list(notes) == ["1. Perencanaan Kinerja", "2. Pengukuran Kinerja", "3. Pelaporan Kinerja",
                           "4. Evaluasi Akuntabilitas Kinerja Internal"]
    assert notes["1. Perencanaan Kinerja"] == ["1.b Dokumen Perencanaan kinerja telah memenuhi standar yang baik: "
                                               "IKU belum SMART."]
    assert notes["2. Pengukuran Kinerja"] == ["Tidak ada catatan."]
    assert "<script>alert(1)</script>" in notes["3. Pelaporan Kinerja"][0]  # kept as text; escaped when shown
    assert lap.daftar_rekomendasi() == ["1. Tetapkan IKU sampai level pengawas.", "2. =HYPERLINK(\"http://x\")",
                                        "3. Lengkapi analisis LKjIP."]  # by komponen, then nomor; own unit only
    assert lap.tanda_tangan().blok == [[], ["Nusa Rekaan, …………………", "Inspektur Kabupaten Nusa Rekaan,", "", "", "",
                                            "Ir. Rekaan, M.Si.", "NIP. 19700101 199001 1 001"]]  # right half
    assert lap.tembusan() == ["1. Bupati Nusa Rekaan;", "2. Sekretaris Daerah Kabupaten Nusa Rekaan."]
    unsigned = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN)))
    assert unsigned.tanda_tangan().blok[1][-2:] == ["(………………………………)", "NIP. ………………………"]
    assert unsigned.daftar_rekomendasi() == ["Tidak ada rekomendasi."]  # nothing to number


def test_hostile_text_is_escaped_in_the_page_html_of_the_lhe():
    import kinerja

    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN, {"1.a": "<img src=x onerror=alert(1)>"})))
    shown = "".join(kinerja.daftar(butir).data for _, butir in lap.catatan())
    assert "<img" not in shown and "&lt;img" in shown


def test_recap_ranks_equal_values_alike_and_lists_belum_lengkap_apart():
    same = dict.fromkeys(KODE, "B")  # 70,00
    other = dict(same, **{"2.a": "BB"})  # 70,00 + 6 × 10 ÷ 100 = 70,60
    rows = (_jawaban("dinkes", JAWABAN)  # 68,50
            + _jawaban("disdik", same) + _jawaban("dishub", same)  # 70,00 twice: rank 2 shared
            + _jawaban("dinsos", other)  # 70,60: rank 1
            + _jawaban("inspektorat", {k: v for k, v in same.items() if k != "3.b"}))  # belum lengkap
    pds = UNITS[UNITS["jenis"] == "perangkat_daerah"]
    r = rekap_lke(pd.DataFrame(rows), pds, LKE)
    assert r[["kode_unit", "nilai", "predikat", "peringkat"]].values.tolist() == [
        ["dinsos", Decimal("70.60"), "BB", 1],
        ["disdik", Decimal("70.00"), "B", 2], ["dishub", Decimal("70.00"), "B", 2],  # tie: same rank, by name
        ["dinkes", Decimal("68.50"), "B", 4],  # the rank after a tie skips
        ["inspektorat", None, None, None]]
    assert r.loc[4, "kurang"] == "3.b" and r.loc[4, "arti"] == "belum lengkap"
    # the gap: 70,00 needs > 70,00 for BB; 3.a (bobot 3) B → BB, +0,30, is the smallest
    assert r.loc[1, "menuju"] == "BB" and r.loc[1, "peningkatan"] == "3.a dari B ke BB (+0,30)"
    assert r.loc[1, "nilai_menuju"] == Decimal("70.30")
    kab = _lhe("kab", pd.DataFrame(rows))
    table = kab.tabel_rekap().isi()
    assert [row[:4] for row in table["baris"]] == [["1", "Dinas Sosial", "70,60", "BB (Sangat Baik)"],
                                                   ["2", "Dinas Pendidikan", "70,00", "B (Baik)"],
                                                   ["2", "Dinas Perhubungan", "70,00", "B (Baik)"],
                                                   ["4", "Dinas Kesehatan", "68,50", "B (Baik)"]]
    assert table["baris"][1][4] == "BB: 3.a dari B ke BB (+0,30)"
    assert kab.tabel_belum_lengkap().isi()["baris"] == [["Inspektorat", "3.b"]]
    assert kab.ringkasan_rekap() == ("Tahun 2026, 4 dari 5 perangkat daerah telah selesai dievaluasi: BB 1, B 3. "
                                     "Evaluasi 1 perangkat daerah belum lengkap sehingga belum diberi nilai dan tidak "
                                     "diperingkat.")
    assert kab.tabel_nilai() is None and kab.ringkasan() == ""


def test_a_unit_at_the_top_predikat_has_nothing_to_reach():
    r = rekap_lke(pd.DataFrame(_jawaban("dinkes", dict.fromkeys(KODE, "AA"))),
                  UNITS[UNITS["kode"] == "dinkes"], LKE)
    assert r.loc[0, "predikat"] == "AA" and r.loc[0, "menuju"] is None
    assert r.loc[0, "peningkatan"] == "predikat sudah yang tertinggi"


def test_the_lhe_methodology_follows_the_parameter_files():
    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN)))
    text = " ".join(lap.metodologi())
    assert "AA 100, A 90, BB 80, B 70, CC 60, C 50, D 30 dan E 0 (persen)" in text
    assert "lebih dari 90 AA (Sangat Memuaskan)" in text and "selebihnya D (Sangat Kurang)" in text
    assert "Perencanaan Kinerja (bobot 30)" in lap.ruang_lingkup() and "80 kriteria" in lap.ruang_lingkup()
    assert set(LKE.interpretasi) == set(LKE.arti)  # every predikat has its interpretation


def test_last_years_recommendations_and_their_follow_up():
    lalu = _rekomendasi([("dinkes", TAHUN - 1, 2, 1, "Kaitkan pengukuran kinerja dengan TPP.", "ditindaklanjuti"),
                         ("dinkes", TAHUN - 1, 1, 1, "Selaraskan Renstra dengan pohon kinerja.", "belum"),
                         ("dinkes", TAHUN - 1, 4, 1, "Lakukan evaluasi internal.", "baru"),
                         ("disdik", TAHUN - 1, 1, 1, "Unit lain.", "belum")])
    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN)), rekomendasi_lalu=lalu)
    t = lap.tabel_tindak_lanjut().isi()
    assert t["judul"] == "Tindak lanjut rekomendasi hasil evaluasi tahun 2025"
    assert t["baris"] == [["1", "Perencanaan Kinerja", "Selaraskan Renstra dengan pohon kinerja.", "belum ditindaklanjuti"],
                          ["2", "Pengukuran Kinerja", "Kaitkan pengukuran kinerja dengan TPP.", "sudah ditindaklanjuti"],
                          ["3", "Evaluasi Akuntabilitas Kinerja Internal", "Lakukan evaluasi internal.",
                           "belum dinilai tindak lanjutnya"]]
    assert _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN))).tabel_tindak_lanjut() is None


def test_the_evaluators_page_tables_keep_hostile_text_inert():
    from kinerja.halaman.evaluasi_akip import DataEvaluasi, tabel_jawaban, tabel_rekomendasi

    jahat = '<img src=x onerror="window.__xss=1">'
    jawaban = pd.DataFrame(_jawaban("dinkes", JAWABAN, {"1.a": jahat}, mandiri="BB"))
    rek = _rekomendasi([("dinkes", TAHUN - 1, 2, 1, f"=HYPERLINK(\"x\") {jahat}", "belum")])
    data = DataEvaluasi(TAHUN, LKE, jawaban, rekap_lke(jawaban, UNITS[UNITS["kode"] == "dinkes"], LKE), rek)
    for table in (tabel_jawaban(data, "dinkes"), tabel_rekomendasi(data, "dinkes")):
        html = table.html()
        assert "<img" not in html and "&lt;img src=x" in html
    rows = tabel_jawaban(data, "dinkes").isi()["baris"]
    assert rows[0][3:] == ["BB", "BB", "4,80", "", jahat]  # mandiri, evaluator, nilai, selisih, catatan as written
    assert rows[1][3:7] == ["BB", "B", "6,30", "evaluator lebih rendah"]
    assert rows[3][6] == "evaluator lebih tinggi"  # 2.a: A above the unit's BB


def test_the_lhe_layout_kop_bold_komponen_closing_kept_with_the_signature(tmp_path):
    """Issue #24 defects of the LHE's layout: no letterhead; "1. Tidak ada rekomendasi."; komponen
    rows looking like their sub-komponen; the signature block free to fall alone onto the last
    page; a table's caption free to stay alone at a page's foot."""
    import nbformat
    from docx import Document
    from docx.oxml.ns import qn

    from kinerja.render.word import tulis_docx

    lap = _lhe("dinkes", pd.DataFrame(_jawaban("dinkes", JAWABAN)))
    kop = lap.kop()
    assert kop.baris == ["PEMERINTAH KABUPATEN NUSA REKAAN", "INSPEKTORAT"]  # from the Daftar Unit
    assert "PEMERINTAH KABUPATEN NUSA REKAAN" in kop.html() and "double" in kop.html()
    tabel = lap.tabel_nilai()
    bold = dict(zip([r[0] for r in tabel.isi()["baris"]], tabel.isi()["tebal"]))
    assert bold["1"] and bold[""] and not bold["1.a"] and not bold["4.c"]
    html = tabel.html()
    assert html.count('<tr style="font-weight:bold">') == 5  # four komponen and the Nilai AKIP
    assert tabel.isi()["utuh"] and '<table class="kinerja-tabel" style="break-inside:avoid' in html  # on one page
    ttd = lap.tanda_tangan()
    assert ttd.pembuka and ttd.pembuka[0].startswith("Tindak lanjut atas rekomendasi ini akan dinilai")
    assert 'class="kinerja-ttd-blok" style="break-inside:avoid' in ttd.html() and "Tindak lanjut" in ttd.html()

    def keluaran(obj) -> dict:
        data = obj._repr_mimebundle_()
        return nbformat.v4.new_output("display_data", data={k: v for k, v in data.items()})

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("", outputs=[keluaran(kop)]),
        nbformat.v4.new_markdown_cell("# Laporan Hasil Evaluasi\n\n## 2. Hasil Evaluasi"),
        nbformat.v4.new_code_cell("", outputs=[keluaran(tabel)]),
        nbformat.v4.new_code_cell("", outputs=[keluaran(ttd)])])
    doc = Document(str(tulis_docx(nb, tmp_path / "lhe.docx")))
    first = doc.paragraphs[:2]
    assert [p.text for p in first] == kop.baris and all(r.bold for p in first for r in p.runs)
    assert first[1]._p.pPr.find(qn("w:pBdr")) is not None  # the rule under the letterhead
    caption = next(p for p in doc.paragraphs if p.style.name == "Caption")
    assert caption.paragraph_format.keep_with_next
    nilai = doc.tables[0]
    rows = {r.cells[0].text: r for r in nilai.rows}
    assert all(run.bold for c in rows["1"].cells for run in c.paragraphs[0].runs)
    assert not any(run.bold for c in rows["1.a"].cells for run in c.paragraphs[0].runs)
    assert rows["1.a"].cells[2].text == "6,00" and rows["3.b"].cells[2].text == "4,50"
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in nilai.rows)  # the table on one page
    assert all(r.cells[0].paragraphs[0].paragraph_format.keep_with_next for r in nilai.rows[:-1])
    header = [el.tag.split("}")[1] for el in nilai.rows[0]._tr.trPr]
    assert header.index("cantSplit") < header.index("tblHeader")  # the schema's order, or Word refuses the file
    closing = next(p for p in doc.paragraphs if p.text.startswith("Tindak lanjut atas rekomendasi"))
    assert closing.paragraph_format.keep_with_next
    sign = doc.tables[1]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in sign.rows)
    assert all(r.cells[1].paragraphs[0].paragraph_format.keep_with_next for r in sign.rows[:-1])
