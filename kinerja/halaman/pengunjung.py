"""Who is looking at a page: the role and unit the server gave the page's kernel.

The page server decides who a visitor is (from the visitor's personal link, see
``kinerja akses``) before the page's kernel starts, and puts the answer in the kernel's
environment: ``KINERJA_AKSES`` (``pribadi`` when personal links are in force), ``KINERJA_PERAN``,
``KINERJA_UNIT`` and ``KINERJA_PENGUNJUNG`` (the link's label, for records of who did what).
The browser cannot change a kernel's environment (Voila refuses code from the page), so a page
reads the visitor here and nowhere else, never from its URL or widgets.

Without personal links (``kinerja serve`` with one shared token, or a notebook opened in
JupyterLab) the visitor is the Bappeda, who sees everything, as before. With them, a kernel
whose role is missing or unknown refuses: it never falls back to seeing everything.

Roles (``PERAN``):

- ``unit``: one perangkat daerah (or pejabat's unit); sees and sends its own data only;
- ``bappeda``: sees every unit, confirms a suspect number;
- ``inspektorat``: sees every unit, confirms a suspect number;
- ``pimpinan``: sees every unit, changes nothing.

Examples
--------
>>> p = Pengunjung("unit", "dinkes", "Operator Dinkes")
>>> p.boleh_lihat("dinkes"), p.boleh_lihat("rsud"), p.boleh_ubah
(True, False, True)
>>> Pengunjung("pimpinan", None).boleh_ubah
False
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from kinerja.core.errors import KinerjaError

__all__ = ["NAMA_PERAN", "PERAN", "Pengunjung", "pengunjung"]

PERAN = ("unit", "bappeda", "inspektorat", "pimpinan")
# How a page names each role to its reader (one spelling everywhere: titles capitalised).
NAMA_PERAN = {"unit": "operator unit", "bappeda": "Bappeda", "inspektorat": "Inspektorat", "pimpinan": "Pimpinan"}


@dataclass(frozen=True)
class Pengunjung:
    """A page's visitor: ``peran`` (one of :data:`PERAN`), ``unit`` (the unit's kode for the
    ``unit`` role, else None) and ``nama`` (the personal link's label)."""

    peran: str
    unit: str | None
    nama: str = ""

    def __post_init__(self) -> None:
        if self.peran not in PERAN:
            raise KinerjaError(f"peran '{self.peran}' tidak dikenal; yang dikenal: {', '.join(PERAN)}")
        if (self.peran == "unit") != bool(self.unit):
            raise KinerjaError("peran 'unit' harus disertai kode unit, peran lain tanpa kode unit")

    @property
    def nama_peran(self) -> str:
        """The role as a page names it (:data:`NAMA_PERAN`)."""
        return NAMA_PERAN[self.peran]

    @property
    def semua_unit(self) -> bool:
        """Whether the visitor sees every unit."""
        return self.peran != "unit"

    @property
    def boleh_ubah(self) -> bool:
        """Whether the visitor may send forms or confirm numbers at all (pimpinan may not)."""
        return self.peran != "pimpinan"

    @property
    def boleh_konfirmasi(self) -> bool:
        """Whether the visitor may confirm a suspect number (bappeda and inspektorat)."""
        return self.peran in ("bappeda", "inspektorat")

    def boleh_lihat(self, kode: str) -> bool:
        """Whether the visitor may see unit ``kode``'s data."""
        return self.semua_unit or kode == self.unit

    def boleh_kirim(self, kode: str) -> bool:
        """Whether the visitor may send a form of unit ``kode``."""
        return self.boleh_ubah and self.boleh_lihat(kode)


def pengunjung(env: Mapping[str, str] | None = None) -> Pengunjung:
    """The visitor of this kernel, from its environment (``os.environ`` unless ``env`` given).

    >>> pengunjung({})
    Pengunjung(peran='bappeda', unit=None, nama='')
    >>> pengunjung({"KINERJA_AKSES": "pribadi", "KINERJA_PERAN": "unit", "KINERJA_UNIT": "dinkes"}).unit
    'dinkes'
    """
    env = os.environ if env is None else env
    if env.get("KINERJA_AKSES") != "pribadi":
        return Pengunjung("bappeda", None, env.get("KINERJA_PENGUNJUNG", ""))
    peran = env.get("KINERJA_PERAN", "")
    if peran not in PERAN:
        raise KinerjaError("halaman ini dibuka tanpa tautan pribadi yang sah; minta tautan kepada Bappeda")
    return Pengunjung(peran, env.get("KINERJA_UNIT") or None, env.get("KINERJA_PENGUNJUNG", ""))
