"""Where kinerja finds its own files: notebooks, predikat scales and batch parameter sets.

They are package data (``kinerja.notebooks`` and ``kinerja.parameters``; in the source tree
the top-level ``notebooks/`` and ``parameters/`` folders, mapped into the package by
``pyproject.toml``), read with :mod:`importlib.resources`, so an installed wheel finds them
as a source checkout does. A kabupaten that adapts its documents copies the notebooks
(:func:`salin_notebook`) and points the batch and the pages at its folder
(``--notebooks FOLDER`` or ``$KINERJA_NOTEBOOKS``); a notebook missing from that folder is
taken from the package.
"""

from __future__ import annotations

import functools
import os
import shutil
from importlib import resources
from pathlib import Path

from kinerja.core.errors import KinerjaError

__all__ = ["cari_notebook", "folder_notebook", "folder_paket", "parameters_dir", "salin_notebook"]


def folder_paket(nama: str) -> Path:
    """The folder of one kind of package data: ``"notebooks"`` or ``"parameters"``.

    Examples
    --------
    >>> (folder_paket("parameters") / "predikat" / "permendagri-86-2017.yaml").is_file()
    True
    """
    if nama not in ("notebooks", "parameters"):
        raise ValueError(nama)
    return Path(os.fspath(resources.files(f"kinerja.{nama}")))


def parameters_dir() -> Path:
    """The parameters folder: ``$KINERJA_PARAMETERS`` if set, else the package's own."""
    env = os.environ.get("KINERJA_PARAMETERS")
    return Path(env) if env else folder_paket("parameters")


def folder_notebook(notebooks: str | os.PathLike | None = None) -> Path | None:
    """The user's notebook folder: ``notebooks`` if given, else ``$KINERJA_NOTEBOOKS``, else None."""
    chosen = notebooks or os.environ.get("KINERJA_NOTEBOOKS") or None
    if chosen is None:
        return None
    path = Path(chosen)
    if not path.is_dir():
        raise KinerjaError(f"folder notebook {str(path)!r} tidak ada; buat dengan 'kinerja notebook salin FOLDER'")
    return path.resolve()


def cari_notebook(nama: str, notebooks: str | os.PathLike | None = None) -> Path:
    """The notebook ``nama`` (a file name from the registry, e.g. ``lkjip.ipynb``): the user's
    copy in :func:`folder_notebook` when there is one, else the package's.

    Examples
    --------
    >>> cari_notebook("craapk.ipynb").name
    'craapk.ipynb'
    """
    user = folder_notebook(notebooks)
    if user is not None and (user / nama).is_file():
        return user / nama
    own = folder_paket("notebooks") / nama
    if not own.is_file():
        raise KinerjaError(f"notebook {nama!r} tidak ada di paket kinerja")
    return own


def parameter_notebook(path: str | os.PathLike) -> list[str]:
    """The names a notebook's ``parameters`` cell assigns: what papermill's
    ``inspect_notebook`` reports, read without importing papermill (a batch's main process
    plans documents only; importing papermill there cost ~2,5 s of every batch's start).

    Examples
    --------
    >>> parameter_notebook(cari_notebook("craapk.ipynb"))
    ['unit', 'tahun', 'bulan', 'db', 'skala', 'keluaran']
    """
    import ast
    import json

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            names: list[str] = []
            for node in ast.parse("".join(source) if isinstance(source, list) else source).body:
                targets = (node.targets if isinstance(node, ast.Assign)
                           else [node.target] if isinstance(node, ast.AnnAssign) else [])
                names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
            return names
    return []


def salin_notebook(folder: str | os.PathLike, timpa: bool = False) -> list[Path]:
    """Copy the package's document notebooks and pages into ``folder`` for editing.

    Existing files are kept unless ``timpa`` (overwrite) is set, so a kabupaten's edits are
    never lost by copying again. Returns the files written.
    """
    from kinerja.core.berkas import tulis_atomik

    source = folder_paket("notebooks")
    target = Path(folder)
    written = []
    for path in sorted(source.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        dest = target / path.relative_to(source)
        if dest.exists() and not timpa:
            continue
        # A link planted in the folder is replaced, never written through (core.berkas.tulis_atomik).
        tulis_atomik(dest, functools.partial(shutil.copyfile, path), akar=target)
        written.append(dest)
    return written
