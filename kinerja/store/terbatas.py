"""A store seen by one unit: the one place a page's data leaves the store for a ``unit`` visitor.

:class:`StoreUnit` wraps a :class:`~kinerja.store.store.Store` and answers ``current``,
``history`` and ``submissions`` with the rows of one unit only: a table with ``unit_kode``
keeps that unit's rows, the Daftar Unit keeps the unit's own row, the files loaded keep the
unit's files. Everything a page computes (capaian, kepatuhan, pohon kinerja, downloads) reads
through these three, so another unit's numbers never reach the page's kernel, whatever its
widgets ask for. Anything else of the store (its engine, a connection, writing) is refused:
a unit's page only reads.
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.errors import KinerjaError

__all__ = ["StoreUnit"]

# What a page may call on the view besides the three readers below.
_BOLEH = frozenset({"url", "versi"})


class StoreUnit:
    """The rows of ``unit`` only, of ``store``.

    Examples
    --------
    >>> import tempfile
    >>> from kinerja.store.store import Store
    >>> v = StoreUnit(Store(f"sqlite:///{tempfile.mkdtemp()}/k.sqlite"), "dinkes")
    >>> v.unit, v.current("unit").empty
    ('dinkes', True)
    >>> try:
    ...     v.engine
    ... except KinerjaError as e:
    ...     print(str(e).split(";")[0])
    hanya baca data unit dinkes yang tersedia bagi pengunjung unit
    """

    def __init__(self, store, unit: str) -> None:
        if not unit:
            raise KinerjaError("tampilan unit memerlukan kode unit")
        self._store = store
        self.unit = unit

    def __getattr__(self, name: str):
        if name in _BOLEH:
            return getattr(self._store, name)
        raise KinerjaError(f"hanya baca data unit {self.unit} yang tersedia bagi pengunjung unit; "
                           f"'{name}' tidak tersedia")

    def current(self, name: str, **where: object) -> pd.DataFrame:
        """The current view of table ``name``, of this unit only."""
        kolom = "kode" if name == "unit" else "unit_kode"
        if kolom in where and where[kolom] != self.unit:
            return self._store.current(name, **where).iloc[0:0]
        return self._store.current(name, **{**where, kolom: self.unit})

    def history(self, name: str) -> pd.DataFrame:
        """Every row ever loaded into table ``name``, of this unit only."""
        frame = self._store.history(name)
        return frame[frame["kode" if name == "unit" else "unit_kode"] == self.unit].reset_index(drop=True)

    def submissions(self) -> pd.DataFrame:
        """The files loaded for this unit."""
        frame = self._store.submissions()
        return frame[frame["unit_kode"] == self.unit].reset_index(drop=True)
