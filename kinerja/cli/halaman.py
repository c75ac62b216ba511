"""``kinerja serve``: the pages for officials."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kinerja.cli.umum import bilangan, bulan, buka, contoh, opsi_contoh, opsi_db, opsi_notebooks, skala_bawaan, tahun
from kinerja.core.errors import KinerjaError

__all__ = ["daftar"]


def daftar(sub) -> None:
    """Add this group's commands to ``sub`` (the parser's subcommands)."""
    from kinerja.cli import akses

    _serve(sub)
    akses.daftar(sub)


def _serve(sub) -> None:
    sv = sub.add_parser(
        "serve",
        help="sajikan halaman Voila untuk pimpinan (Ringkasan Kabupaten, Perangkat Daerah, Tren)",
        description="Jalankan Voila atas notebooks/dashboard/. Hanya di 127.0.0.1 kecuali --host diberikan, dengan\n"
        "token (dibuat acak bila tidak diberikan), tanpa kode sumber dan tanpa traceback. Kernel yang diam\n"
        "dihentikan otomatis. Halaman membaca basis data dan keluaran 'kinerja batch'.\n\n"
        "Tautan pribadi: bila basis data memuat paling sedikit satu tautan pribadi yang masih berlaku\n"
        "('kinerja akses buat'), atau dengan --tautan-pribadi, halaman hanya terbuka dengan tautan pribadi:\n"
        "token bersama tidak berlaku, setiap pengunjung hanya melihat yang boleh dilihat perannya (tautan unit:\n"
        "data unitnya saja), dan kernel tidak disiapkan lebih dahulu. Tanpa tautan pribadi: satu token bersama.",
        epilog=contoh("kinerja serve --db sqlite:///outputs/kinerja.sqlite -o outputs",
                      "kinerja serve --contoh --port 8900",
                      "kinerja serve --db sqlite:///outputs/kinerja.sqlite --tautan-pribadi"),
    )
    sv.add_argument("--port", type=bilangan(1, 65535), default=8866, help="port (bawaan: 8866)")
    sv.add_argument("--host", default="127.0.0.1", help="alamat yang didengarkan (bawaan: 127.0.0.1, hanya komputer ini)")
    sv.add_argument("--berkas-token", metavar="BERKAS",
                    help="baca token akses dari BERKAS (bawaan: $KINERJA_TOKEN atau dibuat acak); token tidak "
                         "pernah ditulis di baris perintah, yang terbaca oleh semua pengguna komputer")
    sv.add_argument("--token", help=argparse.SUPPRESS)  # refused: see _token
    opsi_db(sv)
    opsi_contoh(sv)
    opsi_notebooks(sv)
    sv.add_argument("--tahun", type=tahun, help="tahun (bawaan: tahun terakhir di basis data)")
    sv.add_argument("--bulan", type=bulan, help="bulan (bawaan: bulan terakhir yang dilaporkan)")
    sv.add_argument("--skala", default=None, help=lambda: f"skala predikat (bawaan: {skala_bawaan()})")
    sv.add_argument("-o", "--keluaran", default="outputs", metavar="FOLDER",
                    help="folder keluaran 'kinerja batch' (bawaan: outputs)")
    sv.add_argument("--batas-diam", type=bilangan(1), default=15, metavar="MENIT",
                    help="hentikan kernel yang diam selama MENIT menit (bawaan: 15)")
    sv.add_argument("--batas-halaman", type=bilangan(1), default=20, metavar="N",
                    help="paling banyak N halaman terbuka sekaligus di server (bawaan: 20; ±120 MB per halaman)")
    sv.add_argument("--batas-halaman-klien", type=bilangan(1), default=8, metavar="N",
                    help="paling banyak N halaman terbuka dari satu komputer pembaca (bawaan: 8)")
    sv.add_argument("--tenggang-tutup", type=bilangan(0), default=15, metavar="DETIK",
                    help="hentikan kernel halaman yang ditutup bila halaman tidak tersambung lagi dalam DETIK "
                         "detik (bawaan: 15; 0: tunggu --batas-diam)")
    sv.add_argument("--tenggang-sambung", type=bilangan(0), default=60, metavar="DETIK",
                    help="hentikan kernel halaman yang ditutup sebelum sempat tersambung (tab ditutup saat halaman "
                         "dimuat) DETIK detik setelah halaman terkirim (bawaan: 60; 0: tunggu --batas-diam)")
    sv.add_argument("--tanpa-pemanasan", action="store_true",
                    help="jangan siapkan kernel terlebih dahulu (halaman pertama lebih lambat, memori lebih hemat)")
    sv.add_argument("--tautan-pribadi", action="store_true",
                    help="hanya tautan pribadi yang membuka halaman, walau belum ada tautan yang berlaku (bawaan: "
                         "otomatis bila basis data memuat tautan pribadi yang berlaku)")
    sv.set_defaults(func=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    import subprocess

    from kinerja.halaman.serve import perintah_voila

    token = _token(args)
    if args.contoh:
        from kinerja.contoh.store import store_contoh

        db = store_contoh().url
        print("basis data: contoh Kabupaten Nusa Rekaan (kabupaten rekaan)", file=sys.stderr)
        pribadi = args.tautan_pribadi
    else:
        from kinerja.store.akses import ada_tautan_aktif

        store = buka(args, tahun=args.tahun)
        db, pribadi = store.url, args.tautan_pribadi or ada_tautan_aktif(store)
    argv, env, token = perintah_voila(args.port, args.host, token, db, args.tahun, args.bulan,
                                      args.keluaran, args.skala, args.batas_diam, not args.tanpa_pemanasan,
                                      args.notebooks, args.batas_halaman, args.batas_halaman_klien, pribadi,
                                      tenggang_tutup=args.tenggang_tutup, tenggang_sambung=args.tenggang_sambung)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"PERINGATAN: halaman dapat dibuka dari jaringan ({args.host}); bagikan token hanya kepada yang berhak.",
              file=sys.stderr)
    if pribadi:
        print(f"Halaman kinerja: http://{args.host}:{args.port}/ — hanya dengan tautan pribadi "
              "('kinerja akses buat'); token bersama tidak berlaku.", flush=True)
    else:
        print(f"Halaman kinerja: http://{args.host}:{args.port}/?token={token}", flush=True)
    print("Hentikan dengan Ctrl+C.", flush=True)
    return _jalankan_pelayan(subprocess.Popen(argv, env=env, start_new_session=True))


def _jalankan_pelayan(proc) -> int:
    """Wait for the page server ``proc``; SIGTERM or SIGINT (Ctrl+C) to ``kinerja serve`` stops it
    and its kernels: the server, in a session of its own so that it is never left behind, is told
    to stop (SIGTERM: it shuts every kernel down) and waited for; killed with its kernels if it
    has not stopped within 30 seconds."""
    import signal
    import subprocess

    def berhenti(signum, _frame):
        raise KeyboardInterrupt

    lama = {s: signal.signal(s, berhenti) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        return proc.wait()
    except KeyboardInterrupt:
        print("kinerja serve: menghentikan server halaman dan kernelnya…", file=sys.stderr, flush=True)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C does not leave the server behind
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        print("kinerja serve: berhenti.", file=sys.stderr, flush=True)
        return 0
    finally:
        for s, handler in lama.items():
            signal.signal(s, handler)


def _token(args: argparse.Namespace) -> str | None:
    """The page token from ``--berkas-token`` or ``$KINERJA_TOKEN`` (None: a random one); never
    from the command line, where every user of the machine sees it in the process list."""
    if args.token is not None:
        raise KinerjaError("token di baris perintah terbaca oleh semua pengguna komputer (daftar proses); "
                           "simpan token di berkas dan pakai --berkas-token BERKAS, atau isi KINERJA_TOKEN")
    if args.berkas_token:
        try:
            token = Path(args.berkas_token).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            alasan = getattr(exc, "strerror", None) or "bukan teks UTF-8"
            raise KinerjaError(f"{args.berkas_token}: berkas token tidak dapat dibaca ({alasan})") from None
        if len(token) < 16 or any(c.isspace() for c in token):
            raise KinerjaError(f"{args.berkas_token}: token harus satu baris tanpa spasi, paling sedikit 16 "
                               "karakter")
        return token
    return os.environ.get("KINERJA_TOKEN") or None
