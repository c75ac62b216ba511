"""The server ``kinerja serve`` starts: Voila's own standalone application with kinerja's limits.

- **Kernels are capped.** Every open page holds a kernel (about 120 MB); at most
  ``batas_halaman`` pages are open on the server and ``batas_halaman_klien`` from one client
  (one remote address; behind a reverse proxy every reader shares the proxy's). A page asked
  for beyond either gets HTTP 503 with an Indonesian page saying which limit and what to do;
  the kernels already open are not touched. A kernel counts until it is shut down (the page
  closed, or culled when idle).
- **A closed page's kernel is shut down by the server** (:meth:`PengelolaKernel.notify_disconnect`):
  when the last websocket of a kernel that served a page closes and none comes back within
  ``PengelolaKernel.tenggang_tutup`` seconds (a reload, a phone's network coming back), the
  kernel is shut down. This does not depend on the page's ``beforeunload`` beacon (the
  ``_xsrf`` note at the end), which browsers do not always send; kernels of the pre-executed
  pool, which no page has connected to yet, are never touched.
- **A page closed before it connected** (the tab closed while the page was running, a phone
  that dropped): a kernel taken or started for a page whose websocket has not connected
  ``PengelolaKernel.tenggang_sambung`` seconds after the page was sent is shut down
  (:meth:`PengelolaKernel.tunggu_sambungan`). The grace starts when the page's last byte has
  been sent (the notebook has run), so it only has to cover the browser loading the page's
  scripts and connecting: 60 s by default, ample for a slow phone on a 2-core server. Pool
  kernels are not timed (no page took them).
- **Kernels keep errors on the server.** Every kernel starts with the IPython extension
  :mod:`kinerja.halaman.kernel`, so a hostile widget message yields one Indonesian line in the
  page and its traceback in this server's log.
- **Personal links** (``akses_pribadi``, :mod:`kinerja.halaman.pintu`): every request that reaches
  data needs a live personal link; a kernel belongs to the visitor whose page started it and
  knows that visitor's role and unit; no kernel is pre-started.
- **Kernels do not see the token.** The token reaches the server through ``JUPYTER_TOKEN_FILE``
  (never the command line, where every user of the machine can read it); it is taken out of the
  kernels' environment.

Run as ``python -m kinerja.halaman.pelayan FOLDER --Voila.… --PelayanHalaman.batas_halaman=N``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from urllib.parse import urlencode

from jupyter_core.utils import ensure_async
from jupyter_server.utils import url_path_join
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import RedirectHandler
from traitlets import Bool, Float, Int
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from kinerja.core.formatting import format_angka
from kinerja.core.periode import periode_alamat
from kinerja.render.html import render

__all__ = ["PelayanHalaman", "PengelolaKernel", "main"]

# The token, and the page's URL and query string that carry it: no page reads them.
_RAHASIA = ("JUPYTER_TOKEN", "JUPYTER_TOKEN_FILE", "KINERJA_TOKEN", "VOILA_REQUEST_URL", "QUERY_STRING")


class PengelolaKernel(AsyncMappingKernelManager):
    """The kernel manager: every kernel with :mod:`kinerja.halaman.kernel`, without the token;
    which client each page's kernel serves (for the caps) in ``pemilik``; a page's kernel shut
    down ``tenggang_tutup`` seconds after its last websocket closed, or ``tenggang_sambung``
    seconds after its page was sent when no websocket ever connected."""

    tenggang_tutup = Float(15.0, config=True, help="seconds a page's kernel is kept after its last websocket "
                           "closed, for the page to reconnect (a reload, a flaky network); 0: until culled")
    tenggang_sambung = Float(60.0, config=True, help="seconds a page's kernel waits, once its page was sent, "
                             "for the page's first websocket (the browser loading its scripts); 0: until culled")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._sepi: dict[str, asyncio.TimerHandle] = {}  # kernel id → its pending shutdown
        self._menutup: set[str] = set()  # kernels being shut down right now
        self.pemilik: dict[str, str] = {}  # kernel id → the client's address
        self.pengunjung: dict[str, str] = {}  # kernel id → the visitor (personal link) it belongs to
        self.dipesan: dict[str, int] = {}  # client's address → pages being started right now

    async def start_kernel(self, *args, **kwargs):
        env = dict(kwargs.get("env") or os.environ)
        periode = urlencode(periode_alamat(env.get("QUERY_STRING", "")))
        for name in _RAHASIA:
            env.pop(name, None)
        if periode:  # the page's period (kinerja.halaman.kerangka): the one part of the query a page reads
            env["QUERY_STRING"] = periode
        kwargs["env"] = env
        kwargs["extra_arguments"] = [*kwargs.get("extra_arguments", []),
                                     "--IPKernelApp.extensions=kinerja.halaman.kernel",
                                     "--IPKernelApp.log_level=ERROR"]  # no English warnings in the console
        return await super().start_kernel(*args, **kwargs)

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._batal_tutup(kernel_id)  # the page is back (or a second tab of it)

    def notify_disconnect(self, kernel_id):
        """Called for kernels a websocket was connected to: a page's, never the pool's."""
        super().notify_disconnect(kernel_id)
        self._tutup_nanti(kernel_id, self.tenggang_tutup)

    def tunggu_sambungan(self, kernel_id: str) -> None:
        """Called when the page of ``kernel_id`` has been sent: unless its websocket connects
        within ``tenggang_sambung`` seconds (the page was closed before), shut it down."""
        self._tutup_nanti(kernel_id, self.tenggang_sambung)

    def _tutup_nanti(self, kernel_id: str, detik: float) -> None:
        """Shut ``kernel_id`` down in ``detik`` seconds unless a websocket is connected by then."""
        if detik > 0 and kernel_id in self and self._kernel_connections.get(kernel_id, 0) == 0:
            self._batal_tutup(kernel_id)
            self._sepi[kernel_id] = asyncio.get_running_loop().call_later(
                detik, lambda: asyncio.ensure_future(self._tutup_bila_sepi(kernel_id)))

    def _batal_tutup(self, kernel_id: str) -> None:
        if (pending := self._sepi.pop(kernel_id, None)) is not None:
            pending.cancel()

    async def _tutup_bila_sepi(self, kernel_id: str) -> None:
        """Shut ``kernel_id`` down unless a websocket came back or it is gone already."""
        self._sepi.pop(kernel_id, None)
        if kernel_id not in self or kernel_id in self._menutup or self._kernel_connections.get(kernel_id, 0):
            return
        self.log.info("Halaman ditutup: kernel %s dihentikan", kernel_id)
        try:
            await ensure_async(self.shutdown_kernel(kernel_id))
        except Exception as exc:  # noqa: BLE001 - the culler still ends it; no traceback on the console
            self.log.warning("Kernel %s tidak dapat dihentikan (%s); dihentikan nanti saat diam.", kernel_id, exc)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._batal_tutup(kernel_id)
        self._menutup.add(kernel_id)
        try:
            return await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        finally:
            self._menutup.discard(kernel_id)

    def terbuka(self) -> dict[str, str]:
        """The pages' kernels still running, by kernel id, with their client."""
        self.pemilik = {k: v for k, v in self.pemilik.items() if k in self}
        self.pengunjung = {k: v for k, v in self.pengunjung.items() if k in self}
        return self.pemilik


class _KernelUntukKlien:
    """The kernel manager as one page request sees it: the kernel it starts or takes from the
    pool is recorded as that client's (and that visitor's, with the visitor's ``env``), and the
    page's reservation (``dipesan``) ends there."""

    def __init__(self, km: PengelolaKernel, klien: str, pengunjung: str = "", env: dict | None = None):
        self._km, self._klien, self._pengunjung, self._env = km, klien, pengunjung, env or {}
        self.kernel_id: str | None = None  # the kernel the page took or started
        self._km.dipesan[klien] = self._km.dipesan.get(klien, 0) + 1
        self._dipesan = True

    def __getattr__(self, name):
        return getattr(self._km, name)

    def lepas(self) -> None:
        """End the reservation (once)."""
        if self._dipesan:
            self._km.dipesan[self._klien] -= 1
            self._dipesan = False

    def _milik(self, kernel_id: str) -> None:
        self.kernel_id = kernel_id
        self._km.pemilik[kernel_id] = self._klien
        if self._pengunjung:
            self._km.pengunjung[kernel_id] = self._pengunjung
        self.lepas()

    async def start_kernel(self, *args, **kwargs):
        if self._env:
            kwargs["env"] = {**(kwargs.get("env") or os.environ), **self._env}
        kernel_id = await ensure_async(self._km.start_kernel(*args, **kwargs))
        self._milik(kernel_id)
        return kernel_id

    async def get_rendered_notebook(self, *args, **kwargs):
        task, cache, kernel_id = await self._km.get_rendered_notebook(*args, **kwargs)
        self._milik(kernel_id)
        return task, cache, kernel_id


class HalamanTerbatas(TornadoVoilaHandler):
    """A page, unless the server or the client has as many pages open as allowed."""

    _km_klien: _KernelUntukKlien | None = None

    @property
    def kernel_manager(self):
        return self._km_klien if self._km_klien is not None else self.settings["kernel_manager"]

    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the page's shutdown beacon sends back (see _xsrf)
        km: PengelolaKernel = self.settings["kernel_manager"]
        klien = self.request.remote_ip or ""
        if self.current_user and (pesan := _penuh(km, klien, *self.settings["kinerja_batas"])):
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(str(render("halaman/penuh.html.j2", pesan=pesan)))
            return
        tautan = getattr(self, "_kinerja_tautan", None)  # a personal link's holder (kinerja.halaman.pintu)
        if tautan is not None:
            from kinerja.halaman.pintu import env_pengunjung

            self._km_klien = _KernelUntukKlien(km, klien, self.current_user.username, env_pengunjung(tautan))
        else:
            self._km_klien = _KernelUntukKlien(km, klien)
        try:
            await super().get(path)
        finally:
            self._km_klien.lepas()
            if self._km_klien.kernel_id is not None:  # the page is sent (or its reader gone)
                km.tunggu_sambungan(self._km_klien.kernel_id)


def _penuh(km: PengelolaKernel, klien: str, batas: int, batas_klien: int) -> str:
    """Why one more page may not open now ("" when it may)."""
    terbuka = km.terbuka()
    semua = len(terbuka) + sum(km.dipesan.values())
    milik = sum(v == klien for v in terbuka.values()) + km.dipesan.get(klien, 0)
    if milik >= batas_klien:
        return (f"Sudah ada {format_angka(milik, 0)} halaman kinerja terbuka dari komputer ini (batas "
                f"{format_angka(batas_klien, 0)}). Tutup halaman yang tidak dipakai, lalu muat ulang halaman ini.")
    if semua >= batas:
        return (f"Server halaman kinerja sedang penuh: {format_angka(semua, 0)} halaman terbuka (batas "
                f"{format_angka(batas, 0)}). Coba lagi beberapa menit lagi; halaman yang ditinggalkan "
                "dibebaskan otomatis.")
    return ""


class PelayanHalaman(Voila):
    """Voila with the page handler and kernel manager above, and the caps as options."""

    batas_halaman = Int(20, config=True, help="most pages (kernels) open on the server at once")
    batas_halaman_klien = Int(8, config=True, help="most pages open from one client address")
    akses_pribadi = Bool(False, config=True, help="admit personal links only (kinerja.halaman.pintu)")

    def init_settings(self) -> dict:
        self.log.addFilter(_tanpa_peringatan_percaya)
        logging.getLogger("tornado.general").addFilter(_tanpa_peringatan_ping)
        self.voila_configuration.multi_kernel_manager_class = PengelolaKernel
        if self.akses_pribadi:
            from kinerja.halaman.pintu import PenyediaAkses

            self.identity_provider_class = PenyediaAkses
            self.voila_configuration.preheat_kernel = False  # a kernel started before its visitor is known
        settings = super().init_settings()
        settings["kinerja_batas"] = (self.batas_halaman, self.batas_halaman_klien)
        return settings

    def init_handlers(self) -> list:
        # "/" is the Indonesian home page (beranda.ipynb), not Voila's English list of files.
        beranda = (self.server_url, RedirectHandler, {"url": url_path_join(self.server_url, "voila/render/beranda.ipynb")})
        handlers = [beranda if h[0] == self.server_url else (h[0], HalamanTerbatas, *h[2:])
                    if h[1] is TornadoVoilaHandler else h for h in super().init_handlers()]
        return [_berpintu(h) for h in handlers] if self.akses_pribadi else handlers


def _berpintu(route: tuple) -> tuple:
    """A route behind the door of :mod:`kinerja.halaman.pintu`, unless it serves the package's
    own assets (scripts, styles, themes: no data)."""
    from jupyter_server.base.handlers import JupyterHandler
    from tornado.web import StaticFileHandler

    from kinerja.halaman.pintu import berpintu
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

    cls = route[1]
    if not isinstance(cls, type) or not issubclass(cls, JupyterHandler) or issubclass(cls, StaticFileHandler):
        return route
    return (route[0], berpintu(cls, issubclass(cls, VoilaShutdownKernelHandler)), *route[2:])


def _tanpa_peringatan_percaya(record) -> bool:
    """Drop Jupyter's "Notebook … is not trusted" line, printed for every page at every visit:
    trust decides whether a notebook's saved HTML outputs are shown in JupyterLab, which Voila,
    running every page afresh, does not use."""
    return record.msg != "Notebook %s is not trusted"


def _tanpa_peringatan_ping(record) -> bool:
    """Drop Tornado's English "The websocket_ping_timeout (90000) cannot be longer than …" at
    the first page's websocket: Jupyter's keep-alive settings (milliseconds) read by Tornado's
    own (seconds); Jupyter's pings keep working, Tornado's are 8 hours apart either way."""
    return "websocket_ping_timeout" not in str(record.msg)


# _xsrf: closing a page sends ``POST /voila/api/shutdown/<kernel>`` (a beacon carrying the
# ``_xsrf`` cookie's value as the form field ``_xsrf``); Jupyter refuses a POST without it (403
# "'_xsrf' argument missing from POST", voila-dashboards/voila#1458) and the kernel stayed until
# culled. Tornado sets that cookie only when a handler reads ``xsrf_token``, which Voila's page
# handler never does: the page's ``get`` above reads it, so the beacon passes the check.

main = PelayanHalaman.launch_instance

if __name__ == "__main__":
    main()
