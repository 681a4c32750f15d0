"""What holds on a date: when a relation holds, and the state of a pair of actors.

The one home of both rules; the filters, the questions, the analysis, the map and
the exports all ask here.

**When a relation holds.** Over its own ``start``..``end`` when it gives either.
Without them, it is known from its evidence: reported by a source dated D, an
``ended`` relation held up to D, any other (ongoing, announced, pending, partial,
or without a status) holds from D on. Several dated sources: the earliest report
counts (an ended relation was over by its first report; another held from it).
With neither dates nor dated evidence a relation is *undated*: it is never
counted as holding on a chosen date, and is listed apart.

**The state of a pair.** The sign of its latest cooperative or hostile relation
(by its own start, else its own end; a relation without dates of its own counts
as older than any dated one: a report date says when a standing fact was seen,
not when it began, so it never makes a relation newer than one that gives dates). Relations tied for latest
are summed by their Goldstein magnitude. A relation's own polarity always wins
over its kind's, and a signed relation never weighs 0: a kind without a Goldstein
value, or with 0 (a structural kind a relation marks cooperative), weighs 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .dates import PartialDate, anchor, overlaps
from .model import Dataset, Relation, RelationKind, Source


@dataclass(frozen=True, slots=True)
class Span:
    """When a relation holds: its own dates, or dates inferred from the source that reported it.

    ``reported`` is the date of that source when the span was inferred (None when
    the relation gives its own dates, or is undated).
    """

    start: PartialDate | None
    end: PartialDate | None
    reported: PartialDate | None = None

    @property
    def inferred(self) -> bool:
        return self.reported is not None

    @property
    def undated(self) -> bool:
        return self.start is None and self.end is None

    def holds_on(self, when: PartialDate) -> bool:
        """Whether the relation holds during the period ``when``; an undated one never does."""
        return not self.undated and overlaps(self.start, self.end, when, when)

    def overlaps(self, since: PartialDate | None, until: PartialDate | None) -> bool:
        """Whether the relation holds at some time in ``since``..``until``; an undated one never does."""
        return not self.undated and overlaps(self.start, self.end, since, until)

    def placed_at(self) -> dt.date:
        """The day the relation is listed at (first day of its start, else of its end); undated: the oldest."""
        when = anchor(self.start, self.end)
        return when.first if when is not None else dt.date.min

    def began(self) -> dt.date:
        """The day the relation is known to have begun, for "latest": its own dates only; else the oldest."""
        return dt.date.min if self.inferred else self.placed_at()


UNDATED = Span(None, None)


def span_of(relation: Relation, sources: Mapping[str, Source]) -> Span:
    """When ``relation`` holds (see the module's rule); ``sources`` by id, for the dates of its evidence."""
    if relation.start is not None or relation.end is not None:
        return Span(relation.start, relation.end)
    reported = [d for e in relation.evidence if (d := sources[e.source].date) is not None] if relation.evidence else []
    if not reported:
        return UNDATED
    first = min(reported)
    return Span(None, first, first) if relation.status == "ended" else Span(first, None, first)


def spans(dataset: Dataset) -> dict[str, Span]:
    """Every relation's span, by relation id."""
    sources = dataset.sources_by_id
    return {relation.id: span_of(relation, sources) for relation in dataset.relations}


def chronological(relations: Iterable[Relation], spans: Mapping[str, Span]) -> list[Relation]:
    """Relations in date order: by the day each is placed at, then its end, then id; undated ones last."""

    def key(relation: Relation) -> tuple[bool, dt.date, dt.date, str]:
        span = spans[relation.id]
        return (span.undated, span.placed_at(), span.end.last if span.end else dt.date.max, relation.id)

    return sorted(relations, key=key)


def split_undated(relations: Sequence[Relation], spans: Mapping[str, Span]) -> tuple[list[Relation], list[Relation]]:
    """The relations placed in time, and the undated ones (listed apart wherever a date is asked about)."""
    return [r for r in relations if not spans[r.id].undated], [r for r in relations if spans[r.id].undated]


def magnitude(kind: RelationKind) -> float:
    """How much a signed relation weighs in its pair's sign: its kind's Goldstein magnitude, never 0."""
    return abs(kind.goldstein) if kind.goldstein else 1.0


def pair_state(
    relations: Iterable[Relation], kinds: Mapping[str, RelationKind], spans: Mapping[str, Span], rule: str = "latest"
) -> int:
    """The sign of a pair (+1 cooperative, -1 hostile, 0 none) from its relations.

    Give the relations that hold on the date asked about (or all of them for the
    map as a whole). ``latest``: the sign of the latest signed relations, summed
    by magnitude; ``goldstein``: the sign of all signed relations summed.
    """
    signed = [r for r in relations if r.polarity]
    if not signed:
        return 0
    if rule == "latest":
        newest = max(spans[r.id].began() for r in signed)
        signed = [r for r in signed if spans[r.id].began() == newest]
    total = sum(r.polarity * magnitude(kinds[r.kind]) for r in signed)
    return (total > 0) - (total < 0)


def deciding(
    relations: Iterable[Relation], kinds: Mapping[str, RelationKind], spans: Mapping[str, Span], rule: str = "latest"
) -> list[Relation]:
    """The relations that give a pair its state: the latest signed ones agreeing with it (all agreeing ones under ``goldstein``)."""
    listed = list(relations)
    state = pair_state(listed, kinds, spans, rule)
    agreeing = [r for r in listed if r.polarity == state and state]
    if rule == "latest" and agreeing:
        newest = max(spans[r.id].began() for r in agreeing)
        agreeing = [r for r in agreeing if spans[r.id].began() == newest]
    return agreeing
