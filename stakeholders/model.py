"""The data model: sources, actors, relations, evidence, relation kinds, datasets.

Pydantic v2, no I/O. Records (``Meta``, ``Source``, ``Evidence``, ``Actor``,
``RelationKind``, ``Relation``) are pydantic dataclasses; ``Dataset``,
which holds them, is a ``BaseModel``. A ``Dataset`` straight from ``model_validate`` holds
what the file says; ``stakeholders.resolve`` checks the cross-references and
fills in what the vocabulary implies (actor ids for names and aliases,
``directed`` and ``polarity`` from the kind, derived relation ids).
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    TypeAdapter,
)
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .dates import PartialDate, span_active
from .terms import ACTOR_TYPES, POLARITY_NAMES

if TYPE_CHECKING:
    from .holds import Span

ActorType = Literal[ACTOR_TYPES]  # type: ignore[valid-type]

Status = Literal["ongoing", "ended", "pending", "announced", "partial"]
SourceKind = Literal["article", "report", "statement", "dataset", "other"]
Mode = Literal["direct", "indirect"]

_POLARITY_VALUES = {name: value for value, name in POLARITY_NAMES.items()}


def polarity_name(polarity: int) -> str:
    """``cooperative``, ``hostile`` or ``neutral`` for +1, -1 or 0."""
    return POLARITY_NAMES[polarity]


# The default of the relation fields a file may leave out and resolution always
# fills in. Typed as what a loaded relation holds: a separate class for resolved
# relations would copy every record of a big map (100,000 on the benchmark map).
_RESOLVED: Any = None

#: What an id may be; checked by pydantic's own (compiled) pattern matcher, a Python
#: validator per id costs too much on big maps. The loader words the error.
# Letters and digits of any script: a map of Arabic or Hebrew names keeps readable ids (الدروز).
# No spaces, no punctuation but these four, no invisible marks (a right-to-left mark is not a word character).
ID_PATTERN = r"^[^\W_][\w.:-]*$"
ID_RULE = "use letters and digits (of any script), '-', '_', '.' or ':', starting with a letter or digit; no spaces"
#: What a URL may be: http(s), without blanks, quotes or angle brackets (which no URL
#: needs unescaped and which could break out of an attribute). The one rule for the
#: data, the page and the map's script (``safeLink`` in the map's script (``assets/map/``); a test compares them).
URL_PATTERN = "https?://[^\\s\"'<>]+"
_URL = re.compile(URL_PATTERN, re.IGNORECASE)


def is_url(value: str | None) -> bool:
    """Whether ``value`` is a URL by ``URL_PATTERN``: the only kind that ever becomes a link."""
    return value is not None and _URL.fullmatch(value) is not None


def _check_url(value: str) -> str:
    # A plain string with a scheme check: pydantic's HttpUrl doubles validation
    # time on big maps, and only http(s) links may ever become clickable.
    if not is_url(value):
        raise PydanticCustomError("bad_url", "not an http(s) URL: {value}", {"value": repr(value)})
    return value


def _read_polarity(value: object) -> object:
    if isinstance(value, str) and value.strip().lower() in _POLARITY_VALUES:
        return _POLARITY_VALUES[value.strip().lower()]
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=ID_PATTERN)]
Url = Annotated[Text, AfterValidator(_check_url)]
Polarity = Annotated[Literal[-1, 0, 1], BeforeValidator(_read_polarity)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


def _check_attribute(value: object) -> bool | int | float | str:
    if isinstance(value, (bool, int, float, str)):
        return value
    raise PydanticCustomError(
        "attribute_value", "attribute values are text, numbers or true/false, not {kind}", {"kind": type(value).__name__}
    )


# One plain check rather than a union, which would report four errors per bad value.
AttributeValue = Annotated[bool | int | float | str, PlainValidator(_check_attribute)]


_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_default=False)


class _Model(BaseModel):
    # Unknown fields are errors: a typo such as "soruce" must not vanish silently.
    # Numbers are accepted where text is expected (an id of 42 in YAML).
    model_config = _CONFIG


class _Record:
    """What records share: ``model_validate`` and ``model_dump``, as on a pydantic ``BaseModel``.

    Records are pydantic dataclasses rather than ``BaseModel``s because a big map
    holds hundreds of thousands of them: a ``BaseModel`` also builds a set of the
    fields given for each record, which made validating 100,000 relations a third
    slower in twice the memory. They are not slotted: pydantic fills a dataclass's
    ``__dict__`` in one step but a slotted one field by field, which measured
    slower. Sequences are tuples, so an absent one costs nothing (pydantic calls a
    default factory per record, as for ``attributes``).
    """

    @classmethod
    def model_validate(cls, data: object) -> Self:
        return _adapter(cls).validate_python(data)

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """The record as a dict, with ``TypeAdapter.dump_python``'s options (``mode="json"``...)."""
        return _adapter(type(self)).dump_python(self, **options)


@cache
def _adapter(cls: type) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def fields_of(cls: type) -> dict[str, FieldInfo]:
    """The fields of a record class or of ``Dataset``, by name, in order."""
    return cls.__pydantic_fields__  # type: ignore[attr-defined, no-any-return]


record = dataclass(kw_only=True, config=_CONFIG)


@record
class Meta(_Record):
    """What the map is about."""

    title: Text | None = None
    name: Id | None = Field(default=None, description="short name used for output files; defaults to the file name")
    description: str | None = None
    as_of: PartialDate | None = None


@record
class Source(_Record):
    """A citable document."""

    id: Id
    title: Text
    publisher: Text | None = None
    date: PartialDate | None = None
    url: Url | None = None
    kind: SourceKind = "article"
    description: str | None = None


@record
class Evidence(_Record):
    """A verbatim quote from a source that supports a relation.

    Only a ``dataset`` source (event data) may be cited without a quote: its
    ``locator`` names the records (event ids) instead; resolution checks this.
    """

    source: Id
    quote: Text | None = None
    locator: Text | None = Field(default=None, description="where in the source: page, paragraph, timestamp; the records of a dataset")

    @property
    def said(self) -> str:
        """What the evidence says, as every output quotes it: the quote in quotation marks, or for
        event data the records its locator names."""
        if self.quote is not None:
            return f'"{self.quote}"'
        return f"records {self.locator}" if self.locator else "no quote"


@record
class Actor(_Record):
    """A person, state, government, armed group, community, bloc..."""

    id: Id
    name: Text
    type: ActorType
    aliases: tuple[Text, ...] = ()
    description: str | None = None
    country: Text | None = None
    tags: tuple[Text, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)
    codes: dict[Id, tuple[Text, ...]] = Field(
        default_factory=dict, description="the identifiers other data uses for the actor, by scheme: {cameo: [SYRGOV], acled: [...]}"
    )
    influence: Fraction | None = Field(default=None, description="how much weight the actor carries on the issues, 0 to 1; computed from the network when not given")

    def active_on(self, when: PartialDate) -> bool:
        """Whether the actor existed or held its role during ``when``; open ends never exclude."""
        return span_active(self.start, self.end, when)


@record
class RelationKind(_Record):
    """A relation kind of the vocabulary, or one a dataset adds under ``kinds:``."""

    id: Id
    label: Text | None = None
    polarity: Polarity
    directed: bool
    cameo: Text | None = Field(default=None, description="CAMEO event code, as a string: leading zeros matter")
    goldstein: float | None = Field(default=None, ge=-10.0, le=10.0)
    plover: Text | None = None
    family: Text = "other"
    color: Text | None = None
    description: str | None = None
    aligns: bool = Field(default=False, description="puts its two ends on the same side when camps are drawn (leads, part-of)")

    @property
    def display(self) -> str:
        return self.label or self.id


@record
class Relation(_Record):
    """A dated, evidenced relation between two actors.

    ``source`` and ``target`` may name actors by id, name or alias in a file; after
    resolution they are actor ids. ``id``, ``directed`` and ``polarity`` may be left
    out of a file; resolution fills them in (a derived id, the kind's direction and
    polarity), so every relation of a loaded dataset has them, as typed here.
    """

    id: Id = _RESOLVED
    source: Text
    target: Text
    kind: Id
    directed: bool = _RESOLVED
    polarity: Polarity = _RESOLVED
    mode: Mode = "direct"
    via: tuple[Text, ...] = ()
    status: Status | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    weight: Fraction | None = None
    confidence: Fraction | None = None
    description: str | None = None
    evidence: tuple[Evidence, ...] = ()
    tags: tuple[Text, ...] = ()
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)

    @property
    def polarity_name(self) -> str:
        return polarity_name(self.polarity)

    def other(self, actor_id: str) -> str:
        """The actor at the other end from ``actor_id``."""
        return self.target if actor_id == self.source else self.source



@record
class StoryStep(_Record):
    """One step of a story: its words, the date the map shows, and what stands out (the rest fades)."""

    title: Text
    text: str | None = None
    as_of: PartialDate | None = None
    focus: tuple[Text, ...] = Field(default=(), description="actors highlighted, by id, name or alias; the camera fits them")
    relations: tuple[Id, ...] = Field(default=(), description="relations highlighted, by id")


@record
class Story(_Record):
    """A walk through the map, step by step (strikes, then talks, then sanctions relief)."""

    id: Id
    title: Text
    description: str | None = None
    steps: tuple[StoryStep, ...] = Field(min_length=1)


#: The words a stance may be written with, and the number each stands for.
STANCE_WORDS = {"opposes": -1.0, "neutral": 0.0, "supports": 1.0}


def _read_stance(value: object) -> object:
    """A stance as a number from -1 to 1: "opposes", "neutral" and "supports" stand for -1, 0 and 1."""
    if isinstance(value, str) and value.strip().casefold() in STANCE_WORDS:
        return STANCE_WORDS[value.strip().casefold()]
    return value


Stance = Annotated[float, BeforeValidator(_read_stance), Field(ge=-1.0, le=1.0)]


@record
class Issue(_Record):
    """A question on the table (lift the sanctions?), on which actors take positions."""

    id: Id
    title: Text
    description: str | None = None
    low: Text | None = Field(default=None, description="what a stance of -1 means (the scale's low end), if not opposing")
    high: Text | None = Field(default=None, description="what a stance of 1 means (the scale's high end), if not supporting")


@record
class Position(_Record):
    """Where an actor stands on an issue, how much the issue matters to it, and the quote that says so."""

    actor: Text
    issue: Id
    stance: Stance
    salience: Fraction
    start: PartialDate | None = None
    end: PartialDate | None = None
    description: str | None = None
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class Dataset(_Model):
    """A whole map: what it is about, its sources, actors, relations, extra kinds, stories, issues and positions."""

    meta: Meta = Field(default_factory=Meta)
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    kinds: list[RelationKind] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)

    @property
    def name(self) -> str:
        return self.meta.name or "map"

    @cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def relations_by_id(self) -> dict[str, Relation]:
        """Relations by id (every relation of a resolved dataset has one)."""
        return {relation.id: relation for relation in self.relations}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def spans(self) -> dict[str, Span]:
        """When each relation holds, by relation id: given, inferred from its evidence, or undated (see ``holds``)."""
        from .holds import spans

        return spans(self)

    @cached_property
    def kinds_by_id(self) -> dict[str, RelationKind]:
        """Every kind in force: the default vocabulary, then this dataset's own."""
        from .vocabulary import DEFAULT_KINDS

        merged = dict(DEFAULT_KINDS)
        merged.update((kind.id, kind) for kind in self.kinds)
        return merged

    def relations_of(self, actor_id: str) -> list[Relation]:
        """Relations in which the actor is source or target, in file order."""
        return [r for r in self.relations if actor_id in (r.source, r.target)]
