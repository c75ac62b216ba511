"""Test-session setup shared by tests/ and the nbval run over notebooks/.

The sample kabupaten store is cached under outputs/contoh-db (rebuilt when the code that
makes it changes) and given to every notebook and page through ``KINERJA_DB``, the same
way a user points kinerja at a store; nothing falls back to it implicitly.
"""

import os
from pathlib import Path


def pytest_configure(config):
    os.environ.setdefault("KINERJA_CONTOH", str(Path(__file__).resolve().parent / "outputs" / "contoh-db"))
    os.environ.pop("KINERJA_NOTEBOOKS", None)
    from kinerja.contoh import store_contoh

    os.environ["KINERJA_DB"] = store_contoh().url
