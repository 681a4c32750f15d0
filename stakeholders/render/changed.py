"""The map of what changed: both states of a map in one graph, ready to draw.

``render_html(..., diff_from=...)`` and the static pictures draw this graph: the
actors and relations of both states at fixed positions (one layout for the
union, so nothing moves between the two), each marked added, removed or changed
by the diff's own rules (``changes``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Unpack

import networkx as nx

from ..changes.compare import compare, union_graph
from ..dates import PartialDate
from ..errors import InvalidDateError, UsageError
from ..filters import Criteria, parse_date
from ..graph import graph_of
from ..ingest import load
from ..model import Dataset


def changed_graph(data: Dataset | nx.MultiDiGraph, since: str | Path | Dataset, **criteria: Unpack[Criteria]) -> nx.MultiDiGraph:
    """The union of an earlier state and the map as drawn (``data`` under ``criteria``), each
    node and edge with its ``change``; ``graph.graph["changes"]`` holds the diff.

    ``since`` is a date (the same dataset as it stood then), or another dataset,
    or a path to one (an earlier version). With a date, the map as drawn is the
    dataset as of ``as_of`` when given, else as of the dataset's own date
    (``meta.as_of``), else today: a map of every relation ever would show every
    relation that ended as still there.
    """
    if isinstance(since, str) and not Path(since).exists():
        try:
            earlier = parse_date(since, "--diff-from")
        except InvalidDateError:
            raise InvalidDateError(f'--diff-from: "{since}" is neither a date (YYYY, YYYY-MM or YYYY-MM-DD) nor a dataset file or folder') from None
        dataset = data if isinstance(data, Dataset) else data.graph["dataset"]
        as_of = criteria.get("as_of") or dataset.meta.as_of or PartialDate.parse(dt.date.today().isoformat())
        if parse_date(as_of).first < earlier.first:
            raise UsageError(f"--diff-from {earlier} comes after the map's date {parse_date(as_of)}: give an earlier date to compare with")
        now = {**criteria, "as_of": as_of}
        old, new = graph_of(data, **{**criteria, "as_of": earlier}), graph_of(data, **now)
        labels = (str(earlier), str(parse_date(as_of)))
    else:
        before = since if isinstance(since, Dataset) else load(since)
        old, new = graph_of(before, **criteria), graph_of(data, **criteria)
        labels = (str(since) if not isinstance(since, Dataset) else before.name, new.graph["dataset"].name)
    changes = compare(old, new, labels=labels)
    graph = union_graph(changes)
    graph.graph["changes"] = changes
    return graph
