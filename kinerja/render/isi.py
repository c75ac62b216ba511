"""What of an executed notebook a document shows: the markdown cells and what the code cells
display (``display_data`` and ``execute_result``), never the parameters cell, code, or a text
stream. A stream is the program talking (a warning, "menunggu kunci basis data …"): it stays in
the executed notebook and its log, and a page a Kepala Dinas signs holds no word of it. Used by
the HTML page (and so the PDF) and by the Word file alike.
"""

from __future__ import annotations

import copy

import nbformat

__all__ = ["KELUARAN_DOKUMEN", "isi_dokumen"]

KELUARAN_DOKUMEN = ("display_data", "execute_result")


def isi_dokumen(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` holding only what its document shows.

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell("x", outputs=[
    ...     nbformat.v4.new_output("stream", name="stderr", text="menunggu kunci…"),
    ...     nbformat.v4.new_output("display_data", data={"text/markdown": "Tabel"})])
    >>> nb = isi_dokumen(nbformat.v4.new_notebook(cells=[cell]))
    >>> [o["output_type"] for o in nb.cells[0].outputs]
    ['display_data']
    """
    nb = copy.deepcopy(notebook)
    nb.cells = [c for c in nb.cells if "parameters" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") in KELUARAN_DOKUMEN]
    return nb
