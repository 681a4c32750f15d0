"""The actors and relations added, removed or changed between two states, field by field.

The records of a state are those its graph holds, so a relation a date leaves
out of one state (its span ends or starts between the two) counts as removed or
added. Relations are matched by id, then those left over by their ends and kind
(either order for an undirected one), in date order: a derived id changes with
the relation's start date (``source--kind--target--start``), and the relation
with a corrected date is still the same relation, changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import networkx as nx

from ..holds import Span
from ..model import Actor, Dataset, Evidence, Relation

Status = Literal["added", "removed", "changed"]
#: The order changes are listed in.
STATUSES: tuple[Status, ...] = ("added", "removed", "changed")

R = TypeVar("R", Actor, Relation)


@dataclass(frozen=True)
class FieldChange:
    """One field of a record before and after, as the record's JSON gives it (dates as text, lists for tuples)."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange(Generic[R]):
    """An actor or relation added, removed or changed.

    ``id`` is the record's id in the union of both states: its new id, unless it
    was removed. ``old`` and ``new`` are the record in each state (None where it
    is absent); ``fields`` the fields that differ, for a changed record.
    """

    id: str
    status: Status
    old: R | None
    new: R | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def record(self) -> R:
        """The record as it stands: the new one, or the old one when it was removed."""
        found = self.new if self.new is not None else self.old
        assert found is not None  # a change always has a record on at least one side
        return found

    @property
    def changed(self) -> tuple[str, ...]:
        """The names of the fields that changed."""
        return tuple(field.name for field in self.fields)


@dataclass(frozen=True)
class RelationChange(RecordChange[Relation]):
    """A relation added, removed or changed; a changed one also gains or loses evidence.

    A relation matched by its ends and kind rather than its id lists ``id``
    among its changed fields.
    """

    evidence_added: tuple[Evidence, ...] = ()
    evidence_removed: tuple[Evidence, ...] = ()

    @property
    def changed(self) -> tuple[str, ...]:
        named = super().changed
        return (*named, "evidence") if self.evidence_added or self.evidence_removed else named


def _fields(old: Actor | Relation, new: Actor | Relation, skip: frozenset[str]) -> tuple[FieldChange, ...]:
    if old is new or old == new:  # the date form compares a record with itself: no dump needed
        return ()
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return tuple(FieldChange(name, value, after[name]) for name, value in before.items() if name not in skip and value != after[name])


def _listed(changes: Iterable[RecordChange[Any]], key: Any) -> dict[str, Any]:
    """Changes by id, in the order they are listed: added, removed, changed, each by ``key``."""
    ordered = sorted(changes, key=lambda change: (STATUSES.index(change.status), key(change)))
    return {change.id: change for change in ordered}


def actor_changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> dict[str, RecordChange[Actor]]:
    """The actors added, removed or changed from ``old`` to ``new``, by id; each group by name."""
    before, after = old.graph["dataset"].actors_by_id, new.graph["dataset"].actors_by_id
    found: list[RecordChange[Actor]] = [RecordChange(a, "removed", before[a], None) for a in old if a not in new]
    for actor in new:
        if actor not in old:
            found.append(RecordChange(actor, "added", None, after[actor]))
        elif fields := _fields(before[actor], after[actor], frozenset({"id"})):
            found.append(RecordChange(actor, "changed", before[actor], after[actor], fields))
    return _listed(found, lambda change: (change.record.name.casefold(), change.id))


def _ends(relation: Relation) -> tuple[str, str, str]:
    """What matches a relation whose id changed: its ends (in either order when undirected) and kind."""
    ends = (relation.source, relation.target) if relation.directed else tuple(sorted((relation.source, relation.target)))
    return (*ends, relation.kind)


def _dated(relation: Relation, spans: Mapping[str, Span]) -> tuple[bool, dt.date, str]:
    """A sort key: when a relation is placed in time, undated ones last, then its id."""
    span = spans[relation.id]
    return (span.undated, span.placed_at(), relation.id)


def _evidence_key(evidence: Evidence) -> tuple[str, str, str | None]:
    return (evidence.source, evidence.quote, evidence.locator)


def _relation_change(old: Relation, new: Relation) -> RelationChange | None:
    fields = _fields(old, new, frozenset({"evidence"}))
    before, after = {_evidence_key(e) for e in old.evidence}, {_evidence_key(e) for e in new.evidence}
    added = tuple(e for e in new.evidence if _evidence_key(e) not in before)
    removed = tuple(e for e in old.evidence if _evidence_key(e) not in after)
    if not (fields or added or removed):
        return None
    return RelationChange(new.id, "changed", old, new, fields, added, removed)


def relation_changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> dict[str, RelationChange]:
    """The relations added, removed or changed from ``old`` to ``new``, by id; each group in date order."""
    old_data: Dataset = old.graph["dataset"]
    new_data: Dataset = new.graph["dataset"]
    before = {key: old_data.relations_by_id[key] for *_, key in old.edges(keys=True)}
    after = {key: new_data.relations_by_id[key] for *_, key in new.edges(keys=True)}
    pairs = [(before[key], after[key]) for key in after if key in before]
    waiting: dict[tuple[str, str, str], list[Relation]] = {}
    for relation in sorted((r for key, r in before.items() if key not in after), key=lambda r: _dated(r, old_data.spans)):
        waiting.setdefault(_ends(relation), []).append(relation)
    found: list[RelationChange] = []
    for relation in sorted((r for key, r in after.items() if key not in before), key=lambda r: _dated(r, new_data.spans)):
        left = waiting.get(_ends(relation))
        if left:
            pairs.append((left.pop(0), relation))
        else:
            found.append(RelationChange(relation.id, "added", None, relation))
    found += [RelationChange(r.id, "removed", r, None) for left in waiting.values() for r in left]
    found += [change for old_record, new_record in pairs if (change := _relation_change(old_record, new_record))]
    return _listed(found, lambda change: _dated(change.record, (old_data if change.status == "removed" else new_data).spans))
