"""The positions and forecast commands: where the actors stand on an issue, and where the outcome is likely to land."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from ..terms import counted
from .common import check_output, data_option, emit_json, format_option, open_dataset, streamed
from .terminal import safe, table

_CSV_COLUMNS = ("actor", "name", "stance", "salience", "influence", "influence_computed", "quadrant", "start", "end")


def _stance(value: float, low: str | None, high: str | None) -> str:
    word = (high or "supports") if value > 0 else (low or "opposes") if value < 0 else "neutral"
    return f"{value:+.2f} {word}" if value else "0 neutral"


@click.command()
@click.argument("issue", required=False)
@data_option
@click.option("--as-of", metavar="DATE", help="The positions holding on DATE (each actor's latest by then).")
@click.option("--evidence", is_flag=True, help="Print each position's quotes.")
@format_option("table", "json", "csv")
def positions(issue: str | None, data: Path | None, as_of: str | None, evidence: bool, fmt: str) -> None:
    """Who stands where on an ISSUE: stance, salience, influence, grid quadrant.

    Without ISSUE, the map's issues and how many positions each has. Stance runs
    from -1 (opposes) to 1 (supports); salience is how much the issue matters to
    the actor (0 to 1); influence is the actor's own, or computed from the
    network where the data gives none (marked *). The quadrant is the
    stakeholder grid's: manage closely, keep satisfied, keep informed, monitor
    (influence and salience cut at 0.5).

    \b
    Examples:
      stakeholders positions
      stakeholders positions easing-sanctions --evidence
      stakeholders positions indirect-talks --as-of 2025-05 --format csv
    """
    from ..filters import parse_date
    from ..questions.positions import COMPUTED_NOTE, find_issue, positions_on

    dataset = open_dataset(data)
    when = parse_date(as_of, "as-of date") if as_of is not None else None
    if issue is None:
        counts = {i.id: 0 for i in dataset.issues}
        for position in dataset.positions:
            counts[position.issue] = counts.get(position.issue, 0) + 1
        if fmt == "json":
            emit_json([{"id": i.id, "title": i.title, "positions": counts[i.id]} for i in dataset.issues])
            return
        if not dataset.issues:
            click.echo(f"The map {safe(dataset.name)} has no issues: add them under 'issues:' and positions under 'positions:'.")
            return
        click.echo(table(["ISSUE", "TITLE", "POSITIONS"], [[safe(i.id), safe(i.title), counts[i.id]] for i in dataset.issues]))
        return
    found = find_issue(dataset, issue)
    standings = positions_on(dataset, found, when)
    if fmt == "json":
        emit_json({"issue": found.id, "title": found.title, "as_of": str(when) if when else None, "positions": [s.json() for s in standings]})
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_CSV_COLUMNS)
        for s in standings:
            row = s.json()
            writer.writerow([row[k] if row[k] is not None else "" for k in _CSV_COLUMNS])
        click.echo(out.getvalue(), nl=False)
        return
    when_text = f", as of {when}" if when else ""
    click.echo(f"{safe(found.title)} ({safe(found.id)}): {counted(len(standings), 'position')}{when_text}")
    if not standings:
        return
    rows = [
        [safe(s.actor.name), _stance(s.position.stance, found.low, found.high), f"{s.position.salience:.2f}", f"{s.influence:.2f}{'*' if s.computed else ''}", s.quadrant]
        for s in standings
    ]
    lines = table(["ACTOR", "STANCE", "SALIENCE", "INFLUENCE", "QUADRANT"], rows).splitlines()
    click.echo(lines[0])
    for line, standing in zip(lines[1:], standings, strict=True):
        click.echo(line)
        if evidence:
            for item in standing.position.evidence:
                click.echo(f"    {safe(item.source)}: {safe(item.said)}")
    if any(s.computed for s in standings):
        click.echo(f"{COMPUTED_NOTE}, the data giving none.")


@click.command()
@click.argument("issue")
@data_option
@click.option("--as-of", metavar="DATE", help="Forecast from the positions holding on DATE.")
@format_option("text", "json")
def forecast(issue: str, data: Path | None, as_of: str | None, fmt: str) -> None:
    """Where the outcome on an ISSUE is likely to land, and who could move it.

    The outcome is the weighted median of the stances, each weighted by
    influence x salience: the stance no majority of the weight would move away
    from, the core of expected-utility models of negotiation. Prints the
    pivotal actor (whose stance it is), the coalitions for and against with
    their shares of the weight, the one actor whose move to either end would
    shift the outcome most, and the outcome's range when each weight varies by
    20%. It assumes the weights are right and the actors bargain in the open;
    it knows nothing of coercion, deals across issues, or actors the map lacks.
    --format json lists each actor's stance, salience and influence, so the
    arithmetic can be checked.

    \b
    Examples:
      stakeholders forecast indirect-talks
      stakeholders forecast easing-sanctions --format json
    """
    from ..filters import parse_date
    from ..questions.positions import COMPUTED_NOTE, WEIGHT_VARIATION
    from ..questions.positions import forecast as run_forecast

    dataset = open_dataset(data)
    when = parse_date(as_of, "as-of date") if as_of is not None else None
    result = run_forecast(dataset, issue, when)
    if fmt == "json":
        emit_json({**result.json(), "as_of": str(when) if when else None})
        return
    found, standings = result.issue, result.standings
    total = sum(s.weight for s in standings)
    lines = [
        f"{safe(found.title)} ({safe(found.id)})" + (f", as of {when}" if when else ""),
        f"Outcome: {_stance(result.outcome, found.low, found.high)}, the weighted median of {counted(len(standings), 'stance')} (weights influence x salience).",
        f"Pivotal: {safe(result.pivotal.actor.name)} (stance {result.pivotal.position.stance:+.2f}, weight {result.pivotal.weight:.2f} of {total:.2f}).",
        f"Coalitions: for {result.shares['for']:.0%} of the weight, against {result.shares['against']:.0%}, neutral {result.shares['neutral']:.0%}.",
    ]
    if result.swing is not None:
        standing, to, moved = result.swing
        lines.append(f"Swing: {safe(standing.actor.name)} moving to {to:+.0f} would move the outcome to {moved:+.2f} ({moved - result.outcome:+.2f}).")
    else:
        lines.append("Swing: no single actor moving to either end would move the outcome.")
    lines.append(f"Range with each weight {WEIGHT_VARIATION:.0%} lower or higher: {result.low:+.2f} to {result.high:+.2f}.")
    if any(s.computed for s in standings):
        lines.append(f"{COMPUTED_NOTE[0].upper()}{COMPUTED_NOTE[1:]}, the data giving none.")
    lines.append("The model assumes the weights are right and the actors bargain in the open; it knows nothing of coercion or deals across issues.")
    click.echo("\n".join(lines))


@click.command()
@click.argument("issue")
@data_option
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The picture: .svg, .png, .pdf or .html, or - for SVG on standard output. Default: output/<map>-<issue>-grid.svg.")
@click.option("--as-of", metavar="DATE", help="The positions holding on DATE.")
@click.option("--title", help="The picture's title. Default: the issue's.")
def grid(issue: str, data: Path | None, output: Path | None, as_of: str | None, title: str | None) -> None:
    """The stakeholder grid of an ISSUE: influence against salience, by stance.

    Each actor with a position is placed by how much the issue matters to it
    (salience, across) and the weight it carries (influence, up), its stance
    shown by colour (purple supports, orange opposes, a scale colour-blind
    readers tell apart) and by shape (triangle up, triangle down, circle for
    neutral). The quadrants are named (manage closely, keep satisfied, keep
    informed, monitor); names are kept apart; influence computed from the
    network is marked *. HTML adds the positions with their quotes. Prints the
    path written.

    \b
    Examples:
      stakeholders grid indirect-talks
      stakeholders grid easing-sanctions -o output/sanctions.png
      stakeholders grid easing-sanctions -o output/sanctions.html --as-of 2025-05
    """
    from ..filters import parse_date
    from ..questions.positions import find_issue
    from ..render.grid import render_grid

    dataset = open_dataset(data)
    found = find_issue(dataset, issue)
    when = parse_date(as_of, "as-of date") if as_of is not None else None
    target = output if output is not None else Path("output") / f"{dataset.name}-{found.id}-grid.svg"
    if output is None:
        target.parent.mkdir(exist_ok=True)
    else:
        check_output(target)
    written = render_grid(dataset, found, target, as_of=when, title=title)
    if not streamed(target):
        click.echo(safe(written))
