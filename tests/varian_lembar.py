"""One workbook written as .xlsx (openpyxl), .xls (xlwt) and .ods (the OpenDocument XML by
hand), for the tests that every format reads into the same Grids.

A workbook is a list of :class:`Lembar`: values by (row, column), 1-based, and what a
reader of the file sees of them (hidden sheet, rows and columns, merged ranges, cells shown
as a percent).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr


@dataclass
class Lembar:
    nama: str
    nilai: dict
    persen: set = field(default_factory=set)
    baris_sembunyi: set = field(default_factory=set)
    kolom_sembunyi: set = field(default_factory=set)
    tersembunyi: bool = False
    gabung: list = field(default_factory=list)  # (min_row, min_col, max_row, max_col)


def tulis_xlsx(lembar: list[Lembar]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for sh in lembar:
        ws = wb.create_sheet(sh.nama)
        for (r, c), v in sh.nilai.items():
            ws.cell(r, c, v)
            if (r, c) in sh.persen:
                ws.cell(r, c).number_format = "0%"
            elif isinstance(v, dt.datetime):
                ws.cell(r, c).number_format = "dd/mm/yyyy"
        for r in sh.baris_sembunyi:
            ws.row_dimensions[r].hidden = True
        for c in sh.kolom_sembunyi:
            ws.column_dimensions[get_column_letter(c)].hidden = True
        for r1, c1, r2, c2 in sh.gabung:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        if sh.tersembunyi:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def tulis_xls(lembar: list[Lembar]) -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    pct, date = xlwt.easyxf(num_format_str="0%"), xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for sh in lembar:
        ws = wb.add_sheet(sh.nama, cell_overwrite_ok=True)
        covered = {(r, c) for r1, c1, r2, c2 in sh.gabung for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for (r, c), v in sh.nilai.items():
            if (r, c) in covered:
                continue
            style = pct if (r, c) in sh.persen else date if isinstance(v, dt.datetime) else xlwt.Style.default_style
            ws.write(r - 1, c - 1, v, style)
        for r1, c1, r2, c2 in sh.gabung:
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, sh.nilai.get((r1, c1), ""))
        for r in sh.baris_sembunyi:
            ws.row(r - 1).hidden = True
        for c in sh.kolom_sembunyi:
            ws.col(c - 1).hidden = True
        if sh.tersembunyi:
            ws.visibility = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')
MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def _sel_ods(v, percent: bool) -> str:
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, dt.datetime):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        kind = "percentage" if percent else "float"
        return f'<table:table-cell office:value-type="{kind}" office:value="{v!r}"><text:p>{v}</text:p></table:table-cell>'
    if isinstance(v, str) and v.startswith("#") and v.endswith(("!", "/A", "?")):  # an Excel error
        return (f'<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
                f'calcext:value-type="error"><text:p>{escape(v)}</text:p></table:table-cell>')
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def _tabel_ods(sh: Lembar) -> str:
    rows = max((r for r, _ in sh.nilai), default=0)
    cols = max((c for _, c in sh.nilai), default=0)
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sh.gabung}
    covered = {(r, c) for r1, c1, r2, c2 in sh.gabung for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - set(spans)
    out = [f'<table:table table:name={quoteattr(sh.nama)} table:style-name="{"ta2" if sh.tersembunyi else "ta1"}">']
    for c in range(1, cols + 1):
        out.append('<table:table-column table:visibility="collapse"/>' if c in sh.kolom_sembunyi
                   else "<table:table-column/>")
    out.append('<table:table-column table:number-columns-repeated="1000"/>')
    for r in range(1, rows + 1):
        out.append('<table:table-row table:visibility="collapse">' if r in sh.baris_sembunyi else "<table:table-row>")
        for c in range(1, cols + 1):
            if (r, c) in covered:
                out.append("<table:covered-table-cell/>")
                continue
            cell = _sel_ods(sh.nilai.get((r, c)), (r, c) in sh.persen)
            if (r, c) in spans:
                rs, cs = spans[(r, c)]
                cell = cell.replace("<table:table-cell", f'<table:table-cell table:number-rows-spanned="{rs}" '
                                    f'table:number-columns-spanned="{cs}"', 1)
            out.append(cell)
        out.append('<table:table-cell table:number-columns-repeated="1000"/></table:table-row>')
    out.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
               'table:number-columns-repeated="1024"/></table:table-row></table:table>')
    return "".join(out)


def tulis_ods(lembar: list[Lembar]) -> bytes:
    styles = ('<office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties '
              'table:display="true"/></style:style><style:style style:name="ta2" style:family="table">'
              '<style:table-properties table:display="false"/></style:style></office:automatic-styles>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">{styles}'
               f'<office:body><office:spreadsheet>{"".join(_tabel_ods(sh) for sh in lembar)}'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                f'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                f'manifest:media-type="{MIMETYPE}"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
