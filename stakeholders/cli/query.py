"""Commands that ask the map questions: path, neighbors, mediators, timeline.

The search modules work on plain sets, not networkx, so these commands start as
fast as the listing ones. Their JSON comes from ``questions.serialize``, so the
Python API returns exactly what ``--format json`` prints; only text is made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..terms import PATH_LIMIT, counted
from .bounds import LIMIT, MAX_HOPS, NEIGHBOR_DEPTH
from .common import (
    arrow,
    data_option,
    details,
    emit_json,
    evidence_lines,
    filter_options,
    format_option,
    manner,
    open_dataset,
    span,
    undated_lines,
)
from .terminal import safe, table

if TYPE_CHECKING:
    from ..filters import Criteria
    from ..model import Dataset, Relation
    from ..questions.network import ActorPath, Hop

F = TypeVar("F", bound=Callable[..., Any])


def _search_options(command: F) -> F:
    command = click.option(
        "--directed", is_flag=True, help="Follow arrows (undirected relations go both ways). Default: any relation, either way."
    )(command)
    return filter_options(command)


def _label(relation: Relation, dataset: Dataset) -> str:
    """``negotiation, indirect, via Unnamed mediators, since 2025-05``."""
    return ", ".join(part for part in (relation.kind, manner(relation, dataset), span(relation, dataset)) if part)


def hop_text(hop: Hop, dataset: Dataset) -> str:
    """``-[leads, since 2025-01]->``; several relations share the hop, separated by ``;``.

    The arrow points the way of the directed relations in it: ``<-[...]->`` when
    they point both ways, ``-[...]-`` when none is directed.
    """
    from ..questions.network import BACKWARD, FORWARD

    directions = {hop.direction(r) for r in hop.relations}
    inside = "; ".join(_label(r, dataset) for r in hop.relations)
    return f"{'<' if BACKWARD in directions else ''}-[{safe(inside)}]-{'>' if FORWARD in directions else ''}"


def path_text(path: ActorPath, dataset: Dataset) -> str:
    names = dataset.actors_by_id
    parts = [safe(names[path.actors[0]].name)]
    for hop in path.hops:
        parts += [hop_text(hop, dataset), safe(names[hop.target].name)]
    return " ".join(parts)


def _evidence_lines(relations: Iterable[Relation], dataset: Dataset, indent: str) -> Iterable[str]:
    names = dataset.actors_by_id
    for r in relations:
        yield f"{indent}{safe(names[r.source].name)} {arrow(r)} {safe(names[r.target].name)}{details(r, dataset)}"
        yield from evidence_lines(r, dataset, indent + "  ")


def _filters_line(filters: list[str]) -> list[str]:
    return [f"filters: {safe('; '.join(filters))}"] if filters else []


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@data_option
@click.option("--all", "all_paths", is_flag=True, help="Every simple path up to --max-hops, shortest first, not only the shortest.")
@click.option("--max-hops", type=MAX_HOPS, help="Longest path to look for, 1 to 12. Default with --all: 3.")
@click.option("--limit", type=LIMIT, default=PATH_LIMIT, show_default=True, help="Show at most this many paths (1 to 100,000).")
@_search_options
@click.option("--evidence", is_flag=True, help="Under each path, every relation with its dates, status and quotes.")
@format_option("text", "json")
def path(
    actor_a: str,
    actor_b: str,
    data: Path | None,
    all_paths: bool,
    max_hops: int | None,
    limit: int,
    criteria: Criteria,
    directed: bool,
    evidence: bool,
    fmt: str,
) -> None:
    """How ACTOR_A connects to ACTOR_B: the shortest paths, each hop with its relations.

    Relations are followed either way unless --directed. When several relations
    join the same pair, the hop lists them all. No path exits 1 with the filters
    in force.

    \b
    Examples:
      stakeholders path al-sharaa "united kingdom"
      stakeholders path hts israel --all --max-hops 3
      stakeholders path israel druze --polarity hostile --evidence
      stakeholders path eu israel --exclude-kind part-of --format json
    """
    from ..questions.network import build_network
    from ..questions.paths import DEFAULT_MAX_HOPS, find_paths
    from ..questions.serialize import paths_json

    dataset = open_dataset(data)
    network = build_network(dataset, directed=directed, **criteria)
    if all_paths and max_hops is None:
        max_hops = DEFAULT_MAX_HOPS
    # One more than shown tells whether the list was cut.
    found = find_paths(network, actor_a, actor_b, all_paths=all_paths, max_hops=max_hops, limit=limit + 1)
    if fmt == "json":
        emit_json(paths_json(found, network, all_paths=all_paths, max_hops=max_hops, limit=limit))
        return
    shown = found[:limit]
    a, b = shown[0].actors[0], shown[0].actors[-1]
    link = "from {} to {}" if directed else "between {} and {}"
    between = link.format(safe(dataset.actors_by_id[a].name), safe(dataset.actors_by_id[b].name))
    plural = "s" if len(shown) > 1 else ""
    if all_paths:
        lines = [f"{len(shown)} path{plural} {between}, up to {max_hops} hops"]
    else:
        lines = [f"{len(shown)} shortest path{plural} {between}, {counted(len(shown[0]), 'hop')}"]
    lines += _filters_line(network.filters)
    for number, chain in enumerate(shown, 1):
        lines.append(f"{number}. {path_text(chain, dataset)}")
        if evidence:
            lines += _evidence_lines((r for hop in chain.hops for r in hop.relations), dataset, "     ")
    if len(found) > limit:
        lines.append(f"more paths exist; raise --limit (now {limit}) to see them")
    click.echo("\n".join(lines))


@click.command()
@click.argument("actor")
@data_option
@click.option("--depth", type=NEIGHBOR_DEPTH, default=1, show_default=True, help="How many steps out, 1 to 1,000 (the rings stop where one adds nobody).")
@_search_options
@format_option("text", "json")
def neighbors(
    actor: str,
    data: Path | None,
    depth: int,
    criteria: Criteria,
    directed: bool,
    fmt: str,
) -> None:
    """The actors around ACTOR, by distance, then by the state of the pairs that reach them.

    A pair's state is the polarity of its latest signed relation (on the --as-of
    date, if given), neutral when it has none; a neighbour reached from several
    actors in different states is "mixed".

    \b
    Examples:
      stakeholders neighbors israel
      stakeholders neighbors "the Druze" --depth 2
      stakeholders neighbors al-sharaa --polarity cooperative --format json
    """
    from ..questions.neighbors import POLARITY_GROUPS, neighborhood
    from ..questions.serialize import neighborhood_json

    dataset = open_dataset(data)
    found = neighborhood(dataset, actor, depth=depth, directed=directed, **criteria)
    if fmt == "json":
        emit_json(neighborhood_json(found, dataset))
        return
    names = dataset.actors_by_id
    farthest = max((n.distance for n in found.neighbors), default=0)  # not --depth: it may be far past the last ring
    rings = [[n for n in found.neighbors if n.distance == d] for d in range(1, farthest + 1)]
    total = len(found.neighbors)
    lines = [f"{safe(names[found.actor].name)}: {counted(total, 'actor')} within {counted(depth, 'hop')}"]
    lines += _filters_line(found.filters)
    for distance, ring in enumerate(rings, 1):
        if not ring:
            continue
        lines.append(f"{counted(distance, 'hop')} away ({len(ring)})")
        for group in POLARITY_GROUPS:
            members = [n for n in ring if n.polarity == group]
            if members:
                lines.append(f"  {group} ({len(members)})")
            for n in members:
                ties = "; ".join(f"{safe(names[h.source].name)} {hop_text(h, dataset)} {safe(names[h.target].name)}" for h in n.hops)
                lines.append(f"    {safe(names[n.actor].name)}  ({ties})")
    click.echo("\n".join(lines))


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@data_option
@filter_options
@format_option("text", "json")
def mediators(actor_a: str, actor_b: str, data: Path | None, criteria: Criteria, fmt: str) -> None:
    """Who could mediate between ACTOR_A and ACTOR_B: actors on cooperative terms with both.

    A pair is on cooperative terms when its latest signed relation (on the
    --as-of date, if given) is cooperative; actors with cooperative relations to
    both but a later hostile one with either side are listed as left out, with
    the relation that decides. Tier 1: tied to both directly. Tier 2: to one directly, to the other through
    one intermediary. Within a tier, ranked by score (a route is as strong as its
    weakest hop; a hop as its most confident relation, 1 when none is given),
    then by the number of ties. The intermediaries the data records (via) on
    relations between the two come first.

    \b
    Examples:
      stakeholders mediators "syrian government" israel
      stakeholders mediators al-sharaa israel --as-of 2025-05 --format json
    """
    from ..questions.mediators import find_mediators
    from ..questions.serialize import mediation_json

    dataset = open_dataset(data)
    found = find_mediators(dataset, actor_a, actor_b, **criteria)
    if fmt == "json":
        emit_json(mediation_json(found, dataset))
        return
    names = dataset.actors_by_id
    lines = [f"Mediators between {safe(names[found.a].name)} and {safe(names[found.b].name)}"]
    lines += _filters_line(found.filters)
    if found.recorded:
        lines.append("Recorded intermediaries (via)")
        lines += [f"  {safe(names[via].name)}: {safe(_label(r, dataset))} [{safe(r.id)}]" for via, r in found.recorded]
    if not found.candidates:
        lines.append("No actor is on cooperative terms with both, directly or through one intermediary.")
    else:
        lines.append("Candidates (on cooperative terms: the latest signed relation of each pair is cooperative)")
    for number, c in enumerate(found.candidates, 1):
        tier = "tied to both" if c.tier == 1 else "one intermediary away from one of them"
        lines.append(f"  {number}. {safe(names[c.actor].name)}: {tier}, score {c.score:.2f}")
        lines += [f"       {path_text(p, dataset)}" for p in c.paths]
    if found.excluded:
        lines.append("Left out (cooperative relations with both, but not on cooperative terms with one side now)")
    for e in found.excluded:
        state = "hostile" if e.state < 0 else "without a sign"
        because = "; ".join(_label(r, dataset) for r in e.relations)
        lines.append(f"  {safe(names[e.actor].name)}: {state} with {safe(names[e.side].name)}" + (f" ({safe(because)})" if because else ""))
    click.echo("\n".join(lines))


@click.command()
@click.argument("actor", required=False)
@data_option
@click.option("--since", metavar="DATE", help="Only relations still going on or begun from DATE.")
@click.option("--until", metavar="DATE", help="Only relations begun by DATE (inclusive: 2025-01 takes in 31 January).")
@filter_options
@format_option("table", "json")
def timeline(
    actor: str | None,
    data: Path | None,
    since: str | None,
    until: str | None,
    criteria: Criteria,
    fmt: str,
) -> None:
    """Relations in date order with start, end and status; those of ACTOR if given.

    Undated relations come last: they count as active on any date.

    \b
    Examples:
      stakeholders timeline
      stakeholders timeline al-sharaa
      stakeholders timeline --since 2025-04 --until 2025-05 --polarity hostile
      stakeholders timeline israel --format json
    """
    from ..questions.serialize import timeline_json
    from ..questions.timeline import find_actor, undated_relations
    from ..questions.timeline import timeline as select_timeline

    dataset = open_dataset(data)
    chosen = select_timeline(dataset, actor, since=since, until=until, **criteria)
    if fmt == "json":
        emit_json(timeline_json(chosen, dataset))
        return
    names, spans = dataset.actors_by_id, dataset.spans
    focus = find_actor(dataset, actor).id if actor is not None else None

    def rows(relations: list[Relation]) -> str:
        # Dates inferred from a report show as "reported D" in the start or end column they fill.
        def dates(r: Relation) -> tuple[str | None, str | None]:
            held = spans[r.id]
            mark = (lambda d: f"{d} (reported)" if d is not None else None) if held.inferred else (lambda d: d)
            return mark(held.start), mark(held.end)

        if focus is None:
            return table(
                ("start", "end", "status", "source", "relation", "target"),
                [(*dates(r), r.status, names[r.source].name, arrow(r), names[r.target].name) for r in relations],
            )
        return table(("start", "end", "status", "relation", "with"), [(*dates(r), r.status, arrow(r, focus), names[r.other(focus)].name) for r in relations])

    lines = [rows(chosen)]
    if since or until or "as_of" in criteria:
        lines += undated_lines(undated_relations(dataset, actor, **criteria), rows)
    click.echo("\n".join(lines))
