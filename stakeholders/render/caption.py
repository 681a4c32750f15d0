"""The source line under a map, on the page and in every picture: where what it shows comes from.

"Source: title, publisher, date" for one source; for more, the two cited most often
and how many others, so that a picture handed on without its page still credits them.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from ..dates import date_text
from ..model import Dataset, Source

#: Sources named in full on the line; the others are counted.
NAMED = 2


def _credit(source: Source) -> str:
    return ", ".join(part for part in (source.title, source.publisher, date_text(source.date)) if part)


def source_line(graph: nx.MultiDiGraph) -> str | None:
    """The line for the relations drawn (their evidence's sources, the most cited first), or None if they cite none."""
    dataset: Dataset = graph.graph["dataset"]
    cited = Counter(evidence.source for *_, attrs in graph.edges(data=True) for evidence in attrs["evidence"])
    by_id = dataset.sources_by_id
    ranked = [by_id[source] for source, _ in sorted(cited.items(), key=lambda item: (-item[1], item[0])) if source in by_id]
    if not ranked:
        return None
    named = "; ".join(_credit(source) for source in ranked[:NAMED])
    rest = len(ranked) - NAMED
    more = f" and {rest} more" if rest > 0 else ""
    return f"{'Source' if len(ranked) == 1 else 'Sources'}: {named}{more}"
