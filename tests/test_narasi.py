"""The narrative, sentence by sentence."""

import math

import pandas as pd
import pytest

from kinerja.dokumen import narasi as n


def test_capaian_sentence():
    assert n.kalimat_capaian("Angka kemiskinan", 105.846, "Sangat Tinggi", 6.5, 6.12, "%", "tahun 2026") == (
        "Capaian indikator Angka kemiskinan tahun 2026 sebesar 105,85% dengan kategori Sangat Tinggi: "
        "realisasi 6,12% terhadap target 6,50%.")


def test_capaian_sentence_with_units_and_text_targets():
    assert n.kalimat_capaian("Laju inflasi", 75.0, "Sedang", "3±1", 5.0, "%") == (
        "Capaian indikator Laju inflasi sebesar 75,00% dengan kategori Sedang: realisasi 5,00% terhadap target 3±1%.")
    assert n.kalimat_capaian("Rata-rata lama sekolah", 99.7, None, 10.41, 10.38, "tahun") == (
        "Capaian indikator Rata-rata lama sekolah sebesar 99,70%: realisasi 10,38 tahun terhadap target 10,41 tahun.")


def test_missing_data_is_said_honestly():
    assert n.kalimat_capaian("IKM", math.nan, None, 85, None) == (
        "Realisasi indikator IKM belum dilaporkan, sehingga capaiannya belum dapat dihitung.")
    assert n.kalimat_capaian("Jumlah bayi", math.nan, None, 0, 3, "orang") == (
        "Capaian indikator Jumlah bayi tidak dapat dihitung dari target 0 orang dan realisasi 3 orang; "
        "lihat catatan perhitungan.")
    assert n.kalimat_perbandingan("IPM", 72.1, None, "positif") == (
        "Realisasi IPM tahun lalu belum tersedia, sehingga belum dapat dibandingkan.")


def test_a_fall_is_good_news_for_a_negative_indicator():
    assert n.kalimat_perbandingan("Angka kemiskinan", 6.12, 6.50, "negatif", "%") == (
        "Realisasi Angka kemiskinan sebesar 6,12%, turun 0,38 poin dibanding tahun lalu (6,50%), sehingga kinerja "
        "membaik. Untuk indikator ini angka yang lebih rendah berarti lebih baik.")
    assert "naik 0,38 poin" in n.kalimat_perbandingan("Angka kemiskinan", 6.50, 6.12, "negatif", "%")
    assert "kinerja memburuk" in n.kalimat_perbandingan("Angka kemiskinan", 6.50, 6.12, "negatif", "%")


def test_rise_for_a_positive_indicator_and_points_only_for_percent():
    assert n.kalimat_perbandingan("IPM", 72.3, 70.0, "positif", "poin") == (
        "Realisasi IPM sebesar 72,30 poin, naik 2,30 poin dibanding tahun lalu (70 poin), sehingga kinerja membaik.")
    assert "naik 0,30 tahun" in n.kalimat_perbandingan("RLS", 8.2, 7.9, "positif", "tahun")
    assert n.kalimat_perbandingan("IPM", 70, 70, "positif") == "Realisasi IPM sebesar 70, sama dengan tahun lalu."


def test_grades_compare_by_rank():
    assert n.kalimat_perbandingan("Opini BPK", "WTP", "WDP", "kualitatif") == (
        "Realisasi Opini BPK naik dari WDP (tahun lalu) menjadi WTP, sehingga kinerja membaik.")
    assert "turun dari BB" in n.kalimat_perbandingan("Predikat SAKIP", "B", "BB", "kualitatif")
    assert n.kalimat_perbandingan("Opini BPK", "WTP", "WTP", "kualitatif") == (
        "Realisasi Opini BPK tetap WTP, sama dengan tahun lalu.")


def test_renstra_progress():
    assert n.kalimat_renstra("Angka kemiskinan", 8.1, 7.5, "negatif", "%", 2029) == (
        "Realisasi Angka kemiskinan (8,10%) masih perlu diturunkan 0,60 poin untuk mencapai target akhir periode "
        "tahun 2029 (7,50%).")
    assert n.kalimat_renstra("IPM", 73.5, 73.0, "positif", "poin", 2029) == (
        "Realisasi IPM (73,50 poin) telah mencapai target akhir periode tahun 2029 (73 poin).")
    assert "telah mencapai" in n.kalimat_renstra("Opini", "WTP", "WTP", "kualitatif")
    assert "belum mencapai" in n.kalimat_renstra("Opini", "WDP", "WTP", "kualitatif")
    # stabil and range targets: met means inside the band, whichever side the value came from
    assert "telah mencapai" in n.kalimat_renstra("Inflasi", 3.4, "3±1", "stabil", "%")
    assert "berada di atas rentang target" in n.kalimat_renstra("Inflasi", 4.6, "3±1", "stabil", "%")
    assert "berada di bawah rentang target" in n.kalimat_renstra("Inflasi", 1.2, "3±1", "stabil", "%")
    assert "telah mencapai" in n.kalimat_renstra("Cakupan", 85, "80–90", "positif", "%")
    assert "telah mencapai" in n.kalimat_renstra("AKI", 70, "kurang dari 80", None, "kasus")


def test_national_standard():
    assert n.kalimat_standar("AKI", 95, "183", "negatif", "per 100.000 KH") == (
        "Realisasi AKI (95 per 100.000 KH) memenuhi standar nasional (183 per 100.000 KH).")
    assert n.kalimat_standar("BOR", 72, "60–85", "stabil", "%") == (
        "Realisasi BOR (72,00%) memenuhi standar nasional (60–85%).")
    assert "belum memenuhi" in n.kalimat_standar("BOR", 90, "60–85", "stabil", "%")
    assert "belum memenuhi" in n.kalimat_standar("Imunisasi", 90, "95", "positif", "%")
    assert n.kalimat_standar("X", 1, None, "positif") == "Indikator X tidak memiliki standar nasional sebagai pembanding."


def test_efficiency_and_budget():
    assert n.kalimat_efisiensi(1.12, 10.5) == (
        "Indeks efisiensi 1,12 (efisien): capaian kinerja melampaui penyerapan anggaran sebesar 10,50 poin.")
    assert "belum efisien" in n.kalimat_efisiensi(0.8, -20) and "tertinggal dari" in n.kalimat_efisiensi(0.8, -20)
    assert n.kalimat_anggaran("Program X", 7.5e8, 1e9, 70.0, 9) == (
        "Penyerapan anggaran Program X sampai September sebesar 75,00% (Rp750.000.000 dari pagu Rp1.000.000.000), "
        "di atas rencana (70,00%) sebesar 5,00 poin.")
    assert n.kalimat_anggaran("Program X", math.nan, 1e9) == "Realisasi anggaran Program X belum dilaporkan."


def test_causes_from_keterangan():
    assert n.kalimat_keterangan("AKI", ["Koordinasi baik.", "Koordinasi baik", " "]) == (
        "Menurut perangkat daerah, untuk AKI: Koordinasi baik.")
    assert n.kalimat_keterangan("AKI", []) == (
        "Perangkat daerah belum menuliskan faktor penghambat atau pendukung untuk AKI.")


def test_unit_summary():
    t = pd.DataFrame({"indikator": ["A", "B", "C"], "capaian": [105.0, 80.0, math.nan],
                      "predikat": ["Sangat Tinggi", "Tinggi", None]})
    assert n.ringkasan_capaian(t, "Dinas Kesehatan", "triwulan III 2026") == (
        "Pada triwulan III 2026, Dinas Kesehatan mengukur 3 indikator kinerja; 2 dapat dihitung capaiannya: "
        "1 berkategori Sangat Tinggi, 1 berkategori Tinggi. Capaian tertinggi pada A (105,00%), terendah pada B "
        "(80,00%); capaian berjenjang (indikator → sasaran → unit) 92,50%. 1 indikator belum dapat dihitung karena "
        "realisasinya belum dilaporkan.")
    # indicators are averaged within their sasaran first, then the sasaran
    two = t.assign(sasaran=["S1", "S2", "S2"], capaian=[105.0, 80.0, 90.0], predikat=["Sangat Tinggi", "Tinggi", "Tinggi"])
    assert "capaian berjenjang (indikator → sasaran → unit) 95,00%." in n.ringkasan_capaian(two, "X", "2026")
    # A flagged row is named and kept out of the mean; a month not reported is named.
    flagged = t.assign(dihitung=[True, False, False], verifikasi=[[], ["capaian di atas batas"], []],
                       bulan_kosong=[[3], [], []], capaian=[105.0, 635.0, math.nan])
    text = n.ringkasan_capaian(flagged, "Dinas Kesehatan", "2026")
    assert "capaian berjenjang" not in text and "Capaian A 105,00%." in text
    assert "1 indikator perlu diverifikasi dan tidak dihitung dalam rata-rata: B." in text
    assert "Ada bulan yang belum dilaporkan untuk A (Maret)." in text
    done = t.iloc[:1]
    assert "Seluruh indikator yang terukur telah mencapai" in n.ringkasan_capaian(done, "X", "2026")
    assert "belum satu pun" in n.ringkasan_capaian(t.assign(capaian=math.nan), "X", "2026")


def test_stabil_direction_is_the_engines_not_a_sign():
    """Inflation leaving its 3±1 band is worse whichever way it moves; moving into it is better."""
    up_out = n.kalimat_perbandingan("Inflasi", 4.6, 3.5, "stabil", "%", target="3±1")
    assert "memburuk" in up_out and "membaik" not in up_out
    down_out = n.kalimat_perbandingan("Inflasi", 1.5, 2.5, "stabil", "%", target="3±1")
    assert "memburuk" in down_out
    into = n.kalimat_perbandingan("Inflasi", 3.9, 5.2, "stabil", "%", target="3±1")
    assert "membaik" in into
    inside = n.kalimat_perbandingan("Inflasi", 3.2, 3.5, "stabil", "%", target="3±1")
    assert "dalam rentang target" in inside and "membaik" not in inside and "memburuk" not in inside
    assert "tidak dinilai" in n.kalimat_perbandingan("Inflasi", 3.2, 3.5, "stabil", "%")  # no band: no verdict


def test_range_and_bound_targets_decide_the_direction():
    assert "membaik" in n.kalimat_perbandingan("Cakupan", 85, 70, "positif", "%", target="80–90")
    assert "memburuk" in n.kalimat_perbandingan("AKI", 90, 70, None, "kasus", target="kurang dari 80")
    assert "membaik" in n.kalimat_perbandingan("Opini", "WTP", "WDP", "kualitatif")


def test_a_capaian_that_cannot_be_computed_is_not_called_unreported():
    t = pd.DataFrame({"indikator": ["A", "B", "C"], "capaian": [100.0, None, None], "predikat": ["Sangat Tinggi", None, None],
                      "realisasi": [5.0, 0.0, None], "bulan_kosong": [[6], [], []],
                      "periode_data": ["triwulan", "triwulan", "triwulan"]})
    text = n.ringkasan_capaian(t, "Badan X", "Januari–Desember 2025")
    assert "1 indikator belum dapat dihitung karena realisasinya belum dilaporkan." in text
    assert "1 indikator sudah dilaporkan tetapi capaiannya tidak dapat dihitung" in text
    assert "Ada triwulan yang belum dilaporkan untuk A (triwulan II)." in text


def test_a_capaian_shown_as_100_is_met_in_the_table_and_every_narrative():
    """Monthly targets 0,1 + 0,2 + 0,3 against realisasi 0,3 + 0,2 + 0,1 sum to a capaian of
    99,99999999999999: the table shows "100,00 Sangat Tinggi", so no sentence may call it missed."""
    from kinerja.core.capaian import hitung_capaian
    from kinerja.core.formatting import format_persen
    from kinerja.core.predikat import muat_skala
    from kinerja.dokumen.bagian import narasi_tercapai

    tw = pd.DataFrame({"indikator": ["A"], "target": [0.1 + 0.2 + 0.3], "realisasi": [0.3 + 0.2 + 0.1],
                       "polaritas": ["positif"]})
    cap = hitung_capaian(tw)["capaian"]
    assert cap.iloc[0] == 99.99999999999999  # the float sums really give a capaian below 100
    t = tw.assign(capaian=cap, predikat=muat_skala().predikat(cap))
    assert f"{format_persen(cap.iloc[0])} {t['predikat'].iloc[0]}" == "100,00% Sangat Tinggi"
    assert narasi_tercapai(t.iloc[0]) is True
    assert n.kalimat_sebab("A", [], narasi_tercapai(t.iloc[0])).startswith("Target A tercapai.")
    assert "Seluruh indikator yang terukur telah mencapai" in n.ringkasan_capaian(t, "X", "triwulan I 2026")


def test_analysis_5_gives_the_factor_that_matches_the_outcome():
    # a target met is explained by what supported it; a hindrance is named as one, not as the cause
    met = n.kalimat_sebab("TPT", ["Faktor penghambat: data desa terlambat. Upaya: pendampingan"], True)
    assert "Faktor penghambat menurut" not in met and "meskipun perangkat daerah mencatat hambatan" in met
    assert "Faktor pendukungnya belum dituliskan" in met
    missed = n.kalimat_sebab("PE", ["Faktor pendukung: koordinasi baik"], False)
    assert "Faktor pendukung menurut" not in missed and "belum cukup untuk mencapai target" in missed
    assert "Faktor penghambatnya belum dituliskan" in missed and "belum menuliskan upaya" in missed
    # "data not there" is a gap in the data, never a cause
    gap = n.kalimat_sebab("Opini BPK", ["Data belum tersedia dari sumber"], True)
    assert "Keterangan menurut" not in gap and "Penyebabnya belum dapat diuraikan" in gap
    assert "data belum lengkap (Data belum tersedia dari sumber)" in gap


def test_a_cascaded_source_is_named_once():
    notes = ["dijenjangkan dari Dinas Kesehatan", "dijenjangkan dari Dinas Kesehatan: Faktor pendukung: rujukan cepat"]
    for text in (n.kalimat_keterangan("AKI", notes, "pejabat"), n.kalimat_sebab("AKI", notes, True, "pejabat")):
        assert text.count("dijenjangkan dari Dinas Kesehatan") == 1, text
    assert "Faktor pendukung menurut pejabat: rujukan cepat" in n.kalimat_sebab("AKI", notes, True, "pejabat")


def test_a_value_outside_a_band_is_below_or_above_it():
    assert n.kalimat_renstra("Laju inflasi", 1.37, "3±1", "stabil", "%", 2029) == (
        "Realisasi Laju inflasi (1,37%) berada di bawah rentang target akhir periode tahun 2029 (3±1%).")
    assert "berada di atas rentang target" in n.kalimat_renstra("Laju inflasi", 4.6, "3±1", "stabil", "%")
    assert "telah mencapai" in n.kalimat_renstra("Laju inflasi", 3.4, "3±1", "stabil", "%")


def test_the_overall_word_is_the_class_of_the_capaian_and_the_targets_missed_are_said_with_it():
    """The word is the scale's class of the capaian berjenjang (a predikat is a class of capaian);
    the share of targets met is never put on the capaian scale (4 of 8 met with 100,97 % was called
    "Sangat Rendah" beside 7 indicators "Sangat Tinggi"), and a miss is said in the same sentence."""
    from kinerja.core.predikat import muat_skala, predikat_keseluruhan

    skala = muat_skala()
    assert predikat_keseluruhan(skala, 4, 8, 100.97) == "Sangat Tinggi"
    assert predikat_keseluruhan(skala, 8, 8, 60.0) == "Rendah" and predikat_keseluruhan(skala, 7, 8, 80.0) == "Tinggi"
    with pytest.raises(ValueError):
        predikat_keseluruhan(skala, 9, 8, 100.0)
    text = n.kalimat_predikat_keseluruhan("Pemkab X", "2026", 4, 8, 100.97, skala)
    assert "Sangat Rendah" not in text and "(berkategori Sangat Tinggi), tetapi baru 4 dari 8" in text
    assert "4 target belum tercapai" in text
    penutup = n.kalimat_predikat_keseluruhan("Pemkab X", "2026", 4, 8, 100.97, skala, simpulan=True)
    assert "belum mencapai seluruh sasaran" in penutup and "disimpulkan berkategori" not in penutup
    semua = n.kalimat_predikat_keseluruhan("Pemkab X", "2026", 8, 8, 104.0, skala)
    assert "berkategori Sangat Tinggi: seluruh 8 indikator terukur mencapai target" in semua


def test_next_steps_are_the_solutions_of_the_targets_missed():
    steps = n.langkah_mendatang([("AKI", 90.0, ["Faktor penghambat: rujukan. Upaya: ambulans desa"]),
                                 ("IKM", 95.5, ["Faktor penghambat: antrean"])])
    assert steps == ["AKI (capaian 90,00%): ambulans desa.",
                     "IKM (capaian 95,50%): perangkat daerah belum menuliskan upaya pemecahannya; langkahnya perlu "
                     "ditetapkan."]


def test_analysis_2_compares_a_level_with_last_year_before_december():
    from kinerja.dokumen.lkjip_sasaran import _banding_tahun_lalu

    row = pd.Series({"indikator": "Angka kemiskinan", "polaritas": "negatif", "satuan": "%", "agregasi": "akhir",
                     "realisasi": 10.56, "target_tahunan": 8.0, "capaian": 68.0})
    hist = pd.DataFrame({"tahun": [2023, 2024, 2025], "realisasi": ["9,10", "8,90", "8,44"],
                         "realisasi_nilai": [9.10, 8.90, 8.44], "target_renstra": ["9", "8,8", "8,5"]})
    text = _banding_tahun_lalu(row, None, hist, 2026, 6, "Januari–Juni 2026")
    assert "naik 2,12 poin dibanding tahun 2025 (8,44%), sehingga kinerja memburuk" in text
    assert "Realisasi 2023–2025: 9,10% → 8,90% → 8,44%" in text and "dinilai setelah tahun berakhir" not in text
    # a summed indicator before December: the share of last year's total, and both capaian
    summed = pd.Series({**row.to_dict(), "indikator": "Jumlah pasien", "polaritas": "positif", "satuan": "orang",
                        "agregasi": "jumlah", "realisasi": 600.0, "capaian": 95.0})
    hist = pd.DataFrame({"tahun": [2025], "realisasi": ["1.000"], "realisasi_nilai": [1000.0], "target_renstra": ["1.100"]})
    text = _banding_tahun_lalu(summed, None, hist, 2026, 6, "Januari–Juni 2026")
    assert "atau 60,00% dari realisasi setahun tahun 2025 (1.000 orang)" in text
    assert "lebih tinggi 4,09 poin dari capaian tahun 2025 (90,91%)" in text
    none = _banding_tahun_lalu(row, None, hist.iloc[0:0], 2026, 6, "Januari–Juni 2026")
    assert none == "Realisasi Angka kemiskinan tahun-tahun sebelumnya belum tersedia, sehingga belum dapat dibandingkan."


def test_one_measured_target_is_not_called_all_one_of_them():
    """A unit with a single measured target read "Seluruh 1 target indikator" in its LKjIP."""
    from kinerja.core.predikat import muat_skala
    from kinerja.dokumen.narasi.ringkasan import kalimat_predikat_keseluruhan

    skala = muat_skala()
    for simpulan in (True, False):
        teks = kalimat_predikat_keseluruhan("Dinas X", "2026", 1, 1, 104.0, skala, simpulan=simpulan)
        assert "eluruh 1 " not in teks and "atu-satunya" in teks and "104,00%" in teks
