"""Commands that read and list the dataset: validate, actors, relations, show, kinds."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import ValidationError
from ..terms import ACTOR_TYPES, POLARITY_NAMES, counted
from .common import (
    DEFAULT_DATA,
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
    from ..model import Actor, Dataset, Relation


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@format_option("text", "json")
def validate(dataset: Path | None, data: Path | None, fmt: str) -> None:
    """Check a dataset and summarise it.

    Lists every problem with its file, line and column, and exits 1 if there is
    any; otherwise prints what the dataset holds.

    \b
    Examples:
      stakeholders validate
      stakeholders validate data/syria-2025.yaml --format json
    """
    try:
        loaded = open_dataset(data, dataset)
    except ValidationError as exc:
        if fmt != "json":
            raise
        emit_json({"valid": False, "problems": [_problem_json(p) for p in exc.problems]})
        sys.exit(1)
    from ..counts import summarize

    counts = summarize(loaded)
    if fmt == "json":
        emit_json({"valid": True, **counts})
        return
    click.echo(f"OK: {safe(counts['name'])}" + (f": {safe(counts['title'])}" if counts["title"] else ""))
    by_type = ", ".join(f"{t} {n}" for t, n in counts["actors_by_type"].items())
    by_polarity = ", ".join(f"{p} {n}" for p, n in counts["relations_by_polarity"].items())
    rows = [
        ("actors", counts["actors"], by_type),
        ("relations", counts["relations"], f"{by_polarity}; {counted(len(counts['relations_by_kind']), 'kind')}"),
        ("sources", counts["sources"], f"{counts['evidence']} evidence quotes"),
        ("dated", counts["dated_relations"], _date_range(counts)),
    ]
    click.echo(table(None, rows))
    if not counts["actors"]:
        click.echo("warning: the dataset has no actors (an empty file?)")
    missing = counts["relations_without_evidence"]
    if missing:
        click.echo(f"warning: {_many(missing, 'relation has no evidence', 'relations have no evidence')}")


#: How many records a warning names before it says how many more there are.
SHOWN = 5


def _many(ids: list[str], one: str, several: str) -> str:
    """A warning about many records on one line: ``118 relations have no evidence: r1, r2, r3, r4, r5 and 113 more; ...``."""
    shown = ", ".join(ids[:SHOWN])
    more = f" and {len(ids) - SHOWN} more; --format json lists them all" if len(ids) > SHOWN else ""
    return safe(f"{len(ids)} {one if len(ids) == 1 else several}: {shown}{more}")


def _date_range(counts: dict[str, Any]) -> str:
    if counts["first_date"] is None:
        return "no dates"
    return f"relations with dates, from {counts['first_date']} to {counts['last_date']}"


def _problem_json(problem: Any) -> dict[str, Any]:
    return {"file": str(problem.file) if problem.file else None, "line": problem.line, "column": problem.column, "message": problem.message}


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@click.option("--type", "types", multiple=True, type=click.Choice(ACTOR_TYPES, case_sensitive=False), help="Only actors of this type (repeatable).")
@format_option("table", "json")
def actors(dataset: Path | None, data: Path | None, types: tuple[str, ...], fmt: str) -> None:
    """List the actors, sorted by name.

    \b
    Examples:
      stakeholders actors
      stakeholders actors data/syria-2025.yaml --type state --type intergovernmental-org
      stakeholders actors --format json
    """
    loaded = open_dataset(data, dataset)
    chosen = sorted((a for a in loaded.actors if not types or a.type in types), key=lambda a: (a.name.casefold(), a.id))
    if fmt == "json":
        emit_json([a.model_dump(mode="json") for a in chosen])
        return
    degree = _degrees(loaded.relations)
    rows = [(a.id, a.name, a.type, a.country, degree.get(a.id, 0)) for a in chosen]
    click.echo(table(("id", "name", "type", "country", "relations"), rows))


def _degrees(relations: Iterable[Relation]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in relations:
        for end in (r.source, r.target):
            counts[end] = counts.get(end, 0) + 1
    return counts


@click.command()
@click.argument("actor", required=False)
@data_option
@filter_options
@format_option("table", "json")
def relations(
    actor: str | None, data: Path | None, criteria: Criteria, fmt: str
) -> None:
    """List relations, or those of one ACTOR, in date order.

    ACTOR is an id, a name or an alias, in any case, with or without accents.
    Dates a relation does not give are taken from its sources ("reported
    2025-05-07"); relations with no date at all come last, and with --as-of are
    listed apart (they hold on no chosen date).

    \b
    Examples:
      stakeholders relations
      stakeholders relations al-sharaa
      stakeholders relations israel --polarity hostile
      stakeholders relations --kind sanctions-relief --as-of 2025-05 --format json
    """
    dataset = open_dataset(data)
    from ..questions.serialize import relation_json
    from ..questions.timeline import find_actor, select_relations, undated_relations

    chosen = select_relations(dataset, actor, **criteria)
    if fmt == "json":
        emit_json([relation_json(r, dataset) for r in chosen])
        return
    names = dataset.actors_by_id
    focus = find_actor(dataset, actor).id if actor is not None else None

    def rows(relations: list[Relation]) -> str:
        if focus is None:
            return table(
                ("source", "relation", "target", "dates", "status", "polarity", "mode"),
                [
                    (names[r.source].name, arrow(r), names[r.target].name, span(r, dataset), r.status, r.polarity_name, manner(r, dataset))
                    for r in relations
                ],
            )
        return table(
            ("relation", "with", "dates", "status", "polarity", "mode"),
            [(arrow(r, focus), names[r.other(focus)].name, span(r, dataset), r.status, r.polarity_name, manner(r, dataset)) for r in relations],
        )

    lines = [rows(chosen)]
    if "as_of" in criteria:
        lines += undated_lines(undated_relations(dataset, actor, **criteria), rows)
    click.echo("\n".join(lines))


@click.command()
@click.argument("actor")
@data_option
@click.option("--as-of", metavar="DATE", help="Only relations active on DATE.")
@format_option("text", "json")
def show(actor: str, data: Path | None, as_of: str | None, fmt: str) -> None:
    """Profile of one ACTOR: aliases, description, relations by polarity with evidence.

    \b
    Examples:
      stakeholders show al-sharaa
      stakeholders show "the Druze"
      stakeholders show israel --format json
    """
    dataset = open_dataset(data)
    from ..questions.serialize import relation_json
    from ..questions.timeline import find_actor, select_relations, undated_relations

    found = find_actor(dataset, actor)
    chosen = select_relations(dataset, found.id, as_of=as_of)
    undated = undated_relations(dataset, found.id) if as_of is not None else []
    if fmt == "json":
        record = {"actor": found.model_dump(mode="json"), "relations": [relation_json(r, dataset) for r in chosen]}
        if as_of is not None:
            record["undated"] = [relation_json(r, dataset) for r in undated]
        emit_json(record)
        return
    click.echo("\n".join(_profile(found, chosen, dataset, undated)))


def _profile(actor: Actor, chosen: list[Relation], dataset: Dataset, undated: list[Relation]) -> Iterable[str]:
    yield f"{safe(actor.name)} [{safe(actor.id)}]"
    facts = [actor.type]
    if actor.country:
        facts.append(f"country {safe(actor.country)}")
    if span(actor):
        facts.append(span(actor))
    yield " · ".join(facts)
    if actor.aliases:
        yield f"aliases: {safe(', '.join(actor.aliases))}"
    if actor.tags:
        yield f"tags: {safe(', '.join(actor.tags))}"
    if actor.description:
        yield safe(actor.description)
    groups = [(POLARITY_NAMES[p].capitalize(), [r for r in chosen if r.polarity == p]) for p in (1, -1, 0)]
    if undated:
        groups.append(("Undated, on no date (listed apart)", undated))
    for heading, group in groups:
        yield ""
        yield f"{heading} ({len(group)})"
        for r in group:
            other = dataset.actors_by_id[r.other(actor.id)].name
            yield f"  {arrow(r, actor.id)} {safe(other)}{details(r, dataset)}"
            if r.description:
                yield f"      {safe(r.description)}"
            yield from evidence_lines(r, dataset, "      ")


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@format_option("table", "json")
def kinds(dataset: Path | None, data: Path | None, fmt: str) -> None:
    """List the relation kinds: the defaults and the dataset's own.

    Polarity drives colours, friend/enemy analysis and path filters; CAMEO codes,
    Goldstein values and PLOVER types tie the map to event data.

    \b
    Examples:
      stakeholders kinds
      stakeholders kinds --format json
    """
    from ..vocabulary import DEFAULT_KINDS

    if data is None and dataset is None and not DEFAULT_DATA.exists():
        known = DEFAULT_KINDS
    else:
        known = open_dataset(data, dataset).kinds_by_id
    if fmt == "json":
        emit_json([k.model_dump(mode="json") for k in known.values()])
        return
    rows = [
        (k.id, POLARITY_NAMES[k.polarity], "yes" if k.directed else "no", k.cameo, _number(k.goldstein), k.plover, k.family)
        for k in known.values()
    ]
    click.echo(table(("kind", "polarity", "directed", "cameo", "goldstein", "plover", "family"), rows))


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@format_option("text", "json")
def stories(dataset: Path | None, data: Path | None, fmt: str) -> None:
    """List the map's stories, each step with its date, the actors it highlights and its relations.

    Open one in the map with its link (#story=ID&step=1), or draw it with
    `render --story ID`.

    \b
    Examples:
      stakeholders stories
      stakeholders stories --format json
    """
    found = open_dataset(data, dataset)
    if fmt == "json":
        emit_json([story.model_dump(mode="json", exclude_none=True) for story in found.stories])
        return
    if not found.stories:
        click.echo("no stories: add them under 'stories:' in the dataset")
        return
    for story in found.stories:
        click.echo(f"{safe(story.id)}: {safe(story.title)} ({len(story.steps)} steps)")
        for number, step in enumerate(story.steps, 1):
            when = f" (as of {step.as_of})" if step.as_of else ""
            click.echo(f"  {number}. {safe(step.title)}{when}")
            if step.focus:
                click.echo(f"     actors: {safe(', '.join(found.actors_by_id[a].name for a in step.focus))}")
            if step.relations:
                click.echo(f"     relations: {safe(', '.join(step.relations))}")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:+.1f}" if value else "0.0"
