"""Running the aggregation: on DuckDB over the raw files, or on any Ibis backend.

DuckDB reads the files where they are: plain CSV itself, and the members of zips
(GDELT ships ``NAME.export.CSV.zip``) through the filesystem of ``zips``, which
inflates each member as DuckDB reads it; nothing is unpacked to disk. DuckDB
reads the files in parallel and spills to a temporary folder when the
aggregation outgrows ``memory_limit``.

This module imports duckdb, ibis and fsspec: ``stakeholders.events`` imports it
only when asked to run something.
"""

from __future__ import annotations

import csv
import glob
import re
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import ibis

from ..errors import DataError, UsageError
from ..model import RelationKind
from ..progress import Progress
from ..terms import counted
from .feeds import ACLED_COLUMNS, ACLED_LAYOUTS, GDELT_COLUMNS, GDELT_LAYOUTS, GDELT_USED, OTHER_FILES, Feed, Layout
from .query import Filters, aggregation
from .zips import ZipMembers, csv_members, file_name, head, members

_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)
_DUCKDB_TYPES = {"int64": "BIGINT", "float64": "DOUBLE", "string": "VARCHAR", "date": "DATE"}
# ACLED has written its dates as 2024-01-15, 15 January 2024 and 15-January-2024 over the years.
_ACLED_DATES = ["%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"]


def expand(patterns: Sequence[str | Path]) -> list[Path]:
    """The files the arguments name, globs expanded, in order; ``DataError`` for one that names none."""
    found: list[Path] = []
    for pattern in patterns:
        text = str(pattern)
        matches = sorted(glob.glob(text)) if glob.has_magic(text) else [text]
        if not matches:
            raise DataError(f"no file matches {text}")
        for match in matches:
            path = Path(match)
            if not path.is_file():
                raise DataError(f"no such file: {path}" if not path.exists() else f"{path} is not a file")
            found.append(path)
    if not found:
        raise UsageError("no event file given")
    return found


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _list(items: Sequence[str]) -> str:
    return "[" + ", ".join(_literal(item) for item in items) + "]"


def _cast(name: str, kind: str) -> str:
    """A column read as text, typed: a value that is not of the type is NULL, never an error.
    ``trim`` keeps DuckDB from pushing the cast into the CSV reader, where a stray value stops the read."""
    return f"TRY_CAST(trim({name}) AS {_DUCKDB_TYPES[kind]}) AS {name}"


def _gdelt_view(files: dict[Layout, list[str]]) -> str:
    # Every column is read as text and only those the aggregation reads are typed; a line with
    # the wrong number of columns is set aside in DuckDB's reject tables and counted (``_faults``).
    # Each layout's files are read in their own columns and given GDELT 2.0's (none for those they lack).
    reads = []
    for layout, names in files.items():
        columns = ", ".join(f"{_literal(name)}: 'VARCHAR'" for name, _ in layout.columns)
        have = {name for name, _ in layout.columns}
        typed = ", ".join(
            (_cast(name, kind) if name in GDELT_USED and kind != "string" else name) if name in have else f"CAST(NULL AS VARCHAR) AS {name}"
            for name, kind in GDELT_COLUMNS
        )
        reads.append(
            f"SELECT {typed} FROM read_csv({_list(names)}, header = false, delim = '\\t', quote = '', escape = '', "
            f"auto_detect = false, store_rejects = true, columns = {{{columns}}})"
        )
    return " UNION ALL ".join(reads)


def gdelt_layouts(members: Sequence[str]) -> dict[Layout, list[str]]:
    """The files DuckDB reads (``_members``) by layout, told by the number of columns of each one's first
    line (never row by row); ``DataError`` naming a file in no known layout and what it may be."""
    found: dict[Layout, list[str]] = {}
    for member in members:
        first = head(member)
        if not first.strip():
            continue  # an empty file holds no event
        count = first.count(b"\t") + 1
        layout = GDELT_LAYOUTS.get(count)
        if layout is None:
            raise DataError(_not_gdelt(file_name(member), count, first))
        found.setdefault(layout, []).append(member)
    return found or {GDELT_LAYOUTS[61]: list(members)}


def _not_gdelt(name: str, count: int, first: bytes) -> str:
    known = ", ".join(f"{columns} ({layout.name})" for columns, layout in GDELT_LAYOUTS.items())
    text = first.decode("utf-8", "replace")
    if count == 1 and "," in text:
        headers = next(csv.reader([text]), [])
        guess = "an ACLED export? read it with stakeholders events acled" if "event_id_cnty" in headers else "comma-separated, where GDELT's are tab-separated"
        return f"{name}: not GDELT event data: {guess} (GDELT's event files have {known} tab-separated columns)"
    guess = f" ({OTHER_FILES[count]}?)" if count in OTHER_FILES else ""
    return f"{name}: {counted(count, 'tab-separated column')}{guess}, not GDELT event data: GDELT's event files have {known} columns"


def acled_layout(path: Path) -> str:
    """Which ACLED layout a file has, from its header; ``DataError`` if it lacks a column the map needs."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive, archive.open(csv_members(path)[0]) as member:
                first = member.readline().decode("utf-8-sig", "replace")
        else:
            with path.open(encoding="utf-8-sig", errors="replace") as opened:
                first = opened.readline()
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    headers = next(csv.reader([first]), [])
    missing = [name for name, _ in ACLED_COLUMNS if name not in headers]
    if missing:
        raise DataError(f"{path}: not an ACLED export: no column {', '.join(missing)} (found: {', '.join(headers[:30]) or 'nothing'})")
    return next((layout for header, layout in ACLED_LAYOUTS if header in headers), "2023+ layout")


def _acled_view(files: list[str]) -> str:
    # One read per file, by header name (the layouts order their columns apart; each file has the
    # columns, ``acled_layout`` checked): DuckDB keeps no reject tables when it unions by name itself.
    casts = {
        "event_date": f"CAST(TRY_STRPTIME(trim(event_date), {_list(_ACLED_DATES)}) AS DATE) AS event_date",
        "iso": _cast("iso", "int64"),
        "fatalities": _cast("fatalities", "int64"),
    }
    columns = ", ".join(casts.get(name, name) for name, _ in ACLED_COLUMNS)
    return " UNION ALL ".join(
        f"SELECT {columns} FROM read_csv({_list([file])}, header = true, all_varchar = true, store_rejects = true)" for file in files
    )


def check_memory_limit(limit: str) -> str:
    """A memory size DuckDB takes (``1GB``, ``512MB``, ``2GiB``); ``UsageError`` otherwise."""
    if not _MEMORY.fullmatch(limit.strip()):
        raise UsageError(f"memory limit {limit!r} is not a size such as 1GB, 512MB or 2GiB")
    return limit.strip()


class Rows:
    """The aggregated table's rows as dicts, made a batch at a time from the Arrow table the engine gives:
    the whole table as Python objects at once would cost more time and memory than the aggregation."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for batch in self.table.to_batches(max_chunksize=20_000):
            yield from batch.to_pylist()


@dataclass
class Ran:
    """What a run gave: the aggregated table's rows, what the feed says of the events it lists,
    and the lines that could not be read as rows (by fault: how many, and where the first is)."""

    rows: Rows
    notes: dict[str, tuple[str, str]]  # ACLED: event id -> (date, notes) for the events quoted
    faults: dict[str, tuple[int, str]] = field(default_factory=dict)
    layouts: dict[str, int] = field(default_factory=dict)  # GDELT: the layouts read ("GDELT 1.0 daily, 58 columns"), files of each


@contextmanager
def _duckdb(memory_limit: str) -> Iterator[duckdb.DuckDBPyConnection]:
    with tempfile.TemporaryDirectory(prefix="stakeholders-events-") as spill:
        con = duckdb.connect()
        try:
            con.execute(f"SET memory_limit = {_literal(check_memory_limit(memory_limit))}")
            con.execute(f"SET temp_directory = {_literal(spill)}")
            con.execute("SET preserve_insertion_order = false")  # the order comes from the aggregation; lets DuckDB stream
            con.execute("SET enable_progress_bar = true")
            con.execute("SET enable_progress_bar_print = false")
            yield con
        finally:
            con.close()


def run_duckdb(
    feed: Feed, paths: Sequence[Path], filters: Filters, kinds: Sequence[RelationKind], memory_limit: str, progress: Progress, quoted: int
) -> Ran:
    """Aggregate the files on DuckDB; for ACLED also fetch the notes of the first ``quoted`` events of each row."""
    files = [member for path in paths for member in members(path)]
    with _duckdb(memory_limit) as con, _engine_errors(memory_limit):
        zips = ZipMembers()
        con.register_filesystem(zips)
        layouts = gdelt_layouts(files) if feed.name == "gdelt" else {}
        view = _gdelt_view(layouts) if feed.name == "gdelt" else _acled_view(files)
        con.execute(f"CREATE VIEW events AS {view}")
        # Compiled by Ibis and run by DuckDB itself: Ibis's DuckDB backend would import pandas (half a second) for the
        # same Arrow table. The cast gives the expression's types (a sum is DuckDB's HUGEINT, the expression's int64).
        expression = aggregation(unbound(feed, "events"), feed, filters, kinds)
        sql, schema = str(ibis.to_sql(expression, dialect="duckdb")), expression.schema().to_pyarrow()
        rows = Rows(_with_progress(con, lambda: con.sql(sql).to_arrow_table().cast(schema), progress))
        faults = _faults(con)
        notes = _acled_notes(con, rows, quoted) if feed.name == "acled" else {}
    return Ran(rows, notes, faults, {layout.describe(): len(names) for layout, names in layouts.items()})


#: DuckDB's reasons for setting a line aside, in the report's words.
FAULTS = {
    "MISSING COLUMNS": "with too few columns",
    "TOO MANY COLUMNS": "with too many columns",
    "INVALID UNICODE": "that are not UTF-8 text",
    "UNQUOTED VALUE": "with a stray quote",
    "LINE SIZE OVER MAXIMUM": "longer than DuckDB reads",
}


def _faults(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """The lines the read set aside (``store_rejects``), by fault: how many, and the first one's file and line."""
    found = con.execute(
        "SELECT e.error_type, count(DISTINCT (e.scan_id, e.file_id, e.line)), arg_min(s.file_path || ':' || e.line, s.file_path || lpad(e.line::VARCHAR, 20, '0')) "
        "FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id) GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return {FAULTS.get(str(kind), f"with a fault ({str(kind).lower()})"): (int(count), file_name(str(first))) for kind, count, first in found}


def _with_progress(con: duckdb.DuckDBPyConnection, work: Any, progress: Progress) -> Any:
    """Run ``work`` while a thread reports DuckDB's progress through the files (per cent of the bytes read)."""
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.25):
            done = con.query_progress()
            if done >= 0:
                progress("reading", min(int(done), 99), 100)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        table = work()
    finally:
        finished.set()
        watcher.join()
    progress("reading", 100, 100)
    return table


@contextmanager
def _engine_errors(memory_limit: str) -> Iterator[None]:
    """DuckDB's errors as the project's, each in one sentence that says what to change.

    Ctrl-C reaches DuckDB first, mid-query, and comes out as its own exception (or
    a RuntimeError through Ibis): it is an interrupt again, for the exit code 130.
    """
    try:
        yield
    except duckdb.InterruptException:
        raise KeyboardInterrupt from None
    except duckdb.OutOfMemoryException:
        raise DataError(
            f"the events did not fit in DuckDB's memory limit of {memory_limit}: give a larger --memory-limit "
            "(the default is 1GB; DuckDB spills to disk beyond it) or fewer files at a time"
        ) from None
    except duckdb.Error as exc:
        raise DataError(_read_error(exc)) from None
    except RuntimeError as exc:
        if "interrupted" in str(exc).lower():
            raise KeyboardInterrupt from None
        raise


def _read_error(exc: Exception) -> str:
    """DuckDB's error for a row it cannot read, as file:line: what went wrong; its first line otherwise.

    DuckDB names the file on a line of its own, several lines below a first line that
    names none; a member of a zip is named as ``archive.zip:member``.
    """
    text = str(exc)
    where, line = re.search(r"^\s*file = (.+)$", text, re.M), re.search(r"CSV Error on Line: (\d+)", text)
    if where is None or line is None:
        return f"cannot read the events: {_first_line(exc)}"
    name = file_name(where.group(1).strip())
    detail = re.search(r"^(Error when converting column .*|Expected Number of Columns.*)$", text, re.M)
    return f"{name}:{line.group(1)}: not an event row of this feed" + (f": {detail.group(1).strip()}" if detail else "")


def _first_line(exc: Exception) -> str:
    """An error's sentence: its first line, or, when DuckDB passes on a Python traceback (a zip that fails its
    check as DuckDB reads it), the exception's message at its end, without the exception's name."""
    lines = str(exc).strip().splitlines()
    if not lines:
        return type(exc).__name__
    if any(line.startswith("Traceback (most recent call last)") for line in lines):
        return re.sub(r"^[\w.]+: ", "", lines[-1].strip(), count=1)
    return lines[0]


def _acled_notes(con: duckdb.DuckDBPyConnection, rows: Rows, quoted: int) -> dict[str, tuple[str, str]]:
    wanted = sorted({i for row in rows if not row["left_out"] and row["event_ids"] for i in row["event_ids"].split()[:quoted]})
    if not wanted:
        return {}
    found = con.execute(
        "SELECT event_id_cnty, CAST(event_date AS VARCHAR), notes FROM events WHERE event_id_cnty IN (SELECT UNNEST(?))", [wanted]
    ).fetchall()
    return {event_id: (date, notes) for event_id, date, notes in found if notes}


def run_backend(
    url: str, feed: Feed, table: str, filters: Filters, kinds: Sequence[RelationKind], columns: Sequence[tuple[str, str]] | None = None
) -> Ran:
    """Aggregate the feed's table ``table`` (``catalog.database.table`` or shorter) on the Ibis backend at ``url``."""
    try:
        backend = ibis.connect(url)
    except Exception as exc:  # each backend raises its own kinds
        raise UsageError(f"cannot connect to {url}: {_first_line(exc)}") from None
    try:
        rows = Rows(backend.to_pyarrow(aggregation(unbound(feed, table, columns), feed, filters, kinds)))
    except Exception as exc:
        raise DataError(f"the aggregation failed on {url}: {_first_line(exc)}") from None
    return Ran(rows, {})


def unbound(feed: Feed, table: str, columns: Sequence[tuple[str, str]] | None = None) -> Any:
    """The feed's table by name (``catalog.database.table``, ``database.table`` or ``table``), bound to no engine;
    ``columns`` for a table in another layout than the feed's (GDELT 1.0's ``gdelt-bq.full.events``)."""
    *namespace, name = table.split(".")
    catalog, database = ([None, None, *namespace])[-2:]
    schema = ibis.schema(dict(columns)) if columns is not None else feed.schema()
    return ibis.table(schema, name=name, catalog=catalog, database=database)
