"""Maps joined into one: ``merge_maps``.

Actors are one when they have the same id, when a reviewed same-as group joins
them, and (with ``auto``) when ``find_duplicates`` scores them at the threshold or
above. Of each group the id of the first map that has one stays, and so do its
name, type, country and dates; the others' names become aliases, codes, tags and
descriptions are joined, and where type, country, dates or an attribute differ the
report says so rather than guess.

Relations are re-pointed to the kept actors; those with the same ends, kind and
period are one relation with the evidence of all (a quote twice from one source
counts once). No piece of evidence is dropped: a relation that a join would turn
into a loop (between two actors now one) stops the merge with the groups to
review. Sources are one when they have the same id or URL; a source of another
map that only shares an id is renamed. Kinds, stories and issues are joined by id;
positions are re-pointed to the kept actors, and one actor's on an issue over the
same span are one, with the evidence of all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import DataError
from ..model import Actor, Dataset, Evidence, Relation
from ..names import free_id, normalize
from ..yamltext import yaml_text
from .sameas import SameAs
from .similar import find_duplicates


@dataclass
class Joined:
    """Actors made one: the id kept, the ids joined into it, and why each was."""

    kept: str
    joined: list[str]
    why: list[str]


@dataclass
class MergeResult:
    """The merged map (as a dataset and as the data written), what was joined and why, and what differed."""

    dataset: Dataset
    data: dict[str, Any]
    maps: list[str]
    joined: list[Joined] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    before: dict[str, list[int]] = field(default_factory=dict)  # counts per input map
    after: dict[str, int] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return {
            "maps": self.maps,
            "before": self.before,
            "after": self.after,
            "joined": [{"kept": j.kept, "joined": j.joined, "why": j.why} for j in self.joined],
            "conflicts": self.conflicts,
        }


class _Groups:
    """Union-find over actor ids: which actors are one, and why."""

    def __init__(self, order: dict[str, int]) -> None:
        self.parent: dict[str, str] = {}
        self.order = order  # the first place each id appears, maps in order: the smallest stays
        self.why: dict[str, list[str]] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, other = (ra, rb) if self.order[ra] <= self.order[rb] else (rb, ra)
        self.parent[other] = keep
        self.why.setdefault(a if a != keep else b, []).append(why)


def merge_maps(
    datasets: Sequence[Dataset], *, same_as: Sequence[SameAs] = (), auto: float | None = None, name: str | None = None
) -> MergeResult:
    """One map from ``datasets`` (see the module's notes). ``same_as`` are reviewed groups (``read_same_as``);
    ``auto``, a threshold from 0 to 1, also joins the candidates of ``find_duplicates`` scoring it or more. Raises
    ``DataError`` when a join would make a loop of a relation, or the result does not validate."""
    if not datasets:
        raise DataError("nothing to merge: give two maps or more")
    order: dict[str, int] = {}
    for dataset in datasets:
        for actor in dataset.actors:
            order.setdefault(actor.id, len(order))
    groups = _Groups(order)
    for group in same_as:
        for other in group.ids[1:]:
            groups.join(group.ids[0], other, f"same-as group at {group.where}")
    if auto is not None:
        for duplicate in find_duplicates(datasets, min_score=auto):
            groups.join(duplicate.a.actor.id, duplicate.b.actor.id, f"--auto, score {duplicate.score:.2f}: {duplicate.reasons[0]}")
    conflicts: list[str] = []
    actors, kept_of = _actors(datasets, groups, conflicts)
    sources, source_of = _sources(datasets, conflicts)
    relations, relation_of = _relations(datasets, kept_of, source_of, conflicts)
    kinds = _by_id(datasets, "kinds", "kind {} is declared", conflicts)
    stories = _stories(datasets, kept_of, relation_of, conflicts)
    issues = _by_id(datasets, "issues", "issue {} is described", conflicts)
    positions = _positions(datasets, kept_of, source_of, conflicts)
    first = datasets[0]
    meta = first.meta.model_dump(mode="json", exclude_none=True)
    if name:
        meta["name"] = name
    data: dict[str, Any] = {"meta": meta, "sources": sources, "actors": actors, "relations": relations}
    data.update((section, records) for section, records in (("kinds", kinds), ("stories", stories), ("issues", issues), ("positions", positions)) if records)
    from ..ingest import from_dict

    merged = from_dict(data, name=name or first.name)
    joined = [
        Joined(root, [i for i in members if i != root], [w for i in members if i != root for w in groups.why.get(i, ["same id"])][:5])
        for root, members in _members(order, groups).items()
        if len(members) > 1
    ]
    before = {
        "actors": [len(d.actors) for d in datasets],
        "relations": [len(d.relations) for d in datasets],
        "evidence": [sum(len(r.evidence) for r in d.relations) for d in datasets],
        "sources": [len(d.sources) for d in datasets],
    }
    after = {
        "actors": len(merged.actors),
        "relations": len(merged.relations),
        "evidence": sum(len(r.evidence) for r in merged.relations),
        "sources": len(merged.sources),
    }
    return MergeResult(merged, data, [d.name for d in datasets], joined, conflicts, before, after)


def _members(order: dict[str, int], groups: _Groups) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for actor_id in sorted(order, key=order.__getitem__):
        members.setdefault(groups.find(actor_id), []).append(actor_id)
    return members


def _actors(datasets: Sequence[Dataset], groups: _Groups, conflicts: list[str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The merged actors as data, and the kept id of every id."""
    kept_of = {actor.id: groups.find(actor.id) for d in datasets for actor in d.actors}
    by_kept: dict[str, list[Actor]] = {}
    for dataset in datasets:
        for actor in dataset.actors:
            by_kept.setdefault(kept_of[actor.id], []).append(actor)
    names_taken = {normalize(group[0].name): kept for kept, group in by_kept.items()}
    out = []
    for kept, group in by_kept.items():
        first = next(a for a in group if a.id == kept)
        record = first.model_dump(mode="json", exclude_defaults=True)
        aliases: list[str] = []
        seen = {normalize(first.name)}
        for actor in [first, *(a for a in group if a is not first)]:
            for alias in (actor.name, *actor.aliases):
                folded = normalize(alias)
                if folded in seen:
                    continue
                seen.add(folded)
                if names_taken.get(folded, kept) != kept:
                    conflicts.append(f'"{alias}" of {actor.id} is the name of {names_taken[folded]}: not kept as an alias of {kept}')
                    continue
                aliases.append(alias)
        if aliases:
            record["aliases"] = aliases
        codes: dict[str, list[str]] = {}
        for actor in group:
            for scheme, values in actor.codes.items():
                codes.setdefault(scheme, [])
                codes[scheme].extend(v for v in values if v not in codes[scheme])
        if codes:
            record["codes"] = codes
        descriptions = list(dict.fromkeys(a.description for a in group if a.description))
        if descriptions:
            record["description"] = "\n\n".join(descriptions)
        tags = list(dict.fromkeys(t for a in group for t in a.tags))
        if tags:
            record["tags"] = tags
        attributes: dict[str, Any] = {}
        for actor in group:
            for key, value in actor.attributes.items():
                if key in attributes and attributes[key] != value:
                    conflicts.append(f"{kept}: attribute {key} is {attributes[key]!r} in {first.id}, {value!r} in {actor.id}; {attributes[key]!r} kept")
                attributes.setdefault(key, value)
        if attributes:
            record["attributes"] = attributes
        for other in group:
            if other is first:
                continue
            for name in ("type", "country", "start", "end"):
                mine, theirs = getattr(first, name), getattr(other, name)
                if theirs is not None and mine is not None and str(mine) != str(theirs):
                    conflicts.append(f"{kept}: {name} is {mine} in {first.id}, {theirs} in {other.id}; {mine} kept")
                elif mine is None and theirs is not None:
                    record[name] = str(theirs) if name in ("start", "end") else theirs
        out.append(record)
    return out, kept_of


def _sources(datasets: Sequence[Dataset], conflicts: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The sources, one per id and URL, and each map's source id as merged."""
    out: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    by_url: dict[str, str] = {}
    source_of: list[dict[str, str]] = []
    for dataset in datasets:
        mine: dict[str, str] = {}
        for source in dataset.sources:
            record = source.model_dump(mode="json", exclude_defaults=True)
            url = record.get("url")
            if url and url in by_url:
                mine[source.id] = by_url[url]
                continue
            known = by_id.get(source.id)
            if known is not None and (known.get("url") == url or (not url and known.get("title") == record.get("title"))):
                mine[source.id] = source.id
                continue
            new_id = free_id(source.id, by_id)
            if known is not None:
                conflicts.append(f'source "{source.id}" of {dataset.name} is another document than the first map\'s: renamed {new_id}')
                record["id"] = new_id
            by_id[new_id] = record
            if url:
                by_url[url] = new_id
            mine[source.id] = new_id
            out.append(record)
        source_of.append(mine)
    return out, source_of


def _repointed(evidence: Sequence[Evidence], source_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Evidence as the merged map writes it, citing its source by the merged id."""
    return [{**e.model_dump(mode="json", exclude_none=True), "source": source_ids.get(e.source, e.source)} for e in evidence]


def _key(relation: Relation, source: str, target: str) -> tuple[Any, ...]:
    if not relation.directed and target < source:
        source, target = target, source
    return source, target, relation.kind, str(relation.start), str(relation.end)


def _relations(
    datasets: Sequence[Dataset], kept_of: dict[str, str], source_of: list[dict[str, str]], conflicts: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The relations re-pointed and joined, their evidence whole; each map's relation ids as merged."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    quoted: dict[tuple[Any, ...], set[tuple[str, str | None, str | None]]] = {}
    ids: set[str] = set()
    loops: list[str] = []
    relation_of: list[dict[str, str]] = []
    for k, dataset in enumerate(datasets):
        mine: dict[str, str] = {}
        for relation in dataset.relations:
            source, target = kept_of[relation.source], kept_of[relation.target]
            if source == target:
                loops.append(f"{dataset.name}: {relation.id} ({relation.source} {relation.kind} {relation.target})")
                continue
            key = _key(relation, source, target)
            evidence = _repointed(relation.evidence, source_of[k])
            record = merged.get(key)
            if record is None:
                record = relation.model_dump(mode="json", exclude_defaults=True)
                record.update(source=source, target=target, evidence=[], id=free_id(relation.id, ids))
                if relation.via:
                    record["via"] = [kept_of.get(v, v) for v in relation.via]
                ids.add(record["id"])
                merged[key] = record
                quoted[key] = set()
            else:
                if relation.tags:
                    record["tags"] = list(dict.fromkeys([*record.get("tags", []), *relation.tags]))
                for attr, value in relation.attributes.items():
                    attributes = record.setdefault("attributes", {})
                    if attr in attributes and attributes[attr] != value:
                        conflicts.append(f"relation {record['id']}: attribute {attr} differs ({attributes[attr]!r}, {value!r}); the first kept")
                    attributes.setdefault(attr, value)
            for item in evidence:
                mark = (item["source"], item.get("quote"), item.get("locator"))
                if mark not in quoted[key]:
                    quoted[key].add(mark)
                    record["evidence"].append(item)
            mine[relation.id] = record["id"]
        relation_of.append(mine)
    if loops:
        listed = "\n".join(f"  {loop}" for loop in loops)
        raise DataError(
            f"joining these actors would make {len(loops)} relation{'s' if len(loops) > 1 else ''} a loop between one actor and itself; "
            f"review the groups that join their two ends (nothing was written):\n{listed}"
        )
    for record in merged.values():
        if not record["evidence"]:
            record.pop("evidence")
    return list(merged.values()), relation_of


def _by_id(datasets: Sequence[Dataset], section: str, said: str, conflicts: list[str]) -> list[dict[str, Any]]:
    """The records of ``section`` (kinds, issues) joined by id: the first map's kept where another ``said`` otherwise."""
    out: dict[str, dict[str, Any]] = {}
    for dataset in datasets:
        for item in getattr(dataset, section):
            record = item.model_dump(mode="json", exclude_defaults=True)
            if item.id in out and out[item.id] != record:
                conflicts.append(f"{said.format(item.id)} otherwise in {dataset.name}; the first map's kept")
            out.setdefault(item.id, record)
    return list(out.values())


def _stories(datasets: Sequence[Dataset], kept_of: dict[str, str], relation_of: list[dict[str, str]], conflicts: list[str]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for k, dataset in enumerate(datasets):
        for story in dataset.stories:
            record = story.model_dump(mode="json", exclude_defaults=True)
            for step in record["steps"]:
                if "focus" in step:
                    step["focus"] = [kept_of.get(a, a) for a in step["focus"]]
                if "relations" in step:
                    step["relations"] = [relation_of[k].get(r, r) for r in step["relations"]]
            story_id = free_id(story.id, out)
            if story_id != story.id:
                conflicts.append(f'story "{story.id}" of {dataset.name} renamed {story_id}: the first map has one of that id')
                record["id"] = story_id
            out[story_id] = record
    return list(out.values())


def _positions(datasets: Sequence[Dataset], kept_of: dict[str, str], source_of: list[dict[str, str]], conflicts: list[str]) -> list[dict[str, Any]]:
    """The positions re-pointed to the kept actors; one actor's positions on an issue over the same span are one, with
    the evidence of all."""
    positions: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for k, dataset in enumerate(datasets):
        for position in dataset.positions:
            actor = kept_of.get(position.actor, position.actor)
            key = (actor, position.issue, str(position.start), str(position.end))
            evidence = _repointed(position.evidence, source_of[k])
            held = positions.get(key)
            if held is None:
                record = position.model_dump(mode="json", exclude_defaults=True)
                positions[key] = {**record, "actor": actor, "evidence": evidence}
                continue
            if (held["stance"], held["salience"]) != (position.stance, position.salience):
                conflicts.append(f"{actor} on {position.issue}: stance {held['stance']}, salience {held['salience']} in the first map, {position.stance}, {position.salience} in {dataset.name}; the first kept")
            held["evidence"].extend(e for e in evidence if e not in held["evidence"])
    return list(positions.values())


def merged_text(result: MergeResult) -> str:
    """The merged map as YAML, in the order of the first map."""
    return yaml_text(result.data)


def write_merged(result: MergeResult, path: str | Path, *, force: bool = False) -> Path:
    """Write the merged map as YAML (refusing to replace a file unless ``force``)."""
    return write_atomic(path, [merged_text(result)], replace=force)
