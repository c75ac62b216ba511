"""A fictional but realistic kabupaten, written as the workbooks its units would submit.

:func:`buat_sampel` writes, for "Kabupaten Nusa Rekaan" (an invented place), the Daftar
Unit, the RPJMD and a Renstra per perangkat daerah (five-year targets and three earlier
years of realisasi), a profile (Bab I of the LKjIP), the current year's RKT, PK, RAAPK and monthly CRAAPK up to a chosen
month, budgets down to sub kegiatan with S-shaped absorption, pejabat
administrator/pengawas with their own PK, indicators of every polaritas and agregasi,
some months missing and some submissions late (file times are set to the day each
workbook was "received"). The workbooks with one known mistake each are in
:mod:`kinerja.contoh.salah`. Output is deterministic for a given benih.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from pathlib import Path

import numpy as np

from kinerja.contoh.data import (
    CROSSCUTTING,
    DIJENJANGKAN,
    KETERANGAN,
    MELAYANI,
    PEJABAT,
    PERANGKAT_DAERAH,
    POHON_KAB,
    RPJMD,
    SALAH_KETIK,
    TARGET_BERTENTANGAN,
    TIDAK_MENJUMLAH,
    Ind,
    _indikator,
    _kabupaten,
    _program,
)
from kinerja.core.formatting import format_angka
from kinerja.formulir.daftar import FORMULIR
from kinerja.formulir.tata_letak import BULAN_KAPITAL, kode_formulir
from kinerja.formulir.templat import tulis_formulir

__all__ = ["buat_sampel"]


def _rng(*parts: object) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode()))


def _tulis(value: float, desimal: int) -> str:
    """A number as a clerk writes it: Indonesian format, no needless decimals."""
    text = format_angka(value, desimal)
    return text[: -(desimal + 1)] if desimal and text.endswith("," + "0" * desimal) else text


def _path(ind: Ind, tahun_ke: int) -> float:
    """Target of year ``tahun_ke`` (1–5): a straight line from awal to akhir."""
    return ind.awal + (ind.akhir - ind.awal) * tahun_ke / 5


def _target_teks(ind: Ind, tahun_ke: int) -> str | float:
    if ind.teks:
        return ind.teks[tahun_ke - 1]
    return _tulis(round(_path(ind, tahun_ke), ind.desimal), ind.desimal)


def _aktual(ind: Ind, tahun_ke: float, rng: np.random.Generator) -> float:
    """A plausible realisasi: the target path with noise (sometimes behind, sometimes ahead)."""
    base = _path(ind, tahun_ke)
    spread = abs(ind.akhir - ind.awal) * 0.25 + abs(base) * 0.01
    return max(0.0, base + rng.normal(0.0, spread))


def _kualitatif(ind: Ind, tahun_ke: int, rng: np.random.Generator) -> str:
    target = ind.teks[max(0, min(4, tahun_ke - 1))]
    if target in ("WTP", "WDP"):
        return "WTP" if rng.random() < 0.8 else "WDP"
    ladder = ["C", "CC", "B", "BB", "A", "AA"]
    i = ladder.index(target) + int(rng.choice([-1, 0, 0, 1]))
    return ladder[max(0, min(len(ladder) - 1, i))]


def _stabil_value(ind: Ind, rng: np.random.Generator) -> float:
    if "±" in ind.teks[0]:
        return round(float(rng.normal(3.2, 0.8)), 2)
    return round(float(rng.normal(74, 8)), 2)


def _received(tahun: int, bulan: int, tingkat: str, rng: np.random.Generator) -> dt.datetime | None:
    """Day a CRAAPK arrives: mostly on time, some late, a few never."""
    due = 10 if tingkat == "kabupaten" else 5
    nxt = dt.date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    draw = rng.random()
    if draw < 0.04:
        return None
    day = int(rng.integers(1, due + 1)) if draw < 0.84 else int(rng.integers(due + 1, 25))
    return dt.datetime(nxt.year, nxt.month, day, int(rng.integers(8, 16)), int(rng.integers(0, 60)))


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
    pejabat = {awalan + k: [(awalan + pk, pn, pj) for pk, pn, pj in v] for k, v in PEJABAT.items()}

    # Daftar Unit
    units = [{"no": 1, "kode": kab_kode, "nama": kab_nama, "jenis": "kabupaten", "jabatan": kab_jabatan}]
    for kode, _, nama in pds:
        units.append({"no": len(units) + 1, "kode": kode, "nama": nama, "jenis": "perangkat_daerah", "induk": kab_kode,
                      "jabatan": f"Kepala {nama}"})
        for pk, pn, pj in pejabat.get(kode, []):
            units.append({"no": len(units) + 1, "kode": pk, "nama": pn, "jenis": "pejabat", "induk": kode, "jabatan": pj})
    written.append(_save(FORMULIR["UNIT"], folder / "00_daftar_unit.xlsx", "", tahun, None, units, None,
                         dt.datetime(tahun, 1, 5, 9, 0), benih))

    entries = [(kab_kode, kab_nama, "kabupaten", RPJMD)] + [(k, n, "perangkat_daerah", _indikator(b, n))
                                                           for k, b, n in pds]
    for unit, nama, tingkat, inds in entries:
        rng = _rng(benih, unit)
        ufolder = folder / unit
        written += _renstra(ufolder, unit, nama, tingkat, inds, awal, tahun, rng, benih)
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
    return written


def _pohon(folder, unit, nama, tingkat, inds, programs, pejabat, tahun, tahun_ke, kab_kode, awalan, sendiri,
           benih) -> Path:
    """The unit's pohon kinerja: for the kabupaten its tujuan and sasaran with the crosscutting it
    proposes; for a perangkat daerah its sasaran (under the kabupaten sasaran it serves), its
    programs and kegiatan, the indicators cascaded to its pejabat, and its answers to crosscutting."""
    rows: list[dict] = []
    cross: list[dict] = []

    def node(kode, induk, lvl, kondisi, items, pj=""):
        for j, (ind_nama, satuan, target) in enumerate(items):
            first = j == 0
            rows.append({"no": len(rows) + 1, "kode": kode, "induk": induk if first else "",
                         "tingkat": lvl if first else "", "kondisi": kondisi if first else "", "indikator": ind_nama,
                         "satuan": satuan, "target": target, "penanggung_jawab": pj if first else ""})

    if tingkat == "kabupaten":
        rpjmd = {i.nama: i for i in RPJMD}
        for kode, induk, lvl, kondisi, items in POHON_KAB:
            node(kode, induk, lvl, kondisi,
                 [(x, rpjmd[x].satuan, _target_teks(rpjmd[x], tahun_ke)) if isinstance(x, str) else x for x in items],
                 "Bupati" if lvl == "tujuan" else "Sekretaris Daerah")
        for simpul, kontributor, peran, _ in CROSSCUTTING:
            cross.append({"no": len(cross) + 1, "simpul": simpul, "kontributor": awalan + kontributor, "peran": peran,
                          "status": "diusulkan"})
    else:
        induk = MELAYANI.get(sendiri, "SK4")
        items = []
        for ind in inds:
            target = _target_teks(ind, tahun_ke)
            if (sendiri, ind.nama) == TARGET_BERTENTANGAN[:2]:
                target = TARGET_BERTENTANGAN[2]
            items.append((ind.nama, ind.satuan, target))
        node("S1", f"{kab_kode}/{induk}" if induk else "", "sasaran perangkat daerah", inds[0].sasaran, items,
             f"Kepala {nama}")
        cascaded = {DIJENJANGKAN.get(k.removeprefix(awalan)): k for k, _, _ in pejabat}
        by_name = {i.nama: i for i in inds}
        for pi, (program, kegiatan) in enumerate(programs, start=1):
            utama = pi == len(programs)  # the unit's own service program carries its sasaran indicators
            pitems = [(f"Persentase keluaran {program[8:].lower()} yang tercapai", "%", "100")]
            if utama and (sendiri, TIDAK_MENJUMLAH[1]) == TIDAK_MENJUMLAH[:2]:
                ind = by_name[TIDAK_MENJUMLAH[1]]
                pitems.append((ind.nama, ind.satuan, _target_teks(ind, tahun_ke)))
            node(f"P{pi}", "S1", "program", program, pitems, f"Sekretaris {nama}" if pi == 1 else "Kepala Bidang")
            for ki, (keg, _subs) in enumerate(kegiatan, start=1):
                kitems = [(f"Persentase keluaran kegiatan {keg.lower()} yang tercapai", "%", "100")]
                if len(pitems) > 1:
                    share = TIDAK_MENJUMLAH[2][ki - 1]
                    ind = by_name[TIDAK_MENJUMLAH[1]]
                    kitems.append((ind.nama, ind.satuan, format_angka(round(_path(ind, tahun_ke) * share, 1), 1)))
                node(f"K{pi}.{ki}", f"P{pi}", "kegiatan", keg, kitems)
            if utama:
                for ind_nama, pk_kode in cascaded.items():
                    if ind_nama in by_name:
                        ind = by_name[ind_nama]
                        node(f"J{len(rows) + 1}", f"P{pi}", "jabatan", f"Tercapainya {ind_nama.lower()}",
                             [(ind.nama, ind.satuan, _target_teks(ind, tahun_ke))], pk_kode)
        for simpul, kontributor, peran, jawaban in CROSSCUTTING:
            if kontributor == sendiri and jawaban:
                cross.append({"no": len(cross) + 1, "simpul": f"{kab_kode}/{simpul}", "kontributor": unit,
                              "peran": peran, "status": jawaban,
                              "keterangan": "Tidak ada program yang mendukung sasaran ini" if jawaban == "ditolak" else ""})
    return _save(FORMULIR[kode_formulir("pohon", tingkat)], folder / f"POHON_{tahun}.xlsx", unit, tahun, None, rows,
                 cross, dt.datetime(tahun, 3, 10, 10, 0), benih, nama)


def _save(f, path: Path, unit: str, tahun: int, bulan: int | None, rows, lampiran, when: dt.datetime, benih: int,
          subjudul: str | None = None) -> Path:
    tulis_formulir(f, path, unit=unit, tahun=tahun, bulan=bulan, baris=rows, baris_lampiran=lampiran,
                   subjudul=subjudul, protect=False)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _renstra(folder, unit, nama, tingkat, inds, awal, tahun, rng, benih) -> list[Path]:
    f = FORMULIR[kode_formulir("renstra", tingkat)]
    rows, earlier = [], []
    for i, ind in enumerate(inds, start=1):
        row = {"no": i, "tujuan": "Mewujudkan Nusa Rekaan yang maju dan sejahtera", "sasaran": ind.sasaran,
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


def _monthly(inds, tahun_ke, bulan, rng) -> list[dict]:
    """Monthly targets and realisasi (as written) per indicator."""
    out = []
    for ind in inds:
        target_year = _path(ind, tahun_ke)
        t, r = [], []
        for m in range(1, 13):
            if ind.polaritas == "kualitatif":
                announce = 6 if ind.teks[0] in ("WTP", "WDP") else 3
                t.append(ind.teks[tahun_ke - 1] if m == announce else "–")
                r.append(_kualitatif(ind, tahun_ke, rng) if m == announce else "–")
                continue
            if ind.agregasi == "jumlah":
                # Cumulative split: every month >= 0 and the months add up to the year exactly.
                whole = np.diff(np.round(np.linspace(0.0, round(target_year, ind.desimal), 13), ind.desimal))
                t.append(_tulis(whole[m - 1], ind.desimal))
                r.append(_tulis(max(0.0, round(whole[m - 1] * rng.uniform(0.7, 1.25), ind.desimal)), ind.desimal))
            elif ind.agregasi == "rasio":
                t.append(_target_teks(ind, tahun_ke))
                penyebut = int(rng.integers(40, 400))
                pembilang = min(penyebut, int(round(penyebut * min(1.0, _aktual(ind, tahun_ke, rng) / 100))))
                r.append(f"{pembilang}/{penyebut}")
            elif ind.polaritas == "stabil":
                t.append(_target_teks(ind, tahun_ke))
                r.append(_tulis(_stabil_value(ind, rng), 2))
            else:
                t.append(_target_teks(ind, tahun_ke))
                r.append(_tulis(round(_aktual(ind, tahun_ke - 1 + m / 12, rng), ind.desimal), ind.desimal))
        missing = [m for m in range(1, bulan + 1) if rng.random() < 0.05 and ind.polaritas != "kualitatif"]
        for m in missing:
            r[m - 1] = "-"
        out.append({"target": t, "realisasi": r})
    return out


def _salah_ketik(series: dict, bulan: int) -> None:
    written = series["realisasi"][bulan - 1]
    series["realisasi"][bulan - 1] = written.replace(",", "") if "," in written else written + "0"


def _budget(pagu: dict[str, float], bulan: int, rng) -> tuple[dict, dict]:
    """Monthly plan (S-curve, sums to pagu) and spending that lags and wobbles around it."""
    weights = np.array([2, 4, 6, 7, 8, 9, 9, 10, 10, 11, 11, 13], dtype=float)
    plan, spend = {}, {}
    for program, total in pagu.items():
        p = np.round(total * weights / weights.sum(), -3)
        p[-1] = total - p[:-1].sum()
        plan[program] = p
        pace = rng.uniform(0.75, 1.02)
        spend[program] = np.round(p * pace * rng.uniform(0.6, 1.3, 12), -3)
    return plan, spend


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
    """Bab I material: tugas dan fungsi, struktur, SDM by golongan and pendidikan, isu strategis."""
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
