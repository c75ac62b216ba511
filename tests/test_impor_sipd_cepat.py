"""The SIPD reader's once-per-distinct-value helper (issue #22 item 8) gives per-row answers."""

import datetime as dt

import numpy as np
import pandas as pd

from kinerja.impor.sipd_jumlah import per_nilai


def test_per_nilai_keeps_values_that_hash_alike_apart_by_type():
    values = pd.Series([1, 1.0, True, "1", None, np.nan, 1, dt.date(2025, 1, 5)], dtype=object)
    got = per_nilai(lambda vs: [repr(v) for v in vs], values)
    assert list(got) == [repr(v) for v in values]


def test_per_nilai_on_pairs_and_on_nothing():
    a = pd.Series(["1.01", "1.01", "1.02", None], dtype=object)
    b = pd.Series(["1", "2", "1", "1"], dtype=object)
    got = per_nilai(lambda xs, ys: [str(x).startswith(f"{y}.") for x, y in zip(xs, ys)], a, b)
    assert list(got) == [True, False, True, False]
    assert len(per_nilai(lambda v: list(v), pd.Series([], dtype=object))) == 0


def test_per_nilai_skips_the_type_only_where_no_two_types_can_be_alike():
    texts = pd.Series(["a", None, "a", "b", None], dtype=object)  # text and None: never alike
    assert list(per_nilai(lambda vs: [repr(v) for v in vs], texts)) == [repr(v) for v in texts]
    blanks = pd.Series(["a", None, np.nan, None], dtype=object)  # None and NaN are both blank to factorize
    assert list(per_nilai(lambda vs: [repr(v) for v in vs], blanks)) == ["'a'", "None", "nan", "None"]


def test_fast_column_of_calamine_rows_is_what_get_gives_cell_by_cell():
    from kinerja.impor.format import NilaiBaris

    rows = [["No", "Tanggal", ""], [1.0, dt.date(2025, 1, 5), ""], ["", "x", None], [2.0, "", "z"]]
    for values in (NilaiBaris(rows), NilaiBaris([*rows, ["short"]])):  # alike rows, and one shorter row
        for c in range(1, 5):
            for span in (range(1, 6), range(2, 4), range(3, 9)):
                assert values.kolom(c, span) == [values.get((r, c)) for r in span], (c, span)


def test_row_numbers_found_as_grid_text_finds_them():
    from kinerja.impor.lembar import Grid
    from kinerja.impor.sipd import _nomor_urut

    cells = [1.0, 0.0, -0.0, -1.0, 2.5, 7, -7, True, False, " 12 ", "1 2", "12a", "", "No", None,
             dt.datetime(2025, 1, 5), float("inf"), float("nan"), "\u0661\u0662"]
    grid = Grid("Data", {(r, 1): v for r, v in enumerate(cells, start=1) if v is not None})
    want = [pd.Series([grid.teks(r, 1, gabung=False)]).str.fullmatch(r"\d+").iloc[0]
            for r in range(1, len(cells) + 1)]
    assert _nomor_urut(grid.kolom(1, range(1, len(cells) + 1))).tolist() == want


def test_filled_cells_found_per_distinct_value_as_per_cell():
    from kinerja.impor.sipd_jumlah import _ada, ada_nilai

    values = ["a", " ", "", None, np.nan, pd.NA, "None", " None ", 0, 0.0, False, 1, True, "a"]
    assert ada_nilai(pd.Series(values, dtype=object)).tolist() == [_ada(v) for v in values]


def test_sums_per_level_are_a_groupby_s_without_one():
    from kinerja.impor.sipd_jumlah import _kode_kolom, _level_sums

    frame = pd.DataFrame({
        "nama_skpd": pd.Series(["A", "A", None, "A", None, "B"], dtype=object),
        "nama_program": pd.Series(["p", "q", "p", "p", "p", np.nan], dtype=object),
        "periode": ["B01", "B01", "B01", "B02", "B01", "B01"],
        "_baris": [5, 6, 7, 9, 8, 10],
        "_sen_pagu": pd.array([100, 250, None, 7, 3, None], dtype="Int64")})
    keys, nilai = ["nama_skpd", "nama_program"], {"pagu": ("_sen_pagu", 9)}
    got = _level_sums(frame, keys, nilai, "Data", {c: _kode_kolom(frame, c) for c in [*keys, "periode"]})
    grouped = frame.groupby([*keys, "periode"], dropna=False, sort=False)
    want = grouped.agg(baris=("_baris", "min"), n=("_baris", "size")).reset_index()
    assert got[[*keys, "periode", "baris", "n"]].astype(str).equals(want.astype(str))
    assert got["pagu"].tolist() == grouped["_sen_pagu"].sum(min_count=1).tolist()
    assert got["_kosong_pagu"].tolist() == (want["n"] - grouped["_sen_pagu"].count().to_numpy()).tolist()
    assert got["sel_pagu"].fillna("-").tolist() == ["Data!I5", "Data!I6", "Data!I8", "Data!I9", "-"]  # (I7 blank)


def test_rupiah_with_thousands_dots_are_read_without_a_call_per_value_as_parse_value_reads_them(monkeypatch):
    """An export's amounts ("47.205.709,00") were each read by the scalar parser: ±0,6 s of a 50.000-row
    export's first read (hidden in a warm process by parse_value's cache). Fails on main (the scalar
    parser is called for them)."""
    import random

    from kinerja.core import parsing_kolom
    from kinerja.core.parsing import parse_value

    rnd = random.Random(3)
    def one() -> str:
        groups = "".join(f".{rnd.randrange(1000):03d}" for _ in range(rnd.randrange(1, 5)))
        return rnd.choice(["", "-"]) + str(rnd.randrange(1, 1000)) + groups + rnd.choice(["", ",00", ",5", ",07"])

    grouped = [one() for _ in range(300)]
    odd = ["1.234", "0.123.456", "001.234,5", "1.23.4", "1.234.567,00 %", "Rp 1.500.000", "−1.234.567", "12,", None]
    want = {d: [parse_value(v, d) for v in grouped + odd] for d in (None, "koma", "titik")}
    asked = []
    monkeypatch.setattr(parsing_kolom, "parse_value", lambda v, d=None: asked.append(v) or parse_value(v, d))
    for desimal, ref in want.items():
        asked.clear()
        got = parsing_kolom.parse_series(pd.Series(grouped + odd, dtype=object), desimal)
        for i, r in enumerate(ref):
            row = got.iloc[i]
            assert (str(row["jenis"]), row["satuan"], bool(row["ambigu"])) == (r.jenis, r.satuan, r.ambigu), i
            assert row["nilai"] == r.nilai or (np.isnan(row["nilai"]) and np.isnan(r.nilai)), (grouped + odd)[i]
        if desimal != "titik":  # ("688.163", one group and no decimals, is ambiguous: the scalar parser flags it)
            sure = {v for v in grouped if v.count(".") > 1 or "," in v}
            assert sure and not set(asked) & sure, sorted(set(asked) & sure)[:3]
