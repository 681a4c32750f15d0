"""Maps from event data: stakeholders events gdelt|acled|aggregate."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from ..atomic import stem_of
from ..errors import UsageError
from ..terms import counted
from .common import Group, check_not_into_dataset, check_output, emit_json, into_dataset_option, open_dataset, progress, streamed
from .terminal import safe

_PERIODS = ("month", "week", "day")
_DIALECTS = ("bigquery", "duckdb", "postgres", "snowflake", "trino", "spark")


@click.group("events", cls=Group)
def events() -> None:
    """Make a map from event data: GDELT 2.0 or ACLED events, one relation per
    actor pair, kind and month (or week, or day).

    DuckDB reads the files where they are (CSV, or zips of CSV as GDELT ships
    them) within a memory limit. The same aggregation can be printed as SQL for
    BigQuery (where GDELT is gdelt-bq.gdeltv2.events) or another engine with
    --sql; `stakeholders events aggregate` turns its result into a map.
    Needs: pip install 'stakeholders[events]'.

    \b
    Examples:
      stakeholders events gdelt 'gdelt/*.export.CSV.zip' -o gdelt.yaml --since 2025-01
      stakeholders events acled acled.csv -o acled.yaml --data data/syria-2025.yaml
      stakeholders events gdelt --sql bigquery --country SYR --since 2025-01 > query.sql
      stakeholders events aggregate result.csv -o gdelt.yaml
    """


def _output_options(command: Any) -> Any:
    command = click.option("--format", "fmt", type=click.Choice(["text", "json"], case_sensitive=False), default="text", show_default=True,
                           help="The report: text, or json for scripts.")(command)  # fmt: skip
    command = click.option("--force", is_flag=True, help="Replace the output file if it exists.")(command)
    command = into_dataset_option(command)
    command = click.option("--data", type=click.Path(path_type=Path), metavar="DATASET",
                           help="Map the events onto this dataset's actors (those listing the codes under codes:).")(command)  # fmt: skip
    return click.option("-o", "--output", type=click.Path(path_type=Path), help="The map to write: .yaml or .json.")(command)


def _run_options(command: Any, gdelt: bool = False) -> Any:
    options = [
        click.option("--since", metavar="DATE", help="Only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Only events on or before DATE."),
        click.option("--country", "countries", multiple=True, metavar="CODE",
                     help="Only events with an actor of this country: CAMEO or ISO alpha-3 code, or ISO numeric (repeatable)."),
        click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only this relation kind (repeatable)."),
        click.option("--period", type=click.Choice(_PERIODS, case_sensitive=False), default="month", show_default=True,
                     help="What one relation spans: the events of a pair and kind in one month, ISO week or day."),
        click.option("--memory-limit", default="1GB", show_default=True, metavar="SIZE", help="DuckDB's memory limit; it spills to disk beyond."),
        click.option("--sql", "dialect", type=click.Choice(_DIALECTS, case_sensitive=False),
                     help="Print the aggregation as SQL for this engine instead of running it."),
        click.option("--backend", metavar="URL", help="Run the aggregation on this Ibis backend (ibis.connect URL) instead of DuckDB."),
        click.option("--table", metavar="NAME", help="The events table for --sql and --backend. Default: gdelt-bq.gdeltv2.events, acled."),
    ]  # fmt: skip
    if gdelt:
        options.append(click.option("--gdelt-version", type=click.Choice(["1", "2"]), default="2", show_default=True,
                                    help="The layout of the --sql or --backend table: 2 (gdelt-bq.gdeltv2.events) or 1 "
                                         "(gdelt-bq.full.events, 1979 to today). Files are told apart by their columns."))  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return _output_options(command)


def _report(result: Any, output: Path | None, fmt: str) -> None:
    """The report of what became of the events; ``output`` None when nothing was written."""
    from ..events import events_summary

    err = streamed(output)
    if fmt == "json":
        emit_json({"output": str(output) if output is not None else None, **result.to_json()}, err=err)
        return
    if output is not None:
        click.echo(f"Wrote {safe(output)}: {counted(result.actors, 'actor')}, {counted(result.relations, 'relation')}", err=err)
    for line in events_summary(result):
        click.echo(safe(line), err=err)


def _reporting_empty(run: Any) -> Any:
    """Run ``run``; when no relation came of the events, print the report of what was read and left out before the error."""
    from ..errors import EmptyResultError

    try:
        return run()
    except EmptyResultError as exc:
        fmt = click.get_current_context().params["fmt"]
        _report(exc.report, None, fmt)
        raise


def _check_map_output(output: Path, data: Path | None, force: bool, into_dataset: bool) -> None:
    from ..events import check_output as check_map

    check_map(check_output(output), force)  # the suffix, and an existing file without --force
    check_not_into_dataset(output, data, into_dataset)


def _feed_command(
    feed: str, files: tuple[str, ...], output: Path | None, data: Path | None, force: bool, into_dataset: bool, fmt: str, **options: Any
) -> None:
    dialect, backend, table = options.pop("dialect"), options.pop("backend"), options.pop("table")
    version = int(options.pop("gdelt_version", "2"))
    if version != 2 and dialect is None and backend is None:
        raise UsageError("--gdelt-version is for the table of --sql or --backend: files are read in the layout their columns show")
    if version != 2:
        options["gdelt_version"] = version
    options["period"] = options["period"].lower()
    dataset = open_dataset(data) if data is not None else None
    if dialect is not None:
        if files:
            raise UsageError("--sql prints the aggregation for another engine: give no files")
        from ..events import events_sql

        options.pop("memory_limit")
        click.echo(events_sql(feed, dialect.lower(), table=table, data=dataset, **options))
        return
    if output is None:
        raise click.UsageError("give the map to write with -o FILE (.yaml or .json)")
    if backend is None and not files:
        raise click.UsageError("give the event files to read (or --backend URL, or --sql DIALECT)")
    from ..events import import_events

    _check_map_output(output, data, force, into_dataset)
    result = _reporting_empty(
        lambda: import_events(
            feed, files, output, force=force, data=dataset, progress=progress(), backend=backend, table=table, meta=not into_dataset, **options
        )
    )
    _report(result, output, fmt)


@events.command("gdelt")
@click.argument("files", nargs=-1, metavar="FILE|GLOB...")
@functools.partial(_run_options, gdelt=True)
def gdelt(files: tuple[str, ...], **options: Any) -> None:
    """Map GDELT events: GDELT 2.0's event files (61 tab-separated columns, no
    header: NAME.export.CSV, or NAME.export.CSV.zip as GDELT ships them), GDELT
    1.0's daily files (58 columns, YYYYMMDD.export.CSV.zip) and its 1979-2013
    backfile (57 columns, no SOURCEURL), each file read in the layout its
    column count shows; a folder may mix them.

    Actor codes (Actor1Code, Actor2Code) become actors ("SYRGOV": Syria:
    government), or, with --data, the dataset's actors that list them under
    codes: {cameo: [...]}. The event code gives the kind (0871 ceasefire, 195
    airstrike, else its root: 19 armed clash...). Rows with the same actors,
    event code, place and day are one event.

    \b
    Examples:
      stakeholders events gdelt 'gdelt/2025*.export.CSV.zip' -o gdelt-2025.yaml
      stakeholders events gdelt 'gdelt/*.zip' -o map.yaml --data data/syria-2025.yaml --kind airstrike --kind armed-clash
      stakeholders events gdelt --sql bigquery --since 2025-01 --until 2025-03 --country SYR
      stakeholders events gdelt --sql bigquery --gdelt-version 1 --since 1990 --until 1999 --country SYR
      stakeholders events gdelt --backend duckdb:///events.duckdb --table events -o map.json
    """
    _feed_command("gdelt", files, **options)


@events.command("acled")
@click.argument("files", nargs=-1, metavar="FILE...")
@_run_options
def acled(files: tuple[str, ...], **options: Any) -> None:
    """Map ACLED events: a CSV export, the 2023+ layout or the older one.

    actor1 and actor2 become actors (their type from inter1 and inter2), or,
    with --data, the dataset's actors that list them under codes: {acled: [...]}.
    The sub-event type gives the kind (armed clash, air/drone strike, attack,
    protest, arrest...); fatalities are summed; the notes of the first events
    are quoted as evidence.

    \b
    Examples:
      stakeholders events acled acled-2024.csv -o acled.yaml
      stakeholders events acled acled.csv -o acled.yaml --data data/syria-2025.yaml --period week
    """
    _feed_command("acled", files, **options)


@events.command("aggregate")
@click.argument("result", type=click.Path(path_type=Path))
@_output_options
def aggregate(result: Path, output: Path | None, data: Path | None, force: bool, into_dataset: bool, fmt: str) -> None:
    """Make the map from an aggregated table another engine computed: the CSV
    of what `stakeholders events gdelt --sql bigquery` (or acled) printed.

    \b
    Examples:
      stakeholders events gdelt --sql bigquery --country SYR > query.sql
      (run query.sql on BigQuery, save the result as CSV)
      stakeholders events aggregate result.csv -o gdelt.yaml
    """
    if output is None:
        raise click.UsageError("give the map to write with -o FILE (.yaml or .json)")
    from ..events import events_map, read_aggregate, write_events_map

    _check_map_output(output, data, force, into_dataset)
    dataset = open_dataset(data) if data is not None else None
    built = events_map(read_aggregate(result), dataset, stem_of(output))
    _reporting_empty(lambda: write_events_map(built, output, force=force, meta=not into_dataset))
    _report(built, output, fmt)
