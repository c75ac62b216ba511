"""The evaluator's Evaluasi AKIP page in a real browser (Debian's chromium via playwright) against a
running `kinerja serve` over the sample store, at desktop width and at 390 px (a phone)."""

import json
import uuid
from decimal import Decimal

import pytest

from halaman_server import TANGKAPAN, jalankan_serve
from kinerja import format_angka
from kinerja.contoh import store as contoh
from kinerja.core.lke_parameter import muat_lke
from test_halaman_browser import KELUAR_KOTAK, browser  # noqa: F401 - the same chromium fixture

pytestmark = [pytest.mark.contoh, pytest.mark.browser, pytest.mark.halaman]

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
TOKEN = uuid.uuid4().hex


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = contoh.store_contoh(TAHUN, BULAN)
    # two visits of one page: its kernel starts for each, no pool of eight pages run ahead
    with jalankan_serve(store.url, tmp_path_factory.mktemp("keluaran"), TOKEN, "--tanpa-pemanasan") as base:
        yield {"base": base, "store": store}


def _halaman(browser, server, lebar: int, tinggi: int):
    context = browser.new_context(viewport={"width": lebar, "height": tinggi})
    page = context.new_page()
    page.goto(f"{server['base']}/voila/render/evaluasi_akip.ipynb?token={TOKEN}", wait_until="domcontentloaded")
    page.wait_for_selector(".kinerja-jawaban-lke table", state="visible", timeout=60_000)
    return context, page


def _shot(page, name: str, lebar: int) -> None:
    """The whole page at its width (Voila scrolls inside a panel: grow the viewport's height)."""
    TANGKAPAN.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": lebar, "height": min(int(height) + 40, 9000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(TANGKAPAN / f"{name}.png"), full_page=True)
    assert (TANGKAPAN / f"{name}.png").stat().st_size > 10_000


def _nilai_tangan(rows, lke) -> Decimal | None:
    """Σ bobot × nilai jawaban evaluator ÷ 100 over the 12 sub-komponen; None if one is missing."""
    bobot = dict(zip(lke.subkomponen["kode"], lke.subkomponen["bobot"]))
    answers = dict(zip(rows["kode"], rows["jawaban_evaluator"]))
    if any(answers.get(k) is None for k in bobot):
        return None
    return sum((bobot[k] * lke.jawaban[answers[k]] / 100 for k in bobot), Decimal(0))


def test_choose_a_unit_see_its_answers_nilai_predikat_gap_and_open_recommendations(server, browser):
    from kinerja.evaluasi import muat_lke as muat_jawaban, muat_rekomendasi

    store, lke = server["store"], muat_lke()
    jawaban = muat_jawaban(store, TAHUN)
    units = store.current("unit").set_index("kode")
    per_unit = {u: _nilai_tangan(rows, lke) for u, rows in jawaban.groupby("kode_unit")}
    complete = {u: v for u, v in per_unit.items() if v is not None}
    assert complete and len(complete) < len(per_unit)  # the sample has units belum lengkap
    context, page = _halaman(browser, server, 1280, 900)
    try:
        unit = "dinkes" if "dinkes" in complete else sorted(complete)[0]
        page.select_option(".kinerja-pilih-unit select", label=units.loc[unit, "nama"])
        want = format_angka(complete[unit], 2)
        page.wait_for_function(f"document.querySelector('.kinerja-nilai-akip .angka').innerText.trim() === "
                               f"{json.dumps(want)}")
        predikat = lke.skala.predikat([float(complete[unit])]).iloc[0]
        assert page.inner_text(".kinerja-predikat-akip .angka").strip() == predikat
        rank = 1 + sum(v > complete[unit] for v in complete.values())  # ties share a rank
        assert page.inner_text(".kinerja-peringkat-akip .angka").strip() == str(rank)
        # out of the units evaluated, the others named: never a silently smaller denominator
        n_pd = int((store.current("unit")["jenis"] == "perangkat_daerah").sum())
        assert n_pd > len(complete)
        assert page.inner_text(".kinerja-peringkat-akip .label").strip() == (
            f"peringkat dari {len(complete)} perangkat daerah yang selesai dievaluasi; {n_pd - len(complete)} "
            "lainnya belum lengkap, tidak diperingkat")
        rows = page.locator(".kinerja-jawaban-lke tbody tr")
        assert rows.count() == 12
        mine = jawaban[jawaban["kode_unit"] == unit].set_index("kode")
        for i, kode in enumerate(lke.subkomponen["kode"]):
            cells = [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
            assert cells[0] == kode
            assert cells[3] == (mine.loc[kode, "jawaban_mandiri"] or "–")
            assert cells[4] == (mine.loc[kode, "jawaban_evaluator"] or "–")
        assert page.inner_text(".kinerja-naik-predikat").strip().startswith("Ke predikat") or predikat == "AA"
        open_ = [r for t in range(TAHUN - 4, TAHUN + 1) for r in muat_rekomendasi(store, t, unit).itertuples()
                 if r.status != "ditindaklanjuti"]
        shown = page.inner_text(".kinerja-rekomendasi-terbuka")
        assert all(r.teks in shown for r in open_)
        assert len(open_) > 0 or "Tidak ada rekomendasi" in shown
        # every perangkat daerah: the complete ones ranked, the others apart
        assert page.locator(".kinerja-rekap-lke table").first.locator("tbody tr").count() == len(complete)
        apart = [u for u, v in per_unit.items() if v is None]
        assert page.locator(".kinerja-rekap-lke table").nth(1).locator("tbody tr").count() >= len(apart)
        # a unit belum lengkap: no nilai, never 0
        other = sorted(apart)[0]
        page.select_option(".kinerja-pilih-unit select", label=units.loc[other, "nama"])
        page.wait_for_function("document.querySelector('.kinerja-nilai-akip .angka').innerText.trim() === "
                               "'belum lengkap'")
        assert page.inner_text(".kinerja-predikat-akip .angka").strip() == "–"
        assert "belum dijawab" in page.inner_text(".kinerja-jawaban-lke")  # the cards change last
        text = page.content()
        assert "import kinerja" not in text and "Traceback" not in text
        page.select_option(".kinerja-pilih-unit select", label=units.loc[unit, "nama"])
        page.wait_for_function(f"document.querySelector('.kinerja-nilai-akip .angka').innerText.trim() === "
                               f"{json.dumps(want)}")
        _shot(page, "evaluasi_akip", 1280)
    finally:
        context.close()


def test_the_page_fits_a_phone(server, browser):
    """At 390 px the page is no wider than the screen: wide tables scroll inside their block."""
    context, page = _halaman(browser, server, 390, 844)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 392
        box = page.locator(".kinerja-pilih-unit").bounding_box()
        assert box["x"] + box["width"] <= 392
        assert page.evaluate(KELUAR_KOTAK) == []  # the Unit dropdown keeps its right border
        for kelas in (".kinerja-nilai-akip", ".kinerja-predikat-akip"):
            card = page.locator(kelas).bounding_box()
            assert card["x"] >= 0 and card["x"] + card["width"] <= 392, (kelas, card)
        # the answers' table fits the phone, or scrolls inside its own box (never the page)
        lebar = page.evaluate("(() => { const e = document.querySelector('.kinerja-jawaban-lke'); "
                              "return [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX]; })()")
        assert lebar[0] <= lebar[1] or lebar[2] in ("auto", "scroll"), lebar
        _shot(page, "evaluasi_akip_390", 390)
    finally:
        context.close()
