"""Regenerated formulir keep every value of the workbooks they came from, cell by cell (as
the reader sees it: kinerja writes numbers as numbers with their number format).

The sample kabupaten's own workbooks are the originals: RKT, PK (with its Program sheet and
Keterangan), RAAPK and the latest CRAAPK of the kabupaten, a perangkat daerah and a pejabat
are filled again from the store and compared with them. Only the columns kinerja computes
(capaian, capaian anggaran), which the clerks leave empty, may differ.
"""

import datetime as dt

import pytest
from openpyxl import load_workbook

from kinerja.contoh import store as contoh
import kinerja
from kinerja.dokumen.rencana import rencana
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import BARIS_DATA
from kinerja.formulir.ingest import muat_berkas
from kinerja.formulir.masalah import teks_angka
from kinerja.store.store import Store

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
DIHITUNG = {"capaian", "capaian_anggaran"}  # computed by kinerja, left empty by the units


def _rows(path) -> dict[str, list[dict]]:
    book = load_workbook(path)
    out = {}
    for ws in book.worksheets:
        f = next((f for f in FORMULIR.values() if f.kode == ws["B3"].value), None)
        if f is None:
            continue
        fields = f.fields()
        rows = []
        for cells in ws.iter_rows(min_row=BARIS_DATA, max_col=len(fields)):
            # As the reader sees a cell: a number through its number format (the clerk's "90,80"
            # typed as text and kinerja's 90.8 shown with two decimals are the same cell).
            values = [teks_angka(c.value, c.number_format) if isinstance(c.value, (int, float)) else c.value
                      for c in cells]
            if any(v not in (None, "") for v in values):
                rows.append({k: v for k, v in zip(fields, values) if k not in DIHITUNG})
        out[ws.title] = rows
    return out


@pytest.fixture(scope="module")
def sampel():
    store = contoh.store_contoh(TAHUN, BULAN)
    return store, contoh.folder_contoh() / f"sampel-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"


@pytest.mark.parametrize("unit,dokumen,berkas", [
    ("nusa-rekaan", "rkt", "RKT"), ("dinkes", "rkt", "RKT"), ("nusa-rekaan", "pk", "PK"), ("dinkes", "pk", "PK"),
    ("dinkes-kesmas", "pk", "PK"), ("nusa-rekaan", "raapk", "RAAPK"), ("dinkes", "raapk", "RAAPK")])
def test_regenerated_plan_formulir_equals_the_original_cell_by_cell(sampel, tmp_path, unit, dokumen, berkas):
    store, folder = sampel
    (path,) = rencana(store, unit, TAHUN, dokumen).simpan(tmp_path)
    original = _rows(folder / unit / f"{berkas}_{TAHUN}.xlsx")
    assert _rows(path) == original
    assert sum(len(r) for r in original.values()) > 0


@pytest.mark.parametrize("unit", ["nusa-rekaan", "dinkes"])
def test_regenerated_craapk_equals_the_latest_original(sampel, tmp_path, unit):
    store, folder = sampel
    path = tmp_path / "craapk.xlsx"
    kinerja.craapk(store, unit, TAHUN, BULAN).tulis_formulir(path)
    assert _rows(path) == _rows(folder / unit / f"CRAAPK_{TAHUN}-{BULAN:02d}.xlsx")


def test_a_regenerated_pk_reingests_into_an_equal_current_view(sampel, tmp_path):
    """Loading the regenerated PK as a correction changes nothing in the current view."""
    import shutil

    store, _ = sampel
    copy = tmp_path / "k.sqlite"
    shutil.copy(store.url.removeprefix("sqlite:///"), copy)
    mine = Store(f"sqlite:///{copy}")
    before = {t: mine.current(t, unit_kode="dinkes").drop(columns="submission_id") for t in ("target", "anggaran")}
    (path,) = kinerja.pk(mine, "dinkes", TAHUN).simpan(tmp_path)
    assert muat_berkas(path, mine, tmp_path / "arsip", diterima=dt.datetime(TAHUN, 2, 1)).status == "dimuat"
    for table, old in before.items():
        new = mine.current(table, unit_kode="dinkes").drop(columns="submission_id")
        key = [c for c in old.columns if c not in ("nilai", "nilai_teks", "keterangan", "penanggung_jawab")]
        assert new.sort_values(key).reset_index(drop=True).equals(old.sort_values(key).reset_index(drop=True))


def test_formulir_print_on_a4_with_their_header_rows_repeated(sampel, tmp_path):
    store, _ = sampel
    path = tmp_path / "craapk.xlsx"
    kinerja.craapk(store, "dinkes", TAHUN, BULAN).tulis_formulir(path)
    ws = load_workbook(path)["CRAAPK"]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$8:$10"  # group, header and numbering rows on every page
