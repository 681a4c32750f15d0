"""Where names go in a picture, as on the page (``assets/map/labels.js``). Actors' names: by their node, biggest
actors first. Relations' names: on their own line, where no other line crosses them and they cover no node or name.

The places along a line are the page's (``ALONG``); the crossing test is Liang and Barsky's clipping, over every
line at once with numpy. Pictures of large maps carry no relation names, as the page on a fitted large map.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator

import numpy as np
import numpy.typing as npt

from .page import LABELS

Floats = npt.NDArray[np.float64]
Box = tuple[float, float, float, float]

# Sizes on paper, in points or font sizes.
LABEL_GAP = 2.0  # points between a node and its name
LABEL_PAD = 0.2  # around a name, in font sizes: its white halo and a little air
NARROW_EM = 0.3  # font sizes per character that nearly every name's width exceeds (DejaVu Sans: "i" 0.28, "a" 0.61)

#: Where on its line a relation's name may go, in the line's length from its start, best first (the page's list).
ALONG = (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73)
# Points along a curved line, to draw it as straight pieces when testing crossings.
_PIECES = np.linspace(0.0, 1.0, 13)


class Grid:
    """Boxes in a uniform grid of cells, to find the ones a new box would cover without looking at all."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float, int]]] = defaultdict(list)

    def _keys(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[int, int]]:
        c = self.cell
        for gx in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for gy in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield gx, gy

    def add(self, x0: float, y0: float, x1: float, y1: float, owner: int) -> None:
        for key in self._keys(x0, y0, x1, y1):
            self.cells[key].append((x0, y0, x1, y1, owner))

    def hits(self, x0: float, y0: float, x1: float, y1: float, owner: int) -> bool:
        """Whether the box overlaps one already added, other than its own node's (``owner``)."""
        for key in self._keys(x0, y0, x1, y1):
            for a0, b0, a1, b1, who in self.cells.get(key, ()):
                if who != owner and a0 < x1 and x0 < a1 and b0 < y1 and y0 < b1:
                    return True
        return False



def actor_names(
    at: Floats,
    radius: Floats,
    texts: list[str],
    ids: list[str],
    sizes: tuple[Callable[[str], tuple[float, float]], float, float],
    bounds: tuple[float, float],
    taken: Grid,
) -> Iterator[tuple[int, float, float, str, str, Box]]:
    """Where each actor's name goes, biggest actors first: ``(actor, x, y, ha, va, box)`` in points from the axes'
    corner, the box (left, bottom, right, top) with ``LABEL_PAD`` around the text. ``at`` and ``radius``: the nodes
    as drawn (points); ``ids`` break ties between names; ``sizes``: a text's measure (width, height), the font size
    and the line height; ``bounds``: the axes' (width, height); ``taken`` gets the nodes and the names placed.

    A name tries below its node (as on the page), then above, right and left; it takes the first place that stays
    inside the axes and covers no name already placed and no node, or none. As on the page, only actors drawn at
    least ``LABELS["obstacle"]`` points in radius are named (a name beside a speck names nothing one can see), and
    their names may cover specks: in the crowded middle of a large map these would leave even the biggest actors
    unnamed.
    """
    measure, size, least = sizes
    width, height = bounds
    pad = LABEL_PAD * size
    shown = [i for i in range(len(texts)) if radius[i] >= LABELS["obstacle"]]
    for i in shown:
        taken.add(at[i, 0] - radius[i], at[i, 1] - radius[i], at[i, 0] + radius[i], at[i, 1] + radius[i], owner=i)

    def free(i: int, x: float, y: float, r: float, w: float, h: float) -> tuple[float, float, str, str, Box] | None:
        """The first free place for a ``w`` x ``h`` name of node ``i`` at (x, y), ``r`` from its centre to its name."""
        places = (
            (x, y - r, "center", "top", x - w / 2, y - r - h),
            (x, y + r, "center", "bottom", x - w / 2, y + r),
            (x + r, y, "left", "center", x + r, y - h / 2),
            (x - r, y, "right", "center", x - r - w, y - h / 2),
        )  # fmt: skip
        for ax, ay, ha, va, left, bottom in places:
            box = (left - pad, bottom - pad, left + w + pad, bottom + h + pad)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not taken.hits(*box, owner=i):
                return ax, ay, ha, va, box
        return None

    for i in sorted(shown, key=lambda i: (-radius[i], texts[i], ids[i])):
        text = texts[i]
        x, y, r = at[i, 0], at[i, 1], radius[i] + LABEL_GAP
        # Measuring a text costs half a millisecond (libraqm shapes it), so first a guess on the narrow side: where
        # even that is covered, the name most likely is (a wrong guess leaves out a name, never lets two overlap).
        if not text or free(i, x, y, r, NARROW_EM * size * len(text), least) is None:
            continue
        found = free(i, x, y, r, *measure(text))
        if found is not None:
            taken.add(*found[4], owner=-1)
            yield i, *found


def curve_points(start: Floats, end: Floats, control: Floats, t: Floats) -> Floats:
    """Points at ``t`` (m,) along each quadratic curve (n lines: start, end, control (n, 2)): (n, m, 2)."""
    t = t[None, :, None]
    return (1 - t) ** 2 * start[:, None, :] + 2 * t * (1 - t) * control[:, None, :] + t**2 * end[:, None, :]


def _crossed(box: Box, a: Floats, b: Floats) -> npt.NDArray[np.bool_]:
    """Which of the segments a-b ((k, 2) each) pass through the box (left, bottom, right, top)."""
    d = b - a
    t0, t1 = np.zeros(len(a)), np.ones(len(a))
    inside = np.ones(len(a), dtype=bool)
    for p, q in ((-d[:, 0], a[:, 0] - box[0]), (d[:, 0], box[2] - a[:, 0]), (-d[:, 1], a[:, 1] - box[1]), (d[:, 1], box[3] - a[:, 1])):
        parallel = p == 0
        inside &= ~(parallel & (q < 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
        t0 = np.where(~parallel & (p < 0), np.maximum(t0, r), t0)
        t1 = np.where(~parallel & (p > 0), np.minimum(t1, r), t1)
    return inside & (t0 <= t1)


def relation_names(
    start: Floats,
    end: Floats,
    control: Floats,
    texts: list[str],
    order: list[int],
    size: Callable[[str], tuple[float, float]],
    pad: float,
    taken: Grid,
    bounds: tuple[float, float],
) -> Iterator[tuple[int, float, float, Box]]:
    """``(line, x, y, box)`` for each relation name placed, in ``order``: lines from ``start`` to ``end`` bent toward
    ``control`` (points, (n, 2) each), named ``texts``; ``size`` measures a text (width, height); ``taken`` holds
    the nodes and names already placed, and gets each name placed; ``bounds`` is the picture's (width, height)."""
    pieces = curve_points(start, end, control, _PIECES)
    a, b = pieces[:, :-1].reshape(-1, 2), pieces[:, 1:].reshape(-1, 2)
    owner = np.repeat(np.arange(len(start)), len(_PIECES) - 1)
    low, high = np.minimum(a, b), np.maximum(a, b)  # each piece's box: most pieces are far from a name
    centres = curve_points(start, end, control, np.array(ALONG))
    for i in order:
        w, h = size(texts[i])
        for x, y in centres[i]:
            box = (x - w / 2 - pad, y - h / 2 - pad, x + w / 2 + pad, y + h / 2 + pad)
            if box[0] < 0 or box[1] < 0 or box[2] > bounds[0] or box[3] > bounds[1] or taken.hits(*box, owner=-2):  # -2: no node of its own
                continue
            near = (low[:, 0] <= box[2]) & (high[:, 0] >= box[0]) & (low[:, 1] <= box[3]) & (high[:, 1] >= box[1]) & (owner != i)
            if _crossed(box, a[near], b[near]).any():
                continue
            taken.add(*box, owner=-1)  # a name, as actors' names are: in the way of every later name
            yield i, float(x), float(y), box
            break
