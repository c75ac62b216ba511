"""The formulir workbooks of Peraturan Bupati Buleleng Nomor 59 Tahun 2023 (and the Renstra/RPJMD target table), as data.

One builder per kind of formulir gives its :class:`~kinerja.formulir.tata_letak.Formulir`
for a unit level: its code, title, sheet, the numbered columns ``(1) … (N)`` with the
regulation's headers, whether each indicator spans twelve month rows (RAAPK, CRAAPK), and an
optional second table (the PK's program list, the Renstra's earlier realisasi).
:mod:`kinerja.formulir.templat` writes these layouts and :mod:`kinerja.formulir.lembar`
reads them back, so a layout is stated once, here; :mod:`kinerja.formulir.daftar` registers
the builders.
"""

from __future__ import annotations

from kinerja.core.jadwal import batas_teks
from kinerja.formulir.tata_letak import Formulir, Kolom, _suffix


def _k(judul: str, field_: str, **kw) -> Kolom:
    return Kolom(judul, field_, **kw)


NO = _k("No", "no", lebar=5)
SASARAN = _k("Sasaran Strategis", "sasaran", lebar=34, wajib=True)
INDIKATOR = _k("Indikator Kinerja", "indikator", lebar=38, wajib=True)
SATUAN = _k("Satuan", "satuan", lebar=12, wajib=True)
TARGET = _k("Target", "target", lebar=12, wajib=True)
PENANGGUNG_JAWAB = _k("Penanggung Jawab", "penanggung_jawab", lebar=24)


def _renstra(tingkat: str) -> Formulir:
    nama = "RPJMD" if tingkat == "kabupaten" else "RENSTRA"
    kolom = (
        NO,
        _k("Tujuan", "tujuan", lebar=30),
        SASARAN,
        INDIKATOR,
        SATUAN,
        _k("Polaritas", "polaritas", lebar=12, daftar="polaritas", wajib=True),
        _k("Agregasi", "agregasi", lebar=12, daftar="agregasi", wajib=True),
        _k("IKU", "iku", lebar=8, daftar="iku"),
        _k("Definisi / Formula", "definisi", lebar=30),
        _k("Sumber Data", "sumber_data", lebar=20),
        _k("Standar Nasional", "standar_nasional", lebar=12),
        _k("Indikator Induk", "indikator_induk", lebar=30),
        _k("Kondisi Awal", "kondisi_awal", lebar=12),
        *(_k(f"Tahun ke-{i}", f"target_{i}", grup="TARGET", lebar=11) for i in range(1, 6)),
        _k("Akhir Periode", "target_akhir", grup="TARGET", lebar=12, wajib=True),
    )
    realisasi = Formulir(
        kode=f"{nama}-REALISASI",
        jenis="RENSTRA",
        tingkat=tingkat,
        judul="REALISASI TAHUN-TAHUN SEBELUMNYA",
        lembar="Realisasi Tahun Lalu",
        kolom=(NO, INDIKATOR, _k("Tahun", "tahun", lebar=8, wajib=True), _k("Realisasi", "realisasi", wajib=True),
               _k("Keterangan", "keterangan", lebar=40)),
        petunjuk=("Isi realisasi tahunan indikator yang sama untuk tahun-tahun sebelumnya (bahan analisis LKjIP).",),
    )
    return Formulir(
        kode=f"{nama}-{_suffix(tingkat)}",
        jenis="RENSTRA",
        tingkat=tingkat,
        judul=f"TARGET KINERJA {nama} PERIODE {{periode}}",
        lembar=nama,
        kolom=kolom,
        lampiran=realisasi,
        petunjuk=(
            "Kolom (1) nomor urut; (2) tujuan; (3) sasaran strategis; (4) indikator kinerja; (5) satuan.",
            "Kolom (6) polaritas: positif (makin tinggi makin baik), negatif (makin rendah makin baik), "
            "stabil (dalam rentang, mis. inflasi 3±1) atau kualitatif (WTP, BB, ...).",
            "Kolom (7) agregasi: cara menggabungkan nilai bulanan: jumlah, akhir, rata-rata, rasio, maks, min.",
            "Kolom (8) IKU: Ya bila indikator kinerja utama; (9) definisi atau formula; (10) sumber data; "
            "(11) standar nasional bila ada; (12) indikator pemerintah kabupaten yang didukung (kosong untuk RPJMD).",
            "Kolom (13) kondisi awal; (14)–(18) target tahun ke-1 s.d. ke-5; (19) target akhir periode.",
            "Kolom 'Tahun' di identitas berisi tahun pertama periode, mis. 2025 untuk periode 2025–2029.",
        ),
    )


def _rkt(tingkat: str) -> Formulir:
    if tingkat == "kabupaten":
        kolom = (NO, SASARAN, INDIKATOR, SATUAN, TARGET, _k("Program", "program", lebar=34),
                 _k("Anggaran (Rp)", "anggaran_program", lebar=18), PENANGGUNG_JAWAB)
        petunjuk = (
            "Kolom (1) nomor urut; (2) sasaran strategis Pemerintah Daerah; (3) indikator kinerja utama dan "
            "indikator lain; (4) satuan; (5) target; (6) program; (7) anggaran program; (8) perangkat daerah "
            "penanggung jawab (Formulir RKT Pemerintah Kabupaten).",
        )
    else:
        kolom = (
            NO, SASARAN, INDIKATOR, SATUAN, TARGET, _k("Program", "program", lebar=30),
            _k("Uraian", "kegiatan", grup="Kegiatan", lebar=30),
            _k("Indikator Kinerja", "indikator_kegiatan", grup="Kegiatan", lebar=30),
            _k("Anggaran (Rp)", "anggaran_kegiatan", lebar=16),
            _k("Uraian", "sub_kegiatan", grup="Sub Kegiatan", lebar=30),
            _k("Indikator Kinerja", "indikator_sub_kegiatan", grup="Sub Kegiatan", lebar=30),
            _k("Anggaran (Rp)", "anggaran_sub_kegiatan", lebar=16),
            PENANGGUNG_JAWAB,
        )
        petunjuk = (
            "Kolom (1) nomor urut; (2) sasaran strategis perangkat daerah; (3) indikator kinerja; (4) satuan; "
            "(5) target; (6) program; (7) kegiatan; (8) indikator kegiatan; (9) anggaran kegiatan; "
            "(10) sub kegiatan; (11) indikator sub kegiatan; (12) anggaran sub kegiatan; (13) jabatan "
            "penanggung jawab (Formulir RKT Perangkat Daerah).",
            "Satu baris untuk setiap sub kegiatan; kolom (2)–(5) cukup diisi pada baris pertama indikator.",
        )
    return Formulir(
        kode=f"RKT-{_suffix(tingkat)}", jenis="RKT", tingkat=tingkat, judul="RENCANA KINERJA TAHUN {tahun}",
        lembar="RKT", kolom=kolom, petunjuk=petunjuk,
    )


def _pk(tingkat: str) -> Formulir:
    if tingkat == "pejabat":
        kolom = (NO, _k("Sasaran (Program/Kegiatan)", "sasaran", lebar=34, wajib=True), INDIKATOR, SATUAN, TARGET,
                 _k("Polaritas", "polaritas", lebar=12, daftar="polaritas", wajib=True),
                 _k("Agregasi", "agregasi", lebar=12, daftar="agregasi", wajib=True))
        lampiran_kolom = (_k("Kegiatan", "program", lebar=40, wajib=True), _k("Anggaran", "anggaran", lebar=18, wajib=True),
                          _k("Keterangan", "keterangan", lebar=30))
    else:
        kolom = (NO, SASARAN, INDIKATOR, SATUAN, TARGET)
        lampiran_kolom = (_k("Program", "program", lebar=40, wajib=True), _k("Anggaran", "anggaran", lebar=18, wajib=True))
        if tingkat == "perangkat_daerah":
            lampiran_kolom += (_k("Keterangan", "keterangan", lebar=30),)
    lampiran = Formulir(
        kode=f"PK-{_suffix(tingkat)}-PROGRAM", jenis="PK", tingkat=tingkat, judul="PROGRAM DAN ANGGARAN",
        lembar="Kegiatan" if tingkat == "pejabat" else "Program", kolom=lampiran_kolom,
    )
    petunjuk = [
        "Kolom (1) nomor urut; (2) sasaran strategis; (3) indikator kinerja utama dan indikator lain; "
        "(4) satuan; (5) target tahun ini (Formulir Lampiran Perjanjian Kinerja).",
        "Lembar kedua memuat program (kegiatan untuk pejabat) dan anggarannya.",
        "PK perubahan: kirim ulang berkas PK tahun yang sama; versi sebelumnya tetap tersimpan sebagai riwayat.",
    ]
    if tingkat == "pejabat":
        petunjuk.append("Kolom (6) polaritas dan (7) agregasi ditambahkan kinerja agar capaian dapat dihitung.")
    return Formulir(
        kode=f"PK-{_suffix(tingkat)}", jenis="PK", tingkat=tingkat, judul="PERJANJIAN KINERJA TAHUN {tahun}",
        lembar="PK", kolom=kolom, lampiran=lampiran, petunjuk=tuple(petunjuk),
    )


_IKU = _k("Indikator Kinerja Utama (IKU)", "indikator", lebar=38, wajib=True)
# Columns RAAPK and CRAAPK share (the Perbup's formulir): kinerja (1)–(7) and the anggaran plan.
_AKSI_KINERJA = (
    NO, SASARAN, _IKU, SATUAN,
    _k("Target Kinerja Tahunan", "target_tahunan", grup="KINERJA", lebar=12, wajib=True),
    _k("Bulan", "bulan", grup="KINERJA", lebar=12, daftar="bulan", per_blok=False),
    _k("Target", "target", grup="KINERJA", lebar=11, per_blok=False),
)
_AKSI_ANGGARAN = (
    _k("Program", "program", grup="ANGGARAN (RP)", lebar=30, wajib=True),
    _k("Tahunan", "pagu", grup="ANGGARAN (RP)", lebar=16, wajib=True),
    _k("Bulan", "bulan_anggaran", grup="ANGGARAN (RP)", lebar=12, daftar="bulan", per_blok=False),
    _k("Target", "target_anggaran", grup="ANGGARAN (RP)", lebar=16, per_blok=False),
)


def _raapk(tingkat: str) -> Formulir:
    kolom = (*_AKSI_KINERJA, *_AKSI_ANGGARAN, PENANGGUNG_JAWAB)
    return Formulir(
        kode=f"RAAPK-{_suffix(tingkat)}", jenis="RAAPK", tingkat=tingkat,
        judul="RENCANA AKSI ATAS PERJANJIAN KINERJA TAHUN {tahun}", lembar="RAAPK", kolom=kolom, bulanan=True,
        petunjuk=(
            "Setiap indikator menempati 12 baris, Januari s.d. Desember; kolom (1)–(5), (8), (9) dan (12) "
            "cukup diisi pada baris Januari.",
            "Target kinerja (7) dan target anggaran (11) per bulan TIDAK diakumulasikan.",
            "Bila tidak ada target di bulan tersebut, isi dengan tanda – (bukan 0).",
        ),
    )


def _craapk(tingkat: str) -> Formulir:
    kolom = (
        *_AKSI_KINERJA,
        _k("Realisasi", "realisasi", grup="KINERJA", lebar=11, per_blok=False),
        _k("Capaian (%)", "capaian", grup="KINERJA", lebar=10, per_blok=False),
        _k("Ket", "keterangan", grup="KINERJA", lebar=30, per_blok=False),
        *_AKSI_ANGGARAN,
        _k("Realisasi", "realisasi_anggaran", grup="ANGGARAN (RP)", lebar=16, per_blok=False),
        _k("Capaian (%)", "capaian_anggaran", grup="ANGGARAN (RP)", lebar=10, per_blok=False),
        _k("Ket", "keterangan_anggaran", grup="ANGGARAN (RP)", lebar=30, per_blok=False),
        PENANGGUNG_JAWAB,
    )
    return Formulir(
        kode=f"CRAAPK-{_suffix(tingkat)}", jenis="CRAAPK", tingkat=tingkat,
        judul="CAPAIAN RENCANA AKSI ATAS PERJANJIAN KINERJA (CRAAPK) TAHUN {tahun}", lembar="CRAAPK",
        kolom=kolom, bulanan=True, dengan_bulan=True,
        petunjuk=(
            "Setiap indikator menempati 12 baris, Januari s.d. Desember; isi realisasi (8) dan (15) sampai "
            "bulan laporan (identitas 'Bulan'); bulan sesudahnya dikosongkan.",
            "Kolom (9) dan (16) boleh dikosongkan: kinerja menghitung capaian sendiri dari target dan realisasi.",
            "Kolom (10) dan (17): faktor penghambat/pendukung dan alasan lain yang dianggap penting.",
            "Target per bulan TIDAK diakumulasikan; bila tidak ada target di bulan tersebut, isi tanda –.",
            f"Batas penyampaian: {batas_teks()}.",
        ),
    )


def _profil(tingkat: str) -> Formulir:
    """The unit's profile for Bab I of the LKjIP (the Perbup's outline: gambaran umum,
    struktur organisasi dan SDM): one row per item, its part named in column (2)."""
    return Formulir(
        kode=f"PROFIL-{_suffix(tingkat)}", jenis="PROFIL", tingkat=tingkat, judul="PROFIL ORGANISASI TAHUN {tahun}",
        lembar="Profil",
        kolom=(NO, _k("Bagian", "bagian", lebar=22, daftar="bagian_profil", wajib=True),
               _k("Uraian", "uraian", lebar=80, wajib=True), _k("Jumlah (orang)", "jumlah", lebar=14)),
        petunjuk=(
            "Satu baris untuk setiap butir. Kolom (2) bagian: tugas dan fungsi; struktur organisasi (satu baris "
            "per bidang/bagian); sdm golongan dan sdm pendidikan (uraian = golongan atau jenjang pendidikan, "
            "kolom (4) jumlah pegawai); isu strategis (satu baris per isu); permasalahan utama; sarana dan "
            "prasarana (satu baris per jenis, mis. \"Kendaraan roda empat: 4 unit\"); prestasi (penghargaan yang "
            "diterima tahun ini); lain-lain (hal lain yang dianggap perlu dilampirkan).",
            "Profil dipakai di Bab I LKjIP. Kirim ulang bila berubah; versi sebelumnya tetap tersimpan.",
        ),
    )


def _pohon(tingkat: str) -> Formulir:
    """The unit's part of the pohon kinerja (penjenjangan kinerja, PermenPANRB Nomor 89 Tahun
    2021): one row per node and indicator, and the crosscutting links it proposes or answers."""
    crosscutting = Formulir(
        kode=f"POHON-{_suffix(tingkat)}-CROSSCUTTING", jenis="POHON", tingkat=tingkat, judul="CROSSCUTTING",
        lembar="Crosscutting",
        kolom=(NO, _k("Kode Simpul", "simpul", lebar=26, wajib=True),
               _k("Unit Kontributor", "kontributor", lebar=20, wajib=True),
               _k("Peran / Kontribusi", "peran", lebar=44),
               _k("Status", "status", lebar=12, daftar="status_crosscutting"),
               _k("Keterangan", "keterangan", lebar=36)),
        petunjuk=(),
    )
    return Formulir(
        kode=f"POHON-{_suffix(tingkat)}", jenis="POHON", tingkat=tingkat, judul="POHON KINERJA TAHUN {tahun}",
        lembar="Pohon Kinerja",
        kolom=(
            NO,
            _k("Kode Simpul", "kode", lebar=12, wajib=True),
            _k("Kode Simpul Induk", "induk", lebar=22),
            _k("Tingkat", "tingkat", lebar=22, daftar="tingkat_pohon"),
            _k("Kondisi / Sasaran", "kondisi", lebar=40),
            INDIKATOR,
            _k("Satuan", "satuan", lebar=12),
            _k("Target", "target", lebar=12),
            _k("Penanggung Jawab", "penanggung_jawab", lebar=28),
        ),
        lampiran=crosscutting,
        petunjuk=(
            "Satu baris untuk setiap indikator sebuah simpul; kolom (3)–(5) dan (9) cukup diisi pada baris pertama "
            "simpul.",
            "Kolom (2) kode simpul: huruf, angka, titik, garis bawah atau tanda hubung, unik di formulir ini, mis. S1, "
            "P1.2.",
            "Kolom (3) kode simpul induk: simpul di formulir ini (S1), atau simpul unit lain ditulis kode-unit/kode-simpul "
            "(mis. nusa-rekaan/SK1). Kosong hanya untuk tujuan dan sasaran kabupaten.",
            "Kolom (4) tingkat: tujuan, sasaran kabupaten, sasaran perangkat daerah, program, kegiatan, sub kegiatan "
            "atau jabatan; (8) target tahun ini; (9) jabatan penanggung jawab, atau kode unit pejabat "
            "administrator/pengawas (mis. dinkes-kesmas) agar indikator dijenjangkan kepadanya.",
            "Lembar Crosscutting: simpul yang didukung unit lain. Unit pengusul menulis simpulnya dan unit kontributor "
            "(status diusulkan); unit kontributor menjawab di formulirnya sendiri dengan kode-unit/kode-simpul, kode "
            "unitnya sendiri dan status diterima atau ditolak.",
        ),
    )


def _unit() -> Formulir:
    return Formulir(
        kode="UNIT", jenis="UNIT", tingkat="semua", judul="DAFTAR UNIT KERJA", lembar="Unit",
        kolom=(
            NO,
            _k("Kode", "kode", lebar=16, wajib=True),
            _k("Nama Unit", "nama", lebar=44, wajib=True),
            _k("Jenis", "jenis", lebar=18, daftar="jenis_unit", wajib=True),
            _k("Kode Induk", "induk", lebar=16),
            _k("Jabatan Pimpinan", "jabatan", lebar=34),
            _k("Nama Pimpinan", "nama_pimpinan", lebar=30),
            _k("NIP Pimpinan", "nip_pimpinan", lebar=22),
        ),
        petunjuk=(
            "Satu baris per unit: pemerintah kabupaten (satu), perangkat daerah, dan pejabat "
            "administrator/pengawas (kode induk = kode perangkat daerahnya).",
            "Kode dipakai di identitas setiap formulir: huruf kecil, angka dan tanda hubung, mis. dinkes.",
            "Kolom (7) nama dan (8) NIP pejabat yang memegang jabatan pimpinan, untuk tanda tangan dokumen "
            "(Bupati tanpa NIP); daftar unit lama tanpa kedua kolom ini tetap dapat dimuat.",
        ),
        kolom_lama=6,
    )
