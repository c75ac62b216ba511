"""A fictional but realistic kabupaten, written as the workbooks its units would submit.

:func:`buat_sampel` writes, for "Kabupaten Nusa Rekaan" (an invented place), the Daftar
Unit, the RPJMD and a Renstra per perangkat daerah (five-year targets and three earlier
years of realisasi), a profile (Bab I of the LKjIP), the Lembar Kerja Evaluasi of each
perangkat daerah (:mod:`kinerja.contoh.lke`), the current year's RKT, PK, RAAPK and monthly CRAAPK up to a chosen
month, budgets down to sub kegiatan with S-shaped absorption, pejabat
administrator/pengawas with their own PK, indicators of every polaritas and agregasi,
some months missing and some submissions late (file times are set to the day each
workbook was "received"). The workbooks with one known mistake each are in
:mod:`kinerja.contoh.salah`. Output is deterministic for a given benih.

This module walks the units; the numbers are made in :mod:`kinerja.contoh.nilai`, each unit's
workbooks written by :mod:`kinerja.contoh.kiriman` and its pohon kinerja by
:mod:`kinerja.contoh.pohon`, from the tables of :mod:`kinerja.contoh.data`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja.contoh.data import (
    DIJENJANGKAN,
    PEJABAT,
    PERANGKAT_DAERAH,
    RPJMD,
    SALAH_KETIK,
    _indikator,
    _kabupaten,
    _program,
    pimpinan,
)
from kinerja.contoh.lke import lke_sampel
from kinerja.contoh.kiriman import _aksi, _pejabat, _profil, _renstra, _rkt, _save
from kinerja.contoh.nilai import _budget, _monthly, _received, _rng, _salah_ketik, _target_teks
from kinerja.contoh.pohon import _pohon
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import kode_formulir

__all__ = ["buat_sampel"]


def buat_sampel(
    folder: str | Path,
    tahun: int = 2026,
    bulan: int = 9,
    benih: int = 2026,
    skala: int = 1,
    kabupaten: int = 1,
) -> list[Path]:
    """Write the sample kabupaten's workbooks into ``folder``; returns the files written.

    ``skala`` multiplies the number of perangkat daerah (for benchmarks: 10 gives a
    kabupaten ten times larger). ``kabupaten`` > 1 writes a province: Nusa Rekaan and
    N − 1 more kabupaten, each in ``folder/<kode>/`` with its own Daftar Unit and units
    (codes prefixed with the kabupaten's, e.g. ``bukit-rekaan-dinkes``), for one store.
    """
    folder = Path(folder)
    if kabupaten > 1:
        return [p for i in range(kabupaten)
                for p in _satu_kabupaten(folder / _kabupaten(i)[0], tahun, bulan, benih, skala, i)]
    return _satu_kabupaten(folder, tahun, bulan, benih, skala, 0)


def _daftar_unit(kab_kode: str, kab_nama: str, kab_jabatan: str, pds: list[tuple], pejabat: dict) -> list[dict]:
    """The Daftar Unit's rows: the kabupaten, each perangkat daerah and its pejabat, with who holds each post."""
    units = [{"no": 1, "kode": kab_kode, "nama": kab_nama, "jenis": "kabupaten", "jabatan": kab_jabatan}
             | pimpinan(kab_kode, kabupaten=True)]
    for kode, _, nama in pds:
        units.append({"no": len(units) + 1, "kode": kode, "nama": nama, "jenis": "perangkat_daerah", "induk": kab_kode,
                      "jabatan": f"Kepala {nama}"} | pimpinan(kode))
        for pk, pn, pj in pejabat.get(kode, []):
            units.append({"no": len(units) + 1, "kode": pk, "nama": pn, "jenis": "pejabat", "induk": kode,
                          "jabatan": pj} | pimpinan(pk))
    return units


def _satu_kabupaten(folder: Path, tahun: int, bulan: int, benih: int, skala: int, ke: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    awal = tahun - 1  # the RPJMD/Renstra period runs from last year for five years
    tahun_ke = tahun - awal + 1
    written: list[Path] = []
    kab_kode, kab_nama, kab_jabatan, awalan = _kabupaten(ke)
    wilayah = kab_nama.removeprefix("Pemerintah Kabupaten ")
    # (code in the store, code of the sample's own tables, name)
    pds = [(awalan + c, c, (n if i == 0 else f"{n} {i + 1}").replace("Nusa Rekaan", wilayah))
           for i in range(skala) for k, n in PERANGKAT_DAERAH for c in [k if i == 0 else f"{k}-{i}"]]
    asli = [kode for kode, _, _ in pds[:len(PERANGKAT_DAERAH)]]  # the sample's own units, not --skala's copies
    pejabat = {awalan + k: [(awalan + pk, pn, pj) for pk, pn, pj in v] for k, v in PEJABAT.items()}

    units = _daftar_unit(kab_kode, kab_nama, kab_jabatan, pds, pejabat)
    written.append(_save(FORMULIR["UNIT"], folder / "00_daftar_unit.xlsx", "", tahun, None, units, None,
                         dt.datetime(tahun, 1, 5, 9, 0), benih))

    entries = [(kab_kode, kab_nama, "kabupaten", RPJMD)] + [(k, n, "perangkat_daerah", _indikator(b, n))
                                                           for k, b, n in pds]
    for unit, nama, tingkat, inds in entries:
        rng = _rng(benih, unit)
        ufolder = folder / unit
        written += _renstra(ufolder, unit, nama, tingkat, inds, awal, tahun, rng, benih, wilayah)
        programs = _program(unit, nama)
        written.append(_profil(ufolder, unit, nama, tingkat, inds, programs, tahun, _rng(benih, unit, "profil"), benih))
        pagu = {p: float(rng.integers(8, 60)) * 1e8 for p, _ in programs}
        written.append(_rkt(ufolder, unit, nama, tingkat, inds, programs, pagu, tahun, tahun_ke, rng, benih))
        written.append(_save(FORMULIR[kode_formulir("pk", tingkat)], ufolder / f"PK_{tahun}.xlsx", unit,
                             tahun, None,
                             [{"no": i + 1, "sasaran": ind.sasaran, "indikator": ind.nama, "satuan": ind.satuan,
                               "target": _target_teks(ind, tahun_ke)} for i, ind in enumerate(inds)],
                             [{"program": p, "anggaran": v, "keterangan": "APBD"} for p, v in pagu.items()],
                             dt.datetime(tahun, 2, 15, 10, 0), benih, nama))
        monthly = _monthly(inds, tahun_ke, bulan, rng)
        if unit == awalan + SALAH_KETIK[0]:
            _salah_ketik(monthly[SALAH_KETIK[1]], bulan)
        plan, spend = _budget(pagu, bulan, rng)
        written.append(_aksi("RAAPK", ufolder, unit, nama, tingkat, inds, monthly, plan, spend, pagu, tahun, tahun_ke, None,
                             dt.datetime(tahun, 2, 28, 11, 0), benih))
        for m in range(1, bulan + 1):
            when = _received(tahun, m, tingkat, _rng(benih, unit, "kirim", m))
            if when is None:
                continue
            written.append(_aksi("CRAAPK", ufolder, unit, nama, tingkat, inds, monthly, plan, spend, pagu, tahun,
                                 tahun_ke, m, when, benih))
        for pk_kode, pk_nama, _ in pejabat.get(unit, []):
            written.append(_pejabat(folder / pk_kode, pk_kode, pk_nama, tahun, tahun_ke, rng, benih,
                                    {i.nama: i for i in inds}.get(DIJENJANGKAN.get(pk_kode.removeprefix(awalan), ""))))
        sendiri = unit.removeprefix(awalan) if tingkat != "kabupaten" else ""
        written.append(_pohon(ufolder, unit, nama, tingkat, inds, programs, pejabat.get(unit, []), tahun, tahun_ke,
                              kab_kode, awalan, sendiri, benih))
        if tingkat == "perangkat_daerah" and ke == 0 and unit in asli:  # the Inspektorat's evaluasi AKIP
            written += lke_sampel(ufolder, unit, nama, tahun, benih, asli.index(unit))
    return written
