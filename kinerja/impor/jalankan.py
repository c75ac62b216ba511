"""One file through an import: open, recognise, read, check, and (unless only checking) load.

Never raises for anything in the file: every problem is a located message in Bahasa
Indonesia (:class:`kinerja.formulir.masalah.Masalah`), so a folder goes on past a bad file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja.formulir.masalah import HasilMuat, Masalah, Penampung, pendek
from kinerja.impor.hasil import Bacaan
from kinerja.impor.lembar import Grid, buka_lembar
from kinerja.impor.tampak import pilih_tampak

if TYPE_CHECKING:  # (the store and SQLAlchemy are imported only to load: `impor --periksa` runs without them)
    from kinerja.store.store import Store

__all__ = ["JENIS_IMPOR", "HasilImpor", "impor_berkas", "kenali"]

JENIS_IMPOR = ("evaluasi-renja", "sipd-realisasi", "sipd-anggaran", "tabel")


@dataclass
class HasilImpor:
    """What happened to one file: what it was recognised as, what was read, what was loaded."""

    berkas: str
    jenis: str | None = None
    dikenali: bool = False
    bacaan: Bacaan | None = None
    muat: HasilMuat | None = None
    masalah: list[Masalah] = field(default_factory=list)

    @property
    def ditolak(self) -> bool:
        return any(m.tingkat == "galat" for m in self.masalah)


def kenali(grids) -> str | None:
    """Which source a workbook is, from its content (not its name).

    The Renja evaluation by its numbering row (1)…(12); SIPD exports by their column
    headers (Nilai Realisasi with SP2D or Tanggal Dokumen; Anggaran with Kode Rekening).
    """
    from kinerja.impor.renja.tanpa_nomor import temukan_kepala
    from kinerja.impor.sipd import cari_kepala_sipd

    for grid in grids:
        if temukan_kepala(grid) is not None:
            return "evaluasi-renja"
    for grid in grids:
        found = cari_kepala_sipd(grid)
        if found is not None:
            return found[0]
    return None


# long: a public function; its NumPy docstring (every option, Returns, Examples) is two thirds of it
def impor_berkas(path: str | Path, jenis: str | None = None, *, pemetaan: str | Path | None = None,
                 unit: str | None = None, tahun: int | None = None, store: Store | None = None,
                 arsip: str | Path | None = None, periksa: bool = False,
                 diterima: dt.datetime | None = None, triwulan: int | None = None,
                 bulan: int | None = None) -> HasilImpor:
    """Read a file Pemda already has (Evaluasi Renja/RKPD, SIPD export, flat table) and,
    unless ``periksa``, load it into ``store``. See :mod:`kinerja.impor`.

    Parameters
    ----------
    path : str or Path
        The workbook or CSV.
    jenis : str, optional
        ``evaluasi-renja``, ``sipd-realisasi``, ``sipd-anggaran`` or ``tabel``; None
        recognises the source from its headers.
    pemetaan : str or Path, optional
        For ``tabel``: the column mapping (a name in ``parameters/impor/`` or a .yaml path).
    unit, tahun : optional
        The unit the file belongs to and its year, when the file does not say.
    store : Store, optional
        Where to load; needed unless ``periksa``.
    arsip : str or Path, optional
        Where the accepted file is kept.
    periksa : bool, default False
        Only read and check; load nothing.
    diterima : datetime, optional
        When the file was received. Not given: the time of loading is recorded and documents
        say the receipt time is unknown (a copied file's modification time is never taken).
    triwulan, bulan : int, optional
        For ``tabel``: the period the file reports, when its title does not say (a title
        that says otherwise stops the file).

    Returns
    -------
    HasilImpor
        What the file was recognised as (``jenis``), what was read (``bacaan``, one long
        table), what was loaded (``muat``), the located problems (``masalah``) and
        whether it was refused (``ditolak``).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kinerja
    >>> path = Path(tempfile.mkdtemp()) / "kosong.xlsx"
    >>> _ = path.write_bytes(b"")
    >>> hasil = kinerja.impor_berkas(path, periksa=True)
    >>> hasil.ditolak, hasil.masalah[0].kode
    (True, 'V01')
    """
    if diterima is None and not periksa:  # (only a load uses it, and its module imports the store's SQLAlchemy)
        from kinerja.formulir.kiriman import TANPA_WAKTU_BERKAS

        diterima = TANPA_WAKTU_BERKAS
    path = Path(path)
    out = HasilImpor(path.name, jenis)
    p = Penampung(path.name)
    try:
        _jalankan(path, out, p, pemetaan, unit, tahun, store, arsip, periksa,
                  diterima, (triwulan, bulan))
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        from kinerja.core.errors import KinerjaError
        from kinerja.core.sistem import pesan_sistem

        if isinstance(exc, KinerjaError) and "basis data" in str(exc) or pesan_sistem(exc):
            raise  # the store or the disk is unusable: stop, the files are not at fault
        why = str(exc) if isinstance(exc, KinerjaError) else (
            f"berkas tidak dapat diproses karena kesalahan program ({pendek(' '.join(str(exc).split()), 120)}); "
            "laporkan berkas ini kepada pengelola kinerja")
        p.galat("I00", "", "", why)
    out.masalah = p.daftar
    return out


def _cocok(jenis: str | None, pemetaan) -> Callable[[Grid], bool]:
    """Whether the reader of ``jenis`` would take a sheet as its data sheet."""
    from kinerja.impor.renja.tanpa_nomor import temukan_kepala
    from kinerja.impor.sipd import cari_kepala_sipd
    from kinerja.impor.tabel import muat_pemetaan

    if jenis is None and not pemetaan:
        return lambda g: kenali([g]) is not None
    if jenis == "evaluasi-renja":
        return lambda g: temukan_kepala(g) is not None
    if jenis in ("sipd-realisasi", "sipd-anggaran"):
        return lambda g: (cari_kepala_sipd(g) or ("",))[0] == jenis
    name = muat_pemetaan(pemetaan).get("lembar") if pemetaan else None
    return lambda g: name is not None and g.lembar == name  # a table names its sheet, else the first visible


def _buka_tampak(raw: bytes, p: Penampung, jenis: str | None, pemetaan) -> list[Grid] | None:
    """The workbook's visible sheets (a Renja evaluation with its merged headers and formulas);
    None when it cannot be read, or when the sheet to read is hidden (I43)."""
    grids = buka_lembar(raw, p, rumus=jenis == "evaluasi-renja")
    if grids is None:
        return None
    grids = pilih_tampak(grids, p, _cocok(jenis, pemetaan))
    if not grids and not p.ada_galat:
        p.galat("I43", "", "", "tidak ada lembar yang tampak; tampilkan lembar yang berisi data")
    return None if p.ada_galat else grids


def _jalankan(path, out, p, pemetaan, unit, tahun, store, arsip, periksa, diterima, periode=(None, None)) -> None:
    from kinerja.impor.renja import baca_evaluasi_renja
    from kinerja.impor.sipd import baca_sipd
    from kinerja.impor.tabel import baca_tabel_datar, muat_pemetaan

    from kinerja.formulir.berkas import baca_isi

    raw = baca_isi(path, p)
    if raw is None:
        return
    # Streaming first (an export of 50.000 rows is read in one pass); a Renja evaluation is then
    # opened again with its merged headers and formulas.
    grids = _buka_tampak(raw, p, out.jenis, pemetaan)
    if grids is None:
        return
    if out.jenis is None:
        out.jenis = "tabel" if pemetaan else kenali(grids)
        out.dikenali = out.jenis is not None
        if out.jenis == "evaluasi-renja":
            grids = buka_lembar(raw, p, rumus=True)
            if grids is None:
                return
            grids = [g for g in grids if g.tampak]  # the hidden ones were named on the first reading
        if out.jenis is None:
            p.galat("I01", "", "", "jenis berkas tidak dikenali: bukan Evaluasi Renja (baris nomor kolom (1)…(12) tidak "
                    "ada) dan bukan ekspor SIPD (judul kolom tidak cocok); sebutkan --jenis, atau untuk tabel lain "
                    "--jenis tabel --pemetaan BERKAS.yaml (buat dengan --buat-pemetaan)")
            return
    dikenal = store.current("indikator", unit_kode=unit) if (store is not None and unit) else None
    if out.jenis == "evaluasi-renja":
        out.bacaan = baca_evaluasi_renja(grids, path.name, p, tahun, dikenal, periode[0])
    elif out.jenis in ("sipd-realisasi", "sipd-anggaran"):
        out.bacaan = baca_sipd(grids, out.jenis, path.name, p, tahun)
    elif out.jenis == "tabel":
        if not pemetaan:
            p.galat("I20", "", "", "--jenis tabel memerlukan --pemetaan BERKAS.yaml (buat dengan --buat-pemetaan)")
            return
        out.bacaan = baca_tabel_datar(grids, muat_pemetaan(pemetaan), path.name, p, tahun, dikenal, *periode)
    else:
        p.galat("I01", "", "", f"jenis {out.jenis!r} tidak dikenal; pilih salah satu: {', '.join(JENIS_IMPOR)}")
        return
    if out.bacaan is None or periksa or p.ada_galat:
        return
    if store is None:
        p.galat("I10", "", "", "tidak ada basis data untuk memuat; sebutkan --db atau pakai --periksa")
        return
    if out.jenis.startswith("sipd"):
        from kinerja.impor.sipd import muat_sipd

        out.muat = muat_sipd(out.bacaan, path, raw, store, arsip, p, diterima, unit)
        return
    if not unit:
        p.galat("I10", "", "", "sebutkan unit pemilik data dengan --unit KODE")
        return
    from kinerja.impor.muat import muat_bacaan

    out.muat = muat_bacaan(out.bacaan, path, raw, unit, store, arsip, p, diterima)
