"""stakeholders: map who relates to whom in a political situation.

    >>> import stakeholders
    >>> data = stakeholders.load("data/syria-2025.yaml")
    >>> graph = stakeholders.to_graph(data, as_of="2025-05")

Everything but the exceptions loads on first use (pydantic with the data
model, networkx with the graph), so that importing this package, and the
command line's ``--help``, stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousActorError,
    BadRowsError,
    DataError,
    DatasetNotFoundError,
    EmptyResultError,
    InvalidDateError,
    NoPathError,
    ParseError,
    Problem,
    StakeholdersError,
    UnknownActorError,
    UsageError,
    ValidationError,
)
from .export import export  # the function: the subpackage stays stakeholders.export's home

if TYPE_CHECKING:
    from .analysis.balance import camps
    from .analysis.centrality import communities, node_metric, sampled_betweenness
    from .analysis.report import analyze, generate_report_csv
    from .changes.compare import Changes, compare, compare_dates, union_graph
    from .changes.git import load_revision
    from .changes.serialize import changes_json, changes_markdown, changes_text
    from .dates import PartialDate
    from .events import aggregate_events, events_map, events_sql, events_summary, import_events, read_aggregate, write_events_map
    from .extract import Article, Draft, extract_draft, read_article, write_draft
    from .graph import filter_graph, focus_graph, to_graph
    from .ingest import from_dict, load
    from .ingest.sheets import import_sheets, read_sheets
    from .merge import Duplicate, MergeResult, find_duplicates, merge_maps, read_same_as, write_merged, write_same_as
    from .model import Actor, Dataset, Evidence, Issue, Meta, Position, Relation, RelationKind, Source, Story, StoryStep
    from .names import NameIndex, normalize
    from .questions.mediators import find_mediators
    from .questions.neighbors import neighborhood
    from .questions.network import ActorPath, Hop, Network, build_network
    from .questions.paths import find_paths
    from .questions.positions import Forecast, Standing, find_issue, forecast, influences, positions_on
    from .questions.serialize import mediation_json, neighborhood_json, path_json, paths_json, timeline_json
    from .questions.timeline import find_actor, select_relations, timeline
    from .render import generate_html, render_html
    from .render.grid import grid_figure, render_grid
    from .render.notebook import Map
    from .render.static import render_static, static_figure
    from .render.story import render_story, story_figures
    from .vocabulary import DEFAULT_KINDS

__version__ = "0.1.0"

# Imported on first use: these pull in pydantic, networkx, igraph or jinja2.
_LAZY = {
    "PartialDate": "dates",
    "load": "ingest",
    "from_dict": "ingest",
    **dict.fromkeys(["Actor", "Dataset", "Evidence", "Issue", "Meta", "Position", "Relation", "RelationKind", "Source", "Story", "StoryStep"], "model"),
    "NameIndex": "names",
    "normalize": "names",
    "DEFAULT_KINDS": "vocabulary",
    "to_graph": "graph",
    "filter_graph": "graph",
    "focus_graph": "graph",
    "render_html": "render",
    "generate_html": "render",
    "render_static": "render.static",
    "static_figure": "render.static",
    "render_story": "render.story",
    "story_figures": "render.story",
    "Map": "render.notebook",
    "analyze": "analysis.report",
    "generate_report_csv": "analysis.report",
    "node_metric": "analysis.centrality",
    "sampled_betweenness": "analysis.centrality",
    "communities": "analysis.centrality",
    "camps": "analysis.balance",
    "import_sheets": "ingest.sheets",
    **dict.fromkeys(["aggregate_events", "events_sql", "read_aggregate", "events_map", "write_events_map", "import_events", "events_summary"], "events"),
    **dict.fromkeys(["extract_draft", "write_draft", "read_article", "Article", "Draft"], "extract"),
    **dict.fromkeys(["find_duplicates", "merge_maps", "read_same_as", "write_same_as", "write_merged", "Duplicate", "MergeResult"], "merge"),
    "read_sheets": "ingest.sheets",
    "find_paths": "questions.paths",
    **dict.fromkeys(["positions_on", "forecast", "find_issue", "influences", "Forecast", "Standing"], "questions.positions"),
    **dict.fromkeys(["render_grid", "grid_figure"], "render.grid"),
    "build_network": "questions.network",
    "Network": "questions.network",
    "ActorPath": "questions.network",
    "Hop": "questions.network",
    "neighborhood": "questions.neighbors",
    "find_mediators": "questions.mediators",
    "find_actor": "questions.timeline",
    "select_relations": "questions.timeline",
    "timeline": "questions.timeline",
    "path_json": "questions.serialize",
    "paths_json": "questions.serialize",
    "neighborhood_json": "questions.serialize",
    "mediation_json": "questions.serialize",
    "timeline_json": "questions.serialize",
    **dict.fromkeys(["Changes", "compare", "compare_dates", "union_graph"], "changes.compare"),
    **dict.fromkeys(["changes_json", "changes_text", "changes_markdown"], "changes.serialize"),
    "load_revision": "changes.git",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Changes",
    "changes_json",
    "changes_markdown",
    "changes_text",
    "compare",
    "compare_dates",
    "load_revision",
    "union_graph",
    "ActorPath",
    "Hop",
    "Network",
    "NoPathError",
    "EmptyResultError",
    "build_network",
    "find_actor",
    "find_mediators",
    "find_paths",
    "mediation_json",
    "neighborhood",
    "neighborhood_json",
    "path_json",
    "paths_json",
    "select_relations",
    "timeline",
    "timeline_json",
    "DEFAULT_KINDS",
    "analyze",
    "camps",
    "communities",
    "export",
    "focus_graph",
    "generate_html",
    "generate_report_csv",
    "import_sheets",
    "aggregate_events",
    "events_map",
    "events_sql",
    "events_summary",
    "import_events",
    "read_aggregate",
    "write_events_map",
    "extract_draft",
    "write_draft",
    "read_article",
    "Article",
    "Draft",
    "find_duplicates",
    "merge_maps",
    "read_same_as",
    "write_same_as",
    "write_merged",
    "Duplicate",
    "MergeResult",
    "positions_on",
    "forecast",
    "find_issue",
    "influences",
    "Forecast",
    "Standing",
    "render_grid",
    "grid_figure",
    "Issue",
    "Position",
    "node_metric",
    "sampled_betweenness",
    "read_sheets",
    "render_html",
    "render_static",
    "static_figure",
    "render_story",
    "story_figures",
    "Map",
    "Actor",
    "AmbiguousActorError",
    "BadRowsError",
    "DataError",
    "Dataset",
    "DatasetNotFoundError",
    "Evidence",
    "InvalidDateError",
    "Meta",
    "NameIndex",
    "ParseError",
    "PartialDate",
    "Problem",
    "Relation",
    "RelationKind",
    "Source",
    "StakeholdersError",
    "Story",
    "StoryStep",
    "UnknownActorError",
    "UsageError",
    "ValidationError",
    "filter_graph",
    "from_dict",
    "load",
    "normalize",
    "to_graph",
]
