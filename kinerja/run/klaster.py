"""Running the batch's documents on a Dask cluster (``kinerja batch --scheduler``).

Each document runs exactly as in the local batch (the batch hands in its ``_terisolasi``): a
worker warms up once (the batch's ``_siapkan``, installed as a worker plugin, so a
restarted worker warms up again), then forks a child per document, so no two documents
ever share a process, whatever the worker did before. Workers must have one thread each
(``dask worker --nthreads 1``): a second thread would fork children from a process busy
with another document. Only results travel back to the client, which alone writes the
manifest and ``index.html``; the documents themselves are written by the workers into the
output folder, which must therefore be the same path on every worker (a shared
filesystem) and the store reachable from each. A worker lost while it builds a document
(killed, out of memory, machine gone) fails that document only; the batch goes on.

``scheduler="local"`` starts a LocalCluster on this machine with one single-threaded
worker process per job; on it a task is not retried on another worker after its worker
died (``allowed-failures`` 0), so a document that kills its worker is reported at once.

The client hands the cluster no more documents than it has worker threads at that moment
(a new one as each finishes), so no document waits on a worker behind another: a lost
worker takes only the document it was building with it, and a worker that joins is used
from the next document on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator

from kinerja.core.errors import KinerjaError

__all__ = ["jalankan_di_klaster"]


def _plugin(siapkan: Callable[[bool], None], pdf: bool):
    from distributed import WorkerPlugin

    class PemanasanKinerja(WorkerPlugin):
        """Warm a Dask worker up once for kinerja's documents (imports, fonts, templates)."""

        name = "kinerja-pemanasan"

        def __init__(self, siapkan, pdf: bool) -> None:
            self.siapkan, self.pdf = siapkan, pdf

        def setup(self, worker) -> None:
            self.siapkan(self.pdf)

    return PemanasanKinerja(siapkan, pdf)


def _klien(scheduler: str, jobs: int, proses: str = "fork"):
    """A client of the cluster at ``scheduler`` (an address, or ``local`` for a new LocalCluster).
    With ``proses="spawn"`` the local workers are not daemons: a daemon may not start processes."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                              "distributed.worker.profile.enabled": False,
                              "distributed.worker.daemon": proses == "fork"}):
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            return Client(cluster), cluster
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise KinerjaError(f"penjadwal Dask {scheduler!r} tidak dapat dihubungi ({type(exc).__name__})") from exc
    return client, None


def _periksa_pekerja(client) -> None:
    workers = client.scheduler_info(n_workers=-1)["workers"]
    if not workers:
        raise KinerjaError("penjadwal Dask belum memiliki pekerja; jalankan 'dask worker ALAMAT --nthreads 1'")
    threaded = sorted(w.get("name", a) for a, w in workers.items() if w.get("nthreads", 1) > 1)
    if threaded:
        raise KinerjaError(f"pekerja Dask harus satu utas agar dokumen tetap terpisah: {', '.join(map(str, threaded))} "
                           "punya lebih dari satu; jalankan 'dask worker ALAMAT --nthreads 1'")


def jalankan_di_klaster(todo: list, pdf: bool, scheduler: str, jobs: int, kerja: Callable, siapkan: Callable,
                        gagal: Callable, proses: str = "fork") -> Iterator[tuple[object, object]]:
    """Run the batch's tugas on Dask; yields ``(tugas, hasil)`` as documents finish.

    The batch hands in how a document runs isolated (``kerja(tugas, pdf)``), how a worker
    warms up (``siapkan(pdf)``) and the result of a document whose worker was lost
    (``gagal(tugas, pesan)``), so that both run documents the one same way; ``proses`` is how
    ``kerja`` isolates a document (``fork`` or ``spawn``, see :func:`kinerja.run.batch.cara_proses`).
    """
    from distributed import as_completed

    client, cluster = _klien(scheduler, jobs, proses)
    try:
        _periksa_pekerja(client)
        client.register_plugin(_plugin(siapkan, pdf))
        run = uuid.uuid4().hex[:8]
        waiting = list(enumerate(todo))[::-1]
        futures: dict = {}
        running = as_completed()

        def submit() -> None:
            free = max(1, sum(client.nthreads().values())) - len(futures)
            for _ in range(min(free, len(waiting))):
                i, tugas = waiting.pop()
                future = client.submit(kerja, tugas, pdf, key=f"kinerja-{run}-{i}", pure=False, retries=0)
                futures[future] = tugas
                running.add(future)

        submit()
        for future in running:
            tugas = futures.pop(future)
            try:
                hasil = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its document, not the batch
                hasil = gagal(tugas, f"pekerja Dask hilang saat menyusun dokumen ini ({type(exc).__name__})")
            submit()
            yield tugas, hasil
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
