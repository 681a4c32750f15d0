"""Partial dates: ``2025``, ``2025-01`` or ``2025-01-15``.

News rarely gives a full date ("in January 2025", "in December 2024"), so a
date here is a period: a year, a month or a day. A period has a first and a last
day; an end date is inclusive to the last day of its period, and "active on D"
means the relation's span overlaps the period D.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Any

from pydantic_core import PydanticCustomError, core_schema

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FORMAT_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


class PartialDate:
    """A year, a month or a day; immutable, hashable and ordered.

    Ordering is by first day, then by last day, so ``2025-01`` sorts before
    ``2025`` (same first day, shorter period) and both before ``2025-02``.
    """

    __slots__ = ("year", "month", "day", "first", "last", "text")

    year: int
    month: int | None
    day: int | None
    first: dt.date
    last: dt.date
    text: str  #: as written: ``2025``, ``2025-01`` or ``2025-01-15``

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        if day is not None and month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError with the standard library's wording on bad parts.
        first = dt.date(year, month or 1, day or 1)
        if day is not None:
            last = first
        elif month is not None:
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            last = dt.date(year, 12, 31)
        if day is not None:
            text = f"{year:04d}-{month:02d}-{day:02d}"
        elif month is not None:
            text = f"{year:04d}-{month:02d}"
        else:
            text = f"{year:04d}"
        # The text is kept: graphs and exports ask for it once per relation.
        for name, value in (("year", year), ("month", month), ("day", day), ("first", first), ("last", last), ("text", text)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PartialDate is immutable")

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a partial date from a string, a year number or a ``datetime.date``.

        Raises ``ValueError`` with a plain sentence when the value is not a date.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):  # datetime.datetime too
            return _from_text(f"{value.year:04d}-{value.month:02d}-{value.day:02d}")
        if isinstance(value, int) and not isinstance(value, bool):
            return _from_text(str(value))
        if isinstance(value, str):
            return _from_text(value.strip())
        raise ValueError(f"not a date: {_FORMAT_HINT}, got {type(value).__name__}")

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.first, self.last)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json-unless-none"),
            json_schema_input_schema=core_schema.str_schema(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
        )


@functools.lru_cache(maxsize=65536)
def _from_text(text: str) -> PartialDate:
    # Big maps repeat the same few thousand dates; a PartialDate is immutable, so
    # one object per distinct text serves every record (and saves memory).
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date: {_FORMAT_HINT}, got {text!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        return PartialDate(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError(f"not a date: {text!r} does not exist") from None


# Dates already read, by their exact text: pydantic calls the validator once per
# date field, a few hundred thousand times on a big map, mostly with the same texts.
_READ: dict[str, PartialDate] = {}


def _validate(value: object) -> PartialDate:
    if type(value) is str:
        known = _READ.get(value)
        if known is not None:
            return known
    try:
        date = PartialDate.parse(value)
    except ValueError as exc:
        raise PydanticCustomError("partial_date", str(exc)) from None
    if type(value) is str and len(_READ) < 65536:
        _READ[value] = date
    return date


def date_text(value: PartialDate | None) -> str | None:
    """The date as written (``2025-01``), or None."""
    return None if value is None else value.text


def widened(start: PartialDate | None, end: PartialDate | None) -> tuple[str | None, str | None]:
    """ISO days for a span: a partial start from its first day, a partial end to its last."""
    return (start.first.isoformat() if start else None, end.last.isoformat() if end else None)


def overlaps(start: PartialDate | None, end: PartialDate | None, since: PartialDate | None, until: PartialDate | None) -> bool:
    """Whether a span from ``start`` to ``end`` overlaps the period ``since``..``until`` (any of them open)."""
    if until is not None and start is not None and start.first > until.last:
        return False
    return since is None or end is None or end.last >= since.first


def span_active(start: PartialDate | None, end: PartialDate | None, when: PartialDate) -> bool:
    """Whether a span from ``start`` to ``end`` (either open) overlaps the period ``when``."""
    return overlaps(start, end, when, when)


def anchor(start: PartialDate | None, end: PartialDate | None) -> PartialDate | None:
    """The date a record is placed in time by: its start, else its end."""
    return start if start is not None else end


def chronological(start: PartialDate | None, end: PartialDate | None) -> tuple[bool, dt.date, dt.date]:
    """A sort key: dated records first, by the first day of their anchor, then the last day of their end."""
    when = anchor(start, end)
    return (when is None, when.first if when else dt.date.max, end.last if end else dt.date.max)
