"""The store: every number kinerja was ever given, append-only, in long format.

SQLite by default (one file), any SQLAlchemy URL for a shared deployment (PostgreSQL).
Every data row belongs to a ``submission`` (the workbook it came from, with its sha256
and received time). Nothing is updated or deleted: a corrected workbook adds a new
submission whose rows supersede the old ones. The *current* view of a table keeps, for
every row key, the row from the latest submission that has it; the history view keeps
everything.

Tables (long format):

``submission``   one row per ingested workbook: dokumen, tingkat, unit, tahun, bulan,
                 file name, sha256, diterima (received), dimuat (loaded), arsip path
``unit``         kode, nama, jenis (kabupaten, perangkat_daerah, pejabat), induk, jabatan
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
``anggaran``     per unit and document (rkt, pk, raapk, craapk): tahun, program, kegiatan,
                 sub_kegiatan, indikator_keluaran, bulan (NULL for annual), jenis (pagu,
                 target, realisasi), nilai, keterangan. Each document keeps its own budget
                 rows (schema 3), so a PK's Keterangan or an RKT's kegiatan rows are not
                 superseded by the RAAPK that names the same program; RKT rows also
                 record the indicator they are listed under and their penanggung jawab.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Engine

from kinerja.core.errors import KinerjaError

__all__ = ["SCHEMA_VERSION", "Store", "DEFAULT_URL", "absolute_url", "buka_store", "metadata", "tampil_url",
           "url_store"]

SCHEMA_VERSION = 7
# The one default store, for every command and notebook: a SQLite file in the current folder.
DEFAULT_URL = "sqlite:///outputs/kinerja.sqlite"

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
    Column("dihapus", Boolean, nullable=True),
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

# Every check of an incoming file reads one unit's rows: index them by unit.
Index("ix_submission_dokumen", submission.c.dokumen, submission.c.unit_kode, submission.c.tahun, submission.c.bulan)
# One file (its bytes) lands once per store, even when two processes load it at the same moment.
Index("ux_submission_sha256", submission.c.sha256, unique=True)
Index("ix_indikator_unit", indikator.c.unit_kode)
Index("ix_target_unit", target.c.unit_kode, target.c.dokumen, target.c.tahun)
Index("ix_realisasi_unit", realisasi.c.unit_kode, realisasi.c.tahun)
Index("ix_anggaran_unit", anggaran.c.unit_kode, anggaran.c.tahun)

Index("ix_pohon_unit", pohon.c.unit_kode, pohon.c.tahun)

TABLES = {t.name: t for t in (unit, indikator, target, realisasi, anggaran, profil, pohon, crosscutting)}

# The key that identifies "the same row" across revisions of a table.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "unit": ("kode",),
    "indikator": ("unit_kode", "kode"),
    "target": ("unit_kode", "indikator_kode", "dokumen", "tahun", "bulan", "periode", "jenis"),
    "realisasi": ("unit_kode", "indikator_kode", "tahun", "bulan", "periode"),
    "anggaran": ("unit_kode", "dokumen", "tahun", "indikator_kode", "program", "kegiatan", "sub_kegiatan", "bulan",
                 "periode", "jenis"),
    "profil": ("unit_kode", "tahun", "bagian", "uraian"),
    "pohon": ("unit_kode", "tahun", "kode", "indikator_kode"),
    "crosscutting": ("unit_kode", "tahun", "simpul", "kontributor"),
}

def _v2_target_program(conn: Connection) -> None:
    """Version 2: RAAPK targets remember the program their indicator's block names."""
    from sqlalchemy import text

    conn.execute(text("ALTER TABLE target ADD COLUMN program TEXT"))


def _v3_anggaran_dokumen(conn: Connection) -> None:
    """Version 3: budget rows keyed by their document (filled from each row's submission) and,
    in the RKT, by the indicator they are listed under; penanggung jawab kept with RKT budget
    rows and RAAPK targets; a row can record that a correction removed its value (dihapus)."""
    from sqlalchemy import text

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
    from sqlalchemy import text

    for table in ("target", "realisasi", "anggaran"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN periode VARCHAR(8)"))
    conn.execute(text("ALTER TABLE indikator ADD COLUMN tingkat VARCHAR(16)"))
    conn.execute(text("ALTER TABLE indikator ADD COLUMN uraian TEXT"))


def _v6_sha_unik(conn: Connection) -> None:
    """Version 6: a file's sha256 is unique in the store. A store that already holds the same
    file twice (loaded by two processes at once before this version) keeps its rows; its
    index stays non-unique and the write lock alone keeps further copies out."""
    from sqlalchemy import text

    try:
        with conn.begin_nested():
            conn.execute(text("CREATE UNIQUE INDEX ux_submission_sha256 ON submission (sha256)"))
    except Exception:  # noqa: BLE001 - duplicates from before: left as they are (see docstring)
        pass


def _v7_pohon(conn: Connection) -> None:
    """Version 7: the pohon kinerja and its crosscutting links. Both tables are new, so
    ``metadata.create_all`` has already made them; nothing to alter."""


# Schema upgrades: version -> function bringing a store at version-1 to that version.
_UPGRADES: dict[int, object] = {2: _v2_target_program, 3: _v3_anggaran_dokumen, 4: _v4_profil, 5: _v5_periode,
                                6: _v6_sha_unik, 7: _v7_pohon}


def absolute_url(url: str) -> str:
    """A relative SQLite URL made absolute (against the current folder), so that a
    process running elsewhere (a notebook kernel) opens the same file."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str(Path(url.removeprefix(prefix)).resolve())
    return url


def url_store(db: str | None = None) -> str:
    """Which store to use, found the same way everywhere: ``db`` when given (``--db`` or a
    notebook's ``db`` parameter), else ``$KINERJA_DB``, else :data:`DEFAULT_URL`. A relative
    SQLite path is made absolute.

    Examples
    --------
    >>> import os; os.environ.pop("KINERJA_DB", None) and None
    >>> url_store("sqlite:////data/k.sqlite"), url_store().endswith("/outputs/kinerja.sqlite")
    ('sqlite:////data/k.sqlite', True)
    """
    return absolute_url(db or os.environ.get("KINERJA_DB") or DEFAULT_URL)


def tampil_url(url: str) -> str:
    """The URL as it may be shown or written anywhere: the password replaced by ``***``.

    Examples
    --------
    >>> tampil_url("postgresql+psycopg://kinerja:rahasia@db.local/kinerja")
    'postgresql+psycopg://kinerja:***@db.local/kinerja'
    """
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL: show nothing of it that could hold a secret
        return "(URL basis data tidak sah)"


def buka_store(db: str | None = None) -> Store:
    """Open the store :func:`url_store` finds, which must already hold a Daftar Unit.

    Nothing is built behind the user's back: an empty or missing store raises an
    Indonesian message saying how to fill one (or how to point at one).
    """
    url = url_store(db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise KinerjaError(_CARA_ISI.format(url=tampil_url(url), keadaan="belum ada"))
    store = Store(url)
    if store.current("unit").empty:
        raise KinerjaError(_CARA_ISI.format(url=tampil_url(url), keadaan="belum berisi Daftar Unit"))
    return store


_CARA_ISI = (
    "basis data {url} {keadaan}. Muat workbook unit dengan 'kinerja ingest FOLDER' (mulai dari Daftar Unit), "
    "atau buat contoh Kabupaten Nusa Rekaan dengan 'kinerja sample outputs/sampel' lalu "
    "'kinerja ingest outputs/sampel'; atau isi parameter db / variabel KINERJA_DB dengan basis data yang sudah ada."
)


class Store:
    """Access to one store; creates or upgrades its schema on first use."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = url
        try:
            if url.startswith("sqlite:///"):
                path = url.removeprefix("sqlite:///")
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
            # SQLite: a writer waits for another's lock instead of failing at once.
            args = {"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {}
            self.engine: Engine = create_engine(url, future=True, **args)
            self._migrate()
        except KinerjaError:
            raise
        except Exception as exc:  # noqa: BLE001 - any driver error becomes a user message
            from kinerja.core.formatting import pendek

            # The driver's own words, first line only, without its class name or the URL's password.
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else ""
            detail = pendek(detail.replace(url, tampil_url(url)), 200)
            raise KinerjaError(f"basis data {tampil_url(url)} tidak dapat dibuka"
                               + (f" (pesan server: {detail})" if detail else "")) from exc

    @contextlib.contextmanager
    def _transaksi(self, nama: str) -> Iterator[Connection]:
        """A write transaction holding the store's lock named ``nama`` until it has committed:
        on PostgreSQL a transaction-scoped advisory lock (other writers of that name wait, readers
        never do); on SQLite, which has one writer anyway, an exclusive lock on a file beside the
        database, released after the commit."""
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy import text

            key = zlib.crc32(f"kinerja:{nama}".encode()) - 2**31  # a fixed 32-bit key per name
            with self.engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
                yield conn
            return
        with self._kunci_berkas(), self.engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def _kunci_berkas(self) -> Iterator[None]:
        path = self.url.removeprefix("sqlite:///")
        lock = None
        if self.url.startswith("sqlite:///") and path and path != ":memory:":
            from filelock import FileLock

            folder = os.path.dirname(os.path.abspath(path))
            if os.access(folder, os.W_OK):  # a read-only folder: readers only, nothing to serialise
                lock = FileLock(f"{path}.kunci")
                try:
                    lock.acquire()
                except OSError:
                    lock = None
        try:
            yield
        finally:
            if lock is not None:
                lock.release()

    def _migrate(self) -> None:
        # Two processes opening an empty store at once: one creates the schema, the other waits
        # for it and finds it there (schema creation is not atomic on PostgreSQL).
        with self._transaksi("skema") as conn:
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
                _UPGRADES[version](conn)  # type: ignore[operator]
                conn.execute(insert(skema).values(versi=version, diterapkan=_now()))

    @property
    def versi(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(skema.c.versi))).scalar())

    # --- writing ------------------------------------------------------------------

    def find_sha(self, sha256: str) -> dict | None:
        """The submission that already holds a file with this sha256, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(submission).where(submission.c.sha256 == sha256).order_by(submission.c.id)
            ).first()
        return dict(row._mapping) if row is not None else None

    def tambah_kiriman(self, info: dict, baris: Callable[[], dict[str, pd.DataFrame]]) -> tuple[int, int, str]:
        """Load one file as a submission, safely beside other processes loading at once.

        Under a write lock per document, unit and period: a file whose sha256 the store
        already holds changes nothing (``"sama"``); otherwise ``baris()`` computes the rows
        (a correction's removals are computed against the current view as it stands under the
        lock) and the submission and its rows are inserted in one transaction with the next
        revision number. Returns ``(submission id, revisi, status)``.
        """
        from sqlalchemy.exc import IntegrityError

        nama = f"kiriman:{info['dokumen']}:{info.get('unit_kode')}:{info.get('tahun')}:{info.get('bulan')}"
        try:
            with self._transaksi(nama) as conn:
                found = conn.execute(select(submission.c.id).where(submission.c.sha256 == info["sha256"])).first()
                if found is not None:
                    return int(found[0]), 0, "sama"
                earlier = int(conn.execute(_kueri_jumlah(info["dokumen"], info.get("unit_kode"), info.get("tahun"),
                                                         info.get("bulan"))).scalar())
                return _sisipkan(conn, info, baris()), earlier + 1, "dimuat"
        except IntegrityError:  # the same file committed by another process a moment before
            existing = self.find_sha(info["sha256"])
            if existing is None:
                raise
            return int(existing["id"]), 0, "sama"

    def add_submission(self, info: dict, rows: dict[str, pd.DataFrame]) -> int:
        """Insert one submission and all its rows in a single transaction."""
        with self.engine.begin() as conn:
            return _sisipkan(conn, info, rows)

    # --- reading ------------------------------------------------------------------

    def submissions(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(select(submission).order_by(submission.c.id), conn)

    def history(self, name: str) -> pd.DataFrame:
        """Every row ever loaded into table ``name``, with its submission's file and times."""
        table = TABLES[name]
        query = (
            select(table, submission.c.berkas, submission.c.diterima, submission.c.dimuat)
            .join(submission, submission.c.id == table.c.submission_id)
            .order_by(table.c.submission_id)
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def current(self, name: str, **where: object) -> pd.DataFrame:
        """The current view of table ``name``: for every row key, the row of the latest
        submission holding it, unless that row says a correction removed it (``dihapus``).
        ``where`` filters on columns (e.g. ``tahun=2026``)."""
        table = TABLES[name]
        query = select(table, submission.c.diterima.label("_diterima")).join(
            submission, submission.c.id == table.c.submission_id)
        for col, value in where.items():
            query = query.where(table.c[col] == value)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        frame = latest(frame, ROW_KEYS[name]).drop(columns="_diterima")
        if "dihapus" in frame.columns:
            frame = frame[~frame["dihapus"].fillna(False).astype(bool)].drop(columns="dihapus").reset_index(drop=True)
        return frame

    def connect(self) -> Connection:
        return self.engine.connect()


def latest(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Keep, for every key, the row of the submission received last (``_diterima`` when the
    frame has it), ties broken by load order (submission id); vectorised. A correction
    received at 09:00 never overrides one received at 10:00, whatever order they were loaded in
    (docs/metodologi.md §7)."""
    if frame.empty:
        return frame
    order = ["_diterima", "submission_id"] if "_diterima" in frame.columns else ["submission_id"]
    ordered = frame.sort_values(order, kind="stable")
    keep = ~ordered.duplicated(subset=list(keys), keep="last")
    return ordered[keep].sort_index().reset_index(drop=True)


def _kueri_jumlah(dokumen: str, unit_kode: str | None, tahun: int | None, bulan: int | None):
    """The count of submissions of one document, unit and period (NULL matched as NULL)."""
    query = select(func.count()).select_from(submission).where(submission.c.dokumen == dokumen)
    for col, value in (("unit_kode", unit_kode), ("tahun", tahun), ("bulan", bulan)):
        query = query.where(submission.c[col].is_(None) if value is None else submission.c[col] == value)
    return query


def _sisipkan(conn: Connection, info: dict, rows: dict[str, pd.DataFrame]) -> int:
    """Insert one submission and its rows on ``conn`` (inside the caller's transaction)."""
    sub_id = conn.execute(insert(submission).values(**info)).inserted_primary_key[0]
    for name, frame in rows.items():
        if frame is None or frame.empty:
            continue
        records = frame.assign(submission_id=sub_id).to_dict("records")
        conn.execute(insert(TABLES[name]), [_clean(r) for r in records])
    return int(sub_id)


def _clean(record: dict) -> dict:
    return {k: (None if (not isinstance(v, str) and v is not None and pd.isna(v)) else v) for k, v in record.items()}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
