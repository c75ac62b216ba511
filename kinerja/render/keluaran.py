"""One writer for every ``-o``/``--keluaran`` file: the format is picked by the suffix.

A command names the formats it writes, one writer each (``.csv`` through
:func:`kinerja.core.berkas.tulis_csv`, which neutralises formulas; ``.xlsx`` through
:func:`kinerja.render.excel.tulis_xlsx`; ``.html`` where a command documents it). A suffix
the command does not write is refused with a message naming it and the accepted ones,
before anything is written: ``-o x.html`` never gets CSV written into it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja.core.errors import KinerjaError

if TYPE_CHECKING:  # pandas loads with the data, not with every command's help (kinerja --help)
    import pandas as pd

__all__ = ["akhiran_keluaran", "penulis_csv", "penulis_xlsx", "teks_format", "tulis_keluaran"]

Penulis = Callable[[Path], object]


def teks_format(diterima: Iterable[str]) -> str:
    """The accepted suffixes as a reader sees them in a help text or a message.

    Examples
    --------
    >>> teks_format([".csv", ".xlsx", ".html"])
    '.csv, .xlsx atau .html'
    >>> teks_format([".xlsx"])
    '.xlsx'
    """
    items = list(diterima)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " atau " + items[-1]


def akhiran_keluaran(path: str | os.PathLike, diterima: Iterable[str]) -> str:
    """The suffix of ``path`` (lower case) when it is one of ``diterima``; else a
    :class:`~kinerja.core.errors.KinerjaError` naming the suffix and the accepted ones.

    Parameters
    ----------
    path : str or os.PathLike
        The output file a user asked for.
    diterima : iterable of str
        The suffixes the command writes, with their dot (``".csv"``).

    Returns
    -------
    str
        The suffix, e.g. ``".xlsx"`` for ``HASIL.XLSX``.

    Raises
    ------
    KinerjaError
        For any other suffix, or none.

    Examples
    --------
    >>> akhiran_keluaran("Hasil.XLSX", [".csv", ".xlsx"])
    '.xlsx'
    >>> akhiran_keluaran("x.html", [".csv", ".xlsx"])
    Traceback (most recent call last):
    ...
    kinerja.core.errors.KinerjaError: x.html: akhiran .html tidak dikenal untuk keluaran ini; pakai .csv atau .xlsx
    """
    accepted = list(diterima)
    suffix = Path(path).suffix.lower()
    if suffix not in accepted:
        shown = f"akhiran {suffix}" if suffix else "tanpa akhiran"
        raise KinerjaError(f"{Path(path).name}: {shown} tidak dikenal untuk keluaran ini; pakai {teks_format(accepted)}")
    return suffix


def tulis_keluaran(path: str | os.PathLike, penulis: Mapping[str, Penulis]) -> Path:
    """Write ``path`` with the writer of its suffix, refusing any other suffix unwritten.

    Parameters
    ----------
    path : str or os.PathLike
        The output file.
    penulis : mapping of str to callable
        Suffix (``".csv"``) → a function writing the file at the path it is given (see
        :func:`penulis_csv`, :func:`penulis_xlsx`). Its keys are the formats accepted.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> t = pd.DataFrame({"nama": ["=1+1", "Dinkes"], "nilai": [1.5, 2.0]})
    >>> out = tulis_keluaran(Path(tempfile.mkdtemp()) / "t.csv", {".csv": penulis_csv(t), ".xlsx": penulis_xlsx(t)})
    >>> print(out.read_text(encoding="utf-8"), end="")
    nama;nilai
    '=1+1;"1,5"
    Dinkes;"2,0"
    >>> tulis_keluaran(out.with_suffix(".pdf"), {".csv": penulis_csv(t)})
    Traceback (most recent call last):
    ...
    kinerja.core.errors.KinerjaError: t.pdf: akhiran .pdf tidak dikenal untuk keluaran ini; pakai .csv
    >>> out.with_suffix(".pdf").exists()
    False
    """
    path = Path(path)
    penulis[akhiran_keluaran(path, penulis)](path)
    return path


def penulis_csv(data: pd.DataFrame) -> Penulis:
    """A ``.csv`` writer for :func:`tulis_keluaran`: :func:`kinerja.core.berkas.tulis_csv`
    (``;``-separated, decimal comma, full precision, text that would run as a formula neutralised).

    Examples
    --------
    >>> import pandas as pd
    >>> callable(penulis_csv(pd.DataFrame()))
    True
    """
    from kinerja.core.berkas import tulis_csv

    return lambda path: tulis_csv(data, path)


def penulis_xlsx(data: pd.DataFrame, **opsi) -> Penulis:
    """A ``.xlsx`` writer for :func:`tulis_keluaran`: :func:`kinerja.render.excel.tulis_xlsx`
    with ``opsi`` (``lembar``, ``kolom_angka``, ``kolom_predikat``, ``skala``); by default one
    plain sheet with no number or predikat columns.

    Examples
    --------
    >>> import pandas as pd
    >>> callable(penulis_xlsx(pd.DataFrame(), lembar="Temuan"))
    True
    """
    from kinerja.render.excel import tulis_xlsx

    opsi = {"kolom_angka": (), "kolom_predikat": None, **opsi}
    return lambda path: tulis_xlsx(data, path, **opsi)
