"""The store: every number kinerja was ever given, append-only, with its history.

``Store`` (SQLite or PostgreSQL through SQLAlchemy) and ``buka_store``.

Modules: :mod:`~kinerja.store.skema` (the tables, their row keys, ``SCHEMA_VERSION``),
:mod:`~kinerja.store.migrasi` (upgrades of older stores), :mod:`~kinerja.store.url` (which
store to open, its address shown without password) and :mod:`~kinerja.store.store` (the
``Store`` class).
"""

import importlib

# name -> module; imported on first use (PEP 562), so that kinerja.store.url (the default store's
# address, named in every command's help) loads without SQLAlchemy.
_ISI = {"ROW_KEYS": "skema", "SCHEMA_VERSION": "skema", "TABLES": "skema", "metadata": "skema",
        "Store": "store", "buka_store": "store", "latest": "store",
        "DEFAULT_URL": "url", "absolute_url": "url", "tampil_url": "url", "url_store": "url"}

__all__ = ["DEFAULT_URL", "ROW_KEYS", "SCHEMA_VERSION", "Store", "TABLES", "absolute_url", "buka_store", "latest",
           "metadata", "tampil_url", "url_store"]


def __getattr__(name: str):
    if name not in _ISI:
        raise AttributeError(f"module 'kinerja.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kinerja.store.{_ISI[name]}"), name)
    globals()[name] = value
    return value
