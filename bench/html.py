"""Time for the HTML map to draw and settle in headless Chromium: our page against
pyvis's default output of the same graph.

Ours is ready when the page says so (``stakeholdersMap.ready``, set on the first
drawing after the layout is done). pyvis's page is settled when its loading bar
goes (its ``stabilizationIterationsDone`` handler). pyvis's page is built the
usual notebook way (``Network().from_nx(graph)``, inlined resources so it opens
offline); it may take many minutes at this size, so it is stopped at a cap and
the ratio is then an upper bound (the row says so).

    python -m bench.html            # 5,000 actors, 20,000 relations
    python -m bench.html --scale 0.1
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import networkx as nx

import stakeholders
from bench.common import Row, main
from bench.synth import generate
from stakeholders.render import render_html

ACTORS, RELATIONS = 5000, 20000
BASELINE_CAP = 180.0  # seconds; pyvis's default needs about 14 minutes at 5,000 actors
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def _pyvis_default(graph: nx.MultiDiGraph, path: Path) -> Path:
    from pyvis.network import Network

    plain = nx.MultiDiGraph()
    plain.add_nodes_from((n, {"label": a["label"]}) for n, a in graph.nodes(data=True))
    plain.add_edges_from((u, v, {"title": a["kind"]}) for u, v, a in graph.edges(data=True))
    network = Network(directed=True, cdn_resources="in_line")
    network.from_nx(plain)
    network.write_html(str(path))
    return path


def _time_until(browser, path: Path, ready: str, cap: float) -> float | None:
    """Seconds from navigation until the ``ready`` expression holds, or None past ``cap``."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=cap * 1000)
        page.wait_for_function(ready, timeout=cap * 1000, polling=100)
        return time.perf_counter() - start
    except Exception as exc:  # playwright's TimeoutError: the page did not settle within the cap
        if "Timeout" not in type(exc).__name__:
            raise
        return None
    finally:
        page.close()


def run(scale: float = 1.0) -> list[Row]:
    from playwright.sync_api import sync_playwright

    actors, relations = max(10, int(ACTORS * scale)), max(20, int(RELATIONS * scale))
    dataset = stakeholders.from_dict(generate(actors, relations, seed=1))
    graph = stakeholders.to_graph(dataset)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        ours_path = render_html(graph, Path(folder) / "ours.html")
        theirs_path = _pyvis_default(graph, Path(folder) / "pyvis.html")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            ours = _time_until(browser, ours_path, "window.stakeholdersMap && window.stakeholdersMap.ready", BASELINE_CAP)
            theirs = _time_until(browser, theirs_path, "document.getElementById('loadingBar') && document.getElementById('loadingBar').style.opacity === '0'", BASELINE_CAP)
        finally:
            browser.close()
    if ours is None:
        raise RuntimeError(f"our page did not settle within {BASELINE_CAP:g} s")
    size = f"{actors:,} actors, {relations:,} relations"
    rows = [Row(f"HTML map draws and settles, {size}: ours (s, goal <= 10)", ours, goal=10.0)]
    if theirs is None:
        rows.append(Row(f"  against pyvis default (stopped at {BASELINE_CAP:g} s: ratio is an upper bound)", ours, BASELINE_CAP, goal=0.2))
    else:
        rows.append(Row("  against pyvis default", ours, theirs, goal=0.2))
    return rows


if __name__ == "__main__":
    main(run, __doc__)
