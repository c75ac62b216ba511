"""The Kirim Formulir page's functions without a browser: what a unit's clerk sends, against a
copy of the small store (tests/bersama.py), with the sample workbooks."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import counts
from openpyxl import load_workbook

from kinerja.core.errors import KinerjaError
from kinerja.halaman import kirim_formulir as kf
from kinerja.halaman.kirim_formulir import BATAS_BERKAS, BATAS_KIRIMAN, Unggahan, terima_kiriman
from kinerja.halaman.pengunjung import Pengunjung

BAPENDA = Pengunjung("unit", "bapenda", "Operator Bapenda")
WAKTU = dt.datetime(2026, 12, 1, 9, 30, 15)


def _u(path: Path, nama: str | None = None) -> Unggahan:
    return Unggahan(nama or path.name, path.read_bytes())


def _rusak(sampel: Path) -> bytes:
    """Bapenda's Renstra with three faults in two rows, two of them text a browser or Excel would run."""
    wb = load_workbook(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx")
    ws = wb["RENSTRA"]
    ws["F11"] = "<script>alert(1)</script>"
    ws["G12"] = '=HYPERLINK("http://contoh.invalid","klik")'
    ws["G12"].data_type = "s"  # text a clerk typed, not a formula
    ws["N11"] = "banyak"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def arsip(tmp_path) -> Path:
    return tmp_path / "arsip"


def test_a_good_file_is_loaded_with_its_receipt_time_archive_copy_and_receipt(sampel, store, arsip):
    before = counts(store)
    [d] = terima_kiriman([_u(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx")], store, arsip, BAPENDA, WAKTU)
    h = d.hasil
    assert (h.status, h.unit, h.formulir, h.revisi) == ("dimuat", "bapenda", "RENSTRA-PD", 1)
    sub = store.submissions().iloc[-1]
    assert sub["diterima"] == WAKTU.replace(microsecond=0) and sub["unit_kode"] == "bapenda"
    assert Path(sub["arsip"]) == arsip / f"{sub['sha256']}.xlsx" and Path(sub["arsip"]).read_bytes() == \
        (sampel / "bapenda" / "RENSTRA_2025-2029.xlsx").read_bytes()
    assert counts(store)["submission"] == before["submission"] + 1
    nama, html = d.tanda_terima
    assert nama == "tanda-terima_bapenda_renstra-pd_2025.html"
    for teks in ("Tanda Terima Formulir", "Badan Pendapatan Daerah (bapenda)", "Renstra/RPJMD (RENSTRA-PD)",
                 "2025–2029", "RENSTRA_2025-2029.xlsx", sub["sha256"], "1 Desember 2026 pukul 09.30",
                 "<th>Revisi</th><td>1</td>", "target: 14", "Operator Bapenda"):
        assert teks in html, teks
    assert "kinerja" not in html.lower()  # the receipt names no software
    page = kf._tampil([d], store)
    assert "diterima dan dimuat" in page and f'download="{nama}"' in page and "data:text/html;base64," in page


def test_a_corrected_file_becomes_the_next_revision_on_its_receipt(sampel, store, arsip):
    path = sampel / "bapenda" / "RENSTRA_2025-2029.xlsx"
    wb = load_workbook(path)
    wb["RENSTRA"]["N12"] = "45"
    out = io.BytesIO()
    wb.save(out)
    first, second = terima_kiriman([_u(path), Unggahan(path.name, out.getvalue())], store, arsip, BAPENDA, WAKTU)
    assert (first.hasil.revisi, second.hasil.revisi) == (1, 2)
    assert "<th>Revisi</th><td>2</td>" in second.tanda_terima[1]


def test_a_bad_file_shows_every_located_problem_escaped_and_loads_nothing(sampel, store, arsip):
    before = counts(store)
    [d] = terima_kiriman([Unggahan("renstra <b>salah</b>.xlsx", _rusak(sampel))], store, arsip, BAPENDA, WAKTU)
    assert d.hasil.status == "ditolak" and d.tanda_terima is None
    where = {(m.kode, m.lembar, m.sel) for m in d.hasil.galat}
    assert {("V21", "RENSTRA", "F11"), ("V22", "RENSTRA", "G12"), ("V12", "RENSTRA", "N11")} <= where
    assert counts(store) == before and not arsip.exists()
    page = kf._tampil([d], store)
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>salah</b>" not in page
    assert 'HYPERLINK(&#34;http' in page  # shown as the text it is, inside an escaped message
    assert f"DITOLAK, {len(d.hasil.galat)} galat" in page


def test_another_units_file_is_refused_at_its_unit_cell_before_its_rows_are_checked(sampel, store, arsip):
    before = counts(store)
    dinkes = Pengunjung("unit", "dinkes")
    new, loaded = terima_kiriman([_u(sampel / "bapenda" / "RKT_2026.xlsx"), _u(sampel / "dinkes" / "PK_2026.xlsx")],
                                 store, arsip, BAPENDA, WAKTU)  # a file of bapenda's own is refused only by rows
    assert new.hasil.status == "ditolak" and "V82" not in {m.kode for m in new.hasil.masalah}
    assert loaded.hasil.status == "ditolak"  # dinkes' PK, though already loaded: not "sudah pernah dimuat"
    [m] = loaded.hasil.masalah
    assert (m.kode, m.lembar, m.sel) == ("V82", "PK", "B4") and '"dinkes"' in m.pesan and '"bapenda"' in m.pesan
    [d] = terima_kiriman([_u(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx")], store, arsip, dinkes, WAKTU)
    assert [(m.kode, m.sel) for m in d.hasil.masalah] == [("V82", "B4")]  # only this: no row checked for dinkes
    [d] = terima_kiriman([_u(sampel / "00_daftar_unit.xlsx")], store, arsip, dinkes, WAKTU)
    assert [m.kode for m in d.hasil.masalah] == ["V82"] and "tanpa kode unit" in d.hasil.masalah[0].pesan
    assert counts(store) == before
    bappeda = Pengunjung("bappeda", None)
    [d] = terima_kiriman([_u(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx")], store, arsip, bappeda, WAKTU)
    assert d.hasil.status == "dimuat"  # the Bappeda sends any unit's


def test_pimpinan_sends_nothing(sampel, store, arsip):
    before = counts(store)
    [d] = terima_kiriman([_u(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx")], store, arsip,
                         Pengunjung("pimpinan", None), WAKTU)
    assert [m.kode for m in d.hasil.masalah] == ["V84"] and counts(store) == before


def test_too_big_a_file_or_upload_is_refused_before_it_is_opened(sampel, store, arsip, monkeypatch):
    opened = []
    monkeypatch.setattr(kf, "muat_berkas", lambda *a, **k: opened.append(a))
    [d] = terima_kiriman([Unggahan("besar.xlsx", b"PK" + bytes(BATAS_BERKAS))], store, arsip, BAPENDA, WAKTU)
    assert [m.kode for m in d.hasil.masalah] == ["V48"]
    assert d.hasil.masalah[0].pesan == "berkas 5,0 MB, melebihi batas 5 MB untuk satu berkas"
    half = BATAS_KIRIMAN // 2 + 1
    two = terima_kiriman([Unggahan("a.xlsx", bytes(half)), Unggahan("b.xlsx", bytes(half))], store, arsip, BAPENDA,
                         WAKTU)
    assert [m.kode for d in two for m in d.hasil.masalah] == ["V83", "V83"]
    assert "melebihi batas 8,0 MB untuk satu kali kirim" in two[0].hasil.masalah[0].pesan
    many = terima_kiriman([Unggahan(f"{i}.xlsx", b"") for i in range(kf.BATAS_JUMLAH + 1)], store, arsip, BAPENDA,
                          WAKTU)
    assert {m.kode for d in many for m in d.hasil.masalah} == {"V83"}
    assert opened == []


def test_an_identical_file_says_it_was_loaded_already(sampel, store, arsip):
    before = counts(store)
    [d] = terima_kiriman([_u(sampel / "dinkes" / "PK_2026.xlsx")], store, arsip, Pengunjung("unit", "dinkes"), WAKTU)
    assert d.hasil.status == "sama" and d.tanda_terima is None and counts(store) == before
    assert "sudah pernah dimuat" in kf._tampil([d], store)


@pytest.mark.parametrize("isi", [b"%PDF-1.4 bukan formulir", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), b""],
                         ids=["pdf", "xls-lama", "kosong"])
def test_a_file_that_is_not_a_workbook_gets_an_indonesian_message(store, arsip, isi):
    [d] = terima_kiriman([Unggahan("laporan.xlsx", isi)], store, arsip, BAPENDA, WAKTU)
    assert d.hasil.status == "ditolak" and [m.kode for m in d.hasil.masalah] == ["V01"]
    assert "Traceback" not in kf._tampil([d], store)


@pytest.mark.parametrize("nama, aman", [("../../etc/passwd.xlsx", "passwd.xlsx"), ("C:\\Users\\a\\b.xlsx", "b.xlsx"),
                                        (".tersembunyi.xlsx", "tersembunyi.xlsx"), ("a\x00b\n.xlsx", "a_b_.xlsx"),
                                        ("", "berkas.xlsx"), ("x" * 300 + ".xlsx", "x" * 115 + ".xlsx")])
def test_a_browsers_file_name_never_leaves_the_private_folder(nama, aman):
    assert kf._nama_aman(nama) == aman


def test_nothing_is_half_written_when_the_store_fails_in_the_middle_of_the_write(sampel, store, arsip, monkeypatch):
    """A connection dropped or a kernel stopped while the rows are inserted: the transaction
    rolls back and the archive copy made for it is removed."""
    import kinerja.store.store as modul

    before = counts(store)
    asli = modul._sisipkan

    def putus(conn, info, rows):
        asli(conn, info, rows)  # written inside the transaction, then the connection drops
        raise KeyboardInterrupt

    monkeypatch.setattr(modul, "_sisipkan", putus)
    with pytest.raises(KeyboardInterrupt):
        terima_kiriman([_u(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx")], store, arsip, BAPENDA, WAKTU)
    assert counts(store) == before
    assert not arsip.exists() or not list(arsip.iterdir())


def _widgets(page) -> list:
    return [page, *(w for c in getattr(page, "children", ()) for w in _widgets(c))]


def _teks(page) -> str:
    teks = [str(w.value) for w in _widgets(page) if isinstance(getattr(w, "value", None), str)]
    return " ".join(" ".join(t.split()) for t in teks)


def test_the_page_takes_the_visitor_from_the_kernels_environment_only(store, monkeypatch):
    monkeypatch.setenv("KINERJA_AKSES", "pribadi")
    monkeypatch.setenv("KINERJA_PERAN", "pimpinan")
    page = kf.kirim_formulir(store.url)
    assert "hanya untuk mengirim formulir" in _teks(page) and "sebagai Pimpinan" in _teks(page)
    assert not [w for w in _widgets(page) if w.__class__.__name__ == "FileUpload"]
    monkeypatch.setenv("KINERJA_PERAN", "unit")
    monkeypatch.setenv("KINERJA_UNIT", "bapenda")
    page = kf.kirim_formulir(store.url)
    [upload] = [w for w in _widgets(page) if w.__class__.__name__ == "FileUpload"]
    assert "untuk <b>Badan Pendapatan Daerah (bapenda)</b>" in _teks(page)  # by its name and code
    assert upload.accept == ".xlsx" and upload.multiple
    assert re.search(r"5,0 MB per berkas, 8,0 MB dan 20 berkas", _teks(page))
    monkeypatch.delenv("KINERJA_PERAN")
    with pytest.raises(KinerjaError):
        kf.kirim_formulir(store.url)


def test_the_page_has_the_shared_header_and_the_due_period_and_the_button_says_it_is_ready(store, sampel,
                                                                                          monkeypatch):
    """Issue 25 items 1-2: Kirim Formulir has every page's header (links carrying the period, the
    period's choice) and says what is due that period; after an upload the button is cleared and
    says it is ready for the next file (ipywidgets' "(n)" is hidden by the page's CSS)."""
    monkeypatch.setenv("KINERJA_AKSES", "pribadi")
    monkeypatch.setenv("KINERJA_PERAN", "unit")
    monkeypatch.setenv("KINERJA_UNIT", "bapenda")
    page = kf.kirim_formulir(store.url)
    kelas = {c: w for w in _widgets(page) for c in getattr(w, "_dom_classes", ())}
    assert {"kinerja-kepala", "kinerja-pilih-tahun", "kinerja-pilih-bulan"} <= set(kelas)
    tahun, bulan = kelas["kinerja-pilih-tahun"].value, kelas["kinerja-pilih-bulan"].value
    assert f'href="beranda.ipynb?tahun={tahun}&amp;bulan={bulan}"' in kelas["kinerja-kepala"].value
    assert re.search(rf"Periode \w+ {tahun}: CRAAPK \w+ (belum diterima|diterima)", _teks(page))
    upload = kelas["kinerja-unggah"]
    assert (upload.tooltip, upload.disabled) == ("Pilih berkas .xlsx", False)
    isi = (sampel / "bapenda" / "RENSTRA_2025-2029.xlsx").read_bytes()
    upload.value = ({"name": "RENSTRA_2025-2029.xlsx", "type": "", "size": len(isi), "content": memoryview(isi),
                     "last_modified": dt.datetime(2026, 10, 3)},)
    assert upload.value == () and (upload.tooltip, upload.disabled) == ("Kirim berkas lain (.xlsx)", False)
    assert "diterima dan dimuat" in kelas["kinerja-hasil-kirim"].value
    assert ".kinerja-unggah{font-size:0" in _teks(page).replace(" ", "")


def test_an_archive_folder_that_cannot_be_written_loads_nothing_and_names_no_server_path(sampel, store, tmp_path):
    arsip = tmp_path / "arsip"
    arsip.write_text("bukan folder")
    before = counts(store)
    files = [_u(sampel / "bapenda" / "RENSTRA_2025-2029.xlsx"), _u(sampel / "bapenda" / "PROFIL_2026.xlsx")]
    hasil = terima_kiriman(files, store, arsip, BAPENDA, WAKTU)
    assert [m.kode for d in hasil for m in d.hasil.masalah] == ["V00", "V00"] and counts(store) == before
    page = kf._tampil(hasil, store)
    assert "folder arsip tidak dapat ditulis" in page and str(tmp_path) not in page
