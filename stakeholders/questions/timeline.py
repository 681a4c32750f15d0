"""Questions asked of a dataset: find an actor, list relations, a timeline."""

from __future__ import annotations

import datetime as dt
from typing import Unpack

from ..dates import PartialDate, chronological, overlaps
from ..errors import UsageError
from ..filters import Criteria, Filters, parse_date
from ..model import Actor, Dataset, Relation
from ..names import NameIndex


def find_actor(dataset: Dataset, name: str) -> Actor:
    """The actor ``name`` designates (id, name or alias, ignoring case and accents).

    Raises ``UnknownActorError`` with close matches, or ``AmbiguousActorError``.
    """
    return dataset.actors_by_id[NameIndex(dataset.actors).resolve(name)]


def relation_sort_key(relation: Relation) -> tuple[bool, dt.date, dt.date, str]:
    """Dated relations first, by start then end; undated ones after; ties by id."""
    return (*chronological(relation.start, relation.end), relation.id)


def select_relations(
    dataset: Dataset,
    actor: str | None = None,
    **criteria: Unpack[Criteria],
) -> list[Relation]:
    """Relations (of one actor, if given by any name) that pass the filters (see ``Criteria``), in date order.

    A relation is listed when its two actors pass the actor filters too.
    """
    filters = Filters.make(dataset, **criteria)
    actor_id = find_actor(dataset, actor).id if actor is not None else None
    actors, relations = filters.select(dataset)
    kept = {a.id for a in actors}
    chosen = [
        r
        for r in relations
        if (actor_id is None or actor_id in (r.source, r.target)) and r.source in kept and r.target in kept
    ]
    return sorted(chosen, key=relation_sort_key)


def timeline(
    dataset: Dataset,
    actor: str | None = None,
    *,
    since: str | PartialDate | None = None,
    until: str | PartialDate | None = None,
    **criteria: Unpack[Criteria],
) -> list[Relation]:
    """Relations (of one actor, if given) in date order, those overlapping ``since``..``until``.

    Both bounds are inclusive periods (``until="2025-01"`` takes in 31 January).
    Undated relations come last: like everywhere else, they count as active on any date.
    """
    first = parse_date(since, "since date") if since is not None else None
    last = parse_date(until, "until date") if until is not None else None
    if first is not None and last is not None and last.last < first.first:
        raise UsageError(f"the since date {first} is after the until date {last}")
    chosen = select_relations(dataset, actor, **criteria)
    return [r for r in chosen if overlaps(r.start, r.end, first, last)]
