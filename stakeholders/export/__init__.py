"""Exporters: one module per format, each a generator of the output plus a writer.

    >>> from stakeholders.export import export
    >>> export(dataset, "gexf")                       # output/<name>.gexf
    >>> export(graph, "csv", "out/kumu", flavor="kumu")

``export`` takes a graph from ``to_graph`` (filtered as wished) or a whole
dataset, writes atomically and returns the paths written. Importing this module
is cheap: a format's module (and networkx) loads when it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import is_stream
from ..errors import UsageError
from ..progress import Progress, silent

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset

OUTPUT = Path("output")


@dataclass(frozen=True)
class Format:
    """A format: the module and writer that make it, its file suffix ("" for a folder) and options."""

    name: str
    module: str
    writer: str
    suffix: str
    description: str
    options: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other suffixes its readers take

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (self.suffix, *self.also) if self.suffix else ()


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("gexf", "gexf", "write_gexf", ".gexf", "GEXF 1.3 for Gephi: colours, shapes, sizes and a timeline", ("dynamic", "directed_only")),
        Format("graphml", "graphml", "write_graphml", ".graphml", "GraphML for networkx, igraph, yEd, Cytoscape", also=(".xml",)),
        Format("json", "nodelink", "write_json", ".json", "node-link JSON with sources and evidence"),
        Format("csv", "spreadsheet", "write_csv", "", "node and edge sheets for Gephi, Kumu or Onodo", ("flavor",)),
        Format("cytoscape", "cytoscape", "write_cytoscape", ".cyjs", "Cytoscape.js elements JSON with a stylesheet", also=(".json",)),
        Format("neo4j", "neo4j", "write_neo4j", "", "CSV files for neo4j-admin import, or a Cypher script", ("cypher",)),
        Format("dot", "dot", "write_dot", ".dot", "Graphviz DOT in the legend's colours", also=(".gv",)),
    )
}


def check_format(name: str, options: dict[str, Any]) -> Format:
    """The format called ``name``; ``UsageError`` for an unknown format or option."""
    found = FORMATS.get(name)
    if found is None:
        raise UsageError(f'unknown export format "{name}"; use one of {", ".join(FORMATS)}')
    for option in sorted(options):
        if option not in found.options:
            takes = f"its options: {', '.join(found.options)}" if found.options else "it takes none"
            raise UsageError(f'"{option}" is not an option of the {name} format ({takes})')
    return found


def check_path(format: str, path: str | Path, **options: Any) -> Path:
    """``path`` if it suits the format: a file with the format's suffix, or for a folder
    format a folder (no suffix) or a ``.zip``; a stream (``-``, a device) for a
    format of one file; ``UsageError`` otherwise."""
    found = check_format(format, options)
    target = Path(path)
    suffix = target.suffix.lower()
    if format == "neo4j" and options.get("cypher"):
        wanted: tuple[str, ...] = (".cypher",)
    else:
        wanted = found.suffixes
    if is_stream(target):
        if not wanted:
            raise UsageError(f"{target}: a {format} export is several files; give a folder or a .zip file")
        return target  # a stream has no suffix to check: the format is the one asked for
    if wanted and suffix not in wanted:
        raise UsageError(f"{target}: a {format} export is a {' or '.join(wanted)} file")
    if not wanted and suffix not in ("", ".zip"):
        raise UsageError(f"{target}: a {format} export is a folder of files (or a .zip), not a {suffix} file")
    return target


def default_path(name: str, format: str, **options: Any) -> Path:
    """Where a format goes when no path is given: ``output/<map name><suffix>``.

    Formats of several files go to a folder: ``output/<name>-<flavor>/`` for CSV,
    ``output/<name>-neo4j/`` for Neo4j (``output/<name>.cypher`` for the script).
    """
    found = check_format(format, options)
    if format == "csv":
        return OUTPUT / f"{name}-{options.get('flavor', 'gephi')}"
    if format == "neo4j":
        return OUTPUT / (f"{name}.cypher" if options.get("cypher") else f"{name}-neo4j")
    return OUTPUT / f"{name}{found.suffix}"


def export(
    data: nx.MultiDiGraph | Dataset, format: str, path: str | Path | None = None, progress: Progress = silent, **options: Any
) -> list[Path]:
    """Write ``data`` (a graph or a dataset) in ``format`` to ``path``; returns the paths written.

    Keyword arguments named as in ``Criteria`` (``as_of``, ``kinds``, ``focus``...)
    are the filters every entry point takes; the others are the format's. Options: gexf ``dynamic`` (default True) and ``directed_only``; csv
    ``flavor`` (gephi, kumu, onodo); neo4j ``cypher`` (a script instead of CSV).
    A folder format written to a path ending in ``.zip`` becomes one zip file.
    Raises ``UsageError`` for an unknown format or option, ``DataError`` when the
    file cannot be written. ``progress``: see ``stakeholders.progress``.
    """
    from ..filters import Criteria
    from ..graph import graph_of

    criteria = {name: options.pop(name) for name in list(options) if name in Criteria.__annotations__}
    found = check_format(format, options)
    graph = graph_of(data, **criteria)
    target = Path(path) if path is not None else default_path(graph.graph.get("name") or "map", format, **options)
    module = import_module(f".{found.module}", __name__)
    progress("writing", 0, 1)
    if format == "neo4j" and options.pop("cypher", False):
        written = module.write_cypher(graph, target)
    else:
        options.pop("cypher", None)
        written = getattr(module, found.writer)(graph, target, **options)
    progress("writing", 1, 1)
    return written if isinstance(written, list) else [written]


__all__ = ["FORMATS", "Format", "check_format", "check_path", "default_path", "export"]
