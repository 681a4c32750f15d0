"""Cytoscape.js elements JSON, with a stylesheet in the colours of the HTML legend.

Shape: ``{"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]},
"style": [...]}``, the form ``cy.json()`` gives and ``cytoscape({elements,
style})`` takes. Node data hold the node attributes of the graph (``id``,
``label``, ``type``, ``country``, ``aliases``...) plus ``color`` and a
Cytoscape ``shape``; edge data the edge attributes (``id``, ``source``,
``target``, ``kind``, ``polarity``, ``directed``...) plus ``polarity_name``
and the first evidence quote. Directed relations get an arrow.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from ..style import POLARITY_STYLE
from .common import as_graph, edge_data, node_data

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset

# vis-network shapes (style.ACTOR_STYLES) by their Cytoscape.js names.
CYTOSCAPE_SHAPES: dict[str, str] = {
    "dot": "ellipse",
    "square": "rectangle",
    "diamond": "diamond",
    "triangle": "triangle",
    "hexagon": "hexagon",
    "star": "star",
    "triangleDown": "vee",
}


def stylesheet() -> list[dict[str, Any]]:
    """Node colour and shape from the data, edge colour by polarity, arrows on directed edges."""
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {"label": "data(label)", "background-color": "data(color)", "shape": "data(shape)", "width": "data(size)", "height": "data(size)"}},
        {"selector": "edge", "style": {"curve-style": "bezier", "label": "data(label)", "font-size": 8}},
        {"selector": "edge[?directed]", "style": {"target-arrow-shape": "triangle"}},
    ]
    for name, color in POLARITY_STYLE.items():
        rules.append({"selector": f'edge[polarity_name = "{name}"]', "style": {"line-color": color, "target-arrow-color": color}})
    return rules


def generate_cytoscape(data: nx.MultiDiGraph | Dataset) -> Iterator[str]:
    """The Cytoscape.js JSON of the graph, one element per line."""
    graph = as_graph(data)
    yield '{"elements": {"nodes": [\n'
    nodes = []
    for node, attrs in node_data(graph):
        attrs["shape"] = CYTOSCAPE_SHAPES.get(attrs["shape"], "ellipse")
        nodes.append(json.dumps({"data": {"id": node, **attrs}}, ensure_ascii=False, sort_keys=True))
    yield ",\n".join(nodes)
    yield '\n], "edges": [\n'
    yield ",\n".join(
        json.dumps({"data": {"id": edge.relation.id, "source": edge.source, "target": edge.target, **attrs}}, ensure_ascii=False, sort_keys=True)
        for edge, attrs in edge_data(graph)
    )
    yield f'\n]}},\n"style": {json.dumps(stylesheet(), ensure_ascii=False)}}}\n'


def write_cytoscape(data: nx.MultiDiGraph | Dataset, path: str | Path) -> Path:
    """Write the Cytoscape.js JSON file atomically; returns its path."""
    return write_atomic(path, generate_cytoscape(data))
