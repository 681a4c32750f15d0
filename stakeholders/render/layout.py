"""Node positions, computed once in Python so the page opens with the map drawn.

vis-network's own physics needs minutes to settle a few thousand nodes in a
browser (and never settles with pyvis's defaults); igraph's Fruchterman-Reingold
lays out 5,000 actors in about half a second. The seed and the sorted input make
the layout the same every time.
"""

from __future__ import annotations

import math
import random

import networkx as nx

# Pixels between neighbouring nodes, roughly: labels must not collide at the default zoom.
_SPACING = 180.0


def positions(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Deterministic ``{actor id: (x, y)}`` in vis-network pixels, centred on the origin."""
    import igraph

    order = sorted(graph.nodes)
    if not order:
        return {}
    if len(order) == 1:
        return {order[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(order)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v})
    layout_graph = igraph.Graph(n=len(order), edges=pairs)
    # igraph draws its starting positions from this generator: pinned, same map, same picture.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = layout_graph.layout_fruchterman_reingold(niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)  # igraph's default: the random module
    return _scaled(order, coords)


def _scaled(order: list[str], coords: list[list[float]]) -> dict[str, tuple[float, float]]:
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    # The drawing grows with the square root of the node count: area per node stays constant.
    size = _SPACING * math.sqrt(len(order)) * 1.5
    return {node: (round((x - cx) / extent * size, 1), round((y - cy) / extent * size, 1)) for node, (x, y) in zip(order, coords, strict=True)}
