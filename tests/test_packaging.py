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
    """module -> kinerja modules it imports (``deep``: also imports inside functions), by
    dotted name (``kinerja.core.capaian``), over every module of the package."""
    import ast

    pkg = ROOT / "kinerja"
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
               for p in pkg.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = ast.walk(tree) if deep else tree.body
        deps = set()
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kinerja"):
                assert node.level == 0, f"{name}: relative import"
                base = node.module
                deps |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("kinerja.")}
        graph[name] = (deps & set(modules)) - {name, "kinerja"}
    assert len(graph) > 50 and graph["kinerja.dokumen.craapk"], "the walk found the package's modules"
    return graph


# The road the data takes; a layer imports (at module level) only from layers before it.
LAPISAN = ["core", "store", "formulir", "impor", "analisis", "evaluasi", "render", "dokumen", "run", "halaman", "contoh",
           "cli"]


def test_layers_import_only_from_earlier_layers():
    graph = _intra_imports(deep=False)
    wrong = set()
    for module, deps in graph.items():
        parts = module.split(".")
        if len(parts) < 3:
            continue
        for dep in deps:
            dparts = dep.split(".")
            if len(dparts) >= 2 and dparts[1] in LAPISAN and parts[1] in LAPISAN \
                    and LAPISAN.index(dparts[1]) > LAPISAN.index(parts[1]):
                wrong.add((module, dep))
    assert wrong == set()


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


def test_public_api_is_small_and_documented():
    """At most 27 names (one builder per document among them), each with NumPy Parameters,
    Returns and Examples sections (the examples run as doctests with the rest of the package)."""
    import inspect

    import kinerja

    assert len(kinerja.__all__) <= 27
    missing = {}
    for name in kinerja.__all__:
        obj = getattr(kinerja, name)
        doc = inspect.getdoc(obj) or ""
        wanted = ["Examples"] + (["Parameters", "Returns"] if inspect.isfunction(obj) else [])
        lacking = [s for s in wanted if not re.search(rf"^{s}\n-+$", doc, re.M)]
        if lacking:
            missing[name] = lacking
    assert missing == {}


def test_document_notebooks_use_only_the_public_api():
    import json

    import kinerja
    from kinerja.dokumen.daftar import DOKUMEN

    for d in DOKUMEN.values():
        nb = json.loads((ROOT / "notebooks" / d.notebook).read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        code = re.sub(r"#[^\n]*", "", code)  # comments may name files such as outputs/kinerja.sqlite
        assert not re.search(r"^\s*from kinerja", code, re.M), d.notebook
        used = set(re.findall(r"\bkinerja\.(\w+)", code))
        assert used and used <= set(kinerja.__all__), (d.notebook, used - set(kinerja.__all__))


def test_every_subpackage_is_in_the_wheel_list():
    """pyproject lists the packages by name; a new layer folder left out would be missing
    from the installed wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kinerja").rglob("__init__.py")}
    assert folders and folders <= listed, sorted(folders - listed)


# Size rules of the layout (CONTRIBUTING.md, "Size"): a module holds one concern in at most
# MAKS_BARIS_MODUL lines; a function over MAKS_BARIS_FUNGSI lines says why on the line
# right above its ``def`` (or its first decorator) with a comment that starts ``# long:``.
MAKS_BARIS_MODUL = 400
MAKS_BARIS_FUNGSI = 60


def _ukuran():
    import ast

    modul, fungsi = {}, {}
    for path in (ROOT / "kinerja").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        nama = str(path.relative_to(ROOT))
        modul[nama] = len(lines)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                panjang = node.end_lineno - node.lineno + 1
                awal = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                alasan = lines[awal - 2].strip() if awal >= 2 else ""
                fungsi[f"{nama}:{node.lineno} {node.name}"] = (panjang, alasan)
    return modul, fungsi


def test_no_module_over_the_line_limit():
    modul, _ = _ukuran()
    assert len(modul) > 50
    assert {n: b for n, b in modul.items() if b > MAKS_BARIS_MODUL} == {}


def test_long_functions_say_why():
    _, fungsi = _ukuran()
    panjang = {n: p for n, (p, alasan) in fungsi.items()
               if p > MAKS_BARIS_FUNGSI and not (alasan.startswith("# long:") and len(alasan) > 20)}
    assert panjang == {}

