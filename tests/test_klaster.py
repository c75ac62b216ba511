"""The batch on Dask (a real LocalCluster of worker processes): the same documents as the
local batch, a lost worker recorded as one failed document, multi-threaded workers refused."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from kinerja.run import batch
from kinerja.contoh import store as contoh
from kinerja.core.errors import KinerjaError
from kinerja.core.sumber import salin_notebook

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
UNITS = ["dinkes", "bappeda", "nusa-rekaan"]
_ID = re.compile(r' id="cell-id=[0-9a-f-]+"')  # papermill gives the parameters cell a random id


def _isi(folder: Path) -> dict[str, object]:
    """A batch folder's documents, comparable across runs: HTML text, PDF page count, file list."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.suffix == ".html" and path.name != "index.html":
            out[rel] = _ID.sub("", path.read_text(encoding="utf-8"))
        elif path.suffix == ".pdf":
            out[rel] = len(PdfReader(path).pages)
        elif path.is_file() and path.name not in ("manifest.json", "index.html") and path.suffix != ".log":
            out[rel] = "ada"
    return out


def _ringkas(manifest: dict) -> list:
    return sorted((t["unit"], t["dokumen"], t["status"], sorted(Path(p).name for p in t["keluaran"]))
                  for t in manifest["tugas"])


def test_local_cluster_builds_the_same_documents_as_the_local_batch(tmp_path):
    kwargs = dict(units=UNITS, dokumen=["craapk", "pk"], jobs=2, progress=False, contoh=True)
    lokal = batch.jalankan_batch(TAHUN, BULAN, keluaran=tmp_path / "lokal", **kwargs)
    dask = batch.jalankan_batch(TAHUN, BULAN, keluaran=tmp_path / "dask", scheduler="local", **kwargs)
    assert dask["penjadwal"] == "local" and lokal["penjadwal"] == "lokal"
    assert _ringkas(dask) == _ringkas(lokal) and all(t["status"] == "berhasil" for t in dask["tugas"])
    a, b = _isi(tmp_path / "lokal"), _isi(tmp_path / "dask")
    assert len(a) >= 6 * 4 and a == b  # notebook, HTML, PDF, formulir per document
    # The client alone wrote the manifest and the index, listing every document.
    saved = json.loads((tmp_path / "dask" / str(TAHUN) / "manifest.json").read_text(encoding="utf-8"))
    assert saved["tugas"] == dask["tugas"]
    assert "6 dari 6 dokumen berhasil" in (tmp_path / "dask" / str(TAHUN) / "index.html").read_text(encoding="utf-8")


def _pembunuh(folder: Path, unit: str) -> Path:
    """Adapted notebooks whose PK kills the worker process that forked it, for one unit."""
    salin_notebook(folder)
    path = folder / "pk.ipynb"
    nb = nbformat.read(path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(
        f"import os, signal\nif unit == {unit!r}:\n    os.kill(os.getppid(), signal.SIGKILL)"))
    nbformat.write(nb, path)
    return folder


def test_a_killed_worker_is_one_failed_document_and_the_batch_goes_on(tmp_path):
    notebooks = _pembunuh(tmp_path / "nb", "bappeda")
    manifest = batch.jalankan_batch(TAHUN, BULAN, UNITS, ["pk", "craapk"], jobs=2, keluaran=tmp_path / "out",
                                    progress=False, pdf=False, contoh=True, notebooks=str(notebooks),
                                    scheduler="local")
    status = {(t["unit"], t["dokumen"]): t for t in manifest["tugas"]}
    lost = status.pop(("bappeda", "pk"))
    assert lost["status"] == "gagal" and "pekerja Dask hilang" in lost["galat"]
    assert all(t["status"] == "berhasil" for t in status.values()), status  # the others, after the restart too
    index = (tmp_path / "out" / str(TAHUN) / "index.html").read_text(encoding="utf-8")
    assert "5 dari 6 dokumen berhasil" in index and "pekerja Dask hilang" in index


def test_cli_runs_on_a_scheduler_address_and_refuses_threaded_workers(tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address=None) as cluster:
        with pytest.raises(KinerjaError, match="satu utas"):
            batch.jalankan_batch(TAHUN, BULAN, ["dinkes"], ["pk"], progress=False, pdf=False, contoh=True,
                                 keluaran=tmp_path, scheduler=cluster.scheduler_address)
    assert not (tmp_path / str(TAHUN) / "manifest.json").exists()
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        done = subprocess.run([KINERJA, "batch", "--contoh", "--tahun", str(TAHUN), "--bulan", str(BULAN),
                               "--unit", "dinkes", "--dokumen", "pk", "--tanpa-pdf", "-o", str(tmp_path),
                               "--scheduler", cluster.scheduler_address], capture_output=True, text=True,
                              timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1 dokumen: 1 berhasil" in done.stdout and (tmp_path / str(TAHUN) / "dinkes" / "pk.html").exists()


def test_an_unreachable_scheduler_is_a_message_not_a_traceback(tmp_path):
    done = subprocess.run([KINERJA, "batch", "--contoh", "--tahun", str(TAHUN), "--bulan", str(BULAN),
                           "--unit", "dinkes", "--dokumen", "pk", "--tanpa-pdf", "-o", str(tmp_path),
                           "--scheduler", "tcp://127.0.0.1:9"], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "penjadwal Dask" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / str(TAHUN) / "manifest.json").exists()
