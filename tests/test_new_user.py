"""What a new user met: bare commands, contradicting options, empty inputs, foreign spellings of
types, names in other scripts, and one meta per map."""

from __future__ import annotations

import json
import shutil

import pytest

from stakeholders.cli import cli
from stakeholders.names import slug
from stakeholders.terms import actor_type_of, counted

from .conftest import SYRIA


@pytest.mark.parametrize("args", [[], ["events"]])
def test_a_bare_group_prints_its_help_and_exits_0(runner, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: {' '.join(['stakeholders', *args])} [OPTIONS] COMMAND [ARGS]...")
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "--depth", "3"], "--depth is how far --focus reaches: give --focus ACTOR too"),
        (["export", "gexf", "--depth", "2"], "--depth is how far --focus reaches: give --focus ACTOR too"),
        (["render", "--diff-from", "2025-05", "--as-of", "2025-04"], "--diff-from 2025-05 comes after the map's date 2025-04: give an earlier date to compare with"),
        (["render", "-o", "map.svg", "--format", "png"], "map.svg is named as svg but --format says png; give one of them, or a name ending .png"),
    ],
)
def test_options_that_contradict_each_other_are_refused(project, runner, args, message):
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert not (project / "output").exists() and not (project / "map.svg").exists()


def test_a_filter_that_leaves_nothing_warns(project, runner):
    result = runner.invoke(cli, ["render", "--polarity", "hostile", "--kind", "sanctions-relief", "-o", "empty.html"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Warning: no relation passes the filters (kinds: sanctions-relief; polarity: hostile): the output has 20 actors and no relation\n"
    assert result.stdout == "empty.html\n"
    quiet = runner.invoke(cli, ["render", "--polarity", "hostile", "-o", "hostile.html"])
    assert quiet.stderr == ""


def test_relation_kinds_are_matched_in_any_case(project, runner):
    upper = runner.invoke(cli, ["relations", "--kind", "AIRSTRIKE", "--format", "json"])
    lower = runner.invoke(cli, ["relations", "--kind", "airstrike", "--format", "json"])
    assert upper.exit_code == 0, upper.output
    assert upper.stdout == lower.stdout and json.loads(upper.stdout)
    wrong = runner.invoke(cli, ["relations", "--kind", "AIRSTRIK"])
    assert wrong.stderr == 'Error: unknown relation kind "AIRSTRIK"; closest known kinds: airstrike\n'


@pytest.mark.parametrize("name", ["empty.json", "empty.yaml"])
def test_empty_json_and_yaml_files_are_treated_alike(runner, tmp_path, name):
    (tmp_path / name).write_text("\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: empty\n")
    assert "warning: the dataset has no actors (an empty file?)" in result.output


def test_extract_of_an_empty_file_is_an_error(project, runner, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path / "empty.txt"), "-o", "draft.yaml"])
    assert (result.exit_code, result.stderr) == (1, f"Error: {tmp_path / 'empty.txt'}: no text to draft from: it is empty\n")
    assert not (project / "draft.yaml").exists()


def test_counts_agree_with_their_nouns():
    assert [counted(0, "row"), counted(1, "row"), counted(2, "row"), counted(1200, "event")] == ["0 rows", "1 row", "2 rows", "1,200 events"]


@pytest.mark.parametrize(
    ("word", "kind"),
    [("State", "state"), ("Armed group", "armed-group"), ("political party", "political-party"), ("NGO", "ngo"), ("Person", "person"),
     ("Intergovernmental organization", "intergovernmental-org"), ("Country", "state"), ("militia", "armed-group"), ("States", "state"),
     ("Ethnic_group", "community"), ("Wizard", None)],
)  # fmt: skip
def test_the_usual_spellings_of_actor_types(word, kind):
    assert actor_type_of(word) == kind


def test_import_maps_kumu_types_and_names_the_closest_for_the_rest(project, runner, tmp_path):
    (tmp_path / "elements.csv").write_text(
        "Label,Type\nSyria,State\nHTS,Armed group\nBaath,political party\nالدروز,Ethnic group\nCarl,armed grop\n", encoding="utf-8"
    )
    (tmp_path / "connections.csv").write_text("From,To,Type\nSyria,HTS,hostility\nالدروز,Syria,hostility\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(tmp_path / "elements.csv"), str(tmp_path / "connections.csv"), "-o", "map.yaml"])
    assert result.exit_code == 0, result.output
    assert f'Note: {tmp_path / "elements.csv"} row 6: unknown actor type "armed grop" read as other (the closest type is armed-group); ' in result.stdout
    shown = runner.invoke(cli, ["actors", "--data", "map.yaml", "--format", "json"])
    types = {a["id"]: a["type"] for a in json.loads(shown.stdout)}
    assert types == {"syria": "state", "hts": "armed-group", "baath": "political-party", "الدروز": "community", "carl": "other"}


def test_ids_take_letters_of_any_script(runner, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("actors:\n  - {id: الدروز, name: الدروز, type: community}\n  - {id: 'bad id', name: X, type: state}\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.stderr == (
        f"Error: {path}:3:10: actors[1].id: not a valid id: 'bad id'; use letters and digits (of any script), '-', '_', '.' or ':', "
        "starting with a letter or digit; no spaces\n"
    )
    assert [slug("Béta"), slug("الدروز"), slug("Ahmed al-Sharaa (HTS)"), slug("हिन्दी"), slug("a\u200fb")] == ["beta", "الدروز", "ahmed-al-sharaa-hts", "हिन्दी", "a-b"]


def test_a_folder_has_one_meta_and_a_second_is_named_with_both_files(runner, tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    shutil.copy(SYRIA, folder / SYRIA.name)
    (folder / "riverside-depot.yaml").write_text("meta:\n  title: Riverside depot\nactors:\n  - {id: r1, name: R1, type: company}\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    line = SYRIA.read_text(encoding="utf-8").splitlines().index("meta:") + 1
    assert result.stderr == (
        f"Error: {folder / SYRIA.name}:{line}:1: the map's meta is given in {folder / 'riverside-depot.yaml'}:1 already; "
        "a folder is one map: keep one meta, in one file\n"
    )


def test_into_dataset_writes_a_part_of_the_map_without_a_meta(project, runner):
    assert runner.invoke(cli, ["export", "csv", "-o", "sheets"]).exit_code == 0
    (project / "sheets" / "nodes.csv").write_text("Id,Label,Type\nnewcomer,Newcomer,state\nvisitor,Visitor,person\n", encoding="utf-8")
    (project / "sheets" / "edges.csv").write_text("Source,Target,Kind\nvisitor,newcomer,visit\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "sheets/nodes.csv", "sheets/edges.csv", "-o", "data/newcomer.yaml", "--into-dataset"])
    assert result.exit_code == 0, result.output
    assert not (project / "data" / "newcomer.yaml").read_text(encoding="utf-8").startswith("meta:")
    validated = runner.invoke(cli, ["validate"])
    assert validated.exit_code == 0, validated.output
    assert validated.stdout.startswith("OK: syria-2025: Syria in 2025\nactors     22")


def test_the_readme_first_look_and_the_data_comments_say_what_the_tool_does():
    # The README's outputs are checked by test_readme; the data file's comments are read here.
    comments = " ".join(line.lstrip("# ") for line in SYRIA.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert "active on any date" not in comments
    assert 'it is then known from the article\'s date (an ongoing one holds from that day on, an ended one up to it), and the tool says "reported 2025-05-07"' in comments


def test_the_help_lists_the_exit_codes(runner):
    result = runner.invoke(cli, ["--help"])
    assert "Exit codes: 0 done, 1 bad data or no result, 2 bad usage,\n  130 interrupted (Ctrl-C)." in result.stdout
