"""The Pernyataan Telah Direviu in the wording of Peraturan Menteri PANRB Nomor 53 Tahun 2014,
Anak Lampiran III/1-2: the kabupaten and year filled in, place and date, the Inspektur's name
and NIP, and a paragraf penjelas naming the corrections agreed but not yet done (Lampiran III
huruf C angka 4 huruf f). Written as .docx, .pdf or .html (:func:`tulis_pernyataan`).

Only the Pemerintah Kabupaten's LKjIP is reviewed ("Reviu dilakukan hanya atas laporan kinerja
tingkat K/L/Pemda saja", huruf C angka 3 huruf e); a perangkat daerah's LKjIP is evaluated, so
no Pernyataan Telah Direviu is made for it (R14).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.core.errors import KinerjaError
from kinerja.evaluasi.reviu_hasil import HasilReviu

__all__ = ["JUDUL_PERNYATAAN", "Pernyataan", "pernyataan_reviu", "tulis_pernyataan"]

JUDUL_PERNYATAAN = "PERNYATAAN TELAH DIREVIU"
_GARIS_NAMA, _GARIS_NIP = "(………………………………)", "………………………"


@dataclass
class Pernyataan:
    """The statement's parts, in print order."""

    kepala: list[str]  # title, instansi, tahun anggaran
    paragraf: list[str]  # the guideline's three paragraphs, fields filled in
    penjelas: list[str] = field(default_factory=list)  # open corrections (empty: no paragraf penjelas)
    tempat_tanggal: str = ""
    jabatan: str = ""
    nama: str = _GARIS_NAMA
    nip: str = f"NIP {_GARIS_NIP}"

    @property
    def pembuka_penjelas(self) -> str:
        return ("Perbaikan penyelenggaraan SAKIP dan koreksi atas penyajian laporan kinerja berikut belum atau belum "
                "selesai dilakukan oleh unit pengelola kinerja:")

    def tanda_tangan(self):
        """The signature block as a document table (no borders), as the other documents sign."""
        from kinerja.dokumen.pengesahan import TandaTangan

        return TandaTangan([[self.tempat_tanggal, self.jabatan, "", "", "", self.nama, self.nip]])

    def teks(self) -> str:
        """The whole statement as plain text (lines), as printed."""
        penjelas = [self.pembuka_penjelas, *[f"{i}. {t}" for i, t in enumerate(self.penjelas, 1)]] \
            if self.penjelas else []
        return "\n".join([*self.kepala, *self.paragraf, *penjelas, self.tempat_tanggal, self.jabatan, self.nama,
                          self.nip])


def _instansi(hasil: HasilReviu) -> str:
    return str(hasil.info.get("nama") or hasil.unit)


def _jabatan_inspektur(hasil: HasilReviu) -> str:
    """The Inspektur's title: a unit of the Daftar Unit whose jabatan is "Inspektur …", else
    "Inspektur" and the kabupaten's name without "Pemerintah"."""
    units = hasil.units
    found = units[units["jabatan"].fillna("").astype(str).str.match(r"Inspektur\b")] if "jabatan" in units else units
    if not found.empty:
        return str(found["jabatan"].iloc[0])
    nama = _instansi(hasil)
    return "Inspektur " + (nama[len("Pemerintah "):] if nama.startswith("Pemerintah ") else nama)


def pernyataan_reviu(hasil: HasilReviu, tanggal: dt.date | None = None, inspektur: str | None = None,
                     nip: str | None = None) -> Pernyataan:
    """The Pernyataan Telah Direviu of the kabupaten's LKjIP reviewed in ``hasil``.

    Parameters
    ----------
    hasil : HasilReviu
        The reviu (with the reviewer's answers and corrections read back).
    tanggal : datetime.date, optional
        The date signed; today when None.
    inspektur, nip : str, optional
        The Inspektur's name and NIP; dotted lines to write by hand when None (the Daftar Unit
        holds positions, not people).

    Raises
    ------
    KinerjaError
        R14: ``hasil`` is a perangkat daerah's LKjIP, which is evaluated, not reviewed; R15: an item
        is still "Belum diuji" (the statement follows a finished reviu).

    Examples
    --------
    >>> from kinerja.contoh.store import store_contoh
    >>> from kinerja.evaluasi.reviu import reviu
    >>> r = reviu(store_contoh(), "nusa-rekaan", 2026)
    >>> r.butir["jawaban"] = r.butir["jawaban"].replace("Belum diuji", "Ya")  # as the reviewer answered
    >>> p = pernyataan_reviu(r, dt.date(2027, 3, 15), "Dra. Ani", "1970")
    >>> p.kepala[1:], p.tempat_tanggal, p.nip
    (['PEMERINTAH KABUPATEN NUSA REKAAN', 'TAHUN ANGGARAN 2026'], 'Nusa Rekaan, 15 Maret 2027', 'NIP 1970')
    """
    from kinerja.core.formatting import format_tanggal
    from kinerja.dokumen.pengesahan import tempat_dokumen

    if not hasil.kabupaten:
        raise KinerjaError(f"R14: LKjIP {_instansi(hasil)} adalah LKjIP perangkat daerah: LKjIP perangkat daerah "
                           "dievaluasi oleh Inspektorat, tidak direviu (Peraturan Menteri PANRB Nomor 53 Tahun 2014, "
                           "Lampiran III huruf C angka 3 huruf e), sehingga Pernyataan Telah Direviu hanya dibuat untuk "
                           "LKjIP Pemerintah Kabupaten")
    belum = hasil.butir.loc[hasil.butir["jawaban"] == "Belum diuji", "kode"].tolist()
    if belum:
        raise KinerjaError(f"R15: reviu belum selesai: butir {', '.join(belum)} belum diuji; Pernyataan Telah Direviu "
                           "dibuat setelah semua butir dijawab di kertas kerja (--kertas-kerja)")
    nama = _instansi(hasil)
    paragraf = [
        f"Kami telah mereviu Laporan Kinerja instansi pemerintah {nama} untuk tahun anggaran {hasil.tahun} sesuai "
        "Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung "
        f"jawab manajemen {nama}.",
        "Reviu bertujuan untuk memberikan keyakinan terbatas laporan kinerja telah disajikan secara akurat, andal, "
        "dan valid.",
        "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini "
        "keandalan informasi yang disajikan di dalam laporan kinerja ini.",
    ]
    terbuka = hasil.koreksi_terbuka
    penjelas = [" ".join(str(x) for x in (r["butir"] and f"(butir {r['butir']})", r["uraian"],
                                           r["belum"] and f"— {r['belum']}") if x)
                for _, r in terbuka.iterrows()]
    return Pernyataan([JUDUL_PERNYATAAN, nama.upper(), f"TAHUN ANGGARAN {hasil.tahun}"], paragraf, penjelas,
                      f"{tempat_dokumen(hasil.units, hasil.unit)}, {format_tanggal(tanggal or dt.date.today())}",
                      _jabatan_inspektur(hasil), inspektur or _GARIS_NAMA, f"NIP {nip or _GARIS_NIP}")


def _docx(p: Pernyataan, target: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    for line in p.kepala:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(line).bold = True
    doc.add_paragraph()
    body = [*p.paragraf, *([p.pembuka_penjelas] if p.penjelas else [])]
    for text in body:
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for i, text in enumerate(p.penjelas, 1):
        para = doc.add_paragraph(f"{i}. {text}")
        para.paragraph_format.left_indent = Cm(0.75)
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph()
    for line in (p.tempat_tanggal, p.jabatan, "", "", "", p.nama, p.nip):
        doc.add_paragraph(line).paragraph_format.left_indent = Cm(9)
    doc.save(target)


def _html(p: Pernyataan) -> str:
    from kinerja.render.html import render

    return str(render("reviu_pernyataan.html.j2", p=p))


def tulis_pernyataan(p: Pernyataan, path: str | Path) -> Path:
    """Write the statement to ``path`` as .docx, .pdf (printed from its HTML) or .html."""
    from kinerja.core.berkas import tulis_atomik
    from kinerja.render.keluaran import tulis_keluaran

    def html(target: Path) -> None:
        tulis_atomik(target, lambda tmp: tmp.write_text(_html(p), encoding="utf-8"))

    def pdf(target: Path) -> None:
        import tempfile

        from kinerja.render.cetak import cetak_pdf

        with tempfile.TemporaryDirectory() as d:
            page = Path(d) / "pernyataan.html"
            page.write_text(_html(p), encoding="utf-8")
            cetak_pdf(page, target)

    return tulis_keluaran(path, {".docx": lambda target: tulis_atomik(target, lambda tmp: _docx(p, tmp)),
                                 ".pdf": pdf, ".html": html})
