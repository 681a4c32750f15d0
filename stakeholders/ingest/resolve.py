"""Cross-reference checks and defaults that need the whole dataset.

Pydantic checks each record on its own; this module checks what ties records
together (actor names, kinds, sources, unique ids) and fills in what the
vocabulary implies. It reports problems by their path in the document, such as
``("relations", 3, "source")``; the loader turns paths into file positions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import AmbiguousActorError, UnknownActorError
from ..model import Actor, Dataset, Evidence, Position, Relation, Source
from ..names import NameIndex, free_id, normalize, suggestion
from ..vocabulary import unknown_kind

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at a path in the document; ``on_key`` points at the key, not its value."""

    path: Path
    message: str
    on_key: bool = False
    name: str = ""  # the folded name an unresolved reference used, if any
    first: Path | None = None  # a duplicate's first use: named by its file and line where the problems are placed


def resolve(dataset: Dataset, unchecked: Collection[str] = ()) -> list[Finding]:
    """Check cross-references and fill in defaults, in place. Returns the problems found.

    ``unchecked`` holds ids and names of records that failed validation and were
    left out: a reference to one of them is not reported again as unknown.
    """
    skip = {normalize(name) for name in unchecked} - {""}
    findings: list[Finding] = []
    relation_ids = [relation.id for relation in dataset.relations]
    for section in ("sources", "actors", "kinds"):
        findings.extend(_duplicates(section, [item.id for item in getattr(dataset, section)]))
    findings.extend(_duplicates("relations", relation_ids))
    # Spans are checked here rather than in a pydantic validator, which would make
    # pydantic hand every record's fields to Python: a third of validation on big maps.
    findings.extend(_span(actor, ("actors", i)) for i, actor in enumerate(dataset.actors) if _ends_early(actor))

    index: NameIndex | None = None  # built for the first relation naming an actor other than by id
    ids = dataset.actors_by_id
    kinds = dataset.kinds_by_id
    sources = dataset.sources_by_id
    # One pass over the relations, written flat (this loop runs 100,000 times on
    # a big map); machine-made maps name actors by id, so that is tried first.
    for i, relation in enumerate(dataset.relations):
        source, target = relation.source, relation.target
        if relation.via or source not in ids or target not in ids or source == target:
            if index is None:
                index = NameIndex(dataset.actors)
            findings.extend(f for f in _resolve_actors(relation, index, ("relations", i)) if f.name not in skip)
        kind = kinds.get(relation.kind)
        if kind is None:
            if normalize(relation.kind) not in skip:
                findings.append(Finding(("relations", i, "kind"), unknown_kind(relation.kind, kinds, "add it under 'kinds:' or see 'stakeholders kinds'")))
        else:
            if relation.directed is None:
                relation.directed = kind.directed
            if relation.polarity is None:
                relation.polarity = kind.polarity
        if relation.end is not None and _ends_early(relation):
            findings.append(_span(relation, ("relations", i)))
        for evidence in relation.evidence:
            if evidence.source not in sources or (evidence.quote is None and sources[evidence.source].kind != "dataset"):
                findings.extend(_evidence_problems(relation.evidence, ("relations", i), sources, skip, _DATASET_ONLY))
                break
    if not findings and None in relation_ids:
        _derive_ids(dataset.relations)
    if dataset.issues or dataset.positions:
        findings.extend(_duplicates("issues", [issue.id for issue in dataset.issues]))
        findings.extend(_position_problems(dataset, index or NameIndex(dataset.actors), sources, skip))
    if dataset.stories:
        findings.extend(_duplicates("stories", [story.id for story in dataset.stories]))
        # Relations named by a story are looked up by id: only once every relation has its id.
        known = None if None in (r.id for r in dataset.relations) else set(dataset.relations_by_id)
        findings.extend(_story_problems(dataset, index or NameIndex(dataset.actors), known, skip))
    return findings


def _story_problems(dataset: Dataset, index: NameIndex, relation_ids: set[str] | None, skip: Collection[str]) -> Iterable[Finding]:
    """Actors a story step names that are not in the map (names are resolved to ids, in place), and unknown relation ids."""
    for i, story in enumerate(dataset.stories):
        for j, step in enumerate(story.steps):
            path = ("stories", i, "steps", j)
            focus = []
            for k, name in enumerate(step.focus):
                found, problem = _look_up(index, name, (*path, "focus", k))
                focus.append(found)
                if problem is not None and problem.name not in skip:
                    yield problem
            step.focus = tuple(focus)
            if relation_ids is None:
                continue
            for k, relation in enumerate(step.relations):
                if relation not in relation_ids:
                    yield Finding((*path, "relations", k), f'unknown relation id "{relation}"' + suggestion(relation, relation_ids, "a step names relations by their id"))


def _position_problems(dataset: Dataset, index: NameIndex, sources: Mapping[str, Source], skip: Collection[str]) -> Iterable[Finding]:
    """A position's actor (resolved to its id, in place) and issue that the map lacks, its span, and its evidence, checked
    as a relation's; one actor with two positions on an issue over the same span."""
    issues = {issue.id for issue in dataset.issues}
    held: dict[tuple[str, str, str, str], int] = {}
    for i, position in enumerate(dataset.positions):
        path = ("positions", i)
        position.actor, problem = _look_up(index, position.actor, (*path, "actor"))
        if problem is not None and problem.name not in skip:
            yield problem
        if position.issue not in issues:
            yield Finding((*path, "issue"), f'unknown issue "{position.issue}"' + suggestion(position.issue, issues, "list it under 'issues:'"))
        if _ends_early(position):
            yield _span(position, path)
        yield from _evidence_problems(position.evidence, path, sources, skip, "a position is backed by the words that state it")
        key = (position.actor, position.issue, str(position.start), str(position.end))
        if key in held:
            yield Finding((*path, "issue"), f'{position.actor} has a position on "{position.issue}" for this span already', first=("positions", held[key], "issue"))
        else:
            held[key] = i


def _ends_early(record: Actor | Relation | Position) -> bool:
    return record.start is not None and record.end is not None and record.end.last < record.start.first


def _span(record: Actor | Relation | Position, path: Path) -> Finding:
    return Finding((*path, "end"), f"end {record.end} is before start {record.start}")


#: Why a relation's evidence needs a quote.
_DATASET_ONLY = "only a source of kind dataset (event data) may be cited without one, naming its records in locator"


def _evidence_problems(
    evidence: Sequence[Evidence], path: Path, sources: Mapping[str, Source], skip: Collection[str], why: str
) -> Iterable[Finding]:
    """Evidence (of a relation or a position, at ``path``) citing an unknown source, and evidence without a quote from a
    source that is not a dataset, ``why`` it needs one."""
    for j, item in enumerate(evidence):
        cited = sources.get(item.source)
        if cited is None:
            if normalize(item.source) not in skip:
                yield Finding((*path, "evidence", j, "source"), _unknown_source(item.source, sources))
        elif item.quote is None and cited.kind != "dataset":
            yield Finding((*path, "evidence", j), f'evidence from "{cited.id}" needs a quote: {why}')


def _duplicates(section: str, ids: Sequence[str | None]) -> Iterable[Finding]:
    """Repeated ids in one section; relations without an id are skipped (theirs is derived)."""
    given = [item_id for item_id in ids if item_id is not None]
    if len(set(given)) == len(given):  # the usual case, settled at C speed
        return
    first: dict[str, int] = {}
    noun = {"kinds": "relation kind", "stories": "story", "issues": "issue"}.get(section, section.rstrip("s"))
    for i, item_id in enumerate(ids):
        if item_id is None:
            continue
        if item_id in first:
            yield Finding((section, i, "id"), f'duplicate {noun} id "{item_id}"', first=(section, first[item_id], "id"))
        else:
            first[item_id] = i


def _look_up(index: NameIndex, name: str, path: Path) -> tuple[str, Finding | None]:
    """The id of the actor ``name`` names; else ``name`` as it is, and the finding (at ``path``) that says why."""
    try:
        return index.resolve(name, partial=False), None
    except (UnknownActorError, AmbiguousActorError) as exc:
        return name, Finding(path, str(exc), name=normalize(exc.name))


def _resolve_actors(relation: Relation, index: NameIndex, path: Path) -> Iterable[Finding]:
    for field in ("source", "target"):
        found, problem = _look_up(index, getattr(relation, field), (*path, field))
        setattr(relation, field, found)
        if problem is not None:
            yield problem
    via = []
    for k, name in enumerate(relation.via):
        found, problem = _look_up(index, name, (*path, "via", k))
        via.append(found)
        if problem is not None:
            yield problem
    relation.via = tuple(via)
    if relation.source == relation.target and relation.source in index:
        yield Finding((*path, "target"), f'"{relation.target}" is both source and target; a relation joins two actors')


def _unknown_source(source: str, known: Iterable[str]) -> str:
    return f'evidence cites unknown source "{source}"' + suggestion(source, known, "list it under 'sources:'")


def _derive_ids(relations: list[Relation]) -> None:
    """Give every relation without an id one made of its ends, kind and start.

    The same file always gives the same ids; relations that would share one get
    ``-2``, ``-3``... in file order, never an id already given in the file.
    """
    taken = {r.id for r in relations if r.id is not None}
    for relation in relations:
        if relation.id is not None:
            continue
        base = f"{relation.source}--{relation.kind}--{relation.target}"
        if relation.start is not None:
            base += f"--{relation.start}"
        relation.id = free_id(base, taken)
        taken.add(relation.id)
