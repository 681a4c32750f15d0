"""Static pictures of the map, SVG, PNG and PDF, drawn with matplotlib for reports and papers.

The picture shows what the page shows when it opens: the same positions
(``placed``), shapes and colours (``style``), relations coloured by polarity and
patterned as the page draws them (hostile dashed, indirect dotted: ``style.LINE_PATTERNS``),
with an arrowhead when directed, and several relations
between one pair curved apart. Labels go greedily, biggest actors first, where
they cover no other label and no node and stay inside the picture; what does not
fit is left out (the page shows it on zooming in, a picture cannot).

Speed: matplotlib spends most of a millisecond on each patch artist it adds and
draws, so 20,000 ``FancyArrowPatch`` objects take half a minute. Actors,
relations and the labels' halos are drawn instead by one artist each
(``_Shapes``) that hands whole layers to the renderer; in SVG each actor and
relation is still a path of its own, with the id ``actor-<id>`` or
``relation-<id>``.

Text: every string is set in DejaVu Sans, the font inside matplotlib, found by
path: it covers Latin, Greek, Cyrillic, Arabic and Hebrew, and one font
everywhere draws the same picture on every machine. matplotlib 3.11 and later
lay text out with libraqm (HarfBuzz shaping, the Unicode bidirectional
algorithm), so Arabic letters join and right-to-left names read the right way
without any help; SVG keeps text as text, in logical order, as SVG viewers want
it (they shape and reorder it themselves).

Same map, same bytes: no date in any file, fixed ids in SVG.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Unpack

import matplotlib
import networkx as nx
import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Rectangle
from matplotlib.path import Path as Curve

from ..atomic import write_atomic
from ..errors import UsageError
from ..filters import Criteria
from ..graph import kinds_of
from ..model import Dataset, polarity_name
from ..progress import Progress, silent
from ..style import (
    CHANGE_COLORS,
    FADED,
    LONER_FRAME,
    POLARITY_STYLE,
    actor_paint,
    actor_style,
    line_opacity,
    line_width,
)
from ..terms import PICTURE_DPI, PICTURE_INCHES
from . import format_of, map_graph, placed
from .caption import source_line
from .layers import ARROWHEAD, SQUARE, Layer, Shapes, frames, unit_line
from .layout import LonerFrame, loner_frame
from .naming import LABEL_GAP, LABEL_PAD, Grid, actor_names, relation_names
from .page import LABELS, LARGE_MAP, LOWEST_LABEL, Look, curves
from .paper import BAR, INK, MARKERS, MUTED, Dashes, pattern, typeface
from .picture_legend import Legends

Floats = npt.NDArray[np.float64]

#: What ``render_static`` writes.
STATIC_FORMATS = ("svg", "png", "pdf")
#: Default picture size in inches (the height follows the map's shape) and resolution of a PNG.
WIDTH, DPI = 12.0, 100
_MAX_PIXELS = 250_000_000

# matplotlib reads these at saving time only: text stays text in SVG, fixed ids, TrueType fonts in PDF (selectable text),
# and PNG glyphs drawn unhinted, as the vector formats show them (and twice as fast as through FreeType's autohinter).
_RC = {"svg.fonttype": "none", "svg.hashsalt": "stakeholders", "pdf.fonttype": 42, "text.hinting": "no_hinting"}
# No dates: the same map gives the same bytes.
_METADATA: dict[str, dict[str, str | None]] = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}

_COLOR_WORDS = {"type": "actor type", "community": "cooperative bloc", "camp": "friend/enemy camp"}

# Sizes on paper, in points (1/72 inch).
_MARGIN = 11.0  # around the picture and between its parts
_LABEL_FONT = (8.0, 11.0)  # labels scale with the map, within these sizes (11 pt: a 12-inch picture on a 6-inch page still reads at 5.5)
_HALO = 0.15  # the white box behind a label reaches this far around the text, in font sizes
_LEAST_RADIUS = 1.5  # nodes never shrink below this, however large the map
_LINE_WIDTH = (0.25, 4.0)
_BORDER = (0.25, 1.0)
_MOST_BEND = 0.6  # arc3 rad: the curves of one pair stay within this many lengths of their line
_RELATIONINK = "#333333"
_GHOST = 0.3  # opacity of what a map of changes shows as removed


def static_figure(
    data: Dataset | nx.MultiDiGraph,
    *,
    title: str | None = None,
    size_by: str | None = None,
    color_by: str = "type",
    width: float = WIDTH,
    height: float | None = None,
    dpi: int = DPI,
    diff_from: str | Path | Dataset | None = None,
    **criteria: Unpack[Criteria],
) -> Figure:
    """The map of a dataset (or of a graph from ``to_graph``) as a matplotlib ``Figure``, e.g. for a notebook.

    ``width`` and ``height`` are in inches (the height defaults to what the map's
    shape needs), ``dpi`` the resolution of raster output. ``title``, ``size_by``,
    ``color_by``, ``diff_from`` and ``criteria`` (the filters): as for
    ``render_html``. The figure is not attached to pyplot: display it, or
    ``savefig`` it like any other.
    """
    _check_size(width, height, dpi)
    graph = map_graph(data, diff_from, **criteria)
    look, radii, where = placed(graph, size_by, color_by)
    drawing = _Drawing(graph, look, radii, where, color_by, width, dpi, loner_frame(graph, where, radii, LOWEST_LABEL))
    with matplotlib.rc_context(_RC):  # text measured as it will be drawn
        return drawing.figure(title, height)


def render_static(
    data: Dataset | nx.MultiDiGraph,
    path: str | Path | None = None,
    *,
    format: str | None = None,  # named as in ``export``
    title: str | None = None,
    size_by: str | None = None,
    color_by: str = "type",
    width: float = WIDTH,
    height: float | None = None,
    dpi: int = DPI,
    diff_from: str | Path | Dataset | None = None,
    progress: Progress = silent,
    **criteria: Unpack[Criteria],
) -> Path:
    """Write the map as a static picture and return its path.

    ``format`` is svg, png or pdf; by default the path's suffix says which. The
    default path is ``output/<dataset name>.svg`` (or the format's suffix). SVG
    keeps text as text; the same map gives the same bytes in every format. Other
    arguments: see ``static_figure``.
    """
    fmt = format_of(path, format) if path is not None or format is not None else "svg"
    if fmt not in STATIC_FORMATS:
        raise UsageError(f"a static picture is {', '.join(STATIC_FORMATS)}; the .html page is render_html's")
    _check_size(width, height, dpi)
    graph = map_graph(data, diff_from, **criteria)
    target = Path(path) if path is not None else Path("output") / f"{graph.graph['name']}.{fmt}"
    progress("drawing", 0, 2)
    figure = static_figure(graph, title=title, size_by=size_by, color_by=color_by, width=width, height=height, dpi=dpi)
    progress("drawing", 1, 2)
    picture = picture_bytes(figure, fmt)
    progress("drawing", 2, 2)
    return write_atomic(target, [picture])


def picture_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure as an SVG, PNG or PDF file, without dates or random ids."""
    buffer = io.BytesIO()
    # rc_context restores every setting afterwards; the backends offer these only through rcParams.
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format=fmt, dpi=figure.dpi, metadata=_METADATA[fmt], facecolor="white")
    return buffer.getvalue()


class MapFigure(Figure):
    """The picture's matplotlib ``Figure``, which a notebook shows as a PNG by itself: Jupyter's
    inline backend only registers ``Figure`` once pyplot is imported, and this module never imports it."""

    def _repr_png_(self) -> bytes:
        return picture_bytes(self, "png")


def _check_size(width: float, height: float | None, dpi: int) -> None:
    for name, value in (("width", width), ("height", height)):
        if value is not None and not PICTURE_INCHES[0] <= value <= PICTURE_INCHES[1]:
            raise UsageError(f"the picture's {name} is in inches, from {PICTURE_INCHES[0]:g} to {PICTURE_INCHES[1]:g}; got {value:g}")
    if not PICTURE_DPI[0] <= dpi <= PICTURE_DPI[1]:
        raise UsageError(f"dpi is from {PICTURE_DPI[0]} to {PICTURE_DPI[1]}; got {dpi:g}")


def _unit_marker(shape: str) -> Curve:
    """The marker of a vis-network shape, one unit across, centred on the origin."""
    marker = MarkerStyle(MARKERS.get(shape, "o"))
    return marker.get_path().transformed(marker.get_transform())


class _Drawing(Legends):
    """One picture of a graph: the geometry in map units (vis-network pixels, y up) and points on paper."""

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        look: Look,
        radii: dict[str, float],
        where: dict[str, tuple[float, float]],
        color_by: str,
        width: float,
        dpi: int,
        loners: LonerFrame | None,
    ) -> None:
        """``loners``: the frame of the actors without relations (``loner_frame``), drawn round them."""
        self.graph, self.look, self.color_by = graph, look, color_by
        self.order = sorted(graph.nodes)
        self.index = {node: i for i, node in enumerate(self.order)}
        self.edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[2])
        self.xy = np.array([(where[n][0], -where[n][1]) for n in self.order], dtype=np.float64).reshape(-1, 2)
        self.radius = np.array([radii[n] for n in self.order], dtype=np.float64)
        self.loners = loners
        #: A story's step: the actors and relations that stand out, the rest faded as on the page (None: all as drawn).
        self.kept: tuple[set[str], set[str]] | None = None
        #: Words under the title (a story step's text).
        self.caption: str | None = None
        self.fig = MapFigure(figsize=(width, width), dpi=dpi, facecolor="white")
        FigureCanvasAgg(self.fig)  # a renderer to measure text with, before anything is drawn
        self.renderer = self.fig.canvas.get_renderer()
        self.line_height_of: dict[tuple[str | None, float], float] = {}

    # Measuring -------------------------------------------------------------------------------

    def line_height(self, font: FontProperties) -> float:
        """Points from the top of an "l" to the bottom of a "p": the least height matplotlib gives a line."""
        key = (font.get_file(), font.get_size_in_points())
        if key not in self.line_height_of:
            self.line_height_of[key] = self.renderer.get_text_width_height_descent("lp", font, ismath=False)[1] * 72.0 / self.fig.dpi
        return self.line_height_of[key]

    def text_size(self, text: str, font: FontProperties) -> tuple[float, float]:
        """Width and height of a text in points, as matplotlib lays it out (lines 1.2 line sizes apart)."""
        to_points = 72.0 / self.fig.dpi
        least = self.line_height(font)
        widths, tall = [], []
        for line in text.split("\n"):
            w, h, _ = self.renderer.get_text_width_height_descent(line, font, ismath=False)
            widths.append(w * to_points)
            tall.append(max(h * to_points, least))
        return max(widths), max(tall) + 1.2 * least * (len(tall) - 1)

    def extent(self, artist: Artist) -> tuple[float, float]:
        """Width and height of a text or legend in points."""
        box = artist.get_window_extent(self.renderer)
        return box.width * 72.0 / self.fig.dpi, box.height * 72.0 / self.fig.dpi

    # The whole picture -----------------------------------------------------------------------

    def figure(self, title: str | None, height: float | None) -> Figure:
        fig = self.fig
        width_pt = fig.get_figwidth() * 72
        big, small = typeface(17, bold=True), typeface(10)

        # Every line of text wraps within the picture's width rather than run off its edge.
        def fit(words: list[str], joint: str, font: FontProperties) -> str:
            return _wrap(words, joint, lambda text: self.text_size(text, font)[0], width_pt - 2 * _MARGIN)

        words = (title or self.graph.graph.get("title") or self.graph.graph["name"]).split(" ")
        heading = fig.text(0, 0, fit(words, " ", big), gid="title", fontproperties=big)
        # A story step's words above the filters, in ink.
        told = fit(self.caption.split(" "), " ", small) + "\n" if self.caption else ""
        filters = fig.text(0, 0, told + fit(self.filter_words(), " · ", small), gid="filters", color=INK if self.caption else MUTED, fontproperties=small)
        # The source line at the foot, as under the page's title: a picture handed on still credits its sources.
        credit = source_line(self.graph)
        source = fig.text(0, 0, fit(credit.split(" "), " ", small), gid="source", color=MUTED, fontproperties=small) if credit else None
        for text in (heading, filters, source):
            if text is not None:
                text.set_parse_math(False)  # a "$" in a name is a dollar sign
        header = _MARGIN + self.extent(heading)[1] + 4 + self.extent(filters)[1] + _MARGIN
        footer = self.extent(source)[1] + _MARGIN if source is not None else 0.0
        legends = self.legends()
        sizes = [self.extent(legend) for legend in legends]
        column = max((w for w, _ in sizes), default=0.0)
        stacked = sum(h for _, h in sizes) + _MARGIN * max(len(sizes) - 1, 0)
        map_width = width_pt - 2 * _MARGIN - (column + _MARGIN if legends else 0.0)
        if map_width < 72:
            raise UsageError(f"the picture is too narrow for its legend: give a width of at least {_inches(width_pt - map_width + 72)} inches")
        height_pt = height * 72 if height is not None else self.natural_height(map_width, header + footer, stacked)
        least = header + _MARGIN + footer + max(72.0, stacked)
        if height_pt < least:
            raise UsageError(f"the picture is too low for its title, legend and map: give a height of at least {_inches(least)} inches")
        pixels = (width_pt / 72 * fig.dpi) * (height_pt / 72 * fig.dpi)
        if pixels > _MAX_PIXELS:
            raise UsageError(f"the picture would be {pixels / 1e6:.0f} million pixels, more than {_MAX_PIXELS / 1e6:.0f}: lower the dpi or the size")
        fig.set_size_inches(width_pt / 72, height_pt / 72)

        def at(x: float, y: float) -> tuple[float, float]:
            """Points from the top left corner, as figure fractions."""
            return x / width_pt, 1 - y / height_pt

        heading.set_position(at(_MARGIN, _MARGIN))
        heading.set_verticalalignment("top")
        filters.set_position(at(_MARGIN, _MARGIN + self.extent(heading)[1] + 4))
        filters.set_verticalalignment("top")
        top = header
        for legend, (_, legend_height) in zip(legends, sizes, strict=True):
            legend.set_bbox_to_anchor(at(width_pt - _MARGIN - column, top), transform=fig.transFigure)
            top += legend_height + _MARGIN
        if source is not None:
            source.set_position(at(_MARGIN, height_pt - _MARGIN))
            source.set_verticalalignment("bottom")
        left, bottom = at(_MARGIN, height_pt - _MARGIN - footer)
        axes = fig.add_axes((left, bottom, map_width / width_pt, (height_pt - header - _MARGIN - footer) / height_pt))
        axes.set_axis_off()
        self.draw_map(axes, map_width, height_pt - header - _MARGIN - footer)
        return fig

    def natural_height(self, map_width: float, header: float, legends: float) -> float:
        """Points the picture needs so that the map fills its width, within 0.4 and 1.5 times the width, and the legends fit."""
        if not self.order:
            return header + _MARGIN + 144
        low, high = self.xy - self.radius[:, None], self.xy + self.radius[:, None]
        across, up = np.ptp(np.concatenate([low, high]), axis=0)
        label_room = 4 * _LABEL_FONT[1]
        map_height = (map_width - label_room) * up / max(across, 1.0) + label_room
        width_pt = self.fig.get_figwidth() * 72
        return max(header + legends + _MARGIN, min(max(header + map_height + _MARGIN, 0.4 * width_pt), 1.5 * width_pt))

    def filter_words(self) -> list[str]:
        """The line under the title: filters in force, what sizes and colours the actors, how much is drawn."""
        filters = self.graph.graph.get("filters") or ["no filters"]
        size = self.look.size_label or "number of relations"
        counts = f"{self.graph.number_of_nodes():,} actors, {self.graph.number_of_edges():,} relations"
        colour = _COLOR_WORDS.get(self.color_by) or f"stance on {self.color_by.partition(':')[2]}"
        return [*filters, f"size: {size}", f"colour: {colour}", counts]

    # Legends ---------------------------------------------------------------------------------

    # The map ---------------------------------------------------------------------------------

    def draw_map(self, axes: Axes, width: float, height: float) -> None:
        """Relations, nodes and labels in an axes ``width`` x ``height`` points, its limits set for one scale both ways."""
        if not self.order:
            axes.text(0.5, 0.5, "No actor passes the filters in force.", ha="center", va="center", color=MUTED, fontproperties=typeface(11))
            return
        font = typeface(float(np.clip(LABELS["node"] * self._scale(width, height, 0.0), *_LABEL_FONT)))
        # Room at the borders for labels under, over or beside the outermost nodes.
        scale = self._scale(width, height, 2 * font.get_size_in_points() + LABEL_GAP)  # points per map unit
        low, high = (self.xy - self.radius[:, None]).min(axis=0), (self.xy + self.radius[:, None]).max(axis=0)
        origin = (low + high) / 2 - np.array([width, height]) / 2 / scale
        axes.set_xlim(origin[0], origin[0] + width / scale)
        axes.set_ylim(origin[1], origin[1] + height / scale)
        radius = np.maximum(self.radius * scale, _LEAST_RADIUS)  # points
        if self.loners is not None:
            self.draw_loners(axes, scale)
        axes.add_artist(Shapes("relations", self.relation_shapes(scale, radius / scale), zorder=1))
        axes.add_artist(Shapes("actors", self.actor_shapes(scale, radius / scale), zorder=2))
        taken = Grid(cell=4 * font.get_size_in_points())
        texts = [self.graph.nodes[n]["label"] for n in self.order]
        sizes = (lambda text: self.text_size(text, font), font.get_size_in_points(), self.line_height(font))
        labels = [(self.order[i], *place) for i, *place in actor_names((self.xy - origin) * scale, radius, texts, self.order, sizes, (width, height), taken)]
        for node, x, y, ha, va, _ in labels:
            axes.text(
                origin[0] + x / scale, origin[1] + y / scale, self.graph.nodes[node]["label"], ha=ha, va=va, color=INK,
                fontproperties=font, zorder=3, gid=f"label-{node}", parse_math=False,
            )  # fmt: skip
        boxes = [box for *_, box in labels]
        # Relations' names, as on the page: up to ``LARGE_MAP`` actors, where they fit after the actors' names.
        if len(self.order) <= LARGE_MAP and self.edges:
            small = typeface(font.get_size_in_points() * LABELS["edge"] / LABELS["node"])
            names = kinds_of(self.graph)
            texts = [names[a["kind"]].display for *_, a in self.edges]
            start, end, control = self.line_points(scale, origin)
            widths = [line_width(a["weight"], a["confidence"]) for *_, a in self.edges]
            order = sorted(range(len(self.edges)), key=lambda i: (-widths[i], self.edges[i][2]))
            pad = LABEL_PAD * small.get_size_in_points()
            placed = list(relation_names(start, end, control, texts, order, lambda t: self.text_size(t, small), pad, taken, (width, height)))
            for i, x, y, _ in placed:
                axes.text(
                    origin[0] + x / scale, origin[1] + y / scale, texts[i], ha="center", va="center", color=_RELATIONINK,
                    fontproperties=small, zorder=3, gid=f"name-{self.edges[i][2]}", parse_math=False,
                )  # fmt: skip
            boxes += [box for *_, box in placed]
        if boxes:
            # White halos, as on the page, readable over the relations: one layer, cheaper than a box for each text.
            corners = np.array(boxes) / scale + np.tile(origin, 2)
            inset = (LABEL_PAD - _HALO) * font.get_size_in_points() / scale
            corner, size = corners[:, :2] + inset, corners[:, 2:] - corners[:, :2] - 2 * inset
            halos = Layer(
                paths=[SQUARE] * len(boxes),
                affines=frames(corner[:, 0], corner[:, 1], size[:, 0], np.zeros(len(boxes)), across=size[:, 1] / size[:, 0]),
                faces=np.array([to_rgba("white", 0.75)] * len(boxes)),
            )
            axes.add_artist(Shapes("halos", [halos], zorder=2.5))

    def draw_loners(self, axes: Axes, scale: float) -> None:
        """The frame around the actors without relations and its caption, as on the page (under everything else)."""
        frame = self.loners
        assert frame is not None
        across, down = frame.right - frame.left, frame.bottom - frame.top
        axes.add_patch(Rectangle(
            (frame.left, -frame.bottom), across, down, facecolor=LONER_FRAME["fill"], edgecolor=LONER_FRAME["edge"],
            linewidth=0.5, zorder=0.5, gid="loners",
        ))  # fmt: skip
        font = typeface(_LABEL_FONT[0])
        size = font.get_size_in_points() / scale  # map units
        tall = down > across
        if self.text_size(frame.caption, font)[0] / scale + size <= (down if tall else across) and 1.5 * size <= (across if tall else down):
            axes.text(
                frame.left + size / 4, -frame.top - size / 2, frame.caption, ha="left", va="top", rotation=-90 if tall else 0,
                rotation_mode="anchor", color=LONER_FRAME["ink"], fontproperties=font, zorder=0.6, gid="loners-caption",
                parse_math=False,
            )  # fmt: skip

    def _scale(self, width: float, height: float, border: float) -> float:
        """Points per map unit that fit every node, with ``border`` points to spare on each side."""
        low, high = (self.xy - self.radius[:, None]).min(axis=0), (self.xy + self.radius[:, None]).max(axis=0)
        across, up = np.maximum(high - low, 1.0)
        return float(min((width - 2 * border) / across, (height - 2 * border) / up))

    def actor_shapes(self, scale: float, radius: Floats) -> list[Layer]:
        """One layer: each node's marker, ``radius`` map units from its centre to its side."""
        types = [self.graph.nodes[n]["type"] for n in self.order]
        units = {shape: _unit_marker(shape) for shape in MARKERS}
        size = 2 * radius  # the unit markers are one unit across
        changes = [self.graph.nodes[n].get("change") for n in self.order]
        border = float(np.clip(scale, *_BORDER))
        paints = [actor_paint(t, self.look.color(n, t)) for n, t in zip(self.order, types, strict=True)]
        alphas = self.node_alphas()
        layer = Layer(
            paths=[units[actor_style(t).shape] for t in types],
            affines=frames(self.xy[:, 0], self.xy[:, 1], size, np.zeros_like(size)),
            # A map of what changed (``diff_from``): removed actors as faint ghosts, added and changed ones in their colour.
            faces=np.array([to_rgba(paint[0], _GHOST if c == "removed" else faded) for paint, c, faded in zip(paints, changes, alphas, strict=True)]),
            edges=np.array([to_rgba(CHANGE_COLORS[c] if c else paint[1], faded) for paint, c, faded in zip(paints, changes, alphas, strict=True)]),
            widths=np.array([
                3 * border if c in ("added", "changed") else border * actor_style(t).border
                for t, c in zip(types, changes, strict=True)
            ]),
            dashes=[(0, (2.0, 1.5)) if c == "removed" else (0, None) for c in changes] if "removed" in changes else None,
            ids=[f"actor-{node}" for node in self.order],
        )
        return [layer]

    def node_alphas(self) -> list[float]:
        """Each actor's opacity: faded when a story's step makes others stand out."""
        kept = self.kept
        return [1.0 if kept is None or node in kept[0] else FADED for node in self.order]

    def line_points(self, scale: float, origin: Floats) -> tuple[Floats, Floats, Floats]:
        """Each relation's line in points from the axes' corner: its start, its end and its curve's control point (the
        middle when straight), as ``relation_shapes`` draws it."""
        bends = curves(self.graph)
        start = (self.xy[[self.index[u] for u, *_ in self.edges]] - origin) * scale
        end = (self.xy[[self.index[v] for _, v, *_ in self.edges]] - origin) * scale
        bend = np.array([_bend(bends[key]) for _, _, key, _ in self.edges])
        delta = end - start
        return start, end, (start + end) / 2 + bend[:, None] * np.column_stack([delta[:, 1], -delta[:, 0]])

    def relation_shapes(self, scale: float, radius: Floats) -> list[Layer]:
        """Two layers: each relation's line (curved when it shares its pair), then the arrowheads of directed ones."""
        edges = self.edges
        if not edges:
            return []
        bends = curves(self.graph)
        start = self.xy[[self.index[u] for u, *_ in edges]]
        end = self.xy[[self.index[v] for _, v, *_ in edges]]
        bend = np.array([_bend(bends[key]) for _, _, key, _ in edges])
        delta = end - start
        changes = [a.get("change") for *_, a in edges]
        # Colour by polarity, opacity by status (a claim lighter, an ended relation faded), as on the page.
        edge_colors = np.array([to_rgba(POLARITY_STYLE[polarity_name(a["polarity"])], line_opacity(a["status"])) for *_, a in edges])
        edge_colors[[i for i, c in enumerate(changes) if c == "removed"], 3] = _GHOST / 2  # removed relations: ghosts
        if self.kept is not None:
            edge_colors[[i for i, (*_, key, _) in enumerate(edges) if key not in self.kept[1]], 3] = FADED / 2
        widths = np.clip(np.array([line_width(a["weight"], a["confidence"]) for *_, a in edges]) * scale, *_LINE_WIDTH)
        # Dashes grow with the line, more slowly than matplotlib's own (in proportion), so that thin lines still show them.
        dashes: list[Dashes] = [
            (0, (1.0 * w**0.5, 3.0 * w**0.5)) if c == "removed" else pattern(polarity_name(a["polarity"]), a["mode"] == "indirect", w**0.5)
            for w, c, (*_, a) in zip(widths, changes, edges, strict=True)
        ]
        units = {b: unit_line(b) for b in set(bend.tolist())}
        paths = [units[b] for b in bend.tolist()]
        affines = frames(start[:, 0], start[:, 1], delta[:, 0], delta[:, 1])
        lines = Layer(paths=paths, affines=affines, edges=edge_colors, widths=widths, dashes=dashes, ids=[f"relation-{key}" for _, _, key, _ in edges])
        # Added and changed relations glow in their colour under their line, as on the page.
        glowing = [i for i, c in enumerate(changes) if c in ("added", "changed")]
        glows = [
            Layer(
                paths=[paths[i] for i in glowing],
                affines=affines[glowing],
                edges=np.array([to_rgba(CHANGE_COLORS[changes[i]], 0.45) for i in glowing]),
                widths=widths[glowing] + 5.0,
            )
        ] if glowing else []
        # An arrowhead's tip touches the target node and points along the line's last stretch: from arc3's control point
        # (``bend`` lengths off the middle, square to the line) when curved.
        directed = np.flatnonzero([bool(a["directed"]) for *_, a in edges])
        control = (start + end) / 2 + bend[:, None] * np.column_stack([delta[:, 1], -delta[:, 0]])
        toward = (end - control)[directed]
        toward /= np.maximum(np.hypot(toward[:, 0], toward[:, 1]), 1e-9)[:, None]
        tip = end[directed] - toward * radius[[self.index[edges[i][1]] for i in directed]][:, None]
        length = np.maximum(5.0, 3.5 * widths[directed]) / scale
        heads = Layer(
            paths=[ARROWHEAD] * len(directed),
            affines=frames(tip[:, 0], tip[:, 1], toward[:, 0] * length, toward[:, 1] * length),
            faces=edge_colors[directed],
        )
        # A relation at odds with the camps: a bar across the middle of its line, as on the page.
        barred = [i for i, (*_, key, _) in enumerate(edges) if key in self.look.against]
        half = BAR / 2 / np.maximum(np.hypot(delta[barred, 0], delta[barred, 1]) * scale, 1e-9)  # in line lengths
        bars = [
            Layer(
                paths=[Curve([(0.5, -b / 2 - h), (0.5, -b / 2 + h)]) for b, h in zip(bend[barred].tolist(), half.tolist(), strict=True)],
                affines=affines[barred],
                edges=edge_colors[barred],
                widths=np.maximum(widths[barred], 1.0),
            )
        ] if barred else []
        return [*glows, lines, heads, *bars]

    # Labels ----------------------------------------------------------------------------------


def _bend(curve: dict[str, Any] | bool) -> float:
    """A relation's arc3 ``rad``: 0 when straight; else the page's curve (its turn already set for the way the relation
    points), bounded so that a pair with many relations keeps its curves near the line."""
    if not isinstance(curve, dict):
        return 0.0
    side = 1.0 if curve["type"] == "curvedCW" else -1.0
    return side * _MOST_BEND * math.tanh(2 * float(curve["roundness"]) / _MOST_BEND)


def _inches(points: float) -> str:
    """Points as inches, rounded up to a tenth: enough, when given back as a size."""
    return f"{math.ceil(points / 7.2) / 10:g}"


def _wrap(words: list[str], joint: str, measure: Callable[[str], float], width: float) -> str:
    """``words`` joined by ``joint`` in lines no wider than ``width`` points (a word wider than that stands alone)."""
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]}{joint}{word}" if lines else word
        if lines and measure(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(lines)
