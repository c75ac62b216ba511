"""The Ringkasan and Peringkat pages of a province in a real browser: the sample store of
Nusa Rekaan with Bukit Rekaan beside it (tests/provinsi.py), a kabupaten picked on the page."""

import uuid

import pytest

from halaman_server import jalankan_serve, tangkap_layar
from kinerja.analisis import dari_store as analisis
from kinerja.run import batch
from kinerja.contoh import store as contoh
from provinsi import BUKIT, buat_provinsi

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH
TOKEN = uuid.uuid4().hex


@pytest.fixture(scope="module")
def provinsi() -> dict:
    hasil = buat_provinsi()
    assert hasil["returncode"] == 0, hasil["stderr"]
    return hasil


@pytest.fixture(scope="module")
def server(provinsi, tmp_path_factory):
    # two pages visited: their kernels start for them, no pool of eight pages run ahead
    with jalankan_serve(provinsi["db"], tmp_path_factory.mktemp("keluaran"), TOKEN, "--tanpa-pemanasan") as base:
        yield base


def test_ringkasan_page_of_a_province_picks_a_kabupaten(server, provinsi):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=batch.chromium(), args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{server}/voila/render/ringkasan_kabupaten.ipynb?token={TOKEN}", wait_until="domcontentloaded")
        page.wait_for_selector(".kinerja-pilih-kabupaten select", state="visible", timeout=90_000)
        assert page.inner_text(".kinerja-jumlah-pd .angka").strip() == "80"
        per = page.inner_text(".kinerja-per-kabupaten")
        assert "Pemerintah Kabupaten Bukit Rekaan" in per and "Pemerintah Kabupaten Nusa Rekaan" in per
        assert "Kabupaten" in page.inner_text(".kinerja-tabel-pd")
        page.select_option(".kinerja-pilih-kabupaten select", label="Pemerintah Kabupaten Bukit Rekaan")
        page.wait_for_function("document.querySelector('.kinerja-jumlah-pd .angka').innerText.trim() === '40'",
                               timeout=60_000)
        r = analisis.ringkasan_unit(provinsi["store"], TAHUN, BULAN, kabupaten=BUKIT)
        assert page.locator(".kinerja-peta img, img.kinerja-peta").count() == 1
        table = page.inner_text(".kinerja-tabel-pd")
        assert "RSUD Bukit Rekaan" in table and "RSUD Nusa Rekaan" not in table
        assert page.locator(".kinerja-tabel-pd tbody tr").count() == len(r) == 40
        units = page.locator(".kinerja-pilih-unit select option").all_inner_texts()
        assert len(units) == 41 and not any("Nusa" in u for u in units)
        tangkap_layar(page, "ringkasan_provinsi")
        page.goto(f"{server}/voila/render/peringkat.ipynb?token={TOKEN}", wait_until="domcontentloaded")
        page.wait_for_selector(".kinerja-peringkat table", state="visible", timeout=90_000)
        assert page.locator(".kinerja-peringkat tbody tr").count() == 80
        assert "Peringkat provinsi" in page.inner_text(".kinerja-peringkat thead")
        page.select_option(".kinerja-pilih-kabupaten select", label="Pemerintah Kabupaten Bukit Rekaan")
        page.wait_for_function("document.querySelectorAll('.kinerja-peringkat tbody tr').length === 40",
                               timeout=60_000)
        assert "Nusa Rekaan" not in page.inner_text(".kinerja-peringkat")
        tangkap_layar(page, "peringkat_provinsi")
        browser.close()
