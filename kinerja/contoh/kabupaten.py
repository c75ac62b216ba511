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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kinerja.core.formatting import format_angka
from kinerja.formulir.daftar import BULAN_KAPITAL, FORMULIR, kode_formulir
from kinerja.formulir.templat import tulis_formulir

__all__ = ["SALAH_KETIK", "buat_sampel", "KABUPATEN"]

KABUPATEN = ("nusa-rekaan", "Pemerintah Kabupaten Nusa Rekaan", "Bupati Nusa Rekaan")
# The other kabupaten of a sample province (``buat_sampel(kabupaten=N)``), as fictional as the first.
_PROVINSI = ("Bukit Rekaan", "Lembah Rekaan", "Pesisir Rekaan", "Danau Rekaan", "Tanjung Rekaan", "Rimba Rekaan",
             "Gunung Rekaan", "Padang Rekaan", "Teluk Rekaan")

PERANGKAT_DAERAH = [
    ("setda", "Sekretariat Daerah"), ("setwan", "Sekretariat DPRD"), ("inspektorat", "Inspektorat"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah"), ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("bapenda", "Badan Pendapatan Daerah"), ("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah"), ("kesbangpol", "Badan Kesatuan Bangsa dan Politik"),
    ("disdik", "Dinas Pendidikan"), ("dinkes", "Dinas Kesehatan"), ("rsud", "RSUD Nusa Rekaan"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"), ("perkim", "Dinas Perumahan dan Kawasan Permukiman"),
    ("satpolpp", "Satuan Polisi Pamong Praja"), ("dinsos", "Dinas Sosial"), ("disnaker", "Dinas Tenaga Kerja"),
    ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"), ("dkp", "Dinas Ketahanan Pangan"),
    ("dlh", "Dinas Lingkungan Hidup"), ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"), ("dppkb", "Dinas Pengendalian Penduduk dan KB"),
    ("dishub", "Dinas Perhubungan"), ("diskominfo", "Dinas Komunikasi dan Informatika"),
    ("diskopukm", "Dinas Koperasi dan Usaha Mikro"), ("dpmptsp", "Dinas Penanaman Modal dan PTSP"),
    ("dispora", "Dinas Pemuda dan Olahraga"), ("dispar", "Dinas Pariwisata"),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan"), ("diskan", "Dinas Perikanan"), ("distan", "Dinas Pertanian"),
    ("disdagperin", "Dinas Perdagangan dan Perindustrian"), ("disbud", "Dinas Kebudayaan"),
    ("kec-kota", "Kecamatan Kota Rekaan"), ("kec-utara", "Kecamatan Rekaan Utara"),
    ("kec-selatan", "Kecamatan Rekaan Selatan"), ("kec-timur", "Kecamatan Rekaan Timur"),
    ("kec-barat", "Kecamatan Rekaan Barat"), ("kec-pesisir", "Kecamatan Pesisir"),
]

PEJABAT = {
    "dinkes": [("dinkes-kesmas", "Bidang Kesehatan Masyarakat", "Kepala Bidang Kesehatan Masyarakat"),
               ("dinkes-p2p", "Bidang Pencegahan dan Pengendalian Penyakit", "Kepala Bidang P2P")],
    "disdik": [("disdik-sd", "Bidang Pembinaan Sekolah Dasar", "Kepala Bidang Pembinaan SD")],
    "dpupr": [("dpupr-bm", "Bidang Bina Marga", "Kepala Bidang Bina Marga")],
    "bappeda": [("bappeda-pe", "Bidang Perencanaan dan Evaluasi", "Kepala Bidang Perencanaan dan Evaluasi")],
    "dinsos": [("dinsos-rehsos", "Seksi Rehabilitasi Sosial", "Kepala Seksi Rehabilitasi Sosial")],
}


@dataclass(frozen=True)
class Ind:
    """An indicator of the sample: name, unit, polarity, aggregation, target path."""

    nama: str
    satuan: str
    polaritas: str
    agregasi: str
    awal: float  # condition before the period
    akhir: float  # end-of-period target
    desimal: int = 2
    induk: str = ""
    iku: bool = True
    teks: tuple[str, ...] = ()  # fixed written targets per year (ranges, grades)
    standar: str = ""
    sasaran: str = ""


RPJMD = [
    Ind("Angka kemiskinan", "%", "negatif", "akhir", 9.8, 7.5, sasaran="Menurunnya kemiskinan dan pengangguran"),
    Ind("Tingkat pengangguran terbuka", "%", "negatif", "akhir", 5.6, 4.2, sasaran="Menurunnya kemiskinan dan pengangguran"),
    Ind("Laju inflasi", "%", "stabil", "akhir", 3.0, 3.0, teks=("3±1",) * 5, sasaran="Stabilnya perekonomian daerah"),
    Ind("Pertumbuhan ekonomi", "%", "positif", "akhir", 4.6, 5.6, sasaran="Stabilnya perekonomian daerah"),
    Ind("Indeks pembangunan manusia", "poin", "positif", "akhir", 70.1, 73.0, sasaran="Meningkatnya kualitas SDM"),
    Ind("Angka kematian ibu", "per 100.000 KH", "negatif", "akhir", 118, 90, desimal=0, standar="183",
        sasaran="Meningkatnya kualitas SDM"),
    Ind("Opini BPK atas LKPD", "opini", "kualitatif", "akhir", 0, 0, teks=("WTP",) * 5,
        sasaran="Terwujudnya tata kelola pemerintahan yang akuntabel"),
    Ind("Predikat SAKIP Kabupaten", "predikat", "kualitatif", "akhir", 0, 0, teks=("BB", "BB", "A", "A", "A"),
        sasaran="Terwujudnya tata kelola pemerintahan yang akuntabel"),
]

KHUSUS: dict[str, list[Ind]] = {
    "dinkes": [Ind("Angka kematian ibu", "kasus", "negatif", "jumlah", 9, 6, desimal=0, induk="Angka kematian ibu"),
               Ind("Persentase balita stunting", "%", "negatif", "akhir", 21.0, 14.0, standar="14"),
               Ind("Cakupan imunisasi dasar lengkap", "%", "positif", "rasio", 88.0, 95.0, standar="95")],
    "disdik": [Ind("Rata-rata lama sekolah", "tahun", "positif", "akhir", 7.9, 8.6, induk="Indeks pembangunan manusia"),
               Ind("Angka partisipasi murni SD", "%", "positif", "rasio", 96.0, 99.0)],
    "rsud": [Ind("Bed occupancy rate (BOR)", "%", "stabil", "rata-rata", 70, 70, teks=("60–85",) * 5, standar="60–85"),
             Ind("Net death rate", "‰", "negatif", "rata-rata", 28, 22)],
    "disnaker": [Ind("Tingkat pengangguran terbuka", "%", "negatif", "akhir", 5.6, 4.2,
                     induk="Tingkat pengangguran terbuka"),
                 Ind("Jumlah pencari kerja yang ditempatkan", "orang", "positif", "jumlah", 600, 900, desimal=0)],
    "bappeda": [Ind("Angka kemiskinan", "%", "negatif", "akhir", 9.8, 7.5, induk="Angka kemiskinan"),
                Ind("Persentase rekomendasi evaluasi yang ditindaklanjuti", "%", "positif", "rasio", 70, 90)],
    "bpkad": [Ind("Opini BPK atas LKPD", "opini", "kualitatif", "akhir", 0, 0, teks=("WTP",) * 5,
                  induk="Opini BPK atas LKPD")],
    "inspektorat": [Ind("Predikat SAKIP Kabupaten", "predikat", "kualitatif", "akhir", 0, 0,
                        teks=("BB", "BB", "A", "A", "A"), induk="Predikat SAKIP Kabupaten"),
                    Ind("Persentase temuan yang ditindaklanjuti", "%", "positif", "rasio", 75, 95)],
    "dpmptsp": [Ind("Rata-rata waktu penyelesaian perizinan", "hari", "negatif", "rata-rata", 7, 3)],
    "bpbd": [Ind("Waktu tanggap darurat terlama", "jam", "negatif", "maks", 12, 6, desimal=0)],
    "dkp": [Ind("Cadangan pangan pemerintah terendah", "ton", "positif", "min", 40, 80, desimal=0)],
    "disdagperin": [Ind("Laju inflasi", "%", "stabil", "akhir", 3.0, 3.0, teks=("3±1",) * 5, induk="Laju inflasi")],
    "dpupr": [Ind("Persentase jalan kabupaten kondisi mantap", "%", "positif", "akhir", 68, 80),
              Ind("Panjang jalan yang direhabilitasi", "km", "positif", "jumlah", 40, 60, desimal=1)],
    "dinsos": [Ind("Persentase PPKS yang tertangani", "%", "positif", "rasio", 60, 85, induk="Angka kemiskinan")],
}


def _generic(kode: str, nama: str) -> list[Ind]:
    if kode.startswith("kec-"):
        return [Ind("Persentase desa dengan APBDes ditetapkan tepat waktu", "%", "positif", "rasio", 70, 100),
                Ind("Jumlah layanan administrasi terpadu kecamatan", "layanan", "positif", "jumlah", 1800, 2600,
                    desimal=0)]
    short = nama.replace("Dinas ", "").replace("Badan ", "")
    return [Ind(f"Indeks kepuasan masyarakat terhadap layanan {short}", "poin", "positif", "akhir", 76, 84),
            Ind(f"Jumlah dokumen {short.lower()} yang diselesaikan tepat waktu", "dokumen", "positif", "jumlah",
                40, 60, desimal=0, iku=False)]


def _indikator(kode: str, nama: str) -> list[Ind]:
    inds = KHUSUS.get(kode, []) + _generic(kode, nama)
    sasaran = f"Meningkatnya kinerja layanan {nama.replace('Dinas ', '').replace('Badan ', '')}"
    return [i if i.sasaran else Ind(**{**i.__dict__, "sasaran": sasaran}) for i in inds[:3]]


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


def _program(kode: str, nama: str) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    short = nama.replace("Dinas ", "").replace("Badan ", "")
    return [
        ("Program Penunjang Urusan Pemerintahan Daerah",
         [("Administrasi Keuangan Perangkat Daerah", ["Penyediaan Gaji dan Tunjangan ASN", "Koordinasi Pelaporan Keuangan"]),
          ("Perencanaan, Penganggaran, dan Evaluasi Kinerja", ["Penyusunan Dokumen Perencanaan", "Evaluasi Kinerja Perangkat Daerah"])]),
        (f"Program Peningkatan Layanan {short}",
         [(f"Penyelenggaraan Layanan {short}", [f"Pelayanan {short} Terpadu", "Pembinaan dan Pengawasan"]),
          (f"Pengembangan Kapasitas {short}", ["Pelatihan Aparatur Pelaksana", "Penyediaan Sarana Layanan"])]),
    ]


# The sample's pohon kinerja: the kabupaten's tujuan and sasaran (RPJMD), which kabupaten
# sasaran each perangkat daerah serves, who crosscuts, and the deliberate faults the
# alignment checks must find (docs/metodologi.md, pohon kinerja).
POHON_KAB = [  # code, parent, tingkat, kondisi, indicators (RPJMD names, or (name, satuan, target))
    ("T1", "", "tujuan", "Meningkatnya kesejahteraan dan kualitas hidup masyarakat", ["Indeks pembangunan manusia"]),
    ("T2", "", "tujuan", "Terwujudnya tata kelola pemerintahan yang baik", [("Indeks reformasi birokrasi", "poin", "70")]),
    ("SK1", "T1", "sasaran kabupaten", "Menurunnya kemiskinan dan pengangguran",
     ["Angka kemiskinan", "Tingkat pengangguran terbuka"]),
    ("SK2", "T1", "sasaran kabupaten", "Stabilnya perekonomian daerah", ["Laju inflasi", "Pertumbuhan ekonomi"]),
    ("SK3", "T1", "sasaran kabupaten", "Meningkatnya kualitas SDM", ["Indeks pembangunan manusia", "Angka kematian ibu"]),
    ("SK4", "T2", "sasaran kabupaten", "Terwujudnya tata kelola pemerintahan yang akuntabel",
     ["Opini BPK atas LKPD", "Predikat SAKIP Kabupaten"]),
    # Deliberate fault: no perangkat daerah serves SK5 (Dinas Lingkungan Hidup left its sasaran without a parent).
    ("SK5", "T1", "sasaran kabupaten", "Meningkatnya kualitas lingkungan hidup",
     [("Indeks kualitas lingkungan hidup", "poin", "68")]),
]
MELAYANI = {  # perangkat daerah -> the kabupaten sasaran its sasaran serves (default SK4)
    **dict.fromkeys(("bappeda", "dinsos", "disnaker", "dpmd"), "SK1"),
    **dict.fromkeys(("disdagperin", "distan", "diskan", "dispar", "diskopukm", "dpmptsp", "dkp", "dishub"), "SK2"),
    **dict.fromkeys(("dinkes", "disdik", "rsud", "dp3a", "dppkb", "dispora", "disbud", "dispusip", "perkim", "dpupr"),
                    "SK3"),
    "dlh": "",  # deliberate fault: an orphan PD sasaran
    "dinsos": "",  # no explicit parent: its Renstra's indikator induk (Angka kemiskinan) places it under SK1
}
# Crosscutting proposed by the kabupaten (node, unit, role) and each contributor's answer (None: no answer yet).
CROSSCUTTING = [
    ("SK1", "dinsos", "Perlindungan dan jaminan sosial bagi keluarga miskin", "diterima"),
    ("SK1", "disnaker", "Penempatan tenaga kerja", "diterima"),
    ("SK1", "dpmd", "Padat karya tunai desa", None),  # deliberate: still pending
    ("SK1", "dispora", "Pelatihan kewirausahaan pemuda", "ditolak"),  # deliberate: refused
    ("SK3", "dinkes", "Penurunan stunting dan kematian ibu", "diterima"),
    ("SK3", "disdik", "Wajib belajar 12 tahun", "diterima"),
]
# Deliberate faults in the perangkat daerah trees: a target contradicting the kabupaten's for
# the same indicator, and kegiatan targets that cannot add up to their program's.
TARGET_BERTENTANGAN = ("disnaker", "Tingkat pengangguran terbuka", "3,5")
TIDAK_MENJUMLAH = ("dpupr", "Panjang jalan yang direhabilitasi", (0.3, 0.4))
# Indicators of a perangkat daerah cascaded to its pejabat (their PK carries them; realisasi follows).
DIJENJANGKAN = {"dinkes-kesmas": "Persentase balita stunting", "dinkes-p2p": "Cakupan imunisasi dasar lengkap",
                "disdik-sd": "Angka partisipasi murni SD", "dpupr-bm": "Persentase jalan kabupaten kondisi mantap",
                "bappeda-pe": "Persentase rekomendasi evaluasi yang ditindaklanjuti",
                "dinsos-rehsos": "Persentase PPKS yang tertangani"}


def _kabupaten(i: int) -> tuple[str, str, str, str]:
    """The i-th kabupaten of a sample province: code, name, head, and the prefix of its units'
    codes (none for the first, Nusa Rekaan, so a one-kabupaten sample is unchanged)."""
    if i == 0:
        return (*KABUPATEN, "")
    nama = _PROVINSI[i - 1] if i <= len(_PROVINSI) else f"Rekaan {i + 1}"
    kode = nama.lower().replace(" ", "-")
    return kode, f"Pemerintah Kabupaten {nama}", f"Bupati {nama}", f"{kode}-"


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


# What clerks write in the keterangan of the latest month: causes, sometimes with the solution.
KETERANGAN = (
    "Faktor pendukung: koordinasi lintas sektor berjalan baik",
    "Faktor penghambat: data dari desa dan fasilitas layanan terlambat masuk. Upaya: pendampingan pengisian "
    "data setiap pekan",
    "Faktor penghambat: anggaran kegiatan baru cair pada pertengahan triwulan",
)

# One deliberately implausible number the documents must flag: in the latest month, Dinas
# Pariwisata's clerk drops the decimal comma of its satisfaction index (80,4 becomes 804).
SALAH_KETIK = ("dispar", 0)


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
