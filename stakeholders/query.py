"""Questions asked of a dataset: find an actor, list relations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .dates import PartialDate
from .filters import Filters
from .model import Actor, Dataset, Relation
from .names import NameIndex


def find_actor(dataset: Dataset, name: str) -> Actor:
    """The actor ``name`` designates (id, name or alias, ignoring case and accents).

    Raises ``UnknownActorError`` with close matches, or ``AmbiguousActorError``.
    """
    return dataset.actors_by_id[NameIndex(dataset.actors).resolve(name)]


def relation_sort_key(relation: Relation) -> tuple[bool, dt.date, dt.date, str]:
    """Dated relations first, by start then end; undated ones after; ties by id."""
    start = relation.start or relation.end
    first = start.first if start else dt.date.max
    last = relation.end.last if relation.end else dt.date.max
    return (start is None, first, last, relation.id or "")


def select_relations(
    dataset: Dataset,
    actor: str | None = None,
    *,
    as_of: str | PartialDate | None = None,
    kinds: Iterable[str] | None = None,
    polarity: str | int | Iterable[str | int] | None = None,
) -> list[Relation]:
    """Relations (of one actor, if given by any name) that pass the filters, in date order."""
    filters = Filters.make(dataset, as_of, kinds, polarity)
    actor_id = find_actor(dataset, actor).id if actor is not None else None
    chosen = [
        r
        for r in dataset.relations
        if (actor_id is None or actor_id in (r.source, r.target)) and filters.keeps_relation(r)
    ]
    return sorted(chosen, key=relation_sort_key)
