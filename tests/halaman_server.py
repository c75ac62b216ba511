"""Start ``kinerja serve`` for browser tests and stop it afterwards (shared by the page tests)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jalankan_serve(db: str, keluaran: Path, token: str):
    """``kinerja serve`` on a free local port; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen([KINERJA, "serve", "--port", str(port), "--token", token, "--db", db, "-o", str(keluaran)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/?token={token}", timeout=5)
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or proc.poll() is not None:
                os.killpg(proc.pid, signal.SIGTERM)
                pytest.fail("kinerja serve did not start: " + (proc.stdout.read() if proc.stdout else ""))
            time.sleep(0.5)
    try:
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
