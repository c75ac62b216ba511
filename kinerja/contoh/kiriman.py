"""The workbooks one unit of the sample submits, one writer per formulir: the Renstra (RPJMD
for the kabupaten) with three earlier years of realisasi, the profile for Bab I of the LKjIP,
the RKT, the RAAPK and each month's CRAAPK, and a pejabat's PK. Every workbook is written by
:func:`kinerja.formulir.templat.tulis_formulir` and gets the file time of the day it was
"received" (``_save``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from kinerja.contoh.data import KETERANGAN, Ind
from kinerja.contoh.nilai import _aktual, _kualitatif, _stabil_value, _target_teks, _tulis
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import BULAN_KAPITAL, kode_formulir
from kinerja.formulir.templat import tulis_formulir


def _save(f, path: Path, unit: str, tahun: int, bulan: int | None, rows, lampiran, when: dt.datetime, benih: int,
          subjudul: str | None = None) -> Path:
    tulis_formulir(f, path, unit=unit, tahun=tahun, bulan=bulan, baris=rows, baris_lampiran=lampiran,
                   subjudul=subjudul, protect=False)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _renstra(folder, unit, nama, tingkat, inds, awal, tahun, rng, benih, wilayah: str) -> list[Path]:
    """The Renstra (RPJMD) workbook; its tujuan names the unit's own kabupaten (``wilayah``)."""
    f = FORMULIR[kode_formulir("renstra", tingkat)]
    rows, earlier = [], []
    for i, ind in enumerate(inds, start=1):
        row = {"no": i, "tujuan": f"Mewujudkan {wilayah} yang maju dan sejahtera", "sasaran": ind.sasaran,
               "indikator": ind.nama, "satuan": ind.satuan, "polaritas": ind.polaritas, "agregasi": ind.agregasi,
               "iku": "Ya" if ind.iku else "Tidak", "definisi": f"{ind.nama} menurut sumber data resmi",
               "sumber_data": "BPS Kabupaten" if tingkat == "kabupaten" else "Data internal perangkat daerah",
               "standar_nasional": ind.standar or None, "indikator_induk": ind.induk or None,
               "kondisi_awal": ind.teks[0] if ind.teks else _tulis(ind.awal, ind.desimal),
               "target_akhir": _target_teks(ind, 5)}
        for k in range(1, 6):
            row[f"target_{k}"] = _target_teks(ind, k)
        rows.append(row)
        for back in (3, 2, 1):
            year = tahun - back
            if ind.polaritas == "kualitatif":
                value = _kualitatif(ind, 1, rng)
            elif ind.polaritas == "stabil":
                value = _tulis(_stabil_value(ind, rng), 2)
            else:
                value = _tulis(round(_aktual(ind, year - awal + 1 - 0.5, rng), ind.desimal), ind.desimal)
            earlier.append({"no": len(earlier) + 1, "indikator": ind.nama, "tahun": year, "realisasi": value,
                            "keterangan": "Data final tahun berkenaan"})
    return [_save(f, folder / f"{f.jenis}_{awal}-{awal + 4}.xlsx", unit, awal, None, rows, earlier,
                  dt.datetime(awal, 6, 30, 10, 0), benih, nama)]


def _rkt(folder, unit, nama, tingkat, inds, programs, pagu, tahun, tahun_ke, rng, benih) -> Path:
    rows = []
    if tingkat == "kabupaten":
        for i, ind in enumerate(inds):
            program = list(pagu)[i % len(pagu)]
            rows.append({"no": i + 1, "sasaran": ind.sasaran, "indikator": ind.nama, "satuan": ind.satuan,
                         "target": _target_teks(ind, tahun_ke), "program": program, "anggaran_program": pagu[program],
                         "penanggung_jawab": "Bappeda"})
        f = FORMULIR["RKT-KAB"]
    else:
        f = FORMULIR["RKT-PD"]
        for i, ind in enumerate(inds):
            program, kegiatan = programs[i % len(programs)]
            first = True
            for k_name, subs in kegiatan:
                keg_pagu = pagu[program] / len(kegiatan)
                for s_name in subs:
                    rows.append({"no": i + 1 if first else None, "sasaran": ind.sasaran if first else None,
                                 "indikator": ind.nama if first else None, "satuan": ind.satuan if first else None,
                                 "target": _target_teks(ind, tahun_ke) if first else None, "program": program,
                                 "kegiatan": k_name, "indikator_kegiatan": f"Jumlah keluaran {k_name.lower()}",
                                 "anggaran_kegiatan": keg_pagu, "sub_kegiatan": s_name,
                                 "indikator_sub_kegiatan": f"Jumlah dokumen {s_name.lower()}",
                                 "anggaran_sub_kegiatan": keg_pagu / len(subs), "penanggung_jawab": "Sekretaris"})
                    first = False
    return _save(f, folder / f"RKT_{tahun}.xlsx", unit, tahun, None, rows, None, dt.datetime(tahun - 1, 12, 20, 10), benih,
                 nama)


def _aksi(jenis, folder, unit, nama, tingkat, inds, monthly, plan, spend, pagu, tahun, tahun_ke, bulan, when, benih) -> Path:
    f = FORMULIR[kode_formulir(jenis, tingkat)]
    rows = []
    programs = list(pagu)
    for i, (ind, series) in enumerate(zip(inds, monthly)):
        program = programs[i % len(programs)]
        for m in range(12):
            row = {"bulan": BULAN_KAPITAL[m], "target": series["target"][m], "bulan_anggaran": BULAN_KAPITAL[m],
                   "target_anggaran": float(plan[program][m])}
            if m == 0:
                row.update({"no": i + 1, "sasaran": ind.sasaran, "indikator": ind.nama, "satuan": ind.satuan,
                            "target_tahunan": _target_teks(ind, tahun_ke), "program": program, "pagu": pagu[program],
                            "penanggung_jawab": "Kepala " + nama if tingkat != "kabupaten" else "Bappeda"})
            if jenis == "CRAAPK" and bulan is not None and m < bulan:
                row["realisasi"] = series["realisasi"][m]
                row["realisasi_anggaran"] = float(spend[program][m])
                if series["realisasi"][m] in ("-", "–"):
                    row["keterangan"] = "Data belum tersedia dari sumber"
                elif m == bulan - 1:
                    row["keterangan"] = KETERANGAN[i % len(KETERANGAN)]
            rows.append(row)
    name = f"RAAPK_{tahun}.xlsx" if jenis == "RAAPK" else f"CRAAPK_{tahun}-{bulan:02d}.xlsx"
    return _save(f, folder / name, unit, tahun, bulan, rows, None, when, benih, nama)


def _profil(folder, unit, nama, tingkat, inds, programs, tahun, rng, benih) -> Path:
    """Bab I material: tugas dan fungsi, struktur, SDM by golongan and pendidikan, isu strategis,
    permasalahan utama; sarana dan prasarana; prestasi and (the kabupaten) lain-lain."""
    short = nama.replace("Pemerintah ", "")
    if tingkat == "kabupaten":
        tugas = [f"Menyelenggarakan urusan pemerintahan yang menjadi kewenangan daerah {short} sesuai asas otonomi "
                 "dan tugas pembantuan."]
        struktur = ["Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat", "Dinas daerah", "Badan daerah",
                    "Kecamatan"]
    else:
        tugas = [f"Membantu Bupati melaksanakan urusan pemerintahan di bidang {short.replace('Dinas ', '').lower()}.",
                 "Merumuskan kebijakan teknis, melaksanakan program, serta memantau, mengevaluasi dan melaporkan "
                 "pelaksanaannya."]
        struktur = ["Kepala", "Sekretariat", *[f"Bidang {p.replace('Program ', '')}" for p, _ in programs[1:]],
                    "Kelompok Jabatan Fungsional"]
    rows = [{"bagian": "tugas dan fungsi", "uraian": t} for t in tugas]
    rows += [{"bagian": "struktur organisasi", "uraian": s_} for s_ in struktur]
    scale = 6 if tingkat == "kabupaten" else 1
    for gol, base in (("Golongan I", 2), ("Golongan II", 12), ("Golongan III", 30), ("Golongan IV", 8)):
        rows.append({"bagian": "sdm golongan", "uraian": gol, "jumlah": int(rng.integers(base, base * 2 + 2)) * scale})
    total = sum(r["jumlah"] for r in rows if r["bagian"] == "sdm golongan")
    # The same staff counted by education: shares of the same total, the last takes the rest.
    shares = rng.dirichlet([10, 6, 28, 5]) * total
    counts = [int(x) for x in shares[:-1]]
    for edu, n in zip(("SMA/sederajat", "Diploma III", "Sarjana (S1/D4)", "Magister (S2)"), [*counts, total - sum(counts)]):
        rows.append({"bagian": "sdm pendidikan", "uraian": edu, "jumlah": n})
    rows += [{"bagian": "isu strategis", "uraian": f"{ind.nama} belum mencapai target akhir periode"} for ind in inds[:2]]
    rows.append({"bagian": "isu strategis", "uraian": "Kualitas dan ketepatan waktu data kinerja bulanan"})
    # The rest of Bab I, analysis 6 and the Lampiran; drawn from no random number, so the rest of
    # the sample stays as it was. Only the kabupaten lists "lain-lain": a unit's LKjIP names the gap.
    rows.append({"bagian": "permasalahan utama", "uraian": "Data kinerja dari lapangan sering terlambat masuk"})
    rows.append({"bagian": "sarana dan prasarana", "uraian": "Kendaraan dinas roda empat: 2 unit"
                 if tingkat != "kabupaten" else "Gedung pusat pemerintahan: 1 unit"})
    rows.append({"bagian": "prestasi", "uraian": f"Penghargaan keterbukaan informasi publik tahun {tahun - 1}"})
    if tingkat == "kabupaten":
        rows.append({"bagian": "lain-lain", "uraian": "Rekapitulasi pengaduan masyarakat melalui kanal SP4N-LAPOR!"})
    for i, r in enumerate(rows, start=1):
        r["no"] = i
    return _save(FORMULIR[kode_formulir("profil", tingkat)], folder / f"PROFIL_{tahun}.xlsx", unit, tahun, None, rows,
                 None, dt.datetime(tahun, 1, 20, 9, 0), benih, nama)


def _pejabat(folder, kode, nama, tahun, tahun_ke, rng, benih, dijenjangkan: Ind | None = None) -> Path:
    """A pejabat's PK: the indicator his perangkat daerah cascaded to him (its realisasi comes from
    the perangkat daerah's CRAAPK) and one of his own."""
    first = ({"no": 1, "sasaran": f"Tercapainya {dijenjangkan.nama.lower()}", "indikator": dijenjangkan.nama,
              "satuan": dijenjangkan.satuan, "target": _target_teks(dijenjangkan, tahun_ke),
              "polaritas": dijenjangkan.polaritas, "agregasi": dijenjangkan.agregasi} if dijenjangkan else
             {"no": 1, "sasaran": f"Terlaksananya kegiatan {nama.lower()}", "indikator": f"Persentase kegiatan "
              f"{nama.lower()} yang terlaksana tepat waktu", "satuan": "%", "target": "90", "polaritas": "positif",
              "agregasi": "akhir"})
    rows = [first,
            {"no": 2, "sasaran": f"Terlaksananya kegiatan {nama.lower()}", "indikator": f"Jumlah laporan {nama.lower()}",
             "satuan": "laporan", "target": "12", "polaritas": "positif", "agregasi": "jumlah"}]
    lampiran = [{"program": f"Kegiatan {nama}", "anggaran": float(rng.integers(5, 30)) * 1e7, "keterangan": "APBD"}]
    return _save(FORMULIR[kode_formulir("pk", "pejabat")], folder / f"PK_{tahun}.xlsx", kode, tahun, None, rows, lampiran,
                 dt.datetime(tahun, 2, 20, 10, 0), benih, nama)
