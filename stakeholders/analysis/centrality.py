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

from typing import Any

import networkx as nx

from .choices import METRICS, check_choice
from .ties import tie_graph

_DIRECTED = frozenset({"in-degree", "out-degree", "pagerank"})
#: Figures in reports are rounded to this many decimals, so the text and JSON agree.
DECIMALS = 4


def node_metric(graph: nx.MultiDiGraph, name: str, weighting: str = "none") -> dict[str, float]:
    """The centrality ``name`` (see ``figures.METRICS``) of every actor of ``graph``, by actor id."""
    check_choice(name, METRICS, "metric")
    tied = tie_graph(graph, weighting, directed=name in _DIRECTED)
    if not tied:
        return {}
    if name in ("betweenness", "closeness"):
        nx.set_edge_attributes(tied, {(u, v): 1.0 / w for u, v, w in tied.edges(data="weight")}, "distance")
    if name == "degree":
        values = dict(tied.degree(weight="weight"))
    elif name == "in-degree":
        values = dict(tied.in_degree(weight="weight"))
    elif name == "out-degree":
        values = dict(tied.out_degree(weight="weight"))
    elif name == "betweenness":
        values = nx.betweenness_centrality(tied, weight="distance")
    elif name == "closeness":
        values = nx.closeness_centrality(tied, distance="distance")
    elif name == "eigenvector":
        values = nx.eigenvector_centrality(tied, weight="weight", max_iter=1000)
        top = max(values.values())
        values = {actor: value / top for actor, value in values.items()}
    else:
        values = nx.pagerank(tied, weight="weight")
    return {actor: float(values[actor]) for actor in sorted(values)}


def cooperative_ties(graph: nx.MultiDiGraph, weighting: str = "none") -> nx.Graph:
    """The cooperative ties blocs are found in, without the actors they leave untied."""
    tied = tie_graph(graph, weighting, polarity=1)
    tied.remove_nodes_from([actor for actor, degree in tied.degree if degree == 0])
    return tied


def blocs(graph: nx.MultiDiGraph, seed: int = 0, weighting: str = "none") -> list[list[str]]:
    """Louvain communities of the cooperative ties: largest first, members in id order.

    Actors without a cooperative tie belong to none.
    """
    cooperative = cooperative_ties(graph, weighting)
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
