"""The Lembar Kerja Evaluasi (LKE) workbook of an evaluasi AKIP (Peraturan Menteri PANRB Nomor
88 Tahun 2021), one per perangkat daerah and year: its layout as a formulir, and writing it.

The first sheet (``LKE``) carries the identity block every formulir has (code ``LKE-PD``,
unit, tahun; locked: the workbook is issued for one unit and year) and one numbered table:
every komponen, under it its sub-komponen and under each sub-komponen its kriteria, keyed by
code (two kriteria have identical text). Per kriteria the unit's and the evaluator's
*terpenuhi* (Ya/Tidak); per sub-komponen the unit's and the evaluator's answer (AA … E),
kinerja's suggested answer (read-only), the catatan and the bukti dukung. Under 4.c follow the
recommendations of the year before, one row each (``R2025-2.1``: year, komponen, nomor),
whose *terpenuhi* says whether it was followed up. The second sheet (``Rekomendasi``) holds
the evaluator's recommendations per komponen. Only the input cells are unlocked; each has its
dropdown. :mod:`kinerja.formulir.validasi.lke` reads it back.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.core.berkas import netralkan_rumus, tulis_atomik
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.formulir.tata_letak import BARIS_DATA, BARIS_IDENTITAS, Formulir, Kolom, _suffix
from kinerja.formulir.templat import _cara_pengisian, _cetak, _headers, _identitas, _lembar_daftar, _protect, _tabel

__all__ = ["KOLOM_ISIAN", "tulis_lke"]

# The input cells of each kind of row (the rest is locked).
KOLOM_ISIAN = {
    "kriteria": ("terpenuhi_mandiri", "terpenuhi_evaluator", "catatan", "bukti"),
    "subkomponen": ("jawaban_mandiri", "jawaban_evaluator", "catatan", "bukti"),
    "tindak_lanjut": ("terpenuhi_mandiri", "terpenuhi_evaluator", "catatan", "bukti"),
}
_ISIAN_FILL = PatternFill("solid", fgColor="FFF2CC")
_KOMPONEN_FILL = PatternFill("solid", fgColor="DDEBF7")
_SUB_FILL = PatternFill("solid", fgColor="F2F2F2")


def _lke(tingkat: str) -> Formulir:
    """The LKE workbook's layout (perangkat daerah: the Inspektorat evaluates its units)."""
    mandiri, evaluator = "PENILAIAN MANDIRI (UNIT)", "EVALUATOR (INSPEKTORAT)"
    rekomendasi = Formulir(
        kode="LKE-REKOMENDASI", jenis="LKE", tingkat=tingkat, judul="REKOMENDASI HASIL EVALUASI",
        lembar="Rekomendasi",
        kolom=(Kolom("Komponen (1–4)", "komponen", lebar=12, daftar="komponen_lke", wajib=True),
               Kolom("Nomor", "nomor", lebar=8, wajib=True),
               Kolom("Rekomendasi", "teks", lebar=100, wajib=True)),
        petunjuk=("Diisi evaluator: rekomendasi per komponen, bernomor 1, 2, … dalam setiap komponen. Tahun "
                  "berikutnya setiap rekomendasi muncul di bawah sub-komponen 4.c untuk ditindaklanjuti.",))
    return Formulir(
        kode=f"LKE-{_suffix(tingkat)}", jenis="LKE", tingkat=tingkat,
        judul="LEMBAR KERJA EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH TAHUN {tahun}", lembar="LKE",
        kolom=(Kolom("Kode", "kode", lebar=11, wajib=True),
               Kolom("Komponen / Sub-komponen / Kriteria", "uraian", lebar=70),
               Kolom("Bobot", "bobot", lebar=8),
               Kolom("Terpenuhi (Ya/Tidak)", "terpenuhi_mandiri", grup=mandiri, lebar=12, daftar="terpenuhi"),
               Kolom("Jawaban (AA–E)", "jawaban_mandiri", grup=mandiri, lebar=10, daftar="jawaban_lke"),
               Kolom("Saran kinerja", "saran", lebar=10),
               Kolom("Terpenuhi (Ya/Tidak)", "terpenuhi_evaluator", grup=evaluator, lebar=12, daftar="terpenuhi"),
               Kolom("Jawaban (AA–E)", "jawaban_evaluator", grup=evaluator, lebar=10, daftar="jawaban_lke"),
               Kolom("Catatan (wajib untuk A/AA)", "catatan", lebar=40),
               Kolom("Bukti Dukung", "bukti", lebar=60)),
        lampiran=rekomendasi,
        petunjuk=(
            "Jawaban diberikan per sub-komponen (baris 1.a, 1.b, …): AA 100, A 90, BB 80, B 70, CC 60, C 50, D 30, E 0. "
            "Kriteria (baris 1.a.1, …) adalah pertanyaan penuntun: tandai Ya bila terpenuhi, Tidak bila tidak.",
            "Saran kinerja dihitung dari kriteria yang ditandai terpenuhi (0 → E, ≤ 25 % D, ≤ 50 % C, ≤ 75 % CC, "
            "< 100 % B, semua BB). A dan AA hanya diberikan evaluator dan wajib disertai catatan.",
            "Unit mengisi kolom PENILAIAN MANDIRI dan Bukti Dukung; evaluator mengisi kolom EVALUATOR, Catatan dan "
            "lembar Rekomendasi. Bukti yang ditulis kinerja menyebut sumbernya dalam tanda [ ].",
            "Baris R2025-2.1 di bawah 4.c adalah rekomendasi tahun lalu (tahun, komponen, nomor): Ya bila sudah "
            "ditindaklanjuti, Tidak bila belum.",
            "Jangan mengubah kode, uraian atau bobot; setiap pengiriman ulang menjadi revisi baru dan revisi "
            "sebelumnya tetap tersimpan.",
        ),
    )


def baris_lke(lke: ParameterLKE, isian: Mapping[str, Mapping] | None = None,
              tindak_lanjut: Sequence[Mapping] = ()) -> list[dict]:
    """The rows of the LKE sheet in order: komponen, sub-komponen, kriteria, and the follow-up
    rows after 4.c's kriteria; each with ``jenis`` (komponen, subkomponen, kriteria,
    tindak_lanjut) and the values of ``isian`` (kode → field → value) for its code."""
    isian = isian or {}
    rows = []
    last_sub = lke.subkomponen["kode"].iloc[-1]
    for kom in lke.komponen.itertuples(index=False):
        rows.append({"jenis": "komponen", "kode": kom.kode, "uraian": kom.nama.upper(), "bobot": kom.bobot})
        for sub in lke.subkomponen[lke.subkomponen["komponen"] == kom.kode].itertuples(index=False):
            rows.append({"jenis": "subkomponen", "kode": sub.kode, "uraian": sub.nama, "bobot": sub.bobot,
                         **isian.get(sub.kode, {})})
            for k in lke.kriteria[lke.kriteria["subkomponen"] == sub.kode].itertuples(index=False):
                rows.append({"jenis": "kriteria", "kode": k.kode, "uraian": k.uraian, **isian.get(k.kode, {})})
            if sub.kode == last_sub:
                rows += [{"jenis": "tindak_lanjut", **t, **isian.get(t["kode"], {})} for t in tindak_lanjut]
    return rows


def _isi_lembar(ws, f: Formulir, rows: list[dict], daftar: dict[str, str], protect: bool) -> None:
    """The LKE table: values, locked labels, unlocked input cells with their dropdowns."""
    fields = f.fields()
    checks = {}
    for r, row in enumerate(rows, start=BARIS_DATA):
        editable = KOLOM_ISIAN.get(row["jenis"], ())
        for j, name in enumerate(fields, start=1):
            value = row.get(name)
            if name == "bobot" and value is not None:
                value = float(value)
            cell = ws.cell(row=r, column=j, value=value if value not in ("",) else None)
            cell.alignment = Alignment(wrap_text=name in ("uraian", "catatan", "bukti"), vertical="top")
            if row["jenis"] == "komponen":
                cell.font, cell.fill = Font(bold=True), _KOMPONEN_FILL
            elif row["jenis"] == "subkomponen":
                cell.font = Font(bold=True)
                if name not in editable:
                    cell.fill = _SUB_FILL
            if name in editable:
                cell.protection = Protection(locked=False)
                cell.fill = _ISIAN_FILL
                kolom = f.kolom[j - 1]
                if kolom.daftar:
                    checks.setdefault(kolom.daftar, []).append(cell.coordinate)
    for name, cells in checks.items():
        dv = DataValidation(type="list", formula1=daftar[name], allow_blank=True, showErrorMessage=True)
        dv.error, dv.errorTitle = f"Pilih salah satu nilai dari daftar {name}.", "Nilai tidak dikenal"
        ws.add_data_validation(dv)
        for c in cells:
            dv.add(c)
    if protect:
        _protect(ws)


def _lembar_rekomendasi(wb, f: Formulir, rekomendasi: Sequence[Mapping], daftar: dict[str, str],
                        protect: bool) -> None:
    ws = wb.create_sheet(f.lembar, 1)
    ws.cell(row=1, column=1, value=f.judul).font = Font(bold=True, size=13)
    _tabel(ws, f, [dict(r) for r in rekomendasi], daftar, 40, protect, False)


def _buku(f: Formulir, lke: ParameterLKE, *, unit: str, tahun: int, subjudul: str | None, rows: list[dict],
          rekomendasi: Sequence[Mapping], protect: bool) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f.lembar
    daftar = _lembar_daftar(wb)
    _identitas(ws, f, unit, tahun, None, subjudul)
    for key in ("unit", "tahun"):  # issued for one unit and year
        ws.cell(row=BARIS_IDENTITAS[key], column=2).protection = Protection(locked=True)
    _headers(ws, f)
    _isi_lembar(ws, f, rows, daftar, protect)
    _cetak(ws, f)
    _lembar_rekomendasi(wb, f.lampiran, rekomendasi, daftar, protect)
    _cara_pengisian(wb, f)
    netralkan_rumus(wb)  # text from data (a catatan, a bukti, a recommendation) is never a formula
    return wb


def tulis_lke(path: str | os.PathLike, *, unit: str, tahun: int, subjudul: str | None = None,
              isian: Mapping[str, Mapping] | None = None, tindak_lanjut: Sequence[Mapping] = (),
              rekomendasi: Sequence[Mapping] = (), lke: ParameterLKE | None = None, protect: bool = True) -> Path:
    """Write a unit's LKE workbook (.xlsx), blank or filled. Written atomically; text never
    becomes a formula.

    Parameters
    ----------
    path : str or path-like
        The .xlsx to write.
    unit, tahun : str, int
        The unit and the year evaluated (identity block, locked).
    subjudul : str, optional
        The line under the title (the unit's name).
    isian : mapping, optional
        Kode (``1.a``, ``1.a.1``, ``R2025-2.1``) → field (``terpenuhi_mandiri`` ``"Ya"``,
        ``jawaban_evaluator`` ``"BB"``, ``saran``, ``catatan``, ``bukti`` …) → value.
    tindak_lanjut : sequence of mapping
        The follow-up rows under 4.c: ``kode`` (``R2025-2.1``) and ``uraian``.
    rekomendasi : sequence of mapping
        The Rekomendasi sheet's rows: ``komponen``, ``nomor``, ``teks``.
    lke : ParameterLKE, optional
        The criteria (default :func:`kinerja.core.lke_parameter.muat_lke`).
    protect : bool, default True
        Lock everything but the input cells.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> out = tulis_lke(Path(tempfile.mkdtemp()) / "lke.xlsx", unit="dinkes", tahun=2026,
    ...                 isian={"1.a": {"jawaban_mandiri": "BB"}})
    >>> ws = load_workbook(out)["LKE"]
    >>> ws["B3"].value, ws["A12"].value, ws["E12"].value, ws.max_row
    ('LKE-PD', '1.a', 'BB', 106)
    """
    f = _lke("perangkat_daerah")  # the registry's LKE-PD (formulir.daftar registers this builder)
    lke = lke or muat_lke()
    rows = baris_lke(lke, isian, tindak_lanjut)
    path = Path(path)
    tulis_atomik(path, lambda tmp: _buku(f, lke, unit=unit, tahun=tahun, subjudul=subjudul, rows=rows,
                                         rekomendasi=rekomendasi, protect=protect).save(tmp))
    return path
