"""The server ``kinerja serve`` starts: Voila's own standalone application with kinerja's limits.

- **Kernels are capped.** Every open page holds a kernel (about 120 MB); at most
  ``batas_halaman`` pages are open on the server and ``batas_halaman_klien`` from one client
  (one remote address; behind a reverse proxy every reader shares the proxy's). A page asked
  for beyond either gets HTTP 503 with an Indonesian page saying which limit and what to do;
  the kernels already open are not touched. A kernel counts until it is shut down (the page
  closed, or culled when idle).
- **Kernels keep errors on the server.** Every kernel starts with the IPython extension
  :mod:`kinerja.halaman.kernel`, so a hostile widget message yields one Indonesian line in the
  page and its traceback in this server's log.
- **Kernels do not see the token.** The token reaches the server through ``JUPYTER_TOKEN_FILE``
  (never the command line, where every user of the machine can read it); it is taken out of the
  kernels' environment.

Run as ``python -m kinerja.halaman.pelayan FOLDER --Voila.… --PelayanHalaman.batas_halaman=N``.
"""

from __future__ import annotations

import os

from jupyter_core.utils import ensure_async
from jupyter_server.utils import url_path_join
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import RedirectHandler
from traitlets import Int
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from kinerja.core.formatting import format_angka
from kinerja.render.html import render

__all__ = ["PelayanHalaman", "PengelolaKernel", "main"]

# The token, and the page's URL and query string that carry it: no page reads them.
_RAHASIA = ("JUPYTER_TOKEN", "JUPYTER_TOKEN_FILE", "KINERJA_TOKEN", "VOILA_REQUEST_URL", "QUERY_STRING")


class PengelolaKernel(AsyncMappingKernelManager):
    """The kernel manager: every kernel with :mod:`kinerja.halaman.kernel`, without the token;
    which client each page's kernel serves (for the caps) in ``pemilik``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pemilik: dict[str, str] = {}  # kernel id → the client's address
        self.dipesan: dict[str, int] = {}  # client's address → pages being started right now

    async def start_kernel(self, *args, **kwargs):
        env = dict(kwargs.get("env") or os.environ)
        for name in _RAHASIA:
            env.pop(name, None)
        kwargs["env"] = env
        kwargs["extra_arguments"] = [*kwargs.get("extra_arguments", []),
                                     "--IPKernelApp.extensions=kinerja.halaman.kernel"]
        return await super().start_kernel(*args, **kwargs)

    def terbuka(self) -> dict[str, str]:
        """The pages' kernels still running, by kernel id, with their client."""
        self.pemilik = {k: v for k, v in self.pemilik.items() if k in self}
        return self.pemilik


class _KernelUntukKlien:
    """The kernel manager as one page request sees it: the kernel it starts or takes from the
    pool is recorded as that client's, and the page's reservation (``dipesan``) ends there."""

    def __init__(self, km: PengelolaKernel, klien: str):
        self._km, self._klien = km, klien
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
        self._km.pemilik[kernel_id] = self._klien
        self.lepas()

    async def start_kernel(self, *args, **kwargs):
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
        km: PengelolaKernel = self.settings["kernel_manager"]
        klien = self.request.remote_ip or ""
        if self.current_user and (pesan := _penuh(km, klien, *self.settings["kinerja_batas"])):
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(str(render("halaman/penuh.html.j2", pesan=pesan)))
            return
        self._km_klien = _KernelUntukKlien(km, klien)
        try:
            await super().get(path)
        finally:
            self._km_klien.lepas()


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

    def init_settings(self) -> dict:
        self.voila_configuration.multi_kernel_manager_class = PengelolaKernel
        settings = super().init_settings()
        settings["kinerja_batas"] = (self.batas_halaman, self.batas_halaman_klien)
        return settings

    def init_handlers(self) -> list:
        # "/" is the Indonesian home page (beranda.ipynb), not Voila's English list of files.
        beranda = (self.server_url, RedirectHandler, {"url": url_path_join(self.server_url, "voila/render/beranda.ipynb")})
        return [beranda if h[0] == self.server_url else (h[0], HalamanTerbatas, *h[2:]) if h[1] is TornadoVoilaHandler
                else h for h in super().init_handlers()]


main = PelayanHalaman.launch_instance

if __name__ == "__main__":
    main()
