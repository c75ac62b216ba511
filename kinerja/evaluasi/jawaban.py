"""Reading the answers of an evaluasi AKIP: one answer per sub-komponen, from a table with the
columns ``kode`` (``1.a`` … ``4.c``) and ``jawaban`` (``AA`` … ``E``).

The table is a .csv (UTF-8 with or without BOM, or Windows-1252; ``,`` or ``;`` between
columns) or an .xlsx (its first visible sheet). The header row is the first row holding both
column names (case and surrounding space ignored), so a title above the table and other
columns beside it do no harm. An answer may be written in lower case and with spaces around
it, nothing else; an empty answer is a sub-komponen not answered yet (its komponen and the
Nilai AKIP are then *belum lengkap*). Every problem is one located message
(:class:`kinerja.formulir.masalah.Masalah`: file, sheet and cell of an .xlsx, row and column of
a .csv; what was found and what is expected), and a file with any problem is refused whole:

====  ================================================================================
J00   the file cannot be read: missing, not .csv or .xlsx, not text
J01   no table: an empty file or sheet, no visible sheet, no header row, no answer row
J02   a kode that is no sub-komponen of the LKE
J03   a kode written twice
J04   an answer not on the scale
J05   a formula in the kode or jawaban column (the value must be typed)
J06   an answer without a kode
====  ================================================================================

A damaged or oversized workbook is refused as every workbook is (V01, V48;
:func:`kinerja.impor.lembar.buka_lembar`).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.core.berkas import BATAS_UKURAN_TABEL, _decode
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import pendek
from kinerja.core.lke import baku_jawaban
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.formulir.masalah import Masalah, Penampung
from kinerja.impor.lembar import Grid, buka_lembar, sel

__all__ = ["KOLOM", "BacaanJawaban", "baca_jawaban"]

KOLOM = ("kode", "jawaban")

@dataclass
class BacaanJawaban:
    """What was read: ``jawaban`` (sub-komponen code → answer, None where left empty; empty
    when refused) and the ``masalah`` that refuse the file."""

    berkas: str
    jawaban: dict[str, str | None] = field(default_factory=dict)
    masalah: list[Masalah] = field(default_factory=list)

    @property
    def ditolak(self) -> bool:
        return bool(self.masalah)


def _grid_csv(raw: bytes, p: Penampung) -> Grid | None:
    """The CSV's cells on a grid, row numbers as the file's lines."""
    try:
        text = _decode(raw, p.berkas)
    except KinerjaError as exc:
        p.galat("J00", "", "", str(exc).removeprefix(f"{p.berkas}: "))
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        p.galat("J01", "", "", f"berkas kosong; isi tabel dengan kolom {KOLOM[0]} dan {KOLOM[1]}")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if lines[0].count(";") > lines[0].count(",")
                        else ",")
    cells = {}
    try:
        for row in reader:
            cells.update({(reader.line_num, c): v for c, v in enumerate(row, start=1) if v.strip()})
    except csv.Error:
        p.galat("J00", "", "", f"baris {reader.line_num}: isi CSV tidak dapat dibaca (tanda kutip tidak "
                "tertutup atau sel terlalu panjang)")
        return None
    rows = max((r for r, _ in cells), default=0)
    return Grid("", cells, baris_maks=rows, kolom_maks=max((c for _, c in cells), default=0))


def _grid_xlsx(raw: bytes, p: Penampung) -> Grid | None:
    """The first visible sheet of the workbook, with its formulas."""
    grids = buka_lembar(raw, p, rumus=True)
    if grids is None:
        return None
    visible = [g for g in grids if g.tampak]
    if not visible:
        p.galat("J01", "", "", "tidak ada lembar yang tampak; tampilkan lembar jawaban")
        return None
    if not visible[0].nilai and not visible[0].rumus:
        p.galat("J01", visible[0].lembar, "", f"lembar kosong; isi tabel dengan kolom {KOLOM[0]} dan {KOLOM[1]}")
        return None
    return visible[0]


def _tempat(grid: Grid, judul: int, r: int, c: int) -> tuple[str, str, str]:
    """Where a cell of the kode or jawaban column is, for a message: (sheet, cell, prefix). A
    CSV's grid has no sheet name; its place is the row and the column's name (row ``judul``)."""
    if grid.lembar:
        return grid.lembar, sel(r, c), ""
    return "", "", f"baris {r}, kolom {grid.teks(judul, c, gabung=False)}: "


def _judul(grid: Grid) -> tuple[int, int, int] | None:
    """The header row and the columns of ``kode`` and ``jawaban``: the first row holding both."""
    for r in range(1, grid.baris_maks + 1):
        names = {}
        for c in range(grid.kolom_maks, 0, -1):  # from the right, so the first of a name wins
            names[grid.teks(r, c, gabung=False).lower()] = c
        if all(k in names for k in KOLOM):
            return r, names[KOLOM[0]], names[KOLOM[1]]
    return None


def _baris(grid: Grid, judul: int, r: int, kolom: tuple[int, int], p: Penampung) -> tuple[str, str] | None:
    """A row's kode and jawaban as text, or None for an empty row or a formula (said in ``p``)."""
    formulas = [c for c in kolom if (r, c) in grid.rumus]
    for c in formulas:
        lembar, cell, awal = _tempat(grid, judul, r, c)
        p.galat("J05", lembar, cell, f"{awal}sel berisi rumus ({pendek(grid.rumus[(r, c)], 40)}); ketik nilainya, "
                "bukan rumus")
    if formulas:
        return None
    kode, jawaban = (grid.teks(r, c, gabung=False) for c in kolom)
    return (kode, jawaban) if kode or jawaban else None


def _baca_tabel(grid: Grid, p: Penampung, lke: ParameterLKE) -> dict[str, str | None]:
    """The answers of the table on ``grid``; every problem goes to ``p``."""
    header = _judul(grid)
    if header is None:
        where = f"lembar {grid.lembar}" if grid.lembar else "berkas"
        p.galat("J01", grid.lembar, "", f"judul kolom {KOLOM[0]} dan {KOLOM[1]} tidak ditemukan di {where}; tulis "
                "keduanya pada satu baris judul di atas jawaban")
        return {}
    r0, ck, cj = header
    known, skala = list(lke.subkomponen["kode"]), ", ".join(lke.jawaban)
    jawaban, seen = {}, {}
    for r in range(r0 + 1, grid.baris_maks + 1):
        row = _baris(grid, r0, r, (ck, cj), p)
        if row is None:
            continue
        kode, teks = row[0].lower(), row[1]
        (lembar, cell_k, awal_k), (_, cell_j, awal_j) = _tempat(grid, r0, r, ck), _tempat(grid, r0, r, cj)
        if not kode:
            p.galat("J06", lembar, cell_k, f"{awal_k}jawaban {pendek(teks, 20)!r} tanpa kode sub-komponen; isi "
                    f"kodenya ({known[0]} … {known[-1]})")
        elif kode not in known:
            p.galat("J02", lembar, cell_k, f"{awal_k}kode {pendek(row[0], 40)!r} bukan sub-komponen LKE; yang "
                    f"dikenal: {', '.join(known)}")
        elif kode in seen:
            p.galat("J03", lembar, cell_k, f"{awal_k}kode {kode} tertulis dua kali (pertama di {seen[kode]}); "
                    "setiap sub-komponen dijawab sekali")
        else:
            seen[kode] = cell_k or awal_k.removesuffix(": ")
            jawaban[kode] = baku_jawaban(teks, lke) if teks else None
            if teks and jawaban[kode] is None:
                p.galat("J04", lembar, cell_j, f"{awal_j}jawaban {pendek(teks, 40)!r} tidak ada di skala; pakai "
                        f"salah satu dari {skala}")
    if not seen and not p.ada_galat:
        p.galat("J01", grid.lembar, "", f"tidak ada baris jawaban di bawah judul kolom (baris {r0})")
    return jawaban


def _isi(path: Path, p: Penampung) -> bytes | None:
    """The file's bytes, or None with the reason in ``p``."""
    if path.suffix.lower() not in (".csv", ".xlsx"):
        p.galat("J00", "", "", f"format {path.suffix or '(tanpa akhiran)'} tidak didukung; pakai .csv atau .xlsx")
    elif not path.is_file():
        p.galat("J00", "", "", "berkas tidak ditemukan" if not path.exists() else "ini folder, bukan berkas tabel")
    elif path.stat().st_size > BATAS_UKURAN_TABEL:
        p.galat("J00", "", "", f"berkas melebihi {BATAS_UKURAN_TABEL // 1048576} MB; jawaban LKE cukup 12 baris")
    else:
        try:
            return path.read_bytes()
        except OSError:
            p.galat("J00", "", "", "berkas tidak dapat dibaca (tanpa izin baca)")
    return None


def baca_jawaban(path: str | os.PathLike, lke: ParameterLKE | None = None) -> BacaanJawaban:
    """Read the answers per sub-komponen from a .csv or .xlsx table.

    Parameters
    ----------
    path : str or path-like
        The table: columns ``kode`` and ``jawaban`` (others are ignored).
    lke : ParameterLKE, optional
        The criteria and scale (default :func:`kinerja.core.lke_parameter.muat_lke`).

    Returns
    -------
    BacaanJawaban
        The answers by sub-komponen code, or, when anything is wrong, none and every
        problem found as a located message. Never raises for the file's content.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "lke.csv").write_text("kode;jawaban\\n1.a; bb \\n1.b;B\\n1.c;\\n", encoding="utf-8")
    >>> baca_jawaban(folder / "lke.csv").jawaban
    {'1.a': 'BB', '1.b': 'B', '1.c': None}
    >>> _ = (folder / "salah.csv").write_text("kode,jawaban\\n1.a,F\\n9.z,A\\n1.a,B\\n", encoding="utf-8")
    >>> for m in baca_jawaban(folder / "salah.csv").masalah:
    ...     print(m)
    salah.csv: baris 2, kolom jawaban: jawaban 'F' tidak ada di skala; pakai salah satu dari AA, A, BB, B, CC, C, D, E
    salah.csv: baris 3, kolom kode: kode '9.z' bukan sub-komponen LKE; yang dikenal: 1.a, 1.b, 1.c, 2.a, 2.b, 2.c, 3.a, 3.b, 3.c, 4.a, 4.b, 4.c
    salah.csv: baris 4, kolom kode: kode 1.a tertulis dua kali (pertama di baris 2, kolom kode); setiap sub-komponen dijawab sekali
    """
    path = Path(path)
    lke = lke or muat_lke()
    p = Penampung(path.name)
    raw = _isi(path, p)
    grid = None if raw is None else _grid_csv(raw, p) if path.suffix.lower() == ".csv" else _grid_xlsx(raw, p)
    jawaban = _baca_tabel(grid, p, lke) if grid is not None else {}
    return BacaanJawaban(path.name, {} if p.daftar else jawaban, list(p.daftar))
