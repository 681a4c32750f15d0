"""The ``render`` command: the interactive HTML map."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..analysis.choices import METRICS
from ..errors import UsageError
from .common import check_output, data_option, filter_options, focus_options, open_dataset, progress

if TYPE_CHECKING:
    from ..filters import Criteria


@click.command()
@click.argument("dataset", required=False, type=click.Path(path_type=Path))
@data_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="HTML file to write. Default: output/<dataset name>.html.")
@filter_options
@focus_options
@click.option("--title", help="Page title. Default: the dataset's title.")
@click.option(
    "--physics/--no-physics",
    default=None,
    help="Let vis-network settle the layout in the browser (bounded, then still). Default: off, the packed layout from Python as drawn.",
)
@click.option("--size-by", type=click.Choice(list(METRICS), case_sensitive=False), help="Size actors by this centrality (default: number of relations).")
@click.option("--color-by", type=click.Choice(["type", "community", "camp"], case_sensitive=False), default="type", show_default=True, help="Colour actors by type, cooperative bloc or friend/enemy camp.")
@click.option("--open", "open_page", is_flag=True, help="Open the map in the default browser.")
def render(
    dataset: Path | None,
    data: Path | None,
    output: Path | None,
    criteria: Criteria,
    title: str | None,
    physics: bool | None,
    size_by: str | None,
    color_by: str,
    open_page: bool,
) -> None:
    """Write the interactive map as one self-contained HTML file and print its path.

    The page works offline: search, filters by kind and polarity, a date slider,
    focus on a neighbourhood, a legend, and every relation's evidence one click away.

    \b
    Examples:
      stakeholders render
      stakeholders render data/syria-2025.yaml -o map.html --open
      stakeholders render --as-of 2025-05 --kind airstrike --kind protection
      stakeholders render --focus "the Druze" --depth 2 --title "Around the Druze"
      stakeholders render --size-by betweenness --color-by camp
    """
    from ..render import render_html

    if output is not None:
        suffix = output.suffix.lower()
        if suffix in (".png", ".svg", ".pdf"):
            raise UsageError(f"{output}: static pictures (.png, .svg, .pdf) are not drawn yet; the map is an .html page")
        if suffix not in (".html", ".htm"):
            raise UsageError(f"{output}: the map is an .html page")
        check_output(output)
    loaded = open_dataset(data, dataset, need="draw")
    path = render_html(
        loaded,
        output,
        title=title,
        physics=physics,
        size_by=size_by,
        color_by=color_by,
        progress=progress(),
        **criteria,
    )
    click.echo(str(path))
    if open_page:
        webbrowser.open(path.resolve().as_uri())
