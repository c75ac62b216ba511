"""``kinerja template craapk|raapk|pk … --db``: the unit's form pre-filled from the store; sent
back unchanged it changes no target or pagu, and with realisasi typed it loads them."""

from __future__ import annotations

import openpyxl
import pytest

from kinerja.cli import main
from kinerja.core.formatting import format_angka
from kinerja.formulir.ingest import muat_berkas
from kinerja.formulir.tata_letak import BARIS_DATA


def _rencana(store) -> tuple[str, str]:
    """Dinas Kesehatan's targets and budget rows (pagu, plan) as the current view holds them."""
    t = store.current("target", unit_kode="dinkes", tahun=2026).drop(columns=["submission_id", "sel"])
    a = store.current("anggaran", unit_kode="dinkes", tahun=2026).drop(columns=["submission_id", "sel"])
    a = a[a["jenis"] != "realisasi"]
    return (t.astype(str).sort_values(list(t.columns)).to_csv(index=False),
            a.astype(str).sort_values(list(a.columns)).to_csv(index=False))


def _template(store, tmp_path, jenis: str, *extra: str):
    out = tmp_path / f"{jenis}.xlsx"
    assert main(["template", jenis, "pd", "--unit", "dinkes", "--tahun", "2026", *extra, "--db", store.url,
                 "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("jenis, extra", [("pk", ()), ("raapk", ()), ("craapk", ("--bulan", "3"))])
def test_a_prefilled_form_sent_back_unchanged_changes_no_target_or_pagu(store, tmp_path, jenis, extra):
    before = _rencana(store)
    out = _template(store, tmp_path, jenis, *extra)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.cell(BARIS_DATA, 3).value  # the first indicator's sasaran/indikator, not a blank form
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)  # no formula from stored text
    hasil = muat_berkas(out, store, tmp_path / "arsip")
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    assert _rencana(store) == before


def test_the_clerk_types_only_realisasi_and_it_loads(store, tmp_path):
    out = _template(store, tmp_path, "craapk", "--bulan", "3")
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    head: dict = {}
    for j in range(1, ws.max_column + 1):  # the first "Realisasi" is the kinerja one (the budget's follows)
        head.setdefault(ws.cell(BARIS_DATA - 2, j).value, j)
    kol_bulan, kol_real = head["Bulan"], head["Realisasi"]
    maret = [r for r in range(BARIS_DATA, ws.max_row + 1) if ws.cell(r, kol_bulan).value == "MARET"]
    assert maret and all(ws.cell(r, kol_real).value is None for r in maret)  # this month: to type
    januari = [r for r in range(BARIS_DATA, ws.max_row + 1) if ws.cell(r, kol_bulan).value == "JANUARI"]
    assert any(ws.cell(r, kol_real).value is not None for r in januari)  # earlier months: from the store
    real = store.current("realisasi", unit_kode="dinkes", tahun=2026, bulan=3)
    kode = real["indikator_kode"].sort_values().iloc[0]
    nama = store.current("indikator", unit_kode="dinkes").set_index("kode").at[kode, "nama"]
    row = next(r for r in maret if any(ws.cell(b, 3).value == nama for b in range(r - 2, r + 1)))
    baru = float(real.set_index("indikator_kode").at[kode, "nilai"]) + 1  # not the value the store holds
    ws.cell(row, kol_real).value = format_angka(baru, 0)
    wb.save(out)
    hasil = muat_berkas(out, store, tmp_path / "arsip")
    assert hasil.status == "dimuat", [str(m) for m in hasil.masalah]
    real = store.current("realisasi", unit_kode="dinkes", tahun=2026, bulan=3).set_index("indikator_kode")
    assert real.at[kode, "nilai"] == baru
