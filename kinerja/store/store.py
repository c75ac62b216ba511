"""The ``Store`` class: reading and appending to one store, and :func:`buka_store`.

Every data row belongs to a ``submission`` (the workbook it came from, with its sha256
and received time). Nothing is updated or deleted: a corrected workbook adds a new
submission whose rows supersede the old ones. The *current* view of a table keeps, for
every row key, the row from the latest submission that has it; the history view keeps
everything. The tables are described in :mod:`kinerja.store.skema`.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, func, insert, literal_column, select
from sqlalchemy.engine import Connection, Engine

from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka
from kinerja.store.migrasi import terapkan_migrasi
from kinerja.store.skema import ROW_KEYS, TABLES, skema, submission
from kinerja.store.url import DEFAULT_URL, tampil_url, url_store

__all__ = ["Store", "berkas_sqlite", "buka_store", "latest"]


def buka_store(db: str | None = None) -> Store:
    """Open the store :func:`~kinerja.store.url.url_store` finds, which must already hold a
    Daftar Unit.

    Nothing is built behind the user's back: an empty or missing store raises an
    Indonesian message saying how to fill one (or how to point at one).

    Parameters
    ----------
    db : str, optional
        A SQLAlchemy URL (``sqlite:///outputs/kinerja.sqlite``, ``postgresql://…``);
        empty or None: ``$KINERJA_DB``, else ``outputs/kinerja.sqlite``.

    Returns
    -------
    Store
        The opened store.

    Raises
    ------
    KinerjaError
        The store does not exist or holds no Daftar Unit yet.

    Examples
    --------
    >>> import tempfile
    >>> import kinerja
    >>> try:
    ...     kinerja.buka_store(f"sqlite:///{tempfile.mkdtemp()}/tidak-ada.sqlite")
    ... except kinerja.KinerjaError as e:
    ...     print(str(e).split(" belum")[1].split(".")[0])
     ada
    """
    url = url_store(db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise KinerjaError(_CARA_ISI.format(url=tampil_url(url), keadaan="belum ada"))
    store = Store(url)
    if store.current("unit").empty:
        store._buang_jejak()  # a refused --db leaves no lock file behind
        raise KinerjaError(_CARA_ISI.format(url=tampil_url(url), keadaan="belum berisi Daftar Unit"))
    return store


_CARA_ISI = (
    "basis data {url} {keadaan}. Muat workbook unit dengan 'kinerja ingest FOLDER' (mulai dari Daftar Unit), "
    "atau buat contoh Kabupaten Nusa Rekaan dengan 'kinerja sample outputs/sampel' lalu "
    "'kinerja ingest outputs/sampel'; atau isi parameter db / variabel KINERJA_DB dengan basis data yang sudah ada."
)


class Store:
    """One store: every number kinerja was ever given, append-only, with its history.
    Creates or upgrades its schema on first use; loads are serialised by a lock.

    ``current(table, **where)`` gives the latest revision of every value, ``history(table)``
    every value ever loaded with its file and time, ``submissions()`` every file loaded.

    Examples
    --------
    >>> import tempfile
    >>> import kinerja
    >>> store = kinerja.Store(f"sqlite:///{tempfile.mkdtemp()}/k.sqlite")
    >>> store.current("unit").empty, len(store.submissions())
    (True, 0)
    """

    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = url
        self._jejak = _jejak_baru(url)  # what opening it creates: removed again if it is refused
        self._utuh = False
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
            self._buang_jejak()
            raise
        except Exception as exc:  # noqa: BLE001 - any driver error becomes a user message
            self._buang_jejak()
            from kinerja.core.formatting import pendek
            from kinerja.core.sistem import pesan_sistem

            # The driver's own words, first line only, without its class name or the URL's password.
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else ""
            detail = pesan_sistem(exc, tampil_url(url)) or pendek(detail.replace(url, tampil_url(url)), 200)
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
            folder = os.path.dirname(os.path.abspath(path))
            if os.access(folder, os.W_OK):  # a read-only folder: readers only, nothing to serialise
                lock = _ambil_kunci(f"{path}.kunci", tampil_url(self.url))
        try:
            yield
        finally:
            if lock is not None:
                lock.release()

    def periksa_utuh(self) -> None:
        """Refuse to write into a damaged SQLite file: ``PRAGMA quick_check`` once, before this
        Store's first write of data (a file with a damaged page would take the new rows and
        lose them, or more). Raises :class:`KinerjaError` naming the file and what to do."""
        if self._utuh or self.engine.dialect.name != "sqlite" or berkas_sqlite(self.url) is None:
            return
        from sqlalchemy import text
        from sqlalchemy.exc import DatabaseError

        try:
            with self.engine.connect() as conn:
                found = [str(r[0]) for r in conn.execute(text("PRAGMA quick_check(5)"))]
        except DatabaseError as exc:
            found = [str(getattr(exc, "orig", exc))]
        if found != ["ok"]:
            arsip = berkas_sqlite(self.url).parent / "arsip"
            raise KinerjaError(f"basis data {berkas_sqlite(self.url)} rusak (pemeriksaan keutuhan SQLite: "
                               f"{'; '.join(found)[:200]}); tidak ada yang ditulis. Pulihkan berkas itu dari cadangan, "
                               f"atau buat basis data baru dan muat ulang berkas asli dari folder arsip ({arsip})")
        self._utuh = True

    def tutup(self, buang_bila_kosong: bool = False) -> None:
        """Close the store's connections. With ``buang_bila_kosong``, a SQLite store that this
        Store created and into which nothing was loaded leaves nothing behind (file, lock, journal,
        the folders made for it): a refused or empty command creates no store."""
        kosong = buang_bila_kosong and berkas_sqlite(self.url) in self._jejak and self._kosong()
        self.engine.dispose()
        if kosong:
            self._buang_jejak()

    def _kosong(self) -> bool:
        try:
            return self.submissions().empty
        except Exception:  # noqa: BLE001 - a store that cannot even be read holds nothing of the user's
            return True

    def _buang_jejak(self) -> None:
        engine = getattr(self, "engine", None)
        if engine is not None:
            engine.dispose()
        for path in sorted(self._jejak, key=lambda p: len(p.parts), reverse=True):  # files before their folders
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        self._jejak = []

    def _migrate(self) -> None:
        # Two processes opening an empty store at once: one creates the schema, the other waits
        # for it and finds it there (schema creation is not atomic on PostgreSQL).
        with self._transaksi("skema") as conn:
            terapkan_migrasi(conn)

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
        self.periksa_utuh()
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
        self.periksa_utuh()
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
            .order_by(*self._urutan_muat(table))
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
        query = query.order_by(*self._urutan_muat(table))
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        frame = latest(frame, ROW_KEYS[name]).drop(columns="_diterima")
        if "dihapus" in frame.columns:
            frame = frame[~frame["dihapus"].fillna(False).astype(bool)].drop(columns="dihapus").reset_index(drop=True)
        return frame

    def _urutan_muat(self, table) -> tuple:
        """Rows in the order they were loaded, the same on every database: a document lists a
        unit's indicators as its formulir did. Without it PostgreSQL returns a join in whatever
        order its plan gives (a PK's indicators came out reversed beside SQLite's). Row tables
        are append-only, so the physical position within a submission is its load order."""
        if self.engine.dialect.name == "postgresql":
            return (table.c.submission_id, literal_column(f"{table.name}.ctid"))
        return (literal_column(f"{table.name}.rowid"),)

    def connect(self) -> Connection:
        return self.engine.connect()


def berkas_sqlite(url: str) -> Path | None:
    """The file of a SQLite store URL; None for PostgreSQL and an in-memory store."""
    path = url.removeprefix("sqlite:///")
    return Path(path) if url.startswith("sqlite:///") and path not in ("", ":memory:") else None


def _jejak_baru(url: str) -> list[Path]:
    """What opening the SQLite store at ``url`` may create and is not there yet: the folders
    above it, the file, its lock, its journal."""
    path = berkas_sqlite(url)
    if path is None:
        return []
    found = [p for p in path.parents if not p.exists()]
    return found + [p for p in (path, Path(f"{path}.kunci"), Path(f"{path}-journal")) if not os.path.lexists(p)]


def _ambil_kunci(path: str, nama: str):
    """The store's lock file ``path``, acquired; while another process holds it, a line on stderr
    every 10 seconds, and after ``$KINERJA_TUNGGU_KUNCI`` seconds (60) a :class:`KinerjaError`
    naming the lock file. None when the lock file cannot be made (a reader in a read-only place)."""
    import sys
    import time

    from filelock import FileLock, Timeout

    lock, tunggu = FileLock(path), float(os.environ.get("KINERJA_TUNGGU_KUNCI", "60"))
    batas, jeda = time.monotonic() + tunggu, 0.0
    while True:
        try:
            lock.acquire(timeout=jeda)
            return lock
        except Timeout:
            sisa = batas - time.monotonic()
            if sisa <= 0:
                raise KinerjaError(f"basis data {nama} sedang dipakai proses lain: kunci {path} dipegang proses lain "
                                   f"lebih dari {format_angka(tunggu, 0)} detik. Tunggu proses itu (ingest, impor "
                                   f"atau batch lain) selesai lalu jalankan ulang; pemegangnya terlihat dengan "
                                   f"'fuser {path}'") from None
            print(f"menunggu kunci basis data {path} yang dipegang proses lain (paling lama "
                  f"{format_angka(sisa, 0)} detik lagi)…", file=sys.stderr, flush=True)
            jeda = min(10.0, sisa)
        except OSError:
            return None


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

