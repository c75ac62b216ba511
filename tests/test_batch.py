"""Batch: every document in its own process, failures recorded and kept, resume, outputs."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

from kinerja import format_angka
from kinerja.analisis import dari_store as analisis
from kinerja.run import batch
from kinerja.contoh import store as contoh
from kinerja.core.errors import KinerjaError
from kinerja.formulir.ingest import muat_berkas
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.store.store import Store
from kinerja.core.sumber import cari_notebook, folder_paket, parameter_notebook, salin_notebook

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH


@pytest.fixture(scope="module")
def db_with_broken_unit(tmp_path_factory) -> str:
    """The sample store plus a perangkat daerah that has no PK (its CRAAPK must fail)."""
    base = contoh.store_contoh(TAHUN, BULAN)
    folder = tmp_path_factory.mktemp("batchdb")
    copy = folder / "k.sqlite"
    shutil.copy(base.url.removeprefix("sqlite:///"), copy)
    sample = contoh.folder_contoh() / f"sampel-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"
    wb = load_workbook(sample / "00_daftar_unit.xlsx")
    ws = wb["Unit"]
    row = ws.max_row + 1
    for col, value in zip("ABCDEF", [row - 10, "dinas-baru", "Dinas Baru Tanpa PK", "perangkat_daerah",
                                       "nusa-rekaan", "Kepala Dinas Baru"]):
        ws[f"{col}{row}"] = value
    path = folder / "daftar_unit_revisi.xlsx"
    wb.save(path)
    store = Store(f"sqlite:///{copy}")
    assert muat_berkas(path, store, folder / "arsip").status == "dimuat"
    store.engine.dispose()
    return f"sqlite:///{copy}"


def test_batch_records_a_failing_unit_and_goes_on(db_with_broken_unit, tmp_path):
    out = tmp_path / "keluaran"
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes", "dinas-baru", "nusa-rekaan"], ["craapk"], jobs=2,
                                    db=db_with_broken_unit, keluaran=out, progress=False)
    status = {t["unit"]: t for t in manifest["tugas"]}
    assert status["dinkes"]["status"] == "berhasil" and status["nusa-rekaan"]["status"] == "berhasil"
    failed = status["dinas-baru"]
    assert failed["status"] == "gagal" and "belum dimuat" in failed["galat"]
    kept = out / str(TAHUN) / "dinas-baru" / "_kerja" / "craapk.ipynb"
    assert kept.exists() and any(o.get("output_type") == "error" for c in nbformat.read(kept, 4).cells
                                 for o in c.get("outputs", []))
    saved = json.loads((out / str(TAHUN) / "manifest.json").read_text(encoding="utf-8"))
    assert saved["tugas"] == manifest["tugas"]
    index = (out / str(TAHUN) / "index.html").read_text(encoding="utf-8")
    assert "2 dari 3 dokumen berhasil disusun" in index and 'href="dinkes/craapk.html"' in index

    pdf = out / str(TAHUN) / "dinkes" / "craapk.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000
    assert str(pdf) in status["dinkes"]["keluaran"]
    book = out / str(TAHUN) / "dinkes" / "craapk.xlsx"
    assert str(book) in status["dinkes"]["keluaran"] and load_workbook(book)["CRAAPK"]["B3"].value == "CRAAPK-PD"
    page = (out / str(TAHUN) / "dinkes" / "craapk.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<script" not in page  # self-contained
    assert "def " not in page and "import kinerja" not in page  # no code cells
    store = Store(db_with_broken_unit)
    expected = analisis.capaian_kumulatif(store, "dinkes", TAHUN, BULAN)
    for _, row in expected.iterrows():  # the key table shows the store's numbers
        assert format_angka(row["capaian"]) in page
    assert page.count("<img") >= 3

    again = batch.jalankan_batch(TAHUN, BULAN, ["dinkes", "dinas-baru", "nusa-rekaan"], ["craapk"], jobs=2,
                                 lanjutkan=True, db=db_with_broken_unit, keluaran=out, progress=False)
    assert again["dijalankan"] == 1  # only the failed one reran


def test_cli_exit_status_says_whether_anything_failed(db_with_broken_unit, tmp_path):
    res = subprocess.run([KINERJA, "batch", "--tahun", str(TAHUN), "--bulan", str(BULAN), "--unit", "dinas-baru",
                          "--dokumen", "craapk", "--db", db_with_broken_unit, "-o", tmp_path, "--jobs", "1"],
                         capture_output=True, text=True)
    assert res.returncode == 1 and "GAGAL  dinas-baru craapk" in res.stdout and "1 gagal" in res.stdout
    res = subprocess.run([KINERJA, "batch", "--tahun", str(TAHUN), "--bulan", str(BULAN), "--unit", "tidak-ada",
                          "--db", db_with_broken_unit, "-o", tmp_path], capture_output=True, text=True)
    assert res.returncode == 2 and "unit tidak ada di Daftar Unit: tidak-ada" in res.stderr


def test_parameters_are_checked_before_anything_runs(db_with_broken_unit, tmp_path):
    nb = nbformat.read(cari_notebook("craapk.ipynb"), 4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = "\n".join(line for line in params.source.splitlines() if not line.startswith("skala"))
    folder = tmp_path / "nb"
    folder.mkdir()
    nbformat.write(nb, folder / "craapk.ipynb")
    with pytest.raises(KinerjaError, match="tidak memuat skala"):
        batch.rencana_batch(Store(db_with_broken_unit), TAHUN, BULAN, ["dinkes"], ["craapk"], tmp_path,
                            db_with_broken_unit, "permendagri-86-2017", notebooks=str(folder))
    assert not (tmp_path / str(TAHUN)).exists()


def test_unknown_document_is_refused(db_with_broken_unit, tmp_path):
    with pytest.raises(KinerjaError, match="dokumen tidak dikenal: lkjap"):
        batch.rencana_batch(Store(db_with_broken_unit), TAHUN, BULAN, None, ["lkjap"], tmp_path, "", "x")


def test_relative_sqlite_url_reaches_the_kernel_as_the_same_file(db_with_broken_unit, tmp_path, monkeypatch):
    monkeypatch.chdir(Path(db_with_broken_unit.removeprefix("sqlite:///")).parent)
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["craapk"], jobs=1, db="sqlite:///k.sqlite",
                                    keluaran=tmp_path, progress=False)
    assert manifest["tugas"][0]["status"] == "berhasil", manifest["tugas"][0]["galat"]
    assert not (folder_paket("notebooks") / "k.sqlite").exists()


def test_every_registered_notebook_declares_exactly_the_registry_parameters():
    """The contract between the registry and the notebooks (a copied notebook must keep it too)."""
    import papermill

    for doc in DOKUMEN.values():
        params = papermill.inspect_notebook(str(cari_notebook(doc.notebook)))
        assert tuple(params) == doc.parameter, doc.kode
        assert parameter_notebook(cari_notebook(doc.notebook)) == list(params)  # the batch's reader agrees
        for name, spec in params.items():
            assert spec["help"], f"{doc.notebook}: parameter {name} has no comment for the user"


def test_planning_a_batch_does_not_import_papermill(db_with_broken_unit, tmp_path):
    """The main process only plans and collects: papermill (seconds to import) stays in the workers."""
    code = ("import sys; from pathlib import Path; from kinerja.run import batch; from kinerja.store.store import Store; "
            f"t = batch.rencana_batch(Store({db_with_broken_unit!r}), {TAHUN}, {BULAN}, None, None, "
            f"Path({str(tmp_path)!r}), '', 'permendagri-86-2017'); "
            "print(len(t), 'papermill' in sys.modules, 'nbconvert' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    n, papermill, nbconvert = done.stdout.split()
    assert int(n) > 200 and papermill == "False" and nbconvert == "False"


def test_missing_browser_is_reported_before_anything_runs(db_with_broken_unit, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "chromium", lambda: None)
    with pytest.raises(KinerjaError, match="chromium tidak ditemukan"):
        batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["craapk"], db=db_with_broken_unit, keluaran=tmp_path,
                             progress=False)
    assert not (tmp_path / str(TAHUN)).exists()
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["craapk"], db=db_with_broken_unit, keluaran=tmp_path,
                                    progress=False, pdf=False)
    assert manifest["tugas"][0]["status"] == "berhasil" and not (tmp_path / str(TAHUN) / "dinkes" / "craapk.pdf").exists()


def test_every_document_writes_its_own_files(db_with_broken_unit, tmp_path):
    """Plan documents write their filled formulir, the LKjIP its Word document; the manifest lists them."""
    from docx import Document

    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes", "dinkes-kesmas"], ["rkt", "pk", "raapk", "lkjip"],
                                    jobs=2, db=db_with_broken_unit, keluaran=tmp_path, progress=False, pdf=False)
    files = {(t["unit"], t["dokumen"]): [Path(p).name for p in t["keluaran"]] for t in manifest["tugas"]}
    assert all(t["status"] == "berhasil" for t in manifest["tugas"]), manifest["tugas"]
    for doc in ("rkt", "pk", "raapk"):
        assert f"{doc}.xlsx" in files[("dinkes", doc)]
        assert load_workbook(tmp_path / str(TAHUN) / "dinkes" / f"{doc}.xlsx").worksheets[0]["B4"].value == "dinkes"
    assert files[("dinkes-kesmas", "pk")] == ["pk.ipynb", "pk.html", "pk.docx", "pk.xlsx"]
    assert "lkjip.docx" in files[("dinkes", "lkjip")]
    text = "\n".join(p.text for p in Document(str(tmp_path / str(TAHUN) / "dinkes" / "lkjip.docx")).paragraphs)
    assert "Dinas Kesehatan" in text and "Bab III Akuntabilitas Kinerja" in text
    # the LKjIP's measurement table in the HTML shows the store's capaian of the period
    page = (tmp_path / str(TAHUN) / "dinkes" / "lkjip.html").read_text(encoding="utf-8")
    expected = analisis.capaian_kumulatif(Store(db_with_broken_unit), "dinkes", TAHUN, BULAN)
    for _, row in expected.iterrows():
        assert row["indikator"] in page and format_angka(row["capaian"]) in page
    assert f"Pengukuran kinerja Januari–September {TAHUN}" in page  # the sample runs to September
    # the RAAPK page shows every monthly target as the unit wrote it
    raapk = (tmp_path / str(TAHUN) / "dinkes" / "raapk.html").read_text(encoding="utf-8")
    plan = Store(db_with_broken_unit).current("target", unit_kode="dinkes", dokumen="raapk", tahun=TAHUN)
    assert all(f">{t}<" in raapk for t in plan["nilai_teks"].dropna().unique())


def test_parameter_sets_live_in_parameters_batch(tmp_path):
    assert {"contoh-september-2026", "craapk-bulanan"} <= set(batch.daftar_set())
    preset = batch.muat_set("contoh-september-2026")
    assert preset["tahun"] == 2026 and preset["bulan"] == 9 and "unit" not in preset  # empty list = all units
    bad = tmp_path / "salah.yaml"
    bad.write_text("tahun: dua ribu\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match="salah.yaml: tahun harus bilangan bulat"):
        batch.muat_set(str(bad))
    bad.write_text("tahunan: 2026\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match="kunci 'tahunan' tidak dikenal"):
        batch.muat_set(str(bad))
    with pytest.raises(KinerjaError, match="tidak ditemukan"):
        batch.muat_set("../predikat/lke-akip")  # names are looked up, never joined into a path


def test_cli_options_override_the_parameter_set(db_with_broken_unit, tmp_path):
    preset = tmp_path / "set.yaml"
    preset.write_text(f"tahun: {TAHUN}\nbulan: {BULAN}\ndokumen: [lkjip]\nunit: [dinkes]\npdf: false\n"
                      f"db: {db_with_broken_unit}\n", encoding="utf-8")
    res = subprocess.run([KINERJA, "batch", "--set", str(preset), "--dokumen", "pk", "-o", str(tmp_path / "k")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    manifest = json.loads((tmp_path / "k" / str(TAHUN) / "manifest.json").read_text(encoding="utf-8"))
    assert [(t["unit"], t["dokumen"]) for t in manifest["tugas"]] == [("dinkes", "pk")]
    assert not any(p.endswith(".pdf") for p in manifest["tugas"][0]["keluaran"])
    res = subprocess.run([KINERJA, "batch", "--dokumen", "pk"], capture_output=True, text=True)
    assert res.returncode == 2 and "tahun belum ditentukan" in res.stderr


def test_resume_reruns_what_changed_and_keeps_what_did_not(db_with_broken_unit, tmp_path):
    """--resume reruns a document when its parameters, its notebook or its data changed."""
    def run(bulan, **kw):
        return batch.jalankan_batch(TAHUN, bulan, ["dinkes", "nusa-rekaan", "bappeda"], ["craapk"], jobs=2, lanjutkan=True,
                                    db=db_with_broken_unit, keluaran=tmp_path / "k", progress=False, pdf=False, **kw)

    assert run(BULAN)["dijalankan"] == 3
    assert run(BULAN)["dijalankan"] == 0  # nothing changed
    june = run(6)  # other parameters: every document again, and the manifest and pages say June
    assert june["dijalankan"] == 3 and june["bulan"] == 6
    page = (tmp_path / "k" / str(TAHUN) / "dinkes" / "craapk.html").read_text(encoding="utf-8")
    assert "Juni 2026" in page and "September 2026" not in page
    folder = tmp_path / "nb"
    salin_notebook(folder)
    nb = nbformat.read(folder / "craapk.ipynb", 4)
    nb.cells.append(nbformat.v4.new_markdown_cell("Catatan tambahan kabupaten."))
    nbformat.write(nb, folder / "craapk.ipynb")
    assert run(6, notebooks=str(folder))["dijalankan"] == 3  # the notebook changed
    assert run(6, notebooks=str(folder))["dijalankan"] == 0
    before = {t["unit"]: t["sidik"] for t in run(6, notebooks=str(folder))["tugas"]}
    store = Store(db_with_broken_unit)  # new data for dinkes only
    sample = contoh.folder_contoh() / f"sampel-{TAHUN}-{BULAN:02d}-{contoh.sidik_kode()}"
    wb = load_workbook(sample / "dinkes" / f"CRAAPK_{TAHUN}-06.xlsx")
    wb.properties.title = "koreksi"
    wb.save(tmp_path / "koreksi.xlsx")
    assert muat_berkas(tmp_path / "koreksi.xlsx", store, tmp_path / "arsip").status == "dimuat"
    again = run(6, notebooks=str(folder))
    changed = {t["unit"] for t in again["tugas"] if t["sidik"] != before[t["unit"]]}
    assert again["dijalankan"] == 2
    assert changed == {"dinkes", "nusa-rekaan"}  # the kabupaten summarises every unit; bappeda reads none of it


def test_a_failure_is_reported_in_indonesian_without_source_lines(db_with_broken_unit, tmp_path):
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinas-baru"], ["craapk"], jobs=1, db=db_with_broken_unit,
                                    keluaran=tmp_path, progress=False, pdf=False)
    galat = manifest["tugas"][0]["galat"]
    assert "belum dimuat" in galat and "dokumen.craapk" not in galat and "Traceback" not in galat
    assert "KinerjaError" not in galat and "\n" not in galat
    index = (tmp_path / str(TAHUN) / "index.html").read_text(encoding="utf-8")
    assert "dokumen.craapk" not in index


def test_spawned_documents_are_the_forked_ones(tmp_path, monkeypatch):
    """Where there is no fork (Windows), or with KINERJA_PROSES=spawn, each document runs in a
    freshly spawned interpreter: the same files and the same pages as the forked documents."""
    import re

    from bs4 import BeautifulSoup

    cell_id = re.compile(r' id="cell-id=[0-9a-f-]+"')  # papermill gives the parameters cell a random id

    def build(name: str) -> tuple[dict, dict]:
        manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["pk", "craapk"], jobs=2, contoh=True,
                                        keluaran=tmp_path / name, progress=False, pdf=False)
        assert all(t["status"] == "berhasil" for t in manifest["tugas"]), manifest["tugas"]
        folder = tmp_path / name / str(TAHUN)
        pages = {p.name: BeautifulSoup(cell_id.sub("", p.read_text(encoding="utf-8")), "html.parser").get_text()
                 for p in folder.rglob("*.html")}
        # a log is kept only when something was written to it, which may differ between the two ways
        files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.suffix != ".log")
        return manifest, {"berkas": files, **pages}

    monkeypatch.delenv("KINERJA_PROSES", raising=False)
    fork, a = build("fork")
    monkeypatch.setenv("KINERJA_PROSES", "spawn")
    spawn, b = build("spawn")
    assert fork["proses"] == "fork" and spawn["proses"] == "spawn"
    assert [sorted(Path(p).name for p in t["keluaran"]) for t in spawn["tugas"]] == \
        [sorted(Path(p).name for p in t["keluaran"]) for t in fork["tugas"]]
    assert "dinkes/pk.xlsx" in a["berkas"] and a == b
