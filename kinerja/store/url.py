"""Which store to open and how to show its address: a SQLite file by default, any
SQLAlchemy URL (PostgreSQL) for a shared deployment, its password never shown."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_URL", "absolute_url", "tampil_url", "url_store"]

# The one default store, for every command and notebook: a SQLite file in the current folder.
DEFAULT_URL = "sqlite:///outputs/kinerja.sqlite"


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
