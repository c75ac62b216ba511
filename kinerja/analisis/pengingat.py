"""Reminders: which units owe a report for one month, and what each is told.

For month ``bulan`` a unit that reports monthly owes its CRAAPK of that month
(:func:`kinerja.analisis.kepatuhan.kepatuhan`). A unit that reports by quarter (this year it sent
quarterly reports, the Evaluasi Renja read by ``kinerja impor``, and no CRAAPK) owes a report
only in a quarter's last month (March, June, September, December): its report of that quarter
(:func:`kinerja.analisis.kepatuhan.kepatuhan_triwulan`); in any other month it owes nothing and
is never listed. A unit whose report arrived (on time, late, or loaded without a receipt time)
gets no reminder; a unit whose report has not arrived gets one, whether its deadline has passed
or not.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.analisis.kepatuhan import kepatuhan, kepatuhan_triwulan
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import ROMAWI_TRIWULAN, format_angka, format_tanggal, nama_bulan
from kinerja.core.wilayah import daftar_kabupaten, unit_kabupaten
from kinerja.store.store import Store

__all__ = ["HALAMAN_KIRIM", "pesan_pengingat", "tunggakan"]

# The Kirim Formulir page, below the page server's address.
HALAMAN_KIRIM = "voila/render/kirim_formulir.ipynb"

_KOLOM = ["kode", "nama", "jenis", "laporan", "periode", "batas_waktu", "diterima", "status", "hari"]


def unit_triwulanan(store: Store, tahun: int) -> set[str]:
    """The units that report by quarter in ``tahun``: quarterly reports sent, no CRAAPK."""
    subs = store.submissions()
    if subs.empty:
        return set()
    subs = subs[subs["tahun"] == tahun]
    quarterly = set(subs.loc[subs["dokumen"] == "EVALUASI-RENJA", "unit_kode"].dropna())
    return quarterly - set(subs.loc[subs["dokumen"] == "CRAAPK", "unit_kode"].dropna())


def tunggakan(store: Store, tahun: int, bulan: int, kabupaten: str | None = None,
              hari_ini: dt.date | None = None) -> pd.DataFrame:
    """Every unit that owes a report for month ``bulan`` of ``tahun`` (of one ``kabupaten``
    when given), one row each: kode, nama, jenis, laporan (``CRAAPK`` or ``triwulan``),
    periode (as a reader names it), batas_waktu, diterima, status (``belum menyampaikan``,
    ``terlambat``, ``tepat waktu`` or the unknown-time status of kepatuhan) and hari (days
    from the deadline to ``hari_ini``, negative while it is still ahead); the units still owing
    first."""
    hari_ini = hari_ini or dt.date.today()
    units = store.current("unit")
    if kabupaten is not None:
        known = daftar_kabupaten(units)["kode"].tolist()
        if kabupaten not in known:
            raise KinerjaError(f"kabupaten '{kabupaten}' tidak ada di Daftar Unit; yang ada: {', '.join(known)}")
    mine = set(unit_kabupaten(units, kabupaten)["kode"])
    quarterly = unit_triwulanan(store, tahun)
    monthly = kepatuhan(store, tahun, bulan)
    monthly = monthly[~monthly["kode"].isin(quarterly)].assign(
        laporan="CRAAPK", periode=f"CRAAPK {nama_bulan(bulan)} {tahun}")
    parts = [monthly]
    if bulan % 3 == 0 and quarterly:
        q = kepatuhan_triwulan(store, tahun, bulan // 3)
        parts.append(q[q["kode"].isin(quarterly)].assign(
            laporan="triwulan", periode=f"laporan triwulan {ROMAWI_TRIWULAN[bulan // 3 - 1]} {tahun}"))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["kode"].isin(mine)]
    out["hari"] = [(hari_ini - b.date()).days for b in out["batas_waktu"]]
    return out[_KOLOM].sort_values(["status", "kode"], key=lambda s: s.ne("belum menyampaikan")
                                   if s.name == "status" else s, kind="stable").reset_index(drop=True)


def _url_kirim(url_halaman: str | None) -> str | None:
    """The Kirim Formulir page's address below the server's ``url_halaman`` (None without one)."""
    if not url_halaman:
        return None
    return url_halaman.rstrip("/") + "/" + HALAMAN_KIRIM


def pesan_pengingat(baris: pd.Series | dict, url_halaman: str | None = None,
                    pengirim: str = "Bappeda") -> tuple[str, str]:
    """The subject and body (Bahasa Indonesia) of the reminder to the unit of one
    :func:`tunggakan` row: what is due, its deadline, the days since (or left), and the Kirim
    Formulir page, opened with the unit's personal link (never written in the message).

    Examples
    --------
    >>> subjek, isi = pesan_pengingat({"nama": "Dinas Kesehatan", "periode": "CRAAPK September 2026",
    ...     "batas_waktu": dt.datetime(2026, 10, 5, 23, 59), "hari": 10}, "https://kinerja.example.go.id")
    >>> subjek
    'Pengingat: CRAAPK September 2026 Dinas Kesehatan belum diterima'
    >>> print(isi.splitlines()[2])
    CRAAPK September 2026 Dinas Kesehatan belum kami terima. Batas penyampaiannya 5 Oktober 2026, sudah lewat 10 hari.
    """
    nama, periode, hari = baris["nama"], baris["periode"], int(baris["hari"])
    batas = format_tanggal(baris["batas_waktu"])
    if hari > 0:
        kapan = f"sudah lewat {format_angka(hari, 0)} hari"
    elif hari == 0:
        kapan = "yaitu hari ini"
    else:
        kapan = f"{format_angka(-hari, 0)} hari lagi"
    url = _url_kirim(url_halaman)
    cara = (["Silakan kirim formulirnya melalui halaman Kirim Formulir:", url,
             "Buka halaman itu dengan tautan pribadi unit Anda yang diberikan Bappeda; tautan pribadi tidak "
             "pernah dikirim lewat surel."] if url else
            ["Silakan kirim formulirnya melalui halaman Kirim Formulir dengan tautan pribadi unit Anda yang "
             "diberikan Bappeda."])
    isi = "\n".join([f"Yth. Pimpinan {nama},", "",
                     f"{periode} {nama} belum kami terima. Batas penyampaiannya {batas}, {kapan}.", "",
                     *cara, "", "Bila formulir sudah dikirim, abaikan pesan ini.", "", "Terima kasih,", pengirim])
    return f"Pengingat: {periode} {nama} belum diterima", isi + "\n"
