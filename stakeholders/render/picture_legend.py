"""The pictures' legends: actor types, camps or blocs, relations and changes, each entry drawn as the map draws its
marks, from the same style table as the page's legend."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from matplotlib.artist import Artist
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke

from ..changes.records import STATUSES
from ..model import polarity_name
from ..style import (
    CHANGE_COLORS,
    NODE_BORDER,
    POLARITY_STYLE,
    UNGROUPED_COLOR,
    WEIGHT_WORDS,
    actor_paint,
    actor_style,
    claim_entries,
    line_width,
)
from .paper import BAR, MARKERS, MUTED, pattern, typeface

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

    from .page import Look

_GROUP_LINE = 44  # characters a line in the legend of camps or blocs


class Legends:
    """The legends of a picture (``static._Drawing``): its graph, look, actors and relations in drawing order."""

    graph: nx.MultiDiGraph
    look: Look
    color_by: str
    order: list[str]
    edges: list[tuple[str, str, str, dict[str, Any]]]
    fig: Figure

    def legends(self) -> list[Legend]:
        """The legends, top to bottom: actor types, groups (when coloured by group), relations."""
        entries = [("Actors" if self.look.groups is None else "Actors (shape)", "legend-actors", list(self.type_entries()))]
        if self.look.groups is not None:
            word = {"community": "Blocs", "camp": "Camps"}.get(self.color_by, "Stance")
            entries.append((word, "legend-groups", list(self.group_entries())))
        relations = list(self.relation_entries())
        if relations:
            entries.append(("Relations", "legend-relations", relations))
        changes = self.graph.graph.get("changes")
        if changes is not None:
            entries.append((f"Changes, {changes.labels[0]} to {changes.labels[1]}", "legend-changes", list(self.change_entries())))
        made = []
        for heading, gid, rows in entries:
            if not rows:
                continue
            handles, labels = zip(*rows, strict=True)
            legend = self.fig.legend(
                handles, labels, loc="upper left", bbox_to_anchor=(0, 1), frameon=False, prop=typeface(9), title=heading,
                title_fontproperties=typeface(9.5, bold=True), alignment="left", borderaxespad=0, borderpad=0, handlelength=2.2,
            )  # fmt: skip
            legend.set_gid(gid)
            for text in [*legend.get_texts(), legend.get_title()]:
                text.set_parse_math(False)
            made.append(legend)
        return made

    def type_entries(self) -> Iterator[tuple[Artist, str]]:
        counts = Counter(self.graph.nodes[n]["type"] for n in self.order)
        for actor_type, count in sorted(counts.items()):
            style = actor_style(actor_type)
            fill, outline = actor_paint(actor_type, style.color if self.look.groups is None else UNGROUPED_COLOR)
            marker = MARKERS.get(style.shape, "o")
            width = 0.6 * style.border
            handle = Line2D([], [], linestyle="none", marker=marker, markersize=8, markerfacecolor=fill, markeredgecolor=outline, markeredgewidth=width)
            yield handle, f"{actor_type} ({count:,})"

    def group_entries(self) -> Iterator[tuple[Artist, str]]:
        groups = self.look.groups or {}
        counts = Counter(groups.get(n) for n in self.order)
        # Whole names, wrapped between words (cut, "Hayat Tahrir al-Sham" read "Hay…").
        named = [(self.look.group_color(i), textwrap.fill(name, _GROUP_LINE), counts.get(i, 0)) for i, name in enumerate(self.look.group_names)]
        if counts.get(None):
            named.append((UNGROUPED_COLOR, self.look.ungrouped, counts[None]))
        for color, name, count in named:
            yield Patch(facecolor=color, edgecolor=NODE_BORDER, linewidth=0.5), f"{name} ({count:,})"

    def relation_entries(self) -> Iterator[tuple[Artist, str]]:
        edges = [attrs for *_, attrs in self.edges]
        polarities = Counter(polarity_name(a["polarity"]) for a in edges)
        for name in ("cooperative", "hostile", "neutral"):
            if polarities.get(name):
                handle = Line2D([], [], color=POLARITY_STYLE[name], linewidth=2.5, linestyle=pattern(name, False, 2.5**0.5))
                yield handle, f"{name} ({polarities[name]:,})"
        modes = Counter(a["mode"] for a in edges)
        if modes.get("direct"):
            yield Line2D([], [], color=MUTED, linewidth=1.5), "direct"
        if modes.get("indirect"):
            yield Line2D([], [], color=MUTED, linewidth=1.5, linestyle=pattern("cooperative", True, 1.5**0.5)), "indirect (dotted)"
        if any(a["directed"] for a in edges):
            yield Line2D([], [], color=MUTED, linewidth=1.5, marker=">", markersize=6), "directed: arrow at the target"
        weighted = sum(1 for a in edges if a["weight"] is not None)
        if weighted:
            yield Line2D([], [], color=MUTED, linewidth=line_width(1.0, None)), f"{WEIGHT_WORDS} ({weighted:,})"
        if self.look.against:
            bar = Line2D([], [], color=MUTED, linewidth=1.5, marker="|", markersize=BAR, markevery=[1])
            bar.set_data([0, 0.5, 1], [0, 0, 0])
            yield bar, f"at odds with the camps ({len(self.look.against):,})"
        # How sure: the page's legend's entries, for what this map has.
        for entry in claim_entries(edges):
            yield Line2D([], [], color=MUTED, alpha=entry.opacity, linewidth=entry.width), f"{entry.label} ({entry.count:,})"

    def change_entries(self) -> Iterator[tuple[Artist, str]]:
        actors = Counter(self.graph.nodes[n].get("change") for n in self.order)
        relations = Counter(a.get("change") for *_, a in self.edges)
        for status in STATUSES:
            # As the map draws it: an actor outlined and a relation glowing in the change's colour; removed, ghosts.
            color = CHANGE_COLORS[status]
            if status == "removed":
                handle = Line2D([0, 1], [0, 0], color=MUTED, alpha=0.3, linewidth=2, linestyle=(0, (1.0, 2.0)), marker="o", markevery=[0],
                                markerfacecolor="#9e9e9e", markeredgecolor=NODE_BORDER)  # fmt: skip
            else:
                handle = Line2D([0, 1], [0, 0], color=MUTED, linewidth=2, marker="o", markevery=[0], markerfacecolor="#c9ced6",
                                markeredgecolor=color, markeredgewidth=2, path_effects=[withStroke(linewidth=6, foreground=color, alpha=0.45)])  # fmt: skip
            yield handle, f"{status} ({actors.get(status, 0):,} actors, {relations.get(status, 0):,} relations)"
