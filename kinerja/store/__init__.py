"""The store: every number kinerja was ever given, append-only, with its history.

``Store`` (SQLite or PostgreSQL through SQLAlchemy) and ``buka_store``.

Modules: :mod:`~kinerja.store.skema` (the tables, their row keys, ``SCHEMA_VERSION``),
:mod:`~kinerja.store.migrasi` (upgrades of older stores), :mod:`~kinerja.store.url` (which
store to open, its address shown without password) and :mod:`~kinerja.store.store` (the
``Store`` class).
"""

from kinerja.store.skema import ROW_KEYS, SCHEMA_VERSION, TABLES, metadata
from kinerja.store.store import Store, buka_store, latest
from kinerja.store.url import DEFAULT_URL, absolute_url, tampil_url, url_store

__all__ = ["DEFAULT_URL", "ROW_KEYS", "SCHEMA_VERSION", "Store", "TABLES", "absolute_url", "buka_store", "latest",
           "metadata", "tampil_url", "url_store"]
