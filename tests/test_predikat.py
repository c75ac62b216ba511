"""Predikat scales: every boundary of the shipped scales, and checking of YAML files."""

import numpy as np
import pytest

from kinerja import KinerjaError, muat_skala
from kinerja.core.predikat import daftar_skala


@pytest.mark.parametrize(
    "value,label",
    [
        (184.75, "Sangat Tinggi"), (100.0, "Sangat Tinggi"), (90.01, "Sangat Tinggi"), (90.0, "Tinggi"),
        (75.01, "Tinggi"), (75.0, "Sedang"), (65.01, "Sedang"), (65.0, "Rendah"), (50.01, "Rendah"),
        (50.0, "Sangat Rendah"), (0.0, "Sangat Rendah"), (-5.0, "Sangat Rendah"),
    ],
)
def test_permendagri_86_2017_edges(value, label):
    assert muat_skala().predikat(np.array([value]))[0] == label


@pytest.mark.parametrize(
    "value,label",
    [(95, "AA"), (90.01, "AA"), (90, "A"), (80.01, "A"), (80, "BB"), (70.5, "BB"), (70, "B"), (60.01, "B"),
     (60, "CC"), (50.01, "CC"), (50, "C"), (30.01, "C"), (30, "D"), (0, "D")],
)
def test_lke_akip_edges(value, label):
    assert muat_skala("lke-akip").predikat(np.array([float(value)]))[0] == label


def test_nan_has_no_predikat_and_colours_follow_labels():
    skala = muat_skala()
    labels = skala.predikat(np.array([np.nan, 95.0]))
    assert labels[0] is None and labels[1] == "Sangat Tinggi"
    colours = skala.warna(np.array([95.0, 10.0]))
    assert colours.tolist() == [skala.warna_label["Sangat Tinggi"], skala.warna_label["Sangat Rendah"]]


def test_shipped_scales_are_listed():
    assert {"permendagri-86-2017", "lke-akip", "contoh-kabupaten"} <= set(daftar_skala())


def test_inclusive_bound(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("nama: uji\nkelas:\n  - label: Baik\n    minimal: 80\n  - label: Kurang\n", encoding="utf-8")
    skala = muat_skala(f)
    assert skala.predikat(np.array([80.0, 79.99])).tolist() == ["Baik", "Kurang"]


@pytest.mark.parametrize(
    "body,message",
    [
        ("nama: x\n", "kelas"),
        ("kelas:\n  - label: A\n    lebih_dari: 50\n  - label: B\n    lebih_dari: 10\n", "terakhir"),
        ("kelas:\n  - label: A\n  - label: B\n", "tepat satu"),
        ("kelas:\n  - label: A\n    lebih_dari: 50\n    minimal: 50\n  - label: B\n", "tepat satu"),
        ("kelas:\n  - label: A\n    lebih_dari: 10\n  - label: B\n    lebih_dari: 50\n  - label: C\n", "menurun"),
        ("kelas:\n  - label: A\n    lebih_dari: lima\n  - label: B\n", r"kelas\[1\]\.lebih_dari harus angka, bukan .lima."),
        ("kelas:\n  - label: A\n    lebih_dari: 5\n  - label: A\n", "kembar"),
        ("kelas: [\n", "tidak dapat dibaca"),
    ],
)
def test_bad_scale_files_are_rejected_with_reason(tmp_path, body, message):
    f = tmp_path / "buruk.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(KinerjaError, match=message):
        muat_skala(f)


def test_unknown_or_unsafe_scale_name():
    with pytest.raises(KinerjaError, match="tidak ditemukan"):
        muat_skala("tidak-ada")
    with pytest.raises(KinerjaError, match="tidak sah"):
        muat_skala("../../etc/passwd")
