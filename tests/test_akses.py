"""Personal links (``kinerja akses``) and what a visitor's role lets the pages read and write,
without a browser: the store keeps only a link's hash; expiry and revocation; a unit's view of
the store; the pages a unit may not see; confirming a suspect number by role."""

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from conftest import BULAN, TAHUN
from kinerja.core.errors import KinerjaError
from kinerja.core.kewajaran import Kewajaran
from kinerja.halaman import dasbor
from kinerja.halaman.pengunjung import Pengunjung
from kinerja.store import akses
from kinerja.store.skema import akses as tabel_akses
from kinerja.store.terbatas import StoreUnit


def test_the_store_keeps_only_the_hash_of_a_links_secret(store):
    tautan, rahasia = akses.buat_tautan(store, "Operator Dinkes", "unit", "dinkes", 30)
    assert len(rahasia) >= 43  # token_urlsafe(32): 32 random bytes
    with store.engine.connect() as conn:
        rows = conn.execute(select(tabel_akses)).mappings().all()
    assert [r["hash"] for r in rows] == [hashlib.sha256(rahasia.encode()).hexdigest()]
    assert rahasia.encode() not in open(store.url.removeprefix("sqlite:///"), "rb").read()
    found, alasan = akses.cari_tautan(store, rahasia)
    assert (found.id, found.peran, found.unit_kode, alasan) == (tautan.id, "unit", "dinkes", "")
    assert akses.cari_tautan(store, rahasia[:-1] + ("A" if rahasia[-1] != "A" else "B")) == (
        None, "tautan ini tidak dikenal")
    assert akses.cari_tautan(store, "")[0] is None


def test_an_expired_or_revoked_link_lets_nobody_in(store):
    tautan, rahasia = akses.buat_tautan(store, "Kabid", "bappeda", None, 2)
    assert akses.ada_tautan_aktif(store)
    later = tautan.dibuat + dt.timedelta(days=2)
    assert akses.cari_tautan(store, rahasia, later)[1] == "masa berlaku tautan ini sudah habis"
    assert akses.tautan_aktif(store, tautan.id, later) is None
    assert not akses.ada_tautan_aktif(store, later)
    assert [t.id for t in akses.cabut_tautan(store, tautan.id)] == [tautan.id]
    assert akses.cari_tautan(store, rahasia)[1] == "tautan ini sudah dicabut"
    assert akses.tautan_aktif(store, tautan.id) is None and not akses.ada_tautan_aktif(store)
    assert akses.cabut_tautan(store, tautan.id) == []  # nothing left to revoke


def test_a_units_view_of_the_store_holds_its_own_rows_only(store):
    view = StoreUnit(store, "dinkes-kesmas")
    for table in ("unit", "indikator", "target", "realisasi", "anggaran"):
        col = "kode" if table == "unit" else "unit_kode"
        assert set(view.current(table)[col]) <= {"dinkes-kesmas"}, table
        assert set(view.history(table)[col]) <= {"dinkes-kesmas"}, table
    assert not view.current("target").empty and set(store.current("target")["unit_kode"]) > {"dinkes-kesmas"}
    assert set(view.submissions()["unit_kode"]) == {"dinkes-kesmas"}
    assert view.current("target", unit_kode="dinkes").empty  # asking for another unit gets nothing
    for name in ("engine", "connect", "add_submission", "tambah_kiriman"):
        with pytest.raises(KinerjaError, match="hanya baca data unit dinkes-kesmas"):
            getattr(view, name)


def test_konteks_gives_a_unit_visitor_its_view_and_refuses_a_kernel_without_a_role(store, monkeypatch):
    monkeypatch.setenv("KINERJA_AKSES", "pribadi")
    monkeypatch.setenv("KINERJA_PERAN", "unit")
    monkeypatch.setenv("KINERJA_UNIT", "dinkes")
    k = dasbor.konteks(store.url, TAHUN, BULAN)
    assert isinstance(k.store, StoreUnit) and k.pengunjung == Pengunjung("unit", "dinkes")
    assert set(dasbor.semua_indikator(k)["unit_kode"]) == {"dinkes"}
    assert dasbor.laporan_unit(k, "nusa-rekaan").empty
    monkeypatch.setenv("KINERJA_PERAN", "pimpinan")
    monkeypatch.delenv("KINERJA_UNIT")
    assert not isinstance(dasbor.konteks(store.url, TAHUN, BULAN).store, StoreUnit)
    monkeypatch.delenv("KINERJA_PERAN")
    with pytest.raises(KinerjaError, match="tanpa tautan pribadi"):
        dasbor.konteks(store.url, TAHUN, BULAN)


def test_kabupaten_pages_refuse_a_unit_visitor_in_indonesian(store):
    from kinerja.halaman.evaluasi_akip import evaluasi_akip
    from kinerja.halaman.peringkat import peringkat
    from kinerja.halaman.pohon_kinerja import pohon_kinerja
    from kinerja.halaman.ringkasan_kabupaten import ringkasan_kabupaten
    from kinerja.core.predikat import muat_skala

    k = dasbor.Konteks(StoreUnit(store, "dinkes"), TAHUN, BULAN, muat_skala("permendagri-86-2017"), store.url,
                       Pengunjung("unit", "dinkes", "Operator Dinkes"))
    def semua(w):  # the widget and every widget inside it (pages sit inside the common frame)
        yield w
        for c in getattr(w, "children", ()):
            yield from semua(c)

    for page in (ringkasan_kabupaten, peringkat, pohon_kinerja, evaluasi_akip):
        shown = list(semua(page(k)))
        refused = [w for w in shown if "kinerja-ditolak" in w._dom_classes]
        assert refused, page.__name__
        assert "tidak tersedia untuk tautan unit dinkes" in refused[0].value
        assert not [w for w in shown if isinstance(getattr(w, "value", None), str) and "Dinas Sosial" in w.value]


@pytest.fixture
def curiga(monkeypatch):
    """Every capaian above 50 % is suspect, so that the small store has numbers to confirm."""
    monkeypatch.setattr("kinerja.analisis.dari_store.capaian.muat_kewajaran", lambda: Kewajaran(capaian_maks=50.0))


def _k(store, peran: str, nama: str = "Auditor", unit: str | None = None) -> dasbor.Konteks:
    from kinerja.core.predikat import muat_skala

    view = StoreUnit(store, unit) if unit else store
    return dasbor.Konteks(view, TAHUN, BULAN, muat_skala("permendagri-86-2017"), store.url,
                          Pengunjung(peran, unit, nama))


def test_confirming_a_number_on_a_page_is_recorded_and_honoured_like_the_yaml(store, curiga):
    from kinerja.analisis import dari_store as analisis
    from kinerja.halaman.konfirmasi import daftar_konfirmasi, konfirmasi_angka, perlu_konfirmasi

    k = _k(store, "inspektorat", "Auditor Inspektorat")
    ragu = perlu_konfirmasi(k)
    unit, indikator = ragu["unit_kode"].iloc[0], ragu["indikator_kode"].iloc[0]
    for who in (_k(store, "pimpinan", "Bupati"), _k(store, "unit", "Operator", unit), _k(store, "bappeda", "")):
        with pytest.raises(KinerjaError):
            konfirmasi_angka(who, unit, indikator, "benar")
    assert akses.baca_konfirmasi(store).empty
    assert "Auditor Inspektorat" in konfirmasi_angka(k, unit, indikator, "dicek dengan dokumen sumber")
    row = akses.baca_konfirmasi(store).iloc[0]
    assert (row["unit_kode"], row["indikator_kode"], row["tahun"], row["oleh"], row["peran"]) == (
        unit, indikator, TAHUN, "Auditor Inspektorat", "inspektorat")
    assert abs(row["waktu"] - dt.datetime.now()) < dt.timedelta(minutes=1)
    kum = analisis.capaian_kumulatif(store, unit, TAHUN, BULAN).set_index("indikator_kode").loc[indikator]
    assert bool(kum["dihitung"]) and "telah dikonfirmasi evaluator" in kum["verifikasi"]
    assert indikator not in set(perlu_konfirmasi(k)["indikator_kode"][perlu_konfirmasi(k)["unit_kode"] == unit])
    assert "Auditor Inspektorat" in daftar_konfirmasi(k).data["Oleh"].tolist()
    with pytest.raises(KinerjaError, match="tidak sedang menunggu konfirmasi"):
        konfirmasi_angka(k, unit, indikator, "lagi")


def test_the_confirmation_panel_says_when_nothing_is_left_to_confirm(store, curiga):
    """Issue 25 item 4: once the last suspect number is confirmed, the panel says so; its choice,
    catatan and button give way (no blank dropdown), and the chosen number is written out in full."""
    from kinerja.halaman.konfirmasi import daftar_konfirmasi, panel_konfirmasi, perlu_konfirmasi

    k = _k(store, "inspektorat", "Auditor Inspektorat")
    waiting = len(perlu_konfirmasi(k))
    assert waiting >= 1
    panel = panel_konfirmasi(k)
    pilih, terpilih, catatan, tombol = panel.children[:4]
    assert terpilih.value.count(pilih.label.split(" — ")[0]) == 1
    for _ in range(waiting):
        catatan.value = "dicek dengan dokumen sumber"
        tombol.click()
    assert perlu_konfirmasi(k).empty and pilih.options == ()
    assert f"Tidak ada angka tahun {TAHUN} yang menunggu konfirmasi" in terpilih.value
    assert [w.layout.display for w in (pilih, catatan, tombol)] == ["none"] * 3
    assert "dikonfirmasi oleh Auditor Inspektorat" in panel.children[4].value
    assert set(daftar_konfirmasi(k).data["Peran"]) == {"Inspektorat"}  # the role as the pages spell it


def test_kinerja_akses_issues_lists_and_revokes_links(store, capsys):
    from kinerja.cli import main

    assert main(["akses", "buat", "--db", store.url, "--unit", "dinkse"]) == 2
    assert "apakah maksud Anda dinkes" in capsys.readouterr().err
    assert main(["akses", "buat", "--db", store.url, "--peran", "unit"]) == 2
    assert main(["akses", "buat", "--db", store.url, "--unit", "dinkes", "--nama", "Operator Dinkes",
                 "--url-dasar", "https://kinerja.contoh.go.id/"]) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://kinerja.contoh.go.id/?kunci=")
    rahasia = link.split("kunci=", 1)[1]
    assert akses.cari_tautan(store, rahasia)[0].nama == "Operator Dinkes"
    assert main(["akses", "daftar", "--db", store.url]) == 0
    listed = capsys.readouterr().out
    assert "Operator Dinkes" in listed and "berlaku" in listed and rahasia not in listed
    assert main(["akses", "cabut", "--db", store.url, "--unit", "dinkes"]) == 0
    assert "dicabut" in capsys.readouterr().out
    assert akses.cari_tautan(store, rahasia)[1] == "tautan ini sudah dicabut"
    assert main(["akses", "cabut", "--db", store.url, "--id", "99"]) == 2


def test_serve_with_personal_links_starts_no_kernel_ahead_and_fails_closed(monkeypatch):
    from kinerja.halaman.serve import perintah_voila

    monkeypatch.setenv("KINERJA_PERAN", "bappeda")  # an operator's shell never decides who looks
    argv, env, _ = perintah_voila(db="sqlite:///k.sqlite", akses_pribadi=True)
    assert "--VoilaConfiguration.preheat_kernel=False" in argv and "--PelayanHalaman.akses_pribadi=True" in argv
    assert env["KINERJA_AKSES"] == "pribadi" and "KINERJA_PERAN" not in env
    argv, env, _ = perintah_voila(db="sqlite:///k.sqlite")
    assert "--VoilaConfiguration.preheat_kernel=True" in argv and "KINERJA_AKSES" not in env
