"""The signed network on small maps whose answers are worked out by hand."""

import networkx as nx
import pytest

import stakeholders
from stakeholders.analysis.balance import EXACT_LIMIT, best_split, bridges, camps, frustrated_ties, signed_graph, triangles


def signed_map(*relations: tuple, actors: str = "abcdef") -> nx.MultiDiGraph:
    """A graph of actors named by single letters; each relation is (source, kind, target, extra fields)."""
    records = []
    for source, kind, target, *extra in relations:
        records.append({"source": source, "kind": kind, "target": target, **(extra[0] if extra else {})})
    people = [{"id": letter, "name": letter.upper(), "type": "state"} for letter in actors]
    return stakeholders.to_graph(stakeholders.from_dict({"actors": people, "relations": records}))


def signs(graph: nx.MultiDiGraph, rule: str = "latest") -> dict[tuple[str, str], int]:
    return {tuple(sorted((u, v))): sign for u, v, sign in signed_graph(graph, rule).edges(data="sign")}


def test_a_balanced_triangle():
    # Two friends against a common enemy: + - -, product positive.
    graph = signed_map(("a", "alliance", "b"), ("a", "hostility", "c"), ("b", "hostility", "c"))
    [triangle] = triangles(signed_graph(graph))
    assert (triangle.actors, triangle.signs, triangle.strict, triangle.weak) == (("a", "b", "c"), (1, -1, -1), True, True)


def test_an_unbalanced_triangle():
    # a is friends with b and c, who are enemies: + + -, unbalanced either way.
    graph = signed_map(("a", "alliance", "b"), ("a", "alliance", "c"), ("b", "hostility", "c"))
    [triangle] = triangles(signed_graph(graph))
    assert (triangle.signs, triangle.strict, triangle.weak) == ((1, 1, -1), False, False)


def test_an_all_hostile_triangle_is_weakly_but_not_strictly_balanced():
    graph = signed_map(("a", "hostility", "b"), ("a", "hostility", "c"), ("b", "hostility", "c"))
    [triangle] = triangles(signed_graph(graph))
    assert (triangle.signs, triangle.strict, triangle.weak) == ((-1, -1, -1), False, True)


def test_neutral_relations_carry_no_sign():
    graph = signed_map(("a", "leads", "b"), ("a", "part-of", "c"), ("b", "alliance", "c"))
    assert signs(graph) == {("b", "c"): 1}
    assert sorted(signed_graph(graph)) == ["b", "c"]


def test_a_relation_marked_neutral_carries_no_sign_whatever_its_kind():
    graph = signed_map(("a", "recognition", "b", {"polarity": "neutral"}))
    assert signs(graph) == {}


def test_latest_rule_takes_the_most_recent_signed_relation():
    # The talks of 2025-05 come after the airstrike of 2025-04; undated hostility counts as oldest.
    graph = signed_map(
        ("a", "airstrike", "b", {"start": "2025-04"}),
        ("a", "negotiation", "b", {"start": "2025-05"}),
        ("a", "hostility", "b"),
        ("c", "negotiation", "d", {"start": "2025-01"}),
        ("c", "sanctions", "d", {"end": "2025-03"}),
    )
    assert signs(graph, "latest") == {("a", "b"): 1, ("c", "d"): -1}


def test_latest_rule_sums_relations_tied_for_most_recent_by_goldstein():
    # Same month: negotiation +7 and airstrike -10 sum to -3.
    graph = signed_map(("a", "negotiation", "b", {"start": "2025-05"}), ("a", "airstrike", "b", {"start": "2025-05"}))
    assert signs(graph, "latest") == {("a", "b"): -1}


def test_goldstein_rule_sums_every_signed_relation():
    # a-b: negotiation +7, hostility -5, distrust -2 sum to 0, so the pair gets no
    # sign (nor under latest, where the three undated relations tie). c-d:
    # negotiation +7 and hostility -5 sum to +2, though the hostility is later.
    graph = signed_map(
        ("a", "negotiation", "b"),
        ("a", "hostility", "b"),
        ("b", "distrust", "a"),
        ("c", "negotiation", "d", {"start": "2025-01"}),
        ("c", "hostility", "d", {"start": "2025-06"}),
    )
    assert signs(graph, "goldstein") == {("c", "d"): 1}
    assert signs(graph, "latest") == {("c", "d"): -1}


def test_an_unknown_sign_rule_is_a_usage_error():
    with pytest.raises(stakeholders.UsageError, match='^unknown sign rule "lastest"; did you mean "latest"\\?$'):
        signed_graph(signed_map(), "lastest")


def two_camps_with_one_frustrated_tie() -> nx.MultiDiGraph:
    # Camps {a, b, c} and {d, e}: friends within, enemies across; the one
    # cooperative tie across (c pledges to d) cannot be satisfied by any split
    # without frustrating two or more other ties.
    return signed_map(
        ("a", "alliance", "b"),
        ("b", "alliance", "c"),
        ("a", "alliance", "c"),
        ("d", "alliance", "e"),
        ("a", "hostility", "d"),
        ("b", "hostility", "e"),
        ("c", "hostility", "e"),
        ("c", "pledge", "d", {"id": "c-pledges-d"}),
    )


def test_two_camps_with_one_frustrated_tie():
    graph = two_camps_with_one_frustrated_tie()
    signed = signed_graph(graph)
    split = best_split(signed)
    assert split.camps == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1}
    assert (split.frustration, split.exact, split.searched, split.optimal) == (1, True, 16, 1)
    [tie] = frustrated_ties(signed, split)
    assert (tie.actors, tie.sign, tie.camps, tie.relations) == (("c", "d"), 1, (0, 1), ("c-pledges-d",))
    assert bridges(signed, split) == ["c", "d"]
    assert camps(graph) == {actor: side + 1 for actor, side in split.camps.items()}  # numbered from 1, the larger first


def test_hostility_within_a_camp_lists_only_the_hostile_relations():
    # a and b are both friends of c, yet a attacked b: one tie must be frustrated,
    # and the first best split keeps the three together. The pair's sign comes
    # from the attack (latest); its talks agree with the split and are not listed.
    graph = signed_map(
        ("a", "alliance", "c"),
        ("b", "alliance", "c"),
        ("a", "negotiation", "b", {"start": "2025-01", "id": "talks"}),
        ("a", "attack", "b", {"start": "2025-02", "id": "strike"}),
    )
    signed = signed_graph(graph)
    split = best_split(signed)
    [tie] = frustrated_ties(signed, split)
    assert (tie.actors, tie.sign, tie.camps, tie.relations) == (("a", "b"), -1, (0, 0), ("strike",))


def test_a_balanced_map_splits_without_frustration_and_the_larger_camp_is_camp_0():
    graph = signed_map(("a", "hostility", "b"), ("b", "alliance", "c"), ("a", "hostility", "c"))
    split = best_split(signed_graph(graph))
    assert (split.camps, split.frustration, split.optimal) == ({"a": 1, "b": 0, "c": 0}, 0, 1)


def test_equal_camps_put_the_first_actor_in_camp_0():
    split = best_split(signed_graph(signed_map(("b", "hostility", "a"))))
    assert split.camps == {"a": 0, "b": 1}


def test_an_all_hostile_triangle_has_three_best_splits():
    graph = signed_map(("a", "hostility", "b"), ("a", "hostility", "c"), ("b", "hostility", "c"))
    split = best_split(signed_graph(graph))
    assert (split.frustration, split.searched, split.optimal) == (1, 4, 3)


def ring(size: int, hostile: set[int]) -> nx.Graph:
    """A ring of ``size`` actors, tie i joining actor i and i + 1, hostile where listed."""
    signed = nx.Graph()
    for i in range(size):
        signed.add_edge(f"x{i:02d}", f"x{(i + 1) % size:02d}", sign=-1 if i in hostile else 1, relations={})
    return signed


def test_the_exact_search_stops_at_the_limit():
    # A ring with one hostile tie can never be balanced: exactly one tie is frustrated,
    # and any of the ring's ties may be the one.
    at_limit = best_split(ring(EXACT_LIMIT, {0}))
    assert (at_limit.exact, at_limit.searched, at_limit.frustration, at_limit.optimal) == (True, 2 ** (EXACT_LIMIT - 1), 1, EXACT_LIMIT)


def test_above_the_limit_a_heuristic_finds_the_minimum_on_a_ring():
    # Two hostile ties on a ring of 30 can be balanced: the ring splits into two arcs.
    split = best_split(ring(30, {4, 19}), seed=3)
    assert (split.exact, split.searched, split.optimal, split.frustration) == (False, 10, None, 0)
    assert sorted(a for a, camp in split.camps.items() if camp == 1) == [f"x{i:02d}" for i in range(5, 20)]
