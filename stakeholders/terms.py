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

# The usual spellings of each actor type in the sheets of Kumu, Onodo, Gephi and hand-made lists,
# folded (lower case, hyphens for spaces and underscores) and singular (``actor_type_of`` drops a plural "s").
_TYPE_WORDS: dict[str, str] = {
    **{word: "person" for word in ("individual", "people", "politician", "leader", "official")},
    **{word: "state" for word in ("country", "nation", "nation-state", "sovereign-state")},
    **{word: "government" for word in ("govt", "gov", "ministry", "administration", "regime", "cabinet")},
    **{word: "armed-group" for word in ("militia", "rebel-group", "rebels", "non-state-armed-group", "insurgent-group", "armed-faction", "faction")},
    **{word: "political-party" for word in ("party", "parties")},
    **{word: "community" for word in ("ethnic-group", "religious-group", "minority", "communities", "tribe")},
    **{word: "intergovernmental-org" for word in (
        "igo", "io", "international-organization", "international-organisation", "intergovernmental-organization",
        "intergovernmental-organisation", "multilateral-organization", "bloc", "alliance")},
    **{word: "ngo" for word in ("non-governmental-organization", "non-governmental-organisation", "civil-society", "charity", "nonprofit")},
    **{word: "company" for word in ("business", "corporation", "firm", "enterprise")},
    **{word: "media" for word in ("news", "news-outlet", "newspaper", "press", "broadcaster")},
}  # fmt: skip


def actor_type_of(word: str) -> str | None:
    """The actor type a sheet's word means, in any case and spelling listed (``Armed group``,
    ``State``, ``political party``, ``NGOs``); None when it names none."""
    folded = "-".join(word.replace("_", " ").replace("-", " ").casefold().split())
    for candidate in (folded, folded.removesuffix("s")):
        if candidate in ACTOR_TYPES:
            return candidate
        if candidate in _TYPE_WORDS:
            return _TYPE_WORDS[candidate]
    return None


POLARITY_NAMES: dict[int, str] = {1: "cooperative", -1: "hostile", 0: "neutral"}

#: The spreadsheet layouts of the tools analysts use, for export and import.
FLAVORS = ("gephi", "kumu", "onodo")
#: What a map's actors may be coloured by: actor type, cooperative bloc or friend/enemy camp; or, after
#: ``STANCE_PREFIX``, an issue's id or title (``render --color-by stance:ISSUE``).
COLOR_BY = ("type", "community", "camp")
STANCE_PREFIX = "stance:"

#: A static picture's width and height in inches, and a PNG's dots per inch (both ends included).
PICTURE_INCHES = (1.0, 100.0)
PICTURE_DPI = (10, 1200)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,200 relations``: a count with its noun agreeing."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


#: Paths shown at most, by ``stakeholders path`` and by the map's page.
PATH_LIMIT = 20
