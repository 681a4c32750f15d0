"""What the tests that run the aggregation's SQL on other engines share: the awkward rows, the
filters tried, and the comparison of an engine's table with DuckDB's, row by row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .test_events import ACLED_NEW, SPECIAL, acled_rows, filler, gdelt_line, write_acled, write_gdelt

# Rows whose date or code is impossible: every engine leaves the same ones out.
AWKWARD = [
    gdelt_line(901, "20250231", "SYRGOV", "SYRREB", "190"),
    gdelt_line(902, "20251301", "SYRGOV", "SYRREB", "190"),
    gdelt_line(903, "00000000", "SYRGOV", "SYRREB", "190"),
    gdelt_line(904, "2025011", "SYRGOV", "SYRREB", "190"),
    gdelt_line(905, "20240229", "SYRGOV", "SYRREB", "190"),
    gdelt_line(906, "20250110", "SYRGOV", "SYRREB", "999"),
    gdelt_line(907, "20250110", "SYRGOV", "SYRREB", "ABC"),
    gdelt_line(908, "20250110", "SYRGOV", "SYRREB", "46"),
    gdelt_line(909, "20250110", "SYRGOV", "SYRREB", "010"),
]


FILTERS = [
    {"period": "month"},
    {"period": "week"},
    {"period": "day"},
    {"since": "2025-01-05", "until": "2025-02"},
    {"countries": ["SYR"], "kinds": ["airstrike", "armed-clash"]},
]


def normal(row: dict[str, Any], feed: str) -> tuple:
    """A row as both engines agree to write it: dates as dates, GDELT's ids as a set, an empty text as none."""
    values = []
    for name, value in row.items():
        if isinstance(value, dt.datetime):
            value = value.date()
        if value == "":
            value = None
        if name == "goldstein" and value is not None:
            value = round(value, 6)
        if name == "event_ids" and value is not None and feed == "gdelt":
            value = tuple(sorted(value.split()))
        values.append((name, value))
    return tuple(values)


def same_table(duckdb_rows: Any, other_rows: list[dict[str, Any]], feed: str) -> None:
    """DuckDB's table and another engine's hold the same rows, in any order."""
    here = sorted((normal(dict(r), feed) for r in duckdb_rows), key=repr)
    there = sorted((normal(r, feed) for r in other_rows), key=repr)
    assert len(here) == len(there)
    for a, b in zip(here, there, strict=True):
        assert a == b




def gdelt_sample(folder: Path) -> list[Path]:
    """Plain GDELT files: the awkward rows among ordinary ones."""
    return write_gdelt(folder, SPECIAL + AWKWARD + filler(600), zipped=False)


def acled_sample(folder: Path) -> Path:
    """An ACLED export with a fatalities cell that is not a number and an event downloaded twice."""
    rows = acled_rows()
    rows.append({**rows[0], "event_id_cnty": "SYR900", "fatalities": "not reported"})
    rows.append(dict(rows[1]))
    return write_acled(folder / "acled.csv", rows, ACLED_NEW)
