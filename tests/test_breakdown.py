"""Breakdown by group (policytargets.breakdown): grouping, the JSON contract, bad input, and
the invariants of pooled and group figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.strategies import GROUP_KEYS, grouped_scenarios, grouped_units

import policytargets as pt
from policytargets.breakdown import Grouper, attribute_text, group_key
from policytargets.report.labels import notice_text
from policytargets.units import parent_on

AS_OF = dt.date(2026, 1, 1)
MERGER = dt.date(2025, 6, 30)


def _provinces() -> list[pt.Unit]:
    return [
        pt.Unit("tinh-a", "Tỉnh A", active_until=MERGER, successor="tinh-c"),
        pt.Unit("tinh-b", "Tỉnh B", active_until=MERGER, successor="tinh-c"),
        pt.Unit("tinh-c", "Tỉnh C", active_from=MERGER + dt.timedelta(days=1), name_en="C"),
        pt.Unit("tinh-d", "Tỉnh D"),
    ]


def _agencies() -> list[pt.Unit]:
    return [
        pt.Unit("a1", "Báo A", parent="tinh-a", attributes={"kind": "newspaper"}),
        pt.Unit("a2", "Tạp chí B", parent="tinh-b", attributes={"kind": "magazine"}),
        pt.Unit("a3", "Báo D", parent="tinh-d", attributes={"kind": "newspaper"}),
        pt.Unit("a4", "Đài D", parent="tinh-d", attributes={"electronic": True}),
        pt.Unit("a5", "Trung ương"),
    ]


def _plan(*, breakdown: str | None = "parent") -> pt.Plan:
    return pt.Plan(
        id="ministry",
        number="1/KH",
        title="Ministry view",
        issuer="Test",
        issued=dt.date(2023, 1, 1),
        effective=dt.date(2023, 1, 1),
        populations=[
            pt.Population("provinces", "Tỉnh", _provinces()),
            pt.Population("agencies", "Cơ quan báo chí", _agencies()),
        ],
        targets=[
            pt.Target(
                id="digital",
                title="Digital",
                rule=pt.ThresholdShare(population="agencies", measure="digital"),
                milestones=[pt.Milestone(2024, ">= 50%"), pt.Milestone(2025, ">= 50%")],
                breakdown=breakdown,
            ),
            pt.Target(
                id="revenue",
                title="Revenue",
                rule=pt.Ratio(numerator="revenue", denominator="planned", population="agencies"),
                milestones=[pt.Milestone(2025, ">= 100%")],
            ),
            pt.Target(
                id="licensed",
                title="Licensed",
                rule=pt.BooleanCompliance(measure="licensed", unit="a1"),
                milestones=[pt.Milestone(2025, "= true")],
            ),
        ],
    )


def _observations() -> list[pt.Observation]:
    digital = {"a1": (True, True), "a2": (False, True), "a3": (True, False), "a4": (False, None)}
    rows = []
    for unit, flags in digital.items():
        for year, flag in zip((2024, 2025), flags, strict=True):
            if flag is not None:
                rows.append(pt.Observation("digital", unit, year, flag))
    rows.append(pt.Observation("digital", "a5", 2025, False))
    for number, unit in enumerate(("a1", "a2", "a3", "a4", "a5"), start=1):
        rows.append(pt.Observation("revenue", unit, 2025, 100 + number))
        rows.append(pt.Observation("planned", unit, 2025, 103))
    rows.append(pt.Observation("licensed", "a1", 2025, True))
    return rows


# --- grouping --------------------------------------------------------------------------------


def test_parent_follows_the_successor_chain_from_the_day_after_the_merger() -> None:
    units = {u.id: u for u in (*_provinces(), *_agencies())}
    agency = units["a1"]
    assert parent_on(agency, MERGER, units) == "tinh-a"
    assert parent_on(agency, MERGER + dt.timedelta(days=1), units) == "tinh-c"
    assert parent_on(units["a5"], MERGER, units) is None
    # a second merger later: the chain is followed to its end
    units["tinh-c"] = pt.Unit("tinh-c", "C", active_until=dt.date(2030, 1, 1), successor="tinh-e")
    assert parent_on(agency, dt.date(2030, 1, 2), units) == "tinh-e"


def test_a_cycle_of_successors_is_refused() -> None:
    loop = {
        "x": pt.Unit("x", "X", active_until=MERGER, successor="y"),
        "y": pt.Unit("y", "Y", active_until=MERGER, successor="x"),
    }
    with pytest.raises(ValueError, match="cycle"):
        parent_on(pt.Unit("a", "A", parent="x"), AS_OF, loop)


def test_attribute_values_become_group_ids() -> None:
    assert [attribute_text(v) for v in (True, False, 3, Fraction(1, 2), "báo")] == [
        "true",
        "false",
        "3",
        "1/2",
        "báo",
    ]
    unit = _agencies()[3]
    assert group_key(unit, "electronic", AS_OF, {}) == "true"
    assert group_key(unit, "kind", AS_OF, {}) is None


def test_units_are_grouped_once_per_population_key_and_day() -> None:
    plan = _plan()
    grouper = Grouper(plan.units)
    population = plan.population("agencies")
    first = grouper.groups(population, "parent", AS_OF)
    assert grouper.groups(population, "parent", AS_OF) is first
    assert [g.key for g in first] == ["tinh-c", "tinh-d", None]
    assert [g.population.unit_ids for g in first] == [("a1", "a2"), ("a3", "a4"), ("a5",)]
    before = grouper.groups(population, "parent", MERGER)
    assert [g.key for g in before] == ["tinh-a", "tinh-b", "tinh-d", None]


def test_a_group_with_no_unit_on_the_day_is_not_listed() -> None:
    units = [
        pt.Unit("old", "Old", active_until=MERGER, attributes={"kind": "broadcaster"}),
        pt.Unit("new", "New", active_from=MERGER, attributes={"kind": "multimedia"}),
        pt.Unit("late", "Late", active_from=AS_OF, attributes={"kind": "newspaper"}),
    ]
    population = pt.Population("agencies", "Agencies", units)
    grouper = Grouper({})
    assert [g.key for g in grouper.groups(population, "kind", MERGER)] == [
        "broadcaster",
        "multimedia",
    ]
    assert [g.key for g in grouper.groups(population, "kind", AS_OF)] == [
        "multimedia",
        "newspaper",
    ]


# --- the contract ----------------------------------------------------------------------------


def _assessment(card: pt.Scorecard, target: str, milestone: str) -> dict[str, Any]:
    found = next(
        a for a in card.assessments if a.target.id == target and a.milestone.label == milestone
    )
    return found.to_dict()


def test_breakdown_json_follows_the_contract_and_the_merger() -> None:
    card = pt.evaluate(_plan(), _observations(), as_of=AS_OF)
    judged = _assessment(card, "digital", "2025")
    assert (judged["status"], judged["actual"], judged["met_units"]) == ("missed", "2/5", 2)
    assert judged["breakdown"] == {
        "by": "parent",
        "groups": [
            {
                "group": "tinh-c",
                "name": "Tỉnh C",
                "status": "achieved",
                "actual": "1",
                "met_units": 2,
                "population": 2,
                "required_units": 1,
                "unreported_units": [],
            },
            {
                "group": "tinh-d",
                "name": "Tỉnh D",
                "status": "missed",
                "actual": "0",
                "met_units": 0,
                "population": 2,
                "required_units": 1,
                "unreported_units": ["a4"],
            },
            {
                "group": None,
                "name": None,
                "status": "missed",
                "actual": "0",
                "met_units": 0,
                "population": 1,
                "required_units": 1,
                "unreported_units": [],
            },
        ],
        "meeting": 1,
        "total": 2,
    }
    # before the merger the same agencies belong to their old provinces
    earlier = _assessment(card, "digital", "2024")["breakdown"]
    assert [(g["group"], g["status"]) for g in earlier["groups"]] == [
        ("tinh-a", "achieved"),
        ("tinh-b", "missed"),
        ("tinh-d", "achieved"),
        (None, "no_data"),
    ]
    assert (earlier["meeting"], earlier["total"]) == (2, 3)
    # targets that ask for no breakdown have none
    assert "breakdown" not in _assessment(card, "revenue", "2025")


def test_evaluate_breaks_every_target_over_a_population_down() -> None:
    card = pt.evaluate(_plan(breakdown=None), _observations(), as_of=AS_OF, breakdown="kind")
    revenue = _assessment(card, "revenue", "2025")
    assert revenue["actual"] == "1"  # (101 + ... + 105) / (5 x 103)
    groups = {g["group"]: g for g in revenue["breakdown"]["groups"]}
    assert list(groups) == ["magazine", "newspaper", None]
    assert (groups["magazine"]["actual"], groups["magazine"]["status"]) == ("102/103", "missed")
    assert groups["newspaper"]["actual"] == "102/103"  # (101 + 103) / (2 x 103)
    assert (groups[None]["actual"], groups[None]["status"]) == ("209/206", "achieved")
    assert groups[None]["population"] == 2
    assert groups["newspaper"]["met_units"] is None
    assert groups["newspaper"]["required_units"] is None
    assert (revenue["breakdown"]["meeting"], revenue["breakdown"]["total"]) == (0, 2)
    # the argument replaces the target's own key; a one-unit target is left alone
    assert _assessment(card, "digital", "2025")["breakdown"]["by"] == "kind"
    assert "breakdown" not in _assessment(card, "licensed", "2025")


def test_a_target_whose_population_lacks_the_key_is_named_in_a_notice() -> None:
    plan = _plan(breakdown=None)
    extra = pt.Population("staff", "Staff", [pt.Unit("s1", "S1")])
    target = pt.Target(
        id="trained",
        title="Trained",
        rule=pt.ThresholdShare(population="staff", measure="trained"),
        milestones=[pt.Milestone(2025, ">= 50%")],
    )
    plan = pt.Plan(
        id=plan.id,
        number=plan.number,
        title=plan.title,
        issuer=plan.issuer,
        issued=plan.issued,
        effective=plan.effective,
        populations=[*plan.populations, extra],
        targets=[*plan.targets, target],
    )
    card = pt.evaluate(plan, _observations(), as_of=AS_OF, breakdown="parent")
    assert "breakdown" not in _assessment(card, "trained", "2025")
    assert [n.code for n in card.notices] == ["breakdown_not_applied"]
    assert dict(card.notices[0].params) == {"by": "parent", "targets": "trained"}
    # said in the report's language; the English template says what the notice says
    assert notice_text(card.notices[0], "en") == card.notices[0].text
    assert notice_text(card.notices[0], "vi").startswith("không phân tách theo parent")


# --- bad input -------------------------------------------------------------------------------


def test_a_breakdown_key_no_unit_has_is_a_located_error() -> None:
    with pytest.raises(pt.PlanError) as raised:
        _plan(breakdown="kin")
    assert [str(p) for p in raised.value.problems] == [
        "targets[0].breakdown: no unit of population 'agencies' has the attribute 'kin'"
    ]


def test_a_breakdown_needs_a_population() -> None:
    with pytest.raises(pt.PlanError) as raised:
        pt.Plan(
            id="p",
            number="1",
            title="t",
            issuer="i",
            issued=dt.date(2023, 1, 1),
            effective=dt.date(2023, 1, 1),
            targets=[
                pt.Target(
                    id="revenue",
                    title="Revenue",
                    rule=pt.Ratio(numerator="revenue", denominator="planned"),
                    milestones=[pt.Milestone(2025, ">= 100%")],
                    breakdown="parent",
                )
            ],
        )
    assert [str(p) for p in raised.value.problems] == [
        "targets[0].breakdown: a breakdown needs a target over a population"
    ]


def test_evaluate_refuses_a_key_no_unit_has() -> None:
    with pytest.raises(pt.PlanError) as raised:
        pt.evaluate(_plan(breakdown=None), _observations(), as_of=AS_OF, breakdown="region")
    assert str(raised.value) == (
        "breakdown: no unit of a population that a target counts has the attribute 'region'"
    )


# --- properties ------------------------------------------------------------------------------


def _judged(plan: pt.Plan, observations: list[pt.Observation], by: str | None) -> pt.Assessment:
    card = pt.evaluate(plan, observations, as_of=AS_OF, breakdown=by)
    return card.assessments[0]


def _pooled(assessment: pt.Assessment) -> dict[str, Any]:
    result = assessment.to_dict()
    result.pop("breakdown", None)
    return result


KINDS = st.sampled_from(["threshold-share", "ratio", "growth"])


@given(KINDS.flatmap(grouped_scenarios))
def test_splitting_or_merging_groups_never_changes_the_pooled_figure(
    scenario: tuple[pt.Plan, list[pt.Observation]],
) -> None:
    plan, observations = scenario
    assume(any(unit.attributes for unit in plan.populations[0].units))
    plain = _pooled(_judged(plan, observations, None))
    assert _pooled(_judged(plan, observations, "g")) == plain
    assert _pooled(_judged(plan, observations, "h")) == plain


@given(KINDS.flatmap(grouped_scenarios))
def test_meeting_never_exceeds_total_and_total_counts_the_keyed_groups(
    scenario: tuple[pt.Plan, list[pt.Observation]],
) -> None:
    plan, observations = scenario
    assume(any(unit.attributes for unit in plan.populations[0].units))
    for by in ("g", "h"):
        breakdown = _judged(plan, observations, by).breakdown
        assert breakdown is not None
        keys = {attribute_text(u.attributes[by]) for u in plan.populations[0].units if u.attributes}
        assert breakdown.total == len(keys)
        assert 0 <= breakdown.meeting <= breakdown.total
        assert [g.group.key for g in breakdown.keyed] == sorted(keys)


@given(grouped_scenarios("threshold-share"))
def test_a_pooled_share_is_the_groups_counts_pooled(
    scenario: tuple[pt.Plan, list[pt.Observation]],
) -> None:
    plan, observations = scenario
    assume(any(unit.attributes for unit in plan.populations[0].units))
    assessment = _judged(plan, observations, "g")
    assert assessment.breakdown is not None
    groups = assessment.breakdown.groups
    assert sum(g.population for g in groups) == assessment.population
    met = sum(g.assessment.met_units or 0 for g in groups)
    unreported = sorted(u for g in groups for u in g.assessment.unreported_units)
    assert unreported == sorted(assessment.unreported_units)
    if assessment.actual is not None:
        assert met == assessment.met_units
        assert assessment.actual == Fraction(met, sum(g.population for g in groups))
    requirement = assessment.requirement
    for group in groups:
        assert group.assessment.required_units == requirement.required_units(group.population)


def _sums(assessment: pt.Assessment, top: str, bottom: str) -> tuple[Fraction, Fraction]:
    values = {top: Fraction(0), bottom: Fraction(0)}
    for observation in assessment.evidence:
        assert not isinstance(observation.value, bool)
        values[observation.measure] += observation.value
    return values[top], values[bottom]


@given(grouped_scenarios("ratio"))
def test_a_pooled_ratio_is_the_groups_numerators_over_their_denominators(
    scenario: tuple[pt.Plan, list[pt.Observation]],
) -> None:
    plan, observations = scenario
    assume(any(unit.attributes for unit in plan.populations[0].units))
    assessment = _judged(plan, observations, "g")
    assert assessment.breakdown is not None
    above = below = Fraction(0)
    for group in assessment.breakdown.groups:
        top, bottom = _sums(group.assessment, "top", "bottom")
        if group.assessment.actual is not None:
            assert group.assessment.actual == top / bottom
        above, below = above + top, below + bottom
    if assessment.actual is not None:
        assert assessment.actual == above / below


@given(grouped_scenarios("growth"))
def test_a_pooled_growth_is_the_groups_totals_pooled(
    scenario: tuple[pt.Plan, list[pt.Observation]],
) -> None:
    plan, observations = scenario
    assume(any(unit.attributes for unit in plan.populations[0].units))
    assessment = _judged(plan, observations, "g")
    assert assessment.breakdown is not None
    groups = assessment.breakdown.groups
    if assessment.actual is None:
        assert any(g.assessment.actual is None for g in groups)
        return
    now = then = Fraction(0)
    for group in groups:
        for observation in group.assessment.evidence:
            assert not isinstance(observation.value, bool)
            if observation.period == pt.Period.year(2025):
                now += observation.value
            else:
                then += observation.value
    assert assessment.actual == now / then - 1


@given(st.lists(GROUP_KEYS, min_size=1, max_size=30), st.dates(MERGER, dt.date(2026, 12, 31)))
def test_a_merger_moves_every_child_exactly_once(groups: list[int | None], day: dt.date) -> None:
    """Parents 0-5 end on MERGER; even ones merge into ``new-0``, odd ones into ``new-1``."""
    parents = {
        f"p{g}": pt.Unit(f"p{g}", f"P{g}", active_until=MERGER, successor=f"new-{g % 2}")
        for g in range(6)
    }
    parents |= {f"new-{k}": pt.Unit(f"new-{k}", f"New {k}") for k in range(2)}
    children = [
        pt.Unit(u.id, u.name, parent=None if g is None else f"p{g}")
        for u, g in zip(grouped_units(groups), groups, strict=True)
    ]
    population = pt.Population("agencies", "Agencies", children)
    grouped = Grouper(parents).groups(population, "parent", day)
    placed = [unit.id for group in grouped for unit in group.population.units]
    assert sorted(placed) == sorted(u.id for u in children)  # each child once, none lost
    after = day > MERGER
    for group in grouped:
        for unit in group.population.units:
            g = groups[int(unit.id[1:])]
            expected = None if g is None else (f"new-{g % 2}" if after else f"p{g}")
            assert group.key == expected


# --- plan files ------------------------------------------------------------------------------

PLAN_FILE = """\
schema = "policytargets/plan@1"

[plan]
id = "p"
number = "1"
title = "t"
issuer = "i"
issued = 2023-01-01
effective = 2023-01-01

[[populations]]
id = "agencies"
name = "A"
units = [
  {{ id = "a1", name = "A1", attributes = {{ kind = "newspaper" }} }},
  {{ id = "a2", name = "A2", attributes = {{ kind = "magazine" }} }},
]

[[targets]]
id = "digital"
type = "threshold-share"
title = "D"
population = "agencies"
measure = "digital"
breakdown = "{key}"
milestones = [{{ by = 2025, require = ">= 70%" }}]
"""


def test_a_plan_file_target_asks_for_a_breakdown(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN_FILE.format(key="kind"), encoding="utf-8")
    plan = pt.load_plan(path)
    assert plan.target("digital").breakdown == "kind"
    assert 'breakdown = "kind"' in pt.dump_plan(plan)
    assert pt.io.loads_plan(pt.dump_plan(plan)) == plan


def test_a_plan_file_breakdown_no_unit_has_is_located(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN_FILE.format(key="regoin"), encoding="utf-8")
    with pytest.raises(pt.PlanError) as raised:
        pt.load_plan(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:25: targets[0].breakdown: no unit of population 'agencies' has the attribute "
        "'regoin'"
    ]
