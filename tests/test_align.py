"""Alignment of a plan with the plan it implements: verdicts, units, statuses, links."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.plan_strategies import plans, requirements
from tests.strategies import population_sizes, share_requirements

import policytargets as pt
from policytargets.align import compare_requirements, requirement_for
from policytargets.quantities import Comparator
from policytargets.report.labels import notice_text


def _plan(
    plan_id: str,
    targets: list[pt.Target],
    *,
    units: list[pt.Unit] | None = None,
) -> pt.Plan:
    return pt.Plan(
        id=plan_id,
        number=f"{plan_id}/KH",
        title=f"Plan {plan_id}",
        issuer="Test",
        issued=dt.date(2023, 1, 1),
        effective=dt.date(2023, 1, 1),
        populations=[pt.Population("agencies", "Agencies", units or [])],
        targets=targets,
    )


def _share(
    target_id: str,
    milestones: list[pt.Milestone],
    *,
    implements: pt.TargetLink | None = None,
    **fields: object,
) -> pt.Target:
    return pt.Target(
        id=target_id,
        title=target_id,
        rule=pt.ThresholdShare(population="agencies", measure="ok"),
        milestones=milestones,
        implements=implements,
        **fields,  # type: ignore[arg-type]
    )


# Three agencies in 2024, two from April 2025 (two of them merged), as in Vĩnh Long.
AGENCIES = [
    pt.Unit("radio", "Radio", active_until=dt.date(2025, 4, 13), successor="merged"),
    pt.Unit("paper", "Paper", active_until=dt.date(2025, 4, 13), successor="merged"),
    pt.Unit("magazine", "Magazine"),
    pt.Unit("merged", "Merged", active_from=dt.date(2025, 4, 14)),
]


def test_more_than_sixty_and_at_least_eighty_percent_in_units_of_the_day() -> None:
    reference = _plan(
        "national",
        [_share("converged", [pt.Milestone(2024, ">= 80%"), pt.Milestone(2025, ">= 80%")])],
    )
    plan = _plan(
        "province",
        [
            _share(
                "newsroom",
                [pt.Milestone(2024, "> 60%"), pt.Milestone(2025, "> 60%")],
                implements=pt.TargetLink("national", "converged"),
            )
        ],
        units=AGENCIES,
    )
    links = pt.align(plan, reference).links
    units = [(k.population, k.required_units, k.reference_required_units) for k in links]
    assert units == [(3, 2, 3), (2, 2, 2)]
    assert {link.verdict for link in links} == {pt.Verdict.LOOSER}
    assert [link.difference for link in links] == [Fraction(-1, 5)] * 2


def test_the_as_of_date_is_the_reference_day_when_it_comes_first() -> None:
    reference = _plan("national", [_share("converged", [pt.Milestone(2025, ">= 80%")])])
    plan = _plan(
        "province",
        [
            _share(
                "newsroom",
                [pt.Milestone(2025, "> 60%")],
                implements=pt.TargetLink("national", "converged"),
            )
        ],
        units=AGENCIES,
    )
    early = pt.align(plan, reference, as_of=dt.date(2025, 3, 1)).links[0]
    late = pt.align(plan, reference).links[0]
    assert (early.population, early.required_units, early.reference_required_units) == (3, 2, 3)
    assert (late.population, late.required_units, late.reference_required_units) == (2, 2, 2)


def test_a_period_without_a_milestone_takes_the_schedule_value_marked_interpolated() -> None:
    reference = _plan(
        "national",
        [
            _share(
                "online",
                [pt.Milestone(2024, ">= 50%"), pt.Milestone(2025, ">= 70%")],
            )
        ],
    )
    plan = _plan(
        "province",
        [
            _share(
                "online",
                [pt.Milestone(2025, ">= 70%")],
                baseline=pt.Baseline(2023, "30%"),
                implements=pt.TargetLink("national", "online"),
            )
        ],
        units=AGENCIES,
    )
    first, second = pt.align(plan, reference).links
    assert (first.requirement.value, first.basis, first.interpolated) == (
        Fraction(1, 2),
        "interpolated",
        True,
    )
    assert first.verdict is pt.Verdict.SAME
    assert first.to_dict()["interpolated"] is True
    assert (second.basis, second.interpolated, second.verdict) == (
        "milestone",
        False,
        pt.Verdict.SAME,
    )


def test_requirement_bases() -> None:
    target = _share(
        "t",
        [pt.Milestone(2025, ">= 70%"), pt.Milestone(2027, "> 90%", strive=True)],
        baseline=pt.Baseline(2022, "10%"),
        schedule_values={2024: "50%"},
    )
    found = {
        year: requirement_for(target, pt.Period.year(year))[1:]
        for year in (2021, 2022, 2023, 2024, 2025, 2026, 2030)
    }
    assert found == {
        2021: ("first", False),
        2022: ("baseline", False),
        2023: ("interpolated", False),
        2024: ("schedule", False),
        2025: ("milestone", False),
        2026: ("interpolated", True),
        2030: ("last", True),
    }
    requirement, _, _ = requirement_for(target, pt.Period.year(2026))
    assert (requirement.comparator, requirement.value) == (Comparator.GT, Fraction(4, 5))


@pytest.mark.parametrize(
    ("mine", "theirs", "share", "verdict", "reason"),
    [
        ("> 60%", ">= 80%", True, "looser", None),
        (">= 100%", ">= 90%", True, "stricter", None),
        (">= 100%", "= 100%", True, "same", None),
        (">= 100%", "= 100%", False, "looser", None),
        ("> 80%", ">= 80%", True, "stricter", None),
        ("<= 0%", "= 0%", True, "same", None),
        ("<= 50%", ">= 40%", False, "not_comparable", "overlap"),
        ("< 10%", "> 20%", False, "not_comparable", "disjoint"),
        ("= 50%", ">= 40%", False, "stricter", None),
        ("= true", "= true", False, "same", None),
        ("= true", "= false", False, "not_comparable", "disjoint"),
    ],
)
def test_requirements_compare_as_sets_of_acceptable_values(
    mine: str, theirs: str, share: bool, verdict: str, reason: str | None
) -> None:
    found = compare_requirements(
        pt.Requirement.parse(mine), pt.Requirement.parse(theirs), share=share
    )
    assert found == (pt.Verdict(verdict), reason)


def test_targets_of_different_types_are_not_comparable() -> None:
    reference = _plan("national", [_share("revenue", [pt.Milestone(2025, ">= 30%")])])
    ratio = pt.Target(
        "revenue-to-plan",
        "Revenue to plan",
        pt.Ratio(numerator="revenue", denominator="planned-revenue"),
        [pt.Milestone(2025, ">= 100%")],
        implements=pt.TargetLink("national", "revenue"),
    )
    plan = _plan("province", [ratio], units=AGENCIES)
    log = pt.ObservationLog(
        [
            pt.Observation("revenue", None, 2025, 12),
            pt.Observation("planned-revenue", None, 2025, 10),
        ]
    )
    (link,) = pt.align(plan, reference, log, as_of=dt.date(2026, 1, 1)).links
    assert (link.verdict, link.reason, link.difference) == (
        pt.Verdict.NOT_COMPARABLE,
        "different_types",
        None,
    )
    assert (link.population, link.required_units, link.reference_required_units) == (None,) * 3
    assert (link.status, link.reference_status) == (pt.Status.ACHIEVED, None)


def test_the_plans_data_is_judged_by_both_bars() -> None:
    reference = _plan("national", [_share("converged", [pt.Milestone(2025, ">= 50%")])])
    plan = _plan(
        "province",
        [
            _share(
                "newsroom",
                [pt.Milestone(2025, ">= 30%")],
                implements=pt.TargetLink("national", "converged"),
            )
        ],
        units=AGENCIES,
    )
    log = [
        pt.Observation("ok", "merged", 2025, False),
        pt.Observation("ok", "magazine", 2025, True),
    ]
    (link,) = pt.align(plan, reference, log, as_of=dt.date(2026, 1, 1)).links
    assert (link.status, link.reference_status) == (pt.Status.ACHIEVED, pt.Status.ACHIEVED)
    (link,) = pt.align(
        attrs.evolve(
            plan, targets=[attrs.evolve(plan.targets[0], milestones=[pt.Milestone(2025, ">= 30%")])]
        ),
        attrs.evolve(
            reference,
            targets=[attrs.evolve(reference.targets[0], milestones=[pt.Milestone(2025, "> 50%")])],
        ),
        log,
        as_of=dt.date(2026, 1, 1),
    ).links
    assert (link.status, link.reference_status) == (pt.Status.ACHIEVED, pt.Status.MISSED)
    assert link.to_dict()["actual"] == "1/2"


def test_before_the_deadline_the_reference_bar_uses_the_reference_schedule() -> None:
    reference = _plan(
        "national",
        [_share("online", [pt.Milestone(2025, ">= 70%")], schedule_values={2024: "50%"})],
    )
    plan = _plan(
        "province",
        [
            _share(
                "online",
                [pt.Milestone(2025, ">= 70%")],
                implements=pt.TargetLink("national", "online"),
            )
        ],
        units=AGENCIES,
    )
    log = [
        pt.Observation("ok", unit, 2024, unit != "magazine")
        for unit in ("radio", "paper", "magazine")
    ]
    (link,) = pt.align(plan, reference, log, as_of=dt.date(2025, 1, 1)).links
    # 2 of 3 in 2024: behind 70% (the plan expects 70% before its only milestone), ahead of 50%.
    assert (link.status, link.reference_status) == (pt.Status.OFF_TRACK, pt.Status.ON_TRACK)


def test_no_status_without_observations() -> None:
    reference = _plan("national", [_share("t", [pt.Milestone(2025, ">= 50%")])])
    plan = _plan(
        "province",
        [_share("t", [pt.Milestone(2025, ">= 50%")], implements=pt.TargetLink("national", "t"))],
    )
    data = pt.align(plan, reference).to_dict()
    assert data["as_of"] is None
    assert (data["links"][0]["status"], data["links"][0]["reference_status"]) == (None, None)
    # An empty population needs no unit: no count meets or fails anything.
    assert data["links"][0]["population"] == 0
    assert data["links"][0]["required_units"] is None


def test_observations_need_an_as_of_date() -> None:
    plan = _plan("p", [_share("t", [pt.Milestone(2025, ">= 50%")])])
    with pytest.raises(ValueError, match="as-of"):
        pt.align(plan, plan, [])


def test_unlinked_targets_on_both_sides_are_listed_in_plan_order() -> None:
    reference = _plan(
        "national",
        [_share(name, [pt.Milestone(2025, ">= 50%")]) for name in ("a", "b", "c")],
    )
    plan = _plan(
        "province",
        [
            _share("x", [pt.Milestone(2025, ">= 50%")]),
            _share("y", [pt.Milestone(2025, ">= 50%")], implements=pt.TargetLink("national", "b")),
            _share("z", [pt.Milestone(2025, ">= 50%")]),
        ],
    )
    data = pt.align(plan, reference).to_dict()
    assert data["unlinked"] == ["x", "z"]
    assert data["reference_unlinked"] == ["a", "c"]


def test_a_link_to_a_missing_reference_target_is_a_located_error_listing_every_one() -> None:
    reference = _plan("national", [_share("converged", [pt.Milestone(2025, ">= 80%")])])
    plan = _plan(
        "province",
        [
            _share("a", [pt.Milestone(2025, ">= 50%")], implements=pt.TargetLink("national", "x")),
            _share("b", [pt.Milestone(2025, ">= 50%")]),
            _share(
                "c",
                [pt.Milestone(2025, ">= 50%")],
                implements=pt.TargetLink("national", "convergd"),
            ),
        ],
    )
    with pytest.raises(pt.PlanError) as raised:
        pt.align(plan, reference)
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("targets[0].implements.target", "the reference plan 'national' has no target 'x'"),
        (
            "targets[2].implements.target",
            "the reference plan 'national' has no target 'convergd' (did you mean 'converged'?)",
        ),
    ]


def test_links_to_another_plan_are_named_in_a_notice_not_dropped() -> None:
    reference = _plan("national", [_share("t", [pt.Milestone(2025, ">= 50%")])])
    plan = _plan(
        "province",
        [_share("t", [pt.Milestone(2025, ">= 50%")], implements=pt.TargetLink("other", "t"))],
    )
    alignment = pt.align(plan, reference)
    assert alignment.links == ()
    assert alignment.unlinked == ()
    assert [n.code for n in alignment.notices] == ["links_elsewhere"]
    assert dict(alignment.notices[0].params) == {
        "targets": "t",
        "plans": "other",
        "reference": "national",
    }


def test_target_link_refuses_empty_ids() -> None:
    with pytest.raises(ValueError, match="'target' must be a non-empty id"):
        pt.TargetLink("348-2023", "")


# --- properties -------------------------------------------------------------------------------


def _linked_to_itself(plan: pt.Plan) -> pt.Plan:
    return attrs.evolve(
        plan,
        targets=[
            attrs.evolve(target, implements=pt.TargetLink(plan.id, target.id))
            for target in plan.targets
        ],
    )


@given(plans())
def test_a_plan_aligned_with_itself_is_the_same_everywhere(plan: pt.Plan) -> None:
    linked = _linked_to_itself(plan)
    alignment = pt.align(linked, linked)
    assert len(alignment.links) == sum(len(t.all_milestones) for t in plan.targets)
    assert alignment.unlinked == ()
    assert alignment.reference_unlinked == ()
    for link in alignment.links:
        assert link.verdict is pt.Verdict.SAME
        assert link.interpolated is False
        assert link.difference in (None, 0)
        assert link.required_units == link.reference_required_units


@st.composite
def _requirement_pairs(draw: st.DrawFn) -> tuple[str, list[pt.Requirement], list[pt.Requirement]]:
    kind = draw(st.sampled_from(["threshold-share", "ratio", "boolean"]))
    count = draw(st.integers(1, 3))
    return (
        kind,
        [draw(requirements(kind)) for _ in range(count)],
        [draw(requirements(kind)) for _ in range(count)],
    )


def _target(kind: str, target_id: str, milestones: list[pt.Milestone], link: str) -> pt.Target:
    rule: pt.TargetType
    if kind == "threshold-share":
        rule = pt.ThresholdShare(population="agencies", measure="ok")
    elif kind == "ratio":
        rule = pt.Ratio(numerator="n", denominator="d")
    else:
        rule = pt.BooleanCompliance(measure="b")
    return pt.Target(target_id, target_id, rule, milestones, implements=pt.TargetLink(link, "t"))


@given(_requirement_pairs(), population_sizes, population_sizes)
def test_stricter_and_looser_swap_when_the_plans_swap(
    drawn: tuple[str, list[pt.Requirement], list[pt.Requirement]], size_a: int, size_b: int
) -> None:
    kind, first, second = drawn
    years = range(2025, 2025 + len(first))

    def plan(plan_id: str, other: str, wanted: list[pt.Requirement], size: int) -> pt.Plan:
        milestones = [pt.Milestone(year, r) for year, r in zip(years, wanted, strict=True)]
        units = [pt.Unit(f"{plan_id}{i}", "u") for i in range(size)]
        return _plan(plan_id, [_target(kind, "t", milestones, other)], units=units)

    a, b = plan("a", "b", first, size_a), plan("b", "a", second, size_b)
    forward, backward = pt.align(a, b).links, pt.align(b, a).links
    assert [k.verdict.swapped() for k in forward] == [k.verdict for k in backward]
    assert [k.difference for k in forward] == [
        None if k.difference is None else -k.difference for k in backward
    ]


@given(share_requirements(), share_requirements(), population_sizes)
def test_the_stricter_requirement_never_needs_fewer_units(
    mine: pt.Requirement, theirs: pt.Requirement, size: int
) -> None:
    reference = _plan("national", [_share("t", [pt.Milestone(2025, theirs)])])
    plan = _plan(
        "province",
        [_share("t", [pt.Milestone(2025, mine)], implements=pt.TargetLink("national", "t"))],
        units=[pt.Unit(f"u{i}", "u") for i in range(size)],
    )
    (link,) = pt.align(plan, reference).links
    never = size + 1  # no count of units meets it
    needed = never if link.required_units is None else link.required_units
    reference_needed = (
        never if link.reference_required_units is None else link.reference_required_units
    )
    if link.verdict is pt.Verdict.STRICTER:
        assert needed >= reference_needed
    elif link.verdict is pt.Verdict.LOOSER:
        assert needed <= reference_needed
    elif link.verdict is pt.Verdict.SAME:
        assert needed == reference_needed


@given(st.sampled_from(list(Comparator)), st.fractions(0, 1, max_denominator=20))
def test_a_requirement_is_the_same_as_itself(comparator: Comparator, value: Fraction) -> None:
    requirement = pt.Requirement(comparator, value)
    assert compare_requirements(requirement, requirement, share=False) == (pt.Verdict.SAME, None)


def test_the_notice_of_links_to_another_plan_is_said_in_both_languages() -> None:
    reference = _plan("national", [_share("t", [pt.Milestone(2025, ">= 50%")])])
    plan = _plan(
        "province",
        [_share("t", [pt.Milestone(2025, ">= 50%")], implements=pt.TargetLink("other", "t"))],
    )
    (notice,) = pt.align(plan, reference).notices
    assert notice_text(notice, "en") == str(notice)
    assert notice_text(notice, "vi") == (
        "các chỉ tiêu t triển khai văn bản other, không phải national: không được đối chiếu ở đây"
    )


def test_counts_compare_as_whole_numbers_and_need_that_many_units() -> None:
    def count(target_id: str, require: str, link: pt.TargetLink | None = None) -> pt.Target:
        return pt.Target(
            target_id,
            target_id,
            pt.Count(population="agencies", measure="ok"),
            [pt.Milestone(2025, require)],
            implements=link,
        )

    reference = _plan("national", [count("firms", ">= 3")])
    plan = _plan(
        "province",
        [count("firms", "> 2", pt.TargetLink("national", "firms"))],
        units=AGENCIES,
    )
    (link,) = pt.align(plan, reference).links
    assert (link.verdict, link.difference) == (pt.Verdict.SAME, Fraction(-1))
    # Two agencies at the end of 2025: three cannot be reached.
    assert (link.population, link.required_units, link.reference_required_units) == (2, None, None)
    early = pt.align(plan, reference, as_of=dt.date(2025, 1, 1)).links[0]
    assert (early.population, early.required_units, early.reference_required_units) == (3, 3, 3)


@pytest.mark.parametrize(
    ("mine", "theirs", "verdict"),
    [("> 9", ">= 10", "same"), ("< 1", "= 0", "same"), (">= 10", "> 9.5", "same"),
     ("= 2.5", "<= 1", "stricter"), (">= 11", "> 9", "stricter"), ("<= 3", "< 5", "stricter")],
)  # fmt: skip
def test_whole_number_requirements(mine: str, theirs: str, verdict: str) -> None:
    found = compare_requirements(
        pt.Requirement.parse(mine), pt.Requirement.parse(theirs), whole=True
    )
    assert found[0] is pt.Verdict(verdict)
