"""How the analysis moved between two states: pair states, balance figures, camps, centrality.

Each state is analysed with the functions ``analyze`` uses and its defaults (the
``latest`` sign rule, seed 0, degree naming the camps), so a diff of two dates
gives the figures ``analyze --as-of`` prints for each. Unlike ``analyze``, a
state without relations is no error here: its figures are all 0.

Camps are numbered by size in each state, so camp 1 before and camp 1 after may
be different sides: camps are matched by the members they share, and an actor
changed side when its new camp is not the match of its old one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from ..analysis.balance import aligned_graph, best_split, signed_graph, triangles
from ..analysis.centrality import DECIMALS, node_metric
from ..analysis.choices import METRICS
from ..analysis.groups import Group, split_groups
from ..holds import deciding, pair_state
from ..model import Dataset, Relation, polarity_name

#: The balance figures a diff follows, with their names in words.
FIGURES: dict[str, str] = {
    "signed_pairs": "signed pairs",
    "cooperative_pairs": "cooperative pairs",
    "hostile_pairs": "hostile pairs",
    "triangles": "triangles",
    "strictly_balanced": "strictly balanced triangles",
    "weakly_balanced": "weakly balanced triangles",
    "frustrated_pairs": "frustrated pairs (at odds with the two camps)",
}


@dataclass(frozen=True)
class PairChange:
    """A pair of actors (by name) whose state flipped.

    ``old`` and ``new`` are ``cooperative``, ``hostile``, ``neutral`` (relations,
    none of them deciding a sign) or ``none`` (no relation). ``deciding`` holds
    the relations that give the new state its sign, or, when the pair lost its
    sign, those that gave the old one.
    """

    actors: tuple[str, str]
    old: str
    new: str
    deciding: tuple[Relation, ...]


def _pairs(graph: nx.MultiDiGraph) -> dict[tuple[str, str], list[Relation]]:
    """The relations of each pair of actors in the graph (self-relations left out)."""
    records = graph.graph["dataset"].relations_by_id
    found: dict[tuple[str, str], list[Relation]] = {}
    for source, target, key in graph.edges(keys=True):
        if source != target:
            found.setdefault((min(source, target), max(source, target)), []).append(records[key])
    return found


def pair_changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph, names: Mapping[str, str]) -> tuple[PairChange, ...]:
    """The pairs whose sign (``holds.pair_state``) differs between the two states, by name (``names`` by actor id)."""
    before, after = _pairs(old), _pairs(new)
    old_data: Dataset = old.graph["dataset"]
    new_data: Dataset = new.graph["dataset"]

    def by_name(actor: str) -> tuple[str, str]:
        return (names[actor].casefold(), actor)

    found = []
    for pair in before.keys() | after.keys():
        was, now = before.get(pair, []), after.get(pair, [])
        old_sign = pair_state(was, old_data.kinds_by_id, old_data.spans)
        new_sign = pair_state(now, new_data.kinds_by_id, new_data.spans)
        if old_sign == new_sign:
            continue
        why = deciding(now, new_data.kinds_by_id, new_data.spans) if new_sign else deciding(was, old_data.kinds_by_id, old_data.spans)
        a, b = sorted(pair, key=by_name)
        found.append(PairChange((a, b), _state_name(old_sign, was), _state_name(new_sign, now), tuple(sorted(why, key=lambda r: r.id))))
    return tuple(sorted(found, key=lambda p: (by_name(p.actors[0]), by_name(p.actors[1]))))


def _state_name(sign: int, relations: list[Relation]) -> str:
    return polarity_name(sign) if relations else "none"


@dataclass(frozen=True)
class Standing:
    """What the analysis says of one state: balance ``figures`` (see ``FIGURES``), the numbered
    ``camps``, and every centrality (``analysis.choices.METRICS``) by actor, rounded as reports round them."""

    figures: dict[str, int]
    camps: tuple[Group, ...]
    centrality: dict[str, dict[str, float]]
    splits: int | None = 1  # how many best splits there are (None: found by the heuristic, not counted)


def standing(graph: nx.MultiDiGraph) -> Standing:
    """The analysis of one state, as ``analyze`` computes it with its defaults."""
    signed = signed_graph(graph)
    found = triangles(signed)
    split = best_split(signed, aligned=aligned_graph(graph))
    cooperative = sum(1 for *_, sign in signed.edges(data="sign") if sign > 0)
    figures = {
        "signed_pairs": signed.number_of_edges(),
        "cooperative_pairs": cooperative,
        "hostile_pairs": signed.number_of_edges() - cooperative,
        "triangles": len(found),
        "strictly_balanced": sum(t.strict for t in found),
        "weakly_balanced": sum(t.weak for t in found),
        "frustrated_pairs": split.frustration,
    }
    centrality = {name: {actor: round(value, DECIMALS) for actor, value in node_metric(graph, name).items()} for name in METRICS}
    return Standing(figures, tuple(split_groups(split, graph, centrality["degree"])), centrality, split.optimal)


@dataclass(frozen=True)
class Figure:
    """A balance figure (a key of ``FIGURES``) in each state."""

    name: str
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old


def figures(old: Standing, new: Standing) -> tuple[Figure, ...]:
    return tuple(Figure(name, old.figures[name], new.figures[name]) for name in FIGURES)


@dataclass(frozen=True)
class CampMove:
    """An actor that changed side (camp numbers in each state), joined the camps (``old`` None) or left them (``new`` None)."""

    actor: str
    old: int | None
    new: int | None

    @property
    def kind(self) -> Literal["moved", "joined", "left"]:
        return "joined" if self.old is None else "left" if self.new is None else "moved"


@dataclass(frozen=True)
class CampChanges:
    """The camps of each state, which new camp continues which old one, and who moved.

    ``matched`` maps a new camp's number to the old camp it shares most members
    with (a camp sharing none with any continues none); ``moves`` lists the
    actors that changed side, joined or left, by name.
    """

    old: tuple[Group, ...]
    new: tuple[Group, ...]
    matched: dict[int, int]
    moves: tuple[CampMove, ...]
    splits: tuple[int | None, int | None] = (1, 1)  # the best splits of each state: above 1, sides are not compared

    @property
    def compared(self) -> bool:
        """Whether changes of side are reported: only when each state's best split is the only one."""
        return _each_unique(self.splits)


def _each_unique(splits: tuple[int | None, int | None]) -> bool:
    return all(count is None or count == 1 for count in splits)


def camp_changes(
    old: tuple[Group, ...], new: tuple[Group, ...], names: Mapping[str, str], splits: tuple[int | None, int | None] = (1, 1)
) -> CampChanges:
    """Match the camps by shared members, the largest overlaps first, and list who moved, by name (``names`` by actor id).

    Where a state has several equally good splits, the camps shown are one of them
    and a change of side may be a tie falling the other way: no one is listed as
    having changed side then (those who joined or left still are).
    """
    shared = sorted(
        ((len(set(a.members) & set(b.members)), b.number, a.number) for a in old for b in new),
        key=lambda row: (-row[0], row[1], row[2]),
    )
    matched: dict[int, int] = {}
    for count, new_number, old_number in shared:
        if count and new_number not in matched and old_number not in matched.values():
            matched[new_number] = old_number
    before = {actor: group.number for group in old for actor in group.members}
    after = {actor: group.number for group in new for actor in group.members}
    moves = tuple(
        CampMove(actor, before.get(actor), after.get(actor))
        for actor in sorted(before.keys() | after.keys(), key=lambda actor: (names[actor].casefold(), actor))
        if actor not in before or actor not in after or matched.get(after[actor]) != before[actor]
    )
    if not _each_unique(splits):
        moves = tuple(m for m in moves if m.kind != "moved")
    return CampChanges(old, new, matched, moves, splits)


@dataclass(frozen=True)
class Shift:
    """An actor's centrality in each state (None where it is not on the map)."""

    actor: str
    old: float | None
    new: float | None

    @property
    def change(self) -> float:
        return round((self.new or 0.0) - (self.old or 0.0), DECIMALS)


def centrality_shifts(old: Standing, new: Standing, names: Mapping[str, str]) -> dict[str, tuple[Shift, ...]]:
    """For each metric, the actors whose value changed, largest change first (then by name, id)."""
    found = {}
    for metric in METRICS:
        before, after = old.centrality[metric], new.centrality[metric]
        shifts = [Shift(actor, before.get(actor), after.get(actor)) for actor in sorted(before.keys() | after.keys())]
        moved = [shift for shift in shifts if shift.change]
        found[metric] = tuple(sorted(moved, key=lambda s: (-abs(s.change), names[s.actor].casefold(), s.actor)))
    return found
