"""A papermill engine that executes a notebook in the current process.

papermill's default engine starts a Jupyter kernel per notebook and talks to it over
ZeroMQ; for a batch of hundreds of short reports, starting that kernel and importing
pandas, matplotlib and kinerja in it costs more than the report itself. This engine runs
the cells in an IPython shell inside the calling process instead, and records outputs the
way a kernel would (streams, ``display`` data, execute results, errors, inline figures),
so the executed notebook, its HTML and nbval see the same document.

Isolation is the caller's job: :mod:`kinerja.run.batch` calls this engine only inside a child
process forked for that one document from a worker that has imported the libraries but
never run a notebook; the child exits when the document is done. Nothing a document does
(globals, module state, matplotlib state, open connections) can reach another.

Registered with papermill as engine ``kinerja`` (also as an entry point, so
``papermill --engine kinerja in.ipynb out.ipynb`` works).
"""

from __future__ import annotations

import functools
import math
import sys
import time

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

__all__ = ["InProcessEngine"]

_outputs: list = []  # outputs of the cell being executed


def _append_stream(name: str, text: str) -> None:
    if _outputs and _outputs[-1].get("output_type") == "stream" and _outputs[-1]["name"] == name:
        _outputs[-1]["text"] += text
    else:
        _outputs.append(nbformat.v4.new_output("stream", name=name, text=text))


class _Stream:
    """A text stream that records what is written as a notebook stream output."""

    encoding = "utf-8"

    def __init__(self, name: str):
        self.name = name

    def write(self, text: str) -> int:
        if text:
            _append_stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs) -> None:
        _outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata or {}))

    def clear_output(self, wait=False) -> None:
        _outputs.clear()


class _Hook(DisplayHook):
    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:
        _outputs.append(nbformat.v4.new_output("execute_result", data=format_dict, metadata=md_dict or {},
                                               execution_count=self.shell.execution_count))

    def finish_displayhook(self) -> None:
        pass


class _Shell(InteractiveShell):
    def enable_gui(self, gui=None) -> None:  # the inline backend needs no event loop
        pass

    def _showtraceback(self, etype, evalue, stb) -> None:
        _outputs.append(nbformat.v4.new_output("error", ename=etype.__name__, evalue=str(evalue), traceback=stb))


def _shell() -> InteractiveShell:
    config = Config()
    config.HistoryManager.enabled = False  # no history file, no saving thread
    config.InteractiveShell.colors = "nocolor"
    # Charts lay themselves out (tight_layout); a "tight" bounding box would draw each
    # figure a second time just to measure it.
    config.InlineBackend.print_figure_kwargs = {"bbox_inches": None}
    shell = _Shell.instance(config=config, displayhook_class=_Hook, display_pub_class=_Publisher)
    shell.enable_matplotlib("inline")
    # pyplot's own hook redraws every figure after each cell; the inline backend draws
    # them again to make the PNG, so the first draw is wasted work.
    for callback in list(shell.events.callbacks["post_execute"]):
        if getattr(callback, "__name__", "") == "_draw_all_if_interactive":
            shell.events.unregister("post_execute", callback)
    return shell


@functools.cache
def _manager_class():
    from papermill.engines import NotebookExecutionManager

    class _Manager(NotebookExecutionManager):
        """papermill's execution manager, but the notebook is written at the start, at the end
        and at most every ``autosave_cell_every`` seconds, not twice per cell: rewriting the
        whole notebook (figures included) after every cell cost a fifth of a short report."""

        _last_save = -math.inf
        _final = False

        def save(self, **kwargs):
            now = time.monotonic()
            if self._final or now - self._last_save >= self.autosave_cell_every:
                self._last_save = now
                super().save(**kwargs)

        def notebook_complete(self, **kwargs):
            self._final = True
            super().notebook_complete(**kwargs)

    return _Manager


class InProcessEngine:
    """Execute the notebook's code cells in order in an in-process IPython shell.

    It has the interface of ``papermill.engines.Engine`` without subclassing it: papermill
    loads its engine entry points while ``papermill.engines`` is being imported, so this
    module must not import papermill (whose package import loads the engines) before the
    class exists."""

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        from papermill.utils import nb_kernel_name

        return nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        from papermill.utils import nb_language

        return nb_language(nb, language)

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        nb_man = _manager_class()(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                          autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        shell = _shell()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
        try:
            for index, cell in enumerate(nb_man.nb.cells):
                if cell.cell_type != "code":
                    continue
                nb_man.cell_start(cell, index)
                _outputs.clear()
                result = shell.run_cell(cell.source, store_history=True)
                cell.execution_count = shell.execution_count - 1
                cell.outputs = list(_outputs)
                failed = result.error_before_exec is not None or result.error_in_exec is not None
                if failed:
                    nb_man.cell_exception(cell, index)
                nb_man.cell_complete(cell, index)
                if failed:
                    break
        finally:
            sys.stdout, sys.stderr = saved
            _outputs.clear()
        return nb_man.nb


def _register() -> None:
    from papermill.engines import papermill_engines

    papermill_engines.register("kinerja", InProcessEngine)


_register()
