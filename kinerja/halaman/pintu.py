"""The door of the page server when personal links are in force (``kinerja akses``).

- **Who is looking** (:class:`PenyediaAkses`, the server's identity provider): the visitor's
  link (``?kunci=…``) is looked up in the store (only its sha256 is there) on the first request;
  from then on the visitor is kept in a signed, HttpOnly, SameSite=Strict cookie that names the
  link, and the link is looked up again on every request: a revoked or expired link stops
  working at once, cookie or not. The shared token does not open anything in this mode. Once
  the cookie is set, the page answers with a redirect to its address without ``kunci``, so the
  secret leaves the address bar and the browser's history.
- **Every request that reaches data passes the door** (:func:`berpintu`): the page, the API and
  websocket of a kernel, the shutdown call. Without a live link: HTTP 403 with an Indonesian
  page. A kernel belongs to the visitor whose page started it; another visitor (another link)
  gets 403 on it.
- **A kernel knows its visitor** (:func:`env_pengunjung`): the server puts the link's role,
  unit and label in the environment of the kernel the visitor's page starts, which
  :func:`kinerja.halaman.pengunjung.pengunjung` reads; no kernel is pre-started (it could not
  know who will look).
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl

from jupyter_core.utils import ensure_async
from jupyter_server.auth.identity import IdentityProvider, User
from tornado import web, websocket
from tornado.httputil import url_concat
from traitlets import default

from kinerja.render.html import render

__all__ = ["PenyediaAkses", "berpintu", "env_pengunjung"]

_AWALAN = "tautan-"  # a visitor's user name: the link's id after this


def env_pengunjung(tautan) -> dict[str, str]:
    """What a kernel started for ``tautan``'s holder gets in its environment.

    >>> from kinerja.store.akses import Tautan
    >>> env_pengunjung(Tautan(3, "Operator Dinkes", "unit", "dinkes", None, None, None))["KINERJA_UNIT"]
    'dinkes'
    """
    env = {"KINERJA_AKSES": "pribadi", "KINERJA_PERAN": tautan.peran, "KINERJA_PENGUNJUNG": tautan.nama}
    if tautan.peran == "unit":
        env["KINERJA_UNIT"] = tautan.unit_kode
    return env


class PenyediaAkses(IdentityProvider):
    """The visitor of a request from a personal link or the cookie it left (see the module)."""

    _store = None

    @default("cookie_options")
    def _cookie_options_default(self) -> dict:
        return {"samesite": "Strict", "httponly": True}

    def store(self):
        """The store that holds the links (``KINERJA_DB``), opened once."""
        if self._store is None:
            from kinerja.store.store import Store

            self._store = Store(os.environ["KINERJA_DB"])
        return self._store

    def get_user(self, handler: web.RequestHandler) -> User | None:
        if not hasattr(handler, "_kinerja_tautan"):
            handler._kinerja_tautan, handler._kinerja_alasan = self._cari(handler)
        t = handler._kinerja_tautan
        return User(f"{_AWALAN}{t.id}", t.nama) if t is not None else None

    def _cari(self, handler: web.RequestHandler):
        """The live link of the request and "" , or None and why not."""
        from kinerja.store.akses import cari_tautan, tautan_aktif

        kunci = handler.get_query_argument("kunci", None)
        if kunci is not None:  # an explicit link wins over any cookie
            t, alasan = cari_tautan(self.store(), kunci)
            if alasan:
                return None, alasan
            self.set_login_cookie(handler, User(f"{_AWALAN}{t.id}", t.nama))
            return t, ""
        user = self.get_user_cookie(handler)
        ident = user.username.removeprefix(_AWALAN) if user is not None else ""
        if not ident.isdigit():
            return None, "halaman ini hanya dapat dibuka dengan tautan pribadi"
        t = tautan_aktif(self.store(), int(ident))
        if t is None:
            self.clear_login_cookie(handler)
            return None, "tautan Anda sudah dicabut atau masa berlakunya habis"
        return t, ""


class _Pintu:
    """Mixed into a handler: no live link, or another visitor's kernel, is HTTP 403."""

    _kernel_di_posisi = False  # the kernel id is the route's first positional part (shutdown)

    async def prepare(self, *args, **kwargs):
        user = await ensure_async(self.identity_provider.get_user(self))
        if user is None:
            raise web.HTTPError(403, reason="Forbidden")
        kernel_id = self.path_kwargs.get("kernel_id") or (self.path_args[0] if self._kernel_di_posisi
                                                           and self.path_args else None)
        if kernel_id is not None and self.settings["kernel_manager"].pengunjung.get(kernel_id) != user.username:
            self._kinerja_alasan = "halaman ini dibuka dengan tautan lain"
            raise web.HTTPError(403, reason="Forbidden")
        if "kunci" in self.request.query_arguments and self.request.method == "GET" \
                and not isinstance(self, websocket.WebSocketHandler):  # the cookie holds the visitor now
            rest = [(k, v) for k, v in parse_qsl(self.request.query, True) if k != "kunci"]
            self.redirect(url_concat("/" + self.request.path.lstrip("/"), rest))  # never "//host": no open redirect
            return None
        return await ensure_async(super().prepare(*args, **kwargs))

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code != 403:
            return super().write_error(status_code, **kwargs)
        alasan = getattr(self, "_kinerja_alasan", "") or "akses ditolak"
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(str(render("halaman/ditolak.html.j2", alasan=alasan)))


def berpintu(handler_class: type, kernel_di_posisi: bool = False) -> type:
    """``handler_class`` behind the door (:class:`_Pintu`)."""
    return type(f"{handler_class.__name__}Berpintu", (_Pintu, handler_class),
                {"_kernel_di_posisi": kernel_di_posisi, "__doc__": handler_class.__doc__})
