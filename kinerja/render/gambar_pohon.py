"""The pohon kinerja as a picture, laid out by Graphviz (``dot``, Debian package graphviz).

A node is a box with its level, code, kondisi and its indicators' capaian for the period,
filled with the colour of its predikat (grey: no data yet; hatched border: a finding of
the alignment checks). Edges run from parent to child, dashed where the parent was
found through the Renstra's indikator induk; crosscutting links are drawn from the
contributing unit to the node, green when accepted, grey dotted while proposed, red when
refused. Text from data is passed to Graphviz escaped (no ``\\l``-style escapes, no HTML
labels), and Graphviz escapes it again in the SVG it writes.
"""

from __future__ import annotations

import textwrap

import graphviz
import pandas as pd

from kinerja.core.formatting import format_persen
from kinerja.analisis.pohon import URUTAN_TINGKAT, Pohon, anak_simpul
from kinerja.core.predikat import SkalaPredikat

__all__ = ["GambarPohon", "HURUF_CETAK_MIN", "gambar_pohon", "gambar_terbagi", "huruf_cetak", "simpul_gambar"]

_WARNA_CROSS = {"diterima": "#2e7d32", "diusulkan": "#9e9e9e", "ditolak": "#c62828"}
_GAYA_CROSS = {"diterima": "dashed", "diusulkan": "dotted", "ditolak": "dashed"}
_ABU = "#e0e0e0"


def _teks(value: object, lebar: int = 26) -> str:
    """One label line group: wrapped, backslashes neutralised (Graphviz escapes)."""
    lines = textwrap.wrap(str(value), lebar) or [""]
    return "\n".join(lines)


def simpul_gambar(pohon: Pohon, akar: str | None = None, unit: str | None = None,
                  sampai: str | None = None) -> pd.DataFrame:
    """The nodes one picture shows: under kabupaten sasaran ``akar`` (itself and its
    descendants down to level ``sampai``), or unit ``unit``'s nodes with the nodes they hang
    from outside it; every node when both are None."""
    s = pohon.simpul
    if akar is not None:
        picked = pd.concat([s[s["id"] == akar], anak_simpul(pohon, akar).drop(columns="kedalaman")], ignore_index=True)
    elif unit is not None:
        own = s[s["unit_kode"] == unit]
        picked = pd.concat([own, s[s["id"].isin(own["induk_id"]) & (s["unit_kode"] != unit)]], ignore_index=True)
    else:
        picked = s
    if sampai is not None:
        picked = picked[picked["tingkat"].map(URUTAN_TINGKAT).fillna(99) <= URUTAN_TINGKAT[sampai]]
    return picked.drop_duplicates("id").reset_index(drop=True)


def gambar_pohon(pohon: Pohon, nilai: tuple[pd.DataFrame, pd.DataFrame], skala: SkalaPredikat,
                 simpul: pd.DataFrame | None = None, temuan: pd.DataFrame | None = None,
                 arah: str = "LR", ringkas: bool = False) -> graphviz.Digraph:
    """A Graphviz graph of ``simpul`` (default: every node) with their capaian.

    ``nilai`` is :func:`kinerja.analisis.pohon.nilai_pohon`'s ``(indikator, simpul)``; ``temuan`` the
    alignment findings (nodes with one get a red double border); ``ringkas`` labels the
    perangkat daerah sasaran with the unit's name and capaian only (kabupaten pictures). Render with
    ``.pipe(format="svg")`` or ``"png"``.
    """
    ind, nodes_val = nilai
    nodes = (simpul if simpul is not None else pohon.simpul)
    nodes = nodes.merge(nodes_val[["id", "capaian", "ada_data"]], on="id", how="left")
    flagged = set(temuan["simpul"]) if temuan is not None and not temuan.empty else set()
    g = graphviz.Digraph("pohon", graph_attr={"rankdir": arah, "nodesep": "0.25",
                                              "ranksep": "0.6", "fontname": "DejaVu Sans", "bgcolor": "white"},
                         node_attr={"shape": "box", "style": "rounded,filled", "fontname": "DejaVu Sans",
                                    "fontsize": "10", "margin": "0.12,0.06"},
                         edge_attr={"color": "#616161", "arrowsize": "0.6"})
    colour = skala.warna(nodes["capaian"])
    per_node = ind.groupby("id") if not ind.empty else None
    nama = pohon.nama_unit
    for row, fill in zip(nodes.itertuples(index=False), colour):  # one Graphviz call per drawn node
        lines = [row.tingkat.upper(), row.id, _teks(row.kondisi)]  # narrow boxes: readable when printed
        short = ringkas and row.tingkat == "sasaran perangkat daerah"
        if row.tingkat == "sasaran perangkat daerah":
            lines[2:] = [_teks(nama.get(row.unit_kode, row.unit_kode))] if short else [
                lines[2], _teks(nama.get(row.unit_kode, row.unit_kode))]
        if per_node is not None and row.id in per_node.groups and not short:
            for it in per_node.get_group(row.id).head(3).itertuples(index=False):
                cap = format_persen(it.capaian) if pd.notna(it.capaian) else "belum ada capaian"
                lines.append(_teks(f"• {it.indikator}: {cap}", 30))
        if pd.notna(row.capaian):
            lines.append(f"capaian simpul {format_persen(row.capaian)}")
        if row.id in flagged:
            lines.append("⚠ ada temuan keselarasan")
        attrs = {"fillcolor": fill if pd.notna(row.capaian) else _ABU}
        if row.id in flagged:
            attrs.update(color="#c62828", penwidth="2.5", peripheries="2")
        if row.tingkat in ("tujuan", "sasaran kabupaten"):
            attrs["fontsize"] = "11"
        g.node(graphviz.escape(row.id), graphviz.escape("\n".join(lines)).replace("\n", "\\n"), **attrs)
    shown = set(nodes["id"])
    for row in nodes[nodes["induk_id"].isin(shown)].itertuples(index=False):
        dashed = row.sumber_induk == "indikator induk"
        g.edge(graphviz.escape(row.induk_id), graphviz.escape(row.id),
               **({"style": "dashed", "label": "indikator induk", "fontsize": "8"} if dashed else {}))
    cross = pohon.crosscutting
    if not cross.empty:
        cross = cross[cross["simpul"].isin(shown)]
        for row in cross.itertuples(index=False):
            box = f"@{row.kontributor}"  # no node id has "@"; ":" would be a Graphviz port
            g.node(graphviz.escape(box), graphviz.escape(_teks(nama.get(row.kontributor, row.kontributor), 20)),
                   shape="note", style="filled", fillcolor="#fafafa", color=_WARNA_CROSS[row.status], fontsize="9")
            g.edge(graphviz.escape(box), graphviz.escape(row.simpul), color=_WARNA_CROSS[row.status],
                   style=_GAYA_CROSS[row.status], label=f"crosscutting {row.status}", fontsize="8",
                   fontcolor=_WARNA_CROSS[row.status])
    return g


# A picture on paper: A4 portrait inside the 2 cm margins, at most 23 cm high (dokumen.css). A
# PNG of 144 dpi is shown at 1,5 times its size in inches unless it is shrunk to fit, so a node's
# type of ``n`` pt is printed at ``n × min(1,5; 17 cm ÷ width; 23 cm ÷ height)``.
_KERTAS_INCI = (17 / 2.54, 23 / 2.54)
HURUF_CETAK_MIN = 7.0  # pt: the smallest node text a reader must be able to read on paper
_HURUF_SIMPUL_MIN = 9.0  # pt: the smallest node type of the picture (a crosscutting note)


def huruf_cetak(g: graphviz.Digraph) -> float:
    """The printed size (pt) of the smallest node text of ``g`` shown on an A4 page."""
    first = g.pipe(format="plain", encoding="utf-8").split("\n", 1)[0].split()  # "graph scale width height"
    width, height = float(first[2]), float(first[3])
    return _HURUF_SIMPUL_MIN * min(1.5, _KERTAS_INCI[0] / width, _KERTAS_INCI[1] / height)


def _turunan(simpul: pd.DataFrame, akar: str) -> pd.DataFrame:
    """``akar`` and every node of ``simpul`` below it."""
    keep, frontier = {akar}, {akar}
    while frontier:
        frontier = set(simpul.loc[simpul["induk_id"].isin(frontier), "id"]) - keep
        keep |= frontier
    return simpul[simpul["id"].isin(keep)]


def gambar_terbagi(pohon: Pohon, nilai: tuple[pd.DataFrame, pd.DataFrame], skala: SkalaPredikat,
                   simpul: pd.DataFrame, temuan: pd.DataFrame | None = None,
                   ringkas: bool = False) -> list[graphviz.Digraph]:
    """``simpul`` as pictures that each print readably on an A4 page (node text at least
    :data:`HURUF_CETAK_MIN` pt): the whole tree when it fits; else each root with its children
    (top to bottom, in as many pictures as the children need to fit the page's width), then
    each child's own subtree the same way."""
    def picture(nodes: pd.DataFrame, arah: str = "LR") -> graphviz.Digraph:
        return gambar_pohon(pohon, nilai, skala, nodes.reset_index(drop=True), temuan, arah, ringkas)

    whole = picture(simpul)
    ids = set(simpul["id"])
    roots = simpul[~simpul["induk_id"].isin(ids)]
    if len(simpul) <= 1 or huruf_cetak(whole) >= HURUF_CETAK_MIN:
        return [whole]
    if len(roots) > 1:
        return [g for root in roots["id"] for g in gambar_terbagi(pohon, nilai, skala, _turunan(simpul, root),
                                                                  temuan, ringkas)]
    root = roots.iloc[[0]]
    children = simpul[simpul["induk_id"] == root["id"].iloc[0]]
    size = len(children)
    while size > 1 and huruf_cetak(picture(pd.concat([root, children.iloc[:size]]), "TB")) < HURUF_CETAK_MIN:
        size = (size + 1) // 2
    pictures = [picture(pd.concat([root, children.iloc[i:i + size]]), "TB") for i in range(0, len(children), size)]
    for child in children["id"]:
        below = _turunan(simpul, child)
        if len(below) > 1:
            pictures += gambar_terbagi(pohon, nilai, skala, below, temuan, ringkas)
    return pictures


class GambarPohon:
    """The pictures of one tree, shown one after another when displayed in a notebook."""

    def __init__(self, bagian: list) -> None:
        self.bagian = bagian

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(*self.bagian)
