"""The page server holds: a page closed in the browser shuts its kernel down, and SIGTERM to
``kinerja serve`` stops the Voila server and every kernel (nothing left listening), with no
English DeprecationWarning or "Notebook … is not trusted" line on the console. Against the
small store.

A closed page's kernel is shut down by the server itself, ``--tenggang-tutup`` seconds after
the page's last websocket closed, whether or not the page's ``beforeunload`` beacon arrived
(phone browsers and crashed tabs send none); a websocket back within that grace keeps it; the
pre-executed pool's kernels, which no page holds, stay. A page closed before its websocket
ever connected (the tab closed while the page loaded) has its kernel shut down
``--tenggang-sambung`` seconds after the page was sent; a page whose websocket comes within
that grace keeps it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import re
import shutil
import signal
import socket
import time
import urllib.error
import urllib.request

import psutil
import pytest
from tornado.websocket import websocket_connect

from halaman_server import jalankan_serve_proses
from kinerja.halaman import serve
from test_halaman_browser import browser  # noqa: F401 - Debian's chromium via playwright

TOKEN = "uji-pelayan-tahan-0123456789"
TENGGANG = 3  # seconds a closed page's kernel waits for its page to come back (default 15)
SAMBUNG = 6  # seconds a sent page's kernel waits for the page's first websocket (default 60)


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
def pelayan_dingin(dasar, tmp_path):
    """Without pre-executed kernels: starts in a few seconds."""
    with _pelayan(dasar, tmp_path, "--tanpa-pemanasan") as jalan:
        yield jalan


@pytest.fixture(scope="module")
def pelayan_satu(dasar, tmp_path_factory):
    """As shipped (a pre-executed pool), with one page only (one pool kernel: starts in seconds)
    and a short grace for closed pages."""
    notebooks = tmp_path_factory.mktemp("notebooks")
    (notebooks / "dashboard").mkdir()
    shutil.copy(serve.folder_halaman() / "peringkat.ipynb", notebooks / "dashboard")
    with _pelayan(dasar, tmp_path_factory.mktemp("keluaran"), "--notebooks", str(notebooks),
                  "--tenggang-tutup", str(TENGGANG), "--tenggang-sambung", str(SAMBUNG)) as jalan:
        yield jalan


def _buka(browser, base: str):  # noqa: F811
    """A page in a tab of its own, its widgets up (its kernel's websocket connected); its kernel id."""
    page = browser.new_page()
    page.goto(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}")
    page.wait_for_selector(".jupyter-widgets", timeout=90_000)
    return page, _id_kernel(page.content())


def _id_kernel(html: str) -> str:
    return re.search(r'"kernelId": "([0-9a-f-]{36})"', html).group(1)


def _sambung(base: str, kernel_id: str, setelah: float, selama: float) -> None:
    """A page's websocket to ``kernel_id`` connecting ``setelah`` seconds from now and closing
    ``selama`` seconds later, the kernel alive all along."""
    async def sambung():
        await asyncio.sleep(setelah)
        ws = await websocket_connect(f"{base.replace('http', 'ws')}/api/kernels/{kernel_id}/channels?token={TOKEN}")
        await asyncio.sleep(selama)
        assert _hidup(base, kernel_id)
        ws.close()

    with concurrent.futures.ThreadPoolExecutor(1) as t:  # playwright's loop runs in this thread
        t.submit(asyncio.run, sambung()).result()


def _id_semua(pid: int) -> set[str]:
    """The ids of the kernels below the ``kinerja serve`` process ``pid`` (Voila lists none),
    from their connection files."""
    berkas = (re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(p.cmdline())) for p in _kernel(pid))
    return {m.group(1) for m in berkas if m}


def _hidup(base: str, kernel_id: str) -> bool:
    try:
        urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}?token={TOKEN}", timeout=10)
        return True
    except urllib.error.HTTPError as exc:
        assert exc.code == 404
        return False


@pytest.mark.parametrize("tutup", ["tab ditutup (beforeunload)", "tab ditutup tanpa beforeunload (ponsel)",
                                   "pindah ke alamat lain"])
def test_a_closed_page_shuts_its_kernel_down_and_the_pool_stays(pelayan_satu, browser, tutup):  # noqa: F811
    proc, base, log = pelayan_satu
    n = _tenang(proc.pid)  # the pool: one pre-executed kernel
    page, kernel_id = _buka(browser, base)
    assert _tunggu(lambda: len(_kernel(proc.pid)) == n + 1, 60)  # the page's, and the pool refilled
    if tutup == "pindah ke alamat lain":
        page.goto("about:blank")
    page.close(run_before_unload=tutup == "tab ditutup (beforeunload)")
    assert _tunggu(lambda: not _hidup(base, kernel_id), TENGGANG + 10), log.read_text()
    assert _tunggu(lambda: len(_kernel(proc.pid)) == n, 10)
    time.sleep(TENGGANG + 1)
    assert len(_kernel(proc.pid)) == n  # the pool's kernel, which no page holds, stays
    console = log.read_text()
    assert " 403 " not in console and "Traceback" not in console and "Exception" not in console, console
    assert "DeprecationWarning" not in console and "is not trusted" not in console, console
    assert "websocket_ping_timeout" not in console, console


@pytest.mark.parametrize("tutup", ["tab ditutup saat halaman dimuat", "skrip halaman tidak berjalan"])
def test_a_page_closed_before_it_connected_shuts_its_kernel_down(pelayan_satu, browser, tutup):  # noqa: F811
    """The page takes the pool's kernel and is gone before its websocket connects: the kernel
    is shut down once the connect grace has passed (before, it ran until culled 15 minutes later)."""
    proc, base, log = pelayan_satu
    assert _tunggu(lambda: len(_id_semua(proc.pid)) == 1, 60)  # the pool's one kernel, earlier pages' gone
    (kernel_id,) = _id_semua(proc.pid)
    konteks = browser.new_context(java_script_enabled=tutup == "tab ditutup saat halaman dimuat")
    page = konteks.new_page()
    mulai = time.monotonic()
    if tutup == "tab ditutup saat halaman dimuat":
        page.goto(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}", wait_until="commit")
    else:  # the whole page arrives, its scripts never run (a phone that dropped before they loaded)
        page.goto(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}")
        assert _id_kernel(page.content()) == kernel_id
    konteks.close()
    assert _tunggu(lambda: not _hidup(base, kernel_id), SAMBUNG + 30), log.read_text()
    assert time.monotonic() - mulai >= SAMBUNG  # not before the grace: a slow page may still connect
    assert _tunggu(lambda: len(_id_semua(proc.pid)) == 1, 60)  # the pool refilled
    kolam = _id_semua(proc.pid)
    time.sleep(SAMBUNG + 1)
    assert _id_semua(proc.pid) == kolam  # the new pool kernel, which no page took, stays
    assert "Traceback" not in log.read_text()


def test_a_page_whose_websocket_comes_late_keeps_its_kernel(pelayan_satu, browser):  # noqa: F811
    """A page still connecting when half the grace has passed is not cut off."""
    proc, base, log = pelayan_satu
    konteks = browser.new_context(java_script_enabled=False)
    page = konteks.new_page()
    page.goto(f"{base}/voila/render/peringkat.ipynb?token={TOKEN}")
    kernel_id = _id_kernel(page.content())
    _sambung(base, kernel_id, SAMBUNG / 2, SAMBUNG + 2)
    konteks.close()
    assert _tunggu(lambda: not _hidup(base, kernel_id), TENGGANG + 10), log.read_text()


def test_a_page_that_reconnects_within_the_grace_keeps_its_kernel(pelayan_satu, browser):  # noqa: F811
    """A reload opens a new page (a kernel of its own) and leaves the old one; a dropped websocket
    (a phone's network) that comes back within the grace keeps the page's kernel."""
    proc, base, log = pelayan_satu
    page, lama = _buka(browser, base)
    page.reload()
    page.wait_for_selector(".jupyter-widgets", timeout=90_000)
    baru = _id_kernel(page.content())
    assert baru != lama and _tunggu(lambda: not _hidup(base, lama), TENGGANG + 10)
    time.sleep(TENGGANG + 2)
    assert _hidup(base, baru)  # the reloaded page's kernel is not caught by the old page's timer

    page.close()  # without beforeunload, as a phone drops a page: only the grace keeps its kernel
    _sambung(base, baru, TENGGANG / 2, TENGGANG + 2)  # the page's connection back within the grace, then gone
    assert _tunggu(lambda: not _hidup(base, baru), TENGGANG + 10), log.read_text()


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
