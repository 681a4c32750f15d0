"""The analyze command: centrality, blocs, structural balance and camps, explained.

The JSON and CSV come whole from ``analysis.report``, so the Python API gives
what the command prints; only the text report is laid out here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..analysis.choices import SIGN_RULES, WEIGHTINGS
from ..terms import counted
from .bounds import SAMPLE, SEED, TOP
from .common import data_option, emit_json, filter_options, focus_options, format_option, open_dataset
from .terminal import fit, safe, table, terminal_width

if TYPE_CHECKING:
    from ..filters import Criteria

_SIGN_WORDS = {1: "cooperative", -1: "hostile"}


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@filter_options
@focus_options
@click.option(
    "--weight",
    "weighting",
    type=click.Choice(list(WEIGHTINGS), case_sensitive=False),
    default="none",
    show_default=True,
    help="Tie strength: 1 per pair, summed relation intensity, or summed absolute Goldstein values.",
)
@click.option(
    "--sign",
    "sign_rule",
    type=click.Choice(list(SIGN_RULES), case_sensitive=False),
    default="latest",
    show_default=True,
    help="Sign of a pair: its latest cooperative or hostile relation, or the sign of its summed Goldstein values.",
)
@click.option("--top", type=TOP, default=5, show_default=True, help="Rows per table in text output (1 to 100,000).")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the Louvain blocs, the camp heuristic and --sample (0 to 4,294,967,295).")
@click.option(
    "--sample",
    type=SAMPLE,
    default=None,
    help="Estimate betweenness from N source actors drawn at random, for maps too big for the exact figure; "
    "the report states the sample and each value's standard error (2 to 1,000,000; exact when N covers every actor).",
)
@format_option("text", "json", "csv")
def analyze(
    dataset: Path | None,
    data: Path | None,
    criteria: Criteria,
    weighting: str,
    sign_rule: str,
    top: int,
    seed: int,
    sample: int | None,
    fmt: str,
) -> None:
    """Who matters and where the map is under strain.

    Centrality of each actor (one tie per pair; neutral, structural relations
    count), blocs of cooperating actors, and the friend/enemy structure: a sign
    per pair, balanced and unbalanced triangles, the two camps that leave the
    fewest ties frustrated, the frustrated ties and the actors bridging the camps.
    Every figure comes with the sentence that says how to read it.

    Betweenness and closeness take 1/weight as the length of a tie; --sample
    estimates betweenness on maps of tens of thousands of actors and says how
    well. CSV gives one row per actor with every centrality, its bloc and its camp.

    \b
    Examples:
      stakeholders analyze
      stakeholders analyze --as-of 2025-05 --top 10
      stakeholders analyze --weight goldstein --sign goldstein
      stakeholders analyze data/syria-2025.yaml --format json
      stakeholders analyze big-map.json --sample 1000
    """
    from ..analysis.report import analyze as analyze_graph
    from ..analysis.report import generate_report_csv
    from ..graph import to_graph

    loaded = open_dataset(data, dataset, need="analyse")
    graph = to_graph(loaded, **criteria)
    # The text shows ``top`` rows of each list: the report makes no more (JSON and CSV are whole).
    report = analyze_graph(graph, weighting=weighting, sign_rule=sign_rule, seed=seed, top=top if fmt == "text" else None, sample=sample)
    if fmt == "json":
        emit_json(report)
    elif fmt == "csv":
        # Control characters in names are escaped for the terminal, as every command shows them; before
        # the CSV is written, not after, so its quoting fits the text shown. Names are the only free text
        # in a row: ids match ID_PATTERN and types are a closed list.
        shown = {**report, "names": {actor: safe(name) for actor, name in report["names"].items()}}
        click.echo("".join(generate_report_csv(shown, graph)), nl=False)
    else:
        click.echo("\n".join(fit(_text(report, top), terminal_width())))


def _number(value: float) -> str:
    """Every figure alike: a whole number as such, any other with the report's four decimals."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.4f}"


def _percent(share: float) -> str:
    return f"{round(share * 100, 2):g}%"


def _indented(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Iterable[str]:
    for line in table(headers, rows).splitlines():
        yield f"  {line}"


def _capped(rows: list[Any], top: int, total: int | None = None) -> tuple[list[Any], str | None]:
    """The first ``top`` rows, and a line saying how many were left out, if any: of ``total``, when the
    report kept only the rows it shows."""
    total = len(rows) if total is None else total
    if total <= top:
        return rows[:top], None
    return rows[:top], f"  ... and {total - top} more (--top or --format json shows them)"


def _text(report: dict[str, Any], top: int) -> Iterable[str]:
    names = report["names"]

    def named(actors: Iterable[str], capped: bool = True) -> str:
        """Actors by name, at most ``top`` of them (when ``capped``), then how many more."""
        listed = sorted((names[a] for a in actors), key=str.casefold)
        shown = listed[:top] if capped else listed
        more = f" and {len(listed) - len(shown)} more" if len(shown) < len(listed) else ""
        return ", ".join(shown) + more

    title = f": {report['title']}" if report["title"] else ""
    yield safe(f"Network analysis of {report['name']}{title}")
    yield (
        f"{counted(report['actors'], 'actor')}, {counted(report['relations'], 'relation')}, {counted(report['tied_pairs'], 'tied pair')};"
        f" weighting {report['weighting']}: {report['weighting_rule']}"
    )
    if report["filters"]:
        yield f"filters: {safe('; '.join(report['filters']))}"

    yield ""
    yield f"CENTRALITY (top {top} per figure)"
    for name, figure in report["centrality"].items():
        yield ""
        yield f"{name}: {figure['explanation']}"
        rows, more = _capped(figure["ranking"], top)
        estimate = figure.get("sample")
        if estimate is None:
            yield from _indented(("rank", "actor", name), [(r["rank"], r["name"], _number(r["value"])) for r in rows])
        else:
            yield (
                f"  estimated from {estimate['sources']:,} of {estimate['actors']:,} actors as sources (seed {estimate['seed']}); "
                f"standard error at most {_number(estimate['largest_standard_error'])}"
            )
            yield from _indented(
                ("rank", "actor", name, "± s.e."), [(r["rank"], r["name"], _number(r["value"]), _number(r["standard_error"])) for r in rows]
            )
        if more:
            yield more

    blocs = report["blocs"]
    yield ""
    yield "BLOCS"
    yield blocs["explanation"]
    if blocs["blocs"]:
        yield f"modularity {_number(blocs['modularity'])}; {blocs['modularity_explanation']}"
        yield from _indented(("bloc", "size", "members"), [(b["number"], len(b["members"]), named(b["members"])) for b in blocs["blocs"]])
    else:
        yield "  no cooperative ties, so no blocs"
    if blocs["without_cooperative_ties"]:
        yield f"without cooperative ties: {safe(named(blocs['without_cooperative_ties']))}"

    yield from _balance_text(report["balance"], names, named, top)
    if report["balance"]["signed_pairs"]:
        yield from _camps_text(report["camps"], report["balance"]["signed_pairs"], names, named, top)


def _balance_text(balance: dict[str, Any], names: dict[str, str], named: Callable[..., str], top: int) -> Iterable[str]:
    yield ""
    yield "STRUCTURAL BALANCE"
    yield f"sign rule {balance['sign_rule']}: {balance['sign_rule_explanation']}"
    yield (
        f"{counted(balance['signed_pairs'], 'signed pair')} among {counted(balance['signed_actors'], 'actor')}:"
        f" {balance['cooperative_pairs']} cooperative, {balance['hostile_pairs']} hostile; {balance['explanation']}"
    )
    if not balance["signed_pairs"]:
        yield "no cooperative or hostile ties, so no balance and no camps"
        return
    count = balance["triangles"]
    yield f"triangles: {count}"
    for kind in ("strict", "weak"):
        figure = balance[kind]
        share = f" ({_percent(figure['share'])})" if figure["share"] is not None else ""
        yield f"  {kind}: {figure['balanced']} of {count} balanced{share}; {figure['explanation']}"
    strained = [t for t in balance["triangle_list"] if not t["strict"]]
    if strained:
        yield "triangles that are not strictly balanced:"
        rows, more = _capped(strained, top, count - balance["strict"]["balanced"])
        yield from _indented(
            ("triangle", "ties", "weak balance"),
            [(named(t["actors"], capped=False), _ties(t, names), "balanced" if t["weak"] else "unbalanced") for t in rows],
        )
        if more:
            yield more


def _ties(triangle: dict[str, Any], names: dict[str, str]) -> str:
    a, b, c = (names[actor] for actor in triangle["actors"])
    pairs = ((a, b), (a, c), (b, c))
    return ", ".join(f"{x} ({'+' if sign > 0 else '-'}) {y}" for (x, y), sign in zip(pairs, triangle["signs"], strict=True))


def _why(reasons: list[dict[str, Any]], names: dict[str, str]) -> str:
    """``cooperative with X, Y; hostile to Z; aligned with W (leads)``: the ties that put an actor on its side."""
    parts = []
    for tie, word in (("cooperative", "cooperative with"), ("hostile", "hostile to")):
        others = [names[r["with"]] for r in reasons if r["tie"] == tie]
        if others:
            parts.append(f"{word} {', '.join(others)}")
    aligned = [f"{names[r['with']]} ({', '.join(r['kinds'])})" for r in reasons if r["tie"] == "aligned"]
    if aligned:
        parts.append(f"aligned with {', '.join(aligned)}")
    return "; ".join(parts) or "no tie agrees with its side"


def _camps_text(camps: dict[str, Any], pairs: int, names: dict[str, str], named: Callable[..., str], top: int) -> Iterable[str]:
    yield ""
    yield "TWO CAMPS"
    yield camps["explanation"]
    optimal = camps["optimal_splits"]
    if camps["method"] == "exact":
        tied = f"; {optimal} splits reach the minimum, these camps are one of them" if optimal > 1 else "; the best split is unique"
        yield f"{camps['method_explanation']} ({camps['searched']} splits){tied}"
    else:
        yield f"{camps['method_explanation']} ({camps['searched']} restarts)"
    if len(camps["components"]) > 1:
        yield f"{len(camps['components'])} groups: {camps['components_explanation']}"
    if camps["aligned"]:
        yield f"{camps['aligned_explanation']}: " + safe("; ".join(named(group) for group in camps["aligned"]))
    for camp in camps["camps"]:
        yield ""
        yield safe(f"camp {camp['number']} ({len(camp['members'])}): {camp['name']}")
        rows, more = _capped(camp["members"], top)
        for actor in rows:
            yield safe(f"  {names[actor]}: {_why(camp['reasons'][actor], names)}")
        if more:
            yield more
    yield ""
    share = f" ({_percent(camps['frustration_share'])})" if camps["frustration_share"] is not None else ""
    yield f"frustration {camps['frustration']} of {pairs} signed pairs{share}; {camps['frustration_explanation']}"
    if camps["frustrated"]:
        yield camps["frustrated_explanation"] + ":"
        rows, more = _capped(camps["frustrated"], top, camps["frustration"])
        for t in rows:
            a, b = t["actors"]
            yield safe(f"  {names[a]} (camp {t['camps'][0]}) – {names[b]} (camp {t['camps'][1]}): {_SIGN_WORDS[t['sign']]}")
            for e in t["evidence"]:
                quote = f': "{e["quote"]}" ({e["cited"]})' if e["quote"] else ""
                yield safe(f"      {names[e['source']]} -[{e['kind']}]- {names[e['target']]} [{e['relation']}]{quote}")
        if more:
            yield more
    bridging = named(camps["bridges"]) if camps["bridges"] else "none"
    yield f"{camps['bridges_explanation']}: {safe(bridging)}"
