"""Make the screenshots of the users' guide (``docs/panduan.md``): ``make gambar``.

Starts ``kinerja serve`` on a copy of the bundled sample store (Kabupaten Nusa Rekaan), with
the page tests' own helpers (``tests/halaman_server.py``), makes one personal link per role
with ``kinerja akses buat``, opens each page in Debian's chromium as that visitor and saves
the part of it the guide describes as a small PNG in this folder (1x scale, palette colours,
optimised with Pillow). A link's secret only ever appears in the first request's URL, which a
page screenshot does not show; each picture is also checked not to hold it as text.

``tests/test_panduan.py`` checks that every picture the guide names exists, that every PNG
here is named by the guide, and that they stay small.

Run (under the shared lock on a shared machine): ``make gambar`` or
``.venv/bin/python docs/gambar/buat_gambar.py [--hanya NAMA ...]``.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qs, urlparse

from openpyxl import load_workbook
from PIL import Image, ImageChops

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from halaman_server import KINERJA, jalankan_serve, peramban  # noqa: E402 - the page tests' helpers

from kinerja.contoh import store as contoh  # noqa: E402
from kinerja.contoh.salah import KESALAHAN  # noqa: E402
from kinerja.core.berkas import netralkan_rumus  # noqa: E402

FOLDER = Path(__file__).resolve().parent
LEBAR, PONSEL = 1280, 390  # a desktop and a phone, CSS pixels (1x scale)
BATAS_BYTE = 150_000  # tests/test_panduan.py holds the same limit
UNIT = "dinkes"
# Who gets a link: role → (unit, label). The sample's own units only; no real person.
TAUTAN = {"unit": (UNIT, "Operator Dinkes"), "bappeda": (None, "Petugas Bappeda"),
          "inspektorat": (None, "Auditor Inspektorat"), "pimpinan": (None, "Pimpinan")}
# What shows that a page is drawn (the same marks the page tests and bench_halaman.py wait for).
SIAP = {"beranda": ".kinerja-beranda", "ringkasan_kabupaten": ".kinerja-jumlah-pd",
        "perangkat_daerah": ".kinerja-tabel-indikator table", "tren": ".kinerja-tabel-tren table",
        "peringkat": ".kinerja-peringkat table", "pohon_kinerja": ".kinerja-pilih-sasaran select",
        "evaluasi_akip": ".kinerja-ragu-terpilih", "kirim_formulir": ".kinerja-unggah"}


class Gambar(NamedTuple):
    """One picture: page ``halaman`` seen by ``peran`` at ``lebar`` px, its top ``tinggi`` px;
    or, with ``aksi``, what ``aksi(page)`` does on the page and the box it returns."""

    nama: str
    peran: str
    halaman: str
    lebar: int = LEBAR
    tinggi: int = 900
    aksi: Callable | None = None


def konfirmasi(page) -> dict:
    """The Bappeda confirms the first number waiting on Evaluasi AKIP; the panel's box."""
    page.fill(".kinerja-catatan-konfirmasi textarea", "dicek dengan dokumen sumber (contoh)")
    page.click(".kinerja-tombol-konfirmasi")
    page.wait_for_function("document.querySelector('.kinerja-status-konfirmasi').innerText.trim() !== ''",
                           timeout=60_000)
    page.wait_for_timeout(500)
    return kotak(page, "Konfirmasi angka yang perlu diverifikasi", ".kinerja-daftar-konfirmasi")


def kotak(page, judul: str, bawah: str) -> dict:
    """The box from the heading ``judul`` down to the end of element ``bawah``, the viewport
    grown to the whole page first (Voila scrolls inside a panel, which a clip does not follow)."""
    tinggi = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": int(tinggi) + 40})
    page.wait_for_timeout(300)
    return page.evaluate("""([judul, bawah]) => {
      const h = Array.from(document.querySelectorAll('h1, h2, h3, h4')).find(e => e.innerText.includes(judul));
      const top = h.getBoundingClientRect().top - 8, end = document.querySelector(bawah).getBoundingClientRect().bottom;
      return {x: 0, y: top, width: window.innerWidth, height: end - top + 16};
    }""", [judul, bawah])


GAMBAR = (
    Gambar("beranda-unit", "unit", "beranda", tinggi=640),
    Gambar("beranda-bappeda", "bappeda", "beranda", tinggi=760),
    Gambar("beranda-inspektorat", "inspektorat", "beranda", tinggi=760),
    Gambar("beranda-pimpinan", "pimpinan", "beranda", tinggi=700),
    Gambar("ringkasan-kabupaten", "pimpinan", "ringkasan_kabupaten", tinggi=900),
    Gambar("perangkat-daerah", "pimpinan", "perangkat_daerah", tinggi=900),
    Gambar("tren", "pimpinan", "tren", tinggi=900),
    Gambar("peringkat", "pimpinan", "peringkat", tinggi=900),
    Gambar("pohon-kinerja", "pimpinan", "pohon_kinerja", tinggi=900),
    Gambar("evaluasi-akip", "inspektorat", "evaluasi_akip", tinggi=900),
    Gambar("evaluasi-akip-konfirmasi", "bappeda", "evaluasi_akip", aksi=konfirmasi),
    Gambar("beranda-ponsel", "pimpinan", "beranda", lebar=PONSEL, tinggi=844),
    Gambar("ringkasan-kabupaten-ponsel", "pimpinan", "ringkasan_kabupaten", lebar=PONSEL, tinggi=844),
    Gambar("perangkat-daerah-ponsel", "pimpinan", "perangkat_daerah", lebar=PONSEL, tinggi=844),
)


def buat_tautan(db: str) -> dict[str, str]:
    """A personal link per role of :data:`TAUTAN`, made as the Bappeda does; role → its secret."""
    kunci = {}
    for peran, (unit, nama) in TAUTAN.items():
        cmd = [KINERJA, "akses", "buat", "--db", db, "--peran", peran, "--nama", nama, "--berlaku", "1"]
        out = subprocess.run(cmd + (["--unit", unit] if unit else []), check=True, capture_output=True,
                             text=True).stdout
        kunci[peran] = parse_qs(urlparse(out.strip().splitlines()[-1]).query)["kunci"][0]
    return kunci


def simpan_png(data: bytes, nama: str) -> Path:
    """``data`` (a PNG) in 256 colours, optimised, as ``nama``.png of this folder."""
    gambar = Image.open(io.BytesIO(data)).convert("RGB")
    isi = ImageChops.difference(gambar, Image.new("RGB", gambar.size, "white")).getbbox()
    if isi:  # white below the content is cut off, and a wide white margin on its right
        kanan = isi[2] + 16 if isi[2] + 64 < gambar.width else gambar.width
        gambar = gambar.crop((0, 0, kanan, min(isi[3] + 16, gambar.height)))
    kecil = gambar.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = FOLDER / f"{nama}.png"
    kecil.save(path, optimize=True)
    ukuran = path.stat().st_size
    print(f"{path.name}: {gambar.width}×{gambar.height} px, {ukuran / 1000:.0f} kB"
          + ("  (TERLALU BESAR)" if ukuran > BATAS_BYTE else ""))
    return path


def _tanpa_rahasia(page, kunci: dict[str, str]) -> None:
    teks = page.inner_text("body") + page.url
    bocor = [p for p, k in kunci.items() if k in teks]
    if bocor:
        raise SystemExit(f"rahasia tautan {bocor} terlihat di halaman; gambar tidak disimpan")


def buka(context, base: str, halaman: str, kunci: str | None = None, lebar: int = LEBAR, tinggi: int = 900):
    """A new tab of ``context`` on ``halaman`` (with the link's secret the first time), drawn."""
    page = context.new_page()
    page.set_viewport_size({"width": lebar, "height": tinggi})
    page.goto(f"{base}/voila/render/{halaman}.ipynb" + (f"?kunci={kunci}" if kunci else ""),
              wait_until="domcontentloaded")
    page.wait_for_selector(SIAP[halaman], state="visible", timeout=120_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # charts are images set after the first widget
    return page


def potret(page, g: Gambar, kunci: dict[str, str]) -> None:
    """Save picture ``g`` of the drawn ``page``."""
    box = g.aksi(page) if g.aksi else {"x": 0, "y": 0, "width": g.lebar, "height": g.tinggi}
    _tanpa_rahasia(page, kunci)
    simpan_png(page.screenshot(clip=box), g.nama)


def berkas_kiriman(folder: Path) -> tuple[Path, Path]:
    """The unit's clerk's two uploads: this month's CRAAPK saved again (a new revision) and an
    earlier CRAAPK with two of the sample's deliberate mistakes (kinerja.contoh.salah)."""
    sampel = contoh.folder_contoh() / f"sampel-{contoh.TAHUN_CONTOH}-{contoh.BULAN_CONTOH:02d}-{contoh.sidik_kode()}"
    benar = folder / f"CRAAPK_{contoh.TAHUN_CONTOH}-{contoh.BULAN_CONTOH:02d}_{UNIT}.xlsx"
    load_workbook(sampel / UNIT / f"CRAAPK_{contoh.TAHUN_CONTOH}-{contoh.BULAN_CONTOH:02d}.xlsx").save(benar)
    salah = [k for k in KESALAHAN if k.nama in ("realisasi-bukan-angka", "realisasi-anggaran-bukan-angka")]
    wb = load_workbook(sampel / salah[0].dasar.format(t=contoh.TAHUN_CONTOH))
    for k in salah:
        wb[k.lembar][k.sel] = k.nilai
    netralkan_rumus(wb)
    keliru = folder / f"CRAAPK_{contoh.TAHUN_CONTOH}-03_{UNIT}.xlsx"
    wb.save(keliru)
    return benar, keliru


# long: one linear scenario of the clerk (upload, read, download, look at the receipt)
def kirim_formulir(browser, base: str, kunci: dict[str, str], folder: Path) -> None:
    """The clerk's Kirim Formulir after a good and a bad upload, at both widths, and the receipt."""
    context = browser.new_context(accept_downloads=True)
    buka(context, base, "beranda", kunci["unit"]).close()
    page = buka(context, base, "kirim_formulir")
    with page.expect_file_chooser() as chooser:
        page.click(".kinerja-unggah")
    chooser.value.set_files([str(p) for p in berkas_kiriman(folder)])
    page.wait_for_selector(".kinerja-hasil-kirim .kinerja-kiriman >> nth=1", timeout=120_000)
    page.wait_for_timeout(500)
    _tanpa_rahasia(page, kunci)
    tinggi = page.evaluate("document.querySelector('.kinerja-hasil-kirim').getBoundingClientRect().bottom")
    page.set_viewport_size({"width": LEBAR, "height": int(tinggi) + 24})
    page.wait_for_timeout(300)
    simpan_png(page.screenshot(), "kirim-formulir")
    with page.expect_download() as info:
        page.click(".kinerja-tanda-terima")
    tanda_terima = Path(info.value.path()).read_text(encoding="utf-8")
    page.set_viewport_size({"width": PONSEL, "height": 844})
    page.wait_for_timeout(500)
    simpan_png(page.screenshot(), "kirim-formulir-ponsel")
    lembar = context.new_page()
    lembar.set_viewport_size({"width": 900, "height": 700})
    lembar.set_content(tanda_terima)
    _tanpa_rahasia(lembar, kunci)
    simpan_png(lembar.screenshot(full_page=True), "tanda-terima")
    context.close()


def jalankan(hanya: set[str] | None) -> None:
    """Serve a copy of the sample store, take every picture (or those named in ``hanya``)."""
    folder = Path(tempfile.mkdtemp(prefix="kinerja-gambar-"))
    shutil.copy(contoh.store_contoh().url.removeprefix("sqlite:///"), folder / "k.sqlite")
    db = f"sqlite:///{folder / 'k.sqlite'}"
    kunci = buat_tautan(db)
    with jalankan_serve(db, folder / "keluaran", uuid.uuid4().hex, "--batas-halaman-klien", "30",
                        "--batas-halaman", "40") as base, peramban() as browser:
        contexts = {}
        # A picture that changes the store (a confirmation) last: every other picture shows the
        # same numbers (a confirmed suspect number enters every average after it).
        for g in sorted(GAMBAR, key=lambda g: g.aksi is not None):
            if hanya and g.nama not in hanya:
                continue
            if g.peran not in contexts:  # the link once, then only the cookie: no secret in any URL shown
                contexts[g.peran] = browser.new_context()
                buka(contexts[g.peran], base, "beranda", kunci[g.peran]).close()
            page = buka(contexts[g.peran], base, g.halaman, None, g.lebar, g.tinggi)
            potret(page, g, kunci)
            page.close()
        if not hanya or "kirim-formulir" in hanya:
            kirim_formulir(browser, base, kunci, folder)
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hanya", nargs="+", metavar="NAMA", help="only these pictures (names without .png)")
    jalankan(set(parser.parse_args().hanya or ()) or None)


if __name__ == "__main__":
    main()
