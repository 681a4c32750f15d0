import json

import pytest

import stakeholders
from stakeholders.analysis.report import analyze
from stakeholders.cli import cli

from .conftest import ROOT, SYRIA

TWO_CAMPS = """
meta: {title: Two camps, name: two-camps}
actors:
  - {id: a, name: Alpha, type: state}
  - {id: b, name: Beta, type: state}
  - {id: c, name: Gamma, type: armed-group}
  - {id: d, name: Delta, type: state}
  - {id: e, name: Epsilon, type: person}
relations:
  - {source: a, target: b, kind: alliance}
  - {source: b, target: c, kind: alliance}
  - {source: a, target: c, kind: alliance}
  - {source: d, target: e, kind: alliance}
  - {source: a, target: d, kind: hostility}
  - {source: b, target: e, kind: hostility}
  - {source: c, target: e, kind: hostility}
  - {id: c-pledges-d, source: c, target: d, kind: pledge, start: 2025-05}
  - {source: e, target: d, kind: leads}
"""


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("STAKEHOLDERS_DATA", raising=False)


def test_the_text_report_explains_every_figure(runner, write):
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", str(path), "--top", "2"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [
        "Network analysis of two-camps: Two camps",
        "5 actors, 9 relations, 8 tied pairs; weighting none: every tied pair counts 1",
    ]
    # COLUMNS=80: every line fits 80 columns, prose wrapped under its indent, tables cut short.
    assert max(len(line) for line in lines) <= 80
    start = lines.index("betweenness: how often it lies on the shortest route between two others (share")
    assert lines[start + 1 : start + 6] == [
        "  of all pairs): the brokers",
        "  RANK  ACTOR  BETWEENNESS",
        "  1     Gamma  0.1111",
        "  2     Alpha  0.0556",
        "  ... and 3 more (--top or --format json shows them)",
    ]
    start = lines.index("BLOCS")
    # --top limits every list, members too.
    assert lines[start + 5 : start + 8] == ["  BLOC  SIZE  MEMBERS", "  1     3     Alpha, Beta and 1 more", "  2     2     Delta, Epsilon"]
    start = lines.index("triangles: 4")
    assert lines[start : start + 10] == [
        "triangles: 4",
        "  strict: 2 of 4 balanced (50%); strict balance (Cartwright-Harary): a triangle",
        "    is balanced when the product of its signs is positive: the friend of a",
        "    friend is a friend, the enemy of an enemy is a friend",
        "  weak: 2 of 4 balanced (50%); weak balance (Davis): all-hostile triangles count",
        "    as balanced too: the enemy of an enemy may be an enemy",
        "triangles that are not strictly balanced:",
        "  TRIANGLE               TIES                                                  …",
        "  Alpha, Delta, Gamma    Alpha (+) Gamma, Alpha (-) Delta, Gamma (+) Delta     …",
        "  Delta, Epsilon, Gamma  Gamma (+) Delta, Gamma (-) Epsilon, Delta (+) Epsilon …",
    ]
    start = lines.index("TWO CAMPS")
    # Delta leads Epsilon: the two move together, so 8 splits of four groups are tried.
    assert lines[start + 4 :] == [
        "exact: every split of the signed actors (aligned ones moving together) was tried",
        "  (8 splits); the best split is unique",
        "aligned: actors tied by a relation of a kind that aligns its ends (leads,",
        "  member-of, part-of, or a dataset's own kind with aligns: true) stand on the",
        "  same side; such relations are not signed ties: Delta, Epsilon",
        "",
        "camp 1 (3): Gamma, Alpha, Beta",
        "  Gamma: cooperative with Alpha, Beta; hostile to Epsilon",
        "  Alpha: cooperative with Beta, Gamma; hostile to Delta",
        "  ... and 1 more (--top or --format json shows them)",
        "",
        "camp 2 (2): Delta, Epsilon",
        "  Delta: cooperative with Epsilon; hostile to Alpha; aligned with Epsilon",
        "    (leads)",
        "  Epsilon: cooperative with Delta; hostile to Beta, Gamma; aligned with Delta",
        "    (leads)",
        "",
        "frustration 1 of 8 signed pairs (12.5%); frustration: the number of signed pairs",
        "  that disagree with the split; 0 means the map is perfectly balanced",
        "frustrated ties: the pairs that strain the two-camp picture, with the relations",
        "  that disagree with it:",
        "  Gamma (camp 1) – Delta (camp 2): cooperative",
        "      Gamma -[pledge]- Delta [c-pledges-d]",
        "bridges: actors with cooperative ties into both camps, who could carry messages",
        "  across: Delta, Gamma",
    ]


def test_json_gives_the_figures_of_the_library(runner, write):
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", "--data", str(path), "--format", "json", "--weight", "intensity", "--sign", "goldstein"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    graph = stakeholders.to_graph(stakeholders.load(path))
    assert report == analyze(graph, weighting="intensity", sign_rule="goldstein")
    # The Delta-Epsilon tie is an alliance and a leads relation (1 + 1); their other two ties one relation each.
    assert report["centrality"]["degree"]["ranking"][:2] == [
        {"actor": "d", "name": "Delta", "value": 4.0, "rank": 1},
        {"actor": "e", "name": "Epsilon", "value": 4.0, "rank": 1},
    ]


def test_csv_has_one_row_per_actor(runner, write):
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "actor,name,type,degree,in-degree,out-degree,betweenness,closeness,eigenvector,pagerank,bloc,camp,bridge"
    assert lines[3] == "c,Gamma,armed-group,4,3,4,0.1111,1,1,0.202,1,1,true"
    assert len(lines) == 6


def test_filters_apply(runner, write):
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", str(path), "--polarity", "hostile", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["filters"], report["relations"], report["blocs"]["blocs"]) == (["polarity: hostile"], 3, [])
    # Hostile ties a-d, b-e, c-e only: two unconnected parts, each split one way, which may
    # face either way: two best splits; of them, the one with the earlier ids in one camp.
    camps = report["camps"]
    members = [c["members"] for c in camps["camps"]]
    assert (members, camps["frustration"], camps["optimal_splits"]) == ([["a", "b", "c"], ["e", "d"]], 0, 2)


def test_a_map_without_signed_ties_has_no_camps(runner, write):
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", str(path), "--kind", "leads"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "no cooperative or hostile ties, so no balance and no camps"
    assert "TWO CAMPS" not in result.output


def test_nothing_left_after_the_filters_is_one_error_line(runner, write):
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", str(path), "--kind", "airstrike"])
    assert result.exit_code == 2
    assert result.stderr == "Error: no relations to analyse after the filters (kinds: airstrike)\n"


def test_an_unknown_weighting_is_refused(runner):
    result = runner.invoke(cli, ["analyze", "--weight", "heavy"])
    assert result.exit_code == 2
    assert "Invalid value for '--weight': 'heavy' is not one of 'none', 'intensity', 'goldstein'." in result.stderr


def test_help_has_examples(runner):
    result = runner.invoke(cli, ["analyze", "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:\n    stakeholders analyze\n" in result.output


def test_the_syria_report(runner):
    result = runner.invoke(cli, ["analyze", str(SYRIA), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["centrality"]["betweenness"]["ranking"][0]["actor"] == "syrian-government"
    assert (report["balance"]["triangles"], report["balance"]["strict"]["balanced"], report["balance"]["weak"]["balanced"]) == (4, 2, 3)
    camps = report["camps"]
    # Structure counts: al-Sharaa leads HTS and the government, so the Assad regime and Bashar al-Assad
    # end up opposite all three; his pledges to the minorities and Israel's protection of the Druze
    # strain that picture (frustrated), as does the US designation of HTS.
    assert (camps["method"], camps["frustration"]) == ("exact", 6)
    number = {actor: c["number"] for c in camps["camps"] for actor in c["members"]}
    assert {number[a] for a in ("al-sharaa", "hts", "syrian-government")} == {1}
    assert {number[a] for a in ("assad", "assad-regime")} == {2}
    assert camps["camps"][0]["name"] == "Syrian government, Ahmed al-Sharaa, Hayat Tahrir al-Sham, …"


def test_a_report_that_goes_to_a_file_is_never_cut(runner, write, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    path = write("map.yaml", TWO_CAMPS)
    result = runner.invoke(cli, ["analyze", str(path), "--top", "2"])
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("  Alpha, Delta, Gamma  ")]
    assert len(rows) == 1 and rows[0].endswith("unbalanced") and len(rows[0]) > 80
    narrow = runner.invoke(cli, ["analyze", str(path), "--top", "2"], env={"COLUMNS": "60"})
    assert max(len(line) for line in narrow.output.splitlines()) <= 60


def _synthetic(actors: int, relations: int, seed: int = 3):
    from bench.synth import generate

    return stakeholders.to_graph(stakeholders.from_dict(generate(actors, relations, seed=seed)))


def test_a_sampled_betweenness_is_near_the_exact_one_within_its_stated_error():
    from stakeholders.analysis.centrality import node_metric, sampled_betweenness

    graph = _synthetic(400, 3000)
    exact = node_metric(graph, "betweenness")
    coarse, rough = sampled_betweenness(graph, 40, seed=1)
    fine, close = sampled_betweenness(graph, 200, seed=1)
    assert (close.sources, close.actors, close.seed) == (200, 400, 1)
    brokers = sorted(exact, key=exact.__getitem__, reverse=True)[:10]
    assert exact[brokers[0]] > 0.05  # a figure worth estimating
    for actor in brokers:
        assert abs(fine[actor] - exact[actor]) <= 4 * close.errors[actor] + 1e-9, actor
        assert close.errors[actor] < rough.errors[actor]  # more sources, a smaller error
    assert sampled_betweenness(graph, 200, seed=1) == (fine, close)  # the same seed, the same figures
    assert sampled_betweenness(graph, 400) == (exact, None)  # every actor drawn: the exact figure, no sample


def test_analyze_sample_states_the_estimate_in_text_and_json(runner):
    result = runner.invoke(cli, ["analyze", str(SYRIA), "--sample", "5", "--seed", "2", "--top", "2"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("betweenness: how often it lies on the shortest route between two others (share of all pairs): the brokers")
    assert lines[at + 1].startswith("  estimated from 5 of 20 actors as sources (seed 2); standard error at most 0.")
    assert lines[at + 2].split() == ["RANK", "ACTOR", "BETWEENNESS", "±", "S.E."]
    shown = runner.invoke(cli, ["analyze", str(SYRIA), "--sample", "5", "--seed", "2", "--format", "json"])
    figure = json.loads(shown.output)["centrality"]["betweenness"]
    assert figure["sample"] == {"sources": 5, "actors": 20, "seed": 2, "largest_standard_error": max(r["standard_error"] for r in figure["ranking"])}
    assert figure["sample"]["largest_standard_error"] > 0


def test_a_sample_of_every_actor_is_the_exact_report_and_a_sample_of_one_is_refused(runner):
    exact = runner.invoke(cli, ["analyze", str(SYRIA), "--format", "json"])
    whole = runner.invoke(cli, ["analyze", str(SYRIA), "--format", "json", "--sample", "20"])
    assert (exact.exit_code, whole.exit_code) == (0, 0)
    assert whole.output == exact.output
    refused = runner.invoke(cli, ["analyze", str(SYRIA), "--sample", "1"])
    assert (refused.exit_code, refused.stderr) == (2, "Error: Invalid value for '--sample': '1' is not a whole number from 2 to 1,000,000\nsee `stakeholders analyze --help`\n")


def test_the_text_report_is_the_same_whether_the_report_kept_every_row_or_only_those_shown():
    from stakeholders.cli.analysis import _text

    graph = _synthetic(300, 2500)
    whole, shown = analyze(graph), analyze(graph, top=4)
    assert whole["camps"]["method"] == "heuristic" and whole["balance"]["triangles"] > 100
    assert len(shown["balance"]["triangle_list"]) <= 4 < len(whole["balance"]["triangle_list"])
    assert len(shown["camps"]["frustrated"]) == 4 and len(whole["camps"]["frustrated"]) == whole["camps"]["frustration"]
    assert list(_text(shown, 4)) == list(_text(whole, 4))
