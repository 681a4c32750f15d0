"""Maps from event data: GDELT 2.0 and ACLED events aggregated into relations.

    >>> import stakeholders
    >>> result = stakeholders.import_events("gdelt", ["gdelt/*.export.CSV.zip"], "data/gdelt.yaml", since="2025-01")
    >>> print("\\n".join(stakeholders.events_summary(result)))

The aggregation (``query``) is one Ibis expression: ``aggregate_events`` runs it on
DuckDB over the raw files (``engine``), or on any Ibis backend; ``events_sql`` prints
it for another engine (BigQuery holds GDELT as ``gdelt-bq.gdeltv2.events``), whose
result ``read_aggregate`` reads back. ``events_map`` turns the aggregated table into
a dataset (``build``); ``import_events`` does it all and writes the file.

duckdb, ibis and fsspec (``pip install 'stakeholders[events]'``) are imported only
when something runs.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import is_stream, stem_of, write_atomic
from ..errors import DataError, EmptyResultError, UsageError
from ..filters import check_kinds, parse_date
from ..model import Dataset, RelationKind
from ..names import suggestion
from ..optional import missing
from ..progress import Progress, silent
from ..vocabulary import DEFAULT_KINDS
from .build import Aggregate, EventMap, build_map, summary
from .cameo import COUNTRIES
from .feeds import BY_NAME, FEEDS, Feed
from .query import AGGREGATE_COLUMNS, PERIODS, Filters

if TYPE_CHECKING:
    from .engine import Ran

__all__ = [
    "AGGREGATE_COLUMNS",
    "FEEDS",
    "PERIODS",
    "SQL_DIALECTS",
    "Aggregate",
    "EventMap",
    "aggregate_events",
    "events_map",
    "events_sql",
    "events_summary",
    "import_events",
    "read_aggregate",
    "write_events_map",
]

#: What ``events_sql`` writes for: the engines Ibis compiles to, and Spark through sqlglot.
SQL_DIALECTS = ("bigquery", "duckdb", "postgres", "snowflake", "trino", "spark")
DEFAULT_MEMORY_LIMIT = "1GB"
events_summary = summary


#: GDELT 1.0 on BigQuery: the daily files' table, back to 1979.
GDELT1_TABLE = "gdelt-bq.full.events"


def _table_columns(feed: Feed, gdelt_version: int) -> tuple[str | None, Any]:
    """The default table and the columns of the table the SQL or a backend reads: GDELT 2.0's or 1.0's."""
    if gdelt_version not in (1, 2):
        raise UsageError(f"unknown GDELT version {gdelt_version!r}; use 1 (1979 to today, daily files) or 2 (15-minute files since 2015)")
    if gdelt_version == 2:
        return None, None
    if feed.name != "gdelt":
        raise UsageError("--gdelt-version is for GDELT")
    from .feeds import GDELT1_COLUMNS

    return GDELT1_TABLE, GDELT1_COLUMNS


def _feed(name: str) -> Feed:
    if name not in BY_NAME:
        raise UsageError(f"unknown event feed {name!r}; use {' or '.join(FEEDS)}")
    return BY_NAME[name]


def _kinds(dataset: Dataset | None) -> list[RelationKind]:
    """The kinds in force, the dataset's own first (they win an event code they share with the vocabulary)."""
    own = list(dataset.kinds) if dataset is not None else []
    return own + list(DEFAULT_KINDS.values())


def _country(code: str) -> str:
    text = code.strip().upper()
    if text.isdigit():
        found = next((c for c, country in COUNTRIES.items() if country.iso == str(int(text))), None)
        if found is not None:
            return found
    elif text in COUNTRIES:
        return text
    hint = suggestion(text, list(COUNTRIES), "give a CAMEO or ISO 3166 alpha-3 code (SYR) or an ISO numeric code (760)")
    raise UsageError(f"unknown country code {code!r}" + hint)


def make_filters(
    feed: Feed,
    since: str | None = None,
    until: str | None = None,
    countries: Iterable[str] = (),
    kinds: Iterable[str] = (),
    period: str = "month",
    dataset: Dataset | None = None,
) -> Filters:
    """The filters, checked: ``InvalidDateError`` for a bad date, ``UsageError`` for anything else unknown."""
    first = parse_date(since, "since date") if since is not None else None
    last = parse_date(until, "until date") if until is not None else None
    if first is not None and last is not None and last.last < first.first:
        raise UsageError(f"the until date {last} is before the since date {first}")
    if period not in PERIODS:
        raise UsageError(f"unknown period {period!r}; use {', '.join(PERIODS)}")
    known = {kind.id: kind for kind in _kinds(dataset)}
    chosen = check_kinds(kinds, known, "see 'stakeholders kinds'")
    return Filters(first, last, tuple(dict.fromkeys(_country(c) for c in countries)), tuple(sorted(chosen)), period)


def _engine() -> Any:
    try:
        from . import engine
    except ImportError as exc:
        raise UsageError(missing(exc.name or "duckdb", "maps from event data", "events", exc)) from None
    return engine


def _dataset(data: Dataset | str | Path | None) -> Dataset | None:
    if data is None or isinstance(data, Dataset):
        return data
    from ..ingest import load

    return load(data)


def aggregate_events(
    feed: str,
    files: Sequence[str | Path] = (),
    *,
    since: str | None = None,
    until: str | None = None,
    countries: Iterable[str] = (),
    kinds: Iterable[str] = (),
    period: str = "month",
    data: Dataset | str | Path | None = None,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    backend: str | None = None,
    table: str | None = None,
    gdelt_version: int = 2,
    progress: Progress = silent,
) -> Aggregate:
    """The aggregated table of ``feed`` (gdelt or acled) events: from ``files`` (CSV or zips of CSV,
    globs allowed) on DuckDB within ``memory_limit``, or from ``table`` on the Ibis ``backend`` URL.

    ``data`` (a dataset or its path) adds its own kinds. Files are read in their own
    layout (GDELT 2.0, 1.0 daily or the 1.0 backfile, told apart by their columns);
    a ``backend`` table is in 2.0's layout unless ``gdelt_version`` is 1 (then
    ``gdelt-bq.full.events``'s). Raises ``DataError`` for files that cannot be read,
    ``UsageError`` for a bad option.
    """
    chosen = _feed(feed)
    dataset = _dataset(data)
    filters = make_filters(chosen, since, until, countries, kinds, period, dataset)
    engine = _engine()
    ran: Ran
    default, columns = _table_columns(chosen, gdelt_version)
    if backend is not None:
        ran = engine.run_backend(backend, chosen, table or default or chosen.table, filters, _kinds(dataset), columns)
        names: list[str] = []
    else:
        engine.check_memory_limit(memory_limit)
        paths = engine.expand(files)
        if chosen.name == "acled":
            for path in paths:
                engine.acled_layout(path)
        from .build import QUOTED

        ran = engine.run_duckdb(chosen, paths, filters, _kinds(dataset), memory_limit, progress, QUOTED)
        names = [path.name for path in paths]
    return Aggregate(chosen, ran.rows, names, filters.period, ran.notes, ran.faults, ran.layouts)


def events_sql(
    feed: str,
    dialect: str = "bigquery",
    *,
    table: str | None = None,
    since: str | None = None,
    until: str | None = None,
    countries: Iterable[str] = (),
    kinds: Iterable[str] = (),
    period: str = "month",
    data: Dataset | str | Path | None = None,
    gdelt_version: int = 2,
) -> str:
    """The aggregation as SQL for ``dialect`` (``SQL_DIALECTS``), over ``table`` (GDELT's default:
    BigQuery's ``gdelt-bq.gdeltv2.events``; with ``gdelt_version`` 1, ``gdelt-bq.full.events``, in
    GDELT 1.0's columns); its result is what ``read_aggregate`` reads back."""
    chosen = _feed(feed)
    if dialect not in SQL_DIALECTS:
        raise UsageError(f"unknown SQL dialect {dialect!r}; use {', '.join(SQL_DIALECTS)}")
    dataset = _dataset(data)
    filters = make_filters(chosen, since, until, countries, kinds, period, dataset)
    engine = _engine()
    from .query import aggregation, to_sql

    default, columns = _table_columns(chosen, gdelt_version)
    expression = aggregation(engine.unbound(chosen, table or default or chosen.table, columns), chosen, filters, _kinds(dataset))
    if dialect != "spark":
        return to_sql(expression, dialect)
    return spark_sql(to_sql(expression, "duckdb"))


def spark_sql(duckdb_sql: str) -> str:
    """DuckDB's SQL of the aggregation for Spark 4.0 or later (``LISTAGG`` came in 4.0), through sqlglot:
    Ibis compiles for Spark only with pyspark installed.

    Two rewrites, each found running the SQL on a local Spark 4.3: Ibis gives ``ROW_NUMBER()``
    an explicit frame (rows between unbounded preceding and following) that Spark refuses for
    a ranking function, so the frame is dropped; and ``COLLECT_LIST(DISTINCT ...)`` beside
    ``LISTAGG ... WITHIN GROUP`` in one aggregation fails in Spark's optimizer (a
    ClassCastException in RewriteDistinctAggregates), so it is written ``COLLECT_SET``, the same list.
    """
    import sqlglot
    from sqlglot import expressions

    def for_spark(node: expressions.Expression) -> expressions.Expression:
        if isinstance(node, expressions.Window) and isinstance(node.this, expressions.RowNumber):
            node.set("spec", None)
        if isinstance(node, expressions.ArrayAgg) and isinstance(node.this, expressions.Distinct):
            return expressions.Anonymous(this="COLLECT_SET", expressions=list(node.this.expressions))
        return node

    tree = sqlglot.parse_one(duckdb_sql, read="duckdb").transform(for_spark)
    return str(tree.sql(dialect="spark", pretty=True))


_INTEGERS = {"events", "records", "sources", "fatalities"}


def read_aggregate(path: str | Path) -> Aggregate:
    """The aggregated table another engine made (CSV with ``AGGREGATE_COLUMNS`` as headers)."""
    file = Path(path)
    try:
        with file.open(encoding="utf-8-sig", newline="") as opened:
            reader = csv.DictReader(opened)
            missing = [name for name in AGGREGATE_COLUMNS if name not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{file}: not an aggregated table: no column {', '.join(missing)}; see AGGREGATE_COLUMNS")
            rows = [_typed(row, file, number) for number, row in enumerate(reader, 2)]
    except FileNotFoundError:
        raise DataError(f"no such file: {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {file}: {exc}") from None
    feeds = {row["feed"] for row in rows}
    units = {row["period_unit"] for row in rows}
    if len(feeds) != 1 or len(units) != 1:
        raise DataError(f"{file}: the rows must come from one feed and one period unit; found {sorted(feeds | units) or 'no rows'}")
    return Aggregate(_feed(feeds.pop()), rows, [], _period(units.pop(), file))


def _period(unit: str, file: Path) -> str:
    if unit not in PERIODS:
        raise DataError(f"{file}: unknown period_unit {unit!r}; use {', '.join(PERIODS)}")
    return unit


def _typed(row: dict[str, str], file: Path, number: int) -> dict[str, Any]:
    typed: dict[str, Any] = {}
    for name in AGGREGATE_COLUMNS:
        text = (row.get(name) or "").strip()
        try:
            typed[name] = None if not text else int(float(text)) if name in _INTEGERS else float(text) if name == "goldstein" else text
        except ValueError:
            raise DataError(f"{file}:{number}: {name} is not a number: {text!r}") from None
    return typed


def events_map(aggregate: Aggregate, data: Dataset | str | Path | None = None, name: str | None = None) -> EventMap:
    """The map the aggregated table makes, onto ``data``'s actors (those listing the codes) if given."""
    return build_map(aggregate, _dataset(data), name)


def check_output(output: str | Path, force: bool = False) -> Path:
    """Where a map may be written: a .yaml, .yml or .json file, not one that exists unless ``force``, or a stream (YAML)."""
    target = Path(output)
    if is_stream(target):
        return target  # written as YAML
    if target.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise UsageError(f"{target}: a map is written as YAML (.yaml) or JSON (.json)")
    if not force and target.exists():
        raise UsageError(f"{target} exists; use --force to replace it")
    return target


def write_events_map(result: EventMap, output: str | Path, *, force: bool = False, meta: bool = True) -> Path:
    """Write the map, YAML or JSON by the suffix (YAML to a stream); never replaces a file unless ``force``.
    Without ``meta`` the file is a part of another map (a dataset's folder), whose meta stays in force.

    JSON is written as the engine made it: the head indented, then one relation a line,
    streamed (``EventMap.relation_texts``), with no Python object per relation. The map
    is not validated again: the tests load what this writes, at every size they make.
    """
    target = check_output(output, force)
    if not result.relations:
        raise EmptyResultError("no relation came out of the events (see the report above); nothing was written", result)
    head = {key: value for key, value in result.head.items() if meta or key != "meta"}
    if target.suffix.lower() == ".json":
        return write_atomic(target, _json_chunks(head, result), replace=force)
    from ..yamltext import yaml_text

    data = {key: value for key, value in result.data.items() if meta or key != "meta"}
    return write_atomic(target, [yaml_text(data)], replace=force)


def _json_chunks(head: dict[str, Any], result: EventMap) -> Iterator[str | memoryview]:
    """The map as JSON: ``head``'s sections, then the relations, one a line, as the engine laid them out in memory."""
    from .assemble import joined

    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "relations": [\n'
    if result.texts is not None:
        yield from joined(result.texts)
    yield "\n ]" + (f',\n "kinds": {json.dumps(result.kinds, ensure_ascii=False)}' if result.kinds else "") + "\n}\n"


def import_events(
    feed: str,
    files: Sequence[str | Path],
    output: str | Path,
    *,
    force: bool = False,
    data: Dataset | str | Path | None = None,
    progress: Progress = silent,
    meta: bool = True,
    **options: Any,
) -> EventMap:
    """Aggregate ``files`` (``aggregate_events``'s ``options``), make the map and write it to ``output``
    (without its meta unless ``meta``: see ``write_events_map``)."""
    started = time.perf_counter()
    check_output(output, force)  # again as the file is put in place; here so that a long run does not end in vain
    dataset = _dataset(data)
    aggregate = aggregate_events(feed, files, data=dataset, progress=progress, **options)
    result = build_map(aggregate, dataset, stem_of(output), options.get("memory_limit", DEFAULT_MEMORY_LIMIT))
    write_events_map(result, output, force=force, meta=meta)
    result.seconds = time.perf_counter() - started
    return result
