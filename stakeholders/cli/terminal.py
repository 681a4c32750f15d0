"""Plain-text output for terminals: safe strings and aligned tables.

Written by hand rather than with rich: rich costs about as much start-up time as
networkx, and the CLI's latency budget cannot carry it for a few aligned columns.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

# Control characters could move the cursor or recolour the terminal, and bidi
# overrides could make a name read as something else: show them as escapes.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Data text made harmless for a terminal, on one line."""
    return _UNSAFE.sub(lambda m: " " if m.group() in "\n\r\t" else f"\\u{ord(m.group()):04x}", str(text))


def width(text: str) -> int:
    """Columns the text takes: wide East Asian characters count two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def terminal_width() -> int | None:
    """Columns to fit text in: $COLUMNS if set, else the terminal's width; None (do not fit)
    when the output is not a terminal, so that a report saved to a file keeps every word."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((80, 24)).columns


def fit(lines: Iterable[str], columns: int | None) -> Iterator[str]:
    """Lines no wider than ``columns``: prose wrapped under its own indent, table rows cut short with an ellipsis.

    A table row is a line whose cells are set apart by two spaces or more. With
    ``columns`` None the lines are left whole.
    """
    if columns is None:
        yield from lines
        return
    for line in lines:
        if width(line) <= columns:
            yield line
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        if re.search(r"\S  +\S", line.strip()):
            cut, used = "", 0
            for ch in line:
                if used + width(ch) > columns - 1:
                    break
                cut, used = cut + ch, used + width(ch)
            yield cut + "…"
            continue
        yield from textwrap.wrap(line, columns, initial_indent="", subsequent_indent=indent + "  ", break_on_hyphens=False) or [line]


def table(headers: Sequence[str] | None, rows: Sequence[Sequence[object]]) -> str:
    """Rows under upper-case headers (if any), columns padded to line up, no trailing spaces."""
    cells = [[h.upper() for h in headers]] if headers else []
    cells += [[safe(c) if c is not None else "" for c in row] for row in rows]
    if not cells:
        return ""
    widths = [max(width(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = []
    for row in cells:
        padded = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)
