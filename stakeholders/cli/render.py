"""The ``render`` command: the interactive HTML map, or a static picture of it (SVG, PNG, PDF)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..analysis.choices import METRICS
from ..atomic import names_folder
from ..errors import UsageError
from ..terms import COLOR_BY, STANCE_PREFIX
from .bounds import DPI, INCHES
from .common import check_output, data_option, filter_options, focus_options, open_dataset, progress, streamed, warn_if_empty

if TYPE_CHECKING:
    from ..filters import Criteria


def _color_by(value: str) -> str:
    """type, community, camp (any case) or stance:ISSUE; the issue is checked against the map when it is drawn."""
    lower, issue = value.lower(), value[len(STANCE_PREFIX) :].strip()
    if lower in COLOR_BY:
        return lower
    if lower.startswith(STANCE_PREFIX) and issue:
        return STANCE_PREFIX + issue
    raise click.BadParameter(f"{value!r} is not one of {', '.join(repr(c) for c in COLOR_BY)}, or {STANCE_PREFIX}ISSUE")


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@click.option(
    "-o",
    "--output",
    "output_text",
    type=click.Path(),  # text, not a Path: "steps/" keeps the slash that makes it a folder
    help="File to write: .html for the interactive map, .svg, .png or .pdf for a picture. Default: output/<dataset name>.<format>. "
    "With --story, a .pdf (a page per step) or a folder (a picture per step).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "svg", "png", "pdf"], case_sensitive=False),
    help="What to write, whatever the output's suffix. Default: from the suffix, else html.",
)
@filter_options
@focus_options
@click.option("--title", help="Page or picture title. Default: the dataset's title.")
@click.option(
    "--physics/--no-physics",
    default=None,
    help="Let vis-network settle the layout in the browser (bounded, then still). Default: off, the packed layout from Python as drawn.",
)
@click.option("--size-by", type=click.Choice(list(METRICS), case_sensitive=False), help="Size actors by this centrality (default: number of relations).")
@click.option(
    "--color-by",
    default="type",
    show_default=True,
    callback=lambda ctx, param, value: _color_by(value),
    help="Colour actors by type, cooperative bloc (community), friend/enemy camp, or stance on an issue (stance:ISSUE).",
)
@click.option(
    "--diff-from",
    metavar="DATE|DATASET",
    help="Draw what changed since DATE (the dataset as of then, against the map as of --as-of, its own date or today) "
    "or since an earlier DATASET (a file or folder): added and changed actors and relations in colour, removed ones as ghosts.",
)
@click.option("--width", type=INCHES, help="Picture width in inches, 1 to 100 (svg, png, pdf). Default: 12. A PNG is width x dpi pixels across.")
@click.option("--height", type=INCHES, help="Picture height in inches, 1 to 100 (svg, png, pdf). Default: what the map's shape needs.")
@click.option("--dpi", type=DPI, help="Dots per inch of a PNG picture, 10 to 1,200. Default: 100 (use 300 for print).")
@click.option(
    "--story",
    metavar="ID",
    help="Tell a story of the data (see `stakeholders stories`): the page opens on its first step; -o story.pdf draws a page per step, -o folder/ a picture per step.",
)
@click.option("--open", "open_page", is_flag=True, help="Open the map in the default browser (a picture in its viewer).")
def render(
    dataset: Path | None,
    data: Path | None,
    output_text: str | None,
    fmt: str | None,
    criteria: Criteria,
    title: str | None,
    physics: bool | None,
    size_by: str | None,
    color_by: str,
    width: float | None,
    height: float | None,
    dpi: int | None,
    diff_from: str | None,
    story: str | None,
    open_page: bool,
) -> None:
    """Write the interactive map as one self-contained HTML file, or a picture of it, and print its path.

    The page works offline: search, filters by kind and polarity, a date slider,
    focus on a neighbourhood, a legend, and every relation's evidence one click away.
    A picture (.svg, .png or .pdf, for reports) shows the same map as the page
    opens with it: same positions, shapes and colours, labels where they fit, a
    legend, the title and the filters in force. Same map, same bytes.

    \b
    Examples:
      stakeholders render
      stakeholders render data/syria-2025.yaml -o map.html --open
      stakeholders render --as-of 2025-05 --kind airstrike --kind protection
      stakeholders render --focus "the Druze" --depth 2 --title "Around the Druze"
      stakeholders render --size-by betweenness --color-by camp
      stakeholders render -o map.svg --as-of 2025-05
      stakeholders render -o map.png --width 8 --dpi 300 --color-by camp
      stakeholders render --color-by stance:indirect-talks
      stakeholders render --format pdf --focus "the Druze" --depth 2
      stakeholders render --diff-from 2025-04 --as-of 2025-05 -o changes.html
      stakeholders render --diff-from old/syria-2025.yaml -o changes.svg
      stakeholders render --story from-war-to-talks -o story.pdf
      stakeholders render --story from-war-to-talks -o steps/ --format png
    """
    from ..render import format_of

    output = Path(output_text) if output_text is not None else None
    folder = output_text is not None and story is not None and names_folder(output_text)
    if output is not None and story is None and output.is_dir():
        raise UsageError(f"{output} is a folder; give a file name (a folder takes a story's pictures, with --story)")
    if story is not None and diff_from is not None:
        raise UsageError("--story and --diff-from: a story shows its own dates; give one of them")
    chosen = (fmt or "svg").lower() if folder else format_of(output, fmt)
    if story is not None and not folder and chosen in ("svg", "png"):
        raise UsageError(f"a story is a .pdf (a page per step) or a folder of pictures (one per step), not one .{chosen}: give -o story.pdf or -o folder/")
    sizes = {name: value for name, value in (("width", width), ("height", height), ("dpi", dpi)) if value is not None}
    if chosen == "html" and sizes:
        raise UsageError(f"{', '.join(f'--{name}' for name in sizes)}: for pictures (svg, png, pdf), not the html page")
    if chosen != "html" and physics is not None:
        raise UsageError("--physics is for the html page; a picture shows the layout as computed")
    if output is not None:
        check_output(output, folder=folder)
        if open_page and streamed(output):
            raise UsageError("--open opens a file: give -o FILE, not a stream")
    loaded = open_dataset(data, dataset, need="draw")
    if story is not None and chosen != "html":
        from ..render.story import render_story

        target = output_text if output_text is not None else Path("output") / f"{story}.pdf"
        written = render_story(loaded, story, target, format=chosen, size_by=size_by, color_by=color_by, **sizes, **criteria)
        for path in written:
            click.echo(str(path))
        if open_page:
            webbrowser.open(written[0].resolve().as_uri())
        return
    from ..render import map_graph

    graph = map_graph(loaded, diff_from, **criteria)
    warn_if_empty(graph, criteria)
    if chosen == "html":
        from ..render import render_html

        path = render_html(graph, output, title=title, physics=physics, size_by=size_by, color_by=color_by, story=story, progress=progress())
    else:
        from ..render.static import render_static

        path = render_static(graph, output, format=chosen, title=title, size_by=size_by, color_by=color_by, progress=progress(), **sizes)
    if not streamed(path):
        click.echo(str(path))
    if open_page:
        webbrowser.open(path.resolve().as_uri())
