"""From the aggregated table to a dataset: actors, relations, the source, and a report.

Each tie row (one actor pair, kind and period) becomes a relation. Its two
actor codes name actors: those of a dataset that list the code under ``codes``
(``cameo`` for GDELT, ``acled`` for ACLED) and exist on the first event's date,
or, without a dataset, an actor made from the code (``cameo.describe``; for
ACLED the actor's name, its type from ACLED's actor category). Rows that come to
the same two actors, kind and period merge.

What a relation holds, and how:

- ``start``/``end``: the dates of the first and last event;
- ``weight``: ``min(1, log10(1 + events + fatalities) / 3)``, so 1 event is 0.1,
  10 are 0.35, 100 are 0.67 and a thousand or more 1 (fatalities count for ACLED);
- ``confidence``: ``1 - 0.5 ** sources``, the sources of the best-reported event:
  one source 0.5, two 0.75, three 0.875;
- ``attributes``: ``events``, ``records`` (rows read, duplicates included),
  ``sources``, ``goldstein`` (mean), ``fatalities``, the actor ``codes`` behind it,
  ACLED's associated actors;
- ``evidence``: the feed as a ``dataset`` source; the locator lists the first
  event ids (and says how many there were); for ACLED the first events' notes are
  quoted, one evidence each.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Actor, Dataset, RelationKind
from ..names import normalize, slug
from ..terms import counted
from .cameo import describe
from .feeds import Feed
from .query import LEFT_OUT

#: ACLED events whose notes are quoted per relation; the others are listed in a locator.
QUOTED = 3
#: Event ids listed per relation (GDELT's smallest, which are the earliest; ACLED's first by date).
LISTED_IDS = 20
# ACLED's actor categories (inter1, inter2), as numbers and as words, to actor types.
_ACLED_TYPES = {
    "1": "armed-group", "state forces": "armed-group",
    "2": "armed-group", "rebel group": "armed-group", "rebel groups": "armed-group",
    "3": "armed-group", "political militia": "armed-group", "political militias": "armed-group",
    "4": "armed-group", "identity militia": "armed-group", "identity militias": "armed-group",
    "5": "community", "rioters": "community",
    "6": "community", "protesters": "community",
    "7": "community", "civilians": "community",
    "8": "other", "external/other forces": "other",
}  # fmt: skip
_SHOWN_CODES = 5


@dataclass(frozen=True)
class CodeActor:
    """One actor a code may name, over the days it exists (both ends included); ``rank`` breaks ties, lowest first."""

    code: str
    actor: str
    since: str = "0001-01-01"
    until: str = "9999-12-31"
    rank: int = 0


@dataclass
class Aggregate:
    """The aggregated table of one feed (``query.AGGREGATE_COLUMNS``) and where it came from."""

    feed: Feed
    rows: Collection[dict[str, Any]]  # read again by each reader: a list, or the engine's rows made a batch at a time
    files: list[str]  # the files read, by name; empty when another engine ran the aggregation
    period: str = "month"
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # ACLED: event id -> (date, notes)
    faults: dict[str, tuple[int, str]] = field(default_factory=dict)  # lines not read as rows: fault -> (lines, first place)
    layouts: dict[str, int] = field(default_factory=dict)  # GDELT: the file layouts read, files of each


@dataclass
class EventMap:
    """A map made from event data and what became of the events.

    The relations are JSON texts (``assemble``); ``data`` is the dataset as a file
    holds it, the relations parsed on first use (a caller that only writes the map
    never pays for a Python object per relation).
    """

    head: dict[str, Any]  # the sections before the relations: meta, sources, actors
    texts: Any = None  # the relations, an Arrow array of JSON texts
    kinds: list[dict[str, Any]] = field(default_factory=list)  # the dataset's own kinds the relations use
    read: int = 0
    left_out: dict[str, int] = field(default_factory=dict)  # rows, by reason (query.LEFT_OUT)
    collapsed: int = 0  # duplicate rows collapsed into the events they repeat
    unmapped: Counter[str] = field(default_factory=Counter)  # with a dataset: events per actor code no actor lists
    within_one_actor: int = 0  # events whose two codes name one actor of the dataset
    unknown: Counter[str] = field(default_factory=Counter)  # events per actor code with parts outside the CAMEO tables
    kept: int = 0  # events in the map's relations
    seconds: float = 0.0
    faults: dict[str, tuple[int, str]] = field(default_factory=dict)  # lines of the files not read as rows (Aggregate.faults)
    repeated_ids: int = 0  # GDELT: event ids met again in another relation or period (an event in two files)
    scheme: str = "cameo"  # the codes the dataset's actors would list (Feed.code_scheme)
    layouts: dict[str, int] = field(default_factory=dict)  # GDELT: the file layouts read, files of each
    _data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            relations = [json.loads(text) for text in self.relation_texts()]
            self._data = {**self.head, "relations": relations, **({"kinds": self.kinds} if self.kinds else {})}
        return self._data

    def relation_texts(self) -> Iterator[str]:
        """Each relation as JSON text, in the map's order (first date, then ids)."""
        if self.texts is None:
            return
        for chunk in self.texts.chunks:
            for text in chunk.to_pylist():
                yield text.removesuffix(",\n")

    @property
    def relations(self) -> int:
        return len(self.texts) if self.texts is not None else 0

    @property
    def actors(self) -> int:
        return len(self.head.get("actors", ()))

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (what ``--format json`` prints)."""
        return {
            "read": self.read,
            "left_out": self.left_out,
            "collapsed": self.collapsed,
            "unmapped_codes": dict(most_common(self.unmapped)),
            "within_one_actor": self.within_one_actor,
            "unknown_codes": dict(most_common(self.unknown)),
            "kept": self.kept,
            "actors": self.actors,
            "relations": self.relations,
            "faults": {fault: {"lines": lines, "first": first} for fault, (lines, first) in self.faults.items()},
            "repeated_ids": self.repeated_ids,
            "layouts": self.layouts,
            "seconds": round(self.seconds, 3),
        }


def _code_actors(
    feed: Feed, dataset: Dataset | None, codes: Sequence[tuple[str, str | None]]
) -> tuple[list[CodeActor], dict[str, dict[str, Any]]]:
    """Which actor each code names, and when; and the records of those actors, by id.

    With a dataset, its actors that list the code under ``codes`` (in the
    dataset's order), each over the days it exists; without one, an actor made
    from the code (``cameo.describe``; for ACLED the actor's name, its type from
    ACLED's actor category), ids given in code order.
    """
    rows: list[CodeActor] = []
    records: dict[str, dict[str, Any]] = {}
    if dataset is not None:
        by_code: dict[str, list[tuple[int, Actor]]] = {}
        for rank, actor in enumerate(dataset.actors):
            for code in actor.codes.get(feed.code_scheme, ()):
                by_code.setdefault(normalize(code), []).append((rank, actor))
        for code, _ in codes:
            for rank, actor in by_code.get(normalize(code), ()):
                since = actor.start.first.isoformat() if actor.start is not None else "0001-01-01"
                until = actor.end.last.isoformat() if actor.end is not None else "9999-12-31"
                rows.append(CodeActor(code, actor.id, since, until, rank))
                records.setdefault(actor.id, actor.model_dump(mode="json", exclude_defaults=True))
        return rows, records
    for code, inter in codes:
        if feed.name == "gdelt":
            coded = describe(code)
            base = "-".join(code[i : i + 3] for i in range(0, len(code), 3)).lower() if not coded.unknown else slug(code)
            record: dict[str, Any] = {"name": coded.name, "type": coded.type}
            if coded.country:
                record["country"] = coded.country
        else:
            base = slug(code)
            record = {"name": code, "type": _ACLED_TYPES.get((inter or "").strip().lower(), "other")}
        record["codes"] = {feed.code_scheme: [code]}
        actor_id, n = base or "actor", 1
        while actor_id in records:
            n += 1
            actor_id = f"{base or 'actor'}-{n}"
        records[actor_id] = {"id": actor_id, **record}
        rows.append(CodeActor(code, actor_id))
    return rows, records


def build_map(aggregate: Aggregate, dataset: Dataset | None = None, name: str | None = None, memory_limit: str = "1GB") -> EventMap:
    """The map the aggregated rows make, mapped onto ``dataset``'s actors if given (see the module's docstring).
    The engine merges and writes the relations (``assemble``) within ``memory_limit``."""
    from .assemble import assemble, codes_of, connect

    feed = aggregate.feed
    kinds: Mapping[str, RelationKind] = dataset.kinds_by_id if dataset is not None else _default_kinds()
    con = connect(aggregate.rows, memory_limit)
    try:
        codes = codes_of(con)
        code_actors, records = _code_actors(feed, dataset, codes)
        unknown = [code for code, _ in codes if describe(code).unknown] if dataset is None and feed.name == "gdelt" else []
        directed = {kind_id: kind.directed for kind_id, kind in kinds.items()}
        made = assemble(con, feed, aggregate.period, code_actors, directed, aggregate.notes, unknown, LISTED_IDS, QUOTED, one_to_one=dataset is None)
    finally:
        con.close()
    dates = [made.first, made.last] if made.first is not None and made.last is not None else []
    head: dict[str, Any] = {
        "meta": _meta(aggregate, name, dates),
        "sources": [_source(aggregate, dates)],
        "actors": [records[actor_id] for actor_id in made.actors],
    }
    own = [kind.model_dump(mode="json", exclude_defaults=True) for kind in (dataset.kinds if dataset is not None else []) if kind.id in made.kinds]
    return EventMap(
        head, made.relations, own, made.read, made.left_out, made.collapsed, made.unmapped, made.within_one_actor, made.unknown,
        made.kept, faults=dict(aggregate.faults), repeated_ids=made.repeated_ids, scheme=feed.code_scheme, layouts=dict(aggregate.layouts),
    )  # fmt: skip


def _default_kinds() -> Mapping[str, RelationKind]:
    from ..vocabulary import DEFAULT_KINDS

    return DEFAULT_KINDS


def _span(dates: Sequence[str]) -> str:
    return f"{min(dates)} to {max(dates)}" if dates else "no events kept"


def _meta(aggregate: Aggregate, name: str | None, dates: Sequence[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": f"{aggregate.feed.title}, {_span(dates)}"}
    if name:
        meta["name"] = name
    if dates:
        meta["as_of"] = max(dates)
    meta["description"] = f"Made by stakeholders events from {_files(aggregate.files)}: one relation per actor pair, kind and {aggregate.period}."
    return meta


def _files(files: Iterable[str]) -> str:
    names = list(files)
    if not names:
        return "an aggregated table"
    if len(names) <= 3:
        return ", ".join(names)
    return f"{len(names):,} files, {names[0]} to {names[-1]}"


def _source(aggregate: Aggregate, dates: Sequence[str]) -> dict[str, Any]:
    feed = aggregate.feed
    source: dict[str, Any] = {"id": feed.name, "title": f"{feed.title}: {_files(aggregate.files)}, {_span(dates)}", "publisher": feed.publisher}
    if dates:
        source["date"] = max(dates)
    source.update(url=feed.url, kind="dataset")
    return source


def most_common(counter: Counter[str], n: int | None = None) -> list[tuple[str, int]]:
    """The counts, largest first, ties by code: the engine gives rows in no set order, the report is the same every run."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]


def summary(result: EventMap) -> list[str]:
    """The report in words, one line each: what was read, kept, collapsed, left out, and unmapped."""
    lines = [
        f"events read: {result.read:,}; in the map: {counted(result.kept, 'event')} in {counted(result.relations, 'relation')} "
        f"between {counted(result.actors, 'actor')}"
    ]
    if result.layouts:
        lines.append("files read as: " + "; ".join(f"{layout} ({counted(files, 'file')})" for layout, files in result.layouts.items()))
    if result.collapsed:
        lines.append(f"duplicates collapsed: {counted(result.collapsed, 'row')} (same actors, event code, place and day)")
    for reason, wording in LEFT_OUT.items():
        if result.left_out.get(reason):
            lines.append(f"left out: {counted(result.left_out[reason], 'row')} {wording}")
    for fault, (count, first) in result.faults.items():
        lines.append(f"left out: {counted(count, 'line')} {fault}, not read as events (the first: {first})")
    if result.within_one_actor:
        lines.append(f"left out: {counted(result.within_one_actor, 'event')} whose two codes name one actor")
    if result.repeated_ids:
        lines.append(
            f"counted again: {counted(result.repeated_ids, 'event id')} met in another relation or period "
            "(the same event in two files? each time it was met it counted)"
        )
    for counter, wording in ((result.unmapped, "without an actor"), (result.unknown, "with parts outside the CAMEO tables")):
        if counter:
            top = ", ".join(f"{code} ({counted(events, 'event')})" for code, events in most_common(counter, _SHOWN_CODES))
            lines.append(f"{counted(len(counter), 'actor code')} {wording}; top {min(len(counter), _SHOWN_CODES)}: {top}")
    if result.unmapped:
        example = most_common(result.unmapped, 1)[0][0]
        lines.append(
            f"to map a code, list it on the actor it stands for in the dataset: codes: {{{result.scheme}: [{example}]}} "
            "(events whose two codes map onto the dataset's actors become relations)"
        )
    if result.seconds:
        rate = f" ({result.read / result.seconds:,.0f} events/s)" if result.read else ""
        lines.append(f"took {result.seconds:.1f} s{rate}")
    return lines
