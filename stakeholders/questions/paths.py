"""How one actor connects to another: the shortest paths, or every simple path up to N hops.

The search runs on the collapsed network (one link per pair of actors), never
on parallel relations, and prunes with the distance to the target: a partial
path goes on only if the hops it has left can still reach the target. Paths of
each length come out in order of actor ids, so a limit stops the search early
and the answer is the same every time.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Unpack

from ..errors import NoPathError, UsageError
from ..filters import Criteria
from ..model import Dataset
from ..terms import counted
from .network import ActorPath, Network, build_network

if TYPE_CHECKING:
    from networkx import MultiDiGraph

DEFAULT_MAX_HOPS = 3


def rings_to(adjacency: list[set[int]], start: int, depth: int | None) -> list[set[int]]:
    """Breadth-first rings around ``start``: ``rings[d]`` holds the nodes at distance ``d``."""
    rings = [{start}]
    seen = {start}
    while rings[-1] and (depth is None or len(rings) <= depth):
        ring = {n for u in rings[-1] for n in adjacency[u]} - seen
        seen |= ring
        rings.append(ring)
    if not rings[-1]:
        rings.pop()
    return rings


def _within(rings: list[set[int]], size: int) -> list[set[int]]:
    """``within[k]``: the nodes 1 to k steps from the ring centre (the centre left out), k < size at least."""
    within: list[set[int]] = [set()]
    for ring in rings[1:]:
        within.append(within[-1] | ring)
    # Past the last ring nothing new is reachable: the farthest set stands for every k.
    return within + [within[-1]] * (size - len(within))


def paths_of_length(network: Network, source: int, target: int, hops: int, within: list[set[int]]) -> Iterator[tuple[int, ...]]:
    """Simple paths of exactly ``hops`` links, as node numbers, in increasing order.

    ``within`` (at least ``hops`` sets) comes from the rings around ``target``
    against the arrows; a node is a candidate only if it lies near enough to the
    target to finish in time, and the last step is a set intersection, so the
    work follows the answer.
    """
    succ = network.succ
    if hops == 1:
        if target in succ[source]:
            yield (source, target)
        return
    path = [source]
    stack = [iter(sorted(succ[source] & within[hops - 1]))]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            path.pop()
            continue
        if node in path:
            continue
        left = hops - len(path)  # links still to walk once ``node`` is on the path
        if left == 1:
            yield (*path, node, target)
        else:
            path.append(node)
            stack.append(iter(sorted(succ[node] & within[left - 1])))


def search(network: Network, source: str, target: str, *, all_paths: bool = False, max_hops: int | None = None) -> Iterator[tuple[str, ...]]:
    """Actor sequences from ``source`` to ``target`` (ids, both in ``network``), shortest first.

    Only the shortest ones unless ``all_paths``, then every simple path of up to
    ``max_hops`` links (default ``DEFAULT_MAX_HOPS``). Lazy: take what you need.
    """
    if max_hops is not None and max_hops < 1:
        raise UsageError(f"max hops must be at least 1, not {max_hops}")
    if all_paths and max_hops is None:
        max_hops = DEFAULT_MAX_HOPS
    if max_hops is not None:
        max_hops = min(max_hops, max(len(network.ids) - 1, 1))  # no simple path is longer: a huge bound costs nothing
    s, t = network.index[source], network.index[target]
    rings = rings_to(network.pred, t, max_hops)
    within = _within(rings, max_hops or 0)
    shortest = next((d for d, ring in enumerate(rings) if d and s in ring), None)
    if shortest is None:
        return
    lengths = range(shortest, max_hops + 1) if all_paths and max_hops is not None else [shortest]
    ids = network.ids
    for hops in lengths:
        for nodes in paths_of_length(network, s, t, hops, within):
            yield tuple(ids[n] for n in nodes)


def find_paths(
    source: Dataset | MultiDiGraph | Network,
    actor_a: str,
    actor_b: str,
    *,
    all_paths: bool = False,
    max_hops: int | None = None,
    limit: int | None = None,
    directed: bool = False,
    **criteria: Unpack[Criteria],
) -> list[ActorPath]:
    """How ``actor_a`` connects to ``actor_b``: paths whose hops carry their relations.

    ``source`` is a ``Dataset``, a graph made by ``to_graph`` or a ``Network``
    (filters then come from it); ``criteria`` are the filters every entry point
    takes (see ``Criteria``). Actors are given by id, name or alias. The
    shortest paths by default; ``all_paths=True`` for every simple path of up to
    ``max_hops`` links, shortest first, at most ``limit`` of them.

    Raises ``UnknownActorError`` / ``AmbiguousActorError`` for a bad name,
    ``UsageError`` for bad filters, ``NoPathError`` when nothing joins them.
    """
    network = source if isinstance(source, Network) else build_network(source, directed=directed, **criteria)
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be at least 1, not {limit}")
    a, b = network.resolve(actor_a), network.resolve(actor_b)
    if a == b:
        raise UsageError(f'"{actor_a}" and "{actor_b}" are the same actor ({network.name(a)})')
    for end in (a, b):
        if end not in network:
            raise NoPathError(f"{network.name(end)} is left out by the filters ({network.describe()})")
    found = [network.path(chain) for chain in islice(search(network, a, b, all_paths=all_paths, max_hops=max_hops), limit)]
    if not found:
        raise NoPathError(no_path_message(network, a, b, max_hops))
    return found


def no_path_message(network: Network, a: str, b: str, max_hops: int | None) -> str:
    """``no path from Israel to Druze within 3 hops (polarity: hostile; as of 2024)``."""
    link = "from {} to {}" if network.directed else "between {} and {}"
    words = f"no path {link.format(network.name(a), network.name(b))}"
    if max_hops is not None:
        words += f" within {counted(max_hops, 'hop')}"
    filters = network.describe()
    return f"{words} ({filters})" if filters else words
