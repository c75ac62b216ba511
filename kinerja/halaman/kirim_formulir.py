"""The Kirim Formulir page: a unit's clerk uploads workbooks and gets, per file, every located
problem at once or a receipt (Tanda Terima) to download.

Every file goes through :func:`kinerja.formulir.ingest.muat_berkas`, the checks and messages of
``kinerja ingest``, with the visitor (:func:`kinerja.halaman.pengunjung.pengunjung`, never the
URL or a widget) deciding what may be sent: a unit's clerk only its own unit's formulir (V82,
checked where the file is loaded), pimpinan nothing (V84). An upload larger than the limits
below is refused before any file of it is opened (V48 per file, V83 per upload). A file is
received at the server's clock when its upload arrives; an accepted one is archived beside the
store as ``kinerja ingest`` archives it and loaded in one transaction, so a refused file, a
store that fails mid-write or a page closed mid-upload leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from kinerja.analisis.kepatuhan import kepatuhan, status_teks
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka, format_waktu, nama_bulan
from kinerja.core.jadwal import batas_teks
from kinerja.core.sistem import pesan_sistem
from kinerja.dokumen.evaluasi_renja_tabel import TAHUN_RENSTRA
from kinerja.formulir.berkas import pesan_ukuran
from kinerja.formulir.daftar import FORMULIR, JENIS_FORMULIR
from kinerja.formulir.ingest import muat_berkas
from kinerja.formulir.kiriman import folder_arsip_store
from kinerja.formulir.masalah import HasilMuat, Masalah
from kinerja.halaman import dasbor
from kinerja.halaman.kerangka import bingkai
from kinerja.halaman.pengunjung import Pengunjung, pengunjung
from kinerja.halaman.widget import _kelas, nama_unit
from kinerja.render.html import render
from kinerja.store.store import Store, buka_store

__all__ = ["BATAS_BERKAS", "BATAS_JUMLAH", "BATAS_KIRIMAN", "Diterima", "Unggahan", "kirim_formulir",
           "periode_kiriman", "tanda_terima", "terima_kiriman"]

# Limits of the page (stated on it and in the methodology). A month's CRAAPK of a large dinas is
# ~100 kB. One upload travels as one websocket message, which the page server takes up to 10 MiB
# (tornado's default): the upload limit stays below it, so a refusal reaches the page as a message.
BATAS_BERKAS = 5 * 1024 * 1024
BATAS_KIRIMAN = 8 * 1024 * 1024
BATAS_JUMLAH = 20

_log = logging.getLogger("kinerja.halaman")


@dataclass(frozen=True)
class Unggahan:
    """One uploaded file: the name the browser gave and its bytes."""

    nama: str
    isi: bytes


@dataclass
class Diterima:
    """What became of one uploaded file: the outcome of loading it and, when it was loaded,
    its receipt (``tanda_terima``: file name and HTML)."""

    hasil: HasilMuat
    tanda_terima: tuple[str, str] | None = None


def _mb(ukuran: int) -> str:
    return f"{format_angka(ukuran / 1048576, 1)} MB"


def _nama_aman(nama: str) -> str:
    """The browser's file name as a name inside a private folder: no folder part, no control
    character, no leading dot, at most 120 characters (the suffix kept)."""
    nama = re.sub(r"[\x00-\x1f\x7f/\\]", "_", nama.replace("\\", "/").rsplit("/", 1)[-1]).strip().lstrip(".")
    if len(nama) > 120:
        akhiran = Path(nama).suffix[:10]
        nama = nama[: 120 - len(akhiran)] + akhiran
    return nama or "berkas.xlsx"


def _tolak(nama: str, kode: str, pesan: str) -> Diterima:
    return Diterima(HasilMuat(berkas=nama, status="ditolak", masalah=[Masalah("galat", nama, "", "", pesan, kode)]))


def _batas_kiriman(berkas: Sequence[Unggahan]) -> str | None:
    """Why an upload as a whole is refused before any file of it is opened (V83), or None."""
    total = sum(len(b.isi) for b in berkas)
    if len(berkas) > BATAS_JUMLAH:
        why = f"kiriman ini berisi {len(berkas)} berkas, melebihi batas {BATAS_JUMLAH} berkas"
    elif total > BATAS_KIRIMAN:
        why = f"kiriman ini berisi {len(berkas)} berkas sebesar {_mb(total)}, melebihi batas {_mb(BATAS_KIRIMAN)}"
    else:
        return None
    return why + (" untuk satu kali kirim; tidak ada berkas yang diperiksa atau dimuat. Kirim berkasnya dalam "
                  "beberapa kali")


def terima_kiriman(berkas: Sequence[Unggahan], store: Store, arsip: str | Path, siapa: Pengunjung,
                   waktu: dt.datetime | None = None) -> list[Diterima]:
    """Check and load every uploaded file as ``kinerja ingest`` does, for visitor ``siapa``.

    Parameters
    ----------
    berkas : sequence of Unggahan
        The files of one upload, in the order given.
    store : Store
    arsip : str or Path
        The archive folder (:func:`kinerja.formulir.kiriman.folder_arsip_store`).
    siapa : Pengunjung
        Who sends: a unit's clerk only its own unit's formulir (V82), pimpinan nothing (V84).
    waktu : datetime, optional
        When the upload was received; default now (the server's clock).

    Returns
    -------
    list of Diterima
        One per file: its outcome (every located problem) and, when loaded, its receipt.

    Examples
    --------
    >>> hasil = terima_kiriman([Unggahan("a.xlsx", b"x")], Store("sqlite://"), "arsip", Pengunjung("pimpinan", None))
    >>> hasil[0].hasil.status, hasil[0].hasil.masalah[0].kode
    ('ditolak', 'V84')
    """
    waktu = (waktu or dt.datetime.now()).replace(microsecond=0)
    names = [_nama_aman(b.nama) for b in berkas]
    if not siapa.boleh_ubah:
        return [_tolak(n, "V84", f"peran {siapa.nama_peran} hanya melihat data; formulir dikirim oleh operator unit "
                       "atau Bappeda") for n in names]
    why = _batas_kiriman(berkas)
    if why is not None:
        return [_tolak(n, "V83", why) for n in names]
    out: list[Diterima] = []
    for nama, b in zip(names, berkas):
        try:
            out.append(_satu(nama, b.isi, store, arsip, siapa, waktu))
        except Exception as exc:  # noqa: BLE001 - the store or the disk, not the file (muat_berkas reports those)
            if not isinstance(exc, KinerjaError) and pesan_sistem(exc) is None:
                raise  # kinerja's own fault: the page's one line, the traceback in the server's log
            _log.exception("kiriman %s tidak dapat dimuat", nama)
            return out + [_tolak(n, "V00", _GAGAL_SIMPAN) for n in names[len(out):]]
    return out


# What the page says when the store or the archive folder cannot be written (the details, which may
# name the server's files, go to the server's log).
_GAGAL_SIMPAN = ("basis data atau folder arsip tidak dapat ditulis saat ini; berkas ini tidak dimuat. Coba lagi "
                 "nanti atau hubungi Bappeda")


def _satu(nama: str, isi: bytes, store: Store, arsip: str | Path, siapa: Pengunjung, waktu: dt.datetime) -> Diterima:
    if len(isi) > BATAS_BERKAS:
        return _tolak(nama, "V48", pesan_ukuran(len(isi), BATAS_BERKAS))
    with tempfile.TemporaryDirectory(prefix="kinerja-kirim-") as folder:
        path = Path(folder) / nama
        path.write_bytes(isi)
        hasil = muat_berkas(path, store, arsip, waktu, unit=None if siapa.semua_unit else siapa.unit)
    if hasil.status != "dimuat":
        return Diterima(hasil)
    return Diterima(hasil, tanda_terima(hasil, store, waktu, siapa))


def _nama_formulir(kode: str) -> str:
    f = FORMULIR.get(kode)
    return f"{JENIS_FORMULIR[f.jenis].nama} ({kode})" if f else kode


def _periode(hasil: HasilMuat) -> str:
    """The period a file reports, as a reader says it (a Renstra/RPJMD by its five years)."""
    if hasil.tahun is None:
        return "–"
    if hasil.formulir in FORMULIR and FORMULIR[hasil.formulir].jenis == "RENSTRA":
        return f"{hasil.tahun}–{hasil.tahun + TAHUN_RENSTRA - 1}"
    return f"{nama_bulan(hasil.bulan)} {hasil.tahun}" if hasil.bulan else str(hasil.tahun)


def tanda_terima(hasil: HasilMuat, store: Store, waktu: dt.datetime, siapa: Pengunjung) -> tuple[str, str]:
    """The receipt of a loaded file: its download name (by unit, formulir and period) and its
    HTML (unit, formulir, period, file name, sha256, received time, revision, rows, warnings)."""
    sub = store.submissions().set_index("id").loc[hasil.submission_id]
    periode = f"{hasil.tahun}" + (f"-{hasil.bulan:02d}" if hasil.bulan else "") if hasil.tahun else "tanpa-tahun"
    nama = f"tanda-terima_{hasil.unit or 'kabupaten'}_{hasil.formulir.lower()}_{periode}.html"
    isi = render("halaman/tanda_terima.html.j2",
                 unit=nama_unit(store, hasil.unit),
                 formulir=_nama_formulir(hasil.formulir),
                 periode=_periode(hasil), berkas=hasil.berkas, sha256=sub["sha256"], diterima=format_waktu(waktu),
                 revisi=hasil.revisi, nomor=hasil.submission_id, pengirim=siapa.nama,
                 baris=[(k, format_angka(v, 0)) for k, v in hasil.baris.items() if v],
                 peringatan=[str(m) for m in hasil.peringatan])
    return nama, str(isi)


def _tampil(hasil: list[Diterima], store: Store) -> str:
    """The outcome of an upload, file by file (every text from the files escaped by the template)."""
    import base64

    butir = []
    for d in hasil:
        h = d.hasil
        butir.append({"berkas": h.berkas, "status": h.status, "formulir": _nama_formulir(h.formulir),
                      "unit": nama_unit(store, h.unit),
                      "periode": _periode(h), "revisi": h.revisi, "baris": format_angka(sum(h.baris.values()), 0),
                      "galat": [str(m) for m in h.galat], "peringatan": [str(m) for m in h.peringatan],
                      "unduh": None if d.tanda_terima is None else {
                          "nama": d.tanda_terima[0],
                          "data": base64.b64encode(d.tanda_terima[1].encode("utf-8")).decode("ascii")}})
    return str(render("halaman/kirim_hasil.html.j2", butir=butir))


def kirim_formulir(db: str = "", k: dasbor.Konteks | None = None) -> widgets.VBox:
    """The page, in the header every page shares (:func:`kinerja.halaman.kerangka.bingkai`): who
    is sending, the period whose formulir are due and who sent it, the limits, the upload button
    and the outcome of each upload. Files are written to the store itself (``db``), whatever the
    visitor's view of it; :func:`terima_kiriman` decides what a visitor may send."""
    siapa = pengunjung()
    store = buka_store(db or None)
    arsip = folder_arsip_store(store.url)
    k = k or _konteks(db)
    return bingkai("kirim_formulir", k, lambda k: _isi(k, store, arsip, siapa))


def _konteks(db: str) -> dasbor.Konteks:
    """The page's period: the store's latest; for a store holding no Perjanjian Kinerja yet (the
    first formulir are still to come), the month that ended last."""
    try:
        return dasbor.konteks(db)
    except KinerjaError:
        lalu = dt.date.today().replace(day=1) - dt.timedelta(days=1)
        return dasbor.konteks(db, lalu.year, lalu.month)


def periode_kiriman(k: dasbor.Konteks, siapa: Pengunjung) -> str:
    """The sentence on what is due for the page's period: for a unit's clerk whether its CRAAPK
    arrived (:func:`kinerja.analisis.kepatuhan.status_teks`), for the Bappeda how many units
    sent it. "" when the store holds no Daftar Unit yet."""
    try:
        rows = kepatuhan(k.store, k.tahun, k.bulan, None if siapa.semua_unit else siapa.unit)
    except KinerjaError:
        return ""
    periode = f"Periode {nama_bulan(k.bulan)} {k.tahun}: "
    if not siapa.semua_unit:
        return periode + status_teks(rows.iloc[0]) if len(rows) else ""
    hitung = rows["status"].value_counts()
    bagian = [f"{format_angka(int(hitung[s]), 0)} {s}" for s in ("tepat waktu", "terlambat", "belum menyampaikan")
              if s in hitung]
    return (periode + f"CRAAPK {nama_bulan(k.bulan)} dari {format_angka(len(rows), 0)} unit: {', '.join(bagian)}; "
            f"batas {batas_teks()}.")


# The upload button's label per state. ipywidgets writes "(n)", the count of files it holds, after
# its description: the page's CSS hides that text and shows the tooltip (the widget's title) instead.
_SIAP_KIRIM, _SIAP_LAGI = "Pilih berkas .xlsx", "Kirim berkas lain (.xlsx)"


def _isi(k: dasbor.Konteks, store: Store, arsip: Path, siapa: Pengunjung) -> widgets.VBox:
    def kepala() -> str:
        return str(render("halaman/kirim_pengantar.html.j2", peran=siapa.nama_peran, unit=nama_unit(store, siapa.unit),
                          satu_unit=not siapa.semua_unit, boleh=siapa.boleh_ubah, periode=periode_kiriman(k, siapa),
                          batas_berkas=_mb(BATAS_BERKAS), batas_kiriman=_mb(BATAS_KIRIMAN), batas_jumlah=BATAS_JUMLAH))

    pengantar = widgets.HTML(kepala())
    if not siapa.boleh_ubah:
        return widgets.VBox([pengantar])
    unggah = _kelas(widgets.FileUpload(accept=".xlsx", multiple=True, description=_SIAP_KIRIM, tooltip=_SIAP_KIRIM,
                                        layout=widgets.Layout(width="280px", max_width="100%")), "kinerja-unggah")
    keluaran = _kelas(widgets.HTML(), "kinerja-hasil-kirim")

    def terima(change) -> None:
        files = change["new"]
        if not files:
            return
        waktu = dt.datetime.now()  # received now, whatever the checks take
        berkas = [Unggahan(str(f["name"]), bytes(f["content"])) for f in files]
        unggah.value = ()  # the same file may be sent again; the page holds no copy
        unggah.disabled, unggah.tooltip = True, f"Memeriksa {len(berkas)} berkas …"
        keluaran.value = str(render("halaman/pesan.html.j2", teks=f"Memeriksa {len(berkas)} berkas …"))
        try:
            keluaran.value = _tampil(terima_kiriman(berkas, store, arsip, siapa, waktu), store)
        finally:
            unggah.disabled, unggah.tooltip = False, _SIAP_LAGI
        pengantar.value = kepala()  # what is due, now that this upload may have brought it

    unggah.observe(terima, names="value")
    return widgets.VBox([pengantar, unggah, keluaran], layout=widgets.Layout(max_width="100%"))
