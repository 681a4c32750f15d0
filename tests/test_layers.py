"""The library stays apart from the CLI: it never imports click, prints or exits."""

import ast
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
    assert {p.name for p in LIBRARY} >= {"model.py", "load.py", "graph.py", "errors.py", "vocabulary.py"}


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_library_module_never_imports_click_prints_or_exits(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert "click" not in _imports(tree)
    assert _calls(tree) & {"print", "exit", "quit", "sys.exit", "os._exit"} == set()


def test_importing_the_package_loads_neither_click_nor_networkx():
    code = "import sys, stakeholders\nprint(sorted(m for m in ('click', 'networkx', 'pyvis') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


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
