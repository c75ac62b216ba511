"""The store's schema: its tables, their row keys and :data:`SCHEMA_VERSION`.

The store keeps every number kinerja was ever given, append-only, in long format.

SQLite by default (one file), any SQLAlchemy URL for a shared deployment (PostgreSQL).
Every data row belongs to a ``submission`` (the workbook it came from, with its sha256
and received time). Nothing is updated or deleted: a corrected workbook adds a new
submission whose rows supersede the old ones. The *current* view of a table keeps, for
every row key, the row from the latest submission that has it; the history view keeps
everything.

Tables (long format):

``submission``   one row per ingested workbook: dokumen, tingkat, unit, tahun, bulan,
                 file name, sha256, diterima (received), dimuat (loaded), arsip path
``unit``         kode, nama, jenis (kabupaten, perangkat_daerah, pejabat), induk, jabatan and
                 (schema 11) the name and NIP of who holds it (``nama_pimpinan``, ``nip_pimpinan``)
``indikator``    per unit: kode (normalised name), tujuan, sasaran, nama, satuan,
                 polaritas, agregasi, iku, definisi, sumber_data, standar_nasional,
                 indikator_induk (the parent indicator it serves); for indicators read
                 from a Renja evaluation their tingkat (program, kegiatan, subkegiatan)
                 and uraian (the program/kegiatan/sub kegiatan they measure)
``target``       per indicator: dokumen (renstra, rkt, pk, raapk, craapk), tahun, bulan
                 (NULL for annual), jenis (tahunan, bulanan, akhir_periode, awal),
                 nilai_teks as written and nilai as read; for RAAPK the program the
                 indicator's block names
``periode``      (target, realisasi, anggaran; schema 5) NULL for a month (or, with bulan
                 NULL, the year as before); ``triwulan`` for a quarter, stored at its last
                 month (3, 6, 9, 12); ``tahun`` for a year given as one value (bulan 12).
                 Quarterly sources (the Renja evaluation) are kept as they were given.
``realisasi``    per indicator: tahun, bulan (NULL for annual), nilai_teks, nilai,
                 pembilang/penyebut (rasio indicators, written ``45/50``),
                 keterangan (faktor penghambat/pendukung)
``dihapus``      (target, realisasi, anggaran) true on a row that records that a newer
                 submission of the same unit, document and period no longer holds that
                 key: an emptied cell, a dropped indicator. The current view leaves the
                 key out; the history keeps both the old value and its removal.
``pohon``        (schema 7) the pohon kinerja a unit submitted for a year: one row per node
                 (``kode``, unique in the unit) and indicator: ``induk`` (the parent node,
                 ``unit/kode`` when it is another unit's), ``tingkat`` (tujuan … jabatan),
                 kondisi, indikator (name as written, ``indikator_kode`` normalised),
                 satuan, target (as written and as read), penanggung_jawab, urutan
``crosscutting`` (schema 7) a link from a node (``simpul``, always ``unit/kode``) to a
                 contributing unit, as the unit that wrote it (``unit_kode``) declared it:
                 the proposer's row says ``diusulkan``, the contributor's answer
                 ``diterima`` or ``ditolak``; peran and keterangan as written
``sel``          (target, realisasi, anggaran; schema 8) where in its file the value was
                 read: ``Lembar!F12`` (a sum: ``Lembar!J12+K12``, ``Lembar!F12:F40``), as
                 :func:`kinerja.impor.hasil.rujukan` writes it; the file is the submission's
                 ``berkas``. NULL for values loaded before schema 8 or computed.
``anggaran``     per unit and document (rkt, pk, raapk, craapk): tahun, program, kegiatan,
                 sub_kegiatan, indikator_keluaran, bulan (NULL for annual), jenis (pagu,
                 target, realisasi), nilai, keterangan. Each document keeps its own budget
                 rows (schema 3), so a PK's Keterangan or an RKT's kegiatan rows are not
                 superseded by the RAAPK that names the same program; RKT rows also
                 record the indicator they are listed under and their penanggung jawab.
                 (schema 9) ``tahap``: the APBD stage of a pagu, ``murni`` or ``perubahan``
                 (NULL where the source names none: a PK's, RAAPK's or RKT's pagu, any
                 realisasi); a budget export of an APBD-Perubahan loads both, side by side.
``lke``          (schema 10) a unit's Lembar Kerja Evaluasi (evaluasi AKIP, Peraturan Menteri
                 PANRB Nomor 88 Tahun 2021) for a year: one row per ``kode``, a sub-komponen
                 (``1.a``: jawaban_mandiri and jawaban_evaluator, AA … E, catatan), a kriteria
                 (``1.a.1``: terpenuhi_mandiri and terpenuhi_evaluator, bukti) or the follow-up
                 of an earlier year's recommendation (``R2025-2.1``: its terpenuhi says whether
                 it was followed up); ``sel`` the row of the workbook it was read from
``akses``        (schema 12) the personal links of ``kinerja akses``: the sha256 of each link's
                 secret (never the secret), its label (``nama``), role (``peran``), unit, when it
                 was made, until when it holds (``berlaku_sampai``) and when it was revoked
                 (``dicabut``); not a data table (no submission), and revoking sets ``dicabut``
``konfirmasi``   (schema 12) a suspect number confirmed on a page by a Bappeda or Inspektorat
                 visitor: unit, indicator, year, catatan, who (the link's label), role and when;
                 appended, never changed; read beside ``dikonfirmasi`` of ``parameters/kewajaran.yaml``
``lke_rekomendasi`` (schema 10) the evaluator's recommendations of a unit's LKE: komponen
                 (1–4), nomor, teks. Their status (baru, ditindaklanjuti, belum) follows from the
                 next year's LKE (its ``R…`` rows), so it is computed, not stored.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

__all__ = ["ROW_KEYS", "SCHEMA_VERSION", "TABLES", "akses", "konfirmasi", "metadata", "skema", "submission"]

# Raised with every new migration in kinerja.store.migrasi.
SCHEMA_VERSION = 12

metadata = MetaData()

skema = Table(
    "skema",
    metadata,
    Column("versi", Integer, primary_key=True),
    Column("diterapkan", DateTime, nullable=False),
)

submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dokumen", String(16), nullable=False),
    Column("tingkat", String(32), nullable=False),
    Column("unit_kode", String(64), nullable=True),
    Column("tahun", Integer, nullable=True),
    Column("bulan", Integer, nullable=True),
    Column("berkas", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("ukuran", Integer, nullable=False),
    Column("diterima", DateTime, nullable=False),
    Column("dimuat", DateTime, nullable=False),
    Column("arsip", Text, nullable=False),
    Column("peringatan", Integer, nullable=False, default=0),
)


def _sub_fk() -> Column:
    return Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True)


unit = Table(
    "unit",
    metadata,
    _sub_fk(),
    Column("kode", String(64), nullable=False),
    Column("nama", Text, nullable=False),
    Column("jenis", String(32), nullable=False),
    Column("induk", String(64), nullable=True),
    Column("jabatan", Text, nullable=True),
    Column("nama_pimpinan", Text, nullable=True),
    Column("nip_pimpinan", Text, nullable=True),
)

indikator = Table(
    "indikator",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("kode", Text, nullable=False),
    Column("tujuan", Text, nullable=True),
    Column("sasaran", Text, nullable=False),
    Column("nama", Text, nullable=False),
    Column("satuan", Text, nullable=False),
    Column("polaritas", String(16), nullable=False),
    Column("agregasi", String(16), nullable=False),
    Column("iku", Boolean, nullable=False),
    Column("definisi", Text, nullable=True),
    Column("sumber_data", Text, nullable=True),
    Column("standar_nasional", Text, nullable=True),
    Column("indikator_induk", Text, nullable=True),
    Column("tingkat", String(16), nullable=True),
    Column("uraian", Text, nullable=True),
)

target = Table(
    "target",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("indikator_kode", Text, nullable=False),
    Column("dokumen", String(16), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("bulan", Integer, nullable=True),
    Column("jenis", String(16), nullable=False),
    Column("nilai_teks", Text, nullable=True),
    Column("nilai", Float, nullable=True),
    Column("program", Text, nullable=True),
    Column("penanggung_jawab", Text, nullable=True),
    Column("periode", String(8), nullable=True),
    Column("sel", Text, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

realisasi = Table(
    "realisasi",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("indikator_kode", Text, nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("bulan", Integer, nullable=True),
    Column("nilai_teks", Text, nullable=True),
    Column("nilai", Float, nullable=True),
    Column("pembilang", Float, nullable=True),
    Column("penyebut", Float, nullable=True),
    Column("keterangan", Text, nullable=True),
    Column("periode", String(8), nullable=True),
    Column("sel", Text, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

anggaran = Table(
    "anggaran",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("dokumen", String(16), nullable=True),
    Column("indikator_kode", Text, nullable=True),
    Column("tahun", Integer, nullable=False),
    Column("program", Text, nullable=False),
    Column("kegiatan", Text, nullable=True),
    Column("sub_kegiatan", Text, nullable=True),
    Column("indikator_keluaran", Text, nullable=True),
    Column("bulan", Integer, nullable=True),
    Column("jenis", String(16), nullable=False),
    Column("nilai", Float, nullable=True),
    Column("keterangan", Text, nullable=True),
    Column("penanggung_jawab", Text, nullable=True),
    Column("periode", String(8), nullable=True),
    Column("sel", Text, nullable=True),
    Column("dihapus", Boolean, nullable=True),
    Column("tahap", String(16), nullable=True),
)

profil = Table(
    "profil",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("bagian", String(32), nullable=False),
    Column("urutan", Integer, nullable=False),
    Column("uraian", Text, nullable=False),
    Column("jumlah", Float, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

# Value columns are nullable: a correction that drops a node records its key with dihapus only.
pohon = Table(
    "pohon",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("kode", String(64), nullable=False),
    Column("induk", Text, nullable=True),
    Column("tingkat", String(32), nullable=True),
    Column("kondisi", Text, nullable=True),
    Column("indikator_kode", Text, nullable=False),
    Column("indikator", Text, nullable=True),
    Column("satuan", Text, nullable=True),
    Column("target_teks", Text, nullable=True),
    Column("target", Float, nullable=True),
    Column("penanggung_jawab", Text, nullable=True),
    Column("urutan", Integer, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

crosscutting = Table(
    "crosscutting",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("simpul", Text, nullable=False),
    Column("kontributor", String(64), nullable=False),
    Column("peran", Text, nullable=True),
    Column("status", String(16), nullable=True),
    Column("keterangan", Text, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

# Value columns are nullable: a revision that drops a row records its key with dihapus only.
lke = Table(
    "lke",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("kode", String(32), nullable=False),
    Column("jawaban_mandiri", String(4), nullable=True),
    Column("jawaban_evaluator", String(4), nullable=True),
    Column("terpenuhi_mandiri", Boolean, nullable=True),
    Column("terpenuhi_evaluator", Boolean, nullable=True),
    Column("catatan", Text, nullable=True),
    Column("bukti", Text, nullable=True),
    Column("sel", Text, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

lke_rekomendasi = Table(
    "lke_rekomendasi",
    metadata,
    _sub_fk(),
    Column("unit_kode", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("komponen", Integer, nullable=False),
    Column("nomor", Integer, nullable=False),
    Column("teks", Text, nullable=True),
    Column("sel", Text, nullable=True),
    Column("dihapus", Boolean, nullable=True),
)

# Not data rows (no submission): who may open the pages, and what they confirmed there.
akses = Table(
    "akses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("nama", Text, nullable=False),
    Column("peran", String(16), nullable=False),
    Column("unit_kode", String(64), nullable=True),
    Column("dibuat", DateTime, nullable=False),
    Column("berlaku_sampai", DateTime, nullable=True),
    Column("dicabut", DateTime, nullable=True),
)

konfirmasi = Table(
    "konfirmasi",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_kode", String(64), nullable=False),
    Column("indikator_kode", Text, nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("catatan", Text, nullable=True),
    Column("oleh", Text, nullable=False),
    Column("peran", String(16), nullable=False),
    Column("waktu", DateTime, nullable=False),
)

# Every check of an incoming file reads one unit's rows: index them by unit.
Index("ix_submission_dokumen", submission.c.dokumen, submission.c.unit_kode, submission.c.tahun, submission.c.bulan)
# One file (its bytes) lands once per store, even when two processes load it at the same moment.
Index("ux_submission_sha256", submission.c.sha256, unique=True)
Index("ix_indikator_unit", indikator.c.unit_kode)
Index("ix_target_unit", target.c.unit_kode, target.c.dokumen, target.c.tahun)
Index("ix_realisasi_unit", realisasi.c.unit_kode, realisasi.c.tahun)
Index("ix_anggaran_unit", anggaran.c.unit_kode, anggaran.c.tahun)

Index("ix_pohon_unit", pohon.c.unit_kode, pohon.c.tahun)
Index("ix_lke_unit", lke.c.unit_kode, lke.c.tahun)

TABLES = {t.name: t for t in (unit, indikator, target, realisasi, anggaran, profil, pohon, crosscutting, lke,
                                   lke_rekomendasi)}

# The key that identifies "the same row" across revisions of a table.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "unit": ("kode",),
    "indikator": ("unit_kode", "kode"),
    "target": ("unit_kode", "indikator_kode", "dokumen", "tahun", "bulan", "periode", "jenis"),
    "realisasi": ("unit_kode", "indikator_kode", "tahun", "bulan", "periode"),
    "anggaran": ("unit_kode", "dokumen", "tahun", "indikator_kode", "program", "kegiatan", "sub_kegiatan", "bulan",
                 "periode", "jenis", "tahap"),
    "profil": ("unit_kode", "tahun", "bagian", "uraian"),
    "pohon": ("unit_kode", "tahun", "kode", "indikator_kode"),
    "crosscutting": ("unit_kode", "tahun", "simpul", "kontributor"),
    "lke": ("unit_kode", "tahun", "kode"),
    "lke_rekomendasi": ("unit_kode", "tahun", "komponen", "nomor"),
}
