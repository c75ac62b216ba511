"""The PK fit to sign and the forms laid out as Peraturan Bupati Buleleng Nomor 59 Tahun 2023
lays them out (issue 23, items 4 and 5), on the tests' sample store (January–March)."""

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from docx import Document

from conftest import BULAN, TAHUN
import kinerja
from kinerja.dokumen import pengesahan
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.ingest import muat_berkas
from kinerja.formulir.templat import tulis_formulir
from kinerja.render.tabel import MIME_TABEL
from kinerja.render.word import tulis_docx
from kinerja.store.store import Store

CSS = (Path(kinerja.__file__).parent / "render" / "templat" / "dokumen.css").read_text(encoding="utf-8")


def _notebook(name: str) -> dict:
    return json.loads((Path(__file__).parents[1] / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))


def _units(store) -> tuple[pd.DataFrame, dict]:
    units = store.current("unit")
    return units, {k: units.set_index("kode").loc[k].to_dict() | {"kode": k} for k in units["kode"]}


# --- item 4: the PK fit to sign -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["pk", "rkt", "raapk"])
def test_a_signed_plan_document_shows_no_word_about_the_software_and_no_reviu(name):
    """What the document shows is its markdown and what its cells display: no sentence about the
    software, no 'Reviu otomatis' section, no capaian in an agreement of targets; the reviu is
    printed (a notebook stream, which no document holds)."""
    nb = _notebook(name)
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "Reviu" not in markdown and "ditampilkan di bawahnya" not in markdown and "Daftar Unit" not in markdown
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "kinerja.craapk" not in code and "bulan" not in re.sub(r"#[^\n]*", "", code)  # targets, whatever the month
    shown = [line for line in code.splitlines() if "lap.reviu" in line]
    assert shown and all(line.startswith("print(") for line in shown)


def test_the_pernyataan_and_its_signatures_are_one_block_kept_on_one_page(store, tmp_path):
    lap = kinerja.pk(store, "dinkes", TAHUN)
    html = lap.pernyataan()._repr_mimebundle_()["text/html"]
    block = re.search(r'<section class="kinerja-pernyataan">(.*)</section>', html, re.S)
    assert block and "Dalam rangka mewujudkan" in block.group(1) and "Pihak Pertama," in block.group(1)
    assert re.search(r"section\.kinerja-pernyataan\{[^}]*break-inside:avoid", CSS)
    # Word: the statement's paragraphs and the signature rows keep with what follows them
    cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={MIME_TABEL: lap.pernyataan().isi(), "text/plain": "x"})])
    doc = Document(str(tulis_docx(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "pk.docx")))
    statement = [p for p in doc.paragraphs if p.text.startswith(("Dalam rangka", "Pihak pertama berjanji"))]
    assert len(statement) == 2 and all(p.paragraph_format.keep_with_next for p in statement)
    assert "Pihak Pertama," in [c.text for row in doc.tables[0].rows for c in row.cells]


def test_pk_tables_start_at_no_and_list_what_the_level_agrees_on(store):
    pd_pk = kinerja.pk(store, "dinkes", TAHUN)
    target = pd_pk.tabel_target().isi()
    assert target["kolom"] == ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"]
    assert target["nomor"] == ["(1)", "(2)", "(3)", "(4)", "(5)"] and target["baris"][0][0] == "1"
    program = pd_pk.tabel_anggaran().isi()
    assert program["kolom"] == ["No", "Program", "Anggaran (Rp)", "Keterangan"]
    assert all(row[3] != "" for row in program["baris"])  # the Keterangan the PK gives (APBD)
    pejabat = kinerja.pk(store, "dinkes-kesmas", TAHUN)
    assert pejabat.tabel_target().isi()["kolom"][1] == "Sasaran (Program/Kegiatan)"
    kegiatan = pejabat.tabel_anggaran().isi()
    assert kegiatan["kolom"][1] == "Kegiatan" and kegiatan["judul"].startswith("Kegiatan dan anggaran")
    assert "Polaritas" not in pejabat.tabel_target().isi()["kolom"]  # kinerja's own columns are not agreed on


def test_signatures_name_the_holders_from_the_daftar_unit_and_the_bupati_has_no_nip(store):
    units, info = _units(store)
    kab, dinkes = info["nusa-rekaan"], info["dinkes"]
    assert dinkes["nama_pimpinan"] and dinkes["nip_pimpinan"]  # the sample's Daftar Unit names them
    teks, ttd = pengesahan.pernyataan_pk(units, dinkes, TAHUN)
    lines = [line for col in ttd.blok for line in col]
    assert f"Nama : {dinkes['nama_pimpinan']}" in teks and f"Nama : {kab['nama_pimpinan']}" in teks
    assert dinkes["nama_pimpinan"] in ttd.blok[1] and f"NIP. {dinkes['nip_pimpinan']}" in ttd.blok[1]
    assert kab["nama_pimpinan"] in ttd.blok[0] and not any(line.startswith("NIP") for line in ttd.blok[0])
    assert not any("……………" in line for line in lines if not line.startswith("Nusa Rekaan,"))
    teks, ttd = pengesahan.pernyataan_pk(units, kab, TAHUN)
    assert not any("NIP" in line for col in ttd.blok for line in col) and not any("NIP" in t for t in teks)
    for lap in (kinerja.rkt(store, "nusa-rekaan", TAHUN), kinerja.craapk(store, "nusa-rekaan", TAHUN, BULAN)):
        assert not any("NIP" in line for col in lap.tanda_tangan().blok for line in col)
    # a Daftar Unit without the holder's name says so, instead of dots that look filled in
    bare = units.assign(nama_pimpinan=None, nip_pimpinan=None)
    _, ttd = pengesahan.pernyataan_pk(bare, bare.set_index("kode").loc["dinkes"].to_dict() | {"kode": "dinkes"}, TAHUN)
    assert ttd.blok[1][-2:] == [pengesahan.NAMA_KOSONG, "NIP. (belum diisi pada Daftar Unit)"]


def test_an_older_daftar_unit_without_the_holders_columns_still_loads(tmp_path):
    path = tmp_path / "unit.xlsx"
    tulis_formulir(FORMULIR["UNIT"], path, tahun=TAHUN, baris=[
        {"no": 1, "kode": "kab", "nama": "Pemerintah Kabupaten Rekaan", "jenis": "kabupaten",
         "jabatan": "Bupati Rekaan", "nama_pimpinan": "Rekaan"}])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.delete_cols(7, 2)  # the template of an older kinerja: six columns
    wb.save(path)
    store = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    hasil = muat_berkas(path, store, tmp_path / "arsip")
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    assert store.current("unit")["nama_pimpinan"].isna().all()


# --- item 5: the forms as the Perbup's ----------------------------------------------------------

def test_the_craapk_kinerja_part_starts_at_no_and_sasaran(store):
    t = kinerja.craapk(store, "dinkes", TAHUN, BULAN).tabel_kinerja().isi()
    assert t["kolom"][:3] == ["No", "Sasaran Strategis", "Indikator Kinerja"]
    assert t["nomor"][:6] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"] and t["nomor"][-1] == "(10)"
    assert [r[0] for r in t["baris"][:BULAN + 1]] == ["1"] + [""] * (BULAN - 1) + ["2"]  # once per indicator


def test_the_craapk_anggaran_part_has_the_months_ket_and_penanggung_jawab(store):
    lap = kinerja.craapk(store, "dinkes", TAHUN, BULAN)
    t = lap.tabel_anggaran().isi()
    numbered = dict(zip(t["nomor"], t["kolom"]))
    assert {"(11)", "(12)", "(13)", "(14)", "(15)", "(16)", "(17)", "(18)"} <= set(numbered)
    assert numbered["(17)"] == "Ket Anggaran" and numbered["(18)"] == "Penanggung Jawab"
    programs = lap.anggaran["program"].nunique()
    assert len(t["baris"]) == programs * BULAN  # every month up to the report month, each program once
    bulan = t["kolom"].index("Bulan Anggaran")
    assert [r[bulan] for r in t["baris"][:BULAN]] == ["Januari", "Februari", "Maret"]
    who = t["kolom"].index("Penanggung Jawab")
    assert sum(r[who] != "" for r in t["baris"]) == programs


def test_the_raapk_form_has_the_perbups_columns_and_their_numbers(store):
    t = kinerja.raapk(store, "dinkes", TAHUN).tabel_formulir().isi()
    assert t["nomor"] == [f"({i})" for i in range(1, 13)]
    assert t["kolom"][:3] == ["No", "Sasaran Strategis", "Indikator Kinerja Utama (IKU)"]
    n = store.current("target", unit_kode="dinkes", dokumen="raapk", tahun=TAHUN)["indikator_kode"].nunique()
    assert len(t["baris"]) == 12 * n and t["baris"][0][5] == "JANUARI" and t["baris"][11][5] == "DESEMBER"


def test_the_rkt_of_a_perangkat_daerah_is_one_13_column_table_without_repeated_rows(store):
    lap = kinerja.rkt(store, "dinkes", TAHUN)
    t = lap.tabel_formulir().isi()
    assert t["nomor"] == [f"({i})" for i in range(1, 14)] and t["kolom"][-1] == "Penanggung Jawab"
    rows = pd.DataFrame(t["baris"], columns=t["kolom"])
    assert rows["Indikator Kinerja"].replace("", None).dropna().tolist() == lap.target["Indikator Kinerja"].tolist()
    subs = rows[rows["Anggaran Sub Kegiatan (Rp)"] != ""]
    assert not subs.duplicated(["Kegiatan", "Sub Kegiatan"]).any()  # each sub kegiatan once, its pagu once
    money = store.current("anggaran", unit_kode="dinkes", dokumen="rkt", tahun=TAHUN)
    listed = money[money["sub_kegiatan"].notna()].drop_duplicates(["program", "kegiatan", "sub_kegiatan"])
    assert len(subs) == len(listed) and (subs["Penanggung Jawab"] != "").all()
    # a kegiatan listed under a second indicator keeps its link there, named with the first one's number
    assert rows["Kegiatan"].str.contains(r"\(lihat No\. \d+\)").any()


def test_efficiency_never_counts_a_pagu_shared_by_sasaran_once_per_sasaran(store):
    lap = kinerja.craapk(store, "nusa-rekaan", TAHUN, BULAN)
    eff = lap.efisiensi
    assert len(eff) > 1 and eff["dibagi"].all()
    linked = set(p for programs in eff["program"] for p in programs)
    now = lap.anggaran[(lap.anggaran["bulan"] == BULAN) & lap.anggaran["program"].isin(linked)]
    assert eff["pagu"].sum() == pytest.approx(now["pagu"].sum())  # each program's pagu once in all
    assert eff["realisasi_anggaran"].sum() == pytest.approx(now["realisasi_kumulatif"].sum())
    assert "dibagi" in lap.tabel_efisiensi().isi()["judul"]
