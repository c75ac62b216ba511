"""One document in a process of its own: the warmed worker, the child per document (forked,
or spawned where there is no fork), and what the child does (papermill, HTML, Word).

Workers import the libraries once (:func:`_siapkan`); each tugas then runs in a child
created for it alone (:func:`_terisolasi`), with papermill's in-process ``kinerja`` engine
(:mod:`kinerja.run.engine`), so units never share state and no kernel has to start per
document. The local pool (:func:`_jalankan_lokal`) and the Dask workers
(:mod:`kinerja.run.klaster`) run documents this one same way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from kinerja.core.berkas import tulis_atomik
from kinerja.core.errors import KinerjaError
from kinerja.core.sistem import buka_tulis_baru, periksa_tautan
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.render.cetak import cetak_pdf
from kinerja.run.dokumen_html import _exporter, _html
from kinerja.run.rencana import Hasil, Tugas, pesan_galat

__all__ = ["FOLDER_KERJA", "cara_proses"]

FOLDER_KERJA = "_kerja"
"""Below a unit's output folder: the executed notebooks and their logs, which are no documents
(the unit's folder holds what a reader opens: HTML, PDF, Word, the filled formulir)."""


def _run(tugas: Tugas) -> Hasil:
    """Execute one tugas with papermill's in-process ``kinerja`` engine and write its HTML,
    Word and formulir files; call only in a process of its own (see :func:`_terisolasi`),
    which prints the PDF. The executed notebook and its log go to :data:`FOLDER_KERJA`."""
    start = time.perf_counter()
    folder = Path(tugas.folder)
    executed = folder / FOLDER_KERJA / f"{tugas.dokumen}.ipynb"
    page = folder / f"{tugas.dokumen}.html"
    try:  # the folder is <keluaran>/<tahun>/<unit>: no link below the output folder the user named
        periksa_tautan(executed, folder.parents[1])
        executed.parent.mkdir(parents=True, exist_ok=True)
        # Warnings and library chatter go to a log beside the executed notebook, not to the user's
        # terminal; an empty one is removed when the document is done.
        log = buka_tulis_baru(executed.with_suffix(".log"))
    except (KinerjaError, OSError) as exc:
        return Hasil(tugas.unit, tugas.dokumen, "gagal", 0.0, [], pesan_galat(exc), tugas.sidik)
    os.dup2(log, 2)
    try:
        return _buat(tugas, executed, page, start)
    finally:
        if os.fstat(log).st_size == 0:
            executed.with_suffix(".log").unlink(missing_ok=True)


def _buat(tugas: Tugas, executed: Path, page: Path, start: float) -> Hasil:
    """The document of :func:`_run`: papermill, then its HTML page, Word file and formulir."""
    from kinerja.render.word import tulis_docx

    folder = page.parent
    if tugas.basis_data:  # this process exists for this one document: its environment is its own
        os.environ["KINERJA_DB"] = tugas.basis_data
    try:
        source = Path(tugas.notebook)
        _laksanakan(source, executed, tugas.parameter)
        spec = DOKUMEN.get(tugas.dokumen)
        wide = spec is not None and spec.melintang
        content = _html(executed, f"{tugas.dokumen.upper()} {tugas.nama_unit}", tugas.kertas, wide)
        tulis_atomik(page, lambda tmp: tmp.write_text(content, encoding="utf-8"))
        outputs = [str(executed), str(page)]
        if spec is not None and "docx" in spec.berkas:  # Word from the same executed notebook
            outputs.append(str(tulis_docx(executed, folder / f"{tugas.dokumen}.docx", melintang=wide)))
        # The filled formulir the notebook wrote itself.
        outputs += [str(p) for p in (folder / f"{tugas.dokumen}.xlsx",) if p.exists()]
        return Hasil(tugas.unit, tugas.dokumen, "berhasil", time.perf_counter() - start, outputs, sidik=tugas.sidik)
    except Exception as exc:  # noqa: BLE001 - a failing unit is recorded, the batch goes on
        page.unlink(missing_ok=True)
        return Hasil(tugas.unit, tugas.dokumen, "gagal", time.perf_counter() - start,
                     [str(executed)] if executed.exists() else [], pesan_galat(exc, executed.name),
                     tugas.sidik)


def _laksanakan(source: Path, executed: Path, parameter: dict) -> None:
    """papermill into a new file beside ``executed``, renamed over it when papermill is done (a
    failed notebook too, for its error): a link planted at ``executed`` is replaced, not written through."""
    import papermill

    from kinerja.run import engine  # noqa: F401 - registers the engine

    sedang = executed.with_name(f".{executed.stem}.sedang.ipynb")
    os.close(buka_tulis_baru(sedang))
    try:
        papermill.execute_notebook(str(source), str(sedang), parameters=parameter, engine_name="kinerja",
                                   progress_bar=False, log_output=False, cwd=str(source.parent))
    finally:
        if sedang.stat().st_size:
            os.replace(sedang, executed)
        else:
            sedang.unlink()


def cara_proses(proses: str | None = None) -> str:
    """How each document gets a process of its own: ``"fork"`` (a child forked from a warmed
    worker, where ``os.fork`` exists) or ``"spawn"`` (a fresh interpreter per document: Windows,
    or forced with ``proses="spawn"`` / ``$KINERJA_PROSES=spawn``).

    Examples
    --------
    >>> cara_proses("spawn")
    'spawn'
    """
    pilihan = proses or os.environ.get("KINERJA_PROSES", "") or ("fork" if hasattr(os, "fork") else "spawn")
    if pilihan not in ("fork", "spawn"):
        raise KinerjaError(f"cara proses {pilihan!r} tidak dikenal (KINERJA_PROSES); pilih fork atau spawn")
    if pilihan == "fork" and not hasattr(os, "fork"):
        raise KinerjaError("sistem ini tidak mengenal fork; pakai KINERJA_PROSES=spawn")
    return pilihan


def _siapkan(pdf: bool = False, proses: str = "fork") -> None:
    """Worker initializer: import and warm up once what every document needs, so the
    child forked per document starts warm, and with ``pdf`` start the worker's chromium
    (closed when the worker exits). Runs no notebook and opens no store. With ``proses="spawn"``
    a document's process imports everything itself, so the worker only prepares the printer."""
    if proses == "fork":
        _panaskan()
    if pdf:
        from multiprocessing import util

        from kinerja.render.cetak import tutup_pencetak

        from playwright.sync_api import sync_playwright  # noqa: F401 - the browser starts on the first page
        util.Finalize(None, tutup_pencetak, exitpriority=10)
    import gc

    # Everything warmed so far lives as long as the worker: moved out of the collector's view,
    # so a forked child's first full collection does not walk (and copy-on-write) the whole heap.
    gc.collect()
    gc.freeze()


def _panaskan() -> None:
    """Import the libraries, load the fonts, compile the schema validator and the templates."""
    import io

    import matplotlib
    import matplotlib.pyplot as plt
    import nbformat

    from kinerja.analisis import dari_store as analisis  # noqa: F401
    from kinerja.run import engine  # noqa: F401
    from kinerja.render import grafik  # noqa: F401
    from kinerja.dokumen import bagian, craapk, lkjip, rencana  # noqa: F401
    from kinerja.dokumen import narasi  # noqa: F401
    from kinerja.render import word  # noqa: F401

    matplotlib.use("module://matplotlib_inline.backend_inline")
    fig, ax = plt.subplots()
    ax.set_title("Pemanasan")  # loads the fonts once
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("pemanasan")])
    nbformat.writes(nb)  # compiles the schema validator
    _exporter().from_notebook_node(nb)  # compiles the templates
    try:  # the PostgreSQL driver, imported once here rather than in every document's child
        import psycopg  # noqa: F401
    except ImportError:  # pragma: no cover - installed with kinerja
        pass


def _terisolasi(tugas: Tugas, pdf: bool = True, proses: str = "fork") -> Hasil:
    """Run one tugas in a process of its own, and return its result.

    This is how units stay isolated without a kernel per document: the worker has only
    imported libraries (:func:`_siapkan`) and never runs a notebook itself; each document
    runs in a fresh fork of it (or, with ``proses="spawn"``, a freshly started interpreter),
    a separate address space that exits when the document is done, so nothing one document
    does can be seen by the next. A child that dies (crash, out of memory) is recorded as a
    failed tugas. The child hands its HTML page back; the worker prints it with its one
    persistent chromium (:mod:`kinerja.render.cetak`), which is never shared with, nor
    inherited by, a document's child."""
    hasil = _lewat_fork(tugas) if proses == "fork" else _lewat_spawn(tugas)
    if pdf and hasil.status == "berhasil":
        start = time.perf_counter()
        target = Path(tugas.folder) / f"{tugas.dokumen}.pdf"
        try:
            hasil.keluaran.append(str(cetak_pdf(Path(tugas.folder) / f"{tugas.dokumen}.html", target)))
        except KinerjaError as exc:
            hasil.status, hasil.galat = "gagal", str(exc)
        hasil.durasi += time.perf_counter() - start
    return hasil


def _lewat_fork(tugas: Tugas) -> Hasil:
    """The document in a child forked from this (warmed) process; its result comes back through a pipe."""
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        code = 0
        try:
            os.close(read)
            payload = pickle.dumps(_run(tugas))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - reported by the parent as "no result"
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    _ANAK.append(pid)
    try:
        with os.fdopen(read, "rb") as inp:
            payload = inp.read()
        _, status = os.waitpid(pid, 0)
    finally:
        _ANAK.remove(pid)
    if not payload:
        return _hilang(tugas, f"proses dokumen berhenti tanpa hasil (kode keluar {os.waitstatus_to_exitcode(status)})")
    return pickle.loads(payload)


def _lewat_spawn(tugas: Tugas) -> Hasil:
    """The document in a freshly spawned interpreter (where there is no fork, or when forced):
    the same isolation as a fork, at the price of importing the libraries per document."""
    if multiprocessing.current_process().daemon:  # e.g. a Dask worker started by a nanny
        return _hilang(tugas, "pekerja ini tidak boleh memulai proses dokumen; jalankan pekerja Dask dengan "
                              "DASK_DISTRIBUTED__WORKER__DAEMON=False")
    context = multiprocessing.get_context("spawn")
    read, write = context.Pipe(duplex=False)
    child = context.Process(target=_anak_spawn, args=(tugas, write), name=f"kinerja-{tugas.kunci}")
    child.start()
    _ANAK.append(child.pid)
    write.close()  # the child holds the only writing end: its exit ends the reading below
    try:
        hasil = read.recv()
    except EOFError:
        hasil = None
    finally:
        read.close()
    child.join()
    _ANAK.remove(child.pid)
    if hasil is None:
        return _hilang(tugas, f"proses dokumen berhenti tanpa hasil (kode keluar {child.exitcode})")
    return hasil


def _anak_spawn(tugas: Tugas, out) -> None:
    """Entry point of a spawned document process: run the document, send its result back."""
    hasil = _run(tugas)
    out.send(hasil)
    out.close()


def _hilang(tugas: Tugas, pesan: str) -> Hasil:
    """The result of a document whose process (or Dask worker) was lost."""
    return Hasil(tugas.unit, tugas.dokumen, "gagal", 0.0, [], pesan, tugas.sidik)


_ANAK: list[int] = []  # in a worker: the process of the document it is running


def _siapkan_lokal(pdf: bool = False, proses: str = "fork") -> None:
    """Initializer of a local pool's worker: :func:`_siapkan`, and Ctrl-C left to the batch
    (:func:`_hentikan_pool`): a worker and its documents ignore it (no traceback from every
    process), and a worker stopped with SIGTERM takes its document's process with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _berhenti)
    _siapkan(pdf, proses)


def _berhenti(signum, frame) -> None:  # noqa: ARG001 - a signal handler's signature
    """A worker told to stop (SIGTERM, by :func:`_hentikan_pool`): its document's process goes too."""
    for pid in list(_ANAK):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    os._exit(128 + signum)


def _jalankan_lokal(todo: list[Tugas], pdf: bool, jobs: int, proses: str = "fork"):
    """The documents on this machine: ``jobs`` workers from a forkserver (a clean
    single-threaded parent) warm up once, then fork a child per document (see
    :func:`_terisolasi`); with ``proses="spawn"`` the workers are spawned and start a fresh
    interpreter per document. Yields ``(tugas, hasil)`` as documents finish; when the batch
    stops early (Ctrl-C, or the caller closes this generator), the running documents are
    stopped at once instead of awaited."""
    context = multiprocessing.get_context("forkserver" if proses == "fork" else "spawn")
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo) or 1)), mp_context=context,
                               initializer=_siapkan_lokal, initargs=(pdf, proses))
    try:
        futures = {pool.submit(_terisolasi, t, pdf, proses): t for t in todo}
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:  # KeyboardInterrupt, GeneratorExit: nothing is waited for
        _hentikan_pool(pool)
        raise
    pool.shutdown()


def _hentikan_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued documents cancelled, workers (and their documents' processes, see
    :func:`_berhenti`) terminated, waited for at most a few seconds, then killed."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    batas = time.monotonic() + 3
    for worker in workers:
        worker.join(max(0.0, batas - time.monotonic()))
        if worker.is_alive():
            worker.kill()
