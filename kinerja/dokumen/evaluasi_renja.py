"""The Evaluasi terhadap Hasil Renja Perangkat Daerah form (Permendagri Nomor 86 Tahun 2017)
and, at kabupaten level, the Evaluasi terhadap Hasil RKPD, built from the store for a
quarter: the one layout of columns (1)…(15) with K and Rp, filled per agregasi.

Where the unit's data came from a Renja evaluation (``kinerja impor``) its rows are its
programs, kegiatan and sub kegiatan with their indicators; where it came from kinerja's own
formulir, its rows are the PK indicators under their sasaran and the programs the RAAPK
links to them, quarters aggregated from the months. Either way:

* (9)–(12) the quarters' realisasi (K) and realisasi anggaran (Rp), up to the quarter;
* (13) the year so far **by the indicator's agregasi** (Σ for jumlah, the last quarter for
  akhir), where the regulation's printed formula sums the quarters;
* (14) for jumlah (7) + (13); for akhir (13) itself (a percentage is not added across years);
* (15) capaian of (14) against the Renstra end target (6), polarity respected; Rp: (14)/(6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.analisis import dari_store as analisis
from kinerja.core.anggaran import penyerapan
from kinerja.core.capaian import hitung_capaian
from kinerja.core.formatting import ROMAWI_TRIWULAN
from kinerja.dokumen.pengesahan import TandaTangan, tanda_tangan
from kinerja.store.store import Store
from kinerja.render.tabel import Tabel

__all__ = ["KOLOM_FORM", "JUDUL_KOLOM", "LaporanEvaluasiRenja", "evaluasi_renja", "renstra_sampai",
           "tabel_evaluasi_renja", "triwulan_laporan", "tulis_evaluasi_renja_xlsx"]

# The numbered columns (6)…(15) of the form, each with K and Rp.
KOLOM_FORM = tuple(range(6, 16))
JUDUL_KOLOM = {
    1: "No", 2: "Sasaran", 3: "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    4: "Indikator Kinerja Program (Outcome)/Kegiatan (Output)", 5: "Satuan",
    6: "Target Renstra Perangkat Daerah pada Akhir Periode Renstra",
    7: "Realisasi Capaian Kinerja Renstra Perangkat Daerah s.d. Renja Tahun Lalu",
    8: "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan",
    9: "Realisasi Kinerja pada Triwulan I", 10: "Realisasi Kinerja pada Triwulan II",
    11: "Realisasi Kinerja pada Triwulan III", 12: "Realisasi Kinerja pada Triwulan IV",
    13: "Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi",
    14: "Realisasi Kinerja dan Anggaran Renstra s.d. Tahun Berjalan",
    15: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s.d. Tahun Berjalan (%)",
}
_SUM_LIKE = ("jumlah",)


def renstra_sampai(lalu: pd.Series, kini: pd.Series, agregasi: pd.Series) -> pd.Series:
    """Column (14): the Renstra realisasi up to this year. Summed indicators add this year's
    (13) to the earlier years' (7); an indicator measured at a point (akhir, rata-rata…)
    is this year's value, never a sum of percentages.

    Examples
    --------
    >>> renstra_sampai(pd.Series([3.0, 100.0]), pd.Series([4.0, 100.0]), pd.Series(["jumlah", "akhir"])).tolist()
    [7.0, 100.0]
    """
    summed = agregasi.isin(_SUM_LIKE)
    total = lalu.fillna(0) + kini.fillna(0)
    total = total.where(lalu.notna() | kini.notna())
    return total.where(summed, kini)


def _dari_impor(store: Store, unit: str, tahun: int, triwulan: int, meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta[meta["tingkat"].notna()]
    target = store.current("target", unit_kode=unit, dokumen="renja", tahun=tahun)
    real = store.current("realisasi", unit_kode=unit, tahun=tahun)
    real = real[(real["periode"] == "triwulan") & (real["bulan"] <= 3 * triwulan)]
    money = store.current("anggaran", unit_kode=unit, dokumen="renja", tahun=tahun)
    out = meta.rename(columns={"kode": "indikator_kode", "nama": "indikator"})[
        ["indikator_kode", "sasaran", "tingkat", "uraian", "indikator", "satuan", "polaritas", "agregasi",
         "definisi"]].copy()
    idx = out["indikator_kode"]
    for jenis, col in (("akhir_periode", "k6"), ("realisasi_lalu", "k7"), ("tahunan", "k8")):
        values = target[target["jenis"] == jenis].drop_duplicates("indikator_kode").set_index("indikator_kode")["nilai"]
        out[col] = idx.map(values).astype("float64")
    for jenis, col in (("pagu_renstra", "rp6"), ("realisasi_lalu", "rp7"), ("pagu", "rp8")):
        values = money[(money["jenis"] == jenis) & money["indikator_kode"].notna()].groupby("indikator_kode")["nilai"].sum()
        out[col] = idx.map(values).astype("float64")
    for q in range(1, 5):
        k = real[real["bulan"] == 3 * q].drop_duplicates("indikator_kode").set_index("indikator_kode")["nilai"]
        rp = money[(money["jenis"] == "realisasi") & (money["bulan"] == 3 * q) & money["indikator_kode"].notna()]
        out[f"k{8 + q}"] = idx.map(k).astype("float64") if q <= triwulan else np.nan
        out[f"rp{8 + q}"] = idx.map(rp.groupby("indikator_kode")["nilai"].sum()).astype("float64") if q <= triwulan else np.nan
    return out


def _dari_formulir(store: Store, unit: str, tahun: int, triwulan: int) -> pd.DataFrame:
    tabel = analisis.tabel_bulanan(store, unit, tahun)
    if tabel.empty:
        return pd.DataFrame()
    quarters = analisis.per_triwulan(tabel, triwulan)
    first = tabel.drop_duplicates("indikator_kode").set_index("indikator_kode")
    programs = tabel.dropna(subset=["program"]).groupby("indikator_kode")["program"].agg(
        lambda v: "; ".join(dict.fromkeys(v)))
    out = pd.DataFrame({"indikator_kode": first.index})
    idx = out["indikator_kode"]
    for col in ("sasaran", "indikator", "satuan", "polaritas", "agregasi"):
        out[col] = idx.map(first[col]).to_numpy()
    out["tingkat"] = "sasaran"
    out["uraian"] = idx.map(programs).fillna("")
    out["k8"] = idx.map(first["target_tahunan_nilai"]).astype("float64")
    hist = analisis.riwayat(store, unit)
    end = hist.drop_duplicates("indikator_kode").set_index("indikator_kode")["target_akhir_nilai"] if not hist.empty else pd.Series(dtype=float)
    out["k6"] = idx.map(end).astype("float64")
    before = hist[(hist["tahun"] < tahun) & hist["realisasi_nilai"].notna()] if not hist.empty else hist
    if not before.empty:
        before = before.sort_values("tahun")
        summed = before.groupby("indikator_kode")["realisasi_nilai"].sum()
        last = before.groupby("indikator_kode")["realisasi_nilai"].last()
        out["k7"] = np.where(out["agregasi"].isin(_SUM_LIKE), idx.map(summed), idx.map(last)).astype("float64")
    else:
        out["k7"] = np.nan
    money = analisis.anggaran_program(store, unit, tahun)
    for q in range(1, 5):
        k = quarters[quarters["periode"] == q].set_index("indikator_kode")["realisasi"]
        out[f"k{8 + q}"] = idx.map(k).astype("float64") if q <= triwulan else np.nan
    out["rp6"] = out["rp7"] = np.nan
    if not money.empty:
        money = money.assign(triwulan=(money["bulan"] - 1) // 3 + 1)
        links = tabel.dropna(subset=["program"])[["indikator_kode", "program"]].drop_duplicates()
        per = money.merge(links, on="program")
        pagu = per.drop_duplicates(["indikator_kode", "program"]).groupby("indikator_kode")["pagu"].sum()
        out["rp8"] = idx.map(pagu).astype("float64")
        for q in range(1, 5):
            rp = per[per["triwulan"] == q].groupby("indikator_kode")["realisasi_anggaran"].sum(min_count=1)
            out[f"rp{8 + q}"] = idx.map(rp).astype("float64") if q <= triwulan else np.nan
    else:
        for c in ("rp8", "rp9", "rp10", "rp11", "rp12"):
            out[c] = np.nan
    return out


def tabel_evaluasi_renja(store: Store, unit: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The form's rows for ``unit`` to quarter ``triwulan``: identifying columns, ``k6``…``k15``
    and ``rp6``…``rp15`` (see the module docstring), ``sumber`` (``impor`` or ``formulir``).

    Examples
    --------
    >>> from kinerja.contoh.store import store_contoh
    >>> t = tabel_evaluasi_renja(store_contoh(), "dinkes", 2026, 3)
    >>> t[["indikator", "agregasi", "k8", "k13"]].head(2).round(2).values.tolist()
    [['Angka kematian ibu', 'jumlah', 8.0, 6.0], ['Persentase balita stunting', 'akhir', 18.2, 17.89]]
    """
    if not 1 <= int(triwulan) <= 4:
        raise ValueError("triwulan harus 1–4")
    units = store.current("unit")
    own = units[units["kode"] == unit]
    if not own.empty and own.iloc[0]["jenis"] == "kabupaten":
        # The RKPD evaluation: the kabupaten's own indicators, then every perangkat daerah's rows.
        parts = [_satu_unit(store, unit, tahun, triwulan).assign(perangkat_daerah="")]
        for _, pd_row in units[(units["jenis"] == "perangkat_daerah") & (units["induk"] == unit)].iterrows():
            parts.append(_satu_unit(store, pd_row["kode"], tahun, triwulan).assign(perangkat_daerah=pd_row["nama"]))
        parts = [p for p in parts if not p.empty]
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    else:
        out = _satu_unit(store, unit, tahun, triwulan)
        if not out.empty:
            out["perangkat_daerah"] = ""
    if out.empty:
        return out
    out.insert(0, "no", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def _satu_unit(store: Store, unit: str, tahun: int, triwulan: int) -> pd.DataFrame:
    meta = store.current("indikator", unit_kode=unit)
    pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
    imported = pk.empty and not meta.empty and meta["tingkat"].notna().any()
    out = _dari_impor(store, unit, tahun, triwulan, meta) if imported else _dari_formulir(store, unit, tahun, triwulan)
    if out.empty:
        return out
    out["sumber"] = "impor" if imported else "formulir"
    quarters = out[[f"k{8 + q}" for q in range(1, 5)]]
    last = quarters.ffill(axis=1).iloc[:, -1]
    out["k13"] = np.where(out["agregasi"].isin(_SUM_LIKE), quarters.sum(axis=1, min_count=1), last)
    out["rp13"] = out[[f"rp{8 + q}" for q in range(1, 5)]].sum(axis=1, min_count=1)
    out["k14"] = renstra_sampai(out["k7"], out["k13"], out["agregasi"])
    out["rp14"] = renstra_sampai(out["rp7"], out["rp13"], pd.Series("jumlah", index=out.index))
    out["k15"] = hitung_capaian(pd.DataFrame({"target": out["k6"], "realisasi": out["k14"],
                                              "polaritas": out["polaritas"]}))["capaian"].to_numpy()
    out["rp15"] = penyerapan(out["rp14"], out["rp6"])
    out["capaian_tahun"] = hitung_capaian(pd.DataFrame({"target": out["k8"], "realisasi": out["k13"],
                                                        "polaritas": out["polaritas"]}))["capaian"].to_numpy()
    out["penyerapan_tahun"] = penyerapan(out["rp13"], out["rp8"])
    return out.reset_index(drop=True)


def judul_evaluasi(tingkat: str) -> str:
    """The form's title by level: the RKPD evaluation for the kabupaten."""
    return ("Evaluasi terhadap Hasil RKPD" if tingkat == "kabupaten"
            else "Evaluasi terhadap Hasil Renja Perangkat Daerah")


def tulis_evaluasi_renja_xlsx(tabel: pd.DataFrame, path, *, judul: str, unit_nama: str, tahun: int,
                              triwulan: int, ttd=None) -> None:
    """Write the form in the regulation's layout: title, merged header, the numbering row
    (1)…(15), the K/Rp row, the rows and the signature block; text never a formula.

    The file reads back with ``kinerja impor`` (round trip)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from kinerja.core.berkas import netralkan_rumus
    from kinerja.core.berkas import tulis_atomik

    def write(tmp) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = f"Evaluasi TW {ROMAWI_TRIWULAN[triwulan - 1]}"
        ncol = 5 + 2 * len(KOLOM_FORM)
        for r, text in enumerate((judul, unit_nama, f"Triwulan {ROMAWI_TRIWULAN[triwulan - 1]} Tahun {tahun}"), 1):
            ws.cell(r, 1, text).font = Font(bold=True, size=12)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
            ws.cell(r, 1).alignment = Alignment(horizontal="center")
        head, nomor, label = 5, 7, 8
        thin = Side(style="thin")
        for n in range(1, 6):
            ws.cell(head, n, JUDUL_KOLOM[n])
            ws.merge_cells(start_row=head, start_column=n, end_row=head + 1, end_column=n)
            ws.cell(nomor, n, n)
        for i, n in enumerate(KOLOM_FORM):
            c = 6 + 2 * i
            ws.cell(head, c, JUDUL_KOLOM[n])
            ws.merge_cells(start_row=head, start_column=c, end_row=head + 1, end_column=c + 1)
            ws.cell(nomor, c, {13: "13 = 9+10+11+12 (menurut agregasi)", 14: "14 = 7 + 13 (menurut agregasi)",
                               15: "15 = 14 / 6 x 100"}.get(n, n))
            ws.merge_cells(start_row=nomor, start_column=c, end_row=nomor, end_column=c + 1)
            ws.cell(label, c, "K")
            ws.cell(label, c + 1, "Rp")
        r = label + 1
        current = ""
        for row in tabel.itertuples(index=False):
            rec = row._asdict()
            if rec.get("perangkat_daerah") and rec["perangkat_daerah"] != current:
                current = rec["perangkat_daerah"]
                ws.cell(r, 2, f"Perangkat Daerah : {current}").font = Font(bold=True)
                r += 1
            values = [rec["no"], rec.get("sasaran"), rec.get("uraian"), rec.get("indikator"), rec.get("satuan")]
            for n in KOLOM_FORM:
                values += [rec.get(f"k{n}"), rec.get(f"rp{n}")]
            for j, v in enumerate(values, 1):
                cell = ws.cell(r, j, None if (not isinstance(v, str) and pd.isna(v)) else v)
                if j > 5 and cell.value is not None:
                    cell.number_format = "#,##0" if (j - 6) % 2 else "#,##0.00"
            r += 1
        for row in ws.iter_rows(min_row=head, max_row=r - 1, max_col=ncol):
            for cell in row:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for j, width in enumerate([5, 28, 36, 36, 10] + [14] * (2 * len(KOLOM_FORM)), 1):
            ws.column_dimensions[get_column_letter(j)].width = width
        if ttd is not None:
            r += 2
            for line in ttd.blok[-1]:  # the unit head's column
                ws.cell(r, ncol - 6, line or None)
                r += 1
        netralkan_rumus(wb)
        ws.freeze_panes = ws.cell(label + 1, 6)
        wb.save(tmp)

    tulis_atomik(path, write)


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

    def catatan(self) -> list[str]:
        """What a reader must know about the numbers: their source, the agregasi rule for
        (13)/(14), the quarters not reported and polarity or agregasi that were guessed."""
        t = self.tabel
        if t.empty:
            return ["Belum ada data kinerja unit ini untuk tahun tersebut."]
        notes = [("Data dari Evaluasi Renja yang diimpor (kinerja impor); " if (t["sumber"] == "impor").any()
                  else "Data dari formulir PK, RAAPK dan CRAAPK; triwulan digabung dari bulan; ")
                 + "kolom (13) dan (14) dihitung menurut agregasi indikator: indikator jumlah dijumlahkan, "
                 "indikator persentase/indeks (akhir) memakai nilai triwulan terakhir dan tidak dijumlahkan "
                 "antartahun."]
        quarters = t[[f"k{8 + q}" for q in range(1, self.triwulan + 1)]]
        missing = quarters.isna() & t["k8"].notna().to_numpy()[:, None]
        for q in range(1, self.triwulan + 1):
            n = int(missing.iloc[:, q - 1].sum())
            if n:
                notes.append(f"Triwulan {ROMAWI_TRIWULAN[q - 1]}: {n} indikator belum dilaporkan (kolom kosong, "
                             "tidak dihitung nol).")
        from kinerja.core.kewajaran import di_luar_batas, muat_kewajaran

        for col, real, label in (("capaian_tahun", "k13", "capaian tahun berjalan (13 terhadap 8)"),
                                 ("k15", "k14", "tingkat capaian Renstra (15)")):
            bad = di_luar_batas(t[col], t[real], muat_kewajaran())
            if bad.any():
                names = ", ".join(f"no. {n}" for n in t.loc[bad, "no"])
                notes.append(f"Perlu diverifikasi: {label} di luar batas kewajaran pada {int(bad.sum())} indikator "
                             f"({names}); angka ditampilkan apa adanya dan tidak dipakai sebagai prestasi.")
        guessed = self.unit_meta_guessed()
        if guessed:
            notes.append(f"{guessed} indikator: polaritas/agregasi ditebak dari nama dan satuan "
                         "(parameters/polaritas.yaml); periksa.")
        return notes

    def unit_meta_guessed(self) -> int:
        """Indicators whose polarity or agregasi was guessed when imported (noted in definisi)."""
        return int(self.tabel["definisi"].fillna("").str.contains("ditebak").sum()) if "definisi" in self.tabel else 0

    def tabel_kinerja(self) -> Tabel:
        """Columns (1)–(5) and the K of (6)–(15)."""
        cols = {"no": "No", "sasaran": "Sasaran", "uraian": "Program/Kegiatan", "indikator": "Indikator",
                "satuan": "Satuan"} | {f"k{n}": f"({n}) K" for n in KOLOM_FORM}
        data = self.tabel[list(cols)].rename(columns=cols)
        if self.tabel["perangkat_daerah"].astype(bool).any():  # the RKPD evaluation: whose row it is
            data["Sasaran"] = np.where(self.tabel["perangkat_daerah"].astype(bool),
                                       self.tabel["perangkat_daerah"] + ": " + self.tabel["sasaran"].fillna(""),
                                       self.tabel["sasaran"].fillna(""))
        # As the form merges them: a sasaran (and a program) written once for its run of rows.
        for col in ("Sasaran", "Program/Kegiatan"):
            data[col] = data[col].where(data[col].ne(data[col].shift()), "")
        fmt = {f"({n}) K": "angka" for n in KOLOM_FORM} | {"No": "bulat"}
        return Tabel(data, fmt, judul=f"{self.judul}: kinerja (K), {self.periode}",
                     nomor=[f"({i})" for i in range(1, 6)] + [f"({n})" for n in KOLOM_FORM])

    def tabel_anggaran(self) -> Tabel:
        """Columns (1), (4) and the Rp of (6)–(15)."""
        cols = {"no": "No", "indikator": "Indikator"} | {f"rp{n}": f"({n}) Rp" for n in KOLOM_FORM}
        data = self.tabel[list(cols)].rename(columns=cols)
        fmt = {f"({n}) Rp": "rupiah" for n in KOLOM_FORM if n != 15} | {"(15) Rp": "persen", "No": "bulat"}
        return Tabel(data, fmt, judul=f"{self.judul}: anggaran (Rp), {self.periode}",
                     nomor=["(1)", "(4)"] + [f"({n})" for n in KOLOM_FORM])

    def tanda_tangan(self) -> TandaTangan:
        return tanda_tangan(self.units, self.unit, self.tahun)

    def simpan(self, folder) -> list[Path]:
        """The form as .xlsx (regulation layout, signature block) in ``folder``."""
        path = Path(folder) / "evaluasi-renja.xlsx"
        tulis_evaluasi_renja_xlsx(self.tabel, path, judul=self.judul, unit_nama=self.unit["nama"], tahun=self.tahun,
                                  triwulan=self.triwulan, ttd=self.tanda_tangan())
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
