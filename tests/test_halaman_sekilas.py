"""Pages an official reads at a glance (#25 items 5 and 8), without a browser: the home page
by role, the period chosen on the page, Ringkasan's first screen, causes of gaps, contrast,
labels and titles of charts, a missing chart, the latest choice, download names, the trend
read once, and the explorer."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import BULAN, TAHUN
from kinerja.core.formatting import nama_bulan
from kinerja.core.predikat import muat_skala
from kinerja.halaman import dasbor
from kinerja.halaman.kerangka import beranda, pilihan_bulan
from kinerja.halaman.penjelajah import penjelajah
from kinerja.halaman.perangkat_daerah import _berkas
from kinerja.halaman.peringkat import peringkat
from kinerja.halaman.ringkasan_kabupaten import _tabel_kesenjangan, ringkasan_kabupaten
from kinerja.halaman.tren import tren
from kinerja.halaman.widget import tampilkan_grafik, terbaru
from kinerja.render import grafik
from kinerja.render.html import kontras
from kinerja.render.tabel import Tabel


@pytest.fixture
def k(store, tmp_path) -> dasbor.Konteks:
    return dasbor.Konteks(store, TAHUN, BULAN, muat_skala("permendagri-86-2017"), tmp_path)


def _walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _walk(child)


def _kelas(page) -> dict:
    return {c: w for w in _walk(page) for c in getattr(w, "_dom_classes", ())}


def _teks(page) -> str:
    return " ".join(str(w.value) for w in _walk(page) if isinstance(getattr(w, "value", None), str))


@pytest.mark.parametrize("env,tampil,tidak", [
    ({}, ["ringkasan_kabupaten", "perangkat_daerah", "tren", "peringkat", "pohon_kinerja", "evaluasi_akip",
          "kirim_formulir"], []),
    ({"KINERJA_AKSES": "pribadi", "KINERJA_PERAN": "unit", "KINERJA_UNIT": "dinkes"},
     ["perangkat_daerah", "tren", "kirim_formulir"], ["ringkasan_kabupaten", "peringkat", "evaluasi_akip"]),
    ({"KINERJA_AKSES": "pribadi", "KINERJA_PERAN": "pimpinan"},
     ["ringkasan_kabupaten", "perangkat_daerah", "tren", "peringkat"], ["kirim_formulir"]),
])
def test_home_page_links_the_pages_of_the_visitors_role(k, monkeypatch, env, tampil, tidak):
    for name in ("KINERJA_AKSES", "KINERJA_PERAN", "KINERJA_UNIT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    html = _kelas(beranda(k))["kinerja-beranda"].value
    links = re.findall(r'class="kinerja-tautan-beranda" href="([a-z_]+)\.ipynb"', html)
    assert links == tampil if not tidak else set(tampil) <= set(links) and not set(tidak) & set(links)
    assert "Kinerja Pemerintah Daerah" in html and "Pilih halaman" in html  # Indonesian, no file list
    if env.get("KINERJA_PERAN") == "unit":
        assert "Dinas Kesehatan" in html


def test_every_page_has_the_header_and_the_period_is_chosen_among_the_stores(k):
    page = peringkat(k)
    w = _kelas(page)
    nav = w["kinerja-kepala"].value
    period = f"tahun={TAHUN}&amp;bulan={BULAN}"  # every link carries the page's period
    assert f'href="beranda.ipynb?{period}"' in nav and f'href="tren.ipynb?{period}"' in nav
    assert 'aria-current="page"' in nav
    assert w["kinerja-pilih-tahun"].options == ((str(TAHUN), TAHUN),)
    months = sorted(set(k.store.current("realisasi", tahun=TAHUN)["bulan"].dropna().astype(int)))
    assert w["kinerja-pilih-bulan"].options == tuple(pilihan_bulan(months)) and w["kinerja-pilih-bulan"].value == BULAN
    assert f"s.d. {nama_bulan(BULAN)} {TAHUN}" in _teks(page)
    w["kinerja-pilih-bulan"].value = months[0]  # an earlier month: the content is built again for it
    assert f"s.d. {nama_bulan(months[0])} {TAHUN}" in _teks(page)
    assert f"s.d. {nama_bulan(BULAN)} {TAHUN}" not in _teks(page)
    assert f'href="tren.ipynb?tahun={TAHUN}&amp;bulan={months[0]}"' in w["kinerja-kepala"].value


def test_ringkasan_first_screen_holds_cards_gaps_and_the_unit_picker(k):
    order = [c for w in _walk(ringkasan_kabupaten(k)) for c in getattr(w, "_dom_classes", ())]
    assert order.index("kinerja-pilih-unit") < order.index("kinerja-detail") < order.index("kinerja-kesenjangan")
    assert order.index("kinerja-kesenjangan") < min(order.index(c) for c in (
        "kinerja-peringatan-dini", "kinerja-verifikasi", "kinerja-tabel-pd", "kinerja-peta"))


def test_the_cause_of_a_gap_is_a_faktor_penghambat_never_a_pendukung(k):
    semua = dasbor.semua_indikator(k)
    below = dasbor.kesenjangan(k, data=semua[semua["jenis_unit"] == "perangkat_daerah"], n=1)
    row = (semua["unit_kode"] == below["unit_kode"].iloc[0]) & (semua["indikator_kode"] == below["indikator_kode"].iloc[0])
    semua.loc[row, "keterangan"] = pd.Series([["Faktor pendukung: kader posyandu aktif",
                                               "Faktor penghambat: rujukan terlambat"]] * int(row.sum()),
                                             index=semua.index[row])
    semua.loc[row, "keterangan_kosong"] = pd.Series([[]] * int(row.sum()), index=semua.index[row])
    table = _tabel_kesenjangan(k, semua).data
    sebab = table[[c for c in table.columns if c.startswith("Sebab")][0]].iloc[0]
    assert "rujukan terlambat" in sebab and "kader posyandu" not in sebab


def test_predikat_cells_are_readable_on_every_colour_of_every_scale():
    for nama in ("permendagri-86-2017", "contoh-kabupaten"):
        skala = muat_skala(nama)
        html = Tabel(pd.DataFrame({"Predikat": list(skala.warna_label)}), predikat="Predikat", skala=skala).html()
        cells = re.findall(r"background-color: (#[0-9a-fA-F]{6}); color: ([#\w]+)", html)
        assert len(cells) == len(skala.warna_label)
        for latar, teks in cells:
            teks = {"white": "#ffffff", "black": "#000000"}.get(teks, teks)
            assert kontras(latar, teks) >= 4.5, (nama, latar, teks)


def test_scatter_labels_never_overlap_or_leave_the_axes():
    rng = np.random.default_rng(1)
    n = 40
    data = pd.DataFrame({"nama": [f"Dinas Pemuda dan Olahraga Bagian {i}" for i in range(n)],
                         "capaian": 95 + rng.normal(0, 3, n), "penyerapan": 50 + rng.normal(0, 4, n),
                         "rencana_penyerapan": 50.0, "warna": "#1a7f37"})
    for args in ({}, {"label": [str(i) for i in range(1, n + 1)], "lebar": 4.6, "huruf": 10}):
        fig = grafik.grafik_kuadran(data, **args)
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        ax = fig.axes[0]
        box = ax.get_window_extent(r)
        boxes = [t.get_window_extent(r) for t in ax.texts]
        assert boxes, "no label at all"
        for i, b in enumerate(boxes):
            assert box.x0 <= b.x0 and b.x1 <= box.x1 and box.y0 <= b.y0 and b.y1 <= box.y1
            assert not any(b.overlaps(o) for o in boxes[i + 1:])
        full = [t.get_text() for t in ax.texts]
        assert all(t in set(data["nama"]) | {str(i) for i in range(1, n + 1)} for t in full)  # whole, never cut


def test_scatter_labels_are_placed_without_a_trial_annotation_per_place(monkeypatch):
    # Ringkasan of a province drew ~9.000 trial annotations (9,5 s of its 15 s build): a label's
    # size is measured once and each place tried is box arithmetic.
    from matplotlib.axes import Axes

    calls = []
    real = Axes.annotate
    monkeypatch.setattr(Axes, "annotate", lambda self, *a, **kw: calls.append(1) or real(self, *a, **kw))
    rng = np.random.default_rng(2)
    n = 60
    data = pd.DataFrame({"nama": [f"Dinas {i}" for i in range(n)], "capaian": 95 + rng.normal(0, 0.5, n),
                         "penyerapan": 50 + rng.normal(0, 0.5, n), "rencana_penyerapan": 50.0, "warna": "#1a7f37"})
    grafik.grafik_kuadran(data, label=[str(i) for i in range(1, n + 1)])
    assert len(calls) <= 2 * n


def test_a_long_chart_title_wraps_inside_the_figure():
    data = pd.DataFrame({"tahun": [2024, 2025], "target_renstra": [1.0, 2.0], "realisasi": [1.0, 1.5],
                         "awal": [False, False], "target_akhir": [np.nan, np.nan]})
    fig = grafik.grafik_tren(data, "Persentase rumah tangga yang memiliki akses terhadap layanan sanitasi layak "
                                   "dan aman di seluruh kecamatan kabupaten")
    fig.canvas.draw()
    title = fig.axes[0].title.get_window_extent(fig.canvas.get_renderer())
    assert title.x0 >= 0 and title.x1 <= fig.bbox.width


def test_a_missing_chart_is_a_sentence_never_a_broken_image(k):
    page = tren(k)
    w = _kelas(page)
    with_data = set(dasbor.tren(k, None)["unit_kode"])
    empty = next(v for _, v in w["kinerja-pilih-unit"].options if v not in with_data)
    w["kinerja-pilih-unit"].value = empty  # a unit without several years of data
    assert w["kinerja-grafik-tren"].layout.display == "none"
    assert "belum dapat dibuat" in w["kinerja-grafik-kosong"].value
    w["kinerja-pilih-unit"].value = "dinkes"
    assert w["kinerja-grafik-tren"].layout.display is None and w["kinerja-grafik-tren"].value
    assert w["kinerja-grafik-kosong"].value == ""


def test_only_the_latest_choice_draws():
    import ipywidgets as widgets

    shown = widgets.HTML()
    calls = []

    @terbaru
    def draw(change=None, *, masih_terbaru):
        calls.append(change)
        if change == "lama":  # a newer choice arrives while the older one is being computed
            draw("baru")
        if masih_terbaru():
            shown.value = change

    draw("lama")
    assert calls == ["lama", "baru"] and shown.value == "baru"
    img = widgets.Image(format="png")
    msg = widgets.HTML()
    tampilkan_grafik(img, b"", msg, "Grafik belum dapat dibuat.")
    assert img.layout.display == "none" and "Grafik belum dapat dibuat." in msg.value


def test_downloads_are_named_by_unit_and_document(tmp_path):
    folder = tmp_path / "2026" / "dinkes"
    folder.mkdir(parents=True)
    (folder / "craapk.pdf").write_bytes(b"%PDF-1.4")
    docs = pd.DataFrame({"dokumen": ["CRAAPK"], "judul": ["CRAAPK"], "status": ["berhasil"],
                         "berkas": [[folder / "craapk.pdf"]]})
    html = _berkas(docs, "CRAAPK", "dinkes")
    assert 'download="dinkes-craapk-2026.pdf"' in html and 'download="craapk.pdf"' not in html


def test_the_trend_of_every_unit_read_once_equals_one_units(k):
    one = dasbor.tren(k, "dinkes")
    every = dasbor.tren(k, None)
    sliced = every[every["unit_kode"] == "dinkes"].reset_index(drop=True)
    assert not one.empty
    pd.testing.assert_frame_equal(sliced[one.columns.drop("unit_kode", errors="ignore")],
                                  one[one.columns.drop("unit_kode", errors="ignore")], check_dtype=False)


def test_explorer_numbers_labels_sasaran_all_indicators_and_predikat_order(k, tmp_path, monkeypatch):
    rows = dasbor.semua_indikator(k)
    skala = list(k.skala.warna_label)
    rows["predikat"] = [skala[i % len(skala)] for i in range(len(rows))]  # every predikat present
    monkeypatch.setattr(dasbor, "semua_indikator", lambda _k: rows.copy())
    page = penjelajah(k, folder_ekspor=tmp_path)
    drops = {w.description: w for w in _walk(page) if hasattr(w, "options") and hasattr(w, "description")}
    hasil = next(w for w in _walk(page) if isinstance(getattr(w, "value", None), str) and "indikator" in w.value
                 and "<table" in w.value)
    assert not re.search(r">\s*-?\d+\.\d{3,}\s*<", hasil.value)  # no raw float like 26.20777777777778
    assert [v for _, v in drops["Predikat"].options[1:]] == skala  # the scale's order, not alphabetical
    unit_sasaran = set(dasbor.semua_indikator(k).query("unit_kode == 'dinkes'")["sasaran"])
    drops["Unit"].value = "dinkes"
    assert {v for _, v in drops["Sasaran"].options[1:]} == unit_sasaran
    below = int(re.search(r"(\d+) indikator", hasil.value).group(1))
    box = next(w for w in _walk(page) if getattr(w, "description", "") == "Hanya indikator di bawah target")
    box.value = False
    listed = int(re.search(r"(\d+) indikator", hasil.value).group(1))
    counted = dasbor.semua_indikator(k).query("unit_kode == 'dinkes'")
    assert listed == int((counted["capaian"].notna() & counted["dihitung"].astype(bool)).sum()) > below
    assert drops["Unit"].layout.width == "100%" and drops["Unit"].style.description_width == "initial"


def test_explorer_finds_the_store_its_parameters_cell_names(tmp_path, monkeypatch):
    from kinerja.halaman.penjelajah import cari_db

    monkeypatch.delenv("KINERJA_DB", raising=False)
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "kinerja.sqlite").write_bytes(b"")
    (tmp_path / "notebooks").mkdir()
    assert cari_db("", tmp_path / "notebooks") == f"sqlite:///{tmp_path / 'outputs' / 'kinerja.sqlite'}"
    assert cari_db("sqlite:////x.sqlite", tmp_path) == "sqlite:////x.sqlite"
    monkeypatch.setenv("KINERJA_DB", "sqlite:////y.sqlite")
    assert cari_db("", tmp_path / "notebooks") == "sqlite:////y.sqlite"
    assert not Path("notebooks/outputs/kinerja.sqlite").exists()


def test_perangkat_daerah_projects_every_unit_once_and_says_the_same(k):
    from kinerja.dokumen.craapk import craapk
    from kinerja.halaman.perangkat_daerah import _craapk_per_unit

    bagian, satu = _craapk_per_unit(k)
    page, alone = satu("dinkes", bagian("dinkes")), craapk(k.store, "dinkes", TAHUN, BULAN, k.skala)
    assert page.narasi == alone.narasi
    pd.testing.assert_frame_equal(page.proyeksi.reset_index(drop=True), alone.proyeksi.reset_index(drop=True))
