"""Numbers the user types, each with a documented range: one parameter type for every
numeric option and environment variable.

Without an upper bound a typo reaches the library as a 20-digit number, and the
library meets it where Python cannot (``islice`` refuses it, a C integer
overflows, a loop runs for ever); every number is checked here, with one
sentence naming the option and the range.
"""

from __future__ import annotations

import math
import os
from typing import Any

import click

from ..errors import UsageError
from ..terms import PICTURE_DPI, PICTURE_INCHES


class Bounded(click.ParamType):
    """A whole number (``whole``) or a decimal one from ``low`` to ``high``, both included."""

    def __init__(self, low: float, high: float, *, whole: bool = True) -> None:
        self.low, self.high, self.whole = low, high, whole
        self.name = "integer" if whole else "number"

    def expected(self) -> str:
        if self.whole:
            return f"a whole number from {self.low:,} to {self.high:,}"
        return f"a number from {self.low:,g} to {self.high:,g}"

    def parse(self, value: Any) -> int | float | None:
        """The number, or None when ``value`` is not one in range."""
        if isinstance(value, bool):
            return None
        try:
            number = (int(value) if isinstance(value, int) else int(str(value).strip())) if self.whole else float(str(value).strip())
        except (ValueError, OverflowError):
            return None
        if not math.isfinite(number) or not self.low <= number <= self.high:
            return None
        return number

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | float:
        number = self.parse(value)
        if number is None:
            self.fail(f"{value!r} is not {self.expected()}", param, ctx)
        return number

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "N" if self.whole else "X"

    def __repr__(self) -> str:
        return f"Bounded({self.low}, {self.high}, whole={self.whole})"


def whole(low: int, high: int) -> Bounded:
    return Bounded(low, high, whole=True)


def number(low: float, high: float) -> Bounded:
    return Bounded(low, high, whole=False)


def from_environment(name: str, bounds: Bounded) -> int | float | None:
    """The environment variable ``name`` as a number in ``bounds``; None when unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    number = bounds.parse(value)
    if number is None:
        raise UsageError(f"{name} must be {bounds.expected()}, got {value!r}")
    return number


# The ranges, named once: the README's table of options lists them.
DEPTH = whole(1, 10)  # render/export --focus --depth: a neighbourhood ten relations deep is the whole map already
NEIGHBOR_DEPTH = whole(1, 1_000)  # neighbors --depth: rings stop when one adds nobody
MAX_HOPS = whole(1, 12)  # path --max-hops: simple paths grow exponentially with length
LIMIT = whole(1, 100_000)  # path --limit
TOP = whole(1, 100_000)  # rows per table
SEED = whole(0, 2**32 - 1)  # igraph and random seeds
SAMPLE = whole(2, 1_000_000)  # analyze --sample: source actors of an estimated betweenness (two at least, for its error)
INCHES = number(*PICTURE_INCHES)
DPI = whole(*PICTURE_DPI)
MAX_BYTES = whole(1, 2**40)  # STAKEHOLDERS_MAX_BYTES: 1 TiB
