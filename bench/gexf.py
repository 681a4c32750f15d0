"""GEXF export of 100,000 relations: ours against networkx.write_gexf of the same graph.

Both write the same synthetic map (bench/synth.py, 10,000 actors) to a file in
the same run. networkx cannot take our graph as it is (it raises on None values
and lists, and treats start and end specially), so the baseline gets a copy
with the attributes our file holds (``relation_attributes``) made plain: None
values dropped, lists joined into one string, and the graph-only ``dataset``
attribute left out. Its output is not
valid GEXF 1.3 anyway (see ../shared/FACTS.md); ours is checked against the
official RelaxNG schema when lxml is installed.

    python -m bench.gexf [--scale 0.1]
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

import stakeholders
from stakeholders.export.gexf import write_gexf
from stakeholders.graph import kinds_of, relation_attributes

from .common import Row, best_of, main
from .synth import generate

SCHEMA = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "gexf-1.3" / "gexf.rng"


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in attrs.items() if v is not None and v != []}


def plain_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with every attribute value a plain string or number, as networkx.write_gexf needs."""
    copy = nx.MultiDiGraph(name=graph.graph["name"])
    copy.add_nodes_from((n, _plain(a)) for n, a in graph.nodes(data=True))
    kinds, relations = kinds_of(graph), graph.graph["dataset"].relations_by_id
    copy.add_edges_from(
        (u, v, k, _plain(relation_attributes(a, relations[k], kinds[a["kind"]]))) for u, v, k, a in graph.edges(keys=True, data=True)
    )
    return copy


def _valid(path: Path) -> bool | None:
    try:
        from lxml import etree
    except ImportError:
        return None
    return etree.RelaxNG(etree.parse(str(SCHEMA))).validate(etree.parse(str(path)))


def run(scale: float = 1.0) -> list[Row]:
    relations = max(100, int(100_000 * scale))
    graph = stakeholders.to_graph(stakeholders.from_dict(generate(max(10, relations // 10), relations, seed=1)))
    baseline_graph = plain_copy(graph)
    with tempfile.TemporaryDirectory() as folder:
        ours_path, theirs_path = Path(folder) / "ours.gexf", Path(folder) / "networkx.gexf"
        ours = best_of(lambda: write_gexf(graph, ours_path), repeat=2)
        theirs = best_of(lambda: nx.write_gexf(baseline_graph, theirs_path, version="1.3"), repeat=2)
        mib = 1024 * 1024
        valid = _valid(ours_path)
        return [
            Row(f"write GEXF, {relations:,} relations", ours, theirs, goal=0.5),
            Row("file size", ours_path.stat().st_size / mib, theirs_path.stat().st_size / mib, unit="MiB"),
            Row("ours invalid under the GEXF 1.3 RelaxNG (0 = valid)", 0.0 if valid else 1.0, goal=0.0, unit="") if valid is not None else Row("validity not checked (no lxml)", 0.0, unit=""),
        ]


if __name__ == "__main__":
    main(run, __doc__)
