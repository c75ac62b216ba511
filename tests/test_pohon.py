"""The pohon kinerja: its formulir and validation, the tree with indikator_induk folded in,
the alignment checks (the sample's deliberate faults found, a clean tree finds nothing),
the picture (text escaped) and the pejabat's realisasi from cascaded indicators."""

import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import TAHUN as TAHUN_DASAR
from conftest import counts
from kinerja.analisis import dari_store as analisis
from kinerja.contoh import store as contoh
from kinerja.render.gambar_pohon import gambar_pohon
from kinerja.formulir.ingest import muat_berkas
from kinerja.analisis.keselarasan import periksa_keselarasan
from kinerja.dokumen.pohon_kinerja import pohon_kinerja, tulis_temuan
from kinerja.analisis.pohon import Pohon, baca_pohon, nilai_pohon, status_crosscutting
from kinerja.core.predikat import muat_skala

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
KOLOM_SIMPUL = ["id", "unit_kode", "kode", "induk_id", "tingkat", "kondisi", "penanggung_jawab", "sumber",
                "sumber_induk", "urutan"]


@pytest.fixture(scope="module")
def contoh_store():
    return contoh.store_contoh(TAHUN, BULAN)


def test_the_sample_tree_is_loaded_with_its_crosscutting(store):
    nodes = store.current("pohon", tahun=TAHUN_DASAR)
    assert {"nusa-rekaan", "dinkes"} <= set(nodes["unit_kode"])
    s1 = nodes[(nodes["unit_kode"] == "dinkes") & (nodes["kode"] == "S1")]
    assert len(s1) == 3 and set(s1["induk"]) == {"nusa-rekaan/SK3"}  # node fields filled down its rows
    cross = status_crosscutting(store.current("crosscutting"), store.current("unit"))
    dinkes = cross[cross["kontributor"] == "dinkes"].iloc[0]
    assert dinkes["status"] == "diterima" and dinkes["pengusul"] == "nusa-rekaan"
    assert set(cross.loc[cross["kontributor"] == "disnaker", "status"]) == {"diusulkan"}  # not loaded: no answer


def _rusak(sampel, tmp_path, edits):
    source = sampel / "dinkes" / f"POHON_{TAHUN_DASAR}.xlsx"
    wb = load_workbook(source)
    for sheet, cell, value in edits:
        wb[sheet][cell] = value
    path = tmp_path / "POHON.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("edits, kode, sel", [
    ([("Pohon Kinerja", "B14", "P 1!")], "V52", "B14"),
    ([("Pohon Kinerja", "D14", "cabang")], "V54", "D14"),
    ([("Pohon Kinerja", "C14", "S9")], "V55", "C14"),
    ([("Pohon Kinerja", "C14", "tidak-ada/SK1")], "V55", "C14"),
    ([("Pohon Kinerja", "C14", "K1.1")], "V56", "C14"),  # P1 under its own kegiatan: a cycle
    ([("Pohon Kinerja", "D12", "program")], "V53", "D12"),  # a later row of S1 names another level
    ([("Pohon Kinerja", "F12", "Angka kematian ibu")], "V11", "F12"),
    ([("Pohon Kinerja", "H12", "delapan belas")], "V12", "H12"),
    ([("Crosscutting", "C11", "dinas-hilang")], "V58", "C11"),
    ([("Crosscutting", "E11", "mungkin")], "V59", "E11"),
    ([("Crosscutting", "B11", "SK9")], "V55", "B11"),
])
def test_a_faulty_pohon_is_rejected_at_its_cell_and_changes_nothing(sampel, store, tmp_path, edits, kode, sel):
    before = counts(store), len(store.history("pohon"))
    hasil = muat_berkas(_rusak(sampel, tmp_path, edits), store, tmp_path / "arsip")
    assert hasil.status == "ditolak"
    assert any(m.kode == kode and m.sel == sel for m in hasil.galat), [str(m) for m in hasil.masalah]
    assert (counts(store), len(store.history("pohon"))) == before


def test_a_corrected_pohon_replaces_the_units_tree(sampel, store, tmp_path):
    wb = load_workbook(sampel / "dinkes" / f"POHON_{TAHUN_DASAR}.xlsx")
    ws = wb["Pohon Kinerja"]
    ws.delete_rows(18, 1)  # drop one kegiatan row
    path = tmp_path / "POHON_koreksi.xlsx"
    wb.save(path)
    before = store.current("pohon", unit_kode="dinkes")
    assert muat_berkas(path, store, tmp_path / "arsip").status == "dimuat"
    after = store.current("pohon", unit_kode="dinkes")
    assert len(after) == len(before) - 1 and len(store.history("pohon")) > len(before)


def test_the_sample_faults_are_found(contoh_store):
    pohon = baca_pohon(contoh_store, TAHUN)
    kum = analisis.capaian_kumulatif(contoh_store, None, TAHUN, BULAN)
    temuan = periksa_keselarasan(pohon, kum)
    by = {k: set(g["unit_kode"]) for k, g in temuan.groupby("kode")}
    assert by["K01"] == {"dlh"}  # the orphan PD sasaran
    assert by["K02"] == {"nusa-rekaan"} and set(temuan.loc[temuan["kode"] == "K02", "simpul"]) == {"nusa-rekaan/SK5"}
    assert by["K05"] == {"dpmd"} and by["K06"] == {"dispora"}  # pending, refused
    assert by["K07"] == {"disnaker"}  # its TPT target contradicts the kabupaten's
    assert by["K08"] == {"dpupr"}  # kegiatan km do not add up to the program's
    assert "disnaker" in by["K09"]  # reported TPT differs from the kabupaten's
    assert "K03" not in by and "K04" not in by
    # indikator_induk folded in: Dinas Sosial wrote no parent, its Renstra names Angka kemiskinan
    dinsos = pohon.simpul.set_index("id").loc["dinsos/S1"]
    assert dinsos["induk_id"] == "nusa-rekaan/SK1" and dinsos["sumber_induk"] == "indikator induk"


def _pohon(simpul_rows, indikator_rows=(), cross_rows=()):
    simpul = pd.DataFrame(simpul_rows, columns=["id", "induk_id", "tingkat"])
    simpul = simpul.assign(unit_kode=simpul["id"].str.split("/").str[0], kode=simpul["id"].str.split("/").str[1],
                           kondisi="k", penanggung_jawab=None, sumber="pohon kinerja",
                           sumber_induk="formulir", urutan=range(len(simpul)))[KOLOM_SIMPUL]
    ind = pd.DataFrame(list(indikator_rows), columns=["id", "indikator_kode", "satuan", "target"])
    ind = ind.assign(unit_kode=ind["id"].str.split("/").str[0], indikator=ind["indikator_kode"],
                     target_teks=ind["target"].astype(str))
    cross = pd.DataFrame(list(cross_rows), columns=["simpul", "pengusul", "kontributor", "peran", "status",
                                                    "keterangan", "dijawab"])
    units = pd.DataFrame({"kode": ["kab", "pd"], "nama": ["Kabupaten", "Dinas"], "jenis": ["kabupaten", "perangkat_daerah"],
                          "induk": [None, "kab"]})
    return Pohon("kab", 2026, simpul, ind, cross, units)


CLEAN = [("kab/T1", None, "tujuan"), ("kab/SK1", "kab/T1", "sasaran kabupaten"),
         ("pd/S1", "kab/SK1", "sasaran perangkat daerah"), ("pd/P1", "pd/S1", "program"),
         ("pd/K1", "pd/P1", "kegiatan"), ("pd/K2", "pd/P1", "kegiatan"), ("pd/J1", "pd/K1", "jabatan")]


def test_a_sound_tree_has_no_findings():
    inds = [("kab/SK1", "tpt", "%", 5.0), ("pd/S1", "tpt", "%", 5.0), ("pd/P1", "km", "km", 10.0),
            ("pd/K1", "km", "km", 4.0), ("pd/K2", "km", "km", 6.0)]
    assert periksa_keselarasan(_pohon(CLEAN, inds)).empty


def test_each_structural_fault_has_its_code():
    rows = CLEAN + [("pd/P2", None, "program"), ("pd/K3", "pd/S1", "kegiatan"), ("pd/K4", "pd/X9", "kegiatan")]
    inds = [("kab/SK1", "tpt", "%", 5.0), ("pd/S1", "tpt", "%", 4.0), ("pd/P1", "km", "km", 10.0),
            ("pd/K1", "km", "km", 4.0), ("pd/K2", "km", "km", 5.0)]
    cross = [("kab/SK1", "kab", "pd", "peran", "ditolak", "bukan tugas", True)]
    t = periksa_keselarasan(_pohon(rows, inds, cross))
    got = {(k, s) for k, s in zip(t["kode"], t["simpul"])}
    assert ("K03", "pd/P2") in got  # program without parent
    assert ("K04", "pd/K3") in got  # kegiatan under a sasaran
    assert ("K04", "pd/K4") in got  # a parent that does not exist
    assert ("K07", "pd/S1") in got  # 4 % against the kabupaten's 5 %
    assert ("K08", "pd/P1") in got  # 4 + 5 km ≠ 10 km
    assert ("K06", "kab/SK1") in got and "bukan tugas" in t.loc[t["kode"] == "K06", "uraian"].item()


def test_a_kabupaten_sasaran_served_only_by_accepted_crosscutting_is_served():
    rows = [("kab/T1", None, "tujuan"), ("kab/SK1", "kab/T1", "sasaran kabupaten")]
    found = periksa_keselarasan(_pohon(rows, cross_rows=[("kab/SK1", "kab", "pd", "", "diterima", None, True)]))
    assert "K02" not in set(found["kode"])
    found = periksa_keselarasan(_pohon(rows, cross_rows=[("kab/SK1", "kab", "pd", "", "diusulkan", None, False)]))
    assert {"K02", "K05"} <= set(found["kode"])


def test_the_picture_escapes_text_from_data():
    p = _pohon(CLEAN)
    p.simpul.loc[1, "kondisi"] = '<script>alert(1)</script> \\l "kutip"'
    ind = pd.DataFrame(columns=["id", "unit_kode", "indikator_kode", "indikator", "capaian"])
    nodes = p.simpul.assign(capaian=float("nan"), ada_data=False)
    svg = gambar_pohon(p, (ind, nodes), muat_skala()).pipe(format="svg", encoding="utf-8")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "\\l" in svg  # the backslash stays a character, not a Graphviz escape


def test_node_capaian_is_the_units_capaian(contoh_store):
    pohon = baca_pohon(contoh_store, TAHUN)
    kum = analisis.capaian_kumulatif(contoh_store, None, TAHUN, BULAN)
    ind, _ = nilai_pohon(pohon, kum)
    row = ind[(ind["id"] == "dinkes/S1") & (ind["indikator"] == "Persentase balita stunting")].iloc[0]
    own = kum[(kum["unit_kode"] == "dinkes") & (kum["indikator"] == "Persentase balita stunting")].iloc[0]
    assert row["capaian"] == own["capaian"]
    share = ind[(ind["id"] == "dpupr/K2.1") & (ind["indikator"] == "Panjang jalan yang direhabilitasi")].iloc[0]
    assert pd.isna(share["capaian"]) and "bagian dari target" in share["catatan"]  # a share is another measure


def test_a_sasaran_node_whose_tree_target_differs_keeps_the_units_capaian_and_names_the_difference(contoh_store):
    """A perangkat daerah sasaran node is the unit's PK indicator: a tree target that differs from the
    PK's (Renstra 3,5 against PK 5,04) dropped the indicator from the node's roll-up as if it were a
    kegiatan's share (the node showed 97,53 % of two indicators where every document says 97,16 %)."""
    import dataclasses

    pohon = baca_pohon(contoh_store, TAHUN)
    kum = analisis.capaian_kumulatif(contoh_store, None, TAHUN, BULAN)
    name = "Persentase balita stunting"
    hit = (pohon.indikator["id"] == "dinkes/S1") & (pohon.indikator["indikator"] == name)
    assert hit.sum() == 1
    lain = pohon.indikator.assign(target=pohon.indikator["target"].where(~hit, 99.5))
    ind, simpul = nilai_pohon(dataclasses.replace(pohon, indikator=lain), kum)
    _, asli = nilai_pohon(pohon, kum)
    row = ind[(ind["id"] == "dinkes/S1") & (ind["indikator"] == name)].iloc[0]
    own = kum[(kum["unit_kode"] == "dinkes") & (kum["indikator"] == name)].iloc[0]
    assert row["capaian"] == own["capaian"] and "berbeda dari target PK" in row["catatan"], row["catatan"]
    node = simpul.set_index("id").loc["dinkes/S1", "capaian"]
    assert node == asli.set_index("id").loc["dinkes/S1", "capaian"]


def test_a_pejabat_gets_the_realisasi_of_the_indicator_cascaded_to_him(contoh_store):
    mine = analisis.capaian_kumulatif(contoh_store, "dinkes-kesmas", TAHUN, BULAN).set_index("indikator")
    pd_ = analisis.capaian_kumulatif(contoh_store, "dinkes", TAHUN, BULAN).set_index("indikator")
    name = "Persentase balita stunting"
    assert mine.loc[name, "realisasi"] == pd_.loc[name, "realisasi"] and pd.notna(mine.loc[name, "capaian"])
    months = analisis.tabel_bulanan(contoh_store, "dinkes-kesmas", TAHUN)
    notes = months[(months["indikator"] == name) & months["realisasi"].notna()]["keterangan"]
    assert notes.str.startswith("dijenjangkan dari Dinas Kesehatan").all()
    own = [i for i in mine.index if i != name]
    assert own and mine.loc[own, "capaian"].isna().all()  # his own indicator: nothing reported, nothing invented


def test_the_document_and_the_findings_spreadsheet(contoh_store, tmp_path):
    lap = pohon_kinerja(contoh_store, "dpupr", TAHUN, BULAN)
    assert list(lap.temuan["kode"]) == ["K08"]
    assert lap.tabel_indikator().data["Simpul"].str.startswith("dpupr/").all()
    path = lap.simpan(tmp_path)
    ws = load_workbook(path).active
    assert ws["A1"].value == "Kode" and ws["A2"].value == "K08"
    html = tulis_temuan(lap.temuan.assign(uraian="=1+1 <b>x</b>"), tmp_path / "t.html").read_text()
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    xlsx = load_workbook(tulis_temuan(lap.temuan.assign(uraian="=1+1"), tmp_path / "t.xlsx")).active
    assert xlsx["F2"].data_type == "s"  # text from data is never a formula
    shutil.rmtree(tmp_path / "t.xlsx", ignore_errors=True)


def test_a_unit_without_a_tree_is_named_once_with_its_sentence():
    """K10: nodes taken from the Renstra (the unit sent no pohon kinerja) give one finding per
    unit with the whole sentence (a plain string was once split into its characters and the
    check raised on any such unit)."""
    p = _pohon(CLEAN)
    p.simpul.loc[p.simpul["unit_kode"] == "pd", "sumber"] = "Renstra"
    t = periksa_keselarasan(p)
    k10 = t[t["kode"] == "K10"]
    assert list(k10["unit_kode"]) == ["pd"]
    assert k10["uraian"].item().startswith("Unit ini belum menyampaikan pohon kinerja tahun 2026")
