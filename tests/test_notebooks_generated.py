"""The notebooks in notebooks/ are exactly what tools/buat_notebook.py writes: a change made
by hand to a notebook, or to the generator without regenerating, fails here."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_committed_notebooks_match_the_generator(tmp_path):
    spec = importlib.util.spec_from_file_location("buat_notebook", ROOT / "tools" / "buat_notebook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.ipynb"))
    committed = sorted(p.relative_to(ROOT / "notebooks") for p in (ROOT / "notebooks").rglob("*.ipynb")
                       if ".ipynb_checkpoints" not in p.parts)
    assert written == committed
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "notebooks" / name).read_text(encoding="utf-8"), \
            f"{name} differs from the generator; run .venv/bin/python tools/buat_notebook.py"
