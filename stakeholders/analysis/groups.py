"""Camps and blocs as every output shows them: numbered from 1, named by their most central members.

The report (text, JSON, CSV), the map's legend and details, and the Python API
all number groups here, so that camp 1 is the same camp everywhere. Groups are
ordered by size, then by the centrality of their most central member; a group
is named by its two or three most central members. Centrality is degree on the
collapsed actor graph (``centrality.node_metric(graph, "degree")``): how many
actors each is tied to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from .balance import Split, aligned_graph, best_split, frustrated_ties, signed_graph
from .centrality import blocs, node_metric

#: How many members name a group.
NAMING = 3


@dataclass(frozen=True)
class Group:
    """A numbered camp or bloc: ``members`` (ids) by decreasing centrality, then name."""

    number: int
    name: str
    members: tuple[str, ...]


def numbered(groups: Iterable[Iterable[str]], graph: nx.MultiDiGraph, centrality: Mapping[str, float] | None = None) -> list[Group]:
    """Groups of actor ids numbered from 1: by size, then by their most central member; each named by its first members."""
    degree = centrality if centrality is not None else node_metric(graph, "degree")
    label = graph.nodes

    def rank(actor: str) -> tuple[float, str, str]:
        return (-degree.get(actor, 0.0), label[actor]["label"].casefold(), actor)

    ordered = [sorted(group, key=rank) for group in groups]
    ordered = [group for group in ordered if group]
    ordered.sort(key=lambda group: (-len(group), rank(group[0])))
    found = []
    for number, members in enumerate(ordered, 1):
        names = [label[actor]["label"] for actor in members[:NAMING]]
        more = ", …" if len(members) > NAMING else ""
        found.append(Group(number, ", ".join(names) + more, tuple(members)))
    return found


def split_groups(split: Split, graph: nx.MultiDiGraph, centrality: Mapping[str, float] | None = None) -> list[Group]:
    """The two camps of a split, numbered."""
    return numbered(([a for a, side in split.camps.items() if side == camp] for camp in (0, 1)), graph, centrality)


def camp_groups(graph: nx.MultiDiGraph, rule: str = "latest", seed: int = 0) -> list[Group]:
    """The two friend/enemy camps of the map, numbered (see ``balance.best_split``)."""
    return camps_and_frustration(graph, rule, seed)[0]


def camps_and_frustration(graph: nx.MultiDiGraph, rule: str = "latest", seed: int = 0) -> tuple[list[Group], frozenset[str]]:
    """The camps (``camp_groups``), and the ids of the relations behind the ties at odds with them: cooperation
    across the camps or hostility within one, as ``analyze`` counts them."""
    signed = signed_graph(graph, rule)
    split = best_split(signed, seed, aligned_graph(graph))
    return split_groups(split, graph), frozenset(key for tie in frustrated_ties(signed, split) for key in tie.relations)


def bloc_groups(graph: nx.MultiDiGraph, seed: int = 0, weighting: str = "none") -> list[Group]:
    """The cooperative blocs of the map, numbered (see ``centrality.blocs``)."""
    return numbered(blocs(graph, seed, weighting), graph)
