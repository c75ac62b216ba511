"""HTML from templates: the one Jinja2 environment every HTML producer of kinerja uses.

The templates live in ``kinerja/render/templat/`` (package data, so an installed wheel finds
them through :class:`jinja2.PackageLoader`). Autoescaping is on for every template: text from
workbooks and the store is always escaped where it is put into a page. Only fragments kinerja
rendered itself (a :class:`kinerja.render.tabel.Tabel`'s HTML, a rendered template, nbconvert's
body of an executed notebook) are passed in as :class:`markupsafe.Markup` (see :func:`siap`).

Examples
--------
>>> str(render("halaman/subjudul.html.j2", teks="<script>alert(1)</script>"))
'<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>'
"""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

__all__ = ["lingkungan", "render", "siap"]


@functools.cache
def lingkungan() -> Environment:
    """The environment of kinerja's templates (autoescaping, loaded from the package)."""
    return Environment(loader=PackageLoader("kinerja.render", "templat"), autoescape=True)


def render(nama: str, **isi) -> Markup:
    """Template ``nama`` filled with ``isi``; the result is markup (safe to put in another template)."""
    return Markup(lingkungan().get_template(nama).render(**isi))


def siap(fragmen: str) -> Markup:
    """An HTML fragment kinerja rendered itself, to be inserted as it is. Never for data."""
    return Markup(fragmen)
