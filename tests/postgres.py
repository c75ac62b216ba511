"""A throwaway PostgreSQL server for the tests: Debian's ``postgresql`` binaries, a new
cluster in a temporary folder, listening only on a Unix socket in that folder.

``make test`` installs the package with apt when it is missing. The server runs as the
``postgres`` system user when the tests run as root (initdb refuses root), and is stopped
and removed at the end of the session. Nothing here is mocked.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"{name} tidak ditemukan: pasang paket Debian postgresql (make test memasangnya)")
    return found[-1]


class Server:
    """One running cluster; :meth:`database` creates a fresh database and returns its URL."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kinerja-pg-"))
        self.data, self.socket = self.root / "data", self.root
        self._as = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        os.chmod(self.root, 0o755)
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "kinerja", "--no-sync", "-E", "UTF8",
                  "--locale=C")
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-o",
                  f"-k {self.socket} -c listen_addresses='' -F -p 5439", "start")
        self._count = 0

    def _run(self, *argv: str) -> None:
        subprocess.run([*self._as, *argv], check=True, capture_output=True, timeout=120)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://kinerja@/{database}?host={self.socket}&port=5439"

    def database(self) -> str:
        import psycopg

        self._count += 1
        name = f"uji{self._count}"
        with psycopg.connect(host=str(self.socket), port=5439, user="kinerja", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")  # name made here, never from data
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
