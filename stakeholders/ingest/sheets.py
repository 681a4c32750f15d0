"""Node and edge sheets in the layouts of Gephi, Kumu and Onodo: written by the
CSV exporter, read back by ``stakeholders import``.

One table of columns per tool (``LAYOUTS``) serves both ways, so a map exported
to CSV and imported again gives the same actors and relations. Each tool's own
headers come first (Gephi ``Id, Label`` / ``Source, Target, Type, Id, Label,
Weight``; Kumu ``Label, Type, Description, Tags`` / ``From, To, Type``; Onodo
``Name, Type, Description`` / ``Source, Type, Target, Directed, At, From, To``),
then our other fields under their own names.

Beside them, the same for every tool: a sheet of sources (``sources.csv``) and
one of the dataset's own relation kinds (``kinds.csv``), so that nothing of a map
is lost on the way out and back.

Cells: lists (aliases, tags, via) are joined with ``|`` (a JSON array when an
item holds a ``|``); evidence and attributes are JSON; dates are partial dates
(``2025``, ``2025-01``, ``2025-01-07``). Text that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) or
that starts with ``'`` is written behind a ``'`` that reading removes.

Reading takes sheets from any of the three tools (CSV files, a zip of them, or
XLSX workbooks with openpyxl). CSV is read as RFC 4180 (doubled quotes, line
breaks inside quoted cells, CRLF or LF, UTF-8 with or without a BOM): only the
delimiter is guessed (comma, semicolon, tab or pipe), from whole records. It
tells node, edge, source and kind sheets and the tool apart by their headers,
maps known headers to fields and keeps other columns as attributes. A row it
cannot use is named by its sheet, its row as the spreadsheet shows it (the
header is row 1) and its column; by default one bad row means nothing is written.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from ..atomic import stem_of, write_atomic
from ..errors import (
    AmbiguousActorError,
    BadRowsError,
    DataError,
    FileTooLargeError,
    UnknownActorError,
    UsageError,
    ValidationError,
)
from ..model import ACTOR_TYPES, Actor, Dataset, Relation, RelationKind, Source, fields_of, polarity_name
from ..names import NameIndex, closest_words, free_id, slug
from ..optional import require
from ..terms import FLAVORS, actor_type_of
from ..vocabulary import DEFAULT_KINDS, unknown_kind
from ..yamltext import yaml_text
from . import from_dict
from .read import DEFAULT_MAX_BYTES
from .wording import error_message

#: What a CSV delimiter may be: Excel writes semicolons in many locales.
DELIMITERS = (",", ";", "\t", "|")
_FORMULA_START = tuple("=+-@\t\r")
# A zip member (a CSV, or the XML inside an XLSX) expanding this many times over, and big, is refused as a bomb.
_BOMB_RATIO = 100
_BOMB_SIZE = 16 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """A sheet column: its header, the field it holds (None: derived, ignored on reading) and how."""

    header: str
    field: str | None
    codec: str = "text"


@dataclass(frozen=True)
class Layout:
    nodes_file: str
    edges_file: str
    nodes: tuple[Column, ...]
    edges: tuple[Column, ...]


_CODECS = {
    "aliases": "list",
    "tags": "list",
    "via": "list",
    "evidence": "json",
    "attributes": "json",
    "codes": "json",
    "polarity": "polarity",
    "weight": "number",
    "confidence": "number",
    "influence": "number",
    "goldstein": "number",
    "aligns": "boolean",
}


def _ours(*fields: str) -> tuple[Column, ...]:
    return tuple(Column(name, name, _CODECS.get(name, "text")) for name in fields)


LAYOUTS: dict[str, Layout] = {
    "gephi": Layout(
        "nodes.csv",
        "edges.csv",
        (Column("Id", "id"), Column("Label", "name"), *_ours("type", "country", "aliases", "description", "tags", "start", "end", "attributes", "codes", "influence")),
        (
            Column("Source", "source"),
            Column("Target", "target"),
            Column("Type", "directed", "directed"),
            Column("Id", "id"),
            Column("Label", None, "label"),
            Column("Weight", "weight", "number"),
            *_ours("kind", "polarity", "mode", "via", "status", "start", "end", "confidence", "description", "evidence", "tags", "attributes"),
        ),
    ),
    "kumu": Layout(
        "elements.csv",
        "connections.csv",
        (
            Column("ID", "id"),
            Column("Label", "name"),
            Column("Type", "type"),
            Column("Description", "description"),
            Column("Tags", "tags", "list"),
            *_ours("country", "aliases", "start", "end", "attributes", "codes", "influence"),
        ),
        (
            Column("From", "source"),
            Column("To", "target"),
            Column("Type", "kind"),
            Column("Direction", "directed", "directed"),
            Column("ID", "id"),
            Column("Description", "description"),
            Column("Tags", "tags", "list"),
            *_ours("polarity", "mode", "via", "status", "start", "end", "weight", "confidence", "evidence", "attributes"),
        ),
    ),
    "onodo": Layout(
        "nodes.csv",
        "relations.csv",
        (
            Column("Name", "name"),
            Column("Type", "type"),
            Column("Description", "description"),
            *_ours("id", "country", "aliases", "tags", "start", "end", "attributes", "codes", "influence"),
        ),
        (
            Column("Source", "source", "name"),
            Column("Type", "kind"),
            Column("Target", "target", "name"),
            Column("Directed", "directed", "directed"),
            Column("At", "at", "at"),
            Column("From", "start", "from"),
            Column("To", "end", "from"),
            Column("Description", "description"),
            *_ours("id", "polarity", "mode", "via", "status", "weight", "confidence", "evidence", "tags", "attributes"),
            # Onodo names the ends; their ids follow, so that actors sharing a name come back apart.
            Column("source_id", "source"),
            Column("target_id", "target"),
        ),
    ),
}

#: The sheets every tool's export holds beside its nodes and edges.
SOURCES_FILE, SOURCE_COLUMNS = "sources.csv", _ours(*fields_of(Source))
KINDS_FILE = "kinds.csv"
KIND_COLUMNS = tuple(Column(c.header, c.field, "directed" if c.field == "directed" else c.codec) for c in _ours(*fields_of(RelationKind)))

# How each tool's direction column says directed and undirected.
_DIRECTION_WORDS = {
    "Type": ("Directed", "Undirected"),
    "Direction": ("directed", "undirected"),
    "Directed": ("true", "false"),
    "directed": ("true", "false"),
}
_TRUE = {"directed", "true", "yes", "1", "mutual"}
_FALSE = {"undirected", "false", "no", "0"}


# Writing


def _guard(text: str) -> str:
    # A leading ' is doubled too, so that reading, which takes one off, gives back what was written.
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def _list_cell(items: Sequence[str]) -> str:
    # "|" joins items as the tools expect; an item that holds one, or a list that could be
    # read as JSON, is written as a JSON array instead, which reading tells apart.
    if any("|" in item for item in items) or items[0].startswith("["):
        return json.dumps(list(items), ensure_ascii=False)
    return _guard("|".join(items))


def _cell(column: Column, record: dict[str, Any], names: dict[str, str]) -> str:
    codec, value = column.codec, record.get(column.field or "")
    if codec == "label":
        return _guard(record["label"])
    if codec == "at":
        start, end = record.get("start"), record.get("end")
        return str(start) if start is not None and start == end else ""
    if codec == "from" and record.get("start") is not None and record.get("start") == record.get("end"):
        return ""
    if value is None or value == [] or value == {} or value == ():
        return ""
    if codec == "directed":
        return _DIRECTION_WORDS[column.header][0 if value else 1]
    if codec == "boolean":
        return "true" if value else "false"
    if codec == "number":
        return str(value)  # the shortest text that reads back as the same float; a number is no formula
    if codec == "name":
        return _guard(names[value])
    if codec == "polarity":
        return polarity_name(value)
    if codec == "list":
        return _list_cell(value)
    if codec == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _guard(str(value))


def _csv_line(cells: Sequence[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


def actor_record(actor: Actor) -> dict[str, Any]:
    return actor.model_dump(exclude_defaults=True)


def relation_record(relation: Relation, label: str) -> dict[str, Any]:
    record = relation.model_dump(exclude_defaults=True, exclude={"evidence"})
    record.update(directed=relation.directed, polarity=relation.polarity, label=label)
    if relation.evidence:
        record["evidence"] = [e.model_dump(exclude_none=True) for e in relation.evidence]
    return record


def generate_sheet(columns: Sequence[Column], records: Iterable[dict[str, Any]], names: dict[str, str]) -> Iterator[str]:
    """CSV lines: the headers, then one row per record."""
    yield _csv_line([c.header for c in columns])
    for record in records:
        yield _csv_line([_cell(c, record, names) for c in columns])


def generate_extra_sheets(dataset: Dataset) -> dict[str, Iterator[str]]:
    """The sources sheet, the sheet of the dataset's own kinds, the stories sheet and the positions sheet, by file
    name, when it has any."""
    sheets: dict[str, Iterator[str]] = {}
    if dataset.sources:
        sheets[SOURCES_FILE] = generate_sheet(SOURCE_COLUMNS, (s.model_dump(exclude_defaults=True) for s in dataset.sources), {})
    if dataset.kinds:
        sheets[KINDS_FILE] = generate_sheet(KIND_COLUMNS, (k.model_dump() for k in dataset.kinds), {})
    if dataset.stories:
        from .story_sheet import STORIES_FILE, STORY_COLUMNS, story_rows

        sheets[STORIES_FILE] = generate_sheet(STORY_COLUMNS, story_rows(dataset.stories), {})
    if dataset.issues or dataset.positions:
        from .position_sheet import POSITION_COLUMNS, POSITIONS_FILE, position_rows

        sheets[POSITIONS_FILE] = generate_sheet(POSITION_COLUMNS, position_rows(dataset.issues, dataset.positions), {})
    return sheets


def check_flavor(flavor: str) -> Layout:
    if flavor not in LAYOUTS:
        raise UsageError(f'unknown CSV flavor "{flavor}"; use {", ".join(FLAVORS)}')
    return LAYOUTS[flavor]


# Reading


@dataclass
class Sheet:
    """A table read from a file: where it came from, its headers, and its rows of text by row number.

    Row numbers are those a spreadsheet shows: the header is row 1, blank rows count.
    """

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str | None = None


@dataclass
class SheetImport:
    """What an import made: the dataset as plain data, and what happened on the way.

    ``mappings`` holds, per sheet, its kind (nodes, edges, sources or kinds),
    tool and ``(header, field)`` pairs; ``skipped`` the bad rows, each with where
    and why; ``notes`` what was changed to fit (an unknown actor type read as
    other...) and how CSV files were read.
    """

    data: dict[str, Any]
    mappings: list[tuple[str, str, str, list[tuple[str, str]]]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def dataset(self) -> Dataset:
        return from_dict(self.data)


def read_tables(
    path: Path, *, delimiter: str | None = None, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Sheet]:
    """The tables in a CSV file, a zip of CSV files or an XLSX workbook.

    Files (and what a zip or workbook expands to) above ``max_bytes`` are refused,
    and so are zip members that expand suspiciously (a zip bomb).
    """
    suffix = path.suffix.lower()
    if suffix not in (".zip", ".xlsx", ".csv", ".tsv", ".txt"):
        raise UsageError(f"{path}: cannot import {suffix or 'a file without suffix'}; give .csv, .zip or .xlsx files")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(path, size, max_bytes)
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = sorted(n for n in archive.namelist() if n.lower().endswith(".csv"))
                if not members:
                    raise DataError(f"{path}: no CSV file in the zip")
                _check_expansion(path, archive, max_bytes)
                return [_csv_table(f"{path}:{n}", _member(archive, n, max_bytes), delimiter, encoding) for n in members]
        if suffix == ".xlsx":
            return _xlsx_tables(path, max_bytes)
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)  # bounded even if the file grows while read
        if len(raw) > max_bytes:
            raise FileTooLargeError(path, None, max_bytes)
        return [_csv_table(str(path), raw, delimiter, encoding)]
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise DataError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def _check_expansion(path: Path, archive: zipfile.ZipFile, max_bytes: int) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > _BOMB_SIZE and info.file_size > _BOMB_RATIO * max(info.compress_size, 1):
            raise DataError(f"{path}: {info.filename} expands {info.file_size // max(info.compress_size, 1):,} times over; refused as a zip bomb")
    if total > max_bytes:
        raise DataError(f"{path}: expands to {total:,} bytes, above the limit of {max_bytes:,}; set STAKEHOLDERS_MAX_BYTES to allow more")


def _member(archive: zipfile.ZipFile, name: str, max_bytes: int) -> bytes:
    # The sizes a zip declares may lie: read no more than the limit, whatever they say.
    with archive.open(name) as member:
        raw = member.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise DataError(f"{archive.filename}:{name}: expands beyond the limit of {max_bytes:,} bytes; refused")
    return raw


def check_encoding(encoding: str) -> str:
    """The codec's name, or ``UsageError`` for one Python does not know."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f'unknown encoding "{encoding}"; for sheets saved by Excel try cp1252 or latin-1') from None


def check_delimiter(delimiter: str) -> str:
    named = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|", "\\t": "\t"}
    chosen = named.get(delimiter.lower(), delimiter)
    if chosen not in DELIMITERS:
        raise UsageError(f'unknown delimiter "{delimiter}"; use comma, semicolon, tab or pipe')
    return chosen


def _decode(name: str, raw: bytes, encoding: str | None) -> str:
    if encoding is not None:
        return raw.decode(check_encoding(encoding), errors="strict").removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"{name}: not UTF-8 text: byte {exc.start} (0x{raw[exc.start]:02x}) on line {line} cannot be decoded;"
            " if Excel saved it, try --encoding cp1252 (or latin-1), or save it as CSV UTF-8"
        ) from None


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    # RFC 4180, whatever the file: doubled quotes inside quoted cells, line breaks in them, CRLF or LF.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    return [row for _, row in zip(range(limit), reader, strict=False)] if limit is not None else list(reader)


def _guess_delimiter(text: str) -> str:
    """The delimiter that splits whole records most consistently: the most records with
    as many cells as the header, then the widest header; a comma when none splits anything."""
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in _records(text, delimiter, 200) if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(row) == width for row in rows) / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_table(name: str, raw: bytes, delimiter: str | None, encoding: str | None) -> Sheet:
    text = _decode(name, raw, encoding)
    if "\x00" in text:
        raise DataError(f"{name}: binary data, not a CSV sheet (a NUL byte at character {text.index(chr(0))})")
    chosen = check_delimiter(delimiter) if delimiter is not None else _guess_delimiter(text)
    try:
        rows = _records(text, chosen)
    except csv.Error as exc:
        raise DataError(f"{name}: not a readable CSV file: {exc}") from None
    sheet = _table(name, rows)
    sheet.delimiter = chosen
    return sheet


def _xlsx_tables(path: Path, max_bytes: int) -> list[Sheet]:
    openpyxl = require("openpyxl", "reading .xlsx files", "xlsx")
    try:
        with zipfile.ZipFile(path) as archive:  # a workbook is a zip of XML: checked before openpyxl expands it
            _check_expansion(path, archive, max_bytes)
    except zipfile.BadZipFile:
        raise DataError(f"{path}: not a readable XLSX workbook: not a zip file") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise DataError(f"{path}: not a readable XLSX workbook: {exc}") from None
    try:
        return [
            _table(f"{path}:{sheet.title}", [[_xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(name: str, rows: list[list[str]]) -> Sheet:
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        return Sheet(name, [], [])
    (_, headers), *rest = numbered
    return Sheet(name, [h.strip() for h in headers], rest)


def _key(header: str) -> str:
    return re.sub(r"[\s-]+", "_", header.strip().lower())


_ENDS = ({"source", "target"}, {"from", "to"})


def _classify(headers: list[str], flavor: str | None) -> tuple[str, str]:
    """Whether a sheet holds nodes, edges, sources, kinds, stories or positions, and in which tool's layout."""
    from .position_sheet import POSITION_KEYS  # modules that build on this one: imported when used
    from .story_sheet import STORY_KEYS

    keys = {_key(h) for h in headers}
    if _ENDS[0] <= keys:
        return "edges", flavor or ("onodo" if "directed" in keys else "gephi")
    if _ENDS[1] <= keys:
        return "edges", flavor or "kumu"
    if {"id", "title"} <= keys and not keys & {"label", "name", "type"}:
        return "sources", "ours"
    if {"id", "polarity", "directed"} <= keys:
        return "kinds", "ours"
    if STORY_KEYS <= keys:
        return "stories", "ours"
    if POSITION_KEYS <= keys:
        return "positions", "ours"
    return "nodes", flavor or ("onodo" if "name" in keys and "label" not in keys else ("gephi" if "Id" in headers else "kumu"))


def _mapping(headers: list[str], columns: Sequence[Column], model_fields: Iterable[str]) -> list[tuple[str, Column | None]]:
    by_key = {_key(c.header): c for c in columns}
    ours = set(model_fields)
    mapped: list[tuple[str, Column | None]] = []
    for header in headers:
        key = _key(header)
        column = by_key.get(key)
        if column is None and key in ours:
            column = Column(header, key, _CODECS.get(key, "text"))
        mapped.append((header, column))
    return mapped


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'")) else text


def _decode_cell(column: Column, text: str) -> Any:
    if column.codec == "list":
        if text.startswith("["):
            try:
                items = json.loads(text)
            except json.JSONDecodeError:
                items = None
            if isinstance(items, list) and all(isinstance(item, str) for item in items):
                return items
        return [part.strip() for part in _unguard(text).split("|") if part.strip()]
    if column.codec == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON: {exc.msg} at character {exc.pos}") from None
    if column.codec in ("directed", "boolean"):
        word = text.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        what = "a direction; use directed or undirected" if column.codec == "directed" else "true or false"
        raise ValueError(f'"{text}" is not {what}')
    if column.codec == "number":
        try:
            return float(_unguard(text))
        except ValueError:
            raise ValueError(f'"{text}" is not a number') from None
    return _unguard(text)


@dataclass(frozen=True)
class _Row:
    """One row of a sheet as a record, with where it stands and which header holds each field."""

    where: str
    record: dict[str, Any]
    headers: dict[str, str]

    def bad(self, message: str, field: str | None = None) -> str:
        header = self.headers.get(field or "")
        return f"{self.where}, column {header}: {message}" if header else f"{self.where}: {message}"


def _rows(sheet: Sheet, mapped: list[tuple[str, Column | None]], skipped: list[str]) -> Iterator[_Row]:
    """The sheet's rows as records; a cell that cannot be read makes its row bad."""
    headers = {column.field: header for header, column in mapped if column is not None and column.field}
    headers.setdefault("start", headers.get("at", "start"))
    headers.setdefault("end", headers.get("at", "end"))
    for number, cells in sheet.rows:
        where = f"{sheet.name} row {number}"
        record: dict[str, Any] = {}
        problems = []
        for (header, column), text in zip(mapped, cells, strict=False):
            # Cells are taken as written, spaces and all; only an empty cell means no value.
            if text == "" or (column is not None and column.field is None):
                continue
            if column is None:
                record.setdefault("attributes", {})[header] = text
                continue
            try:
                value = _decode_cell(column, text)
            except ValueError as exc:
                problems.append(f"{where}, column {header}: {exc}")
                continue
            if column.field == "at":
                record["start"] = record["end"] = value
            elif column.field == "attributes":
                if not isinstance(value, dict):
                    problems.append(f"{where}, column {header}: attributes are a JSON object of names and values")
                    continue
                record.setdefault("attributes", {}).update(value)
            else:
                record[column.field] = value
        if problems:
            skipped.extend(problems)
            continue
        yield _Row(where, record, headers)


def _invalid(row: _Row, exc: pydantic.ValidationError) -> list[str]:
    """Pydantic's errors for a row, each named by the column that holds the field."""
    found = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        message = error_message(error)
        value = error.get("input")
        if error["type"] not in ("partial_date", "bad_url", "attribute_value") and isinstance(value, (str, int, float)) and len(str(value)) <= 60:
            message += f", got {value!r}"
        if len(loc) > 1:
            message = f"{'.'.join(str(p) for p in loc[1:])}: {message}"
        found.append(row.bad(message, str(loc[0]) if loc else None))
    return found


Mapped = list[tuple[Sheet, list[tuple[str, Column | None]]]]


def read_sheets(
    paths: Sequence[str | Path],
    flavor: str | None = None,
    name: str | None = None,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SheetImport:
    """Read node, edge, source and kind sheets into a dataset (as plain data), with a report.

    ``flavor`` forces the tool's layout (gephi, kumu or onodo) instead of
    guessing it from the headers; ``delimiter`` and ``encoding`` force how CSV
    files are read (by default: RFC 4180, the delimiter guessed, UTF-8). Bad rows
    are left out and listed in ``skipped``. Raises ``DataError`` when a file
    cannot be read, or when the sheets hold no actors or no relation at all.
    """
    if flavor is not None:
        check_flavor(flavor)
    if encoding is not None:
        check_encoding(encoding)
    if delimiter is not None:
        check_delimiter(delimiter)
    result = SheetImport({})
    found: dict[str, Mapped] = {"nodes": [], "edges": [], "sources": [], "kinds": [], "stories": [], "positions": []}
    headers_seen: list[str] = []
    for path in paths:
        for sheet in read_tables(Path(path), delimiter=delimiter, encoding=encoding, max_bytes=max_bytes):
            if not sheet.headers:
                result.notes.append(f"{sheet.name}: empty, ignored")
                continue
            headers_seen.append(f"{sheet.name}: {', '.join(sheet.headers)}")
            if sheet.delimiter is not None:
                result.notes.append(f"{sheet.name}: read as CSV with the delimiter {_DELIMITER_NAMES[sheet.delimiter]}")
            kind, tool = _classify(sheet.headers, flavor)
            columns, fields = _COLUMNS[kind](tool)
            mapped = _mapping(sheet.headers, columns, fields)
            pairs = [(h, "ignored (derived)" if c is not None and c.field is None else (c.field if c else f"attributes.{h}")) for h, c in mapped]
            result.mappings.append((sheet.name, kind, tool, [(h, str(f)) for h, f in pairs]))
            found[kind].append((sheet, mapped))
    expected = "an edge sheet has Source and Target (Gephi, Onodo) or From and To (Kumu) columns"
    if not found["nodes"]:
        raise DataError("no node sheet among the files (headers found: " + "; ".join(headers_seen) + "); a node sheet has Id and Label (Gephi), Label (Kumu) or Name (Onodo) columns")
    if not found["edges"]:
        raise DataError("no edge sheet among the files (headers found: " + "; ".join(headers_seen) + f"); {expected}")
    kinds = _read_kinds(found["kinds"], result)
    known_kinds = {**DEFAULT_KINDS, **{k["id"]: RelationKind.model_validate(k) for k in kinds}}
    sources = _read_sources(found["sources"], result)
    actors = _read_actors(found["nodes"], result)
    index = NameIndex(Actor.model_validate(a) for a in actors)
    cited = {s["id"] for s in sources} if found["sources"] else None
    relations, origins = _read_relations(found["edges"], index, known_kinds, cited, result)
    if not relations and not result.skipped:
        raise DataError(f"no relation in the edge sheets; {expected}, and a row for each relation")
    if cited is None:
        stubs = sorted({e["source"] for r in relations for e in r.get("evidence", [])})
        sources = [{"id": s, "title": s, "kind": "other"} for s in stubs]
        if stubs:
            result.notes.append(f"evidence cites {len(stubs)} sources the sheets do not describe: added with their id as title")
    result.data = {
        "meta": {"title": f"Imported from {', '.join(Path(p).name for p in paths)}", **({"name": name} if name else {})},
        "sources": sources,
        "actors": actors,
        "relations": relations,
        **({"kinds": kinds} if kinds else {}),
        **({"stories": stories} if (stories := _read_stories(found["stories"], result)) else {}),
        **_read_positions(found["positions"], result),
    }
    _check_whole(result, origins)
    return result


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_COLUMNS = {
    "nodes": lambda tool: (LAYOUTS[tool].nodes, fields_of(Actor)),
    "edges": lambda tool: (LAYOUTS[tool].edges, fields_of(Relation)),
    "sources": lambda tool: (SOURCE_COLUMNS, fields_of(Source)),
    "kinds": lambda tool: (KIND_COLUMNS, fields_of(RelationKind)),
    "stories": lambda tool: _story_columns(),
    "positions": lambda tool: _position_columns(),
}


def _position_columns() -> tuple[tuple[Column, ...], dict[str, Any]]:
    from .position_sheet import POSITION_COLUMNS

    return POSITION_COLUMNS, {}


def _read_positions(sheets: Mapped, result: SheetImport) -> dict[str, list[dict[str, Any]]]:
    """The issues and positions of the positions sheets, as the dataset's sections (none when there are none)."""
    from .position_sheet import positions_of

    issues, positions = positions_of(_placed_records(sheets, result), result.skipped)
    return {**({"issues": issues} if issues else {}), **({"positions": positions} if positions else {})}


def _story_columns() -> tuple[tuple[Column, ...], dict[str, Any]]:
    from .story_sheet import STORY_COLUMNS

    return STORY_COLUMNS, {}


def _check_whole(result: SheetImport, origins: Mapping[tuple[str, int], str]) -> None:
    """The last check, on the map as a whole; a problem it finds is named by the row it came from."""
    try:
        from_dict(result.data)
    except ValidationError as exc:
        rows = []
        for problem in exc.problems:
            place = re.match(r"(\w+)\[(\d+)\]\S*: ", problem.message)
            where = origins.get((place[1], int(place[2]))) if place else None
            rows.append(f"{where}: {problem.message[place.end():]}" if where and place else problem.message)
        raise BadRowsError(rows) from None


def _read_records(
    sheets: Mapped, model: type, result: SheetImport, prepare: Callable[[_Row, set[str]], bool] | None = None
) -> Iterator[tuple[_Row, dict[str, Any]]]:
    """Rows checked against ``model``, with ids unique; bad rows go to ``result.skipped``.

    ``prepare`` may fill in a row's record first (given the ids taken so far), or refuse the row.
    """
    seen: set[str] = set()
    for sheet, mapped in sheets:
        for row in _rows(sheet, mapped, result.skipped):
            record = row.record
            if prepare is not None and not prepare(row, seen):
                continue
            if "id" not in record:
                result.skipped.append(row.bad("no id", "id") if "id" in row.headers else f"{row.where}: no id column")
                continue
            if record["id"] in seen:
                result.skipped.append(row.bad(f'duplicate id "{record["id"]}"', "id"))
                continue
            try:
                model.model_validate(record)
            except pydantic.ValidationError as exc:
                result.skipped.extend(_invalid(row, exc))
                continue
            seen.add(record["id"])
            yield row, _ordered(record, fields_of(model))


def _read_sources(sheets: Mapped, result: SheetImport) -> list[dict[str, Any]]:
    return [record for _, record in _read_records(sheets, Source, result)]


def _placed_records(sheets: Mapped, result: SheetImport) -> list[tuple[str, dict[str, Any]]]:
    """Every row's record with where it is (``sheet:row``), bad rows to ``result.skipped``: for the sheets whose rows
    make records together (a story's steps, an issue's positions)."""
    return [(row.where, row.record) for sheet, mapped in sheets for row in _rows(sheet, mapped, result.skipped)]


def _read_stories(sheets: Mapped, result: SheetImport) -> list[dict[str, Any]]:
    from .story_sheet import stories_of

    return stories_of(_placed_records(sheets, result), result.skipped)


def _read_kinds(sheets: Mapped, result: SheetImport) -> list[dict[str, Any]]:
    return [record for _, record in _read_records(sheets, RelationKind, result)]


def _read_actors(sheets: Mapped, result: SheetImport) -> list[dict[str, Any]]:
    def prepare(row: _Row, seen: set[str]) -> bool:
        # Foreign sheets may give only a name (an id is made from it) and types of their own.
        record = row.record
        if "name" not in record and "id" not in record:
            result.skipped.append(f"{row.where}: no name or id")
            return False
        record.setdefault("name", record.get("id"))
        if "id" not in record:
            base = slug(record["name"]) or f"actor-{len(seen) + 1}"
            record["id"] = free_id(base, seen)
        given = record.get("type")
        known = actor_type_of(given) if isinstance(given, str) else None
        if known is not None:
            record["type"] = known
        elif given is not None:
            close = closest_words(str(given), ACTOR_TYPES, limit=1)
            hint = f" (the closest type is {close[0]})" if close else f" (the types: {', '.join(ACTOR_TYPES)})"
            result.notes.append(f'{row.where}: unknown actor type "{given}" read as other{hint}; the sheet\'s word is kept in attributes.type')
            record.setdefault("attributes", {})["type"] = given
            record["type"] = "other"
        else:
            record["type"] = "other"
        return True

    return [record for _, record in _read_records(sheets, Actor, result, prepare)]


def _read_relations(
    sheets: Mapped, index: NameIndex, kinds: Mapping[str, RelationKind], sources: set[str] | None, result: SheetImport
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    relations: list[dict[str, Any]] = []
    origins: dict[tuple[str, int], str] = {}
    ids: set[str] = set()
    for sheet, mapped in sheets:
        for row in _rows(sheet, mapped, result.skipped):
            problems = _relation_problems(row, index, kinds, sources, ids)
            if problems:
                result.skipped.extend(problems)
                continue
            record = {k: v for k, v in row.record.items() if v is not None}
            try:
                Relation.model_validate(record)
            except pydantic.ValidationError as exc:
                result.skipped.extend(_invalid(row, exc))
                continue
            if "id" in record:
                ids.add(record["id"])
            origins[("relations", len(relations))] = row.where
            relations.append(_ordered(record, fields_of(Relation)))
    return relations, origins


def _relation_problems(row: _Row, index: NameIndex, kinds: Mapping[str, RelationKind], sources: set[str] | None, ids: set[str]) -> list[str]:
    """What makes a relation row unusable, each named by its column; resolves its actors in place."""
    record = row.record
    problems = [row.bad(f"no {field}", field) if field in row.headers else f"{row.where}: no {field} column" for field in ("source", "target", "kind") if field not in record]
    if "kind" in record and record["kind"] not in kinds:
        problems.append(row.bad(unknown_kind(record["kind"], kinds, "declare it in a kinds sheet or see 'stakeholders kinds'"), "kind"))
    for end in ("source", "target"):
        if end in record:
            try:
                record[end] = index.resolve(record[end])
            except (UnknownActorError, AmbiguousActorError) as exc:
                problems.append(row.bad(str(exc), end))
    via = []
    for name in record.get("via") or ():
        try:
            via.append(index.resolve(name))
        except (UnknownActorError, AmbiguousActorError) as exc:
            problems.append(row.bad(str(exc), "via"))
    record["via"] = via or None
    if "source" in record and record.get("source") == record.get("target") and not problems:
        problems.append(f'{row.where}: source and target are the same actor "{record["source"]}"; a relation joins two actors')
    if record.get("id") in ids:
        problems.append(row.bad(f'duplicate id "{record["id"]}"', "id"))
    if sources is not None:
        for evidence in record.get("evidence") or ():
            cited = evidence.get("source") if isinstance(evidence, dict) else None
            if isinstance(cited, str) and cited not in sources:
                problems.append(row.bad(f'evidence cites unknown source "{cited}"; list it in the sources sheet', "evidence"))
    return problems


def _ordered(record: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The record's fields in the model's order, as a hand-written file has them."""
    return {name: record[name] for name in fields if name in record}


def write_dataset(result: SheetImport, path: str | Path, force: bool = False, *, meta: bool = True) -> Path:
    """Write the imported dataset as YAML; refuses to replace a file unless ``force`` (checked as it is written).
    Without ``meta`` the file is a part of another map (a dataset's folder), whose meta stays in force."""
    data = result.data if meta else {k: v for k, v in result.data.items() if k != "meta"}
    return write_atomic(path, [yaml_text(data)], replace=force)


def import_sheets(
    paths: Sequence[str | Path],
    output: str | Path,
    flavor: str | None = None,
    force: bool = False,
    *,
    skip_bad_rows: bool = False,
    delimiter: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    meta: bool = True,
) -> SheetImport:
    """Read the sheets and write the dataset to ``output`` (YAML); returns what was read.
    ``meta`` False leaves the map's meta out (see ``write_dataset``).

    All or nothing: with a bad row nothing is written and ``BadRowsError`` lists
    every one, unless ``skip_bad_rows``, which writes the other rows (the
    result's ``skipped`` still lists the bad ones).
    """
    result = read_sheets(paths, flavor, name=stem_of(output), delimiter=delimiter, encoding=encoding, max_bytes=max_bytes)
    if result.skipped and not skip_bad_rows:
        raise BadRowsError(result.skipped)
    if not result.data["relations"]:
        raise DataError(f"no relation could be imported from the edge sheets ({len(result.skipped)} bad rows); nothing was written")
    write_dataset(result, output, force, meta=meta)
    return result
