"""Two states of a map compared: ``compare`` (two datasets or graphs), ``compare_dates`` (one dataset
at two dates), and ``union_graph``, both states in one graph with each record's change marked.

A ``Changes`` keeps both graphs, so whatever draws or exports the diff can
reach every record: ``changes.actors[id]`` and ``changes.relations[id]`` give
the status (``added``, ``removed``, ``changed``) and the fields changed of each
record that changed; a record absent from them did not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..errors import UsageError
from ..filters import parse_date
from ..graph import graph_of
from ..model import Actor, Dataset
from .movement import CampChanges, Figure, PairChange, Shift, camp_changes, centrality_shifts, figures, pair_changes, standing
from .records import RecordChange, RelationChange, actor_changes, relation_changes


@dataclass(frozen=True)
class Changes:
    """What changed from the state ``old`` to the state ``new`` (graphs from ``to_graph``).

    ``labels`` name the two states (dates, paths, a git revision). ``actors`` and
    ``relations`` hold the records that changed by id (see ``records``);
    ``pairs`` the pairs whose state flipped; ``balance``, ``camps`` and
    ``centrality`` how the analysis moved (see ``movement``).
    """

    old: nx.MultiDiGraph
    new: nx.MultiDiGraph
    labels: tuple[str, str]
    actors: dict[str, RecordChange[Actor]]
    relations: dict[str, RelationChange]
    pairs: tuple[PairChange, ...]
    balance: tuple[Figure, ...]
    camps: CampChanges
    centrality: dict[str, tuple[Shift, ...]]

    @property
    def changed(self) -> bool:
        """Whether anything the diff reports changed."""
        return bool(
            self.actors
            or self.relations
            or self.pairs
            or self.camps.moves
            or any(figure.change for figure in self.balance)
            or any(self.centrality.values())
        )

    @property
    def names(self) -> dict[str, str]:
        """Every actor of either state by id, with its name (the new one where both have it)."""
        return _names(self.old, self.new)


def _names(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> dict[str, str]:
    return {actor: attrs["label"] for graph in (old, new) for actor, attrs in graph.nodes(data=True)}


def compare(old: Dataset | nx.MultiDiGraph, new: Dataset | nx.MultiDiGraph, *, labels: tuple[str, str] = ("old", "new")) -> Changes:
    """What changed from ``old`` to ``new``, each a dataset or a graph from ``to_graph`` (filtered as the caller likes)."""
    before, after = graph_of(old), graph_of(new)
    names = _names(before, after)
    old_standing, new_standing = standing(before), standing(after)
    return Changes(
        old=before,
        new=after,
        labels=labels,
        actors=actor_changes(before, after),
        relations=relation_changes(before, after),
        pairs=pair_changes(before, after, names),
        balance=figures(old_standing, new_standing),
        camps=camp_changes(old_standing.camps, new_standing.camps, names, (old_standing.splits, new_standing.splits)),
        centrality=centrality_shifts(old_standing, new_standing, names),
    )


def compare_dates(data: Dataset | nx.MultiDiGraph, from_: str, to: str) -> Changes:
    """What changed on the map between the dates ``from_`` and ``to`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    Each state is what holds on its date (``to_graph(dataset, as_of=...)``), so a
    relation whose span starts or ends between the two is added or removed.
    ``InvalidDateError`` on a date that is not one, ``UsageError`` when ``from_``
    comes after ``to``.
    """
    first, last = parse_date(from_, "from date"), parse_date(to, "to date")
    if first > last:
        raise UsageError(f"the from date {first} comes after the to date {last}")
    return compare(graph_of(data, as_of=first), graph_of(data, as_of=last), labels=(str(first), str(last)))


def union_graph(changes: Changes) -> nx.MultiDiGraph:
    """Both states in one graph, like ``to_graph``'s, each node and edge with a ``change`` attribute.

    ``change`` is ``"added"``, ``"removed"``, ``"changed"`` or None (unchanged).
    Nodes and edges carry the new state's attributes, a removed one its old
    attributes; they are copies, so ``change`` is never written into a record.
    ``graph.graph["dataset"]`` holds the records of both states (the new ones,
    then what was removed), so every reader of a graph finds each record there.
    """
    old, new = changes.old, changes.new
    dataset = _union_dataset(changes)
    graph = nx.MultiDiGraph(
        name=new.graph.get("name"),
        title=new.graph.get("title"),
        filters=[f"changes from {changes.labels[0]} to {changes.labels[1]}"],
        dataset=dataset,
    )
    for actor, attrs in [*new.nodes(data=True), *((a, attrs) for a, attrs in old.nodes(data=True) if a not in new)]:
        graph.add_node(actor, **attrs, change=_status(changes.actors.get(actor)))
    removed = [(u, v, key, attrs) for u, v, key, attrs in old.edges(keys=True, data=True) if key in changes.relations and changes.relations[key].status == "removed"]
    for u, v, key, attrs in [*new.edges(keys=True, data=True), *removed]:
        graph.add_edge(u, v, key, **attrs, change=_status(changes.relations.get(key)))
    return graph


def _status(change: RecordChange[Any] | None) -> str | None:
    return None if change is None else change.status


def _union_dataset(changes: Changes) -> Dataset:
    """The new dataset with the old one's actors, relations, sources and kinds it lacks."""
    old: Dataset = changes.old.graph["dataset"]
    new: Dataset = changes.new.graph["dataset"]
    if old is new:
        return new

    def missing(records: list[Any], present: Iterable[Any]) -> list[Any]:
        known = {record.id for record in present}
        return [record for record in records if record.id not in known]

    # Built from records already validated: checking them again would cost as much as the load.
    return Dataset.model_construct(
        meta=new.meta,
        sources=[*new.sources, *missing(old.sources, new.sources)],
        actors=[*new.actors, *missing(old.actors, new.actors)],
        relations=[*new.relations, *(change.record for change in changes.relations.values() if change.status == "removed")],
        kinds=[*new.kinds, *missing(old.kinds, new.kinds)],
    )
