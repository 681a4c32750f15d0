"""GraphML, streamed: read by networkx, igraph, Gephi, yEd and Cytoscape desktop.

A directed multigraph: each relation is an edge with its relation id; an
undirected relation keeps its endpoints and says ``directed`` false in its data
(GraphML readers such as networkx refuse mixed graphs). Keys are declared with
their types from the values: ``boolean``, ``long``, ``double`` or ``string``.
Lists (aliases, tags, via) are JSON arrays in a string; absent values have no
``<data>`` element.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from .common import as_graph, edge_data, node_data, xml_attr, xml_text

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset


def _type(values: Iterable[Any]) -> str:
    """The narrowest GraphML type that holds every value present."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _text(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _keys(records: list[dict[str, Any]]) -> dict[str, str]:
    names = sorted({name for record in records for name in record})
    return {name: _type(record.get(name) for record in records) for name in names if name not in ("id", "source", "target")}


def _data(owner: str, record: dict[str, Any], keys: dict[str, str]) -> str:
    cells = []
    for name, kind in keys.items():
        value = record.get(name)
        if value is not None and value != []:
            cells.append(f'<data key="{owner}_{name}">{xml_text(_text(value, kind))}</data>')
    return "".join(cells)


def generate_graphml(data: nx.MultiDiGraph | Dataset) -> Iterator[str]:
    """The GraphML text of the graph (or of a whole dataset), in chunks."""
    graph = as_graph(data)
    nodes = [{"id": node, **attrs} for node, attrs in node_data(graph)]
    links = [{"id": edge.relation.id, "source": edge.source, "target": edge.target, **attrs} for edge, attrs in edge_data(graph)]
    node_keys, edge_keys = _keys(nodes), _keys(links)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    yield ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    for owner, keys, cls in (("n", node_keys, "node"), ("e", edge_keys, "edge")):
        for name, kind in keys.items():
            yield f'  <key id="{owner}_{name}" for="{cls}" attr.name={xml_attr(name)} attr.type="{kind}"/>\n'
    yield f'  <graph id={xml_attr(graph.graph.get("name") or "map")} edgedefault="directed">\n'
    for record in nodes:
        yield f'    <node id={xml_attr(record["id"])}>{_data("n", record, node_keys)}</node>\n'
    for record in links:
        yield (
            f'    <edge id={xml_attr(record["id"])} source={xml_attr(record["source"])} target={xml_attr(record["target"])}>'
            f'{_data("e", record, edge_keys)}</edge>\n'
        )
    yield "  </graph>\n</graphml>\n"


def write_graphml(data: nx.MultiDiGraph | Dataset, path: str | Path) -> Path:
    """Write the GraphML file atomically; returns its path."""
    return write_atomic(path, generate_graphml(data))
