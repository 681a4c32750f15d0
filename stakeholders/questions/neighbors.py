"""An actor's neighbourhood: who is one, two, N steps away, and through which relations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Unpack

from ..errors import NoPathError, UsageError
from ..filters import Criteria
from ..holds import pair_state
from ..model import Dataset, polarity_name
from .network import Hop, Network, build_network
from .paths import rings_to

if TYPE_CHECKING:
    from networkx import MultiDiGraph

#: Group order of neighbours; ``mixed`` is reached through relations of several polarities.
POLARITY_GROUPS = ("cooperative", "hostile", "neutral", "mixed")


@dataclass(frozen=True)
class Neighbor:
    """An actor ``distance`` steps away, reached from the ring before through ``hops``."""

    actor: str
    distance: int
    polarity: str
    hops: tuple[Hop, ...]


@dataclass(frozen=True)
class Neighborhood:
    """The neighbours of ``actor`` up to ``depth`` steps, by distance, polarity group, then name."""

    actor: str
    depth: int
    neighbors: tuple[Neighbor, ...]
    filters: list[str]


def _polarity(hops: Iterable[Hop], dataset: Dataset) -> str:
    """The state of the pairs that reach a neighbour (``holds.pair_state``): one name, or ``mixed`` when they differ."""
    found = {pair_state(hop.relations, dataset.kinds_by_id, dataset.spans) for hop in hops}
    return polarity_name(found.pop()) if len(found) == 1 else "mixed"


def neighborhood(
    source: Dataset | MultiDiGraph | Network,
    actor: str,
    *,
    depth: int = 1,
    directed: bool = False,
    **criteria: Unpack[Criteria],
) -> Neighborhood:
    """The actors up to ``depth`` steps from ``actor`` (any name), grouped by distance and polarity.

    ``source`` is a ``Dataset``, a graph made by ``to_graph`` or a ``Network``;
    ``criteria`` are the filters every entry point takes (see ``Criteria``; here
    ``depth`` is how far the rings reach, not a focus's).
    A neighbour's polarity is the state of its pair with the actor before it (its
    latest signed relation, ``neutral`` when it has none; ``mixed`` when it is
    reached from several actors in different states); ``directed`` follows arrows outwards.
    """
    if depth < 1:
        raise UsageError(f"depth must be at least 1, not {depth}")
    network = source if isinstance(source, Network) else build_network(source, directed=directed, **criteria)
    centre = network.resolve(actor)
    if centre not in network:
        raise NoPathError(f"{network.name(centre)} is left out by the filters ({network.describe()})")
    rings = rings_to(network.succ, network.index[centre], depth)
    found = []
    for distance in range(1, len(rings)):
        for node in rings[distance]:
            before = sorted(network.pred[node] & rings[distance - 1])
            hops = tuple(network.hop(network.ids[p], network.ids[node]) for p in before)
            found.append(Neighbor(network.ids[node], distance, _polarity(hops, network.dataset), hops))
    found.sort(key=lambda n: (n.distance, POLARITY_GROUPS.index(n.polarity), network.name(n.actor).casefold(), n.actor))
    return Neighborhood(centre, depth, tuple(found), network.filters)
