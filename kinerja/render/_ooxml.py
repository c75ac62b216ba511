"""Word (OOXML) properties python-docx has no API for: fields, cell shading, rows kept whole or
with their neighbours, a repeated header row, a letterhead's rule; each element inserted where
the schema (ECMA-376) puts it, since Word refuses a file whose properties are out of order."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

__all__ = ["field", "garis_bawah", "jaga_baris", "shade", "tidak_terpisah", "ulangi_judul", "utuh"]


def field(run, instr: str, placeholder: str) -> None:
    """A Word field (TOC, SEQ) in ``run``, showing ``placeholder`` until Word updates it."""
    for kind, text in (("begin", None), (None, instr), ("separate", None), ("text", placeholder), ("end", None)):
        if kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        elif kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())
    props.append(shd)


# What may follow w:pBdr in a paragraph's properties (ECMA-376 CT_PPrBase, as python-docx orders it).
_SESUDAH_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                 "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                 "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                 "w:rPr", "w:sectPr", "w:pPrChange")


def utuh(table) -> None:
    """The whole table on one page: no row split across pages, each row kept with the next."""
    for i, row in enumerate(table.rows):
        tidak_terpisah(row)
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = i < len(table.rows) - 1


def tidak_terpisah(row) -> None:
    """A table row never broken across two pages."""
    props = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    # before what follows it in a row's properties (ECMA-376 CT_TrPrBase): a header row has w:tblHeader
    props.insert_element_before(el, "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins",
                                "w:del", "w:trPrChange")


def garis_bawah(paragraph) -> None:
    """A double rule under ``paragraph`` (a letterhead's)."""
    props = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "double"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    props.insert_element_before(border, *_SESUDAH_PBDR)  # Word refuses properties out of the schema's order


def jaga_baris(table, header: int) -> None:
    """Page breaks as in the PDF: no row split across pages; the header stays with the first two
    rows and the last row with the one before it (Word keeps a row with the next one through its
    paragraphs' keep-with-next)."""
    rows = table.rows
    body = len(rows) - header
    keep = set(range(header + min(body, 2) - 1)) | ({len(rows) - 2} if body >= 2 else set())
    for i, row in enumerate(rows):
        tidak_terpisah(row)
        if i in keep:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def ulangi_judul(row) -> None:
    """Repeat the header row on every page the table spans."""
    props = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    props.append(el)
