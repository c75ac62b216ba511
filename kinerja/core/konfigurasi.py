"""Parameter files as data models: one pydantic model per kind of file.

Every YAML file under ``parameters/`` (or ``$KINERJA_PARAMETERS``) is read by
:func:`kinerja.core.parameter.muat_konfigurasi` into its model below, so that every file is
checked the same way: unknown keys are refused, numbers must be numbers in range, and a
rule's own mistake is raised with :func:`kinerja.core.parameter._galat`, to be reported in
Bahasa Indonesia with the file, the key path and what is expected. This module also holds
the field types and the strict base model that other layers' file models build on.

========================  ==============================  =================================
file                      model                           read by
========================  ==============================  =================================
``predikat/*.yaml``       :class:`BerkasSkala`         :func:`kinerja.core.predikat.muat_skala`
``bobot.yaml``            :class:`BerkasBobot`         :func:`kinerja.core.berjenjang.muat_bobot`
``kewajaran.yaml``        :class:`BerkasKewajaran`     :func:`kinerja.core.kewajaran.muat_kewajaran`
``polaritas.yaml``        :class:`BerkasPolaritas`     :func:`kinerja.core.polaritas.muat_aturan_polaritas`
``peringkat.yaml``        :class:`BerkasPeringkat`     :func:`kinerja.analisis.peringkat.muat_bobot_peringkat`
``peringatan_dini.yaml``  :class:`BerkasPeringatanDini`  :func:`kinerja.analisis.proyeksi.muat_peringatan_dini`
``batch/*.yaml``          :class:`BerkasBatch`         :func:`kinerja.run.batch.muat_set`
``impor/*.yaml``          ``impor.tabel.BerkasPemetaan``  :func:`kinerja.impor.tabel.muat_pemetaan`
========================  ==============================  =================================
"""

from __future__ import annotations

import re
import typing
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kinerja.core.kosakata import POLARITAS
from kinerja.core.parameter import _galat

__all__ = ["BerkasBatch", "BerkasBobot", "BerkasKewajaran", "BerkasPeringatanDini", "BerkasPeringkat", "BerkasPolaritas",
           "BerkasSampul", "BerkasSkala"]


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


class BerkasPeringatanDini(_Berkas):
    """Early-warning thresholds (``parameters/peringatan_dini.yaml``): an indicator is listed
    when its projected capaian is below ``batas_capaian`` (0 < batas ≤ 100) and, with
    ``syarat_pita``, even the band's better end misses the target; a summed target is out of
    reach (a miss already certain) when the months left at ``kali_laju_terbaik`` times the
    best monthly realisasi so far cannot close the gap.

    Examples
    --------
    >>> BerkasPeringatanDini().batas_capaian
    95.0
    """

    batas_capaian: Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0, le=100)] = 95.0
    syarat_pita: Annotated[bool, Field(strict=True)] = True
    kali_laju_terbaik: AngkaPositif = 1.0


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


class BerkasSampul(_Berkas):
    """The documents' cover (``parameters/sampul.yaml``): ``lambang``, the Pemda's emblem, a
    PNG or JPEG file (a path relative to the parameters folder, or absolute); left empty, the
    cover has no emblem.

    Examples
    --------
    >>> BerkasSampul().lambang is None
    True
    """

    lambang: Teks | None = None
