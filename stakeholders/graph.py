"""The dataset as a networkx ``MultiDiGraph``, and the filters every command shares.

Nodes are actor ids; edges are relations, keyed by relation id, from ``source``
to ``target`` (an undirected relation is stored once, with ``directed=False``).
Parallel relations between the same pair stay separate edges.

Node attributes: ``label`` (name), ``type``, ``country``, ``aliases`` (list),
``description``, ``tags`` (list), ``start`` and ``end`` (``YYYY[-MM[-DD]]``
strings or None).

Edge attributes are the relation's fields: ``kind``, ``polarity`` (-1, 0, 1),
``directed``, ``mode``, ``via``, ``status``, ``start`` and ``end`` (``PartialDate``
or None), ``weight``, ``confidence``, ``evidence``... In a graph from ``to_graph``
an edge's attribute dict *is* its ``Relation``'s ``__dict__``, not a copy: on a
map of 100,000 relations, copies cost as much as the rest of the graph, and the
record is what every reader wants. So writing an edge attribute writes the
record; networkx copies (``graph.copy()``, ``subgraph(...).copy()``) and the
graphs of ``filter_graph`` and ``focus_graph`` hold copies. What a relation's kind
says (``label``, ``goldstein``, ``cameo``, ``plover``, ``family``, ``color``) is
held once per kind, in ``kinds_of(graph)``. ``relation_attributes`` gives an
edge's attributes as exporters write them: dates as text, with its kind's.

``graph.graph`` holds ``name``, ``title``, ``filters`` (a description of the
filters applied) and ``dataset`` (the ``Dataset``, for the full records).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Unpack

import networkx as nx

from .collector import collector_paused
from .dates import date_text
from .filters import Criteria, Filters
from .model import Actor, Dataset, Relation, RelationKind
from .vocabulary import kind_color


def node_attributes(actor: Actor) -> dict[str, Any]:
    return {
        "label": actor.name,
        "type": actor.type,
        "country": actor.country,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "tags": list(actor.tags),
        "start": date_text(actor.start),
        "end": date_text(actor.end),
    }


def kinds_of(graph: nx.MultiDiGraph) -> dict[str, RelationKind]:
    """Every relation kind in force for the graph's dataset, by id."""
    return graph.graph["dataset"].kinds_by_id  # type: ignore[no-any-return]


def relation_attributes(attrs: Mapping[str, Any], relation: Relation, kind: RelationKind) -> dict[str, Any]:
    """An edge's attributes as exporters write them, in this order: dates as text, with its kind's and an ``evidence_count``."""
    return {
        "kind": attrs["kind"],
        "label": kind.display,
        "polarity": attrs["polarity"],
        "directed": attrs["directed"],
        "mode": attrs["mode"],
        "via": list(relation.via),
        "status": attrs["status"],
        "start": date_text(attrs["start"]),
        "end": date_text(attrs["end"]),
        "weight": attrs["weight"],
        "confidence": attrs["confidence"],
        "goldstein": kind.goldstein,
        "cameo": kind.cameo,
        "plover": kind.plover,
        "family": kind.family,
        "color": kind_color(kind),
        "evidence_count": len(relation.evidence),
    }


def to_graph(dataset: Dataset, **criteria: Unpack[Criteria]) -> nx.MultiDiGraph:
    """Build the graph of a resolved dataset, keeping what the filters allow (see ``Criteria``)."""
    filters = Filters.make(dataset, **criteria)
    graph = nx.MultiDiGraph(name=dataset.name, title=dataset.meta.title, filters=filters.describe(dataset), dataset=dataset)
    with collector_paused():
        actors, relations = filters.select(dataset)
        graph.add_nodes_from((a.id, node_attributes(a)) for a in actors)
        _add_relations(graph, relations)
    return graph


def _add_relations(graph: nx.MultiDiGraph, relations: Iterable[Relation]) -> None:
    """``graph.add_edges_from`` for relations between the graph's actors, three times faster.

    networkx's version checks and merges per edge (key lookup, attribute update,
    node creation), which is most of the graph's build time on big maps; our keys
    are unique relation ids, so the adjacency dicts can be filled directly, the
    way networkx lays them out (one key dict shared by ``_succ[u][v]`` and
    ``_pred[v][u]``). A relation with an end not in the graph is left out. A
    test checks the result equals ``add_edges_from``'s.
    """
    succ, pred = graph._succ, graph._pred
    new_keys = graph.edge_key_dict_factory
    for relation in relations:
        u, v = relation.source, relation.target
        out = succ.get(u)
        if out is None or v not in pred:
            continue
        keys = out.get(v)
        if keys is None:
            keys = out[v] = pred[v][u] = new_keys()
        keys[relation.id] = relation.__dict__  # the record's own fields: see the module's docstring


def filter_graph(graph: nx.MultiDiGraph, **criteria: Unpack[Criteria]) -> nx.MultiDiGraph:
    """A filtered copy of a graph made by ``to_graph``; filters add up with the graph's own."""
    dataset: Dataset = graph.graph["dataset"]
    filters = Filters.make(dataset, **criteria)
    kept = graph.__class__()
    kept.graph.update(graph.graph, filters=[*graph.graph.get("filters", []), *filters.describe(dataset)])
    actors, relations = dataset.actors_by_id, dataset.relations_by_id
    chosen, passing = filters.select(
        dataset, (actors[n] for n in graph), (relations[key] for *_, key in graph.edges(keys=True)), graph.graph.get("filters", [])
    )
    nodes, keys = {a.id for a in chosen}, {r.id for r in passing}
    kept.add_nodes_from((n, attrs) for n, attrs in graph.nodes(data=True) if n in nodes)
    kept.add_edges_from(
        (u, v, key, attrs) for u, v, key, attrs in graph.edges(keys=True, data=True) if u in nodes and v in nodes and key in keys
    )
    return kept


def focus_graph(graph: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """A copy of the graph reduced to one actor's neighbourhood, ``depth`` relations away either way.

    ``actor`` is any id, name or alias; ``UsageError`` if it is unknown, filtered
    out, or ``depth`` is below 1.
    """
    return filter_graph(graph, focus=actor, depth=depth)


def graph_of(data: Dataset | nx.MultiDiGraph, **criteria: Unpack[Criteria]) -> nx.MultiDiGraph:
    """The graph an entry point works on: built from a dataset, or a graph from ``to_graph`` filtered further."""
    if isinstance(data, Dataset):
        return to_graph(data, **criteria)
    return filter_graph(data, **criteria) if criteria else data
