"""The users' guide cannot drift from the command: every ``kinerja …`` line in a code block of
``docs/panduan.md`` parses with the real command-line parser (command, sub-action, options and
their values), and every link inside the docs points to a file that exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kinerja.cli.perintah import _build_parser

DOCS = Path(__file__).resolve().parents[1] / "docs"
PANDUAN = DOCS / "panduan.md"


def _baris_perintah() -> list[str]:
    teks = PANDUAN.read_text(encoding="utf-8")
    blok = re.findall(r"```sh\n(.*?)```", teks, re.S)
    baris = [b.split("#", 1)[0].strip() for isi in blok for b in isi.splitlines()]
    return [b for b in baris if b.startswith("kinerja ")]


def test_the_guide_shows_commands_of_every_reader():
    perintah = {shlex.split(b)[1] for b in _baris_perintah()}
    assert {"template", "ingest", "impor", "kepatuhan", "batch", "serve", "reviu", "lke"} <= perintah


@pytest.mark.parametrize("baris", _baris_perintah())
def test_every_command_line_of_the_guide_parses(baris, capsys):
    parser = _build_parser()
    try:
        args = parser.parse_args(shlex.split(baris)[1:])
    except SystemExit as e:  # argparse refuses: the guide names a command or option that does not exist
        pytest.fail(f"{baris!r}: {capsys.readouterr().err} (exit {e.code})")
    assert args.perintah == shlex.split(baris)[1]


def test_a_wrong_line_would_be_caught(capsys):
    with pytest.raises(SystemExit):
        _build_parser().parse_args(["kepatuhan", "--tahun", "2026", "--bulan", "9", "--tidak-ada"])


@pytest.mark.parametrize("berkas", [PANDUAN, DOCS / "pengembang.md", DOCS.parent / "README.md"])
def test_every_relative_link_of_the_docs_exists(berkas):
    teks = berkas.read_text(encoding="utf-8")
    for tautan in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", teks):
        if "://" in tautan:
            continue
        assert (berkas.parent / tautan).exists(), f"{berkas.name}: {tautan}"


GAMBAR = DOCS / "gambar"
BATAS_BYTE, BATAS_TOTAL = 150_000, 2_500_000  # per picture and all together (docs/gambar/buat_gambar.py)


def _gambar_panduan() -> list[tuple[str, str]]:
    """(alt text, path) of every picture in the guide."""
    return re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", PANDUAN.read_text(encoding="utf-8"))


def test_the_guide_shows_every_reader_the_pages_in_screenshots():
    named = {Path(path).name for _, path in _gambar_panduan()}
    for nama in ("beranda-unit", "beranda-bappeda", "beranda-inspektorat", "beranda-pimpinan",
                 "ringkasan-kabupaten", "perangkat-daerah", "tren", "peringkat", "pohon-kinerja", "evaluasi-akip",
                 "evaluasi-akip-konfirmasi", "kirim-formulir", "tanda-terima", "kirim-formulir-ponsel"):
        assert f"{nama}.png" in named, nama
    for alt, path in _gambar_panduan():
        assert path.startswith("gambar/") and path.endswith(".png"), path
        assert len(alt.split()) >= 3, f"{path}: alt text {alt!r} does not say what the picture shows"


def test_every_picture_the_guide_names_exists_and_every_png_is_named():
    named = [DOCS / path for _, path in _gambar_panduan()]
    missing = [p.name for p in named if not p.is_file()]
    orphans = sorted(p.name for p in GAMBAR.glob("*.png") if p not in named)
    assert not missing, f"the guide names pictures that are not in docs/gambar/: {missing}"
    assert not orphans, f"pictures in docs/gambar/ the guide does not show: {orphans}"


def test_the_pictures_stay_small():
    from PIL import Image

    sizes = {p.name: p.stat().st_size for p in GAMBAR.glob("*.png")}
    assert {n: s for n, s in sizes.items() if s > BATAS_BYTE} == {}
    assert sum(sizes.values()) <= BATAS_TOTAL
    for p in GAMBAR.glob("*.png"):
        with Image.open(p) as im:
            assert im.width <= 1280, f"{p.name}: {im.width} px wide, more than a 1x desktop screenshot"
