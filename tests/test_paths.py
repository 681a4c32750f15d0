"""Paths, neighbourhoods, mediators and timelines through the Python API.

The small maps are drawn in the comments so every expected answer can be
worked out by hand; the Syria answers can be checked against the article.
"""

import networkx as nx
import pytest

import stakeholders
from bench.synth import generate
from stakeholders import UsageError
from stakeholders.errors import NoPathError
from stakeholders.questions.mediators import find_mediators
from stakeholders.questions.neighbors import neighborhood
from stakeholders.questions.network import build_network
from stakeholders.questions.paths import find_paths, search
from stakeholders.questions.timeline import timeline


def _relation(rid, source, kind, target, **more):
    return {"id": rid, "source": source, "target": target, "kind": kind, **more}


@pytest.fixture(scope="module")
def square():
    # a =support,sanctions=> b -support-> c -negotiation- e
    # a -aid-> d <-attack- c ; d -leads-> e
    return stakeholders.from_dict(
        {
            "actors": [{"id": x, "name": x.upper(), "type": "state"} for x in "abcde"],
            "relations": [
                _relation("r1", "a", "support", "b"),
                _relation("r2", "a", "sanctions", "b"),
                _relation("r3", "b", "support", "c"),
                _relation("r4", "a", "aid", "d"),
                _relation("r5", "c", "attack", "d"),
                _relation("r6", "c", "negotiation", "e"),
                _relation("r7", "d", "leads", "e"),
            ],
        }
    )


def _chains(paths):
    return ["".join(p.actors) for p in paths]


def test_shortest_path_by_default(square):
    assert _chains(find_paths(square, "a", "e")) == ["ade"]


def test_all_paths_shortest_first_then_by_id(square):
    assert _chains(find_paths(square, "A", "E", all_paths=True, max_hops=4)) == ["ade", "abce", "adce", "abcde"]
    assert _chains(find_paths(square, "a", "e", all_paths=True, max_hops=4, limit=2)) == ["ade", "abce"]
    assert _chains(find_paths(square, "a", "e", all_paths=True)) == ["ade", "abce", "adce"]  # default 3 hops


def test_directed_follows_arrows_and_undirected_relations_both_ways(square):
    assert _chains(find_paths(square, "a", "e", all_paths=True, max_hops=4, directed=True)) == ["ade", "abce", "abcde"]
    with pytest.raises(NoPathError, match=r"^no path from E to B within 4 hops \(following arrows\)$"):
        find_paths(square, "e", "b", directed=True, all_paths=True, max_hops=4)


def test_parallel_relations_make_one_hop(square):
    path = find_paths(square, "a", "e", all_paths=True, max_hops=3)[1]
    assert [[r.id for r in hop.relations] for hop in path.hops] == [["r1", "r2"], ["r3"], ["r6"]]
    assert [hop.direction(r) for hop in path.hops for r in hop.relations] == ["forward", "forward", "forward", "undirected"]
    backwards = find_paths(square, "e", "a", all_paths=True, max_hops=3)[1]
    assert backwards.actors == ("e", "c", "b", "a")
    assert [backwards.hops[2].direction(r) for r in backwards.hops[2].relations] == ["backward", "backward"]


def test_many_parallel_relations_are_never_enumerated():
    data = stakeholders.from_dict(
        {
            "actors": [{"id": x, "name": x, "type": "state"} for x in ("p", "q", "r")],
            "relations": [_relation(f"s{i:02d}", "p", "sanctions", "q") for i in range(40)] + [_relation("t", "q", "aid", "r")],
        }
    )
    paths = find_paths(data, "p", "r", all_paths=True, max_hops=4)
    assert len(paths) == 1
    assert len(paths[0].hops[0].relations) == 40


def test_filters_polarity_kinds_and_exclusions(square):
    assert _chains(find_paths(square, "a", "e", polarity="cooperative")) == ["abce"]
    assert _chains(find_paths(square, "a", "e", exclude_kinds=["leads"])) == ["abce", "adce"]
    path = find_paths(square, "a", "b", polarity="hostile")[0]
    assert [r.id for r in path.hops[0].relations] == ["r2"]


def test_no_path_names_the_filters(square):
    with pytest.raises(NoPathError) as caught:
        find_paths(square, "a", "e", polarity="hostile")
    assert str(caught.value) == "no path between A and E (polarity: hostile)"
    assert caught.value.exit_code == 1
    with pytest.raises(NoPathError, match=r"^no path from E to A within 2 hops \(following arrows\)$"):
        find_paths(square, "e", "a", all_paths=True, max_hops=2, directed=True)
    with pytest.raises(NoPathError, match=r"^no path between A and E within 1 hop$"):
        find_paths(square, "a", "e", max_hops=1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kinds": ["aid"], "exclude_kinds": ["aid"]}, "no relation kind left: every kind chosen is also excluded (aid)"),
        ({"exclude_kinds": ["aidd"]}, 'unknown relation kind "aidd"; closest known kinds: aid'),
        ({"limit": 0}, "limit must be at least 1, not 0"),
        ({"max_hops": 0}, "max hops must be at least 1, not 0"),
    ],
)
def test_impossible_requests_are_usage_errors(square, kwargs, message):
    with pytest.raises(UsageError) as caught:
        find_paths(square, "a", "e", **kwargs)
    assert str(caught.value) == message


def test_same_actor_twice(square):
    with pytest.raises(UsageError, match=r'^"a" and "A" are the same actor \(A\)$'):
        find_paths(square, "a", "A")


def test_search_matches_networkx_on_a_synthetic_map():
    data = stakeholders.from_dict(generate(150, 300, seed=3))
    network = build_network(data, directed=True)
    multi = stakeholders.to_graph(data)
    # The same question for networkx: undirected relations walked both ways.
    multi.add_edges_from((v, u, k, d) for u, v, k, d in list(multi.edges(keys=True, data=True)) if not d["directed"])
    total = 0
    for a, b in [("a000010", "a000040"), ("a000055", "a000003"), ("a000001", "a000002"), ("a000120", "a000007")]:
        ours = list(search(network, a, b, all_paths=True, max_hops=4))
        assert len(ours) == len(set(ours))
        assert ours == sorted(ours, key=len)
        assert set(ours) == {tuple(p) for p in nx.all_simple_paths(multi, a, b, cutoff=4)}
        total += len(ours)
    assert total > 10


def test_a_graph_can_be_searched_and_its_filters_add_up(syria):
    graph = stakeholders.to_graph(syria, polarity="hostile")
    path = find_paths(graph, "israel", "the Druze")[0]
    assert path.actors == ("israel", "syrian-government", "druze")
    with pytest.raises(NoPathError, match=r"^no path between Israel and Druze \(polarity: hostile; as of 2024\)$"):
        find_paths(graph, "israel", "druze", as_of="2024")


def test_syria_al_sharaa_to_the_united_kingdom(syria):
    # "the UK government lifting sanctions on a dozen Syrian entities, including government departments"
    (path,) = find_paths(syria, "al-sharaa", "united kingdom")
    assert path.actors == ("al-sharaa", "syrian-government", "united-kingdom")
    assert [[r.id for r in hop.relations] for hop in path.hops] == [["al-sharaa-leads-government"], ["uk-lifts-sanctions-government"]]


def test_syria_hts_to_israel_within_three_hops(syria):
    paths = find_paths(syria, "HTS", "Israel", all_paths=True, max_hops=3)
    assert [p.actors for p in paths] == [
        ("hts", "al-sharaa", "druze", "israel"),
        ("hts", "al-sharaa", "syrian-government", "israel"),
        ("hts", "assad", "syria", "israel"),
        ("hts", "united-states", "syrian-government", "israel"),
    ]
    talks = paths[1].hops[2]
    assert [r.id for r in talks.relations] == ["syria-israel-indirect-talks", "syria-israel-hostilities"]


def test_syria_israel_to_the_druze_through_hostility(syria):
    # "escalating hostilities" with Syria; the Druze "express fears of persecution".
    (path,) = find_paths(syria, "israel", "druze", polarity="hostile")
    assert path.actors == ("israel", "syrian-government", "druze")
    assert [r.kind for hop in path.hops for r in hop.relations] == ["hostility", "distrust"]


def test_neighborhood_groups_by_distance_and_polarity(square):
    found = neighborhood(square, "a", depth=2)
    assert [(n.actor, n.distance, n.polarity) for n in found.neighbors] == [
        ("d", 1, "cooperative"),
        ("b", 1, "hostile"),  # support and sanctions, both undated: summed by magnitude, the sanctions weigh more
        ("e", 2, "neutral"),
        ("c", 2, "mixed"),
    ]
    c = found.neighbors[3]
    assert [(h.source, [r.id for r in h.relations]) for h in c.hops] == [("b", ["r3"]), ("d", ["r5"])]
    assert [n.actor for n in neighborhood(square, "c", directed=True).neighbors] == ["e", "d"]


def test_neighborhood_depth_must_be_positive(square):
    with pytest.raises(UsageError, match="^depth must be at least 1, not 0$"):
        neighborhood(square, "a", depth=0)


@pytest.fixture(scope="module")
def brokers():
    # x and y are tied cooperatively to both A and B (y less surely); m to A and
    # to k, k to B; h is hostile to both; the talks between A and B go via y.
    return stakeholders.from_dict(
        {
            "actors": [{"id": i, "name": i.upper(), "type": "state"} for i in ("a", "b", "x", "y", "m", "k", "h")],
            "relations": [
                _relation("xa", "x", "support", "a"),
                _relation("xb", "x", "support", "b"),
                _relation("ya", "y", "mediation", "a", confidence=0.5),
                _relation("yb", "y", "mediation", "b"),
                _relation("ma", "m", "aid", "a"),
                _relation("mk", "m", "alliance", "k"),
                _relation("kb", "k", "aid", "b"),
                _relation("ha", "h", "attack", "a"),
                _relation("hb", "h", "attack", "b"),
                _relation("talks", "a", "negotiation", "b", mode="indirect", via=["y"]),
            ],
        }
    )


def test_mediators_are_ranked_by_tier_then_score(brokers):
    found = find_mediators(brokers, "a", "b")
    assert [(c.actor, c.tier, c.score) for c in found.candidates] == [("x", 1, 1.0), ("y", 1, 0.5), ("k", 2, 1.0), ("m", 2, 1.0)]
    assert [p.actors for p in found.candidates[2].paths] == [("a", "m", "k", "b")]
    assert sorted(r.id for r in found.candidates[0].relations) == ["xa", "xb"]
    assert [(via, r.id) for via, r in found.recorded] == [("y", "talks")]


def test_mediators_follow_the_date_filter(brokers):
    found = find_mediators(brokers, "a", "b", exclude_kinds=["support"])
    assert [c.actor for c in found.candidates] == ["y", "k", "m"]
    assert found.filters == ["excluding kinds: support"]


def test_syria_mediators_between_the_government_and_israel(syria):
    # "there are indirect talks through mediators"
    found = find_mediators(syria, "syrian government", "israel")
    assert [(c.actor, c.tier) for c in found.candidates] == [("mediators", 1)]
    assert [r.id for r in found.candidates[0].relations] == ["mediators-syria", "mediators-israel"]
    assert [(via, r.id) for via, r in found.recorded] == [("mediators", "syria-israel-indirect-talks")]


def test_timeline_of_al_sharaa(syria):
    # In office from January 2025; in Paris on the day of the article.
    assert [r.id for r in timeline(syria, "al-sharaa")] == [
        "al-sharaa-leads-forces",
        "al-sharaa-leads-government",
        "al-sharaa-visits-france",
        "al-sharaa-hts",
        "pledge-alawites",
        "pledge-christians",
        "pledge-druze",
    ]


def test_timeline_window(syria):
    # The standing hostility is known from a report of 2025-05-07, so it holds from then on.
    assert [r.id for r in timeline(syria, "israel", until="2025-03")] == []
    assert [r.id for r in timeline(syria, "israel", until="2025-05")][-1] == "syria-israel-hostilities"
    assert [r.id for r in timeline(syria, "israel", since="2025-05", polarity="hostile")] == [
        "israel-airstrikes-syria",
        "syria-israel-hostilities",
    ]
    assert [r.id for r in timeline(syria, since="2024-12", until="2024-12", kinds=["ousted"])] == ["hts-ousts-assad", "hts-ousts-assad-regime"]
    with pytest.raises(UsageError, match="^the since date 2025-06 is after the until date 2025-01$"):
        timeline(syria, since="2025-06", until="2025-01")
