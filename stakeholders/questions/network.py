"""The collapsed simple graph that questions are asked of: one link per pair of actors.

Parallel relations between two actors (a negotiation and a hostility, say) make
one link here, so a search visits a pair once however many relations join it;
the relations of a link are attached to the answer afterwards. Links are plain
Python sets of integers: building one costs a single pass over the relations,
and the command line never imports networkx to answer a question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Unpack

from ..filters import Criteria, Filters
from ..holds import chronological
from ..model import Actor, Dataset, Relation
from ..names import NameIndex

if TYPE_CHECKING:
    from networkx import MultiDiGraph

FORWARD, BACKWARD, UNDIRECTED = "forward", "backward", "undirected"


@dataclass(frozen=True)
class Hop:
    """One step of an answer: from one actor to the next, and every relation joining them."""

    source: str
    target: str
    relations: tuple[Relation, ...]

    def direction(self, relation: Relation) -> str:
        """``forward`` (source to target), ``backward`` or ``undirected``, as the hop is walked."""
        if not relation.directed:
            return UNDIRECTED
        return FORWARD if relation.source == self.source else BACKWARD


@dataclass(frozen=True)
class ActorPath:
    """A chain of actors, each hop carrying the relations behind it."""

    actors: tuple[str, ...]
    hops: tuple[Hop, ...]

    def __len__(self) -> int:
        return len(self.hops)


class Network:
    """Actors and the links between them, after filtering.

    ``directed=False`` lets every relation be walked either way (influence runs
    both ways); ``directed=True`` follows arrows, and undirected relations both ways.
    """

    def __init__(
        self, dataset: Dataset, actors: Iterable[Actor], relations: Iterable[Relation], *, directed: bool, filters: list[str]
    ) -> None:
        self.dataset = dataset
        self.directed = directed
        self.filters = filters
        # Actors are numbered in id order so that ordering paths by their numbers
        # orders them by actor ids: deterministic without sorting strings.
        self.ids: list[str] = sorted(a.id for a in actors)
        self.index: dict[str, int] = {actor_id: i for i, actor_id in enumerate(self.ids)}
        self.succ: list[set[int]] = [set() for _ in self.ids]
        self.pred: list[set[int]] = [set() for _ in self.ids] if directed else self.succ
        self._links: dict[tuple[int, int], list[Relation]] = {}
        index, succ, pred, links = self.index, self.succ, self.pred, self._links
        for relation in relations:
            u, v = index.get(relation.source), index.get(relation.target)
            if u is None or v is None or u == v:
                continue
            succ[u].add(v)
            pred[v].add(u)
            if not directed or not relation.directed:
                succ[v].add(u)
                pred[u].add(v)
            links.setdefault((u, v) if u < v else (v, u), []).append(relation)

    def links(self) -> Iterable[list[Relation]]:
        """The relations of each linked pair of actors, one list per pair."""
        return self._links.values()

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.index

    @cached_property
    def _names(self) -> NameIndex:
        # All the dataset's actors, so that one the filters leave out is named, not unknown.
        return NameIndex(self.dataset.actors)

    def resolve(self, name: str) -> str:
        """The id of the actor ``name`` (id, name or alias) designates; see ``NameIndex.resolve``."""
        return name if name in self.index else self._names.resolve(name)

    def name(self, actor_id: str) -> str:
        return self.dataset.actors_by_id[actor_id].name

    def hop(self, source: str, target: str) -> Hop:
        """The relations that let one walk from ``source`` to ``target``, in date order."""
        u, v = self.index[source], self.index[target]
        joining = self._links.get((u, v) if u < v else (v, u), [])
        if self.directed:
            joining = [r for r in joining if not r.directed or r.source == source]
        return Hop(source, target, tuple(chronological(joining, self.dataset.spans)))

    def path(self, actors: Iterable[str]) -> ActorPath:
        chain = tuple(actors)
        return ActorPath(chain, tuple(self.hop(a, b) for a, b in pairwise(chain)))

    def describe(self) -> str:
        """The filters in force, in words, or an empty string."""
        return "; ".join(self.filters)


def build_network(source: Dataset | MultiDiGraph, *, directed: bool = False, **criteria: Unpack[Criteria]) -> Network:
    """The network of a dataset, or of a graph made by ``to_graph`` (its filters add up).

    ``criteria`` are the filters every entry point takes (see ``Criteria``);
    ``UsageError`` on a bad value, or when ``kinds`` and ``exclude_kinds`` leave no
    kind at all.
    """
    dataset: Dataset = source if isinstance(source, Dataset) else source.graph["dataset"]
    filters = Filters.make(dataset, **criteria)
    if isinstance(source, Dataset):
        actors, relations = filters.select(dataset)
        described = filters.describe(dataset)
    else:
        earlier = list(source.graph.get("filters", []))
        by_id, relations_by_id = dataset.actors_by_id, dataset.relations_by_id
        actors, relations = filters.select(
            dataset, (by_id[n] for n in source), (relations_by_id[key] for *_, key in source.edges(keys=True)), earlier
        )
        described = earlier + filters.describe(dataset)
    if directed:
        described.append("following arrows")
    return Network(dataset, actors, relations, directed=directed, filters=described)
