"""Validating documents against the model, merging them, resolving references.

Every problem is collected and reported at once, each with its file, line and
column: a record with a bad field is checked again without it, so that its
references are still resolved in the same run.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import pydantic

from ..errors import Problem, ValidationError
from ..model import Actor, Dataset, Issue, Meta, Position, Relation, RelationKind, Source, Story, fields_of
from .jsonpieces import validate_in_pieces
from .positions import Document
from .read import parse_json
from .resolve import resolve
from .wording import problem, pydantic_problem

SECTIONS = ("sources", "actors", "relations", "kinds", "stories", "issues", "positions")


# Fields without which a record cannot be checked further.
_REQUIRED: dict[str, set[str]] = {
    section: {name for name, info in fields_of(model).items() if info.is_required()}
    for section, model in (
        ("sources", Source), ("actors", Actor), ("relations", Relation), ("kinds", RelationKind), ("stories", Story), ("issues", Issue), ("positions", Position)
    )  # fmt: skip
}


@dataclass
class _Part:
    """The valid records of one document, with each record's index in the file."""

    dataset: Dataset
    document: Document
    indices: dict[str, list[int]]


def build(documents: list[Document]) -> Dataset:
    """Validate each document, merge them, resolve references; raise on any problem."""
    problems: list[Problem] = []
    parts: list[_Part] = []
    unchecked: list[str] = []
    for document in documents:
        part, part_problems, dropped = _validate(document)
        parts.append(part)
        problems.extend(part_problems)
        unchecked.extend(dropped)

    problems.extend(_metas(parts))
    merged = _merge(parts)
    findings = resolve(merged, unchecked)
    origins = _origins(parts) if findings else {}
    for finding in findings:
        section, index, *rest = finding.path
        document, original = origins[str(section)][int(index)]
        message = finding.message
        if finding.first is not None:
            message += f" ({_first_use(finding.first, origins, document)})"
        problems.append(problem(document, (section, original, *rest), message, finding.on_key))
    if problems:
        problems.sort(key=lambda p: (str(p.file), p.line or 0, p.column or 0))
        raise ValidationError(problems)
    return merged


def _first_use(path: tuple, origins: dict[str, list[tuple[Document, int]]], here: Document) -> str:
    """Where a duplicated id was first used: its record in this file, or its file and line in another."""
    section, index, *rest = path
    document, original = origins[str(section)][int(index)]
    if document is here:
        return f"first used by {section}[{original}]"
    return f"first used by {section}[{original}] at {_place(document, (section, original, *rest), False)}"


def _place(document: Document, loc: tuple, on_key: bool) -> str:
    """A record's file and line, to name it from another file's problem."""
    line, _ = document.position(loc, on_key)
    return f"{document.path}:{line}" if line is not None else str(document.path)


def _validate(document: Document) -> tuple[_Part, list[Problem], list[str]]:
    """Validate one document, salvaging what can be checked further.

    A record with a bad field is checked again without that field, so that its
    references are still resolved and every problem shows in one run; a record
    missing a required field is left out. Returns the valid part, the problems,
    and the ids and names of records left out (references to them are then not
    reported as unknown too).
    """
    if document.data is None:
        try:
            raw = document.content.removeprefix(codecs.BOM_UTF8)  # which pydantic's reader refuses
            valid = validate_in_pieces(raw) or Dataset.model_validate_json(raw)
            return _Part(valid, document, {s: list(range(len(getattr(valid, s)))) for s in SECTIONS}), [], []
        except pydantic.ValidationError:
            document.data = parse_json(document.path, document.text)
    data = document.data
    whole = {s: list(range(len(data[s]))) for s in SECTIONS if isinstance(data.get(s), list)}
    try:
        return _Part(Dataset.model_validate(data), document, whole), [], []
    except pydantic.ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [pydantic_problem(document, error) for error in errors]

    bad_fields: dict[tuple[str, int], set[str]] = {}
    bad_keys: dict[str, set[str]] = {}  # meta and unknown top-level keys: fields to leave out, "*" for the whole key
    bad_steps: dict[int, dict[int, set[str]]] = {}  # story, step: the step's bad fields
    for error in errors:
        loc = error["loc"]
        if loc and loc[0] not in SECTIONS:
            # Wrong meta or an unknown key: its problem is reported, and the records are still checked.
            bad_keys.setdefault(str(loc[0]), set()).add(str(loc[1]) if len(loc) > 1 else "*")
            continue
        if len(loc) < 2 or not isinstance(loc[1], int):
            return _Part(Dataset(), document, {}), problems, []  # the frame itself is wrong
        if loc[0] == "stories" and len(loc) > 3 and loc[2] == "steps" and isinstance(loc[3], int):
            # A bad field of a step: the step is kept without it, so that the story's other names are checked too.
            bad_steps.setdefault(loc[1], {}).setdefault(loc[3], set()).add(str(loc[4]) if len(loc) > 4 else "*")
            continue
        # "*" marks a record that is wrong as a whole (not a mapping): it is left out.
        bad_fields.setdefault((str(loc[0]), loc[1]), set()).add(str(loc[2]) if len(loc) > 2 else "*")

    for drop_all in (False, True):
        kept = dict(data)
        for key, fields in bad_keys.items():
            value = kept.pop(key, None)
            if isinstance(value, dict) and not drop_all and "*" not in fields:
                kept[key] = {k: v for k, v in value.items() if k not in fields}
        indices: dict[str, list[int]] = {}
        dropped: list[str] = []
        for section in SECTIONS:
            if not isinstance(data.get(section), list):
                continue
            records, indices[section] = [], []
            for i, record in enumerate(data[section]):
                if section == "stories" and i in bad_steps and isinstance(record, dict):
                    record = {**record, "steps": _salvaged_steps(record.get("steps"), bad_steps[i])}
                fields = bad_fields.get((section, i))
                stand_ins = _stand_ins(section, record, fields) if fields is not None and not drop_all else {}
                if fields is not None and (drop_all or not isinstance(record, dict) or "*" in fields or stand_ins is None):
                    dropped.extend(_names_of(record))
                    continue
                records.append({**{k: v for k, v in record.items() if k not in fields}, **stand_ins} if fields else record)
                indices[section].append(i)
            kept[section] = records
        try:
            return _Part(Dataset.model_validate(kept), document, indices), problems, dropped
        except pydantic.ValidationError:
            continue
    return _Part(Dataset(), document, {}), problems, []


def _stand_ins(section: str, record: object, fields: set[str]) -> dict[str, str] | None:
    """Values standing in for a record's bad required fields, so that references to it are still
    checked (an actor of type "STATE" is still the actor "alpha"); None when one cannot stand in.
    The problem itself is already reported; nothing made here reaches a dataset."""
    bad = fields & _REQUIRED[section]
    if not bad:
        return {}
    if section == "positions" and isinstance(record, dict) and bad <= {"stance", "salience"}:
        return dict.fromkeys(bad, 0.0)  # so that its actor and issue are still checked
    if not isinstance(record, dict) or "id" in bad or not isinstance(record.get("id"), str):
        return None
    stand_ins = {"actors": {"type": "other", "name": record["id"]}, "sources": {"title": record["id"]}}.get(section, {})
    return {field: stand_ins[field] for field in bad} if bad <= stand_ins.keys() else None


def _salvaged_steps(steps: object, bad: dict[int, set[str]]) -> object:
    """A story's steps with each bad field left out (a title standing in where it was wrong), in their places."""
    if not isinstance(steps, list):
        return steps
    kept = []
    for j, step in enumerate(steps):
        fields = bad.get(j)
        if fields is None:
            kept.append(step)
            continue
        step = step if isinstance(step, dict) and "*" not in fields else {}
        step = {k: v for k, v in step.items() if k not in fields}
        kept.append({"title": "step", **step} if "title" in fields or "title" not in step else step)
    return kept


def _names_of(record: object) -> list[str]:
    if not isinstance(record, dict):
        return []
    names = [record.get("id"), record.get("name")]
    aliases = record.get("aliases")
    if isinstance(aliases, list):
        names.extend(aliases)
    return [str(n) for n in names if isinstance(n, (str, int))]


def _metas(parts: list[_Part]) -> list[Problem]:
    """A folder is one map with one meta: a second, different one is a problem named with both files.

    Which title, name and date the map would take is otherwise a matter of file
    names: a new file sorting first would retitle the map without a word.
    """
    given = [(part, part.dataset.meta) for part in parts if part.dataset.meta != Meta()]
    if all(meta == given[0][1] for _, meta in given):
        return []
    where = _place(given[0][0].document, ("meta",), True)
    return [
        problem(part.document, ("meta",), f"the map's meta is given in {where} already; a folder is one map: keep one meta, in one file", True)
        for part, meta in given[1:]
        if meta != given[0][1]
    ]


def _merge(parts: list[_Part]) -> Dataset:
    """One dataset from several."""
    if len(parts) == 1:
        return parts[0].dataset
    meta = next((p.dataset.meta for p in parts if p.dataset.meta != Meta()), Meta())
    merged = Dataset(meta=meta)
    for part in parts:
        for section in SECTIONS:
            getattr(merged, section).extend(getattr(part.dataset, section))
    return merged


def _origins(parts: list[_Part]) -> dict[str, list[tuple[Document, int]]]:
    """Each merged record's file and index in it, by section: only needed to place problems."""
    origins: dict[str, list[tuple[Document, int]]] = {s: [] for s in SECTIONS}
    for part in parts:
        for section in SECTIONS:
            origins[section].extend((part.document, i) for i in part.indices.get(section, []))
    return origins
