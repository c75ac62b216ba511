"""Schema migrations: a store made by an older kinerja brought up to :data:`SCHEMA_VERSION`.

Each version's function alters a store at the version before it; :func:`terapkan_migrasi`
creates the tables a new store lacks, records its version and applies what is missing.
Tables new in a version are made by ``metadata.create_all`` before the upgrades run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Connection

from kinerja.core.errors import KinerjaError
from kinerja.store.skema import SCHEMA_VERSION, metadata, skema

__all__ = ["UPGRADES", "terapkan_migrasi"]


def _v2_target_program(conn: Connection) -> None:
    """Version 2: RAAPK targets remember the program their indicator's block names."""
    conn.execute(text("ALTER TABLE target ADD COLUMN program TEXT"))


def _v3_anggaran_dokumen(conn: Connection) -> None:
    """Version 3: budget rows keyed by their document (filled from each row's submission) and,
    in the RKT, by the indicator they are listed under; penanggung jawab kept with RKT budget
    rows and RAAPK targets; a row can record that a correction removed its value (dihapus)."""
    conn.execute(text("ALTER TABLE anggaran ADD COLUMN dokumen VARCHAR(16)"))
    conn.execute(text("ALTER TABLE anggaran ADD COLUMN indikator_kode TEXT"))
    conn.execute(text("ALTER TABLE anggaran ADD COLUMN penanggung_jawab TEXT"))
    conn.execute(text("ALTER TABLE target ADD COLUMN penanggung_jawab TEXT"))
    for table in ("target", "realisasi", "anggaran"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN dihapus BOOLEAN"))
    conn.execute(text("UPDATE anggaran SET dokumen = (SELECT lower(submission.dokumen) FROM submission "
                      "WHERE submission.id = anggaran.submission_id)"))


def _v4_profil(conn: Connection) -> None:
    """Version 4: the unit profile (Bab I of the LKjIP). Its table is new, so
    ``metadata.create_all`` has already made it; nothing to alter."""


def _v5_periode(conn: Connection) -> None:
    """Version 5: quarterly and annual values first-class. Target, realisasi and budget rows
    say which period they cover (``periode``: NULL for a month or, with ``bulan`` NULL, the
    year as before; ``triwulan`` with ``bulan`` the quarter's last month; ``tahun`` with
    ``bulan`` 12 for a year reported as one value); indicators read from a Renja evaluation
    keep their level (``tingkat``) and the program/kegiatan they belong to (``uraian``)."""
    for table in ("target", "realisasi", "anggaran"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN periode VARCHAR(8)"))
    conn.execute(text("ALTER TABLE indikator ADD COLUMN tingkat VARCHAR(16)"))
    conn.execute(text("ALTER TABLE indikator ADD COLUMN uraian TEXT"))


def _v6_sha_unik(conn: Connection) -> None:
    """Version 6: a file's sha256 is unique in the store. A store that already holds the same
    file twice (loaded by two processes at once before this version) keeps its rows; its
    index stays non-unique and the write lock alone keeps further copies out."""
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE UNIQUE INDEX ux_submission_sha256 ON submission (sha256)"))
    except Exception:  # noqa: BLE001 - duplicates from before: left as they are (see docstring)
        pass


def _v7_pohon(conn: Connection) -> None:
    """Version 7: the pohon kinerja and its crosscutting links. Both tables are new, so
    ``metadata.create_all`` has already made them; nothing to alter."""


def _v8_sel(conn: Connection) -> None:
    """Version 8: target, realisasi and budget rows keep the cell of their file they were read
    from (``sel``, ``Lembar!F12``), so that a document can cite its source."""
    for table in ("target", "realisasi", "anggaran"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN sel TEXT"))


def _v9_tahap_anggaran(conn: Connection) -> None:
    """Version 9: a pagu says its APBD stage (``tahap``: murni, perubahan), so that an
    APBD-Perubahan export keeps both pagu apart. Older rows name none (NULL), which a document
    reads as it did: the one pagu there is."""
    conn.execute(text("ALTER TABLE anggaran ADD COLUMN tahap VARCHAR(16)"))


def _v10_lke(conn: Connection) -> None:
    """Version 10: a unit's Lembar Kerja Evaluasi (evaluasi AKIP) and the evaluator's
    recommendations. Both tables are new, so ``metadata.create_all`` has already made them;
    nothing to alter."""


def _v11_pimpinan(conn: Connection) -> None:
    """Version 11: the Daftar Unit names who holds each post (``nama_pimpinan``, ``nip_pimpinan``),
    so that signed documents print them; older rows name nobody (NULL)."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("unit")}
    for column in ("nama_pimpinan", "nip_pimpinan"):
        if column not in have:
            conn.execute(text(f"ALTER TABLE unit ADD COLUMN {column} TEXT"))


def _v12_akses(conn: Connection) -> None:
    """Version 12: personal links to the pages (``akses``) and confirmations of suspect numbers made
    on a page (``konfirmasi``). Both tables are new, so ``metadata.create_all`` has already made
    them; nothing to alter."""


# Schema upgrades: version -> function bringing a store at version-1 to that version.
UPGRADES: dict[int, Callable[[Connection], None]] = {2: _v2_target_program, 3: _v3_anggaran_dokumen, 4: _v4_profil, 5: _v5_periode,
                                6: _v6_sha_unik, 7: _v7_pohon, 8: _v8_sel, 9: _v9_tahap_anggaran,
                                10: _v10_lke, 11: _v11_pimpinan, 12: _v12_akses}


def terapkan_migrasi(conn: Connection) -> None:
    """Create the schema of a new store, or upgrade an older one, on ``conn`` (inside the
    caller's transaction, which holds the schema lock); refuse a store newer than this kinerja."""
    metadata.create_all(conn)
    current = conn.execute(select(func.max(skema.c.versi))).scalar()
    if current is None:
        conn.execute(insert(skema).values(versi=SCHEMA_VERSION, diterapkan=_now()))
        return
    if current > SCHEMA_VERSION:
        raise KinerjaError(
            f"basis data memakai skema versi {current}, lebih baru dari versi kinerja ini "
            f"({SCHEMA_VERSION}); perbarui kinerja"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        UPGRADES[version](conn)
        conn.execute(insert(skema).values(versi=version, diterapkan=_now()))


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
