"""Periods and dates."""

import datetime as dt

import pytest
from hypothesis import given

from policytargets.periods import Period, PeriodKind, parse_date
from policytargets.testing import periods


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2024-06-30", dt.date(2024, 6, 30), dt.date(2024, 6, 30)),
    ],
)
def test_first_and_last_days(text: str, start: dt.date, end: dt.date) -> None:
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)
    assert str(period) == text


@given(periods())
def test_text_round_trips(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(periods())
def test_previous_and_next_are_adjacent(period: Period) -> None:
    before, after = period.previous(), period.next()
    assert before.kind is period.kind is after.kind
    assert before.end + dt.timedelta(days=1) == period.start
    assert period.end + dt.timedelta(days=1) == after.start
    assert before < period < after
    assert after.previous() == period


@given(periods(), periods())
def test_order_follows_first_days(a: Period, b: Period) -> None:
    if a.start < b.start:
        assert a < b


def test_int_and_date_inputs() -> None:
    assert Period.parse(2025) == Period.year(2025)
    assert Period.parse(dt.date(2024, 5, 1)).kind is PeriodKind.DAY
    assert dt.date(2025, 6, 1) in Period.parse(2025)
    assert dt.date(2026, 1, 1) not in Period.parse(2025)


@pytest.mark.parametrize("text", ["2024-Q5", "2024-13", "31/02/2024", "soon", ""])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValueError, match="not"):
        Period.parse(text)


@pytest.mark.parametrize(
    "text",
    ["2023-10-30", "30/10/2023", "30.10.2023", "ngày 30 tháng 10 năm 2023", "30 tháng 10 năm 2023"],
)
def test_vietnamese_and_iso_dates(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 10, 30)


def test_slashes_are_day_first() -> None:
    assert parse_date("01/02/2024") == dt.date(2024, 2, 1)


@pytest.mark.parametrize("text", ["2023-02-30", "32/01/2024", "October 30, 2023", "2023"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


@given(periods())
def test_the_period_containing_a_day(period: Period) -> None:
    assert Period.containing(period.kind, period.start) == period
    assert Period.containing(period.kind, period.end) == period
