"""How actors and relations look, shared by the HTML map and every exporter.

One table so that the HTML legend, GEXF ``viz:`` attributes and Graphviz colours
agree. Actor hues avoid the polarity colours of relations (green, red, grey), so
a node is never mistaken for an edge's meaning.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from .model import polarity_name
from .vocabulary import POLARITY_COLORS


@dataclass(frozen=True)
class ActorStyle:
    """``shape`` is a vis-network shape; ``gexf_shape`` and ``dot_shape`` its nearest in GEXF and Graphviz.
    ``hollow``: drawn as a white centre in a thick outline (``actor_paint``)."""

    color: str
    shape: str
    gexf_shape: str
    dot_shape: str
    hollow: bool = False

    @property
    def border(self) -> float:
        """How many times a filled mark's outline this type's is: a hollow mark's is thick, carrying its colour."""
        return HOLLOW_BORDER if self.hollow else 1.0


#: Shape and fill tell the 11 types apart without colour (a map coloured by camp, a colour-blind reader):
#: vis-network has 7 shapes, so 4 types take a hollow one beside a filled one.
ACTOR_STYLES: dict[str, ActorStyle] = {
    "person": ActorStyle("#E69F00", "dot", "disc", "ellipse"),
    "state": ActorStyle("#0072B2", "square", "square", "box"),
    "government": ActorStyle("#56B4E9", "diamond", "diamond", "diamond"),
    "armed-group": ActorStyle("#D55E00", "triangle", "triangle", "triangle"),
    "political-party": ActorStyle("#CC79A7", "hexagon", "disc", "hexagon"),
    "community": ActorStyle("#8E6BB8", "star", "disc", "star"),
    "intergovernmental-org": ActorStyle("#332288", "square", "square", "box3d", hollow=True),
    "ngo": ActorStyle("#44AA99", "triangleDown", "triangle", "invtriangle"),
    "company": ActorStyle("#A6761D", "hexagon", "disc", "component", hollow=True),
    "media": ActorStyle("#DDCC77", "diamond", "diamond", "note", hollow=True),
    "other": ActorStyle("#AAAAAA", "dot", "disc", "ellipse", hollow=True),
}
#: The outline of a filled node, and how much thicker a hollow node's outline is.
NODE_BORDER, HOLLOW_BORDER = "#333333", 3.0


def _luminance(color: str) -> float:
    """WCAG's relative luminance of #rrggbb."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def outline_of(color: str, contrast: float = 3.0) -> str:
    """``color`` as an outline on white: itself if it stands out at ``contrast``:1 (WCAG's 3:1 for graphics), else
    darkened until it does (media's #DDCC77 is 1.6:1 on white)."""
    keep, shade = 1.0, color
    while 1.05 / (_luminance(shade) + 0.05) < contrast:
        keep -= 0.05
        shade = "#" + "".join(f"{round(int(color[i : i + 2], 16) * keep):02x}" for i in (1, 3, 5))
    return shade


def actor_paint(actor_type: str, color: str) -> tuple[str, str]:
    """A node's (fill, outline) for its type, in ``color`` (its type's own, or its group's when coloured by group)."""
    return ("#ffffff", outline_of(color)) if actor_style(actor_type).hollow else (color, NODE_BORDER)

#: Relation colour by polarity name, as in the legend.
POLARITY_STYLE: dict[str, str] = {polarity_name(p): color for p, color in POLARITY_COLORS.items()}

#: The second channel beside colour, so that friend and enemy read without it (colour blindness, grey
#: print): hostile relations dashed, indirect ones dotted, an indirect hostile one dash-dot; the rest solid.
#: Lengths in units (dash, gap, ...), which each renderer scales: the page to pixels, pictures to points by
#: the line's width. One table for the page, its legend and the pictures.
LINE_PATTERNS: dict[tuple[bool, bool], tuple[float, ...]] = {
    (True, False): (4.0, 2.0),  # hostile
    (False, True): (1.0, 2.0),  # indirect
    (True, True): (4.0, 2.0, 1.0, 2.0),  # indirect and hostile
}


#: How sure a relation is, drawn, so that a claim does not look like a fact: a line's opacity by status
#: (announced and pending, not yet shown to hold, lighter; ended faded; the rest at ``EDGE_OPACITY``), and
#: half the width below ``LOW_CONFIDENCE``. The page, its legend and the pictures read these.
EDGE_OPACITY = 0.85
STATUS_OPACITY: dict[str, float] = {"announced": 0.4, "pending": 0.4, "ended": 0.25}
LOW_CONFIDENCE = 0.5
#: Opacity of what does not stand out when a selection, a path or a story's step makes some actors stand out.
FADED = 0.15


def line_width(weight: float | None, confidence: float | None) -> float:
    """A relation's line width in pixels at scale 1: by weight (a quarter when unset), halved when its confidence is low."""
    width = 1.5 + 3.0 * (weight if weight is not None else 0.25)
    return width / 2 if confidence is not None and confidence < LOW_CONFIDENCE else width


#: The legend's words for line width, shown when some relation has a weight.
WEIGHT_WORDS = "thicker: greater weight"


def line_opacity(status: str | None) -> float:
    """A relation's line opacity by its status."""
    return STATUS_OPACITY.get(status or "", EDGE_OPACITY)


#: Width of a line in a legend (pixels on the page, points in a picture).
LEGEND_LINE = 2.5


class ClaimEntry(NamedTuple):
    """One legend entry for how sure relations are: its words, its line (opacity, width) and how many it covers."""

    label: str
    opacity: float | None  # None: the legend's usual line
    width: float
    count: int


def claim_entries(edges: Iterable[Mapping[str, Any]]) -> list[ClaimEntry]:
    """The legend's entries for how sure the relations (edge attributes) are, drawn as their lines are, for those
    the map has: one list for the page's legend and the pictures'."""
    edges = list(edges)
    entries = [
        ClaimEntry("announced or pending: lighter", STATUS_OPACITY["announced"], LEGEND_LINE, sum(a["status"] in ("announced", "pending") for a in edges)),
        ClaimEntry("ended: faded", STATUS_OPACITY["ended"], LEGEND_LINE, sum(a["status"] == "ended" for a in edges)),
        ClaimEntry(
            f"confidence under {LOW_CONFIDENCE:g}: thinner",
            None,
            LEGEND_LINE / 2,  # as ``line_width`` halves a line
            sum(a["confidence"] is not None and a["confidence"] < LOW_CONFIDENCE for a in edges),
        ),
    ]
    return [entry for entry in entries if entry.count]


def line_pattern(polarity: str, indirect: bool) -> tuple[float, ...] | None:
    """The dash pattern of a relation's line (None: solid), from its polarity name and whether it is indirect."""
    return LINE_PATTERNS.get((polarity == "hostile", indirect))


#: Colours for numbered groups (blocs, camps), when the map is coloured by group instead of type.
GROUP_COLORS: tuple[str, ...] = (
    "#4477AA", "#EE7733", "#228833", "#AA3377", "#66CCEE", "#CCBB44", "#BB5566", "#009988", "#332288", "#997700",
)  # fmt: skip
#: Colour of actors outside every group (no cooperative or signed tie).
UNGROUPED_COLOR = "#DDDDDD"
#: Stance from opposing to supporting: ColorBrewer's five-class PuOr, a diverging scale colour-blind readers tell
#: apart; the map's five bins of stance (``render --color-by stance:ISSUE``), and the grid's scale through its ends
#: and middle.
STANCE_PALETTE = ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99")

#: On a map of what changed (``render --diff-from``): added and changed actors and relations are drawn in
#: their colour (a thick border, a glow along the line); removed ones stay as faint ghosts, outlined in grey.
#: Added in near-black: apart from the blue, red and grey of the polarities and the orange of "changed"
#: under every simulated colour-vision deficiency.
CHANGE_COLORS: dict[str, str] = {"added": "#212121", "removed": "#9e9e9e", "changed": "#ef6c00"}


def group_color(group: int | None) -> str:
    return UNGROUPED_COLOR if group is None else GROUP_COLORS[group % len(GROUP_COLORS)]


def actor_style(actor_type: str) -> ActorStyle:
    return ACTOR_STYLES.get(actor_type, ACTOR_STYLES["other"])


def node_size(degree: int) -> float:
    """Node size from the number of relations: grows with the square root, so hubs stay readable."""
    return round(12.0 + 6.0 * math.sqrt(degree), 2)


def scaled_sizes(values: dict[str, float], smallest: float = 12.0, largest: float = 60.0) -> dict[str, float]:
    """Node sizes from any figure (a centrality): the lowest value gets ``smallest``, the highest ``largest``."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    span = (high - low) or 1.0
    return {node: round(smallest + (largest - smallest) * (value - low) / span, 2) for node, value in values.items()}


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#E69F00"`` as ``(230, 159, 0)``, for formats that want channels (GEXF ``viz:color``)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


#: The frame around the actors without relations, on the page and in pictures: fill, border, caption.
LONER_FRAME = {"fill": "#f3f4f6", "edge": "#b8bec8", "ink": "#4a5160"}
