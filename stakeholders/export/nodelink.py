"""Node-link JSON: the whole graph as one JSON document, for scripts and D3.

Shape (networkx's node-link layout, so ``networkx.node_link_graph(data,
edges="edges", key="id")`` reads it back)::

    {"directed": true, "multigraph": true,
     "graph": {"name": ..., "title": ..., "filters": [...]},
     "sources": [{"id", "title", "publisher", "date", "url", "kind", "description"}],
     "nodes": [{"id", "label", "type", "country", "aliases", "description", "tags",
                "start", "end", "color", "shape", "size"}],
     "edges": [{"id", "source", "target", "kind", "label", "polarity", "polarity_name",
                "directed", "mode", "via", "status", "start", "end", "weight",
                "confidence", "goldstein", "cameo", "plover", "family", "color",
                "evidence_count", "quote", "quote_source",
                "description", "evidence": [{"source", "quote", "locator"}]}]}

Nodes are sorted by id, edges by relation id; absent values are ``null``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from .common import as_graph, dataset_of, edge_data, node_data

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def generate_json(data: nx.MultiDiGraph | Dataset) -> Iterator[str]:
    """The node-link JSON of the graph, one node or edge per line."""
    graph = as_graph(data)
    dataset = dataset_of(graph)
    info = {"name": graph.graph.get("name"), "title": graph.graph.get("title"), "filters": graph.graph.get("filters", [])}
    yield f'{{"directed": true, "multigraph": true, "graph": {_dumps(info)},\n"sources": [\n'
    yield ",\n".join(_dumps(source.model_dump(mode="json")) for source in sorted(dataset.sources, key=lambda s: s.id))
    yield '\n],\n"nodes": [\n'
    yield ",\n".join(_dumps({"id": node, **attrs}) for node, attrs in node_data(graph))
    yield '\n],\n"edges": [\n'
    for index, (edge, attrs) in enumerate(edge_data(graph)):
        relation = edge.relation
        record = {
            "id": relation.id,
            "source": edge.source,
            "target": edge.target,
            **attrs,
            "description": relation.description,
            "evidence": [evidence.model_dump(mode="json") for evidence in relation.evidence],
        }
        yield ("" if index == 0 else ",\n") + _dumps(record)
    yield "\n]}\n"


def write_json(data: nx.MultiDiGraph | Dataset, path: str | Path) -> Path:
    """Write the node-link JSON file atomically; returns its path."""
    return write_atomic(path, generate_json(data))
