"""The sample's pohon kinerja workbooks (formulir POHON): for the kabupaten its tujuan and sasaran
with their RPJMD indicators and the crosscutting it proposes; for a perangkat daerah its sasaran
under the kabupaten sasaran it serves, its programs and kegiatan, the indicators cascaded to its
pejabat, and its answers to the crosscutting proposed to it. The deliberate faults of the tree
(a contradicting target, kegiatan targets that do not add up to their program's) are placed
here, from :mod:`kinerja.contoh.data`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja.contoh.data import (
    CROSSCUTTING,
    DIJENJANGKAN,
    MELAYANI,
    POHON_KAB,
    RPJMD,
    TARGET_BERTENTANGAN,
    TIDAK_MENJUMLAH,
)
from kinerja.contoh.kiriman import _save
from kinerja.contoh.nilai import _path, _target_teks
from kinerja.core.formatting import format_angka
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import kode_formulir


def _pohon(folder, unit, nama, tingkat, inds, programs, pejabat, tahun, tahun_ke, kab_kode, awalan, sendiri,
           benih) -> Path:
    """The unit's pohon kinerja: for the kabupaten its tujuan and sasaran with the crosscutting it
    proposes; for a perangkat daerah its sasaran (under the kabupaten sasaran it serves), its
    programs and kegiatan, the indicators cascaded to its pejabat, and its answers to crosscutting."""
    if tingkat == "kabupaten":
        rows, cross = _simpul_kabupaten(tahun_ke), _usulan(awalan)
    else:
        rows = _simpul_pd(nama, inds, programs, pejabat, tahun_ke, kab_kode, awalan, sendiri)
        cross = _jawaban(unit, kab_kode, sendiri)
    return _save(FORMULIR[kode_formulir("pohon", tingkat)], folder / f"POHON_{tahun}.xlsx", unit, tahun, None, rows,
                 cross, dt.datetime(tahun, 3, 10, 10, 0), benih, nama)


def _simpul(rows: list[dict], kode, induk, lvl, kondisi, items, pj="") -> None:
    """Append node ``kode`` to ``rows``: a row per indicator, the node's own columns on the first."""
    for j, (ind_nama, satuan, target) in enumerate(items):
        first = j == 0
        rows.append({"no": len(rows) + 1, "kode": kode, "induk": induk if first else "",
                     "tingkat": lvl if first else "", "kondisi": kondisi if first else "", "indikator": ind_nama,
                     "satuan": satuan, "target": target, "penanggung_jawab": pj if first else ""})


def _simpul_kabupaten(tahun_ke) -> list[dict]:
    """The kabupaten's tujuan and sasaran with their RPJMD indicators."""
    rows: list[dict] = []
    rpjmd = {i.nama: i for i in RPJMD}
    for kode, induk, lvl, kondisi, items in POHON_KAB:
        _simpul(rows, kode, induk, lvl, kondisi,
                [(x, rpjmd[x].satuan, _target_teks(rpjmd[x], tahun_ke)) if isinstance(x, str) else x for x in items],
                "Bupati" if lvl == "tujuan" else "Sekretaris Daerah")
    return rows


def _usulan(awalan) -> list[dict]:
    """The crosscutting the kabupaten proposes to its perangkat daerah."""
    cross: list[dict] = []
    for simpul, kontributor, peran, _ in CROSSCUTTING:
        cross.append({"no": len(cross) + 1, "simpul": simpul, "kontributor": awalan + kontributor, "peran": peran,
                      "status": "diusulkan"})
    return cross


def _simpul_pd(nama, inds, programs, pejabat, tahun_ke, kab_kode, awalan, sendiri) -> list[dict]:
    """A perangkat daerah's sasaran (under the kabupaten sasaran it serves), its programs and
    kegiatan, and the indicators cascaded to its pejabat."""
    rows: list[dict] = []
    induk = MELAYANI.get(sendiri, "SK4")
    items = []
    for ind in inds:
        target = _target_teks(ind, tahun_ke)
        if (sendiri, ind.nama) == TARGET_BERTENTANGAN[:2]:
            target = TARGET_BERTENTANGAN[2]
        items.append((ind.nama, ind.satuan, target))
    _simpul(rows, "S1", f"{kab_kode}/{induk}" if induk else "", "sasaran perangkat daerah", inds[0].sasaran, items,
            f"Kepala {nama}")
    cascaded = {DIJENJANGKAN.get(k.removeprefix(awalan)): k for k, _, _ in pejabat}
    by_name = {i.nama: i for i in inds}
    for pi, (program, kegiatan) in enumerate(programs, start=1):
        utama = pi == len(programs)  # the unit's own service program carries its sasaran indicators
        pitems = [(f"Persentase keluaran {program[8:].lower()} yang tercapai", "%", "100")]
        if utama and (sendiri, TIDAK_MENJUMLAH[1]) == TIDAK_MENJUMLAH[:2]:
            ind = by_name[TIDAK_MENJUMLAH[1]]
            pitems.append((ind.nama, ind.satuan, _target_teks(ind, tahun_ke)))
        _simpul(rows, f"P{pi}", "S1", "program", program, pitems, f"Sekretaris {nama}" if pi == 1 else "Kepala Bidang")
        for ki, (keg, _subs) in enumerate(kegiatan, start=1):
            kitems = [(f"Persentase keluaran kegiatan {keg.lower()} yang tercapai", "%", "100")]
            if len(pitems) > 1:
                share = TIDAK_MENJUMLAH[2][ki - 1]
                ind = by_name[TIDAK_MENJUMLAH[1]]
                kitems.append((ind.nama, ind.satuan, format_angka(round(_path(ind, tahun_ke) * share, 1), 1)))
            _simpul(rows, f"K{pi}.{ki}", f"P{pi}", "kegiatan", keg, kitems)
        if utama:
            for ind_nama, pk_kode in cascaded.items():
                if ind_nama in by_name:
                    ind = by_name[ind_nama]
                    _simpul(rows, f"J{len(rows) + 1}", f"P{pi}", "jabatan", f"Tercapainya {ind_nama.lower()}",
                            [(ind.nama, ind.satuan, _target_teks(ind, tahun_ke))], pk_kode)
    return rows


def _jawaban(unit, kab_kode, sendiri) -> list[dict]:
    """The perangkat daerah's answers to the crosscutting the kabupaten proposed to it."""
    cross: list[dict] = []
    for simpul, kontributor, peran, jawaban in CROSSCUTTING:
        if kontributor == sendiri and jawaban:
            cross.append({"no": len(cross) + 1, "simpul": f"{kab_kode}/{simpul}", "kontributor": unit,
                          "peran": peran, "status": jawaban,
                          "keterangan": "Tidak ada program yang mendukung sasaran ini" if jawaban == "ditolak" else ""})
    return cross
