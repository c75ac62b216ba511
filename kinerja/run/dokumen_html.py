"""A document's page: the executed notebook as self-contained HTML (nbconvert without code
cells, nothing loaded from the internet), its tables and figures numbered as in the Word file,
and after a cover its Daftar Isi, Daftar Tabel and Daftar Gambar.

The numbering works on nbconvert's HTML parsed into a tree (BeautifulSoup with Python's own
parser, which keeps the markup as written); the page, the lists and the captions' labels
come from the templates of :mod:`kinerja.render.html`.
"""

from __future__ import annotations

import functools
from pathlib import Path

from kinerja.render.html import render, siap
from kinerja.render.isi import isi_dokumen
from kinerja.run.rencana import KERTAS

__all__ = ["halaman_dokumen"]


@functools.cache
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, anchor_link_text="")


@functools.cache
def _penulis():
    """How the tree is written back: escaping as nbconvert's own ("minimal": ``&``, ``<``,
    ``>``), void elements as HTML writes them (``<hr>``, not ``<hr/>``)."""
    from bs4.formatter import EntitySubstitution, HTMLFormatter

    return HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix="")


def _pohon(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def _gambar_png(src) -> bool:
    return bool(src) and src.startswith("data:image/png")


def _nomori(body: str, lambang: str | None = None) -> str:
    """Number tables and figures as the Word file does ("Tabel 3. …", "Gambar 1. …", a figure
    titled by its image's alt text); a page whose title is followed by a cover ending in a rule
    (the LKjIP) gets its cover laid out as one (with the Pemda's emblem ``lambang``, a data URI,
    when one is configured) and after it a Daftar Isi of its sections and a Daftar Tabel and
    Daftar Gambar, each entry linked to its target (the PDF printer adds the pages)."""
    soup = _pohon(body)
    tabel: list[str] = []
    for caption in soup.find_all("caption"):
        tabel.append(caption.get_text())
        caption.insert(0, f"Tabel {len(tabel)}. ")
        caption.parent["id"] = f"tabel-{len(tabel)}"
    gambar: list[str] = []
    for img in soup.find_all("img", src=_gambar_png):
        alt = img.get("alt", "")
        gambar.append("" if alt.startswith(_TANPA_ALT) else alt)
        img.insert_after(_pohon(render("keterangan_gambar.html.j2", nomor=len(gambar), judul=gambar[-1])))
    cover = soup.find("hr")
    # Only a cover before the first section: a form (no rule, or a rule after its sections) gets no lists.
    if cover is not None and cover.find_previous("h2") is None and cover.find_next("h2") is not None:
        _sampul(soup, cover, lambang)
        judul = [{"tingkat": h.name[1], "anchor": h["id"], "teks": h.get_text().strip()}
                 for h in cover.find_all_next(["h2", "h3"]) if h.get("id") is not None]
        cover.insert_after(_pohon(render("daftar_isi.html.j2", judul=judul, tabel=tabel, gambar=gambar)))
    return soup.decode(formatter=_penulis())


_TANPA_ALT = "No description"  # nbconvert's alt text for an image that has none


def _sampul(soup, cover, lambang: str | None) -> None:
    """The cover's title and lines (everything from the page's title to the cover's rule) laid
    out as a cover (``.sampul``), headed by the Pemda's emblem when one is configured."""
    title = soup.find("h1")
    if title is None:
        return
    for el in [title, *cover.find_all_previous("p")]:
        el["class"] = [*el.get("class", []), "sampul"]
    if lambang:
        box = soup.new_tag("p", attrs={"class": "sampul"})
        box.append(soup.new_tag("img", attrs={"class": "lambang", "src": lambang, "alt": "Lambang daerah"}))
        title.insert_before(box)


def halaman_dokumen(notebook_path: Path, title: str, kertas: str = "a4", melintang: bool = False) -> str:
    """A self-contained page from an executed notebook: no code, no external loads.
    ``melintang`` prints landscape, with the smaller table type a wide form needs. The cover
    shows the emblem configured in ``parameters/sampul.yaml``, embedded (none configured: none)."""
    from kinerja.render.sampul import lambang_data_uri

    import nbformat

    body, _ = _exporter().from_notebook_node(isi_dokumen(nbformat.read(notebook_path, as_version=4)))
    # nbconvert's body is markup kinerja produced (every text from data escaped on the way in).
    return str(render("dokumen.html.j2", judul=title, kertas=KERTAS[kertas], melintang=melintang,
                      isi=siap(_nomori(body, lambang_data_uri()))))


_html = halaman_dokumen  # the name the batch and its tests knew
