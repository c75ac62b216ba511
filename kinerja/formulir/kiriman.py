"""Loading a checked file into the store as one submission: the sha256 that makes the same
file a no-op, the archived copy, and the revision that replaces what the unit sent before for
the same document and period (rows it no longer holds are marked removed). Every source goes
this way: formulir (``kinerja ingest``) and imports (``kinerja impor``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from kinerja.core.berkas import tulis_atomik
from kinerja.formulir.masalah import HasilMuat
from kinerja.store import ROW_KEYS, Store

__all__ = ["TANPA_WAKTU_BERKAS", "folder_arsip_store", "simpan_kiriman", "sudah_dimuat", "waktu_terima"]


def sudah_dimuat(hasil: HasilMuat, raw: bytes, store: Store) -> tuple[str, dict | None]:
    """The sha256 of a file's bytes and the submission that already holds the same file,
    if any; then ``hasil`` is marked ``sama`` with that submission. The one de-duplication of
    every source (formulir, Evaluasi Renja and table imports, SIPD exports).

    Parameters
    ----------
    hasil : HasilMuat
        The result being built for the file; changed only when the file is already loaded.
    raw : bytes
        The file's bytes.
    store : Store

    Returns
    -------
    tuple of (str, dict or None)
        The hex digest and the existing submission's row (None when the file is new).

    Examples
    --------
    >>> s = Store("sqlite://")
    >>> h = HasilMuat(berkas="x.xlsx", status="ditolak")
    >>> sha, existing = sudah_dimuat(h, b"isi", s)
    >>> len(sha), existing, h.status
    (64, None, 'ditolak')
    """
    sha = hashlib.sha256(raw).hexdigest()
    existing = store.find_sha(sha)
    if existing is not None:
        hasil.status, hasil.submission_id = "sama", existing["id"]
    return sha, existing


def folder_arsip_store(url: str) -> Path:
    """Where the files loaded into the store at ``url`` are archived unless told otherwise:
    ``arsip/`` beside its SQLite file, else ``outputs/arsip`` (``kinerja ingest``, ``impor`` and the
    Kirim Formulir page alike).

    >>> folder_arsip_store("sqlite:///data/kinerja.sqlite").as_posix()
    'data/arsip'
    """
    from kinerja.store.store import berkas_sqlite

    berkas = berkas_sqlite(url)
    return berkas.parent / "arsip" if berkas is not None else Path("outputs") / "arsip"


def waktu_terima(path: Path, diterima: dt.datetime | None) -> dt.datetime:
    """When a file was received: ``diterima`` as given, else the file's modification time (to the
    second). Kepatuhan counts from it, and a CRAAPK may hold realisasi only for months that had
    ended by then (V70, V71). An import (``kinerja impor``) never takes the modification time,
    which a copy resets (:data:`TANPA_WAKTU_BERKAS`)."""
    if diterima is TANPA_WAKTU_BERKAS:
        return dt.datetime.now().replace(microsecond=0)
    return diterima or dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


# ``diterima`` of an import given no time: the time of loading is recorded, and the submission's
# ``diterima`` equals its ``dimuat``, which kepatuhan reads as "waktu terima tidak diketahui".
TANPA_WAKTU_BERKAS = dt.datetime(1, 1, 1)


def simpan_kiriman(hasil: HasilMuat, path: Path, raw: bytes, sha: str, store: Store, arsip: str | Path,
                   diterima: dt.datetime | None, dokumen: str, tingkat: str, ident: dict,
                   rows: dict[str, pd.DataFrame], peringatan: int) -> HasilMuat:
    """Archive a checked file under its sha256 and load its rows as one submission (a new
    revision of this unit's document and period: what the file no longer holds is marked
    removed). Every source goes this way: formulir (``kinerja ingest``) and imports
    (``kinerja impor``)."""
    received = waktu_terima(path, diterima)
    loaded_at = received if diterima is TANPA_WAKTU_BERKAS else dt.datetime.now().replace(microsecond=0)
    archived = Path(arsip) / f"{sha}{path.suffix.lower() or '.xlsx'}"
    baru = not archived.is_file() or archived.is_symlink()
    if baru:  # a link planted there is replaced, never written through
        tulis_atomik(archived, lambda tmp: tmp.write_bytes(raw))
    info = {
        "dokumen": dokumen,
        "tingkat": tingkat,
        "unit_kode": ident["unit"] or None,
        "tahun": ident["tahun"],
        "bulan": ident["bulan"],
        "berkas": path.name,
        "sha256": sha,
        "ukuran": len(raw),
        "diterima": received,
        "dimuat": loaded_at,
        "arsip": str(archived),
        "peringatan": peringatan,
    }
    loaded: dict = {}

    def baris() -> dict:  # computed under the store's lock, against the current view as it stands
        loaded.update(_dengan_penghapusan(dokumen, ident, rows, store))
        return loaded

    try:
        hasil.submission_id, hasil.revisi, hasil.status = store.tambah_kiriman(info, baris)
    except BaseException:
        if baru:  # the store refused it (damaged, locked, full): no archive copy of a file not loaded
            archived.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                archived.parent.rmdir()  # only when empty: an archive folder this file made
        raise
    if hasil.status == "dimuat":
        hasil.baris = {k: len(v) for k, v in loaded.items() if v is not None}
    return hasil


def _cakupan(jenis: str, unit: str, tahun: int | None, bulan: int | None, store: Store) -> dict[str, pd.DataFrame]:
    """The current rows a submission of this document, unit and period speaks for as a whole."""
    doc = jenis.lower()
    if jenis == "RENSTRA":
        real = store.current("realisasi", unit_kode=unit)
        return {"target": store.current("target", unit_kode=unit, dokumen="renstra"),
                "realisasi": real[real["bulan"].isna()]}
    if jenis in ("RKT", "PK", "RAAPK"):
        return {"target": store.current("target", unit_kode=unit, dokumen=doc, tahun=tahun),
                "anggaran": store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)}
    if jenis == "EVALUASI-RENJA":  # a quarter's file speaks for the year's Renja and its quarters so far
        upto = bulan or 12
        real = store.current("realisasi", unit_kode=unit, tahun=tahun)
        return {"target": store.current("target", unit_kode=unit, dokumen="renja", tahun=tahun),
                "realisasi": real[(real["periode"] == "triwulan") & (real["bulan"] <= upto)],
                "anggaran": store.current("anggaran", unit_kode=unit, dokumen="renja", tahun=tahun)}
    if jenis in ("SIPD-REALISASI", "SIPD-ANGGARAN"):  # an export speaks for the unit's year in that source
        return {"anggaran": store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)}
    if jenis == "PROFIL":
        return {"profil": store.current("profil", unit_kode=unit, tahun=tahun)}
    if jenis == "POHON":
        return {"pohon": store.current("pohon", unit_kode=unit, tahun=tahun),
                "crosscutting": store.current("crosscutting", unit_kode=unit, tahun=tahun)}
    if jenis == "LKE":  # a unit's LKE of a year, and its evaluator's recommendations
        return {"lke": store.current("lke", unit_kode=unit, tahun=tahun),
                "lke_rekomendasi": store.current("lke_rekomendasi", unit_kode=unit, tahun=tahun)}
    if jenis == "CRAAPK":
        upto = bulan or 12
        real = store.current("realisasi", unit_kode=unit, tahun=tahun)
        money = store.current("anggaran", unit_kode=unit, dokumen=doc, tahun=tahun)
        return {"realisasi": real[real["bulan"].notna() & (real["bulan"] <= upto) & real["periode"].isna()],
                "anggaran": money[money["bulan"].notna() & (money["bulan"] <= upto)]}
    return {}


def _kunci(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Row keys comparable across a new frame and the store (NaN as None, numbers as float)."""
    def norm(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return None
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    columns = [frame[k].map(norm) if k in frame else [None] * len(frame) for k in keys]
    return pd.Series(list(zip(*columns)), index=frame.index, dtype=object)


def _dengan_penghapusan(jenis: str, ident: dict, rows: dict, store: Store) -> dict:
    """A newer submission of the same unit, document and period replaces that document's rows
    as a whole: every current key it no longer holds (an emptied cell, a dropped indicator or
    program) gets a row marked ``dihapus``, so the current view leaves it out while the history
    keeps the old value and the file that removed it (docs/metodologi.md §7)."""
    if not ident.get("unit"):
        return rows
    out = dict(rows)
    for name, old in _cakupan(jenis, ident["unit"], ident["tahun"], ident["bulan"], store).items():
        if old.empty:
            continue
        keys = list(ROW_KEYS[name])
        new = rows.get(name)
        kept = set(_kunci(new, keys)) if new is not None and not new.empty else set()
        gone = old[~_kunci(old, keys).isin(kept)]
        if gone.empty:
            continue
        marks = gone[keys].assign(dihapus=True)
        out[name] = marks if new is None or new.empty else pd.concat([new, marks], ignore_index=True)
    return out
