"""The Perbup's forms as document tables: the rows of a formulir (as :mod:`kinerja.formulir.isian`
fills the RKT, PK and RAAPK, and the CRAAPK's budget rows) shown under the formulir's own
columns and their numbers (1) … (N), so that the HTML, PDF and Word forms read as the forms of
Peraturan Bupati Buleleng Nomor 59 Tahun 2023.

A cell a block writes once (the indicator's No, sasaran, target …) is blank on the block's
following rows, as a merged cell of the printed form; a month without a target shows ``–``.
The RKT of a perangkat daerah lists each kegiatan and sub kegiatan once
(:func:`baris_rkt_tampil`): one listed under an earlier indicator again is named with the
number of that indicator, its anggaran not repeated.
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.formatting import KOSONG, format_angka, format_rupiah
from kinerja.formulir.tata_letak import Formulir
from kinerja.render.tabel import Tabel

__all__ = ["baris_rkt_tampil", "tabel_formulir"]

# Headers where the formulir repeats one under a group heading (Kegiatan / Sub Kegiatan, KINERJA /
# ANGGARAN (RP)) or leaves the unit out: a document table has one header row, so they go into it.
_JUDUL = {"no": "No", "kegiatan": "Kegiatan", "indikator_kegiatan": "Indikator Kinerja Kegiatan",
          "anggaran_kegiatan": "Anggaran Kegiatan (Rp)", "sub_kegiatan": "Sub Kegiatan",
          "indikator_sub_kegiatan": "Indikator Kinerja Sub Kegiatan",
          "anggaran_sub_kegiatan": "Anggaran Sub Kegiatan (Rp)", "pagu": "Anggaran Tahunan (Rp)",
          "bulan_anggaran": "Bulan Anggaran", "target_anggaran": "Target Anggaran (Rp)",
          "realisasi_anggaran": "Realisasi Anggaran (Rp)", "capaian_anggaran": "Capaian Anggaran (%)",
          "keterangan_anggaran": "Ket Anggaran", "anggaran": "Anggaran (Rp)",
          # kinerja's own columns beside the form's (no number): the S-curve to the month
          "penyerapan_kumulatif": "Penyerapan Kumulatif (%)", "rencana_penyerapan_kumulatif": "Rencana Kumulatif (%)"}
_RUPIAH = {"anggaran_program", "anggaran_kegiatan", "anggaran_sub_kegiatan", "pagu", "target_anggaran",
           "realisasi_anggaran", "anggaran"}
_ANGKA = {"capaian", "capaian_anggaran", "penyerapan_kumulatif", "rencana_penyerapan_kumulatif"}


def _kosong(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""


def _sel(value, field: str, blank: bool) -> str:
    if isinstance(value, str) and value == "":  # left blank on purpose
        return ""
    if _kosong(value):
        return "" if blank else KOSONG
    if isinstance(value, str):
        return value
    if field in _RUPIAH:
        return format_rupiah(value)
    if field in _ANGKA:
        return format_angka(value)
    if field == "no":
        return str(int(value))
    return str(value)


def tabel_formulir(f: Formulir, rows: list[dict], judul: str, fields: list[str] | None = None,
                   bernomor: bool = True) -> Tabel:
    """The form's rows as a document table: the formulir's headers (``fields``: a choice of its
    columns in its order; ``"no"`` may be added to a table the formulir does not number) and,
    when ``bernomor``, its column numbers.

    Examples
    --------
    >>> from kinerja.formulir.daftar import FORMULIR
    >>> t = tabel_formulir(FORMULIR["PK-PD"], [{"no": 1, "sasaran": "S", "indikator": "I", "satuan": "%",
    ...                                         "target": "90"}], "PK")
    >>> t.isi()["kolom"][:2], t.isi()["nomor"][:2]
    (['No', 'Sasaran Strategis'], ['(1)', '(2)'])
    """
    fields = list(fields or f.fields())
    kolom = {k.field: k for k in f.kolom}
    names = [_JUDUL.get(x) or kolom[x].judul for x in fields]
    cells = []
    for r in rows:
        lanjut = _kosong(r.get("no"))  # a block's following row: what the block writes once is blank
        cells.append([_sel(r.get(x), x, lanjut and (kolom[x].per_blok if x in kolom else x == "no")) for x in fields])
    data = pd.DataFrame(cells, columns=names, dtype=object)
    right = {n: "nilai" for n, x in zip(names, fields) if x in _RUPIAH | _ANGKA | {"no"}}
    return Tabel(data, right, judul=judul, nomor=f.nomor_untuk(fields) if bernomor else None)


_KEPALA = ("no", "sasaran", "indikator", "satuan", "target")  # what an RKT row opens an indicator with


def baris_rkt_tampil(rows: list[dict]) -> list[dict]:
    """The RKT rows as the form shows them: a program, kegiatan (with its indicator and anggaran)
    written once where the rows below continue it; a kegiatan or sub kegiatan already listed
    under an earlier indicator is not listed again with its anggaran but named once, with the
    number of the indicator it is listed under (its pagu is counted once).

    Examples
    --------
    >>> rows = [{"no": 1, "indikator": "A", "program": "P", "kegiatan": "K", "anggaran_kegiatan": 5.0,
    ...          "sub_kegiatan": "S1", "anggaran_sub_kegiatan": 2.0},
    ...         {"program": "P", "kegiatan": "K", "anggaran_kegiatan": 5.0, "sub_kegiatan": "S2",
    ...          "anggaran_sub_kegiatan": 3.0},
    ...         {"no": 2, "indikator": "B", "program": "P", "kegiatan": "K", "anggaran_kegiatan": 5.0,
    ...          "sub_kegiatan": "S1", "anggaran_sub_kegiatan": 2.0}]
    >>> [(r.get("program"), r.get("kegiatan"), r.get("anggaran_kegiatan")) for r in baris_rkt_tampil(rows)]
    [('P', 'K', 5.0), (None, None, None), ('P', 'K (lihat No. 1)', '')]
    """
    tempat: dict[tuple, int] = {}  # (program, kegiatan, sub kegiatan) -> No. of the indicator it is listed under
    out: list[dict] = []
    no = kepala = sebelum = None
    for row in rows:
        if not _kosong(row.get("no")):
            no, kepala, sebelum = row["no"], {k: row.get(k) for k in _KEPALA}, None
        line = {k: v for k, v in row.items() if k not in _KEPALA}
        key = (line.get("program"), line.get("kegiatan"), line.get("sub_kegiatan"))
        pertama = tempat.setdefault(key, no)
        if pertama != no:  # listed under an earlier indicator: named once, anggaran not repeated
            if sebelum is not None and sebelum.get("_ref") == key[:2]:
                continue
            lihat = f" (lihat No. {_sel(pertama, 'no', False)})"
            line = {k: "" for k in line} | {"program": key[0], "kegiatan": key[1] and key[1] + lihat, "_ref": key[:2]}
            if not key[1]:
                line["program"] = f"{key[0]}{lihat}"
        shown = dict(line)
        if sebelum is not None and line.get("program") == sebelum.get("program"):
            shown["program"] = None
            if line.get("kegiatan") == sebelum.get("kegiatan"):
                shown.update(kegiatan=None, indikator_kegiatan=None, anggaran_kegiatan=None)
        sebelum = line
        out.append((kepala or {}) | shown)
        kepala = None
    return [{k: v for k, v in r.items() if k != "_ref"} for r in out]
