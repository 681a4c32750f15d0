"""The exception tree.

Every error the library raises on bad input derives from ``StakeholdersError``.
``DataError`` means the data is wrong (the CLI exits 1); ``UsageError`` means the
request is wrong (an unknown actor name, a bad date given as an option; the CLI
exits 2)::

    StakeholdersError
    ├── DataError                the data cannot be used                      exit 1
    │   ├── DatasetNotFoundError no such file or folder, or no data file in it
    │   ├── FileTooLargeError    above the size limit
    │   ├── ParseError           not YAML or JSON, hostile (binary, too deep, alias bomb)
    │   ├── ValidationError      every problem of the data, each with its place
    │   ├── BadRowsError         spreadsheet rows that cannot be imported, by sheet, row and column
    │   ├── NoPathError          no path joins two actors under the filters
    │   └── EmptyResultError     the work ran, but nothing came of it to write (with its report)
    └── UsageError               the request cannot be answered as asked      exit 2
        ├── UnknownActorError    no actor by that name (with close matches)
        ├── AmbiguousActorError  a name several actors share
        └── InvalidDateError     a date given as an option is not a date
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .terms import counted


class StakeholdersError(Exception):
    """Base class of every error raised by ``stakeholders`` on bad input."""

    exit_code = 1


class DataError(StakeholdersError):
    """The data cannot be used: a file is missing, unreadable or invalid."""

    exit_code = 1


class UsageError(StakeholdersError):
    """The request cannot be answered as asked: bad argument or option value."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a data file, with its position when known."""

    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        parts = [str(self.file)] if self.file is not None else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class DatasetNotFoundError(DataError):
    """The dataset path does not exist or holds no dataset file."""


class FileTooLargeError(DataError):
    """A data file is larger than the limit the caller set (``load(..., max_bytes=)``)."""

    def __init__(self, path: Path, size: int | None, limit: int, hint: str = "") -> None:
        # The size is unknown when the file grew while being read, or is not a regular file.
        found = f"{size:,} bytes" if size is not None else "more bytes than it said"
        super().__init__(f"{path}: too large: {found}, above the limit of {limit:,} bytes" + (f"; {hint}" if hint else ""))
        self.path = path
        self.size = size
        self.limit = limit


class ParseError(DataError):
    """A data file is not well-formed YAML or JSON, or not UTF-8 text."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ValidationError(DataError):
    """A dataset has one or more problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        files = sorted({str(p.file) for p in self.problems if p.file is not None})
        where = f" in {', '.join(files)}" if files else ""
        lines = [f"{len(self.problems)} problems{where}"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


class BadRowsError(DataError):
    """Rows of imported sheets that cannot be read; ``rows`` says where and why, one line each."""

    def __init__(self, rows: list[str]) -> None:
        self.rows = rows
        head = f"{counted(len(rows), 'bad row')}; nothing was written (--skip-bad-rows writes the other rows)"
        super().__init__("\n".join([head, *(f"  {row}" for row in rows)]))


class NoPathError(DataError):
    """No path joins the two actors under the filters in force."""


class EmptyResultError(DataError):
    """The work ran but gave nothing to write (no relation came out of the events); ``report``
    is what it found, for the caller to show why."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


class UnknownActorError(UsageError):
    """A name matches no actor; ``suggestions`` holds close actor ids."""

    def __init__(self, name: str, suggestions: list[str], message: str) -> None:
        super().__init__(message)
        self.name = name
        self.suggestions = suggestions


class AmbiguousActorError(UsageError):
    """A name matches several actors; ``candidates`` holds their ids."""

    def __init__(self, name: str, candidates: list[str], message: str) -> None:
        super().__init__(message)
        self.name = name
        self.candidates = candidates


class InvalidDateError(UsageError):
    """A date given by the caller is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
