"""Who could mediate between two actors: those on cooperative terms with both.

A pair is on cooperative terms when its state is cooperative: its latest signed
relation holding on the date asked about is cooperative (``holds.pair_state``),
so a 2013 alliance does not qualify a pair that turned hostile in 2014. Actors
with a cooperative relation to both sides whose state with either side is not
cooperative are left out, and the answer says which and why.

A candidate on cooperative terms with both directly comes first (tier 1); then
one with one of them directly and with the other through one intermediary (tier 2). Within a tier,
candidates rank by score: a route is as strong as its weakest hop, a hop as its
most confident relation (1 when no confidence is given), and a candidate as its
strongest route; then by how many relations qualify them, then by name. The
intermediaries the data records (``via``) on relations between the two are
listed apart: they are facts, not candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Unpack

from ..errors import UsageError
from ..filters import Criteria
from ..holds import deciding, pair_state
from ..model import Dataset, Relation
from .network import ActorPath, Hop, Network, build_network

if TYPE_CHECKING:
    from networkx import MultiDiGraph


@dataclass(frozen=True)
class Candidate:
    """A possible mediator and the cooperative routes from A to B through it."""

    actor: str
    tier: int
    score: float
    paths: tuple[ActorPath, ...]

    @property
    def relations(self) -> list[Relation]:
        """Every relation that qualifies the candidate, once each."""
        seen = {r.id: r for path in self.paths for hop in path.hops for r in hop.relations}
        return list(seen.values())


@dataclass(frozen=True)
class Exclusion:
    """An actor with cooperative relations to both sides, left out: its state with ``side`` is
    ``state`` (-1 hostile, 0 none), decided by ``relations``."""

    actor: str
    side: str
    state: int
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Mediation:
    """Candidates between ``a`` and ``b``, best first, those left out, and the intermediaries recorded between them."""

    a: str
    b: str
    candidates: tuple[Candidate, ...]
    recorded: tuple[tuple[str, Relation], ...]
    filters: list[str]
    excluded: tuple[Exclusion, ...] = ()


def _strength(hop: Hop) -> float:
    return max(1.0 if r.confidence is None else r.confidence for r in hop.relations)


def _score(path: ActorPath) -> float:
    return min(_strength(hop) for hop in path.hops)


def find_mediators(
    source: Dataset | MultiDiGraph,
    actor_a: str,
    actor_b: str,
    **criteria: Unpack[Criteria],
) -> Mediation:
    """Candidates to mediate between ``actor_a`` and ``actor_b`` (any names), ranked.

    ``source`` is a ``Dataset`` or a graph made by ``to_graph``; ``criteria`` are
    the filters every entry point takes (see ``Criteria``; with ``as_of`` the
    states are those on that date). A pair's state comes from all its relations
    that pass the other filters, whatever ``polarity`` says; ``polarity`` applies
    to the recorded intermediaries. ``recorded`` pairs each actor named in ``via``
    by a relation joining A and B with that relation.
    """
    every = build_network(source, **criteria)
    ties = build_network(source, **{**criteria, "polarity": None})
    a, b = ties.resolve(actor_a), ties.resolve(actor_b)
    if a == b:
        raise UsageError(f'"{actor_a}" and "{actor_b}" are the same actor ({ties.name(a)})')
    recorded = tuple(
        (via, r) for r in (every.hop(a, b).relations if a in every and b in every else ()) for via in r.via
    )
    if a not in ties or b not in ties:
        return Mediation(a, b, (), recorded, every.filters)
    dataset = ties.dataset
    kinds, spans = dataset.kinds_by_id, dataset.spans
    # The network of cooperative states: each such pair joined by the relations that make it so.
    friendly: list[Relation] = []
    for joining in ties.links():
        if pair_state(joining, kinds, spans) > 0:
            friendly.extend(deciding(joining, kinds, spans))
    network = Network(dataset, (dataset.actors_by_id[i] for i in ties.ids), friendly, directed=False, filters=ties.filters)
    candidates = _candidates(network, a, b)
    return Mediation(a, b, tuple(candidates), recorded, every.filters, tuple(_excluded(ties, network, a, b)))


def _excluded(ties: Network, friendly: Network, a: str, b: str) -> list[Exclusion]:
    """Actors with a cooperative relation to each side but not on cooperative terms with both, by name."""
    kinds, spans = ties.dataset.kinds_by_id, ties.dataset.spans
    ia, ib = ties.index[a], ties.index[b]
    found = []
    for x in (ties.succ[ia] & ties.succ[ib]) - {ia, ib}:
        actor = ties.ids[x]
        hops = [ties.hop(actor, side).relations for side in (a, b)]
        if not all(any(r.polarity > 0 for r in joining) for joining in hops):
            continue
        for side, joining in zip((a, b), hops, strict=True):
            state = pair_state(joining, kinds, spans)
            if state <= 0:
                found.append(Exclusion(actor, side, state, tuple(deciding(joining, kinds, spans))))
    found.sort(key=lambda e: (ties.name(e.actor).casefold(), e.actor, e.side != a))
    return found


def _candidates(network: Network, a: str, b: str) -> list[Candidate]:
    ids, succ = network.ids, network.succ
    ia, ib = network.index[a], network.index[b]
    ends = {ia, ib}
    direct = (succ[ia] & succ[ib]) - ends
    routes: dict[int, list[tuple[int, ...]]] = {x: [(ia, x, ib)] for x in direct}
    for near, far in ((ia, ib), (ib, ia)):
        for x in sorted(succ[near] - direct - ends):
            for y in sorted((succ[x] & succ[far]) - ends):
                # Routes always read from A to B.
                route = (ia, x, y, ib) if near == ia else (ia, y, x, ib)
                routes.setdefault(x, []).append(route)
    found = []
    for x, chains in routes.items():
        paths = tuple(network.path(ids[n] for n in chain) for chain in sorted(chains))
        found.append(Candidate(ids[x], 1 if x in direct else 2, max(_score(p) for p in paths), paths))
    found.sort(key=lambda c: (c.tier, -c.score, -len(c.relations), network.name(c.actor).casefold(), c.actor))
    return found
