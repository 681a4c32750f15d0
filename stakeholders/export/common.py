"""What the exporters share: the graph's records in a fixed order, widened dates,
the first evidence of a relation, and text made safe for XML.

Every exporter walks actors by id and relations by id, so the same graph always
gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

from ..atomic import write_atomic, write_folder
from ..dates import date_text
from ..model import Actor, Dataset, Relation, polarity_name

if TYPE_CHECKING:
    import networkx as nx

# XML 1.0 forbids these characters outright, escaped or not; data text is
# untrusted, so they are dropped rather than allowed to make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Element content: escaped, without the characters XML 1.0 forbids."""
    return escape(_NOT_XML.sub("", str(value)))


def xml_attr(value: object) -> str:
    """An attribute value with its quotes, line breaks and tabs kept as character references."""
    return quoteattr(_NOT_XML.sub("", str(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class Edge(NamedTuple):
    """One relation of the graph with its full record and its attributes (``graph.relation_attributes``)."""

    source: str
    target: str
    relation: Relation
    attrs: dict[str, Any]


def as_graph(data: nx.MultiDiGraph | Dataset) -> nx.MultiDiGraph:
    """The graph to export: given, or built from a dataset with no filter."""
    if isinstance(data, Dataset):
        from ..graph import to_graph

        return to_graph(data)
    return data


def dataset_of(graph: nx.MultiDiGraph) -> Dataset:
    return graph.graph["dataset"]


def actors(graph: nx.MultiDiGraph) -> Iterator[tuple[Actor, dict[str, Any]]]:
    """The graph's actors by id, each with its node attributes."""
    by_id = dataset_of(graph).actors_by_id
    for node in sorted(graph.nodes):
        yield by_id[node], graph.nodes[node]


def edges(graph: nx.MultiDiGraph) -> list[Edge]:
    """The graph's relations by id."""
    from ..graph import kinds_of, relation_attributes

    by_id, kinds = dataset_of(graph).relations_by_id, kinds_of(graph)
    found = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        relation = by_id[key]
        found.append(Edge(u, v, relation, relation_attributes(attrs, relation, kinds[attrs["kind"]])))
    found.sort(key=lambda edge: edge.relation.id)
    return found


def first_evidence(graph: nx.MultiDiGraph, relation: Relation) -> tuple[str | None, str | None]:
    """The first evidence quote of a relation and the title of its source."""
    if not relation.evidence:
        return None, None
    evidence = relation.evidence[0]
    source = dataset_of(graph).sources_by_id.get(evidence.source)
    return evidence.quote, source.title if source else evidence.source


def stance_attributes(dataset: Dataset) -> dict[str, dict[str, float]]:
    """Each actor's influence as the data gives it, and its latest stance and salience on each issue, as
    ``influence``, ``stance:ISSUE`` and ``salience:ISSUE``: what an export carries of the positions."""
    from ..questions.positions import latest_positions

    found: dict[str, dict[str, float]] = {a.id: {"influence": a.influence} for a in dataset.actors if a.influence is not None}
    for issue in dataset.issues:
        for actor, position in latest_positions(dataset, issue).items():
            mine = found.setdefault(actor, {})
            mine[f"stance:{issue.id}"] = position.stance
            mine[f"salience:{issue.id}"] = position.salience
    return found


def node_data(graph: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each actor id with the graph's node attributes plus its legend colour and shape, and its influence and positions
    (``stance_attributes``)."""
    from ..style import actor_style, node_size

    extra = stance_attributes(dataset_of(graph))
    for node in sorted(graph.nodes):
        attrs = dict(graph.nodes[node])
        style = actor_style(attrs["type"])
        attrs.update(color=style.color, shape=style.shape, size=node_size(graph.degree(node)))
        attrs.update(extra.get(node, {}))
        yield node, attrs


def edge_data(graph: nx.MultiDiGraph) -> Iterator[tuple[Edge, dict[str, Any]]]:
    """Each relation with the graph's edge attributes plus its polarity name, first evidence and,
    when its dates come from its source (``holds``), that source's date as ``reported``."""
    spans = dataset_of(graph).spans
    for edge in edges(graph):
        quote, quoted = first_evidence(graph, edge.relation)
        reported = date_text(spans[edge.relation.id].reported)
        attrs = dict(edge.attrs, polarity_name=polarity_name(edge.relation.polarity), quote=quote, quote_source=quoted, reported=reported)
        yield edge, attrs


def write_files(files: dict[str, Iterable[str]], path: str | Path) -> list[Path]:
    """Several files into a folder (each written atomically), or into one zip when ``path`` ends in ``.zip``.

    The zip is deterministic: members in the order given, each dated 1980-01-01.
    """
    target = Path(path)
    if target.suffix.lower() != ".zip":
        return write_folder(target, files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, "".join(chunks).encode("utf-8"))
    return [write_atomic(target, [buffer.getvalue()])]
