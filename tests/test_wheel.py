"""The built wheel works on its own: installed into a clean virtualenv, run outside the repository.

Its notebooks, predikat scales and batch parameter sets are package data read with
importlib.resources; nothing is found by walking up from the package folder.
"""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(argv, **kwargs):
    res = subprocess.run(argv, capture_output=True, text=True, timeout=900, **kwargs)
    assert res.returncode == 0, (argv, res.stdout[-2000:], res.stderr[-4000:])
    return res


def test_the_wheel_carries_its_data_and_runs_from_a_clean_virtualenv(tmp_path):
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist),
          str(ROOT)])
    (wheel,) = dist.glob("kinerja-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kinerja/parameters/predikat/permendagri-86-2017.yaml", "kinerja/parameters/batch/craapk-bulanan.yaml",
                   "kinerja/parameters/kewajaran.yaml", "kinerja/parameters/bobot.yaml",
                   "kinerja/parameters/peringkat.yaml", "kinerja/notebooks/dashboard/peringkat.ipynb",
                   "kinerja/notebooks/lkjip.ipynb", "kinerja/notebooks/craapk.ipynb",
                   "kinerja/notebooks/dashboard/ringkasan_kabupaten.ipynb"):
        assert needed in names, needed

    venv = tmp_path / "venv"
    _run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)])
    # --no-compile: byte-compiling all 150 packages up front took 20 s; the runs below compile
    # only what they import, once (they may write .pyc files into this throwaway venv).
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "--no-compile"]
    _run([*pip, "-r", str(ROOT / "requirements.txt")])
    _run([*pip, "--no-deps", str(wheel)])

    work = tmp_path / "kerja"  # far from the repository: only the installed package can be found
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_") and k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"KINERJA_CONTOH": str(tmp_path / "contoh"), "PATH": f"{venv / 'bin'}:{env['PATH']}"}
    kinerja = str(venv / "bin" / "kinerja")
    where = _run([str(venv / "bin" / "python"), "-c", "import kinerja; print(kinerja.__file__)"], cwd=work, env=env)
    assert str(venv) in where.stdout

    assert "permendagri-86-2017" in _run([kinerja, "skala"], cwd=work, env=env).stdout
    (work / "capaian.csv").write_text("indikator;target;realisasi;polaritas\nAKI;100;80;negatif\nIPM;70;73,5;\n",
                                      encoding="utf-8")
    out = _run([kinerja, "capaian", "capaian.csv"], cwd=work, env=env).stdout
    assert "120" in out and "105" in out

    _run([kinerja, "batch", "--contoh", "--tahun", "2026", "--bulan", "9", "--unit", "dinkes", "--dokumen",
          "craapk", "lkjip", "--tanpa-pdf", "-o", str(work / "keluaran"), "--jobs", "1"], cwd=work, env=env)
    folder = work / "keluaran" / "2026" / "dinkes"
    for name in ("craapk.html", "craapk.docx", "craapk.xlsx", "lkjip.html", "lkjip.docx"):
        assert (folder / name).is_file(), name
