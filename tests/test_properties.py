"""Invariants of the core, stated as Hypothesis properties."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st
from tests.strategies import (
    amounts,
    population_sizes,
    positive_amounts,
    share_plan,
    share_reports,
    share_requirements,
)

import policytargets as pt

D = dt.date
RANK = {pt.Status.MISSED: 0, pt.Status.ACHIEVED: 1, pt.Status.OFF_TRACK: 0, pt.Status.ON_TRACK: 1}


@given(share_requirements(), population_sizes, st.data())
def test_share_status_is_monotone_in_compliant_units(
    requirement: pt.Requirement, size: int, data: st.DataObject
) -> None:
    plan = share_plan(requirement, size)
    flags = data.draw(st.lists(st.booleans(), min_size=size, max_size=size))
    more = [f or data.draw(st.booleans()) for f in flags]  # only false → true changes
    as_of = data.draw(st.sampled_from([D(2025, 6, 1), D(2026, 1, 1)]))
    before = pt.evaluate(plan, share_reports(flags), as_of=as_of).assessments[0]
    after = pt.evaluate(plan, share_reports(more), as_of=as_of).assessments[0]
    assert RANK[after.status] >= RANK[before.status]


@given(share_requirements(), population_sizes, st.data())
def test_achieved_exactly_when_required_units_comply(
    requirement: pt.Requirement, size: int, data: st.DataObject
) -> None:
    plan = share_plan(requirement, size)
    flags = data.draw(st.lists(st.booleans(), min_size=size, max_size=size))
    (assessment,) = pt.evaluate(plan, share_reports(flags), as_of=D(2026, 1, 1)).assessments
    required = requirement.required_units(size)
    assert required is not None
    assert assessment.required_units == required
    assert (assessment.status is pt.Status.ACHIEVED) == (sum(flags) >= required)


@given(
    st.lists(st.tuples(amounts, positive_amounts), min_size=1, max_size=12),
    st.data(),
)
def test_pooled_ratio_is_the_ratio_of_sums_and_survives_splits_and_merges(
    pairs: list[tuple[Fraction, Fraction]], data: st.DataObject
) -> None:
    def ratio_over(pairs: list[tuple[Fraction, Fraction]]) -> Fraction | bool:
        units = [pt.Unit(f"u{i}", f"U{i}") for i in range(len(pairs))]
        ctx = pt.Context(
            pt.ObservationLog(
                obs
                for i, (top, bottom) in enumerate(pairs)
                for obs in (
                    pt.Observation("num", f"u{i}", 2024, top),
                    pt.Observation("den", f"u{i}", 2024, bottom),
                )
            ),
            {"all": pt.Population("all", "All", units)},
            D(2025, 1, 1),
        )
        reading = pt.Ratio(numerator="num", denominator="den", population="all").read(
            pt.Period.year(2024), ctx
        )
        assert isinstance(reading, pt.Reading)
        return reading.value

    expected = sum(t for t, _ in pairs) / sum(b for _, b in pairs)
    assert ratio_over(pairs) == expected
    # Split one unit into two halves: the pooled ratio does not change.
    index = data.draw(st.integers(0, len(pairs) - 1))
    top, bottom = pairs[index]
    cut = data.draw(st.fractions(min_value=Fraction(1, 10), max_value=Fraction(9, 10)))
    split = [
        *pairs[:index],
        (top * cut, bottom * cut),
        (top * (1 - cut), bottom * (1 - cut)),
        *pairs[index + 1 :],
    ]
    assert ratio_over(split) == expected
    # Merge all units into one: still the same.
    assert ratio_over([(sum(t for t, _ in pairs), sum(b for _, b in pairs))]) == expected


@given(share_requirements(), population_sizes, st.data())
def test_once_achieved_a_milestone_stays_achieved(
    requirement: pt.Requirement, size: int, data: st.DataObject
) -> None:
    plan = share_plan(requirement, size)
    flags = data.draw(st.lists(st.booleans(), min_size=size, max_size=size))
    first = data.draw(st.dates(D(2025, 12, 31), D(2040, 1, 1)))
    later = first + dt.timedelta(days=data.draw(st.integers(0, 5000)))
    log = share_reports(flags)
    status = pt.evaluate(plan, log, as_of=first).assessments[0].status
    assume(status is pt.Status.ACHIEVED)
    assert pt.evaluate(plan, log, as_of=later).assessments[0].status is pt.Status.ACHIEVED


def growth_plan() -> pt.Plan:
    return pt.Plan(
        id="g",
        number="1",
        title="G",
        issuer="I",
        issued=D(2023, 1, 1),
        effective=D(2023, 1, 1),
        populations=[pt.Population("all", "All", [pt.Unit("a", "A"), pt.Unit("b", "B")])],
        targets=[
            pt.Target(
                id="articles",
                title="Articles",
                rule=pt.Growth(measure="articles"),
                every=pt.Recurring(2024, 2030, "> 0%"),
            ),
            pt.Target(
                id="share",
                title="Share",
                rule=pt.ThresholdShare(population="all", measure="ok"),
                milestones=[pt.Milestone(2026, ">= 50%"), pt.Milestone(2030, "= 100%")],
                baseline=pt.Baseline(2023, 0),
            ),
        ],
    )


yearly = st.lists(positive_amounts, min_size=8, max_size=8)


def judged(card: pt.Scorecard) -> dict[str, object]:
    """A scorecard's JSON without the notices about rows no target reads."""
    return {k: v for k, v in card.to_dict().items() if k not in {"notices", "unused_rows"}}


def row_counts(card: pt.Scorecard) -> dict[str, int]:
    return {row["code"]: row["count"] for row in card.to_dict().get("unused_rows", [])}


@given(yearly, st.lists(st.booleans(), min_size=16, max_size=16), st.data())
def test_observations_after_the_as_of_date_never_change_a_scorecard(
    values: list[Fraction], flags: list[bool], data: st.DataObject
) -> None:
    plan = growth_plan()
    as_of = data.draw(st.dates(D(2023, 1, 1), D(2030, 12, 31)))
    observations = [pt.Observation("articles", None, 2023 + i, v) for i, v in enumerate(values)]
    observations += [
        pt.Observation("ok", unit, 2023 + i // 2, flag)
        for i, (unit, flag) in enumerate(zip("ab" * 8, flags, strict=True))
    ]
    visible = [o for o in observations if o.period.start <= as_of]
    full = pt.evaluate(plan, observations, as_of=as_of)
    seen = pt.evaluate(plan, visible, as_of=as_of)
    assert judged(full) == judged(seen)
    # the rows for later periods are not dropped silently: a notice counts them
    hidden = len(observations) - len(visible)
    assert row_counts(full) == row_counts(seen) | ({"after_as_of": hidden} if hidden else {})


@given(positive_amounts, st.integers(2, 8))
def test_growth_of_a_constant_series_is_exactly_zero(value: Fraction, years: int) -> None:
    log = pt.ObservationLog(pt.Observation("m", None, 2020 + i, value) for i in range(years))
    ctx = pt.Context(log, {}, D(2040, 1, 1))
    for i in range(1, years):
        reading = pt.Growth(measure="m").read(pt.Period.year(2020 + i), ctx)
        assert isinstance(reading, pt.Reading)
        assert reading.value == 0


def test_growth_from_fifty_to_sixty_is_exactly_a_fifth() -> None:
    log = pt.ObservationLog(
        [pt.Observation("m", None, 2024, 50), pt.Observation("m", None, 2025, 60.0)]
    )
    reading = pt.Growth(measure="m").read(pt.Period.year(2025), pt.Context(log, {}, D(2026, 1, 1)))
    assert isinstance(reading, pt.Reading)
    assert reading.value == Fraction(1, 5)
    assert pt.Requirement.parse(">= 20%").is_met(reading.value)


@given(yearly, st.lists(st.booleans(), min_size=16, max_size=16), st.data())
def test_a_knowledge_date_ignores_every_observation_recorded_later(
    values: list[Fraction], flags: list[bool], data: st.DataObject
) -> None:
    plan = growth_plan()
    known_at = data.draw(st.dates(D(2023, 6, 1), D(2031, 6, 1)))
    as_of = data.draw(st.dates(D(2023, 1, 1), D(2032, 1, 1)))
    recorded_by = st.dates(D(2023, 1, 1), known_at)
    base = [
        pt.Observation("articles", None, 2023 + i, v, recorded=data.draw(recorded_by))
        for i, v in enumerate(values)
    ]
    base += [
        pt.Observation("ok", unit, 2023 + i // 2, flag, recorded=data.draw(recorded_by))
        for i, (unit, flag) in enumerate(zip("ab" * 8, flags, strict=True))
    ]
    after = st.dates(known_at + dt.timedelta(days=1), D(2035, 1, 1))
    later = [
        pt.Observation(
            "articles", None, 2023 + i, data.draw(positive_amounts), recorded=data.draw(after)
        )
        for i in data.draw(st.sets(st.integers(0, 9)))
    ]
    later += [
        pt.Observation("ok", unit, 2023 + i, data.draw(st.booleans()), recorded=data.draw(after))
        for unit in "ab"
        for i in data.draw(st.sets(st.integers(0, 9)))
    ]
    then = pt.evaluate(plan, base, as_of=as_of, known_at=known_at)
    now = pt.evaluate(plan, base + later, as_of=as_of, known_at=known_at)
    # rows recorded later are in no notice either: the past report is reproduced exactly
    assert then.to_dict() == now.to_dict()
