"""One tie per pair of actors: the relations of a pair collapsed into one edge.

Centrality and communities ask who is tied to whom, not how many relations a
pair has. A weighting (see ``figures.WEIGHTINGS``) says how strongly a pair is
tied; a tie whose weight comes to 0 (a structural tie under ``goldstein``, or
relations of intensity 0) is no tie at all, so it adds nothing to any figure and
is never a route.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..graph import kinds_of
from ..holds import magnitude
from ..model import RelationKind
from .choices import WEIGHTINGS, check_choice


def relation_weight(attrs: Mapping[str, Any], weighting: str, kinds: Mapping[str, RelationKind]) -> float:
    """What one relation adds to its pair's tie under ``weighting``.

    Under ``goldstein``, a signed relation weighs its kind's Goldstein magnitude
    (never 0: see ``holds.magnitude``) and a neutral one nothing, its own polarity
    winning over its kind's.
    """
    if weighting == "intensity":
        return 1.0 if attrs["weight"] is None else float(attrs["weight"])
    if weighting == "goldstein":
        return magnitude(kinds[attrs["kind"]]) if attrs["polarity"] else 0.0
    return 1.0


def tie_graph(
    graph: nx.MultiDiGraph, weighting: str = "none", *, directed: bool = False, polarity: int | None = None
) -> nx.Graph:
    """The actors of ``graph`` (all kept, in id order) with one tie per pair.

    ``directed`` gives one arc per ordered pair, an undirected relation tying both
    ways; otherwise one edge per unordered pair. Each tie's ``weight`` is 1 under
    the ``none`` weighting, else the sum over its relations; ``polarity`` keeps
    only relations of that polarity. Self-ties are left out.
    """
    check_choice(weighting, WEIGHTINGS, "weighting")
    kinds = kinds_of(graph)
    sums: dict[tuple[str, str], float] = {}
    for source, target, attrs in graph.edges(data=True):
        if source == target or (polarity is not None and attrs["polarity"] != polarity):
            continue
        ends = [(source, target)]
        if not directed:
            ends = [(min(source, target), max(source, target))]
        elif not attrs["directed"]:
            ends.append((target, source))
        for pair in ends:
            sums[pair] = sums.get(pair, 0.0) + relation_weight(attrs, weighting, kinds)
    tied = nx.DiGraph() if directed else nx.Graph()
    tied.add_nodes_from(sorted(graph))
    tied.add_weighted_edges_from(
        (u, v, 1.0 if weighting == "none" else total) for (u, v), total in sorted(sums.items()) if total > 0
    )
    return tied
