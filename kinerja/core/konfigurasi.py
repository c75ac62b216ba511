"""Parameter files as data models: one model per kind of file, one loader, one name lookup.

Every YAML file under ``parameters/`` (or ``$KINERJA_PARAMETERS``) is read by
:func:`muat_konfigurasi` into its pydantic model below, so that every file is checked the
same way: unknown keys are refused, numbers must be numbers in range, and every mistake is
reported in Bahasa Indonesia with the file, the key path (``kelas[2].lebih_dari``, list
positions counted from 1) and what is expected. A file chosen by name (a predikat scale, a
batch parameter set, an import mapping) is found by :func:`cari_parameter`, which compares
the name with the files actually present in that folder and never builds a path from it.

========================  ==============================  =================================
file                      model                           read by
========================  ==============================  =================================
``predikat/*.yaml``       :class:`BerkasSkala`         :func:`kinerja.core.predikat.muat_skala`
``bobot.yaml``            :class:`BerkasBobot`         :func:`kinerja.core.berjenjang.muat_bobot`
``kewajaran.yaml``        :class:`BerkasKewajaran`     :func:`kinerja.core.kewajaran.muat_kewajaran`
``polaritas.yaml``        :class:`BerkasPolaritas`     :func:`kinerja.core.polaritas.muat_aturan_polaritas`
``peringkat.yaml``        :class:`BerkasPeringkat`     :func:`kinerja.analisis.peringkat.muat_bobot_peringkat`
``batch/*.yaml``          :class:`BerkasBatch`         :func:`kinerja.run.batch.muat_set`
``impor/*.yaml``          ``impor.tabel.BerkasPemetaan``  :func:`kinerja.impor.tabel.muat_pemetaan`
========================  ==============================  =================================
"""

from __future__ import annotations

import os
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic import model_validator
from pydantic_core import PydanticCustomError

from kinerja.core.errors import KinerjaError
from kinerja.core.kosakata import POLARITAS
from kinerja.core.sumber import parameters_dir

__all__ = ["BerkasBatch", "BerkasBobot", "BerkasKewajaran", "BerkasPeringkat", "BerkasPolaritas",
           "BerkasSkala", "JENIS_PARAMETER", "cari_parameter", "daftar_parameter", "muat_konfigurasi"]

# The folders whose files are chosen by name, and what a user calls such a file.
JENIS_PARAMETER = {"predikat": "skala predikat", "batch": "kumpulan parameter", "impor": "pemetaan kolom"}

M = TypeVar("M", bound=BaseModel)


def _galat(pesan: str, *lokasi: int | str) -> PydanticCustomError:
    """A rule's own Indonesian message; ``lokasi`` continues the key path below the checked field."""
    return PydanticCustomError("kinerja", "{pesan}", {"pesan": pesan, "lokasi": lokasi})


def _kosong(value: Any) -> Any:
    """An empty YAML entry (``unit:``) is an empty mapping, as if left out."""
    return {} if value is None else value


def _kosong_daftar(value: Any) -> Any:
    return [] if value is None else value


def _warna(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise _galat(f"harus kode warna #rrggbb (mis. #1a7f37), bukan {value!r}")
    return value


def _polaritas(value: Any) -> str:
    text = str(value).strip().lower() if isinstance(value, str) else value
    if text not in POLARITAS:
        raise _galat(f"polaritas tidak dikenal ({value!r}); pakai {', '.join(POLARITAS[:-1])} atau {POLARITAS[-1]}")
    return text


def _kolom(value: Any) -> int | str:
    """A column of a flat table: its header text, its letter (``C``) or its number (``3``)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if isinstance(value, str) and value.strip():
        return value
    raise _galat(f"harus judul kolom, huruf kolom (C) atau nomor kolom (3), bukan {value!r}")


def _kunci(boleh: typing.Callable[[], tuple[str, ...]]) -> AfterValidator:
    """A mapping key that must be one of ``boleh()`` (read when checked, not at import)."""
    def check(key: str) -> str:
        if key not in boleh():
            raise PydanticCustomError("kunci_tidak_dikenal", "{boleh}", {"boleh": ", ".join(boleh())})
        return key
    return AfterValidator(check)


Angka = Annotated[float, Field(strict=True, allow_inf_nan=False)]
AngkaPositif = Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0)]
AngkaTakNegatif = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0)]
Bulat = Annotated[int, Field(strict=True)]
Teks = Annotated[str, Field(strict=True)]
DaftarTeks = Annotated[list[Teks], BeforeValidator(_kosong_daftar)]
Warna = Annotated[str, AfterValidator(_warna)]
Polaritas = Annotated[str, BeforeValidator(_polaritas)]
Kolom = Annotated[Any, BeforeValidator(_kolom)]


class _Berkas(BaseModel):
    """Strict by default: an unknown key is a typo, not something to ignore."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class KelasSkala(_Berkas):
    """One class of a predikat scale: a label above a strict (``lebih_dari``) or inclusive
    (``minimal``) lower bound; the last class has none and takes the rest."""

    label: Annotated[str, Field(min_length=1)]
    lebih_dari: Angka | None = None
    minimal: Angka | None = None
    warna: Warna = "#999999"

    @property
    def batas(self) -> float | None:
        return self.lebih_dari if self.lebih_dari is not None else self.minimal


class BerkasSkala(_Berkas):
    """A predikat scale (``parameters/predikat/*.yaml``): classes from the top down, bounds
    strictly decreasing, labels distinct.

    Examples
    --------
    >>> s = BerkasSkala(kelas=[{"label": "Baik", "minimal": 80}, {"label": "Kurang"}])
    >>> [(k.label, k.batas) for k in s.kelas]
    [('Baik', 80.0), ('Kurang', None)]
    """

    nama: str | None = None
    keterangan: str | None = None
    kelas: Annotated[list[KelasSkala], Field(min_length=2)]

    @field_validator("kelas")
    @classmethod
    def _urut(cls, kelas: list[KelasSkala]) -> list[KelasSkala]:
        last = len(kelas) - 1  # positions below are 0-based, shown from 1
        for i, k in enumerate(kelas):
            given = [f for f in ("lebih_dari", "minimal") if getattr(k, f) is not None]
            if i == last and given:
                raise _galat("kelas terakhir menampung sisanya dan tidak boleh punya batas", i, given[0])
            if i < last and len(given) != 1:
                raise _galat("isi tepat satu dari lebih_dari (>) atau minimal (≥)", i)
        for i, (upper, lower) in enumerate(zip(kelas, kelas[1:-1]), start=1):
            if lower.batas >= upper.batas:
                raise _galat(f"batas kelas harus menurun dari kelas teratas ke terbawah ({lower.batas:g} tidak di "
                             f"bawah {upper.batas:g})", i)
        labels = [k.label for k in kelas]
        for i, label in enumerate(labels):
            if label in labels[:i]:
                raise _galat(f"label kelas tidak boleh kembar ({label!r})", i, "label")
        return kelas


class BerkasBobot(_Berkas):
    """Roll-up weights (``parameters/bobot.yaml``): every weight and the cap above zero.

    Examples
    --------
    >>> BerkasBobot(unit={"dinkes": 2}).unit
    {'dinkes': 2.0}
    """

    batas_kontribusi: AngkaPositif | None = None
    indikator: Annotated[dict[str, Annotated[dict[str, AngkaPositif], BeforeValidator(_kosong)]],
                         BeforeValidator(_kosong)] = {}
    sasaran: Annotated[dict[str, Annotated[dict[str, AngkaPositif], BeforeValidator(_kosong)]],
                       BeforeValidator(_kosong)] = {}
    unit: Annotated[dict[str, AngkaPositif], BeforeValidator(_kosong)] = {}


class Konfirmasi(_Berkas):
    """A row an evaluator has confirmed as right."""

    unit: str
    indikator: str
    tahun: Bulat
    catatan: str | None = None


class BerkasKewajaran(_Berkas):
    """Plausibility limits (``parameters/kewajaran.yaml``): 0 ≤ capaian_min < capaian_maks,
    rasio_renstra above 1.

    Examples
    --------
    >>> BerkasKewajaran().capaian_maks
    200.0
    """

    capaian_maks: AngkaPositif = 200.0
    capaian_min: AngkaTakNegatif = 10.0
    rasio_renstra: Annotated[float, Field(strict=True, allow_inf_nan=False, gt=1)] = 10.0
    dikonfirmasi: Annotated[list[Konfirmasi], BeforeValidator(_kosong_daftar)] = []

    @model_validator(mode="after")
    def _batas(self) -> BerkasKewajaran:
        if self.capaian_min >= self.capaian_maks:
            raise _galat(f"harus lebih besar dari capaian_min ({self.capaian_min:g})", "capaian_maks")
        return self


class KataPolaritas(_Berkas):
    negatif: DaftarTeks = []
    stabil: DaftarTeks = []
    positif: DaftarTeks = []


class AkhirPolaritas(_Berkas):
    satuan: DaftarTeks = []
    awal_nama: DaftarTeks = []


class BerkasPolaritas(_Berkas):
    """Polarity words and fixed values (``parameters/polaritas.yaml``).

    Examples
    --------
    >>> BerkasPolaritas(tetap={"Indeks Williamson": " Negatif"}).tetap
    {'Indeks Williamson': 'negatif'}
    """

    kata: Annotated[KataPolaritas, BeforeValidator(_kosong)] = KataPolaritas()
    tetap: Annotated[dict[str, Polaritas], BeforeValidator(_kosong)] = {}
    akhir: Annotated[AkhirPolaritas, BeforeValidator(_kosong)] = AkhirPolaritas()


class BobotPeringkat(_Berkas):
    """The components of the ranking and their weights (1 where not given)."""

    capaian: AngkaTakNegatif = 1.0
    penyerapan: AngkaTakNegatif = 1.0
    kepatuhan: AngkaTakNegatif = 1.0
    kualitas: AngkaTakNegatif = 1.0


class BerkasPeringkat(_Berkas):
    """Ranking weights (``parameters/peringkat.yaml``): none negative, at least one above zero.

    Examples
    --------
    >>> BerkasPeringkat(bobot={"capaian": 2}).bobot.model_dump()
    {'capaian': 2.0, 'penyerapan': 1.0, 'kepatuhan': 1.0, 'kualitas': 1.0}
    """

    bobot: Annotated[BobotPeringkat, BeforeValidator(_kosong)] = BobotPeringkat()

    @model_validator(mode="after")
    def _ada(self) -> BerkasPeringkat:
        if sum(self.bobot.model_dump().values()) <= 0:
            raise _galat("paling sedikit satu bobot harus lebih dari nol", "bobot")
        return self


class BerkasBatch(_Berkas):
    """A batch parameter set (``parameters/batch/*.yaml``): the options of ``kinerja batch``,
    each of its own type (no number is taken as text or the reverse).

    Examples
    --------
    >>> BerkasBatch(tahun=2026, dokumen=["craapk"]).model_dump(exclude_none=True)
    {'tahun': 2026, 'dokumen': ['craapk']}
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    tahun: Bulat | None = None
    bulan: Annotated[int, Field(strict=True, ge=1, le=12)] | None = None
    unit: list[Teks] | None = None
    kabupaten: list[Teks] | None = None
    dokumen: list[Teks] | None = None
    jobs: Annotated[int, Field(strict=True, ge=1)] | None = None
    db: Teks | None = None
    keluaran: Teks | None = None
    skala: Teks | None = None
    pdf: Annotated[bool, Field(strict=True)] | None = None
    contoh: Annotated[bool, Field(strict=True)] | None = None
    notebooks: Teks | None = None
    kertas: Teks | None = None


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
