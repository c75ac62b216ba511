"""Personal links to the pages, and the confirmations of suspect numbers made on them.

A personal link (``kinerja akses buat``) carries a random secret (``secrets.token_urlsafe`` of
32 bytes); the store keeps only its sha256 (a random secret of that length needs no slow hash),
with the link's label, role, unit, when it was made, until when it holds and when it was
revoked. A secret is checked against every live link with :func:`hmac.compare_digest`.

A confirmation (``konfirmasi``) records that a Bappeda or Inspektorat visitor judged a flagged
number right: unit, indicator, year, catatan, who (the link's label), role and when. The
plausibility check reads them beside ``dikonfirmasi`` of ``parameters/kewajaran.yaml``
(:func:`kinerja.analisis.dari_store.capaian_kumulatif`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import insert, select, update

from kinerja.store.skema import akses, konfirmasi
from kinerja.store.terbatas import StoreUnit

__all__ = ["Tautan", "baca_konfirmasi", "dengan_konfirmasi", "buat_tautan", "cabut_tautan", "cari_tautan", "daftar_tautan",
           "hash_rahasia", "tambah_konfirmasi", "tautan_aktif", "ada_tautan_aktif"]

PANJANG_RAHASIA = 32  # bytes of randomness in a link's secret


@dataclass(frozen=True)
class Tautan:
    """One personal link as the store holds it (never its secret)."""

    id: int
    nama: str
    peran: str
    unit_kode: str | None
    dibuat: dt.datetime
    berlaku_sampai: dt.datetime | None
    dicabut: dt.datetime | None

    def alasan_tolak(self, sekarang: dt.datetime | None = None) -> str:
        """Why the link does not let anyone in now ("" when it does)."""
        sekarang = sekarang or _sekarang()
        if self.dicabut is not None:
            return "tautan ini sudah dicabut"
        if self.berlaku_sampai is not None and sekarang >= self.berlaku_sampai:
            return "masa berlaku tautan ini sudah habis"
        return ""


def hash_rahasia(rahasia: str) -> str:
    """The sha256 (hex) the store keeps of a link's secret.

    >>> hash_rahasia("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(rahasia.encode("utf-8")).hexdigest()


def buat_tautan(store, nama: str, peran: str, unit_kode: str | None, berlaku_hari: int | None = None,
                sekarang: dt.datetime | None = None) -> tuple[Tautan, str]:
    """Record a new link; returns it and its secret (shown once, never stored)."""
    rahasia = secrets.token_urlsafe(PANJANG_RAHASIA)
    dibuat = sekarang or _sekarang()
    sampai = dibuat + dt.timedelta(days=berlaku_hari) if berlaku_hari else None
    with store.engine.begin() as conn:
        baru = conn.execute(insert(akses).values(hash=hash_rahasia(rahasia), nama=nama, peran=peran,
                                                 unit_kode=unit_kode, dibuat=dibuat, berlaku_sampai=sampai))
        ident = int(baru.inserted_primary_key[0])
    return Tautan(ident, nama, peran, unit_kode, dibuat, sampai, None), rahasia


def _baris(store) -> list[Tautan]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(akses).order_by(akses.c.id)).mappings().all()
    return [Tautan(int(r["id"]), r["nama"], r["peran"], r["unit_kode"], r["dibuat"], r["berlaku_sampai"],
                   r["dicabut"]) for r in rows]


def daftar_tautan(store) -> list[Tautan]:
    """Every link ever made, oldest first (revoked and expired ones too)."""
    return _baris(store)


def cari_tautan(store, rahasia: str, sekarang: dt.datetime | None = None) -> tuple[Tautan | None, str]:
    """The link whose secret is ``rahasia`` and why it does not let its holder in ("" when it
    does); (None, reason) for a secret no link has."""
    dicari = hash_rahasia(rahasia or "")
    with store.engine.connect() as conn:
        rows = conn.execute(select(akses.c.id, akses.c.hash)).all()
    cocok = [int(i) for i, h in rows if hmac.compare_digest(str(h), dicari)]
    if not cocok:
        return None, "tautan ini tidak dikenal"
    found = next(t for t in _baris(store) if t.id == cocok[0])
    return found, found.alasan_tolak(sekarang)


def tautan_aktif(store, ident: int, sekarang: dt.datetime | None = None) -> Tautan | None:
    """Link ``ident`` if it lets its holder in now (not revoked, not expired), else None."""
    with store.engine.connect() as conn:
        r = conn.execute(select(akses).where(akses.c.id == int(ident))).mappings().first()
    if r is None:
        return None
    t = Tautan(int(r["id"]), r["nama"], r["peran"], r["unit_kode"], r["dibuat"], r["berlaku_sampai"], r["dicabut"])
    return None if t.alasan_tolak(sekarang) else t


def ada_tautan_aktif(store, sekarang: dt.datetime | None = None) -> bool:
    """Whether any link lets its holder in now (``kinerja serve`` then admits only links)."""
    return any(not t.alasan_tolak(sekarang) for t in _baris(store))


def cabut_tautan(store, ident: int | None = None, unit_kode: str | None = None, nama: str | None = None,
                 sekarang: dt.datetime | None = None) -> list[Tautan]:
    """Revoke the live links chosen by id, or by unit (and label); returns those revoked."""
    sekarang = sekarang or _sekarang()
    pilih = [t for t in _baris(store) if t.dicabut is None
             and (ident is None or t.id == ident) and (unit_kode is None or t.unit_kode == unit_kode)
             and (nama is None or t.nama == nama)]
    if pilih:
        with store.engine.begin() as conn:
            conn.execute(update(akses).where(akses.c.id.in_([t.id for t in pilih])).values(dicabut=sekarang))
    return pilih


def tambah_konfirmasi(store, unit_kode: str, indikator_kode: str, tahun: int, catatan: str, oleh: str,
                      peran: str) -> dt.datetime:
    """Record a confirmation; returns its time. The caller has checked the visitor's role."""
    waktu = _sekarang()
    with store.engine.begin() as conn:
        conn.execute(insert(konfirmasi).values(unit_kode=unit_kode, indikator_kode=indikator_kode, tahun=int(tahun),
                                               catatan=catatan or None, oleh=oleh, peran=peran, waktu=waktu))
    return waktu


def baca_konfirmasi(store, tahun: int | None = None) -> pd.DataFrame:
    """The confirmations made on the pages (of ``tahun`` when given), oldest first; a unit's view
    of the store (:class:`~kinerja.store.terbatas.StoreUnit`) gets its own unit's only."""
    dasar = store._store if isinstance(store, StoreUnit) else store
    query = select(konfirmasi).order_by(konfirmasi.c.id)
    if tahun is not None:
        query = query.where(konfirmasi.c.tahun == int(tahun))
    if isinstance(store, StoreUnit):
        query = query.where(konfirmasi.c.unit_kode == store.unit)
    with dasar.engine.connect() as conn:
        return pd.read_sql(query, conn)


def _sekarang() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def dengan_konfirmasi(store, tahun: int, aturan):
    """The plausibility rules (:class:`kinerja.core.kewajaran.Kewajaran`) with the confirmations made
    on the pages (stored, schema 12) joined to those of ``parameters/kewajaran.yaml``: both count
    the same."""
    rows = baca_konfirmasi(store, tahun)
    if rows.empty:
        return aturan
    stored = ((u, i, int(t)) for u, i, t in zip(rows["unit_kode"], rows["indikator_kode"], rows["tahun"]))
    return replace(aturan, dikonfirmasi=aturan.dikonfirmasi | frozenset(stored))
