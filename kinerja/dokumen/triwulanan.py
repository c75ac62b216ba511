"""The laporan kinerja triwulanan: capaian of sasaran and indicators to the end of a quarter, the
path quarter by quarter, the budget absorbed, the problems met and what is done about them,
due 20 days after the quarter (:data:`kinerja.core.jadwal.BATAS_TRIWULAN_HARI`).

Every number comes from the one definition of a period's capaian
(:func:`kinerja.analisis.dari_store.capaian_kumulatif` to the quarter's last month) and the one
aggregation rule (:func:`kinerja.analisis.dari_store.per_triwulan`), so the quarterly report,
the CRAAPK of the same month and the dashboard never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.dokumen import narasi
from kinerja.core.anggaran import keterangan_pagu
from kinerja.core.jadwal import BATAS_TRIWULAN_HARI
from kinerja.core.formatting import ROMAWI_TRIWULAN, format_tanggal
from kinerja.analisis.kepatuhan import batas_triwulan, kepatuhan, kepatuhan_triwulan, status_teks
from kinerja.dokumen.bagian import narasi_tercapai, tanda_ragu
from kinerja.dokumen.pengesahan import TandaTangan, tanda_tangan
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.store.store import Store
from kinerja.render.tabel import Tabel

__all__ = ["LaporanTriwulanan", "triwulanan"]


@dataclass
class LaporanTriwulanan:
    """Everything the quarterly report shows for one unit and quarter."""

    unit: dict
    tahun: int
    triwulan: int
    skala: SkalaPredikat
    kumulatif: pd.DataFrame
    triwulanan: pd.DataFrame
    anggaran: pd.DataFrame
    masalah: list[str]
    kepatuhan: pd.DataFrame
    units: pd.DataFrame = field(repr=False)

    @property
    def periode(self) -> str:
        return f"Triwulan {ROMAWI_TRIWULAN[self.triwulan - 1]} Tahun {self.tahun}"

    @property
    def batas(self) -> str:
        return format_tanggal(batas_triwulan(self.tahun, self.triwulan))

    def pengantar(self) -> str:
        """What the report covers and when it is due."""
        quarterly = "periode_data" in self.kumulatif and (self.kumulatif["periode_data"] == "triwulan").any()
        dasar = "triwulan" if quarterly else "bulan"
        return (f"Laporan kinerja {self.periode} {self.unit['nama']} menyajikan capaian sasaran dan indikator "
                f"kinerja sampai akhir triwulan (dari data per {dasar}), perkembangan per triwulan, penyerapan "
                f"anggaran, permasalahan dan tindak lanjutnya. Laporan disampaikan paling lama "
                f"{BATAS_TRIWULAN_HARI} hari setelah triwulan berakhir, yaitu {self.batas}.")

    def tabel_capaian(self) -> Tabel:
        from kinerja.dokumen.bagian import tabel_capaian_periode

        return tabel_capaian_periode(self.kumulatif, self.skala, f"Capaian kinerja sampai akhir {self.periode}",
                                     tahun_penuh=self.triwulan == 4)

    def tabel_triwulan(self) -> Tabel | None:
        t = self.triwulanan
        if t.empty:
            return None
        # Targets and realisasi as written where they are not a number (a range, a grade).
        t = t.assign(ragu=t["ragu"].astype(bool)) if "ragu" in t else t.assign(ragu=False)
        wide = t.drop_duplicates(["indikator", "periode"]).set_index(["indikator", "periode"])[
            ["target", "realisasi", "capaian", "ragu"]].unstack("periode")
        order = t.drop_duplicates("indikator")["indikator"]
        shown = pd.DataFrame({"Indikator Kinerja": order.to_numpy()})
        fmt, tanda = {}, {}
        for q in range(1, self.triwulan + 1):
            tw = ROMAWI_TRIWULAN[q - 1]
            ragu = wide[("ragu", q)].reindex(order) if ("ragu", q) in wide else pd.Series(False, index=order)
            for part, label in (("target", "Target"), ("realisasi", "Realisasi"), ("capaian", "Capaian (%)")):
                col = f"{label} TW {tw}"
                shown[col] = wide[(part, q)].reindex(order).to_numpy() if (part, q) in wide else np.nan
                fmt[col] = "angka" if part == "capaian" else "nilai"
                if part != "target":  # the quarter's value to verify (kinerja.core.kewajaran), marked
                    tanda |= tanda_ragu(ragu, col)
        return Tabel(shown, fmt, judul="Perkembangan per triwulan", tanda=tanda)

    def tabel_anggaran(self) -> Tabel | None:
        a = self.anggaran
        if a.empty:
            return None
        at = a[a["bulan"] == 3 * self.triwulan]
        shown = pd.DataFrame({"Program": at["program"], "Pagu": at["pagu"],
                              "Realisasi s.d. Triwulan": at["realisasi_kumulatif"],
                              "Penyerapan (%)": at["penyerapan_kumulatif"],
                              "Rencana Penyerapan (%)": at["rencana_penyerapan_kumulatif"]})
        return Tabel(shown, {"Pagu": "rupiah", "Realisasi s.d. Triwulan": "rupiah", "Penyerapan (%)": "angka",
                             "Rencana Penyerapan (%)": "angka"},
                     judul="Penyerapan anggaran sampai akhir triwulan" + keterangan_pagu(at.get("tahap_pagu", [])))

    def penyampaian(self) -> list[str]:
        return [status_teks(r) for _, r in self.kepatuhan.iterrows()]

    def tanda_tangan(self) -> TandaTangan:
        return tanda_tangan(self.units, self.unit, self.tahun)


def triwulanan(store: Store, unit: str, tahun: int, bulan: int,
                       skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanTriwulanan:
    """The laporan kinerja triwulanan of ``unit`` for the last quarter complete at month
    ``bulan``: capaian to the quarter's end, quarter by quarter, budget absorbed, problems
    met and follow-up.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit.
    tahun : int
        The year.
    bulan : int
        The month of the run; the report covers the last quarter complete at it.
    skala : str or SkalaPredikat, default "permendagri-86-2017"
        The predikat scale.

    Returns
    -------
    LaporanTriwulanan
        Its tables, ``periode``, ``pengantar()`` and signature block.

    Raises
    ------
    KinerjaError
        No quarter is complete at ``bulan``, or the unit is unknown.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.triwulanan(store_contoh(), "dinkes", 2026, 9)
    >>> lap.periode
    'Triwulan III Tahun 2026'
    """
    from kinerja.dokumen.evaluasi_renja import triwulan_laporan
    from kinerja.dokumen.bagian import _subjek, _unit

    units, info = _unit(store, unit)
    q = triwulan_laporan(bulan)
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    kum = analisis.capaian_kumulatif(store, unit, tahun, 3 * q, scale)
    if kum.empty:
        from kinerja.core.errors import KinerjaError

        raise KinerjaError(f"{info['nama']} belum memiliki Perjanjian Kinerja atau Evaluasi Renja tahun {tahun}; "
                           "laporan triwulanan tidak dapat disusun")
    bulanan = analisis.tabel_bulanan(store, unit, tahun)
    quarters = analisis.per_triwulan(bulanan, q, tahun)
    money = analisis.anggaran_program(store, unit, tahun)
    problems = _permasalahan(kum, _subjek(info))
    quarterly = _penyampaian(store, unit, info, tahun, q)
    return LaporanTriwulanan(info, tahun, q, scale, kum, quarters, money, problems, quarterly, units)


def _permasalahan(kum: pd.DataFrame, subjek: str) -> list[str]:
    """The problems met: per indicator, the causes the unit wrote or its missed target, the
    number to verify and the months not reported; a sentence saying so when there is none."""
    problems = []
    if not kum.empty:
        for _, row in kum.iterrows():
            notes = row["keterangan"] if isinstance(row["keterangan"], list) else []
            met = narasi_tercapai(row)  # a value to verify is not judged
            if notes or met is False:
                problems.append(narasi.kalimat_sebab(row["indikator"], notes, met, subjek, ragu=bool(row.get("ragu"))))
            if row.get("ragu"):
                problems.append(narasi.kalimat_verifikasi(row["indikator"], row["verifikasi"]))
            if row["bulan_kosong"]:
                problems.append(narasi.kalimat_kosong(row["indikator"], row["bulan_kosong"],
                                                      row["keterangan_kosong"], subjek,
                                                      triwulan=row.get("periode_data") == "triwulan"))
    if not problems:
        problems = ["Tidak ada permasalahan yang dilaporkan dan seluruh target periode tercapai."]
    return problems


def _penyampaian(store: Store, unit: str, info: dict, tahun: int, q: int) -> pd.DataFrame:
    """When the unit's reports of quarter ``q`` came in: its quarterly reports, or, for a
    unit that reports monthly, its CRAAPK of the quarter's months (none for a pejabat)."""
    if info["jenis"] in ("kabupaten", "perangkat_daerah"):
        quarterly = kepatuhan_triwulan(store, tahun, q, unit)
        if (quarterly["status"] == "belum menyampaikan").all():  # reports monthly: its CRAAPK of the months
            quarterly = kepatuhan(store, tahun, [3 * q - 2, 3 * q - 1, 3 * q], unit)
    else:
        quarterly = pd.DataFrame()
    return quarterly
