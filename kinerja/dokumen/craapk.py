"""The CRAAPK (Capaian Rencana Aksi atas Perjanjian Kinerja) of one unit and month: the
monthly form of Peraturan Bupati Buleleng Nomor 59 Tahun 2023, its cumulative capaian,
budget, efficiency, kepatuhan, early warning and narrative."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from kinerja.analisis import dari_store as analisis
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.core.anggaran import keterangan_pagu
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import nama_bulan, periode_laporan
from kinerja.core.jadwal import BATAS_HARI
from kinerja.core.parsing_kolom import tanpa_nilai
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, muat_skala
from kinerja.dokumen import narasi
from kinerja.dokumen.bagian import (
    _kalimat_indikator,
    _peringatan,
    _subjek,
    _unit,
    tabel_capaian_periode,
    tabel_efisiensi,
    tabel_kepatuhan,
    tabel_peringatan_dini,
    tanda_ragu,
)
from kinerja.dokumen.pengesahan import TandaTangan, tanda_tangan
from kinerja.dokumen.tabel_formulir import tabel_formulir
from kinerja.formulir.tata_letak import kode_formulir
from kinerja.render import grafik
from kinerja.render.tabel import Tabel, paragraf
from kinerja.store.store import Store

__all__ = ["LaporanCraapk", "craapk", "craapk_dari_data"]


@dataclass
class LaporanCraapk:
    """Everything the CRAAPK notebook shows for one unit and month."""

    unit: dict
    tahun: int
    bulan: int
    skala: SkalaPredikat
    bulanan: pd.DataFrame
    kumulatif: pd.DataFrame
    anggaran: pd.DataFrame
    ringkasan: str
    narasi: list[str] = field(default_factory=list)
    kepatuhan: pd.DataFrame | None = None
    efisiensi: pd.DataFrame | None = None
    peringatan: list[str] = field(default_factory=list)
    units: pd.DataFrame | None = field(default=None, repr=False)
    proyeksi: pd.DataFrame | None = None

    def tabel_proyeksi(self) -> Tabel:
        """Early warning: the indicators projected to miss their annual target."""
        from kinerja.analisis.proyeksi import daftar_berisiko

        risky = daftar_berisiko(self.proyeksi) if self.proyeksi is not None else pd.DataFrame()
        return tabel_peringatan_dini(risky, f"Indikator yang diproyeksikan tidak mencapai target tahunan "
                                     f"(data s.d. {nama_bulan(self.bulan)} {self.tahun})")

    def tanda_tangan(self) -> TandaTangan | None:
        """The formulir's signature block (the unit's head)."""
        return None if self.units is None else tanda_tangan(self.units, self.unit, self.tahun)

    @property
    def periode(self) -> str:
        """The month reported."""
        return f"{nama_bulan(self.bulan)} {self.tahun}"

    @property
    def periode_kumulatif(self) -> str:
        """The period the capaian covers (January to the month reported)."""
        return periode_laporan(self.tahun, self.bulan)

    def tabel_kinerja(self):
        """The kinerja half of the formulir, up to the reported month (columns (1)–(10)); a
        month with a target but no realisasi says so."""
        t = self.bulanan[self.bulanan["bulan"] <= self.bulan]
        missing = tanpa_nilai(t["realisasi"]) & ~analisis.tanpa_target(t["target"])
        note = _ket(t)
        note = note.where(~missing, ("Belum dilaporkan. " + note).str.strip())
        # (1)–(5) once per indicator, on its first month, as the form's merged cells
        nomor = {k: str(i) for i, k in enumerate(dict.fromkeys(self.bulanan["indikator_kode"]), start=1)}
        block = pd.DataFrame({
            "No": t["indikator_kode"].map(nomor), "Sasaran Strategis": t["sasaran"].fillna("–"),
            "Indikator Kinerja": t["indikator"], "Satuan": t["satuan"], "Target Tahunan": t["target_tahunan"],
        }).astype(object)
        shown = block.where(~t["indikator_kode"].duplicated(), "").assign(
            Bulan=t["bulan"].map(nama_bulan), Target=t["target"].fillna("–"), Realisasi=t["realisasi"].fillna("–"),
            **{"Capaian (%)": t["capaian"], "Predikat": t["predikat"].where(t["wajar"], "perlu diverifikasi"),
               "Ket": note})
        return Tabel(shown, {"Capaian (%)": "angka"}, "Predikat", self.skala,
                     f"Capaian kinerja per bulan, {self.periode_kumulatif}",
                     self._formulir().nomor_untuk(["no", "sasaran", "indikator", "satuan", "target_tahunan", "bulan",
                                                   "target", "realisasi", "capaian", None, "keterangan"]),
                     tanda=tanda_ragu(t.get("ragu"), "Realisasi", "Capaian (%)"))

    def _formulir(self):
        from kinerja.formulir.daftar import FORMULIR

        return FORMULIR[kode_formulir("craapk", self.unit["jenis"] if self.unit["jenis"] != "pejabat"
                                      else "perangkat_daerah")]

    def tabel_kumulatif(self):
        """Capaian of the period: target and realisasi of the same months, the annual PK
        target beside it, and a Catatan column where a row has a gap or a flag."""
        return tabel_capaian_periode(self.kumulatif, self.skala,
                                     f"Capaian kinerja {self.periode_kumulatif} (bulan yang sama untuk target dan "
                                     "realisasi)")

    def tabel_kepatuhan(self) -> Tabel | None:
        """When each month's CRAAPK arrived (kepatuhan)."""
        return tabel_kepatuhan(self.kepatuhan, self.periode_kumulatif)

    def penyampaian(self):
        """The section on submissions: the table, or why there is none (a pejabat sends no CRAAPK of
        his own: his realisasi comes from his perangkat daerah's), never a heading over nothing."""
        tabel = self.tabel_kepatuhan()
        if tabel is not None:
            return tabel
        if self.unit["jenis"] == "pejabat":
            return paragraf("Pejabat tidak menyampaikan CRAAPK tersendiri; realisasi indikatornya dijenjangkan dari "
                            "CRAAPK perangkat daerahnya, yang penyampaiannya tercatat pada CRAAPK perangkat daerah itu.")
        return paragraf(f"Belum ada CRAAPK yang diterima untuk {self.periode_kumulatif}.")

    def tabel_efisiensi(self) -> Tabel | None:
        return tabel_efisiensi(self.efisiensi, self.bulan, self.periode_kumulatif)

    def teks_efisiensi(self) -> str:
        """Which form of efficiency the table shows, and why, for this month."""
        return analisis.bentuk_efisiensi(self.bulan)

    def tabel_anggaran(self):
        """The anggaran half of the formulir (columns (11)–(18)): each program once, its months up to
        the reported one, with the Ket of the budget and the penanggung jawab, and the cumulative
        absorption beside them."""
        a = self.anggaran[self.anggaran["bulan"] <= self.bulan] if not self.anggaran.empty else self.anggaran
        who = self._penanggung_jawab()
        order = {p: i for i, p in enumerate(dict.fromkeys(a.get("program", [])), start=1)}
        rows = []
        for _, r in a.iterrows():
            row = {"bulan_anggaran": nama_bulan(int(r["bulan"])), "target_anggaran": r["target_anggaran"],
                   "realisasi_anggaran": r["realisasi_anggaran"], "capaian_anggaran": r["capaian_anggaran"],
                   "keterangan_anggaran": r.get("keterangan_anggaran"),
                   "penyerapan_kumulatif": r["penyerapan_kumulatif"],
                   "rencana_penyerapan_kumulatif": r["rencana_penyerapan_kumulatif"]}
            if not rows or rows[-1]["_program"] != r["program"]:
                row |= {"no": order[r["program"]], "program": r["program"], "pagu": r["pagu"],
                        "penanggung_jawab": who.get(r["program"], self.unit.get("jabatan"))}
            rows.append(row | {"_program": r["program"]})
        fields = ["program", "pagu", "bulan_anggaran", "target_anggaran", "realisasi_anggaran", "capaian_anggaran",
                  "keterangan_anggaran", "penanggung_jawab", "penyerapan_kumulatif", "rencana_penyerapan_kumulatif"]
        # No RAAPK plan for any program (a pejabat has none): said once here, "–" in the cells.
        tanpa_rencana = "" if a.empty or a["target_anggaran"].notna().any() else \
            " (RAAPK tidak memuat rencana anggaran: target dan rencana kumulatif tidak ada)"
        # A pejabat's budget lines are the kegiatan he carries, not programs (as his PK's Kegiatan table).
        per = "kegiatan" if self.unit["jenis"] == "pejabat" else "program"
        t = tabel_formulir(self._formulir(), rows, f"Anggaran per {per}, {self.periode_kumulatif}"
                           + keterangan_pagu(a.get("tahap_pagu", [])) + tanpa_rencana, fields)
        return t if per == "program" else replace(t, data=t.data.rename(columns={"Program": "Kegiatan"}))

    def _penanggung_jawab(self) -> dict:
        """Program -> the penanggung jawab the RAAPK names for an indicator that program serves."""
        b = self.bulanan
        if "penanggung_jawab" not in b or "program" not in b:
            return {}
        named = b.dropna(subset=["program", "penanggung_jawab"]).drop_duplicates("program")
        return dict(zip(named["program"], named["penanggung_jawab"]))

    def grafik_capaian(self) -> Figure:
        return grafik.grafik_capaian(self.kumulatif, self.skala, f"Capaian kinerja {self.periode_kumulatif}")

    def grafik_bulanan(self) -> list[Figure]:
        figures = []
        for kode, rows in self.bulanan.groupby("indikator_kode", sort=False):
            if rows["target_nilai"].notna().any() or rows["realisasi_nilai"].notna().any():
                figures.append(grafik.grafik_bulanan(rows, rows["indikator"].iloc[0], rows["satuan"].iloc[0],
                                                     self.bulan))
        return figures

    def grafik_kurva_s(self) -> Figure:
        """The S-curve: the plan for the whole year, the realisasi up to the reported month only."""
        a = self.anggaran.copy()
        if not a.empty:
            later = a["bulan"] > self.bulan
            a.loc[later, ["realisasi_kumulatif", "realisasi_anggaran"]] = float("nan")
        return grafik.grafik_kurva_s(a, f"Penyerapan anggaran kumulatif {self.periode_kumulatif}")

    def formulir_baris(self) -> list[dict]:
        """The CRAAPK formulir rows (the Perbup's columns (1)–(18)): twelve month rows per
        indicator, realisasi and capaian up to the reported month, the budget of the program
        the RAAPK names for the indicator."""
        from kinerja.formulir.tata_letak import BULAN_KAPITAL

        budget = self.anggaran.set_index(["program", "bulan"]) if not self.anggaran.empty else None
        rows: list[dict] = []
        for no, (_, ind) in enumerate(self.bulanan.groupby("indikator_kode", sort=False), start=1):
            program = ind["program"].dropna().iloc[0] if ind["program"].notna().any() else None
            answering = ind["penanggung_jawab"].dropna() if "penanggung_jawab" in ind else pd.Series(dtype=object)
            for _, r in ind.sort_values("bulan").iterrows():
                m = int(r["bulan"])
                row = {"bulan": BULAN_KAPITAL[m - 1], "bulan_anggaran": BULAN_KAPITAL[m - 1],
                       "target": r["target"] if isinstance(r["target"], str) else None}
                if m <= self.bulan:
                    row["realisasi"] = r["realisasi"] if isinstance(r["realisasi"], str) else None
                    row["capaian"] = None if pd.isna(r["capaian"]) else round(float(r["capaian"]), 2)
                    row["keterangan"] = r["keterangan"] if isinstance(r["keterangan"], str) else None
                if budget is not None and program is not None and (program, m) in budget.index:
                    b = budget.loc[(program, m)]
                    row["target_anggaran"] = None if pd.isna(b["target_anggaran"]) else float(b["target_anggaran"])
                    if m <= self.bulan and isinstance(b.get("keterangan_anggaran"), str):
                        row["keterangan_anggaran"] = b["keterangan_anggaran"]
                    if m <= self.bulan and not pd.isna(b["realisasi_anggaran"]):
                        row["realisasi_anggaran"] = float(b["realisasi_anggaran"])
                        row["capaian_anggaran"] = None if pd.isna(b["capaian_anggaran"]) else \
                            round(float(b["capaian_anggaran"]), 2)
                if m == 1:
                    pagu = budget.loc[(program, 1)]["pagu"] if budget is not None and program is not None and \
                        (program, 1) in budget.index else None
                    row.update({"no": no, "sasaran": r["sasaran"], "indikator": r["indikator"], "satuan": r["satuan"],
                                "target_tahunan": r["target_tahunan"], "program": program,
                                "pagu": None if pagu is None or pd.isna(pagu) else float(pagu),
                                "penanggung_jawab": answering.iloc[0] if not answering.empty
                                else self.unit.get("jabatan")})
                rows.append(row)
        return rows

    def simpan(self, folder) -> list[Path]:
        """Write this document's files into ``folder``: the filled formulir ``craapk.xlsx``."""
        path = Path(folder) / "craapk.xlsx"
        self.tulis_formulir(path)
        return [path]

    def tulis_formulir(self, path) -> None:
        """Write the filled CRAAPK workbook (.xlsx), re-ingestable as it stands."""
        from kinerja.formulir.daftar import FORMULIR
        from kinerja.formulir.templat import tulis_formulir

        tulis_formulir(FORMULIR[kode_formulir("craapk", self.unit["jenis"])], path, unit=self.unit["kode"],
                       tahun=self.tahun, bulan=self.bulan, baris=self.formulir_baris(), subjudul=self.unit["nama"],
                       angka=True)


def _ket(t: pd.DataFrame) -> pd.Series:
    """Column (10) Ket: each month's note as a capitalised sentence; where a realisasi came from
    ("Dijenjangkan dari …", kinerja's own note on a pejabat's cascaded realisasi) said once per
    indicator, on its first month, not on every row."""
    import re

    note = t["keterangan"].fillna("").astype(str).str.strip()
    source = note.str.extract(r"^(dijenjangkan dari [^:;]+?)\s*(?::|$)", flags=re.IGNORECASE)[0]
    rest = note.where(source.isna(), note.str.replace(r"^dijenjangkan dari [^:;]+?\s*(?::\s*|$)", "", regex=True,
                                                      flags=re.IGNORECASE))
    first = source.notna() & ~t["indikator_kode"].where(source.notna()).duplicated()
    said = source.where(first, "").str.strip().map(lambda x: f"{x[:1].upper()}{x[1:]}." if x else "")
    rest = rest.str.strip().map(lambda x: f"{x[:1].upper()}{x[1:]}" if x else "")
    return (said + " " + rest).str.strip()


def craapk(store: Store, unit: str, tahun: int, bulan: int,
           skala: str | SkalaPredikat = DEFAULT_SKALA) -> LaporanCraapk:
    """The CRAAPK of ``unit`` for month ``bulan`` of ``tahun``, from the store.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit.
    tahun : int
        The year.
    bulan : int
        The report month (1–12); capaian runs from January to it.
    skala : str or SkalaPredikat, default "permendagri-86-2017"
        The predikat scale.

    Returns
    -------
    LaporanCraapk
        Its tables (``tabel_kinerja()``, ``tabel_kumulatif()``, ``tabel_anggaran()``,
        ``tabel_efisiensi()``, ``tabel_kepatuhan()``, ``tabel_proyeksi()``), charts,
        ``ringkasan``, ``narasi``, ``peringatan`` (gaps a reader must know) and signature
        block, as the CRAAPK notebook shows them.

    Raises
    ------
    KinerjaError
        The unit is unknown or has no data for the year.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.craapk(store_contoh(), "dinkes", 2026, 9)
    >>> lap.periode
    'September 2026'
    """
    scale = skala if isinstance(skala, SkalaPredikat) else muat_skala(skala)
    units, info = _unit(store, unit)
    patuh = kepatuhan(store, tahun, list(range(1, bulan + 1)), unit) if info["jenis"] in BATAS_HARI else None
    lap = craapk_dari_data(info, tahun, bulan, scale, analisis.capaian_bulanan(store, unit, tahun, scale),
                           analisis.capaian_kumulatif(store, unit, tahun, bulan, scale),
                           analisis.anggaran_program(store, unit, tahun), patuh)
    lap.units = units
    return lap


def craapk_dari_data(info: dict, tahun: int, bulan: int, scale: SkalaPredikat, bulanan: pd.DataFrame,
                     kumulatif: pd.DataFrame, anggaran: pd.DataFrame,
                     kepatuhan_unit: pd.DataFrame | None = None,
                     proyeksi: pd.DataFrame | None = None, efisiensi: pd.DataFrame | None = None) -> LaporanCraapk:
    """Assemble the CRAAPK from tables already read (one unit's slice of the all-units
    tables of :mod:`kinerja.analisis.dari_store`), so a page can switch units without the store;
    ``proyeksi`` and ``efisiensi`` are the unit's slices of :func:`kinerja.analisis.proyeksi.proyeksi_tabel`
    and :func:`kinerja.analisis.dari_store.efisiensi_sasaran` when a page computed them for every unit at once."""
    unit = info["kode"]
    if bulanan.empty:
        raise KinerjaError(f"Perjanjian Kinerja {tahun} unit {unit!r} belum dimuat; CRAAPK tidak dapat disusun")
    periode = periode_laporan(tahun, bulan)
    ringkasan = narasi.ringkasan_capaian(kumulatif, info["nama"], periode)
    sentences = _kalimat_indikator(kumulatif, periode, scale, _subjek(info))
    eff = efisiensi if efisiensi is not None else analisis.efisiensi_sasaran(kumulatif, bulanan, anggaran, bulan)
    if not anggaran.empty:
        now = anggaran[anggaran["bulan"] == bulan]
        for _, row in now.iterrows():
            sentences.append(narasi.kalimat_anggaran(row["program"], row["realisasi_kumulatif"], row["pagu"],
                                                     row["rencana_penyerapan_kumulatif"], bulan))
    for _, row in eff.iterrows():
        sentences.append(f"Sasaran {row['sasaran']}: " + narasi.kalimat_efisiensi(row["indeks_efisiensi"],
                                                                                  row["selisih_efisiensi"]))
    proj = None
    if bulan < 12:  # early warning: the year-end projection (docs/metodologi.md, peringatan dini)
        from kinerja.analisis.proyeksi import daftar_berisiko, proyeksi_tabel

        proj = proyeksi if proyeksi is not None else proyeksi_tabel(bulanan, bulan, kumulatif)  # a value to verify is not projected
        risky = daftar_berisiko(proj)
        for r in risky.itertuples(index=False):
            sentences.append(narasi.kalimat_proyeksi(r.indikator, r.proyeksi, r.bawah, r.atas, r.target,
                                                     r.capaian_proyeksi, r.status, r.satuan, r.catatan))
        rest = narasi.kalimat_peringatan_lainnya(len(risky), risky.attrs["lainnya"], risky.attrs["batas_capaian"])
        if rest:
            sentences.append(rest + ".")
    return LaporanCraapk(unit=info, tahun=tahun, bulan=bulan, skala=scale, bulanan=bulanan, kumulatif=kumulatif,
                         anggaran=anggaran, ringkasan=ringkasan, narasi=sentences, kepatuhan=kepatuhan_unit,
                         efisiensi=eff, peringatan=_peringatan(info, tahun, bulan, kumulatif, kepatuhan_unit),
                         proyeksi=proj)
