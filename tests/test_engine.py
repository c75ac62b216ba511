"""The in-process papermill engine: same document as a kernel, errors, and isolation per document."""

import os
from pathlib import Path

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from kinerja.run import batch
from kinerja.run import engine# noqa: F401 - registers the engine
from kinerja.core.sumber import cari_notebook

NOTEBOOK = cari_notebook("craapk.ipynb")


def _shape(nb) -> list:
    """What each code cell showed: output types and mime types, in order."""
    return [[(o["output_type"], sorted(o.get("data", {})), o.get("name")) for o in c.outputs]
            for c in nb.cells if c.cell_type == "code"]


def _nb(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_engine_records_what_a_kernel_records(tmp_path):
    kernel = papermill.execute_notebook(str(NOTEBOOK), str(tmp_path / "kernel.ipynb"), progress_bar=False,
                                        cwd=str(NOTEBOOK.parent))
    inproc = papermill.execute_notebook(str(NOTEBOOK), str(tmp_path / "inproc.ipynb"), progress_bar=False,
                                        engine_name="kinerja", cwd=str(NOTEBOOK.parent))
    assert _shape(inproc) == _shape(kernel)
    for a, b in zip(kernel.cells, inproc.cells):
        for oa, ob in zip(a.get("outputs", []), b.get("outputs", [])):
            for mime in ("text/html", "text/markdown"):  # tables and narrative are identical
                if mime in oa.get("data", {}):
                    assert ob["data"][mime] == oa["data"][mime]
    saved = nbformat.read(tmp_path / "inproc.ipynb", 4)
    assert _shape(saved) == _shape(inproc)  # the file on disk is the final document
    assert [c.execution_count for c in saved.cells if c.cell_type == "code"] == list(range(1, len(_shape(saved)) + 1))


def test_streams_results_and_semicolons(tmp_path):
    src = tmp_path / "in.ipynb"
    nbformat.write(_nb("print('satu'); print('dua')", "import sys; sys.stderr.write('awas\\n')", "1 + 1", "2 + 2;"),
                   src)
    nb = papermill.execute_notebook(str(src), str(tmp_path / "out.ipynb"), engine_name="kinerja", progress_bar=False)
    outs = [c.outputs for c in nb.cells]
    assert outs[0] == [nbformat.v4.new_output("stream", name="stdout", text="satu\ndua\n")]
    assert outs[1][0]["name"] == "stderr" and outs[1][0]["text"] == "awas\n"
    assert outs[2][0]["output_type"] == "execute_result" and outs[2][0]["data"]["text/plain"] == "2"
    assert outs[3] == []


def test_an_error_stops_the_notebook_and_is_kept(tmp_path):
    src = tmp_path / "in.ipynb"
    nbformat.write(_nb("x = 1", "raise ValueError('data tidak ada')", "y = 2"), src)
    with pytest.raises(PapermillExecutionError, match="data tidak ada"):
        papermill.execute_notebook(str(src), str(tmp_path / "out.ipynb"), engine_name="kinerja", progress_bar=False)
    nb = nbformat.read(tmp_path / "out.ipynb", 4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[1].outputs[0]["output_type"] == "error" and code[1].outputs[0]["ename"] == "ValueError"
    assert code[2].execution_count is None  # never ran
    assert nb.metadata.papermill.exception is True


def test_syntax_errors_are_reported_too(tmp_path):
    src = tmp_path / "in.ipynb"
    nbformat.write(_nb("def (:"), src)
    with pytest.raises(PapermillExecutionError, match="SyntaxError"):
        papermill.execute_notebook(str(src), str(tmp_path / "out.ipynb"), engine_name="kinerja", progress_bar=False)


@pytest.mark.parametrize("proses", ["fork", "spawn"])
def test_documents_in_one_batch_worker_cannot_see_each_other(tmp_path, proses):
    """A document that changes module state, globals and the environment leaves nothing for
    the next document run by the same worker: each runs in its own fork, or (the fallback
    where there is no fork) in its own spawned interpreter."""
    import matplotlib

    spy = tmp_path / "spy.ipynb"
    nbformat.write(_nb("import os, kinerja, matplotlib, multiprocessing\n"
                       "assert not hasattr(kinerja, 'BOCOR'), 'state leaked'\n"
                       "assert os.environ.get('KINERJA_BOCOR') is None, 'environment leaked'\n"
                       "assert matplotlib.rcParams['lines.linewidth'] == %r, 'rcParams leaked'\n"
                       "kinerja.BOCOR = True\nos.environ['KINERJA_BOCOR'] = '1'\n"
                       "matplotlib.rcParams['lines.linewidth'] = 9\n"
                       "open(%r, 'a').write(f'{os.getpid()} {multiprocessing.current_process().name}\\n')"
                       % (matplotlib.rcParams["lines.linewidth"], str(tmp_path / "pids.txt"))), spy)
    tugas = [batch.Tugas(f"u{i}", f"Unit {i}", "uji", str(spy), {}, str(tmp_path / f"u{i}")) for i in range(3)]
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    context = multiprocessing.get_context("forkserver" if proses == "fork" else "spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=batch._siapkan,
                             initargs=(False, proses)) as pool:  # one worker runs all three
        results = list(pool.map(batch._terisolasi, tugas, [False] * 3, [proses] * 3))
    assert [r.status for r in results] == ["berhasil"] * 3, [r.galat for r in results]
    pids, names = zip(*(line.split() for line in (tmp_path / "pids.txt").read_text().splitlines()))
    assert len(set(pids)) == 3 and str(os.getpid()) not in pids
    # spawned: a process started for the document (named after it), not the worker's fork
    assert all(n.startswith("kinerja-u") for n in names) == (proses == "spawn"), names


@pytest.mark.parametrize("proses", ["fork", "spawn"])
def test_a_document_that_kills_its_process_is_recorded_as_failed(tmp_path, proses):
    crash = tmp_path / "crash.ipynb"
    nbformat.write(_nb("import os\nos._exit(3)"), crash)
    hasil = batch._terisolasi(batch.Tugas("u", "Unit", "uji", str(crash), {}, str(tmp_path / "u")), False, proses)
    assert hasil.status == "gagal" and "kode keluar 3" in hasil.galat


def test_the_process_fallback_is_chosen_by_the_system_or_the_environment(monkeypatch):
    monkeypatch.delenv("KINERJA_PROSES", raising=False)
    assert batch.cara_proses() == "fork"  # Linux has fork
    monkeypatch.setenv("KINERJA_PROSES", "spawn")
    assert batch.cara_proses() == "spawn" and batch.cara_proses("fork") == "fork"  # a parameter wins
    monkeypatch.setenv("KINERJA_PROSES", "benang")
    with pytest.raises(batch.KinerjaError, match="pilih fork atau spawn"):
        batch.cara_proses()
    monkeypatch.delenv("KINERJA_PROSES")
    monkeypatch.delattr(os, "fork")  # as on Windows
    assert batch.cara_proses() == "spawn"
    with pytest.raises(batch.KinerjaError, match="tidak mengenal fork"):
        batch.cara_proses("fork")


def test_papermill_cli_knows_the_engine(tmp_path):
    """Registered as an entry point, so `papermill --engine kinerja` works from the shell."""
    import subprocess
    import sys

    src = tmp_path / "in.ipynb"
    nbformat.write(_nb("print(6 * 7)"), src)
    papermill_cli = Path(sys.executable).parent / "papermill"
    subprocess.run([str(papermill_cli), "--engine", "kinerja", "--no-progress-bar", str(src), str(tmp_path / "o.ipynb")],
                   check=True, capture_output=True)
    assert nbformat.read(tmp_path / "o.ipynb", 4).cells[-1].outputs[0]["text"] == "42\n"
