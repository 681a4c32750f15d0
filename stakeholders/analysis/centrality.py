"""Who matters on the map: centrality, cooperative blocs, and the whole report.

Every figure is computed on the collapsed actor graph (``ties.tie_graph``: one
tie per pair, weighted by a ``figures.WEIGHTINGS`` choice), so neutral,
structural relations (leads, part-of) count here, unlike in ``balance``.
Betweenness and closeness read a tie's weight as closeness of the two actors:
their distance is 1 / weight, so a heavier tie is a shorter route.

Degree, betweenness, closeness and eigenvector centrality look at ties both ways;
in-degree, out-degree and PageRank follow them in their direction (an undirected
relation ties both ways).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..errors import DataError, UsageError
from .balance import best_split, bridges, frustrated_ties, signed_graph, triangles
from .choices import EXPLANATIONS, METRICS, SIGN_RULES, WEIGHTINGS, check_choice
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


def _cooperative(graph: nx.MultiDiGraph, weighting: str) -> nx.Graph:
    tied = tie_graph(graph, weighting, polarity=1)
    tied.remove_nodes_from([actor for actor, degree in tied.degree if degree == 0])
    return tied


def blocs(graph: nx.MultiDiGraph, seed: int = 0, weighting: str = "none") -> list[list[str]]:
    """Louvain communities of the cooperative ties: largest first, members in id order.

    Actors without a cooperative tie belong to none.
    """
    cooperative = _cooperative(graph, weighting)
    if not cooperative.number_of_edges():
        return []
    found = nx.community.louvain_communities(cooperative, weight="weight", seed=seed)
    return sorted((sorted(bloc) for bloc in found), key=lambda bloc: (-len(bloc), bloc[0]))


def communities(graph: nx.MultiDiGraph, seed: int = 0, weighting: str = "none") -> dict[str, int]:
    """The bloc number (0 for the largest) of each actor with a cooperative tie; the others are absent."""
    return {actor: number for number, bloc in enumerate(blocs(graph, seed, weighting)) for actor in bloc}


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


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, DECIMALS) if whole else None


def analyze(graph: nx.MultiDiGraph, *, weighting: str = "none", sign_rule: str = "latest", seed: int = 0) -> dict[str, Any]:
    """The whole report as plain data (what ``stakeholders analyze --format json`` prints).

    Raises ``UsageError`` when the filters leave no relation, ``DataError`` when
    the dataset has none to start with.
    """
    check_choice(weighting, WEIGHTINGS, "weighting")
    check_choice(sign_rule, SIGN_RULES, "sign rule")
    filters = list(graph.graph.get("filters", []))
    if not graph.number_of_edges():
        if filters:
            raise UsageError(f"no relations to analyse after the filters ({'; '.join(filters)})")
        raise DataError("no relations to analyse: the dataset has none")
    return {
        "name": graph.graph.get("name"),
        "title": graph.graph.get("title"),
        "filters": filters,
        "weighting": weighting,
        "weighting_rule": WEIGHTINGS[weighting],
        "actors": graph.number_of_nodes(),
        "relations": graph.number_of_edges(),
        "tied_pairs": tie_graph(graph).number_of_edges(),
        "names": {actor: graph.nodes[actor]["label"] for actor in sorted(graph)},
        "centrality": {
            name: {"explanation": explanation, "ranking": ranking(node_metric(graph, name, weighting), graph)}
            for name, explanation in METRICS.items()
        },
        "blocs": _blocs_report(graph, seed, weighting),
        **_signed_report(graph, sign_rule, seed),
    }


def _blocs_report(graph: nx.MultiDiGraph, seed: int, weighting: str) -> dict[str, Any]:
    found = blocs(graph, seed, weighting)
    modularity = nx.community.modularity(_cooperative(graph, weighting), found, weight="weight") if found else None
    members = {actor for bloc in found for actor in bloc}
    return {
        "explanation": EXPLANATIONS["communities"],
        "seed": seed,
        "blocs": found,
        "modularity": None if modularity is None else round(modularity, DECIMALS),
        "modularity_explanation": EXPLANATIONS["modularity"],
        "without_cooperative_ties": sorted(actor for actor in graph if actor not in members),
    }


def _signed_report(graph: nx.MultiDiGraph, sign_rule: str, seed: int) -> dict[str, Any]:
    signed = signed_graph(graph, sign_rule)
    found = triangles(signed)
    strict = sum(t.strict for t in found)
    weak = sum(t.weak for t in found)
    pairs = signed.number_of_edges()
    cooperative = sum(1 for *_, sign in signed.edges(data="sign") if sign > 0)
    split = best_split(signed, seed)
    balance = {
        "sign_rule": sign_rule,
        "sign_rule_explanation": SIGN_RULES[sign_rule],
        "explanation": EXPLANATIONS["signed_pairs"],
        "signed_actors": signed.number_of_nodes(),
        "signed_pairs": pairs,
        "cooperative_pairs": cooperative,
        "hostile_pairs": pairs - cooperative,
        "triangles": len(found),
        "strict": {"balanced": strict, "share": _share(strict, len(found)), "explanation": EXPLANATIONS["strict"]},
        "weak": {"balanced": weak, "share": _share(weak, len(found)), "explanation": EXPLANATIONS["weak"]},
        "triangle_list": [
            {"actors": list(t.actors), "signs": list(t.signs), "strict": t.strict, "weak": t.weak} for t in found
        ],
    }
    camps = {
        "explanation": EXPLANATIONS["camps"],
        "method": "exact" if split.exact else "heuristic",
        "method_explanation": EXPLANATIONS["exact" if split.exact else "heuristic"],
        "searched": split.searched,
        "optimal_splits": split.optimal,
        "camps": [sorted(a for a, camp in split.camps.items() if camp == side) for side in (0, 1)],
        "components": sorted((sorted(group) for group in nx.connected_components(signed)), key=lambda group: (-len(group), group[0])),
        "components_explanation": EXPLANATIONS["components"],
        "frustration": split.frustration,
        "frustration_share": _share(split.frustration, pairs),
        "frustration_explanation": EXPLANATIONS["frustration"],
        "frustrated": [
            {"actors": list(t.actors), "sign": t.sign, "camps": list(t.camps), "relations": list(t.relations)}
            for t in frustrated_ties(signed, split)
        ],
        "frustrated_explanation": EXPLANATIONS["frustrated"],
        "bridges": bridges(signed, split),
        "bridges_explanation": EXPLANATIONS["bridges"],
    }
    return {"balance": balance, "camps": camps}
