"""Reading and writing user tables (.csv, .xlsx) exactly as users keep them.

* CSV: UTF-8 (with or without BOM, falling back to Windows-1252), delimiter sniffed
  among ``;`` (Indonesian Excel's default, since the comma is the decimal), ``,``, tab
  and ``|``. Every cell is kept as text so the parser sees what was written.
* XLSX: through openpyxl. Cells holding real numbers stay numbers. A number shown with
  a percent format (``87,50%`` stored as 0.875) is read in percentage points (87.5), as
  the reports mean it.
* Writing is atomic: a temporary file beside the target is renamed over it, so a failed
  run never leaves a half-written output. Every CSV kinerja writes goes through
  :func:`tulis_csv` (``;``-separated, decimal comma, text inert whichever separator a
  spreadsheet splits on); every workbook through :func:`netralkan_rumus` before saving.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import os
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.pindai import BATAS_KOLOM, Tolak, pindai

__all__ = ["baca_tabel", "bukan_xlsx", "cari_kolom", "netralkan_rumus", "netralkan_teks", "pemisah_csv", "tulis_atomik",
           "tulis_csv"]

_DELIMITERS = ";,\t|"


# Limits of a table for ``kinerja capaian`` (stated in the methodology); columns, and all a
# workbook may hold, as every workbook (kinerja.core.pindai).
BATAS_BARIS_TABEL = 2_000_000
BATAS_UKURAN_TABEL = 500 * 1024 * 1024


def _decode(raw: bytes, name: str = "") -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode Text" is UTF-16 with a BOM
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise KinerjaError(f"{name}: berkas UTF-16 rusak; simpan ulang sebagai CSV UTF-8") from exc
    if b"\0" in raw[:4096]:
        raise KinerjaError(f"{name}: bukan berkas teks CSV (berisi data biner); simpan tabel sebagai .csv atau .xlsx")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def pemisah_csv(text: str) -> str:
    """The separator of a CSV text (``;``, ``,``, tab or ``|``), sniffed from its first 20
    lines, else the one its first line holds most of.

    Examples
    --------
    >>> pemisah_csv("a;b;c\\n1,5;2;3\\n"), pemisah_csv("a\\tb\\n1\\t2\\n")
    (';', '\\t')
    """
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = text.splitlines()[0] if text.strip() else ""
        return max(_DELIMITERS, key=first.count)


def _read_csv(path: Path) -> pd.DataFrame:
    text = _decode(path.read_bytes(), path.name)
    if not text.strip():
        raise KinerjaError(f"{path.name}: berkas kosong, tidak ada baris judul kolom")
    first = text[: 200_000].splitlines()[0] if text.strip() else ""
    if max(first.count(d) for d in _DELIMITERS) + 1 > BATAS_KOLOM or len(first) >= 200_000:
        raise KinerjaError(f"{path.name}: baris judul memuat lebih dari {BATAS_KOLOM} kolom; tabel capaian cukup "
                           "berisi kolom target, realisasi dan beberapa kolom keterangan")
    delimiter = pemisah_csv(text)
    try:
        return pd.read_csv(
            io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, skip_blank_lines=True
        )
    except (pd.errors.ParserError, ValueError) as exc:
        where = re.search(r"line (\d+)", str(exc))
        detail = f"baris {where[1]}: jumlah kolom tidak sama dengan baris judul" if where else "susunan kolom tidak rata"
        raise KinerjaError(f"{path.name}: isi CSV tidak dapat dibaca ({detail}); periksa tanda pemisah dan tanda kutip")\
            from exc


def bukan_xlsx(head: bytes) -> str | None:
    """Why a file whose first bytes are ``head`` is not an .xlsx workbook (in Bahasa Indonesia), or
    None when it starts like one. Shared by the formulir reader and the table reader.

    Examples
    --------
    >>> bukan_xlsx(b"PK\\x03\\x04rest") is None, bukan_xlsx(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1")[:17]
    (True, 'berkas Excel lama')
    """
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Excel 97–2003
        return "berkas Excel lama (.xls, Excel 97–2003); buka di Excel lalu simpan ulang sebagai .xlsx"
    if head[:4] != b"PK\x03\x04":
        return "bukan berkas Excel .xlsx (isinya bukan workbook Excel); simpan ulang sebagai .xlsx"
    return None


def _read_xlsx(path: Path, lembar: str | None) -> pd.DataFrame:
    from openpyxl import load_workbook

    with open(path, "rb") as fh:
        why = bukan_xlsx(fh.read(8))
    if why:
        raise KinerjaError(f"{path.name}: {why}")
    try:
        pindai(path)  # the limits while the zip streams, before openpyxl holds any of it
    except Tolak as t:
        raise KinerjaError(f"{path.name}: {t}") from None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        for sheet in wb.worksheets:
            sheet.reset_dimensions()
    except Exception as exc:  # noqa: BLE001 - any damage is the file's, said in Indonesian
        raise KinerjaError(f"{path.name}: berkas .xlsx rusak sehingga tidak dapat dibaca; buka di Excel lalu simpan "
                           "ulang sebagai .xlsx") from exc
    try:
        if lembar is not None and lembar not in wb.sheetnames:
            raise KinerjaError(f"{path.name}: lembar {lembar!r} tidak ada; yang ada: {', '.join(wb.sheetnames)}")
        ws = wb[lembar] if lembar is not None else wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(max_col=BATAS_KOLOM + 1, max_row=BATAS_BARIS_TABEL + 1):
            values = []
            for cell in row:
                value = cell.value
                fmt = getattr(cell, "number_format", "") or ""
                if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
                    value = round(value * 100.0, 10)
                values.append(value)
            if any(v is not None and str(v).strip() != "" for v in values):
                rows.append(values)
    except KinerjaError:
        raise
    except Exception as exc:  # noqa: BLE001 - sheets are parsed lazily: damage shows while reading
        raise KinerjaError(f"{path.name}: isi lembar rusak sehingga tidak dapat dibaca; buka di Excel lalu simpan "
                           "ulang sebagai .xlsx") from exc
    finally:
        wb.close()
    if len(rows) > BATAS_BARIS_TABEL or (rows and any(v not in (None, "") for v in rows[0][BATAS_KOLOM:])):
        raise KinerjaError(f"{path.name}: tabel melebihi batas {BATAS_BARIS_TABEL:,} baris atau {BATAS_KOLOM} kolom"
                           .replace(",", "."))
    if not rows:
        raise KinerjaError(f"{path.name}, lembar {ws.title}: lembar kosong, tidak ada baris judul kolom")
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    width = max(len(r) for r in rows)
    header += [""] * (width - len(header))
    keep = [i for i, h in enumerate(header) if h]
    body = [[(r[i] if i < len(r) else None) for i in keep] for r in rows[1:]]
    return pd.DataFrame(body, columns=[header[i] for i in keep], dtype=object)


def baca_tabel(path: str | os.PathLike, lembar: str | None = None) -> pd.DataFrame:
    """Read a .csv or .xlsx table; raises :class:`KinerjaError` saying why it cannot."""
    path = Path(path)
    if not path.exists():
        raise KinerjaError(f"{path}: berkas tidak ditemukan")
    if path.is_dir():
        raise KinerjaError(f"{path}: ini folder, bukan berkas tabel")
    if not path.is_file():  # a FIFO would block forever, /dev/zero never ends: refused before any read
        from kinerja.core.sistem import jenis_bukan_berkas

        raise KinerjaError(f"{path}: {jenis_bukan_berkas(path.stat().st_mode)}, bukan berkas tabel biasa")
    suffix = path.suffix.lower()
    if path.stat().st_size > BATAS_UKURAN_TABEL:
        raise KinerjaError(f"{path.name}: berkas melebihi {BATAS_UKURAN_TABEL // 1048576} MB; bagi tabel menjadi "
                           "beberapa berkas")
    try:
        if suffix in (".csv", ".txt"):
            return _read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path, lembar)
    except PermissionError as exc:
        raise KinerjaError(f"{path}: tidak ada izin membaca berkas") from exc
    raise KinerjaError(f"{path.name}: format {suffix or '(tanpa akhiran)'} tidak didukung; pakai .csv atau .xlsx")


def cari_kolom(data: pd.DataFrame, nama: str, wajib: bool = True, sumber: str = "") -> str | None:
    """The column of ``data`` whose header equals ``nama`` ignoring case and spaces."""
    wanted = nama.strip().lower()
    for col in data.columns:
        if str(col).strip().lower() == wanted:
            return col
    if wajib:
        where = f"{sumber}: " if sumber else ""
        shown = ", ".join(repr(str(c)) for c in data.columns) or "(tidak ada)"
        raise KinerjaError(f"{where}kolom {nama!r} tidak ditemukan; kolom yang ada: {shown}")
    return None


def tulis_atomik(path: str | os.PathLike, write: Callable[[Path], None], akar: str | os.PathLike | None = None) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place.

    The temporary file is created exclusively (never through a link), and the rename replaces
    whatever ``path`` is, a link included, without following it. With ``akar`` (the output folder
    the user named) a folder between it and ``path`` that is a link is refused
    (:func:`kinerja.core.sistem.periksa_tautan`)."""
    from kinerja.core.sistem import periksa_tautan

    path = Path(path)
    if akar is not None:
        periksa_tautan(path, akar)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)  # O_EXCL
        try:
            mask = os.umask(0)
            os.umask(mask)
            # mkstemp makes 0600; outputs are ordinary files (set on the open file, never through a name)
            os.fchmod(fd, 0o666 & ~mask) if hasattr(os, "fchmod") else os.chmod(tmp, 0o666 & ~mask)
        finally:
            os.close(fd)
        write(Path(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if exc.errno is None or exc.filename == str(path):
            raise
        # a fault is named at the file the user asked for, never at its hidden temporary file
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


# A text cell that a spreadsheet would read as a formula (OWASP, CSV injection; the full-width
# signs are what an East Asian Excel also takes), unless it is a plain number such as "-27,24"
# or "+5%", or a lone sign (the "-" written for "no value").
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_BUKAN_RUMUS = re.compile(r"[+-]?[\d.,]+\s*%?|[+-]")
# A place inside a cell where a spreadsheet that splits on the other separator (or a line
# break) would start a new cell that begins like a formula: the trigger gets the apostrophe.
_SAMBUNGAN = re.compile(r"([;,\n\r]\s*)(?=[=+\-@\t\r\uff1d\uff0b\uff0d\uff20])")
PEMISAH_CSV = ";"
_PERLU_KUTIP = re.compile(r'[;,"\n\r]')


def _rumus(bagian: str) -> bool:
    return bagian.startswith(_AWAL_RUMUS) and not _BUKAN_RUMUS.fullmatch(bagian)


def netralkan_teks(teks: str) -> str:
    """``teks`` as a CSV cell that no spreadsheet runs, whichever separator it splits on.

    A text that begins like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return)
    gets a leading apostrophe (OWASP's CSV-injection guidance); so does each part after a
    ``;``, ``,`` or line break that would begin like one when a spreadsheet splits there.
    Plain numbers written as text (``-27,24``, ``+5%``) and a lone ``-`` are kept.

    Examples
    --------
    >>> for t in ['=HYPERLINK("x")', "-27,24", "@SUM(A1)", "Dinkes", "Dinas;=1+1", "naik, -5", "-"]:
    ...     print(netralkan_teks(t))
    '=HYPERLINK("x")
    -27,24
    '@SUM(A1)
    Dinkes
    Dinas;'=1+1
    naik, -5
    -
    """
    def part(m: re.Match) -> str:
        segment = teks[m.end()] + re.split(r"[;,\n\r]", teks[m.end() + 1:], maxsplit=1)[0]
        return m[1] + ("'" if _rumus(segment) else "")

    out = _SAMBUNGAN.sub(part, teks) if _SAMBUNGAN.search(teks) else teks
    return "'" + out if _rumus(teks) else out


def _sel_csv(v: object) -> str:
    """One CSV cell: blank for a missing value, a number with a decimal comma at full
    precision (never an exponent), text neutralised; quoted when it holds ``;``, ``,``, a
    quote or a line break."""
    if isinstance(v, str):
        return _teks_csv(v)
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, numbers.Real) and math.isnan(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        text = repr(float(v))
        if "e" in text or "n" in text:  # 1e-07, 1e+20, inf
            text = np.format_float_positional(float(v), trim="0")
        return '"' + text.replace(".", ",") + '"' if "." in text else text
    if isinstance(v, Decimal) and v.is_finite():
        return _teks_csv(format(v, "f").replace(".", ","), netral=True)
    return _teks_csv(str(v))


@lru_cache(maxsize=65536)
def _teks_csv(text: str, netral: bool = False) -> str:
    if not netral:
        text = netralkan_teks(text)
    return '"' + text.replace('"', '""') + '"' if _PERLU_KUTIP.search(text) else text


def tulis_csv(data: pd.DataFrame, target: str | os.PathLike | io.TextIOBase) -> None:
    """CSV for an Indonesian Excel and for kinerja's own :func:`baca_tabel`: ``;``-separated,
    numbers with a decimal comma at full precision and no thousands separators, blank for
    a missing value, UTF-8. Text is inert whichever separator a spreadsheet splits on
    (:func:`netralkan_teks`), and a cell holding ``;``, ``,``, a quote or a line break is
    quoted. Written atomically.

    Examples
    --------
    >>> import sys
    >>> tulis_csv(pd.DataFrame({"nama": ["=1+1", "Dinas;=2"], "nilai": [-1.5, 2.0]}), sys.stdout)
    nama;nilai
    '=1+1;"-1,5"
    "Dinas;'=2";"2,0"
    """
    columns = [[_sel_csv(data.columns[i]), *map(_sel_csv, data.iloc[:, i].tolist())] for i in range(data.shape[1])]
    lines = [PEMISAH_CSV.join(row) + "\n" for row in zip(*columns)] if data.shape[1] else ["\n"] * (len(data) + 1)
    text = "".join(lines)
    if isinstance(target, io.TextIOBase):
        target.write(text)
        return
    tulis_atomik(target, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


def netralkan_rumus(wb) -> int:
    """Make every text cell of the workbook plain text, never a formula; returns how many
    were changed. openpyxl stores a string that begins with ``=`` as a formula; text from
    data (a name such as ``=HYPERLINK(...)``) must stay inert, so every writer calls this
    before saving. The text itself is kept exactly, so the file re-ingests as it was written.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook(); wb.active["A1"] = '=HYPERLINK("http://x","klik")'
    >>> netralkan_rumus(wb), wb.active["A1"].data_type
    (1, 's')
    """
    changed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    changed += 1
    return changed
