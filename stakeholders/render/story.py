"""A story as pictures: one per step, the map as the page shows that step (its date, what stands out, the rest
faded), with the story's title, the step's words and the source line. A PDF takes every step, a page each; a
folder takes one SVG, PNG or PDF per step.

Every step is drawn with the positions of the whole map, so that actors stay where they are from step to step, as
on the page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Unpack

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ..atomic import names_folder, write_atomic
from ..dates import widened
from ..errors import UsageError
from ..filters import Criteria
from ..graph import graph_of
from ..model import Dataset
from . import placed
from .layout import loner_frame
from .page import LOWEST_LABEL, find_story
from .static import _METADATA, _RC, DPI, STATIC_FORMATS, WIDTH, _check_size, _Drawing, picture_bytes


def story_figures(
    dataset: Dataset,
    story_id: str,
    *,
    size_by: str | None = None,
    color_by: str = "type",
    width: float = WIDTH,
    height: float | None = None,
    dpi: int = DPI,
    **criteria: Unpack[Criteria],
) -> Iterator[Figure]:
    """Each step of the story as a picture. ``criteria`` are the other filters (kinds, polarity...): the step sets the
    date."""
    if criteria.get("as_of") is not None:
        raise UsageError("a story's steps set the date: leave out --as-of")
    story = find_story(dataset, story_id)
    _check_size(width, height, dpi)
    whole = graph_of(dataset, **criteria)
    look, radii, where = placed(whole, size_by, color_by)
    # The frame of the actors without relations is the whole map's, as laid out: on a step's date many more have none.
    frame = loner_frame(whole, where, radii, LOWEST_LABEL)
    for number, step in enumerate(story.steps, 1):
        day = widened(None, step.as_of)[1]  # the page shows the last day of the step's period
        graph = graph_of(dataset, **criteria, as_of=day) if day is not None else whole
        drawing = _Drawing(graph, look, {n: radii[n] for n in graph}, {n: where[n] for n in graph}, color_by, width, dpi, frame)
        ends = {end for key in step.relations for end in (dataset.relations_by_id[key].source, dataset.relations_by_id[key].target)}
        drawing.kept = (set(step.focus) | ends, set(step.relations))
        drawing.caption = step.text
        with matplotlib.rc_context(_RC):
            yield drawing.figure(f"{story.title} · {number} of {len(story.steps)}: {step.title}", height)


def render_story(
    dataset: Dataset,
    story_id: str,
    path: str | Path,
    *,
    format: str | None = None,
    **options: Unpack[Criteria],  # and story_figures' size_by, color_by, width, height, dpi
) -> list[Path]:
    """Write the story's steps: ``path`` a .pdf takes them all, a page each; a folder (existing, or written with a
    trailing /) takes ``<story>-<step>.<format>`` files, svg by default. Returns the paths written."""
    target = Path(path)
    folder = names_folder(path)
    if folder:
        fmt = (format or "svg").lower()
        if fmt not in STATIC_FORMATS:
            raise UsageError(f"a story's pictures are {', '.join(STATIC_FORMATS)}; got {format}")
        target.mkdir(exist_ok=True)
        written = []
        for number, figure in enumerate(story_figures(dataset, story_id, **options), 1):  # type: ignore[misc]
            written.append(write_atomic(target / f"{story_id}-{number:02d}.{fmt}", [picture_bytes(figure, fmt)]))
        return written
    if target.suffix.lower() != ".pdf" or (format is not None and format.lower() != "pdf"):
        raise UsageError(f"{path}: a story is one .pdf (a page per step) or a folder of pictures (one per step); give -o story.pdf or -o folder/")
    buffer = io.BytesIO()
    with matplotlib.rc_context(_RC), PdfPages(buffer, metadata=_METADATA["pdf"]) as pages:
        for figure in story_figures(dataset, story_id, **options):  # type: ignore[misc]
            pages.savefig(figure, facecolor="white")
    return [write_atomic(target, [buffer.getvalue()])]
