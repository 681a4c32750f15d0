"""Loading a big map: ``stakeholders.load`` + validation + graph, against the bare parser.

The same synthetic map (10,000 actors, 100,000 relations, each dated with one
evidence quote) is written as JSON and as YAML, and as JSON again in the leanest
records a machine writes (``synth.compact``: no status, confidence or end, a short
quote), where parsing costs least and what the loader adds per record shows most; every measurement runs in a fresh
process, as a command would, so start-up state and peak memory are those of a real
run. Baselines: ``json.load`` of the JSON file, and ``yaml.load`` with libyaml's
``CSafeLoader`` on the YAML file (both with Python's defaults, collector on).
Each figure is the best of three runs (JSON) or two (YAML, about 45 s a pair).

The library call and the command are measured apart: ``stakeholders validate``
as a whole process (start-up, load, the summary) against a process that only
``json.load``s the file, so that neither can hide a regression of the other.

    python -m bench.load
    python -m bench.load --scale 0.1
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Row, main, measure
from bench.synth import compact, generate, write

ACTORS, RELATIONS = 10_000, 100_000

# (imports, then the timed work): the clock covers the work, not the imports.
OURS = ("import stakeholders, stakeholders.graph", "graph = stakeholders.to_graph(stakeholders.load(sys.argv[1]))")
JSON = ("import json", "with open(sys.argv[1], encoding='utf-8') as f:\n    json.load(f)")
YAML = ("import yaml", "with open(sys.argv[1], encoding='utf-8') as f:\n    yaml.load(f, Loader=yaml.CSafeLoader)")


def measure_process(argv: list[str], repeat: int) -> float:
    """Best wall time (s) of a whole process, start-up included."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def run(scale: float = 1.0) -> list[Row]:
    actors, relations = max(10, int(ACTORS * scale)), max(20, int(RELATIONS * scale))
    size = f"{actors:,} actors, {relations:,} relations"
    data = generate(actors, relations, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        as_json = write(data, Path(folder) / "map.json")
        as_yaml = write(data, Path(folder) / "map.yaml")
        lean = write(compact(data), Path(folder) / "compact.json")
        del data
        ours_json, rss_json = measure(OURS, [as_json], 3)
        base_json, _ = measure(JSON, [as_json], 3)
        ours_lean, _ = measure(OURS, [lean], 3)
        base_lean, _ = measure(JSON, [lean], 3)
        command = measure_process([sys.executable, "-m", "stakeholders", "--quiet", "validate", str(as_json)], 3)
        bare = measure_process([sys.executable, "-c", f"import sys\n{JSON[0]}\n{JSON[1]}", str(as_json)], 3)
        ours_yaml, rss_yaml = measure(OURS, [as_yaml], 2)
        base_yaml, _ = measure(YAML, [as_yaml], 2)
        mib, lean_mib = as_json.stat().st_size / 2**20, lean.stat().st_size / 2**20
    return [
        Row(f"load JSON ({mib:.0f} MiB, {size}) + graph vs json.load", ours_json, base_json, goal=2.0),
        Row("  peak memory of that load (MiB, goal <= 600)", rss_json, goal=600.0, unit="MiB"),
        Row(f"load JSON in compact records ({lean_mib:.0f} MiB) + graph vs json.load", ours_lean, base_lean, goal=2.0),
        Row("command: stakeholders validate (JSON) vs a json.load process", command, bare),
        Row(f"load YAML ({size}) + graph vs yaml.load(CSafeLoader)", ours_yaml, base_yaml, goal=0.5),
        Row("  peak memory of that load (MiB)", rss_yaml, unit="MiB"),
    ]


if __name__ == "__main__":
    main(run, __doc__)

