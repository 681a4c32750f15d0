"""Many shapes drawn by one matplotlib artist: a picture of 20,000 relations as patches would spend most of its
time in matplotlib's per-artist work. Each layer is unit paths put in place by affine matrices; Agg and PDF draw a
layer in one ``draw_path_collection`` call, and SVG gets its path elements written directly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist, allow_rasterization
from matplotlib.backend_bases import RendererBase
from matplotlib.colors import to_hex
from matplotlib.path import Path as Curve
from matplotlib.transforms import IdentityTransform, Transform

from .paper import Dashes

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Layer:
    """Shapes drawn alike: each is a unit path put in place by its own affine matrix (unit to map units).

    Colours are RGBA rows, widths and dashes in points; no ``faces``: outlines
    only; no ``edges``: filled only. ``ids`` name the shapes in SVG; without
    them, shapes of one style become one SVG path.
    """

    paths: list[Curve]
    affines: Floats  # (n, 3, 3)
    faces: Floats | None = None
    edges: Floats | None = None
    widths: Floats | None = None
    dashes: list[Dashes] | None = None
    ids: list[str] | None = None


class Shapes(Artist):
    """Many shapes drawn by one artist, without the per-artist work that makes thousands of patches slow.

    Agg and PDF take a layer in one ``draw_path_collection`` call (a loop in C++
    for Agg). SVG gets the path elements written directly, from coordinates
    computed for the whole layer at once: matplotlib's SVG ``draw_path`` costs
    about 0.2 ms a path, most of a 20,000-relation map's time.
    """

    def __init__(self, gid: str, layers: list[Layer], zorder: float) -> None:
        super().__init__()
        self.layers = layers
        self.set_gid(gid)
        self.set_zorder(zorder)
        self.set_clip_on(False)  # everything lies inside the axes, but for the bulge of a curve at the border

    @allow_rasterization
    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible():
            return
        # Frozen: a plain matrix, instead of a chain of transforms worked out again for every path.
        transform = self.get_transform().frozen()
        gid = str(self.get_gid())
        renderer.open_group(gid, gid=gid)
        if _svg_writer(renderer) is not None:
            self._write_svg(renderer, transform)
        else:
            gc = renderer.new_gc()
            gc.set_linewidth(0.0)  # a layer without edges is filled only
            for layer in self.layers:
                renderer.draw_path_collection(
                    gc, transform, layer.paths, layer.affines, np.zeros((0, 2)), IdentityTransform(),
                    _NO_COLORS if layer.faces is None else layer.faces, _NO_COLORS if layer.edges is None else layer.edges,
                    np.zeros(1) if layer.widths is None else layer.widths, layer.dashes or [(0, None)], [True], [None], "screen",
                )  # fmt: skip
            gc.restore()
        renderer.close_group(gid)
        self.stale = False

    def _write_svg(self, renderer: RendererBase, transform: Transform) -> None:
        writer = _svg_writer(renderer)
        # The SVG renderer's coordinates: points from the top left corner.
        flip = np.array([[1.0, 0.0, 0.0], [0.0, -1.0, renderer.height], [0.0, 0.0, 1.0]]) @ transform.get_matrix()  # type: ignore[attr-defined]
        for layer in self.layers:
            data, styles = _svg_paths(layer, flip), _svg_styles(layer)
            if layer.ids is not None:
                for shape_id, d, style in zip(layer.ids, data, styles, strict=True):
                    writer.element("path", id=shape_id, d=d, style=style)
                continue
            merged: dict[str, list[str]] = defaultdict(list)
            for d, style in zip(data, styles, strict=True):
                merged[style].append(d)
            for style, parts in merged.items():
                writer.element("path", d=" ".join(parts), style=style)


_NO_COLORS = np.zeros((0, 4))


def _svg_writer(renderer: RendererBase) -> Any | None:
    """The XML writer matplotlib's SVG renderer draws through, or None for the other formats."""
    writer = getattr(renderer, "writer", None)
    return writer if callable(getattr(writer, "element", None)) else None


def _svg_paths(layer: Layer, matrix: Floats) -> list[str]:
    """Each shape's SVG path data: its unit path through its affine, then ``matrix``, two decimals."""
    data = [""] * len(layer.paths)
    shared: dict[int, list[int]] = defaultdict(list)
    for i, unit in enumerate(layer.paths):
        shared[id(unit)].append(i)
    for members in shared.values():
        unit = layer.paths[members[0]]
        template = _svg_template(unit)
        corners = np.column_stack([unit.vertices, np.ones(len(unit.vertices))])
        placed = np.einsum("ij,njk,mk->nmi", matrix[:2], layer.affines[members], corners)
        for i, row in zip(members, np.round(placed.reshape(len(members), -1), 2).tolist(), strict=True):
            data[i] = template.format(*row)
    return data


def _svg_template(unit: Curve) -> str:
    """SVG path data with a ``{}`` for each coordinate of the path's vertices, in their order."""
    commands = {Curve.MOVETO: "M", Curve.LINETO: "L", Curve.CURVE3: "Q", Curve.CURVE4: "C"}
    codes = unit.codes if unit.codes is not None else [Curve.MOVETO] + [Curve.LINETO] * (len(unit.vertices) - 1)
    words, i = [], 0
    while i < len(codes):
        code = int(codes[i])
        if code == Curve.CLOSEPOLY:
            words.append("z")
            i += 1
            continue
        # A quadratic curve takes two vertices and a cubic three, all with the one code.
        count = {Curve.CURVE3: 2, Curve.CURVE4: 3}.get(code, 1)
        words.append(commands[code] + " ".join(f"{{{2 * j}:.2f}} {{{2 * j + 1}:.2f}}" for j in range(i, i + count)))
        i += count
    return "".join(words)


def _svg_styles(layer: Layer) -> list[str]:
    """Each shape's SVG style, as matplotlib's SVG backend writes one (worked out once per distinct value)."""
    count = len(layer.paths)
    columns = [_distinct(layer.faces, lambda rgba: _svg_paint("fill", rgba)) if layer.faces is not None else ["fill: none"] * count]
    if layer.edges is not None and layer.widths is not None:
        columns.append(_distinct(layer.edges, lambda rgba: _svg_paint("stroke", rgba)))
        columns.append(_distinct(layer.widths[:, None], lambda width: f"stroke-width: {width[0]:.2f}"))
        if layer.dashes is not None:
            dashes = {d: "stroke-dasharray: " + ",".join(f"{length:.2f}" for length in d[1]) if d[1] is not None else "" for d in set(layer.dashes)}
            columns.append([dashes[d] for d in layer.dashes])
    return ["; ".join(word for word in words if word) for words in zip(*columns, strict=True)]


def _distinct(rows: Floats, word: Callable[[Floats], str]) -> list[str]:
    """``word`` of each row, computed once for each distinct row."""
    values, which = np.unique(rows, axis=0, return_inverse=True)
    words = [word(value) for value in values]
    return [words[i] for i in which.reshape(-1)]


def _svg_paint(what: str, rgba: Floats) -> str:
    words = f"{what}: {to_hex(rgba)}"
    return words if rgba[3] == 1 else f"{words}; {what}-opacity: {rgba[3]:.2f}"


def frames(x: Floats, y: Floats, along_x: Floats, along_y: Floats, across: Floats | float = 1.0) -> Floats:
    """Matrices taking the unit frame to each place: origin to (x, y), (1, 0) to ``along``, (0, 1) to ``along`` turned
    left and scaled by ``across``."""
    affines = np.zeros((len(x), 3, 3))
    affines[:, 0, 0], affines[:, 0, 1], affines[:, 0, 2] = along_x, -along_y * across, x
    affines[:, 1, 0], affines[:, 1, 1], affines[:, 1, 2] = along_y, along_x * across, y
    affines[:, 2, 2] = 1.0
    return affines




def unit_line(bend: float) -> Curve:
    """From (0, 0) to (1, 0): straight, or the quadratic curve of arc3 with ``rad`` = ``bend``."""
    if not bend:
        return Curve([(0.0, 0.0), (1.0, 0.0)])
    return Curve([(0.0, 0.0), (0.5, -bend), (1.0, 0.0)], [Curve.MOVETO, Curve.CURVE3, Curve.CURVE3])


# Tip at the origin, pointing along x, one unit long.
ARROWHEAD = Curve([(0.0, 0.0), (-1.0, 0.45), (-1.0, -0.45), (0.0, 0.0)], closed=True)
SQUARE = Curve([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)], closed=True)


