"""The positions sheet (``positions.csv``): one row per position, its issue's title, description and scale on each
row, its evidence as JSON as in the edge sheets, so that issues and positions survive export to sheets and import
back. A spreadsheet keeps rows, not nested lists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Issue, Position
from .sheets import Column

POSITIONS_FILE = "positions.csv"
POSITION_COLUMNS = (
    Column("actor", "actor"),
    Column("issue", "issue"),
    Column("issue_title", "issue_title"),
    Column("issue_description", "issue_description"),
    Column("issue_low", "issue_low"),
    Column("issue_high", "issue_high"),
    Column("stance", "stance", "number"),
    Column("salience", "salience", "number"),
    Column("start", "start"),
    Column("end", "end"),
    Column("description", "description"),
    Column("evidence", "evidence", "json"),
)
#: What tells a positions sheet from the others, by its headers.
POSITION_KEYS = frozenset({"actor", "issue", "stance"})


def position_rows(issues: Iterable[Issue], positions: Iterable[Position]) -> Iterator[dict[str, Any]]:
    """Each position as a sheet record, with its issue's fields; an issue without positions gets a row of its own."""
    by_id = {issue.id: issue for issue in issues}
    used: set[str] = set()
    for position in positions:
        used.add(position.issue)
        yield {**_issue_fields(by_id.get(position.issue)), **position.model_dump(mode="json", exclude_none=True)}
    for issue in by_id.values():
        if issue.id not in used:
            yield {**_issue_fields(issue), "issue": issue.id}


def _issue_fields(issue: Issue | None) -> dict[str, Any]:
    if issue is None:
        return {}
    fields = {"issue_title": issue.title, "issue_description": issue.description, "issue_low": issue.low, "issue_high": issue.high}
    return {k: v for k, v in fields.items() if v is not None}


def positions_of(rows: Iterable[tuple[str, dict[str, Any]]], skipped: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Issues and positions from sheet records (``(where, record)``, in sheet order): an issue's title, description and
    scale are taken from its first row; a row with an issue and no actor only declares the issue."""
    issues: dict[str, dict[str, Any]] = {}
    positions: list[dict[str, Any]] = []
    for where, record in rows:
        issue_id = record.get("issue")
        if not issue_id:
            skipped.append(f"{where}: a position needs an issue id (column issue)")
            continue
        issue = issues.setdefault(issue_id, {"id": issue_id, "title": record.get("issue_title") or issue_id})
        for field in ("description", "low", "high"):
            value = record.get(f"issue_{field}")
            if value and field not in issue:
                issue[field] = value
        if record.get("actor"):
            positions.append({k: v for k, v in record.items() if k in Position.__dataclass_fields__})
    return list(issues.values()), positions
