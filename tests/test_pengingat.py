"""``kinerja pengingat``: who owes a report, the message each gets, and the sending, against a
real SMTP server started here on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import socket

import pytest

from kinerja.analisis.pengingat import tunggakan
from kinerja.cli import main
from kinerja.core.errors import KinerjaError
from kinerja.run.surel import muat_pengingat


def _kirim(store, dokumen: str, unit: str, bulan: int, diterima: dt.datetime) -> None:
    """A submission as ingest or impor records it (no rows: kepatuhan reads submissions only)."""
    store.add_submission({"dokumen": dokumen, "tingkat": "perangkat_daerah", "unit_kode": unit, "tahun": 2026,
                          "bulan": bulan, "berkas": f"{unit}-{dokumen}-{bulan}.xlsx", "sha256": f"{unit}{dokumen}{bulan}",
                          "ukuran": 1, "diterima": diterima, "dimuat": diterima + dt.timedelta(hours=1),
                          "arsip": "-"}, {})


@pytest.fixture
def triwulanan(store):
    """The small store, with Dinas Perhubungan reporting by quarter (its quarter II report in)
    and Bapenda's CRAAPK of March sent late."""
    _kirim(store, "EVALUASI-RENJA", "dishub", 6, dt.datetime(2026, 7, 10, 9))
    _kirim(store, "CRAAPK", "bapenda", 3, dt.datetime(2026, 4, 9, 9))
    return store


def test_a_quarterly_unit_owes_only_in_its_quarters_last_month(triwulanan):
    today = dt.date(2026, 4, 20)
    feb = tunggakan(triwulanan, 2026, 2, hari_ini=today).set_index("kode")
    mar = tunggakan(triwulanan, 2026, 3, hari_ini=today).set_index("kode")
    assert "dishub" not in feb.index  # never called a non-submitter outside its quarter
    assert mar.loc["dishub", "status"] == "belum menyampaikan"
    assert mar.loc["dishub", "periode"] == "laporan triwulan I 2026"
    assert mar.loc["dishub", "batas_waktu"] == dt.datetime(2026, 4, 20, 23, 59, 59)
    assert mar.loc["dinkes", "status"] == "tepat waktu" and mar.loc["bapenda", "status"] == "terlambat"
    assert mar.loc["bappeda", "hari"] == 15  # 5 April → 20 April
    only = tunggakan(triwulanan, 2026, 3, kabupaten="nusa-rekaan", hari_ini=today)
    assert len(only) == len(mar)
    with pytest.raises(KinerjaError, match="kabupaten 'xx' tidak ada"):
        tunggakan(triwulanan, 2026, 3, kabupaten="xx")


@pytest.mark.parametrize("isi, pesan", [
    ("surel:\n  dinkes: dinkes@nusa.go.id\n  dinas-hantu: hantu@nusa.go.id\n",
     "pengingat.yaml: surel.dinas-hantu: kode unit 'dinas-hantu' tidak ada di Daftar Unit"),
    ("surel:\n  dinkes: dinkes@@nusa\n", "pengingat.yaml: surel.dinkes: 'dinkes@@nusa' bukan alamat surel yang sah"),
    ("smtp:\n  host: mail\n  pengirim: b@nusa.go.id\n  sandi: rahasia\n",
     "smtp: kunci 'sandi' tidak boleh ada: sandi SMTP tidak pernah disimpan di berkas; isi variabel lingkungan "
     "KINERJA_SMTP_SANDI"),
    ("url_halaman: https://kinerja.nusa.go.id/?token=abc\n", "url_halaman: 'https://kinerja.nusa.go.id/?token=abc' "
     "harus alamat server halaman saja"),
])
def test_the_settings_file_is_refused_with_the_key_named(tmp_path, isi, pesan):
    berkas = tmp_path / "pengingat.yaml"
    berkas.write_text(isi, encoding="utf-8")
    with pytest.raises(KinerjaError) as e:
        muat_pengingat(berkas, {"dinkes", "dishub"})
    assert pesan in str(e.value)


class _Kotak:
    """aiosmtpd's handler: every message the server accepts."""

    def __init__(self):
        self.surat = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.surat.append((envelope.rcpt_tos, msg))
        return "250 OK"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kotak = _Kotak()
    controller = Controller(kotak, hostname="127.0.0.1", port=port)
    controller.start()
    yield kotak, port
    controller.stop()


def _berkas(tmp_path, port: int):
    berkas = tmp_path / "pengingat.yaml"
    berkas.write_text(f"smtp:\n  host: 127.0.0.1\n  port: {port}\n  pengirim: bappeda@nusa.go.id\n  starttls: false\n"
                      "surel:\n  dinkes: dinkes@nusa.go.id\n  dishub: dishub@nusa.go.id\n"
                      "  bappeda: bappeda@nusa.go.id\n", encoding="utf-8")
    return berkas


def _jalankan(triwulanan, berkas, bulan: int, *extra: str) -> int:
    return main(["pengingat", "--tahun", "2026", "--bulan", str(bulan), "--db", triwulanan.url,
                 "--berkas", str(berkas), "--url-halaman", "https://kinerja.nusa.go.id", *extra])


def test_reminders_reach_a_real_smtp_server(triwulanan, smtp, tmp_path, capsys):
    kotak, port = smtp
    berkas = _berkas(tmp_path, port)
    # February: Bappeda owes its CRAAPK; Dinas Kesehatan sent on time; Dinas Perhubungan reports by quarter.
    assert _jalankan(triwulanan, berkas, 2, "--kirim") == 1  # units owing without an address are reported
    out = capsys.readouterr().out
    assert [r for r, _ in kotak.surat] == [["bappeda@nusa.go.id"]]
    rcpt, msg = kotak.surat[0]
    assert msg["Subject"] == "Pengingat: CRAAPK Februari 2026 Badan Perencanaan Pembangunan Daerah belum diterima"
    body = msg.get_content()
    assert "belum kami terima. Batas penyampaiannya 5 Maret 2026, sudah lewat" in body
    assert "https://kinerja.nusa.go.id/voila/render/kirim_formulir.ipynb" in body
    assert "token" not in body.lower()
    assert re.search(r"bappeda +terkirim ke bappeda@nusa.go.id", out)
    assert "dishub" not in out  # not owing in February, so not even listed
    # March: the quarter's last month, Dinas Perhubungan owes its quarter I report.
    kotak.surat.clear()
    _jalankan(triwulanan, berkas, 3, "--kirim")
    subjects = {r[0]: m["Subject"] for r, m in kotak.surat}
    assert subjects["dishub@nusa.go.id"] == "Pengingat: laporan triwulan I 2026 Dinas Perhubungan belum diterima"
    assert "dinkes@nusa.go.id" not in subjects


def test_without_kirim_nothing_is_sent(triwulanan, smtp, tmp_path, capsys):
    kotak, port = smtp
    assert _jalankan(triwulanan, _berkas(tmp_path, port), 2) == 0
    out = capsys.readouterr().out
    assert kotak.surat == [] and "Perihal: Pengingat: CRAAPK Februari 2026 Badan Perencanaan" in out
    assert "tambahkan --kirim" in out


def test_a_server_that_cannot_be_reached_fails_each_unit(triwulanan, tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there
    assert _jalankan(triwulanan, _berkas(tmp_path, port), 2, "--kirim") == 1
    assert re.search(r"bappeda +GAGAL: server SMTP 127.0.0.1:", capsys.readouterr().out)
