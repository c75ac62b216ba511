"""Which table of a unit's Word LKjIP is which, and what each of its columns holds.

A measurement table has an indicator column and a target, realisasi or capaian column; a
budget table a program column and a pagu or realisasi column (and no indicator column). The
columns are found by the words of their titles, whatever their order: the header is the first
rows whose cells read like column titles (one row, or two when a title is merged over sub-titles
such as "Target" over "Tahun 2026" and "s.d. Triwulan III"), the words are those of the flat-table
readers (:data:`kinerja.impor.pemetaan.SARAN`, :data:`kinerja.impor.tabel_kepala.KATA_JUDUL`) plus
the few only a report needs (realisasi, penyerapan, a period). A table whose first row is data,
right after a mapped table of the same width, continues it (a table split over pages by hand); a
header repeated inside a table, a row of column numbers and a sasaran written as a row across the
table are passed over. A table that holds such values but cannot be mapped is named (W05).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja.core.parsing import parse_value
from kinerja.core.periode import cari_semester, cari_triwulan
from kinerja.evaluasi._word_docx import TabelWord
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.pemetaan import _UANG, SARAN
from kinerja.impor.renja.baris import _RINGKASAN_INDIKATOR
from kinerja.impor.tabel_kepala import KATA_JUDUL

__all__ = ["ANGKA", "Pemetaan", "petakan", "baris_data"]

# Fields holding numbers, read the Indonesian way.
ANGKA = ("target", "target_periode", "realisasi", "capaian", "pagu", "realisasi_anggaran", "persen")
# Words of a column a report adds beside its numbers (not compared), and of tables that are not
# measurement or budget tables though they hold such columns (efficiency, projections).
_ABAIKAN = ("predikat", "keterangan", "catatan", "kategori", "kriteria", "proyeksi", "renstra", "akhir periode",
            "tahun lalu", "rencana", "kondisi awal", "standar", "sumber", "penanggung", "selisih", "efisiensi",
            "rata-rata", "target akhir", "target 5 tahun", "rpjmd", "rpjm ")
_BUKAN_TABEL = ("efisiensi", "proyeksi", "rata-rata capaian")
# A value column of another level ("Realisasi Perangkat Daerah" beside the kabupaten's): a table
# comparing levels, not the unit's own measurement.
_TINGKAT_LAIN = ("perangkat daerah", "kabupaten", "opd", "skpd", "kecamatan")
_PERIODE = ("periode", "s.d", "s/d", "sampai", "semester", "bulan", "kumulatif")
_NOMOR = re.compile(r"\(?\d{1,2}\)?")
_TAHUN = re.compile(r"\b(19|20)\d{2}\b")
_SASARAN_BARIS = re.compile(r"^sasaran(\s+strategis)?(\s+\d+)?\s*[:.\-]?\s*", re.IGNORECASE)
_KUNCI = {"pengukuran": "indikator", "anggaran": "program"}


@dataclass
class Pemetaan:
    """A table read as ``jenis`` (``pengukuran`` or ``anggaran``): each field's column (0-based),
    every column's title, the first data row (0-based) and the header rows' texts."""

    jenis: str
    kolom: dict[str, int]
    judul: dict[int, str]
    mulai: int
    kepala: list[list[str]]


def _judulish(text: str) -> bool:
    low = text.lower()
    if not text or len(text) > 80 or parse_value(text, "koma").jenis in ("angka", "persen", "rupiah"):
        return False
    return (any(w in low for w in KATA_JUDUL) or low in ("no", "no.", "%", "nomor") or "%" in low
            or bool(cari_triwulan(low) or cari_semester(low)))


def _angka(text: str) -> bool:
    """A number (a data cell), not a year written as a sub-title ("2026")."""
    return parse_value(text, "koma").jenis in ("angka", "persen", "rupiah") and not _TAHUN.fullmatch(text)


def _unik(cells: list[str]) -> list[str]:
    """The row's texts with a merged cell (repeated across its span) counted once."""
    return [c for i, c in enumerate(cells) if c and (i == 0 or cells[i - 1] != c)]


def _sambungan_kepala(t: TabelWord, r: int) -> bool:
    """Whether row ``r`` continues the header above it: only short texts (a cell merged down
    from the header counts as the header's), no numbers, at least one sub-title."""
    cells, merged = t.baris[r], t.gabung_atas[r]
    new = [c for c, m in zip(cells, merged) if c and not m]
    if not new or any(len(c) > 40 for c in new):
        return False
    if any(_angka(c) for c in new):
        return False
    return any(_judulish(c) or _TAHUN.search(c) or c.lower() in ("tahunan", "k", "rp", "fisik", "keuangan")
               for c in new)


def _kepala(t: TabelWord) -> tuple[int, int] | None:
    """(first header row, number of header rows) among the table's first rows, or None: a row
    with two cells or more that read as titles and no number (an indicator named "Indeks …
    Perencanaan …" beside its sasaran has title words too, but numbers beside them)."""
    for r in range(min(6, len(t.baris))):
        cells = _unik(t.baris[r])
        if sum(_judulish(c) for c in cells) >= 2 and not any(_angka(c) for c in cells):
            n = 1
            while r + n < len(t.baris) and n < 3 and _sambungan_kepala(t, r + n):
                n += 1
            return r, n
    return None


def _judul_kolom(rows: list[list[str]], width: int) -> dict[int, str]:
    out = {}
    for c in range(width):
        parts: list[str] = []
        for row in rows:
            if row[c] and (not parts or parts[-1] != row[c]):
                parts.append(row[c])
        if parts:
            out[c] = " ".join(parts)
    return out


def _bidang(title: str) -> str | None:
    """The field a column title names (None: not compared); a value of another level is none."""
    field = _bidang_kata(title)
    low = title.lower()
    return None if field in ANGKA and any(w in low for w in _TINGKAT_LAIN) else field


def _bidang_kata(title: str) -> str | None:
    low = " ".join(title.lower().split())
    if re.fullmatch(r"(no|no\.|nomor|no urut|kode)", low):
        return None
    if any(w in low for w in _ABAIKAN):
        return None
    if "realisasi" in low:
        return "realisasi_anggaran" if any(u in low for u in _UANG) else "realisasi"
    if any(w in low for w in SARAN["capaian"]) or "penyerapan" in low or ("%" in low and "target" not in low):
        return "persen" if "penyerapan" in low or any(u in low for u in _UANG) else "capaian"
    if any(w in low for w in SARAN["target"]):
        periode = any(w in low for w in _PERIODE) or cari_triwulan(low) or cari_semester(low)
        return "target_periode" if periode else "target"
    for field in ("pagu", "indikator", "satuan", "sasaran", "program"):
        if any(w in low for w in SARAN[field]):
            return field
    return None


def _jenis(fields: dict[str, list[int]]) -> str | None:
    values = {"target", "target_periode", "realisasi", "capaian"}
    if "indikator" in fields and values & fields.keys():
        return "pengukuran"
    if "program" in fields and {"pagu", "realisasi_anggaran", "realisasi"} & fields.keys():
        return "anggaran"
    return None


# long: one pass deciding what the table is, each refusal said at its place; split it would scatter them
def petakan(t: TabelWord, p: Penampung, tahun: int | None = None,
            sebelumnya: tuple[TabelWord, Pemetaan] | None = None) -> Pemetaan | None:
    """The table's mapping, or None when it is neither a measurement nor a budget table (a
    table that looks like one but cannot be mapped is said in ``p``, W05). ``sebelumnya``: the
    table just before it and its mapping, which a headless table of the same width continues.
    With ``tahun``, a value column titled with another year ("Realisasi 2025") is passed over."""
    head = _kepala(t)
    if head is None:
        if sebelumnya and sebelumnya[0].nomor == t.nomor - 1 and t.baris and len(t.baris[0]) == len(sebelumnya[0].baris[0]):
            prev = sebelumnya[1]
            return Pemetaan(prev.jenis, prev.kolom, prev.judul, 0, prev.kepala)
        return None
    first, n = head
    rows = t.baris[first:first + n]
    titles = _judul_kolom(rows, len(t.baris[0]))
    if any(w in v.lower() for v in titles.values() for w in _BUKAN_TABEL):
        return None
    fields: dict[str, list[int]] = {}
    for c, title in titles.items():
        field = _bidang(title)
        years = {m.group(0) for m in _TAHUN.finditer(title)}
        if field is None or (tahun and field in ANGKA and years and str(tahun) not in years):
            continue
        fields.setdefault(field, []).append(c)
    jenis = _jenis(fields)
    if jenis is None:
        found = [f for f in ("target", "realisasi", "capaian", "pagu", "realisasi_anggaran") if f in fields]
        if len(found) >= 2:
            p.galat("W05", t.nama, f"baris {first + 1}", f"tabel berisi kolom {', '.join(titles[fields[f][0]] for f in found)} "
                    "tetapi tidak ada kolom indikator maupun program; beri judul kolom \u201cIndikator Kinerja\u201d "
                    "(tabel pengukuran) atau \u201cProgram\u201d (tabel anggaran) agar tabel ini dapat dibandingkan")
        return None
    if jenis == "anggaran":
        fields = {{"realisasi": "realisasi_anggaran", "capaian": "persen"}.get(k, k): v for k, v in fields.items()}
    for field, cols in fields.items():
        if len(cols) > 1:
            named = " dan ".join(f"\u201c{pendek(titles[c], 40)}\u201d" for c in cols)
            p.galat("W05", t.nama, f"baris {first + 1}", f"kolom {named} sama-sama terbaca sebagai "
                    f"{field.replace('_', ' ')}; tabel ini tidak dibandingkan. Beri judul yang membedakan "
                    "(mis. \u201cTarget Tahunan\u201d dan \u201cTarget s.d. Triwulan III\u201d, atau tahunnya)")
            return None
    return Pemetaan(jenis, {f: c[0] for f, c in fields.items()}, titles, first + n, [r for r in rows])


def _ringkasan(text: str) -> bool:
    """A Jumlah/Total/Rata-rata row: the whole name is the summary's label (the Renja reader's
    rule: "Jumlah dokumen …" and "Rata-rata lama sekolah" are indicators)."""
    return bool(_RINGKASAN_INDIKATOR.fullmatch(" ".join(text.lower().split())))


def _nomor_kolom(cells: list[str]) -> bool:
    nums = [c for c in cells if c]
    return len(nums) >= 3 and all(_NOMOR.fullmatch(c) for c in nums)


def _sasaran_baris(cells: list[str]) -> str | None:
    """A sasaran (or any heading) written as one cell across the row: its text, else None."""
    texts = {c for c in cells if c}
    if len(texts) == 1 and sum(1 for c in cells if c) == len(cells) and len(cells) > 1:
        return _SASARAN_BARIS.sub("", next(iter(texts))).strip()
    return None


def baris_data(t: TabelWord, m: Pemetaan, p: Penampung) -> list[dict]:
    """The table's data rows as dicts: ``tabel``, ``baris`` (1-based row of the Word table),
    ``ringkasan`` (a Jumlah/Total row), and the text of every mapped field."""
    kunci, out, sasaran = _KUNCI[m.jenis], [], ""
    for i in range(m.mulai, len(t.baris)):
        cells = t.baris[i]
        if not any(cells) or cells in m.kepala or _nomor_kolom(cells):
            continue
        heading = _sasaran_baris(cells)
        if heading is not None:
            sasaran = heading
            continue
        row = {f: cells[c] for f, c in m.kolom.items()}
        row |= {"tabel": t.nama, "baris": i + 1, "ringkasan": _ringkasan(row[kunci])}
        if not row.get("sasaran"):  # no sasaran column, or left blank under a sasaran written across
            row["sasaran"] = sasaran
        if not row[kunci]:
            if any(row.get(f) for f in ANGKA):
                p.galat("W07", t.nama, f"baris {i + 1}", f"baris berisi angka tetapi kolom \u201c"
                        f"{pendek(m.judul[m.kolom[kunci]], 40)}\u201d kosong; isi nama {kunci} pada baris ini")
            continue
        for f in ANGKA:
            text = row.get(f)
            if text and parse_value(text, "koma").jenis == "tidak_valid":
                p.galat("W06", t.nama, f"baris {i + 1}", f"kolom \u201c{pendek(m.judul[m.kolom[f]], 40)}\u201d berisi "
                        f"\u201c{pendek(text, 40)}\u201d, bukan angka yang ditulis cara Indonesia (mis. 1.234,56 atau "
                        "95,3 %); nilai ini tidak dibandingkan")
                row[f] = ""
        out.append(row)
    return out
