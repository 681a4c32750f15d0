"""Commands that move a map to and from other tools: export and import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError
from ..export import FORMATS
from ..terms import FLAVORS, counted
from .common import (
    check_not_into_dataset,
    check_output,
    data_option,
    filter_options,
    focus_options,
    into_dataset_option,
    max_bytes,
    open_dataset,
    progress,
    streamed,
    warn_if_empty,
)
from .terminal import safe

if TYPE_CHECKING:
    from ..filters import Criteria


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(FORMATS), case_sensitive=False))
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File or folder to write (a .zip for csv and neo4j). Default: under output/.")
@data_option
@filter_options
@focus_options
@click.option("--flavor", type=click.Choice(FLAVORS, case_sensitive=False), help="csv: the tool's column layout (default gephi).")
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
    from ..export import FORMATS, check_path, export

    takes = FORMATS[fmt].options
    for option in options:
        if option not in takes:
            allowed = ", ".join(_FLAGS[o] for o in takes) or "no option of its own"
            raise UsageError(f"{_FLAGS[option]} is not for the {fmt} format (it takes {allowed})")
    if output is not None:
        several = not FORMATS[fmt].suffixes and not options.get("cypher")  # a folder of files (or a zip)
        check_output(check_path(fmt, output, **options), folder=several)
    loaded = open_dataset(data, dataset, need="export")
    from ..graph import to_graph

    graph = to_graph(loaded, **criteria)
    warn_if_empty(graph, criteria)
    for path in export(graph, fmt, output, progress(), **options):
        if not streamed(path):
            click.echo(safe(path))


_SECTIONS = (("actors", "actor"), ("relations", "relation"), ("sources", "source"))
# The library's format options as the command line spells them.
_FLAGS = {"flavor": "--flavor", "cypher": "--cypher", "dynamic": "--static", "directed_only": "--directed-only"}


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The dataset file to write (YAML).")
@click.option("--flavor", type=click.Choice(FLAVORS, case_sensitive=False), help="The sheets' layout; guessed from the headers when not given.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@into_dataset_option
@click.option("--skip-bad-rows", is_flag=True, help="Write the map without the rows that cannot be read (listed). Default: nothing is written.")
@click.option("--delimiter", metavar="CHAR", help="CSV delimiter: comma, semicolon, tab or pipe. Default: guessed from whole records.")
@click.option("--encoding", metavar="NAME", help="CSV encoding when not UTF-8, e.g. cp1252 or latin-1 (Excel's).")
def import_command(
    files: tuple[Path, ...],
    output: Path,
    flavor: str | None,
    force: bool,
    into_dataset: bool,
    skip_bad_rows: bool,
    delimiter: str | None,
    encoding: str | None,
) -> None:
    """Read node and edge sheets (Gephi, Kumu or Onodo) into a dataset.

    FILES are CSV files, zips of them, or XLSX workbooks (with openpyxl). Node,
    edge, source and kind sheets are told apart by their headers; other columns
    become attributes. CSV is read as RFC 4180 (quoted cells with commas, doubled
    quotes and line breaks), UTF-8 with or without a BOM; only the delimiter is
    guessed. A row that cannot be read is named by sheet, row (the header is row
    1) and column; by default nothing is written then and the exit code is 1.
    Prints how each column was mapped. Never replaces an existing file without
    --force, and never writes into the dataset's folder (data/ or --data's),
    where the map would merge with the others, without --into-dataset. With
    -o - the map goes to standard output and the notes to standard error.

    \b
    Examples:
      stakeholders import nodes.csv edges.csv -o imported.yaml
      stakeholders import kumu.zip -o kumu-map.yaml --flavor kumu
      stakeholders import map.xlsx -o map.yaml --force
      stakeholders import excel-nodes.csv excel-edges.csv --delimiter semicolon --encoding cp1252 -o map.yaml
      stakeholders import nodes.csv edges.csv -o map.yaml --skip-bad-rows
      stakeholders import nodes.csv edges.csv -o data/more.yaml --into-dataset
    """
    from ..ingest.sheets import import_sheets

    if output.suffix.lower() not in (".yaml", ".yml") and not streamed(output):
        raise UsageError(f"{output}: the imported dataset is written as YAML; give a .yaml file")
    check_output(output, force=force)
    check_not_into_dataset(output, None, into_dataset)
    result = import_sheets(
        files,
        output,
        flavor=flavor,
        force=force,
        skip_bad_rows=skip_bad_rows,
        delimiter=delimiter,
        encoding=encoding,
        max_bytes=max_bytes(),
        meta=not into_dataset,  # a part of the dataset's map: its meta stays the one in force
    )
    data = result.data
    counts = ", ".join(counted(len(data[section]), noun) for section, noun in _SECTIONS)
    err = streamed(output)
    click.echo(f"Wrote {safe(output)}: {counts}", err=err)
    for name, kind, tool, pairs in result.mappings:
        click.echo(f"{safe(name)}: {kind}, {tool} layout", err=err)
        for header, field in pairs:
            click.echo(f"  {safe(header)} -> {safe(field)}", err=err)
    if result.skipped:
        click.echo(f"Left out {counted(len(result.skipped), 'bad row')}:", err=err)
        for line in result.skipped:
            click.echo(f"  {safe(line)}", err=err)
    for note in result.notes:
        click.echo(f"Note: {safe(note)}", err=err)
