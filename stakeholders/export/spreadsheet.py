"""CSV node and edge sheets for Gephi's spreadsheet import, Kumu and Onodo.

The columns of each tool are in ``stakeholders.ingest.sheets.LAYOUTS`` (shared
with ``stakeholders import``, which reads them back), with a sources sheet and a
sheet of the dataset's own kinds beside them. Written to a folder or a zip, by
the path's suffix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..ingest.sheets import actor_record, check_flavor, generate_extra_sheets, generate_sheet, relation_record
from .common import actors, as_graph, dataset_of, edges, write_files

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset


def generate_csv(data: nx.MultiDiGraph | Dataset, flavor: str = "gephi") -> dict[str, Iterator[str]]:
    """The node and edge sheets of the graph, and its dataset's sources and own kinds, by file name, as CSV lines."""
    layout = check_flavor(flavor)
    graph = as_graph(data)
    names = {actor.id: actor.name for actor, _ in actors(graph)}
    return {
        layout.nodes_file: generate_sheet(layout.nodes, (actor_record(actor) for actor, _ in actors(graph)), names),
        layout.edges_file: generate_sheet(
            layout.edges, (relation_record(edge.relation, edge.attrs["label"]) for edge in edges(graph)), names
        ),
        **generate_extra_sheets(dataset_of(graph)),
    }


def write_csv(data: nx.MultiDiGraph | Dataset, path: str | Path, flavor: str = "gephi") -> list[Path]:
    """Write the two sheets into the folder ``path``, or into a zip if it ends in ``.zip``; returns the paths."""
    return write_files(generate_csv(data, flavor), path)
