"""What holds on a date: a relation's span (given, inferred from its sources, or undated) and a pair's state."""

import csv
import io
import json

import pytest

import stakeholders
from stakeholders.cli import cli
from stakeholders.holds import Span, pair_state, span_of
from stakeholders.render import generate_html

from .test_render import _json_block

SOURCES = [
    {"id": "may", "title": "May report", "date": "2025-05-07"},
    {"id": "june", "title": "June report", "date": "2025-06"},
    {"id": "undated", "title": "A report without a date"},
]


def _map(*relations, actors="abcd", kinds=()):
    return stakeholders.from_dict(
        {
            "sources": SOURCES,
            "actors": [{"id": x, "name": x.upper(), "type": "armed-group"} for x in actors],
            "relations": list(relations),
            "kinds": list(kinds),
        }
    )


def _said(*sources):
    return [{"source": s, "quote": "q"} for s in sources]


def _day(text):
    return stakeholders.PartialDate.parse(text)


@pytest.mark.parametrize(
    ("relation", "span"),
    [
        # An ongoing relation reported on D holds from D on; an ended one held up to D.
        ({"status": "ongoing", "evidence": _said("may")}, ("2025-05-07", None, "2025-05-07")),
        ({"status": "ended", "evidence": _said("may")}, (None, "2025-05-07", "2025-05-07")),
        ({"status": "announced", "evidence": _said("may")}, ("2025-05-07", None, "2025-05-07")),
        ({"evidence": _said("may")}, ("2025-05-07", None, "2025-05-07")),  # no status: as ongoing
        # Several sources: the earliest report counts, whatever their order.
        ({"status": "ongoing", "evidence": _said("june", "may")}, ("2025-05-07", None, "2025-05-07")),
        ({"status": "ended", "evidence": _said("june", "may")}, (None, "2025-05-07", "2025-05-07")),
        # A source without a date says nothing about when; nor does no evidence.
        ({"status": "ongoing", "evidence": _said("undated")}, (None, None, None)),
        ({"status": "ongoing"}, (None, None, None)),
        # The relation's own dates always win, even one of them.
        ({"start": "2024", "evidence": _said("may")}, ("2024", None, None)),
        ({"end": "2025-01", "status": "ended", "evidence": _said("may")}, (None, "2025-01", None)),
    ],
)
def test_when_a_relation_holds(relation, span):
    data = _map({"id": "r", "source": "a", "target": "b", "kind": "hostility", **relation})
    held = span_of(data.relations[0], data.sources_by_id)
    assert (str(held.start) if held.start else None, str(held.end) if held.end else None, str(held.reported) if held.reported else None) == span
    assert held.inferred is (span[2] is not None)
    assert held.undated is (span == (None, None, None))


def test_an_undated_relation_holds_on_no_chosen_date():
    held = Span(None, None)
    assert not held.holds_on(_day("1900")) and not held.overlaps(None, None)
    assert Span(_day("2025-05-07"), None, _day("2025-05-07")).holds_on(_day("2025-05"))
    assert not Span(_day("2025-05-07"), None, _day("2025-05-07")).holds_on(_day("2025-04"))


UNDATED_MAP = [
    {"id": "dated", "source": "a", "target": "b", "kind": "visit", "start": "2025-05"},
    {"id": "reported", "source": "a", "target": "c", "kind": "support", "status": "ongoing", "evidence": _said("may")},
    {"id": "bare", "source": "a", "target": "d", "kind": "hostility"},
]


@pytest.fixture
def undated_map(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"sources": SOURCES, "actors": [{"id": x, "name": x.upper(), "type": "state"} for x in "abcd"], "relations": UNDATED_MAP}))
    return path


def test_relations_list_the_undated_apart_on_a_date(runner, undated_map):
    result = runner.invoke(cli, ["relations", "a", "--data", str(undated_map), "--as-of", "2025-06"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "RELATION      WITH  DATES                STATUS   POLARITY     MODE",
        "-[visit]->    B     since 2025-05                 cooperative",
        "-[support]->  C     reported 2025-05-07  ongoing  cooperative",
        "",
        "undated: 1 (no dates and no dated source, so on no date; listed apart)",
        "RELATION       WITH  DATES  STATUS  POLARITY  MODE",
        "-[hostility]-  D                    hostile",
    ]
    before = runner.invoke(cli, ["relations", "--data", str(undated_map), "--as-of", "2025-05-01", "--format", "json"])
    assert [r["id"] for r in json.loads(before.output)] == ["dated"]  # the report of 2025-05-07 is later
    without_date = runner.invoke(cli, ["relations", "--data", str(undated_map), "--format", "json"])
    assert [(r["id"], r["reported"], r["undated"]) for r in json.loads(without_date.output)] == [
        ("dated", None, False),
        ("reported", "2025-05-07", False),
        ("bare", None, True),
    ]


def test_the_timeline_and_show_list_the_undated_apart(runner, undated_map):
    result = runner.invoke(cli, ["timeline", "--data", str(undated_map), "--since", "2025-05"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-3:-1] == ["undated: 1 (no dates and no dated source, so on no date; listed apart)", "START  END  STATUS  SOURCE  RELATION       TARGET"]
    assert lines[-1].split() == ["A", "-[hostility]-", "D"]
    assert "2025-05-07 (reported)" in lines[2]
    result = runner.invoke(cli, ["show", "a", "--data", str(undated_map), "--as-of", "2025-06", "--format", "json"])
    shown = json.loads(result.output)
    assert ([r["id"] for r in shown["relations"]], [r["id"] for r in shown["undated"]]) == (["dated", "reported"], ["bare"])
    text = runner.invoke(cli, ["show", "a", "--data", str(undated_map), "--as-of", "2025-06"]).output
    assert "Undated, on no date (listed apart) (1)" in text.splitlines()


def test_a_relation_s_own_polarity_keeps_its_pair_signed(runner, tmp_path):
    # Hostile in 2014, then part of the other in 2015 with polarity cooperative: the pair is cooperative.
    data = _map(
        {"id": "war", "source": "a", "target": "b", "kind": "hostility", "start": "2014"},
        {"id": "merger", "source": "a", "target": "b", "kind": "part-of", "start": "2015", "polarity": "cooperative"},
    )
    assert pair_state(data.relations, data.kinds_by_id, data.spans) == 1
    report = stakeholders.analyze(data)
    assert (report["balance"]["signed_pairs"], report["balance"]["cooperative_pairs"]) == (1, 1)
    goldstein = stakeholders.analyze(data, weighting="goldstein")
    # The structural kind has a Goldstein value of 0: a signed relation still weighs 1, never 0.
    assert goldstein["centrality"]["degree"]["ranking"][0]["value"] == 6.0
    assert stakeholders.analyze(data, sign_rule="goldstein")["balance"]["hostile_pairs"] == 1  # -5 + 1


BROKER = [
    {"id": "a-x", "source": "a", "target": "x", "kind": "alliance", "start": "2013"},
    {"id": "b-x", "source": "b", "target": "x", "kind": "alliance", "start": "2013"},
    {"id": "x-b-war", "source": "x", "target": "b", "kind": "armed-clash", "start": "2014"},
    {"id": "a-y", "source": "a", "target": "y", "kind": "alliance", "start": "2013"},
    {"id": "b-y", "source": "b", "target": "y", "kind": "support", "start": "2013"},
    {"id": "a-b", "source": "a", "target": "b", "kind": "hostility", "start": "2012"},
]


def test_a_mediator_turned_hostile_is_left_out_and_back_before_it():
    data = _map(*BROKER, actors=["a", "b", "x", "y"])
    found = stakeholders.find_mediators(data, "a", "b")
    assert [c.actor for c in found.candidates] == ["y"]
    [left_out] = found.excluded
    assert (left_out.actor, left_out.side, left_out.state, [r.id for r in left_out.relations]) == ("x", "b", -1, ["x-b-war"])
    before = stakeholders.find_mediators(data, "a", "b", as_of="2013")
    assert ([c.actor for c in before.candidates], before.excluded) == (["x", "y"], ())


def test_the_mediators_command_says_who_was_left_out(runner, tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"actors": [{"id": x, "name": x.upper(), "type": "state"} for x in ["a", "b", "x", "y"]], "relations": BROKER}))
    result = runner.invoke(cli, ["mediators", "a", "b", "--data", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        "Left out (cooperative relations with both, but not on cooperative terms with one side now)",
        "  X: hostile with B (armed-clash, since 2014)",
    ]
    report = json.loads(runner.invoke(cli, ["mediators", "a", "b", "--data", str(path), "--format", "json"]).output)
    assert [(e["id"], e["with"]["id"], e["state"]) for e in report["excluded"]] == [("x", "b", "hostile")]


ALIGNED = [
    # L leads O; O fights R; L courts R's rival S; R and S are at war.
    {"id": "l-o", "source": "l", "target": "o", "kind": "leads"},
    {"id": "o-r", "source": "o", "target": "r", "kind": "armed-clash"},
    {"id": "l-s", "source": "l", "target": "s", "kind": "alliance"},
    {"id": "r-s", "source": "r", "target": "s", "kind": "armed-clash"},
    {"id": "x-l", "source": "x", "target": "l", "kind": "splinter"},
    {"id": "x-r", "source": "x", "target": "r", "kind": "alliance"},
]
SPLINTER = {"id": "splinter", "polarity": 0, "directed": True, "aligns": False}


def test_aligned_actors_stand_on_one_side():
    data = _map(*ALIGNED, actors="lorsx", kinds=[SPLINTER])
    camps = stakeholders.camps(stakeholders.to_graph(data))
    assert camps["l"] == camps["o"] == camps["s"] != camps["r"] == camps["x"]
    # A dataset's own kind can align its ends: the splinter then stays with its parent, at a cost.
    aligned = _map(*ALIGNED, actors="lorsx", kinds=[{**SPLINTER, "aligns": True}])
    report = stakeholders.analyze(aligned)
    number = {actor: c["number"] for c in report["camps"]["camps"] for actor in c["members"]}
    assert number["x"] == number["l"] == number["o"] != number["r"]
    assert report["camps"]["aligned"] == [["l", "o", "x"]]
    assert report["camps"]["frustration"] == 1  # x's alliance with r now crosses the camps


def test_camps_are_numbered_alike_in_text_json_csv_and_the_page(runner, tmp_path):
    path = tmp_path / "map.json"
    actors = [{"id": x, "name": x.upper(), "type": "state"} for x in "lorsx"]
    path.write_text(json.dumps({"actors": actors, "relations": ALIGNED, "kinds": [SPLINTER]}))
    report = json.loads(runner.invoke(cli, ["analyze", str(path), "--format", "json"]).output)
    first = report["camps"]["camps"][0]
    assert (first["number"], first["name"]) == (1, "L, O, S")
    text = runner.invoke(cli, ["analyze", str(path)]).output.splitlines()
    assert "camp 1 (3): L, O, S" in text and "camp 2 (2): R, X" in text
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["analyze", str(path), "--format", "csv"]).output)))
    assert {row["actor"]: row["camp"] for row in rows} == {"l": "1", "o": "1", "s": "1", "r": "2", "x": "2"}
    page = generate_html(stakeholders.to_graph(stakeholders.load(path)), color_by="camp")
    data = _json_block(page, "map-data")
    assert [g["label"] for g in data["legend"]["groups"]] == ["camp 1: L, O, S", "camp 2: R, X"]
    assert {a["id"]: a["group"] for a in data["actors"]}["x"] == "camp 2: R, X"


def test_the_syria_map_as_of_december_2024(runner):
    result = runner.invoke(cli, ["relations", "--as-of", "2024-12", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = {r["id"] for r in json.loads(result.output)}
    # The relief reported on 2025-05-07 and the ended coastal killings are not on the map of December 2024.
    assert shown == {"hts-ousts-assad", "hts-ousts-assad-regime", "assad-led-regime", "assad-led-syria"}
