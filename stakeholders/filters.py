"""One filter object shared by every entry point and command: as-of date, relation
kinds (kept and excluded), polarity, actor types and a focus on one actor's neighbourhood.

They work on the records, so commands that only list records need no graph
(and no networkx import). What holds on a date is ``holds``'s rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

from .dates import PartialDate
from .errors import InvalidDateError, UsageError
from .holds import Span
from .model import ACTOR_TYPES, POLARITY_NAMES, Actor, Dataset, Relation, RelationKind, polarity_name
from .names import NameIndex
from .vocabulary import unknown_kind

_POLARITY_WORDS = {**{name: value for value, name in POLARITY_NAMES.items()}, "any": None}


def parse_date(value: str | PartialDate, what: str = "date") -> PartialDate:
    """A partial date from a caller, or ``InvalidDateError`` naming ``what`` it was for."""
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise InvalidDateError(f"{what}: {exc}") from None


class Criteria(TypedDict, total=False):
    """The filters every entry point takes as keyword arguments, as a caller writes them.

    ``as_of`` keeps what holds during that period; ``kinds`` keeps those relation
    kinds and ``exclude_kinds`` leaves some out; ``polarity`` is ``"cooperative"``,
    ``"hostile"``, ``"neutral"``, ``"any"`` or -1/0/1 (or several); ``actor_types``
    keeps those actor types and the relations between them; ``focus`` (any actor
    name) keeps that actor's neighbourhood, ``depth`` relations away either way.
    """

    as_of: str | PartialDate | None
    kinds: Iterable[str] | None
    exclude_kinds: Iterable[str] | None
    polarity: str | int | Iterable[str | int] | None
    actor_types: Iterable[str] | None
    focus: str | None
    depth: int


@dataclass(frozen=True)
class Filters:
    """Which actors and relations to keep, checked against a dataset. Empty means keep everything."""

    as_of: PartialDate | None = None
    kinds: frozenset[str] | None = None
    excluded_kinds: frozenset[str] = frozenset()
    polarities: frozenset[int] | None = None
    actor_types: frozenset[str] | None = None
    focus: str | None = None  # an actor id
    depth: int = 1

    @classmethod
    def make(
        cls,
        dataset: Dataset,
        *,
        as_of: str | PartialDate | None = None,
        kinds: Iterable[str] | None = None,
        exclude_kinds: Iterable[str] | None = None,
        polarity: str | int | Iterable[str | int] | None = None,
        actor_types: Iterable[str] | None = None,
        focus: str | None = None,
        depth: int = 1,
    ) -> Filters:
        """Check the caller's filter values against the dataset; ``UsageError`` on a bad one."""
        known = dataset.kinds_by_id
        chosen = check_kinds(kinds, known) if kinds else None
        excluded = check_kinds(exclude_kinds, known) if exclude_kinds else frozenset()
        if chosen is not None and chosen <= excluded:
            raise UsageError(f"no relation kind left: every kind chosen is also excluded ({', '.join(sorted(chosen))})")
        if depth < 1:
            raise UsageError(f"depth must be 1 or more, not {depth}")
        return cls(
            as_of=parse_date(as_of, "as-of date") if as_of is not None else None,
            kinds=chosen,
            excluded_kinds=excluded,
            polarities=_check_polarities(polarity),
            actor_types=_check_types(actor_types) if actor_types else None,
            focus=NameIndex(dataset.actors).resolve(focus) if focus is not None else None,
            depth=depth,
        )

    @property
    def empty(self) -> bool:
        """Whether these filters keep everything."""
        return self == Filters()

    def keeps_actor(self, actor: Actor) -> bool:
        if self.actor_types is not None and actor.type not in self.actor_types:
            return False
        return self.as_of is None or actor.active_on(self.as_of)

    def keeps_relation(self, relation: Relation, span: Span) -> bool:
        """Whether the relation passes, ``span`` being when it holds (``Dataset.spans``)."""
        if self.kinds is not None and relation.kind not in self.kinds:
            return False
        if relation.kind in self.excluded_kinds:
            return False
        if self.polarities is not None and relation.polarity not in self.polarities:
            return False
        return self.as_of is None or span.holds_on(self.as_of)

    def select(
        self,
        dataset: Dataset,
        actors: Iterable[Actor] | None = None,
        relations: Iterable[Relation] | None = None,
        earlier: Sequence[str] = (),
    ) -> tuple[list[Actor], list[Relation]]:
        """The actors and relations kept, from the dataset's or from the subsets given (a graph's).

        Relations are those the filters keep, whatever their ends; a reader keeps
        those whose two ends are kept actors. ``UsageError`` if the focus actor is
        itself filtered out; ``earlier`` describes filters applied before, for that message.
        """
        kept_actors = [a for a in (dataset.actors if actors is None else actors) if self.keeps_actor(a)]
        every = dataset.relations if relations is None else relations
        if self.empty:
            kept_relations = list(every)
        else:
            spans = dataset.spans
            kept_relations = [r for r in every if self.keeps_relation(r, spans[r.id])]
        if self.focus is None:
            return kept_actors, kept_relations
        present = {a.id for a in kept_actors}
        if self.focus not in present:
            in_force = ", ".join([*earlier, *self._words()]) or "no filters"
            raise UsageError(f'"{dataset.actors_by_id[self.focus].name}" is not on the map with the filters in force ({in_force})')
        around = _around(self.focus, self.depth, [r for r in kept_relations if r.source in present and r.target in present])
        return [a for a in kept_actors if a.id in around], [r for r in kept_relations if r.source in around and r.target in around]

    def describe(self, dataset: Dataset | None = None) -> list[str]:
        """The filters in force, in words: ``["as of 2025-01", "kinds: airstrike"]``."""
        words = self._words()
        if self.focus is not None:
            name = dataset.actors_by_id[self.focus].name if dataset is not None else self.focus
            words.append(f"around {name}, depth {self.depth}")
        return words

    def _words(self) -> list[str]:
        words = []
        if self.as_of is not None:
            words.append(f"as of {self.as_of}")
        if self.kinds is not None:
            words.append(f"kinds: {', '.join(sorted(self.kinds))}")
        if self.polarities is not None:
            words.append(f"polarity: {', '.join(polarity_name(p) for p in sorted(self.polarities, reverse=True))}")
        if self.actor_types is not None:
            words.append(f"actor types: {', '.join(sorted(self.actor_types))}")
        if self.excluded_kinds:
            words.append(f"excluding kinds: {', '.join(sorted(self.excluded_kinds))}")
        return words


def _around(centre: str, depth: int, relations: list[Relation]) -> set[str]:
    """The actors at most ``depth`` relations from ``centre``, following relations either way."""
    neighbours: dict[str, set[str]] = {}
    for r in relations:
        neighbours.setdefault(r.source, set()).add(r.target)
        neighbours.setdefault(r.target, set()).add(r.source)
    reached, ring = {centre}, {centre}
    for _ in range(depth):
        ring = {n for actor in ring for n in neighbours.get(actor, ())} - reached
        reached |= ring
    return reached


def check_kinds(kinds: Iterable[str], known: Mapping[str, RelationKind], hint: str = "") -> frozenset[str]:
    """The kinds named, as the dataset spells them: in any case, as every other choice is matched."""
    folded: dict[str, str] = {}
    for kind_id in known:
        folded.setdefault(kind_id.casefold(), kind_id)
    chosen = set()
    for kind in kinds:
        found = kind if kind in known else folded.get(kind.casefold())
        if found is None:
            raise UsageError(unknown_kind(kind, known, hint))
        chosen.add(found)
    return frozenset(chosen)


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
