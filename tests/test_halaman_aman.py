"""The pages' server against a hostile client: widget messages that break a widget send no
traceback or server path back; pages are capped per client and per server; the token is never
on a command line. Runs ``kinerja serve`` for real and talks to it over HTTP and the kernel's
websocket, as a browser would."""

import argparse
import asyncio
import datetime as dt
import http.client
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest
from halaman_server import KINERJA, jalankan_serve_proses

from kinerja.core.errors import KinerjaError

TOKEN = "token-uji-halaman-aman-1234"


@pytest.fixture
def db(dasar, tmp_path) -> str:
    copy = tmp_path / "k.sqlite"
    shutil.copy(dasar, copy)
    return f"sqlite:///{copy}"


def _buka(base: str, halaman: str, token: str | None = TOKEN, dari: str = "127.0.0.1") -> tuple[int, str]:
    """GET a page from source address ``dari`` (any 127.x.y.z is this machine): status and body."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120, source_address=(dari, 0))
    conn.request("GET", f"/voila/render/{halaman}.ipynb" + (f"?token={token}" if token else ""))
    res = conn.getresponse()
    body = res.read().decode("utf-8", errors="replace")
    conn.close()
    return res.status, body


def _pesan(tipe: str, content: dict) -> str:
    return json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": tipe, "session": "uji", "username": "",
                                  "version": "5.3", "date": dt.datetime.now(dt.timezone.utc).isoformat()},
                       "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []})


# What a hostile page sends: states no widget accepts, unknown comms and methods, a widget of no known model.
_KEADAAN = ({"index": 10**9}, {"index": "satu"}, {"index": -1}, {"value": "bukan pilihan"}, {"children": 5},
            {"options": 3}, {"layout": "x"})


async def _serang(base: str, kernel_id: str) -> list[dict]:
    """Every hostile widget message to every widget of the kernel; what comes back over the websocket."""
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(f"{base.replace('http', 'ws')}/api/kernels/{kernel_id}/channels"
                                 f"?token={TOKEN}&session_id=uji")
    await ws.write_message(_pesan("comm_info_request", {"target_name": "jupyter.widget"}))
    comms = None
    while comms is None:
        m = json.loads(await ws.read_message())
        comms = m["content"]["comms"] if m["msg_type"] == "comm_info_reply" else None
    for comm in comms:
        for state in _KEADAAN:
            await ws.write_message(_pesan("comm_msg", {"comm_id": comm, "data": {"method": "update", "state": state,
                                                                                  "buffer_paths": []}}))
        await ws.write_message(_pesan("comm_msg", {"comm_id": comm, "data": None}))
        await ws.write_message(_pesan("comm_msg", {"comm_id": comm, "data": {"method": "rusak"}}))
    await ws.write_message(_pesan("comm_msg", {"comm_id": "tidak-ada", "data": {"method": "update", "state": {}}}))
    await ws.write_message(_pesan("comm_open", {"comm_id": "baru", "target_name": "jupyter.widget",
                                                "data": {"state": {"_model_name": "Bukan"}}}))
    replies = []
    loop = asyncio.get_running_loop()
    end = loop.time() + 15
    while loop.time() < end:
        try:
            raw = await asyncio.wait_for(ws.read_message(), 1)
        except asyncio.TimeoutError:
            continue
        if raw is None:
            break
        replies.append(json.loads(raw))
    ws.close()
    return replies


def test_hostile_widget_messages_get_one_indonesian_line_and_the_traceback_stays_in_the_log(db, tmp_path):
    # one page, its kernel started for it (no pool of eight pages run ahead)
    with jalankan_serve_proses(db, tmp_path / "keluaran", TOKEN, "--tanpa-pemanasan") as (_, base, log):
        status, page = _buka(base, "perangkat_daerah")
        assert status == 200
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
        replies = asyncio.run(_serang(base, kernel_id))
        server_log = log.read_text(errors="replace")
    text = json.dumps([r["content"] for r in replies])
    errors = [r["content"] for r in replies if r["msg_type"] == "error"]
    assert len(errors) >= 3  # the picker's index, the box's children, the message without data
    for leak in ("Traceback", str(Path(__file__).parents[1]), "site-packages", ".py", "TraitError"):
        assert leak not in text, leak
    assert all(e["traceback"] == ["Pilihan ini tidak dapat diproses. Muat ulang halaman; rinciannya tercatat di "
                                  "log server."] for e in errors)
    assert not [r for r in replies if r["msg_type"] == "stream"]  # no log line forwarded either
    assert "Traceback" in server_log and "TraitError" in server_log  # the details are where an admin looks


def test_pages_are_capped_per_client_and_per_server_with_an_indonesian_503(db, tmp_path):
    with jalankan_serve_proses(db, tmp_path / "keluaran", TOKEN, "--batas-halaman", "3",
                               "--batas-halaman-klien", "2", "--tanpa-pemanasan") as (_, base, _log):
        assert [_buka(base, "peringkat")[0] for _ in range(2)] == [200, 200]
        status, body = _buka(base, "peringkat")
        assert status == 503 and "2 halaman kinerja terbuka dari komputer ini (batas 2)" in body
        assert "Traceback" not in body and "/work" not in body
        assert _buka(base, "peringkat", dari="127.0.0.2")[0] == 200  # another reader: the server has room for one
        status, body = _buka(base, "peringkat", dari="127.0.0.3")
        assert status == 503 and "Server halaman kinerja sedang penuh: 3 halaman terbuka (batas 3)" in body
        assert _buka(base, "peringkat", token=None, dari="127.0.0.4")[0] != 503  # no token: not even counted


def _keturunan(pid: int) -> list[psutil.Process]:
    proc = psutil.Process(pid)
    return [proc, *proc.children(recursive=True)]


def test_the_token_is_on_no_command_line_and_without_it_no_page(db, tmp_path):
    with jalankan_serve_proses(db, tmp_path / "keluaran", TOKEN) as (proc, base, _log):
        assert _buka(base, "peringkat")[0] == 200  # with the token: a page (and its kernel)
        processes = _keturunan(proc.pid)
        assert any("ipykernel" in " ".join(p.cmdline()) for p in processes)  # the kernels are looked at too
        for p in processes:
            assert TOKEN not in Path(f"/proc/{p.pid}/cmdline").read_bytes().decode(errors="replace"), p.cmdline()
        kernels = [p for p in processes if "ipykernel" in " ".join(p.cmdline())]
        assert not any(TOKEN in v for p in kernels for v in p.environ().values())  # nor a kernel's environment
        for token in (None, "salah"):
            status, body = _buka(base, "peringkat", token=token)
            assert status in (302, 403) and "kinerja-" not in body
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/api/kernels?token=salah", timeout=30)


def test_a_token_on_the_command_line_is_refused_and_a_token_file_is_read(tmp_path):
    # --bulan 13 stops a server that would accept the token before it starts
    done = subprocess.run([KINERJA, "serve", "--token", "rahasia-di-daftar-proses", "--bulan", "13"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--berkas-token" in done.stderr and "Traceback" not in done.stderr
    from kinerja.cli.halaman import _token

    berkas = tmp_path / "token"
    berkas.write_text("token-dari-berkas-0123456789\n", encoding="utf-8")
    assert _token(argparse.Namespace(token=None, berkas_token=str(berkas))) == "token-dari-berkas-0123456789"
    berkas.write_text("pendek", encoding="utf-8")
    with pytest.raises(KinerjaError, match="paling sedikit 16"):
        _token(argparse.Namespace(token=None, berkas_token=str(berkas)))
