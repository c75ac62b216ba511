"""``kinerja serve``: the Voila pages of ``notebooks/dashboard/`` for officials.

Standalone Voila (never the JupyterLab server extension), configured for people who
should see numbers and nothing else:

- bound to 127.0.0.1 unless told otherwise, with a token (generated when not given) passed
  in the server's environment (``JUPYTER_TOKEN``), never on its command line, which every
  user of the machine can read in the process list; the kernels do not get it;
- sources stripped, tracebacks never sent to the browser;
- kernels accept widget (comm) messages only: Voila refuses ``execute_request`` from the
  page, so nobody can run code through a kernel's websocket;
- no files served besides the pages' own assets (``file_allowlist`` matches nothing): reports reach
  the browser as download links made from the batch's manifest;
- a kernel idle for ``batas_diam`` minutes is culled, connected or not; a page's kernel is shut
  down ``tenggang_tutup`` seconds after the page closed (its last websocket), or
  ``tenggang_sambung`` seconds after it was sent when it never connected;
- one kernel per page is kept pre-executed, so the first page shows at once;
- with personal links in force (``akses_pribadi``), every request that reaches data needs a live
  personal link of ``kinerja akses``, each kernel is its visitor's and knows the visitor's role
  and unit, no kernel is pre-started, and the shared token opens nothing
  (:mod:`kinerja.halaman.pintu`);
- at most ``batas_halaman`` pages open at once, ``batas_halaman_klien`` from one client, and no
  traceback from a page's kernel reaches the browser (:mod:`kinerja.halaman.pelayan`, which is
  Voila's application with these limits).

The store, period and output folder reach the pages through ``KINERJA_*`` environment
variables read by :func:`kinerja.halaman.dasbor.konteks`, never through the URL.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from kinerja.store.url import absolute_url
from kinerja.core.sumber import folder_notebook, folder_paket

__all__ = ["folder_halaman", "perintah_voila"]

_PENGUNJUNG = ("KINERJA_AKSES", "KINERJA_PERAN", "KINERJA_UNIT", "KINERJA_PENGUNJUNG")


def folder_halaman(notebooks: str | None = None) -> Path:
    """The pages' folder: ``dashboard/`` of the user's notebook folder when it has one, else the package's."""
    user = folder_notebook(notebooks)
    if user is not None and (user / "dashboard").is_dir():
        return user / "dashboard"
    return folder_paket("notebooks") / "dashboard"


def perintah_voila(port: int = 8866, host: str = "127.0.0.1", token: str | None = None, db: str = "",
                   tahun: int | None = None, bulan: int | None = None, keluaran: str = "outputs",
                   skala: str | None = None, batas_diam: int = 15, panaskan: bool = True,
                   notebooks: str | None = None, batas_halaman: int = 20,
                   batas_halaman_klien: int = 8, akses_pribadi: bool = False,
                   tenggang_tutup: int = 15,
                   tenggang_sambung: int = 60) -> tuple[list[str], dict, str]:
    """The server's command line, its environment, and the token (generated if not given),
    which is in the environment only."""
    panaskan = panaskan and not akses_pribadi
    token = token or secrets.token_urlsafe(24)
    argv = [
        sys.executable, "-m", "kinerja.halaman.pelayan", str(folder_halaman(notebooks)),
        "--no-browser", f"--Voila.ip={host}", f"--Voila.port={port}", "--Voila.auto_token=True",
        f"--PelayanHalaman.batas_halaman={batas_halaman}",
        f"--PelayanHalaman.batas_halaman_klien={batas_halaman_klien}",
        "--Voila.port_retries=0",
        f"--PelayanHalaman.akses_pribadi={akses_pribadi}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        # a pattern that matches no file; not "(?!)", which traitlets reads as a Python tuple, with
        # a DeprecationWarning in English on the console
        "--VoilaConfiguration.file_allowlist=(?!x)x",
        f"--VoilaConfiguration.preheat_kernel={panaskan}",
        "--VoilaConfiguration.default_pool_size=1",
        f"--MappingKernelManager.cull_idle_timeout={batas_diam * 60}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=True",
        f"--PengelolaKernel.tenggang_tutup={tenggang_tutup}",  # a closed page's kernel (kinerja.halaman.pelayan)
        f"--PengelolaKernel.tenggang_sambung={tenggang_sambung}",  # a page closed before it connected
    ]
    env = dict(os.environ)
    env["JUPYTER_TOKEN"] = token
    env["KINERJA_KELUARAN"] = str(Path(keluaran).resolve())
    for name in _PENGUNJUNG:  # who looks is the server's to say, per kernel; never the operator's shell
        env.pop(name, None)
    if akses_pribadi:
        env["KINERJA_AKSES"] = "pribadi"  # a kernel started without a visitor refuses (fails closed)
    if db:
        env["KINERJA_DB"] = absolute_url(db)
    for name, value in (("KINERJA_TAHUN", tahun), ("KINERJA_BULAN", bulan), ("KINERJA_SKALA", skala)):
        if value:
            env[name] = str(value)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return argv, env, token
