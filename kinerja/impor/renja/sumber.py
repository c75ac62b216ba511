"""Which sheet of a workbook is the Renja evaluation read, and which quarter it reports, when the
workbook says more than one thing: a second sheet holding the form too ("TW I" and "TW II") is
named, not passed over in silence (I91); a title naming one quarter over a sheet named for another
("Triwulan II" on "Realisasi TW III") stops the file unless ``--triwulan`` settles it (I92).
"""

from __future__ import annotations

from kinerja.core.periode import cari_triwulan
from kinerja.formulir.masalah import Penampung
from kinerja.impor.lembar import Grid
from kinerja.impor.renja.kepala import cari_triwulan_judul

__all__ = ["lembar_lain", "triwulan_formulir"]


def lembar_lain(grids: list[Grid], dibaca: Grid, p: Penampung, temukan) -> None:
    """Name every sheet of ``grids`` besides ``dibaca`` in which ``temukan`` finds a form's header:
    it is not read (I91, a warning at the sheet)."""
    for grid in grids:
        if grid is not dibaca and temukan(grid) is not None:
            q = cari_triwulan(grid.lembar)
            p.peringatan("I91", grid.lembar, "",
                         f"lembar ini juga berisi formulir Evaluasi Renja{f' (triwulan {q})' if q else ''} tetapi "
                         f"tidak dibaca: yang dibaca hanya lembar \u201c{dibaca.lembar}\u201d; impor lembar ini "
                         "sebagai berkas tersendiri (simpan lembarnya saja) bila angkanya perlu dimuat")


def triwulan_formulir(grid: Grid, kepala: dict, judul: str, triwulan: int | None,
                      p: Penampung) -> tuple[int | None, str]:
    """The quarter the form reports and where it was read: ``--triwulan`` (``triwulan``), else the
    title over the header, else the sheet's name, else the column headers; a title and a sheet name
    naming different quarters are an error (I92) unless ``triwulan`` is given."""
    if triwulan is not None:
        return triwulan, "--triwulan"
    title, sheet = cari_triwulan_judul(grid, kepala), cari_triwulan(grid.lembar)
    if title and sheet and title != sheet:
        p.galat("I92", grid.lembar, "", f"judul formulir menyebut triwulan {title}, sedangkan nama lembar "
                f"\u201c{grid.lembar}\u201d triwulan {sheet}; triwulan laporan tidak dapat dipastikan: sebutkan "
                "--triwulan, atau samakan judul dan nama lembarnya")
        return None, ""
    return next(((q, where) for q, where in ((title, "judul formulir"), (sheet, "nama lembar"),
                                              (cari_triwulan(judul), "judul kolom")) if q), (None, ""))
