"""The sample's Lembar Kerja Evaluasi: for the perangkat daerah of the sample (not the copies
``--skala`` and ``--kabupaten`` add), the evaluator's LKE of the year before (with
recommendations), this year's self-assessment by the unit and the evaluator's LKE of this year
(a second revision of the same workbook, the unit's columns kept, last year's recommendations
followed up under 4.c). Every third unit's evaluator has not
finished: two sub-komponen are left unanswered, so its Nilai AKIP is *belum lengkap*.

Kriteria are marked met at random with a level per unit; the answers follow from the kriteria
met (:func:`kinerja.core.lke_saran.saran`), a few differ on purpose (an evaluator's A with its
catatan; a unit's BB above its kriteria: a J16 warning). Deterministic for a given benih.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from kinerja.contoh.nilai import _rng
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.core.lke_saran import saran
from kinerja.formulir.lke import tulis_lke
from kinerja.formulir.validasi.lke import kode_tindak_lanjut

__all__ = ["lke_sampel"]

_REKOMENDASI = {
    1: ("Menyelaraskan indikator sasaran Renstra dengan pohon kinerja kabupaten dan menetapkan IKU sampai level "
        "pejabat pengawas.", "Menyusun Perjanjian Kinerja paling lambat satu bulan setelah DPA ditetapkan."),
    2: ("Menyampaikan CRAAPK setiap bulan tepat waktu dan memantau capaian bersama pimpinan.",
        "Mengaitkan hasil pengukuran kinerja dengan tambahan penghasilan pegawai."),
    3: ("Melengkapi LKjIP dengan analisis penyebab keberhasilan/kegagalan dan efisiensi sumber daya.",
        "Membandingkan capaian dengan target jangka menengah dan tahun-tahun sebelumnya."),
    4: ("Menindaklanjuti seluruh rekomendasi evaluasi AKIP dan mendokumentasikan tindak lanjutnya.",
        "Melaksanakan evaluasi internal atas capaian kinerja setiap bidang."),
}


def _tanda(lke: ParameterLKE, rng, peluang: float) -> dict[str, bool]:
    """Kriteria code → met, each with probability ``peluang``."""
    return {k: bool(rng.random() < peluang) for k in lke.kriteria["kode"]}


def _jawaban(lke: ParameterLKE, met: dict[str, bool]) -> dict[str, str]:
    """The answer per sub-komponen that follows from the kriteria met."""
    out = {}
    for sub, part in lke.kriteria.groupby("subkomponen", sort=False):
        out[sub] = saran(sum(met[k] for k in part["kode"]), len(part), lke)
    return out


def _ya(value: bool) -> str:
    return "Ya" if value else "Tidak"


def _rekomendasi(rng, jawaban: dict[str, str], lke: ParameterLKE) -> list[dict]:
    """Two to four recommendations, for the komponen answered lowest first."""
    skor = {k: sum(lke.jawaban[jawaban[s]] for s in lke.subkomponen.loc[lke.subkomponen["komponen"] == k, "kode"])
            for k in lke.komponen["kode"]}
    komponen = sorted(skor, key=lambda k: (skor[k], k))[: int(rng.integers(2, 5))]
    out = []
    for k in sorted(komponen):
        for nomor, teks in enumerate(_REKOMENDASI[int(k)][: 1 + int(rng.integers(0, 2))], start=1):
            out.append({"komponen": int(k), "nomor": nomor, "teks": teks})
    return out


def _simpan(path: Path, when: dt.datetime, **kw) -> Path:
    tulis_lke(path, protect=False, **kw)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _tahun_lalu(folder: Path, unit: str, nama: str, tahun: int, lke: ParameterLKE, benih: int) -> tuple[Path, list]:
    """The evaluator's LKE of the year before, and its recommendations."""
    rng = _rng(benih, unit, "lke", tahun - 1)
    met = _tanda(lke, rng, 0.35 + 0.4 * rng.random())
    jawaban = _jawaban(lke, met)
    isian = {k: {"terpenuhi_evaluator": _ya(v)} for k, v in met.items()}
    isian |= {s: {"jawaban_evaluator": j} for s, j in jawaban.items()}
    rek = _rekomendasi(rng, jawaban, lke)
    path = _simpan(folder / f"LKE_{tahun - 1}_evaluator.xlsx", dt.datetime(tahun, 2, 20, 10, 0), unit=unit,
                   tahun=tahun - 1, subjudul=nama, isian=isian, rekomendasi=rek, lke=lke)
    return path, rek


def _isian_tahun_ini(lke: ParameterLKE, rng, tindak: list[dict], selesai: bool,
                     lebih: bool) -> tuple[dict, dict, list]:
    """This year's self-assessment and the evaluator's answers beside it."""
    mandiri = _tanda(lke, rng, 0.5 + 0.4 * rng.random())
    evaluator = {k: v and bool(rng.random() < 0.85) for k, v in mandiri.items()}  # the evaluator is stricter
    j_mandiri, j_evaluator = _jawaban(lke, mandiri), _jawaban(lke, evaluator)
    isian = {k: {"terpenuhi_mandiri": _ya(mandiri[k])} for k in mandiri}
    isian |= {s: {"jawaban_mandiri": j} for s, j in j_mandiri.items()}
    if lebih and j_mandiri["2.a"] != "BB":  # the unit rates itself above its kriteria (J16)
        isian["2.a"]["jawaban_mandiri"] = "BB"
    if j_mandiri["1.a"] == "BB":
        isian["1.a.1"]["bukti"] = "Perbup tentang Pedoman Pengukuran Kinerja; SK Tim SAKIP"
    for t in tindak:
        isian[t["kode"]] = {"terpenuhi_mandiri": "Ya", "bukti": "Laporan tindak lanjut rekomendasi"}
    evaluasi = {k: dict(v) for k, v in isian.items()}
    for k, v in evaluator.items():
        evaluasi[k]["terpenuhi_evaluator"] = _ya(v)
    for t in tindak:
        evaluasi[t["kode"]]["terpenuhi_evaluator"] = _ya(bool(rng.random() < 0.6))
    subs = list(j_evaluator)
    kosong = set(subs[-2:]) if not selesai else set()
    for s, j in j_evaluator.items():
        if s not in kosong:
            evaluasi[s]["jawaban_evaluator"] = j
    if j_evaluator["3.a"] == "BB":  # beyond the national mandate, with its reason
        evaluasi["3.a"] |= {"jawaban_evaluator": "A", "catatan": "LKjIP dipublikasikan di laman resmi lima tahun "
                            "berturut-turut"}
    return isian, evaluasi, _rekomendasi(rng, j_evaluator, lke) if selesai else []


def lke_sampel(folder: Path, unit: str, nama: str, tahun: int, benih: int, ke: int) -> list[Path]:
    """Write one perangkat daerah's LKE workbooks (see the module docstring); ``ke`` is the
    unit's position in the sample. To keep the sample quick to load, only every second unit
    has last year's LKE and only every fourth sends its self-assessment as a file of its own
    (the others' reach the evaluator's workbook directly); every third is left unfinished by
    its evaluator, and the second of every four rates a sub-komponen above its kriteria."""
    lke = muat_lke()
    lalu, rek = _tahun_lalu(folder, unit, nama, tahun, lke, benih) if ke % 2 == 0 else (None, [])
    tindak = [{"kode": kode_tindak_lanjut(tahun - 1, r["komponen"], r["nomor"]),
               "uraian": f"Tindak lanjut rekomendasi {tahun - 1} komponen {r['komponen']} nomor {r['nomor']}: "
                         f"{r['teks']}"} for r in rek]
    rng = _rng(benih, unit, "lke", tahun)
    isian, evaluasi, rek_baru = _isian_tahun_ini(lke, rng, tindak, selesai=ke % 3 != 2, lebih=ke % 4 == 1)
    common = {"unit": unit, "tahun": tahun, "subjudul": nama, "tindak_lanjut": tindak, "lke": lke}
    files = [lalu] if lalu is not None else []
    if ke % 4 == 0:
        files.append(_simpan(folder / f"LKE_{tahun}_1_mandiri.xlsx", dt.datetime(tahun, 10, 12, 9, 0), isian=isian,
                             **common))
    files.append(_simpan(folder / f"LKE_{tahun}_2_evaluator.xlsx", dt.datetime(tahun, 11, 16, 14, 0), isian=evaluasi,
                         rekomendasi=rek_baru, **common))
    return files
