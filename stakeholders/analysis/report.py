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
from ..model import Dataset, Relation
from .balance import Triangle, aligned_graph, best_split, bridges, frustrated_ties, signed_graph, triangle_signs
from .centrality import DECIMALS, betweenness_of, cooperative_ties, is_directed, louvain, metric_of, ranking
from .choices import EXPLANATIONS, METRICS, SIGN_RULES, WEIGHTINGS, check_choice
from .groups import Group, numbered, split_groups
from .ties import tie_graph


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, DECIMALS) if whole else None


def analyze(
    data: Dataset | nx.MultiDiGraph,
    *,
    weighting: str = "none",
    sign_rule: str = "latest",
    seed: int = 0,
    top: int | None = None,
    sample: int | None = None,
    **criteria: Unpack[Criteria],
) -> dict[str, Any]:
    """The whole report as plain data (what ``stakeholders analyze --format json`` prints).

    ``data`` is a dataset or a graph from ``to_graph``; ``criteria`` are the
    filters every entry point takes (see ``Criteria``). ``top`` keeps only what
    a report of that many rows shows (the text report): the first ``top``
    triangles that are not strictly balanced, frustrated ties and camp members'
    reasons; every count and ranking stays whole. ``sample`` estimates betweenness
    from that many source actors drawn with ``seed`` (``centrality.sampled_betweenness``):
    the figure then says so under ``sample``, and each row has its ``standard_error``.
    Raises ``UsageError``
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
    # Each tie graph made once: every figure reads one of them, and on a map from event data each takes a second.
    ties = {directed: tie_graph(graph, weighting, directed=directed) for directed in (False, True)}
    plain = ties[False] if weighting == "none" else tie_graph(graph)
    # Groups are ordered and named by degree, whatever the weighting: how many actors each is tied to.
    degree = metric_of(plain, "degree")
    return {
        "name": graph.graph.get("name"),
        "title": graph.graph.get("title"),
        "filters": filters,
        "weighting": weighting,
        "weighting_rule": WEIGHTINGS[weighting],
        "actors": graph.number_of_nodes(),
        "relations": graph.number_of_edges(),
        "tied_pairs": plain.number_of_edges(),
        "names": {actor: graph.nodes[actor]["label"] for actor in sorted(graph)},
        "centrality": {name: _figure(graph, ties, name, sample, seed) for name in METRICS},
        "blocs": _blocs_report(graph, seed, weighting, degree),
        **_signed_report(graph, sign_rule, seed, degree, top),
    }


def _figure(graph: nx.MultiDiGraph, ties: Mapping[bool, nx.Graph], name: str, sample: int | None, seed: int) -> dict[str, Any]:
    """A centrality with its explanation and ranking; betweenness estimated when ``sample`` is given
    (a sample that covers every actor gives the exact figure, and the report says nothing of it)."""
    drawn = None
    if name == "betweenness" and sample is not None:
        values, drawn = betweenness_of(ties[False], sample, seed)
    else:
        values = metric_of(ties[is_directed(name)], name)
    rows = ranking(values, graph)
    if drawn is None:
        return {"explanation": METRICS[name], "ranking": rows}
    for row in rows:
        row["standard_error"] = round(drawn.errors[row["actor"]], DECIMALS)
    estimate = {"sources": drawn.sources, "actors": drawn.actors, "seed": drawn.seed, "largest_standard_error": max(r["standard_error"] for r in rows)}
    return {"explanation": METRICS[name], "sample": estimate, "ranking": rows}


def _group_json(group: Group) -> dict[str, Any]:
    return {"number": group.number, "name": group.name, "members": list(group.members)}


def _blocs_report(graph: nx.MultiDiGraph, seed: int, weighting: str, degree: Mapping[str, float]) -> dict[str, Any]:
    cooperative = cooperative_ties(graph, weighting)
    found = louvain(cooperative, seed)
    modularity = nx.community.modularity(cooperative, found, weight="weight") if found else None
    members = {actor for bloc in found for actor in bloc}
    return {
        "explanation": EXPLANATIONS["communities"],
        "seed": seed,
        "blocs": [_group_json(group) for group in numbered(found, graph, degree)],
        "modularity": None if modularity is None else round(modularity, DECIMALS),
        "modularity_explanation": EXPLANATIONS["modularity"],
        "without_cooperative_ties": sorted(actor for actor in graph if actor not in members),
    }


def _signed_report(graph: nx.MultiDiGraph, sign_rule: str, seed: int, degree: Mapping[str, float], top: int | None) -> dict[str, Any]:
    signed = signed_graph(graph, sign_rule)
    aligned = aligned_graph(graph)
    count = strict = weak = 0
    listed = []
    for a, b, c, signs in triangle_signs(signed):
        count += 1
        triangle = Triangle((a, b, c), signs)
        strict += triangle.strict
        weak += triangle.weak
        if top is None or (not triangle.strict and len(listed) < top):
            listed.append({"actors": [a, b, c], "signs": list(signs), "strict": triangle.strict, "weak": triangle.weak})
    pairs = signed.number_of_edges()
    cooperative = sum(1 for *_, sign in signed.edges(data="sign") if sign > 0)
    split = best_split(signed, seed, aligned)
    groups = split_groups(split, graph, degree)
    number = {actor: group.number for group in groups for actor in group.members}
    balance = {
        "sign_rule": sign_rule,
        "sign_rule_explanation": SIGN_RULES[sign_rule],
        "explanation": EXPLANATIONS["signed_pairs"],
        "signed_actors": signed.number_of_nodes(),
        "signed_pairs": pairs,
        "cooperative_pairs": cooperative,
        "hostile_pairs": pairs - cooperative,
        "triangles": count,
        "strict": {"balanced": strict, "share": _share(strict, count), "explanation": EXPLANATIONS["strict"]},
        "weak": {"balanced": weak, "share": _share(weak, count), "explanation": EXPLANATIONS["weak"]},
        "triangle_list": listed,
    }
    together = nx.Graph(aligned.subgraph(number))
    together.add_edges_from(signed.edges)
    dataset = graph.graph["dataset"]
    camps = {
        "explanation": EXPLANATIONS["camps"],
        "method": "exact" if split.exact else "heuristic",
        "method_explanation": EXPLANATIONS["exact" if split.exact else "heuristic"],
        "searched": split.searched,
        "optimal_splits": split.optimal,
        "camps": [{**_group_json(group), "reasons": _reasons(group, number, signed, aligned, dataset, top)} for group in groups],
        "aligned": [list(group) for group in split.aligned],
        "aligned_explanation": EXPLANATIONS["aligned"],
        "components": sorted((sorted(group) for group in nx.connected_components(together)), key=lambda group: (-len(group), group[0])),
        "components_explanation": EXPLANATIONS["components"],
        "frustration": split.frustration,
        "frustration_share": _share(split.frustration, pairs),
        "frustration_explanation": EXPLANATIONS["frustration"],
        "frustrated": [
            {
                "actors": list(t.actors),
                "sign": t.sign,
                "camps": [number[a] for a in t.actors],
                "relations": list(t.relations),
                "evidence": [_evidence(dataset.relations_by_id[r], dataset) for r in t.relations],
            }
            for t in frustrated_ties(signed, split)[:top]
        ],
        "frustrated_explanation": EXPLANATIONS["frustrated"],
        "bridges": bridges(signed, split),
        "bridges_explanation": EXPLANATIONS["bridges"],
    }
    return {"balance": balance, "camps": camps}


def _reasons(
    group: Group, number: Mapping[str, int], signed: nx.Graph, aligned: nx.Graph, dataset: Dataset, top: int | None
) -> dict[str, list[dict[str, Any]]]:
    """For each member (the first ``top``, if given), the ties that put it on its side: cooperation within
    the camp, hostility across, and the aligning relations that keep it with others."""
    found: dict[str, list[dict[str, Any]]] = {}
    for actor in group.members[:top]:
        ties = []
        for other in sorted(signed[actor]) if actor in signed else ():
            sign = signed[actor][other]["sign"]
            if (number[other] == group.number) == (sign > 0):
                ties.append({"tie": "cooperative" if sign > 0 else "hostile", "with": other})
        for other in sorted(aligned[actor]) if actor in aligned else ():
            if other in number:
                kinds = sorted({dataset.relations_by_id[r].kind for r in aligned[actor][other]["relations"]})
                ties.append({"tie": "aligned", "with": other, "kinds": kinds})
        found[actor] = ties
    return found


def _evidence(relation: Relation, dataset: Dataset) -> dict[str, Any]:
    """A relation as a reader checks it: its ends, kind, dates and first quote."""
    first = relation.evidence[0] if relation.evidence else None
    return {
        "relation": relation.id,
        "source": relation.source,
        "target": relation.target,
        "kind": relation.kind,
        "quote": first.quote if first else None,
        "cited": dataset.sources_by_id[first.source].title if first else None,
    }


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
    bloc_of = {actor: bloc["number"] for bloc in report["blocs"]["blocs"] for actor in bloc["members"]}
    camp_of = {actor: camp["number"] for camp in report["camps"]["camps"] for actor in camp["members"]}
    bridging = set(report["camps"]["bridges"])
    yield _csv_line(["actor", "name", "type", *METRICS, "bloc", "camp", "bridge"])
    for actor, name in report["names"].items():
        figures = [f"{values[metric][actor]:g}" for metric in METRICS]
        bridge = "true" if actor in bridging else "false"
        yield _csv_line([actor, name, graph.nodes[actor]["type"], *figures, bloc_of.get(actor, ""), camp_of.get(actor, ""), bridge])
