"""The four target types, per-unit conditions and a user-defined type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest

import policytargets as pt
from policytargets.targets.base import ValueKind

D = dt.date
F = Fraction
Y2024, Y2025 = pt.Period.year(2024), pt.Period.year(2025)

AGENCIES = pt.Population(
    "agencies",
    "Agencies",
    [
        pt.Unit("paper", "Paper", active_until=D(2025, 4, 13), successor="merged"),
        pt.Unit("radio", "Radio", active_until=D(2025, 4, 13), successor="merged"),
        pt.Unit("magazine", "Magazine"),
        pt.Unit("merged", "Merged", active_from=D(2025, 4, 14)),
    ],
)


NEW_YEAR_2026 = D(2026, 1, 1)


def context(*observations: pt.Observation, as_of: dt.date = NEW_YEAR_2026) -> pt.Context:
    return pt.Context(pt.ObservationLog(observations), {"agencies": AGENCIES}, as_of)


Obs = pt.Observation


def test_share_counts_active_units_and_lists_the_unreported() -> None:
    rule = pt.ThresholdShare(population="agencies", measure="digital")
    ctx = context(Obs("digital", "paper", 2024, True), Obs("digital", "magazine", 2024, False))
    reading = rule.read(Y2024, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(1, 3)
    assert (reading.population, reading.met_units) == (3, 1)
    assert reading.unreported_units == ("radio",)
    assert len(reading.evidence) == 2


def test_share_denominator_follows_the_merger() -> None:
    rule = pt.ThresholdShare(population="agencies", measure="digital")
    ctx = context(Obs("digital", "merged", 2025, True), Obs("digital", "magazine", 2025, True))
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert (reading.value, reading.population) == (1, 2)


def test_share_without_any_report_is_no_data() -> None:
    rule = pt.ThresholdShare(population="agencies", measure="digital")
    result = rule.read(Y2024, context())
    assert isinstance(result, pt.NoData)
    assert result.unreported_units == ("paper", "radio", "magazine")


def test_share_of_an_empty_population_is_reported_not_divided() -> None:
    empty = pt.Population("none", "None", [pt.Unit("x", "X", active_from=D(2030, 1, 1))])
    ctx = pt.Context(pt.ObservationLog(), {"none": empty}, D(2026, 1, 1))
    result = pt.ThresholdShare(population="none", measure="m").read(Y2025, ctx)
    assert isinstance(result, pt.NoData)
    assert "no unit" in result.reason
    assert result.population == 0


def test_carry_forward_lets_the_latest_earlier_observation_stand_in() -> None:
    rule = pt.ThresholdShare(population="agencies", measure="digital", carry_forward=True)
    ctx = context(
        Obs("digital", "magazine", 2023, True),
        Obs("digital", "merged", 2025, False),
    )
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(1, 2)
    assert reading.carried_forward == ("magazine",)


def test_condition_compares_a_unit_value() -> None:
    rule = pt.ThresholdShare(population="agencies", condition="security-level >= 3")
    ctx = context(
        Obs("security-level", "paper", 2024, 3),
        Obs("security-level", "radio", 2024, 2),
        Obs("security-level", "magazine", 2024, 4),
    )
    reading = rule.read(Y2024, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(2, 3)


def test_condition_on_a_unit_growth_composes() -> None:
    rule = pt.ThresholdShare(population="agencies", condition="growth(revenue, 2023) >= 20%")
    ctx = context(
        Obs("revenue", "paper", 2023, 50),
        Obs("revenue", "paper", 2024, 60),  # exactly +20%
        Obs("revenue", "radio", 2023, 50),
        Obs("revenue", "radio", 2024, 59),
        Obs("revenue", "magazine", 2023, 0),
        Obs("revenue", "magazine", 2024, 10),  # growth from zero is undefined: does not count
    )
    reading = rule.read(Y2024, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.met_units == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("security-level >= 3", pt.Condition("security-level", ">= 3")),
        ("growth(revenue) >= 20%", pt.Condition("revenue", ">= 20%", growth=True)),
        ("growth(revenue, 2022) > 0", pt.Condition("revenue", "> 0", growth=True, base=2022)),
        ("licensed = true", pt.Condition("licensed")),
    ],
)
def test_conditions_parse_and_print(text: str, expected: pt.Condition) -> None:
    assert pt.Condition.parse(text) == expected
    assert pt.Condition.parse(str(expected)) == expected


@pytest.mark.parametrize("text", ["security-level 3", "two words >= 3", "growth(x) = true"])
def test_bad_conditions(text: str) -> None:
    with pytest.raises(ValueError, match=r"condition|measure id|yes/no"):
        pt.Condition.parse(text)


def test_share_needs_a_measure_or_condition_that_agree() -> None:
    with pytest.raises(ValueError, match="needs a 'measure'"):
        pt.ThresholdShare(population="agencies")
    with pytest.raises(ValueError, match="agree"):
        pt.ThresholdShare(population="agencies", measure="a", condition="b >= 1")


def test_ratio_pools_sums_over_reporting_units() -> None:
    rule = pt.Ratio(numerator="revenue", denominator="planned", population="agencies")
    ctx = context(
        Obs("revenue", "paper", 2024, 90),
        Obs("planned", "paper", 2024, 100),
        Obs("revenue", "radio", 2024, 30),
        Obs("planned", "radio", 2024, 20),
        Obs("revenue", "magazine", 2024, 5),
    )
    reading = rule.read(Y2024, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(120, 120)  # pooled, not the mean of 0.9 and 1.5
    assert reading.unreported_units == ("magazine",)


def test_ratio_plan_wide_and_zero_denominator() -> None:
    rule = pt.Ratio(numerator="rural", denominator="total")
    ctx = context(Obs("rural", None, 2024, 40), Obs("total", None, 2024, 100))
    reading = rule.read(Y2024, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(2, 5)
    zero = rule.read(Y2024, context(Obs("rural", None, 2024, 0), Obs("total", None, 2024, 0)))
    assert isinstance(zero, pt.NoData)
    assert "zero" in zero.reason


def test_growth_is_exact() -> None:
    rule = pt.Growth(measure="articles")
    ctx = context(Obs("articles", None, 2024, 50), Obs("articles", None, 2025, 60))
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(1, 5)
    assert [o.period for o in reading.evidence] == [Y2024, Y2025]


def test_growth_against_a_base_period_and_missing_data() -> None:
    rule = pt.Growth(measure="articles", base=2023)
    ctx = context(Obs("articles", None, 2023, 40), Obs("articles", None, 2025, 50))
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(1, 4)
    missing = rule.read(Y2024, ctx)
    assert isinstance(missing, pt.NoData)
    assert "2024" in missing.reason


def test_growth_over_a_population_compares_totals_across_a_merger() -> None:
    rule = pt.Growth(measure="articles", population="agencies")
    ctx = context(
        Obs("articles", "paper", 2024, 30),
        Obs("articles", "radio", 2024, 20),
        Obs("articles", "magazine", 2024, 10),
        Obs("articles", "merged", 2025, 60),
        Obs("articles", "magazine", 2025, 12),
    )
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value == F(72, 60) - 1
    partial = rule.read(Y2025, context(Obs("articles", "merged", 2025, 60)))
    assert isinstance(partial, pt.NoData)


def test_growth_from_zero_is_no_data_not_a_division_error() -> None:
    rule = pt.Growth(measure="articles")
    ctx = context(Obs("articles", None, 2024, 0), Obs("articles", None, 2025, 5))
    result = rule.read(Y2025, ctx)
    assert isinstance(result, pt.NoData)
    assert "undefined" in result.reason


def test_boolean_state_holds_until_changed() -> None:
    rule = pt.BooleanCompliance(measure="licensed", unit="magazine")
    ctx = context(Obs("licensed", "magazine", 2023, False), Obs("licensed", "magazine", 2024, True))
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value is True
    assert reading.evidence[0].period == Y2024


def test_boolean_over_a_population_needs_every_unit() -> None:
    rule = pt.BooleanCompliance(measure="licensed", population="agencies")
    ctx = context(Obs("licensed", "merged", 2025, True))
    reading = rule.read(Y2025, ctx)
    assert isinstance(reading, pt.Reading)
    assert reading.value is False
    assert reading.unreported_units == ("magazine",)


def test_a_plan_wide_fact_never_reported_names_no_unit() -> None:
    rule = pt.BooleanCompliance(measure="licensed")
    reading = rule.read(Y2025, context(Obs("licensed", None, 2026, True)))
    assert isinstance(reading, pt.NoData)
    assert reading.unreported_units == ()


def test_observations_after_the_as_of_date_are_invisible() -> None:
    rule = pt.Growth(measure="articles")
    ctx = context(
        Obs("articles", None, 2024, 50), Obs("articles", None, 2025, 60), as_of=D(2024, 12, 31)
    )
    assert isinstance(rule.read(Y2025, ctx), pt.NoData)


def test_a_scope_is_a_population_or_a_unit_not_both() -> None:
    for build in (pt.Ratio, pt.Growth, pt.BooleanCompliance):
        kwargs: dict[str, Any] = {"population": "agencies", "unit": "paper"}
        kwargs |= {"numerator": "a", "denominator": "b"} if build is pt.Ratio else {"measure": "a"}
        with pytest.raises(ValueError, match="not both"):
            build(**kwargs)


@attrs.frozen
class Median:
    """A user-defined type: the median of the units' values must reach a level."""

    kind: ClassVar[str] = "median"
    value_kind: ClassVar[ValueKind] = "number"

    population: str
    measure: str

    def read(self, period: pt.Period, context: pt.Context) -> pt.Reading | pt.NoData:
        found = [
            context.observation(self.measure, unit.id, period)
            for unit in context.members(self.population, period)
        ]
        values = sorted(o.value for o in found if o is not None and not isinstance(o.value, bool))
        if not values:
            return pt.NoData(period, "no values")
        middle = len(values) // 2
        median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        return pt.Reading(period, Fraction(median), tuple(o for o in found if o is not None))

    def measures(self) -> Mapping[str, ValueKind]:
        return {self.measure: "number"}

    def references(self) -> Mapping[str, str]:
        return {"population": self.population}

    def to_fields(self) -> dict[str, Any]:
        return {"population": self.population, "measure": self.measure}


def test_a_user_defined_type_plugs_into_the_same_protocol() -> None:
    assert isinstance(Median("agencies", "staff"), pt.TargetType)
    plan = pt.Plan(
        id="p",
        number="1",
        title="T",
        issuer="I",
        issued=D(2024, 1, 1),
        effective=D(2024, 1, 1),
        populations=[AGENCIES],
        targets=[
            pt.Target(
                id="median-staff",
                title="Median staff",
                rule=Median("agencies", "staff"),
                milestones=[pt.Milestone(2024, ">= 20")],
            )
        ],
    )
    card = pt.evaluate(
        plan,
        [
            Obs("staff", "paper", 2024, 10),
            Obs("staff", "radio", 2024, 30),
            Obs("staff", "magazine", 2024, 25),
        ],
        as_of=D(2025, 1, 1),
    )
    (assessment,) = card.assessments
    assert assessment.status is pt.Status.ACHIEVED
    assert assessment.actual == 25
