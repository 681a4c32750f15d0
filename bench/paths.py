"""All simple paths of up to 4 hops between random pairs, against networkx.

On a hub-skewed synthetic map (10,000 actors, 100,000 relations at scale 1),
for 20 random pairs: our search (the collapsed network, pruned by distance to
the target) against ``networkx.all_simple_paths`` on the MultiDiGraph, which
walks every parallel relation. Arrows are followed, undirected relations both
ways: the baseline graph gets the reverse edge of each undirected relation, so
both answer the same question. The sets of actor sequences must be equal.
Our time includes building the network once.

    python -m bench.paths --scale 0.1
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import time

import networkx as nx

import stakeholders
from bench.common import Row, main
from bench.synth import generate
from stakeholders.questions.network import build_network
from stakeholders.questions.paths import search

MAX_HOPS = 4
# networkx needs many minutes per pair at full size (it walks every parallel relation):
# it is stopped here, and the ratio is then an upper bound.
BASELINE_CAP = 120.0


def _all_simple_paths(multi: nx.MultiDiGraph, pairs: list[tuple[str, str]], answers: multiprocessing.Queue) -> None:
    for a, b in pairs:
        answers.put({tuple(p) for p in nx.all_simple_paths(multi, a, b, cutoff=MAX_HOPS)})


def _baseline(multi: nx.MultiDiGraph, pairs: list[tuple[str, str]]) -> tuple[list[set[tuple[str, ...]]], float]:
    """networkx's answers for the pairs it finished within the cap, and the time it took.

    It runs in a child process (forked: the graph is shared, not copied), which is
    stopped at the cap: a single call can run for many minutes without yielding.
    """
    answers: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_all_simple_paths, args=(multi, pairs, answers))
    start = time.perf_counter()
    child.start()
    theirs: list[set[tuple[str, ...]]] = []
    while len(theirs) < len(pairs):
        try:
            theirs.append(answers.get(timeout=max(0.0, start + BASELINE_CAP - time.perf_counter())))
        except queue.Empty:
            break
    elapsed = time.perf_counter() - start
    child.terminate()
    child.join()
    return theirs, elapsed


def run(scale: float = 1.0) -> list[Row]:
    # Relations shrink faster than actors: a small map as dense as the big one
    # has hubs tied to nearly everyone, and the baseline would take longer, not less.
    actors, relations = max(50, int(10_000 * scale)), max(100, int(100_000 * scale**2))
    pairs_wanted = max(2, round(20 * scale))
    dataset = stakeholders.from_dict(generate(actors, relations, seed=7))
    rng = random.Random(7)
    ids = [a.id for a in dataset.actors]
    pairs = [tuple(rng.sample(ids, 2)) for _ in range(pairs_wanted)]

    start = time.perf_counter()
    network = build_network(dataset, directed=True)
    ours = [set(search(network, a, b, all_paths=True, max_hops=MAX_HOPS)) for a, b in pairs]
    ours_time = time.perf_counter() - start

    multi = stakeholders.to_graph(dataset)
    multi.add_edges_from((v, u, k, d) for u, v, k, d in list(multi.edges(keys=True, data=True)) if not d["directed"])
    theirs, baseline_time = _baseline(multi, pairs)

    done = len(theirs)
    assert ours[:done] == theirs, "our paths differ from networkx's"
    found = sum(len(s) for s in ours)
    label = f"all paths <= {MAX_HOPS} hops, {len(pairs)} pairs, {actors} actors / {relations} relations ({found} paths)"
    if done < len(pairs):
        label += f"; networkx stopped at {BASELINE_CAP:g} s after {done} pairs: ratio is an upper bound"
    return [Row(label, ours_time, baseline_time, goal=0.05)]


if __name__ == "__main__":
    main(run, __doc__)
