"""The page server holds: a page closed in the browser shuts its kernel down, and SIGTERM to
``kinerja serve`` stops the Voila server and every kernel (nothing left listening), with no
English DeprecationWarning or "Notebook … is not trusted" line on the console. Against the
small store, without pre-executed kernels, so that the server starts in a few seconds."""

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


@pytest.fixture
def pelayan(dasar, tmp_path):
    # a server the test stopped itself is gone when the helper would stop it
    with contextlib.suppress(ProcessLookupError), jalankan_serve_proses(
            f"sqlite:///{dasar}", tmp_path, TOKEN, "--tanpa-pemanasan", "--tahun", "2026", "--bulan", "3") as jalan:
        yield jalan


def test_a_page_closed_shuts_its_kernel_down(pelayan, browser):  # noqa: F811
    proc, base, log = pelayan
    page = browser.new_page()
    page.goto(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}")
    assert _tunggu(lambda: len(_kernel(proc.pid)) == 1, 60)
    page.wait_for_selector(".jupyter-widgets", timeout=60_000)  # the widget manager (and its beforeunload) is up
    page.close(run_before_unload=True)  # what closing the tab does: the page's beforeunload beacon
    assert _tunggu(lambda: not _kernel(proc.pid), 15), log.read_text()
    console = log.read_text()
    assert "Kernel shutdown" in console and "_xsrf" not in console and " 403 " not in console
    assert "DeprecationWarning" not in console and "is not trusted" not in console, console


def test_sigterm_stops_the_server_and_every_kernel(pelayan):
    proc, base, log = pelayan
    urllib.request.urlopen(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}", timeout=120).read()
    semua = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    assert _kernel(proc.pid)
    proc.send_signal(signal.SIGTERM)  # to kinerja serve only, as a service manager sends it
    assert proc.wait(timeout=40) == 0
    assert _tunggu(lambda: not [p for p in semua if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 10)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", int(base.rsplit(":", 1)[1]))) != 0  # nothing listening
    assert "kinerja serve: berhenti." in log.read_text()
