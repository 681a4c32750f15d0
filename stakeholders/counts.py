"""Counts that describe a dataset, for ``stakeholders validate``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Dataset


def summarize(dataset: Dataset) -> dict[str, Any]:
    """Counts of actors, relations, sources and evidence, and the dated span."""
    relations = dataset.relations
    dates = [d for r in relations for d in (r.start, r.end) if d is not None]
    polarity = Counter(r.polarity_name for r in relations)
    return {
        "name": dataset.name,
        "title": dataset.meta.title,
        "actors": len(dataset.actors),
        "actors_by_type": dict(sorted(Counter(a.type for a in dataset.actors).items())),
        "relations": len(relations),
        "relations_by_polarity": {name: polarity.get(name, 0) for name in ("cooperative", "hostile", "neutral")},
        "relations_by_kind": dict(sorted(Counter(r.kind for r in relations).items())),
        "sources": len(dataset.sources),
        "evidence": sum(len(r.evidence) for r in relations),
        "relations_without_evidence": sorted(r.id for r in relations if not r.evidence),
        "dated_relations": sum(1 for r in relations if r.start or r.end),
        "first_date": str(min(dates)) if dates else None,
        "last_date": str(max(dates, key=lambda d: d.last)) if dates else None,
    }
