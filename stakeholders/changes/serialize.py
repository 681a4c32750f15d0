"""A ``Changes`` as ``stakeholders diff`` prints it: JSON, text for the terminal, Markdown for a report.

Each is deterministic: records by status, then name or date; pairs and moves by
actor id; centrality by the size of the change. The text and Markdown say the
same things from the same pieces; the text is plain lines (the command line
makes data text safe for the terminal and fits the lines to its width), the
Markdown escapes data text so that it cannot break a table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..analysis.choices import METRICS, check_choice
from ..holds import Span
from ..model import Dataset, Evidence, Relation
from ..questions.serialize import relation_json
from .compare import Changes
from .movement import FIGURES, CampChanges, PairChange, Shift
from .records import STATUSES, FieldChange, RecordChange, RelationChange

#: How many centrality changes the text and Markdown show by default.
TOP = 5
_SIGNED = ("cooperative", "hostile")
_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def _datasets(changes: Changes) -> tuple[Dataset, Dataset]:
    return changes.old.graph["dataset"], changes.new.graph["dataset"]


def _home(change: RecordChange[Any], changes: Changes) -> Dataset:
    """The dataset that holds the record as it stands: the old one for a removed record."""
    old, new = _datasets(changes)
    return old if change.status == "removed" else new


def _decided_in(pair: PairChange, changes: Changes) -> Dataset:
    """Where a flipped pair's deciding relations are: the new state's, unless it lost its sign."""
    old, new = _datasets(changes)
    return new if pair.new in _SIGNED else old


def _evidence_json(evidence: Evidence) -> dict[str, Any]:
    return evidence.model_dump(mode="json")


def _field_json(field: FieldChange) -> dict[str, Any]:
    return {"field": field.name, "old": field.old, "new": field.new}


def changes_json(changes: Changes) -> dict[str, Any]:
    """What ``stakeholders diff --format json`` prints."""
    names = changes.names
    actors = changes.actors.values()
    relations = changes.relations.values()
    return {
        "old": changes.labels[0],
        "new": changes.labels[1],
        "name": changes.new.graph.get("name"),
        "changed": changes.changed,
        "summary": _counts(changes),
        "actors": [
            {"id": c.id, "name": c.record.name, "status": c.status, "fields": [_field_json(f) for f in c.fields], "actor": c.record.model_dump(mode="json")}
            for c in actors
        ],
        "relations": [
            {
                "id": c.id,
                "status": c.status,
                "fields": [_field_json(f) for f in c.fields],
                "evidence_added": [_evidence_json(e) for e in c.evidence_added],
                "evidence_removed": [_evidence_json(e) for e in c.evidence_removed],
                "relation": relation_json(c.record, _home(c, changes)),
            }
            for c in relations
        ],
        "pairs": [
            {
                "actors": [{"id": a, "name": names[a]} for a in p.actors],
                "old": p.old,
                "new": p.new,
                "deciding": [relation_json(r, _decided_in(p, changes)) for r in p.deciding],
            }
            for p in changes.pairs
        ],
        "balance": {f.name: {"old": f.old, "new": f.new, "change": f.change} for f in changes.balance},
        "camps": _camps_json(changes.camps, names),
        "centrality": {
            metric: [{"actor": s.actor, "name": names[s.actor], "old": s.old, "new": s.new, "change": s.change} for s in shifts]
            for metric, shifts in changes.centrality.items()
        },
    }


def _counts(changes: Changes) -> dict[str, Any]:
    def by_status(found: Mapping[str, RecordChange[Any]]) -> dict[str, int]:
        return {status: sum(1 for c in found.values() if c.status == status) for status in STATUSES}

    moves = changes.camps.moves
    return {
        "actors": by_status(changes.actors),
        "relations": by_status(changes.relations),
        "pairs": len(changes.pairs),
        "camps": {kind: sum(1 for m in moves if m.kind == kind) for kind in ("moved", "joined", "left")},
    }


def _camps_json(camps: CampChanges, names: Mapping[str, str]) -> dict[str, Any]:
    def listed(groups: Sequence[Any]) -> list[dict[str, Any]]:
        return [{"number": g.number, "name": g.name, "members": list(g.members)} for g in groups]

    return {
        "old": listed(camps.old),
        "new": listed(camps.new),
        "matched": [{"new": new, "old": old} for new, old in sorted(camps.matched.items())],
        "moves": [{"actor": m.actor, "name": names[m.actor], "kind": m.kind, "old": m.old, "new": m.new} for m in camps.moves],
        "best_splits": {"old": camps.splits[0], "new": camps.splits[1]},
        "sides_compared": camps.compared,
    }


# The words both the text and the Markdown are made of.


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else noun + 's'}"


def _summary(changes: Changes) -> str:
    counts = _counts(changes)
    parts = [
        f"{what}: " + ", ".join(f"{n} {status}" for status, n in counts[what].items()) for what in ("actors", "relations")
    ]
    parts.append(f"{_plural(counts['pairs'], 'pair')} changed state")
    parts.append(f"{_plural(counts['camps']['moved'], 'actor')} changed side" if changes.camps.compared else "sides not compared")
    return "; ".join(parts)


def _when(span: Span) -> str:
    """``2025-04 to 2025-05``, ``since 2025-05``, ``reported 2025-05-07``, ``undated``."""
    if span.undated:
        return "undated"
    if span.inferred:
        return f"reported {span.reported}"
    if span.start is not None and span.end is not None:
        return str(span.start) if span.start == span.end else f"{span.start} to {span.end}"
    return f"since {span.start}" if span.start is not None else f"until {span.end}"


def _relation(relation: Relation, names: Mapping[str, str]) -> str:
    """``Syrian government -[negotiation]- Israel``: an arrow for a directed relation."""
    return f"{names[relation.source]} -[{relation.kind}]-{'>' if relation.directed else ''} {names[relation.target]}"


def _relation_dated(relation: Relation, dataset: Dataset, names: Mapping[str, str]) -> str:
    return f"{_relation(relation, names)} ({_when(dataset.spans[relation.id])})"


def _value(value: Any) -> str:
    if value is None:
        return "none"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _field(field: FieldChange) -> str:
    return f"{field.name}: {_value(field.old)} → {_value(field.new)}"


def _evidence(evidence: Evidence, dataset: Dataset) -> str:
    source = dataset.sources_by_id[evidence.source]
    return f'{evidence.said} ({source.title}{", " + str(source.date) if source.date else ""})'


def _what_changed(change: RecordChange[Any], changes: Changes) -> list[str]:
    """A changed record's fields, then for a relation the evidence it gained and lost."""
    old, new = _datasets(changes)
    found = [_field(f) for f in change.fields]
    if isinstance(change, RelationChange):
        found += [f"evidence added: {_evidence(e, new)}" for e in change.evidence_added]
        found += [f"evidence removed: {_evidence(e, old)}" for e in change.evidence_removed]
    return found


def _pair(pair: PairChange, names: Mapping[str, str]) -> str:
    a, b = pair.actors
    return f"{names[a]} – {names[b]}"


def _deciding(pair: PairChange, changes: Changes) -> list[tuple[str, str]]:
    """Each relation that decides the pair's state in words (``negotiation, since 2025-05``), with its id."""
    dataset = _decided_in(pair, changes)
    return [(f"{r.kind}, {_when(dataset.spans[r.id])}", r.id) for r in pair.deciding]


def _by(pair: PairChange) -> str:
    """How the deciding relations are introduced: what gives the new sign, or what gave the old one."""
    return "by" if pair.new in _SIGNED else "was"


def _number(value: float | None) -> str:
    """A whole number as such, any other with the reports' four decimals; ``absent`` off the map."""
    if value is None:
        return "absent"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.4f}"


def _change(value: float) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + _number(abs(value))


def _camp_lines(camps: CampChanges, names: Mapping[str, str], labels: tuple[str, str]) -> list[str]:
    """Each new camp with the old one it continues, the old camps none continues, then who moved.

    Camps are numbered in each state apart, so a move names the state of each number.
    """
    old = {group.number: group for group in camps.old}
    lines = []
    for group in camps.new:
        was = camps.matched.get(group.number)
        before = f"was camp {was}: {old[was].name}" if was is not None else "new"
        lines.append(f"camp {group.number} ({len(group.members)}): {group.name} ({before})")
    for number in sorted(set(old) - set(camps.matched.values())):
        lines.append(f"camp {number} before ({len(old[number].members)}): {old[number].name} (gone)")
    moved = [f"{names[m.actor]} (camp {m.old} in {labels[0]} → camp {m.new} in {labels[1]})" for m in camps.moves if m.kind == "moved"]
    joined = [f"{names[m.actor]} (camp {m.new})" for m in camps.moves if m.kind == "joined"]
    left = [f"{names[m.actor]} (was camp {m.old})" for m in camps.moves if m.kind == "left"]
    if not camps.compared:
        counts = [f"{n} in {label}" for n, label in zip(camps.splits, labels, strict=True) if n is not None and n > 1]
        lines.append(
            f"changed side: not compared: several splits are equally good ({', '.join(counts)}), "
            "so a change of side may be a tie falling the other way"
        )
    for word, listed in (("changed side", moved), ("joined the camps", joined), ("left the camps", left)):
        if listed:
            lines.append(f"{word}: {', '.join(listed)}")
    return lines or ["no cooperative or hostile ties, so no camps"]


def _top(changes: Changes, metric: str, top: int) -> list[Shift]:
    check_choice(metric, METRICS, "metric")
    return list(changes.centrality[metric][:top])


def _records_text(
    title: str, found: Mapping[str, RecordChange[Any]], changes: Changes, describe: Callable[[Any], str]
) -> Iterator[str]:
    """A section of the text: each record added, removed or changed, with what changed under it."""
    if not found:
        return
    yield ""
    yield title
    for c in found.values():
        yield f"  {_MARKS[c.status]} {describe(c)} [{c.id}]"
        yield from (f"      {line}" for line in _what_changed(c, changes))


def changes_text(changes: Changes, *, metric: str = "betweenness", top: int = TOP) -> Iterator[str]:
    """What ``stakeholders diff`` prints, line by line (without line ends); ``top`` changes of ``metric``."""
    names = changes.names
    old, new = changes.labels
    shifts = _top(changes, metric, top)
    yield f"Changes in {changes.new.graph.get('name')} from {old} to {new}"
    if not changes.changed:
        yield "no changes"
        return
    yield _summary(changes)
    yield from _records_text("ACTORS", changes.actors, changes, lambda c: c.record.name)
    yield from _records_text("RELATIONS", changes.relations, changes, lambda c: _relation_dated(c.record, _home(c, changes), names))
    if changes.pairs:
        yield ""
        yield "PAIR STATES (the sign of each pair's latest cooperative or hostile relation)"
        for p in changes.pairs:
            because = "; ".join(f"{words} [{key}]" for words, key in _deciding(p, changes))
            yield f"  {_pair(p, names)}: {p.old} → {p.new}" + (f" ({_by(p)} {because})" if because else "")
    yield ""
    yield "BALANCE"
    for f in changes.balance:
        yield f"  {FIGURES[f.name]}: " + (f"{f.old} → {f.new} ({_change(f.change)})" if f.change else f"{f.new} (no change)")
    yield ""
    yield "CAMPS"
    yield from (f"  {line}" for line in _camp_lines(changes.camps, names, changes.labels))
    yield ""
    yield f"CENTRALITY: the largest changes in {metric}"
    yield f"{metric}: {METRICS[metric]}"
    if not shifts:
        yield "  no change"
    for s in shifts:
        yield f"  {names[s.actor]}: {_number(s.old)} → {_number(s.new)} ({_change(s.change)})"
    if more := len(changes.centrality[metric]) - len(shifts):
        yield f"  ... and {more} more (--top or --format json shows them)"


_MARKDOWN = re.compile(r"([\\`*_\[\]<|])")


def _md(text: object) -> str:
    """Data text for a Markdown table cell or line: its markup escaped, on one line."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    yield "| " + " | ".join(headers) + " |"
    yield "|" + "---|" * len(headers)
    for row in rows:
        yield "| " + " | ".join(row) + " |"


def changes_markdown(changes: Changes, *, metric: str = "betweenness", top: int = TOP) -> Iterator[str]:
    """The changes as Markdown to paste into a report, line by line (without line ends)."""
    names = changes.names
    old, new = (_md(label) for label in changes.labels)
    shifts = _top(changes, metric, top)
    yield f"## Changes in {_md(changes.new.graph.get('name'))} from {old} to {new}"
    yield ""
    if not changes.changed:
        yield "No changes."
        return
    yield _md(_summary(changes)) + "."
    if changes.actors:
        yield ""
        yield "### Actors"
        yield ""
        rows = [(c.status, _md(c.record.name), f"`{c.id}`", "<br>".join(_md(w) for w in _what_changed(c, changes))) for c in changes.actors.values()]
        yield from _md_table(("change", "actor", "id", "what changed"), rows)
    if changes.relations:
        yield ""
        yield "### Relations"
        yield ""
        rows = [
            (
                c.status,
                _md(_relation(c.record, names)),
                _md(_when(_home(c, changes).spans[c.record.id])),
                f"`{c.id}`",
                "<br>".join(_md(w) for w in _what_changed(c, changes)),
            )
            for c in changes.relations.values()
        ]
        yield from _md_table(("change", "relation", "when", "id", "what changed"), rows)
    if changes.pairs:
        yield ""
        yield "### Pair states"
        yield ""
        yield "The sign of each pair's latest cooperative or hostile relation."
        yield ""
        rows = [
            (_md(_pair(p, names)), p.old, p.new, _by(p) + " " + "; ".join(f"{_md(words)} `{key}`" for words, key in _deciding(p, changes)))
            for p in changes.pairs
        ]
        yield from _md_table(("pair", old, new, "deciding relations"), rows)
    yield ""
    yield "### Balance"
    yield ""
    yield from _md_table(("figure", old, new, "change"), [(FIGURES[f.name], str(f.old), str(f.new), _change(f.change) if f.change else "") for f in changes.balance])
    yield ""
    yield "### Camps"
    yield ""
    yield from (f"- {_md(line)}" for line in _camp_lines(changes.camps, names, changes.labels))
    yield ""
    yield f"### Centrality: the largest changes in {metric}"
    yield ""
    yield f"{_md(METRICS[metric])}."
    yield ""
    if not shifts:
        yield "No change."
        return
    yield from _md_table(("actor", old, new, "change"), [(_md(names[s.actor]), _number(s.old), _number(s.new), _change(s.change)) for s in shifts])
    if more := len(changes.centrality[metric]) - len(shifts):
        yield ""
        yield f"And {more} more."
