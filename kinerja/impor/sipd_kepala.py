"""The header of a budget export: which row holds the column titles, which field each column is,
and what its Rupiah are multiplied by.

SIPD-RI and the e-budgeting systems Pemda used before it write the same fields under several
titles (``Nama SKPD`` or ``SKPD``, ``Sub Kegiatan`` or ``SUBKEGIATAN``, ``Anggaran``, ``Pagu`` or
``JUMLAH``; ``JUMLAH PERUBAHAN`` for the APBD-Perubahan), in any order, among columns that are
not read. A column is known by its whole title (``SUMBERDANA PERUBAHAN`` is not ``JUMLAH
PERUBAHAN``); a Rupiah unit in parentheses (``JUMLAH (Rp. 000)``) is read as the column's
multiplier. Two columns that both answer one field stop the file (I66): reading either would be a
guess.
"""

from __future__ import annotations

import re

from kinerja.core.anggaran import pengali_rupiah
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.lembar import Grid, sel

__all__ = ["KOLOM_SIPD", "cari_kepala_sipd", "judul_baku", "pengali_kolom", "periksa_kepala", "syarat"]

# Field -> header texts an export uses for it (normalised: lower case, single spaces, no Rupiah unit).
KOLOM_SIPD: dict[str, tuple[str, ...]] = {
    "kode_skpd": ("kode skpd",), "nama_skpd": ("nama skpd", "skpd"),
    "kode_program": ("kode program",), "nama_program": ("nama program", "program"),
    "kode_kegiatan": ("kode kegiatan",), "nama_kegiatan": ("nama kegiatan", "kegiatan"),
    "kode_subkegiatan": ("kode sub kegiatan", "kode subkegiatan"),
    "nama_subkegiatan": ("nama sub kegiatan", "nama subkegiatan", "sub kegiatan", "subkegiatan"),
    "kode_rekening": ("kode rekening", "kode akun"),
    "nama_rekening": ("nama rekening", "nama akun", "uraian belanja", "uraian rekening", "rekening"),
    "tanggal": ("tanggal dokumen", "tgl dokumen", "tanggal sp2d", "tgl sp2d"),
    "nilai_realisasi": ("nilai realisasi", "realisasi"),
    "anggaran": ("anggaran", "nilai anggaran", "pagu", "nilai pagu", "total anggaran", "jumlah", "anggaran murni",
                 "pagu murni", "jumlah murni", "sebelum perubahan", "jumlah sebelum perubahan"),
    "anggaran_perubahan": ("jumlah perubahan", "anggaran perubahan", "pagu perubahan", "setelah perubahan",
                           "sesudah perubahan", "jumlah setelah perubahan", "jumlah sesudah perubahan"),
    "sumber_dana": ("sumber dana",), "sp2d": ("nomor sp2d", "no sp2d", "no. sp2d"),
}
# What each kind needs; a tuple inside is "one of these".
_WAJIB: dict[str, tuple] = {
    "sipd-realisasi": ("nama_skpd", "nama_program", "nama_subkegiatan", "tanggal", "nilai_realisasi"),
    "sipd-anggaran": ("nama_skpd", "nama_program", "nama_subkegiatan", ("kode_rekening", "nama_rekening"),
                      ("anggaran", "anggaran_perubahan")),
}
# Fields whose column a reader takes; two candidates for one of them stop the file.
_DIBACA = ("nama_skpd", "kode_skpd", "nama_program", "kode_program", "nama_kegiatan", "kode_kegiatan",
           "nama_subkegiatan", "kode_subkegiatan", "kode_rekening", "nama_rekening", "tanggal", "nilai_realisasi",
           "anggaran", "anggaran_perubahan")
_UANG = ("nilai_realisasi", "anggaran", "anggaran_perubahan")
_BUKAN = {"sipd-realisasi": ("anggaran", "anggaran_perubahan"), "sipd-anggaran": ("tanggal", "nilai_realisasi")}
_SATUAN_RE = re.compile(r"\(\s*(?:rp\.?|rupiah|dalam)[^)]*\)|\(\s*0{3}(?:\.0{3})*\s*\)|\brp\.?$")


def judul_baku(text: str) -> str:
    """A header as matched: lower case, single spaces, no trailing colon, no Rupiah unit."""
    text = " ".join(str(text).replace("_", " ").replace(".", ". ").split()).lower().replace(". ", ".").strip(" :")
    return " ".join(_SATUAN_RE.sub(" ", text).split()).strip(" :")


def _perlu(jenis: str) -> list[str]:
    return [n if isinstance(n, str) else n[0] for n in _WAJIB[jenis]]


def _lengkap(need: tuple, cols: dict[str, int]) -> bool:
    return all((n in cols) if isinstance(n, str) else any(m in cols for m in n) for n in need)


def _judul(grid: Grid, r: int) -> dict[str, int]:
    """Normalised header text -> its first column, for row ``r``."""
    heads: dict[str, int] = {}
    for c in range(1, grid.kolom_maks + 1):
        text = grid.teks(r, c)
        if text:
            heads.setdefault(judul_baku(text), c)
    return heads


def cari_kepala_sipd(grid: Grid, batas: int = 30) -> tuple[str, int, dict[str, int]] | None:
    """``(jenis, header row, {field: column})`` of a SIPD or e-budgeting export in ``grid``, else None;
    a header of two rows is read at its lower row (:func:`_baris_bawah`)."""
    for r in range(1, min(grid.baris_maks, batas) + 1):
        found = _cocok(grid, r)
        if found is not None:
            if _baris_bawah(grid, r) and (lower := _cocok(grid, r + 1)) is not None:
                return lower[0], r + 1, lower[1]
            return found[0], r, found[1]
    return None


def _cocok(grid: Grid, r: int) -> tuple[str, dict[str, int]] | None:
    """The kind of export whose fields row ``r`` names, and their columns; None for none."""
    heads = _judul(grid, r)
    cols = {}
    for name, words in KOLOM_SIPD.items():
        found = next((heads[w] for w in words if w in heads), None)
        if found is not None:
            cols[name] = found
    for jenis, need in _WAJIB.items():
        if _lengkap(need, cols) and not (jenis == "sipd-anggaran" and "nilai_realisasi" in cols):
            return jenis, cols
    return None


def _baris_bawah(grid: Grid, r: int) -> bool:
    """Whether the row under header row ``r`` is its second row, a money heading's parts
    ("Sebelum Perubahan", "Murni" under "JUMLAH"): texts only, one of them a money field once
    joined to the heading above it. Then the lower row becomes the header: every cell of it
    left blank takes the text above it (a heading over both rows that lost its merge), a part
    under a heading is read as heading + part ("jumlah murni"), in ``grid.gabung`` and
    ``grid.nilai`` alike, so every reader of the header row sees the same titles."""
    below = {c: grid.teks(r + 1, c, gabung=False) for c in range(1, grid.kolom_maks + 1)}
    if any(isinstance(grid.mentah(r + 1, c), (int, float)) for c in below) or not any(below.values()):
        return False
    group, joined = "", {}
    for c, part in below.items():
        top = grid.teks(r, c)
        group = top or (group if part else "")
        if part and group and (r + 1, c) not in grid.gabung:
            joined[c] = judul_baku(f"{group} {part}")
    money = KOLOM_SIPD["anggaran"] + KOLOM_SIPD["anggaran_perubahan"]
    if not any(t in money for t in joined.values()):
        return False
    for c, part in below.items():
        if c in joined:
            grid.nilai[(r + 1, c)] = joined[c]
        elif not part and grid.teks(r, c) and (r + 1, c) not in grid.gabung:
            grid.gabung[(r + 1, c)] = grid.gabung.get((r, c), (r, c))
    return True


def periksa_kepala(grid: Grid, head: int, jenis: str, p: Penampung) -> bool:
    """I66: every field the reader of ``jenis`` takes answered by one column of the header row
    ``head``; False (with each clash named at its cells) when it is not. A money column has no
    second candidate at all (PAGU beside JUMLAH: which is the pagu?); a name or date column
    takes its most specific title (Tanggal Dokumen before Tanggal SP2D), unless that title
    stands twice."""
    found: dict[str, list[tuple[int, str]]] = {}
    for c in range(1, grid.kolom_maks + 1):
        text = judul_baku(grid.teks(head, c)) if grid.teks(head, c) else ""
        for name in _DIBACA:
            if text and name not in _BUKAN[jenis] and text in KOLOM_SIPD[name]:
                found.setdefault(name, []).append((c, text))
    ok = True
    for name, hits in found.items():
        if name not in _UANG:
            best = min(KOLOM_SIPD[name].index(t) for _, t in hits)
            hits = [(c, t) for c, t in hits if KOLOM_SIPD[name].index(t) == best]
        if len(hits) > 1:
            ok = False
            cols = [c for c, _ in hits]
            shown = " dan ".join(f"{sel(head, c)} \u201c{pendek(grid.teks(head, c), 40)}\u201d" for c in cols)
            p.galat("I66", grid.lembar, sel(head, cols[1]), f"kolom {shown} sama-sama dapat dibaca sebagai "
                    f"{_ARTI[name]}; kolom mana yang benar tidak dapat dipastikan: ubah judul kolom yang bukan "
                    f"{_ARTI[name]}, lalu impor lagi")
    return ok


_ARTI = {"nama_skpd": "nama SKPD", "kode_skpd": "kode SKPD", "nama_program": "program", "kode_program": "kode program",
         "nama_kegiatan": "kegiatan", "kode_kegiatan": "kode kegiatan", "nama_subkegiatan": "sub kegiatan",
         "kode_subkegiatan": "kode sub kegiatan", "kode_rekening": "kode rekening", "nama_rekening": "rekening",
         "tanggal": "tanggal dokumen", "nilai_realisasi": "nilai realisasi",
         "anggaran": "pagu (anggaran murni)", "anggaran_perubahan": "pagu perubahan"}


def pengali_kolom(grid: Grid, head: int, col: int) -> tuple[int, str | None]:
    """What the Rupiah of column ``col`` are multiplied by, and the text that says so: the
    unit in its header (``JUMLAH (Rp. 000)``), else the title above the header row
    ("dalam ribuan rupiah"), else 1 (as written)."""
    text = grid.teks(head, col)
    found = pengali_rupiah(text)
    if found is not None:
        return found, text
    for r in range(1, head):
        for c in range(1, grid.kolom_maks + 1):
            line = grid.teks(r, c)
            found = pengali_rupiah(line) if line else None
            if found is not None:
                return found, line
    return 1, None


def syarat(jenis: str) -> str:
    """The column titles ``jenis`` needs, for a message."""
    return ", ".join(KOLOM_SIPD[n][0] for n in _perlu(jenis))
