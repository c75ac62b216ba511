"""Ranking of perangkat daerah: each component computed independently from the store,
the composite from the weights file, units without data, the command line."""

import math
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.analisis import dari_store as analisis
from kinerja.contoh import store as contoh
from kinerja.core.errors import KinerjaError
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.analisis.peringkat import muat_bobot_peringkat, peringkat

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH


@pytest.fixture(scope="module")
def tabel():
    return peringkat(contoh.store_contoh(TAHUN, BULAN), TAHUN, BULAN)


def test_forty_units_ranked_best_first(tabel):
    assert len(tabel) == 40 and tabel["peringkat"].tolist() == sorted(tabel["peringkat"].tolist())
    assert tabel["nilai"].is_monotonic_decreasing and tabel["peringkat"].iloc[0] == 1
    assert "peringkat_provinsi" not in tabel  # one kabupaten


def test_components_agree_with_an_independent_reading_of_the_store(tabel):
    store = contoh.store_contoh(TAHUN, BULAN)
    row = tabel.set_index("unit_kode").loc["dispar"]
    kum = analisis.capaian_kumulatif(store, "dispar", TAHUN, BULAN)
    # capaian: sasaran means of the counted indicators, then their mean; at most 100
    counted = kum[kum["dihitung"]]
    rolled = counted.groupby("sasaran")["capaian"].mean().mean()
    assert math.isclose(row["capaian"], rolled) and math.isclose(row["skor_capaian"], min(rolled, 100))
    # penyerapan against the plan for the same months
    money = analisis.anggaran_program(store, "dispar", TAHUN)
    now = money[money["bulan"] == BULAN]
    spent = now["realisasi_kumulatif"].sum() / now["pagu"].sum() * 100
    plan = now["target_kumulatif"].sum() / now["pagu"].sum() * 100
    assert math.isclose(row["skor_penyerapan"], max(0, 100 - abs(spent - plan)))
    # kepatuhan: every month January to September
    months = kepatuhan(store, TAHUN, list(range(1, BULAN + 1)), "dispar")["status"]
    points = months.map({"tepat waktu": 100, "terlambat": 50, "belum menyampaikan": 0})
    assert math.isclose(row["skor_kepatuhan"], points.mean())
    assert (row["tepat_waktu"], row["terlambat"], row["belum"]) == tuple(
        int((months == s).sum()) for s in ("tepat waktu", "terlambat", "belum menyampaikan"))
    # kualitas: reported share of expected indicator-months × share not waiting for verification
    reported = kum["bulan_lapor"].sum()
    expected = reported + kum["bulan_kosong"].map(len).sum()
    flagged = (kum["verifikasi"].map(len) > 0).sum()
    assert math.isclose(row["skor_kualitas"], 100 * reported / expected * (1 - flagged / len(kum)))
    assert flagged >= 1  # the sample's deliberate typo lowers Dinas Pariwisata's data quality
    w = muat_bobot_peringkat()
    expect = sum(w[c] * row[f"skor_{c}"] for c in w) / sum(w.values())
    assert math.isclose(row["nilai"], expect)


def test_weights_are_data(tmp_path):
    store = contoh.store_contoh(TAHUN, BULAN)
    only = peringkat(store, TAHUN, BULAN, bobot={"capaian": 0, "penyerapan": 0, "kepatuhan": 1, "kualitas": 0})
    assert (only["nilai"] == only["skor_kepatuhan"]).all()
    path = tmp_path / "peringkat.yaml"
    path.write_text("bobot:\n  capaian: 1\n  keindahan: 2\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match="peringkat.yaml: kunci 'bobot.keindahan' tidak dikenal"):
        muat_bobot_peringkat(path)
    path.write_text("bobot:\n  capaian: -1\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match=r"bobot\.capaian harus angka ≥ 0 \(tidak boleh negatif\)"):
        muat_bobot_peringkat(path)


def test_a_unit_without_capaian_is_listed_last_unranked(monkeypatch):
    """Dinas Pariwisata's only measurable indicators made unmeasurable: it stays in the list, unranked."""
    from kinerja.analisis import peringkat as modul

    real = analisis.capaian_kumulatif

    def tanpa(store, unit, tahun, bulan, skala=None):
        kum = real(store, unit, tahun, bulan, skala) if skala is not None else real(store, unit, tahun, bulan)
        return kum.assign(dihitung=kum["dihitung"] & (kum["unit_kode"] != "dispar"))

    monkeypatch.setattr(modul.analisis, "capaian_kumulatif", tanpa)
    table = peringkat(contoh.store_contoh(TAHUN, BULAN), TAHUN, BULAN)
    last = table.iloc[-1]
    assert last["unit_kode"] == "dispar" and pd.isna(last["peringkat"]) and pd.isna(last["nilai"])
    assert "tidak diperingkat" in last["catatan"] and table["peringkat"].iloc[:-1].max() == 39


def test_cli_prints_and_writes_the_ranking(tmp_path):
    db = contoh.store_contoh(TAHUN, BULAN).url
    out = tmp_path / "peringkat.xlsx"
    done = subprocess.run([KINERJA, "peringkat", "--tahun", str(TAHUN), "--bulan", str(BULAN), "--db", db,
                           "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Peringkat perangkat daerah, Januari s.d. September 2026 (40 perangkat daerah" in lines[0]
    assert len([line for line in lines if line[:4].strip().isdigit()]) == 40
    assert "," in lines[2] and "." not in lines[2].split()[-5]  # Indonesian decimals
    ws = load_workbook(out)["Peringkat"]
    assert ws.max_row == 41 and ws["A1"].value == "Peringkat" and ws["B1"].value == "Perangkat Daerah"
    assert ws["A2"].value == 1 and ws["C2"].number_format == "#,##0.00"
    bad = subprocess.run([KINERJA, "peringkat", "--tahun", str(TAHUN), "--bulan", "13", "--db", db],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "bulan harus 1–12" in bad.stderr and "Traceback" not in bad.stderr
