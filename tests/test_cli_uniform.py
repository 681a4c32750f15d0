"""Every command alike: the dataset as argument or --data, choices in any case, one Error: line, options as typed."""

import pytest

from stakeholders.cli import cli

from .conftest import ROOT, SYRIA

# Each command with the arguments it needs besides the dataset, and whether it takes the dataset as an argument.
COMMANDS = {
    "validate": ([], True),
    "actors": ([], True),
    "kinds": ([], True),
    "analyze": ([], True),
    "render": (["-o", "{tmp}/map.html"], True),
    "export": (["gexf", "-o", "{tmp}/map.gexf"], True),
    "relations": (["israel"], False),
    "show": (["israel"], False),
    "path": (["israel", "druze"], False),
    "neighbors": (["israel"], False),
    "mediators": (["israel", "syrian government"], False),
    "timeline": (["israel"], False),
}
# An upper-case choice each command offers.
CHOICES = {
    "validate": ["--format", "JSON"],
    "actors": ["--type", "STATE"],
    "kinds": ["--format", "JSON"],
    "analyze": ["--weight", "GOLDSTEIN"],
    "render": ["--color-by", "CAMP"],
    "export": ["--flavor", "KUMU"],
    "relations": ["--polarity", "HOSTILE"],
    "show": ["--format", "JSON"],
    "path": ["--polarity", "Any"],
    "neighbors": ["--type", "State"],
    "mediators": ["--format", "JSON"],
    "timeline": ["--format", "JSON"],
}


@pytest.fixture(autouse=True)
def _in_project(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no data/ here: the dataset must come from the command line
    monkeypatch.delenv("STAKEHOLDERS_DATA", raising=False)


def _args(command, tmp_path):
    args, _ = COMMANDS[command]
    return [command, *(a.format(tmp=tmp_path) for a in args)]


@pytest.mark.parametrize("command", COMMANDS)
def test_the_dataset_is_given_the_same_way_everywhere(runner, tmp_path, command):
    _, positional = COMMANDS[command]
    args = _args(command, tmp_path)
    with_data = runner.invoke(cli, [*args, "--data", str(SYRIA)])
    assert with_data.exit_code == 0, with_data.output
    if positional:
        # The dataset comes after the command's own positional arguments (export's FORMAT).
        split = 2 if command == "export" else 1
        as_argument = runner.invoke(cli, [*args[:split], str(SYRIA), *args[split:]])
        assert as_argument.exit_code == 0, as_argument.output
        assert as_argument.stdout == with_data.stdout
    else:
        stray = runner.invoke(cli, [*_args(command, tmp_path), str(SYRIA)])
        assert stray.exit_code == 2
        assert stray.stderr.startswith(f"Error: unexpected extra argument {SYRIA}; give the dataset with --data PATH\n")
        assert stray.stderr.endswith(f"see `stakeholders {command} --help`\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_choices_take_any_case(runner, tmp_path, command):
    args = [*_args(command, tmp_path), *CHOICES[command], "--data", str(SYRIA)]
    if command == "export":
        args[1] = "CSV"
        args[3] = str(tmp_path / "sheets")
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", [*COMMANDS, "import"])
def test_an_unknown_option_is_one_error_line_and_a_hint(runner, tmp_path, command):
    args = [command, "--zzzz"] if command == "import" else [*_args(command, tmp_path), "--zzzz", "--data", str(SYRIA)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: No such option '--zzzz'.\nsee `stakeholders {command} --help`\n"
    assert "Usage:" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "-o", "map.txt"], "map.txt: the map is an .html page or an .svg, .png or .pdf picture; give one of these suffixes or --format"),
        (["render", "-o", "map.png", "--physics"], "--physics is for the html page; a picture shows the layout as computed"),
        (["export", "gexf", "-o", "map.graphml"], "map.graphml: a gexf export is a .gexf file"),
        (["export", "csv", "-o", "x.gexf"], "x.gexf: a csv export is a folder of files (or a .zip), not a .gexf file"),
        (["export", "neo4j", "--cypher", "-o", "x.csv"], "x.csv: a neo4j export is a .cypher file"),
        (["export", "gexf", "-o", "nowhere/map.gexf"], "nowhere/map.gexf: the folder nowhere does not exist"),
        (["export", "csv", "--static"], "--static is not for the csv format (it takes --flavor)"),
        (["export", "gexf", "--flavor", "kumu"], "--flavor is not for the gexf format (it takes --static, --directed-only)"),
        (["import", "a.csv", "-o", "map.json"], "map.json: the imported dataset is written as YAML; give a .yaml file"),
    ],
)
def test_outputs_are_checked_before_any_work(runner, tmp_path, args, message):
    result = runner.invoke(cli, [*args] if args[0] == "import" else [*args, "--data", str(SYRIA)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not any(tmp_path.iterdir())  # nothing written, no folder made


def test_an_empty_dataset_is_a_warning_for_validate_and_an_error_for_the_rest(runner, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(empty)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "warning: the dataset has no actors (an empty file?)"
    for args, verb in ((["render"], "draw"), (["export", "gexf"], "export"), (["analyze"], "analyse")):
        result = runner.invoke(cli, [*args, "--data", str(empty)])
        assert result.exit_code == 1
        assert result.stderr == f"Error: the dataset empty has no actors: nothing to {verb}\n"


def test_a_tab_in_yaml_is_named(runner, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("actors:\n\t- {id: a, name: A, type: state}\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}:2:1: not valid YAML: a tab, which YAML does not allow in indentation or between tokens; use spaces\n"


def test_messages_are_plain_sentences(runner, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(
        "actors:\n  - {id: a, name: A, type: state}\n  - {id: b, name: B, type: state}\n"
        "relations:\n  - {source: a, target: b, kind: visit, weight: high, confidence: 2, polarity: friendly, directed: maybe}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"  {path}:5:49: relations[0].weight: must be a number, got 'high'",
        f"  {path}:5:67: relations[0].confidence: must be at most 1, got 2",
        f"  {path}:5:80: relations[0].polarity: must be cooperative, hostile or neutral (or 1, -1, 0), got 'friendly'",
        f"  {path}:5:100: relations[0].directed: must be true or false, got 'maybe'",
    ]
    assert "Input should" not in result.stderr


def test_the_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in [*COMMANDS, "import"]:
        assert f"stakeholders {command}" in readme, command
