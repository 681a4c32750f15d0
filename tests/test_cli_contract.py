"""The command-line contract, walked command by command: bad input gives one
``Error:`` line (with file and line when there is one) and exit 1 for bad data,
2 for bad usage; never a traceback."""

import pytest

from stakeholders.cli import cli

from .conftest import MINIMAL, ROOT, SYRIA

# Each command with arguments that succeed on the shipped data; None where an actor goes.
COMMANDS = {
    "validate": ["validate"],
    "actors": ["actors"],
    "relations": ["relations", None],
    "show": ["show", None],
    "kinds": ["kinds"],
    "stories": ["stories"],
    "render": ["render", "--focus", None],
    "analyze": ["analyze"],
    "path": ["path", "israel", None],
    "neighbors": ["neighbors", None],
    "mediators": ["mediators", "israel", None],
    "timeline": ["timeline", None],
    "export": ["export", "gexf"],
    "import": ["import", "nodes.csv", "edges.csv", "-o", "imported.yaml"],  # see the last test
    "diff": ["diff", "--from", "2025-04", "--to", "2025-05"],
    "extract": ["extract", str(ROOT / "tests" / "fixtures" / "syria-2025-article.txt"), "-o", "draft.yaml"],
    "events": ["events", "gdelt", "20250501.export.CSV", "-o", "events.yaml"],  # its data is the event files (tests/test_events.py)
    "dedupe": ["dedupe", str(SYRIA)],
    "merge": ["merge", str(SYRIA), "-o", "merged.yaml"],
    "positions": ["positions", "indirect-talks"],
    "forecast": ["forecast", "indirect-talks"],
    "grid": ["grid", "indirect-talks"],
}
TAKES_DATA = [c for c in COMMANDS if c not in ("import", "events", "dedupe", "merge")]  # the maps are their arguments
TAKES_ACTOR = [c for c, args in COMMANDS.items() if None in args]
TAKES_DATE = ["relations", "show", "render", "analyze", "path", "neighbors", "mediators", "timeline", "export", "positions", "forecast", "grid"]
TAKES_FORMAT = [c for c in COMMANDS if c not in ("render", "import", "export", "grid")]


def _args(name: str, actor: str = "druze") -> list[str]:
    return [actor if a is None else a for a in COMMANDS[name]]


def _one_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outputs (render, export) land in tmp_path/output
    monkeypatch.setenv("STAKEHOLDERS_DATA", str(SYRIA))


def test_every_command_is_walked():
    assert set(cli.commands) == set(COMMANDS)


@pytest.mark.parametrize("name", TAKES_ACTOR)
def test_an_unknown_actor_is_bad_usage(runner, name):
    result = runner.invoke(cli, _args(name, "nobody-at-all"))
    assert _one_error(result, 2) == 'Error: unknown actor "nobody-at-all"'


@pytest.mark.parametrize("name", TAKES_DATE)
def test_a_bad_date_is_bad_usage(runner, name):
    option = "--since" if name == "timeline" else "--as-of"
    result = runner.invoke(cli, [*_args(name), option, "2025-02-30"])
    assert _one_error(result, 2) == f"Error: {option[2:]} date: not a date: '2025-02-30' does not exist"


@pytest.mark.parametrize("name", TAKES_FORMAT)
def test_an_unknown_output_format_is_bad_usage(runner, name):
    result = runner.invoke(cli, [*_args(name), "--format", "xml"])
    assert _one_error(result, 2).startswith("Error: Invalid value for '--format': 'xml' is not one of ")


def test_an_unknown_export_format_is_bad_usage(runner):
    result = runner.invoke(cli, ["export", "xml"])
    assert _one_error(result, 2).startswith("Error: Invalid value for 'FORMAT': 'xml' is not one of ")


@pytest.mark.parametrize("name", TAKES_DATA)
def test_a_missing_dataset_is_bad_data(runner, name, tmp_path):
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(cli, [*_args(name), "--data", str(missing)])
    assert _one_error(result, 1) == f"Error: no dataset at {missing}: no such file or folder"


@pytest.mark.parametrize("name", TAKES_DATA)
def test_an_unreadable_dataset_is_bad_data(runner, name, tmp_path, monkeypatch):
    # Tests may run as root, who reads any file: refuse the read itself.
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    real_open = type(path).open
    monkeypatch.setattr(type(path), "open", lambda self, *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied")) if self == path else real_open(self, *a, **k))
    result = runner.invoke(cli, [*_args(name), "--data", str(path)])
    assert _one_error(result, 1) == f"Error: {path}: cannot read: Permission denied"


@pytest.mark.parametrize("name", TAKES_DATA)
def test_broken_data_names_file_line_and_column(runner, name, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("actors:\n  - {id: a, name: A, type: state]\n", encoding="utf-8")
    result = runner.invoke(cli, [*_args(name), "--data", str(path)])
    assert _one_error(result, 1) == f"Error: {path}:2:33: not valid YAML: did not find expected ',' or '}}'"


@pytest.mark.parametrize("name", TAKES_DATA)
def test_a_hostile_dataset_is_refused_by_every_command(runner, name, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("actors: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = runner.invoke(cli, [*_args(name), "--data", str(path)])
    assert _one_error(result, 1) == f"Error: {path}:1:58: nested deeper than 50 levels; no dataset needs that many"


def test_import_of_a_missing_or_broken_sheet(runner, tmp_path):
    missing = tmp_path / "nodes.csv"
    result = runner.invoke(cli, ["import", str(missing), "-o", str(tmp_path / "out.yaml")])
    assert _one_error(result, 1) == f"Error: {missing}: no such file"
    binary = tmp_path / "edges.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = runner.invoke(cli, ["import", str(binary), "-o", str(tmp_path / "out.yaml")])
    _one_error(result, 1)
    assert not (tmp_path / "out.yaml").exists()
