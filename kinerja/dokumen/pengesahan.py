"""Signatures and statements: the signature blocks of the formulir and the Pernyataan
Perjanjian Kinerja, worded as Peraturan Bupati Buleleng Nomor 59 Tahun 2023 gives them
for each level.

A :class:`TandaTangan` displays in a notebook as a borderless HTML block and, through the
same table MIME type as :class:`kinerja.render.tabel.Tabel` (with ``gaya`` ``ttd``), as a
borderless table in the Word file. The holder's name and NIP come from the Daftar Unit
(columns Nama Pimpinan and NIP Pimpinan); where it lacks them the line says so (a named gap,
never dots that look filled in), and a Bupati, who is no civil servant, has no NIP line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd
from markupsafe import Markup

from kinerja.render.html import render
from kinerja.render.tabel import MIME_TABEL
from kinerja.core.wilayah import kabupaten_unit

__all__ = ["Kop", "Pernyataan", "TandaTangan", "jabatan_inspektur", "kop_inspektorat", "pemegang_jabatan",
           "pernyataan_pk", "tanda_tangan", "tanda_tangan_inspektur",
           "tambah_pernyataan_xlsx", "tempat_dokumen"]

GARIS_NAMA = "(………………………………)"
NAMA_KOSONG = "(nama pejabat belum diisi pada Daftar Unit)"
NIP_KOSONG = "NIP. (belum diisi pada Daftar Unit)"


@dataclass
class TandaTangan:
    """Signature columns side by side; each column is a list of lines (``""`` = a blank
    line for the signature itself)."""

    blok: list[list[str]]
    pembuka: list[str] = field(default_factory=list)  # the closing paragraphs kept on its page

    def isi(self) -> dict:
        """The block as table data (``gaya`` ``ttd``: no borders, no caption, centred)."""
        tinggi = max(len(k) for k in self.blok)
        baris = [[k[i] if i < len(k) else "" for k in self.blok] for i in range(tinggi)]
        out = {"judul": "", "kolom": [""] * len(self.blok), "baris": baris, "kanan": [False] * len(self.blok),
               "warna": [[None] * len(self.blok) for _ in baris], "gaya": "ttd"}
        return out | ({"pembuka": list(self.pembuka)} if self.pembuka else {})

    def html(self) -> str:
        return str(render("ttd.html.j2", blok=self.blok, lebar=100 // max(1, len(self.blok)), pembuka=self.pembuka))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self.html(), MIME_TABEL: self.isi(), "text/plain": "Tanda tangan"}


@dataclass
class Kop:
    """A letterhead (kop surat): centred bold lines over a double rule, the Pemda first and the
    issuing office last; shown as HTML and, through the table MIME type with ``gaya`` ``kop``,
    as the Word file's first paragraphs."""

    baris: list[str]

    def isi(self) -> dict:
        return {"judul": "", "kolom": [""], "baris": [[b] for b in self.baris], "kanan": [False],
                "warna": [[None] for _ in self.baris], "gaya": "kop"}

    def html(self) -> str:
        return str(render("kop.html.j2", baris=self.baris))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self.html(), MIME_TABEL: self.isi(), "text/plain": " / ".join(self.baris)}


def kop_inspektorat(units: pd.DataFrame, unit: str | None = None) -> Kop:
    """The Inspektorat's letterhead: the Pemda's name (the kabupaten of the Daftar Unit) and the
    Inspektorat's, in capitals, found as :func:`jabatan_inspektur` finds its Inspektur.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["kab", "insp"], "jenis": ["kabupaten", "perangkat_daerah"],
    ...                       "nama": ["Pemerintah Kabupaten Nusa Rekaan", "Inspektorat Daerah"],
    ...                       "jabatan": ["Bupati Nusa Rekaan", "Inspektur"], "induk": [None, "kab"]})
    >>> kop_inspektorat(units).baris
    ['PEMERINTAH KABUPATEN NUSA REKAAN', 'INSPEKTORAT DAERAH']
    >>> kop_inspektorat(units[units["kode"] == "kab"]).baris
    ['PEMERINTAH KABUPATEN NUSA REKAAN', 'INSPEKTORAT']
    """
    kab = kabupaten_unit(units).get(unit) if unit is not None else None
    pemda = units[units["jenis"] == "kabupaten"]
    if kab is not None and len(pemda) > 1:
        pemda = pemda[pemda["kode"] == kab]
    nama = str(pemda["nama"].iloc[0]).strip() if len(pemda) else ""
    if nama and not nama.lower().startswith("pemerintah"):
        nama = f"Pemerintah {nama}"
    found = units[units["nama"].astype(str).str.strip().str.lower().str.startswith("inspektorat")]
    if kab is not None and len(found) > 1:
        found = found[found["kode"].map(kabupaten_unit(units)) == kab]
    kantor = str(found["nama"].iloc[0]).strip() if len(found) else "Inspektorat"
    return Kop([b.upper() for b in (nama, kantor) if b])


def tempat_dokumen(units: pd.DataFrame, unit: str | None = None) -> str:
    """Where documents are signed: the name of the kabupaten (of ``unit``, in a store that
    holds several) without "Pemerintah Kabupaten".

    Examples
    --------
    >>> tempat_dokumen(pd.DataFrame({"jenis": ["kabupaten"], "nama": ["Pemerintah Kabupaten Nusa Rekaan"]}))
    'Nusa Rekaan'
    """
    kab = units[units["jenis"] == "kabupaten"]
    if unit is not None and len(kab) > 1:
        kab = kab[kab["kode"] == kabupaten_unit(units).get(unit)]
    if kab.empty:
        return "…………"
    nama = str(kab["nama"].iloc[0])
    for prefix in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Kabupaten ", "Kota "):
        if nama.startswith(prefix):
            return nama[len(prefix):]
    return nama


def _isi(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def pemegang_jabatan(info: dict) -> list[str]:
    """The signature's name line and, except for a Bupati, its NIP line, as the Daftar Unit
    gives them for the unit ``info``; a gap is named, never dotted.

    Examples
    --------
    >>> pemegang_jabatan({"jenis": "perangkat_daerah", "nama_pimpinan": "Dr. Rekaan",
    ...                   "nip_pimpinan": "19700101 199001 1 001"})
    ['Dr. Rekaan', 'NIP. 19700101 199001 1 001']
    >>> pemegang_jabatan({"jenis": "kabupaten", "nama_pimpinan": "Rekaan"})
    ['Rekaan']
    >>> pemegang_jabatan({"jenis": "pejabat"})
    ['(nama pejabat belum diisi pada Daftar Unit)', 'NIP. (belum diisi pada Daftar Unit)']
    """
    lines = [_isi(info.get("nama_pimpinan")) or NAMA_KOSONG]
    if info.get("jenis") != "kabupaten":
        nip = _isi(info.get("nip_pimpinan"))
        lines.append(f"NIP. {nip}" if nip else NIP_KOSONG)
    return lines


def _kolom(atas: str, info: dict, jabatan: str) -> list[str]:
    return [atas, f"{jabatan}," if jabatan else "", "", "", "", *pemegang_jabatan(info)]


def _atasan(units: pd.DataFrame, info: dict) -> dict | None:
    """The unit's superior: the kabupaten (Bupati) for a perangkat daerah, the perangkat
    daerah for a pejabat, none for the kabupaten."""
    if info.get("jenis") == "kabupaten":
        return None
    induk = info.get("induk")
    found = units[units["kode"] == induk] if induk else units[units["jenis"] == "kabupaten"]
    return found.iloc[0].to_dict() if not found.empty else None


def tanda_tangan(units: pd.DataFrame, info: dict, tahun: int, mengetahui: bool = False) -> TandaTangan:
    """The signature block of a formulir or report: the unit's head, and (``mengetahui``)
    its superior beside it, as the Perbup's PK shows pihak kedua on the left.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["kab", "dinkes"], "jenis": ["kabupaten", "perangkat_daerah"],
    ...                       "nama": ["Pemerintah Kabupaten Nusa Rekaan", "Dinas Kesehatan"],
    ...                       "jabatan": ["Bupati Nusa Rekaan", "Kepala Dinas Kesehatan"], "induk": [None, "kab"]})
    >>> tanda_tangan(units, units.iloc[1].to_dict(), 2026).blok[0][:2]
    ['Nusa Rekaan, ………………… 2026', 'Kepala Dinas Kesehatan,']
    """
    tempat = f"{tempat_dokumen(units, info.get('kode'))}, ………………… {tahun}"
    own = _kolom(tempat, info, info.get("jabatan") or f"Kepala {info.get('nama', '')}")
    boss = _atasan(units, info) if mengetahui else None
    if boss is None:
        return TandaTangan([own])
    return TandaTangan([_kolom("Mengetahui,", boss, boss.get("jabatan") or ""), own])


def jabatan_inspektur(units: pd.DataFrame, unit: str | None = None) -> str:
    """The Inspektur's title: the jabatan the Daftar Unit gives the Inspektorat when it names
    the Inspektur, else ``Inspektur Kabupaten <tempat>`` (a Daftar Unit often writes "Kepala
    Inspektorat"; the post is the Inspektur's).

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["kab", "inspektorat"], "jenis": ["kabupaten", "perangkat_daerah"],
    ...                       "nama": ["Pemerintah Kabupaten Nusa Rekaan", "Inspektorat"],
    ...                       "jabatan": ["Bupati Nusa Rekaan", "Kepala Inspektorat"], "induk": [None, "kab"]})
    >>> jabatan_inspektur(units)
    'Inspektur Kabupaten Nusa Rekaan'
    """
    tempat = tempat_dokumen(units, unit)
    kab = kabupaten_unit(units).get(unit) if unit is not None else None
    found = units[units["nama"].astype(str).str.strip().str.lower().str.startswith("inspektorat")]
    if kab is not None and len(found) > 1:
        found = found[found["kode"].map(kabupaten_unit(units)) == kab]
    jabatan = str(found["jabatan"].iloc[0] or "").strip() if len(found) and "jabatan" in found else ""
    if jabatan.lower().startswith("inspektur"):
        return jabatan
    return f"Inspektur Kabupaten {tempat}" if tempat != "…………" else "Inspektur"


def tanda_tangan_inspektur(units: pd.DataFrame, unit: str | None = None, nama: str = "",
                           nip: str = "") -> TandaTangan:
    """The Inspektur's signature block of the Inspektorat's documents (a Laporan Hasil
    Evaluasi): place, the Inspektur's title, and the name and NIP when given (dotted lines
    otherwise, as every signature: the Daftar Unit holds positions, not people).

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["kab"], "jenis": ["kabupaten"], "nama": ["Pemerintah Kabupaten Nusa Rekaan"],
    ...                       "jabatan": ["Bupati Nusa Rekaan"], "induk": [None]})
    >>> tanda_tangan_inspektur(units, nama="Ir. Rekaan", nip="19700101 199001 1 001").blok[0]
    ['Nusa Rekaan, …………………', 'Inspektur Kabupaten Nusa Rekaan,', '', '', '', 'Ir. Rekaan', 'NIP. 19700101 199001 1 001']
    """
    tempat = f"{tempat_dokumen(units, unit)}, …………………"
    return TandaTangan([[tempat, f"{jabatan_inspektur(units, unit)},", "", "", "",
                         nama.strip() or GARIS_NAMA, f"NIP. {nip.strip() or '………………………'}"]])


class Pernyataan(NamedTuple):
    """The Pernyataan Perjanjian Kinerja: its paragraphs and signatures, displayed as one block
    that a page break never splits (the signatures never stand alone on the next page).
    Unpacks as ``paragraf, tanda_tangan``."""

    paragraf: list[str]
    tanda_tangan: TandaTangan

    def isi(self) -> dict:
        """The block as table data for Word: the signature table, its paragraphs kept on its page."""
        return TandaTangan(self.tanda_tangan.blok, pembuka=list(self.paragraf)).isi()

    def html(self) -> str:
        baris: list[tuple[str, object]] = []  # paragraphs, and the Nama/Jabatan lines as one aligned table each
        for t in self.paragraf:
            if not t.startswith(("Nama : ", "Jabatan : ")):
                baris.append(("teks", t))
            elif baris and baris[-1][0] == "identitas":
                baris[-1][1].append(t.split(" : ", 1))
            else:
                baris.append(("identitas", [t.split(" : ", 1)]))
        return str(render("pernyataan.html.j2", baris=baris, ttd=Markup(self.tanda_tangan.html())))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self.html(), MIME_TABEL: self.isi(), "text/plain": "Pernyataan Perjanjian Kinerja"}


def pernyataan_pk(units: pd.DataFrame, info: dict, tahun: int) -> Pernyataan:
    """The Pernyataan Perjanjian Kinerja of the unit's level, as the Perbup words it: the
    paragraphs (Nama/Jabatan lines included, names from the Daftar Unit) and the signature
    block (pihak kedua left, pihak pertama right; the Bupati alone for the kabupaten)."""
    tempat = f"{tempat_dokumen(units, info.get('kode'))}, ………………… {tahun}"
    pembuka = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
               "berorientasi pada hasil, {kami}yang bertanda tangan di bawah ini:")
    janji = ("berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka "
             "mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan.")
    tanggung = "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami."
    jabatan = info.get("jabatan") or f"Kepala {info.get('nama', '')}"
    own = pemegang_jabatan(info)
    boss = _atasan(units, info)
    if boss is None:
        paragraphs = [pembuka.format(kami=""), f"Nama : {own[0]}", f"Jabatan : {jabatan}", janji, tanggung]
        return Pernyataan(paragraphs, TandaTangan([[tempat, f"{jabatan},", "", "", "", *own]]))
    theirs = pemegang_jabatan(boss)
    paragraphs = [
        pembuka.format(kami="kami "),
        f"Nama : {own[0]}", f"Jabatan : {jabatan}", "selanjutnya disebut pihak pertama",
        f"Nama : {theirs[0]}", f"Jabatan : {boss.get('jabatan') or ''}",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        f"Pihak pertama {janji} {tanggung}",
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
        "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
        "dan sanksi.",
    ]
    blok = TandaTangan([["", "Pihak Kedua,", f"{boss.get('jabatan') or ''},", "", "", "", *theirs],
                        [tempat, "Pihak Pertama,", f"{jabatan},", "", "", "", *own]])
    return Pernyataan(paragraphs, blok)


def tambah_pernyataan_xlsx(path, judul: str, paragraf: list[str], ttd: TandaTangan) -> None:
    """Add the Pernyataan as a sheet "Pernyataan" (printed A4 portrait) to the PK workbook at
    ``path``, after the formulir's own sheets, atomically. Text is written as text, never
    as a formula."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    from kinerja.core.berkas import netralkan_rumus
    from kinerja.core.berkas import tulis_atomik

    def write(tmp) -> None:
        wb = load_workbook(path)
        ws = wb.create_sheet("Pernyataan")
        for col, width in zip("ABCDEF", (4, 22, 22, 8, 22, 22)):
            ws.column_dimensions[col].width = width
        ws["A1"] = judul
        ws["A1"].font = Font(bold=True, size=13)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.merge_cells("A1:F1")
        row = 3
        for text in paragraf:
            ws.cell(row=row, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
            ws.row_dimensions[row].height = 15 * max(1, len(text) // 95 + 1)
            row += 1
        row += 1
        columns = (2, 5) if len(ttd.blok) == 2 else (5,)
        for col, lines in zip(columns, ttd.blok):
            for i, line in enumerate(lines):
                cell = ws.cell(row=row + i, column=col, value=line or None)
                cell.alignment = Alignment(horizontal="center")
                ws.merge_cells(start_row=row + i, start_column=col, end_row=row + i, end_column=col + 1)
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        netralkan_rumus(wb)
        wb.save(tmp)

    tulis_atomik(path, write)
