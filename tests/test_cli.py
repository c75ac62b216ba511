"""`kinerja capaian` end to end, through the installed console command."""

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kinerja.core.berkas import tulis_atomik

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "data" / "contoh" / "capaian.csv"
KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"


def run(*args, cwd=None):
    return subprocess.run([KINERJA, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def rows(text):
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_example_table_to_stdout_csv():
    res = run("capaian", CONTOH)
    assert res.returncode == 0, res.stderr
    out = rows(res.stdout)
    header = next(csv.reader(io.StringIO(res.stdout), delimiter=";"))
    assert header == ["No", "Sasaran", "Indikator", "Polaritas", "Target", "Realisasi", "capaian", "predikat", "catatan"]
    by_no = {r["No"]: r for r in out}
    assert by_no["12"]["capaian"] == repr(35000e6 / 375e6).replace(".", ",")  # full precision, decimal comma
    assert by_no["13"]["capaian"] == "93,75"
    assert by_no["14"]["capaian"] == "92,0"
    assert by_no["17"]["capaian"] == repr(221.7 * 100 / 120).replace(".", ",")  # 184,75: no cap by default
    assert by_no["9"]["capaian"] == "75,0" and by_no["9"]["predikat"] == "Sedang"
    assert by_no["15"]["capaian"] == "" and "realisasi belum diisi" in by_no["15"]["catatan"]
    assert by_no["16"]["capaian"] == "" and '"12,5a"' in by_no["16"]["catatan"]
    assert by_no["4"]["capaian"] == "0,0" and "dilaporkan 0" in by_no["4"]["catatan"]
    assert by_no["1"]["Target"] == "6,50%"  # input columns exactly as written
    assert "17 baris: 15 capaian dihitung, 2 tanpa capaian" in res.stderr


def test_csv_output_file_has_no_thousands_separators(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("target;realisasi\n1.000.000;2.500.000\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    res = run("capaian", src, "-o", dst)
    assert res.returncode == 0, res.stderr
    assert rows(dst.read_text(encoding="utf-8"))[0]["capaian"] == "250,0"
    assert f"ditulis ke {dst}" in res.stderr


def test_xlsx_output_holds_real_numbers_with_indonesian_format(tmp_path):
    dst = tmp_path / "hasil.xlsx"
    res = run("capaian", CONTOH, "-o", dst)
    assert res.returncode == 0, res.stderr
    ws = load_workbook(dst).active
    header = [c.value for c in ws[1]]
    col = header.index("capaian") + 1
    pred = header.index("predikat") + 1
    cell = ws.cell(row=13, column=col)  # No 12
    assert isinstance(cell.value, float) and round(cell.value, 2) == 93.33
    assert cell.number_format == "#,##0.00"
    assert ws.cell(row=16, column=col).value is None  # undefined capaian stays empty
    assert ws.cell(row=2, column=pred).fill.fgColor.rgb.upper().endswith("1A7F37")  # Sangat Tinggi colour


def test_xlsx_input_numbers_and_percent_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Indikator", "TARGET", "Realisasi", "polaritas"])
    ws.append(["persen sel Excel", 0.8, 0.75, "positif"])
    ws.append(["teks", "80%", 0.75, "positif"])
    ws.append(["angka", 375000000, 350000000, "positif"])
    ws.append(["negatif", 6.5, "6,12", "negatif"])
    for r in (2, 3):
        ws.cell(row=r, column=3).number_format = "0.00%"
    ws.cell(row=2, column=2).number_format = "0%"
    src = tmp_path / "masukan.xlsx"
    wb.save(src)
    res = run("capaian", src)
    assert res.returncode == 0, res.stderr
    got = [float(r["capaian"].replace(",", ".")) for r in rows(res.stdout)]
    assert got[0] == 93.75 and got[1] == 93.75  # a 75% cell is 75, matching "80%" text
    assert round(got[2], 2) == 93.33
    assert got[3] == pytest.approx((13 - 6.12) / 6.5 * 100)


def test_sheet_option_and_missing_sheet(tmp_path):
    wb = Workbook()
    wb.active.title = "Sampul"
    wb.active.append(["judul"])
    ws = wb.create_sheet("Data")
    ws.append(["target", "realisasi"])
    ws.append([10, 5])
    src = tmp_path / "dua.xlsx"
    wb.save(src)
    res = run("capaian", src, "--lembar", "Data")
    assert res.returncode == 0 and rows(res.stdout)[0]["capaian"] == "50,0"
    res = run("capaian", src, "--lembar", "Tidak Ada")
    assert res.returncode == 2 and "lembar 'Tidak Ada' tidak ada" in res.stderr


def test_options_cap_scale_and_decimal(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("target,realisasi\n100,150\n1.000,900\n", encoding="utf-8")
    res = run("capaian", src, "--batas-capaian", "120", "--skala", "lke-akip", "--desimal", "titik")
    assert res.returncode == 0, res.stderr
    first, second = rows(res.stdout)
    assert first["capaian"] == "120,0" and "dibatasi" in first["catatan"] and first["predikat"] == "AA"
    assert second["capaian"] == "120,0"
    res = run("capaian", src, "--desimal", "titik")
    assert rows(res.stdout)[1]["capaian"] == "90000,0"  # "1.000" read as one: dot decimals forced
    res = run("capaian", src)
    assert rows(res.stdout)[1]["capaian"] == "90,0"  # "1.000" read as one thousand, flagged
    assert "pemisah ribuan" in rows(res.stdout)[1]["catatan"]


def test_unreadable_file_exits_non_zero_with_reason(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    res = run("capaian", bad)
    assert res.returncode == 2 and "rusak.xlsx: bukan berkas Excel" in res.stderr and res.stdout == ""
    res = run("capaian", tmp_path / "hilang.csv")
    assert res.returncode == 2 and "berkas tidak ditemukan" in res.stderr
    other = tmp_path / "data.json"
    other.write_text("{}")
    res = run("capaian", other)
    assert res.returncode == 2 and "tidak didukung" in res.stderr


def test_missing_column_names_the_file_and_the_columns(tmp_path):
    src = tmp_path / "kurang.csv"
    src.write_text("target;nilai\n1;2\n", encoding="utf-8")
    res = run("capaian", src)
    assert res.returncode == 2
    assert "kurang.csv: kolom 'realisasi' tidak ditemukan; kolom yang ada: 'target', 'nilai'" in res.stderr


def test_failed_run_leaves_existing_output_untouched(tmp_path):
    dst = tmp_path / "hasil.csv"
    dst.write_text("lama\n", encoding="utf-8")
    src = tmp_path / "kurang.csv"
    src.write_text("target\n1\n", encoding="utf-8")
    assert run("capaian", src, "-o", dst).returncode == 2
    assert dst.read_text(encoding="utf-8") == "lama\n"
    res = run("capaian", CONTOH, "-o", tmp_path / "hasil.pdf")
    assert res.returncode == 2 and "akhiran .pdf tidak dikenal untuk keluaran ini; pakai .csv atau .xlsx" in res.stderr
    assert not (tmp_path / "hasil.pdf").exists()


def test_atomic_write_removes_temporary_file_on_failure(tmp_path):
    dst = tmp_path / "x.csv"

    def boom(tmp):
        tmp.write_text("setengah")
        raise RuntimeError("gagal")

    with pytest.raises(RuntimeError):
        tulis_atomik(dst, boom)
    assert list(tmp_path.iterdir()) == []


def test_csv_encodings_and_delimiters(tmp_path):
    src = tmp_path / "win.csv"
    src.write_bytes("indikator,target,realisasi\n\"Cakupan, desa\",\"80,5\",\"80,5\"\nJalan\u00b2,10,5\n".encode("cp1252"))
    res = run("capaian", src)
    assert res.returncode == 0, res.stderr
    out = rows(res.stdout)
    assert out[0]["indikator"] == "Cakupan, desa" and out[0]["capaian"] == "100,0"
    assert out[1]["indikator"] == "Jalan\u00b2" and out[1]["capaian"] == "50,0"


def test_help_and_errors_are_in_indonesian():
    res = run("capaian", "--help")
    assert res.returncode == 0 and "penggunaan: kinerja capaian" in res.stdout and "usage" not in res.stdout
    assert "hitung" in res.stdout.lower() and "opsi:" in res.stdout
    res = run("capaian")
    assert res.returncode == 2 and "argumen berikut wajib diisi: MASUKAN" in res.stderr
    res = run("capaian", CONTOH, "--desimal", "spasi")
    assert res.returncode == 2 and "tidak sah" in res.stderr
    res = run("hitung")
    assert res.returncode == 2 and "galat" in res.stderr


def test_table_view_uses_indonesian_numbers():
    res = run("capaian", CONTOH, "--tabel")
    assert res.returncode == 0
    assert "93,33%" in res.stdout and "184,75%" in res.stdout and "No;Sasaran" not in res.stdout


def test_scale_listing():
    res = run("skala")
    assert res.returncode == 0 and "permendagri-86-2017: Permendagri 86/2017: Sangat Tinggi (> 90)" in res.stdout


def test_no_command_falls_back_to_the_fictional_sample(tmp_path):
    """Without --db or $KINERJA_DB the default store is used, and an empty one says how to fill it."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    res = subprocess.run([KINERJA, "batch", "--tahun", "2026", "--bulan", "9", "--tanpa-pdf"], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert f"sqlite:///{tmp_path.resolve()}/outputs/kinerja.sqlite" in res.stderr  # which store, said
    assert "belum ada" in res.stderr and "kinerja sample" in res.stderr and "kinerja ingest" in res.stderr
    assert "Nusa Rekaan" not in res.stdout
    assert not (tmp_path / "outputs" / "2026").exists()


def test_a_password_in_the_store_url_is_never_printed(tmp_path):
    url = "postgresql+psycopg://kinerja:rahasia-sekali@127.0.0.1:9/kinerja"
    for argv in (["ringkasan", "--db", url], ["kepatuhan", "--tahun", "2026", "--bulan", "1", "--db", url]):
        res = subprocess.run([KINERJA, *argv], capture_output=True, text=True, timeout=120)
        assert res.returncode == 2
        assert "rahasia-sekali" not in res.stdout + res.stderr and "kinerja:***@" in res.stderr


def test_xlsx_table_limits(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["target", "realisasi"] + [f"k{i}" for i in range(600)])
    ws.append(["80", "70"])
    wb.save(tmp_path / "lebar.xlsx")
    res = subprocess.run([KINERJA, "capaian", str(tmp_path / "lebar.xlsx")], capture_output=True, text=True)
    assert res.returncode == 2 and "500 kolom" in res.stderr
    wb = Workbook()
    wb.active.append(["target", "realisasi"])
    wb.active.append(["80", "70"])
    wb.save(tmp_path / "sempit.xlsx")
    res = subprocess.run([KINERJA, "capaian", str(tmp_path / "sempit.xlsx")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
