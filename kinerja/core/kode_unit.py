"""What a unit code may be. A unit code names the unit in every formulir and becomes a folder
name (the batch writes ``keluaran/<tahun>/<kode>/``, pages link to it), so it is short, made of
lower-case letters, digits and hyphens, and never a name Windows reserves for a device (``con``,
``nul``, ``com1`` …, also with an extension, ``con.txt``), which a shared folder on Windows or SMB
cannot hold. The Daftar Unit checks it (V17, V75); the batch refuses a code from an older store
that breaks it rather than fail while writing.
"""

from __future__ import annotations

import re

__all__ = ["PANJANG_KODE_UNIT", "masalah_kode_unit"]

PANJANG_KODE_UNIT = 40  # characters; room for the longest real codes (e.g. "dinas-pemberdayaan-masyarakat-desa")

_POLA = re.compile(r"[a-z0-9][a-z0-9-]*")
_CADANGAN_WINDOWS = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                               *(f"lpt{i}" for i in range(1, 10))})


def masalah_kode_unit(kode: str) -> tuple[str, str] | None:
    """What is wrong with a unit code as a code and as a folder name, or None when nothing is.

    Parameters
    ----------
    kode : str
        The code as written.

    Returns
    -------
    tuple of (str, str) or None
        The rule's code (``V17`` characters, ``V75`` length or a reserved name) and a message in
        Bahasa Indonesia saying what is expected.

    Examples
    --------
    >>> masalah_kode_unit("dinkes") is None
    True
    >>> masalah_kode_unit("Dinkes")[0], masalah_kode_unit("con")[0], masalah_kode_unit("a" * 41)[0]
    ('V17', 'V75', 'V75')
    >>> masalah_kode_unit("COM1.x")[0], masalah_kode_unit("dinas kesehatan")[1]
    ('V75', 'kode "dinas kesehatan" hanya boleh huruf kecil, angka dan tanda hubung')
    """
    text = str(kode)
    if len(text) > PANJANG_KODE_UNIT:
        return "V75", (f"kode unit {len(text)} karakter, paling panjang {PANJANG_KODE_UNIT}; kode menjadi nama folder "
                       "dokumen, pakai singkatan")
    if text.split(".")[0].strip().lower() in _CADANGAN_WINDOWS:
        return "V75", (f"kode \"{text}\" adalah nama perangkat yang dicadangkan Windows (CON, PRN, AUX, NUL, COM1–COM9, "
                       "LPT1–LPT9) dan tidak dapat menjadi nama folder; pakai kode lain")
    if not _POLA.fullmatch(text):
        return "V17", f"kode \"{text}\" hanya boleh huruf kecil, angka dan tanda hubung"
    return None
