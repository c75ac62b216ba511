"""The checks run on every formulir before anything is loaded, and the rows it yields: one
module per formulir (``unit``, ``profil``, ``pohon``, ``renstra``, ``rencana`` for RKT and PK,
``rencana_aksi`` for RAAPK and CRAAPK) on the shared column checker (``pemeriksa``).

Each rule has a stable code (``V01`` …) so tests and users can refer to it. Problems
are collected, never raised: a clerk sees all of them at once. Checks are vectorised
over the sheet's rows; only the rows that fail are formatted into messages.

=====  ===================================================================================
V01    not a readable .xlsx                     V21  polaritas not one of the four
V02    no formulir code in B3                   V22  agregasi not one of the six
V03    unit code empty                          V23  IKU not Ya/Tidak
V04    unit not in the Daftar Unit              V24  indikator induk unknown (warning)
V05    unit of another level than the form      V25  earlier realisasi for an unknown indicator
V06    tahun not a year                         V26  tahun of an earlier realisasi not a year
V07    bulan laporan not a month                V27  indicator not in the unit's Renstra/RPJMD
V08    numbered columns shifted                 V28  target differs from Renstra (warning)
V09    second sheet missing                     V29  month rows not Januari … Desember
V10    required cell empty                      V30  indicator not in the PK of that year
V11    duplicate indicator/program/unit         V31  annual target differs from the PK
V12    target not readable                      V32  jumlah: monthly targets ≠ annual target
V13    realisasi not readable                   V33  monthly anggaran ≠ pagu (warning)
V14    anggaran not a plain number              V34  realisasi after the reported month
V15    negative anggaran                        V35  negative target/realisasi of a counted indicator
V16    duplicate unit code                      V36  realisasi anggaran above pagu (warning)
V17    unit code with other characters          V37  one program with two different pagu
V18    unit jenis unknown                       V38  monthly target differs from the RAAPK
V19    induk unit unknown                       V39  no data rows
V20    not exactly one kabupaten                V40  realisasi is a range or a bound
V00    the file could not be processed      V41  rasio realisasi not written as a/b
V42    formula without a stored value           V46  the sheet's columns are another formulir's
V43    Excel error value (#N/A, #REF! …)        V47  realisasi far from its target (warning)
V44    cell longer than Excel's 32.767          V48  file larger than the limit
V45    more than one formulir in a workbook     V49  profile part unknown
                                                V50  staff count not a whole number
                                                V51  staff by golongan ≠ by pendidikan (warning)
V52    pohon node code with other characters    V56  pohon node is its own ancestor (a cycle)
V53    a node's rows disagree (tingkat, induk)  V57  penanggung jawab is another unit's pejabat
V54    pohon tingkat unknown                    V58  crosscutting unit unknown or the unit itself
V55    parent node unknown                      V59  crosscutting status unknown or not the
                                                     writer's to give (warning)
V60    merged range over the data area          V62  hidden row with data, hidden form column
V61    form sheet hidden or very hidden         V63  data right of the form's last column
V64    data cell shown as other text (number    V65  two zip members of one name
       format, font the colour of its fill)     V66  a zip member named outside the archive
V70    realisasi for a month not ended when     V73  realisasi implausible as written (warning)
       the file was received
V71    bulan laporan not ended when received    V74  unit not exactly one level below its induk
V72    satuan differs from the Renstra/PK       V75  unit code too long or reserved on Windows
V77    a link (symlink) instead of a file       V78  a FIFO, device or socket instead of a file
V82    a unit's clerk sent another unit's       V83  an upload on the page above its limits
       formulir (Kirim Formulir page)                (size, number of files)
V84    the visitor may not send (pimpinan)
=====  ===================================================================================

The Lembar Kerja Evaluasi has its own codes J07–J25 (:mod:`kinerja.formulir.validasi.lke`).
"""

from __future__ import annotations

import pandas as pd

from kinerja.formulir.daftar import JENIS_FORMULIR
from kinerja.formulir.tata_letak import TINGKAT, Formulir
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.lke import _lke
from kinerja.formulir.validasi.pohon import _pohon
from kinerja.formulir.validasi.profil import _profil
from kinerja.formulir.validasi.rencana import _pk, _rkt
from kinerja.formulir.validasi.rencana_aksi import _rencana_aksi
from kinerja.formulir.validasi.renstra import _renstra
from kinerja.formulir.validasi.unit import _unit
from kinerja.store.store import Store

__all__ = ["periksa"]

# The validator of each formulir, by the name the registry (formulir.daftar.JENIS_FORMULIR) gives.
_PEMERIKSA = {f.__name__: f for f in (_unit, _profil, _pohon, _renstra, _rkt, _pk, _rencana_aksi, _lke)}


def periksa(f: Formulir, ident: dict, main: Lembar, second: Lembar | None, store: Store,
            p: Penampung) -> dict[str, pd.DataFrame] | None:
    """Run every check for formulir ``f``; return the rows to load (None if nothing to load)."""
    if main.data.empty:
        p.galat("V39", main.nama, "", f"tidak ada baris data di bawah nomor kolom; formulir {f.kode} kosong")
        return None
    units = store.current("unit")
    if f.jenis == "UNIT":  # its validator needs no identity block
        return _PEMERIKSA[JENIS_FORMULIR["UNIT"].pemeriksa](main, p, units)
    unit = ident["unit"]
    known = units[units["kode"] == unit] if not units.empty else units
    if unit and known.empty:
        p.galat("V04", main.nama, "B4", f"kode unit \"{unit}\" tidak ada di Daftar Unit; muat Daftar Unit lebih dahulu "
                "atau periksa ejaannya")
        return None
    if unit and known.iloc[0]["jenis"] != f.tingkat:
        p.galat("V05", main.nama, "B4", f"unit \"{unit}\" adalah {TINGKAT[known.iloc[0]['jenis']]}, sedangkan formulir "
                f"{f.kode} untuk {TINGKAT[f.tingkat]}")
        return None
    if not unit or ident["tahun"] is None:
        return None
    handler = _PEMERIKSA[JENIS_FORMULIR[f.jenis].pemeriksa]
    return handler(f, ident, main, second, store, p)
