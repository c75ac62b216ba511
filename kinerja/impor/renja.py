"""Reader of the Evaluasi terhadap Hasil Renja Perangkat Daerah form (Permendagri Nomor 86
Tahun 2017), as perangkat daerah fill it every quarter (and the RKPD evaluation, the same
columns at kabupaten level).

The form's columns are numbered (1)…(15) on one header row; everything else about a real
file varies: rows above the header, extra unnumbered columns (visi, misi…), merged
multi-row header texts, a ``K``/``Rp.``/``%`` row under the numbers, formulas with cached
values, the hierarchy urusan → program → kegiatan → sub kegiatan shown only by position and
SUM rows, two numbered indicators in one cell, a total row and a signature block at the
end. :func:`baca_evaluasi_renja` finds the header by the numbering row, checks it against
the header texts, reads every row to the signature block and returns the long table of
:mod:`kinerja.impor.hasil` with what it had to decide written in ``catatan``:

* quarterly K are the quarter's realisasi as printed (``realisasi_tertulis``). For an
  indicator measured at a point (agregasi ``akhir``: percentages, indices) the year's
  realisasi is the value at the last quarter, not the sum the form's (13) = (9)+…+(12)
  makes; where the form also has a per-quarter % column (progress against the year's
  target), that value is % × target;
* (14) = (7) + (13) and (15) = (14) / (6) × 100 likewise hold for summed indicators only:
  for an ``akhir`` indicator the Renstra realisasi to date is this year's value. Where a
  printed (13), (14) or (15) contradicts the indicator's agregasi the right value is used
  and the printed one named in ``catatan``;
* polarity and agregasi come from :func:`kinerja.core.polaritas.tebak_meta` (the store's
  metadata, else ``parameters/polaritas.yaml``), a guess marked as such.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.core.anggaran import penyerapan
from kinerja.core.aturan import berbeda
from kinerja.core.capaian import hitung_capaian
from kinerja.core.formatting import format_nilai
from kinerja.core.periode import cari_triwulan
from kinerja.formulir.masalah import Penampung, pendek
from kinerja.core.polaritas import tebak_meta
from kinerja.impor.hasil import Bacaan, rapikan
from kinerja.impor.lembar import Grid, sel

__all__ = ["baca_evaluasi_renja", "cari_kepala"]

_NOMOR = re.compile(r"^\(?(\d{1,2})\)?(?:\s*=.*)?$")
_LABEL = {"k": "k", "rp": "rp", "rp.": "rp", "%": "persen", "(%)": "persen"}
_TTD = re.compile(r"^(NIP\b|NIP\.|KEPALA\b|Kepala\s|Mengetahui|Plt\.?\s|Pembina|Penata|Pj\.?\s)|,\s.*\b20\d\d\s*$")
_BERNOMOR = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+")
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")
# What the header text above each numbered column must mention (any of the words).
_KEPALA = {2: ("sasaran",), 3: ("program", "kegiatan", "urusan"), 4: ("indikator",), 5: ("satuan",),
           6: ("target",), 8: ("target",), 9: ("realisasi", "triwulan"), 13: ("realisasi",)}


def cari_kepala(grid: Grid, batas: int = 60) -> dict | None:
    """The header of a Renja evaluation in ``grid``: the numbering row (1 … 12 or more in
    rising columns), each number's columns and its K / Rp / % sub-columns.

    Returns None when the sheet has no such row.
    """
    for r in range(1, min(grid.baris_maks, batas) + 1):
        found = []
        for c in range(1, grid.kolom_maks + 1):
            m = _NOMOR.match(grid.teks(r, c, gabung=False))
            if m:
                found.append((int(m.group(1)), c))
        numbers = [n for n, _ in found]
        if len(found) < 12 or numbers[:12] != list(range(1, 13)):
            continue
        cols = {n: c for n, c in found if n <= 20}
        ordered = sorted(cols.items(), key=lambda kv: kv[1])
        spans = {}
        for i, (n, c) in enumerate(ordered):
            end = ordered[i + 1][1] - 1 if i + 1 < len(ordered) else c + 1
            spans[n] = (c, max(c, end))
        label_row, labels = None, {}
        for rr in (r + 1, r + 2, r - 1):
            row = {c: _LABEL.get(grid.teks(rr, c, gabung=False).lower()) for c in range(1, grid.kolom_maks + 1)}
            row = {c: v for c, v in row.items() if v}
            if len(row) >= 4:
                label_row, labels = rr, row
                break
        sub = {}
        for n, (c0, c1) in spans.items():
            if n < 6:
                sub[n] = {"k": c0}
                continue
            own = {labels[c]: c for c in range(c0, c1 + 1) if c in labels} if labels else {}
            sub[n] = own or {"k": c0, "rp": c0 + 1}
        return {"baris": r, "label": label_row, "kolom": sub, "mulai": max(r, label_row or r) + 1}
    return None


def _teks_kepala(grid: Grid, baris: int, kolom: int) -> str:
    return " ".join(grid.teks(r, kolom) for r in range(max(1, baris - 6), baris)).lower()


def _anak(grid: Grid, r: int, c: int | None) -> list[int]:
    """Rows a SUM-like formula in (r, c) adds up, in the same column."""
    if c is None:
        return []
    formula = grid.rumus.get((r, c), "")
    if not formula:
        return []
    letter = sel(1, c)[:-1]
    rows: list[int] = []
    for a, r1, b, r2 in _REF.findall(formula.upper()):
        if a != letter:
            continue
        start, end = int(r1), int(r2) if r2 else int(r1)
        rows.extend(range(start, end + 1) if b == letter or not b else [])
    return [x for x in rows if x != r]


def baca_evaluasi_renja(grids: list[Grid], berkas: str, p: Penampung, tahun: int | None = None,
                        dikenal: pd.DataFrame | None = None) -> Bacaan | None:
    """Read the first sheet of ``grids`` that holds a Renja evaluation; see the module docstring.

    ``dikenal`` is the store's indicator metadata of the unit (for polarity and agregasi).
    Problems go to ``p`` located by sheet and cell; None when no sheet is a Renja evaluation.
    """
    for grid in grids:
        kepala = cari_kepala(grid)
        if kepala is not None:
            return _baca(grid, kepala, berkas, p, tahun, dikenal)
    p.galat("I01", "", "", "tidak ditemukan baris nomor kolom (1), (2), (3) … (12) formulir Evaluasi terhadap Hasil "
            "Renja di lembar mana pun; pastikan baris penomoran kolom formulir Permendagri 86/2017 ada di berkas")
    return None


def _judul(grid: Grid, kepala: dict) -> str:
    return " ".join(grid.teks(r, c) for r in range(1, kepala["baris"]) for c in range(1, min(grid.kolom_maks, 40) + 1)
                    if grid.teks(r, c, gabung=False))


def _baca(grid: Grid, kepala: dict, berkas: str, p: Penampung, tahun: int | None,
          dikenal: pd.DataFrame | None) -> Bacaan:
    K = kepala["kolom"]
    ws = grid.lembar
    for n, words in _KEPALA.items():
        if n in K and not any(w in _teks_kepala(grid, kepala["baris"], K[n]["k"]) for w in words):
            p.peringatan("I02", ws, sel(kepala["baris"], K[n]["k"]),
                         f"teks judul di atas kolom ({n}) tidak memuat kata \u201c{words[0]}\u201d; periksa bahwa "
                         "kolom bernomor sesuai formulir Evaluasi Renja")
    judul = _judul(grid, kepala)
    renstra = re.findall(r"\b(20\d\d)\b", _teks_kepala(grid, kepala["baris"], K[6]["k"])) if 6 in K else []
    if tahun is None:
        # The year of column (8) ("Tahun Berjalan (Tahun 2025)"), else the year the title and
        # headers name most often, never the Renstra's end year of column (6).
        own = re.findall(r"\b(20\d\d)\b", _teks_kepala(grid, kepala["baris"], K[8]["k"])) if 8 in K else []
        years = [y for y in re.findall(r"\b(20\d\d)\b", judul) if y not in renstra[-1:]]
        tahun = int(own[-1]) if own else (int(max(set(years), key=years.count)) if years else None)
    triwulan = cari_triwulan(ws) or cari_triwulan(judul)
    col = lambda n, part="k": K.get(n, {}).get(part)  # noqa: E731
    text_cols = [K[n]["k"] for n in (1, 2, 3, 4, 5) if n in K]
    num_cols = sorted({c for n, parts in K.items() if n >= 6 for c in parts.values()})
    rows: list[dict] = []
    skipped: list[str] = []
    ttd = None
    sasaran = ""
    unit_nama = ""
    for r in range(kepala["mulai"], grid.baris_maks + 1):
        texts = {c: t for c in range(1, grid.kolom_maks + 1) if (t := grid.teks(r, c, gabung=False))}
        has_number = any(isinstance(grid.mentah(r, c), (int, float)) and grid.mentah(r, c) not in (0, 0.0)
                         for c in num_cols)
        if not texts and not any(grid.mentah(r, c) is not None for c in num_cols):
            continue
        if not has_number and any(_TTD.search(t) for t in texts.values()):
            ttd = r
            break
        if any(re.match(r"^(perangkat daerah|skpd|opd)\s*:", t, re.IGNORECASE) for t in texts.values()):
            unit_nama = next(t for t in texts.values() if ":" in t).split(":", 1)[1].strip()
            continue
        uraian = grid.teks(r, col(3)) if col(3) else ""
        lanjutan = col(3) is not None and (r, col(3)) in grid.gabung and grid.gabung[(r, col(3))][0] < r
        indikator = grid.teks(r, col(4), gabung=False) if col(4) else ""
        satuan = grid.teks(r, col(5), gabung=False) if col(5) else ""
        if col(2) and grid.teks(r, col(2), gabung=False):
            sasaran = grid.teks(r, col(2), gabung=False)
        if not uraian and not indikator:
            if any(grid.mentah(r, c) is not None for c in num_cols):
                skipped.append(f"baris {r} (baris jumlah tanpa uraian)")
            continue
        values, problems = {}, []
        for n, parts in K.items():
            if not 6 <= n <= 15:  # (16) unit penanggung jawab, (17) keterangan: text, not numbers
                continue
            for part, c in parts.items():
                v, why = grid.angka(r, c)
                if why:
                    problems.append((c, why))
                if part == "persen" and v is not None and (r, c) not in grid.persen and v > 1.5:
                    v = v / 100.0  # written as 29 meaning 29 %
                values[(n, part)] = v
        for c, why in problems:
            p.peringatan("I03", ws, sel(r, c), why)
        rows.append({"r": r, "sel": sel(r, col(4) or 1), "uraian": uraian, "lanjutan": lanjutan, "indikator": indikator, "satuan": satuan,
                     "sasaran": sasaran, "v": values, "no": grid.teks(r, K[1]["k"], gabung=False) if 1 in K else ""})
    if not rows:
        p.galat("I04", ws, sel(kepala["mulai"], 1), "tidak ada baris data di bawah baris nomor kolom")
        return Bacaan("evaluasi-renja", rapikan([]), tahun, triwulan)
    _tingkat(grid, rows, [c for c in (col(8, "rp"), col(6, "rp")) if c is not None])
    if triwulan is None:  # the last quarter with any realisasi
        filled = [q for q in range(1, 5) if any((row["v"].get((8 + q, "k")) or row["v"].get((8 + q, "rp")))
                                                 for row in rows)]
        triwulan = max(filled) if filled else None
    out = _panjang(rows, berkas, ws, triwulan, dikenal, p)
    info = {"lembar": ws, "baris_kepala": kepala["baris"], "baris_data": len(rows), "unit_nama": unit_nama,
            "tanda_tangan": ttd, "dilewati": skipped, "tahun_renstra": int(renstra[-1]) if renstra else None,
            "judul": pendek(judul, 160), "kolom_persen": any("persen" in K.get(n, {}) for n in range(9, 13))}
    return Bacaan("evaluasi-renja", out, tahun, triwulan, info)


def _tingkat(grid: Grid, rows: list[dict], rp_cols: list[int]) -> None:
    """Urusan, program, kegiatan or sub kegiatan for every row, from SUM formulas where the
    file has them, else from the sums the values make, and from position."""
    index = {row["r"]: i for i, row in enumerate(rows)}
    parent: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    with_formulas = any(c in rp_cols for (_, c) in grid.rumus)
    for row in rows:
        kids = next((found for c in rp_cols if (found := [k for k in _anak(grid, row["r"], c) if k in index])), [])
        if kids:
            children[row["r"]] = kids
            for k in kids:
                parent.setdefault(k, row["r"])
    if not with_formulas and rp_cols:
        # Values pasted without formulas: a row whose pagu is the sum of the rows right below it
        # (up to the next program) is their kegiatan.
        pagu = [row["v"].get((8, "rp")) or row["v"].get((6, "rp")) for row in rows]
        for i, row in enumerate(rows):
            if _program(row) or not pagu[i] or pagu[i] <= 0 or row["r"] in parent:
                continue
            total, kids = 0.0, []
            for j in range(i + 1, len(rows)):
                if _program(rows[j]) or _urusan(rows[j]) or rows[j]["lanjutan"]:
                    break
                total += pagu[j] or 0.0
                kids.append(rows[j]["r"])
                if total >= pagu[i] - 0.5:
                    break
            if kids and abs(total - pagu[i]) <= 0.5:
                children[row["r"]] = kids
                for k in kids:
                    parent[k] = row["r"]
    level: dict[int, str] = {}
    current_program, current_kegiatan = None, None
    for row in rows:
        r = row["r"]
        if row["lanjutan"] and level:
            prev = rows[index[r] - 1]["r"]
            level[r] = level[prev]
            row["induk_r"] = rows[index[r] - 1].get("induk_r")
            continue
        kids = children.get(r, [])
        if _program(row) or (kids and any(k in children for k in kids) and not _urusan(row)):
            level[r] = "program" if _program(row) or row["indikator"] else "urusan"
        elif _urusan(row):
            level[r] = "urusan"
        elif kids:
            level[r] = "kegiatan"
        elif r in parent:
            level[r] = {"kegiatan": "subkegiatan", "program": "kegiatan"}.get(level.get(parent[r], ""), "subkegiatan")
        else:
            level[r] = "subkegiatan" if current_kegiatan is not None else "kegiatan"
        if level[r] in ("program", "urusan"):
            current_program = r if level[r] == "program" else None
            current_kegiatan = None
        elif level[r] == "kegiatan":
            current_kegiatan = r
        row["induk_r"] = parent.get(r) or (current_kegiatan if level[r] == "subkegiatan" else
                                             current_program if level[r] == "kegiatan" else None)
        row["program_r"] = current_program
        row["kegiatan_r"] = current_kegiatan if level[r] == "subkegiatan" else None
    for row in rows:
        row["tingkat"] = level[row["r"]]


def _program(row: dict) -> bool:
    return row["uraian"].lower().startswith("program") and not row["lanjutan"]


def _urusan(row: dict) -> bool:
    return not row["indikator"] and not row["satuan"] and not _program(row)


def _pisah(indikator: str) -> list[str]:
    """Two or more numbered indicators written in one cell ("1. … 2. …"), else the cell."""
    marks = list(_BERNOMOR.finditer(indikator))
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return [indikator]
    cuts = [m.start(1) for m in marks] + [len(indikator)]
    return [re.sub(r"^\d{1,2}[.)]\s*", "", indikator[a:b]).strip() for a, b in zip(cuts, cuts[1:])]


def _tambah(frame: pd.DataFrame, mask, texts) -> None:
    """Append ``texts`` (one per masked row, or one for all) to those rows' catatan."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return
    texts = pd.Series(texts, index=frame.index[mask]) if not isinstance(texts, str) else texts
    old = frame.loc[mask, "catatan"]
    frame.loc[mask, "catatan"] = old.where(old.isna(), old + "; ").fillna("") + texts


def _tandai(frame: pd.DataFrame, has_ind: pd.Series) -> None:
    """Numbers that cannot be right are flagged (kinerja.core.kewajaran limits), and a capaian
    that cannot be computed says why (a target of 0)."""
    from kinerja.core.formatting import format_persen
    from kinerja.core.kewajaran import di_luar_batas, muat_kewajaran

    rules = muat_kewajaran()
    for col, real, label in (("capaian", "realisasi", "capaian"), ("capaian_renstra", "realisasi_renstra",
                                                                      "capaian Renstra (15)")):
        bad = di_luar_batas(frame[col], frame[real], rules) & has_ind.to_numpy()
        _tambah(frame, bad, [f"perlu diverifikasi: {label} {format_persen(v)} di luar batas kewajaran "
                             f"({format_persen(rules.capaian_min)}–{format_persen(rules.capaian_maks)})"
                             for v in frame.loc[bad, col]])
    zero = has_ind & (frame["target"] == 0) & frame["realisasi"].notna()
    _tambah(frame, zero, "capaian tidak dapat dihitung karena target tahun berjalan 0")


def _angka(v: float | None) -> str:
    return format_nilai(pd.Series([v])).iloc[0] if v is not None else "(kosong)"


def _panjang(rows: list[dict], berkas: str, ws: str, triwulan: int | None, dikenal, p: Penampung) -> pd.DataFrame:
    names = {row["r"]: row["uraian"] for row in rows}
    entries = []
    for row in rows:
        parts = _pisah(row["indikator"]) if row["indikator"] else [""]
        for i, name in enumerate(parts):
            entries.append((row, name, i, len(parts)))
    meta = tebak_meta(pd.Series([e[1] for e in entries]), pd.Series([e[0]["satuan"] for e in entries]), dikenal)
    out: list[dict] = []
    for (row, name, i, n_parts), (_, m) in zip(entries, meta.iterrows()):
        v = row["v"] if i == 0 else {}
        base = {"berkas": berkas, "lembar": ws, "baris": row["r"], "tingkat": row["tingkat"], "nama": row["uraian"],
                "induk": names.get(row.get("induk_r")), "program": names.get(row.get("program_r")),
                "kegiatan": names.get(row.get("kegiatan_r")), "sasaran": row["sasaran"] or None,
                "indikator": name or None, "satuan": row["satuan"] or None}
        notes: list[str] = []
        if n_parts > 1:
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
        akhir = base.get("agregasi") in ("akhir", "rata-rata", "maks", "min") and bool(name)
        target = v.get((8, "k"))
        quarters = range(1, (triwulan or 0) + 1)
        used: dict[int, float] = {}
        for q in quarters:
            k, pct, rp = v.get((8 + q, "k")), v.get((8 + q, "persen")), v.get((8 + q, "rp"))
            value, qnotes = k, []
            if akhir and pct is not None and target is not None:
                value = pct * target
                if k is not None and berbeda([value], [k])[0]:
                    qnotes.append(f"K tertulis {_angka(k)} adalah tambahan triwulan; nilai akhir triwulan = "
                                  f"{_angka(pct * 100)}% × target {_angka(target)} = {_angka(value)}")
            if value is not None:
                used[q] = value
            # A quarter is a row when something was given for it, or when the indicator has a
            # target (then a blank quarter stays visible as not reported).
            if (name and (value is not None or target is not None)) or rp is not None:
                out.append(base | {"periode": f"TW{q}", "realisasi": value if name else None,
                                   "realisasi_tertulis": k if name else None, "realisasi_anggaran": rp,
                                   "catatan": "; ".join(qnotes) or None})
        for q in range(len(quarters) + 1, 5):
            if v.get((8 + q, "k")) or v.get((8 + q, "rp")):
                p.peringatan("I06", ws, f"baris {row['r']}", f"ada angka pada triwulan {q} padahal berkas ini laporan "
                             f"triwulan {triwulan}; angka itu tidak dibaca")
        printed13 = v.get((13, "k"))
        if used:
            realisasi = used[max(used)] if akhir else sum(used.values())
        else:
            realisasi = printed13
        if printed13 is not None and realisasi is not None and berbeda([printed13], [realisasi])[0]:
            how = (f"nilai triwulan terakhir {_angka(realisasi)}" if akhir else
                   f"jumlah triwulan {_angka(realisasi)}")
            notes.append(f"kolom (13) tertulis {_angka(printed13)}; dipakai {how} (agregasi {base.get('agregasi')})")
        lalu = v.get((7, "k"))
        renstra = realisasi if akhir else (None if realisasi is None and lalu is None else (lalu or 0) + (realisasi or 0))
        printed14 = v.get((14, "k"))
        if printed14 is not None and renstra is not None and berbeda([printed14], [renstra])[0]:
            notes.append(f"kolom (14) tertulis {_angka(printed14)}"
                         + (" (menjumlahkan nilai persentase/indeks antartahun)" if akhir else "")
                         + f"; dipakai {_angka(renstra)}")
        money = [v.get((8 + q, "rp")) for q in quarters]
        real_money = sum(x for x in money if x is not None) if any(x is not None for x in money) else v.get((13, "rp"))
        printed13rp = v.get((13, "rp"))
        if printed13rp is not None and real_money is not None and berbeda([printed13rp], [real_money])[0]:
            notes.append(f"kolom (13) Rp tertulis {_angka(printed13rp)}, jumlah triwulan {_angka(real_money)}; "
                         "dipakai jumlah triwulan")
        lalu_rp = v.get((7, "rp"))
        renstra_rp = None if real_money is None and lalu_rp is None else (lalu_rp or 0) + (real_money or 0)
        if name and target is None and realisasi is None:
            notes.append("tidak ada target dan realisasi tahun berjalan")
        out.append(base | {
            "periode": "tahun", "target": target if name else None, "realisasi": realisasi if name else None,
            "realisasi_tertulis": printed13 if name else None, "pagu": v.get((8, "rp")),
            "realisasi_anggaran": real_money, "target_renstra": v.get((6, "k")) if name else None,
            "pagu_renstra": v.get((6, "rp")), "realisasi_renstra_lalu": lalu if name else None,
            "realisasi_anggaran_renstra_lalu": lalu_rp, "realisasi_renstra": renstra if name else None,
            "realisasi_anggaran_renstra": renstra_rp, "catatan": "; ".join(notes) or None,
            "_printed15": v.get((15, "k"))})
    frame = pd.DataFrame(out)
    if frame.empty:
        return rapikan([])
    has_ind = frame["indikator"].notna()
    cap = hitung_capaian(pd.DataFrame({"target": frame["target"], "realisasi": frame["realisasi"],
                                       "polaritas": frame["polaritas"]}))["capaian"]
    frame["capaian"] = cap.where(has_ind & frame["target"].notna())
    ren = hitung_capaian(pd.DataFrame({"target": frame["target_renstra"], "realisasi": frame["realisasi_renstra"],
                                       "polaritas": frame["polaritas"]}))["capaian"]
    frame["capaian_renstra"] = ren.where(has_ind)
    frame["penyerapan"] = penyerapan(frame["realisasi_anggaran"], frame["pagu"])
    _tandai(frame, has_ind)
    printed15 = frame.get("_printed15", pd.Series(np.nan, index=frame.index))
    wrong15 = berbeda(printed15, frame["capaian_renstra"])
    frame.loc[wrong15, "catatan"] = [
        "; ".join(x for x in (c, f"kolom (15) tertulis {_angka(a)}, dihitung {_angka(b)}") if isinstance(x, str))
        for c, a, b in zip(frame.loc[wrong15, "catatan"], printed15[wrong15], frame.loc[wrong15, "capaian_renstra"])]
    return rapikan(frame.drop(columns=["_printed15"], errors="ignore").to_dict("records"))
