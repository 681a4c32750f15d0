"""Where the actors stand on an issue, and where the outcome is likely to land.

``positions_on`` lists the positions holding on a date (each actor's latest that
started by then and has not ended; without a date, each actor's latest), with the
actor's influence and the quadrant of the stakeholder grid it falls in.

Influence is the actor's own (``influence:`` in the data) or, when the data gives
none, computed from the network and marked so: the actor's degree (how many other
actors it is tied to, by any relation) over the largest degree in the map, from 0 to
1. Degree is the plainest reading of "weight carried" a map of relations offers; it
is no measure of money, arms or votes, which is why the data's own value wins.

The grid's quadrants (influence against salience, cut at 0.5): manage closely (high
influence, high salience), keep satisfied (high influence, low salience), keep
informed (low influence, high salience), monitor (both low).

``forecast`` is the weighted median of the stances, each weighted by influence times
salience: the position a majority of the weight would not move away from, the core
of the expected-utility models of negotiation (Black's median voter, Bueno de
Mesquita). It says where the outcome lands if the weights are right and the actors
bargain openly; it does not model coercion, alliances between issues, or actors the
map lacks, and its answer is only as good as the salience and influence given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..dates import PartialDate, span_active
from ..errors import UsageError
from ..model import Actor, Dataset, Issue, Position
from ..names import suggestion

#: Where the grid's quadrants are cut, on influence and on salience.
GRID_CUT = 0.5
#: How far each weight is varied to give the outcome's range.
WEIGHT_VARIATION = 0.2
#: What a reader is told of an influence marked computed.
COMPUTED_NOTE = "influence marked * is computed from the network (degree over the map's largest)"
QUADRANTS = {(True, True): "manage closely", (True, False): "keep satisfied", (False, True): "keep informed", (False, False): "monitor"}


@dataclass(frozen=True)
class Standing:
    """One actor's position on the issue, with the influence it carries and its quadrant."""

    actor: Actor
    position: Position
    influence: float
    computed: bool  # influence computed from the network, not given

    @property
    def weight(self) -> float:
        return self.influence * self.position.salience

    @property
    def quadrant(self) -> str:
        return QUADRANTS[(self.influence >= GRID_CUT, self.position.salience >= GRID_CUT)]

    def json(self) -> dict[str, Any]:
        p = self.position
        return {
            "actor": self.actor.id,
            "name": self.actor.name,
            "stance": p.stance,
            "salience": p.salience,
            "influence": round(self.influence, 4),
            "influence_computed": self.computed,
            "weight": round(self.weight, 4),
            "quadrant": self.quadrant,
            "start": str(p.start) if p.start else None,
            "end": str(p.end) if p.end else None,
            "evidence": [e.model_dump(mode="json") for e in p.evidence],
        }


def find_issue(dataset: Dataset, name: str) -> Issue:
    """The issue with this id or title (any case); ``UsageError`` naming the closest otherwise."""
    for issue in dataset.issues:
        if name == issue.id or name.casefold() == issue.title.casefold():
            return issue
    known = [issue.id for issue in dataset.issues]
    hint = suggestion(name, known, "the map's issues: " + (", ".join(known) or "none: add them under 'issues:'"))
    raise UsageError(f'unknown issue "{name}"{hint}')


def influences(dataset: Dataset) -> dict[str, tuple[float, bool]]:
    """Each actor's influence and whether it was computed: the data's own, else its degree over the map's largest."""
    neighbours: dict[str, set[str]] = {actor.id: set() for actor in dataset.actors}
    for relation in dataset.relations:
        if relation.source in neighbours and relation.target in neighbours:
            neighbours[relation.source].add(relation.target)
            neighbours[relation.target].add(relation.source)
    top = max((len(n) for n in neighbours.values()), default=0) or 1
    return {
        actor.id: (actor.influence, False) if actor.influence is not None else (len(neighbours[actor.id]) / top, True)
        for actor in dataset.actors
    }


_EARLIEST = PartialDate(1)


def latest_positions(dataset: Dataset, issue: Issue, as_of: PartialDate | None = None) -> dict[str, Position]:
    """Each actor's position on ``issue`` holding ``as_of`` (its latest by then; without a date, its latest), by actor
    id, in the order of the data."""
    latest: dict[str, Position] = {}
    for position in dataset.positions:
        if position.issue != issue.id:
            continue
        if as_of is not None and not span_active(position.start, position.end, as_of):
            continue  # not started by then, or ended before
        held = latest.get(position.actor)
        if held is None or (position.start or _EARLIEST) >= (held.start or _EARLIEST):
            latest[position.actor] = position
    return latest


def positions_on(dataset: Dataset, issue: str | Issue, as_of: PartialDate | None = None) -> list[Standing]:
    """The positions on ``issue`` holding ``as_of`` (``latest_positions``) with the influence each actor carries, by
    weight, then stance, then actor id."""
    found = issue if isinstance(issue, Issue) else find_issue(dataset, issue)
    weights = influences(dataset)
    actors = dataset.actors_by_id
    standings = [Standing(actors[a], p, *weights[a]) for a, p in latest_positions(dataset, found, as_of).items()]
    return sorted(standings, key=lambda s: (-s.weight, -s.position.stance, s.actor.id))


def held_positions(dataset: Dataset, issue: Issue, as_of: PartialDate | None, to: str) -> list[Standing]:
    """``positions_on``, or ``UsageError`` when none holds: there is nothing ``to`` (forecast, draw)."""
    standings = positions_on(dataset, issue, as_of)
    if not standings:
        raise UsageError(f'no position on "{issue.id}"' + (f" holds on {as_of}" if as_of else "") + f": nothing to {to}")
    return standings


@dataclass(frozen=True)
class Forecast:
    """The weighted median of the stances and what moves it."""

    issue: Issue
    standings: list[Standing]
    outcome: float
    pivotal: Standing
    shares: dict[str, float]  # for, against, neutral: their share of the weight
    swing: tuple[Standing, float, float] | None  # who moves it most, to which stance, and the outcome then
    low: float
    high: float

    def json(self) -> dict[str, Any]:
        swing = None
        if self.swing is not None:
            standing, to, outcome = self.swing
            swing = {"actor": standing.actor.id, "to": to, "outcome": outcome, "shift": round(outcome - self.outcome, 4)}
        return {
            "issue": self.issue.id,
            "model": "weighted median of stances, weights influence x salience",
            "actors": [s.json() for s in self.standings],
            "outcome": self.outcome,
            "pivotal": self.pivotal.actor.id,
            "coalitions": {k: round(v, 4) for k, v in self.shares.items()},
            "swing": swing,
            "range": [self.low, self.high],
            "weight_variation": WEIGHT_VARIATION,
        }


def weighted_median(stances: Sequence[float], weights: Sequence[float]) -> float:
    """The stance at which half the weight or more lies at or below it, and half or more at or above: the lowest such."""
    pairs = sorted(zip(stances, weights, strict=True))
    total = sum(w for _, w in pairs)
    if total <= 0:
        raise UsageError("every position weighs nothing (influence times salience is 0): no outcome to forecast")
    running = 0.0
    for stance, weight in pairs:
        running += weight
        if running >= total / 2 - 1e-12:
            return stance
    return pairs[-1][0]


def forecast(dataset: Dataset, issue: str | Issue, as_of: PartialDate | None = None) -> Forecast:
    """Where the outcome on ``issue`` is likely to land (see the module's notes); ``UsageError`` without positions."""
    found = issue if isinstance(issue, Issue) else find_issue(dataset, issue)
    standings = held_positions(dataset, found, as_of, "forecast")
    stances = [s.position.stance for s in standings]
    weights = [s.weight for s in standings]
    outcome = weighted_median(stances, weights)
    pivotal = min((s for s in standings if s.position.stance == outcome), key=lambda s: (-s.weight, s.actor.id))
    total = sum(weights) or 1.0
    shares = {
        "for": sum(s.weight for s in standings if s.position.stance > 0) / total,
        "against": sum(s.weight for s in standings if s.position.stance < 0) / total,
        "neutral": sum(s.weight for s in standings if s.position.stance == 0) / total,
    }
    swing: tuple[Standing, float, float] | None = None
    for k, standing in enumerate(standings):
        for to in (-1.0, 1.0):
            moved = weighted_median([to if j == k else s for j, s in enumerate(stances)], weights)
            if moved != outcome and (swing is None or abs(moved - outcome) > abs(swing[2] - outcome)):
                swing = (standing, to, moved)
    outcomes = [outcome]
    for k in range(len(standings)):
        for factor in (1 - WEIGHT_VARIATION, 1 + WEIGHT_VARIATION):
            outcomes.append(weighted_median(stances, [w * factor if j == k else w for j, w in enumerate(weights)]))
    for up in (True, False):  # every weight at once: those above the outcome one way, those below the other
        varied = [w * ((1 + WEIGHT_VARIATION) if (s > outcome) == up else (1 - WEIGHT_VARIATION)) for s, w in zip(stances, weights, strict=True)]
        outcomes.append(weighted_median(stances, varied))
    return Forecast(found, standings, outcome, pivotal, shares, swing, min(outcomes), max(outcomes))
