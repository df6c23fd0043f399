"""Statuses, assessments and scorecards, per the contract."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import attrs
import pytest

import policytargets as pt

D = dt.date
Obs = pt.Observation


def plan(*targets: pt.Target) -> pt.Plan:
    return pt.Plan(
        id="p",
        number="77/KH-UBND",
        title="Kế hoạch",
        issuer="UBND",
        issued=D(2023, 10, 30),
        effective=D(2023, 10, 30),
        populations=[
            pt.Population(
                "agencies",
                "Agencies",
                [
                    pt.Unit("paper", "Paper", active_until=D(2025, 4, 13), successor="merged"),
                    pt.Unit("radio", "Radio", active_until=D(2025, 4, 13), successor="merged"),
                    pt.Unit("magazine", "Magazine"),
                    pt.Unit("merged", "Merged", active_from=D(2025, 4, 14)),
                ],
            )
        ],
        targets=targets,
    )


DIGITAL = pt.Target(
    id="digital-platforms",
    title="Nền tảng số",
    rule=pt.ThresholdShare(population="agencies", measure="digital"),
    milestones=[pt.Milestone(2025, ">= 70%"), pt.Milestone(2030, ">= 100%", strive=True)],
    baseline=pt.Baseline(2023, "1/3"),
)
ARTICLES = pt.Target(
    id="new-articles",
    title="Tin bài mới",
    rule=pt.Growth(measure="articles"),
    every=pt.Recurring(2024, 2026, "> 0%"),
)
DATA = [
    Obs("digital", "paper", 2024, True),
    Obs("digital", "radio", 2024, False),
    Obs("digital", "magazine", 2024, True),
    Obs("digital", "merged", 2025, True),
    Obs("digital", "magazine", 2025, False),
    Obs("articles", None, 2023, 50),
    Obs("articles", None, 2024, 60),
    Obs("articles", None, 2025, 55),
]


def statuses(card: pt.Scorecard) -> list[tuple[str, str, str]]:
    return [(a.target.id, a.milestone.label, a.status.value) for a in card.assessments]


def test_statuses_through_the_plan() -> None:
    p = plan(DIGITAL, ARTICLES)
    before = pt.evaluate(p, DATA, as_of=D(2023, 6, 1))
    assert {a.status for a in before.assessments} == {pt.Status.NOT_STARTED}
    mid = pt.evaluate(p, DATA, as_of=D(2024, 12, 31))
    assert statuses(mid) == [
        ("digital-platforms", "2025", "on_track"),  # 2/3 against the expected 31/60 for 2024
        ("digital-platforms", "2030", "on_track"),
        ("new-articles", "2024", "achieved"),
        ("new-articles", "2025", "not_started"),
        ("new-articles", "2026", "not_started"),
    ]
    after = pt.evaluate(p, DATA, as_of=D(2026, 1, 1))
    assert statuses(after) == [
        ("digital-platforms", "2025", "missed"),  # 1 of 2 after the merger
        ("digital-platforms", "2030", "off_track"),
        ("new-articles", "2024", "achieved"),
        ("new-articles", "2025", "missed"),
        ("new-articles", "2026", "off_track"),  # the latest growth, 2025's, is negative
    ]


def test_on_track_compares_with_the_interpolated_expectation() -> None:
    card = pt.evaluate(plan(DIGITAL), DATA, as_of=D(2024, 12, 31))
    first = card.assessments[0]
    assert first.expected == Fraction(1, 3) + (Fraction(7, 10) - Fraction(1, 3)) / 2
    assert first.actual == Fraction(2, 3)
    assert first.period == pt.Period.year(2024)
    off = pt.evaluate(
        plan(DIGITAL), [*DATA[:1], Obs("digital", "magazine", 2024, False)], as_of=D(2024, 12, 31)
    )
    assert off.assessments[0].status is pt.Status.OFF_TRACK


def test_a_missed_deadline_without_data_is_no_data() -> None:
    card = pt.evaluate(plan(DIGITAL), [], as_of=D(2026, 1, 1))
    assert card.assessments[0].status is pt.Status.NO_DATA
    assert card.assessments[0].actual is None
    assert card.assessments[0].note


def test_share_details_and_gap() -> None:
    card = pt.evaluate(plan(DIGITAL), DATA, as_of=D(2026, 1, 1))
    missed = card.assessments[0]
    assert (missed.met_units, missed.population, missed.required_units) == (1, 2, 2)
    assert missed.units_short == 1
    assert missed.gap == Fraction(7, 10) - Fraction(1, 2)


def test_unreported_units_are_listed() -> None:
    card = pt.evaluate(plan(DIGITAL), DATA[:2], as_of=D(2024, 12, 31))
    assert card.assessments[0].unreported_units == ("magazine",)


def test_headline_is_the_next_open_milestone_or_the_last() -> None:
    p = plan(DIGITAL, ARTICLES)
    card = pt.evaluate(p, DATA, as_of=D(2025, 6, 1))
    assert card.headline("digital-platforms").milestone.label == "2025"
    assert card.headline("new-articles").milestone.label == "2025"
    late = pt.evaluate(p, DATA, as_of=D(2031, 1, 1))
    assert late.headline("digital-platforms").milestone.label == "2030"
    assert [a.target.id for a in late.headlines()] == ["digital-platforms", "new-articles"]
    with pytest.raises(KeyError):
        late.headline("nope")


def test_to_dict_has_every_contract_key() -> None:
    card = pt.evaluate(plan(DIGITAL, ARTICLES), DATA, as_of=D(2026, 1, 1))
    data = json.loads(json.dumps(card.to_dict()))
    assert set(data) >= {"plan", "as_of", "assessments", "summary"}
    assert data["plan"] == {"id": "p", "number": "77/KH-UBND", "title": "Kế hoạch"}
    assert data["as_of"] == "2026-01-01"
    share = data["assessments"][0]
    contract = {
        "target",
        "milestone",
        "deadline",
        "status",
        "comparator",
        "required",
        "actual",
        "met_units",
        "population",
        "required_units",
        "unreported_units",
        "strive",
        "evidence",
    }
    assert contract <= set(share)
    assert share["target"] == "digital-platforms"
    assert share["deadline"] == "2025-12-31"
    assert (share["required"], share["actual"], share["comparator"]) == ("7/10", "1/2", ">=")
    assert share["evidence"][0].keys() >= {"measure", "unit", "period", "value", "source"}
    growth = data["assessments"][2]
    assert "met_units" not in growth
    assert data["summary"] == {
        "achieved": 1,
        "missed": 2,
        "on_track": 0,
        "off_track": 2,
        "no_data": 0,
        "lapsed": 0,
        "not_started": 0,
    }
    assert sum(data["summary"].values()) == len(data["assessments"])


def test_observations_of_the_wrong_kind_or_unknown_units_are_errors() -> None:
    bad = [
        Obs("digital", "paper", 2024, 3, origin="d.csv:2"),
        Obs("digital", "ghost", 2024, True, origin="d.csv:3"),
        Obs("articles", None, 2024, True, origin="d.csv:4"),
    ]
    with pytest.raises(pt.DataError) as caught:
        pt.evaluate(plan(DIGITAL, ARTICLES), bad, as_of=D(2025, 1, 1))
    assert len(caught.value.problems) == 3
    assert "d.csv:2" in str(caught.value)
    assert "ghost" in str(caught.value)


def test_unused_measures_and_data_notes_are_notices() -> None:
    log = pt.ObservationLog([Obs("other", None, 2024, 1)], notes=["Số liệu minh họa"])
    card = pt.evaluate(plan(DIGITAL), log, as_of=D(2025, 1, 1))
    assert str(card.notices[0]) == "Số liệu minh họa"
    assert "other" in str(card.notices[1])
    assert card.notices[1].code == "unused_measure"


def test_known_at_reproduces_what_was_known() -> None:
    early = Obs("articles", None, 2025, 55, recorded=D(2025, 12, 10))
    revised = Obs("articles", None, 2025, 65, recorded=D(2026, 3, 1))
    data = [Obs("articles", None, 2024, 60), early, revised]
    then = pt.evaluate(plan(ARTICLES), data, as_of=D(2026, 1, 1), known_at=D(2025, 12, 31))
    now = pt.evaluate(plan(ARTICLES), data, as_of=D(2026, 1, 1))
    assert then.assessments[1].status is pt.Status.MISSED
    assert now.assessments[1].status is pt.Status.ACHIEVED
    assert then.to_dict()["known_at"] == "2025-12-31"


def test_projections_at_the_observed_pace() -> None:
    target = pt.Target(
        id="share",
        title="Share",
        rule=pt.Ratio(numerator="trained", denominator="staff"),
        milestones=[pt.Milestone(2028, ">= 100%")],
    )
    data = [Obs("staff", None, y, 100) for y in (2023, 2024, 2025)]
    data += [
        Obs("trained", None, 2023, 40),
        Obs("trained", None, 2024, 55),
        Obs("trained", None, 2025, 70),
    ]
    card = pt.evaluate(plan(target), data, as_of=D(2026, 1, 1))
    (assessment,) = card.assessments
    linear, cagr = assessment.projections
    assert (linear.method, cagr.method) == ("linear", "cagr")
    assert linear.value_at_deadline == Fraction(115, 100)  # +15 points a year, exactly
    assert assessment.first_met_period(linear) == pt.Period.year(2027)
    assert linear.met_by_deadline
    projected = card.to_dict()["assessments"][0]["projections"][0]
    assert projected == {
        "method": "linear",
        "value_at_deadline": "23/20",
        "first_met": "2027",
        "met_by_deadline": True,
    }


def test_a_projection_that_never_meets_and_judged_milestones_have_none() -> None:
    target = pt.Target(
        id="r",
        title="R",
        rule=pt.Ratio(numerator="a", denominator="b"),
        milestones=[pt.Milestone(2025, ">= 100%"), pt.Milestone(2040, ">= 100%")],
    )
    data = [Obs("b", None, y, 100) for y in (2023, 2024, 2025)]
    data += [Obs("a", None, 2023, 50), Obs("a", None, 2024, 45), Obs("a", None, 2025, 40)]
    card = pt.evaluate(plan(target), data, as_of=D(2026, 1, 1))
    judged, open_ = card.assessments
    assert judged.projections == ()
    assert all(p.first_met is None and not p.met_by_deadline for p in open_.projections)


def test_a_target_can_ask_for_a_trend_method() -> None:
    target = pt.Target(
        id="r",
        title="R",
        rule=pt.Ratio(numerator="a", denominator="b"),
        milestones=[pt.Milestone(2030, ">= 90%")],
        progress=pt.ProgressSpec("statcan"),
    )
    data = [Obs("b", None, y, 100) for y in (2023, 2024, 2025)]
    data += [Obs("a", None, 2023, 50), Obs("a", None, 2024, 60), Obs("a", None, 2025, 70)]
    card = pt.evaluate(plan(target), data, as_of=D(2026, 1, 1))
    progress = card.assessments[0].progress
    assert progress is not None
    assert progress.method == "statcan"
    assert progress.category == "substantial_progress"
    without = pt.evaluate(plan(attrs.evolve(target, progress=None)), data, as_of=D(2026, 1, 1))
    assert card.assessments[0].status is without.assessments[0].status  # never changed by it
    assert card.to_dict()["assessments"][0]["progress"]["category"] == "substantial_progress"


def test_missing_reports_by_the_due_date() -> None:
    late = Obs("digital", "radio", 2024, True, recorded=D(2024, 12, 20))
    data = [
        Obs("digital", "paper", 2024, True, recorded=D(2024, 12, 10)),
        late,
        Obs("digital", "merged", 2025, True, recorded=D(2025, 12, 1)),
    ]
    card = pt.evaluate(plan(DIGITAL), data, as_of=D(2025, 12, 31))
    missing = [(m.unit, m.measure, str(m.period), m.due) for m in card.missing_reports]
    assert missing == [
        ("paper", "digital", "2023", D(2023, 12, 15)),
        ("radio", "digital", "2023", D(2023, 12, 15)),
        ("magazine", "digital", "2023", D(2023, 12, 15)),
        ("radio", "digital", "2024", D(2024, 12, 15)),  # recorded after the due date
        ("magazine", "digital", "2024", D(2024, 12, 15)),
        ("magazine", "digital", "2025", D(2025, 12, 15)),
    ]
    assert card.to_dict()["missing_reports"][0] == {
        "unit": "paper",
        "measure": "digital",
        "period": "2023",
        "due": "2023-12-15",
        "targets": ["digital-platforms"],
        "received": None,
    }
    # Late, not lost: the report arrived five days after it was due.
    assert [m.received for m in card.missing_reports] == [None] * 3 + [D(2024, 12, 20)] + [None] * 2
    assert card.missing_for("digital-platforms") == card.missing_reports
    assert card.missing_for("other") == ()
    before_due = pt.evaluate(plan(DIGITAL), data, as_of=D(2025, 12, 14))
    assert all(m.period.start.year < 2025 for m in before_due.missing_reports)


def test_a_projected_share_stays_within_zero_and_one() -> None:
    data = [
        Obs("digital", "paper", 2023, False),
        Obs("digital", "radio", 2023, False),
        Obs("digital", "magazine", 2023, True),
        Obs("digital", "paper", 2024, True),
        Obs("digital", "radio", 2024, True),
        Obs("digital", "magazine", 2024, True),
    ]
    card = pt.evaluate(plan(DIGITAL), data, as_of=D(2025, 1, 1))
    values = [p.value_at_deadline for a in card.assessments for p in a.projections]
    assert values
    assert all(v is not None and 0 <= v <= 1 for v in values)
    assert Fraction(1) in values  # the linear trend 1/3 → 1 overshoots and is capped


def test_a_missing_report_names_every_target_that_needs_it() -> None:
    again = attrs.evolve(DIGITAL, id="digital-again", baseline=None)
    card = pt.evaluate(plan(DIGITAL, again), [], as_of=D(2026, 1, 1))
    by_year = {str(m.period): m.targets for m in card.missing_reports}
    # Only the target with a 2023 baseline needs the 2023 reports; both need those of 2025.
    assert by_year == {
        "2023": ("digital-platforms",),
        "2024": ("digital-platforms",),
        "2025": ("digital-platforms", "digital-again"),
    }
    assert len([m for m in card.missing_reports if m.period.start.year == 2025]) == 2
