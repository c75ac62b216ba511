"""What keeps the pages quick (issue 25: a unit change ≤ 300 ms), without a browser: a unit
change queries nothing, and Perangkat Daerah sends the chart before the rest of the unit's
update, its phone layout last; Ringkasan computes its indicators once. The figures themselves are
in benchmarks/bench_halaman.py."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.figure import Figure
from sqlalchemy import event

from kinerja.halaman import perangkat_daerah as halaman_pd
from kinerja.halaman.perangkat_daerah import perangkat_daerah
from kinerja.halaman.ringkasan_kabupaten import ringkasan_kabupaten
from kinerja.halaman.tren import tren
from test_dasbor import _walk, k  # noqa: F401 - the pages' context on the small store, and their widget tree


def _kelas(page, kelas: str):
    return next(w for w in _walk(page) if kelas in getattr(w, "_dom_classes", ()))


def _gambar(html: str) -> list[str]:
    """The PNGs (base64) of a chart's two layouts, wide first."""
    return re.findall(r'(?:src|srcset)="data:image/png;base64,([^"]+)"', html)[::-1]


@pytest.mark.parametrize("buat", [perangkat_daerah, tren, ringkasan_kabupaten], ids=lambda f: f.__name__)
def test_a_unit_change_reads_nothing_from_the_store(k, buat):
    """Every unit is read once when the page is built; a choice only slices what was read (Tren
    read the store again for a unit without several years of data)."""
    page = buat(k)
    pilih = _kelas(page, "kinerja-pilih-unit")
    kueri = []
    event.listen(k.store.engine, "before_cursor_execute", lambda *args: kueri.append(args[2]))
    for _, kode in pilih.options[1:6]:  # Dinas Kesehatan has data, the others none
        pilih.value = kode
    pilih.value = "dinkes"
    assert kueri == []


def test_perangkat_daerah_sends_the_chart_before_the_craapk_and_its_phone_layout_last(k, monkeypatch):
    page = perangkat_daerah(k)
    pilih, chart = _kelas(page, "kinerja-pilih-unit"), _kelas(page, "kinerja-grafik-bulanan")
    units = k.store.current("unit")
    pilih.value = units[(units["jenis"] == "perangkat_daerah") & (units["kode"] != "dinkes")]["kode"].iloc[0]  # no data
    assert chart.value == "" and chart.layout.display == "none"
    shown, draws = [], []
    assembled, savefig = halaman_pd.craapk_dari_data, Figure.savefig
    monkeypatch.setattr(halaman_pd, "craapk_dari_data", lambda *a, **kw: shown.append(chart.value) or assembled(*a, **kw))
    monkeypatch.setattr(Figure, "savefig", lambda fig, *a, **kw: draws.append(fig) or savefig(fig, *a, **kw))
    chart.observe(lambda change: shown.append(change["new"]), names="value")
    pilih.value = "dinkes"
    # The chart was on the page (its wide layout standing in for both) before the CRAAPK was assembled ...
    assert _gambar(shown[0]) and len(set(_gambar(shown[0]))) == 1 and shown[1] == shown[0]
    # ... and the phone's own layout came once the rest was sent: two drawings, one per layout.
    wide, phone = _gambar(shown[-1])
    assert wide == _gambar(shown[0])[0] and phone != wide and len(draws) == 2
    assert "Dinas Kesehatan" in _kelas(page, "kinerja-ringkasan-unit").value
    assert chart.layout.display is None


def test_perangkat_daerah_assembles_each_unit_from_tables_computed_once(k, monkeypatch):
    """The efficiency per sasaran is computed for every unit when the page is built, not per
    choice, and each unit's slice is what the unit's own computation gives."""
    from kinerja.analisis import dari_store as analisis

    bagian, craapk = halaman_pd._craapk_per_unit(k)
    part = bagian("dinkes")
    sendiri = analisis.efisiensi_sasaran(part["kumulatif"], part["bulanan"], part["anggaran"], k.bulan)
    assert not sendiri.empty
    monkeypatch.setattr(analisis, "efisiensi_sasaran", lambda *a: pytest.fail("computed again for one unit"))
    lap = craapk("dinkes", part)
    # the same values ("dibagi" is of dtype object in the table of every unit: NaN where a unit has no money)
    pd.testing.assert_frame_equal(lap.efisiensi.reset_index(drop=True), sendiri.reset_index(drop=True),
                                  check_dtype=False)


def test_ringkasan_reads_the_indicators_once_per_period(k, monkeypatch):
    """The table per perangkat daerah reuses the page's indicators (it computed them again)."""
    import kinerja.analisis.dari_store.ringkasan as ringkasan

    monkeypatch.setattr(ringkasan, "capaian_kumulatif", lambda *a, **kw: pytest.fail("indicators computed again"))
    assert any("kinerja-jumlah-pd" in str(getattr(w, "value", "")) for w in _walk(ringkasan_kabupaten(k)))  # the cards
