"""Node positions for the HTML map, checked in Python: no actor's label covers another
label or a node, the main component fills the drawing, and the same map always gets
the same picture.

The geometry is vis-network's for every shape the map uses, as the page draws it: the
node a square of side 2 x size around its centre; its label centred under it, from
size + 4 px below the centre, 18 px high and 7.5 px per character across (wide East
Asian characters count two, combining marks none). Sizes and labels are the page's
own (``vis_nodes``), not the layout's estimates.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import numpy.typing as npt
import pytest

import stakeholders
from bench.synth import generate
from stakeholders.cli.terminal import width
from stakeholders.render.layout import LONERS_FRAMED, loner_frame, positions
from stakeholders.render.page import Look, vis_nodes

from .conftest import ROOT

Boxes = npt.NDArray[np.float64]  # one row per actor: left, top, right, bottom


def _boxes(graph: nx.MultiDiGraph, placed: dict[str, tuple[float, float]]) -> tuple[list[str], Boxes, Boxes]:
    """Labels, label boxes and node boxes, as the page draws them."""
    nodes = vis_nodes(graph, placed, Look())
    x, y, size = (np.array([n[key] for n in nodes], dtype=np.float64) for key in ("x", "y", "size"))
    across = np.array([7.5 * width(n["label"]) for n in nodes])
    labels = np.column_stack([x - across / 2, y + size + 4, x + across / 2, y + size + 22])
    shapes = np.column_stack([x - size, y - size, x + size, y + size])
    return [n["label"] for n in nodes], labels, shapes


def _overlaps(a: Boxes, b: Boxes, *, same: bool) -> list[tuple[int, int]]:
    """Pairs (i, j), i != j, whose boxes a[i] and b[j] overlap (touching is not overlapping); i < j when ``same``."""
    found: list[tuple[int, int]] = []
    for start in range(0, len(a), 512):  # in slices: 5,000 x 5,000 at once would take hundreds of megabytes
        rows = a[start : start + 512, None, :]
        hit = (rows[..., 0] < b[:, 2]) & (b[:, 0] < rows[..., 2]) & (rows[..., 1] < b[:, 3]) & (b[:, 1] < rows[..., 3])
        i, j = np.nonzero(hit)
        i = i + start
        keep = i < j if same else i != j
        found += list(zip(i[keep].tolist(), j[keep].tolist(), strict=True))
    return found


def _collisions(graph: nx.MultiDiGraph, placed: dict[str, tuple[float, float]]) -> list[str]:
    names, labels, shapes = _boxes(graph, placed)
    return [f"label {names[i]!r} on label {names[j]!r}" for i, j in _overlaps(labels, labels, same=True)] + [
        f"label {names[i]!r} on the node of {names[j]!r}" for i, j in _overlaps(labels, shapes, same=False)
    ]


def _main_component(graph: nx.MultiDiGraph) -> set[str]:
    return max(nx.weakly_connected_components(graph), key=len)


@pytest.fixture(scope="module")
def syria_graph(syria) -> nx.MultiDiGraph:
    return stakeholders.to_graph(syria)


@pytest.fixture(scope="module", params=[150, 5000], ids=lambda n: f"{n}-actors")
def synthetic(request) -> tuple[nx.MultiDiGraph, dict[str, tuple[float, float]]]:
    """A hub-skewed map with four relations per actor (some actors without any), and its layout."""
    graph = stakeholders.to_graph(stakeholders.from_dict(generate(request.param, 4 * request.param, seed=1)))
    return graph, positions(graph)


def test_no_label_covers_a_label_or_a_node_on_the_shipped_map(syria_graph):
    # The shipped map once drew "Ahmed al-Sharaa" on "Pro-government factions".
    assert _collisions(syria_graph, positions(syria_graph)) == []


def test_no_label_covers_a_label_or_a_node_on_synthetic_maps(synthetic):
    graph, placed = synthetic
    assert _collisions(graph, placed) == []


def test_the_main_component_spans_half_the_drawing(synthetic):
    """Measured on node centres: the main component's bounding box against the whole drawing's,
    in width or in height, whichever is the larger share. vis-network fits the whole drawing
    into the window, so this is the share of the window the network itself gets."""
    graph, placed = synthetic
    main = _main_component(graph)
    assert len(main) < graph.number_of_nodes()  # actors outside the main component: the case that used to shrink it

    def extent(nodes: set[str] | nx.MultiDiGraph) -> tuple[float, float]:
        xs, ys = [placed[n][0] for n in nodes], [placed[n][1] for n in nodes]
        return max(xs) - min(xs), max(ys) - min(ys)

    (main_width, main_height), (width_, height_) = extent(main), extent(graph)
    assert max(main_width / width_, main_height / height_) >= 0.5


def test_actors_without_relations_sit_beside_the_network_not_around_it(synthetic):
    graph, placed = synthetic
    loners = [n for n in graph if graph.degree(n) == 0]
    assert loners
    related = [n for n in graph if graph.degree(n) > 0]
    assert min(placed[n][0] for n in loners) > max(placed[n][0] for n in related)


def test_positions_are_pixels_centred_on_the_origin(synthetic):
    graph, placed = synthetic
    assert set(placed) == set(graph.nodes)
    xs, ys = [p[0] for p in placed.values()], [p[1] for p in placed.values()]
    assert abs(max(xs) + min(xs)) <= 0.2 and abs(max(ys) + min(ys)) <= 0.2
    assert all(round(v, 1) == v for p in placed.values() for v in p)


def test_the_same_map_gets_the_same_picture(syria_graph):
    assert positions(syria_graph) == positions(syria_graph)
    graph = stakeholders.to_graph(stakeholders.from_dict(generate(150, 600, seed=1)))
    assert positions(graph) == positions(graph)


def test_the_same_map_gets_the_same_picture_in_another_process():
    # Another hash seed reorders sets and dicts of strings: the layout must not depend on that order.
    code = (
        "import json, stakeholders\nfrom bench.synth import generate\nfrom stakeholders.render.layout import positions\n"
        "graph = stakeholders.to_graph(stakeholders.from_dict(generate(150, 600, seed=1)))\n"
        "print(json.dumps(positions(graph), sort_keys=True))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    graph = stakeholders.to_graph(stakeholders.from_dict(generate(150, 600, seed=1)))
    assert json.loads(runs[0]) == {node: list(p) for node, p in positions(graph).items()}


def test_wide_characters_and_line_breaks_get_room():
    # Labels the synthetic maps never have: East Asian names (two columns a character), accents
    # written as combining marks, names on two lines (vis-network breaks labels at newlines only).
    # Most actors here have no relation: the grid they go in is only as wide and as tall as the labels say.
    names = ["北京市人民政府外交部", "東京都庁", "Cafe\u0301 owners", "Two\nlines", "서울특별시청", "A", "中华人民共和国国务院", "Three\nshort\nlines", "Ω", "臺北市政府"]
    graph = nx.MultiDiGraph()
    for i, name in enumerate(names * 3):
        graph.add_node(f"n{i:02d}", label=name, type="other")
    graph.add_edges_from([("n00", "n01"), ("n01", "n02"), ("n02", "n00"), ("n03", "n04")])
    placed = positions(graph)
    labels_, labels, shapes = _boxes(graph, placed)
    # Each further line is 14 px more (vis-network's lines are a font size apart; measured in Chromium).
    labels[:, 3] += 14 * np.array([label.count("\n") for label in labels_])
    assert _overlaps(labels, labels, same=True) == []
    assert _overlaps(labels, shapes, same=False) == []


def _with_loners(count: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b")
    graph.add_edge("b", "c")
    graph.add_edge("self", "self")  # a relation to itself relates it to no one
    for n in range(count - 1):
        graph.add_node(f"loner-{n}")
    for node in graph:
        graph.nodes[node]["label"] = node
    return graph


def test_the_actors_without_relations_are_framed_together():
    graph = _with_loners(LONERS_FRAMED)
    where = positions(graph)
    radii = dict.fromkeys(graph, 6.0)
    frame = loner_frame(graph, where, radii, label_room=24.0)
    assert frame is not None and frame.count == LONERS_FRAMED  # the loners and the actor related only to itself
    assert frame.caption == "5 actors without relations"
    for node, (x, y) in where.items():
        inside = frame.left < x - 6 and x + 6 < frame.right and frame.top < y - 6 and y + 6 + 24 < frame.bottom
        assert inside == (node == "self" or node.startswith("loner-")), node
    # Fewer than that, or only loners: no frame.
    assert loner_frame(_with_loners(LONERS_FRAMED - 1), positions(_with_loners(LONERS_FRAMED - 1)), radii, 24.0) is None
    alone = nx.MultiDiGraph([("x", "x")])
    alone.add_nodes_from(f"n{i}" for i in range(9))
    assert loner_frame(alone, dict.fromkeys(alone, (0.0, 0.0)), dict.fromkeys(alone, 6.0), 24.0) is None
