"""Commands that move a map to and from other tools: export and import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..export import FORMATS
from ..ingest.sheets import FLAVORS
from .common import data_option, filter_options, focus_options, open_dataset, progress
from .terminal import safe

if TYPE_CHECKING:
    from ..filters import Criteria


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(FORMATS)))
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File or folder to write (a .zip for csv and neo4j). Default: under output/.")
@data_option
@filter_options
@focus_options
@click.option("--flavor", type=click.Choice(FLAVORS), help="csv: the tool's column layout (default gephi).")
@click.option("--cypher", is_flag=True, help="neo4j: a Cypher script instead of CSV files for neo4j-admin.")
@click.option("--static", is_flag=True, help="gexf: no timeline (no start and end dates).")
@click.option("--directed-only", is_flag=True, help="gexf: type every edge directed, for readers without mixed graphs (networkx).")
def export_command(
    fmt: str,
    dataset: Path | None,
    output: Path | None,
    data: Path | None,
    criteria: Criteria,
    flavor: str | None,
    cypher: bool,
    static: bool,
    directed_only: bool,
) -> None:
    """Write the map in FORMAT for another tool; prints the paths written.

    \b
    Formats:
      gexf       Gephi (GEXF 1.3): colours, shapes, sizes and a timeline
      graphml    networkx, igraph, yEd, Cytoscape desktop
      json       node-link JSON, with sources and evidence
      csv        node and edge sheets: --flavor gephi, kumu or onodo
      cytoscape  Cytoscape.js elements with a stylesheet
      neo4j      CSV files for neo4j-admin import, or --cypher
      dot        Graphviz

    The filters (--as-of, --kind, --polarity, --type, --focus...) apply as in the other commands.
    Files are written whole or not at all; without -o they go under output/,
    named after the dataset.

    \b
    Examples:
      stakeholders export gexf
      stakeholders export gexf data/syria-2025.yaml -o map.gexf --as-of 2025-01
      stakeholders export csv --flavor kumu -o kumu.zip
      stakeholders export neo4j --cypher
    """
    options: dict[str, Any] = {}
    if flavor is not None:
        options["flavor"] = flavor
    if cypher:
        options["cypher"] = True
    if static:
        options["dynamic"] = False
    if directed_only:
        options["directed_only"] = True
    from ..export import check_format, export

    check_format(fmt, options)
    loaded = open_dataset(data, dataset)
    from ..graph import to_graph

    graph = to_graph(loaded, **criteria)
    for path in export(graph, fmt, output, progress(), **options):
        click.echo(safe(path))


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The dataset file to write (YAML).")
@click.option("--flavor", type=click.Choice(FLAVORS), help="The sheets' layout; guessed from the headers when not given.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_command(files: tuple[Path, ...], output: Path, flavor: str | None, force: bool) -> None:
    """Read node and edge sheets (Gephi, Kumu or Onodo) into a dataset.

    FILES are CSV files, zips of them, or XLSX workbooks (with openpyxl). Node
    and edge sheets are told apart by their headers; other columns become
    attributes. Prints how each column was mapped and every row left out, with
    why. Never replaces an existing file without --force.

    \b
    Examples:
      stakeholders import nodes.csv edges.csv -o data/imported.yaml
      stakeholders import kumu.zip -o data/kumu-map.yaml --flavor kumu
      stakeholders import map.xlsx -o data/map.yaml --force
    """
    from ..ingest.sheets import import_sheets

    result = import_sheets(files, output, flavor=flavor, force=force)
    data = result.data
    click.echo(f"Wrote {safe(output)}: {len(data['actors'])} actors, {len(data['relations'])} relations")
    for name, kind, tool, pairs in result.mappings:
        click.echo(f"{safe(name)}: {kind}, {tool} layout")
        for header, field in pairs:
            click.echo(f"  {safe(header)} -> {safe(field)}")
    if result.skipped:
        click.echo(f"Skipped {len(result.skipped)} rows:")
        for line in result.skipped:
            click.echo(f"  {safe(line)}")
    for note in result.notes:
        click.echo(f"Note: {safe(note)}")
