"""Filters shared by every command: as-of date, relation kinds, polarity, actor types.

They work on the records, so commands that only list records need no graph
(and no networkx import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .dates import PartialDate
from .errors import InvalidDateError, UsageError
from .model import ACTOR_TYPES, POLARITY_NAMES, Actor, Dataset, Relation, RelationKind, polarity_name
from .vocabulary import unknown_kind

_POLARITY_WORDS = {**{name: value for value, name in POLARITY_NAMES.items()}, "any": None}


def parse_date(value: str | PartialDate, what: str = "date") -> PartialDate:
    """A partial date from a caller, or ``InvalidDateError`` naming ``what`` it was for."""
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise InvalidDateError(f"{what}: {exc}") from None


@dataclass(frozen=True)
class Filters:
    """Which actors and relations to keep. Empty means keep everything."""

    as_of: PartialDate | None = None
    kinds: frozenset[str] | None = None
    polarities: frozenset[int] | None = None
    actor_types: frozenset[str] | None = None

    @classmethod
    def make(
        cls,
        dataset: Dataset,
        as_of: str | PartialDate | None = None,
        kinds: Iterable[str] | None = None,
        polarity: str | int | Iterable[str | int] | None = None,
        actor_types: Iterable[str] | None = None,
    ) -> Filters:
        """Check the caller's filter values against the dataset; ``UsageError`` on a bad one."""
        return cls(
            as_of=parse_date(as_of, "as-of date") if as_of is not None else None,
            kinds=_check_kinds(kinds, dataset.kinds_by_id) if kinds else None,
            polarities=_check_polarities(polarity),
            actor_types=_check_types(actor_types) if actor_types else None,
        )

    @property
    def empty(self) -> bool:
        """Whether these filters keep everything."""
        return self == Filters()

    def keeps_actor(self, actor: Actor) -> bool:
        if self.actor_types is not None and actor.type not in self.actor_types:
            return False
        return self.as_of is None or actor.active_on(self.as_of)

    def keeps_relation(self, relation: Relation) -> bool:
        if self.kinds is not None and relation.kind not in self.kinds:
            return False
        if self.polarities is not None and relation.polarity not in self.polarities:
            return False
        return self.as_of is None or relation.active_on(self.as_of)

    def describe(self) -> list[str]:
        """The filters in force, in words: ``["as of 2025-01", "kinds: airstrike"]``."""
        words = []
        if self.as_of is not None:
            words.append(f"as of {self.as_of}")
        if self.kinds is not None:
            words.append(f"kinds: {', '.join(sorted(self.kinds))}")
        if self.polarities is not None:
            words.append(f"polarity: {', '.join(polarity_name(p) for p in sorted(self.polarities, reverse=True))}")
        if self.actor_types is not None:
            words.append(f"actor types: {', '.join(sorted(self.actor_types))}")
        return words


def _check_kinds(kinds: Iterable[str], known: dict[str, RelationKind]) -> frozenset[str]:
    chosen = frozenset(kinds)
    for kind in sorted(chosen):
        if kind not in known:
            raise UsageError(unknown_kind(kind, known))
    return chosen


def _check_polarities(polarity: str | int | Iterable[str | int] | None) -> frozenset[int] | None:
    if polarity is None:
        return None
    values = [polarity] if isinstance(polarity, (str, int)) else list(polarity)
    chosen: set[int] = set()
    for value in values:
        if isinstance(value, int) and value in POLARITY_NAMES:
            chosen.add(value)
        elif isinstance(value, str) and value.lower() in _POLARITY_WORDS:
            number = _POLARITY_WORDS[value.lower()]
            if number is None:
                return None
            chosen.add(number)
        else:
            raise UsageError(f'unknown polarity "{value}"; use cooperative, hostile, neutral or any')
    return frozenset(chosen)


def _check_types(types: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(types)
    for actor_type in sorted(chosen):
        if actor_type not in ACTOR_TYPES:
            raise UsageError(f'unknown actor type "{actor_type}"; use one of {", ".join(ACTOR_TYPES)}')
    return chosen
