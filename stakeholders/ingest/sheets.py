"""Node and edge sheets in the layouts of Gephi, Kumu and Onodo: written by the
CSV exporter, read back by ``stakeholders import``.

One table of columns per tool (``LAYOUTS``) serves both ways, so a map exported
to CSV and imported again gives the same actors and relations. Each tool's own
headers come first (Gephi ``Id, Label`` / ``Source, Target, Type, Id, Label,
Weight``; Kumu ``Label, Type, Description, Tags`` / ``From, To, Type``; Onodo
``Name, Type, Description`` / ``Source, Type, Target, Directed, At, From, To``),
then our other fields under their own names.

Cells: lists (aliases, tags, via) are joined with ``|``; evidence and
attributes are JSON; dates are partial dates (``2025``, ``2025-01``,
``2025-01-07``). Text that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``) is written behind a ``'`` that reading removes.

Reading takes sheets from any of the three tools (CSV files, a zip of them, or
XLSX workbooks with openpyxl): it tells node sheets from edge sheets and the
tool by their headers, maps known headers to fields and keeps other columns as
attributes, leaves out the rows it cannot use and says why.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import yaml

from ..atomic import write_atomic
from ..errors import DataError, UsageError, ValidationError
from ..load import from_dict
from ..model import ACTOR_TYPES, Actor, Dataset, Relation, fields_of, polarity_name
from ..names import NameIndex
from ..vocabulary import DEFAULT_KINDS
from .wording import error_message

FLAVORS = ("gephi", "kumu", "onodo")
_FORMULA_START = tuple("=+-@\t\r")


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


def _ours(*fields: str) -> tuple[Column, ...]:
    codecs = {"aliases": "list", "tags": "list", "via": "list", "evidence": "json", "attributes": "json", "polarity": "polarity"}
    return tuple(Column(name, name, codecs.get(name, "text")) for name in fields)


LAYOUTS: dict[str, Layout] = {
    "gephi": Layout(
        "nodes.csv",
        "edges.csv",
        (Column("Id", "id"), Column("Label", "name"), *_ours("type", "country", "aliases", "description", "tags", "start", "end", "attributes")),
        (
            Column("Source", "source"),
            Column("Target", "target"),
            Column("Type", "directed", "directed"),
            Column("Id", "id"),
            Column("Label", None, "label"),
            Column("Weight", "weight"),
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
            *_ours("country", "aliases", "start", "end", "attributes"),
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
            *_ours("id", "country", "aliases", "tags", "start", "end", "attributes"),
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
        ),
    ),
}

# How each tool's direction column says directed and undirected.
_DIRECTION_WORDS = {"Type": ("Directed", "Undirected"), "Direction": ("directed", "undirected"), "Directed": ("true", "false")}
_TRUE = {"directed", "true", "yes", "1", "mutual"}
_FALSE = {"undirected", "false", "no", "0"}


# Writing


def _guard(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(column: Column, record: dict[str, Any], names: dict[str, str]) -> str:
    codec, value = column.codec, record.get(column.field or "")
    if codec == "label":
        return _guard(record["label"])
    if codec == "at":
        start, end = record.get("start"), record.get("end")
        return str(start) if start is not None and start == end else ""
    if codec == "from" and record.get("start") is not None and record.get("start") == record.get("end"):
        return ""
    if value is None or value == [] or value == {}:
        return ""
    if codec == "directed":
        return _DIRECTION_WORDS[column.header][0 if value else 1]
    if codec == "name":
        return _guard(names[value])
    if codec == "polarity":
        return polarity_name(value)
    if codec == "list":
        return _guard("|".join(value))
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


def check_flavor(flavor: str) -> Layout:
    if flavor not in LAYOUTS:
        raise UsageError(f'unknown CSV flavor "{flavor}"; use {", ".join(FLAVORS)}')
    return LAYOUTS[flavor]


# Reading


@dataclass
class Sheet:
    """A table read from a file: where it came from, its headers and rows of text."""

    name: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class SheetImport:
    """What an import made: the dataset as plain data, and what happened on the way.

    ``mappings`` holds, per sheet, its kind (nodes or edges), tool and
    ``(header, field)`` pairs; ``skipped`` the rows left out, each with why;
    ``notes`` what was changed to fit (an unknown actor type read as other...).
    """

    data: dict[str, Any]
    mappings: list[tuple[str, str, str, list[tuple[str, str]]]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def dataset(self) -> Dataset:
        return from_dict(self.data)


def read_tables(path: Path) -> list[Sheet]:
    """The tables in a CSV file, a zip of CSV files or an XLSX workbook."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = sorted(n for n in archive.namelist() if n.lower().endswith(".csv"))
                if not members:
                    raise DataError(f"{path}: no CSV file in the zip")
                return [_csv_table(f"{path}:{n}", archive.read(n)) for n in members]
        if suffix == ".xlsx":
            return _xlsx_tables(path)
        if suffix in (".csv", ".tsv", ".txt"):
            return [_csv_table(str(path), path.read_bytes())]
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise DataError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    raise UsageError(f"{path}: cannot import {suffix or 'a file without suffix'}; give .csv, .zip or .xlsx files")


def _csv_table(name: str, raw: bytes) -> Sheet:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not UTF-8 text (byte {exc.start}); save the sheet as CSV UTF-8") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise DataError(f"{name}: not a readable CSV file: {exc}") from None
    return _table(name, rows)


def _xlsx_tables(path: Path) -> list[Sheet]:
    try:
        import openpyxl
    except ImportError:
        raise UsageError("reading .xlsx files needs openpyxl: pip install openpyxl (or save the sheets as CSV)") from None
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
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return Sheet(name, [], [])
    return Sheet(name, [h.strip() for h in rows[0]], rows[1:])


def _key(header: str) -> str:
    return re.sub(r"[\s-]+", "_", header.strip().lower())


def _classify(headers: list[str], flavor: str | None) -> tuple[str, str]:
    """Whether a sheet holds nodes or edges, and in which tool's layout."""
    keys = {_key(h) for h in headers}
    if {"source", "target"} <= keys:
        kind, guess = "edges", "onodo" if "directed" in keys else "gephi"
    elif {"from", "to"} <= keys:
        kind, guess = "edges", "kumu"
    else:
        kind, guess = "nodes", "onodo" if "name" in keys and "label" not in keys else ("gephi" if "Id" in headers else "kumu")
    return kind, flavor or guess


def _mapping(headers: list[str], columns: Sequence[Column], model_fields: Iterable[str]) -> list[tuple[str, Column | None]]:
    by_key = {_key(c.header): c for c in columns}
    ours = set(model_fields)
    mapped: list[tuple[str, Column | None]] = []
    for header in headers:
        key = _key(header)
        column = by_key.get(key)
        if column is None and key in ours:
            column = Column(header, key, _ours(key)[0].codec)
        mapped.append((header, column))
    return mapped


def _decode(column: Column, text: str) -> Any:
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]
    if column.codec == "list":
        return [part.strip() for part in text.split("|") if part.strip()]
    if column.codec == "json":
        return json.loads(text)
    if column.codec == "directed":
        word = text.lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValueError(f'"{text}" is not a direction; use directed or undirected')
    if column.field in ("weight", "confidence"):
        return float(text)
    return text


def _record(row: list[str], mapped: list[tuple[str, Column | None]]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for (header, column), text in zip(mapped, row, strict=False):
        text = text.strip()
        if not text or (column is not None and column.field is None):
            continue
        if column is None:
            record.setdefault("attributes", {})[header] = text
            continue
        try:
            value = _decode(column, text)
        except ValueError as exc:
            raise ValueError(f"column {header}: {exc}") from None
        if column.field == "at":
            record["start"] = record["end"] = value
        elif column.field == "attributes":
            record.setdefault("attributes", {}).update(value)
        else:
            record[column.field] = value
    return record


def _first_error(exc: pydantic.ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error_message(error)}" if where else error_message(error)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def read_sheets(paths: Sequence[str | Path], flavor: str | None = None, name: str | None = None) -> SheetImport:
    """Read node and edge sheets into a dataset (as plain data), with a report.

    ``flavor`` forces the tool's layout (gephi, kumu or onodo) instead of
    guessing it from the headers. Raises ``DataError`` when a file cannot be
    read or holds no node sheet.
    """
    if flavor is not None:
        check_flavor(flavor)
    result = SheetImport({})
    node_sheets: list[tuple[Sheet, list[tuple[str, Column | None]]]] = []
    edge_sheets: list[tuple[Sheet, list[tuple[str, Column | None]]]] = []
    for path in paths:
        for sheet in read_tables(Path(path)):
            if not sheet.headers:
                result.notes.append(f"{sheet.name}: empty, ignored")
                continue
            kind, tool = _classify(sheet.headers, flavor)
            layout = LAYOUTS[tool]
            columns, fields = (layout.nodes, fields_of(Actor)) if kind == "nodes" else (layout.edges, fields_of(Relation))
            mapped = _mapping(sheet.headers, columns, fields)
            pairs = [(h, "ignored (derived)" if c is not None and c.field is None else (c.field if c else f"attributes.{h}")) for h, c in mapped]
            result.mappings.append((sheet.name, kind, tool, [(h, str(f)) for h, f in pairs]))
            (node_sheets if kind == "nodes" else edge_sheets).append((sheet, mapped))
    if not node_sheets:
        raise DataError("no node sheet among the files: give a sheet of actors (Id/Label, Label or Name column) with the edges")
    actors = _read_actors(node_sheets, result)
    index = NameIndex(Actor.model_validate(a) for a in actors)
    relations = _read_relations(edge_sheets, index, result)
    sources = sorted({e["source"] for r in relations for e in r.get("evidence", [])})
    result.data = {
        "meta": {"title": f"Imported from {', '.join(Path(p).name for p in paths)}", **({"name": name} if name else {})},
        "sources": [{"id": s, "title": s, "kind": "other"} for s in sources],
        "actors": actors,
        "relations": relations,
    }
    if sources:
        result.notes.append(f"evidence cites {len(sources)} sources the sheets do not describe: added with their id as title")
    try:
        from_dict(result.data)
    except ValidationError as exc:
        raise DataError(f"the imported map is not valid:\n{exc}") from None
    return result


def _read_actors(sheets: list[tuple[Sheet, list[tuple[str, Column | None]]]], result: SheetImport) -> list[dict[str, Any]]:
    actors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for sheet, mapped in sheets:
        for number, row in enumerate(sheet.rows, start=2):
            where = f"{sheet.name} row {number}"
            try:
                record = _record(row, mapped)
            except ValueError as exc:
                result.skipped.append(f"{where}: {exc}")
                continue
            if "name" not in record and "id" not in record:
                result.skipped.append(f"{where}: no name or id")
                continue
            record.setdefault("name", record.get("id"))
            if "id" not in record:
                base = _slug(record["name"]) or f"actor-{len(actors) + 1}"
                record["id"] = next(c for c in (base, *(f"{base}-{n}" for n in range(2, len(actors) + 3))) if c not in seen)
            if record.get("type") not in ACTOR_TYPES:
                if "type" in record:
                    result.notes.append(f'{where}: unknown actor type "{record["type"]}" read as other')
                    record.setdefault("attributes", {})["type"] = record["type"]
                record["type"] = "other"
            if record["id"] in seen:
                result.skipped.append(f'{where}: duplicate id "{record["id"]}"')
                continue
            try:
                Actor.model_validate(record)
            except pydantic.ValidationError as exc:
                result.skipped.append(f"{where}: {_first_error(exc)}")
                continue
            seen.add(record["id"])
            actors.append(_ordered(record, fields_of(Actor)))
    return actors


def _read_relations(
    sheets: list[tuple[Sheet, list[tuple[str, Column | None]]]], index: NameIndex, result: SheetImport
) -> list[dict[str, Any]]:
    relations: list[dict[str, Any]] = []
    for sheet, mapped in sheets:
        for number, row in enumerate(sheet.rows, start=2):
            where = f"{sheet.name} row {number}"
            try:
                record = _record(row, mapped)
                missing = [f for f in ("source", "target", "kind") if f not in record]
                if missing:
                    raise ValueError(f"no {' or '.join(missing)}")
                if record["kind"] not in DEFAULT_KINDS:
                    raise ValueError(f'unknown relation kind "{record["kind"]}"')
                for end in ("source", "target"):
                    record[end] = index.resolve(record[end])
                record["via"] = [index.resolve(v) for v in record.get("via", [])] or None
                Relation.model_validate({k: v for k, v in record.items() if v is not None})
            except pydantic.ValidationError as exc:
                result.skipped.append(f"{where}: {_first_error(exc)}")
                continue
            except (ValueError, UsageError) as exc:
                result.skipped.append(f"{where}: {exc}")
                continue
            relations.append(_ordered({k: v for k, v in record.items() if v is not None}, fields_of(Relation)))
    return relations


def _ordered(record: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The record's fields in the model's order, as a hand-written file has them."""
    return {name: record[name] for name in fields if name in record}


def write_dataset(result: SheetImport, path: str | Path, force: bool = False) -> Path:
    """Write the imported dataset as YAML; refuses to replace a file unless ``force``."""
    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{target} exists; use --force to replace it")
    text = yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False, width=100)
    return write_atomic(target, [text])


def import_sheets(
    paths: Sequence[str | Path], output: str | Path, flavor: str | None = None, force: bool = False
) -> SheetImport:
    """Read the sheets and write the dataset to ``output`` (YAML); returns what was read."""
    result = read_sheets(paths, flavor, name=Path(output).stem)
    write_dataset(result, output, force)
    return result
