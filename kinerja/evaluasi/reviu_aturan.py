"""The registry of automatic reviu rules and how an item's answer follows from its rules.

:data:`ATURAN` maps a rule's name (as ``parameters/reviu/butir.yaml`` writes it under
``otomatis``) to its function and a short description; :func:`putuskan` runs the rules of one
item and combines them: Tidak if any rule says Tidak, else Belum diuji if any could not test,
else Ya (Tidak berlaku only when every rule is not applicable).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from kinerja.evaluasi.reviu_bahan import BahanReviu, Keputusan
from kinerja.evaluasi.reviu_telaah import anggaran, bukan_jumlah_unit, iku, sasaran_selaras, sebab_solusi
from kinerja.evaluasi.reviu_ukur import capaian_ulang, pembanding_riwayat, realisasi_agregasi, target_pk

__all__ = ["ATURAN", "gabung_hasil", "putuskan"]

ATURAN: dict[str, tuple[Callable[[BahanReviu], Keputusan], str]] = {
    "target_pk": (target_pk, "sasaran, indikator dan target sama dengan PK terakhir (termasuk perubahan)"),
    "iku": (iku, "IKU sama dengan penetapan IKU yang dimuat"),
    "realisasi_agregasi": (realisasi_agregasi, "realisasi tahunan sama dengan agregasi data periodik"),
    "capaian_ulang": (capaian_ulang, "capaian dihitung ulang"),
    "pembanding_riwayat": (pembanding_riwayat, "perbandingan dengan tahun lalu dan Renstra/RPJMD sesuai riwayat"),
    "anggaran": (anggaran, "realisasi anggaran ≤ pagu dan sama dengan data sistem anggaran"),
    "sebab_solusi": (sebab_solusi, "setiap indikator di bawah target memiliki penyebab dan solusi"),
    "sasaran_selaras": (sasaran_selaras, "sasaran ada di RPJMD/Renstra dan pohon kinerja"),
    "bukan_jumlah_unit": (bukan_jumlah_unit, "LKjIP kabupaten bukan sekadar jumlah LKjIP perangkat daerah"),
}


def gabung_hasil(hasil: list[str]) -> str:
    """One answer from several rules' answers.

    Examples
    --------
    >>> gabung_hasil(["Ya", "Tidak"]), gabung_hasil(["Ya", "Belum diuji"]), gabung_hasil(["Tidak berlaku"])
    ('Tidak', 'Belum diuji', 'Tidak berlaku')
    >>> gabung_hasil(["Ya", "Tidak berlaku"])
    'Ya'
    """
    for answer in ("Tidak", "Belum diuji", "Ya"):
        if answer in hasil:
            return answer
    return "Tidak berlaku"


def putuskan(bahan: BahanReviu, nama: list[str]) -> tuple[Keputusan, dict[str, Keputusan]]:
    """Run the rules ``nama`` of one item: the combined decision and each rule's own."""
    each = {n: ATURAN[n][0](bahan) for n in nama}
    parts = list(each.values())
    temuan = [k.temuan for k in parts if not k.temuan.empty]
    combined = Keputusan(
        gabung_hasil([k.hasil for k in parts]),
        " ".join(k.langkah for k in parts),
        pd.DataFrame(),
        " ".join(k.catatan for k in parts if k.catatan),
        pd.concat(temuan, ignore_index=True) if temuan else parts[0].temuan.iloc[0:0])
    return combined, each
