"""A small store for the reviu tests: a kabupaten and two perangkat daerah with PK, RAAPK,
CRAAPK, Renstra, last year's realisasi, budget and a pohon kinerja, all consistent, and one
fault per reviu rule that can be planted (``buat_store(path, "nama_kesalahan")``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from kinerja.store.store import Store

TAHUN = 2026
KESALAHAN = ("raapk_tidak_menjumlah", "bulan_hilang", "capaian_janggal", "tahun_lalu_hilang", "melebihi_pagu",
             "tanpa_upaya", "iku_tidak_diukur", "tidak_di_renstra", "jumlah_unit", "anggaran_beda_sipd")

_UNIT = pd.DataFrame({"kode": ["kab", "dinas", "badan"], "nama": ["Pemerintah Kabupaten Uji", "Dinas Uji", "Badan Uji"],
                      "jenis": ["kabupaten", "perangkat_daerah", "perangkat_daerah"], "induk": [None, "kab", "kab"],
                      "jabatan": ["Bupati Uji", "Kepala Dinas Uji", "Kepala Badan Uji"]})


def _indikator(fault: str | None) -> pd.DataFrame:
    rows = [("kab", "KAB1", "Meningkatnya kesejahteraan", "Indeks kesejahteraan", "poin", "positif", "akhir", True),
            ("dinas", "IK1", "Meningkatnya layanan", "Persentase layanan tuntas", "%", "positif", "akhir", True),
            ("dinas", "IK2", "Meningkatnya layanan", "Jumlah kegiatan penyuluhan", "kali", "positif", "jumlah", False),
            ("dinas", "IK3", "Meningkatnya layanan", "Cakupan pemeriksaan", "%", "positif", "akhir", False),
            ("badan", "IKB", "Meningkatnya tata kelola", "Nilai tata kelola", "poin", "positif", "akhir", False)]
    if fault == "iku_tidak_diukur":
        rows.append(("dinas", "IK9", "Meningkatnya layanan", "Indeks kepuasan layanan", "poin", "positif", "akhir", True))
    if fault == "jumlah_unit":
        rows += [(u, "KUNJ", s, "Jumlah kunjungan wisata", "orang", "positif", "jumlah", False)
                 for u, s in (("kab", "Meningkatnya kesejahteraan"), ("dinas", "Meningkatnya layanan"),
                              ("badan", "Meningkatnya tata kelola"))]
    return pd.DataFrame(rows, columns=["unit_kode", "kode", "sasaran", "nama", "satuan", "polaritas", "agregasi", "iku"])


# Annual PK target, monthly realisasi (12 values) per unit and indicator.
_UKUR = {("kab", "KAB1"): (70, [71.0] * 12), ("dinas", "IK1"): (80, [85.0] * 12),
         ("dinas", "IK2"): (12, [1.0] * 12), ("dinas", "IK3"): (90, [80.0] * 12), ("badan", "IKB"): (75, [76.0] * 12)}


def _ukur(fault: str | None) -> dict:
    ukur = dict(_UKUR)
    if fault == "tanpa_upaya":  # the kabupaten misses its target too, with a cause and no solution
        ukur[("kab", "KAB1")] = (70, [65.0] * 12)
    if fault == "jumlah_unit":
        ukur |= {("dinas", "KUNJ"): (1200, [100.0] * 12), ("badan", "KUNJ"): (600, [50.0] * 12),
                 ("kab", "KUNJ"): (1800, [150.0] * 12)}
    return ukur


def _target(fault: str | None) -> pd.DataFrame:
    rows = []
    for (unit, kode), (annual, _) in _ukur(fault).items():
        rows.append((unit, kode, "pk", TAHUN, None, "tahunan", str(annual), float(annual)))
        jumlah = kode in ("IK2", "KUNJ")
        for m in range(1, 13):
            value = annual / 12 if jumlah else float(annual)
            if fault == "raapk_tidak_menjumlah" and kode == "IK2" and m == 6:
                value = 2.0
            rows.append((unit, kode, "raapk", TAHUN, m, "bulanan", str(value), value))
        if not (fault == "tidak_di_renstra" and kode == "IK1"):
            rows.append((unit, kode, "renstra", TAHUN, None, "tahunan", str(annual), float(annual)))
        rows.append((unit, kode, "renstra", 2029, None, "akhir_periode", str(annual), float(annual)))
    return pd.DataFrame(rows, columns=["unit_kode", "indikator_kode", "dokumen", "tahun", "bulan", "jenis", "nilai_teks",
                                       "nilai"])


def _keterangan(kode: str, m: int, fault: str | None) -> str | None:
    if kode == "KAB1" and m == 12 and fault == "tanpa_upaya":
        return "Faktor penghambat: harga pangan naik"
    if kode != "IK3" or m != 12:
        return None
    if fault == "tanpa_upaya":
        return "Faktor penghambat: tenaga pemeriksa kurang"
    return "Faktor penghambat: tenaga pemeriksa kurang. Upaya: pelatihan kader pemeriksa"


def _realisasi(fault: str | None) -> pd.DataFrame:
    rows = []
    for (unit, kode), (_, values) in _ukur(fault).items():
        for m, v in enumerate(values, start=1):
            if fault == "bulan_hilang" and kode == "IK1" and m == 5:
                continue
            if fault == "capaian_janggal" and kode == "IK1" and m == 12:
                v = 850.0
            rows.append((unit, kode, TAHUN, m, str(v), v, _keterangan(kode, m, fault)))
        if not (fault == "tahun_lalu_hilang" and kode == "IK2"):
            last = sum(values) if kode in ("IK2", "KUNJ") else values[-1]
            rows.append((unit, kode, TAHUN - 1, None, str(last), float(last), None))
    return pd.DataFrame(rows, columns=["unit_kode", "indikator_kode", "tahun", "bulan", "nilai_teks", "nilai",
                                       "keterangan"])


def _anggaran(fault: str | None) -> pd.DataFrame:
    monthly = 100.0 if fault == "melebihi_pagu" else 50.0
    rows = [("dinas", "pk", TAHUN, "Program Layanan", None, "pagu", 1000.0)]
    rows += [("dinas", "craapk", TAHUN, "Program Layanan", m, "realisasi", monthly) for m in range(1, 13)]
    if fault == "anggaran_beda_sipd":
        rows.append(("dinas", "sipd", TAHUN, "Program Layanan", 12, "realisasi", 450.0))
    return pd.DataFrame(rows, columns=["unit_kode", "dokumen", "tahun", "program", "bulan", "jenis", "nilai"])


def _pohon() -> pd.DataFrame:
    rows = [("kab", "T1", None, "tujuan", "Sejahtera", "KAB1", "Indeks kesejahteraan", "poin", 1),
            ("kab", "SK1", "T1", "sasaran kabupaten", "Meningkatnya kesejahteraan", "KAB1", "Indeks kesejahteraan",
             "poin", 2),
            ("dinas", "S1", "kab/SK1", "sasaran perangkat daerah", "Meningkatnya layanan", "IK1",
             "Persentase layanan tuntas", "%", 1),
            ("badan", "S1", "kab/SK1", "sasaran perangkat daerah", "Meningkatnya tata kelola", "IKB",
             "Nilai tata kelola", "poin", 1)]
    return pd.DataFrame(rows, columns=["unit_kode", "kode", "induk", "tingkat", "kondisi", "indikator_kode",
                                       "indikator", "satuan", "urutan"]).assign(tahun=TAHUN)


def buat_store(path: Path, fault: str | None = None) -> Store:
    """The reviu test store at ``path`` (SQLite), with ``fault`` planted (one of :data:`KESALAHAN`)."""
    assert fault is None or fault in KESALAHAN, fault
    store = Store(f"sqlite:///{path}")
    now = dt.datetime(2027, 1, 10)
    info = {"dokumen": "uji", "tingkat": "kabupaten", "unit_kode": None, "tahun": TAHUN, "bulan": None,
            "berkas": "uji.xlsx", "sha256": hashlib.sha256(f"{path}{fault}".encode()).hexdigest(), "ukuran": 1,
            "diterima": now, "dimuat": now, "arsip": ""}
    store.add_submission(info, {"unit": _UNIT, "indikator": _indikator(fault), "target": _target(fault),
                                "realisasi": _realisasi(fault), "anggaran": _anggaran(fault), "pohon": _pohon()})
    return store
