"""Who matters on the map: centrality figures and cooperative blocs.

Every figure is computed on the collapsed actor graph (``ties.tie_graph``: one
tie per pair, weighted by a ``figures.WEIGHTINGS`` choice), so neutral,
structural relations (leads, part-of) count here, unlike in ``balance``.
Betweenness and closeness read a tie's weight as closeness of the two actors:
their distance is 1 / weight, so a heavier tie is a shorter route.

Degree, betweenness, closeness and eigenvector centrality look at ties both ways;
in-degree, out-degree and PageRank follow them in their direction (an undirected
relation ties both ways).

The report that puts these together with the balance figures and their
explanations is ``report.analyze``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..lazy import igraph as load_igraph
from .choices import METRICS, WEIGHTINGS, check_choice
from .ties import tie_graph

_DIRECTED = frozenset({"in-degree", "out-degree", "pagerank"})
#: Figures in reports are rounded to this many decimals, so the text and JSON agree.
DECIMALS = 4


def node_metric(graph: nx.MultiDiGraph, name: str, weighting: str = "none") -> dict[str, float]:
    """The centrality ``name`` (see ``figures.METRICS``) of every actor of ``graph``, by actor id."""
    check_choice(name, METRICS, "metric")
    return metric_of(tie_graph(graph, weighting, directed=is_directed(name)), name)


def is_directed(name: str) -> bool:
    """Whether the metric ``name`` follows ties in their direction (its tie graph is ``tie_graph(directed=True)``)."""
    return name in _DIRECTED


def metric_of(tied: nx.Graph, name: str) -> dict[str, float]:
    """The centrality ``name`` on a tie graph made for it (see ``is_directed``), left as it is:
    a report computing every figure makes the two tie graphs once."""
    if not tied:
        return {}
    if name in ("betweenness", "closeness"):
        values = _by_routes(tied, name)
    elif name == "degree":
        values = dict(tied.degree(weight="weight"))
    elif name == "in-degree":
        values = dict(tied.in_degree(weight="weight"))
    elif name == "out-degree":
        values = dict(tied.out_degree(weight="weight"))
    elif name == "eigenvector":
        values = nx.eigenvector_centrality(tied, weight="weight", max_iter=1000)
        top = max(values.values())
        values = {actor: value / top for actor, value in values.items()}
    else:
        values = nx.pagerank(tied, weight="weight")
    return {actor: float(values[actor]) for actor in sorted(values)}


def _routes(tied: nx.Graph) -> tuple[Any, list[str], list[float] | None]:
    """The undirected ``tied`` graph as igraph's, its actors in order, and each tie's distance (1 / weight);
    no distances when every tie is as long (the default weighting): the same routes, found breadth-first."""
    igraph = load_igraph()
    actors = list(tied)
    index = {actor: i for i, actor in enumerate(actors)}
    ties = igraph.Graph(n=len(actors), edges=[(index[u], index[v]) for u, v in tied.edges()])
    distances = [1.0 / weight for *_, weight in tied.edges(data="weight")]
    return ties, actors, None if all(d == 1.0 for d in distances) else distances


def _betweenness_scale(n: int) -> float:
    # igraph counts each pair of ends once; networkx both ways round, over (n - 1)(n - 2).
    return 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0


def _by_routes(tied: nx.Graph, name: str) -> dict[str, float]:
    """Betweenness or closeness of the undirected ``tied`` graph, a tie's distance being 1 / its weight,
    computed by igraph and scaled as networkx scales them (``normalized=True``; closeness with
    ``wf_improved``: an actor reaching few others scores low). networkx's are pure Python: 317 s of
    betweenness and 162 s of closeness on a map of 3,529 actors from 200,000 events, where igraph
    takes 2 s and 1 s; a test checks the two agree."""
    ties, actors, weights = _routes(tied)
    n = len(actors)
    if name == "betweenness":
        scale = _betweenness_scale(n)
        return {actor: value * scale for actor, value in zip(actors, ties.betweenness(directed=False, weights=weights), strict=True)}
    # igraph: 1 / the mean distance to the actors reached (NaN for an actor reaching none); networkx also
    # weighs it by the share of all others reached.
    components = ties.connected_components()
    reached = components.sizes()
    size = [reached[c] for c in components.membership]
    closeness = ties.closeness(weights=weights, normalized=True)
    return {
        actor: 0.0 if size[i] < 2 or math.isnan(value) else value * (size[i] - 1) / (n - 1)
        for i, (actor, value) in enumerate(zip(actors, closeness, strict=True))
    }


@dataclass(frozen=True)
class Sample:
    """How a sampled betweenness was estimated: from ``sources`` of ``actors`` actors, drawn with ``seed``;
    ``errors`` holds each actor's standard error, on the scale of the figure."""

    sources: int
    actors: int
    seed: int
    errors: dict[str, float]


def sampled_betweenness(graph: nx.MultiDiGraph, sources: int, weighting: str = "none", seed: int = 0) -> tuple[dict[str, float], Sample | None]:
    """Betweenness estimated from the routes out of ``sources`` actors drawn at random (Brandes and Pich's
    pivots, without replacement), for maps too big for the exact figure; ``None`` for the sample when
    ``sources`` covers every actor and the figure is exact.

    Each actor's betweenness is a sum over every actor of the routes out of it that pass through the
    actor; the estimate scales the sum over the drawn ones by actors / sources, and its standard error
    comes from their spread (with the finite-population correction: it is 0 when every actor is drawn)."""
    check_choice(weighting, WEIGHTINGS, "weighting")
    return betweenness_of(tie_graph(graph, weighting), sources, seed)


def betweenness_of(tied: nx.Graph, sources: int, seed: int = 0) -> tuple[dict[str, float], Sample | None]:
    """``sampled_betweenness`` on an undirected tie graph already made."""
    n = len(tied)
    if sources >= n:
        return metric_of(tied, "betweenness"), None
    ties, actors, weights = _routes(tied)
    drawn = sorted(random.Random(seed).sample(range(n), sources))
    # One run per source: igraph's betweenness from that source alone (the runs add up to the whole figure).
    totals, squares = [0.0] * n, [0.0] * n
    for source in drawn:
        for i, value in enumerate(ties.betweenness(directed=False, weights=weights, sources=[source])):
            totals[i] += value
            squares[i] += value * value
    scale = _betweenness_scale(n)
    values, errors = {}, {}
    for i, actor in enumerate(actors):
        mean = totals[i] / sources
        spread = max(0.0, (squares[i] - sources * mean * mean) / (sources - 1)) if sources > 1 else 0.0
        values[actor] = n * mean * scale
        errors[actor] = n * math.sqrt(spread / sources * (n - sources) / (n - 1)) * scale
    order = sorted(values)
    return {a: values[a] for a in order}, Sample(sources, n, seed, {a: errors[a] for a in order})


def cooperative_ties(graph: nx.MultiDiGraph, weighting: str = "none") -> nx.Graph:
    """The cooperative ties blocs are found in, without the actors they leave untied."""
    tied = tie_graph(graph, weighting, polarity=1)
    tied.remove_nodes_from([actor for actor, degree in tied.degree if degree == 0])
    return tied


def blocs(graph: nx.MultiDiGraph, seed: int = 0, weighting: str = "none") -> list[list[str]]:
    """Louvain communities of the cooperative ties: largest first, members in id order.

    Actors without a cooperative tie belong to none.
    """
    return louvain(cooperative_ties(graph, weighting), seed)


def louvain(cooperative: nx.Graph, seed: int = 0) -> list[list[str]]:
    """``blocs`` of cooperative ties already made (``cooperative_ties``)."""
    if not cooperative.number_of_edges():
        return []
    found = nx.community.louvain_communities(cooperative, weight="weight", seed=seed)
    return sorted((sorted(bloc) for bloc in found), key=lambda bloc: (-len(bloc), bloc[0]))


def communities(graph: nx.MultiDiGraph, seed: int = 0, weighting: str = "none") -> dict[str, int]:
    """The bloc number (from 1, as every output numbers them: see ``groups``) of each actor with a cooperative tie."""
    from .groups import bloc_groups

    return {actor: group.number for group in bloc_groups(graph, seed, weighting) for actor in group.members}


def ranking(values: dict[str, float], graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Actors by decreasing value (ties by name, then id), with competition ranks (1, 2, 2, 4)."""
    rows = sorted(
        ({"actor": actor, "name": graph.nodes[actor]["label"], "value": round(value, DECIMALS)} for actor, value in values.items()),
        key=lambda row: (-row["value"], row["name"].casefold(), row["actor"]),
    )
    for position, row in enumerate(rows):
        same = position and rows[position - 1]["value"] == row["value"]
        row["rank"] = rows[position - 1]["rank"] if same else position + 1
    return rows
