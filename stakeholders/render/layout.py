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
same every time.
"""

from __future__ import annotations

import heapq
import math
import random
import unicodedata
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

from ..lazy import igraph as load_igraph

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

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

    @property
    def offset(self) -> Floats:
        """From node centre to box centre: the label makes a box reach further down than up."""
        return (self.top + self.bottom) / 2

    @property
    def half_height(self) -> Floats:
        return (self.bottom - self.top) / 2


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
    fonts = np.full(len(order), font_size)
    boxes = shapes.boxes(fonts)
    if least_font is not None:
        # The fitted view's scale, from the area the boxes will fill (``_FILL``), against the drawing area.
        scale = min(1.0, math.sqrt(_VIEW_AREA * _FILL / float(np.sum(4 * boxes.half_width * boxes.half_height))))
        if scale * font_size < least_font:
            biggest = np.lexsort((np.arange(len(order)), -(boxes.bottom - boxes.top)))[:_NAMED]
            fonts[biggest] = least_font / scale
            boxes = shapes.boxes(fonts)
    index = {node: i for i, node in enumerate(order)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    components = _components(len(order), edges)

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
    loners = np.array(sorted((int(m[0]) for m, _ in components if len(m) == 1), key=lambda i: (texts[i].casefold(), order[i])), dtype=np.int64)
    x, y = _pack(placed, loners, boxes, len(order))

    cx, cy = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    # Adding 0.0 turns -0.0 into 0.0, which would otherwise show as "-0.0" in the page's JSON.
    return {node: (round(float(x[i] - cx), 1) + 0.0, round(float(y[i] - cy), 1) + 0.0) for i, node in enumerate(order)}


def _label_columns(text: str) -> int:
    """Columns a label takes across, on the generous side: wide East Asian characters count two, combining marks none."""
    # The CLI's terminal width counts the same way; not imported, as the page must not depend on the CLI layer.
    return max(sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n"))


@dataclass(frozen=True)
class _Shapes:
    """What an actor's box is made of, measured once whatever the font: node size, label columns and lines."""

    size: Floats  # vis-network node size: half the side of the node's square
    labelled: npt.NDArray[np.bool_]
    columns: Floats
    breaks: Floats  # newlines in the label

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, order: list[str], texts: list[str], sizes: dict[str, float] | None) -> _Shapes:
        from ..style import node_size

        size = [sizes[n] if sizes is not None and n in sizes else node_size(graph.degree(n)) / 2 for n in order]
        columns = [_label_columns(t) if t else 0 for t in texts]
        breaks = [t.count("\n") for t in texts]
        return cls(np.array(size, dtype=np.float64), np.array([bool(t) for t in texts]), np.array(columns, dtype=np.float64), np.array(breaks, dtype=np.float64))

    def boxes(self, fonts: Floats) -> _Boxes:
        """The boxes with labels of ``fonts`` pixels, one font per actor."""
        width = np.where(self.labelled, self.columns * _CHAR_EM * fonts + _OUTLINE, 0.0)
        # vis-network breaks labels at newlines only; each further line adds a font size.
        height = _FIRST_LINE * fonts + 1 + self.breaks * fonts
        below = np.where(self.labelled, self.size + _LABEL_TOP + height, self.size)
        half = _MARGIN / 2
        return _Boxes(np.maximum(self.size, width / 2) + half, -self.size - half, below + half)


def _components(count: int, edges: Ints) -> list[tuple[Ints, Ints]]:
    """Connected components (edges undirected), largest first, ties by first actor: the order they are packed in.

    Each comes as its actors (ascending) and its edges in positions within that list.
    """
    igraph = load_igraph()

    label = np.array(igraph.Graph(n=count, edges=edges.tolist()).connected_components().membership, dtype=np.int64)
    order = np.argsort(label, kind="stable")
    starts = np.flatnonzero(np.diff(label[order], prepend=-1))
    members = np.split(order, starts[1:])
    # An actor's position in its component's list: its place in ``order`` less where the component starts there.
    local = np.empty(count, dtype=np.int64)
    local[order] = np.arange(count) - np.repeat(starts, np.diff(np.append(starts, count)))
    by_component = np.argsort(label[edges[:, 0]], kind="stable")
    cuts = np.searchsorted(label[edges[by_component, 0]], np.arange(len(members) + 1))
    inner = [local[edges[by_component[a:b]]] for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
    return sorted(zip(members, inner, strict=True), key=lambda c: (-len(c[0]), int(c[0][0])))


def _component_layout(members: Ints, pairs: Ints, boxes: _Boxes) -> tuple[Floats, Floats]:
    """Node positions of one component, boxes clear of each other, in pixels around its own origin."""
    igraph = load_igraph()

    # Fewer rounds for big components: past a few thousand actors more rounds no longer change the picture
    # (what overlap removal leaves of it), only the time, about 8 ms a round at 16,000 actors.
    rounds = max(_MIN_ROUNDS, min(_ROUNDS, _ROUNDS * _FULL_ROUNDS_UP_TO // len(members)))
    coords = np.array(igraph.Graph(n=len(members), edges=pairs.tolist()).layout_fruchterman_reingold(niter=rounds, grid="auto").coords)
    half_width, half_height, offset = boxes.half_width[members], boxes.half_height[members], boxes.offset[members]
    coords = _loosen(coords * _scale(coords, pairs, half_width, half_height), half_width, half_height)
    # Placement works on box centres; a node sits above its box's centre, by the offset.
    x, y = _place(coords[:, 0], coords[:, 1] + offset, half_width, half_height)
    return x, y - offset


def _scale(coords: Floats, pairs: Ints, half_width: Floats, half_height: Floats) -> float:
    """Pixels per layout unit: edges at least ``_SPACING`` long, and boxes covering at most ``_FILL`` of the area."""
    median = float(np.median(np.hypot(*(coords[pairs[:, 0]] - coords[pairs[:, 1]]).T)))
    if median == 0:
        return 1.0
    # Each actor holds about an edge's length around it: a component in a line (two actors, a chain) still has an area.
    extent = coords.max(axis=0) - coords.min(axis=0) + median
    needed = float(np.sum(4 * half_width * half_height)) / _FILL
    return max(_SPACING / median, math.sqrt(needed / float(extent[0] * extent[1])))


def _loosen(coords: Floats, half_width: Floats, half_height: Floats) -> Floats:
    """Move actors out from the middle until every disc around it could hold the boxes inside it.

    Force layouts of hub-heavy networks pack thousands of actors into a small core;
    placing boxes one by one there would push them far. Each actor moves only along
    its ray from the middle, and the order by distance from the middle is kept.
    """
    middle = np.median(coords, axis=0)
    offset = coords - middle
    radius = np.hypot(offset[:, 0], offset[:, 1])
    order = np.lexsort((np.arange(len(radius)), radius))
    needed = np.empty_like(radius)
    needed[order] = np.sqrt(np.cumsum(4 * half_width[order] * half_height[order]) / (math.pi * _PACKING))
    factor = np.ones_like(radius)
    np.divide(np.maximum(radius, needed), radius, out=factor, where=radius > 0)
    return middle + offset * factor[:, None]


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
    count = len(x)
    middle_x, middle_y = float(np.median(x)), float(np.median(y))
    area = half_width * half_height
    # Hubs (boxes four times the usual area or more) first, then by distance from the middle; ties by index.
    big = area >= 4 * float(np.median(area))
    order = np.lexsort((np.arange(count), np.hypot(x - middle_x, y - middle_y), -np.where(big, area, 0.0))).tolist()
    hw, hh = half_width.tolist(), half_height.tolist()
    px, py = x.tolist(), y.tolist()
    cell = 2.0 * max(float(np.median(half_width)), float(np.median(half_height)))
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
    return np.array(px), np.array(py)


def _pack(placed: list[tuple[Ints, Floats, Floats]], loners: Ints, boxes: _Boxes, count: int) -> tuple[Floats, Floats]:
    """Final positions: components on shelves, largest first, then the grid of loners to their right."""
    x, y = np.zeros(count), np.zeros(count)
    bounds = []
    for members, local_x, local_y in placed:
        left, top = float(np.min(local_x - boxes.half_width[members])), float(np.min(local_y + boxes.top[members]))
        right, bottom = float(np.max(local_x + boxes.half_width[members])), float(np.max(local_y + boxes.bottom[members]))
        bounds.append((left, top, right - left, bottom - top))
    # Shelves as wide as the widest component, or wider when there are many: the packed block about the window's shape.
    area = sum((w + _GAP) * (h + _GAP) for *_, w, h in bounds)
    shelf = max([w for *_, w, _ in bounds] + [math.sqrt(area * _ASPECT)])
    cursor_x = cursor_y = shelf_height = block_width = 0.0
    for (members, local_x, local_y), (left, top, width, height) in zip(placed, bounds, strict=True):
        if cursor_x > 0 and cursor_x + width > shelf:
            cursor_x, cursor_y, shelf_height = 0.0, cursor_y + shelf_height + _GAP, 0.0
        x[members] = local_x - left + cursor_x
        y[members] = local_y - top + cursor_y
        block_width = max(block_width, cursor_x + width)
        cursor_x += width + _GAP
        shelf_height = max(shelf_height, height)
    if len(loners):
        _grid(loners, boxes, x, y, block_width + _GAP if placed else 0.0, cursor_y + shelf_height)
    return x, y


def _grid(loners: Ints, boxes: _Boxes, x: Floats, y: Floats, left: float, height: float) -> None:
    """Loners in columns read top to bottom (in place), as tall as the components beside them."""
    row = float(np.max(boxes.bottom[loners] - boxes.top[loners]))
    typical = float(np.median(2 * boxes.half_width[loners]))
    # Taller than the components only when the loners alone would otherwise stretch wider than the window's shape.
    rows = max(int(height // row), math.ceil(math.sqrt(len(loners) * typical / (row * _ASPECT))), 1)
    column_left = left
    for start in range(0, len(loners), rows):
        column = loners[start : start + rows]
        half = float(np.max(boxes.half_width[column]))
        x[column] = column_left + half
        y[column] = np.arange(len(column)) * row - boxes.top[column]
        column_left += 2 * half
