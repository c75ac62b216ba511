"""Printing the documents' HTML pages to PDF with one persistent headless chromium.

Starting a browser per PDF costs more than building the document itself, so each process
that prints (a batch worker) keeps one Debian chromium running, driven by playwright, with
one tab that loads each document's page in turn and prints it. The pages are static and
self-contained; the tab runs no JavaScript and has the network off, so a page can load
nothing but itself and leaves nothing behind for the next (a new tab per page would cost a
renderer start, ~0,1–0,2 s, for no isolation gained). The page size is
the one the page's CSS ``@page`` rule asks for (A4 or F4, portrait or landscape), never
the browser's default US Letter. A browser that died is started again for the next page.

A page with a Daftar Isi (``nav.daftar-isi``) is printed twice, with page numbers in the
footer: the first print tells on which page each entry's target (a heading, a table, a figure:
the PDF's named destinations) lands, the second writes those pages into the entries; the
numbers are short and fill room already laid out, so no entry moves between the two prints.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from kinerja.core.berkas import tulis_atomik
from kinerja.core.errors import KinerjaError

__all__ = ["chromium", "cetak_pdf", "halaman_tujuan", "tutup_pencetak"]

_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync")
_lokal = threading.local()  # one printer per thread: playwright's sync API stays in the thread that started it


def chromium() -> str | None:
    """Path of Debian's chromium (package ``chromium``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _Pencetak:
    """A playwright-driven chromium that lives as long as its process (or until it fails)."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        executable = chromium()
        if executable is None:
            raise KinerjaError("chromium tidak ditemukan; pasang paket Debian chromium (make chromium)")
        self.pid = os.getpid()
        self._playwright = sync_playwright().start()
        try:
            self.browser = self._playwright.chromium.launch(executable_path=executable, args=list(_ARGS))
            self.tab = self.browser.new_context(offline=True, java_script_enabled=False).new_page()
        except Exception:
            self._playwright.stop()
            raise

    def cetak(self, page: Path, pdf: Path) -> None:
        self.tab.goto(page.resolve().as_uri(), wait_until="load")
        if not self.tab.evaluate(_ADA_DAFTAR_ISI):
            self.tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
            return
        options = {"path": str(pdf), "prefer_css_page_size": True, "print_background": True,
                   "display_header_footer": True, "header_template": "<span></span>", "footer_template": _KAKI}
        self.tab.pdf(**options)
        self.tab.evaluate(_ISI_HALAMAN, halaman_tujuan(pdf))
        self.tab.pdf(**options)

    def tutup(self) -> None:
        try:
            self.browser.close()
        finally:
            self._playwright.stop()


_ADA_DAFTAR_ISI = "() => document.querySelector('nav.daftar-isi span.halaman') !== null"
_ISI_HALAMAN = """(halaman) => {
  for (const li of document.querySelectorAll('nav.daftar-isi li')) {
    const a = li.querySelector('a[href^="#"]'), span = li.querySelector('span.halaman');
    const id = a && decodeURIComponent(a.getAttribute('href').slice(1));
    if (span && id in halaman) span.textContent = String(halaman[id]);
  }
}"""
# The page number in the bottom margin (Chromium fills span.pageNumber); the size is set here
# because the footer is laid out apart from the page and would otherwise be tiny.
_KAKI = ('<div style="width:100%;text-align:center;font-size:9pt;font-family:sans-serif">'
         '<span class="pageNumber"></span></div>')


def halaman_tujuan(pdf: str | Path) -> dict[str, int]:
    """The page (counted from 1) of each named destination of ``pdf``: where each anchor a
    link points to was printed."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


def _pencetak() -> _Pencetak:
    printer = getattr(_lokal, "pencetak", None)
    if printer is not None and (printer.pid != os.getpid() or not printer.browser.is_connected()):
        printer = None  # inherited through a fork, or the browser died: never reuse it
    if printer is None:
        printer = _lokal.pencetak = _Pencetak()
    return printer


def cetak_pdf(page: str | Path, pdf: str | Path) -> Path:
    """Print the HTML ``page`` to ``pdf`` with this thread's persistent chromium.

    The PDF appears whole or not at all (written beside it, then renamed). A failure is
    retried once with a newly started browser before it is reported.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.html").write_text("<style>@page{size:A4}</style><p>Halo</p>")
    >>> cetak_pdf(d / "a.html", d / "a.pdf").read_bytes()[:4]
    b'%PDF'
    """
    page, pdf = Path(page), Path(pdf)
    tulis_atomik(pdf, lambda tmp: _cetak_ke(page, tmp, pdf.name))
    return pdf


def _cetak_ke(page: Path, tmp: Path, nama: str) -> None:
    """Print ``page`` into ``tmp`` (a new file the caller renames), retrying once with a new browser."""
    for percobaan in (1, 2):
        try:
            _pencetak().cetak(page, tmp)
            break
        except KinerjaError:
            raise
        except Exception as exc:  # noqa: BLE001 - a crashed browser is restarted once
            tutup_pencetak()
            if percobaan == 2:
                raise KinerjaError(f"{nama}: chromium gagal mencetak PDF ({type(exc).__name__})") from exc
    if tmp.read_bytes()[:4] != b"%PDF":
        raise KinerjaError(f"{nama}: chromium tidak menghasilkan PDF")


def tutup_pencetak() -> None:
    """Close this thread's browser, if one was started here (at a worker's exit)."""
    printer = getattr(_lokal, "pencetak", None)
    _lokal.pencetak = None
    if printer is not None and printer.pid == os.getpid():
        try:
            printer.tutup()
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
