"""One Filters object end to end: every entry point and every filtering command take the same filters."""

import pytest

import stakeholders
from stakeholders.cli import cli
from stakeholders.errors import UsageError
from stakeholders.filters import Criteria, Filters

FILTERING_COMMANDS = ["analyze", "relations", "export", "render", "path", "neighbors", "mediators", "timeline"]


@pytest.mark.parametrize("name", FILTERING_COMMANDS)
def test_every_filtering_command_offers_the_same_options(name):
    options = {opt for param in cli.commands[name].params for opt in param.opts}
    assert {"--as-of", "--kind", "--exclude-kind", "--polarity", "--type"} <= options


def test_every_entry_point_takes_every_filter(syria, tmp_path):
    criteria: Criteria = {"as_of": "2025-05", "exclude_kinds": ["airstrike"], "actor_types": ["state", "government", "person"]}
    graph = stakeholders.to_graph(syria, **criteria)
    kept = {key for *_, key in graph.edges(keys=True)}
    assert kept and all(syria.relations_by_id[k].kind != "airstrike" for k in kept)
    assert {graph.nodes[n]["type"] for n in graph} <= {"state", "government", "person"}
    assert {r.id for r in stakeholders.select_relations(syria, **criteria)} == kept
    network = stakeholders.build_network(syria, **criteria)
    assert {r.id for (u, v), rs in network._links.items() for r in rs} == kept
    assert stakeholders.analyze(syria, **criteria)["relations"] == len(kept)
    assert stakeholders.render_html(syria, tmp_path / "map.html", **criteria).exists()
    [gexf] = stakeholders.export(syria, "gexf", tmp_path / "map.gexf", **criteria, dynamic=False)
    assert gexf.read_text(encoding="utf-8").count("<edge ") == len(kept)
    found = stakeholders.find_mediators(syria, "syrian government", "israel", **criteria)
    assert found.filters == graph.graph["filters"]


def test_a_focus_keeps_the_neighbourhood_at_any_entry_point(syria):
    graph = stakeholders.to_graph(syria, focus="the Druze", depth=1)
    around = set(graph)
    assert "druze" in around and len(around) < len(syria.actors)
    assert graph.graph["filters"] == ["around Druze, depth 1"]
    assert stakeholders.focus_graph(stakeholders.to_graph(syria), "the Druze").nodes == graph.nodes
    assert {r.source for r in stakeholders.select_relations(syria, focus="the Druze")} <= around


def test_bad_filters_are_usage_errors(syria):
    with pytest.raises(UsageError) as info:
        Filters.make(syria, kinds=["airstrike"], exclude_kinds=["airstrike"])
    assert str(info.value) == "no relation kind left: every kind chosen is also excluded (airstrike)"
    with pytest.raises(UsageError) as info:
        Filters.make(syria, exclude_kinds=["airstrik"])
    assert str(info.value) == 'unknown relation kind "airstrik"; closest known kinds: airstrike'
    with pytest.raises(UsageError) as info:
        stakeholders.to_graph(syria, focus="druze", actor_types=["state"])
    assert str(info.value) == '"Druze" is not on the map with the filters in force (actor types: state)'


def test_the_command_line_hands_the_filters_over(runner, tmp_path):
    result = runner.invoke(cli, ["relations", "--type", "state", "--exclude-kind", "airstrike", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "[]"
    result = runner.invoke(cli, ["mediators", "syrian government", "israel", "--kind", "negotiation"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "filters: kinds: negotiation"
    result = runner.invoke(cli, ["analyze", "--focus", "israel", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert "filters: around Israel, depth 1" in result.output.splitlines()
