"""The one registry of formulir: every kind kinerja reads, and every formulir by its code.

:data:`JENIS_FORMULIR` gives each kind its name, the aliases users type, its place in the
load order, its validator and the builder of its layout (:mod:`kinerja.formulir.kolom`);
:data:`FORMULIR` holds every formulir by code. :func:`urutan_muat` and :func:`cari_formulir`
look a formulir's place and a typed name up in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kinerja.formulir.lke import _lke
from kinerja.formulir.kolom import _craapk, _pk, _pohon, _profil, _raapk, _renstra, _rkt, _unit
from kinerja.formulir.tata_letak import Formulir

__all__ = [
    "FORMULIR",
    "JENIS_FORMULIR",
    "JenisFormulir",
    "cari_formulir",
    "urutan_muat",
]


@dataclass(frozen=True)
class JenisFormulir:
    """One kind of formulir, everything the package knows of it in one row.

    ``nama`` is its name for readers, ``alias`` how users type it on the command line,
    ``urutan`` its place in the load order (a Daftar Unit before a Renstra before a PK …;
    kabupaten before perangkat daerah within a rank), ``pemeriksa`` the name of its
    validator in :mod:`kinerja.formulir.validasi` (a name, as validasi imports this module),
    ``templat`` the builder of its :class:`Formulir` for a tingkat, ``tingkat`` the levels it
    exists for.
    """

    kode: str
    nama: str
    alias: tuple[str, ...]
    urutan: int
    pemeriksa: str
    templat: Callable[[str], Formulir]
    tingkat: tuple[str, ...]


_KAB_PD = ("kabupaten", "perangkat_daerah")
_SEMUA = (*_KAB_PD, "pejabat")

JENIS_FORMULIR: dict[str, JenisFormulir] = {j.kode: j for j in (
    JenisFormulir("UNIT", "Daftar Unit", ("unit",), 0, "_unit", lambda _t: _unit(), ("semua",)),
    JenisFormulir("RENSTRA", "Renstra/RPJMD", ("renstra", "rpjmd"), 1, "_renstra", _renstra, _KAB_PD),
    JenisFormulir("RKT", "Rencana Kinerja Tahunan", ("rkt",), 2, "_rkt", _rkt, _KAB_PD),
    JenisFormulir("PK", "Perjanjian Kinerja", ("pk",), 3, "_pk", _pk, _SEMUA),
    JenisFormulir("RAAPK", "Rencana Aksi atas Perjanjian Kinerja", ("raapk",), 4, "_rencana_aksi", _raapk, _KAB_PD),
    JenisFormulir("CRAAPK", "Capaian Rencana Aksi atas Perjanjian Kinerja", ("craapk",), 5, "_rencana_aksi", _craapk,
                  _SEMUA),
    JenisFormulir("PROFIL", "Profil unit", ("profil",), 1, "_profil", _profil, _KAB_PD),
    JenisFormulir("POHON", "Pohon Kinerja", ("pohon",), 6, "_pohon", _pohon, _KAB_PD),
    JenisFormulir("LKE", "Lembar Kerja Evaluasi", ("lke",), 7, "_lke", _lke, ("perangkat_daerah",)),
)}
"""The formulir registry: every kind, its name, aliases, load order, validator and template."""

FORMULIR: dict[str, Formulir] = {f.kode: f for j in JENIS_FORMULIR.values() for f in map(j.templat, j.tingkat)}


def urutan_muat(f: Formulir) -> int:
    """Where ``f`` is loaded in a batch: by its kind's ``urutan``, kabupaten first.

    Parameters
    ----------
    f : Formulir

    Returns
    -------
    int

    Examples
    --------
    >>> urutan_muat(FORMULIR["UNIT"]) < urutan_muat(FORMULIR["PK-KAB"]) < urutan_muat(FORMULIR["PK-PD"])
    True
    """
    return JENIS_FORMULIR[f.jenis].urutan * 10 + (0 if f.tingkat == "kabupaten" else 1)


# Jenis and tingkat as users type them on the command line.
_JENIS_ALIAS = {a: j.kode for j in JENIS_FORMULIR.values() for a in j.alias}
_TINGKAT_ALIAS = {"kabupaten": "kabupaten", "kab": "kabupaten", "pemkab": "kabupaten",
                  "perangkat_daerah": "perangkat_daerah", "perangkat-daerah": "perangkat_daerah", "pd": "perangkat_daerah",
                  "opd": "perangkat_daerah", "pejabat": "pejabat", "administrator": "pejabat", "pengawas": "pejabat",
                  "semua": "semua"}


def cari_formulir(jenis: str, tingkat: str) -> Formulir:
    """The formulir for a document type and level as typed (``craapk``, ``pd``)."""
    from kinerja.core.errors import KinerjaError

    j = _JENIS_ALIAS.get(jenis.strip().lower())
    t = _TINGKAT_ALIAS.get(tingkat.strip().lower())
    for f in FORMULIR.values():
        if f.jenis == j and (f.tingkat == t or f.jenis == "UNIT"):
            return f
    pilihan = ", ".join(sorted({f"{f.jenis.lower()} {f.tingkat}" for f in FORMULIR.values()}))
    raise KinerjaError(f"formulir {jenis} untuk tingkat {tingkat} tidak ada; yang tersedia: {pilihan}")
