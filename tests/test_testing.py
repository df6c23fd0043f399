"""``policytargets.testing``: its strategies, and the recipe of the docs page "Testing your
plans", run on drawn plans and on the Plan 77 example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import policytargets as pt
from policytargets.testing import observation_logs, periods, plans

EXAMPLE = Path(__file__).parent.parent / "examples" / "vinhlong_plan77.toml"
CONTRACT_STATUSES = {
    "achieved", "missed", "on_track", "off_track", "no_data", "lapsed", "not_started",
}  # fmt: skip
as_of_dates = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


# --- the recipe: three properties any plan must have ----------------------------------------


def check_future_data_is_ignored(plan: pt.Plan, log: pt.ObservationLog, as_of: dt.date) -> None:
    """Data for periods that begin after the as-of date never changes the scorecard's
    verdicts: each assessment's status, values, period and evidence."""
    known = pt.ObservationLog([o for o in log if o.period.start <= as_of], notes=log.notes)
    # The whole assessment is not compared yet: a plan-wide yes/no target can still list an
    # empty unit among its unreported units with data after the as-of date (a known problem).
    keys = ("target", "milestone", "status", "actual", "required", "period", "evidence", "gap")

    def verdicts(observations: pt.ObservationLog) -> list[dict[str, object]]:
        card = pt.evaluate(plan, observations, as_of=as_of).to_dict()
        return [{key: a.get(key) for key in keys} for a in card["assessments"]]

    assert verdicts(log) == verdicts(known)


def check_statuses(plan: pt.Plan, log: pt.ObservationLog, as_of: dt.date) -> None:
    """Every status is one of the contract's, and the summary counts them all."""
    card = pt.evaluate(plan, log, as_of=as_of).to_dict()
    statuses = [assessment["status"] for assessment in card["assessments"]]
    assert set(statuses) <= CONTRACT_STATUSES
    assert sum(card["summary"].values()) == len(statuses)


def check_a_unit_that_meets_never_lowers_a_share(
    plan: pt.Plan, log: pt.ObservationLog, as_of: dt.date
) -> None:
    """Adding to a population a unit that meets a share target's condition never lowers the
    share of a milestone already judged, nor turns it from achieved to missed (for targets
    whose condition is "the measure is true")."""
    before = pt.evaluate(plan, log, as_of=as_of)
    for target in plan.targets:
        rule = target.rule
        if not isinstance(rule, pt.ThresholdShare) or rule.condition is not None:
            continue
        newcomer = pt.Unit("unit-added-by-the-test", "A unit that meets")
        populations = [
            attrs.evolve(p, units=[*p.units, newcomer]) if p.id == rule.population else p
            for p in plan.populations
        ]
        bigger = attrs.evolve(plan, populations=populations)
        reports = [
            pt.Observation(rule.measure, newcomer.id, milestone.by, True)
            for milestone in target.all_milestones
        ]
        after = pt.evaluate(bigger, pt.ObservationLog([*log, *reports]), as_of=as_of)
        for old, new in zip(before.for_target(target.id), after.for_target(target.id), strict=True):
            judged = old.status in (pt.Status.ACHIEVED, pt.Status.MISSED)
            if judged and old.actual is not None:
                assert new.actual is not None
                assert new.actual >= old.actual, (target.id, old.milestone.label)
                assert new.status is pt.Status.ACHIEVED or old.status is pt.Status.MISSED


RECIPE = (
    check_future_data_is_ignored,
    check_statuses,
    check_a_unit_that_meets_never_lowers_a_share,
)


# Each example evaluates a plan several times: fewer examples than the profile's other tests.
FEW = settings(max_examples=min(settings().max_examples, 30))


@FEW
@given(plans(), st.data())
def test_the_recipe_holds_for_drawn_plans(plan: pt.Plan, data: st.DataObject) -> None:
    log = data.draw(observation_logs(plan))
    as_of = data.draw(as_of_dates)
    for check in RECIPE:
        check(plan, log, as_of)


@FEW
@given(st.data())
def test_the_recipe_holds_for_plan_77(data: st.DataObject) -> None:
    plan = pt.load_plan(EXAMPLE)
    log = data.draw(observation_logs(plan))
    as_of = data.draw(st.dates(dt.date(2023, 1, 1), dt.date(2031, 12, 31)))
    for check in RECIPE:
        check(plan, log, as_of)


# --- the strategies themselves ----------------------------------------------------------------


@FEW
@given(st.data())
def test_observation_logs_hold_only_what_the_plan_reads(data: st.DataObject) -> None:
    plan = pt.load_plan(EXAMPLE)
    log = data.draw(observation_logs(plan, revisions=False))
    kinds = plan.measures()
    for observation in log:
        expected = {(r.measure, r.unit) for r in plan.expected_reports(observation.period.end)}
        assert (observation.measure, observation.unit) in expected
        assert isinstance(observation.value, bool) == (kinds[observation.measure] == "boolean")
        assert observation.recorded is not None
        assert observation.recorded >= observation.period.end
    keys = [o.key for o in log]
    assert len(keys) == len(set(keys))  # no revisions asked for


@FEW
@given(st.data())
def test_observation_logs_draw_revisions(data: st.DataObject) -> None:
    plan = pt.load_plan(EXAMPLE)
    log = data.draw(observation_logs(plan))
    for observation in log:
        history = log.history(observation.measure, observation.unit, observation.period)
        recorded = [o.recorded for o in history]
        assert recorded == sorted(recorded)


@given(periods(pt.PeriodKind.MONTH, year=2024))
def test_periods_of_a_kind_and_year(period: pt.Period) -> None:
    assert period.kind is pt.PeriodKind.MONTH
    assert period.start.year == period.end.year == 2024


def test_the_contract_statuses_are_the_status_values() -> None:
    assert {status.value for status in pt.Status} <= CONTRACT_STATUSES
