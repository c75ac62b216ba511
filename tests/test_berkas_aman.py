"""Never outside its folders, faults named for what they are (issue #26, deliver 3 and 5): links
planted in an output or archive folder are replaced or refused, never written through; links,
FIFOs and devices among the files to load are refused by name without reading or hanging; a full
disk, a read-only folder, a file where a folder must be, a damaged store and a lock held by another
process each get their own message; a refused command leaves no store, lock or archive behind."""

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from kinerja.cli.perintah import main
from kinerja.core.berkas import tulis_atomik
from kinerja.core.errors import KinerjaError
from kinerja.formulir.berkas import baca_isi
from kinerja.formulir.masalah import Penampung
from kinerja.run.proses import _lewat_fork
from kinerja.run.rencana import Tugas

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
RAHASIA = "isi milik orang lain\n"


def _kinerja(*args, env=None, timeout=60):
    return subprocess.run([KINERJA, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def _korban(tmp_path: Path, nama: str = "korban.txt") -> Path:
    """A file outside every folder kinerja was given, which a planted link points at."""
    path = tmp_path / "di-luar" / nama
    path.parent.mkdir(exist_ok=True)
    path.write_text(RAHASIA)
    return path


@pytest.fixture
def tmpfs(tmp_path):
    """A mount of its own (a tiny tmpfs, read-only on request): a real full disk or a real
    read-only folder, which root's permissions cannot fake with chmod."""
    mounted = []

    def pasang(nama: str, opsi: str) -> Path:
        folder = tmp_path / nama
        folder.mkdir()
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", opsi, "tmpfs", str(folder)], capture_output=True)
        if res.returncode:
            pytest.skip("tmpfs tidak dapat dipasang di sini (perlu root)")
        mounted.append(folder)
        return folder

    yield pasang
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


# --- 1. outputs and archives never written through a link ----------------------------------


def _tugas(tmp_path: Path) -> Tugas:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('halo')")],
                                  metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    source = tmp_path / "uji.ipynb"
    nbformat.write(nb, source)
    folder = tmp_path / "keluaran" / "2026" / "dinkes"
    return Tugas("dinkes", "Dinas Kesehatan", "uji", str(source), {}, str(folder))


def test_a_batch_replaces_links_planted_in_its_output_folder_and_never_writes_through_them(tmp_path):
    tugas = _tugas(tmp_path)
    folder = Path(tugas.folder)
    folder.mkdir(parents=True)
    (folder / "_kerja").mkdir()
    korban = {ext: _korban(tmp_path, f"korban{ext}") for ext in (".log", ".ipynb", ".html")}
    for ext, target in korban.items():
        (folder / ("" if ext == ".html" else "_kerja") / f"uji{ext}").symlink_to(target)
    hasil = _lewat_fork(tugas)
    assert hasil.status == "berhasil", hasil.galat
    for ext, target in korban.items():
        assert target.read_text() == RAHASIA, ext
        path = folder / ("" if ext == ".html" else "_kerja") / f"uji{ext}"
        assert not path.is_symlink() and (path.is_file() or ext == ".log")  # an empty log is removed
    assert "halo" in (folder / "_kerja" / "uji.ipynb").read_text()
    assert not list(folder.rglob(".*sedang*"))


def test_a_batch_refuses_a_unit_folder_that_is_a_link(tmp_path):
    tugas = _tugas(tmp_path)
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    Path(tugas.folder).parent.mkdir(parents=True)
    Path(tugas.folder).symlink_to(elsewhere)
    hasil = _lewat_fork(tugas)
    assert hasil.status == "gagal" and "tautan simbolik" in hasil.galat and "dinkes" in hasil.galat
    assert list(elsewhere.iterdir()) == []


def test_tulis_atomik_replaces_a_link_and_refuses_a_linked_folder_below_the_root(tmp_path):
    korban = _korban(tmp_path)
    root = tmp_path / "keluaran"
    root.mkdir()
    (root / "a.html").symlink_to(korban)
    tulis_atomik(root / "a.html", lambda tmp: tmp.write_text("baru"), akar=root)
    assert korban.read_text() == RAHASIA and (root / "a.html").read_text() == "baru"
    (root / "2026").symlink_to(korban.parent)
    with pytest.raises(KinerjaError, match="tautan simbolik"):
        tulis_atomik(root / "2026" / "b.html", lambda tmp: tmp.write_text("baru"), akar=root)
    assert not (korban.parent / "b.html").exists()


def test_the_archive_copy_never_writes_through_a_planted_link(sampel, tmp_path):
    berkas = sampel / "00_daftar_unit.xlsx"
    sha = hashlib.sha256(berkas.read_bytes()).hexdigest()
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    korban, korban2 = _korban(tmp_path), _korban(tmp_path, "korban2.txt")
    (arsip / f"{sha}.tmp").symlink_to(korban)
    (arsip / f"{sha}.xlsx").symlink_to(korban2)
    res = _kinerja("ingest", berkas, "--db", f"sqlite:///{tmp_path / 'k.sqlite'}", "--arsip", arsip)
    assert res.returncode == 0, res.stdout + res.stderr
    assert korban.read_text() == RAHASIA and korban2.read_text() == RAHASIA
    assert not (arsip / f"{sha}.xlsx").is_symlink() and (arsip / f"{sha}.xlsx").read_bytes() == berkas.read_bytes()


# --- 2. links, FIFOs and devices among the files to load -----------------------------------


def test_a_linked_workbook_in_an_ingest_folder_is_refused_by_name(sampel, tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    (folder / "00_daftar_unit.xlsx").symlink_to(sampel / "00_daftar_unit.xlsx")
    (folder / "pd-lain").symlink_to(sampel / "dinkes", target_is_directory=True)
    db = tmp_path / "k.sqlite"
    res = _kinerja("ingest", folder, "--db", f"sqlite:///{db}")
    assert res.returncode == 1
    assert "00_daftar_unit.xlsx" in res.stdout and "tautan simbolik" in res.stdout
    assert "pd-lain" in res.stdout and "2 ditolak" in res.stderr
    assert not db.exists()  # nothing loaded: no store left behind


def test_a_fifo_in_an_ingest_folder_is_refused_by_name_and_never_hangs(sampel, tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy(sampel / "00_daftar_unit.xlsx", folder)
    os.mkfifo(folder / "craapk.xlsx")
    started = time.monotonic()
    res = _kinerja("ingest", folder, "--db", f"sqlite:///{tmp_path / 'k.sqlite'}", timeout=60)
    assert time.monotonic() - started < 60
    assert res.returncode == 1 and "craapk.xlsx" in res.stdout and "pipa bernama (FIFO)" in res.stdout
    assert "1 dimuat" in res.stderr


@pytest.mark.parametrize("perintah", ["ingest", "impor"])
def test_a_fifo_named_as_the_file_is_refused_never_hangs(perintah, tmp_path):
    fifo = tmp_path / "kiriman.xlsx"
    os.mkfifo(fifo)
    extra = ["--periksa"] if perintah == "impor" else []
    res = _kinerja(perintah, fifo, *extra, "--db", f"sqlite:///{tmp_path / 'k.sqlite'}", timeout=60)
    assert res.returncode == 1 and "pipa bernama (FIFO)" in res.stdout


def test_a_link_to_dev_zero_or_the_device_itself_is_refused_before_anything_is_read(tmp_path):
    """Checked in a child limited to 1 GB of memory: a reader that reads first would run out."""
    link = tmp_path / "nol.xlsx"
    link.symlink_to("/dev/zero")
    code = ("import resource, sys; from pathlib import Path\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from kinerja.formulir.berkas import baca_isi\nfrom kinerja.formulir.masalah import Penampung\n"
            "for path in sys.argv[1:]:\n    p = Penampung(Path(path).name)\n"
            "    print(baca_isi(Path(path), p) is None, [m.kode for m in p.daftar], p.daftar[0])\n")
    res = subprocess.run([sys.executable, "-c", code, str(link), "/dev/zero"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr[-500:]
    lines = res.stdout.splitlines()
    assert lines[0].startswith("True ['V77']") and "/dev/zero" in lines[0]
    assert lines[1].startswith("True ['V78']") and "berkas perangkat" in lines[1]


def test_a_file_over_the_limit_is_refused_from_its_size_alone(tmp_path, monkeypatch):
    path = tmp_path / "besar.xlsx"
    with open(path, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: nothing to read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the size check"))
    monkeypatch.setattr(os, "read", lambda *a: pytest.fail("read before the size check"))
    p = Penampung(path.name)
    assert baca_isi(path, p) is None and [m.kode for m in p.daftar] == ["V48"]


def test_kinerja_capaian_refuses_a_fifo_or_a_device_as_its_table(tmp_path, capsys):
    fifo = tmp_path / "tabel.csv"
    os.mkfifo(fifo)
    for path, kata in ((fifo, "pipa bernama (FIFO)"), ("/dev/zero", "berkas perangkat")):
        assert main(["capaian", str(path)]) == 2
        assert kata in capsys.readouterr().err


# --- 3. faults of the system, named for what they are ---------------------------------------


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's zip, left open
def test_a_full_disk_is_named_not_a_program_error(tmpfs, capsys):
    penuh = tmpfs("penuh", "size=64k")
    with open(penuh / "isi", "wb") as fh:
        with pytest.raises(OSError):
            fh.write(b"x" * 1024 * 1024)
    code = main(["template", "pk", "pd", "-o", str(penuh / "pk.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "ruang disk penuh" in err and "pk" in err and "kesalahan program" not in err
    assert not [p for p in penuh.iterdir() if p.name != "isi"]  # no half-written file or temporary


def test_a_read_only_folder_is_named_not_a_program_error(tmpfs, capsys):
    ro = tmpfs("ro", "ro,size=64k")
    code = main(["template", "pk", "pd", "-o", str(ro / "pk.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "hanya dapat dibaca" in err and "kesalahan program" not in err
    assert str(ro / "pk.xlsx") in err and "/.pk.xlsx." not in err  # the file asked for, not its temporary


def test_a_file_size_limit_and_a_path_the_system_refuses_are_named(tmp_path):
    """Found by an independent tester: a process file-size limit (ulimit -f) and an output under
    /proc ended in "kesalahan program"."""
    kinerja = str(Path(sys.executable).parent / "kinerja")
    run = subprocess.run(["bash", "-c", f"ulimit -f 4; exec {kinerja} template pk pd -o {tmp_path / 'pk.xlsx'}"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "ukuran berkas terbesar" in run.stderr, run.stderr
    assert "kesalahan program" not in run.stderr and "Traceback" not in run.stderr
    assert not list(tmp_path.iterdir())  # no half-written file or temporary
    run = subprocess.run([kinerja, "template", "pk", "pd", "-o", "/proc/tidak-ada/pk.xlsx"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "kesalahan program" not in run.stderr and "/proc/tidak-ada" in run.stderr, \
        run.stderr


def test_a_full_disk_while_archiving_stops_the_ingest_with_its_own_message(sampel, tmp_path, monkeypatch, capsys):
    """The same through the errno alone (where no tmpfs can be mounted): ingest does not blame the file."""
    def penuh(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "arsip"))

    monkeypatch.setattr("kinerja.core.berkas.tempfile.mkstemp", penuh)
    db = tmp_path / "k.sqlite"
    code = main(["ingest", str(sampel / "00_daftar_unit.xlsx"), "--db", f"sqlite:///{db}"])
    out = capsys.readouterr()
    assert code == 2 and "ruang disk penuh" in out.err and "kesalahan program" not in out.err + out.out
    assert not db.exists() and not Path(f"{db}.kunci").exists()


def test_an_archive_path_that_is_a_file_is_named(sampel, tmp_path):
    arsip = tmp_path / "arsip"
    arsip.write_text("bukan folder")
    db = tmp_path / "k.sqlite"
    res = _kinerja("ingest", sampel / "00_daftar_unit.xlsx", "--db", f"sqlite:///{db}", "--arsip", arsip)
    assert res.returncode == 2 and "kesalahan program" not in res.stdout + res.stderr
    assert str(arsip) in res.stderr and "bukan folder" not in res.stderr and "dibutuhkan folder" in res.stderr
    assert not db.exists() and not Path(f"{db}.kunci").exists()


# --- 4. a damaged store ----------------------------------------------------------------------


def test_a_store_with_garbage_in_the_middle_is_refused_before_anything_is_written(dasar, sampel, tmp_path):
    db = tmp_path / "rusak.sqlite"
    shutil.copy(dasar, db)
    size = db.stat().st_size
    assert size > 2 * 65536
    with open(db, "r+b") as fh:
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(os.urandom(65536))
    before = db.read_bytes()
    berkas = next(p for p in sorted(sampel.rglob("*.xlsx")) if "dinsos" in str(p) or "dishub" in str(p))
    res = _kinerja("ingest", berkas, "--db", f"sqlite:///{db}", "--arsip", tmp_path / "arsip")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "rusak" in res.stderr and str(db) in res.stderr and "cadangan" in res.stderr
    assert "kesalahan program" not in res.stdout + res.stderr
    assert db.read_bytes() == before and not (tmp_path / "arsip").exists()


# --- 5. a lock held by another process ---------------------------------------------------------


def test_a_lock_held_elsewhere_is_waited_for_with_a_word_then_named(dasar, sampel, tmp_path):
    from filelock import FileLock

    db = tmp_path / "k.sqlite"
    shutil.copy(dasar, db)
    lock = FileLock(f"{db}.kunci")
    lock.acquire()
    try:
        started = time.monotonic()
        res = _kinerja("ingest", sampel / "00_daftar_unit.xlsx", "--db", f"sqlite:///{db}",
                       env={"KINERJA_TUNGGU_KUNCI": "2"}, timeout=60)
    finally:
        lock.release()
    assert time.monotonic() - started < 30
    assert res.returncode == 2 and "menunggu kunci" in res.stderr
    assert f"{db}.kunci" in res.stderr.splitlines()[-1] and "proses lain" in res.stderr.splitlines()[-1]


# --- 6. a refused command leaves nothing behind ---------------------------------------------------


@pytest.mark.parametrize("isi", ["bukan basis data\n", None], ids=["bukan-sqlite", "tidak-ada"])
def test_a_refused_db_leaves_no_lock_or_store_behind(isi, tmp_path):
    db = tmp_path / "data" / "k.sqlite"
    if isi is not None:
        db.parent.mkdir()
        db.write_text(isi)
    for args in (["ringkasan"], ["kepatuhan", "--tahun", "2026", "--bulan", "3"]):
        res = _kinerja(*args, "--db", f"sqlite:///{db}")
        assert res.returncode == 2 or (isi is None and args == ["ringkasan"]), res.stderr
        assert not Path(f"{db}.kunci").exists(), args
        assert db.exists() == (isi is not None) and (isi is None or db.read_text() == isi)
    assert db.parent.exists() == (isi is not None)


def test_copied_notebooks_replace_a_planted_link_and_refuse_a_linked_folder(tmp_path, capsys):
    folder = tmp_path / "notebook"
    folder.mkdir()
    korban = _korban(tmp_path)
    (folder / "pk.ipynb").symlink_to(korban)
    assert main(["notebook", "salin", str(folder), "--timpa"]) == 0
    assert korban.read_text() == RAHASIA and not (folder / "pk.ipynb").is_symlink()
    (folder / "dashboard").rename(tmp_path / "dashboard-asli")
    (folder / "dashboard").symlink_to(korban.parent)
    assert main(["notebook", "salin", str(folder), "--timpa"]) == 2
    assert "tautan simbolik" in capsys.readouterr().err and not list(korban.parent.glob("*.ipynb"))
