"""Which kabupaten a unit belongs to, for a store that holds one kabupaten or a province.

A store may hold several kabupaten/kota (a province Bappeda's, or the ministry's), each
with its own Daftar Unit: a perangkat daerah's ``induk`` is its kabupaten, a pejabat's is
its perangkat daerah. Everything that speaks for "the kabupaten" (its LKjIP's table of
perangkat daerah, the RKPD evaluation, the Ringkasan page, the alignment of a Renstra
with the RPJMD, the place on a signature block) takes the units of that kabupaten only.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["cari_unit", "daftar_kabupaten", "kabupaten_unit", "nama_dengan_kabupaten", "unit_kabupaten"]


def kabupaten_unit(units: pd.DataFrame) -> pd.Series:
    """Per unit code, the code of the kabupaten it belongs to (the kabupaten's own code for
    itself); NaN for a unit whose chain of ``induk`` reaches no kabupaten.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["kab-a", "dinkes", "dinkes-kesmas", "kab-b", "b-dinkes"],
    ...                       "jenis": ["kabupaten", "perangkat_daerah", "pejabat", "kabupaten", "perangkat_daerah"],
    ...                       "induk": [None, "kab-a", "dinkes", None, "kab-b"]})
    >>> kabupaten_unit(units).to_dict()
    {'kab-a': 'kab-a', 'dinkes': 'kab-a', 'dinkes-kesmas': 'kab-a', 'kab-b': 'kab-b', 'b-dinkes': 'kab-b'}
    """
    kode = units["kode"]
    induk = pd.Series(units["induk"].to_numpy() if "induk" in units else None, index=kode.to_numpy(), dtype=object)
    jenis = pd.Series(units["jenis"].to_numpy(), index=kode.to_numpy())
    out = pd.Series(kode.to_numpy(), index=kode.to_numpy(), dtype=object).where(jenis == "kabupaten")
    step = induk.copy()
    for _ in range(4):  # kabupaten ← perangkat daerah ← pejabat (and one level to spare)
        hit = out.isna() & step.map(jenis).eq("kabupaten")
        out[hit] = step[hit]
        step = step.map(induk)
    if len(units) and (units["jenis"] == "kabupaten").sum() == 1:
        out = out.fillna(units.loc[units["jenis"] == "kabupaten", "kode"].iloc[0])  # one kabupaten: all are its
    return out


def nama_dengan_kabupaten(units: pd.DataFrame, kode: pd.Series) -> pd.Series:
    """The name of each unit in ``kode``, preceded by its kabupaten's when ``units`` holds
    several kabupaten (their perangkat daerah bear the same names); a kabupaten's own row is
    its name alone.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["a", "a-dinkes", "b", "b-dinkes"], "nama": ["Kab. A", "Dinkes", "Kab. B", "Dinkes"],
    ...                       "jenis": ["kabupaten", "perangkat_daerah"] * 2, "induk": [None, "a", None, "b"]})
    >>> nama_dengan_kabupaten(units, pd.Series(["b-dinkes", "a"])).tolist()
    ['Kab. B, Dinkes', 'Kab. A']
    """
    names = units.set_index("kode")["nama"]
    own = kode.map(names)
    if (units["jenis"] == "kabupaten").sum() <= 1:
        return own
    kab = kode.map(kabupaten_unit(units)).map(names)
    return own.where(kab.isna() | (kab == own), kab + ", " + own)


def daftar_kabupaten(units: pd.DataFrame) -> pd.DataFrame:
    """The kabupaten in the store, ``kode`` and ``nama``, by name.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["b", "a", "x"], "nama": ["Kab. B", "Kab. A", "Dinas"],
    ...                       "jenis": ["kabupaten", "kabupaten", "perangkat_daerah"]})
    >>> daftar_kabupaten(units)["kode"].tolist()
    ['a', 'b']
    """
    kab = units[units["jenis"] == "kabupaten"][["kode", "nama"]]
    return kab.sort_values(["nama", "kode"]).reset_index(drop=True)


def unit_kabupaten(units: pd.DataFrame, kabupaten: str | None) -> pd.DataFrame:
    """The units of one kabupaten (itself, its perangkat daerah and their pejabat); all
    units when ``kabupaten`` is None.

    Examples
    --------
    >>> units = pd.DataFrame({"kode": ["a", "a-dinkes", "b", "b-dinkes"],
    ...                       "jenis": ["kabupaten", "perangkat_daerah"] * 2, "induk": [None, "a", None, "b"]})
    >>> unit_kabupaten(units, "b")["kode"].tolist()
    ['b', 'b-dinkes']
    """
    if kabupaten is None:
        return units
    return units[units["kode"].map(kabupaten_unit(units)).eq(kabupaten).to_numpy()]


def cari_unit(units: pd.DataFrame, kode: str, kabupaten: str | None = None) -> dict:
    """The row of unit ``kode`` in the unit list ``units``, as a dict; the one lookup of a
    unit a user names, with one message when it is not there.

    Parameters
    ----------
    units : pandas.DataFrame
        The unit list (``store.current("unit")``, perhaps narrowed to a kabupaten).
    kode : str
        The unit's code as the user gave it.
    kabupaten : str, optional
        The kabupaten ``units`` was narrowed to, named in the message.

    Returns
    -------
    dict
        The unit's row.

    Raises
    ------
    KinerjaError
        When no unit has that code.

    Examples
    --------
    >>> u = pd.DataFrame({"kode": ["kab", "dinkes"], "nama": ["Kabupaten", "Dinas Kesehatan"]})
    >>> cari_unit(u, "dinkes")["nama"]
    'Dinas Kesehatan'
    >>> cari_unit(u, "dinsos", "kab")
    Traceback (most recent call last):
    ...
    kinerja.core.errors.KinerjaError: unit "dinsos" tidak ada di Daftar Unit kabupaten kab di basis data
    """
    from kinerja.core.errors import KinerjaError

    found = units[units["kode"] == kode] if not units.empty else units
    if found.empty:
        where = f" kabupaten {kabupaten}" if kabupaten else ""
        raise KinerjaError(f"unit \"{kode}\" tidak ada di Daftar Unit{where} di basis data")
    return found.iloc[0].to_dict()
