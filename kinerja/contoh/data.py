"""The sample kabupaten as data: its units, indicators, programs, pejabat, pohon kinerja,
crosscutting and the deliberate faults the checks must find (all invented).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KABUPATEN", "PERANGKAT_DAERAH", "PEJABAT", "RPJMD", "Ind", "SALAH_KETIK", "pimpinan"]


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


# Invented names for the holders of each post in the sample's Daftar Unit (column (7)).
_NAMA_DEPAN = ("Made", "Nyoman", "Ketut", "Putu", "Ayu", "Dewi", "Agus", "Siti", "Budi", "Rina", "Hendra", "Wayan")
_NAMA_BELAKANG = ("Rekaan Suryani", "Rekaan Pratama", "Rekaan Wibawa", "Rekaan Lestari", "Rekaan Santosa",
                  "Rekaan Kusuma", "Rekaan Wirawan", "Rekaan Anggraini", "Rekaan Saputra")


def pimpinan(kode: str, kabupaten: bool = False) -> dict:
    """The invented holder of unit ``kode``'s post, always the same for the same code: a name,
    and a NIP in the civil servant's form (born, appointed, sex, number) except for a Bupati,
    who has none.

    Examples
    --------
    >>> pimpinan("nusa-rekaan", kabupaten=True)["nip_pimpinan"] is None
    True
    >>> len(pimpinan("dinkes")["nip_pimpinan"].replace(" ", ""))
    18
    """
    import zlib

    h = zlib.crc32(kode.encode())
    nama = f"{_NAMA_DEPAN[h % len(_NAMA_DEPAN)]} {_NAMA_BELAKANG[(h >> 8) % len(_NAMA_BELAKANG)]}"
    if kabupaten:
        return {"nama_pimpinan": nama, "nip_pimpinan": None}
    lahir = f"19{68 + h % 20}{1 + (h >> 4) % 12:02d}{1 + (h >> 9) % 28:02d}"
    angkat = f"{1990 + (h >> 13) % 25}{1 + (h >> 17) % 12:02d}"
    return {"nama_pimpinan": f"{nama}, S.E., M.M." if h % 3 == 0 else nama,
            "nip_pimpinan": f"{lahir} {angkat} {1 + (h >> 21) % 2} {(h >> 22) % 999 + 1:03d}"}
