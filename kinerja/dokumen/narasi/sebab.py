"""Sentences on what the unit wrote about an indicator (LKjIP analysis 5): its faktor
penghambat/pendukung under their own label, its solutions, or an honest note when it wrote
none."""

from __future__ import annotations

import re

from kinerja.core.kosakata import CATATAN_IMPOR
from kinerja.dokumen.narasi.nilai import _awal_kapital


def kalimat_keterangan(indikator: str, keterangan: list[str], subjek: str = "perangkat daerah") -> str:
    """The causes the unit wrote (faktor penghambat/pendukung), or an honest note if none.
    ``subjek`` names who wrote them (perangkat daerah, Pemerintah Kabupaten, pejabat)."""
    items = [k.strip().rstrip(".") for k in keterangan if isinstance(k, str) and k.strip()]
    if not items:
        return f"{_awal_kapital(subjek)} belum menuliskan faktor penghambat atau pendukung untuk {indikator}."
    unique = list(dict.fromkeys(items))
    return f"Menurut {subjek}, untuk {indikator}: " + "; ".join(unique) + "."


_UPAYA = re.compile(r"\b(?:upaya|solusi|tindak lanjut|rencana tindak lanjut)\s*:\s*", re.IGNORECASE)
_SEBAB = re.compile(r"^\s*faktor\s+(penghambat|pendukung)\s*:\s*", re.IGNORECASE)


def kalimat_sebab(indikator: str, keterangan: list[str], tercapai: bool | None,
                  subjek: str = "perangkat daerah") -> str:
    """Analysis 5: the causes the unit wrote, under its own label (faktor penghambat or
    pendukung), and, where it wrote them, its solutions (``Upaya:``/``Solusi:``/``Tindak
    lanjut:``); an honest sentence when the unit wrote none, and a reminder when a missed
    target has no solution.

    Examples
    --------
    >>> kalimat_sebab("AKI", ["Faktor penghambat: rujukan terlambat. Upaya: ambulans desa siaga"], False)
    'Target AKI belum tercapai. Faktor penghambat menurut perangkat daerah: rujukan terlambat. Upaya yang ditempuh: ambulans desa siaga.'
    >>> kalimat_sebab("AKI", ["Faktor penghambat: rujukan terlambat"], False)
    'Target AKI belum tercapai. Faktor penghambat menurut perangkat daerah: rujukan terlambat. Perangkat daerah belum menuliskan upaya pemecahannya.'
    """
    causes: dict[str, list[str]] = {}
    fixes: list[str] = []
    imported: list[str] = []  # what kinerja impor noted reading the file: not the unit's words
    for k in keterangan:
        if not isinstance(k, str) or not k.strip():
            continue
        if k.startswith(CATATAN_IMPOR):
            imported.append(k.removeprefix(CATATAN_IMPOR).strip().rstrip(".;"))
            continue
        head, *tail = _UPAYA.split(k, maxsplit=1)
        label = _SEBAB.match(head)
        kind = f"Faktor {label.group(1).lower()}" if label else "Keterangan"
        cause = _SEBAB.sub("", head).strip().rstrip(".;")
        if cause:
            causes.setdefault(kind, []).append(cause)
        if tail and tail[0].strip():
            fixes.append(tail[0].strip().rstrip("."))
    fixes = list(dict.fromkeys(fixes))
    status = {True: f"Target {indikator} tercapai. ", False: f"Target {indikator} belum tercapai. ",
              None: ""}[tercapai]
    said = (f" Catatan kinerja impor saat membaca berkas (bukan keterangan {subjek}): "
            + "; ".join(dict.fromkeys(imported)) + ".") if imported else ""
    if not causes and not fixes:
        return status + (f"{_awal_kapital(subjek)} belum menuliskan faktor penghambat atau pendukung "
                         f"untuk {indikator}.") + said
    text = status + " ".join(f"{kind} menurut {subjek}: {'; '.join(dict.fromkeys(items))}."
                             for kind, items in causes.items())
    if fixes:
        text += " Upaya yang ditempuh: " + "; ".join(fixes) + "."
    elif tercapai is False:
        text += f" {_awal_kapital(subjek)} belum menuliskan upaya pemecahannya."
    return " ".join((text + said).split())
