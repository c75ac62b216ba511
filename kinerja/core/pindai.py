"""What a workbook holds, counted from its zip before any of it is loaded.

openpyxl trusts a workbook: it unpacks a shared string of any length, expands every merged
range into cells, keeps every shared string in memory and, in its full mode, makes a cell for
every position up to the farthest one written. A small hostile file therefore costs minutes and
gigabytes before a limit checked *after* loading can say no. :func:`pindai` walks the zip
instead: the member names (two parts of the same name, or a name leading outside, are refused),
every member decompressed in chunks under one cap on the unpacked total (the sizes the zip
declares are checked first but not trusted), the shared strings counted and measured, and every
worksheet streamed for its rows, columns, written cells and merged ranges (its ``<dimension>`` is
not trusted). The first limit passed is raised as :class:`Tolak`, located at its sheet and cell.

The limits live here, in one place, and are stated in the methodology (``docs/metodologi.md``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import PurePosixPath
from xml.parsers import expat

__all__ = ["BATAS_BARIS", "BATAS_GABUNG", "BATAS_ISI", "BATAS_KOLOM", "BATAS_LUAS", "BATAS_LUAS_PENUH",
           "BATAS_PANJANG_TEKS", "BATAS_BAGIAN", "BATAS_SEL_TERISI", "BATAS_TEKS", "Tolak", "pindai"]

BATAS_ISI = 200 * 1024 * 1024  # what all members unpack to, together
BATAS_BARIS = 100_000  # rows of one sheet
BATAS_KOLOM = 500  # columns of one sheet
BATAS_SEL_TERISI = 1_000_000  # cells written (<c> elements) in the whole workbook
BATAS_LUAS = 5_000_000  # rows x columns up to the farthest written cell of one sheet, read streaming
BATAS_LUAS_PENUH = 250_000  # the same for a form read whole (merged headers, formulas): ~500 bytes a cell
BATAS_GABUNG = 10_000  # merged ranges of one sheet
BATAS_TEKS = 1_000_000  # shared strings
BATAS_PANJANG_TEKS = 32_767  # characters of one string: Excel's own limit
BATAS_BAGIAN = 20 * 1024 * 1024  # any other part (styles, properties, drawings …): openpyxl reads it whole

_POTONGAN = 1 << 16
# What a damaged zip raises while it is opened or read (a version from the future, a bad CRC …).
_ZIP_RUSAK = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)
_SEL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


class Tolak(Exception):
    """The first thing in a workbook that stops its load: a V-code, the sheet and cell (either
    may be empty) and the Indonesian message."""

    def __init__(self, kode: str, lembar: str, sel: str, pesan: str) -> None:
        super().__init__(pesan)
        self.kode, self.lembar, self.sel, self.pesan = kode, lembar, sel, pesan

    def __str__(self) -> str:
        where = ", ".join(x for x in (f"lembar {self.lembar}" if self.lembar else "",
                                      f"sel {self.sel}" if self.sel else "") if x)
        return f"{where}: {self.pesan}" if where else self.pesan


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _kolom(c: int) -> str:
    letters = ""
    while c > 0:
        c, rest = divmod(c - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _nomor_kolom(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _rusak(bagian: str, why: str, lembar: str = "") -> Tolak:
    return Tolak("V01", lembar, "", f"isi berkas .xlsx rusak sehingga tidak dapat dibaca ({why}, bagian {bagian}); "
                 "buka di Excel lalu simpan ulang sebagai .xlsx")


def _terpotong(bagian: str, lembar: str, baris: int | None) -> Tolak:
    """V01 for a part that ends before its last element is closed: a file cut short (a broken copy or
    download, or a tool that stopped writing), whose zip may still be whole. Never read as fewer rows."""
    where = "" if baris is None else f" pada atau sesudah baris {_angka(baris)}" if baris else \
        " sebelum baris pertamanya"
    pesan = (f"isi berkas .xlsx terpotong{where} (bagian {bagian} berhenti sebelum elemen penutupnya, sehingga yang "
             "tertulis sesudahnya hilang); berkas ditolak utuh, bukan dibaca sebagian. Salin atau unduh ulang "
             "berkasnya, atau buka di Excel lalu simpan ulang sebagai .xlsx")
    return Tolak("V01", lembar, f"baris {_angka(baris)}" if baris else "", pesan)


class _Arsip:
    """The zip with one budget for everything it unpacks."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z, self.sisa = z, BATAS_ISI

    def alir(self, name: str, start=None, end=None, text=None, batas: int | None = None, lembar: str = "",
             baris=lambda: None) -> None:
        """Decompress ``name`` in chunks, charged to the budget (and to ``batas``, the part's own
        limit, when given); with handlers, parse it as XML (namespaces folded to local names, no
        DTD) while it streams. A refusal of the XML names ``lembar``; one at the end of the part
        (an element left open: the part was cut) says so, with ``baris()``, the last row read."""
        parser = None
        if start or text:
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = start
            parser.EndElementHandler = end
            parser.CharacterDataHandler = text
            parser.StartDoctypeDeclHandler = _tanpa_dtd
        size = 0
        try:
            with self.z.open(name) as fh:
                while chunk := fh.read(_POTONGAN):
                    self.sisa -= len(chunk)
                    size += len(chunk)
                    if batas is not None and size > batas:
                        raise Tolak("V48", "", "", f"bagian {name} berisi lebih dari {batas // 1048576} MB setelah "
                                    "dibuka, padahal bagian ini pada workbook biasa hanya beberapa kB (gaya, "
                                    "properti, gambar); buka di Excel lalu simpan ulang sebagai .xlsx")
                    if self.sisa < 0:
                        raise Tolak("V48", "", "", f"isi berkas melebihi {BATAS_ISI // 1048576} MB setelah dibuka "
                                    f"(bagian {name}), melebihi batas untuk satu berkas")
                    if parser is not None:
                        parser.Parse(chunk, False)
                if parser is not None:
                    size = -1  # (an error from here on is one of the end of the part)
                    parser.Parse(b"", True)
        except expat.ExpatError as exc:
            if size == -1:
                raise _terpotong(name, lembar, baris()) from None
            raise _rusak(name, f"XML tidak sah: {expat.ErrorString(exc.code)}", lembar) from None
        except _ZIP_RUSAK as exc:
            raise _rusak(name, "arsip zip tidak utuh") from exc


def _tanpa_dtd(*_args) -> None:
    raise Tolak("V01", "", "", "workbook berisi deklarasi DTD, yang tidak pernah ditulis Excel; buka di Excel lalu "
                "simpan ulang sebagai .xlsx")


def _lokal(tag: str) -> str:
    return tag.rpartition(" ")[2]


def _nama_aman(infos: list[zipfile.ZipInfo]) -> None:
    """V65 for two members of one name (Excel reads one, openpyxl another), V66 for a name that
    leads outside the archive."""
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise Tolak("V66", "", "", f"arsip .xlsx berisi bagian dengan jalur tidak sah \u201c{name[:80]}\u201d "
                        "(menuju ke luar arsip); workbook dari Excel tidak pernah memuatnya, simpan ulang dari Excel")
        key = posixpath.normpath(name).lower()
        if key in seen:
            raise Tolak("V65", "", "", f"arsip .xlsx berisi dua bagian bernama sama (\u201c{seen[key]}\u201d dan "
                        f"\u201c{name[:80]}\u201d), sehingga isi yang dimuat bisa berbeda dari yang tampak di Excel; "
                        "buka di Excel lalu simpan ulang sebagai .xlsx")
        seen[key] = name[:80]


def _nama_lembar(arsip: _Arsip, names: set[str]) -> dict[str, str]:
    """Worksheet member -> the sheet's name in the workbook (from workbook.xml and its rels)."""
    by_id, targets = {}, {}

    def on_sheet(tag, attrs):
        if _lokal(tag) == "sheet":
            rid = next((v for k, v in attrs.items() if _lokal(k) == "id"), None)
            by_id[rid] = attrs.get("name", "")

    def on_rel(tag, attrs):
        if _lokal(tag) == "Relationship" and attrs.get("Type", "").endswith("/worksheet"):
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            targets[attrs.get("Id")] = path

    for member, handler in (("xl/workbook.xml", on_sheet), ("xl/_rels/workbook.xml.rels", on_rel)):
        if member in names:
            arsip.alir(member, start=handler, batas=BATAS_BAGIAN)
    return {path: by_id.get(rid, "") for rid, path in targets.items()}


def _bagian_lembar(arsip: _Arsip, names: set[str]) -> dict[str, str]:
    """Every member a reader may take as a worksheet -> the sheet's name ("" when none names it):
    those the workbook's relationships name, and every member under ``xl/worksheets/`` (python-calamine
    takes a relationship's target there as written, without the folder openpyxl resolves it from)."""
    sheets = _nama_lembar(arsip, names)
    sheets.update({n: sheets.get(n, "") for n in names if n.startswith("xl/worksheets/") and not n.endswith("/")})
    return sheets


def _teks_bersama(arsip: _Arsip) -> None:
    """Count the shared strings and measure each while they stream."""
    state = {"n": 0, "len": 0, "in_si": False}

    def start(tag, _attrs):
        if _lokal(tag) == "si":
            state["n"] += 1
            if state["n"] > BATAS_TEKS:
                raise Tolak("V48", "", "", f"workbook berisi lebih dari {_angka(BATAS_TEKS)} teks bersama "
                            "(xl/sharedStrings.xml), melebihi batas untuk satu berkas; pisahkan berkasnya")
            state["len"], state["in_si"] = 0, True

    def end(tag):
        if _lokal(tag) == "si":
            state["in_si"] = False

    def text(data):
        if state["in_si"]:
            state["len"] += len(data)
            if state["len"] > BATAS_PANJANG_TEKS:
                raise Tolak("V48", "", "", f"teks bersama ke-{_angka(state['n'])} (xl/sharedStrings.xml) lebih "
                            f"panjang dari {_angka(BATAS_PANJANG_TEKS)} karakter, batas satu sel di Excel; workbook "
                            "ini bukan simpanan Excel, simpan ulang dari Excel")

    arsip.alir("xl/sharedStrings.xml", start=start, end=end, text=text)


class _Lembar:
    """Streams one worksheet: its farthest row and column, its written cells (counted for the
    whole workbook in ``hitung``) and its merged ranges, refused at the first cell past a limit."""

    def __init__(self, nama: str, luas: int, hitung: list[int]) -> None:
        self.nama, self.luas, self.hitung = nama, luas, hitung
        self.row = self.col = self.max_row = self.max_col = 0
        self.gabung = self.luas_gabung = 0
        self.cara = "yang dibaca utuh (dengan sel gabungan dan rumus)" if luas == BATAS_LUAS_PENUH else "yang dibaca"

    def tolak(self, sel: str, pesan: str) -> Tolak:
        return Tolak("V48", self.nama, sel, pesan)

    def start(self, tag, attrs):
        name = tag.rpartition(" ")[2]
        if name == "c":
            self.sel(attrs.get("r"))
        elif name == "row":
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() else self.row + 1
            self.col = 0
            self.baris(self.row, "")  # (the area grows with cells and merges: an empty row makes none)
        elif name == "mergeCell":
            self.gabungan(attrs.get("ref", ""))

    def baris(self, row: int, where: str) -> int:
        if row > BATAS_BARIS:
            raise self.tolak(where, f"baris {_angka(row)} terisi: lembar berisi lebih dari {_angka(BATAS_BARIS)} baris, "
                             "melebihi batas untuk satu lembar; pisahkan berkasnya atau hapus isi di luar tabel")
        return row

    def sel(self, ref: str | None) -> None:
        if ref:
            m = _SEL.match(ref)
            if not m:
                raise _rusak(self.nama, f"alamat sel \u201c{ref[:20]}\u201d tidak sah")
            self.col, row = _nomor_kolom(m.group(1)), int(m.group(2))
            self.row = self.baris(row, ref)
        else:
            self.col += 1
        self.hitung[0] += 1
        where = ref or f"{_kolom(self.col)}{self.row}"
        if self.hitung[0] > BATAS_SEL_TERISI:
            raise self.tolak(where, f"workbook berisi lebih dari {_angka(BATAS_SEL_TERISI)} sel terisi, melebihi batas "
                             "untuk satu berkas; pisahkan berkasnya")
        self.jangkau(self.row, self.col, where)

    def jangkau(self, row: int, col: int, where: str, apa: str = "sel") -> None:
        """Note that the sheet reaches ``row``/``col``; refuse past the column or area limit."""
        if col > BATAS_KOLOM:
            raise self.tolak(where, f"{apa} {where} berada di kolom {_kolom(col)} (kolom ke-{_angka(col)}), melebihi "
                             f"batas {_angka(BATAS_KOLOM)} kolom; hapus isi atau format sel di luar tabel")
        if row <= self.max_row and col <= self.max_col:
            return
        self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
        area = self.max_row * self.max_col
        if area > self.luas:
            raise self.tolak(where, f"lembar terisi sampai {apa} {where}: {_angka(self.max_row)} baris \u00d7 "
                             f"{_angka(self.max_col)} kolom = {_angka(area)} sel, melebihi batas {_angka(self.luas)} "
                             f"sel untuk lembar {self.cara}; hapus isi atau format sel di luar tabel")

    def gabungan(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        a, b = _SEL.match(first), _SEL.match(last or first)
        if not (a and b):
            raise _rusak(self.nama, f"rentang gabungan \u201c{ref[:30]}\u201d tidak sah")
        r1, r2 = sorted((int(a.group(2)), int(b.group(2))))
        c1, c2 = sorted((_nomor_kolom(a.group(1)), _nomor_kolom(b.group(1))))
        self.gabung += 1
        if self.gabung > BATAS_GABUNG:
            raise self.tolak(ref, f"lembar berisi lebih dari {_angka(BATAS_GABUNG)} rentang sel gabungan, melebihi "
                             "batas untuk satu lembar")
        if r2 > BATAS_BARIS or c2 > BATAS_KOLOM:
            raise self.tolak(ref, f"rentang gabungan {ref} mencapai sel {_kolom(c2)}{r2}, di luar batas "
                             f"{_angka(BATAS_BARIS)} baris × {_angka(BATAS_KOLOM)} kolom satu lembar; hapus "
                             "gabungan sel di luar tabel")
        self.jangkau(r2, c2, ref, "rentang gabungan")
        self.luas_gabung += (r2 - r1 + 1) * (c2 - c1 + 1)
        if self.luas_gabung > BATAS_LUAS_PENUH:
            raise self.tolak(ref, f"rentang sel gabungan lembar ini mencakup lebih dari {_angka(BATAS_LUAS_PENUH)} sel "
                             f"(sampai {ref}); hapus gabungan sel di luar tabel")


def pindai(berkas, penuh: bool = False) -> None:
    """Walk the workbook's zip and raise :class:`Tolak` at the first limit it passes, before
    openpyxl reads any of it.

    Parameters
    ----------
    berkas : bytes, path or binary file
        The .xlsx (already known to start like one).
    penuh : bool
        The workbook will be read whole (openpyxl's full mode: merged cells and formulas), which
        makes a cell for every position of a sheet up to its farthest written cell; the area
        limit is then :data:`BATAS_LUAS_PENUH` instead of :data:`BATAS_LUAS`.

    Examples
    --------
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r='1'><c r='A1'/></row>"
    ...                "</sheetData></worksheet>")
    ...     z.writestr("xl/worksheets/Sheet1.xml", "<worksheet/>")
    >>> try:
    ...     pindai(buf.getvalue())
    ... except Tolak as t:
    ...     print(t.kode)
    V65
    """
    import io

    source = io.BytesIO(berkas) if isinstance(berkas, (bytes, bytearray)) else berkas
    try:
        z = zipfile.ZipFile(source)
    except _ZIP_RUSAK as exc:
        raise Tolak("V01", "", "", "berkas .xlsx rusak atau terpotong (arsip zip tidak utuh); simpan ulang dari "
                    "Excel") from exc
    with z:
        infos = z.infolist()
        _nama_aman(infos)
        declared = sum(info.file_size for info in infos)
        if declared > BATAS_ISI:  # a small file can unpack to gigabytes (one enormous cell, a zip bomb)
            raise Tolak("V48", "", "", f"isi berkas {_angka(declared // 1048576)} MB setelah dibuka, melebihi batas "
                        f"{BATAS_ISI // 1048576} MB untuk satu berkas")
        arsip, names = _Arsip(z), {info.filename for info in infos}
        sheets = _bagian_lembar(arsip, names)
        if "xl/sharedStrings.xml" in names:
            _teks_bersama(arsip)
        count = [0]
        for member, title in sorted(sheets.items()):
            if member in names:
                scan = _Lembar(title or member, BATAS_LUAS_PENUH if penuh else BATAS_LUAS, count)
                arsip.alir(member, start=scan.start, lembar=title, baris=lambda: scan.row)
        done = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", *sheets}
        for info in infos:
            if info.filename not in done and not info.is_dir():
                arsip.alir(info.filename, batas=BATAS_BAGIAN)
