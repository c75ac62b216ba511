"""Tables as documents show them: one object for the notebook, its HTML and its Word file.

A :class:`Tabel` holds the data, each column's format (``persen``, ``angka``, ``rupiah``,
``nilai`` for targets and realisasi, ``bulat`` for counts),
the predikat column and scale, and a caption. In a notebook it displays as an HTML table
(the template ``tabel.html.j2`` with autoescaping, so text from workbooks never becomes markup) and, in the same
output, as ``application/vnd.kinerja.tabel+json``: the cells as the reader sees them,
their alignment and colours. The executed notebook therefore carries everything the Word
writer (:mod:`kinerja.render.word`) needs to build a real Word table, with no outline of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
from IPython.display import Markdown

from kinerja.core.formatting import KOSONG, format_angka, format_nilai, format_persen, format_rupiah
from kinerja.core.kosakata import CATATAN_VERIFIKASI, TANDA_VERIFIKASI
from kinerja.core.predikat import SkalaPredikat
from kinerja.render.html import render

__all__ = ["MIME_TABEL", "Tabel", "aman_md", "daftar", "judul", "kepala_bertingkat", "paragraf", "peringatan",
           "tabel_teks"]

MIME_TABEL = "application/vnd.kinerja.tabel+json"

_FORMAT = {"persen": format_persen, "angka": format_angka, "rupiah": format_rupiah, "nilai": format_nilai,
           "bulat": lambda v: format_angka(v, 0)}  # counts: whole numbers



# Characters that can start markup in markdown (or are HTML), escaped in text from data.
_MD_KHUSUS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


_ALAMAT = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://|(?<![A-Za-z0-9])www\\.", re.I)


def aman_md(teks: object) -> str:
    """Text from data made inert inside markdown: HTML special characters become entities
    and markdown punctuation is backslash-escaped, so a name such as ``<img onerror=…>`` or
    ``**x**`` shows as written and never becomes markup.

    Examples
    --------
    >>> print(aman_md('<img src=x onerror="alert(1)"> **tebal**'))
    &lt;img src=x onerror="alert\\(1\\)"&gt; \\*\\*tebal\\*\\*
    """
    text = "" if teks is None else str(teks)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # a bare address would become a live link in the HTML and PDF (the renderer links "http://…",
    # "www.…"): written with an entity, it shows as typed and links nowhere
    return _ALAMAT.sub(lambda m: m.group(1) + "&#58;//" if m.group(1) else "www&#46;", _MD_KHUSUS.sub(r"\\\1", text))


def judul(teks: object, tingkat: int = 2) -> Markdown:
    """A heading whose text comes from data, escaped so it shows as written.

    Parameters
    ----------
    teks : object
        The heading's text (any value; shown as text, never as markup).
    tingkat : int, default 2
        The heading level (1–6).

    Returns
    -------
    IPython.display.Markdown
        Shown in the notebook, and carried into the HTML, PDF and Word documents.

    Examples
    --------
    >>> import kinerja
    >>> kinerja.judul("Dinas <Kesehatan>").data
    '## Dinas &lt;Kesehatan&gt;'
    """
    return Markdown(f"{'#' * tingkat} {aman_md(teks)}")


def paragraf(teks: object, tebal: bool = False) -> Markdown:
    """A paragraph whose text comes from data (escaped), optionally bold.

    Parameters
    ----------
    teks : object
        The paragraph's text.
    tebal : bool, default False
        Bold.

    Returns
    -------
    IPython.display.Markdown
        Shown in the notebook, and carried into the HTML, PDF and Word documents.

    Examples
    --------
    >>> import kinerja
    >>> kinerja.paragraf("Capaian 87,5%", tebal=True).data
    '**Capaian 87,5%**'
    """
    body = aman_md(teks)
    return Markdown(f"**{body}**" if tebal else body)


def daftar(butir) -> Markdown:
    """A bulleted list whose items come from data (escaped).

    Parameters
    ----------
    butir : iterable
        The items.

    Returns
    -------
    IPython.display.Markdown
        Shown in the notebook, and carried into the HTML, PDF and Word documents.

    Examples
    --------
    >>> import kinerja
    >>> kinerja.daftar(["satu", "dua"]).data
    '- satu\\n- dua'
    """
    return Markdown("\n".join(f"- {aman_md(b)}" for b in butir))


def peringatan(butir) -> Markdown:
    """What a reader must know before the numbers (data not received, months
    missing, numbers to verify), as a quoted block headed "Perhatian"; nothing when empty.

    Parameters
    ----------
    butir : iterable of str
        The warnings; empty ones are left out.

    Returns
    -------
    IPython.display.Markdown
        Shown in the notebook, and carried into the HTML, PDF and Word documents.

    Examples
    --------
    >>> import kinerja
    >>> kinerja.peringatan([]).data
    ''
    """
    items = [b for b in butir if b]
    if not items:
        return Markdown("")
    return Markdown("> **Perhatian**\n>\n" + "\n".join(f"> - {aman_md(b)}" for b in items))


def tabel_teks(tabel: pd.DataFrame, formats: dict[str, str] | None = None) -> pd.DataFrame:
    """The table as the reader sees it: Indonesian formats per column (``persen``,
    ``angka``, ``rupiah``), ``–`` for missing values, everything as text.

    Examples
    --------
    >>> t = tabel_teks(pd.DataFrame({"Pagu": [1500000.0, None], "Capaian": [87.456, 100.0]}),
    ...                {"Pagu": "rupiah", "Capaian": "angka"})
    >>> t.to_dict("list")
    {'Pagu': ['Rp1.500.000', '–'], 'Capaian': ['87,46', '100,00']}
    """
    formats = formats or {}
    out = tabel.astype(object).where(tabel.notna(), KOSONG)
    for col, kind in formats.items():
        if col in out.columns:
            out[col] = _FORMAT[kind](tabel[col])
    return out.astype(str)


@dataclass
class Tabel:
    """A document table; display it (or return it from a cell) to show it.

    Examples
    --------
    >>> t = Tabel(pd.DataFrame({"Indikator": ["<b>AKI</b>"], "Capaian (%)": [93.3333]}),
    ...           {"Capaian (%)": "angka"}, judul="Capaian")
    >>> "&lt;b&gt;AKI&lt;/b&gt;" in t.html() and "<b>AKI" not in t.html()
    True
    >>> t.isi()["baris"]
    [['<b>AKI</b>', '93,33']]
    >>> r = Tabel(pd.DataFrame({"Realisasi": [80.0, 8418.0]}), {"Realisasi": "nilai"}, tanda={"Realisasi": [False, True]})
    >>> r.isi()["baris"], r.isi()["catatan"][0][:28]
    ([['80'], ['8.418 *)']], '*) Angka perlu diverifikasi ')

    Two-level columns print a form's grouped header: the first level over its columns (one
    cell for a run of the same text), the second under it; a column whose second level is
    empty has its first level over both rows.

    >>> g = Tabel(pd.DataFrame([[1, 2.0, 3.0]], columns=pd.MultiIndex.from_tuples(
    ...     [("No", ""), ("Target", "K"), ("Target", "Rp")])))
    >>> g.isi()["kolom"], g.isi()["kepala"]
    (['No', 'K', 'Rp'], ['No', 'Target', 'Target'])
    """

    data: pd.DataFrame
    format: dict[str, str] = field(default_factory=dict)
    predikat: str | None = None
    skala: SkalaPredikat | None = None
    judul: str = ""
    nomor: list[str] | None = None  # the regulation's column numbers, "(1)" …, for form tables
    tebal: list[bool] | None = None  # rows set in bold (a komponen above its sub-komponen)
    utuh: bool = False  # kept whole on one page with its caption (a short table a reader reads at once)
    # Values that need verifying (the measurement's ``ragu``): per column, the rows whose cell is
    # printed with TANDA_VERIFIKASI; a table holding one prints CATATAN_VERIFIKASI below it.
    tanda: dict[str, list[bool]] | None = None
    catatan: list[str] | None = None  # notes printed below the table (escaped), before the note on the marks

    @property
    def kosong(self) -> bool:
        return self.data.empty

    def isi(self) -> dict:
        """The table as plain data: caption, column names, cell texts, right-aligned
        columns and the background colour of every cell (None where plain)."""
        text = tabel_teks(self.data, self.format)
        marked = self._tandai(text)
        grouped = isinstance(text.columns, pd.MultiIndex)
        kolom = [str((c[1] or c[0]) if grouped else c) for c in text.columns]
        kanan = [self.format.get(c) in _FORMAT for c in text.columns]
        colours = self.skala.warna_label if self.skala is not None else {}
        warna = [[colours.get(v) if c == self.predikat else None for c, v in zip(text.columns, row)]
                 for row in text.itertuples(index=False)]
        out = {"judul": self.judul, "kolom": kolom, "baris": text.values.tolist(), "kanan": kanan, "warna": warna}
        if grouped:  # a form's grouped header (see the class docstring)
            out["kepala"] = [str(c[0]) for c in text.columns]
        if self.nomor:
            out["nomor"] = list(self.nomor)
        if self.tebal:
            out["tebal"] = [bool(b) for b in self.tebal]
        if self.utuh:
            out["utuh"] = True
        notes = [c for c in (self.catatan or []) if c] + ([CATATAN_VERIFIKASI] if marked else [])
        if notes:
            out["catatan"] = notes
        return out

    def _tandai(self, text: pd.DataFrame) -> bool:
        """Put the mark after every value to verify (``tanda``), in place; whether there was one."""
        found = False
        for col, rows in (self.tanda or {}).items():
            if col not in text.columns:
                continue
            hit = pd.Series(list(rows), index=text.index).fillna(False).astype(bool) & (text[col] != KOSONG)
            text.loc[hit, col] = text.loc[hit, col] + f" {TANDA_VERIFIKASI}"
            found = found or bool(hit.any())
        return found

    def html(self) -> str:
        """The table as escaped HTML."""
        isi = self.isi()
        sel = [list(zip(row, isi["kanan"], colours)) for row, colours in zip(isi["baris"], isi["warna"])]
        return str(render("tabel.html.j2", judul=isi["judul"], kolom=isi["kolom"], sel=sel, nomor=isi.get("nomor"),
                          tebal=isi.get("tebal"), utuh=self.utuh, catatan=isi.get("catatan"),
                          kepala=kepala_bertingkat(isi)))

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self.html(), MIME_TABEL: self.isi(),
                "text/plain": f"Tabel {self.judul}".strip() + f" ({len(self.data)} baris)"}


def kepala_bertingkat(isi: dict) -> list[list[tuple[str, int, int]]] | None:
    """A grouped header (``isi["kepala"]``) as rows of ``(text, colspan, rowspan)`` cells: the
    groups over their columns, the columns' own names under them, and the numbering row with a
    number written once over the columns that repeat it. None for a one-row header.

    Examples
    --------
    >>> kepala_bertingkat({"kolom": ["No", "K", "Rp"], "kepala": ["No", "Target", "Target"],
    ...                    "nomor": ["(1)", "(2)", "(2)"]})
    [[('No', 1, 2), ('Target', 2, 1)], [('K', 1, 1), ('Rp', 1, 1)], [('(1)', 1, 1), ('(2)', 2, 1)]]
    """
    kepala = isi.get("kepala")
    if not kepala:
        return None

    def runs(texts) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        for t in texts:
            if out and out[-1][0] == t:
                out[-1] = (t, out[-1][1] + 1, 1)
            else:
                out.append((t, 1, 1))
        return out

    own = [k == g for k, g in zip(isi["kolom"], kepala)]  # its name over both rows, no group
    first = [(k, 1, 2) if o else (g, 1, 1) for k, g, o in zip(isi["kolom"], kepala, own)]
    merged: list[tuple[str, int, int]] = []
    for cell, o in zip(first, own):
        if merged and not o and merged[-1][2] == 1 and merged[-1][0] == cell[0]:
            merged[-1] = (cell[0], merged[-1][1] + 1, 1)
        else:
            merged.append(cell)
    rows = [merged, [(k, 1, 1) for k, o in zip(isi["kolom"], own) if not o]]
    if isi.get("nomor"):
        rows.append(runs(isi["nomor"]))
    return rows
