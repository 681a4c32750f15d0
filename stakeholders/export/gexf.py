"""GEXF 1.3 for Gephi, streamed: valid against the official RelaxNG schema.

Nodes are actors (``viz:`` colour, size and shape as in the HTML legend), edges
relations with their own ids, so parallel relations stay apart. Each edge says
whether it is directed (``type``) and which relation it is (``kind``). In
dynamic mode (the default) the graph has ``timeformat="date"`` and actors and
relations carry ``start`` and ``end``, widened from partial dates to whole
periods, so Gephi's timeline plays the map. A relation's dates are its own, or
those its source implies (``holds``; the ``reported`` attribute then gives the
source's date); an undated relation has no spell.

List values (aliases, tags, via) are ``liststring`` attributes written as JSON
arrays (``["a", "b"]``), which Gephi reads and which keep commas inside items.

Gephi reads mixed graphs; networkx does not (it refuses an undirected edge in a
directed graph): ``directed_only=True`` types every edge ``directed`` and leaves
the direction in the ``directed`` attribute, for such readers.

Each attribute is declared once, in ``NODE_ATTRIBUTES`` or ``EDGE_ATTRIBUTES``,
and both the ``<attributes>`` header and every ``<attvalues>`` are written from
those tables, so the two cannot disagree and a new attribute is one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from ..atomic import write_atomic
from ..dates import date_text, widened
from ..style import POLARITY_STYLE, actor_style, hex_to_rgb, node_size
from .common import as_graph, dataset_of, edges, first_evidence, polarity_name, stance_attributes, xml_attr, xml_text

if TYPE_CHECKING:
    import networkx as nx

    from ..holds import Span
    from ..model import Actor, Dataset, Relation

T = TypeVar("T")


class Attribute(NamedTuple, Generic[T]):
    """A GEXF attribute: its id and title, its GEXF type, and how to get its value from a node's or edge's facts.

    A None value or an empty list has no ``<attvalue>``. Values that repeat
    across an export (kinds, statuses, numbers, source titles) are escaped once
    and their elements reused; ``free_text`` values and lists seldom repeat, so
    keeping them would only cost memory.
    """

    name: str
    type: str
    get: Callable[[T], Any]
    free_text: bool = False


class EdgeFacts(NamedTuple):
    """One relation as the edge attributes see it; polarity and first evidence are worked out once per edge."""

    relation: Relation
    attrs: dict[str, Any]  # graph.relation_attributes
    polarity: str
    quote: str | None
    quote_source: str | None
    span: Span  # when the relation holds (``holds``)


NODE_ATTRIBUTES: tuple[Attribute[Actor], ...] = (
    Attribute("type", "string", attrgetter("type")),
    Attribute("country", "string", attrgetter("country")),
    Attribute("aliases", "liststring", attrgetter("aliases")),
    Attribute("description", "string", attrgetter("description"), free_text=True),
    Attribute("tags", "liststring", attrgetter("tags")),
)
EDGE_ATTRIBUTES: tuple[Attribute[EdgeFacts], ...] = (
    Attribute("kind", "string", attrgetter("relation.kind")),
    Attribute("directed", "boolean", attrgetter("relation.directed")),
    Attribute("polarity", "string", attrgetter("polarity")),
    Attribute("status", "string", attrgetter("relation.status")),
    Attribute("mode", "string", attrgetter("relation.mode")),
    Attribute("via", "liststring", attrgetter("relation.via")),
    Attribute("confidence", "double", attrgetter("relation.confidence")),
    Attribute("goldstein", "double", lambda e: e.attrs["goldstein"]),
    Attribute("cameo", "string", lambda e: e.attrs["cameo"]),
    Attribute("plover", "string", lambda e: e.attrs["plover"]),
    Attribute("evidence_count", "integer", lambda e: len(e.relation.evidence)),
    Attribute("quote", "string", attrgetter("quote"), free_text=True),
    Attribute("quote_source", "string", attrgetter("quote_source")),
    Attribute("reported", "string", lambda e: date_text(e.span.reported)),
)

# One export's way through a table: each attribute's getter, its reused
# elements by value (None when not reused) and the start of its element.
_Plan = list[tuple[Callable[[Any], Any], dict[Any, str] | None, str]]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _attvalue(opening: str, raw: Any) -> str:
    if raw is None or (isinstance(raw, (list, tuple)) and not raw):
        return ""
    return f"{opening}{xml_attr(_value(raw))}/>"


def _plan(attributes: tuple[Attribute[Any], ...]) -> _Plan:
    """Fresh per export, so reused elements live no longer than the export."""
    return [
        (a.get, None if a.free_text or a.type == "liststring" else {}, f'<attvalue for="{a.name}" value=') for a in attributes
    ]


def _attvalues(facts: Any, plan: _Plan) -> str:
    """The ``<attvalues>`` of a node or edge, or nothing when it has no value."""
    cells: list[str] = []
    for get, reused, opening in plan:
        raw = get(facts)
        if reused is None:
            cells.append(_attvalue(opening, raw))
            continue
        cell = reused.get(raw)
        if cell is None:
            cell = reused[raw] = _attvalue(opening, raw)
        cells.append(cell)
    values = "".join(cells)
    return f"<attvalues>{values}</attvalues>" if values else ""


def _kind_and_label(kind: str, label: str, memo: dict[str, str]) -> str:
    found = memo.get(kind)
    if found is None:
        found = memo[kind] = f"kind={xml_attr(kind)} label={xml_attr(label)}"
    return found


def _rgb(color: str) -> str:
    r, g, b = hex_to_rgb(color)
    return f'<viz:color r="{r}" g="{g}" b="{b}"/>'


def _span(start: str | None, end: str | None) -> str:
    return (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")


def _declarations(cls: str, attributes: tuple[Attribute[Any], ...]) -> str:
    lines = [f'    <attributes class="{cls}">']
    lines += [f'      <attribute id="{a.name}" title="{a.name}" type="{a.type}"/>' for a in attributes]
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
    # The influence and positions the map has (``stance_attributes``): declared only when there are some.
    extra = stance_attributes(dataset)
    extra_names = sorted({name for values in extra.values() for name in values})
    node_attributes = NODE_ATTRIBUTES + tuple(
        Attribute(name, "double", lambda actor, name=name: extra.get(actor.id, {}).get(name)) for name in extra_names
    )
    yield _declarations("node", node_attributes)
    yield _declarations("edge", EDGE_ATTRIBUTES)
    yield f'    <nodes count="{graph.number_of_nodes()}">\n'
    actors = dataset.actors_by_id
    node_plan, edge_plan = _plan(node_attributes), _plan(EDGE_ATTRIBUTES)
    labels: dict[str, str] = {}
    ids = {node: xml_attr(node) for node in graph.nodes}
    for node in sorted(graph.nodes):
        actor = actors[node]
        style = actor_style(actor.type)
        span = _span(*widened(actor.start, actor.end)) if dynamic else ""
        yield (
            f"      <node id={ids[node]} label={xml_attr(actor.name)}{span}>{_attvalues(actor, node_plan)}"
            f'{_rgb(style.color)}<viz:size value="{node_size(graph.degree(node))}"/><viz:shape value="{style.gexf_shape}"/></node>\n'
        )
    yield "    </nodes>\n"
    yield f'    <edges count="{graph.number_of_edges()}">\n'
    colors = {name: _rgb(color) for name, color in POLARITY_STYLE.items()}
    spans = dataset.spans
    for edge in edges(graph):
        relation, attrs = edge.relation, edge.attrs
        polarity = polarity_name(relation.polarity)
        held = spans[relation.id]
        facts = EdgeFacts(relation, attrs, polarity, *first_evidence(graph, relation), held)
        kind = "directed" if relation.directed or directed_only else "undirected"
        weight = f' weight="{relation.weight}"' if relation.weight is not None else ""
        span = _span(*widened(held.start, held.end)) if dynamic else ""
        yield (
            f"      <edge id={xml_attr(relation.id)} source={ids[edge.source]} target={ids[edge.target]}"
            f' type="{kind}" {_kind_and_label(relation.kind, attrs["label"], labels)}{weight}{span}>'
            f"{_attvalues(facts, edge_plan)}{colors[polarity]}</edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(data: nx.MultiDiGraph | Dataset, path: str | Path, *, dynamic: bool = True, directed_only: bool = False) -> Path:
    """Write the GEXF file atomically; returns its path."""
    return write_atomic(path, generate_gexf(data, dynamic=dynamic, directed_only=directed_only))
