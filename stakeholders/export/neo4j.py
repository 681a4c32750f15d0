"""Neo4j: CSV files for ``neo4j-admin database import``, or a Cypher script.

``actors.csv`` has ``id:ID``, the properties and ``:LABEL`` (``Actor`` plus the
actor type, as ``Actor;ArmedGroup``); ``relations.csv`` has ``:START_ID``,
``:END_ID``, ``:TYPE`` (the kind, as ``SANCTIONS_RELIEF``) and typed
properties (``directed:boolean``, ``polarity:int``, ``confidence:float``...).
Lists are arrays joined with ``;``, neo4j-admin's array delimiter. Import with::

    neo4j-admin database import full --nodes=actors.csv --relationships=relations.csv neo4j

The Cypher script (``generate_cypher``) does the same through ``cypher-shell``:
a uniqueness constraint, one ``MERGE`` per actor and per relation, so running it
twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from .common import as_graph, edge_data, node_data, write_files

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset

# (property, neo4j-admin type) in the order of the columns; "" is a plain string.
ACTOR_PROPERTIES: tuple[tuple[str, str], ...] = (
    ("name", ""),
    ("type", ""),
    ("country", ""),
    ("aliases", "string[]"),
    ("description", ""),
    ("tags", "string[]"),
    ("start", ""),
    ("end", ""),
)
RELATION_PROPERTIES: tuple[tuple[str, str], ...] = (
    ("kind", ""),
    ("directed", "boolean"),
    ("polarity", "int"),
    ("polarity_name", ""),
    ("mode", ""),
    ("via", "string[]"),
    ("status", ""),
    ("start", ""),
    ("end", ""),
    ("weight", "float"),
    ("confidence", "float"),
    ("goldstein", "float"),
    ("cameo", ""),
    ("plover", ""),
    ("evidence_count", "int"),
    ("quote", ""),
    ("quote_source", ""),
    ("reported", ""),
)


def node_label(actor_type: str) -> str:
    """``armed-group`` as the Neo4j label ``ArmedGroup``."""
    return "".join(part.capitalize() for part in actor_type.split("-"))


def relationship_type(kind: str) -> str:
    """``sanctions-relief`` as the Neo4j relationship type ``SANCTIONS_RELIEF``."""
    return kind.upper().replace("-", "_").replace(".", "_").replace(":", "_")


def _actors(graph: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Actors with their node attributes, the label called ``name`` as Neo4j users expect."""
    for node, attrs in node_data(graph):
        yield node, {**attrs, "name": attrs["label"]}


def _header(properties: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"{name}:{kind}" if kind else name for name, kind in properties]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


def _lines(rows: Iterator[list[str]]) -> Iterator[str]:
    for row in rows:
        out = io.StringIO()
        csv.writer(out).writerow(row)
        yield out.getvalue()


def generate_neo4j(data: nx.MultiDiGraph | Dataset) -> dict[str, Iterator[str]]:
    """``actors.csv`` and ``relations.csv`` for neo4j-admin, by file name, as CSV lines."""
    graph = as_graph(data)

    def actor_rows() -> Iterator[list[str]]:
        yield ["id:ID", *_header(ACTOR_PROPERTIES), ":LABEL"]
        for node, attrs in _actors(graph):
            yield [node, *(_cell(attrs[name]) for name, _ in ACTOR_PROPERTIES), f"Actor;{node_label(attrs['type'])}"]

    def relation_rows() -> Iterator[list[str]]:
        yield [":START_ID", ":END_ID", ":TYPE", "id", *_header(RELATION_PROPERTIES)]
        for edge, attrs in edge_data(graph):
            yield [edge.source, edge.target, relationship_type(attrs["kind"]), edge.relation.id, *(_cell(attrs[name]) for name, _ in RELATION_PROPERTIES)]

    return {"actors.csv": _lines(actor_rows()), "relations.csv": _lines(relation_rows())}


def write_neo4j(data: nx.MultiDiGraph | Dataset, path: str | Path) -> list[Path]:
    """Write the two CSV files into the folder ``path``, or into a zip if it ends in ``.zip``."""
    return write_files(generate_neo4j(data), path)


def _map(attrs: dict[str, Any], properties: tuple[tuple[str, str], ...]) -> str:
    # JSON string and list literals are valid Cypher literals, escapes included.
    cells = [f"{name}: {json.dumps(attrs[name], ensure_ascii=False)}" for name, _ in properties if attrs[name] not in (None, [])]
    return "{" + ", ".join(cells) + "}"


def generate_cypher(data: nx.MultiDiGraph | Dataset) -> Iterator[str]:
    """A Cypher script that creates the actors and relations, one statement a line."""
    graph = as_graph(data)
    yield "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n"
    for node, attrs in _actors(graph):
        yield f"MERGE (a:Actor {{id: {json.dumps(node, ensure_ascii=False)}}}) SET a:{node_label(attrs['type'])}, a += {_map(attrs, ACTOR_PROPERTIES)};\n"
    for edge, attrs in edge_data(graph):
        ends = ", ".join(f"({v}:Actor {{id: {json.dumps(n, ensure_ascii=False)}}})" for v, n in (("s", edge.source), ("t", edge.target)))
        yield (
            f"MATCH {ends} MERGE (s)-[r:`{relationship_type(attrs['kind'])}` {{id: {json.dumps(edge.relation.id, ensure_ascii=False)}}}]->(t)"
            f" SET r += {_map(attrs, RELATION_PROPERTIES)};\n"
        )


def write_cypher(data: nx.MultiDiGraph | Dataset, path: str | Path) -> Path:
    """Write the Cypher script atomically; returns its path."""
    return write_atomic(path, generate_cypher(data))
