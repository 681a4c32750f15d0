"""Graphviz DOT, in the colours of the HTML legend.

Actors are filled with their type's colour and drawn in its Graphviz shape;
relations are coloured by polarity and labelled with their kind; undirected
relations have no arrowhead (``dir=none``). Render with ``dot -Tsvg map.dot``
or, for big maps, ``sfdp``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from ..style import POLARITY_STYLE, actor_style
from .common import as_graph, dataset_of, edge_data, node_data

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset

_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def quote(text: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    value = _NOT_TEXT.sub("", str(text)).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def generate_dot(data: nx.MultiDiGraph | Dataset) -> Iterator[str]:
    """The DOT text of the graph, a line per actor and per relation."""
    graph = as_graph(data)
    dataset = dataset_of(graph)
    yield f"digraph {quote(dataset.name)} {{\n"
    yield f"  graph [label={quote(dataset.meta.title or dataset.name)}, overlap=false, splines=true];\n"
    yield '  node [style=filled, fontname="Helvetica", fontsize=10];\n'
    yield '  edge [fontname="Helvetica", fontsize=8];\n'
    for node, attrs in node_data(graph):
        style = actor_style(attrs["type"])
        yield f"  {quote(node)} [label={quote(attrs['label'])}, shape={style.dot_shape}, fillcolor={quote(style.color)}, type={quote(attrs['type'])}];\n"
    for edge, attrs in edge_data(graph):
        color = POLARITY_STYLE[attrs["polarity_name"]]
        direction = "" if attrs["directed"] else ", dir=none"
        yield (
            f"  {quote(edge.source)} -> {quote(edge.target)} [id={quote(edge.relation.id)}, label={quote(attrs['label'])},"
            f" color={quote(color)}, fontcolor={quote(color)}, kind={quote(attrs['kind'])}{direction}];\n"
        )
    yield "}\n"


def write_dot(data: nx.MultiDiGraph | Dataset, path: str | Path) -> Path:
    """Write the DOT file atomically; returns its path."""
    return write_atomic(path, generate_dot(data))
