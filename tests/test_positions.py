"""Stakeholder positions: issues, stance, salience, influence, the grid's quadrants, and the weighted-median forecast."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stakeholders
from stakeholders.cli import cli
from stakeholders.ingest import from_dict
from stakeholders.merge import merge_maps
from stakeholders.questions.positions import forecast, influences, positions_on, weighted_median

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "tests" / "fixtures" / "syria-2025-article.txt").read_text(encoding="utf-8")


def _map(positions: list[dict], actors: list[dict] | None = None, relations: list[dict] | None = None) -> stakeholders.Dataset:
    return from_dict(
        {
            "sources": [{"id": "s", "title": "A statement", "kind": "statement"}],
            "actors": actors
            or [
                {"id": "a", "name": "Alpha", "type": "state", "influence": 1.0},
                {"id": "b", "name": "Beta", "type": "state", "influence": 0.5},
                {"id": "c", "name": "Gamma", "type": "state"},
            ],
            "relations": relations or [],
            "issues": [{"id": "deal", "title": "Sign the deal?", "low": "no deal", "high": "deal"}],
            "positions": positions,
        }
    )


def _position(actor: str, stance: object, salience: float, **more) -> dict:
    return {"actor": actor, "issue": "deal", "stance": stance, "salience": salience, "evidence": [{"source": "s", "quote": f"{actor} said so"}], **more}


def test_the_shipped_map_has_two_issues_each_position_quoted_verbatim():
    dataset = stakeholders.load(ROOT / "data")
    assert [i.id for i in dataset.issues] == ["easing-sanctions", "indirect-talks"]
    assert {(p.issue, p.actor) for p in dataset.positions} >= {("easing-sanctions", "eu"), ("indirect-talks", "al-sharaa")}
    for position in dataset.positions:
        assert position.evidence and all(e.quote in ARTICLE for e in position.evidence), position


def test_stance_words_and_bad_positions_are_reported_at_their_lines(tmp_path, runner):
    assert [p.stance for p in _map([_position("a", "supports", 1), _position("b", "Opposes", 1), _position("c", "neutral", 1)]).positions] == [1.0, -1.0, 0.0]
    path = tmp_path / "bad.yaml"
    path.write_text(
        "sources:\n  - {id: s, title: T}\nactors:\n  - {id: a, name: A, type: state}\nrelations: []\nissues:\n  - {id: lift, title: Lift?}\n"
        "positions:\n"
        "  - {actor: A, issue: lift, stance: 1.5, salience: 0.5, evidence: [{source: s, quote: q}]}\n"
        "  - {actor: Nobody, issue: lift, stance: supports, salience: 2, evidence: [{source: s, quote: q}]}\n"
        "  - {actor: A, issue: unknown-issue, stance: opposes, salience: 0.2, evidence: [{source: nope, quote: q}]}\n"
        "  - {actor: A, issue: lift, stance: opposes, salience: 0.2}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: 6 problems in {path}",
        f"  {path}:9:37: positions[0].stance: must be at most 1, got 1.5",
        f'  {path}:10:13: positions[1].actor: unknown actor "Nobody"',
        f"  {path}:10:62: positions[1].salience: must be at most 1, got 2",
        f"  {path}:11:23: positions[2].issue: unknown issue \"unknown-issue\"; list it under 'issues:'",
        f"  {path}:11:90: positions[2].evidence[0].source: evidence cites unknown source \"nope\"; list it under 'sources:'",
        f'  {path}:12:5: positions[3]: missing required field "evidence"',
    ]


def test_positions_follow_time_and_influence_is_given_or_computed():
    dataset = _map(
        [_position("a", -1, 0.5, start="2024"), _position("a", 1, 0.8, start="2025-03"), _position("b", 0.5, 0.4, end="2024-12")],
        relations=[
            {"source": "a", "target": "b", "kind": "negotiation"},
            {"source": "a", "target": "c", "kind": "negotiation"},
            {"source": "b", "target": "c", "kind": "negotiation"},
        ],
    )
    assert [(s.actor.id, s.position.stance) for s in positions_on(dataset, "deal")] == [("a", 1.0), ("b", 0.5)]
    assert [(s.actor.id, s.position.stance) for s in positions_on(dataset, "deal", stakeholders.PartialDate(2024, 6))] == [("a", -1.0), ("b", 0.5)]
    assert [(s.actor.id, s.position.stance) for s in positions_on(dataset, "Sign the deal?", stakeholders.PartialDate(2025, 6))] == [("a", 1.0)]
    # Given influence wins; Gamma's is its degree (2) over the map's largest (2).
    assert influences(dataset) == {"a": (1.0, False), "b": (0.5, False), "c": (1.0, True)}
    quadrants = {s.actor.id: s.quadrant for s in positions_on(dataset, "deal", stakeholders.PartialDate(2024, 6))}
    assert quadrants == {"a": "manage closely", "b": "keep satisfied"}  # influence 0.5 is high, salience 0.4 low


def _median_by_definition(stances: list[float], weights: list[float]) -> float:
    """The lowest stance with at least half the weight at or below it and at least half at or above it."""
    total = sum(weights)
    return min(
        c
        for c in stances
        if sum(w for s, w in zip(stances, weights, strict=True) if s <= c) >= total / 2 - 1e-9
        and sum(w for s, w in zip(stances, weights, strict=True) if s >= c) >= total / 2 - 1e-9
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([-1.0, -0.5, 0.0, 0.25, 0.5, 1.0]), st.floats(0.01, 1.0)), min_size=1, max_size=8))
def test_the_weighted_median_is_the_one_defined_by_halves_of_the_weight(pairs):
    stances, weights = [p[0] for p in pairs], [p[1] for p in pairs]
    assert weighted_median(stances, weights) == _median_by_definition(stances, weights)


def test_the_forecast_names_the_pivot_the_coalitions_the_swing_and_the_range():
    dataset = _map([_position("a", 1, 0.5), _position("b", -1, 0.9), _position("c", 0, 0.2)])
    weights = {"a": 1.0 * 0.5, "b": 0.5 * 0.9, "c": 0.0 * 0.2}  # Gamma has no relation: computed influence 0
    result = forecast(dataset, "deal")
    assert result.outcome == _median_by_definition([1, -1, 0], list(weights.values())) == 1.0
    assert result.pivotal.actor.id == "a"
    total = sum(weights.values())
    assert result.shares == {"for": pytest.approx(0.5 / total), "against": pytest.approx(0.45 / total), "neutral": 0.0}
    # Alpha moving to -1 would take the outcome to -1, the largest shift; a 20% swing of weights may tip it to -1.
    assert (result.swing[0].actor.id, result.swing[1], result.swing[2]) == ("a", -1.0, -1.0)
    assert (result.low, result.high) == (-1.0, 1.0)
    with pytest.raises(stakeholders.UsageError, match=r'^unknown issue "dael"; did you mean "deal"\?$'):
        forecast(dataset, "dael")
    with pytest.raises(stakeholders.UsageError, match=r"^unknown issue \"treaty\"; the map's issues: deal$"):
        forecast(dataset, "treaty")


def test_the_commands_print_positions_and_the_forecast(runner):
    result = runner.invoke(cli, ["positions", "easing-sanctions", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["actor"] for r in rows] == ["united-kingdom", "trump-administration", "eu"]
    assert rows[1]["stance"] == "0.5" and rows[1]["influence_computed"] == "True"
    result = runner.invoke(cli, ["positions", "indirect-talks", "--evidence"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Indirect talks between Syria and Israel (indirect-talks): 4 positions"
    assert '    article-2025-05: "Regarding negotiations with Israel, there are indirect talks through mediators' in result.output
    result = runner.invoke(cli, ["forecast", "indirect-talks", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    stances = [a["stance"] for a in data["actors"]]
    weights = [a["influence"] * a["salience"] for a in data["actors"]]
    assert data["outcome"] == _median_by_definition(stances, weights)
    assert {"stance", "salience", "influence"} <= set(data["actors"][0])
    result = runner.invoke(cli, ["forecast", "peace"])
    assert result.exit_code == 2 and result.output.startswith('Error: unknown issue "peace"')


def test_merge_keeps_issues_and_positions_with_their_evidence():
    first = _map([_position("a", 1, 0.5)])
    second = _map([_position("a", 1, 0.5, evidence=[{"source": "s", "quote": "Alpha said it again"}])])
    merged = merge_maps([first, second]).dataset
    assert [i.id for i in merged.issues] == ["deal"]
    assert [[e.quote for e in p.evidence] for p in merged.positions] == [["a said so", "Alpha said it again"]]


# The stakeholder grid


def test_the_grid_draws_every_name_apart_in_every_format(tmp_path, runner):
    from stakeholders.render.grid import grid_figure

    dataset = stakeholders.load(ROOT / "data")
    figure = grid_figure(dataset, "indirect-talks")
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    names = [t for t in axes.texts if t.get_text().rstrip("*") in {a.name for a in dataset.actors}]
    assert sorted(t.get_text() for t in names) == ["Ahmed al-Sharaa*", "Israel*", "Syrian government*", "Unnamed mediators*"]
    boxes = [t.get_window_extent(renderer) for t in axes.texts]  # names and the quadrants' names
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    for suffix, head in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        out = tmp_path / f"grid.{suffix}"
        result = runner.invoke(cli, ["grid", "indirect-talks", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == str(out) and out.read_bytes().startswith(head)
    svg = (tmp_path / "grid.svg").read_text(encoding="utf-8")
    assert "Unnamed mediators*" in svg and "manage closely" in svg and "Source: syria-2025" in svg
    # The same picture every time.
    again = tmp_path / "again.svg"
    runner.invoke(cli, ["grid", "indirect-talks", "-o", str(again)])
    assert again.read_bytes() == (tmp_path / "grid.svg").read_bytes()


def test_the_grid_s_stance_colours_stay_apart_for_colour_blind_readers_and_its_page_escapes_data(tmp_path):
    from coloraide import Color

    from stakeholders.render.grid import STANCE_COLORS, render_grid

    supports, opposes = (Color("srgb", list(STANCE_COLORS(v)[:3])) for v in (1.0, 0.0))
    for deficiency in ("deutan", "protan", "tritan"):
        method = "brettel" if deficiency == "tritan" else "machado"
        assert supports.filter(deficiency, method=method).delta_e(opposes.filter(deficiency, method=method), method="76") >= 40, deficiency
    hostile = _map(
        [_position("a", 1, 0.5), _position("b", -1, 0.9)],
        actors=[{"id": "a", "name": "<script>alert(1)</script>", "type": "state", "influence": 0.8}, {"id": "b", "name": "B & Co", "type": "state", "influence": 0.3}],
    )
    page = render_grid(hostile, "deal", tmp_path / "grid.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "B &amp; Co" in page
    with pytest.raises(stakeholders.UsageError, match=r"grid\.gif: the grid is written as svg, png, pdf, html"):
        render_grid(hostile, "deal", tmp_path / "grid.gif")


def test_issues_positions_and_influence_survive_the_sheets(tmp_path, runner):
    dataset = _map(
        [_position("a", 1, 0.5, start="2025-03"), _position("b", "opposes", 0.9, description="Against, for now.")],
        relations=[{"source": "a", "target": "b", "kind": "negotiation", "evidence": [{"source": "s", "quote": "they talked"}]}],
    )
    path = tmp_path / "map.yaml"
    from stakeholders.merge.join import merged_text  # the YAML writer every command shares

    path.write_text(merged_text(merge_maps([dataset])), encoding="utf-8")
    assert runner.invoke(cli, ["export", "csv", "--data", str(path), "-o", str(tmp_path / "sheets")]).exit_code == 0
    assert (tmp_path / "sheets" / "positions.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "actor,issue,issue_title,issue_description,issue_low,issue_high,stance,salience,start,end,description,evidence"
    )
    result = runner.invoke(cli, ["import", *map(str, sorted((tmp_path / "sheets").iterdir())), "-o", str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    back = stakeholders.load(tmp_path / "back.yaml")
    assert back.issues == dataset.issues
    assert back.positions == dataset.positions
    assert {a.id: a.influence for a in back.actors} == {"a": 1.0, "b": 0.5, "c": None}


# The map coloured by stance


def test_the_map_colours_actors_by_stance_and_lists_their_positions(runner, tmp_path):
    from stakeholders.render import look
    from stakeholders.render.page import payload
    from stakeholders.style import STANCE_PALETTE

    graph = stakeholders.to_graph(stakeholders.load(ROOT / "data"))
    drawn = look(graph, color_by="stance:indirect-talks")
    data = payload(graph, {n: (0.0, 0.0) for n in graph}, look=drawn)
    groups = data["legend"]["groups"]
    assert [(g["label"], g["count"]) for g in groups] == [
        ("opposes: no talks", 0), ("leans against", 0), ("neutral", 0), ("leans toward", 1), ("supports: talks", 3), ("no position", 16),
    ]  # fmt: skip
    assert [g["color"] for g in groups[:5]] == list(STANCE_PALETTE)
    sharaa = next(a for a in data["actors"] if a["id"] == "al-sharaa")
    assert [(p["issue"], p["stance"]) for p in sharaa["positions"]] == [("Indirect talks between Syria and Israel", 1.0)]
    assert sharaa["positions"][0]["evidence"][0]["said"].startswith('"Regarding negotiations with Israel')
    result = runner.invoke(cli, ["render", "--color-by", "stance:indirect-talks", "-o", str(tmp_path / "map.svg")])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "colour: stance on indirect-talks" in svg and "supports: talks (3)" in svg
    result = runner.invoke(cli, ["render", "--color-by", "stance:peace", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "Error: unknown issue \"peace\"; the map's issues: easing-sanctions, indirect-talks" in result.output
    result = runner.invoke(cli, ["render", "--color-by", "mood", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "'mood' is not one of 'type', 'community', 'camp', or stance:ISSUE" in result.output


def test_exports_that_carry_attributes_carry_the_positions(tmp_path):
    import networkx as nx

    dataset = stakeholders.load(ROOT / "data")
    from stakeholders.export.gexf import write_gexf
    from stakeholders.export.graphml import write_graphml
    from stakeholders.export.nodelink import write_json

    graphml = nx.read_graphml(write_graphml(dataset, tmp_path / "map.graphml"))
    assert graphml.nodes["al-sharaa"]["stance:indirect-talks"] == 1.0 and graphml.nodes["israel"]["salience:indirect-talks"] == 0.5
    assert "stance:indirect-talks" not in graphml.nodes["druze"]  # no position, no value
    nodes = {n["id"]: n for n in json.loads(write_json(dataset, tmp_path / "map.json").read_text(encoding="utf-8"))["nodes"]}
    assert nodes["eu"]["stance:easing-sanctions"] == 1.0 and nodes["trump-administration"]["stance:easing-sanctions"] == 0.5
    gexf = write_gexf(dataset, tmp_path / "map.gexf").read_text(encoding="utf-8")
    assert '<attribute id="stance:indirect-talks" title="stance:indirect-talks" type="double"/>' in gexf


def test_the_grid_goes_to_standard_output_as_svg(runner):
    result = runner.invoke(cli, ["grid", "indirect-talks", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml") and result.stdout.rstrip().endswith("</svg>")
