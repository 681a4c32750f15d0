"""The library stays apart from the CLI: it never imports click, prints or exits."""

import ast
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "stakeholders"
LIBRARY = sorted(
    p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py" and p.relative_to(PACKAGE).parts[0] != "cli"
)


def _imports(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _calls(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                found.add(func.id)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                found.add(f"{func.value.id}.{func.attr}")
    return found


def test_there_are_library_modules_to_check():
    assert {p.name for p in LIBRARY} >= {"model.py", "graph.py", "errors.py", "vocabulary.py", "holds.py"}


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_library_module_never_imports_click_prints_or_exits(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert "click" not in _imports(tree)
    assert _calls(tree) & {"print", "exit", "quit", "sys.exit", "os._exit"} == set()


# The model, the graph libraries, and what pictures, drafting and event data need: loaded only by the work itself.
HEAVY = ("pydantic", "pydantic_core", "networkx", "igraph", "pyvis", "matplotlib", "spacy", "trafilatura", "duckdb", "ibis", "fsspec")
COMMANDS = ["validate", "actors", "relations", "show", "kinds", "path", "neighbors", "mediators", "timeline", "analyze", "diff", "render"]
COMMANDS += ["export", "import", "extract", "events", "events gdelt", "events acled", "events aggregate", "dedupe", "merge", "positions", "forecast", "grid"]


def test_importing_the_package_loads_neither_click_nor_networkx():
    code = f"import sys, stakeholders\nprint(sorted(m for m in {('click', *HEAVY)!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_screens_build_no_model_and_load_no_graph_library(command):
    args = ["--help"] if command is None else [*command.split(), "--help"]
    code = (
        "import sys\nimport stakeholders.cli\n"
        f"sys.argv = ['stakeholders', *{args!r}]\n"
        "try:\n    stakeholders.cli.main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stderr.strip() == "[]"
    assert "Usage: stakeholders" in done.stdout


def test_the_code_passes_the_linter():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "stakeholders", "tests", "bench"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_python_api_offers_what_the_cli_does(syria, tmp_path):
    import stakeholders

    missing = [name for name in stakeholders.__all__ if not hasattr(stakeholders, name)]
    assert missing == []
    import stakeholders.export.gexf  # importing the subpackage must not hide the function

    assert callable(stakeholders.export)
    graph = stakeholders.to_graph(syria, as_of="2025-05")
    assert stakeholders.export(graph, "gexf", tmp_path / "map.gexf") == [tmp_path / "map.gexf"]
    assert stakeholders.render_html(graph, tmp_path / "map.html").stat().st_size > 0
    assert stakeholders.analyze(graph)["actors"] == graph.number_of_nodes()


def test_every_exception_lives_in_the_errors_module_and_its_tree():
    import stakeholders.errors as errors

    for path in LIBRARY:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name.endswith("Error")]
        if path.name != "errors.py":
            assert classes == [], f"{path}: {classes}"
    drawn = errors.__doc__
    for name, value in vars(errors).items():
        if isinstance(value, type) and issubclass(value, errors.StakeholdersError):
            assert re.search(rf"\b{name}\b", drawn), name


# Each room of the package and its layer: a module imports only from its own layer or below.
LAYERS = {
    **dict.fromkeys(["errors", "dates", "model", "names", "vocabulary", "holds", "terms", "collector", "atomic", "progress", "optional", "lazy", "yamltext"], 0),
    **dict.fromkeys(["ingest", "counts", "filters", "style"], 1),
    "graph": 2,
    **dict.fromkeys(["questions", "analysis", "changes", "extract", "events"], 3),
    **dict.fromkeys(["render", "export", "merge"], 4),
    "__init__": 5,
    "cli": 6,
    "__main__": 6,
}


def _internal_imports(path):
    """The rooms a module imports from, as ``room`` names, resolving relative imports."""
    package = path.relative_to(PACKAGE).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            yield target[0] if target else "__init__"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_from_its_layer_or_below(path):
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    room = parts[0]
    assert room in LAYERS, f"{room} has no layer in tests/test_layers.py"
    above = sorted({target for target in _internal_imports(path) if LAYERS[target] > LAYERS[room]})
    assert above == [], f"{path.relative_to(PACKAGE)} imports from a higher layer: {above}"


# The libraries a command may load, watched in a real run of it on the shipped map. IPython (through pyvis),
# matplotlib.pyplot (through igraph) and pandas (through Ibis or pyarrow) have come in unasked before.
WATCHED = ("IPython", "pyvis", "pandas", "matplotlib", "matplotlib.pyplot", "numpy", "scipy", "igraph", "networkx", "jinja2")
WATCHED += ("lxml", "spacy", "trafilatura", "duckdb", "ibis", "pyarrow", "openpyxl")
_DATA = str(ROOT / "data" / "syria-2025.yaml")
_QUESTIONS: list[tuple[str, list[str], tuple[str, ...]]] = [
    (name, [name, *args, "--data", _DATA], ())
    for name, args in [("actors", []), ("relations", []), ("show", ["druze"]), ("path", ["hts", "israel"]), ("neighbors", ["druze"]),
                       ("mediators", ["hts", "israel"]), ("timeline", [])]
]  # fmt: skip
USES: list[tuple[str, list[str], tuple[str, ...]]] = [
    ("validate", ["validate", _DATA], ()),
    ("kinds", ["kinds"], ()),
    *_QUESTIONS,
    ("diff", ["diff", "--from", "2025-03", "--to", "2025-06", "--data", _DATA], ("igraph", "networkx", "numpy", "scipy")),  # camps, centralities
    ("analyze", ["analyze", _DATA], ("igraph", "networkx", "numpy", "scipy")),
    ("render html", ["render", _DATA, "-o", "{out}/map.html"], ("igraph", "jinja2", "networkx")),
    ("render html --story", ["render", _DATA, "--story", "from-war-to-talks", "-o", "{out}/story.html"], ("igraph", "jinja2", "networkx")),
    ("render png", ["render", _DATA, "-o", "{out}/map.png"], ("igraph", "matplotlib", "networkx", "numpy")),
    ("export gexf", ["export", "gexf", _DATA, "-o", "{out}/map.gexf"], ("networkx",)),
]


@pytest.mark.parametrize(("args", "uses"), [(args, uses) for _, args, uses in USES], ids=[name for name, _, _ in USES])
def test_a_command_loads_only_the_libraries_it_uses(tmp_path, args, uses):
    argv = [arg.format(out=tmp_path) for arg in args]
    code = (
        f"import sys\nimport stakeholders.cli\nsys.argv = ['stakeholders', *{argv!r}]\n"
        "try:\n    stakeholders.cli.main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {WATCHED!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == str(sorted(uses))


def test_igraph_comes_without_pyplot_and_its_plotting_still_finds_matplotlib():
    code = (
        "import sys\nfrom stakeholders import lazy\nig = lazy.igraph()\n"
        "print(sorted(m for m in ('matplotlib', 'matplotlib.pyplot') if m in sys.modules))\n"
        "import matplotlib.pyplot as plt\nprint(type(plt).__name__, plt.figure().__class__.__name__)\n"
        "from igraph.drawing import shapes\nprint(shapes.plt.Axes is plt.Axes, ig.Graph(n=3, edges=[(0, 1)]).connected_components().membership)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines() == ["[]", "module Figure", "True [0, 0, 1]"]
