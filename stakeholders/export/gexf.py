"""GEXF 1.3 for Gephi, streamed: valid against the official RelaxNG schema.

Nodes are actors (``viz:`` colour, size and shape as in the HTML legend), edges
relations with their own ids, so parallel relations stay apart. Each edge says
whether it is directed (``type``) and which relation it is (``kind``). In
dynamic mode (the default) the graph has ``timeformat="date"`` and actors and
relations carry ``start`` and ``end``, widened from partial dates to whole
periods, so Gephi's timeline plays the map.

List values (aliases, tags, via) are ``liststring`` attributes written as JSON
arrays (``["a", "b"]``), which Gephi reads and which keep commas inside items.

Gephi reads mixed graphs; networkx does not (it refuses an undirected edge in a
directed graph): ``directed_only=True`` types every edge ``directed`` and leaves
the direction in the ``directed`` attribute, for such readers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from ..dates import widened
from ..style import POLARITY_STYLE, actor_style, hex_to_rgb, node_size
from .common import as_graph, dataset_of, edges, first_evidence, polarity_name, xml_attr, xml_text

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset

NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("type", "string"),
    ("country", "string"),
    ("aliases", "liststring"),
    ("description", "string"),
    ("tags", "liststring"),
)
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("directed", "boolean"),
    ("polarity", "string"),
    ("status", "string"),
    ("mode", "string"),
    ("via", "liststring"),
    ("confidence", "double"),
    ("goldstein", "double"),
    ("cameo", "string"),
    ("plover", "string"),
    ("evidence_count", "integer"),
    ("quote", "string"),
    ("quote_source", "string"),
)


# Attributes whose values seldom repeat; the others (kinds, statuses, numbers,
# source titles) are escaped once per export and their elements reused.
_FREE_TEXT = frozenset({"aliases", "description", "tags", "via", "quote"})


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _attvalues(pairs: list[tuple[str, Any]], memo: dict[tuple[str, Any], str]) -> str:
    """The ``<attvalues>`` of a node or edge; None and empty lists have no element."""
    cells = []
    for key, raw in pairs:
        if raw is None or (isinstance(raw, (list, tuple)) and not raw):
            continue
        if key in _FREE_TEXT:
            cells.append(f'<attvalue for="{key}" value={xml_attr(_value(raw))}/>')
            continue
        cell = memo.get((key, raw))
        if cell is None:
            cell = memo[(key, raw)] = f'<attvalue for="{key}" value={xml_attr(_value(raw))}/>'
        cells.append(cell)
    return f"<attvalues>{''.join(cells)}</attvalues>" if cells else ""


def _kind_and_label(kind: str, label: str, memo: dict[tuple[str, Any], str]) -> str:
    found = memo.get(("", kind))
    if found is None:
        found = memo[("", kind)] = f"kind={xml_attr(kind)} label={xml_attr(label)}"
    return found


def _rgb(color: str) -> str:
    r, g, b = hex_to_rgb(color)
    return f'<viz:color r="{r}" g="{g}" b="{b}"/>'


def _span(start: str | None, end: str | None) -> str:
    return (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")


def _declarations(cls: str, attributes: tuple[tuple[str, str], ...]) -> str:
    lines = [f'    <attributes class="{cls}">']
    lines += [f'      <attribute id="{key}" title="{key}" type="{kind}"/>' for key, kind in attributes]
    lines.append("    </attributes>")
    return "\n".join(lines) + "\n"


def generate_gexf(data: nx.MultiDiGraph | Dataset, *, dynamic: bool = True, directed_only: bool = False) -> Iterator[str]:
    """The GEXF 1.3 text of the graph (or of a whole dataset), in chunks."""
    graph = as_graph(data)
    dataset = dataset_of(graph)
    time = ' mode="dynamic" timeformat="date"' if dynamic else ""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n'
    description = "; ".join([dataset.meta.title or dataset.name, *graph.graph.get("filters", [])])
    yield f"  <meta>\n    <creator>stakeholders</creator>\n    <description>{xml_text(description)}</description>\n  </meta>\n"
    yield f'  <graph defaultedgetype="directed"{time}>\n'
    yield _declarations("node", NODE_ATTRIBUTES)
    yield _declarations("edge", EDGE_ATTRIBUTES)
    yield f'    <nodes count="{graph.number_of_nodes()}">\n'
    actors = dataset.actors_by_id
    memo: dict[tuple[str, Any], str] = {}
    ids = {node: xml_attr(node) for node in graph.nodes}
    for node in sorted(graph.nodes):
        actor = actors[node]
        style = actor_style(actor.type)
        values = _attvalues(
            [("type", actor.type), ("country", actor.country), ("aliases", actor.aliases), ("description", actor.description), ("tags", actor.tags)],
            memo,
        )
        span = _span(*widened(actor.start, actor.end)) if dynamic else ""
        yield (
            f"      <node id={ids[node]} label={xml_attr(actor.name)}{span}>{values}"
            f'{_rgb(style.color)}<viz:size value="{node_size(graph.degree(node))}"/><viz:shape value="{style.gexf_shape}"/></node>\n'
        )
    yield "    </nodes>\n"
    yield f'    <edges count="{graph.number_of_edges()}">\n'
    colors = {name: _rgb(color) for name, color in POLARITY_STYLE.items()}
    for edge in edges(graph):
        relation, attrs = edge.relation, edge.attrs
        quote, quoted = first_evidence(graph, relation)
        polarity = polarity_name(relation.polarity)
        values = _attvalues(
            [
                ("kind", relation.kind),
                ("directed", relation.directed),
                ("polarity", polarity),
                ("status", relation.status),
                ("mode", relation.mode),
                ("via", relation.via),
                ("confidence", relation.confidence),
                ("goldstein", attrs["goldstein"]),
                ("cameo", attrs["cameo"]),
                ("plover", attrs["plover"]),
                ("evidence_count", len(relation.evidence)),
                ("quote", quote),
                ("quote_source", quoted),
            ],
            memo,
        )
        kind = "directed" if relation.directed or directed_only else "undirected"
        weight = f' weight="{relation.weight}"' if relation.weight is not None else ""
        span = _span(*widened(relation.start, relation.end)) if dynamic else ""
        yield (
            f"      <edge id={xml_attr(relation.id)} source={ids[edge.source]} target={ids[edge.target]}"
            f' type="{kind}" {_kind_and_label(relation.kind, attrs["label"], memo)}{weight}{span}>'
            f"{values}{colors[polarity]}</edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(data: nx.MultiDiGraph | Dataset, path: str | Path, *, dynamic: bool = True, directed_only: bool = False) -> Path:
    """Write the GEXF file atomically; returns its path."""
    return write_atomic(path, generate_gexf(data, dynamic=dynamic, directed_only=directed_only))
