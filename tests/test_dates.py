import datetime as dt

import pytest

from stakeholders import PartialDate, Relation
from stakeholders.holds import span_of


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year"),
        ("2025-02", dt.date(2025, 2, 1), dt.date(2025, 2, 28), "month"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2025-01-15", dt.date(2025, 1, 15), dt.date(2025, 1, 15), "day"),
    ],
)
def test_a_partial_date_is_a_period(text, first, last, precision):
    date = PartialDate.parse(text)
    assert (date.first, date.last, date.precision, str(date)) == (first, last, precision, text)


def test_years_and_dates_from_yaml_are_read():
    assert str(PartialDate.parse(2025)) == "2025"
    assert str(PartialDate.parse(dt.date(2025, 3, 4))) == "2025-03-04"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-13", "not a date: '2025-13' does not exist"),
        ("2025-02-30", "not a date: '2025-02-30' does not exist"),
        ("May 2025", "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'May 2025'"),
        ("25", "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '25'"),
        (True, "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got bool"),
        (2025.5, "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got float"),
    ],
)
def test_bad_dates_are_refused_in_plain_words(value, message):
    with pytest.raises(ValueError) as info:
        PartialDate.parse(value)
    assert str(info.value) == message


def test_ordering_is_by_first_day_then_last_day():
    dates = [PartialDate.parse(t) for t in ["2025-02", "2025", "2024-12-31", "2025-01", "2025-01-01"]]
    assert [str(d) for d in sorted(dates)] == ["2024-12-31", "2025-01-01", "2025-01", "2025", "2025-02"]
    assert PartialDate.parse("2025-01") < PartialDate.parse("2025-02-01")
    assert PartialDate.parse("2025-01") != PartialDate.parse("2025")
    assert PartialDate.parse("2025-01") == PartialDate.parse("2025-01")
    assert len({PartialDate.parse("2025"), PartialDate.parse(2025)}) == 1


def test_partial_dates_are_immutable():
    with pytest.raises(AttributeError):
        PartialDate.parse("2025").year = 2024


def _relation(start=None, end=None):
    return Relation(source="a", target="b", kind="visit", start=start, end=end)


@pytest.mark.parametrize(
    ("start", "end", "when", "active"),
    [
        ("2025-01", None, "2025-01-15", True),  # a month-start covers its days
        ("2025-01-20", None, "2025-01-15", False),
        ("2025-01-20", None, "2025-01", True),  # a period overlaps a later day in it
        (None, "2025-01", "2025-01-31", True),  # an end is inclusive to its period's end
        (None, "2025-01", "2025-02-01", False),
        (None, "2024", "2024-12-31", True),
        ("2024-12", "2024-12", "2025", False),
        (None, None, "1900", False),  # an undated relation never holds on a chosen date
    ],
)
def test_holds_on(start, end, when, active):
    relation = _relation(start, end)
    assert span_of(relation, {}).holds_on(PartialDate.parse(when)) is active
