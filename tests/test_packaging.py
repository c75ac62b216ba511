"""The setup promises of the README: pinned, consistent dependencies and the two commands."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[a-z,]+\])?==([^\s;]+)", line)
        if m:
            pins[m[1].lower().replace("_", "-")] = m[2]
    return pins


def test_direct_dependencies_are_pinned_and_match_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    direct_pins = _pins(direct)
    assert len(direct_pins) == len(direct), "every direct dependency must be pinned with =="
    lock = _pins((ROOT / "requirements.txt").read_text().splitlines())
    for name, version in direct_pins.items():
        assert lock.get(name) == version, f"{name}=={version} differs in requirements.txt"


def test_environment_yml_installs_the_same_lock():
    env = (ROOT / "environment.yml").read_text()
    assert "python=3.11" in env
    assert "-r requirements.txt" in env and "-e ." in env


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_outputs_folder_is_ignored_but_kept():
    assert (ROOT / "outputs" / ".gitkeep").exists()
    ignore = (ROOT / ".gitignore").read_text().splitlines()
    assert "outputs/*" in ignore and "!outputs/.gitkeep" in ignore


def test_public_api_is_explicit():
    import kinerja

    assert sorted(kinerja.__all__) == sorted(set(kinerja.__all__))
    for name in kinerja.__all__:
        assert hasattr(kinerja, name), name


def _intra_imports(deep: bool) -> dict[str, set[str]]:
    """module -> kinerja modules it imports (``deep``: also imports inside functions)."""
    import ast

    pkg = ROOT / "kinerja"
    names = {p.stem for p in pkg.glob("*.py")}
    graph = {}
    for path in pkg.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = ast.walk(tree) if deep else tree.body
        deps = set()
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                deps |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        graph[path.stem] = (deps & names) - {path.stem}
    return graph


def _cycles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    found = set()

    def visit(node, stack):
        for dep in graph.get(node, ()):
            if dep in stack:
                found.add(tuple(stack[stack.index(dep):]))
            elif len(stack) < len(graph):
                visit(dep, [*stack, dep])

    for start in graph:
        visit(start, [start])
    return found


def test_no_import_cycles_inside_the_package():
    """Not at module level, and not through imports deferred into functions either."""
    assert _cycles(_intra_imports(deep=False)) == set()
    assert _cycles(_intra_imports(deep=True)) == set()
