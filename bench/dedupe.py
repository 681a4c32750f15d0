"""Finding the same actor under other names: how right ``stakeholders dedupe`` is, and how fast.

Quality, on bench/gold/names/variants.yaml: 48 pairs of names as different hands
write them (transliterations, acronyms, role-qualified names, event-data names and
codes), 33 of one actor and 15 of two that must stay apart, collected by hand
before dedupe was run on them. Each pair is two one-actor maps; a pair is found when
``find_duplicates`` scores it at the threshold or more. Precision and recall at
dedupe's default (0.6) and at merge --auto's (0.9).

Speed: dedupe across two synthetic maps of ``ACTORS`` actors each (names of the
same shape as event data's and hand-made maps'), against rapidfuzz's own
``process.cdist`` comparing every name with every other (the floor of a
comparison without blocking).

    python -m bench.dedupe
    python -m bench.dedupe --scale 0.1
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import yaml

from bench.common import Row, main
from stakeholders.ingest import from_dict
from stakeholders.merge import find_duplicates

GOLD = Path(__file__).resolve().parent / "gold" / "names" / "variants.yaml"
ACTORS = 5000
PRECISION_GOAL, RECALL_GOAL = 0.9, 0.8  # at the default score


def _map(name: str, entry: list, actor_id: str) -> object:
    actor_name, actor_type, country, *codes = entry
    actor = {"id": actor_id, "name": actor_name, "type": actor_type}
    if country:
        actor["country"] = country
    if codes:
        actor["codes"] = codes[0]
    return from_dict({"actors": [actor], "relations": []}, name=name)


def quality(threshold: float) -> tuple[float, float, list[str]]:
    pairs = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["pairs"]
    tp = fp = fn = 0
    misses = []
    for pair in pairs:
        left, right = _map("left", pair["left"], "a"), _map("right", pair["right"], "b")
        found = find_duplicates([left, right], min_score=threshold)
        if found and pair["same"]:
            tp += 1
        elif found:
            fp += 1
            misses.append(f"joined, not one: {pair['left'][0]} / {pair['right'][0]} ({found[0].score})")
        elif pair["same"]:
            fn += 1
            misses.append(f"missed: {pair['left'][0]} / {pair['right'][0]}")
    return (tp / (tp + fp) if tp + fp else 0.0), tp / (tp + fn), misses


def _synthetic(count: int, seed: int) -> object:
    rng = random.Random(seed)
    syllables = "ka ra mi sa do lu ne ti ba zo fa he qi wu ye xo".split()
    actors = []
    for k in range(count):
        name = " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title() for _ in range(rng.randint(1, 3)))
        actors.append({"id": f"a{k}", "name": name, "type": rng.choice(["person", "armed-group", "government", "state"])})
    return from_dict({"actors": actors, "relations": []}, name=f"synthetic{seed}")


def run(scale: float = 1.0) -> list[Row]:
    from rapidfuzz import fuzz, process

    rows = []
    for threshold, goals in ((0.6, True), (0.9, False)):
        precision, recall, misses = quality(threshold)
        label = f"dedupe at {threshold:g}"
        goal = f" (goals: precision >= {PRECISION_GOAL:g}, recall >= {RECALL_GOAL:g})" if goals else ""
        rows.append(Row(f"{label}: precision{goal}", precision, unit=""))
        rows.append(Row(f"{label}: recall", recall, unit=""))
        if goals:
            for miss in misses:
                print("  ", miss)
    count = max(100, int(ACTORS * scale))
    left, right = _synthetic(count, 1), _synthetic(count, 2)
    start = time.perf_counter()
    find_duplicates([left, right], min_score=0.6)
    ours = time.perf_counter() - start
    names = [a.name for a in left.actors], [a.name for a in right.actors]
    start = time.perf_counter()
    process.cdist(names[0], names[1], scorer=fuzz.token_sort_ratio, workers=1)
    every = time.perf_counter() - start
    rows.append(Row(f"dedupe across two maps of {count:,} actors, against rapidfuzz comparing every pair", ours, every))
    return rows


if __name__ == "__main__":
    main(run, __doc__)
