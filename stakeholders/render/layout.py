"""Node positions, computed once in Python so the page opens with the map drawn.

vis-network's own physics needs minutes to settle a few thousand nodes in a
browser (and never settles with pyvis's defaults); igraph's Fruchterman-Reingold
lays out thousands of actors in about a second. Then:

1. Each connected component gets its own force layout. One layout of the whole
   graph pushes the unrelated actors into a ring around the rest, and fitting
   that ring into the window shrinks the network itself to a speck.
2. Room for labels: every actor is the box around its node and the label under
   it (vis-network's geometry). Crowded middles are loosened, then each actor
   goes to the free spot nearest to where the force layout put it, so that no
   two boxes overlap and the picture changes as little as it can.
3. Packing: components on shelves, largest first, and the actors without
   relations in an alphabetical grid beside them, never around them.

The seed, the sorted input and plain sequential arithmetic make the layout the
same every time. Plain Python lists, not numpy: every step here is one pass or one
sort over the actors (igraph does the force layout), a few milliseconds even at
20,000 actors, while importing numpy took a sixth of a small map's whole render.
"""

from __future__ import annotations

import heapq
import math
import random
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from statistics import median

import networkx as nx

from ..lazy import igraph as load_igraph

Floats = list[float]
Ints = list[int]
Pairs = list[tuple[int, int]]

# Fruchterman-Reingold rounds: igraph's default, fewer above ``_FULL_ROUNDS_UP_TO`` actors, never under ``_MIN_ROUNDS``.
_ROUNDS, _FULL_ROUNDS_UP_TO, _MIN_ROUNDS = 500, 2000, 100
# Pixels per edge, at least: on small maps shorter edges leave no room for their labels.
_SPACING = 180.0
# Share of a component's area its actor boxes may cover after scaling; crowded middles are loosened further (``_loosen``).
_FILL = 0.35
# Share of a disc that boxes placed one by one around the middle end up covering (measured on synthetic maps: 0.5-0.6).
_PACKING = 0.4
# Pixels kept free between any two actor boxes, so that neighbouring labels never touch.
_MARGIN = 6.0
# Pixels between packed components, and between them and the grid of actors without relations.
_GAP = 60.0
# Width over height of the drawing area (1400 x 900 window less the side panel): shelves and the grid aim for it.
_ASPECT = 1040 / 820
_VIEW_AREA = 1040 * 820
# Actors, the biggest first, given room for their labels as drawn at the fitted view (``least_font``): about as
# many as the page names there on a large map.
_NAMED = 30
# vis-network draws the label of a dot, square, diamond, triangle, hexagon or star centred under the node,
# "hanging" from its bottom. Measured in Chromium, the glyphs and their white outline run from size + 6 to
# size + 1.5 x font + 4 below the centre; the box starts at size + 4 and gets one more pixel at the bottom.
_LABEL_TOP = 4.0
_FIRST_LINE = 1.5  # font sizes, for the first line with ascent, descent and outline
# Width per character in font sizes: Chromium's system-ui on Debian (DejaVu Sans) takes 0.50-0.60 em for names,
# digits and capitals the most, so the estimate leans high.
_CHAR_EM = 0.62
_OUTLINE = 4.0  # the white outline adds two pixels on either side


@dataclass(frozen=True)
class _Boxes:
    """Actor boxes with half the margin on every side, relative to the node centres."""

    half_width: Floats
    top: Floats  # negative: above the centre
    bottom: Floats

    # Worked out once: each component reads them, and a map of 10,000 pairs has 10,000 components.
    @cached_property
    def offset(self) -> Floats:
        """From node centre to box centre: the label makes a box reach further down than up."""
        return [(top + bottom) / 2 for top, bottom in zip(self.top, self.bottom, strict=True)]

    @cached_property
    def half_height(self) -> Floats:
        return [(bottom - top) / 2 for top, bottom in zip(self.top, self.bottom, strict=True)]

    def area(self, members: Iterable[int]) -> float:
        """The area the boxes of ``members`` cover."""
        half_height = self.half_height
        return sum(4 * self.half_width[i] * half_height[i] for i in members)


def positions(
    graph: nx.MultiDiGraph,
    seed: int = 1,
    *,
    sizes: dict[str, float] | None = None,
    labels: dict[str, str] | None = None,
    font_size: float = 14.0,
    least_font: float | None = None,
) -> dict[str, tuple[float, float]]:
    """Deterministic ``{actor id: (x, y)}`` in vis-network pixels, centred on the origin.

    No two actors' boxes (node square and label, as vis-network draws them with
    labels of ``font_size`` pixels) overlap, with ``_MARGIN`` pixels to spare.
    ``sizes`` are vis-network node sizes (half the side of the node's square), by
    default what the page draws: half of ``style.node_size`` of the degree.
    ``labels`` default to the graph's ``label`` attributes. ``least_font``: the
    page never draws labels smaller than this on screen, so zoomed out to fit a
    large map they grow on the canvas; the biggest actors, the ones named at the
    fitted view, get room for labels of that size (see ``_NAMED``).
    """
    order = sorted(graph.nodes)
    if not order:
        return {}
    texts = [labels[n] if labels is not None and n in labels else str(graph.nodes[n].get("label", n)) for n in order]
    shapes = _Shapes.of(graph, order, texts, sizes)
    count = len(order)
    fonts = [font_size] * count
    boxes = shapes.boxes(fonts)
    if least_font is not None:
        # The fitted view's scale, from the area the boxes will fill (``_FILL``), against the drawing area.
        scale = min(1.0, math.sqrt(_VIEW_AREA * _FILL / boxes.area(range(count))))
        if scale * font_size < least_font:
            for i in sorted(range(count), key=lambda i: (boxes.top[i] - boxes.bottom[i], i))[:_NAMED]:
                fonts[i] = least_font / scale
            boxes = shapes.boxes(fonts)
    index = {node: i for i, node in enumerate(order)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v})
    components = _components(count, edges)

    igraph = load_igraph()

    placed: list[tuple[Ints, Floats, Floats]] = []
    # igraph draws its starting positions from this generator: pinned, same map, same picture.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        for members, inner in components:
            if len(members) > 1:
                placed.append((members, *_component_layout(members, inner, boxes)))
    finally:
        igraph.set_random_number_generator(random)  # igraph's default: the random module
    # Alphabetical, so that a reader can find a name among the loners.
    loners = sorted((m[0] for m, _ in components if len(m) == 1), key=lambda i: (texts[i].casefold(), order[i]))
    x, y = _pack(placed, loners, boxes, count)

    cx, cy = (max(x) + min(x)) / 2, (max(y) + min(y)) / 2
    # Adding 0.0 turns -0.0 into 0.0, which would otherwise show as "-0.0" in the page's JSON.
    return {node: (round(x[i] - cx, 1) + 0.0, round(y[i] - cy, 1) + 0.0) for i, node in enumerate(order)}


def _label_columns(text: str) -> int:
    """Columns a label takes across, on the generous side: wide East Asian characters count two, combining marks none."""
    # The CLI's terminal width counts the same way; not imported, as the page must not depend on the CLI layer.
    return max(sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n"))


@dataclass(frozen=True)
class _Shapes:
    """What an actor's box is made of, measured once whatever the font: node size, label columns and lines."""

    size: Floats  # vis-network node size: half the side of the node's square
    labelled: list[bool]
    columns: Floats
    breaks: Floats  # newlines in the label

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, order: list[str], texts: list[str], sizes: dict[str, float] | None) -> _Shapes:
        from ..style import node_size

        size = [sizes[n] if sizes is not None and n in sizes else node_size(graph.degree(n)) / 2 for n in order]
        columns = [_label_columns(t) if t else 0 for t in texts]
        breaks = [t.count("\n") for t in texts]
        return cls([float(s) for s in size], [bool(t) for t in texts], [float(c) for c in columns], [float(b) for b in breaks])

    def boxes(self, fonts: Floats) -> _Boxes:
        """The boxes with labels of ``fonts`` pixels, one font per actor."""
        half = _MARGIN / 2
        half_width, top, bottom = [], [], []
        for size, labelled, columns, breaks, font in zip(self.size, self.labelled, self.columns, self.breaks, fonts, strict=True):
            width = columns * _CHAR_EM * font + _OUTLINE if labelled else 0.0
            # vis-network breaks labels at newlines only; each further line adds a font size.
            height = _FIRST_LINE * font + 1 + breaks * font
            half_width.append(max(size, width / 2) + half)
            top.append(-size - half)
            bottom.append((size + _LABEL_TOP + height if labelled else size) + half)
        return _Boxes(half_width, top, bottom)


def _components(count: int, edges: Pairs) -> list[tuple[Ints, Pairs]]:
    """Connected components (edges undirected), largest first, ties by first actor: the order they are packed in.

    Each comes as its actors (ascending) and its edges in positions within that list. Graphs here are igraph's
    C ``GraphBase``, which gives plain lists: its Python ``Graph`` imports numpy whenever one is made.
    """
    igraph = load_igraph()

    label = igraph.GraphBase(count, edges, False).connected_components()
    members: list[Ints] = [[] for _ in range(max(label, default=-1) + 1)]
    local = [0] * count  # an actor's position in its component's list
    for i, component in enumerate(label):
        local[i] = len(members[component])
        members[component].append(i)
    inner: list[Pairs] = [[] for _ in members]
    for u, v in edges:
        inner[label[u]].append((local[u], local[v]))
    return sorted(zip(members, inner, strict=True), key=lambda c: (-len(c[0]), c[0][0]))


def _component_layout(members: Ints, pairs: Pairs, boxes: _Boxes) -> tuple[Floats, Floats]:
    """Node positions of one component, boxes clear of each other, in pixels around its own origin."""
    igraph = load_igraph()

    # Fewer rounds for big components: past a few thousand actors more rounds no longer change the picture
    # (what overlap removal leaves of it), only the time, about 8 ms a round at 16,000 actors.
    rounds = max(_MIN_ROUNDS, min(_ROUNDS, _ROUNDS * _FULL_ROUNDS_UP_TO // len(members)))
    coords = igraph.GraphBase(len(members), pairs, False).layout_fruchterman_reingold(niter=rounds, grid="auto")
    x, y = [float(c[0]) for c in coords], [float(c[1]) for c in coords]
    half_width, half_height, offset = ([whole[i] for i in members] for whole in (boxes.half_width, boxes.half_height, boxes.offset))
    scale = _scale(x, y, pairs, half_width, half_height)
    x, y = _loosen([v * scale for v in x], [v * scale for v in y], half_width, half_height)
    # Placement works on box centres; a node sits above its box's centre, by the offset.
    x, y = _place(x, [v + o for v, o in zip(y, offset, strict=True)], half_width, half_height)
    return x, [v - o for v, o in zip(y, offset, strict=True)]


def _scale(x: Floats, y: Floats, pairs: Pairs, half_width: Floats, half_height: Floats) -> float:
    """Pixels per layout unit: edges at least ``_SPACING`` long, and boxes covering at most ``_FILL`` of the area."""
    length = median(math.hypot(x[u] - x[v], y[u] - y[v]) for u, v in pairs)
    if length == 0:
        return 1.0
    # Each actor holds about an edge's length around it: a component in a line (two actors, a chain) still has an area.
    extent_x, extent_y = max(x) - min(x) + length, max(y) - min(y) + length
    needed = sum(4 * w * h for w, h in zip(half_width, half_height, strict=True)) / _FILL
    return max(_SPACING / length, math.sqrt(needed / (extent_x * extent_y)))


def _loosen(x: Floats, y: Floats, half_width: Floats, half_height: Floats) -> tuple[Floats, Floats]:
    """Move actors out from the middle until every disc around it could hold the boxes inside it.

    Force layouts of hub-heavy networks pack thousands of actors into a small core;
    placing boxes one by one there would push them far. Each actor moves only along
    its ray from the middle, and the order by distance from the middle is kept.
    """
    middle_x, middle_y = median(x), median(y)
    radius = [math.hypot(a - middle_x, b - middle_y) for a, b in zip(x, y, strict=True)]
    factor = [1.0] * len(radius)
    covered = 0.0
    for i in sorted(range(len(radius)), key=lambda i: (radius[i], i)):
        covered += 4 * half_width[i] * half_height[i]
        if radius[i] > 0:
            factor[i] = max(radius[i], math.sqrt(covered / (math.pi * _PACKING))) / radius[i]
    return [middle_x + (a - middle_x) * f for a, f in zip(x, factor, strict=True)], [middle_y + (b - middle_y) * f for b, f in zip(y, factor, strict=True)]


def _place(x: Floats, y: Floats, half_width: Floats, half_height: Floats) -> tuple[Floats, Floats]:
    """Box centres such that no two boxes overlap: each actor at the free spot nearest to where it wants to be.

    Actors are placed one at a time, the biggest first (hubs keep their places), then
    from the middle outwards, so that free room is close by. A uniform grid of cells
    finds the boxes near a spot. The free spot is found best-first: a blocked spot
    leads to the spots just clear of each box in the way (left, right, above, below),
    nearest first, which ends at the nearest free spot along those moves.
    Hand-written: igraph, networkx and scipy offer no overlap removal, and Graphviz's
    (PRISM) would need the Graphviz program. PRISM written with scipy (Delaunay
    neighbours, a sparse stress solve each round) kept the shapes a little better but
    took over two minutes for 20,000 actors; this takes about half a second.
    """
    middle_x, middle_y = median(x), median(y)
    area = [w * h for w, h in zip(half_width, half_height, strict=True)]
    # Hubs (boxes four times the usual area or more) first, then by distance from the middle; ties by index.
    hub = 4 * median(area)
    order = sorted(range(len(x)), key=lambda i: (-area[i] if area[i] >= hub else 0.0, math.hypot(x[i] - middle_x, y[i] - middle_y), i))
    hw, hh = half_width, half_height
    px, py = list(x), list(y)
    cell = 2.0 * max(median(half_width), median(half_height))
    grid: dict[tuple[int, int], list[int]] = {}
    cells = grid.get
    floor = math.floor

    def blocking(k: int, qx: float, qy: float) -> list[int]:
        w, h = hw[k], hh[k]
        found: list[int] = []
        rows = range(floor((qy - h) / cell), floor((qy + h) / cell) + 1)
        for gx in range(floor((qx - w) / cell), floor((qx + w) / cell) + 1):
            for gy in rows:
                for o in cells((gx, gy), ()):
                    if abs(qx - px[o]) < w + hw[o] and abs(qy - py[o]) < h + hh[o] and o not in found:
                        found.append(o)
        return found

    for k in order:
        wx, wy = qx, qy = px[k], py[k]
        hits = blocking(k, qx, qy)
        if hits:
            frontier: list[tuple[float, float, float]] = []
            tried: set[tuple[float, float]] = {(qx, qy)}
            while hits:
                for o in hits:
                    # Just clear of the box in the way; the tiny extra keeps rounding from leaving an overlap.
                    ww, hh2 = hw[k] + hw[o] + 1e-6, hh[k] + hh[o] + 1e-6
                    for spot in ((px[o] - ww, qy), (px[o] + ww, qy), (qx, py[o] - hh2), (qx, py[o] + hh2)):
                        if spot not in tried:
                            tried.add(spot)
                            heapq.heappush(frontier, (math.hypot(spot[0] - wx, spot[1] - wy), *spot))
                _, qx, qy = heapq.heappop(frontier)
                hits = blocking(k, qx, qy)
            px[k], py[k] = qx, qy
        w, h = hw[k], hh[k]
        rows = range(floor((qy - h) / cell), floor((qy + h) / cell) + 1)
        for gx in range(floor((qx - w) / cell), floor((qx + w) / cell) + 1):
            for gy in rows:
                if (gx, gy) in grid:
                    grid[gx, gy].append(k)
                else:
                    grid[gx, gy] = [k]
    return px, py


def _pack(placed: list[tuple[Ints, Floats, Floats]], loners: Ints, boxes: _Boxes, count: int) -> tuple[Floats, Floats]:
    """Final positions: components on shelves, largest first, then the grid of loners to their right."""
    x, y = [0.0] * count, [0.0] * count
    bounds = []
    for members, local_x, local_y in placed:
        half_width = [boxes.half_width[i] for i in members]
        left = min(a - w for a, w in zip(local_x, half_width, strict=True))
        right = max(a + w for a, w in zip(local_x, half_width, strict=True))
        top = min(b + boxes.top[i] for b, i in zip(local_y, members, strict=True))
        bottom = max(b + boxes.bottom[i] for b, i in zip(local_y, members, strict=True))
        bounds.append((left, top, right - left, bottom - top))
    # Shelves as wide as the widest component, or wider when there are many: the packed block about the window's shape.
    area = sum((w + _GAP) * (h + _GAP) for *_, w, h in bounds)
    shelf = max([w for *_, w, _ in bounds] + [math.sqrt(area * _ASPECT)])
    cursor_x = cursor_y = shelf_height = block_width = 0.0
    for (members, local_x, local_y), (left, top, width, height) in zip(placed, bounds, strict=True):
        if cursor_x > 0 and cursor_x + width > shelf:
            cursor_x, cursor_y, shelf_height = 0.0, cursor_y + shelf_height + _GAP, 0.0
        for i, a, b in zip(members, local_x, local_y, strict=True):
            x[i], y[i] = a - left + cursor_x, b - top + cursor_y
        block_width = max(block_width, cursor_x + width)
        cursor_x += width + _GAP
        shelf_height = max(shelf_height, height)
    if loners:
        _grid(loners, boxes, x, y, block_width + _GAP if placed else 0.0, cursor_y + shelf_height)
    return x, y


def _grid(loners: Ints, boxes: _Boxes, x: Floats, y: Floats, left: float, height: float) -> None:
    """Loners in columns read top to bottom (in place), as tall as the components beside them."""
    row = max(boxes.bottom[i] - boxes.top[i] for i in loners)
    typical = median(2 * boxes.half_width[i] for i in loners)
    # Taller than the components only when the loners alone would otherwise stretch wider than the window's shape.
    rows = max(int(height // row), math.ceil(math.sqrt(len(loners) * typical / (row * _ASPECT))), 1)
    column_left = left
    for start in range(0, len(loners), rows):
        column = loners[start : start + rows]
        half = max(boxes.half_width[i] for i in column)
        for n, i in enumerate(column):
            x[i], y[i] = column_left + half, n * row - boxes.top[i]
        column_left += 2 * half


#: Actors without relations are framed as one block, with a caption, from this many: in their grid, specks
#: too small to see on a fitted big map read as dotted lines, that is, as indirect relations.
LONERS_FRAMED = 5


@dataclass(frozen=True)
class LonerFrame:
    """The box around the actors without relations, in vis-network pixels (y down), and how many they are."""

    left: float
    top: float
    right: float
    bottom: float
    count: int

    @property
    def caption(self) -> str:
        return f"{self.count:,} actors without relations"


def loner_frame(graph: nx.MultiDiGraph, where: dict[str, tuple[float, float]], radii: dict[str, float], label_room: float) -> LonerFrame | None:
    """The frame of the grid ``positions`` made of the actors without relations (a relation to itself is none), or
    None under ``LONERS_FRAMED`` of them or when no actor has one. ``label_room``: the height kept for a label under
    the bottom row (vis-network pixels)."""
    loners = [n for n in graph if all(u == v for u, v in graph.edges(n)) and all(u == v for u, v in graph.in_edges(n))]
    if len(loners) < LONERS_FRAMED or len(loners) == graph.number_of_nodes():
        return None
    pad = _GAP / 3
    return LonerFrame(
        left=min(where[n][0] - radii[n] for n in loners) - pad,
        top=min(where[n][1] - radii[n] for n in loners) - pad,
        right=max(where[n][0] + radii[n] for n in loners) + pad,
        bottom=max(where[n][1] + radii[n] for n in loners) + label_room + pad,
        count=len(loners),
    )
