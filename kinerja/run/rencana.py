"""Planning a batch: which documents for which units, with which parameters (each one a
:class:`Tugas`), checked against the notebooks before anything runs, and the fingerprint
``--resume`` compares. Reads the store and the notebooks' ``parameters`` cells only: the main
process that plans never imports papermill or nbconvert.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core.wilayah import daftar_kabupaten, kabupaten_unit
from kinerja.core.errors import KinerjaError
from kinerja.core.kode_unit import masalah_kode_unit
from kinerja.core.formatting import pendek
from kinerja.core.sumber import cari_notebook, parameter_notebook
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.store.store import Store

__all__ = ["Hasil", "KERTAS", "Tugas", "pesan_galat", "rencana_batch", "sidik_tugas"]


@dataclass(frozen=True)
class Tugas:
    unit: str
    nama_unit: str
    dokumen: str
    notebook: str
    parameter: dict
    folder: str
    basis_data: str = ""  # reaches the notebook as $KINERJA_DB, never written into it
    sidik: str = ""  # what the document is built from; --resume reruns it when this changes
    kertas: str = "a4"  # paper of the HTML print and the PDF: a4 or f4 (215 × 330 mm)


    @property
    def kunci(self) -> str:
        return f"{self.unit}/{self.dokumen}"


@dataclass
class Hasil:
    unit: str
    dokumen: str
    status: str  # "berhasil" or "gagal"
    durasi: float
    keluaran: list[str] = field(default_factory=list)
    galat: str = ""
    sidik: str = ""  # fingerprint of what the document was built from (see sidik_tugas)


def pesan_galat(exc: BaseException, notebook: str = "") -> str:
    """A failed document's message for the manifest and the index: the Indonesian message of a
    kinerja error, else a short note; never the notebook's source lines or a traceback.

    Examples
    --------
    >>> pesan_galat(KinerjaError("unit 'x' tidak ada di basis data"))
    "unit 'x' tidak ada di basis data"
    """
    from kinerja.core.sistem import pesan_sistem

    if pesan_sistem(exc):  # a full disk, a read-only folder: the system's fault, named as such
        return pesan_sistem(exc)
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    evalue = pendek(" ".join(str(evalue).split()), 300)
    if ename == "KinerjaError":
        return evalue
    where = f"; rincian di {notebook}" if notebook else ""
    return f"dokumen tidak dapat disusun karena kesalahan program{where}" + (f" ({evalue})" if evalue else "")


KERTAS = {"a4": "A4", "f4": "215mm 330mm"}  # CSS @page sizes; F4 (folio) is what many Pemda print on


def rencana_batch(store: Store, tahun: int, bulan: int | None, units: list[str] | None, dokumen: list[str] | None,
                  keluaran: Path, db: str, skala: str, notebooks: str | None = None, kertas: str = "a4",
                  kabupaten: list[str] | None = None) -> list[Tugas]:
    """Every (unit, document) to run, with parameters checked against the notebooks;
    ``kabupaten`` keeps the units of those kabupaten only (a store holding a province)."""
    if kertas not in KERTAS:
        raise KinerjaError(f"kertas {kertas!r} tidak dikenal; pilih {' atau '.join(KERTAS)}")
    docs = dokumen or list(DOKUMEN)
    unknown = [d for d in docs if d not in DOKUMEN]
    if unknown:
        raise KinerjaError(f"dokumen tidak dikenal: {', '.join(unknown)}; yang tersedia: {', '.join(DOKUMEN)}")
    table = store.current("unit")
    if kabupaten:
        known = set(daftar_kabupaten(table)["kode"])
        missing = sorted(set(kabupaten) - known)
        if missing:
            raise KinerjaError(f"kabupaten tidak ada di basis data: {', '.join(missing)}; yang ada: "
                               f"{', '.join(sorted(known))}")
        table = table[table["kode"].map(kabupaten_unit(table)).isin(kabupaten).to_numpy()]
    if units:
        missing = sorted(set(units) - set(table["kode"]))
        if missing:
            raise KinerjaError(f"unit tidak ada di Daftar Unit: {', '.join(missing)}")
        table = table[table["kode"].isin(units)]
    _cek_folder_unit(table["kode"])
    tasks: list[Tugas] = []
    data = _sidik_data(store, table["kode"])
    for doc in docs:
        spec = DOKUMEN[doc]
        path = cari_notebook(spec.notebook, notebooks)
        declared = set(parameter_notebook(path))
        missing = set(spec.parameter) - declared
        if missing:
            raise KinerjaError(f"{path}: sel parameters tidak memuat {', '.join(sorted(missing))}")
        for _, row in table[table["jenis"].isin(spec.tingkat)].sort_values("kode").iterrows():
            folder = keluaran / str(tahun) / row["kode"]
            # The store's URL (which may hold a password) is passed in the document's environment,
            # not as a parameter that papermill would write into the executed notebook.
            params = {"unit": row["kode"], "tahun": tahun, "db": "", "skala": skala, "keluaran": str(folder)}
            if spec.bulanan:
                if bulan is None:
                    raise KinerjaError(f"dokumen {doc} memerlukan bulan laporan (--bulan)")
                params["bulan"] = bulan
            tasks.append(Tugas(row["kode"], row["nama"], doc, str(path), params, str(folder), db,
                               sidik_tugas(params | {"kertas": kertas}, path,
                                           data[row["kode"]] if row["jenis"] != "kabupaten" else data[None]), kertas))
    return tasks


def _cek_folder_unit(codes) -> None:
    """Refuse a unit code that cannot be a folder name (too long, a name Windows reserves, other
    characters: a store loaded before the Daftar Unit checked it) before anything is written."""
    bad = [(kode, found[1]) for kode in codes for found in [masalah_kode_unit(kode)] if found]
    if bad:
        raise KinerjaError("kode unit tidak dapat menjadi nama folder keluaran: " + "; ".join(
            f"\"{pendek(str(kode), 40)}\": {pesan}" for kode, pesan in bad[:5])
            + (f"; dan {len(bad) - 5} lainnya" if len(bad) > 5 else "")
            + "; perbaiki kodenya di Daftar Unit, muat ulang, lalu jalankan lagi")


def _sidik_data(store: Store, units) -> dict:
    """Per unit, a fingerprint of the submissions a document of it reads: its own files and the
    Daftar Unit; for the kabupaten (whose documents summarise every unit) the whole store."""
    import hashlib

    subs = store.submissions()
    def digest(frame) -> str:
        text = "|".join(f"{i}:{s}" for i, s in zip(frame["id"], frame["sha256"]))
        return hashlib.sha256(text.encode()).hexdigest()

    shared = subs[subs["unit_kode"].isna()]
    out = {None: digest(subs)}
    for kode in units:
        out[kode] = digest(pd.concat([shared, subs[subs["unit_kode"] == kode]]).sort_values("id"))
    return out


def sidik_tugas(parameter: dict, notebook: Path, data: str) -> str:
    """A fingerprint of one document's inputs: its parameters, its notebook's bytes, the data it
    reads and the kinerja version. ``--resume`` reruns a document whose fingerprint changed."""
    import hashlib

    from kinerja import __version__

    h = hashlib.sha256(json.dumps(parameter, sort_keys=True, default=str).encode())
    h.update(Path(notebook).read_bytes())
    h.update(data.encode())
    h.update(__version__.encode())
    return h.hexdigest()[:16]
