"""What a reader sees on the HTML map, measured in Chromium: labels that never cover one
another or a node, a one-row header, panels whose content can all be reached, a main
component that fills the fitted view, a first picture that "Whole map" brings back
exactly, and legend counts that follow every filter.

Geometry comes from vis-network itself: node positions and sizes from ``network.body``,
label boxes from each label module's ``size`` (moved by ``font.vadjust`` when the page
puts a label above its node), all converted to screen pixels with ``canvasToDOM``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from PIL import Image

import stakeholders
from bench.html import MAIN_COMPONENT_SHARE as SHARE
from bench.synth import generate
from stakeholders.render import render_html
from stakeholders.style import LONER_FRAME

from .conftest import ROOT
from .test_browser import _slide_to
from .test_render import _records

# A label may cover a node smaller than this radius on screen (px): a fitted map of thousands has dots under a pixel.
OBSTACLE = 2.0
TOLERANCE = 0.5  # px of overlap allowed for rounding
HEADER_ONE_ROW = 70  # px

# Boxes in screen pixels of every label vis-network draws in view, and of every node shape in view.
BOXES = """() => {
  const n = stakeholdersMap.network, scale = n.getScale();
  n.redraw();
  const frame = document.getElementById("map");
  const width = frame.clientWidth, height = frame.clientHeight;
  const dom = (x, y) => n.canvasToDOM({ x, y });
  const box = (left, top, w, h) => {
    const a = dom(left, top), b = dom(left + w, top + h);
    return { l: a.x, t: a.y, r: b.x, b: b.y };
  };
  // How far vis-network's shapes reach from the centre, in sizes (its drawing code): across, up, down.
  const reach = {
    triangle: [1.15, 1.012, 0.981], triangleDown: [1.15, 0.981, 1.012], star: [1.014, 0.984, 0.944], hexagon: [1, 0.866, 0.866]
  };
  const labels = [], shapes = [];
  for (const id of n.body.nodeIndices) {
    const node = n.body.nodes[id], size = node.options.size * scale, [across, up, down] = reach[node.options.shape] || [1, 1, 1];
    const c = dom(node.x, node.y);
    shapes.push({ id, radius: size, l: c.x - across * size, r: c.x + across * size, t: c.y - up * size, b: c.y + down * size });
    const label = node.labelModule;
    if (label.visible()) {
      const s = label.size, shift = label.fontOptions.vadjust || 0;
      labels.push({ id: "node " + id, px: label.fontOptions.size * scale, ...box(s.left, s.top + shift, s.width, s.height) });
    }
  }
  for (const id of n.body.edgeIndices) {
    const label = n.body.edges[id].labelModule;
    if (label.visible()) {
      const s = label.size;
      labels.push({ id: "edge " + id, px: label.fontOptions.size * scale, ...box(s.left, s.top, s.width, s.height) });
    }
  }
  const inView = (b) => b.r > 0 && b.l < width && b.b > 0 && b.t < height;
  return { width, height, scale, labels: labels.filter(inView), shapes: shapes.filter(inView) };
}"""

# Every visible edge's line in screen pixels: its two ends, or points along it when it is curved.
LINES = """() => {
  const n = stakeholdersMap.network, lines = [];
  for (const id of n.body.edgeIndices) {
    const edge = n.body.edges[id];
    if (edge.options.hidden || !edge.connected) continue;
    const curved = edge.options.smooth && edge.options.smooth.enabled;
    const points = curved ? [...Array(17).keys()].map(k => edge.edgeType.getPoint(k / 16)) : [edge.from, edge.to];
    lines.push({ id, ends: [edge.fromId, edge.toId], points: points.map(p => n.canvasToDOM({ x: p.x, y: p.y })) });
  }
  return lines;
}"""


class Map:
    """An opened map at a window size, with the page's errors recorded."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 900, touch: bool = False, fragment: str = "") -> None:
        self.errors: list[str] = []
        # ``touch``: a phone or tablet (a touch screen, the mobile viewport rules).
        self.page = browser.new_page(viewport={"width": width, "height": height}, is_mobile=touch, has_touch=touch)
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.resolve().as_uri() + fragment)  # ``fragment``: a view's link (#path=hts,israel)
        self.page.wait_for_function("window.stakeholdersMap && window.stakeholdersMap.ready", timeout=120_000)

    def js(self, code: str, arg=None):
        return self.page.evaluate(code, arg)

    def boxes(self) -> dict:
        return self.js(BOXES)

    def data(self) -> dict:
        """The page's data, its tables of actors and relations made into records as the page makes them."""
        found = json.loads(self.page.text_content("#map-data"))
        return {**found, "actors": _records(found["actors"]), "relations": _records(found["relations"])}

    def settle(self) -> None:
        """Wait for animations (focus, fit: 400 ms) to end and the labels to be placed for the view they leave."""
        self.page.wait_for_timeout(450)
        self.page.wait_for_function(
            """() => { const m = stakeholdersMap, v = m.labels.view, n = m.network, p = n.getViewPosition();
                       return v && v.scale === n.getScale() && v.position.x === p.x && v.position.y === p.y; }""",
            timeout=30_000,
            polling=100,
        )

    def search(self, name: str) -> None:
        self.page.fill("#search", name)
        self.page.press("#search", "Enter")

    def close(self) -> None:
        self.page.close()


NODES = "stakeholdersMap.network.body.nodeIndices.map(id => stakeholdersMap.network.body.nodes[id])"
PICTURE = "() => { const n = stakeholdersMap.network; return { at: n.getPositions(), scale: n.getScale(), view: n.getViewPosition() }; }"
CONTROLS = """() => [...document.querySelectorAll('header h1, .controls > *')].map(e => {
    const r = e.getBoundingClientRect();
    return { l: r.left, r: r.right, t: r.top, b: r.bottom, id: e.id };
})"""


def _inside(box: dict, boxes: dict) -> bool:
    return box["l"] >= 0 and box["r"] <= boxes["width"] and box["t"] >= 0 and box["b"] <= boxes["height"]


def _centre_inside(box: dict, boxes: dict) -> bool:
    return 0 <= (box["l"] + box["r"]) / 2 <= boxes["width"] and 0 <= (box["t"] + box["b"]) / 2 <= boxes["height"]


def _overlap(a: dict, b: dict) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > TOLERANCE and min(a["b"], b["b"]) - max(a["t"], b["t"]) > TOLERANCE


def _crosses(box: dict, a: dict, b: dict) -> bool:
    """Whether the segment a-b passes through the box: an end inside it, or a crossing with one of its sides."""
    def inside(p: dict) -> bool:
        return box["l"] <= p["x"] <= box["r"] and box["t"] <= p["y"] <= box["b"]

    def turn(p: dict, q: dict, r: dict) -> float:
        return (q["x"] - p["x"]) * (r["y"] - p["y"]) - (q["y"] - p["y"]) * (r["x"] - p["x"])

    def meet(p: dict, q: dict, r: dict, s: dict) -> bool:
        return turn(p, q, r) * turn(p, q, s) <= 0 and turn(r, s, p) * turn(r, s, q) <= 0

    corners = [{"x": box[x], "y": box[y]} for x, y in (("l", "t"), ("r", "t"), ("r", "b"), ("l", "b"))]
    return inside(a) or inside(b) or any(meet(a, b, corners[k], corners[k - 1]) for k in range(4))


def _crossed_names(boxes: dict, lines: list[dict]) -> dict[str, list[str]]:
    """Relation names crossed by another relation's line: {edge label: [the lines]}."""
    found = {}
    for label in boxes["labels"]:
        if not label["id"].startswith("edge "):
            continue
        own = label["id"].removeprefix("edge ")
        box = {**label, "l": label["l"] + TOLERANCE, "r": label["r"] - TOLERANCE, "t": label["t"] + TOLERANCE, "b": label["b"] - TOLERANCE}
        hits = [line["id"] for line in lines if line["id"] != own and any(map(_crosses, [box] * 99, line["points"], line["points"][1:]))]
        if hits:
            found[label["id"]] = hits
    return found


def _collisions(boxes: dict) -> list[tuple[str, str]]:
    """Labels over labels, and labels over nodes one can see."""
    labels, shapes = boxes["labels"], [s for s in boxes["shapes"] if s["radius"] >= OBSTACLE]
    found = [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if _overlap(a, b)]
    found += [(a["id"], "shape " + s["id"]) for a in labels for s in shapes if _overlap(a, s)]
    return found


# ---- the maps ----


@pytest.fixture(scope="module")
def maps(tmp_path_factory, syria) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("maps")
    return {
        "syria": render_html(syria, folder / "syria.html"),
        "camps": render_html(syria, folder / "camps.html", color_by="camp"),
        "betweenness": render_html(syria, folder / "betweenness.html", size_by="betweenness"),
        "physics": render_html(syria, folder / "physics.html", physics=True),
    }


def _synthetic(actors: int) -> stakeholders.Dataset:
    return stakeholders.from_dict(generate(actors, actors * 4, seed=1))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict[int, tuple[Path, stakeholders.Dataset]]:
    folder = tmp_path_factory.mktemp("synthetic")
    made = {}
    for actors in (150, 5000):
        dataset = _synthetic(actors)
        made[actors] = (render_html(dataset, folder / f"map-{actors}.html"), dataset)
    return made


@pytest.fixture(scope="module")
def big(browser, synthetic):
    """The 5,000-actor map, opened once: tests leave it as they found it (fitted, nothing selected)."""
    opened = Map(browser, synthetic[5000][0])
    yield opened
    opened.close()


def _hub(dataset: stakeholders.Dataset) -> tuple[str, list]:
    """The actor with the most relations, and its relations."""
    own: dict[str, list] = {}
    for relation in dataset.relations:
        for end in {relation.source, relation.target}:
            own.setdefault(end, []).append(relation)
    hub = max(own, key=lambda actor: (len(own[actor]), actor))
    return hub, own[hub]


def _main_component(dataset: stakeholders.Dataset) -> list[str]:
    graph = stakeholders.to_graph(dataset)
    return sorted(max(nx.weakly_connected_components(graph), key=len))


# ---- labels ----


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 720)])
def test_the_shipped_map_labels_cover_nothing(browser, maps, syria, width, height):
    opened = Map(browser, maps["syria"], width, height)
    try:
        boxes = opened.boxes()
        nodes = _node_labels(boxes)
        edges = [label for label in boxes["labels"] if label["id"].startswith("edge ")]
        assert _collisions(boxes) == []
        # Room enough on 20 actors: every actor named, and relation kinds written where they fit.
        assert len(nodes) == len(syria.actors)
        assert len(edges) >= len(syria.relations) // 3
        # Readable: at least 12 px on screen, and the fitted view cuts no label.
        assert min(label["px"] for label in boxes["labels"]) >= 12 - 1e-6
        assert all(_inside(label, boxes) for label in boxes["labels"])
        # A relation's name sits where its own line alone passes (8 of 19 were crossed, "support" by 4 lines).
        assert _crossed_names(boxes, opened.js(LINES)) == {}
        assert opened.errors == []
    finally:
        opened.close()


def test_no_name_is_cut_at_the_border_after_a_search(browser, maps):
    # Searching "druze" moved the view so that one relation read "ons relief" at the border.
    opened = Map(browser, maps["syria"], 1280, 720)
    try:
        opened.search("druze")
        opened.settle()
        boxes = opened.boxes()
        assert [label["id"] for label in boxes["labels"] if not _inside(label, boxes)] == []
        assert any(label["id"].startswith("edge ") for label in boxes["labels"])
        assert _crossed_names(boxes, opened.js(LINES)) == {}
    finally:
        opened.close()


def test_edge_labels_are_horizontal_with_a_halo(browser, maps):
    opened = Map(browser, maps["syria"])
    try:
        font = opened.data()["options"]["edges"]["font"]
        assert font["align"] == "horizontal" and font["strokeWidth"] >= 3 and font["strokeColor"] == "#ffffff"
        # What vis-network uses when it draws them:
        drawn = opened.js(
            """() => {
                const n = stakeholdersMap.network;
                return n.body.edgeIndices.map(id => n.body.edges[id].labelModule).filter(l => l.visible())
                    .map(l => [l.fontOptions.align, l.fontOptions.strokeWidth, l.fontOptions.size * n.getScale()]);
            }"""
        )
        assert drawn and all(align == "horizontal" and stroke >= 3 and px >= 12 - 1e-6 for align, stroke, px in drawn)
    finally:
        opened.close()


@pytest.mark.parametrize("actors", [150, 5000])
def test_synthetic_maps_show_labels_that_cover_nothing(browser, synthetic, big, actors):
    opened = big if actors == 5000 else Map(browser, synthetic[actors][0])
    try:
        boxes = opened.boxes()
        nodes = _node_labels(boxes)
        assert len(nodes) > 0
        assert _collisions(boxes) == []
        # The biggest actors are named first.
        sizes = opened.js(f"() => Object.fromEntries({NODES}.map(node => [node.id, node.options.size]))")
        biggest = {"node " + node for node, size in sizes.items() if size == max(sizes.values())}
        assert biggest & {label["id"] for label in nodes}
    finally:
        if opened is not big:
            opened.close()


def _back_to_the_first_picture(opened: Map) -> None:
    opened.js("() => { const m = stakeholdersMap; m.network.unselectAll(); m.network.moveTo(m.picture.view); m.placeLabels(); }")


def _node_labels(boxes: dict) -> list[dict]:
    return [label for label in boxes["labels"] if label["id"].startswith("node ")]


def _relation_counts(dataset: stakeholders.Dataset) -> dict[str, int]:
    counts = dict.fromkeys((actor.id for actor in dataset.actors), 0)
    for relation in dataset.relations:
        counts[relation.source] += 1
        counts[relation.target] += 1
    return counts


@pytest.fixture(scope="module")
def big_picture(synthetic, tmp_path_factory) -> etree._ElementTree:
    """The 5,000-actor map as an SVG picture."""
    return etree.parse(str(stakeholders.render_static(synthetic[5000][1], tmp_path_factory.mktemp("picture") / "map.svg")))


def test_the_big_map_names_its_hubs_on_the_page_and_in_the_picture(big, synthetic, big_picture):
    # At 5,000 actors the fitted view named 5 of the 10 biggest hubs, and gave 118 of its 274 names
    # to actors with 3 relations or fewer (34 to actors with none): specks a reader cannot see.
    dataset = synthetic[5000][1]
    counts = _relation_counts(dataset)
    hubs = sorted(counts, key=lambda actor: (-counts[actor], actor))[:10]
    page = {label["id"].removeprefix("node ") for label in _node_labels(big.boxes())}
    drawn = {e.get("id").removeprefix("label-") for e in big_picture.iter() if (e.get("id") or "").startswith("label-")}
    for named in (page, drawn):
        assert set(hubs) <= named
        assert sorted(actor for actor in named if counts[actor] <= 3) == []
    assert big.errors == []


def test_the_actors_without_relations_are_framed_on_the_page_and_in_the_picture(big, synthetic, big_picture):
    # Their grid's specks, under a pixel on the fitted map, read as dotted ("indirect") lines.
    loners = sum(1 for count in _relation_counts(synthetic[5000][1]).values() if count == 0)
    caption = f"{loners:,} actors without relations"
    assert big.data()["loners"]["caption"] == caption
    frame = big.js(
        """() => { const n = stakeholdersMap.network, b = JSON.parse(document.getElementById('map-data').textContent).loners.box;
                   const a = n.canvasToDOM({ x: b[0], y: b[1] }), z = n.canvasToDOM({ x: b[2], y: b[3] });
                   return { l: a.x, t: a.y, r: z.x, b: z.y }; }"""
    )
    fill = tuple(int(LONER_FRAME["fill"][k : k + 2], 16) for k in (1, 3, 5))
    shot = Image.open(io.BytesIO(big.page.locator("#map").screenshot())).convert("RGB")
    inside = [shot.getpixel((x, y)) == fill for x in range(int(frame["l"]) + 2, int(frame["r"]) - 1) for y in range(int(frame["t"]) + 2, int(frame["b"]) - 1, 3)]
    outside = [shot.getpixel((x, y)) == fill for x in range(0, int(frame["l"]) - 2, 7) for y in range(0, shot.height, 7)]
    assert sum(inside) / len(inside) > 0.3 and sum(outside) / len(outside) < 0.01
    # The picture draws the same frame, with the same caption.
    shapes = {e.get("id"): e for e in big_picture.iter() if e.get("id") in ("loners", "loners-caption")}
    assert set(shapes) == {"loners", "loners-caption"}
    assert "".join(shapes["loners-caption"].itertext()).strip() == caption


def test_zooming_in_names_more_actors(big):
    before = {label["id"] for label in _node_labels(big.boxes())}
    frame = big.page.locator("#map").bounding_box()
    try:
        big.page.mouse.move(frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
        for _ in range(8):
            big.page.mouse.wheel(0, -300)
            big.page.wait_for_timeout(60)
        big.settle()
        zoomed = big.boxes()
        assert zoomed["scale"] > 1.5 * big.js("() => stakeholdersMap.picture.view.scale")
        # Of the actors in the zoomed view, more are named than were at the fitted view.
        there = {"node " + shape["id"] for shape in zoomed["shapes"] if _centre_inside(shape, zoomed)}
        named = {label["id"] for label in _node_labels(zoomed)} & there
        assert len(named) > len(before & there) > 0
        assert _collisions(zoomed) == []
    finally:
        _back_to_the_first_picture(big)


def test_a_large_map_labels_the_relations_of_the_selection(big, synthetic):
    hub, own = _hub(synthetic[5000][1])
    try:
        big.search(hub)
        big.settle()
        boxes = big.boxes()
        edges = [label["id"].removeprefix("edge ") for label in boxes["labels"] if label["id"].startswith("edge ")]
        assert edges, "no relation of the selected hub is labelled"
        assert set(edges) <= {r.id for r in own}
        # Only the selected actor's own label may cover something: it is drawn whatever it covers.
        assert {a for pair in _collisions(boxes) for a in pair if a.startswith("node ")} <= {"node " + hub}
    finally:
        _back_to_the_first_picture(big)


def test_every_actor_stays_big_enough_to_click(browser, maps, syria):
    opened = Map(browser, maps["betweenness"])
    try:
        sizes = opened.js(f"() => {NODES}.map(node => node.options.size)")
        assert min(sizes) >= 8
        # An actor with no betweenness at all, clicked where it is drawn, is selected.
        from stakeholders.analysis.centrality import node_metric

        figures = node_metric(stakeholders.to_graph(syria), "betweenness")
        least = min(figures, key=lambda node: (figures[node], node))
        assert figures[least] == 0
        where = opened.js("id => { const n = stakeholdersMap.network; return n.canvasToDOM(n.getPositions([id])[id]); }", least)
        frame = opened.page.locator("#map").bounding_box()
        opened.page.mouse.click(frame["x"] + where["x"], frame["y"] + where["y"])
        assert opened.js("() => stakeholdersMap.network.getSelectedNodes()") == [least]
    finally:
        opened.close()


# ---- the main component fills the fitted view (the layout's work, in layout.py) ----



@pytest.mark.parametrize("actors", [150, 5000])
def test_the_main_component_fills_the_fitted_view(browser, synthetic, big, actors):
    """The share is the main component's extent over the canvas's, in its fuller direction, after ``network.fit()``."""
    path, dataset = synthetic[actors]
    opened = big if actors == 5000 else Map(browser, path)
    try:
        share = opened.js(SHARE, _main_component(dataset))
        assert share >= 0.5
    finally:
        if opened is big:
            _back_to_the_first_picture(big)
        else:
            opened.close()


# ---- the header and the panels ----


@pytest.mark.parametrize("width", [1400, 1280])
def test_the_controls_fit_one_row(browser, maps, width):
    opened = Map(browser, maps["syria"], width, 720)
    try:
        assert opened.js("() => document.querySelector('header').getBoundingClientRect().height") < HEADER_ONE_ROW
        middles = [(r["t"] + r["b"]) / 2 for r in opened.js(CONTROLS)]
        assert max(middles) - min(middles) <= 12  # one row: every control around the same middle line
    finally:
        opened.close()


def test_the_controls_wrap_cleanly_on_a_narrow_window(browser, maps):
    opened = Map(browser, maps["syria"], 1000, 720)
    try:
        # Nothing sticks out sideways, and nothing overlaps.
        assert opened.js("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        rects = opened.js(CONTROLS)
        assert [(a["id"], b["id"]) for i, a in enumerate(rects) for b in rects[i + 1 :] if _overlap(a, b)] == []
    finally:
        opened.close()


REACH = """selector => {
  const panel = document.querySelector(selector);
  const style = getComputedStyle(panel);
  const cue = () => getComputedStyle(panel, "::after").opacity;
  const overflows = panel.scrollHeight > panel.clientHeight;
  const first = { overflows, overflowY: style.overflowY, cueAtTop: cue(), classes: panel.className };
  panel.scrollTop = panel.scrollHeight;
  panel.dispatchEvent(new Event("scroll"));
  const last = panel.lastElementChild.getBoundingClientRect(), box = panel.getBoundingClientRect();
  return { ...first, lastBottom: last.bottom, panelBottom: box.bottom, cueAtEnd: cue() };
}"""


# The "more below" cue's opacity once its 150 ms fade is over (on a busy machine a fixed wait caught it halfway).
SETTLED_CUE = """s => { const o = getComputedStyle(document.querySelector(s), '::after').opacity; return (o === '0' || o === '1') && o; }"""


def _reachable(opened: Map, selector: str) -> dict:
    opened.page.wait_for_timeout(250)  # the cue fades in and out in 150 ms
    opened.page.wait_for_function(SETTLED_CUE, arg=selector, timeout=5_000)
    found = opened.js(REACH, selector)
    opened.page.wait_for_timeout(250)  # the cue fades in 150 ms
    found["cueAtEnd"] = opened.page.wait_for_function(SETTLED_CUE, arg=selector, timeout=5_000).json_value()
    return found


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 720)])
def test_the_government_s_details_can_all_be_read(browser, maps, width, height):
    opened = Map(browser, maps["syria"], width, height)
    try:
        opened.search("Syrian government")
        assert opened.page.text_content("#details h2") == "Syrian government"
        found = _reachable(opened, "#details")
        if found["overflows"]:
            assert found["overflowY"] in ("auto", "scroll")
            assert "more-below" in found["classes"] and found["cueAtTop"] == "1"  # the cue shows there is more
            assert found["cueAtEnd"] == "0"  # and goes at the end
        assert found["lastBottom"] <= found["panelBottom"] + 1  # the last line can be brought into view
        assert (width, height) != (1280, 720) or found["overflows"], "the case this test is about: more than fits"
    finally:
        opened.close()


def test_the_camps_legend_can_all_be_read(browser, maps):
    opened = Map(browser, maps["camps"], 1280, 720)
    try:
        found = _reachable(opened, "#legend")
        assert found["overflows"]
        assert found["overflowY"] in ("auto", "scroll")
        assert "more-below" in found["classes"] and found["cueAtTop"] == "1"
        assert found["cueAtEnd"] == "0"
        assert found["lastBottom"] <= found["panelBottom"] + 1
        assert "LINES" in opened.page.inner_text("#legend").upper()
    finally:
        opened.close()


def test_long_lists_are_collapsible_and_counted(big, synthetic):
    hub, own = _hub(synthetic[5000][1])
    cooperative = sum(1 for r in own if r.polarity == 1)
    assert cooperative > 20
    page = big.page
    try:
        big.search(hub)
        group = page.locator("#details details.group").first
        assert group.locator("summary").text_content() == f"Cooperative ({cooperative})"
        assert group.locator("li").count() == 20
        group.locator("button.more").click()
        assert group.locator("li").count() == cooperative
        assert group.locator("button.more").count() == 0
        group.locator("summary").click()
        assert not group.evaluate("d => d.open")
    finally:
        _back_to_the_first_picture(big)


# ---- the first picture comes back ----


@pytest.mark.parametrize("which", ["syria", "physics"])
def test_whole_map_restores_every_position(browser, maps, which):
    """Positions from Python as they are, or settled by vis-network's physics (``--physics``)."""
    opened = Map(browser, maps[which])
    try:
        first = opened.js(PICTURE)
        opened.search("the Druze")
        opened.page.click("#focus-button")
        opened.settle()
        assert len(opened.js("() => stakeholdersMap.visibleNodeIds()")) < len(first["at"])
        # A reader drags an actor in the focused view, and changes the date meanwhile.
        opened.js("() => stakeholdersMap.network.moveNode('druze', 12345, -678)")
        opened.page.set_checked("#date-enabled", True)
        opened.page.set_checked("#date-enabled", False)
        opened.page.click("#whole-map")
        opened.settle()
        after = opened.js(PICTURE)
        assert after["at"] == first["at"]
        assert after["scale"] == pytest.approx(first["scale"], rel=1e-9)
        assert after["view"] == pytest.approx(first["view"], abs=1e-6)
    finally:
        opened.close()


# ---- legend counts follow the filters ----

COUNTS = """() => {
  const read = (selector) => Object.fromEntries([...document.querySelectorAll(selector)].map(li => {
    const spans = li.querySelectorAll('span');
    return [spans[0].textContent.trim(), li.querySelector('.count').textContent];
  }));
  return { types: read('#legend ul:nth-of-type(1) li'), polarities: read('#legend ul:nth-of-type(2) li'),
           kinds: Object.fromEntries([...document.querySelectorAll('#kind-filter label')]
             .map(l => [l.querySelector('input').value, l.querySelector('.count').textContent])) };
}"""


def _expected(data: dict, nodes: list[str], edges: list[str]) -> dict:
    def text(shown: int, total: int) -> str:
        return f"({total})" if shown == total else f"({shown} / {total})"

    actors = {a["id"]: a for a in data["actors"]}
    relations = {r["id"]: r for r in data["relations"]}
    legend = data["legend"]
    types = {t["type"]: text(sum(actors[n]["type"] == t["type"] for n in nodes), t["count"]) for t in legend["types"]}
    polarities = {p["name"]: text(sum(relations[e]["polarity"] == p["name"] for e in edges), p["count"]) for p in legend["polarities"]}
    kinds = {k["id"]: text(sum(relations[e]["kind"] == k["id"] for e in edges), k["count"]) for k in legend["kinds"]}
    return {"types": types, "polarities": polarities, "kinds": kinds}


def test_legend_counts_follow_every_filter(browser, maps):
    opened = Map(browser, maps["syria"])
    page = opened.page
    data = opened.data()
    seen: list[tuple[int, int]] = []

    def check(step: str) -> None:
        nodes, edges = opened.js("() => stakeholdersMap.visibleNodeIds()"), opened.js("() => stakeholdersMap.visibleEdgeIds()")
        assert opened.js(COUNTS) == _expected(data, nodes, edges), step
        seen.append((len(nodes), len(edges)))

    try:
        check("everything")
        page.set_checked("#polarity-filter input[value='hostile']", False)
        check("no hostile relations")
        page.set_checked("#polarity-filter input[value='hostile']", True)
        page.click("#kind-menu summary")
        page.set_checked("#kind-filter input[value='airstrike']", False)
        check("no airstrikes")
        page.set_checked("#kind-filter input[value='airstrike']", True)
        page.click("#kind-menu summary")
        _slide_to(page, "2024-12-01")
        check("as of 2024-12-01")
        assert opened.js(COUNTS)["polarities"]["cooperative"] != "(13)"  # the case that was wrong
        page.set_checked("#date-enabled", False)
        opened.search("the Druze")
        page.click("#focus-button")
        check("around the Druze")
        page.click("#whole-map")
        check("whole map again")
        assert len(set(seen)) >= 4  # the filters really changed what is shown
        assert opened.errors == []
    finally:
        opened.close()


def test_the_map_opens_on_the_dataset_s_date_and_steps_and_plays_through_its_dates(browser, maps, syria):
    # It opened on "all dates", with the slider disabled until "as of" was ticked, and nothing to step or play.
    opened = Map(browser, maps["syria"])
    page = opened.page

    def shown() -> tuple[str, int]:
        return page.text_content("#date-label"), len(opened.js("() => stakeholdersMap.visibleEdgeIds()"))

    def holding(day: str) -> int:
        return stakeholders.to_graph(syria, as_of=day).number_of_edges()

    try:
        day = str(syria.meta.as_of)
        assert page.is_checked("#date-enabled") and shown() == (day, holding(day))
        assert page.text_content("#date-range") == "2024-12-01 to 2025-05-31"
        assert f"{holding(day)} of {len(syria.relations)} relations active on {day}" in page.text_content("#map-counts")
        # No undated relation here: the choice to show them is not offered.
        assert not page.is_visible("#date-undated")
        # The steps go from one day where a relation starts or ends to the next.
        data = opened.data()
        stops = sorted({d for r in data["relations"] for d in (r.get("first"), r.get("last")) if d} | {data["dates"]["min"], data["dates"]["max"]})
        after = stops[stops.index(day) + 1] if day in stops else min(d for d in stops if d > day)
        page.click("#date-next")
        assert shown() == (after, holding(after))
        page.click("#date-back")
        page.click("#date-back")
        before = max(d for d in stops if d < day)
        assert shown() == (before, holding(before))
        # Unticked: every relation, whatever the slider says; moving the slider ticks it again.
        page.set_checked("#date-enabled", False)
        assert shown() == ("all dates", len(syria.relations))
        page.focus("#date-slider")
        page.keyboard.press("ArrowRight")
        assert page.is_checked("#date-enabled") and shown()[0] > before
        # Play: from the first date (from the chosen day if any), a step every 0.9 s, to the last; the button pauses it.
        page.set_checked("#date-enabled", False)
        page.click("#date-play")
        assert page.get_attribute("#date-play", "aria-pressed") == "true" and shown()[0] == stops[0]
        page.wait_for_function("day => document.getElementById('date-label').textContent > day", arg=stops[1], timeout=5_000)
        page.click("#date-play")
        paused = shown()
        page.wait_for_timeout(1_200)
        assert shown() == paused and page.get_attribute("#date-play", "aria-pressed") == "false"
        assert paused[1] == holding(paused[0])
        assert opened.errors == []
    finally:
        opened.close()


def test_the_date_legend_states_the_rules(browser, maps):
    opened = Map(browser, maps["syria"])
    try:
        legend = opened.page.text_content("#legend")
        assert "Undated relations hold on no chosen date" in legend
        assert "Dates in italics are inferred from a source" in legend
        assert opened.js("() => getComputedStyle(document.querySelector('#legend .inferred')).fontStyle") == "italic"
        # A relation dated by its source shows its date in italics.
        opened.search("Israel")
        inferred = opened.page.locator("#details li .inferred").first
        assert inferred.text_content().startswith("reported ")
        assert inferred.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    finally:
        opened.close()


# ---- pictures for people ----


def test_screenshots(browser, maps, big):
    out = ROOT / "output"
    out.mkdir(exist_ok=True)
    opened = Map(browser, maps["syria"])
    try:
        opened.page.screenshot(path=str(out / "syria-2025.png"))
    finally:
        opened.close()
    phone = Map(browser, maps["syria"], 390, 844, touch=True)
    try:
        phone.page.screenshot(path=str(out / "syria-2025-phone.png"))
    finally:
        phone.close()
    assert (out / "syria-2025-phone.png").stat().st_size > 20_000
    # A story's step, as its link opens it: the README shows it.
    story = Map(browser, maps["syria"], fragment="#story=from-war-to-talks&step=3")
    try:
        story.settle()
        story.page.screenshot(path=str(out / "syria-2025-story.png"))
        assert story.page.text_content("#details h2") == "Strikes and sectarian violence"
    finally:
        story.close()
    assert (out / "syria-2025-story.png").stat().st_size > 50_000
    big.page.reload()  # as it opens: fitted, nothing selected
    big.page.wait_for_function("window.stakeholdersMap && window.stakeholdersMap.ready", timeout=120_000)
    big.page.screenshot(path=str(out / "map-5000.png"))
    assert big.page.text_content("#map-counts") == "Showing 5,000 of 5,000 actors, 20,000 of 20,000 relations"
    assert (out / "syria-2025.png").stat().st_size > 50_000
    assert (out / "map-5000.png").stat().st_size > 20_000


def test_edges_are_drawn_as_their_relations_say(browser, maps):
    """Edges carry only what differs from the shared options: vis-network must still draw arrows, dashes and curves."""
    opened = Map(browser, maps["syria"])
    try:
        drawn = opened.js(
            """() => Object.fromEntries(Object.entries(stakeholdersMap.network.body.edges).map(([id, e]) => [id, {
                arrow: e.options.arrows.to.enabled, scale: e.options.arrows.to.scaleFactor, dashes: e.options.dashes,
                curve: e.options.smooth.enabled, opacity: e.options.color.opacity, color: e.options.color.color }]))"""
        )
        # Israel's strikes ended: faded; the talks go on: the shared opacity.
        assert drawn["israel-airstrikes-syria"] == {"arrow": True, "scale": 0.6, "dashes": [8, 4], "curve": False, "opacity": 0.25, "color": "#c62828"}
        assert drawn["syria-israel-indirect-talks"] == {"arrow": False, "scale": 0.6, "dashes": [2, 4], "curve": True, "opacity": 0.85, "color": "#1565c0"}
        assert drawn["al-sharaa-leads-government"]["dashes"] is False
    finally:
        opened.close()


def test_arrowheads_are_drawn_only_when_big_enough_to_see(browser, maps, big):
    """On a fitted big map an arrowhead is under two pixels yet was 40% of a frame: the page draws them
    from 4 px on screen, undirected relations never."""
    arrows = """() => Object.values(stakeholdersMap.network.body.edges).filter(e => e.options.arrows.to.enabled).map(e => e.id).sort()"""
    zoom = """(scale) => { stakeholdersMap.network.moveTo({ scale: scale }); stakeholdersMap.placeLabels(); }"""
    opened = Map(browser, maps["syria"])
    try:
        directed = opened.js(arrows)
        assert "israel-airstrikes-syria" in directed and "syria-israel-indirect-talks" not in directed
        opened.js(zoom, 0.25)  # the thinnest arrowhead: (15 x 0.6 + 3 x 1.5) x 0.25 = 3.4 px
        assert opened.js(arrows) == []
        opened.js(zoom, 0.3)  # 4.05 px
        assert opened.js(arrows) == directed
    finally:
        opened.close()
    assert big.js("() => stakeholdersMap.network.getScale()") < 0.25
    assert big.js(arrows) == []


def test_a_filter_hides_and_shows_without_leaving_stale_labels(browser, maps, syria):
    """Filters flip vis-network's hidden flags rather than taking actors out: what is drawn is exactly what
    passes, and an actor hidden with its label comes back without it, labelled again only where there is room."""
    drawn = "() => { const b = stakeholdersMap.network.body; return [b.nodeIndices.slice().sort(), b.edgeIndices.slice().sort()]; }"
    opened = Map(browser, maps["syria"])
    try:
        everything = opened.js(drawn)
        named = sorted(label["id"] for label in _node_labels(opened.boxes()))
        opened.search("the Druze")
        opened.page.click("#focus-button")
        opened.settle()
        focused = opened.js(drawn)
        assert focused == [opened.js("() => stakeholdersMap.visibleNodeIds()"), opened.js("() => stakeholdersMap.visibleEdgeIds()")]
        assert 1 < len(focused[0]) < len(syria.actors) and "druze" in focused[0]
        # Every node drawn with a label is one the page placed; the hidden ones carry none.
        sized = opened.js("() => Object.values(stakeholdersMap.network.body.nodes).filter(n => n.options.font.size > 0).map(n => n.id).sort()")
        assert sized == sorted(opened.js("() => stakeholdersMap.labels.nodes"))
        assert set(sized) <= set(focused[0])
        opened.page.click("#whole-map")
        opened.settle()
        assert opened.js(drawn) == everything
        boxes = opened.boxes()
        assert _collisions(boxes) == []
        assert sorted(label["id"] for label in _node_labels(boxes)) == named
        assert opened.errors == []
    finally:
        opened.close()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (768, 1024)])
def test_on_a_phone_or_tablet_the_map_takes_the_screen_and_the_panels_fold(browser, maps, syria, width, height):
    """Below 820 px the side panel would leave the map 30 px wide: it becomes a sheet under the map."""
    opened = Map(browser, maps["syria"], width, height, touch=True)
    try:
        area = opened.page.locator("#map").bounding_box()
        assert area["width"] == width and area["height"] >= 0.4 * height
        boxes = opened.boxes()
        named = _node_labels(boxes)
        assert _collisions(boxes) == [] and all(_inside(label, boxes) for label in named)
        assert len(named) >= len(syria.actors) // 2 and min(label["px"] for label in boxes["labels"]) >= 12 - 1e-6
        # Folded, the map takes what the sheet held, at the same scale, names kept; a tap on an actor opens the sheet on its details.
        scale = opened.js("() => stakeholdersMap.network.getScale()")
        opened.page.click("#sheet-toggle")
        opened.settle()
        assert opened.page.locator("#map").bounding_box()["height"] >= 0.6 * height
        assert opened.js("() => stakeholdersMap.network.getScale()") == pytest.approx(scale, rel=1e-9)
        assert len(_node_labels(opened.boxes())) >= len(named)
        assert opened.page.get_attribute("#sheet-toggle", "aria-expanded") == "false" and not opened.page.is_visible("#details")
        at = opened.js("() => stakeholdersMap.network.canvasToDOM(stakeholdersMap.network.getPosition('druze'))")
        box = opened.page.locator("#map").bounding_box()
        opened.page.touchscreen.tap(box["x"] + at["x"], box["y"] + at["y"])
        opened.page.wait_for_selector("#details h2:text-is('Druze')", timeout=5000)
        assert opened.page.get_attribute("#sheet-toggle", "aria-expanded") == "true" and opened.page.is_visible("#details")
        assert opened.errors == []
    finally:
        opened.close()


# Machado, Oliveira and Fernandes (2009), deuteranopia at full severity, on linear RGB: how a reader with the
# commonest colour blindness sees the page (an SVG filter over the screenshot; coloraide's own checks the pixels).
_DEUTERANOPIA = """() => {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", "0"); svg.setAttribute("height", "0"); svg.style.position = "absolute";
  svg.innerHTML = '<filter id="deuteranopia" color-interpolation-filters="linearRGB"><feColorMatrix type="matrix" values="' +
    '0.367322 0.860646 -0.227968 0 0  0.280085 0.672501 0.047413 0 0  -0.011820 0.042940 0.968881 0 0  0 0 0 1 0"/></filter>';
  document.body.appendChild(svg);
  document.documentElement.style.filter = "url(#deuteranopia)";
}"""


def _ink(png: bytes) -> tuple[str, int]:
    """The darkest colour along a legend line's middle row, and how many pixels of that row are background (gaps)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    y = image.height // 2
    row = [image.getpixel((x, y)) for x in range(3, image.width - 3)]
    darkest = min(row, key=sum)
    return "#{:02x}{:02x}{:02x}".format(*darkest), sum(1 for pixel in row if min(pixel) > 235)


def test_friend_and_enemy_stay_apart_for_colour_blind_readers(browser, maps):
    """Cooperative and hostile were green and red: under simulated deuteranopia both read as olive (a colour
    difference of 16). Now blue and red, and hostile lines dashed besides, checked on the legend's pixels."""
    from coloraide import Color

    opened = Map(browser, maps["syria"])
    try:
        swatches = opened.page.locator("#legend h2:text-is('Relations') + ul li svg.swatch")
        inks = dict(zip(("cooperative", "hostile", "neutral"), (_ink(swatches.nth(i).screenshot()) for i in range(3)), strict=True))
        (cooperative, solid), (hostile, gaps) = inks["cooperative"], inks["hostile"]
        assert solid == 0 and gaps >= 4  # the second channel: hostile is dashed, cooperative is not
        for deficiency in ("deutan", "protan", "tritan"):
            method = "brettel" if deficiency == "tritan" else "machado"
            seen = [Color(c).filter(deficiency, method=method) for c in (cooperative, hostile)]
            assert seen[0].delta_e(seen[1], method="76") >= 40, deficiency
        opened.js(_DEUTERANOPIA)
        out = ROOT / "output"
        out.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(out / "syria-2025-deuteranopia.png"))
        assert (out / "syria-2025-deuteranopia.png").stat().st_size > 50_000
    finally:
        opened.close()


def test_a_large_map_draws_line_patterns_once_a_dash_can_be_seen(big, synthetic):
    """Patterned lines cost vis-network six times a solid one: a large map draws them from a 3 px dash on."""
    dataset = synthetic[5000][1]
    hostile = sorted(r.id for r in dataset.relations if r.polarity == -1)
    patterned = "() => Object.values(stakeholdersMap.network.body.edges).filter(e => e.options.dashes).map(e => e.id).sort()"
    zoom = "(scale) => { stakeholdersMap.network.moveTo({ scale: scale }); stakeholdersMap.placeLabels(); }"
    fitted = big.js("() => stakeholdersMap.network.getScale()")
    assert fitted < 0.375 and big.js(patterned) == []
    try:
        big.js(zoom, 0.4)  # hostile dashes of 8 px: 3.2 px on screen
        assert hostile and big.js(patterned) == hostile
    finally:
        big.js(zoom, fitted)
        big.page.reload()  # as it opens, for the tests after this one
        big.page.wait_for_function("window.stakeholdersMap && window.stakeholdersMap.ready", timeout=120_000)
    assert big.js(patterned) == []


def test_selecting_fades_what_is_not_next_to_it_and_hover_keeps_the_colours(browser, maps, syria):
    state = """() => { const b = stakeholdersMap.network.body;
        return { faded: Object.values(b.nodes).filter(n => n.options.opacity < 1).map(n => n.id).sort(),
                 lines: Object.values(b.edges).filter(e => e.options.color.opacity < 0.2).map(e => e.id).sort() }; }"""
    opened = Map(browser, maps["syria"])
    try:
        assert opened.js(state) == {"faded": [], "lines": []}
        hover = opened.js("() => { const n = stakeholdersMap.network.body.nodes['druze'].options.color; return [n.hover.background, n.background]; }")
        assert hover[0] == hover[1]  # not vis-network's pale blue
        opened.search("the Druze")
        opened.settle()
        own = {r.id for r in syria.relations if "druze" in (r.source, r.target)}
        near = {"druze"} | {end for r in syria.relations if r.id in own for end in (r.source, r.target)}
        assert opened.js(state) == {
            "faded": sorted(a.id for a in syria.actors if a.id not in near),
            "lines": sorted(r.id for r in syria.relations if r.id not in own),
        }
        box = opened.page.locator("#map").bounding_box()
        opened.page.mouse.click(box["x"] + 5, box["y"] + 5)  # nothing there: the selection goes, and the fading
        opened.settle()
        assert opened.js(state) == {"faded": [], "lines": []}
        assert opened.errors == []
    finally:
        opened.close()


def test_the_description_and_the_source_line_come_back_from_about_this_map(browser, maps, syria):
    opened = Map(browser, maps["syria"])
    try:
        source = "Source: Syrian President Confirms Ongoing Indirect Negotiations with Israel Amid Ongoing Violence, 2025-05-07"
        assert opened.page.text_content("#details .source") == source
        opened.search("the Druze")
        opened.settle()
        assert opened.page.locator("#details .source").count() == 0  # the actor's details took the panel
        opened.page.click("#about-map")
        assert opened.page.text_content("#details p") == syria.meta.description
        assert opened.page.text_content("#details .source") == source
        assert opened.errors == []
    finally:
        opened.close()


def test_the_details_follow_the_filters_and_mark_what_they_hide(browser, maps, syria):
    opened = Map(browser, maps["syria"])
    try:
        opened.search("the Druze")
        opened.settle()
        marked = "() => Array.from(document.querySelectorAll('#details li')).filter(li => li.textContent.includes('(hidden by filters)')).length"
        assert opened.js(marked) == 0
        opened.page.locator("#polarity-filter input[value='hostile']").uncheck()
        hostile = sum(1 for r in syria.relations if "druze" in (r.source, r.target) and r.polarity == -1)
        assert hostile and opened.js(marked) == hostile
        opened.page.locator("#polarity-filter input[value='hostile']").check()
        assert opened.js(marked) == 0
        assert opened.errors == []
    finally:
        opened.close()


def test_a_long_title_is_shown_whole_when_the_window_has_room(big):
    """It was cut to "Synthetic m…" to keep the controls on one row; now the controls wrap under it instead."""
    shown, whole = big.js("() => { const h = document.querySelector('header h1'); return [h.clientWidth, h.scrollWidth]; }")
    assert big.page.text_content("header h1").startswith("Synthetic map") and shown >= whole


def test_a_printed_map_drops_the_controls_and_keeps_the_legend_whole(browser, maps):
    opened = Map(browser, maps["syria"])
    try:
        opened.page.emulate_media(media="print")
        assert not opened.page.is_visible("#search") and not opened.page.is_visible("#about-map")
        assert opened.page.is_visible("#map") and opened.page.is_visible("#legend")
        # The legend is not cut to a scrolling box: all of it is laid out.
        assert opened.js("() => { const l = document.getElementById('legend'); return l.scrollHeight <= l.clientHeight + 1; }")
    finally:
        opened.close()


def test_a_reader_who_asks_for_less_motion_gets_jumps_not_animations(browser, maps):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, reduced_motion="reduce")
    try:
        page.goto(maps["syria"].resolve().as_uri())
        page.wait_for_function("() => window.stakeholdersMap && window.stakeholdersMap.ready", timeout=120_000)
        page.fill("#search", "the Druze")
        page.press("#search", "Enter")
        # No 400 ms animation: the view is on the actor at once.
        at, view = page.evaluate("() => { const n = stakeholdersMap.network; return [n.getPosition('druze'), n.getViewPosition()]; }")
        assert (round(view["x"]), round(view["y"])) == (round(at["x"]), round(at["y"]))
    finally:
        page.close()


def test_escape_lets_go_of_the_selection(browser, maps):
    opened = Map(browser, maps["syria"])
    try:
        opened.search("the Druze")
        opened.settle()
        assert opened.js("() => stakeholdersMap.network.getSelectedNodes()") == ["druze"]
        opened.js("() => document.activeElement.blur()")  # out of the search box, where Esc clears the text
        opened.page.keyboard.press("Escape")
        assert opened.js("() => stakeholdersMap.network.getSelectedNodes()") == []
        assert opened.js("() => Object.values(stakeholdersMap.network.body.nodes).filter(n => n.options.opacity < 1).length") == 0
        assert opened.page.locator("#details .source").count() == 1 and opened.page.is_disabled("#focus-button")
        assert opened.errors == []
    finally:
        opened.close()


def _tab_to(page, selector: str, most: int = 80) -> None:
    """Press Tab until the element ``selector`` has the focus, as a keyboard user would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_keyboard_alone_reaches_every_actor_and_relation_through_the_list(browser, maps, syria):
    # No actor could be reached or opened from the keyboard except through search, and the canvas had no text alternative.
    opened = Map(browser, maps["syria"])
    page = opened.page
    try:
        assert "List" in page.get_attribute("#map", "aria-label")
        _tab_to(page, "#list-toggle")
        page.keyboard.press("Enter")
        assert page.is_visible("#list") and not page.is_visible("#details")
        assert page.evaluate("() => document.activeElement.id") == "list-filter"
        shown = opened.js("() => stakeholdersMap.visibleNodeIds()")
        rows = page.locator("#list section:first-of-type tbody tr")
        assert sorted(rows.evaluate_all("rows => rows.map(r => r.dataset.id)")) == shown
        # Sorted by name, then (a click on its header) by relations, biggest first.
        names = rows.evaluate_all("rows => rows.map(r => r.cells[0].textContent)")
        assert names == sorted(names, key=str.casefold)
        page.click("[data-sort='actors-relations']")
        assert page.get_attribute("#list th:nth-child(3)", "aria-sort") == "descending"
        assert rows.first.get_attribute("data-id") == "syrian-government"
        assert page.evaluate("() => document.activeElement.dataset.sort") == "actors-relations"
        # Filtering, then Tab to a row and Enter: the actor opens in the details and on the map.
        page.focus("#list-filter")
        page.keyboard.type("druze")
        assert sorted(rows.evaluate_all("rows => rows.map(r => r.dataset.id)")) == ["druze", "druze-fighters"]
        _tab_to(page, "#list tbody tr[data-id='druze']")
        page.keyboard.press("Enter")
        assert not page.is_visible("#list") and page.is_visible("#details")
        assert page.evaluate("() => document.activeElement.textContent") == "Druze"
        assert opened.js("() => stakeholdersMap.network.getSelectedNodes()") == ["druze"]
        # A relation, the same way; Esc in the list closes it and gives the focus back to its button.
        _tab_to(page, "#list-toggle")
        page.keyboard.press("Enter")
        # The list keeps its filter ("druze") until cleared, and follows the map's filters while it is open.
        assert page.input_value("#list-filter") == "druze"
        page.fill("#list-filter", "")
        page.set_checked("#polarity-filter input[value='hostile']", False)
        relation_rows = page.locator("#list section:nth-of-type(2) tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
        assert sorted(relation_rows) == opened.js("() => stakeholdersMap.visibleEdgeIds()") != []
        assert not {r["id"] for r in opened.data()["relations"] if r["polarity"] == "hostile"} & set(relation_rows)
        _tab_to(page, "#list section:nth-of-type(2) tbody tr")
        relation = page.evaluate("() => document.activeElement.dataset.id")
        page.keyboard.press("Enter")
        assert opened.js("() => stakeholdersMap.network.getSelectedEdges()") == [relation]
        assert page.text_content("#details h2") == next(r for r in opened.data()["relations"] if r["id"] == relation)["label"]
        page.click("#list-toggle")
        page.keyboard.press("Escape")
        assert not page.is_visible("#list") and page.evaluate("() => document.activeElement.id") == "list-toggle"
        assert opened.errors == []
    finally:
        opened.close()
