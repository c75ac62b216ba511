"""One capaian per unit, indicator and period; gaps named; implausible numbers flagged;
signed forms. On the sample kabupaten (its deliberate faults included)."""

import pandas as pd

import pytest

from kinerja.analisis import dari_store as analisis
from kinerja.halaman import dasbor
import kinerja
from kinerja.dokumen.craapk import craapk_dari_data
from kinerja.dokumen.lkjip_bab import LaporanLkjip
from kinerja.contoh.data import SALAH_KETIK
from kinerja.contoh.nilai import _tulis
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.core.kewajaran import Kewajaran, muat_kewajaran, periksa_kewajaran
from kinerja.core.kosakata import TANDA_VERIFIKASI
from kinerja.dokumen.pengesahan import pernyataan_pk
from kinerja.store.store import Store

TAHUN, BULAN = 2026, 9


@pytest.fixture(scope="module")
def store():
    """The whole sample kabupaten to September (read only): every unit, its late and
    missing months and its deliberate typo."""
    from kinerja.contoh.store import store_contoh

    return store_contoh()


@pytest.fixture(scope="module")
def semua(store):
    return analisis.capaian_kumulatif(store, None, TAHUN, BULAN)


def test_sample_writes_whole_numbers_with_decimals_intact():
    # "48,0" used to lose three characters and become "4"; "4,0" became an empty cell.
    assert _tulis(48.0, 1) == "48" and _tulis(4.0, 1) == "4" and _tulis(4.25, 2) == "4,25"
    assert _tulis(1250.0, 0) == "1.250"


def test_every_document_and_page_gives_one_capaian_per_unit_indicator_and_period(store, semua):
    k = dasbor.konteks(store.url, tahun=TAHUN, bulan=BULAN)
    page = dasbor.semua_indikator(k).set_index(["unit_kode", "indikator_kode"])["capaian"]
    # The Perangkat Daerah page builds its CRAAPK from the all-units tables.
    monthly = analisis.capaian_bulanan(store, None, TAHUN)
    units = store.current("unit").set_index("kode")
    for unit in ("dinkes", "bpbd", "kec-utara", "dispar", "nusa-rekaan"):
        craapk = kinerja.craapk(store, unit, TAHUN, BULAN).kumulatif.set_index("indikator_kode")["capaian"]
        lkjip = kinerja.lkjip(store, unit, TAHUN)
        assert lkjip.sampai_bulan == BULAN  # the same period for every unit of the kabupaten
        lk = lkjip.kumulatif.set_index("indikator_kode")["capaian"]
        mine = semua[semua["unit_kode"] == unit].reset_index(drop=True)
        paged = craapk_dari_data(units.loc[unit].to_dict() | {"kode": unit}, TAHUN, BULAN, k.skala,
                                         monthly[monthly["unit_kode"] == unit].reset_index(drop=True), mine,
                                         pd.DataFrame()).kumulatif.set_index("indikator_kode")["capaian"]
        for kode in craapk.index:
            values = {craapk[kode], lk[kode], page[(unit, kode)], paged[kode]}
            values = {round(v, 9) for v in values if not pd.isna(v)}
            assert len(values) <= 1, (unit, kode, values)
        # The measurement table shows that same number, formatted once.
        shown = lkjip.tabel_pengukuran().isi()
        col = shown["kolom"].index("Capaian (%)")
        assert [r[col] for r in shown["baris"]] == [
            ("–" if pd.isna(v) else f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."))
            + (f" {TANDA_VERIFIKASI}" if ragu and not pd.isna(v) else "")  # a value to verify is marked
            for v, ragu in zip(lkjip.kumulatif["capaian"], lkjip.kumulatif["ragu"])]


def test_annual_target_is_shown_beside_never_the_denominator(semua):
    jumlah = semua[(semua["agregasi"] == "jumlah") & semua["capaian"].notna() & semua["dihitung"]]
    assert not jumlah.empty
    # Nine months of a sum are compared with nine months of targets, not with the year's.
    assert (jumlah["target"].astype(float) < jumlah["target_tahunan_nilai"]).all()


def test_a_month_not_reported_leaves_both_sides_and_is_named(store, semua):
    gaps = semua[(semua["bulan_kosong"].map(len) > 0) & (semua["agregasi"] == "jumlah") & semua["capaian"].notna()]
    assert not gaps.empty
    row = gaps.iloc[0]
    monthly = analisis.tabel_bulanan(store, row["unit_kode"], TAHUN)
    monthly = monthly[(monthly["indikator_kode"] == row["indikator_kode"]) & (monthly["bulan"] <= BULAN)]
    reported = monthly["realisasi_nilai"].notna()
    assert row["target"] == pytest.approx(monthly.loc[reported, "target_nilai"].sum())
    assert set(row["bulan_kosong"]) == set(monthly.loc[~reported, "bulan"])
    catatan = analisis.catatan_periode(gaps.head(1)).iloc[0]
    assert catatan.startswith("Belum dilaporkan: ")


def test_a_craapk_for_a_month_not_received_says_so_first(store):
    missing = kepatuhan(store, TAHUN, BULAN)
    missing = missing[(missing["status"] == "belum menyampaikan") & (missing["jenis"] == "perangkat_daerah")]
    assert not missing.empty, "the sample has units whose latest CRAAPK never arrived"
    lap = kinerja.craapk(store, missing["kode"].iloc[0], TAHUN, BULAN)
    assert lap.peringatan[0].startswith(f"CRAAPK bulan September {TAHUN} dari ")
    assert "belum diterima" in lap.peringatan[0]
    assert BULAN in lap.kumulatif["bulan_kosong"].explode().dropna().astype(int).tolist()


def test_the_deliberate_typo_is_flagged_and_kept_out_of_the_mean(store, semua):
    unit, _ = SALAH_KETIK
    mine = semua[semua["unit_kode"] == unit]
    flagged = mine[mine["verifikasi"].map(len) > 0]
    assert len(flagged) == 1 and flagged["capaian"].iloc[0] > 200 and not flagged["dihitung"].iloc[0]
    r = analisis.ringkasan_unit(store, TAHUN, BULAN, kum=semua).set_index("unit_kode")
    assert r.loc[unit, "capaian"] == pytest.approx(mine.loc[mine["dihitung"], "capaian"].mean())
    assert r.loc[unit, "perlu_verifikasi"] == 1
    lap = kinerja.craapk(store, unit, TAHUN, BULAN)
    table = lap.tabel_kumulatif().isi()
    assert "Catatan" in table["kolom"] and any("Perlu diverifikasi" in c for row in table["baris"] for c in row)
    assert any("perlu diverifikasi" in s for s in lap.narasi)
    assert "perlu diverifikasi" in kinerja.lkjip(store, unit, TAHUN).penutup
    # The page lists it apart and leaves it out of the gaps.
    k = dasbor.konteks(store.url, tahun=TAHUN, bulan=BULAN)
    assert unit not in set(dasbor.kesenjangan(k, n=None)["unit_kode"][lambda s: s == unit].tolist()) or \
        not dasbor.kesenjangan(k, n=None).query("unit_kode == @unit")["indikator_kode"].isin(
            flagged["indikator_kode"]).any()


def test_plausibility_rules_and_confirmation(tmp_path):
    kum = pd.DataFrame({"unit_kode": ["a"] * 4, "indikator_kode": ["i", "j", "k", "l"],
                        "capaian": [635.0, 5.0, 95.0, 98.0], "realisasi": [25.4, 2.0, 40.0, 49.0],
                        "target_tahunan": ["4", "40", "4,8", "50"], "target_tahunan_nilai": [4.0, 40.0, 4.8, 50.0],
                        "agregasi": ["akhir", "akhir", "akhir", "jumlah"]})
    renstra = pd.Series([4.0, 40.0, 48.0, 50.0], index=pd.MultiIndex.from_tuples([("a", x) for x in "ijkl"]))
    monthly = pd.DataFrame({"unit_kode": "a", "indikator_kode": "l", "bulan": [1, 2, 3],
                            "target": ["5", None, "–"], "agregasi": "jumlah"})
    alasan, ok = periksa_kewajaran(kum, monthly, renstra, 2026, 3, Kewajaran())
    assert "di atas batas kewajaran" in alasan[0][0]
    assert "di bawah batas kewajaran" in alasan[1][0]
    assert "orde besaran" in alasan[2][0]
    assert alasan[3] == ["target bulan Februari kosong di RAAPK (bukan tanda –)"]
    assert ok.tolist() == [False, False, False, False]
    conf = tmp_path / "kewajaran.yaml"
    conf.write_text("capaian_maks: 700\ndikonfirmasi:\n  - {unit: a, indikator: k, tahun: 2026, catatan: PK perubahan}\n")
    aturan = muat_kewajaran(conf)
    alasan, ok = periksa_kewajaran(kum, monthly, renstra, 2026, 3, aturan)
    assert alasan[0] == [] and ok.tolist() == [True, False, True, False]
    assert alasan[2][-1] == "telah dikonfirmasi evaluator"
    conf.write_text("rasio_renstra: satu\n")
    with pytest.raises(Exception, match="rasio_renstra harus angka"):
        muat_kewajaran(conf)


def test_efficiency_compares_absorption_with_the_plan_to_the_same_month(store, semua):
    unit = "dinkes"
    mine = semua[semua["unit_kode"] == unit]
    eff = analisis.efisiensi_sasaran(mine, analisis.tabel_bulanan(store, unit, TAHUN),
                                     analisis.anggaran_program(store, unit, TAHUN), BULAN)
    row = eff.iloc[0]
    assert row["program"] and row["penyerapan"] == pytest.approx(row["realisasi_anggaran"] / row["rencana_anggaran"] * 100)
    assert row["indeks_efisiensi"] == pytest.approx(row["capaian"] / row["penyerapan"])
    # At year end the pagu is the basis.
    year = analisis.efisiensi_sasaran(mine, analisis.tabel_bulanan(store, unit, TAHUN),
                                      analisis.anggaran_program(store, unit, TAHUN), 12).iloc[0]
    assert year["penyerapan"] == pytest.approx(year["penyerapan_pagu"])


def test_kabupaten_penyerapan_is_sum_over_sum(store, semua):
    r = analisis.ringkasan_unit(store, TAHUN, BULAN, kum=semua)
    serap, _ = analisis.penyerapan_total(r)
    assert serap == pytest.approx(r["realisasi_anggaran"].sum() / r["pagu"].sum() * 100)
    assert abs(serap - r["penyerapan"].mean()) > 1e-6  # an unweighted mean would differ


def test_pernyataan_pk_per_level(store):
    units = store.current("unit")
    for kode, pihak in (("nusa-rekaan", 1), ("dinkes", 2), ("dinkes-kesmas", 2)):
        info = units.set_index("kode").loc[kode].to_dict() | {"kode": kode}
        teks, ttd = pernyataan_pk(units, info, TAHUN)
        assert teks[0].startswith("Dalam rangka mewujudkan manajemen pemerintahan yang efektif")
        assert any("berjanji akan mewujudkan target kinerja" in t for t in teks)
        assert len(ttd.blok) == pihak and ttd.isi()["gaya"] == "ttd"
        assert any("Nusa Rekaan, ………………… 2026" in line for col in ttd.blok for line in col)
    info = units.set_index("kode").loc["dinkes-kesmas"].to_dict() | {"kode": "dinkes-kesmas"}
    teks, ttd = pernyataan_pk(units, info, TAHUN)
    assert "Kepala Dinas Kesehatan," in ttd.blok[0]  # pihak kedua of a pejabat is the head of its unit


def test_document_workbooks_hold_real_numbers_and_text_only_for_bands_and_grades(store, tmp_path):
    from openpyxl import load_workbook

    (path,) = kinerja.pk(store, "nusa-rekaan", TAHUN).simpan(tmp_path)
    ws = load_workbook(path)["PK"]
    targets = {ws[f"C{r}"].value: ws[f"E{r}"] for r in range(11, ws.max_row + 1) if ws[f"C{r}"].value}
    assert isinstance(targets["Angka kemiskinan"].value, float) and targets["Angka kemiskinan"].number_format == "#,##0.00"
    assert targets["Laju inflasi"].value == "3±1" and targets["Opini BPK atas LKPD"].value == "WTP"
    assert "Pernyataan" in load_workbook(path).sheetnames
    # Read back, a number keeps the text its cell shows ("8,88", never "8.88").
    from kinerja.formulir.ingest import muat_berkas
    import shutil

    copy = tmp_path / "k.sqlite"
    shutil.copy(store.url.removeprefix("sqlite:///"), copy)
    mine = Store(f"sqlite:///{copy}")
    assert muat_berkas(path, mine, tmp_path / "arsip").status == "dimuat"
    pk = mine.current("target", unit_kode="nusa-rekaan", dokumen="pk", tahun=TAHUN).set_index("indikator_kode")
    assert pk.loc["angka kemiskinan", "nilai_teks"] == "8,88" and pk.loc["angka kemiskinan", "nilai"] == 8.88


def test_lkjip_bab_i_comes_from_the_profile(store):
    lap = kinerja.lkjip(store, "dinkes", TAHUN)
    parts = lap.gambaran_umum()
    tables = [p for p in parts if hasattr(p, "isi")]
    assert [t.isi()["kolom"][0] for t in tables] == ["Golongan", "Pendidikan"]
    totals = [t.isi()["baris"][-1] for t in tables]
    assert totals[0][0] == "Jumlah" and totals[0][1] == totals[1][1]  # the same staff counted twice
    text = " ".join(p.data for p in parts if isinstance(getattr(p, "data", None), str))
    assert "Tugas dan fungsi" in text and "Isu strategis" in text
    units = store.current("unit")
    bare = LaporanLkjip(units.set_index("kode").loc["dinkes"].to_dict() | {"kode": "dinkes"}, TAHUN, BULAN,
                                lap.skala, lap.kumulatif, lap.riwayat, lap.anggaran, [], "", "", lap.pejabat)
    assert "belum dimuat" in " ".join(p.data for p in bare.gambaran_umum() if isinstance(p.data, str))


def test_html_numbers_tables_and_figures_and_lists_them_after_a_cover():
    from kinerja.run.batch import _nomori

    body = ('<h1 id="T">LKjIP</h1><p>sampul</p><hr><h2 id="a">Bab I</h2><table><caption>Capaian &lt;x&gt;</caption>'
            '</table><h3 id="b">A. Latar</h3><img src="data:image/png;base64,AA"><table><caption>Dua</caption></table>')
    out = _nomori(body)
    assert "<caption>Tabel 1. Capaian &lt;x&gt;</caption>" in out and "<caption>Tabel 2. Dua</caption>" in out
    assert '<p class="keterangan" id="gambar-1">Gambar 1</p>' in out
    nav = out[out.index("<nav"):out.index("</nav>")]
    assert '<a href="#a">Bab I</a>' in nav and '<a href="#b">A. Latar</a>' in nav
    assert '<a href="#tabel-2">Tabel 2. Dua</a>' in nav and '<a href="#gambar-1">Gambar 1</a>' in nav
    assert out.index("<nav") > out.index("<hr>")  # after the cover
    # A form without a cover gets numbered captions but no lists.
    plain = _nomori('<h1 id="T">CRAAPK</h1><h2 id="a">Unit</h2><table><caption>X</caption></table>')
    assert "<nav" not in plain and "Tabel 1. X" in plain


def test_form_tables_carry_the_regulations_column_numbers(store, tmp_path):
    import nbformat
    from docx import Document

    from kinerja.render.tabel import MIME_TABEL
    from kinerja.render.word import tulis_docx

    t = kinerja.craapk(store, "dinkes", TAHUN, BULAN).tabel_kinerja()
    # the Perbup's CRAAPK kinerja part from (1) No and (2) Sasaran
    assert t.isi()["nomor"] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "", "(10)"]
    assert '<tr class="nomor">' in t.html() and ">(8)<" in t.html()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={MIME_TABEL: t.isi(), "text/plain": "t"})])])
    row = Document(str(tulis_docx(nb, tmp_path / "t.docx"))).tables[0].rows[1]
    assert [c.text for c in row.cells] == t.isi()["nomor"]


def test_pdf_paper_is_a4_or_f4(tmp_path):
    """The printed page size follows --kertas; chromium prints what @page asks."""
    from pypdf import PdfReader

    from kinerja.run import batch

    sizes = {}
    for kertas in ("a4", "f4"):
        out = tmp_path / kertas
        m = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["pk"], jobs=1, contoh=True, keluaran=out,
                                 progress=False, kertas=kertas)
        assert m["tugas"][0]["status"] == "berhasil", m["tugas"][0]["galat"]
        box = PdfReader(str(out / str(TAHUN) / "dinkes" / "pk.pdf")).pages[0].mediabox
        sizes[kertas] = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
    assert sizes == {"a4": (210, 297), "f4": (215, 330)}
    with pytest.raises(Exception, match="kertas"):
        batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["pk"], contoh=True, keluaran=tmp_path, kertas="letter")
