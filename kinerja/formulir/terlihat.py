"""A formulir is loaded only as a reader of the workbook sees it: checks on what Excel shows.

* V60: a merged range over the data area (rows under the numbering row, the form's columns):
  Excel shows only its top-left value, so what is read differs from what is seen (a
  realisasi merged over three months would empty two of them and remove what they held).
* V61: the form's sheet, or a sheet that could be one, hidden or very hidden; kinerja's own
  hidden list sheet (``Daftar``, lists only) is expected. Another hidden sheet holding data
  is named in a warning (it is not read).
* V62: a hidden (or zero-height) row holding data in the data area or the identity block,
  a hidden form column.
* V63: data right of the form's last column: an error in a data row (it could be a shifted
  value), a warning above the numbering row.
* V64: a filled data cell Excel shows as something else: a number format whose section for
  the value shows only literal text (``"103.324.000"``) or nothing (``;;;``), or a font the
  colour of its fill (white on no fill). Formats that show the value beside text
  (``"Rp"#,##0``), colours, dates and ``@`` pass.

The sheet's hidden rows, columns and merged ranges come from :mod:`kinerja.formulir.tampak`;
the values are those :mod:`kinerja.formulir.lembar` already streamed.
"""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter

from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.masalah import Penampung, pendek, sebut_terbatas, teks_sel
from kinerja.formulir.tampak import Tampilan
from kinerja.formulir.tata_letak import BARIS_DATA, BARIS_IDENTITAS, BARIS_NOMOR, DAFTAR, Formulir

__all__ = ["LEMBAR_DAFTAR", "periksa_area", "periksa_lembar"]

LEMBAR_DAFTAR = "Daftar"  # the template's hidden sheet of dropdown lists (formulir.templat)


def _kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def periksa_area(ws, f: Formulir, rows: list[tuple], view: Tampilan | None, p: Penampung,
                 cells: list[tuple] | None = None) -> bool:
    """Check one form sheet as Excel shows it: merged data cells (V60), hidden rows and
    columns (V62), data outside the form's columns (V63), data cells shown as other text
    (V64). ``rows`` are the rows from the numbering row down, as read, ``cells`` the same
    rows' cells (with their styles). False when the sheet is refused."""
    nama, width = ws.title, len(f.kolom)
    atas = list(ws.iter_rows(max_row=BARIS_NOMOR - 1, values_only=True))  # title, identity, headers
    before = sum(m.tingkat == "galat" for m in p.daftar)
    if view is not None:
        _gabungan(nama, width, view, p)
        _kolom_sembunyi(nama, f, view, p)
        _baris_sembunyi(nama, atas, rows, view, p)
    _di_luar(nama, f, atas, rows, p)
    if cells is not None:
        _tampil_lain(nama, len(f.kolom), cells, p)
    return sum(m.tingkat == "galat" for m in p.daftar) == before


def _gabungan(nama: str, width: int, view: Tampilan, p: Penampung) -> None:
    hits = sorted(g for g in view.gabungan if g[2] >= BARIS_DATA and g[1] <= width)
    named = [(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}",
              f"sel digabung (merge) di area data formulir; Excel hanya menampilkan isi sel kiri atas "
              f"{get_column_letter(c1)}{r1}, sehingga yang terbaca berbeda dari yang terlihat; pisahkan gabungan sel "
              "(Unmerge) lalu isi setiap sel, termasuk setiap bulan") for r1, c1, r2, c2 in hits]
    sebut_terbatas(p, "V60", nama, named, "gabungan sel")


def _kolom_sembunyi(nama: str, f: Formulir, view: Tampilan, p: Penampung) -> None:
    for j in range(1, len(f.kolom) + 1):
        if view.kolom_tersembunyi(j):
            letter = get_column_letter(j)
            p.galat("V62", nama, f"{letter}{BARIS_NOMOR}",
                    f"kolom {letter} ({f.kolom[j - 1].judul}, nomor ({j})) disembunyikan atau terlalu sempit untuk "
                    "terlihat; kolom formulir harus tampak agar yang dimuat sama dengan yang terlihat; tampilkan "
                    "kolomnya di Excel (Unhide)")


def _baris_sembunyi(nama: str, atas: list[tuple], rows: list[tuple], view: Tampilan, p: Penampung) -> None:
    identity = sorted(BARIS_IDENTITAS.values())
    candidates = [(r, atas[r - 1]) for r in identity if r - 1 < len(atas)]
    candidates += [(BARIS_NOMOR + i, values) for i, values in enumerate(rows)
                   if BARIS_NOMOR + i >= BARIS_DATA]
    hits = []
    for r, values in candidates:
        filled = next((j for j, v in enumerate(values, start=1) if not _kosong(v)), None)
        if filled is not None and view.baris_tersembunyi(r):
            hits.append((r, filled))
    named = [(f"{get_column_letter(j)}{r}", f"baris {r} disembunyikan (atau terlalu pendek untuk terlihat) tetapi "
              "berisi data; tampilkan barisnya di Excel (Unhide) atau hapus isinya") for r, j in hits]
    sebut_terbatas(p, "V62", nama, named, "baris tersembunyi berisi data")


def _di_luar(nama: str, f: Formulir, atas: list[tuple], rows: list[tuple], p: Penampung) -> None:
    width = len(f.kolom)
    last = get_column_letter(width)
    found = {"galat": [], "peringatan": []}
    numbered = [(r, values) for r, values in enumerate(atas, start=1)]
    numbered += [(BARIS_NOMOR + i, values) for i, values in enumerate(rows) if BARIS_NOMOR + i >= BARIS_DATA]
    for r, values in numbered:
        for j in range(len(values), width, -1):  # the rightmost filled cell of the row names it
            if not _kosong(values[j - 1]):
                found["galat" if r >= BARIS_DATA else "peringatan"].append((r, j, values[j - 1]))
                break
    for tingkat, hits in found.items():
        where = "sebuah baris data; isinya tidak dimuat dan bisa jadi nilai yang tergeser" if tingkat == "galat" \
            else "kepala formulir; isinya tidak dibaca"
        named = [(f"{get_column_letter(j)}{r}", f"sel berisi data di luar kolom formulir "
                  f"(\"{pendek(teks_sel(v), 40)}\"; kolom terakhir formulir adalah {last}) pada {where}; pindahkan ke "
                  "kolom formulir atau hapus isinya") for r, j, v in hits]
        sebut_terbatas(p, "V63", nama, named, "baris dengan data di luar kolom formulir", tingkat)


_KUTIP = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[[^\]]*\]')  # literal text, padding, fill, [colour]


def _bagian(fmt: str) -> list[str]:
    """The sections of a number format, split at ``;`` outside quotes, escapes and brackets."""
    out, cur, i = [], "", 0
    while i < len(fmt):
        m = _KUTIP.match(fmt, i)
        if m:
            cur, i = cur + m.group(0), m.end()
        elif fmt[i] == ";":
            out, cur, i = out + [cur], "", i + 1
        else:
            cur, i = cur + fmt[i], i + 1
    return out + [cur]


def _tampil_format(fmt: str | None, v: object) -> str | None:
    """What a number format shows instead of ``v`` when its section for ``v`` holds no
    placeholder of the value (``0 # ?``, a date part, ``General``; ``@`` for text): the literal
    text shown ("" for nothing); None when the value itself is shown."""
    if not fmt or fmt == "General" or isinstance(v, bool):
        return None
    parts = _bagian(fmt)
    if isinstance(v, str):
        if len(parts) < 4:
            return None
        part, holders, n = parts[3], "@", None
    else:
        n = v if isinstance(v, (int, float)) else 1  # a date or time is a positive serial number
        part = parts[1] if n < 0 and len(parts) > 1 else parts[2] if n == 0 and len(parts) > 2 else parts[0]
        holders = "0#?dmyhsDMYHS"
    bare = _KUTIP.sub("", part)
    if any(ch in bare for ch in holders) or "general" in bare.lower():
        return None
    shown = "".join(m.group(1) or m.group(2) or "" for m in _KUTIP.finditer(part)) + bare
    return None if n == 0 and shown.strip() == "-" else shown  # the accounting format's dash for zero


def _warna(c) -> tuple[str | None, str | None]:
    """The rgb of a cell's font and of its solid fill (None when not a plain rgb colour, or
    no fill: Excel's white page)."""
    font, fill = getattr(c, "font", None), getattr(c, "fill", None)
    fc = getattr(font, "color", None)
    ink = fc.rgb[-6:].upper() if fc is not None and fc.type == "rgb" and isinstance(fc.rgb, str) else None
    bg = "FFFFFF"
    if fill is not None and getattr(fill, "patternType", None) == "solid":
        fg = fill.fgColor
        bg = fg.rgb[-6:].upper() if fg.type == "rgb" and isinstance(fg.rgb, str) else None
    return ink, bg


def _tampil_lain(nama: str, width: int, cells: list[tuple], p: Penampung) -> None:
    """V64: the data cells whose format or colours show other than what loads."""
    hits = []
    for i, row in enumerate(cells[BARIS_DATA - BARIS_NOMOR:], start=BARIS_DATA):
        for j, c in enumerate(row[:width], start=1):
            v = getattr(c, "value", None)
            if _kosong(v):
                continue
            fmt = getattr(c, "number_format", None)
            shown = _tampil_format(fmt, v)
            if shown is not None:
                how = (f"format angka \u201c{pendek(fmt, 40)}\u201d menampilkan "
                       + (f"\u201c{pendek(shown, 40)}\u201d" if shown.strip() else "sel kosong"))
            else:
                ink, bg = _warna(c)
                if ink is None or ink != bg:
                    continue
                how = "warna huruf sama dengan warna latar sel, sehingga isinya tidak terlihat"
            hits.append((f"{get_column_letter(j)}{i}", f"{how}; isinya \u201c{pendek(teks_sel(v), 40)}\u201d"))
    named = [(where, f"sel {where} menampilkan teks lain daripada isinya ({how}); kembalikan format angka ke General "
              "atau angka biasa dan warna huruf ke hitam agar yang terlihat sama dengan yang dimuat")
             for where, how in hits]
    sebut_terbatas(p, "V64", nama, named, "sel yang menampilkan teks lain daripada isinya")


_NAMA_FORMULIR = {re.sub(r"[^0-9a-z]", "", n.casefold()) for g in FORMULIR.values()
                  for n in (g.lembar, g.lampiran.lembar if g.lampiran else "") if n}


def _berisi(ws) -> bool:
    """Whether a sheet holds anything (stops at the first value)."""
    return any(not _kosong(v) for row in ws.iter_rows(values_only=True) for v in row)


def _hanya_daftar(ws) -> bool:
    """The template's list sheet: each column a known list's name over values of that list."""
    rows = list(ws.iter_rows(max_row=61, values_only=True))
    if len(rows) > 60:
        return False
    width = max((len(row) for row in rows), default=0)
    for j in range(width):
        values = [teks_sel(row[j]) if j < len(row) else "" for row in rows]
        while values and not values[-1]:
            values.pop()
        if values and (values[0] not in DAFTAR or not set(values[1:]) <= set(DAFTAR[values[0]])):
            return False
    return True


def _mirip_formulir(ws) -> bool:
    """A sheet named as a formulir's sheet, or carrying a formulir code or numbering row."""
    if re.sub(r"[^0-9a-z]", "", ws.title.casefold()) in _NAMA_FORMULIR:
        return True
    code = teks_sel(ws.cell(row=BARIS_IDENTITAS["formulir"], column=2).value)
    nomor = [teks_sel(ws.cell(row=BARIS_NOMOR, column=j).value) for j in (1, 2)]
    return code in FORMULIR or nomor == ["(1)", "(2)"]


def periksa_lembar(wb, dibaca: list[str], p: Penampung) -> bool:
    """V61: the sheets read (``dibaca``) are visible, and no hidden sheet could be a form's;
    kinerja's hidden ``Daftar`` of lists passes. False when the file is refused."""
    ok = True
    for ws in wb.worksheets:
        state = getattr(ws, "sheet_state", "visible")
        if state == "visible":
            continue
        how = ("disembunyikan dengan veryHidden (tidak dapat ditampilkan dari menu Excel)" if state == "veryHidden"
               else "disembunyikan")
        todo = ("buat ulang berkas dari 'kinerja template'" if state == "veryHidden"
                else "tampilkan lembarnya (klik kanan tab lembar, Unhide) atau hapus lembarnya")
        if ws.title in dibaca or _mirip_formulir(ws):
            what = ("adalah lembar formulir yang akan dimuat" if ws.title in dibaca
                    else "berisi formulir atau kolom formulir")
            p.galat("V61", ws.title, "", f"lembar \"{pendek(ws.title, 40)}\" {how} padahal {what}, sehingga yang "
                    f"dimuat bukan yang terlihat; {todo}")
            ok = False
        elif not (ws.title == LEMBAR_DAFTAR and _hanya_daftar(ws)) and _berisi(ws):
            p.peringatan("V61", ws.title, "", f"lembar \"{pendek(ws.title, 40)}\" {how} dan berisi data yang tidak "
                         "dibaca kinerja; periksa bahwa isinya memang tidak perlu dimuat")
    return ok
