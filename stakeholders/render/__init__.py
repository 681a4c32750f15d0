"""The interactive HTML map: one self-contained file, nothing loaded from the network.

Our own template (pyvis's stock one links CDNs and writes data as raw HTML) is
rendered by Jinja, pyvis's template engine, with the nodes and edges as JSON;
vis-network's script and styles come from inside the pyvis wheel and are inlined.
pyvis itself is never imported: its ``Network`` would only hand our template the
same lists, and importing it imports IPython (0.3 s, a third of a small map's
render). Positions are computed in Python (see ``layout``).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import importlib.util
from pathlib import Path
from typing import Any, Unpack

import networkx as nx

from ..atomic import is_stream, write_atomic
from ..errors import UsageError
from ..filters import Criteria
from ..graph import graph_of
from ..model import Dataset
from ..progress import Progress, silent
from ..terms import COLOR_BY, STANCE_PREFIX
from .layout import loner_frame, positions
from .page import LABELS, LOWEST_LABEL, Look, node_radii, payload

_ASSETS = importlib.resources.files(__package__) / "assets"
_VIS_VERSION = "vis-9.1.2"


def _vis_asset(name: str) -> str:
    # Found through the import system without importing pyvis (which pulls in IPython).
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise RuntimeError("pyvis is not installed; it ships the vis-network library the map needs")
    return (Path(spec.origin).parent / "lib" / _VIS_VERSION / name).read_text(encoding="utf-8")


#: The page's script, by concern, in the order it runs: one closure, cut into files that are joined (``page_script``);
#: ``state`` opens the closure and ``start`` closes it.
SCRIPT_PARTS = ("state", "text", "filters", "panels", "legend", "controls", "room", "labels", "lists", "paths", "mediators", "stories", "views", "exports", "start")


def page_script() -> str:
    """The page's script: the parts of ``assets/map/`` joined in order."""
    return "".join((_ASSETS / "map" / f"{part}.js").read_text(encoding="utf-8") for part in SCRIPT_PARTS)


def _inline_script(code: str) -> str:
    # An inlined script ends at the first "</script": never let one through.
    return code.replace("</script", "<\\/script")


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def look(graph: nx.MultiDiGraph, size_by: str | None = None, color_by: str = "type") -> Look:
    """Node colours and sizes from the network analysis: ``size_by`` a centrality
    (``figures.METRICS``), ``color_by`` one of ``COLOR_BY``."""
    if color_by not in COLOR_BY and not color_by.startswith(STANCE_PREFIX):
        raise UsageError(f'unknown colouring "{color_by}"; use one of {", ".join(COLOR_BY)}, or {STANCE_PREFIX}ISSUE')
    groups: dict[str, int] | None = None
    names: tuple[str, ...] = ()
    against: frozenset[str] = frozenset()
    palette: tuple[str, ...] | None = None
    if color_by.startswith(STANCE_PREFIX):
        groups, names, palette = _stance_groups(graph.graph["dataset"], color_by.removeprefix(STANCE_PREFIX))
    elif color_by in ("community", "camp"):
        # Numbered and named as in every other output (``analysis.groups``): bloc 1 here is bloc 1 in ``analyze``.
        from ..analysis.groups import bloc_groups, camps_and_frustration

        found, against = (bloc_groups(graph), frozenset()) if color_by == "community" else camps_and_frustration(graph)
        word = "bloc" if color_by == "community" else "camp"
        groups = {actor: group.number - 1 for group in found for actor in group.members}
        names = tuple(f"{word} {group.number}: {group.name}" for group in found)
    metric = None
    if size_by is not None:
        from ..analysis.centrality import node_metric

        metric = node_metric(graph, size_by)
    return Look(groups, names, metric, size_by, against, palette, "no position" if palette is not None else "in none")


#: The stances' bins, from opposing to supporting, coloured by ``style.STANCE_PALETTE``.
_STANCE_BINS = ((-1.0, "opposes"), (-0.6, "leans against"), (-0.2, "neutral"), (0.2, "leans toward"), (0.6, "supports"))


def _stance_groups(dataset: Any, issue: str) -> tuple[dict[str, int], tuple[str, ...], tuple[str, ...]]:
    """Actors grouped by their latest stance on ``issue`` in five bins, the bins' names (with the issue's words for
    its ends), and their colours; actors without a position fall in none."""
    from ..questions.positions import find_issue, latest_positions
    from ..style import STANCE_PALETTE

    found = find_issue(dataset, issue)
    groups = {}
    for actor, position in latest_positions(dataset, found).items():
        groups[actor] = max(k for k, (low, _) in enumerate(_STANCE_BINS) if position.stance >= low - 1e-9)
    ends = {"opposes": found.low, "supports": found.high}
    names = tuple(f"{word}: {ends[word]}" if ends.get(word) else word for _, word in _STANCE_BINS)
    return groups, names, STANCE_PALETTE


def placed(
    graph: nx.MultiDiGraph, size_by: str | None = None, color_by: str = "type"
) -> tuple[Look, dict[str, float], dict[str, tuple[float, float]]]:
    """How the actors are drawn (``look``), how big (``node_radii``) and where (``positions``): one answer for the page
    and the static pictures."""
    drawn = look(graph, size_by, color_by)
    radii = node_radii(graph, drawn)
    # Room for each label as the page draws it: its node's own size and the labels' full font size.
    return drawn, radii, positions(graph, sizes=radii, font_size=LABELS["node"], least_font=LABELS["least"])


#: The map's file formats: the interactive page, then the static pictures (``static``).
FORMATS = ("html", "svg", "png", "pdf")
_SUFFIXES = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png", ".pdf": "pdf"}


def format_of(path: str | Path | None, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else the path's suffix, else html (no path, or a stream).

    A suffix of one format with ``fmt`` another is refused (PNG bytes in a .svg
    file); ``fmt`` serves a name whose suffix is not a map format, and a stream.
    """
    suffix = Path(path).suffix.lower() if path is not None else ""
    if fmt is not None:
        chosen = fmt.lower()
        if chosen not in FORMATS:
            raise UsageError(f'unknown map format "{fmt}"; use one of {", ".join(FORMATS)}')
        if suffix in _SUFFIXES and _SUFFIXES[suffix] != chosen:
            raise UsageError(f"{path} is named as {_SUFFIXES[suffix]} but --format says {chosen}; give one of them, or a name ending .{chosen}")
        return chosen
    if path is None or is_stream(path):
        return "html"
    if suffix not in _SUFFIXES:
        raise UsageError(f"{path}: the map is an .html page or an .svg, .png or .pdf picture; give one of these suffixes or --format")
    return _SUFFIXES[suffix]


def generate_html(
    graph: nx.MultiDiGraph,
    *,
    title: str | None = None,
    physics: bool | None = None,
    size_by: str | None = None,
    color_by: str = "type",
    story: str | None = None,
) -> str:
    """The page for a graph made by ``to_graph``, as a string.

    ``physics`` True lets vis-network settle the layout (bounded, then still);
    otherwise actors stay where the Python layout put them (components packed,
    room kept for labels). ``size_by`` and ``color_by``: see ``look``. ``story``:
    the id of a story of the data the page opens on, at its first step.
    """
    from jinja2 import Environment, FunctionLoader
    from markupsafe import Markup

    vis_js = _inline_script(_vis_asset("vis-network.min.js"))
    map_js = _inline_script(page_script())
    drawn, radii, where = placed(graph, size_by, color_by)
    data = payload(graph, where, physics, drawn, loner_frame(graph, where, radii, LOWEST_LABEL))
    if story is not None:
        from .page import find_story

        data["open_story"] = find_story(graph.graph["dataset"], story).id
    # Lists of records go as tables, each field named once (``columns``) and each record a row; the page makes the
    # records again and leaves out their null cells, the unset fields. Key names and nulls were half a big page's data.
    # Each evidence names its source by number in one list of sources, which a big map otherwise repeats thousands of times.
    cited: dict[tuple[Any, ...], int] = {}
    data["actors"] = _table(data["actors"])
    data["relations"] = _table([{**record, "evidence": [_cites(e, cited) for e in record["evidence"]]} for record in data["relations"]])
    data["sources"] = [_set(dict(zip(_CITED, source, strict=True))) for source in cited]
    heading = title or data["title"]
    environment = Environment(
        loader=FunctionLoader(lambda name: (_ASSETS / name).read_text(encoding="utf-8")),
        autoescape=True,
    )
    # JSON without the spaces after commas and colons: a tenth of a big page.
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    environment.globals["page"] = {
        "data": data,
        "css": Markup((_ASSETS / "map.css").read_text(encoding="utf-8")),
        "vis_css": Markup(_vis_asset("vis-network.css")),
        "vis_js": Markup(vis_js),
        "js": Markup(map_js),
        "script_hashes": Markup(f"{_sha256(vis_js)} {_sha256(map_js)}"),
    }
    nodes, edges = _table(data.pop("nodes")), _table(data.pop("edges"))
    return environment.get_template("map.html").render(nodes=nodes, edges=edges, heading=heading)


def _set(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its unset (None) fields: what is not a table row (an evidence, a source) is written so."""
    return {key: value for key, value in record.items() if value is not None}


def _table(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Records as ``{"columns": [field, ...], "rows": [[value, ...], ...]}``, fields in first-met order, those
    unset (None) in every record left out; a record without a field, or with it unset, has null there, and the
    page leaves it out of the record it makes."""
    columns = list(dict.fromkeys(key for record in records for key, value in record.items() if value is not None))
    return {"columns": columns, "rows": [[record.get(key) for key in columns] for record in records]}


_CITED = ("source", "publisher", "date", "url")  # what an evidence says of its source: the title, publisher, date and link


def _cites(evidence: dict[str, Any], cited: dict[tuple[Any, ...], int]) -> dict[str, Any]:
    """An evidence with its source as a number in ``cited`` (numbered as first met), the rest as it is."""
    source = tuple(evidence[key] for key in _CITED)
    return {**_set({key: value for key, value in evidence.items() if key not in _CITED}), "cites": cited.setdefault(source, len(cited))}


def map_graph(data: Dataset | nx.MultiDiGraph, diff_from: str | Path | Dataset | None = None, **criteria: Unpack[Criteria]) -> nx.MultiDiGraph:
    """The graph a map draws: the data under the filters; with ``diff_from`` (a date, or an earlier
    dataset or its path), both states in one graph, each actor and relation marked with its change
    (see ``changed.changed_graph``)."""
    if diff_from is None:
        return graph_of(data, **criteria)
    from .changed import changed_graph

    return changed_graph(data, diff_from, **criteria)


def render_html(
    data: Dataset | nx.MultiDiGraph,
    path: str | Path | None = None,
    *,
    title: str | None = None,
    physics: bool | None = None,
    size_by: str | None = None,
    color_by: str = "type",
    diff_from: str | Path | Dataset | None = None,
    story: str | None = None,
    progress: Progress = silent,
    **criteria: Unpack[Criteria],
) -> Path:
    """Write the map of a dataset (or of a graph from ``to_graph``) and return its path.

    The default path is ``output/<dataset name>.html``. ``criteria`` are the
    filters every entry point takes (see ``Criteria``: as-of date, kinds, polarity,
    actor types, a focus and its depth); ``size_by`` and ``color_by`` take their
    figures from the network analysis (see ``look``). ``diff_from`` draws what
    changed since then (see ``map_graph``); ``story`` opens the page on a story of the data.
    """
    graph = map_graph(data, diff_from, **criteria)
    target = Path(path) if path is not None else Path("output") / f"{graph.graph['name']}.html"
    progress("drawing", 0, 1)
    page = generate_html(graph, title=title, physics=physics, size_by=size_by, color_by=color_by, story=story)
    progress("drawing", 1, 1)
    return write_atomic(target, [page])
