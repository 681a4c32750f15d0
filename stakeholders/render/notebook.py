"""The map in a notebook: a small object that Jupyter displays inline.

Jupyter calls ``_repr_html_`` on the last value of a cell. The map is the same
self-contained page ``render_html`` writes, shown in an iframe through
``srcdoc``: nothing is fetched, and the iframe's ``sandbox`` lets the page run
its own scripts but gives it no origin, so it can read neither the notebook nor
its cookies, whatever the data holds.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Unpack

import networkx as nx

from ..atomic import write_atomic
from ..filters import Criteria
from ..graph import graph_of
from ..model import Dataset
from . import generate_html

#: Height of the inline map, in CSS pixels: the page's header, map and panels fit at this height.
HEIGHT = 640


class Map:
    """A rendered map: shown inline by Jupyter, written to a file with ``save``.

    >>> stakeholders.Map(data, as_of="2025-05", focus="Druze")  # doctest: +SKIP

    ``data`` is a dataset or a graph from ``to_graph``; the keyword arguments are
    ``render_html``'s (title, physics, size_by, color_by and the filters every
    entry point takes).
    """

    def __init__(
        self,
        data: Dataset | nx.MultiDiGraph,
        *,
        title: str | None = None,
        physics: bool | None = None,
        size_by: str | None = None,
        color_by: str = "type",
        height: int = HEIGHT,
        **criteria: Unpack[Criteria],
    ) -> None:
        self.graph = graph_of(data, **criteria)
        self.height = height
        self.page = generate_html(self.graph, title=title, physics=physics, size_by=size_by, color_by=color_by)

    def __repr__(self) -> str:
        return f"<Map {self.graph.graph['name']}: {self.graph.number_of_nodes()} actors, {self.graph.number_of_edges()} relations>"

    def _repr_html_(self) -> str:
        title = html.escape(f"Map of {self.graph.graph['name']}", quote=True)
        return (
            f'<iframe title="{title}" sandbox="allow-scripts" srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #d0d4da;"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page (atomically, as ``render_html`` does) and return its path."""
        return write_atomic(Path(path), [self.page])
