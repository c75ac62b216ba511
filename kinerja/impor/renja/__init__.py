"""Reader of the Evaluasi terhadap Hasil Renja Perangkat Daerah form (Permendagri Nomor 86
Tahun 2017), as perangkat daerah fill it every quarter (and the RKPD evaluation, the same
columns at kabupaten level).

The form's columns are numbered (1)…(15) on one header row; everything else about a real
file varies: rows above the header, extra unnumbered columns (visi, misi…), merged
multi-row header texts, a ``K``/``Rp.``/``%`` row under the numbers, formulas with cached
values, the hierarchy urusan → program → kegiatan → sub kegiatan shown only by position and
SUM rows, two numbered indicators in one cell, a total row and a signature block at the
end. :func:`baca_evaluasi_renja` finds the header by the numbering row, checks it against
the header texts, reads every row to the signature block and returns the long table of
:mod:`kinerja.impor.hasil` with what it had to decide written in ``catatan``:

* quarterly K are the quarter's realisasi as printed (``realisasi_tertulis``). For an
  indicator measured at a point (agregasi ``akhir``: percentages, indices) the year's
  realisasi is the value at the last quarter, not the sum the form's (13) = (9)+…+(12)
  makes; where the form also has a per-quarter % column (progress against the year's
  target), that value is % × target;
* (14) = (7) + (13) and (15) = (14) / (6) × 100 likewise hold for summed indicators only:
  for an ``akhir`` indicator the Renstra realisasi to date is this year's value. Where a
  printed (13), (14) or (15) contradicts the indicator's agregasi the right value is used
  and the printed one named in ``catatan``;
* polarity and agregasi come from :func:`kinerja.core.polaritas.tebak_meta` (the store's
  metadata, else ``parameters/polaritas.yaml``), a guess marked as such.

One module per step: the form's layout, where its header and columns are (``kepala``), its
data rows (``baris``), their hierarchy (``tingkat``), the long table (``panjang``) and what is
computed and checked on it (``periksa``).
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.periode import cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.hasil import Bacaan, rapikan
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.renja.baris import baca_baris
from kinerja.impor.renja.kepala import baca_judul, cari_kepala, cari_tahun, kolom, periksa_kepala
from kinerja.impor.renja.panjang import tabel_panjang
from kinerja.impor.renja.tingkat import tetapkan_tingkat
from kinerja.impor.tampak import periksa_tampak

__all__ = ["baca_evaluasi_renja"]


def baca_evaluasi_renja(grids: list[Grid], berkas: str, p: Penampung, tahun: int | None = None,
                        dikenal: pd.DataFrame | None = None) -> Bacaan | None:
    """Read the first sheet of ``grids`` that holds a Renja evaluation; see the module docstring.

    ``dikenal`` is the store's indicator metadata of the unit (for polarity and agregasi).
    Problems go to ``p`` located by sheet and cell; None when no sheet is a Renja evaluation.
    """
    for grid in grids:
        kepala = cari_kepala(grid)
        if kepala is not None:
            return _baca(grid, kepala, berkas, p, tahun, dikenal)
    p.galat("I01", "", "", "tidak ditemukan baris nomor kolom (1), (2), (3) … (12) formulir Evaluasi terhadap Hasil "
            "Renja di lembar mana pun; pastikan baris penomoran kolom formulir Permendagri 86/2017 ada di berkas")
    return None


def _baca(grid: Grid, kepala: dict, berkas: str, p: Penampung, tahun: int | None,
          dikenal: pd.DataFrame | None) -> Bacaan:
    K = kepala["kolom"]
    ws = grid.lembar
    judul = baca_judul(grid, kepala)
    given = tahun
    tahun, renstra = cari_tahun(grid, kepala, judul, tahun)
    triwulan = cari_triwulan(ws) or cari_triwulan(judul)
    dari = [f"tahun dari {'--tahun' if given is not None else 'judul formulir'}"] if tahun else []
    if triwulan:
        dari.append(f"triwulan dari {'nama lembar' if cari_triwulan(ws) else 'judul formulir'}")
    periksa_kepala(grid, kepala, p)
    if p.ada_galat:  # a header that is not this form's: nothing below it is read
        return Bacaan("evaluasi-renja", rapikan([]), tahun, triwulan,
                      {"lembar": ws, "baris_judul": kepala["baris"], "baris_data": 0})
    rows, skipped, ttd, unit_nama = baca_baris(grid, kepala, p)
    lewati_baris(p, "I38", ws, [(sel(r, 1), f"baris {r} berangka tanpa uraian maupun indikator (baris jumlah)")
                                for r in skipped], "berupa baris jumlah tanpa uraian", tingkat="peringatan")
    if not rows:
        p.galat("I04", ws, sel(kepala["mulai"], 1), "tidak ada baris data di bawah baris nomor kolom")
        return Bacaan("evaluasi-renja", rapikan([]), tahun, triwulan)
    periksa_tampak(grid, [row["r"] for row in rows], [c for n, parts in K.items() if n >= 6 for c in parts.values()], p)
    tetapkan_tingkat(grid, rows, [c for c in (kolom(K, 8, "rp"), kolom(K, 6, "rp")) if c is not None])
    if triwulan is None:  # the last quarter with any realisasi
        filled = [q for q in range(1, 5) if any((row["v"].get((8 + q, "k")) or row["v"].get((8 + q, "rp")))
                                                 for row in rows)]
        triwulan = max(filled) if filled else None
        dari += ["triwulan dari kolom triwulan terakhir yang berisi realisasi"] if triwulan else []
    out = tabel_panjang(rows, berkas, ws, triwulan, dikenal, p)
    dilewati = [(r, "jumlah tanpa uraian") for r in skipped] + ([(ttd, "awal blok tanda tangan (baris di bawahnya "
                                                                     "tidak dibaca)")] if ttd else [])
    info = {"lembar": ws, "baris_judul": kepala["baris"], "baris_data": len(rows), "unit_nama": unit_nama,
            "tata_letak": "Permendagri 86/2017", "pengali": 1, "periode_dari": "; ".join(dari) or None,
            "tanda_tangan": ttd, "dilewati": dilewati, "tahun_renstra": int(renstra[-1]) if renstra else None,
            "judul": pendek(judul, 160), "kolom_persen": any("persen" in K.get(n, {}) for n in range(9, 13))}
    return Bacaan("evaluasi-renja", out, tahun, triwulan, info)
