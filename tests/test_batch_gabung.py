"""Batches into one output folder add up: manifest.json, index.html and the pages' download
links list every unit's documents, whichever batch (earlier, later, concurrent) made them."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.core.errors import KinerjaError
from kinerja.halaman import dasbor
from kinerja.run import batch, indeks

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
TAHUN, BULAN = 2026, 3  # the period of the conftest store
UNIT = ("dinkes", "nusa-rekaan")


@pytest.fixture
def db(dasar, tmp_path) -> str:
    copy = tmp_path / "k.sqlite"
    shutil.copy(dasar, copy)
    return f"sqlite:///{copy}"


def _terdaftar(keluaran: Path, db: str) -> dict[str, set[str]]:
    """Per unit, where its PK is listed: manifest, index, page links."""
    folder = keluaran / str(TAHUN)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    index = (folder / "index.html").read_text(encoding="utf-8")
    k = dasbor.konteks(db, TAHUN, BULAN, keluaran=str(keluaran))
    where: dict[str, set[str]] = {}
    for unit in UNIT:
        found = set()
        if any(t["unit"] == unit and t["dokumen"] == "pk" and t["status"] == "berhasil" for t in manifest["tugas"]):
            found.add("manifest")
        if f'href="{unit}/pk.html"' in index:
            found.add("index")
        files = dasbor.laporan_unit(k, unit)
        if any(p.name == "pk.html" for berkas in files["berkas"] for p in berkas):
            found.add("halaman")
        where[unit] = found
    return where


def _batch_cli(db: str, keluaran: Path, unit: str) -> subprocess.Popen:
    return subprocess.Popen([KINERJA, "batch", "--tahun", str(TAHUN), "--bulan", str(BULAN), "--unit", unit,
                             "--dokumen", "pk", "--tanpa-pdf", "--jobs", "1", "--db", db, "-o", str(keluaran)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_batch_for_another_unit_keeps_the_first_units_documents(db, tmp_path):
    out = tmp_path / "keluaran"
    for unit in UNIT:
        run = batch.jalankan_batch(TAHUN, BULAN, [unit], ["pk"], jobs=1, db=db, keluaran=out, progress=False,
                                   pdf=False)
        assert [t["unit"] for t in run["tugas"]] == [unit]  # the returned manifest is this run's
    everywhere = {"manifest", "index", "halaman"}
    assert _terdaftar(out, db) == {u: everywhere for u in UNIT}
    index = (out / str(TAHUN) / "index.html").read_text(encoding="utf-8")
    assert "2 dari 2 dokumen berhasil disusun" in index


def test_concurrent_batches_into_one_folder_both_stay_listed(db, tmp_path):
    out = tmp_path / "keluaran"
    runs = [_batch_cli(db, out, unit) for unit in UNIT]
    for proc in runs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stdout + stderr
        assert "1 dokumen: 1 berhasil" in stdout  # each run reports its own documents
    everywhere = {"manifest", "index", "halaman"}
    assert _terdaftar(out, db) == {u: everywhere for u in UNIT}
    assert not any(p.name.startswith(".manifest.json.") for p in (out / str(TAHUN)).iterdir())


def _tugas(unit: str, selesai: str, status: str = "berhasil") -> dict:
    return {"unit": unit, "dokumen": "pk", "status": status, "durasi": 1.0, "keluaran": [], "galat": "",
            "sidik": "", "selesai": selesai}


def test_an_entry_is_replaced_only_by_a_newer_run_of_the_same_document(tmp_path):
    path = tmp_path / "manifest.json"
    indeks.tulis_manifest(path, {"tahun": TAHUN, "tugas": [_tugas("a", "2026-04-02T10:00:00"),
                                                           _tugas("b", "2026-04-02T10:00:00")]})
    # A resumed run carries over an older copy of a's entry and reruns b (failing this time).
    merged = indeks.gabung_manifest(path, {"tahun": TAHUN, "tugas": [_tugas("a", "2026-04-01T09:00:00", "gagal"),
                                                                      _tugas("b", "2026-04-03T08:00:00", "gagal"),
                                                                      _tugas("c", "2026-04-03T08:00:00")]})
    assert [(t["unit"], t["status"]) for t in merged["tugas"]] == [("a", "berhasil"), ("b", "gagal"),
                                                                    ("c", "berhasil")]
    assert json.loads(path.read_text(encoding="utf-8")) == merged


def test_a_damaged_manifest_is_named_not_replaced(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text('{"tugas": [ {"unit": "a"', encoding="utf-8")
    with pytest.raises(KinerjaError, match="bukan manifest batch yang dapat dibaca"):
        indeks.gabung_manifest(path, {"tugas": [_tugas("b", "2026-04-03T08:00:00")]})
    assert path.read_text(encoding="utf-8") == '{"tugas": [ {"unit": "a"'


def test_a_manifest_that_is_a_link_is_named_not_read_through(tmp_path):
    """Found by an independent tester: a manifest.json planted as a link was read through it and
    ended in a JSON error instead of naming the link."""
    target = tmp_path / "di-luar.json"
    target.write_text('{"tugas": []}', encoding="utf-8")
    (tmp_path / "keluaran").mkdir()
    path = tmp_path / "keluaran" / "manifest.json"
    path.symlink_to(target)
    with pytest.raises(KinerjaError, match="tautan simbolik"):
        indeks.gabung_manifest(path, {"tugas": [_tugas("b", "2026-04-03T08:00:00")]})
    assert target.read_text(encoding="utf-8") == '{"tugas": []}' and path.is_symlink()


def test_a_lock_held_by_another_batch_is_named_after_a_timeout(tmp_path):
    from filelock import FileLock

    with FileLock(tmp_path / "manifest.json.kunci"):
        done = subprocess.run([sys.executable, "-c", "from pathlib import Path; from kinerja.run.indeks import "
                               f"kunci_keluaran\nwith kunci_keluaran(Path({str(tmp_path)!r}), 0.5): pass"],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "manifest.json.kunci masih dipegang setelah 0,5 detik" in done.stderr
