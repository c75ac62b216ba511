"""A Renja evaluation's rows turned into the long table of :mod:`kinerja.impor.hasil`: two or
more numbered indicators in one cell split, polarity and agregasi from
:func:`kinerja.core.polaritas.tebak_meta`, one row per quarter reported and one for the year.
The year's realisasi, the Renstra realisasi to date and the Rupiah sums follow the indicator's
agregasi, not the sums the form prints; where a printed (13) or (14) differs, ``catatan`` says
so (the capaian and the checks on them are :mod:`kinerja.impor.renja.periksa`).
"""

from __future__ import annotations

import re

import pandas as pd

from kinerja.core.aturan import berbeda, tidak_kurang
from kinerja.core.kosakata import BERKAS_BERTENTANGAN
from kinerja.core.polaritas import tebak_meta
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.impor.hasil import rapikan, rujukan
from kinerja.impor.ringkasan import asal_meta
from kinerja.impor.renja.periksa import kolom_tak_sesuai, lengkapi, teks_angka
from kinerja.impor.renja.lapis import nilai_indikator, satuan_indikator
from kinerja.impor.renja.tata import CAPAIAN
from kinerja.impor.renja.tertulis import cocokkan_tertulis, dari_kumulatif

__all__ = ["tabel_panjang"]

_BERNOMOR = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+")


def _pisah(indikator: str) -> list[str]:
    """Two or more numbered indicators written in one cell ("1. … 2. …"), else the cell."""
    marks = list(_BERNOMOR.finditer(indikator))
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return [indikator]
    cuts = [m.start(1) for m in marks] + [len(indikator)]
    return [re.sub(r"^\d{1,2}[.)]\s*", "", indikator[a:b]).strip() for a, b in zip(cuts, cuts[1:])]


def tabel_panjang(rows: list[dict], berkas: str, ws: str, triwulan: int | None, dikenal,
                  p: Penampung, nomor: dict[int, int] | None = None, asal: list | None = None,
                  kumulatif: bool = False) -> pd.DataFrame:
    """The long table from the form's rows (with their ``tingkat``): per indicator a row for
    each quarter up to ``triwulan`` and one for the year; ``dikenal`` is the store's indicator
    metadata for :func:`~kinerja.core.polaritas.tebak_meta`, ``nomor`` the number the file
    prints over each role (for the notes; the Permendagri 86/2017 numbers by default); where each
    indicator's polaritas and agregasi came from is appended to ``asal`` (for ``--periksa``);
    ``kumulatif``: the quarters' columns hold running totals (:mod:`kinerja.impor.renja.tertulis`)."""
    label = _nomor(nomor)
    names = {row["r"]: row["uraian"] for row in rows}
    out: list[dict] = []
    for row, name, i, n_parts, m in _indikator(rows, dikenal):
        v = nilai_indikator(row, i, n_parts, ws, p)
        base, notes = _dasar(row, name, i, n_parts, m, names, berkas, ws, p)
        akhir = base.get("agregasi") in ("akhir", "rata-rata", "maks", "min") and bool(name)
        target = v.get((8, "k"))
        quarters = range(1, (triwulan or 0) + 1)
        cells, raw, qnotes = _sel_baris(row, v, ws), v, {}
        if kumulatif and v:
            v, cells, qnotes = dari_kumulatif(v, akhir, cells, ws, row["r"], p, label)
        if name:
            where13 = cells((13, "k"))
            cocokkan_tertulis(base, v, quarters, m, where13, ws, p, notes, label, kumulatif)
            akhir = base.get("agregasi") in ("akhir", "rata-rata", "maks", "min")
            if asal is not None:
                asal += [asal_meta(row["r"], k, m[k], m[f"{k}_sumber"], m["alasan"]) if base.get(k) == m[k] else
                         (row["r"], k, base[k], f"dari {label(13)} yang tertulis (sel {where13.rsplit('!', 1)[-1]})")
                         for k in ("polaritas", "agregasi")]
        per_quarter, used = _triwulan(base, v, name, akhir, target, quarters, cells)
        out += [_kumulatif_tw(x, raw, qnotes) for x in per_quarter] if kumulatif else per_quarter
        for q in range(len(quarters) + 1, 5):
            if v.get((8 + q, "k")) or v.get((8 + q, "rp")):
                ref = cells((8 + q, "k")) if v.get((8 + q, "k")) else cells((8 + q, "rp"))
                where = ref.rsplit("!", 1)[-1] if ref else f"baris {row['r']}"  # the cell, as every message names it
                p.peringatan("I06", ws, where, f"ada angka pada triwulan {q} padahal berkas ini laporan "
                             f"triwulan {triwulan}; angka itu tidak dibaca")
        out.append(base | _tahun(v, name, akhir, target, used, quarters, notes, base.get("agregasi"), label)
                   | _sel_tahun(cells, v, name, akhir, target, sorted(used), quarters)
                   | {"_printed_capaian": v.get((CAPAIAN, "k")), "_sel_capaian": cells((CAPAIAN, "k"))})
    frame = pd.DataFrame(out)
    if frame.empty:
        return rapikan([])
    kolom_tak_sesuai(frame, lengkapi(frame, label), ws, p, label)
    return rapikan(frame.drop(columns=["_printed15", "_printed_capaian", "_sel_capaian"], errors="ignore")
                   .to_dict("records"))


def _kumulatif_tw(row: dict, raw: dict, qnotes: dict[int, str]) -> dict:
    """A quarter's row of a file of running totals: the running total as written, and how the
    quarter's own value was made of it."""
    q = int(row["periode"][2:])
    note = "; ".join(x for x in (row.get("catatan"), qnotes.get(q)) if x) or None
    printed = raw.get((8 + q, "k")) if row.get("realisasi_tertulis") is not None else None
    return row | {"catatan": note, "realisasi_tertulis": printed}


def _nomor(nomor: dict[int, int] | None):
    """How a note names the column of a role: by the number the file prints over it."""
    return lambda role: f"kolom ({(nomor or {}).get(role, role)})"


def _indikator(rows: list[dict], dikenal) -> list[tuple]:
    """Per indicator (a row, or each of the numbered indicators of its cell): the row, the
    indicator's name, its place ``i`` in the cell, how many the cell has, and its guessed
    polarity and agregasi."""
    entries = []
    for row in rows:
        parts = _pisah(row["indikator"]) if row["indikator"] else [""]
        for i, name in enumerate(parts):
            entries.append((row, name, i, len(parts)))
    meta = tebak_meta(pd.Series([e[1] for e in entries]), pd.Series([satuan_indikator(*e[:1], e[2], e[3])
                                                                     for e in entries]), dikenal)
    return [(*entry, m) for entry, (_, m) in zip(entries, meta.iterrows())]


def _dasar(row: dict, name: str, i: int, n_parts: int, m: pd.Series, names: dict, berkas: str, ws: str,
           p: Penampung) -> tuple[dict, list[str]]:
    """The columns every period's row of an indicator shares, and the notes on the indicator
    itself (several in one cell, a polarity or agregasi guessed)."""
    base = {"berkas": berkas, "lembar": ws, "baris": row["r"], "tingkat": row["tingkat"], "nama": row["uraian"],
            "induk": names.get(row.get("induk_r")), "program": names.get(row.get("program_r")),
            "kegiatan": names.get(row.get("kegiatan_r")), "sasaran": row["sasaran"] or None,
            "indikator": name or None, "satuan": satuan_indikator(row, i, n_parts) or None}
    notes: list[str] = []
    if n_parts > 1 and row.get("lapis"):
        notes.append(f"sel berisi {n_parts} indikator bernomor; angka yang ditulis satu per baris di sel yang sama "
                     f"dibagi menurut urutannya{'' if i else ', angka satu nilai (Rupiah) dicatat di sini'}")
    elif n_parts > 1:
        notes.append(f"sel berisi {n_parts} indikator bernomor; angka baris {row['r']} hanya satu set dan dicatat "
                     f"pada indikator pertama{'' if i == 0 else ', indikator ini tanpa angka'}; pisahkan menjadi "
                     f"{n_parts} baris di sumbernya")
        if i == 0:
            p.peringatan("I05", ws, row["sel"], f"satu sel indikator berisi {n_parts} indikator bernomor "
                         f"(\u201c{pendek(row['indikator'], 60)}\u201d); angka dicatat pada indikator pertama")
    if name:
        base["polaritas"], base["agregasi"] = m["polaritas"], m["agregasi"]
        guessed = [f"{k} {m[k]}" for k in ("polaritas", "agregasi") if m[f"{k}_sumber"] == "ditebak"]
        if guessed:
            notes.append(" dan ".join(guessed) + " ditebak" + (f" ({m['alasan']})" if m["alasan"] else "")
                         + "; tetapkan di parameters/polaritas.yaml bila keliru")
    return base, notes


def _sel_baris(row: dict, v: dict, ws: str):
    """The reference of row ``row``'s cells holding a value of ``v`` (one indicator's numbers), by
    (column number, part) keys; none for the second and later indicators of one cell but for the
    lines of a cell written one number per line."""
    r, kol = row["r"], row.get("kol", {})

    def cells(*keys) -> str | None:
        return rujukan(ws, [(r, kol[k]) for k in keys if k in kol and v.get(k) is not None])
    return cells


def _sel_tahun(cells, v: dict, name: str, akhir: bool, target: float | None, used: list[int],
               quarters: range) -> dict:
    """The source cells of the year row: the target and pagu as written, the year's realisasi
    as the quarters' cells it sums (the last quarter's for ``akhir``; none where that is
    % × target, computed), else column (13); the Rupiah likewise."""
    if not used:
        real = cells((13, "k"))
    elif akhir:
        real = None if _dari_persen(v, used[-1], akhir, target) else cells((8 + used[-1], "k"))
    else:
        real = cells(*((8 + q, "k") for q in used))
    money = [(8 + q, "rp") for q in quarters]
    return {"sel_target": cells((8, "k")) if name else None, "sel_realisasi": real if name else None,
            "sel_pagu": cells((8, "rp")), "sel_realisasi_anggaran": cells(*money) or cells((13, "rp"))}


def _dari_persen(v: dict, q: int, akhir: bool, target: float | None) -> bool:
    """Whether quarter ``q``'s realisasi is its % column × the year's target (an ``akhir``
    indicator with a % column), not a cell's value."""
    return akhir and v.get((8 + q, "persen")) is not None and target is not None


def _triwulan(base: dict, v: dict, name: str, akhir: bool, target: float | None,
              quarters: range, cells) -> tuple[list[dict], dict[int, float]]:
    """The indicator's row for each quarter reported, and the realisasi used per quarter (for
    an ``akhir`` indicator with a % column, % × the year's target)."""
    out: list[dict] = []
    used: dict[int, float] = {}
    for q in quarters:
        k, pct, rp = v.get((8 + q, "k")), v.get((8 + q, "persen")), v.get((8 + q, "rp"))
        value, qnotes = k, []
        # Nothing achieved by the quarter (its K, or the K summed so far) yet "100 %" printed beside it.
        so_far = k if akhir or k is None else k + sum(used.values())
        if so_far == 0 and pct is not None and bool(tidak_kurang(pct * 100, 100.0)):
            qnotes.append(f"K tertulis 0 sedangkan % tertulis {teks_angka(pct * 100)}%: {BERKAS_BERTENTANGAN}; "
                          "K dipakai apa adanya dan perlu dikonfirmasi dengan perangkat daerah")
        if _dari_persen(v, q, akhir, target):
            value = pct * target
            if k is not None and berbeda([value], [k])[0]:
                qnotes.append(f"K tertulis {teks_angka(k)} adalah tambahan triwulan; nilai akhir triwulan = "
                              f"{teks_angka(pct * 100)}% × target {teks_angka(target)} = {teks_angka(value)}")
        if value is not None:
            used[q] = value
        # A quarter is a row when something was given for it, or when the indicator has a
        # target (then a blank quarter stays visible as not reported).
        if (name and (value is not None or target is not None)) or rp is not None:
            computed = _dari_persen(v, q, akhir, target)
            out.append(base | {"periode": f"TW{q}", "realisasi": value if name else None,
                               "realisasi_tertulis": k if name else None, "realisasi_anggaran": rp,
                               "catatan": "; ".join(qnotes) or None,
                               "sel_realisasi": None if computed or not name else cells((8 + q, "k")),
                               "sel_realisasi_anggaran": cells((8 + q, "rp"))})
    return out, used


def _tahun(v: dict, name: str, akhir: bool, target: float | None, used: dict[int, float], quarters: range,
           notes: list[str], agregasi: str | None, label) -> dict:
    """The indicator's year row: realisasi of the quarters by agregasi, the Renstra realisasi to
    date, the Rupiah sums, and a note wherever the printed (13) or (14) differs."""
    printed13 = v.get((13, "k"))
    if used:
        realisasi = used[max(used)] if akhir else sum(used.values())
    else:
        realisasi = printed13
    if printed13 is not None and realisasi is not None and berbeda([printed13], [realisasi])[0]:
        how = (f"nilai triwulan terakhir {teks_angka(realisasi)}" if akhir else
               f"jumlah triwulan {teks_angka(realisasi)}")
        notes.append(f"{label(13)} tertulis {teks_angka(printed13)}; dipakai {how} (agregasi {agregasi})")
    lalu = v.get((7, "k"))
    renstra = realisasi if akhir else (None if realisasi is None and lalu is None else (lalu or 0) + (realisasi or 0))
    printed14 = v.get((14, "k"))
    if printed14 is not None and renstra is not None and berbeda([printed14], [renstra])[0]:
        notes.append(f"{label(14)} tertulis {teks_angka(printed14)}"
                     + (" (menjumlahkan nilai persentase/indeks antartahun)" if akhir else "")
                     + f"; dipakai {teks_angka(renstra)}")
    money = [v.get((8 + q, "rp")) for q in quarters]
    real_money = sum(x for x in money if x is not None) if any(x is not None for x in money) else v.get((13, "rp"))
    printed13rp = v.get((13, "rp"))
    if printed13rp is not None and real_money is not None and berbeda([printed13rp], [real_money])[0]:
        notes.append(f"{label(13)} Rp tertulis {teks_angka(printed13rp)}, jumlah triwulan {teks_angka(real_money)}; "
                     "dipakai jumlah triwulan")
    lalu_rp = v.get((7, "rp"))
    renstra_rp = None if real_money is None and lalu_rp is None else (lalu_rp or 0) + (real_money or 0)
    if name and target is None and realisasi is None:
        notes.append("tidak ada target dan realisasi tahun berjalan")
    return {
        "periode": "tahun", "target": target if name else None, "realisasi": realisasi if name else None,
        "realisasi_tertulis": printed13 if name else None, "pagu": v.get((8, "rp")),
        "realisasi_anggaran": real_money, "target_renstra": v.get((6, "k")) if name else None,
        "pagu_renstra": v.get((6, "rp")), "realisasi_renstra_lalu": lalu if name else None,
        "realisasi_anggaran_renstra_lalu": lalu_rp, "realisasi_renstra": renstra if name else None,
        "realisasi_anggaran_renstra": renstra_rp, "catatan": "; ".join(notes) or None,
        "_printed15": v.get((15, "k"))}
