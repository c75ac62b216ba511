"""A province in one store: the sample kabupaten Nusa Rekaan plus a second kabupaten
(`kinerja sample --kabupaten 2`), each with its own Daftar Unit and units; documents and
summaries per kabupaten and across them (the pages: test_provinsi_halaman)."""

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.analisis import dari_store as analisis
from kinerja.run import batch
from kinerja.contoh import store as contoh
from kinerja.core.errors import KinerjaError
from kinerja.core.wilayah import kabupaten_unit
from provinsi import BUKIT, KINERJA, buat_provinsi

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH


@pytest.fixture(scope="module")
def provinsi() -> dict:
    """The sample store with a second kabupaten loaded beside Nusa Rekaan."""
    hasil = buat_provinsi()
    assert hasil["returncode"] == 0, hasil["stderr"]
    assert "provinsi rekaan (2 kabupaten)" in hasil["stdout"]
    return hasil


def test_the_sample_writes_each_kabupaten_with_its_own_daftar_unit(provinsi):
    folders = sorted(p.name for p in provinsi["folder"].iterdir())
    assert folders == [BUKIT, "nusa-rekaan"]
    for kab in folders:
        ws = load_workbook(provinsi["folder"] / kab / "00_daftar_unit.xlsx", read_only=True)["Unit"]
        rows = [r for r in ws.iter_rows(min_row=11, values_only=True) if r[1]]
        assert [r[1] for r in rows if r[3] == "kabupaten"] == [kab]
        pd_rows = [r for r in rows if r[3] == "perangkat_daerah"]
        assert len(pd_rows) == 40 and all(r[4] == kab for r in pd_rows)
    bukit = load_workbook(provinsi["folder"] / BUKIT / "00_daftar_unit.xlsx", read_only=True)["Unit"]
    names = {r[1]: r[2] for r in bukit.iter_rows(min_row=11, values_only=True) if r[1]}
    assert names[f"{BUKIT}-rsud"] == "RSUD Bukit Rekaan" and names[BUKIT] == "Pemerintah Kabupaten Bukit Rekaan"
    assert all(k == BUKIT or k.startswith(f"{BUKIT}-") for k in names)  # no code clashes with Nusa Rekaan's


def test_a_second_kabupaten_loads_beside_the_first(provinsi):
    assert provinsi["status"] and set(provinsi["status"]) == {"dimuat"}
    units = provinsi["store"].current("unit")
    assert sorted(units.loc[units["jenis"] == "kabupaten", "kode"]) == [BUKIT, "nusa-rekaan"]
    milik = kabupaten_unit(units)
    assert (milik[units["kode"].str.startswith(f"{BUKIT}-").to_numpy()] == BUKIT).all()
    assert milik["dinkes"] == "nusa-rekaan" and milik["dinkes-kesmas"] == "nusa-rekaan"
    assert milik.notna().all()


def test_summaries_per_kabupaten_and_across(provinsi):
    store = provinsi["store"]
    semua = analisis.ringkasan_unit(store, TAHUN, BULAN)
    bukit = analisis.ringkasan_unit(store, TAHUN, BULAN, kabupaten=BUKIT)
    nusa = analisis.ringkasan_unit(store, TAHUN, BULAN, kabupaten="nusa-rekaan")
    assert len(semua) == 80 and len(bukit) == 40 and len(nusa) == 40
    assert set(bukit["kabupaten"]) == {BUKIT} and bukit["unit_kode"].str.startswith(f"{BUKIT}-").all()
    # Nusa Rekaan's own figures are those of the one-kabupaten store
    alone = analisis.ringkasan_unit(contoh.store_contoh(TAHUN, BULAN), TAHUN, BULAN)
    pd.testing.assert_frame_equal(nusa.drop(columns="kabupaten").reset_index(drop=True),
                                  alone.drop(columns="kabupaten").reset_index(drop=True))


def test_a_perangkat_daerah_is_compared_with_its_own_kabupaten(provinsi):
    store = provinsi["store"]
    kum = pd.concat([analisis.capaian_kumulatif(store, u, TAHUN, BULAN)
                     for u in (BUKIT, "nusa-rekaan", f"{BUKIT}-bappeda", "bappeda")], ignore_index=True)
    beda = analisis.beda_tingkat(kum, store.current("unit"))
    assert set(beda["unit_kode"]) == {f"{BUKIT}-bappeda", "bappeda"}
    assert (beda.groupby("unit_kode").size() == beda.groupby("unit_kode")["indikator_kode"].nunique()).all()
    for unit, kab in ((f"{BUKIT}-bappeda", BUKIT), ("bappeda", "nusa-rekaan")):
        own = kum[kum["unit_kode"] == kab].set_index("indikator_kode")["realisasi"]
        rows = beda[beda["unit_kode"] == unit]
        assert (rows["realisasi_kabupaten"].to_numpy() == rows["indikator_kode"].map(own).to_numpy()).all()


def test_a_kabupaten_lkjip_holds_its_own_units_only(provinsi):
    """Tabel 'indikator yang sama' and the first page of Bukit Rekaan's LKjIP listed Nusa Rekaan's units,
    whose names are the same ("Angka kemiskinan (Badan Perencanaan Pembangunan Daerah)" twice)."""
    import kinerja

    store = provinsi["store"]
    for kab in (BUKIT, "nusa-rekaan"):
        lap = kinerja.lkjip(store, kab, TAHUN)
        milik = kabupaten_unit(store.current("unit"))
        assert len(lap.antartingkat) and set(lap.antartingkat["unit_kode"].map(milik)) == {kab}
        assert set(lap.perangkat_daerah["unit_kode"].map(milik)) == {kab}
        total = lap.tabel_perangkat_daerah().data.iloc[-1]  # the total row had capaian "–"
        assert total["Rata-rata Capaian (%)"] == pytest.approx(lap.perangkat_daerah["capaian"].mean())
        assert total["Predikat"] == lap.skala.predikat(pd.Series([total["Rata-rata Capaian (%)"]])).iloc[0]
        names = [f"{r['indikator']} ({r['nama_unit']})" for _, r in lap.antartingkat[lap.antartingkat["berbeda"]].iterrows()]
        assert all(" ".join(lap.peringatan).count(n) <= 1 for n in names)  # no unit named twice on the first page


def _isi_xlsx(path: Path) -> str:
    """Every text a workbook holds (its shared and inline strings), read straight from the zip."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return " ".join(z.read(n).decode("utf-8") for n in z.namelist()
                        if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/sheet"))


def test_every_text_of_a_kabupaten_names_that_kabupaten(provinsi):
    """The sample wrote "Mewujudkan Nusa Rekaan yang maju dan sejahtera" into every Renstra Tujuan of
    Bukit Rekaan (independent reviewer, --kabupaten 2)."""
    for kab, lain in ((BUKIT, "Nusa Rekaan"), ("nusa-rekaan", "Bukit Rekaan")):
        files = sorted((provinsi["folder"] / kab).rglob("*.xlsx"))
        assert len(files) > 100
        wrong = [p.relative_to(provinsi["folder"]).as_posix() for p in files if lain in _isi_xlsx(p)]
        assert wrong == []
    renstra = _isi_xlsx(next((provinsi["folder"] / BUKIT / f"{BUKIT}-dinkes").glob("RENSTRA_*.xlsx")))
    assert "Mewujudkan Bukit Rekaan yang maju dan sejahtera" in renstra


def _teks(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def test_batch_of_one_kabupaten_speaks_for_that_kabupaten_only(provinsi, tmp_path):
    manifest = batch.jalankan_batch(TAHUN, BULAN, [BUKIT, f"{BUKIT}-dinkes"], ["lkjip", "pk"], jobs=2,
                                    db=provinsi["db"], keluaran=tmp_path, progress=False, pdf=False,
                                    kabupaten=[BUKIT])
    assert {(t["unit"], t["status"]) for t in manifest["tugas"]} == {(BUKIT, "berhasil"), (f"{BUKIT}-dinkes", "berhasil")}
    lkjip = _teks(tmp_path / str(TAHUN) / BUKIT / "lkjip.html")
    assert "Nusa Rekaan" not in lkjip and "RSUD Bukit Rekaan" in lkjip and lkjip.count("Dinas Kesehatan") >= 1
    pk = _teks(tmp_path / str(TAHUN) / f"{BUKIT}-dinkes" / "pk.html")
    assert "Bukit Rekaan, ………………… 2026" in pk and "Nusa Rekaan" not in pk and "Bupati Bukit Rekaan" in pk
    index = (tmp_path / str(TAHUN) / "index.html").read_text(encoding="utf-8")
    assert f"{BUKIT}-dinkes · Kabupaten Bukit Rekaan" in index
    with pytest.raises(KinerjaError, match="kabupaten tidak ada di basis data: bukan-kabupaten"):
        batch.rencana_batch(provinsi["store"], TAHUN, BULAN, None, ["pk"], tmp_path, "", "permendagri-86-2017",
                            kabupaten=["bukan-kabupaten"])
    plan = batch.rencana_batch(provinsi["store"], TAHUN, BULAN, None, ["pk"], tmp_path, "", "permendagri-86-2017",
                               kabupaten=[BUKIT])
    assert len(plan) == 1 + 40 + 6 and all(t.unit.startswith(BUKIT) for t in plan)


def test_ranking_per_kabupaten_and_across(provinsi):
    from kinerja.analisis.peringkat import peringkat

    store = provinsi["store"]
    semua = peringkat(store, TAHUN, BULAN)
    assert len(semua) == 80 and sorted(semua["peringkat_provinsi"].dropna()) == sorted(
        semua["nilai"].rank(method="min", ascending=False).dropna())
    for kab in (BUKIT, "nusa-rekaan"):
        own = peringkat(store, TAHUN, BULAN, kab)
        assert len(own) == 40 and set(own["kabupaten"]) == {kab} and "peringkat_provinsi" not in own
        # a unit's rank within its kabupaten is the same whether asked alone or across the province
        across = semua[semua["kabupaten"] == kab].set_index("unit_kode")["peringkat"]
        assert (own.set_index("unit_kode")["peringkat"] == across.reindex(own["unit_kode"])).all()
    nusa = peringkat(contoh.store_contoh(TAHUN, BULAN), TAHUN, BULAN)
    assert nusa["nilai"].tolist() == peringkat(store, TAHUN, BULAN, "nusa-rekaan")["nilai"].tolist()
    done = subprocess.run([KINERJA, "peringkat", "--tahun", str(TAHUN), "--bulan", str(BULAN), "--db", provinsi["db"]],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "(80 perangkat daerah" in done.stdout and "(Kabupaten Bukit Rekaan)" in done.stdout


def test_early_warning_across_kabupaten_names_each_lines_kabupaten(provinsi):
    """Issue #23: without --kabupaten, two "Dinas Ketahanan Pangan: Cadangan pangan …" lines that a
    reader could not tell apart; every line names its kabupaten (the pages' list too)."""
    done = subprocess.run([KINERJA, "peringatan-dini", "--tahun", str(TAHUN), "--bulan", str(BULAN), "--db",
                           provinsi["db"], "--semua"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines()[1:] if line.startswith("  ") and " — " in line]
    kabupaten = ("Pemerintah Kabupaten Nusa Rekaan", "Pemerintah Kabupaten Bukit Rekaan")
    assert len(lines) > 100 and all(any(k in line for k in kabupaten) for line in lines), lines[:3]
    assert {k for line in lines for k in kabupaten if k in line} == set(kabupaten)
    from kinerja.core.predikat import muat_skala
    from kinerja.halaman import dasbor

    k = dasbor.Konteks(provinsi["store"], TAHUN, BULAN, muat_skala(), Path("."))
    listed = dasbor.peringatan_dini(k)
    assert listed["nama_unit"].str.startswith(kabupaten).all()
    assert not dasbor.peringatan_dini(k, BUKIT)["nama_unit"].str.contains("Pemerintah Kabupaten Nusa").any()
