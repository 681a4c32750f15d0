"""The stakeholder grid of an issue: influence against salience, each actor placed, coloured and shaped by its stance.

The classic power/interest grid of policy analysis, drawn from the positions of the
map (``questions.positions``): salience across, influence up, the quadrants cut at
0.5 and named (manage closely, keep satisfied, keep informed, monitor). Stance is
shown twice, so that no reader depends on colour: a colour on a diverging scale that
colour-blind readers tell apart (purple for support, orange for opposition, from
ColorBrewer's PuOr) and a shape (a triangle up for support, down for opposition, a
circle for neutral). Names are placed beside their marks where they overlap no
other name or mark, trying eight places in turn. A title and a source line say what
the picture shows and where it comes from; influence computed from the network is
marked with an asterisk.

SVG, PNG and PDF come from matplotlib (``static.picture_bytes``: the same bytes
every time); HTML is a self-contained page with the SVG and a table of the
positions with their quotes, every data string escaped.
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from ..atomic import is_stream, write_atomic
from ..dates import PartialDate
from ..errors import UsageError
from ..model import Dataset, Issue
from ..questions.positions import COMPUTED_NOTE, GRID_CUT, QUADRANTS, Standing, find_issue, held_positions
from ..style import STANCE_PALETTE
from .static import MapFigure, picture_bytes

GRID_FORMATS = ("svg", "png", "pdf", "html")
#: ColorBrewer's PuOr ends and middle: orange opposes, grey neutral, purple supports; told apart under every common
#: colour-vision deficiency.
STANCE_COLORS = LinearSegmentedColormap.from_list("stance", [STANCE_PALETTE[0], STANCE_PALETTE[2], STANCE_PALETTE[4]])
_NEUTRAL_EDGE = "#404040"
#: Where a name may go around its mark, in points: right, left, above, below, then the diagonals.
_PLACES = ((8, -3), (-8, -3), (0, 8), (0, -13), (8, 6), (-8, 6), (8, -12), (-8, -12))


def _marker(stance: float) -> str:
    return "^" if stance > 0 else "v" if stance < 0 else "o"


def grid_figure(dataset: Dataset, issue: str | Issue, *, as_of: PartialDate | None = None, title: str | None = None, width: float = 8.0, dpi: int = 100) -> MapFigure:
    """The grid of ``issue`` as a matplotlib figure (see the module's notes)."""
    found = issue if isinstance(issue, Issue) else find_issue(dataset, issue)
    return _drawn(dataset, found, held_positions(dataset, found, as_of, "draw"), as_of, title, width, dpi)


def _drawn(dataset: Dataset, found: Issue, standings: list[Standing], as_of: PartialDate | None, title: str | None, width: float, dpi: int) -> MapFigure:
    figure = MapFigure(figsize=(width, width * 0.8), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.1, 0.16, 0.62, 0.7))
    axes.set_xlim(-0.05, 1.05)
    axes.set_ylim(-0.17, 1.17)  # room above and below the marks for the quadrants' names
    axes.set_xlabel("salience: how much the issue matters to the actor")
    axes.set_ylabel("influence: the weight it carries")
    axes.axvline(GRID_CUT, color="#bbbbbb", linewidth=0.8)
    axes.axhline(GRID_CUT, color="#bbbbbb", linewidth=0.8)
    quadrant_names = []
    for (high_influence, high_salience), name in QUADRANTS.items():
        x = 0.98 if high_salience else 0.02
        y = 1.15 if high_influence else -0.15
        quadrant_names.append(
            axes.text(x, y, name, ha="right" if high_salience else "left", va="top" if high_influence else "bottom", color="#666666", fontsize=9, style="italic")
        )
    for standing in standings:
        stance = standing.position.stance
        axes.scatter(
            [standing.position.salience], [standing.influence], s=90, marker=_marker(stance), c=[STANCE_COLORS((stance + 1) / 2)],
            edgecolors=_NEUTRAL_EDGE, linewidths=0.8, zorder=3,
        )  # fmt: skip
    _place_names(figure, axes, standings, quadrant_names)
    heading = title or found.title
    figure.text(0.1, 0.95, heading, fontsize=14, weight="bold", va="top")
    when = f", as of {as_of}" if as_of else ""
    low, high = found.low or "opposes", found.high or "supports"
    figure.text(0.1, 0.905, f"{len(standings)} positions{when}; stance from {low} (-1) to {high} (+1), by colour and shape", fontsize=9, va="top", color="#444444")
    legend = [
        Line2D([], [], marker="^", linestyle="", markersize=9, markerfacecolor=STANCE_COLORS(1.0), markeredgecolor=_NEUTRAL_EDGE, label=f"supports: {high}"),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=STANCE_COLORS(0.5), markeredgecolor=_NEUTRAL_EDGE, label="neutral"),
        Line2D([], [], marker="v", linestyle="", markersize=9, markerfacecolor=STANCE_COLORS(0.0), markeredgecolor=_NEUTRAL_EDGE, label=f"opposes: {low}"),
    ]
    figure.legend(handles=legend, loc="upper left", bbox_to_anchor=(0.74, 0.86), frameon=False, fontsize=9, title="Stance", title_fontsize=9)
    note = COMPUTED_NOTE if any(s.computed for s in standings) else "influence as the data gives it"
    source = textwrap.fill(f"Source: {dataset.name}, {len(standings)} positions, each with its quote; {note}.", 120)
    figure.text(0.1, 0.015, source, fontsize=8, color="#555555", va="bottom")
    return figure


def _place_names(figure: MapFigure, axes: object, standings: list[Standing], fixed: list[object]) -> None:
    """Each actor's name beside its mark, at the first of ``_PLACES`` that overlaps no name, mark or ``fixed`` text."""
    renderer = figure.canvas.get_renderer()
    taken: list[Bbox] = [text.get_window_extent(renderer) for text in fixed]  # type: ignore[attr-defined]
    for standing in standings:
        x, y = axes.transData.transform((standing.position.salience, standing.influence))  # type: ignore[attr-defined]
        taken.append(Bbox.from_bounds(x - 6, y - 6, 12, 12))
    for standing in standings:
        label = standing.actor.name + ("*" if standing.computed else "")
        point = (standing.position.salience, standing.influence)
        for dx, dy in _PLACES:
            text = axes.annotate(  # type: ignore[attr-defined]
                label, point, xytext=(dx, dy), textcoords="offset points", fontsize=9, ha="left" if dx > 0 else "right" if dx < 0 else "center",
                va="center", zorder=4,
            )  # fmt: skip
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            text.remove()
        else:
            text = axes.annotate(label, point, xytext=_PLACES[0], textcoords="offset points", fontsize=9, va="center", zorder=4)  # type: ignore[attr-defined]
            taken.append(text.get_window_extent(renderer))


def grid_html(dataset: Dataset, issue: str | Issue, *, as_of: PartialDate | None = None, title: str | None = None) -> str:
    """A self-contained page: the grid as SVG, and the positions with their quotes, every data string escaped."""
    found = issue if isinstance(issue, Issue) else find_issue(dataset, issue)
    standings = held_positions(dataset, found, as_of, "draw")
    svg = picture_bytes(_drawn(dataset, found, standings, as_of, title, 8.0, 100), "svg").decode("utf-8")
    svg = svg[svg.index("<svg") :]  # the XML prologue has no place inside a page
    rows = "".join(
        "<tr><td>{}</td><td>{:+.2f}</td><td>{:.2f}</td><td>{:.2f}{}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(s.actor.name), s.position.stance, s.position.salience, s.influence, "*" if s.computed else "", html.escape(s.quadrant),
            "<br>".join(f"{html.escape(e.source)}: {html.escape(e.said)}" for e in s.position.evidence),
        )
        for s in standings
    )
    heading = html.escape(title or found.title)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{heading}</title>"
        "<style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}svg{max-width:100%;height:auto}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>"
        f"</head><body><h1>{heading}</h1>{svg}<table><thead><tr><th>Actor</th><th>Stance</th><th>Salience</th><th>Influence</th>"
        f"<th>Quadrant</th><th>Evidence</th></tr></thead><tbody>{rows}</tbody></table></body></html>\n"
    )


def render_grid(dataset: Dataset, issue: str | Issue, path: str | Path, *, as_of: PartialDate | None = None, title: str | None = None) -> Path:
    """Write the grid of ``issue`` to ``path``; its suffix says the format (svg, png, pdf or html; SVG to a stream)."""
    fmt = "svg" if is_stream(path) else Path(path).suffix.lower().lstrip(".")  # "-": SVG to standard output
    if fmt not in GRID_FORMATS:
        raise UsageError(f"{path}: the grid is written as {', '.join(GRID_FORMATS)}; give a file with one of those suffixes")
    if fmt == "html":
        return write_atomic(path, [grid_html(dataset, issue, as_of=as_of, title=title)])
    return write_atomic(path, [picture_bytes(grid_figure(dataset, issue, as_of=as_of, title=title), fmt)])
