"""The LKjIP a perangkat daerah of the sample wrote itself, in Word, as units do: its own
column order and header wording (a "Target" merged over two sub-columns, a row of column
numbers, a measurement table continued across pages without its header, "Anggaran (Rp)"),
numbers written the Indonesian way, and, unless asked for a clean one, the deliberate faults
of :data:`KESALAHAN_WORD` that the reviu must find (``kinerja reviu --lkjip``; the tests).

The values come from the store, as kinerja's own LKjIP of the unit shows them
(:func:`kinerja.analisis.dari_store.capaian_kumulatif` and ``anggaran_program``), so a clean
document agrees with the store to the digit written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kinerja.core.berkas import tulis_atomik
from kinerja.core.formatting import format_angka, nama_bulan
from kinerja.evaluasi._word_nilai import BUTIR_TEMUAN, capaian_tertulis

__all__ = ["KESALAHAN_WORD", "KesalahanWord", "tulis_lkjip_word"]

UNIT_WORD = "dinkes"
INDIKATOR_TAMBAHAN = "Persentase ibu hamil yang mendapat tablet tambah darah"


@dataclass(frozen=True)
class KesalahanWord:
    """One deliberate fault of the sample's Word LKjIP and where the reviu must find it:
    the checklist item, the table ("Tabel n" in document order) and its row (None: the
    finding has no row, e.g. an indicator left out)."""

    nama: str
    butir: str
    tabel: str
    baris: int | None
    indikator: str = ""


# Table 1: header rows 1–2, column numbers row 3, indicators on rows 4–5; Table 2 continues it
# (no header); Table 3 is the budget: header row 1, programs on rows 2–3, Jumlah on row 4.
KESALAHAN_WORD: tuple[KesalahanWord, ...] = (
    KesalahanWord("target-beda-dari-pk", BUTIR_TEMUAN["target"], "Tabel 1", 4),
    KesalahanWord("realisasi-beda-dari-craapk", BUTIR_TEMUAN["realisasi"], "Tabel 1", 4),
    KesalahanWord("indikator-berganti-nama", BUTIR_TEMUAN["indikator"], "Tabel 1", 5),
    KesalahanWord("capaian-polaritas-terbalik", BUTIR_TEMUAN["capaian"], "Tabel 1", 5),
    KesalahanWord("indikator-tambahan", BUTIR_TEMUAN["indikator"], "Tabel 2", 1, INDIKATOR_TAMBAHAN),
    KesalahanWord("indikator-hilang", BUTIR_TEMUAN["indikator"], "", None),
    KesalahanWord("pagu-beda", BUTIR_TEMUAN["anggaran"], "Tabel 3", 2),
    KesalahanWord("realisasi-anggaran-beda", BUTIR_TEMUAN["anggaran"], "Tabel 3", 3),
)


def _angka(x: object, desimal: int | None = None) -> str:
    if isinstance(x, str):
        return x
    x = float(x)
    return format_angka(x, 0 if desimal is None and x.is_integer() else (2 if desimal is None else desimal))


def _capaian(t: object, r: object, polaritas: str) -> str:
    c = float(capaian_tertulis(pd.Series([t], dtype=object), pd.Series([r], dtype=object), pd.Series([polaritas])).iloc[0])
    return f"{format_angka(c, 2)} %" if c == c else format_angka(c)  # no capaian: written as kinerja does ("–")


def _baris_indikator(kum: pd.DataFrame, salah: bool) -> tuple[list[list[str]], dict[str, str]]:
    """The measurement rows (No, indikator, sasaran, satuan, target tahunan, target periode,
    realisasi, capaian) and the names the faults concern."""
    if salah and len(kum) < 3:
        raise ValueError("contoh LKjIP Word memerlukan unit dengan sedikitnya tiga indikator")
    rows, names = [], {}
    for i, s in enumerate(kum.itertuples()):
        name, target, real = s.indikator, s.target_tahunan, s.realisasi
        pol = s.polaritas
        cap_pol = pol
        if salah and i == 0:  # a target other than the PK's, a realisasi other than the CRAAPK's
            target, real = _angka(float(s.target_tahunan_nilai) + 2), float(real) + 1
            names["target-beda-dari-pk"] = names["realisasi-beda-dari-craapk"] = name
        if salah and i == 1:  # renamed, and its capaian computed by the other polarity
            names["indikator-berganti-nama"] = names["capaian-polaritas-terbalik"] = name
            name = name.replace("Persentase", "Prevalensi") if "Persentase" in name else name + " (revisi)"
            cap_pol = {"negatif": "positif"}.get(pol, "negatif")
        if salah and i == 2:  # left out
            names["indikator-hilang"] = name
            continue
        rows.append([str(len(rows) + 1), name, s.sasaran, s.satuan, _angka(target), _angka(s.target), _angka(real),
                     _capaian(s.target, real, cap_pol)])
    if salah:
        rows.append([str(len(rows) + 1), INDIKATOR_TAMBAHAN, kum["sasaran"].iloc[0], "%", "85,00", "85,00", "87,50",
                     _capaian(85.0, 87.5, "positif")])
    return rows, names


def _baris_anggaran(ang: pd.DataFrame, salah: bool) -> tuple[list[list[str]], dict[str, str]]:
    rows, names = [], {}
    for i, a in enumerate(ang.itertuples()):
        pagu, real = float(a.pagu), float(a.realisasi_kumulatif)
        if salah and i == 0:
            pagu += 200_000_000.0
            names["pagu-beda"] = a.program
        if salah and i == 1:
            real -= 125_000_000.0
            names["realisasi-anggaran-beda"] = a.program
        rows.append([a.program, format_angka(pagu, 0), format_angka(real, 0), format_angka(real / pagu * 100, 2)])
    pagu, real = ang["pagu"].sum(), ang["realisasi_kumulatif"].sum()  # the total as the budget system gives it
    rows.append(["Jumlah", format_angka(pagu, 0), format_angka(real, 0), format_angka(real / pagu * 100, 2)])
    return rows, names


def _gabung_bawah(cell, mulai: bool) -> None:
    props = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if mulai:
        merge.set(qn("w:val"), "restart")
    props.append(merge)


def _tabel_pengukuran(doc, rows: list[list[str]], bulan: int, tahun: int) -> None:
    """Table 1 (two header rows, column numbers, the first rows) and Table 2 (the rest, no header)."""
    top = ["No", "Indikator Kinerja", "Sasaran Strategis", "Satuan", "Target", "Target",
           f"Realisasi s.d. {nama_bulan(bulan)}", "% Capaian"]
    sub = ["", "", "", "", f"Tahun {tahun}", f"s.d. {nama_bulan(bulan)}", "", ""]
    t = doc.add_table(rows=2, cols=8)
    t.style = "Table Grid"
    for j in range(8):
        if j in (4, 5):
            t.cell(1, j).text = sub[j]
        else:
            t.cell(0, j).text = top[j]
            _gabung_bawah(t.cell(0, j), True)
            _gabung_bawah(t.cell(1, j), False)
    t.cell(0, 4).merge(t.cell(0, 5)).text = "Target"
    numbers = t.add_row().cells
    for j, c in enumerate(numbers):
        c.text = f"({j + 1})"
    for r in rows[:2]:
        for c, v in zip(t.add_row().cells, r):
            c.text = v
    doc.add_paragraph("(bersambung ke halaman berikut)")
    rest = doc.add_table(rows=0, cols=8)
    rest.style = "Table Grid"
    for r in rows[2:]:
        for c, v in zip(rest.add_row().cells, r):
            c.text = v


def _tabel_anggaran(doc, rows: list[list[str]]) -> None:
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for c, v in zip(t.rows[0].cells, ["Program / Kegiatan", "Anggaran (Rp)", "Realisasi Anggaran (Rp)", "%"]):
        c.text = v
    for r in rows:
        for c, v in zip(t.add_row().cells, r):
            c.text = v


# long: the document from cover to budget, in the order a unit writes it
def tulis_lkjip_word(store, path: str | os.PathLike, kode_unit: str = UNIT_WORD, tahun: int = 2026,
                     bulan: int | None = None, salah: bool = True) -> list[KesalahanWord]:
    """Write the unit's own Word LKjIP to ``path`` from the store's values; with ``salah`` the
    faults of :data:`KESALAHAN_WORD` are in it. Returns the faults written, each with the
    indicator or program it concerns (empty without ``salah``)."""
    from kinerja.analisis import dari_store as analisis
    from kinerja.core.predikat import DEFAULT_SKALA, muat_skala

    bulan = bulan or analisis.bulan_terakhir(store, tahun)
    kum = analisis.capaian_kumulatif(store, kode_unit, tahun, bulan, muat_skala(DEFAULT_SKALA)).reset_index(drop=True)
    ang = analisis.anggaran_program(store, kode_unit, tahun)
    ang = ang[ang["bulan"] == bulan].reset_index(drop=True)
    unit = store.current("unit").set_index("kode").loc[kode_unit, "nama"]
    ukur, names = _baris_indikator(kum, salah)
    uang, names_uang = _baris_anggaran(ang, salah)
    doc = Document()
    doc.add_heading(f"LAPORAN KINERJA INSTANSI PEMERINTAH {unit.upper()} TAHUN {tahun}", 0)
    doc.add_heading("BAB III AKUNTABILITAS KINERJA", 1)
    doc.add_paragraph("A. Capaian Kinerja Organisasi")
    doc.add_paragraph(f"Tabel 3.1 Pengukuran Kinerja {unit} Tahun {tahun}")
    _tabel_pengukuran(doc, ukur, bulan, tahun)
    doc.add_paragraph("B. Realisasi Anggaran")
    doc.add_paragraph(f"Tabel 3.2 Realisasi Anggaran per Program s.d. {nama_bulan(bulan)} {tahun}")
    _tabel_anggaran(doc, uang)
    doc.add_paragraph(f"Demikian Laporan Kinerja {unit} Tahun {tahun}.")
    tulis_atomik(Path(path), lambda tmp: doc.save(str(tmp)))
    if not salah:
        return []
    names |= names_uang
    return [replace(k, indikator=k.indikator or names[k.nama]) for k in KESALAHAN_WORD]


def tulis_lkjip_word_sampel(files: list[Path], folder: str | os.PathLike, tahun: int, bulan: int) -> Path:
    """Beside the sample's workbooks (``kinerja sample``): the Word LKjIP of :data:`UNIT_WORD`
    with its faults, from a store of the Daftar Unit and that unit's own workbooks only (the
    same numbers as the whole sample's store, read in a fraction of the time)."""
    import tempfile

    from kinerja.formulir.ingest import muat_berkas, urutkan
    from kinerja.store.store import Store

    folder = Path(folder)
    mine = [f for f in files if f.parent == folder and f.name.startswith("00_") or f.parent.name == UNIT_WORD]
    out = folder / UNIT_WORD / f"LKjIP_{tahun}_{UNIT_WORD}.docx"
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'unit.sqlite'}")
        for path in urutkan(mine):
            muat_berkas(path, store, Path(tmp) / "arsip")
        tulis_lkjip_word(store, out, UNIT_WORD, tahun, bulan)
        store.engine.dispose()
    return out
