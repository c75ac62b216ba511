"""A unit's Word (.docx) file opened safely and its tables laid out as grids of text.

A .docx is a zip of XML parts. Before python-docx sees it, the zip is walked here: an Office
97–2003 .doc, a file that is no zip, a macro-enabled document (.docm, ``vbaProject.bin``), a
part that declares a DTD or entities, or more unpacked bytes than :data:`BATAS_ISI` (a zip
bomb) is refused with a W-code, the parts decompressed in chunks under one budget (the sizes
the zip declares are not trusted). Then every top-level table of the body, in document order,
becomes a :class:`TabelWord`: one list of cell texts per row, a horizontally merged cell
repeated over the columns it spans and a vertically merged one repeated down, so that a header
written over two rows or a sasaran merged over its indicators reads like any other cell.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.formulir.masalah import Penampung

__all__ = ["BATAS_BARIS", "BATAS_ISI", "BATAS_KOLOM", "BATAS_TABEL", "BATAS_XML", "TabelWord", "buka_docx"]

BATAS_UKURAN = 50 * 1024 * 1024  # the .docx itself
BATAS_ISI = 200 * 1024 * 1024  # what all its parts unpack to, together
BATAS_XML = 50 * 1024 * 1024  # one XML part (python-docx holds it whole; a long LKjIP's is a few MB)
BATAS_TABEL = 500  # tables in one document
BATAS_BARIS = 5_000  # rows of one table
BATAS_KOLOM = 60  # grid columns of one table
BATAS_TEKS_SEL = 4_000  # characters of one cell kept

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_RUSAK = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
              KeyError)


@dataclass
class TabelWord:
    """One table of the document: ``nomor`` counts the body's tables from 1, ``baris`` holds
    each row's cell texts (merged cells repeated), ``gabung_atas`` marks the cells that continue
    a vertical merge from the row above, ``judul`` is the paragraph just before the table."""

    nomor: int
    baris: list[list[str]]
    gabung_atas: list[list[bool]] = field(default_factory=list)
    judul: str = ""

    @property
    def nama(self) -> str:
        return f"Tabel {self.nomor}"


def _tolak(p: Penampung, kode: str, pesan: str) -> None:
    p.galat(kode, "", "", pesan)


def _periksa_zip(path: Path, p: Penampung) -> bool:
    """Whether the file may be handed to python-docx; each refusal is said in ``p``."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        _tolak(p, "W01", f"berkas tidak dapat dibuka ({exc.strerror or exc}); periksa nama dan izin berkas")
        return False
    if head == _OLE2:
        _tolak(p, "W01", "berkas ini dokumen Word 97–2003 (.doc), bukan .docx; buka di Word lalu simpan sebagai "
                         "\u201cDokumen Word (.docx)\u201d")
        return False
    if not head.startswith(b"PK"):
        _tolak(p, "W01", "berkas bukan dokumen Word .docx (isinya bukan arsip Office Open XML); simpan LKjIP "
                         "sebagai \u201cDokumen Word (.docx)\u201d")
        return False
    if size > BATAS_UKURAN:
        _tolak(p, "W03", f"berkas berukuran {size // 1048576} MB, melebihi batas {BATAS_UKURAN // 1048576} MB untuk "
                         "satu LKjIP; simpan ulang tanpa gambar beresolusi tinggi")
        return False
    if path.suffix.lower() in (".docm", ".dotm"):
        _tolak(p, "W02", "dokumen Word bermakro (.docm) tidak dibaca; simpan ulang sebagai \u201cDokumen Word "
                         "(.docx)\u201d tanpa makro")
        return False
    try:
        with zipfile.ZipFile(path) as z:
            return _periksa_bagian(z, p)
    except _ZIP_RUSAK as exc:
        _tolak(p, "W01", f"isi berkas .docx rusak sehingga tidak dapat dibaca ({type(exc).__name__}); buka di Word "
                         "lalu simpan ulang sebagai .docx")
        return False


def _periksa_bagian(z: zipfile.ZipFile, p: Penampung) -> bool:
    """The parts of the zip: Word's own, no macro, no DTD, and their unpacked size in budget."""
    names = z.namelist()
    if len(names) != len(set(names)) or any(n.startswith("/") or ".." in n.split("/") for n in names):
        _tolak(p, "W01", "arsip .docx berisi nama bagian ganda atau menunjuk ke luar arsip; buka di Word lalu "
                         "simpan ulang sebagai .docx")
        return False
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        _tolak(p, "W01", "arsip ini bukan dokumen Word (tidak ada bagian word/document.xml); simpan LKjIP sebagai "
                         "\u201cDokumen Word (.docx)\u201d")
        return False
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in z.read("[Content_Types].xml"):
        _tolak(p, "W02", "dokumen berisi makro (vbaProject); simpan ulang sebagai \u201cDokumen Word (.docx)\u201d "
                         "tanpa makro")
        return False
    budget = BATAS_ISI
    for name in names:
        with z.open(name) as fh:
            tail, size = b"", 0
            while chunk := fh.read(1 << 16):
                budget -= len(chunk)
                size += len(chunk)
                if name.endswith(".xml") and size > BATAS_XML:
                    _tolak(p, "W03", f"bagian {name} berisi lebih dari {BATAS_XML // 1048576} MB setelah dibuka, "
                                     "melebihi batas untuk satu LKjIP")
                    return False
                if budget < 0:
                    _tolak(p, "W03", f"isi berkas melebihi {BATAS_ISI // 1048576} MB setelah dibuka (bagian {name}), "
                                     "melebihi batas untuk satu LKjIP")
                    return False
                if name.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk):
                    _tolak(p, "W01", f"bagian {name} memuat deklarasi DTD/entitas yang tidak ada pada dokumen Word "
                                     "biasa; buka di Word lalu simpan ulang sebagai .docx")
                    return False
                tail = chunk[-16:]
    return True


def _teks_sel(tc) -> str:
    """A cell's own paragraphs (those of a table nested in it are left out), spaces folded."""
    paras = [para for para in tc.iter(f"{_W}p") if next(para.iterancestors(f"{_W}tc"), None) is tc]
    parts = ["".join(t.text or "" for t in para.iter(f"{_W}t")) for para in paras]
    text = " ".join(" ".join(x.split()) for x in parts if x.strip())
    return text[:BATAS_TEKS_SEL]


def _angka_atribut(el, tag: str) -> int:
    node = el.find(tag) if el is not None else None
    try:
        return max(0, min(BATAS_KOLOM, int(node.get(f"{_W}val", "1")))) if node is not None else 0
    except ValueError:
        return 0


def _grid(tbl, nomor: int, p: Penampung) -> TabelWord | None:
    """One table's rows as texts, merges resolved; None (said in ``p``) when it is too large."""
    rows, above = [], []
    for tr in tbl.iterchildren(f"{_W}tr"):
        if len(rows) >= BATAS_BARIS:
            p.galat("W03", f"Tabel {nomor}", "", f"tabel berisi lebih dari {BATAS_BARIS:,} baris; tabel ini tidak "
                    "dibaca".replace(",", "."))
            return None
        col = _angka_atribut(tr.find(f"{_W}trPr"), f"{_W}gridBefore")
        cells, merged = [""] * col, [False] * col
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = max(1, _angka_atribut(props, f"{_W}gridSpan"))
            vmerge = props.find(f"{_W}vMerge") if props is not None else None
            cont = vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart"
            prev = rows[-1] if rows else []
            text = prev[len(cells)] if cont and len(cells) < len(prev) else _teks_sel(tc)
            cells += [text] * span
            merged += [cont] * span
            if len(cells) > BATAS_KOLOM:
                p.galat("W03", f"Tabel {nomor}", f"baris {len(rows) + 1}", f"tabel berisi lebih dari {BATAS_KOLOM} "
                        "kolom; tabel ini tidak dibaca")
                return None
        rows.append(cells)
        above.append(merged)
    width = max((len(r) for r in rows), default=0)
    return TabelWord(nomor, [r + [""] * (width - len(r)) for r in rows],
                     [m + [False] * (width - len(m)) for m in above])


def _judul(prev) -> str:
    if prev is None or prev.tag != f"{_W}p":
        return ""
    return " ".join("".join(t.text or "" for t in prev.iter(f"{_W}t")).split())[:200]


def buka_docx(path: str | os.PathLike, p: Penampung) -> list[TabelWord] | None:
    """The tables of the document at ``path`` in order, or None when the file is refused
    (the reason, located, in ``p``). Never raises on a bad or hostile file."""
    path = Path(path)
    if not _periksa_zip(path, p):
        return None
    try:
        from docx import Document

        body = Document(str(path)).element.body
    except Exception as exc:  # noqa: BLE001 - any failure of a damaged package is the file's, said to the user
        _tolak(p, "W01", f"dokumen Word tidak dapat dibaca ({type(exc).__name__}); buka di Word lalu simpan ulang "
                         "sebagai .docx")
        return None
    tables, prev = [], None
    for child in body.iterchildren():
        if child.tag == f"{_W}tbl":
            if len(tables) >= BATAS_TABEL:
                _tolak(p, "W03", f"dokumen berisi lebih dari {BATAS_TABEL} tabel; melebihi batas untuk satu LKjIP")
                return None
            nomor = len(tables) + 1
            grid = _grid(child, nomor, p)
            tables.append(grid if grid is not None else TabelWord(nomor, []))
            if grid is not None:
                grid.judul = _judul(prev)
        prev = child
    return tables
