"""The page server holds: a page closed in the browser shuts its kernel down, and SIGTERM to
``kinerja serve`` stops the Voila server and every kernel (nothing left listening), with no
English DeprecationWarning or "Notebook … is not trusted" line on the console. Against the
small store."""

from __future__ import annotations

import contextlib
import signal
import socket
import time
import urllib.request

import psutil
import pytest

from halaman_server import jalankan_serve_proses
from test_halaman_browser import browser  # noqa: F401 - Debian's chromium via playwright

TOKEN = "uji-pelayan-tahan-0123456789"


def _kernel(pid: int) -> list[psutil.Process]:
    """The kernels below the ``kinerja serve`` process ``pid``."""
    return [p for p in psutil.Process(pid).children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def _tunggu(syarat, detik: float) -> bool:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        if syarat():
            return True
        time.sleep(0.2)
    return syarat()


def _tenang(pid: int) -> int:
    """The number of kernels once it has stopped changing (the pool filled)."""
    last = -1
    for _ in range(60):
        n = len(_kernel(pid))
        if n == last and n > 0:
            return n
        last = n
        time.sleep(2)
    return last


@contextlib.contextmanager
def _pelayan(dasar, keluaran, *opsi: str):
    # a server the test stopped itself is gone when the helper would stop it
    with contextlib.suppress(ProcessLookupError), jalankan_serve_proses(
            f"sqlite:///{dasar}", keluaran, TOKEN, "--tahun", "2026", "--bulan", "3", *opsi) as jalan:
        yield jalan


@pytest.fixture
def pelayan(dasar, tmp_path):
    """As shipped: a pre-executed kernel per page."""
    with _pelayan(dasar, tmp_path) as jalan:
        yield jalan


@pytest.fixture
def pelayan_dingin(dasar, tmp_path):
    """Without pre-executed kernels: starts in a few seconds."""
    with _pelayan(dasar, tmp_path, "--tanpa-pemanasan") as jalan:
        yield jalan


def test_sigterm_stops_the_server_and_every_kernel(pelayan_dingin):
    proc, base, log = pelayan_dingin
    urllib.request.urlopen(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}", timeout=120).read()
    semua = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    assert _kernel(proc.pid)
    proc.send_signal(signal.SIGTERM)  # to kinerja serve only, as a service manager sends it
    assert proc.wait(timeout=40) == 0
    assert _tunggu(lambda: not [p for p in semua if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 10)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", int(base.rsplit(":", 1)[1]))) != 0  # nothing listening
    assert "kinerja serve: berhenti." in log.read_text()
