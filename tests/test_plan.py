"""A plan is checked as a whole, and every problem is reported with its path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytargets as pt

D = dt.date


def build(**changes: Any) -> pt.Plan:
    fields: dict[str, Any] = {
        "id": "p",
        "number": "77/KH-UBND",
        "title": "Plan",
        "issuer": "UBND",
        "issued": D(2023, 10, 30),
        "effective": D(2023, 10, 30),
        "populations": [
            pt.Population(
                "agencies",
                "Agencies",
                [
                    pt.Unit("a", "A", active_until=D(2025, 4, 13), successor="m"),
                    pt.Unit("m", "M", active_from=D(2025, 4, 14)),
                ],
            )
        ],
        "targets": [
            pt.Target(
                id="share",
                title="Share",
                rule=pt.ThresholdShare(population="agencies", measure="digital"),
                milestones=[pt.Milestone(2025, ">= 70%"), pt.Milestone(2030, ">= 100%")],
            )
        ],
    }
    fields.update(changes)
    return pt.Plan(**fields)


def paths(error: pt.PlanError) -> list[str]:
    return [problem.path for problem in error.problems]


def test_a_valid_plan_builds_and_answers_lookups() -> None:
    plan = build()
    assert plan.target("share").kind == "threshold-share"
    assert plan.population("agencies").unit_ids == ("a", "m")
    assert plan.measures() == {"digital": "boolean"}
    with pytest.raises(KeyError):
        plan.target("nope")


def share(milestones: list[pt.Milestone], **rule: Any) -> pt.Target:
    return pt.Target(
        id="t",
        title="T",
        rule=pt.ThresholdShare(**({"population": "agencies", "measure": "digital"} | rule)),
        milestones=milestones,
    )


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    targets = [
        share([pt.Milestone(2025, ">= 120%")]),
        share([pt.Milestone(2030, ">= 70%"), pt.Milestone(2025, ">= 80%")], population="nobody"),
        pt.Target(
            id="flag",
            title="Flag",
            rule=pt.BooleanCompliance(measure="articles", unit="ghost"),
            milestones=[pt.Milestone(2022, "= true")],
        ),
        pt.Target(
            id="growth",
            title="G",
            rule=pt.Growth(measure="articles"),
            milestones=[pt.Milestone(2025, "= true")],
        ),
    ]
    populations = [
        pt.Population(
            "agencies",
            "A",
            [
                pt.Unit("a", "A", active_from=D(2025, 1, 1), active_until=D(2024, 1, 1)),
                pt.Unit("a", "A again", successor="missing"),
            ],
        )
    ]
    with pytest.raises(pt.PlanError) as caught:
        build(targets=targets, populations=populations)
    assert set(paths(caught.value)) == {
        "populations[0].units[0].until",
        "populations[0].units[1].id",
        "populations[0].units[1].successor",
        "targets[0].milestones[0].require",
        "targets[1].id",
        "targets[1].population",
        "targets[1].milestones[1].by",
        "targets[2].unit",
        "targets[2].milestones[0].by",
        "targets[3].measure",
        "targets[3].milestones[0].require",
    }
    assert isinstance(caught.value, ValueError)
    assert "problems:" in str(caught.value)


def test_every_unit_problem_in_order_with_the_path_of_the_unit() -> None:
    roster = [
        pt.Unit("a", "A", parent="b"),
        pt.Unit("a", "A twice"),
        pt.Unit("b", "B", parent="a", active_from=D(2025, 1, 1), active_until=D(2024, 1, 1)),
    ]
    populations = [
        pt.Population("north", "North", [pt.Unit("c", "C", successor="d"), roster[0]]),
        pt.Population(
            "south",
            "South",
            [
                pt.Unit("c", "C elsewhere"),
                pt.Unit("b", "B redefined"),
                pt.Unit("d", "D", successor="c", parent="nowhere"),
                pt.Unit("d", "D", successor="c", parent="nowhere"),
            ],
        ),
    ]
    with pytest.raises(pt.PlanError) as caught:
        build(roster=roster, populations=populations, targets=[])
    assert [(problem.message, problem.path) for problem in caught.value.problems] == [
        ("duplicate unit id 'a'", "units[1].id"),
        ("unit 'c' is defined differently in another population", "populations[1].units[0].id"),
        ("unit 'b' is defined differently in the plan's units", "populations[1].units[1].id"),
        ("duplicate unit id 'd'", "populations[1].units[3].id"),
        (
            "unit 'b' is active until 2024-01-01 which is before it starts (2025-01-01)",
            "units[2].until",
        ),
        ("unknown parent unit 'nowhere'", "populations[1].units[2].parent"),
        ("unknown parent unit 'nowhere'", "populations[1].units[3].parent"),
        ("the parents of these units form a cycle: a -> b -> a", "units[0].parent"),
        (
            "the successors of these units form a cycle: c -> d -> c",
            "populations[0].units[0].successor",
        ),
    ]


def test_impossible_share_requirements() -> None:
    for text in (">= -10%", "> 100%", "< 0%"):
        with pytest.raises(pt.PlanError, match="share"):
            build(targets=[share([pt.Milestone(2025, text)])])


def test_effective_before_issued() -> None:
    with pytest.raises(pt.PlanError) as caught:
        build(effective=D(2023, 1, 1))
    assert paths(caught.value) == ["plan.effective"]


def test_a_target_needs_milestones_and_distinct_periods() -> None:
    with pytest.raises(pt.PlanError, match="needs 'milestones' or 'every'"):
        build(targets=[share([])])
    twice = pt.Target(
        id="g",
        title="G",
        rule=pt.Growth(measure="articles"),
        milestones=[pt.Milestone(2025, "> 5%")],
        every=pt.Recurring(2024, 2026, "> 0%"),
    )
    with pytest.raises(pt.PlanError, match="more than one milestone for 2025"):
        build(targets=[twice])


def test_schedule_and_baseline_checks() -> None:
    target = pt.Target(
        id="t",
        title="T",
        rule=pt.ThresholdShare(population="agencies", measure="digital"),
        milestones=[pt.Milestone(2025, ">= 70%")],
        baseline=pt.Baseline(2026, "150%"),
        schedule_values={2024: "120%", 2025: "60%"},
    )
    with pytest.raises(pt.PlanError) as caught:
        build(targets=[target])
    assert set(paths(caught.value)) == {
        "targets[0].schedule.2024",
        "targets[0].schedule.2025",
        "targets[0].baseline.value",
        "targets[0].baseline.period",
    }


def test_geometric_needs_positive_checkpoints() -> None:
    target = pt.Target(
        id="t",
        title="T",
        rule=pt.Growth(measure="articles"),
        milestones=[pt.Milestone(2025, ">= 10%")],
        baseline=pt.Baseline(2023, 0),
        interpolation="geometric",
    )
    with pytest.raises(pt.PlanError, match="geometric"):
        build(targets=[target])


def test_a_recurring_requirement_mixing_period_kinds_is_a_plan_error() -> None:
    target = pt.Target(
        id="g",
        title="G",
        rule=pt.Growth(measure="articles"),
        every=pt.Recurring(2024, "2026-Q1", "> 0%"),
    )
    with pytest.raises(pt.PlanError) as caught:
        build(targets=[target])
    assert paths(caught.value) == ["targets[0].every"]


def test_expected_reports_follow_scopes_and_activity() -> None:
    plan = build(
        targets=[
            share([pt.Milestone(2025, ">= 70%")]),
            pt.Target(
                id="flag",
                title="Flag",
                rule=pt.BooleanCompliance(measure="licensed", unit="a"),
                milestones=[pt.Milestone(2025, "= true")],
            ),
            pt.Target(
                id="again",
                title="Again",
                rule=pt.BooleanCompliance(measure="digital", population="agencies"),
                milestones=[pt.Milestone(2025, "= true")],
            ),
            pt.Target(
                id="articles",
                title="Articles",
                rule=pt.Growth(measure="articles"),
                milestones=[pt.Milestone(2025, "> 0%")],
            ),
        ]
    )
    before = plan.expected_reports(D(2024, 12, 31))
    assert [(r.measure, r.unit, r.targets, r.state) for r in before] == [
        ("digital", "a", ("t", "again"), True),
        ("licensed", "a", ("flag",), True),
        ("articles", None, ("articles",), False),
    ]
    after = plan.expected_reports(D(2025, 12, 31))  # "a" has ended; "m" has begun
    assert [(r.measure, r.unit) for r in after] == [("digital", "m"), ("articles", None)]


# --- expected reports in runs, against the report-by-report oracle ------------------------------


def reports_one_by_one(
    plan: pt.Plan, on: dt.date
) -> list[tuple[str, str | None, tuple[str, ...], bool]]:
    """Expected reports as the first version listed them, one entry per measure and unit."""
    groups: dict[tuple[str, str, str | None], tuple[list[str], list[bool]]] = {}
    for target in plan.targets:
        scope = target.rule.references()
        key = next(iter(scope.items()), ("plan", None))
        for measure in target.measures():
            needed_by, states = groups.setdefault((measure, *key), ([], []))
            needed_by.append(target.id)
            states.append(target.rule.value_kind == "boolean")
    found: dict[tuple[str, str | None], tuple[tuple[str, ...], bool]] = {}
    for (measure, field, reference), (needed_by, states) in groups.items():
        reporters: list[str | None]
        if field == "population" and reference is not None:
            reporters = [u.id for u in plan.population(reference).members(on)]
        elif field == "unit" and reference is not None:
            reporters = [reference] if plan.units[reference].is_active(on) else []
        else:
            reporters = [None]
        group = (tuple(dict.fromkeys(needed_by)), any(states))
        for unit in reporters:
            known = found.setdefault((measure, unit), group)
            if known is not group:  # read through two scopes: merge them
                merged = tuple(dict.fromkeys((*known[0], *group[0])))
                found[(measure, unit)] = (merged, known[1] or group[1])
    return [(m, u, targets, state) for (m, u), (targets, state) in found.items()]


_SCOPE_UNITS = [
    pt.Unit("u0", "U0"),
    pt.Unit("u1", "U1", active_until=D(2024, 6, 30)),
    pt.Unit("u2", "U2", active_from=D(2024, 7, 1)),
    pt.Unit("u3", "U3"),
]
_POPULATIONS = [
    pt.Population("p0", "P0", _SCOPE_UNITS[:3]),
    pt.Population("p1", "P1", _SCOPE_UNITS[1:]),
]


@st.composite
def scoped_targets(draw: st.DrawFn) -> list[pt.Target]:
    """Targets reading two yes/no and two numeric measures through populations that share
    units, single units and plan-wide figures."""
    targets = []
    for number in range(draw(st.integers(0, 6))):
        scope = draw(
            st.sampled_from(
                [{"population": "p0"}, {"population": "p1"}, {"unit": "u1"}, {"unit": "u3"}, {}]
            )
        )
        kind = draw(
            st.sampled_from(
                ["share", "boolean", "growth"] if "population" in scope else ["boolean", "growth"]
            )
        )
        rule: pt.TargetType
        if kind == "share":
            rule = pt.ThresholdShare(measure=draw(st.sampled_from(["f1", "f2"])), **scope)
        elif kind == "boolean":
            rule = pt.BooleanCompliance(measure=draw(st.sampled_from(["f1", "f2"])), **scope)
        else:
            rule = pt.Growth(measure=draw(st.sampled_from(["n1", "n2"])), **scope)
        requirement = "= true" if kind == "boolean" else ">= 50%"
        targets.append(
            pt.Target(
                id=f"t{number}", title="T", rule=rule, milestones=[pt.Milestone(2025, requirement)]
            )
        )
    return targets


@given(scoped_targets(), st.dates(D(2023, 1, 1), D(2025, 12, 31)))
def test_expected_reports_in_runs_are_the_reports_one_by_one(
    targets: list[pt.Target], on: dt.date
) -> None:
    plan = build(populations=_POPULATIONS, targets=targets)
    expected = reports_one_by_one(plan, on)
    assert [(r.measure, r.unit, r.targets, r.state) for r in plan.expected_reports(on)] == expected
    runs = plan.report_runs(on)
    places = [run.position + offset for run in runs for offset in range(len(run.units))]
    assert places == list(range(len(expected)))
