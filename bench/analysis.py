"""``stakeholders analyze`` at event-data scale: the whole command, in fresh processes.

The map of the issue that asked for it: 200,000 synthetic GDELT events
(``bench/gdelt_synth.py``, one zip) made into a map by ``stakeholders events gdelt``
(about 3,500 actors and 72,000 relations, half a million triangles); and a synthetic
map of 20,000 actors and 80,000 relations (``bench/synth.py``). Each is analysed as
a user would (text report, the default ``--top 5``; then the whole JSON), against
``stakeholders validate`` of the same file in the same run (start-up and the load,
which every command pays). Then betweenness alone, igraph's (what the report uses)
against networkx's on a 2,000-actor map.

Goals: the 200,000-event map in 15 s and 600 MiB at most, the 20,000-actor map in
60 s; before igraph, the first took 506 s (317 of them betweenness, 162 closeness).

    python -m bench.analysis
    python -m bench.analysis --scale 0.2
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench.common import Row, main, measure_command
from bench.gdelt_synth import write_files
from bench.synth import generate, write

EVENTS, ACTORS, RELATIONS, SMALL = 200_000, 20_000, 80_000, 2_000
EVENT_GOAL, EVENT_MEMORY_GOAL, LARGE_GOAL = 15.0, 600.0, 60.0


def _command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "stakeholders", "--quiet", *map(str, args)]


def _betweenness(scale: float) -> tuple[float, float]:
    """Seconds of igraph's betweenness (through the library) and of networkx's, on one synthetic map."""
    import networkx as nx

    import stakeholders
    from stakeholders.analysis.centrality import node_metric
    from stakeholders.analysis.ties import tie_graph

    graph = stakeholders.to_graph(stakeholders.from_dict(generate(max(50, int(SMALL * scale)), max(200, int(SMALL * 4 * scale)), seed=2)))
    started = time.perf_counter()
    node_metric(graph, "betweenness")
    ours = time.perf_counter() - started
    started = time.perf_counter()
    nx.betweenness_centrality(tie_graph(graph))
    return ours, time.perf_counter() - started


def run(scale: float = 1.0) -> list[Row]:
    events = max(10_000, int(EVENTS * scale))
    actors, relations = max(100, int(ACTORS * scale)), max(400, int(RELATIONS * scale))
    with tempfile.TemporaryDirectory(prefix="bench-analysis-") as folder:
        [archive] = write_files(Path(folder), events, per_file=events)
        event_map = Path(folder) / "events.json"
        measure_command(_command("events", "gdelt", archive, "-o", event_map))
        synthetic = write(generate(actors, relations, seed=1), Path(folder) / "synthetic.json")
        rows = []
        for label, path, goal in ((f"{events:,} GDELT events", event_map, EVENT_GOAL), (f"{actors:,} actors / {relations:,} relations", synthetic, LARGE_GOAL)):
            loaded, _ = measure_command(_command("validate", path))
            text, peak = measure_command(_command("analyze", path))
            whole, whole_peak = measure_command(_command("analyze", path, "--format", "json"))
            rows += [
                Row(f"stakeholders analyze, map of {label} (s; goal {goal:g})", text, goal=goal),
                Row("  the same against stakeholders validate of the map", text, loaded),
                Row("  peak memory (MiB)", peak, goal=EVENT_MEMORY_GOAL if goal == EVENT_GOAL else None, unit="MiB"),
                Row("  --format json, the whole report (s)", whole),
                Row("  its peak memory (MiB)", whole_peak, unit="MiB"),
            ]
        sampled, _ = measure_command(_command("analyze", synthetic, "--sample", "500"))
        rows.append(Row(f"  map of {actors:,} actors with --sample 500, against the exact report", sampled, rows[5].ours))
    ours, theirs = _betweenness(scale)
    rows.append(Row(f"betweenness of a {max(50, int(SMALL * scale)):,}-actor map: igraph (ours) vs networkx", ours, theirs))
    return rows


if __name__ == "__main__":
    main(run, __doc__)
