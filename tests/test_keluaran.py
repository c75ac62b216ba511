"""Every command's ``-o``: the one writer of kinerja.render.keluaran picks the format by the
suffix, writes each format the command's help names, and refuses any other suffix with exit
code 2, an Indonesian message naming the suffix and the accepted ones, and nothing written."""

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja.cli import main

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "data" / "contoh" / "capaian.csv"
RENJA = Path(__file__).parent / "data" / "impor" / "evaluasi-renja-bappedalitbang-2025.xlsx"

# command → its arguments (before -o) and the suffixes its help documents
PERINTAH = {
    "capaian": ([str(CONTOH)], (".csv", ".xlsx")),
    "template": (["pk", "pd"], (".xlsx",)),
    "impor": ([str(RENJA), "--jenis", "evaluasi-renja", "--unit", "bappeda", "--tahun", "2025", "--periksa"],
              (".csv", ".xlsx")),
    "kepatuhan": (["--tahun", "2026", "--bulan", "3"], (".csv", ".xlsx")),
    "peringkat": (["--tahun", "2026", "--bulan", "3"], (".csv", ".xlsx")),
    "keselarasan": (["--tahun", "2026", "--bulan", "3"], (".xlsx", ".html", ".htm", ".csv")),
    "peringatan-dini": (["--tahun", "2026", "--bulan", "6", "--semua"], (".csv", ".xlsx")),
}
_STORE = {"kepatuhan", "peringkat", "keselarasan", "peringatan-dini"}


def _args(perintah, db):
    args, _ = PERINTAH[perintah]
    return [perintah, *args, *(["--db", db] if perintah in _STORE else [])]


@pytest.mark.parametrize("perintah", list(PERINTAH))
def test_an_unknown_suffix_is_refused_naming_it_and_the_accepted_ones(perintah, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    # the refusal comes before the store is opened: this database does not exist
    assert main([*_args(perintah, f"sqlite:///{tmp_path / 'tidak-ada.sqlite'}"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    accepted = PERINTAH[perintah][1]
    shown = accepted[0] if len(accepted) == 1 else ", ".join(accepted[:-1]) + " atau " + accepted[-1]
    assert f"x.pdf: akhiran .pdf tidak dikenal untuk keluaran ini; pakai {shown}" in err, err
    assert "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_html_is_refused_where_the_help_does_not_name_it(tmp_path, capsys):
    """``kinerja kepatuhan -o x.html`` used to write CSV into x.html."""
    for perintah in ("capaian", "kepatuhan", "peringkat", "peringatan-dini", "impor", "template"):
        out = tmp_path / "x.html"
        assert main([*_args(perintah, "sqlite:///tidak-ada.sqlite"), "-o", str(out)]) == 2
        assert "akhiran .html tidak dikenal" in capsys.readouterr().err
        assert not out.exists()


def test_a_file_without_suffix_is_refused(tmp_path, capsys):
    assert main(["capaian", str(CONTOH), "-o", str(tmp_path / "hasil")]) == 2
    assert "hasil: tanpa akhiran tidak dikenal untuk keluaran ini; pakai .csv atau .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "hasil").exists()


def _check(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header = next(csv.reader(path.open(encoding="utf-8")))
        assert header and not path.read_text(encoding="utf-8").lstrip().startswith("<")
    elif suffix == ".xlsx":
        assert load_workbook(path).active.max_row >= 1
    else:
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("perintah", ["capaian", "template", "impor"])
def test_every_documented_suffix_is_written_in_its_format_without_a_store(perintah, tmp_path):
    for suffix in PERINTAH[perintah][1]:
        out = tmp_path / f"hasil{suffix.upper()}"  # the suffix is read whatever its case
        assert main([*_args(perintah, ""), "-o", str(out)]) == 0
        _check(out.with_suffix(suffix.upper()))


def test_every_documented_suffix_is_written_in_its_format_from_a_store(store, tmp_path):
    db = str(store.engine.url)
    for perintah in sorted(_STORE):
        for suffix in PERINTAH[perintah][1]:
            out = tmp_path / f"{perintah}{suffix}"
            assert main([*_args(perintah, db), "-o", str(out)]) == 0, perintah
            _check(out)
