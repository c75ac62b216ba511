"""The checks of the RAAPK and the CRAAPK (twelve month rows per indicator)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kinerja.core.agregasi import cek_target_bulanan
from kinerja.core.aturan import berbeda, jauh
from kinerja.core.formatting import format_angka, format_tanggal
from kinerja.core.parsing import kode_indikator
from kinerja.core.parsing_kolom import parse_column
from kinerja.core.periode import baca_bulan
from kinerja.formulir.tata_letak import BARIS_IDENTITAS, BULAN_KAPITAL
from kinerja.formulir.masalah import Lembar, Penampung
from kinerja.formulir.validasi.rencana import _satuan_tetap
from kinerja.formulir.validasi.pemeriksa import _KOSONG, Pemeriksa, _blank, _show, _text


def _blocks(main: Lembar, p: Penampung) -> pd.DataFrame | None:
    """Give every row its block (indicator) number and month; check Januari … Desember."""
    d = main.data.copy()
    starts = ~_blank(d["indikator"]) | ~_blank(d["no"])
    if not starts.any():
        p.galat("V39", main.nama, "", "tidak ada indikator: kolom (3) kosong di semua baris")
        return None
    block = np.cumsum(starts) - 1  # -1 for rows above the first indicator
    d["_blok"] = block
    d["_bulan"] = np.nan
    c = Pemeriksa(Lembar(main.nama, main.formulir, d), p)
    orphan = block < 0
    c.report("V29", orphan, "bulan", "baris ini berada di atas indikator pertama; setiap blok dimulai dengan "
             "baris Januari yang berisi indikator")
    month = _text(d["bulan"]).map(baca_bulan).fillna(0).astype("int64").to_numpy()
    position = d.groupby("_blok").cumcount().to_numpy()
    names = np.array([*BULAN_KAPITAL, ""], dtype=object)
    d["_harap"] = names[np.minimum(position, 12)]
    wrong = (month != np.where(position < 12, position + 1, -1)) & ~orphan
    c.report("V29", wrong, "bulan", lambda r: f"bulan \"{_show(r['bulan']) or '(kosong)'}\" seharusnya "
             f"{r['_harap'] or 'awal indikator baru (kolom (3) diisi)'}; setiap indikator berisi 12 baris "
             "Januari s.d. Desember")
    sizes = d.groupby("_blok")["_baris"].agg(["count", "first"])
    for blk, (count, first_row) in sizes.iterrows():
        if blk >= 0 and count < 12:
            p.galat("V29", main.nama, main.sel("bulan", int(first_row)),
                    f"indikator pada baris {first_row} hanya punya {count} baris bulan, seharusnya 12")
    if "bulan_anggaran" in d:
        text = _text(d["bulan_anggaran"])
        ba = text.map(baca_bulan).fillna(0).astype("int64").to_numpy()
        c.report("V29", (text != "").to_numpy() & (ba != month) & ~wrong, "bulan_anggaran",
                 lambda r: f"bulan anggaran \"{_show(r['bulan_anggaran'])}\" harus sama dengan bulan kinerja "
                 f"\"{_show(r['bulan'])}\"")
    d["_bulan"] = np.where(position < 12, position + 1, 0)
    per_blok = [k.field for k in main.formulir.kolom if k.per_blok]
    for col in per_blok:
        d[col] = d[col].where(pd.Series(starts, index=d.index)).groupby(d["_blok"]).ffill()
    return d


def _rencana_aksi(f, ident, main, second, store, p) -> dict | None:
    """Check a RAAPK or CRAAPK, one rule after another in the order they report; the rows to load."""
    d = _blocks(main, p)
    if d is None:
        return None
    lembar = Lembar(main.nama, main.formulir, d)
    c = Pemeriksa(lembar, p)
    unit, tahun = ident["unit"], ident["tahun"]
    first = (d.groupby("_blok").cumcount() == 0).to_numpy() & (d["_blok"] >= 0).to_numpy()
    c.wajib(rows=first)
    kode = _text(d["indikator"]).map(kode_indikator)
    c.kembar(kode.where(pd.Series(first, index=d.index)), "indikator", "indikator")

    pk = _pk_dimuat(c, kode, first, store, unit, tahun)
    if pk is None:
        return None
    annual = _target_tahunan(c, kode, first, pk)
    monthly = c.angka("target", "V12", "target bulanan", tunggal=False)
    meta = store.current("indikator", unit_kode=unit)
    rule = kode.map(meta.set_index("kode")["agregasi"]) if not meta.empty else pd.Series("", index=d.index)
    _satuan_tetap(c, kode, first, meta)
    c.report("V35", (rule == "jumlah").to_numpy() & (monthly.nilai < 0), "target",
             lambda r: f"target bulanan \"{_show(r['target'])}\" negatif, padahal indikator ini dihitung (agregasi jumlah)")
    _jumlah_bulanan(c, first, annual, monthly, rule)

    pagu = c.angka("pagu", "V14", "anggaran tahunan", rows=first, negatif=False)
    t_ang = c.angka("target_anggaran", "V14", "target anggaran", negatif=False)
    program = _text(d["program"])
    _pagu_program(c, first, program, pagu)
    # A program repeated over several indicators carries the same monthly plan: count it once.
    one_block = _blok_pertama(program, d["_blok"])
    _anggaran_bulanan(c, first, program, pagu, t_ang, one_block)

    valid_month = d["_bulan"].to_numpy() > 0
    for field in ("target", "pagu", "target_anggaran", "realisasi", "realisasi_anggaran"):  # the store's ``sel``
        if field in main.formulir.fields():
            d[f"_sel_{field}"] = lembar.rujukan(field)
    program_rows = pd.DataFrame({"unit_kode": unit, "tahun": tahun, "program": program, "kegiatan": None,
                                 "sub_kegiatan": None, "indikator_keluaran": None})
    if f.jenis == "RAAPK":
        return _baris_raapk(d, unit, tahun, kode, program, program_rows, monthly, pagu, t_ang, first, one_block,
                            valid_month)

    # CRAAPK: realisasi up to the reported month.
    laporan = ident["bulan"] or 12
    _target_raapk(c, kode, monthly, valid_month, store, unit, tahun)
    real_nilai, counts, pembilang, penyebut = _realisasi(c, rule, valid_month)
    _bulan_realisasi(c, valid_month, tahun, laporan, ident.get("diterima"))
    counted = (rule == "jumlah").to_numpy()
    c.report("V35", counted & (real_nilai < 0), "realisasi",
             lambda r: f"realisasi \"{_show(r['realisasi'])}\" negatif, padahal indikator ini dihitung (agregasi jumlah)")
    r_ang = c.angka("realisasi_anggaran", "V14", "realisasi anggaran", negatif=False)
    _realisasi_di_atas_pagu(c, first, program, pagu, r_ang, one_block)
    upto = valid_month & (d["_bulan"].to_numpy() <= laporan)
    _jauh_dari_target(c, upto, real_nilai, monthly, r_ang, t_ang)
    return _baris_craapk(d, unit, tahun, kode, program_rows, upto, real_nilai, counts, pembilang, penyebut, r_ang,
                         one_block)


def _pk_dimuat(c: Pemeriksa, kode: pd.Series, first: np.ndarray, store, unit, tahun) -> pd.DataFrame | None:
    """V30: the year's PK is loaded (None when not) and holds every indicator of the plan."""
    pk = store.current("target", unit_kode=unit, dokumen="pk", tahun=tahun)
    if pk.empty:
        c.p.galat("V30", c.l.nama, "B4", f"Perjanjian Kinerja {tahun} unit \"{unit}\" belum dimuat; muat PK lebih dahulu")
        return None
    pk_target = pk.set_index("indikator_kode")["nilai"]
    c.report("V30", first & ~kode.isin(set(pk_target.index)).to_numpy(), "indikator",
             lambda r: f"indikator \"{_show(r['indikator'])}\" tidak ada di Perjanjian Kinerja {tahun}")
    return pk


def _target_tahunan(c: Pemeriksa, kode: pd.Series, first: np.ndarray, pk: pd.DataFrame):
    """V12 and V31: the annual target is readable and is the PK's (by value, or by text when the
    PK's target is not a number)."""
    d = c.d
    pk_target = pk.set_index("indikator_kode")["nilai"]
    pk_text = pk.set_index("indikator_kode")["nilai_teks"]
    annual = c.angka("target_tahunan", "V12", "target kinerja tahunan", rows=first, tunggal=False)
    want = kode.map(pk_target).to_numpy(dtype=float)
    differ = first & berbeda(annual.nilai, want)
    text_differ = first & np.isnan(want) & kode.isin(set(pk_target.index)).to_numpy() & \
        (_text(d["target_tahunan"]).str.lower() != kode.map(pk_text).fillna("").str.lower()).to_numpy()
    c.report("V31", differ | text_differ, "target_tahunan",
             lambda r: f"target tahunan \"{_show(r['target_tahunan'])}\" berbeda dari target PK "
             f"\"{pk_text.get(kode_indikator(r['indikator']), '')}\"")
    return annual


def _jumlah_bulanan(c: Pemeriksa, first: np.ndarray, annual, monthly, rule: pd.Series) -> None:
    """V32: the monthly targets of an indicator summed by jumlah add up to its annual target."""
    d = c.d
    heads = d[first].assign(target=annual.nilai[first]).set_index("_blok")
    blocks = pd.DataFrame({"_blok": d["_blok"], "target": monthly.nilai, "agregasi": rule.to_numpy()})
    blocks = blocks[(blocks["_blok"] >= 0) & (blocks["agregasi"] == "jumlah")]  # unknown indicators: V30 says so
    off = cek_target_bulanan(blocks, heads.reset_index()[["_blok", "target"]], ["_blok"])
    off = off.dropna(subset=["jumlah_bulanan", "target_tahunan"])
    for _, row in off.iterrows():
        head = heads.loc[row["_blok"]]
        c.p.galat("V32", c.l.nama, c.l.sel("target", int(head["_baris"])),
                  f"indikator \"{head['indikator']}\" beragregasi jumlah: total target bulanan "
                  f"{format_angka(row['jumlah_bulanan'])} tidak sama dengan target tahunan "
                  f"{format_angka(row['target_tahunan'])}")


def _pagu_program(c: Pemeriksa, first: np.ndarray, program: pd.Series, pagu) -> None:
    """V37: a program named under several indicators has one pagu."""
    d = c.d
    pagu_s = pd.Series(pagu.nilai, index=d.index)[first]
    conflict = pd.DataFrame({"program": program[first], "pagu": pagu_s}).groupby("program")["pagu"].nunique() > 1
    for name in conflict[conflict].index:
        row = d[first & (program == name).to_numpy()].iloc[1]
        c.p.galat("V37", c.l.nama, c.l.sel("pagu", int(row["_baris"])),
                  f"program \"{name}\" tercantum dengan anggaran tahunan yang berbeda di beberapa indikator")


def _blok_pertama(program: pd.Series, blok: pd.Series) -> pd.Series:
    """Rows of the first block (indicator) that names their program."""
    frame = pd.DataFrame({"program": program, "_blok": blok})
    return frame.groupby("program")["_blok"].transform("min") == frame["_blok"]


def _anggaran_bulanan(c: Pemeriksa, first: np.ndarray, program: pd.Series, pagu, t_ang, one_block: pd.Series) -> None:
    """V33 (a warning): a program's monthly budget targets add up to its pagu."""
    d = c.d
    month_budget = pd.DataFrame({"program": program, "bulan": d["_bulan"], "target": t_ang.nilai,
                                 "pagu": pd.Series(pagu.nilai, index=d.index).where(pd.Series(first, index=d.index)),
                                 "_blok": d["_blok"]})
    plan = month_budget[one_block].groupby("program").agg(target=("target", lambda s: s.sum(min_count=1)),
                                                          pagu=("pagu", "max"))
    for name, row in plan.iterrows():
        if berbeda([row["target"]], [row["pagu"]])[0]:
            c.p.peringatan("V33", c.l.nama, "", f"program \"{name}\": total target anggaran bulanan "
                           f"{format_angka(row['target'], 0)} tidak sama dengan anggaran tahunan {format_angka(row['pagu'], 0)}")


def _baris_raapk(d, unit, tahun, kode, program, program_rows, monthly, pagu, t_ang, first, one_block,
                 valid_month) -> dict:
    """The rows a RAAPK loads: monthly targets, and each program's pagu and monthly budget plan."""
    rows: dict[str, pd.DataFrame | None] = {}
    rows["target"] = pd.DataFrame({
        "unit_kode": unit, "indikator_kode": kode, "dokumen": "raapk", "tahun": tahun, "bulan": d["_bulan"],
        "jenis": "bulanan", "nilai_teks": _text(d["target"]), "nilai": monthly.nilai,
        "program": program, "penanggung_jawab": _text(d["penanggung_jawab"]).replace("", None)
        if "penanggung_jawab" in d else None, "sel": d["_sel_target"]})[valid_month]
    budget = program_rows.assign(bulan=d["_bulan"], jenis="target", nilai=t_ang.nilai, keterangan=None,
                                 sel=d["_sel_target_anggaran"])[valid_month & one_block.to_numpy()]
    pagu_rows = program_rows.assign(bulan=None, jenis="pagu", nilai=pagu.nilai, keterangan=None,
                                    sel=d["_sel_pagu"])[first]
    rows["anggaran"] = pd.concat([pagu_rows.drop_duplicates(subset=["program"]), budget], ignore_index=True)
    return rows


def _baris_craapk(d, unit, tahun, kode, program_rows, upto, real_nilai, counts, pembilang, penyebut, r_ang,
                  one_block) -> dict:
    """The rows a CRAAPK loads: realisasi and realisasi anggaran written up to the reported month."""
    rows: dict[str, pd.DataFrame | None] = {}
    reported = upto & ~_blank(d["realisasi"])
    rows["realisasi"] = pd.DataFrame({
        "unit_kode": unit, "indikator_kode": kode, "tahun": tahun, "bulan": d["_bulan"],
        "nilai_teks": _text(d["realisasi"]), "nilai": real_nilai,
        "pembilang": np.where(counts, pembilang, np.nan), "penyebut": np.where(counts, penyebut, np.nan),
        "keterangan": _text(d["keterangan"]).replace("", None), "sel": d["_sel_realisasi"]})[reported]
    spent_rows = upto & ~_blank(d["realisasi_anggaran"]) & one_block.to_numpy()
    rows["anggaran"] = program_rows.assign(bulan=d["_bulan"], jenis="realisasi", nilai=r_ang.nilai,
                                           keterangan=_text(d["keterangan_anggaran"]).replace("", None),
                                           sel=d["_sel_realisasi_anggaran"])[spent_rows]
    return rows


# The realisasi columns of a CRAAPK: what the month rules (V34, V70) say of each.
_REALISASI = (("realisasi", "realisasi"), ("realisasi_anggaran", "realisasi anggaran"))


def _bulan_realisasi(c: Pemeriksa, valid_month: np.ndarray, tahun: int, laporan: int,
                     diterima: dt.datetime | None) -> None:
    """Realisasi only for months the file can report: V34, none after the reported month; V70,
    none for a month that had not ended when the file was received; V71, the reported month
    itself ended before then. Kinerja and anggaran alike (an anggaran value after the reported
    month used to be dropped without a word)."""
    d = c.d
    month = d["_bulan"].to_numpy()
    for field, label in _REALISASI:
        c.report("V34", valid_month & (month > laporan) & ~_blank(d[field]), field,
                 lambda r, label=label: f"{label} bulan {_show(r['bulan']).title()} diisi, padahal laporan ini untuk "
                 f"bulan {BULAN_KAPITAL[laporan - 1].title()}; kosongkan bulan sesudahnya")
    if diterima is None:
        return
    received = diterima.year * 12 + diterima.month  # months before this one had ended when the file came
    if tahun * 12 + laporan >= received:
        c.p.galat("V71", c.l.nama, f"B{BARIS_IDENTITAS['bulan']}",
                  f"bulan laporan {BULAN_KAPITAL[laporan - 1].title()} {tahun} belum berakhir saat berkas diterima "
                  f"({format_tanggal(diterima)}); CRAAPK melaporkan bulan yang sudah berakhir")
    for field, label in _REALISASI:
        c.report("V70", valid_month & (month <= laporan) & (tahun * 12 + month >= received) & ~_blank(d[field]), field,
                 lambda r, label=label: f"{label} bulan {_show(r['bulan']).title()} {tahun} diisi, padahal berkas "
                 f"diterima {format_tanggal(diterima)}, sebelum bulan itu berakhir; kosongkan bulan yang belum berakhir")


def _target_raapk(c: Pemeriksa, kode: pd.Series, monthly, valid_month: np.ndarray, store, unit, tahun) -> None:
    """V38: the CRAAPK's monthly targets are the RAAPK's (a warning when no RAAPK is loaded)."""
    d = c.d
    plan = store.current("target", unit_kode=unit, dokumen="raapk", tahun=tahun)
    if plan.empty:
        c.p.peringatan("V38", c.l.nama, "", f"RAAPK {tahun} unit \"{unit}\" belum dimuat; target bulanan belum dapat "
                       "dicocokkan")
        return
    key = plan.set_index(["indikator_kode", "bulan"])["nilai"]
    want = pd.Series(list(zip(kode, d["_bulan"])), index=d.index).map(key).to_numpy(dtype=float)
    differ = valid_month & berbeda(monthly.nilai, want)
    differ |= valid_month & (np.isnan(want) != np.isnan(monthly.nilai)) & kode.isin(set(plan["indikator_kode"])).to_numpy()
    c.report("V38", differ, "target", lambda r: f"target bulan {_show(r['bulan']).title()} \"{_show(r['target']) or '(kosong)'}\" "
             "berbeda dari target RAAPK")


def _realisasi(c: Pemeriksa, rule: pd.Series, valid_month: np.ndarray):
    """V13/V40 and V41: the realisasi as numbers; a rasio indicator reports its counts, "45/50"
    (pembilang/penyebut), and its value is the ratio in %. Returns the values, which rows are
    counts, and the pembilang and penyebut."""
    d = c.d
    fraction = _text(d["realisasi"]).str.extract(r"^\s*(\d[\d.,]*)\s*(?:/|dari)\s*(\d[\d.,]*)\s*$")
    is_rasio = (rule == "rasio").to_numpy()
    counts = fraction.notna().all(axis=1).to_numpy() & is_rasio
    pembilang = parse_column(fraction[0].astype(object)).nilai
    penyebut = parse_column(fraction[1].astype(object)).nilai
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(counts & (penyebut > 0), pembilang / penyebut * 100.0, np.nan)
    plain = d.copy()
    plain["realisasi"] = plain["realisasi"].where(~pd.Series(counts, index=d.index), None)
    real = Pemeriksa(Lembar(c.l.nama, c.l.formulir, plain), c.p).angka("realisasi", "V13", "realisasi", huruf=True)
    real_nilai = np.where(counts, ratio, real.nilai)
    c.report("V41", is_rasio & valid_month & ~counts & ~_blank(d["realisasi"]) & (real.jenis != _KOSONG), "realisasi",
             lambda r: f"indikator \"{_show(r['indikator'])}\" beragregasi rasio: tulis realisasi sebagai "
             f"pembilang/penyebut, mis. 45/50, bukan \"{_show(r['realisasi'])}\"")
    c.report("V41", counts & (penyebut <= 0), "realisasi",
             lambda r: f"penyebut pada \"{_show(r['realisasi'])}\" harus lebih dari 0")
    return real_nilai, counts, pembilang, penyebut


def _realisasi_di_atas_pagu(c: Pemeriksa, first: np.ndarray, program: pd.Series, pagu, r_ang,
                            one_block: pd.Series) -> None:
    """V36 (a warning): a program's realisasi anggaran so far stays within its pagu."""
    d = c.d
    spent = pd.DataFrame({"program": program, "r": r_ang.nilai, "_blok": d["_blok"]})[one_block.to_numpy()]
    total = spent.groupby("program")["r"].sum(min_count=1)
    ceiling = pd.Series(pagu.nilai, index=d.index)[first].groupby(program[first]).max()
    for name, value in total.items():
        if not np.isnan(value) and name in ceiling and not np.isnan(ceiling[name]) and value > ceiling[name] + 0.5:
            c.p.peringatan("V36", c.l.nama, "", f"program \"{name}\": realisasi anggaran {format_angka(value, 0)} melebihi "
                           f"pagu {format_angka(ceiling[name], 0)}")


def _jauh_dari_target(c: Pemeriksa, upto: np.ndarray, real_nilai: np.ndarray, monthly, r_ang, t_ang) -> None:
    """V47: a value an order of magnitude or more off its plan is loaded, with a warning at its cell
    (a mistyped "4" for 48, a budget written in thousands)."""
    c.report("V47", upto & jauh(real_nilai, monthly.nilai), "realisasi",
             lambda r: f"realisasi \"{_show(r['realisasi'])}\" jauh dari target bulan itu \"{_show(r['target'])}\" "
             f"(sepuluh kali lipat atau lebih); periksa satuan atau salah ketik", tingkat="peringatan")
    c.report("V47", upto & jauh(r_ang.nilai, t_ang.nilai), "realisasi_anggaran",
             lambda r: f"realisasi anggaran \"{_show(r['realisasi_anggaran'])}\" jauh dari target anggaran bulan itu "
             f"\"{_show(r['target_anggaran'])}\" (sepuluh kali lipat atau lebih); periksa satuan atau salah ketik",
             tingkat="peringatan")
