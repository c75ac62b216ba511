"""Start ``kinerja serve`` for browser tests and stop it afterwards (shared by the page tests)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"


TANGKAPAN = Path(__file__).resolve().parent.parent / "outputs" / "tangkapan-layar"  # screenshots to look at


def tangkap_layar(page, name: str) -> None:
    """A screenshot of the whole page (Voila scrolls inside a panel, so grow the viewport)."""
    TANGKAPAN.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 8000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(TANGKAPAN / f"{name}.png"), full_page=True)
    assert (TANGKAPAN / f"{name}.png").stat().st_size > 10_000


@contextlib.contextmanager
def peramban():
    """Debian's chromium driven by playwright, for the page tests."""
    from playwright.sync_api import sync_playwright

    from kinerja.run import batch

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jalankan_serve(db: str, keluaran: Path, token: str, *opsi: str):
    """``kinerja serve`` (with options ``opsi``) on a free local port; yields its base URL."""
    with jalankan_serve_proses(db, keluaran, token, *opsi) as (_, base, _log):
        yield base


def _tunggu_pemanasan(proc: subprocess.Popen, log: Path, batas: float = 180) -> None:
    """Wait until every page's pre-started kernel has run its notebook, as a reader arriving some
    time after the server started finds it: the first page otherwise waits for all of them at once
    (8 notebooks on 2 cores, ~35 s), over a browser's 30 s. Without pre-heating (personal links,
    ``--tanpa-pemanasan``) no kernel starts ahead: the caller does not wait at all."""
    mulai, siap = time.monotonic(), 0
    while time.monotonic() - mulai < batas and proc.poll() is None:
        text = log.read_text(errors="replace")
        mulai_kernel, terisi = text.count("Kernel started"), len(re.findall(r"Kernel pool of \S+ is filled", text))
        if not mulai_kernel and time.monotonic() - mulai > 15:  # none after all: a server without a pool
            return
        siap = siap + 1 if mulai_kernel and terisi >= mulai_kernel else 0
        if siap >= 3:  # every kernel started ahead has run its page, for 1,5 s
            return
        time.sleep(0.5)


def _dipanaskan(log: Path, opsi: tuple[str, ...]) -> bool:
    """Whether the server pre-starts kernels: not with ``--tanpa-pemanasan``, nor when only
    personal links open pages (it says so on its first lines, before it answers HTTP)."""
    return "--tanpa-pemanasan" not in opsi and "hanya dengan tautan pribadi" not in log.read_text(errors="replace")


@contextlib.contextmanager
def jalankan_serve_proses(db: str, keluaran: Path, token: str, *opsi: str):
    """As :func:`jalankan_serve`, yielding the ``kinerja serve`` process and its log file too
    (a file, not a pipe nobody reads: a server that logs much would block on a full pipe)."""
    port = _free_port()
    log = Path(tempfile.mkdtemp(prefix="kinerja-serve-")) / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([KINERJA, "serve", "--port", str(port), "--db", db, "-o", str(keluaran), *opsi],
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True, text=True,
                                env={**os.environ, "KINERJA_TOKEN": token})  # never on the command line
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/voila/tree?token={token}", timeout=5)  # "/" opens a page
            break
        except urllib.error.HTTPError:  # it answers (403 where only personal links open a page): it is up
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or proc.poll() is not None:
                with contextlib.suppress(ProcessLookupError):  # a server that stopped by itself
                    os.killpg(proc.pid, signal.SIGTERM)
                pytest.fail("kinerja serve did not start: " + log.read_text(errors="replace"))
            time.sleep(0.5)
    if _dipanaskan(log, opsi):
        _tunggu_pemanasan(proc, log)
    try:
        yield proc, base, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
