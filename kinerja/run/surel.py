"""Sending reminders by e-mail: the settings file ``parameters/pengingat.yaml`` and the sending.

The file names each unit's address (``surel``: unit kode → address) and the SMTP server
(``smtp``: host, port, pengirim, starttls, pengguna). The password is never in a file: it comes
only from the environment variable ``KINERJA_SMTP_SANDI`` (a ``sandi`` key is refused by name).
Every mistake is named with the file and key: an unknown key, a bad address, a unit kode the
Daftar Unit does not hold.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from kinerja.core.errors import KinerjaError
from kinerja.core.konfigurasi import _Berkas
from kinerja.core.parameter import _galat, muat_konfigurasi
from kinerja.core.sumber import parameters_dir

__all__ = ["ENV_SANDI", "BerkasPengingat", "Kiriman", "kirim_surel", "muat_pengingat"]

ENV_SANDI = "KINERJA_SMTP_SANDI"

# One address: a local part and a domain with a dot, no spaces, no second @ (what a clerk types).
_ALAMAT = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                     r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_RAHASIA = ("sandi", "password", "kata_sandi")


def _salah(value: object) -> str:
    return f"'{value}' bukan alamat surel yang sah (contoh: dinkes@bulelengkab.go.id)"


def _alamat(value: str) -> str:
    value = str(value).strip()
    if not _ALAMAT.match(value):
        raise _galat(_salah(value))
    return value


class Smtp(_Berkas):
    """The SMTP server the reminders leave through."""

    host: str = Field(min_length=1)
    port: int = Field(587, ge=1, le=65535)
    pengirim: str
    starttls: bool = True
    pengguna: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _tanpa_sandi(cls, data):
        if isinstance(data, dict) and (found := [k for k in data if str(k).lower() in _RAHASIA]):
            raise _galat(f"kunci '{found[0]}' tidak boleh ada: sandi SMTP tidak pernah disimpan di berkas; "
                         f"isi variabel lingkungan {ENV_SANDI}")
        return data

    @field_validator("pengirim")
    @classmethod
    def _pengirim(cls, value: str) -> str:
        return _alamat(value)


class BerkasPengingat(_Berkas):
    """``parameters/pengingat.yaml``."""

    smtp: Smtp | None = None
    url_halaman: str | None = None
    nama_pengirim: str = "Bappeda"
    surel: dict[str, str] = {}

    @field_validator("surel")
    @classmethod
    def _surel(cls, value: dict[str, str]) -> dict[str, str]:
        out = {}
        for kode, alamat in value.items():
            if not _ALAMAT.match(str(alamat).strip()):
                raise _galat(_salah(alamat), str(kode))  # located at the unit's key
            out[str(kode)] = str(alamat).strip()
        return out

    @field_validator("url_halaman")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value and not re.match(r"^https?://[^\s?#]+$", value.strip()):
            raise _galat(f"'{value}' harus alamat server halaman saja (http:// atau https://), tanpa token "
                         "atau tanda ? — tautan pribadi unit tidak pernah ditulis di surel")
        return value.strip() if value else value


def muat_pengingat(path: str | os.PathLike | None, units: set[str]) -> BerkasPengingat:
    """Read the settings file (``parameters/pengingat.yaml`` unless ``path``), refusing a unit
    kode that ``units`` (the Daftar Unit's codes) does not hold. A missing default file is
    an empty one (nobody has an address yet)."""
    file = Path(path) if path else parameters_dir() / "pengingat.yaml"
    if path is None and not file.exists():
        return BerkasPengingat()
    cfg = muat_konfigurasi(file, BerkasPengingat)
    unknown = sorted(set(cfg.surel) - units)
    if unknown:
        raise KinerjaError(f"{file.name}: " + "; ".join(
            f"surel.{k}: kode unit '{k}' tidak ada di Daftar Unit" for k in unknown))
    return cfg


@dataclass
class Kiriman:
    """One reminder: the unit, its address, subject and body."""

    kode: str
    kepada: str
    subjek: str
    isi: str


def _pesan(smtp: Smtp, k: Kiriman, nama_pengirim: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{nama_pengirim} <{smtp.pengirim}>"
    msg["To"] = k.kepada
    msg["Subject"] = k.subjek
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=smtp.pengirim.rsplit("@", 1)[1])
    msg.set_content(k.isi, charset="utf-8")
    return msg


def _sambung(smtp: Smtp) -> smtplib.SMTP:
    """An open session with the server: STARTTLS when asked, logged in when a user is named."""
    conn = smtplib.SMTP(smtp.host, smtp.port, timeout=30)
    if smtp.starttls:
        conn.starttls(context=ssl.create_default_context())
    if smtp.pengguna:
        sandi = os.environ.get(ENV_SANDI)
        if not sandi:
            conn.close()
            raise KinerjaError(f"smtp.pengguna diisi, tetapi sandinya tidak ada: isi variabel lingkungan {ENV_SANDI}")
        conn.login(smtp.pengguna, sandi)
    return conn


def kirim_surel(cfg: BerkasPengingat, kiriman: list[Kiriman]) -> dict[str, str]:
    """Send every reminder through ``cfg.smtp`` in one session; per unit kode, ``""`` when sent,
    else why not (in Bahasa Indonesia). A server that cannot be reached fails every one."""
    if cfg.smtp is None:
        raise KinerjaError("pengingat.yaml: bagian smtp (host, port, pengirim) belum diisi; tanpa itu surel "
                           "tidak dapat dikirim")
    hasil: dict[str, str] = {}
    try:
        conn = _sambung(cfg.smtp)
    except (OSError, smtplib.SMTPException) as exc:
        why = f"server SMTP {cfg.smtp.host}:{cfg.smtp.port} tidak dapat dihubungi ({_alasan(exc)})"
        return {k.kode: why for k in kiriman}
    try:
        for k in kiriman:
            try:
                conn.send_message(_pesan(cfg.smtp, k, cfg.nama_pengirim))
                hasil[k.kode] = ""
            except (OSError, smtplib.SMTPException) as exc:
                hasil[k.kode] = f"ditolak server SMTP ({_alasan(exc)})"
    finally:
        try:
            conn.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return hasil


def _alasan(exc: BaseException) -> str:
    """An SMTP or network error in a few words."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {' '.join(text.split())}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "alamat penerima ditolak"
    return getattr(exc, "strerror", None) or type(exc).__name__
