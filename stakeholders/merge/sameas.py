"""The reviewed list of actors that are the same: a ``same-as`` file.

``stakeholders dedupe --write same-as.yaml`` writes the candidates, one group a line
with its score and reasons in a comment; a person deletes the groups that are not
one actor and keeps the others; ``stakeholders merge --same-as same-as.yaml``
applies what is left, identically every time::

    same_as:
      # 0.95: same words once demonyms are read as their states: "Syria: government" and "Syrian government"
      - [syrian-government, syr-gov]

Each group lists ids of the maps being merged (the first id of the first map stays).
Read with every problem at its file and line, all in one run: an id no map has, an
id in two groups, a group of one id, a group joining actors of different types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..errors import DataError, Problem, ValidationError
from ..ingest.read import DEFAULT_MAX_BYTES, read
from ..model import Dataset
from ..yamltext import Flow, comment, commented_section
from .similar import Duplicate


@dataclass(frozen=True)
class SameAs:
    """One reviewed group: the ids, and where it is written (for the report)."""

    ids: tuple[str, ...]
    where: str


def same_as_text(duplicates: Iterable[Duplicate], maps: Sequence[str]) -> str:
    """The candidates as a same-as file to review: a group per pair, its score and reasons in a comment above it."""
    lines = [
        comment(f"Actors that may be the same, found by stakeholders dedupe in {', '.join(maps)}."),
        "# Review each group: delete those that are not one actor; keep, or join into one group, those that are.",
        "# Then: stakeholders merge MAP... --same-as THIS-FILE -o merged.yaml (the first id of the first map stays).",
    ]
    groups = [([f"{d.score:.2f}: {'; '.join(d.reasons)}"], Flow([d.a.actor.id, d.b.actor.id])) for d in duplicates]
    return "\n".join([*lines, *commented_section("same_as", groups)]) + "\n"


def write_same_as(duplicates: Iterable[Duplicate], maps: Sequence[str], path: str | Path, *, force: bool = False) -> Path:
    """Write the candidates as a same-as file (refusing to replace one unless ``force``)."""
    return write_atomic(path, [same_as_text(duplicates, maps)], replace=force)


def read_same_as(path: str | Path, datasets: Sequence[Dataset], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SameAs]:
    """The groups of a same-as file, checked against the maps. Raises ``ValidationError`` with every problem, at its
    line, when any group is wrong; ``DataError`` when the file is not a same-as file."""
    path = Path(path)
    document = read(path, max_bytes)
    data = document.data
    if not isinstance(data, dict) or "same_as" not in data:
        raise DataError(f"{path}: not a same-as file: it needs a list under 'same_as:' (stakeholders dedupe --write makes one)")
    unknown_keys = sorted(set(data) - {"same_as"})
    if unknown_keys:
        raise DataError(f"{path}: unknown section {unknown_keys[0]!r}; a same-as file has only 'same_as:'")
    groups = data["same_as"] or []
    if not isinstance(groups, list):
        raise DataError(f"{path}: 'same_as' must be a list of groups of ids, such as [sudanese-armed-forces, sdn-mil]")
    types: dict[str, set[str]] = {}
    for dataset in datasets:
        for actor in dataset.actors:
            types.setdefault(actor.id, set()).add(actor.type)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    found: list[SameAs] = []

    def problem(message: str, *loc: str | int) -> None:
        line, column = document.position(("same_as", *loc))
        problems.append(Problem(message, path, line, column))

    for k, group in enumerate(groups):
        line, _ = document.position(("same_as", k))
        if not isinstance(group, list) or not all(isinstance(i, str) and i for i in group):
            problem("a group is a list of actor ids, such as [sudanese-armed-forces, sdn-mil]", k)
            continue
        if len(set(group)) < 2:
            problem(f"the group {group} names one actor: a group joins two or more", k)
            continue
        bad = False
        for j, actor_id in enumerate(group):
            if actor_id not in types:
                problem(f'no map has the actor "{actor_id}"', k, j)
                bad = True
            elif actor_id in seen:
                problem(f'"{actor_id}" is already in the group at line {seen[actor_id]}: join the two groups into one', k, j)
                bad = True
            else:
                seen[actor_id] = line or 0
        kinds = sorted({t for i in group if i in types for t in types[i]} - {"other"})
        if len(kinds) > 1:
            problem(f"the group joins actors of different types ({', '.join(kinds)}): they are not one actor", k)
            bad = True
        if not bad:
            found.append(SameAs(tuple(dict.fromkeys(group)), f"{path}:{line}"))
    if problems:
        raise ValidationError(problems)
    return found
