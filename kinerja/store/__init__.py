"""The store: every number kinerja was ever given, append-only, with its history.

``Store`` (SQLite or PostgreSQL through SQLAlchemy) and ``buka_store``.
"""
