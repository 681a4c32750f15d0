"""Who could mediate between two actors: those with cooperative ties to both.

A candidate tied to both directly comes first (tier 1); then one tied to one of
them directly and to the other through one intermediary (tier 2). Within a tier,
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
class Mediation:
    """Candidates between ``a`` and ``b``, best first, and the intermediaries recorded between them."""

    a: str
    b: str
    candidates: tuple[Candidate, ...]
    recorded: tuple[tuple[str, Relation], ...]
    filters: list[str]


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
    the filters every entry point takes (see ``Criteria``). Only cooperative
    relations qualify a candidate, whatever ``polarity`` says; it applies to the
    recorded intermediaries. ``recorded`` pairs each actor named
    in ``via`` by a relation joining A and B with that relation.
    """
    every = build_network(source, **criteria)
    network = build_network(source, **{**criteria, "polarity": "cooperative"})
    a, b = network.resolve(actor_a), network.resolve(actor_b)
    if a == b:
        raise UsageError(f'"{actor_a}" and "{actor_b}" are the same actor ({network.name(a)})')
    recorded = tuple(
        (via, r) for r in (every.hop(a, b).relations if a in every and b in every else ()) for via in r.via
    )
    candidates = _candidates(network, a, b) if a in network and b in network else []
    # The cooperative polarity is what a mediator means, not a filter the caller chose.
    return Mediation(a, b, tuple(candidates), recorded, every.filters)


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
