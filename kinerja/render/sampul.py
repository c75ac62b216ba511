"""The documents' cover emblem: the Pemda's lambang configured in ``parameters/sampul.yaml``,
embedded in the page (a data URI) and the Word file, so a document
stays self-contained. No emblem configured, none shown; a configured file that cannot be read
as a PNG or JPEG is a :class:`~kinerja.core.errors.KinerjaError` naming it, never a broken image.
"""

from __future__ import annotations

import base64
from pathlib import Path

from kinerja.core.errors import KinerjaError
from kinerja.core.konfigurasi import BerkasSampul
from kinerja.core.parameter import muat_konfigurasi
from kinerja.core.sumber import parameters_dir

__all__ = ["berkas_lambang", "lambang_data_uri"]

_JENIS = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def berkas_lambang(folder: Path | None = None) -> tuple[bytes, str] | None:
    """The configured emblem's bytes and MIME type, or None when ``sampul.yaml`` names none.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "sampul.yaml").write_text("lambang:\\n")
    >>> berkas_lambang(d) is None
    True
    """
    folder = parameters_dir() if folder is None else folder
    config = folder / "sampul.yaml"
    if not config.is_file():
        return None
    lambang = muat_konfigurasi(config, BerkasSampul).lambang
    if not lambang:
        return None
    path = folder / lambang  # an absolute path stays itself
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KinerjaError(f"{config.name}: lambang {lambang!r} tidak dapat dibaca ({path}); "
                           "yang diharapkan berkas PNG atau JPEG") from exc
    jenis = next((m for sig, m in _JENIS.items() if data.startswith(sig)), None)
    if jenis is None:
        raise KinerjaError(f"{config.name}: lambang {lambang!r} bukan gambar PNG atau JPEG")
    return data, jenis


def lambang_data_uri() -> str | None:
    """The emblem as a ``data:`` URI for the HTML cover, or None."""
    found = berkas_lambang()
    return None if found is None else f"data:{found[1]};base64,{base64.b64encode(found[0]).decode()}"
