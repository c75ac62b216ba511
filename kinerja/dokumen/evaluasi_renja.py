"""The Evaluasi terhadap Hasil Renja Perangkat Daerah (Permendagri Nomor 86 Tahun 2017) and,
at kabupaten level, the Evaluasi terhadap Hasil RKPD as a document: the quarter reported, its
title, the form as one table (K and Rp side by side under the header texts the workbook has),
the Catatan printed after the signature block and the signed workbook. The rows are built in :mod:`kinerja.dokumen.evaluasi_renja_tabel`, the workbook is
written by :mod:`kinerja.dokumen.evaluasi_renja_xlsx`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.formatting import ROMAWI_TRIWULAN
from kinerja.core.kosakata import TANDA_VERIFIKASI
from kinerja.dokumen.evaluasi_renja_tabel import KOLOM_FORM, RUMUS_KOLOM, judul_kolom, tabel_evaluasi_renja
from kinerja.dokumen.pengesahan import TandaTangan, tanda_tangan
from kinerja.store.store import Store
from kinerja.render.tabel import Tabel

__all__ = ["LaporanEvaluasiRenja", "evaluasi_renja", "triwulan_laporan"]


def judul_evaluasi(tingkat: str) -> str:
    """The form's title by level: the RKPD evaluation for the kabupaten."""
    return ("Evaluasi terhadap Hasil RKPD" if tingkat == "kabupaten"
            else "Evaluasi terhadap Hasil Renja Perangkat Daerah")


def triwulan_laporan(bulan: int) -> int:
    """The last complete quarter at the end of month ``bulan``; an Indonesian error before
    the first quarter is over.

    Examples
    --------
    >>> triwulan_laporan(9), triwulan_laporan(8), triwulan_laporan(12)
    (3, 2, 4)
    """
    from kinerja.core.errors import KinerjaError

    if int(bulan) < 3:
        raise KinerjaError("evaluasi Renja disusun per triwulan: belum ada triwulan yang berakhir sebelum Maret")
    return int(bulan) // 3


@dataclass
class LaporanEvaluasiRenja:
    """Everything the Evaluasi Renja / RKPD notebook shows for one unit and quarter."""

    unit: dict
    tahun: int
    triwulan: int
    tabel: pd.DataFrame
    units: pd.DataFrame = field(repr=False)

    @property
    def judul(self) -> str:
        return judul_evaluasi(self.unit["jenis"])

    @property
    def periode(self) -> str:
        return f"Triwulan {ROMAWI_TRIWULAN[self.triwulan - 1]} Tahun {self.tahun}"

    @property
    def kolom(self) -> dict[int, str]:
        """The header texts of columns (1)…(15) at this level (the workbook's and the document's)."""
        return judul_kolom(self.unit["jenis"])

    @property
    def rencana(self) -> str:
        """The five-year plan the form measures against: the RPJMD for the kabupaten."""
        return "RPJMD" if self.unit["jenis"] == "kabupaten" else "Renstra"

    def catatan(self) -> list[str]:
        """The Catatan printed after the signature block: the numbers' source and the agregasi
        rule for (13)/(14), the quarters not reported, values to verify and a program's money
        written once for the indicators it serves."""
        t = self.tabel
        if t.empty:
            return ["Belum ada data kinerja unit ini untuk tahun tersebut."]
        notes = [("Data dari Evaluasi Renja yang disampaikan; " if (t["sumber"] == "impor").any()
                  else "Data dari formulir PK, RAAPK dan CRAAPK; triwulan digabung dari bulan; ")
                 + "kolom (13) dihitung dari Januari sampai akhir triwulan menurut agregasi indikator (jumlah "
                 "dijumlahkan, akhir memakai nilai terakhir, rata-rata dirata-ratakan, rasio dari jumlah pembilang "
                 "dan penyebut, maks/min nilai terbesar/terkecil), sama dengan capaian pada dokumen lain; kolom (7) "
                 f"dan (14) hanya memuat tahun-tahun dalam periode {self.rencana} dan hanya indikator jumlah yang "
                 "dijumlahkan antartahun."]
        quarters = t[[f"k{8 + q}" for q in range(1, self.triwulan + 1)]]
        missing = quarters.isna() & t["k8"].notna().to_numpy()[:, None]
        for q in range(1, self.triwulan + 1):
            n = int(missing.iloc[:, q - 1].sum())
            if n:
                notes.append(f"Triwulan {ROMAWI_TRIWULAN[q - 1]}: {n} indikator belum dilaporkan (kolom kosong, "
                             "tidak dihitung nol).")
        from kinerja.core.kewajaran import di_luar_batas, muat_kewajaran

        marked = t[[c for c in t.columns if c.startswith("ragu_k")]].any(axis=1)
        if marked.any():  # the values marked in the tables (the one flag every document carries)
            names = ", ".join(f"no. {n}" for n in t.loc[marked, "no"])
            notes.append(f"Perlu diverifikasi: realisasi bertanda {TANDA_VERIFIKASI} pada {int(marked.sum())} indikator "
                         f"({names}); angka ditampilkan apa adanya dan tidak dipakai sebagai prestasi.")
        for col, real, label in (("capaian_tahun", "k13", "capaian tahun berjalan (13 terhadap 8)"),
                                 ("k15", "k14", f"tingkat capaian {self.rencana} (15)")):
            bad = di_luar_batas(t[col], pd.to_numeric(t[real], errors="coerce"), muat_kewajaran()) & ~marked
            if bad.any():
                names = ", ".join(f"no. {n}" for n in t.loc[bad, "no"])
                notes.append(f"Perlu diverifikasi: {label} di luar batas kewajaran pada {int(bad.sum())} indikator "
                             f"({names}); angka ditampilkan apa adanya dan tidak dipakai sebagai prestasi.")
        notes += self._catatan_program()
        if not self.sumber().empty:
            notes.append("Sumber setiap angka kolom (6)–(12), termasuk angka yang perlu diverifikasi: berkas dan sel "
                         "asalnya pada lampiran Sumber angka.")
        return notes

    def _catatan_program(self) -> list[str]:
        """One sentence on the programs linked to several indicators: their money is written on
        the first of their rows only, and so summed once."""
        t = self.tabel
        if "program_anggaran" not in t:
            return []
        unit = t["unit_kode"] if "unit_kode" in t else pd.Series("", index=t.index)
        rows = pd.DataFrame({"unit": unit, "no": t["no"], "program": t["uraian"].fillna("").str.split("; "),
                             "dibawa": t["program_anggaran"].fillna("").str.split("; ")}).explode("program")
        rows = rows[rows["program"] != ""]
        parts = []
        for (_, program), g in rows.groupby(["unit", "program"], sort=False):
            carrier = g[[program in d for d in g["dibawa"]]]
            others = [str(int(n)) for n in g["no"] if carrier.empty or n != carrier["no"].iloc[0]]
            if not carrier.empty and others:
                parts.append(f"no. {', '.join(others)} pada no. {int(carrier['no'].iloc[0])}")
        if not parts:
            return []
        return ["Pagu dan realisasi anggaran program yang mendukung beberapa indikator dicantumkan dan "
                "dijumlahkan sekali, pada baris pertama program itu (" + "; ".join(parts) + ")."]

    def catatan_penyusun(self) -> list[str]:
        """What the compiler checks before signing, shown in the notebook and not in the document:
        polarity or agregasi that were guessed when imported."""
        guessed = self.unit_meta_guessed()
        return [f"{guessed} indikator: polaritas/agregasi ditebak dari nama dan satuan "
                "(parameters/polaritas.yaml); periksa."] if guessed else []

    def unit_meta_guessed(self) -> int:
        """Indicators whose polarity or agregasi was guessed when imported (noted in definisi)."""
        return int(self.tabel["definisi"].fillna("").str.contains("ditebak").sum()) if "definisi" in self.tabel else 0

    def _identitas(self) -> pd.DataFrame:
        """Columns (1)–(5) as printed: the perangkat daerah before its sasaran in the RKPD
        evaluation, a sasaran (and a program) written once for its run of rows of one unit."""
        data = self.tabel[["no", "sasaran", "uraian", "indikator", "satuan"]].copy()
        if self.tabel["perangkat_daerah"].astype(bool).any():  # the RKPD evaluation: whose row it is
            data["sasaran"] = np.where(self.tabel["perangkat_daerah"].astype(bool),
                                       self.tabel["perangkat_daerah"] + ": " + self.tabel["sasaran"].fillna(""),
                                       self.tabel["sasaran"].fillna(""))
        # As the form merges them; a row of another perangkat daerah starts its own run whatever its text.
        unit = self.tabel["unit_kode"] if "unit_kode" in self.tabel else pd.Series("", index=self.tabel.index)
        for col in ("sasaran", "uraian"):
            same = data[col].eq(data[col].shift()) & unit.eq(unit.shift())
            data[col] = data[col].where(~same, "")
        return data

    def tabel_formulir(self) -> Tabel:
        """The form as the regulation prints it and the workbook holds it: columns (1)–(5), then K
        and Rp side by side under each of (6)–(15), with the header texts of :attr:`kolom`. A
        target or realisasi that is not a number (3±1, 60–85, WTP) as written."""
        head, ident = self.kolom, self._identitas()
        data = pd.DataFrame({(head[n], ""): ident[c].to_numpy() for n, c in enumerate(ident.columns, 1)})
        fmt = {(head[1], ""): "bulat"}
        nomor = [f"({n})" for n in range(1, 6)]
        for n in KOLOM_FORM:
            data[(head[n], "K")] = self.tabel[f"k{n}"].to_numpy()
            data[(head[n], "Rp")] = self.tabel[f"rp{n}"].to_numpy()
            fmt |= {(head[n], "K"): "angka" if n == 15 else "nilai", (head[n], "Rp"): "angka" if n == 15 else "rupiah"}
            nomor += [RUMUS_KOLOM.get(n, f"({n})")] * 2
        data.columns = pd.MultiIndex.from_tuples(data.columns)
        marks = {(head[n], "K"): self.tabel[f"ragu_k{n}"].astype(bool).tolist() for n in KOLOM_FORM
                 if f"ragu_k{n}" in self.tabel}  # values to verify, marked as in every document
        return Tabel(data, fmt, judul=f"{self.judul}, {self.periode}", nomor=nomor, tanda=marks or None)

    def sumber(self) -> pd.DataFrame:
        """Lampiran: where each number of columns (6)–(12) was read, for values imported from a
        file (``kinerja impor``): No, Indikator, Kolom, Nilai and Sumber ("berkas.xlsx,
        Lembar!F12"; a sum names its cells). Columns (13)–(15) are computed from these. Empty
        when the store knows no cell (kinerja's own formulir, or loaded before schema 8)."""
        cols = [c for c in self.tabel.columns if c.startswith("sumber_")]
        head = ["No", "Indikator", "Kolom", "Nilai", "Sumber"]
        if not cols:
            return pd.DataFrame(columns=head)
        long = self.tabel.melt(id_vars=["no", "indikator"], value_vars=cols, var_name="kolom", value_name="_asal")
        long = long[long["_asal"].notna()]
        col = long["kolom"].str.removeprefix("sumber_")
        nilai = [self.tabel.loc[self.tabel["no"] == n, c].iloc[0] for n, c in zip(long["no"], col)]
        n = col.str.extract(r"(\d+)")[0].astype(int)
        out = pd.DataFrame({"No": long["no"], "Indikator": long["indikator"],
                            "Kolom": "(" + n.astype(str) + ") " + np.where(col.str.startswith("k"), "K", "Rp"),
                            "Nilai": nilai, "Sumber": long["_asal"], "_n": n, "_rp": col.str.startswith("rp")})
        return out.sort_values(["No", "_n", "_rp"], kind="stable").drop(columns=["_n", "_rp"]).reset_index(drop=True)

    def tabel_sumber(self) -> Tabel:
        """:meth:`sumber` as a lampiran table (the signed tables stay as the regulation has them)."""
        return Tabel(self.sumber(), {"No": "bulat", "Nilai": "angka"},
                     judul=f"Lampiran: sumber angka {self.judul}, {self.periode}")

    def tanda_tangan(self) -> TandaTangan:
        return tanda_tangan(self.units, self.unit, self.tahun)

    def simpan(self, folder) -> list[Path]:
        """The form as .xlsx (regulation layout, signature block) in ``folder``, with the
        lampiran of sources (:meth:`sumber`) on a sheet of its own when there are any."""
        from kinerja.dokumen.evaluasi_renja_xlsx import tulis_evaluasi_renja_xlsx  # openpyxl only when writing

        path = Path(folder) / "evaluasi-renja.xlsx"
        tulis_evaluasi_renja_xlsx(self.tabel, path, judul=self.judul, unit_nama=self.unit["nama"], tahun=self.tahun,
                                  triwulan=self.triwulan, ttd=self.tanda_tangan(), sumber=self.sumber(),
                                  kolom=self.kolom)
        return [path]


def evaluasi_renja(store: Store, unit: str, tahun: int, bulan: int) -> LaporanEvaluasiRenja:
    """The Evaluasi terhadap Hasil Renja (perangkat daerah) or Hasil RKPD (kabupaten) in the
    layout of Permendagri Nomor 86 Tahun 2017, for the last quarter complete at ``bulan``.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit.
    tahun : int
        The year.
    bulan : int
        The month of the run; the form covers the quarters complete at it.

    Returns
    -------
    LaporanEvaluasiRenja
        The form's rows with the regulation's column numbers, ``judul``, ``periode``,
        ``catatan()`` and the regulation-layout workbook (``simpan``).

    Raises
    ------
    KinerjaError
        No quarter is complete at ``bulan``, or the unit is unknown.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> ev = kinerja.evaluasi_renja(store_contoh(), "dinkes", 2026, 9)
    >>> ev.judul
    'Evaluasi terhadap Hasil Renja Perangkat Daerah'
    """
    from kinerja.dokumen.bagian import _unit

    from kinerja.core.errors import KinerjaError

    units, info = _unit(store, unit)
    q = triwulan_laporan(bulan)
    tabel = tabel_evaluasi_renja(store, unit, tahun, q)
    if tabel.empty:
        raise KinerjaError(f"{info['nama']} belum memiliki Perjanjian Kinerja atau Evaluasi Renja tahun {tahun}; "
                           f"{judul_evaluasi(info['jenis'])} tidak dapat disusun")
    return LaporanEvaluasiRenja(info, tahun, q, tabel, units)
