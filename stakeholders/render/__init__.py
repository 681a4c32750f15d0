"""The interactive HTML map: one self-contained file, nothing loaded from the network.

pyvis drives the page through our own template (its stock one links CDNs and
writes data as raw HTML); vis-network's script and styles come from inside the
pyvis wheel and are inlined. Positions are computed in Python (see ``layout``).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import importlib.util
from pathlib import Path
from typing import Unpack

import networkx as nx

from ..atomic import write_atomic
from ..errors import UsageError
from ..filters import Criteria
from ..graph import graph_of
from ..model import Dataset
from ..progress import Progress, silent
from .layout import positions
from .page import Look, payload

_ASSETS = importlib.resources.files(__package__) / "assets"
_VIS_VERSION = "vis-9.1.2"


def _vis_asset(name: str) -> str:
    # Found through the import system without importing pyvis (which pulls in IPython).
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise RuntimeError("pyvis is not installed; it ships the vis-network library the map needs")
    return (Path(spec.origin).parent / "lib" / _VIS_VERSION / name).read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    # An inlined script ends at the first "</script": never let one through.
    return code.replace("</script", "<\\/script")


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


#: What ``color_by`` may be: actor type, cooperative bloc or friend/enemy camp.
COLOR_BY = ("type", "community", "camp")


def look(graph: nx.MultiDiGraph, size_by: str | None = None, color_by: str = "type") -> Look:
    """Node colours and sizes from the network analysis: ``size_by`` a centrality
    (``figures.METRICS``), ``color_by`` one of ``COLOR_BY``."""
    if color_by not in COLOR_BY:
        raise UsageError(f'unknown colouring "{color_by}"; use one of {", ".join(COLOR_BY)}')
    groups: dict[str, int] | None = None
    names: tuple[str, ...] = ()
    if color_by in ("community", "camp"):
        # Numbered and named as in every other output (``analysis.groups``): camp 1 here is camp 1 in ``analyze``.
        from ..analysis.groups import bloc_groups, camp_groups

        found = bloc_groups(graph) if color_by == "community" else camp_groups(graph)
        word = "bloc" if color_by == "community" else "camp"
        groups = {actor: group.number - 1 for group in found for actor in group.members}
        names = tuple(f"{word} {group.number}: {group.name}" for group in found)
    if size_by is None:
        return Look(groups, names)
    from ..analysis.centrality import node_metric

    return Look(groups, names, node_metric(graph, size_by), size_by)


def generate_html(
    graph: nx.MultiDiGraph,
    *,
    title: str | None = None,
    physics: bool | None = None,
    size_by: str | None = None,
    color_by: str = "type",
) -> str:
    """The page for a graph made by ``to_graph``, as a string.

    ``physics`` True lets vis-network settle the layout (bounded, then still);
    otherwise actors stay where the Python layout put them (components packed,
    room kept for labels). ``size_by`` and ``color_by``: see ``look``.
    """
    from jinja2 import Environment, FunctionLoader
    from markupsafe import Markup
    from pyvis.network import Network

    vis_js = _inline_script(_vis_asset("vis-network.min.js"))
    map_js = _inline_script((_ASSETS / "map.js").read_text(encoding="utf-8"))
    data = payload(graph, positions(graph), physics, look(graph, size_by, color_by))
    heading = title or data["title"]
    environment = Environment(
        loader=FunctionLoader(lambda name: (_ASSETS / name).read_text(encoding="utf-8")),
        autoescape=True,
    )
    environment.globals["page"] = {
        "data": data,
        "css": Markup((_ASSETS / "map.css").read_text(encoding="utf-8")),
        "vis_css": Markup(_vis_asset("vis-network.css")),
        "vis_js": Markup(vis_js),
        "js": Markup(map_js),
        "script_hashes": Markup(f"{_sha256(vis_js)} {_sha256(map_js)}"),
    }
    network = Network(heading=heading, directed=True, cdn_resources="in_line")
    network.templateEnv = environment
    network.path = "map.html"
    # Handing pyvis the lists directly: its add_node/add_edge scan every node per call.
    network.nodes = data.pop("nodes")
    network.edges = data.pop("edges")
    network.options = data["options"]
    return network.generate_html()


def render_html(
    data: Dataset | nx.MultiDiGraph,
    path: str | Path | None = None,
    *,
    title: str | None = None,
    physics: bool | None = None,
    size_by: str | None = None,
    color_by: str = "type",
    progress: Progress = silent,
    **criteria: Unpack[Criteria],
) -> Path:
    """Write the map of a dataset (or of a graph from ``to_graph``) and return its path.

    The default path is ``output/<dataset name>.html``. ``criteria`` are the
    filters every entry point takes (see ``Criteria``: as-of date, kinds, polarity,
    actor types, a focus and its depth); ``size_by`` and ``color_by`` take their
    figures from the network analysis (see ``look``).
    """
    graph = graph_of(data, **criteria)
    target = Path(path) if path is not None else Path("output") / f"{graph.graph['name']}.html"
    progress("drawing", 0, 1)
    page = generate_html(graph, title=title, physics=physics, size_by=size_by, color_by=color_by)
    progress("drawing", 1, 1)
    return write_atomic(target, [page])
