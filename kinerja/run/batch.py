"""Batch: run a document's notebook for every unit with papermill, in parallel processes.

Each (unit, document) is one *tugas* (planned in :mod:`kinerja.run.rencana`). Before anything runs, every tugas's parameters
are checked against the notebook's ``parameters`` cell. Workers import the libraries once;
each tugas then runs in a child process of its own (:mod:`kinerja.run.proses`), with papermill's in-process
``kinerja`` engine (:mod:`kinerja.run.engine`), so units never share state and no kernel has
to start per document. A failing tugas is recorded with its error and its executed
notebook is kept, and the others go on. Outputs go to ``<keluaran>/<tahun>/<unit>/``: the
executed notebook; the files the notebook writes itself (filled formulir .xlsx for RKT,
PK, RAAPK and CRAAPK; the LKjIP as .docx); a self-contained HTML page without code cells
and without anything loaded from the internet (:mod:`kinerja.run.dokumen_html`); and a PDF printed from that page with
Debian's headless chromium; and the Word file (.docx) written from the same executed
notebook (:mod:`kinerja.render.word`). Notebooks are looked up in the user's folder
(``notebooks``/``$KINERJA_NOTEBOOKS``) before the package's (:mod:`kinerja.core.sumber`), so an
adapted notebook changes HTML, PDF and Word alike. A JSON manifest records every tugas (status, duration,
outputs, error); ``lanjutkan`` (resume) reruns only what failed or is missing;
``index.html`` lists everything with links (:mod:`kinerja.run.indeks`). Both merge with what the
output folder already holds, so a batch for other units never hides earlier documents.

This module holds what the CLI calls: :func:`jalankan_batch` and the batch parameter sets
(:func:`daftar_set`, :func:`muat_set`); the names other modules used from here are re-exported.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import time
from dataclasses import asdict
from pathlib import Path

from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka
from kinerja.core.konfigurasi import BerkasBatch
from kinerja.core.parameter import cari_parameter, daftar_parameter, muat_konfigurasi
from kinerja.core.sistem import periksa_tautan
from kinerja.render.cetak import chromium
from kinerja.run.dokumen_html import _html, _nomori  # noqa: F401 - re-exported
from kinerja.run.indeks import gabung_manifest, kunci_keluaran, manifest_sebelumnya, status_unit, tulis_indeks
from kinerja.run.proses import (_hilang, _jalankan_lokal, _run, _siapkan, _terisolasi,  # noqa: F401 - re-exported
                                cara_proses)
from kinerja.run.rencana import (KERTAS, Hasil, Tugas, pesan_galat, rencana_batch,  # noqa: F401 - re-exported
                                 sidik_tugas)
from kinerja.store.url import tampil_url

__all__ = ["Tugas", "cara_proses", "daftar_set", "jalankan_batch", "muat_set", "rencana_batch"]


def daftar_set() -> list[str]:
    """Names of the batch parameter sets in ``parameters/batch/``.

    Examples
    --------
    >>> "craapk-bulanan" in daftar_set()
    True
    """
    return daftar_parameter("batch")


def muat_set(nama: str) -> dict:
    """A batch parameter set: a name among :func:`daftar_set` or the path of a .yaml file,
    checked by :class:`kinerja.core.konfigurasi.BerkasBatch`; the keys left empty are left out.

    Examples
    --------
    >>> muat_set("craapk-bulanan")["dokumen"]
    ['craapk']
    """
    doc = muat_konfigurasi(cari_parameter("batch", nama), BerkasBatch)
    return {k: v for k, v in doc.model_dump(exclude_none=True).items() if v != []}


# The body plans, runs and records, each step a call into rencana, proses and indeks.
# long: only by its signature (every option of 'kinerja batch') and its docstring
def jalankan_batch(
    tahun: int,
    bulan: int | None = None,
    units: list[str] | None = None,
    dokumen: list[str] | None = None,
    jobs: int = 2,
    lanjutkan: bool = False,
    db: str = "",
    keluaran: str | Path = "outputs",
    skala: str = "permendagri-86-2017",
    progress: bool | str = True,
    pdf: bool = True,
    contoh: bool = False,
    notebooks: str | None = None,
    kertas: str = "a4",
    scheduler: str | None = None,
    kabupaten: list[str] | None = None,
    proses: str | None = None,
) -> dict:
    """Run the batch; returns this run's manifest. ``<keluaran>/<tahun>/manifest.json`` and
    ``index.html`` hold it merged with the documents already listed there (other units, earlier
    or concurrent runs; :func:`kinerja.run.indeks.gabung_manifest`).

    ``scheduler`` runs the documents on a Dask cluster (an address, or ``"local"`` for a
    LocalCluster of ``jobs`` workers; :mod:`kinerja.run.klaster`), else on ``jobs`` local
    processes; either way each document is isolated the same way and only this process
    writes the manifest and the index.

    The store is the one :func:`kinerja.store.url.url_store` finds (``db``, ``$KINERJA_DB``, the
    default); the sample kabupaten only with ``contoh=True``. ``notebooks`` is a folder of
    adapted notebooks (else ``$KINERJA_NOTEBOOKS``), used before the package's own.
    ``proses`` is how each document gets its own process (:func:`cara_proses`: ``fork`` where
    the system has it, else ``spawn``; ``$KINERJA_PROSES`` when not given). ``progress``: a bar
    (True), nothing (False) or ``"baris"``, one line per document done with the count and the
    time so far (for a log, where a bar shows nothing until the end).

    Interrupted (Ctrl-C), the batch stops its documents at once and still writes the manifest and
    the index of those done; the manifest returned then says ``"dihentikan": True``.
    """
    keluaran = Path(keluaran).resolve()
    store = _buka_store(db, contoh, tahun, bulan)
    db = store.url
    proses = cara_proses(proses)
    tasks = rencana_batch(store, tahun, bulan, units, dokumen, keluaran, db, skala, notebooks, kertas, kabupaten)
    if pdf and chromium() is None:
        raise KinerjaError("chromium tidak ditemukan untuk mencetak PDF; pasang paket Debian chromium "
                           "(make chromium) atau jalankan dengan --tanpa-pdf")
    folder = keluaran / str(tahun)
    periksa_tautan(folder / "manifest.json", keluaran)  # a link planted in a shared output folder is refused
    previous = manifest_sebelumnya(folder / "manifest.json")  # a damaged one is refused before anything runs
    previous = previous if lanjutkan else {}
    todo = _belum_jadi(tasks, previous)
    results: dict[str, dict] = {t.kunci: previous[t.kunci] for t in tasks if t.kunci in previous}
    started = time.perf_counter()
    store.engine.dispose()
    if scheduler is None:
        run = _jalankan_lokal(todo, pdf, jobs, proses)
    else:
        from kinerja.run.klaster import jalankan_di_klaster

        run = jalankan_di_klaster(todo, pdf, scheduler, jobs, functools.partial(_terisolasi, proses=proses),
                                  functools.partial(_siapkan, proses=proses), _hilang, proses=proses)
    dihentikan = _kumpulkan(run, len(todo), results, progress, started)
    manifest = {
        "tahun": tahun, "bulan": bulan, "basis_data": tampil_url(db), "penjadwal": scheduler or "lokal",
        "proses": proses,
        "dibuat": dt.datetime.now().isoformat(timespec="seconds"),
        "durasi": time.perf_counter() - started, "dijalankan": len(todo),
        "tugas": [results[t.kunci] for t in tasks if t.kunci in results],
    } | ({"dihentikan": True, "direncanakan": len(tasks)} if dihentikan else {})
    try:
        status = status_unit(store, tahun, bulan)
    except KinerjaError:
        status = None  # an index without status beats no index
    with kunci_keluaran(folder):  # other batches into this folder: their documents stay listed
        semua = gabung_manifest(folder / "manifest.json", manifest)
        tulis_indeks(semua["tugas"], tahun, bulan, folder / "index.html", status)
    return manifest


def _kumpulkan(run, jumlah: int, results: dict[str, dict], progress: bool | str, started: float) -> bool:
    """Record each document's result as it comes from ``run``; True when Ctrl-C stopped the
    batch (``run`` is closed, which stops its documents, and what was done stays recorded)."""
    from tqdm import tqdm

    bar = tqdm(total=jumlah, desc="dokumen", unit="dok", disable=progress is not True)
    try:
        for n, (tugas, hasil) in enumerate(run, start=1):
            results[tugas.kunci] = asdict(hasil) | {"selesai": dt.datetime.now().isoformat(timespec="microseconds")}
            bar.update()
            if progress == "baris":
                print(f"[{n}/{jumlah}] {tugas.unit} {tugas.dokumen.upper()}: {hasil.status}, "
                      f"{format_angka(hasil.durasi, 1)} detik (berjalan {_lama(time.perf_counter() - started)})",
                      file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        run.close()
        return True
    finally:
        bar.close()
    return False


def _lama(detik: float) -> str:
    """Elapsed time as a log reader reads it: 0:42, 12:05, 1:02:33."""
    jam, sisa = divmod(int(detik), 3600)
    return f"{jam}:{sisa // 60:02d}:{sisa % 60:02d}" if jam else f"{sisa // 60}:{sisa % 60:02d}"


def _buka_store(db: str, contoh: bool, tahun: int, bulan: int | None):
    """The batch's store: the sample kabupaten with ``contoh``, else the one ``db`` names."""
    if contoh:
        from kinerja.contoh.store import store_contoh

        return store_contoh(tahun, bulan or 12)
    from kinerja.store.store import buka_store

    return buka_store(db)


def _belum_jadi(tasks: list[Tugas], previous: dict[str, dict]) -> list[Tugas]:
    """What a resumed batch must (re)build: a document is kept only if it succeeded, its files
    are there, and nothing it is built from (parameters, notebook, data, kinerja) changed since."""
    return [t for t in tasks if not (
        t.kunci in previous and previous[t.kunci]["status"] == "berhasil"
        and previous[t.kunci].get("sidik") == t.sidik
        and all(Path(p).exists() for p in previous[t.kunci]["keluaran"]))]
