"""Questions asked of a dataset: find an actor, list relations, a timeline."""

from __future__ import annotations

from typing import Unpack

from ..dates import PartialDate
from ..errors import UsageError
from ..filters import Criteria, Filters, parse_date
from ..holds import chronological
from ..model import Actor, Dataset, Relation
from ..names import NameIndex


def find_actor(dataset: Dataset, name: str) -> Actor:
    """The actor ``name`` designates (id, name or alias, ignoring case and accents).

    Raises ``UnknownActorError`` with close matches, or ``AmbiguousActorError``.
    """
    return dataset.actors_by_id[NameIndex(dataset.actors).resolve(name)]


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
    return chronological(chosen, dataset.spans)


def timeline(
    dataset: Dataset,
    actor: str | None = None,
    *,
    since: str | PartialDate | None = None,
    until: str | PartialDate | None = None,
    **criteria: Unpack[Criteria],
) -> list[Relation]:
    """Relations (of one actor, if given) in date order, those holding at some time in ``since``..``until``.

    Both bounds are inclusive periods (``until="2025-01"`` takes in 31 January).
    Dates inferred from the evidence count (see ``holds``). Undated relations come
    last when no date is asked about, and are left out when one is
    (``undated_relations`` lists them apart).
    """
    first = parse_date(since, "since date") if since is not None else None
    last = parse_date(until, "until date") if until is not None else None
    if first is not None and last is not None and last.last < first.first:
        raise UsageError(f"the since date {first} is after the until date {last}")
    chosen = select_relations(dataset, actor, **criteria)
    if first is None and last is None:
        return chosen
    spans = dataset.spans
    return [r for r in chosen if spans[r.id].overlaps(first, last)]


def undated_relations(dataset: Dataset, actor: str | None = None, **criteria: Unpack[Criteria]) -> list[Relation]:
    """The relations that pass every filter but the date and are undated: what a dated answer lists apart."""
    spans = dataset.spans
    return [r for r in select_relations(dataset, actor, **{**criteria, "as_of": None}) if spans[r.id].undated]
