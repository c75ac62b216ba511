"""Reading a parameter file into its model, and finding a parameter file by name.

:func:`muat_konfigurasi` reads a YAML file strictly (a key written twice is refused) into
its model of :mod:`kinerja.core.konfigurasi` and turns every mistake, in the YAML or in the
values, into Bahasa Indonesia with the file, the key path (``kelas[2].lebih_dari``, list
positions counted from 1) and what is expected; :func:`_galat` is how a model's own rule
words its message for it. A file chosen by name (a predikat scale, a batch parameter set,
an import mapping) is found by :func:`cari_parameter`, which compares the name with the
files actually present in that folder and never builds a path from it.
"""

from __future__ import annotations

import os
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from kinerja.core.errors import KinerjaError
from kinerja.core.sumber import parameters_dir

__all__ = ["JENIS_PARAMETER", "cari_parameter", "daftar_parameter", "muat_konfigurasi"]

# The folders whose files are chosen by name, and what a user calls such a file.
JENIS_PARAMETER = {"predikat": "skala predikat", "batch": "kumpulan parameter", "impor": "pemetaan kolom"}

M = TypeVar("M", bound=BaseModel)


def _galat(pesan: str, *lokasi: int | str) -> PydanticCustomError:
    """A rule's own Indonesian message; ``lokasi`` continues the key path below the checked field."""
    return PydanticCustomError("kinerja", "{pesan}", {"pesan": pesan, "lokasi": lokasi})


# --- reading a file -------------------------------------------------------------------------

_JENIS = {"float_type": "harus angka", "float_parsing": "harus angka", "finite_number": "harus angka terhingga",
          "int_type": "harus bilangan bulat", "int_parsing": "harus bilangan bulat",
          "int_from_float": "harus bilangan bulat", "bool_type": "harus true atau false",
          "bool_parsing": "harus true atau false", "string_type": "harus teks", "list_type": "harus daftar, mis. [a, b]",
          "dict_type": "harus berisi pasangan kunci: nilai", "model_type": "harus berisi pasangan kunci: nilai",
          "model_attributes_type": "harus berisi pasangan kunci: nilai", "string_too_short": "tidak boleh kosong"}
_BANDING = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}


def _jalur(loc: tuple) -> str:
    """A key path as a user reads it: ``kelas[2].lebih_dari``, list positions counted from 1."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part != "[key]":
            out += f".{part}" if out else str(part)
    return out


def _model_di(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that holds the last key of ``loc``, to list the keys it allows."""
    tipe: Any = model
    for part in loc:
        while True:  # unwrap Annotated, Optional, list and dict down to what ``part`` indexes
            origin, args = typing.get_origin(tipe), typing.get_args(tipe)
            if origin is Annotated:
                tipe = args[0]
            elif origin in (typing.Union, types.UnionType):
                tipe = next(a for a in args if a is not type(None))
            else:
                break
        if isinstance(tipe, type) and issubclass(tipe, BaseModel) and isinstance(part, str):
            tipe = tipe.model_fields[part].annotation if part in tipe.model_fields else None
        elif typing.get_origin(tipe) is list and isinstance(part, int):
            tipe = typing.get_args(tipe)[0]
        elif typing.get_origin(tipe) is dict:
            tipe = typing.get_args(tipe)[1]
        else:
            return None
    while typing.get_origin(tipe) in (Annotated, typing.Union, types.UnionType):
        tipe = next(a for a in typing.get_args(tipe) if a is not type(None))
    return tipe if isinstance(tipe, type) and issubclass(tipe, BaseModel) else None


def _tampil(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _pesan(model: type[BaseModel], error: dict) -> str:
    """One pydantic error as an Indonesian phrase: key path and what is expected."""
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    if kind == "kinerja":
        loc += tuple(ctx.get("lokasi", ()))
        where = _jalur(loc)
        return f"{where}: {ctx['pesan']}" if where else ctx["pesan"]
    where = _jalur(loc)
    if kind in ("extra_forbidden", "kunci_tidak_dikenal"):
        holder = _model_di(model, loc[:-1]) if kind == "extra_forbidden" else None
        boleh = ", ".join(holder.model_fields) if holder else ctx.get("boleh", "")
        return f"kunci {where!r} tidak dikenal" + (f"; yang boleh: {boleh}" if boleh else "")
    if kind == "missing":
        return f"{where} wajib ada"
    if kind in _BANDING:
        limit = next(iter(ctx.values()))
        expected = f"harus angka {_BANDING[kind]} {limit:g}" + (" (tidak boleh negatif)" if kind ==
                                                                "greater_than_equal" and limit == 0 else "")
        expected += " (lebih dari nol)" if kind == "greater_than" and limit == 0 else ""
    elif kind == "too_short":
        expected = f"harus berisi paling sedikit {ctx.get('min_length')} butir"
    else:
        expected = _JENIS.get(kind, "tidak sah")
    shown = "" if kind in ("too_short", "string_too_short") else f", bukan {_tampil(error.get('input'))}"
    return f"{where or 'isi berkas'} {expected}{shown}"


class _KunciGanda(yaml.YAMLError):
    def __init__(self, key: Any, mark: Any) -> None:
        super().__init__(key)
        self.key, self.problem_mark = key, mark


class _Pemuat(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key written twice in one mapping (PyYAML would
    silently keep the last, so a weight written twice would change without notice)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, typing.Hashable):
                if key in seen:
                    raise _KunciGanda(key, key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _baca(file: Path) -> Any:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KinerjaError(f"{file}: berkas tidak ditemukan") from None
    except UnicodeDecodeError:
        raise KinerjaError(f"{file.name}: tidak dapat dibaca: bukan teks UTF-8") from None
    except OSError as exc:
        raise KinerjaError(f"{file}: tidak dapat dibaca (bukan berkas atau tanpa izin baca)") from exc
    try:
        return yaml.load(text, Loader=_Pemuat)  # noqa: S506 (a SafeLoader: plain data only)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" di baris {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else ""
        if isinstance(exc, _KunciGanda):
            raise KinerjaError(f"{file.name}: kunci {exc.key!r} tertulis dua kali{where}") from None
        raise KinerjaError(f"{file.name}: tidak dapat dibaca: bukan YAML yang sah{where}") from None


def muat_konfigurasi(path: str | os.PathLike, model: type[M]) -> M:
    """Read the YAML file ``path`` into ``model`` (an empty file is an empty mapping).

    Every mistake, in the YAML or in the values, becomes one :class:`KinerjaError` in
    Bahasa Indonesia naming the file, each key path and what is expected.

    Examples
    --------
    >>> from kinerja.core.konfigurasi import BerkasPeringkat
    >>> muat_konfigurasi(parameters_dir() / "peringkat.yaml", BerkasPeringkat).bobot.capaian
    40.0
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = Path(d) / "peringkat.yaml"
    ...     _ = f.write_text("bobot:\\n  capaian: -1\\n  keindahan: 2\\n", encoding="utf-8")
    ...     muat_konfigurasi(f, BerkasPeringkat)
    Traceback (most recent call last):
    kinerja.core.errors.KinerjaError: peringkat.yaml: bobot.capaian harus angka ≥ 0 (tidak boleh negatif), bukan -1; kunci 'bobot.keindahan' tidak dikenal; yang boleh: capaian, penyerapan, kepatuhan, kualitas
    """
    file = Path(path)
    doc = _baca(file)
    try:
        return model.model_validate({} if doc is None else doc)
    except ValidationError as exc:
        problems = [_pesan(model, e) for e in exc.errors(include_url=False)]
        raise KinerjaError(f"{file.name}: " + "; ".join(dict.fromkeys(problems))) from None


# --- finding a file by name -----------------------------------------------------------------

def _berkas_jenis(jenis: str) -> dict[str, Path]:
    if jenis not in JENIS_PARAMETER:
        raise ValueError(jenis)
    folder = parameters_dir() / jenis
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()) \
        if folder.is_dir() else []
    return {p.stem: p for p in reversed(files)}  # a.yaml wins over a.yml


def daftar_parameter(jenis: str) -> list[str]:
    """The names (file stems) in ``parameters/<jenis>/``: ``predikat``, ``batch`` or ``impor``.

    Examples
    --------
    >>> daftar_parameter("predikat")
    ['contoh-kabupaten', 'lke-akip', 'permendagri-86-2017']
    """
    return sorted(_berkas_jenis(jenis))


def cari_parameter(jenis: str, nama: str | os.PathLike) -> Path:
    """The file a user means by ``nama``: the file of that stem among those present in
    ``parameters/<jenis>/`` (the text is compared with the listing, never joined into a
    path), else ``nama`` itself when it is an existing ``.yaml``/``.yml`` file.

    Examples
    --------
    >>> cari_parameter("predikat", "lke-akip").name
    'lke-akip.yaml'
    >>> cari_parameter("batch", "../predikat/lke-akip")
    Traceback (most recent call last):
    kinerja.core.errors.KinerjaError: kumpulan parameter '../predikat/lke-akip' tidak ditemukan: nama tidak sah (pakai nama berkas tanpa .yaml, atau jalur berkas .yaml yang ada); yang tersedia di parameters/batch/: contoh-september-2026, craapk-bulanan
    """
    present = _berkas_jenis(jenis)
    text = os.fspath(nama)
    if text in present:
        return present[text]
    path = Path(text)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    apa = JENIS_PARAMETER[jenis]
    why = (": nama tidak sah (pakai nama berkas tanpa .yaml, atau jalur berkas .yaml yang ada)"
           if re.search(r"[/\\]|\.\.|^\.|\.ya?ml$", text) or path.exists() else "")
    raise KinerjaError(f"{apa} {text!r} tidak ditemukan{why}; yang tersedia di parameters/{jenis}/: "
                       f"{', '.join(sorted(present)) or '(tidak ada)'}")
