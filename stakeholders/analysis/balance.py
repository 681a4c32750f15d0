"""The signed network: friend or enemy per pair, structural balance, two camps.

Each pair of actors gets one sign from its cooperative (+1) and hostile (-1)
relations, by a rule from ``figures.SIGN_RULES``; neutral relations (structural:
leads, part-of...) carry no sign and play no part here. On that signed pair
graph (undirected, one sign per pair):

- a triangle is strictly balanced (Cartwright-Harary) when the product of its
  signs is positive, weakly balanced (Davis) unless exactly two signs are positive;
- the two camps are the split of the signed actors that frustrates the fewest
  pairs (cooperation across camps, hostility within one). With up to
  ``EXACT_LIMIT`` actors every split is tried; above, a heuristic searches.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping
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
    found = []
    for a in sorted(signed):
        later = sorted(n for n in signed[a] if n > a)
        for i, b in enumerate(later):
            for c in later[i + 1 :]:
                if signed.has_edge(b, c):
                    found.append(Triangle((a, b, c), (signed[a][b]["sign"], signed[a][c]["sign"], signed[b][c]["sign"])))
    return found


@dataclass(frozen=True)
class Split:
    """The best two-camp split found.

    ``camps`` maps each signed actor to 0 or 1 (camp 0 is the larger, or on equal
    sizes the one holding the first actor id); ``exact`` says whether every split
    was tried (``searched`` splits, of which ``optimal`` reach the minimum), else
    ``searched`` counts the heuristic's restarts and ``optimal`` is None.
    """

    camps: dict[str, int]
    frustration: int
    exact: bool
    searched: int
    optimal: int | None


def best_split(signed: nx.Graph, seed: int = 0) -> Split:
    """The two camps that leave the fewest signed pairs frustrated.

    Exact up to ``EXACT_LIMIT`` actors: every split is tried, in Gray-code order
    so each step moves one actor, and the first best one is kept. Above, a
    heuristic: colour each component from a random root by following the signs of
    a breadth-first spanning tree (which frustrates none of the tree's ties), move
    single actors while that lowers frustration, and keep the best of ``RESTARTS``
    runs seeded by ``seed``.
    """
    actors = sorted(signed)
    if len(actors) <= EXACT_LIMIT:
        side, frustration, searched, optimal = _exhaustive(signed, actors)
        return Split(_orient(actors, side), frustration, True, searched, optimal)
    rng = random.Random(seed)
    runs = [_improve(signed, actors, _tree_colouring(signed, actors, rng)) for _ in range(RESTARTS)]
    side = min(runs, key=lambda run: _frustration(signed, run))
    return Split(_orient(actors, [side[a] for a in actors]), _frustration(signed, side), False, RESTARTS, None)


def _exhaustive(signed: nx.Graph, actors: list[str]) -> tuple[list[int], int, int, int]:
    # Bit i of ``side`` is the camp of actors[i]; actor 0 stays in camp 0, which
    # halves the search (swapping the camps changes nothing).
    index = {a: i for i, a in enumerate(actors)}
    full = (1 << len(actors)) - 1
    friends = [0] * len(actors)
    enemies = [0] * len(actors)
    for u, v, sign in signed.edges(data="sign"):
        masks = friends if sign > 0 else enemies
        masks[index[u]] |= 1 << index[v]
        masks[index[v]] |= 1 << index[u]
    degree = [(f | e).bit_count() for f, e in zip(friends, enemies, strict=True)]
    side = 0
    frustration = sum(1 for _, _, sign in signed.edges(data="sign") if sign < 0)
    best, best_side, optimal = frustration, side, 1
    searched = 1 << max(len(actors) - 1, 0)
    for step in range(1, searched):
        i = (step & -step).bit_length()  # the Gray code's changing bit, shifted past actor 0
        same = side if side >> i & 1 else full ^ side
        crossed = (friends[i] & ~same).bit_count() + (enemies[i] & same).bit_count()
        frustration += degree[i] - 2 * crossed
        side ^= 1 << i
        if frustration < best:
            best, best_side, optimal = frustration, side, 1
        elif frustration == best:
            optimal += 1
    return [best_side >> i & 1 for i in range(len(actors))], best, searched, optimal


def _tree_colouring(signed: nx.Graph, actors: list[str], rng: random.Random) -> dict[str, int]:
    side: dict[str, int] = {}
    roots = actors[:]
    rng.shuffle(roots)
    for root in roots:
        if root in side:
            continue
        side[root] = 0
        queue = deque([root])
        while queue:
            actor = queue.popleft()
            neighbours = sorted(signed[actor])
            rng.shuffle(neighbours)
            for other in neighbours:
                if other not in side:
                    side[other] = side[actor] if signed[actor][other]["sign"] > 0 else 1 - side[actor]
                    queue.append(other)
    return side


def _crossed(signed: nx.Graph, actor: str, camp: int, side: Mapping[str, int]) -> int:
    """How many of the actor's signed pairs are frustrated with the actor in ``camp``."""
    return sum(1 for other, attrs in signed[actor].items() if (side[other] == camp) != (attrs["sign"] > 0))


def _improve(signed: nx.Graph, actors: list[str], side: dict[str, int]) -> dict[str, int]:
    moved = True
    while moved:
        moved = False
        for actor in actors:
            if _crossed(signed, actor, 1 - side[actor], side) < _crossed(signed, actor, side[actor], side):
                side[actor] = 1 - side[actor]
                moved = True
    return side


def _frustration(signed: nx.Graph, side: Mapping[str, int]) -> int:
    return sum(1 for u, v, sign in signed.edges(data="sign") if (side[u] == side[v]) != (sign > 0))


def _orient(actors: list[str], side: list[int]) -> dict[str, int]:
    ones = sum(side)
    if ones * 2 > len(actors) or (ones * 2 == len(actors) and side and side[0] == 1):
        side = [1 - s for s in side]
    return dict(zip(actors, side, strict=True))


def camps(graph: nx.MultiDiGraph, rule: str = "latest", seed: int = 0) -> dict[str, int]:
    """Camp 0 or 1 of each actor with a signed tie; actors without one are absent."""
    return best_split(signed_graph(graph, rule), seed).camps


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
