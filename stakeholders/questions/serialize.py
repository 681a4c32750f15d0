"""The answers to questions as plain JSON-ready data: what ``--format json`` prints.

The command line prints these very values (``json.dumps(value, ensure_ascii=False,
indent=2)``), so a notebook that calls them gets exactly the command's JSON,
field for field. Each takes the answer of a question and the dataset (or, for
paths, the network) that names its actors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..model import polarity_name
from .neighbors import POLARITY_GROUPS
from .paths import DEFAULT_MAX_HOPS

if TYPE_CHECKING:
    from ..model import Dataset, Relation
    from .mediators import Mediation
    from .neighbors import Neighborhood
    from .network import ActorPath, Hop, Network


def relation_json(relation: Relation, dataset: Dataset) -> dict[str, Any]:
    """The relation's fields, plus the polarity, both ends by name, and when it holds.

    ``reported`` is the source date its dates were inferred from (None when it
    gives its own); ``undated`` says it has neither (see ``holds``).
    """
    record = relation.model_dump(mode="json")
    held = dataset.spans[relation.id]
    record["reported"] = None if held.reported is None else str(held.reported)
    record["undated"] = held.undated
    record["polarity_name"] = relation.polarity_name
    record["source_name"] = dataset.actors_by_id[relation.source].name
    record["target_name"] = dataset.actors_by_id[relation.target].name
    return record


def _actor_json(actor_id: str, dataset: Dataset) -> dict[str, str]:
    return {"id": actor_id, "name": dataset.actors_by_id[actor_id].name}


def hop_json(hop: Hop, dataset: Dataset) -> dict[str, Any]:
    """One step, each relation with the way it is walked (``forward``, ``backward``, ``undirected``)."""
    return {
        "from": hop.source,
        "to": hop.target,
        "relations": [{**relation_json(r, dataset), "direction": hop.direction(r)} for r in hop.relations],
    }


def path_json(path: ActorPath, dataset: Dataset) -> dict[str, Any]:
    """One path: its length, its actors in order and the steps between them."""
    return {
        "hops": len(path),
        "actors": [_actor_json(a, dataset) for a in path.actors],
        "steps": [hop_json(hop, dataset) for hop in path.hops],
    }


def paths_json(
    paths: Sequence[ActorPath], network: Network, *, all_paths: bool = False, max_hops: int | None = None, limit: int | None = None
) -> dict[str, Any]:
    """What ``stakeholders path --format json`` prints for ``find_paths(network, ...)``.

    The network, not the dataset: it holds the filters and the direction the
    paths were searched with. Pass the ``all_paths`` and ``max_hops`` given to
    ``find_paths``; with ``limit``, only the first ``limit`` paths are kept and
    ``truncated`` says whether there were more (the command asks ``find_paths``
    for one more than its ``--limit`` to learn that).
    """
    if not paths:
        # find_paths raises NoPathError rather than answer nothing; without a path there are no ends to name.
        raise ValueError("no paths to serialise: find_paths returns at least one")
    shown = list(paths if limit is None else paths[:limit])
    dataset = network.dataset
    return {
        "from": _actor_json(shown[0].actors[0], dataset),
        "to": _actor_json(shown[0].actors[-1], dataset),
        "all": all_paths,
        # find_paths searches up to DEFAULT_MAX_HOPS when --all comes without a bound; say so rather than null.
        "max_hops": DEFAULT_MAX_HOPS if all_paths and max_hops is None else max_hops,
        "directed": network.directed,
        "filters": network.filters,
        "truncated": len(paths) > len(shown),
        "paths": [path_json(p, dataset) for p in shown],
    }


def neighborhood_json(neighborhood: Neighborhood, dataset: Dataset) -> dict[str, Any]:
    """What ``stakeholders neighbors --format json`` prints: one ring per distance, neighbours by polarity group.

    Every ring up to the depth is there, empty or not, and every group in every
    ring, so a reader can index them without checking.
    """
    names = dataset.actors_by_id
    rings = [[n for n in neighborhood.neighbors if n.distance == d] for d in range(1, neighborhood.depth + 1)]
    return {
        "actor": _actor_json(neighborhood.actor, dataset),
        "depth": neighborhood.depth,
        "filters": neighborhood.filters,
        "rings": [
            {
                "distance": d,
                **{
                    group: [
                        {**_actor_json(n.actor, dataset), "type": names[n.actor].type, "steps": [hop_json(h, dataset) for h in n.hops]}
                        for n in ring
                        if n.polarity == group
                    ]
                    for group in POLARITY_GROUPS
                },
            }
            for d, ring in enumerate(rings, 1)
        ],
    }


def mediation_json(mediation: Mediation, dataset: Dataset) -> dict[str, Any]:
    """What ``stakeholders mediators --format json`` prints: recorded intermediaries, then ranked candidates."""
    return {
        "a": _actor_json(mediation.a, dataset),
        "b": _actor_json(mediation.b, dataset),
        "filters": mediation.filters,
        "recorded": [{**_actor_json(via, dataset), "relation": relation_json(r, dataset)} for via, r in mediation.recorded],
        "candidates": [
            {
                **_actor_json(c.actor, dataset),
                "tier": c.tier,
                "score": c.score,
                "paths": [path_json(p, dataset) for p in c.paths],
            }
            for c in mediation.candidates
        ],
        "excluded": [
            {
                **_actor_json(e.actor, dataset),
                "with": _actor_json(e.side, dataset),
                "state": polarity_name(e.state),
                "relations": [relation_json(r, dataset) for r in e.relations],
            }
            for e in mediation.excluded
        ],
    }


def timeline_json(relations: Iterable[Relation], dataset: Dataset) -> list[dict[str, Any]]:
    """What ``stakeholders timeline --format json`` prints for the relations ``timeline`` chose, in their order."""
    return [relation_json(r, dataset) for r in relations]
