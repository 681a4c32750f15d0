"""The export and import commands: paths printed, filters applied, errors in one line."""

import json

import pytest

import stakeholders
from stakeholders.cli import cli

from .conftest import SYRIA
from .export_helpers import relaxng

etree = pytest.importorskip("lxml.etree")
NS = {"g": "http://gexf.net/1.3"}


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "syria-2025.yaml").write_bytes(SYRIA.read_bytes())
    monkeypatch.delenv("STAKEHOLDERS_DATA", raising=False)


def test_export_gexf_to_the_default_path(runner, tmp_path):
    result = runner.invoke(cli, ["export", "gexf"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/syria-2025.gexf\n"
    schema = relaxng()
    assert schema.validate(etree.parse(str(tmp_path / "output" / "syria-2025.gexf"))), schema.error_log


def test_export_applies_the_filters(runner, tmp_path):
    result = runner.invoke(cli, ["export", "json", str(SYRIA), "-o", "hostile.json", "--polarity", "hostile", "--as-of", "2025-05"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "hostile.json\n"
    data = json.loads((tmp_path / "hostile.json").read_text(encoding="utf-8"))
    expected = stakeholders.to_graph(stakeholders.load(SYRIA), polarity="hostile", as_of="2025-05")
    assert sorted(e["id"] for e in data["edges"]) == sorted(k for _, _, k in expected.edges(keys=True))
    assert {e["polarity_name"] for e in data["edges"]} == {"hostile"}
    assert data["graph"]["filters"] == ["as of 2025-05", "polarity: hostile"]


def test_export_kind_filter_and_static_gexf(runner, tmp_path):
    result = runner.invoke(cli, ["export", "gexf", "-o", "strikes.gexf", "--kind", "airstrike", "--static"])
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(tmp_path / "strikes.gexf"))
    assert [e.get("id") for e in tree.findall(".//g:edge", NS)] == ["israel-airstrikes-syria"]
    assert tree.find("g:graph", NS).get("timeformat") is None


def test_export_csv_flavor_to_a_zip_and_neo4j_cypher(runner, tmp_path):
    result = runner.invoke(cli, ["export", "csv", "--flavor", "onodo", "-o", "onodo.zip"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "onodo.zip\n"
    result = runner.invoke(cli, ["export", "neo4j", "--cypher"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/syria-2025.cypher\n"
    result = runner.invoke(cli, ["export", "csv"])
    assert result.stdout == "output/syria-2025-gephi/nodes.csv\noutput/syria-2025-gephi/edges.csv\noutput/syria-2025-gephi/sources.csv\noutput/syria-2025-gephi/stories.csv\noutput/syria-2025-gephi/positions.csv\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "gexf", "--flavor", "kumu"], 2, 'Error: --flavor is not for the gexf format (it takes --static, --directed-only)\n'),
        (["export", "dot", "--cypher"], 2, 'Error: --cypher is not for the dot format (it takes no option of its own)\n'),
        (["export", "gexf", "--kind", "airstrikes"], 2, 'Error: unknown relation kind "airstrikes"; closest known kinds: airstrike, arrest\n'),
        (["export", "gexf", "missing.yaml"], 1, "Error: no dataset at missing.yaml: no such file or folder\n"),
        (["import", "nope.csv", "-o", "x.yaml"], 1, "Error: nope.csv: no such file\n"),
    ],
)
def test_bad_requests_give_one_error_line(runner, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.output
    assert result.stderr == message


def test_an_unwritable_output_is_one_error_line(runner, tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = runner.invoke(cli, ["export", "dot", "-o", "blocker/map.dot"])
    # Checked before any work: the folder of an explicit -o must be a folder that exists.
    assert result.exit_code == 2
    assert result.stderr == "Error: blocker/map.dot: blocker is not a folder\n"
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "map.dot").mkdir()  # a folder where the file should go
    result = runner.invoke(cli, ["export", "dot", "-o", "folder/map.dot"])
    assert result.exit_code == 2
    assert result.stderr == "Error: folder/map.dot is a folder; give a file name\n"


def test_import_reports_and_refuses_to_overwrite(runner, tmp_path):
    assert runner.invoke(cli, ["export", "csv", "--flavor", "kumu", "-o", "kumu"]).exit_code == 0
    result = runner.invoke(cli, ["import", "kumu/elements.csv", "kumu/connections.csv", "-o", "back.yaml"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Wrote back.yaml: 20 actors, 36 relations, 1 source"
    assert lines[1] == "kumu/elements.csv: nodes, kumu layout"
    assert lines[2:7] == ["  ID -> id", "  Label -> name", "  Type -> type", "  Description -> description", "  Tags -> tags"]
    assert "kumu/connections.csv: edges, kumu layout" in lines
    assert "  From -> source" in lines and "  Type -> kind" in lines and "  Direction -> directed" in lines
    assert lines[-1] == "Note: evidence cites 1 sources the sheets do not describe: added with their id as title"
    assert "Skipped" not in result.stdout
    again = runner.invoke(cli, ["import", "kumu/elements.csv", "kumu/connections.csv", "-o", "back.yaml"])
    assert again.exit_code == 2
    assert again.stderr == "Error: back.yaml exists; use --force to replace it\n"
    assert runner.invoke(cli, ["import", "kumu/elements.csv", "kumu/connections.csv", "-o", "back.yaml", "--force"]).exit_code == 0
    validated = runner.invoke(cli, ["validate", "back.yaml"])
    assert validated.exit_code == 0, validated.output


def test_import_lists_skipped_rows(runner, write, tmp_path):
    nodes = write("n.csv", "Id,Label,type\na,Alpha,state\nb,Beta,person\n")
    edges = write("e.csv", "Source,Target,Type,kind\na,b,Directed,support\na,zz,Directed,support\n")
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", "out.yaml"])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: 1 bad row; nothing was written (--skip-bad-rows writes the other rows)\n"
        f'  {edges} row 3, column Target: unknown actor "zz"\n'
    )
    assert not (tmp_path / "out.yaml").exists()
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", "out.yaml", "--skip-bad-rows"])
    assert result.exit_code == 0, result.output
    assert f'Left out 1 bad row:\n  {edges} row 3, column Target: unknown actor "zz"\n' in result.stdout


@pytest.mark.parametrize("command", ["export", "import"])
def test_help_has_examples(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:\n" in result.output
