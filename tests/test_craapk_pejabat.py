"""A pejabat's CRAAPK and the LKjIP's opening as a signer reads them: no heading over nothing, the
pejabat's budget lines named as the kegiatan they are, no sentence about how the data were kept."""

from __future__ import annotations

import json
from pathlib import Path

import kinerja
from kinerja.render.tabel import Tabel
from tests.bersama import TAHUN

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_a_pejabat_craapk_says_why_it_has_no_submissions_table_and_names_kegiatan(store):
    lap = kinerja.craapk(store, "dinkes-kesmas", TAHUN, 3)
    bagian = lap.penyampaian()
    assert not isinstance(bagian, Tabel)  # a pejabat sends no CRAAPK of his own: said, not a bare heading
    assert "dijenjangkan dari CRAAPK perangkat daerahnya" in bagian.data
    anggaran = lap.tabel_anggaran()
    assert "Program" not in anggaran.data.columns and "Kegiatan" in anggaran.data.columns
    assert "per kegiatan" in anggaran.judul
    pd_ = kinerja.craapk(store, "dinkes", TAHUN, 3)
    assert isinstance(pd_.penyampaian(), Tabel) and "Program" in pd_.tabel_anggaran().data.columns


def test_the_craapk_notebook_shows_the_section_not_a_bare_table_call():
    sources = ["".join(c["source"]) for c in json.loads((NOTEBOOKS / "craapk.ipynb").read_text())["cells"]]
    assert "lap.penyampaian()" in sources and "lap.tabel_kepatuhan()" not in sources


def test_the_lkjip_kata_pengantar_holds_no_word_on_how_data_were_kept():
    text = (NOTEBOOKS / "lkjip.ipynb").read_text(encoding="utf-8")
    assert "data pengukuran kinerja yang tersimpan" not in text
