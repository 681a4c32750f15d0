"""Time for the HTML map to draw and settle in headless Chromium: our page against
pyvis's default output of the same graph; then a map four times larger, how the
map answers panning and zooming, and how much of the fitted view the main
component fills.

Ours is ready when the page says so (``stakeholdersMap.ready``, set on the first
drawing after the layout is done and the labels are placed); its first drawing
is the page's own ``performance.now()`` at vis-network's first ``afterDrawing``.
pyvis's page is settled when its loading bar goes (its ``stabilizationIterationsDone``
handler). pyvis's page is built the usual notebook way (``Network().from_nx(graph)``,
inlined resources so it opens offline); it may take many minutes at this size, so
it is stopped at a cap and the ratio is then an upper bound (the row says so).

Panning and zooming: the mouse drags the map and turns the wheel; a row gives the
median time vis-network took to draw a frame meanwhile (edges are hidden while
dragging and zooming on large maps). The main component's share: after
``network.fit()``, the bounding box of the largest connected component's nodes on
screen over the canvas, in its fuller direction (width or height); goal at least 0.5.

Then the page is reloaded (warm: ready again, goal 2 s at 5,000 actors) and the controls a
reader uses are timed, each from the action until the map shows its result (search, focus,
the whole map back, a kind off and on, a date chosen and let go; goal 0.2 s).

The map from 200,000 GDELT events (``bench/gdelt_synth.py`` through ``stakeholders
events gdelt``) is timed the same way, with its page's size beside the others.

    python -m bench.html            # 5,000 actors, 20,000 relations; 20,000 and 80,000; 200,000 events
    python -m bench.html --scale 0.1
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

import stakeholders
from bench.common import Row, main
from bench.gdelt_synth import write_files
from bench.synth import generate
from stakeholders.render import render_html

ACTORS, RELATIONS = 5000, 20000
LARGE_ACTORS, LARGE_RELATIONS = 20000, 80000
EVENTS = 200_000  # synthetic GDELT events made into a map (about 3,500 actors and 72,000 relations)
SIZE_GOAL = 8.0  # MiB, the 5,000-actor page
# Seconds: ready on a first load, ready again on a reload (warm), first drawing, a large map ready, a control answering.
READY_GOAL, WARM_GOAL, FIRST_GOAL, LARGE_READY_GOAL, ANSWER_GOAL = 3.0, 2.0, 2.0, 8.0, 0.2
FRAME_GOAL = 0.25  # seconds per frame while panning or zooming a large map
SHARE_GOAL = 0.5
BASELINE_CAP = 180.0  # seconds; pyvis's default needs about 14 minutes at 5,000 actors
OUR_CAP = 300.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM_ARGS += ["--no-first-run"]
PYVIS_SETTLED = "document.getElementById('loadingBar') && document.getElementById('loadingBar').style.opacity === '0'"
READY = "window.stakeholdersMap && window.stakeholdersMap.ready"

# Records how long each drawing takes, from vis-network's beforeDrawing to afterDrawing.
# A control's answer: from the action until the map shows its result, the later of the action's own work
# (the browser paints only after it) and vis-network's next drawing. The labels placed after a pause are not counted.
_ANSWER = """async (action) => {
  const net = stakeholdersMap.network;
  let drawn = null;
  const drawing = new Promise((done) => net.once("afterDrawing", () => { drawn = performance.now(); done(); }));
  const start = performance.now();
  new Function(action)();
  const worked = performance.now();
  await Promise.race([drawing, new Promise((done) => setTimeout(done, 5000))]);
  return (Math.max(worked, drawn === null ? worked : drawn) - start) / 1000;
}"""
# The controls a reader uses, in an order that leaves the map as it was: the biggest actor searched, its
# neighbourhood focused, the whole map back, the first kind off and on, a date chosen and let go.
_CONTROLS = {
    "search": "document.getElementById('search').value = {name}; document.getElementById('search-form').requestSubmit();",
    "focus": "document.getElementById('focus-button').click();",
    "whole map": "document.getElementById('whole-map').click();",
    "kind off": "document.querySelector('#kind-filter input').click();",
    "kind on": "document.querySelector('#kind-filter input').click();",
    "date on": "document.getElementById('date-enabled').click();",
    "date off": "document.getElementById('date-enabled').click();",
}

_RECORD_FRAMES = """() => {
  const network = stakeholdersMap.network;
  window.benchFrames = [];
  network.on("beforeDrawing", () => { window.benchStart = performance.now(); });
  network.on("afterDrawing", () => { window.benchFrames.push(performance.now() - window.benchStart); });
}"""

# The main component's extent on screen after network.fit(), over the canvas's, in the fuller direction.
MAIN_COMPONENT_SHARE = """ids => {
  const network = stakeholdersMap.network;
  network.fit();
  const scale = network.getScale(), at = network.getPositions(ids);
  let l = Infinity, r = -Infinity, t = Infinity, b = -Infinity;
  for (const id of ids) {
    const c = network.canvasToDOM(at[id]), size = network.body.nodes[id].options.size * scale;
    l = Math.min(l, c.x - size); r = Math.max(r, c.x + size); t = Math.min(t, c.y - size); b = Math.max(b, c.y + size);
  }
  const canvas = network.canvas.frame.canvas;
  return Math.max((r - l) / canvas.clientWidth, (b - t) / canvas.clientHeight);
}"""


def _pyvis_default(graph: nx.MultiDiGraph, path: Path) -> Path:
    from pyvis.network import Network

    plain = nx.MultiDiGraph()
    plain.add_nodes_from((n, {"label": a["label"]}) for n, a in graph.nodes(data=True))
    plain.add_edges_from((u, v, {"title": a["kind"]}) for u, v, a in graph.edges(data=True))
    network = Network(directed=True, cdn_resources="in_line")
    network.from_nx(plain)
    network.write_html(str(path))
    return path


def _new_page(browser):
    """A page in a context of its own: pages of one context may share a renderer process (and its
    main thread) with a page still busy, such as pyvis's stopped at the cap."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    return context.new_page()


def _time_until(browser, path: Path, ready: str, cap: float) -> float | None:
    """Seconds from navigation until the ``ready`` expression holds, or None past ``cap``."""
    page = _new_page(browser)
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
        page.context.close()


def _frames(page, gesture) -> list[float]:
    """Seconds per drawing while ``gesture`` runs, and until the map is drawn again after it."""
    page.evaluate("() => { window.benchFrames = []; }")
    gesture()
    page.wait_for_timeout(600)  # vis-network draws the edges again a moment after the last wheel turn
    return [ms / 1000 for ms in page.evaluate("window.benchFrames")]


def _ours(browser, path: Path, main_component: list[str], biggest: str) -> dict[str, Any]:
    """Our page: ready (s) on a first load and a reload, first drawing (s), frames while panning and zooming (s),
    the main component's share, and how long each control takes to answer (s; ``biggest`` is searched)."""
    page = _new_page(browser)
    try:
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=OUR_CAP * 1000)
        page.wait_for_function(READY, timeout=OUR_CAP * 1000, polling=100)
        ready = time.perf_counter() - start
        timings = page.evaluate("stakeholdersMap.timings")
        page.evaluate(_RECORD_FRAMES)
        box = page.locator("#map").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

        def pan() -> None:
            page.mouse.move(x, y)
            page.mouse.down()
            for step in range(1, 11):
                page.mouse.move(x + 15 * step, y + 8 * step)
                page.wait_for_timeout(50)
            page.mouse.up()

        def zoom() -> None:
            page.mouse.move(x, y)
            for _ in range(6):
                page.mouse.wheel(0, -240)
                page.wait_for_timeout(50)

        panning, zooming = _frames(page, pan), _frames(page, zoom)
        share = page.evaluate(MAIN_COMPONENT_SHARE, main_component)
        start = time.perf_counter()
        page.reload()
        page.wait_for_function(READY, timeout=OUR_CAP * 1000, polling=100)
        warm = time.perf_counter() - start
        answers = {}
        for control, action in _CONTROLS.items():
            action = action.replace("{name}", json.dumps(biggest))
            answers[control] = page.evaluate(_ANSWER, action)
            page.wait_for_timeout(600)  # the labels placed, the animation over
        return {
            "ready": ready,
            "warm": warm,
            "answers": answers,
            "first": timings["firstDrawing"] / 1000,
            "pan": statistics.median(panning) if panning else None,
            "zoom": statistics.median(zooming) if zooming else None,
            "labels": page.evaluate("stakeholdersMap.labels.ms") / 1000,
            "share": share,
        }
    finally:
        page.context.close()


def _biggest(graph: nx.MultiDiGraph) -> str:
    """The name of the actor with the most relations: the one a reader looks for first."""
    return str(graph.nodes[max(graph.nodes, key=lambda n: (graph.degree(n), n))]["label"])


def _map(actors: int, relations: int, folder: Path) -> tuple[nx.MultiDiGraph, Path, list[str]]:
    graph = stakeholders.to_graph(stakeholders.from_dict(generate(actors, relations, seed=1)))
    path = render_html(graph, folder / f"ours-{actors}.html")
    return graph, path, sorted(max(nx.weakly_connected_components(graph), key=len))


def _rows(size: str, ours: dict[str, Any], ready_goal: float, warm_goal: float | None = None, answer_goal: float | None = None) -> list[Row]:
    met = "met" if ours["share"] >= SHARE_GOAL else "NOT met"
    rows = [
        Row(f"HTML map draws and settles, {size}: ours (s, goal <= {ready_goal:g})", ours["ready"], goal=ready_goal),
        Row(f"  first drawing, from navigation (s, goal <= {FIRST_GOAL:g})", ours["first"], goal=FIRST_GOAL),
        Row("  ready again on a reload, warm (s" + (f", goal <= {warm_goal:g})" if warm_goal else ")"), ours["warm"], goal=warm_goal),
        Row("  placing the labels, after the last move (s)", ours["labels"]),
    ]
    answers = ours["answers"]
    slowest = max(answers, key=answers.get)
    goal = f", goal <= {answer_goal:g})" if answer_goal else ")"
    rows.append(Row(f"  a control answering: median of {len(answers)} (s{goal}", statistics.median(answers.values()), goal=answer_goal))
    rows.append(Row(f"  a control answering: the slowest, {slowest} (s{goal}", answers[slowest], goal=answer_goal))
    for gesture, verb in (("pan", "panning"), ("zoom", "zooming")):
        if ours[gesture] is not None:
            rows.append(Row(f"  drawing a frame while {verb}, edges hidden: median (s)", ours[gesture], goal=FRAME_GOAL))
    rows.append(Row(f"  main component's share of the fitted view (goal >= {SHARE_GOAL:g}: {met})", ours["share"], unit="of view"))
    return rows


def _event_map(events: int, folder: Path) -> tuple[nx.MultiDiGraph, Path, list[str]]:
    """The page of a map made by ``stakeholders events gdelt`` from synthetic GDELT events, as users make them."""
    [archive] = write_files(folder, events, per_file=events)
    made = folder / "events.json"
    subprocess.run([sys.executable, "-m", "stakeholders", "--quiet", "events", "gdelt", str(archive), "-o", str(made)], check=True, capture_output=True)
    graph = stakeholders.to_graph(stakeholders.load(made))
    path = render_html(graph, folder / "ours-events.html")
    return graph, path, sorted(max(nx.weakly_connected_components(graph), key=len))


def run(scale: float = 1.0) -> list[Row]:
    from playwright.sync_api import sync_playwright

    actors, relations = max(10, int(ACTORS * scale)), max(20, int(RELATIONS * scale))
    large_actors, large_relations = max(40, int(LARGE_ACTORS * scale)), max(80, int(LARGE_RELATIONS * scale))
    events = max(2_000, int(EVENTS * scale))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        graph, ours_path, main_component = _map(actors, relations, Path(folder))
        theirs_path = _pyvis_default(graph, Path(folder) / "pyvis.html")
        large_graph, large_path, large_component = _map(large_actors, large_relations, Path(folder))
        event_graph, event_path, event_component = _event_map(events, Path(folder))
        sizes = {name: path.stat().st_size / 2**20 for name, path in (("ours", ours_path), ("large", large_path), ("events", event_path))}
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            # Ours first: pyvis's page, stopped at the cap, may still be busy for a while.
            ours = _ours(browser, ours_path, main_component, _biggest(graph))
            large = _ours(browser, large_path, large_component, _biggest(large_graph))
            from_events = _ours(browser, event_path, event_component, _biggest(event_graph))
            theirs = _time_until(browser, theirs_path, PYVIS_SETTLED, BASELINE_CAP)
        finally:
            browser.close()
    size = f"{actors:,} actors, {relations:,} relations"
    rows = [Row(f"page size, {size} (MiB, goal <= {SIZE_GOAL:g})", sizes["ours"], goal=SIZE_GOAL, unit="MiB"), *_rows(size, ours, READY_GOAL, WARM_GOAL, ANSWER_GOAL)]
    if theirs is None:
        capped = f"  against pyvis default (stopped at {BASELINE_CAP:g} s: ratio is an upper bound)"
        rows.insert(1, Row(capped, ours["ready"], BASELINE_CAP, goal=0.2))
    else:
        rows.insert(1, Row("  against pyvis default", ours["ready"], theirs, goal=0.2))
    large_size = f"{large_actors:,} actors, {large_relations:,} relations"
    rows += [Row(f"page size, {large_size} (MiB)", sizes["large"], unit="MiB"), *_rows(large_size, large, LARGE_READY_GOAL)]
    event_size = f"a map of {events:,} GDELT events ({event_graph.number_of_nodes():,} actors, {event_graph.number_of_edges():,} relations)"
    rows += [Row(f"page size, {event_size} (MiB)", sizes["events"], unit="MiB"), *_rows(event_size, from_events, LARGE_READY_GOAL)]
    return rows


if __name__ == "__main__":
    main(run, __doc__)
