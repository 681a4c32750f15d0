"""The whole network report: centrality, blocs, structural balance and camps, explained.

``analyze`` gives what ``stakeholders analyze --format json`` prints and
``generate_report_csv`` the lines of ``--format csv``, so Python users get the
command's figures without going through it. The figures themselves come from
``centrality`` and ``balance``; this module puts them together with the
sentence that says how to read each one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Unpack

import networkx as nx

from ..errors import DataError, UsageError
from ..filters import Criteria
from ..graph import graph_of
from ..model import Dataset
from .balance import best_split, bridges, frustrated_ties, signed_graph, triangles
from .centrality import DECIMALS, blocs, cooperative_ties, node_metric, ranking
from .choices import EXPLANATIONS, METRICS, SIGN_RULES, WEIGHTINGS, check_choice
from .ties import tie_graph


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, DECIMALS) if whole else None


def analyze(
    data: Dataset | nx.MultiDiGraph,
    *,
    weighting: str = "none",
    sign_rule: str = "latest",
    seed: int = 0,
    **criteria: Unpack[Criteria],
) -> dict[str, Any]:
    """The whole report as plain data (what ``stakeholders analyze --format json`` prints).

    ``data`` is a dataset or a graph from ``to_graph``; ``criteria`` are the
    filters every entry point takes (see ``Criteria``). Raises ``UsageError``
    when the filters leave no relation, ``DataError`` when the dataset has none
    to start with.
    """
    graph = graph_of(data, **criteria)
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
    modularity = nx.community.modularity(cooperative_ties(graph, weighting), found, weight="weight") if found else None
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


def _csv_line(cells: Sequence[object]) -> str:
    # "\n", not csv's default "\r\n": the command has always printed Unix lines.
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def generate_report_csv(report: Mapping[str, Any], graph: nx.MultiDiGraph) -> Iterator[str]:
    """What ``stakeholders analyze --format csv`` prints, line by line: the header, then one row per actor.

    A row holds every centrality, the actor's bloc and camp (empty when it has
    none) and whether it bridges the camps. ``report`` is ``analyze(graph, ...)``;
    the graph gives the actor types, which the report leaves out.
    """
    values = {name: {row["actor"]: row["value"] for row in figure["ranking"]} for name, figure in report["centrality"].items()}
    bloc_of = {actor: number for number, bloc in enumerate(report["blocs"]["blocs"]) for actor in bloc}
    camp_of = {actor: number for number, camp in enumerate(report["camps"]["camps"]) for actor in camp}
    bridging = set(report["camps"]["bridges"])
    yield _csv_line(["actor", "name", "type", *METRICS, "bloc", "camp", "bridge"])
    for actor, name in report["names"].items():
        figures = [f"{values[metric][actor]:g}" for metric in METRICS]
        bridge = "true" if actor in bridging else "false"
        yield _csv_line([actor, name, graph.nodes[actor]["type"], *figures, bloc_of.get(actor, ""), camp_of.get(actor, ""), bridge])
