"""What a batch leaves beside its documents: ``manifest.json`` (every tugas: status, duration,
outputs, error, fingerprint, when it finished) and ``index.html`` (one row per unit with its
data status and links to its documents). Written by the main process (the Dask client) alone.

Both hold every document of the output folder, not only the last run's: a batch merges its
tugas into the manifest already there (:func:`gabung_manifest`), under a lock beside it held
only while it reads, merges and writes (:func:`kunci_keluaran`), so batches for other units,
resumed and concurrent runs into one folder never hide each other's documents. A tugas's entry
is replaced only by a newer run of the same tugas (``unit/dokumen``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from kinerja.core.berkas import tulis_atomik
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka, nama_bulan
from kinerja.render.html import render

__all__ = ["gabung_manifest", "kunci_keluaran", "manifest_sebelumnya", "status_unit", "tulis_indeks",
           "tulis_manifest"]

BATAS_TUNGGU_KUNCI = 120  # seconds a batch waits for another one to finish writing the manifest


def tulis_manifest(path: Path, manifest: dict) -> None:
    """``manifest.json``, written atomically (a reader never sees half of it)."""
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    tulis_atomik(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def manifest_sebelumnya(path: Path) -> dict[str, dict]:
    """The tugas of an earlier run's manifest by ``unit/dokumen`` (none when there is no manifest);
    a manifest that is not one is refused with its path, never silently replaced."""
    if path.is_symlink():
        raise KinerjaError(f"{path}: manifest ini adalah tautan simbolik (symlink); kinerja tidak membaca atau "
                           "menulis melalui tautan. Hapus tautan itu, lalu jalankan batch lagi")
    if not path.exists():
        return {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        tugas = old.get("tugas", []) if isinstance(old, dict) else None
        if not isinstance(tugas, list):
            raise ValueError("tidak ada daftar 'tugas'")
    except (OSError, ValueError) as exc:
        raise KinerjaError(f"{path}: bukan manifest batch yang dapat dibaca ({exc}); pindahkan atau hapus "
                           "berkas itu, lalu jalankan batch lagi") from None
    return {f"{h['unit']}/{h['dokumen']}": h for h in tugas
            if isinstance(h, dict) and isinstance(h.get("unit"), str) and isinstance(h.get("dokumen"), str)}


@contextlib.contextmanager
def kunci_keluaran(folder: Path, batas: float = BATAS_TUNGGU_KUNCI) -> Iterator[None]:
    """Hold the output folder's lock (``manifest.json.kunci``) for one read-merge-write;
    another batch holding it longer than ``batas`` seconds is named, not waited for forever."""
    from filelock import FileLock, Timeout

    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / "manifest.json.kunci")
    try:
        lock.acquire(timeout=batas)
    except Timeout:
        detik = format_angka(batas, 0 if batas == int(batas) else 1)
        raise KinerjaError(f"manifest di {folder} sedang ditulis proses lain (kunci {lock.lock_file} masih dipegang "
                           f"setelah {detik} detik); tunggu batch lain selesai, lalu jalankan lagi") from None
    try:
        yield
    finally:
        lock.release()


def gabung_manifest(path: Path, manifest: dict) -> dict:
    """Merge ``manifest`` (one run's) into the one at ``path`` and write the result, which is
    returned: every tugas already listed stays, unless this run has the same tugas from a run
    that finished later (``selesai``); the new ones follow. Call under :func:`kunci_keluaran`."""
    merged = manifest_sebelumnya(path)
    for h in manifest["tugas"]:
        kunci = f"{h['unit']}/{h['dokumen']}"
        if kunci not in merged or h.get("selesai", "") >= merged[kunci].get("selesai", ""):
            merged[kunci] = h
    out = {**manifest, "tugas": list(merged.values())}
    tulis_manifest(path, out)
    return out

def status_unit(store, tahun: int, bulan: int | None) -> pd.DataFrame:
    """Per unit, what an index reader needs before opening a document: name, the month's
    CRAAPK status, indicator-months not reported, indicators to verify, mean capaian."""
    from kinerja.analisis import dari_store as analisis
    from kinerja.analisis.kepatuhan import kepatuhan

    bulan = bulan or analisis.bulan_terakhir(store, tahun)
    r = analisis.ringkasan_unit(store, tahun, bulan, jenis=("kabupaten", "perangkat_daerah", "pejabat"))
    try:
        comply = kepatuhan(store, tahun, bulan).set_index("kode")["status"]
    except KinerjaError:
        comply = pd.Series(dtype=object)
    r["kepatuhan"] = r["unit_kode"].map(comply).fillna("–")
    r["bulan"] = bulan
    return r.set_index("unit_kode")


def tulis_indeks(hasil: list[dict], tahun: int, bulan: int | None, path: Path, status: pd.DataFrame | None = None) -> None:
    """index.html: one row per unit, by name, with its data status and its documents."""
    status = status if status is not None else pd.DataFrame()
    by_unit: dict[str, list[dict]] = {}
    for h in hasil:
        by_unit.setdefault(h["unit"], []).append(h)
    names = status["nama"].to_dict() if "nama" in status else {}
    # A province in one store: each unit says which kabupaten it belongs to.
    milik = status["kabupaten"].to_dict() if "kabupaten" in status and status["kabupaten"].nunique() > 1 else {}
    rows = []
    for unit in sorted(by_unit, key=lambda u: (names.get(u, u).lower(), u)):
        s = status.loc[unit] if unit in status.index else None
        asal = names.get(milik.get(unit), "") if milik.get(unit) != unit else ""
        rows.append({"nama": names.get(unit, unit), "kode": unit, "asal": asal.removeprefix("Pemerintah "),
                     "capaian": "–" if s is None or pd.isna(s["capaian"]) else format_angka(s["capaian"]) + "%",
                     "catatan": "; ".join(_catatan(s)) if s is not None else "",
                     "dokumen": [_dokumen(h, path.parent) for h in sorted(by_unit[unit], key=lambda h: h["dokumen"])]})
    content = str(render("indeks.html.j2", periode=f"{nama_bulan(bulan)} {tahun}" if bulan else str(tahun),
                         berhasil=sum(h["status"] == "berhasil" for h in hasil), jumlah=len(hasil), unit=rows))
    tulis_atomik(path, lambda tmp: tmp.write_text(content, encoding="utf-8"))


def _dokumen(h: dict, folder: Path) -> dict:
    """One document of a unit in the index: its code, and its files' links or its error.
    The executed notebook (with its code) stays in the folder; readers get the documents."""
    tautan = [{"href": os.path.relpath(p, folder), "jenis": Path(p).suffix[1:]}
              for p in h["keluaran"] if Path(p).suffix != ".ipynb"]
    return {"kode": h["dokumen"].upper(), "berhasil": h["status"] == "berhasil", "tautan": tautan,
            "galat": h["galat"] or ""}


def _catatan(s: pd.Series) -> list[str]:
    """What is missing in a unit's data, for the index's Status data column."""
    notes = []
    if s["kepatuhan"] in ("terlambat", "belum menyampaikan"):
        notes.append(f"CRAAPK {nama_bulan(int(s['bulan']))}: {s['kepatuhan']}")
    if s["bulan_kosong"]:
        notes.append(f"{int(s['bulan_kosong'])} bulan-indikator belum dilaporkan")
    if s["perlu_verifikasi"]:
        notes.append(f"{int(s['perlu_verifikasi'])} indikator perlu diverifikasi")
    return notes
