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

__all__ = ["kontras", "lingkungan", "render", "siap", "warna_teks"]


@functools.cache
def lingkungan() -> Environment:
    """The environment of kinerja's templates (autoescaping, loaded from the package)."""
    env = Environment(loader=PackageLoader("kinerja.render", "templat"), autoescape=True)
    env.filters["warna_teks"] = warna_teks
    return env


def _luminans(warna: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    kanal = [int(warna.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanal)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def kontras(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21).

    >>> round(kontras("#ffffff", "#f2c744"), 2), round(kontras("#000000", "#f2c744"), 2)
    (1.61, 13.03)
    """
    terang, gelap = sorted((_luminans(a), _luminans(b)), reverse=True)
    return (terang + 0.05) / (gelap + 0.05)


def warna_teks(latar: str) -> str:
    """The text colour (black or white) that reads best on background ``latar``: white on a
    dark predikat colour, black on yellow (never white on yellow, WCAG contrast below 4,5:1).

    >>> warna_teks("#f2c744"), warna_teks("#1a7f37")
    ('#000000', '#ffffff')
    """
    return "#000000" if kontras("#000000", latar) >= kontras("#ffffff", latar) else "#ffffff"


def render(nama: str, **isi) -> Markup:
    """Template ``nama`` filled with ``isi``; the result is markup (safe to put in another template)."""
    return Markup(lingkungan().get_template(nama).render(**isi))


def siap(fragmen: str) -> Markup:
    """An HTML fragment kinerja rendered itself, to be inserted as it is. Never for data."""
    return Markup(fragmen)
