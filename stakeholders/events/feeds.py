"""The event feeds: their columns, and how each row becomes a tie between two actors.

GDELT 2.0: the 61 columns of the event table, named and typed as in GDELT's
BigQuery table ``gdelt-bq.gdeltv2.events`` (the export files have no header and the
same columns in the same order). ACLED: the columns both export layouts share (the
2023+ one and the older one with ``data_id``, ``event_id_no_cnty`` and ``iso3``),
with ``event_date`` a date, ``iso`` and ``fatalities`` whole numbers.

This module knows no engine: it builds Ibis expressions over a table of that shape
(``prepare``), which ``query`` aggregates and ``engine`` runs. Ibis is imported by
the functions that need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ibis.expr.types as ir

FEEDS = ("gdelt", "acled")

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = (("Type", "int64"), ("FullName", "string"), ("CountryCode", "string"), ("ADM1Code", "string"), ("ADM2Code", "string"),
               ("Lat", "float64"), ("Long", "float64"), ("FeatureID", "string"))  # fmt: skip

#: GDELT 2.0 event columns in file order, with their BigQuery types (Ibis names).
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "int64"), ("SQLDATE", "int64"), ("MonthYear", "int64"), ("Year", "int64"), ("FractionDate", "float64"),
    *((f"{actor}{field}", "string") for actor in ("Actor1", "Actor2") for field in _ACTOR_FIELDS),
    ("IsRootEvent", "int64"), ("EventCode", "string"), ("EventBaseCode", "string"), ("EventRootCode", "string"), ("QuadClass", "int64"),
    ("GoldsteinScale", "float64"), ("NumMentions", "int64"), ("NumSources", "int64"), ("NumArticles", "int64"), ("AvgTone", "float64"),
    *((f"{geo}_{field}", kind) for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for field, kind in _GEO_FIELDS),
    ("DATEADDED", "int64"), ("SOURCEURL", "string"),
)  # fmt: skip
#: GDELT 1.0's daily files (April 2013 on; BigQuery's ``gdelt-bq.full.events``): 2.0's columns without the
#: three ADM2 codes, DATEADDED a day (YYYYMMDD); and the 1979 to March 2013 backfile, without SOURCEURL.
GDELT1_COLUMNS: tuple[tuple[str, str], ...] = tuple(c for c in GDELT_COLUMNS if not c[0].endswith("_ADM2Code"))
GDELT1_BACKFILE_COLUMNS: tuple[tuple[str, str], ...] = GDELT1_COLUMNS[:-1]


@dataclass(frozen=True)
class Layout:
    """One GDELT event file layout, told apart by its number of columns."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        return f"{self.name}, {len(self.columns)} columns"


#: The layouts by column count: each file is read in its own (a folder may hold 1.0 and 2.0 files).
GDELT_LAYOUTS: dict[int, Layout] = {
    61: Layout("GDELT 2.0", GDELT_COLUMNS),
    58: Layout("GDELT 1.0 daily", GDELT1_COLUMNS),
    57: Layout("GDELT 1.0 backfile", GDELT1_BACKFILE_COLUMNS),
}
#: Other files users hand over by mistake, by column count: a hint for the error.
OTHER_FILES = {16: "a GDELT 2.0 mentions file", 15: "a GDELT 2.0 mentions file", 27: "a GDELT 2.1 GKG file", 11: "a GDELT 1.0 GKG file"}

#: The GDELT columns the aggregation reads; the others are read as text and never converted.
GDELT_USED = frozenset({"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code", "Actor1CountryCode", "Actor2CountryCode", "EventCode",
                        "GoldsteinScale", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL"})  # fmt: skip

#: The ACLED columns the aggregation reads, with their types once read.
ACLED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id_cnty", "string"), ("event_date", "date"), ("event_type", "string"), ("sub_event_type", "string"),
    ("actor1", "string"), ("assoc_actor_1", "string"), ("inter1", "string"), ("actor2", "string"), ("assoc_actor_2", "string"),
    ("inter2", "string"), ("iso", "int64"), ("country", "string"), ("source", "string"), ("notes", "string"), ("fatalities", "int64"),
)  # fmt: skip
#: Headers that tell ACLED's layouts apart (the first found names the layout).
ACLED_LAYOUTS = (("disorder_type", "2023+ layout"), ("event_id_no_cnty", "older layout"), ("data_id", "older layout"))

#: ACLED sub-event types, then event types, to kinds; None: left out (no tie between two actors).
ACLED_SUB_KINDS: dict[str, str | None] = {
    "Armed clash": "armed-clash",
    "Government regains territory": "occupation",
    "Non-state actor overtakes territory": "occupation",
    "Air/drone strike": "airstrike",
    "Chemical weapon": "attack",
    "Suicide bomb": "attack",
    "Shelling/artillery/missile attack": "attack",
    "Remote explosive/landmine/IED": "attack",
    "Grenade": "attack",
    "Sexual violence": "attack",
    "Attack": "attack",
    "Abduction/forced disappearance": "kidnapping",
    "Peaceful protest": "protest",
    "Protest with intervention": "protest",
    "Excessive force against protesters": "attack",
    "Violent demonstration": "protest",
    "Mob violence": "protest",
    "Agreement": "agreement",
    "Arrests": "arrest",
    "Non-violent transfer of territory": "occupation",
    "Headquarters or base established": "occupation",
    "Looting/property destruction": "attack",
    "Disrupted weapons use": "hostility",
    "Change to group/activity": None,
    "Other": None,
}
ACLED_TYPE_KINDS: dict[str, str | None] = {
    "Battles": "armed-clash",
    "Explosions/Remote violence": "attack",
    "Violence against civilians": "attack",
    "Protests": "protest",
    "Riots": "protest",
    "Strategic developments": None,
}
#: An attack on civilians that kills at least this many in one event is a mass killing.
MASS_KILLING_FATALITIES = 10
# ACLED's actor categories (inter1, inter2) of people who are the object of violence rather than its author:
# rioters, protesters, civilians; numbers in older files, words in newer ones.
_PASSIVE = ("5", "6", "7", "Rioters", "Protesters", "Civilians")


@dataclass(frozen=True)
class Feed:
    """An event feed: its name, the table it is in elsewhere, its columns, and how its rows become ties."""

    name: str
    title: str
    publisher: str
    url: str
    table: str  # where the feed is found on the engines --sql prints for
    columns: tuple[tuple[str, str], ...]
    id_column: str
    code_scheme: str  # the key of Actor.codes its actor codes are listed under

    @property
    def event(self) -> str:
        """One of its events, in words: ``GDELT 2.0 event``."""
        return self.title.removesuffix("s")

    def schema(self) -> Any:
        import ibis

        return ibis.schema(dict(self.columns))


GDELT = Feed("gdelt", "GDELT 2.0 events", "The GDELT Project", "https://www.gdeltproject.org/", "gdelt-bq.gdeltv2.events",
             GDELT_COLUMNS, "GLOBALEVENTID", "cameo")  # fmt: skip
ACLED = Feed("acled", "ACLED events", "ACLED", "https://acleddata.com/", "acled", ACLED_COLUMNS, "event_id_cnty", "acled")
BY_NAME = {feed.name: feed for feed in (GDELT, ACLED)}


@dataclass(frozen=True)
class Rows:
    """A feed's rows in the aggregation's terms, before any is left out."""

    actor1: ir.StringValue
    actor2: ir.StringValue
    day: ir.DateValue
    code: ir.StringValue  # what the kind was read from
    kind: ir.StringValue
    place: ir.StringValue  # with actors, code and day, what makes two rows one event (GDELT's duplicates)
    event_id: ir.Value
    source: ir.StringValue
    goldstein: ir.FloatingValue
    fatalities: ir.IntegerValue
    assoc1: ir.StringValue
    assoc2: ir.StringValue
    inter1: ir.StringValue  # ACLED's actor categories
    inter2: ir.StringValue
    in_countries: ir.BooleanValue | None  # None: no country filter
    known_code: ir.BooleanValue | None = None  # False: an event code outside the scheme (GDELT's 999, ABC); None: all known


def _blank(value: ir.StringValue) -> ir.StringValue:
    # Engines read an empty field as NULL or as '': both mean "none".
    return value.nullif("")


def prepare_gdelt(
    t: ir.Table, code_kinds: Mapping[str, str], root_kinds: Mapping[str, str | None], countries: tuple[str, ...]
) -> tuple[ir.Table, Rows]:
    """GDELT rows: the kind from the event code (whole, first three digits, root), the place from ActionGeo.

    Returns the table the rows are read from (with the date's parts worked out
    first, so that the SQL writes them once) and the rows.
    """
    import ibis

    # The date's parts are read from its digits (string functions every dialect has; integer division is
    # written differently in each, and BigQuery's does not translate back), from a stand-in where it is not
    # eight digits, so no cast can fail; 2025011 is not a date. A range, not a regular expression on the text:
    # that took a third of the engine's time over the rows.
    t = t.mutate(_eight=t.SQLDATE.between(10_000_000, 99_999_999).fill_null(False))
    digits = ibis.ifelse(t._eight, t.SQLDATE.cast("string"), "20000101")
    t = t.mutate(_year=digits.substr(0, 4).cast("int64"), _month=digits.substr(4, 2).cast("int64"), _day=digits.substr(6, 2).cast("int64"))
    t = t.mutate(_valid=t._eight & _real_date(t._year, t._month, t._day))
    code = t.EventCode
    # Prefixes as SUBSTRING (``left``), not slices: DuckDB writes a slice as ARRAY_SLICE, which Spark reads as an array function.
    # A three-digit code is its own first three digits: the whole code is looked up only among the other lengths
    # (fewer comparisons on every row, the same kind).
    whole = {c: kind for c, kind in code_kinds.items() if len(c) != 3}
    three = {c: kind for c, kind in code_kinds.items() if len(c) == 3}
    roots = {root: kind for root, kind in root_kinds.items() if kind}
    lookups = [(code, whole), (code.left(3), three), (code.left(2), roots)]
    kind = ibis.coalesce(*(part.substitute(table, else_=ibis.null("string")) for part, table in lookups if table), ibis.null("string"))
    place = ibis.coalesce(_blank(t.ActionGeo_FullName), t.ActionGeo_Lat.cast("string") + "," + t.ActionGeo_Long.cast("string"))
    in_countries = (t.Actor1CountryCode.isin(countries) | t.Actor2CountryCode.isin(countries)) if countries else None
    # The date is made from parts that are valid on every row (2000-01-01 where they are not), so no engine
    # fails on 20250231 whatever order it evaluates the CASE in; the row is then left out as undated.
    made = ibis.date(ibis.ifelse(t._valid, t._year, 2000), ibis.ifelse(t._valid, t._month, 1), ibis.ifelse(t._valid, t._day, 1))
    return t, Rows(
        actor1=_blank(t.Actor1Code),
        actor2=_blank(t.Actor2Code),
        day=ibis.ifelse(t._valid, made, ibis.null("date")),
        code=code,
        kind=kind,
        place=place,
        event_id=t.GLOBALEVENTID,
        source=_blank(t.SOURCEURL),
        goldstein=t.GoldsteinScale,
        fatalities=ibis.null("int64"),
        assoc1=ibis.null("string"),
        assoc2=ibis.null("string"),
        inter1=ibis.null("string"),
        inter2=ibis.null("string"),
        in_countries=in_countries,
        known_code=code.re_search(r"^[0-9]{2,4}$") & code.left(2).isin(CAMEO_ROOTS),
    )


#: CAMEO's root event codes: a code is two to four digits starting with one of them.
CAMEO_ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


def _real_date(year: ir.IntegerValue, month: ir.IntegerValue, day: ir.IntegerValue) -> ir.BooleanValue:
    """Whether the parts make a date that exists: year 1000 on, a month 1 to 12, a day its month has (leap years too).
    Written out rather than parsed, so that every engine leaves out the same rows (20250231, 00000000, 2025011)."""
    import ibis

    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days = month.cases((2, ibis.ifelse(leap, 29, 28)), (4, 30), (6, 30), (9, 30), (11, 30), else_=31)
    return (year >= 1000) & month.between(1, 12) & day.between(1, 31) & (day <= days)


def prepare_acled(t: ir.Table, countries: tuple[int, ...]) -> tuple[ir.Table, Rows]:
    """ACLED rows: the kind from the sub-event type, else the event type; each event once.

    Users download overlapping windows: an event (``event_id_cnty``) found in
    several files is read once, from the copy with the most fatalities (a
    revision), whole, so that its fatalities count once. ACLED's two actors
    carry no direction. A directed kind is read from the side that acts: the
    side coded as rioters, protesters or civilians is the source of a protest
    and the target of anything else. Returns the table the rows are read from and the rows.
    """
    import ibis

    copy = ibis.row_number().over(
        group_by=t.event_id_cnty, order_by=[ibis.desc(t.fatalities), t.event_date, t.actor1, t.actor2, t.sub_event_type, t.source]
    )
    t = t.mutate(_copy=copy)
    t = t.filter(t._copy == 0)

    sub_kinds = {sub: kind for sub, kind in ACLED_SUB_KINDS.items() if kind}
    type_kinds = {event: kind for event, kind in ACLED_TYPE_KINDS.items() if kind}
    # The sub-event types that give no kind are all under an event type that gives none either.
    kind = ibis.coalesce(
        t.sub_event_type.substitute(sub_kinds, else_=ibis.null("string")),
        t.event_type.substitute(type_kinds, else_=ibis.null("string")),
    )
    massacre = (t.event_type == "Violence against civilians") & (t.sub_event_type == "Attack") & (t.fatalities >= MASS_KILLING_FATALITIES)
    kind = ibis.ifelse(massacre, "mass-killing", kind)
    passive1, passive2 = t.inter1.isin(_PASSIVE), t.inter2.isin(_PASSIVE)
    swap = ibis.ifelse(kind == "protest", ~passive1 & passive2, passive1 & ~passive2).fill_null(False)
    actor1, actor2 = _blank(t.actor1), _blank(t.actor2)
    assoc1, assoc2 = _blank(t.assoc_actor_1), _blank(t.assoc_actor_2)
    return t, Rows(
        actor1=ibis.ifelse(swap, actor2, actor1),
        actor2=ibis.ifelse(swap, actor1, actor2),
        day=t.event_date,
        code=t.sub_event_type,
        kind=kind,
        place=t.event_id_cnty,
        event_id=t.event_id_cnty,
        source=_blank(t.source),
        goldstein=ibis.null("float64"),
        fatalities=t.fatalities,
        assoc1=ibis.ifelse(swap, assoc2, assoc1),
        assoc2=ibis.ifelse(swap, assoc1, assoc2),
        inter1=ibis.ifelse(swap, t.inter2, t.inter1),
        inter2=ibis.ifelse(swap, t.inter1, t.inter2),
        in_countries=t.iso.isin(countries) if countries else None,
    )
