"""The layouts of the Renja/RKPD evaluation Pemda publish (issue #22, item 1): the older
Permendagri 54/2010 form (Kab. Sukabumi, Bappeda 2018: columns 1–17, satuan inside the target
span, Rupiah in thousands) and the Evaluasi terhadap Hasil RKPD numbered 1–16 (Kab. Bondowoso,
sheet "cetak Laporan", an Excel 97–2003 file under an .xlsx name), each number checked
against the file's own cell (read here with openpyxl / python_calamine, not kinerja), and
variants made of them: moved, renamed, pasted as values, "Rp." instead of "Rp. (000)",
columns swapped (refused at the right cell), a summary row in the middle."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string as nomor_kolom

from kinerja.impor.jalankan import impor_berkas

DATA = Path(__file__).parent / "data" / "impor"
SUKABUMI = DATA / "sukabumi-bappeda-evaluasi-renja-2018.xlsx"
BONDOWOSO = DATA / "bondowoso-disdikbud-evaluasi-renja-tw1-2021.xlsx"
SUKABUMI_INDIKATOR = [17, *range(18, 38), 42, 43, 44]  # rows with an indicator in column G
SUKABUMI_RINGKASAN = {38: "Rata-rata", 41: "Predikat", 45: "Rata-rata", 48: "RATA-RATA", 49: "PREDIKAT"}
# Sukabumi's columns: (7) target M/N, (8)–(11) TW O/P … U/V, (12) realisasi W/X, (13) capaian Y.
SUK = {"target": "M", "pagu": "N", "realisasi": "W", "realisasi_anggaran": "X", "capaian": "Y", "satuan": "I",
       "target_renstra": "H", "realisasi_renstra_lalu": "K"}
SUK_TW = (("O", "P"), ("Q", "R"), ("S", "T"), ("U", "V"))


def _read(path, **kw):
    return impor_berkas(path, "evaluasi-renja", periksa=True, **kw)


def _number(v):
    """A printed cell as a number (a blank or a space is none)."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return float(v)


def _sukabumi_cells(path=SUKABUMI, kali=1000.0) -> dict[int, dict]:
    """What Sukabumi's sheet prints (cached values) on every indicator row, Rupiah × ``kali``."""
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    out = {}
    for r in range(14, ws.max_row + 1):
        if not ws[f"G{r}"].value:
            continue
        row = {k: ws[f"{c}{r}"].value for k, c in SUK.items()}
        row = {k: (v if k == "satuan" else _number(v)) for k, v in row.items()}
        for k in ("pagu", "realisasi_anggaran"):
            row[k] = None if row[k] is None else row[k] * kali
        row["tw"] = [(_number(ws[f"{k}{r}"].value), _number(ws[f"{rp}{r}"].value)) for k, rp in SUK_TW]
        row["tw"] = [(k, None if rp is None else rp * kali) for k, rp in row["tw"]]
        out[r] = row
    return out


def _same(got, want) -> bool:
    if want is None:
        return got != got or got is None  # NaN: blank
    return got == pytest.approx(want, rel=1e-9, abs=1e-6)


def _rows_right(out, cells: dict[int, dict], nama: str = "", capaian_kolom: str = "kolom (13)") -> int:
    """Assert that the file was read and that every indicator row is exactly as printed
    (target, pagu, realisasi, realisasi anggaran, capaian, satuan, every quarter; a printed
    capaian that differs from the one computed counts when ``catatan`` names it); returns how
    many rows that is, printed under ``nama``."""
    assert not out.ditolak, [str(m) for m in out.masalah if m.tingkat == "galat"]
    t = out.bacaan.tabel
    year = t[(t["periode"] == "tahun") & t["indikator"].notna()].set_index("baris")
    wrong = []
    for r, want in cells.items():
        got = year.loc[r]
        bad = [k for k in ("target", "pagu", "realisasi_anggaran") if not _same(got[k], want[k])]
        bad += [] if _same(got["realisasi_tertulis"], want["realisasi"]) else ["realisasi"]
        named = isinstance(got["catatan"], str) and f"{capaian_kolom} tertulis" in got["catatan"]
        bad += [] if _same(got["capaian"], want["capaian"]) or named else ["capaian"]
        bad += [] if (got["satuan"] if isinstance(got["satuan"], str) else None) == want["satuan"] else ["satuan"]
        for q, (k, rp) in enumerate(want["tw"], start=1):
            quarter = t[(t["baris"] == r) & (t["periode"] == f"TW{q}")]
            if k is None and rp is None and quarter.empty:
                continue
            if quarter.empty or not (_same(quarter["realisasi_tertulis"].iloc[0], k)
                                     and _same(quarter["realisasi_anggaran"].iloc[0], rp)):
                bad.append(f"TW{q}")
        if bad:
            wrong.append(f"baris {r}: {bad}")
    if nama:
        print(f"{nama}: {len(cells) - len(wrong)} dari {len(cells)} baris indikator terbaca sesuai sel berkas")
    assert not wrong
    return len(cells)


@pytest.fixture(scope="module")
def sukabumi():
    return _read(SUKABUMI)


def test_sukabumi_54_2010_every_indicator_row_enters_as_printed_rupiah_times_1000(sukabumi):
    """On main this file is refused (I02 at nine columns) or, before that, misread (capaian 700 %)."""
    out = sukabumi
    b = out.bacaan
    assert "54/2010" in b.info["tata_letak"] and b.info["pengali"] == 1000 and b.info["satuan_rupiah"] == "Rp. (000)"
    assert (b.tahun, b.triwulan) == (2018, 4)
    cells = _sukabumi_cells()
    assert sorted(cells) == SUKABUMI_INDIKATOR
    assert _rows_right(out, cells, "Sukabumi") == 24
    year = b.tabel[b.tabel["periode"] == "tahun"].set_index("baris")
    assert year.loc[17, "pagu"] == 1_874_960_000  # N17 = 1.874.960 "Rp. (000)"
    assert year.loc[18, "target_renstra"] == 260 and year.loc[18, "realisasi_renstra_lalu"] == pytest.approx(86.6667, 1e-4)
    assert year.loc[19, "nama"] == "Pelayanan Administrasi Perkantoran"  # an indicator under the one above
    assert year.loc[17, "tingkat"] == "program" and year.loc[36, "tingkat"] == "kegiatan"


def _nilai_rujukan(ws, ref: str) -> float:
    """The value a reference ("'Sheet-1'!O18+Q18", "F12:F14") names: its cells summed."""
    total = 0.0
    for part in ref.rsplit("!", 1)[1].split("+"):
        for row in ws[part] if ":" in part else [[ws[part]]]:
            for cell in row:
                total += _number(cell.value) or 0.0
    return total


def test_sukabumi_every_value_is_the_value_of_the_cells_it_names(sukabumi):
    """sel_target, sel_realisasi, sel_capaian, sel_pagu, sel_realisasi_anggaran name cells whose
    printed values (× 1.000 for Rupiah) are the value read."""
    ws = openpyxl.load_workbook(SUKABUMI, data_only=True).worksheets[0]
    t = sukabumi.bacaan.tabel
    checked = 0
    for col, kali in (("target", 1), ("realisasi", 1), ("capaian", 1), ("pagu", 1000), ("realisasi_anggaran", 1000)):
        for value, ref in t[["%s" % col, f"sel_{col}"]].dropna().itertuples(index=False):
            assert ref.startswith("'Sheet-1'!")
            assert _nilai_rujukan(ws, ref) * kali == pytest.approx(value), (col, ref)
            checked += 1
    year = t[t["periode"] == "tahun"].set_index("baris")
    assert year.loc[18, "sel_capaian"] == "'Sheet-1'!Y18" and year.loc[18, "sel_pagu"] == "'Sheet-1'!N18"
    assert checked > 24 * 5


def test_sukabumi_summary_notes_and_signature_rows_are_skipped_and_named(sukabumi):
    b = sukabumi.bacaan
    assert not b.tabel["nama"].fillna("").str.contains("(?i)rata-rata|predikat|faktor|tindak lanjut").any()
    assert {r for r, why in b.info["dilewati"] if why.startswith("ringkasan")} >= set(SUKABUMI_RINGKASAN)
    named = " ".join(m.pesan for m in sukabumi.masalah if m.kode == "I51")
    for r, word in SUKABUMI_RINGKASAN.items():
        assert f"baris {r} (\u201c{word}" in named
    assert {m.sel for m in sukabumi.masalah if m.kode == "I51"} >= {f"A{r}" for r in SUKABUMI_RINGKASAN}
    assert {m.tingkat for m in sukabumi.masalah if m.kode == "I51"} == {"peringatan"}
    assert b.info["tanda_tangan"] == 58 and b.tabel["baris"].max() == 44


def _bondowoso_cells() -> dict[int, dict]:
    """What "cetak Laporan" prints on every indicator row, read with python_calamine."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_filelike(BONDOWOSO.open("rb")).get_sheet_by_name("cetak Laporan").to_python(
        skip_empty_area=False)

    def cell(r, c):
        v = rows[r - 1][nomor_kolom(c) - 1]
        return None if v == "" else v

    out = {}
    for r in range(9, len(rows) + 1):
        if not cell(r, "F"):
            continue
        tw = [(_number(cell(r, k)), _number(cell(r, rp))) for k, rp in (("N", "O"), ("P", "Q"), ("R", "S"), ("T", "U"))]
        out[r] = {"target": _number(cell(r, "K")), "pagu": _number(cell(r, "M")), "realisasi": _number(cell(r, "V")),
                  "realisasi_anggaran": _number(cell(r, "W")), "capaian": _number(cell(r, "X")),
                  "satuan": cell(r, "L"), "tw": tw[:1]}  # a TW I report: TW I only
    return out


def test_bondowoso_rkpd_1_16_every_row_as_printed_and_its_contradictions_named():
    """On main the file is refused (an .xls); read, it must be the RKPD layout, TW I 2021."""
    out = _read(BONDOWOSO)
    b = out.bacaan
    assert b.info["lembar"] == "cetak Laporan" and "RKPD" in b.info["tata_letak"]
    assert (b.tahun, b.triwulan) == (2021, 1) and b.info["pengali"] == 1
    cells = _bondowoso_cells()
    assert sorted(cells) == list(range(10, 18))
    assert _rows_right(out, cells, "Bondowoso cetak Laporan") == 8
    year = b.tabel[b.tabel["periode"] == "tahun"].set_index("baris")
    # Row 16 prints capaian 200 % for a realisasi of 0 against 4; row 11 a TW II value in a TW I file.
    assert "kolom (13) tertulis 200, dihitung 0" in year.loc[16, "catatan"]
    assert "kolom (13) tertulis 50, dihitung 25" in year.loc[11, "catatan"]
    assert any(m.kode == "I06" and m.sel == "P11" and "triwulan 2" in m.pesan for m in out.masalah)
    assert [year.loc[r, "tingkat"] for r in (10, 12, 15, 17)] == ["program", "kegiatan", "subkegiatan", "kegiatan"]
    # Rows 18–26 of the template hold only "#N/A" from a lookup: skipped and named, not read.
    assert {r for r, why in b.info["dilewati"] if why == "berisi galat Excel saja"} == set(range(18, 27))
    assert {m.sel for m in out.masalah if m.kode == "I52"} >= {f"A{r}" for r in range(18, 27)}


# ---- variants built from the real files -------------------------------------------------------


def _salin(src, tmp_path, *, geser=(0, 0), lembar="Sheet-1", tukar=None, urutan=None, ubah=None) -> Path:
    """A values-only copy of ``src``'s first sheet (formulas replaced by their values), moved
    ``geser`` rows and columns down and right, the sheet renamed, columns swapped below and above
    the numbering row 13 (``tukar``: {letter: letter}), rows in another ``urutan`` (new row i is
    old row urutan[i-1]) and cells changed (``ubah``, on the copy's own addresses)."""
    ws = openpyxl.load_workbook(src, data_only=True).worksheets[0]
    wb = openpyxl.Workbook()
    out = wb.active
    out.title = lembar
    cols = {c: c for c in range(1, ws.max_column + 1)}
    for a, b in (tukar or {}).items():
        cols[nomor_kolom(a)] = nomor_kolom(b)
    order = urutan or list(range(1, ws.max_row + 1))
    where = {old: new for new, old in enumerate(order, start=1)}
    dr, dc = geser
    kept = set()  # a merged header over more than the swapped columns stays where it is, with its text
    for rng in ws.merged_cells.ranges:
        top, bottom = where[rng.min_row], where[rng.max_row]
        left, right = (rng.min_col, rng.max_col) if rng.min_row == 13 else (cols[rng.min_col], cols[rng.max_col])
        if right - left != rng.max_col - rng.min_col:
            left, right = rng.min_col, rng.max_col
            kept.add((rng.min_row, rng.min_col))
        if bottom - top == rng.max_row - rng.min_row:
            out.merge_cells(start_row=top + dr, start_column=left + dc, end_row=bottom + dr, end_column=right + dc)
    for new, old in enumerate(order, start=1):
        for c in range(1, ws.max_column + 1):
            v = ws.cell(old, c).value
            if v is not None:
                out.cell(new + dr, (c if old == 13 or (old, c) in kept else cols[c]) + dc, v)
    for ref, v in (ubah or {}).items():
        out[ref] = v
    path = tmp_path / "varian.xlsx"
    wb.save(path)
    return path


def test_sukabumi_moved_renamed_and_pasted_as_values_reads_the_same(tmp_path):
    path = _salin(SUKABUMI, tmp_path, geser=(3, 2), lembar="Evaluasi Renja 2018")
    out = _read(path)
    assert _rows_right(out, {r + 3: row for r, row in _sukabumi_cells().items()}) == 24
    assert out.bacaan.info["lembar"] == "Evaluasi Renja 2018" and out.bacaan.info["baris_judul"] == 16


def test_sukabumi_with_rp_whole_rupiah_is_read_times_one(tmp_path):
    labels = {f"{c}12": "Rp." for c in ("J", "L", "N", "P", "R", "T", "V", "X", "AB")}
    out = _read(_salin(SUKABUMI, tmp_path, ubah=labels))
    assert _rows_right(out, _sukabumi_cells(kali=1.0)) == 24 and out.bacaan.info["pengali"] == 1


def test_sukabumi_with_one_rupiah_column_in_another_unit_is_refused_at_its_label(tmp_path):
    out = _read(_salin(SUKABUMI, tmp_path, ubah={"N12": "Rp."}))
    assert out.ditolak and out.bacaan.tabel.empty
    i50 = [m for m in out.masalah if m.kode == "I50"]
    assert [m.sel for m in i50] == ["N12"] and "\u00d71" in i50[0].pesan and "\u00d71.000" in i50[0].pesan


@pytest.mark.parametrize("tukar, refused", [
    ({"M": "W", "N": "X", "W": "M", "X": "N"}, {"M13", "W13"}),  # target and realisasi of the year swapped
    ({"O": "Q", "P": "R", "Q": "O", "R": "P"}, {"O13", "Q13"}),  # TW I and TW II swapped
    ({"K": "AA", "L": "AB", "AA": "K", "AB": "L"}, {"K13", "AA13"}),  # RPJMD realisasi to last year and to this one
    ({"Y": "AC", "Z": "AD", "AC": "Y", "AD": "Z"}, {"Y13", "AC13"}),  # capaian of the year and of the RPJMD
])
def test_sukabumi_with_two_columns_swapped_is_refused_at_their_numbers(tmp_path, tukar, refused):
    out = _read(_salin(SUKABUMI, tmp_path, tukar=tukar))
    assert out.ditolak and out.bacaan.tabel.empty
    i02 = {m.sel: m.pesan for m in out.masalah if m.kode == "I02"}
    assert set(i02) == refused, i02
    assert all("54/2010" in pesan and "berjudul" in pesan for pesan in i02.values())


def test_a_summary_row_moved_into_the_middle_is_skipped_and_named(tmp_path):
    order = [*range(1, 26), 38, *range(26, 38), *range(39, 66)]  # "Rata-rata capaian" between rows 25 and 26
    out = _read(_salin(SUKABUMI, tmp_path, urutan=order))
    assert _rows_right(out, {order.index(r) + 1: row for r, row in _sukabumi_cells().items()}) == 24
    assert any(r == 26 and why.startswith("ringkasan") for r, why in out.bacaan.info["dilewati"])
    assert any(m.kode == "I51" and m.sel == "A26" and "Rata-rata" in m.pesan for m in out.masalah)


def test_satuan_written_inside_the_target_cell_is_read(tmp_path):
    """No satuan column: "52 jenis" in the year's target cell is target 52, satuan jenis."""
    edits = {f"I{r}": None for r in range(17, 45)} | {"M18": "52 jenis", "M17": "100 %"}
    out = _read(_salin(SUKABUMI, tmp_path, ubah=edits))
    year = out.bacaan.tabel.query("periode == 'tahun'").set_index("baris")
    assert (year.loc[18, "target"], year.loc[18, "satuan"]) == (52, "jenis")
    assert (year.loc[17, "target"], year.loc[17, "satuan"]) == (100, "%")


# --- found by an independent tester ---------------------------------------------------------------------


def test_a_quarter_headed_target_instead_of_realisasi_is_refused_not_read_as_realisasi(tmp_path):
    """'Target Kinerja Pada Triwulan' over (8)-(11) was accepted with O18 = 13 read as realisasi TW I."""
    out = _read(_salin(SUKABUMI, tmp_path, ubah={"O10": "Target Kinerja Pada Triwulan"}))
    assert out.ditolak and out.bacaan is None or out.bacaan.tabel.empty
    i02 = {m.sel for m in out.masalah if m.kode == "I02"}
    assert {"O13", "Q13", "S13", "U13"} <= i02, i02


def test_jumlah_written_in_the_indicator_column_is_a_summary_row_not_an_indicator(tmp_path):
    out = _read(_salin(SUKABUMI, tmp_path, ubah={"G25": "Jumlah", "H25": 999}))
    year = out.bacaan.tabel.query("periode == 'tahun'")
    assert 999 not in year["target_renstra"].tolist() and "Jumlah" not in year["indikator"].tolist()
    assert any(r == 25 and why.startswith("ringkasan") for r, why in out.bacaan.info["dilewati"])


def test_a_renja_without_merged_headers_is_a_located_message_not_a_program_error(tmp_path, capsys):
    """An unmerged copy (a paste without formats, an .xls from another program) ended in 'kesalahan
    program … Can only use .str accessor' because nothing was read; it is refused at its cells.
    (An unmerged copy with its group headings is read: tests/test_impor_lepas.py; this one has lost
    the heading over the quarters, so nothing says what (8)–(11) hold.)"""
    from kinerja.cli.perintah import main

    wb = openpyxl.load_workbook(SUKABUMI)
    ws = wb.worksheets[0]
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(rng))
    ws["O10"] = None
    path = tmp_path / "tanpa-gabung.xlsx"
    wb.save(path)
    code = main(["impor", "--periksa", str(path)])
    out = capsys.readouterr()
    assert code == 1 and "kesalahan program" not in out.out + out.err and "Traceback" not in out.err
    assert "sel " in out.out + out.err
