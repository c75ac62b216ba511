"""A document's page: the executed notebook as self-contained HTML (nbconvert without code
cells, nothing loaded from the internet), its tables and figures numbered as in the Word file,
and after a cover its Daftar Isi, Daftar Tabel and Daftar Gambar.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from kinerja.run.rencana import KERTAS

_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eef3f8}
img{max-width:100%}h1{font-size:1.6em}td.angka{text-align:right}
caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0}@page{size:A4;margin:2cm}.gagal{color:#b00}
.ok{color:#1a7f37}hr{border:0;break-after:page;page-break-after:always;margin:0}
table.kinerja-ttd{break-inside:avoid;page-break-inside:avoid}table.kinerja-ttd td{border:0;text-align:center}.peringatan{border-left:4px solid #b36b00;background:#fff6e5;
padding:.4em .8em}p.keterangan{text-align:center;font-size:.9em;margin:.2em 0 1em}
nav.daftar-isi ul{list-style:none;padding-left:0}nav.daftar-isi li.tingkat3{padding-left:1.5em}
h2,h3,h4,caption{break-after:avoid;page-break-after:avoid}tr,img{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}@media print{img{max-height:23cm}}"""


@functools.cache
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, anchor_link_text="")


_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.S)
_GAMBAR = re.compile(r"(<img [^>]*src=\"data:image/png[^>]*>)")
_JUDUL = re.compile(r"<h([23]) id=\"([^\"]*)\">(.*?)<", re.S)


def _nomori(body: str) -> str:
    """Number tables and figures as the Word file does ("Tabel 3. …", "Gambar 1"); a page
    whose title is followed by a cover ending in a rule (the LKjIP) gets, after the cover,
    a Daftar Isi of its sections and a Daftar Tabel and Daftar Gambar."""
    tabel: list[str] = []
    gambar: list[int] = []

    def caption(m: re.Match) -> str:
        tabel.append(m.group(1))
        return f"<caption>Tabel {len(tabel)}. {m.group(1)}</caption>"

    def figure(m: re.Match) -> str:
        gambar.append(len(gambar) + 1)
        return f'{m.group(1)}<p class="keterangan">Gambar {len(gambar)}</p>'

    body = _GAMBAR.sub(figure, _CAPTION.sub(caption, body))
    cover = body.find("<hr")
    if cover < 0 or body.find("<h2") < cover:
        return body
    end = body.find(">", cover) + 1
    rest = body[end:]
    items = "".join(f'<li class="tingkat{level}"><a href="#{anchor}">{text.strip()}</a></li>'
                    for level, anchor, text in _JUDUL.findall(rest))
    lists = (f'<nav class="daftar-isi"><h2>Daftar Isi</h2><ul>{items}</ul>'
             + ("<h2>Daftar Tabel</h2><ol>" + "".join(f"<li>{t}</li>" for t in tabel) + "</ol>" if tabel else "")
             + ("<h2>Daftar Gambar</h2><ol>" + "".join(f"<li>Gambar {n}</li>" for n in gambar) + "</ol>"
                if gambar else "") + "</nav><hr>")
    return body[:end] + lists + rest


def _html(notebook_path: Path, title: str, kertas: str = "a4", melintang: bool = False) -> str:
    """A self-contained page from an executed notebook: no code, no external loads.
    ``melintang`` prints landscape, with the smaller table type a wide form needs."""
    import nbformat

    body, _ = _exporter().from_notebook_node(nbformat.read(notebook_path, as_version=4))
    body = _nomori(body)
    page = f"@page{{size:{KERTAS[kertas]}{' landscape' if melintang else ''}}}"
    if melintang:
        page += "body{max-width:none}table.kinerja-tabel{font-size:.68em}th,td{padding:.2em .3em}"
    return (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_CSS}{page}</style></head><body>{body}</body></html>")
