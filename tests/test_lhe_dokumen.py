"""The Laporan Hasil Evaluasi and the recap as documents: built by the batch from the sample
store (HTML, PDF, Word), their numbers those of the store's LKE, and no word about the software
in a signed document."""

import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kinerja.contoh import store as contoh
from kinerja.core.formatting import format_angka
from kinerja.core.lke_parameter import muat_lke
from kinerja.render.word import teks_docx
from kinerja.run import batch

pytestmark = [pytest.mark.contoh, pytest.mark.lambat]

TAHUN, BULAN = contoh.TAHUN_CONTOH, contoh.BULAN_CONTOH

# Words that would name the software, its files or its machinery in a signed document.
PERANGKAT_LUNAK = re.compile(r"perangkat lunak|aplikasi|software|python|jupyter|notebook|papermill|voila|ipynb|"
                             r"sqlite|github|kinerja (batch|serve|ingest|lke|notebook|template)|dibuat dengan|"
                             r"dihasilkan oleh|secara otomatis|traceback|outputs/", re.I)


@pytest.fixture(scope="module")
def keluaran(tmp_path_factory):
    out = tmp_path_factory.mktemp("lhe")
    manifest = batch.jalankan_batch(TAHUN, BULAN, ["dinkes", "nusa-rekaan"], ["lhe", "rekap-lke"], jobs=1,
                                    contoh=True, keluaran=out, progress=False)
    assert [t["status"] for t in manifest["tugas"]] == ["berhasil"] * 2, [t["galat"] for t in manifest["tugas"]]
    return out / str(TAHUN)


def _pdf(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _nilai_tangan(store, unit: str) -> Decimal | None:
    from kinerja.evaluasi import muat_lke as muat_jawaban

    lke = muat_lke()
    rows = muat_jawaban(store, TAHUN, unit)
    bobot = dict(zip(lke.subkomponen["kode"], lke.subkomponen["bobot"]))
    answers = dict(zip(rows["kode"], rows["jawaban_evaluator"]))
    if any(answers.get(k) is None for k in bobot):
        return None
    return sum((bobot[k] * lke.jawaban[answers[k]] / 100 for k in bobot), Decimal(0))


def test_the_lhe_has_its_three_parts_the_stores_numbers_and_the_inspekturs_signature(keluaran):
    store = contoh.store_contoh(TAHUN, BULAN)
    folder = keluaran / "dinkes"
    pdf, word = _pdf(folder / "lhe.pdf"), " ".join(teks_docx(folder / "lhe.docx").split())
    html = (folder / "lhe.html").read_text(encoding="utf-8")
    nilai = _nilai_tangan(store, "dinkes")
    for text in (pdf, word):
        for part in ("1. Pendahuluan", "2. Hasil Evaluasi", "3. Rekomendasi", "Peraturan Menteri Pendayagunaan "
                     "Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021", "Inspektur", "Tembusan:",
                     "1. Bupati Nusa Rekaan;", "2. Sekretaris Daerah Kabupaten Nusa Rekaan."):
            assert part in text, part
        if nilai is None:
            assert "belum lengkap" in text
        else:
            assert f"adalah {format_angka(nilai, 2)} dengan predikat" in text
    from kinerja.evaluasi import muat_rekomendasi

    for i, teks in enumerate(muat_rekomendasi(store, TAHUN, "dinkes").sort_values(["komponen", "nomor"])["teks"], 1):
        assert f"{i}. {' '.join(teks.split())}" in word
    assert "import kinerja" not in html and "lap.tabel_nilai" not in html  # no code cells


def test_the_recap_ranks_the_perangkat_daerah_as_the_store_says(keluaran):
    store = contoh.store_contoh(TAHUN, BULAN)
    word = teks_docx(keluaran / "nusa-rekaan" / "rekap-lke.docx")
    units = store.current("unit")
    pds = units[units["jenis"] == "perangkat_daerah"]
    scores = {u: _nilai_tangan(store, u) for u in pds["kode"]}
    best = max((v, u) for u, v in scores.items() if v is not None)
    assert format_angka(best[0], 2) in word
    assert "tidak diperingkat" in word


@pytest.mark.parametrize("berkas", ["dinkes/lhe.pdf", "dinkes/lhe.docx", "dinkes/lhe.html", "nusa-rekaan/rekap-lke.pdf",
                                    "nusa-rekaan/rekap-lke.docx"])
def test_no_word_about_the_software_in_the_signed_documents(keluaran, berkas):
    path = keluaran / berkas
    if path.suffix == ".pdf":
        text = _pdf(path)
    elif path.suffix == ".docx":
        text = teks_docx(path)
    else:
        text = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", path.read_text(encoding="utf-8")))
    assert PERANGKAT_LUNAK.findall(text) == []
