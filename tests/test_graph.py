import networkx as nx
import pytest

import stakeholders
from stakeholders import InvalidDateError, UsageError
from stakeholders.dates import PartialDate
from stakeholders.graph import kinds_of, relation_attributes
from stakeholders.model import Relation, fields_of
from stakeholders.vocabulary import DEFAULT_KINDS

from .conftest import SYRIA


def test_the_graph_holds_every_actor_and_relation(syria):
    graph = stakeholders.to_graph(syria)
    assert isinstance(graph, nx.MultiDiGraph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (len(syria.actors), len(syria.relations))
    assert graph.graph["name"] == "syria-2025" and graph.graph["filters"] == []


def test_node_and_edge_attributes(syria):
    graph = stakeholders.to_graph(syria)
    assert graph.nodes["al-sharaa"]["label"] == "Ahmed al-Sharaa"
    assert graph.nodes["al-sharaa"]["type"] == "person"
    assert graph.nodes["al-sharaa"]["start"] == "2025-01"
    edge = graph.edges["syrian-government", "israel", "syria-israel-indirect-talks"]
    relation = syria.relations_by_id["syria-israel-indirect-talks"]
    assert {k: edge[k] for k in ("kind", "polarity", "directed", "mode", "via", "status", "start", "end", "weight")} == {
        "kind": "negotiation",
        "polarity": 1,
        "directed": False,
        "mode": "indirect",
        "via": ("mediators",),
        "status": "ongoing",
        "start": PartialDate(2025, 5),
        "end": None,
        "weight": None,
    }
    assert edge is relation.__dict__  # the record's own fields, not a copy
    assert set(edge) == set(fields_of(Relation))
    full = relation_attributes(edge, relation, kinds_of(graph)[edge["kind"]])
    assert {k: full[k] for k in ("label", "via", "cameo", "goldstein", "plover", "family", "evidence_count")} == {
        "label": "negotiation",
        "via": ["mediators"],
        "cameo": "046",
        "goldstein": 7.0,
        "plover": "CONSULT",
        "family": "diplomatic",
        "evidence_count": 2,
    }
    assert list(full)[:3] == ["kind", "label", "polarity"]
    assert (full["start"], full["end"]) == ("2025-05", None)


def test_an_edge_attribute_written_is_the_record_written():
    syria = stakeholders.load(SYRIA)  # not the shared fixture: this test changes a record
    graph = stakeholders.to_graph(syria)
    graph.edges["syrian-government", "israel", "syria-israel-indirect-talks"]["weight"] = 0.5
    assert syria.relations_by_id["syria-israel-indirect-talks"].weight == 0.5
    copied = graph.copy()
    copied.edges["syrian-government", "israel", "syria-israel-indirect-talks"]["weight"] = 0.25
    assert syria.relations_by_id["syria-israel-indirect-talks"].weight == 0.5


def test_parallel_relations_stay_separate(syria):
    graph = stakeholders.to_graph(syria)
    assert sorted(graph["syrian-government"]["israel"]) == ["syria-israel-hostilities", "syria-israel-indirect-talks"]


def test_as_of_keeps_what_was_active(syria):
    december = stakeholders.to_graph(syria, as_of="2024-12")
    assert ("hts", "assad") in december.edges()
    assert "al-sharaa" not in december  # in office from 2025-01
    assert ("syrian-government", "israel") not in december.edges()  # talks from 2025-05
    may = stakeholders.to_graph(syria, as_of="2025-05-07")
    assert ("hts", "assad") not in may.edges()
    assert may.has_edge("syrian-government", "israel", "syria-israel-indirect-talks")
    assert may.has_edge("united-states", "hts", "us-designates-hts")  # undated: always active


def test_kind_polarity_and_actor_type_filters(syria):
    strikes = stakeholders.to_graph(syria, kinds=["airstrike"])
    assert list(strikes.edges(keys=True)) == [("israel", "syria", "israel-airstrikes-syria")]
    assert strikes.number_of_nodes() == len(syria.actors)
    hostile = stakeholders.to_graph(syria, polarity="hostile")
    assert {d["polarity"] for *_, d in hostile.edges(data=True)} == {-1}
    assert hostile.number_of_edges() == sum(1 for r in syria.relations if r.polarity == -1)
    states = stakeholders.to_graph(syria, actor_types=["state", "intergovernmental-org"])
    assert set(states) == {"syria", "israel", "france", "united-kingdom", "united-states", "eu"}
    assert set(states.edges()) == {("israel", "syria"), ("eu", "syria")}


def test_filter_graph_adds_to_the_graphs_own_filters(syria):
    may = stakeholders.to_graph(syria, as_of="2025-05")
    cooperative = stakeholders.filter_graph(may, polarity=["cooperative"])
    assert cooperative.graph["filters"] == ["as of 2025-05", "polarity: cooperative"]
    expected = {r.id for r in syria.relations if r.polarity == 1 and syria.spans[r.id].holds_on(stakeholders.PartialDate.parse("2025-05"))}
    assert {k for *_, k in cooperative.edges(keys=True)} == expected


@pytest.mark.parametrize(
    ("filters", "error", "message"),
    [
        ({"as_of": "May 2025"}, InvalidDateError, "as-of date: not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'May 2025'"),
        ({"kinds": ["airstrikes"]}, UsageError, 'unknown relation kind "airstrikes"; closest known kinds: airstrike, arrest'),
        ({"polarity": "friendly"}, UsageError, 'unknown polarity "friendly"; use cooperative, hostile, neutral or any'),
        ({"actor_types": ["nation"]}, UsageError, 'unknown actor type "nation"; use one of person, state, government, armed-group, political-party, community, intergovernmental-org, ngo, company, media, other'),
    ],
)
def test_bad_filters_are_usage_errors(syria, filters, error, message):
    with pytest.raises(error) as info:
        stakeholders.to_graph(syria, **filters)
    assert str(info.value) == message


def test_the_vocabulary_has_every_kind_of_the_design():
    assert list(DEFAULT_KINDS) == [
        "negotiation", "mediation", "visit", "hosts-visit", "recognition", "sanctions-relief", "protection", "support",
        "alliance", "aid", "pledge", "agreement", "ceasefire", "withdrawal", "sanctions", "terrorist-designation",
        "non-recognition", "airstrike", "armed-clash", "attack", "mass-killing", "ousted", "hostility", "distrust",
        "criticism", "accusation", "demand", "rejection", "threat", "protest", "arrest", "kidnapping", "occupation",
        "leads", "member-of", "part-of", "formerly-led",
    ]  # fmt: skip
    # The kinds news needs: each with its CAMEO code (a string: leading zeros matter), Goldstein value and PLOVER type.
    news = {k: (DEFAULT_KINDS[k].cameo, DEFAULT_KINDS[k].goldstein, DEFAULT_KINDS[k].plover) for k in ("ceasefire", "criticism", "threat", "arrest")}
    assert news == {"ceasefire": ("0871", 9.0, "RETREAT"), "criticism": ("111", -2.0, "ACCUSE"), "threat": ("130", -4.4, "THREATEN"), "arrest": ("173", -5.0, "COERCE")}
    assert (DEFAULT_KINDS["sanctions-relief"].cameo, DEFAULT_KINDS["sanctions-relief"].goldstein) == ("085", 7.0)
    assert (DEFAULT_KINDS["airstrike"].cameo, DEFAULT_KINDS["airstrike"].goldstein) == ("195", -10.0)
    assert DEFAULT_KINDS["terrorist-designation"].cameo is None
    assert not DEFAULT_KINDS["negotiation"].directed and DEFAULT_KINDS["recognition"].directed
    assert {k.polarity for k in DEFAULT_KINDS.values() if k.family == "structural"} == {0}


def test_every_actor_type_has_a_style():
    from stakeholders.model import ACTOR_TYPES
    from stakeholders.style import ACTOR_STYLES, POLARITY_STYLE, hex_to_rgb, node_size

    assert list(ACTOR_STYLES) == list(ACTOR_TYPES)
    assert len({s.color for s in ACTOR_STYLES.values()}) == len(ACTOR_STYLES)
    assert {s.gexf_shape for s in ACTOR_STYLES.values()} <= {"disc", "square", "triangle", "diamond"}
    assert not {s.color.lower() for s in ACTOR_STYLES.values()} & {c.lower() for c in POLARITY_STYLE.values()}
    assert hex_to_rgb("#E69F00") == (230, 159, 0)
    assert node_size(0) < node_size(1) < node_size(100)


def test_the_fast_build_equals_networkx_own(syria):
    graph = stakeholders.to_graph(syria)
    reference = nx.MultiDiGraph(**graph.graph)
    reference.add_nodes_from(graph.nodes(data=True))
    reference.add_edges_from(graph.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(graph, reference)
    assert graph.edges["israel", "syria", "israel-airstrikes-syria"] is not graph.edges["syrian-government", "israel", "syria-israel-hostilities"]
    assert sorted(graph.pred["israel"]) == sorted(reference.pred["israel"])
    assert graph._succ["syrian-government"]["israel"] is graph._pred["israel"]["syrian-government"]  # one key dict, as networkx shares it
