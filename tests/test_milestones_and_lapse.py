"""Average growth, per-milestone conditions and lapsed milestones."""

from __future__ import annotations

import datetime as dt
import decimal
import html
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import positive_amounts

import policytargets as pt
from policytargets.quantities import Comparator
from policytargets.report import FORMATS, LANGS, render

Obs = pt.Observation
D = dt.date


def plan(*targets: pt.Target, populations: tuple[pt.Population, ...] = ()) -> pt.Plan:
    return pt.Plan(
        "p",
        "1/KH",
        "Plan",
        "Issuer",
        D(2022, 1, 1),
        D(2022, 1, 1),
        populations=populations,
        targets=targets,
    )


# --- average growth -----------------------------------------------------------------------

GRDP = pt.Target(
    "grdp",
    "Tăng trưởng GRDP bình quân tối thiểu 12%/năm giai đoạn 2025-2030",
    pt.Growth("grdp", base=2025, average=True),
    [pt.Milestone(2030, ">= 12%")],
)


def grdp(value: Fraction) -> pt.Assessment:
    observations = [Obs("grdp", None, 2025, 100), Obs("grdp", None, 2030, value)]
    return pt.evaluate(plan(GRDP), observations, as_of=D(2031, 1, 1)).assessments[0]


def test_average_growth_at_exactly_the_boundary_is_met() -> None:
    # "GRDP growth averaging at least 12% over 2025–2030": 1.12^5 times the 2025 value.
    exact = 100 * Fraction(112, 100) ** 5
    met = grdp(exact)
    assert met.status is pt.Status.ACHIEVED
    assert met.actual == Fraction(12, 100)
    assert met.to_dict()["compound"] == {"factor": str(exact / 100), "periods": 5}
    below = grdp(exact - Fraction(1, 10**30))
    assert below.status is pt.Status.MISSED
    assert below.actual == Fraction(12, 100)  # shown rounded; judged exactly


def test_average_growth_before_the_deadline_is_judged_against_the_schedule() -> None:
    observations = [Obs("grdp", None, 2025, 100), Obs("grdp", None, 2027, 130)]
    card = pt.evaluate(plan(GRDP), observations, as_of=D(2028, 1, 1))
    assert card.assessments[0].status is pt.Status.ON_TRACK  # about 14% a year


def test_average_growth_needs_a_base_before_every_milestone() -> None:
    with pytest.raises(ValueError, match="average growth is measured from a 'base'"):
        pt.Growth("grdp", average=True)
    late = pt.Target(
        "g", "G", pt.Growth("grdp", base=2030, average=True), [pt.Milestone(2030, ">= 12%")]
    )
    with pytest.raises(pt.PlanError, match=r"milestones\[0\]\.by: average growth from 2030"):
        plan(late)


requirements = st.fractions(min_value=Fraction(-3, 2), max_value=1, max_denominator=100)


@given(
    factor=positive_amounts,
    periods=st.integers(1, 12),
    rate=requirements,
    comparator=st.sampled_from(list(Comparator)),
)
def test_the_exact_judgement_agrees_with_a_fifty_digit_root(
    factor: Fraction, periods: int, rate: Fraction, comparator: Comparator
) -> None:
    growth = pt.CompoundGrowth(factor, periods)
    requirement = pt.Requirement(comparator, rate)
    context = decimal.Context(prec=50)
    quotient = context.divide(decimal.Decimal(factor.numerator), factor.denominator)
    root = context.power(quotient, context.divide(1, decimal.Decimal(periods))) - 1
    distance = abs(root - context.divide(decimal.Decimal(rate.numerator), rate.denominator))
    if distance > decimal.Decimal("1e-40"):
        assert growth.meets(requirement) == comparator.holds(Fraction(root), rate)
    assert abs(growth.rate - Fraction(root)) <= Fraction(1, 10**10)


@given(
    rate=st.fractions(min_value=Fraction(-99, 100), max_value=2, max_denominator=100),
    periods=st.integers(1, 12),
)
def test_the_exact_judgement_never_differs_at_the_boundary(rate: Fraction, periods: int) -> None:
    growth = pt.CompoundGrowth((1 + rate) ** periods, periods)
    assert growth.meets(pt.Requirement(Comparator.GE, rate))
    assert growth.meets(pt.Requirement(Comparator.EQ, rate))
    assert not growth.meets(pt.Requirement(Comparator.GT, rate))


# --- per-milestone conditions ---------------------------------------------------------------

AGENCIES = pt.Population("agencies", "Agencies", [pt.Unit(f"a{i}", f"A{i}") for i in range(10)])


def test_each_milestone_may_count_units_with_its_own_condition() -> None:
    # The ministry's per-year plan for 348/QĐ-TTg: "5% of agencies raise revenue 5% (2023);
    # 15% raise it 10% (2024); 30% raise it 20% (2025)".
    target = pt.Target(
        "revenue-raised",
        "Cơ quan báo chí tăng doanh thu",
        pt.ThresholdShare("agencies", condition="growth(revenue, 2022) >= 5%"),
        [
            pt.Milestone(2023, ">= 5%", condition="growth(revenue, 2022) >= 5%"),
            pt.Milestone(2024, ">= 15%", condition="growth(revenue, 2022) >= 10%"),
            pt.Milestone(2025, ">= 30%", condition="growth(revenue, 2022) >= 20%"),
        ],
    )
    grown = {2023: [106] * 10, 2024: [111, 111] + [105] * 8, 2025: [115] * 10}
    observations = [Obs("revenue", f"a{i}", 2022, 100) for i in range(10)]
    observations += [
        Obs("revenue", f"a{i}", year, value)
        for year, values in grown.items()
        for i, value in enumerate(values)
    ]
    card = pt.evaluate(plan(target, populations=(AGENCIES,)), observations, as_of=D(2026, 1, 1))
    assert [(a.status.value, a.met_units) for a in card.assessments] == [
        ("achieved", 10),
        ("achieved", 2),  # two of ten raised revenue 10%: 20% >= 15%
        ("missed", 0),  # none raised it 20%
    ]
    assert card.assessments[2].to_dict()["condition"] == "growth(revenue, 2022) >= 20%"
    for format in FORMATS:
        for lang in LANGS:
            shown = html.unescape(render(card, format, lang=lang)).replace("\\", "")
            assert "growth(revenue, 2022) >= 20%" in shown, (format, lang)


def test_a_milestone_condition_needs_a_target_that_counts_units() -> None:
    target = pt.Target(
        "g", "G", pt.Growth("revenue"), [pt.Milestone(2025, ">= 5%", condition="staff >= 1")]
    )
    with pytest.raises(pt.PlanError, match=r"milestones\[0\]\.condition: a milestone's"):
        plan(target)


# --- lapsed ---------------------------------------------------------------------------------

DISTRICTS = pt.Population(
    "districts",
    "Huyện",
    [pt.Unit(f"h{i}", f"Huyện {i}", active_until=D(2025, 6, 30)) for i in range(3)],
)
DISTRICT_TARGET = pt.Target(
    "district-online",
    "100% cấp huyện cung cấp dịch vụ công trực tuyến",
    pt.ThresholdShare("districts", "online"),
    [pt.Milestone(2024, ">= 50%"), pt.Milestone(2030, ">= 100%")],
)


def test_a_milestone_of_an_abolished_level_lapses() -> None:
    # Cà Mau: the district level was abolished on 1 July 2025; its 2030 target lapses.
    observations = [Obs("online", f"h{i}", 2024, i == 0) for i in range(3)]
    district_plan = plan(DISTRICT_TARGET, populations=(DISTRICTS,))
    card = pt.evaluate(district_plan, observations, as_of=D(2026, 1, 1))
    early, late = card.assessments
    assert early.status is pt.Status.MISSED
    assert (late.status, late.lapsed_on) == (pt.Status.LAPSED, D(2025, 7, 1))
    assert late.to_dict()["lapsed_on"] == "2025-07-01"
    assert card.summary["lapsed"] == 1
    before = pt.evaluate(district_plan, observations, as_of=D(2025, 3, 1))
    assert before.assessments[1].status is pt.Status.OFF_TRACK
    for format in FORMATS:
        for lang, word in zip(LANGS, ("Không còn áp dụng", "Lapsed"), strict=True):
            assert word in render(card, format, lang=lang) or format == "json"
    assert '"status": "lapsed"' in render(card, "json")


def test_a_merger_with_a_successor_inside_the_population_is_not_a_lapse() -> None:
    merged = pt.Population(
        "papers",
        "Papers",
        [
            pt.Unit("old", "Old", active_until=D(2025, 4, 13), successor="new"),
            pt.Unit("new", "New", active_from=D(2025, 4, 14)),
        ],
    )
    target = pt.Target(
        "t", "T", pt.ThresholdShare("papers", "online"), [pt.Milestone(2030, ">= 1")]
    )
    card = pt.evaluate(plan(target, populations=(merged,)), [], as_of=D(2025, 4, 14))
    assert card.assessments[0].status is pt.Status.NO_DATA
    card = pt.evaluate(plan(target, populations=(merged,)), [], as_of=D(2025, 4, 13))
    assert card.assessments[0].status is pt.Status.NO_DATA


@given(
    ends=st.lists(st.none() | st.dates(D(2023, 1, 1), D(2030, 12, 31)), min_size=1, max_size=5),
    as_of=st.dates(D(2023, 1, 1), D(2032, 1, 1)),
)
def test_lapsed_never_while_a_unit_of_the_population_is_active(
    ends: list[dt.date | None], as_of: dt.date
) -> None:
    units = [pt.Unit(f"u{i}", f"U{i}", active_until=end) for i, end in enumerate(ends)]
    population = pt.Population("units", "Units", units)
    target = pt.Target(
        "t",
        "T",
        pt.ThresholdShare("units", "online"),
        [pt.Milestone(2025, ">= 50%"), pt.Milestone(2030, ">= 100%")],
    )
    card = pt.evaluate(plan(target, populations=(population,)), [], as_of=as_of)
    for assessment in card.assessments:
        day = min(assessment.milestone.deadline, as_of)
        active = any(unit.is_active(day) for unit in units)
        assert (assessment.status is pt.Status.LAPSED) == (not active and as_of >= D(2022, 1, 1))
