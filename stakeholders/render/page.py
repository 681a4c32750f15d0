"""What the HTML page shows, as plain data: vis-network nodes and edges, and the
records behind them (profiles, evidence, dates) for the side panel and filters.

Everything here is data, never markup: the page template serialises it as JSON
and the page's script shows every string with ``textContent``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..changes.records import STATUSES, RecordChange
from ..dates import PartialDate, date_text, widened
from ..errors import UsageError
from ..graph import kinds_of
from ..holds import Span, magnitude
from ..model import Actor, Dataset, Relation, Story, is_url, polarity_name
from ..names import suggestion
from ..questions.paths import DEFAULT_MAX_HOPS
from ..style import (
    CHANGE_COLORS,
    EDGE_OPACITY,
    FADED,
    LONER_FRAME,
    POLARITY_STYLE,
    UNGROUPED_COLOR,
    WEIGHT_WORDS,
    actor_paint,
    actor_style,
    claim_entries,
    group_color,
    line_opacity,
    line_pattern,
    line_width,
    node_size,
    scaled_sizes,
)
from ..terms import PATH_LIMIT
from .caption import source_line
from .layout import LonerFrame

if TYPE_CHECKING:
    from ..changes.compare import Changes

# Above this many actors the page drops what costs frames: edge labels (shown only
# around the selection and when zoomed in), hover, drawing edges while dragging or zooming.
LARGE_MAP = 300

#: The smallest node radius (vis-network ``size``, canvas pixels): whatever figure sizes
#: the nodes, the least of them stays a target one can click at the default zoom.
MIN_NODE_SIZE = 8.0

#: Labels, in screen pixels: full size from zoom 1 up, never smaller than ``least``
#: when zoomed out. The page draws as many as fit without covering one another or a
#: node (nodes under ``obstacle`` pixels of radius on screen do not count), the
#: biggest actors first; the rest show on zooming in (the map's script, ``placeLabels``). Large
#: maps label relations around the selection, and all in view once at most
#: ``edges_in_view`` relations touch the view.
LABELS = {"node": 16, "edge": 14, "least": 12, "obstacle": 2, "edges_in_view": 150, "face": "system-ui, sans-serif"}
#: How far below its node a label reaches at full size (vis-network pixels): the font, vis-network's 4 px, and a little.
LOWEST_LABEL = LABELS["node"] + 8


def _days(start: PartialDate | None, end: PartialDate | None) -> dict[str, str | None]:
    # Whole days for the date slider: a start of 2025-01 counts from 1 January.
    first, last = widened(start, end)
    return {"first": first, "last": last}


def _held(span: Span) -> dict[str, Any]:
    # When the relation holds, computed here by the one rule (``holds``): the page
    # compares whole days and never infers a date itself.
    return {**_days(span.start, span.end), "undated": span.undated, "reported": date_text(span.reported)}


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) and nothing else; other schemes never become links."""
    return url if is_url(url) else None


def curves(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any] | bool]:
    """A distinct curve for each of several relations between one pair, so none hides another
    (vis-network's ``smooth``; the static pictures bend the same way)."""
    by_pair: dict[tuple[str, str], list[tuple[str, bool]]] = defaultdict(list)
    for u, v, key in sorted(graph.edges(keys=True)):
        by_pair[(min(u, v), max(u, v))].append((key, u <= v))
    found: dict[str, dict[str, Any] | bool] = {}
    for keys in by_pair.values():
        if len(keys) == 1:
            found[keys[0][0]] = False
            continue
        for i, (key, forward) in enumerate(keys):
            # Alternate sides of the pair's line, widening: 0.15, -0.15, 0.3, -0.3... A curve turns clockwise
            # or not from its own start: a relation pointing the other way takes the other turn to bend to the same side.
            clockwise = (i % 2 == 0) == forward
            found[key] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW", "roundness": 0.15 * (i // 2 + 1)}
    return found


@dataclass(frozen=True)
class Look:
    """How nodes are drawn: shape always by actor type; colour by type unless ``groups``
    (actor id to group number, e.g. blocs or camps) is given; size by degree unless
    ``sizes`` (actor id to a figure, e.g. betweenness) is given."""

    groups: dict[str, int] | None = None
    group_names: tuple[str, ...] = ()
    sizes: dict[str, float] | None = None
    size_label: str | None = None
    #: Coloured by camp: the relations behind ties at odds with the camps, marked with a bar across their line.
    against: frozenset[str] = frozenset()
    #: The groups' own colours, in group order (a stance's diverging scale); None: the palette of camps and blocs.
    palette: tuple[str, ...] | None = None
    #: What the legend calls the actors in no group.
    ungrouped: str = "in none"

    def color(self, node: str, actor_type: str) -> str:
        return actor_style(actor_type).color if self.groups is None else self.group_color(self.groups.get(node))

    def group_color(self, group: int | None) -> str:
        if self.palette is not None and group is not None:
            return self.palette[group]
        return group_color(group)

    def group_name(self, node: str) -> str | None:
        """The name of the node's camp or bloc (``camp 1: ...``), as the legend shows it; None without groups."""
        number = self.groups.get(node) if self.groups is not None else None
        return self.group_names[number] if number is not None else None


def node_radii(graph: nx.MultiDiGraph, look: Look) -> dict[str, float]:
    """Each actor's vis-network ``size`` (half its square's side), as the page draws it and the layout makes room for."""
    sizes = scaled_sizes(look.sizes) if look.sizes is not None else {n: node_size(graph.degree(n)) for n in graph}
    return {node: max(MIN_NODE_SIZE, sizes.get(node, 12.0) / 2) for node in graph}


def vis_nodes(graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], look: Look) -> list[dict[str, Any]]:
    radii = node_radii(graph, look)
    nodes = []
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        style = actor_style(attrs["type"])
        fill, outline = actor_paint(attrs["type"], look.color(node, attrs["type"]))
        x, y = positions[node]
        node_record = {
            "id": node,
            "label": attrs["label"],
            "shape": style.shape,
            "size": radii[node],
            "color": {"background": fill, "border": outline, "highlight": {"background": fill, "border": "#000000"}},
            "x": x,
            "y": y,
        }
        if style.hollow:  # its outline carries the colour
            node_record["borderWidth"] = style.border
            node_record["color"]["highlight"]["border"] = outline
        nodes.append(node_record)
    return nodes


def _group_legend(look: Look, graph: nx.MultiDiGraph) -> list[dict[str, Any]] | None:
    if look.groups is None:
        return None
    counts = Counter(look.groups[n] for n in graph if n in look.groups)
    legend = [{"label": name, "color": look.group_color(i), "count": counts.get(i, 0)} for i, name in enumerate(look.group_names)]
    outside = graph.number_of_nodes() - sum(counts.values())
    if outside:
        legend.append({"label": look.ungrouped, "color": UNGROUPED_COLOR, "count": outside, "none": True})
    return legend


#: Pixels per unit of a line pattern (``style.LINE_PATTERNS``) at scale 1: hostile lines 8 px dashes, 4 px gaps.
_PATTERN_PX = 2


def _dashes(pattern: tuple[float, ...] | None) -> list[float] | None:
    return None if pattern is None else [_PATTERN_PX * length for length in pattern]


#: How a relation at odds with the camps is marked: a bar across the middle of its line (vis-network's middle
#: arrow of type "bar"), a mark of shape, not of colour; the pictures draw the same.
AGAINST_CAMPS = {"middle": {"enabled": True, "type": "bar", "scaleFactor": 0.7}}


def vis_edges(graph: nx.MultiDiGraph, large: bool, against: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    bends = curves(graph)
    kinds = kinds_of(graph)
    edges = []
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        color = POLARITY_STYLE[polarity_name(attrs["polarity"])]
        # Only what differs from the options every edge shares (``vis_options``): vis-network merges each
        # edge's own options one by one, the longest part of opening a large map.
        edge: dict[str, Any] = {
            "id": key,
            "from": u,
            "to": v,
            "color": {"color": color, "highlight": color},
            "width": line_width(attrs["weight"], attrs["confidence"]),
        }
        opacity = line_opacity(attrs["status"])
        if opacity != EDGE_OPACITY:
            edge["color"]["opacity"] = opacity
        pattern = line_pattern(polarity_name(attrs["polarity"]), attrs["mode"] == "indirect")
        if pattern:
            edge["dashes"] = _dashes(pattern)
        if key in against:
            edge["arrows"] = {**AGAINST_CAMPS, **({} if attrs["directed"] else {"to": {"enabled": False}})}
        elif not attrs["directed"]:
            edge["arrows"] = ""  # none, whatever the shared option: the page switches that one by zoom
        if bends[key]:
            edge["smooth"] = bends[key]
        if not large:
            edge["label"] = kinds[attrs["kind"]].display
        edges.append(edge)
    return edges


def _relation_record(relation: Relation, dataset: Dataset) -> dict[str, Any]:
    sources = dataset.sources_by_id
    names = dataset.actors_by_id
    return {
        "id": relation.id,
        "source": relation.source,
        "target": relation.target,
        "kind": relation.kind,
        "label": dataset.kinds_by_id[relation.kind].display,
        "polarity": relation.polarity_name,
        "directed": relation.directed,
        "mode": relation.mode,
        "via": [names[a].name for a in relation.via],
        "status": relation.status,
        "start": date_text(relation.start),
        "end": date_text(relation.end),
        **_held(dataset.spans[relation.id]),
        # For the pair's state, as ``holds.pair_state`` decides it: when the relation is known to have begun
        # (its own dates only; the oldest day otherwise) and how much its sign weighs.
        "began": dataset.spans[relation.id].began().isoformat(),
        "magnitude": magnitude(dataset.kinds_by_id[relation.kind]),
        "weight": relation.weight,
        "confidence": relation.confidence,
        "description": relation.description,
        "evidence": [
            {
                "quote": e.quote,
                "locator": e.locator,
                "source": sources[e.source].title,
                "publisher": sources[e.source].publisher,
                "date": date_text(sources[e.source].date),
                "url": safe_url(sources[e.source].url),
            }
            for e in relation.evidence
        ],
    }


def find_story(dataset: Dataset, story_id: str) -> Story:
    """The dataset's story ``story_id``, or a ``UsageError`` naming the ones it has (the page opens on it, the
    pictures draw it: ``story``)."""
    for story in dataset.stories:
        if story.id == story_id:
            return story
    if not dataset.stories:
        raise UsageError("the map has no stories: add them under 'stories:' in the dataset (see `stakeholders stories`)")
    raise UsageError(f'unknown story "{story_id}"' + suggestion(story_id, [s.id for s in dataset.stories], "see `stakeholders stories`"))


def _story_record(story: Story) -> dict[str, Any]:
    """A story for the page; each step's day is the last of its ``as_of`` period (the slider shows days), or null for
    all dates."""
    return {
        "id": story.id,
        "title": story.title,
        "description": story.description,
        "steps": [
            {
                "title": step.title, "text": step.text, "as_of": date_text(step.as_of), "day": _days(None, step.as_of)["last"],
                "focus": list(step.focus), "relations": list(step.relations),
            }
            for step in story.steps
        ],
    }


def _positions_of(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Each actor's positions, as its details list them: the issue's title, stance, salience, dates and quotes."""
    titles = {issue.id: issue.title for issue in dataset.issues}
    found: dict[str, list[dict[str, Any]]] = {}
    for position in dataset.positions:
        found.setdefault(position.actor, []).append(
            {
                "issue": titles.get(position.issue, position.issue), "stance": position.stance, "salience": position.salience,
                "start": date_text(position.start), "end": date_text(position.end),
                "evidence": [{"source": e.source, "said": e.said} for e in position.evidence],
            }
        )  # fmt: skip
    return found


def _actor_record(actor: Actor, look: Look, positions: Mapping[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "aliases": actor.aliases,
        "description": actor.description,
        "tags": actor.tags,
        "start": date_text(actor.start),
        "end": date_text(actor.end),
        **_days(actor.start, actor.end),
        "group": look.group_name(actor.id),
        "positions": (positions or {}).get(actor.id, []),
    }


def _mark_changes(records: list[dict[str, Any]], found: Mapping[str, RecordChange[Any]]) -> None:
    """Each record's change (added, removed, changed or None) and the fields that changed, in place."""
    for record in records:
        change = found.get(record["id"])
        record["change"] = None if change is None else change.status
        record["changed"] = list(change.changed) if change is not None else []


def _diff_legend(changes: Changes, actors: list[dict[str, Any]], relations: list[dict[str, Any]]) -> dict[str, Any]:
    """The two states' names and, per change, how many actors and relations the map draws with it."""
    counts = {
        status: {"actors": sum(a["change"] == status for a in actors), "relations": sum(r["change"] == status for r in relations)}
        for status in STATUSES
    }
    return {"from": changes.labels[0], "to": changes.labels[1], "counts": counts, "colors": CHANGE_COLORS}


def payload(
    graph: nx.MultiDiGraph,
    positions: dict[str, tuple[float, float]],
    physics: bool | None = None,
    look: Look = Look(),
    loners: LonerFrame | None = None,
) -> dict[str, Any]:
    """Everything the page needs, as JSON-ready data; ``loners``: the frame drawn around the actors without relations."""
    dataset: Dataset = graph.graph["dataset"]
    large = graph.number_of_nodes() > LARGE_MAP
    # Positions come from Python (components packed, room kept for labels): physics would
    # undo that, so it runs only on request (``--physics``), whatever the size.
    physics_on = bool(physics)
    relations = [dataset.relations_by_id[key] for *_, key in graph.edges(keys=True)]
    actors = [dataset.actors_by_id[node] for node in sorted(graph.nodes)]
    records = sorted((_relation_record(r, dataset) for r in relations), key=lambda r: r["id"])
    kind_counts = Counter(r.kind for r in relations)
    type_counts = Counter(a.type for a in actors)
    polarity_counts = Counter(r.polarity_name for r in relations)
    days = [d for r in records for d in (r["first"], r["last"]) if d is not None]
    changes = graph.graph.get("changes")  # set when the map draws what changed (``render_html(diff_from=...)``)
    weighted = sum(1 for r in relations if r.weight is not None)
    held = _positions_of(dataset)
    actor_records = [_actor_record(a, look, held) for a in actors]
    if changes is not None:
        _mark_changes(actor_records, changes.actors)
        _mark_changes(records, changes.relations)
    return {
        "title": graph.graph.get("title") or dataset.meta.title or dataset.name,
        "description": dataset.meta.description,
        "source_line": source_line(graph),
        "filters": graph.graph.get("filters", []),
        "nodes": vis_nodes(graph, positions, look),
        "edges": vis_edges(graph, large, look.against),
        "actors": actor_records,
        "relations": records,
        "diff": None if changes is None else _diff_legend(changes, actor_records, records),
        "legend": {
            "types": [
                {
                    "type": t, "shape": actor_style(t).shape, "count": n,
                    **dict(zip(("color", "outline"), actor_paint(t, actor_style(t).color if look.groups is None else UNGROUPED_COLOR), strict=True)),
                }
                for t, n in sorted(type_counts.items())
            ],
            "groups": _group_legend(look, graph),
            "against": len(look.against) or None,
            "size": look.size_label or "number of relations",
            "polarities": [
                {"name": name, "color": POLARITY_STYLE[name], "dashes": _dashes(line_pattern(name, False)), "count": polarity_counts.get(name, 0)}
                for name in ("cooperative", "hostile", "neutral")
            ],
            "indirect": _dashes(line_pattern("cooperative", True)),
            # Line width by weight, explained when some relation has one: the widest a line gets, and the count.
            "weight": {"words": WEIGHT_WORDS, "width": line_width(1.0, None), "count": weighted} if weighted else None,
            "claims": [
                {"label": c.label, **({} if c.opacity is None else {"opacity": c.opacity}), "width": c.width, "count": c.count}
                for c in claim_entries(attrs for *_, attrs in graph.edges(data=True))
            ],
            "kinds": [
                {"id": k, "label": dataset.kinds_by_id[k].display, "polarity": polarity_name(dataset.kinds_by_id[k].polarity), "count": n}
                for k, n in sorted(kind_counts.items())
            ],
        },
        "dates": {"min": min(days), "max": max(days)} if days else None,
        "as_of": _days(None, dataset.meta.as_of)["last"],
        "large": large,
        "loners": None if loners is None else {
            "box": [loners.left, loners.top, loners.right, loners.bottom], "caption": loners.caption, "colors": LONER_FRAME,
        },
        "labels": LABELS,
        "stories": [_story_record(story) for story in dataset.stories],
        "faded": FADED,
        # As ``stakeholders path`` searches: at most this many paths, and how far "all paths" looks by default.
        "paths": {"limit": PATH_LIMIT, "max_hops": DEFAULT_MAX_HOPS},
        "options": vis_options(large, physics_on),
    }


def vis_options(large: bool, physics: bool) -> dict[str, Any]:
    """vis-network options: positions come from Python, so no improvedLayout, and physics is bounded."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "springLength": 190, "avoidOverlap": 0.5},
            "stabilization": {"enabled": physics, "iterations": 150, "updateInterval": 50, "fit": True},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        # Font size 0: no label is drawn until the page has chosen the ones that fit (``LABELS``).
        "nodes": {
            "font": {"size": 0, "face": LABELS["face"], "strokeWidth": 4, "strokeColor": "#ffffff", "color": "#1d2430"},
            "labelHighlightBold": False,
            "borderWidth": 1,
        },
        "edges": {
            # Horizontal, on a white halo: readable whatever the edge's angle.
            "font": {
                "size": 0, "face": LABELS["face"], "align": "horizontal", "strokeWidth": 5, "strokeColor": "#ffffff", "color": "#333333",
            },
            "labelHighlightBold": False,
            # A hub's thousands of relations, each thicker when it is selected, made a wall on a large map.
            "selectionWidth": 0 if large else 2,
            "smooth": False,
            "color": {"opacity": EDGE_OPACITY},
            # Directed relations' arrowheads: the page turns them on once big enough to see (labels.js).
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}},
        },
    }
