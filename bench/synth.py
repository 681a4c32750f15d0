"""Deterministic synthetic maps for the benchmarks: hub-skewed, dated, evidenced.

Real maps built from event data have a few hubs (states, big armed groups) tied
to almost everyone and a long tail of actors with one or two relations. Endpoints
are drawn with Zipf-like weights (weight of rank r is 1 / (r + 1) ** skew), so
the same arguments always give the same map.

    python -m bench.synth --actors 10000 --relations 100000 -o /tmp/map.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path
from typing import Any

import yaml

from stakeholders.model import ACTOR_TYPES
from stakeholders.vocabulary import DEFAULT_KINDS

_SYLLABLES = ["al", "ba", "dar", "el", "fa", "gan", "ha", "ir", "ka", "lu", "ma", "nor", "os", "qa", "ra", "sa", "tu", "za"]
_COUNTRIES = ["SYR", "ISR", "USA", "GBR", "FRA", "TUR", "IRN", "RUS", "LBN", "JOR", "IRQ", "EUR", "EGY", "SAU", "QAT"]
_STATUSES = ["ongoing", "ended", "pending", "announced", "partial"]


def _name(rng: random.Random, i: int) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{word} {i}"


def generate(actors: int = 1000, relations: int = 10000, seed: int = 1, skew: float = 1.0) -> dict[str, Any]:
    """A dataset as plain data (what a JSON or YAML file holds), the same for the same arguments."""
    if actors < 2:
        raise ValueError("a map needs at least two actors")
    rng = random.Random(seed)
    sources = [
        {"id": f"s{j:04d}", "title": f"Report {j}", "date": f"20{15 + j % 11:02d}-{1 + j % 12:02d}", "kind": "report"}
        for j in range(max(1, relations // 100))
    ]
    actor_records = []
    for i in range(actors):
        record: dict[str, Any] = {
            "id": f"a{i:06d}",
            "name": _name(rng, i),
            "type": rng.choice(ACTOR_TYPES),
            "country": rng.choice(_COUNTRIES),
        }
        if rng.random() < 0.3:
            record["aliases"] = [f"{record['name']} alias"]
        if rng.random() < 0.5:
            record["description"] = f"Synthetic actor number {i}."
        actor_records.append(record)

    cum_weights = list(itertools.accumulate(1.0 / (rank + 1) ** skew for rank in range(actors)))
    ids = [a["id"] for a in actor_records]
    kinds = list(DEFAULT_KINDS)
    relation_records = []
    for k in range(relations):
        source, target = rng.choices(ids, cum_weights=cum_weights, k=2)
        while target == source:
            target = rng.choice(ids)
        year, month = rng.randint(2015, 2025), rng.randint(1, 12)
        record = {
            "id": f"r{k:07d}",
            "source": source,
            "target": target,
            "kind": rng.choice(kinds),
            "status": rng.choice(_STATUSES),
            "start": f"{year}-{month:02d}",
            "confidence": round(rng.random(), 2),
            "evidence": [{"source": rng.choice(sources)["id"], "quote": f"Quote {k} about {source} and {target}."}],
        }
        if rng.random() < 0.5:
            record["end"] = f"{year + rng.randint(0, 3)}-12"
        relation_records.append(record)
    return {
        "meta": {"title": f"Synthetic map, {actors} actors, {relations} relations", "name": f"synthetic-{actors}-{relations}"},
        "sources": sources,
        "actors": actor_records,
        "relations": relation_records,
    }


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """The same map in the leanest records a machine writes: actors with an id, name and type; relations with
    their ends, kind, start and one evidence with a short quote; no status, confidence, end or description.
    Parsing them costs little, so whatever the loader adds per record shows most here."""
    return {
        "meta": data["meta"],
        "sources": [{"id": s["id"], "title": s["title"]} for s in data["sources"]],
        "actors": [{"id": a["id"], "name": a["name"], "type": a["type"]} for a in data["actors"]],
        "relations": [
            {k: r[k] for k in ("id", "source", "target", "kind", "start")} | {"evidence": [{"source": r["evidence"][0]["source"], "quote": "They met."}]}
            for r in data["relations"]
        ],
    }


def write(data: dict[str, Any], path: Path) -> Path:
    """Write the dataset as JSON or YAML, by the file's suffix."""
    with path.open("w", encoding="utf-8") as out:
        if path.suffix == ".json":
            json.dump(data, out, ensure_ascii=False)
        else:
            yaml.dump(data, out, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--relations", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skew", type=float, default=1.0, help="Zipf exponent of endpoint choice (default 1.0)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="a .json, .yaml or .yml file")
    args = parser.parse_args()
    write(generate(args.actors, args.relations, args.seed, args.skew), args.output)
    print(args.output)


if __name__ == "__main__":
    main()
