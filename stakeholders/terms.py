"""The words of the data model that the command line offers as choices, and the ranges it checks.

Kept apart from ``model`` (which builds pydantic's validators on import) so that
``stakeholders --help`` can list them without loading pydantic.
"""

from __future__ import annotations

ACTOR_TYPES: tuple[str, ...] = (
    "person",
    "state",
    "government",
    "armed-group",
    "political-party",
    "community",
    "intergovernmental-org",
    "ngo",
    "company",
    "media",
    "other",
)

POLARITY_NAMES: dict[int, str] = {1: "cooperative", -1: "hostile", 0: "neutral"}

#: The spreadsheet layouts of the tools analysts use, for export and import.
FLAVORS = ("gephi", "kumu", "onodo")

#: A static picture's width and height in inches, and a PNG's dots per inch (both ends included).
PICTURE_INCHES = (1.0, 100.0)
PICTURE_DPI = (10, 1200)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,200 relations``: a count with its noun agreeing."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
