"""Missing reports: per-measure frequency and due date, only what targets need, late ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import policytargets as pt

D = dt.date
Obs = pt.Observation
UNITS = pt.Population("agencies", "Agencies", [pt.Unit("a", "A"), pt.Unit("b", "B")])


def plan(*targets: pt.Target, measures: tuple[pt.Measure, ...] = ()) -> pt.Plan:
    return pt.Plan(
        "p",
        "1/KH",
        "Plan",
        "UBND",
        D(2022, 1, 1),
        D(2022, 1, 1),
        populations=[UNITS],
        targets=targets,
        measure_descriptions=measures,
    )


def share(target_id: str, *years: int, baseline: int | None = None) -> pt.Target:
    return pt.Target(
        target_id,
        target_id,
        pt.ThresholdShare("agencies", "online"),
        [pt.Milestone(year, ">= 50%") for year in years],
        baseline=None if baseline is None else pt.Baseline(baseline, "0"),
    )


def test_statistics_published_later_are_asked_for_by_their_own_due_date() -> None:
    # Quarterly figures due 45 days after each quarter ends, from the first milestone's period.
    speed = pt.Measure("speed", kind="number", reporting=pt.MeasureReporting("quarter", "+45d"))
    target = pt.Target(
        "s", "S", pt.Level("speed"), [pt.Milestone(pt.Period.parse("2025-Q2"), ">= 36")]
    )
    card = pt.evaluate(plan(target, measures=(speed,)), [], as_of=D(2025, 11, 20))
    assert [(str(m.period), m.due) for m in card.missing_reports] == [
        ("2025-Q2", D(2025, 8, 14)),
        ("2025-Q3", D(2025, 11, 14)),
    ]


@given(
    milestones=st.lists(st.integers(2022, 2030), min_size=1, max_size=3, unique=True).map(sorted),
    baseline=st.none() | st.integers(2022, 2021 + 1),
    other=st.integers(2022, 2030),
    as_of=st.dates(D(2022, 1, 1), D(2032, 1, 1)),
)
def test_missing_reports_never_ask_for_a_period_before_a_target_needs_it(
    milestones: list[int], baseline: int | None, other: int, as_of: dt.date
) -> None:
    if baseline is not None and baseline >= milestones[0]:
        baseline = None
    targets = (share("first", *milestones, baseline=baseline), share("second", other))
    needed = {"first": baseline or milestones[0], "second": other}
    card = pt.evaluate(plan(*targets), [], as_of=as_of)
    for report in card.missing_reports:
        assert report.targets
        assert report.due <= as_of
        for target in report.targets:
            assert report.period.start.year >= needed[target]
    # And every report a target needs is asked for once its due date has passed.
    for target, year in needed.items():
        asked = {m.period.start.year for m in card.missing_reports if target in m.targets}
        due_years = {y for y in range(year, as_of.year + 1) if D(y, 12, 15) <= as_of}
        assert asked == due_years


@given(
    recorded=st.dates(D(2025, 6, 1), D(2026, 12, 31)),
    as_of=st.dates(D(2025, 12, 15), D(2026, 12, 31)),
)
def test_a_late_report_is_listed_with_its_recorded_date_exactly_when_it_came_after_the_due_date(
    recorded: dt.date, as_of: dt.date
) -> None:
    card = pt.evaluate(
        plan(share("t", 2025)),
        [Obs("online", "a", 2025, True, recorded=recorded), Obs("online", "b", 2025, True)],
        as_of=as_of,
    )
    listed = [m for m in card.missing_reports if m.unit == "a" and m.period.start.year == 2025]
    due = D(2025, 12, 15)
    if recorded <= due:
        assert listed == []
    else:
        assert len(listed) == 1
        assert listed[0].received == (recorded if recorded <= as_of else None)
