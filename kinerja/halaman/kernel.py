"""What runs inside every page's kernel before the page: errors stay on the server.

A page's kernel takes widget (comm) messages from the browser. A hostile or broken one (a
Dropdown ``index`` of 10**9, a string where a number belongs, a value outside the options)
makes ipywidgets call the shell's ``showtraceback``, which sends the whole traceback, with
the server's paths, to the browser, whatever Voila's ``show_tracebacks`` says: that setting
only covers the cells Voila runs. Here the shell's ``showtraceback`` is replaced: the
traceback goes to the server's log (the kernel's own stderr, which ipykernel does not
forward to the page), and the page gets one Indonesian line. Library log records and
warnings, which would otherwise be printed to the kernel's stderr and forwarded to the page,
go to the server's log as well.

Loaded as an IPython extension (``--IPKernelApp.extensions=kinerja.halaman.kernel``) by the
kernel manager of :mod:`kinerja.halaman.pelayan`, so every kernel the server starts has it,
whatever page (a copied, adapted one too) it runs.
"""

from __future__ import annotations

import logging
import os
import sys

__all__ = ["PESAN_GALAT", "lindungi", "load_ipython_extension"]

PESAN_GALAT = "Pilihan ini tidak dapat diproses. Muat ulang halaman; rinciannya tercatat di log server."

_log = logging.getLogger("kinerja.halaman")


class GalatHalaman(Exception):
    """What the page is told instead of the error (its name and text only)."""


def load_ipython_extension(shell) -> None:
    """IPython's entry point for ``--IPKernelApp.extensions``."""
    lindungi(shell)


def lindungi(shell) -> None:
    """Route every traceback, log record and warning of ``shell``'s kernel to the server's log."""
    if getattr(shell, "_kinerja_terlindungi", False):
        return
    handler = logging.StreamHandler(_aliran_server())
    handler.setFormatter(logging.Formatter("[kinerja halaman] %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_bukan_comm_hilang)
    logging.getLogger().addHandler(handler)  # the root: records of any library
    logging.captureWarnings(True)
    for name in ("py.warnings", "kinerja.halaman"):
        logging.getLogger(name).propagate = True

    def showtraceback(exc_tuple=None, *args, **kwargs) -> None:
        etype, evalue, tb = exc_tuple if exc_tuple is not None else sys.exc_info()
        _log.error("galat di kernel halaman (tidak dikirim ke peramban)", exc_info=(etype, evalue, tb))
        # Not even a kinerja message: it may name the store's file.
        shell._showtraceback(GalatHalaman, GalatHalaman(PESAN_GALAT), [PESAN_GALAT])

    def showsyntaxerror(*args, **kwargs) -> None:
        showtraceback()

    shell.showtraceback = showtraceback
    shell.showsyntaxerror = showsyntaxerror
    shell._kinerja_terlindungi = True


def _bukan_comm_hilang(record: logging.LogRecord) -> bool:
    """Drop the comm package's English "No such comm: …": a widget message that arrives for a
    widget the page has already replaced or closed (a quick choice, a closing tab); nothing is
    wrong and nothing for the server's reader to do."""
    return not (record.name == "Comm" and record.msg == "No such comm: %s")


def _aliran_server():
    """The kernel's real stderr (the server's log): ipykernel forwards what is written to fd 2
    to the page, and keeps a copy of the original descriptor for its own log."""
    fd = getattr(sys.stderr, "_original_stdstream_copy", None)
    if fd is None:
        return sys.__stderr__
    return open(os.dup(fd), "w", buffering=1, encoding="utf-8", errors="replace")  # noqa: SIM115 - the kernel's life
