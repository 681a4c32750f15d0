"""The aggregation, written once as an Ibis expression: DuckDB runs it here, other engines elsewhere.

From a feed's table (``feeds``) it makes one row per actor pair, kind and period
(the aggregated table, ``AGGREGATE_COLUMNS``), in two steps:

1. rows that describe one event collapse into one: the same two actors, event code,
   place and day (GDELT repeats an event for each article that reports it; ACLED's
   events are each their own);
2. events group by actor pair, kind and period (month, ISO week or day); an
   undirected kind puts the pair in a fixed order, so both directions count together.

Rows left out are not dropped but counted, by reason, in a few rows of their own
(``left_out`` set, every key column empty; only ``records`` means something there):
the engine reads each event once, and the report still says where every event went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import PartialDate
from ..model import RelationKind
from .cameo import COUNTRIES, ROOT_KINDS, code_kinds
from .feeds import Feed, prepare_acled, prepare_gdelt

if TYPE_CHECKING:
    import ibis.expr.types as ir

PERIODS = ("month", "week", "day")
_TRUNCATE = {"month": "M", "week": "W"}

#: Why rows were left out, in the order the checks apply: the value of ``left_out`` and its wording.
LEFT_OUT: dict[str, str] = {
    "no-date": "without a readable date",
    "dates": "outside the dates",
    "countries": "outside the countries",
    "actors": "without two actors",
    "same-actor": "with one actor on both ends",
    "unknown-code": "with an event code outside CAMEO (not two to four digits under a root 01 to 20)",
    "no-kind": "with a CAMEO event type that maps to no kind (statements, appeals...)",
    "kinds": "of other kinds",
}

#: The aggregated table: each column and what it holds. What ``--sql`` prints makes it, and
#: ``stakeholders events aggregate`` reads it back (as CSV, with these headers).
AGGREGATE_COLUMNS: dict[str, str] = {
    "feed": "gdelt or acled: which code scheme actor1 and actor2 are in",
    "left_out": "empty for a tie; else why the rows counted here were left out (no-date, dates, countries, actors, same-actor, unknown-code, no-kind, kinds)",
    "actor1": "the acting side: a CAMEO actor code (GDELT) or an ACLED actor name; the first in code order for an undirected kind",
    "actor2": "the other side",
    "kind": "the relation kind",
    "period_unit": "month, week or day: what period covers",
    "period": "the first day of the month, ISO week (a Monday) or day the row covers",
    "first_date": "the date of the first event",
    "last_date": "the date of the last event",
    "events": "events, once duplicates are collapsed",
    "records": "rows read for them (events plus the duplicates collapsed into them)",
    "sources": "the sources of the best-reported event: its rows with a SOURCEURL (GDELT), the names in its source (ACLED)",
    "goldstein": "mean Goldstein value of the events (GDELT; empty for ACLED)",
    "fatalities": "fatalities summed (ACLED; empty for GDELT)",
    "event_ids": "the events' ids (GLOBALEVENTID, in no order; event_id_cnty by date), separated by spaces",
    "assoc_actors1": "ACLED: the associated actors of actor1, distinct, separated by '; '",
    "assoc_actors2": "ACLED: the same for actor2",
    "inter1": "ACLED: actor1's category (inter1: 1 state forces ... 8 external/other forces, or its words)",
    "inter2": "ACLED: actor2's category",
}


@dataclass(frozen=True)
class Filters:
    """What to keep: dates, countries (CAMEO codes), kinds, and the period relations span."""

    since: PartialDate | None = None
    until: PartialDate | None = None
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    period: str = "month"


def aggregation(table: ir.Table, feed: Feed, filters: Filters, kinds: Sequence[RelationKind]) -> ir.Table:
    """The aggregated table of ``table`` (a ``feed`` table) under ``filters``, as an Ibis expression.

    ``kinds`` are the kinds in force, the dataset's own first: they give the
    event codes' kinds and which kinds are undirected.
    """
    import ibis

    if feed.name == "gdelt":
        table, rows = prepare_gdelt(table, code_kinds(kinds), ROOT_KINDS, filters.countries)
    else:
        table, rows = prepare_acled(table, tuple(int(COUNTRIES[c].iso) for c in filters.countries if COUNTRIES[c].iso))
    first_seen: dict[str, RelationKind] = {}
    for kind in kinds:
        first_seen.setdefault(kind.id, kind)
    undirected = [kind.id for kind in first_seen.values() if not kind.directed]

    # In stages, each reading the columns the one before made: an expression used twice is written
    # once in the SQL (the kind's CASE is long), and the engine computes it once.
    t = table.select(**{name: value for name, value in vars(rows).items() if value is not None})
    checks: list[tuple[ir.BooleanValue, str]] = [(t.day.isnull(), "no-date")]
    if filters.since is not None:
        checks.append((t.day < ibis.date(filters.since.first), "dates"))
    if filters.until is not None:
        checks.append((t.day > ibis.date(filters.until.last), "dates"))
    if rows.in_countries is not None:
        checks.append((~t.in_countries.fill_null(False), "countries"))
    checks += [
        (t.actor1.isnull() | t.actor2.isnull(), "actors"),
        (t.actor1 == t.actor2, "same-actor"),
        *([(~t.known_code.fill_null(False), "unknown-code")] if rows.known_code is not None else []),
        (t.kind.isnull(), "no-kind"),
    ]
    if filters.kinds:
        checks.append((~t.kind.isin(filters.kinds), "kinds"))
    t = t.mutate(left_out=ibis.cases(*checks, else_=ibis.null("string")))
    t = t.mutate(flip=(t.kind.isin(undirected) & (t.actor2 < t.actor1)).fill_null(False) if undirected else ibis.literal(False))

    def key(value: ir.Value) -> ir.Value:
        # Left-out rows keep no key, so that each reason collapses into one row (whose other columns mean nothing).
        return ibis.ifelse(t.left_out.isnull(), value, ibis.null(value.type()))

    events = t.select(
        left_out=t.left_out,
        actor1=key(ibis.ifelse(t.flip, t.actor2, t.actor1)),
        actor2=key(ibis.ifelse(t.flip, t.actor1, t.actor2)),
        kind=key(t.kind),
        day=key(t.day),
        code=key(t.code),
        place=key(t.place),
        event_id=t.event_id,
        source=t.source,
        goldstein=t.goldstein,
        fatalities=t.fatalities,
        assoc1=ibis.ifelse(t.flip, t.assoc2, t.assoc1),
        assoc2=ibis.ifelse(t.flip, t.assoc1, t.assoc2),
        inter1=ibis.ifelse(t.flip, t.inter2, t.inter1),
        inter2=ibis.ifelse(t.flip, t.inter1, t.inter2),
    )
    collapsed = events.group_by(["left_out", "actor1", "actor2", "kind", "day", "code", "place"]).aggregate(
        records=events.count(),
        first_id=events.event_id.min(),
        sources=events.source.count() if feed.name == "gdelt" else _listed(events.source).max(),
        goldstein=events.goldstein.mean(),
        fatalities=events.fatalities.max(),  # rows of one event (ACLED's are one row each) report its fatalities once
        assoc1=events.assoc1.max(),
        assoc2=events.assoc2.max(),
        inter1=events.inter1.max(),
        inter2=events.inter2.max(),
    )
    period = collapsed.day if filters.period == "day" else collapsed.day.truncate(_TRUNCATE[filters.period])
    collapsed = collapsed.mutate(period=period)
    result = collapsed.group_by(["left_out", "actor1", "actor2", "kind", "period"]).aggregate(
        first_date=collapsed.day.min(),
        last_date=collapsed.day.max(),
        events=collapsed.count(),
        records=collapsed.records.sum(),
        sources=collapsed.sources.max(),
        goldstein=collapsed.goldstein.mean(),
        fatalities=collapsed.fatalities.sum(),
        event_ids=_ids(collapsed, feed),
        **_associated(collapsed, feed),
    )
    constants = {"feed": ibis.literal(feed.name), "period_unit": ibis.literal(filters.period)}
    return result.select(**{name: constants[name] if name in constants else result[name] for name in AGGREGATE_COLUMNS})


def _ids(collapsed: ir.Table, feed: Feed) -> ir.StringValue:
    """The events' ids. GDELT's in no order: ordering them (or ranking them to keep the first few) costs more than
    all the rest of the aggregation, and GLOBALEVENTIDs grow with time, so the reader sorts them; ACLED's by date."""
    ids = collapsed.first_id.cast("string")
    return ids.group_concat(" ") if feed.name == "gdelt" else ids.group_concat(" ", order_by=[collapsed.day, collapsed.first_id])


def _listed(names: ir.StringValue) -> ir.IntegerValue:
    """How many names an ACLED ``source`` lists ("A; B" is two); none when empty."""
    return (names.length() - names.replace(";", "").length() + 1).fill_null(0)


def _associated(collapsed: ir.Table, feed: Feed) -> dict[str, ir.Value]:
    """ACLED's associated actors of each side, distinct; GDELT has none (and the distinct lists cost a pass each)."""
    import ibis

    if feed.name != "acled":
        return {name: ibis.null("string") for name in ("assoc_actors1", "assoc_actors2", "inter1", "inter2")}
    return {
        **{f"assoc_actors{n}": collapsed[f"assoc{n}"].collect(distinct=True).sort().join("; ") for n in (1, 2)},
        **{f"inter{n}": collapsed[f"inter{n}"].max() for n in (1, 2)},
    }


def to_sql(expression: ir.Table, dialect: str) -> str:
    """The aggregation as SQL for ``dialect`` (bigquery, spark, postgres, duckdb...)."""
    import ibis

    return str(ibis.to_sql(expression, dialect=dialect))
