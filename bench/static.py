"""Static pictures of a large map (SVG and PNG, drawn with matplotlib) against the HTML map of the same graph.

Both start from the same graph (bench/synth.py, 5,000 actors and 20,000
relations) and both lay it out (``stakeholders.render.placed``), so the ratio is
the whole cost of a picture against the whole cost of the page; goal: a picture
takes at most 1.5 times as long as the page. The three are timed in turns, three
rounds, best of each: on a shared machine, load that comes and goes then weighs
on all of them alike. Processor time (this process only) is shown too: it hardly
moves with the machine's load. PDF is timed once, without a goal: matplotlib's
PDF backend writes path by path. The goal is for the full size: on small maps
(``--scale``) the page costs next to nothing and a picture's fixed costs (its text
above all) take over.

    python -m bench.static [--scale 0.1]
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import stakeholders
from stakeholders.render import render_html
from stakeholders.render.static import render_static

from .common import Row, main
from .synth import generate

ACTORS, RELATIONS = 5000, 20000
GOAL = 1.5  # a picture against the HTML page
ROUNDS = 3


def _timed(function: Callable[[], Any]) -> tuple[float, float]:
    """Wall and processor seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(scale: float = 1.0) -> list[Row]:
    actors, relations = max(10, int(ACTORS * scale)), max(20, int(RELATIONS * scale))
    graph = stakeholders.to_graph(stakeholders.from_dict(generate(actors, relations, seed=1)))
    size = f"{actors:,} actors, {relations:,} relations"
    with tempfile.TemporaryDirectory() as folder:
        paths = {fmt: Path(folder) / f"map.{fmt}" for fmt in ("html", "svg", "png", "pdf")}
        renders: dict[str, Callable[[], Any]] = {"html": lambda: render_html(graph, paths["html"])}
        for fmt in ("svg", "png"):
            renders[fmt] = lambda fmt=fmt: render_static(graph, paths[fmt])
        best = {name: (float("inf"), float("inf")) for name in renders}
        for _ in range(ROUNDS):
            for name, render in renders.items():
                wall, cpu = _timed(render)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
        pdf = _timed(lambda: render_static(graph, paths["pdf"]))
        html = best["html"]
        rows = [Row(f"HTML map, {size} (the baseline below)", html[0]), Row("  processor time", html[1])]
        for fmt, (wall, cpu) in [*((fmt, best[fmt]) for fmt in ("svg", "png")), ("pdf", pdf)]:
            goal = GOAL if fmt != "pdf" and scale >= 1 else None
            rows.append(Row(f"  static {fmt.upper()} picture against the HTML map", wall, html[0], goal=goal))
            rows.append(Row("    processor time", cpu, html[1]))
            rows.append(Row(f"    {fmt.upper()} file size", paths[fmt].stat().st_size / 1024 / 1024, unit="MiB"))
    return rows


if __name__ == "__main__":
    main(run, __doc__)
