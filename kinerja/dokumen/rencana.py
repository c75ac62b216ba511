"""The plan documents of one unit and year: RKT, PK (with its Pernyataan) and RAAPK, from
the store, with the automated reviu against the Renstra and the pohon kinerja."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kinerja.core.agregasi import cek_target_bulanan
from kinerja.core.aturan import berbeda
from kinerja.analisis import dari_store as analisis
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_rupiah, nama_bulan
from kinerja.core.wilayah import kabupaten_unit
from kinerja.dokumen.bagian import _unit
from kinerja.dokumen.daftar import DOKUMEN
from kinerja.dokumen.pengesahan import Pernyataan, TandaTangan, pernyataan_pk, tambah_pernyataan_xlsx, tanda_tangan
from kinerja.dokumen.tabel_formulir import baris_rkt_tampil, tabel_formulir
from kinerja.formulir.isian import isian_rencana
from kinerja.render import grafik
from kinerja.render.tabel import Tabel
from kinerja.store.store import Store

__all__ = ["LaporanRencana", "pk", "raapk", "rencana", "rkt"]


@dataclass
class LaporanRencana:
    """A plan document (RKT, PK, RAAPK) of one unit and year, as stored."""

    unit: dict
    tahun: int
    dokumen: str
    target: pd.DataFrame
    anggaran: pd.DataFrame
    ringkasan: str
    reviu: list[str] = field(default_factory=list)
    isian: tuple | None = field(default=None, repr=False)  # (formulir, rows, lampiran rows) to write
    units: pd.DataFrame | None = field(default=None, repr=False)

    def tanda_tangan(self) -> TandaTangan | None:
        """The signature block under the form (the PK's is in :meth:`pernyataan`)."""
        return None if self.units is None else tanda_tangan(self.units, self.unit, self.tahun)

    def pernyataan(self) -> Pernyataan:
        """The Pernyataan Perjanjian Kinerja of the unit's level (PK only): its paragraphs and
        signatures, displayed as one block kept on one page."""
        return pernyataan_pk(self.units, self.unit, self.tahun)

    def simpan(self, folder) -> list[Path]:
        """Write this document's files into ``folder``: the filled formulir ``<dokumen>.xlsx``."""
        from kinerja.formulir.templat import tulis_formulir

        f, rows, lampiran = self.isian
        path = Path(folder) / f"{self.dokumen}.xlsx"
        tulis_formulir(f, path, unit=self.unit["kode"], tahun=self.tahun, baris=rows, baris_lampiran=lampiran,
                       subjudul=self.unit["nama"], angka=True)
        if self.dokumen == "pk" and self.units is not None:
            teks, ttd = self.pernyataan()
            tambah_pernyataan_xlsx(path, f"PERJANJIAN KINERJA TAHUN {self.tahun}", teks, ttd)
        return [path]

    def tabel_formulir(self) -> Tabel:
        """The whole form as the Perbup lays it out, with its column numbers: the RKT's one table
        (each indicator with its programs, kegiatan, sub kegiatan, anggaran and penanggung jawab,
        each listed once) or the RAAPK's twelve month rows per indicator."""
        f, rows, _ = self.isian
        if self.dokumen == "rkt":
            rows = baris_rkt_tampil(rows)
        return tabel_formulir(f, rows, f"{f.judul.format(tahun=self.tahun)} {self.unit['nama']}")

    def tabel_target(self):
        if self.dokumen == "pk" and self.isian is not None:  # the Perbup's Lampiran PK, from (1) No
            f, rows, _ = self.isian
            return tabel_formulir(f, rows, f"Sasaran, indikator dan target {self.judul} {self.tahun}",
                                  ["no", "sasaran", "indikator", "satuan", "target"])
        nomor = None
        if self.dokumen in ("rkt", "pk") and self.isian is not None:
            fields = {"Sasaran": "sasaran", "Indikator Kinerja": "indikator", "Satuan": "satuan", "Target": "target"}
            nomor = self.isian[0].nomor_untuk([fields.get(c) for c in self.target.columns])
        return Tabel(self.target, judul=f"Sasaran, indikator dan target {self.judul} {self.tahun}", nomor=nomor)

    def tabel_anggaran(self):
        if self.dokumen == "pk" and self.isian is not None:  # Program (a pejabat's: Kegiatan), Anggaran, Keterangan
            f, _, lampiran = self.isian
            rows = [r | {"no": i} for i, r in enumerate(lampiran or [], start=1)]
            judul = f"{f.lampiran.kolom[0].judul} dan anggaran {self.judul} {self.tahun}"
            return tabel_formulir(f.lampiran, rows, judul, ["no", *f.lampiran.fields()], bernomor=False)
        numbers = {c: "rupiah" for c in self.anggaran.columns if c not in ("Program", "Kegiatan", "Sub Kegiatan",
                                                                             "Indikator Keluaran")}
        return Tabel(self.anggaran, numbers, judul=f"Program dan anggaran {self.judul} {self.tahun}")

    @property
    def judul(self) -> str:
        return DOKUMEN[self.dokumen].judul

    def grafik_rencana_anggaran(self) -> Figure | None:
        """The planned cumulative absorption (RAAPK), or None for other documents."""
        if self.dokumen != "raapk" or self.anggaran.empty:
            return None
        months = [nama_bulan(m) for m in range(1, 13)]
        plan = self.anggaran.set_index("Program")[months].sum()
        frame = pd.DataFrame({"program": "semua", "bulan": range(1, 13), "pagu": self.anggaran["Pagu"].sum(),
                              "target_kumulatif": plan.cumsum().to_numpy(), "realisasi_kumulatif": np.nan,
                              "realisasi_anggaran": np.nan})
        return grafik.grafik_kurva_s(frame, f"Rencana penyerapan anggaran {self.tahun} (RAAPK)")


def rkt(store: Store, unit: str, tahun: int) -> LaporanRencana:
    """The Rencana Kinerja Tahunan (RKT) of ``unit`` for ``tahun``, from the store.

    Parameters
    ----------
    store : Store
        The store holding the unit's RKT formulir.
    unit : str
        The unit's code in the Daftar Unit (a kabupaten or a perangkat daerah).
    tahun : int
        The plan year.

    Returns
    -------
    LaporanRencana
        Its tables (``tabel_target()``, ``tabel_anggaran()``), summary, reviu findings
        and signature block, as the RKT notebook shows them.

    Raises
    ------
    KinerjaError
        The unit is unknown, or its RKT for ``tahun`` has not been loaded.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.rkt(store_contoh(), "dinkes", 2026)
    >>> lap.judul
    'Rencana Kinerja Tahunan (RKT)'
    """
    return rencana(store, unit, tahun, "rkt")


def pk(store: Store, unit: str, tahun: int) -> LaporanRencana:
    """The Perjanjian Kinerja (PK) of ``unit`` for ``tahun``, with its Pernyataan.

    Parameters
    ----------
    store : Store
        The store holding the unit's PK formulir.
    unit : str
        The unit's code: a kabupaten, a perangkat daerah or a pejabat.
    tahun : int
        The year of the agreement.

    Returns
    -------
    LaporanRencana
        Its target and budget tables, ``pernyataan()`` (the statement's paragraphs and
        the signature block worded for the unit's level) and reviu findings.

    Raises
    ------
    KinerjaError
        The unit is unknown, or its PK for ``tahun`` has not been loaded.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.pk(store_contoh(), "dinkes", 2026)
    >>> teks, tanda_tangan = lap.pernyataan()
    >>> teks[0].startswith("Dalam rangka")
    True
    """
    return rencana(store, unit, tahun, "pk")


def raapk(store: Store, unit: str, tahun: int) -> LaporanRencana:
    """The Rencana Aksi atas Perjanjian Kinerja (RAAPK) of ``unit`` for ``tahun``: the
    monthly targets and budget plan.

    Parameters
    ----------
    store : Store
        The store holding the unit's RAAPK formulir.
    unit : str
        The unit's code in the Daftar Unit.
    tahun : int
        The plan year.

    Returns
    -------
    LaporanRencana
        Its monthly target table (one column per month), budget plan and reviu findings
        (for example monthly sums of ``jumlah`` indicators against the annual target).

    Raises
    ------
    KinerjaError
        The unit is unknown, or its RAAPK for ``tahun`` has not been loaded.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.raapk(store_contoh(), "dinkes", 2026)
    >>> list(lap.tabel_target().data.columns[3:6])
    ['Januari', 'Februari', 'Maret']
    """
    return rencana(store, unit, tahun, "raapk")


def rencana(store: Store, unit: str, tahun: int, dokumen: str) -> LaporanRencana:
    """Assemble RKT, PK or RAAPK (``dokumen``) of ``unit`` for ``tahun``, with the automated
    reviu checks against the Renstra (targets) and, for RAAPK, the monthly sums of jumlah
    indicators; :func:`rkt`, :func:`pk` and :func:`raapk` name the document."""
    if dokumen not in ("rkt", "pk", "raapk"):
        raise KinerjaError(f"dokumen {dokumen!r} bukan dokumen rencana; pilih rkt, pk atau raapk")
    units, info = _unit(store, unit)
    targets = store.current("target", unit_kode=unit, dokumen=dokumen, tahun=tahun)
    if targets.empty:
        raise KinerjaError(f"{DOKUMEN[dokumen].judul} {tahun} unit {unit!r} belum dimuat")
    meta = store.current("indikator", unit_kode=unit).set_index("kode")
    names = targets["indikator_kode"].map(meta["nama"]).fillna(targets["indikator_kode"])
    base = pd.DataFrame({"Sasaran": targets["indikator_kode"].map(meta["sasaran"]), "Indikator Kinerja": names,
                         "Satuan": targets["indikator_kode"].map(meta["satuan"]), "bulan": targets["bulan"],
                         "Target": targets["nilai_teks"]})
    if dokumen == "raapk":
        wide = base.pivot_table(index=["Sasaran", "Indikator Kinerja", "Satuan"], columns="bulan", values="Target",
                                aggfunc="first").reindex(columns=range(1, 13))
        wide.columns = [nama_bulan(int(m)) for m in wide.columns]
        table = wide.reset_index()
    else:
        table = base.drop(columns="bulan").drop_duplicates().reset_index(drop=True)
    money = store.current("anggaran", unit_kode=unit, dokumen=dokumen, tahun=tahun)  # this document's own rows
    budget = _anggaran_rencana(money, dokumen)
    reviu = _reviu(store, unit, tahun, dokumen, targets, meta)
    n_sasaran = table["Sasaran"].nunique()
    total = money[(money["jenis"] == "pagu") & money["kegiatan"].isna()]["nilai"].sum()
    ringkasan = (f"{DOKUMEN[dokumen].judul} {tahun} {info['nama']} memuat {len(table)} indikator kinerja dari {n_sasaran} "
                 f"sasaran" + (f", dengan anggaran program {format_rupiah(total)}" if total else "") + ".")
    return LaporanRencana(info, tahun, dokumen, table, budget, ringkasan, reviu,
                          isian_rencana(store, info, tahun, dokumen, targets, meta, money), units)


def _anggaran_rencana(money: pd.DataFrame, dokumen: str) -> pd.DataFrame:
    pagu = money[(money["jenis"] == "pagu") & money["bulan"].isna()]
    if dokumen == "rkt" and pagu["kegiatan"].notna().any():
        rows = pagu[pagu["kegiatan"].notna()]
        return pd.DataFrame({"Program": rows["program"], "Kegiatan": rows["kegiatan"],
                             "Sub Kegiatan": rows["sub_kegiatan"].fillna("(kegiatan)"),
                             "Indikator Keluaran": rows["indikator_keluaran"], "Pagu": rows["nilai"]}).reset_index(drop=True)
    programs = pagu[pagu["kegiatan"].isna()].drop_duplicates("program").set_index("program")["nilai"]
    table = pd.DataFrame({"Program": programs.index, "Pagu": programs.to_numpy()})
    if dokumen == "raapk":
        plan = money[(money["jenis"] == "target") & money["bulan"].notna()].pivot_table(
            index="program", columns="bulan", values="nilai", aggfunc="sum").reindex(columns=range(1, 13))
        plan.columns = [nama_bulan(int(m)) for m in plan.columns]
        table = table.join(plan, on="Program")
    return table


def _reviu(store: Store, unit: str, tahun: int, dokumen: str, targets: pd.DataFrame, meta: pd.DataFrame) -> list[str]:
    """Automated reviu findings (docs/metodologi.md §7), each as a sentence."""
    found: list[str] = []
    plan = analisis.target_renstra_tahunan(store, unit, tahun)
    plan = plan.set_index("indikator_kode") if not plan.empty else None
    pejabat = store.current("unit").set_index("kode")["jenis"].get(unit) == "pejabat"
    if dokumen in ("rkt", "pk") and pejabat:
        found.append("Pejabat administrator/pengawas tidak menyusun Renstra; targetnya diturunkan dari PK "
                     "perangkat daerah.")
    elif dokumen in ("rkt", "pk"):
        if plan is None:
            found.append(f"Target Renstra/RPJMD tahun {tahun} tidak tersedia sebagai pembanding.")
        else:
            # The same comparison as ingest rule V28: parsed values, one tolerance.
            annual = targets.drop_duplicates("indikator_kode")
            acuan = annual["indikator_kode"].map(plan["nilai"])
            differ = annual[berbeda(annual["nilai"], acuan)]
            if not differ.empty:
                found += [f"Target {meta['nama'].get(k, k)} ({t}) berbeda dari target Renstra/RPJMD "
                          f"({plan['nilai_teks'].get(k)})." for k, t in zip(differ["indikator_kode"], differ["nilai_teks"])]
            else:
                found.append(f"Semua target sama dengan target Renstra/RPJMD tahun {tahun}.")
    if dokumen in ("rkt", "pk") and not pejabat:
        found += _reviu_pohon(store, unit, tahun)
    if dokumen == "raapk":
        pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
        monthly = targets.assign(target=targets["nilai"], agregasi=targets["indikator_kode"].map(meta["agregasi"]))
        annual = pk.drop_duplicates("indikator_kode").assign(target=lambda t: t["nilai"])
        # The same check as ingest rule V32.
        bad = cek_target_bulanan(monthly, annual[["indikator_kode", "target"]], ["indikator_kode"])
        found.append("Target bulanan indikator beragregasi jumlah sesuai dengan target tahunan PK."
                     if bad.empty else "Target bulanan tidak sama dengan target tahunan PK: "
                     + ", ".join(meta["nama"].get(k, k) for k in bad["indikator_kode"]) + ".")
    return found


def _reviu_pohon(store: Store, unit: str, tahun: int) -> list[str]:
    """The alignment findings of the unit's part of the pohon kinerja (the tree only; the
    realisasi comparison belongs to the reports), as reviu sentences."""
    from kinerja.analisis.keselarasan import periksa_keselarasan, temuan_unit
    from kinerja.analisis.pohon import baca_pohon

    if store.current("pohon", tahun=tahun).empty:
        return [f"Pohon kinerja tahun {tahun} belum dimuat; keselarasan sasaran dengan sasaran kabupaten belum dapat "
                "diperiksa."]
    units = store.current("unit")
    found = temuan_unit(periksa_keselarasan(baca_pohon(store, tahun, kabupaten_unit(units).get(unit))), unit)
    if found.empty:
        return ["Pohon kinerja: tidak ada temuan keselarasan untuk unit ini."]
    return [f"Pohon kinerja ({k}, {t.lower()}): {u}" for k, t, u in zip(found["kode"], found["temuan"], found["uraian"])]


# --- LKjIP -------------------------------------------------------------------------------

# The seven analyses of Bab III for every sasaran strategis, in order.
