import io
import json
import subprocess
import sys

import pytest

from stakeholders.cli import cli
from stakeholders.cli.common import ProgressBar

from .conftest import MINIMAL, ROOT, SYRIA


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("STAKEHOLDERS_DATA", raising=False)


def test_validate_the_shipped_data(runner, syria):
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "OK: syria-2025: Syria in 2025"
    assert lines[1].split()[:2] == ["actors", str(len(syria.actors))]
    assert lines[2].split()[:2] == ["relations", str(len(syria.relations))]
    assert "warning" not in result.output


def test_validate_json(runner, syria):
    result = runner.invoke(cli, ["validate", str(SYRIA), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert (report["actors"], report["relations"], report["sources"]) == (20, len(syria.relations), 1)
    assert report["relations_without_evidence"] == []
    assert sum(report["relations_by_polarity"].values()) == len(syria.relations)


def test_validate_lists_every_problem_and_exits_1(runner, write):
    path = write("bad.yaml", MINIMAL + "relations:\n  - {source: alpah, target: beta, kind: vist}\n")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: 2 problems in {path}\n"
        f'  {path}:17:14: relations[0].source: unknown actor "alpah"; did you mean "alpha" (Alpha)?\n'
        f'  {path}:17:41: relations[0].kind: unknown relation kind "vist"; closest known kinds: visit\n'
    )


def test_validate_json_lists_problems(runner, write):
    path = write("bad.yaml", MINIMAL + "relations:\n  - {source: alpha, target: beta, kind: vist}\n")
    result = runner.invoke(cli, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "problems": [
            {"file": str(path), "line": 17, "column": 41, "message": 'relations[0].kind: unknown relation kind "vist"; closest known kinds: visit'}
        ],
    }


def test_one_problem_is_one_error_line(runner, write):
    path = write("bad.yaml", "actors: [\n")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}:2:1: not valid YAML: did not find expected node content\n"


def test_actors_table(runner, syria):
    result = runner.invoke(cli, ["actors"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "NAME", "TYPE", "COUNTRY", "RELATIONS"]
    assert len(lines) == 1 + len(syria.actors)
    sharaa = next(line for line in lines if line.startswith("al-sharaa "))
    assert sharaa.split() == ["al-sharaa", "Ahmed", "al-Sharaa", "person", "SYR", "7"]


def test_actors_json_is_complete(runner, syria):
    result = runner.invoke(cli, ["actors", "--format", "json"])
    assert result.exit_code == 0, result.output
    actors = json.loads(result.stdout)
    assert sorted(a["id"] for a in actors) == sorted(a.id for a in syria.actors)
    assert [a["name"] for a in actors] == sorted((a["name"] for a in actors), key=str.casefold)
    druze = next(a for a in actors if a["id"] == "druze")
    assert druze == syria.actors_by_id["druze"].model_dump(mode="json")
    assert druze["aliases"][0] == "the Druze" and druze["type"] == "community"
    sharaa = next(a for a in actors if a["id"] == "al-sharaa")
    assert "أحمد الشرع" in sharaa["aliases"] and sharaa["start"] == "2025-01"


def test_actors_by_type(runner):
    result = runner.invoke(cli, ["actors", "--type", "community", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)] == ["alawites", "christians", "druze"]


def test_relations_of_al_sharaa(runner):
    result = runner.invoke(cli, ["relations", "al-sharaa"])
    assert result.exit_code == 0, result.output
    rows = [line.split("  ")[0:2] for line in result.output.splitlines()[1:]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in rows] == [
        ["-[leads]->", "Syrian government forces"],
        ["-[leads]->", "Syrian government"],
        ["-[visit]->", "France"],
        ["-[leads]->", "Hayat Tahrir al-Sham"],
        ["-[pledge]->", "Alawites"],
        ["-[pledge]->", "Christians"],
        ["-[pledge]->", "Druze"],
    ]
    assert "2025-05-07" in result.output and "since 2025-01" in result.output


def test_relations_json_and_filters(runner):
    result = runner.invoke(cli, ["relations", "Israel", "--polarity", "hostile", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(r["kind"], r["source_name"], r["target_name"]) for r in found] == [
        ("airstrike", "Israel", "Syria"),
        ("hostility", "Syrian government", "Israel"),
    ]
    assert found[0]["evidence"][0]["source"] == "article-2025-05"
    result = runner.invoke(cli, ["relations", "--kind", "sanctions-relief", "--as-of", "2025-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    # The EU's and the UK's relief are known from a report of 2025-05-07: not yet in January.
    assert [r["id"] for r in json.loads(result.stdout)] == ["us-eases-sanctions"]


def test_relations_indirect_mode_is_shown(runner):
    result = runner.invoke(cli, ["relations", "--kind", "negotiation"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split("  ")[0] == "Syrian government"
    assert "indirect, via Unnamed mediators" in result.output


def test_show_the_druze(runner):
    result = runner.invoke(cli, ["show", "the Druze"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Druze [druze]\ncommunity · country SYR\naliases: the Druze, Druze minority, Druze community, الدروز\n")
    sections = [line for line in out.splitlines() if line and not line.startswith(" ") and "(" in line and line.split(" (")[0] in ("Cooperative", "Hostile", "Neutral")]
    assert sections == ["Cooperative (2)", "Hostile (2)", "Neutral (1)"]
    assert "  <-[protection]- Israel  (since 2025-04, announced)" in out
    assert "  <-[attack]- Pro-government factions  (2025-04 to 2025-05, ended, confidence 0.7)" in out
    assert '"the Druze minority, which has reportedly been attacked by pro-government factions."' in out


def test_show_json(runner, syria):
    result = runner.invoke(cli, ["show", "druze", "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["actor"]["name"] == "Druze"
    assert {r["id"] for r in profile["relations"]} == {r.id for r in syria.relations_of("druze")}


def test_kinds(runner):
    result = runner.invoke(cli, ["kinds"])
    assert result.exit_code == 0, result.output
    assert "sanctions-relief       cooperative  yes       085    +7.0       RETREAT" in result.output
    result = runner.invoke(cli, ["kinds", "--format", "json"])
    assert len(json.loads(result.stdout)) == 37


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "al-sharra"], 2, 'Error: unknown actor "al-sharra"; did you mean "al-sharaa" (Ahmed al-Sharaa)?\n'),
        (["relations", "nobody-at-all"], 2, 'Error: unknown actor "nobody-at-all"\n'),
        (["relations", "--as-of", "2025-13"], 2, "Error: as-of date: not a date: '2025-13' does not exist\n"),
        (["relations", "--kind", "airstrikes"], 2, 'Error: unknown relation kind "airstrikes"; closest known kinds: airstrike, arrest\n'),
        (["actors", "--data", "missing.yaml"], 1, "Error: no dataset at missing.yaml: no such file or folder\n"),
    ],
)
def test_bad_input_gives_one_error_line(runner, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.output
    assert result.stderr == message


def test_an_ambiguous_name_lists_candidates(runner, write):
    path = write("map.yaml", MINIMAL.replace("type: person", "type: person\n    aliases: [A-land]"))
    result = runner.invoke(cli, ["show", "a-land", "--data", str(path)])
    assert result.exit_code == 2
    assert result.stderr == 'Error: "a-land" is ambiguous: it names "alpha" (Alpha) and "gamma" (Gamma); use an id or a fuller name\n'


def test_data_from_the_environment(runner, write, tmp_path):
    path = write("map.yaml", MINIMAL)
    result = runner.invoke(cli, ["actors", "--format", "json"], env={"STAKEHOLDERS_DATA": str(path)})
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)] == ["alpha", "beta", "gamma"]


def test_the_default_data_folder_is_explained_when_missing(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["actors"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no dataset at data: no such file or folder; "
        "run from the project folder or give a dataset with --data or STAKEHOLDERS_DATA\n"
    )


def test_argument_and_data_option_together(runner):
    result = runner.invoke(cli, ["validate", str(SYRIA), "--data", str(SYRIA)])
    assert result.exit_code == 2
    assert "Error: give the dataset as an argument or with --data, not both" in result.stderr


def test_terminal_output_defuses_control_characters(runner, write):
    path = write("map.yaml", MINIMAL.replace("name: Gamma", 'name: "Gam\\e[31mma\\u202e"'))
    result = runner.invoke(cli, ["actors", "--data", str(path)])
    assert result.exit_code == 0, result.output
    assert "Gam\\u001b[31mma\\u202e" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_every_command_has_help_with_an_example(runner):
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Examples:" in result.output and f"stakeholders {name}" in result.output, name


def test_help_imports_neither_networkx_nor_pyvis():
    code = "import sys\nfrom stakeholders.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass\nprint(sorted(m for m in ('networkx', 'pyvis') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1] == "[]"


def test_python_dash_m(tmp_path):
    done = subprocess.run([sys.executable, "-m", "stakeholders", "validate", str(SYRIA)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: syria-2025")


def test_python_dash_m_names_the_command_as_the_console_script_does(tmp_path):
    done = subprocess.run([sys.executable, "-m", "stakeholders", "render", "--zzzz"], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "Error: No such option '--zzzz'.\nsee `stakeholders render --help`\n")


def test_no_traceback_for_bad_data_from_the_console_script(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("relations: [{source: a}]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "stakeholders", "validate", str(bad)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Error: 2 problems in")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_show_on_a_terminal_after_a_second():
    out = _Terminal()
    bar = ProgressBar(enabled=True, file=out)
    bar.started -= ProgressBar.DELAY
    bar("reading", 1, 2)
    bar("reading", 2, 2)
    bar("checking", 1, 1)
    bar.close()
    shown = out.getvalue()
    assert "reading" in shown and "2/2" in shown and "checking" in shown and "1/1" in shown


def test_progress_bars_stay_silent_when_quick_or_disabled():
    out = _Terminal()
    quick = ProgressBar(enabled=True, file=out)
    quick("reading", 1, 1)  # within the first second
    off = ProgressBar(enabled=False, file=out)
    off.started -= ProgressBar.DELAY
    off("reading", 1, 1)
    quick.close()
    off.close()
    assert out.getvalue() == ""


def test_quiet_is_accepted_and_output_unchanged(runner):
    loud = runner.invoke(cli, ["actors"])
    quiet = runner.invoke(cli, ["--quiet", "actors"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == loud.stdout
    assert quiet.stderr == ""


def test_a_warning_about_many_records_names_a_few(runner, tmp_path):
    path = tmp_path / "map.json"
    relations = [{"source": "a", "target": "b", "kind": "visit", "id": f"r{i}"} for i in range(8)]
    path.write_text(json.dumps({"actors": [{"id": x, "name": x, "type": "state"} for x in "ab"], "relations": relations}))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "warning: 8 relations have no evidence: r0, r1, r2, r3, r4 and 3 more; --format json lists them all"
    assert "; 1 kind\n" in result.output
    listed = json.loads(runner.invoke(cli, ["validate", str(path), "--format", "json"]).output)
    assert listed["relations_without_evidence"] == [f"r{i}" for i in range(8)]
