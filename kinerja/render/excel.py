"""Writing result tables to .xlsx with real numbers and Indonesian display formats.

Numbers stay numbers; the number formats (``#,##0.00``) make Excel show them with the
viewer's separators, which an Indonesian Excel shows as ``1.234,56``. Predikat cells are
filled with their scale's colour.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja.core.predikat import SkalaPredikat
from kinerja.core.berkas import netralkan_rumus, tulis_atomik

__all__ = ["FORMAT_ANGKA", "netralkan_rumus", "tulis_xlsx"]

FORMAT_ANGKA = "#,##0.00"


def tulis_xlsx(
    data: pd.DataFrame,
    path: str | os.PathLike,
    *,
    lembar: str = "Capaian",
    kolom_angka: tuple[str, ...] = ("capaian",),
    kolom_predikat: str | None = "predikat",
    skala: SkalaPredikat | None = None,
) -> None:
    """Write ``data`` to one sheet, atomically; ``kolom_angka`` get ``#,##0.00``."""

    def write(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = lembar
        ws.append([str(c) for c in data.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in data.itertuples(index=False, name=None):
            ws.append([None if (not isinstance(v, str) and pd.isna(v)) else v for v in row])
        fills = skala.warna_label if skala is not None else {}
        for j, col in enumerate(data.columns, start=1):
            letter = get_column_letter(j)
            width = max([len(str(col))] + [len(str(v)) for v in data[col].head(200).tolist()])
            ws.column_dimensions[letter].width = min(max(10, width + 2), 60)
            if col in kolom_angka:
                for cell in ws[letter][1:]:
                    cell.number_format = FORMAT_ANGKA
            if col == kolom_predikat and fills:
                for cell in ws[letter][1:]:
                    colour = fills.get(cell.value)
                    if colour:
                        cell.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
        ws.freeze_panes = "A2"
        netralkan_rumus(wb)
        wb.save(tmp)

    tulis_atomik(path, write)
