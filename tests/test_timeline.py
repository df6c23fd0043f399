"""Milestones, schedules, interpolation and the reporting calendar."""

import datetime as dt
import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import shares

from policytargets import (
    Baseline,
    Interpolation,
    Milestone,
    Period,
    Recurring,
    ReportingCalendar,
    Schedule,
)

F = Fraction


def schedule(how: Interpolation = Interpolation.LINEAR) -> Schedule:
    return Schedule.build(
        [Milestone(2025, ">= 70%"), Milestone(2030, ">= 100%")],
        baseline=Baseline(2023, "1/3"),
        interpolation=how,
    )


def test_linear_runs_from_the_baseline_through_each_milestone() -> None:
    s = schedule()
    assert s.expected(Period.year(2023)) == F(1, 3)
    assert s.expected(Period.year(2024)) == (F(1, 3) + F(7, 10)) / 2
    assert s.expected(Period.year(2025)) == F(7, 10)
    assert s.expected(Period.year(2027)) == F(7, 10) + F(3, 10) * F(2, 5)
    assert s.expected(Period.year(2030)) == 1
    assert s.expected(Period.year(2035)) == 1


def test_before_the_baseline_and_without_one() -> None:
    assert schedule().expected(Period.year(2020)) == F(1, 3)
    bare = Schedule.build([Milestone(2025, ">= 70%")])
    assert bare.expected(Period.year(2024)) == F(7, 10)


def test_step_keeps_the_earlier_value_until_the_checkpoint() -> None:
    s = schedule(Interpolation.STEP)
    assert s.expected(Period.year(2024)) == F(1, 3)
    assert s.expected(Period.year(2029)) == F(7, 10)
    assert s.expected(Period.year(2030)) == 1


def test_geometric_is_exact_at_whole_steps() -> None:
    s = Schedule.build(
        [Milestone(2025, ">= 40"), Milestone(2027, ">= 90")],
        baseline=Baseline(2023, 10),
        interpolation=Interpolation.GEOMETRIC,
    )
    assert s.expected(Period.year(2024)) == 20  # 10 → 40 in two steps: ×2 each
    assert s.expected(Period.year(2026)) == 60  # 40 → 90 in two steps: ×3/2 each


def test_explicit_values_override_interpolation() -> None:
    s = Schedule.build(
        [Milestone(2025, ">= 70%")],
        baseline=Baseline(2022, "10%"),
        values={Period.year(2024): F(1, 2)},
    )
    assert s.expected(Period.year(2024)) == F(1, 2)
    assert s.expected(Period.year(2023)) == F(1, 10) + (F(1, 2) - F(1, 10)) / 2


def test_quarters_interpolate_by_quarter() -> None:
    s = Schedule.build([Milestone("2025-Q4", ">= 100")], baseline=Baseline("2024-Q4", 0))
    assert s.expected(Period.parse("2025-Q2")) == 50


def test_mixed_kinds_interpolate_by_days() -> None:
    s = Schedule.build([Milestone("2024-12-31", ">= 366")], baseline=Baseline("2023-12-31", 0))
    assert s.expected(Period.parse("2024-01")) == 31


checkpoint_lists = st.lists(shares, min_size=2, max_size=6)


@given(checkpoint_lists, st.sampled_from(list(Interpolation)))
def test_every_checkpoint_is_hit_and_values_stay_between_neighbours(
    values: list[Fraction], how: Interpolation
) -> None:
    if how is Interpolation.GEOMETRIC:
        values = [v + F(1, 100) for v in values]
    base, *targets = values
    milestones = [Milestone(2025 + 2 * i, f">= {v}") for i, v in enumerate(targets)]
    s = Schedule.build(milestones, baseline=Baseline(2023, base), interpolation=how)
    for checkpoint in s:
        assert s.expected(checkpoint.period) == checkpoint.value
    points = [(c.period.start.year, c.value) for c in s]
    for (y0, v0), (y1, v1) in itertools.pairwise(points):
        for year in range(y0, y1 + 1):
            value = s.expected(Period.year(year))
            assert min(v0, v1) <= value <= max(v0, v1)


def test_recurring_expands_to_one_milestone_a_period() -> None:
    every = Recurring(2024, 2026, "> 0%")
    labels = [m.label for m in every.milestones()]
    assert labels == ["2024", "2025", "2026"]
    assert all(m.recurring for m in every.milestones())
    with pytest.raises(ValueError, match="same kind"):
        Recurring(2024, "2026-Q1", "> 0%").milestones()


def test_milestone_deadline_and_strive() -> None:
    milestone = Milestone(2030, ">= 100%", strive=True)
    assert milestone.deadline == dt.date(2030, 12, 31)
    assert milestone.strive
    assert Milestone("2025-06-30", "= true").deadline == dt.date(2025, 6, 30)


def test_reporting_calendar_defaults_to_fifteenth_of_december() -> None:
    calendar = ReportingCalendar()
    assert calendar.due_dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)) == [
        dt.date(2024, 12, 15),
        dt.date(2025, 12, 15),
        dt.date(2026, 12, 15),
    ]
    assert calendar.next_due(dt.date(2025, 12, 15)) == dt.date(2025, 12, 15)
    assert calendar.due_for(Period.year(2025)) == dt.date(2025, 12, 15)
    assert calendar.due_for(Period.parse("2025-Q1")) == dt.date(2025, 12, 15)
    assert calendar.due_text == "12-15"


@given(
    st.integers(1, 12),
    st.integers(1, 28),
    st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)),
    st.integers(0, 3000),
)
def test_due_dates_all_fall_on_the_configured_day(
    month: int, day: int, start: dt.date, days: int
) -> None:
    calendar = ReportingCalendar(f"{month:02d}-{day:02d}")
    dates = calendar.due_dates(start, start + dt.timedelta(days=days))
    assert all((d.month, d.day) == (month, day) for d in dates)
    assert len(dates) in {days // 366, days // 366 + 1, days // 365, days // 365 + 1}


@pytest.mark.parametrize("text", ["13-01", "12-32", "Dec 15", "12"])
def test_bad_due_days(text: str) -> None:
    with pytest.raises(ValueError, match=r"month|day"):
        ReportingCalendar(text)
