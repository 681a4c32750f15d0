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

import datetime as dt
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import PartialDate
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


@dataclass
class Aggregate:
    """The aggregated table of one feed (``query.AGGREGATE_COLUMNS``) and where it came from."""

    feed: Feed
    rows: Collection[dict[str, Any]]  # read again by each reader: a list, or the engine's rows made a batch at a time
    files: list[str]  # the files read, by name; empty when another engine ran the aggregation
    period: str = "month"
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # ACLED: event id -> (date, notes)
    faults: dict[str, tuple[int, str]] = field(default_factory=dict)  # lines not read as rows: fault -> (lines, first place)


@dataclass
class EventMap:
    """A map made from event data (``data``, the dataset as a file holds it) and what became of the events."""

    data: dict[str, Any]
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

    @property
    def relations(self) -> int:
        return len(self.data["relations"])

    @property
    def actors(self) -> int:
        return len(self.data["actors"])

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
            "seconds": round(self.seconds, 3),
        }


class _Actors:
    """The map's actors, found or made from codes; one record per actor, in first-seen order."""

    def __init__(self, feed: Feed, dataset: Dataset | None) -> None:
        self.feed = feed
        self.dataset = dataset
        self.records: dict[str, dict[str, Any]] = {}
        self.ids: dict[str, str] = {}  # made actors: code -> id
        self.by_code: dict[str, list[Actor]] = {}
        if dataset is not None:
            for actor in dataset.actors:
                for code in actor.codes.get(feed.code_scheme, ()):
                    self.by_code.setdefault(normalize(code), []).append(actor)

    def find(self, code: str, on: dt.date, inter: str | None) -> str | None:
        """The actor id a code names on a date; None when a dataset is given and none of its actors lists it then."""
        if self.dataset is None:
            return self._made(code, inter)
        when = PartialDate(on.year, on.month, on.day)
        actor = next((a for a in self.by_code.get(normalize(code), ()) if a.active_on(when)), None)
        if actor is None:
            return None
        if actor.id not in self.records:
            self.records[actor.id] = actor.model_dump(mode="json", exclude_defaults=True)
        return actor.id

    def _made(self, code: str, inter: str | None) -> str:
        if code in self.ids:
            return self.ids[code]
        if self.feed.name == "gdelt":
            coded = describe(code)
            base = "-".join(code[i : i + 3] for i in range(0, len(code), 3)).lower() if not coded.unknown else slug(code)
            record: dict[str, Any] = {"name": coded.name, "type": coded.type}
            if coded.country:
                record["country"] = coded.country
        else:
            base = slug(code)
            record = {"name": code, "type": _ACLED_TYPES.get((inter or "").strip().lower(), "other")}
        record["codes"] = {self.feed.code_scheme: [code]}
        actor_id, n = base or "actor", 1
        while actor_id in self.records:
            n += 1
            actor_id = f"{base or 'actor'}-{n}"
        self.records[actor_id] = {"id": actor_id, **record}
        self.ids[code] = actor_id
        return actor_id


def _period_text(period: str, start: dt.date) -> str:
    if period == "month":
        return f"{start:%Y-%m}"
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()


def _weight(events: int, fatalities: int) -> float:
    return round(min(1.0, math.log10(1 + events + fatalities) / 3), 3)


def _confidence(sources: int) -> float | None:
    return round(1 - 0.5**sources, 3) if sources > 0 else None


def build_map(aggregate: Aggregate, dataset: Dataset | None = None, name: str | None = None) -> EventMap:
    """The dataset (as plain data) the aggregated rows make, mapped onto ``dataset``'s actors if given."""
    feed = aggregate.feed
    kinds: Mapping[str, RelationKind] = dataset.kinds_by_id if dataset is not None else _default_kinds()
    actors = _Actors(feed, dataset)
    result = EventMap({}, faults=dict(aggregate.faults), scheme=feed.code_scheme)
    merged: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    seen: set[str] = set()  # GDELT's event ids, to find one counted twice (an event in two overlapping files)
    for row in aggregate.rows:
        result.read += row["records"] or 0
        if row["left_out"]:
            result.left_out[row["left_out"]] = result.left_out.get(row["left_out"], 0) + (row["records"] or 0)
            continue
        events = row["events"]
        result.collapsed += row["records"] - events
        if feed.name == "gdelt":
            ids = (row["event_ids"] or "").split()
            before = len(seen)
            seen.update(ids)
            result.repeated_ids += len(ids) - (len(seen) - before)
        first = _date(row["first_date"])
        source = actors.find(row["actor1"], first, row.get("inter1"))
        target = actors.find(row["actor2"], first, row.get("inter2"))
        if dataset is None and feed.name == "gdelt":
            for code in (row["actor1"], row["actor2"]):
                if describe(code).unknown:
                    result.unknown[code] += events
        if source is None or target is None:
            for code, found in ((row["actor1"], source), (row["actor2"], target)):
                if found is None:
                    result.unmapped[code] += events
            continue
        if source == target:
            result.within_one_actor += events
            continue
        kind = row["kind"]
        if not kinds[kind].directed and target < source:
            source, target = target, source
        period = _period_text(aggregate.period, _date(row["period"]))
        _merge(merged.setdefault((source, kind, target, period), {}), row, first, feed.name == "gdelt")
    relations = [_relation(key, values, feed, aggregate.notes) for key, values in merged.items()]
    result.kept = sum(values["events"] for values in merged.values())
    used = {relation["kind"] for relation in relations}
    own = [kind.model_dump(mode="json", exclude_defaults=True) for kind in (dataset.kinds if dataset is not None else []) if kind.id in used]
    dates = [values[d] for values in merged.values() for d in ("first", "last")]
    result.data = {
        "meta": _meta(aggregate, name, dates),
        "sources": [_source(aggregate, dates)],
        "actors": list(actors.records.values()),
        "relations": relations,
        **({"kinds": own} if own else {}),
    }
    return result


def _default_kinds() -> Mapping[str, RelationKind]:
    from ..vocabulary import DEFAULT_KINDS

    return DEFAULT_KINDS


def _date(value: dt.date | str) -> dt.date:
    # Rows read back from CSV (``events aggregate``) hold text.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _merge(into: dict[str, Any], row: dict[str, Any], first: dt.date, feed_is_gdelt: bool) -> None:
    events, last = row["events"], _date(row["last_date"])
    if not into:
        into.update(events=0, records=0, sources=0, fatalities=0, goldstein=0.0, rated=0, first=first, last=last, ids=[], codes=[], assoc=([], []))
    into["first"], into["last"] = min(into["first"], first), max(into["last"], last)
    into["events"] += events
    into["records"] += row["records"]
    into["sources"] = max(into["sources"], row["sources"] or 0)
    into["fatalities"] += row["fatalities"] or 0
    if row["goldstein"] is not None:
        into["goldstein"] += row["goldstein"] * events
        into["rated"] += events
    ids = (row["event_ids"] or "").split()
    # GDELT lists its ids in no order: the smallest are the earliest reported.
    into["ids"].append((first, sorted(ids, key=int)[:LISTED_IDS] if feed_is_gdelt else ids[:LISTED_IDS]))
    into["codes"].append(f"{row['actor1']} > {row['actor2']}")
    for side, column in zip(into["assoc"], ("assoc_actors1", "assoc_actors2"), strict=True):
        side.extend(a for a in (row.get(column) or "").split("; ") if a and a not in side)


def _listed(ids: list[str], listed: int, events: int, column: str) -> str:
    """The locator of event ids; when there were more events than ids listed (quoted ones included), it says so."""
    more = f" ({listed} of {events:,} events listed, by date)" if events > listed else ""
    return f"{column} {', '.join(ids)}{more}"


def _evidence(values: dict[str, Any], feed: Feed, notes: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    ids = [i for _, chunk in sorted(values["ids"], key=lambda pair: pair[0]) for i in chunk][:LISTED_IDS]
    quoted = [i for i in ids[:QUOTED] if i in notes]
    evidence: list[dict[str, Any]] = [
        {"source": feed.name, "quote": notes[i][1], "locator": f"{feed.id_column} {i}, {notes[i][0]}"} for i in quoted
    ]
    rest = [i for i in ids if i not in quoted]
    if rest or not evidence:
        evidence.append({"source": feed.name, "locator": _listed(rest, len(ids), values["events"], feed.id_column)})
    return evidence


def _relation(key: tuple[str, str, str, str], values: dict[str, Any], feed: Feed, notes: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    source, kind, target, period = key
    events, fatalities = values["events"], values["fatalities"]
    attributes: dict[str, Any] = {"events": events, "records": values["records"], "sources": values["sources"]}
    if values["rated"]:
        attributes["goldstein"] = round(values["goldstein"] / values["rated"], 2)
    if feed.name == "acled":
        attributes["fatalities"] = fatalities
    attributes["codes"] = "; ".join(values["codes"][:_SHOWN_CODES]) + ("; ..." if len(values["codes"]) > _SHOWN_CODES else "")
    for end, side in zip(("source", "target"), values["assoc"], strict=True):
        if side:
            attributes[f"{end}_associated_actors"] = "; ".join(side)
    duplicates = values["records"] - events
    relation: dict[str, Any] = {
        "id": f"{source}--{kind}--{target}--{period}",
        "source": source,
        "target": target,
        "kind": kind,
        "start": values["first"].isoformat(),
        "end": values["last"].isoformat(),
        "weight": _weight(events, fatalities),
    }
    confidence = _confidence(values["sources"])
    if confidence is not None:
        relation["confidence"] = confidence
    relation["description"] = f"{counted(events, feed.event)} in {period}" + (f" ({counted(duplicates, 'duplicate row')} collapsed)" if duplicates else "")
    relation["evidence"] = _evidence(values, feed, notes)
    relation["attributes"] = attributes
    return relation


def _span(dates: Sequence[dt.date]) -> str:
    return f"{min(dates)} to {max(dates)}" if dates else "no events kept"


def _meta(aggregate: Aggregate, name: str | None, dates: Sequence[dt.date]) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": f"{aggregate.feed.title}, {_span(dates)}"}
    if name:
        meta["name"] = name
    if dates:
        meta["as_of"] = max(dates).isoformat()
    meta["description"] = f"Made by stakeholders events from {_files(aggregate.files)}: one relation per actor pair, kind and {aggregate.period}."
    return meta


def _files(files: Iterable[str]) -> str:
    names = list(files)
    if not names:
        return "an aggregated table"
    if len(names) <= 3:
        return ", ".join(names)
    return f"{len(names):,} files, {names[0]} to {names[-1]}"


def _source(aggregate: Aggregate, dates: Sequence[dt.date]) -> dict[str, Any]:
    feed = aggregate.feed
    source: dict[str, Any] = {"id": feed.name, "title": f"{feed.title}: {_files(aggregate.files)}, {_span(dates)}", "publisher": feed.publisher}
    if dates:
        source["date"] = max(dates).isoformat()
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
