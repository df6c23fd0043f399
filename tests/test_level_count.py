"""Level and count targets: values as they are, and how many units meet a condition."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import amounts, population_sizes

import policytargets as pt
from policytargets.quantities import Comparator

Obs = pt.Observation
Y2025 = pt.Period.year(2025)
AS_OF = dt.date(2026, 1, 1)


def plan(rule: pt.TargetType, require: str, *units: pt.Unit) -> pt.Plan:
    population = pt.Population("firms", "Firms", units or [pt.Unit("a", "A")])
    return pt.Plan(
        "p",
        "1/KH",
        "Plan",
        "Issuer",
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 1),
        populations=[population],
        targets=[pt.Target("t", "T", rule, [pt.Milestone(2025, require)])],
    )


def judged(
    rule: pt.TargetType, require: str, observations: list[pt.Observation], units: list[pt.Unit]
) -> pt.Assessment:
    card = pt.evaluate(plan(rule, require, *units), observations, as_of=AS_OF)
    return card.assessments[0]


UNITS = [pt.Unit(u, u.upper()) for u in "abcd"]


def test_a_plan_wide_level_reads_its_value_as_it_is() -> None:
    # "Mobile broadband speed 36 Mb/s" (a digital-infrastructure plan).
    found = judged(pt.Level("mobile-speed"), ">= 36", [Obs("mobile-speed", None, 2025, 41)], UNITS)
    assert (found.status, found.actual) == (pt.Status.ACHIEVED, 41)
    assert not found.target.percent
    assert found.to_dict()["type"] == "level"


def test_a_rank_where_smaller_is_better_works_with_at_most() -> None:
    # "Among the top 20 provinces": the province's rank, at most 20.
    rule = pt.Level("rank", unit="a")
    assert judged(rule, "<= 20", [Obs("rank", "a", 2025, 17)], UNITS).status is pt.Status.ACHIEVED
    missed = judged(rule, "<= 20", [Obs("rank", "a", 2025, 23)], UNITS)
    assert (missed.status, missed.gap) == (pt.Status.MISSED, 3)


@pytest.mark.parametrize(
    ("aggregate", "expected"),
    [("sum", 10), ("mean", Fraction(5, 2)), ("median", Fraction(5, 2)), ("min", 1), ("max", 4)],
)
def test_aggregates_over_a_population_are_exact(aggregate: str, expected: Fraction) -> None:
    rule = pt.Level("staff", population="firms", aggregate=aggregate)
    values = [Obs("staff", u.id, 2025, v) for u, v in zip(UNITS, [3, 1, 4, 2], strict=True)]
    found = judged(rule, ">= 1", values, UNITS)
    assert found.actual == expected
    assert len(found.evidence) == 4


def test_a_level_over_a_population_needs_every_active_unit() -> None:
    rule = pt.Level("staff", population="firms", aggregate="min")
    found = judged(rule, ">= 1", [Obs("staff", "a", 2025, 3)], UNITS)
    assert found.status is pt.Status.NO_DATA
    assert found.unreported_units == ("b", "c", "d")


def test_unknown_aggregates_and_aggregates_without_population_are_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown aggregate 'avg' \(expected sum, mean"):
        pt.Level("staff", population="firms", aggregate="avg")
    with pytest.raises(ValueError, match="name one"):
        pt.Level("staff", aggregate="mean")


def test_a_count_reads_like_a_share_and_needs_a_whole_number() -> None:
    # "10 digital technology firms" (a digital-economy plan): here 2 of 4 firms.
    rule = pt.Count("firms", "digital-technology")
    observations = [Obs("digital-technology", u, 2025, u in "ab") for u in "abc"]
    found = judged(rule, ">= 2", observations, UNITS)
    assert (found.status, found.actual) == (pt.Status.ACHIEVED, 2)
    data = found.to_dict()
    assert (data["met_units"], data["population"], data["required_units"]) == (2, 4, 2)
    assert data["unreported_units"] == ["d"]
    with pytest.raises(pt.PlanError, match=r"whole number of units \('>= 10'\), not >= 2.5"):
        plan(rule, ">= 2.5", *UNITS)
    with pytest.raises(pt.PlanError, match="whole number"):
        plan(rule, ">= 10%", *UNITS)


def test_a_count_with_a_compound_condition() -> None:
    rule = pt.Count("firms", condition="revenue >= 100 and exporting")
    observations = [
        Obs("revenue", "a", 2025, 120),
        Obs("exporting", "a", 2025, True),
        Obs("revenue", "b", 2025, 150),
        Obs("exporting", "b", 2025, False),
    ]
    found = judged(rule, ">= 1", observations, UNITS)
    assert (found.actual, found.met_units, found.units_short) == (1, 1, 0)


@given(
    size=population_sizes.filter(lambda n: n <= 12),
    data=st.data(),
)
def test_a_count_meets_n_exactly_when_the_share_meets_n_over_the_population(
    size: int, data: st.DataObject
) -> None:
    units = [pt.Unit(f"u{i}", f"U{i}") for i in range(size)]
    reports = data.draw(
        st.lists(st.sampled_from([True, False, None]), min_size=size, max_size=size)
    )
    observations = [
        Obs("online", f"u{i}", 2025, value) for i, value in enumerate(reports) if value is not None
    ]
    n = data.draw(st.integers(0, size))
    comparator = data.draw(st.sampled_from([Comparator.GE, Comparator.EQ]))
    count = judged(pt.Count("firms", "online"), f"{comparator.value} {n}", observations, units)
    share_required = f"{comparator.value} {Fraction(n, size)}"
    share = judged(pt.ThresholdShare("firms", "online"), share_required, observations, units)
    assert count.status == share.status
    assert count.required_units == share.required_units
    assert count.met_units == share.met_units


@given(values=st.lists(amounts, min_size=1, max_size=8), data=st.data())
def test_aggregates_do_not_depend_on_the_order_of_units(
    values: list[Fraction], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(range(len(values))))
    for aggregate in pt.Aggregate:
        assert aggregate.apply(values) == aggregate.apply([values[i] for i in order])
        units = [pt.Unit(f"u{i}", f"U{i}") for i in order]
        observations = [Obs("staff", f"u{i}", 2025, v) for i, v in enumerate(values)]
        rule = pt.Level("staff", population="firms", aggregate=aggregate)
        assert judged(rule, ">= 0", observations, units).actual == aggregate.apply(values)
