"""Reader of the Evaluasi terhadap Hasil Renja Perangkat Daerah form and of the Evaluasi
terhadap Hasil RKPD, in the layouts Pemda publish (:mod:`kinerja.impor.renja.tata`: Permendagri
86/2017, the older Permendagri 54/2010 form numbered 1–17, the RKPD evaluation numbered 1–16), as
perangkat daerah fill them every quarter.

The form's columns are numbered 1, 2, 3 … on one header row; everything else about a real
file varies: rows above the header, extra unnumbered columns (visi, misi…), merged
multi-row header texts, a ``K``/``Rp.``/``%`` row under the numbers (``Rp. (000)``: thousands),
formulas with cached values, the hierarchy urusan → program → kegiatan → sub kegiatan shown
only by position and SUM rows, two numbered indicators in one cell, summary rows (rata-rata
capaian, predikat), notes and a signature block at the end. :func:`baca_evaluasi_renja` finds
the header by the numbering row, recognises the layout by its header texts (a column that says
something else stops the file), reads every row to the signature block with the numbers by the
role each column has in the 86/2017 form, and returns the long table of
:mod:`kinerja.impor.hasil` with what it had to decide written in ``catatan``:

* quarterly K are the quarter's realisasi as printed (``realisasi_tertulis``). For an
  indicator measured at a point (agregasi ``akhir``: percentages, indices) the year's
  realisasi is the value at the last quarter, not the sum the form's (13) = (9)+…+(12)
  makes; where the form also has a per-quarter % column (progress against the year's
  target), that value is % × target;
* (14) = (7) + (13) and (15) = (14) / (6) × 100 likewise hold for summed indicators only:
  for an ``akhir`` indicator the Renstra realisasi to date is this year's value. Where a
  printed (13), (14), (15) or a printed capaian of the year contradicts the indicator's
  agregasi or the computed capaian, the right value is used and the printed one named in
  ``catatan``;
* polarity and agregasi come from :func:`kinerja.core.polaritas.tebak_meta` (the store's
  metadata, else ``parameters/polaritas.yaml``), a guess marked as such.

One module per step: the layouts (``tata``), where a header and its columns are (``kepala``), its
data rows (``baris``), their hierarchy (``tingkat``), the long table (``panjang``) and what is
computed and checked on it (``periksa``).
"""

from __future__ import annotations

import pandas as pd

from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.hasil import Bacaan, rapikan
from kinerja.impor.lembar import Grid, sel
from kinerja.impor.lewat import lewati_baris
from kinerja.impor.renja.baris import baca_baris, nama_ringkasan
from kinerja.impor.renja.kepala import ANGKA, baca_judul, cari_tahun, kolom, satuan_sendiri, susun_kolom
from kinerja.impor.renja.panjang import tabel_panjang
from kinerja.impor.renja.sebar import sebar_kepala
from kinerja.impor.renja.sumber import lembar_lain, triwulan_formulir
from kinerja.impor.renja.tanpa_nomor import periksa_tanpa_nomor, temukan_kepala
from kinerja.impor.renja.tata import kenali_tata
from kinerja.impor.renja.tertulis import kolom_kumulatif
from kinerja.impor.renja.tingkat import tetapkan_tingkat
from kinerja.impor.tampak import periksa_tampak

__all__ = ["baca_evaluasi_renja"]

RINGKASAN = "ringkasan (rata-rata capaian, predikat, jumlah) atau catatan di bawah tabel"


def baca_evaluasi_renja(grids: list[Grid], berkas: str, p: Penampung, tahun: int | None = None,
                        dikenal: pd.DataFrame | None = None, triwulan: int | None = None) -> Bacaan | None:
    """Read the first sheet of ``grids`` that holds a Renja or RKPD evaluation; see the module docstring.

    ``dikenal`` is the store's indicator metadata of the unit (for polarity and agregasi), ``triwulan``
    the quarter the user says the file reports (:mod:`kinerja.impor.renja.sumber`); the other sheets
    holding the form are named, not read.
    Problems go to ``p`` located by sheet and cell; None when no sheet is a Renja evaluation.
    """
    for grid in grids:
        kepala = temukan_kepala(grid)
        if kepala is not None:
            lembar_lain(grids, grid, p, temukan_kepala)
            return _baca(sebar_kepala(grid, kepala), kepala, berkas, p, tahun, dikenal, triwulan)
    p.galat("I01", "", "", "tidak ditemukan baris nomor kolom (1), (2), (3) … (12) formulir Evaluasi terhadap Hasil "
            "Renja, maupun kepala tabel bertanda No/Indikator/Target/Realisasi di atas baris K/Rp, di lembar mana "
            "pun; pastikan baris penomoran kolom formulir ada di berkas")
    return None


def _baca(grid: Grid, kepala: dict, berkas: str, p: Penampung, tahun: int | None,
          dikenal: pd.DataFrame | None, triwulan: int | None) -> Bacaan:
    ws = grid.lembar
    if not periksa_tanpa_nomor(grid, kepala, p):
        return Bacaan("evaluasi-renja", rapikan([]), tahun, None, {"lembar": ws, "baris_judul": kepala["baris"]})
    tata = kenali_tata(grid, kepala, p)
    if not p.ada_galat:
        susun_kolom(grid, kepala, tata, p)
        satuan_sendiri(grid, kepala)
    info = {"lembar": ws, "baris_judul": kepala["baris"], "baris_data": 0,
            "tata_letak": tata.nama + (" (dikenali dari judul kolom; tanpa baris nomor kolom)"
                                       if kepala.get("tanpa_nomor") else "")}
    if p.ada_galat:  # a header that is not this layout's: nothing below it is read, but the title's year is said
        return Bacaan("evaluasi-renja", rapikan([]), cari_tahun(grid, kepala, baca_judul(grid, kepala), tahun)[0],
                      None, info)
    K = kepala["kolom"]
    judul = baca_judul(grid, kepala)
    given = tahun is not None
    tahun, renstra = cari_tahun(grid, kepala, judul, tahun)
    triwulan, dari = triwulan_formulir(grid, kepala, judul, triwulan, p)
    if p.ada_galat:
        return Bacaan("evaluasi-renja", rapikan([]), tahun, None, info)
    found = baca_baris(grid, kepala, p)
    rows, skipped = found["rows"], found["skipped"]
    lewati_baris(p, "I38", ws, [(sel(r, 1), f"baris {r} berangka tanpa uraian maupun indikator (baris jumlah)")
                                for r in skipped], "berupa baris jumlah tanpa uraian", tingkat="peringatan")
    lewati_baris(p, "I51", ws, [(sel(r, 1), nama_ringkasan(r, label)) for r, label in found["ringkasan"]],
                 f"berupa baris {RINGKASAN}", tingkat="peringatan")
    lewati_baris(p, "I52", ws, [(sel(r, 1), f"baris {r} hanya berisi galat Excel (mis. #N/A dari rumus pencarian) "
                                "pada uraian, indikator dan angkanya (baris templat yang tidak terpakai)")
                                for r in found["galat"]], "hanya berisi galat Excel", tingkat="peringatan")
    if not rows:
        p.galat("I04", ws, sel(kepala["mulai"], 1), "tidak ada baris data di bawah baris nomor kolom")
        return Bacaan("evaluasi-renja", rapikan([]), tahun, triwulan, info)
    periksa_tampak(grid, [row["r"] for row in rows], [c for n, parts in K.items() if n in ANGKA for c in parts.values()], p)
    tetapkan_tingkat(grid, rows, [c for c in (kolom(K, 8, "rp"), kolom(K, 6, "rp")) if c is not None])
    if triwulan is None:  # the last quarter with any realisasi
        filled = [q for q in range(1, 5) if any((row["v"].get((8 + q, "k")) or row["v"].get((8 + q, "rp")))
                                                 for row in rows)]
        triwulan, dari = (max(filled), "kolom triwulan terakhir yang berisi realisasi") if filled else (None, "")
    kumulatif, asal = kolom_kumulatif(grid, kepala), []
    out = tabel_panjang(rows, berkas, ws, triwulan, dikenal, p, kepala["nomor"], asal, kumulatif)
    info |= {"baris_data": len(rows), "unit_nama": found["unit_nama"], "tanda_tangan": found["ttd"],
             "dilewati": sorted([(r, "jumlah tanpa uraian") for r in skipped] + [(r, RINGKASAN) for r, _ in found["ringkasan"]]
                                + [(r, "berisi galat Excel saja") for r in found["galat"]]
                                + ([(found["ttd"], "awal blok tanda tangan (baris di bawahnya tidak dibaca)")]
                                   if found["ttd"] else [])),
             "tahun_renstra": int(renstra[-1]) if renstra else None, "judul": pendek(judul, 160),
             "kolom_persen": any("persen" in K.get(n, {}) for n in range(9, 13)), "pengali": kepala["pengali"],
             "satuan_rupiah": kepala["satuan_rupiah"], "kumulatif": kumulatif, "asal_meta": asal,
             "periode_dari": "; ".join(([f"tahun dari {'--tahun' if given else 'judul formulir'}"] if tahun else [])
                                       + ([f"triwulan dari {dari}"] if triwulan else [])) or None}
    return Bacaan("evaluasi-renja", out, tahun, triwulan, info)
