"""The signed network: friend or enemy per pair, structural balance, two camps.

Each pair of actors gets one sign, its state (``holds.pair_state``, by a rule
from ``choices.SIGN_RULES``); neutral relations carry no sign and play no part in
the balance figures. On that signed pair graph (undirected, one sign per pair):

- a triangle is strictly balanced (Cartwright-Harary) when the product of its
  signs is positive, weakly balanced (Davis) unless exactly two signs are positive;
- the two camps are the split of the signed actors that frustrates the fewest
  pairs (cooperation across camps, hostility within one). Relations of a kind
  that *aligns* its ends (leads, member-of, part-of) are no signed ties, but they
  keep both ends on the same side: a leader stands with what it leads. With up to
  ``EXACT_LIMIT`` groups of aligned actors every split is tried; above, a
  heuristic searches.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import networkx as nx

from ..holds import pair_state
from ..model import Relation
from .choices import SIGN_RULES, check_choice

#: Most signed actors for which every two-camp split is tried (2 ** (n - 1) splits).
EXACT_LIMIT = 20
#: Seeded restarts of the heuristic above ``EXACT_LIMIT``.
RESTARTS = 10


def signed_graph(graph: nx.MultiDiGraph, rule: str = "latest") -> nx.Graph:
    """The signed pair graph: actors with a signed tie, one edge per signed pair.

    Edge attributes: ``sign`` (+1 or -1) and ``relations`` (relation id to its
    polarity, for the pair's cooperative and hostile relations). A pair whose
    relations cancel out under the rule gets no edge.
    """
    check_choice(rule, SIGN_RULES, "sign rule")
    dataset = graph.graph["dataset"]
    kinds, spans, records = dataset.kinds_by_id, dataset.spans, dataset.relations_by_id
    behind: dict[tuple[str, str], list[Relation]] = {}
    for source, target, key in graph.edges(keys=True):
        if source != target and records[key].polarity:
            behind.setdefault((min(source, target), max(source, target)), []).append(records[key])
    signed = nx.Graph()
    for (u, v), relations in sorted(behind.items()):
        sign = pair_state(relations, kinds, spans, rule)
        if sign:
            signed.add_edge(u, v, sign=sign, relations={r.id: r.polarity for r in sorted(relations, key=lambda r: r.id)})
    return signed


@dataclass(frozen=True)
class Triangle:
    """Three actors (in id order) pairwise signed; ``signs`` of ab, ac, bc."""

    actors: tuple[str, str, str]
    signs: tuple[int, int, int]

    @property
    def strict(self) -> bool:
        return self.signs[0] * self.signs[1] * self.signs[2] > 0

    @property
    def weak(self) -> bool:
        return self.signs.count(1) != 2


def triangles(signed: nx.Graph) -> list[Triangle]:
    """Every triangle of the signed pair graph, in actor id order."""
    return [Triangle((a, b, c), signs) for a, b, c, signs in triangle_signs(signed)]


def triangle_signs(signed: nx.Graph) -> Iterator[tuple[str, str, str, tuple[int, int, int]]]:
    """``triangles`` as plain tuples, made as they are met: a map from event data has half a million triangles,
    and a report that shows a few counts the rest without keeping them."""
    # The signs as plain dicts: networkx's adjacency views cost more than the search itself.
    signs = {u: {v: attrs["sign"] for v, attrs in others.items()} for u, others in signed.adjacency()}
    for a in sorted(signs):
        row = signs[a]
        later = sorted(n for n in row if n > a)
        for i, b in enumerate(later):
            row_b = signs[b]
            for c in later[i + 1 :]:
                sign_bc = row_b.get(c)
                if sign_bc is not None:
                    yield a, b, c, (row[b], row[c], sign_bc)


@dataclass(frozen=True)
class Split:
    """The best two-camp split found.

    ``camps`` maps each actor in the split (the signed actors and those aligned
    with them) to 0 or 1 (camp 0 is the larger, or on equal sizes the one holding
    the first actor id); ``aligned`` groups the actors kept on one side by
    aligning relations. ``exact`` says whether every split was tried
    (``searched`` splits, of which ``optimal`` reach the minimum: unconnected parts
    of the map may face either way, so each further part doubles it), else
    ``searched`` counts the heuristic's restarts and ``optimal`` is None.
    """

    camps: dict[str, int]
    frustration: int
    exact: bool
    searched: int
    optimal: int | None
    aligned: tuple[tuple[str, ...], ...] = ()


def aligned_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The actors tied by a relation of an aligning kind, one edge per pair, with the relation ids behind it."""
    dataset = graph.graph["dataset"]
    kinds, records = dataset.kinds_by_id, dataset.relations_by_id
    aligned = nx.Graph()
    for source, target, key in graph.edges(keys=True):
        if source != target and kinds[records[key].kind].aligns:
            if aligned.has_edge(source, target):
                aligned[source][target]["relations"].append(key)
            else:
                aligned.add_edge(source, target, relations=[key])
    return aligned


def _groups(signed: nx.Graph, aligned: nx.Graph | None) -> list[list[str]]:
    """Actors that must share a side: aligned components that hold a signed actor, and lone signed actors; by first id."""
    together = nx.Graph()
    together.add_nodes_from(signed)
    if aligned is not None:
        together.add_edges_from(aligned.edges)
    found = [sorted(c) for c in nx.connected_components(together) if any(a in signed for a in c)]
    return sorted(found)


def best_split(signed: nx.Graph, seed: int = 0, aligned: nx.Graph | None = None) -> Split:
    """The two camps that leave the fewest signed pairs frustrated, aligned actors kept together.

    Exact up to ``EXACT_LIMIT`` groups (an aligned group, or a signed actor on its
    own): every split is tried, in Gray-code order so each step moves one group,
    and the first best one is kept. Above, a heuristic: colour each component
    from a random root by following the signs of a breadth-first spanning tree,
    move single groups while that lowers frustration, and keep the best of
    ``RESTARTS`` runs seeded by ``seed``.
    """
    groups = _groups(signed, aligned)
    contracted, inside = _contract(signed, groups)
    if len(groups) <= EXACT_LIMIT:
        sides, frustration, searched, optimal = _exhaustive(contracted, len(groups))
        exact = True
    else:
        rng = random.Random(seed)
        neighbours = _neighbours(contracted)
        runs = [_improve(neighbours, _tree_colouring(contracted, rng)) for _ in range(RESTARTS)]
        best = min(runs, key=lambda run: _frustration(contracted, run))
        sides, frustration, searched, optimal = [best[g] for g in range(len(groups))], _frustration(contracted, best), RESTARTS, None
        exact = False
    camps = {actor: side for group, side in zip(groups, sides, strict=True) for actor in group}
    kept = tuple(tuple(group) for group in groups if len(group) > 1)
    return Split(_orient(camps), frustration + inside, exact, searched, optimal, kept)


def _contract(signed: nx.Graph, groups: list[list[str]]) -> tuple[nx.Graph, int]:
    """The graph of groups: each edge counts the ``friends`` and ``enemies`` between two groups;
    and the hostile pairs inside groups, frustrated whatever the split."""
    group_of = {actor: g for g, group in enumerate(groups) for actor in group}
    contracted = nx.Graph()
    contracted.add_nodes_from(range(len(groups)))
    inside = 0
    for u, v, sign in signed.edges(data="sign"):
        g, h = group_of[u], group_of[v]
        if g == h:
            inside += sign < 0
            continue
        if not contracted.has_edge(g, h):
            contracted.add_edge(g, h, friends=0, enemies=0)
        contracted[g][h]["friends" if sign > 0 else "enemies"] += 1
    return contracted, inside


def _exhaustive(contracted: nx.Graph, count: int) -> tuple[list[int], int, int, int]:
    # Bit i of ``side`` is the camp of group i; group 0 stays in camp 0, which
    # halves the search (swapping the camps changes nothing). Two groups may be
    # joined by several ties, so a group's ties are bit masks by multiplicity
    # (level k holds the groups joined by more than k friendly, or hostile, ties):
    # a step costs a few popcounts whatever the multiplicities.
    full = (1 << count) - 1
    levels: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    frustration = 0
    for g, h, attrs in contracted.edges(data=True):
        frustration += attrs["enemies"]  # everyone starts in camp 0: every hostile tie is frustrated
        for group, other in ((g, h), (h, g)):
            _add(levels[group], 1 << other, attrs["friends"], attrs["enemies"])
    side = 0
    best, best_side, optimal = frustration, side, 1
    searched = 1 << max(count - 1, 0)
    for step in range(1, searched):
        i = (step & -step).bit_length()  # the Gray code's changing bit, shifted past group 0
        same = side if side >> i & 1 else full ^ side
        apart = full ^ same
        # Moving group i mends its frustrated ties and breaks the others.
        for friends, enemies in levels[i]:
            frustration += (friends & same).bit_count() - (enemies & same).bit_count()
            frustration += (enemies & apart).bit_count() - (friends & apart).bit_count()
        side ^= 1 << i
        if frustration < best:
            best, best_side, optimal = frustration, side, 1
        elif frustration == best:
            optimal += 1
            # Of equally good splits, the first in group order (groups go by actor id) with the
            # earlier groups in camp 0: the same whatever else the map holds, not whichever the
            # Gray code met first, which shifts when an unrelated actor is added.
            if _reversed(side, count) < _reversed(best_side, count):
                best_side = side
    return [best_side >> i & 1 for i in range(count)], best, searched, optimal


def _reversed(side: int, count: int) -> int:
    """``side`` with group 0 as its highest bit, so that comparing numbers compares the groups in order."""
    return int(format(side, f"0{count}b")[::-1], 2) if count else 0


def _add(levels: list[tuple[int, int]], bit: int, friends: int, enemies: int) -> None:
    """Count ``friends`` and ``enemies`` ties to the group ``bit`` stands for into the masks by multiplicity."""
    for level in range(max(friends, enemies)):
        if level == len(levels):
            levels.append((0, 0))
        f, e = levels[level]
        levels[level] = (f | bit if level < friends else f, e | bit if level < enemies else e)


def _tree_colouring(contracted: nx.Graph, rng: random.Random) -> dict[int, int]:
    side: dict[int, int] = {}
    roots = sorted(contracted)
    rng.shuffle(roots)
    for root in roots:
        if root in side:
            continue
        side[root] = 0
        queue = deque([root])
        while queue:
            group = queue.popleft()
            neighbours = sorted(contracted[group])
            rng.shuffle(neighbours)
            for other in neighbours:
                if other not in side:
                    attrs = contracted[group][other]
                    side[other] = side[group] if attrs["friends"] >= attrs["enemies"] else 1 - side[group]
                    queue.append(other)
    return side


def _neighbours(contracted: nx.Graph) -> list[list[tuple[int, int, int]]]:
    """Each group's neighbours as (group, friends, enemies), by group number: the heuristic reads them
    hundreds of thousands of times on a big map, and networkx's views would cost most of its time."""
    return [[(other, attrs["friends"], attrs["enemies"]) for other, attrs in contracted[group].items()] for group in range(len(contracted))]


def _improve(neighbours: list[list[tuple[int, int, int]]], side: dict[int, int]) -> dict[int, int]:
    """Move single groups, in group order, while a move frustrates fewer of its pairs than staying."""
    moved = True
    while moved:
        moved = False
        for group, others in enumerate(neighbours):
            camp, stay, move = side[group], 0, 0
            for other, friends, enemies in others:
                if side[other] == camp:
                    stay, move = stay + enemies, move + friends
                else:
                    stay, move = stay + friends, move + enemies
            if move < stay:
                side[group] = 1 - camp
                moved = True
    return side


def _frustration(contracted: nx.Graph, side: Mapping[int, int]) -> int:
    return sum(attrs["enemies"] if side[g] == side[h] else attrs["friends"] for g, h, attrs in contracted.edges(data=True))


def _orient(camps: dict[str, int]) -> dict[str, int]:
    actors = sorted(camps)
    ones = sum(camps.values())
    if ones * 2 > len(actors) or (ones * 2 == len(actors) and actors and camps[actors[0]] == 1):
        return {actor: 1 - camps[actor] for actor in actors}
    return {actor: camps[actor] for actor in actors}


def camps(graph: nx.MultiDiGraph, rule: str = "latest", seed: int = 0) -> dict[str, int]:
    """The camp (1 or 2, as numbered in every output) of each actor with a signed tie, or aligned with one."""
    from .groups import camp_groups

    return {actor: group.number for group in camp_groups(graph, rule, seed) for actor in group.members}


@dataclass(frozen=True)
class FrustratedTie:
    """A signed pair at odds with the split, and its relations whose polarity disagrees with it."""

    actors: tuple[str, str]
    sign: int
    camps: tuple[int, int]
    relations: tuple[str, ...]


def frustrated_ties(signed: nx.Graph, split: Split) -> list[FrustratedTie]:
    """The pairs with cooperation across the camps or hostility within one, in actor id order."""
    found = []
    for u, v in sorted(tuple(sorted(edge)) for edge in signed.edges):
        attrs = signed[u][v]
        where = (split.camps[u], split.camps[v])
        if (where[0] == where[1]) != (attrs["sign"] > 0):
            behind = tuple(k for k, polarity in attrs["relations"].items() if polarity == attrs["sign"])
            found.append(FrustratedTie((u, v), attrs["sign"], where, behind))
    return found


def bridges(signed: nx.Graph, split: Split) -> list[str]:
    """Actors with cooperative ties into both camps, in id order."""
    return [
        actor
        for actor in sorted(signed)
        if {split.camps[other] for other, attrs in signed[actor].items() if attrs["sign"] > 0} == {0, 1}
    ]
