"""The relations of an event map, made by DuckDB from the aggregated table: no Python object per relation.

A map from five million events has over a million relations. Made one Python dict
at a time, validated and encoded by ``json``, they took three times as long as the
aggregation itself and several gigabytes; here the engine maps the actor codes (a
small table made in Python, one row per code), merges the rows that come to the same
actors, kind and period, and writes each relation as JSON text, the rules of
``build``'s docstring in SQL. The relations come back as one Arrow column of JSON
texts, written to the map file as they are (``write_events_map``) and parsed only
when a caller reads ``EventMap.data``.

Written by hand: no library turns an aggregated table into this JSON; DuckDB's own
``to_json`` encodes each value (escapes, numbers), the query puts the keys in the
order the loader and the YAML writer use and leaves out the optional ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import DataError
from ..terms import counted
from .build import CodeActor
from .feeds import Feed
from .query import AGGREGATE_COLUMNS

#: The aggregated table's columns as Arrow types, for rows read back from CSV (dates stay text; SQL casts them).
_TYPES = {"events": pa.int64(), "records": pa.int64(), "sources": pa.int64(), "fatalities": pa.int64(), "goldstein": pa.float64()}
SCHEMA = pa.schema([(name, _TYPES.get(name, pa.string())) for name in AGGREGATE_COLUMNS])
_PERIODS = {"month": "%Y-%m", "week": "%G-W%V", "day": "%Y-%m-%d"}


@dataclass
class Assembled:
    """What the engine made: the relations as JSON texts, their actors, and what became of the events."""

    relations: pa.ChunkedArray
    actors: list[str]  # ids, sorted
    kinds: set[str]
    read: int
    left_out: dict[str, int]
    collapsed: int
    unmapped: Counter[str]
    within_one_actor: int
    unknown: Counter[str]
    repeated_ids: int
    kept: int
    first: str | None
    last: str | None


def as_arrow(rows: Any) -> pa.Table:
    """The aggregated rows as an Arrow table: the engine's own (``engine.Rows``), or dicts read back from CSV."""
    table = getattr(rows, "table", None)
    if isinstance(table, pa.Table):
        return table
    return pa.Table.from_pylist(list(rows), schema=SCHEMA)


def codes_of(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """Each actor code the ties use, with the ACLED category it came with on its earliest row."""
    return [
        (str(code), inter)
        for code, inter in con.execute(
            "SELECT code, arg_min(inter, first_date) FROM (SELECT actor1 AS code, inter1 AS inter, first_date FROM ties "
            "UNION ALL SELECT actor2, inter2, first_date FROM ties) GROUP BY code ORDER BY code"
        ).fetchall()
    ]


def connect(rows: Any, memory_limit: str) -> duckdb.DuckDBPyConnection:
    """A connection holding the aggregated table (``agg``) and its ties (``ties``, numbered by DuckDB's ``rowid``)."""
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    con.register("agg", as_arrow(rows))
    con.execute(
        "CREATE TEMP TABLE ties AS SELECT actor1, actor2, kind, CAST(period AS DATE) AS period, "
        "CAST(first_date AS DATE) AS first_date, CAST(last_date AS DATE) AS last_date, events, records, sources, goldstein, "
        "fatalities, event_ids, assoc_actors1, assoc_actors2, inter1, inter2 FROM agg WHERE left_out IS NULL"
    )
    return con


def assemble(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    period: str,
    code_actors: Sequence[CodeActor],
    directed: Mapping[str, bool],
    notes: Mapping[str, tuple[str, str]],
    unknown_codes: Sequence[str],
    listed: int,
    quoted: int,
    one_to_one: bool = False,
) -> Assembled:
    """The relations and the report, from ``connect``'s tables and what Python knows: which actor each code
    names when (``code_actors``), which kinds are directed, ACLED's notes of the events to quote, and the
    codes outside the CAMEO tables. ``listed`` event ids go in a relation's locator, the first ``quoted`` quoted.
    ``one_to_one``: each code names its own actor (no dataset), so no two ties merge."""
    _table(con, "code_actor", {name: (kind, [getattr(c, name) for c in code_actors]) for name, kind in _CODE_ACTOR.items()})
    _table(con, "kind_info", {"kind": ("VARCHAR", list(directed)), "directed": ("BOOLEAN", list(directed.values()))})
    _table(con, "notes", {"id": ("VARCHAR", list(notes)), "day": ("VARCHAR", [d for d, _ in notes.values()]), "text": ("VARCHAR", [t for _, t in notes.values()])})
    _table(con, "unknown_code", {"code": ("VARCHAR", list(unknown_codes))})
    con.execute(_MAPPED_ONE if one_to_one else _MAPPED)
    gdelt = feed.name == "gdelt"
    ids = "list_transform(list_sort(list_transform(string_split(event_ids, ' '), lambda x: TRY_CAST(x AS BIGINT))), lambda x: x::VARCHAR)" if gdelt else "string_split(event_ids, ' ')"
    merge = _SINGLE if one_to_one else _MERGED
    con.execute(merge.format(ids=ids, listed=listed, period=_PERIODS[period]))
    sql = ((_QUOTED if notes else _UNQUOTED) + _RELATION_TEXT.replace("{evidence}", _EVIDENCE_QUOTED if notes else _LOCATOR)).format(
        feed=_text(feed.name), column=_text(feed.id_column), event=_text(feed.event), quoted=quoted,
        fatalities="TRUE" if feed.name == "acled" else "FALSE",
    )  # fmt: skip
    texts = _arrow(con.sql(sql)).column(0)
    if texts.null_count:  # a tie without its dates or counts (a hand-edited aggregate): no JSON for it
        raise DataError(f"the aggregated table has {counted(texts.null_count, 'tie')} without first_date, last_date, period or events")
    return Assembled(texts, *_report(con))


def joined(texts: pa.ChunkedArray) -> Iterator[memoryview]:
    """The relations' texts as they lie in Arrow's memory, one piece a chunk, without the last one's ``,``
    and line break: each text ends with them, so the file is these bytes as they are, copied by no one."""
    pieces = []
    for chunk in texts.chunks:
        if len(chunk) == 0:
            continue
        width = 8 if pa.types.is_large_string(chunk.type) else 4
        offsets = memoryview(chunk.buffers()[1]).cast("B")[chunk.offset * width : (chunk.offset + len(chunk) + 1) * width]
        start, end = int.from_bytes(offsets[:width], "little"), int.from_bytes(offsets[-width:], "little")
        pieces.append(memoryview(chunk.buffers()[2]).cast("B")[start:end])
    if pieces:
        pieces[-1] = pieces[-1][:-2]  # the last relation's ",\n"
    yield from pieces


def _arrow(relation: duckdb.DuckDBPyRelation) -> pa.Table:
    """A query's result as an Arrow table, whichever DuckDB (1.x gives a table, later ones may give a reader)."""
    result = relation.arrow()
    return result if isinstance(result, pa.Table) else result.read_all()


def _report(con: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    counter = lambda sql: Counter({str(code): int(n) for code, n in con.execute(sql).fetchall()})  # noqa: E731
    actors = [str(a) for (a,) in con.execute("SELECT DISTINCT s FROM merged UNION SELECT DISTINCT t FROM merged ORDER BY 1").fetchall()]
    left_out = {str(why): int(n) for why, n in con.execute("SELECT left_out, sum(records) FROM agg WHERE left_out IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()}
    first, last = con.execute("SELECT strftime(min(first_day), '%Y-%m-%d'), strftime(max(last_day), '%Y-%m-%d') FROM merged").fetchall()[0]
    return (
        actors,
        {str(k) for (k,) in con.execute("SELECT DISTINCT kind FROM merged").fetchall()},
        int(one("SELECT coalesce(sum(records), 0) FROM agg")),
        left_out,
        int(one("SELECT coalesce(sum(records - events), 0) FROM ties")),
        counter(
            "SELECT code, sum(events) FROM (SELECT actor1 AS code, events FROM mapped WHERE source IS NULL "
            "UNION ALL SELECT actor2, events FROM mapped WHERE target IS NULL) GROUP BY code"
        ),
        int(one("SELECT coalesce(sum(events), 0) FROM mapped WHERE source = target")),
        counter(
            "SELECT code, sum(events) FROM (SELECT actor1 AS code, events FROM ties UNION ALL SELECT actor2, events FROM ties) "
            "WHERE code IN (SELECT code FROM unknown_code) GROUP BY code"
        ),
        int(one("SELECT count(*) - count(DISTINCT id) FROM (SELECT unnest(string_split(event_ids, ' ')) AS id FROM ties) WHERE id <> ''")),
        int(one("SELECT coalesce(sum(events), 0) FROM merged")),
        first,
        last,
    )


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _table(con: duckdb.DuckDBPyConnection, name: str, columns: Mapping[str, tuple[str, list[Any]]]) -> None:
    """A small table made from Python lists (column: SQL type and values), passed to DuckDB as parameters:
    an Arrow table made from Python objects would import pandas (pyarrow looks for its types), half a second."""
    values = ", ".join(f"unnest(${n}::{kind}[]) AS {column}" for n, (column, (kind, _)) in enumerate(columns.items(), 1))
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT {values}", [items for _, items in columns.values()])


_CODE_ACTOR = {"code": "VARCHAR", "actor": "VARCHAR", "since": "VARCHAR", "until": "VARCHAR", "rank": "BIGINT"}

# Each tie with the actors its codes name on its first day: the lowest-ranked of those that exist then.
_MAPPED = """
CREATE TEMP TABLE mapped AS
WITH named AS (
    SELECT t.r, side, arg_min(c.actor, c.rank) AS actor
    FROM (SELECT rowid AS r, 1 AS side, actor1 AS code, first_date FROM ties UNION ALL SELECT rowid, 2, actor2, first_date FROM ties) t
    JOIN code_actor c ON c.code = t.code AND t.first_date BETWEEN CAST(c.since AS DATE) AND CAST(c.until AS DATE)
    GROUP BY t.r, side
)
SELECT ties.rowid AS r, ties.*, s.actor AS source, o.actor AS target
FROM ties LEFT JOIN named s ON s.r = ties.rowid AND s.side = 1 LEFT JOIN named o ON o.r = ties.rowid AND o.side = 2
"""

# Each code its own actor, whatever the date: a plain join.
_MAPPED_ONE = """
CREATE TEMP TABLE mapped AS
SELECT ties.rowid AS r, ties.*, s.actor AS source, o.actor AS target
FROM ties LEFT JOIN code_actor s ON s.code = ties.actor1 LEFT JOIN code_actor o ON o.code = ties.actor2
"""

# Ties that come to the same two actors, kind and period, merged; an undirected kind's pair in id order.
# Without a dataset each code is its own actor and the aggregation made each pair, kind and period once:
# nothing merges, and the rows are taken as they are (``single``), which saves the engine a grouping.
_KEPT = """
WITH kept AS (
    SELECT m.*, (NOT k.directed AND m.target < m.source) AS flip, ({ids})[1:{listed}] AS ids
    FROM mapped m JOIN kind_info k USING (kind)
    WHERE m.source IS NOT NULL AND m.target IS NOT NULL AND m.source <> m.target
)
"""
_ENDS = "CASE WHEN flip THEN target ELSE source END AS s, kind, CASE WHEN flip THEN source ELSE target END AS t, strftime(period, '{period}') AS period_text"
_ASSOCIATED = "list_sort(list_distinct(list_filter({names}, lambda x: x <> '')))"
_MERGED = "CREATE TEMP TABLE merged AS " + _KEPT + f"""
SELECT
    {_ENDS},
    sum(events) AS events, sum(records) AS records, max(coalesce(sources, 0)) AS sources, sum(coalesce(fatalities, 0)) AS fatalities,
    sum(goldstein * events) FILTER (WHERE goldstein IS NOT NULL) AS rated_sum, sum(events) FILTER (WHERE goldstein IS NOT NULL) AS rated,
    min(first_date) AS first_day, max(last_date) AS last_day,
    flatten(list(ids ORDER BY first_date, r))[1:{{listed}}] AS ids,
    list(actor1 || ' > ' || actor2 ORDER BY first_date, actor1, actor2) AS codes,
    {_ASSOCIATED.format(names="flatten(list(string_split(coalesce(assoc_actors1, ''), '; ')))")} AS assoc1,
    {_ASSOCIATED.format(names="flatten(list(string_split(coalesce(assoc_actors2, ''), '; ')))")} AS assoc2
FROM kept
GROUP BY ALL
"""
_SINGLE = "CREATE TEMP TABLE merged AS " + _KEPT + f"""
SELECT
    {_ENDS},
    events, records, coalesce(sources, 0) AS sources, coalesce(fatalities, 0) AS fatalities,
    CASE WHEN goldstein IS NOT NULL THEN goldstein * events END AS rated_sum, CASE WHEN goldstein IS NOT NULL THEN events END AS rated,
    first_date AS first_day, last_date AS last_day, ids, [actor1 || ' > ' || actor2] AS codes,
    {_ASSOCIATED.format(names="string_split(coalesce(assoc_actors1, ''), '; ')")} AS assoc1,
    {_ASSOCIATED.format(names="string_split(coalesce(assoc_actors2, ''), '; ')")} AS assoc2
FROM kept
"""

# The first ``quoted`` events of each relation that ACLED's notes describe are quoted; the other ids go in a locator.
_QUOTED = """
WITH numbered AS (SELECT row_number() OVER (ORDER BY first_day, s, kind, t, period_text) AS n, * FROM merged),
quotes AS (
    SELECT n, list({{'id': i, 'day': notes.day, 'text': notes.text}} ORDER BY position) AS items
    FROM (SELECT n, unnest(ids[1:{quoted}]) AS i, generate_subscripts(ids[1:{quoted}], 1) AS position FROM numbered) q
    JOIN notes ON notes.id = q.i
    GROUP BY n
),
parts AS (
    SELECT numbered.*, coalesce(quotes.items, []) AS quoted,
        list_filter(ids, lambda x: NOT list_contains(list_transform(coalesce(quotes.items, []), lambda q: q.id), x)) AS rest
    FROM numbered LEFT JOIN quotes USING (n)
)
"""
# Without notes (GDELT) every id goes in the locator.
_UNQUOTED = """
WITH parts AS (SELECT *, ids AS rest FROM merged)
"""
# Each relation as the JSON text ``build`` documents, keys in the model's order, optional ones only when set.
# The Goldstein mean is rounded twice: the engine adds in parallel, in no fixed order, and a mean of 6.675 may come
# out a hair either side of it; at nine places the hair is gone, and the same mean always rounds the same way.
# One ``concat`` of all the pieces, not a chain of ``||``: each ``||`` copies the text so far (a quarter of this
# query's time). ``concat`` skips a NULL where ``||`` gave NULL, so a tie missing what every relation needs gets NULL here.
_RELATION_TEXT = """
SELECT CASE WHEN first_day IS NULL OR last_day IS NULL OR period_text IS NULL OR events IS NULL THEN NULL ELSE concat(
    '{{"id":', to_json(s || '--' || kind || '--' || t || '--' || period_text),
    ',"source":', to_json(s), ',"target":', to_json(t), ',"kind":', to_json(kind),
    ',"start":', to_json(strftime(first_day, '%Y-%m-%d')), ',"end":', to_json(strftime(last_day, '%Y-%m-%d')),
    ',"weight":', to_json(round(least(1.0, log10(1 + events + fatalities) / 3), 3)),
    CASE WHEN sources > 0 THEN ',"confidence":' || to_json(round(1 - 0.5 ^ sources, 3)) ELSE '' END,
    ',"description":', to_json(concat(
        format('{{:,}}', events), ' ', {event}, CASE WHEN events = 1 THEN '' ELSE 's' END, ' in ', period_text,
        CASE WHEN records > events THEN ' (' || format('{{:,}}', records - events) || ' duplicate row'
            || CASE WHEN records - events = 1 THEN '' ELSE 's' END || ' collapsed)' ELSE '' END)),
    ',"evidence":[', {evidence}, ']',
    ',"attributes":{{"events":', events, ',"records":', records, ',"sources":', sources,
    CASE WHEN rated > 0 THEN ',"goldstein":' || to_json(round(round(rated_sum / rated, 9), 2)) ELSE '' END,
    CASE WHEN {fatalities} THEN ',"fatalities":' || fatalities ELSE '' END,
    ',"codes":', to_json(array_to_string(codes[1:5], '; ') || CASE WHEN len(codes) > 5 THEN '; ...' ELSE '' END),
    CASE WHEN len(assoc1) > 0 THEN ',"source_associated_actors":' || to_json(array_to_string(assoc1, '; ')) ELSE '' END,
    CASE WHEN len(assoc2) > 0 THEN ',"target_associated_actors":' || to_json(array_to_string(assoc2, '; ')) ELSE '' END,
    '}}}}', ',', chr(10)
) END AS relation
FROM parts
ORDER BY first_day, s, kind, t, period_text
"""
# The locator of the ids not quoted, and how many events there were when it lists fewer.
_LOCATOR = """'{{"source":' || to_json({feed}) || ',"locator":' || to_json(
    {column} || ' ' || array_to_string(rest, ', ')
    || CASE WHEN events > len(ids) THEN ' (' || len(ids) || ' of ' || format('{{:,}}', events) || ' events listed, by date)' ELSE '' END
) || '}}'"""
# ACLED: each quote, then the locator if ids are left (or nothing was quoted).
_EVIDENCE_QUOTED = """array_to_string(list_concat(
    list_transform(quoted, lambda q: '{{"source":' || to_json({feed}) || ',"quote":' || to_json(q.text)
        || ',"locator":' || to_json({column} || ' ' || q.id || ', ' || q.day) || '}}'),
    CASE WHEN len(rest) > 0 OR len(quoted) = 0 THEN [""" + _LOCATOR + """] ELSE [] END
), ',')"""
