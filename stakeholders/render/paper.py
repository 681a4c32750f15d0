"""Type and marks on paper, shared by the pictures' map and their legends: the font every string is set in,
the markers of the page's shapes, line patterns in points, and the inks."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.font_manager import FontProperties

from ..style import line_pattern

Dashes = tuple[float, tuple[float, ...] | None]  # offset and on-off lengths in points, as matplotlib's line styles

FONTS_FOLDER = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
#: The font every string is set in: found by path, so that no other font on the machine stands in.
FONT, BOLD_FONT = FONTS_FOLDER / "DejaVuSans.ttf", FONTS_FOLDER / "DejaVuSans-Bold.ttf"


# vis-network shapes (``style.ActorStyle.shape``) as matplotlib markers.
MARKERS = {"dot": "o", "square": "s", "diamond": "D", "triangle": "^", "triangleDown": "v", "hexagon": "h", "star": "*"}
INK, MUTED = "#1d2430", "#555555"
BAR = 7.0  # points across a line at odds with the camps


def typeface(size: float, bold: bool = False) -> FontProperties:
    return FontProperties(fname=BOLD_FONT if bold else FONT, size=size, weight="bold" if bold else "normal")


# Points per unit of a line pattern (``style.LINE_PATTERNS``) for a line of width 1: hostile dashes 3.5 points.
PATTERN_PT = 0.875


def pattern(polarity: str, indirect: bool, scale: float = 1.0) -> Dashes:
    """A relation's dashes in points, from the pattern the page draws too."""
    pattern = line_pattern(polarity, indirect)
    return (0, None if pattern is None else tuple(PATTERN_PT * scale * length for length in pattern))


