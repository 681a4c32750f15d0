"""Centrality, blocs and the report, on small maps whose answers are worked out by hand."""

import pytest

import stakeholders
from stakeholders.analysis.centrality import blocs, communities, node_metric, ranking
from stakeholders.analysis.report import analyze

from .conftest import SYRIA
from .test_balance import signed_map

STAR = [("hub", "visit", leaf) for leaf in "abcd"]


def test_a_star_hub_is_the_only_broker():
    # Every pair of leaves has its one shortest route through the hub: 6 of 6 pairs.
    graph = signed_map(*STAR, actors=["hub", *"abcd"])
    assert node_metric(graph, "betweenness") == {"a": 0.0, "b": 0.0, "c": 0.0, "d": 0.0, "hub": 1.0}


def test_betweenness_on_a_path():
    # a-b-c-d: b lies on the routes a-c and a-d, 2 of the 3 pairs it is not part of.
    graph = signed_map(("a", "visit", "b"), ("b", "visit", "c"), ("c", "visit", "d"), actors="abcd")
    assert node_metric(graph, "betweenness") == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0})


def test_closeness_and_eigenvector_of_a_star():
    # A leaf is 1 from the hub and 2 from three leaves: 4 / 7. The star's leading
    # eigenvector gives each leaf half the hub's value.
    graph = signed_map(*STAR, actors=["hub", *"abcd"])
    assert node_metric(graph, "closeness") == pytest.approx({"a": 4 / 7, "b": 4 / 7, "c": 4 / 7, "d": 4 / 7, "hub": 1.0})
    assert node_metric(graph, "eigenvector") == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.5, "hub": 1.0}, abs=1e-4)


def test_pagerank_follows_the_direction_of_ties():
    # Four leaves point at the hub, which points nowhere (its rank is spread evenly):
    # hub = 0.03 + 0.85 * (4 * leaf + hub / 5) and leaf = 0.03 + 0.17 * hub give 11/21 and 5/42.
    graph = signed_map(*[(leaf, "visit", "hub") for leaf in "abcd"], actors=["hub", *"abcd"])
    assert node_metric(graph, "pagerank") == pytest.approx({"a": 5 / 42, "b": 5 / 42, "c": 5 / 42, "d": 5 / 42, "hub": 11 / 21}, abs=1e-5)


def test_a_pair_is_one_tie_however_many_relations_it_has():
    graph = signed_map(("a", "visit", "b", {"weight": 0.5}), ("a", "sanctions", "b"), ("b", "attack", "a"), ("a", "negotiation", "c"), actors="abc")
    assert node_metric(graph, "degree") == {"a": 2.0, "b": 1.0, "c": 1.0}
    # The undirected negotiation ties a and c both ways.
    assert node_metric(graph, "in-degree") == {"a": 2.0, "b": 1.0, "c": 1.0}
    assert node_metric(graph, "out-degree") == {"a": 2.0, "b": 1.0, "c": 1.0}
    # Intensity: 0.5 + 1 + 1 between a and b. Goldstein: 1.9 + 8 + 9, and 7 for the talks.
    assert node_metric(graph, "degree", "intensity") == {"a": 3.5, "b": 2.5, "c": 1.0}
    assert node_metric(graph, "degree", "goldstein") == pytest.approx({"a": 25.9, "b": 18.9, "c": 7.0})


def test_weights_are_read_as_closeness_for_betweenness():
    # The direct a-c tie weighs 0.2, a length of 5; the way through b is 2 long.
    graph = signed_map(("a", "visit", "b"), ("b", "visit", "c"), ("a", "visit", "c", {"weight": 0.2}), actors="abc")
    assert node_metric(graph, "betweenness")["b"] == 0.0
    assert node_metric(graph, "betweenness", "intensity")["b"] == 1.0


def test_structural_ties_weigh_nothing_under_goldstein():
    graph = signed_map(("a", "leads", "b"), ("b", "alliance", "c"), actors="abc")
    assert node_metric(graph, "degree") == {"a": 1.0, "b": 2.0, "c": 1.0}
    assert node_metric(graph, "degree", "goldstein") == {"a": 0.0, "b": 6.0, "c": 6.0}
    assert node_metric(graph, "closeness", "goldstein")["a"] == 0.0


def test_an_unknown_metric_or_weighting_is_a_usage_error():
    graph = signed_map(*STAR, actors=["hub", *"abcd"])
    with pytest.raises(stakeholders.UsageError, match='^unknown metric "betweeness"; did you mean "betweenness"\\?$'):
        node_metric(graph, "betweeness")
    with pytest.raises(stakeholders.UsageError, match='^unknown weighting "heavy"; use one of none, intensity, goldstein$'):
        node_metric(graph, "degree", "heavy")


def two_blocs():
    # Two cooperative triangles joined by one cooperative tie (c-d) and two hostile ones; f has no friend.
    return signed_map(
        ("a", "alliance", "b"),
        ("b", "alliance", "c"),
        ("a", "alliance", "c"),
        ("d", "alliance", "e"),
        ("e", "alliance", "x"),
        ("d", "alliance", "x"),
        ("c", "pledge", "d"),
        ("a", "hostility", "e"),
        ("b", "hostility", "x"),
        ("f", "hostility", "a"),
        actors="abcdefx",
    )


def test_blocs_come_from_cooperative_ties():
    graph = two_blocs()
    assert blocs(graph) == [["a", "b", "c"], ["d", "e", "x"]]
    assert communities(graph, seed=7) == {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "x": 2}  # numbered from 1, as shown


def test_ranking_shares_ranks_between_equal_values():
    graph = signed_map(("a", "visit", "b"), ("a", "visit", "c"), ("d", "visit", "e"), actors="abcde")
    rows = ranking(node_metric(graph, "degree"), graph)
    assert [(r["rank"], r["actor"], r["name"], r["value"]) for r in rows] == [
        (1, "a", "A", 2.0),
        (2, "b", "B", 1.0),
        (2, "c", "C", 1.0),
        (2, "d", "D", 1.0),
        (2, "e", "E", 1.0),
    ]


def test_the_report_on_two_blocs():
    report = analyze(two_blocs())
    assert (report["actors"], report["relations"], report["tied_pairs"]) == (7, 10, 10)
    # Numbered by size, then by the most central member (a and d have degree 3; A sorts first), named by their first three.
    assert report["blocs"]["blocs"] == [
        {"number": 1, "name": "A, B, C", "members": ["a", "b", "c"]},
        {"number": 2, "name": "D, E, X", "members": ["d", "e", "x"]},
    ]
    # Modularity of two triangles and a bridge: 2 * (3/7 - (7/14) ** 2) = 5/14.
    assert report["blocs"]["modularity"] == round(5 / 14, 4)
    assert report["blocs"]["without_cooperative_ties"] == ["f"]
    balance = report["balance"]
    assert (balance["signed_pairs"], balance["cooperative_pairs"], balance["hostile_pairs"], balance["triangles"]) == (10, 7, 3, 2)
    assert (balance["strict"]["balanced"], balance["strict"]["share"], balance["weak"]["balanced"]) == (2, 1.0, 2)
    camps = report["camps"]
    # Only the c-d pledge crosses the camps; one camp for all but f would hold two hostile ties.
    # Camp 1 is the larger one.
    assert [(c["number"], c["members"]) for c in camps["camps"]] == [(1, ["d", "e", "x", "f"]), (2, ["a", "b", "c"])]
    assert (camps["method"], camps["searched"], camps["optimal_splits"], camps["frustration"]) == ("exact", 64, 1, 1)
    [frustrated] = camps["frustrated"]
    assert {k: frustrated[k] for k in ("actors", "sign", "camps", "relations")} == {
        "actors": ["c", "d"],
        "sign": 1,
        "camps": [2, 1],
        "relations": ["c--pledge--d"],
    }
    assert [e["relation"] for e in frustrated["evidence"]] == ["c--pledge--d"]
    assert camps["bridges"] == ["c", "d"]
    assert camps["components"] == [["a", "b", "c", "d", "e", "f", "x"]]


def test_nothing_to_analyse():
    graph = signed_map(*STAR, actors=["hub", *"abcd"])
    with pytest.raises(stakeholders.UsageError, match="^no relations to analyse after the filters \\(kinds: airstrike\\)$"):
        analyze(stakeholders.filter_graph(graph, kinds=["airstrike"]))
    with pytest.raises(stakeholders.DataError, match="^no relations to analyse: the dataset has none$"):
        analyze(signed_map(actors="ab"))


def test_the_israel_druze_government_triangle_is_unbalanced(syria):
    # Israel protects the Druze, who distrust the government, which negotiates
    # with Israel (the latest signed relation of that pair): + - +.
    report = analyze(stakeholders.to_graph(syria))
    [triangle] = [t for t in report["balance"]["triangle_list"] if t["actors"] == ["druze", "israel", "syrian-government"]]
    assert triangle == {"actors": ["druze", "israel", "syrian-government"], "signs": [1, -1, 1], "strict": False, "weak": False}


def _networkx_figure(graph, name, weighting):
    """What networkx itself gives for betweenness or closeness, on the same ties, a tie's distance 1 / weight.

    The distances are exact fractions of the weights as written (0.6 is 3/5): two routes of 3 x 5/3 and 5 are
    equally short. In floating point they differ in the last bit, and networkx's own float run would count one
    route only; igraph, which the tool uses, compares path lengths within a relative 1e-10 and counts both."""
    from fractions import Fraction

    import networkx as nx

    from stakeholders.analysis.ties import tie_graph

    tied = tie_graph(graph, weighting)
    nx.set_edge_attributes(tied, {(u, v): 1 / Fraction(str(round(w, 9))) for u, v, w in tied.edges(data="weight")}, "distance")
    if name == "betweenness":
        return {actor: float(value) for actor, value in nx.betweenness_centrality(tied, weight="distance").items()}
    return {actor: float(value) for actor, value in nx.closeness_centrality(tied, distance="distance").items()}


def _maps():
    """The shipped map and synthetic ones: parallel relations, isolated actors and several components, skewed degrees."""
    from bench.synth import generate

    yield "syria", stakeholders.load(SYRIA)
    for seed, (actors, relations) in enumerate([(40, 60), (80, 300), (150, 400)], 1):
        data = generate(actors, relations, seed=seed)
        for n, relation in enumerate(data["relations"]):
            relation["weight"] = [0.2, 0.3, 0.6, 0.7, 0.9, 1.0][n % 6]  # distances 5, 3.33..., 1.66..., 1.42..., 1.11..., 1
        yield f"synthetic-{actors}-{relations}", stakeholders.from_dict(data)


@pytest.mark.parametrize("name", ["betweenness", "closeness"])
@pytest.mark.parametrize("weighting", ["none", "intensity", "goldstein"])
def test_igraph_gives_networkx_figures_on_every_map(name, weighting):
    # Same normalisation (networkx's normalized=True; closeness scaled by the share reached), one tie per pair
    # however many relations it has, a tie's distance 1 / its summed weight.
    for label, dataset in _maps():
        graph = stakeholders.to_graph(dataset)
        ours, theirs = node_metric(graph, name, weighting), _networkx_figure(graph, name, weighting)
        assert sorted(ours) == sorted(theirs), label
        assert any(value > 0 for value in ours.values()), label  # a figure that could be wrong
        for actor, value in theirs.items():
            assert ours[actor] == pytest.approx(value, rel=1e-9, abs=1e-12), (label, actor)


def test_an_isolated_actor_and_a_pair_apart_score_as_in_networkx():
    graph = signed_map(("a", "support", "b"), ("b", "support", "c"), ("d", "hostility", "e"))  # f: no relation
    for name in ("betweenness", "closeness"):
        ours, theirs = node_metric(graph, name), _networkx_figure(graph, name, "none")
        assert ours == pytest.approx(theirs), name
    assert node_metric(graph, "closeness")["f"] == 0.0 and node_metric(graph, "betweenness")["b"] > 0

